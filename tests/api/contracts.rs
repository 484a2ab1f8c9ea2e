//! Contracts: numbered drafts with a stated amount or priced lines, bad input that changes
//! nothing, approval into force (the customer won, kept from the pool rules while the
//! contract is active), termination with a reason, archive, voiding, and a contract made
//! from an accepted quote.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::support::TestApp;

async fn customer(app: &TestApp, token: &str, name: &str) -> String {
    let (s, c) = app.post("/api/v1/customers", token, json!({"name": name})).await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    c["id"].as_str().unwrap().to_string()
}

async fn total(app: &TestApp, token: &str, path: &str) -> u64 {
    let (s, page) = app.get(path, token).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    page["total"].as_u64().unwrap()
}

fn states(a: &Value) -> Vec<String> {
    a["steps"].as_array().unwrap().iter().map(|s| s["state"].as_str().unwrap().to_string()).collect()
}

dual_test!(a_contract_is_approved_into_force_and_wins_its_customer, |app| {
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let (manager_id, manager) = app.user_with_role("manager", "sales_manager", json!({})).await;
    let (director_id, director) = app.user_with_role("director", "sales_manager", json!({})).await;
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({"supervisor_id": manager_id})).await;
    let (_, other) = app.user_with_role("other", "sales_rep", json!({})).await;
    let (s, f) = app.post("/api/v1/approval-flows", &app.admin, json!({"doc_type": "contract", "name": "合同审批", "steps": [
        {"name": "主管审批", "approver": {"kind": "supervisor", "levels": 1}, "mode": "any"},
        {"name": "总监审批", "condition": [{"field": "amount", "op": "gt", "value": "100000"}], "approver": {"kind": "user", "user_ids": [director_id]}, "mode": "any"}]})).await;
    assert_eq!(s, StatusCode::CREATED, "{f}");
    let cid = customer(&app, &rep, "杭州明远科技有限公司").await;
    let theirs = customer(&app, &other, "别人的客户").await;

    // Bad input changes nothing.
    let good = json!({"name": "2027 年度设备采购合同", "customer_id": cid, "amount": "150000.00", "sign_date": "2026-12-10",
        "start_date": "2027-01-01", "end_date": "2027-12-31", "category": "sales", "payment_terms": "签约后 30 日内付 50%，验收后付清。"});
    let with = |k: &str, v: Value| {
        let mut b = good.clone();
        b[k] = v;
        b
    };
    for (body, status, field) in [
        (with("end_date", json!("2026-12-31")), StatusCode::UNPROCESSABLE_ENTITY, Some("end_date")),
        (with("amount", json!("-5")), StatusCode::UNPROCESSABLE_ENTITY, Some("amount")),
        (with("category", json!("lottery")), StatusCode::UNPROCESSABLE_ENTITY, Some("category")),
        (with("lines", json!([{"name": "数控机床", "quantity": "1", "unit_price": "1000.00"}])), StatusCode::UNPROCESSABLE_ENTITY, Some("amount")),
        (with("name", json!("  ")), StatusCode::UNPROCESSABLE_ENTITY, Some("name")),
        (with("customer_id", json!(theirs)), StatusCode::NOT_FOUND, None),
    ] {
        let (s, e) = app.post("/api/v1/contracts", &rep, body).await;
        assert_eq!((s, e["errors"][0]["field"].as_str()), (status, field), "{e}");
    }
    assert_eq!(total(&app, &app.admin, "/api/v1/contracts").await, 0);

    let (s, c) = app.post("/api/v1/contracts", &rep, good.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    let year = chrono::Utc::now().format("%Y").to_string();
    assert!(c["number"].as_str().unwrap().starts_with(&format!("HT-{year}-")), "{c}");
    assert_eq!((c["status"].as_str(), c["amount"].as_str(), c["amount_in_words"].as_str()), (Some("draft"), Some("150000.00"), Some("壹拾伍万元整")));
    let path = format!("/api/v1/contracts/{}", c["id"].as_str().unwrap());
    assert_eq!(app.get(&path, &other).await.0, StatusCode::NOT_FOUND);
    // Only approval activates it.
    let (s, e) = app.post(&format!("{path}/transition"), &rep, json!({"to": "active"})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("contract.bad_transition")));

    let (s, a) = app.post(&format!("{path}/submit"), &rep, json!({})).await;
    assert_eq!((s, states(&a)), (StatusCode::CREATED, vec!["active".to_string(), "waiting".to_string()]), "{a}");
    assert_eq!(app.get(&path, &rep).await.1["status"], "pending");
    for (method, p, body) in [("PATCH", path.clone(), json!({"remark": "改"})), ("POST", format!("{path}/transition"), json!({"to": "void"}))] {
        let (s, e) = if method == "PATCH" { app.patch(&p, &rep, body).await } else { app.post(&p, &rep, body).await };
        assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("approval.pending")), "{method} {p}");
    }
    let approval = format!("/api/v1/approvals/{}", a["id"].as_str().unwrap());
    let (s, mid) = app.post(&format!("{approval}/approve"), &manager, json!({})).await;
    assert_eq!((s, states(&mid)), (StatusCode::OK, vec!["approved".to_string(), "active".to_string()]));
    let (_, c_cust) = app.get(&format!("/api/v1/customers/{cid}"), &rep).await;
    assert_ne!(c_cust["pool"], "won", "not before it is in force");
    let (s, done) = app.post(&format!("{approval}/approve"), &director, json!({"comment": "同意"})).await;
    assert_eq!((s, done["status"].as_str()), (StatusCode::OK, Some("approved")), "{done}");
    let (_, active) = app.get(&path, &rep).await;
    assert_eq!(active["status"], "active");
    assert!(active["activated_at"].is_string());
    let (_, won) = app.get(&format!("/api/v1/customers/{cid}"), &rep).await;
    assert_eq!(won["pool"], "won", "CON-4: {won}");

    // The pool rules never return a customer with an active contract, exempt or not.
    let long_ago = chrono::Utc::now() - chrono::Duration::days(400);
    let id = uuid::Uuid::parse_str(&cid).unwrap();
    crm_persistence::customers::entities::customer::Entity::update_many()
        .col_expr(crm_persistence::customers::entities::customer::Column::OwnedSince, Expr::value(long_ago))
        .col_expr(crm_persistence::customers::entities::customer::Column::CreatedAt, Expr::value(long_ago))
        .filter(crm_persistence::customers::entities::customer::Column::Id.eq(id))
        .exec(&app.db)
        .await
        .unwrap();
    app.call(reqwest::Method::PUT, "/api/v1/pool-rules", &app.admin, Some(json!({"enabled": true, "return_after_days_without_follow_up": 30,
        "return_after_days_without_deal": null, "max_customers_per_owner": null, "reclaim_cooldown_days": null, "exempt_won": false}))).await;
    let (s, r) = app.post("/api/v1/pool-rules/apply", &app.admin, json!({})).await;
    assert_eq!((s, r["returned"].as_u64()), (StatusCode::OK, Some(0)), "{r}");

    // In force it changes only by termination (with a reason), then it may be archived.
    let (s, e) = app.patch(&path, &rep, json!({"remark": "改"})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("contract.not_draft")));
    let (s, e) = app.delete(&path, &app.admin).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("contract.not_deletable")));
    let (s, e) = app.post(&format!("{path}/archive"), &rep, json!({})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("contract.not_finished")), "{e}");
    let (s, e) = app.post(&format!("{path}/transition"), &rep, json!({"to": "terminated"})).await;
    assert_eq!((s, e["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("reason")));
    let (s, t) = app.post(&format!("{path}/transition"), &rep, json!({"to": "terminated", "reason": "客户经营困难，协商解除"})).await;
    assert_eq!((s, t["status"].as_str(), t["termination_reason"].as_str()), (StatusCode::OK, Some("terminated"), Some("客户经营困难，协商解除")), "{t}");
    let (s, arch) = app.post(&format!("{path}/archive"), &rep, json!({})).await;
    assert_eq!(s, StatusCode::OK, "{arch}");
    assert!(arch["archived_at"].is_string());
    let (s, e) = app.post(&format!("{path}/archive"), &rep, json!({})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("contract.archived")));
    let (_, log) = app.get(&format!("/api/v1/audit-logs?entity=contracts&entity_id={}", c["id"].as_str().unwrap()), &app.admin).await;
    let actions: Vec<&str> = log["items"].as_array().unwrap().iter().map(|i| i["action"].as_str().unwrap()).collect();
    assert!(actions.contains(&"approved") && actions.contains(&"submit") && actions.contains(&"transition"), "{actions:?}");

    // Without an enabled flow, submitting puts it in force at once; a draft may be voided and deleted.
    app.patch(&format!("/api/v1/approval-flows/{}", f["id"].as_str().unwrap()), &app.admin, json!({"enabled": false})).await;
    let (_, second) = app.post("/api/v1/contracts", &rep, with("name", json!("补充协议"))).await;
    let (s, a2) = app.post(&format!("/api/v1/contracts/{}/submit", second["id"].as_str().unwrap()), &rep, json!({})).await;
    assert_eq!((s, a2["status"].as_str()), (StatusCode::CREATED, Some("approved")));
    let (_, third) = app.post("/api/v1/contracts", &rep, with("name", json!("作废的合同"))).await;
    let third_path = format!("/api/v1/contracts/{}", third["id"].as_str().unwrap());
    let (s, v) = app.post(&format!("{third_path}/transition"), &rep, json!({"to": "void"})).await;
    assert_eq!((s, v["status"].as_str()), (StatusCode::OK, Some("void")));
    assert_eq!(app.delete(&third_path, &app.admin).await.0, StatusCode::NO_CONTENT);
});

