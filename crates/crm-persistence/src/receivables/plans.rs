//! Payment plans [回款计划]: a contract's amount split into numbered instalments with due
//! dates. Their total never exceeds the contract's amount (checked under the contract's
//! lock); each shows what confirmed payments naming it have brought in, and whether it is
//! paid, partly paid, pending or overdue.

use chrono::{DateTime, NaiveDate, Utc};
use crm_domain::money::from_minor;
use crm_domain::receivables::{plan_status, PaymentPlanInput, PaymentPlanPatch, PlanStatus};
use crm_domain::{DomainError, DomainResult};
use rust_decimal::Decimal;
use sea_orm::sea_query::{Expr, Query, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, QuerySelect, Select};
use serde::Serialize;
use uuid::Uuid;

use super::entities::payment;
use super::entities::payment_plan::{self, Column as P, Entity as Plan};
use super::{ledger, Refs};
use crate::db::db_err;
use crate::kit::restore::{Boxed, Restorable};
use crate::kit::{self, policy, Policy, Resource};
use crate::listing::{FieldKind, Filter, ListParams, ListSpec};
use crate::sales_docs::contracts::Contracts;
use crate::sales_docs::entities::contract;
use crate::tx::Tx;
use crate::{Ctx, Db};

crate::soft_delete!(Plan, "payment_plans", Label);

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = PaymentPlan, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ef0", "contract_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ee0",
    "contract_number": "HT-2026-000123", "contract_name": "2027 年度设备采购合同", "customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f",
    "customer_name": "杭州明远科技有限公司", "owner_name": "王伟", "instalment": 1, "due_date": "2027-01-31", "amount": "75000.00",
    "received_amount": "50000.00", "outstanding_amount": "25000.00", "status": "partial", "remark": "首付 50%", "version": 1,
    "created_at": "2026-12-10T08:00:00Z", "updated_at": "2026-12-10T08:00:00Z"}))]
pub struct PaymentPlanView {
    pub id: Uuid,
    pub contract_id: Uuid,
    pub contract_number: Option<String>,
    pub contract_name: Option<String>,
    pub customer_id: Uuid,
    pub customer_name: Option<String>,
    /// The contract's owner.
    pub owner_name: Option<String>,
    pub instalment: i32,
    pub due_date: NaiveDate,
    #[schema(value_type = String, example = "75000.00")]
    pub amount: Decimal,
    /// What confirmed payments naming this instalment brought in.
    #[schema(value_type = String, example = "50000.00")]
    pub received_amount: Decimal,
    #[schema(value_type = String, example = "25000.00")]
    pub outstanding_amount: Decimal,
    /// As of today (UTC): `overdue` when due before today, not fully received, on a
    /// contract that took effect.
    pub status: PlanStatus,
    pub remark: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub const RESTORABLE: Restorable = Restorable::with_restore::<Plan>(restore);

pub struct PaymentPlans;

impl Resource for PaymentPlans {
    type Entity = Plan;
    type View = PaymentPlanView;
    const WHAT: &'static str = "payment plan";
    const POLICY: Policy = Policy::Child;

    fn spec() -> ListSpec<Plan> {
        let f = |name, column, kind, range| Filter { name, column, kind, range };
        ListSpec {
            filters: vec![
                f("contract_id", P::ContractId, FieldKind::Uuid, false),
                f("customer_id", P::CustomerId, FieldKind::Uuid, false),
                f("due_date", P::DueDate, FieldKind::Date, true),
                f("created_at", P::CreatedAt, FieldKind::Timestamp, true),
                f("updated_at", P::UpdatedAt, FieldKind::Timestamp, true),
            ],
            sorts: vec![("due_date", P::DueDate), ("updated_at", P::UpdatedAt), ("created_at", P::CreatedAt), ("amount", P::AmountMinor), ("instalment", P::Instalment)],
            search: vec![P::Label],
            search_index: None,
            default_sort: vec![(P::DueDate, Order::Asc)],
            tie_breaker: P::Id,
        }
    }

    async fn views(db: &impl ConnectionTrait, ctx: &Ctx, rows: Vec<payment_plan::Model>) -> DomainResult<Vec<PaymentPlanView>> {
        let refs = Refs::of(db, rows.iter().map(|p| p.contract_id).collect(), rows.iter().map(|p| p.customer_id).collect()).await?;
        let today = ctx.now.date_naive();
        Ok(rows
            .into_iter()
            .map(|p| {
                let c = refs.contract(&p.contract_id);
                let took_effect = c.is_some_and(|c| ledger::took_effect(&c.status));
                PaymentPlanView {
                    contract_number: c.map(|c| c.number.clone()),
                    contract_name: c.map(|c| c.name.clone()),
                    customer_name: refs.customers.get(&p.customer_id).cloned(),
                    owner_name: refs.owner_name(&p.contract_id),
                    status: plan_status(p.amount_minor, p.received_minor, p.due_date, today, took_effect),
                    amount: from_minor(p.amount_minor),
                    received_amount: from_minor(p.received_minor),
                    outstanding_amount: from_minor((p.amount_minor - p.received_minor).max(0)),
                    id: p.id,
                    contract_id: p.contract_id,
                    customer_id: p.customer_id,
                    instalment: p.instalment,
                    due_date: p.due_date,
                    remark: p.remark,
                    version: p.version,
                    created_at: p.created_at,
                    updated_at: p.updated_at,
                }
            })
            .collect())
    }

