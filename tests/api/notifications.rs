//! Notifications: who hears of what, reading them, and the follow-up reminders' one notice
//! per due time.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use chrono::{Duration, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::TestApp;

async fn inbox(app: &TestApp, token: &str) -> Vec<(String, String)> {
    let (s, page) = app.get("/api/v1/notifications?page_size=50", token).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    page["items"].as_array().unwrap().iter().map(|n| (n["kind"].as_str().unwrap().to_string(), n["record_label"].as_str().unwrap_or("").to_string())).collect()
}

async fn customer(app: &TestApp, token: &str, name: &str) -> Value {
    let (s, c) = app.post("/api/v1/customers", token, json!({"name": name})).await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    c
}

dual_test!(people_hear_of_what_happens_to_their_customers, |app| {
    let (rep_id, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (rep2_id, rep2) = app.user_with_role("rep2", "sales_rep", json!({})).await;
    // Assigned from the public pool by the admin.
    let c = customer(&app, &app.admin, "分配客户").await;
    let id = c["id"].as_str().unwrap();
    assert_eq!(app.post(&format!("/api/v1/customers/{id}/release"), &app.admin, json!({"reason": "公海"})).await.0, StatusCode::OK);
    let (s, b) = app.post("/api/v1/customers/assign", &app.admin, json!({"customer_ids": [id], "owner_id": rep_id})).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(inbox(&app, &rep).await, [("customer.assigned".to_string(), "分配客户".to_string())]);
    assert!(inbox(&app, &app.admin).await.is_empty(), "nobody hears of their own doing");
    // Transferred to rep2; shared with rep2 by rep.
    let (s, b) = app.post("/api/v1/customers/transfer", &app.admin, json!({"customer_ids": [id], "owner_id": rep2_id})).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let mine = customer(&app, &rep, "共享客户").await;
    let body = json!({"items": [{"user_id": rep2_id, "access": "read"}]});
    let (s, b) = app.call(Method::PUT, &format!("/api/v1/customers/{}/collaborators", mine["id"].as_str().unwrap()), &rep, Some(body.clone())).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    // The same share again is not news.
    app.call(Method::PUT, &format!("/api/v1/customers/{}/collaborators", mine["id"].as_str().unwrap()), &rep, Some(body)).await;
    let kinds: Vec<String> = inbox(&app, &rep2).await.into_iter().map(|(k, _)| k).collect();
    assert_eq!(kinds, ["customer.shared", "customer.transferred"]);
    let (_, page) = app.get("/api/v1/notifications?kind=customer.shared", &rep2).await;
    assert_eq!((page["total"].as_u64(), page["items"][0]["data"]["access"].as_str(), page["items"][0]["actor_name"].as_str()), (Some(1), Some("read"), Some("rep")));

    // Returned by the pool rules: the former owner hears of it.
    let rules = json!({"enabled": true, "return_after_days_without_follow_up": 30, "return_after_days_without_deal": null,
        "max_customers_per_owner": null, "reclaim_cooldown_days": null, "exempt_won": true});
    assert_eq!(app.call(Method::PUT, "/api/v1/pool-rules", &app.admin, Some(rules)).await.0, StatusCode::OK);
    let old = customer(&app, &rep, "久未跟进").await;
    let f = json!({"customer_id": old["id"], "kind": "phone", "content": "很久以前", "occurred_at": (Utc::now() - Duration::days(40)).to_rfc3339()});
    assert_eq!(app.post("/api/v1/follow-ups", &rep, f).await.0, StatusCode::CREATED);
    // The customers made without a follow-up are owned since now: not due.
    let (s, b) = app.post("/api/v1/pool-rules/apply", &app.admin, json!({})).await;
    assert_eq!((s, b["returned"].as_u64()), (StatusCode::OK, Some(1)), "{b}");
    assert_eq!(inbox(&app, &rep).await.first(), Some(&("customer.returned".to_string(), "久未跟进".to_string())));

    // Reading: one, then all; the count follows; another's is a 404.
    let (_, count) = app.get("/api/v1/notifications/unread-count", &rep2).await;
    assert_eq!(count["count"], 2);
    let (_, page) = app.get("/api/v1/notifications?unread=true", &rep2).await;
    let first = page["items"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(app.post(&format!("/api/v1/notifications/{first}/read"), &rep, json!({})).await.0, StatusCode::NOT_FOUND);
    let (s, n) = app.post(&format!("/api/v1/notifications/{first}/read"), &rep2, json!({})).await;
    assert_eq!((s, n["read"].as_bool()), (StatusCode::OK, Some(true)));
    assert_eq!(app.get("/api/v1/notifications/unread-count", &rep2).await.1["count"], 1);
    assert_eq!(app.get("/api/v1/notifications?unread=true", &rep2).await.1["total"], 1);
    let (s, all) = app.post("/api/v1/notifications/read-all", &rep2, json!({})).await;
    assert_eq!((s, all["updated"].as_u64()), (StatusCode::OK, Some(1)));
    assert_eq!(app.get("/api/v1/notifications/unread-count", &rep2).await.1["count"], 0);
    assert_eq!(app.get("/api/v1/notifications?unread=maybe", &rep2).await.0, StatusCode::BAD_REQUEST);
    let (_, t) = app.post("/api/v1/api-tokens", &app.admin, json!({"name": "n", "scopes": ["customers:read"]})).await;
    assert_eq!(app.get("/api/v1/notifications", t["token"].as_str().unwrap()).await.0, StatusCode::FORBIDDEN);
});

dual_test!(a_follow_up_falling_due_reminds_its_owner_and_participants_once, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (partner_id, partner) = app.user_with_role("partner", "sales_rep", json!({})).await;
    let c = customer(&app, &rep, "到期提醒客户").await;
    let later = customer(&app, &rep, "明天再说").await;
    let f = |id: &Value, next: chrono::DateTime<Utc>| json!({"customer_id": id, "kind": "phone", "content": "约好回电", "occurred_at": (Utc::now() - Duration::hours(1)).to_rfc3339(), "next_follow_up_at": next.to_rfc3339()});
    let mut due = f(&c["id"], Utc::now() - Duration::minutes(2));
    due["participant_ids"] = json!([partner_id]);
    let (s, b) = app.post("/api/v1/follow-ups", &rep, due).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_eq!(app.post("/api/v1/follow-ups", &rep, f(&later["id"], Utc::now() + Duration::days(1))).await.0, StatusCode::CREATED);
    // The minute's job, run twice (a retry, or two servers): one reminder.
    for _ in 0..2 {
        crm_persistence::customers::reminders::follow_ups_due(&app.db, Utc::now()).await.unwrap();
    }
    let (_, page) = app.get("/api/v1/notifications", &rep).await;
    assert_eq!(page["total"], 1, "{page}");
    assert_eq!((page["items"][0]["kind"].as_str(), page["items"][0]["record_label"].as_str()), (Some("follow_up.due"), Some("到期提醒客户")));
    assert!(page["items"][0]["data"]["due_at"].is_string());
    assert_eq!(page["items"][0]["actor_name"], Value::Null, "the server's own job");
    // The participant of that follow-up hears of it too, once.
    let (_, page) = app.get("/api/v1/notifications", &partner).await;
    assert_eq!(page["total"], 1, "{page}");
    assert_eq!(page["items"][0]["record_label"], "到期提醒客户");
});
