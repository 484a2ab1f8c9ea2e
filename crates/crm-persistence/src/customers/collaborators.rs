//! Collaborators (团队成员): the owner, or someone whose scope covers the owner, shares a
//! customer with other users to read or to edit. Visibility itself lives in the shared
//! scope mechanism (`ScopedEntity::shared_with`), so every list, read and export honours it.

use chrono::{DateTime, Utc};
use crm_domain::validate::Validator;
use crm_domain::DomainResult;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use super::entities::collaborator::{self, Column as C, Entity as Collaborator};
use crate::db::db_err;
use crate::system::entities::user;
use crate::{audit, tx, Ctx, Db};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CollaboratorView {
    pub user_id: Uuid,
    pub display_name: String,
    pub access: String,
    pub created_at: DateTime<Utc>,
}

async fn rows(db: &impl ConnectionTrait, customer_id: Uuid) -> DomainResult<Vec<CollaboratorView>> {
    let rows: Vec<(Uuid, String, DateTime<Utc>, String)> = Collaborator::find()
        .select_only()
        .column(C::UserId)
        .column(C::Access)
        .column(C::CreatedAt)
        .column_as(user::Column::DisplayName, "display_name")
        .join_rev(sea_orm::JoinType::InnerJoin, user::Entity::belongs_to(Collaborator).from(user::Column::Id).to(C::UserId).into())
        .filter(C::CustomerId.eq(customer_id))
        .order_by_asc(C::CreatedAt)
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)?;
    Ok(rows.into_iter().map(|(user_id, access, created_at, display_name)| CollaboratorView { user_id, display_name, access, created_at }).collect())
}

pub async fn list(db: &Db, ctx: &Ctx, customer_id: Uuid) -> DomainResult<Vec<CollaboratorView>> {
    super::records::get(db, ctx, customer_id).await?;
    rows(db, customer_id).await
}

pub struct Share {
    pub user_id: Uuid,
    pub access: String,
}

/// Replaces the list. Only the owner's side may: someone whose data scope covers the
/// owner; collaborators cannot pass the customer on.
pub async fn replace(db: &Db, ctx: &Ctx, customer_id: Uuid, items: Vec<Share>) -> DomainResult<Vec<CollaboratorView>> {
    let mut v = Validator::new();
    if items.len() > 50 {
        v.add("items", "too_many", "at most 50 collaborators");
    }
    for (i, s) in items.iter().enumerate() {
        if s.access != "read" && s.access != "edit" {
            v.add(&format!("items[{i}].access"), "invalid", "must be read or edit");
        }
    }
    let mut ids: Vec<Uuid> = items.iter().map(|s| s.user_id).collect();
    ids.sort();
    ids.dedup();
    if ids.len() != items.len() {
        v.add("items", "duplicate", "each user at most once");
    }
    v.finish()?;
    let tx = tx::begin(db).await?;
    let cust = super::records::find_editable(&tx, ctx, customer_id).await?;
    super::records::check_owner_side(&tx, ctx, &cust, "share").await?;
    let found = user::Entity::find()
        .filter(user::Column::Id.is_in(ids.clone()))
        .filter(user::Column::DeletedAt.is_null())
        .filter(user::Column::Enabled.eq(true))
        .all(&tx)
        .await
        .map_err(db_err)?;
    let mut v = Validator::new();
    for (i, s) in items.iter().enumerate() {
        if !found.iter().any(|u| u.id == s.user_id) {
            v.add(&format!("items[{i}].user_id"), "not_found", "no such enabled user");
        } else if Some(s.user_id) == cust.owner_id {
            v.add(&format!("items[{i}].user_id"), "owner", "the owner is not a collaborator");
        }
    }
    v.finish()?;
    let before = rows(&tx, customer_id).await?;
    Collaborator::delete_many().filter(C::CustomerId.eq(customer_id)).exec(&tx).await.map_err(db_err)?;
    if !items.is_empty() {
        let new_rows = items.iter().map(|s| collaborator::ActiveModel {
            customer_id: Set(customer_id),
            user_id: Set(s.user_id),
            access: Set(s.access.clone()),
            created_at: Set(before.iter().find(|b| b.user_id == s.user_id).map_or(ctx.now, |b| b.created_at)),
        });
        Collaborator::insert_many(new_rows).exec_without_returning(&tx).await.map_err(db_err)?;
    }
    let after = rows(&tx, customer_id).await?;
    let brief = |l: &[CollaboratorView]| json!(l.iter().map(|c| json!({"user_id": c.user_id, "access": c.access})).collect::<Vec<_>>());
    audit::record(&tx, ctx, "customers", customer_id, "collaborators", &json!({"collaborators": brief(&before)}), &json!({"collaborators": brief(&after)})).await?;
    // Those newly shared with hear of it.
    for added in after.iter().filter(|a| !before.iter().any(|b| b.user_id == a.user_id)) {
        let notice = crate::notifications::Notice {
            user_id: added.user_id,
            kind: "customer.shared",
            entity: Some("customers"),
            record_id: Some(customer_id),
            record_label: Some(cust.name.clone()),
            data: json!({"access": added.access}),
            dedupe_key: None,
        };
        crate::notifications::notify(&tx, ctx, notice).await?;
    }
    tx.commit().await.map_err(db_err)?;
    Ok(after)
}
