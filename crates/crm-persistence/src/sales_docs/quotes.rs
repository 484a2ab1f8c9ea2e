//! Quotes [报价单] (SAL-6) on the resource kit: owned documents seen by their owner's data
//! scope and by the collaborators of their customer, editable only as drafts; sending
//! freezes what was sent (with the company's header) for its PDF.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, NaiveDate, Utc};
use crm_domain::money::{capitals, from_minor};
use crm_domain::sales_docs::{bad_transition, QuoteInput, QuotePatch, QuoteStatus, QuoteTransition};
use crm_domain::validate::Validator;
use crm_domain::{DomainError, DomainResult};
use rust_decimal::Decimal;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, QuerySelect, Select};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::entities::line;
use super::entities::order;
use super::entities::quote::{self, Column as C, Entity as Quote};
use super::lines::{self, LineView, Names};
use crate::db::db_err;
use crate::kit::restore::Restorable;
use crate::kit::{self, policy, Policy, Resource};
use crate::listing::{FieldKind, Filter, ListSpec};
use crate::settings::company::{self, CompanyProfile};
use crate::tx::Tx;
use crate::{Ctx, Db};

crate::soft_delete!(Quote, "quotes", Number);

crate::shared_with_customer!(Quote, C);

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = Quote, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ec0", "number": "QT-2026-000123", "customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f",
    "customer_name": "杭州明远科技有限公司", "opportunity_id": null, "opportunity_name": null, "contact_id": null, "contact_name": null,
    "owner_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e01", "owner_name": "王伟", "status": "draft", "valid_until": "2026-12-31", "currency": "CNY",
    "subtotal": "3703.68", "discount_total": "370.37", "tax_total": "433.33", "total": "3766.64", "total_in_words": "叁仟柒佰陆拾陆元陆角肆分",
    "terms": "报价有效期内价格不变；货到付款。", "remark": null, "sent_at": null, "decided_at": null, "order_id": null, "contract_id": null,
    "lines": [{"product_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e70", "name": "人体工学椅", "unit": "把", "quantity": "3", "unit_price": "1234.56",
        "discount_percent": "10", "tax_rate_percent": "13", "subtotal": "3333.31", "tax": "433.33", "total": "3766.64"}],
    "version": 1, "created_at": "2026-12-01T09:00:00Z", "updated_at": "2026-12-01T09:00:00Z"}))]
pub struct QuoteView {
    pub id: Uuid,
    pub number: String,
    pub customer_id: Uuid,
    pub customer_name: Option<String>,
    pub opportunity_id: Option<Uuid>,
    pub opportunity_name: Option<String>,
    pub contact_id: Option<Uuid>,
    pub contact_name: Option<String>,
    pub owner_id: Uuid,
    pub owner_name: Option<String>,
    pub status: QuoteStatus,
    pub valid_until: NaiveDate,
    pub currency: String,
    /// Σ quantity × unit_price: before discounts and tax.
    #[schema(value_type = String, example = "3703.68")]
    pub subtotal: Decimal,
    /// Σ of the lines' discounts.
    #[schema(value_type = String, example = "370.37")]
    pub discount_total: Decimal,
    #[schema(value_type = String, example = "433.33")]
    pub tax_total: Decimal,
    /// subtotal − discount_total + tax_total: the sum of the lines' totals.
    #[schema(value_type = String, example = "3766.64")]
    pub total: Decimal,
    /// The total in Chinese capitals [大写], as a PDF prints it.
    pub total_in_words: String,
    pub terms: Option<String>,
    pub remark: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    /// When it was accepted, rejected or expired.
    pub decided_at: Option<DateTime<Utc>>,
    /// The live order made from it (`POST /quotes/{id}/order`).
    pub order_id: Option<Uuid>,
    /// The contract made from it (`POST /quotes/{id}/contract`), unless that was voided.
    pub contract_id: Option<Uuid>,
    pub lines: Vec<LineView>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What a sent quote's PDF shows ever after: the quote and the company's header as they
/// were when it was sent.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SentQuote {
    pub quote: QuoteView,
    pub company: CompanyProfile,
}

pub const RESTORABLE: Restorable = Restorable::plain::<Quote>();

pub struct Quotes;

