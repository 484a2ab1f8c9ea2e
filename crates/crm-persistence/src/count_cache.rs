//! Recent list totals, reused until the next write.
//!
//! A list page costs two queries: the page and its capped total. On a large table the
//! total is the dearer one (one owner's thousand customers are a thousand index entries,
//! the page twenty), and paging or re-opening a list asks the same total again. So a
//! total is kept for a few seconds under its exact SQL and values (the caller's data
//! scope is part of them, so one caller never sees another's total) and dropped at once
//! when any transaction of this process commits. Another server process's writes show
//! after at most `TTL`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};

use sea_orm::Statement;

use crate::Db;

pub const TTL: Duration = Duration::from_secs(5);
const MAX_ENTRIES: usize = 20_000;

/// Bumped by every commit; an entry counted before the latest commit is stale.
static WRITES: AtomicU64 = AtomicU64::new(0);

struct Entry {
    total: i64,
    writes: u64,
    at: Instant,
}

static TOTALS: LazyLock<Mutex<HashMap<String, Entry>>> = LazyLock::new(Default::default);

/// Called when a transaction has committed.
pub(crate) fn note_write() {
    WRITES.fetch_add(1, Ordering::AcqRel);
}

/// The statement's identity: the database it runs on, its SQL and its values.
fn key(db: &Db, stmt: &Statement) -> String {
    format!("{}\u{0}{}\u{0}{:?}", crate::db::source_key(db), stmt.sql, stmt.values)
}

/// The total `count` computes for `stmt`, or the one it computed a moment ago when no
/// write has committed since.
pub async fn total<F, Fut, Err>(db: &Db, stmt: Statement, count: F) -> Result<i64, Err>
where
    F: FnOnce(Statement) -> Fut,
    Fut: std::future::Future<Output = Result<i64, Err>>,
{
    let key = key(db, &stmt);
    // Read before counting: a write that commits while the count runs makes the entry
    // stale at once instead of leaving a total that misses it.
    let writes = WRITES.load(Ordering::Acquire);
    if let Some(hit) = lookup(&key, writes) {
        return Ok(hit);
    }
    let total = count(stmt).await?;
    if let Ok(mut map) = TOTALS.lock() {
        if map.len() >= MAX_ENTRIES {
            map.retain(|_, e| e.writes == writes && e.at.elapsed() < TTL);
            if map.len() >= MAX_ENTRIES {
                map.clear();
            }
        }
        map.insert(key, Entry { total, writes, at: Instant::now() });
    }
    Ok(total)
}

fn lookup(key: &str, writes: u64) -> Option<i64> {
    let map = TOTALS.lock().ok()?;
    let e = map.get(key)?;
    (e.writes == writes && e.at.elapsed() < TTL).then_some(e.total)
}
