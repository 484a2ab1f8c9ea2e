//! Webhooks (issue 18): administrators name a URL and the events it hears; every change
//! of a record becomes events in the change's own transaction (`outbox`), delivered by
//! the jobs mechanism in order per record, signed, retried with backoff for 24 hours and
//! logged attempt by attempt (`deliver`); `target` keeps deliveries off private networks.

pub mod deliver;
pub mod entities;
pub mod outbox;
pub mod records;
pub mod target;

pub use records::Webhooks;

pub const RESTORABLE: &[crate::kit::restore::Restorable] = &[records::RESTORABLE];

pub const PENDING: &str = "pending";
pub const SENDING: &str = "sending";
pub const DELIVERED: &str = "delivered";
pub const FAILED: &str = "failed";
pub const CANCELLED: &str = "cancelled";

/// How long an event is retried before it is given up (`failed`).
pub const DELIVERY_WINDOW: chrono::Duration = chrono::Duration::hours(24);
