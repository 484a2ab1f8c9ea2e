//! Folders of the drive, on the kit: a tree per space, renamed and moved within its space,
//! deleted (to the recycle bin) only when empty.

use chrono::{DateTime, Utc};
use crm_domain::drive::{FolderInput, ItemPatch, Space};
use crm_domain::permissions::perms;
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::{Alias, BinOper, Expr, Func, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter, Select};
use serde::Serialize;
use uuid::Uuid;

use super::access;
use super::entities::file::{Column as FileC, Entity as File};
use super::entities::folder::{self, Column as C, Entity as Folder};
use crate::db::db_err;
use crate::kit::{self, policy, Policy, Resource};
use crate::listing::{FieldKind, Filter, ListParams, ListSpec};
use crate::system::user_names::display_names;
use crate::tx::Tx;
use crate::{Ctx, Db};

crate::soft_delete!(Folder, "folders", Name);

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Crumb {
    pub id: Uuid,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Folder, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4f01", "name": "合同模板", "parent_id": null, "space": "company",
    "owner_id": null, "department_id": null, "ancestors": [], "created_by": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e01", "created_by_name": "管理员",
    "version": 1, "created_at": "2026-12-06T09:00:00Z", "updated_at": "2026-12-06T09:00:00Z"}))]
pub struct FolderView {
    pub id: Uuid,
    pub name: String,
    pub parent_id: Option<Uuid>,
    pub space: Space,
    /// The person whose personal space it is in.
    pub owner_id: Option<Uuid>,
    /// The department whose space it is in.
    pub department_id: Option<Uuid>,
    /// The folders above it, from the top of the space down (the breadcrumb).
    pub ancestors: Vec<Crumb>,
    pub created_by: Option<Uuid>,
    pub created_by_name: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The folder ids of a `path` (`/a/b/`), top first.
pub(crate) fn path_ids(path: &str) -> Vec<Uuid> {
    path.split('/').filter_map(|s| Uuid::parse_str(s).ok()).collect()
}

pub struct Folders;

impl Resource for Folders {
    type Entity = Folder;
    type View = FolderView;
    const WHAT: &'static str = "folder";
    const POLICY: Policy = Policy::Owned;

    fn spec() -> ListSpec<Folder> {
        ListSpec {
            filters: vec![
                Filter { name: "parent_id", column: C::ParentId, kind: FieldKind::Uuid, range: false },
                Filter { name: "space", column: C::Space, kind: FieldKind::Text, range: false },
                Filter { name: "created_at", column: C::CreatedAt, kind: FieldKind::Timestamp, range: true },
            ],
            sorts: vec![("name", C::Name), ("created_at", C::CreatedAt), ("updated_at", C::UpdatedAt)],
            search: vec![C::Name],
            search_index: None,
            default_sort: vec![(C::Name, Order::Asc)],
            tie_breaker: C::Id,
        }
    }

    async fn views(db: &impl ConnectionTrait, _: &Ctx, rows: Vec<folder::Model>) -> DomainResult<Vec<FolderView>> {
        let mut above: Vec<Uuid> = rows.iter().flat_map(|r| path_ids(&r.path).into_iter().filter(move |id| *id != r.id)).collect();
        above.sort();
        above.dedup();
        let names: std::collections::HashMap<Uuid, String> = if above.is_empty() {
            Default::default()
        } else {
            Folder::find().filter(C::Id.is_in(above)).all(db).await.map_err(db_err)?.into_iter().map(|f| (f.id, f.name)).collect()
        };
        let people = display_names(db, rows.iter().filter_map(|r| r.created_by)).await?;
        Ok(rows
            .into_iter()
            .map(|r| FolderView {
                ancestors: path_ids(&r.path).into_iter().filter(|id| *id != r.id).map(|id| Crumb { id, name: names.get(&id).cloned().unwrap_or_default() }).collect(),
                created_by_name: r.created_by.and_then(|u| people.get(&u).cloned()),
                id: r.id,
                name: r.name,
                parent_id: r.parent_id,
                space: Space::parse(&r.space).unwrap_or(Space::Personal),
                owner_id: r.owner_id,
                department_id: r.department_id,
                created_by: r.created_by,
                version: r.version,
                created_at: r.created_at,
                updated_at: r.updated_at,
            })
            .collect())
    }

