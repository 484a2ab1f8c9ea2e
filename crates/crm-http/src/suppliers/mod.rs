//! Suppliers with price lists and served customers (PRD-3).
pub mod dto;
pub mod handlers;
pub mod routes;
