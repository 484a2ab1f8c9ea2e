use actix_web::{web, HttpResponse};
use crm_persistence::approvals::flows::{self, Flows};
use crm_persistence::approvals::views::{self, ApprovalBox};
use crm_persistence::approvals::{self as engine, Verdict};
use crm_persistence::kit;
use utoipa::IntoParams;
use uuid::Uuid;

use super::dto::*;
use crate::auth::ReqCtx;
use crate::etag::{created, ok, IfMatch};
use crate::json::{OptionalJson, ValidJson};
use crate::list_query::{ListQuery, PageOf, PageParams};
use crate::problem::{bad_request, ApiResult, Problem};
use crate::state::AppState;

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct FlowFilters {
    /// `quote`, and the document types built later.
    doc_type: Option<String>,
    enabled: Option<bool>,
    department_id: Option<Uuid>,
}

/// The approval flows, by document type. `q` matches the name.
#[utoipa::path(get, path = "/api/v1/approval-flows", tag = "approval-flows", security(("bearer" = [])), params(PageParams, FlowFilters),
    responses((status = 200, body = PageOf<ApprovalFlow>)))]
pub async fn list_flows(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(kit::list::<Flows>(&state.db, &ctx.0, q.0).await?), None))
}

#[utoipa::path(get, path = "/api/v1/approval-flows/{id}", tag = "approval-flows", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = ApprovalFlow, headers(("ETag" = String)))))]
pub async fn get_flow(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let f = kit::get::<Flows>(&state.db, &ctx.0, *id).await?;
    Ok(ok(&f, Some(f.version)))
}

/// A flow for a document type. Every step names its approvers (users, a role, the
/// applicant's supervisor n levels up, or their department's head) and how they decide
/// (`any` 或签, `all` 会签, `sequential`); a step's `condition` (AND of `field op value`
/// on the document's fields, e.g. `total gt 100000`) decides whether it applies, once, on
/// the document as submitted. 422 names the bad part: `steps[1].condition[0].field`
/// (`unknown_field`), `steps[0].approver.user_ids` (`not_found`), `doc_type` (`unknown`).
#[utoipa::path(post, path = "/api/v1/approval-flows", tag = "approval-flows", security(("bearer" = [])), request_body = NewApprovalFlow,
    params(("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = ApprovalFlow)))]
pub async fn create_flow(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<NewApprovalFlow>) -> ApiResult<HttpResponse> {
    let f = flows::create(&state.db, &ctx.0, body.0).await?;
    Ok(created(&f, format!("/api/v1/approval-flows/{}", f.id), Some(f.version)))
}

crate::batch_endpoint!(
    /// Creates up to 1000 approval flows, each checked and answered as a single create (its
    /// steps' approvers and conditions, its document type), in one transaction: the refused
    /// ones are left out, or with `atomic=true` nothing is written.
    batch_flows, ApprovalFlowBatch, NewApprovalFlow, "/api/v1/approval-flows/batch", "approval-flows", flows::batch,
    json!({"items": [{"doc_type": "contract", "name": "大额合同", "steps": [{"name": "主管审批", "approver": {"kind": "supervisor", "levels": 1}, "mode": "any"}]},
        {"doc_type": "quote", "name": "报价审批", "steps": [{"name": "主管审批", "approver": {"kind": "supervisor", "levels": 1}, "mode": "any"}]}]})
);

/// Changes a flow: a new version. Approvals under way keep the version they started on.
#[utoipa::path(patch, path = "/api/v1/approval-flows/{id}", tag = "approval-flows", security(("bearer" = [])), request_body = ApprovalFlowPatch,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = ApprovalFlow), (status = 409, body = Problem)))]
pub async fn update_flow(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<ApprovalFlowPatch>) -> ApiResult<HttpResponse> {
    let f = flows::update(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    Ok(ok(&f, Some(f.version)))
}

/// Moves a flow to the recycle bin; approvals under way finish on the version they have.
#[utoipa::path(delete, path = "/api/v1/approval-flows/{id}", tag = "approval-flows", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204, description = "moved to the recycle bin")))]
pub async fn delete_flow(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    flows::delete(&state.db, &ctx.0, *id, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ApprovalFilters {
    /// `pending` (待我审批, waiting on me; the default), `submitted` (我发起的), `done`
    /// (已处理, acted on by me), `all` (holders of `approvals:manage`). Without it, `doc_id`
    /// lists a document's approvals, for anyone who may read the document (404 otherwise).
    #[param(rename = "box", inline, example = "pending")]
    the_box: Option<ApprovalBox>,
    /// `quote`, and the document types built later.
    doc_type: Option<String>,
    doc_id: Option<Uuid>,
    /// `pending`, `approved`, `rejected` or `withdrawn`.
    status: Option<String>,
    applicant_id: Option<Uuid>,
    created_at_from: Option<String>,
    created_at_to: Option<String>,
}

/// Approvals, newest first; `q` matches the document's number. Each shows its steps with
/// their approvers and states, and whether the caller may act on it now (`can_act`).
#[utoipa::path(get, path = "/api/v1/approvals", tag = "approvals", security(("bearer" = [])), params(PageParams, ApprovalFilters),
    responses((status = 200, body = PageOf<Approval>), (status = 403, description = "`box=all` without `approvals:manage`", body = Problem),
        (status = 404, description = "the document named by `doc_id` is not the caller's to read", body = Problem)))]
pub async fn list_approvals(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    let mut params = q.0;
    let raw = params.filters.iter().find(|(k, _)| k == "box").map(|(_, v)| v.clone());
    params.filters.retain(|(k, _)| k != "box");
    let the_box = match raw.as_deref() {
        None => None,
        Some("pending") => Some(ApprovalBox::Pending),
        Some("submitted") => Some(ApprovalBox::Submitted),
        Some("done") => Some(ApprovalBox::Done),
        Some("all") => Some(ApprovalBox::All),
        Some(other) => return Err(bad_request("query.invalid", format!("box is pending, submitted, done or all, not '{other}'"), Some("box"))),
    };
    Ok(ok(&PageOf::from(views::list(&state.db, &ctx.0, the_box, params).await?), None))
}

/// One approval: the document as submitted, every step with its state and approvers, and
/// the timeline of events with comments. For the applicant, its approvers, holders of
/// `approvals:manage`, and whoever may read the document.
#[utoipa::path(get, path = "/api/v1/approvals/{id}", tag = "approvals", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = ApprovalDetail)))]
pub async fn get_approval(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&views::get(&state.db, &ctx.0, *id).await?, None))
}

async fn after(state: &AppState, ctx: &ReqCtx, id: Uuid) -> ApiResult<HttpResponse> {
    Ok(ok(&views::get(&state.db, &ctx.0, id).await?, None))
}

/// Approves the caller's task on the current step. An `any` step closes with the first
/// approval; an `all` step waits for every approver; a `sequential` one moves to the next.
/// When the last step passes, the document takes the decision (a quote is sent). 403
/// `approval.not_approver` for someone else's step; 409 `approval.already_acted` the
/// second time, `approval.already_decided` when another approver closed the step,
/// `approval.not_your_turn`, `approval.closed`, `approval.changed` (acted on at the same
/// moment: reload).
#[utoipa::path(post, path = "/api/v1/approvals/{id}/approve", tag = "approvals", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body(content = Option<ApprovalComment>, description = "an optional comment; the body may be left out"),
    responses((status = 200, body = ApprovalDetail), (status = 403, body = Problem), (status = 409, body = Problem)))]
