//! Pool rules (CUS-7): read and set by admins, enforced on claim and assign, and applied
//! by the hourly job (and on demand) to return neglected customers to the public pool.

use chrono::{DateTime, Utc};
use crm_domain::customers::rules::PoolRules;
use crm_domain::customers::Pool;
use crm_domain::DomainResult;
use sea_orm::sea_query::{Expr, Func, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use super::entities::customer::{self, Column as CC, Entity as Customer};
use super::entities::pool_rule::{self, Column as C, Entity as Rule};
use crate::db::db_err;
use crate::system::entities::user;
use crate::version::check_if_match;
use crate::{audit, tx, Ctx, Db};

const ROW: i32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct PoolRulesView {
    pub rules: PoolRulesFields,
    pub version: i32,
    pub updated_at: Option<DateTime<Utc>>,
    pub last_applied_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PoolRulesFields {
    pub enabled: bool,
    pub return_after_days_without_follow_up: Option<i32>,
    pub return_after_days_without_deal: Option<i32>,
    pub max_customers_per_owner: Option<i32>,
    pub reclaim_cooldown_days: Option<i32>,
    pub exempt_won: bool,
}

fn fields(r: &PoolRules) -> PoolRulesFields {
    PoolRulesFields {
        enabled: r.enabled,
        return_after_days_without_follow_up: r.return_after_days_without_follow_up,
        return_after_days_without_deal: r.return_after_days_without_deal,
        max_customers_per_owner: r.max_customers_per_owner,
        reclaim_cooldown_days: r.reclaim_cooldown_days,
        exempt_won: r.exempt_won,
    }
}

fn from_row(m: &pool_rule::Model) -> PoolRules {
    PoolRules {
        enabled: m.enabled,
        return_after_days_without_follow_up: m.return_after_days_without_follow_up,
        return_after_days_without_deal: m.return_after_days_without_deal,
        max_customers_per_owner: m.max_customers_per_owner,
        reclaim_cooldown_days: m.reclaim_cooldown_days,
        exempt_won: m.exempt_won,
    }
}

/// The rules in force; the defaults (all off) until an admin saves some.
pub async fn load(db: &impl ConnectionTrait) -> DomainResult<PoolRules> {
    Ok(Rule::find_by_id(ROW).one(db).await.map_err(db_err)?.map(|m| from_row(&m)).unwrap_or_default())
}

pub async fn get(db: &Db) -> DomainResult<PoolRulesView> {
    let row = Rule::find_by_id(ROW).one(db).await.map_err(db_err)?;
    Ok(match row {
        Some(m) => PoolRulesView { rules: fields(&from_row(&m)), version: m.version, updated_at: Some(m.updated_at), last_applied_at: m.last_applied_at },
        None => PoolRulesView { rules: fields(&PoolRules::default()), version: 0, updated_at: None, last_applied_at: None },
    })
}

pub async fn update(db: &Db, ctx: &Ctx, rules: PoolRules, if_match: Option<i32>) -> DomainResult<PoolRulesView> {
    let rules = rules.validate()?;
    let tx = tx::begin(db).await?;
    let current = Rule::find_by_id(ROW).one(&tx).await.map_err(db_err)?;
    let (before, version) = match &current {
        Some(m) => (from_row(m), m.version),
        None => (PoolRules::default(), 0),
    };
    check_if_match(if_match, version)?;
    let row = pool_rule::ActiveModel {
        id: Set(ROW),
        enabled: Set(rules.enabled),
        return_after_days_without_follow_up: Set(rules.return_after_days_without_follow_up),
        return_after_days_without_deal: Set(rules.return_after_days_without_deal),
        max_customers_per_owner: Set(rules.max_customers_per_owner),
        reclaim_cooldown_days: Set(rules.reclaim_cooldown_days),
        exempt_won: Set(rules.exempt_won),
        version: Set(version + 1),
        updated_at: Set(ctx.now),
        last_applied_at: Set(current.as_ref().and_then(|m| m.last_applied_at)),
    };
    if current.is_none() {
        Rule::insert(row).on_conflict(OnConflict::column(C::Id).do_nothing().to_owned()).exec_without_returning(&tx).await.map_err(db_err)?;
    } else {
        let res = Rule::update_many().set(row).filter(C::Id.eq(ROW)).filter(C::Version.eq(version)).exec(&tx).await.map_err(db_err)?;
        if res.rows_affected == 0 {
            return Err(crm_domain::DomainError::stale_version());
        }
    }
    audit::record(&tx, ctx, "pool_rules", Uuid::nil(), "update", &json!(fields(&before)), &json!(fields(&rules))).await?;
    tx.commit().await.map_err(db_err)?;
    get(db).await
}

/// Refuses to give `owner` more customers than the cap allows. The owner's row is locked
/// first (`FOR UPDATE` on PostgreSQL; SQLite's writers take turns and sea-query leaves the
/// clause out there), so two parallel claims by one person cannot both slip under it.
pub async fn check_owner_cap(db: &impl ConnectionTrait, rules: &PoolRules, owner: Uuid, adding: u64) -> DomainResult<()> {
    if !rules.enabled || rules.max_customers_per_owner.is_none() {
        return Ok(());
    }
    user::Entity::find_by_id(owner).lock_exclusive().one(db).await.map_err(db_err)?;
    let mut pools = vec![Pool::Potential.as_str()];
    if !rules.exempt_won {
        pools.push(Pool::Won.as_str());
    }
    // scope-bypass: the cap counts everything the owner holds, whoever is asking.
    let owned = Customer::find()
        .filter(CC::OwnerId.eq(owner))
        .filter(CC::DeletedAt.is_null())
        .filter(CC::Pool.is_in(pools))
        .count(db)
        .await
        .map_err(db_err)?;
    rules.check_cap(owned, adding)
}

/// Owned customers the rules return to the public pool by `at` (now, for the job; a few
/// days ahead, for the workbench's warning); `None` when no rule returns any.
pub fn due_by(rules: &PoolRules, at: DateTime<Utc>) -> Option<Condition> {
    let (no_follow_up, no_deal) = rules.cutoffs(at);
    if no_follow_up.is_none() && no_deal.is_none() {
        return None;
    }
    let mut pools = vec![Pool::Potential.as_str()];
    if !rules.exempt_won {
        pools.push(Pool::Won.as_str());
    }
    let mut due = Condition::any();
    if let Some(cut) = no_follow_up {
        // The last contact, or the start of ownership when there was none, is too old.
        due = due.add(Expr::expr(Func::coalesce([Expr::col(CC::LastFollowUpAt).into(), Expr::col(CC::OwnedSince).into(), Expr::col(CC::CreatedAt).into()])).lt(cut));
    }
    if let Some(cut) = no_deal {
        due = due.add(
            Condition::all()
                .add(CC::DealStatus.ne("won"))
                .add(Expr::expr(Func::coalesce([Expr::col(CC::OwnedSince).into(), Expr::col(CC::CreatedAt).into()])).lt(cut)),
        );
    }
    Some(Condition::all().add(CC::Pool.is_in(pools)).add(CC::OwnerId.is_not_null()).add(due).add(Expr::exists(active_contract()).not()))
}

/// A live active contract of the customer: the rules never return such a customer (CON-4),
/// whether or not they exempt won ones.
fn active_contract() -> sea_orm::sea_query::SelectStatement {
    use crate::sales_docs::entities::contract;
    sea_orm::sea_query::Query::select()
        .expr(Expr::val(1))
        .from(contract::Entity)
        .and_where(Expr::col((contract::Entity, contract::Column::CustomerId)).equals((customer::Entity, CC::Id)))
        .and_where(Expr::col((contract::Entity, contract::Column::Status)).eq(crm_domain::contracts::ContractStatus::Active.as_str()))
        .and_where(Expr::col((contract::Entity, contract::Column::DeletedAt)).is_null())
        .to_owned()
}

/// Returns neglected customers to the public pool; answers how many moved. Each move is
/// its own conditional update with an audit entry, in batches, so a customer touched
/// meanwhile (followed up, transferred) is left alone.
pub async fn apply(db: &Db, ctx: &Ctx) -> DomainResult<u64> {
    let rules = load(db).await?;
    let Some(due) = due_by(&rules, ctx.now) else { return Ok(0) };
    // scope-bypass: the rules apply to every owner's customers; the job acts as the system.
    let base = Customer::find().filter(CC::DeletedAt.is_null()).filter(due);
    let mut moved = 0u64;
    let mut after: Option<Uuid> = None;
    loop {
        let mut q = base.clone().order_by_asc(CC::Id).limit(500);
        if let Some(a) = after {
            q = q.filter(CC::Id.gt(a));
        }
        let batch: Vec<customer::Model> = q.all(db).await.map_err(db_err)?;
        let Some(last) = batch.last() else { break };
        after = Some(last.id);
        let tx = tx::begin(db).await?;
        for c in &batch {
            match super::pools::move_pool(&tx, ctx, c, Pool::Public, None, Some("pool rules: neglected".into()), "return").await {
                Ok(_) => moved += 1,
                Err(e) if e.code == "customer.changed" => {}
                Err(e) => return Err(e),
            }
        }
        tx.commit().await.map_err(db_err)?;
    }
    Rule::update_many().col_expr(C::LastAppliedAt, Expr::value(ctx.now)).filter(C::Id.eq(ROW)).exec(db).await.map_err(db_err)?;
    if moved > 0 {
        log::info!("pool rules returned {moved} customer(s) to the public pool");
    }
    Ok(moved)
}
