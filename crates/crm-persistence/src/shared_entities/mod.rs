//! Tables of the shared mechanisms (audit log, dictionaries, idempotency keys).
pub mod audit_log;
pub mod dictionary_item;
pub mod idempotency_key;
pub mod saved_view;
pub mod sequence;
