//! The outbox: every change the operation log records (`audit::record`, and the bulk
//! paths that write the log themselves) becomes events here, in the same transaction, for
//! each enabled webhook that listens to them; with each, a delivery job. A rolled-back
//! change leaves no event, a committed one cannot lose its own.

use crm_domain::audit::FieldChange;
use crm_domain::webhooks::{events_for, hears};
use crm_domain::DomainResult;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use serde_json::{json, Value};
use uuid::Uuid;

use super::entities::event;
use super::entities::webhook::{Column as W, Entity as Webhook};
use super::{DELIVERY_WINDOW, PENDING};
use crate::db::db_err;
use crate::Ctx;

/// One change of one record, as the log saw it.
pub struct Change<'a> {
    pub entity: &'a str,
    pub record_id: Uuid,
    pub action: &'a str,
    pub changes: &'a [FieldChange],
    /// The record after the change where the writer had it whole (creates and edits), else
    /// what the change set.
    pub after: &'a Value,
}

/// The enabled webhooks and the events they listen to, read in the change's transaction:
/// a webhook saved before the change committed hears it, whichever server made it.
async fn listening(db: &impl ConnectionTrait) -> DomainResult<Vec<(Uuid, Vec<String>)>> {
    let rows: Vec<(Uuid, Value)> = Webhook::find()
        .select_only()
        .column(W::Id)
        .column(W::Events)
        .filter(W::Enabled.eq(true))
        .filter(W::DeletedAt.is_null())
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)?;
    Ok(rows.into_iter().map(|(id, events)| (id, serde_json::from_value(events).unwrap_or_default())).collect())
}

/// Whether an enabled webhook hears the plain event of `action` on `entity` (a writer with
/// a faster path than a transaction takes the transaction when one does).
pub async fn heard(db: &impl ConnectionTrait, entity: &str, action: &str) -> DomainResult<bool> {
    let events = events_for(entity, action, &[]);
    if events.is_empty() {
        return Ok(false);
    }
    Ok(listening(db).await?.iter().any(|(_, listens)| events.iter().any(|e| hears(listens, e))))
}

pub async fn capture(db: &impl ConnectionTrait, ctx: &Ctx, change: Change<'_>) -> DomainResult<()> {
    capture_all(db, ctx, std::iter::once(change)).await
}

/// The events of several changes (a batch), with one look at the webhooks.
pub async fn capture_all<'a>(db: &impl ConnectionTrait, ctx: &Ctx, changes: impl IntoIterator<Item = Change<'a>>) -> DomainResult<()> {
    let mut hooks: Option<Vec<(Uuid, Vec<String>)>> = None;
    let mut rows = Vec::new();
    let mut jobs: Vec<(Uuid, Uuid)> = Vec::new();
    for c in changes {
        let events = events_for(c.entity, c.action, c.changes);
        if events.is_empty() {
            continue;
        }
        if hooks.is_none() {
            hooks = Some(listening(db).await?);
        }
        let Some(hooks) = hooks.as_ref().filter(|h| !h.is_empty()) else { return Ok(()) };
        let data = json!({
            "entity": c.entity,
            "id": c.record_id,
            "action": c.action,
            "actor": {"id": Some(ctx.actor.user_id).filter(|id| !id.is_nil()), "name": ctx.actor.username},
            "request_id": ctx.request_id,
            "changes": c.changes,
            "record": c.after,
        });
        for (webhook_id, listens) in hooks {
            let mut any = false;
            for e in events.iter().filter(|e| hears(listens, e)) {
                let id = Uuid::now_v7();
                let body = json!({"id": id, "event": e, "created_at": ctx.now, "webhook_id": webhook_id, "data": data}).to_string();
                rows.push(event::ActiveModel {
                    id: Set(id),
                    webhook_id: Set(*webhook_id),
                    event: Set(e.clone()),
                    entity: Set(c.entity.to_string()),
                    record_id: Set(c.record_id),
                    body: Set(body),
                    status: Set(PENDING.into()),
                    attempts: Set(0),
                    next_attempt_at: Set(ctx.now),
                    locked_until: Set(None),
                    expires_at: Set(ctx.now + DELIVERY_WINDOW),
                    last_status: Set(None),
                    last_error: Set(None),
                    created_at: Set(ctx.now),
                    delivered_at: Set(None),
                });
                any = true;
            }
            if any && !jobs.contains(&(*webhook_id, c.record_id)) {
                jobs.push((*webhook_id, c.record_id));
            }
        }
    }
    // Chunks keep each INSERT under SQLite's limit of bound values (15 columns a row).
    for chunk in rows.chunks(500) {
        event::Entity::insert_many(chunk.to_vec()).exec_without_returning(db).await.map_err(db_err)?;
    }
    for (webhook_id, record_id) in jobs {
        crate::jobs::enqueue(db, super::deliver::JOB, json!({"webhook_id": webhook_id, "record_id": record_id}), ctx.now).await?;
    }
    Ok(())
}
