//! Background exports (`POST /exports`): the job makes the list's file as the person who
//! asked and stores it in their drive (folder 导出) with a notification; what a download
//! of the list refuses is refused before anything is queued; a person has at most
//! `user_jobs` waiting or running; a quota refusal fails the export with its code; an
//! export a stopped server left running is made again, once.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::time::Duration;

use crm_persistence::exports::entity::{Column as ExportColumn, Entity as ExportRow};
use reqwest::{Method, StatusCode};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};

use crate::support::{database_away, last_attempt_next, split, standard_registry, worker, worker_with, TestApp};

async fn ask(app: &TestApp, token: &str, body: Value, lang: &str) -> (StatusCode, Value) {
    split(app.req(Method::POST, "/api/v1/exports", Some(token)).header("accept-language", lang).json(&body).send().await.unwrap()).await
}

/// Waits until the export is done or failed.
async fn finished(app: &TestApp, token: &str, id: &str) -> Value {
    for _ in 0..400 {
        let (s, v) = app.get(&format!("/api/v1/exports/{id}"), token).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        if v["status"] == "done" || v["status"] == "failed" {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("export {id} did not finish");
}

async fn bytes(app: &TestApp, path: &str, token: &str, lang: &str) -> Vec<u8> {
    let res = app.req(Method::GET, path, Some(token)).header("accept-language", lang).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    res.bytes().await.unwrap().to_vec()
}

async fn customer(app: &TestApp, token: &str, name: &str, kind: &str) {
    let (s, v) = app.post("/api/v1/customers", token, json!({"name": name, "kind": kind})).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
}

dual_test!(a_background_export_lands_in_the_drive_as_the_streamed_one_reads, |app| {
    let jobs = worker(&app, "export-worker");
    let (_, rep) = app.user_with_role("export-rep", "sales_rep", json!({})).await;
    for (name, kind) in [("甲个人", "person"), ("乙公司", "company"), ("丙个人, \"引号\"", "person")] {
        customer(&app, &rep, name, kind).await;
    }
    // Someone else's, which the rep's data scope leaves out.
    customer(&app, &app.admin, "丁个人（管理员的）", "person").await;
    let query = "kind=person&sort=name";
    let (s, v) = ask(&app, &rep, json!({"list": "customers", "format": "csv", "query": query, "tz": "Asia/Shanghai"}), "zh-CN").await;
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    assert_eq!((v["status"].as_str(), v["lang"].as_str(), v["list"].as_str()), (Some("queued"), Some("zh"), Some("customers")), "{v}");
    let done = finished(&app, &rep, v["id"].as_str().unwrap()).await;
    assert_eq!((done["status"].as_str(), done["rows"].as_i64()), (Some("done"), Some(2)), "{done}");
    let name = done["file_name"].as_str().unwrap();
    assert!(name.starts_with("customers-") && name.ends_with(".csv") && name.len() == "customers-20261207-100003.csv".len(), "{name}");
    // The file in the drive is the download of the same query, byte for byte.
    let file = done["file_id"].as_str().unwrap();
    let stored = bytes(&app, &format!("/api/v1/files/{file}/content"), &rep, "zh-CN").await;
    let streamed = bytes(&app, &format!("/api/v1/customers/export?format=csv&tz=Asia/Shanghai&{query}"), &rep, "zh-CN").await;
    assert_eq!(String::from_utf8(stored.clone()).unwrap(), String::from_utf8(streamed).unwrap());
    let text = String::from_utf8(stored).unwrap();
    assert!(text.contains("客户名称") && text.contains("甲个人") && !text.contains("乙公司") && !text.contains("丁个人"), "{text}");
    // In the rep's own folder 导出, counted against their quota.
    let (_, f) = app.get(&format!("/api/v1/files/{file}"), &rep).await;
    let (_, folder) = app.get(&format!("/api/v1/folders/{}", f["folder_id"].as_str().unwrap()), &rep).await;
    assert_eq!((folder["name"].as_str(), folder["space"].as_str(), folder["parent_id"].clone()), (Some("导出"), Some("personal"), Value::Null), "{folder}");
    let (_, q) = app.get("/api/v1/drive/quota", &rep).await;
    assert!(q.to_string().contains(&f["size"].to_string()), "{q} {f}");
    // The notification names the file and links to it.
    let (_, inbox) = app.get("/api/v1/notifications", &rep).await;
    let n = &inbox["items"][0];
    assert_eq!((n["kind"].as_str(), n["entity"].as_str(), n["record_id"].as_str(), n["record_label"].as_str()), (Some("export.ready"), Some("files"), Some(file), Some(name)), "{inbox}");
    // A spreadsheet the second time, in the same folder; the list of mine has both.
    let (_, v) = ask(&app, &rep, json!({"list": "customers", "format": "xlsx", "query": query}), "en").await;
    let done = finished(&app, &rep, v["id"].as_str().unwrap()).await;
    assert_eq!((done["status"].as_str(), done["rows"].as_i64(), done["lang"].as_str()), (Some("done"), Some(2), Some("en")), "{done}");
    let xlsx = bytes(&app, &format!("/api/v1/files/{}/content", done["file_id"].as_str().unwrap()), &rep, "en").await;
    assert!(xlsx.starts_with(b"PK"));
    let (_, f2) = app.get(&format!("/api/v1/files/{}", done["file_id"].as_str().unwrap()), &rep).await;
    assert_eq!(f2["folder_id"], f["folder_id"]);
    let (_, mine) = app.get("/api/v1/exports?status=done&sort=-created_at", &rep).await;
    assert_eq!((mine["total"].as_i64(), mine["items"][0]["format"].as_str()), (Some(2), Some("xlsx")), "{mine}");
    // Another person's export is not the rep's to read.
    let (_, other) = app.user_with_role("export-rep-2", "sales_rep", json!({})).await;
    assert_eq!(app.get(&format!("/api/v1/exports/{}", done["id"].as_str().unwrap()), &other).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/api/v1/exports", &other).await.1["total"], 0);
    jobs.stop().await;
});

dual_test!(what_a_download_refuses_is_refused_before_anything_is_queued, |app| {
    let (_, rep) = app.user_with_role("export-rep", "sales_rep", json!({})).await;
    let field = |v: &Value| (v["code"].as_str().unwrap_or_default().to_string(), v["errors"][0]["field"].as_str().unwrap_or_default().to_string());
    let (s, v) = ask(&app, &rep, json!({"list": "spaceships", "format": "csv"}), "en").await;
    assert_eq!((s, field(&v)), (StatusCode::UNPROCESSABLE_ENTITY, ("validation.failed".into(), "list".into())), "{v}");
    let (s, v) = ask(&app, &rep, json!({"list": "customers", "format": "csv", "query": "colour=red"}), "en").await;
    assert_eq!((s, field(&v)), (StatusCode::BAD_REQUEST, ("query.invalid".into(), "colour".into())), "{v}");
    let (s, v) = ask(&app, &rep, json!({"list": "customers", "format": "csv", "query": "sort=-shoe_size"}), "en").await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    let (s, v) = ask(&app, &rep, json!({"list": "customers", "format": "csv", "tz": "Mars/Olympus"}), "en").await;
    assert_eq!((s, field(&v)), (StatusCode::UNPROCESSABLE_ENTITY, ("validation.failed".into(), "tz".into())), "{v}");
    let (s, v) = ask(&app, &rep, json!({"list": "customers", "format": "pdf"}), "en").await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    // The list's own permission: a rep exports customers, not the users.
    let (s, v) = ask(&app, &rep, json!({"list": "users", "format": "csv"}), "en").await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::FORBIDDEN, Some("auth.forbidden")), "{v}");
    // An API token's scopes narrow both permissions.
    let (_, t) = app.post("/api/v1/api-tokens", &app.admin, json!({"name": "exports", "scopes": ["customers:export"]})).await;
    let narrow = t["token"].as_str().unwrap();
    assert_eq!(ask(&app, narrow, json!({"list": "customers", "format": "csv"}), "en").await.0, StatusCode::FORBIDDEN);
    let (_, t) = app.post("/api/v1/api-tokens", &app.admin, json!({"name": "exports 2", "scopes": ["exports:create", "exports:read"]})).await;
    let without_list = t["token"].as_str().unwrap();
    assert_eq!(ask(&app, without_list, json!({"list": "customers", "format": "csv"}), "en").await.0, StatusCode::FORBIDDEN);
    // The file is kept in the drive: without `files:create` it could not be opened.
    let (_, t) = app.post("/api/v1/api-tokens", &app.admin, json!({"name": "exports 3", "scopes": ["exports:create", "customers:export"]})).await;
    let (s, v) = ask(&app, t["token"].as_str().unwrap(), json!({"list": "customers", "format": "csv"}), "en").await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::FORBIDDEN, Some("auth.forbidden")), "{v}");
    assert!(v["detail"].as_str().unwrap_or_default().contains("files:create"), "{v}");
    let (_, t) = app.post("/api/v1/api-tokens", &app.admin, json!({"name": "exports 4", "scopes": ["exports:create", "customers:export", "files:create"]})).await;
    assert_eq!(ask(&app, t["token"].as_str().unwrap(), json!({"list": "customers", "format": "csv"}), "en").await.0, StatusCode::ACCEPTED);
    // At most two waiting or running per person (no worker runs here).
    for _ in 0..2 {
        assert_eq!(ask(&app, &rep, json!({"list": "customers", "format": "xlsx", "query": "kind=person"}), "en").await.0, StatusCode::ACCEPTED);
    }
    let res = app.req(Method::POST, "/api/v1/exports", Some(&rep)).json(&json!({"list": "leads", "format": "csv"})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers().get("retry-after").is_some());
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "export.too_many_running");
    // Someone else is not held up; nothing refused was kept.
    assert_eq!(ask(&app, &app.admin, json!({"list": "users", "format": "csv"}), "en").await.0, StatusCode::ACCEPTED);
    assert_eq!(app.get("/api/v1/exports", &rep).await.1["total"], 2);
    // The list's filters take their values only, each once.
    assert_eq!(app.get("/api/v1/exports?status=queued,running&format=xlsx", &rep).await.1["total"], 2);
    for bad in ["format=pdf", "status=lost", "format=csv&format=csv"] {
        let (s, v) = app.get(&format!("/api/v1/exports?{bad}"), &rep).await;
        assert_eq!((s, v["code"].as_str()), (StatusCode::BAD_REQUEST, Some("query.invalid")), "{bad}: {v}");
    }
});

