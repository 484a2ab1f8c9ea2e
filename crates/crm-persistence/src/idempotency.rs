//! Storage for `Idempotency-Key`: a key is claimed by inserting it (so two concurrent
//! retries cannot both run), and the first answer is kept for 24 hours and replayed.

use chrono::{DateTime, Duration, Utc};
use crm_domain::{DomainError, DomainResult};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::Value;

use crate::db::db_err;
use crate::shared_entities::idempotency_key::{self, Column as C, Entity as Key};

pub enum Claim {
    /// First use: run the request, then `complete` or `release`.
    New,
    Replay { status: u16, body: String, headers: Value },
}

pub async fn claim(db: &impl ConnectionTrait, principal: &str, key: &str, request_hash: &str, now: DateTime<Utc>) -> DomainResult<Claim> {
    // Expired keys are forgotten, so the same key may be used again after 24 hours.
    Key::delete_many()
        .filter(C::Principal.eq(principal))
        .filter(C::Key.eq(key))
        .filter(C::CreatedAt.lt(now - Duration::hours(24)))
        .exec(db)
        .await
        .map_err(db_err)?;
    let inserted = Key::insert(idempotency_key::ActiveModel {
        principal: Set(principal.into()),
        key: Set(key.into()),
        request_hash: Set(request_hash.into()),
        status_code: Set(None),
        response_body: Set(None),
        response_headers: Set(None),
        created_at: Set(now),
    })
    .on_conflict(sea_orm::sea_query::OnConflict::columns([C::Principal, C::Key]).do_nothing().to_owned())
    .exec_without_returning(db)
    .await
    .map_err(db_err)?;
    if inserted == 1 {
        return Ok(Claim::New);
    }
    let existing = Key::find_by_id((principal.to_string(), key.to_string()))
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(|| DomainError::conflict("idempotency.in_progress", "a request with this Idempotency-Key is still running"))?;
    if existing.request_hash != request_hash {
        return Err(DomainError::new(
            crm_domain::ErrorKind::Validation,
            "idempotency.key_reused",
            "this Idempotency-Key was used with a different request body",
        ));
    }
    match (existing.status_code, existing.response_body) {
        (Some(status), Some(body)) => Ok(Claim::Replay {
            status: u16::try_from(status).unwrap_or(200),
            body,
            headers: existing.response_headers.unwrap_or(Value::Null),
        }),
        _ => Err(DomainError::conflict("idempotency.in_progress", "a request with this Idempotency-Key is still running")),
    }
}

pub async fn complete(db: &impl ConnectionTrait, principal: &str, key: &str, status: u16, body: String, headers: Value) -> DomainResult<()> {
    Key::update_many()
        .set(idempotency_key::ActiveModel {
            status_code: Set(Some(i32::from(status))),
            response_body: Set(Some(body)),
            response_headers: Set(Some(headers)),
            ..Default::default()
        })
        .filter(C::Principal.eq(principal))
        .filter(C::Key.eq(key))
        .exec(db)
        .await
        .map_err(db_err)?;
    Ok(())
}

/// Forgets a claim whose request failed on the server, so a retry runs again.
pub async fn release(db: &impl ConnectionTrait, principal: &str, key: &str) -> DomainResult<()> {
    Key::delete_many().filter(C::Principal.eq(principal)).filter(C::Key.eq(key)).exec(db).await.map_err(db_err)?;
    Ok(())
}

/// Keys created before `before` (past their replay window) go: the daily purge, so keys
/// used once do not stay for ever.
pub async fn purge(db: &impl ConnectionTrait, before: DateTime<Utc>) -> DomainResult<u64> {
    let res = Key::delete_many().filter(C::CreatedAt.lt(before)).exec(db).await.map_err(db_err)?;
    Ok(res.rows_affected)
}
