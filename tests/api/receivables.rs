//! Money owed on contracts: payment plans within the contract's amount, payments that count
//! once confirmed (exactly, to the cent, over many partial payments), the outstanding and
//! overdue amounts, the override permission, invoices with their tax and remembered titles,
//! voiding, approval of payments, and two submissions racing for the same room.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::support::TestApp;

/// An active contract of `amount` for a new customer of `token`'s user (no contract flow:
/// submitting activates it at once).
async fn active_contract(app: &TestApp, token: &str, customer: &str, amount: &str) -> (String, String) {
    let (s, c) = app.post("/api/v1/customers", token, json!({"name": customer})).await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    let cid = c["id"].as_str().unwrap().to_string();
    let (s, k) = app.post("/api/v1/contracts", token, json!({"name": format!("{customer} 合同"), "customer_id": cid, "amount": amount})).await;
    assert_eq!(s, StatusCode::CREATED, "{k}");
    let id = k["id"].as_str().unwrap().to_string();
    let (s, a) = app.post(&format!("/api/v1/contracts/{id}/submit"), token, json!({})).await;
    assert_eq!((s, a["status"].as_str()), (StatusCode::CREATED, Some("approved")), "{a}");
    (id, cid)
}

async fn contract(app: &TestApp, token: &str, id: &str) -> Value {
    let (s, c) = app.get(&format!("/api/v1/contracts/{id}"), token).await;
    assert_eq!(s, StatusCode::OK, "{c}");
    c
}

fn amounts(c: &Value) -> [&str; 4] {
    ["received_amount", "outstanding_amount", "invoiced_amount", "overdue_amount"].map(|k| c[k].as_str().unwrap())
}

/// Creates and submits a payment; answers the payment as it then is.
async fn pay(app: &TestApp, token: &str, body: Value) -> Value {
    let (s, p) = app.post("/api/v1/payments", token, body).await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    let id = p["id"].as_str().unwrap();
    let (s, a) = app.post(&format!("/api/v1/payments/{id}/submit"), token, json!({})).await;
    assert_eq!(s, StatusCode::CREATED, "{a}");
    app.get(&format!("/api/v1/payments/{id}"), token).await.1
}

