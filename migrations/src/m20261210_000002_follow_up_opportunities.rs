//! Follow-ups may work one of the customer's opportunities (SAL-4): a nullable link, and
//! the index an opportunity's follow-ups are listed by.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FollowUps { Table, OpportunityId }

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(FollowUps::Table).add_column(ColumnDef::new(FollowUps::OpportunityId).uuid().null()).to_owned()).await?;
        m.get_connection()
            .execute_unprepared("CREATE INDEX ix_follow_ups_opportunity ON follow_ups (opportunity_id, occurred_at) WHERE opportunity_id IS NOT NULL AND deleted_at IS NULL")
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection().execute_unprepared("DROP INDEX ix_follow_ups_opportunity").await?;
        m.alter_table(Table::alter().table(FollowUps::Table).drop_column(FollowUps::OpportunityId).to_owned()).await
    }
}
