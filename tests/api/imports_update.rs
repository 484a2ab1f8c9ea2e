//! `on_duplicate: update`: a row refused as a duplicate changes the record it collides
//! with through that record's own update (only the non-empty mapped cells, a new version,
//! an operation-log entry naming the import), if the importer may change it; a row that
//! matches two records, or one outside the importer's scope, fails and changes nothing;
//! a dry run and an all-or-nothing import that fails change nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::time::Duration;

use reqwest::multipart::{Form, Part};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::{split, worker, TestApp, PASSWORD};

async fn upload(app: &TestApp, token: &str, csv: &str, fields: &[(&str, &str)]) -> (StatusCode, Value) {
    let mut form = Form::new().part("file", Part::bytes(csv.as_bytes().to_vec()).file_name("update.csv"));
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    split(app.req(Method::POST, "/api/v1/imports", Some(token)).multipart(form).send().await.unwrap()).await
}

/// Imports `csv` with `on_duplicate: update` and waits for the outcome.
async fn import(app: &TestApp, token: &str, entity: &str, csv: &str, more: &[(&str, &str)]) -> Value {
    let mut fields = vec![("entity", entity), ("on_duplicate", "update")];
    fields.extend_from_slice(more);
    let (s, v) = upload(app, token, csv, &fields).await;
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    let id = v["id"].as_str().unwrap().to_string();
    for _ in 0..400 {
        let (_, v) = app.get(&format!("/api/v1/imports/{id}"), token).await;
        if v["status"] == "done" || v["status"] == "failed" {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("import {id} did not finish");
}

fn counts(r: &Value) -> (i64, i64, i64, i64) {
    (r["created"].as_i64().unwrap(), r["updated"].as_i64().unwrap(), r["skipped"].as_i64().unwrap(), r["failed"].as_i64().unwrap())
}

/// Errors as (row, field, code).
fn codes(r: &Value) -> Vec<(i64, String, String)> {
    r["errors"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|row| {
            row["errors"].as_array().unwrap().iter().map(move |e| (row["row"].as_i64().unwrap(), e["field"].as_str().unwrap_or_default().to_string(), e["code"].as_str().unwrap().to_string()))
        })
        .collect()
}

async fn by_name(app: &TestApp, list: &str, name: &str) -> Value {
    let (_, page) = app.get(&format!("/api/v1/{list}?page_size=100"), &app.admin).await;
    page["items"].as_array().unwrap().iter().find(|c| c["name"] == name).cloned().unwrap_or(Value::Null)
}

/// The entries of the record's operation log that name the import.
async fn logged_by(app: &TestApp, entity: &str, id: &Value, import: &Value) -> Vec<Value> {
    let (_, log) = app.get(&format!("/api/v1/audit-logs?entity={entity}&entity_id={}&page_size=200", id.as_str().unwrap()), &app.admin).await;
    let request = format!("import-{}", import["id"].as_str().unwrap());
    log["items"].as_array().unwrap().iter().filter(|e| e["request_id"] == request.as_str()).cloned().collect()
}

/// A user holding a role of `permissions` with data scope `scope`; answers the token.
async fn user(app: &TestApp, name: &str, permissions: &[&str], scope: &str) -> String {
    let (s, role) = app.post("/api/v1/roles", &app.admin, json!({"name": format!("role-{name}"), "permissions": permissions, "data_scope": scope})).await;
    assert_eq!(s, StatusCode::CREATED, "{role}");
    let body = json!({"username": name, "display_name": name, "password": PASSWORD, "role_ids": [role["id"]]});
    let (s, u) = app.post("/api/v1/users", &app.admin, body).await;
    assert_eq!(s, StatusCode::CREATED, "{u}");
    app.login(name, PASSWORD).await
}

dual_test!(customers_update_the_record_they_duplicate_with_only_their_cells, |app| {
    let jobs = worker(&app, "import-worker");
    let (s, jia) = app.post("/api/v1/customers", &app.admin, json!({"name": "甲公司", "phone": "0571-88886666", "industry": "it", "remark": "原备注"})).await;
    assert_eq!(s, StatusCode::CREATED, "{jia}");
    let (_, yi) = app.post("/api/v1/customers", &app.admin, json!({"name": "乙公司", "phone": "010-12345678"})).await;

    // 甲 by name: the remark changes, the empty industry cell and the unmapped phone stay,
    // the owner column is not an update's (a transfer is); a new customer named twice is
    // created by its first row and updated by its second.
    app.user_with_role("other-rep", "sales_rep", json!({})).await;
    let csv = "客户名称,行业,备注,负责人\n甲公司,,新备注,other-rep\n新客户,it,,\n新客户,,第二次,\n";
    let dry = import(&app, &app.admin, "customers", csv, &[]).await;
    assert_eq!((dry["status"].as_str(), counts(&dry)), (Some("done"), (1, 2, 0, 0)), "{dry}");
    let still = by_name(&app, "customers", "甲公司").await;
    assert_eq!((&still["remark"], &still["version"]), (&json!("原备注"), &json!(1)), "a dry run changes nothing");
    assert_eq!(by_name(&app, "customers", "新客户").await, Value::Null);

    let done = import(&app, &app.admin, "customers", csv, &[("mode", "commit")]).await;
    assert_eq!((done["status"].as_str(), counts(&done)), (Some("done"), (1, 2, 0, 0)), "{done}");
    let now = by_name(&app, "customers", "甲公司").await;
    assert_eq!(
        (&now["remark"], &now["industry"], &now["phone"], &now["owner_id"], &now["version"]),
        (&json!("新备注"), &json!("it"), &jia["phone"], &jia["owner_id"], &json!(2)),
        "{now}"
    );
    let log = logged_by(&app, "customers", &jia["id"], &done).await;
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0]["action"], "update");
    let changed: Vec<&str> = log[0]["changes"].as_array().unwrap().iter().map(|c| c["field"].as_str().unwrap()).collect();
    assert!(changed.contains(&"remark") && !changed.contains(&"industry"), "{changed:?}");
    let new = by_name(&app, "customers", "新客户").await;
    assert_eq!((&new["industry"], &new["remark"], &new["version"]), (&json!("it"), &json!("第二次"), &json!(2)), "{new}");
    let mut actions: Vec<String> = logged_by(&app, "customers", &new["id"], &done).await.iter().map(|e| e["action"].as_str().unwrap().to_string()).collect();
    actions.sort();
    assert_eq!(actions, vec!["import", "update"]);

    // One row, two customers (甲 by name, 乙 by phone): the row fails, nobody changes.
    let amb = import(&app, &app.admin, "customers", "客户名称,电话,备注\n甲公司,010-12345678,歧义\n", &[("mode", "commit")]).await;
    assert_eq!(counts(&amb), (0, 0, 0, 1), "{amb}");
    assert_eq!(codes(&amb), vec![(2, "name".into(), "duplicate_ambiguous".into()), (2, "phone".into(), "duplicate_ambiguous".into())]);
    assert_eq!(amb["errors"][0]["errors"][1]["column"], "电话");
    assert_eq!(by_name(&app, "customers", "甲公司").await["version"], 2);
    assert_eq!(by_name(&app, "customers", "乙公司").await["version"], yi["version"]);

    // All or nothing: a failing row takes the update back with it.
    let atomic = import(&app, &app.admin, "customers", "客户名称,行业,备注\n甲公司,,原子\n丁公司,芯片,\n", &[("mode", "commit"), ("atomic", "true")]).await;
    assert_eq!((atomic["status"].as_str(), counts(&atomic)), (Some("failed"), (0, 0, 0, 1)), "{atomic}");
    assert_eq!(by_name(&app, "customers", "甲公司").await["remark"], "新备注");

    // A rep may update their own customer, not a colleague's (outside their data scope),
    // and without `customers:update` not even their own.
    let perms = ["imports:create", "imports:read", "customers:import", "customers:read", "customers:create", "customers:update"];
    let rep = user(&app, "updater", &perms, "self").await;
    let (s, own) = app.post("/api/v1/customers", &rep, json!({"name": "丙公司"})).await;
    assert_eq!(s, StatusCode::CREATED, "{own}");
    let r = import(&app, &rep, "customers", "客户名称,备注\n丙公司,我的\n甲公司,不是我的\n", &[("mode", "commit")]).await;
    assert_eq!(counts(&r), (0, 1, 0, 1), "{r}");
    assert_eq!(codes(&r), vec![(3, "name".into(), "duplicate_forbidden".into())]);
    assert!(r["errors"][0]["errors"][0]["message"].as_str().unwrap().contains("not yours to change"), "{r}");
    assert_eq!(by_name(&app, "customers", "丙公司").await["remark"], "我的");
    assert_eq!(by_name(&app, "customers", "甲公司").await["remark"], "新备注");
    // A customer in the public pool is changed as its PATCH allows: not by a rep, who
    // claims it first, but by a manager whose scope is everyone's.
    let (_, pooled) = app.post("/api/v1/customers", &app.admin, json!({"name": "公海客户"})).await;
    let pooled_id = pooled["id"].as_str().unwrap();
    assert_eq!(app.post(&format!("/api/v1/customers/{pooled_id}/release"), &app.admin, json!({"reason": "公海"})).await.0, StatusCode::OK);
    assert_eq!(app.patch(&format!("/api/v1/customers/{pooled_id}"), &rep, json!({"remark": "x"})).await.0, StatusCode::NOT_FOUND);
    let r = import(&app, &rep, "customers", "客户名称,备注\n公海客户,认领前改不了\n", &[("mode", "commit")]).await;
    assert_eq!(codes(&r), vec![(2, "name".into(), "duplicate_forbidden".into())]);
    let r = import(&app, &app.admin, "customers", "客户名称,备注\n公海客户,管理员可改\n", &[("mode", "commit")]).await;
    assert_eq!(counts(&r), (0, 1, 0, 0), "{r}");
    let pooled = by_name(&app, "customers", "公海客户").await;
    assert_eq!((&pooled["remark"], &pooled["pool"], &pooled["owner_id"]), (&json!("管理员可改"), &json!("public"), &Value::Null), "{pooled}");
    let reader = user(&app, "no-update", &perms[..5], "all").await;
    let r = import(&app, &reader, "customers", "客户名称,备注\n丙公司,改不了\n", &[("mode", "commit")]).await;
    assert_eq!(codes(&r), vec![(2, "name".into(), "duplicate_forbidden".into())]);
    assert!(r["errors"][0]["errors"][0]["message"].as_str().unwrap().contains("customers:update"), "{r}");
    assert_eq!(by_name(&app, "customers", "丙公司").await["remark"], "我的");

    // The errors file carries the codes' messages.
    let res = app.req(Method::GET, &format!("/api/v1/imports/{}/errors.csv", amb["id"].as_str().unwrap()), Some(&app.admin)).send().await.unwrap();
    let text = res.text().await.unwrap();
    assert!(text.contains("甲公司,010-12345678,歧义,") && text.contains("nothing was changed"), "{text}");
    jobs.stop().await;
});

