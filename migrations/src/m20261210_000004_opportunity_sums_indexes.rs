//! The board's columns, the funnel and the workbench's sums add up amount × probability per
//! stage over one owner's, a team's or everyone's opportunities. These indexes hold every
//! column those sums read, so they are answered from the index alone (an index-only scan
//! on PostgreSQL, a covering index on SQLite) instead of a table row per opportunity.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        for sql in [
            "CREATE INDEX ix_opportunities_owner_stage_sums ON opportunities (owner_id, stage_id, amount_minor, probability) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_opportunities_stage_sums ON opportunities (stage_id, amount_minor, probability) WHERE deleted_at IS NULL",
        ] {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        for sql in ["DROP INDEX ix_opportunities_owner_stage_sums", "DROP INDEX ix_opportunities_stage_sums"] {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }
}
