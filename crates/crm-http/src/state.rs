//! Shared server state: the pool, the JWT keys and the short-lived authentication caches.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use crm_persistence::Db;

use crate::auth::{JwtKeys, Principal};
use crate::login_guard::{LoginGuard, LoginLimits};
use crate::rate_limit::{Limiter, RateLimits};

/// How long a resolved actor or API token may be reused without asking the database.
/// Writes to users and roles in this process clear the cache at once; other instances
/// behind a load balancer see the change within this time.
pub const AUTH_CACHE_TTL: Duration = Duration::from_secs(5);

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub jwt: Arc<JwtKeys>,
    /// The server's secret, which also signs device cookies.
    pub secret: Arc<[u8]>,
    pub auth_cache: Arc<AuthCache>,
    pub login_guard: Arc<LoginGuard>,
    pub limiter: Arc<Limiter>,
    pub settings: Arc<Settings>,
    /// Seals the secrets kept among the settings (the SMTP password).
    pub secrets: crm_persistence::secret_box::SecretBox,
    /// Where file contents live.
    pub store: crm_persistence::drive::storage::Store,
    /// Signs and checks short-lived download links.
    pub links: crm_persistence::drive::links::LinkKey,
    /// The exports each person is streaming now (`export::claim`).
    pub exports: Arc<crate::export::Streams>,
}

/// What an operator tunes about a server's defences.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub login: LoginLimits,
    pub rates: RateLimits,
    /// Take the client address from `Forwarded` / `X-Forwarded-For` (only behind a proxy
    /// that sets them), else from the connection.
    pub trust_forwarded: bool,
    /// The directory uploads are received in (`<data dir>/files` for `crm serve`), and
    /// file contents are kept in unless there is a bucket.
    pub files_dir: std::path::PathBuf,
    /// S3-compatible object storage for file contents, shared by several servers.
    pub files_bucket: Option<crm_persistence::drive::storage::Bucket>,
    /// Imports one person may have waiting or running at once, and exports one person may
    /// have under way (streamed or in the background); 0 for the default.
    pub user_jobs: u64,
}

impl Settings {
    pub fn user_jobs(&self) -> u64 {
        if self.user_jobs == 0 { crm_persistence::imports::DEFAULT_USER_JOBS } else { self.user_jobs }
    }
}

impl AppState {
    pub fn new(db: Db, secret: &[u8], settings: Settings) -> Self {
        Self {
            store: crm_persistence::drive::storage::Store::new(settings.files_dir.clone(), settings.files_bucket.clone()),
            db,
            jwt: Arc::new(JwtKeys::new(secret)),
            secret: Arc::from(secret),
            auth_cache: Arc::new(AuthCache::default()),
            login_guard: Arc::new(LoginGuard::new(settings.login)),
            limiter: Arc::new(Limiter::new(settings.rates)),
            settings: Arc::new(settings),
            secrets: crm_persistence::secret_box::SecretBox::derive(secret),
            links: crm_persistence::drive::links::LinkKey::derive(secret),
            exports: Arc::default(),
        }
    }

    /// The client's address for throttling.
    pub fn client_addr(&self, req: &actix_web::HttpRequest) -> Option<std::net::IpAddr> {
        if self.settings.trust_forwarded {
            if let Some(ip) = req.connection_info().realip_remote_addr().and_then(|a| a.parse::<std::net::SocketAddr>().map(|s| s.ip()).or_else(|_| a.parse()).ok()) {
                return Some(ip);
            }
        }
        req.peer_addr().map(|a| a.ip())
    }

    /// The state one server worker uses: the same caches and keys, and database
    /// connections opened on the worker's own thread (`db::pool_for_this_thread`).
    pub fn for_worker(&self, workers: usize) -> Self {
        Self { db: crm_persistence::db::pool_for_this_thread(&self.db, workers), ..self.clone() }
    }
}

/// When cached, until when the token itself is valid, and who it is.
type Entry = (Instant, Option<DateTime<Utc>>, Principal);

#[derive(Default)]
pub struct AuthCache {
    actors: RwLock<HashMap<String, Entry>>,
}

impl AuthCache {
    pub fn get(&self, key: &str) -> Option<Principal> {
        let map = self.actors.read().ok()?;
        let (at, expires, principal) = map.get(key)?;
        (at.elapsed() < AUTH_CACHE_TTL && expires.is_none_or(|e| e > Utc::now())).then(|| principal.clone())
    }

    /// `expires` is the token's own expiry: a cached actor never outlives its token.
    pub fn put(&self, key: String, principal: Principal, expires: Option<DateTime<Utc>>) {
        if let Ok(mut map) = self.actors.write() {
            if map.len() > 10_000 {
                map.retain(|_, (at, _, _)| at.elapsed() < AUTH_CACHE_TTL);
            }
            map.insert(key, (Instant::now(), expires, principal));
        }
    }

    /// After a change to users, roles, tokens or sessions.
    pub fn clear(&self) {
        if let Ok(mut map) = self.actors.write() {
            map.clear();
        }
    }
}
