//! Sign-in, tokens and the caller's own account.
pub mod cookies;
pub mod dto;
pub mod handlers;
pub mod routes;

pub const MODULE: crate::modules::Module = crate::modules::Module { name: "sessions", tags: &[("auth", "Sign-in, tokens, the caller's account")], mount: routes::mount };
