//! Webhooks: the receivers, their delivery log, resend and test, the events catalogue,
//! and the installation's rule on private targets.
pub mod handlers;
pub mod routes;

pub const MODULE: crate::modules::Module = crate::modules::Module {
    name: "webhooks",
    tags: &[("webhooks", "Webhook: 事件推送 Events pushed to other systems, signed, in order per record, retried for 24 h")],
    mount: routes::mount,
};
