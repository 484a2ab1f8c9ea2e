//! Contacts of customers (CUS-2).
pub mod dto;
pub mod handlers;
pub mod routes;

pub const MODULE: crate::modules::Module = crate::modules::Module { name: "contacts", tags: &[("contacts", "联系人 Contacts")], mount: routes::mount };
