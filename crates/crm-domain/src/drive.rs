//! The enterprise drive (OFF-1) and attachments on records (CUS-9): folders and files in
//! three spaces, shares, quotas, and the rules on names and on what a browser may render.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::validate::Validator;
use crate::{DomainError, DomainResult};

/// Where a folder or a file of the drive lives, which decides who sees it: one person's
/// own, their department's, or everyone's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Space {
    Personal,
    Department,
    Company,
}

impl Space {
    pub fn as_str(self) -> &'static str {
        match self {
            Space::Personal => "personal",
            Space::Department => "department",
            Space::Company => "company",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "personal" => Some(Space::Personal),
            "department" => Some(Space::Department),
            "company" => Some(Space::Company),
            _ => None,
        }
    }
}

/// The records a file can be attached to; who may read the file is who may read the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RecordType {
    Customer,
    Contact,
    FollowUp,
}

impl RecordType {
    pub const ALL: [RecordType; 3] = [RecordType::Customer, RecordType::Contact, RecordType::FollowUp];

    pub fn as_str(self) -> &'static str {
        match self {
            RecordType::Customer => "customer",
            RecordType::Contact => "contact",
            RecordType::FollowUp => "follow_up",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// What a share lets its holder do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ShareAccess {
    /// See and download.
    Read,
    /// Also rename, move, delete, share, and add files into a shared folder.
    Edit,
}

/// Who a share is with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum PrincipalType {
    User,
    Department,
}

/// The longest name of a folder or file, in bytes of UTF-8 (what file systems allow).
pub const MAX_NAME_BYTES: usize = 255;
/// Shares of one folder or file.
pub const MAX_SHARES: usize = 100;

/// A folder or file name as stored: trimmed, at most 255 bytes, no path separators,
/// control characters, or the names `.` and `..`, so a name can never act as a path.
pub fn clean_name(v: &mut Validator, field: &str, name: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        v.add(field, "required", "a name is required");
    } else if name.len() > MAX_NAME_BYTES {
        v.add(field, "too_long", format!("at most {MAX_NAME_BYTES} bytes"));
    } else if name == "." || name == ".." || name.chars().any(|c| c == '/' || c == '\\' || c.is_control()) {
        v.add(field, "invalid", "a name cannot contain / or \\ or control characters, nor be . or ..");
    }
    name.to_string()
}

/// Whether a browser may show content of this (sniffed) type in the page: pictures and
/// PDF only. Everything else, HTML and SVG above all, is sent as a download, so an
/// uploaded file can never run script in the app's origin.
pub fn previewable(mime: &str) -> bool {
    matches!(mime, "image/png" | "image/jpeg" | "image/gif" | "image/webp" | "image/bmp" | "application/pdf")
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewFolder, example = json!({"name": "合同模板", "space": "company"}))]
pub struct FolderInput {
    pub name: String,
    /// The folder it goes in; its space follows that folder's.
    #[serde(default)]
    pub parent_id: Option<Uuid>,
    /// Required at the top of a space (no `parent_id`); `personal` when absent.
    #[serde(default)]
    pub space: Option<Space>,
}

impl FolderInput {
    pub fn validate(mut self) -> DomainResult<Self> {
        let mut v = Validator::new();
        self.name = clean_name(&mut v, "name", &self.name);
        v.finish()?;
        Ok(self)
    }
}

/// Renames a folder or file, or moves it to another folder of the same space (`null`: the
/// top of the space).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = DriveItemPatch, example = json!({"name": "报价单-终版.pdf"}))]
pub struct ItemPatch {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<Uuid>)]
    pub folder_id: Option<Option<Uuid>>,
}

