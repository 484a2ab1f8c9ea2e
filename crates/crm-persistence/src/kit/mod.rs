//! The resource kit: what every record type of the CRM shares, written once.
//!
//! A module declares a `Resource` (its table, read model, list spec and scope policy) and
//! gets list, get, create, update, delete, restore and export from the functions here. The
//! kit owns the sequence every write repeats — begin, load in the caller's scope, the
//! module's own checks, `If-Match`, the versioned write, the audit diff, commit — so a
//! module writes only what is its own: how a row is built from its input and which rules
//! it must keep.

pub mod links;
pub mod policy;
pub mod record;
pub mod restore;

use std::future::Future;

use crm_domain::{DomainError, DomainResult};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, ModelTrait, QueryFilter, QuerySelect, Select, TryIntoModel,
};
use serde::Serialize;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::db::db_err;
use crate::listing::{fetch_page, ListParams, ListSpec, Page};
use crate::recycle::{self, SoftDelete};
use crate::tx::Tx;
use crate::version::check_if_match;
use crate::{audit, Ctx, Db};

pub use policy::Policy;

/// A stored row of resource `R`.
pub type Row<R> = <<R as Resource>::Entity as EntityTrait>::Model;
type Active<R> = <<R as Resource>::Entity as EntityTrait>::ActiveModel;

/// One record type of the CRM, as the kit sees it.
pub trait Resource: Sized + 'static {
    /// The table; its URL name (`SoftDelete::NAME`) is also its name in the operation
    /// log, the recycle bin and exports.
    type Entity: SoftDelete;
    /// What readers get: the row with the names it refers to.
    type View: Serialize;
    /// The record in a 404's words: "no such {WHAT}".
    const WHAT: &'static str;
    /// Who sees which rows (`policy`).
    const POLICY: Policy;

    fn spec() -> ListSpec<Self::Entity>;

    /// The row's id, read through the `id` column `soft_delete!` names.
    fn id(row: &Row<Self>) -> Uuid {
        match row.get(Self::Entity::id_col()) {
            sea_orm::Value::Uuid(Some(id)) => *id,
            // The column is a UUID by the house naming `soft_delete!` relies on.
            _ => Uuid::nil(),
        }
    }

    /// The row's version, read through the `version` column.
    fn version(row: &Row<Self>) -> i32 {
        match row.get(Self::Entity::version_col()) {
            sea_orm::Value::Int(Some(v)) => v,
            _ => 0,
        }
    }

    /// Columns that other paths write without a new version (a user's last sign-in), which
    /// an update therefore leaves as they are rather than writing back what it read.
    fn unversioned_columns() -> Vec<<Self::Entity as EntityTrait>::Column> {
        Vec::new()
    }

    /// Read models of rows, looking up what they refer to in batch (no N+1).
    fn views(db: &impl ConnectionTrait, ctx: &Ctx, rows: Vec<Row<Self>>) -> impl Future<Output = DomainResult<Vec<Self::View>>>;

    /// The live rows the caller may read (`for_edit`: may change). Catalogue records need
    /// nothing more; owned and child records start from `policy::owned` or
    /// `policy::child_of`.
    fn visible(db: &impl ConnectionTrait, ctx: &Ctx, for_edit: bool) -> impl Future<Output = DomainResult<Select<Self::Entity>>> {
        let _ = (db, ctx, for_edit);
        async { Ok(policy::live::<Self::Entity>()) }
    }

    /// What a write must bring along in the same transaction once the row is written and
    /// logged:
    /// `before` is `None` on create, `after` is `None` on delete (a contact refreshes its
    /// customer's search text; a new primary contact unsets the others).
    fn after_write(tx: &Tx, ctx: &Ctx, before: Option<&Row<Self>>, after: Option<&Row<Self>>) -> impl Future<Output = DomainResult<()>> {
        let _ = (tx, ctx, before, after);
        async { Ok(()) }
    }

    /// List filters of the module's own making (a category with its children, a price
    /// range, a group's members), taken out of `params` before the spec checks the rest;
    /// the list and its export both pass through here.
    fn narrow(db: &impl ConnectionTrait, ctx: &Ctx, select: Select<Self::Entity>, params: &mut ListParams) -> impl Future<Output = DomainResult<Select<Self::Entity>>> {
        let _ = (db, ctx, params);
        async { Ok(select) }
    }
}

