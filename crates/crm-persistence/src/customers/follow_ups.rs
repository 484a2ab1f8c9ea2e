//! Follow-ups (CUS-9, CUS-10) with customers and with leads (SAL-1). Recording one moves
//! the customer's last and next follow-up times in the same transaction, and a new lead's
//! status to contacted. Visible when its customer is, or its lead until the lead converts:
//! then it joins the lead's customer.

use chrono::{DateTime, Utc};
use crm_domain::customers::follow_up::{customer_times, FollowUpPatch, NewFollowUp};
use crm_domain::validate::Validator;
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::Expr;
use crm_domain::permissions::perms;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder, Select};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use super::entities::follow_up::{self, Column as C, Entity as FollowUp};
use super::entities::{contact, customer};
use crate::db::db_err;
use crate::kit::{self, policy, Policy, Resource};
use crate::leads::entities::lead;
use crate::listing::{FieldKind, Filter, ListSpec};
use crate::scope::Scoped;
use crate::system::entities::user;
use crate::tx::Tx;
use crate::{audit, dictionaries, Ctx, Db};

crate::soft_delete!(FollowUp, "follow_ups", Content);

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = FollowUp, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e62", "customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "lead_id": null, "contact_id": null,
    "kind": "visit", "content": "上门拜访，演示了新版设备，客户计划下月采购。", "occurred_at": "2026-11-24T09:30:00Z",
    "next_follow_up_at": "2026-12-01T02:00:00Z", "participant_ids": [], "owner_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e60", "version": 1, "created_at": "2026-11-24T09:31:00Z"}))]
pub struct FollowUpView {
    pub id: Uuid,
    /// The customer it was with; null for a lead's follow-up until the lead converts.
    pub customer_id: Option<Uuid>,
    /// The lead it was with, kept after the lead converts.
    pub lead_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
    /// The opportunity it works, one of the customer's.
    pub opportunity_id: Option<Uuid>,
    /// Code of the `follow_up_type` dictionary.
    pub kind: String,
    pub content: String,
    pub occurred_at: DateTime<Utc>,
    pub next_follow_up_at: Option<DateTime<Utc>>,
    pub participant_ids: Vec<Uuid>,
    /// Who recorded it.
    pub owner_id: Uuid,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

impl From<follow_up::Model> for FollowUpView {
    fn from(m: follow_up::Model) -> Self {
        Self {
            id: m.id,
            customer_id: m.customer_id,
            lead_id: m.lead_id,
            contact_id: m.contact_id,
            opportunity_id: m.opportunity_id,
            kind: m.kind,
            content: m.content,
            occurred_at: m.occurred_at,
            next_follow_up_at: m.next_follow_up_at,
            participant_ids: serde_json::from_value(m.participant_ids).unwrap_or_default(),
            owner_id: m.owner_id,
            version: m.version,
            created_at: m.created_at,
        }
    }
}

/// Follow-ups on the kit: children of customers or leads.
pub struct FollowUps;

impl Resource for FollowUps {
    type Entity = FollowUp;
    type View = FollowUpView;
    const WHAT: &'static str = "follow_up";
    const POLICY: Policy = Policy::Child;

    fn spec() -> ListSpec<FollowUp> {
        spec()
    }


    async fn views(_: &impl ConnectionTrait, _: &Ctx, rows: Vec<follow_up::Model>) -> DomainResult<Vec<FollowUpView>> {
        Ok(rows.into_iter().map(FollowUpView::from).collect())
    }

    /// Visible and editable when its customer is, or, until the lead converts, its lead
    /// (for holders of the leads' read permission).
    async fn visible(db: &impl ConnectionTrait, ctx: &Ctx, for_edit: bool) -> DomainResult<Select<FollowUp>> {
        let lead = ctx.actor.has(perms::LEADS_READ).then_some(C::LeadId);
        policy::child_of_either::<FollowUp, customer::Entity, lead::Entity>(db, ctx, C::CustomerId, lead, for_edit).await
    }

