//! Contracts [合同] (CON-1, CON-2) on the resource kit: owned documents like quotes (seen by
//! their owner's scope and their customer's collaborators), lines in `document_lines`,
//! made by hand or from an accepted quote, editable as drafts, activated only by approval
//! (`contract_approval`), then completed or terminated; a draft may be voided and a
//! finished one archived.

use std::sync::Mutex;

use chrono::{DateTime, NaiveDate, Utc};
use crm_domain::contracts::{ContractInput, ContractPatch, ContractStatus, ContractTransition};
use crm_domain::money::{capitals, from_minor};
use crm_domain::sales_docs::{bad_transition, QuoteStatus};
use crm_domain::{DomainError, DomainResult};
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, Select};
use serde::Serialize;
use uuid::Uuid;

use super::entities::contract::{self, Column as C, Entity as Contract};
use super::entities::{line, quote};
use super::lines::{self, LineView, Names};
use super::quotes::Quotes;
use crate::db::db_err;
use crate::kit::restore::Restorable;
use crate::kit::{self, policy, Policy, Resource};
use crate::listing::{FieldKind, Filter, ListSpec};
use crate::opportunities::records::names;
use crate::system::entities::user;
use crate::tx::Tx;
use crate::{dictionaries, Ctx, Db};

crate::soft_delete!(Contract, "contracts", Number);

crate::shared_with_customer!(Contract, C);

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Contract, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ee0", "number": "HT-2026-000123", "name": "2027 年度设备采购合同",
    "customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "customer_name": "杭州明远科技有限公司", "opportunity_id": null, "opportunity_name": null,
    "quote_id": null, "quote_number": null, "customer_signer_id": null, "customer_signer_name": null, "signer_id": null, "signer_name": null,
    "owner_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e01", "owner_name": "王伟", "status": "active", "currency": "CNY", "amount": "150000.00",
    "amount_in_words": "壹拾伍万元整", "subtotal": "0.00", "discount_total": "0.00", "tax_total": "0.00", "total": "0.00",
    "sign_date": "2026-12-10", "start_date": "2027-01-01", "end_date": "2027-12-31", "category": "sales", "payment_terms": "签约后 30 日内付 50%。",
    "remark": null, "received_amount": "50000.00", "outstanding_amount": "100000.00", "invoiced_amount": "56500.00", "overdue_amount": "25000.00",
    "activated_at": "2026-12-10T08:00:00Z", "finished_at": null, "termination_reason": null, "archived_at": null, "lines": [],
    "version": 3, "created_at": "2026-12-08T09:00:00Z", "updated_at": "2026-12-10T08:00:00Z"}))]
pub struct ContractView {
    pub id: Uuid,
    pub number: String,
    pub name: String,
    pub customer_id: Uuid,
    pub customer_name: Option<String>,
    pub opportunity_id: Option<Uuid>,
    pub opportunity_name: Option<String>,
    /// The accepted quote it was made from (`POST /quotes/{id}/contract`).
    pub quote_id: Option<Uuid>,
    pub quote_number: Option<String>,
    pub customer_signer_id: Option<Uuid>,
    pub customer_signer_name: Option<String>,
    pub signer_id: Option<Uuid>,
    pub signer_name: Option<String>,
    pub owner_id: Uuid,
    pub owner_name: Option<String>,
    pub status: ContractStatus,
    pub currency: String,
    /// The contract's amount: its lines' total when it has lines.
    #[schema(value_type = String, example = "150000.00")]
    pub amount: Decimal,
    /// The amount in Chinese capitals [大写].
    pub amount_in_words: String,
    /// The lines' figures (zero without lines), as a quote's.
    #[schema(value_type = String, example = "0.00")]
    pub subtotal: Decimal,
    #[schema(value_type = String, example = "0.00")]
    pub discount_total: Decimal,
    #[schema(value_type = String, example = "0.00")]
    pub tax_total: Decimal,
    #[schema(value_type = String, example = "0.00")]
    pub total: Decimal,
    pub sign_date: Option<NaiveDate>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    /// A code of the `contract_category` dictionary.
    pub category: Option<String>,
    pub payment_terms: Option<String>,
    pub remark: Option<String>,
    /// Its confirmed payments' total.
    #[schema(value_type = String, example = "50000.00")]
    pub received_amount: Decimal,
    /// The amount less what was received (zero when overpaid).
    #[schema(value_type = String, example = "100000.00")]
    pub outstanding_amount: Decimal,
    /// Its issued invoices' total.
    #[schema(value_type = String, example = "56500.00")]
    pub invoiced_amount: Decimal,
    /// What its instalments due before today (UTC) still owe.
    #[schema(value_type = String, example = "25000.00")]
    pub overdue_amount: Decimal,
    pub activated_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub termination_reason: Option<String>,
    /// 存档: set when a finished contract was archived.
    pub archived_at: Option<DateTime<Utc>>,
    pub lines: Vec<LineView>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub const RESTORABLE: Restorable = Restorable::plain::<Contract>();

pub struct Contracts;

impl Resource for Contracts {
    type Entity = Contract;
    type View = ContractView;
    const WHAT: &'static str = "contract";
    const POLICY: Policy = Policy::Owned;

