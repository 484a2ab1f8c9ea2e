//! The job `imports.run`: the file's rows in chunks of `CHUNK`, each chunk converted and
//! written through the record's batch create, as the importer.
//!
//! - Row by row (`atomic: false`): each chunk is one transaction with the import's
//!   progress (`committed_rows`) and its failed rows, so a job resumed after a restart
//!   goes on after the last committed chunk and writes no row twice.
//! - All or nothing (`atomic: true`): one transaction for the whole file, committed only
//!   when no row failed; a restart starts again from the first row (nothing was written).
//!   Its counts show when it ends: the open transaction would block them on SQLite.
//! - A dry run writes each chunk as a commit would and rolls it back, keeping only the
//!   counts and the failed rows.
//!
//! Two stages on two threads: one reads and converts the next chunk (cells to inputs,
//! and for customers the checks that need no database) while the other writes the
//! current one, so the server's work and the database's overlap instead of taking turns.

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::time::Instant;

use chrono::Utc;
use crm_domain::customers::NewCustomer;
use crm_domain::imports::{ImportEncoding, ImportMode, ImportStatus, OnDuplicate};
use crm_domain::locale::Lang;
use crm_domain::{DomainError, DomainResult, ErrorKind};
use encoding_rs::{GB18030, UTF_8};
use futures_util::future::{maybe_done, MaybeDone};
use futures_util::StreamExt;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use tokio::io::AsyncWriteExt;
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

use super::entities::import::{self, Column as C, Entity as Import};
use super::fields::{self, CellError, Importer, Kind, Lookups};
use super::read::{self, Format};
use crate::customers::import::{check_rows, write_checked, Checked, ImportRow, NumberTurn, RowError};
use crate::drive::storage::{Blob, Store};
use crate::kit::BatchItem;
use crate::tx::Tx;
use crate::{tx, Ctx, Db};

/// Rows per chunk: one batch create (`kit::MAX_BATCH`).
pub const CHUNK: usize = 1000;

#[derive(Debug, Default, Clone)]
pub struct Progress {
    pub rows_read: i32,
    pub created: i32,
    pub updated: i32,
    pub skipped: i32,
    pub failed: i32,
    pub committed_rows: i32,
}

impl Progress {
    /// Adds a chunk's counts.
    fn add(&mut self, c: &Progress) {
        self.created += c.created;
        self.updated += c.updated;
        self.skipped += c.skipped;
        self.failed += c.failed;
    }
}

/// What became of one row.
enum Outcome {
    Created,
    /// The stored record it duplicates took its cells (`on_duplicate: update`).
    Updated,
    Skipped,
    Failed(Vec<CellError>),
    /// Refused as a duplicate of these records (field, id) under `on_duplicate: update`:
    /// the record is updated once the chunk's creates are written (`Job::update`).
    Duplicate { of: Vec<(String, Uuid)>, error: DomainError },
}

pub async fn run(db: &Db, store: &Store, payload: Value) -> DomainResult<()> {
    let Some(id) = payload.get("import_id").and_then(super::value_of) else { return Err(DomainError::internal("imports.run without an import_id")) };
    let Some(m) = Import::find_by_id(id).one(db).await.map_err(crate::db::db_err)? else { return Ok(()) };
    if matches!(ImportStatus::parse(&m.status), ImportStatus::Done | ImportStatus::Failed) {
        return Ok(());
    }
    let started = m.started_at.unwrap_or_else(Utc::now);
    Import::update_many()
        .col_expr(C::Status, Expr::value(ImportStatus::Running.as_str()))
        .col_expr(C::StartedAt, Expr::value(Some(started)))
        .filter(C::Id.eq(id))
        .exec(db)
        .await
        .map_err(crate::db::db_err)?;
    let resumed = if m.atomic { Progress::default() } else { Progress { rows_read: m.committed_rows, created: m.created, updated: m.updated, skipped: m.skipped, failed: m.failed, committed_rows: m.committed_rows } };
    let (p, status, error) = match import(db, store, &m, resumed.clone()).await {
        Ok(done) => done,
        Err(e) if e.code == super::TAKEN_OVER => return Ok(()),
        // The database failing is the job's failure: the queue runs it again, and it goes on.
        Err(e) if matches!(e.kind, ErrorKind::Internal | ErrorKind::Unavailable { .. }) => return Err(e),
        // The file or its header row: the import fails with the reason.
        Err(e) => (resumed, Some(ImportStatus::Failed), Some(e.message)),
    };
    let t = tx::begin(db).await?;
    super::save_progress(&t, id, &p, status, error, None).await?;
    t.commit().await.map_err(crate::db::db_err)
}