/// The fields `R`'s list sorts by, for its documentation.
pub fn sort_names<R: Resource>() -> Vec<&'static str> {
    R::spec().sort_names()
}

/// The list's query: visible rows, the module's own filters, then the spec's.
pub async fn list_select<R: Resource>(db: &impl ConnectionTrait, ctx: &Ctx, mut params: ListParams) -> DomainResult<Select<R::Entity>> {
    let select = R::narrow(db, ctx, R::visible(db, ctx, false).await?, &mut params).await?;
    R::spec().apply(select, &params, db.get_database_backend())
}

/// One page of the records the caller may see, filtered and sorted by the resource's spec.
pub async fn list<R: Resource>(db: &Db, ctx: &Ctx, params: ListParams) -> DomainResult<Page<R::View>> {
    let select = list_select::<R>(db, ctx, params.clone()).await?;
    let mut page = fetch_page(db, select, &params).await?;
    let rows = std::mem::take(&mut page.items);
    Ok(page.with_items(R::views(db, ctx, rows).await?))
}

/// The row if the caller may see it (`for_edit`: change it); 404 otherwise, so a record
/// outside one's scope is indistinguishable from a missing one.
pub async fn load<R: Resource>(db: &impl ConnectionTrait, ctx: &Ctx, id: Uuid, for_edit: bool) -> DomainResult<Row<R>> {
    R::visible(db, ctx, for_edit)
        .await?
        .filter(R::Entity::id_col().eq(id))
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(|| DomainError::not_found(R::WHAT))
}

/// `load` for a change of what hangs off the record (links, lines): the row stays locked
/// until the transaction ends (`FOR UPDATE` on PostgreSQL; SQLite's transactions already
/// take turns), so concurrent changes of one record's set apply one after another.
pub async fn load_locked<R: Resource>(tx: &Tx, ctx: &Ctx, id: Uuid) -> DomainResult<Row<R>> {
    R::visible(tx, ctx, true)
        .await?
        .filter(R::Entity::id_col().eq(id))
        .lock_exclusive()
        .one(tx)
        .await
        .map_err(db_err)?
        .ok_or_else(|| DomainError::not_found(R::WHAT))
}

pub async fn view<R: Resource>(db: &impl ConnectionTrait, ctx: &Ctx, row: Row<R>) -> DomainResult<R::View> {
    R::views(db, ctx, vec![row]).await?.pop().ok_or_else(|| DomainError::internal("a read model went missing"))
}

pub async fn get<R: Resource>(db: &Db, ctx: &Ctx, id: Uuid) -> DomainResult<R::View> {
    view::<R>(db, ctx, load::<R>(db, ctx, id, false).await?).await
}

/// What the caller may do with one record they can read, so a client offers only the
/// actions the server will take (a read-only collaborator, a colleague's customer seen
/// through a wider read scope).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Access {
    /// Change it and what hangs off it.
    Edit,
    /// Only read it.
    Read,
}

/// The caller's `Access` to a record `load` found visible: one query on the edit scope.
pub async fn access<R: Resource>(db: &impl ConnectionTrait, ctx: &Ctx, id: Uuid) -> DomainResult<Access> {
    let editable = R::visible(db, ctx, true)
        .await?
        .filter(R::Entity::id_col().eq(id))
        .select_only()
        .column(R::Entity::id_col())
        .into_tuple::<Uuid>()
        .one(db)
        .await
        .map_err(db_err)?;
    Ok(if editable.is_some() { Access::Edit } else { Access::Read })
}

