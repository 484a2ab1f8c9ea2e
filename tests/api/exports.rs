//! Exports beyond what every resource's conformance checks: a file made for people imports
//! back unchanged (contacts, suppliers), and a person has at most `user_jobs` exports under
//! way at once (429 `export.too_many_running`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::time::Duration;

use reqwest::multipart::{Form, Part};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::{split, worker, TestApp};

/// Uploads `bytes` as an import of `entity` and waits for its report.
async fn import(app: &TestApp, name: &str, bytes: Vec<u8>, fields: &[(&str, &str)]) -> Value {
    let mut form = Form::new().part("file", Part::bytes(bytes).file_name(name.to_string()));
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    let (s, v) = split(app.req(Method::POST, "/api/v1/imports", Some(&app.admin)).multipart(form).send().await.unwrap()).await;
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    let id = v["id"].as_str().unwrap().to_string();
    for _ in 0..400 {
        let (_, v) = app.get(&format!("/api/v1/imports/{id}"), &app.admin).await;
        if v["status"] == "done" || v["status"] == "failed" {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("import {id} did not finish");
}

async fn export(app: &TestApp, path: &str, lang: &str) -> Vec<u8> {
    let res = app.req(Method::GET, path, Some(&app.admin)).header("accept-language", lang).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    res.bytes().await.unwrap().to_vec()
}

/// The fields a person typed, as the list shows them.
fn typed(items: &Value, fields: &[&str]) -> Vec<Vec<Value>> {
    let mut rows: Vec<Vec<Value>> = items.as_array().unwrap().iter().map(|i| fields.iter().map(|f| i[*f].clone()).collect()).collect();
    rows.sort_by_key(|r| r[0].to_string());
    rows
}

const CONTACT_FIELDS: &[&str] = &["name", "customer_id", "title", "phone", "mobile", "email", "wechat", "is_primary", "birthday", "remark"];
const SUPPLIER_FIELDS: &[&str] = &["name", "contact", "phone", "province", "city", "address", "remark"];

dual_test!(a_file_exported_for_people_imports_back_unchanged, |app| {
    let _jobs = worker(&app, "export-import-worker");
    let (_, c) = app.post("/api/v1/customers", &app.admin, json!({"name": "往返客户", "kind": "company"})).await;
    let customer = c["id"].as_str().unwrap();
    for (name, extra) in [
        ("李明", json!({"title": "采购经理", "mobile": "13800138000", "email": "li@example.com", "wechat": "liming", "is_primary": true, "birthday": "1990-03-08", "remark": "喜欢喝茶, 周一不在"})),
        ("王芳", json!({"phone": "0571-88886666", "remark": "=1+1 看起来像公式"})),
        ("Chen \"Q\"", json!({})),
    ] {
        let mut body = json!({"customer_id": customer, "name": name});
        body.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        let (s, v) = app.post("/api/v1/contacts", &app.admin, body).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
    let list = format!("/api/v1/contacts?customer_id={customer}&page_size=200");
    let before = typed(&app.get(&list, &app.admin).await.1["items"], CONTACT_FIELDS);

    // The people's file, in Chinese: the import's headers, the customer by name, 是/否.
    let csv = export(&app, &format!("/api/v1/contacts/export?format=csv&customer_id={customer}"), "zh-CN").await;
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(text.starts_with("\u{feff}客户名称,姓名,职务,电话,手机,邮箱,微信,首要联系人,生日,备注,"), "{text}");
    // The scripts' file (field names, codes) reads back as well.
    let raw = export(&app, &format!("/api/v1/contacts/export?format=csv&raw=true&customer_id={customer}"), "en").await;
    assert!(String::from_utf8(raw.clone()).unwrap().starts_with("\u{feff}customer,name,title,"));
    let dry = import(&app, "contacts.csv", raw, &[("entity", "contacts")]).await;
    assert_eq!((&dry["status"], &dry["rows_read"], &dry["failed"]), (&json!("done"), &json!(3), &json!(0)), "{dry}");
    // Checked (a dry run), then written again in place of the originals.
    let dry = import(&app, "联系人.csv", csv.clone(), &[("entity", "contacts")]).await;
    assert_eq!((&dry["status"], &dry["rows_read"], &dry["failed"]), (&json!("done"), &json!(3), &json!(0)), "{dry}");
    for item in app.get(&list, &app.admin).await.1["items"].as_array().unwrap() {
        assert_eq!(app.delete(&format!("/api/v1/contacts/{}", item["id"].as_str().unwrap()), &app.admin).await.0, StatusCode::NO_CONTENT);
    }
    let done = import(&app, "联系人.csv", csv, &[("entity", "contacts"), ("mode", "commit")]).await;
    assert_eq!((&done["created"], &done["failed"]), (&json!(3), &json!(0)), "{done}");
    assert_eq!(typed(&app.get(&list, &app.admin).await.1["items"], CONTACT_FIELDS), before);

    // Suppliers, as an English spreadsheet.
    for (name, extra) in [
        ("宁波甬江电子有限公司", json!({"contact": "陈强", "phone": "0574-87654321", "province": "浙江省", "city": "宁波市", "address": "江东路 1 号", "remark": "月结"})),
        ("Acme, Ltd.", json!({"remark": "line one\nline two"})),
    ] {
        let mut body = json!({"name": name});
        body.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        let (s, v) = app.post("/api/v1/suppliers", &app.admin, body).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
    let before = typed(&app.get("/api/v1/suppliers?page_size=200", &app.admin).await.1["items"], SUPPLIER_FIELDS);
    let xlsx = export(&app, "/api/v1/suppliers/export?format=xlsx", "en").await;
    // Still there: each row is a duplicate by name, skipped, none failed.
    let dry = import(&app, "suppliers.xlsx", xlsx.clone(), &[("entity", "suppliers"), ("on_duplicate", "skip")]).await;
    assert_eq!((&dry["status"], &dry["rows_read"], &dry["skipped"], &dry["failed"]), (&json!("done"), &json!(2), &json!(2), &json!(0)), "{dry}");
    for item in app.get("/api/v1/suppliers", &app.admin).await.1["items"].as_array().unwrap() {
        assert_eq!(app.delete(&format!("/api/v1/suppliers/{}", item["id"].as_str().unwrap()), &app.admin).await.0, StatusCode::NO_CONTENT);
    }
    let dry = import(&app, "suppliers.xlsx", xlsx.clone(), &[("entity", "suppliers")]).await;
    assert_eq!((&dry["created"], &dry["failed"]), (&json!(2), &json!(0)), "{dry}");
    let done = import(&app, "suppliers.xlsx", xlsx, &[("entity", "suppliers"), ("mode", "commit")]).await;
    assert_eq!((&done["created"], &done["failed"]), (&json!(2), &json!(0)), "{done}");
    assert_eq!(typed(&app.get("/api/v1/suppliers?page_size=200", &app.admin).await.1["items"], SUPPLIER_FIELDS), before);
});

/// Enough contacts that an export of them does not fit the sockets' buffers, so a
/// client that does not read holds it open (about 12 MB of CSV). Written straight into
/// the table: through the API each would refresh its customer's search text.
async fn many_contacts(app: &TestApp) {
    use crm_persistence::customers::entities::contact;
    use sea_orm::EntityTrait;
    let (s, v) = app.post("/api/v1/customers", &app.admin, json!({"name": "大客户", "kind": "company"})).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let customer_id = uuid::Uuid::parse_str(v["id"].as_str().unwrap()).unwrap();
    let remark = "备".repeat(2000);
    let now = chrono::Utc::now();
    for chunk in 0..10 {
        let rows = (0..200).map(|i| {
            contact::ActiveModel::from(contact::Model {
                id: uuid::Uuid::now_v7(),
                customer_id,
                name: format!("联系人 {chunk}-{i}"),
                title: None,
                phone: None,
                mobile: None,
                email: None,
                wechat: None,
                is_primary: false,
                birthday: None,
                remark: Some(remark.clone()),
                created_by: None,
                version: 1,
                created_at: now,
                updated_at: now,
                deleted_at: None,
                deleted_by: None,
            })
        });
        contact::Entity::insert_many(rows).exec_without_returning(&app.db).await.unwrap();
    }
}

dual_test!(a_person_streams_at_most_user_jobs_exports_at_once, |app| {
    many_contacts(&app).await;
    // Uncompressed, so the body is as large as it reads.
    let open = || app.req(Method::GET, "/api/v1/contacts/export?format=csv", Some(&app.admin)).header("accept-encoding", "identity").send();
    // Two exports whose reader has not read them yet.
    let first = open().await.unwrap();
    let second = open().await.unwrap();
    assert_eq!((first.status(), second.status()), (StatusCode::OK, StatusCode::OK));
    // The third, of any list or report, waits its turn.
    for path in ["/api/v1/customers/export?format=csv", "/api/v1/suppliers/export?format=xlsx", "/api/v1/reports/funnel/export?format=csv"] {
        let res = app.req(Method::GET, path, Some(&app.admin)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "{path}");
        assert!(res.headers().get("retry-after").is_some(), "{path}");
        assert_eq!(res.headers()["content-type"], "application/problem+json");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["code"], "export.too_many_running", "{body}");
    }
    // Someone else is not held up.
    let (_, rep) = app.user_with_role("export-rep", "sales_rep", json!({})).await;
    assert_eq!(app.req(Method::GET, "/api/v1/customers/export?format=csv", Some(&rep)).send().await.unwrap().status(), StatusCode::OK);
    // One read to its end gives its place back.
    let text = first.text().await.unwrap();
    assert_eq!(text.lines().count(), 2001);
    let mut again = StatusCode::TOO_MANY_REQUESTS;
    for _ in 0..100 {
        again = app.req(Method::GET, "/api/v1/suppliers/export?format=csv", Some(&app.admin)).send().await.unwrap().status();
        if again != StatusCode::TOO_MANY_REQUESTS {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(again, StatusCode::OK);
    // A client that goes away gives its place back too.
    drop(second);
    let mut again = StatusCode::TOO_MANY_REQUESTS;
    for _ in 0..100 {
        let held = open().await.unwrap();
        again = held.status();
        let also = open().await.unwrap().status();
        if again == StatusCode::OK && also == StatusCode::OK {
            break;
        }
        again = StatusCode::TOO_MANY_REQUESTS;
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(again, StatusCode::OK);
});
