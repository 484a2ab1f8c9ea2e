//! `crm bench-jobs`: the job queue's throughput and the cost of enqueueing, on the
//! database a `crm serve` would use (bench/jobs.sh runs it on PostgreSQL). Several
//! workers, each with its own connection pool as separate servers would have, take
//! trivial jobs until all are done.

use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::Utc;
use crm_persistence::jobs::{self, queue, Registry, WorkerOptions};
use serde_json::json;

const KIND: &str = "bench.noop";

pub async fn run(url: &str, count: usize, servers: usize, concurrency: usize) -> anyhow::Result<()> {
    let db = crm_persistence::db::connect(url).await.context("cannot open the database")?;
    crm_persistence::db::migrate(&db).await.context("migrations failed")?;
    queue::remove_kind(&db, KIND).await.map_err(|e| anyhow::anyhow!("{e}"))?;

    // What enqueueing adds to the transaction of the change that causes it.
    let mut costs = Vec::with_capacity(2000);
    for n in 0..2000 {
        let tx = crm_persistence::tx::begin(&db).await.map_err(|e| anyhow::anyhow!("{e}"))?;
        let started = Instant::now();
        queue::enqueue(&tx, KIND, json!({"n": n}), Utc::now()).await.map_err(|e| anyhow::anyhow!("{e}"))?;
        costs.push(started.elapsed());
        drop(tx);
    }
    costs.sort();
    let at = |q: f64| costs.get(((costs.len() as f64 - 1.0) * q) as usize).copied().unwrap_or_default();
    println!("enqueue inside a transaction: p50 {:.3} ms, p99 {:.3} ms (2000 rolled back)", ms(at(0.5)), ms(at(0.99)));

    let tx = crm_persistence::tx::begin(&db).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    for n in 0..count {
        queue::enqueue(&tx, KIND, json!({"n": n}), Utc::now()).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    tx.commit().await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let started = Instant::now();
    let mut workers = Vec::new();
    for i in 0..servers {
        let own = crm_persistence::db::connect(url).await?;
        let registry = Registry::default().with(KIND, |_, _| async { Ok(()) });
        let options = WorkerOptions { concurrency, poll: Duration::from_millis(100), ..WorkerOptions::new(format!("bench-{i}")) };
        workers.push(jobs::start(own, registry, options));
    }
    loop {
        let done = queue::count_of(&db, KIND, queue::DONE).await.map_err(|e| anyhow::anyhow!("{e}"))? as usize;
        if done >= count {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let took = started.elapsed();
    for w in workers {
        w.stop().await;
    }
    println!(
        "{count} jobs with {servers} server(s) × {concurrency} workers: {:.2} s, {:.0} jobs/s",
        took.as_secs_f64(),
        count as f64 / took.as_secs_f64()
    );
    queue::remove_kind(&db, KIND).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
