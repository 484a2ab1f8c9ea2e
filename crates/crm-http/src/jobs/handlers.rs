use actix_web::{web, HttpResponse};
use crm_persistence::jobs::queue::{self, JobView};
use utoipa::IntoParams;
use uuid::Uuid;

use crate::auth::ReqCtx;
use crate::etag::ok;
use crate::list_query::{ListQuery, PageOf, PageParams};
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

/// Filters of `GET /jobs`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct JobFilters {
    /// One or more kinds (comma-separated), e.g. `customers.apply_pool_rules`.
    kind: Option<String>,
    /// One or more of queued, running, done, dead (comma-separated).
    status: Option<String>,
    created_at_from: Option<String>,
    created_at_to: Option<String>,
}

/// The background jobs, newest first: scheduled ones (pool rules hourly, the daily purge)
/// and those the server's changes queue. `q` matches the kind. Sort: created_at (default,
/// newest first), run_at.
#[utoipa::path(get, path = "/api/v1/jobs", tag = "jobs", security(("bearer" = [])), params(PageParams, JobFilters),
    responses((status = 200, body = PageOf<JobView>)))]
pub async fn list_jobs(state: web::Data<AppState>, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(queue::list(&state.db, q.0).await?), None))
}

/// Runs a dead job again from its first attempt.
#[utoipa::path(post, path = "/api/v1/jobs/{id}/retry", tag = "jobs", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = JobView),
        (status = 404, description = "no such job", body = Problem),
        (status = 409, description = "`job.not_dead`: only a dead job can be retried", body = Problem)))]
pub async fn retry_job(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&queue::retry(&state.db, &ctx.0, *id).await?, None))
}