/// The job was parked as dead (the database failed on every attempt): the import fails
/// with that reason where it stands (rows committed before stay, an atomic one wrote
/// nothing), so it no longer waits or counts against its owner's limit.
pub async fn gave_up(db: &Db, payload: Value, error: String) -> DomainResult<()> {
    let Some(id) = payload.get("import_id").and_then(super::value_of) else { return Ok(()) };
    let now = Utc::now();
    Import::update_many()
        .col_expr(C::Status, Expr::value(ImportStatus::Failed.as_str()))
        .col_expr(C::Error, Expr::value(Some(format!("the import stopped after its last attempt: {error}"))))
        .col_expr(C::FinishedAt, Expr::value(Some(now)))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(C::Id.eq(id))
        .filter(C::Status.is_in([ImportStatus::Queued.as_str(), ImportStatus::Running.as_str()]))
        .exec(db)
        .await
        .map_err(crate::db::db_err)?;
    Ok(())
}

/// The upload as a local file: the stored one, or a copy of a bucket's.
async fn local_file(store: &Store, key: &str) -> DomainResult<(PathBuf, Option<tempfile::TempPath>)> {
    match store.blob(key) {
        Blob::File(path) => Ok((path, None)),
        Blob::Object(object) => {
            let dir = store.root().join("tmp");
            tokio::fs::create_dir_all(&dir).await.map_err(|e| DomainError::internal(format!("import copy: {e}")))?;
            let tmp = tempfile::NamedTempFile::new_in(&dir).map_err(|e| DomainError::internal(format!("import copy: {e}")))?.into_temp_path();
            let mut out = tokio::fs::File::create(&tmp).await.map_err(|e| DomainError::internal(format!("import copy: {e}")))?;
            let mut body = object.read(0..u64::MAX).await.map_err(|e| DomainError::internal(format!("import download: {e}")))?;
            while let Some(chunk) = body.next().await {
                let chunk = chunk.map_err(|e| DomainError::internal(format!("import download: {e}")))?;
                out.write_all(&chunk).await.map_err(|e| DomainError::internal(format!("import copy: {e}")))?;
            }
            out.flush().await.map_err(|e| DomainError::internal(format!("import copy: {e}")))?;
            Ok((tmp.to_path_buf(), Some(tmp)))
        }
    }
}

type Finished = (Progress, Option<ImportStatus>, Option<String>);

