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
    assert_eq!((nov["won_count"].as_u64(), nov["won_amount"].as_str()), (Some(0), Some("0.00")), "money keeps its cents when nothing was won");
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

async fn download(app: &TestApp, path: &str, token: &str, lang: &str) -> (StatusCode, Vec<u8>) {
    let res = app.req(reqwest::Method::GET, path, Some(token)).header("accept-language", lang).send().await.unwrap();
    (res.status(), res.bytes().await.unwrap().to_vec())
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap().trim_start_matches('\u{feff}').replace("\r\n", "\n")
}

dual_test!(reports_download_as_csv_and_xlsx_in_the_readers_language, |app| {
    let (_, manager) = app.user_with_role("boss", "sales_manager", json!({})).await;
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (first, won) = (stage(&app, "初步接洽").await, stage(&app, "赢单").await);
    let (_, c) = app.post("/api/v1/customers", &manager, json!({"name": "报表客户", "province": "江苏省"})).await;
    opportunity(&app, &manager, json!({"customer_id": c["id"], "name": "开着的", "stage_id": first, "amount": "1000", "expected_close_date": "2030-01-15"})).await;
    opportunity(&app, &manager, json!({"customer_id": c["id"], "name": "赢了的", "stage_id": won, "amount": "500"})).await;

    // The funnel: the open stages, then won, lost and the win rate, as the JSON report has them.
    let (s, zh) = download(&app, "/api/v1/reports/funnel/export?format=csv", &manager, "zh-CN").await;
    assert_eq!(s, StatusCode::OK);
    let zh = text(&zh);
    assert!(zh.starts_with("阶段,商机数,金额,加权金额,到达数,转化率\n初步接洽,1,1000.00,100.00,2,0.5000\n"), "{zh}");
    assert!(zh.contains("\n赢单,1,500.00,,,\n输单,0,0.00,,,\n赢率,,,,,1.0000\n"), "{zh}");
    let (_, en) = download(&app, "/api/v1/reports/funnel/export?format=csv", &manager, "en").await;
    let en = text(&en);
    assert!(en.starts_with("Stage,Opportunities,Amount,Weighted amount,Reached,Conversion rate\n"), "{en}");
    assert!(!en.contains("初步接洽") && en.contains("\nWon,1,500.00,,,\n") && en.contains("\nWin rate,,,,,1.0000\n"), "{en}");
    let (_, raw) = download(&app, "/api/v1/reports/funnel/export?format=csv&raw=true", &manager, "en").await;
    let raw = text(&raw);
    assert!(raw.starts_with("stage,count,amount,weighted_amount,reached,conversion_rate\n初步接洽,"), "{raw}");

    // The forecast's period row, and the filters narrow the file as they narrow the report.
    let (_, fc) = download(&app, "/api/v1/reports/forecast/export?format=csv&period=month&raw=true", &manager, "en").await;
    let fc = text(&fc);
    assert!(fc.starts_with("period,open_count,amount,weighted_amount,won_count,won_amount\n"), "{fc}");
    assert!(fc.contains("\n2030-01,1,1000.00,100.00,0,0.00\n"), "{fc}");
    let (_, q) = download(&app, "/api/v1/reports/forecast/export?format=csv&period=quarter&from=2030-01-01&to=2030-12-31", &manager, "zh-CN").await;
    assert_eq!(text(&q), "期间,未结商机数,未结金额,加权金额,赢单数,赢单金额\n2030-Q1,1,1000.00,100.00,0,0.00\n");

    // By group as a spreadsheet: figures are number cells, names in the reader's language.
    let (s, xlsx) = download(&app, "/api/v1/reports/opportunities/export?format=xlsx&group_by=stage", &manager, "en").await;
    assert_eq!(s, StatusCode::OK);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("an xlsx is a zip archive");
    let mut xml = String::new();
    for name in ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"] {
        if let Ok(mut f) = zip.by_name(name) {
            std::io::Read::read_to_string(&mut f, &mut xml).unwrap();
        }
    }
    assert!(xml.contains(">Stage<") && xml.contains(">Won<") && !xml.contains("赢单"), "{xml}");
    assert!(xml.contains("<v>1000</v>") && xml.contains("<v>500</v>"), "amounts are numbers: {xml}");
    assert_eq!(xml.matches("<row ").count(), 3, "the header and two stages: {xml}");
    let (_, prov) = download(&app, "/api/v1/reports/opportunities/export?format=csv&group_by=province", &manager, "zh-CN").await;
    assert_eq!(text(&prov), "省份,商机数,金额,加权金额\n江苏省,2,1500.00,600.00\n");

    // Downloading is the reports:export permission; bad parameters are 400s.
    assert_eq!(app.get("/api/v1/reports/funnel/export?format=csv", &rep).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/api/v1/reports/funnel", &rep).await.0, StatusCode::OK);
    assert_eq!(app.get("/api/v1/reports/funnel/export?format=pdf", &manager).await.0, StatusCode::BAD_REQUEST);
    assert_eq!(app.get("/api/v1/reports/funnel/export", &manager).await.0, StatusCode::BAD_REQUEST);
    assert_eq!(app.get("/api/v1/reports/forecast/export?format=csv&period=week", &manager).await.0, StatusCode::BAD_REQUEST);
    assert_eq!(app.get("/api/v1/reports/opportunities/export?format=csv", &manager).await.0, StatusCode::BAD_REQUEST);
});

