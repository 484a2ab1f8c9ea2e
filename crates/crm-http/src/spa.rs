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

/// `path`, or the build's `path.gz` (gzip at its best level, made by the SPA build) to a
/// client that takes gzip: the Content-Encoding it carries keeps the Compress middleware
/// from compressing it again.
fn file(path: &str, gzip_ok: bool) -> Option<HttpResponse> {
    let f = Assets::get(path)?;
    let mime = f.metadata.mimetype().to_string();
    let cache = if path.starts_with("assets/") { "public, max-age=31536000, immutable" } else { "no-cache" };
    let mut res = HttpResponse::Ok();
    res.insert_header((header::CONTENT_TYPE, mime)).insert_header((header::CACHE_CONTROL, cache));
    // Without a build gzip the Compress middleware decides, and says Vary itself.
    if let Some(gz) = Assets::get(&format!("{path}.gz")) {
        res.insert_header((header::VARY, "Accept-Encoding"));
        if gzip_ok {
            return Some(res.insert_header((header::CONTENT_ENCODING, "gzip")).body(gz.data.into_owned()));
        }
    }
    Some(res.body(f.data.into_owned()))
}

/// The client said it takes gzip (`Accept-Encoding`, not refused with `q=0`).
fn takes_gzip(req: &HttpRequest) -> bool {
    let Some(accept) = req.headers().get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()) else { return false };
    accept.split(',').any(|part| {
        let mut it = part.split(';');
        let coding = it.next().unwrap_or_default().trim();
        let refused = it.any(|p| p.trim().strip_prefix("q=").is_some_and(|q| q.trim().parse::<f32>().is_ok_and(|q| q == 0.0)));
        (coding.eq_ignore_ascii_case("gzip") || coding == "*") && !refused
    })
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
    let gzip_ok = takes_gzip(&req);
    if !rel.is_empty() {
        if let Some(r) = file(rel, gzip_ok) {
            return r;
        }
        // A missing asset is a 404, not the app shell, so a stale bundle fails loudly.
        if rel.starts_with("assets/") || rel.rsplit('/').next().is_some_and(|last| last.contains('.')) {
            return HttpResponse::NotFound().finish();
        }
    }
    file("index.html", gzip_ok).unwrap_or_else(|| {
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

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn gzip_is_sent_only_to_clients_that_take_it() {
        let takes = |v: &str| takes_gzip(&TestRequest::default().insert_header((header::ACCEPT_ENCODING, v)).to_http_request());
        assert!(takes("gzip, deflate, br"));
        assert!(takes("br;q=1.0, GZIP;q=0.5"));
        assert!(takes("*"));
        assert!(!takes("gzip;q=0, br"));
        assert!(!takes("identity"));
        assert!(!takes_gzip(&TestRequest::default().to_http_request()));
    }
}
