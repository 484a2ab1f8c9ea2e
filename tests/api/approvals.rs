//! Approvals: flows (validated, versioned), quotes through a two-step flow whose second
//! step applies above 100,000, the modes (any, all, sequential), self-approval and empty
//! approvers, reject, resubmit, withdraw, transfer, the inbox's boxes, who may do what, and
//! two approvers acting at once.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::support::TestApp;

/// A draft quote of the rep's with one line of `price` (no discount, no tax).
async fn quote(app: &TestApp, rep: &str, price: &str) -> String {
    let (s, c) = app.post("/api/v1/customers", rep, json!({"name": format!("审批客户 {price} {}", uuid::Uuid::now_v7())})).await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    let line = json!({"name": "数控机床", "quantity": "1", "unit_price": price, "discount_percent": "0", "tax_rate_percent": "0"});
    let (s, q) = app.post("/api/v1/quotes", rep, json!({"customer_id": c["id"], "valid_until": "2030-06-30", "lines": [line]})).await;
    assert_eq!(s, StatusCode::CREATED, "{q}");
    q["id"].as_str().unwrap().to_string()
}

async fn flow(app: &TestApp, body: Value) -> Value {
    let (s, f) = app.post("/api/v1/approval-flows", &app.admin, body).await;
    assert_eq!(s, StatusCode::CREATED, "{f}");
    f
}

async fn submit(app: &TestApp, rep: &str, quote: &str) -> Value {
    let (s, a) = app.post(&format!("/api/v1/quotes/{quote}/submit"), rep, json!({})).await;
    assert_eq!(s, StatusCode::CREATED, "{a}");
    a
}

async fn act(app: &TestApp, who: &str, approval: &Value, action: &str, body: Value) -> (StatusCode, Value) {
    app.post(&format!("/api/v1/approvals/{}/{action}", approval["id"].as_str().unwrap()), who, body).await
}

async fn quote_status(app: &TestApp, rep: &str, quote: &str) -> String {
    app.get(&format!("/api/v1/quotes/{quote}"), rep).await.1["status"].as_str().unwrap().to_string()
}

fn states(a: &Value) -> Vec<String> {
    a["steps"].as_array().unwrap().iter().map(|s| s["state"].as_str().unwrap().to_string()).collect()
}

async fn inbox(app: &TestApp, who: &str, the_box: &str) -> u64 {
    let (s, page) = app.get(&format!("/api/v1/approvals?box={the_box}"), who).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    page["total"].as_u64().unwrap()
}

