//! Request ids and the access log: every request gets an id (the caller's `X-Request-Id`
//! when sane, else a new one), echoed in the response and written with method, path,
//! status and duration.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage};
use uuid::Uuid;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

tokio::task_local! {
    static CURRENT: String;
}

/// The id of the request being served, for error bodies and logs.
pub fn current_request_id() -> String {
    CURRENT.try_with(Clone::clone).unwrap_or_else(|_| "-".into())
}

#[derive(Clone)]
pub struct RequestId(pub String);

fn incoming_id(req: &ServiceRequest) -> Option<String> {
    let v = req.headers().get(&REQUEST_ID)?.to_str().ok()?;
    (v.len() <= 64 && !v.is_empty() && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')).then(|| v.to_string())
}

pub async fn request_log(req: ServiceRequest, next: Next<impl MessageBody + 'static>) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let id = incoming_id(&req).unwrap_or_else(|| Uuid::now_v7().to_string());
    req.extensions_mut().insert(RequestId(id.clone()));
    let start = Instant::now();
    let method = req.method().clone();
    let path = req.path().to_string();
    // Errors are turned into responses by the guard and the handlers (inside this scope, so
    // their bodies carry the request id); an `Err` here is actix's own and passes through.
    let mut res = CURRENT.scope(id.clone(), async move { next.call(req).await }).await?.map_into_boxed_body();
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(REQUEST_ID, v);
    }
    log::info!(
        target: "crm::access",
        "{id} {method} {path} {} {:.1}ms",
        res.status().as_u16(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    Ok(res)
}
