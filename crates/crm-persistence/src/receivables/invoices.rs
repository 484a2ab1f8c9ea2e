//! Invoices [发票] against a contract that took effect: drafts, submitted (through approval
//! when an enabled `invoice` flow applies), issued — counted in the contract's invoiced
//! amount —, or voided with a reason (an issued one then no longer counts). As with
//! payments, the invoiced total stays within the contract's amount under its row lock
//! unless a holder of `invoices:override` submits beyond it. An issued invoice's title is
//! remembered for the customer's next one.

use chrono::{DateTime, NaiveDate, Utc};
use crm_domain::approvals::{DocFields, FieldKind};
use crm_domain::money::from_minor;
use crm_domain::permissions::perms;
use crm_domain::receivables::{InvoiceInput, InvoicePatch, InvoiceStatus, InvoiceType, TitleFields, TitleType, VoidInput};
use crm_domain::{DomainError, DomainResult};
use rust_decimal::Decimal;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, Select};
use serde::Serialize;
use serde_json::{json, Map, Value};
use uuid::Uuid;

use super::entities::invoice::{self, Column as I, Entity as Invoice};
use super::entities::invoice_title;
use super::{ledger, Refs};
use crate::approvals::docs::{set_status, ApprovalDoc, Decision, DocFuture, DocSnapshot};
use crate::customers::entities::customer;
use crate::db::db_err;
use crate::kit::restore::Restorable;
use crate::kit::{self, policy, Policy, Resource};
use crate::listing::{FieldKind as ListKind, Filter, ListSpec};
use crate::sales_docs::contracts::Contracts;
use crate::sales_docs::entities::contract;
use crate::tx::Tx;
use crate::{Ctx, Db};

crate::soft_delete!(Invoice, "invoices", Number);

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Invoice, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4f10", "number": "FP-2027-000012", "contract_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ee0",
    "contract_number": "HT-2026-000123", "contract_name": "2027 年度设备采购合同", "customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f",
    "customer_name": "杭州明远科技有限公司", "owner_name": "王伟", "type": "vat_special", "title_type": "company", "title": "杭州明远科技有限公司",
    "tax_number": "91330106MA2H0XXXXX", "bank": "招商银行杭州分行", "bank_account": "571900000010101", "address_phone": "杭州市西湖区文三路 100 号 0571-88880000",
    "amount": "56500.00", "tax_rate_percent": "13", "tax_amount": "6500.00", "currency": "CNY", "issue_date": "2027-01-25", "status": "issued",
    "issued_at": "2027-01-25T06:00:00Z", "void_reason": null, "voided_at": null, "remark": null, "overridden": false, "version": 3,
    "created_at": "2027-01-24T09:00:00Z", "updated_at": "2027-01-25T06:00:00Z"}))]
pub struct InvoiceView {
    pub id: Uuid,
    pub number: String,
    pub contract_id: Uuid,
    pub contract_number: Option<String>,
    pub contract_name: Option<String>,
    pub customer_id: Uuid,
    pub customer_name: Option<String>,
    pub owner_name: Option<String>,
    pub r#type: InvoiceType,
    pub title_type: TitleType,
    pub title: String,
    pub tax_number: Option<String>,
    pub bank: Option<String>,
    pub bank_account: Option<String>,
    pub address_phone: Option<String>,
    /// Including tax.
    #[schema(value_type = String, example = "56500.00")]
    pub amount: Decimal,
    #[schema(value_type = String, example = "13")]
    pub tax_rate_percent: Decimal,
    /// The tax the amount includes.
    #[schema(value_type = String, example = "6500.00")]
    pub tax_amount: Decimal,
    pub currency: String,
    pub issue_date: Option<NaiveDate>,
    pub status: InvoiceStatus,
    pub issued_at: Option<DateTime<Utc>>,
    pub void_reason: Option<String>,
    pub voided_at: Option<DateTime<Utc>>,
    pub remark: Option<String>,
    /// Submitted beyond the contract's amount by a holder of `invoices:override`.
    pub overridden: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub const RESTORABLE: Restorable = Restorable::plain::<Invoice>();

pub struct Invoices;

impl Resource for Invoices {
    type Entity = Invoice;
    type View = InvoiceView;
    const WHAT: &'static str = "invoice";
    const POLICY: Policy = Policy::Child;

