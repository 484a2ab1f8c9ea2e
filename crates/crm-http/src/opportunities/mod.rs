//! The sales pipeline (SAL-2 to SAL-5): pipeline stages, opportunities and their stage
//! moves; read models and inputs are the kit's (`crm_persistence::opportunities`,
//! `crm_domain::opportunities`).
pub mod handlers;
pub mod routes;

pub const MODULE: crate::modules::Module = crate::modules::Module {
    name: "opportunities",
    tags: &[("pipeline-stages", "销售阶段 Pipeline stages"), ("opportunities", "商机 Opportunities, their lines and stage moves")],
    mount: routes::mount,
};
