//! The approval engine (OFF-2): flows (`flows`), document types that plug in (`docs`),
//! running instances (`engine`) and reading them (`views`).

pub mod docs;
pub mod engine;
pub mod entities;
pub mod flows;
pub mod views;
pub mod workbench;

pub use engine::{comment, decide, flow_applies, pending, submit, submit_in, transfer, withdraw, Verdict};

pub const RESTORABLE: &[crate::kit::restore::Restorable] = &[flows::RESTORABLE];