pub async fn approve(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, body: OptionalJson<ApprovalComment>) -> ApiResult<HttpResponse> {
    engine::decide(&state.db, &ctx.0, *id, Verdict::Approve, body.0.unwrap_or_default().comment).await?;
    after(&state, &ctx, *id).await
}

/// Rejects: the approval ends and the document returns to draft. A comment is required
/// when the flow says so (422 `comment` `required`).
#[utoipa::path(post, path = "/api/v1/approvals/{id}/reject", tag = "approvals", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body(content = Option<ApprovalComment>, description = "the reason; the body may be left out when the flow does not ask for one"),
    responses((status = 200, body = ApprovalDetail), (status = 403, body = Problem), (status = 409, body = Problem)))]
pub async fn reject(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, body: OptionalJson<ApprovalComment>) -> ApiResult<HttpResponse> {
    engine::decide(&state.db, &ctx.0, *id, Verdict::Reject, body.0.unwrap_or_default().comment).await?;
    after(&state, &ctx, *id).await
}

/// The applicant takes the document back while it waits (when the flow allows it, else 409
/// `approval.withdraw_not_allowed`); the document returns to draft.
#[utoipa::path(post, path = "/api/v1/approvals/{id}/withdraw", tag = "approvals", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body(content = Option<ApprovalComment>, description = "an optional comment; the body may be left out"),
    responses((status = 200, body = ApprovalDetail), (status = 403, description = "`approval.not_applicant`", body = Problem), (status = 409, body = Problem)))]
pub async fn withdraw(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, body: OptionalJson<ApprovalComment>) -> ApiResult<HttpResponse> {
    engine::withdraw(&state.db, &ctx.0, *id, body.0.unwrap_or_default().comment).await?;
    after(&state, &ctx, *id).await
}

/// A current approver hands their task to another enabled user (422 `user_id`:
/// `not_found`, or `already_approver` of this step).
#[utoipa::path(post, path = "/api/v1/approvals/{id}/transfer", tag = "approvals", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = ApprovalTransfer,
    responses((status = 200, body = ApprovalDetail), (status = 403, body = Problem), (status = 409, body = Problem)))]
pub async fn transfer(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, body: ValidJson<ApprovalTransfer>) -> ApiResult<HttpResponse> {
    engine::transfer(&state.db, &ctx.0, *id, body.0.user_id, body.0.comment).await?;
    after(&state, &ctx, *id).await
}

/// A remark on the timeline, by anyone who may read the approval.
#[utoipa::path(post, path = "/api/v1/approvals/{id}/comment", tag = "approvals", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = ApprovalRemark,
    responses((status = 200, body = ApprovalDetail)))]
pub async fn comment(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, body: ValidJson<ApprovalRemark>) -> ApiResult<HttpResponse> {
    engine::comment(&state.db, &ctx.0, *id, body.0.comment).await?;
    after(&state, &ctx, *id).await
}

/// Submits a draft quote for approval: it is checked as sending checks it (a line, 409
/// `quote.no_lines`; `valid_until` not passed, `quote.expired`), becomes `pending` and
/// read-only (409 `approval.pending` on edits), and is sent when approved, or returns to
/// draft when rejected or withdrawn. With no enabled quote flow it is approved, and sent,
/// at once. Where a flow applies, sending directly is a 409 `approval.required`.
#[utoipa::path(post, path = "/api/v1/quotes/{id}/submit", tag = "quotes", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 201, body = ApprovalDetail, headers(("Location" = String))),
        (status = 409, description = "`quote.not_draft`, `approval.pending`, `quote.no_lines`, `quote.expired`", body = Problem)))]
pub async fn submit_quote(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let approval = engine::submit(&state.db, &ctx.0, &crm_persistence::sales_docs::approval::QuoteApproval, *id).await?;
    let detail = views::get(&state.db, &ctx.0, approval).await?;
    Ok(created(&detail, format!("/api/v1/approvals/{approval}"), None))
}
