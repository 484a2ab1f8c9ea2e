//! Follow-ups of customers (CUS-9).
pub mod dto;
pub mod handlers;
pub mod routes;
