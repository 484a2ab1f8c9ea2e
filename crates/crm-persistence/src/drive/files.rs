//! Files of the drive and attachments on records, on the kit: upload (streamed, hashed,
//! typed from its content, within its quotas), rename, move, delete and restore; the
//! contents themselves are the store's.

use chrono::{DateTime, Utc};
use crm_domain::drive::{self, ItemPatch, RecordType, Space};
use crm_domain::{DomainError, DomainResult, ErrorKind};
use futures_util::Stream;
use sea_orm::{ConnectionTrait, Order, QueryFilter, Select};
use serde::Serialize;
use uuid::Uuid;

use super::entities::file::{self, Column as C, Entity as File};
use super::folders::{self, Placement};
use super::storage::{sniff, ReceiveError, Received, Store};
use super::{access, quota};
use crate::customers::contacts::Contacts;
use crate::customers::follow_ups::FollowUps;
use crate::customers::records::Customers;
use crate::kit::{self, policy, Policy, Resource};
use crate::listing::{FieldKind, Filter, ListParams, ListSpec};
use crate::system::user_names::display_names;
use crate::tx::Tx;
use crate::{Ctx, Db};

crate::soft_delete!(File, "files", Name);

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = File, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4f10", "name": "报价单.pdf", "folder_id": null, "space": null,
    "record_type": "customer", "record_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e50", "size": 183211, "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "mime": "application/pdf", "previewable": true, "uploaded_by": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e01", "uploaded_by_name": "王芳",
    "version": 1, "created_at": "2026-12-06T09:00:00Z", "updated_at": "2026-12-06T09:00:00Z"}))]
pub struct FileView {
    pub id: Uuid,
    pub name: String,
    pub folder_id: Option<Uuid>,
    /// The drive space; none for an attachment.
    pub space: Option<Space>,
    /// The record an attachment hangs off.
    pub record_type: Option<RecordType>,
    pub record_id: Option<Uuid>,
    /// Bytes.
    pub size: i64,
    /// Hex SHA-256 of the content; also the download's ETag.
    pub sha256: String,
    /// Sniffed from the content when uploaded, not taken from the client.
    pub mime: String,
    /// Pictures and PDF: `GET /files/{id}/content?inline=true` shows it in the browser.
    pub previewable: bool,
    pub uploaded_by: Option<Uuid>,
    pub uploaded_by_name: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub struct Files;

impl Resource for Files {
    type Entity = File;
    type View = FileView;
    const WHAT: &'static str = "file";
    const POLICY: Policy = Policy::Owned;

    fn spec() -> ListSpec<File> {
        ListSpec {
            filters: vec![
                Filter { name: "folder_id", column: C::FolderId, kind: FieldKind::Uuid, range: false },
                Filter { name: "space", column: C::Space, kind: FieldKind::Text, range: false },
                Filter { name: "record_type", column: C::RecordType, kind: FieldKind::Text, range: false },
                Filter { name: "record_id", column: C::RecordId, kind: FieldKind::Uuid, range: false },
                Filter { name: "mime", column: C::Mime, kind: FieldKind::Text, range: false },
                Filter { name: "uploaded_by", column: C::CreatedBy, kind: FieldKind::Uuid, range: false },
                Filter { name: "created_at", column: C::CreatedAt, kind: FieldKind::Timestamp, range: true },
                Filter { name: "size", column: C::Size, kind: FieldKind::Int, range: true },
            ],
            sorts: vec![("name", C::Name), ("size", C::Size), ("created_at", C::CreatedAt), ("updated_at", C::UpdatedAt)],
            search: vec![C::Name],
            search_index: None,
            default_sort: vec![(C::CreatedAt, Order::Desc)],
            tie_breaker: C::Id,
        }
    }

    async fn views(db: &impl ConnectionTrait, _: &Ctx, rows: Vec<file::Model>) -> DomainResult<Vec<FileView>> {
        let people = display_names(db, rows.iter().filter_map(|r| r.created_by)).await?;
        Ok(rows
            .into_iter()
            .map(|r| FileView {
                uploaded_by_name: r.created_by.and_then(|u| people.get(&u).cloned()),
                previewable: drive::previewable(&r.mime),
                space: r.space.as_deref().and_then(Space::parse),
                record_type: r.record_type.as_deref().and_then(RecordType::parse),
                id: r.id,
                name: r.name,
                folder_id: r.folder_id,
                record_id: r.record_id,
                size: r.size,
                sha256: r.sha256,
                mime: r.mime,
                uploaded_by: r.created_by,
                version: r.version,
                created_at: r.created_at,
                updated_at: r.updated_at,
            })
            .collect())
    }

