pub use crm_domain::audit::FieldChange;
pub use crm_persistence::audit::AuditEntry as AuditLog;
pub use crm_persistence::dictionaries::{DictionaryEntry as DictionaryItem, EntryPatch as DictionaryItemPatch, NewEntry as NewDictionaryItem};
pub use crm_persistence::recycle::RecycledItem as RecycleBinItem;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct DictionaryList {
    pub items: Vec<DictionaryItem>,
}

#[derive(Serialize, ToSchema)]
pub struct Health {
    #[schema(example = "ok")]
    pub status: String,
}