    fn spec() -> ListSpec<Contract> {
        let f = |name, column, kind, range| Filter { name, column, kind, range };
        ListSpec {
            filters: vec![
                f("owner_id", C::OwnerId, FieldKind::Uuid, false),
                f("customer_id", C::CustomerId, FieldKind::Uuid, false),
                f("opportunity_id", C::OpportunityId, FieldKind::Uuid, false),
                f("quote_id", C::QuoteId, FieldKind::Uuid, false),
                f("status", C::Status, FieldKind::Text, false),
                f("category", C::Category, FieldKind::Text, false),
                f("currency", C::Currency, FieldKind::Text, false),
                f("sign_date", C::SignDate, FieldKind::Date, true),
                f("end_date", C::EndDate, FieldKind::Date, true),
                f("created_at", C::CreatedAt, FieldKind::Timestamp, true),
                f("updated_at", C::UpdatedAt, FieldKind::Timestamp, true),
            ],
            sorts: vec![("updated_at", C::UpdatedAt), ("created_at", C::CreatedAt), ("amount", C::AmountMinor), ("sign_date", C::SignDate), ("end_date", C::EndDate), ("number", C::Number)],
            search: vec![C::Number, C::Name],
            search_index: None,
            default_sort: vec![(C::UpdatedAt, Order::Desc)],
            tie_breaker: C::Id,
        }
    }

    /// Moved by payments and invoices in their own transactions; an update of the contract
    /// leaves them as they are.
    fn unversioned_columns() -> Vec<C> {
        vec![C::ReceivedMinor, C::InvoicedMinor]
    }

    async fn views(db: &impl ConnectionTrait, ctx: &Ctx, rows: Vec<contract::Model>) -> DomainResult<Vec<ContractView>> {
        let names_of = Names::of(
            db,
            rows.iter().flat_map(|c| [Some(c.owner_id), c.signer_id]).flatten().collect(),
            rows.iter().map(|c| c.customer_id).collect(),
            rows.iter().filter_map(|c| c.customer_signer_id).collect(),
            rows.iter().filter_map(|c| c.opportunity_id).collect(),
        )
        .await?;
        let quotes = names::<quote::Entity>(db, quote::Column::Id, quote::Column::Number, rows.iter().filter_map(|c| c.quote_id).collect()).await?;
        let mut lines = lines::of(db, rows.iter().map(|c| c.id).collect()).await?;
        let effective: Vec<Uuid> = rows.iter().filter(|c| crate::receivables::ledger::took_effect(&c.status)).map(|c| c.id).collect();
        let overdue = crate::receivables::ledger::overdue(db, effective, ctx.now.date_naive()).await?;
        Ok(rows
            .into_iter()
            .map(|c| ContractView {
                owner_name: names_of.owners.get(&c.owner_id).cloned(),
                signer_name: c.signer_id.and_then(|s| names_of.owners.get(&s).cloned()),
                customer_name: names_of.customers.get(&c.customer_id).cloned(),
                customer_signer_name: c.customer_signer_id.and_then(|s| names_of.contacts.get(&s).cloned()),
                opportunity_name: c.opportunity_id.and_then(|o| names_of.opportunities.get(&o).cloned()),
                quote_number: c.quote_id.and_then(|q| quotes.get(&q).cloned()),
                lines: lines.remove(&c.id).unwrap_or_default().iter().map(lines::view).collect(),
                status: ContractStatus::parse(&c.status).unwrap_or(ContractStatus::Draft),
                amount: from_minor(c.amount_minor),
                amount_in_words: capitals(from_minor(c.amount_minor)),
                subtotal: from_minor(c.subtotal_minor),
                discount_total: from_minor(c.discount_minor),
                tax_total: from_minor(c.tax_minor),
                total: from_minor(c.total_minor),
                received_amount: from_minor(c.received_minor),
                outstanding_amount: from_minor((c.amount_minor - c.received_minor).max(0)),
                invoiced_amount: from_minor(c.invoiced_minor),
                overdue_amount: from_minor(overdue.get(&c.id).copied().unwrap_or(0)),
                id: c.id,
                number: c.number,
                name: c.name,
                customer_id: c.customer_id,
                opportunity_id: c.opportunity_id,
                quote_id: c.quote_id,
                customer_signer_id: c.customer_signer_id,
                signer_id: c.signer_id,
                owner_id: c.owner_id,
                currency: c.currency,
                sign_date: c.sign_date,
                start_date: c.start_date,
                end_date: c.end_date,
                category: c.category,
                payment_terms: c.payment_terms,
                remark: c.remark,
                activated_at: c.activated_at,
                finished_at: c.finished_at,
                termination_reason: c.termination_reason,
                archived_at: c.archived_at,
                version: c.version,
                created_at: c.created_at,
                updated_at: c.updated_at,
            })
            .collect())
    }

