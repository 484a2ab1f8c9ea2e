//! Customer records: the scope they are read through, the read model, create, update
//! and delete. Every read goes through `Scoped::<customer::Entity>::find`, so a customer
//! outside the caller's data scope is simply not found (404).


use chrono::{DateTime, Utc};
use crm_domain::customers::{normalise_name, normalise_phone, CustomerKind, CustomerPatch, NewCustomer, Pool};
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, QueryFilter};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use super::entities::collaborator;
use super::entities::customer::{self, Column as C, Entity as Customer};
use crate::db::db_err;
use crate::recycle;
use crate::scope::{Scoped, ScopedEntity};
use crate::version::{check_if_match, update_versioned};
use crate::{audit, dictionaries, sequences, Ctx, Db};
use super::duplicates::*;

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

pub(super) async fn view(db: &impl ConnectionTrait, row: customer::Model) -> DomainResult<CustomerView> {
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
pub(super) async fn find_visible(db: &impl ConnectionTrait, ctx: &Ctx, id: Uuid) -> DomainResult<customer::Model> {
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

pub(super) async fn check_codes(db: &impl crate::db::Source, industry: Option<&str>, source: Option<&str>, level: Option<&str>) -> DomainResult<()> {
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

/// A new customer of the caller's, after the duplicate check (`create`).
pub async fn create(db: &Db, ctx: &Ctx, input: NewCustomer) -> DomainResult<CustomerView> {
    super::create::create(db, ctx, input).await
}

/// A new customer of the caller, numbered, after the dictionary check (the duplicate
/// check is the caller's: on PostgreSQL it runs in the insert).
pub(super) async fn new_customer(db: &impl crate::db::Source, ctx: &Ctx, input: NewCustomer) -> DomainResult<customer::Model> {
    check_codes(db, input.industry.as_deref(), input.source.as_deref(), input.level.as_deref()).await?;
    let n = sequences::take(db, sequences::Series::Customers, 1).await?.pop().ok_or_else(|| DomainError::internal("no customer number"))?;
    Ok(customer_row(ctx, input, n, ctx.actor.user_id))
}

/// The one constructor of a new customer's row, for a create and an import alike: numbered
/// `seq`, owned by `owner`, in the potential pool, with its search text (the import adds
/// its contacts' to it).
pub(crate) fn customer_row(ctx: &Ctx, input: NewCustomer, seq: i64, owner: Uuid) -> customer::Model {
    let model = customer::Model {
        id: Uuid::now_v7(),
        code: format!("C{seq:07}"),
        seq,
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
        owner_id: Some(owner),
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
    customer::Model { search_text: super::search::text_of(&model, &[]), ..model }
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

pub fn parse_kind(s: &str) -> Option<CustomerKind> {
    CustomerKind::parse(s)
}
