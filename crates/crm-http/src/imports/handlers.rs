use std::collections::BTreeMap;

use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use crm_domain::imports::{ImportEncoding, ImportEntity, ImportMode, ImportOptions, OnDuplicate};
use crm_domain::locale::Lang;
use crm_domain::{DomainError, ErrorKind};
use crm_persistence::drive::storage::ReceiveError;
use crm_persistence::imports::read::Format;
use crm_persistence::imports::{self, ImportView as Import, Upload, MAX_FILE_BYTES};
use futures_util::TryStreamExt;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::ReqCtx;
use crate::drive::upload::form_text;
use crate::etag::ok;
use crate::list_query::{ListQuery, PageOf, PageParams};
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct ImportUpload {
    /// A CSV (UTF-8 with or without a BOM, or GBK/GB18030) or XLSX file (its first
    /// sheet), told apart by its bytes; the first row holds the headers.
    #[schema(value_type = String, format = Binary)]
    file: String,
    entity: ImportEntity,
    /// `dry_run` (default: check every row, write nothing) or `commit`.
    mode: Option<ImportMode>,
    /// What a row that duplicates a stored record (or an earlier row) does: `error`
    /// (default: the row fails, code `duplicate`), `skip` (counted as skipped) or
    /// `update`. `update` is offered for customers (same name, phone or e-mail),
    /// products (same name in the category) and suppliers (same name); for contacts,
    /// leads, opportunities and payments, which have no duplicate rule, it is 422
    /// `on_duplicate` `unsupported`. The record the row duplicates takes the row's mapped,
    /// non-empty cells through its own update (as its PATCH: validation, dictionaries,
    /// data scope, a new version, the operation log, `*.updated` webhooks); an empty cell
    /// leaves its field as it is, and a customer's owner column is not changed (a
    /// transfer does that). Counted as `updated`. The row fails instead, changing
    /// nothing, with `duplicate_ambiguous` when it duplicates more than one record (one
    /// customer by name, another by phone) and `duplicate_forbidden` when the importer
    /// may not change that record (outside their data scope, or without
    /// `<record>:update`). A record an earlier row of the file created is updated by the
    /// later row.
    #[schema(example = "update")]
    on_duplicate: Option<OnDuplicate>,
    /// `true`: all or nothing — any failed row and no row is written.
    atomic: Option<bool>,
    /// `auto` (default), `utf8` or `gbk`.
    encoding: Option<ImportEncoding>,
    /// JSON object of column header → field name (`""` leaves a column out); headers not
    /// named match a field by its name, its Chinese or English header, or the export's.
    #[schema(example = "{\"公司全称\": \"name\", \"备注说明\": \"\"}")]
    mapping: Option<String>,
}

/// An optional form field's value; empty or `null` is its default.
fn option<T: for<'de> Deserialize<'de> + Default>(name: &str, raw: &str) -> Result<T, crate::problem::ApiError> {
    if matches!(raw.trim(), "" | "null") {
        return Ok(T::default());
    }
    serde_json::from_value(serde_json::Value::String(raw.trim().to_string())).map_err(|_| DomainError::invalid_field(name, "invalid", format!("'{}' is not a value of {name}", raw.chars().take(40).collect::<String>())).into())
}

/// Starts an import: the file is kept and an import job queued (202); `GET
/// /imports/{id}` follows it. Checked now: the file's kind (422 `file` `unreadable` for
/// anything but CSV or XLSX, `empty`), its header row against the record's fields (422
/// `mapping.<header>` `unknown_field`/`unknown_column`, `columns.<header>` `duplicate`,
/// `columns.<field>` `missing` for a required field), the record's `<module>:import` and
/// `<module>:create` (403; a rep holds them for leads, contacts and opportunities), `on_duplicate: update` for a record without a duplicate rule (422
/// `on_duplicate` `unsupported`), and the caller's imports under way (429
/// `import.too_many_running`). Each row is then checked as a single create is (fields,
/// dictionaries by code or label in either language, duplicates, data scope, the owner),
/// logged as made by this import (request id `import-<id>`), and sent to webhooks; with
/// `on_duplicate: update` a duplicate updates the record it duplicates (see the field).
/// Not replayed by `Idempotency-Key` (the body is streamed, not kept).
#[utoipa::path(post, path = "/api/v1/imports", tag = "imports", security(("bearer" = [])),
    request_body(content = ImportUpload, content_type = "multipart/form-data"),
    responses((status = 202, body = Import, headers(("Location" = String))),
        (status = 413, description = "bigger than 512 MiB", body = Problem),
        (status = 415, description = "not multipart/form-data", body = Problem),
        (status = 429, description = "`import.too_many_running`: the caller's imports waiting or running reached the limit", body = Problem)))]
