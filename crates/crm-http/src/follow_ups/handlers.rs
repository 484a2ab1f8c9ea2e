use actix_web::{web, HttpResponse};
use crm_persistence::customers::follow_ups::{self, FollowUps};
use crm_persistence::kit;
use utoipa::IntoParams;
use uuid::Uuid;

use super::dto::*;
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
pub struct FollowUpFilters {
    customer_id: Option<Uuid>,
    /// A lead's follow-ups (those made before it converted keep it).
    lead_id: Option<Uuid>,
    contact_id: Option<Uuid>,
    opportunity_id: Option<Uuid>,
    /// One or more `follow_up_type` codes, comma-separated.
    kind: Option<String>,
    /// Who recorded it.
    owner_id: Option<Uuid>,
    occurred_at_from: Option<String>,
    occurred_at_to: Option<String>,
}

/// Follow-ups of the customers and leads the caller may see, newest first; `q` matches the
/// content.
#[utoipa::path(get, path = "/api/v1/follow-ups", tag = "follow-ups", security(("bearer" = [])), params(PageParams, FollowUpFilters),
    responses((status = 200, body = PageOf<FollowUp>)))]
pub async fn list_follow_ups(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(kit::list::<FollowUps>(&state.db, &ctx.0, q.0).await?), None))
}

crate::batch_endpoint!(
    /// Creates up to 1000 follow-ups (a history brought over from another system), each
    /// checked and answered as a single create (a customer the caller may change, else 422
    /// naming `customer_id`; its contact; dictionary kind), in one transaction: the refused
    /// ones are left out, or with `atomic=true` nothing is written. Each moves its
    /// customer's last and next follow-up times as a single create does.
    batch_follow_ups, FollowUpBatch, NewFollowUp, "/api/v1/follow-ups/batch", "follow-ups", follow_ups::batch,
    json!({"items": [{"customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "kind": "phone", "content": "电话回访，确认需求", "occurred_at": "2026-11-20T02:00:00Z"},
        {"customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "kind": "visit", "content": "上门拜访采购部", "occurred_at": "2026-11-25T06:30:00Z"}]})
);

#[utoipa::path(get, path = "/api/v1/follow-ups/{id}", tag = "follow-ups", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = FollowUp, headers(("ETag" = String)))))]
pub async fn get_follow_up(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let f = kit::get::<FollowUps>(&state.db, &ctx.0, *id).await?;
    let v = f.version;
    Ok(ok(&f, Some(v)))
}

/// Record a follow-up with a customer the caller may change (its last and next follow-up
/// times move in the same transaction), or with a lead they may change (a new lead becomes
/// contacted; a pool lead is claimed first, 422 `lead_id` `not_found`; a converted one is a
/// 409 `lead.converted` naming its customer). Exactly one of `customer_id` and `lead_id`.
#[utoipa::path(post, path = "/api/v1/follow-ups", tag = "follow-ups", security(("bearer" = [])), request_body = NewFollowUp,
    params(("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = FollowUp),
        (status = 409, description = "the customer changed meanwhile (`customer.changed`; retry), or the lead was converted (`lead.converted`)", body = Problem)))]
pub async fn create_follow_up(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<NewFollowUp>) -> ApiResult<HttpResponse> {
    let f = follow_ups::create(&state.db, &ctx.0, body.0).await?;
    let (id, v) = (f.id, f.version);
    Ok(created(&f, format!("/api/v1/follow-ups/{id}"), Some(v)))
}

/// Corrects a follow-up of a customer or lead the caller may change; the customer's last
/// and next follow-up times follow.
#[utoipa::path(patch, path = "/api/v1/follow-ups/{id}", tag = "follow-ups", security(("bearer" = [])), request_body = FollowUpPatch,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = FollowUp), (status = 409, body = Problem)))]
pub async fn update_follow_up(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<FollowUpPatch>) -> ApiResult<HttpResponse> {
    let f = follow_ups::update(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    let v = f.version;
    Ok(ok(&f, Some(v)))
}

/// Logical delete; the customer's follow-up times are recomputed without it.
#[utoipa::path(delete, path = "/api/v1/follow-ups/{id}", tag = "follow-ups", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204, description = "moved to the recycle bin")))]
pub async fn delete_follow_up(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    follow_ups::delete(&state.db, &ctx.0, *id, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Interactions (CUS-10): follow-ups across every customer the caller may see, newest
/// first, by time range (`occurred_at_from/to`), keyword (`q` over the content), kind and
/// who recorded them (`owner_id`).
#[utoipa::path(get, path = "/api/v1/interactions", tag = "follow-ups", security(("bearer" = [])), params(PageParams, FollowUpFilters),
    responses((status = 200, body = PageOf<Interaction>)))]
pub async fn list_interactions(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    let page = crm_persistence::customers::interactions::list(&state.db, &ctx.0, q.0).await?;
    Ok(ok(&PageOf::from(page), None))
}

/// The interactions matching the filters as a file, streamed (no page cap).
#[utoipa::path(get, path = "/api/v1/interactions/export", tag = "follow-ups", security(("bearer" = [])), params(ExportFormat, FollowUpFilters),
    responses((status = 200, description = "CSV streamed as it is made, or an XLSX file", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
pub async fn export_interactions(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery, req: actix_web::HttpRequest) -> ApiResult<HttpResponse> {
    crate::export::download(&state, &ctx.0, &crm_persistence::exports::lists::INTERACTIONS, q.0, &req).await
}
