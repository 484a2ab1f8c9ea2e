//! What every operation shares, written into the OpenAPI document from the route table
//! rather than by hand on each handler, so the document states every rule the shared
//! mechanisms enforce and every status they can answer:
//! - errors are `application/problem+json`;
//! - the guard: 400 (control characters in the query or path, a malformed parameter),
//!   401 for signed-in routes, 403 for routes with a permission or for people only
//!   (`Access::Session`), 429 (rate limits, with `Retry-After` and `RateLimit-*`), 503
//!   (database unavailable, with `Retry-After`);
//! - a JSON body: 400, 413, 415, 422;
//! - `Idempotency-Key` on every POST (its format, and 409 / 422 for a key in use or reused
//!   with another body); `If-Match` where a handler takes it (its format, and 412).

use serde_json::{json, Map, Value};

use crate::guard::RouteInfo;
use crm_domain::permissions::Access;

/// The format `etag::IfMatch` accepts.
pub const IF_MATCH_PATTERN: &str = r#"^(\*|(W/)?"[0-9]{1,9}")$"#;
/// The format `idempotency` accepts: 1 to 255 visible ASCII characters.
pub const IDEMPOTENCY_KEY_PATTERN: &str = "^[!-~]{1,255}$";

fn problem(description: &str) -> Value {
    json!({"description": description, "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}})
}

fn with_headers(mut response: Value, headers: Value) -> Value {
    if let Some(r) = response.as_object_mut() {
        r.insert("headers".into(), headers);
    }
    response
}

fn retry_after() -> Value {
    json!({"description": "seconds to wait before trying again", "schema": {"type": "integer", "minimum": 1}})
}

fn rate_limit_headers() -> Value {
    json!({
        "Retry-After": retry_after(),
        "RateLimit-Limit": {"description": "requests the caller's budget holds", "schema": {"type": "integer"}},
        "RateLimit-Remaining": {"description": "requests left in it now", "schema": {"type": "integer"}},
        "RateLimit-Reset": {"description": "seconds until it is full again", "schema": {"type": "integer"}},
    })
}

/// Adds `status` unless the handler documented it itself.
fn add(responses: &mut Map<String, Value>, status: &str, response: Value) {
    responses.entry(status.to_string()).or_insert(response);
}

/// Applies the shared rules to `doc` (the document as JSON).
pub fn apply(doc: &mut Value, routes: &[RouteInfo]) {
    for r in routes {
        let method = r.method.as_str().to_ascii_lowercase();
        let Some(op) = doc.pointer_mut(&format!("/paths/{}/{method}", r.path.replace('~', "~0").replace('/', "~1"))).and_then(Value::as_object_mut) else {
            continue;
        };
        apply_to_operation(op, r, &method);
    }
}

fn apply_to_operation(op: &mut Map<String, Value>, r: &RouteInfo, method: &str) {
    let has_body = op.contains_key("requestBody");
    let params = op.entry("parameters").or_insert_with(|| json!([]));
    let mut takes_if_match = false;
    if let Some(list) = params.as_array_mut() {
        for p in list.iter_mut() {
            if p.get("in") == Some(&json!("header")) && p.get("name") == Some(&json!("If-Match")) {
                takes_if_match = true;
                p["schema"] = json!({"type": "string", "pattern": IF_MATCH_PATTERN, "example": "\"3\""});
                p["description"] = json!("the record's version from its ETag: stale → 412 and nothing changes");
            }
        }
        list.retain(|p| !(p.get("in") == Some(&json!("header")) && p.get("name") == Some(&json!("Idempotency-Key"))));
        if method == "post" {
            list.push(json!({
                "name": "Idempotency-Key", "in": "header", "required": false,
                "description": "a retry with the same key and body within 24 h gets the first answer and does nothing again",
                "schema": {"type": "string", "pattern": IDEMPOTENCY_KEY_PATTERN, "example": "0b9e8a6c-2f1d-4c3b-9a7e-5d4c3b2a1f00"},
            }));
        }
        if list.is_empty() {
            op.remove("parameters");
        }
    }
    let responses = op.entry("responses").or_insert_with(|| json!({}));
    let Some(responses) = responses.as_object_mut() else { return };
    for (status, response) in responses.iter_mut() {
        if status.starts_with('4') || status.starts_with('5') {
            if let Some(content) = response.get_mut("content").and_then(Value::as_object_mut) {
                if let Some(body) = content.remove("application/json") {
                    content.insert("application/problem+json".into(), body);
                }
            }
        }
    }
    add(responses, "400", problem("`query.invalid` / `path.invalid` / `body.invalid`: a malformed or out-of-range parameter or body, or text with control characters"));
    if r.access != Access::Public {
        add(responses, "401", problem("no token, or an invalid or expired one, or a session that has ended"));
    }
    match r.access {
        Access::Perm(p) => add(responses, "403", problem(&format!("the caller's roles (or the API token's scopes) lack `{}`", p.code()))),
        Access::Session => add(responses, "403", problem("`auth.session_required`: API tokens cannot call this; sign in as a person")),
        _ => {}
    }
    if has_body {
        add(responses, "413", problem("`body.too_large`: the body is larger than 1 MiB"));
        add(responses, "415", problem("`body.unsupported_media_type`: send Content-Type: application/json"));
        add(responses, "422", problem("`validation.failed`: a field breaks a rule; `errors` names each"));
    }
    if method == "post" {
        add(responses, "409", problem("`idempotency.in_progress`: a request with this Idempotency-Key is still running"));
        add(responses, "422", problem("`idempotency.key_reused`: the Idempotency-Key was used with another body"));
    }
    if takes_if_match {
        add(responses, "412", problem("`version.stale`: the record changed since the version in If-Match"));
    }
    add(responses, "429", with_headers(problem("`rate_limited`: the caller's request budget is spent (or a sign-in throttle holds)"), rate_limit_headers()));
    add(responses, "503", with_headers(problem("`database.unavailable`: the database cannot be reached right now"), json!({"Retry-After": retry_after()})));
}
