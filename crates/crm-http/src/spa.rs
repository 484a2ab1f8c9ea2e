//! The built SPA, embedded in the binary in release builds (read from `frontend/dist` at
//! run time in debug builds), with client-route fallback to `index.html`. Paths under
//! `/api/` never fall back: an unknown API path is a problem+json 404.

use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use rust_embed::RustEmbed;

use crate::problem::problem_response;

#[derive(RustEmbed)]
#[folder = "../../frontend/dist"]
#[allow_missing = true]
pub struct Assets;

fn file(path: &str) -> Option<HttpResponse> {
    let f = Assets::get(path)?;
    let mime = f.metadata.mimetype().to_string();
    let cache = if path.starts_with("assets/") { "public, max-age=31536000, immutable" } else { "no-cache" };
    Some(HttpResponse::Ok().insert_header((header::CONTENT_TYPE, mime)).insert_header((header::CACHE_CONTROL, cache)).body(f.data.into_owned()))
}

pub async fn fallback(req: HttpRequest) -> HttpResponse {
    if let Some(res) = crate::allowed_methods::not_allowed(&req) {
        return res;
    }
    let path = req.path();
    if path.starts_with("/api/") || path == "/api" || path == "/healthz" || path == "/readyz" {
        return problem_response(StatusCode::NOT_FOUND, "route.not_found", &format!("no endpoint {} {}", req.method(), path), &[], None);
    }
    let rel = path.trim_start_matches('/');
    if !rel.is_empty() {
        if let Some(r) = file(rel) {
            return r;
        }
        // A missing asset is a 404, not the app shell, so a stale bundle fails loudly.
        if rel.starts_with("assets/") || rel.rsplit('/').next().is_some_and(|last| last.contains('.')) {
            return HttpResponse::NotFound().finish();
        }
    }
    file("index.html").unwrap_or_else(|| {
        HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .body("<!doctype html><title>CRM</title><p>The web app was not built into this binary. Run <code>make build</code>; the API is at <a href=\"/api/docs\">/api/docs</a>.</p>")
    })
}

/// The API reference page: Swagger UI from the npm package `swagger-ui-dist`, bundled with
/// the SPA build (no CDN).
pub async fn docs() -> HttpResponse {
    const PAGE: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CRM API</title>
<link rel="stylesheet" href="/api-docs-assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api-docs-assets/swagger-ui-bundle.js"></script>
<script src="/api-docs-assets/init.js"></script>
</body></html>"#;
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(PAGE)
}
