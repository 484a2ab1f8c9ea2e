use actix_web::{web, HttpResponse};
use crm_persistence::notifications::{self, NotificationView};
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::ReqCtx;
use crate::etag::ok;
use crate::list_query::{ListQuery, PageOf, PageParams};
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

/// Filters of `GET /notifications`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct NotificationFilters {
    /// `true`: only those not read yet.
    unread: Option<bool>,
    /// One or more kinds (comma-separated), e.g. `follow_up.due`.
    kind: Option<String>,
}

/// The caller's notifications, newest first.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "notifications", security(("bearer" = [])), params(PageParams, NotificationFilters),
    responses((status = 200, body = PageOf<NotificationView>)))]
pub async fn list_notifications(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(notifications::list(&state.db, &ctx.0, q.0).await?), None))
}

#[derive(Serialize, ToSchema)]
#[schema(example = json!({"count": 3}))]
pub struct UnreadCount {
    pub count: u64,
}

/// How many of the caller's notifications are unread (the bell; poll it every 30 s).
#[utoipa::path(get, path = "/api/v1/notifications/unread-count", tag = "notifications", security(("bearer" = [])),
    responses((status = 200, body = UnreadCount)))]
pub async fn unread_count(state: web::Data<AppState>, ctx: ReqCtx) -> ApiResult<HttpResponse> {
    Ok(ok(&UnreadCount { count: notifications::unread_count(&state.db, &ctx.0).await? }, None))
}

#[derive(Serialize, ToSchema)]
#[schema(example = json!({"updated": 3}))]
pub struct ReadAll {
    /// How many were unread.
    pub updated: u64,
}

/// Marks all the caller's notifications read.
#[utoipa::path(post, path = "/api/v1/notifications/read-all", tag = "notifications", security(("bearer" = [])),
    responses((status = 200, body = ReadAll)))]
pub async fn read_all(state: web::Data<AppState>, ctx: ReqCtx) -> ApiResult<HttpResponse> {
    Ok(ok(&ReadAll { updated: notifications::read_all(&state.db, &ctx.0).await? }, None))
}

/// Marks one of the caller's notifications read (read again: unchanged).
#[utoipa::path(post, path = "/api/v1/notifications/{id}/read", tag = "notifications", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = NotificationView), (status = 404, description = "no such notification of the caller's", body = Problem)))]
pub async fn read_notification(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&notifications::read(&state.db, &ctx.0, *id).await?, None))
}