async fn import(db: &Db, store: &Store, m: &import::Model, mut p: Progress) -> DomainResult<Finished> {
    let imp = fields::importer(&m.entity).ok_or_else(|| DomainError::invalid_field("entity", "unknown", "no such importer"))?;
    let Some(actor) = crate::auth::load_actor(db, m.user_id).await? else {
        return Ok((p, Some(ImportStatus::Failed), Some("the account that started the import is disabled or deleted".into())));
    };
    let ctx = Ctx::new(actor, format!("import-{}", m.id), None);
    let (mode, on_duplicate, encoding, mapping) = super::options_of(m);
    let (path, _copy) = local_file(store, &m.file_key).await?;
    let encoding = if encoding == ImportEncoding::Gbk { GB18030 } else { UTF_8 };
    let mut rows = read::rows(path, Format::parse(&m.format), encoding);
    let headers = match rows.recv().await {
        Some(Ok((_, h))) => h,
        Some(Err(e)) => return Err(e),
        None => return Err(DomainError::invalid_field("file", "empty", "the file has no header row")),
    };
    let plan = fields::plan(imp, &headers, &mapping)?;
    let headers_of: HashMap<&str, String> = plan.iter().zip(&headers).filter_map(|(f, h)| f.and_then(|i| imp.fields.get(i)).map(|f| (f.key, h.clone()))).collect();
    let lookups = Lookups::load(db, imp).await?;
    let job = Job { ctx: &ctx, imp, headers_of: &headers_of, on_duplicate };
    let keep_inputs = on_duplicate == OnDuplicate::Update && imp.update.is_some();
    let converter = Converter { db: db.clone(), ctx: ctx.clone(), imp, plan, headers, lookups, lang: Lang::Zh, resume_from: usize::try_from(p.committed_rows).unwrap_or(0), keep_inputs };
    // One chunk converted ahead: at most three chunks (converting, waiting, writing) in memory.
    let (ahead, mut steps) = mpsc::channel(1);
    let handle = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || handle.block_on(converter.run(rows, ahead)));
    let whole = if m.atomic { Some(tx::begin(db).await?) } else { None };
    let mut held: Vec<(usize, Vec<String>, Vec<CellError>)> = Vec::new();
    let mut read_error: Option<DomainError> = None;
    let mut timing = Timing::default();
    match &whole {
        Some(t) => {
            while let Some(step) = steps.recv().await {
                let converted = match step? {
                    Step::Chunk(c) => c,
                    Step::Unreadable(e) => {
                        read_error = Some(e);
                        break;
                    }
                };
                p.rows_read += i32::try_from(converted.rows.len()).unwrap_or(0);
                let mut counts = Progress::default();
                held.extend(job.chunk(t, converted, &mut counts, NumberTurn::default()).await?);
                p.add(&counts);
            }
        }
        None => read_error = job.chunked(db, m, mode, &mut steps, &mut p, &mut timing).await?,
    }
    if imp.entity == "customers" && mode == ImportMode::Commit {
        crate::customers::import::settle_search_index(db).await;
    }
    log::info!("import {}: {} rows; waited {:.1?} for converted rows, {:.1?} for writes, {:.1?} for commits", m.id, p.rows_read, timing.waiting, timing.writing, timing.committing);
    let outcome = match (&read_error, whole) {
        (_, Some(t)) => {
            let bad = read_error.is_some() || p.failed > 0;
            if bad || mode == ImportMode::DryRun {
                drop(t);
            } else {
                // Claims the import's outcome in the same transaction: of two runs, the
                // second finds it claimed and writes nothing.
                p.committed_rows = p.rows_read;
                super::save_progress(&t, m.id, &p, None, None, Some(0)).await?;
                t.commit().await.map_err(crate::db::db_err)?;
            }
            let t = tx::begin(db).await?;
            super::save_failures(&t, m.id, held).await?;
            t.commit().await.map_err(crate::db::db_err)?;
            match (&read_error, bad) {
                (Some(e), _) => (p, Some(ImportStatus::Failed), Some(format!("{}; nothing was written", e.message))),
                (None, true) => {
                    p.created = 0;
                    p.updated = 0;
                    (p, Some(ImportStatus::Failed), Some("rows failed; all or nothing was asked, so nothing was written".into()))
                }
                (None, false) => (p, Some(ImportStatus::Done), None),
            }
        }
        (Some(e), None) => (p, Some(ImportStatus::Failed), Some(format!("{}; the rows before it stand", e.message))),
        (None, None) => (p, Some(ImportStatus::Done), None),
    };
    Ok(outcome)
}

/// Where a row-by-row import's time went, for the log: a slow import says whether the
/// file's conversion or the database held it up.
#[derive(Default)]
struct Timing {
    waiting: std::time::Duration,
    writing: std::time::Duration,
    committing: std::time::Duration,
}

/// The inputs that read as `I`, their rows' places, and the rows that did not.
fn typed<I: DeserializeOwned>(inputs: Vec<(usize, Map<String, Value>)>) -> (Vec<I>, Vec<usize>, Vec<(usize, Outcome)>) {
    let (mut items, mut at, mut out) = (Vec::with_capacity(inputs.len()), Vec::with_capacity(inputs.len()), Vec::new());
    for (i, input) in inputs {
        match serde_json::from_value::<I>(Value::Object(input)) {
            Ok(item) => {
                items.push(item);
                at.push(i);
            }
            Err(e) => out.push((i, Outcome::Failed(vec![CellError { column: None, field: None, code: "invalid".into(), message: e.to_string() }]))),
        }
    }
    (items, at, out)
}

