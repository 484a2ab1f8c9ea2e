//! Notifications (SYS-9): what happened that a person should know, kept per recipient.
//! A module calls `notify` in the transaction of the change (a customer assigned to
//! someone, returned to the pool, shared) or from a job (a follow-up falling due); the
//! recipient reads them in the app. Texts are the SPA's, per `kind`, in the reader's
//! language; the row carries what they need (the record's name, who acted).

pub mod channels;
pub mod email;
pub mod sms;
pub mod entity;

use chrono::{DateTime, Utc};
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

use self::entity::{Column as C, Entity as Notification, Model};
use crate::db::db_err;
use crate::listing::{fetch_page, FieldKind, Filter, ListParams, ListSpec, Page};
use crate::{Ctx, Db};

/// One event for one person.
pub struct Notice {
    pub user_id: Uuid,
    /// `customer.assigned`, `customer.transferred`, `customer.returned`, `customer.shared`,
    /// `drive.shared` (a folder or file shared with the person),
    /// `follow_up.due`, `export.ready` (a background export's file is in the person's
    /// drive), `export.failed`; later modules add theirs.
    pub kind: &'static str,
    /// The record's resource name in URLs and its id, for the link.
    pub entity: Option<&'static str>,
    pub record_id: Option<Uuid>,
    pub record_label: Option<String>,
    pub data: Value,
    /// Set when the same event may be reported twice (a job's retry, two servers): the
    /// second report is dropped.
    pub dedupe_key: Option<String>,
}

/// Records a notice, unless the recipient is the one who acted or it was already
/// recorded under its `dedupe_key`.
pub async fn notify(db: &impl ConnectionTrait, ctx: &Ctx, n: Notice) -> DomainResult<()> {
    if n.user_id == ctx.actor.user_id {
        return Ok(());
    }
    let actor = (!ctx.actor.user_id.is_nil()).then(|| ctx.actor.username.clone());
    let id = Uuid::now_v7();
    let row = entity::ActiveModel {
        id: Set(id),
        user_id: Set(n.user_id),
        kind: Set(n.kind.to_string()),
        entity: Set(n.entity.map(str::to_string)),
        record_id: Set(n.record_id),
        record_label: Set(n.record_label.map(|l| l.chars().take(255).collect())),
        actor_name: Set(actor),
        data: Set(n.data),
        dedupe_key: Set(n.dedupe_key),
        read_at: Set(None),
        created_at: Set(ctx.now),
    };
    let recorded = Notification::insert(row).on_conflict(OnConflict::column(C::DedupeKey).do_nothing().to_owned()).exec_without_returning(db).await.map_err(db_err)?;
    // Lists' cached totals: a write outside a transaction says so itself.
    crate::count_cache::note_write();
    if recorded == 1 {
        let (address, phone) = contact_of(db, n.user_id).await?;
        if address && channels::email_on(db, n.user_id, n.kind).await? {
            crate::jobs::enqueue(db, email::JOB, email::payload(id), ctx.now).await?;
        }
        if phone && channels::sms_on(db, n.user_id, n.kind).await? {
            crate::jobs::enqueue(db, sms::JOB, email::payload(id), ctx.now).await?;
        }
    }
    Ok(())
}

/// The page a notice's letter or text message links to: the record's (`/<entity>/<id>`); for a
/// background export's notice My exports, which lists its file with its place in the drive
/// (the app has no page of one file); else the app.
pub(crate) fn link(base_url: &str, n: &Model) -> String {
    let base = base_url.trim_end_matches('/');
    match (&n.entity, n.record_id) {
        _ if n.kind.starts_with("export.") => format!("{base}/exports"),
        (Some(entity), Some(rid)) => format!("{base}/{entity}/{rid}"),
        _ => base_url.to_string(),
    }
}

/// Whether the person has an e-mail address and a phone number.
async fn contact_of(db: &impl ConnectionTrait, user_id: Uuid) -> DomainResult<(bool, bool)> {
    use crate::system::entities::user;
    use sea_orm::QuerySelect;
    let found: Option<(Option<String>, Option<String>)> = user::Entity::find_by_id(user_id)
        .select_only()
        .column(user::Column::Email)
        .column(user::Column::Phone)
        .into_tuple()
        .one(db)
        .await
        .map_err(db_err)?;
    Ok(found.map_or((false, false), |(e, p)| (e.is_some_and(|e| !e.is_empty()), p.is_some_and(|p| !p.is_empty()))))
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = Notification, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "kind": "customer.assigned", "entity": "customers",
    "record_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e60", "record_label": "华为技术有限公司", "actor_name": "manager", "data": {}, "read": false,
    "read_at": null, "created_at": "2026-12-06T08:00:00Z"}))]
