//! File imports (the seed's 数据迁移): a CSV or XLSX file of one kind of record, its
//! columns mapped to the record's fields, checked in full (`dry_run`) or written
//! (`commit`), row by row or all or nothing (`atomic`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::DomainResult;
use crate::validate::Validator;

/// The records a file can be imported into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportEntity {
    Customers,
    Contacts,
    Leads,
    Products,
    Suppliers,
    Opportunities,
    Payments,
}

impl ImportEntity {
    pub const ALL: &[ImportEntity] = &[Self::Customers, Self::Contacts, Self::Leads, Self::Products, Self::Suppliers, Self::Opportunities, Self::Payments];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Customers => "customers",
            Self::Contacts => "contacts",
            Self::Leads => "leads",
            Self::Products => "products",
            Self::Suppliers => "suppliers",
            Self::Opportunities => "opportunities",
            Self::Payments => "payments",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    /// Every row checked as a commit would (fields, dictionaries, duplicates, scope), and
    /// nothing written: the report says what a commit would do.
    #[default]
    DryRun,
    Commit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OnDuplicate {
    /// A row that duplicates a stored record (or an earlier row) fails with the record named.
    #[default]
    Error,
    /// It is left out and counted as skipped.
    Skip,
    /// The stored record the row duplicates takes the row's non-empty cells through its
    /// own update (an empty cell leaves its field as it is); offered for the records with
    /// a duplicate rule (customers, products, suppliers), elsewhere 422 `on_duplicate`
    /// `unsupported`.
    Update,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportEncoding {
    /// UTF-8 (with or without a BOM), else GB18030 (GBK), which Excel in China saves.
    #[default]
    Auto,
    Utf8,
    Gbk,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    Queued,
    Running,
    /// Every row read; see the counts and errors.
    Done,
    /// The file could not be read, or (atomic) a row failed and nothing was written.
    Failed,
}

impl ImportStatus {
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

/// The form fields of `POST /imports` besides the file.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub entity: String,
    pub mode: ImportMode,
    pub on_duplicate: OnDuplicate,
    pub atomic: bool,
    pub encoding: ImportEncoding,
    /// Column header → field name; headers not named are matched by name (the field, its
    /// Chinese or English header, or the export's), `""` leaves a column out.
    pub mapping: BTreeMap<String, String>,
}

pub const MAX_MAPPING: usize = 200;

impl ImportOptions {
    /// The checks that need no file: a known entity (`entities`), a mapping of sane size.
    pub fn validate(&self, entities: &[&str], updatable: bool) -> DomainResult<()> {
        let mut v = Validator::new();
        if !entities.contains(&self.entity.as_str()) {
            v.add("entity", "unknown", format!("one of: {}", entities.join(", ")));
        }
        if self.mapping.len() > MAX_MAPPING {
            v.add("mapping", "too_many", format!("at most {MAX_MAPPING} columns"));
        }
        if self.mapping.iter().any(|(k, f)| k.chars().count() > 200 || f.chars().count() > 64) {
            v.add("mapping", "invalid", "headers of at most 200 characters mapped to field names");
        }
        if self.on_duplicate == OnDuplicate::Update && !updatable {
            v.add("on_duplicate", "unsupported", "this record has no duplicate rule, so no row names a record to update; use skip or error");
        }
        v.finish()
    }
}

/// How a header reads for matching: trimmed, case and width folded, spaces, `*` (a
/// required mark) and a trailing `(…)`/`（…）` note left out.
pub fn header_key(h: &str) -> String {
    let h = h.trim().trim_start_matches('\u{feff}');
    let h = match h.find(['(', '（']) {
        Some(i) if i > 0 => h.get(..i).unwrap_or(h),
        _ => h,
    };
    h.chars()
        .filter(|c| !c.is_whitespace() && *c != '*' && *c != '＊')
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is kept as
/// text: it is stored as written, and an export writes it back quoted.
pub fn is_formula_like(s: &str) -> bool {
    matches!(s.chars().next(), Some('=' | '+' | '-' | '@'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_loosely() {
        assert_eq!(header_key(" 客户名称* "), "客户名称");
        assert_eq!(header_key("\u{feff}Name (required)"), "name");
        assert_eq!(header_key("Ｅ-mail"), "e-mail");
        assert_eq!(header_key("电话（座机）"), "电话");
    }

    #[test]
    fn options_name_their_problems() {
        let o = ImportOptions { entity: "nope".into(), on_duplicate: OnDuplicate::Update, ..Default::default() };
        let e = o.validate(&["customers"], false).err().map(|e| e.errors.into_iter().map(|f| f.field).collect::<Vec<_>>());
        assert_eq!(e, Some(vec!["entity".to_string(), "on_duplicate".to_string()]));
    }
}
