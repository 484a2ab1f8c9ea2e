//! Optimistic concurrency: every update names the version it read, and a write that finds
//! another version changes nothing and answers 412.

use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::db::db_err;

/// The caller's `If-Match` against the version just read.
pub fn check_if_match(if_match: Option<i32>, current: i32) -> DomainResult<()> {
    match if_match {
        Some(v) if v != current => Err(DomainError::stale_version()),
        _ => Ok(()),
    }
}

/// `UPDATE … SET …, version = read + 1 WHERE id = ? AND version = read`; no row → 412.
pub async fn update_versioned<E, A>(
    db: &impl ConnectionTrait,
    changes: A,
    id_col: E::Column,
    id: Uuid,
    version_col: E::Column,
    read_version: i32,
) -> DomainResult<()>
where
    E: EntityTrait,
    A: ActiveModelTrait<Entity = E>,
{
    let res = E::update_many()
        .set(changes)
        .col_expr(version_col, Expr::value(read_version + 1))
        .filter(id_col.eq(id))
        .filter(version_col.eq(read_version))
        .exec(db)
        .await
        .map_err(db_err)?;
    if res.rows_affected == 0 {
        return Err(DomainError::stale_version());
    }
    Ok(())
}