    /// The customer's last and next follow-up times follow every change; a lead's first
    /// follow-up marks it contacted.
    async fn after_write(tx: &Tx, ctx: &Ctx, before: Option<&follow_up::Model>, after: Option<&follow_up::Model>) -> DomainResult<()> {
        let Some(f) = after.or(before) else { return Ok(()) };
        match (f.customer_id, f.lead_id) {
            (Some(customer_id), _) => recompute_customer_times(tx, ctx, customer_id).await,
            (None, Some(lead_id)) if before.is_none() => crate::leads::records::mark_contacted(tx, ctx, lead_id).await,
            _ => Ok(()),
        }
    }
}

/// The fields the follow-up list sorts by.
pub fn sort_names() -> Vec<&'static str> {
    spec().sort_names()
}

/// The list's filters and sorts, shared with the interactions query.
pub fn spec() -> ListSpec<FollowUp> {
    let f = |name, column, kind, range| Filter { name, column, kind, range };
    ListSpec {
        filters: vec![
            f("customer_id", C::CustomerId, FieldKind::Uuid, false),
            f("lead_id", C::LeadId, FieldKind::Uuid, false),
            f("contact_id", C::ContactId, FieldKind::Uuid, false),
            f("opportunity_id", C::OpportunityId, FieldKind::Uuid, false),
            f("kind", C::Kind, FieldKind::Text, false),
            f("owner_id", C::OwnerId, FieldKind::Uuid, false),
            f("occurred_at", C::OccurredAt, FieldKind::Timestamp, true),
        ],
        sorts: vec![("occurred_at", C::OccurredAt), ("created_at", C::CreatedAt)],
        search: vec![C::Content],
        search_index: None,
        default_sort: vec![(C::OccurredAt, Order::Desc)],
        tie_breaker: C::Id,
    }
}

/// The follow-ups of customers the caller may see (interactions, CUS-10): a lead's count
/// once it has converted.
pub(crate) async fn customers_visible(db: &impl ConnectionTrait, ctx: &Ctx) -> DomainResult<Select<FollowUp>> {
    policy::child_of::<FollowUp, customer::Entity>(db, ctx, C::CustomerId, false).await
}

/// The references of a follow-up: its kind in the dictionary, its contact among the
/// customer's live contacts, its participants among the users. A lead's follow-up names
/// no contact or opportunity (`NewFollowUp::validate`).
async fn check_refs(tx: &crate::tx::Tx, customer_id: Option<Uuid>, input: &NewFollowUp) -> DomainResult<()> {
    dictionaries::check_code(tx, "follow_up_type", "kind", &input.kind).await?;
    let mut v = Validator::new();
    if let (Some(cid), Some(customer_id)) = (input.contact_id, customer_id) {
        let ok = contact::Entity::find()
            .filter(contact::Column::Id.eq(cid))
            .filter(contact::Column::CustomerId.eq(customer_id))
            .filter(contact::Column::DeletedAt.is_null())
            .count(tx)
            .await
            .map_err(db_err)?;
        if ok == 0 {
            v.add("contact_id", "not_found", "no such contact of this customer");
        }
    }
    if let (Some(oid), Some(customer_id)) = (input.opportunity_id, customer_id) {
        // The customer's scope was checked; its opportunities are the follow-up's to name.
        let ok = policy::live::<crate::opportunities::entities::opportunity::Entity>()
            .filter(crate::opportunities::entities::opportunity::Column::Id.eq(oid))
            .filter(crate::opportunities::entities::opportunity::Column::CustomerId.eq(customer_id))
            .count(tx)
            .await
            .map_err(db_err)?;
        if ok == 0 {
            v.add("opportunity_id", "not_found", "no such opportunity of this customer");
        }
    }
    if !input.participant_ids.is_empty() {
        let n = user::Entity::find()
            .filter(user::Column::Id.is_in(input.participant_ids.clone()))
            .filter(user::Column::DeletedAt.is_null())
            .count(tx)
            .await
            .map_err(db_err)?;
        if usize::try_from(n).unwrap_or(0) != input.participant_ids.len() {
            v.add("participant_ids", "not_found", "one or more participants are not users");
        }
    }
    v.finish()
}

