//! The operation log (SYS-6): written by services inside their transaction, one entry per
//! create, update or delete, with field-level before and after values.

use chrono::{DateTime, Utc};
use crm_domain::audit::{diff, FieldChange};
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::{Alias, Asterisk, CommonTableExpression, Expr, Query, SelectStatement, WithClause};
use sea_orm::{ActiveModelTrait, ActiveValue, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, Iterable, QueryFilter, QueryOrder, QueryResult};
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use crate::db::db_err;
use crate::listing::{fetch_page, parse_time, ListParams, Page};
use crate::shared_entities::audit_log;
use crate::Ctx;

/// Inserts a new record and its `create` entry as one statement on PostgreSQL, unless
/// `unless` finds a row: then nothing is written and its rows come back (none: written).
/// A data-modifying WITH is atomic on its own and always runs, so each insert takes its
/// row from a SELECT that yields nothing when the check found something. A create then
/// costs one round trip instead of a check, BEGIN, two inserts and COMMIT; under READ
/// COMMITTED the check sees what it would have seen as a statement of its own. (SQLite
/// cannot put an INSERT in a WITH; its creates use `record` inside their transaction.)
pub async fn insert_recorded_unless<A: ActiveModelTrait>(
    db: &crate::Db,
    ctx: &Ctx,
    record: A,
    unless: SelectStatement,
    entity: &str,
    entity_id: Uuid,
    after: &Value,
) -> DomainResult<Vec<QueryResult>> {
    let (blockers, created, logged) = (Alias::new("blockers"), Alias::new("created"), Alias::new("logged"));
    let nothing_blocks = Expr::exists(Query::select().expr(Expr::val(1)).from(blockers.clone()).to_owned()).not();
    let (columns, mut row) = row_of(&record);
    let insert = Query::insert()
        .into_table(A::Entity::default())
        .columns(columns)
        .select_from(row.and_where(nothing_blocks).to_owned())
        .map_err(|e| DomainError::internal(format!("insert statement: {e}")))?
        .returning(Query::returning().expr(Expr::val(1)))
        .to_owned();
    let changes = serde_json::to_value(diff(&Value::Null, after)).unwrap_or(Value::Null);
    let (columns, mut row) = row_of(&entry(ctx, entity, entity_id, "create", changes));
    let log = Query::insert()
        .into_table(audit_log::Entity)
        .columns(columns)
        .select_from(row.from(created.clone()).to_owned())
        .map_err(|e| DomainError::internal(format!("log statement: {e}")))?
        .to_owned();
    let with = WithClause::new()
        .cte(CommonTableExpression::new().query(unless).table_name(blockers.clone()).to_owned())
        .cte(CommonTableExpression::new().query(insert).table_name(created).to_owned())
        .cte(CommonTableExpression::new().query(log).table_name(logged).to_owned())
        .to_owned();
    let stmt = Query::select().column(Asterisk).from(blockers).to_owned().with(with);
    let found = db.query_all(db.get_database_backend().build(&stmt)).await.map_err(db_err)?;
    if found.is_empty() {
        crate::count_cache::note_write();
    }
    Ok(found)
}

/// The columns `record` sets, and a SELECT of their values in that order.
fn row_of<A: ActiveModelTrait>(record: &A) -> (Vec<<A::Entity as EntityTrait>::Column>, SelectStatement) {
    let (mut columns, mut row) = (Vec::new(), Query::select());
    for column in <A::Entity as EntityTrait>::Column::iter() {
        if let ActiveValue::Set(v) | ActiveValue::Unchanged(v) = record.get(column) {
            columns.push(column);
            row.expr(Expr::val(v));
        }
    }
    (columns, row)
}

/// One entry of the operation log, by the caller, now.
fn entry(ctx: &Ctx, entity: &str, entity_id: Uuid, action: &str, changes: Value) -> audit_log::ActiveModel {
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
    let changes = serde_json::to_value(changes).unwrap_or(Value::Null);
    audit_log::Entity::insert(entry(ctx, entity, entity_id, action, changes))
        .exec_without_returning(db)
    .await
    .map_err(db_err)?;
    Ok(())
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub id: Uuid,
    pub entity: String,
    pub entity_id: Uuid,
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
    Ok(fetch_page(db, select, params).await?.map(AuditEntry::from))
}

pub fn parse_bound(raw: &str) -> Option<DateTime<Utc>> {
    parse_time(raw)
}