pub async fn create_import(state: web::Data<AppState>, ctx: ReqCtx, req: HttpRequest, payload: web::Payload) -> ApiResult<HttpResponse> {
    let multipart = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
    if !multipart {
        return Err(DomainError::new(ErrorKind::UnsupportedMediaType, "body.unsupported_media_type", "send the file as multipart/form-data").into());
    }
    let mut form = Multipart::new(req.headers(), payload);
    let mut options = ImportOptions::default();
    let (mut entity, mut received, mut file_name) = (None, None, String::new());
    while let Some(mut field) = form.try_next().await.map_err(|e| DomainError::bad_request("body.unreadable", format!("the form could not be read: {e}")))? {
        let name = field.name().unwrap_or_default().to_string();
        match name.as_str() {
            "file" if received.is_some() => return Err(DomainError::invalid_field("file", "too_many", "one file per import").into()),
            "file" => {
                file_name = field.content_disposition().and_then(|d| d.get_filename()).unwrap_or("upload").to_string();
                let got = state.store.receive(&mut field, MAX_FILE_BYTES).await.map_err(|e| match e {
                    ReceiveError::TooLarge => DomainError::new(ErrorKind::PayloadTooLarge, "file.too_large", format!("an import file may have at most {MAX_FILE_BYTES} bytes")),
                    ReceiveError::Client(m) => DomainError::bad_request("file.upload_broken", format!("the upload broke off: {m}")),
                    ReceiveError::Io(e) => DomainError::internal(format!("cannot store the upload: {e}")),
                })?;
                received = Some(got);
            }
            "entity" => entity = option::<Option<ImportEntity>>("entity", &form_text(&mut field, "entity", 64).await?)?,
            "mode" => options.mode = option("mode", &form_text(&mut field, "mode", 64).await?)?,
            "on_duplicate" => options.on_duplicate = option("on_duplicate", &form_text(&mut field, "on_duplicate", 64).await?)?,
            "encoding" => options.encoding = option("encoding", &form_text(&mut field, "encoding", 64).await?)?,
            "atomic" => {
                options.atomic = match form_text(&mut field, "atomic", 16).await?.trim() {
                    "true" | "1" => true,
                    "false" | "0" | "" | "null" => false,
                    _ => return Err(DomainError::invalid_field("atomic", "invalid", "true or false").into()),
                }
            }
            "mapping" => {
                let raw = form_text(&mut field, "mapping", 64 * 1024).await?;
                if !matches!(raw.trim(), "" | "null") {
                    options.mapping = serde_json::from_str::<BTreeMap<String, String>>(&raw)
                        .map_err(|_| DomainError::invalid_field("mapping", "invalid", "a JSON object of column header to field name"))?;
                }
            }
            other => return Err(DomainError::invalid_field(other, "unknown", format!("the form has no field '{other}'")).into()),
        }
    }
    options.entity = entity.ok_or_else(|| DomainError::invalid_field("entity", "required", "name the kind of record the file holds"))?.as_str().to_string();
    let received = received.ok_or_else(|| DomainError::invalid_field("file", "required", "the form has no file part"))?;
    let upload = Upload { options, file_name, received };
    let v = imports::start(&state.db, &state.store, &ctx.0, upload, state.settings.user_jobs()).await?;
    Ok(HttpResponse::Accepted().insert_header((header::LOCATION, format!("/api/v1/imports/{}", v.id))).json(v))
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ImportFilters {
    entity: Option<String>,
    /// `queued`, `running`, `done` or `failed`.
    status: Option<String>,
}

/// The caller's imports, newest first. `q` matches the file name.
#[utoipa::path(get, path = "/api/v1/imports", tag = "imports", security(("bearer" = [])), params(PageParams, ImportFilters),
    responses((status = 200, body = PageOf<Import>)))]
pub async fn list_imports(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(imports::list(&state.db, &ctx.0, q.0).await?), None))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct TemplateQuery {
    #[param(inline)]
    entity: ImportEntity,
    /// `csv` (default) or `xlsx`.
    #[param(inline)]
    format: Option<TemplateFormat>,
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TemplateFormat {
    Csv,
    Xlsx,
}

/// A file to fill in: the record's headers in the language of `Accept-Language`
/// (required ones marked `*`) and an example row.
#[utoipa::path(get, path = "/api/v1/imports/template", tag = "imports", security(("bearer" = [])), params(TemplateQuery),
    responses((status = 200, description = "the template", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
pub async fn import_template(req: HttpRequest, q: web::Query<TemplateQuery>) -> ApiResult<HttpResponse> {
    let format = match q.format {
        None | Some(TemplateFormat::Csv) => Format::Csv,
        Some(TemplateFormat::Xlsx) => Format::Xlsx,
    };
    let lang = Lang::from_accept_language(req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
    let bytes = imports::template(q.entity.as_str(), format, lang)?;
    let (kind, ext) = match format {
        Format::Csv => ("text/csv; charset=utf-8", "csv"),
        Format::Xlsx => ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    };
    Ok(HttpResponse::Ok().content_type(kind).insert_header(("content-disposition", format!("attachment; filename=\"{}-template.{ext}\"", q.entity.as_str()))).body(bytes))
}

/// An import's options, progress (rows read, created, updated, skipped, failed), timing
/// and first failed rows (row number, column, code, message).
#[utoipa::path(get, path = "/api/v1/imports/{id}", tag = "imports", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Import)))]
pub async fn get_import(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&imports::get(&state.db, &ctx.0, *id).await?, None))
}

/// The failed rows as they were uploaded, after the header row, with an error column
/// last (in the language of `Accept-Language`): fix them and import the file again.
#[utoipa::path(get, path = "/api/v1/imports/{id}/errors.csv", tag = "imports", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, description = "UTF-8 CSV with a BOM", content_type = "text/csv")))]
pub async fn import_errors(state: web::Data<AppState>, ctx: ReqCtx, req: HttpRequest, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let lang = Lang::from_accept_language(req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
    let bytes = imports::errors_file(&state.db, &ctx.0, *id, lang).await?;
    Ok(HttpResponse::Ok().content_type("text/csv; charset=utf-8").insert_header(("content-disposition", format!("attachment; filename=\"import-{id}-errors.csv\""))).body(bytes))
}
