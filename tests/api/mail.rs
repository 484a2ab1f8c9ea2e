//! E-mail: the administrator's SMTP settings (password write-only and sealed), the test
//! message, notifications reaching a real SMTP server in the recipient's language, each
//! person's channel choices, and a failed send left to the job queue's retries without
//! undoing the change that caused it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::time::Duration;

use crm_persistence::jobs::entity::{Column as JobColumn, Entity as Job};
use crm_persistence::jobs::{self as jobs, Registry, WorkerOptions};
use crm_persistence::notifications::email::{MailEnv, JOB};
use crm_persistence::secret_box::SecretBox;
use reqwest::{Method, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};

use crate::smtp_sink::SmtpSink;
use crate::support::TestApp;

fn smtp(port: u16) -> Value {
    json!({"host": "127.0.0.1", "port": port, "security": "none", "from": "crm@example.com", "from_name": "客户管理系统"})
}

/// The server's e-mail job on this app's database, as `crm serve` registers it.
fn mail_worker(app: &TestApp, node: &str) -> jobs::Jobs {
    let env = MailEnv { secrets: SecretBox::derive(b"test-secret-test-secret-test-secret-0123456789"), public_url: "https://crm.example.com".into() };
    let options = WorkerOptions { poll: Duration::from_millis(50), ..WorkerOptions::new(node) };
    jobs::start(app.db.clone(), Registry::standard(env), options)
}

async fn public_customer(app: &TestApp, name: &str) -> String {
    let (s, c) = app.post("/api/v1/customers", &app.admin, json!({"name": name})).await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    let id = c["id"].as_str().unwrap().to_string();
    assert_eq!(app.post(&format!("/api/v1/customers/{id}/release"), &app.admin, json!({"reason": "公海"})).await.0, StatusCode::OK);
    id
}

async fn email_jobs(app: &TestApp) -> Vec<crm_persistence::jobs::entity::Model> {
    Job::find().filter(JobColumn::Kind.eq(JOB)).all(&app.db).await.unwrap()
}