/// Creates the row `build` makes (it runs inside the transaction, so its checks see what
/// the insert will), with its `create` entry in the operation log.
pub async fn create<R, B>(db: &Db, ctx: &Ctx, build: B) -> DomainResult<R::View>
where
    R: Resource,
    Row<R>: IntoActiveModel<Active<R>>,
    Active<R>: TryIntoModel<Row<R>>,
    B: AsyncFnOnce(&Tx) -> DomainResult<Row<R>>,
{
    create_linked::<R, _, _, _>(db, ctx, async |tx| Ok((build(tx).await?, ())), no_link).await
}

/// The house columns of a new row, whatever `build` put there: version 1, created and
/// updated now, by the caller (where the table has `created_by`), not deleted. A module's
/// `build` fills its own fields and leaves these to `..Default::default()`.
fn stamp_new<R>(ctx: &Ctx, row: Row<R>) -> DomainResult<Row<R>>
where
    R: Resource,
    Row<R>: IntoActiveModel<Active<R>>,
    Active<R>: TryIntoModel<Row<R>>,
{
    use std::str::FromStr;
    type Col<R> = <<R as Resource>::Entity as EntityTrait>::Column;
    let mut active = row.into_active_model();
    active.set(R::Entity::version_col(), 1.into());
    active.set(R::Entity::updated_at_col(), ctx.now.into());
    active.set(R::Entity::deleted_at_col(), Option::<chrono::DateTime<chrono::Utc>>::None.into());
    active.set(R::Entity::deleted_by_col(), Option::<Uuid>::None.into());
    if let Ok(c) = Col::<R>::from_str("created_at") {
        active.set(c, ctx.now.into());
    }
    if let Ok(c) = Col::<R>::from_str("created_by") {
        active.set(c, Some(ctx.actor.user_id).into());
    }
    active.try_into_model().map_err(db_err)
}

/// `create` of a record with links of its own in other tables (a user's roles, a
/// document's lines): `build` makes the row and what its links will be (`X`: checked with
/// the row, so a bad line refuses the create), and `link` writes them once the row exists,
/// before the record is read back and logged.
pub async fn create_linked<R, X, B, L>(db: &Db, ctx: &Ctx, build: B, link: L) -> DomainResult<R::View>
where
    R: Resource,
    Row<R>: IntoActiveModel<Active<R>>,
    Active<R>: TryIntoModel<Row<R>>,
    B: AsyncFnOnce(&Tx) -> DomainResult<(Row<R>, X)>,
    L: AsyncFnOnce(&Tx, &Row<R>, X) -> DomainResult<()>,
{
    let tx = crate::tx::begin(db).await?;
    let v = create_in::<R, X, _, _>(&tx, ctx, build, link).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}

/// `create_linked` inside a transaction the caller holds: a command that makes several
/// records at once (a lead's conversion makes a customer, a contact and an opportunity)
/// makes each as its own create would, and commits them together.
pub async fn create_in<R, X, B, L>(tx: &Tx, ctx: &Ctx, build: B, link: L) -> DomainResult<R::View>
where
    R: Resource,
    Row<R>: IntoActiveModel<Active<R>>,
    Active<R>: TryIntoModel<Row<R>>,
    B: AsyncFnOnce(&Tx) -> DomainResult<(Row<R>, X)>,
    L: AsyncFnOnce(&Tx, &Row<R>, X) -> DomainResult<()>,
{
    let (row, links) = build(tx).await?;
    insert_new::<R, X, _>(tx, ctx, row, links, link).await
}

/// The `link` of a record without links of its own.
pub async fn no_link<M>(_: &Tx, _: &M, (): ()) -> DomainResult<()> {
    Ok(())
}

/// Writes a new row built by the module, with its links, its `create` entry in the
/// operation log and what must come with it; answers its read model.
async fn insert_new<R, X, L>(tx: &Tx, ctx: &Ctx, row: Row<R>, links: X, link: L) -> DomainResult<R::View>
where
    R: Resource,
    Row<R>: IntoActiveModel<Active<R>>,
    Active<R>: TryIntoModel<Row<R>>,
    L: AsyncFnOnce(&Tx, &Row<R>, X) -> DomainResult<()>,
{
    let row = stamp_new::<R>(ctx, row)?;
    let id = R::id(&row);
    R::Entity::insert(row.clone().into_active_model().reset_all()).exec_without_returning(tx).await.map_err(db_err)?;
    link(tx, &row, links).await?;
    let v = view::<R>(tx, ctx, row.clone()).await?;
    audit::record(tx, ctx, R::Entity::NAME, id, "create", &Value::Null, &json!(v)).await?;
    R::after_write(tx, ctx, None, Some(&row)).await?;
    Ok(v)
}