    async fn visible(db: &impl ConnectionTrait, ctx: &Ctx, for_edit: bool) -> DomainResult<Select<File>> {
        Ok(policy::live::<File>().filter(access::files(db, ctx, for_edit).await?))
    }

    /// `folder_id=root`: the top of a space (not attachments); `shared=true`: only what
    /// is shared with the caller; `customer_id`: the attachments of a customer and of its
    /// contacts and follow-ups (the 360 page's Files tab).
    async fn narrow(_: &impl ConnectionTrait, ctx: &Ctx, mut select: Select<File>, params: &mut ListParams) -> DomainResult<Select<File>> {
        if let Some(raw) = params.take_filter("customer_id") {
            let id = Uuid::parse_str(raw.trim()).map_err(|_| {
                DomainError::bad_request("query.invalid", format!("'{raw}' is not a valid id for 'customer_id'"))
                    .with_extra(serde_json::json!({"errors": [{"field": "customer_id", "code": "invalid", "message": "not an id"}]}))
            })?;
            select = select.filter(of_customer(id));
        }
        match params.take_filter("folder_id") {
            Some(raw) if raw.trim() == "root" => {
                select = select.filter(sea_orm::ColumnTrait::is_null(&C::FolderId)).filter(sea_orm::ColumnTrait::is_null(&C::RecordType));
            }
            Some(raw) => params.filters.push(("folder_id".into(), raw)),
            None => {}
        }
        if super::shared_filter(params)? {
            select = select.filter(access::shared_only(ctx, "files", "file"));
        }
        Ok(select)
    }
}

/// Attachments of customer `id`, its contacts and its follow-ups.
fn of_customer(id: Uuid) -> sea_orm::sea_query::Condition {
    use crate::customers::entities::{contact, follow_up};
    use sea_orm::sea_query::{Condition, Query};
    use sea_orm::ColumnTrait;
    let contacts = Query::select().column(contact::Column::Id).from(contact::Entity).and_where(contact::Column::CustomerId.eq(id)).to_owned();
    let follow_ups = Query::select().column(follow_up::Column::Id).from(follow_up::Entity).and_where(follow_up::Column::CustomerId.eq(id)).to_owned();
    Condition::any()
        .add(Condition::all().add(C::RecordType.eq(RecordType::Customer.as_str())).add(C::RecordId.eq(id)))
        .add(Condition::all().add(C::RecordType.eq(RecordType::Contact.as_str())).add(C::RecordId.in_subquery(contacts)))
        .add(Condition::all().add(C::RecordType.eq(RecordType::FollowUp.as_str())).add(C::RecordId.in_subquery(follow_ups)))
}

/// Where an upload goes: a folder, the top of a space, or a record.
#[derive(Debug, Clone, Default)]
pub struct Destination {
    pub folder_id: Option<Uuid>,
    pub space: Option<Space>,
    pub record: Option<(RecordType, Uuid)>,
}

/// The record must be one the caller may change (404 when they cannot even see it).
async fn check_record(db: &impl ConnectionTrait, ctx: &Ctx, kind: RecordType, id: Uuid) -> DomainResult<()> {
    let seen = match kind {
        RecordType::Customer => kit::load::<Customers>(db, ctx, id, false).await.map(|_| ()),
        RecordType::Contact => kit::load::<Contacts>(db, ctx, id, false).await.map(|_| ()),
        RecordType::FollowUp => kit::load::<FollowUps>(db, ctx, id, false).await.map(|_| ()),
    };
    seen.map_err(|_| DomainError::invalid_field("record_id", "not_found", format!("no such {}", kind.as_str())))?;
    let editable = match kind {
        RecordType::Customer => kit::access::<Customers>(db, ctx, id).await?,
        RecordType::Contact => kit::access::<Contacts>(db, ctx, id).await?,
        RecordType::FollowUp => kit::access::<FollowUps>(db, ctx, id).await?,
    };
    if editable != kit::Access::Edit {
        return Err(DomainError::forbidden_code("drive.read_only", format!("you may read this {} but not add files to it", kind.as_str())));
    }
    Ok(())
}

async fn placement(db: &impl ConnectionTrait, ctx: &Ctx, to: &Destination) -> DomainResult<Placement> {
    match to.record {
        Some((kind, id)) => {
            if to.folder_id.is_some() || to.space.is_some() {
                return Err(DomainError::invalid_field("record_id", "invalid", "an attachment goes on a record, not in a folder or space"));
            }
            check_record(db, ctx, kind, id).await?;
            // Attachments sit outside the spaces; `space` stays empty on the row.
            Ok(Placement { folder_id: None, space: Space::Personal, owner_id: None, department_id: None, path: "/".into() })
        }
        None => folders::place(db, ctx, to.folder_id, to.space).await,
    }
}

/// Streams an upload's content into the store (`commit` records it). What is known of the
/// destination by then and the quotas are checked before the first byte is read; the body
/// is refused as soon as it passes what fits (413 `file.too_large` or
/// `drive.quota_exceeded`), and nothing of it is kept.
pub async fn receive<S, B, E>(db: &Db, store: &Store, ctx: &Ctx, to: &Destination, body: S) -> DomainResult<Received>
where
    S: Stream<Item = Result<B, E>> + Unpin,
    B: AsRef<[u8]>,
    E: std::fmt::Display,
{
    if to.folder_id.is_some() || to.record.is_some() || to.space.is_some() {
        placement(db, ctx, to).await?;
    }
    let (room, file_limit) = quota::room(db, ctx.actor.user_id).await?;
    if room <= 0 {
        return Err(quota::exceeded());
    }
    store.receive(body, room).await.map_err(|e| match e {
        ReceiveError::TooLarge if file_limit => DomainError::new(ErrorKind::PayloadTooLarge, "file.too_large", format!("a file may have at most {room} bytes")),
        ReceiveError::TooLarge => quota::exceeded(),
        ReceiveError::Client(m) => DomainError::bad_request("file.upload_broken", format!("the upload broke off: {m}")),
        ReceiveError::Io(e) => DomainError::internal(format!("cannot store the upload: {e}")),
    })
}

/// Records a received upload: an empty one is a 422. The content goes to its place first
/// (a long upload to a bucket must not hold a transaction open); then the destination is
/// checked again, the quota charged and the row written in one transaction. A refusal
/// leaves nothing: the placed content is removed, the received file when dropped.
pub async fn commit(db: &Db, store: &Store, ctx: &Ctx, to: Destination, name: &str, received: Received) -> DomainResult<FileView> {
    commit_with(db, store, ctx, to, name, received, async |_, _| Ok(())).await
}

/// `commit`, and `also` in the same transaction as the file's row: what the file being
/// stored settles (a background export marked done), so either both stand or neither.
pub async fn commit_with<A>(db: &Db, store: &Store, ctx: &Ctx, to: Destination, name: &str, received: Received, also: A) -> DomainResult<FileView>
where
    A: AsyncFnOnce(&Tx, &FileView) -> DomainResult<()>,
{
    let mut v = crm_domain::validate::Validator::new();
    let name = drive::clean_name(&mut v, "name", name);
    if received.size == 0 {
        v.add("file", "empty", "the file is empty");
    }
    v.finish()?;
    let mime = sniff(&received.head);
    let id = Uuid::now_v7();
    let key = id.simple().to_string();
    store.keep(&received, &key).await.map_err(|e| DomainError::internal(format!("cannot store the upload: {e}")))?;
    let build = async |tx: &Tx| {
        let p = placement(tx, ctx, &to).await?;
        let (limits, _) = quota::limits(tx).await?;
        quota::charge(tx, ctx.actor.user_id, received.size, Some(&limits)).await?;
        Ok(file::Model {
            id,
            name,
            folder_id: p.folder_id,
            space: to.record.is_none().then(|| p.space.as_str().to_string()),
            owner_id: p.owner_id,
            department_id: p.department_id,
            path: p.path,
            record_type: to.record.map(|(k, _)| k.as_str().to_string()),
            record_id: to.record.map(|(_, id)| id),
            size: received.size,
            sha256: received.sha256.clone(),
            mime,
            storage_key: key.clone(),
            ..Default::default()
        })
    };
    let made = async {
        let tx = crate::tx::begin(db).await?;
        let file = kit::create_in::<Files, _, _, _>(&tx, ctx, async |tx| Ok((build(tx).await?, ())), kit::no_link).await?;
        also(&tx, &file).await?;
        tx.commit().await.map_err(crate::db::db_err)?;
        Ok(file)
    }
    .await;
    if made.is_err() {
        store.remove(&key).await;
    }
    made
}

/// Renames; moves a drive file to another folder of its space (`null`: its top). An
/// attachment stays on its record.
pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: ItemPatch, if_match: Option<i32>) -> DomainResult<FileView> {
    let patch = patch.validate()?;
    let change = async |tx: &Tx, current: file::Model| {
        let mut next = current.clone();
        if let Some(name) = patch.name {
            next.name = name;
        }
        if let Some(dest) = patch.folder_id.filter(|d| *d != current.folder_id) {
            let Some(space) = current.space.as_deref() else {
                return Err(DomainError::invalid_field("folder_id", "attached", "an attachment stays on its record"));
            };
            let p = folders::place(tx, ctx, dest, Space::parse(space)).await?;
            if !p.same_space(space, current.owner_id, current.department_id) {
                return Err(DomainError::invalid_field("folder_id", "other_space", "a file moves only within its space"));
            }
            next.folder_id = dest;
            next.path = p.path;
        }
        Ok(next)
    };
    kit::update::<Files, _>(db, ctx, id, if_match, change).await
}

