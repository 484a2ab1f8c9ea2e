//! Approval flows and the approvals inbox (OFF-2).
pub mod dto;
pub mod handlers;
pub mod routes;

pub const MODULE: crate::modules::Module = crate::modules::Module {
    name: "approvals",
    tags: &[
        ("approval-flows", "审批流 Approval flows: steps, approvers, conditions (administrators)"),
        ("approvals", "审批 Approvals: the inbox, approve, reject, withdraw, transfer, comment"),
    ],
    mount: routes::mount,
};
