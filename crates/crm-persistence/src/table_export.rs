//! Exports of a whole list (API.md: `format=csv|xlsx`, no page cap). One query is streamed
//! from the database and rendered in chunks by the resource's `TableExport`:
//! - CSV goes to the client through a bounded channel as it is made, so memory stays flat
//!   however many rows match;
//! - XLSX is written by rust_xlsxwriter in constant-memory mode (rows go to a temporary
//!   file as they come) on a blocking thread, then the finished file is streamed.

use crm_domain::{DomainError, DomainResult};
use futures_util::StreamExt;
use sea_orm::{EntityTrait, Select};
use tokio::sync::mpsc::Sender;

use std::collections::HashMap;

use crm_domain::calendar::Calendar;
use crm_domain::locale::Lang;

use crate::db::db_err;
use crate::{dictionaries, Db};

const CHUNK: usize = 500;

/// How one resource's rows become the cells of an export.
#[async_trait::async_trait]
pub trait TableExport: Send + Sync + 'static {
    type Entity: EntityTrait;
    /// The columns, in order: the field name scripts read, the header people read, and
    /// how a cell reads for people.
    const COLUMNS: &'static [Column];
    /// One chunk of rows as cells, as scripts read them (codes, RFC 3339 UTC times), looking
    /// up what they refer to in batch (no N+1).
    async fn rows(db: &Db, batch: Vec<<Self::Entity as EntityTrait>::Model>) -> DomainResult<Vec<Vec<String>>>;
}

/// One column of an export.
pub struct Column {
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub cell: Cell,
}

/// `col("created_at", "创建时间", "Created", Cell::Time)`
pub const fn col(key: &'static str, zh: &'static str, en: &'static str, cell: Cell) -> Column {
    Column { key, zh, en, cell }
}

/// What a cell holds, and so how it reads for people.
pub enum Cell {
    Text,
    /// RFC 3339 UTC; for people, local time in their zone.
    Time,
    /// `true` / `false`; for people, 是/否 or Yes/No.
    Bool,
    /// A code of a dictionary kind; for people, its label.
    Dict(&'static str),
    /// One of a fixed set of codes: (code, zh, en).
    Choice(&'static [(&'static str, &'static str, &'static str)]),
    /// A decimal as text; a number cell in XLSX, so a spreadsheet can add it up.
    Number,
    /// A name kept in both languages (a pipeline stage's), as `names(zh, en)`: English
    /// readers get the English one (the Chinese when there is none), everyone else the
    /// Chinese one, which is also what an import reads back either way.
    Named,
}

/// A `Cell::Named` cell's value.
pub fn names(zh: &str, en: &str) -> String {
    format!("{zh}{NAMES}{en}")
}

const NAMES: char = '\u{1f}';

/// Who reads an export. Scripts get the raw form (`raw=true`): field names, codes, UTC;
/// people get headers and labels in their language and times in their zone.
#[derive(Debug, Clone, Copy)]
pub enum Reader {
    Script,
    Person { lang: Lang, calendar: Calendar },
}

/// An export's reader, made once per export: the dictionaries its columns use are read
/// at the start, not per row.
struct Render {
    reader: Reader,
    labels: Vec<Option<HashMap<String, String>>>,
}

impl Render {
    async fn new<X: TableExport>(db: &Db, reader: Reader) -> DomainResult<Self> {
        let mut labels = Vec::with_capacity(X::COLUMNS.len());
        for c in X::COLUMNS {
            labels.push(match (&c.cell, reader) {
                (Cell::Dict(kind), Reader::Person { lang, .. }) => Some(
                    dictionaries::list(db, kind).await?.into_iter().map(|e| (e.code, lang.pick(&e.label_zh, &e.label_en).to_string())).collect(),
                ),
                _ => None,
            });
        }
        Ok(Self { reader, labels })
    }

