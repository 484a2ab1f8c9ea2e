//! The one mapping from errors to `application/problem+json` (RFC 9457). 5xx bodies carry
//! only the request id: the cause goes to the log, never to the client.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use crm_domain::{DomainError, ErrorKind, FieldError};
use serde::Serialize;
use serde_json::{json, Value};
use utoipa::ToSchema;

use crate::request_log::current_request_id;

/// An error answer, as every endpoint documents it.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "urn:problem:crm:validation.failed",
    "title": "Unprocessable Content",
    "status": 422,
    "detail": "email: is not a valid e-mail address",
    "code": "validation.failed",
    "errors": [{"field": "email", "code": "invalid", "message": "is not a valid e-mail address"}],
    "request_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f"
}))]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Stable machine-readable code, `<module>.<reason>`.
    pub code: String,
    #[serde(default)]
    pub errors: Vec<ProblemFieldError>,
    pub request_id: String,
    /// `customer.duplicate`: the existing record (only its id and name, and the field
    /// that matched, whoever owns it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate: Option<ProblemDuplicate>,
    /// Batch requests: ids that do not exist or lie outside the caller's data scope.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_ids: Option<Vec<uuid::Uuid>>,
    /// `customer.reclaim_cooldown`: when the caller may claim it again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub available_at: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemDuplicate {
    pub id: uuid::Uuid,
    pub name: String,
    /// `name`, `phone` or `email`.
    pub field: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemFieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

#[derive(Debug)]
pub struct ApiError(pub DomainError);

impl From<DomainError> for ApiError {
    fn from(e: DomainError) -> Self {
        Self(e)
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

pub fn status_of(kind: ErrorKind) -> StatusCode {
    match kind {
        ErrorKind::BadRequest => StatusCode::BAD_REQUEST,
        ErrorKind::Unauthorized => StatusCode::UNAUTHORIZED,
        ErrorKind::Forbidden => StatusCode::FORBIDDEN,
        ErrorKind::NotFound => StatusCode::NOT_FOUND,
        ErrorKind::Conflict => StatusCode::CONFLICT,
        ErrorKind::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
        ErrorKind::Validation => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorKind::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
        ErrorKind::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        ErrorKind::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        ErrorKind::Unavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
    }
}

/// Builds a problem response for any status; used for errors raised outside handlers too
/// (unknown routes, oversized bodies).
pub fn problem_response(status: StatusCode, code: &str, detail: &str, errors: &[FieldError], extra: Option<&Value>) -> HttpResponse {
    let request_id = current_request_id();
    // A 500's cause stays in the log; a 503 says what is unavailable, which leaks nothing.
    let internal = status.is_server_error() && status != StatusCode::SERVICE_UNAVAILABLE;
    let mut body = json!({
        "type": format!("urn:problem:crm:{code}"),
        "title": status.canonical_reason().unwrap_or("Error"),
        "status": status.as_u16(),
        "detail": if internal { format!("an internal error occurred; quote request id {request_id}") } else { detail.to_string() },
        "code": if internal { "internal" } else { code },
        "errors": if internal { json!([]) } else { json!(errors) },
        "request_id": request_id,
    });
    if let (Some(Value::Object(extra)), Some(obj), false) = (extra, body.as_object_mut(), internal) {
        for (k, v) in extra {
            if k == "errors" {
                if let Some(Value::Array(list)) = obj.get_mut("errors") {
                    if let Value::Array(more) = v {
                        list.extend(more.iter().cloned());
                    }
                }
            } else {
                obj.insert(k.clone(), v.clone());
            }
        }
    }
    let mut res = HttpResponse::build(status);
    res.insert_header((header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json")));
    res.body(body.to_string())
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        status_of(self.0.kind)
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if status == StatusCode::INTERNAL_SERVER_ERROR {
            log::error!("request {} failed: {}", current_request_id(), self.0);
        }
        let mut res = problem_response(status, &self.0.code, &self.0.message, &self.0.errors, self.0.extra.as_ref());
        if let ErrorKind::TooManyRequests { retry_after_secs } | ErrorKind::Unavailable { retry_after_secs } = self.0.kind {
            if let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        res
    }
}

pub fn bad_request(code: &str, message: impl Into<String>, field: Option<&str>) -> ApiError {
    let message = message.into();
    let mut e = DomainError::bad_request(code, message.clone());
    if let Some(f) = field {
        e.errors.push(FieldError { field: f.into(), code: "invalid".into(), message });
    }
    ApiError(e)
}
