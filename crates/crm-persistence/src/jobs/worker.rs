//! The worker inside `crm serve`: it writes the schedules' rows as periods begin, claims
//! due jobs up to its concurrency, runs each with the kind's function, keeps the leases of
//! running jobs alive, and records each outcome. On stop it claims nothing more, lets
//! running jobs finish for a grace period and gives back the rest; a job whose server died
//! without that is claimed again when its lease runs out.

use std::collections::HashMap;
use std::time::Duration as StdDuration;

use chrono::{Duration, Utc};
use crm_domain::DomainResult;
use futures_util::FutureExt;
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};
use uuid::Uuid;

use super::entity::Model;
use super::queue::{self, WAKE};
use super::registry::Registry;
use super::schedule;
use crate::Db;

#[derive(Debug, Clone)]
pub struct WorkerOptions {
    /// This server's name in `locked_by`: unique per process.
    pub node: String,
    /// Jobs run at once.
    pub concurrency: usize,
    /// How long a claimed job is this server's without a renewal.
    pub lease: StdDuration,
    /// How often the queue is looked at when nothing wakes the worker.
    pub poll: StdDuration,
    /// How long running jobs may take to finish on stop before they are given back.
    pub grace: StdDuration,
}

impl WorkerOptions {
    pub fn new(node: impl Into<String>) -> Self {
        Self { node: node.into(), concurrency: 4, lease: StdDuration::from_secs(300), poll: StdDuration::from_secs(1), grace: StdDuration::from_secs(10) }
    }
}