    fn spec() -> ListSpec<Invoice> {
        let f = |name, column, kind, range| Filter { name, column, kind, range };
        ListSpec {
            filters: vec![
                f("contract_id", I::ContractId, ListKind::Uuid, false),
                f("customer_id", I::CustomerId, ListKind::Uuid, false),
                f("status", I::Status, ListKind::Text, false),
                f("type", I::Kind, ListKind::Text, false),
                f("issue_date", I::IssueDate, ListKind::Date, true),
                f("created_at", I::CreatedAt, ListKind::Timestamp, true),
                f("updated_at", I::UpdatedAt, ListKind::Timestamp, true),
            ],
            sorts: vec![("issue_date", I::IssueDate), ("updated_at", I::UpdatedAt), ("created_at", I::CreatedAt), ("amount", I::AmountMinor), ("number", I::Number)],
            search: vec![I::Number, I::Title],
            search_index: None,
            default_sort: vec![(I::UpdatedAt, Order::Desc)],
            tie_breaker: I::Id,
        }
    }

    async fn views(db: &impl ConnectionTrait, _: &Ctx, rows: Vec<invoice::Model>) -> DomainResult<Vec<InvoiceView>> {
        let refs = Refs::of(db, rows.iter().map(|i| i.contract_id).collect(), rows.iter().map(|i| i.customer_id).collect()).await?;
        Ok(rows
            .into_iter()
            .map(|i| {
                let c = refs.contract(&i.contract_id);
                InvoiceView {
                    contract_number: c.map(|c| c.number.clone()),
                    contract_name: c.map(|c| c.name.clone()),
                    customer_name: refs.customers.get(&i.customer_id).cloned(),
                    owner_name: refs.owner_name(&i.contract_id),
                    r#type: InvoiceType::parse(&i.kind).unwrap_or(InvoiceType::Other),
                    title_type: TitleType::parse(&i.title_type).unwrap_or(TitleType::Company),
                    status: InvoiceStatus::parse(&i.status).unwrap_or(InvoiceStatus::Draft),
                    amount: from_minor(i.amount_minor),
                    tax_rate_percent: Decimal::new(i64::from(i.tax_bp), 2).normalize(),
                    tax_amount: from_minor(i.tax_minor),
                    id: i.id,
                    number: i.number,
                    contract_id: i.contract_id,
                    customer_id: i.customer_id,
                    title: i.title,
                    tax_number: i.tax_number,
                    bank: i.bank,
                    bank_account: i.bank_account,
                    address_phone: i.address_phone,
                    currency: i.currency,
                    issue_date: i.issue_date,
                    issued_at: i.issued_at,
                    void_reason: i.void_reason,
                    voided_at: i.voided_at,
                    remark: i.remark,
                    overridden: i.overridden,
                    version: i.version,
                    created_at: i.created_at,
                    updated_at: i.updated_at,
                }
            })
            .collect())
    }

    async fn visible(db: &impl ConnectionTrait, ctx: &Ctx, for_edit: bool) -> DomainResult<Select<Invoice>> {
        policy::child_of::<Invoice, contract::Entity>(db, ctx, I::ContractId, for_edit).await
    }
}

fn may_exceed(ctx: &Ctx) -> bool {
    ctx.actor.has(perms::INVOICES_OVERRIDE)
}

fn fill(row: invoice::Model, input: InvoiceInput, checked: crm_domain::receivables::CheckedInvoice) -> invoice::Model {
    invoice::Model {
        kind: input.r#type.unwrap_or(InvoiceType::VatNormal).as_str().into(),
        title_type: input.title_type.unwrap_or(TitleType::Company).as_str().into(),
        title: input.title,
        tax_number: input.tax_number,
        bank: input.bank,
        bank_account: input.bank_account,
        address_phone: input.address_phone,
        amount_minor: checked.amount,
        tax_bp: checked.tax_bp,
        tax_minor: checked.tax,
        issue_date: input.issue_date,
        remark: input.remark,
        ..row
    }
}

pub async fn create(db: &Db, ctx: &Ctx, input: InvoiceInput) -> DomainResult<InvoiceView> {
    kit::create::<Invoices, _>(db, ctx, async |tx: &Tx| build(tx, ctx, input).await).await
}

/// Up to 1000 draft invoices, each checked as `create` checks one (a contract that has
/// taken effect, room left on it — drafts hold none, so neither do the items before it;
/// its own number, taken in the item's savepoint).
pub async fn batch(db: &Db, ctx: &Ctx, items: Vec<InvoiceInput>, atomic: bool) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch::<Invoices, _, _>(db, ctx, items, atomic, async |tx, input| build(tx, ctx, input).await).await
}

