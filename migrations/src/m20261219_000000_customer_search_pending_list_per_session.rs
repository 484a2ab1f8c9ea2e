//! The customers' trigram index keeps its pending list short for people's creates (256 kB,
//! see m20260326) but long for a file import, where merging it into the index in fewer,
//! larger steps is cheaper: a million customers took 61 s and 66 CPU s of PostgreSQL with
//! 256 kB, 49 s and 48 CPU s with 16 MB. An index's own setting overrides every session's,
//! so the limit moves from the index to the connection: the server's connections start
//! with 256 kB (`db::connect`) and a bulk write raises it for its transaction
//! (`customers::import`).

use sea_orm_migration::sea_orm::DbBackend;

use crate::statements::OnBackend;

pub const MIGRATION: OnBackend = OnBackend {
    file: file!(),
    backend: DbBackend::Postgres,
    up: &["ALTER INDEX idx_customers_search_trgm RESET (gin_pending_list_limit)"],
    down: &["ALTER INDEX idx_customers_search_trgm SET (gin_pending_list_limit = 256)"],
};