fn ids(page: &Value) -> Vec<String> {
    page["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_string()).collect()
}

dual_test!(plans_and_payments_keep_a_contract_exact_and_within_its_amount, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (_, other) = app.user_with_role("other", "sales_rep", json!({})).await;
    let (_, manager) = app.user_with_role("manager", "sales_manager", json!({})).await;
    let (kid, _) = active_contract(&app, &rep, "杭州明远科技有限公司", "150000.00").await;
    // A manager outside the rep's department sees none of it.
    assert_eq!(app.get(&format!("/api/v1/payment-plans?contract_id={kid}"), &manager).await.1["total"], 0);
    let today = Utc::now().date_naive();
    let yesterday = (today - Duration::days(1)).to_string();
    let later = (today + Duration::days(30)).to_string();

    // Plans: numbered in turn, within the amount.
    let plan = |n: Option<i32>, due: &str, amount: &str| {
        let mut b = json!({"contract_id": kid, "due_date": due, "amount": amount});
        if let Some(n) = n {
            b["instalment"] = json!(n);
        }
        b
    };
    let (s, p1) = app.post("/api/v1/payment-plans", &rep, plan(None, &yesterday, "50000.00")).await;
    assert_eq!((s, p1["instalment"].as_i64(), p1["status"].as_str()), (StatusCode::CREATED, Some(1), Some("overdue")), "{p1}");
    let (s, p2) = app.post("/api/v1/payment-plans", &rep, plan(None, &later, "50000.00")).await;
    assert_eq!((s, p2["instalment"].as_i64(), p2["status"].as_str()), (StatusCode::CREATED, Some(2), Some("pending")), "{p2}");
    for (body, status, code, field) in [
        (plan(None, &later, "50000.01"), StatusCode::UNPROCESSABLE_ENTITY, "payment_plan.over_contract", "amount"),
        (plan(Some(2), &later, "10.00"), StatusCode::UNPROCESSABLE_ENTITY, "validation.failed", "instalment"),
        (plan(None, &later, "0"), StatusCode::UNPROCESSABLE_ENTITY, "validation.failed", "amount"),
        (plan(None, &later, "1.001"), StatusCode::UNPROCESSABLE_ENTITY, "validation.failed", "amount"),
    ] {
        let (s, e) = app.post("/api/v1/payment-plans", &rep, body.clone()).await;
        assert_eq!((s, e["code"].as_str(), e["errors"][0]["field"].as_str()), (status, Some(code), Some(field)), "{body} {e}");
    }
    let (s, e) = app.post("/api/v1/payment-plans", &rep, plan(None, &later, "50000.01")).await;
    assert_eq!((s, e["available"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("50000.00")), "{e}");
    assert_eq!(app.post("/api/v1/payment-plans", &other, plan(None, &later, "1")).await.0, StatusCode::NOT_FOUND);
    let (s, p3) = app.post("/api/v1/payment-plans", &rep, plan(Some(3), &later, "50000.00")).await;
    assert_eq!(s, StatusCode::CREATED, "{p3}");
    let (p1, p2) = (p1["id"].as_str().unwrap().to_string(), p2["id"].as_str().unwrap().to_string());

    // Payments: drafts do not count; confirmed ones do, to the cent.
    let payment = |plan: Option<&str>, amount: &str| json!({"contract_id": kid, "plan_id": plan, "amount": amount, "received_date": today.to_string(), "method": "bank_transfer"});
    let (s, draft) = app.post("/api/v1/payments", &rep, payment(Some(&p1), "0.01")).await;
    assert_eq!((s, draft["status"].as_str()), (StatusCode::CREATED, Some("draft")), "{draft}");
    assert!(draft["number"].as_str().unwrap().starts_with("HK-"), "{draft}");
    assert_eq!(amounts(&contract(&app, &rep, &kid).await), ["0.00", "150000.00", "0.00", "50000.00"]);
    // Seven partial payments on the first instalment: 0.01 + 0.02 + … + 0.07 = 0.28, then 30000.05.
    let draft_path = format!("/api/v1/payments/{}", draft["id"].as_str().unwrap());
    assert_eq!(app.post(&format!("{draft_path}/submit"), &rep, json!({})).await.0, StatusCode::CREATED);
    for cents in 2..=7 {
        let p = pay(&app, &rep, payment(Some(&p1), &format!("0.0{cents}"))).await;
        assert_eq!(p["status"], "confirmed", "{p}");
    }
    let big = pay(&app, &rep, payment(Some(&p1), "30000.05")).await;
    assert_eq!((big["status"].as_str(), big["plan_instalment"].as_i64()), (Some("confirmed"), Some(1)));
    // Received 30000.33; outstanding 119999.67; the first instalment still owes 19999.67 and is overdue.
    assert_eq!(amounts(&contract(&app, &rep, &kid).await), ["30000.33", "119999.67", "0.00", "19999.67"]);
    let (_, first) = app.get(&format!("/api/v1/payment-plans/{p1}"), &rep).await;
    assert_eq!((first["received_amount"].as_str(), first["outstanding_amount"].as_str(), first["status"].as_str()), (Some("30000.33"), Some("19999.67"), Some("overdue")));
    // A payment without an instalment counts on the contract only.
    pay(&app, &rep, payment(None, "0.67")).await;
    assert_eq!(amounts(&contract(&app, &rep, &kid).await), ["30001.00", "119999.00", "0.00", "19999.67"]);
    let (_, page) = app.get(&format!("/api/v1/payment-plans?contract_id={kid}&overdue=true"), &rep).await;
    assert_eq!(ids(&page), vec![p1.clone()]);
    let (_, page) = app.get(&format!("/api/v1/payment-plans?contract_id={kid}&status=pending"), &rep).await;
    assert_eq!(page["total"], 2);
    assert_eq!(app.get("/api/v1/payment-plans?status=late", &rep).await.0, StatusCode::BAD_REQUEST);
    assert_eq!(app.get("/api/v1/payment-plans?overdue=maybe", &rep).await.0, StatusCode::BAD_REQUEST);

    // The room left: 119999.00; more is refused to a rep and allowed (and marked) for a holder of `payments:override`.
    let (s, e) = app.post("/api/v1/payments", &rep, payment(Some(&p2), "119999.01")).await;
    assert_eq!((s, e["code"].as_str(), e["available"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("payment.over_outstanding"), Some("119999.00")), "{e}");
    let (s, e) = app.post("/api/v1/payments", &rep, payment(Some("01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4eff"), "1")).await;
    assert_eq!((s, e["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("plan_id")), "{e}");
    let (s, e) = app.post("/api/v1/payments", &rep, json!({"contract_id": kid, "amount": "1", "received_date": today.to_string(), "method": "barter"})).await;
    assert_eq!((s, e["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("method")), "{e}");
    assert_eq!(app.post("/api/v1/payments", &other, payment(None, "1")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(amounts(&contract(&app, &rep, &kid).await)[0], "30001.00", "refused input changed nothing");
    let over = pay(&app, &app.admin, payment(Some(&p2), "120000.00")).await;
    assert_eq!((over["status"].as_str(), over["overridden"].as_bool()), (Some("confirmed"), Some(true)), "{over}");
    assert_eq!(amounts(&contract(&app, &rep, &kid).await), ["150001.00", "0.00", "0.00", "19999.67"]);

    // Confirmed payments and the instalments they name are kept.
    let confirmed = format!("/api/v1/payments/{}", big["id"].as_str().unwrap());
    let (s, e) = app.patch(&confirmed, &rep, json!({"amount": "1.00"})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("payment.confirmed")));
    assert_eq!(app.delete(&confirmed, &app.admin).await.0, StatusCode::CONFLICT);
    let (s, e) = app.delete(&format!("/api/v1/payment-plans/{p1}"), &app.admin).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("payment_plan.has_payments")));
    let (s, e) = app.patch(&format!("/api/v1/payment-plans/{p1}"), &rep, json!({"amount": "30000.00"})).await;
    assert_eq!((s, e["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("below_received")), "{e}");

    // A contract that has not taken effect takes no payments.
    let (s, c) = app.post("/api/v1/contracts", &rep, json!({"name": "草稿合同", "customer_id": contract(&app, &rep, &kid).await["customer_id"], "amount": "10"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, e) = app.post("/api/v1/payments", &rep, json!({"contract_id": c["id"], "amount": "1", "received_date": today.to_string()})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("contract.not_in_force")));
    // Visible to whoever sees the contract, and only to them.
    let (_, mine) = app.get(&format!("/api/v1/payments?contract_id={kid}"), &rep).await;
    assert_eq!(mine["total"], 10);
    assert_eq!(app.get(&format!("/api/v1/payments?contract_id={kid}"), &other).await.1["total"], 0);
    assert_eq!(app.get(&confirmed, &other).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/api/v1/payments?contract_id={kid}&status=confirmed&sort=-amount"), &app.admin).await.1["items"][0]["amount"], "120000.00");
});

dual_test!(invoices_carry_their_tax_remember_titles_and_void, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (kid, cid) = active_contract(&app, &rep, "宁波海达贸易有限公司", "100000.00").await;
    let base = json!({"contract_id": kid, "type": "vat_special", "title_type": "company", "title": "宁波海达贸易有限公司", "tax_number": "91330200mA2h0abcde",
        "bank": "工商银行宁波分行", "bank_account": "3901000000000001", "address_phone": "宁波市江北区 0574-88886666", "amount": "56500.00", "tax_rate_percent": "13"});
    let with = |k: &str, v: Value| {
        let mut b = base.clone();
        b[k] = v;
        b
    };
    for (body, field, code) in [
        (with("tax_number", Value::Null), "tax_number", "required"),
        (with("tax_number", json!("123")), "tax_number", "invalid"),
        (with("title_type", json!("person")), "title_type", "not_with_vat_special"),
        (with("tax_rate_percent", json!("101")), "tax_rate_percent", "out_of_range"),
        (with("title", json!(" ")), "title", "required"),
    ] {
        let (s, e) = app.post("/api/v1/invoices", &rep, body).await;
        assert_eq!((s, e["errors"][0]["field"].as_str(), e["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(field), Some(code)), "{e}");
    }
    let (s, e) = app.post("/api/v1/invoices", &rep, with("amount", json!("100000.01"))).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invoice.over_contract")));
    assert_eq!(app.get(&format!("/api/v1/customers/{cid}/invoice-titles"), &rep).await.1, json!([]));

    let (s, inv) = app.post("/api/v1/invoices", &rep, base.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{inv}");
    assert_eq!((inv["tax_amount"].as_str(), inv["tax_number"].as_str(), inv["status"].as_str()), (Some("6500.00"), Some("91330200MA2H0ABCDE"), Some("draft")));
    let path = format!("/api/v1/invoices/{}", inv["id"].as_str().unwrap());
    // A pending invoice holds its room: a second one for the rest fits, one cent more does not.
    let (s, a) = app.post(&format!("{path}/submit"), &rep, json!({})).await;
    assert_eq!((s, a["status"].as_str()), (StatusCode::CREATED, Some("approved")), "{a}");
    let issued = app.get(&path, &rep).await.1;
    assert_eq!((issued["status"].as_str(), issued["issue_date"].as_str()), (Some("issued"), Some(Utc::now().date_naive().to_string().as_str())));
    assert_eq!(contract(&app, &rep, &kid).await["invoiced_amount"], "56500.00");
    let (s, e) = app.post("/api/v1/invoices", &rep, with("amount", json!("43500.01"))).await;
    assert_eq!((s, e["available"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("43500.00")), "{e}");
    let (s, e) = app.patch(&path, &rep, json!({"remark": "改"})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("invoice.not_draft")));
    let (_, titles) = app.get(&format!("/api/v1/customers/{cid}/invoice-titles"), &rep).await;
    assert_eq!((titles[0]["title"].as_str(), titles[0]["tax_number"].as_str(), titles.as_array().unwrap().len()), (Some("宁波海达贸易有限公司"), Some("91330200MA2H0ABCDE"), 1), "{titles}");

    // Voided with a reason, it no longer counts.
    let (s, e) = app.post(&format!("{path}/void"), &rep, json!({"reason": " "})).await;
    assert_eq!((s, e["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("reason")));
    let (s, v) = app.post(&format!("{path}/void"), &rep, json!({"reason": "抬头有误，重开"})).await;
    assert_eq!((s, v["status"].as_str(), v["void_reason"].as_str()), (StatusCode::OK, Some("void"), Some("抬头有误，重开")), "{v}");
    assert_eq!(contract(&app, &rep, &kid).await["invoiced_amount"], "0.00");
    let (s, e) = app.post(&format!("{path}/void"), &rep, json!({"reason": "again"})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("invoice.not_voidable")));
    let (_, list) = app.get(&format!("/api/v1/invoices?customer_id={cid}&status=void"), &rep).await;
    assert_eq!(list["total"], 1);
});

dual_test!(payments_through_approval_race_for_the_contract_room, |app| {
    let (manager_id, manager) = app.user_with_role("manager", "sales_manager", json!({})).await;
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({"supervisor_id": manager_id})).await;
    let (kid, _) = active_contract(&app, &rep, "苏州恒通机械有限公司", "150000.00").await;
    let (s, f) = app.post("/api/v1/approval-flows", &app.admin, json!({"doc_type": "payment", "name": "回款确认", "steps": [
        {"name": "主管确认", "approver": {"kind": "supervisor", "levels": 1}, "mode": "any"}]})).await;
    assert_eq!(s, StatusCode::CREATED, "{f}");
    let today = Utc::now().date_naive().to_string();
    let mut drafts = Vec::new();
    for _ in 0..2 {
        let (s, p) = app.post("/api/v1/payments", &rep, json!({"contract_id": kid, "amount": "100000.00", "received_date": today})).await;
        assert_eq!(s, StatusCode::CREATED, "{p}");
        drafts.push(format!("/api/v1/payments/{}", p["id"].as_str().unwrap()));
    }
    // Two submissions at once for 200,000 against 150,000: exactly one holds the room.
    let (first, second) = (format!("{}/submit", drafts[0]), format!("{}/submit", drafts[1]));
    let (a, b) = tokio::join!(app.post(&first, &rep, json!({})), app.post(&second, &rep, json!({})));
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::CREATED, StatusCode::UNPROCESSABLE_ENTITY], "{} {}", a.1, b.1);
    let (_, pending) = app.get(&format!("/api/v1/payments?contract_id={kid}&status=pending"), &rep).await;
    assert_eq!(pending["total"], 1);
    let waiting = pending["items"][0]["id"].as_str().unwrap().to_string();
    // Pending: read-only, not yet counted; the manager confirms it from the inbox.
    let (s, e) = app.patch(&format!("/api/v1/payments/{waiting}"), &rep, json!({"amount": "1"})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("approval.pending")));
    assert_eq!(contract(&app, &rep, &kid).await["received_amount"], "0.00");
    let (_, inbox) = app.get("/api/v1/approvals?box=pending", &manager).await;
    let task = inbox["items"].as_array().unwrap().iter().find(|a| a["doc_id"] == json!(waiting)).expect("the payment waits for the manager").clone();
    assert_eq!(task["doc_type"], "payment");
    let (s, a) = app.post(&format!("/api/v1/approvals/{}/approve", task["id"].as_str().unwrap()), &manager, json!({"comment": "已到账"})).await;
    assert_eq!((s, a["status"].as_str()), (StatusCode::OK, Some("approved")), "{a}");
    assert_eq!(app.get(&format!("/api/v1/payments/{waiting}"), &rep).await.1["status"], "confirmed");
    assert_eq!(amounts(&contract(&app, &rep, &kid).await)[..2], ["100000.00", "50000.00"]);
    // A rejected one returns to draft and counts nothing.
    let other = drafts.iter().find(|d| !d.ends_with(&waiting)).unwrap().clone();
    let (s, e) = app.post(&format!("{other}/submit"), &rep, json!({})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("payment.over_outstanding")), "{e}");
    assert_eq!(app.patch(&other, &rep, json!({"amount": "50000.00"})).await.0, StatusCode::OK);
    let (s, a) = app.post(&format!("{other}/submit"), &rep, json!({})).await;
    assert_eq!(s, StatusCode::CREATED, "{a}");
    let (s, r) = app.post(&format!("/api/v1/approvals/{}/reject", a["id"].as_str().unwrap()), &manager, json!({"comment": "未到账"})).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(app.get(&other, &rep).await.1["status"], "draft");
    assert_eq!(contract(&app, &rep, &kid).await["received_amount"], "100000.00");
    assert_eq!(app.delete(&other, &app.admin).await.0, StatusCode::NO_CONTENT);
});

dual_test!(reports_add_up_what_was_signed_received_and_overdue_and_owners_are_reminded, |app| {
    let (rep1_id, rep1) = app.user_with_role("rep1", "sales_rep", json!({})).await;
    let (_, rep2) = app.user_with_role("rep2", "sales_rep", json!({})).await;
    let today = Utc::now().date_naive();
    let day = |d: i64| (today + Duration::days(d)).to_string();
    let (a, _) = active_contract(&app, &rep1, "甲公司", "100000.00").await;
    let (b, _) = active_contract(&app, &rep1, "乙公司", "50000.00").await;
    let (c, c_customer) = active_contract(&app, &rep2, "丙公司", "30000.00").await;
    for (id, category, end) in [(&a, Some("sales"), day(20)), (&b, Some("service"), day(200)), (&c, None, day(-1))] {
        // Active contracts change only by termination: the category and dates are set in SQL, as a draft would have had them.
        use sea_orm::{ActiveModelTrait, ActiveValue::Set};
        let row = crm_persistence::sales_docs::entities::contract::ActiveModel {
            id: Set(uuid::Uuid::parse_str(id).unwrap()),
            category: Set(category.map(String::from)),
            sign_date: Set(Some(today)),
            end_date: Set(Some(chrono::NaiveDate::parse_from_str(&end, "%Y-%m-%d").unwrap())),
            ..Default::default()
        };
        row.update(&app.db).await.unwrap();
    }
    let plan = |token: String, contract: String, due: String, amount: &'static str| {
        let app = &app;
        async move {
            let (s, p) = app.post("/api/v1/payment-plans", &token, json!({"contract_id": contract, "due_date": due, "amount": amount})).await;
            assert_eq!(s, StatusCode::CREATED, "{p}");
            p["id"].as_str().unwrap().to_string()
        }
    };
    let a1 = plan(rep1.clone(), a.clone(), day(-100), "20000.00").await;
    let a2 = plan(rep1.clone(), a.clone(), day(-45), "30000.00").await;
    plan(rep1.clone(), a.clone(), day(10), "50000.00").await;
    plan(rep1.clone(), b.clone(), day(-5), "50000.00").await;
    plan(rep2.clone(), c.clone(), day(-91), "30000.00").await;
    for (p, amount) in [(&a1, "20000.00"), (&a2, "20000.00")] {
        pay(&app, &rep1, json!({"contract_id": a, "plan_id": p, "amount": amount, "received_date": today.to_string()})).await;
    }

    // Signed, received, outstanding by owner, category and month; a rep sees their own.
    let (s, r) = app.get("/api/v1/reports/contracts?group_by=owner", &app.admin).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    let figures = |row: &Value| (row["count"].as_u64().unwrap(), row["signed_amount"].as_str().unwrap().to_string(), row["received_amount"].as_str().unwrap().to_string(), row["outstanding_amount"].as_str().unwrap().to_string());
    assert_eq!(r["rows"][0]["key"].as_str(), Some(rep1_id.as_str()));
    assert_eq!(figures(&r["rows"][0]), (2, "150000.00".into(), "40000.00".into(), "110000.00".into()));
    assert_eq!(figures(&r["rows"][1]), (1, "30000.00".into(), "0.00".into(), "30000.00".into()));
    assert_eq!(figures(&r["total"]), (3, "180000.00".into(), "40000.00".into(), "140000.00".into()));
    let (_, mine) = app.get("/api/v1/reports/contracts?group_by=owner", &rep1).await;
    assert_eq!(figures(&mine["total"]), (2, "150000.00".into(), "40000.00".into(), "110000.00".into()));
    let (_, by_category) = app.get("/api/v1/reports/contracts?group_by=category", &app.admin).await;
    let categories: Vec<(Option<&str>, Option<&str>, &str)> = by_category["rows"].as_array().unwrap().iter().map(|r| (r["key"].as_str(), r["name"].as_str(), r["signed_amount"].as_str().unwrap())).collect();
    assert_eq!(categories, vec![(Some("sales"), Some("销售合同"), "100000.00"), (Some("service"), Some("服务合同"), "50000.00"), (None, None, "30000.00")]);
    let month = today.format("%Y-%m").to_string();
    let (_, by_month) = app.get(&format!("/api/v1/reports/contracts?group_by=month&from={}&to={}", day(-1), day(0)), &app.admin).await;
    assert_eq!((by_month["rows"][0]["key"].as_str(), by_month["rows"].as_array().unwrap().len()), (Some(month.as_str()), 1));
    let (_, none) = app.get(&format!("/api/v1/reports/contracts?from={}", day(1)), &app.admin).await;
    assert_eq!(none["total"]["count"], 0);
    for bad in ["group_by=stage", "status=active", "from=yesterday"] {
        assert_eq!(app.get(&format!("/api/v1/reports/contracts?{bad}"), &app.admin).await.0, StatusCode::BAD_REQUEST, "{bad}");
    }

    // Ageing: A owes 10,000 at 45 days and 50,000 not yet due; B 50,000 at 5 days; C 30,000 at 91.
    let (s, g) = app.get("/api/v1/reports/receivables-ageing", &app.admin).await;
    assert_eq!(s, StatusCode::OK, "{g}");
    let buckets = |row: &Value| ["not_due", "days_0_30", "days_31_60", "days_61_90", "days_over_90", "overdue", "outstanding"].map(|k| row[k].as_str().unwrap().to_string());
    assert_eq!(buckets(&g["total"]), ["50000.00", "50000.00", "10000.00", "0.00", "30000.00", "90000.00", "140000.00"].map(String::from));
    assert_eq!(g["rows"][0]["key"].as_str(), Some(c_customer.as_str()), "the most overdue first");
    assert_eq!(g["rows"][0]["name"], "丙公司");
    // A month later everything has aged.
    let (_, later) = app.get(&format!("/api/v1/reports/receivables-ageing?group_by=owner&as_of={}", day(30)), &app.admin).await;
    assert_eq!(buckets(&later["total"]), ["0.00", "50000.00", "50000.00", "10000.00", "30000.00", "140000.00", "140000.00"].map(String::from));
    assert_eq!(later["rows"].as_array().unwrap().len(), 2);
    let (_, one) = app.get(&format!("/api/v1/reports/receivables-ageing?owner_id={rep1_id}"), &app.admin).await;
    assert_eq!(buckets(&one["total"])[6], "110000.00", "one owner's: {one}");
    let (_, theirs) = app.get("/api/v1/reports/receivables-ageing", &rep2).await;
    assert_eq!(buckets(&theirs["total"])[6], "30000.00");
    for bad in ["group_by=month", "as_of=someday", "owner_id=me", "status=open"] {
        assert_eq!(app.get(&format!("/api/v1/reports/receivables-ageing?{bad}"), &app.admin).await.0, StatusCode::BAD_REQUEST, "{bad}");
    }
    let file = app.req(reqwest::Method::GET, "/api/v1/reports/receivables-ageing/export?format=csv", Some(&app.admin)).header("Accept-Language", "zh-CN").send().await.unwrap();
    assert_eq!(file.status(), StatusCode::OK);
    let text = file.text().await.unwrap();
    assert!(text.contains("逾期 90 天以上") && text.contains("丙公司") && text.contains("合计"), "{text}");
    assert_eq!(app.get("/api/v1/reports/contracts/export?format=xlsx", &rep1).await.0, StatusCode::FORBIDDEN, "a rep has no reports:export");

    // The workbench: A's instalment at 45 days and B's at 5 are due (A's third, in 10 days, is beyond the horizon).
    let (_, wb) = app.get("/api/v1/workbench?horizon_days=3", &rep1).await;
    let card = wb["cards"].as_array().unwrap().iter().find(|c| c["key"] == "payments.due").expect("the payments card").clone();
    assert_eq!((card["total"].as_u64(), card["amount"].as_str(), card["items"][0]["entity"].as_str()), (Some(2), Some("60000.00"), Some("contracts")), "{card}");
    assert_eq!(card["items"][0]["id"].as_str(), Some(a.as_str()), "soonest due first: {card}");
    let (_, team) = app.get("/api/v1/workbench?reach=team&horizon_days=30", &app.admin).await;
    let card = team["cards"].as_array().unwrap().iter().find(|c| c["key"] == "payments.due").unwrap().clone();
    assert_eq!((card["total"].as_u64(), card["by_owner"].as_array().unwrap().len()), (Some(4), 2), "{card}");

    // Reminders: A ends in 20 days (within 30), A's third instalment falls due in 10 (not within 7),
    // B's instalment is 5 days overdue (news), C's 91 (too old to announce).
    let sent = crm_persistence::receivables::reminders::run(&app.db, Utc::now()).await.unwrap();
    assert_eq!(sent, 2, "A ending and B overdue; A's instalment at 45 days and C's are too old to announce");
    crm_persistence::receivables::reminders::run(&app.db, Utc::now()).await.unwrap();
    let (_, inbox) = app.get("/api/v1/notifications?page_size=50", &rep1).await;
    let mut kinds: Vec<&str> = inbox["items"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
    kinds.sort_unstable();
    assert_eq!(kinds, ["contract.ending", "payment_plan.overdue"], "once each: {inbox}");
    let (s, set) = app.call(reqwest::Method::PUT, "/api/v1/settings/contract-reminders", &app.admin, Some(json!({"contract_end_days": 0, "payment_due_days": 10}))).await;
    assert_eq!((s, set["settings"]["payment_due_days"].as_u64()), (StatusCode::OK, Some(10)), "{set}");
    let (s, e) = app.call(reqwest::Method::PUT, "/api/v1/settings/contract-reminders", &app.admin, Some(json!({"contract_end_days": 400, "payment_due_days": 10}))).await;
    assert_eq!((s, e["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("contract_end_days")));
    crm_persistence::receivables::reminders::run(&app.db, Utc::now()).await.unwrap();
    let (_, inbox) = app.get("/api/v1/notifications?page_size=50", &rep1).await;
    assert_eq!(inbox["items"].as_array().unwrap().iter().filter(|n| n["kind"] == "payment_plan.due").count(), 1, "{inbox}");
});
