//! `POST /<things>/batch` of records with links of their own (an opportunity's lines and
//! stage history, a document's lines) and numbers: each item as its single create, a
//! refused item leaving no trace — not even a number — and a batch replayed by its
//! `Idempotency-Key`. (The common checks of every batch are in `conformance.rs`.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::TestApp;

fn statuses(out: &Value) -> Vec<u64> {
    out["results"].as_array().unwrap_or_else(|| panic!("{out}")).iter().map(|r| r["status"].as_u64().unwrap()).collect()
}

/// The counter at the end of a document number (`QT-2026-7` → 7).
fn seq(number: &Value) -> u64 {
    let n = number.as_str().unwrap();
    n.rsplit(|c: char| !c.is_ascii_digit()).next().unwrap().parse().unwrap()
}

async fn number(app: &TestApp, path: &str, out: &Value, i: usize) -> Value {
    let id = out["results"][i]["id"].as_str().unwrap_or_else(|| panic!("{out}"));
    let (s, v) = app.get(&format!("{path}/{id}"), &app.admin).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v["number"].clone()
}

dual_test!(a_refused_document_in_a_batch_takes_no_number, |app| {
    let (_, c) = app.post("/api/v1/customers", &app.admin, json!({"name": "批量单据客户"})).await;
    let cid = c["id"].clone();
    let nobody = uuid::Uuid::now_v7().to_string();
    let line = json!([{"name": "服务", "quantity": "2", "unit_price": "50.00", "tax_rate_percent": "6"}]);
    for (path, good) in [
        ("/api/v1/quotes", json!({"customer_id": cid, "valid_until": "2030-12-31", "lines": line})),
        ("/api/v1/orders", json!({"customer_id": cid, "lines": line})),
        ("/api/v1/contracts", json!({"name": "批量合同", "customer_id": cid, "lines": line})),
    ] {
        let mut missing = good.clone();
        missing["customer_id"] = json!(nobody);
        let mut bad_line = good.clone();
        bad_line["lines"][0]["quantity"] = json!("0");
        let (s, out) = app.post(&format!("{path}/batch"), &app.admin, json!({"items": [good, missing, bad_line, good]})).await;
        assert_eq!((s, statuses(&out)), (StatusCode::OK, vec![201, 404, 422, 201]), "{path}: {out}");
        let (first, second) = (number(&app, path, &out, 0).await, number(&app, path, &out, 3).await);
        assert_eq!(seq(&second), seq(&first) + 1, "{path}: {first} {second}");
        // The lines came with each document, totals and all.
        let id = out["results"][3]["id"].as_str().unwrap();
        let (_, doc) = app.get(&format!("{path}/{id}"), &app.admin).await;
        assert_eq!((doc["lines"].as_array().map(Vec::len), &doc["status"]), (Some(1), &json!("draft")), "{doc}");
        assert_eq!(app.audit_count(path.trim_start_matches("/api/v1/"), id).await, 1);
        // All or nothing takes no number either.
        let (_, out) = app.post(&format!("{path}/batch?atomic=true"), &app.admin, json!({"items": [good, missing]})).await;
        assert_eq!(statuses(&out), vec![424, 404], "{path}: {out}");
        let (s, single) = app.post(path, &app.admin, good.clone()).await;
        assert_eq!(s, StatusCode::CREATED, "{single}");
        assert_eq!(seq(&single["number"]), seq(&second) + 1, "{path}: {single}");
    }
});

dual_test!(an_opportunity_batch_writes_each_items_lines_and_history_and_replays_by_key, |app| {
    let (_, c) = app.post("/api/v1/customers", &app.admin, json!({"name": "批量商机客户"})).await;
    let (_, cat) = app.post("/api/v1/product-categories", &app.admin, json!({"name": "批量分类"})).await;
    let (s, chair) = app.post("/api/v1/products", &app.admin, json!({"name": "人体工学椅", "category_id": cat["id"], "price": "100.00"})).await;
    assert_eq!(s, StatusCode::CREATED, "{chair}");
    let item = |name: &str, qty: &str| json!({"customer_id": c["id"], "name": name, "lines": [{"product_id": chair["id"], "quantity": qty, "unit_price": "100.00"}]});
    let mut stranger = item("别人的", "1");
    stranger["customer_id"] = json!(uuid::Uuid::now_v7());
    let body = json!({"items": [item("两把椅子", "2"), stranger, item("一把椅子", "1")]});
    let send = || app.req(Method::POST, "/api/v1/opportunities/batch", Some(&app.admin)).header("idempotency-key", "opportunity-batch-1").json(&body).send();
    let first: Value = send().await.unwrap().json().await.unwrap();
    assert_eq!(statuses(&first), vec![201, 404, 201], "{first}");
    for (i, amount) in [(0, "200.00"), (2, "100.00")] {
        let id = first["results"][i]["id"].as_str().unwrap();
        let (_, o) = app.get(&format!("/api/v1/opportunities/{id}"), &app.admin).await;
        assert_eq!((&o["amount"], o["lines"].as_array().map(Vec::len)), (&json!(amount), Some(1)), "{o}");
        let (_, history) = app.get(&format!("/api/v1/opportunities/{id}/stage-history"), &app.admin).await;
        assert_eq!(history["items"].as_array().map(Vec::len), Some(1), "{history}");
    }
    // The same key and body: the first answer, nothing written again.
    let again: Value = send().await.unwrap().json().await.unwrap();
    assert_eq!(again, first);
    assert_eq!(app.get("/api/v1/opportunities", &app.admin).await.1["total"], 2);
});

