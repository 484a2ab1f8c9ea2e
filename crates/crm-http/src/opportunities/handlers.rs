use actix_web::{web, HttpResponse};
use crm_domain::opportunities::{OpportunityInput, OpportunityPatch, StageInput, StageMove, StagePatch};
use crm_persistence::kit;
use crm_persistence::opportunities::board::{self, Board};
use crm_persistence::opportunities::moves::{self, HistoryEntry};
use crm_persistence::opportunities::{records, stages, Opportunities, OpportunityView, PipelineStages, StageView};
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::ReqCtx;
use crate::export::ExportFormat;
use crate::etag::{created, ok, IfMatch};
use crate::json::ValidJson;
use crate::list_query::{ListQuery, PageOf, PageParams};
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct StageFilters {
    /// open, won or lost.
    kind: Option<String>,
}

/// The pipeline's stages, in board order by default (`sort_order`). `q` matches either
/// name. Sort: sort_order, name_zh, created_at, updated_at.
#[utoipa::path(get, path = "/api/v1/pipeline-stages", tag = "pipeline-stages", security(("bearer" = [])), params(PageParams, StageFilters),
    responses((status = 200, body = PageOf<StageView>)))]
pub async fn list_stages(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(kit::list::<PipelineStages>(&state.db, &ctx.0, q.0).await?), None))
}

/// A new stage. A won stage has probability 100, a lost one 0 (422 otherwise).
#[utoipa::path(post, path = "/api/v1/pipeline-stages", tag = "pipeline-stages", security(("bearer" = [])), request_body = StageInput,
    responses((status = 201, body = StageView, headers(("ETag" = String), ("Location" = String)))))]
pub async fn create_stage(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<StageInput>) -> ApiResult<HttpResponse> {
    let s = stages::create(&state.db, &ctx.0, body.0).await?;
    Ok(created(&s, format!("/api/v1/pipeline-stages/{}", s.id), Some(s.version)))
}

crate::batch_endpoint!(
    /// Creates up to 1000 pipeline stages, each checked and answered as a single create, in
    /// one transaction: the refused ones are left out, or with `atomic=true` nothing is
    /// written.
    batch_stages, StageBatch, StageInput, "/api/v1/pipeline-stages/batch", "pipeline-stages", stages::batch,
    json!({"items": [{"name_zh": "方案报价", "name_en": "Proposal", "probability": 50, "sort_order": 30, "kind": "open"}]})
);

#[utoipa::path(get, path = "/api/v1/pipeline-stages/{id}", tag = "pipeline-stages", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = StageView, headers(("ETag" = String)))))]
pub async fn get_stage(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let s = kit::get::<PipelineStages>(&state.db, &ctx.0, *id).await?;
    Ok(ok(&s, Some(s.version)))
}

/// Changes a stage. Its kind stays while opportunities are in it (409
/// `pipeline_stage.in_use`, with their number in `opportunities`).
#[utoipa::path(patch, path = "/api/v1/pipeline-stages/{id}", tag = "pipeline-stages", security(("bearer" = [])), request_body = StagePatch,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = StageView, headers(("ETag" = String))), (status = 409, description = "`pipeline_stage.in_use`", body = Problem)))]
pub async fn update_stage(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<StagePatch>) -> ApiResult<HttpResponse> {
    let s = stages::update(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    Ok(ok(&s, Some(s.version)))
}

/// Moves a stage no opportunity is in to the recycle bin; one in use is a 409
/// `pipeline_stage.in_use`.
#[utoipa::path(delete, path = "/api/v1/pipeline-stages/{id}", tag = "pipeline-stages", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204, description = "moved to the recycle bin"), (status = 409, description = "`pipeline_stage.in_use`", body = Problem)))]
pub async fn delete_stage(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    stages::delete(&state.db, &ctx.0, *id, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct OpportunityFilters {
    owner_id: Option<Uuid>,
    customer_id: Option<Uuid>,
    stage_id: Option<Uuid>,
    /// open, won or lost.
    status: Option<String>,
    currency: Option<String>,
    /// A code of the `customer_source` dictionary.
    source: Option<String>,
    expected_close_date_from: Option<chrono::NaiveDate>,
    expected_close_date_to: Option<chrono::NaiveDate>,
    created_at_from: Option<chrono::DateTime<chrono::Utc>>,
    created_at_to: Option<chrono::DateTime<chrono::Utc>>,
    updated_at_from: Option<chrono::DateTime<chrono::Utc>>,
    updated_at_to: Option<chrono::DateTime<chrono::Utc>>,
    /// true: open ones whose expected close date has passed (SAL-5); false: the others.
    expired: Option<bool>,
}

/// Opportunities the caller may see: of owners in their data scope, and of customers
/// shared with them. `q` matches the name. Sort: updated_at (default, newest first),
/// created_at, name, amount, expected_close_date, position (the board's card order).
#[utoipa::path(get, path = "/api/v1/opportunities", tag = "opportunities", security(("bearer" = [])), params(PageParams, OpportunityFilters),
    responses((status = 200, body = PageOf<OpportunityView>)))]
pub async fn list_opportunities(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(kit::list::<Opportunities>(&state.db, &ctx.0, q.0).await?), None))
}

