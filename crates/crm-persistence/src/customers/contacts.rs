//! Contacts (CUS-2). A contact is visible and editable exactly when its customer is: every
//! query goes through the customers' visible-ids subquery. One primary per customer.

use chrono::{DateTime, NaiveDate, Utc};
use crm_domain::customers::contact::{ContactPatch, NewContact};
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter, Select};
use serde::Serialize;

use uuid::Uuid;

use super::entities::contact::{self, Column as C, Entity as Contact};
use super::entities::customer;
use crate::db::db_err;
use crate::kit::{self, policy, Policy, Resource};
use crate::listing::{FieldKind, Filter, ListSpec};
use crate::scope::Scoped;
use crate::tx::Tx;
use crate::{Ctx, Db};

crate::soft_delete!(Contact, "contacts", Name);

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Contact, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e61", "customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "name": "李经理",
    "title": "采购经理", "phone": "021-5080 1234", "mobile": "13800138000", "email": "li@hd-precision.cn", "wechat": "li_hd",
    "is_primary": true, "birthday": "1985-06-01", "remark": null, "version": 1, "created_at": "2026-11-24T09:30:00Z", "updated_at": "2026-11-24T09:30:00Z"}))]
pub struct ContactView {
    pub id: Uuid,
    pub customer_id: Uuid,
    pub name: String,
    pub title: Option<String>,
    pub phone: Option<String>,
    pub mobile: Option<String>,
    pub email: Option<String>,
    pub wechat: Option<String>,
    /// One primary contact per customer; setting one unsets the other.
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

/// Contacts on the kit: children of customers.
pub struct Contacts;

impl Resource for Contacts {
    type Entity = Contact;
    type View = ContactView;
    const WHAT: &'static str = "contact";
    const POLICY: Policy = Policy::Child;

    fn spec() -> ListSpec<Contact> {
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


    async fn views(_: &impl ConnectionTrait, _: &Ctx, rows: Vec<contact::Model>) -> DomainResult<Vec<ContactView>> {
        Ok(rows.into_iter().map(ContactView::from).collect())
    }

    /// Visible and editable exactly when the customer is.
    async fn visible(db: &impl ConnectionTrait, ctx: &Ctx, for_edit: bool) -> DomainResult<Select<Contact>> {
        policy::child_of::<Contact, customer::Entity>(db, ctx, C::CustomerId, for_edit).await
    }

    /// A new primary unsets the customer's other primary; the customer's search text
    /// takes in the contact's name and phones.
    async fn after_write(tx: &Tx, ctx: &Ctx, before: Option<&contact::Model>, after: Option<&contact::Model>) -> DomainResult<()> {
        if let Some(a) = after.filter(|a| a.is_primary && !before.is_some_and(|b| b.is_primary)) {
            unset_other_primaries(tx, a.customer_id, a.id, ctx.now).await?;
        }
        match after.or(before) {
            Some(c) => super::search::refresh(tx, c.customer_id).await,
            None => Ok(()),
        }
    }
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

pub async fn create(db: &Db, ctx: &Ctx, input: NewContact) -> DomainResult<ContactView> {
    kit::create::<Contacts, _>(db, ctx, async |tx| build(tx, ctx, input).await).await
}

/// `create` inside the caller's transaction (a lead's conversion).
pub(crate) async fn create_in(tx: &Tx, ctx: &Ctx, input: NewContact) -> DomainResult<ContactView> {
    kit::create_in::<Contacts, _, _, _>(tx, ctx, async |tx| Ok((build(tx, ctx, input).await?, ())), kit::no_link).await
}

/// Up to 1000 contacts, each checked as `create` checks one (a customer the caller may change).
pub async fn batch(db: &Db, ctx: &Ctx, items: Vec<NewContact>, atomic: bool) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch::<Contacts, _, _>(db, ctx, items, atomic, async |tx, input| build(tx, ctx, input).await).await
}

/// The same items inside the caller's transaction (a chunk of an import), each in a savepoint.
pub async fn batch_in(tx: &Tx, ctx: &Ctx, items: Vec<NewContact>) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch_in::<Contacts, _, _>(tx, ctx, items, async |tx, input| build(tx, ctx, input).await).await
}

async fn build(tx: &Tx, ctx: &Ctx, input: NewContact) -> DomainResult<contact::Model> {
    let input = input.validate(ctx.now.date_naive())?;
    check_customer(tx, ctx, input.customer_id).await?;
    Ok(contact::Model {
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
        ..Default::default()
    })
}

pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: ContactPatch, if_match: Option<i32>) -> DomainResult<ContactView> {
    let patch = patch.validate(ctx.now.date_naive())?;
    kit::update::<Contacts, _>(db, ctx, id, if_match, async |_, current| {
        let keep = |p: Option<Option<String>>, c: Option<String>| p.unwrap_or(c);
        Ok(contact::Model {
            name: patch.name.unwrap_or(current.name),
            title: keep(patch.title, current.title),
            phone: keep(patch.phone, current.phone),
            mobile: keep(patch.mobile, current.mobile),
            email: keep(patch.email, current.email),
            wechat: keep(patch.wechat, current.wechat),
            remark: keep(patch.remark, current.remark),
            birthday: patch.birthday.unwrap_or(current.birthday),
            is_primary: patch.is_primary.unwrap_or(current.is_primary),
            ..current
        })
    })
    .await
}

pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    kit::delete::<Contacts, _>(db, ctx, id, if_match, kit::no_rule).await
}

/// The contact list as a file, with the list's filters and scope. The headers are the
/// import's (`imports::fields`), the customer by its name, so the file imports back.
pub struct ContactExport;

#[async_trait::async_trait]
impl crate::table_export::TableExport for ContactExport {
    type Entity = Contact;
    const COLUMNS: &'static [crate::table_export::Column] = {
        use crate::table_export::{col, Cell};
        &[
            col("customer", "客户名称", "Customer", Cell::Text),
            col("name", "姓名", "Name", Cell::Text),
            col("title", "职务", "Title", Cell::Text),
            col("phone", "电话", "Phone", Cell::Text),
            col("mobile", "手机", "Mobile", Cell::Text),
            col("email", "邮箱", "E-mail", Cell::Text),
            col("wechat", "微信", "WeChat", Cell::Text),
            col("is_primary", "首要联系人", "Primary", Cell::Bool),
            col("birthday", "生日", "Birthday", Cell::Text),
            col("remark", "备注", "Remark", Cell::Text),
            col("created_at", "创建时间", "Created", Cell::Time),
            col("updated_at", "更新时间", "Updated", Cell::Time),
        ]
    };

    async fn rows(db: &Db, batch: Vec<contact::Model>) -> DomainResult<Vec<Vec<String>>> {
        let ids: Vec<Uuid> = batch.iter().map(|c| c.customer_id).collect();
        // scope-bypass: names of the customers of contacts the caller's export already read in scope.
        let names = crate::opportunities::records::names::<customer::Entity>(db, customer::Column::Id, customer::Column::Name, ids).await?;
        let o = |s: Option<String>| s.unwrap_or_default();
        let t = |t| crate::table_export::time(Some(t));
        Ok(batch
            .into_iter()
            .map(|c| {
                vec![
                    names.get(&c.customer_id).cloned().unwrap_or_default(), c.name, o(c.title), o(c.phone), o(c.mobile), o(c.email), o(c.wechat), c.is_primary.to_string(),
                    c.birthday.map(|d| d.to_string()).unwrap_or_default(), o(c.remark), t(c.created_at), t(c.updated_at),
                ]
            })
            .collect())
    }
}
