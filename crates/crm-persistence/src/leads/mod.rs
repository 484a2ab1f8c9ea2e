//! Leads [线索] (SAL-1): the records, the lead pool (claim, release, assign) and the
//! conversion into a customer, contact and opportunity.

pub mod convert;
pub mod entities;
pub mod export;
pub mod pool;
pub mod records;

pub use records::{LeadView, Leads, RESTORABLE};
