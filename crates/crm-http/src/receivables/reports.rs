//! The contract and receivables reports, and the reminders' settings.
use actix_web::{web, HttpRequest, HttpResponse};
use crm_persistence::receivables::reminders::{self, ReminderSettings, SettingsView};
use crm_persistence::receivables::report::{self, AgeingGroup, AgeingReport, ContractGroup, ContractReport};
use utoipa::IntoParams;
use uuid::Uuid;

use crate::auth::ReqCtx;
use crate::etag::{ok, IfMatch};
use crate::json::ValidJson;
use crate::list_query::ListQuery;
use crate::problem::ApiResult;
use crate::reports::handlers::ReportFile;
use crate::state::AppState;

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ContractReportParams {
    /// By the month signed (the default), owner, category or customer.
    #[param(inline)]
    group_by: Option<ContractGroup>,
    /// The first day signed counted.
    from: Option<chrono::NaiveDate>,
    /// The last day signed counted.
    to: Option<chrono::NaiveDate>,
    owner_id: Option<Uuid>,
    customer_id: Option<Uuid>,
    /// A `contract_category` code.
    category: Option<String>,
    currency: Option<String>,
    /// Matches the contract's number and name.
    q: Option<String>,
}

/// Contracts that took effect (active, completed, terminated) and the caller sees, signed
/// within `from`..`to`: count, signed, received and outstanding amounts per month, owner,
/// category or customer, and the total. Months come in order, other groups largest first.
#[utoipa::path(get, path = "/api/v1/reports/contracts", tag = "reports", security(("bearer" = [])), params(ContractReportParams),
    responses((status = 200, body = ContractReport)))]
pub async fn contracts_report(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&report::contracts(&state.db, &ctx.0, q.0).await?, None))
}

/// The contracts report as CSV or XLSX: a row per group, then the total.
#[utoipa::path(get, path = "/api/v1/reports/contracts/export", tag = "reports", security(("bearer" = [])), params(ReportFile, ContractReportParams),
    responses((status = 200, description = "the report as CSV or XLSX", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
pub async fn export_contracts_report(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery, req: HttpRequest) -> ApiResult<HttpResponse> {
    let mut params = q.0;
    let (format, reader) = crate::export::take_export(&mut params, &req)?;
    let file = report::contracts_file(&state.db, &ctx.0, params, format, reader).await?;
    Ok(crate::export::respond(file, "contracts-report", ctx.0.now))
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct AgeingParams {
    /// By customer (the default) or the contract's owner.
    #[param(inline)]
    group_by: Option<AgeingGroup>,
    /// The day the ages are counted on; today (UTC) when absent.
    as_of: Option<chrono::NaiveDate>,
    owner_id: Option<Uuid>,
    customer_id: Option<Uuid>,
}

/// 应收账款账龄: what the open instalments of contracts that took effect still owe, per
/// customer or owner, not yet due and by days overdue (1–30, 31–60, 61–90, over 90) on
/// `as_of`; the most overdue first, and the total. Payments that name no instalment
/// lower the contract's outstanding amount, not an instalment's.
#[utoipa::path(get, path = "/api/v1/reports/receivables-ageing", tag = "reports", security(("bearer" = [])), params(AgeingParams),
    responses((status = 200, body = AgeingReport)))]
pub async fn ageing_report(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&report::ageing(&state.db, &ctx.0, q.0).await?, None))
}

/// The ageing report as CSV or XLSX: a row per customer or owner, then the total.
#[utoipa::path(get, path = "/api/v1/reports/receivables-ageing/export", tag = "reports", security(("bearer" = [])), params(ReportFile, AgeingParams),
    responses((status = 200, description = "the report as CSV or XLSX", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
pub async fn export_ageing_report(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery, req: HttpRequest) -> ApiResult<HttpResponse> {
    let mut params = q.0;
    let (format, reader) = crate::export::take_export(&mut params, &req)?;
    let file = report::ageing_file(&state.db, &ctx.0, params, format, reader).await?;
    Ok(crate::export::respond(file, "receivables-ageing", ctx.0.now))
}

/// When the daily reminders tell owners of contracts ending and instalments falling due.
#[utoipa::path(get, path = "/api/v1/settings/contract-reminders", tag = "settings", security(("bearer" = [])),
    responses((status = 200, body = SettingsView, headers(("ETag" = String)))))]
pub async fn get_reminder_settings(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let v = reminders::settings(&state.db).await?;
    Ok(ok(&v, Some(v.version)))
}

/// Saves the reminders' settings (422 `out_of_range`).
#[utoipa::path(put, path = "/api/v1/settings/contract-reminders", tag = "settings", security(("bearer" = [])), request_body = ReminderSettings,
    params(("If-Match" = Option<String>, Header, description = "the ETag last read; a stale one answers 412")),
    responses((status = 200, body = SettingsView, headers(("ETag" = String)))))]
pub async fn put_reminder_settings(state: web::Data<AppState>, ctx: ReqCtx, if_match: IfMatch, body: ValidJson<ReminderSettings>) -> ApiResult<HttpResponse> {
    let v = reminders::put_settings(&state.db, &ctx.0, body.0, if_match.0).await?;
    Ok(ok(&v, Some(v.version)))
}
