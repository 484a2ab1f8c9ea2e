//! Failed sign-ins, counted so that guessing is slow and no one can lock anyone else out
//! for long (SYS-1).
//! - Per login name, whether or not a user has it: after `MAX_FAILURES` failures in
//!   `WINDOW` the name is locked for 30 s, then 1 min, 2 min… up to 15 min. The lock holds
//!   for clients that have not proven themselves; an unknown name locks exactly like a
//!   known one, so the lock reveals nothing.
//! - Per device a user signed in from before (the HTTP layer's signed device cookie): its
//!   failures count apart, and the name's lock does not hold for it, so an attacker who
//!   keeps a name locked does not keep its owner out.
//!
//! Counting is one transaction per failure, so parallel guesses cannot slip past a lock.

use chrono::{DateTime, Duration, Utc};
use crm_domain::DomainResult;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::db::db_err;
use crate::passwords::sha256_hex;
use crate::system::entities::login_throttle::{self, Column as T, Entity as Throttle};
use crate::Db;

pub const MAX_FAILURES: i32 = 5;
pub const WINDOW_MINUTES: i64 = 15;
const FIRST_LOCK_SECONDS: i64 = 30;
pub const MAX_LOCK_SECONDS: i64 = 15 * 60;

/// The key of a login name as typed (usernames and e-mails compare case-insensitively).
pub fn name_key(login: &str) -> String {
    format!("acct:{}", sha256_hex(&login.trim().to_lowercase()))
}

pub fn device_key(device: Uuid) -> String {
    format!("dev:{device}")
}

/// How long the `lockouts`-th lock lasts: 30 s doubling up to 15 min.
pub fn lock_length(lockouts: i32) -> Duration {
    let doublings = u32::try_from(lockouts.clamp(0, 10)).unwrap_or(0);
    Duration::seconds((FIRST_LOCK_SECONDS << doublings).min(MAX_LOCK_SECONDS))
}

/// Until when `key` is locked, if it is.
pub async fn locked_until(db: &Db, key: &str, now: DateTime<Utc>) -> DomainResult<Option<DateTime<Utc>>> {
    let row = Throttle::find_by_id(key.to_string()).one(db).await.map_err(db_err)?;
    Ok(row.and_then(|r| r.locked_until).filter(|t| *t > now))
}

/// Counts a failure under `key`; returns until when it is now locked, when this failure
/// locked it.
pub async fn fail(db: &Db, key: &str, now: DateTime<Utc>) -> DomainResult<Option<DateTime<Utc>>> {
    let tx = crate::tx::begin(db).await?;
    let cutoff = now - Duration::minutes(WINDOW_MINUTES);
    let stale = Expr::col((Throttle, T::WindowStart)).lt(cutoff);
    Throttle::insert(login_throttle::ActiveModel {
        key: Set(key.to_string()),
        failures: Set(1),
        window_start: Set(now),
        locked_until: Set(None),
        lockouts: Set(0),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(T::Key)
            .value(T::Failures, Expr::case(stale.clone(), 1).finally(Expr::col((Throttle, T::Failures)).add(1)))
            .value(T::WindowStart, Expr::case(stale, now).finally(Expr::col((Throttle, T::WindowStart))))
            .value(T::UpdatedAt, now)
            .to_owned(),
    )
    .exec_without_returning(&tx)
    .await
    .map_err(db_err)?;
    let row = Throttle::find_by_id(key.to_string()).one(&tx).await.map_err(db_err)?;
    let mut locked = None;
    if let Some(r) = row.filter(|r| r.failures >= MAX_FAILURES) {
        let until = now + lock_length(r.lockouts);
        Throttle::update_many()
            .col_expr(T::LockedUntil, Expr::value(until))
            .col_expr(T::Lockouts, Expr::col(T::Lockouts).add(1))
            .col_expr(T::Failures, Expr::value(0))
            .col_expr(T::WindowStart, Expr::value(now))
            .filter(T::Key.eq(key))
            .exec(&tx)
            .await
            .map_err(db_err)?;
        locked = Some(until);
    }
    tx.commit().await.map_err(db_err)?;
    Ok(locked)
}

/// Forgets the failures under `keys` (a successful sign-in, a password reset).
pub async fn clear(db: &impl ConnectionTrait, keys: &[String]) -> DomainResult<()> {
    Throttle::delete_many().filter(T::Key.is_in(keys.to_vec())).exec(db).await.map_err(db_err)?;
    Ok(())
}

/// Drops counters nobody has touched for a day (their windows and locks are long over).
pub async fn purge(db: &Db, now: DateTime<Utc>) -> DomainResult<u64> {
    let res = Throttle::delete_many().filter(T::UpdatedAt.lt(now - Duration::days(1))).exec(db).await.map_err(db_err)?;
    Ok(res.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_double_up_to_fifteen_minutes() {
        assert_eq!(lock_length(0).num_seconds(), 30);
        assert_eq!(lock_length(1).num_seconds(), 60);
        assert_eq!(lock_length(4).num_seconds(), 480);
        assert_eq!(lock_length(5).num_seconds(), 900);
        assert_eq!(lock_length(50).num_seconds(), 900);
        assert_eq!(name_key(" Admin "), name_key("admin"));
        assert!(name_key("x").len() <= 80);
    }
}
