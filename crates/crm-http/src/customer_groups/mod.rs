//! Customer groups (CUS-3) and their members; read models and inputs are the kit's
//! (`crm_persistence::customer_groups`, `crm_domain::customer_groups`).
pub mod handlers;
pub mod routes;

pub const MODULE: crate::modules::Module =
    crate::modules::Module { name: "customer_groups", tags: &[("customer-groups", "客户分组 Customer groups and their members")], mount: routes::mount };
