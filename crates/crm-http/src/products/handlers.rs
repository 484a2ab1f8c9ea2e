use actix_web::{web, HttpResponse};
use crm_persistence::kit;
use crm_persistence::products::categories::{self, Categories};
use crm_persistence::products::service::{self as products, Products};
use crm_persistence::products::suppliers;
use utoipa::IntoParams;
use uuid::Uuid;

use super::dto::*;
use crate::auth::ReqCtx;
use crate::etag::{created, ok, IfMatch};
use crate::export::ExportFormat;
use crate::json::ValidJson;
use crate::list_query::{ListQuery, PageOf, PageParams};
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;
use crate::suppliers::dto::PriceList;

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct CategoryFilters {
    /// Children of this category.
    parent_id: Option<Uuid>,
}

/// The two-level tree, ordered by sort order and code, with product counts.
#[utoipa::path(get, path = "/api/v1/product-categories/tree", tag = "products", security(("bearer" = [])),
    responses((status = 200, body = CategoryTree)))]
pub async fn category_tree(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let items = categories::tree(&state.db).await?.into_iter().map(Into::into).collect();
    Ok(ok(&CategoryTree { items }, None))
}

/// Categories, flat. `q` matches name and code. Sort: code (default), name, sort_order, created_at.
#[utoipa::path(get, path = "/api/v1/product-categories", tag = "products", security(("bearer" = [])), params(PageParams, CategoryFilters),
    responses((status = 200, body = PageOf<Category>)))]
pub async fn list_categories(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(kit::list::<Categories>(&state.db, &ctx.0, q.0).await?), None))
}

crate::batch_endpoint!(
    /// Creates up to 1000 categories, each checked and answered as a single create (a top
    /// category as the parent, a name unique among its siblings; a parent made earlier in the
    /// batch counts), in one transaction: the refused ones are left out, or with
    /// `atomic=true` nothing is written.
    batch_categories, CategoryBatch, NewCategory, "/api/v1/product-categories/batch", "products", categories::batch,
    json!({"items": [{"name": "办公家具", "sort_order": 1}, {"name": "办公耗材", "sort_order": 2}]})
);

#[utoipa::path(get, path = "/api/v1/product-categories/{id}", tag = "products", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Category, headers(("ETag" = String)))))]
pub async fn get_category(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let c = kit::get::<Categories>(&state.db, &ctx.0, *id).await?;
    Ok(ok(&c, Some(c.version)))
}

