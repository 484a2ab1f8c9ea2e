//! Background exports (issue 18): `POST /exports` checks what a download of the list
//! would check — the list's `<module>:export` permission, its filters and sort — and
//! queues an `exports.run` job with the export's row; the job makes the file as the
//! person who asked (their data scope, rebuilt from their id), stores it in their drive
//! (`crm_domain::exports::FOLDER`) against their quota and notifies them
//! (`export.ready`, or `export.failed` with the reason). `lists` is the one table of
//! exportable lists, which the download routes start their files from too.

pub mod job;
pub mod lists;

use chrono::{DateTime, Utc};
use crm_domain::exports::{ExportFileFormat, ExportRequest, ExportStatus};
use crm_domain::locale::Lang;
use crm_domain::{DomainError, DomainResult, ErrorKind};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use self::entity::{Column as C, Entity as ExportRow, Model};
use crate::db::db_err;
use crate::listing::{fetch_page, FieldKind, Filter, ListParams, ListSpec, Page};
use crate::{tx, Ctx, Db};

pub mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "exports")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub user_id: Uuid,
        pub list: String,
        pub format: String,
        /// The list's query string as given.
        pub query: String,
        pub raw: bool,
        /// The reader's language (`zh`, `en`) for a file for people; none for scripts.
        pub lang: Option<String>,
        pub tz: Option<String>,
        pub status: String,
        pub rows: Option<i64>,
        pub size: Option<i64>,
        pub file_id: Option<Uuid>,
        pub file_name: Option<String>,
        pub error_code: Option<String>,
        pub error: Option<String>,
        pub created_at: DateTimeUtc,
        pub started_at: Option<DateTimeUtc>,
        pub finished_at: Option<DateTimeUtc>,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub const JOB: &str = "exports.run";

/// 429 `export.too_many_running`, with `Retry-After`: `running` of the person's exports
/// are under way, at most `limit` at once.
pub fn too_many(running: u64, limit: u64, retry_after_secs: u64) -> DomainError {
    DomainError::new(ErrorKind::TooManyRequests { retry_after_secs }, "export.too_many_running", format!("{running} of your exports are still under way; at most {limit} at once"))
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ExportJob, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4f61", "list": "customers", "format": "xlsx", "query": "pool=potential&sort=-updated_at",
    "raw": false, "lang": "zh", "tz": "Asia/Shanghai", "status": "done", "rows": 182000, "size": 9437184, "file_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4f62",
    "file_name": "customers-20261207-100003.xlsx", "error_code": null, "error": null, "created_at": "2026-12-07T10:00:00Z", "started_at": "2026-12-07T10:00:01Z",
    "finished_at": "2026-12-07T10:00:41Z", "duration_ms": 40000}))]
pub struct ExportView {
    pub id: Uuid,
    /// The list exported, as its URL names it.
    pub list: String,
    pub format: ExportFileFormat,
    /// The list's query string (filters, `q`, `sort`) as given.
    pub query: String,
    pub raw: bool,
    /// The language of headers and labels (`zh`, `en`); none for a file for scripts.
    pub lang: Option<String>,
    pub tz: Option<String>,
    pub status: ExportStatus,
    /// Data rows in the file, once done.
    pub rows: Option<i64>,
    /// The file's bytes, once done.
    pub size: Option<i64>,
    /// The drive file (`GET /files/{id}`, `/files/{id}/content`), once done.
    pub file_id: Option<Uuid>,
    /// `<list>-<YYYYmmdd-HHMMSS>.<csv|xlsx>`, in the caller's folder 导出.
    pub file_name: Option<String>,
    /// Why it failed, as a problem code: `drive.quota_exceeded`, `file.too_large`,
    /// `export.too_many_rows`, `auth.forbidden` (the permission was taken away since), …
    pub error_code: Option<String>,
    pub error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    /// From start to finish, or to now while it runs.
    pub duration_ms: Option<i64>,
}

fn view(m: Model) -> ExportView {
    let duration_ms = m.started_at.map(|s| (m.finished_at.unwrap_or_else(Utc::now) - s).num_milliseconds());
    ExportView {
        id: m.id,
        list: m.list,
        format: ExportFileFormat::parse(&m.format).unwrap_or(ExportFileFormat::Csv),
        query: m.query,
        raw: m.raw,
        lang: m.lang,
        tz: m.tz,
        status: ExportStatus::parse(&m.status),
        rows: m.rows,
        size: m.size,
        file_id: m.file_id,
        file_name: m.file_name,
        error_code: m.error_code,
        error: m.error,
        created_at: m.created_at,
        started_at: m.started_at,
        finished_at: m.finished_at,
        duration_ms,
    }
}

