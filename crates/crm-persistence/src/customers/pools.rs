//! The four pools (CUS-7): claim, release, invalidate, revalidate, and a deal marking a
//! customer won; each a conditional move recorded in the operation log.


use crm_domain::customers::{pool, Pool, PoolCommand};
use crm_domain::validate::Validator;
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use super::entities::customer::{self, Column as C, Entity as Customer};
use crate::db::db_err;
use crate::{notifications, audit, Ctx, Db};
use super::records::*;

/// Moves a customer between pools with a conditional update on the pool it was read in,
/// so of two people acting at once exactly one succeeds and the other gets 409.
pub(crate) async fn move_pool(
    tx: &impl ConnectionTrait,
    ctx: &Ctx,
    current: &customer::Model,
    to: Pool,
    owner: Option<Uuid>,
    reason: Option<String>,
    action: &str,
) -> DomainResult<customer::Model> {
    let mut changes = customer::ActiveModel {
        pool: Set(to.as_str().into()),
        owner_id: Set(owner),
        pool_reason: Set(reason.clone()),
        updated_at: Set(ctx.now),
        ..Default::default()
    };
    if action == "release" || action == "return" {
        changes.released_by = Set(current.owner_id);
        changes.released_at = Set(Some(ctx.now));
        if let Some(owner) = current.owner_id {
            super::releases::remember(tx, current.id, owner, ctx.now).await?;
        }
    }
    if owner.is_some() && owner != current.owner_id {
        changes.owned_since = Set(Some(ctx.now));
    } else if owner.is_none() {
        changes.owned_since = Set(None);
    }
    let res = Customer::update_many()
        .set(changes)
        .col_expr(C::Version, Expr::col(C::Version).add(1))
        .filter(C::Id.eq(current.id))
        .filter(C::Pool.eq(current.pool.clone()))
        .filter(C::Version.eq(current.version))
        .filter(C::DeletedAt.is_null())
        .exec(tx)
        .await
        .map_err(db_err)?;
    if res.rows_affected == 0 {
        return Err(DomainError::conflict("customer.changed", "someone else moved this customer first; reload it"));
    }
    let mut next = current.clone();
    next.pool = to.as_str().into();
    next.owner_id = owner;
    next.pool_reason = reason;
    next.version += 1;
    next.updated_at = ctx.now;
    audit::record(
        tx,
        ctx,
        "customers",
        current.id,
        action,
        &json!({"pool": current.pool, "owner_id": current.owner_id}),
        &json!({"pool": next.pool, "owner_id": next.owner_id, "reason": next.pool_reason}),
    )
    .await?;
    notify_move(tx, ctx, current, &next, action).await?;
    Ok(next)
}

/// Who hears of a move: the new owner of an assigned or transferred customer, the former
/// owner of one the rules returned to the pool.
async fn notify_move(tx: &impl ConnectionTrait, ctx: &Ctx, before: &customer::Model, after: &customer::Model, action: &str) -> DomainResult<()> {
    let (user, kind) = match action {
        "assign" => (after.owner_id, "customer.assigned"),
        "transfer" => (after.owner_id, "customer.transferred"),
        "return" => (before.owner_id, "customer.returned"),
        _ => return Ok(()),
    };
    let Some(user_id) = user else { return Ok(()) };
    let notice = notifications::Notice {
        user_id,
        kind,
        entity: Some("customers"),
        record_id: Some(after.id),
        record_label: Some(after.name.clone()),
        data: json!({"reason": after.pool_reason}),
        dedupe_key: None,
    };
    notifications::notify(tx, ctx, notice).await
}

pub(super) fn reason(field: &str, r: &str) -> DomainResult<String> {
    let mut v = Validator::new();
    let r = v.required_text(field, r, 500);
    v.finish()?;
    Ok(r)
}

/// 领取: a public customer becomes the caller's.
pub async fn claim(db: &Db, ctx: &Ctx, id: Uuid) -> DomainResult<CustomerView> {
    let tx = crate::tx::begin(db).await?;
    let current = find_visible(&tx, ctx, id).await?;
    let to = pool::apply(Pool::parse(&current.pool).unwrap_or(Pool::Potential), PoolCommand::Claim)?;
    let rules = super::pool_rules::load(&tx).await?;
    if rules.has_cooldown() {
        let released = super::releases::released_by(&tx, ctx.actor.user_id, &[current.id]).await?;
        rules.check_cooldown(released.get(&current.id).copied(), ctx.now)?;
    }
    super::pool_rules::check_owner_cap(&tx, &rules, ctx.actor.user_id, 1).await?;
    let next = move_pool(&tx, ctx, &current, to, Some(ctx.actor.user_id), None, "claim").await?;
    let v = view(&tx, next).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}

/// 放回公海: the owner, or someone whose scope covers the owner, with a reason.
pub async fn release(db: &Db, ctx: &Ctx, id: Uuid, why: &str) -> DomainResult<CustomerView> {
    let why = reason("reason", why)?;
    let tx = crate::tx::begin(db).await?;
    let current = find_editable(&tx, ctx, id).await?;
    check_owner_side(&tx, ctx, &current, "release").await?;
    let to = pool::apply(Pool::parse(&current.pool).unwrap_or(Pool::Potential), PoolCommand::Release)?;
    let next = move_pool(&tx, ctx, &current, to, None, Some(why), "release").await?;
    let v = view(&tx, next).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}

pub async fn invalidate(db: &Db, ctx: &Ctx, id: Uuid, why: &str) -> DomainResult<CustomerView> {
    let why = reason("reason", why)?;
    let tx = crate::tx::begin(db).await?;
    let current = find_editable(&tx, ctx, id).await?;
    check_owner_side(&tx, ctx, &current, "invalidate").await?;
    let to = pool::apply(Pool::parse(&current.pool).unwrap_or(Pool::Potential), PoolCommand::Invalidate)?;
    let owner = current.owner_id;
    let next = move_pool(&tx, ctx, &current, to, owner, Some(why), "invalidate").await?;
    let v = view(&tx, next).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}

pub async fn revalidate(db: &Db, ctx: &Ctx, id: Uuid) -> DomainResult<CustomerView> {
    let tx = crate::tx::begin(db).await?;
    let current = find_editable(&tx, ctx, id).await?;
    let cmd = PoolCommand::Revalidate { has_owner: current.owner_id.is_some() };
    let to = pool::apply(Pool::parse(&current.pool).unwrap_or(Pool::Potential), cmd)?;
    let owner = current.owner_id;
    let next = move_pool(&tx, ctx, &current, to, owner, None, "revalidate").await?;
    let v = view(&tx, next).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}

/// CON-4: a contract became active. Called by the contracts module inside its own
/// transaction; not scoped, because the contract's owner may differ from the customer's.
pub async fn mark_won(tx: &impl ConnectionTrait, ctx: &Ctx, id: Uuid) -> DomainResult<()> {
    // scope-bypass: the contract's owner may not see the customer, yet its signing makes it won.
    let current = Customer::find_by_id(id).filter(C::DeletedAt.is_null()).one(tx).await.map_err(db_err)?.ok_or_else(|| DomainError::not_found("customer"))?;
    if current.pool == Pool::Won.as_str() {
        return Ok(());
    }
    let to = pool::apply(Pool::parse(&current.pool).unwrap_or(Pool::Potential), PoolCommand::MarkWon)?;
    let owner = current.owner_id;
    move_pool(tx, ctx, &current, to, owner, None, "won").await?;
    Customer::update_many().col_expr(C::DealStatus, Expr::value("won")).filter(C::Id.eq(id)).exec(tx).await.map_err(db_err)?;
    Ok(())
}
