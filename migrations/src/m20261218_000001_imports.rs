//! File imports (issue 18): one row per upload with its options, progress and counts,
//! and the failed rows as they were uploaded with their errors (the errors file). An
//! import that is not atomic commits each batch of rows with its progress
//! (`committed_rows`) and errors in one transaction, so a restarted job goes on from
//! there and neither writes a row twice nor loses one.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Imports {
    Table, Id, UserId, Entity, FileName, FileKey, Format, Size, Encoding, Mode, OnDuplicate, Atomic, Mapping, Columns, Status, RowsRead, Created, Updated, Skipped,
    Failed, CommittedRows, Error, CreatedAt, StartedAt, FinishedAt, UpdatedAt,
}

#[derive(DeriveIden)]
enum ImportErrors { Table, Id, ImportId, RowNo, Cells, Errors }

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use Imports as I;
        let int = |c: I| ColumnDef::new(c).integer().not_null().default(0).to_owned();
        m.create_table(
            Table::create()
                .table(I::Table)
                .col(ColumnDef::new(I::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(I::UserId).uuid().not_null())
                .col(ColumnDef::new(I::Entity).string_len(32).not_null())
                .col(ColumnDef::new(I::FileName).string_len(255).not_null())
                .col(ColumnDef::new(I::FileKey).string_len(100).not_null())
                .col(ColumnDef::new(I::Format).string_len(8).not_null())
                .col(ColumnDef::new(I::Size).big_integer().not_null())
                .col(ColumnDef::new(I::Encoding).string_len(16).not_null())
                .col(ColumnDef::new(I::Mode).string_len(16).not_null())
                .col(ColumnDef::new(I::OnDuplicate).string_len(16).not_null())
                .col(ColumnDef::new(I::Atomic).boolean().not_null())
                .col(ColumnDef::new(I::Mapping).json_binary().not_null())
                .col(ColumnDef::new(I::Columns).json_binary().not_null())
                .col(ColumnDef::new(I::Status).string_len(16).not_null())
                .col(int(I::RowsRead))
                .col(int(I::Created))
                .col(int(I::Updated))
                .col(int(I::Skipped))
                .col(int(I::Failed))
                .col(int(I::CommittedRows))
                .col(ColumnDef::new(I::Error).text().null())
                .col(ColumnDef::new(I::CreatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(I::StartedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(I::FinishedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(I::UpdatedAt).timestamp_with_time_zone().not_null())
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_imports_user").table(I::Table).col(I::UserId).col(I::CreatedAt).to_owned()).await?;
        m.create_index(Index::create().name("ix_imports_status").table(I::Table).col(I::Status).to_owned()).await?;

        use ImportErrors as E;
        m.create_table(
            Table::create()
                .table(E::Table)
                .col(ColumnDef::new(E::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(E::ImportId).uuid().not_null())
                .col(ColumnDef::new(E::RowNo).integer().not_null())
                .col(ColumnDef::new(E::Cells).json_binary().not_null())
                .col(ColumnDef::new(E::Errors).json_binary().not_null())
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_import_errors_import").table(E::Table).col(E::ImportId).col(E::RowNo).to_owned()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ImportErrors::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(Imports::Table).to_owned()).await
    }
}
