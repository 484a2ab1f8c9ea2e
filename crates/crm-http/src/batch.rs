//! `POST /<things>/batch` (API.md): the body, the answer and the translation of the kit's
//! per-item outcomes into statuses, shared by every resource with a batch.

use crm_persistence::kit::BatchItem;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// `?atomic=true`: all or nothing.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BatchQuery {
    /// All or nothing: any refused item and none is written (the others answer 424).
    atomic: Option<bool>,
}

impl BatchQuery {
    pub fn atomic(&self) -> bool {
        self.atomic.unwrap_or(false)
    }
}

/// Why one item was not written.
#[derive(Serialize, ToSchema)]
pub struct BatchItemError {
    pub code: String,
    pub detail: String,
    pub errors: Vec<crate::problem::ProblemFieldError>,
}

#[derive(Serialize, ToSchema)]
pub struct BatchItemResult {
    /// The item's position in `items`.
    pub index: usize,
    /// 201 written; otherwise what a single create would have answered (409 a duplicate,
    /// 422 a bad field, code or reference); 424 valid but
    /// not written because another item was refused (`atomic`).
    pub status: u16,
    pub id: Option<Uuid>,
    pub error: Option<BatchItemError>,
}

#[derive(Serialize, ToSchema)]
#[schema(example = json!({"results": [{"index": 0, "status": 201, "id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "error": null},
    {"index": 1, "status": 409, "id": null, "error": {"code": "customer.duplicate", "detail": "name: a customer with the same name exists",
    "errors": [{"field": "name", "code": "duplicate", "message": "a customer with the same name exists"}]}}]}))]
pub struct BatchResults {
    pub results: Vec<BatchItemResult>,
}

impl BatchItemError {
    pub fn of(e: &crm_domain::DomainError) -> Self {
        Self {
            code: e.code.clone(),
            detail: e.message.clone(),
            errors: e.errors.iter().map(|f| crate::problem::ProblemFieldError { field: f.field.clone(), code: f.code.clone(), message: f.message.clone() }).collect(),
        }
    }
}

/// The answer to a batch, one result per item in order.
pub fn results(items: Vec<BatchItem>) -> BatchResults {
    let results = items
        .into_iter()
        .enumerate()
        .map(|(index, item)| match item {
            BatchItem::Created(id) => BatchItemResult { index, status: 201, id: Some(id), error: None },
            BatchItem::NotWritten => BatchItemResult { index, status: 424, id: None, error: None },
            BatchItem::Refused(e) => BatchItemResult { index, status: crate::problem::status_of(e.kind).as_u16(), id: None, error: Some(BatchItemError::of(&e)) },
        })
        .collect();
    BatchResults { results }
}

/// `POST /<things>/batch` for a resource whose persistence module has
/// `batch(db, ctx, items, atomic)`: the body type and the documented handler, so a
/// resource's batch is one declaration. The doc comments before it describe the rules an
/// item is checked by; the route still names the permission (`routes.rs`). A service that
/// needs more of the server than the database (a webhook's secrets) is named after `state`
/// and takes `(&AppState, ctx, items, atomic)`.
///
/// `batch_endpoint!(/// doc… batch_products, ProductBatch, NewProduct, "/api/v1/products/batch", "products", products::batch, example)`
#[macro_export]
macro_rules! batch_endpoint {
    (state $(#[doc = $doc:literal])* $handler:ident, $body:ident, $item:ty, $path:literal, $tag:literal, $service:path, $example:expr) => {
        $crate::batch_endpoint!(@ $(#[doc = $doc])* $handler, $body, $item, $path, $tag, |state, ctx, items, atomic| $service(state, ctx, items, atomic), $example);
    };
    ($(#[doc = $doc:literal])* $handler:ident, $body:ident, $item:ty, $path:literal, $tag:literal, $service:path, $example:expr) => {
        $crate::batch_endpoint!(@ $(#[doc = $doc])* $handler, $body, $item, $path, $tag, |state, ctx, items, atomic| $service(&state.db, ctx, items, atomic), $example);
    };
    (@ $(#[doc = $doc:literal])* $handler:ident, $body:ident, $item:ty, $path:literal, $tag:literal, |$state:ident, $ctx:ident, $items:ident, $atomic:ident| $call:expr, $example:expr) => {
        #[doc = "Up to 1000 items in one request (API.md: batch)."]
        #[derive(serde::Deserialize, utoipa::ToSchema)]
        #[serde(deny_unknown_fields)]
        #[schema(example = $example)]
        pub struct $body {
            pub items: Vec<$item>,
        }

        $(#[doc = $doc])*
        #[utoipa::path(post, path = $path, tag = $tag, security(("bearer" = [])), request_body = $body,
            params($crate::batch::BatchQuery, ("Idempotency-Key" = Option<String>, Header)),
            responses((status = 200, body = $crate::batch::BatchResults), (status = 422, description = "more than 1000 items", body = $crate::problem::Problem)))]
        pub async fn $handler(
            state: actix_web::web::Data<$crate::state::AppState>,
            ctx: $crate::auth::ReqCtx,
            q: actix_web::web::Query<$crate::batch::BatchQuery>,
            body: $crate::json::ValidJson<$body>,
        ) -> $crate::problem::ApiResult<actix_web::HttpResponse> {
            let ($state, $ctx, $items, $atomic) = (&**state, &ctx.0, body.0.items, q.atomic());
            let items = $call.await?;
            Ok($crate::etag::ok(&$crate::batch::results(items), None))
        }
    };
}
