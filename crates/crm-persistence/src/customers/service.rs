//! Customer use cases. Every read goes through `Scoped::<customer::Entity>::find`, so a
//! customer outside the caller's data scope is simply not found (404).


use chrono::{DateTime, Utc};
use crm_domain::customers::{normalise_name, normalise_phone, pool, CustomerKind, CustomerPatch, NewCustomer, Pool, PoolCommand};
use crm_domain::validate::Validator;
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::{Alias, Expr, Func, Query, SelectStatement};
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait, Select};
use serde::Serialize;
use serde_json::{json, Value};
use uuid::Uuid;

use super::entities::collaborator;
use super::entities::customer::{self, Column as C, Entity as Customer};
use super::list_spec::spec;
use crate::db::{self, db_err};
use crate::listing::{count_capped, fetch_page, fetch_page_by_ids, ids_of, page_from_ids, ListParams, Page};
use crate::recycle;
use crate::scope::{Scoped, ScopedEntity};
use crate::system::entities::user;
use crate::version::{check_if_match, update_versioned};
use crate::{audit, dictionaries, sequences, Ctx, Db};

impl ScopedEntity for Customer {
    fn id_column() -> C {
        C::Id
    }
    fn owner_column() -> C {
        C::OwnerId
    }
    fn deleted_at_column() -> C {
        C::DeletedAt
    }
    /// The public pool is open to everyone who may read customers: that is how they claim.
    fn visible_to_all() -> Option<Condition> {
        Some(Condition::all().add(C::Pool.eq(Pool::Public.as_str())))
    }
    fn shared_with(user: Uuid, for_edit: bool) -> Option<Condition> {
        let mut q = Query::select();
        q.column(collaborator::Column::CustomerId).from(collaborator::Entity).and_where(Expr::col(collaborator::Column::UserId).eq(user));
        if for_edit {
            q.and_where(Expr::col(collaborator::Column::Access).eq("edit"));
        }
        Some(Condition::all().add(C::Id.in_subquery(q.to_owned())))
    }
}

crate::soft_delete!(Customer, "customers", Name);

