//! Quotes, sales orders and contracts (SAL-6, SAL-7, CON-1): documents with taxed lines on
//! the resource kit, sharing their lines, parties and numbering (`lines`).

pub mod amendments;
pub mod approval;
pub mod contract_approval;
pub mod contracts;
pub mod entities;
pub mod export;
pub mod lines;
pub mod orders;
pub mod quotes;

pub use orders::{OrderView, Orders};
pub use quotes::{QuoteView, Quotes};

pub const RESTORABLE: &[crate::kit::restore::Restorable] = &[quotes::RESTORABLE, orders::RESTORABLE, contracts::RESTORABLE];
