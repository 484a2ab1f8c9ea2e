//! The job queue: an outbox written in the caller's transaction, claimed once across
//! servers, retried with backoff, parked as dead, taken over when a server dies, and the
//! scheduled jobs' one row per period.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use crm_persistence::jobs::entity::{Column as C, Entity as Job};
use crm_persistence::jobs::schedule::{self, Period};
use crm_persistence::jobs::{self as jobs, queue, Registry, WorkerOptions};
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

use crate::support::TestApp;

/// Counts runs per job payload `n`.
type Runs = Arc<Mutex<HashMap<i64, u32>>>;

fn counting(runs: &Runs) -> Registry {
    let runs = runs.clone();
    Registry::default().with("test.count", move |_db, payload| {
        let runs = runs.clone();
        async move {
            let n = payload["n"].as_i64().unwrap_or(-1);
            *runs.lock().unwrap().entry(n).or_default() += 1;
            Ok(())
        }
    })
}

fn options(node: &str) -> WorkerOptions {
    WorkerOptions { poll: Duration::from_millis(50), lease: Duration::from_secs(30), ..WorkerOptions::new(node) }
}

async fn wait_for(what: &str, mut done: impl AsyncFnMut() -> bool) {
    for _ in 0..600 {
        if done().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for {what}");
}

async fn count(app: &TestApp, status: &str) -> u64 {
    Job::find().filter(C::Status.eq(status)).count(&app.db).await.unwrap()
}

dual_test!(a_job_is_written_with_its_change_and_runs_once_across_servers, |app| {
    // Rolled back with the change: no job.
    let tx = crm_persistence::tx::begin(&app.db).await.unwrap();
    queue::enqueue(&tx, "test.count", json!({"n": -1}), Utc::now()).await.unwrap();
    drop(tx);
    assert_eq!(Job::find().count(&app.db).await.unwrap(), 0);

    // A thousand jobs, committed, and two servers on the database taking them.
    let tx = crm_persistence::tx::begin(&app.db).await.unwrap();
    for n in 0..1000 {
        queue::enqueue(&tx, "test.count", json!({"n": n}), Utc::now()).await.unwrap();
    }
    tx.commit().await.unwrap();
    let runs: Runs = Arc::default();
    let second = crm_persistence::db::connect(&app.url).await.unwrap();
    let a = jobs::start(app.db.clone(), counting(&runs), options("server-a"));
    let b = jobs::start(second, counting(&runs), options("server-b"));
    wait_for("1000 jobs done", async || count(&app, queue::DONE).await == 1000).await;
    a.stop().await;
    b.stop().await;
    let runs = runs.lock().unwrap().clone();
    assert_eq!(runs.len(), 1000);
    assert!(runs.values().all(|r| *r == 1), "every job ran exactly once: {:?}", runs.iter().filter(|(_, r)| **r != 1).collect::<Vec<_>>());
});

dual_test!(a_scheduled_job_has_one_row_and_one_run_per_period, |app| {
    let runs: Runs = Arc::default();
    let registry = counting(&runs).every("test.count", Period::Day);
    let now = Utc::now();
    let s = [schedule::Schedule { kind: "test.count", period: Period::Day }];
    // Servers writing the period's row at the same moment: one row.
    let second = crm_persistence::db::connect(&app.url).await.unwrap();
    let mut written = 0;
    for _ in 0..10 {
        let (x, y) = tokio::join!(schedule::tick(&app.db, &s, now), schedule::tick(&second, &s, now));
        written += x.unwrap() + y.unwrap();
    }
    assert_eq!(written, 1);
    let a = jobs::start(app.db.clone(), registry.clone(), options("server-a"));
    let b = jobs::start(second, registry, options("server-b"));
    wait_for("the period's run", async || count(&app, queue::DONE).await == 1).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    a.stop().await;
    b.stop().await;
    assert_eq!(runs.lock().unwrap().values().sum::<u32>(), 1);
    let job = Job::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!(job.period_key.as_deref(), Some(s[0].key(now).as_str()));
    assert_eq!(job.run_at, Period::Day.start(now));
});

dual_test!(a_job_of_a_dead_server_is_taken_over_after_its_lease, |app| {
    queue::enqueue(&app.db, "test.count", json!({"n": 7}), Utc::now()).await.unwrap();
    // A server claims it and dies (no finish, no release): the job stays running.
    let claimed = queue::claim(&app.db, "killed", 10, chrono::Duration::milliseconds(500), Utc::now()).await.unwrap();
    assert_eq!(claimed.len(), 1);
    let runs: Runs = Arc::default();
    let other = jobs::start(app.db.clone(), counting(&runs), options("survivor"));
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(count(&app, queue::RUNNING).await, 1, "not before its lease ends");
    wait_for("the takeover", async || count(&app, queue::DONE).await == 1).await;
    other.stop().await;
    let job = Job::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!((job.attempts, runs.lock().unwrap().get(&7).copied()), (2, Some(1)));
    // The dead server's late word changes nothing.
    assert!(!queue::finish(&app.db, "killed", job.id, Utc::now()).await.unwrap());
});

dual_test!(failing_jobs_back_off_then_die_and_admins_retry_them, |app| {
    let registry = Registry::default().with("test.fail", |_db, _| async { Err(crm_domain::DomainError::internal("the mail server is away")) });
    let id = queue::enqueue(&app.db, "test.fail", json!({}), Utc::now()).await.unwrap();
    Job::update_many().col_expr(C::MaxAttempts, Expr::value(2)).filter(C::Id.eq(id)).exec(&app.db).await.unwrap();
    let w = jobs::start(app.db.clone(), registry, options("server-a"));
    // The first failure: queued again, after a backoff of 5–15 s.
    wait_for("the first failure", async || Job::find_by_id(id).one(&app.db).await.unwrap().unwrap().last_error.is_some()).await;
    let job = Job::find_by_id(id).one(&app.db).await.unwrap().unwrap();
    assert_eq!((job.status.as_str(), job.attempts), (queue::QUEUED, 1));
    let wait = job.run_at - Utc::now();
    assert!(wait > chrono::Duration::seconds(4) && wait <= chrono::Duration::seconds(15), "{wait}");
    assert!(job.last_error.unwrap().contains("the mail server is away"));
    // Due now: the second failure is its last.
    Job::update_many().col_expr(C::RunAt, Expr::value(Utc::now())).filter(C::Id.eq(id)).exec(&app.db).await.unwrap();
    wait_for("the job to die", async || count(&app, queue::DEAD).await == 1).await;
    w.stop().await;

    // Admins see it and run it again; others may not.
    let (s, page) = app.get("/api/v1/jobs?status=dead", &app.admin).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    assert_eq!((page["total"].as_u64(), page["items"][0]["kind"].as_str(), page["items"][0]["attempts"].as_i64()), (Some(1), Some("test.fail"), Some(2)));
    assert!(page["items"][0]["last_error"].as_str().unwrap().contains("mail server"));
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    assert_eq!(app.get("/api/v1/jobs", &rep).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.post(&format!("/api/v1/jobs/{id}/retry"), &rep, json!({})).await.0, StatusCode::FORBIDDEN);
    let (s, job) = app.post(&format!("/api/v1/jobs/{id}/retry"), &app.admin, json!({})).await;
    assert_eq!((s, job["status"].as_str(), job["attempts"].as_i64()), (StatusCode::OK, Some("queued"), Some(0)), "{job}");
    let (s, e) = app.post(&format!("/api/v1/jobs/{id}/retry"), &app.admin, json!({})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("job.not_dead")));
    assert_eq!(app.post("/api/v1/jobs/01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f/retry", &app.admin, json!({})).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.audit_count("jobs", &id.to_string()).await, 1);
    assert_eq!(app.get("/api/v1/jobs?sort=nope", &app.admin).await.0, StatusCode::BAD_REQUEST);
    assert_eq!(app.get("/api/v1/jobs?q=test.fail&sort=-run_at", &app.admin).await.1["total"], 1);
});

