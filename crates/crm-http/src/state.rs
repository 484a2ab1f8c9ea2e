//! Shared server state: the pool, the JWT keys and the short-lived authentication caches.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use crm_domain::Actor;
use crm_persistence::Db;

use crate::auth::JwtKeys;

/// How long a resolved actor or API token may be reused without asking the database.
/// Writes to users and roles in this process clear the cache at once; other instances
/// behind a load balancer see the change within this time.
pub const AUTH_CACHE_TTL: Duration = Duration::from_secs(5);

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub jwt: Arc<JwtKeys>,
    pub auth_cache: Arc<AuthCache>,
}

impl AppState {
    /// The state one server worker uses: the same caches and keys, and database
    /// connections opened on the worker's own thread (`db::pool_for_this_thread`).
    pub fn for_worker(&self, workers: usize) -> Self {
        Self { db: crm_persistence::db::pool_for_this_thread(&self.db, workers), ..self.clone() }
    }
}

/// When cached, until when the token itself is valid, and the actor.
type Entry = (Instant, Option<DateTime<Utc>>, Arc<Actor>);

#[derive(Default)]
pub struct AuthCache {
    actors: RwLock<HashMap<String, Entry>>,
}

impl AuthCache {
    pub fn get(&self, key: &str) -> Option<Arc<Actor>> {
        let map = self.actors.read().ok()?;
        let (at, expires, actor) = map.get(key)?;
        (at.elapsed() < AUTH_CACHE_TTL && expires.is_none_or(|e| e > Utc::now())).then(|| actor.clone())
    }

    /// `expires` is the token's own expiry: a cached actor never outlives its token.
    pub fn put(&self, key: String, actor: Arc<Actor>, expires: Option<DateTime<Utc>>) {
        if let Ok(mut map) = self.actors.write() {
            if map.len() > 10_000 {
                map.retain(|_, (at, _, _)| at.elapsed() < AUTH_CACHE_TTL);
            }
            map.insert(key, (Instant::now(), expires, actor));
        }
    }

    /// After a change to users, roles or tokens.
    pub fn clear(&self) {
        if let Ok(mut map) = self.actors.write() {
            map.clear();
        }
    }
}
