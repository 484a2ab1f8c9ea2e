//! Who may see and change which folders and files, as conditions on their tables:
//! - personal space: its owner; department space: the department's members (and holders
//!   of `files:manage` whose data scope is everything); company space: everyone who may
//!   read the drive;
//! - attachments: whoever may read (change) the record they hang off, by its data scope;
//! - shares: a person, or everyone in a department, with `read` or `edit`; a folder's
//!   share reaches everything inside it (`path` holds the chain of folder ids).
//!
//! Changing needs reading plus one of: one's own personal space, one's own upload,
//! `files:manage` in the company's space or a department space it sees, an `edit` share,
//! or (attachments) the right to change the record.

use crm_domain::drive::{RecordType, Space};
use crm_domain::permissions::perms;
use crm_domain::DomainResult;
use sea_orm::sea_query::{Alias, Condition, Expr, Query, SelectStatement, SimpleExpr};
use sea_orm::{ConnectionTrait, QuerySelect, QueryTrait};

use crate::customers::contacts::Contacts;
use crate::customers::follow_ups::FollowUps;
use crate::customers::records::Customers;
use crate::kit::Resource;
use crate::recycle::SoftDelete;
use crate::Ctx;

fn col(table: &'static str, column: &'static str) -> Expr {
    Expr::col((Alias::new(table), Alias::new(column)))
}

fn manages(ctx: &Ctx) -> bool {
    ctx.actor.has(perms::FILES_MANAGE)
}

/// Every department's space, not only one's own: who keeps the drive with a data scope
/// over all records (an administrator).
fn every_department(ctx: &Ctx) -> bool {
    manages(ctx) && ctx.actor.scope.is_all()
}

/// The share rows that name the caller or their department.
fn mine(ctx: &Ctx) -> Condition {
    let mut c = Condition::any().add(
        Condition::all().add(col("drive_shares", "principal_type").eq("user")).add(col("drive_shares", "principal_id").eq(ctx.actor.user_id)),
    );
    if let Some(d) = ctx.actor.department_id {
        c = c.add(Condition::all().add(col("drive_shares", "principal_type").eq("department")).add(col("drive_shares", "principal_id").eq(d)));
    }
    c
}

fn share_rows(ctx: &Ctx, edit: bool) -> Condition {
    let mut c = Condition::all().add(mine(ctx));
    if edit {
        c = c.add(col("drive_shares", "access").eq("edit"));
    }
    c
}

