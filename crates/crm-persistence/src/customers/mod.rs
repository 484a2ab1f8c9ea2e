//! Customers (CUS-1 to CUS-10): records, duplicate check, pools, contacts, follow-ups.
pub mod collaborators;
pub mod contacts;
pub(crate) mod create;
pub mod duplicates;
pub mod entities;
pub mod export;
pub mod follow_ups;
pub mod import;
pub mod interactions;
pub mod list;
pub mod list_spec;
pub mod merge;
pub mod owners;
pub mod pool_rules;
pub mod pools;
pub mod releases;
pub mod reminders;
pub(crate) mod search;
pub mod records;
pub mod timeline;
pub mod workbench;

use uuid::Uuid;

use crate::kit::restore::{Boxed, Restorable};
use crate::tx::Tx;
use crate::Ctx;

pub const RESTORABLE: &[Restorable] = &[
    Restorable::plain::<entities::customer::Entity>(),
    Restorable::with_restore::<entities::contact::Entity>(restore_contact),
    Restorable::with_restore::<entities::follow_up::Entity>(restore_follow_up),
];

/// The restored contact's name and phones are searchable again.
fn restore_contact<'a>(tx: &'a Tx, ctx: &'a Ctx, id: Uuid) -> Boxed<'a, ()> {
    Box::pin(async move {
        crate::recycle::restore::<entities::contact::Entity>(tx, ctx, id).await?;
        search::refresh_for_contact(tx, id).await
    })
}

/// The customer's last and next follow-up take the restored one into account.
fn restore_follow_up<'a>(tx: &'a Tx, ctx: &'a Ctx, id: Uuid) -> Boxed<'a, ()> {
    Box::pin(async move {
        crate::recycle::restore::<entities::follow_up::Entity>(tx, ctx, id).await?;
        follow_ups::recompute_for_follow_up(tx, ctx, id).await
    })
}
