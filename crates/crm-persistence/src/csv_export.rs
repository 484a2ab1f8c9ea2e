//! Streaming CSV exports (API.md: exports stream the whole result): one query streamed from
//! the database, rendered in chunks by the resource's `CsvExport`, sent through a bounded
//! channel so memory stays flat however many rows match.

use crm_domain::{DomainError, DomainResult};
use futures_util::StreamExt;
use sea_orm::{EntityTrait, Select};
use tokio::sync::mpsc::Sender;

use crate::db::db_err;
use crate::Db;

const CHUNK: usize = 500;

/// How one resource's rows become CSV lines.
#[async_trait::async_trait]
pub trait CsvExport: Send + Sync + 'static {
    type Entity: EntityTrait;
    const HEADER: &'static [&'static str];
    /// One chunk of rows as cells, looking up what they refer to in batch (no N+1).
    async fn rows(db: &Db, batch: Vec<<Self::Entity as EntityTrait>::Model>) -> DomainResult<Vec<Vec<String>>>;
}

/// RFC 4180 quoting. Cells that a spreadsheet would run as a formula get a leading `'`.
fn cell(out: &mut String, v: &str) {
    let guarded;
    let v = if v.starts_with(['=', '+', '-', '@']) && !v.chars().skip(1).all(|c| c.is_ascii_digit() || c == ' ') {
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

/// Starts streaming `select` as CSV in the background.
pub fn spawn<X: CsvExport>(db: Db, select: Select<X::Entity>) -> CsvStream
where
    <X::Entity as EntityTrait>::Model: Send + Sync,
{
    let (sink, rx) = tokio::sync::mpsc::channel(4);
    tokio::spawn(stream::<X>(db, select, sink));
    rx
}

/// Sends UTF-8 CSV (with a BOM, so spreadsheet programs read Chinese right) to `sink`;
/// stops early when the client goes away (the receiver is dropped).
async fn stream<X: CsvExport>(db: Db, select: Select<X::Entity>, sink: Sender<Result<String, DomainError>>)
where
    <X::Entity as EntityTrait>::Model: Send + Sync,
{
    let result: DomainResult<()> = async {
        let mut head = String::from("\u{feff}");
        line(&mut head, X::HEADER);
        if sink.send(Ok(head)).await.is_err() {
            return Ok(());
        }
        let mut rows = select.stream(&db).await.map_err(db_err)?;
        let mut batch = Vec::with_capacity(CHUNK);
        loop {
            let next = rows.next().await;
            let done = next.is_none();
            if let Some(r) = next {
                batch.push(r.map_err(db_err)?);
            }
            if batch.len() == CHUNK || (done && !batch.is_empty()) {
                let mut out = String::new();
                for cells in X::rows(&db, std::mem::take(&mut batch)).await? {
                    line(&mut out, &cells);
                }
                if sink.send(Ok(out)).await.is_err() {
                    return Ok(());
                }
            }
            if done {
                return Ok(());
            }
        }
    }
    .await;
    if let Err(e) = result {
        log::error!("export failed: {e}");
        let _ = sink.send(Err(e)).await;
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
        line(&mut s, &["a,b", "say \"hi\"", "=SUM(A1)", "-5", "华为"]);
        assert_eq!(s, "\"a,b\",\"say \"\"hi\"\"\",'=SUM(A1),-5,华为\r\n");
    }
}
