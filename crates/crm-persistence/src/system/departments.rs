//! Departments as a tree (SYS-3).

use chrono::{DateTime, Utc};
use crm_domain::system::{is_cycle, DepartmentPatch, NewDepartment};
use crm_domain::validate::Validator;
use crm_domain::{DomainError, DomainResult};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use super::entities::{department, user};
use crate::db::db_err;
use crate::listing::{fetch_page, FieldKind, Filter, ListParams, ListSpec, Page};
use crate::recycle;
use crate::version::{check_if_match, update_versioned};
use crate::{audit, Ctx, Db};

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

#[derive(Debug, Clone, Serialize)]
pub struct DepartmentNode {
    #[serde(flatten)]
    pub department: DepartmentView,
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

async fn all_live(db: &impl ConnectionTrait) -> DomainResult<Vec<department::Model>> {
    department::Entity::find()
        .filter(department::Column::DeletedAt.is_null())
        .order_by_asc(department::Column::SortOrder)
        .order_by_asc(department::Column::Name)
        .all(db)
        .await
        .map_err(db_err)
}

async fn find_live(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<department::Model> {
    department::Entity::find_by_id(id)
        .filter(department::Column::DeletedAt.is_null())
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(|| DomainError::not_found("department"))
}

pub fn spec() -> ListSpec<department::Entity> {
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

/// Departments, flat, in pages as every list (API.md); by sort order, then name.
pub async fn list(db: &Db, params: ListParams) -> DomainResult<Page<DepartmentView>> {
    let select = spec().apply(department::Entity::find().filter(department::Column::DeletedAt.is_null()), &params, db.get_database_backend())?;
    Ok(fetch_page(db, select, &params).await?.map(Into::into))
}

pub async fn get(db: &Db, id: Uuid) -> DomainResult<DepartmentView> {
    Ok(find_live(db, id).await?.into())
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

async fn check_refs(db: &impl ConnectionTrait, parent_id: Option<Uuid>, head_id: Option<Uuid>) -> DomainResult<()> {
    let mut v = Validator::new();
    if let Some(p) = parent_id {
        if find_live(db, p).await.is_err() {
            v.add("parent_id", "not_found", "no such department");
        }
    }
    if let Some(h) = head_id {
        if super::users::find_live(db, h).await.is_err() {
            v.add("head_id", "not_found", "no such user");
        }
    }
    v.finish()
}

pub async fn create(db: &Db, ctx: &Ctx, input: NewDepartment) -> DomainResult<DepartmentView> {
    let input = input.validate()?;
    let tx = crate::tx::begin(db).await?;
    check_refs(&tx, input.parent_id, input.head_id).await?;
    let model = department::Model {
        id: Uuid::now_v7(),
        name: input.name,
        parent_id: input.parent_id,
        head_id: input.head_id,
        remark: input.remark,
        sort_order: input.sort_order,
        version: 1,
        created_by: Some(ctx.actor.user_id),
        created_at: ctx.now,
        updated_at: ctx.now,
        deleted_at: None,
        deleted_by: None,
    };
    department::Entity::insert(department::ActiveModel::from(model.clone())).exec_without_returning(&tx).await.map_err(db_err)?;
    let v = DepartmentView::from(model);
    audit::record(&tx, ctx, "departments", v.id, "create", &serde_json::Value::Null, &json!(v)).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}

pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: DepartmentPatch, if_match: Option<i32>) -> DomainResult<DepartmentView> {
    let patch = patch.validate()?;
    let tx = crate::tx::begin(db).await?;
    let current = find_live(&tx, id).await?;
    check_if_match(if_match, current.version)?;
    let mut next = current.clone();
    if let Some(n) = patch.name {
        next.name = n;
    }
    if let Some(p) = patch.parent_id {
        next.parent_id = p;
    }
    if let Some(h) = patch.head_id {
        next.head_id = h;
    }
    if let Some(r) = patch.remark {
        next.remark = r;
    }
    if let Some(s) = patch.sort_order {
        next.sort_order = s;
    }
    check_refs(
        &tx,
        next.parent_id.filter(|p| Some(*p) != current.parent_id),
        next.head_id.filter(|h| Some(*h) != current.head_id),
    )
    .await?;
    if let Some(p) = next.parent_id.filter(|p| Some(*p) != current.parent_id) {
        let all = all_live(&tx).await?;
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
    next.updated_at = ctx.now;
    let changes = department::ActiveModel {
        name: Set(next.name.clone()),
        parent_id: Set(next.parent_id),
        head_id: Set(next.head_id),
        remark: Set(next.remark.clone()),
        sort_order: Set(next.sort_order),
        updated_at: Set(next.updated_at),
        ..Default::default()
    };
    update_versioned(&tx, changes, department::Column::Id, id, department::Column::Version, current.version).await?;
    next.version = current.version + 1;
    let before = DepartmentView::from(current);
    let after = DepartmentView::from(next);
    audit::record(&tx, ctx, "departments", id, "update", &json!(before), &json!(after)).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(after)
}

/// A department with live sub-departments or members cannot go: they would be orphaned.
pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    let tx = crate::tx::begin(db).await?;
    let current = find_live(&tx, id).await?;
    check_if_match(if_match, current.version)?;
    let children = department::Entity::find()
        .filter(department::Column::ParentId.eq(id))
        .filter(department::Column::DeletedAt.is_null())
        .count(&tx)
        .await
        .map_err(db_err)?;
    if children > 0 {
        return Err(DomainError::conflict("department.has_children", format!("the department has {children} sub-department(s)")));
    }
    let members = user::Entity::find()
        .filter(user::Column::DepartmentId.eq(id))
        .filter(user::Column::DeletedAt.is_null())
        .count(&tx)
        .await
        .map_err(db_err)?;
    if members > 0 {
        return Err(DomainError::conflict("department.has_members", format!("the department has {members} member(s)")));
    }
    recycle::soft_delete::<department::Entity>(&tx, ctx, id, current.version).await?;
    tx.commit().await.map_err(db_err)
}
