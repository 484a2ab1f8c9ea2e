//! The workbench (工作台): the cards a user acts on today. Modules contribute cards through
//! their `WORKBENCH` tables, joined in `CARDS`, the way they contribute restorable resources
//! to the recycle bin; a later module (pipeline, approvals, payments due) adds its table
//! there and the home page shows its cards. Each card is counted and listed within the
//! caller's data scope, for them (`mine`) or for everyone they may see (`team`), with
//! a count per owner for the team.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use crm_domain::calendar::Calendar;
use crm_domain::{DomainResult, Perm};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::db_err;
use crate::kit::restore::Boxed;
use crate::scope::{Scoped, ScopedEntity};
use crate::shared_entities::audit_log;
use crate::system::user_names::display_names;
use crate::{Ctx, Db};

/// Every module's cards, in the order the home page shows them.
pub const CARDS: &[&[CardSpec]] = &[
    crate::customers::workbench::CARDS,
    crate::opportunities::workbench::CARDS,
    crate::approvals::workbench::CARDS,
    crate::receivables::workbench::CARDS,
    RECENT,
];

/// Whose records the cards count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Reach {
    /// The caller's own records.
    Mine,
    /// Every record in the caller's data scope, with a count per owner.
    Team,
}

/// The moment and the user's calendar every card of one answer is computed against.
pub struct Frame {
    pub reach: Reach,
    pub now: DateTime<Utc>,
    /// The user's today, from its local midnight to the next.
    pub today: (DateTime<Utc>, DateTime<Utc>),
    /// The user's local Monday 00:00.
    pub week_start: DateTime<Utc>,
    /// The user's date today (for date columns such as an expected close date).
    pub date: chrono::NaiveDate,
    /// The user's month: its first day, the next month's first day, and its start.
    pub month: (chrono::NaiveDate, chrono::NaiveDate, DateTime<Utc>),
    /// How far ahead a warning looks, in days (customers about to return to the pool).
    pub horizon_days: i64,
    /// Items listed per card.
    pub limit: u64,
}

impl Frame {
    pub fn new(reach: Reach, calendar: Calendar, now: DateTime<Utc>, horizon_days: i64, limit: u64) -> Self {
        Self { reach, now, today: calendar.day(now), week_start: calendar.week_start(now), date: calendar.date(now), month: calendar.month(now), horizon_days, limit }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"reach": "mine", "generated_at": "2026-12-06T01:00:00Z", "cards": [{"key": "customers.follow_ups_due_today", "total": 1,
    "items": [{"entity": "customers", "id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "name": "华为技术有限公司", "at": "2026-12-06T06:00:00Z",
    "owner_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e60", "owner_name": "王销售"}], "by_owner": []}]}))]
