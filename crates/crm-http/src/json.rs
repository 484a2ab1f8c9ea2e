//! The validating JSON extractor: JSON only (415), at most 1 MiB (413), no control
//! characters (422, `text_input`), objects where the schema has objects (`strict_json`),
//! and serde errors that name the field at fault (400).

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest};
use crm_domain::{DomainError, ErrorKind};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;

use crate::problem::{bad_request, ApiError};

pub const BODY_LIMIT: usize = 1024 * 1024;

pub struct ValidJson<T>(pub T);

/// A body that may be left out entirely (no bytes at all); when sent, it is read as
/// `ValidJson` reads it.
pub struct OptionalJson<T>(pub Option<T>);

impl<T: DeserializeOwned + 'static> FromRequest for ValidJson<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let read = read(req, payload, false);
        Box::pin(async move {
            match read.await? {
                Some(v) => Ok(ValidJson(v)),
                None => Err(bad_request("body.invalid", "malformed JSON body: the body is empty", Some("body"))),
            }
        })
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for OptionalJson<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let read = read(req, payload, true);
        Box::pin(async move { read.await.map(OptionalJson) })
    }
}

fn read<T: DeserializeOwned + 'static>(req: &HttpRequest, payload: &mut Payload, may_be_empty: bool) -> impl Future<Output = Result<Option<T>, ApiError>> {
    let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase();
    let declared_len = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    let mut payload = payload.take();
    async move {
        if declared_len.is_some_and(|n| n > BODY_LIMIT) {
            return Err(too_large());
        }
        let mut body = Vec::new();
        while let Some(chunk) = payload.next().await {
            let chunk = chunk.map_err(|_| bad_request("body.unreadable", "the request body could not be read", None))?;
            if body.len() + chunk.len() > BODY_LIMIT {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        // An optional body may be left out, or sent as `null`.
        if may_be_empty && (body.is_empty() || body.trim_ascii() == b"null") {
            return Ok(None);
        }
        if !content_type.starts_with("application/json") {
            return Err(ApiError(DomainError::new(
                ErrorKind::UnsupportedMediaType,
                "body.unsupported_media_type",
                "send the body as Content-Type: application/json",
            )));
        }
        crate::text_input::check_json(&body)?;
        let de = &mut serde_json::Deserializer::from_slice(&body);
        let parsed = serde_path_to_error::deserialize::<_, T>(crate::strict_json::Strict(&mut *de));
        // Text after the value is malformed JSON too.
        if parsed.is_ok() {
            de.end().map_err(|e| bad_request("body.invalid", format!("malformed JSON body: {e}"), Some("body")))?;
        }
        match parsed {
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                let path = e.path().to_string();
                let inner = e.into_inner();
                let field = if path == "." || path.is_empty() { None } else { Some(path.as_str()) };
                let message = match field {
                    Some(f) => format!("{f}: {inner}"),
                    None => format!("malformed JSON body: {inner}"),
                };
                Err(bad_request("body.invalid", message, field.or(Some("body"))))
            }
        }
    }
}

pub fn too_large() -> ApiError {
    ApiError(DomainError::new(ErrorKind::PayloadTooLarge, "body.too_large", "the request body is larger than 1 MiB"))
}
