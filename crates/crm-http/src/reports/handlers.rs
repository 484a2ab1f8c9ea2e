use actix_web::{web, HttpResponse};
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