/// The caller's own export (an administrator's, who sees all data, any).
pub async fn get(db: &Db, ctx: &Ctx, id: Uuid) -> DomainResult<ExportView> {
    let m = ExportRow::find_by_id(id).one(db).await.map_err(db_err)?.ok_or_else(|| DomainError::not_found("export"))?;
    if m.user_id != ctx.actor.user_id && !ctx.actor.scope.is_all() {
        return Err(DomainError::not_found("export"));
    }
    Ok(view(m))
}

fn spec() -> ListSpec<ExportRow> {
    let f = |name, column, kind| Filter { name, column, kind, range: false };
    ListSpec {
        filters: vec![f("list", C::List, FieldKind::Text), f("status", C::Status, FieldKind::Text), f("format", C::Format, FieldKind::Text)],
        sorts: vec![("created_at", C::CreatedAt)],
        search: vec![C::FileName],
        search_index: None,
        default_sort: vec![(C::CreatedAt, Order::Desc)],
        tie_breaker: C::Id,
    }
}

pub fn sort_names() -> Vec<&'static str> {
    spec().sort_names()
}

/// The caller's exports, newest first. `format` and `status` take only their values
/// (comma-separated for several), each filter once: the document states them so.
pub async fn list(db: &Db, ctx: &Ctx, params: ListParams) -> DomainResult<Page<ExportView>> {
    let mut seen = std::collections::HashSet::new();
    for (name, raw) in &params.filters {
        let refused = |message: String| crate::listing::bad_field(name, message);
        if !seen.insert(name.as_str()) {
            return Err(refused(format!("'{name}' is given twice; give several values as one, comma-separated")));
        }
        let known: &[&str] = match name.as_str() {
            "format" => &["csv", "xlsx"],
            "status" => &["queued", "running", "done", "failed"],
            _ => continue,
        };
        if let Some(bad) = raw.split(',').find(|v| !known.contains(v)) {
            return Err(refused(format!("'{bad}' is not a {name}; one of: {}", known.join(", "))));
        }
    }
    let select = spec().apply(ExportRow::find().filter(C::UserId.eq(ctx.actor.user_id)), &params, db.get_database_backend())?;
    Ok(fetch_page(db, select, &params).await?.map(view))
}

/// Queues an export of `req.list` for the caller: 422 for a list that does not export,
/// 403 without its `<module>:export` or `files:create` (the file goes into the drive), 400 for a filter or sort it does not take (`params`
/// is `req.query` parsed), 429 `export.too_many_running` when `user_jobs` of the caller's
/// exports are waiting or running. The row and its job are written together.
pub async fn start(db: &Db, ctx: &Ctx, req: ExportRequest, params: ListParams, lang: Lang, user_jobs: u64) -> DomainResult<ExportView> {
    let Some(list) = lists::find(&req.list) else {
        return Err(DomainError::invalid_field("list", "unknown", format!("'{}' does not export; one of: {}", req.list.chars().take(64).collect::<String>(), lists::names().join(", "))));
    };
    if !ctx.actor.has(list.permission) {
        return Err(DomainError::new(ErrorKind::Forbidden, "auth.forbidden", format!("exporting {} needs {}", list.list, list.permission.code())));
    }
    // The file is kept in the caller's drive: one they could not open is no use to them.
    if !ctx.actor.has(crm_domain::permissions::perms::FILES_CREATE) {
        return Err(DomainError::new(ErrorKind::Forbidden, "auth.forbidden", "a background export keeps its file in your drive, which needs files:create"));
    }
    // The query is built now, so a bad parameter is this request's 400, not the job's failure.
    drop(list.prepare(db, ctx, params).await?);
    let running = ExportRow::find()
        .filter(C::UserId.eq(ctx.actor.user_id))
        .filter(C::Status.is_in([ExportStatus::Queued.as_str(), ExportStatus::Running.as_str()]))
        .count(db)
        .await
        .map_err(db_err)?;
    if running >= user_jobs {
        return Err(too_many(running, user_jobs, 30));
    }
    let row = Model {
        id: Uuid::now_v7(),
        user_id: ctx.actor.user_id,
        list: list.list.into(),
        format: req.format.as_str().into(),
        query: req.query,
        raw: req.raw,
        lang: (!req.raw).then(|| lang_code(lang).to_string()),
        tz: if req.raw { None } else { req.tz },
        status: ExportStatus::Queued.as_str().into(),
        rows: None,
        size: None,
        file_id: None,
        file_name: None,
        error_code: None,
        error: None,
        created_at: ctx.now,
        started_at: None,
        finished_at: None,
        updated_at: ctx.now,
    };
    let t = tx::begin(db).await?;
    ExportRow::insert(entity::ActiveModel::from(row.clone())).exec_without_returning(&t).await.map_err(db_err)?;
    crate::jobs::enqueue(&t, JOB, json!({"export_id": row.id}), ctx.now).await?;
    t.commit().await.map_err(db_err)?;
    Ok(view(row))
}

fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    }
}
