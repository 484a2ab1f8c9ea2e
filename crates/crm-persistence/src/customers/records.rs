//! Customer records: the scope they are read through, the read model, create, update
//! and delete. Every read goes through `Scoped::<customer::Entity>::find`, so a customer
//! outside the caller's data scope is simply not found (404).


use chrono::{DateTime, Utc};
use crm_domain::customers::{normalise_name, normalise_phone, CustomerKind, CustomerPatch, NewCustomer, Pool};
use crm_domain::{DomainError, DomainResult};
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Select};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use super::entities::collaborator;
use super::entities::customer::{self, Column as C, Entity as Customer};
use crate::kit::{self, policy, Policy, Resource};
use crate::listing::ListSpec;
use crate::scope::ScopedEntity;
use crate::tx::Tx;
use crate::{dictionaries, sequences, Ctx, Db};
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
    const SHARED: bool = true;

    async fn shared_rows(db: &impl ConnectionTrait, user: Uuid) -> Result<Vec<(Uuid, bool)>, DomainError> {
        let rows: Vec<(Uuid, String)> = collaborator::Entity::find()
            .select_only()
            .column(collaborator::Column::CustomerId)
            .column(collaborator::Column::Access)
            .filter(collaborator::Column::UserId.eq(user))
            .into_tuple()
            .all(db)
            .await
            .map_err(crate::db::db_err)?;
        Ok(rows.into_iter().map(|(id, access)| (id, access == "edit")).collect())
    }
}

crate::soft_delete!(Customer, "customers", Name);

/// A customer (CUS-1).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Customer, example = json!({
    "id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "code": "C0000042", "name": "上海华东精密机械有限公司", "kind": "company",
    "industry": "manufacturing", "source": "exhibition", "level": "a", "province": "上海", "city": "上海", "district": "浦东新区",
    "address": "张江路 88 号", "phone": "+86 21 5080 1234", "email": "info@hd-precision.cn", "website": "https://hd-precision.cn",
    "tags": ["重点", "华东"], "remark": null, "owner_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e60", "owner_name": "张三",
    "pool": "potential", "pool_reason": null, "deal_status": "none", "last_follow_up_at": null, "next_follow_up_at": null, "version": 1,
    "created_by": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e60", "created_at": "2026-11-24T09:30:00Z", "updated_at": "2026-11-24T09:30:00Z"
}))]
pub struct CustomerView {
    pub id: Uuid,
    /// Generated, unique, human-friendly.
    pub code: String,
    pub name: String,
    /// `company` or `person`.
    pub kind: String,
    /// Code of the `industry` dictionary.
    pub industry: Option<String>,
    /// Code of the `customer_source` dictionary.
    pub source: Option<String>,
    /// Code of the `customer_level` dictionary.
    pub level: Option<String>,
    /// GB/T 2260 code of the deepest region level known (`GET /regions`); null for names
    /// that are not a region of the data set (free text, abroad).
    pub region_code: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub district: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub tags: Vec<String>,
    pub remark: Option<String>,
    /// Null in the public pool.
    pub owner_id: Option<Uuid>,
    pub owner_name: Option<String>,
    /// `public`, `potential`, `won` or `invalid`.
    pub pool: String,
    /// Why it was last released or invalidated.
    pub pool_reason: Option<String>,
    /// `none` or `won`.
    pub deal_status: String,
    pub last_follow_up_at: Option<DateTime<Utc>>,
    pub next_follow_up_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// On `GET /customers/{id}` only: `edit` when the caller may change the customer and
    /// what hangs off it (contacts, follow-ups, the pool and owner commands their
    /// permissions allow), `read` when they only see it (a read-only collaborator, a
    /// public-pool customer, a wider read scope than edit scope).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access: Option<kit::Access>,
}

/// Customers on the kit for reads by id, updates and deletes. Their create (one statement
/// with the duplicate check on PostgreSQL), list (the search walk, the pools) and the pool
/// and owner commands are their own.
pub struct Customers;

