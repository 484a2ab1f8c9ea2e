//! Collaborators (团队成员): users the owner shares a customer with, to read or to edit.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CustomerCollaborators { Table, CustomerId, UserId, Access, CreatedAt }

#[derive(DeriveIden)]
enum Customers { Table, Id }

#[derive(DeriveIden)]
enum Users { Table, Id }

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(CustomerCollaborators::Table)
                .col(ColumnDef::new(CustomerCollaborators::CustomerId).uuid().not_null())
                .col(ColumnDef::new(CustomerCollaborators::UserId).uuid().not_null())
                .col(ColumnDef::new(CustomerCollaborators::Access).string_len(8).not_null())
                .col(ColumnDef::new(CustomerCollaborators::CreatedAt).timestamp_with_time_zone().not_null())
                .primary_key(Index::create().col(CustomerCollaborators::CustomerId).col(CustomerCollaborators::UserId))
                .foreign_key(ForeignKey::create().from(CustomerCollaborators::Table, CustomerCollaborators::CustomerId).to(Customers::Table, Customers::Id).on_delete(ForeignKeyAction::Cascade))
                .foreign_key(ForeignKey::create().from(CustomerCollaborators::Table, CustomerCollaborators::UserId).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        // Visibility asks "which customers is this user a collaborator of?".
        m.create_index(
            Index::create().name("idx_collaborators_user").table(CustomerCollaborators::Table).col(CustomerCollaborators::UserId).col(CustomerCollaborators::Access).to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(CustomerCollaborators::Table).to_owned()).await
    }
}
