//! Customers (CUS-1 to CUS-12): the record, its normalised keys for duplicate checks, and
//! the pool state machine.
pub mod contact;
pub mod customer;
pub mod follow_up;
pub mod pool;
pub mod rules;

pub use customer::{normalise_name, normalise_phone, search_text, CustomerKind, CustomerPatch, NewCustomer};
pub use pool::{Pool, PoolCommand};
