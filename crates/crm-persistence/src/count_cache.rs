//! Recent list totals, reused until the next write.
//!
//! A list page costs two queries: the page and its capped total. On a large table the
//! total is the dearer one (one owner's thousand customers are a thousand index entries,
//! the page twenty), and paging or re-opening a list asks the same total again. So a
//! total is kept for a few seconds under its exact SQL and values (the caller's data
//! scope is part of them, so one caller never sees another's total) and dropped at once
//! when any transaction of this process commits. Another server process's writes show
//! after at most `TTL`.

use std::sync::LazyLock;
use std::time::Duration;

use crm_domain::DomainResult;
use sea_orm::{ConnectionTrait, Statement};

use crate::db::db_err;
use crate::kept::Kept;
use crate::Db;

pub const TTL: Duration = Duration::from_secs(5);

static TOTALS: LazyLock<Kept<i64>> = LazyLock::new(|| Kept::new(TTL, 20_000));

/// Called when a transaction, or a statement outside one, has written.
pub(crate) fn note_write() {
    TOTALS.note_write();
}

/// The integer `stmt` selects (a total; NULL or no row is 0), or the one it selected a
/// moment ago when no write has committed since.
pub async fn total(db: &Db, stmt: Statement) -> DomainResult<i64> {
    // The statement's identity: the database it runs on, its SQL and its values.
    let key = format!("{}\u{0}{}\u{0}{:?}", crate::db::source_key(db), stmt.sql, stmt.values);
    TOTALS
        .get_or_read(key, || async move {
            let row = db.query_one(stmt).await.map_err(db_err)?;
            Ok(row.map(|r| r.try_get_by_index::<Option<i64>>(0)).transpose().map_err(db_err)?.flatten().unwrap_or(0))
        })
        .await
}
