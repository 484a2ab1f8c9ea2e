use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use crm_domain::exports::ExportRequest;
use crm_domain::locale::Lang;
use crm_persistence::exports::{self, ExportView as ExportJob};
use utoipa::IntoParams;
use uuid::Uuid;

use crate::auth::ReqCtx;
use crate::etag::ok;
use crate::json::ValidJson;
use crate::list_query::{parse, ListQuery, PageOf, PageParams};
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

/// Queues an export of a whole list (202); `GET /exports/{id}` follows it, and when it
/// is done the file is in the caller's personal drive, folder 导出, named
/// `<list>-<YYYYmmdd-HHMMSS>.<csv|xlsx>`, with an `export.ready` notification linking
/// to it (`export.failed` with the reason otherwise). The file holds exactly what `GET
/// /<list>/export` with the same query would stream: the same columns, filters, sort
/// and the caller's data scope — the job runs as the caller, as they are when it runs.
/// It counts against the caller's drive quota like an upload (a refusal fails the
/// export with `drive.quota_exceeded` or `file.too_large`).
///
/// `list` is one of `customers`, `contacts`, `customer-groups`, `interactions`,
/// `leads`, `opportunities`, `quotes`, `orders`, `contracts`, `payment-plans`,
/// `payments`, `invoices`, `products`, `product-categories`, `suppliers`,
/// `sales-plans`, `weekly-reports`, `users`, `departments`, `roles`; the caller needs
/// that list's `<module>:export` permission as well. Headers and labels are in the
/// language of `Accept-Language` unless `raw`.
#[utoipa::path(post, path = "/api/v1/exports", tag = "exports", security(("bearer" = [])), request_body = ExportRequest,
    responses((status = 202, body = ExportJob, headers(("Location" = String, description = "the export's URL"))),
        (status = 400, description = "`query.invalid`: `query` holds a filter or sort the list does not take (`errors[0].field` names it, exactly as the list answers), or is malformed", body = Problem,
            example = json!({"type": "about:blank", "title": "Bad Request", "status": 400, "detail": "unknown filter 'colour'", "code": "query.invalid", "errors": [{"field": "colour", "code": "invalid", "message": "unknown filter 'colour'"}]})),
        (status = 403, description = "`auth.forbidden`: the caller (or the API token's scopes) lacks `exports:create`, the list's own `<module>:export`, or `files:create` (the file is kept in the caller's drive)", body = Problem),
        (status = 422, description = "`validation.failed`: `list` `unknown` (not a list that exports), `tz` `invalid`, `query` `too_long`", body = Problem,
            example = json!({"type": "about:blank", "title": "Unprocessable Entity", "status": 422, "detail": "validation failed", "code": "validation.failed", "errors": [{"field": "list", "code": "unknown", "message": "'spaceships' does not export; one of: customers, contacts, …"}]})),
        (status = 429, description = "`export.too_many_running`: as many of the caller's background exports as one person may have (`--user-jobs`, default 2) are waiting or running; streamed downloads (`GET …/export`) are counted apart, per server, against the same number. Or `rate_limited`", body = Problem,
            headers(("Retry-After" = u64, description = "seconds to wait"))))
)]
pub async fn create_export(state: web::Data<AppState>, ctx: ReqCtx, req: HttpRequest, body: ValidJson<ExportRequest>) -> ApiResult<HttpResponse> {
    let asked = body.0.validate()?;
    let params = parse(&asked.query)?;
    let lang = Lang::from_accept_language(req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
    let v = exports::start(&state.db, &ctx.0, asked, params, lang, state.settings.user_jobs()).await?;
    Ok(HttpResponse::Accepted().insert_header((header::LOCATION, format!("/api/v1/exports/{}", v.id))).json(v))
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ExportFilters {
    /// The list exported (`customers`).
    list: Option<String>,
    /// `queued`, `running`, `done` or `failed` (several comma-separated); each filter
    /// once, anything else is a 400 naming it.
    #[param(pattern = "^(queued|running|done|failed)(,(queued|running|done|failed))*$", example = "done")]
    status: Option<String>,
    /// `csv` or `xlsx` (both comma-separated).
    #[param(pattern = "^(csv|xlsx)(,(csv|xlsx))*$", example = "xlsx")]
    format: Option<String>,
}

/// The caller's background exports, newest first. `q` matches the file name.
#[utoipa::path(get, path = "/api/v1/exports", tag = "exports", security(("bearer" = [])), params(PageParams, ExportFilters),
    responses((status = 200, body = PageOf<ExportJob>)))]
pub async fn list_exports(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(exports::list(&state.db, &ctx.0, q.0).await?), None))
}

/// A background export: its status (`queued`, `running`, `done`, `failed`), rows
/// written, timing, the reason it failed, and once done the drive file's id and name
/// (`GET /files/{file_id}/content` downloads it).
#[utoipa::path(get, path = "/api/v1/exports/{id}", tag = "exports", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = ExportJob), (status = 404, description = "`export.not_found`: no such export of the caller's", body = Problem)))]
pub async fn get_export(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&exports::get(&state.db, &ctx.0, *id).await?, None))
}
