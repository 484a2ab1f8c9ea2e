use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

pub use crm_domain::products::{PriceItemInput as PriceItem, SupplierInput as NewSupplier, SupplierPatch};
pub use crm_persistence::products::suppliers::{CustomerRef as ServedCustomer, PriceView as SupplierPrice, SupplierRef as SupplierSummary};
pub use crm_persistence::products::suppliers::SupplierView as Supplier;

#[derive(Serialize, ToSchema)]
pub struct PriceList {
    pub items: Vec<SupplierPrice>,
}

/// The whole price list; it replaces the stored one.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"items": [{"product_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e80", "price": "980.00", "currency": "CNY", "valid_from": "2026-01-01", "valid_to": "2026-12-31", "remark": "含运费"}]}))]
pub struct PriceListPut {
    pub items: Vec<PriceItem>,
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
#[schema(example = json!({"items": [{"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e90", "number": "S000001", "name": "上海办公设备有限公司"}]}))]
pub struct SuppliersOfCustomer {
    pub items: Vec<SupplierSummary>,
}