dual_test!(a_contract_is_made_from_an_accepted_quote_with_its_lines, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let cid = customer(&app, &rep, "苏州恒达精密机械有限公司").await;
    let (_, contact) = app.post("/api/v1/contacts", &rep, json!({"customer_id": cid, "name": "王芳"})).await;
    let lines = json!([{"name": "数控机床", "quantity": "2", "unit_price": "12345.67", "discount_percent": "5", "tax_rate_percent": "13"},
        {"name": "安装调试", "quantity": "1", "unit_price": "800.00", "tax_rate_percent": "6"}]);
    let (s, q) = app.post("/api/v1/quotes", &rep, json!({"customer_id": cid, "contact_id": contact["id"], "valid_until": "2030-06-30", "lines": lines, "terms": "货到付款"})).await;
    assert_eq!(s, StatusCode::CREATED, "{q}");
    let qpath = format!("/api/v1/quotes/{}", q["id"].as_str().unwrap());
    let (s, e) = app.post(&format!("{qpath}/contract"), &rep, json!({})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("quote.not_accepted")));
    app.post(&format!("{qpath}/transition"), &rep, json!({"to": "sent"})).await;
    app.post(&format!("{qpath}/transition"), &rep, json!({"to": "accepted"})).await;
    let (s, c) = app.post(&format!("{qpath}/contract"), &rep, json!({"name": "设备采购合同", "end_date": "2027-12-31"})).await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    assert_eq!((c["amount"].clone(), c["total"].clone(), c["quote_id"].clone(), c["quote_number"].clone()), (q["total"].clone(), q["total"].clone(), q["id"].clone(), q["number"].clone()));
    assert_eq!((c["customer_signer_id"].clone(), c["customer_signer_name"].as_str(), c["payment_terms"].as_str()), (contact["id"].clone(), Some("王芳"), Some("货到付款")));
    assert_eq!(c["lines"].as_array().unwrap().len(), 2);
    // A draft's lines may change; the amount follows them.
    let path = format!("/api/v1/contracts/{}", c["id"].as_str().unwrap());
    let (s, changed) = app.patch(&path, &rep, json!({"lines": [{"name": "数控机床", "quantity": "1", "unit_price": "10000.00"}]})).await;
    assert_eq!((s, changed["amount"].as_str()), (StatusCode::OK, Some("10000.00")), "{changed}");
    let (s, e) = app.patch(&path, &rep, json!({"amount": "5.00"})).await;
    assert_eq!((s, e["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("disagrees_with_lines")));
    assert_eq!(total(&app, &rep, &format!("/api/v1/contracts?quote_id={}", q["id"].as_str().unwrap())).await, 1);

    // One contract per quote, also when two are asked for at once; a voided one frees the quote.
    assert_eq!(app.get(&qpath, &rep).await.1["contract_id"], c["id"]);
    let (s, e) = app.post(&format!("{qpath}/contract"), &rep, json!({})).await;
    assert_eq!((s, e["code"].as_str(), &e["contract_id"]), (StatusCode::CONFLICT, Some("quote.contracted"), &c["id"]), "{e}");
    assert_eq!(app.post(&format!("{path}/transition"), &rep, json!({"to": "void"})).await.0, StatusCode::OK);
    assert!(app.get(&qpath, &rep).await.1["contract_id"].is_null());
    let make = format!("{qpath}/contract");
    let (one, two) = tokio::join!(app.post(&make, &rep, json!({})), app.post(&make, &rep, json!({})));
    let mut outcomes = [one.0, two.0];
    outcomes.sort();
    assert_eq!(outcomes, [StatusCode::CREATED, StatusCode::CONFLICT], "{} {}", one.1, two.1);
    assert_eq!(total(&app, &rep, &format!("/api/v1/contracts?quote_id={}&status=draft", q["id"].as_str().unwrap())).await, 1);
});

dual_test!(a_contract_prints_its_parties_amount_terms_and_signature_blocks, |app| {
    use crate::sales_docs::{has_text, streams};
    app.call(reqwest::Method::PUT, "/api/v1/settings/company", &app.admin, Some(json!({"name": "杭州云帆信息技术有限公司"}))).await;
    let cid = customer(&app, &app.admin, "宁波海达贸易有限公司").await;
    let (s, c) = app.post("/api/v1/contracts", &app.admin, json!({"name": "年度维保合同", "customer_id": cid, "amount": "150000.00", "sign_date": "2026-12-10",
        "start_date": "2027-01-01", "end_date": "2027-12-31", "payment_terms": "签约后 30 日内付 50%"})).await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    let path = format!("/api/v1/contracts/{}/pdf?lang=zh&download=true", c["id"].as_str().unwrap());
    let res = app.req(reqwest::Method::GET, &path, Some(&app.admin)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let disposition = res.headers()["content-disposition"].to_str().unwrap().to_string();
    assert!(disposition.starts_with("attachment") && disposition.contains(c["number"].as_str().unwrap()), "{disposition}");
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = streams(&bytes);
    for expected in ["合同", "年度维保合同", "宁波海达贸易有限公司", "杭州云帆信息技术有限公司", "合同金额", "人民币壹拾伍万元整", "签约后", "甲方", "乙方", "签字", "草稿", "2027-12-31"] {
        assert!(has_text(&text, expected), "the PDF holds {expected}");
    }
    let (_, other) = app.user_with_role("other", "sales_rep", json!({})).await;
    assert_eq!(app.get(&path, &other).await.0, StatusCode::NOT_FOUND);
});

dual_test!(number_patterns_are_set_per_kind_and_never_repeat_a_number, |app| {
    let cid = customer(&app, &app.admin, "编号测试客户").await;
    let make = || async {
        let (s, c) = app.post("/api/v1/contracts", &app.admin, json!({"name": "编号", "customer_id": cid, "amount": "10"})).await;
        assert_eq!(s, StatusCode::CREATED, "{c}");
        c["number"].as_str().unwrap().to_string()
    };
    let year = chrono::Utc::now().format("%Y").to_string();
    let (s, v) = app.get("/api/v1/settings/numbering", &app.admin).await;
    assert_eq!((s, v["patterns"]["contract"].as_str(), v["version"].as_i64()), (StatusCode::OK, Some("HT-{yyyy}-{seq}"), Some(0)));
    assert_eq!(make().await, format!("HT-{year}-000001"));
    for (body, field) in [
        (json!({"patterns": {"contract": "HT-{yyyy}"}}), "patterns.contract"),
        (json!({"patterns": {"contract": "合同{seq}"}}), "patterns.contract"),
        (json!({"patterns": {"lead": "XS{seq}"}}), "patterns.lead"),
    ] {
        let (s, e) = app.call(reqwest::Method::PUT, "/api/v1/settings/numbering", &app.admin, Some(body)).await;
        assert_eq!((s, e["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(field)), "{e}");
    }
    // A month's series.
    let (s, v) = app.call(reqwest::Method::PUT, "/api/v1/settings/numbering", &app.admin, Some(json!({"patterns": {"contract": "HT{yyyy}{mm}-{seq:4}"}}))).await;
    assert_eq!((s, v["patterns"]["contract"].as_str(), v["patterns"]["quote"].as_str()), (StatusCode::OK, Some("HT{yyyy}{mm}-{seq:4}"), Some("QT-{yyyy}-{seq}")));
    assert_eq!(make().await, format!("HT{}-0001", chrono::Utc::now().format("%Y%m")));
    // A pattern that would repeat numbers in use skips them.
    app.call(reqwest::Method::PUT, "/api/v1/settings/numbering", &app.admin, Some(json!({"patterns": {"contract": format!("HT-{year}-{{seq}}")}}))).await;
    assert_eq!(make().await, format!("HT-{year}-000002"), "000001 is taken");
    let (s, v) = app.call(reqwest::Method::PUT, "/api/v1/settings/numbering", &app.admin, Some(json!({"patterns": {"contract": null}}))).await;
    assert_eq!((s, v["patterns"]["contract"].as_str()), (StatusCode::OK, Some("HT-{yyyy}-{seq}")));
    assert_eq!(make().await, format!("HT-{year}-000003"), "the yearly counter goes on at 2, which the literal pattern took");
});