    fn header<X: TableExport>(&self) -> Vec<&'static str> {
        X::COLUMNS
            .iter()
            .map(|c| match self.reader {
                Reader::Script => c.key,
                Reader::Person { lang, .. } => lang.pick(c.zh, c.en),
            })
            .collect()
    }

    fn cells<X: TableExport>(&self, mut rows: Vec<Vec<String>>) -> Vec<Vec<String>> {
        let Reader::Person { lang, calendar } = self.reader else {
            for row in &mut rows {
                for (v, c) in row.iter_mut().zip(X::COLUMNS) {
                    if matches!(c.cell, Cell::Named) {
                        *v = v.split(NAMES).next().unwrap_or_default().to_string();
                    }
                }
            }
            return rows;
        };
        for row in &mut rows {
            for ((v, c), labels) in row.iter_mut().zip(X::COLUMNS).zip(&self.labels) {
                if v.is_empty() {
                    continue;
                }
                let people = match &c.cell {
                    Cell::Text | Cell::Number => None,
                    Cell::Time => chrono::DateTime::parse_from_rfc3339(v).ok().map(|t| calendar.format(t.with_timezone(&chrono::Utc))),
                    Cell::Bool => Some(lang.pick(if v == "true" { "是" } else { "否" }, if v == "true" { "Yes" } else { "No" }).to_string()),
                    // A code since removed from the dictionary stays as it is.
                    Cell::Dict(_) => labels.as_ref().and_then(|l| l.get(v.as_str()).cloned()),
                    Cell::Choice(choices) => choices.iter().find(|(code, _, _)| code == v).map(|(_, zh, en)| lang.pick(zh, en).to_string()),
                    Cell::Named => {
                        let (zh, en) = v.split_once(NAMES).unwrap_or((v.as_str(), ""));
                        Some(if en.trim().is_empty() { zh } else { lang.pick(zh, en) }.to_string())
                    }
                };
                if let Some(p) = people {
                    *v = p;
                }
            }
        }
        rows
    }
}

/// RFC 4180 quoting. Cells that a spreadsheet would run as a formula get a leading `'`.
fn cell(out: &mut String, v: &str) {
    let guarded;
    let v = if v.starts_with(['=', '+', '-', '@']) && !v.chars().skip(1).all(|c| c.is_ascii_digit() || c == ' ' || c == '.') {
        guarded = format!("'{v}");
        guarded.as_str()
    } else {
        v
    };
    if v.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&v.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(v);
    }
}

fn line<S: AsRef<str>>(out: &mut String, cells: &[S]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        cell(out, c.as_ref());
    }
    out.push_str("\r\n");
}

/// The chunks of an export as they are produced; an `Err` ends it early.
pub type CsvStream = tokio::sync::mpsc::Receiver<Result<String, DomainError>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

impl ExportFormat {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "csv" => Some(Self::Csv),
            "xlsx" => Some(Self::Xlsx),
            _ => None,
        }
    }
}

/// A finished XLSX file, deleted when dropped.
pub struct XlsxFile {
    pub file: tempfile::NamedTempFile,
    pub size: u64,
    /// Data rows, the header not counted.
    pub rows: u64,
}

pub enum Export {
    Csv(CsvStream),
    Xlsx(XlsxFile),
}

/// Exports `select` in `format`. A bad parameter has already failed while `select` was
/// built, so nothing is sent for it.
pub async fn run<X: TableExport>(db: Db, select: Select<X::Entity>, format: ExportFormat, reader: Reader) -> DomainResult<Export>
where
    <X::Entity as EntityTrait>::Model: Send + Sync,
{
    let render = Render::new::<X>(&db, reader).await?;
    Ok(match format {
        ExportFormat::Csv => Export::Csv(spawn_csv::<X>(db, select, render).await?),
        ExportFormat::Xlsx => Export::Xlsx(xlsx::<X>(db, select, render).await?),
    })
}

/// Excel's last row; a larger result is refused rather than cut short.
pub const XLSX_MAX_ROWS: u32 = 1_048_575;

async fn xlsx<X: TableExport>(db: Db, select: Select<X::Entity>, render: Render) -> DomainResult<XlsxFile>
where
    <X::Entity as EntityTrait>::Model: Send + Sync,
{
    let (sink, rows) = tokio::sync::mpsc::channel::<DomainResult<Vec<Vec<String>>>>(4);
    let header = render.header::<X>();
    let numeric = numeric(X::COLUMNS);
    let writer = tokio::task::spawn_blocking(move || write_xlsx(&header, &numeric, rows));
    // When the writer stops early (too many rows, a write error) the send fails and the
    // writer's result says why.
    let produced = send_batches::<X, _>(&db, select, &sink, None, |cells| Ok(render.cells::<X>(cells))).await;
    drop(sink);
    let written = writer.await.map_err(|e| DomainError::internal(format!("xlsx writer: {e}")))?;
    produced?;
    written
}

