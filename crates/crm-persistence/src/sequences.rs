//! Gap-free human numbers (customer codes, contract numbers): a counter row per name,
//! incremented inside the caller's transaction, so two writers never get the same number.

use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::db::db_err;
use crate::shared_entities::sequence::{self, Column as C, Entity as Seq};

pub async fn next(db: &impl ConnectionTrait, name: &str) -> DomainResult<i64> {
    next_n(db, name, 1).await
}

/// Reserves `n` consecutive numbers and returns the first (a bulk import's block).
pub async fn next_n(db: &impl ConnectionTrait, name: &str, n: i64) -> DomainResult<i64> {
    Seq::insert(sequence::ActiveModel { name: Set(name.into()), value: Set(0) })
        .on_conflict(OnConflict::column(C::Name).do_nothing().to_owned())
        .exec_without_returning(db)
        .await
        .map_err(db_err)?;
    Seq::update_many().col_expr(C::Value, Expr::col(C::Value).add(n)).filter(C::Name.eq(name)).exec(db).await.map_err(db_err)?;
    Seq::find_by_id(name.to_string())
        .one(db)
        .await
        .map_err(db_err)?
        .map(|s| s.value - n + 1)
        .ok_or_else(|| DomainError::internal("sequence row missing"))
}
