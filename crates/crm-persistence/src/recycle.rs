//! Logical delete and the recycle bin (SYS-8). A deleted row keeps its data with
//! `deleted_at`/`deleted_by` set; admins list and restore it through `registry.rs`, which
//! joins the modules' `RESTORABLE` tables (`kit::restore`).

use chrono::{DateTime, Utc};
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use crate::audit;
use crate::db::db_err;
use crate::listing::{ListParams, Page};
use crate::Ctx;

/// An entity that is deleted logically.
pub trait SoftDelete: EntityTrait {
    /// The entity's name in URLs, the audit log and the recycle bin.
    const NAME: &'static str;
    fn id_col() -> Self::Column;
    fn label_col() -> Self::Column;
    fn version_col() -> Self::Column;
    fn deleted_at_col() -> Self::Column;
    fn deleted_by_col() -> Self::Column;
    fn updated_at_col() -> Self::Column;
}

/// Declares a logically deleted entity whose columns follow the house naming (`id`,
/// `version`, `deleted_at`, `deleted_by`): `soft_delete!(Entity, "users", Username);`
#[macro_export]
macro_rules! soft_delete {
    ($entity:ty, $name:literal, $label:ident) => {
        impl $crate::recycle::SoftDelete for $entity {
            const NAME: &'static str = $name;
            fn id_col() -> <$entity as sea_orm::EntityTrait>::Column {
                <$entity as sea_orm::EntityTrait>::Column::Id
            }
            fn label_col() -> <$entity as sea_orm::EntityTrait>::Column {
                <$entity as sea_orm::EntityTrait>::Column::$label
            }
            fn version_col() -> <$entity as sea_orm::EntityTrait>::Column {
                <$entity as sea_orm::EntityTrait>::Column::Version
            }
            fn deleted_at_col() -> <$entity as sea_orm::EntityTrait>::Column {
                <$entity as sea_orm::EntityTrait>::Column::DeletedAt
            }
            fn deleted_by_col() -> <$entity as sea_orm::EntityTrait>::Column {
                <$entity as sea_orm::EntityTrait>::Column::DeletedBy
            }
            fn updated_at_col() -> <$entity as sea_orm::EntityTrait>::Column {
                <$entity as sea_orm::EntityTrait>::Column::UpdatedAt
            }
        }
    };
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = RecycleBinItem)]
pub struct RecycledItem {
    #[schema(example = "users")]
    pub entity: String,
    pub id: Uuid,
    /// The record's name, for people.
    pub label: String,
    pub deleted_at: DateTime<Utc>,
    pub deleted_by: Option<Uuid>,
}

/// Marks a live row deleted, checking the caller's `If-Match`. The caller has already
/// loaded the row through its scope and checked the module's own rules.
pub async fn soft_delete<E: SoftDelete>(db: &impl ConnectionTrait, ctx: &Ctx, id: Uuid, read_version: i32) -> DomainResult<()> {
    let res = E::update_many()
        .col_expr(E::deleted_at_col(), Expr::value(ctx.now))
        .col_expr(E::deleted_by_col(), Expr::value(ctx.actor.user_id))
        .col_expr(E::version_col(), Expr::value(read_version + 1))
        .filter(E::id_col().eq(id))
        .filter(E::version_col().eq(read_version))
        .filter(E::deleted_at_col().is_null())
        .exec(db)
        .await
        .map_err(db_err)?;
    if res.rows_affected == 0 {
        return Err(DomainError::stale_version());
    }
    audit::record(db, ctx, E::NAME, id, "delete", &json!({"deleted": false}), &json!({"deleted": true})).await
}

pub async fn list_deleted<E: SoftDelete>(db: &impl ConnectionTrait, params: &ListParams) -> DomainResult<Page<RecycledItem>>
where
    E::Model: Sync,
{
    let select = E::find().filter(E::deleted_at_col().is_not_null());
    let total = select.clone().count(db).await.map_err(db_err)?;
    let rows: Vec<(Uuid, String, DateTime<Utc>, Option<Uuid>)> = select
        .select_only()
        .column(E::id_col())
        .column(E::label_col())
        .column(E::deleted_at_col())
        .column(E::deleted_by_col())
        .order_by_desc(E::deleted_at_col())
        .offset(params.offset())
        .limit(params.page_size)
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)?;
    Ok(Page::exact(
        rows
            .into_iter()
            .map(|(id, label, deleted_at, deleted_by)| RecycledItem { entity: E::NAME.into(), id, label, deleted_at, deleted_by })
            .collect(),
        total,
        params,
    ))
}

/// The names of some rows, deleted or not, for people reading an operation log or a
/// list of recent changes instead of ids.
pub async fn labels<E: SoftDelete>(db: &impl ConnectionTrait, ids: Vec<Uuid>) -> DomainResult<Vec<(Uuid, String)>> {
    E::find().select_only().column(E::id_col()).column(E::label_col()).filter(E::id_col().is_in(ids)).into_tuple().all(db).await.map_err(db_err)
}

pub async fn restore<E: SoftDelete>(db: &impl ConnectionTrait, ctx: &Ctx, id: Uuid) -> DomainResult<()> {
    let res = E::update_many()
        .col_expr(E::deleted_at_col(), Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(E::deleted_by_col(), Expr::value(Option::<Uuid>::None))
        .col_expr(E::version_col(), Expr::col(E::version_col()).add(1))
        .filter(E::id_col().eq(id))
        .filter(E::deleted_at_col().is_not_null())
        .exec(db)
        .await
        .map_err(db_err)?;
    if res.rows_affected == 0 {
        return Err(DomainError::not_found("recycle_bin"));
    }
    audit::record(db, ctx, E::NAME, id, "restore", &json!({"deleted": true}), &json!({"deleted": false})).await
}
