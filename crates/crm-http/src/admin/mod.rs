//! Cross-cutting administration: operation log, dictionaries, recycle bin, health.
pub mod dto;
pub mod handlers;
pub mod routes;
