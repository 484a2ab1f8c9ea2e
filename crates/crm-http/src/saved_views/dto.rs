use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use crm_persistence::saved_views::ViewView;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4eb0", "resource": "customers", "name": "我的潜在客户",
    "query": {"pool": "potential", "level": "a", "sort": "-next_follow_up_at"}, "columns": ["code", "name", "level", "next_follow_up_at"],
    "is_default": true, "version": 1, "created_at": "2026-11-25T09:00:00Z", "updated_at": "2026-11-25T09:00:00Z"}))]
pub struct SavedView {
    pub id: Uuid,
    /// The list page: customers, interactions, products or suppliers.
    pub resource: String,
    pub name: String,
    /// The list's query parameters (filters, `q`, `sort`, `page_size`), as strings.
    pub query: BTreeMap<String, String>,
    /// The visible columns, in order.
    pub columns: Vec<String>,
    /// The view the page opens with; one per page.
    pub is_default: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<ViewView> for SavedView {
    fn from(v: ViewView) -> Self {
        Self { id: v.id, resource: v.resource, name: v.name, query: v.query, columns: v.columns, is_default: v.is_default, version: v.version, created_at: v.created_at, updated_at: v.updated_at }
    }
}

#[derive(Serialize, ToSchema)]
pub struct SavedViewList {
    pub items: Vec<SavedView>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"resource": "customers", "name": "我的潜在客户", "query": {"pool": "potential", "level": "a"}, "columns": ["code", "name", "level"], "is_default": true}))]
pub struct NewSavedView {
    pub resource: String,
    pub name: String,
    #[serde(default)]
    pub query: BTreeMap<String, String>,
    #[serde(default)]
    pub columns: Vec<String>,
    #[serde(default)]
    pub is_default: bool,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"is_default": true}))]
pub struct SavedViewPatch {
    pub name: Option<String>,
    pub query: Option<BTreeMap<String, String>>,
    pub columns: Option<Vec<String>>,
    pub is_default: Option<bool>,
}
