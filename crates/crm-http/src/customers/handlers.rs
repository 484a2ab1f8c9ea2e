use actix_web::{web, HttpResponse};
use crm_persistence::customers::pool_rules;
use crm_persistence::customers::{duplicates, list, owners, pools, records};
use serde::Deserialize;
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

/// Filters of `GET /customers`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct CustomerFilters {
    /// One or more customer ids (comma-separated), e.g. to export the rows a user selected.
    id: Option<String>,
    /// One or more of public, potential, won, invalid (comma-separated); default: all but invalid.
    pool: Option<String>,
    kind: Option<String>,
    industry: Option<String>,
    source: Option<String>,
    level: Option<String>,
    /// A GB/T 2260 region code (`GET /regions`): customers in that region or inside it
    /// (a province's code matches its cities and districts); comma-separate several.
    #[param(example = "330100")]
    region_code: Option<String>,
    /// The province's name as stored, exactly.
    province: Option<String>,
    /// The city's name as stored, exactly.
    city: Option<String>,
    owner_id: Option<Uuid>,
    /// Customers owned by the people of this department and of the departments below it
    /// (within the caller's scope; with `owner_id`, that owner if they are one of them).
    department_id: Option<Uuid>,
    /// Members of this customer group (comma-separate several to match any); a group the
    /// caller cannot see matches nothing.
    group_id: Option<Uuid>,
    deal_status: Option<String>,
    /// One tag.
    tags: Option<String>,
    created_at_from: Option<String>,
    created_at_to: Option<String>,
    next_follow_up_at_from: Option<String>,
    next_follow_up_at_to: Option<String>,
    /// Customers nobody followed up since this time (RFC 3339 or a date): the last
    /// follow-up is older, or there was none and the customer was created before it.
    #[param(example = "2026-11-29T00:00:00Z")]
    no_follow_up_since: Option<String>,
}

/// Customers the caller may see (the public pool is visible to all). `q` matches name,
/// code, phone, e-mail and the contacts' names and phones, case-insensitively. Sort:
/// name, code, created_at, updated_at (default, newest first), last_follow_up_at,
/// next_follow_up_at.
#[utoipa::path(get, path = "/api/v1/customers", tag = "customers", security(("bearer" = [])), params(PageParams, CustomerFilters),
    responses((status = 200, body = PageOf<Customer>)))]
pub async fn list_customers(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(list::list(&state.db, &ctx.0, q.0).await?), None))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DuplicateQuery {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// Customers whose normalised name, phone or e-mail equals the given ones (CUS-6), for a
/// live warning while typing. Only id and name are returned, whoever owns them.
#[utoipa::path(get, path = "/api/v1/customers/duplicates", tag = "customers", security(("bearer" = [])), params(DuplicateQuery),
    responses((status = 200, body = DuplicateList)))]
pub async fn find_duplicates(state: web::Data<AppState>, q: web::Query<DuplicateQuery>) -> ApiResult<HttpResponse> {
    let items = duplicates::duplicates(&state.db, q.name.as_deref(), q.phone.as_deref(), q.email.as_deref()).await?;
    Ok(ok(&DuplicateList { items }, None))
}

#[utoipa::path(get, path = "/api/v1/customers/{id}", tag = "customers", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Customer, headers(("ETag" = String))),
        (status = 404, description = "no such customer, or outside the caller's data scope", body = Problem)))]
pub async fn get_customer(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let c = records::get(&state.db, &ctx.0, *id).await?;
    let v = c.version;
    Ok(ok(&c, Some(v)))
}

/// A new customer belongs to its creator and sits in the `potential` pool.
#[utoipa::path(post, path = "/api/v1/customers", tag = "customers", security(("bearer" = [])), request_body = NewCustomer,
    params(("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = Customer, headers(("Location" = String), ("ETag" = String))),
        (status = 409, description = "`customer.duplicate`: same normalised name, phone or e-mail as `duplicate`", body = Problem),
        (status = 422, description = "a bad field or an unknown dictionary code", body = Problem)))]
pub async fn create_customer(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<NewCustomer>) -> ApiResult<HttpResponse> {
    let c = records::create(&state.db, &ctx.0, body.0).await?;
    let (id, v) = (c.id, c.version);
    Ok(created(&c, format!("/api/v1/customers/{id}"), Some(v)))
}

