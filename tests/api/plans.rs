//! Sales plans (one per person and period, within the scope) and weekly reports (one per
//! person and week, figures counted by the server, comments by managers only).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use chrono::Datelike;
use reqwest::{Method, StatusCode};
use serde_json::json;

dual_test!(plans_are_one_per_person_and_period, |app| {
    let (rep_id, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (other_id, other) = app.user_with_role("other", "sales_rep", json!({})).await;
    let (s, p) = app.post("/api/v1/sales-plans", &rep, json!({"period": "2026-Q4", "target_amount": "500000", "planned_customers": 20})).await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    assert_eq!((p["period_start"].as_str(), p["period_end"].as_str(), p["target_amount"].as_str(), p["owner_id"].as_str()), (Some("2026-10-01"), Some("2027-01-01"), Some("500000.00"), Some(rep_id.as_str())));
    let (s, e) = app.post("/api/v1/sales-plans", &rep, json!({"period": "2026-Q4", "target_amount": "1"})).await;
    assert_eq!((s, e["code"].as_str(), e["existing_id"].as_str()), (StatusCode::CONFLICT, Some("sales_plan.duplicate"), p["id"].as_str()));
    for (body, field) in [
        (json!({"period": "2026-13", "target_amount": "1"}), "period"),
        (json!({"period": "2026-12", "target_amount": "-1"}), "target_amount"),
        (json!({"period": "2026-12", "target_amount": "1", "planned_customers": -2}), "planned_customers"),
        (json!({"period": "2026-12", "target_amount": "1", "owner_id": other_id}), "owner_id"),
    ] {
        let (s, e) = app.post("/api/v1/sales-plans", &rep, body).await;
        assert_eq!((s, e["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(field)), "{e}");
    }
    // An administrator plans for anyone; the other rep sees only their own.
    let (s, _) = app.post("/api/v1/sales-plans", &app.admin, json!({"period": "2026-12", "target_amount": "80000", "owner_id": other_id})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, mine) = app.get("/api/v1/sales-plans", &other).await;
    assert_eq!(mine["total"], 1);
    assert_eq!(app.get(&format!("/api/v1/sales-plans/{}", p["id"].as_str().unwrap()), &other).await.0, StatusCode::NOT_FOUND);
    let (s, p2) = app.patch(&format!("/api/v1/sales-plans/{}", p["id"].as_str().unwrap()), &rep, json!({"target_amount": "600000.50"})).await;
    assert_eq!((s, p2["target_amount"].as_str(), p2["period"].as_str()), (StatusCode::OK, Some("600000.50"), Some("2026-Q4")));
    let (s, _) = app.patch(&format!("/api/v1/sales-plans/{}", p["id"].as_str().unwrap()), &rep, json!({"period": "2027"})).await;
    assert!(s == StatusCode::BAD_REQUEST || s == StatusCode::UNPROCESSABLE_ENTITY, "the period stays: {s}");
});

dual_test!(weekly_reports_count_the_week_and_take_a_managers_comment, |app| {
    let dept = app.post("/api/v1/departments", &app.admin, json!({"name": "华东销售部"})).await.1["id"].as_str().unwrap().to_string();
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({"department_id": dept})).await;
    let (_, mgr) = app.user_with_role("mgr", "sales_manager", json!({"department_id": dept})).await;
    let (_, outsider) = app.user_with_role("outsider", "sales_rep", json!({})).await;
    // This week's work: two customers, a follow-up, an opportunity won.
    let (_, c) = app.post("/api/v1/customers", &rep, json!({"name": "周报客户甲"})).await;
    app.post("/api/v1/customers", &rep, json!({"name": "周报客户乙"})).await;
    app.post("/api/v1/follow-ups", &rep, json!({"customer_id": c["id"], "kind": "phone", "content": "电话"})).await;
    let (_, stages) = app.get("/api/v1/pipeline-stages?kind=won", &rep).await;
    app.post("/api/v1/opportunities", &rep, json!({"customer_id": c["id"], "name": "赢单", "amount": "1234.50", "stage_id": stages["items"][0]["id"]})).await;
    let today = chrono::Utc::now().date_naive().iso_week();
    let week = format!("{}-W{:02}", today.year(), today.week());
    let (s, r) = app.post("/api/v1/weekly-reports", &rep, json!({"week": week, "summary": "拜访客户 2 家，赢单 1 个。"})).await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    assert_eq!((r["new_customers"].as_i64(), r["follow_ups"].as_i64(), r["new_opportunities"].as_i64(), r["won_amount"].as_str()), (Some(2), Some(1), Some(1), Some("1234.50")));
    let (s, e) = app.post("/api/v1/weekly-reports", &rep, json!({"week": week, "summary": "again"})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("weekly_report.duplicate")));
    let (s, e) = app.post("/api/v1/weekly-reports", &rep, json!({"week": "2026-W60", "summary": "x"})).await;
    assert_eq!((s, e["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("week")));
    let one = format!("/api/v1/weekly-reports/{}", r["id"].as_str().unwrap());
    // The manager sees it and comments; the author cannot comment, the manager cannot rewrite it.
    assert_eq!(app.get(&one, &mgr).await.0, StatusCode::OK);
    assert_eq!(app.get(&one, &outsider).await.0, StatusCode::NOT_FOUND);
    let (s, e) = app.post(&format!("{one}/comment"), &rep, json!({"comment": "自评"})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("weekly_report.own_report")));
    let (s, e) = app.patch(&one, &mgr, json!({"summary": "改写"})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("weekly_report.not_yours")));
    let (s, c2) = app.post(&format!("{one}/comment"), &mgr, json!({"comment": "不错，下周推进报价。"})).await;
    assert_eq!((s, c2["comment"].as_str(), c2["commented_by_name"].as_str()), (StatusCode::OK, Some("不错，下周推进报价。"), Some("mgr")), "{c2}");
    // Another follow-up, then an edit: the figures are counted again.
    app.post("/api/v1/follow-ups", &rep, json!({"customer_id": c["id"], "kind": "visit", "content": "拜访"})).await;
    let (s, r2) = app.call(Method::PATCH, &one, &rep, Some(json!({"next_week_plan": "跟进报价"}))).await;
    assert_eq!((s, r2["follow_ups"].as_i64(), r2["comment"].as_str()), (StatusCode::OK, Some(2), Some("不错，下周推进报价。")));
});

dual_test!(a_plan_reads_what_its_owner_won_and_gained_in_its_period, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (_, other) = app.user_with_role("other", "sales_rep", json!({})).await;
    let (_, stages) = app.get("/api/v1/pipeline-stages?page_size=50", &app.admin).await;
    let won = stages["items"].as_array().unwrap().iter().find(|s| s["kind"] == "won").unwrap()["id"].clone();
    let customer = |token: String, name: &'static str| {
        let app = &app;
        async move { app.post("/api/v1/customers", &token, json!({"name": name})).await.1 }
    };
    let (c1, _c2) = (customer(rep.clone(), "计划甲").await, customer(rep.clone(), "计划乙").await);
    let theirs = customer(other.clone(), "别人的计划客户").await;
    let opportunity = |token: String, body: serde_json::Value| {
        let app = &app;
        async move {
            let (s, o) = app.post("/api/v1/opportunities", &token, body).await;
            assert_eq!(s, StatusCode::CREATED, "{o}");
            o
        }
    };
    let big = opportunity(rep.clone(), json!({"customer_id": c1["id"], "name": "大单", "stage_id": won, "amount": "1200.50"})).await;
    opportunity(rep.clone(), json!({"customer_id": c1["id"], "name": "小单", "stage_id": won, "amount": "300"})).await;
    opportunity(rep.clone(), json!({"customer_id": c1["id"], "name": "还开着", "amount": "999"})).await;
    opportunity(other.clone(), json!({"customer_id": theirs["id"], "name": "别人的赢单", "stage_id": won, "amount": "5000"})).await;

    let now = chrono::Utc::now();
    let periods = [now.format("%Y-%m").to_string(), format!("{}-Q{}", now.year(), (now.month() - 1) / 3 + 1), now.year().to_string(), "2020-01".to_string()];
    for period in &periods {
        let (s, p) = app.post("/api/v1/sales-plans", &rep, json!({"period": period, "target_amount": "10000", "planned_customers": 5})).await;
        assert_eq!(s, StatusCode::CREATED, "{p}");
    }
    let achieved = |token: String| {
        let app = &app;
        async move {
            let (s, page) = app.get("/api/v1/sales-plans?page_size=50", &token).await;
            assert_eq!(s, StatusCode::OK, "{page}");
            page["items"].as_array().unwrap().iter().map(|p| (p["period"].as_str().unwrap().to_string(), (p["achieved_amount"].as_str().unwrap().to_string(), p["new_customers"].as_i64().unwrap()))).collect::<std::collections::HashMap<_, _>>()
        }
    };
    let mine = achieved(rep.clone()).await;
    for period in periods.iter().take(3) {
        assert_eq!(mine[period], ("1500.50".to_string(), 2), "won and new in {period}: only the owner's, only won ones");
    }
    assert_eq!(mine["2020-01"], ("0.00".to_string(), 0), "nothing in another period");
    // A manager reads the same figures; a deleted opportunity no longer counts.
    assert_eq!(achieved(app.admin.clone()).await[&periods[0]].0, "1500.50");
    let (s, _) = app.delete(&format!("/api/v1/opportunities/{}", big["id"].as_str().unwrap()), &app.admin).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(achieved(rep.clone()).await[&periods[0]].0, "300.00");
});

// A manager sets a year of targets for the team in one request: each item is checked as a
// single create is (the owner in scope, one plan per person and period, earlier items
// included), and `atomic` writes all or nothing.
dual_test!(a_manager_plans_the_team_in_one_batch, |app| {
    let dept = app.post("/api/v1/departments", &app.admin, json!({"name": "华南销售部"})).await.1["id"].as_str().unwrap().to_string();
    let (rep_id, rep) = app.user_with_role("rep", "sales_rep", json!({"department_id": dept})).await;
    let (_, mgr) = app.user_with_role("mgr", "sales_manager", json!({"department_id": dept})).await;
    let (outsider_id, _) = app.user_with_role("outsider", "sales_rep", json!({})).await;
    let items = json!({"items": [
        {"period": "2027-01", "target_amount": "100000", "owner_id": rep_id},
        {"period": "2027-02", "target_amount": "120000", "owner_id": rep_id},
        {"period": "2027-01", "target_amount": "1", "owner_id": rep_id},
        {"period": "2027-01", "target_amount": "1", "owner_id": outsider_id},
        {"period": "2027-13", "target_amount": "1", "owner_id": rep_id},
    ]});
    let (s, out) = app.post("/api/v1/sales-plans/batch?atomic=true", &mgr, items.clone()).await;
    assert_eq!(s, StatusCode::OK, "{out}");
    let statuses: Vec<u64> = out["results"].as_array().unwrap().iter().map(|r| r["status"].as_u64().unwrap()).collect();
    assert_eq!(statuses, vec![424, 424, 409, 422, 422], "{out}");
    assert_eq!(app.get("/api/v1/sales-plans", &rep).await.1["total"], 0, "atomic: nothing written");
    let (s, out) = app.post("/api/v1/sales-plans/batch", &mgr, items).await;
    assert_eq!(s, StatusCode::OK, "{out}");
    let results = out["results"].as_array().unwrap();
    let statuses: Vec<u64> = results.iter().map(|r| r["status"].as_u64().unwrap()).collect();
    assert_eq!(statuses, vec![201, 201, 409, 422, 422], "{out}");
    assert_eq!(results[2]["error"]["code"], "sales_plan.duplicate");
    assert_eq!(results[3]["error"]["errors"][0]["field"], "owner_id");
    let (_, mine) = app.get("/api/v1/sales-plans?sort=period_start", &rep).await;
    let periods: Vec<&str> = mine["items"].as_array().unwrap().iter().map(|p| p["period"].as_str().unwrap()).collect();
    assert_eq!(periods, vec!["2027-01", "2027-02"]);
    // A rep's own past weeks, carried over: the week already written is refused.
    let (s, out) = app.post("/api/v1/weekly-reports/batch", &rep, json!({"items": [
        {"week": "2026-W01", "summary": "第一周"}, {"week": "2026-W02", "summary": "第二周"}, {"week": "2026-W01", "summary": "重复"}, {"week": "2026-W60", "summary": "x"},
    ]})).await;
    assert_eq!(s, StatusCode::OK, "{out}");
    let statuses: Vec<u64> = out["results"].as_array().unwrap().iter().map(|r| r["status"].as_u64().unwrap()).collect();
    assert_eq!(statuses, vec![201, 201, 409, 422], "{out}");
    assert_eq!(app.get("/api/v1/weekly-reports", &rep).await.1["total"], 2);
});
