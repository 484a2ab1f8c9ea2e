//! Gap-free human numbers (customer codes, contract numbers): a counter row per name,
//! incremented inside the caller's transaction, so two writers never get the same number.

use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::{Alias, Expr, OnConflict, Query};
use sea_orm::ConnectionTrait;

use crate::db::db_err;

pub async fn next(db: &impl ConnectionTrait, name: &str) -> DomainResult<i64> {
    next_n(db, name, 1).await
}

/// Reserves `n` consecutive numbers and returns the first (a bulk import's block). One
/// upsert with RETURNING (PostgreSQL, and SQLite since 3.35): the row lock it takes makes
/// concurrent callers queue, and a missing counter starts at 1.
pub async fn next_n(db: &impl ConnectionTrait, name: &str, n: i64) -> DomainResult<i64> {
    let (table, value) = (Alias::new("sequences"), Alias::new("value"));
    let mut stmt = Query::insert();
    stmt.into_table(table.clone()).columns([Alias::new("name"), value.clone()]);
    stmt.values([name.into(), n.into()]).map_err(|e| DomainError::internal(format!("sequence statement: {e}")))?;
    let stmt = stmt
        .on_conflict(OnConflict::column(Alias::new("name")).value(value.clone(), Expr::col((table, value.clone())).add(n)).to_owned())
        .returning(Query::returning().column(value))
        .to_owned();
    let row = db.query_one(db.get_database_backend().build(&stmt)).await.map_err(db_err)?.ok_or_else(|| DomainError::internal("sequence upsert returned nothing"))?;
    let last: i64 = row.try_get_by_index(0).map_err(db_err)?;
    Ok(last - n + 1)
}
