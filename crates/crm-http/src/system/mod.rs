//! Organisation: users, departments, roles and the permission catalogue.
pub mod dto;
pub mod handlers;
pub mod routes;
