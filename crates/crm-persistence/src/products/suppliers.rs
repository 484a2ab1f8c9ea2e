//! Suppliers (PRD-3) with their price lists (报价清单) and the customers they serve
//! (服务客户). The served-customer links are read and written through the customers'
//! data scope: a caller sees, adds and removes only customers they may see.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use crm_domain::money::from_minor;
use crm_domain::products::{name_key, validate_price_list, PriceItemInput, SupplierInput, SupplierPatch};
use crm_domain::{DomainError, DomainResult};
use rust_decimal::Decimal;
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, QueryTrait};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use super::entities::supplier::{self, Column as C, Entity as Supplier};
use super::entities::{product, supplier_customer, supplier_price};
use crate::tx::Tx;
use crate::customers::entities::customer;
use crate::db::db_err;
use crate::listing::{FieldKind, Filter, ListSpec};
use crate::scope::Scoped;
use crate::kit::links::LinkTable;
use crate::kit::{self, Policy, Resource};
use crate::{audit, sequences, Ctx, Db};

crate::soft_delete!(Supplier, "suppliers", Name);

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Supplier, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e90", "number": "S000001", "name": "上海办公设备有限公司", "contact": "周经理", "phone": "021-6100 2000",
    "province": "上海", "city": "上海", "address": "浦东新区张江路 100 号", "remark": null, "version": 1, "created_by": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e01",
    "created_by_name": "系统管理员", "created_at": "2026-11-25T09:00:00Z", "updated_at": "2026-11-25T09:00:00Z"}))]
pub struct SupplierView {
    pub id: Uuid,
    /// Generated, e.g. `S000001`.
    pub number: String,
    pub name: String,
    pub contact: Option<String>,
    pub phone: Option<String>,
    /// GB/T 2260 code of the province or city (`GET /regions`); null for names that are
    /// not a region of the data set.
    pub region_code: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub address: Option<String>,
    pub remark: Option<String>,
    pub version: i32,
    pub created_by: Option<Uuid>,
    pub created_by_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Suppliers on the kit: a catalogue record (no owner, no data scope).
pub struct Suppliers;

impl Resource for Suppliers {
    type Entity = Supplier;
    type View = SupplierView;
    const WHAT: &'static str = "supplier";
    const POLICY: Policy = Policy::Catalogue;

    fn spec() -> ListSpec<Supplier> {
        let f = |name, column, kind| Filter { name, column, kind, range: false };
        ListSpec {
            filters: vec![f("region_code", C::RegionCode, FieldKind::Region), f("province", C::Province, FieldKind::Text), f("city", C::City, FieldKind::Text)],
            sorts: vec![("name", C::Name), ("number", C::Number), ("created_at", C::CreatedAt), ("updated_at", C::UpdatedAt)],
            search: vec![C::Name, C::Contact],
            search_index: None,
            default_sort: vec![(C::UpdatedAt, Order::Desc)],
            tie_breaker: C::Id,
        }
    }


