//! Payments received [回款] against a contract that took effect: entered as drafts,
//! submitted (through approval when an enabled `payment` flow applies, at once otherwise)
//! and, once confirmed, counted on the contract and on the instalment they name.
//!
//! The rule that a contract is not paid beyond its amount is kept at every step under the
//! contract's row lock: a draft is checked when written, a submission against the confirmed
//! and the other pending payments, so what is confirmed never adds up to more than the
//! amount unless a holder of `payments:override` submitted it (and the payment says so).

use chrono::{DateTime, NaiveDate, Utc};
use crm_domain::approvals::{DocFields, FieldKind};
use crm_domain::money::from_minor;
use crm_domain::permissions::perms;
use crm_domain::receivables::{PaymentInput, PaymentPatch, PaymentStatus};
use crm_domain::{DomainError, DomainResult};
use rust_decimal::Decimal;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, Select};
use serde::Serialize;
use serde_json::{json, Map, Value};
use uuid::Uuid;

use super::entities::payment::{self, Column as Y, Entity as Payment};
use super::entities::payment_plan;
use super::{ledger, Refs};
use crate::approvals::docs::{set_status, ApprovalDoc, Decision, DocFuture, DocSnapshot};
use crate::db::db_err;
use crate::kit::restore::Restorable;
use crate::kit::{self, policy, Policy, Resource};
use crate::listing::{FieldKind as ListKind, Filter, ListSpec};
use crate::sales_docs::contracts::Contracts;
use crate::sales_docs::entities::contract;
use crate::tx::Tx;
use crate::{dictionaries, Ctx, Db};

crate::soft_delete!(Payment, "payments", Number);

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Payment, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4f00", "number": "HK-2027-000031", "contract_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ee0",
    "contract_number": "HT-2026-000123", "contract_name": "2027 年度设备采购合同", "customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f",
    "customer_name": "杭州明远科技有限公司", "owner_name": "王伟", "plan_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ef0", "plan_instalment": 1,
    "amount": "50000.00", "currency": "CNY", "received_date": "2027-01-20", "method": "bank_transfer", "reference": "招行流水 20270120-0031",
    "remark": null, "status": "confirmed", "confirmed_at": "2027-01-21T02:00:00Z", "overridden": false, "created_by": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e01",
    "created_by_name": "王伟", "version": 3, "created_at": "2027-01-20T09:00:00Z", "updated_at": "2027-01-21T02:00:00Z"}))]
pub struct PaymentView {
    pub id: Uuid,
    pub number: String,
    pub contract_id: Uuid,
    pub contract_number: Option<String>,
    pub contract_name: Option<String>,
    pub customer_id: Uuid,
    pub customer_name: Option<String>,
    /// The contract's owner.
    pub owner_name: Option<String>,
    pub plan_id: Option<Uuid>,
    pub plan_instalment: Option<i32>,
    #[schema(value_type = String, example = "50000.00")]
    pub amount: Decimal,
    pub currency: String,
    pub received_date: NaiveDate,
    /// A code of the `payment_method` dictionary.
    pub method: Option<String>,
    pub reference: Option<String>,
    pub remark: Option<String>,
    pub status: PaymentStatus,
    pub confirmed_at: Option<DateTime<Utc>>,
    /// Submitted beyond the contract's outstanding amount by a holder of `payments:override`.
    pub overridden: bool,
    pub created_by: Option<Uuid>,
    pub created_by_name: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub const RESTORABLE: Restorable = Restorable::plain::<Payment>();

pub struct Payments;

impl Resource for Payments {
    type Entity = Payment;
    type View = PaymentView;
    const WHAT: &'static str = "payment";
    const POLICY: Policy = Policy::Child;

