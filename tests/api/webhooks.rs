//! Webhooks: the receivers an administrator sets up (no private targets unless allowed,
//! the secret write-only), events written with the change and delivered by the job worker
//! to a real HTTP receiver in commit order, signed, logged attempt by attempt, retried
//! and re-sendable, and refused at delivery when the target turns private.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::time::Duration;

use crm_persistence::webhooks::entities::event::{Column as EventColumn, Entity as Event};
use reqwest::{Method, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};

use crate::http_sink::{HttpSink, Request};
use crate::support::{signed, worker, TestApp};

const SECRET: &str = "whsec-test-0123456789abcdef";

fn body(r: &Request) -> Value {
    serde_json::from_slice(&r.body).unwrap()
}

async fn allow_private(app: &TestApp, allow: bool) {
    let (s, v) = app.call(Method::PUT, "/api/v1/settings/webhooks", &app.admin, Some(json!({"allow_private_targets": allow}))).await;
    assert_eq!((s, &v["allow_private_targets"]), (StatusCode::OK, &json!(allow)), "{v}");
}

async fn hook(app: &TestApp, sink: &HttpSink, events: Value) -> String {
    let (s, w) = app.post("/api/v1/webhooks", &app.admin, json!({"name": "ERP", "url": format!("http://127.0.0.1:{}/hook", sink.addr.port()), "events": events, "secret": SECRET})).await;
    assert_eq!(s, StatusCode::CREATED, "{w}");
    w["id"].as_str().unwrap().to_string()
}

fn fields(e: &Value) -> Vec<(String, String)> {
    e["errors"].as_array().unwrap().iter().map(|f| (f["field"].as_str().unwrap().to_string(), f["code"].as_str().unwrap().to_string())).collect()
}

