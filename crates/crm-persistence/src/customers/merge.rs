//! Merging duplicates (CUS-6): one customer survives, takes the chosen field values of the
//! other, and inherits its contacts, follow-ups and collaborators; the other goes to the
//! recycle bin. Both histories stay in the operation log. One transaction.

use std::collections::BTreeMap;

use crm_domain::customers::normalise_name;
use crm_domain::customers::normalise_phone;
use crm_domain::validate::Validator;
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use super::entities::customer::{Column as C, Entity as Customer};
use super::entities::{collaborator, contact, follow_up};
use super::duplicates::find_duplicates;
use super::records::{check_owner_side, find_editable, get, CustomerView};
use crate::db::db_err;
use crate::recycle;
use crate::{audit, tx, Ctx, Db};

pub const MERGEABLE: &[&str] = &[
    "name", "kind", "industry", "source", "level", "province", "city", "district", "address", "phone", "email", "website", "tags", "remark",
];

fn pick(this: &mut Option<String>, other: &Option<String>, choice: Option<&str>) {
    match choice {
        Some("other") => *this = other.clone(),
        Some(_) => {}
        // Unchosen: keep this record's value, fill a gap from the other.
        None => {
            if this.is_none() {
                *this = other.clone();
            }
        }
    }
}

/// `fields` maps a field name to `this` or `other`.
pub async fn merge(db: &Db, ctx: &Ctx, id: Uuid, other_id: Uuid, fields: BTreeMap<String, String>) -> DomainResult<CustomerView> {
    let mut v = Validator::new();
    if id == other_id {
        v.add("other_id", "same", "a customer cannot be merged with itself");
    }
    for (k, val) in &fields {
        if !MERGEABLE.contains(&k.as_str()) {
            v.add(&format!("fields.{k}"), "unknown", format!("'{k}' cannot be merged; use one of {}", MERGEABLE.join(", ")));
        } else if val != "this" && val != "other" {
            v.add(&format!("fields.{k}"), "invalid", "must be this or other");
        }
    }
    v.finish()?;
    let tx = tx::begin(db).await?;
    let this = find_editable(&tx, ctx, id).await?;
    let other = find_editable(&tx, ctx, other_id).await.map_err(|_| DomainError::invalid_field("other_id", "not_found", "no such customer, or not yours to change"))?;
    check_owner_side(&tx, ctx, &this, "merge").await?;
    check_owner_side(&tx, ctx, &other, "merge").await?;
    let choice = |f: &str| fields.get(f).map(String::as_str);
    let mut next = this.clone();
    if choice("name") == Some("other") {
        next.name = other.name.clone();
    }
    if choice("kind") == Some("other") {
        next.kind = other.kind.clone();
    }
    pick(&mut next.industry, &other.industry, choice("industry"));
    pick(&mut next.source, &other.source, choice("source"));
    pick(&mut next.level, &other.level, choice("level"));
    pick(&mut next.province, &other.province, choice("province"));
    pick(&mut next.city, &other.city, choice("city"));
    pick(&mut next.district, &other.district, choice("district"));
    // Levels picked from both records are a region only when they still make a path.
    next.region_code = crm_domain::regions::code_of(next.province.as_deref(), next.city.as_deref(), next.district.as_deref()).map(str::to_string);
    pick(&mut next.address, &other.address, choice("address"));
    pick(&mut next.phone, &other.phone, choice("phone"));
    pick(&mut next.email, &other.email, choice("email"));
    pick(&mut next.website, &other.website, choice("website"));
    pick(&mut next.remark, &other.remark, choice("remark"));
    if choice("tags") == Some("other") {
        next.tags = other.tags.clone();
    }
    next.name_norm = normalise_name(&next.name);
    next.phone_norm = next.phone.as_deref().map(normalise_phone);
    next.last_follow_up_at = this.last_follow_up_at.max(other.last_follow_up_at);
    next.next_follow_up_at = this.next_follow_up_at.or(other.next_follow_up_at);
    next.updated_at = ctx.now;

    // The other record goes first, so the duplicate check below does not count it.
    recycle::soft_delete::<Customer>(&tx, ctx, other.id, other.version).await?;
    if let Some(d) = find_duplicates(&tx, Some(&next.name), next.phone.as_deref(), next.email.as_deref(), Some(id)).await?.first() {
        return Err(DomainError::conflict("customer.duplicate", format!("the merged record would duplicate {} by {}", d.name, d.field)));
    }
    // Its primary contact stays primary only when this record has none.
    let this_has_primary = contact::Entity::find()
        .filter(contact::Column::CustomerId.eq(id))
        .filter(contact::Column::IsPrimary.eq(true))
        .filter(contact::Column::DeletedAt.is_null())
        .one(&tx)
        .await
        .map_err(db_err)?
        .is_some();
    let mut moved_contacts = contact::Entity::update_many().col_expr(contact::Column::CustomerId, Expr::value(id)).col_expr(contact::Column::UpdatedAt, Expr::value(ctx.now));
    if this_has_primary {
        moved_contacts = moved_contacts.col_expr(contact::Column::IsPrimary, Expr::value(false));
    }
    let contacts = moved_contacts.filter(contact::Column::CustomerId.eq(other.id)).exec(&tx).await.map_err(db_err)?.rows_affected;
    let follow_ups = follow_up::Entity::update_many()
        .col_expr(follow_up::Column::CustomerId, Expr::value(id))
        .filter(follow_up::Column::CustomerId.eq(other.id))
        .exec(&tx)
        .await
        .map_err(db_err)?
        .rows_affected;
    let shares = collaborator::Entity::find().filter(collaborator::Column::CustomerId.eq(other.id)).all(&tx).await.map_err(db_err)?;
    for s in shares.into_iter().filter(|s| Some(s.user_id) != this.owner_id) {
        collaborator::Entity::insert(collaborator::ActiveModel { customer_id: Set(id), user_id: Set(s.user_id), access: Set(s.access), created_at: Set(ctx.now) })
            .on_conflict(OnConflict::columns([collaborator::Column::CustomerId, collaborator::Column::UserId]).do_nothing().to_owned())
            .exec_without_returning(&tx)
            .await
            .map_err(db_err)?;
    }
    let changes = super::records::field_changes(&next);
    crate::version::update_versioned(&tx, changes, C::Id, id, C::Version, this.version).await?;
    super::search::refresh(&tx, id).await?;
    super::search::refresh(&tx, other.id).await?;
    let before = json!({"name": this.name, "phone": this.phone, "email": this.email, "merged_from": null});
    let after = json!({"name": next.name, "phone": next.phone, "email": next.email, "merged_from": other.id,
        "moved": {"contacts": contacts, "follow_ups": follow_ups}});
    audit::record(&tx, ctx, "customers", id, "merge", &before, &after).await?;
    audit::record(&tx, ctx, "customers", other.id, "merged_into", &json!({"merged_into": null}), &json!({"merged_into": id})).await?;
    tx.commit().await.map_err(db_err)?;
    get(db, ctx, id).await
}
