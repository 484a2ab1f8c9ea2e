//! One service call, one transaction, begun here.
//!
//! SQLite allows one writer at a time, and a deferred transaction that reads and then
//! writes fails at once with "database is locked" when another writer got there first: it
//! cannot wait, or two such transactions would deadlock. So on SQLite the transactions of
//! this process take turns from the start, and each takes the database's write lock as
//! its first step, as `BEGIN IMMEDIATE` would (sea-orm offers no way to say that): a writer
//! in another process (`crm admin …` beside the server) is then waited for on the busy
//! timeout instead of failing the transaction. Readers outside transactions still run
//! alongside, thanks to WAL. PostgreSQL runs transactions concurrently, with row locks and
//! conditional updates keeping them correct.

use std::sync::{Arc, LazyLock};

use crm_domain::DomainResult;
use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, ExecResult, QueryResult, Statement, TransactionTrait};
use tokio::sync::{Mutex, OwnedMutexGuard};

use crate::db::{backend, db_err};
use crate::Db;

static SQLITE_WRITER: LazyLock<Arc<Mutex<()>>> = LazyLock::new(|| Arc::new(Mutex::new(())));

pub struct Tx {
    inner: DatabaseTransaction,
    _turn: Option<OwnedMutexGuard<()>>,
    db: Db,
}

pub async fn begin(db: &Db) -> DomainResult<Tx> {
    let turn = match backend(db) {
        DbBackend::Sqlite => Some(SQLITE_WRITER.clone().lock_owned().await),
        _ => None,
    };
    let inner = db.begin().await.map_err(db_err)?;
    if turn.is_some() {
        // A statement that may write takes the write lock when it starts, even if it
        // changes nothing; this one changes nothing and adds nothing to the WAL.
        inner.execute_unprepared("UPDATE seaql_migrations SET version = version WHERE 0").await.map_err(db_err)?;
    }
    Ok(Tx { inner, _turn: turn, db: db.clone() })
}

impl Tx {
    pub async fn commit(self) -> Result<(), DbErr> {
        self.inner.commit().await?;
        crate::count_cache::note_write();
        Ok(())
    }

    /// Runs `f` so that its writes are undone if it fails while the transaction goes on:
    /// one item of a batch that breaks a rule leaves the others' writes standing. Both
    /// databases take the SQL standard's savepoints; they do not nest here.
    pub async fn savepoint<T>(&self, f: impl AsyncFnOnce(&Tx) -> DomainResult<T>) -> DomainResult<T> {
        self.inner.execute_unprepared("SAVEPOINT kit_item").await.map_err(db_err)?;
        let out = f(self).await;
        if out.is_err() {
            self.inner.execute_unprepared("ROLLBACK TO SAVEPOINT kit_item").await.map_err(db_err)?;
        }
        self.inner.execute_unprepared("RELEASE SAVEPOINT kit_item").await.map_err(db_err)?;
        out
    }
}

impl crate::db::Source for Tx {
    fn source_key(&self) -> String {
        crate::db::source_key(&self.db)
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for Tx {
    fn get_database_backend(&self) -> DbBackend {
        self.inner.get_database_backend()
    }
    async fn execute(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.inner.execute(stmt).await
    }
    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.inner.execute_unprepared(sql).await
    }
    async fn query_one(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.inner.query_one(stmt).await
    }
    async fn query_all(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.inner.query_all(stmt).await
    }
    fn support_returning(&self) -> bool {
        self.inner.support_returning()
    }
}
