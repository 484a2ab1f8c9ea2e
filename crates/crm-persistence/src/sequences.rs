//! Human numbers. `next`/`next_n`: gap-free (category codes, where two digits leave no
//! room to waste), a counter row per name incremented inside the caller's transaction, so
//! two writers never get the same number and the row stays locked until they commit.
//! `take`: unique but neither gap-free nor in creation order across server processes,
//! for records created at high rates (customer codes), whose creates must not queue
//! behind one another's commits.

use std::collections::{HashMap, VecDeque};
use std::sync::{LazyLock, Mutex};

use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::{Alias, Expr, OnConflict, Query};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::db::db_err;
use crate::db::Source;

pub async fn next(db: &impl ConnectionTrait, name: &str) -> DomainResult<i64> {
    next_n(db, name, 1).await
}

/// Reserves `n` consecutive numbers and returns the first (a bulk import's block). One
/// upsert with RETURNING (PostgreSQL, and SQLite since 3.35): the row lock it takes makes
/// concurrent callers queue, and a missing counter starts at 1.
pub async fn next_n(db: &impl ConnectionTrait, name: &str, n: i64) -> DomainResult<i64> {
    let (table, value) = (Alias::new("sequences"), Alias::new("value"));
    let mut stmt = Query::insert();
    stmt.into_table(table.clone()).columns([Alias::new("name"), value.clone()]);
    stmt.values([name.into(), n.into()]).map_err(|e| DomainError::internal(format!("sequence statement: {e}")))?;
    let stmt = stmt
        .on_conflict(OnConflict::column(Alias::new("name")).value(value.clone(), Expr::col((table, value.clone())).add(n)).to_owned())
        .returning(Query::returning().column(value))
        .to_owned();
    let row = db.query_one(db.get_database_backend().build(&stmt)).await.map_err(db_err)?.ok_or_else(|| DomainError::internal("sequence upsert returned nothing"))?;
    let last: i64 = row.try_get_by_index(0).map_err(db_err)?;
    Ok(last - n + 1)
}

/// A numbering that only needs unique numbers.
#[derive(Debug, Clone, Copy)]
pub enum Series {
    Customers,
}

impl Series {
    /// The counter row on SQLite (shared with what `next` used before the series existed).
    fn counter(self) -> &'static str {
        match self {
            Series::Customers => "customers",
        }
    }
    /// The native sequence on PostgreSQL, created by a migration.
    fn pg_sequence(self) -> &'static str {
        match self {
            Series::Customers => "customer_code_seq",
        }
    }
}

/// How many numbers a process takes from a PostgreSQL sequence at a time for single
/// creates, handing them out from memory: one query in this many creates instead of one in
/// each. Numbers a process had not handed out when it stops are skipped.
const BLOCK: usize = 32;
/// Per database and sequence, the numbers this process took and has not handed out.
type Unused = HashMap<(String, &'static str), VecDeque<i64>>;
static UNUSED: LazyLock<Mutex<Unused>> = LazyLock::new(Default::default);

/// `n` numbers of `series`, ascending. On PostgreSQL they come from a native sequence,
/// which is never held locked: concurrent creates do not wait for each other, and a
/// rolled-back create leaves a gap; single numbers come from this process's block. SQLite
/// writers take turns anyway, so there they are the next block of the counter row, inside
/// the caller's transaction.
pub async fn take(tx: &impl Source, series: Series, n: usize) -> DomainResult<Vec<i64>> {
    if n == 0 {
        return Ok(Vec::new());
    }
    if tx.get_database_backend() != DbBackend::Postgres {
        let count = i64::try_from(n).map_err(|_| DomainError::internal("too many numbers asked for"))?;
        let first = next_n(tx, series.counter(), count).await?;
        return Ok((first..first + count).collect());
    }
    if n > 1 {
        return from_sequence(tx, series, n).await;
    }
    let key = (tx.source_key(), series.pg_sequence());
    if let Some(k) = UNUSED.lock().ok().and_then(|mut m| m.get_mut(&key).and_then(VecDeque::pop_front)) {
        return Ok(vec![k]);
    }
    let mut block = VecDeque::from(from_sequence(tx, series, BLOCK).await?);
    let first = block.pop_front().ok_or_else(|| DomainError::internal("empty number block"))?;
    if let Ok(mut m) = UNUSED.lock() {
        m.entry(key).or_default().extend(block);
    }
    Ok(vec![first])
}

async fn from_sequence(db: &impl ConnectionTrait, series: Series, n: usize) -> DomainResult<Vec<i64>> {
    let count = i64::try_from(n).map_err(|_| DomainError::internal("too many numbers asked for"))?;
    let sql = format!("SELECT nextval('{}') FROM generate_series(1, $1)", series.pg_sequence());
    let rows = db.query_all(Statement::from_sql_and_values(DbBackend::Postgres, sql, [count.into()])).await.map_err(db_err)?;
    let mut numbers = rows.iter().map(|r| r.try_get_by_index::<i64>(0)).collect::<Result<Vec<_>, _>>().map_err(db_err)?;
    numbers.sort_unstable();
    Ok(numbers)
}

/// The query of the highest number of `series` handed out so far (0 before the first):
/// an upper bound on how many records it numbered, read without touching those records.
pub fn issued_query(backend: DbBackend, series: Series) -> Statement {
    if backend == DbBackend::Postgres {
        // Before the first nextval the sequence holds its start value, not an issued one.
        Statement::from_string(backend, format!("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {}", series.pg_sequence()))
    } else {
        Statement::from_sql_and_values(backend, "SELECT value FROM sequences WHERE name = ?", [series.counter().into()])
    }
}
