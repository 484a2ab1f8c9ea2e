//! Reading an uploaded file as rows of text, streamed: CSV in UTF-8 (BOM or not) or
//! GB18030/GBK, told apart by a pass over the bytes, or the first sheet of an XLSX read
//! cell by cell (formulas as their values). A blocking thread reads and sends rows down a
//! bounded channel, so memory stays flat whatever the file's size.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::PathBuf;

use calamine::{DataRef, Reader as _, Xlsx};
use crm_domain::imports::ImportEncoding;
use crm_domain::{DomainError, DomainResult};
use encoding_rs::{Encoding, GB18030, UTF_8};
use tokio::sync::mpsc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
        }
    }

    pub fn parse(s: &str) -> Self {
        if s == "xlsx" { Self::Xlsx } else { Self::Csv }
    }
}

fn unreadable(why: impl Into<String>) -> DomainError {
    DomainError::invalid_field("file", "unreadable", why)
}

/// What the file is, from its first bytes (not its name): a ZIP is an XLSX, text is CSV;
/// an old `.xls`, a PDF, a picture or other binary is refused.
pub fn sniff(head: &[u8]) -> DomainResult<Format> {
    if head.is_empty() {
        return Err(DomainError::invalid_field("file", "empty", "the file is empty"));
    }
    if head.starts_with(b"PK\x03\x04") {
        return Ok(Format::Xlsx);
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(unreadable("an Excel 97-2003 (.xls) file: save it as .xlsx or .csv"));
    }
    if head.contains(&0) || head.starts_with(b"%PDF") || head.starts_with(&[0x89, b'P', b'N', b'G']) || head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Err(unreadable("not a CSV or XLSX file"));
    }
    Ok(Format::Csv)
}

/// The encoding of a CSV: as chosen, or UTF-8 when every byte of the file is valid UTF-8
/// (a BOM included), else GB18030 (a superset of GBK and GB2312).
pub fn detect(path: &PathBuf, chosen: ImportEncoding) -> std::io::Result<&'static Encoding> {
    match chosen {
        ImportEncoding::Utf8 => return Ok(UTF_8),
        ImportEncoding::Gbk => return Ok(GB18030),
        ImportEncoding::Auto => {}
    }
    let mut f = BufReader::with_capacity(1 << 20, File::open(path)?);
    let mut buf = vec![0u8; 1 << 20];
    let mut carry = Vec::new();
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            return Ok(if carry.is_empty() { UTF_8 } else { GB18030 });
        }
        carry.extend_from_slice(buf.get(..n).unwrap_or_default());
        match std::str::from_utf8(&carry) {
            Ok(_) => carry.clear(),
            // A sequence cut by the chunk's end is completed by the next chunk.
            Err(e) if e.error_len().is_none() => {
                carry.drain(..e.valid_up_to());
            }
            Err(_) => return Ok(GB18030),
        }
    }
}

/// The file's rows as they are read: the row's number in the file and its cells.
pub type Rows = mpsc::Receiver<Result<(usize, Vec<String>), DomainError>>;

/// The file's rows, the header row first, read on a blocking thread. Empty rows are
/// left out; each row comes with its number as a spreadsheet shows it (the header is 1).
pub fn rows(path: PathBuf, format: Format, encoding: &'static Encoding) -> Rows {
    let (tx, rx) = mpsc::channel(4096);
    tokio::task::spawn_blocking(move || {
        let sent = match format {
            Format::Csv => csv_rows(&path, encoding, &tx),
            Format::Xlsx => xlsx_rows(&path, &tx),
        };
        if let Err(e) = sent {
            let _ = tx.blocking_send(Err(e));
        }
    });
    rx
}

type Sender = mpsc::Sender<Result<(usize, Vec<String>), DomainError>>;

/// Bytes in `encoding` read as UTF-8, the BOM left out.
struct Decoded<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    raw: Vec<u8>,
    out: Vec<u8>,
    at: usize,
    done: bool,
}

impl<R: Read> Read for Decoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at >= self.out.len() {
            if self.done {
                return Ok(0);
            }
            self.raw.resize(64 * 1024, 0);
            let n = self.inner.read(&mut self.raw)?;
            let last = n == 0;
            let input = self.raw.get(..n).unwrap_or_default();
            self.out.clear();
            self.out.resize(self.decoder.max_utf8_buffer_length(n).unwrap_or(n * 4 + 16), 0);
            let (_, _, written, _) = self.decoder.decode_to_utf8(input, &mut self.out, last);
            self.out.truncate(written);
            self.at = 0;
            self.done = last;
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf.get_mut(..n).unwrap_or_default().copy_from_slice(self.out.get(self.at..self.at + n).unwrap_or_default());
        self.at += n;
        Ok(n)
    }
}

