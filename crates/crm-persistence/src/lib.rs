//! Everything that touches the database: entities, repositories, services and the shared
//! mechanisms (data scope, listing, versions, audit, recycle bin, dictionaries,
//! idempotency).
//!
//! Invariants: the only crate that names sea-orm; services return domain types or read
//! models, never `ActiveModel`; every service call runs in one transaction; no HTTP types,
//! so `crm` subcommands reuse the same services.

pub mod approvals;
pub mod audit;
pub mod auth;
pub mod bulk_insert;
pub mod table_export;
pub mod count_cache;
pub mod ctx;
pub mod customer_groups;
pub mod customers;
pub mod db;
pub mod dictionaries;
pub mod exports;
pub mod drive;
pub mod idempotency;
pub mod imports;
pub mod kept;
pub mod jobs;
pub mod kit;
pub mod leads;
pub mod listing;
pub mod notifications;
pub mod numbering;
pub mod opportunities;
pub mod login_throttle;
pub mod passwords;
pub mod plans;
pub mod products;
pub mod receivables;
pub mod recycle;
pub mod registry;
pub mod sales_docs;
pub mod saved_views;
pub mod scope;
pub mod secret_box;
pub mod sequences;
pub mod settings;
pub mod shared_entities;
pub mod system;
pub mod tx;
pub mod version;
pub mod webhooks;
pub mod workbench;

pub use ctx::Ctx;
pub use db::Db;
pub use listing::{ListParams, Page};
