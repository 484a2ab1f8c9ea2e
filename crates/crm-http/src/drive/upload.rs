//! `POST /files`: a multipart form whose fields say where the file goes and whose `file`
//! part is streamed to the store as it arrives (never held in memory).

use actix_multipart::{Field, Multipart};
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use crm_domain::drive::{RecordType, Space};
use crm_domain::{DomainError, ErrorKind};
use crm_persistence::drive::files::{self, Destination};
use futures_util::{StreamExt, TryStreamExt};
use uuid::Uuid;

use crate::auth::ReqCtx;
use crate::etag::created;
use crate::problem::{ApiError, ApiResult};
use crate::state::AppState;

/// A text field of the form, at most this long.
const FIELD_LIMIT: usize = 1024;

#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct FileUpload {
    /// The content.
    #[schema(value_type = String, format = Binary)]
    file: String,
    /// The name to keep; the part's file name when absent.
    name: Option<String>,
    /// A folder to put it in.
    folder_id: Option<Uuid>,
    /// The top of a space (without `folder_id`); `personal` when neither is given.
    space: Option<Space>,
    /// An attachment: the record it goes on (with `record_id`).
    record_type: Option<RecordType>,
    record_id: Option<Uuid>,
}

async fn text(field: &mut Field, name: &str) -> Result<String, ApiError> {
    form_text(field, name, FIELD_LIMIT).await
}

/// A text field of a multipart form, refused past `limit` bytes or when not UTF-8.
pub(crate) async fn form_text(field: &mut Field, name: &str, limit: usize) -> Result<String, ApiError> {
    let mut out = Vec::new();
    while let Some(chunk) = field.next().await {
        let chunk = chunk.map_err(|e| DomainError::bad_request("body.unreadable", format!("the form could not be read: {e}")))?;
        if out.len() + chunk.len() > limit {
            return Err(DomainError::invalid_field(name, "too_long", format!("at most {limit} bytes")).into());
        }
        out.extend_from_slice(&chunk);
    }
    String::from_utf8(out).map_err(|_| DomainError::invalid_field(name, "invalid", "not UTF-8 text").into())
}

/// An attachment's record: both parts or neither.
fn record(kind: Option<RecordType>, id: Option<Uuid>) -> Result<Option<(RecordType, Uuid)>, ApiError> {
    match (kind, id) {
        (Some(t), Some(id)) => Ok(Some((t, id))),
        (None, None) => Ok(None),
        (Some(_), None) => Err(DomainError::invalid_field("record_id", "required", "record_type needs record_id").into()),
        (None, Some(_)) => Err(DomainError::invalid_field("record_type", "required", "record_id needs record_type").into()),
    }
}

fn uuid_field(name: &str, v: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(v.trim()).map_err(|_| DomainError::invalid_field(name, "invalid", format!("'{v}' is not an id")).into())
}

/// Uploads a file into the drive or onto a record, as `multipart/form-data` (the fields
/// best before the `file` part: then a refused destination is known before the content is
/// sent). The content is streamed to storage with its
/// SHA-256; its type is sniffed from the content. Refused while it streams when it passes
/// the file limit (413 `file.too_large`) or a quota (413 `drive.quota_exceeded`), in which
/// case nothing is stored; an empty file is a 422. Into a folder: one the caller may add
/// to (403 `drive.read_only` otherwise); onto a record: one the caller may change. Not
/// replayed by `Idempotency-Key` (the body is streamed, not kept): the key's format is
/// checked, and a retry uploads again.
#[utoipa::path(post, path = "/api/v1/files", tag = "drive", security(("bearer" = [])),
    request_body(content = FileUpload, content_type = "multipart/form-data"),
    responses((status = 201, body = crm_persistence::drive::files::FileView, headers(("ETag" = String), ("Location" = String))),
        (status = 403, description = "the folder or record may be read but not added to", body = crate::problem::Problem),
        (status = 413, description = "bigger than the file limit, or over a quota", body = crate::problem::Problem),
        (status = 415, description = "not multipart/form-data", body = crate::problem::Problem)))]
pub async fn upload_file(state: web::Data<AppState>, ctx: ReqCtx, req: HttpRequest, payload: web::Payload) -> ApiResult<HttpResponse> {
    let multipart = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
    if !multipart {
        return Err(DomainError::new(ErrorKind::UnsupportedMediaType, "body.unsupported_media_type", "send the file as multipart/form-data").into());
    }
    let mut form = Multipart::new(req.headers(), payload);
    let mut to = Destination::default();
    let (mut name, mut part_name, mut record_type, mut record_id, mut received) = (None, None, None, None, None);
    while let Some(mut field) = form.try_next().await.map_err(|e| DomainError::bad_request("body.unreadable", format!("the form could not be read: {e}")))? {
        let field_name = field.name().unwrap_or_default().to_string();
        match field_name.as_str() {
            "file" if received.is_some() => return Err(DomainError::invalid_field("file", "too_many", "one file per upload").into()),
            "file" => {
                part_name = field.content_disposition().and_then(|d| d.get_filename()).map(str::to_string);
                to.record = record(record_type, record_id)?;
                received = Some(files::receive(&state.db, &state.store, &ctx.0, &to, field).await?);
            }
            "name" => name = Some(text(&mut field, "name").await?),
            "folder_id" => to.folder_id = Some(uuid_field("folder_id", &text(&mut field, "folder_id").await?)?),
            "record_id" => record_id = Some(uuid_field("record_id", &text(&mut field, "record_id").await?)?),
            "space" => {
                let v = text(&mut field, "space").await?;
                to.space = Some(Space::parse(v.trim()).ok_or_else(|| DomainError::invalid_field("space", "invalid", "one of: personal, department, company"))?);
            }
            "record_type" => {
                let v = text(&mut field, "record_type").await?;
                record_type = Some(RecordType::parse(v.trim()).ok_or_else(|| DomainError::invalid_field("record_type", "invalid", "one of: customer, contact, follow_up"))?);
            }
            other => return Err(DomainError::invalid_field(other, "unknown", format!("the form has no field '{other}'")).into()),
        }
    }
    let Some(received) = received else {
        return Err(DomainError::invalid_field("file", "required", "the form has no file part").into());
    };
    to.record = record(record_type, record_id)?;
    let name = name.or(part_name).unwrap_or_default();
    let f = files::commit(&state.db, &state.store, &ctx.0, to, &name, received).await?;
    Ok(created(&f, format!("/api/v1/files/{}", f.id), Some(f.version)))
}
