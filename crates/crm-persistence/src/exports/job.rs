//! The job `exports.run`: the list's file made as the person who asked, streamed into
//! their drive's folder 导出 (within their quota, as an upload is), and in one
//! transaction the file's row, the export marked done and the `export.ready` notice. A
//! server that stops half-way leaves the export running with nothing stored; the job is
//! taken over when its lease runs out and makes the file again from the start. A
//! refusal that another try cannot mend (the quota, too many rows for a spreadsheet, a
//! permission taken away) fails the export with its code and an `export.failed` notice;
//! the database being away is the job's failure, which the queue tries again.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use chrono::Utc;
use crm_domain::calendar::Calendar;
use crm_domain::drive::{FolderInput, Space};
use crm_domain::exports::{ExportFileFormat, ExportStatus, FOLDER};
use crm_domain::locale::Lang;
use crm_domain::{DomainError, DomainResult, ErrorKind};
use futures_util::StreamExt;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{json, Value};
use uuid::Uuid;

use super::entity::{Column as C, Entity as ExportRow, Model};
use super::lists;
use crate::db::db_err;
use crate::drive::files::{self, Destination};
use crate::drive::folders::{self, Folders};
use crate::drive::storage::Store;
use crate::kit::Resource;
use crate::notifications::{notify, Notice};
use crate::table_export::{Export, ExportFormat, Reader};
use crate::{tx, Ctx, Db};

const TAKEN_OVER: &str = "export.taken_over";

pub async fn run(db: &Db, store: &Store, payload: Value) -> DomainResult<()> {
    let Some(id) = payload.get("export_id").and_then(Value::as_str).and_then(|s| Uuid::parse_str(s).ok()) else {
        return Err(DomainError::internal("exports.run without an export_id"));
    };
    let Some(m) = ExportRow::find_by_id(id).one(db).await.map_err(db_err)? else { return Ok(()) };
    if matches!(ExportStatus::parse(&m.status), ExportStatus::Done | ExportStatus::Failed) {
        return Ok(());
    }
    let now = Utc::now();
    ExportRow::update_many()
        .col_expr(C::Status, Expr::value(ExportStatus::Running.as_str()))
        .col_expr(C::StartedAt, Expr::value(Some(m.started_at.unwrap_or(now))))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(C::Id.eq(id))
        .exec(db)
        .await
        .map_err(db_err)?;
    match make(db, store, &m).await {
        Ok(()) => Ok(()),
        Err(e) if e.code == TAKEN_OVER => Ok(()),
        Err(e) if matches!(e.kind, ErrorKind::Unavailable { .. }) => Err(e),
        Err(e) => fail(db, &m, e).await,
    }
}

/// The job was parked as dead (the database or the store failed on every attempt): the
/// export fails with `export.gave_up` and its owner is told, so it no longer waits or
/// counts against their limit.
pub async fn gave_up(db: &Db, payload: Value, error: String) -> DomainResult<()> {
    let Some(id) = payload.get("export_id").and_then(Value::as_str).and_then(|s| Uuid::parse_str(s).ok()) else { return Ok(()) };
    let Some(m) = ExportRow::find_by_id(id).one(db).await.map_err(db_err)? else { return Ok(()) };
    let why = DomainError::new(ErrorKind::Unavailable { retry_after_secs: 60 }, "export.gave_up", format!("the export stopped after its last attempt: {error}"));
    fail(db, &m, why).await
}

/// Marks the export failed with the reason, and tells its owner (once: an export that is
/// no longer queued or running is left as it is).
async fn fail(db: &Db, m: &Model, e: DomainError) -> DomainResult<()> {
    let now = Utc::now();
    let t = tx::begin(db).await?;
    let failed = ExportRow::update_many()
        .col_expr(C::Status, Expr::value(ExportStatus::Failed.as_str()))
        .col_expr(C::ErrorCode, Expr::value(Some(e.code.clone())))
        .col_expr(C::Error, Expr::value(Some(e.message.clone())))
        .col_expr(C::FinishedAt, Expr::value(Some(now)))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(C::Id.eq(m.id))
        .filter(C::Status.is_in([ExportStatus::Queued.as_str(), ExportStatus::Running.as_str()]))
        .exec(&t)
        .await
        .map_err(db_err)?;
    if failed.rows_affected == 1 {
        let notice = Notice {
            user_id: m.user_id,
            kind: "export.failed",
            entity: None,
            record_id: None,
            record_label: Some(m.list.clone()),
            data: json!({"export_id": m.id, "list": m.list, "format": m.format, "code": e.code}),
            dedupe_key: Some(format!("export.failed:{}", m.id)),
        };
        notify(&t, &Ctx::system(format!("export-{}", m.id)), notice).await?;
    }
    t.commit().await.map_err(db_err)
}