    async fn visible(db: &impl ConnectionTrait, ctx: &Ctx, for_edit: bool) -> DomainResult<Select<Plan>> {
        policy::child_of::<Plan, contract::Entity>(db, ctx, P::ContractId, for_edit).await
    }

    /// `status` (computed as of today) and its shorthand `overdue=true`.
    async fn narrow(_: &impl ConnectionTrait, ctx: &Ctx, mut select: Select<Plan>, params: &mut ListParams) -> DomainResult<Select<Plan>> {
        let mut wanted: Vec<PlanStatus> = Vec::new();
        if let Some(raw) = params.take_filter("overdue") {
            match raw.trim() {
                "true" => wanted.push(PlanStatus::Overdue),
                "false" => wanted.extend([PlanStatus::Pending, PlanStatus::Partial, PlanStatus::Paid]),
                _ => return Err(super::bad_query("overdue", format!("'{raw}' is not true or false"))),
            }
        }
        if let Some(raw) = params.take_filter("status") {
            let mut listed = Vec::new();
            for s in raw.split(',') {
                listed.push(PlanStatus::parse(s).ok_or_else(|| super::bad_query("status", format!("'{s}' is not pending, partial, paid or overdue")))?);
            }
            wanted = if wanted.is_empty() { listed } else { wanted.into_iter().filter(|w| listed.contains(w)).collect() };
            if wanted.is_empty() {
                return Ok(select.filter(Expr::val(1).eq(0)));
            }
        }
        if !wanted.is_empty() {
            select = select.filter(status_condition(&wanted, ctx.now.date_naive()));
        }
        Ok(select)
    }
}

/// Rows whose computed status is one of `wanted` on `today` (`plan_status` in SQL).
fn status_condition(wanted: &[PlanStatus], today: NaiveDate) -> sea_orm::Condition {
    let paid = Expr::col(P::ReceivedMinor).gte(Expr::col(P::AmountMinor));
    let open = Expr::col(P::ReceivedMinor).lt(Expr::col(P::AmountMinor));
    let overdue = sea_orm::Condition::all().add(open.clone()).add(P::DueDate.lt(today)).add(of_contracts_in_force());
    let mut any = sea_orm::Condition::any();
    for w in wanted {
        any = any.add(match w {
            PlanStatus::Paid => sea_orm::Condition::all().add(paid.clone()),
            PlanStatus::Overdue => overdue.clone(),
            PlanStatus::Partial => sea_orm::Condition::all().add(open.clone()).add(P::ReceivedMinor.gt(0)).add(overdue.clone().not()),
            PlanStatus::Pending => sea_orm::Condition::all().add(P::ReceivedMinor.eq(0)).add(open.clone()).add(overdue.clone().not()),
        });
    }
    any
}

/// Instalments of contracts that took effect. Not "in a contract that took effect" (a
/// semi-join hashing every contract) but "not in one that did not": an anti-join on the few
/// drafts, pending and void ones.
pub(crate) fn of_contracts_in_force() -> SimpleExpr {
    let mut not_effective = Query::select();
    not_effective
        .expr(Expr::val(1))
        .from(contract::Entity)
        .and_where(Expr::col((contract::Entity, contract::Column::Id)).equals((Plan, P::ContractId)))
        .and_where(contract::Column::Status.is_in(["draft", "pending", "void"]));
    Expr::exists(not_effective).not()
}

/// The plans of a contract may add up to its amount, no more (422 `payment_plan.over_contract`).
async fn check_room(tx: &Tx, c: &contract::Model, except: Option<Uuid>, amount: i64) -> DomainResult<()> {
    let room = c.amount_minor - ledger::plans_total(tx, c.id, except).await?;
    ledger::fits(amount, room, false, "payment_plan.over_contract", "the payment plans' total").map(|_| ())
}

/// 409 `payment_plan.contract_void` for a void contract: it owes nothing.
fn not_void(c: &contract::Model) -> DomainResult<()> {
    if c.status == "void" {
        return Err(DomainError::conflict("payment_plan.contract_void", "a void contract has no payment plans"));
    }
    Ok(())
}

async fn next_instalment(tx: &Tx, contract_id: Uuid) -> DomainResult<i32> {
    let max: Option<Option<i32>> =
        Plan::find().select_only().column_as(P::Instalment.max(), "m").filter(P::ContractId.eq(contract_id)).filter(P::DeletedAt.is_null()).into_tuple().one(tx).await.map_err(db_err)?;
    Ok(max.flatten().unwrap_or(0) + 1)
}

async fn instalment_taken(tx: &Tx, contract_id: Uuid, n: i32, except: Option<Uuid>) -> DomainResult<bool> {
    let mut q = Plan::find().filter(P::ContractId.eq(contract_id)).filter(P::Instalment.eq(n)).filter(P::DeletedAt.is_null());
    if let Some(e) = except {
        q = q.filter(P::Id.ne(e));
    }
    Ok(q.one(tx).await.map_err(db_err)?.is_some())
}

pub async fn create(db: &Db, ctx: &Ctx, input: PaymentPlanInput) -> DomainResult<PaymentPlanView> {
    kit::create::<PaymentPlans, _>(db, ctx, async |tx: &Tx| build(tx, ctx, input).await).await
}

/// Up to 1000 instalments, each checked as `create` checks one (room left on the contract
/// and a free instalment number, counting the items before it).
pub async fn batch(db: &Db, ctx: &Ctx, items: Vec<PaymentPlanInput>, atomic: bool) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch::<PaymentPlans, _, _>(db, ctx, items, atomic, async |tx, input| build(tx, ctx, input).await).await
}

