//! Links from a record to scoped records the caller manages as a set: a group's members,
//! the customers a supplier serves. A caller replaces the links they can see; links to
//! records outside their scope are neither shown nor touched, so two people with
//! different scopes never undo each other's work.

use crm_domain::{DomainError, DomainResult};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QuerySelect};
use serde_json::json;
use uuid::Uuid;

use crate::db::db_err;
use crate::scope::{Scoped, ScopedEntity};
use crate::Ctx;

/// A link table: `from` names the record, `to` the linked scoped record.
pub struct LinkTable<L: EntityTrait> {
    pub from: L::Column,
    pub to: L::Column,
    /// The request field that lists the linked ids, for errors (`customer_ids`).
    pub field: &'static str,
    /// The linked record in a 404's words.
    pub what: &'static str,
}

/// What a replacement added and removed, for the operation log.
#[derive(Debug, Default)]
pub struct LinkChange {
    pub added: Vec<Uuid>,
    pub removed: Vec<Uuid>,
}

impl LinkChange {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

/// At most this many ids in one replacement.
pub const MAX_LINKS: usize = 1000;

impl<L: EntityTrait> LinkTable<L> {
    /// The linked records of `from_id` that the caller may see.
    pub async fn visible<T: ScopedEntity>(&self, db: &impl ConnectionTrait, ctx: &Ctx, from_id: Uuid) -> DomainResult<Vec<Uuid>> {
        L::find()
            .select_only()
            .column(self.to)
            .filter(self.from.eq(from_id))
            .filter(self.to.in_subquery(Scoped::<T>::visible_ids(db, ctx).await?))
            .into_tuple()
            .all(db)
            .await
            .map_err(db_err)
    }

    /// Makes the visible links of `from_id` exactly `ids`. An id the caller cannot see is
    /// a 404 naming it in `missing_ids`, and nothing changes.
    pub async fn replace_visible<T: ScopedEntity>(
        &self,
        db: &impl ConnectionTrait,
        ctx: &Ctx,
        from_id: Uuid,
        mut ids: Vec<Uuid>,
        new_link: impl Fn(Uuid) -> L::ActiveModel,
    ) -> DomainResult<LinkChange>
    where
        L::Model: IntoActiveModel<L::ActiveModel>,
    {
        ids.sort();
        ids.dedup();
        if ids.len() > MAX_LINKS {
            return Err(DomainError::invalid_field(self.field, "too_many", format!("at most {MAX_LINKS}")));
        }
        let seen: Vec<Uuid> = Scoped::<T>::find(db, ctx)
            .await?
            .select_only()
            .column(T::id_column())
            .filter(T::id_column().is_in(ids.clone()))
            .into_tuple()
            .all(db)
            .await
            .map_err(db_err)?;
        let missing: Vec<Uuid> = ids.iter().filter(|i| !seen.contains(i)).copied().collect();
        if !missing.is_empty() {
            return Err(DomainError::not_found(self.what).with_extra(json!({ "missing_ids": missing })));
        }
        let before = self.visible::<T>(db, ctx, from_id).await?;
        let change = LinkChange {
            removed: before.iter().filter(|c| !ids.contains(c)).copied().collect(),
            added: ids.iter().filter(|c| !before.contains(c)).copied().collect(),
        };
        if !change.removed.is_empty() {
            L::delete_many().filter(self.from.eq(from_id)).filter(self.to.is_in(change.removed.clone())).exec(db).await.map_err(db_err)?;
        }
        if !change.added.is_empty() {
            L::insert_many(change.added.iter().map(|id| new_link(*id))).exec_without_returning(db).await.map_err(db_err)?;
        }
        Ok(change)
    }
}