    async fn visible(_: &impl ConnectionTrait, ctx: &Ctx, for_edit: bool) -> DomainResult<Select<Folder>> {
        Ok(policy::live::<Folder>().filter(access::folders(ctx, for_edit)))
    }

    /// `parent_id=root`: the top of a space; `shared=true`: only what is shared with the
    /// caller.
    async fn narrow(_: &impl ConnectionTrait, ctx: &Ctx, mut select: Select<Folder>, params: &mut ListParams) -> DomainResult<Select<Folder>> {
        match params.take_filter("parent_id") {
            Some(raw) if raw.trim() == "root" => select = select.filter(C::ParentId.is_null()),
            Some(raw) => params.filters.push(("parent_id".into(), raw)),
            None => {}
        }
        if super::shared_filter(params)? {
            select = select.filter(access::shared_only(ctx, "folders", "folder"));
        }
        Ok(select)
    }
}

/// Where a new folder or file goes: its space, whose space, and the folder chain above it.
#[derive(Debug, Clone)]
pub(crate) struct Placement {
    pub folder_id: Option<Uuid>,
    pub space: Space,
    pub owner_id: Option<Uuid>,
    pub department_id: Option<Uuid>,
    pub path: String,
}

/// The placement in `folder_id` (which the caller must be allowed to add to), or at the
/// top of `space`.
pub(crate) async fn place(db: &impl ConnectionTrait, ctx: &Ctx, folder_id: Option<Uuid>, space: Option<Space>) -> DomainResult<Placement> {
    if let Some(id) = folder_id {
        let f = kit::load::<Folders>(db, ctx, id, false).await.map_err(|_| DomainError::invalid_field("folder_id", "not_found", "no such folder"))?;
        let fspace = Space::parse(&f.space).unwrap_or(Space::Personal);
        if space.is_some_and(|s| s != fspace) {
            return Err(DomainError::invalid_field("space", "mismatch", "the folder is in another space"));
        }
        if !access::may_add_by_space(ctx, fspace, f.owner_id, f.department_id) && kit::load::<Folders>(db, ctx, id, true).await.is_err() {
            return Err(DomainError::forbidden_code("drive.read_only", "you may not add to this folder"));
        }
        return Ok(Placement { folder_id: Some(id), space: fspace, owner_id: f.owner_id, department_id: f.department_id, path: f.path });
    }
    let space = space.unwrap_or(Space::Personal);
    let (owner_id, department_id) = match space {
        Space::Personal => (Some(ctx.actor.user_id), None),
        Space::Department => {
            let Some(d) = ctx.actor.department_id else {
                return Err(DomainError::invalid_field("space", "no_department", "you belong to no department"));
            };
            (None, Some(d))
        }
        Space::Company => {
            if !ctx.actor.has(perms::FILES_MANAGE) {
                return Err(DomainError::forbidden_code("drive.read_only", "only those who manage the drive add to the company space"));
            }
            (None, None)
        }
    };
    Ok(Placement { folder_id: None, space, owner_id, department_id, path: "/".into() })
}

impl Placement {
    /// The same space as a row's (a move never crosses spaces: it would change who sees it).
    pub(crate) fn same_space(&self, space: &str, owner_id: Option<Uuid>, department_id: Option<Uuid>) -> bool {
        self.space.as_str() == space && self.owner_id == owner_id && self.department_id == department_id
    }
}

pub async fn create(db: &Db, ctx: &Ctx, input: FolderInput) -> DomainResult<FolderView> {
    kit::create::<Folders, _>(db, ctx, async |tx| build(tx, ctx, input).await).await
}

/// Many folders at once (`POST /folders/batch`), each checked as a single create; an item's
/// parent is a folder that exists already, not another item.
pub async fn batch(db: &Db, ctx: &Ctx, items: Vec<FolderInput>, atomic: bool) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch::<Folders, _, _>(db, ctx, items, atomic, async |tx, input| build(tx, ctx, input).await).await
}

