//! SQLite only: a covering index of the keys a fuzzy search filters and sorts on, for the
//! rows the FTS5 table returns by `seq`. With it a search that matches thousands of
//! customers sorts their index entries, then reads only the page's rows (see
//! `listing::fetch_page_by_ids`). PostgreSQL rechecks the matches in the table anyway.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        if db.get_database_backend() == DbBackend::Sqlite {
            db.execute_unprepared("CREATE INDEX IF NOT EXISTS idx_customers_live_search_keys ON customers (seq, pool, owner_id, updated_at, id) WHERE deleted_at IS NULL").await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        if db.get_database_backend() == DbBackend::Sqlite {
            db.execute_unprepared("DROP INDEX IF EXISTS idx_customers_live_search_keys").await?;
        }
        Ok(())
    }
}
