//! File imports (issue 18, the seed's 数据迁移): `POST /imports` keeps the upload and
//! queues an `imports.run` job; the job (`job`) reads the file as rows (`read`), turns
//! each into the record's create input (`fields`, `refs`) and writes chunks through the
//! record's own batch create inside a transaction that also records the progress and the
//! failed rows, so the same validation, dictionaries, duplicate check, scope, owner
//! defaults, operation log and webhooks apply as to a single create.

pub mod fields;
pub mod job;
pub mod read;
pub mod refs;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use crm_domain::imports::{ImportEncoding, ImportMode, ImportOptions, ImportStatus, OnDuplicate};
use crm_domain::locale::Lang;
use crm_domain::{DomainError, DomainResult, ErrorKind};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use serde_json::{json, Value};
use uuid::Uuid;

use self::entities::import::{self, Column as C, Entity as Import};
use self::entities::import_error::{self, Column as EC, Entity as ImportError};
use self::fields::CellError;
use crate::db::db_err;
use crate::drive::storage::{Received, Store};
use crate::listing::{fetch_page, FieldKind, Filter, ListParams, ListSpec, Page};
use crate::{tx, Ctx, Db};

pub mod entities {
    pub mod import {
        use sea_orm::entity::prelude::*;

        #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
        #[sea_orm(table_name = "imports")]
        pub struct Model {
            #[sea_orm(primary_key, auto_increment = false)]
            pub id: Uuid,
            pub user_id: Uuid,
            pub entity: String,
            pub file_name: String,
            pub file_key: String,
            pub format: String,
            pub size: i64,
            /// As chosen (`auto`, `utf8`, `gbk`), then as found (`utf-8`, `gb18030`).
            pub encoding: String,
            pub mode: String,
            pub on_duplicate: String,
            pub atomic: bool,
            /// As given: header → field.
            pub mapping: Json,
            /// As planned: the file's headers and the field each fills (`[header, field|null]`).
            pub columns: Json,
            pub status: String,
            pub rows_read: i32,
            pub created: i32,
            pub updated: i32,
            pub skipped: i32,
            pub failed: i32,
            /// Data rows whose outcome is committed: where a restarted job goes on.
            pub committed_rows: i32,
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

    pub mod import_error {
        use sea_orm::entity::prelude::*;

        #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
        #[sea_orm(table_name = "import_errors")]
        pub struct Model {
            #[sea_orm(primary_key, auto_increment = false)]
            pub id: Uuid,
            pub import_id: Uuid,
            /// As a spreadsheet numbers it: the header is row 1.
            pub row_no: i32,
            /// The row's cells as uploaded.
            pub cells: Json,
            /// `Vec<CellError>`.
            pub errors: Json,
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    }
}

pub const JOB: &str = "imports.run";

/// The largest file taken.
pub const MAX_FILE_BYTES: i64 = 512 * 1024 * 1024;

/// At most this many of a person's imports wait or run at once (`--user-jobs`).
pub const DEFAULT_USER_JOBS: u64 = 2;

/// How many errors `GET /imports/{id}` shows; the errors file has them all.
const SHOWN_ERRORS: u64 = 100;

fn text<T: Serialize>(v: T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn parse<T: for<'de> serde::Deserialize<'de> + Default>(s: &str) -> T {
    serde_json::from_value(json!(s)).unwrap_or_default()
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ImportRowFailure, example = json!({"row": 7, "errors": [{"column": "行业", "field": "industry", "code": "unknown_choice", "message": "'芯片' is not in the industry dictionary; use a code or label of it"}]}))]
pub struct RowFailure {
    /// As a spreadsheet numbers it: the header is row 1.
    pub row: i32,
    pub errors: Vec<CellError>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ImportColumn, example = json!({"header": "客户名称", "field": "name"}))]
pub struct PlannedColumn {
    pub header: String,
    /// The field the column fills; null when it is left out.
    pub field: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Import, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4f51", "entity": "customers", "file_name": "客户.csv", "format": "csv", "size": 10485760,
    "encoding": "gb18030", "mode": "commit", "on_duplicate": "skip", "atomic": false, "status": "running",
    "columns": [{"header": "客户名称", "field": "name"}, {"header": "电话", "field": "phone"}, {"header": "说明", "field": null}],
    "rows_read": 350000, "created": 349200, "updated": 0, "skipped": 780, "failed": 20, "error": null, "errors": [],
    "created_at": "2026-12-07T10:00:00Z", "started_at": "2026-12-07T10:00:01Z", "finished_at": null, "duration_ms": 21000}))]