/// The funnel's and board's figures for a caller who sees everyone, as the kept totals give
/// them (no filter, or only an owner) and as the opportunities add up (a filter that keeps
/// every row, `from=2000-01-01` or `currency=CNY`, makes the server add them up): equal after every write.
async fn kept_equals_added(app: &TestApp, owner: Option<&str>, when: &str) {
    kept_equals_added_for(app, &app.admin, owner, when).await;
}

async fn kept_equals_added_for(app: &TestApp, token: &str, owner: Option<&str>, when: &str) {
    let by_owner = owner.map(|o| format!("owner_id={o}&")).unwrap_or_default();
    let figures = |v: &Value, key: &str| -> Vec<(String, Value, Value, Value)> {
        v[key].as_array().unwrap().iter().map(|c| (c["stage"]["id"].as_str().unwrap().to_string(), c["count"].clone(), c["amount"].clone(), c["weighted_amount"].clone())).collect()
    };
    let (s, kept) = app.get(&format!("/api/v1/reports/funnel?{by_owner}"), token).await;
    assert_eq!(s, StatusCode::OK, "{kept}");
    let (_, added) = app.get(&format!("/api/v1/reports/funnel?{by_owner}from=2000-01-01"), token).await;
    assert_eq!(figures(&kept, "stages"), figures(&added, "stages"), "funnel after {when}");
    assert_eq!((&kept["won"], &kept["lost"]), (&added["won"], &added["lost"]), "won and lost after {when}");
    let (_, kept) = app.get(&format!("/api/v1/opportunities/board?{by_owner}page_size=1"), token).await;
    // Every opportunity here is in yuan: the currency filter keeps them all.
    let (_, added) = app.get(&format!("/api/v1/opportunities/board?{by_owner}page_size=1&currency=CNY"), token).await;
    assert_eq!(figures(&kept, "columns"), figures(&added, "columns"), "board after {when}");
}

