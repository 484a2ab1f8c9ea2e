use actix_web::{web, HttpResponse};
use crm_persistence::notifications::channels::{self, Settings as NotificationSettings};
use crm_persistence::notifications::{self, NotificationView};
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::ReqCtx;
use crate::etag::ok;
use crate::json::ValidJson;
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

/// The caller's channels per kind of notification: in the app always, by e-mail unless
/// turned off (e-mail needs an address in the profile and the administrator's SMTP settings).
#[utoipa::path(get, path = "/api/v1/me/notification-settings", tag = "notifications", security(("bearer" = [])),
    responses((status = 200, body = NotificationSettings)))]
pub async fn get_notification_settings(state: web::Data<AppState>, ctx: ReqCtx) -> ApiResult<HttpResponse> {
    Ok(ok(&channels::get(&state.db, &ctx.0).await?, None))
}

/// Saves the caller's channels for the kinds given; kinds left out keep theirs.
#[utoipa::path(put, path = "/api/v1/me/notification-settings", tag = "notifications", security(("bearer" = [])), request_body = NotificationSettings,
    responses((status = 200, body = NotificationSettings),
        (status = 422, description = "an unknown or repeated kind, or `in_app` false", body = Problem)))]
pub async fn put_notification_settings(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<NotificationSettings>) -> ApiResult<HttpResponse> {
    Ok(ok(&channels::put(&state.db, &ctx.0, body.0).await?, None))
}
