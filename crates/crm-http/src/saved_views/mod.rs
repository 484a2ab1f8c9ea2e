//! Saved list views, each user's own.
pub mod dto;
pub mod handlers;
pub mod routes;
