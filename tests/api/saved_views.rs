//! Saved list views: each user's own, one default per list page.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use reqwest::StatusCode;
use serde_json::json;

dual_test!(saved_views_are_per_user_with_one_default, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (_, other) = app.user_with_role("other", "sales_rep", json!({})).await;
    let (s, a) = app
        .post("/api/v1/saved-views", &rep, json!({"resource": "customers", "name": "A 级潜在", "query": {"pool": "potential", "level": "a", "sort": "-updated_at"}, "columns": ["code", "name"], "is_default": true}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{a}");
    assert_eq!(a["query"]["level"], "a");
    let (s, b) = app.post("/api/v1/saved-views", &rep, json!({"resource": "customers", "name": "本周跟进", "query": {"next_follow_up_at_to": "2026-11-30"}, "is_default": true})).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let (_, list) = app.get("/api/v1/saved-views?resource=customers", &rep).await;
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    let defaults: Vec<&str> = items.iter().filter(|v| v["is_default"] == true).map(|v| v["name"].as_str().unwrap()).collect();
    assert_eq!(defaults, vec!["本周跟进"], "one default per page");
    // Another user sees none of them and cannot touch them.
    let (_, theirs) = app.get("/api/v1/saved-views", &other).await;
    assert!(theirs["items"].as_array().unwrap().is_empty());
    let aid = a["id"].as_str().unwrap();
    let (s, _) = app.patch(&format!("/api/v1/saved-views/{aid}"), &other, json!({"name": "偷来的"})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app.delete(&format!("/api/v1/saved-views/{aid}"), &other).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // The same name is fine for another user, not twice for one.
    let (s, _) = app.post("/api/v1/saved-views", &other, json!({"resource": "customers", "name": "A 级潜在"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, e) = app.post("/api/v1/saved-views", &rep, json!({"resource": "customers", "name": "A 级潜在"})).await;
    assert_eq!(s, StatusCode::CONFLICT, "{e}");
    // Bad input: unknown page, the page number, an empty name, a non-string value.
    for (body, status) in [
        (json!({"resource": "spaceships", "name": "x"}), StatusCode::UNPROCESSABLE_ENTITY),
        (json!({"resource": "customers", "name": "x", "query": {"page": "2"}}), StatusCode::UNPROCESSABLE_ENTITY),
        (json!({"resource": "customers", "name": " "}), StatusCode::UNPROCESSABLE_ENTITY),
        (json!({"resource": "customers", "name": "x", "query": {"level": 3}}), StatusCode::BAD_REQUEST),
    ] {
        let (s, e) = app.post("/api/v1/saved-views", &rep, body.clone()).await;
        assert_eq!(s, status, "{body}: {e}");
    }
    // Update with If-Match; making A the default clears B's.
    let res = app.req(reqwest::Method::PATCH, &format!("/api/v1/saved-views/{aid}"), Some(&rep)).header("If-Match", "\"9\"").json(&json!({"is_default": true})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::PRECONDITION_FAILED);
    let (s, u) = app.patch(&format!("/api/v1/saved-views/{aid}"), &rep, json!({"is_default": true, "columns": ["name", "owner"]})).await;
    assert_eq!(s, StatusCode::OK, "{u}");
    let (_, list) = app.get("/api/v1/saved-views?resource=customers", &rep).await;
    let defaults: Vec<&str> = list["items"].as_array().unwrap().iter().filter(|v| v["is_default"] == true).map(|v| v["name"].as_str().unwrap()).collect();
    assert_eq!(defaults, vec!["A 级潜在"]);
    let (s, _) = app.delete(&format!("/api/v1/saved-views/{aid}"), &rep).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (_, list) = app.get("/api/v1/saved-views?resource=customers", &rep).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    let (s, _) = app.get("/api/v1/saved-views", "not-a-token").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
});
