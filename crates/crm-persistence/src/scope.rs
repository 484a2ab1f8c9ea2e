//! The data-scope filter. Every query of a scoped entity starts from `Scoped::<E>::find`,
//! which hides deleted rows and adds the owner condition for the caller's data scope, so no
//! list, read, update, export or report can forget it.

use std::collections::{HashMap, HashSet};
use std::marker::PhantomData;
use std::sync::Arc;

use crm_domain::actor::{Owners, Shared};
use crm_domain::{Actor, DataScope, DomainError};
use sea_orm::sea_query::{Expr, SelectStatement, SimpleExpr};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QuerySelect, QueryTrait, Select};
use uuid::Uuid;

use crate::db::db_err;
use crate::listing::whole_rows;
use crate::system::entities::{department, user};
use crate::Ctx;

/// An entity whose rows belong to an owner and are visible according to data scope.
#[allow(async_fn_in_trait)]
pub trait ScopedEntity: EntityTrait {
    fn id_column() -> Self::Column;
    fn owner_column() -> Self::Column;
    fn deleted_at_column() -> Self::Column;
    /// Rows everyone may see whatever their scope, e.g. the public customer pool.
    fn visible_to_all() -> Option<Condition> {
        None
    }
    /// Whether rows are shared with people outside their scope (`shared_rows`).
    const SHARED: bool = false;
    /// The column `shared_rows` names values of: the row's id, or the record it shares
    /// in (an opportunity is shared with its customer's collaborators: `customer_id`).
    fn shared_column() -> Self::Column {
        Self::id_column()
    }
    /// The rows shared with `user` outside their scope (collaborators): the value of
    /// `shared_column`, and whether they may change such rows too. Read once per cached
    /// actor (`Actor::shared`).
    async fn shared_rows(_db: &impl ConnectionTrait, _user: Uuid) -> Result<Vec<(Uuid, bool)>, DomainError> {
        Ok(Vec::new())
    }
}

/// `ScopedEntity` for a record owned by `owner_id` and shared with the collaborators of
/// its customer (`customer_id`): opportunities, quotes, orders. They see its records and
/// change them with `edit` access.
#[macro_export]
macro_rules! shared_with_customer {
    ($entity:ty, $col:ident) => {
        impl $crate::scope::ScopedEntity for $entity {
            fn id_column() -> $col {
                $col::Id
            }
            fn owner_column() -> $col {
                $col::OwnerId
            }
            fn deleted_at_column() -> $col {
                $col::DeletedAt
            }
            const SHARED: bool = true;
            fn shared_column() -> $col {
                $col::CustomerId
            }
            async fn shared_rows(db: &impl sea_orm::ConnectionTrait, user: uuid::Uuid) -> Result<Vec<(uuid::Uuid, bool)>, crm_domain::DomainError> {
                <$crate::customers::entities::customer::Entity as $crate::scope::ScopedEntity>::shared_rows(db, user).await
            }
        }
    };
}

pub struct Scoped<E>(PhantomData<E>);

impl<E: ScopedEntity> Scoped<E> {
    /// The starting point of every read of `E` on behalf of a caller: rows of owners in
    /// their scope, rows visible to all, and rows shared with them.
    pub async fn find(db: &impl ConnectionTrait, ctx: &Ctx) -> Result<Select<E>, DomainError> {
        Self::build(db, ctx, false).await
    }

    /// The starting point of every write: rows of owners in the caller's scope and rows
    /// shared with them for editing. Rows visible to all (the public pool) are not
    /// editable through it; their own commands (claim) start from `find`.
    pub async fn find_editable(db: &impl ConnectionTrait, ctx: &Ctx) -> Result<Select<E>, DomainError> {
        Self::build(db, ctx, true).await
    }

    async fn build(db: &impl ConnectionTrait, ctx: &Ctx, for_edit: bool) -> Result<Select<E>, DomainError> {
        let mut select = whole_rows::<E>().filter(E::deleted_at_column().is_null());
        if let Some(owners) = visible_owner_ids(db, &ctx.actor).await? {
            let mut any = Condition::any().add(in_list::<E>(db.get_database_backend(), E::owner_column(), &owners.ids, Some(&owners.listed)));
            if let Some(public) = E::visible_to_all().filter(|_| !for_edit) {
                any = any.add(public);
            }
            if E::SHARED {
                let shared = shared_ids::<E>(db, &ctx.actor).await?;
                let set = if for_edit { &shared.edit } else { &shared.read };
                if !set.ids.is_empty() {
                    any = any.add(in_list::<E>(db.get_database_backend(), E::shared_column(), &set.ids, Some(&set.listed)));
                }
            }
            select = select.filter(any);
        }
        Ok(select)
    }