dual_test!(products_and_suppliers_update_the_record_they_duplicate, |app| {
    let jobs = worker(&app, "import-worker");
    let (_, cat) = app.post("/api/v1/product-categories", &app.admin, json!({"name": "会议设备"})).await;
    let (s, panel) = app.post("/api/v1/products", &app.admin, json!({"name": "会议平板", "category_id": cat["id"], "price": "100.00", "unit": "台", "description": "旧"})).await;
    assert_eq!(s, StatusCode::CREATED, "{panel}");
    let csv = "产品名称,产品分类,标准价格,描述\n会议平板,会议设备,\"12,800\",\n摄像头,会议设备,5,新\n";
    let dry = import(&app, &app.admin, "products", csv, &[]).await;
    assert_eq!(counts(&dry), (1, 1, 0, 0), "{dry}");
    assert_eq!(by_name(&app, "products", "会议平板").await["price"], "100.00");
    let done = import(&app, &app.admin, "products", csv, &[("mode", "commit")]).await;
    assert_eq!(counts(&done), (1, 1, 0, 0), "{done}");
    let now = by_name(&app, "products", "会议平板").await;
    assert_eq!((&now["price"], &now["unit"], &now["description"], &now["version"]), (&json!("12800.00"), &json!("台"), &json!("旧"), &json!(2)), "{now}");
    assert_eq!(logged_by(&app, "products", &panel["id"], &done).await.len(), 1);
    // A bad cell fails the row as the product's PATCH would refuse it.
    let bad = import(&app, &app.admin, "products", "产品名称,产品分类,标准价格\n会议平板,会议设备,-1\n", &[("mode", "commit")]).await;
    assert_eq!((counts(&bad), codes(&bad)), ((0, 0, 0, 1), vec![(2, "price".into(), "negative".into())]), "{bad}");
    // `products:update` is needed besides `products:create`.
    let clerk = user(&app, "clerk", &["imports:create", "imports:read", "products:read", "products:import", "products:create"], "all").await;
    let r = import(&app, &clerk, "products", "产品名称,产品分类,标准价格\n会议平板,会议设备,1\n音箱,会议设备,2\n", &[("mode", "commit")]).await;
    assert_eq!((counts(&r), codes(&r)), ((1, 0, 0, 1), vec![(2, "name".into(), "duplicate_forbidden".into())]), "{r}");
    assert_eq!(by_name(&app, "products", "会议平板").await["price"], "12800.00");

    let (_, supplier) = app.post("/api/v1/suppliers", &app.admin, json!({"name": "甬江电子", "contact": "陈强", "phone": "0574-87654321"})).await;
    let (s, hook) = app.post("/api/v1/webhooks", &app.admin, json!({"name": "ERP", "url": "https://93.184.215.14/", "events": ["supplier.updated"], "secret": "s3cret-s3cret-s3cret"})).await;
    assert_eq!(s, StatusCode::CREATED, "{hook}");
    let csv = "供应商名称,联系人,电话,备注\n甬江电子,吴经理,,\n星河电子,,,首次\n星河电子,周,,\n";
    let done = import(&app, &app.admin, "suppliers", csv, &[("mode", "commit")]).await;
    assert_eq!(counts(&done), (1, 2, 0, 0), "{done}");
    let now = by_name(&app, "suppliers", "甬江电子").await;
    assert_eq!((&now["contact"], &now["phone"], &now["version"]), (&json!("吴经理"), &supplier["phone"], &json!(2)), "{now}");
    assert_eq!(logged_by(&app, "suppliers", &supplier["id"], &done).await[0]["action"], "update");
    // Webhooks hear the update as they hear a PATCH.
    use crm_persistence::webhooks::entities::event::{Column as E, Entity as Event};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let record = uuid::Uuid::parse_str(supplier["id"].as_str().unwrap()).unwrap();
    let events: Vec<String> = Event::find().filter(E::RecordId.eq(record)).all(&app.db).await.unwrap().into_iter().map(|e| e.event).collect();
    assert_eq!(events, vec!["supplier.updated".to_string()]);
    let twice = by_name(&app, "suppliers", "星河电子").await;
    assert_eq!((&twice["contact"], &twice["remark"], &twice["version"]), (&json!("周"), &json!("首次"), &json!(2)), "{twice}");
    // All or nothing.
    let atomic = import(&app, &app.admin, "suppliers", "供应商名称,联系人,电话\n甬江电子,回滚,\n坏电话,,abc\n", &[("mode", "commit"), ("atomic", "true")]).await;
    assert_eq!((atomic["status"].as_str(), counts(&atomic)), (Some("failed"), (0, 0, 0, 1)), "{atomic}");
    assert_eq!(by_name(&app, "suppliers", "甬江电子").await["contact"], "吴经理");

    // Records without a duplicate rule have nothing to update.
    for entity in ["contacts", "leads", "opportunities", "payments"] {
        let (s, v) = upload(&app, &app.admin, "姓名\n甲\n", &[("entity", entity), ("on_duplicate", "update")]).await;
        assert_eq!((s, v["errors"][0]["field"].as_str(), v["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("on_duplicate"), Some("unsupported")), "{entity}: {v}");
    }
    jobs.stop().await;
});
