//! The lead pool: claim (the first of two at once wins; the other gets 409), release
//! back to the pool, and assign to an owner. Each a conditional write on the owner and
//! version it read, logged.

use crm_domain::leads::LeadStatus;
use crm_domain::validate::Validator;
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use super::entities::lead::{self, Column as C, Entity as Lead};
use super::records::{converted, LeadView, Leads};
use crate::db::db_err;
use crate::kit::{self, Resource};
use crate::scope::Scoped;
use crate::{audit, Ctx, Db};

/// Gives `current` to `owner` (None: the pool) if nobody changed it since it was read.
async fn move_owner(tx: &impl ConnectionTrait, ctx: &Ctx, current: &lead::Model, owner: Option<Uuid>, action: &str, reason: Option<String>) -> DomainResult<lead::Model> {
    let mut write = Lead::update_many()
        .col_expr(C::OwnerId, Expr::value(owner))
        .col_expr(C::Version, Expr::col(C::Version).add(1))
        .col_expr(C::UpdatedAt, Expr::value(ctx.now))
        .filter(C::Id.eq(current.id))
        .filter(C::Version.eq(current.version))
        .filter(C::DeletedAt.is_null());
    write = match current.owner_id {
        Some(o) => write.filter(C::OwnerId.eq(o)),
        None => write.filter(C::OwnerId.is_null()),
    };
    if write.exec(tx).await.map_err(db_err)?.rows_affected == 0 {
        return Err(DomainError::conflict("lead.changed", "someone else took or changed this lead first; reload it"));
    }
    audit::record(tx, ctx, "leads", current.id, action, &json!({"owner_id": current.owner_id}), &json!({"owner_id": owner, "reason": reason})).await?;
    Ok(lead::Model { owner_id: owner, version: current.version + 1, updated_at: ctx.now, ..current.clone() })
}

fn open(l: &lead::Model) -> DomainResult<()> {
    if l.status == LeadStatus::Converted.as_str() {
        return Err(converted());
    }
    Ok(())
}

/// 领取: a pool lead becomes the caller's.
pub async fn claim(db: &Db, ctx: &Ctx, id: Uuid) -> DomainResult<LeadView> {
    let tx = crate::tx::begin(db).await?;
    let current = match kit::load::<Leads>(&tx, ctx, id, false).await {
        Ok(l) => l,
        // Out of sight now: someone outside the caller's scope claimed it a moment ago.
        // Saying so (rather than "no such lead") tells the loser of the race what happened;
        // a claim only ever names a lead that was in the pool.
        Err(e) => {
            let taken = crate::kit::policy::live::<Lead>().filter(C::Id.eq(id)).filter(C::OwnerId.is_not_null()).one(&tx).await.map_err(db_err)?;
            return Err(if taken.is_some() { DomainError::conflict("lead.already_owned", "someone claimed this lead first") } else { e });
        }
    };
    open(&current)?;
    if current.owner_id.is_some() {
        return Err(DomainError::conflict("lead.already_owned", "this lead is someone's already"));
    }
    let next = move_owner(&tx, ctx, &current, Some(ctx.actor.user_id), "claim", None).await?;
    let v = kit::view::<Leads>(&tx, ctx, next).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}

/// 放回线索池: the owner, or someone whose scope covers the owner, with an optional reason.
pub async fn release(db: &Db, ctx: &Ctx, id: Uuid, reason: Option<&str>) -> DomainResult<LeadView> {
    let mut v = Validator::new();
    let reason = v.optional_text("reason", reason, 500);
    v.finish()?;
    let tx = crate::tx::begin(db).await?;
    let current = kit::load::<Leads>(&tx, ctx, id, true).await?;
    open(&current)?;
    if current.owner_id.is_none() {
        return Err(DomainError::conflict("lead.in_pool", "this lead is in the pool already"));
    }
    let next = move_owner(&tx, ctx, &current, None, "release", reason).await?;
    let view = kit::view::<Leads>(&tx, ctx, next).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(view)
}

/// 分配 / 转移: pool leads and leads in the caller's scope go to `owner_id`, all or
/// nothing; a lead the caller cannot see is a 404 naming it in `missing_ids`.
pub async fn assign(db: &Db, ctx: &Ctx, mut ids: Vec<Uuid>, owner_id: Uuid) -> DomainResult<Vec<LeadView>> {
    ids.sort();
    ids.dedup();
    let mut v = Validator::new();
    if ids.is_empty() {
        v.add("lead_ids", "required", "name at least one lead");
    } else if ids.len() > 1000 {
        v.add("lead_ids", "too_many", "at most 1000 leads at once");
    }
    v.finish()?;
    let tx = crate::tx::begin(db).await?;
    crate::scope::assignable_owner(&tx, ctx, owner_id, "owner_id").await?;
    let rows = Scoped::<Lead>::find(&tx, ctx).await?.filter(C::Id.is_in(ids.clone())).all(&tx).await.map_err(db_err)?;
    let missing: Vec<Uuid> = ids.iter().filter(|id| !rows.iter().any(|r| r.id == **id)).copied().collect();
    if !missing.is_empty() {
        return Err(DomainError::not_found("lead").with_extra(json!({ "missing_ids": missing })));
    }
    let mut out = Vec::with_capacity(rows.len());
    for l in rows {
        open(&l).map_err(|e| e.with_extra(json!({ "lead_id": l.id, "name": l.name })))?;
        if l.owner_id == Some(owner_id) {
            out.push(l);
            continue;
        }
        out.push(move_owner(&tx, ctx, &l, Some(owner_id), "assign", None).await?);
    }
    let views = Leads::views(&tx, ctx, out).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(views)
}
