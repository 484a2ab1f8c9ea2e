//! Leads (SAL-1): the records, the lead pool and conversion; read models and inputs are
//! the kit's (`crm_persistence::leads`, `crm_domain::leads`).
pub mod handlers;
pub mod routes;

pub const MODULE: crate::modules::Module =
    crate::modules::Module { name: "leads", tags: &[("leads", "线索 Leads, the lead pool and conversion")], mount: routes::mount };