/// A chunk's rows written in `tx`, not yet committed.
struct Written {
    tx: Tx,
    failures: Vec<(usize, Vec<String>, Vec<CellError>)>,
    counts: Progress,
    rows: i32,
}

type Writing<'a> = Pin<Box<dyn Future<Output = DomainResult<Written>> + 'a>>;

/// Runs `main` to its end while `other` goes on too (its output, should it finish first,
/// waits in it): one thread drives the chunk being written and the step before it.
async fn alongside<O, F: Future + Unpin>(main: impl Future<Output = O>, other: &mut MaybeDone<F>) -> O {
    let mut main = std::pin::pin!(main);
    std::future::poll_fn(move |cx| {
        let _ = Pin::new(&mut *other).poll(cx);
        main.as_mut().poll(cx)
    })
    .await
}

/// The output of a write that `alongside` may have finished already.
async fn finish<T, F: Future<Output = DomainResult<T>> + Unpin>(w: &mut MaybeDone<F>) -> DomainResult<T> {
    (&mut *w).await;
    Pin::new(w).take_output().unwrap_or_else(|| Err(DomainError::internal("a chunk's write was taken twice")))
}

/// A chunk as the converting stage hands it on.
struct Converted {
    rows: Vec<(usize, Vec<String>)>,
    /// Per row: its conversion's failure, or `None` while it waits for the write.
    outcomes: Vec<Option<Outcome>>,
    ready: Ready,
    /// The rows' inputs by their place in the chunk, for the updates of `on_duplicate:
    /// update` (empty otherwise: a create-only import copies nothing).
    kept: HashMap<usize, Map<String, Value>>,
}

impl Converted {
    /// The unique keys of its customers (none for other records).
    fn unique_keys(&self) -> HashSet<String> {
        match &self.ready {
            Ready::Customers { checked, .. } => checked.iter().flat_map(Checked::unique_keys).collect(),
            Ready::Inputs(_) => HashSet::new(),
        }
    }
}

enum Ready {
    /// The converted rows' create inputs, by their place in the chunk.
    Inputs(Vec<(usize, Map<String, Value>)>),
    /// Customers checked as far as no database is needed; `at` maps their index to the
    /// place in the chunk.
    Customers { checked: Vec<Checked>, errors: Vec<RowError>, at: Vec<usize> },
}

enum Step {
    Chunk(Converted),
    /// The file could not be read on after the chunks before.
    Unreadable(DomainError),
}

/// The converting stage: the file's rows (after `resume_from`) in chunks of `CHUNK`.
struct Converter {
    db: Db,
    ctx: Ctx,
    imp: &'static Importer,
    plan: Vec<Option<usize>>,
    headers: Vec<String>,
    lookups: Lookups,
    lang: Lang,
    resume_from: usize,
    /// Keep each row's input for an update (`Converted::kept`).
    keep_inputs: bool,
}

impl Converter {
    /// Hands on each chunk until the file ends, cannot be read, or the writer stops
    /// listening (it failed: the reader stops in turn when this drops `rows`).
    async fn run(mut self, mut rows: read::Rows, out: mpsc::Sender<DomainResult<Step>>) {
        let mut seen = 0usize;
        let mut chunk: Vec<(usize, Vec<String>)> = Vec::with_capacity(CHUNK);
        loop {
            let (end, unreadable) = match rows.recv().await {
                Some(Ok(row)) => {
                    seen += 1;
                    if seen > self.resume_from {
                        chunk.push(row);
                    }
                    (false, None)
                }
                Some(Err(e)) => (true, Some(e)),
                None => (true, None),
            };
            if chunk.len() == CHUNK || (end && !chunk.is_empty()) {
                let step = self.convert(std::mem::take(&mut chunk)).await.map(Step::Chunk);
                let failed = step.is_err();
                if out.send(step).await.is_err() || failed {
                    return;
                }
            }
            if end {
                if let Some(e) = unreadable {
                    let _ = out.send(Ok(Step::Unreadable(e))).await;
                }
                return;
            }
        }
    }

