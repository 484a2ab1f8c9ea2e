//! The enterprise drive (OFF-1) and attachments on any record (CUS-9): folders, files,
//! shares, quotas, signed download links and the store of contents (`access` says who
//! sees what).

pub mod access;
pub mod entities;
pub mod files;
pub mod folders;
pub mod links;
pub mod quota;
pub mod shares;
pub mod storage;
pub mod trash;

pub use files::RESTORABLE;

/// The lists' `shared=true|false` (only what is shared with the caller).
pub(crate) fn shared_filter(params: &mut crate::listing::ListParams) -> crm_domain::DomainResult<bool> {
    match params.take_filter("shared").as_deref().map(str::trim) {
        None | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(other) => Err(crm_domain::DomainError::bad_request("query.invalid", format!("'{other}' is not true or false for 'shared'"))
            .with_extra(serde_json::json!({"errors": [{"field": "shared", "code": "invalid", "message": "true or false"}]}))),
    }
}
