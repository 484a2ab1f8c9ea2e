//! What an attacker or a strict client tries: tokens beyond their scopes, control
//! characters in every kind of input, bodies of the wrong shape.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crm_domain::permissions::{all_codes, Access};
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::split;

/// A path of the route table with its parameters filled in.
fn concrete(path: &str) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    path.split('/').map(|seg| if seg.starts_with('{') { if seg == "{kind}" { "industry" } else { id.as_str() } } else { seg }).collect::<Vec<_>>().join("/")
}

// The route table decides what a token may call: a route's permission must be among the
// token's scopes, and session-only routes refuse every token. Checked for every route, so
// a new route cannot forget it.
dual_test!(api_tokens_reach_only_the_routes_their_scopes_name, |app| {
    let (s, narrow) = app.post("/api/v1/api-tokens", &app.admin, json!({"name": "narrow", "scopes": ["customers:read"]})).await;
    assert_eq!(s, StatusCode::CREATED, "{narrow}");
    let narrow = narrow["token"].as_str().unwrap().to_string();
    let (_, me) = app.get("/api/v1/me", &app.admin).await;
    let every: Vec<String> = me["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_string()).collect();
    let (s, wide) = app.post("/api/v1/api-tokens", &app.admin, json!({"name": "wide", "scopes": every})).await;
    assert_eq!(s, StatusCode::CREATED, "{wide}");
    let wide = wide["token"].as_str().unwrap().to_string();

    let mut checked = 0;
    for r in crm_http::route_table() {
        let method = Method::from_bytes(r.method.as_str().as_bytes()).unwrap();
        let path = concrete(&r.path);
        let send = |token: &str| app.req(method.clone(), &path, Some(token)).header("content-type", "application/json").body("{}").send();
        match r.access {
            Access::Public => continue,
            Access::Session => {
                let (s, b) = split(send(&wide).await.unwrap()).await;
                assert_eq!(s, StatusCode::FORBIDDEN, "{} {} answered a token: {b}", r.method, r.path);
                assert_eq!(b["code"], "auth.session_required");
            }
            Access::Authenticated => {
                let s = send(&narrow).await.unwrap().status();
                assert!(s != StatusCode::FORBIDDEN && s != StatusCode::UNAUTHORIZED, "{} {} refused a token: {s}", r.method, r.path);
            }
            Access::Perm(p) => {
                let s = send(&narrow).await.unwrap().status();
                if p.code() == "customers:read" {
                    assert_ne!(s, StatusCode::FORBIDDEN, "{} {}", r.method, r.path);
                } else {
                    assert_eq!(s, StatusCode::FORBIDDEN, "{} {} needs {} but answered {s} to a customers:read token", r.method, r.path, p.code());
                }
            }
        }
        checked += 1;
    }
    assert!(checked > 60, "only {checked} routes checked");

    // The narrow token cannot mint a wider one, change the profile or the password.
    let (s, _) = app.post("/api/v1/api-tokens", &narrow, json!({"name": "escalate", "scopes": all_codes()})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app.patch("/api/v1/me", &narrow, json!({"display_name": "owned"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app.post("/api/v1/me/password", &narrow, json!({"current_password": "x", "new_password": "Takeover-123"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // It still reads what its scope names, and who it is.
    assert_eq!(app.get("/api/v1/customers", &narrow).await.0, StatusCode::OK);
    assert_eq!(app.get("/api/v1/me", &narrow).await.0, StatusCode::OK);
});

dual_test!(control_characters_are_refused_naming_the_field, |app| {
    let before = app.get("/api/v1/customers", &app.admin).await.1["total"].clone();
    // JSON bodies, at any depth, as a 422 naming the field.
    let (s, b) = app.post("/api/v1/customers", &app.admin, json!({"name": "ACME\u{0}", "kind": "company"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert_eq!(b["errors"][0]["field"], "name");
    assert_eq!(b["errors"][0]["code"], "control_character");
    let (s, b) = app.post("/api/v1/customers/batch", &app.admin, json!({"items": [{"name": "ok one", "kind": "company"}, {"name": "bad", "kind": "company", "city": "x\u{1b}y"}]})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert_eq!(b["errors"][0]["field"], "items[1].city");
    let (s, b) = app.post("/api/v1/customers", &app.admin, json!({"name": "ACME", "kind": "company", "tags": ["a\u{7f}"]})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert_eq!(b["errors"][0]["field"], "tags[0]");
    let res = app.try_login("adm\u{0}in", "x").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // One-line fields refuse line breaks and tabs; multi-line ones keep them.
    let (s, b) = app.post("/api/v1/customers", &app.admin, json!({"name": "AC\nME", "kind": "company"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert_eq!(b["errors"][0]["code"], "single_line");
    assert_eq!(app.get("/api/v1/customers", &app.admin).await.1["total"], before, "nothing was written");
    let (s, c) = app.post("/api/v1/customers", &app.admin, json!({"name": "Multi Line Ltd", "kind": "company", "remark": "line 1\nline 2\tend"})).await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    assert_eq!(c["remark"], "line 1\nline 2\tend");

    // Query strings and path parameters, as a 400 naming the parameter.
    for path in [
        "/api/v1/customers?q=%00",
        "/api/v1/customers?q=a%00b",
        "/api/v1/customers?city=%00",
        "/api/v1/customers?tags=x%01",
        "/api/v1/customers/duplicates?name=%00",
        "/api/v1/users/lookup?q=%00",
        "/api/v1/customers/export?format=csv&q=%00",
        "/api/v1/dictionaries/ind%00ustry",
        "/api/v1/customers?q%00=1",
    ] {
        let (s, b) = app.get(path, &app.admin).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{path}: {b}");
        assert!(!b["errors"].as_array().unwrap().is_empty(), "{path}: {b}");
    }
    let (s, b) = app.get("/api/v1/customers?q=%00", &app.admin).await;
    assert_eq!((s, b["errors"][0]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("q")));
});

dual_test!(bodies_of_the_wrong_shape_are_refused, |app| {
    let (_, before) = app.get("/api/v1/me", &app.admin).await;
    for body in [r#"["x"]"#, r#"{"display_name": "x"} trailing"#, r#""x""#, "[]", "1", "null"] {
        let res = app.req(Method::PATCH, "/api/v1/me", Some(&app.admin)).header("content-type", "application/json").body(body).send().await.unwrap();
        let (s, b) = split(res).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{body}: {b}");
    }
    // A nested object given as an array.
    let (s, _) = app.post("/api/v1/customers/batch", &app.admin, json!({"items": [["x", "company"]]})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (_, after) = app.get("/api/v1/me", &app.admin).await;
    assert_eq!(before["display_name"], after["display_name"]);
});

mod sqlite_files_are_private {
    #[tokio::test]
    async fn sqlite() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("crm-perm-{}", uuid::Uuid::now_v7().simple()));
        let file = dir.join("data").join("crm.db");
        let db = crm_persistence::db::connect(&format!("sqlite://{}?mode=rwc", file.display())).await.unwrap();
        crm_persistence::db::migrate(&db).await.unwrap();
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&file), 0o600, "the database file");
        assert_eq!(mode(file.parent().unwrap()), 0o700, "the data folder");
        let wal = file.with_file_name("crm.db-wal");
        if wal.exists() {
            assert_eq!(mode(&wal), 0o600, "the WAL file");
        }
        db.close().await.unwrap();
        std::fs::remove_dir_all(dir).unwrap();
    }
}

// `crm admin …` in another process beside a busy server: both wait their turn for the
// write lock instead of failing with "database is locked".
mod the_cli_and_the_server_share_sqlite {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        let app = crate::support::TestApp::spawn(crate::support::DbKind::Sqlite).await;
        app.user_with_role("cli.target", "sales_rep", json!({})).await;
        let mut ids = Vec::new();
        for i in 0..8 {
            let (s, c) = app.post("/api/v1/customers", &app.admin, json!({"name": format!("Busy {i} Ltd"), "kind": "company"})).await;
            assert_eq!(s, StatusCode::CREATED);
            ids.push(c["id"].as_str().unwrap().to_string());
        }
        let url = app.url.clone();
        let cli = tokio::task::spawn_blocking(move || {
            (0..4)
                .map(|n| {
                    std::process::Command::new(env!("CARGO_BIN_EXE_crm"))
                        .args(["admin", "reset-password", "cli.target", "--password", &format!("Cli-pass-{n}-123"), "--database-url", &url])
                        .env("RUST_LOG", "error")
                        .output()
                        .unwrap()
                })
                .collect::<Vec<_>>()
        });
        let writers: Vec<_> = ids
            .iter()
            .map(|id| {
                let (base, token, id) = (app.base.clone(), app.admin.clone(), id.clone());
                tokio::spawn(async move {
                    let http = reqwest::Client::new();
                    let mut statuses = Vec::new();
                    for n in 0..25 {
                        let res = http.patch(format!("{base}/api/v1/customers/{id}")).bearer_auth(&token).json(&json!({"remark": format!("edit {n}")})).send().await.unwrap();
                        statuses.push(res.status());
                    }
                    statuses
                })
            })
            .collect();
        for w in writers {
            for s in w.await.unwrap() {
                assert!(s.is_success(), "a write beside the CLI answered {s}");
            }
        }
        for out in cli.await.unwrap() {
            assert!(out.status.success(), "the CLI failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        assert_eq!(app.try_login("cli.target", "Cli-pass-3-123").await.status(), StatusCode::OK);
    }
}

dual_test!(every_response_carries_the_security_headers, |app| {
    let page = app.req(Method::GET, "/customers", None).send().await.unwrap();
    let csp = page.headers()["content-security-policy"].to_str().unwrap().to_string();
    for part in ["script-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "connect-src 'self'"] {
        assert!(csp.contains(part), "the SPA's CSP lacks {part}: {csp}");
    }
    assert!(!csp.contains("script-src 'self' 'unsafe-inline'"), "no inline script: {csp}");
    let docs = app.req(Method::GET, "/api/docs", None).send().await.unwrap();
    assert!(docs.headers()["content-security-policy"].to_str().unwrap().contains("script-src 'self'"));
    for res in [
        app.req(Method::GET, "/api/v1/me", Some(&app.admin)).send().await.unwrap(),
        app.req(Method::GET, "/api/v1/customers", Some(&app.admin)).send().await.unwrap(),
        app.req(Method::GET, "/api/v1/nothing", Some(&app.admin)).send().await.unwrap(),
        app.try_login("admin", crate::support::ADMIN_PASSWORD).await,
    ] {
        let h = res.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{}", res.url());
        assert_eq!(h["x-frame-options"], "DENY");
        assert_eq!(h["referrer-policy"], "no-referrer");
        assert_eq!(h["cache-control"], "no-store", "{}", res.url());
        assert!(h.get("strict-transport-security").is_none(), "no HSTS over plain HTTP");
    }
    let behind_tls = app.req(Method::GET, "/healthz", None).header("x-forwarded-proto", "https").send().await.unwrap();
    assert!(behind_tls.headers().get("strict-transport-security").is_some());
});

fn limited(per_ip: u32, per_user: u32, per_token: u32) -> crate::support::Options {
    let mut settings = crate::support::test_settings();
    settings.rates = crm_http::rate_limit::RateLimits { per_ip, per_user, per_token };
    crate::support::Options { settings: Some(settings), ..Default::default() }
}

// A token, a user and an address each have a budget; past it the answer is 429 with
// Retry-After, and every answer says where the caller stands.
mod rate_limits_per_token_user_and_address {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        let app = crate::support::TestApp::spawn_with(crate::support::DbKind::Sqlite, limited(1000, 5, 3)).await;
        let (_, t) = app.post("/api/v1/api-tokens", &app.admin, json!({"name": "burst", "scopes": ["customers:read"]})).await;
        let token = t["token"].as_str().unwrap().to_string();
        // A token: bursts of 6, then 429.
        let mut statuses = Vec::new();
        for _ in 0..12 {
            let res = app.req(Method::GET, "/api/v1/customers", Some(&token)).send().await.unwrap();
            let h = res.headers();
            assert_eq!(h["ratelimit-limit"], "6");
            assert!(h.get("ratelimit-remaining").is_some() && h.get("ratelimit-reset").is_some());
            if res.status() == StatusCode::TOO_MANY_REQUESTS {
                let retry: u64 = h["retry-after"].to_str().unwrap().parse().unwrap();
                assert!((1..=2).contains(&retry), "retry-after {retry}");
                assert_eq!(h["ratelimit-remaining"], "0");
                assert_eq!(split(res).await.1["code"], "rate_limited");
                statuses.push(429);
            } else {
                statuses.push(res.status().as_u16());
            }
        }
        assert!(statuses.iter().take(6).all(|s| *s == 200), "{statuses:?}");
        assert!(statuses.iter().skip(7).all(|s| *s == 429), "{statuses:?}");
        // The user behind the token has a budget of its own (10), not yet spent.
        let res = app.req(Method::GET, "/api/v1/me", Some(&app.admin)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["ratelimit-limit"], "10");
        // After waiting as told, the token may go on.
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        assert_eq!(app.get("/api/v1/customers", &token).await.0, StatusCode::OK);
    }
}

// Junk refresh calls from one address, and anything else, meet the address's budget.
mod an_address_flooding_the_api_is_throttled {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        let app = crate::support::TestApp::spawn_with(crate::support::DbKind::Sqlite, limited(20, 0, 0)).await;
        let mut throttled = 0;
        for _ in 0..100 {
            let res = app.req(Method::POST, "/api/v1/auth/refresh", None).json(&json!({"refresh_token": "junk"})).send().await.unwrap();
            if res.status() == StatusCode::TOO_MANY_REQUESTS {
                assert!(res.headers().get("retry-after").is_some());
                throttled += 1;
            }
        }
        assert!(throttled >= 50, "only {throttled} of 100 junk refreshes were throttled");
    }
}
