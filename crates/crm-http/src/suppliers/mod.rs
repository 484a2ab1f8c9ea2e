//! Suppliers with price lists and served customers (PRD-3).
pub mod dto;
pub mod handlers;
pub mod routes;

pub const MODULE: crate::modules::Module = crate::modules::Module { name: "suppliers", tags: &[("suppliers", "供应商 Suppliers, price lists, served customers")], mount: routes::mount };
