//! Sign-in, tokens and the caller's own account.
pub mod cookies;
pub mod dto;
pub mod handlers;
pub mod routes;
