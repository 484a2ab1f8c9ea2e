//! Fewer index entries per customer write. Every create wrote about twenty index
//! entries; in a profile of creates, index inserts took about 15% of the machine:
//! - `idx_customers_released` served no query (the reclaim cooldown is checked on the
//!   customer's own row), so it goes.
//! - On PostgreSQL `idx_customers_seq` only answered `max(seq)`, the walk's bound on the
//!   number of customers, which now comes from the code sequence itself
//!   (`sequences::issued_query`); `code` stays unique. SQLite keeps its search-key index on `seq`.
//! - The filters on optional fields (industry, level, source, province/city, e-mail and
//!   phone, the last two for the duplicate check) only ever ask for a value, and
//!   `col = value` implies `col IS NOT NULL` to both planners, so their indexes leave out
//!   the customers without one: many customers are created without most of them.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (partial index, its columns, the column whose absence leaves a customer out, the full
/// index it replaces). New names: a SQLite connection may still know the old index when
/// it prepares the CREATE on another connection of the pool than the DROP ran on.
const OPTIONAL: &[(&str, &str, &str, &str)] = &[
    ("idx_customers_given_industry", "industry", "industry", "idx_customers_industry"),
    ("idx_customers_given_level", "level", "level", "idx_customers_level"),
    ("idx_customers_given_source", "source", "source", "idx_customers_source"),
    ("idx_customers_given_province_city", "province, city", "province", "idx_customers_province_city"),
    ("idx_customers_given_email", "email", "email", "idx_customers_email"),
    ("idx_customers_given_phone", "phone_norm", "phone_norm", "idx_customers_phone_norm"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        db.execute_unprepared("DROP INDEX idx_customers_released").await?;
        if db.get_database_backend() == DbBackend::Postgres {
            db.execute_unprepared("DROP INDEX idx_customers_seq").await?;
        }
        for (name, cols, present, old) in OPTIONAL {
            db.execute_unprepared(&format!("CREATE INDEX {name} ON customers ({cols}) WHERE {present} IS NOT NULL")).await?;
            db.execute_unprepared(&format!("DROP INDEX {old}")).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        for (name, cols, _, old) in OPTIONAL {
            db.execute_unprepared(&format!("CREATE INDEX {old} ON customers ({cols})")).await?;
            db.execute_unprepared(&format!("DROP INDEX {name}")).await?;
        }
        if db.get_database_backend() == DbBackend::Postgres {
            db.execute_unprepared("CREATE UNIQUE INDEX idx_customers_seq ON customers (seq)").await?;
        }
        db.execute_unprepared("CREATE INDEX idx_customers_released ON customers (released_by, released_at)").await?;
        Ok(())
    }
}
