//! The workbench (工作台): the home page's cards.
pub mod handlers;
pub mod routes;

pub const MODULE: crate::modules::Module = crate::modules::Module { name: "workbench", tags: &[("workbench", "工作台 Workbench")], mount: routes::mount };
