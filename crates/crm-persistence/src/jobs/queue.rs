//! The queue's operations on the `jobs` table. Every state change is one conditional
//! update naming the worker that holds the job, so a worker that lost its lease (it
//! stalled, and another took the job over) cannot overwrite what the new holder records.

use chrono::{DateTime, Duration, Utc};
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::{Expr, LockBehavior, LockType};
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

use super::entity::{self, Column as C, Entity as Job, Model};
use crate::db::db_err;
use crate::listing::{fetch_page, FieldKind, Filter, ListParams, ListSpec, Page};
use crate::{tx, Db};

pub const QUEUED: &str = "queued";
pub const RUNNING: &str = "running";
pub const DONE: &str = "done";
pub const DEAD: &str = "dead";

/// Attempts before a job is parked as dead, unless its kind says otherwise.
pub const MAX_ATTEMPTS: i32 = 8;

/// Wakes this process's worker when a job is enqueued, so a job written now need not wait
/// for the next poll (a rolled-back one wakes it for nothing, which costs one query).
pub(super) static WAKE: tokio::sync::Notify = tokio::sync::Notify::const_new();

/// Enqueues a job to run now, in the caller's transaction (pass the `Tx` of the change
/// that causes it).
pub async fn enqueue(db: &impl ConnectionTrait, kind: &str, payload: Value, now: DateTime<Utc>) -> DomainResult<Uuid> {
    enqueue_at(db, kind, payload, now, now).await
}

/// Enqueues a job to run at `run_at`.
pub async fn enqueue_at(db: &impl ConnectionTrait, kind: &str, payload: Value, run_at: DateTime<Utc>, now: DateTime<Utc>) -> DomainResult<Uuid> {
    let id = Uuid::now_v7();
    Job::insert(new_row(id, kind, payload, run_at, None, now)).exec_without_returning(db).await.map_err(db_err)?;
    WAKE.notify_one();
    Ok(id)
}

pub(super) fn new_row(id: Uuid, kind: &str, payload: Value, run_at: DateTime<Utc>, period_key: Option<String>, now: DateTime<Utc>) -> entity::ActiveModel {
    entity::ActiveModel {
        id: Set(id),
        kind: Set(kind.to_string()),
        payload: Set(payload),
        status: Set(QUEUED.into()),
        attempts: Set(0),
        max_attempts: Set(MAX_ATTEMPTS),
        run_at: Set(run_at),
        locked_by: Set(None),
        locked_until: Set(None),
        last_error: Set(None),
        period_key: Set(period_key),
        created_at: Set(now),
        updated_at: Set(now),
        finished_at: Set(None),
    }
}

/// Takes up to `n` jobs that are due, or whose holder's lease ran out (its server died),
/// oldest first, for `node` until `now + lease`. On PostgreSQL concurrent claimers skip
/// each other's rows (`FOR UPDATE SKIP LOCKED`); on SQLite transactions take turns.
pub async fn claim(db: &Db, node: &str, n: u64, lease: Duration, now: DateTime<Utc>) -> DomainResult<Vec<Model>> {
    // Due jobs first, then the running ones whose lease ran out. Asked apart: an OR of the
    // two cannot walk the (status, run_at) index in order, and a backlog of 20,000 jobs
    // made every claim sort all of them (6 ms instead of a few index entries).
    let queued = Condition::all().add(C::Status.eq(QUEUED)).add(C::RunAt.lte(now));
    let mut jobs = claim_where(db, node, queued, n, lease, now).await?;
    let left = n.saturating_sub(jobs.len() as u64);
    if left > 0 {
        let expired = Condition::all().add(C::Status.eq(RUNNING)).add(C::LockedUntil.lt(now));
        jobs.extend(claim_where(db, node, expired, left, lease, now).await?);
    }
    Ok(jobs)
}

