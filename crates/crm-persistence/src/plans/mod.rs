//! Sales plans and weekly reports (SAL-7, SAL-8).

pub mod achieved;
pub mod entities;
pub mod sales_plans;
pub mod weekly_reports;

pub const RESTORABLE: &[crate::kit::restore::Restorable] = &[sales_plans::RESTORABLE, weekly_reports::RESTORABLE];