dual_test!(webhooks_refuse_private_targets_keep_their_secret_and_answer_a_ping, |app| {
    let sink = HttpSink::start().await;
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    assert_eq!(app.get("/api/v1/webhooks", &rep).await.0, StatusCode::FORBIDDEN);
    let (s, catalogue) = app.get("/api/v1/webhooks/events", &app.admin).await;
    assert_eq!(s, StatusCode::OK);
    let names: Vec<&str> = catalogue["events"].as_array().unwrap().iter().map(|e| e.as_str().unwrap()).collect();
    assert!(names.contains(&"*") && names.contains(&"customer.pool_changed") && names.contains(&"payment.received"), "{names:?}");
    // Private targets are refused, as written or named, until allowed.
    for url in ["http://127.0.0.1:9/x", "http://169.254.169.254/latest/meta-data", "http://[::1]/", "http://localhost:8080/", "http://10.0.0.8/", "http://2130706433/"] {
        let (s, e) = app.post("/api/v1/webhooks", &app.admin, json!({"name": "x", "url": url, "events": ["*"], "secret": SECRET})).await;
        assert_eq!((s, fields(&e)), (StatusCode::UNPROCESSABLE_ENTITY, vec![("url".into(), "private_target".into())]), "{url}: {e}");
    }
    // A batch checks each item's target the same way; the secret stays sealed.
    let (s, out) = app.post("/api/v1/webhooks/batch", &app.admin, json!({"items": [
        {"name": "public", "url": "https://93.184.215.14/batch", "events": ["*"], "secret": SECRET, "enabled": false},
        {"name": "metadata", "url": "http://169.254.169.254/latest", "events": ["*"], "secret": SECRET}]})).await;
    assert_eq!((s, &out["results"][0]["status"], &out["results"][1]["status"], &out["results"][1]["error"]["errors"][0]["code"]), (StatusCode::OK, &json!(201), &json!(422), &json!("private_target")), "{out}");
    let (_, batched) = app.get(&format!("/api/v1/webhooks/{}", out["results"][0]["id"].as_str().unwrap()), &app.admin).await;
    assert!(batched["name"] == "public" && !batched.to_string().contains(SECRET), "{batched}");
    assert_eq!(app.delete(&format!("/api/v1/webhooks/{}", batched["id"].as_str().unwrap()), &app.admin).await.0, StatusCode::NO_CONTENT);
    let (s, e) = app.post("/api/v1/webhooks", &app.admin, json!({"name": " ", "url": "ftp://x/", "events": ["customer.exploded", "*", "*"]})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let got = fields(&e);
    let expected: Vec<(String, String)> =
        [("name", "required"), ("url", "invalid"), ("events[0]", "unknown"), ("events[2]", "duplicate"), ("secret", "required")].iter().map(|(f, c)| (f.to_string(), c.to_string())).collect();
    assert_eq!(got, expected, "{e}");
    let (s, _) = app.post("/api/v1/webhooks", &app.admin, json!({"name": "x", "url": "https://93.184.215.14/", "events": ["*"], "secret": SECRET, "colour": "red"})).await;
    assert!(s.is_client_error());
    assert_eq!(app.call(Method::PUT, "/api/v1/settings/webhooks", &rep, Some(json!({"allow_private_targets": true}))).await.0, StatusCode::FORBIDDEN);
    allow_private(&app, true).await;
    let id = hook(&app, &sink, json!(["*"])).await;
    let (_, w) = app.get(&format!("/api/v1/webhooks/{id}"), &app.admin).await;
    assert_eq!((&w["events"], &w["enabled"]), (&json!(["*"]), &json!(true)));
    let (_, log) = app.get("/api/v1/audit-logs?entity=webhooks", &app.admin).await;
    assert!(!w.to_string().contains(SECRET) && !log.to_string().contains(SECRET) && !log.to_string().contains("secret_sealed"), "{log}");
    // A token with the read scope reads; creating needs the create scope.
    let (_, t) = app.post("/api/v1/api-tokens", &app.admin, json!({"name": "monitor", "scopes": ["webhooks:read"]})).await;
    let token = t["token"].as_str().unwrap();
    assert_eq!(app.get("/api/v1/webhooks", token).await.0, StatusCode::OK);
    assert_eq!(app.post("/api/v1/webhooks", token, json!({"name": "x", "url": "https://93.184.215.14/", "events": ["*"], "secret": SECRET})).await.0, StatusCode::FORBIDDEN);

    // The ping: signed, answered, logged.
    let (s, d) = app.post(&format!("/api/v1/webhooks/{id}/test"), &app.admin, json!({})).await;
    assert_eq!((s, &d["status"], &d["response_status"], &d["event"]), (StatusCode::OK, &json!("delivered"), &json!(200), &json!("ping")), "{d}");
    let r = &sink.wait_for(1).await[0];
    assert_eq!((r.method.as_str(), r.target.as_str(), r.headers["x-crm-event"].as_str()), ("POST", "/hook", "ping"));
    assert!(signed(SECRET, &r.headers["x-crm-signature"], &r.body));
    assert!(!signed("another-secret-0123456789", &r.headers["x-crm-signature"], &r.body));
    assert_eq!(body(r)["id"].as_str().unwrap(), r.headers["x-crm-event-id"]);
    sink.answer(500);
    let (_, d) = app.post(&format!("/api/v1/webhooks/{id}/test"), &app.admin, json!({})).await;
    assert_eq!((&d["status"], &d["response_status"]), (&json!("failed"), &json!(500)), "{d}");
    assert!(d["error"].as_str().unwrap().contains("500"));
    let (_, log) = app.get(&format!("/api/v1/webhooks/{id}/deliveries"), &app.admin).await;
    assert_eq!(log["total"], 2);
    assert_eq!(log["items"][0]["status"], "failed", "newest first");
    let (s, _) = app.get(&format!("/api/v1/webhooks/{id}/deliveries?sort=duration_ms"), &app.admin).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    // A new secret signs from now on.
    sink.answer(200);
    let (s, _) = app.patch(&format!("/api/v1/webhooks/{id}"), &app.admin, json!({"secret": "a-brand-new-secret-0000"})).await;
    assert_eq!(s, StatusCode::OK);
    app.post(&format!("/api/v1/webhooks/{id}/test"), &app.admin, json!({})).await;
    let r = &sink.wait_for(3).await[2];
    assert!(signed("a-brand-new-secret-0000", &r.headers["x-crm-signature"], &r.body));
    // Refused again, the saved webhook's test is refused at the connection.
    allow_private(&app, false).await;
    let (_, d) = app.post(&format!("/api/v1/webhooks/{id}/test"), &app.admin, json!({})).await;
    assert_eq!((&d["status"], &d["response_status"]), (&json!("failed"), &Value::Null), "{d}");
    assert!(d["error"].as_str().unwrap().contains("not a public address"), "{d}");
    assert_eq!(sink.received().len(), 3);
    let (s, _) = app.post(&format!("/api/v1/webhooks/{}/test", uuid::Uuid::now_v7()), &app.admin, json!({})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
});

dual_test!(a_receiver_gets_every_change_in_commit_order_signed_and_retried, |app| {
    let sink = HttpSink::start().await;
    allow_private(&app, true).await;
    let id = hook(&app, &sink, json!(["customer.created", "customer.updated", "customer.pool_changed"])).await;
    let jobs = worker(&app, "webhook-worker");
    let (s, c) = app.post("/api/v1/customers", &app.admin, json!({"name": "推送客户"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let cid = c["id"].as_str().unwrap().to_string();
    for name in ["推送客户一", "推送客户二"] {
        assert_eq!(app.patch(&format!("/api/v1/customers/{cid}"), &app.admin, json!({"name": name})).await.0, StatusCode::OK);
    }
    assert_eq!(app.post(&format!("/api/v1/customers/{cid}/release"), &app.admin, json!({"reason": "公海"})).await.0, StatusCode::OK);
    // A refused change writes no event.
    let (s, _) = app.patch(&format!("/api/v1/customers/{cid}"), &app.admin, json!({"name": ""})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let got = sink.wait_for(5).await;
    let events: Vec<(String, Value)> = got.iter().map(|r| (body(r)["event"].as_str().unwrap().to_string(), body(r)["data"].clone())).collect();
    let names: Vec<&str> = events.iter().map(|(e, _)| e.as_str()).collect();
    assert_eq!(names, vec!["customer.created", "customer.updated", "customer.updated", "customer.updated", "customer.pool_changed"]);
    assert_eq!(events[0].1["record"]["name"], "推送客户");
    assert_eq!(events[1].1["changes"], json!([{"field": "name", "before": "推送客户", "after": "推送客户一"}]));
    assert_eq!(events[2].1["changes"][0]["after"], "推送客户二");
    assert_eq!((&events[3].1["action"], &events[4].1["id"]), (&json!("release"), &json!(cid)));
    assert!(events[4].1["changes"].as_array().unwrap().iter().any(|c| c["field"] == "pool" && c["after"] == "public"), "{}", events[4].1);
    for r in &got {
        assert!(signed(SECRET, &r.headers["x-crm-signature"], &r.body));
        assert_eq!(r.headers["content-type"], "application/json");
    }
    let mut ids: Vec<String> = got.iter().map(|r| r.headers["x-crm-event-id"].clone()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 5);

    // The receiver fails: the event waits at the head, and the record's next one behind it.
    sink.answer(503);
    app.patch(&format!("/api/v1/customers/{cid}"), &app.admin, json!({"name": "推送客户三"})).await;
    sink.wait_for(6).await;
    // The receiver's answer is read when the request came: switch only once it is logged.
    for _ in 0..100 {
        if app.get(&format!("/api/v1/webhooks/{id}/deliveries?status=failed"), &app.admin).await.1["total"] == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    sink.answer(200);
    app.patch(&format!("/api/v1/customers/{cid}"), &app.admin, json!({"name": "推送客户四"})).await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(sink.received().len(), 6, "the next event waits for the failed one");
    let (_, log) = app.get(&format!("/api/v1/webhooks/{id}/deliveries?status=failed"), &app.admin).await;
    assert_eq!((&log["total"], &log["items"][0]["response_status"], &log["items"][0]["attempt"]), (&json!(1), &json!(503), &json!(1)), "{log}");
    let failed = log["items"][0]["id"].as_str().unwrap().to_string();
    // Resent now: it goes first, then the one that waited.
    let (s, d) = app.post(&format!("/api/v1/webhooks/{id}/deliveries/{failed}/resend"), &app.admin, json!({})).await;
    assert_eq!(s, StatusCode::ACCEPTED, "{d}");
    let got = sink.wait_for(8).await;
    let afters: Vec<Value> = got[5..].iter().map(|r| body(r)["data"]["changes"][0]["after"].clone()).collect();
    assert_eq!(afters, vec![json!("推送客户三"), json!("推送客户三"), json!("推送客户四")]);
    assert_eq!(body(&got[5])["id"], body(&got[6])["id"], "the same event, sent again");
    let (_, log) = app.get(&format!("/api/v1/webhooks/{id}/deliveries?event_id={}", body(&got[5])["id"].as_str().unwrap()), &app.admin).await;
    assert_eq!(log["items"][0]["attempt"], 2);
    let (s, _) = app.post(&format!("/api/v1/webhooks/{id}/deliveries/{}/resend", uuid::Uuid::now_v7()), &app.admin, json!({})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // Events it does not listen to, and a webhook turned off, write nothing.
    let before = Event::find().filter(EventColumn::WebhookId.eq(uuid::Uuid::parse_str(&id).unwrap())).count(&app.db).await.unwrap();
    let (_, cat) = app.post("/api/v1/product-categories", &app.admin, json!({"name": "推送类别"})).await;
    let (s, p) = app.post("/api/v1/products", &app.admin, json!({"name": "不推送的产品", "category_id": cat["id"], "price": "1.00"})).await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    app.patch(&format!("/api/v1/webhooks/{id}"), &app.admin, json!({"enabled": false})).await;
    app.patch(&format!("/api/v1/customers/{cid}"), &app.admin, json!({"name": "推送客户五"})).await;
    let after = Event::find().filter(EventColumn::WebhookId.eq(uuid::Uuid::parse_str(&id).unwrap())).count(&app.db).await.unwrap();
    assert_eq!(before, after);
    jobs.stop().await;
});
