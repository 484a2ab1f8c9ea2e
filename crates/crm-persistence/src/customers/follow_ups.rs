//! Follow-ups (CUS-9, CUS-10). Recording one moves the customer's last and next follow-up
//! times in the same transaction. Visible exactly when the customer is.

use chrono::{DateTime, Utc};
use crm_domain::customers::follow_up::{customer_times, NewFollowUp};
use crm_domain::validate::Validator;
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter, Select};
use serde::Serialize;
use serde_json::{json, Value};
use uuid::Uuid;

use super::entities::follow_up::{self, Column as C, Entity as FollowUp};
use super::entities::{contact, customer};
use crate::db::db_err;
use crate::listing::{fetch_page, FieldKind, Filter, ListParams, ListSpec, Page};
use crate::recycle;
use crate::scope::Scoped;
use crate::system::entities::user;
use crate::version::check_if_match;
use crate::{audit, dictionaries, tx, Ctx, Db};

crate::soft_delete!(FollowUp, "follow_ups", Content);

#[derive(Debug, Clone, Serialize)]
pub struct FollowUpView {
    pub id: Uuid,
    pub customer_id: Uuid,
    pub contact_id: Option<Uuid>,
    pub kind: String,
    pub content: String,
    pub occurred_at: DateTime<Utc>,
    pub next_follow_up_at: Option<DateTime<Utc>>,
    pub participant_ids: Vec<Uuid>,
    pub owner_id: Uuid,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

impl From<follow_up::Model> for FollowUpView {
    fn from(m: follow_up::Model) -> Self {
        Self {
            id: m.id,
            customer_id: m.customer_id,
            contact_id: m.contact_id,
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

pub(crate) fn spec() -> ListSpec<FollowUp> {
    let f = |name, column, kind, range| Filter { name, column, kind, range };
    ListSpec {
        filters: vec![
            f("customer_id", C::CustomerId, FieldKind::Uuid, false),
            f("contact_id", C::ContactId, FieldKind::Uuid, false),
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

pub(crate) async fn visible(db: &impl ConnectionTrait, ctx: &Ctx) -> DomainResult<Select<FollowUp>> {
    let customers = Scoped::<customer::Entity>::visible_ids(db, ctx).await?;
    Ok(FollowUp::find().filter(C::DeletedAt.is_null()).filter(C::CustomerId.in_subquery(customers)))
}

pub async fn list(db: &Db, ctx: &Ctx, params: ListParams) -> DomainResult<Page<FollowUpView>> {
    let select = spec().apply(visible(db, ctx).await?, &params, db.get_database_backend())?;
    Ok(fetch_page(db, select, &params).await?.map(Into::into))
}

pub async fn get(db: &Db, ctx: &Ctx, id: Uuid) -> DomainResult<FollowUpView> {
    visible(db, ctx).await?.filter(C::Id.eq(id)).one(db).await.map_err(db_err)?.map(Into::into).ok_or_else(|| DomainError::not_found("follow_up"))
}

pub async fn create(db: &Db, ctx: &Ctx, input: NewFollowUp) -> DomainResult<FollowUpView> {
    let input = input.validate(ctx.now)?;
    let tx = tx::begin(db).await?;
    let Some(cust) = Scoped::<customer::Entity>::find_editable(&tx, ctx).await?.filter(customer::Column::Id.eq(input.customer_id)).one(&tx).await.map_err(db_err)? else {
        return Err(DomainError::invalid_field("customer_id", "not_found", "no such customer, or not yours to change"));
    };
    dictionaries::check_code(&tx, "follow_up_type", "kind", &input.kind).await?;
    let mut v = Validator::new();
    if let Some(cid) = input.contact_id {
        let ok = contact::Entity::find()
            .filter(contact::Column::Id.eq(cid))
            .filter(contact::Column::CustomerId.eq(cust.id))
            .filter(contact::Column::DeletedAt.is_null())
            .count(&tx)
            .await
            .map_err(db_err)?;
        if ok == 0 {
            v.add("contact_id", "not_found", "no such contact of this customer");
        }
    }
    if !input.participant_ids.is_empty() {
        let n = user::Entity::find()
            .filter(user::Column::Id.is_in(input.participant_ids.clone()))
            .filter(user::Column::DeletedAt.is_null())
            .count(&tx)
            .await
            .map_err(db_err)?;
        if usize::try_from(n).unwrap_or(0) != input.participant_ids.len() {
            v.add("participant_ids", "not_found", "one or more participants are not users");
        }
    }
    v.finish()?;
    let model = follow_up::Model {
        id: Uuid::now_v7(),
        customer_id: cust.id,
        contact_id: input.contact_id,
        kind: input.kind.clone(),
        content: input.content.clone(),
        occurred_at: input.occurred_at,
        next_follow_up_at: input.next_follow_up_at,
        participant_ids: json!(input.participant_ids),
        owner_id: ctx.actor.user_id,
        version: 1,
        created_at: ctx.now,
        updated_at: ctx.now,
        deleted_at: None,
        deleted_by: None,
    };
    FollowUp::insert(follow_up::ActiveModel::from(model.clone())).exec_without_returning(&tx).await.map_err(db_err)?;
    // The customer row is updated with its times computed from the values just read under
    // this transaction; the version check makes a concurrent change retry, not vanish.
    let (last, next) = customer_times(cust.last_follow_up_at, cust.next_follow_up_at, &input);
    let res = customer::Entity::update_many()
        .col_expr(customer::Column::LastFollowUpAt, Expr::value(last))
        .col_expr(customer::Column::NextFollowUpAt, Expr::value(next))
        .col_expr(customer::Column::UpdatedAt, Expr::value(ctx.now))
        .col_expr(customer::Column::Version, Expr::value(cust.version + 1))
        .filter(customer::Column::Id.eq(cust.id))
        .filter(customer::Column::Version.eq(cust.version))
        .exec(&tx)
        .await
        .map_err(db_err)?;
    if res.rows_affected == 0 {
        return Err(DomainError::conflict("customer.changed", "the customer changed while the follow-up was saved; try again"));
    }
    let v = FollowUpView::from(model);
    audit::record(&tx, ctx, "follow_ups", v.id, "create", &Value::Null, &json!(v)).await?;
    audit::record(
        &tx,
        ctx,
        "customers",
        cust.id,
        "follow_up",
        &json!({"last_follow_up_at": cust.last_follow_up_at, "next_follow_up_at": cust.next_follow_up_at}),
        &json!({"last_follow_up_at": last, "next_follow_up_at": next}),
    )
    .await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}

pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    let tx = tx::begin(db).await?;
    let editable = Scoped::<customer::Entity>::editable_ids(&tx, ctx).await?;
    let current = FollowUp::find().filter(C::DeletedAt.is_null()).filter(C::CustomerId.in_subquery(editable)).filter(C::Id.eq(id)).one(&tx).await.map_err(db_err)?.ok_or_else(|| DomainError::not_found("follow_up"))?;
    check_if_match(if_match, current.version)?;
    recycle::soft_delete::<FollowUp>(&tx, ctx, id, current.version).await?;
    tx.commit().await.map_err(db_err)
}