/// Sets the customer's last and next follow-up times from its live follow-ups (CUS-9):
/// the latest contact, and the plan made at the latest follow-up that made one, if it is
/// still ahead of that contact. Run in the transaction of every follow-up change, with a
/// version check so a concurrent change of the customer retries instead of vanishing.
pub(crate) async fn recompute_customer_times(tx: &impl ConnectionTrait, ctx: &Ctx, customer_id: Uuid) -> DomainResult<()> {
    // scope-bypass: the caller has already been authorised for this customer's follow-ups.
    let Some(cust) = customer::Entity::find_by_id(customer_id).one(tx).await.map_err(db_err)? else { return Ok(()) };
    let live = || FollowUp::find().filter(C::CustomerId.eq(customer_id)).filter(C::DeletedAt.is_null());
    let last = live().order_by_desc(C::OccurredAt).order_by_desc(C::Id).one(tx).await.map_err(db_err)?.map(|f| f.occurred_at);
    let planned = live().filter(C::NextFollowUpAt.is_not_null()).order_by_desc(C::OccurredAt).order_by_desc(C::Id).one(tx).await.map_err(db_err)?;
    let (last, next) = customer_times(last, planned.and_then(|f| f.next_follow_up_at));
    if (last, next) == (cust.last_follow_up_at, cust.next_follow_up_at) {
        return Ok(());
    }
    let res = customer::Entity::update_many()
        .col_expr(customer::Column::LastFollowUpAt, Expr::value(last))
        .col_expr(customer::Column::NextFollowUpAt, Expr::value(next))
        .col_expr(customer::Column::UpdatedAt, Expr::value(ctx.now))
        .col_expr(customer::Column::Version, Expr::value(cust.version + 1))
        .filter(customer::Column::Id.eq(cust.id))
        .filter(customer::Column::Version.eq(cust.version))
        .exec(tx)
        .await
        .map_err(db_err)?;
    if res.rows_affected == 0 {
        return Err(DomainError::conflict("customer.changed", "the customer changed while the follow-up was saved; try again"));
    }
    audit::record(
        tx,
        ctx,
        "customers",
        cust.id,
        "follow_up",
        &json!({"last_follow_up_at": cust.last_follow_up_at, "next_follow_up_at": cust.next_follow_up_at}),
        &json!({"last_follow_up_at": last, "next_follow_up_at": next}),
    )
    .await
}

pub async fn create(db: &Db, ctx: &Ctx, input: NewFollowUp) -> DomainResult<FollowUpView> {
    kit::create::<FollowUps, _>(db, ctx, async |tx| build(tx, ctx, input).await).await
}

/// Up to 1000 follow-ups (a history brought over from another system), each checked as
/// `create` checks one; each moves its customer's follow-up times as a single one does.
pub async fn batch(db: &Db, ctx: &Ctx, items: Vec<NewFollowUp>, atomic: bool) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch::<FollowUps, _, _>(db, ctx, items, atomic, async |tx, input| build(tx, ctx, input).await).await
}

async fn build(tx: &Tx, ctx: &Ctx, input: NewFollowUp) -> DomainResult<follow_up::Model> {
    let input = input.validate_new(ctx.now)?;
    let row = follow_up::Model { id: Uuid::now_v7(), owner_id: ctx.actor.user_id, ..Default::default() };
    let row = match (input.customer_id, input.lead_id) {
        (Some(customer_id), _) => {
            let Some(cust) = Scoped::<customer::Entity>::find_editable(tx, ctx).await?.filter(customer::Column::Id.eq(customer_id)).one(tx).await.map_err(db_err)? else {
                return Err(DomainError::invalid_field("customer_id", "not_found", "no such customer, or not yours to change"));
            };
            follow_up::Model { customer_id: Some(cust.id), ..row }
        }
        (None, lead_id) => {
            // The lead pool's leads are claimed before they are worked, as customers are.
            let found = match lead_id.filter(|_| ctx.actor.has(perms::LEADS_READ)) {
                Some(id) => Scoped::<lead::Entity>::find_editable(tx, ctx).await?.filter(lead::Column::Id.eq(id)).one(tx).await.map_err(db_err)?,
                None => None,
            };
            let Some(l) = found else {
                return Err(DomainError::invalid_field("lead_id", "not_found", "no such lead, or not yours to change"));
            };
            if l.status == crm_domain::leads::LeadStatus::Converted.as_str() {
                // Its history went to the customer; that is where the next one belongs.
                return Err(crate::leads::records::converted().with_extra(json!({"customer_id": l.converted_customer_id})));
            }
            follow_up::Model { lead_id: Some(l.id), ..row }
        }
    };
    check_refs(tx, row.customer_id, &input).await?;
    Ok(fill(row, input, ctx.now))
}