    async fn views(db: &impl ConnectionTrait, _: &Ctx, rows: Vec<supplier::Model>) -> DomainResult<Vec<SupplierView>> {
        let names = crate::system::user_names::display_names(db, rows.iter().filter_map(|s| s.created_by)).await?;
        Ok(rows
            .into_iter()
            .map(|s| SupplierView {
                created_by_name: s.created_by.and_then(|u| names.get(&u).cloned()),
                id: s.id,
                number: s.number,
                name: s.name,
                contact: s.contact,
                phone: s.phone,
                region_code: s.region_code,
                province: s.province,
                city: s.city,
                address: s.address,
                remark: s.remark,
                version: s.version,
                created_by: s.created_by,
                created_at: s.created_at,
                updated_at: s.updated_at,
            })
            .collect())
    }
}

async fn find_live(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<supplier::Model> {
    kit::policy::live::<Supplier>().filter(C::Id.eq(id)).one(db).await.map_err(db_err)?.ok_or_else(|| DomainError::not_found(Suppliers::WHAT))
}

async fn check_name(db: &impl ConnectionTrait, name_norm: &str, except: Option<Uuid>) -> DomainResult<()> {
    let mut q = Supplier::find().filter(C::DeletedAt.is_null()).filter(C::NameNorm.eq(name_norm));
    if let Some(id) = except {
        q = q.filter(C::Id.ne(id));
    }
    if let Some(other) = q.one(db).await.map_err(db_err)? {
        let message = format!("a supplier named {} exists", other.name);
        return Err(DomainError::duplicate("supplier.duplicate", message, "name", "the same name exists".into(), other.id, &other.name));
    }
    Ok(())
}

/// The stored row of checked input over `row` (a new or the current one).
fn fill(row: supplier::Model, s: SupplierInput) -> supplier::Model {
    supplier::Model {
        name_norm: name_key(&s.name),
        name: s.name,
        contact: s.contact,
        phone: s.phone,
        region_code: s.region_code,
        province: s.province,
        city: s.city,
        address: s.address,
        remark: s.remark,
        ..row
    }
}

pub async fn create(db: &Db, ctx: &Ctx, input: SupplierInput) -> DomainResult<SupplierView> {
    kit::create::<Suppliers, _>(db, ctx, async |tx| build(tx, input).await).await
}

/// Up to 1000 suppliers, each checked as `create` checks one (the names before it included).
pub async fn batch(db: &Db, ctx: &Ctx, items: Vec<SupplierInput>, atomic: bool) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch::<Suppliers, _, _>(db, ctx, items, atomic, async |tx, input| build(tx, input).await).await
}

/// The same items inside the caller's transaction (a chunk of an import), each in a savepoint.
pub async fn batch_in(tx: &Tx, ctx: &Ctx, items: Vec<SupplierInput>) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch_in::<Suppliers, _, _>(tx, ctx, items, async |tx, input| build(tx, input).await).await
}

async fn build(tx: &Tx, input: SupplierInput) -> DomainResult<supplier::Model> {
    let s = input.validate()?;
    check_name(tx, &name_key(&s.name), None).await?;
    let n = sequences::next(tx, "suppliers").await?;
    let blank = supplier::Model {
        id: Uuid::now_v7(),
        number: format!("S{n:06}"),
        ..Default::default()
    };
    Ok(fill(blank, s))
}

pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: SupplierPatch, if_match: Option<i32>) -> DomainResult<SupplierView> {
    let tx = crate::tx::begin(db).await?;
    let v = update_in(&tx, ctx, id, patch, if_match).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}

/// `update` inside the caller's transaction (an import's row that updates the supplier it duplicates).
pub async fn update_in(tx: &Tx, ctx: &Ctx, id: Uuid, patch: SupplierPatch, if_match: Option<i32>) -> DomainResult<SupplierView> {
    kit::update_in::<Suppliers, _>(tx, ctx, id, if_match, async |tx, current| {
        let input = SupplierInput {
            name: current.name.clone(),
            contact: current.contact.clone(),
            phone: current.phone.clone(),
            // The names carry the region; a patch's own code replaces them.
            region_code: None,
            province: current.province.clone(),
            city: current.city.clone(),
            address: current.address.clone(),
            remark: current.remark.clone(),
        };
        let s = patch.apply(input).validate()?;
        check_name(tx, &name_key(&s.name), Some(id)).await?;
        Ok(fill(current, s))
    })
    .await
}

pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    kit::delete::<Suppliers, _>(db, ctx, id, if_match, kit::no_rule).await
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = SupplierPrice, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ea0", "supplier_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e90", "supplier_name": "上海办公设备有限公司",
    "product_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e80", "product_code": "P000001", "product_name": "人体工学椅", "price": "980.00", "currency": "CNY",
    "valid_from": "2026-01-01", "valid_to": "2026-12-31", "remark": "含运费"}))]