fn xlsx_err(e: impl std::fmt::Display) -> DomainError {
    DomainError::internal(format!("xlsx: {e}"))
}

fn numeric(columns: &[Column]) -> Vec<bool> {
    columns.iter().map(|c| matches!(c.cell, Cell::Number)).collect()
}

fn write_xlsx(header: &[&str], numeric: &[bool], mut rows: tokio::sync::mpsc::Receiver<DomainResult<Vec<Vec<String>>>>) -> DomainResult<XlsxFile> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet_with_constant_memory().map_err(xlsx_err)?;
    for (c, h) in (0u16..).zip(header) {
        sheet.write_string_with_format(0, c, *h, &bold).map_err(xlsx_err)?;
    }
    let mut r: u32 = 1;
    while let Some(batch) = rows.blocking_recv() {
        for cells in batch? {
            if r > XLSX_MAX_ROWS {
                return Err(DomainError::bad_request("export.too_many_rows", format!("more than {XLSX_MAX_ROWS} rows do not fit a spreadsheet; narrow the filters or use format=csv")));
            }
            for ((c, v), number) in (0u16..).zip(&cells).zip(numeric.iter().chain(std::iter::repeat(&false))) {
                // Text cells: an imported "=…" is shown, never run as a formula.
                match v.parse::<f64>() {
                    _ if v.is_empty() => {}
                    Ok(n) if *number && n.is_finite() => {
                        sheet.write_number(r, c, n).map_err(xlsx_err)?;
                    }
                    _ => {
                        sheet.write_string(r, c, v).map_err(xlsx_err)?;
                    }
                }
            }
            r += 1;
        }
    }
    let file = tempfile::NamedTempFile::new().map_err(xlsx_err)?;
    book.save(file.path()).map_err(xlsx_err)?;
    let size = std::fs::metadata(file.path()).map_err(xlsx_err)?.len();
    Ok(XlsxFile { file, size, rows: u64::from(r - 1) })
}

/// A small table already in memory (a report's rows) as a file, for `reader`: the
/// columns' keys or their headers in the reader's language; cells as given (the caller
/// has put names in the reader's language), numbers as numbers in XLSX.
pub async fn table(columns: &[Column], rows: Vec<Vec<String>>, format: ExportFormat, reader: Reader) -> DomainResult<Export> {
    let header: Vec<&'static str> = columns
        .iter()
        .map(|c| match reader {
            Reader::Script => c.key,
            Reader::Person { lang, .. } => lang.pick(c.zh, c.en),
        })
        .collect();
    match format {
        ExportFormat::Csv => {
            let mut out = String::from("\u{feff}");
            line(&mut out, &header);
            for r in &rows {
                line(&mut out, r);
            }
            let (sink, rx) = tokio::sync::mpsc::channel(1);
            // The one chunk fits the channel, so this never waits.
            sink.try_send(Ok(out)).map_err(|_| DomainError::internal("export channel full"))?;
            Ok(Export::Csv(rx))
        }
        ExportFormat::Xlsx => {
            let numeric = numeric(columns);
            let (sink, batches) = tokio::sync::mpsc::channel(1);
            sink.try_send(Ok(rows)).map_err(|_| DomainError::internal("export channel full"))?;
            drop(sink);
            let written = tokio::task::spawn_blocking(move || write_xlsx(&header, &numeric, batches)).await;
            Ok(Export::Xlsx(written.map_err(|e| DomainError::internal(format!("xlsx writer: {e}")))??))
        }
    }
}

/// Starts streaming `select` as CSV in the background, once its query has started: a
/// query that fails at once (the database is away) is an error answer, not a 200 whose
/// body breaks after the header. A failure later aborts the body (`CsvStream`).
async fn spawn_csv<X: TableExport>(db: Db, select: Select<X::Entity>, render: Render) -> DomainResult<CsvStream>
where
    <X::Entity as EntityTrait>::Model: Send + Sync,
{
    let (sink, rx) = tokio::sync::mpsc::channel(4);
    let (started, start) = tokio::sync::oneshot::channel();
    tokio::spawn(stream::<X>(db, select, render, sink, started));
    start.await.map_err(|_| DomainError::internal("export task ended before starting"))??;
    Ok(rx)
}