dual_test!(a_refusal_of_the_drive_fails_the_export_with_its_code, |app| {
    let (s, b) = app.call(Method::PUT, "/api/v1/settings/drive", &app.admin, Some(json!({"user_quota_bytes": 200, "company_quota_bytes": 1000000, "max_file_bytes": 100000}))).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let (_, rep) = app.user_with_role("export-rep", "sales_rep", json!({})).await;
    for i in 0..20 {
        customer(&app, &rep, &format!("配额客户{i:02} 有一个很长很长的名字"), "company").await;
    }
    let jobs = worker(&app, "export-quota-worker");
    let (_, v) = ask(&app, &rep, json!({"list": "customers", "format": "csv"}), "zh-CN").await;
    let failed = finished(&app, &rep, v["id"].as_str().unwrap()).await;
    assert_eq!((failed["status"].as_str(), failed["error_code"].as_str(), failed["file_id"].clone()), (Some("failed"), Some("drive.quota_exceeded"), Value::Null), "{failed}");
    let (_, files) = app.get("/api/v1/files", &rep).await;
    assert_eq!(files["total"], 0, "{files}");
    let (_, inbox) = app.get("/api/v1/notifications", &rep).await;
    assert_eq!((inbox["items"][0]["kind"].as_str(), inbox["items"][0]["data"]["code"].as_str()), (Some("export.failed"), Some("drive.quota_exceeded")), "{inbox}");
    jobs.stop().await;
});