pub struct ImportView {
    pub id: Uuid,
    pub entity: String,
    pub file_name: String,
    /// `csv` or `xlsx`, from the file's bytes.
    pub format: String,
    pub size: i64,
    /// As read: `utf-8` or `gb18030` (GBK); `auto`, `utf8` or `gbk` until the job starts.
    pub encoding: String,
    pub mode: ImportMode,
    pub on_duplicate: OnDuplicate,
    pub atomic: bool,
    pub status: ImportStatus,
    pub columns: Vec<PlannedColumn>,
    /// Data rows read so far (the header not counted).
    pub rows_read: i32,
    /// Written (in a dry run: would be written).
    pub created: i32,
    /// Existing records that took a duplicate row's cells (`on_duplicate: update`; in a
    /// dry run: would take them). Zero when an all-or-nothing import failed.
    pub updated: i32,
    /// Duplicates left out (`on_duplicate: skip`).
    pub skipped: i32,
    pub failed: i32,
    /// Why the import as a whole failed (an unreadable file; in atomic mode, failed rows).
    pub error: Option<String>,
    /// The first failed rows; `GET /imports/{id}/errors.csv` has them all.
    pub errors: Vec<RowFailure>,
    pub created_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    /// From start to finish, or to now while it runs.
    pub duration_ms: Option<i64>,
}

fn view(m: import::Model, errors: Vec<RowFailure>) -> ImportView {
    let columns: Vec<(String, Option<String>)> = serde_json::from_value(m.columns).unwrap_or_default();
    let duration_ms = m.started_at.map(|s| (m.finished_at.unwrap_or_else(Utc::now) - s).num_milliseconds());
    ImportView {
        id: m.id,
        entity: m.entity,
        file_name: m.file_name,
        format: m.format,
        size: m.size,
        encoding: m.encoding,
        mode: parse(&m.mode),
        on_duplicate: parse(&m.on_duplicate),
        atomic: m.atomic,
        status: ImportStatus::parse(&m.status),
        columns: columns.into_iter().map(|(header, field)| PlannedColumn { header, field }).collect(),
        rows_read: m.rows_read,
        created: m.created,
        updated: m.updated,
        skipped: m.skipped,
        failed: m.failed,
        error: m.error,
        errors,
        created_at: m.created_at,
        started_at: m.started_at,
        finished_at: m.finished_at,
        duration_ms,
    }
}

/// The caller's own import (an administrator's too: `imports:read` with all data).
async fn mine(db: &Db, ctx: &Ctx, id: Uuid) -> DomainResult<import::Model> {
    let m = Import::find_by_id(id).one(db).await.map_err(db_err)?.ok_or_else(|| DomainError::not_found("import"))?;
    if m.user_id != ctx.actor.user_id && !ctx.actor.scope.is_all() {
        return Err(DomainError::not_found("import"));
    }
    Ok(m)
}

pub async fn get(db: &Db, ctx: &Ctx, id: Uuid) -> DomainResult<ImportView> {
    let m = mine(db, ctx, id).await?;
    let errors = ImportError::find().filter(EC::ImportId.eq(id)).order_by_asc(EC::RowNo).paginate(db, SHOWN_ERRORS).fetch_page(0).await.map_err(db_err)?;
    let errors = errors.into_iter().map(|e| RowFailure { row: e.row_no, errors: serde_json::from_value(e.errors).unwrap_or_default() }).collect();
    Ok(view(m, errors))
}

