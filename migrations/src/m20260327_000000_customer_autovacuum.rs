//! Lists, counts and the search walk read the customers' indexes without the table only
//! while the visibility map says a page holds nothing new; the rows created or changed
//! since the last VACUUM are read from the table as well. By default autovacuum waits
//! for a fifth of the table to change (200,000 customers of a million), so a day's
//! imports and edits stay at the head of the recency index that every list and search
//! starts from. Measured after 36,000 creates on 1M customers: a search walk of 40,000
//! entries also read 36,266 table rows (29 ms; 9.5 ms after VACUUM). Vacuuming after 1%
//! of the table has been inserted or 2% changed keeps that head short; it also empties
//! the search index's pending list. SQLite has no autovacuum of this kind and no
//! visibility map. (The benchmark's PostgreSQL runs with autovacuum off and vacuums by
//! hand, so this was not measured there.)

use sea_orm_migration::sea_orm::DbBackend;

use crate::statements::OnBackend;

pub const MIGRATION: OnBackend = OnBackend {
    file: file!(),
    backend: DbBackend::Postgres,
    up: &[
        "ALTER TABLE customers SET (autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02)",
    ],
    down: &[
        "ALTER TABLE customers RESET (autovacuum_vacuum_insert_scale_factor, autovacuum_vacuum_scale_factor, autovacuum_analyze_scale_factor)",
    ],
};