/// A top category (no parent, code `01`) or a child of one (code `0101`). A child of a
/// child is a 422 (`category.too_deep`); a sibling with the same name a 409.
#[utoipa::path(post, path = "/api/v1/product-categories", tag = "products", security(("bearer" = [])), request_body = NewCategory,
    params(("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = Category), (status = 409, body = Problem)))]
pub async fn create_category(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<NewCategory>) -> ApiResult<HttpResponse> {
    let c = categories::create(&state.db, &ctx.0, body.0).await?;
    Ok(created(&c, format!("/api/v1/product-categories/{}", c.id), Some(c.version)))
}

#[utoipa::path(patch, path = "/api/v1/product-categories/{id}", tag = "products", security(("bearer" = [])), request_body = CategoryPatch,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = Category), (status = 409, body = Problem)))]
pub async fn update_category(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<CategoryPatch>) -> ApiResult<HttpResponse> {
    let c = categories::update(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    Ok(ok(&c, Some(c.version)))
}

/// Logical delete; 409 (`category.in_use`) while it has child categories or products.
#[utoipa::path(delete, path = "/api/v1/product-categories/{id}", tag = "products", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204, description = "moved to the recycle bin"), (status = 409, body = Problem)))]
pub async fn delete_category(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    categories::delete(&state.db, &ctx.0, *id, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ProductFilters {
    /// The category and, for a top category, its children.
    category_id: Option<Uuid>,
    on_sale: Option<bool>,
    currency: Option<String>,
    /// Decimal amounts, inclusive.
    price_min: Option<String>,
    price_max: Option<String>,
}

/// Live products, 10 a page by default. `q` matches name and code. Sort: name, code,
/// price, created_at, updated_at (default `-updated_at`).
#[utoipa::path(get, path = "/api/v1/products", tag = "products", security(("bearer" = [])), params(PageParams, ProductFilters),
    responses((status = 200, body = PageOf<Product>)))]
pub async fn list_products(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(kit::list::<Products>(&state.db, &ctx.0, q.0).await?), None))
}

/// The whole filtered list as CSV, streamed. Takes the list's filters, `q` and `sort`.
#[utoipa::path(get, path = "/api/v1/products/export", tag = "products", security(("bearer" = [])), params(ExportFormat, ProductFilters),
    responses((status = 200, description = "CSV streamed as it is made, or an XLSX file", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
pub async fn export_products(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery, req: actix_web::HttpRequest) -> ApiResult<HttpResponse> {
    crate::export::download(&state, &ctx.0, &crm_persistence::exports::lists::PRODUCTS, q.0, &req).await
}

/// A product by id, also when deleted (`deleted_at` set): past quotes and contracts name it.
#[utoipa::path(get, path = "/api/v1/products/{id}", tag = "products", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Product, headers(("ETag" = String)))))]
pub async fn get_product(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let p = products::get(&state.db, &ctx.0, *id).await?;
    Ok(ok(&p, Some(p.version)))
}

/// A product with a generated code (`P000001`). 409 when its category already has a
/// product of that name; 422 for a bad field or an unknown category.
#[utoipa::path(post, path = "/api/v1/products", tag = "products", security(("bearer" = [])), request_body = NewProduct,
    params(("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = Product), (status = 400, description = "malformed, e.g. a price sent as a JSON number with a fraction", body = Problem), (status = 409, body = Problem)))]
pub async fn create_product(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<NewProduct>) -> ApiResult<HttpResponse> {
    let p = products::create(&state.db, &ctx.0, body.0).await?;
    Ok(created(&p, format!("/api/v1/products/{}", p.id), Some(p.version)))
}

#[utoipa::path(patch, path = "/api/v1/products/{id}", tag = "products", security(("bearer" = [])), request_body = ProductPatch,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = Product), (status = 409, body = Problem)))]
pub async fn update_product(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<ProductPatch>) -> ApiResult<HttpResponse> {
    let p = products::update(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    Ok(ok(&p, Some(p.version)))
}

#[utoipa::path(delete, path = "/api/v1/products/{id}", tag = "products", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204, description = "moved to the recycle bin")))]
pub async fn delete_product(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    products::delete(&state.db, &ctx.0, *id, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The suppliers' prices for this product valid today, cheapest first.
#[utoipa::path(get, path = "/api/v1/products/{id}/supplier-prices", tag = "products", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = PriceList)))]
pub async fn product_supplier_prices(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let items = suppliers::current_prices_of_product(&state.db, *id, ctx.0.now.date_naive()).await?;
    Ok(ok(&PriceList { items }, None))
}

crate::batch_endpoint!(
    /// Creates up to 1000 products, each checked and answered as a single create (its category,
    /// a name unique in the category, the items before it included), in one transaction: the
    /// refused ones are left out, or with `atomic=true` nothing is written.
    batch_products, ProductBatch, NewProduct, "/api/v1/products/batch", "products", products::batch,
    json!({"items": [{"name": "升降桌", "category_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e70", "unit": "张", "price": "2999.00"},
        {"name": "显示器支架", "category_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e70", "unit": "个", "price": "199.00"}]})
);

/// The product categories as a file, with their parent's name. Takes the list's filters, `q` and `sort`.
#[utoipa::path(get, path = "/api/v1/product-categories/export", tag = "products", security(("bearer" = [])), params(ExportFormat, CategoryFilters),
    responses((status = 200, description = "CSV streamed as it is made, or an XLSX file", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
pub async fn export_categories(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery, req: actix_web::HttpRequest) -> ApiResult<HttpResponse> {
    crate::export::download(&state, &ctx.0, &crm_persistence::exports::lists::PRODUCT_CATEGORIES, q.0, &req).await
}
