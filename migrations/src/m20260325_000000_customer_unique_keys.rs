//! Two live customers may not share a normalised name, phone or e-mail (CUS-6). The
//! duplicate check before each write refuses them, but on PostgreSQL two creates of the
//! same name at the same moment each checked before the other had committed, and both
//! went in. Unique indexes over the live rows make the database refuse the second one
//! (it waits for the first to commit, then fails), so the service can answer it with the
//! same 409 as the check. They replace the plain indexes the check used, so a create
//! writes no more index entries than before. A name left empty by normalisation (only
//! punctuation) is nobody's duplicate and stays out of the index.
//!
//! Live duplicates written before this migration make it fail on PostgreSQL; merge them
//! (`POST /customers/{id}/merge`) first.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (unique index, its column, the rows it holds, the plain index it replaces, how to rebuild that)
const KEYS: &[(&str, &str, &str, &str, &str)] = &[
    ("uq_customers_live_name", "name_norm", "deleted_at IS NULL AND name_norm <> ''", "idx_customers_name_norm", "(name_norm)"),
    ("uq_customers_live_phone", "phone_norm", "deleted_at IS NULL AND phone_norm IS NOT NULL", "idx_customers_given_phone", "(phone_norm) WHERE phone_norm IS NOT NULL"),
    ("uq_customers_live_email", "email", "deleted_at IS NULL AND email IS NOT NULL", "idx_customers_given_email", "(email) WHERE email IS NOT NULL"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        for (name, column, rows, old, _) in KEYS {
            db.execute_unprepared(&format!("CREATE UNIQUE INDEX {name} ON customers ({column}) WHERE {rows}")).await?;
            db.execute_unprepared(&format!("DROP INDEX {old}")).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        for (name, _, _, old, definition) in KEYS {
            db.execute_unprepared(&format!("CREATE INDEX {old} ON customers {definition}")).await?;
            db.execute_unprepared(&format!("DROP INDEX {name}")).await?;
        }
        Ok(())
    }
}
