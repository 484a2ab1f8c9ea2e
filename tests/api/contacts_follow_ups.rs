//! Contacts and follow-ups: the primary rule, scoping through the customer, and follow-ups
//! moving the customer's times in the same transaction.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use reqwest::StatusCode;
use serde_json::{json, Value};

dual_test!(one_primary_contact_per_customer, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (_, c) = app.post("/api/v1/customers", &rep, json!({"name": "苏州园区电子"})).await;
    let cid = c["id"].as_str().unwrap();
    let (s, a) = app.post("/api/v1/contacts", &rep, json!({"customer_id": cid, "name": "王经理", "mobile": "13900001111", "is_primary": true})).await;
    assert_eq!(s, StatusCode::CREATED, "{a}");
    let (s, b) = app.post("/api/v1/contacts", &rep, json!({"customer_id": cid, "name": "赵工", "is_primary": true})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, list) = app.get(&format!("/api/v1/contacts?customer_id={cid}"), &rep).await;
    let primaries: Vec<&str> = list["items"].as_array().unwrap().iter().filter(|c| c["is_primary"] == true).map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(primaries, vec!["赵工"]);
    let (s, a2) = app.patch(&format!("/api/v1/contacts/{}", a["id"].as_str().unwrap()), &rep, json!({"is_primary": true})).await;
    assert_eq!((s, a2["is_primary"].as_bool()), (StatusCode::OK, Some(true)));
    let (_, b2) = app.get(&format!("/api/v1/contacts/{}", b["id"].as_str().unwrap()), &rep).await;
    assert_eq!(b2["is_primary"], false);
    // The customer is found by its contact's name or mobile.
    let (_, found) = app.get("/api/v1/customers?q=王经理", &rep).await;
    assert_eq!(found["total"], 1);
    let (_, found) = app.get("/api/v1/customers?q=0000111", &rep).await;
    assert_eq!(found["items"][0]["id"], cid);
    // Bad input.
    let (s, e) = app.post("/api/v1/contacts", &rep, json!({"customer_id": cid, "name": "x", "email": "bad", "birthday": "2999-01-01"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(e["errors"].as_array().unwrap().len(), 2);
    let (s, _) = app.post("/api/v1/contacts", &rep, json!({"customer_id": cid, "name": "x", "birthday": "01/02/1990"})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
});

dual_test!(contacts_and_follow_ups_follow_the_customers_scope, |app| {
    let (_, rep_a) = app.user_with_role("rep_a", "sales_rep", json!({})).await;
    let (_, rep_b) = app.user_with_role("rep_b", "sales_rep", json!({})).await;
    let (_, c) = app.post("/api/v1/customers", &rep_a, json!({"name": "A 的客户"})).await;
    let cid = c["id"].as_str().unwrap();
    let (_, ct) = app.post("/api/v1/contacts", &rep_a, json!({"customer_id": cid, "name": "联系人"})).await;
    let (_, f) = app.post("/api/v1/follow-ups", &rep_a, json!({"customer_id": cid, "kind": "phone", "content": "初次沟通"})).await;
    // rep_b sees none of it, and cannot attach anything to it.
    assert_eq!(app.get("/api/v1/contacts", &rep_b).await.1["total"], 0);
    assert_eq!(app.get("/api/v1/follow-ups", &rep_b).await.1["total"], 0);
    assert_eq!(app.get(&format!("/api/v1/contacts/{}", ct["id"].as_str().unwrap()), &rep_b).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/api/v1/follow-ups/{}", f["id"].as_str().unwrap()), &rep_b).await.0, StatusCode::NOT_FOUND);
    let (s, e) = app.post("/api/v1/contacts", &rep_b, json!({"customer_id": cid, "name": "x"})).await;
    assert_eq!((s, e["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("customer_id")));
    let (s, _) = app.post("/api/v1/follow-ups", &rep_b, json!({"customer_id": cid, "kind": "phone", "content": "x"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.patch(&format!("/api/v1/contacts/{}", ct["id"].as_str().unwrap()), &rep_b, json!({"name": "y"})).await.0, StatusCode::NOT_FOUND);
    // Once released to the public pool, the customer and its contacts are visible to all.
    app.post(&format!("/api/v1/customers/{cid}/release"), &rep_a, json!({"reason": "r"})).await;
    assert_eq!(app.get("/api/v1/contacts", &rep_b).await.1["total"], 1);
});

dual_test!(follow_ups_move_the_customers_times, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (_, c) = app.post("/api/v1/customers", &rep, json!({"name": "跟进客户"})).await;
    let cid = c["id"].as_str().unwrap();
    let (s, f) = app.post("/api/v1/follow-ups", &rep, json!({"customer_id": cid, "kind": "visit", "content": "拜访",
        "occurred_at": "2026-11-20T02:00:00Z", "next_follow_up_at": "2026-12-01T02:00:00Z"})).await;
    assert_eq!(s, StatusCode::CREATED, "{f}");
    let (_, now) = app.get(&format!("/api/v1/customers/{cid}"), &rep).await;
    assert_eq!(now["last_follow_up_at"], "2026-11-20T02:00:00Z");
    assert_eq!(now["next_follow_up_at"], "2026-12-01T02:00:00Z");
    assert_eq!(now["version"], 2);
    // An older follow-up entered later does not move `last` back.
    let (s, _) = app.post("/api/v1/follow-ups", &rep, json!({"customer_id": cid, "kind": "phone", "content": "补录", "occurred_at": "2026-11-01T02:00:00Z"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, now) = app.get(&format!("/api/v1/customers/{cid}"), &rep).await;
    assert_eq!(now["last_follow_up_at"], "2026-11-20T02:00:00Z");
    // The list filters by time range and kind, newest first.
    let (_, list) = app.get(&format!("/api/v1/follow-ups?customer_id={cid}&kind=visit,phone&occurred_at_from=2026-11-10"), &rep).await;
    assert_eq!(list["total"], 1);
    let (_, list) = app.get(&format!("/api/v1/follow-ups?customer_id={cid}&q=补录"), &rep).await;
    assert_eq!(list["total"], 1);
    // Bad input: unknown kind, future time, next before occurred, a contact of another customer.
    let (_, other) = app.post("/api/v1/customers", &rep, json!({"name": "另一个"})).await;
    let (_, oc) = app.post("/api/v1/contacts", &rep, json!({"customer_id": other["id"], "name": "别人"})).await;
    for (body, field) in [
        (json!({"customer_id": cid, "kind": "telepathy", "content": "x"}), "kind"),
        (json!({"customer_id": cid, "kind": "phone", "content": "x", "occurred_at": "2999-01-01T00:00:00Z"}), "occurred_at"),
        (json!({"customer_id": cid, "kind": "phone", "content": "x", "occurred_at": "2026-11-20T02:00:00Z", "next_follow_up_at": "2026-11-19T02:00:00Z"}), "next_follow_up_at"),
        (json!({"customer_id": cid, "kind": "phone", "content": "x", "contact_id": oc["id"]}), "contact_id"),
        (json!({"customer_id": cid, "kind": "phone", "content": " "}), "content"),
    ] {
        let (s, e) = app.post("/api/v1/follow-ups", &rep, body.clone()).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {e}");
        assert_eq!(e["errors"][0]["field"], field, "{body}: {e}");
    }
    assert_eq!(app.get(&format!("/api/v1/follow-ups?customer_id={cid}"), &rep).await.1["total"], 2);
});

dual_test!(interactions_query_and_export_across_customers, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (_, other) = app.user_with_role("other", "sales_rep", json!({})).await;
    let (_, a) = app.post("/api/v1/customers", &rep, json!({"name": "甲公司"})).await;
    let (_, b) = app.post("/api/v1/customers", &rep, json!({"name": "乙公司"})).await;
    let (_, c) = app.post("/api/v1/customers", &other, json!({"name": "丙公司"})).await;
    for (cust, kind, content, at, who) in [
        (&a, "visit", "上门演示新品", "2026-11-02T02:00:00Z", &rep),
        (&b, "phone", "电话确认报价", "2026-11-10T02:00:00Z", &rep),
        (&c, "phone", "别人的电话", "2026-11-11T02:00:00Z", &other),
    ] {
        let (s, f) = app.post("/api/v1/follow-ups", who, json!({"customer_id": cust["id"], "kind": kind, "content": content, "occurred_at": at})).await;
        assert_eq!(s, StatusCode::CREATED, "{f}");
    }
    let (s, page) = app.get("/api/v1/interactions", &rep).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(page["total"], 2, "only the rep's customers");
    assert_eq!(page["items"][0]["customer_name"], "乙公司");
    assert_eq!(page["items"][0]["owner_name"], "rep");
    assert_eq!(app.get("/api/v1/interactions?kind=visit", &rep).await.1["total"], 1);
    assert_eq!(app.get("/api/v1/interactions?q=报价", &rep).await.1["total"], 1);
    assert_eq!(app.get("/api/v1/interactions?occurred_at_from=2026-11-05&occurred_at_to=2026-11-30", &rep).await.1["total"], 1);
    assert_eq!(app.get("/api/v1/interactions?occurred_at_from=last-week", &rep).await.0, StatusCode::BAD_REQUEST);
    let res = app.req(reqwest::Method::GET, "/api/v1/interactions/export?format=csv&kind=phone,visit&raw=true", Some(&rep)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let text = res.text().await.unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("occurred_at,customer,kind"));
    assert!(text.contains("甲公司") && !text.contains("丙公司"));
    assert!(lines.iter().skip(1).all(|l| l.contains(",phone,") || l.contains(",visit,")), "codes for scripts: {text}");
    // For people: their language's headers and labels.
    let res = app.req(reqwest::Method::GET, "/api/v1/interactions/export?format=csv&kind=phone,visit", Some(&rep)).header("accept-language", "zh-CN,zh;q=0.9").send().await.unwrap();
    let text = res.text().await.unwrap();
    assert!(text.starts_with("\u{feff}跟进时间,客户,跟进方式,跟进内容,记录人,下次跟进\r\n"), "{text}");
    assert!(text.contains(",拜访,") && !text.contains(",visit,"), "{text}");
    let res = app.req(reqwest::Method::GET, "/api/v1/interactions/export?format=xlsx", Some(&rep)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.bytes().await.unwrap().starts_with(b"PK"), "an xlsx is a zip archive");
    assert_eq!(app.get("/api/v1/interactions/export?format=pdf", &rep).await.0, StatusCode::BAD_REQUEST);
});

dual_test!(correcting_or_deleting_follow_ups_recomputes_the_customers_times, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (_, other) = app.user_with_role("other", "sales_rep", json!({})).await;
    let (_, c) = app.post("/api/v1/customers", &rep, json!({"name": "更正客户"})).await;
    let cid = c["id"].as_str().unwrap();
    let times = |v: &Value| (v["last_follow_up_at"].clone(), v["next_follow_up_at"].clone());
    let (_, old) = app.post("/api/v1/follow-ups", &rep, json!({"customer_id": cid, "kind": "visit", "content": "拜访",
        "occurred_at": "2026-11-01T02:00:00Z", "next_follow_up_at": "2026-11-15T02:00:00Z"})).await;
    let (_, new) = app.post("/api/v1/follow-ups", &rep, json!({"customer_id": cid, "kind": "phone", "content": "电话",
        "occurred_at": "2026-11-10T02:00:00Z", "next_follow_up_at": "2026-12-01T02:00:00Z"})).await;
    let new_id = new["id"].as_str().unwrap();
    let (_, now) = app.get(&format!("/api/v1/customers/{cid}"), &rep).await;
    assert_eq!(times(&now), (json!("2026-11-10T02:00:00Z"), json!("2026-12-01T02:00:00Z")));
    // Correcting the plan of the latest follow-up moves the customer's next time.
    let (s, f) = app.patch(&format!("/api/v1/follow-ups/{new_id}"), &rep, json!({"next_follow_up_at": "2026-12-05T02:00:00Z", "content": "电话（已更正）"})).await;
    assert_eq!(s, StatusCode::OK, "{f}");
    assert_eq!(f["version"], 2);
    let (_, now) = app.get(&format!("/api/v1/customers/{cid}"), &rep).await;
    assert_eq!(times(&now), (json!("2026-11-10T02:00:00Z"), json!("2026-12-05T02:00:00Z")));
    // Clearing it leaves the older plan, still ahead of the latest contact.
    let (s, _) = app.patch(&format!("/api/v1/follow-ups/{new_id}"), &rep, json!({"next_follow_up_at": null})).await;
    assert_eq!(s, StatusCode::OK);
    let (_, now) = app.get(&format!("/api/v1/customers/{cid}"), &rep).await;
    assert_eq!(times(&now), (json!("2026-11-10T02:00:00Z"), json!("2026-11-15T02:00:00Z")));
    // Moving the latest contact past that plan drops it.
    let (s, _) = app.patch(&format!("/api/v1/follow-ups/{new_id}"), &rep, json!({"occurred_at": "2026-11-20T02:00:00Z"})).await;
    assert_eq!(s, StatusCode::OK);
    let (_, now) = app.get(&format!("/api/v1/customers/{cid}"), &rep).await;
    assert_eq!(times(&now), (json!("2026-11-20T02:00:00Z"), Value::Null));
    // Bad corrections change nothing: a stale version, a future time, an unknown kind,
    // someone who may not change the customer.
    let res = app.req(reqwest::Method::PATCH, &format!("/api/v1/follow-ups/{new_id}"), Some(&rep)).header("If-Match", "\"1\"").json(&json!({"content": "x"})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::PRECONDITION_FAILED);
    for (body, field) in [(json!({"occurred_at": "2999-01-01T00:00:00Z"}), "occurred_at"), (json!({"kind": "telepathy"}), "kind"), (json!({"content": ""}), "content")] {
        let (s, e) = app.patch(&format!("/api/v1/follow-ups/{new_id}"), &rep, body.clone()).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {e}");
        assert_eq!(e["errors"][0]["field"], field);
    }
    let (s, _) = app.patch(&format!("/api/v1/follow-ups/{new_id}"), &other, json!({"content": "不是我的"})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, f) = app.get(&format!("/api/v1/follow-ups/{new_id}"), &rep).await;
    assert_eq!(f["content"], "电话（已更正）");
    // Deleting (a manager's right) the latest follow-up brings back the older one's contact and plan; the
    // recycle bin restores both the follow-up and the times.
    let (s, _) = app.delete(&format!("/api/v1/follow-ups/{new_id}"), &app.admin).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (_, now) = app.get(&format!("/api/v1/customers/{cid}"), &rep).await;
    assert_eq!(times(&now), (json!("2026-11-01T02:00:00Z"), json!("2026-11-15T02:00:00Z")));
    let (s, _) = app.post(&format!("/api/v1/recycle-bin/follow_ups/{new_id}/restore"), &app.admin, json!({})).await;
    assert!(s.is_success());
    let (_, now) = app.get(&format!("/api/v1/customers/{cid}"), &rep).await;
    assert_eq!(times(&now), (json!("2026-11-20T02:00:00Z"), Value::Null));
    let (s, _) = app.delete(&format!("/api/v1/follow-ups/{}", old["id"].as_str().unwrap()), &app.admin).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = app.delete(&format!("/api/v1/follow-ups/{new_id}"), &app.admin).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (_, now) = app.get(&format!("/api/v1/customers/{cid}"), &rep).await;
    assert_eq!(times(&now), (Value::Null, Value::Null));
});

// A batch item is checked as a single create: a customer outside the caller's scope is a
// 422 naming customer_id for that item only, and a valid neighbour is still written.
dual_test!(contact_batch_items_keep_the_scope, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (_, other) = app.user_with_role("other", "sales_rep", json!({})).await;
    let (_, mine) = app.post("/api/v1/customers", &rep, json!({"name": "我的批量客户"})).await;
    let (_, theirs) = app.post("/api/v1/customers", &other, json!({"name": "别人的批量客户"})).await;
    let items = json!({"items": [{"customer_id": mine["id"], "name": "甲"}, {"customer_id": theirs["id"], "name": "乙"}]});
    let (s, out) = app.post("/api/v1/contacts/batch", &rep, items).await;
    assert_eq!(s, StatusCode::OK, "{out}");
    assert_eq!((out["results"][0]["status"].as_u64(), out["results"][1]["status"].as_u64()), (Some(201), Some(422)), "{out}");
    assert_eq!((out["results"][1]["error"]["errors"][0]["field"].as_str(), out["results"][1]["error"]["errors"][0]["code"].as_str()), (Some("customer_id"), Some("not_found")));
    assert_eq!(app.get("/api/v1/contacts", &rep).await.1["total"], 1);
    assert_eq!(app.get("/api/v1/contacts", &other).await.1["total"], 0);
});
