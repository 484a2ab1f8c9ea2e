//! Products (PRD-2): code, name, category, unit, price and currency, on sale or not. A
//! deleted product leaves the list but stays readable by id, for the quotes and contracts
//! that name it.

use std::collections::HashMap;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use crm_domain::money::{from_minor, MAX_AMOUNT};
use crm_domain::products::{name_key, CheckedProduct, ProductInput};
use crm_domain::{DomainError, DomainResult};
use rust_decimal::Decimal;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, QuerySelect, Select};
use serde::Serialize;
use serde_json::{json, Value};
use uuid::Uuid;

use super::categories;
use super::entities::category;
use super::entities::product::{self, Column as C, Entity as Product};
use crate::table_export::{self, time, Export, ExportFormat, TableExport};
use crate::db::db_err;
use crate::listing::{fetch_page, FieldKind, Filter, ListParams, ListSpec, Page};
use crate::version::{check_if_match, update_versioned};
use crate::{audit, recycle, sequences, Ctx, Db};

crate::soft_delete!(Product, "products", Name);

#[derive(Debug, Clone, Serialize)]
pub struct ProductView {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub category_id: Uuid,
    pub category_name: Option<String>,
    pub unit: Option<String>,
    pub price: Decimal,
    pub currency: String,
    pub description: Option<String>,
    pub on_sale: bool,
    pub version: i32,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
}

