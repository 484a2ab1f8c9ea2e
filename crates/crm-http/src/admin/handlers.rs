use actix_web::{web, HttpResponse};
use crm_persistence::audit::{self, AuditQuery};
use crm_persistence::{dictionaries, registry};
use utoipa::IntoParams;
use uuid::Uuid;

use super::dto::*;
use crate::auth::ReqCtx;
use crate::etag::{created, ok, IfMatch};
use crate::json::ValidJson;
use crate::list_query::{ListQuery, PageOf, PagingParams};
use crate::problem::{bad_request, ApiResult, Problem};
use crate::state::AppState;

/// Filters of the operation log.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct AuditFilters {
    /// The entity's URL name, e.g. `users`.
    entity: Option<String>,
    entity_id: Option<Uuid>,
    actor_id: Option<Uuid>,
    /// From this time (RFC 3339 or YYYY-MM-DD), inclusive.
    from: Option<String>,
    /// Up to this time, inclusive; a bare date means the end of that day.
    to: Option<String>,
}

/// The operation log, newest first.
#[utoipa::path(get, path = "/api/v1/audit-logs", tag = "audit", security(("bearer" = [])), params(AuditFilters, PagingParams),
    responses((status = 200, body = PageOf<AuditLog>)))]
pub async fn list_audit_logs(state: web::Data<AppState>, q: ListQuery) -> ApiResult<HttpResponse> {
    let mut p = q.0;
    let uuid = |name: &str, v: Option<String>| -> ApiResult<Option<Uuid>> {
        v.map(|s| Uuid::parse_str(&s).ok().filter(|_| s.len() == 36).ok_or_else(|| bad_request("query.invalid", format!("'{s}' is not a valid id for '{name}'"), Some(name)))).transpose()
    };
    let time = |name: &str, v: Option<String>, end_of_day: bool| -> ApiResult<Option<chrono::DateTime<chrono::Utc>>> {
        v.map(|s| {
            let t = audit::parse_bound(&s).ok_or_else(|| bad_request("query.invalid", format!("'{s}' is not an RFC 3339 time or a date for '{name}'"), Some(name)))?;
            Ok(if end_of_day && s.len() == 10 { t + chrono::Duration::days(1) - chrono::Duration::microseconds(1) } else { t })
        })
        .transpose()
    };
    let query = AuditQuery {
        entity: p.take_filter("entity"),
        entity_id: uuid("entity_id", p.take_filter("entity_id"))?,
        actor_id: uuid("actor_id", p.take_filter("actor_id"))?,
        from: time("from", p.take_filter("from"), false)?,
        to: time("to", p.take_filter("to"), true)?,
    };
    if let Some((name, _)) = p.filters.first() {
        return Err(bad_request("query.invalid", format!("unknown filter field '{name}'"), Some(name)));
    }
    if !p.sort.is_empty() || p.q.is_some() {
        let field = if p.q.is_some() { "q" } else { "sort" };
        return Err(bad_request("query.invalid", format!("the operation log is always newest first and has no free-text search; '{field}' is not accepted"), Some(field)));
    }
    Ok(ok(&PageOf::from(audit::list(&state.db, &query, &p).await?), None))
}

/// The entries of a dictionary, disabled ones included (they show on old records).
#[utoipa::path(get, path = "/api/v1/dictionaries/{kind}", tag = "dictionaries", security(("bearer" = [])),
    params(("kind" = String, Path, description = "industry, customer_source, customer_level, follow_up_type, contract_category or lost_reason")),
    responses((status = 200, body = DictionaryList), (status = 403, body = Problem)))]
pub async fn list_dictionary(state: web::Data<AppState>, kind: web::Path<String>) -> ApiResult<HttpResponse> {
    let items = dictionaries::list(&state.db, &kind).await?;
    Ok(ok(&DictionaryList { items }, None))
}

