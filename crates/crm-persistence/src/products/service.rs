//! Products (PRD-2): code, name, category, unit, price and currency, on sale or not. A
//! deleted product leaves the list but stays readable by id, for the quotes and contracts
//! that name it.

use std::collections::HashMap;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use crm_domain::money::{from_minor, MAX_AMOUNT};
use crm_domain::products::{name_key, CheckedProduct, ProductInput, ProductPatch};
use crm_domain::{DomainError, DomainResult};
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, QuerySelect, Select};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use super::categories;
use super::entities::category;
use super::entities::product::{self, Column as C, Entity as Product};
use crate::tx::Tx;
use crate::table_export::{col, time, Cell, Column, TableExport};
use crate::db::db_err;
use crate::listing::{FieldKind, Filter, ListParams, ListSpec};
use crate::kit::{self, Policy, Resource};
use crate::{sequences, Ctx, Db};

crate::soft_delete!(Product, "products", Name);

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Product, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e80", "code": "P000001", "name": "人体工学椅", "category_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e70",
    "category_name": "办公家具", "unit": "把", "price": "1234.56", "currency": "CNY", "description": null, "on_sale": true, "version": 1,
    "created_by": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e01", "created_at": "2026-11-25T09:00:00Z", "updated_at": "2026-11-25T09:00:00Z", "deleted_at": null}))]
pub struct ProductView {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub category_id: Uuid,
    pub category_name: Option<String>,
    pub unit: Option<String>,
    /// A decimal string with two places.
    #[schema(value_type = String, example = "1234.56")]
    pub price: Decimal,
    /// ISO 4217.
    pub currency: String,
    pub description: Option<String>,
    pub on_sale: bool,
    pub version: i32,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Set when the product is in the recycle bin; it stays readable by id.
    pub deleted_at: Option<DateTime<Utc>>,
}

/// Products on the kit: a catalogue record.
pub struct Products;

impl Resource for Products {
    type Entity = Product;
    type View = ProductView;
    const WHAT: &'static str = "product";
    const POLICY: Policy = Policy::Catalogue;

    fn spec() -> ListSpec<Product> {
        let f = |name, column, kind, range| Filter { name, column, kind, range };
        ListSpec {
            filters: vec![f("on_sale", C::OnSale, FieldKind::Bool, false), f("currency", C::Currency, FieldKind::Text, false), f("created_at", C::CreatedAt, FieldKind::Timestamp, true)],
            sorts: vec![("name", C::Name), ("code", C::Code), ("price", C::PriceCents), ("created_at", C::CreatedAt), ("updated_at", C::UpdatedAt)],
            search: vec![C::Name, C::Code],
            search_index: None,
            default_sort: vec![(C::UpdatedAt, Order::Desc)],
            tie_breaker: C::Id,
        }
    }


    /// With category names, in one query for any number of rows.
    async fn views(db: &impl ConnectionTrait, _: &Ctx, rows: Vec<product::Model>) -> DomainResult<Vec<ProductView>> {
        let ids: Vec<Uuid> = rows.iter().map(|p| p.category_id).collect();
        let names: HashMap<Uuid, String> = if ids.is_empty() {
            HashMap::new()
        } else {
            category::Entity::find()
                .select_only()
                .column(category::Column::Id)
                .column(category::Column::Name)
                .filter(category::Column::Id.is_in(ids))
                .into_tuple::<(Uuid, String)>()
                .all(db)
                .await
                .map_err(db_err)?
                .into_iter()
                .collect()
        };
        Ok(rows
            .into_iter()
            .map(|p| ProductView {
                category_name: names.get(&p.category_id).cloned(),
                id: p.id,
                code: p.code,
                name: p.name,
                category_id: p.category_id,
                unit: p.unit,
                price: from_minor(p.price_cents),
                currency: p.currency,
                description: p.description,
                on_sale: p.on_sale,
                version: p.version,
                created_by: p.created_by,
                created_at: p.created_at,
                updated_at: p.updated_at,
                deleted_at: p.deleted_at,
            })
            .collect())
}

    /// `category_id` takes in the category's children; `price_min`/`price_max` are
    /// decimal amounts.
    async fn narrow(db: &impl ConnectionTrait, _: &Ctx, mut select: Select<Product>, params: &mut ListParams) -> DomainResult<Select<Product>> {
        if let Some(raw) = params.take_filter("category_id") {
            let id = Uuid::parse_str(raw.trim()).map_err(|_| bad_query("category_id", format!("'{raw}' is not a valid id for 'category_id'")))?;
            select = select.filter(C::CategoryId.is_in(categories::with_children(db, id).await?));
        }
        if let Some(raw) = params.take_filter("price_min") {
            select = select.filter(C::PriceCents.gte(price_bound("price_min", &raw)?));
        }
        if let Some(raw) = params.take_filter("price_max") {
            select = select.filter(C::PriceCents.lte(price_bound("price_max", &raw)?));
        }
        Ok(select)
    }
}

fn bad_query(field: &str, message: String) -> DomainError {
    DomainError::bad_request("query.invalid", message.clone()).with_extra(json!({"errors": [{"field": field, "code": "invalid", "message": message}]}))
}

/// Minor units from a `price_min`/`price_max` parameter.
fn price_bound(field: &str, raw: &str) -> DomainResult<i64> {
    let d = Decimal::from_str(raw.trim()).map_err(|_| bad_query(field, format!("'{raw}' is not a decimal number for '{field}'")))?;
    let minor = (d * Decimal::ONE_HUNDRED).round();
    Ok(i64::try_from(minor).unwrap_or(if d.is_sign_negative() { -MAX_AMOUNT } else { MAX_AMOUNT }))
}

