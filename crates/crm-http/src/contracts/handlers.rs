use actix_web::{web, HttpResponse};
use crm_domain::contracts::{AmendmentInput, ContractInput, ContractPatch, ContractTransition};
use crm_persistence::approvals::views;
use crm_persistence::kit;
use crm_persistence::sales_docs::amendments::{self, AmendmentView};
use crm_persistence::sales_docs::contract_approval::ContractApproval;
use crm_persistence::sales_docs::contracts::{self, Contracts, ContractView, FromQuote};
use utoipa::IntoParams;
use uuid::Uuid;

use crate::approvals::dto::ApprovalDetail;
use crate::auth::ReqCtx;
use crate::etag::{created, ok, IfMatch};
use crate::json::ValidJson;
use crate::list_query::{ListQuery, PageOf, PageParams};
use crate::problem::{ApiResult, Problem};
use crate::sales_docs::handlers::PdfParams;
use crate::sales_docs::printed;
use crate::state::AppState;

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ContractFilters {
    owner_id: Option<Uuid>,
    customer_id: Option<Uuid>,
    opportunity_id: Option<Uuid>,
    quote_id: Option<Uuid>,
    /// `draft`, `pending`, `active`, `completed`, `terminated` or `void`; comma-separated for several.
    status: Option<String>,
    /// A `contract_category` code.
    category: Option<String>,
    currency: Option<String>,
    sign_date_from: Option<chrono::NaiveDate>,
    sign_date_to: Option<chrono::NaiveDate>,
    end_date_from: Option<chrono::NaiveDate>,
    end_date_to: Option<chrono::NaiveDate>,
    created_at_from: Option<String>,
    created_at_to: Option<String>,
    updated_at_from: Option<String>,
    updated_at_to: Option<String>,
}

/// Contracts the caller may see (their owner's scope, and their customer's collaborators),
/// newest change first; `q` matches the number and name.
#[utoipa::path(get, path = "/api/v1/contracts", tag = "contracts", security(("bearer" = [])), params(PageParams, ContractFilters),
    responses((status = 200, body = PageOf<ContractView>)))]
pub async fn list_contracts(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(kit::list::<Contracts>(&state.db, &ctx.0, q.0).await?), None))
}

