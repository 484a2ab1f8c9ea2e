//! Opportunities [商机] (SAL-2, SAL-4, SAL-5) on the resource kit: owned records, seen by
//! their owner's data scope and by the collaborators of their customer, with product
//! lines priced by the server.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, NaiveDate, Utc};
use crm_domain::money::from_minor;
use crm_domain::opportunities::{CheckedOpportunity, LineInput, OpportunityInput, OpportunityPatch, StageKind};
use crm_domain::{DomainError, DomainResult};
use rust_decimal::{Decimal, RoundingStrategy};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, Select};
use serde::Serialize;
use uuid::Uuid;

use super::entities::line;
use super::entities::opportunity::{self, Column as C, Entity as Opportunity};
use super::entities::stage;
use super::stages;
use crate::customers::entities::{contact, customer};
use crate::db::db_err;
use crate::kit::restore::Restorable;
use crate::kit::{self, policy, Policy, Resource};
use crate::listing::{FieldKind, Filter, ListParams, ListSpec};
use crate::products::entities::product;
use crate::scope::Scoped;
use crate::tx::Tx;
use crate::{dictionaries, Ctx, Db};

crate::soft_delete!(Opportunity, "opportunities", Name);

pub const RESTORABLE: &[Restorable] = &[Restorable::plain::<Opportunity>()];

crate::shared_with_customer!(Opportunity, C);

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = OpportunityLine)]
pub struct LineView {
    pub product_id: Uuid,
    /// The product's name when the line was written.
    pub product_name: String,
    #[schema(value_type = String, example = "3")]
    pub quantity: Decimal,
    #[schema(value_type = String, example = "1234.56")]
    pub unit_price: Decimal,
    #[schema(value_type = String, example = "10")]
    pub discount_percent: Decimal,
    /// quantity × unit_price × (1 − discount), half up to the cent.
    #[schema(value_type = String, example = "3333.31")]
    pub subtotal: Decimal,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Opportunity, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ea0", "customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "customer_name": "杭州明远科技有限公司",
    "contact_id": null, "contact_name": null, "name": "华东区办公家具采购", "description": null, "amount": "3333.31", "currency": "CNY", "expected_close_date": "2026-12-31",
    "stage_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e90", "status": "open", "probability": 50, "weighted_amount": "1666.66",
    "owner_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e01", "owner_name": "王伟", "competitors": null, "source": "referral", "lost_reason": null, "lost_note": null,
    "closed_at": null, "position": 1024, "stage_entered_at": "2026-12-01T09:00:00Z",
    "lines": [{"product_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e70", "product_name": "人体工学椅", "quantity": "3", "unit_price": "1234.56", "discount_percent": "10", "subtotal": "3333.31"}],
    "version": 1, "created_at": "2026-12-01T09:00:00Z", "updated_at": "2026-12-01T09:00:00Z"}))]
pub struct OpportunityView {
    pub id: Uuid,
    pub customer_id: Uuid,
    pub customer_name: Option<String>,
    pub contact_id: Option<Uuid>,
    pub contact_name: Option<String>,
    pub name: String,
    pub description: Option<String>,
    /// The lines' total when there are lines.
    #[schema(value_type = String, example = "3333.31")]
    pub amount: Decimal,
    pub currency: String,
    pub expected_close_date: Option<NaiveDate>,
    pub stage_id: Uuid,
    /// The kind of its stage: open, won or lost.
    pub status: StageKind,
    pub probability: i32,
    /// amount × probability, half up to the cent.
    #[schema(value_type = String, example = "1666.66")]
    pub weighted_amount: Decimal,
    pub owner_id: Uuid,
    pub owner_name: Option<String>,
    pub competitors: Option<String>,
    pub source: Option<String>,
    pub lost_reason: Option<String>,
    pub lost_note: Option<String>,
    /// When it entered a won or lost stage; null while open.
    pub closed_at: Option<DateTime<Utc>>,
    /// Its place in the board's column, lower first.
    pub position: i64,
    pub stage_entered_at: DateTime<Utc>,
    pub lines: Vec<LineView>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub(crate) fn weighted(amount_minor: i64, probability: i32) -> Decimal {
    (from_minor(amount_minor) * Decimal::from(probability) / Decimal::ONE_HUNDRED).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

fn line_view(l: &line::Model) -> LineView {
    let priced = crm_domain::opportunities::PricedLine { product_id: l.product_id, quantity: l.quantity, unit_price: l.unit_price_minor, discount: l.discount_bp, subtotal: l.subtotal_minor };
    LineView {
        product_id: l.product_id,
        product_name: l.product_name.clone(),
        quantity: priced.quantity_decimal(),
        unit_price: from_minor(l.unit_price_minor),
        discount_percent: priced.discount_decimal(),
        subtotal: from_minor(l.subtotal_minor),
    }
}

/// Names by id for a batch of rows (`id`, `name` columns of `E`).
pub(crate) async fn names<E: EntityTrait>(db: &impl ConnectionTrait, id: E::Column, name: E::Column, ids: Vec<Uuid>) -> DomainResult<HashMap<Uuid, String>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(E::find().select_only().column(id).column(name).filter(id.is_in(ids)).into_tuple::<(Uuid, String)>().all(db).await.map_err(db_err)?.into_iter().collect())
}

pub(crate) async fn lines_of(db: &impl ConnectionTrait, ids: Vec<Uuid>) -> DomainResult<HashMap<Uuid, Vec<line::Model>>> {
    let mut out: HashMap<Uuid, Vec<line::Model>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let rows = line::Entity::find().filter(line::Column::OpportunityId.is_in(ids)).order_by_asc(line::Column::OpportunityId).order_by_asc(line::Column::LineNo).all(db).await.map_err(db_err)?;
    for l in rows {
        out.entry(l.opportunity_id).or_default().push(l);
    }
    Ok(out)
}

pub struct Opportunities;

impl Resource for Opportunities {
    type Entity = Opportunity;
    type View = OpportunityView;
    const WHAT: &'static str = "opportunity";
    const POLICY: Policy = Policy::Owned;

