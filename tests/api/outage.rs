//! The database goes away and comes back: a TCP proxy between the server and PostgreSQL
//! that the test cuts and restores. Requests answer 503 with Retry-After within 2 s, the
//! readiness probe says so, the server recovers without a restart, and an export cut in
//! the middle ends so that the client sees an error, not a short file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::json;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use crate::support::{split, DbKind, Options, TestApp};

/// Forwards connections to PostgreSQL until cut; while cut, it closes every connection
/// it holds and every new one at once, as a stopped server would.
struct Proxy {
    port: u16,
    cut: Arc<AtomicBool>,
    links: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl Proxy {
    async fn start(upstream: String) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let cut = Arc::new(AtomicBool::new(false));
        let links: Arc<Mutex<Vec<JoinHandle<()>>>> = Arc::default();
        let (c, l) = (cut.clone(), links.clone());
        tokio::spawn(async move {
            loop {
                let Ok((mut client, _)) = listener.accept().await else { return };
                if c.load(Ordering::SeqCst) {
                    drop(client);
                    continue;
                }
                let upstream = upstream.clone();
                let link = tokio::spawn(async move {
                    if let Ok(mut server) = TcpStream::connect(&upstream).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
                l.lock().unwrap().push(link);
            }
        });
        Self { port, cut, links }
    }

    fn cut(&self) {
        self.cut.store(true, Ordering::SeqCst);
        for link in self.links.lock().unwrap().drain(..) {
            link.abort();
        }
    }

    fn restore(&self) {
        self.cut.store(false, Ordering::SeqCst);
    }
}

/// `postgres://user@host:port/db` with host and port replaced by the proxy's.
fn through(url: &str, port: u16) -> String {
    let (scheme_user, rest) = url.split_once('@').unwrap();
    let (_, db) = rest.split_once('/').unwrap();
    format!("{scheme_user}@127.0.0.1:{port}/{db}")
}

async fn spawn_behind_proxy() -> (TestApp, Proxy) {
    let admin = crate::support::postgres_admin_url();
    let upstream = admin.split_once('@').unwrap().1.split('/').next().unwrap().to_string();
    let proxy = Proxy::start(upstream).await;
    let port = proxy.port;
    let app = TestApp::spawn_with(DbKind::Postgres, Options { serve_url: Some(Box::new(move |url| through(url, port))), ..Default::default() }).await;
    (app, proxy)
}

async fn timed_get(app: &TestApp, path: &str, token: Option<&str>) -> (StatusCode, Option<String>, serde_json::Value, Duration) {
    let t = Instant::now();
    let res = app.req(Method::GET, path, token).send().await.unwrap();
    let retry = res.headers().get("retry-after").map(|v| v.to_str().unwrap().to_string());
    let (s, b) = split(res).await;
    (s, retry, b, t.elapsed())
}

mod database_outage_answers_503_quickly_and_recovers {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        let (app, proxy) = spawn_behind_proxy().await;
        let (s, _, _, _) = timed_get(&app, "/api/v1/customers", Some(&app.admin)).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(timed_get(&app, "/readyz", None).await.0, StatusCode::OK);

        proxy.cut();
        for path in ["/api/v1/customers", "/api/v1/customers?q=acme", "/api/v1/users", "/api/v1/customers/export?format=csv"] {
            let (s, retry, b, took) = timed_get(&app, path, Some(&app.admin)).await;
            assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE, "{path}: {b}");
            assert_eq!(b["code"], "database.unavailable");
            assert!(retry.is_some_and(|r| r.parse::<u64>().unwrap() > 0), "{path}: no Retry-After");
            assert!(took < Duration::from_secs(2), "{path} took {took:?}");
        }
        let (s, retry, _, took) = timed_get(&app, "/readyz", None).await;
        assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE);
        assert!(retry.is_some() && took < Duration::from_secs(2), "readyz took {took:?}");
        // A write fails the same way and leaves nothing behind.
        let (s, _) = app.post("/api/v1/customers", &app.admin, json!({"name": "During Outage Ltd", "kind": "company"})).await;
        assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE);

        proxy.restore();
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let (s, _, _, _) = timed_get(&app, "/api/v1/customers", Some(&app.admin)).await;
            if s == StatusCode::OK {
                break;
            }
            assert!(Instant::now() < deadline, "no recovery within 15 s: {s}");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        assert_eq!(timed_get(&app, "/readyz", None).await.0, StatusCode::OK);
        let (_, page) = app.get("/api/v1/customers?q=During", &app.admin).await;
        assert_eq!(page["total"], 0, "the write during the outage must not have happened");
    }
}

mod an_export_cut_midway_is_an_error_to_the_client {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        let (app, proxy) = spawn_behind_proxy().await;
        // Ten thousand rows of 300-character addresses: far more than the buffers between
        // PostgreSQL, the server and the client hold, so the cut lands mid-export.
        for batch in 0..10 {
            let items: Vec<_> = (0..1000).map(|i| json!({"name": format!("Export Row {batch}-{i}"), "kind": "company", "address": "路".repeat(100) + &"x".repeat(190)})).collect();
            let (s, _) = app.post("/api/v1/customers/batch", &app.admin, json!({ "items": items })).await;
            assert_eq!(s, StatusCode::OK);
        }
        // Plain and compressed: the gzip encoder must pass the failure on, not finish the body.
        for encoding in ["identity", "gzip"] {
            proxy.restore();
            let mut res = loop {
                let res = app.req(Method::GET, "/api/v1/customers/export?format=csv", Some(&app.admin)).header("accept-encoding", encoding).send().await.unwrap();
                if res.status() == StatusCode::OK {
                    break res;
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            };
            let first = res.chunk().await.unwrap().unwrap();
            assert!(!first.is_empty());
            proxy.cut();
            let mut failed = false;
            let mut bytes = first.len();
            loop {
                match res.chunk().await {
                    Ok(Some(c)) => bytes += c.len(),
                    Ok(None) => break,
                    Err(_) => {
                        failed = true;
                        break;
                    }
                }
            }
            assert!(failed, "{encoding}: the cut export ended like a complete file ({bytes} bytes)");
        }
    }
}