/// The kanban board: every stage in board order with the count, amount and weighted
/// amount of the opportunities the caller sees under the list's filters, and the first
/// `page_size` cards of each (lower `position` first). A column's further cards come from
/// the list: `GET /opportunities?stage_id=…&sort=position&page=2` with the same filters.
/// `page` and `sort` do not apply here.
#[utoipa::path(get, path = "/api/v1/opportunities/board", tag = "opportunities", security(("bearer" = [])), params(PageParams, OpportunityFilters),
    responses((status = 200, body = Board)))]
pub async fn opportunity_board(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&board::board(&state.db, &ctx.0, q.0).await?, None))
}

/// The whole filtered list as CSV (streamed) or XLSX, with the list's filters, `q` and
/// `sort`: for people, headers and labels in their language and times in `tz`; `raw=true`
/// keeps field names, codes and UTC.
#[utoipa::path(get, path = "/api/v1/opportunities/export", tag = "opportunities", security(("bearer" = [])), params(ExportFormat, OpportunityFilters),
    responses((status = 200, description = "CSV streamed as it is made, or an XLSX file", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
pub async fn export_opportunities(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery, req: actix_web::HttpRequest) -> ApiResult<HttpResponse> {
    crate::export::download(&state, &ctx.0, &crm_persistence::exports::lists::OPPORTUNITIES, q.0, &req).await
}

/// A new opportunity on a customer the caller may change (404 otherwise), in the first
/// open stage unless `stage_id` names one, with the stage's probability unless
/// `probability` is given. With lines, `amount` is their total: leave it out, or send
/// exactly that (422 `disagrees_with_lines` otherwise). A lost stage needs `lost_reason`.
#[utoipa::path(post, path = "/api/v1/opportunities", tag = "opportunities", security(("bearer" = [])), request_body = OpportunityInput,
    responses((status = 201, body = OpportunityView, headers(("ETag" = String), ("Location" = String))), (status = 404, description = "no such customer the caller may change", body = Problem)))]
pub async fn create_opportunity(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<OpportunityInput>) -> ApiResult<HttpResponse> {
    let o = records::create(&state.db, &ctx.0, body.0).await?;
    Ok(created(&o, format!("/api/v1/opportunities/{}", o.id), Some(o.version)))
}

crate::batch_endpoint!(
    /// Creates up to 1000 opportunities, each checked and answered as a single create
    /// (a customer the caller may change, a live stage, lines with their products), in one
    /// transaction: the refused ones are left out, or with `atomic=true` nothing is written.
    batch_opportunities, OpportunityBatch, OpportunityInput, "/api/v1/opportunities/batch", "opportunities", records::batch,
    json!({"items": [{"customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "name": "华东区办公家具采购", "amount": "120000.00", "expected_close_date": "2027-03-31"},
        {"customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "name": "会议室改造", "amount": "38000.00"}]})
);

#[utoipa::path(get, path = "/api/v1/opportunities/{id}", tag = "opportunities", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = OpportunityView, headers(("ETag" = String)))))]
pub async fn get_opportunity(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let o = kit::get::<Opportunities>(&state.db, &ctx.0, *id).await?;
    Ok(ok(&o, Some(o.version)))
}

/// Changes an opportunity the caller may change. `lines` replaces every line and sets
/// the amount; the stage moves with `POST /opportunities/{id}/stage`.
#[utoipa::path(patch, path = "/api/v1/opportunities/{id}", tag = "opportunities", security(("bearer" = [])), request_body = OpportunityPatch,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = OpportunityView, headers(("ETag" = String)))))]
pub async fn update_opportunity(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<OpportunityPatch>) -> ApiResult<HttpResponse> {
    let o = records::update(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    Ok(ok(&o, Some(o.version)))
}

/// Moves the opportunity to the recycle bin.
#[utoipa::path(delete, path = "/api/v1/opportunities/{id}", tag = "opportunities", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204, description = "moved to the recycle bin")))]
pub async fn delete_opportunity(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    records::delete(&state.db, &ctx.0, *id, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Moves the opportunity to a stage, recorded in its stage history with how long it
/// stayed in the one it left; or, in its own stage, to another place in the board's
/// column (`position`; no history). Entering a won or lost stage sets `closed_at`,
/// leaving it clears it; a lost stage needs `lost_reason` (422). The probability becomes
/// the new stage's unless `probability` is given. Two moves at once: the second is a 412
/// when both name the version they read (`If-Match`).
#[utoipa::path(post, path = "/api/v1/opportunities/{id}/stage", tag = "opportunities", security(("bearer" = [])), request_body = StageMove,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = OpportunityView, headers(("ETag" = String)))))]
pub async fn move_opportunity(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<StageMove>) -> ApiResult<HttpResponse> {
    let o = moves::move_stage(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    Ok(ok(&o, Some(o.version)))
}

#[derive(Serialize, ToSchema)]
pub struct StageHistory {
    /// Oldest first: the stage it was created in, then every move (at most 1000).
    pub items: Vec<HistoryEntry>,
}

/// The stage history of an opportunity the caller may read.
#[utoipa::path(get, path = "/api/v1/opportunities/{id}/stage-history", tag = "opportunities", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = StageHistory)))]
pub async fn stage_history(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&StageHistory { items: moves::history(&state.db, &ctx.0, *id).await? }, None))
}