    fn spec() -> ListSpec<Payment> {
        let f = |name, column, kind, range| Filter { name, column, kind, range };
        ListSpec {
            filters: vec![
                f("contract_id", Y::ContractId, ListKind::Uuid, false),
                f("customer_id", Y::CustomerId, ListKind::Uuid, false),
                f("plan_id", Y::PlanId, ListKind::Uuid, false),
                f("status", Y::Status, ListKind::Text, false),
                f("method", Y::Method, ListKind::Text, false),
                f("received_date", Y::ReceivedDate, ListKind::Date, true),
                f("created_at", Y::CreatedAt, ListKind::Timestamp, true),
                f("updated_at", Y::UpdatedAt, ListKind::Timestamp, true),
            ],
            sorts: vec![("received_date", Y::ReceivedDate), ("updated_at", Y::UpdatedAt), ("created_at", Y::CreatedAt), ("amount", Y::AmountMinor), ("number", Y::Number)],
            search: vec![Y::Number, Y::Reference],
            search_index: None,
            default_sort: vec![(Y::UpdatedAt, Order::Desc)],
            tie_breaker: Y::Id,
        }
    }

    async fn views(db: &impl ConnectionTrait, _: &Ctx, rows: Vec<payment::Model>) -> DomainResult<Vec<PaymentView>> {
        let refs = Refs::of(db, rows.iter().map(|p| p.contract_id).collect(), rows.iter().map(|p| p.customer_id).collect()).await?;
        let authors = crate::system::user_names::display_names(db, rows.iter().filter_map(|p| p.created_by).collect::<std::collections::HashSet<_>>()).await?;
        let plan_ids: Vec<Uuid> = rows.iter().filter_map(|p| p.plan_id).collect();
        let instalments: std::collections::HashMap<Uuid, i32> = if plan_ids.is_empty() {
            Default::default()
        } else {
            use sea_orm::QuerySelect;
            payment_plan::Entity::find()
                .select_only()
                .columns([payment_plan::Column::Id, payment_plan::Column::Instalment])
                .filter(payment_plan::Column::Id.is_in(plan_ids))
                .into_tuple::<(Uuid, i32)>()
                .all(db)
                .await
                .map_err(db_err)?
                .into_iter()
                .collect()
        };
        Ok(rows
            .into_iter()
            .map(|p| {
                let c = refs.contract(&p.contract_id);
                PaymentView {
                    contract_number: c.map(|c| c.number.clone()),
                    contract_name: c.map(|c| c.name.clone()),
                    customer_name: refs.customers.get(&p.customer_id).cloned(),
                    owner_name: refs.owner_name(&p.contract_id),
                    plan_instalment: p.plan_id.and_then(|id| instalments.get(&id).copied()),
                    created_by_name: p.created_by.and_then(|u| authors.get(&u).cloned()),
                    status: PaymentStatus::parse(&p.status).unwrap_or(PaymentStatus::Draft),
                    amount: from_minor(p.amount_minor),
                    id: p.id,
                    number: p.number,
                    contract_id: p.contract_id,
                    customer_id: p.customer_id,
                    plan_id: p.plan_id,
                    currency: p.currency,
                    received_date: p.received_date,
                    method: p.method,
                    reference: p.reference,
                    remark: p.remark,
                    confirmed_at: p.confirmed_at,
                    overridden: p.overridden,
                    created_by: p.created_by,
                    version: p.version,
                    created_at: p.created_at,
                    updated_at: p.updated_at,
                }
            })
            .collect())
    }

    async fn visible(db: &impl ConnectionTrait, ctx: &Ctx, for_edit: bool) -> DomainResult<Select<Payment>> {
        policy::child_of::<Payment, contract::Entity>(db, ctx, Y::ContractId, for_edit).await
    }
}

/// The instalment a payment names belongs to its contract (422 `plan_id` `not_found`).
async fn check_plan(tx: &Tx, contract_id: Uuid, plan_id: Option<Uuid>) -> DomainResult<()> {
    let Some(plan) = plan_id else { return Ok(()) };
    let found = payment_plan::Entity::find_by_id(plan)
        .filter(payment_plan::Column::ContractId.eq(contract_id))
        .filter(payment_plan::Column::DeletedAt.is_null())
        .one(tx)
        .await
        .map_err(db_err)?;
    if found.is_none() {
        return Err(DomainError::invalid_field("plan_id", "not_found", "no such instalment of this contract"));
    }
    Ok(())
}

/// A draft's checks: its contract took effect, its instalment and method exist, it fits.
async fn check(tx: &Tx, ctx: &Ctx, c: &contract::Model, input: &PaymentInput, amount: i64, except: Option<Uuid>) -> DomainResult<()> {
    ledger::must_have_taken_effect(c)?;
    check_plan(tx, c.id, input.plan_id).await?;
    if let Some(m) = &input.method {
        dictionaries::check_code(tx, "payment_method", "method", m).await?;
    }
    let room = ledger::payment_room(tx, c, except).await?;
    ledger::fits(amount, room, ctx.actor.has(perms::PAYMENTS_OVERRIDE), "payment.over_outstanding", "the payment").map(|_| ())
}

pub async fn create(db: &Db, ctx: &Ctx, input: PaymentInput) -> DomainResult<PaymentView> {
    kit::create::<Payments, _>(db, ctx, async |tx: &Tx| build(tx, ctx, input).await).await
}

/// Up to 1000 draft payments, each checked as `create` checks one (a contract in force,
/// room left on it — drafts hold none, so neither do the items before it; its own number,
/// taken in the item's savepoint).
pub async fn batch(db: &Db, ctx: &Ctx, items: Vec<PaymentInput>, atomic: bool) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch::<Payments, _, _>(db, ctx, items, atomic, async |tx, input| build(tx, ctx, input).await).await
}

