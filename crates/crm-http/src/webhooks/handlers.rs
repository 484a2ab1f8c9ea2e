use actix_web::{web, HttpResponse};
use crm_domain::webhooks::{catalogue, WebhookInput as NewWebhook, WebhookPatch, WebhookSettings};
use crm_persistence::kit;
use crm_persistence::webhooks::deliver::{self, DeliveryView as WebhookDelivery};
use crm_persistence::webhooks::records::{self, WebhookView as Webhook};
use crm_persistence::webhooks::{target, Webhooks};
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::ReqCtx;
use crate::etag::{created, ok, IfMatch};
use crate::json::ValidJson;
use crate::list_query::{ListQuery, PageOf, PageParams};
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct WebhookFilters {
    enabled: Option<bool>,
}

/// The webhooks. `q` matches the name and the URL.
#[utoipa::path(get, path = "/api/v1/webhooks", tag = "webhooks", security(("bearer" = [])), params(PageParams, WebhookFilters),
    responses((status = 200, body = PageOf<Webhook>)))]
pub async fn list_webhooks(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(kit::list::<Webhooks>(&state.db, &ctx.0, q.0).await?), None))
}

/// Every event a webhook may listen to.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"events": ["*", "customer.created", "customer.updated", "customer.deleted", "customer.restored", "customer.pool_changed"]}))]
pub struct WebhookEvents {
    /// `*` (every event), then `<record>.<verb>`: `created`, `updated` (any change,
    /// including a module's own commands: a claim, a stage move, an approval), `deleted`,
    /// `restored`; and the changes some records add, each also an `updated`:
    /// `customer.pool_changed`, `opportunity.stage_changed`, `lead.converted`,
    /// `contract.activated`, `payment.received`.
    pub events: Vec<String>,
}

/// The events catalogue. Each delivery is a `POST` of
/// `{"id", "event", "created_at", "webhook_id", "data": {"entity", "id", "action", "actor",
/// "request_id", "changes": [{"field", "before", "after"}], "record"}}` with the headers
/// `X-CRM-Event`, `X-CRM-Event-Id` and `X-CRM-Signature: t=<unix seconds>,v1=<hex>`, where
/// `v1` is HMAC-SHA256 under the webhook's secret of `"<t>." + body`. A receiver recomputes
/// it, compares in constant time and refuses a `t` more than five minutes old; it answers
/// 2xx within 10 s, else the event is retried (30 s doubling to an hour, for 24 h). A
/// record's events arrive in the order they were committed, each at least once:
/// deduplicate by `id`.
#[utoipa::path(get, path = "/api/v1/webhooks/events", tag = "webhooks", security(("bearer" = [])),
    responses((status = 200, body = WebhookEvents)))]
pub async fn webhook_events() -> ApiResult<HttpResponse> {
    Ok(ok(&WebhookEvents { events: catalogue() }, None))
}

