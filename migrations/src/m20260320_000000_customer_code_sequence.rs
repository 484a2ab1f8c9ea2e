//! PostgreSQL only: customer codes come from a native sequence, which no transaction holds
//! locked, instead of the `sequences` counter row, which every create held from its
//! number to its commit, so concurrent creates queued behind each other's commits. It
//! starts after the highest number handed out so far. SQLite keeps the counter row: its
//! writers take turns anyway.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::statements::run_on;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        run_on(m, DbBackend::Postgres, &[
            "CREATE SEQUENCE customer_code_seq AS bigint",
            "SELECT setval('customer_code_seq', GREATEST(
                (SELECT COALESCE(MAX(value), 0) FROM sequences WHERE name = 'customers'),
                (SELECT COALESCE(MAX(seq), 0) FROM customers)) + 1, false)",
        ])
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        run_on(m, DbBackend::Postgres, &[
            "INSERT INTO sequences (name, value) SELECT 'customers', last_value FROM customer_code_seq
             ON CONFLICT (name) DO UPDATE SET value = GREATEST(sequences.value, EXCLUDED.value)",
            "DROP SEQUENCE customer_code_seq",
        ])
        .await
    }
}
