//! In-app notifications (SYS-9): one row per recipient and event. `dedupe_key`, unique,
//! keeps an event that several servers or a retried job report from notifying twice.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Notifications { Table, Id, UserId, Kind, Entity, RecordId, RecordLabel, ActorName, Data, DedupeKey, ReadAt, CreatedAt }

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Notifications::Table)
                .col(ColumnDef::new(Notifications::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(Notifications::UserId).uuid().not_null())
                .col(ColumnDef::new(Notifications::Kind).string_len(64).not_null())
                .col(ColumnDef::new(Notifications::Entity).string_len(64).null())
                .col(ColumnDef::new(Notifications::RecordId).uuid().null())
                .col(ColumnDef::new(Notifications::RecordLabel).string_len(255).null())
                .col(ColumnDef::new(Notifications::ActorName).string_len(128).null())
                .col(ColumnDef::new(Notifications::Data).json().not_null())
                .col(ColumnDef::new(Notifications::DedupeKey).string_len(200).null())
                .col(ColumnDef::new(Notifications::ReadAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(Notifications::CreatedAt).timestamp_with_time_zone().not_null())
                .to_owned(),
        )
        .await?;
        // A user's list, newest first, and their unread ones (the bell's count).
        m.create_index(Index::create().name("idx_notifications_user").table(Notifications::Table).col(Notifications::UserId).col(Notifications::CreatedAt).col(Notifications::Id).to_owned()).await?;
        m.create_index(Index::create().name("idx_notifications_unread").table(Notifications::Table).col(Notifications::UserId).col(Notifications::ReadAt).to_owned()).await?;
        m.create_index(Index::create().name("ux_notifications_dedupe").table(Notifications::Table).col(Notifications::DedupeKey).unique().to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Notifications::Table).to_owned()).await
    }
}
