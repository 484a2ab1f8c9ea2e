use actix_web::{web, HttpResponse};
use crm_domain::receivables::{InvoiceInput, InvoicePatch, PaymentInput, PaymentPatch, PaymentPlanInput, PaymentPlanPatch, VoidInput};
use crm_persistence::approvals::views;
use crm_persistence::kit;
use crm_persistence::receivables::invoices::{self, InvoiceApproval, InvoiceView, Invoices, TitleView};
use crm_persistence::receivables::payments::{self, PaymentApproval, PaymentView, Payments};
use crm_persistence::receivables::plans::{self, PaymentPlanView, PaymentPlans};
use utoipa::IntoParams;
use uuid::Uuid;

use crate::approvals::dto::ApprovalDetail;
use crate::auth::ReqCtx;
use crate::export::ExportFormat;
use crate::etag::{created, ok, IfMatch};
use crate::json::ValidJson;
use crate::list_query::{ListQuery, PageOf, PageParams};
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct PaymentPlanFilters {
    contract_id: Option<Uuid>,
    customer_id: Option<Uuid>,
    /// `pending`, `partial`, `paid` or `overdue` as of today (UTC); comma-separated for several.
    #[param(pattern = "^(pending|partial|paid|overdue)(,(pending|partial|paid|overdue))*$")]
    status: Option<String>,
    /// `true`: due before today and not fully received, on a contract that took effect.
    overdue: Option<bool>,
    due_date_from: Option<chrono::NaiveDate>,
    due_date_to: Option<chrono::NaiveDate>,
    created_at_from: Option<String>,
    created_at_to: Option<String>,
    updated_at_from: Option<String>,
    updated_at_to: Option<String>,
}

/// The instalments of contracts the caller may see, soonest due first.
#[utoipa::path(get, path = "/api/v1/payment-plans", tag = "payment_plans", security(("bearer" = [])), params(PageParams, PaymentPlanFilters),
    responses((status = 200, body = PageOf<PaymentPlanView>)))]
pub async fn list_payment_plans(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(kit::list::<PaymentPlans>(&state.db, &ctx.0, q.0).await?), None))
}

/// A new instalment of a contract the caller may change (404 otherwise; 409
/// `payment_plan.contract_void` for a void one), numbered next unless `instalment` is
/// given (422 `taken` when the contract has it). The plans' total may not exceed the
/// contract's amount: 422 `payment_plan.over_contract` with `available`.
#[utoipa::path(post, path = "/api/v1/payment-plans", tag = "payment_plans", security(("bearer" = [])), request_body = PaymentPlanInput,
    params(("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = PaymentPlanView, headers(("ETag" = String), ("Location" = String))), (status = 404, body = Problem),
        (status = 409, description = "`payment_plan.contract_void`", body = Problem), (status = 422, description = "`payment_plan.over_contract`, field errors", body = Problem)))]
pub async fn create_payment_plan(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<PaymentPlanInput>) -> ApiResult<HttpResponse> {
    let p = plans::create(&state.db, &ctx.0, body.0).await?;
    Ok(created(&p, format!("/api/v1/payment-plans/{}", p.id), Some(p.version)))
}

crate::batch_endpoint!(
    /// Creates up to 1000 instalments, each checked and answered as a single create (room
    /// left on the contract, a free instalment number, the items before it counted), in one
    /// transaction: the refused ones are left out, or with `atomic=true` nothing is written.
    batch_payment_plans, PaymentPlanBatch, PaymentPlanInput, "/api/v1/payment-plans/batch", "payment_plans", plans::batch,
    json!({"items": [{"contract_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ee0", "due_date": "2027-01-31", "amount": "75000.00", "remark": "首付 50%"},
        {"contract_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ee0", "due_date": "2027-06-30", "amount": "75000.00"}]})
);

#[utoipa::path(get, path = "/api/v1/payment-plans/{id}", tag = "payment_plans", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = PaymentPlanView, headers(("ETag" = String)))))]
pub async fn get_payment_plan(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let p = kit::get::<PaymentPlans>(&state.db, &ctx.0, *id).await?;
    Ok(ok(&p, Some(p.version)))
}

