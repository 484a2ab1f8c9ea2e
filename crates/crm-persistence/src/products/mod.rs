//! Products and suppliers (PRD-1 to PRD-3): a shared catalogue, guarded by permissions
//! alone (no owner, so no data scope), except the customers a supplier serves, which are
//! shown through the customers' scope.
pub mod categories;
pub mod entities;
pub mod service;
pub mod suppliers;

use crate::kit::restore::Restorable;

pub const RESTORABLE: &[Restorable] = &[
    Restorable::plain::<entities::category::Entity>(),
    Restorable::plain::<entities::product::Entity>(),
    Restorable::plain::<entities::supplier::Entity>(),
];