/// A converted lead's follow-ups (deleted ones too, for a restore) join its customer, with
/// the contact made from the lead; the customer's follow-up times take them in. In the
/// conversion's transaction.
pub(crate) async fn carry_to_customer(tx: &Tx, ctx: &Ctx, lead_id: Uuid, customer_id: Uuid, contact_id: Option<Uuid>) -> DomainResult<()> {
    let mut carry = FollowUp::update_many()
        .col_expr(C::CustomerId, Expr::value(customer_id))
        .col_expr(C::Version, Expr::col(C::Version).add(1))
        .col_expr(C::UpdatedAt, Expr::value(ctx.now));
    if let Some(contact_id) = contact_id {
        carry = carry.col_expr(C::ContactId, Expr::value(contact_id));
    }
    let carried = carry.filter(C::LeadId.eq(lead_id)).filter(C::CustomerId.is_null()).exec(tx).await.map_err(db_err)?.rows_affected;
    if carried > 0 {
        recompute_customer_times(tx, ctx, customer_id).await?;
    }
    Ok(())
}

/// `row` with what `f` records (a validated input: `occurred_at` is set).
fn fill(row: follow_up::Model, f: NewFollowUp, now: chrono::DateTime<chrono::Utc>) -> follow_up::Model {
    follow_up::Model {
        contact_id: f.contact_id,
        opportunity_id: f.opportunity_id,
        kind: f.kind,
        content: f.content,
        occurred_at: f.occurred_at.unwrap_or(now),
        next_follow_up_at: f.next_follow_up_at,
        participant_ids: json!(f.participant_ids),
        ..row
    }
}

/// Corrects a follow-up; the customer's follow-up times follow.
pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: FollowUpPatch, if_match: Option<i32>) -> DomainResult<FollowUpView> {
    kit::update::<FollowUps, _>(db, ctx, id, if_match, async |tx, current| {
        let was = NewFollowUp {
            customer_id: current.customer_id,
            lead_id: current.lead_id,
            contact_id: current.contact_id,
            opportunity_id: current.opportunity_id,
            kind: current.kind.clone(),
            content: current.content.clone(),
            occurred_at: Some(current.occurred_at),
            next_follow_up_at: current.next_follow_up_at,
            participant_ids: serde_json::from_value(current.participant_ids.clone()).unwrap_or_default(),
        };
        let input = patch.apply(was).validate(ctx.now)?;
        check_refs(tx, current.customer_id, &input).await?;
        Ok(fill(current, input, ctx.now))
    })
    .await
}

/// Logical delete; the customer's follow-up times are recomputed without it.
pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    kit::delete::<FollowUps, _>(db, ctx, id, if_match, kit::no_rule).await
}

/// After a restore from the recycle bin.
pub(crate) async fn recompute_for_follow_up(tx: &impl ConnectionTrait, ctx: &Ctx, follow_up_id: Uuid) -> DomainResult<()> {
    match FollowUp::find_by_id(follow_up_id).one(tx).await.map_err(db_err)?.and_then(|f| f.customer_id) {
        Some(customer_id) => recompute_customer_times(tx, ctx, customer_id).await,
        None => Ok(()),
    }
}