    fn spec() -> ListSpec<Opportunity> {
        ListSpec {
            filters: vec![
                Filter { name: "owner_id", column: C::OwnerId, kind: FieldKind::Uuid, range: false },
                Filter { name: "customer_id", column: C::CustomerId, kind: FieldKind::Uuid, range: false },
                Filter { name: "stage_id", column: C::StageId, kind: FieldKind::Uuid, range: false },
                Filter { name: "status", column: C::Status, kind: FieldKind::Text, range: false },
                Filter { name: "currency", column: C::Currency, kind: FieldKind::Text, range: false },
                Filter { name: "source", column: C::Source, kind: FieldKind::Text, range: false },
                Filter { name: "expected_close_date", column: C::ExpectedCloseDate, kind: FieldKind::Date, range: true },
                Filter { name: "created_at", column: C::CreatedAt, kind: FieldKind::Timestamp, range: true },
                Filter { name: "updated_at", column: C::UpdatedAt, kind: FieldKind::Timestamp, range: true },
            ],
            sorts: vec![
                ("updated_at", C::UpdatedAt),
                ("created_at", C::CreatedAt),
                ("name", C::Name),
                ("amount", C::AmountMinor),
                ("expected_close_date", C::ExpectedCloseDate),
                // The board's card order within a column.
                ("position", C::Position),
            ],
            search: vec![C::Name],
            search_index: None,
            default_sort: vec![(C::UpdatedAt, Order::Desc)],
            tie_breaker: C::Id,
        }
    }

    async fn views(db: &impl ConnectionTrait, _: &Ctx, rows: Vec<opportunity::Model>) -> DomainResult<Vec<OpportunityView>> {
        let owners = crate::system::user_names::display_names(db, rows.iter().map(|o| o.owner_id)).await?;
        let customers = names::<customer::Entity>(db, customer::Column::Id, customer::Column::Name, rows.iter().map(|o| o.customer_id).collect()).await?;
        let contacts = names::<contact::Entity>(db, contact::Column::Id, contact::Column::Name, rows.iter().filter_map(|o| o.contact_id).collect()).await?;
        let mut lines = lines_of(db, rows.iter().map(|o| o.id).collect()).await?;
        Ok(rows
            .into_iter()
            .map(|o| OpportunityView {
                owner_name: owners.get(&o.owner_id).cloned(),
                customer_name: customers.get(&o.customer_id).cloned(),
                contact_name: o.contact_id.and_then(|c| contacts.get(&c).cloned()),
                lines: lines.remove(&o.id).unwrap_or_default().iter().map(line_view).collect(),
                amount: from_minor(o.amount_minor),
                weighted_amount: weighted(o.amount_minor, o.probability),
                status: StageKind::parse(&o.status).unwrap_or(StageKind::Open),
                id: o.id,
                customer_id: o.customer_id,
                contact_id: o.contact_id,
                name: o.name,
                description: o.description,
                currency: o.currency,
                expected_close_date: o.expected_close_date,
                stage_id: o.stage_id,
                probability: o.probability,
                owner_id: o.owner_id,
                competitors: o.competitors,
                source: o.source,
                lost_reason: o.lost_reason,
                lost_note: o.lost_note,
                closed_at: o.closed_at,
                position: o.position,
                stage_entered_at: o.stage_entered_at,
                version: o.version,
                created_at: o.created_at,
                updated_at: o.updated_at,
            })
            .collect())
    }