/// A new draft invoice on a contract the caller may change, with its number.
async fn build(tx: &Tx, ctx: &Ctx, input: InvoiceInput) -> DomainResult<invoice::Model> {
    let (input, checked) = input.validate()?;
    let c = kit::load_locked::<Contracts>(tx, ctx, input.contract_id).await?;
    ledger::must_have_taken_effect(&c)?;
    ledger::fits(checked.amount, ledger::invoice_room(tx, &c, None).await?, may_exceed(ctx), "invoice.over_contract", "the invoice")?;
    let row = invoice::Model {
        id: Uuid::now_v7(),
        number: crate::numbering::next(tx, &crate::numbering::INVOICE, ctx.now).await?,
        contract_id: c.id,
        customer_id: c.customer_id,
        currency: c.currency.clone(),
        status: InvoiceStatus::Draft.as_str().into(),
        ..Default::default()
    };
    Ok(fill(row, input, checked))
}

fn input_of(i: &invoice::Model) -> InvoiceInput {
    InvoiceInput {
        contract_id: i.contract_id,
        r#type: InvoiceType::parse(&i.kind),
        title_type: TitleType::parse(&i.title_type),
        title: i.title.clone(),
        tax_number: i.tax_number.clone(),
        bank: i.bank.clone(),
        bank_account: i.bank_account.clone(),
        address_phone: i.address_phone.clone(),
        amount: from_minor(i.amount_minor),
        tax_rate_percent: Some(Decimal::new(i64::from(i.tax_bp), 2)),
        issue_date: i.issue_date,
        remark: i.remark.clone(),
    }
}

/// Only a draft changes: a pending one waits (409 `approval.pending`), an issued or void
/// one is final (409 `invoice.not_draft`).
fn must_be_draft(i: &invoice::Model) -> DomainResult<()> {
    match InvoiceStatus::parse(&i.status) {
        Some(InvoiceStatus::Draft) => Ok(()),
        Some(InvoiceStatus::Pending) => Err(crate::approvals::pending()),
        _ => Err(DomainError::conflict("invoice.not_draft", format!("only a draft invoice changes; this one is {}", i.status))),
    }
}

pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: InvoicePatch, if_match: Option<i32>) -> DomainResult<InvoiceView> {
    kit::update::<Invoices, _>(db, ctx, id, if_match, async |tx: &Tx, current: invoice::Model| {
        must_be_draft(&current)?;
        let (input, checked) = patch.apply(input_of(&current)).validate()?;
        let c = ledger::lock_contract(tx, current.contract_id).await?;
        ledger::fits(checked.amount, ledger::invoice_room(tx, &c, Some(id)).await?, may_exceed(ctx), "invoice.over_contract", "the invoice")?;
        Ok(fill(current, input, checked))
    })
    .await
}

/// A draft goes to the recycle bin; one submitted or issued stays (409), to be voided.
pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    kit::delete::<Invoices, _>(db, ctx, id, if_match, async |_: &Tx, i: &invoice::Model| must_be_draft(i)).await
}