impl Resource for Quotes {
    type Entity = Quote;
    type View = QuoteView;
    const WHAT: &'static str = "quote";
    const POLICY: Policy = Policy::Owned;

    fn spec() -> ListSpec<Quote> {
        ListSpec {
            filters: vec![
                Filter { name: "owner_id", column: C::OwnerId, kind: FieldKind::Uuid, range: false },
                Filter { name: "customer_id", column: C::CustomerId, kind: FieldKind::Uuid, range: false },
                Filter { name: "opportunity_id", column: C::OpportunityId, kind: FieldKind::Uuid, range: false },
                Filter { name: "status", column: C::Status, kind: FieldKind::Text, range: false },
                Filter { name: "currency", column: C::Currency, kind: FieldKind::Text, range: false },
                Filter { name: "valid_until", column: C::ValidUntil, kind: FieldKind::Date, range: true },
                Filter { name: "created_at", column: C::CreatedAt, kind: FieldKind::Timestamp, range: true },
                Filter { name: "updated_at", column: C::UpdatedAt, kind: FieldKind::Timestamp, range: true },
            ],
            sorts: vec![("updated_at", C::UpdatedAt), ("created_at", C::CreatedAt), ("total", C::TotalMinor), ("valid_until", C::ValidUntil), ("number", C::Number)],
            search: vec![C::Number],
            search_index: None,
            default_sort: vec![(C::UpdatedAt, Order::Desc)],
            tie_breaker: C::Id,
        }
    }

    async fn views(db: &impl ConnectionTrait, _: &Ctx, rows: Vec<quote::Model>) -> DomainResult<Vec<QuoteView>> {
        let names = Names::of(
            db,
            rows.iter().map(|q| q.owner_id).collect(),
            rows.iter().map(|q| q.customer_id).collect(),
            rows.iter().filter_map(|q| q.contact_id).collect(),
            rows.iter().filter_map(|q| q.opportunity_id).collect(),
        )
        .await?;
        let ids: Vec<Uuid> = rows.iter().map(|q| q.id).collect();
        let mut lines = lines::of(db, ids.clone()).await?;
        let orders = orders_of(db, ids.clone()).await?;
        let contracts = contracts_of(db, ids).await?;
        Ok(rows
            .into_iter()
            .map(|q| QuoteView {
                owner_name: names.owners.get(&q.owner_id).cloned(),
                customer_name: names.customers.get(&q.customer_id).cloned(),
                contact_name: q.contact_id.and_then(|c| names.contacts.get(&c).cloned()),
                opportunity_name: q.opportunity_id.and_then(|o| names.opportunities.get(&o).cloned()),
                lines: lines.remove(&q.id).unwrap_or_default().iter().map(lines::view).collect(),
                status: QuoteStatus::parse(&q.status).unwrap_or(QuoteStatus::Draft),
                subtotal: from_minor(q.subtotal_minor),
                discount_total: from_minor(q.discount_minor),
                tax_total: from_minor(q.tax_minor),
                total: from_minor(q.total_minor),
                total_in_words: capitals(from_minor(q.total_minor)),
                order_id: orders.get(&q.id).copied(),
                contract_id: contracts.get(&q.id).copied(),
                id: q.id,
                number: q.number,
                customer_id: q.customer_id,
                opportunity_id: q.opportunity_id,
                contact_id: q.contact_id,
                owner_id: q.owner_id,
                valid_until: q.valid_until,
                currency: q.currency,
                terms: q.terms,
                remark: q.remark,
                sent_at: q.sent_at,
                decided_at: q.decided_at,
                version: q.version,
                created_at: q.created_at,
                updated_at: q.updated_at,
            })
            .collect())
    }

    async fn visible(db: &impl ConnectionTrait, ctx: &Ctx, for_edit: bool) -> DomainResult<Select<Quote>> {
        policy::owned::<Quote>(db, ctx, for_edit).await
    }
}

/// The live order made from each quote.
async fn orders_of(db: &impl ConnectionTrait, quote_ids: Vec<Uuid>) -> DomainResult<HashMap<Uuid, Uuid>> {
    made_from(db, policy::live::<order::Entity>(), order::Column::QuoteId, order::Column::Id, quote_ids).await
}

