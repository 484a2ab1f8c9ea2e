//! Connecting, SQLite pragmas, migrations, and the mapping of database errors.

use std::path::Path;
use std::time::Duration;

use crm_domain::DomainError;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend, DbErr, SqlErr};

pub type Db = DatabaseConnection;

pub fn is_sqlite_url(url: &str) -> bool {
    url.starts_with("sqlite:")
}

/// Opens a pool. SQLite files (and their folder) are created when missing; every SQLite
/// connection gets WAL, foreign keys, a busy timeout, a memory map and a page cache, since
/// pragmas are per connection.
pub async fn connect(url: &str) -> Result<Db, DbErr> {
    let sqlite = is_sqlite_url(url);
    if sqlite {
        let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
        let path = path.split('?').next().unwrap_or("");
        if !path.is_empty() && path != ":memory:" {
            create_private_file(Path::new(path)).map_err(|e| DbErr::Custom(format!("cannot create {path}: {e}")))?;
        }
    }
    let mut opt = ConnectOptions::new(url.to_owned());
    // PostgreSQL: four connections per core. More only queue inside the server's CPUs:
    // on two cores, 16 connections had a worse tail (list p99 10.7 ms) than 8 (9.2 ms).
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let pg_connections = u32::try_from(4 * cores).unwrap_or(8).max(4);
    opt.max_connections(if sqlite { 8 } else { pg_connections })
        .min_connections(1)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        // sqlx pings every connection it hands out, one more round trip per query on
        // PostgreSQL. A SQLite connection cannot drop; the PostgreSQL pools that serve
        // requests ping only connections that sat idle (`pool_for_this_thread`): reads by
        // id and list pages gained 1-8% rps and about 1 ms of p99 at 32 connections.
        .test_before_acquire(!sqlite)
        .sqlx_logging(false);
    if !sqlite {
        // New customers' search trigrams wait in a pending list that an insert past this
        // size merges into the index while others queue: short for people's creates; a
        // bulk write raises it for its own transaction (m20261219).
        opt.map_sqlx_postgres_opts(|o| o.options([("gin_pending_list_limit", "256kB")]));
    }
    if sqlite {
        opt.map_sqlx_sqlite_opts(|o| {
            o.create_if_missing(true)
                .journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                // Reads go through a memory map instead of a read() per page, and each
                // connection keeps 32 MB of pages: a fuzzy search that touches thousands
                // of rows no longer spends its time in system calls. Mapped pages are the
                // OS page cache, shared and reclaimable.
                // (64 GB; the build raises SQLite's 2 GB cap, see .cargo/config.toml.)
                .pragma("mmap_size", "68719476736")
                .pragma("cache_size", "-32000")
        });
    }
    Database::connect(opt).await
}