    async fn visible(db: &impl ConnectionTrait, ctx: &Ctx, for_edit: bool) -> DomainResult<Select<Opportunity>> {
        policy::owned::<Opportunity>(db, ctx, for_edit).await
    }

    /// `expired=true`: open ones whose expected close date has passed (SAL-5), by the
    /// server's UTC date.
    async fn narrow(_: &impl ConnectionTrait, ctx: &Ctx, mut select: Select<Opportunity>, params: &mut ListParams) -> DomainResult<Select<Opportunity>> {
        if let Some(raw) = params.take_filter("expired") {
            let today = ctx.now.date_naive();
            select = match raw.as_str() {
                "true" => select.filter(C::Status.eq(StageKind::Open.as_str())).filter(C::ExpectedCloseDate.lt(today)),
                "false" => select.filter(sea_orm::Condition::any().add(C::Status.ne(StageKind::Open.as_str())).add(C::ExpectedCloseDate.is_null()).add(C::ExpectedCloseDate.gte(today))),
                _ => return Err(DomainError::bad_request("query.invalid", "expired is true or false")),
            };
        }
        Ok(select)
    }
}

/// Where a new card goes in a stage's column: after its last one.
pub(crate) async fn next_position(db: &impl ConnectionTrait, stage_id: Uuid) -> DomainResult<i64> {
    // Unscoped on purpose: a column's order is one for everyone who sees it.
    let max: Option<Option<i64>> = policy::live::<Opportunity>()
        .select_only()
        .column_as(Expr::col(C::Position).max(), "m")
        .filter(C::StageId.eq(stage_id))
        .into_tuple()
        .one(db)
        .await
        .map_err(db_err)?;
    Ok(max.flatten().unwrap_or(0).saturating_add(1024))
}

/// The rules that need the database: the contact is the customer's, the codes are in
/// their dictionaries, the products exist (answers the lines as rows to write).
async fn check_references(tx: &Tx, id: Uuid, o: &CheckedOpportunity, customer_id: Uuid) -> DomainResult<Vec<line::Model>> {
    if let Some(contact_id) = o.input.contact_id {
        let found = policy::live::<contact::Entity>().filter(contact::Column::Id.eq(contact_id)).filter(contact::Column::CustomerId.eq(customer_id)).one(tx).await.map_err(db_err)?;
        if found.is_none() {
            return Err(DomainError::invalid_field("contact_id", "not_found", "no such contact of this customer"));
        }
    }
    if let Some(code) = &o.input.source {
        dictionaries::check_code(tx, "customer_source", "source", code).await?;
    }
    if let Some(code) = &o.input.lost_reason {
        dictionaries::check_code(tx, "lost_reason", "lost_reason", code).await?;
    }
    let products = names::<product::Entity>(tx, product::Column::Id, product::Column::Name, o.lines.iter().map(|l| l.product_id).collect()).await?;
    let live: std::collections::HashSet<Uuid> = policy::live::<product::Entity>()
        .select_only()
        .column(product::Column::Id)
        .filter(product::Column::Id.is_in(o.lines.iter().map(|l| l.product_id)))
        .into_tuple::<Uuid>()
        .all(tx)
        .await
        .map_err(db_err)?
        .into_iter()
        .collect();
    let mut v = crm_domain::validate::Validator::new();
    let mut rows = Vec::with_capacity(o.lines.len());
    for (i, l) in o.lines.iter().enumerate() {
        match products.get(&l.product_id).filter(|_| live.contains(&l.product_id)) {
            None => v.add(&format!("lines[{i}].product_id"), "not_found", "no such product"),
            Some(name) => rows.push(line::Model {
                id: Uuid::now_v7(),
                opportunity_id: id,
                line_no: i32::try_from(i).unwrap_or(i32::MAX),
                product_id: l.product_id,
                product_name: name.clone(),
                quantity: l.quantity,
                unit_price_minor: l.unit_price,
                discount_bp: l.discount,
                subtotal_minor: l.subtotal,
            }),
        }
    }
    v.finish()?;
    Ok(rows)
}

async fn replace_lines(tx: &Tx, id: Uuid, rows: Vec<line::Model>) -> DomainResult<()> {
    line::Entity::delete_many().filter(line::Column::OpportunityId.eq(id)).exec(tx).await.map_err(db_err)?;
    if !rows.is_empty() {
        line::Entity::insert_many(rows.into_iter().map(sea_orm::IntoActiveModel::into_active_model)).exec_without_returning(tx).await.map_err(db_err)?;
    }
    Ok(())
}

pub async fn create(db: &Db, ctx: &Ctx, input: OpportunityInput) -> DomainResult<OpportunityView> {
    let tx = crate::tx::begin(db).await?;
    let v = create_in(&tx, ctx, input).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}

/// `create` inside the caller's transaction (a lead's conversion).
pub(crate) async fn create_in(tx: &Tx, ctx: &Ctx, input: OpportunityInput) -> DomainResult<OpportunityView> {
    kit::create_in::<Opportunities, _, _, _>(tx, ctx, async |tx| build(tx, ctx, input).await, async |tx, row: &opportunity::Model, rows| link(tx, ctx, row, rows).await).await
}

/// Creates up to 1000 opportunities, each as `create` would (lines and first stage-history
/// entry included), the refused ones left out or, with `atomic`, none written.
pub async fn batch(db: &Db, ctx: &Ctx, items: Vec<OpportunityInput>, atomic: bool) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch_linked::<Opportunities, _, _, _, _>(db, ctx, items, atomic, async |tx, input| build(tx, ctx, input).await, async |tx, row: &opportunity::Model, rows| link(tx, ctx, row, rows).await).await
}