async fn claim_where(db: &Db, node: &str, due: Condition, n: u64, lease: Duration, now: DateTime<Utc>) -> DomainResult<Vec<Model>> {
    let take = |ids| {
        Job::update_many()
            .col_expr(C::Status, Expr::value(RUNNING))
            .col_expr(C::LockedBy, Expr::value(node))
            .col_expr(C::LockedUntil, Expr::value(now + lease))
            .col_expr(C::Attempts, Expr::col(C::Attempts).add(1))
            .col_expr(C::UpdatedAt, Expr::value(now))
            .filter(C::Id.in_subquery(ids))
    };
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        // One statement, no transaction around it: the due rows locked and skipped by
        // concurrent claimers, taken and returned (a claim is one round trip).
        let due_ids = sea_orm::sea_query::Query::select()
            .column(C::Id)
            .from(Job)
            .cond_where(due)
            .order_by(C::RunAt, Order::Asc)
            .limit(n)
            .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
            .to_owned();
        return take(due_ids).exec_with_returning(db).await.map_err(db_err);
    }
    // An idle poll is one indexed read, outside a transaction: on SQLite a transaction
    // takes the write lock, which requests would then wait for every second.
    if Job::find().select_only().column(C::Id).filter(due.clone()).limit(1).into_tuple::<Uuid>().one(db).await.map_err(db_err)?.is_none() {
        return Ok(Vec::new());
    }
    let tx = tx::begin(db).await?;
    let ids: Vec<Uuid> = Job::find().select_only().column(C::Id).filter(due).order_by_asc(C::RunAt).limit(n).into_tuple().all(&tx).await.map_err(db_err)?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let listed = sea_orm::sea_query::Query::select().column(C::Id).from(Job).and_where(C::Id.is_in(ids.clone())).to_owned();
    take(listed).exec(&tx).await.map_err(db_err)?;
    let jobs = Job::find().filter(C::Id.is_in(ids)).all(&tx).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok(jobs)
}

/// How many jobs of `kind` are in `status` (benchmarks and tests).
pub async fn count_of(db: &Db, kind: &str, status: &str) -> DomainResult<u64> {
    use sea_orm::PaginatorTrait;
    Job::find().filter(C::Kind.eq(kind)).filter(C::Status.eq(status)).count(db).await.map_err(db_err)
}

/// Removes every job of `kind` (a benchmark's own, before and after it runs).
pub async fn remove_kind(db: &Db, kind: &str) -> DomainResult<u64> {
    Ok(Job::delete_many().filter(C::Kind.eq(kind)).exec(db).await.map_err(db_err)?.rows_affected)
}

fn held_by(id: Uuid, node: &str) -> Condition {
    Condition::all().add(C::Id.eq(id)).add(C::LockedBy.eq(node)).add(C::Status.eq(RUNNING))
}

// A job's own state changes (done, failed, given back) leave the cached list totals as they
// are: they happen on every job, and the only list they change is the admins' jobs page,
// whose total may then lag by the cache's few seconds. Dropping every total on each job
// would empty the cache of the customer lists whenever jobs run.

