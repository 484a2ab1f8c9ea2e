use actix_web::{web, HttpResponse};
use crm_domain::sales_docs::{OrderInput, OrderPatch, OrderTransition, QuoteInput, QuotePatch, QuoteTransition};
use crm_persistence::kit;
use crm_persistence::sales_docs::orders::{self, FromQuote};
use crm_persistence::sales_docs::{quotes, OrderView, Orders, QuoteView, Quotes};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::printed;
use crate::auth::ReqCtx;
use crate::etag::{created, ok, IfMatch};
use crate::export::ExportFormat;
use crate::json::ValidJson;
use crate::list_query::{ListQuery, PageOf, PageParams};
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct QuoteFilters {
    owner_id: Option<Uuid>,
    customer_id: Option<Uuid>,
    opportunity_id: Option<Uuid>,
    /// draft, sent, accepted, rejected or expired.
    status: Option<String>,
    currency: Option<String>,
    valid_until_from: Option<chrono::NaiveDate>,
    valid_until_to: Option<chrono::NaiveDate>,
    created_at_from: Option<chrono::DateTime<chrono::Utc>>,
    created_at_to: Option<chrono::DateTime<chrono::Utc>>,
    updated_at_from: Option<chrono::DateTime<chrono::Utc>>,
    updated_at_to: Option<chrono::DateTime<chrono::Utc>>,
}

/// Quotes the caller may see: of owners in their data scope, and of customers shared
/// with them. `q` matches the number. Sort: updated_at (default, newest first),
/// created_at, total, valid_until, number.
#[utoipa::path(get, path = "/api/v1/quotes", tag = "quotes", security(("bearer" = [])), params(PageParams, QuoteFilters),
    responses((status = 200, body = PageOf<QuoteView>)))]
pub async fn list_quotes(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(kit::list::<Quotes>(&state.db, &ctx.0, q.0).await?), None))
}

/// The whole filtered list as CSV (streamed) or XLSX, with the list's filters, `q` and
/// `sort`: for people, headers and labels in their language and times in `tz`; `raw=true`
/// keeps field names, codes and UTC. One row per quote; lines stay on the quote.
#[utoipa::path(get, path = "/api/v1/quotes/export", tag = "quotes", security(("bearer" = [])), params(ExportFormat, QuoteFilters),
    responses((status = 200, description = "CSV streamed as it is made, or an XLSX file", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
pub async fn export_quotes(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery, req: actix_web::HttpRequest) -> ApiResult<HttpResponse> {
    crate::export::download(&state, &ctx.0, &crm_persistence::exports::lists::QUOTES, q.0, &req).await
}

/// A new draft quote on a customer the caller may change (404 otherwise), numbered
/// `QT-<year>-<n>`. Each line's subtotal, tax and total and the quote's totals are
/// computed here, half up to the cent per line.
#[utoipa::path(post, path = "/api/v1/quotes", tag = "quotes", security(("bearer" = [])), request_body = QuoteInput,
    responses((status = 201, body = QuoteView, headers(("ETag" = String), ("Location" = String))), (status = 404, description = "no such customer the caller may change", body = Problem)))]
pub async fn create_quote(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<QuoteInput>) -> ApiResult<HttpResponse> {
    let v = quotes::create(&state.db, &ctx.0, body.0).await?;
    Ok(created(&v, format!("/api/v1/quotes/{}", v.id), Some(v.version)))
}

crate::batch_endpoint!(
    /// Creates up to 1000 draft quotes, each checked and answered as a single create and
    /// numbered in its turn (a refused one takes no number), in one transaction: the refused
    /// ones are left out, or with `atomic=true` nothing is written.
    batch_quotes, QuoteBatch, QuoteInput, "/api/v1/quotes/batch", "quotes", quotes::batch,
    json!({"items": [{"customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "valid_until": "2026-12-31",
        "lines": [{"name": "人体工学椅", "unit": "把", "quantity": "3", "unit_price": "1234.56", "tax_rate_percent": "13"}]}]})
);

#[utoipa::path(get, path = "/api/v1/quotes/{id}", tag = "quotes", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = QuoteView, headers(("ETag" = String)))))]
pub async fn get_quote(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let v = kit::get::<Quotes>(&state.db, &ctx.0, *id).await?;
    Ok(ok(&v, Some(v.version)))
}

