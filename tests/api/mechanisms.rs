//! The shared mechanisms: problem+json, bad input, versions, idempotency, audit log,
//! recycle bin, dictionaries.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::{split, PASSWORD};

dual_test!(bad_input_is_a_clear_4xx_and_changes_nothing, |app| {
    let t = app.admin.clone();
    let before = app.get("/api/v1/users", &t).await.1["total"].clone();
    let cases: Vec<(reqwest::RequestBuilder, StatusCode, &str)> = vec![
        (app.req(Method::POST, "/api/v1/users", Some(&t)).header("content-type", "application/json").body("{not json"), StatusCode::BAD_REQUEST, "body.invalid"),
        (app.req(Method::POST, "/api/v1/users", Some(&t)).json(&json!({"username": 12})), StatusCode::BAD_REQUEST, "body.invalid"),
        (app.req(Method::POST, "/api/v1/users", Some(&t)).json(&json!({"display_name": "x", "password": PASSWORD})), StatusCode::BAD_REQUEST, "body.invalid"),
        (app.req(Method::POST, "/api/v1/users", Some(&t)).json(&json!({"username": "abc", "display_name": "x".repeat(101), "password": PASSWORD})), StatusCode::UNPROCESSABLE_ENTITY, "validation.failed"),
        (app.req(Method::POST, "/api/v1/users", Some(&t)).json(&json!({"username": "abc", "display_name": "x", "password": PASSWORD, "is_admin": true})), StatusCode::BAD_REQUEST, "body.invalid"),
        (app.req(Method::POST, "/api/v1/users", Some(&t)).header("content-type", "text/plain").body("hello"), StatusCode::UNSUPPORTED_MEDIA_TYPE, "body.unsupported_media_type"),
        (app.req(Method::POST, "/api/v1/users", Some(&t)).header("content-type", "application/json").body(format!("{{\"username\": \"{}\"}}", "a".repeat(1_100_000))), StatusCode::PAYLOAD_TOO_LARGE, "body.too_large"),
        (app.req(Method::GET, "/api/v1/users/not-a-uuid", Some(&t)), StatusCode::BAD_REQUEST, "path.invalid"),
        (app.req(Method::GET, "/api/v1/users?page=-1", Some(&t)), StatusCode::BAD_REQUEST, "query.invalid"),
        (app.req(Method::GET, "/api/v1/users?page_size=500", Some(&t)), StatusCode::BAD_REQUEST, "query.invalid"),
        (app.req(Method::GET, "/api/v1/users?sort=password_hash", Some(&t)), StatusCode::BAD_REQUEST, "query.invalid"),
        (app.req(Method::GET, "/api/v1/users?favourite_colour=red", Some(&t)), StatusCode::BAD_REQUEST, "query.invalid"),
        (app.req(Method::GET, "/api/v1/users?enabled=maybe", Some(&t)), StatusCode::BAD_REQUEST, "query.invalid"),
        (app.req(Method::GET, "/api/v1/users?created_at_from=yesterday", Some(&t)), StatusCode::BAD_REQUEST, "query.invalid"),
        (app.req(Method::GET, "/api/v1/users/01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", Some(&t)), StatusCode::NOT_FOUND, "user.not_found"),
        (app.req(Method::GET, "/api/v1/no-such-thing", Some(&t)), StatusCode::NOT_FOUND, "route.not_found"),
        // Routes are grouped by prefix; a miss inside a group still reaches the fallback.
        (app.req(Method::GET, "/api/v1/users/01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f/no-such-part", Some(&t)), StatusCode::NOT_FOUND, "route.not_found"),
        // A known path with a method it does not serve: 405 (and `Allow`, below).
        (app.req(Method::PUT, "/api/v1/users", Some(&t)), StatusCode::METHOD_NOT_ALLOWED, "method.not_allowed"),
        (app.req(Method::PATCH, "/api/v1/departments/tree", Some(&t)), StatusCode::METHOD_NOT_ALLOWED, "method.not_allowed"),
        (app.req(Method::from_bytes(b"TRACE").unwrap(), "/api/v1/customers", Some(&t)), StatusCode::METHOD_NOT_ALLOWED, "method.not_allowed"),
        (app.req(Method::GET, "/api/v1/users-and-more", Some(&t)), StatusCode::NOT_FOUND, "route.not_found"),
    ];
    for (i, (req, status, code)) in cases.into_iter().enumerate() {
        let (s, b) = split(req.send().await.unwrap()).await;
        assert_eq!(s, status, "case {i}: {b}");
        assert_eq!(b["code"], code, "case {i}: {b}");
    }
    let res = app.req(Method::DELETE, "/api/v1/users", Some(&t)).send().await.unwrap();
    assert_eq!(res.headers()["allow"], "GET, POST");
    let res = app.req(Method::PUT, "/api/v1/departments/tree", Some(&t)).send().await.unwrap();
    assert_eq!(res.headers()["allow"], "GET");
    // The errors name the field at fault.
    let (_, b) = split(app.req(Method::GET, "/api/v1/users?favourite_colour=red", Some(&t)).send().await.unwrap()).await;
    assert!(b["detail"].as_str().unwrap().contains("favourite_colour"));
    let (_, b) = split(app.req(Method::POST, "/api/v1/users", Some(&t)).json(&json!({"username": 12})).send().await.unwrap()).await;
    assert_eq!(b["errors"][0]["field"], "username");
    let (_, b) = split(app.req(Method::POST, "/api/v1/users", Some(&t)).json(&json!({"display_name": "x", "password": PASSWORD})).send().await.unwrap()).await;
    assert!(b["detail"].as_str().unwrap().contains("username"), "{b}");
    assert_eq!(app.get("/api/v1/users", &t).await.1["total"], before);
});