/// `batch` inside the caller's transaction (a file import's chunk).
pub async fn batch_in(tx: &Tx, ctx: &Ctx, items: Vec<OpportunityInput>) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch_linked_in::<Opportunities, _, _, _, _>(tx, ctx, items, async |tx, input| build(tx, ctx, input).await, async |tx, row: &opportunity::Model, rows| link(tx, ctx, row, rows).await).await
}

/// A new opportunity and its line rows, checked: its stage (the first open one when
/// absent), a customer the caller may change, an owner they may give records to.
async fn build(tx: &Tx, ctx: &Ctx, input: OpportunityInput) -> DomainResult<(opportunity::Model, Vec<line::Model>)> {
    let stage = match input.stage_id {
        Some(id) => stages::live(tx, id, "stage_id").await?,
        None => stages::first_open(tx).await?,
    };
    let kind = StageKind::parse(&stage.kind).unwrap_or(StageKind::Open);
    let o = input.validate(kind)?;
    // The customer must be one the caller may change: owned in their scope, or shared with them to edit.
    let customer = Scoped::<customer::Entity>::find_editable(tx, ctx).await?.filter(customer::Column::Id.eq(o.input.customer_id)).one(tx).await.map_err(db_err)?;
    let customer = customer.ok_or_else(|| DomainError::not_found("customer"))?;
    let owner_id = o.input.owner_id.unwrap_or(ctx.actor.user_id);
    crate::scope::assignable_owner(tx, ctx, owner_id, "owner_id").await?;
    let id = Uuid::now_v7();
    let lines = check_references(tx, id, &o, customer.id).await?;
    let row = opportunity::Model {
        id,
        customer_id: customer.id,
        contact_id: o.input.contact_id,
        name: o.input.name,
        description: o.input.description,
        amount_minor: o.amount,
        currency: o.currency,
        expected_close_date: o.input.expected_close_date,
        stage_id: stage.id,
        status: kind.as_str().into(),
        probability: o.input.probability.unwrap_or(stage.probability),
        owner_id,
        competitors: o.input.competitors,
        source: o.input.source,
        lost_reason: o.input.lost_reason,
        lost_note: o.input.lost_note,
        closed_at: kind.closes().then_some(ctx.now),
        position: next_position(tx, stage.id).await?,
        stage_entered_at: ctx.now,
        ..Default::default()
    };
    Ok((row, lines))
}

/// What comes with a new opportunity once its row is written: its lines and the first entry
/// of its stage history.
async fn link(tx: &Tx, ctx: &Ctx, row: &opportunity::Model, lines: Vec<line::Model>) -> DomainResult<()> {
    replace_lines(tx, row.id, lines).await?;
    super::moves::record(tx, ctx, row.id, None, row.stage_id, None, None).await
}

