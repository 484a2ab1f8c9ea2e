//! The enterprise drive and attachments: folders and files in personal, department and
//! company spaces (a file may instead hang off a record), shares with people and
//! departments, and the byte counters the quotas are kept by.
//!
//! `path` is the chain of folder ids above a row (a folder's includes itself), `/a/b/`, so
//! "inside a shared folder" is one `LIKE` against the share's `target_key` (`/id/`) on
//! both databases, however deep the tree.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Folders { Table, Id, Name, ParentId, Space, OwnerId, DepartmentId, Path, Version, CreatedAt, UpdatedAt, CreatedBy, DeletedAt, DeletedBy }

#[derive(DeriveIden)]
enum Files {
    Table, Id, Name, FolderId, Space, OwnerId, DepartmentId, Path, RecordType, RecordId, Size, Sha256, Mime, StorageKey,
    Version, CreatedAt, UpdatedAt, CreatedBy, DeletedAt, DeletedBy,
}

#[derive(DeriveIden)]
enum DriveShares { Table, Id, TargetType, TargetId, TargetKey, PrincipalType, PrincipalId, Access, CreatedAt, CreatedBy }

#[derive(DeriveIden)]
enum DriveUsage { Table, Key, Used }

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Folders::Table)
                .col(ColumnDef::new(Folders::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(Folders::Name).string_len(255).not_null())
                .col(ColumnDef::new(Folders::ParentId).uuid().null())
                .col(ColumnDef::new(Folders::Space).string_len(16).not_null())
                .col(ColumnDef::new(Folders::OwnerId).uuid().null())
                .col(ColumnDef::new(Folders::DepartmentId).uuid().null())
                .col(ColumnDef::new(Folders::Path).text().not_null())
                .col(ColumnDef::new(Folders::Version).integer().not_null().default(1))
                .col(ColumnDef::new(Folders::CreatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(Folders::UpdatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(Folders::CreatedBy).uuid().null())
                .col(ColumnDef::new(Folders::DeletedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(Folders::DeletedBy).uuid().null())
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Files::Table)
                .col(ColumnDef::new(Files::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(Files::Name).string_len(255).not_null())
                .col(ColumnDef::new(Files::FolderId).uuid().null())
                .col(ColumnDef::new(Files::Space).string_len(16).null())
                .col(ColumnDef::new(Files::OwnerId).uuid().null())
                .col(ColumnDef::new(Files::DepartmentId).uuid().null())
                .col(ColumnDef::new(Files::Path).text().not_null())
                .col(ColumnDef::new(Files::RecordType).string_len(32).null())
                .col(ColumnDef::new(Files::RecordId).uuid().null())
                .col(ColumnDef::new(Files::Size).big_integer().not_null())
                .col(ColumnDef::new(Files::Sha256).string_len(64).not_null())
                .col(ColumnDef::new(Files::Mime).string_len(128).not_null())
                .col(ColumnDef::new(Files::StorageKey).string_len(128).not_null())
                .col(ColumnDef::new(Files::Version).integer().not_null().default(1))
                .col(ColumnDef::new(Files::CreatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(Files::UpdatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(Files::CreatedBy).uuid().null())
                .col(ColumnDef::new(Files::DeletedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(Files::DeletedBy).uuid().null())
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(DriveShares::Table)
                .col(ColumnDef::new(DriveShares::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(DriveShares::TargetType).string_len(16).not_null())
                .col(ColumnDef::new(DriveShares::TargetId).uuid().not_null())
                .col(ColumnDef::new(DriveShares::TargetKey).string_len(40).not_null())
                .col(ColumnDef::new(DriveShares::PrincipalType).string_len(16).not_null())
                .col(ColumnDef::new(DriveShares::PrincipalId).uuid().not_null())
                .col(ColumnDef::new(DriveShares::Access).string_len(8).not_null())
                .col(ColumnDef::new(DriveShares::CreatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(DriveShares::CreatedBy).uuid().null())
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(DriveUsage::Table)
                .col(ColumnDef::new(DriveUsage::Key).string_len(64).not_null().primary_key())
                .col(ColumnDef::new(DriveUsage::Used).big_integer().not_null().default(0))
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        for sql in [
            // A folder's children and the top of each space; a record's attachments; one
            // person's uploads; the shares of an item and of a person or department.
            "CREATE INDEX ix_folders_parent ON folders (parent_id, name) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_folders_space ON folders (space, owner_id, department_id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_files_folder ON files (folder_id, created_at) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_files_space ON files (space, owner_id, department_id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_files_record ON files (record_id, record_type) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_files_created_by ON files (created_by, created_at)",
            "CREATE INDEX ix_files_name ON files (name)",
            "CREATE INDEX ix_files_created_at ON files (created_at)",
            "CREATE INDEX ix_files_size ON files (size)",
            "CREATE UNIQUE INDEX uq_drive_shares ON drive_shares (target_id, principal_type, principal_id)",
            "CREATE INDEX ix_drive_shares_principal ON drive_shares (principal_id, principal_type, target_type)",
        ] {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["drive_usage", "drive_shares", "files", "folders"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        Ok(())
    }
}