/// `batch` inside the caller's transaction (a file import's chunk).
pub async fn batch_in(tx: &Tx, ctx: &Ctx, items: Vec<PaymentInput>) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch_in::<Payments, _, _>(tx, ctx, items, async |tx, input| build(tx, ctx, input).await).await
}

/// A new draft payment on a contract the caller may change, with its number.
async fn build(tx: &Tx, ctx: &Ctx, input: PaymentInput) -> DomainResult<payment::Model> {
    let (input, amount) = input.validate()?;
    let c = kit::load_locked::<Contracts>(tx, ctx, input.contract_id).await?;
    check(tx, ctx, &c, &input, amount, None).await?;
    Ok(payment::Model {
        id: Uuid::now_v7(),
        number: crate::numbering::next(tx, &crate::numbering::PAYMENT, ctx.now).await?,
        contract_id: c.id,
        customer_id: c.customer_id,
        plan_id: input.plan_id,
        amount_minor: amount,
        currency: c.currency.clone(),
        received_date: input.received_date,
        method: input.method,
        reference: input.reference,
        remark: input.remark,
        status: PaymentStatus::Draft.as_str().into(),
        ..Default::default()
    })
}

fn input_of(p: &payment::Model) -> PaymentInput {
    PaymentInput {
        contract_id: p.contract_id,
        plan_id: p.plan_id,
        amount: from_minor(p.amount_minor),
        received_date: p.received_date,
        method: p.method.clone(),
        reference: p.reference.clone(),
        remark: p.remark.clone(),
    }
}

/// Only a draft changes: a pending one waits (409 `approval.pending`), a confirmed one is
/// counted (409 `payment.confirmed`).
fn must_be_draft(p: &payment::Model) -> DomainResult<()> {
    match PaymentStatus::parse(&p.status) {
        Some(PaymentStatus::Draft) => Ok(()),
        Some(PaymentStatus::Pending) => Err(crate::approvals::pending()),
        _ => Err(DomainError::conflict("payment.confirmed", "a confirmed payment is counted on its contract and no longer changes")),
    }
}

pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: PaymentPatch, if_match: Option<i32>) -> DomainResult<PaymentView> {
    kit::update::<Payments, _>(db, ctx, id, if_match, async |tx: &Tx, current: payment::Model| {
        must_be_draft(&current)?;
        let (input, amount) = patch.apply(input_of(&current)).validate()?;
        let c = ledger::lock_contract(tx, current.contract_id).await?;
        check(tx, ctx, &c, &input, amount, Some(id)).await?;
        Ok(payment::Model {
            plan_id: input.plan_id,
            amount_minor: amount,
            received_date: input.received_date,
            method: input.method,
            reference: input.reference,
            remark: input.remark,
            ..current
        })
    })
    .await
}

/// A draft goes to the recycle bin; a pending or confirmed one stays (409).
pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    kit::delete::<Payments, _>(db, ctx, id, if_match, async |_: &Tx, p: &payment::Model| must_be_draft(p)).await
}

pub const DOC_TYPE: &str = "payment";

