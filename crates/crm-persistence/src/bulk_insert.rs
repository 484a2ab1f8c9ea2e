//! Many new rows of one table at once, the way each database takes them fastest. On
//! PostgreSQL the rows travel as one JSON text read by `json_populate_recordset`: one
//! parameter per statement instead of one per cell, so neither side builds, binds, hashes
//! or plans tens of thousands of them, and the server runs no per-row expressions of a
//! `VALUES` list (a file import's million customers and their log entries go this way).
//! Elsewhere, and for a column whose value has no JSON form here, multi-row INSERTs under
//! SQLite's limit of bound values.

use chrono::SecondsFormat;
use crm_domain::DomainResult;
use sea_orm::sea_query::Value;
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, IdenStatic, IntoActiveModel, Iterable, ModelTrait, Statement};

use crate::db::db_err;

/// Rows per `INSERT … VALUES` statement: SQLite allows 32,766 bound values.
const VALUES_ROWS: usize = 500;

/// Inserts `rows` (no answer read back), in the caller's transaction.
pub async fn insert_rows<E>(db: &impl ConnectionTrait, rows: Vec<E::Model>) -> DomainResult<()>
where
    E: EntityTrait,
    E::Model: IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: Send,
{
    if rows.is_empty() {
        return Ok(());
    }
    if db.get_database_backend() == DbBackend::Postgres {
        if let Some(json) = as_json::<E>(&rows) {
            let table = E::default().table_name().to_string();
            let columns = E::Column::iter().map(|c| format!("\"{}\"", c.as_str())).collect::<Vec<_>>().join(", ");
            let sql = format!("INSERT INTO \"{table}\" ({columns}) SELECT {columns} FROM json_populate_recordset(NULL::\"{table}\", $1::json)");
            db.execute(Statement::from_sql_and_values(DbBackend::Postgres, sql, [Value::from(json)])).await.map_err(db_err)?;
            return Ok(());
        }
    }
    let mut rows = rows.into_iter().map(IntoActiveModel::into_active_model).peekable();
    while rows.peek().is_some() {
        let chunk: Vec<E::ActiveModel> = rows.by_ref().take(VALUES_ROWS).collect();
        E::insert_many(chunk).exec_without_returning(db).await.map_err(db_err)?;
    }
    Ok(())
}

/// The rows as a JSON array of objects keyed by column, or `None` when a value has no
/// form here (the caller then binds the values one by one).
fn as_json<E: EntityTrait>(rows: &[E::Model]) -> Option<String> {
    let columns: Vec<E::Column> = E::Column::iter().collect();
    let mut out: Vec<u8> = Vec::with_capacity(rows.len() * 64 * columns.len());
    out.push(b'[');
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.push(b'{');
        let mut first = true;
        for column in &columns {
            // A missing key reads as NULL: nulls are left out, a third of a customer's columns.
            let at = out.len();
            if !first {
                out.push(b',');
            }
            serde_json::to_writer(&mut out, column.as_str()).ok()?;
            out.push(b':');
            let value = out.len();
            write_value(&mut out, &row.get(*column))?;
            if out.get(value..) == Some(b"null".as_slice()) {
                out.truncate(at);
            } else {
                first = false;
            }
        }
        out.push(b'}');
    }
    out.push(b']');
    String::from_utf8(out).ok()
}

/// One value as PostgreSQL's input functions read it from JSON: times in RFC 3339 with
/// microseconds (what the column keeps), decimals as strings (no float on the way).
fn write_value(out: &mut Vec<u8>, v: &Value) -> Option<()> {
    match v {
        Value::Bool(b) => put(out, b),
        Value::TinyInt(n) => put(out, n),
        Value::SmallInt(n) => put(out, n),
        Value::Int(n) => put(out, n),
        Value::BigInt(n) => put(out, n),
        Value::TinyUnsigned(n) => put(out, n),
        Value::SmallUnsigned(n) => put(out, n),
        Value::Unsigned(n) => put(out, n),
        Value::BigUnsigned(n) => put(out, n),
        Value::Float(Some(f)) if !f.is_finite() => None,
        Value::Double(Some(f)) if !f.is_finite() => None,
        Value::Float(f) => put(out, f),
        Value::Double(f) => put(out, f),
        Value::String(s) => put(out, &s.as_deref()),
        Value::Json(j) => put(out, &j.as_deref()),
        Value::Uuid(u) => put(out, &u.as_deref()),
        Value::Decimal(d) => put(out, &d.as_deref().map(ToString::to_string)),
        Value::ChronoDate(d) => put(out, &d.as_deref().map(|d| d.format("%Y-%m-%d").to_string())),
        Value::ChronoDateTime(t) => put(out, &t.as_deref().map(|t| t.format("%Y-%m-%dT%H:%M:%S%.6f").to_string())),
        Value::ChronoDateTimeUtc(t) => put(out, &t.as_deref().map(|t| t.to_rfc3339_opts(SecondsFormat::Micros, true))),
        Value::ChronoDateTimeWithTimeZone(t) => put(out, &t.as_deref().map(|t| t.to_rfc3339_opts(SecondsFormat::Micros, true))),
        _ => None,
    }
}

fn put<T: serde::Serialize>(out: &mut Vec<u8>, v: &T) -> Option<()> {
    serde_json::to_writer(out, v).ok()
}
