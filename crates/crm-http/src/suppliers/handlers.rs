use actix_web::{web, HttpResponse};
use crm_persistence::kit;
use crm_persistence::products::suppliers::{self, Suppliers};
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
pub struct SupplierFilters {
    /// A GB/T 2260 region code (`GET /regions`): suppliers in that region or inside it.
    #[param(example = "310000")]
    region_code: Option<String>,
    province: Option<String>,
    city: Option<String>,
}

/// Live suppliers, 10 a page by default. `q` matches name and contact. Sort: name,
/// number, created_at, updated_at (default `-updated_at`).
#[utoipa::path(get, path = "/api/v1/suppliers", tag = "suppliers", security(("bearer" = [])), params(PageParams, SupplierFilters),
    responses((status = 200, body = PageOf<Supplier>)))]
pub async fn list_suppliers(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(kit::list::<Suppliers>(&state.db, &ctx.0, q.0).await?), None))
}

#[utoipa::path(get, path = "/api/v1/suppliers/{id}", tag = "suppliers", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Supplier, headers(("ETag" = String)))))]
pub async fn get_supplier(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let s = kit::get::<Suppliers>(&state.db, &ctx.0, *id).await?;
    Ok(ok(&s, Some(s.version)))
}

/// A supplier with a generated number (`S000001`); 409 when a live supplier has the name.
#[utoipa::path(post, path = "/api/v1/suppliers", tag = "suppliers", security(("bearer" = [])), request_body = NewSupplier,
    params(("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = Supplier), (status = 409, body = Problem)))]
pub async fn create_supplier(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<NewSupplier>) -> ApiResult<HttpResponse> {
    let s = suppliers::create(&state.db, &ctx.0, body.0).await?;
    Ok(created(&s, format!("/api/v1/suppliers/{}", s.id), Some(s.version)))
}

#[utoipa::path(patch, path = "/api/v1/suppliers/{id}", tag = "suppliers", security(("bearer" = [])), request_body = SupplierPatch,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = Supplier), (status = 409, body = Problem)))]
pub async fn update_supplier(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<SupplierPatch>) -> ApiResult<HttpResponse> {
    let s = suppliers::update(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    Ok(ok(&s, Some(s.version)))
}

#[utoipa::path(delete, path = "/api/v1/suppliers/{id}", tag = "suppliers", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204, description = "moved to the recycle bin")))]
pub async fn delete_supplier(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    suppliers::delete(&state.db, &ctx.0, *id, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The supplier's price list (报价清单), by valid_from.
#[utoipa::path(get, path = "/api/v1/suppliers/{id}/prices", tag = "suppliers", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = PriceList)))]
pub async fn get_prices(state: web::Data<AppState>, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let items = suppliers::prices(&state.db, *id).await?;
    Ok(ok(&PriceList { items }, None))
}

/// Replaces the whole price list in one transaction. Errors name the item, e.g.
/// `items[2].valid_to` (before `valid_from`) or `items[0].product_id` (no such product).
#[utoipa::path(put, path = "/api/v1/suppliers/{id}/prices", tag = "suppliers", security(("bearer" = [])), request_body = PriceListPut, params(("id" = Uuid, Path)),
    responses((status = 200, body = PriceList)))]
pub async fn put_prices(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, body: ValidJson<PriceListPut>) -> ApiResult<HttpResponse> {
    let items = suppliers::replace_prices(&state.db, &ctx.0, *id, body.0.items).await?;
    Ok(ok(&PriceList { items }, None))
}

/// The customers this supplier serves (服务客户), among those the caller may see.
#[utoipa::path(get, path = "/api/v1/suppliers/{id}/customers", tag = "suppliers", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = ServedCustomers)))]
pub async fn get_customers(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let items = suppliers::customers(&state.db, &ctx.0, *id).await?;
    Ok(ok(&ServedCustomers { items }, None))
}

/// Replaces the served customers the caller can see; a customer outside their scope is
/// a 404 naming it in `missing_ids`.
#[utoipa::path(put, path = "/api/v1/suppliers/{id}/customers", tag = "suppliers", security(("bearer" = [])), request_body = ServedCustomersPut, params(("id" = Uuid, Path)),
    responses((status = 200, body = ServedCustomers)))]
pub async fn put_customers(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, body: ValidJson<ServedCustomersPut>) -> ApiResult<HttpResponse> {
    let items = suppliers::replace_customers(&state.db, &ctx.0, *id, body.0.customer_ids).await?;
    Ok(ok(&ServedCustomers { items }, None))
}

/// The suppliers serving a customer the caller may see (404 otherwise).
#[utoipa::path(get, path = "/api/v1/customers/{id}/suppliers", tag = "suppliers", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = SuppliersOfCustomer)))]
pub async fn suppliers_of_customer(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let items = suppliers::suppliers_of_customer(&state.db, &ctx.0, *id).await?;
    Ok(ok(&SuppliersOfCustomer { items }, None))
}

crate::batch_endpoint!(
    /// Creates up to 1000 suppliers, each checked and answered as a single create (a unique
    /// name, the items before it included), in one transaction: the refused ones are left
    /// out, or with `atomic=true` nothing is written.
    batch_suppliers, SupplierBatch, NewSupplier, "/api/v1/suppliers/batch", "suppliers", suppliers::batch,
    json!({"items": [{"name": "苏州办公家具厂", "contact": "王经理", "phone": "0512-6800 1000"}, {"name": "杭州文具批发"}]})
);

/// The suppliers as a file whose headers are the import's, so it imports back. Takes the list's filters, `q` and `sort`.
#[utoipa::path(get, path = "/api/v1/suppliers/export", tag = "suppliers", security(("bearer" = [])), params(ExportFormat, SupplierFilters),
    responses((status = 200, description = "CSV streamed as it is made, or an XLSX file", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
pub async fn export_suppliers(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery, req: actix_web::HttpRequest) -> ApiResult<HttpResponse> {
    crate::export::download(&state, &ctx.0, &crm_persistence::exports::lists::SUPPLIERS, q.0, &req).await
}