/// The contract made from each quote that was not voided: a void draft leaves the quote free
/// for another.
pub(super) async fn contracts_of(db: &impl ConnectionTrait, quote_ids: Vec<Uuid>) -> DomainResult<HashMap<Uuid, Uuid>> {
    use super::entities::contract::{Column as K, Entity as Contract};
    let live = policy::live::<Contract>().filter(K::Status.ne(crm_domain::contracts::ContractStatus::Void.as_str()));
    made_from(db, live, K::QuoteId, K::Id, quote_ids).await
}

/// Among `select`, the document made from each of the quotes.
async fn made_from<E: sea_orm::EntityTrait>(db: &impl ConnectionTrait, select: Select<E>, quote: E::Column, id: E::Column, quote_ids: Vec<Uuid>) -> DomainResult<HashMap<Uuid, Uuid>> {
    if quote_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Option<Uuid>, Uuid)> = select.select_only().column(quote).column(id).filter(quote.is_in(quote_ids)).into_tuple().all(db).await.map_err(db_err)?;
    Ok(rows.into_iter().filter_map(|(q, o)| q.map(|q| (q, o))).collect())
}

fn lock_err() -> DomainError {
    DomainError::internal("lines lock")
}

pub async fn create(db: &Db, ctx: &Ctx, input: QuoteInput) -> DomainResult<QuoteView> {
    kit::create_linked::<Quotes, _, _, _>(db, ctx, async |tx| build(tx, ctx, input).await, async |tx, row: &quote::Model, rows| lines::write_new(tx, row.id, rows).await).await
}

/// Creates up to 1000 quotes, each as `create` would (its own number, taken in the item's
/// savepoint), the refused ones left out or, with `atomic`, none written.
pub async fn batch(db: &Db, ctx: &Ctx, items: Vec<QuoteInput>, atomic: bool) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch_linked::<Quotes, _, _, _, _>(db, ctx, items, atomic, async |tx, input| build(tx, ctx, input).await, async |tx, row: &quote::Model, rows| lines::write_new(tx, row.id, rows).await).await
}

/// A new draft quote and its line rows, checked as `create` checks them.
async fn build(tx: &Tx, ctx: &Ctx, input: QuoteInput) -> DomainResult<(quote::Model, Vec<line::Model>)> {
    let (input, doc) = input.validate(ctx.now.date_naive())?;
    let parties = lines::Parties { customer_id: input.customer_id, opportunity_id: input.opportunity_id, contact_id: input.contact_id, owner_id: input.owner_id };
    let new = lines::prepare_new(tx, ctx, &parties, &doc.lines, &crate::numbering::QUOTE).await?;
    let row = quote::Model {
        id: new.id,
        number: new.number,
        customer_id: input.customer_id,
        opportunity_id: input.opportunity_id,
        contact_id: input.contact_id,
        owner_id: new.owner_id,
        status: QuoteStatus::Draft.as_str().into(),
        valid_until: input.valid_until.unwrap_or(ctx.now.date_naive()),
        currency: doc.currency,
        subtotal_minor: doc.totals.subtotal,
        discount_minor: doc.totals.discount_total,
        tax_minor: doc.totals.tax_total,
        total_minor: doc.totals.total,
        terms: doc.terms,
        remark: doc.remark,
        ..Default::default()
    };
    Ok((row, new.lines))
}

fn input_of(q: &quote::Model, rows: &[line::Model]) -> QuoteInput {
    QuoteInput {
        customer_id: q.customer_id,
        opportunity_id: q.opportunity_id,
        contact_id: q.contact_id,
        valid_until: Some(q.valid_until),
        currency: Some(q.currency.clone()),
        lines: lines::inputs(rows),
        terms: q.terms.clone(),
        remark: q.remark.clone(),
        owner_id: Some(q.owner_id),
    }
}

fn must_be_draft(q: &quote::Model) -> DomainResult<()> {
    if q.status == QuoteStatus::Pending.as_str() {
        return Err(crate::approvals::pending());
    }
    if q.status != QuoteStatus::Draft.as_str() {
        return Err(DomainError::conflict("quote.not_draft", format!("only a draft quote changes; this one is {}", q.status)));
    }
    Ok(())
}

pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: QuotePatch, if_match: Option<i32>) -> DomainResult<QuoteView> {
    let new_lines = lines::Pending::default();
    let change = async |tx: &Tx, current: quote::Model| {
        must_be_draft(&current)?;
        let replaces = patch.lines.is_some();
        let stored = lines::of(tx, vec![id]).await?.remove(&id).unwrap_or_default();
        let (input, doc) = patch.apply(input_of(&current, &stored)).validate(ctx.now.date_naive())?;
        lines::check_parties(tx, ctx, current.customer_id, input.opportunity_id, input.contact_id).await?;
        if replaces {
            new_lines.set(lines::rows(tx, id, &doc.lines).await?)?;
        }
        Ok(quote::Model {
            opportunity_id: input.opportunity_id,
            contact_id: input.contact_id,
            valid_until: input.valid_until.unwrap_or(current.valid_until),
            currency: doc.currency,
            subtotal_minor: doc.totals.subtotal,
            discount_minor: doc.totals.discount_total,
            tax_minor: doc.totals.tax_total,
            total_minor: doc.totals.total,
            terms: doc.terms,
            remark: doc.remark,
            ..current
        })
    };
    let link = async |tx: &Tx, row: &quote::Model| new_lines.write(tx, row.id).await;
    kit::update_linked::<Quotes, _, _>(db, ctx, id, if_match, change, link).await
}

/// A quote an order was made from stays: the order names it.
pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    kit::delete::<Quotes, _>(db, ctx, id, if_match, async |tx: &Tx, q: &quote::Model| {
        if q.status == QuoteStatus::Pending.as_str() {
            return Err(crate::approvals::pending());
        }
        if orders_of(tx, vec![q.id]).await?.contains_key(&q.id) {
            return Err(DomainError::conflict("quote.ordered", "an order was made from this quote; delete the order first"));
        }
        Ok(())
    })
    .await
}

/// Moves a quote along its life (`QuoteStatus::may_become`); 409 `quote.bad_transition`
/// otherwise. Sending needs a line and a `valid_until` not yet passed, and freezes the
/// quote with the company's header as its PDF will show it; accepting one past its
/// `valid_until` is a 409 `quote.expired`.
pub async fn transition(db: &Db, ctx: &Ctx, id: Uuid, t: QuoteTransition, if_match: Option<i32>) -> DomainResult<QuoteView> {
    let mut v = Validator::new();
    let note = v.optional("note", t.note.as_deref(), 500);
    v.finish()?;
    let today = ctx.now.date_naive();
    let from = Mutex::new(QuoteStatus::Draft);
    let change = async |tx: &Tx, current: quote::Model| {
        let status = QuoteStatus::parse(&current.status).unwrap_or(QuoteStatus::Draft);
        *from.lock().map_err(|_| lock_err())? = status;
        if status == QuoteStatus::Pending {
            return Err(crate::approvals::pending());
        }
        if !status.may_become(t.to) {
            return Err(bad_transition("quote", status.as_str(), t.to.as_str()));
        }
        let mut next = quote::Model { status: t.to.as_str().into(), ..current.clone() };
        match t.to {
            QuoteStatus::Sent => {
                if crate::approvals::flow_applies(tx, ctx, super::approval::DOC_TYPE).await? {
                    return Err(DomainError::conflict("approval.required", "quotes go through approval before they are sent: POST /quotes/{id}/submit"));
                }
                check_sendable(tx, &current, today).await?;
                next = sent(tx, ctx, current).await?;
            }
            QuoteStatus::Pending => return Err(bad_transition("quote", status.as_str(), t.to.as_str())),
            QuoteStatus::Accepted if current.valid_until < today => {
                return Err(DomainError::conflict("quote.expired", "the quote is past its valid_until; send a revised one"));
            }
            QuoteStatus::Accepted | QuoteStatus::Rejected | QuoteStatus::Expired => next.decided_at = Some(ctx.now),
            QuoteStatus::Draft => {
                next.sent_at = None;
                next.sent_snapshot = None;
                next.decided_at = None;
            }
        }
        Ok(next)
    };
    let link = async |tx: &Tx, row: &quote::Model| {
        let from = *from.lock().map_err(|_| lock_err())?;
        crate::audit::record(tx, ctx, "quotes", row.id, "transition", &serde_json::json!({"status": from}), &serde_json::json!({"status": row.status, "note": note})).await
    };
    kit::update_linked::<Quotes, _, _>(db, ctx, id, if_match, change, link).await
}

