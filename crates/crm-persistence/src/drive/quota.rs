//! Quotas: what one person's uploads and the whole company's files may add up to. Each
//! is a counter row (`drive_usage`) moved by a conditional update in the transaction that
//! writes or deletes the file, so two parallel uploads can never both pass a quota that
//! has room for one: PostgreSQL re-checks the condition on the row the first one wrote,
//! and SQLite's writers take turns.

use crm_domain::drive::Limits;
use crm_domain::{DomainError, DomainResult, ErrorKind};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use super::entities::usage::{self, Column as U, Entity as UsageRow};
use crate::db::db_err;
use crate::tx::Tx;
use crate::{settings, Ctx, Db};

const KEY: &str = "drive";
const COMPANY: &str = "company";

fn user_key(id: Uuid) -> String {
    format!("user:{id}")
}

/// The limits in force: the administrator's, else the defaults.
pub async fn limits(db: &impl ConnectionTrait) -> DomainResult<(Limits, i32)> {
    Ok(settings::get::<Limits>(db, KEY).await?.unwrap_or((Limits::default(), 0)))
}

pub async fn put_limits(db: &Db, ctx: &Ctx, input: Limits, if_match: Option<i32>) -> DomainResult<(Limits, i32)> {
    let input = input.validate()?;
    settings::save(db, ctx, KEY, if_match, |l: &Limits| json!(l), |_| Ok(input)).await
}

#[derive(Debug, Clone, Copy, Serialize, utoipa::ToSchema)]
pub struct Usage {
    /// Bytes in use (files in the recycle bin do not count).
    pub used: i64,
    pub limit: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = DriveQuota, example = json!({"user": {"used": 52428800, "limit": 10737418240_i64}, "company": {"used": 2147483648_i64, "limit": 1099511627776_i64}, "max_file_bytes": 2147483648_i64}))]
pub struct QuotaView {
    /// The caller's own uploads.
    pub user: Usage,
    pub company: Usage,
    /// The largest single upload.
    pub max_file_bytes: i64,
}

async fn used(db: &impl ConnectionTrait, key: &str) -> DomainResult<i64> {
    Ok(UsageRow::find_by_id(key.to_string()).one(db).await.map_err(db_err)?.map_or(0, |r| r.used))
}

pub async fn view(db: &impl ConnectionTrait, user_id: Uuid) -> DomainResult<QuotaView> {
    let (l, _) = limits(db).await?;
    Ok(QuotaView {
        user: Usage { used: used(db, &user_key(user_id)).await?, limit: l.user_quota_bytes },
        company: Usage { used: used(db, COMPANY).await?, limit: l.company_quota_bytes },
        max_file_bytes: l.max_file_bytes,
    })
}

/// How many bytes one upload of `user_id` may have now: the smallest of the file limit
/// and what is left of both quotas; and whether the file limit is the one that binds.
pub async fn room(db: &impl ConnectionTrait, user_id: Uuid) -> DomainResult<(i64, bool)> {
    let q = view(db, user_id).await?;
    let left = (q.user.limit - q.user.used).min(q.company.limit - q.company.used).max(0);
    Ok(if q.max_file_bytes <= left { (q.max_file_bytes, true) } else { (left, false) })
}

pub fn exceeded() -> DomainError {
    DomainError::new(ErrorKind::PayloadTooLarge, "drive.quota_exceeded", "the upload does not fit in the drive's quota")
}

/// Adds `size` bytes to the uploader's and the company's counters, or refuses (413) when
/// either would pass its limit (`limits` none: a restore, which adds back what was there).
pub async fn charge(tx: &Tx, user_id: Uuid, size: i64, limits: Option<&Limits>) -> DomainResult<()> {
    for (key, limit) in [(user_key(user_id), limits.map(|l| l.user_quota_bytes)), (COMPANY.to_string(), limits.map(|l| l.company_quota_bytes))] {
        UsageRow::insert(usage::ActiveModel { key: Set(key.clone()), used: Set(0) })
            .on_conflict(OnConflict::column(U::Key).do_nothing().to_owned())
            .exec_without_returning(tx)
            .await
            .map_err(db_err)?;
        let mut update = UsageRow::update_many().col_expr(U::Used, Expr::col(U::Used).add(size)).filter(U::Key.eq(key.as_str()));
        if let Some(limit) = limit {
            update = update.filter(Expr::col(U::Used).lte(limit - size));
        }
        if update.exec(tx).await.map_err(db_err)?.rows_affected == 0 {
            return Err(exceeded());
        }
    }
    Ok(())
}

/// Takes `size` bytes off the counters (a file went to the recycle bin).
pub async fn refund(tx: &Tx, user_id: Uuid, size: i64) -> DomainResult<()> {
    UsageRow::update_many()
        .col_expr(U::Used, Expr::col(U::Used).sub(size))
        .filter(U::Key.is_in([user_key(user_id), COMPANY.to_string()]))
        .exec(tx)
        .await
        .map_err(db_err)?;
    Ok(())
}
