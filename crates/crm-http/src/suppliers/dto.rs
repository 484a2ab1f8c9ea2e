use chrono::NaiveDate;
use crm_persistence::products::suppliers::{CustomerRef, PriceView, SupplierRef};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

pub use crm_domain::products::{SupplierInput as NewSupplier, SupplierPatch};
pub use crm_persistence::products::suppliers::SupplierView as Supplier;

#[derive(Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ea0", "supplier_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e90", "supplier_name": "上海办公设备有限公司",
    "product_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e80", "product_code": "P000001", "product_name": "人体工学椅", "price": "980.00", "currency": "CNY",
    "valid_from": "2026-01-01", "valid_to": "2026-12-31", "remark": "含运费"}))]
pub struct SupplierPrice {
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

impl From<PriceView> for SupplierPrice {
    fn from(v: PriceView) -> Self {
        Self {
            id: v.id,
            supplier_id: v.supplier_id,
            supplier_name: v.supplier_name,
            product_id: v.product_id,
            product_code: v.product_code,
            product_name: v.product_name,
            price: v.price.round_dp(2),
            currency: v.currency,
            valid_from: v.valid_from,
            valid_to: v.valid_to,
            remark: v.remark,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PriceList {
    pub items: Vec<SupplierPrice>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PriceItem {
    pub product_id: Uuid,
    /// A decimal string or an integer; ≥ 0, at most two decimals.
    #[serde(deserialize_with = "crate::money::amount")]
    #[schema(value_type = String, example = "980.00")]
    pub price: Decimal,
    /// ISO 4217; CNY when absent.
    pub currency: Option<String>,
    pub valid_from: NaiveDate,
    /// Not before `valid_from`; null for open-ended.
    pub valid_to: Option<NaiveDate>,
    pub remark: Option<String>,
}

/// The whole price list; it replaces the stored one.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"items": [{"product_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e80", "price": "980.00", "currency": "CNY", "valid_from": "2026-01-01", "valid_to": "2026-12-31", "remark": "含运费"}]}))]
pub struct PriceListPut {
    pub items: Vec<PriceItem>,
}

#[derive(Serialize, ToSchema)]
pub struct ServedCustomer {
    pub id: Uuid,
    pub code: String,
    pub name: String,
}

impl From<CustomerRef> for ServedCustomer {
    fn from(c: CustomerRef) -> Self {
        Self { id: c.id, code: c.code, name: c.name }
    }
}

#[derive(Serialize, ToSchema)]
#[schema(example = json!({"items": [{"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "code": "C0000001", "name": "上海华东精密机械有限公司"}]}))]
pub struct ServedCustomers {
    pub items: Vec<ServedCustomer>,
}

/// The served customers among those the caller can see; links to customers outside
/// their scope are kept.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"customer_ids": ["01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f"]}))]
pub struct ServedCustomersPut {
    pub customer_ids: Vec<Uuid>,
}

#[derive(Serialize, ToSchema)]
pub struct SupplierSummary {
    pub id: Uuid,
    pub number: String,
    pub name: String,
}

impl From<SupplierRef> for SupplierSummary {
    fn from(s: SupplierRef) -> Self {
        Self { id: s.id, number: s.number, name: s.name }
    }
}

#[derive(Serialize, ToSchema)]
#[schema(example = json!({"items": [{"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e90", "number": "S000001", "name": "上海办公设备有限公司"}]}))]
pub struct SuppliersOfCustomer {
    pub items: Vec<SupplierSummary>,
}