dual_test!(a_quote_goes_through_a_two_step_flow_whose_second_step_applies_above_100000, |app| {
    let (manager_id, manager) = app.user_with_role("manager", "sales_manager", json!({})).await;
    let (director_id, director) = app.user_with_role("director", "sales_manager", json!({})).await;
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({"supervisor_id": manager_id})).await;
    let f = flow(&app, json!({"doc_type": "quote", "name": "报价审批", "require_comment_on_reject": true, "steps": [
        {"name": "主管审批", "approver": {"kind": "supervisor", "levels": 1}, "mode": "any"},
        {"name": "总监审批", "condition": [{"field": "total", "op": "gt", "value": "100000"}], "approver": {"kind": "user", "user_ids": [director_id]}, "mode": "any"}]})).await;
    assert_eq!(f["version"], 1);

    // Below the threshold: one step, the second skipped.
    let small = quote(&app, &rep, "50000.00").await;
    let (s, e) = app.post(&format!("/api/v1/quotes/{small}/transition"), &rep, json!({"to": "sent"})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("approval.required")), "sending skips no approval");
    let a = submit(&app, &rep, &small).await;
    assert_eq!((a["status"].as_str(), states(&a)), (Some("pending"), vec!["active".to_string(), "skipped".to_string()]));
    assert_eq!((a["summary"]["total"].as_str(), a["flow_version"].as_i64(), a["can_withdraw"].as_bool()), (Some("50000.00"), Some(1), Some(true)));
    assert_eq!(quote_status(&app, &rep, &small).await, "pending");
    // Read-only while it waits; submitted twice is a 409.
    let (s, e) = app.patch(&format!("/api/v1/quotes/{small}"), &rep, json!({"remark": "改一下"})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("approval.pending")));
    let (s, e) = app.delete(&format!("/api/v1/quotes/{small}"), &app.admin).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("approval.pending")));
    let (s, e) = app.post(&format!("/api/v1/quotes/{small}/submit"), &rep, json!({})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("approval.pending")));
    // Not the director's step, and not the rep's to approve.
    assert_eq!(act(&app, &director, &a, "approve", json!({})).await.0, StatusCode::NOT_FOUND, "the director cannot see the rep's quote");
    let (s, e) = act(&app, &app.admin, &a, "approve", json!({})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::FORBIDDEN, Some("approval.not_approver")));
    assert_eq!(inbox(&app, &manager, "pending").await, 1);
    assert_eq!(inbox(&app, &rep, "submitted").await, 1);
    let (_, bench) = app.get("/api/v1/workbench?reach=mine", &manager).await;
    let card = bench["cards"].as_array().unwrap().iter().find(|c| c["key"] == "approvals.waiting_for_me").expect("the approvals card");
    assert_eq!((card["total"].as_u64(), card["items"][0]["name"].clone(), card["items"][0]["entity"].as_str()), (Some(1), a["doc_label"].clone(), Some("approvals")));
    let (s, done) = act(&app, &manager, &a, "approve", json!({"comment": "同意"})).await;
    assert_eq!((s, done["status"].as_str()), (StatusCode::OK, Some("approved")), "{done}");
    assert_eq!(quote_status(&app, &rep, &small).await, "sent");
    assert_eq!((inbox(&app, &manager, "pending").await, inbox(&app, &manager, "done").await), (0, 1));
    let actions: Vec<&str> = done["events"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, vec!["submit", "skip", "approve", "approved"]);
    let (_, notes) = app.get("/api/v1/notifications?kind=approval.approved", &rep).await;
    assert_eq!(notes["total"], 1, "{notes}");

    // Above it: both steps; the director rejects with a reason, the quote is a draft again.
    let big = quote(&app, &rep, "150000.00").await;
    let a = submit(&app, &rep, &big).await;
    assert_eq!(states(&a), vec!["active", "waiting"]);
    let (s, mid) = act(&app, &manager, &a, "approve", json!(null)).await;
    assert_eq!((s, states(&mid)), (StatusCode::OK, vec!["approved".to_string(), "active".to_string()]), "{mid}");
    let (s, e) = act(&app, &manager, &a, "approve", json!({})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::FORBIDDEN, Some("approval.not_approver")), "the manager's step is over");
    assert_eq!(inbox(&app, &director, "pending").await, 1);
    let (_, seen) = app.get(&format!("/api/v1/approvals/{}", a["id"].as_str().unwrap()), &director).await;
    assert_eq!(seen["can_act"], true, "an approver reads what they approve: {seen}");
    let (s, e) = act(&app, &director, &a, "reject", json!({})).await;
    assert_eq!((s, e["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("comment")), "this flow asks for a reason");
    let (s, out) = act(&app, &director, &a, "reject", json!({"comment": "折扣过大"})).await;
    assert_eq!((s, out["status"].as_str(), states(&out)), (StatusCode::OK, Some("rejected"), vec!["approved".to_string(), "rejected".to_string()]));
    assert_eq!(quote_status(&app, &rep, &big).await, "draft");
    let (s, e) = act(&app, &director, &a, "approve", json!({})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("approval.closed")));

    // A new version of the flow does not touch the round under way; resubmitting starts round 2 on it.
    let (s, f2) = app.patch(&format!("/api/v1/approval-flows/{}", f["id"].as_str().unwrap()), &app.admin, json!({"name": "报价审批（新）"})).await;
    assert_eq!((s, f2["version"].as_i64()), (StatusCode::OK, Some(2)), "{f2}");
    let again = submit(&app, &rep, &big).await;
    assert_eq!((again["round"].as_i64(), again["flow_version"].as_i64(), again["flow_name"].as_str()), (Some(2), Some(2), Some("报价审批（新）")));
    // The applicant withdraws it; only they may.
    let (s, e) = act(&app, &manager, &again, "withdraw", json!({})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::FORBIDDEN, Some("approval.not_applicant")));
    let (s, w) = act(&app, &rep, &again, "withdraw", json!(null)).await;
    assert_eq!((s, w["status"].as_str(), states(&w)), (StatusCode::OK, Some("withdrawn"), vec!["cancelled".to_string(), "cancelled".to_string()]));
    assert_eq!(quote_status(&app, &rep, &big).await, "draft");
    assert_eq!(inbox(&app, &manager, "pending").await, 0);
    let (s, e) = act(&app, &rep, &again, "withdraw", json!({})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("approval.closed")));

    // The quote's page lists its approvals; someone who cannot read the quote cannot.
    let (s, of_quote) = app.get(&format!("/api/v1/approvals?doc_type=quote&doc_id={big}"), &rep).await;
    assert_eq!((s, of_quote["total"].as_u64()), (StatusCode::OK, Some(2)));
    let (_, other) = app.user_with_role("other", "sales_rep", json!({})).await;
    assert_eq!(app.get(&format!("/api/v1/approvals?doc_type=quote&doc_id={big}"), &other).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/api/v1/approvals/{}", again["id"].as_str().unwrap()), &other).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/api/v1/approvals?box=all", &rep).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/api/v1/approvals?box=nonsense", &rep).await.0, StatusCode::BAD_REQUEST);
    let (_, mine) = app.get("/api/v1/approvals", &manager).await;
    assert_eq!(mine["total"], 0, "no box: the caller's pending ones");
    let (s, by_id) = app.get(&format!("/api/v1/approvals?doc_id={big}"), &rep).await;
    assert_eq!((s, by_id["total"].as_u64()), (StatusCode::OK, Some(2)), "the type is optional");
    let (_, all) = app.get("/api/v1/approvals?box=all", &app.admin).await;
    assert_eq!(all["total"], 3);
    let (_, log) = app.get(&format!("/api/v1/audit-logs?entity=approvals&entity_id={}", again["id"].as_str().unwrap()), &app.admin).await;
    assert_eq!(log["items"][0]["action"], "withdraw");
});

