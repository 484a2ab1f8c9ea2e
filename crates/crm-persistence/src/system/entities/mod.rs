pub mod api_token;
pub mod builtin_role_grant;
pub mod department;
pub mod refresh_token;
pub mod role;
pub mod user;
pub mod user_role;
pub mod login_throttle;
