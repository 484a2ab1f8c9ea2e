//! The API contract: OpenAPI is fresh and documents every route; each route declares a
//! permission; health endpoints; SPA fallback never swallows /api.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use reqwest::{Method, StatusCode};

use crm_domain::permissions::Access;

#[test]
fn openapi_file_is_fresh() {
    let generated = crm_http::openapi::json();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/openapi.json");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(committed.trim() == generated.trim(), "openapi/openapi.json is stale: run `make openapi`");
}

/// Every `$ref` names a schema the document has: a parameter typed by a schema utoipa did
/// not register (seen with `value_type` on a query parameter) leaves a dangling one, which
/// client generators refuse.
#[test]
fn every_reference_resolves() {
    fn refs<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a str>) {
        match v {
            serde_json::Value::Object(o) => {
                if let Some(r) = o.get("$ref").and_then(|r| r.as_str()) {
                    out.push(r);
                }
                o.values().for_each(|x| refs(x, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let doc: serde_json::Value = serde_json::from_str(&crm_http::openapi::json()).unwrap();
    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(all.len() > 100, "the document refers to its schemas");
    let dangling: Vec<&str> = all.into_iter().filter(|r| r.strip_prefix("#/components/schemas/").is_none_or(|name| doc["components"]["schemas"].get(name).is_none())).collect();
    assert!(dangling.is_empty(), "references without a schema: {dangling:?}");
}

/// An export takes its list's `sort`, so it documents the same sort fields (a forgotten
/// `sorted_by` left the fuzzer's valid-looking sort refused with a 400).
#[test]
fn every_export_documents_its_lists_sort_fields() {
    let doc: serde_json::Value = serde_json::from_str(&crm_http::openapi::json()).unwrap();
    let sort_of = |path: &str| {
        doc["paths"][path]["get"]["parameters"].as_array().and_then(|ps| ps.iter().find(|p| p["name"] == "sort")).map(|p| p["schema"].clone())
    };
    let mut checked = 0;
    for path in doc["paths"].as_object().unwrap().keys().filter(|p| p.ends_with("/export")) {
        let list = path.trim_end_matches("/export");
        let Some(listed) = sort_of(list) else { continue };
        assert_eq!(sort_of(path), Some(listed), "{path} documents other sort fields than {list}");
        checked += 1;
    }
    assert!(checked >= 10, "exports with a sorted list: {checked}");
}

#[test]
fn every_route_is_documented_and_guarded() {
    let doc: serde_json::Value = serde_json::from_str(&crm_http::openapi::json()).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    let mut documented = 0;
    for r in crm_http::route_table() {
        if r.path == "/api/openapi.json" || r.path == "/api/docs" {
            continue;
        }
        let method = r.method.as_str().to_lowercase();
        let op = paths.get(&r.path).and_then(|p| p.get(&method));
        assert!(op.is_some(), "{} {} has no OpenAPI entry", r.method, r.path);
        let op = op.unwrap();
        let secured = op.get("security").is_some();
        match r.access {
            Access::Public => assert!(!secured, "{} {} is public but documented as secured", r.method, r.path),
            _ => assert!(secured, "{} {} needs a token but its OpenAPI entry has no security", r.method, r.path),
        }
        let responses = op["responses"].as_object().unwrap();
        if r.access != Access::Public {
            assert!(responses.contains_key("401"), "{} {} does not document 401", r.method, r.path);
        }
        if matches!(r.access, Access::Perm(_) | Access::Session) {
            assert!(responses.contains_key("403"), "{} {} does not document 403", r.method, r.path);
        }
        for (status, response) in responses {
            if status.starts_with('4') || status.starts_with('5') {
                if let Some(content) = response.get("content").and_then(|c| c.as_object()) {
                    assert!(content.keys().all(|k| k == "application/problem+json"), "{} {} documents {status} as {:?}", r.method, r.path, content.keys());
                }
            }
        }
        for status in ["400", "429", "503"] {
            assert!(responses.contains_key(status), "{} {} does not document {status}", r.method, r.path);
        }
        if method == "post" {
            let params = op["parameters"].as_array().unwrap();
            assert!(params.iter().any(|p| p["name"] == "Idempotency-Key" && p["schema"]["pattern"].is_string()), "{} {} lacks Idempotency-Key", r.method, r.path);
        }
        documented += 1;
    }
    // And nothing is documented that is not served.
    let served: Vec<(String, String)> = crm_http::route_table().into_iter().map(|r| (r.path, r.method.as_str().to_lowercase())).collect();
    for (path, ops) in paths {
        for method in ops.as_object().unwrap().keys() {
            assert!(served.contains(&(path.clone(), method.clone())), "{method} {path} is documented but not served");
        }
    }
    assert!(documented > 30);
}

dual_test!(health_docs_and_fallbacks, |app| {
    assert_eq!(app.req(Method::GET, "/healthz", None).send().await.unwrap().status(), StatusCode::OK);
    assert_eq!(app.req(Method::GET, "/readyz", None).send().await.unwrap().status(), StatusCode::OK);
    let spec: serde_json::Value = app.req(Method::GET, "/api/openapi.json", None).send().await.unwrap().json().await.unwrap();
    assert!(spec["openapi"].as_str().unwrap().starts_with("3.1"));
    let docs = app.req(Method::GET, "/api/docs", None).send().await.unwrap().text().await.unwrap();
    assert!(docs.contains("swagger-ui") && !docs.contains("http://") && !docs.contains("https://"), "docs page must load nothing from outside");
    // Client routes fall back to the app shell; API paths never do.
    let res = app.req(Method::GET, "/system/users", None).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    let res = app.req(Method::GET, "/api/v1/nothing-here", None).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("application/problem+json"));
});

/// Whether `line` names `pattern` as a whole path (so `supplier_customer::Entity::find`
/// is not `customer::Entity::find`).
fn names_query(line: &str, pattern: &str) -> bool {
    line.match_indices(pattern).any(|(at, _)| !line[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
}

/// Scoped entities are read through `Scoped::<E>::find`; any other query of one must say
/// why on the line above (`// scope-bypass: …`), so no list or read forgets the data scope.
#[test]
fn scoped_entities_are_only_queried_through_the_scope() {
    let scoped = ["Customer::find", "customer::Entity::find", "Group::find", "group::Entity::find", "Opportunity::find", "opportunity::Entity::find", "Lead::find", "lead::Entity::find"];
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/crates");
    let mut offences = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(root)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                let lines: Vec<&str> = text.lines().collect();
                for (i, line) in lines.iter().enumerate() {
                    if scoped.iter().any(|p| names_query(line, p)) {
                        let justified = i > 0 && lines[i - 1].trim_start().starts_with("// scope-bypass:");
                        if !justified {
                            offences.push(format!("{}:{}", path.display(), i + 1));
                        }
                    }
                }
            }
        }
    }
    assert!(offences.is_empty(), "unscoped queries of scoped entities without a `// scope-bypass:` reason: {offences:?}");
}