    async fn visible(db: &impl ConnectionTrait, ctx: &Ctx, for_edit: bool) -> DomainResult<Select<Contract>> {
        policy::owned::<Contract>(db, ctx, for_edit).await
    }
}

/// The references a contract makes beyond its parties: our signatory, its category.
pub(super) async fn check_refs(tx: &Tx, input: &ContractInput) -> DomainResult<()> {
    if let Some(code) = &input.category {
        dictionaries::check_code(tx, "contract_category", "category", code).await?;
    }
    if let Some(s) = input.signer_id {
        let found = user::Entity::find_by_id(s).filter(user::Column::DeletedAt.is_null()).filter(user::Column::Enabled.eq(true)).one(tx).await.map_err(db_err)?;
        if found.is_none() {
            return Err(DomainError::invalid_field("signer_id", "not_found", "no such enabled user"));
        }
    }
    Ok(())
}

/// `row` with what the checked input sets.
pub(super) fn fill(row: contract::Model, input: ContractInput, checked: crm_domain::contracts::CheckedContract) -> contract::Model {
    contract::Model {
        name: input.name,
        opportunity_id: input.opportunity_id,
        customer_signer_id: input.customer_signer_id,
        signer_id: input.signer_id,
        currency: checked.doc.currency,
        amount_minor: checked.amount,
        subtotal_minor: checked.doc.totals.subtotal,
        discount_minor: checked.doc.totals.discount_total,
        tax_minor: checked.doc.totals.tax_total,
        total_minor: checked.doc.totals.total,
        sign_date: input.sign_date,
        start_date: input.start_date,
        end_date: input.end_date,
        category: input.category,
        payment_terms: input.payment_terms,
        remark: checked.doc.remark,
        ..row
    }
}

/// Creates a contract inside the caller's transaction (`quote_id` only from `from_quote`).
async fn create_in(tx: &Tx, ctx: &Ctx, input: ContractInput, quote_id: Option<Uuid>) -> DomainResult<ContractView> {
    kit::create_in::<Contracts, _, _, _>(tx, ctx, async |tx| build(tx, ctx, input, quote_id).await, async |tx, row: &contract::Model, rows| lines::write_new(tx, row.id, rows).await).await
}

/// Creates up to 1000 draft contracts, each as `create` would (its own number, taken in
/// the item's savepoint), the refused ones left out or, with `atomic`, none written.
pub async fn batch(db: &Db, ctx: &Ctx, items: Vec<ContractInput>, atomic: bool) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch_linked::<Contracts, _, _, _, _>(db, ctx, items, atomic, async |tx, input| build(tx, ctx, input, None).await, async |tx, row: &contract::Model, rows| lines::write_new(tx, row.id, rows).await).await
}