/// Voids a draft or an issued invoice with a reason; an issued one leaves the contract's
/// invoiced amount (409 `invoice.not_voidable` when pending or already void).
pub async fn void(db: &Db, ctx: &Ctx, id: Uuid, input: VoidInput, if_match: Option<i32>) -> DomainResult<InvoiceView> {
    let input = input.validate()?;
    let tx = crate::tx::begin(db).await?;
    let i = kit::load::<Invoices>(&tx, ctx, id, true).await?;
    crate::version::check_if_match(if_match, i.version)?;
    let status = InvoiceStatus::parse(&i.status);
    if !matches!(status, Some(InvoiceStatus::Draft | InvoiceStatus::Issued)) {
        return Err(DomainError::conflict("invoice.not_voidable", format!("a draft or issued invoice is voided; this one is {}", i.status)));
    }
    ledger::lock_contract(&tx, i.contract_id).await?;
    let also = vec![(I::VoidReason, Expr::value(input.reason.clone())), (I::VoidedAt, Expr::value(ctx.now))];
    set_status::<Invoice>(&tx, ctx, id, i.version, (I::Status, &i.status, InvoiceStatus::Void.as_str()), also, "void").await?;
    if status == Some(InvoiceStatus::Issued) {
        ledger::invoiced(&tx, i.contract_id, -i.amount_minor).await?;
    }
    let v = kit::view::<Invoices>(&tx, ctx, kit::load::<Invoices>(&tx, ctx, id, false).await?).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}

/// A customer's invoicing details as last used, newest first: what a new invoice offers.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = RememberedInvoiceTitle)]
pub struct TitleView {
    #[serde(flatten)]
    pub fields: TitleFields,
    pub used_at: DateTime<Utc>,
}

/// The titles of a customer the caller may see (404 otherwise), most recently used first.
pub async fn titles(db: &Db, ctx: &Ctx, customer_id: Uuid) -> DomainResult<Vec<TitleView>> {
    crate::scope::Scoped::<customer::Entity>::find(db, ctx)
        .await?
        .filter(customer::Column::Id.eq(customer_id))
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(|| DomainError::not_found("customer"))?;
    let rows = invoice_title::Entity::find()
        .filter(invoice_title::Column::CustomerId.eq(customer_id))
        .order_by_desc(invoice_title::Column::UsedAt)
        .limit(20)
        .all(db)
        .await
        .map_err(db_err)?;
    Ok(rows
        .into_iter()
        .map(|t| TitleView {
            fields: TitleFields {
                title_type: TitleType::parse(&t.title_type),
                title: t.title,
                tax_number: t.tax_number,
                bank: t.bank,
                bank_account: t.bank_account,
                address_phone: t.address_phone,
            },
            used_at: t.used_at,
        })
        .collect())
}

/// Keeps the issued invoice's title for its customer: one row per (type, title), its
/// details refreshed by the latest use.
async fn remember_title(tx: &Tx, ctx: &Ctx, i: &invoice::Model) -> DomainResult<()> {
    use invoice_title::Column as T;
    let row = invoice_title::ActiveModel {
        id: Set(Uuid::now_v7()),
        customer_id: Set(i.customer_id),
        title_type: Set(i.title_type.clone()),
        title: Set(i.title.clone()),
        tax_number: Set(i.tax_number.clone()),
        bank: Set(i.bank.clone()),
        bank_account: Set(i.bank_account.clone()),
        address_phone: Set(i.address_phone.clone()),
        used_at: Set(ctx.now),
    };
    invoice_title::Entity::insert(row)
        .on_conflict(OnConflict::columns([T::CustomerId, T::TitleType, T::Title]).update_columns([T::TaxNumber, T::Bank, T::BankAccount, T::AddressPhone, T::UsedAt]).to_owned())
        .exec_without_returning(tx)
        .await
        .map_err(db_err)?;
    Ok(())
}

pub const DOC_TYPE: &str = "invoice";

pub struct InvoiceApproval;

const FIELDS: DocFields = &[
    ("amount", FieldKind::Money),
    ("currency", FieldKind::Text),
    ("type", FieldKind::Text),
    ("title_type", FieldKind::Text),
    ("customer_id", FieldKind::Id),
    ("owner_id", FieldKind::Id),
];

