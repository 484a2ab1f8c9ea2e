//! The recycle bin's view of a resource: how its deleted rows are listed and how one is
//! restored, with the module's hook for what a restore must bring back with the row (a
//! contact's search entries, a customer's last follow-up). Modules list theirs in their
//! `RESTORABLE` table; `registry` joins the tables of every module.

use std::future::Future;
use std::pin::Pin;

use crm_domain::DomainResult;
use uuid::Uuid;

use crate::listing::{ListParams, Page};
use crate::recycle::{self, RecycledItem, SoftDelete};
use crate::tx::Tx;
use crate::{Ctx, Db};

pub type Boxed<'a, T> = Pin<Box<dyn Future<Output = DomainResult<T>> + 'a>>;

/// Record names by id.
pub type Labels = Vec<(Uuid, String)>;

pub struct Restorable {
    /// The entity's URL name (`SoftDelete::NAME`).
    pub name: &'static str,
    pub list_deleted: for<'a> fn(&'a Db, &'a ListParams) -> Boxed<'a, Page<RecycledItem>>,
    pub restore: for<'a> fn(&'a Tx, &'a Ctx, Uuid) -> Boxed<'a, ()>,
    /// The names of some rows, deleted or not.
    pub labels: for<'a> fn(&'a Db, Vec<Uuid>) -> Boxed<'a, Labels>,
}

impl Restorable {
    /// A resource whose restore is only clearing its deleted mark.
    pub const fn plain<E: SoftDelete>() -> Self
    where
        E::Model: Sync,
    {
        Self { name: E::NAME, list_deleted: list_deleted::<E>, restore: restore::<E>, labels: labels::<E> }
    }

    /// A resource with a restore of its own: `recycle::restore` and what must come back
    /// with the row, in the registry's transaction.
    pub const fn with_restore<E: SoftDelete>(restore: for<'a> fn(&'a Tx, &'a Ctx, Uuid) -> Boxed<'a, ()>) -> Self
    where
        E::Model: Sync,
    {
        Self { name: E::NAME, list_deleted: list_deleted::<E>, restore, labels: labels::<E> }
    }
}

fn list_deleted<'a, E: SoftDelete>(db: &'a Db, params: &'a ListParams) -> Boxed<'a, Page<RecycledItem>>
where
    E::Model: Sync,
{
    Box::pin(recycle::list_deleted::<E>(db, params))
}

fn restore<'a, E: SoftDelete>(tx: &'a Tx, ctx: &'a Ctx, id: Uuid) -> Boxed<'a, ()> {
    Box::pin(recycle::restore::<E>(tx, ctx, id))
}

fn labels<'a, E: SoftDelete>(db: &'a Db, ids: Vec<Uuid>) -> Boxed<'a, Labels> {
    Box::pin(recycle::labels::<E>(db, ids))
}
