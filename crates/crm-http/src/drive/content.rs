//! Sending a file's content: `Range` and `If-None-Match` (the ETag is the SHA-256), a
//! UTF-8 `Content-Disposition`, and inline only for pictures and PDF, each under a
//! policy that lets the browser run nothing of the file's.

use actix_files::NamedFile;
use actix_web::http::header::{self, Charset, ContentDisposition, ContentEncoding, DispositionParam, DispositionType, ExtendedValue, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use crm_domain::drive::previewable;
use crm_domain::DomainError;
use crm_persistence::drive::entities::file;
use crm_persistence::drive::storage::{Blob, Store};

use crate::problem::ApiResult;

const ATTACHMENT_CSP: &str = "default-src 'none'; sandbox; frame-ancestors 'none'";
const IMAGE_CSP: &str = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'";
// Chrome's PDF viewer does not run in a sandboxed document; a PDF's own scripts run in
// the viewer, not in this origin.
const PDF_CSP: &str = "default-src 'none'; object-src 'self'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'";

/// `"name.pdf"` as an ASCII fallback, with the exact name as `filename*` (RFC 6266).
fn disposition(name: &str, inline: bool) -> ContentDisposition {
    let ascii: String = name.chars().map(|c| if c.is_ascii_graphic() || c == ' ' { if c == '"' || c == '\\' { '_' } else { c } } else { '_' }).collect();
    ContentDisposition {
        disposition: if inline { DispositionType::Inline } else { DispositionType::Attachment },
        parameters: vec![
            DispositionParam::Filename(ascii),
            DispositionParam::FilenameExt(ExtendedValue { charset: Charset::Ext("UTF-8".into()), language_tag: None, value: name.as_bytes().to_vec() }),
        ],
    }
}

/// `bytes=0-99`, `bytes=100-`, `bytes=-100`, or several of them (what the document's
/// pattern states); anything else is a 400 rather than silently the whole file.
fn valid_range(v: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    v.strip_prefix("bytes=").is_some_and(|ranges| {
        ranges.split(',').enumerate().all(|(i, r)| {
            let r = if i > 0 { r.strip_prefix(' ').unwrap_or(r) } else { r };
            match r.split_once('-') {
                Some((from, to)) => (digits(from) && (to.is_empty() || digits(to))) || (from.is_empty() && digits(to)),
                None => false,
            }
        })
    })
}

pub async fn send(req: &HttpRequest, store: &Store, row: file::Model, inline: bool) -> ApiResult<HttpResponse> {
    let range = req.headers().get(header::RANGE);
    if let Some(range) = range {
        // An empty header is as good as none to a client library.
        if !range.is_empty() && !range.to_str().is_ok_and(valid_range) {
            return Err(DomainError::bad_request("range.invalid", "Range must be bytes=<from>-<to>, bytes=<from>- or bytes=-<last>, comma-separated").into());
        }
    }
    let etag = format!("\"{}\"", row.sha256);
    let inline = inline && previewable(&row.mime);
    let fresh = req.headers().get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()).is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if fresh {
        return Ok(HttpResponse::NotModified().insert_header((header::ETAG, etag)).finish());
    }
    let mime: actix_web::mime::Mime = if inline { row.mime.parse().unwrap_or(actix_web::mime::APPLICATION_OCTET_STREAM) } else { actix_web::mime::APPLICATION_OCTET_STREAM };
    let csp = match (inline, row.mime.as_str()) {
        (true, "application/pdf") => PDF_CSP,
        (true, _) => IMAGE_CSP,
        _ => ATTACHMENT_CSP,
    };
    let missing = |e: std::io::Error| DomainError::internal(format!("the content of file {} is missing: {e}", row.id));
    let mut res = match store.blob(&row.storage_key) {
        Blob::File(path) => NamedFile::open_async(path)
            .await
            .map_err(missing)?
            .set_content_type(mime)
            .set_content_disposition(disposition(&row.name, inline))
            .set_content_encoding(ContentEncoding::Identity)
            .use_etag(false)
            .use_last_modified(false)
            .into_response(req),
        Blob::Object(object) => {
            let size = u64::try_from(row.size).unwrap_or(0);
            let (status, bytes) = match wanted(range.and_then(|r| r.to_str().ok()), size) {
                Wanted::Whole => (StatusCode::OK, 0..size),
                Wanted::Part(from, to) => (StatusCode::PARTIAL_CONTENT, from..to + 1),
                Wanted::Outside => return Ok(HttpResponse::RangeNotSatisfiable().insert_header((header::CONTENT_RANGE, format!("bytes */{size}"))).finish()),
            };
            let mut res = HttpResponse::build(status);
            res.insert_header((header::CONTENT_TYPE, mime.to_string())).insert_header(disposition(&row.name, inline)).insert_header((header::ACCEPT_RANGES, "bytes"));
            if status == StatusCode::PARTIAL_CONTENT {
                res.insert_header((header::CONTENT_RANGE, format!("bytes {}-{}/{size}", bytes.start, bytes.end - 1)));
            }
            let length = bytes.end - bytes.start;
            if length == 0 {
                res.finish()
            } else {
                res.no_chunking(length).streaming(object.read(bytes).await.map_err(missing)?)
            }
        }
    };
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(csp));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=0, must-revalidate"));
    Ok(res)
}

