//! The operation log (SYS-6): written by services inside their transaction, one entry per
//! create, update or delete, with field-level before and after values.


use chrono::{DateTime, Utc};
use crm_domain::audit::{diff, FieldChange};
use crm_domain::DomainResult;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use crate::db::db_err;
use crate::listing::{fetch_page, parse_time, ListParams, Page};
use crate::shared_entities::audit_log;
use crate::Ctx;

/// One entry of the operation log, by the caller, now.
pub(crate) fn entry(ctx: &Ctx, entity: &str, entity_id: Uuid, action: &str, changes: Value) -> audit_log::ActiveModel {
    audit_log::ActiveModel {
        id: Set(Uuid::now_v7()),
        entity: Set(entity.to_string()),
        entity_id: Set(entity_id),
        action: Set(action.to_string()),
        actor_id: Set(Some(ctx.actor.user_id).filter(|id| !id.is_nil())),
        actor_name: Set(Some(ctx.actor.username.clone())),
        ip: Set(ctx.ip.clone()),
        request_id: Set(Some(ctx.request_id.clone())),
        changes: Set(changes),
        created_at: Set(ctx.now),
    }
}

pub async fn record(
    db: &impl ConnectionTrait,
    ctx: &Ctx,
    entity: &str,
    entity_id: Uuid,
    action: &str,
    before: &Value,
    after: &Value,
) -> DomainResult<()> {
    let changes = diff(before, after);
    if changes.is_empty() && action == "update" {
        return Ok(());
    }
    let logged = serde_json::to_value(&changes).unwrap_or(Value::Null);
    audit_log::Entity::insert(entry(ctx, entity, entity_id, action, logged))
        .exec_without_returning(db)
    .await
    .map_err(db_err)?;
    // Every logged change is also the webhooks' outbox, in the same transaction.
    crate::webhooks::outbox::capture(db, ctx, crate::webhooks::outbox::Change { entity, record_id: entity_id, action, changes: &changes, after }).await
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = AuditLog)]
pub struct AuditEntry {
    pub id: Uuid,
    #[schema(example = "users")]
    pub entity: String,
    pub entity_id: Uuid,
    /// The record's name (a customer's, a user's login), deleted records included; absent
    /// for records without one (the pool rules).
    #[schema(example = "华为技术有限公司")]
    pub entity_label: Option<String>,
    /// `create`, `update`, `delete`, `restore`, or a module's own verb.
    #[schema(example = "update")]
    pub action: String,
    pub actor_id: Option<Uuid>,
    pub actor_name: Option<String>,
    pub ip: Option<String>,
    pub request_id: Option<String>,
    pub changes: Vec<FieldChange>,
    pub created_at: DateTime<Utc>,
}

impl From<audit_log::Model> for AuditEntry {
    fn from(m: audit_log::Model) -> Self {
        Self {
            id: m.id,
            entity: m.entity,
            entity_id: m.entity_id,
            entity_label: None,
            action: m.action,
            actor_id: m.actor_id,
            actor_name: m.actor_name,
            ip: m.ip,
            request_id: m.request_id,
            changes: serde_json::from_value::<Vec<FieldChangeRow>>(m.changes)
                .unwrap_or_default()
                .into_iter()
                .map(|c| FieldChange { field: c.field, before: c.before, after: c.after })
                .collect(),
            created_at: m.created_at,
        }
    }
}

#[derive(serde::Deserialize)]
struct FieldChangeRow {
    field: String,
    before: Value,
    after: Value,
}

#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    pub entity: Option<String>,
    pub entity_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

/// Newest first. The filters match the indexes `(entity, entity_id, created_at)`,
/// `(actor_id, created_at)` and `(created_at)`.
pub async fn list(db: &crate::Db, q: &AuditQuery, params: &ListParams) -> DomainResult<Page<AuditEntry>> {
    let mut select = audit_log::Entity::find();
    if let Some(e) = &q.entity {
        select = select.filter(audit_log::Column::Entity.eq(e.clone()));
    }
    if let Some(id) = q.entity_id {
        select = select.filter(audit_log::Column::EntityId.eq(id));
    }
    if let Some(a) = q.actor_id {
        select = select.filter(audit_log::Column::ActorId.eq(a));
    }
    if let Some(f) = q.from {
        select = select.filter(audit_log::Column::CreatedAt.gte(f));
    }
    if let Some(t) = q.to {
        select = select.filter(audit_log::Column::CreatedAt.lte(t));
    }
    let select = select.order_by_desc(audit_log::Column::CreatedAt).order_by_desc(audit_log::Column::Id);
    let mut page = fetch_page(db, select, params).await?.map(AuditEntry::from);
    let labels = crate::registry::labels(db, page.items.iter().map(|e| (e.entity.clone(), e.entity_id))).await?;
    for e in &mut page.items {
        e.entity_label = labels.get(&(e.entity.clone(), e.entity_id)).cloned();
    }
    Ok(page)
}

pub fn parse_bound(raw: &str) -> Option<DateTime<Utc>> {
    parse_time(raw)
}