/// To the recycle bin; its bytes stop counting against the quotas (and count again if it
/// is restored).
pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    let rule = async |tx: &Tx, row: &file::Model| match row.created_by {
        Some(by) => quota::refund(tx, by, row.size).await,
        None => Ok(()),
    };
    kit::delete::<Files, _>(db, ctx, id, if_match, rule).await
}

/// The row of a file the caller may read, for its content.
pub async fn readable(db: &Db, ctx: &Ctx, id: Uuid) -> DomainResult<file::Model> {
    kit::load::<Files>(db, ctx, id, false).await
}

/// The row of a live file through a signed link (`links`); a bad or expired link is a
/// 404, as for a missing file.
pub async fn by_link(db: &Db, key: &super::links::LinkKey, id: Uuid, expires: i64, inline: bool, signature: &str, now: DateTime<Utc>) -> DomainResult<file::Model> {
    use sea_orm::{ColumnTrait, EntityTrait};
    if !key.verify(id, expires, inline, signature, now) {
        return Err(DomainError::not_found("file"));
    }
    File::find_by_id(id).filter(C::DeletedAt.is_null()).one(db).await.map_err(crate::db::db_err)?.ok_or_else(|| DomainError::not_found("file"))
}

fn restore_file<'a>(tx: &'a Tx, ctx: &'a Ctx, id: Uuid) -> crate::kit::restore::Boxed<'a, ()> {
    Box::pin(async move {
        use sea_orm::EntityTrait;
        crate::recycle::restore::<File>(tx, ctx, id).await?;
        if let Some(row) = File::find_by_id(id).one(tx).await.map_err(crate::db::db_err)? {
            if let Some(by) = row.created_by {
                quota::charge(tx, by, row.size, None).await?;
            }
            super::trash::file_home(tx, id, row.folder_id).await?;
        }
        Ok(())
    })
}

fn restore_folder<'a>(tx: &'a Tx, ctx: &'a Ctx, id: Uuid) -> crate::kit::restore::Boxed<'a, ()> {
    Box::pin(async move {
        use sea_orm::EntityTrait;
        crate::recycle::restore::<super::entities::folder::Entity>(tx, ctx, id).await?;
        if let Some(row) = super::entities::folder::Entity::find_by_id(id).one(tx).await.map_err(crate::db::db_err)? {
            super::trash::folder_home(tx, &row).await?;
        }
        Ok(())
    })
}

/// The administrators' recycle bin: restoring brings a file's bytes back onto the quotas,
/// and puts what lost its folder at the top of its space (as the drive's own bin does).
pub const RESTORABLE: &[crate::kit::restore::Restorable] = &[
    crate::kit::restore::Restorable::with_restore::<File>(restore_file),
    crate::kit::restore::Restorable::with_restore::<super::entities::folder::Entity>(restore_folder),
];