/// Changes an instalment's due date, amount or remark: the plans stay within the
/// contract's amount (422 `payment_plan.over_contract`) and the amount at or above what it
/// received (422 `below_received`).
#[utoipa::path(patch, path = "/api/v1/payment-plans/{id}", tag = "payment_plans", security(("bearer" = [])), request_body = PaymentPlanPatch,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = PaymentPlanView), (status = 422, description = "`payment_plan.over_contract`, `below_received`", body = Problem)))]
pub async fn update_payment_plan(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<PaymentPlanPatch>) -> ApiResult<HttpResponse> {
    let p = plans::update(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    Ok(ok(&p, Some(p.version)))
}

/// An instalment that no payment names goes to the recycle bin (409 `payment_plan.has_payments`).
#[utoipa::path(delete, path = "/api/v1/payment-plans/{id}", tag = "payment_plans", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204, description = "moved to the recycle bin"), (status = 409, description = "`payment_plan.has_payments`", body = Problem)))]
pub async fn delete_payment_plan(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    plans::delete(&state.db, &ctx.0, *id, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct PaymentFilters {
    contract_id: Option<Uuid>,
    customer_id: Option<Uuid>,
    plan_id: Option<Uuid>,
    /// `draft`, `pending` or `confirmed`; comma-separated for several.
    status: Option<String>,
    /// A `payment_method` code.
    method: Option<String>,
    received_date_from: Option<chrono::NaiveDate>,
    received_date_to: Option<chrono::NaiveDate>,
    created_at_from: Option<String>,
    created_at_to: Option<String>,
    updated_at_from: Option<String>,
    updated_at_to: Option<String>,
}

/// Payments on contracts the caller may see, newest change first; `q` matches the number
/// and the reference.
#[utoipa::path(get, path = "/api/v1/payments", tag = "payments", security(("bearer" = [])), params(PageParams, PaymentFilters),
    responses((status = 200, body = PageOf<PaymentView>)))]
pub async fn list_payments(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(kit::list::<Payments>(&state.db, &ctx.0, q.0).await?), None))
}

/// The whole filtered payment list as CSV (streamed) or XLSX, with the list's filters, `q` and
/// `sort`: for people, headers and labels in their language and times in `tz`; `raw=true`
/// keeps field names, codes and UTC.
#[utoipa::path(get, path = "/api/v1/payments/export", tag = "payments", security(("bearer" = [])), params(crate::export::ExportFormat, PaymentFilters),
    responses((status = 200, description = "CSV streamed as it is made, or an XLSX file", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
pub async fn export_payments(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery, req: actix_web::HttpRequest) -> ApiResult<HttpResponse> {
    crate::export::download(&state, &ctx.0, &crm_persistence::exports::lists::PAYMENTS, q.0, &req).await
}

/// A draft payment `HK-<year>-<n>` on a contract the caller may change that took effect
/// (404 otherwise, 409 `contract.not_in_force` for a draft, pending or void one), naming one
/// of its instalments or none. More than the contract's outstanding amount less its other
/// pending payments is a 422 `payment.over_outstanding` (with `available`) unless the
/// caller holds `payments:override`. It counts once submitted and confirmed.
#[utoipa::path(post, path = "/api/v1/payments", tag = "payments", security(("bearer" = [])), request_body = PaymentInput,
    params(("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = PaymentView, headers(("ETag" = String), ("Location" = String))), (status = 404, body = Problem),
        (status = 409, description = "`contract.not_in_force`", body = Problem), (status = 422, description = "`payment.over_outstanding`, field errors", body = Problem)))]
pub async fn create_payment(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<PaymentInput>) -> ApiResult<HttpResponse> {
    let p = payments::create(&state.db, &ctx.0, body.0).await?;
    Ok(created(&p, format!("/api/v1/payments/{}", p.id), Some(p.version)))
}

crate::batch_endpoint!(
    /// Records up to 1000 draft payments, each checked and answered as a single create (a
    /// contract in force, 409 `contract.not_in_force`; room left on it, 422
    /// `payment.over_outstanding`, which drafts do not take; numbered in its turn), in one
    /// transaction: the refused ones are left out, or with `atomic=true` nothing is written.
    batch_payments, PaymentBatch, PaymentInput, "/api/v1/payments/batch", "payments", payments::batch,
    json!({"items": [{"contract_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ee0", "amount": "50000.00", "received_date": "2027-01-20", "method": "bank_transfer", "reference": "HX20270120001"}]})
);

#[utoipa::path(get, path = "/api/v1/payments/{id}", tag = "payments", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = PaymentView, headers(("ETag" = String)))))]
pub async fn get_payment(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let p = kit::get::<Payments>(&state.db, &ctx.0, *id).await?;
    Ok(ok(&p, Some(p.version)))
}

/// Changes a draft payment (409 `approval.pending` while it waits, `payment.confirmed` once counted).
#[utoipa::path(patch, path = "/api/v1/payments/{id}", tag = "payments", security(("bearer" = [])), request_body = PaymentPatch,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = PaymentView), (status = 409, description = "`approval.pending`, `payment.confirmed`", body = Problem),
        (status = 422, description = "`payment.over_outstanding`, field errors", body = Problem)))]
