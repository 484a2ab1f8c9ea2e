//! Delivering events: the job `webhooks.deliver` sends a (webhook, record)'s undelivered
//! events oldest first, one at a time, so a receiver sees a record's changes in the order
//! they were committed. An attempt first claims the event (a conditional update to
//! `sending` with a lease), so two jobs for the same record never send at once; a failure
//! keeps the event at the head, retried after a backoff (30 s doubling to an hour) until
//! 24 hours after the event, then it is `failed` and the record's later events go on.
//! Every attempt is a row of `webhook_deliveries`. At least once: a server that dies
//! mid-attempt leaves the lease to run out and the event is sent again; receivers
//! deduplicate by the event's id.

use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder};
use serde::Serialize;
use serde_json::{json, Value};
use uuid::Uuid;

use super::entities::delivery::{self, Column as D, Entity as Delivery};
use super::entities::event::{self, Column as E, Entity as Event};
use super::entities::webhook::{self, Entity as Webhook};
use super::{CANCELLED, DELIVERED, DELIVERY_WINDOW, FAILED, PENDING, SENDING};
use crate::db::db_err;
use crate::listing::{fetch_page, FieldKind, Filter, ListParams, ListSpec, Page};
use crate::secret_box::SecretBox;
use crate::settings::sms::{signature, SIGNATURE_HEADER};
use crate::{tx, Ctx, Db};

pub const JOB: &str = "webhooks.deliver";

/// How long an attempt holds its event.
const LEASE: Duration = Duration::seconds(60);

/// 30 s after the first failure, doubling, at most an hour.
pub fn backoff(attempt: i32) -> Duration {
    let doublings = u32::try_from(attempt.saturating_sub(1).clamp(0, 7)).unwrap_or(0);
    Duration::seconds((30_i64 << doublings).min(3600))
}

fn ids(payload: &Value) -> DomainResult<(Uuid, Uuid)> {
    let id = |k: &str| payload.get(k).and_then(Value::as_str).and_then(|s| Uuid::parse_str(s).ok());
    match (id("webhook_id"), id("record_id")) {
        (Some(w), Some(r)) => Ok((w, r)),
        _ => Err(DomainError::internal("webhooks.deliver without webhook_id and record_id")),
    }
}

