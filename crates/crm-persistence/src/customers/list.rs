//! The customer list and its search: the list's own filters (pool, tags, group) and the
//! walk of the recency index that answers a broad search without looking up every match.


use crm_domain::customers::Pool;
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::{Alias, Expr, Func, Query, SelectStatement};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, Value, QueryFilter, QuerySelect, QueryTrait, Select};
use serde_json::json;
use uuid::Uuid;

use super::entities::customer::{self, Column as C, Entity as Customer};
use super::list_spec::spec;
use crate::listing::{bad_field, parse_value, FieldKind, count_capped, fetch_page, fetch_page_by_ids, ids_of, page_from_ids, ListParams, Page};
use crate::scope::{department_members, Scoped};
use crate::{sequences, Ctx, Db};
use super::records::*;

/// The list's query: by default every pool but `invalid`; `pool=` picks one or several.
/// Shared by the list and the export, so both filter, scope and sort alike.
pub async fn list_select(db: &impl ConnectionTrait, ctx: &Ctx, mut params: ListParams) -> DomainResult<Select<Customer>> {
    // The default is written as one inequality, not as a list of the other three pools:
    // PostgreSQL builds a list's array from its parameters again for every row it tests,
    // which took about 13% of the machine in a search walking the recency index.
    let pools = match params.take_filter("pool") {
        None => C::Pool.ne(Pool::Invalid.as_str()),
        Some(raw) => C::Pool.is_in(
            raw.split(',')
                .map(|p| {
                    Pool::parse(p.trim()).map(|p| p.as_str()).ok_or_else(|| {
                        DomainError::bad_request("query.invalid", format!("'{p}' is not a pool; use public, potential, won or invalid"))
                            .with_extra(json!({"errors": [{"field": "pool", "code": "invalid", "message": "unknown pool"}]}))
                    })
                })
                .collect::<DomainResult<Vec<_>>>()?,
        ),
    };
    let tag = params.take_filter("tags");
    let owners = narrowed_owners(db, &mut params).await?;
    let mut select = Scoped::<Customer>::find_for_owners(db, ctx, owners.as_deref()).await?.filter(pools);
    if let Some(since) = params.take_filter("no_follow_up_since") {
        select = select.filter(not_followed_up_since(&since)?);
    }
    if let Some(groups) = params.take_filter("group_id") {
        select = select.filter(crate::customer_groups::members::customer_filter(db, ctx, &groups).await?);
    }
    if let Some(t) = tag {
        // Tags are a JSON array of strings; matching the quoted tag in its text works the
        // same on both databases.
        let quoted = format!("%\"{}\"%", t.trim().replace(['%', '_', '"', '\\'], ""));
        select = select.filter(Expr::expr(Func::cast_as(Expr::col((Customer, C::Tags)), Alias::new("TEXT"))).like(quoted));
    }
    spec().apply(select, &params, db.get_database_backend())
}

/// The owners `owner_id=` and `department_id=` (its people and its sub-departments')
/// narrow the list to; both given, the people in both.
async fn narrowed_owners(db: &impl ConnectionTrait, params: &mut ListParams) -> DomainResult<Option<Vec<Uuid>>> {
    // The spec reads `owner_id` the same way (it stays in the params and filters again).
    let owner = params.filter("owner_id").filter(|o| o.len() == 36).and_then(|o| Uuid::parse_str(o).ok());
    let department = match params.take_filter("department_id") {
        None => None,
        Some(raw) => match parse_value("department_id", FieldKind::Uuid, &raw)? {
            Value::Uuid(Some(d)) => Some(department_members(db, *d).await?),
            _ => None,
        },
    };
    Ok(match (owner, department) {
        (Some(o), Some(people)) => Some(people.into_iter().filter(|p| *p == o).collect()),
        (Some(o), None) => Some(vec![o]),
        (None, people) => people,
    })
}

/// Customers nobody followed up since a time: their last follow-up is older, or they
/// never had one and were created before it ("no follow-up in N days").
fn not_followed_up_since(raw: &str) -> DomainResult<Condition> {
    let since = match parse_value("no_follow_up_since", FieldKind::Timestamp, raw)? {
        Value::ChronoDateTimeUtc(Some(t)) => *t,
        _ => return Err(bad_field("no_follow_up_since", format!("'{raw}' is not a valid RFC 3339 time or date"))),
    };
    Ok(Condition::any()
        .add(C::LastFollowUpAt.lt(since))
        .add(Condition::all().add(C::LastFollowUpAt.is_null()).add(C::CreatedAt.lt(since))))
}

pub async fn list(db: &Db, ctx: &Ctx, params: ListParams) -> DomainResult<Page<CustomerView>> {
    let select = list_select(db, ctx, params.clone()).await?;
    let mut page = if !params.searches() {
        fetch_page(db, select, &params).await?
    } else {
        match recency_walk(db, ctx, &select, &params).await? {
            Some(page) => page,
            None => {
                let order = spec().full_order(&params.sort)?;
                fetch_page_by_ids(db, select, &params, &order, C::Id, |c| c.id).await?
            }
        }
    };
    let rows = std::mem::take(&mut page.items);
    Ok(page.with_items(views(db, rows).await?))
}