/// The running worker.
pub struct Jobs {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl Jobs {
    /// Stops claiming, waits for running jobs up to the grace period and gives back those
    /// still running.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

pub fn start(db: Db, registry: Registry, options: WorkerOptions) -> Jobs {
    let (stop, stopped) = watch::channel(false);
    let task = tokio::spawn(run(db, registry, options, stopped));
    Jobs { stop, task }
}

fn lease_of(options: &WorkerOptions) -> Duration {
    Duration::from_std(options.lease).unwrap_or(Duration::minutes(5))
}

async fn run(db: Db, registry: Registry, options: WorkerOptions, mut stopped: watch::Receiver<bool>) {
    let lease = lease_of(&options);
    let mut running: JoinSet<(Uuid, Result<(), String>)> = JoinSet::new();
    let mut held: HashMap<Uuid, Model> = HashMap::new();
    let mut next_tick = tokio::time::Instant::now();
    let mut next_renewal = tokio::time::Instant::now() + options.lease / 3;
    loop {
        if *stopped.borrow() {
            break;
        }
        let now = tokio::time::Instant::now();
        if now >= next_tick {
            if let Err(e) = schedule::tick(&db, &registry.schedules, Utc::now()).await {
                log::warn!("job schedules: {e}");
            }
            next_tick = now + StdDuration::from_secs(15);
        }
        if now >= next_renewal {
            if let Err(e) = queue::renew(&db, &options.node, held.keys().copied().collect(), Utc::now() + lease).await {
                log::warn!("renewing job leases: {e}");
            }
            next_renewal = now + options.lease / 3;
        }
        let free = options.concurrency.saturating_sub(running.len());
        let mut claimed = 0;
        if free > 0 {
            match queue::claim(&db, &options.node, free as u64, lease, Utc::now()).await {
                Ok(jobs) => {
                    claimed = jobs.len();
                    for job in jobs {
                        let (id, kind, payload) = (job.id, job.kind.clone(), job.payload.clone());
                        held.insert(id, job);
                        let handler = registry.handlers.get(kind.as_str()).cloned();
                        let db = db.clone();
                        let work = async move {
                            match handler {
                                Some(h) => h(db, payload).await.map_err(|e| format!("{}: {}", e.code, e.message)),
                                None => Err(format!("no handler for the job kind '{kind}' on this server")),
                            }
                        };
                        // A panicking job is a failed attempt, not a lost one.
                        running.spawn(async move {
                            let outcome = std::panic::AssertUnwindSafe(work).catch_unwind().await.unwrap_or_else(|_| Err("the job panicked".into()));
                            (id, outcome)
                        });
                    }
                }
                Err(e) => log::warn!("claiming jobs: {e}"),
            }
        }
        // More may be waiting when the claim filled every free slot.
        if claimed > 0 && claimed == free {
            let mut ended = Vec::new();
            while let Some(done) = running.try_join_next() {
                ended.push(done);
            }
            record_all(&db, &registry, &options.node, &mut held, ended).await;
            continue;
        }
        let mut ended = Vec::new();
        tokio::select! {
            _ = stopped.changed() => {}
            _ = WAKE.notified() => {}
            _ = tokio::time::sleep(options.poll) => {}
            Some(done) = running.join_next(), if !running.is_empty() => ended.push(done),
        }
        while let Some(done) = running.try_join_next() {
            ended.push(done);
        }
        record_all(&db, &registry, &options.node, &mut held, ended).await;
    }
    // Stopping: finish what can finish within the grace period, give back the rest.
    let deadline = tokio::time::Instant::now() + options.grace;
    while !running.is_empty() {
        match tokio::time::timeout_at(deadline, running.join_next()).await {
            Ok(Some(done)) => record(&db, &registry, &options.node, &mut held, done).await,
            Ok(None) | Err(_) => break,
        }
    }
    running.abort_all();
    let unfinished: Vec<Uuid> = held.keys().copied().collect();
    if !unfinished.is_empty() {
        log::info!("giving back {} unfinished job(s)", unfinished.len());
        if let Err(e) = queue::release(&db, &options.node, unfinished, Utc::now()).await {
            log::warn!("giving back jobs: {e}");
        }
    }
}

/// How a job's task ended: its id and outcome, or the task was aborted.
type Ended = Result<(Uuid, Result<(), String>), tokio::task::JoinError>;

/// Records how jobs ended: those that ran in one statement, failures one by one.
async fn record_all(db: &Db, registry: &Registry, node: &str, held: &mut HashMap<Uuid, Model>, ended: Vec<Ended>) {
    let mut ran = Vec::new();
    for done in ended {
        match done {
            Ok((id, Ok(()))) => ran.push(id),
            failed => record(db, registry, node, held, failed).await,
        }
    }
    if ran.is_empty() {
        return;
    }
    let n = ran.len() as u64;
    for id in &ran {
        held.remove(id);
    }
    match queue::finish_many(db, node, ran, Utc::now()).await {
        Ok(kept) if kept < n => log::warn!("{} job(s) finished after their lease passed to another server", n - kept),
        Ok(_) => {}
        Err(e) => log::error!("recording finished jobs: {e}"),
    }
}

/// Records how a job ended.
async fn record(db: &Db, registry: &Registry, node: &str, held: &mut HashMap<Uuid, Model>, done: Ended) {
    // Tasks are only aborted on stop, after which the unfinished are given back.
    let Ok((id, outcome)) = done else { return };
    let Some(job) = held.remove(&id) else { return };
    let now = Utc::now();
    let result = match outcome {
        Ok(()) => queue::finish(db, node, id, now).await.map(|held| {
            if !held {
                log::warn!("job {id} ({}) finished after its lease passed to another server", job.kind);
            }
        }),
        Err(error) => {
            log::warn!("job {id} ({}) attempt {} failed: {error}", job.kind, job.attempts);
            match queue::fail(db, node, &job, &error, now).await {
                Ok(true) => settle_dead(db, registry, &job, error).await,
                other => other.map(|_| ()),
            }
        }
    };
    if let Err(e) = result {
        log::error!("recording job {id}: {e}");
    }
}

/// Runs the kind's `when_dead` for a job just parked as dead.
async fn settle_dead(db: &Db, registry: &Registry, job: &Model, error: String) -> DomainResult<()> {
    log::error!("job {} ({}) is dead after {} attempts: {error}", job.id, job.kind, job.attempts);
    match registry.on_dead.get(job.kind.as_str()) {
        Some(settle) => settle(db.clone(), job.payload.clone(), error).await,
        None => Ok(()),
    }
}
