use actix_web::{web, HttpResponse};
use crm_persistence::saved_views;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::dto::*;
use crate::auth::ReqCtx;
use crate::etag::{created, ok, IfMatch};
use crate::json::ValidJson;
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ViewFilter {
    /// One list page's views; all when absent.
    resource: Option<String>,
}

/// The caller's own saved views.
#[utoipa::path(get, path = "/api/v1/saved-views", tag = "saved-views", security(("bearer" = [])), params(ViewFilter),
    responses((status = 200, body = SavedViewList)))]
pub async fn list_views(state: web::Data<AppState>, ctx: ReqCtx, q: web::Query<ViewFilter>) -> ApiResult<HttpResponse> {
    let items = saved_views::list(&state.db, &ctx.0, q.resource.as_deref()).await?;
    Ok(ok(&SavedViewList { items }, None))
}

/// Saves a view of a list page for the caller; `is_default` makes it the one the page
/// opens with (and clears that of the others). Names are unique per page (409).
#[utoipa::path(post, path = "/api/v1/saved-views", tag = "saved-views", security(("bearer" = [])), request_body = NewSavedView,
    params(("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = SavedView), (status = 409, body = Problem)))]
pub async fn create_view(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<NewSavedView>) -> ApiResult<HttpResponse> {
    let v = saved_views::create(&state.db, &ctx.0, body.0).await?;
    let (id, version) = (v.id, v.version);
    Ok(created(&v, format!("/api/v1/saved-views/{id}"), Some(version)))
}

/// Another user's view is not found (404).
#[utoipa::path(patch, path = "/api/v1/saved-views/{id}", tag = "saved-views", security(("bearer" = [])), request_body = SavedViewPatch,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = SavedView), (status = 409, body = Problem)))]
pub async fn update_view(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<SavedViewPatch>) -> ApiResult<HttpResponse> {
    let v = saved_views::update(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    let version = v.version;
    Ok(ok(&v, Some(version)))
}

#[utoipa::path(delete, path = "/api/v1/saved-views/{id}", tag = "saved-views", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204, description = "moved to the recycle bin")))]
pub async fn delete_view(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    saved_views::delete(&state.db, &ctx.0, *id, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}
