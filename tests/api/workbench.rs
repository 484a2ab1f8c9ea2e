//! The workbench: each card holds what the caller acts on, in their calendar and scope.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use chrono::{Datelike, Duration, Timelike, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::support::TestApp;

fn card<'a>(wb: &'a Value, key: &str) -> &'a Value {
    wb["cards"].as_array().and_then(|c| c.iter().find(|c| c["key"] == key)).unwrap_or_else(|| panic!("no card {key} in {wb}"))
}

fn names(card: &Value) -> Vec<&str> {
    card["items"].as_array().unwrap_or_else(|| panic!("{card}")).iter().map(|i| i["name"].as_str().unwrap()).collect()
}

async fn customer_followed(app: &TestApp, token: &str, name: &str, occurred_days_ago: i64, next: Option<chrono::DateTime<Utc>>) -> String {
    let (s, c) = app.post("/api/v1/customers", token, json!({"name": name})).await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    let id = c["id"].as_str().unwrap().to_string();
    let mut body = json!({"customer_id": id, "kind": "phone", "content": "沟通", "occurred_at": (Utc::now() - Duration::days(occurred_days_ago)).to_rfc3339()});
    if let Some(n) = next {
        body["next_follow_up_at"] = json!(n.to_rfc3339());
    }
    let (s, f) = app.post("/api/v1/follow-ups", token, body).await;
    assert_eq!(s, StatusCode::CREATED, "{f}");
    id
}

