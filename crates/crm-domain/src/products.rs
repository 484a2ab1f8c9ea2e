//! Products and suppliers (PRD-1 to PRD-3): field rules of categories, products,
//! suppliers and price-list items. Updates merge the patch into the stored record and
//! check the result with the same rules as a create.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::money;
use crate::validate::Validator;
use crate::DomainResult;

/// The key sibling names are compared under: trimmed, case and inner spacing ignored.
pub fn name_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

// A new category; also what a patch applies to. The parent (and so the code) is fixed
// at creation.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewCategory, example = json!({"name": "办公家具", "parent_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e6f", "sort_order": 0}))]
pub struct CategoryInput {
    pub name: String,
    /// A top category; none makes this a top category. Two levels only.
    pub parent_id: Option<Uuid>,
    #[serde(default)]
    pub sort_order: i32,
    pub remark: Option<String>,
}

crate::patch!(
    /// Name, order and remark; a category does not move (its code shows its place).
    #[schema(example = json!({"name": "办公桌椅", "sort_order": 2}))]
    pub struct CategoryPatch for CategoryInput { name: String, sort_order: i32; remark: String }
);

impl CategoryInput {
    pub fn validate(mut self) -> DomainResult<Self> {
        let mut v = Validator::new();
        self.name = v.required("name", &self.name, 100);
        self.remark = v.optional_text("remark", self.remark.as_deref(), 500);
        if !(0..=9999).contains(&self.sort_order) {
            v.add("sort_order", "out_of_range", "between 0 and 9999");
        }
        v.finish()?;
        Ok(self)
    }
}

// A new product; also what a patch applies to.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewProduct, example = json!({"name": "人体工学椅", "category_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e70", "unit": "把", "price": "1234.56", "currency": "CNY", "on_sale": true}))]
pub struct ProductInput {
    pub name: String,
    pub category_id: Uuid,
    pub unit: Option<String>,
    /// A decimal string ("1234.56") or an integer; ≥ 0, at most two decimals. A JSON
    /// number with a fraction is refused.
    #[serde(deserialize_with = "crate::amount::amount")]
    #[schema(value_type = String, example = "1234.56")]
    pub price: Decimal,
    /// ISO 4217; CNY when absent.
    pub currency: Option<String>,
    pub description: Option<String>,
    #[serde(default = "on_sale_by_default")]
    pub on_sale: bool,
}

fn on_sale_by_default() -> bool {
    true
}

// A product's PATCH body, written out: `price` and `currency` take rules `patch!` has not.
#[derive(Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"price": "999.00", "on_sale": false}))]
pub struct ProductPatch {
    pub name: Option<String>,
    pub category_id: Option<Uuid>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub unit: Option<Option<String>>,
    /// As on create: a decimal string or an integer.
    #[serde(default, deserialize_with = "crate::amount::opt_amount")]
    #[schema(value_type = Option<String>, example = "999.00")]
    pub price: Option<Decimal>,
    pub currency: Option<String>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub description: Option<Option<String>>,
    pub on_sale: Option<bool>,
}

impl ProductPatch {
    /// The input of the product with this patch applied to `current`.
    pub fn apply(self, mut current: ProductInput) -> ProductInput {
        if let Some(v) = self.name {
            current.name = v;
        }
        if let Some(v) = self.category_id {
            current.category_id = v;
        }
        if let Some(v) = self.unit {
            current.unit = v;
        }
        if let Some(v) = self.price {
            current.price = v;
        }
        if let Some(v) = self.currency {
            current.currency = Some(v);
        }
        if let Some(v) = self.description {
            current.description = v;
        }
        if let Some(v) = self.on_sale {
            current.on_sale = v;
        }
        current
    }
}

/// A product's fields after the checks, with the price in minor units.
#[derive(Debug, Clone)]
pub struct CheckedProduct {
    pub name: String,
    pub category_id: Uuid,
    pub unit: Option<String>,
    pub price_minor: i64,
    pub currency: String,
    pub description: Option<String>,
    pub on_sale: bool,
}

impl ProductInput {
    pub fn validate(self) -> DomainResult<CheckedProduct> {
        let mut v = Validator::new();
        let name = v.required("name", &self.name, 200);
        let unit = v.optional("unit", self.unit.as_deref(), 20);
        let price_minor = money::to_minor(&mut v, "price", self.price);
        let currency = money::currency(&mut v, "currency", self.currency.as_deref());
        let description = v.optional_text("description", self.description.as_deref(), 5000);
        v.finish()?;
        Ok(CheckedProduct { name, category_id: self.category_id, unit, price_minor, currency, description, on_sale: self.on_sale })
    }
}

