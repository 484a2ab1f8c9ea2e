//! Products and categories on the wire: the kit's read models and the domain's inputs,
//! and the category tree, whose nesting is the HTTP layer's own.

pub use crm_domain::products::{CategoryInput as NewCategory, CategoryPatch, ProductInput as NewProduct, ProductPatch};
pub use crm_persistence::products::categories::CategoryView as Category;
pub use crm_persistence::products::service::ProductView as Product;
use crm_persistence::products::categories::CategoryNode as NodeView;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
#[schema(no_recursion)]
pub struct CategoryNode {
    pub id: Uuid,
    pub name: String,
    pub code: String,
    pub parent_id: Option<Uuid>,
    pub sort_order: i32,
    pub remark: Option<String>,
    /// Live products filed directly under this category.
    pub product_count: u64,
    pub children: Vec<CategoryNode>,
}

impl From<NodeView> for CategoryNode {
    fn from(n: NodeView) -> Self {
        let c = n.category;
        Self {
            id: c.id,
            name: c.name,
            code: c.code,
            parent_id: c.parent_id,
            sort_order: c.sort_order,
            remark: c.remark,
            product_count: n.product_count,
            children: n.children.into_iter().map(Into::into).collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
#[schema(example = json!({"items": [{"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e6f", "name": "办公用品", "code": "01", "parent_id": null, "sort_order": 0, "remark": null, "product_count": 0,
    "children": [{"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e70", "name": "办公家具", "code": "0101", "parent_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e6f", "sort_order": 0, "remark": null, "product_count": 3, "children": []}]}]}))]
pub struct CategoryTree {
    pub items: Vec<CategoryNode>,
}