impl Resource for Customers {
    type Entity = Customer;
    type View = CustomerView;
    const WHAT: &'static str = "customer";
    const POLICY: Policy = Policy::Owned;

    fn spec() -> ListSpec<Customer> {
        super::list_spec::spec()
    }

    /// The search text follows contacts' changes without a new version of the customer.
    fn unversioned_columns() -> Vec<C> {
        vec![C::SearchText]
    }

    async fn views(db: &impl ConnectionTrait, _: &Ctx, rows: Vec<customer::Model>) -> DomainResult<Vec<CustomerView>> {
        views(db, rows).await
    }

    async fn visible(db: &impl ConnectionTrait, ctx: &Ctx, for_edit: bool) -> DomainResult<Select<Customer>> {
        policy::owned::<Customer>(db, ctx, for_edit).await
    }

    async fn after_write(tx: &Tx, _: &Ctx, before: Option<&customer::Model>, after: Option<&customer::Model>) -> DomainResult<()> {
        match (before, after) {
            (Some(b), Some(a)) if (&a.name, &a.phone, &a.email) != (&b.name, &b.phone, &b.email) => super::search::refresh(tx, a.id).await,
            _ => Ok(()),
        }
    }
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
            region_code: c.region_code,
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
            access: None,
        })
        .collect())
}

pub(super) async fn view(db: &impl ConnectionTrait, row: customer::Model) -> DomainResult<CustomerView> {
    views(db, vec![row]).await?.pop().ok_or_else(|| DomainError::internal("customer view"))
}

/// A customer the caller may change, or 404 (a read-only collaborator cannot).
pub(crate) async fn find_editable(db: &impl ConnectionTrait, ctx: &Ctx, id: Uuid) -> DomainResult<customer::Model> {
    kit::load::<Customers>(db, ctx, id, true).await
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
    kit::load::<Customers>(db, ctx, id, false).await
}

pub async fn get(db: &Db, ctx: &Ctx, id: Uuid) -> DomainResult<CustomerView> {
    let mut view = kit::get::<Customers>(db, ctx, id).await?;
    view.access = Some(kit::access::<Customers>(db, ctx, id).await?);
    Ok(view)
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
    let keys = Keys::of(&input);
    customer_row_keyed(ctx, input, keys, seq, owner)
}

/// A customer's duplicate keys. An import makes them once per row, on the thread that
/// converts the next chunk: a phone number's parse costs tens of microseconds, a name's
/// Unicode normalisation a few.
pub(crate) struct Keys {
    pub name: String,
    pub phone: Option<String>,
}

impl Keys {
    pub(crate) fn of(c: &NewCustomer) -> Self {
        Self { name: normalise_name(&c.name), phone: c.phone.as_deref().map(normalise_phone) }
    }
}

/// The same with the keys already made.
pub(crate) fn customer_row_keyed(ctx: &Ctx, input: NewCustomer, keys: Keys, seq: i64, owner: Uuid) -> customer::Model {
    let model = fill_keyed(
        customer::Model {
            id: Uuid::now_v7(),
            code: format!("C{seq:07}"),
            seq,
            owner_id: Some(owner),
            pool: Pool::Potential.as_str().into(),
            deal_status: "none".into(),
            owned_since: Some(ctx.now),
            version: 1,
            created_by: Some(ctx.actor.user_id),
            created_at: ctx.now,
            updated_at: ctx.now,
            ..Default::default()
        },
        input,
        keys,
    );
    customer::Model { search_text: super::search::text_of(&model, &[]), ..model }
}

/// `row` with the fields people edit taken from `c`, and the duplicate keys that follow them.
fn fill(row: customer::Model, c: NewCustomer) -> customer::Model {
    let keys = Keys::of(&c);
    fill_keyed(row, c, keys)
}