/// Changes a draft quote (409 `quote.not_draft` once sent). `lines` replaces every line.
#[utoipa::path(patch, path = "/api/v1/quotes/{id}", tag = "quotes", security(("bearer" = [])), request_body = QuotePatch,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = QuoteView, headers(("ETag" = String))), (status = 409, description = "`quote.not_draft`", body = Problem)))]
pub async fn update_quote(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<QuotePatch>) -> ApiResult<HttpResponse> {
    let v = quotes::update(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    Ok(ok(&v, Some(v.version)))
}

/// Moves the quote to the recycle bin; one an order was made from stays (409
/// `quote.ordered`).
#[utoipa::path(delete, path = "/api/v1/quotes/{id}", tag = "quotes", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204, description = "moved to the recycle bin"), (status = 409, description = "`quote.ordered`", body = Problem)))]
pub async fn delete_quote(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    quotes::delete(&state.db, &ctx.0, *id, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Moves a quote along its life: draft → sent; sent → accepted, rejected or expired;
/// rejected or expired → draft (to revise and send again). Anything else is a 409
/// `quote.bad_transition`. Sending needs a line (409 `quote.no_lines`) and a
/// `valid_until` not yet passed, and freezes the quote as sent, with the company's header,
/// for its PDF; accepting a quote past its `valid_until` is a 409 `quote.expired`. Sent
/// quotes past `valid_until` also become expired by the hour.
#[utoipa::path(post, path = "/api/v1/quotes/{id}/transition", tag = "quotes", security(("bearer" = [])), request_body = QuoteTransition,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = QuoteView, headers(("ETag" = String))),
        (status = 409, description = "`quote.bad_transition`, `quote.no_lines` or `quote.expired`", body = Problem)))]
pub async fn transition_quote(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<QuoteTransition>) -> ApiResult<HttpResponse> {
    let v = quotes::transition(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    Ok(ok(&v, Some(v.version)))
}

/// The language a document is printed in.
#[derive(Debug, Clone, Copy, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum PdfLang {
    Zh,
    En,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PdfParams {
    /// The document's language; the caller's `Accept-Language` when absent.
    #[param(inline)]
    pub lang: Option<PdfLang>,
    /// true: `Content-Disposition: attachment` (a download); inline otherwise (a preview).
    pub download: Option<bool>,
}

/// The quote as an A4 PDF: the company's header (`/settings/company`), the lines, the
/// totals with the amount in Chinese capitals, the terms. A sent quote prints as it was
/// sent; a draft prints as it stands, marked as a draft. 503 `pdf.font_missing` when the
/// server has no CJK font.
#[utoipa::path(get, path = "/api/v1/quotes/{id}/pdf", tag = "quotes", security(("bearer" = [])), params(("id" = Uuid, Path), PdfParams),
    responses((status = 200, description = "the PDF", content_type = "application/pdf", body = Vec<u8>),
        (status = 503, description = "`pdf.font_missing`", body = Problem)))]
pub async fn quote_pdf(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, params: web::Query<PdfParams>, req: actix_web::HttpRequest) -> ApiResult<HttpResponse> {
    let lang = printed::lang(&params, &req);
    let print = printed::quote(quotes::printable(&state.db, &ctx.0, *id).await?, lang);
    printed::respond(print, lang, &params).await
}

/// A draft order from an accepted quote (409 `quote.not_accepted` otherwise): its
/// customer, opportunity, contact, currency, lines and terms. A quote makes one order: a
/// second is a 409 `quote.ordered` naming it in `order_id`, also when two requests race.
#[utoipa::path(post, path = "/api/v1/quotes/{id}/order", tag = "quotes", security(("bearer" = [])), request_body = FromQuote,
    params(("id" = Uuid, Path)),
    responses((status = 201, body = OrderView, headers(("ETag" = String), ("Location" = String))),
        (status = 409, description = "`quote.not_accepted` or `quote.ordered`", body = Problem)))]
pub async fn order_from_quote(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, body: ValidJson<FromQuote>) -> ApiResult<HttpResponse> {
    let v = orders::from_quote(&state.db, &ctx.0, *id, body.0).await?;
    Ok(created(&v, format!("/api/v1/orders/{}", v.id), Some(v.version)))
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct OrderFilters {
    owner_id: Option<Uuid>,
    customer_id: Option<Uuid>,
    opportunity_id: Option<Uuid>,
    quote_id: Option<Uuid>,
    /// draft, confirmed, delivered, closed or cancelled.
    status: Option<String>,
    currency: Option<String>,
    order_date_from: Option<chrono::NaiveDate>,
    order_date_to: Option<chrono::NaiveDate>,
    delivery_date_from: Option<chrono::NaiveDate>,
    delivery_date_to: Option<chrono::NaiveDate>,
    created_at_from: Option<chrono::DateTime<chrono::Utc>>,
    created_at_to: Option<chrono::DateTime<chrono::Utc>>,
    updated_at_from: Option<chrono::DateTime<chrono::Utc>>,
    updated_at_to: Option<chrono::DateTime<chrono::Utc>>,
}

/// Orders the caller may see. `q` matches the number. Sort: updated_at (default, newest
/// first), created_at, total, order_date, number.
#[utoipa::path(get, path = "/api/v1/orders", tag = "orders", security(("bearer" = [])), params(PageParams, OrderFilters),
    responses((status = 200, body = PageOf<OrderView>)))]
