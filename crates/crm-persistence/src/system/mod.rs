//! System module (SYS-1 to SYS-8): users, departments, roles and first-start bootstrap.
//! The reference shape every later module copies.

pub mod bootstrap;
pub mod departments;
pub mod entities;
pub mod roles;
pub mod user_names;
pub mod users;

use crate::kit::restore::Restorable;

pub const RESTORABLE: &[Restorable] = &[
    Restorable::plain::<entities::user::Entity>(),
    Restorable::plain::<entities::department::Entity>(),
    Restorable::plain::<entities::role::Entity>(),
];
