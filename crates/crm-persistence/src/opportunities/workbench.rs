//! The pipeline's cards on the workbench: the open pipeline with its amount and weighted
//! amount, what is expected to close this month, open ones past their date, and what was
//! won this month (the user's month, in their time zone).

use chrono::{DateTime, NaiveDate, Utc};
use crm_domain::opportunities::StageKind;
use crm_domain::permissions::perms::OPPORTUNITIES_READ;
use crm_domain::DomainResult;
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{ColumnTrait, Order, QueryFilter, Select};

use super::entities::opportunity::{Column as C, Entity as Opportunity, Model};
use super::sums::total;
use crate::scope::Scoped;
use crate::workbench::{owned_card, Card, CardItem, CardSpec, Frame, Reach};
use crate::{Ctx, Db};

pub const CARDS: &[CardSpec] = &[
    CardSpec { key: "opportunities.pipeline", needs: Some(OPPORTUNITIES_READ), build: |db, ctx, f| Box::pin(pipeline(db, ctx, f)) },
    CardSpec { key: "opportunities.closing_this_month", needs: Some(OPPORTUNITIES_READ), build: |db, ctx, f| Box::pin(closing_this_month(db, ctx, f)) },
    CardSpec { key: "opportunities.expired", needs: Some(OPPORTUNITIES_READ), build: |db, ctx, f| Box::pin(expired(db, ctx, f)) },
    CardSpec { key: "opportunities.won_this_month", needs: Some(OPPORTUNITIES_READ), build: |db, ctx, f| Box::pin(won_this_month(db, ctx, f)) },
];

fn midnight(d: Option<NaiveDate>) -> Option<DateTime<Utc>> {
    d.map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc())
}

fn closing(o: Model) -> CardItem {
    CardItem { entity: "opportunities".into(), id: o.id, at: midnight(o.expected_close_date), name: o.name, owner_id: Some(o.owner_id), owner_name: None }
}

fn order(c: C, o: Order) -> Vec<(SimpleExpr, Order)> {
    vec![(Expr::col(c).into(), o.clone()), (Expr::col(C::Id).into(), o)]
}

fn open(s: Select<Opportunity>) -> Select<Opportunity> {
    s.filter(C::Status.eq(StageKind::Open.as_str()))
}

/// The card of `narrow`, with its records' amounts added up (`weighted`: and weighted).
async fn money_card(db: &Db, ctx: &Ctx, f: &Frame, narrow: impl Fn(Select<Opportunity>) -> Select<Opportunity>, by: Vec<(SimpleExpr, Order)>, item: fn(Model) -> CardItem, weighted: bool) -> DomainResult<Card> {
    let mut card = owned_card::<Opportunity>(db, ctx, f, &narrow, by, item).await?;
    let mine = [ctx.actor.user_id];
    let owners = (f.reach == Reach::Mine).then_some(&mine[..]);
    let sums = total(db, narrow(Scoped::<Opportunity>::find_for_owners(db, ctx, owners).await?)).await?;
    card.amount = Some(sums.amount());
    card.weighted_amount = weighted.then(|| sums.weighted_amount());
    Ok(card)
}

/// Every open opportunity, the largest first.
async fn pipeline(db: &Db, ctx: &Ctx, f: &Frame) -> DomainResult<Card> {
    money_card(db, ctx, f, open, order(C::AmountMinor, Order::Desc), closing, true).await
}

/// Open ones expected to close within the user's month, soonest first.
async fn closing_this_month(db: &Db, ctx: &Ctx, f: &Frame) -> DomainResult<Card> {
    let (first, next, _) = f.month;
    money_card(db, ctx, f, |s| open(s).filter(C::ExpectedCloseDate.gte(first)).filter(C::ExpectedCloseDate.lt(next)), order(C::ExpectedCloseDate, Order::Asc), closing, true).await
}

/// Open ones whose expected close date has passed (SAL-5), the oldest first.
async fn expired(db: &Db, ctx: &Ctx, f: &Frame) -> DomainResult<Card> {
    let today = f.date;
    money_card(db, ctx, f, |s| open(s).filter(C::ExpectedCloseDate.lt(today)), order(C::ExpectedCloseDate, Order::Asc), closing, true).await
}

/// Won since the user's month began, the latest first; for the user's own, against their
/// sales plan for the month.
async fn won_this_month(db: &Db, ctx: &Ctx, f: &Frame) -> DomainResult<Card> {
    let since = f.month.2;
    let item = |o: Model| CardItem { entity: "opportunities".into(), id: o.id, at: o.closed_at, name: o.name, owner_id: Some(o.owner_id), owner_name: None };
    let mut card = money_card(db, ctx, f, |s| s.filter(C::Status.eq(StageKind::Won.as_str())).filter(C::ClosedAt.gte(since)), order(C::ClosedAt, Order::Desc), item, false).await?;
    if f.reach == Reach::Mine {
        card.target_amount = crate::plans::sales_plans::target_for(db, ctx.actor.user_id, &f.month.0.format("%Y-%m").to_string()).await?;
    }
    Ok(card)
}
