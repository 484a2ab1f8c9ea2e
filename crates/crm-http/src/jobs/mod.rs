//! Background jobs, for administrators: what ran, what failed, and running a dead one again.
pub mod handlers;
pub mod routes;

pub const MODULE: crate::modules::Module = crate::modules::Module { name: "jobs", tags: &[("jobs", "后台任务 Background jobs")], mount: routes::mount };