/// At most this many items in one batch (API.md).
pub const MAX_BATCH: usize = 1000;

/// A batch of `n` items is refused (422 `too_many` on `items`) beyond `MAX_BATCH`; a
/// service that does work per item before the batch's transaction asks first.
pub fn check_batch_size(n: usize) -> DomainResult<()> {
    if n > MAX_BATCH {
        return Err(DomainError::invalid_field("items", "too_many", format!("at most {MAX_BATCH} items at once")));
    }
    Ok(())
}

/// What became of one item of a batch.
#[derive(Debug)]
pub enum BatchItem {
    Created(Uuid),
    /// Refused, with the reason a single create would have answered.
    Refused(DomainError),
    /// Valid, but not written because another item was refused (`atomic`).
    NotWritten,
}

/// Creates each item as a single create would (`build` checks it and makes the row, in
/// the transaction, so it sees the items before it), in one transaction: an item that is
/// refused is rolled back to its savepoint and the others stand, or with `atomic` none
/// is written. Answers one outcome per item, in order. `batch_linked` without links.
pub async fn batch<R, I, B>(db: &Db, ctx: &Ctx, items: Vec<I>, atomic: bool, build: B) -> DomainResult<Vec<BatchItem>>
where
    R: Resource,
    Row<R>: IntoActiveModel<Active<R>>,
    Active<R>: TryIntoModel<Row<R>>,
    B: AsyncFn(&Tx, I) -> DomainResult<Row<R>>,
{
    batch_linked::<R, I, (), _, _>(db, ctx, items, atomic, async |tx, item| Ok((build(tx, item).await?, ())), no_link).await
}

/// `batch_linked` without links, inside the caller's transaction (`batch_linked_in`).
pub async fn batch_in<R, I, B>(tx: &Tx, ctx: &Ctx, items: Vec<I>, build: B) -> DomainResult<Vec<BatchItem>>
where
    R: Resource,
    Row<R>: IntoActiveModel<Active<R>>,
    Active<R>: TryIntoModel<Row<R>>,
    B: AsyncFn(&Tx, I) -> DomainResult<Row<R>>,
{
    batch_linked_in::<R, I, (), _, _>(tx, ctx, items, async |tx, item| Ok((build(tx, item).await?, ())), no_link).await
}

/// The batch of a record with links of its own (`create_linked`'s `build` and `link`,
/// per item): each item in its own savepoint of one transaction, a refused one left out
/// (its links, numbers and all), or with `atomic` none written. At most `MAX_BATCH`
/// items (422 `too_many` on `items`).
pub async fn batch_linked<R, I, X, B, L>(db: &Db, ctx: &Ctx, items: Vec<I>, atomic: bool, build: B, link: L) -> DomainResult<Vec<BatchItem>>
where
    R: Resource,
    Row<R>: IntoActiveModel<Active<R>>,
    Active<R>: TryIntoModel<Row<R>>,
    B: AsyncFn(&Tx, I) -> DomainResult<(Row<R>, X)>,
    L: AsyncFn(&Tx, &Row<R>, X) -> DomainResult<()>,
{
    check_batch_size(items.len())?;
    let tx = crate::tx::begin(db).await?;
    let out = batch_linked_in::<R, I, X, B, L>(&tx, ctx, items, build, link).await?;
    let refused = out.iter().any(|o| matches!(o, BatchItem::Refused(_)));
    if atomic && refused {
        // Dropping the transaction rolls it back.
        drop(tx);
        return Ok(out.into_iter().map(|o| if let BatchItem::Created(_) = o { BatchItem::NotWritten } else { o }).collect());
    }
    tx.commit().await.map_err(db_err)?;
    Ok(out)
}

