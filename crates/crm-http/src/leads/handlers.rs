use actix_web::{web, HttpResponse};
use crm_domain::leads::{Conversion, LeadInput, LeadPatch};
use crm_persistence::kit;
use crm_persistence::leads::convert::{self, Converted};
use crm_persistence::leads::{pool, records, LeadView, Leads};
use serde::{Deserialize, Serialize};
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
pub struct LeadFilters {
    owner_id: Option<Uuid>,
    /// new, contacted, qualified, unqualified or converted.
    status: Option<String>,
    /// A code of the `customer_source` dictionary.
    source: Option<String>,
    province: Option<String>,
    city: Option<String>,
    created_at_from: Option<chrono::DateTime<chrono::Utc>>,
    created_at_to: Option<chrono::DateTime<chrono::Utc>>,
    updated_at_from: Option<chrono::DateTime<chrono::Utc>>,
    updated_at_to: Option<chrono::DateTime<chrono::Utc>>,
    /// true: the lead pool only (nobody's leads); false: owned leads only.
    pool: Option<bool>,
}

/// Leads the caller may see: of owners in their data scope, and the lead pool. `q`
/// matches the name, company, phones and e-mail (every word somewhere). Sort:
/// updated_at (default, newest first), created_at, name.
#[utoipa::path(get, path = "/api/v1/leads", tag = "leads", security(("bearer" = [])), params(PageParams, LeadFilters),
    responses((status = 200, body = PageOf<LeadView>)))]
pub async fn list_leads(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(kit::list::<Leads>(&state.db, &ctx.0, q.0).await?), None))
}

/// A new lead, the caller's unless `owner_id` names another (whose records the caller
/// sees) or is `null` (the lead pool).
#[utoipa::path(post, path = "/api/v1/leads", tag = "leads", security(("bearer" = [])), request_body = LeadInput,
    responses((status = 201, body = LeadView, headers(("ETag" = String), ("Location" = String)))))]
pub async fn create_lead(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<LeadInput>) -> ApiResult<HttpResponse> {
    let l = records::create(&state.db, &ctx.0, body.0).await?;
    Ok(created(&l, format!("/api/v1/leads/{}", l.id), Some(l.version)))
}

/// The whole filtered list as CSV (streamed) or XLSX, with the list's filters, `q` and
/// `sort`: for people, headers and labels in their language and times in `tz`; `raw=true`
/// keeps field names, codes and UTC.
#[utoipa::path(get, path = "/api/v1/leads/export", tag = "leads", security(("bearer" = [])), params(ExportFormat, LeadFilters),
    responses((status = 200, description = "CSV streamed as it is made, or an XLSX file", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
pub async fn export_leads(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery, req: actix_web::HttpRequest) -> ApiResult<HttpResponse> {
    crate::export::download(&state, &ctx.0, &crm_persistence::exports::lists::LEADS, q.0, &req).await
}

crate::batch_endpoint!(
    /// Creates up to 1000 leads, each checked and answered as a single create, in one
    /// transaction: the refused ones are left out, or with `atomic=true` nothing is
    /// written.
    batch_leads, LeadBatch, LeadInput, "/api/v1/leads/batch", "leads", records::batch,
    json!({"items": [{"name": "陈静", "company": "宁波海通物流有限公司", "mobile": "13912345678"}, {"name": "李强", "email": "li.qiang@example.cn"}]})
);

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"lead_ids": ["01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ec1"], "owner_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e01"}))]
pub struct AssignLeads {
    /// 1 to 1000 leads the caller sees (pool leads, or in their scope).
    pub lead_ids: Vec<Uuid>,
    /// An enabled user whose records the caller sees.
    pub owner_id: Uuid,
}

#[derive(Serialize, ToSchema)]
pub struct LeadList {
    pub items: Vec<LeadView>,
}

