//! Leads on the resource kit: owned records seen by their owner's data scope, and the
//! lead pool (no owner) seen by everyone who reads leads. A converted lead is read-only.

use chrono::{DateTime, Utc};
use crm_domain::leads::{LeadInput, LeadPatch, LeadStatus};
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, QueryFilter, Select};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use super::entities::lead::{self, Column as C, Entity as Lead};
use crate::kit::restore::Restorable;
use crate::kit::{self, policy, Policy, Resource};
use crate::listing::{FieldKind, Filter, ListParams, ListSpec};
use crate::scope::ScopedEntity;
use crate::tx::Tx;
use crate::{audit, dictionaries, Ctx, Db};

crate::soft_delete!(Lead, "leads", Name);

pub const RESTORABLE: &[Restorable] = &[Restorable::plain::<Lead>()];

impl ScopedEntity for Lead {
    fn id_column() -> C {
        C::Id
    }
    fn owner_column() -> C {
        C::OwnerId
    }
    fn deleted_at_column() -> C {
        C::DeletedAt
    }
    /// The lead pool is open to everyone who reads leads: that is how they claim.
    fn visible_to_all() -> Option<Condition> {
        Some(Condition::all().add(C::OwnerId.is_null()))
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Lead, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ec1", "code": "L0000042", "name": "陈静", "company": "宁波海通物流有限公司", "title": "采购经理",
    "phone": null, "mobile": "+8613912345678", "email": "chen.jing@haitong-logistics.cn", "source": "exhibition", "status": "new",
    "owner_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e01", "owner_name": "王伟", "province": "浙江省", "city": "宁波市", "address": null, "remark": null,
    "converted_customer_id": null, "converted_contact_id": null, "converted_opportunity_id": null, "converted_at": null,
    "version": 1, "created_at": "2026-12-01T09:00:00Z", "updated_at": "2026-12-01T09:00:00Z"}))]
pub struct LeadView {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub company: Option<String>,
    pub title: Option<String>,
    pub phone: Option<String>,
    pub mobile: Option<String>,
    pub email: Option<String>,
    pub source: Option<String>,
    pub status: LeadStatus,
    /// Null: in the lead pool.
    pub owner_id: Option<Uuid>,
    pub owner_name: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub address: Option<String>,
    pub remark: Option<String>,
    /// What the conversion made (read-only).
    pub converted_customer_id: Option<Uuid>,
    pub converted_contact_id: Option<Uuid>,
    pub converted_opportunity_id: Option<Uuid>,
    pub converted_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub struct Leads;

impl Resource for Leads {
    type Entity = Lead;
    type View = LeadView;
    const WHAT: &'static str = "lead";
    const POLICY: Policy = Policy::Owned;

    fn spec() -> ListSpec<Lead> {
        ListSpec {
            filters: vec![
                Filter { name: "owner_id", column: C::OwnerId, kind: FieldKind::Uuid, range: false },
                Filter { name: "status", column: C::Status, kind: FieldKind::Text, range: false },
                Filter { name: "source", column: C::Source, kind: FieldKind::Text, range: false },
                Filter { name: "province", column: C::Province, kind: FieldKind::Text, range: false },
                Filter { name: "city", column: C::City, kind: FieldKind::Text, range: false },
                Filter { name: "created_at", column: C::CreatedAt, kind: FieldKind::Timestamp, range: true },
                Filter { name: "updated_at", column: C::UpdatedAt, kind: FieldKind::Timestamp, range: true },
            ],
            sorts: vec![("updated_at", C::UpdatedAt), ("created_at", C::CreatedAt), ("name", C::Name)],
            search: vec![C::Name, C::Company, C::Phone, C::Mobile, C::Email],
            search_index: None,
            default_sort: vec![(C::UpdatedAt, Order::Desc)],
            tie_breaker: C::Id,
        }
    }

    async fn views(db: &impl ConnectionTrait, _: &Ctx, rows: Vec<lead::Model>) -> DomainResult<Vec<LeadView>> {
        let names = crate::system::user_names::display_names(db, rows.iter().filter_map(|l| l.owner_id)).await?;
        Ok(rows
            .into_iter()
            .map(|l| LeadView {
                owner_name: l.owner_id.and_then(|o| names.get(&o).cloned()),
                status: LeadStatus::parse(&l.status).unwrap_or(LeadStatus::New),
                id: l.id,
                code: l.code,
                name: l.name,
                company: l.company,
                title: l.title,
                phone: l.phone,
                mobile: l.mobile,
                email: l.email,
                source: l.source,
                owner_id: l.owner_id,
                province: l.province,
                city: l.city,
                address: l.address,
                remark: l.remark,
                converted_customer_id: l.converted_customer_id,
                converted_contact_id: l.converted_contact_id,
                converted_opportunity_id: l.converted_opportunity_id,
                converted_at: l.converted_at,
                version: l.version,
                created_at: l.created_at,
                updated_at: l.updated_at,
            })
            .collect())
    }