/// The row is shared with the caller itself, or lies in a folder shared with them.
fn shared(ctx: &Ctx, table: &'static str, target_type: &'static str, edit: bool) -> Condition {
    let direct: SelectStatement = Query::select()
        .column(Alias::new("target_id"))
        .from(Alias::new("drive_shares"))
        .cond_where(Condition::all().add(col("drive_shares", "target_type").eq(target_type)).add(share_rows(ctx, edit)))
        .to_owned();
    let inside: SelectStatement = Query::select()
        .expr(Expr::val(1))
        .from(Alias::new("drive_shares"))
        .cond_where(
            Condition::all()
                .add(col("drive_shares", "target_type").eq("folder"))
                .add(share_rows(ctx, edit))
                .add(Expr::cust(format!(r#""{table}"."path" LIKE '%' || "drive_shares"."target_key" || '%'"#))),
        )
        .to_owned();
    Condition::any().add(col(table, "id").in_subquery(direct)).add(Expr::exists(inside))
}

/// The drive rows (not attachments) the caller may see by their space.
fn by_space(ctx: &Ctx, table: &'static str) -> Condition {
    let mut c = Condition::any()
        .add(Condition::all().add(col(table, "space").eq(Space::Personal.as_str())).add(col(table, "owner_id").eq(ctx.actor.user_id)))
        .add(col(table, "space").eq(Space::Company.as_str()));
    if every_department(ctx) {
        c = c.add(col(table, "space").eq(Space::Department.as_str()));
    } else if let Some(d) = ctx.actor.department_id {
        c = c.add(Condition::all().add(col(table, "space").eq(Space::Department.as_str())).add(col(table, "department_id").eq(d)));
    }
    c
}

/// What may be changed by its space: one's own personal space, and with `files:manage`
/// the shared spaces.
fn editable_by_space(ctx: &Ctx, table: &'static str) -> Condition {
    let mut c = Condition::any()
        .add(Condition::all().add(col(table, "space").eq(Space::Personal.as_str())).add(col(table, "owner_id").eq(ctx.actor.user_id)))
        .add(col(table, "created_by").eq(ctx.actor.user_id));
    if manages(ctx) {
        c = c.add(col(table, "space").eq(Space::Company.as_str()));
        if every_department(ctx) {
            c = c.add(col(table, "space").eq(Space::Department.as_str()));
        } else if let Some(d) = ctx.actor.department_id {
            c = c.add(Condition::all().add(col(table, "space").eq(Space::Department.as_str())).add(col(table, "department_id").eq(d)));
        }
    }
    c
}

/// Folders the caller may see (`for_edit`: change).
pub fn folders(ctx: &Ctx, for_edit: bool) -> Condition {
    let read = Condition::any().add(by_space(ctx, "folders")).add(shared(ctx, "folders", "folder", false));
    if !for_edit {
        return read;
    }
    Condition::all().add(read).add(Condition::any().add(editable_by_space(ctx, "folders")).add(shared(ctx, "folders", "folder", true)))
}

/// `SELECT id` of the records of `R` the caller may see (change).
async fn record_ids<R: Resource>(db: &impl ConnectionTrait, ctx: &Ctx, for_edit: bool) -> DomainResult<SelectStatement> {
    Ok(R::visible(db, ctx, for_edit).await?.select_only().column(<R::Entity as SoftDelete>::id_col()).into_query())
}

async fn attached(db: &impl ConnectionTrait, ctx: &Ctx, for_edit: bool) -> DomainResult<Condition> {
    let mut c = Condition::any();
    for kind in RecordType::ALL {
        let ids = match kind {
            RecordType::Customer => record_ids::<Customers>(db, ctx, for_edit).await?,
            RecordType::Contact => record_ids::<Contacts>(db, ctx, for_edit).await?,
            RecordType::FollowUp => record_ids::<FollowUps>(db, ctx, for_edit).await?,
        };
        c = c.add(Condition::all().add(col("files", "record_type").eq(kind.as_str())).add(col("files", "record_id").in_subquery(ids)));
    }
    Ok(c)
}

/// Files the caller may see (`for_edit`: change).
pub async fn files(db: &impl ConnectionTrait, ctx: &Ctx, for_edit: bool) -> DomainResult<Condition> {
    let drive = Condition::all().add(col("files", "record_type").is_null()).add(by_space(ctx, "files"));
    let read = Condition::any().add(drive).add(attached(db, ctx, false).await?).add(shared(ctx, "files", "file", false));
    if !for_edit {
        return Ok(read);
    }
    let change = Condition::any()
        .add(Condition::all().add(col("files", "record_type").is_null()).add(editable_by_space(ctx, "files")))
        .add(Condition::all().add(col("files", "record_type").is_not_null()).add(col("files", "created_by").eq(ctx.actor.user_id)))
        .add(attached(db, ctx, true).await?)
        .add(shared(ctx, "files", "file", true));
    Ok(Condition::all().add(read).add(change))
}

/// Only what is shared with the caller (the drive's "shared with me").
pub fn shared_only(ctx: &Ctx, table: &'static str, target_type: &'static str) -> Condition {
    shared(ctx, table, target_type, false)
}

/// Whether the caller may add into a folder they can see by the folder's space alone:
/// their own personal folders, their department's, or (`files:manage`) the company's.
pub fn may_add_by_space(ctx: &Ctx, space: Space, owner_id: Option<uuid::Uuid>, department_id: Option<uuid::Uuid>) -> bool {
    match space {
        Space::Personal => owner_id == Some(ctx.actor.user_id),
        Space::Department => every_department(ctx) || (department_id.is_some() && department_id == ctx.actor.department_id),
        Space::Company => manages(ctx),
    }
}

/// `path LIKE '<prefix>%'`, for a folder's descendants.
pub fn under(table: &'static str, prefix: &str) -> SimpleExpr {
    col(table, "path").like(format!("{prefix}%"))
}