fn forbidden(message: impl Into<String>) -> DomainError {
    DomainError::new(ErrorKind::Forbidden, "auth.forbidden", message)
}

async fn make(db: &Db, store: &Store, m: &Model) -> DomainResult<()> {
    // The person as they are now: their scope, and whether they may still export the list.
    let Some(actor) = crate::auth::load_actor(db, m.user_id).await? else {
        return Err(forbidden("the account that asked for the export is disabled or deleted"));
    };
    let ctx = Ctx::new(actor, format!("export-{}", m.id), None);
    let list = lists::find(&m.list).ok_or_else(|| DomainError::invalid_field("list", "unknown", format!("'{}' does not export", m.list)))?;
    if !ctx.actor.has(list.permission) {
        return Err(forbidden(format!("exporting {} needs {}", list.list, list.permission.code())));
    }
    if !ctx.actor.has(crm_domain::permissions::perms::FILES_CREATE) {
        return Err(forbidden("a background export keeps its file in your drive, which needs files:create"));
    }
    let params = crate::listing::parse_query(&m.query)?;
    let format = match ExportFileFormat::parse(&m.format) {
        Some(ExportFileFormat::Xlsx) => ExportFormat::Xlsx,
        _ => ExportFormat::Csv,
    };
    let reader = match &m.lang {
        None => Reader::Script,
        Some(lang) => Reader::Person { lang: if lang == "zh" { Lang::Zh } else { Lang::En }, calendar: Calendar::parse("tz", m.tz.as_deref())? },
    };
    let folder_id = folder(db, &ctx).await?;
    let to = Destination { folder_id: Some(folder_id), ..Default::default() };
    let export = list.start(db, &ctx, params, format, reader).await?;
    let name = format!("{}-{}.{}", m.list, Utc::now().format("%Y%m%d-%H%M%S"), m.format);
    // What broke the file itself, rather than the store's view of a body that broke off.
    let broke: Rc<RefCell<Option<DomainError>>> = Rc::default();
    let (received, rows) = match export {
        Export::Csv(mut rx) => {
            let lines = Rc::new(Cell::new(Lines::default()));
            let body = {
                let (broke, lines) = (broke.clone(), lines.clone());
                futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx)).map(move |chunk| match chunk {
                    Ok(text) => {
                        let mut l = lines.get();
                        l.feed(&text);
                        lines.set(l);
                        Ok(bytes::Bytes::from(text))
                    }
                    Err(e) => {
                        let message = e.message.clone();
                        broke.replace(Some(e));
                        Err(message)
                    }
                })
            };
            let received = files::receive(db, store, &ctx, &to, body).await;
            (received, lines.get().rows())
        }
        Export::Xlsx(x) => {
            let file = tokio::fs::File::open(x.file.path()).await.map_err(|e| DomainError::internal(format!("export file: {e}")))?;
            let body = file_chunks(file);
            (files::receive(db, store, &ctx, &to, body).await, x.rows)
        }
    };
    let received = match (received, broke.take()) {
        (_, Some(e)) | (Err(e), None) => return Err(e),
        (Ok(r), None) => r,
    };
    let size = received.size;
    let rows = i64::try_from(rows).unwrap_or(i64::MAX);
    let settle = async |t: &tx::Tx, file: &files::FileView| {
        let now = Utc::now();
        let done = ExportRow::update_many()
            .col_expr(C::Status, Expr::value(ExportStatus::Done.as_str()))
            .col_expr(C::Rows, Expr::value(Some(rows)))
            .col_expr(C::Size, Expr::value(Some(size)))
            .col_expr(C::FileId, Expr::value(Some(file.id)))
            .col_expr(C::FileName, Expr::value(Some(file.name.clone())))
            .col_expr(C::FinishedAt, Expr::value(Some(now)))
            .col_expr(C::UpdatedAt, Expr::value(now))
            .filter(C::Id.eq(m.id))
            .filter(C::Status.eq(ExportStatus::Running.as_str()))
            .exec(t)
            .await
            .map_err(db_err)?;
        // Another run of a job taken over while this one still ran got there first.
        if done.rows_affected == 0 {
            return Err(DomainError::conflict(TAKEN_OVER, "another run of this export stored its file"));
        }
        let notice = Notice {
            user_id: m.user_id,
            kind: "export.ready",
            entity: Some("files"),
            record_id: Some(file.id),
            record_label: Some(file.name.clone()),
            data: json!({"export_id": m.id, "list": m.list, "format": m.format, "rows": rows, "folder_id": folder_id}),
            dedupe_key: Some(format!("export.ready:{}", m.id)),
        };
        notify(t, &Ctx::system(format!("export-{}", m.id)), notice).await
    };
    files::commit_with(db, store, &ctx, to, &name, received, settle).await.map(drop)
}

