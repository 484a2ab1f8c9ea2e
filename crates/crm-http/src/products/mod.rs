//! Product categories and products (PRD-1, PRD-2).
pub mod dto;
pub mod handlers;
pub mod routes;