/// Jobs that ran, recorded in one statement; answers how many `node` still held (the
/// others passed to another server after their lease ran out).
pub async fn finish_many(db: &Db, node: &str, ids: Vec<Uuid>, now: DateTime<Utc>) -> DomainResult<u64> {
    if ids.is_empty() {
        return Ok(0);
    }
    let res = Job::update_many()
        .col_expr(C::Status, Expr::value(DONE))
        .col_expr(C::LockedBy, Expr::value(Option::<String>::None))
        .col_expr(C::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(C::FinishedAt, Expr::value(now))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(C::Id.is_in(ids))
        .filter(C::LockedBy.eq(node))
        .filter(C::Status.eq(RUNNING))
        .exec(db)
        .await
        .map_err(db_err)?;
    Ok(res.rows_affected)
}

/// The job ran; false when `node` no longer held it.
pub async fn finish(db: &Db, node: &str, id: Uuid, now: DateTime<Utc>) -> DomainResult<bool> {
    let res = Job::update_many()
        .col_expr(C::Status, Expr::value(DONE))
        .col_expr(C::LockedBy, Expr::value(Option::<String>::None))
        .col_expr(C::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(C::FinishedAt, Expr::value(now))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(held_by(id, node))
        .exec(db)
        .await
        .map_err(db_err)?;
    Ok(res.rows_affected == 1)
}

/// The wait before attempt `attempts + 1`: 10 s doubling up to an hour, each spread by a
/// random ±50 % so failures of many jobs at once do not retry in step.
pub fn backoff(attempts: i32, jitter: f64) -> Duration {
    let exp = u32::try_from(attempts.clamp(1, 20) - 1).unwrap_or(0);
    let base = (10i64 << exp.min(9)).min(3600);
    let spread = 0.5 + jitter.clamp(0.0, 1.0);
    // Whole milliseconds: at most 5,400,000.
    Duration::milliseconds((base as f64 * 1000.0 * spread) as i64)
}

/// The job failed: queued again after its backoff, or dead after its last attempt. True
/// when this call parked it as dead (`node` still held it).
pub async fn fail(db: &Db, node: &str, job: &Model, error: &str, now: DateTime<Utc>) -> DomainResult<bool> {
    let error: String = error.chars().take(2000).collect();
    let dead = job.attempts >= job.max_attempts;
    let mut update = Job::update_many()
        .col_expr(C::LockedBy, Expr::value(Option::<String>::None))
        .col_expr(C::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(C::LastError, Expr::value(error))
        .col_expr(C::UpdatedAt, Expr::value(now));
    update = if dead {
        update.col_expr(C::Status, Expr::value(DEAD)).col_expr(C::FinishedAt, Expr::value(now))
    } else {
        update.col_expr(C::Status, Expr::value(QUEUED)).col_expr(C::RunAt, Expr::value(now + backoff(job.attempts, rand::random::<f64>())))
    };
    let parked = update.filter(held_by(job.id, node)).exec(db).await.map_err(db_err)?.rows_affected == 1;
    Ok(dead && parked)
}

/// The jobs of `ids` that `node` is running.
fn held_all(ids: Vec<Uuid>, node: &str) -> Condition {
    Condition::all().add(C::Id.is_in(ids)).add(C::LockedBy.eq(node)).add(C::Status.eq(RUNNING))
}

/// Extends the leases of the jobs `node` is running.
pub async fn renew(db: &Db, node: &str, ids: Vec<Uuid>, until: DateTime<Utc>) -> DomainResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    Job::update_many().col_expr(C::LockedUntil, Expr::value(until)).filter(held_all(ids, node)).exec(db).await.map_err(db_err)?;
    Ok(())
}

/// Gives jobs back unfinished (the server is stopping): queued again at once, the attempt
/// not counted, for another worker or the next start.
pub async fn release(db: &Db, node: &str, ids: Vec<Uuid>, now: DateTime<Utc>) -> DomainResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    Job::update_many()
        .col_expr(C::Status, Expr::value(QUEUED))
        .col_expr(C::LockedBy, Expr::value(Option::<String>::None))
        .col_expr(C::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(C::Attempts, Expr::col(C::Attempts).sub(1))
        .col_expr(C::RunAt, Expr::value(now))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(held_all(ids, node))
        .exec(db)
        .await
        .map_err(db_err)?;
    WAKE.notify_one();
    Ok(())
}

/// A job as admins see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = Job, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "kind": "customers.apply_pool_rules", "status": "dead", "attempts": 8, "max_attempts": 8,
    "run_at": "2026-12-06T07:00:00Z", "locked_by": null, "locked_until": null, "last_error": "database unavailable", "period_key": "customers.apply_pool_rules@2026-12-06T07:00:00Z",
    "created_at": "2026-12-06T07:00:00Z", "updated_at": "2026-12-06T09:31:00Z", "finished_at": "2026-12-06T09:31:00Z"}))]
