//! SQLite only: the FTS5 table returns matching customers by `seq`; this index on `seq`
//! carries the keys a search filters and sorts on, so a search matching thousands of
//! customers sorts index entries without reading their rows (`listing::fetch_page_by_ids`
//! then reads the page's rows). It replaces the plain unique index on `seq`, which the
//! planner would otherwise prefer; `seq` comes from a sequence, so it stays unique.
//! PostgreSQL rechecks trigram matches in the table anyway and keeps its index.

use sea_orm_migration::sea_orm::DbBackend;

use crate::statements::OnBackend;

pub const MIGRATION: OnBackend = OnBackend {
    file: file!(),
    backend: DbBackend::Sqlite,
    up: &[
        "CREATE INDEX idx_customers_seq_keys ON customers (seq, deleted_at, pool, owner_id, updated_at, id)",
        "DROP INDEX idx_customers_seq",
    ],
    down: &[
        "CREATE UNIQUE INDEX idx_customers_seq ON customers (seq)",
        "DROP INDEX idx_customers_seq_keys",
    ],
};