pub struct NotificationView {
    pub id: Uuid,
    /// What happened: `customer.assigned`, `customer.transferred`, `customer.returned`
    /// (to the public pool by the rules), `customer.shared`, `follow_up.due`.
    pub kind: String,
    /// The record it is about, for the link (`customers`).
    pub entity: Option<String>,
    pub record_id: Option<Uuid>,
    pub record_label: Option<String>,
    /// Who acted (a login name); none for the server's own jobs.
    pub actor_name: Option<String>,
    /// The kind's particulars, e.g. `{"due_at": …}` for `follow_up.due`.
    pub data: Value,
    pub read: bool,
    pub read_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<Model> for NotificationView {
    fn from(m: Model) -> Self {
        Self {
            id: m.id,
            kind: m.kind,
            entity: m.entity,
            record_id: m.record_id,
            record_label: m.record_label,
            actor_name: m.actor_name,
            data: m.data,
            read: m.read_at.is_some(),
            read_at: m.read_at,
            created_at: m.created_at,
        }
    }
}

fn spec() -> ListSpec<Notification> {
    ListSpec {
        filters: vec![Filter { name: "kind", column: C::Kind, kind: FieldKind::Text, range: false }],
        sorts: vec![("created_at", C::CreatedAt)],
        search: vec![],
        search_index: None,
        default_sort: vec![(C::CreatedAt, Order::Desc)],
        tie_breaker: C::Id,
    }
}

pub fn sort_names() -> Vec<&'static str> {
    spec().sort_names()
}

/// The caller's notifications, newest first; `unread=true` leaves out those read.
pub async fn list(db: &Db, ctx: &Ctx, mut params: ListParams) -> DomainResult<Page<NotificationView>> {
    let mut select = Notification::find().filter(C::UserId.eq(ctx.actor.user_id));
    match params.take_filter("unread").as_deref() {
        None | Some("false") => {}
        Some("true") => select = select.filter(C::ReadAt.is_null()),
        Some(other) => return Err(crate::listing::bad_field("unread", format!("'{other}' is not a valid boolean for 'unread'"))),
    }
    let select = spec().apply(select, &params, db.get_database_backend())?;
    Ok(fetch_page(db, select, &params).await?.map(NotificationView::from))
}

pub async fn unread_count(db: &Db, ctx: &Ctx) -> DomainResult<u64> {
    Notification::find().filter(C::UserId.eq(ctx.actor.user_id)).filter(C::ReadAt.is_null()).count(db).await.map_err(db_err)
}

/// Marks one of the caller's notifications read (again: no change); another's is a 404.
pub async fn read(db: &Db, ctx: &Ctx, id: Uuid) -> DomainResult<NotificationView> {
    mark_read(db, ctx, Some(id)).await?;
    let n = Notification::find_by_id(id).filter(C::UserId.eq(ctx.actor.user_id)).one(db).await.map_err(db_err)?;
    n.map(Into::into).ok_or_else(|| DomainError::not_found("notification"))
}

/// Marks all the caller's notifications read; answers how many were unread.
pub async fn read_all(db: &Db, ctx: &Ctx) -> DomainResult<u64> {
    mark_read(db, ctx, None).await
}

/// The caller's unread notifications (`only` one of them) become read now.
async fn mark_read(db: &Db, ctx: &Ctx, only: Option<Uuid>) -> DomainResult<u64> {
    let mut update = Notification::update_many().col_expr(C::ReadAt, Expr::value(ctx.now)).filter(C::UserId.eq(ctx.actor.user_id)).filter(C::ReadAt.is_null());
    if let Some(id) = only {
        update = update.filter(C::Id.eq(id));
    }
    let res = update.exec(db).await.map_err(db_err)?;
    // The unread list's cached total: a write outside a transaction says so itself.
    crate::count_cache::note_write();
    Ok(res.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_link_to_the_record_or_for_an_export_to_my_exports() {
        let rid = Uuid::nil();
        let n = |kind: &str, entity: Option<&str>| Model {
            id: rid,
            user_id: rid,
            kind: kind.into(),
            entity: entity.map(String::from),
            record_id: entity.map(|_| rid),
            record_label: None,
            actor_name: None,
            data: Value::Null,
            dedupe_key: None,
            read_at: None,
            created_at: DateTime::<Utc>::MIN_UTC,
        };
        assert_eq!(link("https://crm.example.com/", &n("customer.assigned", Some("customers"))), format!("https://crm.example.com/customers/{rid}"));
        assert_eq!(link("https://crm.example.com/", &n("export.ready", Some("files"))), "https://crm.example.com/exports");
        assert_eq!(link("https://crm.example.com", &n("export.failed", None)), "https://crm.example.com/exports");
        assert_eq!(link("https://crm.example.com", &n("follow_up.due", None)), "https://crm.example.com");
    }
}