/// What part of a file of `size` bytes a (valid) `Range` asks for, when the file layer is
/// not at hand to answer it (objects in a bucket).
#[derive(Debug, PartialEq)]
enum Wanted {
    Whole,
    /// From and to, both included.
    Part(u64, u64),
    Outside,
}

/// One range is honoured. Several, or one whose end is before its start, get the whole
/// file, as RFC 9110 lets a server ignore a Range it does not serve.
fn wanted(range: Option<&str>, size: u64) -> Wanted {
    let Some(spec) = range.and_then(|r| r.strip_prefix("bytes=")).filter(|s| !s.contains(',')) else { return Wanted::Whole };
    let Some((from, to)) = spec.split_once('-') else { return Wanted::Whole };
    // Digits too many for a u64 are past any end.
    let number = |s: &str| s.parse::<u64>().unwrap_or(u64::MAX);
    match (from.is_empty(), to.is_empty()) {
        (true, _) => {
            let last = number(to).min(size);
            if last == 0 { Wanted::Outside } else { Wanted::Part(size - last, size - 1) }
        }
        (false, true) if number(from) < size => Wanted::Part(number(from), size - 1),
        (false, false) if number(to) < number(from) => Wanted::Whole,
        (false, false) if number(from) < size => Wanted::Part(number(from), number(to).min(size - 1)),
        _ => Wanted::Outside,
    }
}

#[cfg(test)]
mod tests {
    use super::{valid_range, wanted, Wanted};

    #[test]
    fn ranges_are_what_the_document_says() {
        for ok in ["bytes=0-99", "bytes=100-", "bytes=-100", "bytes=0-1, 5-9", "bytes=0-1,5-"] {
            assert!(valid_range(ok), "{ok}");
        }
        for bad in ["", "{}", "bytes=", "bytes=-", "bytes=a-b", "items=0-1", "bytes=0-1,,2-3", "bytes=1"] {
            assert!(!valid_range(bad), "{bad}");
        }
    }

    #[test]
    fn one_range_is_served_and_others_get_the_whole_file() {
        assert_eq!(wanted(None, 10), Wanted::Whole);
        assert_eq!(wanted(Some("bytes=1-3"), 10), Wanted::Part(1, 3));
        assert_eq!(wanted(Some("bytes=5-"), 10), Wanted::Part(5, 9));
        assert_eq!(wanted(Some("bytes=-4"), 10), Wanted::Part(6, 9));
        assert_eq!(wanted(Some("bytes=-40"), 10), Wanted::Part(0, 9));
        assert_eq!(wanted(Some("bytes=8-99999999999999999999999"), 10), Wanted::Part(8, 9));
        assert_eq!(wanted(Some("bytes=0-1, 5-6"), 10), Wanted::Whole);
        assert_eq!(wanted(Some("bytes=3-1"), 10), Wanted::Whole);
        assert_eq!(wanted(Some("bytes=10-"), 10), Wanted::Outside);
        assert_eq!(wanted(Some("bytes=10-12"), 10), Wanted::Outside);
        assert_eq!(wanted(Some("bytes=-0"), 10), Wanted::Outside);
        assert_eq!(wanted(Some("bytes=99999999999999999999999-"), 10), Wanted::Outside);
    }
}
