//! Control characters are refused at the door, once for every endpoint: in JSON bodies,
//! query strings and path parameters. PostgreSQL cannot store NUL in text, SQLite's
//! full-text layer chokes on it, and no field of a CRM holds a control character. Tab,
//! line feed and carriage return pass here; the domain's validator refuses them in
//! fields that hold one line.

use actix_web::dev::ServiceRequest;
use crm_domain::{DomainError, FieldError};
use serde_json::Value;

use crate::problem::{bad_request, ApiError};

/// A control character (Unicode category Cc) other than the three whitespace ones.
fn forbidden(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Whether a JSON text can hold a forbidden character at all. Raw C0 characters are
/// invalid JSON (the parser refuses them), so one can only arrive escaped (`\u0000`), as a
/// raw DEL, or as a raw C1 character (UTF-8 `C2 80`..`C2 9F`): most bodies are cleared by
/// this scan without being parsed twice.
fn may_hold_control(body: &[u8]) -> bool {
    body.windows(2).any(|w| matches!(w, [b'\\', b'u'] | [0xC2, 0x80..=0x9F])) || body.contains(&0x7F)
}

/// The first string (or object key) of a JSON body with a forbidden character, by its
/// path (`items[2].name`), as a 422 naming it.
pub fn check_json(body: &[u8]) -> Result<(), ApiError> {
    if !may_hold_control(body) {
        return Ok(());
    }
    // Malformed JSON is the deserializer's to report, with its own message.
    let Ok(value) = serde_json::from_slice::<Value>(body) else { return Ok(()) };
    match find(&value, &mut String::new()) {
        None => Ok(()),
        Some(path) => Err(control_in_field(if path.is_empty() { "body" } else { &path })),
    }
}

fn find(v: &Value, path: &mut String) -> Option<String> {
    match v {
        Value::String(s) => s.chars().any(forbidden).then(|| path.clone()),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, item)| {
            let len = path.len();
            path.push_str(&format!("[{i}]"));
            let hit = find(item, path);
            path.truncate(len);
            hit
        }),
        Value::Object(map) => map.iter().find_map(|(k, item)| {
            let len = path.len();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(k);
            let hit = if k.chars().any(forbidden) { Some(path.clone()) } else { find(item, path) };
            path.truncate(len);
            hit
        }),
        _ => None,
    }
}

fn control_in_field(field: &str) -> ApiError {
    let message = "must not contain control characters (such as NUL)";
    ApiError(DomainError::validation(vec![FieldError { field: field.to_string(), code: "control_character".into(), message: message.into() }]))
}

/// Query parameters that may be sent empty: an empty search or sort is no search or sort.
const MAY_BE_EMPTY: &[&str] = &["q", "sort"];

/// Query parameters and path parameters, names and values, decoded. A query parameter
/// holds one line, so tab and line breaks are refused there too. A parameter sent empty
/// (`owner_id=`) is a mistake, not "no filter": it must not list everyone's records as
/// if it had been left out.
pub fn check_request(req: &ServiceRequest) -> Result<(), ApiError> {
    let query = req.query_string();
    if !query.is_empty() {
        for (k, v) in form_urlencoded::parse(query.as_bytes()) {
            if k.chars().chain(v.chars()).any(char::is_control) {
                let name: String = k.chars().filter(|c| !c.is_control()).collect();
                return Err(bad_request("query.invalid", format!("{name}: must not contain control characters"), Some(&name)));
            }
            if v.is_empty() && !MAY_BE_EMPTY.contains(&k.as_ref()) {
                return Err(bad_request("query.invalid", format!("{k} must not be empty; leave it out instead"), Some(&k)));
            }
        }
    }
    for (name, value) in req.match_info().iter() {
        if value.chars().any(char::is_control) {
            return Err(bad_request("path.invalid", format!("{name}: must not contain control characters"), Some(name)));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_escaped_and_raw_control_characters_by_path() {
        assert!(check_json(br#"{"name":"ACME","remark":"two\nlines\ttab"}"#).is_ok());
        assert!(check_json(br#"{"name":"a\\u0000b"}"#).is_ok(), "an escaped backslash followed by text is no control character");
        let e = check_json(br#"{"items":[{"name":"ok"},{"name":"bad\u0000"}]}"#).unwrap_err();
        assert_eq!(e.0.errors[0].field, "items[1].name");
        let e = check_json("{\"name\":\"del\u{7f}\"}".as_bytes()).unwrap_err();
        assert_eq!(e.0.errors[0].field, "name");
        let e = check_json("{\"a\":{\"b\":\"c1\u{85}\"}}".as_bytes()).unwrap_err();
        assert_eq!(e.0.errors[0].field, "a.b");
        let e = check_json(br#"{"k\u0001":1}"#).unwrap_err();
        assert_eq!(e.0.errors[0].field, "k\u{1}");
        assert!(check_json(br#""\u0000""#).is_err());
        assert!(check_json("{\"name\":\"中文 Ünïcode\"}".as_bytes()).is_ok());
    }
}
