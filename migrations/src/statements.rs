//! Migrations written as SQL statements for one database alone: what sea-query's schema
//! builder cannot say (storage parameters, sequences, covering indexes) or what only one
//! of the two databases needs.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

/// Runs `statements` in order when the database is `backend`; elsewhere does nothing.
pub async fn run_on(
    m: &SchemaManager<'_>,
    backend: DbBackend,
    statements: &[&str],
) -> Result<(), DbErr> {
    let db = m.get_connection();
    if db.get_database_backend() != backend {
        return Ok(());
    }
    for statement in statements {
        db.execute_unprepared(statement).await?;
    }
    Ok(())
}
