use actix_web::{web, HttpResponse};
use crm_domain::customer_groups::{CustomerGroupInput, CustomerGroupPatch};
use crm_persistence::customer_groups::members::{self, MemberChange};
use crm_persistence::customer_groups::{self as groups, CustomerGroupView, CustomerGroups};
use crm_persistence::kit;
use serde::Deserialize;
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
pub struct GroupFilters {
    owner_id: Option<Uuid>,
    shared: Option<bool>,
}

/// Groups the caller may see: their own, those of owners in their data scope, and shared
/// ones. `q` matches the name. Sort: name, created_at, updated_at (default `-updated_at`).
#[utoipa::path(get, path = "/api/v1/customer-groups", tag = "customer-groups", security(("bearer" = [])), params(PageParams, GroupFilters),
    responses((status = 200, body = PageOf<CustomerGroupView>)))]
pub async fn list_groups(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(kit::list::<CustomerGroups>(&state.db, &ctx.0, q.0).await?), None))
}

/// A group kept by the caller; 409 when they already keep one of this name.
#[utoipa::path(post, path = "/api/v1/customer-groups", tag = "customer-groups", security(("bearer" = [])), request_body = CustomerGroupInput,
    responses((status = 201, body = CustomerGroupView, headers(("ETag" = String), ("Location" = String))), (status = 409, body = Problem)))]
pub async fn create_group(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<CustomerGroupInput>) -> ApiResult<HttpResponse> {
    let g = groups::create(&state.db, &ctx.0, body.0).await?;
    Ok(created(&g, format!("/api/v1/customer-groups/{}", g.id), Some(g.version)))
}

crate::batch_endpoint!(
    /// Creates up to 1000 groups of the caller's, each checked and answered as a single
    /// create (a name unique among the caller's groups, the items before it included), in
    /// one transaction: the refused ones are left out, or with `atomic=true` nothing is
    /// written.
    batch_groups, CustomerGroupBatch, CustomerGroupInput, "/api/v1/customer-groups/batch", "customer-groups", groups::batch,
    json!({"items": [{"name": "华东重点客户", "shared": true}, {"name": "展会线索转化"}]})
);

#[utoipa::path(get, path = "/api/v1/customer-groups/{id}", tag = "customer-groups", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = CustomerGroupView, headers(("ETag" = String)))))]
pub async fn get_group(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let g = kit::get::<CustomerGroups>(&state.db, &ctx.0, *id).await?;
    Ok(ok(&g, Some(g.version)))
}

/// Changes a group the caller may change (their own, or an owner's in their data scope;
/// a shared group of someone else's is read-only): 404 otherwise.
#[utoipa::path(patch, path = "/api/v1/customer-groups/{id}", tag = "customer-groups", security(("bearer" = [])), request_body = CustomerGroupPatch,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = CustomerGroupView, headers(("ETag" = String))), (status = 409, body = Problem)))]
pub async fn update_group(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<CustomerGroupPatch>) -> ApiResult<HttpResponse> {
    let g = groups::update(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    Ok(ok(&g, Some(g.version)))
}

/// Moves the group to the recycle bin; its members are kept for a restore. The
/// customers themselves are untouched.
#[utoipa::path(delete, path = "/api/v1/customer-groups/{id}", tag = "customer-groups", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204, description = "moved to the recycle bin")))]
pub async fn delete_group(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    groups::delete(&state.db, &ctx.0, *id, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The members the caller can see, as a whole; it replaces them.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"customer_ids": ["01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f"]}))]
pub struct MembersPut {
    /// At most 1000 ids.
    pub customer_ids: Vec<Uuid>,
}

/// Makes the group's members that the caller can see exactly `customer_ids` (members
/// outside their data scope stay); list them with `GET /customers?group_id=`. A customer
/// the caller cannot see is a 404 naming it in `missing_ids`, and nothing changes. To add
/// or remove some members without reading the others first, use `members/add` and
/// `members/remove`.
#[utoipa::path(put, path = "/api/v1/customer-groups/{id}/members", tag = "customer-groups", security(("bearer" = [])), request_body = MembersPut,
    params(("id" = Uuid, Path)),
    responses((status = 200, body = CustomerGroupView, headers(("ETag" = String)))))]
pub async fn put_members(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, body: ValidJson<MembersPut>) -> ApiResult<HttpResponse> {
    let g = members::change(&state.db, &ctx.0, *id, MemberChange::Replace(body.0.customer_ids)).await?;
    Ok(ok(&g, Some(g.version)))
}

/// Customers to add to or remove from a group.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"customer_ids": ["01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f"]}))]
pub struct MembersChange {
    /// 1 to 1000 customers the caller can see.
    pub customer_ids: Vec<Uuid>,
}

/// Adds customers the caller can see to the group; those already in stay, so a retry
/// changes nothing. Concurrent additions and removals of one group apply one after the
/// other. A customer the caller cannot see is a 404 naming it in `missing_ids`, and
/// nothing changes.
#[utoipa::path(post, path = "/api/v1/customer-groups/{id}/members/add", tag = "customer-groups", security(("bearer" = [])), request_body = MembersChange,
    params(("id" = Uuid, Path)),
    responses((status = 200, body = CustomerGroupView, headers(("ETag" = String)))))]
pub async fn add_members(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, body: ValidJson<MembersChange>) -> ApiResult<HttpResponse> {
    let g = members::change(&state.db, &ctx.0, *id, MemberChange::Add(non_empty(body.0.customer_ids)?)).await?;
    Ok(ok(&g, Some(g.version)))
}

/// Removes customers from the group (those not in it are no change). A customer the
/// caller cannot see is a 404 naming it in `missing_ids`, and nothing changes.
#[utoipa::path(post, path = "/api/v1/customer-groups/{id}/members/remove", tag = "customer-groups", security(("bearer" = [])), request_body = MembersChange,
    params(("id" = Uuid, Path)),
    responses((status = 200, body = CustomerGroupView, headers(("ETag" = String)))))]
pub async fn remove_members(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, body: ValidJson<MembersChange>) -> ApiResult<HttpResponse> {
    let g = members::change(&state.db, &ctx.0, *id, MemberChange::Remove(non_empty(body.0.customer_ids)?)).await?;
    Ok(ok(&g, Some(g.version)))
}

fn non_empty(ids: Vec<Uuid>) -> Result<Vec<Uuid>, crate::problem::ApiError> {
    if ids.is_empty() {
        return Err(crm_domain::DomainError::invalid_field("customer_ids", "required", "name at least one customer").into());
    }
    Ok(ids)
}

/// The groups the caller sees (their scope's and the shared ones) as a file. Takes the list's filters, `q` and `sort`.
#[utoipa::path(get, path = "/api/v1/customer-groups/export", tag = "customer-groups", security(("bearer" = [])), params(ExportFormat, GroupFilters),
    responses((status = 200, description = "CSV streamed as it is made, or an XLSX file", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
pub async fn export_groups(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery, req: actix_web::HttpRequest) -> ApiResult<HttpResponse> {
    crate::export::download(&state, &ctx.0, &crm_persistence::exports::lists::CUSTOMER_GROUPS, q.0, &req).await
}
