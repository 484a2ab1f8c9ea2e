//! PostgreSQL estimates `search_text LIKE '%fragment%'` by testing the fragment against
//! the column's histogram: 101 sampled texts at the default statistics target, so one
//! or two chance hits made a fragment with 3,300 matches among a million customers look
//! like 20,000. Under a count's or a page's small LIMIT the planner then preferred
//! reading the table (or the sort's index) until enough rows matched, 0.3 to 1.7 s,
//! over the trigram index, 10 to 50 ms. A thousand sampled texts put that estimate at
//! 3,032. SQLite searches through its FTS5 table and has no such estimate.

use sea_orm_migration::sea_orm::DbBackend;

use crate::statements::OnBackend;

pub const MIGRATION: OnBackend = OnBackend {
    file: file!(),
    backend: DbBackend::Postgres,
    up: &[
        "ALTER TABLE customers ALTER COLUMN search_text SET STATISTICS 1000",
        "ANALYZE customers",
    ],
    down: &[
        "ALTER TABLE customers ALTER COLUMN search_text SET STATISTICS -1",
    ],
};