dual_test!(kept_stage_totals_follow_every_write, |app| {
    let (_, dept) = app.post("/api/v1/departments", &app.admin, json!({"name": "合计小组"})).await;
    let (rep_id, rep) = app.user_with_role("rep", "sales_rep", json!({"department_id": dept["id"]})).await;
    let (next_id, _) = app.user_with_role("next", "sales_rep", json!({})).await;
    let (manager_id, manager) = app.user_with_role("boss", "sales_manager", json!({"department_id": dept["id"]})).await;
    let (first, proposal, won, lost) = (stage(&app, "初步接洽").await, stage(&app, "方案报价").await, stage(&app, "赢单").await, stage(&app, "输单").await);
    let (_, c) = app.post("/api/v1/customers", &rep, json!({"name": "合计客户"})).await;
    let a = opportunity(&app, &rep, json!({"customer_id": c["id"], "name": "甲", "stage_id": first, "amount": "1000.10"})).await;
    let b = opportunity(&app, &rep, json!({"customer_id": c["id"], "name": "乙", "stage_id": proposal, "amount": "333.33", "probability": 37})).await;
    opportunity(&app, &rep, json!({"customer_id": c["id"], "name": "丙", "stage_id": won, "amount": "50"})).await;
    let (_, other) = app.post("/api/v1/customers", &app.admin, json!({"name": "管理员的客户"})).await;
    opportunity(&app, &app.admin, json!({"customer_id": other["id"], "name": "丁", "amount": "7"})).await;
    kept_equals_added(&app, None, "creates").await;
    kept_equals_added(&app, Some(&rep_id), "creates, one owner").await;
    let (s, f) = app.get("/api/v1/reports/funnel", &app.admin).await;
    assert_eq!((s, f["stages"][0]["count"].as_u64(), f["stages"][0]["amount"].as_str()), (StatusCode::OK, Some(2), Some("1007.10")));

    let id = |o: &Value| o["id"].as_str().unwrap().to_string();
    let (s, _) = app.patch(&format!("/api/v1/opportunities/{}", id(&a)), &rep, json!({"amount": "2000"})).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = app.patch(&format!("/api/v1/opportunities/{}", id(&b)), &rep, json!({"name": "乙改名", "probability": 80})).await;
    assert_eq!(s, StatusCode::OK);
    kept_equals_added(&app, None, "edits").await;
    let (s, _) = app.post(&format!("/api/v1/opportunities/{}/stage", id(&a)), &rep, json!({"stage_id": lost, "lost_reason": "price"})).await;
    assert_eq!(s, StatusCode::OK);
    kept_equals_added(&app, Some(&rep_id), "a move to lost").await;
    let (s, _) = app.post("/api/v1/customers/transfer", &app.admin, json!({"customer_ids": [c["id"]], "owner_id": next_id})).await;
    assert_eq!(s, StatusCode::OK);
    kept_equals_added(&app, Some(&next_id), "a transfer").await;
    kept_equals_added(&app, Some(&rep_id), "a transfer, the old owner").await;
    let (s, _) = app.delete(&format!("/api/v1/opportunities/{}", id(&b)), &app.admin).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    kept_equals_added(&app, None, "a delete").await;
    let (s, _) = app.post(&format!("/api/v1/recycle-bin/opportunities/{}/restore", id(&b)), &app.admin, json!({})).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    kept_equals_added(&app, None, "a restore").await;
    let (_, f) = app.get("/api/v1/reports/funnel", &app.admin).await;
    let proposal_stage = f["stages"].as_array().unwrap().iter().find(|s| s["stage"]["id"] == proposal.as_str()).unwrap().clone();
    assert_eq!((proposal_stage["count"].as_u64(), proposal_stage["weighted_amount"].as_str()), (Some(1), Some("266.66")), "333.33 at 80 %, restored");

    // A manager reads their team's totals (the rep's and their own), whole or by one owner.
    let (_, c2) = app.post("/api/v1/customers", &rep, json!({"name": "小组客户"})).await;
    opportunity(&app, &rep, json!({"customer_id": c2["id"], "name": "小组的", "stage_id": proposal, "amount": "10"})).await;
    opportunity(&app, &manager, json!({"customer_id": c2["id"], "name": "经理的", "amount": "20", "owner_id": manager_id})).await;
    kept_equals_added_for(&app, &manager, None, "the team's").await;
    kept_equals_added_for(&app, &manager, Some(&rep_id), "one of the team").await;
    let (_, team) = app.get("/api/v1/reports/funnel", &manager).await;
    assert_eq!(team["stages"].as_array().unwrap().iter().map(|s| s["count"].as_u64().unwrap()).sum::<u64>(), 2, "not the transferred ones of another team");
    // Shared with the manager from outside the team, a customer's opportunities count too.
    let (_, outside) = app.post("/api/v1/customers", &app.admin, json!({"name": "共享给经理"})).await;
    opportunity(&app, &app.admin, json!({"customer_id": outside["id"], "name": "外部共享", "amount": "5"})).await;
    let items = json!({"items": [{"user_id": manager_id, "access": "read"}]});
    let (s, b) = app.call(reqwest::Method::PUT, &format!("/api/v1/customers/{}/collaborators", outside["id"].as_str().unwrap()), &app.admin, Some(items)).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    kept_equals_added_for(&app, &manager, None, "a share").await;
    let (_, team) = app.get("/api/v1/reports/funnel", &manager).await;
    assert_eq!(team["stages"].as_array().unwrap().iter().map(|s| s["count"].as_u64().unwrap()).sum::<u64>(), 3, "and the shared one");
});
