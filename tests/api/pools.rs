//! Assign, transfer and the pool rules: the cap and cooldown bite on claim and assign, and
//! `apply` returns neglected customers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use reqwest::StatusCode;
use serde_json::json;

use crate::support::TestApp;

async fn public_customer(app: &TestApp, name: &str) -> String {
    let (s, c) = app.post("/api/v1/customers", &app.admin, json!({"name": name})).await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    let id = c["id"].as_str().unwrap().to_string();
    let (s, _) = app.post(&format!("/api/v1/customers/{id}/release"), &app.admin, json!({"reason": "公海"})).await;
    assert_eq!(s, StatusCode::OK);
    id
}

dual_test!(transfer_moves_owned_customers_all_or_nothing, |app| {
    let (_, rep_a) = app.user_with_role("rep_a", "sales_rep", json!({})).await;
    let (rep_b, _) = app.user_with_role("rep_b", "sales_rep", json!({})).await;
    let (off, _) = app.user_with_role("off", "sales_rep", json!({})).await;
    app.patch(&format!("/api/v1/users/{off}"), &app.admin, json!({"enabled": false})).await;
    let (_, c1) = app.post("/api/v1/customers", &rep_a, json!({"name": "转移一"})).await;
    let (_, c2) = app.post("/api/v1/customers", &rep_a, json!({"name": "转移二"})).await;
    let ids = json!([c1["id"], c2["id"]]);
    let public = public_customer(&app, "公海客户").await;
    // A rep may not transfer; an admin may.
    assert_eq!(app.post("/api/v1/customers/transfer", &rep_a, json!({"customer_ids": ids, "owner_id": rep_b})).await.0, StatusCode::FORBIDDEN);
    // To a disabled user: refused, nothing changes.
    let (s, e) = app.post("/api/v1/customers/transfer", &app.admin, json!({"customer_ids": ids, "owner_id": off})).await;
    assert_eq!((s, e["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("disabled")));
    // With a public customer among them: refused as a whole.
    let (s, _) = app.post("/api/v1/customers/transfer", &app.admin, json!({"customer_ids": [c1["id"], public], "owner_id": rep_b})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (_, still) = app.get(&format!("/api/v1/customers/{}", c1["id"].as_str().unwrap()), &app.admin).await;
    assert_ne!(still["owner_id"], rep_b.as_str());
    let (s, e) = app.post("/api/v1/customers/transfer", &app.admin, json!({"customer_ids": [], "owner_id": rep_b})).await;
    assert_eq!((s, e["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("customer_ids")));
    let (s, moved) = app.post("/api/v1/customers/transfer", &app.admin, json!({"customer_ids": ids, "owner_id": rep_b, "with_contacts": true})).await;
    assert_eq!(s, StatusCode::OK, "{moved}");
    assert!(moved["items"].as_array().unwrap().iter().all(|c| c["owner_id"] == rep_b.as_str() && c["pool"] == "potential"));
    assert_eq!(app.get("/api/v1/customers", &rep_a).await.1["total"], 1, "only the public one is left visible to rep_a");
    // A rep reads a public-pool customer but may not change it until they claim it.
    assert_eq!(app.get(&format!("/api/v1/customers/{public}"), &rep_a).await.1["access"], "read");
    assert_eq!(app.get(&format!("/api/v1/customers/{public}"), &app.admin).await.1["access"], "edit");
    assert!(app.audit_count("customers", c1["id"].as_str().unwrap()).await >= 2);
});

dual_test!(assign_gives_public_customers_to_an_owner, |app| {
    let (rep, rep_t) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (_, mgr) = app.user_with_role("mgr", "sales_manager", json!({})).await;
    let p1 = public_customer(&app, "分配一").await;
    let p2 = public_customer(&app, "分配二").await;
    assert_eq!(app.post("/api/v1/customers/assign", &rep_t, json!({"customer_ids": [p1], "owner_id": rep})).await.0, StatusCode::FORBIDDEN);
    let (s, out) = app.post("/api/v1/customers/assign", &mgr, json!({"customer_ids": [p1, p2], "owner_id": rep})).await;
    assert_eq!(s, StatusCode::OK, "{out}");
    assert_eq!(app.get("/api/v1/customers?pool=potential", &rep_t).await.1["total"], 2);
    // Not public any more: refused.
    let (s, e) = app.post("/api/v1/customers/assign", &app.admin, json!({"customer_ids": [p1], "owner_id": rep})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("customer.wrong_pool")));
    let (s, e) = app.post("/api/v1/customers/assign", &app.admin, json!({"customer_ids": ["01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f"], "owner_id": rep})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(e["missing_ids"][0], "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f");
});

dual_test!(pool_rules_cap_and_cooldown_bite, |app| {
    let (_, rep_t) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (rep2, rep2_t) = app.user_with_role("rep2", "sales_rep", json!({})).await;
    let (s, r) = app.get("/api/v1/pool-rules", &rep_t).await;
    assert_eq!((s, r["enabled"].as_bool(), r["version"].as_i64()), (StatusCode::OK, Some(false), Some(0)));
    let rules = json!({"enabled": true, "return_after_days_without_follow_up": null, "return_after_days_without_deal": null,
        "max_customers_per_owner": 1, "reclaim_cooldown_days": 7, "exempt_won": true});
    assert_eq!(app.call(reqwest::Method::PUT, "/api/v1/pool-rules", &rep_t, Some(rules.clone())).await.0, StatusCode::FORBIDDEN);
    let (s, e) = app.call(reqwest::Method::PUT, "/api/v1/pool-rules", &app.admin, Some(json!({"enabled": true, "return_after_days_without_follow_up": 0,
        "return_after_days_without_deal": null, "max_customers_per_owner": null, "reclaim_cooldown_days": null, "exempt_won": true}))).await;
    assert_eq!((s, e["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("return_after_days_without_follow_up")));
    let (s, saved) = app.call(reqwest::Method::PUT, "/api/v1/pool-rules", &app.admin, Some(rules)).await;
    assert_eq!((s, saved["version"].as_i64()), (StatusCode::OK, Some(1)));
    let p1 = public_customer(&app, "上限一").await;
    let p2 = public_customer(&app, "上限二").await;
    assert_eq!(app.post(&format!("/api/v1/customers/{p1}/claim"), &rep_t, json!({})).await.0, StatusCode::OK);
    // The cap: one customer each.
    let (s, e) = app.post(&format!("/api/v1/customers/{p2}/claim"), &rep_t, json!({})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("customer.owner_cap_reached")));
    let (s, e) = app.post("/api/v1/customers/assign", &app.admin, json!({"customer_ids": [p2], "owner_id": rep2, "x": 1})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{e}");
    // The cooldown: what one released, one may not take back at once; others may.
    assert_eq!(app.post(&format!("/api/v1/customers/{p1}/release"), &rep_t, json!({"reason": "不合适"})).await.0, StatusCode::OK);
    let (s, e) = app.post(&format!("/api/v1/customers/{p1}/claim"), &rep_t, json!({})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("customer.reclaim_cooldown")));
    assert!(e["available_at"].is_string());
    assert_eq!(app.post(&format!("/api/v1/customers/{p1}/claim"), &rep2_t, json!({})).await.0, StatusCode::OK);
    // The cooldown remembers every releaser: after rep2 claims and releases it too, rep
    // (who released it first) still waits, and so do assignments to rep.
    assert_eq!(app.post(&format!("/api/v1/customers/{p1}/release"), &rep2_t, json!({"reason": "也不合适"})).await.0, StatusCode::OK);
    let (s, e) = app.post(&format!("/api/v1/customers/{p1}/claim"), &rep_t, json!({})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("customer.reclaim_cooldown")), "{e}");
    let (_, me) = app.get("/api/v1/me", &rep_t).await;
    let (s, e) = app.post("/api/v1/customers/assign", &app.admin, json!({"customer_ids": [p1], "owner_id": me["id"]})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("customer.reclaim_cooldown")), "{e}");
    assert_eq!(app.post(&format!("/api/v1/customers/{p1}/claim"), &rep2_t, json!({})).await.1["code"], "customer.reclaim_cooldown");
});

dual_test!(apply_returns_neglected_customers, |app| {
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    use crm_persistence::customers::entities::customer;
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (_, old) = app.post("/api/v1/customers", &rep, json!({"name": "久未跟进"})).await;
    let (_, fresh) = app.post("/api/v1/customers", &rep, json!({"name": "刚跟进"})).await;
    let (_, won) = app.post("/api/v1/customers", &rep, json!({"name": "已成交"})).await;
    let long_ago = chrono::Utc::now() - chrono::Duration::days(40);
    let ids: Vec<uuid::Uuid> = [&old, &fresh, &won].iter().map(|c| uuid::Uuid::parse_str(c["id"].as_str().unwrap()).unwrap()).collect();
    customer::Entity::update_many().col_expr(customer::Column::OwnedSince, Expr::value(long_ago)).col_expr(customer::Column::CreatedAt, Expr::value(long_ago))
        .filter(customer::Column::Id.is_in(ids.clone())).exec(&app.db).await.unwrap();
    customer::Entity::update_many().col_expr(customer::Column::Pool, Expr::value("won")).filter(customer::Column::Id.eq(ids[2])).exec(&app.db).await.unwrap();
    let (s, _) = app.post("/api/v1/follow-ups", &rep, json!({"customer_id": fresh["id"], "kind": "phone", "content": "刚打过电话"})).await;
    assert_eq!(s, StatusCode::CREATED);
    // Off: nothing moves.
    assert_eq!(app.post("/api/v1/pool-rules/apply", &app.admin, json!({})).await.1["returned"], 0);
    app.call(reqwest::Method::PUT, "/api/v1/pool-rules", &app.admin, Some(json!({"enabled": true, "return_after_days_without_follow_up": 30,
        "return_after_days_without_deal": null, "max_customers_per_owner": null, "reclaim_cooldown_days": null, "exempt_won": true}))).await;
    assert_eq!(app.post("/api/v1/pool-rules/apply", &rep, json!({})).await.0, StatusCode::FORBIDDEN);
    let (s, r) = app.post("/api/v1/pool-rules/apply", &app.admin, json!({})).await;
    assert_eq!((s, r["returned"].as_u64()), (StatusCode::OK, Some(1)), "{r}");
    let (_, moved) = app.get(&format!("/api/v1/customers/{}", old["id"].as_str().unwrap()), &app.admin).await;
    assert_eq!((moved["pool"].as_str(), moved["owner_id"].is_null()), (Some("public"), true));
    assert_eq!(app.get(&format!("/api/v1/customers/{}", fresh["id"].as_str().unwrap()), &app.admin).await.1["pool"], "potential");
    assert_eq!(app.get(&format!("/api/v1/customers/{}", won["id"].as_str().unwrap()), &app.admin).await.1["pool"], "won");
    let (_, log) = app.get(&format!("/api/v1/audit-logs?entity=customers&entity_id={}", old["id"].as_str().unwrap()), &app.admin).await;
    assert_eq!(log["items"][0]["action"], "return");
    assert_eq!(log["items"][0]["actor_name"], "admin", "a manual apply is the admin's act");
    // Applying again moves nothing more.
    assert_eq!(app.post("/api/v1/pool-rules/apply", &app.admin, json!({})).await.1["returned"], 0);
    // The hourly job acts as the system: no actor in the log.
    let (_, later) = app.post("/api/v1/customers", &rep, json!({"name": "也久未跟进"})).await;
    let later_id = uuid::Uuid::parse_str(later["id"].as_str().unwrap()).unwrap();
    customer::Entity::update_many().col_expr(customer::Column::OwnedSince, Expr::value(long_ago)).filter(customer::Column::Id.eq(later_id)).exec(&app.db).await.unwrap();
    let job = crm_persistence::Ctx::system("test-job");
    assert_eq!(crm_persistence::customers::pool_rules::apply(&app.db, &job).await.unwrap(), 1);
    let (_, log) = app.get(&format!("/api/v1/audit-logs?entity=customers&entity_id={later_id}"), &app.admin).await;
    assert_eq!(log["items"][0]["action"], "return");
    assert!(log["items"][0]["actor_id"].is_null());
    assert!(app.get("/api/v1/pool-rules", &app.admin).await.1["last_applied_at"].is_string());
});
