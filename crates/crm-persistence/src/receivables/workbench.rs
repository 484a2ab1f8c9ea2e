//! The receivables' card on the workbench: instalments of contracts in force that are
//! overdue or fall due within the frame's horizon, soonest due first, with what they still
//! owe added up; the caller's contracts (`mine`) or every one they see (`team`, counted per
//! contract owner).

use std::collections::HashSet;

use chrono::Duration;
use crm_domain::money::from_minor;
use crm_domain::permissions::perms::PAYMENTS_READ;
use crm_domain::DomainResult;
use sea_orm::sea_query::{Alias, Expr};
use sea_orm::{ColumnTrait, EntityTrait, JoinType, Order, QueryFilter, QueryOrder, QuerySelect, Select};

use super::entities::payment_plan::{Column as P, Entity as Plan};
use super::plans::PaymentPlans;
use crate::db::db_err;
use crate::kit::Resource;
use crate::sales_docs::entities::contract::{self, Column as C};
use crate::system::user_names::display_names;
use crate::workbench::{Card, CardItem, CardSpec, Frame, OwnerCount, Reach};
use crate::{Ctx, Db};

pub const CARDS: &[CardSpec] = &[CardSpec { key: "payments.due", needs: Some(PAYMENTS_READ), build: |db, ctx, f| Box::pin(due(db, ctx, f)) }];

/// The open instalments the card counts, joined to their contracts.
async fn open(db: &Db, ctx: &Ctx, f: &Frame) -> DomainResult<Select<Plan>> {
    let mut q = PaymentPlans::visible(db, ctx, false)
        .await?
        .join(JoinType::InnerJoin, Plan::belongs_to(contract::Entity).from(P::ContractId).to(C::Id).into())
        .filter(C::Status.is_in(["active", "completed", "terminated"]))
        .filter(Expr::col((Alias::new("payment_plans"), P::ReceivedMinor)).lt(Expr::col((Alias::new("payment_plans"), P::AmountMinor))))
        .filter(P::DueDate.lte(f.date + Duration::days(f.horizon_days)));
    if f.reach == Reach::Mine {
        q = q.filter(C::OwnerId.eq(ctx.actor.user_id));
    }
    Ok(q)
}

async fn due(db: &Db, ctx: &Ctx, f: &Frame) -> DomainResult<Card> {
    let owed = Expr::cust("CAST(SUM(\"payment_plans\".\"amount_minor\" - \"payment_plans\".\"received_minor\") AS BIGINT)");
    let (total, amount): (i64, Option<i64>) = open(db, ctx, f)
        .await?
        .select_only()
        .column_as(Expr::cust("COUNT(*)"), "n")
        .column_as(owed, "owed")
        .into_tuple()
        .one(db)
        .await
        .map_err(db_err)?
        .unwrap_or((0, None));
    let rows: Vec<(uuid::Uuid, String, chrono::NaiveDate, uuid::Uuid)> = open(db, ctx, f)
        .await?
        .select_only()
        .column(P::ContractId)
        .column(P::Label)
        .column(P::DueDate)
        .column(C::OwnerId)
        .order_by(P::DueDate, Order::Asc)
        .order_by(P::Id, Order::Asc)
        .limit(f.limit)
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)?;
    let mut by_owner = Vec::new();
    if f.reach == Reach::Team && total > 0 {
        let counts: Vec<(uuid::Uuid, i64)> = open(db, ctx, f)
            .await?
            .select_only()
            .column(C::OwnerId)
            .column_as(Expr::cust("COUNT(*)"), "n")
            .group_by(C::OwnerId)
            .order_by(Expr::cust("COUNT(*)"), Order::Desc)
            .limit(20)
            .into_tuple()
            .all(db)
            .await
            .map_err(db_err)?;
        by_owner = counts.into_iter().map(|(o, n)| OwnerCount { owner_id: o, owner_name: String::new(), count: u64::try_from(n).unwrap_or(0) }).collect();
    }
    let ids: HashSet<uuid::Uuid> = rows.iter().map(|r| r.3).chain(by_owner.iter().map(|c| c.owner_id)).collect();
    let names = display_names(db, ids).await?;
    for c in &mut by_owner {
        c.owner_name = names.get(&c.owner_id).cloned().unwrap_or_default();
    }
    let items = rows
        .into_iter()
        .map(|(contract_id, label, due, owner)| CardItem {
            entity: "contracts".into(),
            id: contract_id,
            name: label,
            at: due.and_hms_opt(0, 0, 0).map(|t| t.and_utc()),
            owner_id: Some(owner),
            owner_name: names.get(&owner).cloned(),
        })
        .collect();
    Ok(Card { key: String::new(), total: u64::try_from(total).unwrap_or(0), items, by_owner, amount: Some(from_minor(amount.unwrap_or(0))), weighted_amount: None, target_amount: None })
}
