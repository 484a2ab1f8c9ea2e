//! A person's notifications (SYS-9); the SPA's bell polls the unread count.
pub mod handlers;
pub mod routes;

pub const MODULE: crate::modules::Module =
    crate::modules::Module { name: "notifications", tags: &[("notifications", "消息通知 Notifications")], mount: routes::mount };
