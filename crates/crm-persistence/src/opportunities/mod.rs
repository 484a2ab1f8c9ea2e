//! The sales pipeline (SAL-2 to SAL-5): stages, opportunities with their lines, and
//! stage moves with their history.

pub mod board;
pub mod entities;
pub mod export;
pub mod moves;
pub mod records;
pub mod report_files;
pub mod reports;
pub mod stages;
pub mod workbench;
pub mod sums;

pub use records::{Opportunities, OpportunityView};
pub use stages::{PipelineStages, StageView};
