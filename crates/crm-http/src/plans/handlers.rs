use actix_web::{web, HttpResponse};
use crm_domain::plans::{SalesPlanInput, SalesPlanPatch, WeeklyReportInput, WeeklyReportPatch};
use crm_persistence::kit;
use crm_persistence::plans::sales_plans::{self as plans, SalesPlanView, SalesPlans};
use crm_persistence::plans::weekly_reports::{self as reports, WeeklyReportView, WeeklyReports};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

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
pub struct PlanFilters {
    owner_id: Option<Uuid>,
    /// `2026-12`, `2026-Q4` or `2026`.
    period: Option<String>,
    period_start_from: Option<chrono::NaiveDate>,
    period_start_to: Option<chrono::NaiveDate>,
}

/// Plans the caller may see (their own, and those of owners in their data scope), the
/// latest period first. `q` matches the content. Sort: period_start, updated_at.
#[utoipa::path(get, path = "/api/v1/sales-plans", tag = "sales-plans", security(("bearer" = [])), params(PageParams, PlanFilters),
    responses((status = 200, body = PageOf<SalesPlanView>)))]
pub async fn list_plans(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(kit::list::<SalesPlans>(&state.db, &ctx.0, q.0).await?), None))
}

/// A plan for the caller, or for someone whose records they see; one per person and
/// period (409 `sales_plan.duplicate` with `existing_id`).
#[utoipa::path(post, path = "/api/v1/sales-plans", tag = "sales-plans", security(("bearer" = [])), request_body = SalesPlanInput,
    responses((status = 201, body = SalesPlanView, headers(("ETag" = String), ("Location" = String))), (status = 409, description = "`sales_plan.duplicate`", body = Problem)))]
pub async fn create_plan(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<SalesPlanInput>) -> ApiResult<HttpResponse> {
    let p = plans::create(&state.db, &ctx.0, body.0).await?;
    Ok(created(&p, format!("/api/v1/sales-plans/{}", p.id), Some(p.version)))
}

crate::batch_endpoint!(
    /// Creates up to 1000 plans (say each rep's target for every month of a year), each
    /// checked and answered as a single create (an owner in the caller's scope, one plan
    /// per person and period, the items before it included), in one transaction: the
    /// refused ones are left out, or with `atomic=true` nothing is written.
    batch_plans, SalesPlanBatch, SalesPlanInput, "/api/v1/sales-plans/batch", "sales-plans", plans::batch,
    json!({"items": [{"period": "2027-01", "target_amount": "300000.00", "planned_customers": 12}, {"period": "2027-02", "target_amount": "320000.00"}]})
);

#[utoipa::path(get, path = "/api/v1/sales-plans/{id}", tag = "sales-plans", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = SalesPlanView, headers(("ETag" = String)))))]
pub async fn get_plan(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let p = kit::get::<SalesPlans>(&state.db, &ctx.0, *id).await?;
    Ok(ok(&p, Some(p.version)))
}

/// Changes a plan's target, planned customers or content.
#[utoipa::path(patch, path = "/api/v1/sales-plans/{id}", tag = "sales-plans", security(("bearer" = [])), request_body = SalesPlanPatch,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = SalesPlanView, headers(("ETag" = String)))))]
pub async fn update_plan(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<SalesPlanPatch>) -> ApiResult<HttpResponse> {
    let p = plans::update(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    Ok(ok(&p, Some(p.version)))
}

/// Moves the plan to the recycle bin.
#[utoipa::path(delete, path = "/api/v1/sales-plans/{id}", tag = "sales-plans", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204, description = "moved to the recycle bin")))]
pub async fn delete_plan(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    plans::delete(&state.db, &ctx.0, *id, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ReportFilters {
    owner_id: Option<Uuid>,
    /// An ISO week, `2026-W49`.
    week: Option<String>,
    week_start_from: Option<chrono::NaiveDate>,
    week_start_to: Option<chrono::NaiveDate>,
}

/// Reports the caller may see (their own, and their data scope's), the latest week
/// first. `q` matches the summary. Sort: week_start, updated_at.
#[utoipa::path(get, path = "/api/v1/weekly-reports", tag = "weekly-reports", security(("bearer" = [])), params(PageParams, ReportFilters),
    responses((status = 200, body = PageOf<WeeklyReportView>)))]
pub async fn list_reports(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(kit::list::<WeeklyReports>(&state.db, &ctx.0, q.0).await?), None))
}