dual_test!(workbench_cards_hold_what_to_do_today, |app| {
    let (_, dept) = app.post("/api/v1/departments", &app.admin, json!({"name": "华东"})).await;
    let (rep_id, rep) = app.user_with_role("wb_rep", "sales_rep", json!({"department_id": dept["id"]})).await;
    let (rep2_id, rep2) = app.user_with_role("wb_rep2", "sales_rep", json!({"department_id": dept["id"]})).await;
    let (_, mgr) = app.user_with_role("wb_mgr", "sales_manager", json!({"department_id": dept["id"]})).await;
    // A zone where now is far from midnight, so "in a minute" is still today there.
    let tz = if Utc::now().hour() < 20 { "UTC" } else { "Asia/Tokyo" };
    let rules = json!({"enabled": true, "return_after_days_without_follow_up": 30, "return_after_days_without_deal": null,
        "max_customers_per_owner": null, "reclaim_cooldown_days": null, "exempt_won": true});
    assert_eq!(app.call(reqwest::Method::PUT, "/api/v1/pool-rules", &app.admin, Some(rules)).await.0, StatusCode::OK);

    customer_followed(&app, &rep, "今日回访", 0, Some(Utc::now() + Duration::minutes(2))).await;
    customer_followed(&app, &rep, "逾期客户", 10, Some(Utc::now() - Duration::days(5))).await;
    customer_followed(&app, &rep, "将回公海", 28, None).await;
    customer_followed(&app, &rep2, "同事逾期", 9, Some(Utc::now() - Duration::days(2))).await;

    let (s, wb) = app.get(&format!("/api/v1/workbench?tz={tz}"), &rep).await;
    assert_eq!(s, StatusCode::OK, "{wb}");
    assert_eq!(wb["reach"], "mine");
    assert_eq!(names(card(&wb, "customers.follow_ups_due_today")), ["今日回访"]);
    assert_eq!(names(card(&wb, "customers.follow_ups_overdue")), ["逾期客户"], "the colleague's is not mine");
    let returning = card(&wb, "customers.returning_to_pool");
    assert_eq!(names(returning), ["将回公海"]);
    let at = chrono::DateTime::parse_from_rfc3339(returning["items"][0]["at"].as_str().unwrap()).unwrap();
    let in_two_days = Utc::now() + Duration::days(2);
    assert!((at.with_timezone(&Utc) - in_two_days).num_minutes().abs() < 5, "returns in about two days: {at}");
    assert_eq!(card(&wb, "customers.new_this_week")["total"], 3);
    assert_eq!(card(&wb, "customers.follow_ups_due_today")["items"][0]["owner_id"], rep_id.as_str());
    let recent = card(&wb, "recent.changed_by_me");
    assert_eq!(recent["items"][0]["entity"], "customers");
    assert!(names(recent).contains(&"将回公海"), "{recent}");
    // A shorter horizon leaves out who returns in two days.
    let (_, short) = app.get(&format!("/api/v1/workbench?tz={tz}&horizon_days=1"), &rep).await;
    assert_eq!(card(&short, "customers.returning_to_pool")["total"], 0);

    // The manager's team: both reps' overdue customers, counted per owner.
    let (_, team) = app.get(&format!("/api/v1/workbench?tz={tz}&reach=team"), &mgr).await;
    let overdue = card(&team, "customers.follow_ups_overdue");
    assert_eq!((overdue["total"].as_u64(), names(overdue)), (Some(2), vec!["逾期客户", "同事逾期"]));
    let mut by_owner: Vec<(String, u64)> = overdue["by_owner"].as_array().unwrap().iter().map(|o| (o["owner_id"].as_str().unwrap().to_string(), o["count"].as_u64().unwrap())).collect();
    by_owner.sort();
    let mut expected = vec![(rep_id.clone(), 1), (rep2_id.clone(), 1)];
    expected.sort();
    assert_eq!(by_owner, expected);
    assert_eq!(overdue["by_owner"][0]["owner_name"].as_str().map(|n| !n.is_empty()), Some(true));
    // The manager's own cards are empty; a rep's team is only themselves.
    assert_eq!(card(&app.get("/api/v1/workbench", &mgr).await.1, "customers.follow_ups_overdue")["total"], 0);
    assert_eq!(card(&app.get("/api/v1/workbench?reach=team", &rep2).await.1, "customers.follow_ups_overdue")["total"], 1);

    // Without the customers' read permission there are no customer cards.
    let (s, role) = app.post("/api/v1/roles", &app.admin, json!({"name": "只看产品", "permissions": ["products:read"], "data_scope": "self"})).await;
    assert_eq!(s, StatusCode::CREATED, "{role}");
    let (s, u) = app.post("/api/v1/users", &app.admin, json!({"username": "wb_products", "display_name": "产品", "password": crate::support::PASSWORD, "role_ids": [role["id"]]})).await;
    assert_eq!(s, StatusCode::CREATED, "{u}");
    let products_only = app.login("wb_products", crate::support::PASSWORD).await;
    let (_, wb) = app.get("/api/v1/workbench", &products_only).await;
    let keys: Vec<&str> = wb["cards"].as_array().unwrap().iter().map(|c| c["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["recent.changed_by_me"]);

    // Bad input is a 400 naming the parameter; API tokens are refused (a person's page).
    for (q, field) in [("tz=Mars/Olympus", Some("tz")), ("horizon_days=0", Some("horizon_days")), ("limit=21", Some("limit")), ("reach=all", None)] {
        let (s, b) = app.get(&format!("/api/v1/workbench?{q}"), &rep).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{q}: {b}");
        if let Some(f) = field {
            assert_eq!(b["errors"][0]["field"], f, "{b}");
        }
    }
    let (_, t) = app.post("/api/v1/api-tokens", &app.admin, json!({"name": "wb", "scopes": ["customers:read"]})).await;
    assert_eq!(app.get("/api/v1/workbench", t["token"].as_str().unwrap()).await.0, StatusCode::FORBIDDEN);
});

dual_test!(the_pipeline_cards_add_up_the_month, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (_, rep2) = app.user_with_role("rep2", "sales_rep", json!({})).await;
    let (_, stages) = app.get("/api/v1/pipeline-stages?page_size=50", &app.admin).await;
    let won = stages["items"].as_array().unwrap().iter().find(|s| s["kind"] == "won").unwrap()["id"].clone();
    let (_, c) = app.post("/api/v1/customers", &rep, json!({"name": "管道客户"})).await;
    let today = Utc::now().date_naive();
    let month_end = (today.with_day(1).unwrap() + chrono::Months::new(1)).pred_opt().unwrap();
    for (name, amount, date, stage) in [
        ("本月到期", "1000", Some(month_end.to_string()), Value::Null),
        ("已过期", "300", Some("2020-01-01".to_string()), Value::Null),
        ("无日期", "200", None, Value::Null),
        ("本月赢单", "5000", None, won.clone()),
    ] {
        let (s, o) = app.post("/api/v1/opportunities", &rep, json!({"customer_id": c["id"], "name": name, "amount": amount, "expected_close_date": date, "stage_id": stage})).await;
        assert_eq!(s, StatusCode::CREATED, "{o}");
    }
    let (s, wb) = app.get("/api/v1/workbench", &rep).await;
    assert_eq!(s, StatusCode::OK, "{wb}");
    let pipeline = card(&wb, "opportunities.pipeline");
    assert_eq!((pipeline["total"].as_u64(), pipeline["amount"].as_str(), pipeline["weighted_amount"].as_str()), (Some(3), Some("1500.00"), Some("150.00")));
    assert_eq!(names(pipeline), vec!["本月到期", "已过期", "无日期"], "the largest first");
    let closing = card(&wb, "opportunities.closing_this_month");
    assert_eq!((names(closing), closing["amount"].as_str()), (vec!["本月到期"], Some("1000.00")));
    assert_eq!(names(card(&wb, "opportunities.expired")), vec!["已过期"]);
    let won_card = card(&wb, "opportunities.won_this_month");
    assert_eq!((won_card["total"].as_u64(), won_card["amount"].as_str(), won_card.get("weighted_amount").is_none()), (Some(1), Some("5000.00"), true));
    assert!(won_card.get("target_amount").is_none(), "no plan, no target");
    let (s, _) = app.post("/api/v1/sales-plans", &rep, json!({"period": today.format("%Y-%m").to_string(), "target_amount": "20000"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, wb) = app.get("/api/v1/workbench", &rep).await;
    assert_eq!(card(&wb, "opportunities.won_this_month")["target_amount"], "20000.00", "measured against the month's plan");
    // Another rep's workbench counts none of it; the admin's team view counts it per owner.
    assert_eq!(card(&app.get("/api/v1/workbench", &rep2).await.1, "opportunities.pipeline")["total"], 0);
    let (_, team) = app.get("/api/v1/workbench?reach=team", &app.admin).await;
    let p = card(&team, "opportunities.pipeline");
    assert_eq!((p["total"].as_u64(), p["by_owner"][0]["owner_name"].as_str(), p["by_owner"][0]["count"].as_u64()), (Some(3), Some("rep"), Some(3)));
});