impl ApprovalDoc for InvoiceApproval {
    fn doc_type(&self) -> &'static str {
        DOC_TYPE
    }

    fn fields(&self) -> DocFields {
        FIELDS
    }

    fn submit<'a>(&'a self, tx: &'a Tx, ctx: &'a Ctx, id: Uuid) -> DocFuture<'a, DocSnapshot> {
        Box::pin(async move {
            let i = kit::load::<Invoices>(tx, ctx, id, true).await?;
            must_be_draft(&i)?;
            let c = ledger::lock_contract(tx, i.contract_id).await?;
            ledger::must_have_taken_effect(&c)?;
            let overridden = ledger::fits(i.amount_minor, ledger::invoice_room(tx, &c, Some(id)).await?, may_exceed(ctx), "invoice.over_contract", "the invoice")?;
            let view = kit::view::<Invoices>(tx, ctx, i.clone()).await?;
            let mut fields = Map::new();
            fields.insert("amount".into(), Value::String(from_minor(i.amount_minor).to_string()));
            fields.insert("currency".into(), json!(i.currency));
            fields.insert("type".into(), json!(i.kind));
            fields.insert("title_type".into(), json!(i.title_type));
            fields.insert("customer_id".into(), json!(i.customer_id));
            fields.insert("owner_id".into(), json!(c.owner_id));
            let summary = json!({"number": i.number, "contract_number": c.number, "contract_name": c.name, "customer_name": view.customer_name,
                "owner_name": view.owner_name, "type": i.kind, "title": i.title, "tax_number": i.tax_number, "amount": view.amount,
                "tax_amount": view.tax_amount, "currency": i.currency, "overridden": overridden,
                "contract_amount": from_minor(c.amount_minor), "contract_invoiced": from_minor(c.invoiced_minor)});
            set_status::<Invoice>(tx, ctx, id, i.version, (I::Status, &i.status, InvoiceStatus::Pending.as_str()), vec![(I::Overridden, Expr::value(overridden))], "submit").await?;
            Ok(DocSnapshot { label: i.number, summary, fields })
        })
    }

    fn decided<'a>(&'a self, tx: &'a Tx, ctx: &'a Ctx, id: Uuid, decision: Decision) -> DocFuture<'a, ()> {
        Box::pin(async move {
            // scope-bypass: the approver decides an invoice they need not otherwise see.
            let Some(i) = Invoice::find_by_id(id).one(tx).await.map_err(db_err)? else { return Err(DomainError::not_found("invoice")) };
            if i.status != InvoiceStatus::Pending.as_str() {
                return Err(DomainError::conflict("invoice.changed", "the invoice is no longer waiting for approval"));
            }
            let back = (I::Status, i.status.as_str(), InvoiceStatus::Draft.as_str());
            match decision {
                Decision::Approved => {
                    ledger::lock_contract(tx, i.contract_id).await?;
                    let issued = (I::Status, i.status.as_str(), InvoiceStatus::Issued.as_str());
                    let mut also = vec![(I::IssuedAt, Expr::value(ctx.now))];
                    if i.issue_date.is_none() {
                        also.push((I::IssueDate, Expr::value(ctx.now.date_naive())));
                    }
                    set_status::<Invoice>(tx, ctx, id, i.version, issued, also, "approved").await?;
                    ledger::invoiced(tx, i.contract_id, i.amount_minor).await?;
                    remember_title(tx, ctx, &i).await
                }
                Decision::Rejected => set_status::<Invoice>(tx, ctx, id, i.version, back, vec![(I::Overridden, Expr::value(false))], "rejected").await,
                Decision::Withdrawn => set_status::<Invoice>(tx, ctx, id, i.version, back, vec![(I::Overridden, Expr::value(false))], "withdrawn").await,
            }
        })
    }

    fn visible<'a>(&'a self, db: &'a Db, ctx: &'a Ctx, id: Uuid) -> DocFuture<'a, bool> {
        crate::approvals::docs::readable::<Invoices>(db, ctx, id)
    }
}
