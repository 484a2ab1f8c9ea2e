//! Owners (CUS-8): assign public customers to an owner, transfer owned ones, all or
//! nothing.


use crm_domain::customers::{pool, Pool, PoolCommand};
use crm_domain::validate::Validator;
use crm_domain::{DomainError, DomainResult};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use super::entities::customer::{self, Column as C, Entity as Customer};
use crate::db::db_err;
use crate::scope::Scoped;
use crate::system::entities::user;
use crate::{Ctx, Db};
use super::pools::*;
use super::records::*;

/// A live, enabled user who can own customers, or a 422 naming `field`.
pub(super) async fn check_new_owner(db: &impl ConnectionTrait, owner_id: Uuid, field: &str) -> DomainResult<user::Model> {
    let u = user::Entity::find_by_id(owner_id).filter(user::Column::DeletedAt.is_null()).one(db).await.map_err(db_err)?;
    match u {
        None => Err(DomainError::invalid_field(field, "not_found", "no such user")),
        Some(u) if !u.enabled => Err(DomainError::invalid_field(field, "disabled", "this user is disabled and cannot own customers")),
        Some(u) => Ok(u),
    }
}

/// Loads every listed customer through the caller's scope; any missing one fails the
/// whole request, naming it (one transaction: all or nothing).
pub(super) async fn load_batch(db: &impl ConnectionTrait, ctx: &Ctx, ids: &[Uuid], editable: bool) -> DomainResult<Vec<customer::Model>> {
    let mut v = Validator::new();
    if ids.is_empty() {
        v.add("customer_ids", "required", "name at least one customer");
    } else if ids.len() > 1000 {
        v.add("customer_ids", "too_many", "at most 1000 customers at once");
    }
    v.finish()?;
    let rows = if editable { Scoped::<Customer>::find_editable(db, ctx).await? } else { Scoped::<Customer>::find(db, ctx).await? }
        .filter(C::Id.is_in(ids.to_vec()))
        .all(db)
        .await
        .map_err(db_err)?;
    let missing: Vec<Uuid> = ids.iter().filter(|id| !rows.iter().any(|r| r.id == **id)).copied().collect();
    if !missing.is_empty() {
        return Err(DomainError::not_found("customer").with_extra(json!({ "missing_ids": missing })));
    }
    Ok(rows)
}

pub(super) fn dedup(mut ids: Vec<Uuid>) -> Vec<Uuid> {
    ids.sort();
    ids.dedup();
    ids
}

/// 分配: a manager gives public customers to an owner, within the cap; the owner's own
/// cooldown on a customer they released applies too.
pub async fn assign(db: &Db, ctx: &Ctx, ids: Vec<Uuid>, owner_id: Uuid) -> DomainResult<Vec<CustomerView>> {
    let ids = dedup(ids);
    let tx = crate::tx::begin(db).await?;
    check_new_owner(&tx, owner_id, "owner_id").await?;
    // Assign takes public customers, which are visible but nobody's to edit.
    let rows = load_batch(&tx, ctx, &ids, false).await?;
    let rules = super::pool_rules::load(&tx).await?;
    super::pool_rules::check_owner_cap(&tx, &rules, owner_id, u64::try_from(rows.len()).unwrap_or(u64::MAX)).await?;
    let released = if rules.has_cooldown() { super::releases::released_by(&tx, owner_id, &ids).await? } else { Default::default() };
    let mut out = Vec::with_capacity(rows.len());
    for c in rows {
        let to = pool::apply(Pool::parse(&c.pool).unwrap_or(Pool::Potential), PoolCommand::Assign)
            .map_err(|e| e.with_extra(json!({ "customer_id": c.id, "name": c.name })))?;
        rules.check_cooldown(released.get(&c.id).copied(), ctx.now).map_err(|e| e.with_extra(json!({ "customer_id": c.id, "name": c.name })))?;
        out.push(move_pool(&tx, ctx, &c, to, Some(owner_id), None, "assign").await?);
    }
    let v = views(&tx, out).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}

/// 转移 (CUS-8): owned customers change owner, pool unchanged. Contacts and follow-ups
/// belong to the customer and move with it; its open opportunities too when
/// `with_opportunities` (closed ones stay with who won or lost them).
pub async fn transfer(db: &Db, ctx: &Ctx, ids: Vec<Uuid>, owner_id: Uuid, with_opportunities: bool) -> DomainResult<Vec<CustomerView>> {
    let ids = dedup(ids);
    let tx = crate::tx::begin(db).await?;
    check_new_owner(&tx, owner_id, "owner_id").await?;
    let rows = load_batch(&tx, ctx, &ids, true).await?;
    let mut out = Vec::with_capacity(rows.len());
    for c in rows {
        let pool = Pool::parse(&c.pool).unwrap_or(Pool::Potential);
        if !matches!(pool, Pool::Potential | Pool::Won) {
            return Err(DomainError::conflict("customer.wrong_pool", format!("{} is in the {} pool; only owned customers can be transferred", c.name, pool.as_str()))
                .with_extra(json!({ "customer_id": c.id, "pool": pool.as_str() })));
        }
        if c.owner_id == Some(owner_id) {
            out.push(c);
            continue;
        }
        out.push(move_pool(&tx, ctx, &c, pool, Some(owner_id), None, "transfer").await?);
    }
    if with_opportunities {
        crate::opportunities::records::follow_transfer(&tx, ctx, &ids, owner_id).await?;
    }
    let v = views(&tx, out).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}
