//! Background exports: a list's file made by a job and stored in the caller's drive.
pub mod handlers;
pub mod routes;

pub const MODULE: crate::modules::Module = crate::modules::Module {
    name: "exports",
    tags: &[("exports", "后台导出 Background exports: any list's file made by a job, stored in the caller's drive (folder 导出), with a notification")],
    mount: routes::mount,
};