#[derive(serde::Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BatchParams {
    /// All or nothing: any bad item and none is written (the others answer 424).
    atomic: Option<bool>,
    /// The owner of every new customer (an enabled user); the caller by default.
    owner_id: Option<Uuid>,
}

/// Creates up to 1000 customers through the bulk import: each item is checked like a
/// single create (fields, dictionary codes, duplicates against stored customers and the
/// items before it) and answered on its own; the valid ones are written in one
/// transaction, or none with `atomic=true`.
#[utoipa::path(post, path = "/api/v1/customers/batch", tag = "customers", security(("bearer" = [])), request_body = CustomerBatch,
    params(BatchParams, ("Idempotency-Key" = Option<String>, Header)),
    responses((status = 200, body = BatchResults),
        (status = 413, body = Problem), (status = 422, description = "more than 1000 items", body = Problem)))]
pub async fn batch_customers(state: web::Data<AppState>, ctx: ReqCtx, q: web::Query<BatchParams>, body: ValidJson<CustomerBatch>) -> ApiResult<HttpResponse> {
    use crm_persistence::customers::import::{import_batch, ImportRow};
    let atomic = q.atomic.unwrap_or(false);
    let n = body.0.items.len();
    let rows = body.0.items.into_iter().map(|c| ImportRow { customer: c, owner_id: q.owner_id, contact: None, follow_up: None }).collect();
    let out = import_batch(&state.db, &ctx.0, rows, atomic).await?;
    let mut results: Vec<BatchItemResult> = (0..n).map(|index| BatchItemResult { index, status: 424, id: None, error: None }).collect();
    for (index, id) in out.created {
        if let Some(r) = results.get_mut(index) {
            r.status = 201;
            r.id = Some(id);
        }
    }
    for e in out.errors {
        let duplicate = e.error.errors.iter().any(|f| f.code == "duplicate");
        if let Some(r) = results.get_mut(e.index) {
            r.status = if duplicate { 409 } else { crate::problem::status_of(e.error.kind).as_u16() };
            let mut error = BatchItemError::of(&e.error);
            if duplicate {
                error.code = "customer.duplicate".into();
            }
            r.error = Some(error);
        }
    }
    Ok(ok(&BatchResults { results }, None))
}

#[utoipa::path(patch, path = "/api/v1/customers/{id}", tag = "customers", security(("bearer" = [])), request_body = CustomerPatch,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = Customer),
        (status = 409, body = Problem), (status = 412, body = Problem)))]
pub async fn update_customer(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<CustomerPatch>) -> ApiResult<HttpResponse> {
    let c = records::update(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    let v = c.version;
    Ok(ok(&c, Some(v)))
}

#[utoipa::path(delete, path = "/api/v1/customers/{id}", tag = "customers", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204, description = "moved to the recycle bin")))]
pub async fn delete_customer(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    records::delete(&state.db, &ctx.0, *id, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// 领取: take a public customer. Of several people claiming at once, exactly one wins;
/// the others get 409.
#[utoipa::path(post, path = "/api/v1/customers/{id}/claim", tag = "customers", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Customer),
        (status = 409, description = "not in the public pool, or claimed by someone else first", body = Problem)))]
pub async fn claim_customer(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let c = pools::claim(&state.db, &ctx.0, *id).await?;
    let v = c.version;
    Ok(ok(&c, Some(v)))
}

/// 放回公海: back to the public pool with a reason; the owner is cleared.
#[utoipa::path(post, path = "/api/v1/customers/{id}/release", tag = "customers", security(("bearer" = [])), request_body = PoolReason, params(("id" = Uuid, Path)),
    responses((status = 200, body = Customer), (status = 409, body = Problem), (status = 422, description = "no reason given", body = Problem)))]
pub async fn release_customer(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, body: ValidJson<PoolReason>) -> ApiResult<HttpResponse> {
    let c = pools::release(&state.db, &ctx.0, *id, &body.0.reason).await?;
    let v = c.version;
    Ok(ok(&c, Some(v)))
}

/// 设为无效: out of normal lists, with a reason.
#[utoipa::path(post, path = "/api/v1/customers/{id}/invalidate", tag = "customers", security(("bearer" = [])), request_body = PoolReason, params(("id" = Uuid, Path)),
    responses((status = 200, body = Customer), (status = 409, body = Problem)))]