/// The items of a batch inside the caller's transaction (an import's chunk), each in a
/// savepoint: a refused item is left out and the others stand until the caller commits or
/// drops the transaction.
pub async fn batch_linked_in<R, I, X, B, L>(tx: &Tx, ctx: &Ctx, items: Vec<I>, build: B, link: L) -> DomainResult<Vec<BatchItem>>
where
    R: Resource,
    Row<R>: IntoActiveModel<Active<R>>,
    Active<R>: TryIntoModel<Row<R>>,
    B: AsyncFn(&Tx, I) -> DomainResult<(Row<R>, X)>,
    L: AsyncFn(&Tx, &Row<R>, X) -> DomainResult<()>,
{
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let made = tx
            .savepoint(async |tx| {
                let (row, links) = build(tx, item).await?;
                let id = R::id(&row);
                insert_new::<R, X, _>(tx, ctx, row, links, &link).await?;
                Ok(id)
            })
            .await;
        out.push(match made {
            Ok(id) => BatchItem::Created(id),
            // The database failing is the whole batch's failure, not an item's.
            Err(e) if matches!(e.kind, crm_domain::ErrorKind::Internal | crm_domain::ErrorKind::Unavailable { .. }) => return Err(e),
            Err(e) => BatchItem::Refused(e),
        });
    }
    Ok(out)
}

/// Changes a record the caller may change: `change` turns the current row into the next
/// one (checking the module's rules; it runs inside the transaction). Bad input is
/// refused as such (422) before the version is compared (412); the write names the
/// version it read, so a concurrent writer gets 412 and nothing is lost.
pub async fn update<R, F>(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>, change: F) -> DomainResult<R::View>
where
    R: Resource,
    Row<R>: IntoActiveModel<Active<R>>,
    Active<R>: TryIntoModel<Row<R>>,
    F: AsyncFnOnce(&Tx, Row<R>) -> DomainResult<Row<R>>,
{
    update_linked::<R, _, _>(db, ctx, id, if_match, change, no_rule).await
}

/// `update` of a record with links of its own: `link` rewrites them after the row's
/// versioned write, and the audit diff takes them in (the view is read before and after).
pub async fn update_linked<R, F, L>(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>, change: F, link: L) -> DomainResult<R::View>
where
    R: Resource,
    Row<R>: IntoActiveModel<Active<R>>,
    Active<R>: TryIntoModel<Row<R>>,
    F: AsyncFnOnce(&Tx, Row<R>) -> DomainResult<Row<R>>,
    L: AsyncFnOnce(&Tx, &Row<R>) -> DomainResult<()>,
{
    let tx = crate::tx::begin(db).await?;
    let after = update_linked_in::<R, _, _>(&tx, ctx, id, if_match, change, link).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(after)
}

/// `update` inside a transaction the caller holds (a chunk of an import that updates the
/// records its rows duplicate): the same load in the caller's edit scope, checks, version
/// and log entry; the caller commits.
pub async fn update_in<R, F>(tx: &Tx, ctx: &Ctx, id: Uuid, if_match: Option<i32>, change: F) -> DomainResult<R::View>
where
    R: Resource,
    Row<R>: IntoActiveModel<Active<R>>,
    Active<R>: TryIntoModel<Row<R>>,
    F: AsyncFnOnce(&Tx, Row<R>) -> DomainResult<Row<R>>,
{
    update_linked_in::<R, _, _>(tx, ctx, id, if_match, change, no_rule).await
}

/// `update_linked` inside a transaction the caller holds.
pub async fn update_linked_in<R, F, L>(tx: &Tx, ctx: &Ctx, id: Uuid, if_match: Option<i32>, change: F, link: L) -> DomainResult<R::View>
where
    R: Resource,
    Row<R>: IntoActiveModel<Active<R>>,
    Active<R>: TryIntoModel<Row<R>>,
    F: AsyncFnOnce(&Tx, Row<R>) -> DomainResult<Row<R>>,
    L: AsyncFnOnce(&Tx, &Row<R>) -> DomainResult<()>,
{
    let current = load::<R>(tx, ctx, id, true).await?;
    let next = change(tx, current.clone()).await?;
    check_if_match(if_match, R::version(&current))?;
    rewrite_in::<R, _>(tx, ctx, current, next, "update", link).await
}

