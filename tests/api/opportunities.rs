//! The sales pipeline: seeded stages and their rules, opportunities with exact line totals,
//! stage moves with their history, who sees what (scope and the customer's
//! collaborators), expired ones, a transfer that carries open ones, and bad input that
//! changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::TestApp;

async fn stages(app: &TestApp) -> Vec<Value> {
    let (s, page) = app.get("/api/v1/pipeline-stages?page_size=50", &app.admin).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    page["items"].as_array().unwrap().clone()
}

fn stage_id(stages: &[Value], name_zh: &str) -> String {
    stages.iter().find(|s| s["name_zh"] == name_zh).unwrap()["id"].as_str().unwrap().to_string()
}

async fn customer(app: &TestApp, token: &str, name: &str) -> String {
    let (s, c) = app.post("/api/v1/customers", token, json!({"name": name})).await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    c["id"].as_str().unwrap().to_string()
}

async fn product(app: &TestApp, name: &str, price: &str) -> String {
    let (_, cat) = app.post("/api/v1/product-categories", &app.admin, json!({"name": format!("类别 {name}")})).await;
    let (s, p) = app.post("/api/v1/products", &app.admin, json!({"name": name, "category_id": cat["id"], "price": price})).await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    p["id"].as_str().unwrap().to_string()
}

async fn count(app: &TestApp, token: &str, query: &str) -> u64 {
    let (s, page) = app.get(&format!("/api/v1/opportunities?{query}"), token).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    page["total"].as_u64().unwrap()
}

