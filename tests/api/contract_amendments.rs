//! Amendments of active contracts [合同变更]: an active contract changes only through an
//! approved amendment — checked as a draft's edit, never below what its plans and payments
//! hold, one waiting at a time (also when two are asked for at once), the contract left as it
//! was when the amendment is rejected or withdrawn, written with its history when approved,
//! through the amendment flow or the contract flow it falls back to.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use reqwest::StatusCode;
use serde_json::{json, Value};

fn statuses(list: &Value) -> Vec<&str> {
    list.as_array().unwrap().iter().map(|a| a["status"].as_str().unwrap()).collect()
}

dual_test!(an_active_contract_changes_only_by_an_approved_amendment, |app| {
    let (manager_id, manager) = app.user_with_role("manager", "sales_manager", json!({})).await;
    let (director_id, director) = app.user_with_role("director", "sales_manager", json!({})).await;
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({"supervisor_id": manager_id})).await;
    let (_, other) = app.user_with_role("other", "sales_rep", json!({})).await;
    let (s, flow) = app.post("/api/v1/approval-flows", &app.admin, json!({"doc_type": "contract", "name": "合同审批", "steps": [
        {"name": "主管审批", "approver": {"kind": "supervisor", "levels": 1}, "mode": "any"}]})).await;
    assert_eq!(s, StatusCode::CREATED, "{flow}");
    let (_, cust) = app.post("/api/v1/customers", &rep, json!({"name": "杭州明远科技有限公司"})).await;
    let (s, c) = app.post("/api/v1/contracts", &rep, json!({"name": "2027 年度设备采购合同", "customer_id": cust["id"], "amount": "150000.00",
        "start_date": "2027-01-01", "end_date": "2027-12-31"})).await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    let id = c["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/contracts/{id}");
    let amend = format!("{path}/amendments");

    // A draft is edited, not amended.
    let (s, e) = app.post(&amend, &rep, json!({"reason": "调整", "changes": {"amount": "1.00"}})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("contract.not_active")), "{e}");
    let (_, a) = app.post(&format!("{path}/submit"), &rep, json!({})).await;
    let (s, _) = app.post(&format!("/api/v1/approvals/{}/approve", a["id"].as_str().unwrap()), &manager, json!({})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(app.get(&path, &rep).await.1["status"], "active");
    let (s, plan) = app.post("/api/v1/payment-plans", &rep, json!({"contract_id": id, "due_date": "2027-03-31", "amount": "100000.00"})).await;
    assert_eq!(s, StatusCode::CREATED, "{plan}");

    // Bad input is a clear 4xx and leaves the contract and its amendments as they were.
    for (body, status, code, field) in [
        (json!({"reason": " ", "changes": {"amount": "160000.00"}}), StatusCode::UNPROCESSABLE_ENTITY, "validation.failed", Some("reason")),
        (json!({"reason": "调整", "changes": {}}), StatusCode::UNPROCESSABLE_ENTITY, "validation.failed", Some("changes")),
        (json!({"reason": "调整", "changes": {"amount": "150000.00"}}), StatusCode::UNPROCESSABLE_ENTITY, "validation.failed", Some("changes")),
        (json!({"reason": "调整", "changes": {"end_date": "2026-12-31"}}), StatusCode::UNPROCESSABLE_ENTITY, "validation.failed", Some("changes.end_date")),
        (json!({"reason": "调整", "changes": {"currency": "USD"}}), StatusCode::UNPROCESSABLE_ENTITY, "validation.failed", Some("changes.currency")),
        (json!({"reason": "调整", "changes": {"category": "lottery"}}), StatusCode::UNPROCESSABLE_ENTITY, "validation.failed", Some("changes.category")),
        (json!({"reason": "调整", "changes": {"amount": "-1"}}), StatusCode::UNPROCESSABLE_ENTITY, "validation.failed", Some("changes.amount")),
        (json!({"reason": "调整", "changes": {"amount": "90000.00"}}), StatusCode::UNPROCESSABLE_ENTITY, "contract.amount_below_commitments", Some("changes.amount")),
    ] {
        let (s, e) = app.post(&amend, &rep, body.clone()).await;
        assert_eq!((s, e["code"].as_str(), e["errors"][0]["field"].as_str()), (status, Some(code), field), "{body}: {e}");
    }
    let (_, e) = app.post(&amend, &rep, json!({"reason": "调整", "changes": {"amount": "90000.00"}})).await;
    assert_eq!(e["minimum"], "100000.00", "{e}");
    let (s, e) = app.post(&amend, &rep, json!({"reason": "调整", "changes": {"colour": "red"}})).await;
    assert!(s.is_client_error() && s != StatusCode::NOT_FOUND, "{s} {e}");
    assert_eq!(app.post(&amend, &other, json!({"reason": "调整", "changes": {"amount": "160000.00"}})).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&amend, &other).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&amend, &rep).await.1, json!([]));
    assert_eq!(app.get(&path, &rep).await.1["version"], c["version"].as_i64().unwrap() + 2, "submitted and approved, nothing more");

    // Two asked for at once: one waits, the other is refused.
    let body = |amount: &str| json!({"reason": "客户追加两台设备", "changes": {"amount": amount, "end_date": "2028-03-31"}});
    let (first, second) = tokio::join!(app.post(&amend, &rep, body("180000.00")), app.post(&amend, &rep, body("190000.00")));
    let mut outcomes = [first.0, second.0];
    outcomes.sort();
    assert_eq!(outcomes, [StatusCode::CREATED, StatusCode::CONFLICT], "{} {}", first.1, second.1);
    let waiting = if first.0 == StatusCode::CREATED { first.1 } else { second.1 };
    assert_eq!((waiting["seq"].as_i64(), waiting["status"].as_str()), (Some(1), Some("pending")), "{waiting}");
    assert_eq!(waiting["before"], json!({"amount": "150000.00", "end_date": "2027-12-31"}));
    let approval = format!("/api/v1/approvals/{}", waiting["approval_id"].as_str().unwrap());
    let (_, detail) = app.get(&approval, &manager).await;
    assert_eq!((detail["doc_type"].as_str(), detail["summary"]["contract_number"].as_str()), (Some("contract_amendment"), c["number"].as_str()), "{detail}");

    // While it waits the contract reads as before and neither ends nor takes another amendment.
    let (_, now) = app.get(&path, &rep).await;
    assert_eq!((now["amount"].as_str(), now["end_date"].as_str()), (Some("150000.00"), Some("2027-12-31")));
    let (s, e) = app.post(&format!("{path}/transition"), &rep, json!({"to": "terminated", "reason": "协商解除"})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("approval.pending")));
    let (s, e) = app.post(&amend, &rep, body("200000.00")).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("approval.pending")));
    let (s, e) = app.patch(&path, &rep, json!({"remark": "改"})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("contract.not_draft")));

    // Rejected: the contract is as it was. Withdrawn: the same.
    let (s, r) = app.post(&format!("{approval}/reject"), &manager, json!({"comment": "金额需重新核定"})).await;
    assert_eq!((s, r["status"].as_str()), (StatusCode::OK, Some("rejected")), "{r}");
    let (s, w) = app.post(&amend, &rep, body("185000.00")).await;
    assert_eq!((s, w["seq"].as_i64()), (StatusCode::CREATED, Some(2)), "{w}");
    let (s, _) = app.post(&format!("/api/v1/approvals/{}/withdraw", w["approval_id"].as_str().unwrap()), &rep, json!({})).await;
    assert_eq!(s, StatusCode::OK);
    let (_, now) = app.get(&path, &rep).await;
    assert_eq!((now["amount"].as_str(), now["end_date"].as_str(), now["version"].as_i64()), (Some("150000.00"), Some("2027-12-31"), c["version"].as_i64().map(|v| v + 2)));

    // Approved: the contract reads as amended, its history says so, and what it is owed follows.
    let (s, ok) = app.post(&amend, &rep, body("180000.00")).await;
    assert_eq!(s, StatusCode::CREATED, "{ok}");
    let (s, done) = app.post(&format!("/api/v1/approvals/{}/approve", ok["approval_id"].as_str().unwrap()), &manager, json!({"comment": "同意"})).await;
    assert_eq!((s, done["status"].as_str()), (StatusCode::OK, Some("approved")), "{done}");
    let (_, now) = app.get(&path, &rep).await;
    assert_eq!((now["amount"].as_str(), now["outstanding_amount"].as_str(), now["end_date"].as_str(), now["amount_in_words"].as_str()),
        (Some("180000.00"), Some("180000.00"), Some("2028-03-31"), Some("壹拾捌万元整")), "{now}");
    assert_eq!(now["status"], "active");
    let (_, list) = app.get(&amend, &rep).await;
    assert_eq!(statuses(&list), ["approved", "withdrawn", "rejected"], "{list}");
    assert!(list[0]["decided_at"].is_string() && list[0]["applicant_name"].is_string(), "{list}");
    let (_, log) = app.get(&format!("/api/v1/audit-logs?entity=contracts&entity_id={id}"), &app.admin).await;
    let amended = log["items"].as_array().unwrap().iter().find(|i| i["action"] == "amend").expect("an amend entry");
    assert_eq!(amended["actor_id"].as_str(), Some(manager_id.as_str()), "written by the approving action");

    // An amendment flow of its own takes over from the contract flow; its conditions read the
    // amended contract and how far the amount moves: a cut skips the step and is made at once.
    let (s, f) = app.post("/api/v1/approval-flows", &app.admin, json!({"doc_type": "contract_amendment", "name": "合同变更审批", "steps": [
        {"name": "总监审批", "condition": [{"field": "amount_change", "op": "gt", "value": "0"}], "approver": {"kind": "user", "user_ids": [director_id]}, "mode": "any"}]})).await;
    assert_eq!(s, StatusCode::CREATED, "{f}");
    let (s, cut) = app.post(&amend, &rep, json!({"reason": "取消一台设备", "changes": {"lines": [
        {"name": "数控机床", "quantity": "2", "unit_price": "60000.00"}, {"name": "安装调试", "quantity": "1", "unit_price": "50000.00"}]}})).await;
    assert_eq!((s, cut["status"].as_str()), (StatusCode::CREATED, Some("approved")), "{cut}");
    let (_, now) = app.get(&path, &rep).await;
    assert_eq!((now["amount"].as_str(), now["lines"].as_array().map(Vec::len)), (Some("170000.00"), Some(2)), "the lines' total");
    let (s, up) = app.post(&amend, &rep, json!({"reason": "增加培训服务", "changes": {"lines": [
        {"name": "数控机床", "quantity": "2", "unit_price": "60000.00"}, {"name": "安装调试", "quantity": "1", "unit_price": "60000.00"}]}})).await;
    assert_eq!((s, up["status"].as_str()), (StatusCode::CREATED, Some("pending")), "{up}");
    let (_, d) = app.get(&format!("/api/v1/approvals/{}", up["approval_id"].as_str().unwrap()), &director).await;
    assert_eq!(d["status"], "pending", "the director's step: {d}");
    assert_eq!(up["after"]["amount"], "180000.00");
});