fn csv_rows(path: &PathBuf, encoding: &'static Encoding, tx: &Sender) -> DomainResult<()> {
    let file = File::open(path).map_err(|e| DomainError::internal(format!("cannot open the upload: {e}")))?;
    let decoded = Decoded { inner: BufReader::with_capacity(256 * 1024, file), decoder: encoding.new_decoder_with_bom_removal(), raw: Vec::new(), out: Vec::new(), at: 0, done: false };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).buffer_capacity(256 * 1024).from_reader(decoded);
    let mut record = csv::StringRecord::new();
    let mut line = 0usize;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {
                line += 1;
                if record.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                if tx.blocking_send(Ok((line, record.iter().map(str::to_string).collect()))).is_err() {
                    return Ok(());
                }
            }
            Err(e) => return Err(unreadable(format!("row {}: {e}", line + 1))),
        }
    }
}

fn xlsx_rows(path: &PathBuf, tx: &Sender) -> DomainResult<()> {
    let file = File::open(path).map_err(|e| DomainError::internal(format!("cannot open the upload: {e}")))?;
    let mut book = Xlsx::new(BufReader::with_capacity(256 * 1024, file)).map_err(|e| unreadable(format!("not a readable XLSX file: {e}")))?;
    let Some(first) = book.sheet_names().into_iter().next() else { return Err(unreadable("the workbook has no sheet")) };
    let mut cells = book.worksheet_cells_reader(&first).map_err(|e| unreadable(format!("the first sheet cannot be read: {e}")))?;
    let mut row: Vec<String> = Vec::new();
    let mut at: Option<u32> = None;
    let flush = |at: Option<u32>, row: &mut Vec<String>| -> bool {
        let cells = std::mem::take(row);
        match at {
            Some(r) if cells.iter().any(|c| !c.trim().is_empty()) => tx.blocking_send(Ok((r as usize + 1, cells))).is_ok(),
            _ => true,
        }
    };
    loop {
        let cell = cells.next_cell().map_err(|e| unreadable(format!("the sheet cannot be read: {e}")))?;
        let Some(cell) = cell else {
            flush(at, &mut row);
            return Ok(());
        };
        let (r, c) = cell.get_position();
        if at != Some(r) {
            if !flush(at, &mut row) {
                return Ok(());
            }
            at = Some(r);
        }
        let c = c as usize;
        if c > 1000 {
            continue;
        }
        if row.len() <= c {
            row.resize(c + 1, String::new());
        }
        if let Some(slot) = row.get_mut(c) {
            *slot = text_of(cell.get_value());
        }
    }
}

/// A cell as the text a person typed: whole numbers without `.0`, dates as ISO dates (a
/// time of day when there is one).
fn text_of(v: &DataRef<'_>) -> String {
    match v {
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => format!("{f}"),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) if d.is_datetime() => excel_date(d.as_f64()),
        DataRef::DateTime(d) => format!("{}", d.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(_) | DataRef::Empty => String::new(),
    }
}

/// Days since 1899-12-30 (the 1900 system, with its leap-year quirk before March 1900).
fn excel_date(serial: f64) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default().and_hms_opt(0, 0, 0).unwrap_or_default();
    let millis = (serial * 86_400_000.0).round() as i64;
    let at = base + chrono::Duration::milliseconds(millis);
    if millis % 86_400_000 == 0 { at.format("%Y-%m-%d").to_string() } else { at.format("%Y-%m-%d %H:%M:%S").to_string() }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn files_are_told_apart_by_their_bytes() {
        assert_eq!(sniff(b"name,phone\n").unwrap(), Format::Csv);
        assert_eq!(sniff(b"PK\x03\x04rest").unwrap(), Format::Xlsx);
        assert!(sniff(b"%PDF-1.7").is_err());
        assert!(sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0]).is_err());
        assert!(sniff(b"").is_err());
        assert_eq!(excel_date(46000.0), "2025-12-09");
        assert_eq!(excel_date(46000.5), "2025-12-09 12:00:00");
    }

    #[tokio::test]
    async fn gbk_is_detected_and_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gbk.csv");
        let (bytes, _, _) = GB18030.encode("客户名称,电话\n华为技术有限公司,0755-28780808\n\n");
        std::fs::write(&path, &bytes).unwrap();
        let enc = detect(&path, ImportEncoding::Auto).unwrap();
        assert_eq!(enc, GB18030);
        let mut rx = rows(path.clone(), Format::Csv, enc);
        let mut got = Vec::new();
        while let Some(r) = rx.recv().await {
            got.push(r.unwrap());
        }
        assert_eq!(got, vec![(1, vec!["客户名称".to_string(), "电话".to_string()]), (2, vec!["华为技术有限公司".to_string(), "0755-28780808".to_string()])]);
        std::fs::write(&path, "\u{feff}名称\n甲\n").unwrap();
        assert_eq!(detect(&path, ImportEncoding::Auto).unwrap(), UTF_8);
        let mut rx = rows(path, Format::Csv, UTF_8);
        assert_eq!(rx.recv().await.unwrap().unwrap(), (1, vec!["名称".to_string()]));
    }
}
