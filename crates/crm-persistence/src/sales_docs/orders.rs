//! Sales orders [订单] (SAL-7) on the resource kit: owned documents like quotes, made by
//! hand or from an accepted quote, editable as drafts, moved along draft → confirmed →
//! delivered → closed (or cancelled) by `transition`.

use std::sync::Mutex;

use chrono::{DateTime, NaiveDate, Utc};
use crm_domain::money::{capitals, from_minor};
use crm_domain::sales_docs::{bad_transition, OrderInput, OrderPatch, OrderStatus, OrderTransition, QuoteStatus};
use crm_domain::validate::Validator;
use crm_domain::{DomainError, DomainResult};
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, ConnectionTrait, Order, QueryFilter, Select};
use serde::Serialize;
use uuid::Uuid;

use super::entities::line;
use super::entities::order::{self, Column as C, Entity as SalesOrder};
use super::entities::quote;
use super::lines::{self, LineView, Names};
use super::quotes::Quotes;
use crate::kit::restore::Restorable;
use crate::kit::{self, policy, Policy, Resource};
use crate::listing::{FieldKind, Filter, ListSpec};
use crate::opportunities::records::names;
use crate::tx::Tx;
use crate::{Ctx, Db};

crate::soft_delete!(SalesOrder, "orders", Number);

crate::shared_with_customer!(SalesOrder, C);

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Order, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ed0", "number": "SO-2026-000042", "customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f",
    "customer_name": "杭州明远科技有限公司", "quote_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ec0", "quote_number": "QT-2026-000123", "opportunity_id": null, "opportunity_name": null,
    "contact_id": null, "contact_name": null, "owner_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e01", "owner_name": "王伟", "status": "confirmed",
    "order_date": "2026-12-06", "delivery_date": "2026-12-20", "shipping_address": "杭州市西湖区文三路 90 号", "currency": "CNY",
    "subtotal": "3703.68", "discount_total": "370.37", "tax_total": "433.33", "total": "3766.64", "total_in_words": "叁仟柒佰陆拾陆元陆角肆分",
    "terms": null, "remark": null, "confirmed_at": "2026-12-06T10:00:00Z", "delivered_at": null, "closed_at": null, "cancelled_at": null,
    "lines": [{"product_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e70", "name": "人体工学椅", "unit": "把", "quantity": "3", "unit_price": "1234.56",
        "discount_percent": "10", "tax_rate_percent": "13", "subtotal": "3333.31", "tax": "433.33", "total": "3766.64"}],
    "version": 2, "created_at": "2026-12-06T09:00:00Z", "updated_at": "2026-12-06T10:00:00Z"}))]
pub struct OrderView {
    pub id: Uuid,
    pub number: String,
    pub customer_id: Uuid,
    pub customer_name: Option<String>,
    /// The quote it was made from.
    pub quote_id: Option<Uuid>,
    pub quote_number: Option<String>,
    pub opportunity_id: Option<Uuid>,
    pub opportunity_name: Option<String>,
    pub contact_id: Option<Uuid>,
    pub contact_name: Option<String>,
    pub owner_id: Uuid,
    pub owner_name: Option<String>,
    pub status: OrderStatus,
    pub order_date: NaiveDate,
    pub delivery_date: Option<NaiveDate>,
    pub shipping_address: Option<String>,
    pub currency: String,
    /// Σ quantity × unit_price: before discounts and tax.
    #[schema(value_type = String, example = "3703.68")]
    pub subtotal: Decimal,
    #[schema(value_type = String, example = "370.37")]
    pub discount_total: Decimal,
    #[schema(value_type = String, example = "433.33")]
    pub tax_total: Decimal,
    /// subtotal − discount_total + tax_total.
    #[schema(value_type = String, example = "3766.64")]
    pub total: Decimal,
    /// The total in Chinese capitals [大写].
    pub total_in_words: String,
    pub terms: Option<String>,
    pub remark: Option<String>,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub lines: Vec<LineView>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub const RESTORABLE: Restorable = Restorable::plain::<SalesOrder>();

pub struct Orders;

impl Resource for Orders {
    type Entity = SalesOrder;
    type View = OrderView;
    const WHAT: &'static str = "order";
    const POLICY: Policy = Policy::Owned;