    async fn convert(&mut self, rows: Vec<(usize, Vec<String>)>) -> DomainResult<Converted> {
        self.refresh_refs(&rows).await?;
        let mut outcomes: Vec<Option<Outcome>> = Vec::with_capacity(rows.len());
        let mut inputs: Vec<(usize, Map<String, Value>)> = Vec::with_capacity(rows.len());
        let mut kept = HashMap::new();
        for (i, (_, cells)) in rows.iter().enumerate() {
            match fields::to_input(self.imp, &self.plan, &self.headers, cells, &self.lookups, self.lang) {
                Ok(input) => {
                    if self.keep_inputs {
                        kept.insert(i, input.clone());
                    }
                    inputs.push((i, input));
                    outcomes.push(None);
                }
                Err(errors) => outcomes.push(Some(Outcome::Failed(errors))),
            }
        }
        let ready = if self.imp.entity == "customers" { self.customers(inputs, &mut outcomes) } else { Ready::Inputs(inputs) };
        Ok(Converted { rows, outcomes, ready, kept })
    }

    /// The records this chunk names by a reference read per chunk (customers, contracts).
    async fn refresh_refs(&mut self, rows: &[(usize, Vec<String>)]) -> DomainResult<()> {
        for (col, slot) in self.plan.iter().enumerate() {
            let Some(Kind::Ref(r)) = slot.and_then(|i| self.imp.fields.get(i)).map(|f| f.kind) else { continue };
            if !r.per_chunk() {
                continue;
            }
            let mut names: Vec<String> = rows.iter().filter_map(|(_, cells)| cells.get(col)).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
            names.sort();
            names.dedup();
            self.lookups.refs.insert(r, super::refs::named(&self.db, r, &names).await?);
        }
        Ok(())
    }

    fn customers(&self, inputs: Vec<(usize, Map<String, Value>)>, outcomes: &mut [Option<Outcome>]) -> Ready {
        let mut rows = Vec::with_capacity(inputs.len());
        let mut at = Vec::with_capacity(inputs.len());
        for (i, mut input) in inputs {
            let owner_id = input.remove("owner_id").as_ref().and_then(super::value_of);
            match serde_json::from_value::<NewCustomer>(Value::Object(input)) {
                Ok(customer) => {
                    rows.push(ImportRow { customer, owner_id, contact: None, follow_up: None });
                    at.push(i);
                }
                Err(e) => {
                    if let Some(slot) = outcomes.get_mut(i) {
                        *slot = Some(Outcome::Failed(vec![CellError { column: None, field: None, code: "invalid".into(), message: e.to_string() }]));
                    }
                }
            }
        }
        let (checked, errors) = check_rows(&self.ctx, rows);
        Ready::Customers { checked, errors, at }
    }
}

/// The writing stage.
struct Job<'a> {
    ctx: &'a Ctx,
    imp: &'static Importer,
    headers_of: &'a HashMap<&'a str, String>,
    on_duplicate: OnDuplicate,
}

