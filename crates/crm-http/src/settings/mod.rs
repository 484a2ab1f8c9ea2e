//! Settings an administrator changes while the server runs: the SMTP server.
pub mod handlers;
pub mod routes;

pub const MODULE: crate::modules::Module = crate::modules::Module { name: "settings", tags: &[("settings", "系统设置 Settings")], mount: routes::mount };