pub struct PriceView {
    pub id: Uuid,
    pub supplier_id: Uuid,
    pub supplier_name: Option<String>,
    pub product_id: Uuid,
    pub product_code: Option<String>,
    pub product_name: Option<String>,
    #[schema(value_type = String, example = "980.00")]
    pub price: Decimal,
    pub currency: String,
    pub valid_from: NaiveDate,
    /// Open-ended when null.
    pub valid_to: Option<NaiveDate>,
    pub remark: Option<String>,
}

/// Views of price rows with product and supplier names, two queries for any number.
async fn price_views(db: &impl ConnectionTrait, rows: Vec<supplier_price::Model>) -> DomainResult<Vec<PriceView>> {
    let product_ids: Vec<Uuid> = rows.iter().map(|r| r.product_id).collect();
    let supplier_ids: Vec<Uuid> = rows.iter().map(|r| r.supplier_id).collect();
    let products: HashMap<Uuid, (String, String)> = product::Entity::find()
        .select_only()
        .column(product::Column::Id)
        .column(product::Column::Code)
        .column(product::Column::Name)
        .filter(product::Column::Id.is_in(product_ids))
        .into_tuple::<(Uuid, String, String)>()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|(id, code, name)| (id, (code, name)))
        .collect();
    let suppliers: HashMap<Uuid, String> = Supplier::find()
        .select_only()
        .column(C::Id)
        .column(C::Name)
        .filter(C::Id.is_in(supplier_ids))
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let p = products.get(&r.product_id);
            PriceView {
                id: r.id,
                supplier_id: r.supplier_id,
                supplier_name: suppliers.get(&r.supplier_id).cloned(),
                product_id: r.product_id,
                product_code: p.map(|p| p.0.clone()),
                product_name: p.map(|p| p.1.clone()),
                price: from_minor(r.price_cents),
                currency: r.currency,
                valid_from: r.valid_from,
                valid_to: r.valid_to,
                remark: r.remark,
            }
        })
        .collect())
}

pub async fn prices(db: &impl ConnectionTrait, supplier_id: Uuid) -> DomainResult<Vec<PriceView>> {
    find_live(db, supplier_id).await?;
    price_list(db, supplier_id).await
}

/// A supplier's price rows, by valid_from, for a supplier already found.
async fn price_list(db: &impl ConnectionTrait, supplier_id: Uuid) -> DomainResult<Vec<PriceView>> {
    let rows = supplier_price::Entity::find()
        .filter(supplier_price::Column::SupplierId.eq(supplier_id))
        .order_by_asc(supplier_price::Column::ValidFrom)
        .order_by_asc(supplier_price::Column::Id)
        .all(db)
        .await
        .map_err(db_err)?;
    price_views(db, rows).await
}

