//! Customers: records, duplicate check, pools.
pub mod dto;
pub mod handlers;
pub mod routes;

pub const MODULE: crate::modules::Module = crate::modules::Module { name: "customers", tags: &[("customers", "客户 Customers and the four pools")], mount: routes::mount };