/// A quote is sent with a line and before its `valid_until` has passed.
pub(crate) async fn check_sendable(tx: &Tx, q: &quote::Model, today: NaiveDate) -> DomainResult<()> {
    if lines::of(tx, vec![q.id]).await?.get(&q.id).is_none_or(Vec::is_empty) {
        return Err(DomainError::conflict("quote.no_lines", "a quote is sent with at least one line"));
    }
    if q.valid_until < today {
        return Err(DomainError::conflict("quote.expired", "its valid_until has passed; change it before sending"));
    }
    Ok(())
}

/// The quote sent: frozen with the company's header as its PDF will show it.
pub(crate) async fn sent(tx: &Tx, ctx: &Ctx, current: quote::Model) -> DomainResult<quote::Model> {
    let mut view = kit::view::<Quotes>(tx, ctx, current.clone()).await?;
    view.status = QuoteStatus::Sent;
    view.sent_at = Some(ctx.now);
    let company = company::get(tx).await?;
    let snapshot = serde_json::to_string(&SentQuote { quote: view, company }).map_err(|e| DomainError::internal(e.to_string()))?;
    Ok(quote::Model { status: QuoteStatus::Sent.as_str().into(), sent_at: Some(ctx.now), sent_snapshot: Some(snapshot), ..current })
}

/// What a quote's PDF prints: as sent, for a quote that was; else as it stands, marked a
/// draft.
pub struct Printable {
    pub quote: QuoteView,
    pub company: CompanyProfile,
    pub draft: bool,
}

pub async fn printable(db: &Db, ctx: &Ctx, id: Uuid) -> DomainResult<Printable> {
    let row = kit::load::<Quotes>(db, ctx, id, false).await?;
    if let Some(snapshot) = row.sent_snapshot.as_deref().filter(|_| row.status != QuoteStatus::Draft.as_str()) {
        let sent: SentQuote = serde_json::from_str(snapshot).map_err(|e| DomainError::internal(format!("a sent quote's snapshot is unreadable: {e}")))?;
        let mut quote = sent.quote;
        // Its life goes on after sending: the status and the order are today's.
        let now = kit::view::<Quotes>(db, ctx, row).await?;
        quote.status = now.status;
        quote.decided_at = now.decided_at;
        quote.order_id = now.order_id;
        quote.contract_id = now.contract_id;
        return Ok(Printable { quote, company: sent.company, draft: false });
    }
    Ok(Printable { quote: kit::view::<Quotes>(db, ctx, row).await?, company: company::get(db).await?, draft: true })
}

/// The hourly sweep: sent quotes past their `valid_until` (UTC dates) become expired.
pub async fn expire(db: &Db, now: DateTime<Utc>) -> DomainResult<u64> {
    let ctx = Ctx::system("quotes-expiry-job");
    let tx = crate::tx::begin(db).await?;
    let due: Vec<Uuid> = policy::live::<Quote>()
        .select_only()
        .column(C::Id)
        .filter(C::Status.eq(QuoteStatus::Sent.as_str()))
        .filter(C::ValidUntil.lt(now.date_naive()))
        .limit(10_000)
        .into_tuple()
        .all(&tx)
        .await
        .map_err(db_err)?;
    if due.is_empty() {
        return Ok(0);
    }
    let res = Quote::update_many()
        .col_expr(C::Status, Expr::value(QuoteStatus::Expired.as_str()))
        .col_expr(C::DecidedAt, Expr::value(now))
        .col_expr(C::Version, Expr::col(C::Version).add(1))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(C::Id.is_in(due.iter().copied()))
        .filter(C::Status.eq(QuoteStatus::Sent.as_str()))
        .exec(&tx)
        .await
        .map_err(db_err)?;
    for id in &due {
        crate::audit::record(&tx, &ctx, "quotes", *id, "transition", &serde_json::json!({"status": "sent"}), &serde_json::json!({"status": "expired"})).await?;
    }
    tx.commit().await.map_err(db_err)?;
    Ok(res.rows_affected)
}
