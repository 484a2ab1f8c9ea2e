//! Leads (SAL-1): people not yet customers, owned or in the lead pool (no owner), and
//! what a conversion made of them. The indexes serve the list's sorts among live rows,
//! an owner's list, the pool, and the status filter.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Leads {
    Table, Id, Code, Name, Company, Title, Phone, Mobile, Email, Source, Status, OwnerId, Province, City, Address, Remark,
    ConvertedCustomerId, ConvertedContactId, ConvertedOpportunityId, ConvertedAt, ConvertedBy,
    Version, CreatedBy, CreatedAt, UpdatedAt, DeletedAt, DeletedBy,
}

#[derive(DeriveIden)]
enum Users { Table, Id }

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use Leads as L;
        m.create_table(
            Table::create()
                .table(L::Table)
                .col(ColumnDef::new(L::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(L::Code).string_len(20).not_null().unique_key())
                .col(ColumnDef::new(L::Name).string_len(100).not_null())
                .col(ColumnDef::new(L::Company).string_len(200).null())
                .col(ColumnDef::new(L::Title).string_len(100).null())
                .col(ColumnDef::new(L::Phone).string_len(32).null())
                .col(ColumnDef::new(L::Mobile).string_len(32).null())
                .col(ColumnDef::new(L::Email).string_len(254).null())
                .col(ColumnDef::new(L::Source).string_len(50).null())
                .col(ColumnDef::new(L::Status).string_len(12).not_null())
                .col(ColumnDef::new(L::OwnerId).uuid().null())
                .col(ColumnDef::new(L::Province).string_len(50).null())
                .col(ColumnDef::new(L::City).string_len(50).null())
                .col(ColumnDef::new(L::Address).string_len(300).null())
                .col(ColumnDef::new(L::Remark).string_len(2000).null())
                .col(ColumnDef::new(L::ConvertedCustomerId).uuid().null())
                .col(ColumnDef::new(L::ConvertedContactId).uuid().null())
                .col(ColumnDef::new(L::ConvertedOpportunityId).uuid().null())
                .col(ColumnDef::new(L::ConvertedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(L::ConvertedBy).uuid().null())
                .col(ColumnDef::new(L::Version).integer().not_null().default(1))
                .col(ColumnDef::new(L::CreatedBy).uuid().null())
                .col(ColumnDef::new(L::CreatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(L::UpdatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(L::DeletedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(L::DeletedBy).uuid().null())
                .foreign_key(ForeignKey::create().from(L::Table, L::OwnerId).to(Users::Table, Users::Id))
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        for sql in [
            "CREATE INDEX ix_leads_live_updated ON leads (updated_at, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_leads_live_created ON leads (created_at, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_leads_live_name ON leads (name, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_leads_owner_updated ON leads (owner_id, updated_at, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_leads_pool_updated ON leads (updated_at, id) WHERE deleted_at IS NULL AND owner_id IS NULL",
            "CREATE INDEX ix_leads_status ON leads (status, updated_at) WHERE deleted_at IS NULL",
        ] {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Leads::Table).to_owned()).await
    }
}