    /// `find` for a list the caller narrows to some owners' rows (`owner_id=`, a
    /// department's people). When their scope covers all of those owners, every such row
    /// is visible, so the scope's condition — a department manager's thousand owners — is
    /// left out and the query is the one an administrator's would be; otherwise both apply.
    pub async fn find_for_owners(db: &impl ConnectionTrait, ctx: &Ctx, owners: Option<&[Uuid]>) -> Result<Select<E>, DomainError> {
        let Some(owners) = owners else { return Self::find(db, ctx).await };
        let narrowed = in_list::<E>(db.get_database_backend(), E::owner_column(), owners, None);
        let covered = visible_owner_ids(db, &ctx.actor).await?.is_none_or(|v| owners.iter().all(|o| v.contains(o)));
        if covered {
            return Ok(whole_rows::<E>().filter(E::deleted_at_column().is_null()).filter(narrowed));
        }
        Ok(Self::find(db, ctx).await?.filter(narrowed))
    }

    /// The owners whose rows are exactly what the caller reads: `Some(None)` for everyone's,
    /// `Some(Some(owners))` when their scope is those owners' rows and nothing of `E` is
    /// shared with them from outside it, `None` when shares widen it (so sums kept per owner
    /// do not cover what they see).
    pub async fn read_by_owners_only(db: &impl ConnectionTrait, ctx: &Ctx) -> Result<Option<Option<Arc<Owners>>>, DomainError> {
        let Some(owners) = visible_owner_ids(db, &ctx.actor).await? else { return Ok(Some(None)) };
        if E::visible_to_all().is_some() || (E::SHARED && !shared_ids::<E>(db, &ctx.actor).await?.read.ids.is_empty()) {
            return Ok(None);
        }
        Ok(Some(Some(owners)))
    }

    /// `SELECT id FROM <E> WHERE <scope>`: child records (a customer's contacts and
    /// follow-ups) are visible exactly when their parent is, through this subquery.
    pub async fn visible_ids(db: &impl ConnectionTrait, ctx: &Ctx) -> Result<SelectStatement, DomainError> {
        Ok(Self::find(db, ctx).await?.select_only().column(E::id_column()).into_query())
    }

    /// Like `visible_ids`, for the parents a caller may change children of.
    pub async fn editable_ids(db: &impl ConnectionTrait, ctx: &Ctx) -> Result<SelectStatement, DomainError> {
        Ok(Self::find_editable(db, ctx).await?.select_only().column(E::id_column()).into_query())
    }
}

/// More ids than this go to PostgreSQL as one array constant (`in_list`).
const OWNERS_INLINE: usize = 32;

/// `column IN (ids)`: owners of a scope, records shared with the caller. On PostgreSQL a
/// long list is one `uuid[]` constant written into
/// the SQL: a department manager's thousand owners as a thousand bound values cost more
/// to build, bind and parse than the list's queries themselves (407 rps against the
/// admin's 2,990 in bench/run.sh); unpacked from one JSON parameter they still built a
/// hash table per query from parsed JSON (a quarter of the admin's rate). A constant array
/// is parsed with the statement, which stays prepared, and tested by a hashed lookup; a
/// bound `uuid[]` would not be hashed, since a generic plan cannot hash a parameter (6 ms a
/// count against 0.3). The ids are UUIDs formatted by `Owners` (`listed`, once per cached
/// actor) or here, so nothing else reaches the SQL. SQLite, in the process, takes the
/// plain list.
pub(crate) fn in_list<E: EntityTrait>(backend: DbBackend, column: E::Column, owners: &[Uuid], listed: Option<&str>) -> SimpleExpr {
    if backend != DbBackend::Postgres || owners.len() <= OWNERS_INLINE {
        return column.is_in(owners.iter().copied());
    }
    let list = listed.map_or_else(|| owners.iter().map(Uuid::to_string).collect::<Vec<_>>().join(","), str::to_string);
    let (table, column) = (E::default().table_name().to_owned(), sea_orm::IdenStatic::as_str(&column).to_owned());
    Expr::cust(format!("\"{table}\".\"{column}\" = ANY('{{{list}}}'::uuid[])"))
}

/// The rows of `E` shared with the actor, read once per cached actor. A subquery on the
/// shares in every query cost a hashed subplan per execution (a third of a manager's list
/// rate on PostgreSQL); people have few shares, so the ids go in as a list instead.
async fn shared_ids<E: ScopedEntity>(db: &impl ConnectionTrait, actor: &Actor) -> Result<Arc<Shared>, DomainError> {
    let name = std::any::type_name::<E>();
    if let Some(known) = actor.shared.lock().ok().and_then(|m| m.get(name).cloned()) {
        return Ok(known);
    }
    let rows = E::shared_rows(db, actor.user_id).await?;
    let shared = Arc::new(Shared {
        read: Owners::new(rows.iter().map(|(id, _)| *id).collect()),
        edit: Owners::new(rows.iter().filter(|(_, edit)| *edit).map(|(id, _)| *id).collect()),
    });
    if let Ok(mut m) = actor.shared.lock() {
        m.insert(name, shared.clone());
    }
    Ok(shared)
}

