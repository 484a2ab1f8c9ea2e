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

    /// The records a refused value duplicates, as the duplicate check put them in `extra`:
    /// a 409's `duplicate` (one stored record, `duplicate`), or a batch check's
    /// `duplicates` (each field's stored record, or the earlier item of the same batch,
    /// `duplicates_in`). An import's `on_duplicate: update` changes the one it names.
    pub fn duplicates_of(&self) -> Vec<DuplicateOf> {
        let Some(extra) = &self.extra else { return Vec::new() };
        let one = extra.get("duplicate").into_iter();
        let many = extra.get("duplicates").and_then(|d| d.as_array()).into_iter().flatten();
        one.chain(many).filter_map(|d| serde_json::from_value(d.clone()).ok()).collect()
    }

    /// `self` naming, in `extra`, the records its duplicate field errors collide with.
    pub fn duplicates_in(self, found: Vec<DuplicateOf>) -> Self {
        self.with_extra(serde_json::json!({ "duplicates": found }))
    }
}

/// What a value duplicates: a stored record (`id`), or an earlier item of the same batch
/// that is not stored yet (`item`, its index).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct DuplicateOf {
    pub field: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<uuid::Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<usize>,
}

pub type DomainResult<T> = Result<T, DomainError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_duplicate_names_the_record_it_collides_with() {
        let id = uuid::Uuid::now_v7();
        let one = DomainError::duplicate("supplier.duplicate", "x".into(), "name", "same".into(), id, "甲");
        assert_eq!(one.duplicates_of(), vec![DuplicateOf { field: "name".into(), id: Some(id), item: None }]);
        let found = vec![DuplicateOf { field: "name".into(), id: Some(id), item: None }, DuplicateOf { field: "phone".into(), id: None, item: Some(3) }];
        let many = DomainError::invalid_field("name", "duplicate", "x").duplicates_in(found.clone());
        assert_eq!(many.duplicates_of(), found);
        assert!(DomainError::conflict("conflict.duplicate", "x").duplicates_of().is_empty());
    }
}
