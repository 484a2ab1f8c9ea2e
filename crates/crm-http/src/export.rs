//! File downloads of lists: the format parameter, and the response for each format (CSV
//! streamed as it is made, XLSX streamed from its finished temporary file).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use crm_domain::calendar::Calendar;
use crm_domain::locale::Lang;
use crm_persistence::table_export::{CsvStream, Export, ExportFormat as Format, Reader, XlsxFile};
use crm_persistence::exports::lists::Exportable;
use crm_persistence::ListParams;
use futures_util::StreamExt;

use crate::problem::{bad_request, ApiResult};

/// The query parameters every export takes besides the list's filters.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ExportFormat {
    /// `csv` (UTF-8 with a byte-order mark, streamed) or `xlsx` (a real spreadsheet, at
    /// most 1,048,575 rows).
    format: String,
    /// `true`: the file for scripts — field names as headers, codes, RFC 3339 UTC times.
    /// By default the file is for people: headers and dictionary labels in the language of
    /// `Accept-Language` (Chinese or English), times in `tz` as `YYYY-MM-DD HH:MM:SS`.
    raw: Option<bool>,
    /// The reader's IANA time zone for times (people's files only); default UTC.
    #[param(example = "Asia/Shanghai")]
    tz: Option<String>,
    /// The list's fuzzy search.
    q: Option<String>,
    /// The list's sort, e.g. `-updated_at,name`.
    sort: Option<String>,
}

/// The format (`csv` or `xlsx`; anything else is a 400 naming `format`) and who reads
/// the file: scripts with `raw=true`, otherwise people in the language of their
/// `Accept-Language` and the zone `tz`.
pub fn take_export(params: &mut ListParams, req: &HttpRequest) -> ApiResult<(Format, Reader)> {
    let format = params.take_filter("format").unwrap_or_default();
    let format = Format::parse(&format).ok_or_else(|| bad_request("export.format", format!("format must be csv or xlsx, not '{format}'"), Some("format")))?;
    let raw = match params.take_filter("raw").as_deref() {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => return Err(bad_request("query.invalid", format!("raw must be true or false, not '{other}'"), Some("raw"))),
    };
    let calendar = Calendar::parse("tz", params.take_filter("tz").as_deref())?;
    if raw {
        return Ok((format, Reader::Script));
    }
    let lang = Lang::from_accept_language(req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
    Ok((format, Reader::Person { lang, calendar }))
}

/// The answer to a list's `GET …/export`: the file of `list` as the query asks (its
/// `format`, `raw`, `tz`, and the list's own filters, `q` and sort), for `ctx`.
pub async fn download(state: &crate::state::AppState, ctx: &crm_persistence::Ctx, list: &Exportable, mut params: ListParams, req: &HttpRequest) -> ApiResult<HttpResponse> {
    let (format, reader) = take_export(&mut params, req)?;
    // Building the query first turns bad filters into a 400 before any byte is sent.
    let export = list.start(&state.db, ctx, params, format, reader).await?;
    Ok(respond(export, list.list, ctx.now))
}

/// The export as an attachment named `<what>-<time>.<csv|xlsx>`.
pub fn respond(export: Export, what: &str, now: DateTime<Utc>) -> HttpResponse {
    let stamp = now.format("%Y%m%d-%H%M%S");
    match export {
        Export::Csv(rx) => csv(rx, &format!("{what}-{stamp}.csv")),
        Export::Xlsx(file) => xlsx(file, &format!("{what}-{stamp}.xlsx")),
    }
}

fn csv(mut rx: CsvStream, name: &str) -> HttpResponse {
    let body = futures_util::stream::poll_fn(move |cx| {
        rx.poll_recv(cx).map(|item| item.map(|chunk| chunk.map(bytes::Bytes::from).map_err(|e| std::io::Error::other(e.to_string()))))
    });
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(("content-disposition", format!("attachment; filename=\"{name}\"")))
        .streaming(body)
}

const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn xlsx(x: XlsxFile, name: &str) -> HttpResponse {
    let size = x.size;
    // The temporary file lives in the stream's state and is deleted when the body ends.
    let body = futures_util::stream::unfold(Some((x, None::<tokio::fs::File>)), |state| async move {
        use tokio::io::AsyncReadExt;
        let (x, file) = state?;
        let mut file = match file {
            Some(f) => f,
            None => match tokio::fs::File::open(x.file.path()).await {
                Ok(f) => f,
                Err(e) => return Some((Err(e), None)),
            },
        };
        let mut buf = vec![0u8; 64 * 1024];
        match file.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok(bytes::Bytes::from(buf)), Some((x, Some(file)))))
            }
            Err(e) => Some((Err(e), None)),
        }
    })
    .boxed_local();
    HttpResponse::Ok()
        .content_type(XLSX_TYPE)
        .insert_header(("content-disposition", format!("attachment; filename=\"{name}\"")))
        .body(actix_web::body::SizedStream::new(size, body))
}

/// The exports each person is streaming from this server. Every `…/export` route holds
/// one of its places from the permission check until the response body is done — sent,
/// failed or dropped because the client went away — so a person has at most
/// `Settings::user_jobs` exports under way at once. The count is this server's: several
/// servers behind one address each allow that many. Background exports (`POST
/// /exports`) are counted apart, in the database across servers, against the same
/// number: a download holds a connection of this server, a background export a job.
#[derive(Default)]
pub struct Streams(std::sync::Mutex<std::collections::HashMap<uuid::Uuid, u64>>);

/// One place in `Streams`, given back when dropped.
pub struct Held {
    streams: std::sync::Arc<Streams>,
    user: uuid::Uuid,
}

impl Drop for Held {
    fn drop(&mut self) {
        let mut map = self.streams.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = map.get_mut(&self.user) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                map.remove(&self.user);
            }
        }
    }
}

impl Streams {
    /// A place for `user` when they have fewer than `limit` exports under way.
    fn hold(self: &std::sync::Arc<Self>, user: uuid::Uuid, limit: u64) -> Result<Held, u64> {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let n = map.entry(user).or_insert(0);
        if *n >= limit {
            return Err(*n);
        }
        *n += 1;
        Ok(Held { streams: self.clone(), user })
    }
}

/// A place for one more export of `user`, or 429 `export.too_many_running`.
pub fn claim(state: &crate::state::AppState, user: uuid::Uuid) -> ApiResult<Held> {
    let limit = state.settings.user_jobs();
    Ok(state.exports.hold(user, limit).map_err(|running| crm_persistence::exports::too_many(running, limit, 10))?)
}

/// A response body that keeps an export's place until it is dropped.
pub struct HeldBody {
    pub body: actix_web::body::BoxBody,
    pub held: Held,
}

impl actix_web::body::MessageBody for HeldBody {
    type Error = Box<dyn std::error::Error>;

    fn size(&self) -> actix_web::body::BodySize {
        self.body.size()
    }

    fn poll_next(self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Option<Result<bytes::Bytes, Self::Error>>> {
        std::pin::Pin::new(&mut self.get_mut().body).poll_next(cx)
    }
}
