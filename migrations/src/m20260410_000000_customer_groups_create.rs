//! Customer groups (CUS-3) and their members. A group's name is unique among its owner's
//! live groups (a partial unique index, the same SQL on both databases); members are
//! looked up by group (the primary key) and by customer (for a customer's groups and the
//! cascade when a customer is purged).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CustomerGroups { Table, Id, Name, NameNorm, Description, Shared, OwnerId, Version, CreatedBy, CreatedAt, UpdatedAt, DeletedAt, DeletedBy }

#[derive(DeriveIden)]
enum CustomerGroupMembers { Table, GroupId, CustomerId, AddedBy, CreatedAt }

#[derive(DeriveIden)]
enum Customers { Table, Id }

#[derive(DeriveIden)]
enum Users { Table, Id }

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use CustomerGroupMembers as M;
        use CustomerGroups as G;
        m.create_table(
            Table::create()
                .table(G::Table)
                .col(ColumnDef::new(G::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(G::Name).string_len(100).not_null())
                .col(ColumnDef::new(G::NameNorm).string_len(100).not_null())
                .col(ColumnDef::new(G::Description).string_len(500).null())
                .col(ColumnDef::new(G::Shared).boolean().not_null().default(false))
                .col(ColumnDef::new(G::OwnerId).uuid().not_null())
                .col(ColumnDef::new(G::Version).integer().not_null().default(1))
                .col(ColumnDef::new(G::CreatedBy).uuid().null())
                .col(ColumnDef::new(G::CreatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(G::UpdatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(G::DeletedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(G::DeletedBy).uuid().null())
                .foreign_key(ForeignKey::create().from(G::Table, G::OwnerId).to(Users::Table, Users::Id))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(M::Table)
                .col(ColumnDef::new(M::GroupId).uuid().not_null())
                .col(ColumnDef::new(M::CustomerId).uuid().not_null())
                .col(ColumnDef::new(M::AddedBy).uuid().null())
                .col(ColumnDef::new(M::CreatedAt).timestamp_with_time_zone().not_null())
                .primary_key(Index::create().col(M::GroupId).col(M::CustomerId))
                .foreign_key(ForeignKey::create().from(M::Table, M::GroupId).to(G::Table, G::Id).on_delete(ForeignKeyAction::Cascade))
                .foreign_key(ForeignKey::create().from(M::Table, M::CustomerId).to(Customers::Table, Customers::Id).on_delete(ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        for sql in [
            "CREATE UNIQUE INDEX uq_customer_groups_owner_name ON customer_groups (owner_id, name_norm) WHERE deleted_at IS NULL",
            // The list's sorts and the owner filter, among live groups.
            "CREATE INDEX ix_customer_groups_live_updated ON customer_groups (updated_at, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_customer_groups_live_name ON customer_groups (name, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_customer_groups_live_created ON customer_groups (created_at, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_customer_groups_shared ON customer_groups (shared) WHERE deleted_at IS NULL AND shared",
            "CREATE INDEX ix_customer_group_members_customer ON customer_group_members (customer_id)",
        ] {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(CustomerGroupMembers::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(CustomerGroups::Table).to_owned()).await
    }
}
