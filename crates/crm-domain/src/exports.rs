//! Exports of a whole list made in the background (issue 18): the file lands in the
//! person's drive and a notification says so, where a streamed download would keep a
//! browser waiting on a large spreadsheet.

use serde::{Deserialize, Serialize};

use crate::error::DomainResult;
use crate::validate::Validator;

/// The personal drive folder background exports are stored in, at the top of the
/// person's own space; made when it is missing. One name in every language, so the file
/// of a person who switches language is in the same place.
pub const FOLDER: &str = "导出";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = ExportFileFormat)]
pub enum ExportFileFormat {
    /// UTF-8 with a byte-order mark.
    Csv,
    /// A spreadsheet, at most 1,048,575 rows.
    Xlsx,
}

impl ExportFileFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "csv" => Some(Self::Csv),
            "xlsx" => Some(Self::Xlsx),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExportStatus {
    Queued,
    Running,
    /// The file is in the drive (`file_id`, `file_name`).
    Done,
    /// See `error_code` and `error`; nothing was stored.
    Failed,
}

impl ExportStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Running => "running",
            Self::Done => "done",
            Self::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Self {
        match s {
            "running" => Self::Running,
            "done" => Self::Done,
            "failed" => Self::Failed,
            _ => Self::Queued,
        }
    }
}

/// `POST /exports`.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewExport, example = json!({"list": "customers", "format": "xlsx", "query": "pool=potential&industry=it&sort=-updated_at", "raw": false, "tz": "Asia/Shanghai"}))]
pub struct ExportRequest {
    /// The list, as its URL names it: `customers`, `payment-plans`, …; the caller needs
    /// that list's `<module>:export` permission.
    pub list: String,
    pub format: ExportFileFormat,
    /// The list's own query string — its filters, `q` and `sort` — exactly as
    /// `GET /<list>` and `GET /<list>/export` take them (no `format`, `raw` or `tz`:
    /// those are the fields beside this one). Checked before anything is queued.
    #[serde(default)]
    pub query: String,
    /// `true`: the file for scripts — field names as headers, codes, RFC 3339 UTC times.
    /// By default it is for people: headers and labels in the language of
    /// `Accept-Language`, times in `tz`.
    #[serde(default)]
    pub raw: bool,
    /// The reader's IANA time zone for times (people's files only); default UTC.
    pub tz: Option<String>,
}

/// The longest query string taken, as a URL would carry it.
pub const MAX_QUERY: usize = 4096;

impl ExportRequest {
    pub fn validate(mut self) -> DomainResult<Self> {
        let mut v = Validator::new();
        self.list = v.required("list", &self.list, 64);
        if self.query.chars().count() > MAX_QUERY {
            v.add("query", "too_long", format!("at most {MAX_QUERY} characters"));
        }
        self.query = self.query.trim().trim_start_matches('?').to_string();
        if let Some(tz) = self.tz.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            if tz.parse::<chrono_tz::Tz>().is_err() {
                v.add("tz", "invalid", format!("'{}' is not an IANA time zone such as Asia/Shanghai", tz.chars().take(64).collect::<String>()));
            }
            self.tz = Some(tz.to_string());
        } else {
            self.tz = None;
        }
        v.finish()?;
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(list: &str, query: &str, tz: Option<&str>) -> ExportRequest {
        ExportRequest { list: list.into(), format: ExportFileFormat::Csv, query: query.into(), raw: false, tz: tz.map(String::from) }
    }

    #[test]
    fn a_request_is_checked_field_by_field() {
        let ok = req(" customers ", "?pool=won", Some("Asia/Shanghai")).validate().map(|r| (r.list, r.query, r.tz));
        assert_eq!(ok.ok(), Some(("customers".to_string(), "pool=won".to_string(), Some("Asia/Shanghai".to_string()))));
        let fields = |r: ExportRequest| r.validate().err().map(|e| e.errors.iter().map(|f| f.field.clone()).collect::<Vec<_>>()).unwrap_or_default();
        assert_eq!(fields(req("", "", None)), ["list"]);
        assert_eq!(fields(req("customers", "", Some("Mars/Olympus"))), ["tz"]);
        assert_eq!(fields(req("customers", &"q=x&".repeat(MAX_QUERY / 4 + 1), None)), ["query"]);
    }
}
