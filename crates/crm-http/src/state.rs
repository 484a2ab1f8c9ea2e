//! Shared server state: the pool, the JWT keys and the short-lived authentication caches.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

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

#[derive(Default)]
pub struct AuthCache {
    actors: RwLock<HashMap<String, (Instant, Actor)>>,
}

impl AuthCache {
    pub fn get(&self, key: &str) -> Option<Actor> {
        let map = self.actors.read().ok()?;
        let (at, actor) = map.get(key)?;
        (at.elapsed() < AUTH_CACHE_TTL).then(|| actor.clone())
    }

    pub fn put(&self, key: String, actor: Actor) {
        if let Ok(mut map) = self.actors.write() {
            if map.len() > 10_000 {
                map.retain(|_, (at, _)| at.elapsed() < AUTH_CACHE_TTL);
            }
            map.insert(key, (Instant::now(), actor));
        }
    }

    /// After a change to users, roles or tokens.
    pub fn clear(&self) {
        if let Ok(mut map) = self.actors.write() {
            map.clear();
        }
    }
}