/// The database holds password and token hashes: a new file is readable by its owner
/// only (0600), in a folder only its owner may enter (0700) when the folder is new too.
/// SQLite gives its -wal and -shm files the database file's mode.
pub fn create_private_file(path: &Path) -> std::io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty() && !p.exists()) {
        create_private_dir(parent)?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    match opts.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Creates a folder (and missing parents) that only its owner may enter.
pub fn create_private_dir(path: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(path)
}

/// How long a connection may sit idle before it is tested on its way out of the pool.
const IDLE_BEFORE_PING: Duration = Duration::from_secs(10);

/// A PostgreSQL pool of its own for the calling thread, with `db`'s options and a
/// `share` of its connections, opened lazily. Each HTTP worker runs its own event loop; a
/// connection opened on another thread's loop has its socket's readiness reported there,
/// so every query woke a second thread (half the server's CPU went to those switches).
/// SQLite connections run on threads of their own anyway, and share the one pool.
pub fn pool_for_this_thread(db: &Db, share: usize) -> Db {
    if backend(db) != DbBackend::Postgres {
        return db.clone();
    }
    let pool = db.get_postgres_connection_pool();
    let share = u32::try_from(share.max(1)).unwrap_or(1);
    let max = (pool.options().get_max_connections() / share).max(2);
    let options = pool.options().clone().max_connections(max).min_connections(0).test_before_acquire(false).before_acquire(|conn, meta| {
        Box::pin(async move {
            // sqlx also pings each connection as it returns to the pool, so one in use
            // moments ago is known to be alive; one that sat idle may have been closed by
            // the server or a proxy since.
            if meta.idle_for >= IDLE_BEFORE_PING {
                sea_orm::sqlx::Connection::ping(conn).await?;
            }
            Ok(true)
        })
    });
    sea_orm::SqlxPostgresConnector::from_sqlx_postgres_pool(options.connect_lazy_with((*pool.connect_options()).clone()))
}

/// A connection or transaction that can say which database it runs on, for caches kept
/// per database (dictionary codes, number blocks): one server serves one database, but a
/// test process opens many.
pub trait Source: sea_orm::ConnectionTrait {
    fn source_key(&self) -> String;
}

impl Source for Db {
    fn source_key(&self) -> String {
        source_key(self)
    }
}

/// Which database `db` opens (see `Source`).
pub fn source_key(db: &Db) -> String {
    match backend(db) {
        DbBackend::Postgres => {
            let o = db.get_postgres_connection_pool().connect_options();
            format!("pg:{}:{}/{}", o.get_host(), o.get_port(), o.get_database().unwrap_or(""))
        }
        DbBackend::Sqlite => format!("sqlite:{}", db.get_sqlite_connection_pool().connect_options().get_filename().display()),
        DbBackend::MySql => "mysql".to_string(),
    }
}

pub async fn migrate(db: &Db) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

pub fn backend(db: &Db) -> DbBackend {
    sea_orm::ConnectionTrait::get_database_backend(db)
}

/// The code of the conflict a unique index raised (`db_err`).
pub const UNIQUE_VIOLATION: &str = "conflict.duplicate";

/// Database failures are the server's fault unless they are a constraint the caller broke.
/// The detail goes to the log, never to the client.
pub fn db_err(e: DbErr) -> DomainError {
    match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            DomainError::conflict(UNIQUE_VIOLATION, "a record with the same unique value already exists")
        }
        Some(SqlErr::ForeignKeyConstraintViolation(_)) => {
            DomainError::conflict("conflict.reference", "the record refers to, or is referred to by, another record")
        }
        _ if is_unavailable(&e) => {
            log::warn!("database unavailable: {e}");
            DomainError::unavailable(RETRY_AFTER_SECS, "database.unavailable", "the database cannot be reached right now; try again shortly")
        }
        _ => {
            log::error!("database error: {e}");
            DomainError::internal("database error")
        }
    }
}

/// What a client is told to wait when the database is away.
pub const RETRY_AFTER_SECS: u64 = 5;

/// How long a request waits for a connection before it is answered 503: the API promises
/// an answer within 2 s when the database cannot be reached (API.md).
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_millis(1500);

/// Failures of reaching the database rather than of the statement: no connection to be
/// had, a connection that broke, a server shutting down or full, SQLite busy beyond its
/// timeout. They pass when the database is back, so they are a 503, not a 500.
fn is_unavailable(e: &DbErr) -> bool {
    use sea_orm::sqlx::Error as X;
    use sea_orm::RuntimeErr;
    let sqlx = match e {
        DbErr::ConnectionAcquire(_) => return true,
        DbErr::Conn(RuntimeErr::SqlxError(x)) | DbErr::Exec(RuntimeErr::SqlxError(x)) | DbErr::Query(RuntimeErr::SqlxError(x)) => x,
        DbErr::Conn(_) => return true,
        _ => return false,
    };
    match sqlx {
        X::Io(_) | X::Tls(_) | X::Protocol(_) | X::PoolTimedOut | X::PoolClosed | X::WorkerCrashed => true,
        X::Database(d) => {
            let code = d.code().unwrap_or_default();
            // PostgreSQL: connection exceptions (08…), shutdown (57P01-57P03), too many
            // connections (53300), and a deadlock or serialization failure between
            // concurrent writers (40P01, 40001: say two transfers in opposite directions
            // meeting on the kept opportunity totals), which the same request passes when
            // sent again. SQLite: busy or locked (primary codes 5 and 6, and their
            // extended codes).
            code.starts_with("08")
                || matches!(code.as_ref(), "57P01" | "57P02" | "57P03" | "53300" | "40P01" | "40001")
                || code.parse::<u32>().is_ok_and(|n| matches!(n & 0xff, 5 | 6))
        }
        _ => false,
    }
}