/// The job: sends what is due of one record's events for one webhook.
pub async fn run(db: &Db, secrets: &SecretBox, payload: Value) -> DomainResult<()> {
    let (webhook_id, record_id) = ids(&payload)?;
    loop {
        let now = Utc::now();
        let head = Event::find()
            .filter(E::WebhookId.eq(webhook_id))
            .filter(E::RecordId.eq(record_id))
            .filter(E::Status.is_in([PENDING, SENDING]))
            .order_by_asc(E::Id)
            .one(db)
            .await
            .map_err(db_err)?;
        let Some(head) = head else { return Ok(()) };
        // Another attempt holds it, or its retry is later: a job then takes over (one is
        // queued for a retry; one is queued here for a lease that may run out).
        if head.status == SENDING && head.locked_until.is_some_and(|l| l > now) {
            return crate::jobs::enqueue_at(db, JOB, payload, head.locked_until.unwrap_or(now), now).await.map(|_| ());
        }
        if head.status == PENDING && head.next_attempt_at > now {
            return Ok(());
        }
        let claimed = Event::update_many()
            .col_expr(E::Status, Expr::value(SENDING))
            .col_expr(E::LockedUntil, Expr::value(Some(now + LEASE)))
            .col_expr(E::Attempts, Expr::value(head.attempts + 1))
            .filter(E::Id.eq(head.id))
            .filter(E::Status.eq(head.status.as_str()))
            .filter(E::Attempts.eq(head.attempts))
            .exec(db)
            .await
            .map_err(db_err)?;
        if claimed.rows_affected == 0 {
            continue;
        }
        let hook = Webhook::find_by_id(webhook_id).one(db).await.map_err(db_err)?.filter(|w| w.enabled && w.deleted_at.is_none());
        let Some(hook) = hook else {
            finish(db, &head, CANCELLED, None, Some("the webhook was turned off or deleted".into()), now).await?;
            continue;
        };
        let (settings, _) = super::target::settings(db).await?;
        let answer = send(&hook, secrets, &head, settings.allow_private_targets).await;
        let attempt = head.attempts + 1;
        let tx = tx::begin(db).await?;
        log_attempt(&tx, &head, attempt, &answer).await?;
        if answer.delivered() {
            finish(&tx, &head, DELIVERED, answer.status, None, now).await?;
            tx.commit().await.map_err(db_err)?;
            continue;
        }
        let retry_at = Utc::now() + backoff(attempt);
        if retry_at > head.expires_at {
            finish(&tx, &head, FAILED, answer.status, answer.error.clone(), now).await?;
            tx.commit().await.map_err(db_err)?;
            continue;
        }
        Event::update_many()
            .col_expr(E::Status, Expr::value(PENDING))
            .col_expr(E::NextAttemptAt, Expr::value(retry_at))
            .col_expr(E::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
            .col_expr(E::LastStatus, Expr::value(answer.status.map(i32::from)))
            .col_expr(E::LastError, Expr::value(answer.error.clone()))
            .filter(E::Id.eq(head.id))
            .exec(&tx)
            .await
            .map_err(db_err)?;
        crate::jobs::enqueue_at(&tx, JOB, payload, retry_at, Utc::now()).await?;
        tx.commit().await.map_err(db_err)?;
        return Ok(());
    }
}

async fn finish(db: &impl ConnectionTrait, e: &event::Model, status: &str, code: Option<u16>, error: Option<String>, now: DateTime<Utc>) -> DomainResult<()> {
    Event::update_many()
        .col_expr(E::Status, Expr::value(status))
        .col_expr(E::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(E::LastStatus, Expr::value(code.map(i32::from)))
        .col_expr(E::LastError, Expr::value(error))
        .col_expr(E::DeliveredAt, Expr::value((status == DELIVERED).then_some(now)))
        .filter(E::Id.eq(e.id))
        .exec(db)
        .await
        .map_err(db_err)?;
    Ok(())
}

async fn log_attempt(db: &impl ConnectionTrait, e: &event::Model, attempt: i32, a: &Answer) -> DomainResult<delivery::Model> {
    let row = delivery::Model {
        id: Uuid::now_v7(),
        webhook_id: e.webhook_id,
        event_id: e.id,
        event: e.event.clone(),
        record_id: e.record_id,
        attempt,
        status: if a.delivered() { DELIVERED } else { FAILED }.into(),
        response_status: a.status.map(i32::from),
        error: a.error.clone(),
        duration_ms: i32::try_from(a.ms).unwrap_or(i32::MAX),
        created_at: Utc::now(),
    };
    Delivery::insert(delivery::ActiveModel::from(row.clone())).exec_without_returning(db).await.map_err(db_err)?;
    Ok(row)
}

/// What the receiver said to one attempt.
#[derive(Debug, Clone)]
struct Answer {
    status: Option<u16>,
    error: Option<String>,
    ms: u128,
}

impl Answer {
    fn delivered(&self) -> bool {
        self.error.is_none()
    }
}

/// One POST of the event's body, signed over the time of sending and the body.
async fn send(hook: &webhook::Model, secrets: &SecretBox, e: &event::Model, allow_private: bool) -> Answer {
    let started = Instant::now();
    let Some(secret) = secrets.open(&hook.secret_sealed) else {
        return Answer { status: None, error: Some("the signing secret cannot be opened (the server's secret changed); set a new one".into()), ms: 0 };
    };
    if let Some(why) = super::target::refusal_as_written(&hook.url, allow_private) {
        return Answer { status: None, error: Some(format!("refused: {why}")), ms: 0 };
    }
    let res = super::target::client(allow_private)
        .post(&hook.url)
        .header("Content-Type", "application/json")
        .header("X-CRM-Event", e.event.as_str())
        .header("X-CRM-Event-Id", e.id.to_string())
        .header(SIGNATURE_HEADER, signature(secret.as_bytes(), Utc::now(), e.body.as_bytes()))
        .body(e.body.clone())
        .send()
        .await;
    let answer = |status, error| Answer { status, error, ms: started.elapsed().as_millis() };
    match res {
        Ok(r) if r.status().is_success() => answer(Some(r.status().as_u16()), None),
        Ok(r) => {
            let status = r.status().as_u16();
            let said: String = r.text().await.unwrap_or_default().chars().take(200).collect();
            answer(Some(status), Some(format!("the receiver answered {status}: {said}")))
        }
        Err(err) => answer(None, Some(describe(&err))),
    }
}

/// Why a request failed, with the cause (a refused address says which).
fn describe(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        format!("no answer within {} s", super::target::TIMEOUT.as_secs())
    } else if e.is_redirect() {
        "a redirect was refused".to_string()
    } else if e.is_connect() {
        "cannot connect".to_string()
    } else {
        "the request failed".to_string()
    };
    let mut cause = String::new();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        cause = format!(": {s}");
        source = s.source();
    }
    format!("{kind}{cause}")
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = WebhookDelivery, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4f41", "event_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4f40",
    "event": "customer.updated", "record_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e50", "attempt": 1, "status": "failed", "response_status": 503,
    "error": "the receiver answered 503: busy", "duration_ms": 84, "created_at": "2026-12-07T10:00:00Z"}))]
pub struct DeliveryView {
    pub id: Uuid,
    /// The event's id, also in the body and in `X-CRM-Event-Id`: receivers deduplicate by it.
    pub event_id: Uuid,
    pub event: String,
    pub record_id: Uuid,
    /// 1 for the first attempt of the event.
    pub attempt: i32,
    /// `delivered` (a 2xx answer) or `failed`.
    pub status: String,
    pub response_status: Option<i32>,
    pub error: Option<String>,
    pub duration_ms: i32,
    pub created_at: DateTime<Utc>,
}

impl From<delivery::Model> for DeliveryView {
    fn from(m: delivery::Model) -> Self {
        Self { id: m.id, event_id: m.event_id, event: m.event, record_id: m.record_id, attempt: m.attempt, status: m.status, response_status: m.response_status, error: m.error, duration_ms: m.duration_ms, created_at: m.created_at }
    }
}

