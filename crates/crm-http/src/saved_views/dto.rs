pub use crm_domain::saved_views::{SavedViewPatch, ViewInput as NewSavedView};
pub use crm_persistence::saved_views::ViewView as SavedView;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct SavedViewList {
    pub items: Vec<SavedView>,
}
