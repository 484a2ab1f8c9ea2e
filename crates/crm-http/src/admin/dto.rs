use chrono::{DateTime, Utc};
use crm_persistence::audit::AuditEntry;
use crm_persistence::dictionaries::DictionaryEntry;
use crm_persistence::recycle::RecycledItem;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
pub struct FieldChange {
    #[schema(example = "display_name")]
    pub field: String,
    /// Any JSON value; null when the field was not set.
    #[schema(example = "张三")]
    pub before: serde_json::Value,
    #[schema(example = "张三丰")]
    pub after: serde_json::Value,
}

#[derive(Serialize, ToSchema)]
pub struct AuditLog {
    pub id: Uuid,
    #[schema(example = "users")]
    pub entity: String,
    pub entity_id: Uuid,
    /// `create`, `update`, `delete`, `restore`, or a module's own verb.
    #[schema(example = "update")]
    pub action: String,
    pub actor_id: Option<Uuid>,
    pub actor_name: Option<String>,
    pub ip: Option<String>,
    pub request_id: Option<String>,
    pub changes: Vec<FieldChange>,
    pub created_at: DateTime<Utc>,
}

impl From<AuditEntry> for AuditLog {
    fn from(e: AuditEntry) -> Self {
        Self {
            id: e.id,
            entity: e.entity,
            entity_id: e.entity_id,
            action: e.action,
            actor_id: e.actor_id,
            actor_name: e.actor_name,
            ip: e.ip,
            request_id: e.request_id,
            changes: e.changes.into_iter().map(|c| FieldChange { field: c.field, before: c.before, after: c.after }).collect(),
            created_at: e.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
#[schema(example = json!({"code": "it", "label_zh": "信息技术", "label_en": "Information technology", "sort_order": 0, "enabled": true, "version": 1}))]
pub struct DictionaryItem {
    pub code: String,
    pub label_zh: String,
    pub label_en: String,
    pub sort_order: i32,
    pub enabled: bool,
    pub version: i32,
}

impl From<DictionaryEntry> for DictionaryItem {
    fn from(e: DictionaryEntry) -> Self {
        Self { code: e.code, label_zh: e.label_zh, label_en: e.label_en, sort_order: e.sort_order, enabled: e.enabled, version: e.version }
    }
}

#[derive(Serialize, ToSchema)]
pub struct DictionaryList {
    pub items: Vec<DictionaryItem>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"code": "agriculture", "label_zh": "农业", "label_en": "Agriculture", "sort_order": 120}))]
pub struct NewDictionaryItem {
    /// Lowercase letters, digits and `_`; unique within the kind.
    pub code: String,
    pub label_zh: String,
    pub label_en: String,
    pub sort_order: Option<i32>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"label_zh": "互联网/信息技术", "enabled": false}))]
pub struct DictionaryItemPatch {
    pub label_zh: Option<String>,
    pub label_en: Option<String>,
    pub sort_order: Option<i32>,
    /// Disabled entries stay on old records but cannot be chosen for new ones.
    pub enabled: Option<bool>,
}

#[derive(Serialize, ToSchema)]
pub struct RecycleBinItem {
    #[schema(example = "users")]
    pub entity: String,
    pub id: Uuid,
    /// The record's name, for people.
    pub label: String,
    pub deleted_at: DateTime<Utc>,
    pub deleted_by: Option<Uuid>,
}

impl From<RecycledItem> for RecycleBinItem {
    fn from(r: RecycledItem) -> Self {
        Self { entity: r.entity, id: r.id, label: r.label, deleted_at: r.deleted_at, deleted_by: r.deleted_by }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Health {
    #[schema(example = "ok")]
    pub status: String,
}