/// The whole filtered contract list as CSV (streamed) or XLSX, with the list's filters, `q`
/// and `sort`, and each contract's received, outstanding, invoiced and overdue amounts: for
/// people, headers and labels in their language and times in `tz`; `raw=true` keeps field
/// names, codes and UTC.
#[utoipa::path(get, path = "/api/v1/contracts/export", tag = "contracts", security(("bearer" = [])), params(crate::export::ExportFormat, ContractFilters),
    responses((status = 200, description = "CSV streamed as it is made, or an XLSX file", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
pub async fn export_contracts(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery, req: actix_web::HttpRequest) -> ApiResult<HttpResponse> {
    crate::export::download(&state, &ctx.0, &crm_persistence::exports::lists::CONTRACTS, q.0, &req).await
}

/// A draft contract numbered `HT-<year>-<n>`. Its amount is stated, or its lines' total
/// (an amount that disagrees with them is a 422 `disagrees_with_lines`); a customer the
/// caller may not change is a 404; `end_date` before `start_date` is a 422.
#[utoipa::path(post, path = "/api/v1/contracts", tag = "contracts", security(("bearer" = [])), request_body = ContractInput,
    params(("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = ContractView, headers(("ETag" = String), ("Location" = String))), (status = 404, body = Problem)))]
pub async fn create_contract(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<ContractInput>) -> ApiResult<HttpResponse> {
    let c = contracts::create(&state.db, &ctx.0, body.0).await?;
    Ok(created(&c, format!("/api/v1/contracts/{}", c.id), Some(c.version)))
}

crate::batch_endpoint!(
    /// Creates up to 1000 draft contracts, each checked and answered as a single create and
    /// numbered in its turn (a refused one takes no number), in one transaction: the refused
    /// ones are left out, or with `atomic=true` nothing is written.
    batch_contracts, ContractBatch, ContractInput, "/api/v1/contracts/batch", "contracts", contracts::batch,
    json!({"items": [{"name": "2027 年度设备采购合同", "customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "amount": "150000.00", "category": "sales"}]})
);

#[utoipa::path(get, path = "/api/v1/contracts/{id}", tag = "contracts", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = ContractView, headers(("ETag" = String)))))]
pub async fn get_contract(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let c = kit::get::<Contracts>(&state.db, &ctx.0, *id).await?;
    Ok(ok(&c, Some(c.version)))
}

/// Changes a draft contract; a pending one is a 409 `approval.pending`, one that took
/// effect a 409 `contract.not_draft` (an active one changes by an amendment,
/// `POST /contracts/{id}/amendments`, or by termination).
#[utoipa::path(patch, path = "/api/v1/contracts/{id}", tag = "contracts", security(("bearer" = [])), request_body = ContractPatch,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = ContractView), (status = 409, description = "`approval.pending`, `contract.not_draft`", body = Problem)))]
pub async fn update_contract(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<ContractPatch>) -> ApiResult<HttpResponse> {
    let c = contracts::update(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    Ok(ok(&c, Some(c.version)))
}

/// A draft or void contract goes to the recycle bin; one that was in force stays (409
/// `contract.not_deletable`), a pending one too (409 `approval.pending`).
#[utoipa::path(delete, path = "/api/v1/contracts/{id}", tag = "contracts", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204, description = "moved to the recycle bin"), (status = 409, description = "`contract.not_deletable`, `approval.pending`", body = Problem)))]
pub async fn delete_contract(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    contracts::delete(&state.db, &ctx.0, *id, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Submits a draft contract for approval: `pending` and read-only until decided; approved,
/// it is `active` and its customer won (the pool rules never return it while the contract
/// is active); rejected or withdrawn, a draft again. With no enabled contract flow it is
/// active at once.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/submit", tag = "contracts", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 201, body = ApprovalDetail, headers(("Location" = String))),
        (status = 409, description = "`contract.not_draft`, `approval.pending`", body = Problem)))]
pub async fn submit_contract(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let approval = crm_persistence::approvals::submit(&state.db, &ctx.0, &ContractApproval, *id).await?;
    let detail = views::get(&state.db, &ctx.0, approval).await?;
    Ok(created(&detail, format!("/api/v1/approvals/{approval}"), None))
}

/// Completes or terminates an active contract (a reason is required to terminate), or
/// voids a draft. Anything else is a 409 `contract.bad_transition`; only approval makes a
/// contract active.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/transition", tag = "contracts", security(("bearer" = [])), request_body = ContractTransition,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = ContractView, headers(("ETag" = String))),
        (status = 409, description = "`contract.bad_transition`, `approval.pending`", body = Problem)))]
pub async fn transition_contract(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<ContractTransition>) -> ApiResult<HttpResponse> {
    let c = contracts::transition(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    Ok(ok(&c, Some(c.version)))
}

/// 存档: archives a completed, terminated or void contract (409 `contract.not_finished`,
/// `contract.archived`).
#[utoipa::path(post, path = "/api/v1/contracts/{id}/archive", tag = "contracts", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = ContractView, headers(("ETag" = String))),
        (status = 409, description = "`contract.not_finished`, `contract.archived`", body = Problem)))]
pub async fn archive_contract(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    let c = contracts::archive(&state.db, &ctx.0, *id, if_match.0).await?;
    Ok(ok(&c, Some(c.version)))
}

/// A draft contract from an accepted quote (409 `quote.not_accepted` otherwise): its
/// customer, opportunity, contact as the customer's signatory, currency, lines and terms.
/// One per quote: another is a 409 `quote.contracted` naming `contract_id`, unless the one
/// made was voided.
#[utoipa::path(post, path = "/api/v1/quotes/{id}/contract", tag = "contracts", security(("bearer" = [])), request_body = FromQuote,
    params(("id" = Uuid, Path)),
    responses((status = 201, body = ContractView, headers(("ETag" = String), ("Location" = String))),
        (status = 409, description = "`quote.not_accepted`, `quote.contracted`", body = Problem)))]
pub async fn contract_from_quote(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, body: ValidJson<FromQuote>) -> ApiResult<HttpResponse> {
    let c = contracts::from_quote(&state.db, &ctx.0, *id, body.0).await?;
    Ok(created(&c, format!("/api/v1/contracts/{}", c.id), Some(c.version)))
}

/// The contract as an A4 PDF: the company's header (`/settings/company`), its facts and
/// signatories, the lines and totals (or its stated amount) with the amount in Chinese
/// capitals, payment terms, and both parties' signature blocks. A draft or pending one is
/// marked as a draft. 503 `pdf.font_missing` when the server has no CJK font.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/pdf", tag = "contracts", security(("bearer" = [])), params(("id" = Uuid, Path), PdfParams),
    responses((status = 200, description = "the PDF", content_type = "application/pdf", body = Vec<u8>),
        (status = 503, description = "`pdf.font_missing`", body = Problem)))]
pub async fn contract_pdf(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, params: web::Query<PdfParams>, req: actix_web::HttpRequest) -> ApiResult<HttpResponse> {
    let lang = printed::lang(&params, &req);
    let c = kit::get::<Contracts>(&state.db, &ctx.0, *id).await?;
    let company = crm_persistence::settings::company::get(&state.db).await?;
    printed::respond(printed::contract(c, company, lang), lang, &params).await
}

/// 合同变更: asks to change an active contract (409 `contract.not_active` otherwise; a draft
/// is edited). The amended contract is checked as a draft's edit (422 naming
/// `changes.<field>`); its currency stays; its amount does not go below what its plans,
/// payments and invoices hold (422 `contract.amount_below_commitments` with `minimum`);
/// something must change (422 `changes` `no_change`). The amendment then goes through the
/// `contract_amendment` flow, or the contract flow when there is none, or is made at once
/// when neither applies; approved, the contract reads as amended (its history says so);
/// rejected or withdrawn, it stays as it was. One amendment waits at a time (409
/// `approval.pending`), and the contract is not completed or terminated meanwhile.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/amendments", tag = "contracts", security(("bearer" = [])), request_body = AmendmentInput,
    params(("id" = Uuid, Path)),
    responses((status = 201, body = AmendmentView, headers(("Location" = String))),
        (status = 409, description = "`contract.not_active`, `approval.pending`", body = Problem),
        (status = 422, description = "`validation.failed` naming `reason` or `changes.<field>`; `contract.amount_below_commitments`", body = Problem)))]
pub async fn amend_contract(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, body: ValidJson<AmendmentInput>) -> ApiResult<HttpResponse> {
    let a = amendments::propose(&state.db, &ctx.0, *id, body.0).await?;
    Ok(created(&a, format!("/api/v1/contracts/{}/amendments", a.contract_id), None))
}

/// A contract's amendments, newest first, each with what it changes and its approval.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/amendments", tag = "contracts", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<AmendmentView>)))]
pub async fn list_amendments(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&amendments::of_contract(&state.db, &ctx.0, *id).await?, None))
}
