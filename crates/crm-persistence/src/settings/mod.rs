//! Settings an administrator changes while the server runs, one JSON value per key,
//! versioned for If-Match and written with an operation-log entry. Secrets inside a value
//! are sealed (`SecretBox`) before they get here.

pub mod company;
pub mod entity;
pub mod sms;
pub mod smtp;

use crm_domain::{DomainError, DomainResult};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use self::entity::{Entity as Setting, Model};
use crate::db::db_err;
use crate::tx::Tx;
use crate::{audit, Ctx};

/// The stored value of `key` and its version, if it was ever set.
pub async fn get<T: DeserializeOwned>(db: &impl ConnectionTrait, key: &str) -> DomainResult<Option<(T, i32)>> {
    let Some(row) = Setting::find_by_id(key.to_string()).one(db).await.map_err(db_err)? else { return Ok(None) };
    let value = serde_json::from_value(row.value).map_err(|e| DomainError::internal(format!("setting {key} is unreadable: {e}")))?;
    Ok(Some((value, row.version)))
}

/// Writes `key`, as of `if_match` when given (412 when another write came first); the log
/// entry compares `logged` (before, after: the values without their secrets). Answers the
/// new version.
pub async fn put<T: Serialize>(tx: &Tx, ctx: &Ctx, key: &str, value: &T, logged: (&Value, &Value), if_match: Option<i32>) -> DomainResult<i32> {
    let current = Setting::find_by_id(key.to_string()).one(tx).await.map_err(db_err)?;
    let version = current.as_ref().map_or(0, |c| c.version);
    crate::version::check_if_match(if_match, version)?;
    let row = entity::ActiveModel {
        key: Set(key.to_string()),
        value: Set(json!(value)),
        version: Set(version + 1),
        updated_at: Set(ctx.now),
        updated_by: Set((!ctx.actor.user_id.is_nil()).then_some(ctx.actor.user_id)),
    };
    match current {
        // The version in the condition: a concurrent writer that read the same version loses.
        Some(Model { version: read, .. }) => {
            let res = Setting::update_many()
                .set(row)
                .filter(entity::Column::Key.eq(key))
                .filter(entity::Column::Version.eq(read))
                .exec(tx)
                .await
                .map_err(db_err)?;
            if res.rows_affected == 0 {
                return Err(DomainError::stale_version());
            }
        }
        None => {
            Setting::insert(row).exec_without_returning(tx).await.map_err(db_err)?;
        }
    }
    audit::record(tx, ctx, "settings", uuid::Uuid::nil(), "update", &prefixed(key, logged.0), &prefixed(key, logged.1)).await?;
    Ok(version + 1)
}

/// Removes `key`, as of `if_match` when given (412 when another write came first), with a
/// log entry from `logged` (the value without its secrets) to nothing. Answers whether
/// there was a value.
pub async fn remove(tx: &Tx, ctx: &Ctx, key: &str, logged: &Value, if_match: Option<i32>) -> DomainResult<bool> {
    let Some(current) = Setting::find_by_id(key.to_string()).one(tx).await.map_err(db_err)? else {
        crate::version::check_if_match(if_match, 0)?;
        return Ok(false);
    };
    crate::version::check_if_match(if_match, current.version)?;
    let res = Setting::delete_many().filter(entity::Column::Key.eq(key)).filter(entity::Column::Version.eq(current.version)).exec(tx).await.map_err(db_err)?;
    if res.rows_affected == 0 {
        return Err(DomainError::stale_version());
    }
    audit::record(tx, ctx, "settings", uuid::Uuid::nil(), "update", &prefixed(key, logged), &json!({})).await?;
    Ok(true)
}

/// Saves `key` in a transaction of its own: `next` makes the new value from the stored one
/// (none before the first save), and the log compares the two as `logged` shows them
/// (without their secrets). Answers the value and its new version.
pub async fn save<T, F>(db: &crate::Db, ctx: &Ctx, key: &str, if_match: Option<i32>, logged: fn(&T) -> Value, next: F) -> DomainResult<(T, i32)>
where
    T: Serialize + DeserializeOwned,
    F: FnOnce(Option<T>) -> DomainResult<T>,
{
    let tx = crate::tx::begin(db).await?;
    let current = get::<T>(&tx, key).await?.map(|(c, _)| c);
    let before = current.as_ref().map(logged).unwrap_or_default();
    let value = next(current)?;
    let version = put(&tx, ctx, key, &value, (&before, &logged(&value)), if_match).await?;
    tx.commit().await.map_err(crate::db::db_err)?;
    Ok((value, version))
}

/// Removes `key` in a transaction of its own, logged as `logged` shows the old value.
pub async fn clear<T: DeserializeOwned>(db: &crate::Db, ctx: &Ctx, key: &str, if_match: Option<i32>, logged: fn(&T) -> Value) -> DomainResult<()> {
    let tx = crate::tx::begin(db).await?;
    let before = get::<T>(&tx, key).await?.map(|(c, _)| logged(&c)).unwrap_or_default();
    remove(&tx, ctx, key, &before, if_match).await?;
    tx.commit().await.map_err(crate::db::db_err)
}

/// A write-only secret of a setting as stored: `given` absent keeps the `stored` one,
/// `null` removes it, a value is sealed.
pub fn write_only(secrets: &crate::secret_box::SecretBox, given: Option<Option<String>>, stored: Option<String>) -> DomainResult<Option<String>> {
    match given {
        None => Ok(stored),
        Some(None) => Ok(None),
        Some(Some(p)) => secrets.seal(&p).map(Some).ok_or_else(|| DomainError::internal("a secret could not be sealed")),
    }
}

/// `{"host": …}` of `smtp` as `{"smtp.host": …}`: the log names each setting it changed.
fn prefixed(key: &str, value: &Value) -> Value {
    match value {
        Value::Object(fields) => Value::Object(fields.iter().map(|(k, v)| (format!("{key}.{k}"), v.clone())).collect()),
        Value::Null => json!({}),
        other => json!({ key: other }),
    }
}