/// Replaces the supplier's whole price list in one transaction. Products must be live;
/// an unknown one is a 422 naming its item.
pub async fn replace_prices(db: &Db, ctx: &Ctx, supplier_id: Uuid, items: Vec<PriceItemInput>) -> DomainResult<Vec<PriceView>> {
    let items = validate_price_list(items)?;
    let tx = crate::tx::begin(db).await?;
    find_live(&tx, supplier_id).await?;
    let wanted: Vec<Uuid> = items.iter().map(|i| i.product_id).collect();
    let live: Vec<Uuid> = product::Entity::find()
        .select_only()
        .column(product::Column::Id)
        .filter(product::Column::Id.is_in(wanted))
        .filter(product::Column::DeletedAt.is_null())
        .into_tuple()
        .all(&tx)
        .await
        .map_err(db_err)?;
    let missing: Vec<crm_domain::FieldError> = items
        .iter()
        .enumerate()
        .filter(|(_, it)| !live.contains(&it.product_id))
        .map(|(i, _)| crm_domain::FieldError { field: format!("items[{i}].product_id"), code: "not_found".into(), message: "no such product".into() })
        .collect();
    if !missing.is_empty() {
        return Err(DomainError::validation(missing));
    }
    let before = price_list(&tx, supplier_id).await?;
    supplier_price::Entity::delete_many().filter(supplier_price::Column::SupplierId.eq(supplier_id)).exec(&tx).await.map_err(db_err)?;
    let rows: Vec<supplier_price::ActiveModel> = items
        .into_iter()
        .map(|i| {
            supplier_price::ActiveModel::from(supplier_price::Model {
                id: Uuid::now_v7(),
                supplier_id,
                product_id: i.product_id,
                price_cents: i.price_minor,
                currency: i.currency,
                valid_from: i.valid_from,
                valid_to: i.valid_to,
                remark: i.remark,
                created_at: ctx.now,
            })
        })
        .collect();
    if !rows.is_empty() {
        supplier_price::Entity::insert_many(rows).exec_without_returning(&tx).await.map_err(db_err)?;
    }
    let summary = |p: &[PriceView]| json!(p.iter().map(|p| json!({"product_id": p.product_id, "price": p.price, "valid_from": p.valid_from, "valid_to": p.valid_to})).collect::<Vec<_>>());
    let after = price_list(&tx, supplier_id).await?;
    audit::record(&tx, ctx, "suppliers", supplier_id, "update", &json!({"prices": summary(&before)}), &json!({"prices": summary(&after)})).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(after)
}

/// The prices valid today for a product, cheapest first, from live suppliers.
pub async fn current_prices_of_product(db: &Db, product_id: Uuid, today: NaiveDate) -> DomainResult<Vec<PriceView>> {
    product::Entity::find_by_id(product_id).one(db).await.map_err(db_err)?.ok_or_else(|| DomainError::not_found("product"))?;
    let live_suppliers = Supplier::find().select_only().column(C::Id).filter(C::DeletedAt.is_null()).into_query();
    let rows = supplier_price::Entity::find()
        .filter(supplier_price::Column::ProductId.eq(product_id))
        .filter(supplier_price::Column::ValidFrom.lte(today))
        .filter(Condition::any().add(supplier_price::Column::ValidTo.is_null()).add(supplier_price::Column::ValidTo.gte(today)))
        .filter(supplier_price::Column::SupplierId.in_subquery(live_suppliers))
        .order_by_asc(supplier_price::Column::PriceCents)
        .order_by_asc(supplier_price::Column::Id)
        .all(db)
        .await
        .map_err(db_err)?;
    price_views(db, rows).await
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ServedCustomer)]
pub struct CustomerRef {
    pub id: Uuid,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = SupplierSummary)]
pub struct SupplierRef {
    pub id: Uuid,
    pub number: String,
    pub name: String,
}

/// The served customers the caller may see.
pub async fn customers(db: &impl ConnectionTrait, ctx: &Ctx, supplier_id: Uuid) -> DomainResult<Vec<CustomerRef>> {
    find_live(db, supplier_id).await?;
    served(db, ctx, supplier_id).await
}

/// The served customers the caller may see, for a supplier already found.
async fn served(db: &impl ConnectionTrait, ctx: &Ctx, supplier_id: Uuid) -> DomainResult<Vec<CustomerRef>> {
    let linked = supplier_customer::Entity::find()
        .select_only()
        .column(supplier_customer::Column::CustomerId)
        .filter(supplier_customer::Column::SupplierId.eq(supplier_id))
        .into_query();
    let rows: Vec<(Uuid, String, String)> = Scoped::<customer::Entity>::find(db, ctx)
        .await?
        .select_only()
        .column(customer::Column::Id)
        .column(customer::Column::Code)
        .column(customer::Column::Name)
        .filter(customer::Column::Id.in_subquery(linked))
        .order_by_asc(customer::Column::Name)
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)?;
    Ok(rows.into_iter().map(|(id, code, name)| CustomerRef { id, code, name }).collect())
}