fn spec() -> ListSpec<Import> {
    let f = |name, column, kind| Filter { name, column, kind, range: false };
    ListSpec {
        filters: vec![f("entity", C::Entity, FieldKind::Text), f("status", C::Status, FieldKind::Text)],
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

/// The caller's imports, newest first (without their errors).
pub async fn list(db: &Db, ctx: &Ctx, params: ListParams) -> DomainResult<Page<ImportView>> {
    let select = spec().apply(Import::find().filter(C::UserId.eq(ctx.actor.user_id)), &params, db.get_database_backend())?;
    Ok(fetch_page(db, select, &params).await?.map(|m| view(m, Vec::new())))
}

/// What `POST /imports` hands over: the options and the received file.
pub struct Upload {
    pub options: ImportOptions,
    pub file_name: String,
    pub received: Received,
}

/// Checks the upload (its kind, its header row against the fields, the caller's right to
/// create such records, the caller's running imports), keeps the file and queues the job
/// in one transaction with the import's row.
pub async fn start(db: &Db, store: &Store, ctx: &Ctx, upload: Upload, user_jobs: u64) -> DomainResult<ImportView> {
    let Upload { options, file_name, received } = upload;
    let imp = fields::importer(&options.entity);
    options.validate(&fields::entities(), imp.is_some_and(|i| i.update.is_some()))?;
    let imp = imp.ok_or_else(|| DomainError::internal("importer checked above"))?;
    if let Some(missing) = imp.permissions.iter().find(|p| !ctx.actor.has(**p)) {
        return Err(DomainError::new(ErrorKind::Forbidden, "auth.forbidden", format!("importing {} needs {}", imp.entity, missing.code())));
    }
    let format = read::sniff(&received.head)?;
    let path = received.path().to_path_buf();
    let encoding = tokio::task::spawn_blocking({
        let path = path.clone();
        move || read::detect(&path, options.encoding)
    })
    .await
    .map_err(|e| DomainError::internal(format!("encoding detection: {e}")))?
    .map_err(|e| DomainError::internal(format!("cannot read the upload: {e}")))?;
    let mut rows = read::rows(path, format, encoding);
    let headers = match rows.recv().await {
        Some(Ok((_, headers))) => headers,
        Some(Err(e)) => return Err(e),
        None => return Err(DomainError::invalid_field("file", "empty", "the file has no header row")),
    };
    drop(rows);
    let planned = fields::plan(imp, &headers, &options.mapping)?;
    let columns: Vec<(String, Option<&str>)> = headers.iter().zip(&planned).map(|(h, p)| (h.clone(), p.and_then(|i| imp.fields.get(i)).map(|f| f.key))).collect();
    let running = Import::find()
        .filter(C::UserId.eq(ctx.actor.user_id))
        .filter(C::Status.is_in([ImportStatus::Queued.as_str(), ImportStatus::Running.as_str()]))
        .count(db)
        .await
        .map_err(db_err)?;
    if running >= user_jobs {
        return Err(DomainError::new(ErrorKind::TooManyRequests { retry_after_secs: 30 }, "import.too_many_running", format!("{running} of your imports are still waiting or running; at most {user_jobs} at once")));
    }
    let id = Uuid::now_v7();
    let key = format!("import-{id}");
    store.keep(&received, &key).await.map_err(|e| DomainError::internal(format!("cannot keep the upload: {e}")))?;
    let row = import::Model {
        id,
        user_id: ctx.actor.user_id,
        entity: imp.entity.into(),
        file_name: file_name.chars().take(255).collect(),
        file_key: key.clone(),
        format: format.as_str().into(),
        size: received.size,
        encoding: encoding.name().to_ascii_lowercase(),
        mode: text(options.mode),
        on_duplicate: text(options.on_duplicate),
        atomic: options.atomic,
        mapping: json!(options.mapping),
        columns: json!(columns),
        status: ImportStatus::Queued.as_str().into(),
        rows_read: 0,
        created: 0,
        updated: 0,
        skipped: 0,
        failed: 0,
        committed_rows: 0,
        error: None,
        created_at: ctx.now,
        started_at: None,
        finished_at: None,
        updated_at: ctx.now,
    };
    let saved = async {
        let tx = tx::begin(db).await?;
        Import::insert(import::ActiveModel::from(row.clone())).exec_without_returning(&tx).await.map_err(db_err)?;
        crate::jobs::enqueue(&tx, JOB, json!({"import_id": id}), ctx.now).await?;
        tx.commit().await.map_err(db_err)
    }
    .await;
    if let Err(e) = saved {
        store.remove(&key).await;
        return Err(e);
    }
    Ok(view(row, Vec::new()))
}

/// The failed rows as uploaded, with the header row and an error column last: fixed, the
/// file imports again.
pub async fn errors_file(db: &Db, ctx: &Ctx, id: Uuid, lang: Lang) -> DomainResult<Vec<u8>> {
    let m = mine(db, ctx, id).await?;
    let columns: Vec<(String, Option<String>)> = serde_json::from_value(m.columns).unwrap_or_default();
    let mut out = csv::WriterBuilder::new().from_writer(Vec::new());
    let mut header: Vec<String> = columns.iter().map(|(h, _)| h.clone()).collect();
    header.push(if lang == Lang::Zh { "错误原因" } else { "Errors" }.to_string());
    let write_err = |e: csv::Error| DomainError::internal(format!("errors file: {e}"));
    out.write_record(&header).map_err(write_err)?;
    let mut pages = ImportError::find().filter(EC::ImportId.eq(id)).order_by_asc(EC::RowNo).paginate(db, 1000);
    while let Some(rows) = pages.fetch_and_next().await.map_err(db_err)? {
        for r in rows {
            let mut cells: Vec<String> = serde_json::from_value(r.cells).unwrap_or_default();
            cells.resize(columns.len(), String::new());
            let errors: Vec<CellError> = serde_json::from_value(r.errors).unwrap_or_default();
            cells.push(errors.iter().map(|e| match &e.column {
                Some(c) => format!("{c}: {}", e.message),
                None => e.message.clone(),
            }).collect::<Vec<_>>().join("; "));
            out.write_record(&cells).map_err(write_err)?;
        }
    }
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(out.into_inner().map_err(|e| DomainError::internal(format!("errors file: {e}")))?);
    Ok(bytes)
}

/// An importer's template: its headers in `lang` (required ones marked `*`) and an
/// example row, as CSV (UTF-8 with a BOM, which Excel opens as UTF-8) or XLSX.
pub fn template(entity: &str, format: read::Format, lang: Lang) -> DomainResult<Vec<u8>> {
    let imp = fields::importer(entity).ok_or_else(|| DomainError::invalid_field("entity", "unknown", format!("one of: {}", fields::entities().join(", "))))?;
    let (headers, example) = fields::template(imp, lang);
    let fail = |e: &dyn std::fmt::Display| DomainError::internal(format!("template: {e}"));
    match format {
        read::Format::Csv => {
            let mut out = csv::WriterBuilder::new().from_writer(b"\xEF\xBB\xBF".to_vec());
            out.write_record(&headers).map_err(|e| fail(&e))?;
            out.write_record(&example).map_err(|e| fail(&e))?;
            out.into_inner().map_err(|e| fail(&e))
        }
        read::Format::Xlsx => {
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet();
            let bold = rust_xlsxwriter::Format::new().set_bold();
            for (c, (h, e)) in headers.iter().zip(&example).enumerate() {
                let c = u16::try_from(c).unwrap_or(u16::MAX);
                sheet.write_string_with_format(0, c, h, &bold).map_err(|e| fail(&e))?;
                sheet.write_string(1, c, e).map_err(|e| fail(&e))?;
                sheet.set_column_width(c, 18).map_err(|e| fail(&e))?;
            }
            book.save_to_buffer().map_err(|e| fail(&e))
        }
    }
}

/// A job's progress and outcome, written under the import's row. With `after`, only over
/// that committed progress: another run of the same import (its job taken over while this
/// one still ran) that moved on makes this one stop (`import.taken_over`).
pub(crate) async fn save_progress(db: &tx::Tx, id: Uuid, p: &job::Progress, status: Option<ImportStatus>, error: Option<String>, after: Option<i32>) -> DomainResult<()> {
    let now = Utc::now();
    let mut q = Import::update_many()
        .col_expr(C::RowsRead, Expr::value(p.rows_read))
        .col_expr(C::Created, Expr::value(p.created))
        .col_expr(C::Updated, Expr::value(p.updated))
        .col_expr(C::Skipped, Expr::value(p.skipped))
        .col_expr(C::Failed, Expr::value(p.failed))
        .col_expr(C::CommittedRows, Expr::value(p.committed_rows))
        .col_expr(C::UpdatedAt, Expr::value(now));
    if let Some(s) = status {
        q = q.col_expr(C::Status, Expr::value(s.as_str()));
        if matches!(s, ImportStatus::Done | ImportStatus::Failed) {
            q = q.col_expr(C::FinishedAt, Expr::value(Some(now)));
        }
    }
    if let Some(e) = error {
        q = q.col_expr(C::Error, Expr::value(Some(e)));
    }
    let mut q = q.filter(C::Id.eq(id));
    if let Some(before) = after {
        q = q.filter(C::CommittedRows.eq(before)).filter(C::Status.eq(ImportStatus::Running.as_str()));
    }
    if q.exec(db).await.map_err(db_err)?.rows_affected == 0 && after.is_some() {
        return Err(DomainError::conflict(TAKEN_OVER, "another run of this import moved on"));
    }
    Ok(())
}

pub(crate) const TAKEN_OVER: &str = "import.taken_over";

pub(crate) async fn save_failures(db: &tx::Tx, id: Uuid, failures: Vec<(usize, Vec<String>, Vec<CellError>)>) -> DomainResult<()> {
    let rows: Vec<import_error::ActiveModel> = failures
        .into_iter()
        .map(|(row, cells, errors)| import_error::ActiveModel {
            id: Set(Uuid::now_v7()),
            import_id: Set(id),
            row_no: Set(i32::try_from(row).unwrap_or(i32::MAX)),
            cells: Set(json!(cells)),
            errors: Set(json!(errors)),
        })
        .collect();
    for chunk in rows.chunks(500) {
        ImportError::insert_many(chunk.to_vec()).exec_without_returning(db).await.map_err(db_err)?;
    }
    Ok(())
}

/// The options as the job reads them back.
pub(crate) fn options_of(m: &import::Model) -> (ImportMode, OnDuplicate, ImportEncoding, BTreeMap<String, String>) {
    let encoding = match m.encoding.as_str() {
        "gb18030" | "gbk" => ImportEncoding::Gbk,
        _ => ImportEncoding::Utf8,
    };
    (parse(&m.mode), parse(&m.on_duplicate), encoding, serde_json::from_value(m.mapping.clone()).unwrap_or_default())
}

pub(crate) fn value_of(v: &Value) -> Option<Uuid> {
    v.as_str().and_then(|s| Uuid::parse_str(s).ok())
}
