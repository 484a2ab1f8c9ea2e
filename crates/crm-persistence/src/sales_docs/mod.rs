//! Quotes and sales orders (SAL-6, SAL-7): documents with taxed lines on the resource
//! kit, sharing their lines, parties and numbering (`lines`).

pub mod approval;
pub mod entities;
pub mod export;
pub mod lines;
pub mod orders;
pub mod quotes;

pub use orders::{OrderView, Orders};
pub use quotes::{QuoteView, Quotes};

pub const RESTORABLE: &[crate::kit::restore::Restorable] = &[quotes::RESTORABLE, orders::RESTORABLE];
