//! The lists of restorable and scoped entities. A test checks every soft-deleting entity is
//! here, so the recycle bin cannot miss one.

use crm_domain::{DomainError, DomainResult};
use uuid::Uuid;

use crate::db::db_err;
use crate::listing::{ListParams, Page};
use crate::recycle::{self, RecycledItem, SoftDelete};
use crate::customers::entities::{contact, customer, follow_up};
use crate::products::entities::{category, product, supplier};
use crate::shared_entities::saved_view;
use crate::system::entities::{department, role, user};
use crate::{Ctx, Db};

/// Entities the recycle bin lists and restores, by their URL name.
pub const RESTORABLE: &[&str] = &[
    <user::Entity as SoftDelete>::NAME,
    <department::Entity as SoftDelete>::NAME,
    <role::Entity as SoftDelete>::NAME,
    <customer::Entity as SoftDelete>::NAME,
    <contact::Entity as SoftDelete>::NAME,
    <follow_up::Entity as SoftDelete>::NAME,
    <category::Entity as SoftDelete>::NAME,
    <product::Entity as SoftDelete>::NAME,
    <supplier::Entity as SoftDelete>::NAME,
    <saved_view::Entity as SoftDelete>::NAME,
];

fn unknown(entity: &str) -> DomainError {
    DomainError::bad_request("recycle_bin.unknown_entity", format!("'{entity}' has no recycle bin; use one of: {}", RESTORABLE.join(", ")))
}

pub async fn list_deleted(db: &Db, entity: &str, params: &ListParams) -> DomainResult<Page<RecycledItem>> {
    match entity {
        "users" => recycle::list_deleted::<user::Entity>(db, params).await,
        "departments" => recycle::list_deleted::<department::Entity>(db, params).await,
        "roles" => recycle::list_deleted::<role::Entity>(db, params).await,
        "customers" => recycle::list_deleted::<customer::Entity>(db, params).await,
        "contacts" => recycle::list_deleted::<contact::Entity>(db, params).await,
        "follow_ups" => recycle::list_deleted::<follow_up::Entity>(db, params).await,
        "product_categories" => recycle::list_deleted::<category::Entity>(db, params).await,
        "products" => recycle::list_deleted::<product::Entity>(db, params).await,
        "suppliers" => recycle::list_deleted::<supplier::Entity>(db, params).await,
        "saved_views" => recycle::list_deleted::<saved_view::Entity>(db, params).await,
        _ => Err(unknown(entity)),
    }
}

pub async fn restore(db: &Db, ctx: &Ctx, entity: &str, id: Uuid) -> DomainResult<()> {
    let tx = crate::tx::begin(db).await?;
    match entity {
        "users" => recycle::restore::<user::Entity>(&tx, ctx, id).await?,
        "departments" => recycle::restore::<department::Entity>(&tx, ctx, id).await?,
        "roles" => recycle::restore::<role::Entity>(&tx, ctx, id).await?,
        "customers" => recycle::restore::<customer::Entity>(&tx, ctx, id).await?,
        "contacts" => {
            recycle::restore::<contact::Entity>(&tx, ctx, id).await?;
            // The restored contact's name and phones are searchable again.
            crate::customers::search::refresh_for_contact(&tx, id).await?;
        }
        "follow_ups" => {
            recycle::restore::<follow_up::Entity>(&tx, ctx, id).await?;
            crate::customers::follow_ups::recompute_for_follow_up(&tx, ctx, id).await?;
        }
        "product_categories" => recycle::restore::<category::Entity>(&tx, ctx, id).await?,
        "products" => recycle::restore::<product::Entity>(&tx, ctx, id).await?,
        "suppliers" => recycle::restore::<supplier::Entity>(&tx, ctx, id).await?,
        "saved_views" => recycle::restore::<saved_view::Entity>(&tx, ctx, id).await?,
        _ => return Err(unknown(entity)),
    }
    tx.commit().await.map_err(db_err)
}
