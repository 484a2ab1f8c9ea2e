//! Customers (CUS-1 to CUS-8): records, duplicate check, and the pools.
pub mod entities;
pub mod list_spec;
pub mod service;