/// By id, deleted or not: past quotes and contracts still show what they sold.
pub async fn get(db: &Db, ctx: &Ctx, id: Uuid) -> DomainResult<ProductView> {
    let row = Product::find_by_id(id).one(db).await.map_err(db_err)?.ok_or_else(|| DomainError::not_found(Products::WHAT))?;
    kit::view::<Products>(db, ctx, row).await
}

/// The category must exist (422 otherwise) and no live product in it may have the name (409).
async fn check_place(db: &impl ConnectionTrait, p: &CheckedProduct, name_norm: &str, except: Option<Uuid>) -> DomainResult<()> {
    categories::find_live(db, p.category_id).await.map_err(|_| DomainError::invalid_field("category_id", "not_found", "no such category"))?;
    let mut q = Product::find().filter(C::DeletedAt.is_null()).filter(C::CategoryId.eq(p.category_id)).filter(C::NameNorm.eq(name_norm));
    if let Some(id) = except {
        q = q.filter(C::Id.ne(id));
    }
    if let Some(other) = q.one(db).await.map_err(db_err)? {
        let message = format!("the category already has a product named {}", other.name);
        return Err(DomainError::duplicate("product.duplicate", message, "name", "the same name exists in this category".into(), other.id, &other.name));
    }
    Ok(())
}

/// The stored row of checked input over `row` (a new or the current one).
fn fill(row: product::Model, p: CheckedProduct) -> product::Model {
    product::Model {
        name_norm: name_key(&p.name),
        name: p.name,
        category_id: p.category_id,
        unit: p.unit,
        price_cents: p.price_minor,
        currency: p.currency,
        description: p.description,
        on_sale: p.on_sale,
        ..row
    }
}

pub async fn create(db: &Db, ctx: &Ctx, input: ProductInput) -> DomainResult<ProductView> {
    kit::create::<Products, _>(db, ctx, async |tx| build(tx, input).await).await
}

/// Up to 1000 products, each checked as `create` checks one (the names before it included).
pub async fn batch(db: &Db, ctx: &Ctx, items: Vec<ProductInput>, atomic: bool) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch::<Products, _, _>(db, ctx, items, atomic, async |tx, input| build(tx, input).await).await
}

/// The same items inside the caller's transaction (a chunk of an import), each in a savepoint.
pub async fn batch_in(tx: &Tx, ctx: &Ctx, items: Vec<ProductInput>) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch_in::<Products, _, _>(tx, ctx, items, async |tx, input| build(tx, input).await).await
}

async fn build(tx: &Tx, input: ProductInput) -> DomainResult<product::Model> {
    let p = input.validate()?;
    check_place(tx, &p, &name_key(&p.name), None).await?;
    let n = sequences::next(tx, "products").await?;
    let blank = product::Model {
        id: Uuid::now_v7(),
        code: format!("P{n:06}"),
        category_id: p.category_id,
        on_sale: true,
        ..Default::default()
    };
    Ok(fill(blank, p))
}

pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: ProductPatch, if_match: Option<i32>) -> DomainResult<ProductView> {
    let tx = crate::tx::begin(db).await?;
    let v = update_in(&tx, ctx, id, patch, if_match).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}

/// `update` inside the caller's transaction (an import's row that updates the product it duplicates).
pub async fn update_in(tx: &Tx, ctx: &Ctx, id: Uuid, patch: ProductPatch, if_match: Option<i32>) -> DomainResult<ProductView> {
    kit::update_in::<Products, _>(tx, ctx, id, if_match, async |tx, current| {
        let input = ProductInput {
            name: current.name.clone(),
            category_id: current.category_id,
            unit: current.unit.clone(),
            price: from_minor(current.price_cents),
            currency: Some(current.currency.clone()),
            description: current.description.clone(),
            on_sale: current.on_sale,
        };
        let p = patch.apply(input).validate()?;
        check_place(tx, &p, &name_key(&p.name), Some(id)).await?;
        Ok(fill(current, p))
    })
    .await
}

pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    kit::delete::<Products, _>(db, ctx, id, if_match, kit::no_rule).await
}

pub struct ProductExport;

#[async_trait::async_trait]
impl TableExport for ProductExport {
    type Entity = Product;
    const COLUMNS: &'static [Column] = &[
        col("code", "产品编号", "Code", Cell::Text),
        col("name", "产品名称", "Name", Cell::Text),
        col("category", "产品分类", "Category", Cell::Text),
        col("unit", "单位", "Unit", Cell::Text),
        col("price", "标准价格", "Price", Cell::Text),
        col("currency", "币种", "Currency", Cell::Text),
        col("on_sale", "是否上架", "On sale", Cell::Bool),
        col("description", "描述", "Description", Cell::Text),
        col("created_at", "创建时间", "Created", Cell::Time),
        col("updated_at", "更新时间", "Updated", Cell::Time),
    ];

    async fn rows(db: &Db, batch: Vec<product::Model>) -> DomainResult<Vec<Vec<String>>> {
        let o = |s: Option<String>| s.unwrap_or_default();
        // A catalogue row reads the same for everyone: its view needs no caller.
        Ok(Products::views(db, &Ctx::system("export"), batch)
            .await?
            .into_iter()
            .map(|p| {
                vec![
                    p.code, p.name, o(p.category_name), o(p.unit), p.price.to_string(), p.currency, p.on_sale.to_string(), o(p.description),
                    time(Some(p.created_at)), time(Some(p.updated_at)),
                ]
            })
            .collect())
    }
}