    fn spec() -> ListSpec<SalesOrder> {
        ListSpec {
            filters: vec![
                Filter { name: "owner_id", column: C::OwnerId, kind: FieldKind::Uuid, range: false },
                Filter { name: "customer_id", column: C::CustomerId, kind: FieldKind::Uuid, range: false },
                Filter { name: "opportunity_id", column: C::OpportunityId, kind: FieldKind::Uuid, range: false },
                Filter { name: "quote_id", column: C::QuoteId, kind: FieldKind::Uuid, range: false },
                Filter { name: "status", column: C::Status, kind: FieldKind::Text, range: false },
                Filter { name: "currency", column: C::Currency, kind: FieldKind::Text, range: false },
                Filter { name: "order_date", column: C::OrderDate, kind: FieldKind::Date, range: true },
                Filter { name: "delivery_date", column: C::DeliveryDate, kind: FieldKind::Date, range: true },
                Filter { name: "created_at", column: C::CreatedAt, kind: FieldKind::Timestamp, range: true },
                Filter { name: "updated_at", column: C::UpdatedAt, kind: FieldKind::Timestamp, range: true },
            ],
            sorts: vec![("updated_at", C::UpdatedAt), ("created_at", C::CreatedAt), ("total", C::TotalMinor), ("order_date", C::OrderDate), ("number", C::Number)],
            search: vec![C::Number],
            search_index: None,
            default_sort: vec![(C::UpdatedAt, Order::Desc)],
            tie_breaker: C::Id,
        }
    }

    async fn views(db: &impl ConnectionTrait, _: &Ctx, rows: Vec<order::Model>) -> DomainResult<Vec<OrderView>> {
        let names_of = Names::of(
            db,
            rows.iter().map(|o| o.owner_id).collect(),
            rows.iter().map(|o| o.customer_id).collect(),
            rows.iter().filter_map(|o| o.contact_id).collect(),
            rows.iter().filter_map(|o| o.opportunity_id).collect(),
        )
        .await?;
        let quotes = names::<quote::Entity>(db, quote::Column::Id, quote::Column::Number, rows.iter().filter_map(|o| o.quote_id).collect()).await?;
        let mut lines = lines::of(db, rows.iter().map(|o| o.id).collect()).await?;
        Ok(rows
            .into_iter()
            .map(|o| OrderView {
                owner_name: names_of.owners.get(&o.owner_id).cloned(),
                customer_name: names_of.customers.get(&o.customer_id).cloned(),
                contact_name: o.contact_id.and_then(|c| names_of.contacts.get(&c).cloned()),
                opportunity_name: o.opportunity_id.and_then(|x| names_of.opportunities.get(&x).cloned()),
                quote_number: o.quote_id.and_then(|q| quotes.get(&q).cloned()),
                lines: lines.remove(&o.id).unwrap_or_default().iter().map(lines::view).collect(),
                status: OrderStatus::parse(&o.status).unwrap_or(OrderStatus::Draft),
                subtotal: from_minor(o.subtotal_minor),
                discount_total: from_minor(o.discount_minor),
                tax_total: from_minor(o.tax_minor),
                total: from_minor(o.total_minor),
                total_in_words: capitals(from_minor(o.total_minor)),
                id: o.id,
                number: o.number,
                customer_id: o.customer_id,
                quote_id: o.quote_id,
                opportunity_id: o.opportunity_id,
                contact_id: o.contact_id,
                owner_id: o.owner_id,
                order_date: o.order_date,
                delivery_date: o.delivery_date,
                shipping_address: o.shipping_address,
                currency: o.currency,
                terms: o.terms,
                remark: o.remark,
                confirmed_at: o.confirmed_at,
                delivered_at: o.delivered_at,
                closed_at: o.closed_at,
                cancelled_at: o.cancelled_at,
                version: o.version,
                created_at: o.created_at,
                updated_at: o.updated_at,
            })
            .collect())
    }

    async fn visible(db: &impl ConnectionTrait, ctx: &Ctx, for_edit: bool) -> DomainResult<Select<SalesOrder>> {
        policy::owned::<SalesOrder>(db, ctx, for_edit).await
    }
}

fn lock_err() -> DomainError {
    DomainError::internal("lines lock")
}

/// Creates an order inside the caller's transaction (`quote_id` is set only by `from_quote`).
async fn create_in(tx: &Tx, ctx: &Ctx, input: OrderInput, quote_id: Option<Uuid>) -> DomainResult<OrderView> {
    kit::create_in::<Orders, _, _, _>(tx, ctx, async |tx| build(tx, ctx, input, quote_id).await, async |tx, row: &order::Model, rows| lines::write_new(tx, row.id, rows).await).await
}

/// Creates up to 1000 orders, each as `create` would (its own number, taken in the item's
/// savepoint), the refused ones left out or, with `atomic`, none written.
pub async fn batch(db: &Db, ctx: &Ctx, items: Vec<OrderInput>, atomic: bool) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch_linked::<Orders, _, _, _, _>(db, ctx, items, atomic, async |tx, input| build(tx, ctx, input, None).await, async |tx, row: &order::Model, rows| lines::write_new(tx, row.id, rows).await).await
}

