//! Creating one customer, the hottest write: where the two databases part ways, in one
//! place. On PostgreSQL the duplicate check, the insert and its log entry are a single
//! statement; on SQLite, whose writers take turns, they run in the writer's transaction.

use std::fmt::Write;

use crm_domain::audit::diff;
use crm_domain::customers::NewCustomer;
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::{PostgresQueryBuilder, SelectStatement};
use sea_orm::{ActiveModelTrait, ActiveValue, ConnectionTrait, DbBackend, EntityName, EntityTrait, IdenStatic, Iterable, QueryResult, QueryTrait, Statement};
use serde_json::{json, Value};
use uuid::Uuid;

use super::duplicates::{duplicate_error, duplicate_keys, duplicates_among, duplicates_by_keys, refused_as_duplicate, select_duplicates};
use super::entities::customer::{self, Entity as Customer};
use super::records::{new_customer, view, CustomerView};
use crate::db::db_err;
use crate::shared_entities::audit_log;
use crate::{audit, Ctx, Db};

/// On PostgreSQL the duplicate check, the customer and its log entry are one statement
/// (`insert_recorded_unless`), and the checks before it run outside a transaction,
/// where under READ COMMITTED they see what they saw inside one. SQLite writers take
/// turns, so there everything runs in the writer's transaction.
pub(super) async fn create(db: &Db, ctx: &Ctx, input: NewCustomer) -> DomainResult<CustomerView> {
    let input = input.validate()?;
    let keys = duplicate_keys(Some(&input.name), input.phone.as_deref(), input.email.as_deref());
    let postgres = db.get_database_backend() == sea_orm::DbBackend::Postgres;
    // A webhook that hears new customers needs its event in the create's transaction,
    // which the one statement has no room for. (One created meanwhile may miss this
    // create, as it would have had it committed a moment later.)
    if postgres && !crate::webhooks::outbox::heard(db, "customers", "create").await? {
        let model = new_customer(db, ctx, input).await?;
        let v = view(db, model.clone()).await?;
        let check = select_duplicates(&keys, None).into_query();
        let found = match insert_recorded_unless(db, ctx, customer::ActiveModel::from(model), check, "customers", v.id, &json!(v)).await {
            Ok(found) => found,
            Err(e) => return Err(refused_as_duplicate(db, e, &keys, None).await),
        };
        return match duplicates_among(&keys, &found)?.first() {
            Some(d) => Err(duplicate_error(d)),
            None if found.is_empty() => Ok(v),
            None => Err(DomainError::internal("the duplicate check found a row matching none of its keys")),
        };
    }
    let tx = crate::tx::begin(db).await?;
    let kept = postgres.then(|| input.clone());
    let v = match (create_in(&tx, ctx, input).await, kept) {
        (Ok(v), _) => v,
        (Err(e), Some(input)) => {
            drop(tx);
            return Err(explain_refusal(db, e, &input).await);
        }
        (Err(e), None) => return Err(e),
    };
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}

/// A customer made inside the caller's transaction (SQLite's create, a lead's
/// conversion): the duplicate check, the row and its log entry. On PostgreSQL a customer
/// committed meanwhile with the same keys meets the unique keys; the caller, once its
/// transaction is gone, names it with `explain_refusal`.
pub(crate) async fn create_in(tx: &crate::tx::Tx, ctx: &Ctx, input: NewCustomer) -> DomainResult<CustomerView> {
    let input = input.validate()?;
    let keys = duplicate_keys(Some(&input.name), input.phone.as_deref(), input.email.as_deref());
    if let Some(d) = duplicates_by_keys(tx, &keys, None).await?.first() {
        return Err(duplicate_error(d));
    }
    let model = new_customer(tx, ctx, input).await?;
    Customer::insert(customer::ActiveModel::from(model.clone())).exec_without_returning(tx).await.map_err(db_err)?;
    let v = view(tx, model).await?;
    audit::record(tx, ctx, "customers", v.id, "create", &Value::Null, &json!(v)).await?;
    Ok(v)
}

/// A unique key's refusal of `create_in`, as the 409 naming the customer that won the
/// race; any other error as it was.
pub(crate) async fn explain_refusal(db: &Db, e: DomainError, input: &NewCustomer) -> DomainError {
    let keys = duplicate_keys(Some(input.name.trim()), input.phone.as_deref(), input.email.as_deref());
    refused_as_duplicate(db, e, &keys, None).await
}

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
async fn insert_recorded_unless<A: ActiveModelTrait>(
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
    let (log_columns, log_row) = set_values(&audit::entry(ctx, entity, entity_id, "create", changes));
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
