use std::sync::LazyLock;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use crm_domain::regions::{self, Region, DATA_VERSION};
use serde::Serialize;
use utoipa::ToSchema;

use crate::problem::ApiResult;

/// The data set with its version.
#[derive(Serialize, ToSchema)]
pub struct RegionTree {
    /// The release of the data set the codes come from; the tree changes only with it.
    #[schema(example = "8.5.8")]
    pub version: &'static str,
    pub items: &'static [Region],
}

/// Serialised once: the tree never changes while the server runs.
static BODY: LazyLock<String> =
    LazyLock::new(|| serde_json::to_string(&RegionTree { version: DATA_VERSION, items: regions::tree() }).unwrap_or_default());

fn etag() -> String {
    format!("\"regions-{DATA_VERSION}\"")
}

/// Provinces with their cities and districts (GB/T 2260), what `region_code` takes and
/// the `region_code` filters match inside of. A municipality's city level is `xx0100`
/// with the province's name. Cacheable: the ETag changes only with the data set.
#[utoipa::path(get, path = "/api/v1/regions", tag = "regions", security(("bearer" = [])),
    params(("If-None-Match" = Option<String>, Header, description = "the ETag last read; unchanged answers 304")),
    responses((status = 200, body = RegionTree, headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "unchanged since the ETag sent")))]
pub async fn list_regions(req: HttpRequest) -> ApiResult<HttpResponse> {
    let tag = etag();
    let unchanged = req.headers().get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()).is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"));
    let mut answer = if unchanged { HttpResponse::NotModified() } else { HttpResponse::Ok() };
    answer.insert_header((header::ETAG, tag)).insert_header((header::CACHE_CONTROL, "private, max-age=86400"));
    Ok(if unchanged { answer.finish() } else { answer.content_type("application/json").body(BODY.as_str()) })
}