dual_test!(a_payment_batch_refuses_a_contract_not_in_force_item_by_item, |app| {
    let (_, c) = app.post("/api/v1/customers", &app.admin, json!({"name": "批量回款客户"})).await;
    let (_, on) = app.post("/api/v1/contracts", &app.admin, json!({"name": "生效", "customer_id": c["id"], "amount": "1000.00"})).await;
    let (s, _) = app.post(&format!("/api/v1/contracts/{}/submit", on["id"].as_str().unwrap()), &app.admin, json!({})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, off) = app.post("/api/v1/contracts", &app.admin, json!({"name": "草稿", "customer_id": c["id"], "amount": "1000.00"})).await;
    let pay = |k: &Value, amount: &str| json!({"contract_id": k["id"], "amount": amount, "received_date": "2030-01-15"});
    let (s, out) = app.post("/api/v1/payments/batch", &app.admin, json!({"items": [pay(&on, "100"), pay(&off, "100"), pay(&on, "200")]})).await;
    assert_eq!((s, statuses(&out)), (StatusCode::OK, vec![201, 409, 201]), "{out}");
    assert_eq!(out["results"][1]["error"]["code"], "contract.not_in_force");
    let (first, second) = (number(&app, "/api/v1/payments", &out, 0).await, number(&app, "/api/v1/payments", &out, 2).await);
    assert_eq!(seq(&second), seq(&first) + 1);
    let (_, plans) = app
        .post("/api/v1/payment-plans/batch", &app.admin, json!({"items": [
            {"contract_id": on["id"], "due_date": "2030-06-30", "amount": "600.00"},
            {"contract_id": on["id"], "due_date": "2030-12-31", "amount": "600.00"},
            {"contract_id": on["id"], "due_date": "2030-12-31", "amount": "400.00"}]}))
        .await;
    // Plans hold the contract's amount as they are written: the second no longer fits.
    assert_eq!(statuses(&plans), vec![201, 422, 201], "{plans}");
});

dual_test!(a_folder_batch_checks_each_items_place_as_a_single_create_does, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (_, company) = app.post("/api/v1/folders", &app.admin, json!({"name": "公司制度", "space": "company"})).await;
    let items = json!({"items": [
        {"name": "我的报价", "space": "personal"},
        {"name": "规章", "space": "company"},
        {"name": "规章", "parent_id": company["id"]},
        {"name": "  "}]});
    let (s, out) = app.post("/api/v1/folders/batch", &rep, items).await;
    assert_eq!((s, statuses(&out)), (StatusCode::OK, vec![201, 403, 403, 422]), "{out}");
    assert_eq!(out["results"][1]["error"]["code"], "drive.read_only", "{out}");
    let (_, mine) = app.get(&format!("/api/v1/folders/{}", out["results"][0]["id"].as_str().unwrap()), &rep).await;
    assert_eq!((&mine["name"], &mine["space"]), (&json!("我的报价"), &json!("personal")), "{mine}");
    // The manager of the drive adds to the company space, under an existing folder too.
    let (_, out) = app.post("/api/v1/folders/batch", &app.admin, json!({"items": [{"name": "规章", "parent_id": company["id"]}, {"name": "模板", "space": "company"}]})).await;
    assert_eq!(statuses(&out), vec![201, 201], "{out}");
    let (_, child) = app.get(&format!("/api/v1/folders/{}", out["results"][0]["id"].as_str().unwrap()), &app.admin).await;
    assert_eq!(child["parent_id"], company["id"], "{child}");
});
