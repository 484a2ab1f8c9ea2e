use chrono::{DateTime, Utc};
use crm_domain::customers as d;
use crm_persistence::customers::duplicates::Duplicate;
use crm_persistence::customers::records::CustomerView;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Serialize, Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum CustomerKind {
    Company,
    Person,
}

impl From<CustomerKind> for d::CustomerKind {
    fn from(k: CustomerKind) -> Self {
        match k {
            CustomerKind::Company => d::CustomerKind::Company,
            CustomerKind::Person => d::CustomerKind::Person,
        }
    }
}

/// A customer (CUS-1).
#[derive(Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "code": "C0000042", "name": "上海华东精密机械有限公司", "kind": "company",
    "industry": "manufacturing", "source": "exhibition", "level": "a", "province": "上海", "city": "上海", "district": "浦东新区",
    "address": "张江路 88 号", "phone": "+86 21 5080 1234", "email": "info@hd-precision.cn", "website": "https://hd-precision.cn",
    "tags": ["重点", "华东"], "remark": null, "owner_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e60", "owner_name": "张三",
    "pool": "potential", "pool_reason": null, "deal_status": "none", "last_follow_up_at": null, "next_follow_up_at": null, "version": 1,
    "created_by": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e60", "created_at": "2026-11-24T09:30:00Z", "updated_at": "2026-11-24T09:30:00Z"
}))]
pub struct Customer {
    pub id: Uuid,
    /// Generated, unique, human-friendly.
    pub code: String,
    pub name: String,
    /// `company` or `person`.
    pub kind: String,
    /// Code of the `industry` dictionary.
    pub industry: Option<String>,
    /// Code of the `customer_source` dictionary.
    pub source: Option<String>,
    /// Code of the `customer_level` dictionary.
    pub level: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub district: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub tags: Vec<String>,
    pub remark: Option<String>,
    /// Null in the public pool.
    pub owner_id: Option<Uuid>,
    pub owner_name: Option<String>,
    /// `public`, `potential`, `won` or `invalid`.
    pub pool: String,
    /// Why it was last released or invalidated.
    pub pool_reason: Option<String>,
    /// `none` or `won`.
    pub deal_status: String,
    pub last_follow_up_at: Option<DateTime<Utc>>,
    pub next_follow_up_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<CustomerView> for Customer {
    fn from(v: CustomerView) -> Self {
        Self {
            id: v.id,
            code: v.code,
            name: v.name,
            kind: v.kind,
            industry: v.industry,
            source: v.source,
            level: v.level,
            province: v.province,
            city: v.city,
            district: v.district,
            address: v.address,
            phone: v.phone,
            email: v.email,
            website: v.website,
            tags: v.tags,
            remark: v.remark,
            owner_id: v.owner_id,
            owner_name: v.owner_name,
            pool: v.pool,
            pool_reason: v.pool_reason,
            deal_status: v.deal_status,
            last_follow_up_at: v.last_follow_up_at,
            next_follow_up_at: v.next_follow_up_at,
            version: v.version,
            created_by: v.created_by,
            created_at: v.created_at,
            updated_at: v.updated_at,
        }
    }
}

fn company() -> CustomerKind {
    CustomerKind::Company
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "上海华东精密机械有限公司", "kind": "company", "industry": "manufacturing", "source": "exhibition", "level": "a",
    "province": "上海", "city": "上海", "phone": "+86 21 5080 1234", "email": "info@hd-precision.cn", "tags": ["重点"]}))]
pub struct NewCustomer {
    /// At most 200 characters; duplicates (by normalised name) are refused.
    pub name: String,
    #[serde(default = "company")]
    pub kind: CustomerKind,
    pub industry: Option<String>,
    pub source: Option<String>,
    pub level: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub district: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub remark: Option<String>,
}

impl From<NewCustomer> for d::NewCustomer {
    fn from(c: NewCustomer) -> Self {
        Self {
            name: c.name,
            kind: c.kind.into(),
            industry: c.industry,
            source: c.source,
            level: c.level,
            province: c.province,
            city: c.city,
            district: c.district,
            address: c.address,
            phone: c.phone,
            email: c.email,
            website: c.website,
            tags: c.tags,
            remark: c.remark,
        }
    }
}