/// A receiver: its URL, the events it hears and the secret deliveries are signed with.
/// 422 names the bad part: `url` (`invalid`, or `private_target` for loopback, link-local
/// and private addresses, as written or as the host resolves, unless
/// `PUT /settings/webhooks` allows them), `events[i]` (`unknown`, `duplicate`), `secret`
/// (`required`, `invalid`).
#[utoipa::path(post, path = "/api/v1/webhooks", tag = "webhooks", security(("bearer" = [])), request_body = NewWebhook,
    params(("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = Webhook)))]
pub async fn create_webhook(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<NewWebhook>) -> ApiResult<HttpResponse> {
    let w = records::create(&state.db, &ctx.0, &state.secrets, body.0).await?;
    Ok(created(&w, format!("/api/v1/webhooks/{}", w.id), Some(w.version)))
}

crate::batch_endpoint!(state
    /// Creates up to 1000 webhooks, each checked and answered as a single create (its URL's
    /// target, events and secret), in one transaction: the refused ones are left out, or
    /// with `atomic=true` nothing is written.
    batch_webhooks, WebhookBatch, NewWebhook, "/api/v1/webhooks/batch", "webhooks", batch,
    json!({"items": [{"name": "ERP", "url": "https://erp.example.com/crm-events", "events": ["customer.created", "contract.activated"], "secret": "s3cret-at-least-16-chars"}]})
);

/// The batch service with the server's secrets, which seal each webhook's secret.
async fn batch(state: &AppState, ctx: &crm_persistence::Ctx, items: Vec<NewWebhook>, atomic: bool) -> Result<Vec<kit::BatchItem>, crm_domain::DomainError> {
    records::batch(&state.db, ctx, &state.secrets, items, atomic).await
}

#[utoipa::path(get, path = "/api/v1/webhooks/{id}", tag = "webhooks", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Webhook, headers(("ETag" = String)))))]
pub async fn get_webhook(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let w = kit::get::<Webhooks>(&state.db, &ctx.0, *id).await?;
    Ok(ok(&w, Some(w.version)))
}

/// Changes a webhook. A new `secret` replaces the stored one; turning it off cancels the
/// events not yet delivered when their turn comes, and no new ones are written.
#[utoipa::path(patch, path = "/api/v1/webhooks/{id}", tag = "webhooks", security(("bearer" = [])), request_body = WebhookPatch,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = Webhook)))]
pub async fn update_webhook(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<WebhookPatch>) -> ApiResult<HttpResponse> {
    let w = records::update(&state.db, &ctx.0, &state.secrets, *id, body.0, if_match.0).await?;
    Ok(ok(&w, Some(w.version)))
}

/// Moves a webhook to the recycle bin; its undelivered events are cancelled.
#[utoipa::path(delete, path = "/api/v1/webhooks/{id}", tag = "webhooks", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204, description = "moved to the recycle bin")))]
pub async fn delete_webhook(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    records::delete(&state.db, &ctx.0, *id, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct DeliveryFilters {
    /// `delivered` or `failed`.
    status: Option<String>,
    /// An event name, such as `customer.updated`.
    event: Option<String>,
    record_id: Option<Uuid>,
    event_id: Option<Uuid>,
}

/// Every attempt to deliver the webhook's events, newest first: the answer's status, how
/// long it took, and why it failed.
#[utoipa::path(get, path = "/api/v1/webhooks/{id}/deliveries", tag = "webhooks", security(("bearer" = [])), params(("id" = Uuid, Path), PageParams, DeliveryFilters),
    responses((status = 200, body = PageOf<WebhookDelivery>)))]
pub async fn list_deliveries(state: web::Data<AppState>, id: web::Path<Uuid>, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(deliver::list(&state.db, *id, q.0).await?), None))
}

/// Sends the attempt's event again, now, with a fresh 24 hours of retries (202: the
/// attempt shows in the log when made). 409 `webhook.delivery_in_progress` while it is
/// being sent.
#[utoipa::path(post, path = "/api/v1/webhooks/{id}/deliveries/{delivery_id}/resend", tag = "webhooks", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("delivery_id" = Uuid, Path)),
    responses((status = 202, body = WebhookDelivery, description = "the attempt whose event is sent again"), (status = 409, body = Problem)))]
pub async fn resend_delivery(state: web::Data<AppState>, ctx: ReqCtx, path: web::Path<(Uuid, Uuid)>) -> ApiResult<HttpResponse> {
    let (id, delivery_id) = path.into_inner();
    let d = deliver::resend(&state.db, &ctx.0, id, delivery_id).await?;
    Ok(HttpResponse::Accepted().json(d))
}

/// Sends a `ping` event now and answers the attempt: `delivered`, or `failed` with the
/// receiver's status or the reason (a refused private address says so). Works on a
/// webhook that is turned off.
#[utoipa::path(post, path = "/api/v1/webhooks/{id}/test", tag = "webhooks", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = WebhookDelivery)))]
pub async fn test_webhook(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&deliver::ping(&state.db, &ctx.0, &state.secrets, *id).await?, None))
}

/// Whether webhooks may call private addresses.
#[utoipa::path(get, path = "/api/v1/settings/webhooks", tag = "settings", security(("bearer" = [])),
    responses((status = 200, body = WebhookSettings, headers(("ETag" = String)))))]
pub async fn get_webhook_settings(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let (s, version) = target::settings(&state.db).await?;
    Ok(ok(&s, Some(version)))
}

/// Allows (or again refuses) webhooks to loopback, link-local and private addresses: a
/// receiver inside the company's network. Off by default.
#[utoipa::path(put, path = "/api/v1/settings/webhooks", tag = "settings", security(("bearer" = [])), request_body = WebhookSettings,
    params(("If-Match" = Option<String>, Header, description = "the ETag last read; a stale one answers 412")),
    responses((status = 200, body = WebhookSettings, headers(("ETag" = String))), (status = 412, body = Problem)))]
pub async fn put_webhook_settings(state: web::Data<AppState>, ctx: ReqCtx, if_match: IfMatch, body: ValidJson<WebhookSettings>) -> ApiResult<HttpResponse> {
    let (s, version) = target::put_settings(&state.db, &ctx.0, body.0, if_match.0).await?;
    Ok(ok(&s, Some(version)))
}
