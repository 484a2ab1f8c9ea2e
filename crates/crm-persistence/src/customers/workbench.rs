//! The customers' cards on the workbench: follow-ups due today and overdue, customers
//! the pool rules will return within the horizon, and new customers this week.

use chrono::Duration;
use crm_domain::customers::Pool;
use crm_domain::permissions::perms::CUSTOMERS_READ;
use crm_domain::DomainResult;
use sea_orm::sea_query::{Expr, Func, SimpleExpr};
use sea_orm::{ColumnTrait, Order, QueryFilter};

use super::entities::customer::{Column as C, Entity as Customer, Model};
use super::pool_rules;
use crate::workbench::{owned_card, Card, CardItem, CardSpec, Frame};
use crate::{Ctx, Db};

pub const CARDS: &[CardSpec] = &[
    CardSpec { key: "customers.follow_ups_due_today", needs: Some(CUSTOMERS_READ), build: |db, ctx, f| Box::pin(due_today(db, ctx, f)) },
    CardSpec { key: "customers.follow_ups_overdue", needs: Some(CUSTOMERS_READ), build: |db, ctx, f| Box::pin(overdue(db, ctx, f)) },
    CardSpec { key: "customers.returning_to_pool", needs: Some(CUSTOMERS_READ), build: |db, ctx, f| Box::pin(returning(db, ctx, f)) },
    CardSpec { key: "customers.new_this_week", needs: Some(CUSTOMERS_READ), build: |db, ctx, f| Box::pin(new_this_week(db, ctx, f)) },
];

fn item(c: Model, at: Option<chrono::DateTime<chrono::Utc>>) -> CardItem {
    CardItem { entity: "customers".into(), id: c.id, name: c.name, at, owner_id: c.owner_id, owner_name: None }
}

fn asc(c: C) -> Vec<(SimpleExpr, Order)> {
    vec![(Expr::col(c).into(), Order::Asc), (Expr::col(C::Id).into(), Order::Asc)]
}

/// Owned customers only: the public pool is nobody's to call.
fn owned() -> sea_orm::Condition {
    sea_orm::Condition::all().add(C::OwnerId.is_not_null()).add(C::Pool.is_in([Pool::Potential.as_str(), Pool::Won.as_str()]))
}

async fn due_today(db: &Db, ctx: &Ctx, f: &Frame) -> DomainResult<Card> {
    let (start, end) = f.today;
    owned_card::<Customer>(db, ctx, f, |s| s.filter(owned()).filter(C::NextFollowUpAt.gte(start)).filter(C::NextFollowUpAt.lt(end)), asc(C::NextFollowUpAt), |c| {
        let at = c.next_follow_up_at;
        item(c, at)
    })
    .await
}

/// Due before today began and not followed up since: the oldest first.
async fn overdue(db: &Db, ctx: &Ctx, f: &Frame) -> DomainResult<Card> {
    let start = f.today.0;
    owned_card::<Customer>(db, ctx, f, |s| s.filter(owned()).filter(C::NextFollowUpAt.lt(start)), asc(C::NextFollowUpAt), |c| {
        let at = c.next_follow_up_at;
        item(c, at)
    })
    .await
}

/// Customers the pool rules return within the horizon, soonest first; none when the rules
/// return nobody.
async fn returning(db: &Db, ctx: &Ctx, f: &Frame) -> DomainResult<Card> {
    let rules = pool_rules::load(db).await?;
    let Some(due) = pool_rules::due_by(&rules, f.now + Duration::days(f.horizon_days)) else {
        return Ok(Card { key: String::new(), total: 0, items: Vec::new(), by_owner: Vec::new(), amount: None, weighted_amount: None, target_amount: None });
    };
    let last_contact: SimpleExpr = Func::coalesce([Expr::col(C::LastFollowUpAt).into(), Expr::col(C::OwnedSince).into(), Expr::col(C::CreatedAt).into()]).into();
    let order = vec![(last_contact, Order::Asc), (Expr::col(C::Id).into(), Order::Asc)];
    owned_card::<Customer>(db, ctx, f, |s| s.filter(due.clone()), order, |c| {
        let owned_since = c.owned_since.unwrap_or(c.created_at);
        let at = rules.returns_at(c.last_follow_up_at.unwrap_or(owned_since), owned_since, c.pool == Pool::Won.as_str());
        item(c, at)
    })
    .await
}

async fn new_this_week(db: &Db, ctx: &Ctx, f: &Frame) -> DomainResult<Card> {
    let since = f.week_start;
    let order = vec![(Expr::col(C::CreatedAt).into(), Order::Desc), (Expr::col(C::Id).into(), Order::Desc)];
    owned_card::<Customer>(db, ctx, f, |s| s.filter(owned()).filter(C::CreatedAt.gte(since)), order, |c| {
        let at = Some(c.created_at);
        item(c, at)
    })
    .await
}