fn spec() -> ListSpec<Delivery> {
    let f = |name, column, kind| Filter { name, column, kind, range: false };
    ListSpec {
        filters: vec![f("status", D::Status, FieldKind::Text), f("event", D::Event, FieldKind::Text), f("record_id", D::RecordId, FieldKind::Uuid), f("event_id", D::EventId, FieldKind::Uuid)],
        sorts: vec![("created_at", D::CreatedAt)],
        search: vec![],
        search_index: None,
        default_sort: vec![(D::CreatedAt, Order::Desc)],
        tie_breaker: D::Id,
    }
}

pub fn sort_names() -> Vec<&'static str> {
    spec().sort_names()
}

async fn live_webhook(db: &Db, id: Uuid) -> DomainResult<webhook::Model> {
    Webhook::find_by_id(id).filter(webhook::Column::DeletedAt.is_null()).one(db).await.map_err(db_err)?.ok_or_else(|| DomainError::not_found("webhook"))
}

/// A webhook's attempts, newest first.
pub async fn list(db: &Db, webhook_id: Uuid, params: ListParams) -> DomainResult<Page<DeliveryView>> {
    live_webhook(db, webhook_id).await?;
    let select = spec().apply(Delivery::find().filter(D::WebhookId.eq(webhook_id)), &params, db.get_database_backend())?;
    Ok(fetch_page(db, select, &params).await?.map(DeliveryView::from))
}

/// Sends the event of an attempt again, now and with a fresh 24 hours of retries; 409
/// while it is being sent.
pub async fn resend(db: &Db, ctx: &Ctx, webhook_id: Uuid, delivery_id: Uuid) -> DomainResult<DeliveryView> {
    live_webhook(db, webhook_id).await?;
    let d = Delivery::find_by_id(delivery_id).filter(D::WebhookId.eq(webhook_id)).one(db).await.map_err(db_err)?.ok_or_else(|| DomainError::not_found("webhook_delivery"))?;
    let tx = tx::begin(db).await?;
    let res = Event::update_many()
        .col_expr(E::Status, Expr::value(PENDING))
        .col_expr(E::NextAttemptAt, Expr::value(ctx.now))
        .col_expr(E::ExpiresAt, Expr::value(ctx.now + DELIVERY_WINDOW))
        .col_expr(E::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(E::Id.eq(d.event_id))
        .filter(E::Status.ne(SENDING))
        .exec(&tx)
        .await
        .map_err(db_err)?;
    if res.rows_affected == 0 {
        return Err(DomainError::conflict("webhook.delivery_in_progress", "the event is being sent right now"));
    }
    crate::jobs::enqueue(&tx, JOB, json!({"webhook_id": webhook_id, "record_id": d.record_id}), ctx.now).await?;
    crate::audit::record(&tx, ctx, "webhooks", webhook_id, "resend", &Value::Null, &json!({"event_id": d.event_id, "event": d.event})).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(d.into())
}

/// Sends a `ping` now and answers how it went (also kept in the log). Works on a webhook
/// that is turned off, to try it before turning it on.
pub async fn ping(db: &Db, ctx: &Ctx, secrets: &SecretBox, webhook_id: Uuid) -> DomainResult<DeliveryView> {
    let hook = live_webhook(db, webhook_id).await?;
    let id = Uuid::now_v7();
    let body = json!({"id": id, "event": crm_domain::webhooks::PING, "created_at": ctx.now, "webhook_id": webhook_id,
        "data": {"webhook_id": webhook_id, "name": hook.name, "actor": {"id": ctx.actor.user_id, "name": ctx.actor.username}}})
    .to_string();
    let mut e = event::Model {
        id,
        webhook_id,
        event: crm_domain::webhooks::PING.into(),
        entity: "webhooks".into(),
        record_id: webhook_id,
        body,
        status: SENDING.into(),
        attempts: 1,
        next_attempt_at: ctx.now,
        locked_until: None,
        expires_at: ctx.now,
        last_status: None,
        last_error: None,
        created_at: ctx.now,
        delivered_at: None,
    };
    let (settings, _) = super::target::settings(db).await?;
    let answer = send(&hook, secrets, &e, settings.allow_private_targets).await;
    e.status = if answer.delivered() { DELIVERED } else { FAILED }.into();
    e.last_status = answer.status.map(i32::from);
    e.last_error = answer.error.clone();
    e.delivered_at = answer.delivered().then_some(Utc::now());
    let tx = tx::begin(db).await?;
    Event::insert(event::ActiveModel::from(e.clone())).exec_without_returning(&tx).await.map_err(db_err)?;
    let row = log_attempt(&tx, &e, 1, &answer).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(row.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_to_an_hour() {
        assert_eq!(backoff(1), Duration::seconds(30));
        assert_eq!(backoff(2), Duration::seconds(60));
        assert_eq!(backoff(8), Duration::seconds(3600));
        assert_eq!(backoff(40), Duration::seconds(3600));
    }
}
