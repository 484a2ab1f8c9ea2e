//! Contacts (CUS-2). A contact is visible and editable exactly when its customer is: every
//! query goes through the customers' visible-ids subquery. One primary per customer.

use chrono::{DateTime, NaiveDate, Utc};
use crm_domain::customers::contact::{ContactPatch, NewContact};
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter, Select};
use serde::Serialize;
use serde_json::{json, Value};
use uuid::Uuid;

use super::entities::contact::{self, Column as C, Entity as Contact};
use super::entities::customer;
use crate::db::db_err;
use crate::listing::{fetch_page, FieldKind, Filter, ListParams, ListSpec, Page};
use crate::recycle;
use crate::scope::Scoped;
use crate::version::{check_if_match, update_versioned};
use crate::{audit, tx, Ctx, Db};

crate::soft_delete!(Contact, "contacts", Name);

#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    pub id: Uuid,
    pub customer_id: Uuid,
    pub name: String,
    pub title: Option<String>,
    pub phone: Option<String>,
    pub mobile: Option<String>,
    pub email: Option<String>,
    pub wechat: Option<String>,
    pub is_primary: bool,
    pub birthday: Option<NaiveDate>,
    pub remark: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<contact::Model> for ContactView {
    fn from(m: contact::Model) -> Self {
        Self {
            id: m.id,
            customer_id: m.customer_id,
            name: m.name,
            title: m.title,
            phone: m.phone,
            mobile: m.mobile,
            email: m.email,
            wechat: m.wechat,
            is_primary: m.is_primary,
            birthday: m.birthday,
            remark: m.remark,
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

pub fn spec() -> ListSpec<Contact> {
    ListSpec {
        filters: vec![
            Filter { name: "customer_id", column: C::CustomerId, kind: FieldKind::Uuid, range: false },
            Filter { name: "is_primary", column: C::IsPrimary, kind: FieldKind::Bool, range: false },
        ],
        sorts: vec![("is_primary", C::IsPrimary), ("name", C::Name), ("created_at", C::CreatedAt)],
        search: vec![C::Name, C::Phone, C::Mobile, C::Email],
        search_index: None,
        default_sort: vec![(C::IsPrimary, Order::Desc), (C::CreatedAt, Order::Asc)],
        tie_breaker: C::Id,
    }
}

async fn visible(db: &impl ConnectionTrait, ctx: &Ctx) -> DomainResult<Select<Contact>> {
    let customers = Scoped::<customer::Entity>::visible_ids(db, ctx).await?;
    Ok(Contact::find().filter(C::DeletedAt.is_null()).filter(C::CustomerId.in_subquery(customers)))
}

async fn find_visible(db: &impl ConnectionTrait, ctx: &Ctx, id: Uuid) -> DomainResult<contact::Model> {
    visible(db, ctx).await?.filter(C::Id.eq(id)).one(db).await.map_err(db_err)?.ok_or_else(|| DomainError::not_found("contact"))
}

/// A contact whose customer the caller may change; a read-only viewer gets 404.
async fn find_editable(db: &impl ConnectionTrait, ctx: &Ctx, id: Uuid) -> DomainResult<contact::Model> {
    let customers = Scoped::<customer::Entity>::editable_ids(db, ctx).await?;
    Contact::find()
        .filter(C::DeletedAt.is_null())
        .filter(C::CustomerId.in_subquery(customers))
        .filter(C::Id.eq(id))
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(|| DomainError::not_found("contact"))
}

/// The customer must be visible to the caller, else the contact's customer is "not found"
/// (named as a field, since it came in the body).
async fn check_customer(db: &impl ConnectionTrait, ctx: &Ctx, customer_id: Uuid) -> DomainResult<()> {
    let found = Scoped::<customer::Entity>::find_editable(db, ctx).await?.filter(customer::Column::Id.eq(customer_id)).count(db).await.map_err(db_err)?;
    if found == 0 {
        return Err(DomainError::invalid_field("customer_id", "not_found", "no such customer, or not yours to change"));
    }
    Ok(())
}

/// Setting a primary contact unsets the customer's other primary, in the same transaction.
async fn unset_other_primaries(db: &impl ConnectionTrait, customer_id: Uuid, keep: Uuid, now: DateTime<Utc>) -> DomainResult<()> {
    Contact::update_many()
        .col_expr(C::IsPrimary, Expr::value(false))
        .col_expr(C::Version, Expr::col(C::Version).add(1))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(C::CustomerId.eq(customer_id))
        .filter(C::Id.ne(keep))
        .filter(C::IsPrimary.eq(true))
        .exec(db)
        .await
        .map_err(db_err)?;
    Ok(())
}

pub async fn list(db: &Db, ctx: &Ctx, params: ListParams) -> DomainResult<Page<ContactView>> {
    let select = spec().apply(visible(db, ctx).await?, &params, db.get_database_backend())?;
    Ok(fetch_page(db, select, &params).await?.map(Into::into))
}

pub async fn get(db: &Db, ctx: &Ctx, id: Uuid) -> DomainResult<ContactView> {
    Ok(find_visible(db, ctx, id).await?.into())
}

pub async fn create(db: &Db, ctx: &Ctx, input: NewContact) -> DomainResult<ContactView> {
    let input = input.validate(ctx.now.date_naive())?;
    let tx = tx::begin(db).await?;
    check_customer(&tx, ctx, input.customer_id).await?;
    let model = contact::Model {
        id: Uuid::now_v7(),
        customer_id: input.customer_id,
        name: input.name,
        title: input.title,
        phone: input.phone,
        mobile: input.mobile,
        email: input.email,
        wechat: input.wechat,
        is_primary: input.is_primary,
        birthday: input.birthday,
        remark: input.remark,
        version: 1,
        created_by: Some(ctx.actor.user_id),
        created_at: ctx.now,
        updated_at: ctx.now,
        deleted_at: None,
        deleted_by: None,
    };
    Contact::insert(contact::ActiveModel::from(model.clone())).exec_without_returning(&tx).await.map_err(db_err)?;
    if model.is_primary {
        unset_other_primaries(&tx, model.customer_id, model.id, ctx.now).await?;
    }
    super::search::refresh(&tx, model.customer_id).await?;
    let v = ContactView::from(model);
    audit::record(&tx, ctx, "contacts", v.id, "create", &Value::Null, &json!(v)).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}

pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: ContactPatch, if_match: Option<i32>) -> DomainResult<ContactView> {
    let patch = patch.validate(ctx.now.date_naive())?;
    let tx = tx::begin(db).await?;
    let current = find_editable(&tx, ctx, id).await?;
    check_if_match(if_match, current.version)?;
    let mut next = current.clone();
    if let Some(n) = patch.name {
        next.name = n;
    }
    let set = |slot: &mut Option<String>, p: Option<Option<String>>| {
        if let Some(v) = p {
            *slot = v;
        }
    };
    set(&mut next.title, patch.title);
    set(&mut next.phone, patch.phone);
    set(&mut next.mobile, patch.mobile);
    set(&mut next.email, patch.email);
    set(&mut next.wechat, patch.wechat);
    set(&mut next.remark, patch.remark);
    if let Some(b) = patch.birthday {
        next.birthday = b;
    }
    if let Some(p) = patch.is_primary {
        next.is_primary = p;
    }
    next.updated_at = ctx.now;
    let changes = contact::ActiveModel {
        name: Set(next.name.clone()),
        title: Set(next.title.clone()),
        phone: Set(next.phone.clone()),
        mobile: Set(next.mobile.clone()),
        email: Set(next.email.clone()),
        wechat: Set(next.wechat.clone()),
        is_primary: Set(next.is_primary),
        birthday: Set(next.birthday),
        remark: Set(next.remark.clone()),
        updated_at: Set(next.updated_at),
        ..Default::default()
    };
    update_versioned(&tx, changes, C::Id, id, C::Version, current.version).await?;
    if next.is_primary && !current.is_primary {
        unset_other_primaries(&tx, next.customer_id, id, ctx.now).await?;
    }
    super::search::refresh(&tx, next.customer_id).await?;
    next.version = current.version + 1;
    let before = ContactView::from(current);
    let after = ContactView::from(next);
    audit::record(&tx, ctx, "contacts", id, "update", &json!(before), &json!(after)).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(after)
}

pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    let tx = tx::begin(db).await?;
    let current = find_editable(&tx, ctx, id).await?;
    check_if_match(if_match, current.version)?;
    recycle::soft_delete::<Contact>(&tx, ctx, id, current.version).await?;
    super::search::refresh(&tx, current.customer_id).await?;
    tx.commit().await.map_err(db_err)
}
