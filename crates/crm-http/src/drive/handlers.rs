use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use crm_domain::drive::{FolderInput, ItemPatch, Limits, SharesInput};
use crm_persistence::drive::files::{self, FileView, Files};
use crm_persistence::drive::folders::{self, FolderView, Folders};
use crm_persistence::drive::quota::{self, QuotaView};
use crm_persistence::drive::shares::{self, SharesView, Target};
use crm_persistence::drive::links::TTL_SECS;
use crm_persistence::drive::trash::{self, TrashItem, TrashKind};
use crm_persistence::kit;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::ReqCtx;
use crate::etag::{created, ok, IfMatch};
use crate::json::ValidJson;
use crate::list_query::{ListQuery, PageOf, PageParams, PagingParams};
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct FolderFilters {
    /// A folder's sub-folders; `root` for the top of a space.
    #[param(example = "root", pattern = "^(root|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$")]
    parent_id: Option<String>,
    /// `personal`, `department` or `company`.
    space: Option<String>,
    /// `true`: only folders shared with the caller.
    shared: Option<bool>,
}

/// The folders the caller may see: their personal space, their department's, the
/// company's, and what is shared with them. `q` matches the name. Sort: name, created_at,
/// updated_at (default `name`).
#[utoipa::path(get, path = "/api/v1/folders", tag = "drive", security(("bearer" = [])), params(PageParams, FolderFilters),
    responses((status = 200, body = PageOf<FolderView>)))]
pub async fn list_folders(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(kit::list::<Folders>(&state.db, &ctx.0, q.0).await?), None))
}

/// A folder in another (`parent_id`) or at the top of a space. The company space takes
/// new folders from holders of `files:manage` only; a department's from its members.
#[utoipa::path(post, path = "/api/v1/folders", tag = "drive", security(("bearer" = [])), request_body = FolderInput,
    params(("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = FolderView), (status = 403, description = "the parent or space may be read but not added to", body = Problem)))]
pub async fn create_folder(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<FolderInput>) -> ApiResult<HttpResponse> {
    let f = folders::create(&state.db, &ctx.0, body.0).await?;
    Ok(created(&f, format!("/api/v1/folders/{}", f.id), Some(f.version)))
}

crate::batch_endpoint!(
    /// Creates up to 1000 folders, each checked and answered as a single create (its parent
    /// or space one the caller may add to), in one transaction: the refused ones are left
    /// out, or with `atomic=true` nothing is written. An item's parent is a folder that
    /// exists before the batch.
    batch_folders, FolderBatch, FolderInput, "/api/v1/folders/batch", "drive", folders::batch,
    json!({"items": [{"name": "2027 合同", "space": "personal"}, {"name": "报价单", "space": "personal"}]})
);

#[utoipa::path(get, path = "/api/v1/folders/{id}", tag = "drive", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = FolderView, headers(("ETag" = String)))))]
pub async fn get_folder(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let f = kit::get::<Folders>(&state.db, &ctx.0, *id).await?;
    Ok(ok(&f, Some(f.version)))
}

/// Renames, or moves (`folder_id`: the new parent, `null` the top) within its space;
/// never into itself (422 `cycle`) or another space (422 `other_space`).
#[utoipa::path(patch, path = "/api/v1/folders/{id}", tag = "drive", security(("bearer" = [])), request_body = ItemPatch,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = FolderView), (status = 403, description = "the destination may be read but not added to", body = Problem)))]
pub async fn update_folder(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<ItemPatch>) -> ApiResult<HttpResponse> {
    let f = folders::update(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    Ok(ok(&f, Some(f.version)))
}

/// Only an empty folder is deleted (409 `folder.not_empty`).
#[utoipa::path(delete, path = "/api/v1/folders/{id}", tag = "drive", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204, description = "moved to the recycle bin"), (status = 409, body = Problem)))]
pub async fn delete_folder(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    folders::delete(&state.db, &ctx.0, *id, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(get, path = "/api/v1/folders/{id}/shares", tag = "drive", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = SharesView)))]
pub async fn get_folder_shares(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&shares::list(&state.db, &ctx.0, Target::Folder, *id).await?, None))
}

