//! Departments as a tree (SYS-3), a catalogue resource of the kit.

use chrono::{DateTime, Utc};
use crm_domain::system::{is_cycle, DepartmentPatch, NewDepartment};
use crm_domain::validate::Validator;
use crm_domain::{DomainError, DomainResult};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use uuid::Uuid;

use super::entities::{department, user};
use crate::db::db_err;
use crate::kit::{self, policy, Policy, Resource};
use crate::listing::{FieldKind, Filter, ListSpec};
use crate::{Ctx, Db};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Department, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "name": "华东销售部", "parent_id": null, "head_id": null, "remark": null, "sort_order": 0, "version": 1, "created_at": "2026-11-24T09:30:00Z", "updated_at": "2026-11-24T09:30:00Z"}))]
pub struct DepartmentView {
    pub id: Uuid,
    pub name: String,
    pub parent_id: Option<Uuid>,
    pub head_id: Option<Uuid>,
    pub remark: Option<String>,
    pub sort_order: i32,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A department with its sub-departments, for `GET /departments/tree`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DepartmentNode {
    #[serde(flatten)]
    pub department: DepartmentView,
    #[schema(no_recursion)]
    pub children: Vec<DepartmentNode>,
}

impl From<department::Model> for DepartmentView {
    fn from(m: department::Model) -> Self {
        Self {
            id: m.id,
            name: m.name,
            parent_id: m.parent_id,
            head_id: m.head_id,
            remark: m.remark,
            sort_order: m.sort_order,
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

crate::soft_delete!(department::Entity, "departments", Name);

pub struct Departments;

impl Resource for Departments {
    type Entity = department::Entity;
    type View = DepartmentView;
    const WHAT: &'static str = "department";
    const POLICY: Policy = Policy::Catalogue;

    fn spec() -> ListSpec<department::Entity> {
        use department::Column as C;
        ListSpec {
            filters: vec![
                Filter { name: "parent_id", column: C::ParentId, kind: FieldKind::Uuid, range: false },
                Filter { name: "head_id", column: C::HeadId, kind: FieldKind::Uuid, range: false },
            ],
            sorts: vec![("name", C::Name), ("sort_order", C::SortOrder), ("created_at", C::CreatedAt)],
            search: vec![C::Name, C::Remark],
            search_index: None,
            default_sort: vec![(C::SortOrder, Order::Asc), (C::Name, Order::Asc)],
            tie_breaker: C::Id,
        }
    }

    async fn views(_: &impl ConnectionTrait, _: &Ctx, rows: Vec<department::Model>) -> DomainResult<Vec<DepartmentView>> {
        Ok(rows.into_iter().map(Into::into).collect())
    }
}

async fn all_live(db: &impl ConnectionTrait) -> DomainResult<Vec<department::Model>> {
    policy::live::<department::Entity>()
        .order_by_asc(department::Column::SortOrder)
        .order_by_asc(department::Column::Name)
        .all(db)
        .await
        .map_err(db_err)
}

/// The whole tree in one query, roots first, siblings by sort order then name.
pub async fn tree(db: &Db) -> DomainResult<Vec<DepartmentNode>> {
    let all: Vec<DepartmentView> = all_live(db).await?.into_iter().map(Into::into).collect();
    fn build(parent: Option<Uuid>, all: &[DepartmentView], depth: usize) -> Vec<DepartmentNode> {
        if depth > 64 {
            return Vec::new();
        }
        all.iter()
            .filter(|d| d.parent_id == parent)
            .map(|d| DepartmentNode { department: d.clone(), children: build(Some(d.id), all, depth + 1) })
            .collect()
    }
    // A department whose parent was deleted shows as a root rather than vanishing.
    let ids: Vec<Uuid> = all.iter().map(|d| d.id).collect();
    let mut roots = build(None, &all, 0);
    for orphan in all.iter().filter(|d| d.parent_id.is_some_and(|p| !ids.contains(&p))) {
        roots.push(DepartmentNode { department: orphan.clone(), children: build(Some(orphan.id), &all, 1) });
    }
    Ok(roots)
}

/// The parent and head must be live; a parent may not lie below the department itself.
async fn check(db: &impl ConnectionTrait, ctx: &Ctx, id: Uuid, d: &NewDepartment, current: Option<&department::Model>) -> DomainResult<()> {
    let mut v = Validator::new();
    let new_parent = d.parent_id.filter(|p| Some(*p) != current.and_then(|c| c.parent_id));
    if let Some(p) = new_parent {
        if kit::load::<Departments>(db, ctx, p, false).await.is_err() {
            v.add("parent_id", "not_found", "no such department");
        }
    }
    if let Some(h) = d.head_id.filter(|h| Some(*h) != current.and_then(|c| c.head_id)) {
        if super::users::find_live(db, h).await.is_err() {
            v.add("head_id", "not_found", "no such user");
        }
    }
    v.finish()?;
    if let Some(p) = new_parent.filter(|_| current.is_some()) {
        let all = all_live(db).await?;
        let mut ancestors = Vec::new();
        let mut cur = all.iter().find(|d| d.id == p).and_then(|d| d.parent_id);
        while let Some(c) = cur {
            if ancestors.contains(&c) || ancestors.len() > all.len() {
                break;
            }
            ancestors.push(c);
            cur = all.iter().find(|d| d.id == c).and_then(|d| d.parent_id);
        }
        if is_cycle(id, p, &ancestors) {
            return Err(DomainError::invalid_field("parent_id", "cycle", "a department cannot move below itself"));
        }
    }
    Ok(())
}

fn fill(row: department::Model, d: NewDepartment) -> department::Model {
    department::Model { name: d.name, parent_id: d.parent_id, head_id: d.head_id, remark: d.remark, sort_order: d.sort_order, ..row }
}

pub async fn create(db: &Db, ctx: &Ctx, input: NewDepartment) -> DomainResult<DepartmentView> {
    kit::create::<Departments, _>(db, ctx, async |tx| build(tx, ctx, input).await).await
}

/// Creates up to 1000 departments, each checked and answered as `create` would (a parent
/// that exists — an item before it, too — and a name unique under it).
pub async fn batch(db: &Db, ctx: &Ctx, items: Vec<NewDepartment>, atomic: bool) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch::<Departments, _, _>(db, ctx, items, atomic, async |tx, input| build(tx, ctx, input).await).await
}

async fn build(tx: &crate::tx::Tx, ctx: &Ctx, input: NewDepartment) -> DomainResult<department::Model> {
    let d = input.validate()?;
    let id = Uuid::now_v7();
    check(tx, ctx, id, &d, None).await?;
    Ok(fill(department::Model { id, ..Default::default() }, d))
}

pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: DepartmentPatch, if_match: Option<i32>) -> DomainResult<DepartmentView> {
    kit::update::<Departments, _>(db, ctx, id, if_match, async |tx, current| {
        let input = NewDepartment {
            name: current.name.clone(),
            parent_id: current.parent_id,
            head_id: current.head_id,
            remark: current.remark.clone(),
            sort_order: current.sort_order,
        };
        let d = patch.apply(input).validate()?;
        check(tx, ctx, id, &d, Some(&current)).await?;
        Ok(fill(current, d))
    })
    .await
}

/// A department with live sub-departments or members cannot go: they would be orphaned.
pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    kit::delete::<Departments, _>(db, ctx, id, if_match, async |tx, _| {
        let children = policy::live::<department::Entity>().filter(department::Column::ParentId.eq(id)).count(tx).await.map_err(db_err)?;
        if children > 0 {
            return Err(DomainError::conflict("department.has_children", format!("the department has {children} sub-department(s)")));
        }
        let members = user::Entity::find()
            .filter(user::Column::DepartmentId.eq(id))
            .filter(user::Column::DeletedAt.is_null())
            .count(tx)
            .await
            .map_err(db_err)?;
        if members > 0 {
            return Err(DomainError::conflict("department.has_members", format!("the department has {members} member(s)")));
        }
        Ok(())
    })
    .await
}

/// The department list as a file: the parent and the head by name.
pub struct DepartmentExport;

#[async_trait::async_trait]
impl crate::table_export::TableExport for DepartmentExport {
    type Entity = department::Entity;
    const COLUMNS: &'static [crate::table_export::Column] = {
        use crate::table_export::{col, Cell};
        &[
            col("name", "部门名称", "Name", Cell::Text),
            col("parent", "上级部门", "Parent", Cell::Text),
            col("head", "负责人", "Head", Cell::Text),
            col("sort_order", "排序", "Sort order", Cell::Number),
            col("remark", "备注", "Remark", Cell::Text),
            col("created_at", "创建时间", "Created", Cell::Time),
            col("updated_at", "更新时间", "Updated", Cell::Time),
        ]
    };

    async fn rows(db: &Db, batch: Vec<department::Model>) -> DomainResult<Vec<Vec<String>>> {
        let parents: Vec<Uuid> = batch.iter().filter_map(|d| d.parent_id).collect();
        let names = crate::opportunities::records::names::<department::Entity>(db, department::Column::Id, department::Column::Name, parents).await?;
        let heads = crate::system::user_names::display_names(db, batch.iter().filter_map(|d| d.head_id)).await?;
        let t = |t| crate::table_export::time(Some(t));
        Ok(batch
            .into_iter()
            .map(|d| {
                let parent = d.parent_id.and_then(|p| names.get(&p).cloned()).unwrap_or_default();
                let head = d.head_id.and_then(|h| heads.get(&h).cloned()).unwrap_or_default();
                vec![d.name, parent, head, d.sort_order.to_string(), d.remark.unwrap_or_default(), t(d.created_at), t(d.updated_at)]
            })
            .collect())
    }
}
