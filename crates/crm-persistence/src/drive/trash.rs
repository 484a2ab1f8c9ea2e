//! The drive's own recycle bin for the people who use it: what a person deleted from the
//! drive (folders, files, attachments), newest first, and bringing one back. The
//! administrators' recycle bin (`registry`) restores anyone's.

use chrono::{DateTime, Utc};
use crm_domain::drive::RecordType;
use crm_domain::permissions::perms;
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::entities::file::{Column as F, Entity as File};
use super::entities::folder::{self, Column as D, Entity as Folder};
use super::quota;
use crate::db::db_err;
use crate::listing::{ListParams, Page};
use crate::tx::Tx;
use crate::{Ctx, Db};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum TrashKind {
    Folder,
    File,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = DriveTrashItem, example = json!({"kind": "file", "id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4f10", "name": "报价单.pdf", "size": 183211,
    "mime": "application/pdf", "record_type": null, "record_id": null, "deleted_at": "2026-12-06T09:00:00Z"}))]
pub struct TrashItem {
    pub kind: TrashKind,
    pub id: Uuid,
    pub name: String,
    /// Files only.
    pub size: Option<i64>,
    pub mime: Option<String>,
    /// An attachment's record.
    pub record_type: Option<RecordType>,
    pub record_id: Option<Uuid>,
    pub deleted_at: DateTime<Utc>,
}

/// What the caller deleted from the drive, newest first.
pub async fn list(db: &Db, ctx: &Ctx, params: &ListParams) -> DomainResult<Page<TrashItem>> {
    if let Some((name, _)) = params.filters.first() {
        return Err(DomainError::bad_request("query.invalid", format!("the drive's recycle bin has no filter '{name}'")));
    }
    if params.q.is_some() || !params.sort.is_empty() {
        return Err(DomainError::bad_request("query.invalid", "the drive's recycle bin is newest first, without q or sort"));
    }
    let me = ctx.actor.user_id;
    let upto = params.page.saturating_mul(params.page_size);
    let files = File::find().filter(F::DeletedBy.eq(me)).filter(F::DeletedAt.is_not_null());
    let folders = Folder::find().filter(D::DeletedBy.eq(me)).filter(D::DeletedAt.is_not_null());
    let total = files.clone().count(db).await.map_err(db_err)? + folders.clone().count(db).await.map_err(db_err)?;
    let mut items: Vec<TrashItem> = files
        .order_by_desc(F::DeletedAt)
        .limit(upto)
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|f| TrashItem {
            kind: TrashKind::File,
            deleted_at: f.deleted_at.unwrap_or(f.updated_at),
            id: f.id,
            name: f.name,
            size: Some(f.size),
            mime: Some(f.mime),
            record_type: f.record_type.as_deref().and_then(RecordType::parse),
            record_id: f.record_id,
        })
        .collect();
    items.extend(folders.order_by_desc(D::DeletedAt).limit(upto).all(db).await.map_err(db_err)?.into_iter().map(|f| TrashItem {
        kind: TrashKind::Folder,
        deleted_at: f.deleted_at.unwrap_or(f.updated_at),
        id: f.id,
        name: f.name,
        size: None,
        mime: None,
        record_type: None,
        record_id: None,
    }));
    items.sort_by(|a, b| b.deleted_at.cmp(&a.deleted_at).then(b.id.cmp(&a.id)));
    let skip = usize::try_from((params.page.saturating_sub(1)).saturating_mul(params.page_size)).unwrap_or(usize::MAX);
    let page: Vec<TrashItem> = items.into_iter().skip(skip).take(usize::try_from(params.page_size).unwrap_or(usize::MAX)).collect();
    Ok(Page::exact(page, total, params))
}

/// Who may bring an item back: the one who deleted it, or an administrator of the drive.
fn may_restore(ctx: &Ctx, deleted_by: Option<Uuid>) -> bool {
    deleted_by == Some(ctx.actor.user_id) || (ctx.actor.has(perms::FILES_MANAGE) && ctx.actor.scope.is_all())
}

/// Brings a deleted file or folder back, to where it was, or to the top of its space when
/// that folder is gone too; a file counts against the quotas again (413 when it no longer
/// fits). Someone else's deleted item is a 404.
pub async fn restore(db: &Db, ctx: &Ctx, kind: TrashKind, id: Uuid) -> DomainResult<()> {
    let tx = crate::tx::begin(db).await?;
    match kind {
        TrashKind::File => {
            let row = File::find_by_id(id).filter(F::DeletedAt.is_not_null()).one(&tx).await.map_err(db_err)?;
            let Some(row) = row.filter(|r| may_restore(ctx, r.deleted_by)) else { return Err(DomainError::not_found("file")) };
            crate::recycle::restore::<File>(&tx, ctx, id).await?;
            if let Some(by) = row.created_by {
                let (limits, _) = quota::limits(&tx).await?;
                quota::charge(&tx, by, row.size, Some(&limits)).await?;
            }
            file_home(&tx, id, row.folder_id).await?;
        }
        TrashKind::Folder => {
            let row = Folder::find_by_id(id).filter(D::DeletedAt.is_not_null()).one(&tx).await.map_err(db_err)?;
            let Some(row): Option<folder::Model> = row.filter(|r| may_restore(ctx, r.deleted_by)) else { return Err(DomainError::not_found("folder")) };
            crate::recycle::restore::<Folder>(&tx, ctx, id).await?;
            folder_home(&tx, &row).await?;
        }
    }
    tx.commit().await.map_err(db_err)
}

/// A restored file whose folder is gone goes to the top of its space.
pub(crate) async fn file_home(tx: &Tx, id: Uuid, folder_id: Option<Uuid>) -> DomainResult<()> {
    if !parent_live(tx, folder_id).await? {
        File::update_many().col_expr(F::FolderId, Expr::value(Option::<Uuid>::None)).col_expr(F::Path, Expr::value("/")).filter(F::Id.eq(id)).exec(tx).await.map_err(db_err)?;
    }
    Ok(())
}

/// A restored folder whose parent is gone goes to the top of its space, with everything
/// under it.
pub(crate) async fn folder_home(tx: &Tx, row: &folder::Model) -> DomainResult<()> {
    if !parent_live(tx, row.parent_id).await? {
        super::folders::repath(tx, &row.path, &format!("/{}/", row.id)).await?;
        Folder::update_many().col_expr(D::ParentId, Expr::value(Option::<Uuid>::None)).filter(D::Id.eq(row.id)).exec(tx).await.map_err(db_err)?;
    }
    Ok(())
}

/// The folder is there (or there is none: the top of a space).
async fn parent_live(tx: &Tx, folder_id: Option<Uuid>) -> DomainResult<bool> {
    let Some(id) = folder_id else { return Ok(true) };
    Ok(Folder::find_by_id(id).filter(D::DeletedAt.is_null()).count(tx).await.map_err(db_err)? > 0)
}
