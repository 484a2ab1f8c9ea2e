//! `ETag: "<version>"` on reads and `If-Match` on writes.

use std::future::{ready, Ready};

use actix_web::dev::Payload;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{FromRequest, HttpRequest, HttpResponse};
use serde::Serialize;

use crate::problem::{bad_request, ApiError};

/// The version the caller last read, if it sent `If-Match`.
pub struct IfMatch(pub Option<i32>);

impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        // An empty header says no more than an absent one.
        let Some(raw) = req.headers().get(header::IF_MATCH).filter(|v| !v.is_empty()) else { return ready(Ok(IfMatch(None))) };
        let parsed = raw.to_str().ok().and_then(parse_if_match);
        ready(parsed.map(IfMatch).ok_or_else(|| bad_request("if_match.invalid", "If-Match must be the quoted version from the ETag, e.g. \"3\"", Some("If-Match"))))
    }
}

/// `*`, `"N"` or `W/"N"` with N of 1 to 9 digits (`openapi_rules::IF_MATCH_PATTERN`);
/// `Some(None)` is `*`, any version.
fn parse_if_match(s: &str) -> Option<Option<i32>> {
    if s == "*" {
        return Some(None);
    }
    let digits = s.strip_prefix("W/").unwrap_or(s).strip_prefix('"')?.strip_suffix('"')?;
    ((1..=9).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())).then(|| digits.parse().ok()).flatten().map(Some)
}

pub fn etag_value(version: i32) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\"")).unwrap_or(HeaderValue::from_static("\"0\""))
}

/// 200 with the body and, when the record is versioned, its ETag.
pub fn ok<T: Serialize>(body: &T, version: Option<i32>) -> HttpResponse {
    let mut r = HttpResponse::Ok();
    if let Some(v) = version {
        r.insert_header((header::ETAG, etag_value(v)));
    }
    r.json(body)
}

/// 201 with the body, its `Location` and ETag.
pub fn created<T: Serialize>(body: &T, location: String, version: Option<i32>) -> HttpResponse {
    let mut r = HttpResponse::Created();
    r.insert_header((header::LOCATION, location));
    if let Some(v) = version {
        r.insert_header((header::ETAG, etag_value(v)));
    }
    r.json(body)
}

#[cfg(test)]
mod tests {
    use super::parse_if_match;

    #[test]
    fn if_match_takes_exactly_the_documented_forms() {
        assert_eq!(parse_if_match("\"3\""), Some(Some(3)));
        assert_eq!(parse_if_match("W/\"12\""), Some(Some(12)));
        assert_eq!(parse_if_match("*"), Some(None));
        for bad in ["3", "\"3", "\"-1\"", "\"\"", "\"1234567890\"", " \"3\"", "\"3\",\"4\""] {
            assert_eq!(parse_if_match(bad), None, "{bad}");
        }
    }
}