impl ItemPatch {
    pub fn validate(mut self) -> DomainResult<Self> {
        let mut v = Validator::new();
        if let Some(name) = &self.name {
            self.name = Some(clean_name(&mut v, "name", name));
        }
        v.finish()?;
        Ok(self)
    }
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShareInput {
    pub principal_type: PrincipalType,
    pub principal_id: Uuid,
    pub access: ShareAccess,
}

/// The whole set of shares of a folder or file, replacing the previous one.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"shares": [{"principal_type": "user", "principal_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e02", "access": "read"},
    {"principal_type": "department", "principal_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e10", "access": "edit"}]}))]
pub struct SharesInput {
    pub shares: Vec<ShareInput>,
}

impl SharesInput {
    pub fn validate(mut self) -> DomainResult<Self> {
        if self.shares.len() > MAX_SHARES {
            return Err(DomainError::invalid_field("shares", "too_many", format!("at most {MAX_SHARES} shares")));
        }
        // One share per principal: the last one given wins.
        let mut seen = std::collections::HashSet::new();
        self.shares.reverse();
        self.shares.retain(|s| seen.insert((s.principal_type, s.principal_id)));
        self.shares.reverse();
        Ok(self)
    }
}

/// The drive's limits, which an administrator sets (`PUT /settings/drive`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = DriveLimits, example = json!({"user_quota_bytes": 10737418240_i64, "company_quota_bytes": 1099511627776_i64, "max_file_bytes": 2147483648_i64}))]
pub struct Limits {
    /// What one person's uploads may add up to (attachments included), in bytes.
    pub user_quota_bytes: i64,
    /// What the whole company's files may add up to, in bytes.
    pub company_quota_bytes: i64,
    /// The largest single file, in bytes; a bigger upload is refused while it streams.
    pub max_file_bytes: i64,
}

impl Default for Limits {
    fn default() -> Self {
        Self { user_quota_bytes: 10 << 30, company_quota_bytes: 1 << 40, max_file_bytes: 2 << 30 }
    }
}

impl Limits {
    pub fn validate(self) -> DomainResult<Self> {
        let mut v = Validator::new();
        for (field, value) in [("user_quota_bytes", self.user_quota_bytes), ("company_quota_bytes", self.company_quota_bytes), ("max_file_bytes", self.max_file_bytes)] {
            if !(1..=(1_i64 << 50)).contains(&value) {
                v.add(field, "out_of_range", "between 1 byte and 1 PiB");
            }
        }
        v.finish()?;
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(s: &str) -> Result<String, String> {
        let mut v = Validator::new();
        let n = clean_name(&mut v, "name", s);
        v.finish().map(|_| n).map_err(|e| e.errors.first().map(|e| e.code.clone()).unwrap_or_default())
    }

    #[test]
    fn names_cannot_act_as_paths() {
        assert_eq!(name("  报价单.pdf ").as_deref(), Ok("报价单.pdf"));
        for bad in ["../etc/passwd", "a/b", "a\\b", "..", ".", "a\u{0}b", "a\nb"] {
            assert_eq!(name(bad), Err("invalid".into()), "{bad:?}");
        }
        assert_eq!(name(""), Err("required".into()));
        assert_eq!(name(&"名".repeat(86)), Err("too_long".into()));
        assert!(name(&"名".repeat(85)).is_ok());
    }

    #[test]
    fn only_pictures_and_pdf_render_inline() {
        assert!(previewable("image/png") && previewable("application/pdf"));
        assert!(!previewable("image/svg+xml") && !previewable("text/html") && !previewable("application/octet-stream"));
    }

    #[test]
    fn the_last_share_of_a_principal_wins() {
        let id = Uuid::nil();
        let input = SharesInput {
            shares: vec![
                ShareInput { principal_type: PrincipalType::User, principal_id: id, access: ShareAccess::Read },
                ShareInput { principal_type: PrincipalType::User, principal_id: id, access: ShareAccess::Edit },
            ],
        };
        let out = input.validate().map(|s| s.shares).unwrap_or_default();
        assert_eq!(out.len(), 1);
        assert_eq!(out.first().map(|s| s.access), Some(ShareAccess::Edit));
    }
}