/// Views for a page of rows, with category names in one query.
async fn views(db: &impl ConnectionTrait, rows: Vec<product::Model>) -> DomainResult<Vec<ProductView>> {
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

async fn view(db: &impl ConnectionTrait, row: product::Model) -> DomainResult<ProductView> {
    views(db, vec![row]).await?.pop().ok_or_else(|| DomainError::internal("product view"))
}

pub fn spec() -> ListSpec<Product> {
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

fn bad_query(field: &str, message: String) -> DomainError {
    DomainError::bad_request("query.invalid", message.clone()).with_extra(json!({"errors": [{"field": field, "code": "invalid", "message": message}]}))
}

/// Minor units from a `price_min`/`price_max` parameter.
fn price_bound(field: &str, raw: &str) -> DomainResult<i64> {
    let d = Decimal::from_str(raw.trim()).map_err(|_| bad_query(field, format!("'{raw}' is not a decimal number for '{field}'")))?;
    let minor = (d * Decimal::ONE_HUNDRED).round();
    Ok(i64::try_from(minor).unwrap_or(if d.is_sign_negative() { -MAX_AMOUNT } else { MAX_AMOUNT }))
}

/// The list's query, shared with the export: live products; `category_id` takes in the
/// category's children; `price_min`/`price_max` are decimal amounts.
async fn list_select(db: &impl ConnectionTrait, mut params: ListParams) -> DomainResult<Select<Product>> {
    let mut select = Product::find().filter(C::DeletedAt.is_null());
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
    spec().apply(select, &params, db.get_database_backend())
}

pub async fn list(db: &Db, params: ListParams) -> DomainResult<Page<ProductView>> {
    let select = list_select(db, params.clone()).await?;
    let mut page = fetch_page(db, select, &params).await?;
    let rows = std::mem::take(&mut page.items);
    Ok(page.with_items(views(db, rows).await?))
}

/// By id, deleted or not: past quotes and contracts still show what they sold.
pub async fn get(db: &Db, id: Uuid) -> DomainResult<ProductView> {
    let row = Product::find_by_id(id).one(db).await.map_err(db_err)?.ok_or_else(|| DomainError::not_found("product"))?;
    view(db, row).await
}

async fn find_live(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<product::Model> {
    Product::find_by_id(id).filter(C::DeletedAt.is_null()).one(db).await.map_err(db_err)?.ok_or_else(|| DomainError::not_found("product"))
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

pub async fn create(db: &Db, ctx: &Ctx, input: ProductInput) -> DomainResult<ProductView> {
    let p = input.validate()?;
    let tx = crate::tx::begin(db).await?;
    let name_norm = name_key(&p.name);
    check_place(&tx, &p, &name_norm, None).await?;
    let n = sequences::next(&tx, "products").await?;
    let model = product::Model {
        id: Uuid::now_v7(),
        code: format!("P{n:06}"),
        name: p.name,
        name_norm,
        category_id: p.category_id,
        unit: p.unit,
        price_cents: p.price_minor,
        currency: p.currency,
        description: p.description,
        on_sale: p.on_sale,
        version: 1,
        created_by: Some(ctx.actor.user_id),
        created_at: ctx.now,
        updated_at: ctx.now,
        deleted_at: None,
        deleted_by: None,
    };
    Product::insert(product::ActiveModel::from(model.clone())).exec_without_returning(&tx).await.map_err(db_err)?;
    let v = view(&tx, model).await?;
    audit::record(&tx, ctx, "products", v.id, "create", &Value::Null, &json!(v)).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}

#[derive(Debug, Default)]
pub struct ProductPatch {
    pub name: Option<String>,
    pub category_id: Option<Uuid>,
    pub unit: Option<Option<String>>,
    pub price: Option<Decimal>,
    pub currency: Option<String>,
    pub description: Option<Option<String>>,
    pub on_sale: Option<bool>,
}

pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: ProductPatch, if_match: Option<i32>) -> DomainResult<ProductView> {
    let tx = crate::tx::begin(db).await?;
    let current = find_live(&tx, id).await?;
    let p = ProductInput {
        name: patch.name.unwrap_or_else(|| current.name.clone()),
        category_id: patch.category_id.unwrap_or(current.category_id),
        unit: patch.unit.unwrap_or_else(|| current.unit.clone()),
        price: patch.price.unwrap_or_else(|| from_minor(current.price_cents)),
        currency: Some(patch.currency.unwrap_or_else(|| current.currency.clone())),
        description: patch.description.unwrap_or_else(|| current.description.clone()),
        on_sale: patch.on_sale.unwrap_or(current.on_sale),
    }
    .validate()?;
    // Bad input is refused as such (422) before the version is compared (412).
    check_if_match(if_match, current.version)?;
    let name_norm = name_key(&p.name);
    check_place(&tx, &p, &name_norm, Some(id)).await?;
    let next = product::Model {
        name: p.name,
        name_norm,
        category_id: p.category_id,
        unit: p.unit,
        price_cents: p.price_minor,
        currency: p.currency,
        description: p.description,
        on_sale: p.on_sale,
        updated_at: ctx.now,
        version: current.version + 1,
        ..current.clone()
    };
    let changes = product::ActiveModel {
        name: Set(next.name.clone()),
        name_norm: Set(next.name_norm.clone()),
        category_id: Set(next.category_id),
        unit: Set(next.unit.clone()),
        price_cents: Set(next.price_cents),
        currency: Set(next.currency.clone()),
        description: Set(next.description.clone()),
        on_sale: Set(next.on_sale),
        updated_at: Set(ctx.now),
        ..Default::default()
    };
    update_versioned(&tx, changes, C::Id, id, C::Version, current.version).await?;
    let before = view(&tx, current).await?;
    let after = view(&tx, next).await?;
    audit::record(&tx, ctx, "products", id, "update", &json!(before), &json!(after)).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(after)
}

pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    recycle::delete_live::<Product>(db, ctx, id, if_match, "product").await
}

pub struct ProductExport;

#[async_trait::async_trait]
impl TableExport for ProductExport {
    type Entity = Product;
    const HEADER: &'static [&'static str] = &["code", "name", "category", "unit", "price", "currency", "on_sale", "description", "created_at", "updated_at"];

    async fn rows(db: &Db, batch: Vec<product::Model>) -> DomainResult<Vec<Vec<String>>> {
        let o = |s: Option<String>| s.unwrap_or_default();
        Ok(views(db, batch)
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

pub async fn start_export(db: &Db, params: ListParams, format: ExportFormat) -> DomainResult<Export> {
    let select = list_select(db, params).await?;
    table_export::run::<ProductExport>(db.clone(), select, format).await
}