fn fill_keyed(row: customer::Model, c: NewCustomer, keys: Keys) -> customer::Model {
    customer::Model {
        name_norm: keys.name,
        phone_norm: keys.phone,
        kind: c.kind.as_str().into(),
        tags: json!(c.tags),
        name: c.name,
        industry: c.industry,
        source: c.source,
        level: c.level,
        region_code: c.region_code,
        province: c.province,
        city: c.city,
        district: c.district,
        address: c.address,
        phone: c.phone,
        email: c.email,
        website: c.website,
        remark: c.remark,
        ..row
    }
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
        region_code: Set(next.region_code.clone()),
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

/// The input a customer's row was made from, for a patch to apply to.
fn input_of(c: &customer::Model) -> NewCustomer {
    NewCustomer {
        name: c.name.clone(),
        kind: CustomerKind::parse(&c.kind).unwrap_or(CustomerKind::Company),
        industry: c.industry.clone(),
        source: c.source.clone(),
        level: c.level.clone(),
        // The names carry the region; a patch's own code replaces them.
        region_code: None,
        province: c.province.clone(),
        city: c.city.clone(),
        district: c.district.clone(),
        address: c.address.clone(),
        phone: c.phone.clone(),
        email: c.email.clone(),
        website: c.website.clone(),
        tags: serde_json::from_value(c.tags.clone()).unwrap_or_default(),
        remark: c.remark.clone(),
    }
}

/// The fields people edit; pool, owner and follow-up times change only through their own
/// commands. A new name, phone or e-mail passes the duplicate check; when a concurrent
/// write takes the key first, the unique index refuses this one and it is told as the
/// same 409.
pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: CustomerPatch, if_match: Option<i32>) -> DomainResult<CustomerView> {
    let mut keys = Vec::new();
    let written = async {
        let tx = crate::tx::begin(db).await?;
        let v = change_in(&tx, ctx, id, patch, if_match, &mut keys).await?;
        tx.commit().await.map_err(crate::db::db_err)?;
        Ok(v)
    };
    match written.await {
        Err(e) => Err(refused_as_duplicate(db, e, &keys, Some(id)).await),
        ok => ok,
    }
}

/// `update` inside the caller's transaction (an import's row that updates the customer it
/// duplicates): the same checks, version and log entry; the caller commits.
pub(crate) async fn update_in(tx: &Tx, ctx: &Ctx, id: Uuid, patch: CustomerPatch, if_match: Option<i32>) -> DomainResult<CustomerView> {
    change_in(tx, ctx, id, patch, if_match, &mut Vec::new()).await
}

/// The change of `update` in `tx`; `keys` are left as the duplicate keys it checked.
async fn change_in(tx: &Tx, ctx: &Ctx, id: Uuid, patch: CustomerPatch, if_match: Option<i32>, keys: &mut Vec<(&'static str, String)>) -> DomainResult<CustomerView> {
    let change = async |tx: &Tx, current: customer::Model| {
        let c = patch.apply(input_of(&current)).validate()?;
        let differs = |next: &Option<String>, now: &Option<String>| next.as_deref().filter(|_| next != now).map(str::to_owned);
        check_codes(
            tx,
            differs(&c.industry, &current.industry).as_deref(),
            differs(&c.source, &current.source).as_deref(),
            differs(&c.level, &current.level).as_deref(),
        )
        .await?;
        let next = fill(current.clone(), c);
        *keys = duplicate_keys(
            (next.name_norm != current.name_norm).then_some(next.name.as_str()),
            differs(&next.phone_norm, &current.phone_norm).as_deref(),
            differs(&next.email, &current.email).as_deref(),
        );
        if let Some(d) = duplicates_by_keys(tx, keys, Some(id)).await?.first() {
            return Err(duplicate_error(d));
        }
        Ok(next)
    };
    kit::update_in::<Customers, _>(tx, ctx, id, if_match, change).await
}

pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    kit::delete::<Customers, _>(db, ctx, id, if_match, kit::no_rule).await
}

pub fn parse_kind(s: &str) -> Option<CustomerKind> {
    CustomerKind::parse(s)
}
