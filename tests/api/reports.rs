//! Sales analysis over what the caller sees: the funnel's counts, reach and conversion,
//! the forecast by close period, and opportunities by stage, owner, month, province and
//! product, in exact decimals.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::support::TestApp;

async fn stage(app: &TestApp, name_zh: &str) -> String {
    let (_, page) = app.get("/api/v1/pipeline-stages?page_size=50", &app.admin).await;
    page["items"].as_array().unwrap().iter().find(|s| s["name_zh"] == name_zh).unwrap()["id"].as_str().unwrap().to_string()
}

async fn opportunity(app: &TestApp, token: &str, body: Value) -> Value {
    let (s, o) = app.post("/api/v1/opportunities", token, body).await;
    assert_eq!(s, StatusCode::CREATED, "{o}");
    o
}

dual_test!(the_funnel_forecast_and_groups_add_up_within_the_scope, |app| {
    let (rep_id, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (_, other) = app.user_with_role("other", "sales_rep", json!({})).await;
    let (first, proposal, won, lost) = (stage(&app, "初步接洽").await, stage(&app, "方案报价").await, stage(&app, "赢单").await, stage(&app, "输单").await);
    let (_, hz) = app.post("/api/v1/customers", &rep, json!({"name": "杭州客户", "province": "浙江省"})).await;
    let (_, sh) = app.post("/api/v1/customers", &rep, json!({"name": "上海客户", "province": "上海市"})).await;
    let (_, cat) = app.post("/api/v1/product-categories", &app.admin, json!({"name": "家具"})).await;
    let (_, chair) = app.post("/api/v1/products", &app.admin, json!({"name": "椅子", "category_id": cat["id"], "price": "100"})).await;
    let line = |q: &str| json!([{"product_id": chair["id"], "quantity": q, "unit_price": "100"}]);
    opportunity(&app, &rep, json!({"customer_id": hz["id"], "name": "一", "stage_id": first, "amount": "1000", "expected_close_date": "2026-11-15"})).await;
    opportunity(&app, &rep, json!({"customer_id": hz["id"], "name": "二", "stage_id": first, "lines": line("3"), "expected_close_date": "2026-12-20"})).await;
    opportunity(&app, &rep, json!({"customer_id": sh["id"], "name": "三", "stage_id": proposal, "amount": "2000.50", "expected_close_date": "2026-12-01"})).await;
    opportunity(&app, &rep, json!({"customer_id": sh["id"], "name": "四", "stage_id": won, "lines": line("5")})).await;
    opportunity(&app, &rep, json!({"customer_id": hz["id"], "name": "五", "stage_id": lost, "lost_reason": "price", "amount": "700"})).await;
    let (_, theirs) = app.post("/api/v1/customers", &other, json!({"name": "别人的"})).await;
    opportunity(&app, &other, json!({"customer_id": theirs["id"], "name": "别人的", "amount": "99999"})).await;

    let (s, f) = app.get("/api/v1/reports/funnel", &rep).await;
    assert_eq!(s, StatusCode::OK, "{f}");
    let stages = f["stages"].as_array().unwrap();
    assert_eq!(stages.len(), 4, "the open stages");
    // 初步接洽: 1000 + 300 at 10 %; reached by all four not lost (2 here, 1 later, 1 won).
    assert_eq!((stages[0]["count"].as_u64(), stages[0]["amount"].as_str(), stages[0]["weighted_amount"].as_str()), (Some(2), Some("1300.00"), Some("130.00")));
    assert_eq!((stages[0]["reached"].as_u64(), stages[0]["conversion_rate"].as_str()), (Some(4), Some("0.5000")));
    assert_eq!((stages[1]["reached"].as_u64(), stages[1]["conversion_rate"].as_str()), (Some(2), Some("1.0000")));
    assert_eq!((stages[2]["count"].as_u64(), stages[2]["weighted_amount"].as_str()), (Some(1), Some("1000.25")));
    assert_eq!((stages[3]["reached"].as_u64(), stages[3]["conversion_rate"].as_str()), (Some(1), Some("1.0000")));
    assert_eq!((f["won"]["count"].as_u64(), f["won"]["amount"].as_str()), (Some(1), Some("500.00")));
    assert_eq!((f["lost"]["count"].as_u64(), f["win_rate"].as_str()), (Some(1), Some("0.5000")));
    // The admin's funnel counts the other rep's too; an owner filter narrows it.
    let (_, all) = app.get("/api/v1/reports/funnel", &app.admin).await;
    assert_eq!(all["stages"][0]["count"], 3);
    let (_, mine) = app.get(&format!("/api/v1/reports/funnel?owner_id={rep_id}&from=2000-01-01&to=2999-12-31"), &app.admin).await;
    assert_eq!(mine["stages"][0]["count"], 2);
    let (_, none) = app.get("/api/v1/reports/funnel?to=2000-01-01", &rep).await;
    assert_eq!((none["stages"][0]["count"].as_u64(), none["win_rate"].is_null(), none["stages"][0]["conversion_rate"].is_null()), (Some(0), true, true));

    let (s, fc) = app.get("/api/v1/reports/forecast?period=month", &rep).await;
    assert_eq!(s, StatusCode::OK, "{fc}");
    let rows = fc["rows"].as_array().unwrap();
    let nov = rows.iter().find(|r| r["period"] == "2026-11").unwrap();
    assert_eq!((nov["open_count"].as_u64(), nov["weighted_amount"].as_str()), (Some(1), Some("100.00")));
    let dec = rows.iter().find(|r| r["period"] == "2026-12").unwrap();
    assert_eq!((dec["open_count"].as_u64(), dec["amount"].as_str(), dec["weighted_amount"].as_str()), (Some(2), Some("2300.50"), Some("1030.25")));
    assert_eq!(rows.iter().map(|r| r["won_count"].as_u64().unwrap()).sum::<u64>(), 1, "won this month, by when it closed");
    let (_, q) = app.get("/api/v1/reports/forecast?period=quarter", &rep).await;
    let q4 = q["rows"].as_array().unwrap().iter().find(|r| r["period"] == "2026-Q4").unwrap();
    assert_eq!((q4["open_count"].as_u64(), q4["weighted_amount"].as_str()), (Some(3), Some("1130.25")));
    let (_, bounded) = app.get("/api/v1/reports/forecast?from=2026-12-01&to=2026-12-31", &rep).await;
    assert_eq!(bounded["rows"].as_array().unwrap().iter().map(|r| r["open_count"].as_u64().unwrap()).sum::<u64>(), 2);
    assert_eq!(app.get("/api/v1/reports/forecast?period=week", &rep).await.0, StatusCode::BAD_REQUEST);
    assert_eq!(app.get("/api/v1/reports/forecast?from=soon", &rep).await.0, StatusCode::BAD_REQUEST);

    let group = |by: &'static str| {
        let app = &app;
        let rep = rep.clone();
        async move {
            let (s, g) = app.get(&format!("/api/v1/reports/opportunities?group_by={by}"), &rep).await;
            assert_eq!(s, StatusCode::OK, "{g}");
            g["rows"].as_array().unwrap().clone()
        }
    };
    let by_stage = group("stage").await;
    assert_eq!((by_stage[0]["name"].as_str(), by_stage[0]["amount"].as_str()), (Some("方案报价"), Some("2000.50")), "largest amount first");
    assert_eq!(by_stage.iter().map(|r| r["count"].as_u64().unwrap()).sum::<u64>(), 5);
    let by_owner = group("owner").await;
    assert_eq!((by_owner.len(), by_owner[0]["name"].as_str(), by_owner[0]["amount"].as_str()), (1, Some("rep"), Some("4500.50")));
    let by_province = group("province").await;
    let zj = by_province.iter().find(|r| r["key"] == "浙江省").unwrap();
    assert_eq!((zj["count"].as_u64(), zj["amount"].as_str()), (Some(3), Some("2000.00")));
    let by_product = group("product").await;
    assert_eq!((by_product.len(), by_product[0]["name"].as_str(), by_product[0]["count"].as_u64(), by_product[0]["amount"].as_str()), (1, Some("椅子"), Some(2), Some("800.00")));
    let by_month = group("month").await;
    assert_eq!(by_month.iter().map(|r| r["count"].as_u64().unwrap()).sum::<u64>(), 5);
    assert_eq!(app.get("/api/v1/reports/opportunities", &rep).await.0, StatusCode::BAD_REQUEST);
    assert_eq!(app.get("/api/v1/reports/opportunities?group_by=colour", &rep).await.0, StatusCode::BAD_REQUEST);
});