/// A new draft order and its line rows, checked as `create` checks them.
async fn build(tx: &Tx, ctx: &Ctx, input: OrderInput, quote_id: Option<Uuid>) -> DomainResult<(order::Model, Vec<line::Model>)> {
    let (input, doc) = input.validate(ctx.now.date_naive())?;
    let parties = lines::Parties { customer_id: input.customer_id, opportunity_id: input.opportunity_id, contact_id: input.contact_id, owner_id: input.owner_id };
    let new = lines::prepare_new(tx, ctx, &parties, &doc.lines, &crate::numbering::ORDER).await?;
    let row = order::Model {
        id: new.id,
        number: new.number,
        customer_id: input.customer_id,
        opportunity_id: input.opportunity_id,
        contact_id: input.contact_id,
        owner_id: new.owner_id,
        status: OrderStatus::Draft.as_str().into(),
        currency: doc.currency,
        subtotal_minor: doc.totals.subtotal,
        discount_minor: doc.totals.discount_total,
        tax_minor: doc.totals.tax_total,
        total_minor: doc.totals.total,
        terms: doc.terms,
        remark: doc.remark,
        quote_id,
        order_date: input.order_date.unwrap_or(ctx.now.date_naive()),
        delivery_date: input.delivery_date,
        shipping_address: input.shipping_address,
        ..Default::default()
    };
    Ok((row, new.lines))
}

pub async fn create(db: &Db, ctx: &Ctx, input: OrderInput) -> DomainResult<OrderView> {
    let tx = crate::tx::begin(db).await?;
    let v = create_in(&tx, ctx, input, None).await?;
    tx.commit().await.map_err(crate::db::db_err)?;
    Ok(v)
}

/// Fields of the order `POST /quotes/{id}/order` makes; the rest comes from the quote.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"delivery_date": "2026-12-20", "shipping_address": "杭州市西湖区文三路 90 号"}))]
pub struct FromQuote {
    /// Today (UTC) when absent.
    pub order_date: Option<NaiveDate>,
    pub delivery_date: Option<NaiveDate>,
    /// At most 500 characters.
    pub shipping_address: Option<String>,
    /// At most 2000 characters.
    pub remark: Option<String>,
}

/// A draft order from an accepted quote the caller may change: its customer, opportunity,
/// contact, currency, lines and terms, in one transaction with the quote locked, so two
/// requests at once make one order (the other is a 409 `quote.ordered`).
pub async fn from_quote(db: &Db, ctx: &Ctx, quote_id: Uuid, extra: FromQuote) -> DomainResult<OrderView> {
    let tx = crate::tx::begin(db).await?;
    let q = kit::load_locked::<Quotes>(&tx, ctx, quote_id).await?;
    if q.status != QuoteStatus::Accepted.as_str() {
        return Err(DomainError::conflict("quote.not_accepted", format!("an order is made from an accepted quote; this one is {}", q.status)));
    }
    let existing = policy::live::<SalesOrder>().filter(C::QuoteId.eq(quote_id)).one(&tx).await.map_err(crate::db::db_err)?;
    if let Some(o) = existing {
        return Err(DomainError::conflict("quote.ordered", format!("order {} was already made from this quote", o.number)).with_extra(serde_json::json!({"order_id": o.id})));
    }
    let stored = lines::of(&tx, vec![quote_id]).await?.remove(&quote_id).unwrap_or_default();
    // The quote's owner keeps the deal, unless the caller (an `edit` collaborator, say)
    // may not give records to them: then the caller owns the order.
    let owner_id = match crate::scope::assignable_owner(&tx, ctx, q.owner_id, "owner_id").await {
        Ok(()) => Some(q.owner_id),
        Err(_) => None,
    };
    let input = OrderInput {
        customer_id: q.customer_id,
        opportunity_id: q.opportunity_id,
        contact_id: q.contact_id,
        order_date: extra.order_date,
        delivery_date: extra.delivery_date,
        shipping_address: extra.shipping_address,
        currency: Some(q.currency.clone()),
        lines: lines::inputs(&stored),
        terms: q.terms.clone(),
        remark: extra.remark,
        owner_id,
    };
    let v = create_in(&tx, ctx, input, Some(quote_id)).await?;
    tx.commit().await.map_err(crate::db::db_err)?;
    Ok(v)
}

