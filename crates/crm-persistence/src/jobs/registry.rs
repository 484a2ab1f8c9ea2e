//! What each kind of job does, and which run on a schedule. A module adds its kinds in
//! `Registry::standard`.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use chrono::{Duration, Utc};
use crm_domain::DomainResult;
use serde_json::Value;

use super::schedule::{Period, Schedule};
use crate::{Ctx, Db};

pub type JobFuture = Pin<Box<dyn Future<Output = DomainResult<()>> + Send>>;
pub type JobFn = Arc<dyn Fn(Db, Value) -> JobFuture + Send + Sync>;
/// What a kind does when its job is parked as dead: given the payload and the last error.
pub type DeadFn = Arc<dyn Fn(Db, Value, String) -> JobFuture + Send + Sync>;

#[derive(Clone, Default)]
pub struct Registry {
    pub(super) handlers: HashMap<&'static str, JobFn>,
    pub(super) on_dead: HashMap<&'static str, DeadFn>,
    pub(super) schedules: Vec<Schedule>,
}

impl Registry {
    /// The server's jobs.
    pub fn standard(mail: crate::notifications::email::MailEnv) -> Self {
        Self::default()
            .with(crate::notifications::email::JOB, {
                let mail = mail.clone();
                move |db, payload| {
                    let mail = mail.clone();
                    async move { crate::notifications::email::deliver(&db, &mail, payload).await }
                }
            })
            .with(crate::notifications::sms::JOB, {
                let mail = mail.clone();
                move |db, payload| {
                    let mail = mail.clone();
                    async move { crate::notifications::sms::deliver(&db, &mail, payload).await }
                }
            })
            .with(crate::webhooks::deliver::JOB, move |db, payload| {
                let secrets = mail.secrets.clone();
                async move { crate::webhooks::deliver::run(&db, &secrets, payload).await }
            })
            .with("customers.apply_pool_rules", |db, _| async move {
                let ctx = Ctx::system("pool-rules-job");
                crate::customers::pool_rules::apply(&db, &ctx).await.map(|_| ())
            })
            .every("customers.apply_pool_rules", Period::Hour)
            .with("customers.follow_up_reminders", |db, _| async move { crate::customers::reminders::follow_ups_due(&db, Utc::now()).await.map(|_| ()) })
            .every("customers.follow_up_reminders", Period::Minute)
            .with("system.purge", |db, _| async move { purge(&db).await })
            .every("system.purge", Period::Day)
            .with("quotes.expire", |db, _| async move { crate::sales_docs::quotes::expire(&db, Utc::now()).await.map(|_| ()) })
            .every("quotes.expire", Period::Hour)
            .with(crate::receivables::reminders::JOB, |db, _| async move { crate::receivables::reminders::run(&db, Utc::now()).await.map(|_| ()) })
            .every(crate::receivables::reminders::JOB, Period::Day)
    }

    /// The jobs that read or write the drive's store: file imports (their uploads) and
    /// background exports (the files they store).
    pub fn with_files(self, store: crate::drive::storage::Store) -> Self {
        let exports = store.clone();
        self.with(crate::imports::JOB, move |db, payload| {
            let store = store.clone();
            // The import writes through the modules' batch creates, whose per-item
            // savepoint closures the compiler cannot prove `Send` for every lifetime; a
            // blocking thread drives it instead (an import is long and few run at once,
            // so the thread is well spent).
            async move {
                let handle = tokio::runtime::Handle::current();
                tokio::task::spawn_blocking(move || handle.block_on(crate::imports::job::run(&db, &store, payload)))
                    .await
                    .map_err(|e| crm_domain::DomainError::internal(format!("the import stopped: {e}")))?
            }
        })
        .when_dead(crate::imports::JOB, |db, payload, error| async move { crate::imports::job::gave_up(&db, payload, error).await })
        .with(crate::exports::JOB, move |db, payload| {
            let store = exports.clone();
            // Likewise an export: each list builds its query through its own module's
            // async trait methods, which are not `Send`.
            async move {
                let handle = tokio::runtime::Handle::current();
                tokio::task::spawn_blocking(move || handle.block_on(crate::exports::job::run(&db, &store, payload)))
                    .await
                    .map_err(|e| crm_domain::DomainError::internal(format!("the export stopped: {e}")))?
            }
        })
        .when_dead(crate::exports::JOB, |db, payload, error| async move { crate::exports::job::gave_up(&db, payload, error).await })
    }

    /// Adds a kind of job.
    pub fn with<F, Fut>(mut self, kind: &'static str, run: F) -> Self
    where
        F: Fn(Db, Value) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = DomainResult<()>> + Send + 'static,
    {
        self.handlers.insert(kind, Arc::new(move |db, payload| Box::pin(run(db, payload))));
        self
    }

    /// What a job of `kind` leaves behind when it is parked as dead (its last attempt
    /// failed): a record that said "running" says why it stopped, so its owner is not left
    /// waiting and the per-person limit is not held.
    pub fn when_dead<F, Fut>(mut self, kind: &'static str, settle: F) -> Self
    where
        F: Fn(Db, Value, String) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = DomainResult<()>> + Send + 'static,
    {
        self.on_dead.insert(kind, Arc::new(move |db, payload, error| Box::pin(settle(db, payload, error))));
        self
    }

    /// Runs `kind` once every period, across all servers.
    pub fn every(mut self, kind: &'static str, period: Period) -> Self {
        self.schedules.push(Schedule { kind, period });
        self
    }
}

/// What the server stops keeping: sign-in counters nobody touched for a day, idempotency
/// keys past their replay window, finished jobs after a week and dead ones after a month.
async fn purge(db: &Db) -> DomainResult<()> {
    let now = Utc::now();
    crate::login_throttle::purge(db, now).await?;
    crate::idempotency::purge(db, now - Duration::hours(24)).await?;
    super::queue::purge_finished(db, super::queue::DONE, now - Duration::days(7)).await?;
    super::queue::purge_finished(db, super::queue::DEAD, now - Duration::days(30)).await?;
    Ok(())
}
