//! Product categories (PRD-1): exactly two levels. A top category's code is the next
//! two-digit number (`01`); a child's is its parent's code and the parent's next number
//! (`0101`), so a code shows where the category sits.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use crm_domain::products::{name_key, CategoryInput, CategoryPatch};
use crm_domain::{DomainError, DomainResult};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use super::entities::category::{self, Column as C, Entity as Category};
use super::entities::product;
use crate::db::db_err;
use crate::kit::{self, Policy, Resource};
use crate::listing::{FieldKind, Filter, ListSpec};
use crate::tx::Tx;
use crate::{sequences, Ctx, Db};

crate::soft_delete!(Category, "product_categories", Name);

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Category, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e70", "name": "办公家具", "code": "0101", "parent_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e6f",
    "sort_order": 0, "remark": null, "version": 1, "created_at": "2026-11-25T09:00:00Z", "updated_at": "2026-11-25T09:00:00Z"}))]
pub struct CategoryView {
    pub id: Uuid,
    pub name: String,
    /// `01` for a top category, `0101` for its first child.
    pub code: String,
    pub parent_id: Option<Uuid>,
    pub sort_order: i32,
    pub remark: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<category::Model> for CategoryView {
    fn from(m: category::Model) -> Self {
        Self {
            id: m.id,
            name: m.name,
            code: m.code,
            parent_id: m.parent_id,
            sort_order: m.sort_order,
            remark: m.remark,
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CategoryNode {
    #[serde(flatten)]
    pub category: CategoryView,
    /// Live products filed directly under this category.
    pub product_count: u64,
    pub children: Vec<CategoryNode>,
}

/// Categories on the kit: a catalogue record.
pub struct Categories;

impl Resource for Categories {
    type Entity = Category;
    type View = CategoryView;
    const WHAT: &'static str = "product category";
    const POLICY: Policy = Policy::Catalogue;

    fn spec() -> ListSpec<Category> {
        ListSpec {
            filters: vec![Filter { name: "parent_id", column: C::ParentId, kind: FieldKind::Uuid, range: false }],
            sorts: vec![("code", C::Code), ("name", C::Name), ("sort_order", C::SortOrder), ("created_at", C::CreatedAt)],
            search: vec![C::Name, C::Code],
            search_index: None,
            default_sort: vec![(C::Code, Order::Asc)],
            tie_breaker: C::Id,
        }
    }


    async fn views(_: &impl ConnectionTrait, _: &Ctx, rows: Vec<category::Model>) -> DomainResult<Vec<CategoryView>> {
        Ok(rows.into_iter().map(CategoryView::from).collect())
    }
}

fn live() -> sea_orm::Select<Category> {
    Category::find().filter(C::DeletedAt.is_null())
}

pub(crate) async fn find_live(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<category::Model> {
    live().filter(C::Id.eq(id)).one(db).await.map_err(db_err)?.ok_or_else(|| DomainError::not_found(Categories::WHAT))
}

/// The whole tree with product counts, in two queries.
pub async fn tree(db: &Db) -> DomainResult<Vec<CategoryNode>> {
    let rows = live().order_by_asc(C::SortOrder).order_by_asc(C::Code).all(db).await.map_err(db_err)?;
    let counts: HashMap<Uuid, i64> = product::Entity::find()
        .select_only()
        .column(product::Column::CategoryId)
        .column_as(product::Column::Id.count(), "n")
        .filter(product::Column::DeletedAt.is_null())
        .group_by(product::Column::CategoryId)
        .into_tuple::<(Uuid, i64)>()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .collect();
    let node = |m: category::Model| CategoryNode {
        product_count: counts.get(&m.id).copied().map_or(0, |n| u64::try_from(n).unwrap_or(0)),
        category: m.into(),
        children: Vec::new(),
    };
    let (tops, children): (Vec<_>, Vec<_>) = rows.into_iter().partition(|m| m.parent_id.is_none());
    let mut by_parent: HashMap<Uuid, Vec<CategoryNode>> = HashMap::new();
    for c in children {
        if let Some(p) = c.parent_id {
            by_parent.entry(p).or_default().push(node(c));
        }
    }
    Ok(tops
        .into_iter()
        .map(|t| {
            let mut n = node(t);
            n.children = by_parent.remove(&n.category.id).unwrap_or_default();
            n
        })
        .collect())
}

/// 409 when a live sibling already has this name.
async fn check_sibling_name(db: &impl ConnectionTrait, parent_key: &str, name_norm: &str, except: Option<Uuid>) -> DomainResult<()> {
    let mut q = live().filter(C::ParentKey.eq(parent_key)).filter(C::NameNorm.eq(name_norm));
    if let Some(id) = except {
        q = q.filter(C::Id.ne(id));
    }
    if let Some(other) = q.one(db).await.map_err(db_err)? {
        let message = format!("a category named {} already exists here", other.name);
        return Err(DomainError::duplicate("category.duplicate", message, "name", "the same name exists under this parent".into(), other.id, &other.name));
    }
    Ok(())
}

pub async fn create(db: &Db, ctx: &Ctx, input: CategoryInput) -> DomainResult<CategoryView> {
    kit::create::<Categories, _>(db, ctx, async |tx| build(tx, input).await).await
}

/// Up to 1000 categories, each checked as `create` checks one (a parent made earlier in
/// the batch counts).
pub async fn batch(db: &Db, ctx: &Ctx, items: Vec<CategoryInput>, atomic: bool) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch::<Categories, _, _>(db, ctx, items, atomic, async |tx, input| build(tx, input).await).await
}

async fn build(tx: &Tx, input: CategoryInput) -> DomainResult<category::Model> {
    let input = input.validate()?;
    let code = match input.parent_id {
        None => format!("{:02}", sequences::next(tx, "product_categories").await?),
        Some(pid) => {
            let parent = live().filter(C::Id.eq(pid)).one(tx).await.map_err(db_err)?.ok_or_else(|| DomainError::invalid_field("parent_id", "not_found", "no such category"))?;
            if parent.parent_id.is_some() {
                let mut e = DomainError::invalid_field("parent_id", "too_deep", "categories have two levels: choose a top category as the parent");
                e.code = "category.too_deep".into();
                return Err(e);
            }
            format!("{}{:02}", parent.code, sequences::next(tx, &format!("product_categories:{}", parent.code)).await?)
        }
    };
    let parent_key = input.parent_id.map(|p| p.to_string()).unwrap_or_default();
    let name_norm = name_key(&input.name);
    check_sibling_name(tx, &parent_key, &name_norm, None).await?;
    Ok(category::Model {
        id: Uuid::now_v7(),
        name: input.name,
        name_norm,
        parent_id: input.parent_id,
        parent_key,
        code,
        sort_order: input.sort_order,
        remark: input.remark,
        ..Default::default()
    })
}

/// Name, order and remark change; the place in the tree (and so the code) does not.
pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: CategoryPatch, if_match: Option<i32>) -> DomainResult<CategoryView> {
    kit::update::<Categories, _>(db, ctx, id, if_match, async |tx, current| {
        let input = CategoryInput { name: current.name.clone(), parent_id: current.parent_id, sort_order: current.sort_order, remark: current.remark.clone() };
        let input = patch.apply(input).validate()?;
        let name_norm = name_key(&input.name);
        check_sibling_name(tx, &current.parent_key, &name_norm, Some(id)).await?;
        Ok(category::Model { name: input.name, name_norm, sort_order: input.sort_order, remark: input.remark, ..current })
    })
    .await
}

/// Logical delete, refused while live children or products depend on it (named in the 409).
pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    kit::delete::<Categories, _>(db, ctx, id, if_match, async |tx, _| {
        let children: Vec<String> = live().select_only().column(C::Name).filter(C::ParentId.eq(id)).limit(10).into_tuple().all(tx).await.map_err(db_err)?;
        let products: Vec<String> = product::Entity::find()
            .select_only()
            .column(product::Column::Name)
            .filter(product::Column::CategoryId.eq(id))
            .filter(product::Column::DeletedAt.is_null())
            .limit(10)
            .into_tuple()
            .all(tx)
            .await
            .map_err(db_err)?;
        if children.is_empty() && products.is_empty() {
            return Ok(());
        }
        let mut what = Vec::new();
        if !children.is_empty() {
            what.push(format!("child categories {}", children.join(", ")));
        }
        if !products.is_empty() {
            what.push(format!("products {}", products.join(", ")));
        }
        Err(DomainError::conflict("category.in_use", format!("the category still holds {}", what.join(" and "))).with_extra(json!({"children": children, "products": products})))
    })
    .await
}

/// The category and, for a top category, its children: what `category_id` filters on.
pub(crate) async fn with_children(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<Vec<Uuid>> {
    let mut ids: Vec<Uuid> = live().select_only().column(C::Id).filter(C::ParentId.eq(id)).into_tuple().all(db).await.map_err(db_err)?;
    ids.push(id);
    Ok(ids)
}

/// The category list as a file, each with its parent's name.
pub struct CategoryExport;

#[async_trait::async_trait]
impl crate::table_export::TableExport for CategoryExport {
    type Entity = Category;
    const COLUMNS: &'static [crate::table_export::Column] = {
        use crate::table_export::{col, Cell};
        &[
            col("code", "类别编码", "Code", Cell::Text),
            col("name", "类别名称", "Name", Cell::Text),
            col("parent", "上级类别", "Parent", Cell::Text),
            col("sort_order", "排序", "Sort order", Cell::Number),
            col("remark", "备注", "Remark", Cell::Text),
            col("created_at", "创建时间", "Created", Cell::Time),
            col("updated_at", "更新时间", "Updated", Cell::Time),
        ]
    };

    async fn rows(db: &Db, batch: Vec<category::Model>) -> DomainResult<Vec<Vec<String>>> {
        let parents: Vec<Uuid> = batch.iter().filter_map(|c| c.parent_id).collect();
        let names = crate::opportunities::records::names::<Category>(db, C::Id, C::Name, parents).await?;
        let t = |t| crate::table_export::time(Some(t));
        Ok(batch
            .into_iter()
            .map(|c| {
                let parent = c.parent_id.and_then(|p| names.get(&p).cloned()).unwrap_or_default();
                vec![c.code, c.name, parent, c.sort_order.to_string(), c.remark.unwrap_or_default(), t(c.created_at), t(c.updated_at)]
            })
            .collect())
    }
}
