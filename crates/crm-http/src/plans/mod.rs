//! Sales plans and weekly reports (SAL-7, SAL-8); read models and inputs are the kit's
//! (`crm_persistence::plans`, `crm_domain::plans`).
pub mod handlers;
pub mod routes;

pub const MODULE: crate::modules::Module = crate::modules::Module {
    name: "plans",
    tags: &[("sales-plans", "销售计划 Sales plans"), ("weekly-reports", "周报 Weekly reports")],
    mount: routes::mount,
};
