//! Customers: records, duplicate check, pools.
pub mod dto;
pub mod handlers;
pub mod routes;