#[derive(Debug, Clone, Serialize)]
pub struct CustomerView {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub industry: Option<String>,
    pub source: Option<String>,
    pub level: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub district: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub tags: Vec<String>,
    pub remark: Option<String>,
    pub owner_id: Option<Uuid>,
    pub owner_name: Option<String>,
    pub pool: String,
    pub pool_reason: Option<String>,
    pub deal_status: String,
    pub last_follow_up_at: Option<DateTime<Utc>>,
    pub next_follow_up_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Views for a page of rows, with owner names in one query.
pub(crate) async fn views(db: &impl ConnectionTrait, rows: Vec<customer::Model>) -> DomainResult<Vec<CustomerView>> {
    let names = crate::system::user_names::display_names(db, rows.iter().filter_map(|c| c.owner_id)).await?;
    Ok(rows
        .into_iter()
        .map(|c| CustomerView {
            owner_name: c.owner_id.and_then(|o| names.get(&o).cloned()),
            tags: serde_json::from_value(c.tags).unwrap_or_default(),
            id: c.id,
            code: c.code,
            name: c.name,
            kind: c.kind,
            industry: c.industry,
            source: c.source,
            level: c.level,
            province: c.province,
            city: c.city,
            district: c.district,
            address: c.address,
            phone: c.phone,
            email: c.email,
            website: c.website,
            remark: c.remark,
            owner_id: c.owner_id,
            pool: c.pool,
            pool_reason: c.pool_reason,
            deal_status: c.deal_status,
            last_follow_up_at: c.last_follow_up_at,
            next_follow_up_at: c.next_follow_up_at,
            version: c.version,
            created_by: c.created_by,
            created_at: c.created_at,
            updated_at: c.updated_at,
        })
        .collect())
}

async fn view(db: &impl ConnectionTrait, row: customer::Model) -> DomainResult<CustomerView> {
    views(db, vec![row]).await?.pop().ok_or_else(|| DomainError::internal("customer view"))
}

/// A customer the caller may change, or 404 (a read-only collaborator cannot).
pub(crate) async fn find_editable(db: &impl ConnectionTrait, ctx: &Ctx, id: Uuid) -> DomainResult<customer::Model> {
    Scoped::<Customer>::find_editable(db, ctx)
        .await?
        .filter(C::Id.eq(id))
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(|| DomainError::not_found("customer"))
}

/// Whether the caller is on the owner's side (the owner, or someone whose data scope
/// covers the owner), as releasing, invalidating and sharing require; collaborators are not.
pub(crate) async fn check_owner_side(db: &impl ConnectionTrait, ctx: &Ctx, cust: &customer::Model, what: &str) -> DomainResult<()> {
    let ok = match crate::scope::visible_owner_ids(db, &ctx.actor).await? {
        None => true,
        Some(owners) => cust.owner_id.is_some_and(|o| owners.contains(&o)),
    };
    if ok {
        Ok(())
    } else {
        Err(DomainError::forbidden(format!("only the owner or their managers may {what} this customer")))
    }
}

/// A customer the caller may see, or 404.
async fn find_visible(db: &impl ConnectionTrait, ctx: &Ctx, id: Uuid) -> DomainResult<customer::Model> {
    Scoped::<Customer>::find(db, ctx)
        .await?
        .filter(C::Id.eq(id))
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(|| DomainError::not_found("customer"))
}

pub async fn get(db: &Db, ctx: &Ctx, id: Uuid) -> DomainResult<CustomerView> {
    view(db, find_visible(db, ctx, id).await?).await
}

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
    let mut select = Scoped::<Customer>::find(db, ctx).await?.filter(pools);
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
const CAPPED_WINDOW: u128 = 40_000;

/// A search's page by walking the recency index instead of looking up every match, when
/// the search is sorted by `updated_at` and many customers match. The walk reads the
/// newest (or oldest) visible customers in index order (on PostgreSQL from the index
/// alone; SQLite also reads each row, by its rowid), as many as should
/// hold the page's matches four times over if matches were spread evenly, and tests their
/// text there. Matches are not spread evenly (a name may only occur in old records), so
/// the window is bounded, and when it holds too few matches the caller looks them up
/// after all. A lookup (a table page on PostgreSQL, an index probe on SQLite) costs about
/// ten index entries read in order, which decides whether the walk is worth trying.
async fn recency_walk(db: &Db, ctx: &Ctx, select: &Select<Customer>, params: &ListParams) -> DomainResult<Option<Page<customer::Model>>> {
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
    walk.column((w.clone(), C::Id))
        .from_subquery(recent, w.clone())
        .and_where(Expr::expr(Func::cust(Alias::new(position)).arg(Expr::col((w.clone(), C::SearchText))).arg(q)).gt(0));
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

async fn check_codes(db: &impl crate::db::Source, industry: Option<&str>, source: Option<&str>, level: Option<&str>) -> DomainResult<()> {
    let mut errors = Vec::new();
    for (kind, field, code) in [("industry", "industry", industry), ("customer_source", "source", source), ("customer_level", "level", level)] {
        if let Some(c) = code {
            if let Err(e) = dictionaries::check_code(db, kind, field, c).await {
                errors.extend(e.errors);
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(DomainError::validation(errors))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Duplicate {
    pub field: String,
    pub id: Uuid,
    pub name: String,
}

/// The normalised keys a duplicate check compares, each with its field; empty ones left out.
fn duplicate_keys(name: Option<&str>, phone: Option<&str>, email: Option<&str>) -> Vec<(&'static str, String)> {
    let keys = [
        ("name", name.map(normalise_name)),
        ("phone", phone.map(normalise_phone)),
        ("email", email.map(|e| e.trim().to_lowercase())),
    ];
    keys.into_iter().filter_map(|(f, k)| k.filter(|k| !k.is_empty()).map(|k| (f, k))).collect()
}

/// The duplicate check's query: live customers (any pool, any owner) with one of the keys.
pub fn duplicates_select(name: Option<&str>, phone: Option<&str>, email: Option<&str>, except: Option<Uuid>) -> Select<Customer> {
    select_duplicates(&duplicate_keys(name, phone, email), except)
}

/// The rows of the unique index on a duplicate key column (migration `m20260325`): live
/// customers, and for names those with a key left once normalised. A query on a key
/// states this word for word: both planners use a partial index only for a query whose
/// own terms imply its condition, a bound value proves nothing to PostgreSQL's generic
/// plans, and SQLite looks at each arm of an OR on its own.
pub(crate) fn key_rows(col: C) -> Condition {
    let live = Condition::all().add(C::DeletedAt.is_null());
    match col {
        C::NameNorm => live.add(Expr::cust("name_norm <> ''")),
        _ => live,
    }
}

/// One query for the three keys; each key has its own unique index, so this is a BitmapOr.
fn select_duplicates(keys: &[(&'static str, String)], except: Option<Uuid>) -> Select<Customer> {
    // Without a key nothing is a duplicate: sea-query writes an empty `any` as false.
    let mut any = Condition::any();
    for (field, key) in keys {
        let col = match *field {
            "name" => C::NameNorm,
            "phone" => C::PhoneNorm,
            _ => C::Email,
        };
        any = any.add(key_rows(col).add(col.eq(key.clone())));
    }
    // scope-bypass: duplicates are checked across all owners (CUS-6); only id and name leave.
    let mut q = Customer::find().filter(any);
    if let Some(id) = except {
        q = q.filter(C::Id.ne(id));
    }
    q.select_only().column(C::Id).column(C::Name).column(C::NameNorm).column(C::PhoneNorm).column(C::Email).limit(15)
}

/// Live customers whose normalised name, phone or e-mail equals the given ones. Only id
/// and name leave here, so nothing outside the caller's scope leaks.
pub(crate) async fn find_duplicates(
    db: &impl ConnectionTrait,
    name: Option<&str>,
    phone: Option<&str>,
    email: Option<&str>,
    except: Option<Uuid>,
) -> DomainResult<Vec<Duplicate>> {
    duplicates_by_keys(db, &duplicate_keys(name, phone, email), except).await
}

async fn duplicates_by_keys(db: &impl ConnectionTrait, keys: &[(&'static str, String)], except: Option<Uuid>) -> DomainResult<Vec<Duplicate>> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let rows = db.query_all(db.get_database_backend().build(&select_duplicates(keys, except).into_query())).await.map_err(db_err)?;
    duplicates_among(keys, &rows)
}

/// Which of `keys` each row of `select_duplicates` shares, as duplicates.
fn duplicates_among(keys: &[(&'static str, String)], rows: &[sea_orm::QueryResult]) -> DomainResult<Vec<Duplicate>> {
    type Keys = (Uuid, String, String, Option<String>, Option<String>);
    let rows = rows
        .iter()
        .map(|r| <Keys as sea_orm::TryGetableMany>::try_get_many(r, "", &["id", "name", "name_norm", "phone_norm", "email"].map(String::from)))
        .collect::<Result<Vec<Keys>, _>>()
        .map_err(|e| DomainError::internal(format!("duplicate row: {e:?}")))?;
    let mut out = Vec::new();
    for (field, key) in keys {
        for (id, name, name_norm, phone_norm, email) in &rows {
            let hit = match *field {
                "name" => name_norm == key,
                "phone" => phone_norm.as_deref() == Some(key.as_str()),
                _ => email.as_deref().map(str::to_lowercase).as_deref() == Some(key.as_str()),
            };
            if hit {
                out.push(Duplicate { field: (*field).into(), id: *id, name: name.clone() });
            }
        }
    }
    Ok(out)
}

fn duplicate_error(d: &Duplicate) -> DomainError {
    DomainError::duplicate(
        "customer.duplicate",
        format!("a customer with the same {} exists: {}", d.field, d.name),
        &d.field,
        format!("same as customer {}", d.name),
        d.id,
        &d.name,
    )
}

/// `e` when a unique key index refused a write: another customer with one of `keys`
/// committed after the check had looked (a race the check alone cannot see on
/// PostgreSQL). Asked again, now that it is committed, the check names it in the 409
/// the caller would have had a moment later.
async fn refused_as_duplicate(db: &Db, e: DomainError, keys: &[(&'static str, String)], except: Option<Uuid>) -> DomainError {
    if e.code != db::UNIQUE_VIOLATION {
        return e;
    }
    match duplicates_by_keys(db, keys, except).await {
        Ok(found) => found.first().map_or(e, duplicate_error),
        Err(_) => e,
    }
}

pub async fn duplicates(db: &Db, name: Option<&str>, phone: Option<&str>, email: Option<&str>) -> DomainResult<Vec<Duplicate>> {
    find_duplicates(db, name, phone, email, None).await
}

/// On PostgreSQL the duplicate check, the customer and its log entry are one statement
/// (`audit::insert_recorded_unless`), and the checks before it run outside a transaction,
/// where under READ COMMITTED they see what they saw inside one. SQLite writers take
/// turns, so there everything runs in the writer's transaction.
pub async fn create(db: &Db, ctx: &Ctx, input: NewCustomer) -> DomainResult<CustomerView> {
    let input = input.validate()?;
    let keys = duplicate_keys(Some(&input.name), input.phone.as_deref(), input.email.as_deref());
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        let model = new_customer(db, ctx, input).await?;
        let v = view(db, model.clone()).await?;
        let check = select_duplicates(&keys, None).into_query();
        let found = match audit::insert_recorded_unless(db, ctx, customer::ActiveModel::from(model), check, "customers", v.id, &json!(v)).await {
            Ok(found) => found,
            Err(e) => return Err(refused_as_duplicate(db, e, &keys, None).await),
        };
        return match duplicates_among(&keys, &found)?.first() {
            Some(d) => Err(duplicate_error(d)),
            None if found.is_empty() => Ok(v),
            None => Err(DomainError::internal("the duplicate check found a row matching none of its keys")),
        };
    }
    let tx = crate::tx::begin(db).await?;
    if let Some(d) = duplicates_by_keys(&tx, &keys, None).await?.first() {
        return Err(duplicate_error(d));
    }
    let model = new_customer(&tx, ctx, input).await?;
    Customer::insert(customer::ActiveModel::from(model.clone())).exec_without_returning(&tx).await.map_err(db_err)?;
    let v = view(&tx, model).await?;
    audit::record(&tx, ctx, "customers", v.id, "create", &Value::Null, &json!(v)).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}

/// A new customer of the caller, numbered, after the dictionary check (the duplicate
/// check is the caller's: on PostgreSQL it runs in the insert).
async fn new_customer(db: &impl crate::db::Source, ctx: &Ctx, input: NewCustomer) -> DomainResult<customer::Model> {
    check_codes(db, input.industry.as_deref(), input.source.as_deref(), input.level.as_deref()).await?;
    let n = sequences::take(db, sequences::Series::Customers, 1).await?.pop().ok_or_else(|| DomainError::internal("no customer number"))?;
    let model = customer::Model {
        id: Uuid::now_v7(),
        code: format!("C{n:07}"),
        seq: n,
        name_norm: normalise_name(&input.name),
        name: input.name,
        kind: input.kind.as_str().into(),
        industry: input.industry,
        source: input.source,
        level: input.level,
        province: input.province,
        city: input.city,
        district: input.district,
        address: input.address,
        phone_norm: input.phone.as_deref().map(normalise_phone),
        phone: input.phone,
        email: input.email,
        website: input.website,
        tags: json!(input.tags),
        remark: input.remark,
        owner_id: Some(ctx.actor.user_id),
        pool: Pool::Potential.as_str().into(),
        deal_status: "none".into(),
        last_follow_up_at: None,
        next_follow_up_at: None,
        pool_reason: None,
        released_by: None,
        released_at: None,
        owned_since: Some(ctx.now),
        version: 1,
        created_by: Some(ctx.actor.user_id),
        created_at: ctx.now,
        updated_at: ctx.now,
        deleted_at: None,
        deleted_by: None,
        search_text: String::new(),
    };
    Ok(customer::Model { search_text: super::search::text_of(&model, &[]), ..model })
}

/// The editable fields (and follow-up times) of `next`, as the changes of an update;
/// pool and owner change only through their own commands.
pub(crate) fn field_changes(next: &customer::Model) -> customer::ActiveModel {
    customer::ActiveModel {
        name: Set(next.name.clone()),
        name_norm: Set(next.name_norm.clone()),
        kind: Set(next.kind.clone()),
        industry: Set(next.industry.clone()),
        source: Set(next.source.clone()),
        level: Set(next.level.clone()),
        province: Set(next.province.clone()),
        city: Set(next.city.clone()),
        district: Set(next.district.clone()),
        address: Set(next.address.clone()),
        phone: Set(next.phone.clone()),
        phone_norm: Set(next.phone_norm.clone()),
        email: Set(next.email.clone()),
        website: Set(next.website.clone()),
        tags: Set(next.tags.clone()),
        remark: Set(next.remark.clone()),
        last_follow_up_at: Set(next.last_follow_up_at),
        next_follow_up_at: Set(next.next_follow_up_at),
        updated_at: Set(next.updated_at),
        ..Default::default()
    }
}

/// The fields people edit; pool, owner and follow-up times change only through their own
/// commands.
pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: CustomerPatch, if_match: Option<i32>) -> DomainResult<CustomerView> {
    let patch = patch.validate()?;
    let tx = crate::tx::begin(db).await?;
    let current = find_editable(&tx, ctx, id).await?;
    check_if_match(if_match, current.version)?;
    let mut next = current.clone();
    if let Some(n) = patch.name {
        next.name_norm = normalise_name(&n);
        next.name = n;
    }
    if let Some(k) = patch.kind {
        next.kind = k.as_str().into();
    }
    let set = |slot: &mut Option<String>, p: Option<Option<String>>| {
        if let Some(v) = p {
            *slot = v;
        }
    };
    set(&mut next.industry, patch.industry);
    set(&mut next.source, patch.source);
    set(&mut next.level, patch.level);
    set(&mut next.province, patch.province);
    set(&mut next.city, patch.city);
    set(&mut next.district, patch.district);
    set(&mut next.address, patch.address);
    set(&mut next.phone, patch.phone);
    set(&mut next.email, patch.email);
    set(&mut next.website, patch.website);
    set(&mut next.remark, patch.remark);
    if let Some(t) = patch.tags {
        next.tags = json!(t);
    }
    next.phone_norm = next.phone.as_deref().map(normalise_phone);
    check_codes(
        &tx,
        next.industry.as_deref().filter(|c| Some(*c) != current.industry.as_deref()),
        next.source.as_deref().filter(|c| Some(*c) != current.source.as_deref()),
        next.level.as_deref().filter(|c| Some(*c) != current.level.as_deref()),
    )
    .await?;
    let changed = |a: &Option<String>, b: &Option<String>| if a != b { a.clone() } else { None };
    let keys = duplicate_keys(
        (next.name_norm != current.name_norm).then_some(next.name.as_str()),
        changed(&next.phone_norm, &current.phone_norm).as_deref(),
        changed(&next.email, &current.email).as_deref(),
    );
    if let Some(d) = duplicates_by_keys(&tx, &keys, Some(id)).await?.first() {
        return Err(duplicate_error(d));
    }
    next.updated_at = ctx.now;
    let changes = field_changes(&next);
    if let Err(e) = update_versioned(&tx, changes, C::Id, id, C::Version, current.version).await {
        drop(tx);
        return Err(refused_as_duplicate(db, e, &keys, Some(id)).await);
    }
    if (&next.name, &next.phone, &next.email) != (&current.name, &current.phone, &current.email) {
        super::search::refresh(&tx, id).await?;
    }
    next.version = current.version + 1;
    let before = view(&tx, current).await?;
    let after = view(&tx, next).await?;
    audit::record(&tx, ctx, "customers", id, "update", &json!(before), &json!(after)).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(after)
}

pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    let tx = crate::tx::begin(db).await?;
    let current = find_editable(&tx, ctx, id).await?;
    check_if_match(if_match, current.version)?;
    recycle::soft_delete::<Customer>(&tx, ctx, id, current.version).await?;
    tx.commit().await.map_err(db_err)
}

/// Moves a customer between pools with a conditional update on the pool it was read in,
/// so of two people acting at once exactly one succeeds and the other gets 409.
pub(crate) async fn move_pool(
    tx: &impl ConnectionTrait,
    ctx: &Ctx,
    current: &customer::Model,
    to: Pool,
    owner: Option<Uuid>,
    reason: Option<String>,
    action: &str,
) -> DomainResult<customer::Model> {
    let mut changes = customer::ActiveModel {
        pool: Set(to.as_str().into()),
        owner_id: Set(owner),
        pool_reason: Set(reason.clone()),
        updated_at: Set(ctx.now),
        ..Default::default()
    };
    if action == "release" || action == "return" {
        changes.released_by = Set(current.owner_id);
        changes.released_at = Set(Some(ctx.now));
        if let Some(owner) = current.owner_id {
            super::releases::remember(tx, current.id, owner, ctx.now).await?;
        }
    }
    if owner.is_some() && owner != current.owner_id {
        changes.owned_since = Set(Some(ctx.now));
    } else if owner.is_none() {
        changes.owned_since = Set(None);
    }
    let res = Customer::update_many()
        .set(changes)
        .col_expr(C::Version, Expr::col(C::Version).add(1))
        .filter(C::Id.eq(current.id))
        .filter(C::Pool.eq(current.pool.clone()))
        .filter(C::Version.eq(current.version))
        .filter(C::DeletedAt.is_null())
        .exec(tx)
        .await
        .map_err(db_err)?;
    if res.rows_affected == 0 {
        return Err(DomainError::conflict("customer.changed", "someone else moved this customer first; reload it"));
    }
    let mut next = current.clone();
    next.pool = to.as_str().into();
    next.owner_id = owner;
    next.pool_reason = reason;
    next.version += 1;
    next.updated_at = ctx.now;
    audit::record(
        tx,
        ctx,
        "customers",
        current.id,
        action,
        &json!({"pool": current.pool, "owner_id": current.owner_id}),
        &json!({"pool": next.pool, "owner_id": next.owner_id, "reason": next.pool_reason}),
    )
    .await?;
    Ok(next)
}

fn reason(field: &str, r: &str) -> DomainResult<String> {
    let mut v = Validator::new();
    let r = v.required_text(field, r, 500);
    v.finish()?;
    Ok(r)
}

/// 领取: a public customer becomes the caller's.
pub async fn claim(db: &Db, ctx: &Ctx, id: Uuid) -> DomainResult<CustomerView> {
    let tx = crate::tx::begin(db).await?;
    let current = find_visible(&tx, ctx, id).await?;
    let to = pool::apply(Pool::parse(&current.pool).unwrap_or(Pool::Potential), PoolCommand::Claim)?;
    let rules = super::pool_rules::load(&tx).await?;
    if rules.has_cooldown() {
        let released = super::releases::released_by(&tx, ctx.actor.user_id, &[current.id]).await?;
        rules.check_cooldown(released.get(&current.id).copied(), ctx.now)?;
    }
    super::pool_rules::check_owner_cap(&tx, &rules, ctx.actor.user_id, 1).await?;
    let next = move_pool(&tx, ctx, &current, to, Some(ctx.actor.user_id), None, "claim").await?;
    let v = view(&tx, next).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}

/// 放回公海: the owner, or someone whose scope covers the owner, with a reason.
pub async fn release(db: &Db, ctx: &Ctx, id: Uuid, why: &str) -> DomainResult<CustomerView> {
    let why = reason("reason", why)?;
    let tx = crate::tx::begin(db).await?;
    let current = find_editable(&tx, ctx, id).await?;
    check_owner_side(&tx, ctx, &current, "release").await?;
    let to = pool::apply(Pool::parse(&current.pool).unwrap_or(Pool::Potential), PoolCommand::Release)?;
    let next = move_pool(&tx, ctx, &current, to, None, Some(why), "release").await?;
    let v = view(&tx, next).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}

pub async fn invalidate(db: &Db, ctx: &Ctx, id: Uuid, why: &str) -> DomainResult<CustomerView> {
    let why = reason("reason", why)?;
    let tx = crate::tx::begin(db).await?;
    let current = find_editable(&tx, ctx, id).await?;
    check_owner_side(&tx, ctx, &current, "invalidate").await?;
    let to = pool::apply(Pool::parse(&current.pool).unwrap_or(Pool::Potential), PoolCommand::Invalidate)?;
    let owner = current.owner_id;
    let next = move_pool(&tx, ctx, &current, to, owner, Some(why), "invalidate").await?;
    let v = view(&tx, next).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}

pub async fn revalidate(db: &Db, ctx: &Ctx, id: Uuid) -> DomainResult<CustomerView> {
    let tx = crate::tx::begin(db).await?;
    let current = find_editable(&tx, ctx, id).await?;
    let cmd = PoolCommand::Revalidate { has_owner: current.owner_id.is_some() };
    let to = pool::apply(Pool::parse(&current.pool).unwrap_or(Pool::Potential), cmd)?;
    let owner = current.owner_id;
    let next = move_pool(&tx, ctx, &current, to, owner, None, "revalidate").await?;
    let v = view(&tx, next).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}

/// CON-4: a contract became active. Called by the contracts module inside its own
/// transaction; not scoped, because the contract's owner may differ from the customer's.
pub async fn mark_won(tx: &impl ConnectionTrait, ctx: &Ctx, id: Uuid) -> DomainResult<()> {
    // scope-bypass: the contract's owner may not see the customer, yet its signing makes it won.
    let current = Customer::find_by_id(id).filter(C::DeletedAt.is_null()).one(tx).await.map_err(db_err)?.ok_or_else(|| DomainError::not_found("customer"))?;
    if current.pool == Pool::Won.as_str() {
        return Ok(());
    }
    let to = pool::apply(Pool::parse(&current.pool).unwrap_or(Pool::Potential), PoolCommand::MarkWon)?;
    let owner = current.owner_id;
    move_pool(tx, ctx, &current, to, owner, None, "won").await?;
    Customer::update_many().col_expr(C::DealStatus, Expr::value("won")).filter(C::Id.eq(id)).exec(tx).await.map_err(db_err)?;
    Ok(())
}

pub fn parse_kind(s: &str) -> Option<CustomerKind> {
    CustomerKind::parse(s)
}

/// A live, enabled user who can own customers, or a 422 naming `field`.
async fn check_new_owner(db: &impl ConnectionTrait, owner_id: Uuid, field: &str) -> DomainResult<user::Model> {
    let u = user::Entity::find_by_id(owner_id).filter(user::Column::DeletedAt.is_null()).one(db).await.map_err(db_err)?;
    match u {
        None => Err(DomainError::invalid_field(field, "not_found", "no such user")),
        Some(u) if !u.enabled => Err(DomainError::invalid_field(field, "disabled", "this user is disabled and cannot own customers")),
        Some(u) => Ok(u),
    }
}

/// Loads every listed customer through the caller's scope; any missing one fails the
/// whole request, naming it (one transaction: all or nothing).
async fn load_batch(db: &impl ConnectionTrait, ctx: &Ctx, ids: &[Uuid], editable: bool) -> DomainResult<Vec<customer::Model>> {
    let mut v = Validator::new();
    if ids.is_empty() {
        v.add("customer_ids", "required", "name at least one customer");
    } else if ids.len() > 1000 {
        v.add("customer_ids", "too_many", "at most 1000 customers at once");
    }
    v.finish()?;
    let rows = if editable { Scoped::<Customer>::find_editable(db, ctx).await? } else { Scoped::<Customer>::find(db, ctx).await? }
        .filter(C::Id.is_in(ids.to_vec()))
        .all(db)
        .await
        .map_err(db_err)?;
    let missing: Vec<Uuid> = ids.iter().filter(|id| !rows.iter().any(|r| r.id == **id)).copied().collect();
    if !missing.is_empty() {
        return Err(DomainError::not_found("customer").with_extra(json!({ "missing_ids": missing })));
    }
    Ok(rows)
}

fn dedup(mut ids: Vec<Uuid>) -> Vec<Uuid> {
    ids.sort();
    ids.dedup();
    ids
}

/// 分配: a manager gives public customers to an owner, within the cap; the owner's own
/// cooldown on a customer they released applies too.
pub async fn assign(db: &Db, ctx: &Ctx, ids: Vec<Uuid>, owner_id: Uuid) -> DomainResult<Vec<CustomerView>> {
    let ids = dedup(ids);
    let tx = crate::tx::begin(db).await?;
    check_new_owner(&tx, owner_id, "owner_id").await?;
    // Assign takes public customers, which are visible but nobody's to edit.
    let rows = load_batch(&tx, ctx, &ids, false).await?;
    let rules = super::pool_rules::load(&tx).await?;
    super::pool_rules::check_owner_cap(&tx, &rules, owner_id, u64::try_from(rows.len()).unwrap_or(u64::MAX)).await?;
    let released = if rules.has_cooldown() { super::releases::released_by(&tx, owner_id, &ids).await? } else { Default::default() };
    let mut out = Vec::with_capacity(rows.len());
    for c in rows {
        let to = pool::apply(Pool::parse(&c.pool).unwrap_or(Pool::Potential), PoolCommand::Assign)
            .map_err(|e| e.with_extra(json!({ "customer_id": c.id, "name": c.name })))?;
        rules.check_cooldown(released.get(&c.id).copied(), ctx.now).map_err(|e| e.with_extra(json!({ "customer_id": c.id, "name": c.name })))?;
        out.push(move_pool(&tx, ctx, &c, to, Some(owner_id), None, "assign").await?);
    }
    let v = views(&tx, out).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}

/// 转移 (CUS-8): owned customers change owner, pool unchanged. Contacts and follow-ups
/// belong to the customer and move with it; opportunities will too once they exist.
pub async fn transfer(db: &Db, ctx: &Ctx, ids: Vec<Uuid>, owner_id: Uuid) -> DomainResult<Vec<CustomerView>> {
    let ids = dedup(ids);
    let tx = crate::tx::begin(db).await?;
    check_new_owner(&tx, owner_id, "owner_id").await?;
    let rows = load_batch(&tx, ctx, &ids, true).await?;
    let mut out = Vec::with_capacity(rows.len());
    for c in rows {
        let pool = Pool::parse(&c.pool).unwrap_or(Pool::Potential);
        if !matches!(pool, Pool::Potential | Pool::Won) {
            return Err(DomainError::conflict("customer.wrong_pool", format!("{} is in the {} pool; only owned customers can be transferred", c.name, pool.as_str()))
                .with_extra(json!({ "customer_id": c.id, "pool": pool.as_str() })));
        }
        if c.owner_id == Some(owner_id) {
            out.push(c);
            continue;
        }
        out.push(move_pool(&tx, ctx, &c, pool, Some(owner_id), None, "transfer").await?);
    }
    let v = views(&tx, out).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}