/// The longest walk, in index entries, when the count was capped: about 8 ms on
/// PostgreSQL, the cost of looking up some 4,000 matches.
pub(super) const CAPPED_WINDOW: u128 = 40_000;

/// A search's page by walking the recency index instead of looking up every match, when
/// the search is sorted by `updated_at` and many customers match. The walk reads the
/// newest (or oldest) visible customers in index order (on PostgreSQL from the index
/// alone; SQLite also reads each row, by its rowid), as many as should
/// hold the page's matches four times over if matches were spread evenly, and tests their
/// text there. Matches are not spread evenly (a name may only occur in old records), so
/// the window is bounded, and when it holds too few matches the caller looks them up
/// after all. A lookup (a table page on PostgreSQL, an index probe on SQLite) costs about
/// ten index entries read in order, which decides whether the walk is worth trying.
pub(super) async fn recency_walk(db: &Db, ctx: &Ctx, select: &Select<Customer>, params: &ListParams) -> DomainResult<Option<Page<customer::Model>>> {
    let order = spec().full_order(&params.sort)?;
    if !(order.len() == 2 && order.first().is_some_and(|(c, _)| matches!(c, C::UpdatedAt))) {
        return Ok(None);
    }
    let counted = count_capped(db, select.clone(), params.count_cap()).await?;
    let wanted = params.offset() + params.page_size;
    if counted.0 == 0 || (counted.1 && counted.0 <= params.offset()) {
        return Ok(None);
    }
    // Customer numbers count every customer ever created: an upper bound on the rows.
    let issued = sequences::issued_query(db.get_database_backend(), sequences::Series::Customers);
    let rows = u64::try_from(crate::count_cache::total(db, issued).await?).unwrap_or(0);
    let expected_walk = u128::from(wanted) * u128::from(rows) / u128::from(counted.0);
    let lookups = 10 * u128::from(counted.0);
    let mut window = (expected_walk * 4).max(1_000);
    // Even a window walked in vain and the lookups after it cost at most twice the lookups.
    if window >= lookups {
        if counted.1 {
            return Ok(None);
        }
        // A capped count is a floor: the lookups cost more, likely far more, and matches
        // are rarely spread evenly (a fresh import of other customers sits at the head of
        // the index). The window may be `CAPPED_WINDOW` long, still less than counting a
        // thousand matches cost.
        window = window.min(CAPPED_WINDOW);
    }
    let window = u64::try_from(window).unwrap_or(u64::MAX);
    let mut stmt = db.get_database_backend().build(&recency_walk_query(db, ctx, params, window).await?);
    stmt.sql.push_str(&format!(" LIMIT {} OFFSET {}", params.page_size, params.offset()));
    let ids = ids_of(db, stmt).await?;
    let on_page = if counted.1 { params.page_size.min(counted.0 - params.offset()) } else { params.page_size };
    if (ids.len() as u64) < on_page {
        return Ok(None);
    }
    Ok(Some(page_from_ids::<Customer>(db, ids, counted, params, C::Id, |c| c.id).await?))
}

/// The walk's query, without its LIMIT and OFFSET: of the `window` first visible
/// customers in the search's order (read in recency-index order), the ids of those
/// whose text contains `q`, in that order.
pub async fn recency_walk_query(db: &impl ConnectionTrait, ctx: &Ctx, params: &ListParams, window: u64) -> DomainResult<SelectStatement> {
    let q = params.q.as_deref().unwrap_or("").trim().to_lowercase();
    let order = spec().full_order(&params.sort)?;
    let unsearched = ListParams { q: None, ..params.clone() };
    let recent = list_select(db, ctx, unsearched).await?.select_only().column(C::Id).column(C::UpdatedAt).column(C::SearchText).limit(window).into_query();
    let w = Alias::new("w");
    // No text index serves strpos/instr, so the planner reads the window in index order.
    let position = if db.get_database_backend() == sea_orm::DbBackend::Postgres { "strpos" } else { "instr" };
    let mut walk = Query::select();
    walk.column((w.clone(), C::Id)).from_subquery(recent, w.clone());
    for word in crate::listing::search_words(&q)? {
        walk.and_where(Expr::expr(Func::cust(Alias::new(position)).arg(Expr::col((w.clone(), C::SearchText))).arg(word)).gt(0));
    }
    // PostgreSQL sees the window is already in this order and stops at the page. SQLite
    // would sort the whole window first, so there the rows come in the window's order, as
    // a subquery's rows do in SQLite; `recency_walk_pages_match_the_database_order` checks
    // it on both databases.
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        for (c, o) in order {
            walk.order_by((w.clone(), c), o);
        }
    }
    Ok(walk)
}