macro_rules! nullable {
    ($($field:ident),*) => {
        /// Fields to change; absent fields stay, `null` clears.
        #[derive(Deserialize, ToSchema)]
        #[serde(deny_unknown_fields)]
        #[schema(example = json!({"level": "b", "phone": null, "tags": ["华东"]}))]
        pub struct CustomerPatch {
            pub name: Option<String>,
            pub kind: Option<CustomerKind>,
            pub tags: Option<Vec<String>>,
            $(
                #[serde(default, deserialize_with = "crate::patch::field")]
                #[schema(value_type = Option<String>)]
                pub $field: Option<Option<String>>,
            )*
        }

        impl From<CustomerPatch> for d::CustomerPatch {
            fn from(p: CustomerPatch) -> Self {
                Self { name: p.name, kind: p.kind.map(Into::into), tags: p.tags, $($field: p.$field,)* }
            }
        }
    };
}
nullable!(industry, source, level, province, city, district, address, phone, email, website, remark);

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"reason": "客户暂无采购计划"}))]
pub struct PoolReason {
    /// Required; kept on the customer and in the operation log.
    pub reason: String,
}

#[derive(Serialize, ToSchema)]
pub struct DuplicateMatch {
    /// `name`, `phone` or `email`.
    pub field: String,
    pub id: Uuid,
    pub name: String,
}

impl From<Duplicate> for DuplicateMatch {
    fn from(d: Duplicate) -> Self {
        Self { field: d.field, id: d.id, name: d.name }
    }
}

#[derive(Serialize, ToSchema)]
pub struct DuplicateList {
    pub items: Vec<DuplicateMatch>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"customer_ids": ["01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f"], "owner_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e60"}))]
pub struct AssignRequest {
    /// Public customers, at most 1000.
    pub customer_ids: Vec<Uuid>,
    pub owner_id: Uuid,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"customer_ids": ["01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f"], "owner_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e60", "with_contacts": true, "with_opportunities": true}))]
pub struct TransferRequest {
    /// Owned (potential or won) customers the caller may see, at most 1000.
    pub customer_ids: Vec<Uuid>,
    /// An enabled user.
    pub owner_id: Uuid,
    /// Contacts belong to their customer and always move with it; accepted for clients
    /// written against the contract.
    #[serde(default = "yes")]
    pub with_contacts: bool,
    /// Open opportunities will move with their customer once the opportunities module exists.
    #[serde(default = "yes")]
    pub with_opportunities: bool,
}

fn yes() -> bool {
    true
}

#[derive(Serialize, ToSchema)]
pub struct CustomerList {
    pub items: Vec<Customer>,
}

/// The pool rules (CUS-7). Null limits are off.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"enabled": true, "return_after_days_without_follow_up": 30, "return_after_days_without_deal": 90,
    "max_customers_per_owner": 200, "reclaim_cooldown_days": 7, "exempt_won": true}))]
pub struct PoolRulesBody {
    pub enabled: bool,
    /// Owned customers with no follow-up for this many days go back to the public pool.
    pub return_after_days_without_follow_up: Option<i32>,
    /// Owned customers without a deal this many days after their owner got them go back.
    pub return_after_days_without_deal: Option<i32>,
    /// The most customers one person may own (claim and assign are refused beyond it).
    pub max_customers_per_owner: Option<i32>,
    /// Days before someone may re-claim a customer they released (or lost to the rules).
    pub reclaim_cooldown_days: Option<i32>,
    /// Won customers never return and do not count towards the cap.
    pub exempt_won: bool,
}