fn input_of(o: &order::Model, rows: &[line::Model]) -> OrderInput {
    OrderInput {
        customer_id: o.customer_id,
        opportunity_id: o.opportunity_id,
        contact_id: o.contact_id,
        order_date: Some(o.order_date),
        delivery_date: o.delivery_date,
        shipping_address: o.shipping_address.clone(),
        currency: Some(o.currency.clone()),
        lines: lines::inputs(rows),
        terms: o.terms.clone(),
        remark: o.remark.clone(),
        owner_id: Some(o.owner_id),
    }
}

pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: OrderPatch, if_match: Option<i32>) -> DomainResult<OrderView> {
    let new_lines = lines::Pending::default();
    let change = async |tx: &Tx, current: order::Model| {
        if current.status != OrderStatus::Draft.as_str() {
            return Err(DomainError::conflict("order.not_draft", format!("only a draft order changes; this one is {}", current.status)));
        }
        let replaces = patch.lines.is_some();
        let stored = lines::of(tx, vec![id]).await?.remove(&id).unwrap_or_default();
        let (input, doc) = patch.apply(input_of(&current, &stored)).validate(ctx.now.date_naive())?;
        lines::check_parties(tx, ctx, current.customer_id, input.opportunity_id, input.contact_id).await?;
        if replaces {
            new_lines.set(lines::rows(tx, id, &doc.lines).await?)?;
        }
        Ok(order::Model {
            opportunity_id: input.opportunity_id,
            contact_id: input.contact_id,
            order_date: input.order_date.unwrap_or(current.order_date),
            delivery_date: input.delivery_date,
            shipping_address: input.shipping_address,
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
    let link = async |tx: &Tx, row: &order::Model| new_lines.write(tx, row.id).await;
    kit::update_linked::<Orders, _, _>(db, ctx, id, if_match, change, link).await
}

/// Only a draft or cancelled order goes to the recycle bin; one under way is cancelled
/// first (409 `order.not_deletable`).
pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    kit::delete::<Orders, _>(db, ctx, id, if_match, async |_: &Tx, o: &order::Model| {
        if o.status != OrderStatus::Draft.as_str() && o.status != OrderStatus::Cancelled.as_str() {
            return Err(DomainError::conflict("order.not_deletable", format!("a {} order is not deleted; cancel it (from draft or confirmed) or keep it", o.status)));
        }
        Ok(())
    })
    .await
}

/// Moves an order along its life (`OrderStatus::may_become`; 409 `order.bad_transition`
/// otherwise), stamping when. Confirming needs a line (409 `order.no_lines`).
pub async fn transition(db: &Db, ctx: &Ctx, id: Uuid, t: OrderTransition, if_match: Option<i32>) -> DomainResult<OrderView> {
    let mut v = Validator::new();
    let note = v.optional("note", t.note.as_deref(), 500);
    v.finish()?;
    let from = Mutex::new(OrderStatus::Draft);
    let change = async |tx: &Tx, current: order::Model| {
        let status = OrderStatus::parse(&current.status).unwrap_or(OrderStatus::Draft);
        *from.lock().map_err(|_| lock_err())? = status;
        if !status.may_become(t.to) {
            return Err(bad_transition("order", status.as_str(), t.to.as_str()));
        }
        let mut next = order::Model { status: t.to.as_str().into(), ..current };
        match t.to {
            OrderStatus::Confirmed => {
                if lines::of(tx, vec![id]).await?.get(&id).is_none_or(Vec::is_empty) {
                    return Err(DomainError::conflict("order.no_lines", "an order is confirmed with at least one line"));
                }
                next.confirmed_at = Some(ctx.now);
            }
            OrderStatus::Delivered => next.delivered_at = Some(ctx.now),
            OrderStatus::Closed => next.closed_at = Some(ctx.now),
            OrderStatus::Cancelled => next.cancelled_at = Some(ctx.now),
            OrderStatus::Draft => {}
        }
        Ok(next)
    };
    let link = async |tx: &Tx, row: &order::Model| {
        let from = *from.lock().map_err(|_| lock_err())?;
        crate::audit::record(tx, ctx, "orders", row.id, "transition", &serde_json::json!({"status": from}), &serde_json::json!({"status": row.status, "note": note})).await
    };
    kit::update_linked::<Orders, _, _>(db, ctx, id, if_match, change, link).await
}
