//! Recent list totals, reused until the next write.
//!
//! A list page costs two queries: the page and its capped total. On a large table the
//! total is the dearer one (one owner's thousand customers are a thousand index entries,
//! the page twenty), and paging or re-opening a list asks the same total again. So a
//! total is kept for a few seconds under its exact SQL and values (the caller's data
//! scope is part of them, so one caller never sees another's total) and dropped at once
//! when any transaction of this process commits. Another server process's writes show
//! after at most `TTL`.

use std::future::Future;
use std::sync::LazyLock;
use std::time::Duration;

use sea_orm::Statement;

use crate::kept::Kept;
use crate::Db;

pub const TTL: Duration = Duration::from_secs(5);

static TOTALS: LazyLock<Kept<i64>> = LazyLock::new(|| Kept::new(TTL, 20_000));

/// Called when a transaction, or a statement outside one, has written.
pub(crate) fn note_write() {
    TOTALS.note_write();
}

/// The total `count` computes for `stmt`, or the one it computed a moment ago when no
/// write has committed since.
pub async fn total<F, Fut, Err>(db: &Db, stmt: Statement, count: F) -> Result<i64, Err>
where
    F: FnOnce(Statement) -> Fut,
    Fut: Future<Output = Result<i64, Err>>,
{
    // The statement's identity: the database it runs on, its SQL and its values.
    let key = format!("{}\u{0}{}\u{0}{:?}", crate::db::source_key(db), stmt.sql, stmt.values);
    TOTALS.get_or_read(key, || count(stmt)).await
}
