use actix_web::{web, HttpResponse};
use crm_domain::calendar::Calendar;
use crm_domain::DomainError;
use crm_persistence::workbench::{self, Frame, Reach, Workbench};
use serde::Deserialize;
use serde_json::json;
use utoipa::IntoParams;

use crate::auth::ReqCtx;
use crate::etag::ok;
use crate::problem::ApiResult;
use crate::state::AppState;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WorkbenchQuery {
    /// `mine` (default): the caller's own records; `team`: every record in their data
    /// scope, each card with a count per owner.
    reach: Option<Reach>,
    /// The caller's IANA time zone, which "today" and "this week" are in; default UTC.
    #[param(example = "Asia/Shanghai")]
    tz: Option<String>,
    /// How many days ahead the warning cards look (customers returning to the pool), 1–30; default 3.
    #[param(minimum = 1, maximum = 30)]
    horizon_days: Option<i64>,
    /// Items listed per card, 1–20; default 5.
    #[param(minimum = 1, maximum = 20)]
    limit: Option<u64>,
}

fn in_range<T: PartialOrd + Copy + std::fmt::Display>(field: &str, v: Option<T>, default: T, min: T, max: T) -> Result<T, DomainError> {
    let v = v.unwrap_or(default);
    if v < min || v > max {
        let message = format!("'{field}' must be from {min} to {max}");
        return Err(DomainError::bad_request("query.invalid", message.clone())
            .with_extra(json!({"errors": [{"field": field, "code": "out_of_range", "message": message}]})));
    }
    Ok(v)
}

/// The caller's cards for today (工作台): follow-ups due today and overdue, customers the
/// pool rules return within `horizon_days`, new customers this week, and the records they
/// changed last. Each card appears only with its module's read permission and counts only
/// what the caller's data scope shows.
#[utoipa::path(get, path = "/api/v1/workbench", tag = "workbench", security(("bearer" = [])), params(WorkbenchQuery),
    responses((status = 200, body = Workbench)))]
pub async fn get_workbench(state: web::Data<AppState>, ctx: ReqCtx, q: web::Query<WorkbenchQuery>) -> ApiResult<HttpResponse> {
    let calendar = Calendar::parse("tz", q.tz.as_deref())?;
    let horizon = in_range("horizon_days", q.horizon_days, 3, 1, 30)?;
    let limit = in_range("limit", q.limit, 5, 1, 20)?;
    let frame = Frame::new(q.reach.unwrap_or(Reach::Mine), calendar, ctx.0.now, horizon, limit);
    Ok(ok(&workbench::workbench(&state.db, &ctx.0, frame).await?, None))
}
