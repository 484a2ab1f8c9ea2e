//! Customers: records, validation, duplicate check, data scope, pools, and the claim race.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::{split, TestApp};

async fn create(app: &TestApp, token: &str, body: Value) -> Value {
    let (s, c) = app.post("/api/v1/customers", token, body).await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    c
}

async fn count(app: &TestApp, query: &str, token: &str) -> u64 {
    let (s, page) = app.get(&format!("/api/v1/customers?{query}"), token).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    page["total"].as_u64().unwrap()
}

dual_test!(create_read_update_with_audit, |app| {
    let (rep_id, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let c = create(&app, &rep, json!({"name": "上海华东精密机械有限公司", "industry": "manufacturing", "source": "exhibition", "level": "a",
        "province": "上海", "city": "上海", "phone": "+86 21 5080 1234", "email": "Info@HD.cn", "tags": ["重点", "华东", "重点"]})).await;
    assert_eq!(c["pool"], "potential");
    assert_eq!(c["owner_id"], rep_id.as_str());
    assert_eq!(c["owner_name"], "rep");
    assert_eq!(c["email"], "info@hd.cn");
    assert_eq!(c["tags"], json!(["华东", "重点"]));
    assert!(c["code"].as_str().unwrap().starts_with('C'));
    let id = c["id"].as_str().unwrap();
    let c2 = create(&app, &rep, json!({"name": "北京客户"})).await;
    assert_ne!(c["code"], c2["code"]);
    let res = app.req(Method::GET, &format!("/api/v1/customers/{id}"), Some(&rep)).send().await.unwrap();
    assert_eq!(res.headers()["etag"], "\"1\"");
    let (s, u) = app.patch(&format!("/api/v1/customers/{id}"), &rep, json!({"level": "b", "phone": null})).await;
    assert_eq!(s, StatusCode::OK, "{u}");
    assert_eq!((u["level"].as_str(), u["phone"].is_null(), u["version"].as_i64()), (Some("b"), true, Some(2)));
    let (_, log) = app.get(&format!("/api/v1/audit-logs?entity=customers&entity_id={id}"), &app.admin).await;
    let level = log["items"][0]["changes"].as_array().unwrap().iter().find(|c| c["field"] == "level").unwrap().clone();
    assert_eq!((level["before"].as_str(), level["after"].as_str()), (Some("a"), Some("b")));
    let res = app.req(Method::PATCH, &format!("/api/v1/customers/{id}"), Some(&rep)).header("if-match", "\"1\"").json(&json!({"level": "c"})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::PRECONDITION_FAILED);
});

dual_test!(bad_input_is_refused_and_changes_nothing, |app| {
    let t = app.admin.clone();
    let cases = [
        (json!({"name": "x", "industry": "space_travel"}), StatusCode::UNPROCESSABLE_ENTITY, "industry"),
        (json!({"name": "x", "level": "z"}), StatusCode::UNPROCESSABLE_ENTITY, "level"),
        (json!({"name": "x", "email": "not-an-email"}), StatusCode::UNPROCESSABLE_ENTITY, "email"),
        (json!({"name": "x", "phone": "call me"}), StatusCode::UNPROCESSABLE_ENTITY, "phone"),
        (json!({"name": "长".repeat(201)}), StatusCode::UNPROCESSABLE_ENTITY, "name"),
        (json!({"name": "  "}), StatusCode::UNPROCESSABLE_ENTITY, "name"),
        (json!({"name": "x", "kind": "robot"}), StatusCode::BAD_REQUEST, "kind"),
        (json!({"name": "x", "pool": "won"}), StatusCode::BAD_REQUEST, "pool"),
    ];
    for (body, status, field) in cases {
        let (s, b) = app.post("/api/v1/customers", &t, body.clone()).await;
        assert_eq!(s, status, "{body}: {b}");
        let fields: Vec<&str> = b["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert!(fields.contains(&field) || b["detail"].as_str().unwrap().contains(field), "{body}: {b}");
    }
    assert_eq!(count(&app, "pool=public,potential,won,invalid", &t).await, 0);
    let (s, _) = app.get("/api/v1/customers?colour=red", &t).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _) = app.get("/api/v1/customers?pool=lost", &t).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _) = app.get("/api/v1/customers?sort=-phone_norm", &t).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
});

dual_test!(duplicates_are_refused_by_normalised_name_phone_and_email, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (_, other) = app.user_with_role("other", "sales_rep", json!({})).await;
    let first = create(&app, &rep, json!({"name": "华为技术有限公司", "phone": "+86 138-0013-8000", "email": "sales@huawei.example"})).await;
    // The other rep cannot see it, but is told it exists (id and name only).
    let (s, b) = app.post("/api/v1/customers", &other, json!({"name": " 华为技术 "})).await;
    assert_eq!((s, b["code"].as_str()), (StatusCode::CONFLICT, Some("customer.duplicate")));
    assert_eq!(b["errors"][0]["field"], "name");
    assert_eq!(b["duplicate"]["id"], first["id"]);
    assert!(b["duplicate"].get("phone").is_none());
    let (s, b) = app.post("/api/v1/customers", &other, json!({"name": "别的公司", "phone": "13800138000"})).await;
    assert_eq!((s, b["errors"][0]["field"].as_str()), (StatusCode::CONFLICT, Some("phone")));
    let (s, b) = app.post("/api/v1/customers", &other, json!({"name": "别的公司", "email": "SALES@huawei.example"})).await;
    assert_eq!((s, b["errors"][0]["field"].as_str()), (StatusCode::CONFLICT, Some("email")));
    // A refused create writes nothing: no customer, no log entry.
    let (_, logged) = app.get("/api/v1/audit-logs?entity=customers&page_size=200", &app.admin).await;
    let (_, listed) = app.get("/api/v1/customers?pool=public,potential,won,invalid", &app.admin).await;
    let (s, _) = app.post("/api/v1/customers", &other, json!({"name": "华为技术", "phone": "139 0000 0000"})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(app.get("/api/v1/audit-logs?entity=customers&page_size=200", &app.admin).await.1["total"], logged["total"]);
    assert_eq!(app.get("/api/v1/customers?pool=public,potential,won,invalid", &app.admin).await.1["total"], listed["total"]);
    // A name with nothing left to compare once normalised is no one's duplicate.
    for _ in 0..2 {
        create(&app, &other, json!({"name": "（-）"})).await;
    }
    let (s, d) = app.get("/api/v1/customers/duplicates?name=华为技术有限公司&phone=1", &other).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(d["items"].as_array().unwrap().len(), 1);
    assert_eq!(d["items"][0]["field"], "name");
    // Updating into a duplicate is refused too; keeping one's own values is not a duplicate.
    let second = create(&app, &rep, json!({"name": "中兴通讯"})).await;
    let (s, _) = app.patch(&format!("/api/v1/customers/{}", second["id"].as_str().unwrap()), &rep, json!({"name": "华为技术"})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, _) = app.patch(&format!("/api/v1/customers/{}", first["id"].as_str().unwrap()), &rep, json!({"name": "华为技术有限公司", "remark": "x"})).await;
    assert_eq!(s, StatusCode::OK);
});