impl Job<'_> {
    /// Writes one converted chunk in `tx`, counting into `p`; answers the failed rows.
    async fn chunk(&self, tx: &Tx, c: Converted, p: &mut Progress, turn: NumberTurn) -> DomainResult<Vec<(usize, Vec<String>, Vec<CellError>)>> {
        let Converted { rows, mut outcomes, ready, mut kept } = c;
        let mut written = self.write(tx, ready, turn).await?;
        // The updates after the chunk's creates, in row order: a row that duplicates an
        // earlier row of the file updates the record that row made.
        written.sort_by_key(|(i, _)| *i);
        for (i, outcome) in written {
            let outcome = match outcome {
                Outcome::Duplicate { of, error } => self.update(tx, &of, &error, kept.remove(&i)).await?,
                other => other,
            };
            if let Some(slot) = outcomes.get_mut(i) {
                *slot = Some(outcome);
            }
        }
        let mut failures = Vec::new();
        for ((row_no, cells), outcome) in rows.into_iter().zip(outcomes) {
            match outcome {
                Some(Outcome::Created) => p.created += 1,
                Some(Outcome::Updated) => p.updated += 1,
                Some(Outcome::Skipped) => p.skipped += 1,
                Some(Outcome::Failed(errors)) => {
                    p.failed += 1;
                    failures.push((row_no, cells, errors));
                }
                Some(Outcome::Duplicate { .. }) | None => {
                    p.failed += 1;
                    failures.push((row_no, cells, vec![CellError { column: None, field: None, code: "not_written".into(), message: "the row was not written".into() }]));
                }
            }
        }
        Ok(failures)
    }

    /// Row by row: each chunk in its own transaction with the import's progress,
    /// committed in the file's order. On PostgreSQL a chunk of customers is written while
    /// the one before it finishes and commits, on a second connection, so the database
    /// works on both cores (maintaining the customers' indexes is most of an import's
    /// work); unless the two share a name, phone or e-mail: then it starts after that
    /// commit, so that its duplicate check sees the rows before it. Not when rows update
    /// the records they duplicate: two chunks could then lock the same records in turn.
    /// Answers the error that stopped the file's reading, if one did.
    async fn chunked(&self, db: &Db, m: &import::Model, mode: ImportMode, steps: &mut mpsc::Receiver<DomainResult<Step>>, p: &mut Progress, timing: &mut Timing) -> DomainResult<Option<DomainError>> {
        let overlap = db.get_database_backend() == DbBackend::Postgres && self.imp.entity == "customers" && self.on_duplicate != OnDuplicate::Update;
        let mut in_flight: Option<(MaybeDone<Writing<'_>>, HashSet<String>)> = None;
        let mut took: Option<oneshot::Receiver<()>> = None;
        let mut read_error = None;
        loop {
            let waited = Instant::now();
            let step = match in_flight.as_mut() {
                Some((writing, _)) => alongside(steps.recv(), writing).await,
                None => steps.recv().await,
            };
            timing.waiting += waited.elapsed();
            let converted = match step.transpose()? {
                None => break,
                Some(Step::Unreadable(e)) => {
                    read_error = Some(e);
                    break;
                }
                Some(Step::Chunk(c)) => c,
            };
            let keys = if overlap { converted.unique_keys() } else { HashSet::new() };
            let (done, wait) = oneshot::channel();
            let turn = NumberTurn { wait: took.replace(wait), done: Some(done) };
            let mut next = maybe_done(Box::pin(self.written(db, converted, turn)) as Writing<'_>);
            if let Some((mut prev, prev_keys)) = in_flight.take() {
                let started = Instant::now();
                if overlap && prev_keys.is_disjoint(&keys) {
                    let w = alongside(finish(&mut prev), &mut next).await?;
                    timing.writing += started.elapsed();
                    let started = Instant::now();
                    alongside(self.commit(db, m, mode, w, p), &mut next).await?;
                    timing.committing += started.elapsed();
                } else {
                    let w = finish(&mut prev).await?;
                    timing.writing += started.elapsed();
                    let started = Instant::now();
                    self.commit(db, m, mode, w, p).await?;
                    timing.committing += started.elapsed();
                }
            }
            in_flight = Some((next, keys));
        }
        if let Some((mut prev, _)) = in_flight {
            let w = finish(&mut prev).await?;
            self.commit(db, m, mode, w, p).await?;
        }
        Ok(read_error)
    }

    /// A chunk written in a transaction of its own, left open for `commit`.
    async fn written(&self, db: &Db, c: Converted, turn: NumberTurn) -> DomainResult<Written> {
        let rows = i32::try_from(c.rows.len()).unwrap_or(0);
        let t = tx::begin(db).await?;
        let mut counts = Progress::default();
        let failures = self.chunk(&t, c, &mut counts, turn).await?;
        Ok(Written { tx: t, failures, counts, rows })
    }

    /// A written chunk's failed rows and the import's progress, committed with its rows
    /// (a dry run rolls the rows back first).
    async fn commit(&self, db: &Db, m: &import::Model, mode: ImportMode, w: Written, p: &mut Progress) -> DomainResult<()> {
        let Written { tx: t, failures, counts, rows } = w;
        let before = p.committed_rows;
        p.rows_read += rows;
        p.add(&counts);
        let t = if mode == ImportMode::DryRun {
            drop(t);
            tx::begin(db).await?
        } else {
            t
        };
        p.committed_rows = p.rows_read;
        super::save_failures(&t, m.id, failures).await?;
        super::save_progress(&t, m.id, p, None, None, Some(before)).await?;
        t.commit().await.map_err(crate::db::db_err)?;
        if mode == ImportMode::Commit && self.imp.entity == "customers" {
            crate::customers::import::keep_statistics_current(db).await?;
        }
        Ok(())
    }

    /// A duplicate per `on_duplicate`, any other refusal as the row's errors. `stored`
    /// names the record an earlier row of the batch made (`DuplicateOf::item`).
    fn refused(&self, e: DomainError, stored: impl Fn(usize) -> Option<Uuid>) -> Outcome {
        // Only a duplicate: another conflict (a payment's contract not in force) fails the row.
        let duplicate = (e.kind == ErrorKind::Conflict && e.code.ends_with(".duplicate")) || e.errors.iter().any(|f| f.code == "duplicate");
        match self.on_duplicate {
            OnDuplicate::Skip if duplicate => Outcome::Skipped,
            // A row refused for more than the duplicate (an unknown code too) fails as it is.
            OnDuplicate::Update if duplicate && e.errors.iter().all(|f| f.code == "duplicate") => {
                let of = e.duplicates_of().into_iter().filter_map(|d| Some((d.field, d.id.or_else(|| d.item.and_then(&stored))?))).collect();
                Outcome::Duplicate { of, error: e }
            }
            _ => Outcome::Failed(fields::row_errors(&e, self.headers_of)),
        }
    }

    /// A row refused as a duplicate, under `on_duplicate: update`: the one record it
    /// duplicates (`of`) takes the row's cells (`input`) through its own update, in a
    /// savepoint, if the importer may change it.
    async fn update(&self, tx: &Tx, of: &[(String, Uuid)], error: &DomainError, input: Option<Map<String, Value>>) -> DomainResult<Outcome> {
        let fail = |field: Option<&str>, code: &str, message: String| CellError { column: field.and_then(|f| self.headers_of.get(f).cloned()), field: field.map(str::to_string), code: code.into(), message };
        let mut ids: Vec<Uuid> = of.iter().map(|(_, id)| *id).collect();
        ids.sort();
        ids.dedup();
        let (Some(update), Some(input)) = (&self.imp.update, input) else { return Ok(Outcome::Failed(fields::row_errors(error, self.headers_of))) };
        let what = self.imp.entity.trim_end_matches('s');
        let id = match ids.as_slice() {
            // A duplicate that names no record (a unique index's refusal): nothing to update.
            [] => return Ok(Outcome::Failed(fields::row_errors(error, self.headers_of))),
            [id] => *id,
            _ => {
                let errors = of.iter().map(|(f, id)| fail(Some(f), "duplicate_ambiguous", format!("the {f} is that of existing {what} {id}, and the row's other fields are those of another; nothing was changed"))).collect();
                return Ok(Outcome::Failed(errors));
            }
        };
        let field = of.first().map(|(f, _)| f.as_str());
        if !self.ctx.actor.has(update.permission) {
            return Ok(Outcome::Failed(vec![fail(field, "duplicate_forbidden", format!("the existing {what} is not yours to change: updating it needs {}", update.permission.code()))]));
        }
        let mut input = input;
        for k in update.kept {
            input.remove(*k);
        }
        let done = tx.savepoint(async |tx| self.update_record(tx, id, input).await).await;
        Ok(match done {
            Ok(()) => Outcome::Updated,
            Err(e) if matches!(e.kind, ErrorKind::Internal | ErrorKind::Unavailable { .. }) => return Err(e),
            // Outside the caller's edit scope the record is not found, as for its PATCH.
            Err(e) if e.kind == ErrorKind::NotFound => Outcome::Failed(vec![fail(field, "duplicate_forbidden", format!("the existing {what} is not yours to change: it is outside your data scope"))]),
            Err(e) => Outcome::Failed(fields::row_errors(&e, self.headers_of)),
        })
    }

    /// The record's own update (its PATCH's service) with the row's cells as the patch.
    async fn update_record(&self, tx: &Tx, id: Uuid, input: Map<String, Value>) -> DomainResult<()> {
        macro_rules! via {
            ($patch:ty, $update_in:path) => {{
                let patch = serde_json::from_value::<$patch>(Value::Object(input)).map_err(|e| DomainError::invalid_field("row", "invalid", e.to_string()))?;
                $update_in(tx, self.ctx, id, patch, None).await.map(|_| ())
            }};
        }
        match self.imp.entity {
            "customers" => via!(crm_domain::customers::CustomerPatch, crate::customers::records::update_in),
            "products" => via!(crm_domain::products::ProductPatch, crate::products::service::update_in),
            "suppliers" => via!(crm_domain::products::SupplierPatch, crate::products::suppliers::update_in),
            other => Err(DomainError::internal(format!("no update for {other}"))),
        }
    }

    async fn write(&self, tx: &Tx, ready: Ready, turn: NumberTurn) -> DomainResult<Vec<(usize, Outcome)>> {
        let inputs = match ready {
            Ready::Customers { checked, errors, at } => return self.customers(tx, checked, errors, &at, turn).await,
            Ready::Inputs(inputs) => inputs,
        };
        // Each input as the record's create input (a type mismatch is the row's error),
        // then the record's batch create in `tx`.
        macro_rules! through {
            ($input:ty, $batch_in:path) => {{
                let (items, at, mut out) = typed::<$input>(inputs);
                let results = $batch_in(tx, self.ctx, items).await?;
                out.extend(at.into_iter().zip(results).map(|(i, r)| (i, self.result(r))));
                Ok(out)
            }};
        }
        match self.imp.entity {
            "contacts" => through!(crm_domain::customers::contact::NewContact, crate::customers::contacts::batch_in),
            "leads" => through!(crm_domain::leads::LeadInput, crate::leads::records::batch_in),
            "products" => through!(crm_domain::products::ProductInput, crate::products::service::batch_in),
            "suppliers" => through!(crm_domain::products::SupplierInput, crate::products::suppliers::batch_in),
            "opportunities" => through!(crm_domain::opportunities::OpportunityInput, crate::opportunities::records::batch_in),
            "payments" => through!(crm_domain::receivables::PaymentInput, crate::receivables::payments::batch_in),
            other => Err(DomainError::internal(format!("no writer for {other}"))),
        }
    }

    fn result(&self, r: BatchItem) -> Outcome {
        match r {
            BatchItem::Created(_) => Outcome::Created,
            BatchItem::Refused(e) => self.refused(e, |_| None),
            BatchItem::NotWritten => Outcome::Failed(vec![CellError { column: None, field: None, code: "not_written".into(), message: "the row was not written".into() }]),
        }
    }

    async fn customers(&self, tx: &Tx, checked: Vec<Checked>, errors: Vec<RowError>, at: &[usize], turn: NumberTurn) -> DomainResult<Vec<(usize, Outcome)>> {
        let done = write_checked(tx, self.ctx, checked, errors, false, turn).await?;
        let mut out = Vec::with_capacity(done.created.len() + done.errors.len());
        let made: HashMap<usize, Uuid> = if self.on_duplicate == OnDuplicate::Update { done.created.iter().copied().collect() } else { HashMap::new() };
        for (index, _) in done.created {
            if let Some(i) = at.get(index) {
                out.push((*i, Outcome::Created));
            }
        }
        for e in done.errors {
            if let Some(i) = at.get(e.index) {
                out.push((*i, self.refused(e.error, |row| made.get(&row).copied())));
            }
        }
        Ok(out)
    }
}