pub async fn update_payment(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<PaymentPatch>) -> ApiResult<HttpResponse> {
    let p = payments::update(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    Ok(ok(&p, Some(p.version)))
}

/// A draft payment goes to the recycle bin (409 `approval.pending`, `payment.confirmed`).
#[utoipa::path(delete, path = "/api/v1/payments/{id}", tag = "payments", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204, description = "moved to the recycle bin"), (status = 409, description = "`approval.pending`, `payment.confirmed`", body = Problem)))]
pub async fn delete_payment(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    payments::delete(&state.db, &ctx.0, *id, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Submits a draft payment: checked against the contract's outstanding amount and its other
/// pending payments (422 `payment.over_outstanding` unless the caller holds
/// `payments:override`), then `pending` until a `payment` flow decides it, or confirmed at
/// once without one. Confirmed, it counts on the contract and on its instalment.
#[utoipa::path(post, path = "/api/v1/payments/{id}/submit", tag = "payments", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 201, body = ApprovalDetail, headers(("Location" = String))),
        (status = 409, description = "`approval.pending`, `payment.confirmed`, `contract.not_in_force`", body = Problem),
        (status = 422, description = "`payment.over_outstanding`", body = Problem)))]
pub async fn submit_payment(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let approval = crm_persistence::approvals::submit(&state.db, &ctx.0, &PaymentApproval, *id).await?;
    let detail = views::get(&state.db, &ctx.0, approval).await?;
    Ok(created(&detail, format!("/api/v1/approvals/{approval}"), None))
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct InvoiceFilters {
    contract_id: Option<Uuid>,
    customer_id: Option<Uuid>,
    /// `draft`, `pending`, `issued` or `void`; comma-separated for several.
    status: Option<String>,
    /// `vat_special`, `vat_normal` or `other`.
    r#type: Option<String>,
    issue_date_from: Option<chrono::NaiveDate>,
    issue_date_to: Option<chrono::NaiveDate>,
    created_at_from: Option<String>,
    created_at_to: Option<String>,
    updated_at_from: Option<String>,
    updated_at_to: Option<String>,
}

/// Invoices on contracts the caller may see, newest change first; `q` matches the number
/// and the title.
#[utoipa::path(get, path = "/api/v1/invoices", tag = "invoices", security(("bearer" = [])), params(PageParams, InvoiceFilters),
    responses((status = 200, body = PageOf<InvoiceView>)))]
pub async fn list_invoices(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(kit::list::<Invoices>(&state.db, &ctx.0, q.0).await?), None))
}

/// The whole filtered invoice list as CSV (streamed) or XLSX, with the list's filters, `q` and
/// `sort`: for people, headers and labels in their language and times in `tz`; `raw=true`
/// keeps field names, codes and UTC.
#[utoipa::path(get, path = "/api/v1/invoices/export", tag = "invoices", security(("bearer" = [])), params(crate::export::ExportFormat, InvoiceFilters),
    responses((status = 200, description = "CSV streamed as it is made, or an XLSX file", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
pub async fn export_invoices(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery, req: actix_web::HttpRequest) -> ApiResult<HttpResponse> {
    crate::export::download(&state, &ctx.0, &crm_persistence::exports::lists::INVOICES, q.0, &req).await
}

/// A draft invoice `FP-<year>-<n>` on a contract the caller may change that took effect
/// (404, 409 `contract.not_in_force`). A VAT special invoice is made out to a company with
/// its tax number (422). The contract's issued and pending invoices with this one may not
/// exceed its amount: 422 `invoice.over_contract` (with `available`) unless the caller holds
/// `invoices:override`.
#[utoipa::path(post, path = "/api/v1/invoices", tag = "invoices", security(("bearer" = [])), request_body = InvoiceInput,
    params(("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = InvoiceView, headers(("ETag" = String), ("Location" = String))), (status = 404, body = Problem),
        (status = 409, description = "`contract.not_in_force`", body = Problem), (status = 422, description = "`invoice.over_contract`, field errors", body = Problem)))]
pub async fn create_invoice(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<InvoiceInput>) -> ApiResult<HttpResponse> {
    let i = invoices::create(&state.db, &ctx.0, body.0).await?;
    Ok(created(&i, format!("/api/v1/invoices/{}", i.id), Some(i.version)))
}

crate::batch_endpoint!(
    /// Creates up to 1000 draft invoices, each checked and answered as a single create (a
    /// contract that took effect, room left on it, which drafts do not take; numbered in its
    /// turn), in one transaction: the refused ones are left out, or with `atomic=true`
    /// nothing is written.
    batch_invoices, InvoiceBatch, InvoiceInput, "/api/v1/invoices/batch", "invoices", invoices::batch,
    json!({"items": [{"contract_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ee0", "type": "vat_special", "title_type": "company", "title": "杭州云帆科技有限公司", "tax_number": "91330106MA2B3C4D5E", "amount": "50000.00", "tax_rate_percent": "13"}]})
);

#[utoipa::path(get, path = "/api/v1/invoices/{id}", tag = "invoices", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = InvoiceView, headers(("ETag" = String)))))]
pub async fn get_invoice(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let i = kit::get::<Invoices>(&state.db, &ctx.0, *id).await?;
    Ok(ok(&i, Some(i.version)))
}

/// Changes a draft invoice (409 `approval.pending`, `invoice.not_draft`).
#[utoipa::path(patch, path = "/api/v1/invoices/{id}", tag = "invoices", security(("bearer" = [])), request_body = InvoicePatch,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = InvoiceView), (status = 409, description = "`approval.pending`, `invoice.not_draft`", body = Problem),
        (status = 422, description = "`invoice.over_contract`, field errors", body = Problem)))]
