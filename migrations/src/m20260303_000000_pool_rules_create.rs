//! Pool rules (CUS-7) and `customers.owned_since`, the start of the current ownership that
//! the return-to-pool rules measure from.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PoolRules {
    Table, Id, Enabled, ReturnAfterDaysWithoutFollowUp, ReturnAfterDaysWithoutDeal, MaxCustomersPerOwner,
    ReclaimCooldownDays, ExemptWon, Version, UpdatedAt, LastAppliedAt,
}

#[derive(DeriveIden)]
enum Customers { Table, OwnedSince, ReleasedBy, ReleasedAt }

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(PoolRules::Table)
                .col(ColumnDef::new(PoolRules::Id).integer().not_null().primary_key())
                .col(ColumnDef::new(PoolRules::Enabled).boolean().not_null().default(false))
                .col(ColumnDef::new(PoolRules::ReturnAfterDaysWithoutFollowUp).integer().null())
                .col(ColumnDef::new(PoolRules::ReturnAfterDaysWithoutDeal).integer().null())
                .col(ColumnDef::new(PoolRules::MaxCustomersPerOwner).integer().null())
                .col(ColumnDef::new(PoolRules::ReclaimCooldownDays).integer().null())
                .col(ColumnDef::new(PoolRules::ExemptWon).boolean().not_null().default(true))
                .col(ColumnDef::new(PoolRules::Version).integer().not_null().default(1))
                .col(ColumnDef::new(PoolRules::UpdatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(PoolRules::LastAppliedAt).timestamp_with_time_zone().null())
                .to_owned(),
        )
        .await?;
        m.alter_table(Table::alter().table(Customers::Table).add_column(ColumnDef::new(Customers::OwnedSince).timestamp_with_time_zone().null()).to_owned()).await?;
        m.create_index(Index::create().name("idx_customers_released").table(Customers::Table).col(Customers::ReleasedBy).col(Customers::ReleasedAt).to_owned()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("idx_customers_released").table(Customers::Table).to_owned()).await?;
        m.alter_table(Table::alter().table(Customers::Table).drop_column(Customers::OwnedSince).to_owned()).await?;
        m.drop_table(Table::drop().table(PoolRules::Table).to_owned()).await
    }
}
