use actix_web::{web, HttpResponse};
use crm_persistence::customers::contacts::{self, Contacts};
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
pub struct ContactFilters {
    customer_id: Option<Uuid>,
    is_primary: Option<bool>,
}

/// Contacts of the customers the caller may see; primary first. `q` matches name, phone,
/// mobile and e-mail. Sort: name, created_at.
#[utoipa::path(get, path = "/api/v1/contacts", tag = "contacts", security(("bearer" = [])), params(PageParams, ContactFilters),
    responses((status = 200, body = PageOf<Contact>)))]
pub async fn list_contacts(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(kit::list::<Contacts>(&state.db, &ctx.0, q.0).await?), None))
}

#[utoipa::path(get, path = "/api/v1/contacts/{id}", tag = "contacts", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Contact, headers(("ETag" = String)))))]
pub async fn get_contact(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let c = kit::get::<Contacts>(&state.db, &ctx.0, *id).await?;
    Ok(ok(&c, Some(c.version)))
}

#[utoipa::path(post, path = "/api/v1/contacts", tag = "contacts", security(("bearer" = [])), request_body = NewContact,
    params(("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = Contact), (status = 422, description = "bad field, or a customer the caller cannot see", body = Problem)))]
pub async fn create_contact(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<NewContact>) -> ApiResult<HttpResponse> {
    let c = contacts::create(&state.db, &ctx.0, body.0).await?;
    Ok(created(&c, format!("/api/v1/contacts/{}", c.id), Some(c.version)))
}

#[utoipa::path(patch, path = "/api/v1/contacts/{id}", tag = "contacts", security(("bearer" = [])), request_body = ContactPatch,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = Contact)))]
pub async fn update_contact(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<ContactPatch>) -> ApiResult<HttpResponse> {
    let c = contacts::update(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    Ok(ok(&c, Some(c.version)))
}

#[utoipa::path(delete, path = "/api/v1/contacts/{id}", tag = "contacts", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204, description = "moved to the recycle bin")))]
pub async fn delete_contact(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    contacts::delete(&state.db, &ctx.0, *id, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}

crate::batch_endpoint!(
    /// Creates up to 1000 contacts, each checked and answered as a single create (a customer
    /// the caller may change, else 422 naming `customer_id`), in one transaction: the refused
    /// ones are left out, or with `atomic=true` nothing is written.
    batch_contacts, ContactBatch, NewContact, "/api/v1/contacts/batch", "contacts", contacts::batch,
    json!({"items": [{"customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "name": "李经理", "mobile": "13800138000"},
        {"customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "name": "赵工", "title": "技术总监"}]})
);

/// The contacts the caller sees (those of the customers in their scope) as a file whose headers are the import's, so it imports back. Takes the list's filters, `q` and `sort`.
#[utoipa::path(get, path = "/api/v1/contacts/export", tag = "contacts", security(("bearer" = [])), params(ExportFormat, ContactFilters),
    responses((status = 200, description = "CSV streamed as it is made, or an XLSX file", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
pub async fn export_contacts(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery, req: actix_web::HttpRequest) -> ApiResult<HttpResponse> {
    crate::export::download(&state, &ctx.0, &crm_persistence::exports::lists::CONTACTS, q.0, &req).await
}