/// The person's folder for exports at the top of their own space, made when missing.
/// Two exports finishing at once may both make it; both then use the older one.
async fn folder(db: &Db, ctx: &Ctx) -> DomainResult<Uuid> {
    if let Some(id) = find_folder(db, ctx).await? {
        return Ok(id);
    }
    let made = folders::create(db, ctx, FolderInput { name: FOLDER.into(), parent_id: None, space: Some(Space::Personal) }).await?;
    Ok(find_folder(db, ctx).await?.unwrap_or(made.id))
}

async fn find_folder(db: &Db, ctx: &Ctx) -> DomainResult<Option<Uuid>> {
    use crate::drive::entities::folder::Column as F;
    let found = Folders::visible(db, ctx, true)
        .await?
        .filter(F::Name.eq(FOLDER))
        .filter(F::ParentId.is_null())
        .filter(F::Space.eq(Space::Personal.as_str()))
        .filter(F::OwnerId.eq(ctx.actor.user_id))
        .order_by_asc(F::CreatedAt)
        .order_by_asc(F::Id)
        .one(db)
        .await
        .map_err(db_err)?;
    Ok(found.map(|f| f.id))
}

/// A finished file as a stream of chunks.
fn file_chunks(file: tokio::fs::File) -> impl futures_util::Stream<Item = std::io::Result<bytes::Bytes>> + Unpin {
    Box::pin(futures_util::stream::unfold(file, |mut file| async move {
        use tokio::io::AsyncReadExt;
        let mut buf = vec![0u8; 256 * 1024];
        match file.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok(bytes::Bytes::from(buf)), file))
            }
            Err(e) => Some((Err(e), file)),
        }
    }))
}

/// Counts the records of CSV text as it streams by: line ends outside quotes (a quoted
/// cell may hold line breaks; `""` inside one flips the state twice).
#[derive(Debug, Clone, Copy, Default)]
struct Lines {
    quoted: bool,
    ends: u64,
}

impl Lines {
    fn feed(&mut self, text: &str) {
        for b in text.bytes() {
            match b {
                b'"' => self.quoted = !self.quoted,
                b'\n' if !self.quoted => self.ends += 1,
                _ => {}
            }
        }
    }

    /// Data rows: every record but the header.
    fn rows(self) -> u64 {
        self.ends.saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::Lines;

    #[test]
    fn csv_records_are_counted_across_chunks_and_quoted_line_breaks() {
        let mut l = Lines::default();
        for chunk in ["\u{feff}name,remark\r\n甲,\"two\r\nlines\"\r\n", "乙,\"say \"\"hi\"\"\"\r", "\n丙,\r\n"] {
            l.feed(chunk);
        }
        assert_eq!(l.rows(), 3);
    }
}
