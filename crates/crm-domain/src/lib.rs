//! Business types and rules of the CRM.
//!
//! Invariants: this crate knows nothing of the database, HTTP, the clock or randomness.
//! Time and identifiers are passed in, so every rule here is a pure function that tests
//! can drive directly.

// `patch!` names this crate by its path, which must resolve inside it too.
extern crate self as crm_domain;

pub mod actor;
pub mod amount;
pub mod approvals;
pub mod audit;
pub mod calendar;
pub mod contracts;
pub mod customer_groups;
pub mod customers;
pub mod drive;
pub mod error;
pub mod leads;
pub mod exports;
pub mod imports;
pub mod locale;
pub mod mail;
pub mod money;
pub mod numbering;
pub mod opportunities;
pub mod patch;
pub mod plans;
pub mod receivables;
pub mod regions;
pub mod permissions;
pub mod products;
pub mod sales_docs;
pub mod saved_views;
pub mod scope;
pub mod sms;
pub mod system;
pub mod text_keys;
pub mod validate;
pub mod webhooks;

pub use actor::Actor;
pub use error::{DomainError, DomainResult, DuplicateOf, ErrorKind, FieldError};
pub use permissions::Perm;
pub use scope::DataScope;
