//! Who sees which rows of a resource. Three policies cover the CRM:
//! - `Catalogue`: every holder of the resource's read permission sees every live row
//!   (products, suppliers, categories, dictionaries);
//! - `Owned`: rows belong to an owner and are visible by the caller's data scope
//!   (`scope::Scoped`), plus the rows their entity shares (public pool, collaborators);
//! - `Child`: rows of a scoped parent (a customer's contacts), visible and editable
//!   exactly when their parent is; a row with one of two kinds of parent (a follow-up
//!   with a customer or a lead) when its parent is (`child_of_either`);
//! - `Personal`: each user's own rows (saved views), which no one else sees, whatever
//!   their data scope.
//!
//! The caller's visible owners are resolved once per cached actor (`scope`), so a list
//! costs no extra query for a manager's department or subordinates.

use crm_domain::DomainResult;
use sea_orm::sea_query::{Expr, Func, Query, SimpleExpr, UnionType};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Select};

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
/// may read (or change). A caller who sees every owner's rows sees all but the children of
/// deleted parents: an anti-join against the few deleted ones, rather than a semi-join
/// that hashes every live parent on each query (200,000 contracts for a page of payments).
pub async fn child_of<E: SoftDelete, P: ScopedEntity>(db: &impl ConnectionTrait, ctx: &Ctx, parent: E::Column, for_edit: bool) -> DomainResult<Select<E>> {
    if crate::scope::visible_owner_ids(db, &ctx.actor).await?.is_none() {
        return Ok(live::<E>().filter(deleted_parent::<E, P>(parent, None).not()));
    }
    let parents = if for_edit { Scoped::<P>::editable_ids(db, ctx).await? } else { Scoped::<P>::visible_ids(db, ctx).await? };
    Ok(live::<E>().filter(parent.in_subquery(parents)))
}

/// `child_of` for a query that reads every visible child at once (a report's sums, no page):
/// on PostgreSQL the caller's parent ids are read once into an array (`= ANY(ARRAY(…))`),
/// which it serves by probing the child's index per parent, where `IN (…)` let it choose a
/// parallel scan of every parent (one rep's ageing: 28 ms in one process against 64 ms in
/// three). A page keeps `child_of`: there the planner may rightly walk the sort's index.
pub async fn all_children_of<E: SoftDelete, P: ScopedEntity>(db: &impl ConnectionTrait, ctx: &Ctx, parent: E::Column) -> DomainResult<Select<E>> {
    if crate::scope::visible_owner_ids(db, &ctx.actor).await?.is_none() || db.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
        return child_of::<E, P>(db, ctx, parent, false).await;
    }
    let parents = Scoped::<P>::visible_ids(db, ctx).await?.to_string(sea_orm::sea_query::PostgresQueryBuilder);
    let column = format!("\"{}\".\"{}\"", E::default().table_name(), sea_orm::IdenStatic::as_str(&parent));
    Ok(live::<E>().filter(Expr::cust(format!("{column} = ANY(ARRAY({parents}))"))))
}

/// The live rows of `E` that belong to a row of `P` (through `first`) or, when `first` is
/// null, of `Q` (through `second`: a follow-up with a customer, or with a lead until the
/// lead converts), visible (or editable) when that parent is. `second` is `None` when the
/// caller may not read `Q` at all.
///
/// Two shapes, each one join PostgreSQL plans well at a million rows (an OR of two
/// `IN (…)` cannot become a join; it hashes every visible parent on each query):
/// - a caller who sees every owner's rows sees all but the children of deleted parents:
///   anti-joins against the few deleted ones;
/// - anyone else, `COALESCE(first, second) IN (their P ids UNION ALL their Q ids)`, which
///   the expression index on `COALESCE(first, second)` serves (ids are UUIDs, so the two
///   kinds never collide).
pub async fn child_of_either<E: SoftDelete, P: ScopedEntity, Q: ScopedEntity>(
    db: &impl ConnectionTrait,
    ctx: &Ctx,
    first: E::Column,
    second: Option<E::Column>,
    for_edit: bool,
) -> DomainResult<Select<E>> {
    let col = |c: E::Column| Expr::col((E::default(), c));
    if crate::scope::visible_owner_ids(db, &ctx.actor).await?.is_none() {
        let mut select = live::<E>().filter(deleted_parent::<E, P>(first, None).not());
        select = match second {
            Some(second) => select.filter(deleted_parent::<E, Q>(second, Some(col(first).is_null())).not()),
            None => select.filter(col(first).is_not_null()),
        };
        return Ok(select);
    }
    let firsts = visible_ids::<P>(db, ctx, for_edit).await?;
    let Some(second) = second else { return Ok(live::<E>().filter(col(first).in_subquery(firsts))) };
    let mut parents = firsts;
    parents.union(UnionType::All, visible_ids::<Q>(db, ctx, for_edit).await?);
    let subject = Expr::expr(Func::coalesce([col(first).into(), col(second).into()]));
    Ok(live::<E>().filter(subject.in_subquery(parents)))
}

/// `EXISTS (the deleted row of P that this row of E names through link)`.
fn deleted_parent<E: EntityTrait, P: ScopedEntity>(link: E::Column, only_if: Option<SimpleExpr>) -> SimpleExpr {
    let mut q = Query::select();
    q.expr(Expr::val(1))
        .from(P::default())
        .and_where(Expr::col((P::default(), P::id_column())).equals((E::default(), link)))
        .and_where(Expr::col((P::default(), P::deleted_at_column())).is_not_null());
    if let Some(only_if) = only_if {
        q.and_where(only_if);
    }
    Expr::exists(q.to_owned())
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

