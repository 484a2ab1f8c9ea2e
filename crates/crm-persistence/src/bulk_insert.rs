//! Many new rows of one table at once, the way each database takes them fastest. On
//! PostgreSQL each column travels as one array literal and the rows come out of `unnest`:
//! one parameter per column instead of one per cell, so neither side builds, binds,
//! hashes or plans tens of thousands of them, and the server parses each value once with
//! its type's own input function (a file import's million customers and their log
//! entries go this way). JSON rows read by `json_populate_recordset` cost the server
//! twice as much: it parses the text to check it, again to read it, and keys every row.
//! Elsewhere, and for a column whose value has no text form here, multi-row INSERTs
//! under SQLite's limit of bound values.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

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
        if let Some(arrays) = as_arrays::<E>(&rows) {
            let table = E::default().table_name().to_string();
            let types = column_types(db, &table).await?;
            let mut columns = Vec::with_capacity(arrays.len());
            let mut sources = Vec::with_capacity(arrays.len());
            for (n, column) in E::Column::iter().enumerate() {
                let Some(ty) = types.get(column.as_str()) else { return Err(crm_domain::DomainError::internal(format!("{table}.{} is not a column", column.as_str()))) };
                columns.push(format!("\"{}\"", column.as_str()));
                sources.push(format!("${}::{ty}[]", n + 1));
            }
            let sql = format!("INSERT INTO \"{table}\" ({}) SELECT * FROM unnest({})", columns.join(", "), sources.join(", "));
            db.execute(Statement::from_sql_and_values(DbBackend::Postgres, sql, arrays.into_iter().map(Value::from))).await.map_err(db_err)?;
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

/// A table's columns' SQL types by name.
type ColumnTypes = HashMap<String, String>;

/// The SQL types of a table's columns as the database states them (`character
/// varying(64)`, `timestamp with time zone`), read once per table: the arrays' casts
/// must name them exactly, and the entities' declared types need not (`String` for
/// `varchar(n)` as for `text`).
async fn column_types(db: &impl ConnectionTrait, table: &str) -> DomainResult<Arc<ColumnTypes>> {
    static TYPES: OnceLock<Mutex<HashMap<String, Arc<ColumnTypes>>>> = OnceLock::new();
    let cache = TYPES.get_or_init(Default::default);
    if let Some(known) = cache.lock().ok().and_then(|c| c.get(table).cloned()) {
        return Ok(known);
    }
    let sql = "SELECT a.attname::text, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a \
               WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped";
    let rows = db.query_all(Statement::from_sql_and_values(DbBackend::Postgres, sql, [Value::from(format!("\"{table}\""))])).await.map_err(db_err)?;
    let mut types = HashMap::with_capacity(rows.len());
    for r in rows {
        types.insert(r.try_get_by_index::<String>(0).map_err(db_err)?, r.try_get_by_index::<String>(1).map_err(db_err)?);
    }
    let types = Arc::new(types);
    if let Ok(mut c) = cache.lock() {
        c.insert(table.to_string(), types.clone());
    }
    Ok(types)
}

/// Each column's values as one PostgreSQL array literal (`{"a","b",NULL}`), or `None`
/// when a value has no text form here (the caller then binds the values one by one).
fn as_arrays<E: EntityTrait>(rows: &[E::Model]) -> Option<Vec<String>> {
    let mut arrays = Vec::new();
    for column in E::Column::iter() {
        let mut out = String::with_capacity(rows.len() * 24 + 2);
        out.push('{');
        for (i, row) in rows.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_element(&mut out, &row.get(column))?;
        }
        out.push('}');
        arrays.push(out);
    }
    Some(arrays)
}

/// One value as an array element: `NULL`, or its text as the type's input function reads
/// it, always quoted (so `NULL`, empty and spaced texts stay texts): times in RFC 3339
/// with microseconds (what the column keeps), decimals exact, JSON as its text.
fn push_element(out: &mut String, v: &Value) -> Option<()> {
    let text: Option<String> = match v {
        Value::Bool(b) => b.map(|b| if b { "t" } else { "f" }.to_string()),
        Value::TinyInt(n) => n.map(|n| n.to_string()),
        Value::SmallInt(n) => n.map(|n| n.to_string()),
        Value::Int(n) => n.map(|n| n.to_string()),
        Value::BigInt(n) => n.map(|n| n.to_string()),
        Value::TinyUnsigned(n) => n.map(|n| n.to_string()),
        Value::SmallUnsigned(n) => n.map(|n| n.to_string()),
        Value::Unsigned(n) => n.map(|n| n.to_string()),
        Value::BigUnsigned(n) => n.map(|n| n.to_string()),
        Value::Float(Some(f)) if !f.is_finite() => return None,
        Value::Double(Some(f)) if !f.is_finite() => return None,
        Value::Float(f) => f.map(|f| f.to_string()),
        Value::Double(f) => f.map(|f| f.to_string()),
        Value::String(s) => s.as_deref().cloned(),
        Value::Json(j) => j.as_deref().map(ToString::to_string),
        Value::Uuid(u) => u.as_deref().map(ToString::to_string),
        Value::Decimal(d) => d.as_deref().map(ToString::to_string),
        Value::ChronoDate(d) => d.as_deref().map(|d| d.format("%Y-%m-%d").to_string()),
        Value::ChronoDateTime(t) => t.as_deref().map(|t| t.format("%Y-%m-%dT%H:%M:%S%.6f").to_string()),
        Value::ChronoDateTimeUtc(t) => t.as_deref().map(|t| t.to_rfc3339_opts(SecondsFormat::Micros, true)),
        Value::ChronoDateTimeWithTimeZone(t) => t.as_deref().map(|t| t.to_rfc3339_opts(SecondsFormat::Micros, true)),
        _ => return None,
    };
    match text {
        None => out.push_str("NULL"),
        Some(t) => {
            out.push('"');
            for c in t.chars() {
                if c == '"' || c == '\\' {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push('"');
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn element(v: Value) -> Option<String> {
        let mut s = String::new();
        push_element(&mut s, &v).map(|()| s)
    }

    #[test]
    fn elements_are_quoted_and_escaped_and_nulls_are_bare() {
        assert_eq!(element(Value::String(None)).as_deref(), Some("NULL"));
        assert_eq!(element(Value::from("NULL")).as_deref(), Some("\"NULL\""));
        assert_eq!(element(Value::from("")).as_deref(), Some("\"\""));
        assert_eq!(element(Value::from(r#"a "b" \c, {d}"#)).as_deref(), Some(r#""a \"b\" \\c, {d}""#));
        assert_eq!(element(Value::from(true)).as_deref(), Some("\"t\""));
        assert_eq!(element(Value::from(serde_json::json!({"k": "v\"w"}))).as_deref(), Some(r#""{\"k\":\"v\\\"w\"}""#));
        assert_eq!(element(Value::Double(Some(f64::NAN))), None);
    }
}
