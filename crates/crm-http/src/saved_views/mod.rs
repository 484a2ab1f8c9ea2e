//! Saved list views, each user's own.
pub mod dto;
pub mod handlers;
pub mod routes;

pub const MODULE: crate::modules::Module = crate::modules::Module { name: "saved_views", tags: &[("saved-views", "保存的视图 Saved list views")], mount: routes::mount };
