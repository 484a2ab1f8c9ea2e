//! Follow-ups of customers (CUS-9).
pub mod dto;
pub mod handlers;
pub mod routes;

pub const MODULE: crate::modules::Module = crate::modules::Module { name: "follow_ups", tags: &[("follow-ups", "跟进记录 Follow-ups")], mount: routes::mount };
