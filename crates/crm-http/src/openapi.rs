//! The OpenAPI 3.1 document: the operations of every route in `modules::MODULES` (from
//! the handlers' annotations), then the rules every operation shares (`openapi_rules`).

use actix_web::HttpResponse;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};


struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                Http::builder()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT access token, or an API token starting with crm_")
                    .build(),
            ),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "CRM API", version = "1.0.0",
        description = "REST API of the CRM. Base path /api/v1. Errors are application/problem+json. Lists take page, page_size (≤ 200), q and sort. Writes take If-Match; POSTs take Idempotency-Key."),
    modifiers(&Security),
    components(schemas(crate::problem::Problem, crate::problem::ProblemFieldError, crate::problem::ProblemDuplicate)),
)]
pub struct ApiDoc;

/// The document: the handlers' annotations, then the rules every operation shares
/// (`openapi_rules`), from the route table.
pub fn json() -> String {
    static DOC: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DOC.get_or_init(|| {
        let routes = crate::route_table();
        let mut doc = ApiDoc::openapi();
        for document in routes.iter().filter_map(|r| r.document) {
            document(&mut doc);
        }
        doc.tags = Some(
            crate::modules::MODULES
                .iter()
                .flat_map(|m| m.tags.iter())
                .map(|(name, description)| utoipa::openapi::tag::TagBuilder::new().name(*name).description(Some(*description)).build())
                .collect(),
        );
        let mut doc = serde_json::to_value(doc).unwrap_or_default();
        crate::openapi_rules::apply(&mut doc, &routes);
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    })
    .clone()
}

pub async fn serve() -> HttpResponse {
    HttpResponse::Ok().content_type("application/json").body(json())
}