/// The rules as stored. Its fields are written out rather than flattened from
/// `PoolRulesBody`, whose schema forbids fields it does not name (the answer has more).
#[derive(Serialize, ToSchema)]
pub struct PoolRulesState {
    pub enabled: bool,
    pub return_after_days_without_follow_up: Option<i32>,
    pub return_after_days_without_deal: Option<i32>,
    pub max_customers_per_owner: Option<i32>,
    pub reclaim_cooldown_days: Option<i32>,
    pub exempt_won: bool,
    /// 0 until an admin first saves the rules.
    pub version: i32,
    pub updated_at: Option<DateTime<Utc>>,
    pub last_applied_at: Option<DateTime<Utc>>,
}

#[derive(Serialize, ToSchema)]
pub struct PoolRulesApplied {
    /// How many customers went back to the public pool.
    #[schema(example = 3)]
    pub returned: u64,
}

#[derive(Serialize, ToSchema)]
pub struct TimelineItem {
    /// `follow_up`, or the logged action: `create`, `update`, `claim`, `release`, `assign`,
    /// `transfer`, `invalidate`, `revalidate`, `return`, `won`, `delete`, `restore`.
    #[schema(example = "release")]
    pub kind: String,
    pub at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub actor_name: Option<String>,
    /// Field-level before/after for logged actions.
    pub changes: Vec<crate::admin::dto::FieldChange>,
    /// Set when `kind` is `follow_up`.
    pub follow_up: Option<crate::follow_ups::dto::FollowUp>,
}

impl From<crm_persistence::customers::timeline::TimelineItem> for TimelineItem {
    fn from(t: crm_persistence::customers::timeline::TimelineItem) -> Self {
        Self {
            kind: t.kind,
            at: t.at,
            actor_id: t.actor_id,
            actor_name: t.actor_name,
            changes: t.changes.into_iter().map(|c| crate::admin::dto::FieldChange { field: c.field, before: c.before, after: c.after }).collect(),
            follow_up: t.follow_up.map(Into::into),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Collaborator {
    pub user_id: Uuid,
    pub display_name: String,
    /// `read` or `edit`.
    #[schema(example = "edit")]
    pub access: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
pub struct CollaboratorList {
    pub items: Vec<Collaborator>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShareItem {
    pub user_id: Uuid,
    /// `read` or `edit`.
    pub access: String,
}

/// The complete new list; it replaces the old one.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"items": [{"user_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e60", "access": "read"}]}))]
pub struct CollaboratorsPut {
    pub items: Vec<ShareItem>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"other_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e63", "fields": {"phone": "other", "name": "this"}}))]
pub struct MergeRequest {
    /// The customer merged away (to the recycle bin).
    pub other_id: Uuid,
    /// Per field, whose value survives: `this` or `other`. Fields not named keep this
    /// record's value, or take the other's where this one has none.
    #[serde(default)]
    pub fields: std::collections::BTreeMap<String, String>,
}

/// Up to 1000 customers in one request (API.md: batch).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"items": [{"name": "苏州精工模具有限公司", "industry": "manufacturing", "phone": "0512-6677 8899"}, {"name": "无锡宏达物流", "industry": "logistics"}]}))]
pub struct CustomerBatch {
    pub items: Vec<NewCustomer>,
}

/// Why one item was not written.
#[derive(Serialize, ToSchema)]
pub struct BatchItemError {
    pub code: String,
    pub detail: String,
    pub errors: Vec<crate::problem::ProblemFieldError>,
}

#[derive(Serialize, ToSchema)]
pub struct BatchItemResult {
    /// The item's position in `items`.
    pub index: usize,
    /// 201 written; 409 a duplicate (of a stored customer or of an earlier item); 422 a bad
    /// field or code; 424 valid but not written because another item failed (`atomic`).
    pub status: u16,
    pub id: Option<Uuid>,
    pub error: Option<BatchItemError>,
}

#[derive(Serialize, ToSchema)]
#[schema(example = json!({"results": [{"index": 0, "status": 201, "id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "error": null},
    {"index": 1, "status": 409, "id": null, "error": {"code": "customer.duplicate", "detail": "name: a customer with the same name exists",
    "errors": [{"field": "name", "code": "duplicate", "message": "a customer with the same name exists"}]}}]}))]
pub struct BatchResults {
    pub results: Vec<BatchItemResult>,
}