#[utoipa::path(post, path = "/api/v1/dictionaries/{kind}", tag = "dictionaries", security(("bearer" = [])), request_body = NewDictionaryItem,
    params(("kind" = String, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = DictionaryItem), (status = 409, body = Problem)))]
pub async fn create_dictionary_item(state: web::Data<AppState>, ctx: ReqCtx, kind: web::Path<String>, body: ValidJson<NewDictionaryItem>) -> ApiResult<HttpResponse> {
    let b = body.0;
    let e = dictionaries::create(&state.db, &ctx.0, &kind, b).await?;
    let loc = format!("/api/v1/dictionaries/{}/{}", kind, e.code);
    let v = e.version;
    Ok(created(&e, loc, Some(v)))
}

/// Rename, reorder, disable or enable an entry.
#[utoipa::path(patch, path = "/api/v1/dictionaries/{kind}/{code}", tag = "dictionaries", security(("bearer" = [])), request_body = DictionaryItemPatch,
    params(("kind" = String, Path), ("code" = String, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = DictionaryItem)))]
pub async fn update_dictionary_item(state: web::Data<AppState>, ctx: ReqCtx, path: web::Path<(String, String)>, if_match: IfMatch, body: ValidJson<DictionaryItemPatch>) -> ApiResult<HttpResponse> {
    let (kind, code) = path.into_inner();
    let b = body.0;
    let e = dictionaries::update(&state.db, &ctx.0, &kind, &code, b, if_match.0).await?;
    let v = e.version;
    Ok(ok(&e, Some(v)))
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct RecycleFilters {
    /// `users`, `departments` or `roles` (more as modules arrive).
    entity: String,
}

/// Deleted records of one entity, most recently deleted first.
#[utoipa::path(get, path = "/api/v1/recycle-bin", tag = "recycle-bin", security(("bearer" = [])), params(RecycleFilters, PagingParams),
    responses((status = 200, body = PageOf<RecycleBinItem>)))]
pub async fn list_recycle_bin(state: web::Data<AppState>, q: ListQuery) -> ApiResult<HttpResponse> {
    let mut p = q.0;
    let entity = p.take_filter("entity").ok_or_else(|| bad_request("query.invalid", "name the entity: ?entity=users", Some("entity")))?;
    if let Some(name) = p.filters.first().map(|(n, _)| n.as_str()).or(p.q.as_ref().map(|_| "q")).or((!p.sort.is_empty()).then_some("sort")) {
        return Err(bad_request("query.invalid", format!("unknown filter field '{name}'"), Some(name)));
    }
    Ok(ok(&PageOf::from(registry::list_deleted(&state.db, &entity, &p).await?), None))
}

#[utoipa::path(post, path = "/api/v1/recycle-bin/{entity}/{id}/restore", tag = "recycle-bin", security(("bearer" = [])),
    params(("entity" = String, Path), ("id" = Uuid, Path)),
    responses((status = 204, description = "restored"), (status = 404, description = "not in the recycle bin", body = Problem), (status = 409, body = Problem)))]
pub async fn restore(state: web::Data<AppState>, ctx: ReqCtx, path: web::Path<(String, Uuid)>) -> ApiResult<HttpResponse> {
    let (entity, id) = path.into_inner();
    registry::restore(&state.db, &ctx.0, &entity, id).await?;
    state.auth_cache.clear();
    Ok(HttpResponse::NoContent().finish())
}

/// The process is alive.
#[utoipa::path(get, path = "/healthz", tag = "health", responses((status = 200, body = Health)))]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok".into() })
}

/// The database answers.
#[utoipa::path(get, path = "/readyz", tag = "health", responses((status = 200, body = Health),
    (status = 503, description = "`database.unavailable`: the database cannot be reached; see Retry-After", body = Problem, headers(("Retry-After" = u64, description = "seconds to wait before asking again")))))]
pub async fn readyz(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    state.db.ping().await.map_err(crm_persistence::db::db_err)?;
    Ok(HttpResponse::Ok().json(Health { status: "ok".into() }))
}
