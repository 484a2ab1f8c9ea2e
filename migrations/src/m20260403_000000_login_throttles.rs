//! Sign-in throttling that cannot be turned against a user: failed sign-ins are counted
//! per login name, known or not (so counting reveals nothing), and per device a user has
//! signed in from before, in `login_throttles`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LoginThrottles { Table, Key, Failures, WindowStart, LockedUntil, Lockouts, UpdatedAt }

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(LoginThrottles::Table)
                .col(ColumnDef::new(LoginThrottles::Key).string_len(80).not_null().primary_key())
                .col(ColumnDef::new(LoginThrottles::Failures).integer().not_null())
                .col(ColumnDef::new(LoginThrottles::WindowStart).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(LoginThrottles::LockedUntil).timestamp_with_time_zone().null())
                .col(ColumnDef::new(LoginThrottles::Lockouts).integer().not_null())
                .col(ColumnDef::new(LoginThrottles::UpdatedAt).timestamp_with_time_zone().not_null())
                .to_owned(),
        )
        .await?;
        // Old rows are purged by age.
        m.create_index(Index::create().name("idx_login_throttles_updated").table(LoginThrottles::Table).col(LoginThrottles::UpdatedAt).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(LoginThrottles::Table).to_owned()).await
    }
}
