use chrono::{DateTime, Utc};
use crm_persistence::products::categories::{CategoryNode as NodeView, CategoryView};
use crm_persistence::products::service::ProductView;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e70", "name": "办公家具", "code": "0101", "parent_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e6f",
    "sort_order": 0, "remark": null, "version": 1, "created_at": "2026-11-25T09:00:00Z", "updated_at": "2026-11-25T09:00:00Z"}))]
pub struct Category {
    pub id: Uuid,
    pub name: String,
    /// `01` for a top category, `0101` for its first child.
    pub code: String,
    pub parent_id: Option<Uuid>,
    pub sort_order: i32,
    pub remark: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<CategoryView> for Category {
    fn from(v: CategoryView) -> Self {
        Self { id: v.id, name: v.name, code: v.code, parent_id: v.parent_id, sort_order: v.sort_order, remark: v.remark, version: v.version, created_at: v.created_at, updated_at: v.updated_at }
    }
}

#[derive(Serialize, ToSchema)]
#[schema(no_recursion)]
pub struct CategoryNode {
    pub id: Uuid,
    pub name: String,
    pub code: String,
    pub parent_id: Option<Uuid>,
    pub sort_order: i32,
    pub remark: Option<String>,
    /// Live products filed directly under this category.
    pub product_count: u64,
    pub children: Vec<CategoryNode>,
}

impl From<NodeView> for CategoryNode {
    fn from(n: NodeView) -> Self {
        let c = n.category;
        Self {
            id: c.id,
            name: c.name,
            code: c.code,
            parent_id: c.parent_id,
            sort_order: c.sort_order,
            remark: c.remark,
            product_count: n.product_count,
            children: n.children.into_iter().map(Into::into).collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
#[schema(example = json!({"items": [{"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e6f", "name": "办公用品", "code": "01", "parent_id": null, "sort_order": 0, "remark": null, "product_count": 0,
    "children": [{"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e70", "name": "办公家具", "code": "0101", "parent_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e6f", "sort_order": 0, "remark": null, "product_count": 3, "children": []}]}]}))]
pub struct CategoryTree {
    pub items: Vec<CategoryNode>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "办公家具", "parent_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e6f", "sort_order": 0}))]
pub struct NewCategory {
    pub name: String,
    /// A top category; none makes this a top category. Two levels only.
    pub parent_id: Option<Uuid>,
    #[serde(default)]
    pub sort_order: i32,
    pub remark: Option<String>,
}

/// Name, order and remark; a category does not move (its code shows its place).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "办公桌椅", "sort_order": 2}))]
pub struct CategoryPatch {
    pub name: Option<String>,
    pub sort_order: Option<i32>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub remark: Option<Option<String>>,
}

#[derive(Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e80", "code": "P000001", "name": "人体工学椅", "category_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e70",
    "category_name": "办公家具", "unit": "把", "price": "1234.56", "currency": "CNY", "description": null, "on_sale": true, "version": 1,
    "created_by": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e01", "created_at": "2026-11-25T09:00:00Z", "updated_at": "2026-11-25T09:00:00Z", "deleted_at": null}))]
pub struct Product {
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

impl From<ProductView> for Product {
    fn from(v: ProductView) -> Self {
        Self {
            id: v.id,
            code: v.code,
            name: v.name,
            category_id: v.category_id,
            category_name: v.category_name,
            unit: v.unit,
            price: v.price.round_dp(2),
            currency: v.currency,
            description: v.description,
            on_sale: v.on_sale,
            version: v.version,
            created_by: v.created_by,
            created_at: v.created_at,
            updated_at: v.updated_at,
            deleted_at: v.deleted_at,
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "人体工学椅", "category_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e70", "unit": "把", "price": "1234.56", "currency": "CNY", "on_sale": true}))]
pub struct NewProduct {
    pub name: String,
    pub category_id: Uuid,
    pub unit: Option<String>,
    /// A decimal string ("1234.56") or an integer; ≥ 0, at most two decimals. A JSON
    /// number with a fraction is refused.
    #[serde(deserialize_with = "crate::money::amount")]
    #[schema(value_type = String, example = "1234.56")]
    pub price: Decimal,
    /// ISO 4217; CNY when absent.
    pub currency: Option<String>,
    pub description: Option<String>,
    #[serde(default = "yes")]
    pub on_sale: bool,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"price": "999.00", "on_sale": false}))]
pub struct ProductPatch {
    pub name: Option<String>,
    pub category_id: Option<Uuid>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub unit: Option<Option<String>>,
    /// As on create: a decimal string or an integer.
    #[serde(default, deserialize_with = "crate::money::opt_amount")]
    #[schema(value_type = Option<String>, example = "999.00")]
    pub price: Option<Decimal>,
    pub currency: Option<String>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub description: Option<Option<String>>,
    pub on_sale: Option<bool>,
}
