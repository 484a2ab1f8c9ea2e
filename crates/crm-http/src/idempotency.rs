//! `Idempotency-Key` on POST: the first answer for (caller, key) is stored and replayed for
//! 24 hours; the same key with another body is a 422.

use actix_web::body::{self, BoxBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::{web, Error, HttpResponse};
use chrono::Utc;
use crm_domain::DomainError;
use crm_persistence::idempotency::{self as store, Claim};
use crm_persistence::passwords::sha256_hex;
use serde_json::{json, Map, Value};

use crate::problem::{bad_request, ApiError};
use crate::state::AppState;

pub const HEADER: &str = "idempotency-key";
const REPLAYED: &[&str] = &["content-type", "location", "etag"];

pub async fn run(mut req: ServiceRequest, next: Next<BoxBody>, principal: String) -> Result<ServiceResponse<BoxBody>, Error> {
    let (state, key) = match claim(&mut req, &principal).await {
        Ok(Some(replay)) => return Ok(req.into_response(replay)),
        Ok(None) => match (req.app_data::<web::Data<AppState>>().cloned(), key_of(&req)) {
            (Some(state), Ok(key)) => (state, key),
            _ => return Ok(req.error_response(ApiError(DomainError::internal("idempotency state")))),
        },
        Err(e) => return Ok(req.error_response(e)),
    };
    let res = match next.call(req).await {
        Ok(r) => r,
        Err(e) => {
            let _ = store::release(&state.db, &principal, &key).await;
            return Err(e);
        }
    };
    let status = res.status();
    if status.is_server_error() {
        let _ = store::release(&state.db, &principal, &key).await;
        return Ok(res);
    }
    let (http_req, response) = res.into_parts();
    let (head, body) = response.into_parts();
    let Ok(bytes) = body::to_bytes(body).await else {
        let _ = store::release(&state.db, &principal, &key).await;
        return Ok(ServiceResponse::new(http_req, actix_web::ResponseError::error_response(&ApiError(DomainError::internal("response body")))));
    };
    let mut headers = Map::new();
    for name in REPLAYED {
        if let Some(v) = head.headers().get(*name).and_then(|v| v.to_str().ok()) {
            headers.insert((*name).to_string(), json!(v));
        }
    }
    let text = String::from_utf8_lossy(&bytes).into_owned();
    if let Err(e) = store::complete(&state.db, &principal, &key, status.as_u16(), text, Value::Object(headers)).await {
        log::error!("idempotency: cannot store the answer: {e}");
    }
    Ok(ServiceResponse::new(http_req, head.set_body(BoxBody::new(bytes))))
}

/// 1 to 255 visible ASCII characters (`openapi_rules::IDEMPOTENCY_KEY_PATTERN`).
pub fn key_of(req: &ServiceRequest) -> Result<String, ApiError> {
    req.headers()
        .get(HEADER)
        .map(|v| v.as_bytes())
        .filter(|k| (1..=255).contains(&k.len()) && k.iter().all(|b| (b'!'..=b'~').contains(b)))
        .map(|k| String::from_utf8_lossy(k).into_owned())
        .ok_or_else(|| bad_request("idempotency.invalid_key", "Idempotency-Key must be 1-255 visible ASCII characters without spaces", Some("Idempotency-Key")))
}

/// Claims the key; `Some` is the stored answer to replay.
async fn claim(req: &mut ServiceRequest, principal: &str) -> Result<Option<HttpResponse>, ApiError> {
    let key = key_of(req)?;
    let state = req.app_data::<web::Data<AppState>>().ok_or_else(|| ApiError(DomainError::internal("no app state")))?.clone();
    let bytes = req.extract::<web::Bytes>().await.map_err(|_| crate::json::too_large())?;
    let hash = sha256_hex(&format!("{} {}\n{}", req.method(), req.path(), String::from_utf8_lossy(&bytes)));
    req.set_payload(bytes.into());
    match store::claim(&state.db, principal, &key, &hash, Utc::now()).await.map_err(ApiError)? {
        Claim::Replay { status, body, headers } => {
            let mut res = HttpResponse::build(StatusCode::from_u16(status).unwrap_or(StatusCode::OK));
            if let Value::Object(h) = headers {
                for (k, v) in h {
                    if let (Ok(name), Some(Ok(value))) = (HeaderName::try_from(k.as_str()), v.as_str().map(HeaderValue::from_str)) {
                        res.insert_header((name, value));
                    }
                }
            }
            res.insert_header(("idempotent-replayed", "true"));
            Ok(Some(res.body(body)))
        }
        Claim::New => Ok(None),
    }
}
