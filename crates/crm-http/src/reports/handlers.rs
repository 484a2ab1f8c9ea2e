use actix_web::{web, HttpRequest, HttpResponse};
use crm_persistence::opportunities::report_files;
use crm_persistence::opportunities::reports::{self, Forecast, Funnel, GroupReport};
use utoipa::IntoParams;
use uuid::Uuid;

use crate::auth::ReqCtx;
use crate::etag::ok;
use crate::list_query::ListQuery;
use crate::problem::ApiResult;
use crate::state::AppState;

/// The opportunities a report counts: the caller's data scope and these filters (as the
/// opportunities list takes them).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ReportFilters {
    owner_id: Option<Uuid>,
    customer_id: Option<Uuid>,
    currency: Option<String>,
    /// A code of the `customer_source` dictionary.
    source: Option<String>,
    /// Matches the opportunity's name.
    q: Option<String>,
    /// The first day counted (see each report for which date).
    from: Option<chrono::NaiveDate>,
    /// The last day counted.
    to: Option<chrono::NaiveDate>,
}

/// The sales funnel: per open stage in board order, what is in it (count, amount,
/// weighted amount), how many got that far (in it, a later open stage, or won) and the
/// share of those that went on; won and lost totals and the win rate. `from`/`to` bound
/// when the opportunities were created.
#[utoipa::path(get, path = "/api/v1/reports/funnel", tag = "reports", security(("bearer" = [])), params(ReportFilters),
    responses((status = 200, body = Funnel)))]
pub async fn funnel_report(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&reports::funnel(&state.db, &ctx.0, q.0).await?, None))
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ForecastParams {
    /// month (default) or quarter.
    period: Option<reports::Period>,
}

/// The forecast: open opportunities by the period they are expected to close in, with
/// their weighted amount (amount × probability), beside what was won in each period (by
/// when it closed). Periods are UTC; `from`/`to` bound them.
#[utoipa::path(get, path = "/api/v1/reports/forecast", tag = "reports", security(("bearer" = [])), params(ForecastParams, ReportFilters),
    responses((status = 200, body = Forecast)))]
pub async fn forecast_report(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&reports::forecast(&state.db, &ctx.0, q.0).await?, None))
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct GroupParams {
    /// stage, owner, month (created), province (the customer's) or product (its lines).
    group_by: reports::GroupBy,
}

/// Opportunities counted and added up by stage, owner, month created, the customer's
/// province, or product (by its lines' subtotals), the largest amount first. `from`/`to`
/// bound when the opportunities were created.
#[utoipa::path(get, path = "/api/v1/reports/opportunities", tag = "reports", security(("bearer" = [])), params(GroupParams, ReportFilters),
    responses((status = 200, body = GroupReport)))]
pub async fn opportunities_report(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&reports::by_group(&state.db, &ctx.0, q.0).await?, None))
}

/// How a report is downloaded.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ReportFile {
    /// `csv` (UTF-8 with a byte-order mark) or `xlsx` (figures as numbers).
    format: String,
    /// `true`: field names as headers and stage names as stored (Chinese), for scripts. By
    /// default headers, stage names and the won/lost/win-rate rows are in the language of
    /// `Accept-Language`.
    raw: Option<bool>,
}

/// The funnel as a file: a row per open stage (count, amount, weighted amount, reached,
/// conversion rate), then won, lost and the win rate; the same filters as the report.
#[utoipa::path(get, path = "/api/v1/reports/funnel/export", tag = "reports", security(("bearer" = [])), params(ReportFile, ReportFilters),
    responses((status = 200, description = "the funnel as CSV or XLSX", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
pub async fn export_funnel(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery, req: HttpRequest) -> ApiResult<HttpResponse> {
    let mut params = q.0;
    let (format, reader) = crate::export::take_export(&mut params, &req)?;
    let file = report_files::funnel(&state.db, &ctx.0, params, format, reader).await?;
    Ok(crate::export::respond(file, "funnel", ctx.0.now))
}

/// The forecast as a file: a row per period (open count, amount, weighted amount, won
/// count, won amount); the same parameters as the report.
#[utoipa::path(get, path = "/api/v1/reports/forecast/export", tag = "reports", security(("bearer" = [])), params(ReportFile, ForecastParams, ReportFilters),
    responses((status = 200, description = "the forecast as CSV or XLSX", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
pub async fn export_forecast(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery, req: HttpRequest) -> ApiResult<HttpResponse> {
    let mut params = q.0;
    let (format, reader) = crate::export::take_export(&mut params, &req)?;
    let file = report_files::forecast(&state.db, &ctx.0, params, format, reader).await?;
    Ok(crate::export::respond(file, "forecast", ctx.0.now))
}

/// Opportunities by group as a file: a row per group (its name, count, amount, weighted
/// amount), the largest amount first; the same parameters as the report.
#[utoipa::path(get, path = "/api/v1/reports/opportunities/export", tag = "reports", security(("bearer" = [])), params(ReportFile, GroupParams, ReportFilters),
    responses((status = 200, description = "the groups as CSV or XLSX", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
pub async fn export_opportunities_report(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery, req: HttpRequest) -> ApiResult<HttpResponse> {
    let mut params = q.0;
    let (format, reader) = crate::export::take_export(&mut params, &req)?;
    let file = report_files::by_group(&state.db, &ctx.0, params, format, reader).await?;
    Ok(crate::export::respond(file, "opportunities-report", ctx.0.now))
}
