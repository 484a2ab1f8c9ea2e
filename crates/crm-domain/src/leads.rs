//! Leads [线索] (SAL-1): people and companies not yet customers, worked through statuses
//! until converted into a customer (with a contact and an opportunity), or kept in the
//! lead pool when nobody owns them.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::customers::NewCustomer;
use crate::validate::Validator;
use crate::DomainResult;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum LeadStatus {
    New,
    Contacted,
    Qualified,
    Unqualified,
    /// Set by `POST /leads/{id}/convert` only; a converted lead is read-only.
    Converted,
}

impl LeadStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            LeadStatus::New => "new",
            LeadStatus::Contacted => "contacted",
            LeadStatus::Qualified => "qualified",
            LeadStatus::Unqualified => "unqualified",
            LeadStatus::Converted => "converted",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "new" => Some(LeadStatus::New),
            "contacted" => Some(LeadStatus::Contacted),
            "qualified" => Some(LeadStatus::Qualified),
            "unqualified" => Some(LeadStatus::Unqualified),
            "converted" => Some(LeadStatus::Converted),
            _ => None,
        }
    }
}

fn new_status() -> LeadStatus {
    LeadStatus::New
}

// A new lead; also what a patch applies to.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewLead, example = json!({"name": "陈静", "company": "宁波海通物流有限公司", "title": "采购经理", "mobile": "13912345678",
    "email": "chen.jing@haitong-logistics.cn", "source": "exhibition", "province": "浙江省", "city": "宁波市"}))]
pub struct LeadInput {
    /// The person's name; at most 100 characters.
    pub name: String,
    /// At most 200 characters.
    pub company: Option<String>,
    /// At most 100 characters.
    pub title: Option<String>,
    pub phone: Option<String>,
    pub mobile: Option<String>,
    pub email: Option<String>,
    /// A code of the `customer_source` dictionary.
    pub source: Option<String>,
    /// new (when absent), contacted, qualified or unqualified; `converted` comes only from
    /// converting it.
    #[serde(default = "new_status")]
    pub status: LeadStatus,
    /// Who works it: absent → the caller; `null` → the lead pool (nobody's, claimable);
    /// another user → one whose records the caller's scope covers.
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<Uuid>)]
    pub owner_id: Option<Option<Uuid>>,
    /// At most 50 characters.
    pub province: Option<String>,
    /// At most 50 characters.
    pub city: Option<String>,
    /// At most 300 characters.
    pub address: Option<String>,
    /// At most 2000 characters; line breaks allowed.
    pub remark: Option<String>,
}

crate::patch!(
    /// Fields to change; absent fields stay, `null` clears. The owner changes by claim,
    /// release and assign.
    #[schema(example = json!({"status": "contacted", "remark": "已电话沟通，下周拜访"}))]
    pub struct LeadPatch for LeadInput { name: String, status: LeadStatus; company: String, title: String, phone: String, mobile: String, email: String, source: String, province: String, city: String, address: String, remark: String }
);

impl LeadInput {
    pub fn validate(mut self) -> DomainResult<Self> {
        let mut v = Validator::new();
        self.name = v.required("name", &self.name, 100);
        self.company = v.optional("company", self.company.as_deref(), 200);
        self.title = v.optional("title", self.title.as_deref(), 100);
        self.phone = v.phone("phone", self.phone.as_deref());
        self.mobile = v.phone("mobile", self.mobile.as_deref());
        self.email = v.email("email", self.email.as_deref());
        self.source = v.optional("source", self.source.as_deref(), 50);
        self.province = v.optional("province", self.province.as_deref(), 50);
        self.city = v.optional("city", self.city.as_deref(), 50);
        self.address = v.optional("address", self.address.as_deref(), 300);
        self.remark = v.optional_text("remark", self.remark.as_deref(), 2000);
        if self.status == LeadStatus::Converted {
            v.add("status", "converted_by_convert", "a lead becomes converted by POST /leads/{id}/convert");
        }
        v.finish()?;
        Ok(self)
    }
}

/// The customer a conversion leads to: an existing one, or a new one.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum ConvertCustomer {
    /// A customer the caller may change, when the lead turns out to be one already.
    Existing { use_existing_id: Uuid },
    /// A new customer with these fields (the duplicate check of customers applies: 409
    /// naming the existing one).
    New(Box<NewCustomer>),
}

/// The opportunity a conversion opens.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ConvertOpportunity, example = json!({"name": "仓储设备采购", "amount": "50000.00", "currency": "CNY", "expected_close_date": "2027-01-31"}))]
pub struct ConvertOpportunity {
    /// At most 200 characters.
    pub name: String,
    /// A decimal string; 0 when absent.
    #[serde(default, deserialize_with = "crate::amount::opt_amount")]
    #[schema(value_type = Option<String>, example = "50000.00")]
    pub amount: Option<Decimal>,
    pub currency: Option<String>,
    pub expected_close_date: Option<NaiveDate>,
    /// The first open stage when absent.
    pub stage_id: Option<Uuid>,
}

/// `POST /leads/{id}/convert`.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = LeadConversion, example = json!({"customer": {"name": "宁波海通物流有限公司", "source": "exhibition", "city": "宁波市"}, "contact": true,
    "opportunity": {"name": "仓储设备采购", "amount": "50000.00", "expected_close_date": "2027-01-31"}}))]
pub struct Conversion {
    /// Absent: a new customer named after the lead's company (or the lead's name), with
    /// its phone, e-mail, source and place.
    pub customer: Option<ConvertCustomer>,
    /// Make the lead's person a contact of the customer (primary when it is new). True
    /// when absent.
    #[serde(default = "yes")]
    pub contact: bool,
    pub opportunity: Option<ConvertOpportunity>,
}

fn yes() -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lead_is_never_created_converted_and_names_are_required() {
        let input: LeadInput = serde_json::from_str(r#"{"name": "陈静", "status": "converted"}"#).unwrap();
        assert_eq!(input.validate().unwrap_err().errors[0].field, "status");
        let input: LeadInput = serde_json::from_str(r#"{"name": " ", "email": "nope"}"#).unwrap();
        let e = input.validate().unwrap_err();
        let fields: Vec<&str> = e.errors.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, vec!["name", "email"]);
    }

    #[test]
    fn owner_absent_and_null_differ() {
        let absent: LeadInput = serde_json::from_str(r#"{"name": "a"}"#).unwrap();
        let pool: LeadInput = serde_json::from_str(r#"{"name": "a", "owner_id": null}"#).unwrap();
        assert_eq!((absent.owner_id, pool.owner_id), (None, Some(None)));
    }

    #[test]
    fn a_conversion_names_an_existing_customer_or_new_fields() {
        let c: Conversion = serde_json::from_str(r#"{"customer": {"use_existing_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f"}}"#).unwrap();
        assert!(matches!(c.customer, Some(ConvertCustomer::Existing { .. })) && c.contact);
        let c: Conversion = serde_json::from_str(r#"{"customer": {"name": "海通"}, "contact": false}"#).unwrap();
        assert!(matches!(c.customer, Some(ConvertCustomer::New(_))) && !c.contact);
    }
}