pub async fn invalidate_customer(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, body: ValidJson<PoolReason>) -> ApiResult<HttpResponse> {
    let c = pools::invalidate(&state.db, &ctx.0, *id, &body.0.reason).await?;
    let v = c.version;
    Ok(ok(&c, Some(v)))
}

/// Back from invalid: to `potential` when it has an owner, else `public`.
#[utoipa::path(post, path = "/api/v1/customers/{id}/revalidate", tag = "customers", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Customer), (status = 409, body = Problem)))]
pub async fn revalidate_customer(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let c = pools::revalidate(&state.db, &ctx.0, *id).await?;
    let v = c.version;
    Ok(ok(&c, Some(v)))
}

/// 分配: give public customers to an owner (managers). All or nothing; the owner's cap and
/// re-claim cooldown apply.
#[utoipa::path(post, path = "/api/v1/customers/assign", tag = "customers", security(("bearer" = [])), request_body = AssignRequest,
    responses((status = 200, body = CustomerList),
        (status = 404, description = "a customer is missing or outside the caller's scope (`missing_ids`)", body = Problem),
        (status = 409, description = "a customer is not public, or the owner's re-claim cooldown runs", body = Problem),
        (status = 422, description = "owner unknown or disabled; `customer.owner_cap_reached`", body = Problem)))]
pub async fn assign_customers(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<AssignRequest>) -> ApiResult<HttpResponse> {
    let b = body.0;
    let items = owners::assign(&state.db, &ctx.0, b.customer_ids, b.owner_id).await?;
    Ok(ok(&CustomerList { items }, None))
}

/// 转移 (CUS-8): owned customers to another owner, with their contacts and follow-ups,
/// and their open opportunities unless `with_opportunities` is false.
#[utoipa::path(post, path = "/api/v1/customers/transfer", tag = "customers", security(("bearer" = [])), request_body = TransferRequest,
    responses((status = 200, body = CustomerList), (status = 404, body = Problem), (status = 409, description = "a customer is public or invalid", body = Problem), (status = 422, description = "owner unknown or disabled", body = Problem)))]
pub async fn transfer_customers(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<TransferRequest>) -> ApiResult<HttpResponse> {
    let b = body.0;
    let items = owners::transfer(&state.db, &ctx.0, b.customer_ids, b.owner_id, b.with_opportunities).await?;
    Ok(ok(&CustomerList { items }, None))
}

fn rules_state(v: crm_persistence::customers::pool_rules::PoolRulesView) -> PoolRulesState {
    let r = v.rules;
    PoolRulesState {
        enabled: r.enabled,
        return_after_days_without_follow_up: r.return_after_days_without_follow_up,
        return_after_days_without_deal: r.return_after_days_without_deal,
        max_customers_per_owner: r.max_customers_per_owner,
        reclaim_cooldown_days: r.reclaim_cooldown_days,
        exempt_won: r.exempt_won,
        version: v.version,
        updated_at: v.updated_at,
        last_applied_at: v.last_applied_at,
    }
}

#[utoipa::path(get, path = "/api/v1/pool-rules", tag = "customers", security(("bearer" = [])),
    responses((status = 200, body = PoolRulesState, headers(("ETag" = String)))))]
pub async fn get_pool_rules(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let v = pool_rules::get(&state.db).await?;
    let version = v.version;
    Ok(ok(&rules_state(v), Some(version)))
}

#[utoipa::path(put, path = "/api/v1/pool-rules", tag = "customers", security(("bearer" = [])), request_body = PoolRulesBody,
    params(("If-Match" = Option<String>, Header)),
    responses((status = 200, body = PoolRulesState)))]
pub async fn put_pool_rules(state: web::Data<AppState>, ctx: ReqCtx, if_match: IfMatch, body: ValidJson<PoolRulesBody>) -> ApiResult<HttpResponse> {
    let b = body.0;
    let rules = crm_domain::customers::rules::PoolRules {
        enabled: b.enabled,
        return_after_days_without_follow_up: b.return_after_days_without_follow_up,
        return_after_days_without_deal: b.return_after_days_without_deal,
        max_customers_per_owner: b.max_customers_per_owner,
        reclaim_cooldown_days: b.reclaim_cooldown_days,
        exempt_won: b.exempt_won,
    };
    let v = pool_rules::update(&state.db, &ctx.0, rules, if_match.0).await?;
    let version = v.version;
    Ok(ok(&rules_state(v), Some(version)))
}

