//! The recency index of live customers also carries what a search
//! filters on (pool, owner, search text). A fragment that matches thousands of customers
//! makes the trigram index hand back rows in no order, each a table page to read and the
//! lot to sort; the first page, newest first, comes faster from walking this index in
//! order and testing the text stored in it, without the table (`customers::list` picks
//! the walk when it pays). It replaces the plain (updated_at, id) index, whose lists it
//! serves as well. SQLite has no INCLUDE: the columns go at the end of the key.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let columns = match db.get_database_backend() {
            DbBackend::Postgres => "(updated_at, id) INCLUDE (pool, owner_id, search_text)",
            _ => "(updated_at, id, pool, owner_id, search_text)",
        };
        db.execute_unprepared(&format!("CREATE INDEX idx_customers_live_upd_text ON customers {columns} WHERE deleted_at IS NULL")).await?;
        db.execute_unprepared("DROP INDEX idx_customers_live_upd").await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        db.execute_unprepared("CREATE INDEX idx_customers_live_upd ON customers (updated_at, id) WHERE deleted_at IS NULL").await?;
        db.execute_unprepared("DROP INDEX idx_customers_live_upd_text").await?;
        Ok(())
    }
}