    async fn visible(db: &impl ConnectionTrait, ctx: &Ctx, for_edit: bool) -> DomainResult<Select<Lead>> {
        policy::owned::<Lead>(db, ctx, for_edit).await
    }

    /// `pool=true`: the lead pool only; `pool=false`: owned leads only.
    async fn narrow(_: &impl ConnectionTrait, _: &Ctx, select: Select<Lead>, params: &mut ListParams) -> DomainResult<Select<Lead>> {
        Ok(match params.take_filter("pool").as_deref() {
            None => select,
            Some("true") => select.filter(C::OwnerId.is_null()),
            Some("false") => select.filter(C::OwnerId.is_not_null()),
            Some(_) => return Err(DomainError::bad_request("query.invalid", "pool is true or false")),
        })
    }
}

async fn check_codes(tx: &Tx, l: &LeadInput) -> DomainResult<()> {
    if let Some(code) = &l.source {
        dictionaries::check_code(tx, "customer_source", "source", code).await?;
    }
    Ok(())
}

fn fill(row: lead::Model, l: LeadInput) -> lead::Model {
    lead::Model {
        name: l.name,
        company: l.company,
        title: l.title,
        phone: l.phone,
        mobile: l.mobile,
        email: l.email,
        source: l.source,
        status: l.status.as_str().into(),
        province: l.province,
        city: l.city,
        address: l.address,
        remark: l.remark,
        ..row
    }
}

pub async fn create(db: &Db, ctx: &Ctx, input: LeadInput) -> DomainResult<LeadView> {
    kit::create::<Leads, _>(db, ctx, async |tx| build(tx, ctx, input).await).await
}

/// Up to 1000 leads, each checked as `create` checks one.
pub async fn batch(db: &Db, ctx: &Ctx, items: Vec<LeadInput>, atomic: bool) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch::<Leads, _, _>(db, ctx, items, atomic, async |tx, input| build(tx, ctx, input).await).await
}

/// The same items inside the caller's transaction (a chunk of an import), each in a savepoint.
pub async fn batch_in(tx: &Tx, ctx: &Ctx, items: Vec<LeadInput>) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch_in::<Leads, _, _>(tx, ctx, items, async |tx, input| build(tx, ctx, input).await).await
}

async fn build(tx: &Tx, ctx: &Ctx, input: LeadInput) -> DomainResult<lead::Model> {
    let l = input.validate()?;
    check_codes(tx, &l).await?;
    let owner = match l.owner_id {
        None => Some(ctx.actor.user_id),
        Some(None) => None,
        Some(Some(o)) => {
            crate::scope::assignable_owner(tx, ctx, o, "owner_id").await?;
            Some(o)
        }
    };
    let n = crate::sequences::next(tx, "leads").await?;
    let blank = lead::Model { id: uuid::Uuid::now_v7(), code: format!("L{n:07}"), owner_id: owner, ..Default::default() };
    Ok(fill(blank, l))
}

pub(crate) fn input_of(l: &lead::Model) -> LeadInput {
    LeadInput {
        name: l.name.clone(),
        company: l.company.clone(),
        title: l.title.clone(),
        phone: l.phone.clone(),
        mobile: l.mobile.clone(),
        email: l.email.clone(),
        source: l.source.clone(),
        status: LeadStatus::parse(&l.status).unwrap_or(LeadStatus::New),
        owner_id: Some(l.owner_id),
        province: l.province.clone(),
        city: l.city.clone(),
        address: l.address.clone(),
        remark: l.remark.clone(),
    }
}

pub(crate) fn converted() -> DomainError {
    DomainError::conflict("lead.converted", "this lead was converted; it is kept as it was")
}

/// A new lead someone has followed up is contacted: in the follow-up's transaction, and
/// only from `new` (a qualified or unqualified lead keeps its judgement).
pub(crate) async fn mark_contacted(tx: &Tx, ctx: &Ctx, id: Uuid) -> DomainResult<()> {
    let res = Lead::update_many()
        .col_expr(C::Status, Expr::value(LeadStatus::Contacted.as_str()))
        .col_expr(C::Version, Expr::col(C::Version).add(1))
        .col_expr(C::UpdatedAt, Expr::value(ctx.now))
        .filter(C::Id.eq(id))
        .filter(C::Status.eq(LeadStatus::New.as_str()))
        .exec(tx)
        .await
        .map_err(crate::db::db_err)?;
    if res.rows_affected > 0 {
        audit::record(tx, ctx, "leads", id, "follow_up", &json!({"status": LeadStatus::New.as_str()}), &json!({"status": LeadStatus::Contacted.as_str()})).await?;
    }
    Ok(())
}

pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: LeadPatch, if_match: Option<i32>) -> DomainResult<LeadView> {
    kit::update::<Leads, _>(db, ctx, id, if_match, async |tx, current| {
        if current.status == LeadStatus::Converted.as_str() {
            return Err(converted());
        }
        let l = patch.apply(input_of(&current)).validate()?;
        check_codes(tx, &l).await?;
        Ok(fill(current, l))
    })
    .await
}

pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    kit::delete::<Leads, _>(db, ctx, id, if_match, kit::no_rule).await
}