dual_test!(data_scope_hides_other_owners_records, |app| {
    let (_, dept) = app.post("/api/v1/departments", &app.admin, json!({"name": "East"})).await;
    let (rep_a_id, rep_a) = app.user_with_role("rep_a", "sales_rep", json!({"department_id": dept["id"]})).await;
    let (rep_b_id, rep_b) = app.user_with_role("rep_b", "sales_rep", json!({})).await;
    let (_, mgr) = app.user_with_role("mgr", "sales_manager", json!({"department_id": dept["id"]})).await;
    let a = create(&app, &rep_a, json!({"name": "A 客户"})).await;
    create(&app, &rep_b, json!({"name": "B 客户"})).await;
    let a_id = a["id"].as_str().unwrap();
    assert_eq!(count(&app, "", &rep_a).await, 1);
    assert_eq!(count(&app, "", &rep_b).await, 1);
    assert_eq!(count(&app, "", &mgr).await, 1, "the manager sees the department's customers only");
    assert_eq!(count(&app, "", &app.admin).await, 2);
    // Narrowed to one owner: the manager sees all of a team member's customers, and of an
    // owner outside the department only what is shared with them (nothing here).
    let by_owner = |id: &str| format!("/api/v1/customers?owner_id={id}&pool=potential");
    let (_, mine) = app.get(&by_owner(&rep_a_id), &mgr).await;
    assert_eq!((mine["total"].as_u64(), mine["items"][0]["name"].as_str()), (Some(1), Some("A 客户")), "{mine}");
    assert_eq!(app.get(&by_owner(&rep_b_id), &mgr).await.1["total"], 0);
    assert_eq!(app.get(&by_owner(&rep_b_id), &app.admin).await.1["total"], 1);
    let res = app.req(Method::GET, &format!("{}&format=csv", by_owner(&rep_b_id).replace("customers?", "customers/export?")), Some(&mgr)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let csv = res.text().await.unwrap();
    assert!(!csv.contains("B 客户"), "{csv}");
    // Out of scope is 404, for reads and writes alike, and nothing changes.
    assert_eq!(app.get(&format!("/api/v1/customers/{a_id}"), &rep_b).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.patch(&format!("/api/v1/customers/{a_id}"), &rep_b, json!({"name": "hijack"})).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.post(&format!("/api/v1/customers/{a_id}/release"), &rep_b, json!({"reason": "x"})).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/api/v1/customers/{a_id}"), &mgr).await.0, StatusCode::OK);
    // A rep may not delete; an admin may, and restore.
    assert_eq!(app.delete(&format!("/api/v1/customers/{a_id}"), &rep_a).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.delete(&format!("/api/v1/customers/{a_id}"), &app.admin).await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.get(&format!("/api/v1/customers/{a_id}"), &rep_a).await.0, StatusCode::NOT_FOUND);
    let (_, bin) = app.get("/api/v1/recycle-bin?entity=customers", &app.admin).await;
    assert_eq!(bin["items"][0]["label"], "A 客户");
    assert_eq!(app.post(&format!("/api/v1/recycle-bin/customers/{a_id}/restore"), &app.admin, json!({})).await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.get(&format!("/api/v1/customers/{a_id}"), &rep_a).await.0, StatusCode::OK);
});

dual_test!(release_and_claim_move_between_pools, |app| {
    let (_, rep_a) = app.user_with_role("rep_a", "sales_rep", json!({})).await;
    let (rep_b_id, rep_b) = app.user_with_role("rep_b", "sales_rep", json!({})).await;
    let c = create(&app, &rep_a, json!({"name": "深圳前海贸易"})).await;
    let id = c["id"].as_str().unwrap();
    // Claiming a customer that is not public is refused.
    let (s, b) = app.post(&format!("/api/v1/customers/{id}/claim"), &rep_a, json!({})).await;
    assert_eq!((s, b["code"].as_str()), (StatusCode::CONFLICT, Some("customer.wrong_pool")));
    // Releasing needs a reason.
    let (s, b) = app.post(&format!("/api/v1/customers/{id}/release"), &rep_a, json!({"reason": " "})).await;
    assert_eq!((s, b["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("reason")));
    let (s, b) = app.post(&format!("/api/v1/customers/{id}/release"), &rep_a, json!({})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{b}");
    let (s, r) = app.post(&format!("/api/v1/customers/{id}/release"), &rep_a, json!({"reason": "暂无需求"})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!((r["pool"].as_str(), r["owner_id"].is_null(), r["pool_reason"].as_str()), (Some("public"), true, Some("暂无需求")));
    // The public pool is visible to everyone; the other rep claims it.
    assert_eq!(count(&app, "pool=public", &rep_b).await, 1);
    let (s, cl) = app.post(&format!("/api/v1/customers/{id}/claim"), &rep_b, json!({})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!((cl["pool"].as_str(), cl["owner_id"].as_str()), (Some("potential"), Some(rep_b_id.as_str())));
    assert_eq!(app.get(&format!("/api/v1/customers/{id}"), &rep_a).await.0, StatusCode::NOT_FOUND);
    // Invalid customers leave the normal list and come back on revalidation.
    let (s, inv) = app.post(&format!("/api/v1/customers/{id}/invalidate"), &rep_b, json!({"reason": "空号"})).await;
    assert_eq!((s, inv["pool"].as_str()), (StatusCode::OK, Some("invalid")));
    assert_eq!(count(&app, "", &rep_b).await, 0);
    assert_eq!(count(&app, "pool=invalid", &rep_b).await, 1);
    let (s, back) = app.post(&format!("/api/v1/customers/{id}/revalidate"), &rep_b, json!({})).await;
    assert_eq!((s, back["pool"].as_str()), (StatusCode::OK, Some("potential")));
    let (_, log) = app.get(&format!("/api/v1/audit-logs?entity=customers&entity_id={id}"), &app.admin).await;
    let actions: Vec<&str> = log["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, vec!["revalidate", "invalidate", "claim", "release", "create"]);
});

dual_test!(parallel_claims_have_exactly_one_winner, |app| {
    let c = create(&app, &app.admin, json!({"name": "抢手客户"})).await;
    let id = c["id"].as_str().unwrap().to_string();
    app.post(&format!("/api/v1/customers/{id}/release"), &app.admin, json!({"reason": "公海"})).await;
    let mut tokens = Vec::new();
    for i in 0..6 {
        tokens.push(app.user_with_role(&format!("claimer{i}"), "sales_rep", json!({})).await);
    }
    let mut handles = Vec::new();
    for (_, t) in &tokens {
        let req = app.req(Method::POST, &format!("/api/v1/customers/{id}/claim"), Some(t));
        handles.push(tokio::spawn(async move { req.send().await.unwrap().status() }));
    }
    let mut winners = 0;
    for h in handles {
        let s = h.await.unwrap();
        // A loser that reads after the winner committed no longer sees the customer (it left
        // the public pool for someone else's scope): 404; one that read before gets 409.
        assert!(s == StatusCode::OK || s == StatusCode::CONFLICT || s == StatusCode::NOT_FOUND, "{s}");
        winners += usize::from(s == StatusCode::OK);
    }
    assert_eq!(winners, 1);
    let (_, now) = app.get(&format!("/api/v1/customers/{id}"), &app.admin).await;
    assert_eq!(now["pool"], "potential");
    assert!(tokens.iter().any(|(uid, _)| now["owner_id"] == uid.as_str()));
});

dual_test!(list_search_filters_and_sorts, |app| {
    let t = app.admin.clone();
    create(&app, &t, json!({"name": "杭州西湖茶叶有限公司", "industry": "retail", "city": "杭州", "tags": ["茶"]})).await;
    create(&app, &t, json!({"name": "Hangzhou Software Ltd", "industry": "it", "city": "杭州", "email": "hi@hzsoft.example"})).await;
    create(&app, &t, json!({"name": "南京钢铁", "industry": "manufacturing", "city": "南京", "phone": "025-8888 1234"})).await;
    assert_eq!(count(&app, "q=西湖", &t).await, 1);
    assert_eq!(count(&app, "q=hangzhou", &t).await, 1);
    assert_eq!(count(&app, "q=HZSOFT", &t).await, 1);
    assert_eq!(count(&app, "q=8888", &t).await, 1);
    assert_eq!(count(&app, "q=100%25", &t).await, 0);
    // Several words: each must match, in any searchable field and any order.
    create(&app, &t, json!({"name": "金陵机械制造有限公司", "city": "南京"})).await;
    create(&app, &t, json!({"name": "南京金陵精密机械", "city": "南京"})).await;
    create(&app, &t, json!({"name": "金陵饭店", "city": "南京"})).await;
    assert_eq!(count(&app, "q=金陵%20机械", &t).await, 2);
    assert_eq!(count(&app, "q=机械%20%20金陵", &t).await, 2);
    assert_eq!(count(&app, "q=金陵", &t).await, 3);
    assert_eq!(count(&app, "q=hangzhou%20software", &t).await, 1);
    assert_eq!(count(&app, "q=hangzhou%20西湖", &t).await, 0);
    let (s, e) = app.get(&format!("/api/v1/customers?q={}", ["a"; 11].join("%20")), &t).await;
    assert_eq!((s, e["errors"][0]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("q")), "{e}");
    for c in ["金陵机械制造有限公司", "南京金陵精密机械", "金陵饭店"] {
        let (_, found) = app.get(&format!("/api/v1/customers?q={c}"), &t).await;
        let id = found["items"][0]["id"].as_str().unwrap().to_string();
        assert_eq!(app.delete(&format!("/api/v1/customers/{id}"), &t).await.0, StatusCode::NO_CONTENT);
    }
    assert_eq!(count(&app, "city=杭州", &t).await, 2);
    assert_eq!(count(&app, "industry=it,retail", &t).await, 2);
    assert_eq!(count(&app, "tags=茶", &t).await, 1);
    assert_eq!(count(&app, "created_at_from=2000-01-01&created_at_to=2999-01-01", &t).await, 3);
    let (_, page) = app.get("/api/v1/customers?sort=name&page_size=2", &t).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    assert_eq!(page["total"], 3);
    assert_eq!(page["items"][0]["name"], "Hangzhou Software Ltd");
});

dual_test!(export_streams_the_filtered_list_in_scope, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let first = create(&app, &rep, json!({"name": "导出客户, 甲", "city": "杭州", "tags": ["a", "b"]})).await;
    create(&app, &rep, json!({"name": "=HYPERLINK(\"x\")", "city": "南京"})).await;
    let others = create(&app, &app.admin, json!({"name": "别人的客户", "city": "杭州"})).await;
    let res = app.req(Method::GET, "/api/v1/customers/export?format=csv&sort=name&raw=true", Some(&rep)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    assert!(res.headers()["content-disposition"].to_str().unwrap().contains("customers-"));
    let text = res.text().await.unwrap();
    assert!(text.starts_with('\u{feff}'));
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 3, "header and the rep's own two customers: {text}");
    assert!(lines[0].starts_with("code,name,kind"));
    assert!(text.contains("\"导出客户, 甲\""), "{text}");
    assert!(text.contains("a;b"));
    assert!(text.contains("'=HYPERLINK"), "formulas are defused: {text}");
    assert!(!text.contains("别人的客户"));
    assert!(lines[1].contains(",company,") && lines[1].contains(",potential,none,"), "codes for scripts: {text}");
    let created = chrono::DateTime::parse_from_rfc3339(first["created_at"].as_str().unwrap()).unwrap();
    let utc = created.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    assert!(lines.iter().any(|l| l.contains(&utc)), "UTC RFC 3339 for scripts: {text}");
    // For people: headers and labels in the reader's language, times in their zone.
    let people = |lang: &'static str| app.req(Method::GET, "/api/v1/customers/export?format=csv&sort=name&tz=Asia/Shanghai", Some(&rep)).header("accept-language", lang).send();
    let text = people("zh-CN,zh;q=0.9,en;q=0.8").await.unwrap().text().await.unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert!(lines[0].starts_with("客户编号,客户名称,客户类型,行业"), "{text}");
    assert!(lines[1].contains(",企业,") && lines[1].contains(",潜在客户,未成交,"), "{text}");
    let local = created.with_timezone(&chrono_tz::Asia::Shanghai).format("%Y-%m-%d %H:%M:%S").to_string();
    assert!(text.contains(&local) && !text.contains(&utc), "local time {local}: {text}");
    let text = people("en-GB").await.unwrap().text().await.unwrap();
    assert!(text.trim_start_matches('\u{feff}').starts_with("Code,Name,Type,Industry") && text.contains(",Company,") && text.contains(",Potential,No deal yet,"), "{text}");
    for q in ["raw=yes", "tz=Moon/Base"] {
        let (s, b) = crate::support::split(app.req(Method::GET, &format!("/api/v1/customers/export?format=csv&{q}"), Some(&rep)).send().await.unwrap()).await;
        assert_eq!((s, b["errors"][0]["field"].as_str()), (StatusCode::BAD_REQUEST, q.split('=').next()), "{q}: {b}");
    }
    let res = app.req(Method::GET, "/api/v1/customers/export?format=csv&city=南京", Some(&rep)).send().await.unwrap();
    assert_eq!(res.text().await.unwrap().trim_start_matches('\u{feff}').lines().count(), 2);
    // Selected rows: the ids chosen, still within the caller's scope.
    let chosen = format!("id={},{}", first["id"].as_str().unwrap(), others["id"].as_str().unwrap());
    let text = app.req(Method::GET, &format!("/api/v1/customers/export?format=csv&{chosen}"), Some(&rep)).send().await.unwrap().text().await.unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[1].contains("导出客户, 甲"));
    assert_eq!(count(&app, &chosen, &app.admin).await, 2);
    // Bad requests are refused before streaming starts.
    for q in ["format=pdf", "format=csv&colour=red", "city=杭州", "format=csv&id=nope"] {
        let (s, _) = crate::support::split(app.req(Method::GET, &format!("/api/v1/customers/export?{q}"), Some(&rep)).send().await.unwrap()).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{q}");
    }
    // A large export streams every row (no page cap).
    for i in 0..250 {
        let (s, _) = app.post("/api/v1/customers", &app.admin, json!({"name": format!("批量客户{i:04}")})).await;
        assert_eq!(s, StatusCode::CREATED);
    }
    let text = app.req(Method::GET, "/api/v1/customers/export?format=csv", Some(&app.admin)).send().await.unwrap().text().await.unwrap();
    assert_eq!(text.trim_start_matches('\u{feff}').lines().count(), 1 + 3 + 250);
});

dual_test!(export_as_a_real_spreadsheet, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    create(&app, &rep, json!({"name": "表格客户甲", "city": "杭州", "phone": "0571-8888 0001"})).await;
    create(&app, &rep, json!({"name": "=cmd|' /C calc'!A0", "city": "南京"})).await;
    create(&app, &app.admin, json!({"name": "别人的表格客户"})).await;
    let res = app.req(Method::GET, "/api/v1/customers/export?format=xlsx&sort=name", Some(&rep)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assert!(res.headers()["content-disposition"].to_str().unwrap().ends_with(".xlsx\""));
    let bytes = res.bytes().await.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("an xlsx is a zip archive");
    let mut xml = String::new();
    for name in ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"] {
        if let Ok(mut f) = zip.by_name(name) {
            std::io::Read::read_to_string(&mut f, &mut xml).unwrap();
        }
    }
    assert!(xml.contains("表格客户甲") && xml.contains("杭州") && xml.contains(">Code<") && xml.contains(">Potential<"), "{xml}");
    assert!(!xml.contains("别人的表格客户"), "the caller's scope applies");
    assert!(!xml.contains("<f>"), "no cell is a formula");
    // Three rows: the header and the rep's two customers.
    assert_eq!(xml.matches("<row ").count(), 3, "{xml}");
});

dual_test!(timeline_merges_follow_ups_and_history, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (_, other) = app.user_with_role("other", "sales_rep", json!({})).await;
    let c = create(&app, &rep, json!({"name": "时间线客户"})).await;
    let id = c["id"].as_str().unwrap();
    app.patch(&format!("/api/v1/customers/{id}"), &rep, json!({"level": "a"})).await;
    let (s, _) = app.post("/api/v1/follow-ups", &rep, json!({"customer_id": id, "kind": "visit", "content": "拜访了采购部"})).await;
    assert_eq!(s, StatusCode::CREATED);
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    app.post(&format!("/api/v1/customers/{id}/release"), &rep, json!({"reason": "预算冻结"})).await;
    app.post(&format!("/api/v1/customers/{id}/claim"), &other, json!({})).await;
    let (s, t) = app.get(&format!("/api/v1/customers/{id}/timeline"), &other).await;
    assert_eq!(s, StatusCode::OK, "{t}");
    let kinds: Vec<&str> = t["items"].as_array().unwrap().iter().map(|i| i["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, vec!["claim", "release", "follow_up", "update", "create"]);
    assert_eq!(t["total"], 5);
    assert_eq!(t["items"][2]["follow_up"]["content"], "拜访了采购部");
    // Each entry names who did it by their display name, follow-ups included.
    assert!(t["items"].as_array().unwrap().iter().all(|i| i["actor_name"].is_string()), "{t}");
    let release = &t["items"][1];
    assert!(release["changes"].as_array().unwrap().iter().any(|c| c["field"] == "pool" && c["before"] == "potential" && c["after"] == "public"));
    let (_, p2) = app.get(&format!("/api/v1/customers/{id}/timeline?page=2&page_size=2"), &other).await;
    let kinds: Vec<&str> = p2["items"].as_array().unwrap().iter().map(|i| i["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, vec!["follow_up", "update"]);
    // Out of scope: 404; unknown parameter: 400.
    assert_eq!(app.get(&format!("/api/v1/customers/{id}/timeline"), &rep).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/api/v1/customers/{id}/timeline?kind=x"), &other).await.0, StatusCode::BAD_REQUEST);
});

dual_test!(collaborators_see_and_edit_through_the_shared_scope, |app| {
    let (_, owner) = app.user_with_role("owner", "sales_rep", json!({})).await;
    let (reader_id, reader) = app.user_with_role("reader", "sales_rep", json!({})).await;
    let (editor_id, editor) = app.user_with_role("editor", "sales_rep", json!({})).await;
    let c = create(&app, &owner, json!({"name": "共享客户"})).await;
    let id = c["id"].as_str().unwrap();
    app.post("/api/v1/contacts", &owner, json!({"customer_id": id, "name": "共享联系人"})).await;
    assert_eq!(app.get(&format!("/api/v1/customers/{id}"), &reader).await.0, StatusCode::NOT_FOUND);
    let put = |body: serde_json::Value, token: String| {
        let app = &app;
        async move { app.call(Method::PUT, &format!("/api/v1/customers/{id}/collaborators"), &token, Some(body)).await }
    };
    let (s, e) = put(json!({"items": [{"user_id": reader_id, "access": "admin"}]}), owner.clone()).await;
    assert_eq!((s, e["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("items[0].access")));
    let (s, list) = put(json!({"items": [{"user_id": reader_id, "access": "read"}, {"user_id": editor_id, "access": "edit"}]}), owner.clone()).await;
    assert_eq!(s, StatusCode::OK, "{list}");
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
    // Both now see it in lists, reads, contacts and exports; only the editor changes it.
    assert_eq!(app.get("/api/v1/customers", &reader).await.1["total"], 1);
    assert_eq!(app.get(&format!("/api/v1/contacts?customer_id={id}"), &reader).await.1["total"], 1);
    // The single read says what each may do, so the 360 page offers only that; lists do not.
    assert_eq!(app.get(&format!("/api/v1/customers/{id}"), &reader).await.1["access"], "read");
    assert_eq!(app.get(&format!("/api/v1/customers/{id}"), &editor).await.1["access"], "edit");
    assert_eq!(app.get(&format!("/api/v1/customers/{id}"), &owner).await.1["access"], "edit");
    assert!(app.get("/api/v1/customers", &reader).await.1["items"][0].get("access").is_none());
    let csv = app.req(Method::GET, "/api/v1/customers/export?format=csv", Some(&reader)).send().await.unwrap().text().await.unwrap();
    assert!(csv.contains("共享客户"));
    assert_eq!(app.patch(&format!("/api/v1/customers/{id}"), &reader, json!({"remark": "x"})).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.post("/api/v1/follow-ups", &reader, json!({"customer_id": id, "kind": "phone", "content": "x"})).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.patch(&format!("/api/v1/customers/{id}"), &editor, json!({"remark": "协作者编辑"})).await.0, StatusCode::OK);
    assert_eq!(app.post("/api/v1/follow-ups", &editor, json!({"customer_id": id, "kind": "phone", "content": "协作者跟进"})).await.0, StatusCode::CREATED);
    // A collaborator cannot pass it on, release or invalidate it: only the owner's side can.
    assert_eq!(put(json!({"items": []}), editor.clone()).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.post(&format!("/api/v1/customers/{id}/release"), &editor, json!({"reason": "x"})).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.post(&format!("/api/v1/customers/{id}/invalidate"), &editor, json!({"reason": "x"})).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.get(&format!("/api/v1/customers/{id}"), &app.admin).await.1["pool"], "potential");
    // Removing them takes it away again.
    let (s, _) = put(json!({"items": []}), owner.clone()).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(app.get(&format!("/api/v1/customers/{id}"), &editor).await.0, StatusCode::NOT_FOUND);
    let (_, log) = app.get(&format!("/api/v1/audit-logs?entity=customers&entity_id={id}"), &app.admin).await;
    assert_eq!(log["items"][0]["action"], "collaborators");
});

dual_test!(merge_keeps_one_record_and_moves_children, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (_, other_rep) = app.user_with_role("other", "sales_rep", json!({})).await;
    let keep = create(&app, &app.admin, json!({"name": "宁波港务", "city": "宁波"})).await;
    let gone = create(&app, &app.admin, json!({"name": "宁波港务集团", "phone": "0574-8765 4321", "email": "port@nb.example"})).await;
    let (kid, gid) = (keep["id"].as_str().unwrap(), gone["id"].as_str().unwrap());
    app.post("/api/v1/contacts", &app.admin, json!({"customer_id": kid, "name": "甲", "is_primary": true})).await;
    app.post("/api/v1/contacts", &app.admin, json!({"customer_id": gid, "name": "乙", "is_primary": true})).await;
    app.post("/api/v1/follow-ups", &app.admin, json!({"customer_id": gid, "kind": "email", "content": "旧记录"})).await;
    // Bad requests change nothing.
    assert_eq!(app.post(&format!("/api/v1/customers/{kid}/merge"), &app.admin, json!({"other_id": kid})).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, e) = app.post(&format!("/api/v1/customers/{kid}/merge"), &app.admin, json!({"other_id": gid, "fields": {"owner_id": "other"}})).await;
    assert_eq!((s, e["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("fields.owner_id")));
    assert_eq!(app.post(&format!("/api/v1/customers/{kid}/merge"), &rep, json!({"other_id": gid})).await.0, StatusCode::FORBIDDEN);
    let _ = other_rep;
    let (s, m) = app.post(&format!("/api/v1/customers/{kid}/merge"), &app.admin, json!({"other_id": gid, "fields": {"name": "other"}})).await;
    assert_eq!(s, StatusCode::OK, "{m}");
    assert_eq!(m["name"], "宁波港务集团");
    assert_eq!(m["city"], "宁波", "kept from this record");
    assert_eq!(m["phone"], "0574-8765 4321", "filled from the other");
    assert_eq!(app.get(&format!("/api/v1/customers/{gid}"), &app.admin).await.0, StatusCode::NOT_FOUND);
    let (_, bin) = app.get("/api/v1/recycle-bin?entity=customers", &app.admin).await;
    assert_eq!(bin["items"][0]["id"], gid);
    let (_, contacts) = app.get(&format!("/api/v1/contacts?customer_id={kid}"), &app.admin).await;
    assert_eq!(contacts["total"], 2);
    assert_eq!(contacts["items"].as_array().unwrap().iter().filter(|c| c["is_primary"] == true).count(), 1);
    assert_eq!(app.get(&format!("/api/v1/follow-ups?customer_id={kid}"), &app.admin).await.1["total"], 1);
    let (_, log) = app.get(&format!("/api/v1/audit-logs?entity=customers&entity_id={gid}"), &app.admin).await;
    assert!(log["items"].as_array().unwrap().iter().any(|e| e["action"] == "merged_into"));
});

dual_test!(parallel_creates_get_distinct_codes_and_totals_follow_them, |app| {
    // The list total is cached between writes; ask for it first so a stale cache would show.
    assert_eq!(count(&app, "", &app.admin).await, 0);
    let mut handles = Vec::new();
    for i in 0..12 {
        let req = app.req(Method::POST, "/api/v1/customers", Some(&app.admin)).json(&json!({"name": format!("并发客户{i}")}));
        handles.push(tokio::spawn(async move { split(req.send().await.unwrap()).await }));
    }
    let mut codes = std::collections::BTreeSet::new();
    for h in handles {
        let (s, c) = h.await.unwrap();
        assert_eq!(s, StatusCode::CREATED, "{c}");
        codes.insert(c["code"].as_str().unwrap().to_string());
    }
    assert_eq!(codes.len(), 12, "{codes:?}");
    assert_eq!(count(&app, "", &app.admin).await, 12);
    // A failed create (a duplicate) changes nothing, and the next one still gets a new code.
    let (s, _) = app.post("/api/v1/customers", &app.admin, json!({"name": "并发客户0"})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let next = create(&app, &app.admin, json!({"name": "并发之后"})).await;
    assert!(!codes.contains(next["code"].as_str().unwrap()));
    assert_eq!(count(&app, "", &app.admin).await, 13);
    let id = next["id"].as_str().unwrap();
    let (s, _) = app.delete(&format!("/api/v1/customers/{id}"), &app.admin).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(count(&app, "", &app.admin).await, 12);
});

dual_test!(parallel_creates_and_renames_of_one_customer_leave_one, |app| {
    // Sends each body at once and returns the answers.
    async fn at_once(app: &TestApp, method: Method, bodies: Vec<(String, Value)>) -> Vec<(StatusCode, Value)> {
        let handles: Vec<_> = bodies
            .into_iter()
            .map(|(path, body)| {
                let req = app.req(method.clone(), &path, Some(&app.admin)).json(&body);
                tokio::spawn(async move { split(req.send().await.unwrap()).await })
            })
            .collect();
        let mut out = Vec::new();
        for h in handles {
            out.push(h.await.unwrap());
        }
        out
    }
    // The same name (and, for the e-mail, the same address in other cases) from eight requests at once.
    for (field, body) in [
        ("name", (|i: usize| json!({"name": "同时创建的客户有限公司", "phone": format!("0571-8800 00{i:02}")})) as fn(usize) -> Value),
        ("email", |i: usize| json!({"name": format!("同邮箱客户{i}"), "email": if i.is_multiple_of(2) { "Same@Example.cn" } else { "same@example.cn" }})),
    ] {
        let answers = at_once(&app, Method::POST, (0..8).map(|i| ("/api/v1/customers".to_string(), body(i))).collect()).await;
        let created: Vec<_> = answers.iter().filter(|(s, _)| *s == StatusCode::CREATED).collect();
        assert_eq!(created.len(), 1, "{field}: {answers:?}");
        for (s, e) in answers.iter().filter(|(s, _)| *s != StatusCode::CREATED) {
            assert_eq!((*s, e["code"].as_str(), e["errors"][0]["field"].as_str()), (StatusCode::CONFLICT, Some("customer.duplicate"), Some(field)), "{e}");
            assert_eq!(e["duplicate"]["id"], created[0].1["id"], "the 409 names the one that went in");
        }
    }
    assert_eq!(count(&app, "", &app.admin).await, 2);
    // Four customers renamed to one name at once: one takes it, the others keep theirs.
    let mut paths = Vec::new();
    for i in 0..4 {
        paths.push(format!("/api/v1/customers/{}", create(&app, &app.admin, json!({"name": format!("改名前{i}")})).await["id"].as_str().unwrap()));
    }
    let answers = at_once(&app, Method::PATCH, paths.iter().map(|p| (p.clone(), json!({"name": "改名后的客户"}))).collect()).await;
    assert_eq!(answers.iter().filter(|(s, _)| *s == StatusCode::OK).count(), 1, "{answers:?}");
    assert!(answers.iter().all(|(s, e)| *s == StatusCode::OK || e["code"] == "customer.duplicate"), "{answers:?}");
    assert_eq!(count(&app, "q=改名后的客户", &app.admin).await, 1);
    assert_eq!(count(&app, "q=改名前", &app.admin).await, 3);
    // A deleted customer whose name was taken since stays in the recycle bin.
    let gone = create(&app, &app.admin, json!({"name": "回收站里的客户"})).await;
    let gone_id = gone["id"].as_str().unwrap();
    assert_eq!(app.delete(&format!("/api/v1/customers/{gone_id}"), &app.admin).await.0, StatusCode::NO_CONTENT);
    create(&app, &app.admin, json!({"name": "回收站里的客户"})).await;
    let (s, e) = app.post(&format!("/api/v1/recycle-bin/customers/{gone_id}/restore"), &app.admin, json!({})).await;
    assert_eq!(s, StatusCode::CONFLICT, "{e}");
    assert_eq!(app.get(&format!("/api/v1/customers/{gone_id}"), &app.admin).await.0, StatusCode::NOT_FOUND);
});

// What slipped past the duplicate check before keys were folded: invisible characters,
// decomposed accents, `0086`/`86` against `+86`, full-width digits.
dual_test!(duplicates_are_found_through_invisible_characters_unicode_forms_and_phone_prefixes, |app| {
    let first = create(&app, &app.admin, json!({"name": "Café Ltd", "phone": "+86 138-0013-8000", "email": "sales@cafe.example"})).await;
    for (body, field) in [
        (json!({"name": "Caf\u{200B}é Ltd"}), "name"),
        (json!({"name": "Ca\u{00AD}fé"}), "name"),
        (json!({"name": "\u{FEFF}Café"}), "name"),
        (json!({"name": "\u{200F}Cafe\u{0301} Ltd"}), "name"),
        (json!({"name": "Another", "phone": "0086 138 0013 8000"}), "phone"),
        (json!({"name": "Another", "phone": "86 13800138000"}), "phone"),
        (json!({"name": "Another", "phone": "１３８００１３８０００"}), "phone"),
        (json!({"name": "Another", "email": "sales\u{200B}@cafe.example"}), "email"),
    ] {
        let (s, b) = app.post("/api/v1/customers", &app.admin, body.clone()).await;
        assert_eq!((s, b["errors"][0]["field"].as_str()), (StatusCode::CONFLICT, Some(field)), "{body}: {b}");
        assert_eq!(b["duplicate"]["id"], first["id"]);
    }
    let (_, d) = app.get("/api/v1/customers/duplicates?phone=0086%2013800138000", &app.admin).await;
    assert_eq!(d["items"][0]["id"], first["id"], "{d}");
});

// Keys stored before folding are folded by the migration; where two live customers now
// collide, the older keeps the new key and the younger its old one.
/// `sql` written with `$1…` for PostgreSQL, run with `?` on SQLite.
async fn sql(app: &crate::support::TestApp, sql: &str, values: Vec<sea_orm::Value>) -> Option<sea_orm::QueryResult> {
    use sea_orm::{ConnectionTrait, Statement};
    let mut text = sql.to_string();
    if app.kind == crate::support::DbKind::Sqlite {
        for n in (1..=values.len()).rev() {
            text = text.replace(&format!("${n}"), "?");
        }
    }
    app.db.query_one(Statement::from_sql_and_values(app.db.get_database_backend(), text, values)).await.unwrap()
}

fn uid(v: &serde_json::Value) -> sea_orm::Value {
    uuid::Uuid::parse_str(v["id"].as_str().unwrap()).unwrap().into()
}

async fn keys(app: &crate::support::TestApp, c: &serde_json::Value) -> (String, Option<String>) {
    let row = sql(app, "SELECT name_norm, phone_norm FROM customers WHERE id = $1", vec![uid(c)]).await.unwrap();
    (row.try_get("", "name_norm").unwrap(), row.try_get("", "phone_norm").unwrap())
}

// Keys stored before folding are folded by the migration; where two live customers now
// collide, the older keeps the new key and the younger its old one.
dual_test!(the_migration_refolds_stored_keys, |app| {
    use migration::MigratorTrait;
    let a = create(&app, &app.admin, json!({"name": "Café Ltd", "phone": "13800138000"})).await;
    let b = create(&app, &app.admin, json!({"name": "Other Co", "phone": "010 6552 9988", "email": "b@x.example"})).await;
    let c = create(&app, &app.admin, json!({"name": "Temporary"})).await;
    // The keys as the old code stored them.
    sql(&app, "UPDATE customers SET phone_norm = $1 WHERE id = $2", vec!["13800138000".into(), uid(&a)]).await;
    sql(&app, "UPDATE customers SET phone_norm = $1 WHERE id = $2", vec!["01065529988".into(), uid(&b)]).await;
    sql(&app, "UPDATE customers SET name = $1, name_norm = $2, phone = $3, phone_norm = $4 WHERE id = $5",
        vec!["Cafe\u{0301} Ltd".into(), "cafe\u{0301}".into(), "0086 13800138000".into(), "008613800138000".into(), uid(&c)]).await;
    let all = migration::Migrator::migrations();
    let at = all.iter().position(|m| m.name() == "m20260402_000000_customer_keys_refold").unwrap();
    migration::Migrator::down(&app.db, Some(u32::try_from(all.len() - at).unwrap())).await.unwrap();
    let names: Vec<String> = migration::Migrator::get_pending_migrations(&app.db).await.unwrap().iter().map(|m| m.name().to_string()).collect();
    assert_eq!(names[0], "m20260402_000000_customer_keys_refold");
    migration::Migrator::up(&app.db, None).await.unwrap();
    assert_eq!(keys(&app, &a).await, ("café".to_string(), Some("+8613800138000".to_string())));
    assert_eq!(keys(&app, &b).await, ("other".to_string(), Some("+861065529988".to_string())));
    assert_eq!(keys(&app, &c).await, ("cafe\u{0301}".to_string(), Some("008613800138000".to_string())), "the younger duplicate keeps its old keys");
    // The folded keys serve the check at once.
    let (s, _) = app.post("/api/v1/customers", &app.admin, json!({"name": "Third", "phone": "+86 10 6552 9988"})).await;
    assert_eq!(s, StatusCode::CONFLICT);
});

// A department larger than the inline list (33+ owners): on PostgreSQL the manager's owners
// travel as one array constant; the rows seen are the same as for a small team's list.
dual_test!(a_large_department_is_seen_whole_and_only, |app| {
    let (_, dept) = app.post("/api/v1/departments", &app.admin, json!({"name": "Large"})).await;
    let rep = app.role_id("sales_rep").await;
    let mut last = None;
    for i in 0..40 {
        let body = json!({"username": format!("team{i}"), "display_name": format!("组员{i}"), "password": crate::support::PASSWORD, "role_ids": [rep], "department_id": dept["id"]});
        let (s, u) = app.post("/api/v1/users", &app.admin, body).await;
        assert_eq!(s, StatusCode::CREATED, "{u}");
        last = Some(u["id"].as_str().unwrap().to_string());
    }
    let member = app.login("team39", crate::support::PASSWORD).await;
    let (_, outsider) = app.user_with_role("outsider", "sales_rep", json!({})).await;
    let (_, mgr) = app.user_with_role("big_mgr", "sales_manager", json!({"department_id": dept["id"]})).await;
    let theirs = create(&app, &member, json!({"name": "组员客户"})).await;
    create(&app, &outsider, json!({"name": "外部客户"})).await;
    let (_, team) = app.get("/api/v1/customers?pool=potential", &mgr).await;
    let names: Vec<&str> = team["items"].as_array().unwrap_or_else(|| panic!("{team}")).iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["组员客户"], "{team}");
    let (_, one) = app.get(&format!("/api/v1/customers?owner_id={}", last.unwrap()), &mgr).await;
    assert_eq!(one["total"], 1);
    let id = theirs["id"].as_str().unwrap();
    assert_eq!(app.patch(&format!("/api/v1/customers/{id}"), &mgr, json!({"remark": "经理备注"})).await.0, StatusCode::OK);
    let (s, c) = app.post("/api/v1/contacts", &mgr, json!({"customer_id": id, "name": "张经理"})).await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    assert_eq!(app.get("/api/v1/contacts", &mgr).await.1["total"], 1);
    assert_eq!(app.get("/api/v1/contacts", &outsider).await.1["total"], 0);
});

// The list's team filters: a department takes its sub-departments' people too and stays
// within the caller's scope; "no follow-up since" takes customers never followed up that
// are older than the time.
dual_test!(department_and_no_follow_up_filters, |app| {
    let (_, sales) = app.post("/api/v1/departments", &app.admin, json!({"name": "Sales"})).await;
    let (_, east) = app.post("/api/v1/departments", &app.admin, json!({"name": "East", "parent_id": sales["id"]})).await;
    let (_, rep_e) = app.user_with_role("rep_e", "sales_rep", json!({"department_id": east["id"]})).await;
    let (rep_s_id, rep_s) = app.user_with_role("rep_s", "sales_rep", json!({"department_id": sales["id"]})).await;
    let (_, rep_o) = app.user_with_role("rep_o", "sales_rep", json!({})).await;
    let (_, mgr) = app.user_with_role("east_mgr", "sales_manager", json!({"department_id": east["id"]})).await;
    let e = create(&app, &rep_e, json!({"name": "东区客户"})).await;
    create(&app, &rep_s, json!({"name": "总部客户"})).await;
    create(&app, &rep_o, json!({"name": "外部客户"})).await;
    let names = |body: &Value| {
        let mut v: Vec<String> = body["items"].as_array().unwrap_or_else(|| panic!("{body}")).iter().map(|c| c["name"].as_str().unwrap().to_string()).collect();
        v.sort();
        v
    };
    let by_dept = |d: &Value, extra: &str| format!("/api/v1/customers?department_id={}{extra}", d["id"].as_str().unwrap());
    assert_eq!(names(&app.get(&by_dept(&sales, ""), &app.admin).await.1), ["东区客户", "总部客户"]);
    assert_eq!(names(&app.get(&by_dept(&east, ""), &app.admin).await.1), ["东区客户"]);
    assert_eq!(app.get(&by_dept(&east, &format!("&owner_id={rep_s_id}")), &app.admin).await.1["total"], 0);
    assert_eq!(names(&app.get(&by_dept(&sales, &format!("&owner_id={rep_s_id}")), &app.admin).await.1), ["总部客户"]);
    // The East manager asking for all of Sales still sees only East's.
    assert_eq!(names(&app.get(&by_dept(&sales, ""), &mgr).await.1), ["东区客户"]);
    let res = app.req(Method::GET, &by_dept(&sales, "&format=csv").replace("customers?", "customers/export?"), Some(&mgr)).send().await.unwrap();
    let csv = res.text().await.unwrap();
    assert!(csv.contains("东区客户") && !csv.contains("总部客户"), "{csv}");
    let (s, b) = app.get("/api/v1/customers?department_id=east", &app.admin).await;
    assert_eq!((s, b["errors"][0]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("department_id")));
    assert_eq!(app.get("/api/v1/customers?department_id=01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", &app.admin).await.1["total"], 0);

    // A follow-up ten days ago on 东区客户; the others were never followed up.
    let ten_days_ago = (chrono::Utc::now() - chrono::Duration::days(10)).to_rfc3339();
    let (s, f) = app.post("/api/v1/follow-ups", &rep_e, json!({"customer_id": e["id"], "kind": "phone", "content": "回访", "occurred_at": ten_days_ago})).await;
    assert_eq!(s, StatusCode::CREATED, "{f}");
    let since = |t: chrono::DateTime<chrono::Utc>| format!("/api/v1/customers?no_follow_up_since={}", t.format("%Y-%m-%dT%H:%M:%SZ"));
    let now = chrono::Utc::now();
    assert_eq!(names(&app.get(&since(now - chrono::Duration::days(3)), &app.admin).await.1), ["东区客户"]);
    assert_eq!(names(&app.get(&since(now + chrono::Duration::hours(1)), &app.admin).await.1), ["东区客户", "外部客户", "总部客户"]);
    assert_eq!(app.get(&since(now - chrono::Duration::days(30)), &app.admin).await.1["total"], 0);
    let (s, b) = app.get("/api/v1/customers?no_follow_up_since=soon", &app.admin).await;
    assert_eq!((s, b["errors"][0]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("no_follow_up_since")));
});