dual_test!(smtp_settings_keep_the_password_to_themselves_and_send_a_test, |app| {
    let sink = SmtpSink::start().await;
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (s, none) = app.get("/api/v1/settings/smtp", &app.admin).await;
    assert_eq!((s, &none["configured"], &none["version"]), (StatusCode::OK, &json!(false), &json!(0)));
    // Before any settings the test says so.
    let (s, e) = app.post("/api/v1/settings/smtp/test", &app.admin, json!({"to": "a@example.com"})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("smtp.not_configured")));
    // Only an administrator; bad fields are named and nothing is saved.
    assert_eq!(app.call(Method::PUT, "/api/v1/settings/smtp", &rep, Some(smtp(sink.addr.port()))).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/api/v1/settings/smtp", &rep).await.0, StatusCode::FORBIDDEN);
    let bad = json!({"host": "smtp example", "port": 0, "security": "none", "from": "nobody"});
    let (s, e) = app.call(Method::PUT, "/api/v1/settings/smtp", &app.admin, Some(bad)).await;
    let fields: Vec<&str> = e["errors"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!((s, fields), (StatusCode::UNPROCESSABLE_ENTITY, vec!["host", "port", "from"]));
    assert_eq!(app.get("/api/v1/settings/smtp", &app.admin).await.1["configured"], false);
    // Saved with a password that never comes back, not even in the log.
    let mut body = smtp(sink.addr.port());
    body["password"] = json!("s3cret-口令");
    let (s, saved) = app.call(Method::PUT, "/api/v1/settings/smtp", &app.admin, Some(body.clone())).await;
    assert_eq!(s, StatusCode::OK, "{saved}");
    assert_eq!((&saved["configured"], &saved["password_set"], &saved["version"]), (&json!(true), &json!(true), &json!(1)));
    let (_, read) = app.get("/api/v1/settings/smtp", &app.admin).await;
    assert!(!read.to_string().contains("s3cret"), "{read}");
    let (_, log) = app.get("/api/v1/audit-logs?entity=settings", &app.admin).await;
    assert!(log["items"][0]["changes"].as_array().unwrap().iter().any(|c| c["field"] == "smtp.host"), "{log}");
    assert!(!log.to_string().contains("s3cret"), "{log}");
    let stored = crm_persistence::settings::entity::Entity::find_by_id("smtp".to_string()).one(&app.db).await.unwrap().unwrap().value.to_string();
    assert!(!stored.contains("s3cret"), "the database keeps it sealed: {stored}");
    // Absent keeps it; a stale If-Match changes nothing.
    let (_, kept) = app.call(Method::PUT, "/api/v1/settings/smtp", &app.admin, Some(smtp(sink.addr.port()))).await;
    assert_eq!((&kept["password_set"], &kept["version"]), (&json!(true), &json!(2)));
    let res = app.req(Method::PUT, "/api/v1/settings/smtp", Some(&app.admin)).header("if-match", "\"1\"").json(&json!({"host": "x.example", "port": 25, "security": "none", "from": "a@b.cn"})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::PRECONDITION_FAILED);
    // The test message reaches the SMTP server, in the caller's language.
    let res = app.req(Method::POST, "/api/v1/settings/smtp/test", Some(&app.admin)).header("accept-language", "zh-CN").json(&json!({"to": "Admin@Example.com"})).send().await.unwrap();
    let (s, out) = crate::support::split(res).await;
    assert_eq!((s, &out["delivered"]), (StatusCode::OK, &json!(true)), "{out}");
    let got = sink.wait_for(1).await;
    assert_eq!((got[0].from.as_str(), got[0].to.as_slice()), ("crm@example.com", ["admin@example.com".to_string()].as_slice()));
    assert_eq!(got[0].subject(), "CRM 邮件设置测试");
    assert!(got[0].body().contains("SMTP"));
    let (s, e) = app.post("/api/v1/settings/smtp/test", &app.admin, json!({"to": "not an address"})).await;
    assert_eq!((s, e["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("to")));
    // A server that is not there: an answer that says so, not an error.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    app.call(Method::PUT, "/api/v1/settings/smtp", &app.admin, Some(smtp(closed))).await;
    let (s, out) = app.post("/api/v1/settings/smtp/test", &app.admin, json!({"to": "a@example.com"})).await;
    assert_eq!((s, &out["delivered"]), (StatusCode::OK, &json!(false)), "{out}");
    assert!(!out["error"].as_str().unwrap().is_empty());
    // Turning e-mail off: a stale If-Match changes nothing; then the settings are gone and
    // the test says so again.
    let (_, now) = app.get("/api/v1/settings/smtp", &app.admin).await;
    let stale = app.req(Method::DELETE, "/api/v1/settings/smtp", Some(&app.admin)).header("if-match", "\"1\"").send().await.unwrap();
    assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);
    assert_eq!(app.call(Method::DELETE, "/api/v1/settings/smtp", &rep, None).await.0, StatusCode::FORBIDDEN);
    let res = app.req(Method::DELETE, "/api/v1/settings/smtp", Some(&app.admin)).header("if-match", format!("\"{}\"", now["version"])).send().await.unwrap();
    let (s, off) = crate::support::split(res).await;
    assert_eq!((s, &off["configured"], &off["password_set"]), (StatusCode::OK, &json!(false), &json!(false)), "{off}");
    assert!(crm_persistence::settings::entity::Entity::find_by_id("smtp".to_string()).one(&app.db).await.unwrap().is_none());
    let (s, e) = app.post("/api/v1/settings/smtp/test", &app.admin, json!({"to": "a@example.com"})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("smtp.not_configured")));
});

dual_test!(notifications_reach_the_inbox_in_the_recipient_language_unless_turned_off, |app| {
    let sink = SmtpSink::start().await;
    let (rep_id, rep) = app.user_with_role("rep", "sales_rep", json!({"email": "rep@example.com"})).await;
    let (_, nomail) = app.user_with_role("nomail", "sales_rep", json!({})).await;
    assert_eq!(app.patch("/api/v1/me", &rep, json!({"locale": "en"})).await.0, StatusCode::OK);
    app.call(Method::PUT, "/api/v1/settings/smtp", &app.admin, Some(smtp(sink.addr.port()))).await;
    let worker = mail_worker(&app, "mail-a");

    let first = public_customer(&app, "华东机电").await;
    let (s, b) = app.post("/api/v1/customers/assign", &app.admin, json!({"customer_ids": [first], "owner_id": rep_id})).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let got = sink.wait_for(1).await;
    assert_eq!(got[0].to, ["rep@example.com"]);
    assert_eq!(got[0].subject(), "Customer 华东机电 was assigned to you");
    assert!(got[0].header("From").contains("crm@example.com"));
    let body = got[0].body();
    assert!(body.contains(&format!("https://crm.example.com/customers/{first}")), "{body}");

    // The settings: every kind, e-mail on by default; turning one off stops its e-mails only.
    let (s, settings) = app.get("/api/v1/me/notification-settings", &rep).await;
    assert_eq!(s, StatusCode::OK);
    assert!(settings["items"].as_array().unwrap().iter().all(|k| k["in_app"] == true && k["email"] == true), "{settings}");
    let off = json!({"items": [{"kind": "customer.assigned", "email": false}]});
    let (s, saved) = app.call(Method::PUT, "/api/v1/me/notification-settings", &rep, Some(off)).await;
    assert_eq!(s, StatusCode::OK, "{saved}");
    assert_eq!(saved["items"].as_array().unwrap().iter().find(|k| k["kind"] == "customer.assigned").unwrap()["email"], false);
    let second = public_customer(&app, "华南电气").await;
    app.post("/api/v1/customers/assign", &app.admin, json!({"customer_ids": [second], "owner_id": rep_id})).await;
    let third = public_customer(&app, "西北能源").await;
    app.post("/api/v1/customers/assign", &app.admin, json!({"customer_ids": [third], "owner_id": rep_id})).await;
    // Transfer is another kind: still on.
    let (_, mgr_owned) = app.post("/api/v1/customers", &app.admin, json!({"name": "转来的客户"})).await;
    app.post("/api/v1/customers/transfer", &app.admin, json!({"customer_ids": [mgr_owned["id"]], "owner_id": rep_id})).await;
    let got = sink.wait_for(2).await;
    assert_eq!(got[1].subject(), "Customer 转来的客户 was transferred to you");
    let (_, inbox) = app.get("/api/v1/notifications?kind=customer.assigned", &rep).await;
    assert_eq!(inbox["total"], 3, "the app still shows every one");
    assert_eq!(email_jobs(&app).await.len(), 2, "no job for the e-mails turned off");
    // Someone without an address gets no e-mail job.
    let (nomail_id, _) = (app.get("/api/v1/me", &nomail).await.1["id"].as_str().unwrap().to_string(), ());
    let fourth = public_customer(&app, "无邮箱客户").await;
    app.post("/api/v1/customers/assign", &app.admin, json!({"customer_ids": [fourth], "owner_id": nomail_id})).await;
    assert_eq!(email_jobs(&app).await.len(), 2);

    // Bad settings are refused whole; API tokens cannot touch a person's settings.
    for bad in [json!({"items": [{"kind": "nope", "email": true}]}), json!({"items": [{"kind": "follow_up.due", "in_app": false, "email": true}]}),
        json!({"items": [{"kind": "follow_up.due", "email": true}, {"kind": "follow_up.due", "email": false}]})] {
        assert_eq!(app.call(Method::PUT, "/api/v1/me/notification-settings", &rep, Some(bad)).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let (_, token) = app.post("/api/v1/api-tokens", &app.admin, json!({"name": "mail", "scopes": ["customers:read"]})).await;
    let token = token["token"].as_str().unwrap();
    assert_eq!(app.get("/api/v1/me/notification-settings", token).await.0, StatusCode::FORBIDDEN);
    worker.stop().await;
});

dual_test!(a_failed_send_is_retried_by_the_queue_and_the_change_stands, |app| {
    let (rep_id, rep) = app.user_with_role("rep", "sales_rep", json!({"email": "rep@example.com"})).await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    app.call(Method::PUT, "/api/v1/settings/smtp", &app.admin, Some(smtp(closed))).await;
    let worker = mail_worker(&app, "mail-b");
    let id = public_customer(&app, "重试客户").await;
    let (s, _) = app.post("/api/v1/customers/assign", &app.admin, json!({"customer_ids": [id], "owner_id": rep_id})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(app.get(&format!("/api/v1/customers/{id}"), &rep).await.1["owner_id"], rep_id.as_str(), "the change stands");
    let mut failed = None;
    for _ in 0..200 {
        let jobs = email_jobs(&app).await;
        if let Some(j) = jobs.into_iter().find(|j| j.attempts >= 1 && j.last_error.is_some()) {
            failed = Some(j);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let job = failed.expect("the e-mail job ran and failed");
    assert_eq!(job.status, "queued", "queued again for a later attempt");
    assert!(job.run_at > chrono::Utc::now(), "after a backoff");
    assert!(job.last_error.unwrap().contains("smtp.send_failed"));
    // Admins see it on the jobs page.
    let (_, page) = app.get(&format!("/api/v1/jobs?kind={JOB}"), &app.admin).await;
    assert_eq!(page["total"], 1);
    worker.stop().await;
});