/// Sends UTF-8 CSV (with a BOM, so spreadsheet programs read Chinese right) to `sink`;
/// stops early when the client goes away (the receiver is dropped).
async fn stream<X: TableExport>(db: Db, select: Select<X::Entity>, render: Render, sink: Sender<Result<String, DomainError>>, started: Started)
where
    <X::Entity as EntityTrait>::Model: Send + Sync,
{
    let result: DomainResult<()> = async {
        let mut head = String::from("\u{feff}");
        line(&mut head, &render.header::<X>());
        let mut started = Some((started, head));
        send_batches::<X, _>(&db, select, &sink, Some(&mut started), |cells| {
            let mut out = String::new();
            for c in render.cells::<X>(cells) {
                line(&mut out, &c);
            }
            Ok(out)
        })
        .await
    }
    .await;
    if let Err(e) = result {
        log::error!("export failed: {e}");
        let _ = sink.send(Err(e)).await;
    }
}

/// Told whether the query started; the CSV header goes out once it has.
type Started = tokio::sync::oneshot::Sender<DomainResult<()>>;

/// Streams `select` from the database in chunks, renders each with `X::rows`, and sends
/// `render(cells)` to `sink`; stops quietly when the receiver is gone (the client left,
/// or the writer stopped).
async fn send_batches<X: TableExport, T>(
    db: &Db,
    select: Select<X::Entity>,
    sink: &Sender<Result<T, DomainError>>,
    started: Option<&mut Option<(Started, T)>>,
    render: impl Fn(Vec<Vec<String>>) -> DomainResult<T>,
) -> DomainResult<()>
where
    <X::Entity as EntityTrait>::Model: Send + Sync,
{
    // The first row is read before the export counts as started: a stream can open on a
    // pooled connection that has died, and only its first read says so. Until then an
    // error is still the caller's to answer with a status (503), not a cut file.
    let opened = select.stream(db).await.map_err(db_err);
    let (mut rows, first) = match opened {
        Ok(mut rows) => {
            let first = rows.next().await.map(|r| r.map_err(db_err));
            match first {
                Some(Err(e)) => (None, Err(e)),
                first => (Some(rows), Ok(first.and_then(Result::ok))),
            }
        }
        Err(e) => (None, Err(e)),
    };
    if let Some((tell, head)) = started.and_then(Option::take) {
        let failed = first.as_ref().err().cloned();
        let _ = tell.send(failed.map_or(Ok(()), Err));
        if first.is_err() || sink.send(Ok(head)).await.is_err() {
            // The error went to the caller, who answers it; nobody reads the sink.
            return Ok(());
        }
    }
    let first = first?;
    let mut batch = Vec::with_capacity(CHUNK);
    let ended = first.is_none();
    batch.extend(first);
    loop {
        let next = match rows.as_mut() {
            Some(r) if !ended => r.next().await,
            _ => None,
        };
        let done = next.is_none();
        if let Some(r) = next {
            batch.push(r.map_err(db_err)?);
        }
        if batch.len() == CHUNK || (done && !batch.is_empty()) {
            let cells = X::rows(db, std::mem::take(&mut batch)).await?;
            if sink.send(Ok(render(cells)?)).await.is_err() {
                return Ok(());
            }
        }
        if done {
            return Ok(());
        }
    }
}

/// A time as it reads in a spreadsheet: RFC 3339 in UTC, empty when unset.
pub fn time(t: Option<chrono::DateTime<chrono::Utc>>) -> String {
    t.map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_and_formula_guard() {
        let mut s = String::new();
        line(&mut s, &["a,b", "say \"hi\"", "=SUM(A1)", "-5", "-1.50", "-A1", "华为"]);
        assert_eq!(s, "\"a,b\",\"say \"\"hi\"\"\",'=SUM(A1),-5,-1.50,'-A1,华为\r\n");
    }
}
