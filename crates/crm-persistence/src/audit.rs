//! The operation log (SYS-6): written by services inside their transaction, one entry per
//! create, update or delete, with field-level before and after values.

use std::fmt::Write;

use chrono::{DateTime, Utc};
use crm_domain::audit::{diff, FieldChange};
use crm_domain::DomainResult;
use sea_orm::sea_query::{PostgresQueryBuilder, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ActiveValue, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityName, EntityTrait, IdenStatic, Iterable, QueryFilter, QueryOrder,
    QueryResult, Statement,
};
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
///
/// The statement is written here rather than through sea-query's WITH builder, which
/// cloned and rebuilt every part of it on each call: a quarter of the server's CPU in a
/// profile of customer creates. Only `unless` goes through sea-query; the inserts are
/// lists of columns and numbered parameters.
pub async fn insert_recorded_unless<A: ActiveModelTrait>(
    db: &crate::Db,
    ctx: &Ctx,
    record: A,
    unless: SelectStatement,
    entity: &str,
    entity_id: Uuid,
    after: &Value,
) -> DomainResult<Vec<QueryResult>> {
    let (check, mut values) = unless.build(PostgresQueryBuilder);
    let (columns, row) = set_values(&record);
    let changes = serde_json::to_value(diff(&Value::Null, after)).unwrap_or(Value::Null);
    let (log_columns, log_row) = set_values(&entry(ctx, entity, entity_id, "create", changes));
    let table = A::Entity::default().table_name().to_owned();
    let mut sql = String::with_capacity(check.len() + 64 * (columns.len() + log_columns.len()));
    let _ = write!(sql, "WITH blockers AS ({check}), created AS (INSERT INTO \"{table}\" ({columns}) SELECT ");
    push_params(&mut sql, values.0.len(), row.len());
    values.0.extend(row);
    let _ = write!(sql, " WHERE NOT EXISTS (SELECT 1 FROM blockers) RETURNING 1), logged AS (INSERT INTO \"{}\" ({log_columns}) SELECT ", audit_log::Entity.table_name());
    push_params(&mut sql, values.0.len(), log_row.len());
    values.0.extend(log_row);
    sql.push_str(" FROM created) SELECT * FROM blockers");
    let stmt = Statement::from_sql_and_values(DbBackend::Postgres, sql, values);
    let found = db.query_all(stmt).await.map_err(db_err)?;
    if found.is_empty() {
        crate::count_cache::note_write();
    }
    Ok(found)
}

/// The quoted columns `record` sets, comma-separated, and their values in that order.
fn set_values<A: ActiveModelTrait>(record: &A) -> (String, Vec<sea_orm::Value>) {
    let (mut columns, mut values) = (String::new(), Vec::new());
    for column in <A::Entity as EntityTrait>::Column::iter() {
        if let ActiveValue::Set(v) | ActiveValue::Unchanged(v) = record.get(column) {
            if !values.is_empty() {
                columns.push_str(", ");
            }
            let _ = write!(columns, "\"{}\"", column.as_str());
            values.push(v);
        }
    }
    (columns, values)
}

/// `$n+1, $n+2, …` for `count` parameters after the first `n`.
fn push_params(sql: &mut String, n: usize, count: usize) {
    for i in 1..=count {
        let _ = write!(sql, "{}${}", if i == 1 { "" } else { ", " }, n + i);
    }
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
