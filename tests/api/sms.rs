//! Text messages: the administrator's gateway settings (secret write-only and sealed), a
//! test message, notifications reaching a real HTTP gateway in the recipient's language
//! and signed, each person's choice to turn them on, and a refusing gateway left to the
//! job queue's retries without undoing the change.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::time::Duration;

use crm_persistence::jobs::entity::{Column as JobColumn, Entity as Job};
use crm_persistence::notifications::sms::JOB;
use reqwest::{Method, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};

use crate::http_sink::HttpSink;
use crate::support::{signed, worker};

fn gateway(port: u16) -> Value {
    json!({"url": format!("http://127.0.0.1:{port}/send?key=k1"), "method": "POST",
        "headers": {"Content-Type": "application/json", "X-Api-Key": "key-口令"},
        "body_template": "{\"phone\": \"{{to}}\", \"content\": \"{{text}}\"}", "secret": "hmac-s3cret"})
}

dual_test!(the_sms_gateway_is_set_tested_and_keeps_its_secret, |app| {
    let sink = HttpSink::start().await;
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (s, e) = app.post("/api/v1/settings/sms/test", &app.admin, json!({"to": "13800138000"})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("sms.not_configured")));
    assert_eq!(app.call(Method::PUT, "/api/v1/settings/sms", &rep, Some(gateway(sink.addr.port()))).await.0, StatusCode::FORBIDDEN);
    let (s, e) = app.call(Method::PUT, "/api/v1/settings/sms", &app.admin, Some(json!({"url": "ftp://x", "method": "POST", "body_template": "{{text}}"}))).await;
    let fields: Vec<&str> = e["errors"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!((s, fields), (StatusCode::UNPROCESSABLE_ENTITY, vec!["url", "body_template"]));
    let (s, saved) = app.call(Method::PUT, "/api/v1/settings/sms", &app.admin, Some(gateway(sink.addr.port()))).await;
    assert_eq!(s, StatusCode::OK, "{saved}");
    assert_eq!((&saved["configured"], &saved["secret_set"], &saved["version"]), (&json!(true), &json!(true), &json!(1)));
    assert!(!saved.to_string().contains("hmac-s3cret"));
    let (_, log) = app.get("/api/v1/audit-logs?entity=settings", &app.admin).await;
    assert!(!log.to_string().contains("hmac-s3cret") && !log.to_string().contains("key-口令"), "{log}");
    // The test message: the request as configured, filled in, signed.
    let res = app.req(Method::POST, "/api/v1/settings/sms/test", Some(&app.admin)).header("accept-language", "zh-CN").json(&json!({"to": "+86 138 0013 8000"})).send().await.unwrap();
    let (s, out) = crate::support::split(res).await;
    assert_eq!((s, &out["delivered"], &out["status"]), (StatusCode::OK, &json!(true), &json!(200)), "{out}");
    let got = sink.wait_for(1).await;
    let r = &got[0];
    assert_eq!((r.method.as_str(), r.target.as_str()), ("POST", "/send?key=k1"));
    assert_eq!(r.headers["x-api-key"], "key-口令");
    let body: Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(body["phone"], "+86 138 0013 8000");
    assert!(body["content"].as_str().unwrap().contains("短信设置测试"), "{body}");
    assert!(signed("hmac-s3cret", &r.headers["x-crm-signature"], &r.body));
    // A refusal is an answer, with the gateway's words.
    sink.answer(401);
    let (s, out) = app.post("/api/v1/settings/sms/test", &app.admin, json!({"to": "13800138000"})).await;
    assert_eq!((s, &out["delivered"], &out["status"]), (StatusCode::OK, &json!(false), &json!(401)), "{out}");
    let (s, _) = app.post("/api/v1/settings/sms/test", &app.admin, json!({"to": "not a phone"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    // Turned off, nothing goes.
    let (s, off) = app.call(Method::DELETE, "/api/v1/settings/sms", &app.admin, None).await;
    assert_eq!((s, &off["configured"]), (StatusCode::OK, &json!(false)));
});

dual_test!(people_who_turn_text_messages_on_get_them_and_a_refusal_is_retried, |app| {
    let sink = HttpSink::start().await;
    let (rep_id, rep) = app.user_with_role("rep", "sales_rep", json!({"phone": "13900139000"})).await;
    let (quiet_id, _) = app.user_with_role("quiet", "sales_rep", json!({"phone": "13700137000"})).await;
    assert_eq!(app.patch("/api/v1/me", &rep, json!({"locale": "en"})).await.0, StatusCode::OK);
    app.call(Method::PUT, "/api/v1/settings/sms", &app.admin, Some(gateway(sink.addr.port()))).await;
    // Off by default; the rep turns it on for assignments, leaving e-mail as it was.
    let (_, mine) = app.get("/api/v1/me/notification-settings", &rep).await;
    assert!(mine["items"].as_array().unwrap().iter().all(|i| i["sms"] == false), "{mine}");
    let (s, b) = app.call(Method::PUT, "/api/v1/me/notification-settings", &rep, Some(json!({"items": [{"kind": "customer.assigned", "email": false, "sms": true}]}))).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let (s, b) = app.call(Method::PUT, "/api/v1/me/notification-settings", &rep, Some(json!({"items": [{"kind": "customer.assigned", "email": true}]}))).await;
    let item = b["items"].as_array().unwrap().iter().find(|i| i["kind"] == "customer.assigned").unwrap().clone();
    assert_eq!((s, &item["email"], &item["sms"]), (StatusCode::OK, &json!(true), &json!(true)), "sms left out keeps its choice");
    let w = worker(&app, "sms-worker");
    for (owner, name) in [(&rep_id, "华东机电"), (&quiet_id, "华南机电")] {
        let (_, c) = app.post("/api/v1/customers", &app.admin, json!({"name": name})).await;
        let id = c["id"].as_str().unwrap().to_string();
        app.post(&format!("/api/v1/customers/{id}/release"), &app.admin, json!({"reason": "公海"})).await;
        let (s, b) = app.post("/api/v1/customers/assign", &app.admin, json!({"customer_ids": [id], "owner_id": owner})).await;
        assert_eq!(s, StatusCode::OK, "{b}");
    }
    let got = sink.wait_for(1).await;
    let body: Value = serde_json::from_slice(&got[0].body).unwrap();
    assert_eq!(body["phone"], "13900139000");
    let text = body["content"].as_str().unwrap();
    assert!(text.contains("Customer 华东机电 was assigned to you") && text.contains("https://crm.example.com/customers/"), "{text}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(sink.received().len(), 1, "the one who did not turn it on gets none");
    // A refusing gateway fails the job, which waits for its retry; the assignment stands.
    sink.answer(503);
    let (_, c) = app.post("/api/v1/customers", &app.admin, json!({"name": "西北机电"})).await;
    let id = c["id"].as_str().unwrap().to_string();
    app.post(&format!("/api/v1/customers/{id}/release"), &app.admin, json!({"reason": "公海"})).await;
    let (s, _) = app.post("/api/v1/customers/assign", &app.admin, json!({"customer_ids": [id], "owner_id": rep_id})).await;
    assert_eq!(s, StatusCode::OK);
    sink.wait_for(2).await;
    let mut failed = None;
    for _ in 0..100 {
        let jobs = Job::find().filter(JobColumn::Kind.eq(JOB)).all(&app.db).await.unwrap();
        failed = jobs.into_iter().find(|j| j.last_error.as_deref().is_some_and(|e| e.contains("503")));
        if failed.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let failed = failed.expect("the refused message's job records why");
    assert_eq!((failed.status.as_str(), failed.attempts), ("queued", 1));
    w.stop().await;
    let (_, customer) = app.get(&format!("/api/v1/customers/{id}"), &app.admin).await;
    assert_eq!(customer["owner_id"].as_str(), Some(rep_id.as_str()));
});