dual_test!(stages_are_seeded_and_guard_their_use, |app| {
    let all = stages(&app).await;
    let seeded: Vec<(&str, i64, &str)> = all.iter().map(|s| (s["name_zh"].as_str().unwrap(), s["probability"].as_i64().unwrap(), s["kind"].as_str().unwrap())).collect();
    assert_eq!(seeded, vec![("初步接洽", 10, "open"), ("需求确认", 30, "open"), ("方案报价", 50, "open"), ("谈判审核", 70, "open"), ("赢单", 100, "won"), ("输单", 0, "lost")]);
    // A won stage is certain, a lost one hopeless.
    let (s, e) = app.post("/api/v1/pipeline-stages", &app.admin, json!({"name_zh": "签约", "name_en": "Signed", "probability": 90, "kind": "won"})).await;
    assert_eq!((s, e["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("probability")));
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    // Reps read the stages but do not change them.
    assert_eq!(app.get("/api/v1/pipeline-stages", &rep).await.0, StatusCode::OK);
    assert_eq!(app.post("/api/v1/pipeline-stages", &rep, json!({"name_zh": "x", "name_en": "x", "probability": 5, "kind": "open"})).await.0, StatusCode::FORBIDDEN);
    // A stage in use keeps its kind and is not deleted.
    let first = stage_id(&all, "初步接洽");
    let cid = customer(&app, &rep, "杭州明远科技").await;
    let (s, o) = app.post("/api/v1/opportunities", &rep, json!({"customer_id": cid, "name": "办公家具"})).await;
    assert_eq!(s, StatusCode::CREATED, "{o}");
    assert_eq!(o["stage_id"].as_str(), Some(first.as_str()), "the first open stage by default");
    assert_eq!((o["probability"].as_i64(), o["status"].as_str()), (Some(10), Some("open")));
    let (s, e) = app.delete(&format!("/api/v1/pipeline-stages/{first}"), &app.admin).await;
    assert_eq!((s, e["code"].as_str(), e["opportunities"].as_u64()), (StatusCode::CONFLICT, Some("pipeline_stage.in_use"), Some(1)));
    let (s, e) = app.patch(&format!("/api/v1/pipeline-stages/{first}"), &app.admin, json!({"kind": "lost", "probability": 0})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("pipeline_stage.in_use")));
    let (s, renamed) = app.patch(&format!("/api/v1/pipeline-stages/{first}"), &app.admin, json!({"name_en": "First contact", "probability": 15})).await;
    assert_eq!((s, renamed["name_en"].as_str()), (StatusCode::OK, Some("First contact")));
    // The opportunity keeps the probability it was given until it moves.
    let (_, again) = app.get(&format!("/api/v1/opportunities/{}", o["id"].as_str().unwrap()), &rep).await;
    assert_eq!(again["probability"], 10);
});

dual_test!(line_totals_are_exact_and_bad_input_changes_nothing, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let cid = customer(&app, &rep, "苏州恒达").await;
    let chair = product(&app, "人体工学椅", "1234.56").await;
    let desk = product(&app, "升降桌", "0.25").await;
    let body = json!({"customer_id": cid, "name": "华东区办公家具", "currency": "cny", "expected_close_date": "2026-12-31", "source": "referral",
        "lines": [
            {"product_id": chair, "quantity": "3", "unit_price": "1234.56", "discount_percent": "10"},
            {"product_id": desk, "quantity": "1", "unit_price": "0.25", "discount_percent": "50"},
            {"product_id": desk, "quantity": "2.5", "unit_price": "19.99"},
            {"product_id": chair, "quantity": "7", "unit_price": "33.33", "discount_percent": "33.33"}
        ]});
    let (s, o) = app.post("/api/v1/opportunities", &rep, body.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{o}");
    let subtotals: Vec<&str> = o["lines"].as_array().unwrap().iter().map(|l| l["subtotal"].as_str().unwrap()).collect();
    // 3333.312 → 3333.31; 0.125 → 0.13 (half up); 49.975 → 49.98; 155.547777 → 155.55.
    assert_eq!(subtotals, vec!["3333.31", "0.13", "49.98", "155.55"]);
    assert_eq!(o["amount"], "3538.97");
    assert_eq!(o["weighted_amount"], "353.90", "10 % of 3538.97, half up");
    assert_eq!(o["currency"], "CNY");
    assert_eq!(o["lines"][0]["product_name"], "人体工学椅");
    assert_eq!(o["lines"][2]["quantity"], "2.5");
    let id = o["id"].as_str().unwrap().to_string();
    let one = format!("/api/v1/opportunities/{id}");

    // An amount that agrees with the lines is taken; one that does not is a 422.
    let mut agreeing = body.clone();
    agreeing["amount"] = json!("3538.97");
    assert_eq!(app.post("/api/v1/opportunities", &rep, agreeing).await.0, StatusCode::CREATED);
    let before = count(&app, &rep, "").await;
    let bad = |patch: Value| {
        let mut b = body.clone();
        if let (Value::Object(b), Value::Object(p)) = (&mut b, patch) {
            b.extend(p);
        }
        b
    };
    for (case, field) in [
        (bad(json!({"amount": "3538.96"})), "amount"),
        (bad(json!({"lines": [{"product_id": chair, "quantity": "-1", "unit_price": "1"}]})), "lines[0].quantity"),
        (bad(json!({"lines": [{"product_id": chair, "quantity": "1", "unit_price": "1", "discount_percent": "100.5"}]})), "lines[0].discount_percent"),
        (bad(json!({"lines": [{"product_id": chair, "quantity": "1", "unit_price": "1.001"}]})), "lines[0].unit_price"),
        (bad(json!({"lines": [{"product_id": cid, "quantity": "1", "unit_price": "1"}]})), "lines[0].product_id"),
        (bad(json!({"stage_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f"})), "stage_id"),
        (bad(json!({"source": "carrier_pigeon"})), "source"),
        (bad(json!({"probability": 101})), "probability"),
        (bad(json!({"owner_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f"})), "owner_id"),
        (bad(json!({"contact_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f"})), "contact_id"),
        (bad(json!({"name": " "})), "name"),
    ] {
        let (s, e) = app.post("/api/v1/opportunities", &rep, case).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {e}");
        assert!(e["errors"].as_array().unwrap().iter().any(|f| f["field"] == field), "{field}: {e}");
    }
    // A fractional JSON number is refused before anything else.
    let (s, _) = app.post("/api/v1/opportunities", &rep, bad(json!({"amount": 1.5}))).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    // A lost stage needs its reason.
    let lost = stage_id(&stages(&app).await, "输单");
    let (s, e) = app.post("/api/v1/opportunities", &rep, bad(json!({"stage_id": lost}))).await;
    assert_eq!((s, e["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("lost_reason")));
    // Someone else's customer is not there for this rep.
    let (_, other) = app.user_with_role("other", "sales_rep", json!({})).await;
    let theirs = customer(&app, &other, "别人的客户").await;
    let (s, e) = app.post("/api/v1/opportunities", &rep, bad(json!({"customer_id": theirs}))).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::NOT_FOUND, Some("customer.not_found")));
    assert_eq!(count(&app, &rep, "").await, before, "refused creates wrote nothing");

    // Patching lines recomputes the amount; an amount alone must agree with kept lines.
    let (s, e) = app.patch(&one, &rep, json!({"amount": "1.00"})).await;
    assert_eq!((s, e["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("disagrees_with_lines")));
    let (s, p) = app.patch(&one, &rep, json!({"lines": [{"product_id": desk, "quantity": "4", "unit_price": "100"}], "probability": 40})).await;
    assert_eq!(s, StatusCode::OK, "{p}");
    assert_eq!((p["amount"].as_str(), p["weighted_amount"].as_str(), p["lines"].as_array().unwrap().len()), (Some("400.00"), Some("160.00"), 1));
    let (s, p) = app.patch(&one, &rep, json!({"lines": [], "amount": "800.00"})).await;
    assert_eq!((s, p["amount"].as_str()), (StatusCode::OK, Some("800.00")), "{p}");
    // Fields the patch does not own are refused.
    let (s, _) = app.patch(&one, &rep, json!({"stage_id": lost})).await;
    assert!(s == StatusCode::BAD_REQUEST || s == StatusCode::UNPROCESSABLE_ENTITY, "{s}");
});

dual_test!(stage_moves_keep_their_history_and_close_and_reopen, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let all = stages(&app).await;
    let (proposal, won, lost) = (stage_id(&all, "方案报价"), stage_id(&all, "赢单"), stage_id(&all, "输单"));
    let cid = customer(&app, &rep, "宁波海通").await;
    let (_, o) = app.post("/api/v1/opportunities", &rep, json!({"customer_id": cid, "name": "仓储设备", "amount": "50000"})).await;
    let id = o["id"].as_str().unwrap().to_string();
    let mv = |body: Value| {
        let app = &app;
        let rep = rep.clone();
        let id = id.clone();
        async move { app.post(&format!("/api/v1/opportunities/{id}/stage"), &rep, body).await }
    };
    let (s, o) = mv(json!({"stage_id": proposal, "note": "方案已发"})).await;
    assert_eq!(s, StatusCode::OK, "{o}");
    assert_eq!((o["probability"].as_i64(), o["status"].as_str(), o["closed_at"].is_null()), (Some(50), Some("open"), true));
    assert_eq!(o["weighted_amount"], "25000.00");
    // Lost needs a reason from the dictionary.
    assert_eq!(mv(json!({"stage_id": lost})).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(mv(json!({"stage_id": lost, "lost_reason": "bored"})).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, o) = mv(json!({"stage_id": lost, "lost_reason": "price", "lost_note": "对方预算砍半"})).await;
    assert_eq!(s, StatusCode::OK, "{o}");
    assert_eq!((o["status"].as_str(), o["lost_reason"].as_str(), o["probability"].as_i64()), (Some("lost"), Some("price"), Some(0)));
    assert!(o["closed_at"].is_string());
    // Reopened: the close and the reason go.
    let (_, o) = mv(json!({"stage_id": proposal, "probability": 35})).await;
    assert_eq!((o["status"].as_str(), o["closed_at"].is_null(), o["lost_reason"].is_null(), o["probability"].as_i64()), (Some("open"), true, true, Some(35)));
    let (_, o) = mv(json!({"stage_id": won})).await;
    assert_eq!((o["status"].as_str(), o["probability"].as_i64()), (Some("won"), Some(100)));
    assert!(o["closed_at"].is_string());
    // A stage from nowhere.
    let (s, e) = mv(json!({"stage_id": cid})).await;
    assert_eq!((s, e["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("stage_id")));
    // Reordering within the column is no move.
    let (_, o) = mv(json!({"stage_id": won, "position": 5})).await;
    assert_eq!(o["position"], 5);

    let (s, h) = app.get(&format!("/api/v1/opportunities/{id}/stage-history"), &rep).await;
    assert_eq!(s, StatusCode::OK, "{h}");
    let path: Vec<&str> = h["items"].as_array().unwrap().iter().map(|e| e["to_stage_name_zh"].as_str().unwrap()).collect();
    assert_eq!(path, vec!["初步接洽", "方案报价", "输单", "方案报价", "赢单"]);
    assert!(h["items"][0]["from_stage_id"].is_null() && h["items"][0]["stayed_seconds"].is_null());
    assert_eq!(h["items"][1]["from_stage_name_zh"], "初步接洽");
    assert_eq!(h["items"][1]["note"], "方案已发");
    assert_eq!(h["items"][1]["by_name"], "rep");
    assert!(h["items"][1]["stayed_seconds"].as_i64().unwrap() >= 0);
    // Another rep sees neither the record nor its history.
    let (_, other) = app.user_with_role("other", "sales_rep", json!({})).await;
    assert_eq!(app.get(&format!("/api/v1/opportunities/{id}/stage-history"), &other).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.post(&format!("/api/v1/opportunities/{id}/stage"), &other, json!({"stage_id": proposal})).await.0, StatusCode::NOT_FOUND);
});

dual_test!(two_moves_from_one_version_cannot_both_land, |app| {
    let all = stages(&app).await;
    let (won, lost) = (stage_id(&all, "赢单"), stage_id(&all, "输单"));
    let cid = customer(&app, &app.admin, "并发客户").await;
    let (_, o) = app.post("/api/v1/opportunities", &app.admin, json!({"customer_id": cid, "name": "并发"})).await;
    let id = o["id"].as_str().unwrap();
    let send = |body: Value| app.req(Method::POST, &format!("/api/v1/opportunities/{id}/stage"), Some(&app.admin)).header("if-match", "\"1\"").json(&body).send();
    let (a, b) = tokio::join!(send(json!({"stage_id": won})), send(json!({"stage_id": lost, "lost_reason": "price"})));
    let mut statuses = vec![a.unwrap().status(), b.unwrap().status()];
    statuses.sort();
    assert_eq!(statuses, vec![StatusCode::OK, StatusCode::PRECONDITION_FAILED]);
    let (_, h) = app.get(&format!("/api/v1/opportunities/{id}/stage-history"), &app.admin).await;
    assert_eq!(h["items"].as_array().unwrap().len(), 2, "one move recorded: {h}");
});

dual_test!(collaborators_of_the_customer_see_its_opportunities, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (reader_id, reader) = app.user_with_role("reader", "sales_rep", json!({})).await;
    let (editor_id, editor) = app.user_with_role("editor", "sales_rep", json!({})).await;
    let cid = customer(&app, &rep, "共享客户").await;
    let (_, o) = app.post("/api/v1/opportunities", &rep, json!({"customer_id": cid, "name": "共享商机"})).await;
    let one = format!("/api/v1/opportunities/{}", o["id"].as_str().unwrap());
    assert_eq!(app.get(&one, &reader).await.0, StatusCode::NOT_FOUND);
    let items = json!({"items": [{"user_id": reader_id, "access": "read"}, {"user_id": editor_id, "access": "edit"}]});
    let (s, b) = app.call(Method::PUT, &format!("/api/v1/customers/{cid}/collaborators"), &rep, Some(items)).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(app.get(&one, &reader).await.0, StatusCode::OK);
    assert_eq!(count(&app, &reader, &format!("customer_id={cid}")).await, 1);
    assert_eq!(app.patch(&one, &reader, json!({"probability": 20})).await.0, StatusCode::NOT_FOUND);
    let (s, p) = app.patch(&one, &editor, json!({"probability": 20})).await;
    assert_eq!((s, p["probability"].as_i64()), (StatusCode::OK, Some(20)));
    // An edit collaborator may open opportunities on the customer; a reader may not.
    assert_eq!(app.post("/api/v1/opportunities", &editor, json!({"customer_id": cid, "name": "协作商机"})).await.0, StatusCode::CREATED);
    assert_eq!(app.post("/api/v1/opportunities", &reader, json!({"customer_id": cid, "name": "只读"})).await.0, StatusCode::NOT_FOUND);
});

dual_test!(expired_ones_are_open_and_past_their_date, |app| {
    let cid = customer(&app, &app.admin, "到期客户").await;
    let won = stage_id(&stages(&app).await, "赢单");
    for (name, date, stage) in [("过期", Some("2020-01-01"), None), ("未到期", Some("2999-01-01"), None), ("无日期", None, None), ("已赢", Some("2020-01-01"), Some(won.clone()))] {
        let (s, o) = app.post("/api/v1/opportunities", &app.admin, json!({"customer_id": cid, "name": name, "expected_close_date": date, "stage_id": stage})).await;
        assert_eq!(s, StatusCode::CREATED, "{o}");
    }
    let (_, page) = app.get("/api/v1/opportunities?expired=true", &app.admin).await;
    let names: Vec<&str> = page["items"].as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["过期"]);
    assert_eq!(count(&app, &app.admin, "expired=false").await, 3);
    assert_eq!(count(&app, &app.admin, "status=won").await, 1);
    assert_eq!(count(&app, &app.admin, "expected_close_date_to=2021-01-01").await, 2);
    assert_eq!(app.get("/api/v1/opportunities?expired=maybe", &app.admin).await.0, StatusCode::BAD_REQUEST);
    let (_, sorted) = app.get("/api/v1/opportunities?sort=-amount,name", &app.admin).await;
    assert_eq!(sorted["items"].as_array().unwrap().len(), 4);
});

dual_test!(a_transfer_carries_the_open_opportunities, |app| {
    let (rep_id, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (next_id, next) = app.user_with_role("next", "sales_rep", json!({})).await;
    let cid = customer(&app, &rep, "移交客户").await;
    let won = stage_id(&stages(&app).await, "赢单");
    let (_, open) = app.post("/api/v1/opportunities", &rep, json!({"customer_id": cid, "name": "进行中"})).await;
    let (_, closed) = app.post("/api/v1/opportunities", &rep, json!({"customer_id": cid, "name": "已赢", "stage_id": won})).await;
    let (s, b) = app.post("/api/v1/customers/transfer", &app.admin, json!({"customer_ids": [cid], "owner_id": next_id})).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let (_, o) = app.get(&format!("/api/v1/opportunities/{}", open["id"].as_str().unwrap()), &next).await;
    assert_eq!(o["owner_id"].as_str(), Some(next_id.as_str()));
    let (_, c) = app.get(&format!("/api/v1/opportunities/{}", closed["id"].as_str().unwrap()), &app.admin).await;
    assert_eq!(c["owner_id"].as_str(), Some(rep_id.as_str()), "a won one stays with who won it");
    let (_, log) = app.get(&format!("/api/v1/audit-logs?entity=opportunities&entity_id={}", open["id"].as_str().unwrap()), &app.admin).await;
    assert_eq!(log["items"][0]["action"], "transfer");
    // Without with_opportunities they stay.
    let cid2 = customer(&app, &next, "不带商机").await;
    let (_, kept) = app.post("/api/v1/opportunities", &next, json!({"customer_id": cid2, "name": "留下"})).await;
    let (s, _) = app.post("/api/v1/customers/transfer", &app.admin, json!({"customer_ids": [cid2], "owner_id": rep_id, "with_opportunities": false})).await;
    assert_eq!(s, StatusCode::OK);
    let (_, k) = app.get(&format!("/api/v1/opportunities/{}", kept["id"].as_str().unwrap()), &app.admin).await;
    assert_eq!(k["owner_id"].as_str(), Some(next_id.as_str()));
});

dual_test!(the_board_sums_each_stage_within_the_scope, |app| {
    let (rep_id, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (_, other) = app.user_with_role("other", "sales_rep", json!({})).await;
    let all = stages(&app).await;
    let (first, proposal, won) = (stage_id(&all, "初步接洽"), stage_id(&all, "方案报价"), stage_id(&all, "赢单"));
    let cid = customer(&app, &rep, "看板客户").await;
    for (name, amount, stage) in [("甲", "100.00", &first), ("乙", "200.50", &first), ("丙", "1000", &proposal), ("丁", "333.33", &won)] {
        let (s, o) = app.post("/api/v1/opportunities", &rep, json!({"customer_id": cid, "name": name, "amount": amount, "stage_id": stage})).await;
        assert_eq!(s, StatusCode::CREATED, "{o}");
    }
    let theirs = customer(&app, &other, "别人的").await;
    app.post("/api/v1/opportunities", &other, json!({"customer_id": theirs, "name": "别人的", "amount": "999"})).await;

    let (s, b) = app.get("/api/v1/opportunities/board?page_size=1", &rep).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let cols = b["columns"].as_array().unwrap();
    assert_eq!(cols.len(), 6, "every stage, in order");
    assert_eq!(cols[0]["stage"]["name_zh"], "初步接洽");
    assert_eq!((cols[0]["count"].as_u64(), cols[0]["amount"].as_str(), cols[0]["weighted_amount"].as_str()), (Some(2), Some("300.50"), Some("30.05")));
    assert_eq!(cols[0]["items"].as_array().unwrap().len(), 1, "page_size cards per column");
    assert_eq!(cols[0]["items"][0]["name"], "甲", "the first card first");
    assert_eq!((cols[2]["count"].as_u64(), cols[2]["weighted_amount"].as_str()), (Some(1), Some("500.00")));
    assert_eq!((cols[4]["count"].as_u64(), cols[4]["amount"].as_str()), (Some(1), Some("333.33")));
    assert_eq!((cols[1]["count"].as_u64(), cols[1]["amount"].as_str(), cols[1]["items"].as_array().unwrap().len()), (Some(0), Some("0.00"), 0));
    // The column's next page comes from the list.
    let (_, next) = app.get(&format!("/api/v1/opportunities?stage_id={first}&sort=position&page=2&page_size=1"), &rep).await;
    assert_eq!(next["items"][0]["name"], "乙");
    // The admin's board counts everyone's; a filter narrows it.
    let (_, all_board) = app.get("/api/v1/opportunities/board", &app.admin).await;
    assert_eq!(all_board["columns"][0]["count"], 3);
    let (_, mine) = app.get(&format!("/api/v1/opportunities/board?owner_id={rep_id}&q=甲"), &app.admin).await;
    assert_eq!(mine["columns"][0]["count"], 1);
    assert_eq!(app.get("/api/v1/opportunities/board?sort=nothing", &rep).await.0, StatusCode::OK, "sort does not apply");
    assert_eq!(app.get("/api/v1/opportunities/board?no_such=1", &rep).await.0, StatusCode::BAD_REQUEST);
});

dual_test!(follow_ups_work_an_opportunity_of_their_customer, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let cid = customer(&app, &rep, "跟进客户").await;
    let other = customer(&app, &rep, "另一个客户").await;
    let (_, o) = app.post("/api/v1/opportunities", &rep, json!({"customer_id": cid, "name": "跟进商机"})).await;
    let oid = o["id"].as_str().unwrap();
    let (s, f) = app.post("/api/v1/follow-ups", &rep, json!({"customer_id": cid, "opportunity_id": oid, "kind": "phone", "content": "谈了报价"})).await;
    assert_eq!((s, f["opportunity_id"].as_str()), (StatusCode::CREATED, Some(oid)), "{f}");
    app.post("/api/v1/follow-ups", &rep, json!({"customer_id": cid, "kind": "visit", "content": "拜访"})).await;
    let (_, page) = app.get(&format!("/api/v1/follow-ups?opportunity_id={oid}"), &rep).await;
    assert_eq!(page["total"], 1);
    let (s, e) = app.post("/api/v1/follow-ups", &rep, json!({"customer_id": other, "opportunity_id": oid, "kind": "phone", "content": "错挂"})).await;
    assert_eq!((s, e["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("opportunity_id")));
    let (s, p) = app.patch(&format!("/api/v1/follow-ups/{}", f["id"].as_str().unwrap()), &rep, json!({"opportunity_id": null})).await;
    assert_eq!((s, p["opportunity_id"].is_null()), (StatusCode::OK, true), "{p}");
});