async fn build(tx: &Tx, ctx: &Ctx, input: FolderInput) -> DomainResult<folder::Model> {
    let v = input.validate()?;
    let p = place(tx, ctx, v.parent_id, v.space).await?;
    let id = Uuid::now_v7();
    Ok(folder::Model {
        id,
        name: v.name,
        parent_id: p.folder_id,
        space: p.space.as_str().into(),
        owner_id: p.owner_id,
        department_id: p.department_id,
        path: format!("{}{id}/", p.path),
        ..Default::default()
    })
}

/// Rewrites the `path` of everything under a moved folder.
pub(crate) async fn repath(tx: &Tx, from: &str, to: &str) -> DomainResult<()> {
    let start = i32::try_from(from.len()).unwrap_or(i32::MAX).saturating_add(1);
    // `<to> || substr(path, <start>)`, built from parts: a custom SQL string's
    // placeholders are not rewritten the same way on both databases.
    let rewrite = || {
        let rest = Func::cust(Alias::new("substr")).arg(Expr::col(C::Path)).arg(start);
        SimpleExpr::Binary(Box::new(Expr::val(to).into()), BinOper::Custom("||"), Box::new(rest.into()))
    };
    Folder::update_many()
        .col_expr(C::Path, rewrite())
        .filter(access::under("folders", from))
        .exec(tx)
        .await
        .map_err(db_err)?;
    File::update_many()
        .col_expr(FileC::Path, rewrite())
        .filter(access::under("files", from))
        .exec(tx)
        .await
        .map_err(db_err)?;
    Ok(())
}

/// Renames, or moves into another folder of the same space (`folder_id`: the new parent,
/// `null` the top of the space); never into itself or below itself.
pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: ItemPatch, if_match: Option<i32>) -> DomainResult<FolderView> {
    let patch = patch.validate()?;
    let change = async |tx: &Tx, current: folder::Model| {
        let mut next = current.clone();
        if let Some(name) = patch.name {
            next.name = name;
        }
        if let Some(dest) = patch.folder_id.filter(|d| *d != current.parent_id) {
            if dest.is_some_and(|d| d == current.id) {
                return Err(DomainError::invalid_field("folder_id", "cycle", "a folder cannot go inside itself"));
            }
            let p = place(tx, ctx, dest, Space::parse(&current.space)).await?;
            if !p.same_space(&current.space, current.owner_id, current.department_id) {
                return Err(DomainError::invalid_field("folder_id", "other_space", "a folder moves only within its space"));
            }
            if p.path.contains(&format!("/{}/", current.id)) {
                return Err(DomainError::invalid_field("folder_id", "cycle", "a folder cannot go inside itself"));
            }
            next.parent_id = dest;
            next.path = format!("{}{}/", p.path, current.id);
            repath(tx, &current.path, &next.path).await?;
        }
        Ok(next)
    };
    kit::update::<Folders, _>(db, ctx, id, if_match, change).await
}

/// Only an empty folder goes to the recycle bin (409 `folder.not_empty`).
pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    let rule = async |tx: &Tx, row: &folder::Model| {
        let folders = Folder::find().filter(C::ParentId.eq(row.id)).filter(C::DeletedAt.is_null()).count(tx).await.map_err(db_err)?;
        let files = File::find().filter(FileC::FolderId.eq(row.id)).filter(FileC::DeletedAt.is_null()).count(tx).await.map_err(db_err)?;
        if folders + files > 0 {
            return Err(DomainError::conflict("folder.not_empty", "move or delete what is in the folder first"));
        }
        Ok(())
    };
    kit::delete::<Folders, _>(db, ctx, id, if_match, rule).await
}