/// Apply the rules now (they also run every hour).
#[utoipa::path(post, path = "/api/v1/pool-rules/apply", tag = "customers", security(("bearer" = [])),
    responses((status = 200, body = PoolRulesApplied)))]
pub async fn apply_pool_rules(state: web::Data<AppState>, ctx: ReqCtx) -> ApiResult<HttpResponse> {
    let returned = pool_rules::apply(&state.db, &ctx.0).await?;
    Ok(ok(&PoolRulesApplied { returned }, None))
}

/// The whole filtered list as a file, streamed (no page cap; the caller's data scope
/// applies). Takes the list's filters, `q` and `sort`.
#[utoipa::path(get, path = "/api/v1/customers/export", tag = "customers", security(("bearer" = [])), params(ExportFormat, CustomerFilters),
    responses((status = 200, description = "CSV streamed as it is made, or an XLSX file", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
pub async fn export_customers(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery, req: actix_web::HttpRequest) -> ApiResult<HttpResponse> {
    crate::export::download(&state, &ctx.0, &crm_persistence::exports::lists::CUSTOMERS, q.0, &req).await
}

/// The customer's timeline: follow-ups, pool moves, owner changes and field changes,
/// newest first, paged.
#[utoipa::path(get, path = "/api/v1/customers/{id}/timeline", tag = "customers", security(("bearer" = [])), params(("id" = Uuid, Path), crate::list_query::PagingParams),
    responses((status = 200, body = PageOf<TimelineItem>)))]
pub async fn customer_timeline(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, q: ListQuery) -> ApiResult<HttpResponse> {
    let p = q.0;
    crate::list_query::paging_only(&p)?;
    let page = crm_persistence::customers::timeline::page(&state.db, &ctx.0, *id, &p).await?;
    Ok(ok(&PageOf::from(page), None))
}

fn collaborator_list(items: Vec<crm_persistence::customers::collaborators::CollaboratorView>) -> CollaboratorList {
    CollaboratorList {
        items: items.into_iter().map(|c| Collaborator { user_id: c.user_id, display_name: c.display_name, access: c.access, created_at: c.created_at }).collect(),
    }
}

/// 团队成员: users the customer is shared with, whatever their data scope.
#[utoipa::path(get, path = "/api/v1/customers/{id}/collaborators", tag = "customers", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = CollaboratorList)))]
pub async fn list_collaborators(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let items = crm_persistence::customers::collaborators::list(&state.db, &ctx.0, *id).await?;
    Ok(ok(&collaborator_list(items), None))
}

/// Replace the collaborators (the owner, or a manager whose scope covers the owner). A
/// collaborator sees the customer, its contacts and follow-ups; with `edit` they change
/// them too.
#[utoipa::path(put, path = "/api/v1/customers/{id}/collaborators", tag = "customers", security(("bearer" = [])), request_body = CollaboratorsPut, params(("id" = Uuid, Path)),
    responses((status = 200, body = CollaboratorList),
        (status = 403, description = "a collaborator cannot pass the customer on", body = Problem)))]
pub async fn put_collaborators(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, body: ValidJson<CollaboratorsPut>) -> ApiResult<HttpResponse> {
    let items = body.0.items.into_iter().map(|i| crm_persistence::customers::collaborators::Share { user_id: i.user_id, access: i.access }).collect();
    let out = crm_persistence::customers::collaborators::replace(&state.db, &ctx.0, *id, items).await?;
    // Cached actors carry the records shared with them (`Actor::shared`).
    state.auth_cache.clear();
    Ok(ok(&collaborator_list(out), None))
}

/// Merge another customer into this one (CUS-6): contacts, follow-ups and collaborators
/// move here, both histories stay, the other goes to the recycle bin. One transaction.
#[utoipa::path(post, path = "/api/v1/customers/{id}/merge", tag = "customers", security(("bearer" = [])), request_body = MergeRequest, params(("id" = Uuid, Path)),
    responses((status = 200, body = Customer),
        (status = 409, body = Problem), (status = 412, body = Problem)))]
pub async fn merge_customers(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, body: ValidJson<MergeRequest>) -> ApiResult<HttpResponse> {
    let b = body.0;
    let c = crm_persistence::customers::merge::merge(&state.db, &ctx.0, *id, b.other_id, b.fields).await?;
    // The other record's collaborators now share this one (`Actor::shared`).
    state.auth_cache.clear();
    let v = c.version;
    Ok(ok(&c, Some(v)))
}