dual_test!(request_id_is_echoed_and_in_errors, |app| {
    let res = app.req(Method::GET, "/api/v1/users?sort=nope", Some(&app.admin)).header("x-request-id", "trace-abc-123").send().await.unwrap();
    assert_eq!(res.headers()["x-request-id"], "trace-abc-123");
    let (_, b) = split(res).await;
    assert_eq!(b["request_id"], "trace-abc-123");
    let res = app.req(Method::GET, "/healthz", None).send().await.unwrap();
    assert!(res.headers().contains_key("x-request-id"));
});

dual_test!(stale_if_match_is_412_and_changes_nothing, |app| {
    let (_, d) = app.post("/api/v1/departments", &app.admin, json!({"name": "A"})).await;
    let id = d["id"].as_str().unwrap();
    let res = app.req(Method::GET, &format!("/api/v1/departments/{id}"), Some(&app.admin)).send().await.unwrap();
    assert_eq!(res.headers()["etag"], "\"1\"");
    let res = app.req(Method::PATCH, &format!("/api/v1/departments/{id}"), Some(&app.admin)).header("if-match", "\"1\"").json(&json!({"name": "B"})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["etag"], "\"2\"");
    let res = app.req(Method::PATCH, &format!("/api/v1/departments/{id}"), Some(&app.admin)).header("if-match", "\"1\"").json(&json!({"name": "C"})).send().await.unwrap();
    let (s, b) = split(res).await;
    assert_eq!((s, b["code"].as_str()), (StatusCode::PRECONDITION_FAILED, Some("version.stale")));
    let res = app.req(Method::DELETE, &format!("/api/v1/departments/{id}"), Some(&app.admin)).header("if-match", "\"1\"").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::PRECONDITION_FAILED);
    let (_, now) = app.get(&format!("/api/v1/departments/{id}"), &app.admin).await;
    assert_eq!((now["name"].as_str(), now["version"].as_i64()), (Some("B"), Some(2)));
});

dual_test!(parallel_updates_do_not_lose_each_other, |app| {
    let (_, d) = app.post("/api/v1/departments", &app.admin, json!({"name": "race"})).await;
    let id = d["id"].as_str().unwrap().to_string();
    let mut handles = Vec::new();
    for i in 0..8 {
        let req = app.req(Method::PATCH, &format!("/api/v1/departments/{id}"), Some(&app.admin)).header("if-match", "\"1\"").json(&json!({"name": format!("writer {i}")}));
        handles.push(tokio::spawn(async move { req.send().await.unwrap().status() }));
    }
    let mut ok = 0;
    for h in handles {
        let s = h.await.unwrap();
        assert!(s == StatusCode::OK || s == StatusCode::PRECONDITION_FAILED, "{s}");
        if s == StatusCode::OK {
            ok += 1;
        }
    }
    assert_eq!(ok, 1, "exactly one writer of version 1 wins");
    let (_, now) = app.get(&format!("/api/v1/departments/{id}"), &app.admin).await;
    assert_eq!(now["version"], 2);
});

