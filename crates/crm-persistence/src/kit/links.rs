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
        ids: Vec<Uuid>,
        new_link: impl Fn(Uuid) -> L::ActiveModel,
    ) -> DomainResult<LinkChange>
    where
        L::Model: IntoActiveModel<L::ActiveModel>,
    {
        let ids = self.all_visible::<T>(db, ctx, ids).await?;
        let before = self.visible::<T>(db, ctx, from_id).await?;
        let change = LinkChange {
            removed: before.iter().filter(|c| !ids.contains(c)).copied().collect(),
            added: ids.iter().filter(|c| !before.contains(c)).copied().collect(),
        };
        self.write(db, from_id, &change, new_link).await?;
        Ok(change)
    }

    /// Links `from_id` to `ids` as well (those already linked stay as they are); an id the
    /// caller cannot see is a 404 naming it in `missing_ids`, and nothing changes.
    pub async fn add_visible<T: ScopedEntity>(
        &self,
        db: &impl ConnectionTrait,
        ctx: &Ctx,
        from_id: Uuid,
        ids: Vec<Uuid>,
        new_link: impl Fn(Uuid) -> L::ActiveModel,
    ) -> DomainResult<LinkChange>
    where
        L::Model: IntoActiveModel<L::ActiveModel>,
    {
        let ids = self.all_visible::<T>(db, ctx, ids).await?;
        let linked = self.linked_among(db, from_id, &ids).await?;
        let change = LinkChange { added: ids.into_iter().filter(|c| !linked.contains(c)).collect(), removed: Vec::new() };
        self.write(db, from_id, &change, new_link).await?;
        Ok(change)
    }

    /// Unlinks `ids` from `from_id` (ids not linked are no change); an id the caller
    /// cannot see is a 404 naming it in `missing_ids`, and nothing changes.
    pub async fn remove_visible<T: ScopedEntity>(&self, db: &impl ConnectionTrait, ctx: &Ctx, from_id: Uuid, ids: Vec<Uuid>) -> DomainResult<LinkChange> {
        let ids = self.all_visible::<T>(db, ctx, ids).await?;
        let change = LinkChange { removed: self.linked_among(db, from_id, &ids).await?, added: Vec::new() };
        self.unlink(db, from_id, &change.removed).await?;
        Ok(change)
    }

    /// `ids`, sorted and without repeats, when the caller can see every one (at most
    /// `MAX_LINKS`); otherwise 404 naming those they cannot see.
    async fn all_visible<T: ScopedEntity>(&self, db: &impl ConnectionTrait, ctx: &Ctx, mut ids: Vec<Uuid>) -> DomainResult<Vec<Uuid>> {
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
        Ok(ids)
    }

    /// Which of `ids` `from_id` links to now.
    async fn linked_among(&self, db: &impl ConnectionTrait, from_id: Uuid, ids: &[Uuid]) -> DomainResult<Vec<Uuid>> {
        L::find()
            .select_only()
            .column(self.to)
            .filter(self.from.eq(from_id))
            .filter(self.to.is_in(ids.to_vec()))
            .into_tuple()
            .all(db)
            .await
            .map_err(db_err)
    }

    async fn write(&self, db: &impl ConnectionTrait, from_id: Uuid, change: &LinkChange, new_link: impl Fn(Uuid) -> L::ActiveModel) -> DomainResult<()>
    where
        L::Model: IntoActiveModel<L::ActiveModel>,
    {
        self.unlink(db, from_id, &change.removed).await?;
        if !change.added.is_empty() {
            L::insert_many(change.added.iter().map(|id| new_link(*id))).exec_without_returning(db).await.map_err(db_err)?;
        }
        Ok(())
    }

    async fn unlink(&self, db: &impl ConnectionTrait, from_id: Uuid, ids: &[Uuid]) -> DomainResult<()> {
        if !ids.is_empty() {
            L::delete_many().filter(self.from.eq(from_id)).filter(self.to.is_in(ids.to_vec())).exec(db).await.map_err(db_err)?;
        }
        Ok(())
    }
}
