//! Server settings an administrator changes at run time (SMTP now, SMS later), one JSON
//! value per key with a version for If-Match; and each person's choice of channels per
//! kind of notification (a missing row means the kind's default).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Settings { Table, Key, Value, Version, UpdatedAt, UpdatedBy }

#[derive(DeriveIden)]
enum NotificationChannels { Table, UserId, Kind, Channel, Enabled }

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Settings::Table)
                .col(ColumnDef::new(Settings::Key).string_len(64).not_null().primary_key())
                .col(ColumnDef::new(Settings::Value).json().not_null())
                .col(ColumnDef::new(Settings::Version).integer().not_null())
                .col(ColumnDef::new(Settings::UpdatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(Settings::UpdatedBy).uuid().null())
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(NotificationChannels::Table)
                .col(ColumnDef::new(NotificationChannels::UserId).uuid().not_null())
                .col(ColumnDef::new(NotificationChannels::Kind).string_len(64).not_null())
                .col(ColumnDef::new(NotificationChannels::Channel).string_len(16).not_null())
                .col(ColumnDef::new(NotificationChannels::Enabled).boolean().not_null())
                .primary_key(Index::create().col(NotificationChannels::UserId).col(NotificationChannels::Kind).col(NotificationChannels::Channel))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(NotificationChannels::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(Settings::Table).to_owned()).await
    }
}
