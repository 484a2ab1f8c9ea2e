//! Saved list views: a user's named filters, sort and columns for a list page.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SavedViews { Table, Id, UserId, Resource, Name, Query, Columns, IsDefault, Version, CreatedAt, UpdatedAt, DeletedAt, DeletedBy }

#[derive(DeriveIden)]
enum Users { Table, Id }

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use SavedViews as V;
        m.create_table(
            Table::create()
                .table(V::Table)
                .col(ColumnDef::new(V::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(V::UserId).uuid().not_null())
                .col(ColumnDef::new(V::Resource).string_len(32).not_null())
                .col(ColumnDef::new(V::Name).string_len(50).not_null())
                .col(ColumnDef::new(V::Query).json_binary().not_null())
                .col(ColumnDef::new(V::Columns).json_binary().not_null())
                .col(ColumnDef::new(V::IsDefault).boolean().not_null().default(false))
                .col(ColumnDef::new(V::Version).integer().not_null().default(1))
                .col(ColumnDef::new(V::CreatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(V::UpdatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(V::DeletedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(V::DeletedBy).uuid().null())
                .foreign_key(ForeignKey::create().from(V::Table, V::UserId).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.get_connection()
            .execute_unprepared("CREATE UNIQUE INDEX uq_saved_views_name ON saved_views (user_id, resource, name) WHERE deleted_at IS NULL")
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(SavedViews::Table).to_owned()).await
    }
}
