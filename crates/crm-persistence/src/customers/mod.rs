//! Customers (CUS-1 to CUS-10): records, duplicate check, pools, contacts, follow-ups.
pub mod collaborators;
pub mod contacts;
pub mod entities;
pub mod export;
pub mod follow_ups;
pub mod import;
pub mod interactions;
pub mod list_spec;
pub mod merge;
pub mod pool_rules;
pub mod releases;
pub(crate) mod search;
pub mod service;
pub mod timeline;
