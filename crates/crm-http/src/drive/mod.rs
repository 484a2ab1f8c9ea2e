//! The enterprise drive and attachments: folders, files (multipart upload, downloads with
//! Range and ETag, signed links), shares and quotas.
pub mod content;
pub mod handlers;
pub mod routes;
pub mod upload;

pub const MODULE: crate::modules::Module = crate::modules::Module {
    name: "drive",
    tags: &[("drive", "企业云盘与附件 Enterprise drive and attachments")],
    mount: routes::mount,
};
