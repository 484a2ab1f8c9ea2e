//! File imports: upload, progress and report, the errors file, templates.
pub mod handlers;
pub mod routes;

pub const MODULE: crate::modules::Module = crate::modules::Module {
    name: "imports",
    tags: &[("imports", "数据导入 Imports: CSV and Excel files of customers, contacts, leads, products and suppliers, checked or written in the background")],
    mount: routes::mount,
};