// A new supplier; also what a patch applies to.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewSupplier, example = json!({"name": "上海办公设备有限公司", "contact": "周经理", "phone": "021-6100 2000", "province": "上海", "city": "上海"}))]
pub struct SupplierInput {
    pub name: String,
    pub contact: Option<String>,
    pub phone: Option<String>,
    /// The region by its GB/T 2260 code, a province or city (`regions`): its names fill
    /// `province` and `city`. Without it, names that are a region get its code.
    #[schema(example = "310100")]
    pub region_code: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub address: Option<String>,
    pub remark: Option<String>,
}

crate::patch!(
    /// Fields to change; absent fields stay, `null` clears.
    #[schema(example = json!({"contact": "吴经理"}))]
    pub struct SupplierPatch for SupplierInput { name: String; region_code: String, contact: String, phone: String, province: String, city: String, address: String, remark: String }
);

impl SupplierInput {
    pub fn validate(mut self) -> DomainResult<Self> {
        let mut v = Validator::new();
        self.name = v.required("name", &self.name, 200);
        self.contact = v.optional("contact", self.contact.as_deref(), 50);
        self.phone = v.phone("phone", self.phone.as_deref());
        self.province = v.optional("province", self.province.as_deref(), 50);
        self.city = v.optional("city", self.city.as_deref(), 50);
        self.region_code = crate::regions::settle(&mut v, self.region_code.as_deref(), &mut [&mut self.province, &mut self.city]);
        self.address = v.optional("address", self.address.as_deref(), 300);
        self.remark = v.optional_text("remark", self.remark.as_deref(), 2000);
        v.finish()?;
        Ok(self)
    }
}

#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = PriceItem)]
pub struct PriceItemInput {
    pub product_id: Uuid,
    /// A decimal string or an integer; ≥ 0, at most two decimals.
    #[serde(deserialize_with = "crate::amount::amount")]
    #[schema(value_type = String, example = "980.00")]
    pub price: Decimal,
    /// ISO 4217; CNY when absent.
    pub currency: Option<String>,
    pub valid_from: NaiveDate,
    /// Not before `valid_from`; null for open-ended.
    pub valid_to: Option<NaiveDate>,
    pub remark: Option<String>,
}

#[derive(Debug, Clone)]
pub struct CheckedPriceItem {
    pub product_id: Uuid,
    pub price_minor: i64,
    pub currency: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub remark: Option<String>,
}

/// Checks a whole price list; errors name the item, e.g. `items[2].valid_to`.
pub fn validate_price_list(items: Vec<PriceItemInput>) -> DomainResult<Vec<CheckedPriceItem>> {
    let mut v = Validator::new();
    if items.len() > 500 {
        v.add("items", "too_many", "at most 500 prices per supplier");
    }
    let out = items
        .into_iter()
        .enumerate()
        .map(|(i, it)| {
            let f = |name: &str| format!("items[{i}].{name}");
            if it.valid_to.is_some_and(|to| to < it.valid_from) {
                v.add(&f("valid_to"), "before_valid_from", "must not be before valid_from");
            }
            CheckedPriceItem {
                product_id: it.product_id,
                price_minor: money::to_minor(&mut v, &f("price"), it.price),
                currency: money::currency(&mut v, &f("currency"), it.currency.as_deref()),
                valid_from: it.valid_from,
                valid_to: it.valid_to,
                remark: v.optional_text(&f("remark"), it.remark.as_deref(), 500),
            }
        })
        .collect();
    v.finish()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn names_compare_without_case_and_spacing() {
        assert_eq!(name_key("  Office   Chair "), name_key("office chair"));
        assert_ne!(name_key("办公椅"), name_key("办公桌"));
    }

    #[test]
    fn price_list_errors_name_the_item() {
        let day = |s: &str| NaiveDate::from_str(s).unwrap();
        let item = |price: &str, from: &str, to: Option<&str>| PriceItemInput {
            product_id: Uuid::nil(),
            price: Decimal::from_str(price).unwrap(),
            currency: None,
            valid_from: day(from),
            valid_to: to.map(day),
            remark: None,
        };
        assert!(validate_price_list(vec![item("10.5", "2026-01-01", Some("2026-12-31"))]).is_ok());
        let e = validate_price_list(vec![item("10", "2026-01-01", None), item("-1", "2026-02-01", Some("2026-01-01"))]).unwrap_err();
        let fields: Vec<&str> = e.errors.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, vec!["items[1].valid_to", "items[1].price"]);
    }
}