dual_test!(modes_self_approval_empty_approvers_transfer_and_no_flow, |app| {
    let (a_id, a) = app.user_with_role("appr_a", "sales_manager", json!({})).await;
    let (b_id, b) = app.user_with_role("appr_b", "sales_manager", json!({})).await;
    let (c_id, c) = app.user_with_role("appr_c", "sales_manager", json!({})).await;
    let (rep_id, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;

    // No flow: submitting approves and sends at once.
    let q = quote(&app, &rep, "100.00").await;
    let done = submit(&app, &rep, &q).await;
    assert_eq!((done["status"].as_str(), done["steps"].as_array().unwrap().len()), (Some("approved"), 0));
    assert_eq!(quote_status(&app, &rep, &q).await, "sent");

    let f = flow(&app, json!({"doc_type": "quote", "name": "会签与依次", "self_approval": "skip", "empty_approver": "auto_pass", "steps": [
        {"name": "本人", "approver": {"kind": "user", "user_ids": [rep_id]}, "mode": "any"},
        {"name": "无主管", "approver": {"kind": "supervisor", "levels": 1}, "mode": "any"},
        {"name": "会签", "approver": {"kind": "user", "user_ids": [a_id, b_id]}, "mode": "all"},
        {"name": "依次", "approver": {"kind": "user", "user_ids": [b_id, c_id]}, "mode": "sequential"}]})).await;
    let q = quote(&app, &rep, "200.00").await;
    let x = submit(&app, &rep, &q).await;
    assert_eq!(states(&x), vec!["auto_passed", "auto_passed", "active", "waiting"], "the applicant's own step and a missing supervisor pass");
    // `all`: the first approval waits for the second.
    let (_, after_a) = act(&app, &a, &x, "approve", json!({})).await;
    assert_eq!(states(&after_a)[2], "active");
    let (s, e) = act(&app, &a, &x, "approve", json!({})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("approval.already_acted")));
    let (_, after_b) = act(&app, &b, &x, "approve", json!({})).await;
    assert_eq!(states(&after_b)[2..], ["approved", "active"]);
    // `sequential`: c waits for b; b hands over to a, a approves, then it is c's turn.
    let (s, e) = act(&app, &c, &x, "approve", json!({})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("approval.not_your_turn")));
    let (s, e) = app.post(&format!("/api/v1/approvals/{}/transfer", x["id"].as_str().unwrap()), &b, json!({"user_id": c_id})).await;
    assert_eq!((s, e["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("already_approver")));
    let (s, t) = app.post(&format!("/api/v1/approvals/{}/transfer", x["id"].as_str().unwrap()), &b, json!({"user_id": a_id, "comment": "请代批"})).await;
    assert_eq!(s, StatusCode::OK, "{t}");
    assert_eq!(t["steps"][3]["approvers"][0]["state"], "transferred");
    let (s, _) = act(&app, &b, &x, "approve", json!({})).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "handed on");
    let (s, _) = app.post(&format!("/api/v1/approvals/{}/comment", x["id"].as_str().unwrap()), &rep, json!({"comment": "请尽快"})).await;
    assert_eq!(s, StatusCode::OK);
    act(&app, &a, &x, "approve", json!({})).await;
    assert_eq!(inbox(&app, &c, "pending").await, 1);
    let (s, end) = act(&app, &c, &x, "approve", json!({})).await;
    assert_eq!((s, end["status"].as_str()), (StatusCode::OK, Some("approved")), "{end}");
    assert_eq!(quote_status(&app, &rep, &q).await, "sent");

    // A supervisor nobody has goes to the administrators when the flow says so.
    app.patch(&format!("/api/v1/approval-flows/{}", f["id"].as_str().unwrap()), &app.admin, json!({"empty_approver": "to_admin", "steps": [
        {"name": "无主管", "approver": {"kind": "supervisor", "levels": 1}, "mode": "any"}]})).await;
    let q = quote(&app, &rep, "300.00").await;
    let y = submit(&app, &rep, &q).await;
    assert_eq!(states(&y), vec!["active"]);
    let (s, end) = act(&app, &app.admin, &y, "approve", json!({})).await;
    assert_eq!((s, end["status"].as_str()), (StatusCode::OK, Some("approved")));
});

dual_test!(of_two_approvers_at_once_on_an_any_step_one_moves_it, |app| {
    let (a_id, a) = app.user_with_role("appr_a", "sales_manager", json!({})).await;
    let (b_id, b) = app.user_with_role("appr_b", "sales_manager", json!({})).await;
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    flow(&app, json!({"doc_type": "quote", "name": "或签", "steps": [{"name": "或签", "approver": {"kind": "user", "user_ids": [a_id, b_id]}, "mode": "any"}]})).await;
    for round in 0..3 {
        let q = quote(&app, &rep, &format!("{}.00", 1000 + round)).await;
        let x = submit(&app, &rep, &q).await;
        let (ra, rb) = tokio::join!(act(&app, &a, &x, "approve", json!({})), act(&app, &b, &x, "approve", json!({})));
        let mut codes = [ra.0, rb.0];
        codes.sort();
        assert_eq!(codes, [StatusCode::OK, StatusCode::CONFLICT], "{ra:?} {rb:?}");
        let (_, now) = app.get(&format!("/api/v1/approvals/{}", x["id"].as_str().unwrap()), &rep).await;
        let events = now["events"].as_array().unwrap().iter().filter(|e| e["action"] == "approve").count();
        assert_eq!((now["status"].as_str(), events), (Some("approved"), 1), "{now}");
        let approvers: Vec<&str> = now["steps"][0]["approvers"].as_array().unwrap().iter().map(|t| t["state"].as_str().unwrap()).collect();
        assert!(approvers.contains(&"approved") && approvers.contains(&"cancelled"), "{approvers:?}");
        assert_eq!(quote_status(&app, &rep, &q).await, "sent");
        // The same approver twice at once: one acts.
        let q = quote(&app, &rep, &format!("{}.00", 2000 + round)).await;
        let x = submit(&app, &rep, &q).await;
        let (r1, r2) = tokio::join!(act(&app, &a, &x, "approve", json!({})), act(&app, &a, &x, "approve", json!({})));
        let mut codes = [r1.0, r2.0];
        codes.sort();
        assert_eq!(codes, [StatusCode::OK, StatusCode::CONFLICT], "{r1:?} {r2:?}");
    }
});

dual_test!(flows_name_known_fields_and_real_approvers, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let step = |approver: Value, condition: Value| json!({"name": "审批", "condition": condition, "approver": approver, "mode": "any"});
    let cases = [
        (json!({"doc_type": "rocket", "name": "x", "steps": [step(json!({"kind": "supervisor", "levels": 1}), json!([]))]}), "doc_type", "unknown"),
        (json!({"doc_type": "quote", "name": "x", "steps": []}), "steps", "required"),
        (json!({"doc_type": "quote", "name": "x", "steps": [step(json!({"kind": "supervisor", "levels": 1}), json!([{"field": "amount", "op": "gt", "value": "1"}]))]}), "steps[0].condition[0].field", "unknown_field"),
        (json!({"doc_type": "quote", "name": "x", "steps": [step(json!({"kind": "supervisor", "levels": 1}), json!([{"field": "total", "op": "gt", "value": "lots"}]))]}), "steps[0].condition[0].value", "invalid"),
        (json!({"doc_type": "quote", "name": "x", "steps": [step(json!({"kind": "user", "user_ids": ["01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f"]}), json!([]))]}), "steps[0].approver.user_ids", "not_found"),
        (json!({"doc_type": "quote", "name": "x", "steps": [step(json!({"kind": "role", "role_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f"}), json!([]))]}), "steps[0].approver.role_id", "not_found"),
        (json!({"doc_type": "quote", "name": " ", "steps": [step(json!({"kind": "department_head"}), json!([]))]}), "name", "required"),
    ];
    for (body, field, code) in cases {
        let (s, e) = app.post("/api/v1/approval-flows", &app.admin, body).await;
        assert_eq!((s, e["errors"][0]["field"].as_str(), e["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(field), Some(code)), "{e}");
    }
    let (s, _) = app.post("/api/v1/approval-flows", &app.admin, json!({"doc_type": "quote", "name": "x", "steps": [step(json!({"kind": "wizard"}), json!([]))]})).await;
    assert!(s == StatusCode::BAD_REQUEST || s == StatusCode::UNPROCESSABLE_ENTITY, "{s}");
    let (_, page) = app.get("/api/v1/approval-flows", &app.admin).await;
    assert_eq!(page["total"], 0, "nothing was written");
    // Flows are the administrators'.
    assert_eq!(app.get("/api/v1/approval-flows", &rep).await.0, StatusCode::FORBIDDEN);
    let (s, _) = app.post("/api/v1/approval-flows", &rep, json!({"doc_type": "quote", "name": "x", "steps": [step(json!({"kind": "department_head"}), json!([]))]})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // A disabled flow does not apply: the quote is sent at once.
    let f = flow(&app, json!({"doc_type": "quote", "name": "停用", "enabled": false, "steps": [step(json!({"kind": "department_head"}), json!([]))]})).await;
    assert_eq!(f["enabled"], false);
    let q = quote(&app, &rep, "10.00").await;
    assert_eq!(submit(&app, &rep, &q).await["status"], "approved");
});

dual_test!(a_resubmission_may_resume_at_the_rejected_step_of_the_same_version, |app| {
    let (a_id, a) = app.user_with_role("appr_a", "sales_manager", json!({})).await;
    let (b_id, b) = app.user_with_role("appr_b", "sales_manager", json!({})).await;
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let f = flow(&app, json!({"doc_type": "quote", "name": "驳回续批", "resubmit_mode": "from_rejected_step", "steps": [
        {"name": "一审", "approver": {"kind": "user", "user_ids": [a_id]}, "mode": "any"},
        {"name": "二审", "approver": {"kind": "user", "user_ids": [b_id]}, "mode": "any"}]})).await;
    let q = quote(&app, &rep, "5000.00").await;
    let x = submit(&app, &rep, &q).await;
    act(&app, &a, &x, "approve", json!({})).await;
    let (s, out) = act(&app, &b, &x, "reject", json!({"comment": "请核对数量"})).await;
    assert_eq!((s, out["status"].as_str()), (StatusCode::OK, Some("rejected")));
    // Round 2 starts where round 1 was rejected: the first step stands.
    let y = submit(&app, &rep, &q).await;
    assert_eq!((y["round"].as_i64(), states(&y)), (Some(2), vec!["approved".to_string(), "active".to_string()]));
    assert_eq!(inbox(&app, &a, "pending").await, 0);
    let (s, out) = act(&app, &b, &y, "reject", json!({})).await;
    assert_eq!((s, out["status"].as_str()), (StatusCode::OK, Some("rejected")));
    // A new version of the flow starts over.
    app.patch(&format!("/api/v1/approval-flows/{}", f["id"].as_str().unwrap()), &app.admin, json!({"name": "驳回续批 v2"})).await;
    let z = submit(&app, &rep, &q).await;
    assert_eq!((z["round"].as_i64(), states(&z)), (Some(3), vec!["active".to_string(), "waiting".to_string()]));
});