pub struct PaymentApproval;

const FIELDS: DocFields = &[
    ("amount", FieldKind::Money),
    ("currency", FieldKind::Text),
    ("method", FieldKind::Text),
    ("received_date", FieldKind::Date),
    ("customer_id", FieldKind::Id),
    ("owner_id", FieldKind::Id),
];

impl ApprovalDoc for PaymentApproval {
    fn doc_type(&self) -> &'static str {
        DOC_TYPE
    }

    fn fields(&self) -> DocFields {
        FIELDS
    }

    fn submit<'a>(&'a self, tx: &'a Tx, ctx: &'a Ctx, id: Uuid) -> DocFuture<'a, DocSnapshot> {
        Box::pin(async move {
            let p = kit::load::<Payments>(tx, ctx, id, true).await?;
            must_be_draft(&p)?;
            let c = ledger::lock_contract(tx, p.contract_id).await?;
            ledger::must_have_taken_effect(&c)?;
            check_plan(tx, c.id, p.plan_id).await?;
            let room = ledger::payment_room(tx, &c, Some(id)).await?;
            let overridden = ledger::fits(p.amount_minor, room, ctx.actor.has(perms::PAYMENTS_OVERRIDE), "payment.over_outstanding", "the payment")?;
            let view = kit::view::<Payments>(tx, ctx, p.clone()).await?;
            let mut fields = Map::new();
            fields.insert("amount".into(), Value::String(from_minor(p.amount_minor).to_string()));
            fields.insert("currency".into(), json!(p.currency));
            fields.insert("method".into(), json!(p.method));
            fields.insert("received_date".into(), json!(p.received_date));
            fields.insert("customer_id".into(), json!(p.customer_id));
            fields.insert("owner_id".into(), json!(c.owner_id));
            let summary = json!({"number": p.number, "contract_number": c.number, "contract_name": c.name, "customer_name": view.customer_name,
                "owner_name": view.owner_name, "amount": view.amount, "currency": p.currency, "received_date": p.received_date, "method": p.method,
                "plan_instalment": view.plan_instalment, "overridden": overridden,
                "contract_amount": from_minor(c.amount_minor), "contract_received": from_minor(c.received_minor)});
            set_status::<Payment>(tx, ctx, id, p.version, (Y::Status, &p.status, PaymentStatus::Pending.as_str()), vec![(Y::Overridden, Expr::value(overridden))], "submit").await?;
            Ok(DocSnapshot { label: p.number, summary, fields })
        })
    }

    fn decided<'a>(&'a self, tx: &'a Tx, ctx: &'a Ctx, id: Uuid, decision: Decision) -> DocFuture<'a, ()> {
        Box::pin(async move {
            // scope-bypass: the approver decides a payment they need not otherwise see.
            let Some(p) = Payment::find_by_id(id).one(tx).await.map_err(db_err)? else { return Err(DomainError::not_found("payment")) };
            if p.status != PaymentStatus::Pending.as_str() {
                return Err(DomainError::conflict("payment.changed", "the payment is no longer waiting for approval"));
            }
            let status = (Y::Status, p.status.as_str(), PaymentStatus::Draft.as_str());
            match decision {
                Decision::Approved => {
                    ledger::lock_contract(tx, p.contract_id).await?;
                    let confirmed = (Y::Status, p.status.as_str(), PaymentStatus::Confirmed.as_str());
                    set_status::<Payment>(tx, ctx, id, p.version, confirmed, vec![(Y::ConfirmedAt, Expr::value(ctx.now))], "approved").await?;
                    ledger::receive(tx, &p).await
                }
                Decision::Rejected => set_status::<Payment>(tx, ctx, id, p.version, status, vec![(Y::Overridden, Expr::value(false))], "rejected").await,
                Decision::Withdrawn => set_status::<Payment>(tx, ctx, id, p.version, status, vec![(Y::Overridden, Expr::value(false))], "withdrawn").await,
            }
        })
    }

    fn visible<'a>(&'a self, db: &'a Db, ctx: &'a Ctx, id: Uuid) -> DocFuture<'a, bool> {
        crate::approvals::docs::readable::<Payments>(db, ctx, id)
    }
}
