//! Customers: the record with its pool and owner, normalised duplicate keys, and a
//! sequence table for human codes. Indexes match the list's filters and sorts.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Customers {
    Table, Id, Code, Name, NameNorm, Kind, Industry, Source, Level, Province, City, District, Address,
    Phone, PhoneNorm, Email, Website, Tags, Remark, OwnerId, Pool, DealStatus, LastFollowUpAt, NextFollowUpAt,
    PoolReason, ReleasedBy, ReleasedAt, Version, CreatedBy, CreatedAt, UpdatedAt, DeletedAt, DeletedBy,
}

#[derive(DeriveIden)]
enum Sequences { Table, Name, Value }

fn idx(name: &str, cols: Vec<Customers>) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(Customers::Table);
    for c in cols {
        i.col(c);
    }
    i.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let s = |c: Customers, n: u32| ColumnDef::new(c).string_len(n).null().to_owned();
        m.create_table(
            Table::create()
                .table(Customers::Table)
                .col(ColumnDef::new(Customers::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(Customers::Code).string_len(32).not_null().unique_key())
                .col(ColumnDef::new(Customers::Name).string_len(200).not_null())
                .col(ColumnDef::new(Customers::NameNorm).string_len(200).not_null())
                .col(ColumnDef::new(Customers::Kind).string_len(16).not_null())
                .col(s(Customers::Industry, 64))
                .col(s(Customers::Source, 64))
                .col(s(Customers::Level, 64))
                .col(s(Customers::Province, 50))
                .col(s(Customers::City, 50))
                .col(s(Customers::District, 50))
                .col(s(Customers::Address, 300))
                .col(s(Customers::Phone, 32))
                .col(s(Customers::PhoneNorm, 32))
                .col(s(Customers::Email, 254))
                .col(s(Customers::Website, 200))
                .col(ColumnDef::new(Customers::Tags).json_binary().not_null())
                .col(ColumnDef::new(Customers::Remark).text().null())
                .col(ColumnDef::new(Customers::OwnerId).uuid().null())
                .col(ColumnDef::new(Customers::Pool).string_len(16).not_null())
                .col(ColumnDef::new(Customers::DealStatus).string_len(16).not_null())
                .col(ColumnDef::new(Customers::LastFollowUpAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(Customers::NextFollowUpAt).timestamp_with_time_zone().null())
                .col(s(Customers::PoolReason, 500))
                .col(ColumnDef::new(Customers::ReleasedBy).uuid().null())
                .col(ColumnDef::new(Customers::ReleasedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(Customers::Version).integer().not_null().default(1))
                .col(ColumnDef::new(Customers::CreatedBy).uuid().null())
                .col(ColumnDef::new(Customers::CreatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(Customers::UpdatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(Customers::DeletedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(Customers::DeletedBy).uuid().null())
                .to_owned(),
        )
        .await?;
        use Customers as C;
        m.create_index(idx("idx_customers_owner_pool_updated", vec![C::OwnerId, C::Pool, C::UpdatedAt])).await?;
        m.create_index(idx("idx_customers_pool_updated", vec![C::Pool, C::UpdatedAt])).await?;
        m.create_index(idx("idx_customers_created_at", vec![C::CreatedAt])).await?;
        m.create_index(idx("idx_customers_next_follow_up", vec![C::NextFollowUpAt])).await?;
        m.create_index(idx("idx_customers_name_norm", vec![C::NameNorm])).await?;
        m.create_index(idx("idx_customers_phone_norm", vec![C::PhoneNorm])).await?;
        m.create_index(idx("idx_customers_email", vec![C::Email])).await?;
        m.create_index(idx("idx_customers_industry", vec![C::Industry])).await?;
        m.create_index(idx("idx_customers_province_city", vec![C::Province, C::City])).await?;
        m.create_index(idx("idx_customers_level", vec![C::Level])).await?;
        m.create_index(idx("idx_customers_source", vec![C::Source])).await?;
        m.create_table(
            Table::create()
                .table(Sequences::Table)
                .col(ColumnDef::new(Sequences::Name).string_len(64).not_null().primary_key())
                .col(ColumnDef::new(Sequences::Value).big_integer().not_null())
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Sequences::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(Customers::Table).to_owned()).await
    }
}