/// A new draft contract and its line rows, checked as `create` checks them.
async fn build(tx: &Tx, ctx: &Ctx, input: ContractInput, quote_id: Option<Uuid>) -> DomainResult<(contract::Model, Vec<line::Model>)> {
    let (input, checked) = input.validate()?;
    check_refs(tx, &input).await?;
    let parties = lines::Parties { customer_id: input.customer_id, opportunity_id: input.opportunity_id, contact_id: input.customer_signer_id, owner_id: input.owner_id };
    let new = lines::prepare_new(tx, ctx, &parties, &checked.doc.lines, &crate::numbering::CONTRACT).await?;
    let row = contract::Model { id: new.id, number: new.number, customer_id: input.customer_id, owner_id: new.owner_id, quote_id, status: ContractStatus::Draft.as_str().into(), ..Default::default() };
    Ok((fill(row, input, checked), new.lines))
}

pub async fn create(db: &Db, ctx: &Ctx, input: ContractInput) -> DomainResult<ContractView> {
    let tx = crate::tx::begin(db).await?;
    let v = create_in(&tx, ctx, input, None).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}

/// Fields of the contract `POST /quotes/{id}/contract` makes; the rest comes from the quote.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ContractFromQuote, example = json!({"name": "2027 年度设备采购合同", "sign_date": "2026-12-10", "start_date": "2027-01-01", "end_date": "2027-12-31"}))]
pub struct FromQuote {
    /// At most 200 characters; the quote's number when absent.
    pub name: Option<String>,
    pub sign_date: Option<NaiveDate>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    /// A code of the `contract_category` dictionary.
    pub category: Option<String>,
    /// At most 2000 characters; the quote's terms when absent.
    pub payment_terms: Option<String>,
}

/// A draft contract from an accepted quote the caller may change: its customer,
/// opportunity, contact (as the customer's signatory), currency and lines; one per quote
/// (the quote locked, so two requests at once make one; 409 `quote.contracted`) unless
/// the one made was voided.
pub async fn from_quote(db: &Db, ctx: &Ctx, quote_id: Uuid, extra: FromQuote) -> DomainResult<ContractView> {
    let tx = crate::tx::begin(db).await?;
    let q = kit::load_locked::<Quotes>(&tx, ctx, quote_id).await?;
    if q.status != QuoteStatus::Accepted.as_str() {
        return Err(DomainError::conflict("quote.not_accepted", format!("a contract is made from an accepted quote; this one is {}", q.status)));
    }
    if let Some(made) = super::quotes::contracts_of(&tx, vec![quote_id]).await?.get(&quote_id) {
        return Err(DomainError::conflict("quote.contracted", "a contract was already made from this quote; void it to make another").with_extra(serde_json::json!({"contract_id": made})));
    }
    let stored = lines::of(&tx, vec![quote_id]).await?.remove(&quote_id).unwrap_or_default();
    let owner_id = match crate::scope::assignable_owner(&tx, ctx, q.owner_id, "owner_id").await {
        Ok(()) => Some(q.owner_id),
        Err(_) => None,
    };
    let input = ContractInput {
        name: extra.name.unwrap_or_else(|| q.number.clone()),
        customer_id: q.customer_id,
        opportunity_id: q.opportunity_id,
        customer_signer_id: q.contact_id,
        signer_id: None,
        amount: None,
        currency: Some(q.currency.clone()),
        sign_date: extra.sign_date,
        start_date: extra.start_date,
        end_date: extra.end_date,
        category: extra.category,
        payment_terms: extra.payment_terms.or(q.terms.clone()),
        remark: None,
        lines: lines::inputs(&stored),
        owner_id,
    };
    let v = create_in(&tx, ctx, input, Some(quote_id)).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}

pub(super) fn input_of(c: &contract::Model, rows: &[line::Model]) -> ContractInput {
    ContractInput {
        name: c.name.clone(),
        customer_id: c.customer_id,
        opportunity_id: c.opportunity_id,
        customer_signer_id: c.customer_signer_id,
        signer_id: c.signer_id,
        // With lines the amount follows them; without, it stays unless the patch sets it.
        amount: rows.is_empty().then(|| from_minor(c.amount_minor)),
        currency: Some(c.currency.clone()),
        sign_date: c.sign_date,
        start_date: c.start_date,
        end_date: c.end_date,
        category: c.category.clone(),
        payment_terms: c.payment_terms.clone(),
        remark: c.remark.clone(),
        lines: lines::inputs(rows),
        owner_id: Some(c.owner_id),
    }
}

/// Only a draft changes: a pending one waits for its approval (409 `approval.pending`), an
/// active one changes by termination (409 `contract.not_draft`).
pub(crate) fn must_be_draft(c: &contract::Model) -> DomainResult<()> {
    if c.status == ContractStatus::Pending.as_str() {
        return Err(crate::approvals::pending());
    }
    if c.status != ContractStatus::Draft.as_str() {
        return Err(DomainError::conflict("contract.not_draft", format!("only a draft contract changes; this one is {}", c.status)));
    }
    Ok(())
}

pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: ContractPatch, if_match: Option<i32>) -> DomainResult<ContractView> {
    let new_lines = lines::Pending::default();
    let change = async |tx: &Tx, current: contract::Model| {
        must_be_draft(&current)?;
        let replaces = patch.lines.is_some();
        let stored = lines::of(tx, vec![id]).await?.remove(&id).unwrap_or_default();
        let mut base = input_of(&current, &stored);
        if replaces {
            base.amount = None;
        }
        let (input, checked) = patch.apply(base).validate()?;
        check_refs(tx, &input).await?;
        lines::check_parties(tx, ctx, current.customer_id, input.opportunity_id, input.customer_signer_id).await?;
        if replaces {
            new_lines.set(lines::rows(tx, id, &checked.doc.lines).await?)?;
        }
        Ok(fill(current, input, checked))
    };
    let link = async |tx: &Tx, row: &contract::Model| new_lines.write(tx, row.id).await;
    kit::update_linked::<Contracts, _, _>(db, ctx, id, if_match, change, link).await
}

/// A draft or void contract goes to the recycle bin; one that was in force stays (409
/// `contract.not_deletable`), as does a pending one (409 `approval.pending`).
pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    kit::delete::<Contracts, _>(db, ctx, id, if_match, async |_: &Tx, c: &contract::Model| {
        if c.status == ContractStatus::Pending.as_str() {
            return Err(crate::approvals::pending());
        }
        if c.status != ContractStatus::Draft.as_str() && c.status != ContractStatus::Void.as_str() {
            return Err(DomainError::conflict("contract.not_deletable", format!("a {} contract is kept; it was in force", c.status)));
        }
        Ok(())
    })
    .await
}

fn lock_err() -> DomainError {
    DomainError::internal("transition lock")
}

/// Completes or terminates an active contract, or voids a draft (`ContractStatus::may_become`;
/// 409 `contract.bad_transition` otherwise, `approval.pending` while it or an amendment of
/// it waits).
pub async fn transition(db: &Db, ctx: &Ctx, id: Uuid, t: ContractTransition, if_match: Option<i32>) -> DomainResult<ContractView> {
    let t = t.validate()?;
    let from = Mutex::new(ContractStatus::Draft);
    let change = async |tx: &Tx, current: contract::Model| {
        let status = ContractStatus::parse(&current.status).unwrap_or(ContractStatus::Draft);
        *from.lock().map_err(|_| lock_err())? = status;
        if status == ContractStatus::Pending || super::amendments::has_pending(tx, current.id).await? {
            return Err(crate::approvals::pending());
        }
        if !status.may_become(t.to) {
            return Err(bad_transition("contract", status.as_str(), t.to.as_str()));
        }
        let reason = (t.to == ContractStatus::Terminated).then(|| t.reason.clone()).flatten();
        Ok(contract::Model { status: t.to.as_str().into(), finished_at: Some(ctx.now), termination_reason: reason, ..current })
    };
    let link = async |tx: &Tx, row: &contract::Model| {
        let from = *from.lock().map_err(|_| lock_err())?;
        crate::audit::record(tx, ctx, "contracts", row.id, "transition", &serde_json::json!({"status": from}), &serde_json::json!({"status": row.status, "reason": t.reason})).await
    };
    kit::update_linked::<Contracts, _, _>(db, ctx, id, if_match, change, link).await
}

/// 存档: puts a completed, terminated or void contract away (409 `contract.not_finished`
/// otherwise, `contract.archived` the second time).
pub async fn archive(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<ContractView> {
    kit::update::<Contracts, _>(db, ctx, id, if_match, async |_: &Tx, current: contract::Model| {
        let status = ContractStatus::parse(&current.status).unwrap_or(ContractStatus::Draft);
        if !status.is_finished() {
            return Err(DomainError::conflict("contract.not_finished", format!("a contract is archived once completed, terminated or void; this one is {}", current.status)));
        }
        if current.archived_at.is_some() {
            return Err(DomainError::conflict("contract.archived", "this contract is archived already"));
        }
        Ok(contract::Model { archived_at: Some(ctx.now), ..current })
    })
    .await
}
