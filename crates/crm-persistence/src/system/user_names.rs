//! Display names of users by id, for the owner and "created by" columns that nearly every
//! read shows. Names change rarely, so they are kept in memory for a minute, which spares
//! a query on most requests; a rename in this process clears them at once (another
//! instance's rename shows within the minute).

use std::collections::HashMap;
use std::sync::{LazyLock, RwLock};
use std::time::{Duration, Instant};

use crm_domain::DomainResult;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::entities::user;
use crate::db::db_err;

const TTL: Duration = Duration::from_secs(60);
/// Far above any real user count; a bound so the map can never grow without limit.
const MAX_ENTRIES: usize = 100_000;

static CACHE: LazyLock<RwLock<HashMap<Uuid, (String, Instant)>>> = LazyLock::new(|| RwLock::new(HashMap::new()));

/// Names of the given users (deleted ones too: their records still name them).
pub async fn display_names(db: &impl ConnectionTrait, ids: impl IntoIterator<Item = Uuid>) -> DomainResult<HashMap<Uuid, String>> {
    let now = Instant::now();
    let mut out = HashMap::new();
    let mut missing = Vec::new();
    {
        let cache = CACHE.read().unwrap_or_else(|e| e.into_inner());
        for id in ids {
            match cache.get(&id) {
                Some((name, at)) if now.duration_since(*at) < TTL => {
                    out.insert(id, name.clone());
                }
                _ => missing.push(id),
            }
        }
    }
    missing.sort();
    missing.dedup();
    if missing.is_empty() {
        return Ok(out);
    }
    let found: Vec<(Uuid, String)> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::DisplayName)
        .filter(user::Column::Id.is_in(missing))
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)?;
    let mut cache = CACHE.write().unwrap_or_else(|e| e.into_inner());
    if cache.len() + found.len() > MAX_ENTRIES {
        cache.clear();
    }
    for (id, name) in found {
        cache.insert(id, (name.clone(), now));
        out.insert(id, name);
    }
    Ok(out)
}

/// After a user's display name changes.
pub fn forget(id: Uuid) {
    CACHE.write().unwrap_or_else(|e| e.into_inner()).remove(&id);
}
