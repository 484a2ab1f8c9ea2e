//! China's administrative divisions for the region pickers (`crm_domain::regions`).
pub mod handlers;
pub mod routes;

pub const MODULE: crate::modules::Module = crate::modules::Module { name: "regions", tags: &[("regions", "行政区划 Regions")], mount: routes::mount };