dual_test!(idempotency_key_replays_and_rejects_other_bodies, |app| {
    let send = |body: serde_json::Value, key: &str| app.req(Method::POST, "/api/v1/departments", Some(&app.admin)).header("idempotency-key", key).json(&body).send();
    let r1 = send(json!({"name": "Idem"}), "key-1").await.unwrap();
    assert_eq!(r1.status(), StatusCode::CREATED);
    let loc = r1.headers()["location"].to_str().unwrap().to_string();
    let b1: serde_json::Value = r1.json().await.unwrap();
    let r2 = send(json!({"name": "Idem"}), "key-1").await.unwrap();
    assert_eq!(r2.status(), StatusCode::CREATED);
    assert_eq!(r2.headers()["location"].to_str().unwrap(), loc);
    assert_eq!(r2.headers()["idempotent-replayed"], "true");
    let b2: serde_json::Value = r2.json().await.unwrap();
    assert_eq!(b1, b2);
    let (_, all) = app.get("/api/v1/departments", &app.admin).await;
    assert_eq!((all["total"].as_u64(), all["items"].as_array().unwrap().len()), (Some(1), 1), "the retry created nothing (and the list has the list shape)");
    let (s, b) = split(send(json!({"name": "Other"}), "key-1").await.unwrap()).await;
    assert_eq!((s, b["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("idempotency.key_reused")));
    // Keys belong to their caller: another user may use the same key.
    let (_, other) = app.user_with_role("mgr9", "admin", json!({})).await;
    let res = app.req(Method::POST, "/api/v1/departments", Some(&other)).header("idempotency-key", "key-1").json(&json!({"name": "Idem"})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    assert!(!res.headers().contains_key("idempotent-replayed"));
});

dual_test!(parallel_retries_with_one_key_create_once, |app| {
    let mut handles = Vec::new();
    for _ in 0..6 {
        let req = app.req(Method::POST, "/api/v1/departments", Some(&app.admin)).header("idempotency-key", "same").json(&json!({"name": "once"}));
        handles.push(tokio::spawn(async move { req.send().await.unwrap().status() }));
    }
    for h in handles {
        let s = h.await.unwrap();
        assert!(s == StatusCode::CREATED || s == StatusCode::CONFLICT, "{s}");
    }
    let (_, all) = app.get("/api/v1/departments", &app.admin).await;
    assert_eq!(all["total"], 1);
});

dual_test!(audit_log_records_field_level_changes, |app| {
    let (_, d) = app.post("/api/v1/departments", &app.admin, json!({"name": "审计部"})).await;
    let id = d["id"].as_str().unwrap();
    app.patch(&format!("/api/v1/departments/{id}"), &app.admin, json!({"name": "审计二部", "remark": "改名"})).await;
    app.delete(&format!("/api/v1/departments/{id}"), &app.admin).await;
    let (s, page) = app.get(&format!("/api/v1/audit-logs?entity=departments&entity_id={id}"), &app.admin).await;
    assert_eq!(s, StatusCode::OK);
    let items = page["items"].as_array().unwrap();
    let actions: Vec<&str> = items.iter().map(|i| i["action"].as_str().unwrap()).collect();
    assert_eq!(actions, vec!["delete", "update", "create"]);
    let update = &items[1];
    assert_eq!(update["actor_name"], "admin");
    assert!(update["ip"].as_str().unwrap().starts_with("127.0.0.1"));
    let name = update["changes"].as_array().unwrap().iter().find(|c| c["field"] == "name").unwrap();
    assert_eq!((name["before"].as_str(), name["after"].as_str()), (Some("审计部"), Some("审计二部")));
    assert!(update["changes"].as_array().unwrap().iter().all(|c| c["field"] != "version"));
    // Filters by actor and time.
    let (_, me) = app.get("/api/v1/me", &app.admin).await;
    let (_, by_actor) = app.get(&format!("/api/v1/audit-logs?actor_id={}", me["id"].as_str().unwrap()), &app.admin).await;
    assert!(by_actor["total"].as_u64().unwrap() >= 3);
    let (_, future) = app.get("/api/v1/audit-logs?from=2999-01-01", &app.admin).await;
    assert_eq!(future["total"], 0);
    let (s, _) = app.get("/api/v1/audit-logs?from=soon", &app.admin).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    // User records never log password hashes.
    let (_, u) = app.post("/api/v1/users", &app.admin, json!({"username": "aud", "display_name": "a", "password": PASSWORD})).await;
    let (_, page) = app.get(&format!("/api/v1/audit-logs?entity=users&entity_id={}", u["id"].as_str().unwrap()), &app.admin).await;
    assert!(!page.to_string().contains("argon2"));
});

dual_test!(recycle_bin_lists_and_restores, |app| {
    let (_, u) = app.post("/api/v1/users", &app.admin, json!({"username": "gone", "display_name": "Gone", "password": PASSWORD})).await;
    let id = u["id"].as_str().unwrap();
    let (s, _) = app.delete(&format!("/api/v1/users/{id}"), &app.admin).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(app.get(&format!("/api/v1/users/{id}"), &app.admin).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.try_login("gone", PASSWORD).await.status(), StatusCode::UNAUTHORIZED);
    let (s, bin) = app.get("/api/v1/recycle-bin?entity=users", &app.admin).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(bin["items"][0]["id"], id);
    assert_eq!(bin["items"][0]["label"], "gone");
    let (s, _) = app.post(&format!("/api/v1/recycle-bin/users/{id}/restore"), &app.admin, json!({})).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(app.get(&format!("/api/v1/users/{id}"), &app.admin).await.0, StatusCode::OK);
    assert_eq!(app.try_login("gone", PASSWORD).await.status(), StatusCode::OK);
    // Restoring what is not deleted, or an unknown entity, is a clear error.
    let (s, _) = app.post(&format!("/api/v1/recycle-bin/users/{id}/restore"), &app.admin, json!({})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app.get("/api/v1/recycle-bin?entity=planets", &app.admin).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _) = app.get("/api/v1/recycle-bin", &app.admin).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(app.audit_count("users", id).await >= 3);
});

dual_test!(dictionaries_are_seeded_and_editable, |app| {
    for kind in ["industry", "customer_source", "customer_level", "follow_up_type", "contract_category", "lost_reason"] {
        let (s, d) = app.get(&format!("/api/v1/dictionaries/{kind}"), &app.admin).await;
        assert_eq!(s, StatusCode::OK);
        let first = &d["items"][0];
        assert!(first["label_zh"].as_str().is_some_and(|l| !l.is_empty()) && first["label_en"].as_str().is_some_and(|l| !l.is_empty()), "{kind}");
    }
    assert_eq!(app.get("/api/v1/dictionaries/planets", &app.admin).await.0, StatusCode::NOT_FOUND);
    let (s, e) = app.post("/api/v1/dictionaries/industry", &app.admin, json!({"code": "agriculture", "label_zh": "农业", "label_en": "Agriculture"})).await;
    assert_eq!(s, StatusCode::CREATED, "{e}");
    let (s, _) = app.post("/api/v1/dictionaries/industry", &app.admin, json!({"code": "agriculture", "label_zh": "农业", "label_en": "Agriculture"})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, _) = app.post("/api/v1/dictionaries/industry", &app.admin, json!({"code": "Bad Code", "label_zh": "x", "label_en": "x"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    // Codes are cached between dictionary writes: the new code is usable at once, and a
    // disabled one is refused at once.
    let (s, c) = app.post("/api/v1/customers", &app.admin, json!({"name": "农场一号", "industry": "agriculture"})).await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    let (s, e) = app.patch("/api/v1/dictionaries/industry/agriculture", &app.admin, json!({"label_zh": "农林牧渔", "enabled": false})).await;
    assert_eq!(s, StatusCode::OK);
    let (s, c) = app.post("/api/v1/customers", &app.admin, json!({"name": "农场二号", "industry": "agriculture"})).await;
    assert_eq!((s, c["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("unknown_code")), "{c}");
    assert_eq!((e["label_zh"].as_str(), e["enabled"].as_bool()), (Some("农林牧渔"), Some(false)));
    let (_, rep) = app.user_with_role("rep_d", "sales_rep", json!({})).await;
    let (s, _) = app.patch("/api/v1/dictionaries/industry/agriculture", &rep, json!({"enabled": true})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // The code check modules will use.
    let tx = crm_persistence::tx::begin(&app.db).await.unwrap();
    let err = crm_persistence::dictionaries::check_code(&tx, "industry", "industry", "agriculture").await.unwrap_err();
    assert_eq!(err.errors[0].code, "unknown_code");
    crm_persistence::dictionaries::check_code(&tx, "industry", "industry", "it").await.unwrap();
});
