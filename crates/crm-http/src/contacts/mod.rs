//! Contacts of customers (CUS-2).
pub mod dto;
pub mod handlers;
pub mod routes;