pub struct Workbench {
    pub reach: Reach,
    pub generated_at: DateTime<Utc>,
    pub cards: Vec<Card>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Card {
    /// Stable name the SPA titles the card by: `customers.follow_ups_due_today`,
    /// `customers.follow_ups_overdue`, `customers.returning_to_pool`,
    /// `customers.new_this_week`, `opportunities.pipeline`, `opportunities.closing_this_month`,
    /// `opportunities.expired`, `opportunities.won_this_month`, `approvals.waiting_for_me`,
    /// `payments.due` (instalments overdue or due within the horizon; `amount` is what they
    /// still owe), `recent.changed_by_me`; later modules add theirs.
    #[schema(example = "customers.follow_ups_due_today")]
    pub key: String,
    /// How many records the card holds; `items` lists the first of them.
    pub total: u64,
    pub items: Vec<CardItem>,
    /// With `reach=team`: the total split by owner, largest first (at most 20 owners).
    pub by_owner: Vec<OwnerCount>,
    /// For a card about money (the pipeline, what was won): its records' amounts added up
    /// (whatever their currency); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, example = "125000.00")]
    pub amount: Option<rust_decimal::Decimal>,
    /// Σ amount × probability, where that means something (open opportunities).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, example = "62500.00")]
    pub weighted_amount: Option<rust_decimal::Decimal>,
    /// What the amount is measured against: the caller's sales plan for the month, on
    /// "won this month" with `reach=mine`, when they have one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, example = "500000.00")]
    pub target_amount: Option<rust_decimal::Decimal>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CardItem {
    /// The record's resource name in URLs (`customers`).
    #[schema(example = "customers")]
    pub entity: String,
    pub id: Uuid,
    pub name: String,
    /// The time the card is about: the follow-up due, the return to the pool, the creation, the change.
    pub at: Option<DateTime<Utc>>,
    pub owner_id: Option<Uuid>,
    pub owner_name: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OwnerCount {
    pub owner_id: Uuid,
    pub owner_name: String,
    pub count: u64,
}

/// One card: its key, the permission it needs (none: everyone's own activity) and how it
/// is built.
pub struct CardSpec {
    pub key: &'static str,
    pub needs: Option<Perm>,
    pub build: for<'a> fn(&'a Db, &'a Ctx, &'a Frame) -> Boxed<'a, Card>,
}

/// The cards the caller may see, in `CARDS` order.
pub async fn workbench(db: &Db, ctx: &Ctx, frame: Frame) -> DomainResult<Workbench> {
    let mut cards = Vec::new();
    for spec in CARDS.iter().flat_map(|m| m.iter()) {
        if spec.needs.is_none_or(|p| ctx.actor.has(p)) {
            let mut card = (spec.build)(db, ctx, &frame).await?;
            card.key = spec.key.to_string();
            cards.push(card);
        }
    }
    Ok(Workbench { reach: frame.reach, generated_at: frame.now, cards })
}

/// A card over an owned resource: the records `select` finds among the frame's owners,
/// counted, the first `limit` of them in `order`, and with `reach=team` counted per owner.
pub async fn owned_card<E: ScopedEntity>(
    db: &Db,
    ctx: &Ctx,
    frame: &Frame,
    narrow: impl Fn(Select<E>) -> Select<E>,
    order: Vec<(sea_orm::sea_query::SimpleExpr, Order)>,
    item: impl Fn(E::Model) -> CardItem,
) -> DomainResult<Card>
where
    E::Model: Sync,
{
    let mine = [ctx.actor.user_id];
    let owners = (frame.reach == Reach::Mine).then_some(&mine[..]);
    let select = narrow(Scoped::<E>::find_for_owners(db, ctx, owners).await?);
    let total = select.clone().count(db).await.map_err(db_err)?;
    let mut page = select.clone();
    for (expr, o) in order {
        page = page.order_by(expr, o);
    }
    let mut items: Vec<CardItem> = page.limit(frame.limit).all(db).await.map_err(db_err)?.into_iter().map(item).collect();
    let mut by_owner = Vec::new();
    if frame.reach == Reach::Team && total > 0 {
        let owner = E::owner_column();
        let counts: Vec<(Option<Uuid>, i64)> = select
            .select_only()
            .column(owner)
            .column_as(Expr::col(owner).count(), "n")
            .group_by(owner)
            .order_by(Expr::col(owner).count(), Order::Desc)
            .limit(20)
            .into_tuple()
            .all(db)
            .await
            .map_err(db_err)?;
        by_owner = counts.into_iter().filter_map(|(o, n)| Some(OwnerCount { owner_id: o?, owner_name: String::new(), count: u64::try_from(n).unwrap_or(0) })).collect();
    }
    let ids: HashSet<Uuid> = items.iter().filter_map(|i| i.owner_id).chain(by_owner.iter().map(|c| c.owner_id)).collect();
    let names = display_names(db, ids).await?;
    for i in &mut items {
        i.owner_name = i.owner_id.and_then(|o| names.get(&o).cloned());
    }
    for c in &mut by_owner {
        c.owner_name = names.get(&c.owner_id).cloned().unwrap_or_default();
    }
    Ok(Card { key: String::new(), total, items, by_owner, amount: None, weighted_amount: None, target_amount: None })
}

const RECENT: &[CardSpec] = &[CardSpec { key: "recent.changed_by_me", needs: None, build: |db, ctx, frame| Box::pin(changed_by_me(db, ctx, frame)) }];

/// The records the caller changed last, newest first, each once: where they left off.
/// Read from the operation log (its `(actor_id, created_at)` index); only records with a
/// name, and only the caller's own actions, whatever the reach.
async fn changed_by_me(db: &Db, ctx: &Ctx, frame: &Frame) -> DomainResult<Card> {
    let recent: Vec<(String, Uuid, String, DateTime<Utc>)> = audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::Entity)
        .column(audit_log::Column::EntityId)
        .column(audit_log::Column::Action)
        .column(audit_log::Column::CreatedAt)
        .filter(audit_log::Column::ActorId.eq(ctx.actor.user_id))
        .order_by_desc(audit_log::Column::CreatedAt)
        .limit(200)
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)?;
    let mut seen = HashSet::new();
    // A record whose last change was its deletion is gone from where they left off.
    let latest: Vec<(String, Uuid, DateTime<Utc>)> = recent
        .into_iter()
        .filter(|(e, id, _, _)| seen.insert((e.clone(), *id)))
        .filter(|(_, _, action, _)| action != "delete")
        .map(|(e, id, _, at)| (e, id, at))
        .collect();
    let labels = crate::registry::labels(db, latest.iter().map(|(e, id, _)| (e.clone(), *id))).await?;
    let items: Vec<CardItem> = latest
        .into_iter()
        .filter_map(|(entity, id, at)| {
            let name = labels.get(&(entity.clone(), id))?.clone();
            Some(CardItem { entity, id, name, at: Some(at), owner_id: None, owner_name: None })
        })
        .take(usize::try_from(frame.limit).unwrap_or(10))
        .collect();
    Ok(Card { key: String::new(), total: items.len() as u64, items, by_owner: Vec::new(), amount: None, weighted_amount: None, target_amount: None })
}
