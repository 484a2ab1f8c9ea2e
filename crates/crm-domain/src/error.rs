//! The one error type every layer speaks. The HTTP crate maps `ErrorKind` to a status code
//! and the rest to problem+json, so a rule written here gets the same answer everywhere.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    PreconditionFailed,
    Validation,
    TooManyRequests { retry_after_secs: u64 },
    PayloadTooLarge,
    UnsupportedMediaType,
    Internal,
    /// A dependency (the database) cannot be reached for now: 503 with `Retry-After`.
    Unavailable { retry_after_secs: u64 },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone, thiserror::Error)]
#[error("{code}: {message}")]
pub struct DomainError {
    pub kind: ErrorKind,
    /// Stable machine-readable code, `<module>.<reason>`.
    pub code: String,
    pub message: String,
    pub errors: Vec<FieldError>,
    /// Extra members for the problem document, e.g. the id of a conflicting record.
    pub extra: Option<serde_json::Value>,
}

impl DomainError {
    pub fn new(kind: ErrorKind, code: impl Into<String>, message: impl Into<String>) -> Self {
        Self { kind, code: code.into(), message: message.into(), errors: Vec::new(), extra: None }
    }
    pub fn bad_request(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::BadRequest, code, message)
    }
    /// `entity` in words ("customer group"): the code joins them with `_`
    /// (`customer_group.not_found`), the message keeps them.
    pub fn not_found(entity: &str) -> Self {
        Self::new(ErrorKind::NotFound, format!("{}.not_found", entity.replace(' ', "_")), format!("{entity} not found"))
    }
    pub fn conflict(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Conflict, code, message)
    }
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Forbidden, "auth.forbidden", message)
    }
    pub fn forbidden_code(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Forbidden, code, message)
    }
    pub fn unauthorized(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Unauthorized, code, message)
    }
    pub fn stale_version() -> Self {
        Self::new(
            ErrorKind::PreconditionFailed,
            "version.stale",
            "the record was changed by someone else; reload it and try again",
        )
    }
    pub fn unavailable(retry_after_secs: u64, code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Unavailable { retry_after_secs }, code, message)
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Internal, "internal", message)
    }
    /// A 422 with one field error.
    pub fn invalid_field(field: &str, code: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        Self::validation(vec![FieldError { field: field.into(), code: code.into(), message }])
    }
    pub fn validation(errors: Vec<FieldError>) -> Self {
        let detail = errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect::<Vec<_>>()
            .join("; ");
        Self {
            kind: ErrorKind::Validation,
            code: "validation.failed".into(),
            message: detail,
            errors,
            extra: None,
        }
    }
    /// A 409 for a value another record already holds: the field at fault, and that
    /// record's id and name as the problem's `duplicate` (whoever owns it).
    pub fn duplicate(code: &str, message: String, field: &str, field_message: String, id: uuid::Uuid, name: &str) -> Self {
        Self::conflict(code, message).with_extra(serde_json::json!({
            "errors": [{"field": field, "code": "duplicate", "message": field_message}],
            "duplicate": {"id": id, "name": name, "field": field},
        }))
    }
    pub fn with_extra(mut self, extra: serde_json::Value) -> Self {
        self.extra = Some(extra);
        self
    }
}

pub type DomainResult<T> = Result<T, DomainError>;