dual_test!(an_export_a_stopped_server_left_running_is_made_again_once, |app| {
    customer(&app, &app.admin, "重启客户", "company").await;
    let (s, v) = ask(&app, &app.admin, json!({"list": "customers", "format": "xlsx"}), "zh-CN").await;
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    let id = uuid::Uuid::parse_str(v["id"].as_str().unwrap()).unwrap();
    // As a server that stopped half-way leaves it: running, nothing stored.
    ExportRow::update_many()
        .col_expr(ExportColumn::Status, Expr::value("running"))
        .col_expr(ExportColumn::StartedAt, Expr::value(Some(chrono::Utc::now())))
        .filter(ExportColumn::Id.eq(id))
        .exec(&app.db)
        .await
        .unwrap();
    let jobs = worker(&app, "export-restart-worker");
    let done = finished(&app, &app.admin, &id.to_string()).await;
    assert_eq!((done["status"].as_str(), done["rows"].as_i64()), (Some("done"), Some(1)), "{done}");
    // Run once more (a job taken over after its first run finished): nothing new.
    crm_persistence::exports::job::run(&app.db, &crm_persistence::drive::storage::Store::new(app.files_dir.clone(), None), json!({"export_id": id})).await.unwrap();
    let (_, files) = app.get("/api/v1/files?q=customers-", &app.admin).await;
    assert_eq!(files["total"], 1, "{files}");
    jobs.stop().await;
});

dual_test!(an_export_whose_job_dies_fails_with_gave_up_and_frees_its_place, |app| {
    let (_, rep) = app.user_with_role("export-rep", "sales_rep", json!({})).await;
    let (s, v) = ask(&app, &rep, json!({"list": "customers", "format": "csv"}), "en").await;
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    last_attempt_next(&app, crm_persistence::exports::JOB).await;
    let jobs = worker_with(&app, "export-dying", standard_registry(&app).with(crm_persistence::exports::JOB, database_away));
    let failed = finished(&app, &rep, v["id"].as_str().unwrap()).await;
    jobs.stop().await;
    assert_eq!((failed["status"].as_str(), failed["error_code"].as_str()), (Some("failed"), Some("export.gave_up")), "{failed}");
    assert!(failed["error"].as_str().unwrap().contains("the database is away"), "{failed}");
    let (_, inbox) = app.get("/api/v1/notifications", &rep).await;
    assert_eq!((inbox["items"][0]["kind"].as_str(), inbox["items"][0]["data"]["code"].as_str()), (Some("export.failed"), Some("export.gave_up")), "{inbox}");
    // No longer counted as under way: the rep may ask again.
    assert_eq!(ask(&app, &rep, json!({"list": "customers", "format": "csv"}), "en").await.0, StatusCode::ACCEPTED);
});
