//! Sales analysis (SAL-6, SAL-10): the funnel, the forecast and opportunities by group,
//! over what the caller sees (`crm_persistence::opportunities::reports`).
pub mod handlers;
pub mod routes;

pub const MODULE: crate::modules::Module =
    crate::modules::Module { name: "reports", tags: &[("reports", "报表 Sales funnel, forecast and analysis")], mount: routes::mount };
