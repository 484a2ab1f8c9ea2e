//! Who released which customer when (CUS-7): the re-claim cooldown holds for every person
//! who released a customer within the window, so A cannot take back at once what A
//! released just because B claimed and released it in between.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use crm_domain::DomainResult;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::entities::release::{self, Column as R, Entity as Release};
use crate::db::db_err;

/// Notes that `user_id` released `customer_id` at `at` (the latest release counts).
pub async fn remember(db: &impl ConnectionTrait, customer_id: Uuid, user_id: Uuid, at: DateTime<Utc>) -> DomainResult<()> {
    Release::insert(release::ActiveModel { customer_id: Set(customer_id), user_id: Set(user_id), released_at: Set(at) })
        .on_conflict(OnConflict::columns([R::CustomerId, R::UserId]).update_column(R::ReleasedAt).to_owned())
        .exec_without_returning(db)
        .await
        .map_err(db_err)?;
    Ok(())
}

/// When `user_id` last released each of `customer_ids`, for those they released.
pub async fn released_by(db: &impl ConnectionTrait, user_id: Uuid, customer_ids: &[Uuid]) -> DomainResult<HashMap<Uuid, DateTime<Utc>>> {
    let rows = Release::find().filter(R::UserId.eq(user_id)).filter(R::CustomerId.is_in(customer_ids.to_vec())).all(db).await.map_err(db_err)?;
    Ok(rows.into_iter().map(|r| (r.customer_id, r.released_at)).collect())
}