pub async fn list_orders(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(kit::list::<Orders>(&state.db, &ctx.0, q.0).await?), None))
}

/// The whole filtered order list as CSV (streamed) or XLSX, as the quotes' export.
#[utoipa::path(get, path = "/api/v1/orders/export", tag = "orders", security(("bearer" = [])), params(ExportFormat, OrderFilters),
    responses((status = 200, description = "CSV streamed as it is made, or an XLSX file", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
pub async fn export_orders(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery, req: actix_web::HttpRequest) -> ApiResult<HttpResponse> {
    crate::export::download(&state, &ctx.0, &crm_persistence::exports::lists::ORDERS, q.0, &req).await
}

/// A new draft order, numbered `SO-<year>-<n>`, with lines priced as quotes' are.
#[utoipa::path(post, path = "/api/v1/orders", tag = "orders", security(("bearer" = [])), request_body = OrderInput,
    responses((status = 201, body = OrderView, headers(("ETag" = String), ("Location" = String))), (status = 404, description = "no such customer the caller may change", body = Problem)))]
pub async fn create_order(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<OrderInput>) -> ApiResult<HttpResponse> {
    let v = orders::create(&state.db, &ctx.0, body.0).await?;
    Ok(created(&v, format!("/api/v1/orders/{}", v.id), Some(v.version)))
}

crate::batch_endpoint!(
    /// Creates up to 1000 draft orders, each checked and answered as a single create and
    /// numbered in its turn (a refused one takes no number), in one transaction: the refused
    /// ones are left out, or with `atomic=true` nothing is written.
    batch_orders, OrderBatch, OrderInput, "/api/v1/orders/batch", "orders", orders::batch,
    json!({"items": [{"customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "delivery_date": "2026-12-20",
        "lines": [{"name": "人体工学椅", "unit": "把", "quantity": "3", "unit_price": "1234.56"}]}]})
);

#[utoipa::path(get, path = "/api/v1/orders/{id}", tag = "orders", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = OrderView, headers(("ETag" = String)))))]
pub async fn get_order(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let v = kit::get::<Orders>(&state.db, &ctx.0, *id).await?;
    Ok(ok(&v, Some(v.version)))
}

/// Changes a draft order (409 `order.not_draft` once confirmed). `lines` replaces every line.
#[utoipa::path(patch, path = "/api/v1/orders/{id}", tag = "orders", security(("bearer" = [])), request_body = OrderPatch,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = OrderView, headers(("ETag" = String))), (status = 409, description = "`order.not_draft`", body = Problem)))]
pub async fn update_order(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<OrderPatch>) -> ApiResult<HttpResponse> {
    let v = orders::update(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    Ok(ok(&v, Some(v.version)))
}

/// Moves a draft or cancelled order to the recycle bin (409 `order.not_deletable` otherwise).
#[utoipa::path(delete, path = "/api/v1/orders/{id}", tag = "orders", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204, description = "moved to the recycle bin"), (status = 409, description = "`order.not_deletable`", body = Problem)))]
pub async fn delete_order(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    orders::delete(&state.db, &ctx.0, *id, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Moves an order along its life: draft → confirmed → delivered → closed, or cancelled
/// from draft or confirmed; anything else is a 409 `order.bad_transition`. Confirming
/// needs a line (409 `order.no_lines`).
#[utoipa::path(post, path = "/api/v1/orders/{id}/transition", tag = "orders", security(("bearer" = [])), request_body = OrderTransition,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = OrderView, headers(("ETag" = String))), (status = 409, description = "`order.bad_transition` or `order.no_lines`", body = Problem)))]
pub async fn transition_order(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<OrderTransition>) -> ApiResult<HttpResponse> {
    let v = orders::transition(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    Ok(ok(&v, Some(v.version)))
}
