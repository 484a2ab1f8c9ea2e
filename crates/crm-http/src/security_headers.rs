//! Headers every response carries, so a browser limits what an injected script or a
//! hostile page can do with ours:
//! - a strict Content-Security-Policy: the SPA and the API docs run only scripts of this
//!   origin (no inline script; styles may be inline, as Ant Design writes its CSS at run
//!   time), connect only here, and may not be framed; other responses may load nothing;
//! - `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`, `Referrer-Policy:
//!   no-referrer`, and HSTS when the request came over HTTPS;
//! - `Cache-Control: no-store` on API answers (personal data, tokens) unless a handler
//!   chose otherwise.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::Error;

const PAGE_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; \
connect-src 'self'; frame-src blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const OTHER_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

pub async fn security_headers(req: ServiceRequest, next: Next<impl MessageBody + 'static>) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let https = req.connection_info().scheme() == "https";
    let api = req.path().starts_with("/api/") && req.path() != "/api/docs";
    let mut res = next.call(req).await?;
    let html = res.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"));
    let h = res.headers_mut();
    // A handler that set its own policy (a file's content: `drive`) keeps it.
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(if html { PAGE_CSP } else { OTHER_CSP }));
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    if https {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    if api && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(res)
}