/// The caller's report of a week, with the week's figures counted by the server (their
/// new customers, follow-ups, new opportunities and won amount, UTC days); one per week
/// (409 `weekly_report.duplicate` with `existing_id`).
#[utoipa::path(post, path = "/api/v1/weekly-reports", tag = "weekly-reports", security(("bearer" = [])), request_body = WeeklyReportInput,
    responses((status = 201, body = WeeklyReportView, headers(("ETag" = String), ("Location" = String))), (status = 409, description = "`weekly_report.duplicate`", body = Problem)))]
pub async fn create_report(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<WeeklyReportInput>) -> ApiResult<HttpResponse> {
    let r = reports::create(&state.db, &ctx.0, body.0).await?;
    Ok(created(&r, format!("/api/v1/weekly-reports/{}", r.id), Some(r.version)))
}

crate::batch_endpoint!(
    /// Creates up to 1000 of the caller's own weekly reports (weeks carried over from
    /// another system), each checked, counted and answered as a single create (one report
    /// per week, the items before it included), in one transaction: the refused ones are
    /// left out, or with `atomic=true` nothing is written.
    batch_reports, WeeklyReportBatch, WeeklyReportInput, "/api/v1/weekly-reports/batch", "weekly-reports", reports::batch,
    json!({"items": [{"week": "2026-W48", "summary": "拜访 5 家客户", "next_week_plan": "跟进报价"}, {"week": "2026-W49", "summary": "签约 1 单"}]})
);

#[utoipa::path(get, path = "/api/v1/weekly-reports/{id}", tag = "weekly-reports", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = WeeklyReportView, headers(("ETag" = String)))))]
pub async fn get_report(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let r = kit::get::<WeeklyReports>(&state.db, &ctx.0, *id).await?;
    Ok(ok(&r, Some(r.version)))
}

/// The author changes their report's text (409 `weekly_report.not_yours` for anyone
/// else); the figures are counted again.
#[utoipa::path(patch, path = "/api/v1/weekly-reports/{id}", tag = "weekly-reports", security(("bearer" = [])), request_body = WeeklyReportPatch,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = WeeklyReportView, headers(("ETag" = String))), (status = 409, description = "`weekly_report.not_yours`", body = Problem)))]
pub async fn update_report(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<WeeklyReportPatch>) -> ApiResult<HttpResponse> {
    let r = reports::update(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    Ok(ok(&r, Some(r.version)))
}

/// Moves the report to the recycle bin.
#[utoipa::path(delete, path = "/api/v1/weekly-reports/{id}", tag = "weekly-reports", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204, description = "moved to the recycle bin")))]
pub async fn delete_report(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    reports::delete(&state.db, &ctx.0, *id, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"comment": "客户拜访质量不错，下周重点推进报价。"}))]
pub struct ReportComment {
    /// At most 2000 characters; line breaks allowed.
    pub comment: String,
}

/// A manager whose data scope covers the author comments the report (the latest
/// comment stands); the author cannot (409 `weekly_report.own_report`).
#[utoipa::path(post, path = "/api/v1/weekly-reports/{id}/comment", tag = "weekly-reports", security(("bearer" = [])), request_body = ReportComment,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = WeeklyReportView, headers(("ETag" = String))), (status = 409, description = "`weekly_report.own_report`", body = Problem)))]
pub async fn comment_report(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<ReportComment>) -> ApiResult<HttpResponse> {
    let r = reports::comment(&state.db, &ctx.0, *id, &body.0.comment, if_match.0).await?;
    Ok(ok(&r, Some(r.version)))
}

/// The sales plans in the caller's scope as a file, with what each achieved. Takes the list's filters, `q` and `sort`.
#[utoipa::path(get, path = "/api/v1/sales-plans/export", tag = "sales-plans", security(("bearer" = [])), params(ExportFormat, PlanFilters),
    responses((status = 200, description = "CSV streamed as it is made, or an XLSX file", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
pub async fn export_plans(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery, req: actix_web::HttpRequest) -> ApiResult<HttpResponse> {
    crate::export::download(&state, &ctx.0, &crm_persistence::exports::lists::SALES_PLANS, q.0, &req).await
}

/// The weekly reports in the caller's scope as a file. Takes the list's filters, `q` and `sort`.
#[utoipa::path(get, path = "/api/v1/weekly-reports/export", tag = "weekly-reports", security(("bearer" = [])), params(ExportFormat, ReportFilters),
    responses((status = 200, description = "CSV streamed as it is made, or an XLSX file", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
pub async fn export_reports(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery, req: actix_web::HttpRequest) -> ApiResult<HttpResponse> {
    crate::export::download(&state, &ctx.0, &crm_persistence::exports::lists::WEEKLY_REPORTS, q.0, &req).await
}