/// Replaces the folder's shares; they reach everything inside it. Whoever may change the
/// folder shares it (403 `drive.read_only` for a reader); unknown people or departments
/// are a 422.
#[utoipa::path(put, path = "/api/v1/folders/{id}/shares", tag = "drive", security(("bearer" = [])), request_body = SharesInput, params(("id" = Uuid, Path)),
    responses((status = 200, body = SharesView), (status = 403, description = "the caller may only read the folder", body = Problem)))]
pub async fn put_folder_shares(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, body: ValidJson<SharesInput>) -> ApiResult<HttpResponse> {
    Ok(ok(&shares::replace(&state.db, &ctx.0, Target::Folder, *id, body.0).await?, None))
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct FileFilters {
    /// A folder's files; `root` for the top of a space.
    #[param(example = "root", pattern = "^(root|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$")]
    folder_id: Option<String>,
    /// `personal`, `department` or `company`.
    space: Option<String>,
    /// An attachment's record: `customer`, `contact` or `follow_up`, with `record_id`.
    record_type: Option<String>,
    record_id: Option<Uuid>,
    /// The attachments of a customer and of its contacts and follow-ups.
    customer_id: Option<Uuid>,
    /// The sniffed type, e.g. `application/pdf`.
    mime: Option<String>,
    uploaded_by: Option<Uuid>,
    /// `true`: only files shared with the caller.
    shared: Option<bool>,
}

/// The files the caller may see: their drive spaces, what is shared with them, and the
/// attachments of records in their data scope. `q` matches the name. Sort: name, size,
/// created_at, updated_at (default `-created_at`).
#[utoipa::path(get, path = "/api/v1/files", tag = "drive", security(("bearer" = [])), params(PageParams, FileFilters),
    responses((status = 200, body = PageOf<FileView>)))]
pub async fn list_files(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(kit::list::<Files>(&state.db, &ctx.0, q.0).await?), None))
}

/// A file the caller may see (404 otherwise, as for a missing one).
#[utoipa::path(get, path = "/api/v1/files/{id}", tag = "drive", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = FileView, headers(("ETag" = String)))))]
pub async fn get_file(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let f = kit::get::<Files>(&state.db, &ctx.0, *id).await?;
    Ok(ok(&f, Some(f.version)))
}

