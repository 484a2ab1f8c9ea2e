//! Product categories and products (PRD-1, PRD-2).
pub mod dto;
pub mod handlers;
pub mod routes;

pub const MODULE: crate::modules::Module = crate::modules::Module { name: "products", tags: &[("products", "产品与类别 Products and categories")], mount: routes::mount };