/// The write half of `update_linked`, in the caller's transaction and under `action` in the
/// operation log: for a change the record's workflow makes once it is decided (an approved
/// amendment), where the caller has settled that `ctx` may make it.
pub async fn rewrite_in<R, L>(tx: &Tx, ctx: &Ctx, current: Row<R>, next: Row<R>, action: &str, link: L) -> DomainResult<R::View>
where
    R: Resource,
    Row<R>: IntoActiveModel<Active<R>>,
    Active<R>: TryIntoModel<Row<R>>,
    L: AsyncFnOnce(&Tx, &Row<R>) -> DomainResult<()>,
{
    let id = R::id(&current);
    let before = view::<R>(tx, ctx, current.clone()).await?;
    let next = write_versioned::<R>(tx, ctx, next, R::version(&current)).await?;
    link(tx, &next).await?;
    let after = view::<R>(tx, ctx, next.clone()).await?;
    audit::record(tx, ctx, R::Entity::NAME, id, action, &json!(before), &json!(after)).await?;
    R::after_write(tx, ctx, Some(&current), Some(&next)).await?;
    Ok(after)
}

/// `UPDATE … SET <every column>, version = read + 1, updated_at = now WHERE id = ? AND
/// version = read`; no row → 412. Returns the row as written.
async fn write_versioned<R>(tx: &Tx, ctx: &Ctx, next: Row<R>, read: i32) -> DomainResult<Row<R>>
where
    R: Resource,
    Row<R>: IntoActiveModel<Active<R>>,
    Active<R>: TryIntoModel<Row<R>>,
{
    let id = R::id(&next);
    let mut changes = next.into_active_model().reset_all();
    changes.set(R::Entity::version_col(), (read + 1).into());
    changes.set(R::Entity::updated_at_col(), ctx.now.into());
    let written = changes.clone().try_into_model().map_err(db_err)?;
    changes.not_set(R::Entity::id_col());
    for c in R::unversioned_columns() {
        changes.not_set(c);
    }
    let res = R::Entity::update_many()
        .set(changes)
        .filter(R::Entity::id_col().eq(id))
        .filter(R::Entity::version_col().eq(read))
        .exec(tx)
        .await
        .map_err(db_err)?;
    if res.rows_affected == 0 {
        return Err(DomainError::stale_version());
    }
    Ok(written)
}

/// Moves a record the caller may change to the recycle bin, after the `If-Match` check
/// and `rule` (the module's reasons to refuse, e.g. "still in use" → 409).
pub async fn delete<R, F>(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>, rule: F) -> DomainResult<()>
where
    R: Resource,
    F: AsyncFnOnce(&Tx, &Row<R>) -> DomainResult<()>,
{
    let tx = crate::tx::begin(db).await?;
    let current = load::<R>(&tx, ctx, id, true).await?;
    let read = R::version(&current);
    check_if_match(if_match, read)?;
    rule(&tx, &current).await?;
    recycle::soft_delete::<R::Entity>(&tx, ctx, id, read).await?;
    R::after_write(&tx, ctx, Some(&current), None).await?;
    tx.commit().await.map_err(db_err)
}

/// For `delete` when the module has no rule of its own (and `create` / `update` with no
/// links).
pub async fn no_rule<M>(_: &Tx, _: &M) -> DomainResult<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use crate::system::entities::{department, role};

    // `stamp_new` finds `created_at` and `created_by` by name; a table without
    // `created_by` (roles) is stamped without it.
    #[test]
    fn house_columns_are_found_by_name() {
        assert!(department::Column::from_str("created_at").is_ok());
        assert!(department::Column::from_str("created_by").is_ok());
        assert!(role::Column::from_str("created_at").is_ok());
        assert!(role::Column::from_str("created_by").is_err());
    }
}