/// A record may be given to `owner_id` (named by `field`): a live, enabled user whose
/// records the caller's scope covers (the caller always is). Leads, opportunities and sales
/// plans take their owner through it.
pub async fn assignable_owner(db: &impl ConnectionTrait, ctx: &Ctx, owner_id: Uuid, field: &str) -> Result<(), DomainError> {
    let u = user::Entity::find_by_id(owner_id).filter(user::Column::DeletedAt.is_null()).one(db).await.map_err(db_err)?;
    match u {
        None => Err(DomainError::invalid_field(field, "not_found", "no such user")),
        Some(u) if !u.enabled => Err(DomainError::invalid_field(field, "disabled", "this user is disabled")),
        Some(_) if owner_id == ctx.actor.user_id => Ok(()),
        Some(_) if visible_owner_ids(db, &ctx.actor).await?.is_none_or(|o| o.contains(&owner_id)) => Ok(()),
        Some(_) => Err(DomainError::invalid_field(field, "out_of_scope", "records may go only to people whose records you see")),
    }
}

/// The owners whose records the actor may see; `None` means everyone's. Resolved once per
/// actor (`Actor::visible_owners`), not on every query.
pub async fn visible_owner_ids(db: &impl ConnectionTrait, actor: &Actor) -> Result<Option<Arc<Owners>>, DomainError> {
    if actor.scope.is_all() {
        return Ok(None);
    }
    if let Some(known) = actor.visible_owners.get() {
        return Ok(known.clone());
    }
    let owners = resolve_owners(db, actor).await?;
    // A concurrent request may have resolved it first; both answers are the same.
    let _ = actor.visible_owners.set(owners.clone());
    Ok(owners)
}

async fn resolve_owners(db: &impl ConnectionTrait, actor: &Actor) -> Result<Option<Arc<Owners>>, DomainError> {
    let mut owners: HashSet<Uuid> = HashSet::from([actor.user_id]);
    for scope in actor.scope.scopes() {
        match scope {
            DataScope::All | DataScope::Own => {}
            DataScope::SelfAndSubordinates => owners.extend(subordinates(db, actor.user_id).await?),
            DataScope::Department | DataScope::DepartmentTree => {
                let Some(dept) = actor.department_id else { continue };
                let depts = if *scope == DataScope::Department { vec![dept] } else { department_subtree(db, dept).await? };
                owners.extend(people_of(db, depts).await?);
            }
        }
    }
    Ok(Some(Arc::new(Owners::new(owners.into_iter().collect()))))
}

/// Everyone below `user_id` in the supervisor chain, however deep.
pub async fn subordinates(db: &impl ConnectionTrait, user_id: Uuid) -> Result<Vec<Uuid>, DomainError> {
    let pairs: Vec<(Uuid, Option<Uuid>)> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::SupervisorId)
        .filter(user::Column::SupervisorId.is_not_null())
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)?;
    let mut children: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for (id, sup) in pairs {
        if let Some(s) = sup {
            children.entry(s).or_default().push(id);
        }
    }
    Ok(walk(&children, user_id))
}

/// The department and all departments below it.
pub async fn department_subtree(db: &impl ConnectionTrait, root: Uuid) -> Result<Vec<Uuid>, DomainError> {
    let pairs: Vec<(Uuid, Option<Uuid>)> = department::Entity::find()
        .select_only()
        .column(department::Column::Id)
        .column(department::Column::ParentId)
        .filter(department::Column::DeletedAt.is_null())
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)?;
    let mut children: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for (id, parent) in pairs {
        if let Some(p) = parent {
            children.entry(p).or_default().push(id);
        }
    }
    let mut out = walk(&children, root);
    out.push(root);
    Ok(out)
}

/// The people of a department and of every department below it: a list's
/// `department_id` filter, the owners it narrows to.
pub async fn department_members(db: &impl ConnectionTrait, root: Uuid) -> Result<Vec<Uuid>, DomainError> {
    let mut ids = people_of(db, department_subtree(db, root).await?).await?;
    ids.sort();
    Ok(ids)
}

async fn people_of(db: &impl ConnectionTrait, departments: Vec<Uuid>) -> Result<Vec<Uuid>, DomainError> {
    user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .filter(user::Column::DepartmentId.is_in(departments))
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)
}

/// Descendants of `root` in a parent → children map; a visited set stops at cycles.
fn walk(children: &HashMap<Uuid, Vec<Uuid>>, root: Uuid) -> Vec<Uuid> {
    let mut seen = HashSet::from([root]);
    let mut stack = vec![root];
    let mut out = Vec::new();
    while let Some(n) = stack.pop() {
        for c in children.get(&n).into_iter().flatten() {
            if seen.insert(*c) {
                out.push(*c);
                stack.push(*c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_finds_descendants_and_survives_cycles() {
        let (a, b, c) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        let map = HashMap::from([(a, vec![b]), (b, vec![c]), (c, vec![a])]);
        let mut d = walk(&map, a);
        d.sort();
        assert_eq!(d, vec![b, c]);
    }
}