#[test]
fn backoff_doubles_up_to_an_hour_with_jitter() {
    assert_eq!(queue::backoff(1, 0.5), chrono::Duration::seconds(10));
    assert_eq!(queue::backoff(3, 0.5), chrono::Duration::seconds(40));
    assert_eq!(queue::backoff(30, 0.5), chrono::Duration::seconds(3600));
    assert_eq!(queue::backoff(1, 0.0), chrono::Duration::seconds(5));
    assert_eq!(queue::backoff(1, 1.0), chrono::Duration::seconds(15));
}

/// The real thing: `crm serve` processes on one PostgreSQL database. One takes a job (a
/// text message to a gateway that never answers) and is killed with SIGKILL mid-job; the
/// job stays running until its lease passes, then another process takes it over and it
/// is done, attempted twice, sent twice, lost never.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_of_a_killed_server_process_is_run_by_another() {
    use crate::http_sink::{HttpSink, HANG};
    use reqwest::Method;
    let app = TestApp::spawn(crate::support::DbKind::Postgres).await;
    let sink = HttpSink::start().await;
    sink.answer(HANG);
    let gateway = json!({"url": format!("http://127.0.0.1:{}/send", sink.addr.port()), "method": "POST",
        "headers": {"Content-Type": "application/json"}, "body_template": "{\"to\": \"{{to}}\", \"text\": \"{{text}}\"}"});
    assert_eq!(app.call(Method::PUT, "/api/v1/settings/sms", &app.admin, Some(gateway)).await.0, StatusCode::OK);
    let (rep_id, rep) = app.user_with_role("rep", "sales_rep", json!({"phone": "13900139000"})).await;
    let (s, _) = app.call(Method::PUT, "/api/v1/me/notification-settings", &rep, Some(json!({"items": [{"kind": "customer.assigned", "email": false, "sms": true}]}))).await;
    assert_eq!(s, StatusCode::OK);
    let data = std::env::temp_dir().join(format!("crm-kill-{}", uuid::Uuid::now_v7()));
    let serve = |name: &str| {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        std::process::Command::new(env!("CARGO_BIN_EXE_crm"))
            .args(["serve", "--database-url", &app.url, "--bind", &format!("127.0.0.1:{port}"), "--job-lease", "2", "--workers", "1"])
            .env("CRM_DATA_DIR", data.join(name))
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let mut first = serve("a");
    // The change and its job, written by the API; the first process takes the job.
    let (_, c) = app.post("/api/v1/customers", &app.admin, json!({"name": "华东机电"})).await;
    let id = c["id"].as_str().unwrap().to_string();
    app.post(&format!("/api/v1/customers/{id}/release"), &app.admin, json!({"reason": "公海"})).await;
    let (s, _) = app.post("/api/v1/customers/assign", &app.admin, json!({"customer_ids": [id], "owner_id": rep_id})).await;
    assert_eq!(s, StatusCode::OK);
    let sms = || Job::find().filter(C::Kind.eq(crm_persistence::notifications::sms::JOB));
    sink.wait_for(1).await;
    let taken = sms().one(&app.db).await.unwrap().unwrap();
    assert_eq!((taken.status.as_str(), taken.attempts), (queue::RUNNING, 1));
    first.kill().unwrap();
    first.wait().unwrap();
    sink.answer(200);
    let mut second = serve("b");
    wait_for("the takeover", async || sms().one(&app.db).await.unwrap().unwrap().status == queue::DONE).await;
    second.kill().unwrap();
    second.wait().unwrap();
    let job = sms().one(&app.db).await.unwrap().unwrap();
    assert_eq!(job.attempts, 2);
    assert!(taken.locked_by.is_some_and(|n| n.contains(':')), "taken by the first process");
    assert_eq!(sink.received().len(), 2, "sent again by the second server, once");
    let _ = std::fs::remove_dir_all(&data);
}
