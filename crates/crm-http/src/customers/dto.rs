use chrono::{DateTime, Utc};
pub use crm_domain::customers::{CustomerKind, CustomerPatch, NewCustomer};
pub use crm_persistence::customers::duplicates::Duplicate as DuplicateMatch;
pub use crm_persistence::customers::records::CustomerView as Customer;
pub use crm_persistence::customers::timeline::TimelineItem;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"reason": "客户暂无采购计划"}))]
pub struct PoolReason {
    /// Required; kept on the customer and in the operation log.
    pub reason: String,
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
    /// The customers' open opportunities move to the new owner too (won and lost ones
    /// stay with whoever closed them). True when absent.
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

pub use crate::batch::{BatchItemError, BatchItemResult, BatchResults};
