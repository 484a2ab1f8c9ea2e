//! Contracts (CON-1 to CON-4): documents with lines, activated by approval.
pub mod handlers;
pub mod routes;

pub const MODULE: crate::modules::Module =
    crate::modules::Module { name: "contracts", tags: &[("contracts", "合同 Contracts: lines, approval, activation (the customer is won), completion, termination, archive")], mount: routes::mount };
