//! Shares of a folder or file with people and departments (`read` or `edit`), replaced as
//! a whole set by whoever may change the item; a folder's shares reach what is inside it
//! (`access`).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use crm_domain::drive::{PrincipalType, ShareAccess, SharesInput};
use crm_domain::{DomainError, DomainResult};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use super::entities::share::{self, Column as C, Entity as Share};
use super::files::Files;
use super::folders::Folders;
use crate::db::db_err;
use crate::kit;
use crate::system::entities::{department, user};
use crate::tx::Tx;
use crate::{audit, Ctx, Db};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Folder,
    File,
}

impl Target {
    fn as_str(self) -> &'static str {
        match self {
            Target::Folder => "folder",
            Target::File => "file",
        }
    }
    fn entity(self) -> &'static str {
        match self {
            Target::Folder => "folders",
            Target::File => "files",
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = DriveShare)]
pub struct ShareView {
    pub principal_type: PrincipalType,
    pub principal_id: Uuid,
    /// The person's display name or the department's name.
    pub principal_name: Option<String>,
    pub access: ShareAccess,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = DriveShares, example = json!({"items": [{"principal_type": "user", "principal_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e02",
    "principal_name": "李雷", "access": "read", "created_at": "2026-12-06T09:00:00Z"}]}))]
pub struct SharesView {
    pub items: Vec<ShareView>,
}

async fn load(db: &impl ConnectionTrait, ctx: &Ctx, target: Target, id: Uuid, for_edit: bool) -> DomainResult<()> {
    match target {
        Target::Folder => kit::load::<Folders>(db, ctx, id, for_edit).await.map(|_| ()),
        Target::File => kit::load::<Files>(db, ctx, id, for_edit).await.map(|_| ()),
    }
}

async fn views(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<SharesView> {
    let rows = Share::find().filter(C::TargetId.eq(id)).order_by_asc(C::CreatedAt).order_by_asc(C::Id).all(db).await.map_err(db_err)?;
    let people: Vec<Uuid> = rows.iter().filter(|r| r.principal_type == "user").map(|r| r.principal_id).collect();
    let people = crate::system::user_names::display_names(db, people).await?;
    let depts: Vec<Uuid> = rows.iter().filter(|r| r.principal_type == "department").map(|r| r.principal_id).collect();
    let depts: HashMap<Uuid, String> = if depts.is_empty() {
        HashMap::new()
    } else {
        department::Entity::find().filter(department::Column::Id.is_in(depts)).all(db).await.map_err(db_err)?.into_iter().map(|d| (d.id, d.name)).collect()
    };
    let items = rows
        .into_iter()
        .map(|r| {
            let user = r.principal_type == "user";
            ShareView {
                principal_name: if user { people.get(&r.principal_id).cloned() } else { depts.get(&r.principal_id).cloned() },
                principal_type: if user { PrincipalType::User } else { PrincipalType::Department },
                principal_id: r.principal_id,
                access: if r.access == "edit" { ShareAccess::Edit } else { ShareAccess::Read },
                created_at: r.created_at,
            }
        })
        .collect();
    Ok(SharesView { items })
}

/// The shares of an item the caller can see.
pub async fn list(db: &Db, ctx: &Ctx, target: Target, id: Uuid) -> DomainResult<SharesView> {
    load(db, ctx, target, id, false).await?;
    views(db, id).await
}

/// Every named person and department must exist (422 naming the first that does not).
async fn check_principals(tx: &Tx, input: &SharesInput) -> DomainResult<()> {
    let users: Vec<Uuid> = input.shares.iter().filter(|s| s.principal_type == PrincipalType::User).map(|s| s.principal_id).collect();
    let depts: Vec<Uuid> = input.shares.iter().filter(|s| s.principal_type == PrincipalType::Department).map(|s| s.principal_id).collect();
    let found_users: Vec<Uuid> = if users.is_empty() {
        Vec::new()
    } else {
        user::Entity::find().filter(user::Column::Id.is_in(users.clone())).filter(user::Column::DeletedAt.is_null()).all(tx).await.map_err(db_err)?.into_iter().map(|u| u.id).collect()
    };
    let found_depts: Vec<Uuid> = if depts.is_empty() {
        Vec::new()
    } else {
        department::Entity::find().filter(department::Column::Id.is_in(depts.clone())).filter(department::Column::DeletedAt.is_null()).all(tx).await.map_err(db_err)?.into_iter().map(|d| d.id).collect()
    };
    if let Some(missing) = users.iter().find(|u| !found_users.contains(u)).or_else(|| depts.iter().find(|d| !found_depts.contains(d))) {
        return Err(DomainError::invalid_field("shares", "unknown_principal", format!("no such user or department: {missing}")));
    }
    Ok(())
}

/// Replaces the item's shares (whoever may change the item; 403 `drive.read_only` for one
/// who only reads it), logged as one change.
pub async fn replace(db: &Db, ctx: &Ctx, target: Target, id: Uuid, input: SharesInput) -> DomainResult<SharesView> {
    let input = input.validate()?;
    let tx = crate::tx::begin(db).await?;
    load(&tx, ctx, target, id, false).await?;
    if load(&tx, ctx, target, id, true).await.is_err() {
        return Err(DomainError::forbidden_code("drive.read_only", "you may read this item but not share it"));
    }
    check_principals(&tx, &input).await?;
    let before = views(&tx, id).await?;
    Share::delete_many().filter(C::TargetId.eq(id)).exec(&tx).await.map_err(db_err)?;
    if !input.shares.is_empty() {
        let rows = input.shares.iter().map(|s| share::ActiveModel {
            id: Set(Uuid::now_v7()),
            target_type: Set(target.as_str().into()),
            target_id: Set(id),
            target_key: Set(format!("/{id}/")),
            principal_type: Set(if s.principal_type == PrincipalType::User { "user" } else { "department" }.into()),
            principal_id: Set(s.principal_id),
            access: Set(if s.access == ShareAccess::Edit { "edit" } else { "read" }.into()),
            created_at: Set(ctx.now),
            created_by: Set(Some(ctx.actor.user_id)),
        });
        Share::insert_many(rows).exec_without_returning(&tx).await.map_err(db_err)?;
    }
    let after = views(&tx, id).await?;
    // People newly shared with hear of it (a department's members find it under 共享给我).
    let label = match target {
        Target::Folder => super::entities::folder::Entity::find_by_id(id).one(&tx).await.map_err(db_err)?.map(|f| f.name),
        Target::File => super::entities::file::Entity::find_by_id(id).one(&tx).await.map_err(db_err)?.map(|f| f.name),
    };
    for added in after.items.iter().filter(|a| a.principal_type == PrincipalType::User && !before.items.iter().any(|b| b.principal_type == PrincipalType::User && b.principal_id == a.principal_id)) {
        let notice = crate::notifications::Notice {
            user_id: added.principal_id,
            kind: "drive.shared",
            entity: Some(target.entity()),
            record_id: Some(id),
            record_label: label.clone(),
            data: json!({"access": if added.access == ShareAccess::Edit { "edit" } else { "read" }, "item": target.as_str()}),
            dedupe_key: None,
        };
        crate::notifications::notify(&tx, ctx, notice).await?;
    }
    let summary = |v: &SharesView| json!({"shares": v.items.iter().map(|s| format!("{}:{}:{}", if s.principal_type == PrincipalType::User { "user" } else { "department" }, s.principal_id, if s.access == ShareAccess::Edit { "edit" } else { "read" })).collect::<Vec<_>>()});
    audit::record(&tx, ctx, target.entity(), id, "share", &summary(&before), &summary(&after)).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(after)
}