/// The input a stored opportunity was made from, for a patch to apply to.
pub(crate) async fn input_of(db: &impl ConnectionTrait, o: &opportunity::Model) -> DomainResult<OpportunityInput> {
    let lines = lines_of(db, vec![o.id]).await?.remove(&o.id).unwrap_or_default();
    Ok(OpportunityInput {
        customer_id: o.customer_id,
        contact_id: o.contact_id,
        name: o.name.clone(),
        description: o.description.clone(),
        amount: Some(from_minor(o.amount_minor)),
        currency: Some(o.currency.clone()),
        expected_close_date: o.expected_close_date,
        stage_id: Some(o.stage_id),
        probability: Some(o.probability),
        owner_id: Some(o.owner_id),
        competitors: o.competitors.clone(),
        source: o.source.clone(),
        lost_reason: o.lost_reason.clone(),
        lost_note: o.lost_note.clone(),
        lines: lines
            .iter()
            .map(|l| {
                let v = line_view(l);
                LineInput { product_id: l.product_id, quantity: v.quantity, unit_price: v.unit_price, discount_percent: v.discount_percent }
            })
            .collect(),
    })
}

pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: OpportunityPatch, if_match: Option<i32>) -> DomainResult<OpportunityView> {
    let lines: Mutex<Option<Vec<line::Model>>> = Mutex::new(None);
    let change = async |tx: &Tx, current: opportunity::Model| {
        let (input, keep_lines) = patch.apply(input_of(tx, &current).await?);
        let kind = StageKind::parse(&current.status).unwrap_or(StageKind::Open);
        let o = input.validate(kind)?;
        let rows = check_references(tx, id, &o, current.customer_id).await?;
        if !keep_lines {
            *lines.lock().map_err(|_| DomainError::internal("lines lock"))? = Some(rows);
        }
        Ok(opportunity::Model {
            contact_id: o.input.contact_id,
            name: o.input.name,
            description: o.input.description,
            amount_minor: o.amount,
            currency: o.currency,
            expected_close_date: o.input.expected_close_date,
            probability: o.input.probability.unwrap_or(current.probability),
            competitors: o.input.competitors,
            source: o.input.source,
            lost_reason: o.input.lost_reason,
            lost_note: o.input.lost_note,
            ..current
        })
    };
    let link = async |tx: &Tx, row: &opportunity::Model| {
        let rows = lines.lock().map_err(|_| DomainError::internal("lines lock"))?.take();
        match rows {
            Some(rows) => replace_lines(tx, row.id, rows).await,
            None => Ok(()),
        }
    };
    kit::update_linked::<Opportunities, _, _>(db, ctx, id, if_match, change, link).await
}

pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    kit::delete::<Opportunities, _>(db, ctx, id, if_match, kit::no_rule).await
}

/// CUS-8: the open opportunities of customers changing owner go with them (called by
/// the customers' transfer, in its transaction).
pub async fn follow_transfer(tx: &impl ConnectionTrait, ctx: &Ctx, customer_ids: &[Uuid], owner_id: Uuid) -> DomainResult<u64> {
    // Unscoped on purpose: the transfer checked the customers against the caller's scope,
    // and their opportunities go with them whoever owned each.
    let moving: Vec<(Uuid, Uuid)> = policy::live::<Opportunity>()
        .select_only()
        .column(C::Id)
        .column(C::OwnerId)
        .filter(C::CustomerId.is_in(customer_ids.iter().copied()))
        .filter(C::Status.eq(StageKind::Open.as_str()))
        .filter(C::OwnerId.ne(owner_id))
        .into_tuple()
        .all(tx)
        .await
        .map_err(db_err)?;
    if moving.is_empty() {
        return Ok(0);
    }
    Opportunity::update_many()
        .col_expr(C::OwnerId, Expr::value(owner_id))
        .col_expr(C::Version, Expr::col(C::Version).add(1))
        .col_expr(C::UpdatedAt, Expr::value(ctx.now))
        .filter(C::Id.is_in(moving.iter().map(|(id, _)| *id)))
        .exec(tx)
        .await
        .map_err(db_err)?;
    for (id, from) in &moving {
        crate::audit::record(tx, ctx, "opportunities", *id, "transfer", &serde_json::json!({"owner_id": from}), &serde_json::json!({"owner_id": owner_id})).await?;
    }
    Ok(u64::try_from(moving.len()).unwrap_or(u64::MAX))
}

/// A stage's row by id, deleted or not: the history names stages since removed.
pub(crate) async fn stage_names(db: &impl ConnectionTrait, ids: Vec<Uuid>) -> DomainResult<HashMap<Uuid, stage::Model>> {
    Ok(stage::Entity::find().filter(stage::Column::Id.is_in(ids)).all(db).await.map_err(db_err)?.into_iter().map(|s| (s.id, s)).collect())
}