/// A new instalment of a contract the caller may change that is not void.
async fn build(tx: &Tx, ctx: &Ctx, input: PaymentPlanInput) -> DomainResult<payment_plan::Model> {
    let (input, amount) = input.validate()?;
    let c = kit::load_locked::<Contracts>(tx, ctx, input.contract_id).await?;
    not_void(&c)?;
    check_room(tx, &c, None, amount).await?;
    let instalment = match input.instalment {
        Some(n) if instalment_taken(tx, c.id, n, None).await? => {
            return Err(DomainError::invalid_field("instalment", "taken", format!("the contract already has instalment {n}")));
        }
        Some(n) => n,
        None => next_instalment(tx, c.id).await?,
    };
    Ok(payment_plan::Model {
        id: Uuid::now_v7(),
        label: format!("{} #{instalment}", c.number),
        contract_id: c.id,
        customer_id: c.customer_id,
        instalment,
        due_date: input.due_date,
        amount_minor: amount,
        remark: input.remark,
        ..Default::default()
    })
}

fn input_of(p: &payment_plan::Model) -> PaymentPlanInput {
    PaymentPlanInput { contract_id: p.contract_id, instalment: Some(p.instalment), due_date: p.due_date, amount: from_minor(p.amount_minor), remark: p.remark.clone() }
}

/// Changes an instalment: its amount stays within the contract's (422
/// `payment_plan.over_contract`) and at or above what it received (422 `below_received`).
pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: PaymentPlanPatch, if_match: Option<i32>) -> DomainResult<PaymentPlanView> {
    kit::update::<PaymentPlans, _>(db, ctx, id, if_match, async |tx: &Tx, current: payment_plan::Model| {
        let (input, amount) = patch.apply(input_of(&current)).validate()?;
        let c = ledger::lock_contract(tx, current.contract_id).await?;
        if amount < current.received_minor {
            return Err(DomainError::invalid_field("amount", "below_received", format!("the instalment has received {}", from_minor(current.received_minor))));
        }
        check_room(tx, &c, Some(id), amount).await?;
        Ok(payment_plan::Model { due_date: input.due_date, amount_minor: amount, remark: input.remark, ..current })
    })
    .await
}

/// An instalment no payment names goes to the recycle bin (409 `payment_plan.has_payments`).
pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    kit::delete::<PaymentPlans, _>(db, ctx, id, if_match, async |tx: &Tx, p: &payment_plan::Model| {
        let named = payment::Entity::find().filter(payment::Column::PlanId.eq(p.id)).filter(payment::Column::DeletedAt.is_null()).one(tx).await.map_err(db_err)?;
        if named.is_some() || p.received_minor > 0 {
            return Err(DomainError::conflict("payment_plan.has_payments", "payments name this instalment; change or delete them first"));
        }
        Ok(())
    })
    .await
}

/// A restored instalment keeps the contract's plans within its amount and its number
/// unique (409 `payment_plan.restore_conflict` otherwise).
fn restore<'a>(tx: &'a Tx, ctx: &'a Ctx, id: Uuid) -> Boxed<'a, ()> {
    Box::pin(async move {
        let Some(p) = Plan::find_by_id(id).one(tx).await.map_err(db_err)? else { return Err(DomainError::not_found("recycle_bin")) };
        let c = ledger::lock_contract(tx, p.contract_id).await?;
        let over = c.amount_minor - ledger::plans_total(tx, c.id, Some(id)).await? < p.amount_minor;
        if over || instalment_taken(tx, c.id, p.instalment, Some(id)).await? || c.status == "void" {
            return Err(DomainError::conflict("payment_plan.restore_conflict", "the contract's plans have changed: restoring this instalment would exceed its amount or repeat its number"));
        }
        crate::recycle::restore::<Plan>(tx, ctx, id).await
    })
}