/// Renames, or moves a drive file within its space (`folder_id`, `null` the top); an
/// attachment stays on its record (422 `attached`).
#[utoipa::path(patch, path = "/api/v1/files/{id}", tag = "drive", security(("bearer" = [])), request_body = ItemPatch,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = FileView), (status = 403, description = "the destination may be read but not added to", body = Problem)))]
pub async fn update_file(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<ItemPatch>) -> ApiResult<HttpResponse> {
    let f = files::update(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    Ok(ok(&f, Some(f.version)))
}

/// To the recycle bin; its bytes stop counting against the quotas.
#[utoipa::path(delete, path = "/api/v1/files/{id}", tag = "drive", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204, description = "moved to the recycle bin")))]
pub async fn delete_file(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    files::delete(&state.db, &ctx.0, *id, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Show {
    /// `true`: shown in the browser, for pictures and PDF only (`previewable`); anything
    /// else is always a download.
    #[serde(default)]
    inline: bool,
}

/// The content, with `Range` (206), `If-None-Match` (304; the ETag is the SHA-256) and
/// the file's name in `Content-Disposition`. Served with `X-Content-Type-Options: nosniff`
/// and a sandboxing Content-Security-Policy.
#[utoipa::path(get, path = "/api/v1/files/{id}/content", tag = "drive", security(("bearer" = [])), params(("id" = Uuid, Path), Show,
        ("Range" = Option<String>, Header, description = "e.g. bytes=0-1023; one or more ranges")),
    responses((status = 200, description = "the content: `application/octet-stream`, or its own type when shown inline", content((Vec<u8> = "application/octet-stream"), (Vec<u8> = "image/png"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/gif"), (Vec<u8> = "image/webp"), (Vec<u8> = "image/bmp"), (Vec<u8> = "application/pdf"))),
        (status = 206, description = "the requested range", content((Vec<u8> = "application/octet-stream"), (Vec<u8> = "image/png"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/gif"), (Vec<u8> = "image/webp"), (Vec<u8> = "image/bmp"), (Vec<u8> = "application/pdf"))),
        (status = 304, description = "the content is unchanged"),
        (status = 416, description = "the range is outside the file")))]
pub async fn file_content(state: web::Data<AppState>, ctx: ReqCtx, req: HttpRequest, id: web::Path<Uuid>, show: web::Query<Show>) -> ApiResult<HttpResponse> {
    let row = files::readable(&state.db, &ctx.0, *id).await?;
    super::content::send(&req, &state.store, row, show.inline).await
}

/// A link to the content that works without a bearer header for a few minutes, for
/// `<img src>` and `<a href>`.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"url": "/api/v1/files/01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4f10/download?expires=1796547600&inline=true&signature=5d41402abc4b2a76b9719d911017c592",
    "expires_at": "2026-12-06T09:05:00Z"}))]
pub struct FileLink {
    /// Relative to the server.
    pub url: String,
    pub expires_at: DateTime<Utc>,
}

/// Makes a signed link to the content of a file the caller may read, valid for five minutes.
#[utoipa::path(post, path = "/api/v1/files/{id}/link", tag = "drive", security(("bearer" = [])), params(("id" = Uuid, Path), Show),
    responses((status = 200, body = FileLink)))]
pub async fn file_link(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, show: web::Query<Show>) -> ApiResult<HttpResponse> {
    let row = files::readable(&state.db, &ctx.0, *id).await?;
    let expires = ctx.0.now.timestamp() + TTL_SECS;
    let signature = state.links.sign(row.id, expires, show.inline);
    let url = format!("/api/v1/files/{}/download?expires={expires}&inline={}&signature={signature}", row.id, show.inline);
    Ok(ok(&FileLink { url, expires_at: DateTime::from_timestamp(expires, 0).unwrap_or(ctx.0.now) }, None))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Signed {
    /// Unix seconds, from the link.
    expires: i64,
    #[serde(default)]
    inline: bool,
    #[param(pattern = "^[0-9a-f]{64}$")]
    signature: String,
}

/// The content through a signed link (`POST /files/{id}/link`); no credentials. A wrong,
/// altered or expired link, or a file deleted since, is a 404.
#[utoipa::path(get, path = "/api/v1/files/{id}/download", tag = "drive", params(("id" = Uuid, Path), Signed,
        ("Range" = Option<String>, Header, description = "e.g. bytes=0-1023; one or more ranges")),
    responses((status = 200, description = "the content: `application/octet-stream`, or its own type when shown inline", content((Vec<u8> = "application/octet-stream"), (Vec<u8> = "image/png"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/gif"), (Vec<u8> = "image/webp"), (Vec<u8> = "image/bmp"), (Vec<u8> = "application/pdf"))),
        (status = 206, description = "the requested range", content((Vec<u8> = "application/octet-stream"), (Vec<u8> = "image/png"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/gif"), (Vec<u8> = "image/webp"), (Vec<u8> = "image/bmp"), (Vec<u8> = "application/pdf"))),
        (status = 304, description = "the content is unchanged"),
        (status = 404, description = "no such link", body = Problem),
        (status = 416, description = "the range is outside the file")))]
pub async fn signed_download(state: web::Data<AppState>, req: HttpRequest, id: web::Path<Uuid>, q: web::Query<Signed>) -> ApiResult<HttpResponse> {
    let row = files::by_link(&state.db, &state.links, *id, q.expires, q.inline, &q.signature, Utc::now()).await?;
    super::content::send(&req, &state.store, row, q.inline).await
}

#[utoipa::path(get, path = "/api/v1/files/{id}/shares", tag = "drive", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = SharesView)))]
pub async fn get_file_shares(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&shares::list(&state.db, &ctx.0, Target::File, *id).await?, None))
}

/// Replaces the file's shares. Whoever may change the file shares it (403
/// `drive.read_only` for a reader); unknown people or departments are a 422.
#[utoipa::path(put, path = "/api/v1/files/{id}/shares", tag = "drive", security(("bearer" = [])), request_body = SharesInput, params(("id" = Uuid, Path)),
    responses((status = 200, body = SharesView), (status = 403, description = "the caller may only read the file", body = Problem)))]
