//! Who sees which rows of a resource. Three policies cover the CRM:
//! - `Catalogue`: every holder of the resource's read permission sees every live row
//!   (products, suppliers, categories, dictionaries);
//! - `Owned`: rows belong to an owner and are visible by the caller's data scope
//!   (`scope::Scoped`), plus the rows their entity shares (public pool, collaborators);
//! - `Child`: rows of a scoped parent (a customer's contacts), visible and editable
//!   exactly when their parent is;
//! - `Personal`: each user's own rows (saved views), which no one else sees, whatever
//!   their data scope.
//!
//! The caller's visible owners are resolved once per cached actor (`scope`), so a list
//! costs no extra query for a manager's department or subordinates.

use crm_domain::DomainResult;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, Select};

use crate::listing::whole_rows;
use crate::recycle::SoftDelete;
use crate::scope::{Scoped, ScopedEntity};
use crate::Ctx;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    Catalogue,
    Owned,
    Child,
    Personal,
}

/// The live rows of `E`: the start of a catalogue resource's every read.
pub fn live<E: SoftDelete>() -> Select<E> {
    whole_rows::<E>().filter(E::deleted_at_col().is_null())
}

/// The rows of an owned entity the caller may read (or change).
pub async fn owned<E: ScopedEntity>(db: &impl ConnectionTrait, ctx: &Ctx, for_edit: bool) -> DomainResult<Select<E>> {
    if for_edit {
        Scoped::<E>::find_editable(db, ctx).await
    } else {
        Scoped::<E>::find(db, ctx).await
    }
}

/// The live rows of child entity `E` whose `parent` column names a row of `P` the caller
/// may read (or change).
pub async fn child_of<E: SoftDelete, P: ScopedEntity>(db: &impl ConnectionTrait, ctx: &Ctx, parent: E::Column, for_edit: bool) -> DomainResult<Select<E>> {
    let parents = if for_edit { Scoped::<P>::editable_ids(db, ctx).await? } else { Scoped::<P>::visible_ids(db, ctx).await? };
    Ok(live::<E>().filter(parent.in_subquery(parents)))
}

/// `SELECT id FROM <E> WHERE <rows the caller may read>`, for modules that link to a
/// resource they do not own (a group's members, a supplier's customers).
pub async fn visible_ids<E: ScopedEntity>(db: &impl ConnectionTrait, ctx: &Ctx, for_edit: bool) -> DomainResult<sea_orm::sea_query::SelectStatement> {
    if for_edit {
        Scoped::<E>::editable_ids(db, ctx).await
    } else {
        Scoped::<E>::visible_ids(db, ctx).await
    }
}

