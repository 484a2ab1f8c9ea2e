//! File downloads of lists: the format parameter and the streamed CSV response.

use actix_web::HttpResponse;
use chrono::{DateTime, Utc};
use crm_persistence::csv_export::CsvStream;
use crm_persistence::ListParams;

use crate::problem::{bad_request, ApiResult};

/// The query parameters every export takes besides the list's filters.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ExportFormat {
    /// `csv` (UTF-8 with a byte-order mark).
    format: String,
    /// The list's fuzzy search.
    q: Option<String>,
    /// The list's sort, e.g. `-updated_at,name`.
    sort: Option<String>,
}

/// Only CSV so far; anything else is a 400 naming `format`.
pub fn take_format(params: &mut ListParams) -> ApiResult<()> {
    let format = params.take_filter("format").unwrap_or_default();
    if format != "csv" {
        return Err(bad_request("export.format", format!("format must be csv, not '{format}'"), Some("format")));
    }
    Ok(())
}

/// The export's chunks as an attachment named `<what>-<time>.csv`.
pub fn csv(mut rx: CsvStream, what: &str, now: DateTime<Utc>) -> HttpResponse {
    let body = futures_util::stream::poll_fn(move |cx| {
        rx.poll_recv(cx).map(|item| item.map(|chunk| chunk.map(bytes::Bytes::from).map_err(|e| std::io::Error::other(e.to_string()))))
    });
    let name = format!("{what}-{}.csv", now.format("%Y%m%d-%H%M%S"));
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(("content-disposition", format!("attachment; filename=\"{name}\"")))
        .streaming(body)
}