const SERVED: LinkTable<supplier_customer::Entity> =
    LinkTable { from: supplier_customer::Column::SupplierId, to: supplier_customer::Column::CustomerId, field: "customer_ids", what: "customer" };

/// Replaces the served customers the caller can see; links to customers outside their
/// scope stay as they are. An id the caller cannot see is a 404 naming it.
pub async fn replace_customers(db: &Db, ctx: &Ctx, supplier_id: Uuid, ids: Vec<Uuid>) -> DomainResult<Vec<CustomerRef>> {
    let tx = crate::tx::begin(db).await?;
    kit::load_locked::<Suppliers>(&tx, ctx, supplier_id).await?;
    let change = SERVED
        .replace_visible::<customer::Entity>(&tx, ctx, supplier_id, ids, |c| supplier_customer::ActiveModel {
            supplier_id: Set(supplier_id),
            customer_id: Set(c),
            created_at: Set(ctx.now),
        })
        .await?;
    if !change.is_empty() {
        let after = json!({"customers_removed": change.removed, "customers_added": change.added});
        audit::record(&tx, ctx, "suppliers", supplier_id, "update", &json!({"customers_removed": null, "customers_added": null}), &after).await?;
    }
    let out = served(&tx, ctx, supplier_id).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(out)
}

/// The live suppliers serving a customer the caller may see (404 otherwise).
pub async fn suppliers_of_customer(db: &Db, ctx: &Ctx, customer_id: Uuid) -> DomainResult<Vec<SupplierRef>> {
    Scoped::<customer::Entity>::find(db, ctx)
        .await?
        .filter(customer::Column::Id.eq(customer_id))
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(|| DomainError::not_found("customer"))?;
    let linked = supplier_customer::Entity::find()
        .select_only()
        .column(supplier_customer::Column::SupplierId)
        .filter(supplier_customer::Column::CustomerId.eq(customer_id))
        .into_query();
    let rows: Vec<(Uuid, String, String)> = Supplier::find()
        .select_only()
        .column(C::Id)
        .column(C::Number)
        .column(C::Name)
        .filter(C::DeletedAt.is_null())
        .filter(C::Id.in_subquery(linked))
        .order_by_asc(C::Name)
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)?;
    Ok(rows.into_iter().map(|(id, number, name)| SupplierRef { id, number, name }).collect())
}

/// The supplier list as a file. The headers are the import's (`imports::fields`), so the
/// file imports back.
pub struct SupplierExport;

#[async_trait::async_trait]
impl crate::table_export::TableExport for SupplierExport {
    type Entity = Supplier;
    const COLUMNS: &'static [crate::table_export::Column] = {
        use crate::table_export::{col, Cell};
        &[
            col("number", "供应商编号", "Number", Cell::Text),
            col("name", "供应商名称", "Name", Cell::Text),
            col("contact", "联系人", "Contact", Cell::Text),
            col("phone", "电话", "Phone", Cell::Text),
            col("province", "省份", "Province", Cell::Text),
            col("city", "城市", "City", Cell::Text),
            col("address", "地址", "Address", Cell::Text),
            col("remark", "备注", "Remark", Cell::Text),
            col("created_by", "创建人", "Created by", Cell::Text),
            col("created_at", "创建时间", "Created", Cell::Time),
            col("updated_at", "更新时间", "Updated", Cell::Time),
        ]
    };

    async fn rows(db: &Db, batch: Vec<supplier::Model>) -> DomainResult<Vec<Vec<String>>> {
        let o = |s: Option<String>| s.unwrap_or_default();
        let t = |t| crate::table_export::time(Some(t));
        // A catalogue row reads the same for everyone: its view needs no caller.
        Ok(Suppliers::views(db, &Ctx::system("export"), batch)
            .await?
            .into_iter()
            .map(|s| vec![s.number, s.name, o(s.contact), o(s.phone), o(s.province), o(s.city), o(s.address), o(s.remark), o(s.created_by_name), t(s.created_at), t(s.updated_at)])
            .collect())
    }
}