/// 分配 / 转移: gives pool leads and leads in the caller's scope to an owner, all or
/// nothing. A lead the caller cannot see is a 404 naming it in `missing_ids`; a
/// converted one is a 409 `lead.converted`.
#[utoipa::path(post, path = "/api/v1/leads/assign", tag = "leads", security(("bearer" = [])), request_body = AssignLeads,
    responses((status = 200, body = LeadList), (status = 404, body = Problem), (status = 409, description = "`lead.converted`, `lead.changed`", body = Problem)))]
pub async fn assign_leads(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<AssignLeads>) -> ApiResult<HttpResponse> {
    let b = body.0;
    Ok(ok(&LeadList { items: pool::assign(&state.db, &ctx.0, b.lead_ids, b.owner_id).await? }, None))
}

#[utoipa::path(get, path = "/api/v1/leads/{id}", tag = "leads", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = LeadView, headers(("ETag" = String)))))]
pub async fn get_lead(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let l = kit::get::<Leads>(&state.db, &ctx.0, *id).await?;
    Ok(ok(&l, Some(l.version)))
}

/// Changes a lead the caller may change (a pool lead is claimed first). A converted lead
/// is read-only: 409 `lead.converted`.
#[utoipa::path(patch, path = "/api/v1/leads/{id}", tag = "leads", security(("bearer" = [])), request_body = LeadPatch,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = LeadView, headers(("ETag" = String))), (status = 409, description = "`lead.converted`", body = Problem)))]
pub async fn update_lead(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<LeadPatch>) -> ApiResult<HttpResponse> {
    let l = records::update(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    Ok(ok(&l, Some(l.version)))
}

/// Moves the lead to the recycle bin.
#[utoipa::path(delete, path = "/api/v1/leads/{id}", tag = "leads", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204, description = "moved to the recycle bin")))]
pub async fn delete_lead(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    records::delete(&state.db, &ctx.0, *id, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// 领取: a lead of the pool becomes the caller's. Of two people claiming it at once,
/// one gets it and the other a 409 (`lead.already_owned` or `lead.changed`).
#[utoipa::path(post, path = "/api/v1/leads/{id}/claim", tag = "leads", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = LeadView, headers(("ETag" = String))), (status = 409, description = "`lead.already_owned`, `lead.changed`, `lead.converted`", body = Problem)))]
pub async fn claim_lead(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let l = pool::claim(&state.db, &ctx.0, *id).await?;
    Ok(ok(&l, Some(l.version)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"reason": "暂无需求，半年后再联系"}))]
pub struct ReleaseLead {
    /// At most 500 characters.
    pub reason: Option<String>,
}

/// 放回线索池: the owner (or someone whose scope covers the owner) gives the lead back
/// to the pool.
#[utoipa::path(post, path = "/api/v1/leads/{id}/release", tag = "leads", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = ReleaseLead,
    responses((status = 200, body = LeadView, headers(("ETag" = String))), (status = 409, description = "`lead.in_pool`, `lead.changed`, `lead.converted`", body = Problem)))]
pub async fn release_lead(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, body: ValidJson<ReleaseLead>) -> ApiResult<HttpResponse> {
    let l = pool::release(&state.db, &ctx.0, *id, body.0.reason.as_deref()).await?;
    Ok(ok(&l, Some(l.version)))
}

/// Converts a lead the caller may change into a customer (new, under the customers'
/// duplicate check: 409 `customer.duplicate` naming the existing one, which
/// `customer.use_existing_id` can then take), the lead's person as the customer's contact
/// (unless `contact` is false), and an opportunity when asked, in one transaction. The
/// lead becomes `converted`, read-only, linked to what it made. A second conversion is a
/// 409 `lead.already_converted`.
#[utoipa::path(post, path = "/api/v1/leads/{id}/convert", tag = "leads", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = Conversion,
    responses((status = 200, body = Converted), (status = 404, description = "no such lead, or `customer.use_existing_id` names no customer the caller may change", body = Problem),
        (status = 409, description = "`lead.already_converted`, `customer.duplicate`", body = Problem)))]
pub async fn convert_lead(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, body: ValidJson<Conversion>) -> ApiResult<HttpResponse> {
    Ok(ok(&convert::convert(&state.db, &ctx.0, *id, body.0).await?, None))
}
