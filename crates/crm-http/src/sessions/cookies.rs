//! The cookies of browser sessions.
//! - `crm_refresh`: the refresh token, `HttpOnly` and `SameSite=Strict`, sent only to
//!   `/api/v1/auth`, so a script injected into the page cannot read it; `Secure` when the
//!   request came over HTTPS (directly or through a proxy that says so).
//! - `crm_csrf`: a random value the SPA reads and echoes in `X-CSRF-Token` when it
//!   refreshes or signs out by cookie (double submit): another site can make the browser
//!   send the cookie, never the header.
//! - `crm_device`: marks a browser that signed in with a login name before, signed with
//!   the server's secret and bound to that name; sign-in throttling lets it through
//!   (`login_guard`, `crm_persistence::login_throttle`).

use actix_web::cookie::{time, Cookie, SameSite};
use actix_web::{HttpRequest, HttpResponseBuilder};
use crm_domain::DomainError;
use crm_persistence::auth::REFRESH_TOKEN_DAYS;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use uuid::Uuid;

use crate::problem::ApiError;

pub const REFRESH: &str = "crm_refresh";
pub const CSRF: &str = "crm_csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";
pub const DEVICE: &str = "crm_device";
const AUTH_PATH: &str = "/api/v1/auth";
const LOGIN_PATH: &str = "/api/v1/auth/login";
const DEVICE_DAYS: i64 = 365;

fn secure(req: &HttpRequest) -> bool {
    req.connection_info().scheme() == "https"
}

fn cookie<'a>(req: &HttpRequest, name: &'a str, value: String, path: &'a str, days: i64, http_only: bool) -> Cookie<'a> {
    Cookie::build(name, value)
        .path(path)
        .http_only(http_only)
        .secure(secure(req))
        .same_site(SameSite::Strict)
        .max_age(time::Duration::days(days))
        .finish()
}

/// Sets the session cookies for a browser: the refresh token and a fresh CSRF value.
pub fn set_session(res: &mut HttpResponseBuilder, req: &HttpRequest, refresh_token: String) {
    res.cookie(cookie(req, REFRESH, refresh_token, AUTH_PATH, REFRESH_TOKEN_DAYS, true));
    res.cookie(cookie(req, CSRF, crm_persistence::passwords::random_secret(32), "/", REFRESH_TOKEN_DAYS, false));
}

/// Removes the session cookies (sign-out).
pub fn clear_session(res: &mut HttpResponseBuilder, req: &HttpRequest) {
    for (name, path, http_only) in [(REFRESH, AUTH_PATH, true), (CSRF, "/", false)] {
        let mut c = cookie(req, name, String::new(), path, 0, http_only);
        c.make_removal();
        res.cookie(c);
    }
}

/// The refresh token of the cookie, when the request also carries the CSRF value;
/// `None` when there is no cookie.
pub fn refresh_token(req: &HttpRequest) -> Result<Option<String>, ApiError> {
    let Some(token) = req.cookie(REFRESH).map(|c| c.value().to_string()).filter(|v| !v.is_empty()) else { return Ok(None) };
    let expected = req.cookie(CSRF).map(|c| c.value().to_string()).unwrap_or_default();
    let sent = req.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or_default();
    if expected.is_empty() || sent.len() != expected.len() || !constant_time_eq(sent.as_bytes(), expected.as_bytes()) {
        return Err(ApiError(DomainError::forbidden_code("auth.csrf", "send the crm_csrf cookie's value in X-CSRF-Token to use the session cookie")));
    }
    Ok(Some(token))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn device_mac(secret: &[u8], device: Uuid, login: &str) -> Option<Hmac<Sha256>> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).ok()?;
    mac.update(b"crm-device\0");
    mac.update(device.as_bytes());
    mac.update(crm_persistence::login_throttle::name_key(login).as_bytes());
    Some(mac)
}

/// The device of the request's cookie, when it was signed for `login`.
pub fn device(req: &HttpRequest, secret: &[u8], login: &str) -> Option<Uuid> {
    let c = req.cookie(DEVICE)?;
    let (id, tag) = c.value().split_once('.')?;
    let device = Uuid::parse_str(id).ok()?;
    let tag = hex::decode(tag).ok()?;
    device_mac(secret, device, login)?.verify_slice(&tag).ok()?;
    Some(device)
}

/// Marks the browser as one `login` signed in from (keeping its device id if it had one).
pub fn set_device(res: &mut HttpResponseBuilder, req: &HttpRequest, secret: &[u8], login: &str, device: Option<Uuid>) {
    let device = device.unwrap_or_else(Uuid::now_v7);
    if let Some(mac) = device_mac(secret, device, login) {
        let value = format!("{device}.{}", hex::encode(mac.finalize().into_bytes()));
        res.cookie(cookie(req, DEVICE, value, LOGIN_PATH, DEVICE_DAYS, true));
    }
}