pub struct JobView {
    pub id: Uuid,
    pub kind: String,
    /// `queued`, `running`, `done` or `dead`.
    pub status: String,
    pub attempts: i32,
    pub max_attempts: i32,
    /// When it runs (next); for a scheduled job, the start of its period.
    pub run_at: DateTime<Utc>,
    /// The server running it.
    pub locked_by: Option<String>,
    pub locked_until: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    /// `kind@period` for a scheduled job.
    pub period_key: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

impl From<Model> for JobView {
    fn from(m: Model) -> Self {
        Self {
            id: m.id,
            kind: m.kind,
            status: m.status,
            attempts: m.attempts,
            max_attempts: m.max_attempts,
            run_at: m.run_at,
            locked_by: m.locked_by,
            locked_until: m.locked_until,
            last_error: m.last_error,
            period_key: m.period_key,
            created_at: m.created_at,
            updated_at: m.updated_at,
            finished_at: m.finished_at,
        }
    }
}

/// The admin list's filters and sorts, each on an index (`idx_jobs_*`).
pub fn spec() -> ListSpec<Job> {
    let f = |name, column, kind, range| Filter { name, column, kind, range };
    ListSpec {
        filters: vec![
            f("kind", C::Kind, FieldKind::Text, false),
            f("status", C::Status, FieldKind::Text, false),
            f("created_at", C::CreatedAt, FieldKind::Timestamp, true),
        ],
        sorts: vec![("created_at", C::CreatedAt), ("run_at", C::RunAt)],
        search: vec![C::Kind],
        search_index: None,
        default_sort: vec![(C::CreatedAt, Order::Desc)],
        tie_breaker: C::Id,
    }
}

pub fn sort_names() -> Vec<&'static str> {
    spec().sort_names()
}

pub async fn list(db: &Db, params: ListParams) -> DomainResult<Page<JobView>> {
    let select = spec().apply(Job::find(), &params, db.get_database_backend())?;
    Ok(fetch_page(db, select, &params).await?.map(JobView::from))
}

/// Runs a dead job again from its first attempt, logged as the caller's; 409 for a job
/// that is not dead.
pub async fn retry(db: &Db, ctx: &crate::Ctx, id: Uuid) -> DomainResult<JobView> {
    let now = ctx.now;
    let tx = tx::begin(db).await?;
    let res = Job::update_many()
        .col_expr(C::Status, Expr::value(QUEUED))
        .col_expr(C::Attempts, Expr::value(0))
        .col_expr(C::RunAt, Expr::value(now))
        .col_expr(C::FinishedAt, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(C::Id.eq(id))
        .filter(C::Status.eq(DEAD))
        .exec(&tx)
        .await
        .map_err(db_err)?;
    let job = Job::find_by_id(id).one(&tx).await.map_err(db_err)?.ok_or_else(|| DomainError::not_found("job"))?;
    if res.rows_affected == 0 {
        return Err(DomainError::conflict("job.not_dead", format!("only a dead job can be retried; this one is {}", job.status)));
    }
    crate::audit::record(&tx, ctx, "jobs", id, "retry", &serde_json::json!({"status": DEAD}), &serde_json::json!({"status": QUEUED})).await?;
    tx.commit().await.map_err(db_err)?;
    WAKE.notify_one();
    Ok(job.into())
}

/// Jobs in `status` (done or dead) created before `before` go (the daily purge), in one
/// statement.
pub async fn purge_finished(db: &Db, status: &str, before: DateTime<Utc>) -> DomainResult<u64> {
    let res = Job::delete_many().filter(C::Status.eq(status)).filter(C::CreatedAt.lt(before)).exec(db).await.map_err(db_err)?;
    Ok(res.rows_affected)
}