pub async fn update_invoice(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<InvoicePatch>) -> ApiResult<HttpResponse> {
    let i = invoices::update(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    Ok(ok(&i, Some(i.version)))
}

/// A draft invoice goes to the recycle bin; a submitted or issued one is voided instead (409).
#[utoipa::path(delete, path = "/api/v1/invoices/{id}", tag = "invoices", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204, description = "moved to the recycle bin"), (status = 409, description = "`approval.pending`, `invoice.not_draft`", body = Problem)))]
pub async fn delete_invoice(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    invoices::delete(&state.db, &ctx.0, *id, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Submits a draft invoice (422 `invoice.over_contract` unless `invoices:override`): pending
/// until an `invoice` flow decides it, issued at once without one. Issued, it counts in the
/// contract's invoiced amount and its title is remembered for the customer.
#[utoipa::path(post, path = "/api/v1/invoices/{id}/submit", tag = "invoices", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 201, body = ApprovalDetail, headers(("Location" = String))),
        (status = 409, description = "`approval.pending`, `invoice.not_draft`, `contract.not_in_force`", body = Problem),
        (status = 422, description = "`invoice.over_contract`", body = Problem)))]
pub async fn submit_invoice(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let approval = crm_persistence::approvals::submit(&state.db, &ctx.0, &InvoiceApproval, *id).await?;
    let detail = views::get(&state.db, &ctx.0, approval).await?;
    Ok(created(&detail, format!("/api/v1/approvals/{approval}"), None))
}

/// Voids a draft or issued invoice with a reason (作废/红冲); an issued one leaves the
/// contract's invoiced amount. 409 `invoice.not_voidable` while pending or once void.
#[utoipa::path(post, path = "/api/v1/invoices/{id}/void", tag = "invoices", security(("bearer" = [])), request_body = VoidInput,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = InvoiceView, headers(("ETag" = String))), (status = 409, description = "`invoice.not_voidable`", body = Problem)))]
pub async fn void_invoice(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<VoidInput>) -> ApiResult<HttpResponse> {
    let i = invoices::void(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    Ok(ok(&i, Some(i.version)))
}

/// The invoice titles a customer the caller sees was issued invoices under, most recently
/// used first (at most 20): what a new invoice offers to fill in.
#[utoipa::path(get, path = "/api/v1/customers/{id}/invoice-titles", tag = "invoices", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<TitleView>), (status = 404, body = Problem)))]
pub async fn customer_invoice_titles(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&invoices::titles(&state.db, &ctx.0, *id).await?, None))
}

/// The instalments of the contracts the caller sees as a file, with what was received and each one's status today. Takes the list's filters, `q` and `sort`.
#[utoipa::path(get, path = "/api/v1/payment-plans/export", tag = "payment_plans", security(("bearer" = [])), params(ExportFormat, PaymentPlanFilters),
    responses((status = 200, description = "CSV streamed as it is made, or an XLSX file", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
pub async fn export_payment_plans(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery, req: actix_web::HttpRequest) -> ApiResult<HttpResponse> {
    crate::export::download(&state, &ctx.0, &crm_persistence::exports::lists::PAYMENT_PLANS, q.0, &req).await
}
