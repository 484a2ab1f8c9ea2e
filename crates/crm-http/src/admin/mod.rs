//! Cross-cutting administration: operation log, dictionaries, recycle bin, health.
pub mod dto;
pub mod handlers;
pub mod routes;

pub const MODULE: crate::modules::Module = crate::modules::Module { name: "admin", tags: &[("audit", "操作日志 Operation log"), ("dictionaries", "数据字典 Dictionaries"), ("recycle-bin", "回收站 Recycle bin"), ("health", "Liveness and readiness")], mount: routes::mount };