pub async fn put_file_shares(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, body: ValidJson<SharesInput>) -> ApiResult<HttpResponse> {
    Ok(ok(&shares::replace(&state.db, &ctx.0, Target::File, *id, body.0).await?, None))
}

/// The caller's and the company's use of the drive against their quotas.
#[utoipa::path(get, path = "/api/v1/drive/quota", tag = "drive", security(("bearer" = [])), responses((status = 200, body = QuotaView)))]
pub async fn get_quota(state: web::Data<AppState>, ctx: ReqCtx) -> ApiResult<HttpResponse> {
    Ok(ok(&quota::view(&state.db, ctx.0.actor.user_id).await?, None))
}

/// The drive's limits: per person, for the company, per file.
#[utoipa::path(get, path = "/api/v1/settings/drive", tag = "settings", security(("bearer" = [])),
    responses((status = 200, body = Limits, headers(("ETag" = String)))))]
pub async fn get_drive_settings(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let (l, version) = quota::limits(&state.db).await?;
    Ok(ok(&l, Some(version)))
}

/// Sets the drive's limits (each 1 byte to 1 PiB). Lowering a quota below what is in use
/// refuses new uploads until files are deleted; nothing is removed.
#[utoipa::path(put, path = "/api/v1/settings/drive", tag = "settings", security(("bearer" = [])), request_body = Limits,
    params(("If-Match" = Option<String>, Header, description = "the ETag last read; a stale one answers 412")),
    responses((status = 200, body = Limits, headers(("ETag" = String)))))]
pub async fn put_drive_settings(state: web::Data<AppState>, ctx: ReqCtx, if_match: IfMatch, body: ValidJson<Limits>) -> ApiResult<HttpResponse> {
    let (l, version) = quota::put_limits(&state.db, &ctx.0, body.0, if_match.0).await?;
    Ok(ok(&l, Some(version)))
}

/// What the caller deleted from the drive (folders, files, attachments), newest first.
#[utoipa::path(get, path = "/api/v1/drive/trash", tag = "drive", security(("bearer" = [])), params(PagingParams),
    responses((status = 200, body = PageOf<TrashItem>)))]
pub async fn list_trash(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(trash::list(&state.db, &ctx.0, &q.0).await?), None))
}

/// Brings back a file the caller deleted (an administrator of the drive: anyone's), to its
/// folder or, when that is gone too, the top of its space; it counts against the quotas
/// again (413 when it no longer fits). Another's deleted file is a 404.
#[utoipa::path(post, path = "/api/v1/files/{id}/restore", tag = "drive", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204, description = "restored"), (status = 413, description = "it no longer fits in a quota", body = Problem)))]
pub async fn restore_file(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    trash::restore(&state.db, &ctx.0, TrashKind::File, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Brings back a folder the caller deleted, to its parent or the top of its space.
#[utoipa::path(post, path = "/api/v1/folders/{id}/restore", tag = "drive", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204, description = "restored")))]
pub async fn restore_folder(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    trash::restore(&state.db, &ctx.0, TrashKind::Folder, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}
