//! Leads: the pool (claim races, release, assign), the scope, conversion into a customer,
//! contact and opportunity in one transaction (with the customers' duplicate check), and
//! a converted lead that stays as it was.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::TestApp;

async fn lead(app: &TestApp, token: &str, body: Value) -> Value {
    let (s, l) = app.post("/api/v1/leads", token, body).await;
    assert_eq!(s, StatusCode::CREATED, "{l}");
    l
}

async fn total(app: &TestApp, token: &str, path: &str) -> u64 {
    let (s, page) = app.get(path, token).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    page["total"].as_u64().unwrap()
}

dual_test!(leads_are_scoped_searched_and_pooled, |app| {
    let (rep_id, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (_, other) = app.user_with_role("other", "sales_rep", json!({})).await;
    let mine = lead(&app, &rep, json!({"name": "陈静", "company": "宁波海通物流有限公司", "mobile": "13912345678", "email": "chen@haitong.cn", "source": "exhibition"})).await;
    assert_eq!((mine["status"].as_str(), mine["owner_id"].as_str()), (Some("new"), Some(rep_id.as_str())));
    assert!(mine["code"].as_str().unwrap().starts_with('L'));
    assert_eq!(mine["mobile"], "13912345678");
    let pooled = lead(&app, &rep, json!({"name": "李强", "owner_id": null})).await;
    assert!(pooled["owner_id"].is_null());
    // The other rep sees the pool, not the rep's own.
    let one = format!("/api/v1/leads/{}", mine["id"].as_str().unwrap());
    assert_eq!(app.get(&one, &other).await.0, StatusCode::NOT_FOUND);
    assert_eq!(total(&app, &other, "/api/v1/leads").await, 1);
    assert_eq!(total(&app, &rep, "/api/v1/leads?pool=false").await, 1);
    assert_eq!(total(&app, &rep, "/api/v1/leads?pool=true").await, 1);
    // Search in Chinese across company, phone and e-mail.
    assert_eq!(total(&app, &rep, "/api/v1/leads?q=海通").await, 1);
    assert_eq!(total(&app, &rep, "/api/v1/leads?q=1391234").await, 1);
    assert_eq!(total(&app, &rep, "/api/v1/leads?q=chen@").await, 1);
    assert_eq!(total(&app, &rep, "/api/v1/leads?status=contacted").await, 0);
    // Bad input: a dictionary code from nowhere, a made-up owner, a hand-made conversion.
    for (body, field) in [
        (json!({"name": "x", "source": "pigeon"}), "source"),
        (json!({"name": "x", "owner_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f"}), "owner_id"),
        (json!({"name": "x", "status": "converted"}), "status"),
        (json!({"name": "x", "email": "nope"}), "email"),
    ] {
        let (s, e) = app.post("/api/v1/leads", &rep, body).await;
        assert_eq!((s, e["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(field)), "{e}");
    }
    // A rep cannot give a lead to someone outside their scope.
    let (other_id, _) = (app.get("/api/v1/users/lookup?q=other", &app.admin).await.1["items"][0]["id"].as_str().unwrap().to_string(), ());
    let (s, e) = app.post("/api/v1/leads", &rep, json!({"name": "x", "owner_id": other_id})).await;
    assert_eq!((s, e["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("out_of_scope")));
    assert_eq!(app.get("/api/v1/leads?pool=maybe", &rep).await.0, StatusCode::BAD_REQUEST);
});

dual_test!(of_two_claims_at_once_one_wins, |app| {
    let (a_id, a) = app.user_with_role("rep.a", "sales_rep", json!({})).await;
    let (_, b) = app.user_with_role("rep.b", "sales_rep", json!({})).await;
    let l = lead(&app, &app.admin, json!({"name": "抢单", "owner_id": null})).await;
    let claim = |token: String| {
        let app = &app;
        let path = format!("/api/v1/leads/{}/claim", l["id"].as_str().unwrap());
        async move { app.post(&path, &token, json!({})).await }
    };
    let ((sa, ba), (sb, bb)) = tokio::join!(claim(a.clone()), claim(b.clone()));
    let mut statuses = vec![sa, sb];
    statuses.sort();
    assert_eq!(statuses, vec![StatusCode::OK, StatusCode::CONFLICT], "{ba} {bb}");
    let winner = if sa == StatusCode::OK { ba } else { bb };
    let (_, now) = app.get(&format!("/api/v1/leads/{}", l["id"].as_str().unwrap()), &app.admin).await;
    assert_eq!(now["owner_id"], winner["owner_id"]);
    // Released back; then the admin assigns it, all or nothing.
    let holder = if winner["owner_id"].as_str() == Some(a_id.as_str()) { &a } else { &b };
    let (s, r) = app.post(&format!("/api/v1/leads/{}/release", l["id"].as_str().unwrap()), holder, json!({"reason": "暂无需求"})).await;
    assert_eq!((s, r["owner_id"].is_null()), (StatusCode::OK, true), "{r}");
    let (s, e) = app.post(&format!("/api/v1/leads/{}/release", l["id"].as_str().unwrap()), &app.admin, json!({})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("lead.in_pool")));
    let (s, e) = app.post("/api/v1/leads/assign", &app.admin, json!({"lead_ids": [l["id"], "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f"], "owner_id": a_id})).await;
    assert_eq!((s, e["missing_ids"].as_array().map(Vec::len)), (StatusCode::NOT_FOUND, Some(1)));
    let (s, r) = app.post("/api/v1/leads/assign", &app.admin, json!({"lead_ids": [l["id"]], "owner_id": a_id})).await;
    assert_eq!((s, r["items"][0]["owner_id"].as_str()), (StatusCode::OK, Some(a_id.as_str())));
    // Reps do not assign.
    assert_eq!(app.post("/api/v1/leads/assign", &a, json!({"lead_ids": [l["id"]], "owner_id": a_id})).await.0, StatusCode::FORBIDDEN);
    let (_, log) = app.get(&format!("/api/v1/audit-logs?entity=leads&entity_id={}", l["id"].as_str().unwrap()), &app.admin).await;
    let actions: Vec<&str> = log["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, vec!["assign", "release", "claim", "create"]);
});

dual_test!(a_conversion_makes_customer_contact_and_opportunity_at_once, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let l = lead(&app, &rep, json!({"name": "陈静", "company": "宁波海通物流有限公司", "title": "采购经理", "mobile": "13912345678", "email": "chen@haitong.cn", "source": "exhibition", "city": "宁波市"})).await;
    let id = l["id"].as_str().unwrap().to_string();
    let convert = |body: Value| {
        let app = &app;
        let rep = rep.clone();
        let id = id.clone();
        async move { app.post(&format!("/api/v1/leads/{id}/convert"), &rep, body).await }
    };
    let customers_before = total(&app, &rep, "/api/v1/customers").await;
    // A bad opportunity leaves nothing behind: no customer, no contact, the lead as it was.
    let (s, e) = convert(json!({"opportunity": {"name": "仓储设备", "amount": "-5"}})).await;
    assert_eq!((s, e["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("opportunity.amount")), "{e}");
    assert_eq!(total(&app, &rep, "/api/v1/customers").await, customers_before);
    assert_eq!(app.get(&format!("/api/v1/leads/{id}"), &rep).await.1["status"], "new");

    let (s, done) = convert(json!({"opportunity": {"name": "仓储设备", "amount": "50000.00", "expected_close_date": "2027-01-31"}})).await;
    assert_eq!(s, StatusCode::OK, "{done}");
    let cid = done["customer_id"].as_str().unwrap();
    let (_, c) = app.get(&format!("/api/v1/customers/{cid}"), &rep).await;
    assert_eq!((c["name"].as_str(), c["source"].as_str(), c["city"].as_str()), (Some("宁波海通物流有限公司"), Some("exhibition"), Some("宁波市")));
    let (_, contact) = app.get(&format!("/api/v1/contacts/{}", done["contact_id"].as_str().unwrap()), &rep).await;
    assert_eq!((contact["name"].as_str(), contact["is_primary"].as_bool(), contact["title"].as_str()), (Some("陈静"), Some(true), Some("采购经理")));
    let (_, o) = app.get(&format!("/api/v1/opportunities/{}", done["opportunity_id"].as_str().unwrap()), &rep).await;
    assert_eq!((o["amount"].as_str(), o["customer_id"].as_str(), o["contact_id"].clone(), o["source"].as_str()), (Some("50000.00"), Some(cid), done["contact_id"].clone(), Some("exhibition")));
    let (_, after) = app.get(&format!("/api/v1/leads/{id}"), &rep).await;
    assert_eq!((after["status"].as_str(), after["converted_customer_id"].as_str()), (Some("converted"), Some(cid)));
    assert!(after["converted_at"].is_string());
    // Read-only afterwards; converting twice is a 409.
    let (s, e) = app.patch(&format!("/api/v1/leads/{id}"), &rep, json!({"remark": "再改"})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("lead.converted")));
    let (s, e) = convert(json!({})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("lead.already_converted")));
    let (_, log) = app.get(&format!("/api/v1/audit-logs?entity=leads&entity_id={id}"), &app.admin).await;
    assert_eq!(log["items"][0]["action"], "convert");
});

dual_test!(a_conversion_meets_the_duplicate_check_and_may_use_the_existing_customer, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (s, existing) = app.post("/api/v1/customers", &rep, json!({"name": "苏州恒达精密机械有限公司"})).await;
    assert_eq!(s, StatusCode::CREATED, "{existing}");
    let l = lead(&app, &rep, json!({"name": "王芳", "company": "苏州恒达精密机械有限公司"})).await;
    let path = format!("/api/v1/leads/{}/convert", l["id"].as_str().unwrap());
    let (s, e) = app.post(&path, &rep, json!({"contact": false})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("customer.duplicate")), "{e}");
    assert!(e.to_string().contains(existing["id"].as_str().unwrap()), "names the existing customer: {e}");
    // Someone else's customer is not there for this rep.
    let (_, other) = app.user_with_role("other", "sales_rep", json!({})).await;
    let (_, theirs) = app.post("/api/v1/customers", &other, json!({"name": "别人的客户"})).await;
    let (s, _) = app.post(&path, &rep, json!({"customer": {"use_existing_id": theirs["id"]}})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, done) = app.post(&path, &rep, json!({"customer": {"use_existing_id": existing["id"]}})).await;
    assert_eq!(s, StatusCode::OK, "{done}");
    assert_eq!(done["customer_id"], existing["id"]);
    let (_, contact) = app.get(&format!("/api/v1/contacts/{}", done["contact_id"].as_str().unwrap()), &rep).await;
    assert_eq!(contact["is_primary"], false, "an existing customer keeps its primary contact");
    assert!(done["opportunity_id"].is_null());
    // Explicit fields for a new customer.
    let l2 = lead(&app, &rep, json!({"name": "赵磊"})).await;
    let (s, done) = app.post(&format!("/api/v1/leads/{}/convert", l2["id"].as_str().unwrap()), &rep, json!({"customer": {"name": "赵磊工作室", "kind": "person"}, "contact": false})).await;
    assert_eq!(s, StatusCode::OK, "{done}");
    assert!(done["contact_id"].is_null());
    let (s, _) = app.call(Method::POST, &format!("/api/v1/leads/{}/convert", l2["id"].as_str().unwrap()), &rep, Some(json!({"customer": {"nonsense": 1}}))).await;
    assert!(s == StatusCode::BAD_REQUEST || s == StatusCode::UNPROCESSABLE_ENTITY, "{s}");
});

dual_test!(follow_ups_attach_to_leads_and_join_the_customer_at_conversion, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (_, other) = app.user_with_role("other", "sales_rep", json!({})).await;
    let l = lead(&app, &rep, json!({"name": "陈静", "company": "宁波海通物流有限公司", "mobile": "13912345678"})).await;
    let id = l["id"].as_str().unwrap().to_string();
    let lead_path = format!("/api/v1/leads/{id}");
    let listed = format!("/api/v1/follow-ups?lead_id={id}");
    let (s, first) = app.post("/api/v1/follow-ups", &rep, json!({"lead_id": id, "kind": "phone", "content": "电话沟通，客户有仓储设备需求", "occurred_at": "2026-11-20T02:00:00Z", "next_follow_up_at": "2026-11-27T02:00:00Z"})).await;
    assert_eq!(s, StatusCode::CREATED, "{first}");
    assert_eq!((first["lead_id"].as_str(), first["customer_id"].clone()), (Some(id.as_str()), Value::Null));
    // The first follow-up makes a new lead contacted, in its history; later ones leave it.
    let (_, now) = app.get(&lead_path, &rep).await;
    assert_eq!((now["status"].as_str(), now["version"].as_i64()), (Some("contacted"), Some(2)));
    let (_, log) = app.get(&format!("/api/v1/audit-logs?entity=leads&entity_id={id}"), &app.admin).await;
    assert_eq!(log["items"][0]["action"], "follow_up");
    let (s, second) = app.post("/api/v1/follow-ups", &rep, json!({"lead_id": id, "kind": "visit", "content": "上门拜访", "occurred_at": "2026-11-25T06:00:00Z"})).await;
    assert_eq!(s, StatusCode::CREATED, "{second}");
    assert_eq!(app.get(&lead_path, &rep).await.1["version"], 2);
    assert_eq!(total(&app, &rep, &listed).await, 2);
    assert_eq!(total(&app, &app.admin, &listed).await, 2);

    // Another rep neither sees nor writes them; a pool lead is claimed before it is worked.
    assert_eq!(total(&app, &other, &listed).await, 0);
    assert_eq!(app.get(&format!("/api/v1/follow-ups/{}", first["id"].as_str().unwrap()), &other).await.0, StatusCode::NOT_FOUND);
    let pooled = lead(&app, &rep, json!({"name": "李强", "owner_id": null})).await;
    for (who, target) in [(&other, id.as_str()), (&rep, pooled["id"].as_str().unwrap())] {
        let (s, e) = app.post("/api/v1/follow-ups", who, json!({"lead_id": target, "kind": "phone", "content": "试试"})).await;
        assert_eq!((s, e["errors"][0]["field"].as_str(), e["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("lead_id"), Some("not_found")), "{e}");
    }
    // With neither, with both, or a lead's follow-up naming a contact: 422, nothing written.
    let (_, cust) = app.post("/api/v1/customers", &rep, json!({"name": "无关客户"})).await;
    for (body, field, code) in [
        (json!({"kind": "phone", "content": "x"}), "customer_id", "required"),
        (json!({"lead_id": id, "customer_id": cust["id"], "kind": "phone", "content": "x"}), "lead_id", "with_customer"),
        (json!({"lead_id": id, "contact_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "kind": "phone", "content": "x"}), "contact_id", "not_with_lead"),
        (json!({"lead_id": id, "kind": "no_such_kind", "content": "x"}), "kind", "unknown_code"),
    ] {
        let (s, e) = app.post("/api/v1/follow-ups", &rep, body).await;
        assert_eq!((s, e["errors"][0]["field"].as_str(), e["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(field), Some(code)), "{e}");
    }
    assert_eq!(total(&app, &rep, &listed).await, 2);
    let (s, fixed) = app.patch(&format!("/api/v1/follow-ups/{}", first["id"].as_str().unwrap()), &rep, json!({"content": "电话沟通，客户需要三台叉车"})).await;
    assert_eq!((s, fixed["content"].as_str()), (StatusCode::OK, Some("电话沟通，客户需要三台叉车")), "{fixed}");

    // A deleted one goes along too (a restore brings it back to the customer), unseen until
    // then. Reps delete neither follow-ups nor leads; an administrator does.
    let (s, _) = app.delete(&format!("/api/v1/follow-ups/{}", second["id"].as_str().unwrap()), &app.admin).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, done) = app.post(&format!("{lead_path}/convert"), &rep, json!({})).await;
    assert_eq!(s, StatusCode::OK, "{done}");
    let cid = done["customer_id"].as_str().unwrap();
    let (_, carried) = app.get(&format!("/api/v1/follow-ups?customer_id={cid}"), &rep).await;
    assert_eq!(carried["total"], 1, "{carried}");
    let f = &carried["items"][0];
    assert_eq!((f["id"].clone(), f["lead_id"].as_str(), f["contact_id"].clone()), (first["id"].clone(), Some(id.as_str()), done["contact_id"].clone()));
    assert_eq!(total(&app, &rep, &listed).await, 1, "the lead keeps its history");
    let (_, c) = app.get(&format!("/api/v1/customers/{cid}"), &rep).await;
    assert_eq!((c["last_follow_up_at"].as_str(), c["next_follow_up_at"].as_str()), (Some("2026-11-20T02:00:00Z"), Some("2026-11-27T02:00:00Z")), "{c}");
    assert_eq!(total(&app, &rep, &format!("/api/v1/interactions?customer_id={cid}")).await, 1);
    let (s, _) = app.post(&format!("/api/v1/recycle-bin/follow_ups/{}/restore", second["id"].as_str().unwrap()), &app.admin, json!({})).await;
    assert!(s.is_success(), "{s}");
    assert_eq!(total(&app, &rep, &format!("/api/v1/follow-ups?customer_id={cid}")).await, 2);
    let (_, c) = app.get(&format!("/api/v1/customers/{cid}"), &rep).await;
    assert_eq!(c["last_follow_up_at"], "2026-11-25T06:00:00Z");

    // The converted lead takes no more: its customer does.
    let (s, e) = app.post("/api/v1/follow-ups", &rep, json!({"lead_id": id, "kind": "phone", "content": "再跟进"})).await;
    assert_eq!((s, e["code"].as_str(), e["customer_id"].as_str()), (StatusCode::CONFLICT, Some("lead.converted"), Some(cid)), "{e}");

    // A deleted lead's follow-ups go with it.
    let gone = lead(&app, &rep, json!({"name": "王芳"})).await;
    let (_, f) = app.post("/api/v1/follow-ups", &rep, json!({"lead_id": gone["id"], "kind": "phone", "content": "联系过"})).await;
    let (s, _) = app.delete(&format!("/api/v1/leads/{}", gone["id"].as_str().unwrap()), &app.admin).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(app.get(&format!("/api/v1/follow-ups/{}", f["id"].as_str().unwrap()), &rep).await.0, StatusCode::NOT_FOUND);
});
