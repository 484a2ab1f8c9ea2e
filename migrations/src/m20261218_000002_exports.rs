//! Background exports (issue 18): one row per export asked for, with the list and its
//! query as given, who reads the file, the status and, once done, the drive file it
//! became. The row is written with its job; the job's last transaction stores the file,
//! marks the row done and notifies, so a restarted job either finds it done or starts
//! the file again, never stores half of one.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Exports {
    Table, Id, UserId, List, Format, Query, Raw, Lang, Tz, Status, Rows, Size, FileId, FileName, ErrorCode, Error, CreatedAt, StartedAt, FinishedAt, UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use Exports as E;
        m.create_table(
            Table::create()
                .table(E::Table)
                .col(ColumnDef::new(E::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(E::UserId).uuid().not_null())
                .col(ColumnDef::new(E::List).string_len(64).not_null())
                .col(ColumnDef::new(E::Format).string_len(8).not_null())
                .col(ColumnDef::new(E::Query).text().not_null())
                .col(ColumnDef::new(E::Raw).boolean().not_null())
                .col(ColumnDef::new(E::Lang).string_len(8).null())
                .col(ColumnDef::new(E::Tz).string_len(64).null())
                .col(ColumnDef::new(E::Status).string_len(16).not_null())
                .col(ColumnDef::new(E::Rows).big_integer().null())
                .col(ColumnDef::new(E::Size).big_integer().null())
                .col(ColumnDef::new(E::FileId).uuid().null())
                .col(ColumnDef::new(E::FileName).string_len(255).null())
                .col(ColumnDef::new(E::ErrorCode).string_len(64).null())
                .col(ColumnDef::new(E::Error).text().null())
                .col(ColumnDef::new(E::CreatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(E::StartedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(E::FinishedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(E::UpdatedAt).timestamp_with_time_zone().not_null())
                .to_owned(),
        )
        .await?;
        // "Mine, newest first" and the per-person count of those waiting or running.
        m.create_index(Index::create().name("ix_exports_user").table(E::Table).col(E::UserId).col(E::CreatedAt).to_owned()).await?;
        m.create_index(Index::create().name("ix_exports_user_status").table(E::Table).col(E::UserId).col(E::Status).to_owned()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Exports::Table).to_owned()).await
    }
}
