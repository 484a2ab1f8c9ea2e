//! Customer groups (CUS-3): owned and shared groups, membership within the caller's data
//! scope, the customer list's `group_id` filter, and the rules. The kit's common checks
//! (paging, If-Match, audit, recycle bin, 403, scope) are in conformance.rs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::TestApp;

async fn customer(app: &TestApp, token: &str, name: &str) -> String {
    let (s, c) = app.post("/api/v1/customers", token, json!({"name": name})).await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    c["id"].as_str().unwrap().to_string()
}

fn ids(page: &Value) -> Vec<String> {
    let mut v: Vec<String> = page["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_string()).collect();
    v.sort();
    v
}

dual_test!(groups_hold_customers_within_the_callers_scope, |app| {
    let (_, rep_a) = app.user_with_role("grp-a", "sales_rep", json!({})).await;
    let (_, rep_b) = app.user_with_role("grp-b", "sales_rep", json!({})).await;
    let a1 = customer(&app, &rep_a, "甲方一号").await;
    let a2 = customer(&app, &rep_a, "甲方二号").await;
    let b1 = customer(&app, &rep_b, "乙方一号").await;

    let (s, g) = app.post("/api/v1/customer-groups", &rep_a, json!({"name": "重点客户", "shared": true})).await;
    assert_eq!(s, StatusCode::CREATED, "{g}");
    assert_eq!((g["member_count"].as_u64(), g["shared"].as_bool()), (Some(0), Some(true)));
    let gid = g["id"].as_str().unwrap().to_string();
    let members = format!("/api/v1/customer-groups/{gid}/members");

    // A customer outside the caller's scope is a 404 naming it, and nothing changes.
    let res = app.req(Method::PUT, &members, Some(&rep_a)).json(&json!({"customer_ids": [a1, b1]})).send().await.unwrap();
    let (s, e) = crate::support::split(res).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{e}");
    assert_eq!(e["missing_ids"], json!([b1]));
    assert_eq!(app.get(&format!("/api/v1/customer-groups/{gid}"), &rep_a).await.1["member_count"], 0);

    let res = app.req(Method::PUT, &members, Some(&rep_a)).json(&json!({"customer_ids": [a1, a2, a1]})).send().await.unwrap();
    let (s, g) = crate::support::split(res).await;
    assert_eq!((s, g["member_count"].as_u64()), (StatusCode::OK, Some(2)), "{g}");

    // The customer list narrows to the group; the filter takes the group's visible members.
    let (s, page) = app.get(&format!("/api/v1/customers?group_id={gid}"), &rep_a).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    let mut want = vec![a1.clone(), a2.clone()];
    want.sort();
    assert_eq!(ids(&page), want);
    // The shared group is visible to rep B, whose scope holds none of its members; B may
    // not change it.
    assert_eq!(app.get(&format!("/api/v1/customer-groups/{gid}"), &rep_b).await.0, StatusCode::OK);
    assert_eq!(app.get(&format!("/api/v1/customers?group_id={gid}"), &rep_b).await.1["total"], 0);
    let res = app.req(Method::PUT, &members, Some(&rep_b)).json(&json!({"customer_ids": [b1]})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.patch(&format!("/api/v1/customer-groups/{gid}"), &rep_b, json!({"name": "改名"})).await.0, StatusCode::NOT_FOUND);

    // The admin adds B's customer; A's view of the group still shows only A's two, and
    // A replacing their members leaves B's customer in place.
    let res = app.req(Method::PUT, &members, Some(&app.admin)).json(&json!({"customer_ids": [a1, a2, b1]})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let res = app.req(Method::PUT, &members, Some(&rep_a)).json(&json!({"customer_ids": [a2]})).send().await.unwrap();
    let (_, g) = crate::support::split(res).await;
    assert_eq!(g["member_count"], 2, "{g}");
    let (_, page) = app.get(&format!("/api/v1/customers?group_id={gid}"), &app.admin).await;
    let mut want = vec![a2.clone(), b1.clone()];
    want.sort();
    assert_eq!(ids(&page), want);
    let (_, log) = app.get(&format!("/api/v1/audit-logs?entity=customer_groups&entity_id={gid}"), &app.admin).await;
    let last = &log["items"][0]["changes"];
    assert!(last.to_string().contains(&a1), "the removal is logged: {log}");

    // A private group of B's is invisible to A, and filtering by it matches nothing.
    let (_, private) = app.post("/api/v1/customer-groups", &rep_b, json!({"name": "我的"})).await;
    let pid = private["id"].as_str().unwrap();
    let res = app.req(Method::PUT, &format!("/api/v1/customer-groups/{pid}/members"), Some(&rep_b)).json(&json!({"customer_ids": [b1]})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(app.get(&format!("/api/v1/customer-groups/{pid}"), &rep_a).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/api/v1/customers?group_id={pid}"), &app.admin).await.1["total"], 1);
    assert_eq!(app.get(&format!("/api/v1/customers?group_id={pid}"), &rep_a).await.1["total"], 0);
    // Both groups at once (any of them), for the admin.
    assert_eq!(app.get(&format!("/api/v1/customers?group_id={gid},{pid}"), &app.admin).await.1["total"], 2);
});

dual_test!(group_rules_and_bad_input, |app| {
    let (s, g) = app.post("/api/v1/customer-groups", &app.admin, json!({"name": "华东 重点"})).await;
    assert_eq!(s, StatusCode::CREATED, "{g}");
    // The owner keeps one group per name (case and spacing ignored); another owner may
    // use it.
    let (s, e) = app.post("/api/v1/customer-groups", &app.admin, json!({"name": " 华东  重点 "})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("customer_group.duplicate")), "{e}");
    let (_, rep) = app.user_with_role("grp-c", "sales_rep", json!({})).await;
    assert_eq!(app.post("/api/v1/customer-groups", &rep, json!({"name": "华东 重点"})).await.0, StatusCode::CREATED);
    for (body, field) in [
        (json!({"name": ""}), "name"),
        (json!({"name": "x".repeat(101)}), "name"),
        (json!({"name": "ok", "description": "x".repeat(501)}), "description"),
    ] {
        let (s, e) = app.post("/api/v1/customer-groups", &app.admin, body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
        assert_eq!(e["errors"][0]["field"], field);
    }
    for body in [json!({"name": "ok", "owner_id": "x"}), json!({"name": 3}), json!({"name": "ok", "shared": "yes"})] {
        assert_eq!(app.post("/api/v1/customer-groups", &app.admin, body).await.0, StatusCode::BAD_REQUEST);
    }
    let gid = g["id"].as_str().unwrap();
    let members = format!("/api/v1/customer-groups/{gid}/members");
    let many: Vec<String> = (0..1001).map(|i| format!("01936f5e-8a7b-7c3d-9e2f-{i:012}")).collect();
    let res = app.req(Method::PUT, &members, Some(&app.admin)).json(&json!({"customer_ids": many})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = app.req(Method::PUT, &members, Some(&app.admin)).json(&json!({"customer_ids": ["nope"]})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.get("/api/v1/customers?group_id=nope", &app.admin).await.0, StatusCode::BAD_REQUEST);
    assert_eq!(app.get("/api/v1/customer-groups?shared=maybe", &app.admin).await.0, StatusCode::BAD_REQUEST);
    // The admin's scope is everyone's: both private groups.
    let (_, private) = app.get("/api/v1/customer-groups?shared=false&sort=name", &app.admin).await;
    assert_eq!(private["total"], 2);
    assert_eq!(app.get("/api/v1/customer-groups?shared=false", &rep).await.1["total"], 1);
    // A deleted group keeps its members for a restore.
    let c = customer(&app, &app.admin, "保留成员").await;
    app.req(Method::PUT, &members, Some(&app.admin)).json(&json!({"customer_ids": [c]})).send().await.unwrap();
    assert_eq!(app.delete(&format!("/api/v1/customer-groups/{gid}"), &app.admin).await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.get(&format!("/api/v1/customers?group_id={gid}"), &app.admin).await.1["total"], 0);
    app.post(&format!("/api/v1/recycle-bin/customer_groups/{gid}/restore"), &app.admin, json!({})).await;
    assert_eq!(app.get(&format!("/api/v1/customer-groups/{gid}"), &app.admin).await.1["member_count"], 1);
});

dual_test!(parallel_member_changes_lose_nothing, |app| {
    let (_, g) = app.post("/api/v1/customer-groups", &app.admin, json!({"name": "并发"})).await;
    let gid = g["id"].as_str().unwrap().to_string();
    let mut cs = Vec::new();
    for i in 0..8 {
        cs.push(customer(&app, &app.admin, &format!("并发客户 {i}")).await);
    }
    let members = format!("/api/v1/customer-groups/{gid}/members");
    // Eight writers each put the whole set: the group's row lock makes them take turns,
    // so every one succeeds and the group ends with exactly the set.
    let puts = (0..8).map(|_| app.req(Method::PUT, &members, Some(&app.admin)).json(&json!({"customer_ids": cs})).send());
    for res in futures_util::future::join_all(puts).await {
        assert_eq!(res.unwrap().status(), StatusCode::OK);
    }
    assert_eq!(app.get(&format!("/api/v1/customer-groups/{gid}"), &app.admin).await.1["member_count"], 8);
});

// Adding and removing some members, without reading the others: each writer names only
// its own customers, and eight at once lose none of each other's.
dual_test!(members_are_added_and_removed_without_a_read, |app| {
    let (_, rep_a) = app.user_with_role("add-a", "sales_rep", json!({})).await;
    let (_, rep_b) = app.user_with_role("add-b", "sales_rep", json!({})).await;
    let (_, g) = app.post("/api/v1/customer-groups", &rep_a, json!({"name": "逐个加入"})).await;
    let gid = g["id"].as_str().unwrap().to_string();
    let (add, remove) = (format!("/api/v1/customer-groups/{gid}/members/add"), format!("/api/v1/customer-groups/{gid}/members/remove"));
    let mut cs = Vec::new();
    for i in 0..8 {
        cs.push(customer(&app, &rep_a, &format!("逐个客户 {i}")).await);
    }
    let theirs = customer(&app, &rep_b, "乙方客户").await;
    let adds = cs.iter().map(|c| app.req(Method::POST, &add, Some(&rep_a)).json(&json!({"customer_ids": [c]})).send());
    for res in futures_util::future::join_all(adds).await {
        assert_eq!(res.unwrap().status(), StatusCode::OK);
    }
    let listed = format!("/api/v1/customers?group_id={gid}&page_size=50");
    let in_group = || app.get(&listed, &rep_a);
    let mut want = cs.clone();
    want.sort();
    assert_eq!(ids(&in_group().await.1), want);
    // A repeat adds nothing and logs nothing; removing a non-member is no change either.
    let logged = app.audit_count("customer_groups", &gid).await;
    let (s, again) = app.post(&add, &rep_a, json!({"customer_ids": [cs[0], cs[1]]})).await;
    assert_eq!((s, again["member_count"].as_u64()), (StatusCode::OK, Some(8)));
    let (s, _) = app.post(&remove, &rep_a, json!({"customer_ids": [cs[0]]})).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = app.post(&remove, &rep_a, json!({"customer_ids": [cs[0]]})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(app.audit_count("customer_groups", &gid).await, logged + 1);
    assert_eq!(in_group().await.1["total"], 7);
    // Someone else's customer is a 404 naming it, and nothing changes; so is an empty or
    // an oversized list a 422.
    let (s, e) = app.post(&add, &rep_a, json!({"customer_ids": [cs[0], theirs]})).await;
    assert_eq!((s, &e["missing_ids"]), (StatusCode::NOT_FOUND, &json!([theirs])), "{e}");
    assert_eq!(in_group().await.1["total"], 7);
    let (s, e) = app.post(&add, &rep_a, json!({"customer_ids": []})).await;
    assert_eq!((s, e["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("customer_ids")), "{e}");
    let many: Vec<String> = (0..1001).map(|_| uuid::Uuid::now_v7().to_string()).collect();
    assert_eq!(app.post(&remove, &rep_a, json!({"customer_ids": many})).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    // Another rep cannot change the group: 404, as if it were missing.
    assert_eq!(app.post(&add, &rep_b, json!({"customer_ids": [theirs]})).await.0, StatusCode::NOT_FOUND);
});
