//! `TestApp::spawn(db)`: the real server on port 0 over a fresh SQLite file or a fresh
//! PostgreSQL database (random name, dropped afterwards), with helpers for signing in and
//! for checking problem+json answers.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::net::TcpListener;
use std::path::PathBuf;

use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

pub const ADMIN_PASSWORD: &str = "Admin-pass-123";
pub const PASSWORD: &str = "User-pass-123";

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DbKind {
    Sqlite,
    Postgres,
}

/// Writes a test once and runs it on both databases: `dual_test!(name, |app| { ... });`
macro_rules! dual_test {
    ($name:ident, |$app:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $app = $crate::support::TestApp::spawn($crate::support::DbKind::Sqlite).await;
                $body
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let $app = $crate::support::TestApp::spawn($crate::support::DbKind::Postgres).await;
                $body
            }
        }
    };
}

pub enum Cleanup {
    File(PathBuf),
    Postgres { admin_url: String, name: String },
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        match self {
            Cleanup::File(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Postgres { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs outside async; a small runtime of its own drops the database.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                    rt.block_on(async {
                        if let Ok(db) = crm_persistence::db::connect(&admin_url).await {
                            use sea_orm::ConnectionTrait;
                            let _ = db.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

/// A new, empty database of `kind` (not migrated), dropped with the returned guard.
pub async fn empty_database(kind: DbKind) -> (String, Cleanup) {
    let id = Uuid::now_v7().simple().to_string();
    match kind {
        DbKind::Sqlite => {
            let dir = std::env::temp_dir().join(format!("crm-test-{id}"));
            std::fs::create_dir_all(&dir).unwrap();
            (format!("sqlite://{}?mode=rwc", dir.join("crm.db").display()), Cleanup::File(dir))
        }
        DbKind::Postgres => {
            let admin_url = postgres_admin_url();
            let admin = crm_persistence::db::connect(&admin_url)
                .await
                .unwrap_or_else(|e| panic!("PostgreSQL is not reachable at {admin_url} ({e}); set CRM_TEST_POSTGRES_URL or run only the SQLite tests"));
            let name = format!("crm_test_{id}");
            use sea_orm::ConnectionTrait;
            admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.unwrap();
            admin.close().await.ok();
            let base = admin_url.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap();
            (format!("{base}/{name}"), Cleanup::Postgres { admin_url, name })
        }
    }
}

pub struct TestApp {
    pub base: String,
    /// The database's URL, for a second process (the CLI) to open.
    pub url: String,
    pub http: reqwest::Client,
    pub db: crm_persistence::Db,
    pub kind: DbKind,
    pub admin: String,
    /// Where the server keeps uploads (a job worker of the test reads them there).
    pub files_dir: std::path::PathBuf,
    _cleanup: Cleanup,
}

pub fn postgres_admin_url() -> String {
    std::env::var("CRM_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// The defences of a test server: the production defaults, but no request rate limits,
/// which a test's bursts of calls would run into (the rate-limit tests set their own).
pub fn test_settings() -> crm_http::state::Settings {
    crm_http::state::Settings { rates: crm_http::rate_limit::RateLimits::off(), ..Default::default() }
}

/// Turns the test database's URL into the one the server connects with.
pub type UrlMap = Box<dyn Fn(&str) -> String + Send>;

/// How a test wants its server: by default the database the test migrated, directly.
#[derive(Default)]
pub struct Options {
    /// The URL the server connects with, e.g. through a proxy.
    pub serve_url: Option<UrlMap>,
    /// The server's defences, when a test needs other than the defaults.
    pub settings: Option<crm_http::state::Settings>,
}

impl TestApp {
    pub async fn spawn(kind: DbKind) -> Self {
        Self::spawn_with(kind, Options::default()).await
    }

    pub async fn spawn_with(kind: DbKind, options: Options) -> Self {
        // Server errors are logged; nextest shows them for failing tests only.
        let _ = env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).is_test(true).try_init();
        let (url, cleanup) = empty_database(kind).await;
        let db = crm_persistence::db::connect(&url).await.unwrap();
        crm_persistence::db::migrate(&db).await.unwrap();
        crm_persistence::system::bootstrap::run(&db, Some(ADMIN_PASSWORD.into())).await.unwrap();
        let served = match &options.serve_url {
            Some(map) => crm_persistence::db::connect(&map(&url)).await.unwrap(),
            None => db.clone(),
        };
        let mut settings = options.settings.unwrap_or_else(test_settings);
        if settings.files_dir.as_os_str().is_empty() {
            settings.files_dir = std::env::temp_dir().join(format!("crm-test-files-{}", uuid::Uuid::now_v7()));
        }
        let files_dir = settings.files_dir.clone();
        let state = crm_http::app_state(served, b"test-secret-test-secret-test-secret-0123456789", settings);
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = crm_http::server(state, listener, 2).unwrap();
        tokio::spawn(server);
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let mut app = TestApp { base: format!("http://127.0.0.1:{port}"), url: url.clone(), http, db, kind, admin: String::new(), files_dir, _cleanup: cleanup };
        app.admin = app.login("admin", ADMIN_PASSWORD).await;
        app
    }

    pub fn req(&self, method: Method, path: &str, token: Option<&str>) -> RequestBuilder {
        let mut r = self.http.request(method, format!("{}{}", self.base, path));
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        r
    }

    pub async fn call(&self, method: Method, path: &str, token: &str, body: Option<Value>) -> (StatusCode, Value) {
        let mut r = self.req(method, path, Some(token));
        if let Some(b) = body {
            r = r.json(&b);
        }
        let res = r.send().await.unwrap();
        split(res).await
    }

    pub async fn get(&self, path: &str, token: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, token, None).await
    }
    pub async fn post(&self, path: &str, token: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, token, Some(body)).await
    }
    pub async fn patch(&self, path: &str, token: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::PATCH, path, token, Some(body)).await
    }
    pub async fn delete(&self, path: &str, token: &str) -> (StatusCode, Value) {
        self.call(Method::DELETE, path, token, None).await
    }

    pub async fn try_login(&self, username: &str, password: &str) -> Response {
        self.req(Method::POST, "/api/v1/auth/login", None).json(&json!({"username": username, "password": password})).send().await.unwrap()
    }

    pub async fn login_pair(&self, username: &str, password: &str) -> Value {
        let res = self.try_login(username, password).await;
        assert_eq!(res.status(), StatusCode::OK, "login of {username} failed");
        res.json().await.unwrap()
    }

    pub async fn login(&self, username: &str, password: &str) -> String {
        self.login_pair(username, password).await["access_token"].as_str().unwrap().to_string()
    }

    pub async fn role_id(&self, name: &str) -> String {
        let (_, page) = self.get(&format!("/api/v1/roles?q={name}&page_size=200"), &self.admin).await;
        page["items"].as_array().unwrap().iter().find(|r| r["name"] == name).unwrap()["id"].as_str().unwrap().to_string()
    }

    /// Creates a user holding `role` (by name) and returns (id, access token).
    pub async fn user_with_role(&self, username: &str, role: &str, extra: Value) -> (String, String) {
        let rid = self.role_id(role).await;
        let mut body = json!({"username": username, "display_name": username, "password": PASSWORD, "role_ids": [rid]});
        if let (Value::Object(b), Value::Object(e)) = (&mut body, extra) {
            b.extend(e);
        }
        let (s, u) = self.post("/api/v1/users", &self.admin, body).await;
        assert_eq!(s, StatusCode::CREATED, "{u}");
        let token = self.login(username, PASSWORD).await;
        (u["id"].as_str().unwrap().to_string(), token)
    }

    pub async fn audit_count(&self, entity: &str, entity_id: &str) -> usize {
        let (s, page) = self.get(&format!("/api/v1/audit-logs?entity={entity}&entity_id={entity_id}&page_size=200"), &self.admin).await;
        assert_eq!(s, StatusCode::OK);
        page["items"].as_array().unwrap().len()
    }
}

pub async fn split(res: Response) -> (StatusCode, Value) {
    let status = res.status();
    let is_problem = res.headers().get("content-type").is_some_and(|v| v.to_str().unwrap_or("").starts_with("application/problem+json"));
    let request_id = res.headers().get("x-request-id").map(|v| v.to_str().unwrap().to_string());
    let text = res.text().await.unwrap();
    let body: Value = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
    if status.is_client_error() || status.is_server_error() {
        assert!(is_problem, "error {status} is not problem+json: {body}");
        assert_problem_shape(&body, status, request_id.as_deref());
    }
    (status, body)
}

/// Every error body has the RFC 9457 members, our code, and the request id of the header.
pub fn assert_problem_shape(body: &Value, status: StatusCode, request_id: Option<&str>) {
    for key in ["type", "title", "status", "detail", "code", "errors", "request_id"] {
        assert!(body.get(key).is_some(), "problem lacks '{key}': {body}");
    }
    assert_eq!(body["status"], status.as_u16());
    assert_eq!(body["request_id"].as_str(), request_id, "request id differs from the header");
    let detail = body["detail"].as_str().unwrap_or("").to_lowercase();
    for leak in ["select ", "insert ", "sqlx", "panicked", "stack"] {
        assert!(!detail.contains(leak), "problem leaks internals: {detail}");
    }
}


/// A job worker on the test's database, with the kinds `crm serve` runs (imports read the
/// server's uploads), polling every 50 ms.
pub fn worker(app: &TestApp, name: &str) -> crm_persistence::jobs::Jobs {
    worker_with(app, name, standard_registry(app))
}

/// The server's jobs, as `crm serve` registers them, on the app's files.
pub fn standard_registry(app: &TestApp) -> crm_persistence::jobs::Registry {
    let env = crm_persistence::notifications::email::MailEnv {
        secrets: crm_persistence::secret_box::SecretBox::derive(b"test-secret-test-secret-test-secret-0123456789"),
        public_url: "https://crm.example.com".into(),
    };
    crm_persistence::jobs::Registry::standard(env).with_files(crm_persistence::drive::storage::Store::new(app.files_dir.clone(), None))
}

/// A worker running `registry` (the standard one with a kind replaced, say).
pub fn worker_with(app: &TestApp, name: &str, registry: crm_persistence::jobs::Registry) -> crm_persistence::jobs::Jobs {
    use crm_persistence::jobs::WorkerOptions;
    crm_persistence::jobs::start(app.db.clone(), registry, WorkerOptions { poll: std::time::Duration::from_millis(50), ..WorkerOptions::new(name) })
}

/// The job of `kind` queued last gets one attempt only, so its first failure parks it dead.
pub async fn last_attempt_next(app: &TestApp, kind: &str) {
    use crm_persistence::jobs::entity::{Column as C, Entity as Job};
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let changed = Job::update_many().col_expr(C::MaxAttempts, Expr::value(1)).filter(C::Kind.eq(kind)).exec(&app.db).await.unwrap();
    assert_eq!(changed.rows_affected, 1, "one {kind} job queued");
}

/// A job handler failing as the database does when it is away.
pub fn database_away(_db: crm_persistence::Db, _payload: Value) -> std::future::Ready<crm_domain::DomainResult<()>> {
    std::future::ready(Err(crm_domain::DomainError::new(crm_domain::ErrorKind::Unavailable { retry_after_secs: 1 }, "db.unavailable", "the database is away")))
}

/// What a receiver checks: `header` (`X-CRM-Signature: t=…,v1=…`) is HMAC-SHA256 under
/// `secret` of `"<t>." + body`.
pub fn signed(secret: &str, header: &str, body: &[u8]) -> bool {
    let (t, v1) = header.split_once(",v1=").unwrap();
    let t = t.strip_prefix("t=").unwrap();
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret.as_bytes());
    let mut msg = format!("{t}.").into_bytes();
    msg.extend_from_slice(body);
    ring::hmac::verify(&key, &msg, &hex::decode(v1).unwrap()).is_ok()
}
