//! Contacts and follow-ups of customers, with indexes for their lists and for the
//! customer search over contact names and phones.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Contacts {
    Table, Id, CustomerId, Name, Title, Phone, Mobile, Email, Wechat, IsPrimary, Birthday, Remark,
    Version, CreatedBy, CreatedAt, UpdatedAt, DeletedAt, DeletedBy,
}

#[derive(DeriveIden)]
enum FollowUps {
    Table, Id, CustomerId, ContactId, Kind, Content, OccurredAt, NextFollowUpAt, ParticipantIds, OwnerId,
    Version, CreatedAt, UpdatedAt, DeletedAt, DeletedBy,
}

#[derive(DeriveIden)]
enum Customers { Table, Id }

fn ts(c: impl IntoIden) -> ColumnDef {
    ColumnDef::new(c).timestamp_with_time_zone().not_null().to_owned()
}
fn ts_null(c: impl IntoIden) -> ColumnDef {
    ColumnDef::new(c).timestamp_with_time_zone().null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Contacts::Table)
                .col(ColumnDef::new(Contacts::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(Contacts::CustomerId).uuid().not_null())
                .col(ColumnDef::new(Contacts::Name).string_len(100).not_null())
                .col(ColumnDef::new(Contacts::Title).string_len(100).null())
                .col(ColumnDef::new(Contacts::Phone).string_len(32).null())
                .col(ColumnDef::new(Contacts::Mobile).string_len(32).null())
                .col(ColumnDef::new(Contacts::Email).string_len(254).null())
                .col(ColumnDef::new(Contacts::Wechat).string_len(64).null())
                .col(ColumnDef::new(Contacts::IsPrimary).boolean().not_null().default(false))
                .col(ColumnDef::new(Contacts::Birthday).date().null())
                .col(ColumnDef::new(Contacts::Remark).string_len(2000).null())
                .col(ColumnDef::new(Contacts::Version).integer().not_null().default(1))
                .col(ColumnDef::new(Contacts::CreatedBy).uuid().null())
                .col(ts(Contacts::CreatedAt))
                .col(ts(Contacts::UpdatedAt))
                .col(ts_null(Contacts::DeletedAt))
                .col(ColumnDef::new(Contacts::DeletedBy).uuid().null())
                .foreign_key(ForeignKey::create().from(Contacts::Table, Contacts::CustomerId).to(Customers::Table, Customers::Id))
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            ("idx_contacts_customer", vec![Contacts::CustomerId, Contacts::CreatedAt]),
            ("idx_contacts_name", vec![Contacts::Name]),
            ("idx_contacts_mobile", vec![Contacts::Mobile]),
            ("idx_contacts_phone", vec![Contacts::Phone]),
        ] {
            let mut i = Index::create();
            i.name(name).table(Contacts::Table);
            for c in cols {
                i.col(c);
            }
            m.create_index(i.to_owned()).await?;
        }
        m.create_table(
            Table::create()
                .table(FollowUps::Table)
                .col(ColumnDef::new(FollowUps::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(FollowUps::CustomerId).uuid().not_null())
                .col(ColumnDef::new(FollowUps::ContactId).uuid().null())
                .col(ColumnDef::new(FollowUps::Kind).string_len(64).not_null())
                .col(ColumnDef::new(FollowUps::Content).text().not_null())
                .col(ts(FollowUps::OccurredAt))
                .col(ts_null(FollowUps::NextFollowUpAt))
                .col(ColumnDef::new(FollowUps::ParticipantIds).json_binary().not_null())
                .col(ColumnDef::new(FollowUps::OwnerId).uuid().not_null())
                .col(ColumnDef::new(FollowUps::Version).integer().not_null().default(1))
                .col(ts(FollowUps::CreatedAt))
                .col(ts(FollowUps::UpdatedAt))
                .col(ts_null(FollowUps::DeletedAt))
                .col(ColumnDef::new(FollowUps::DeletedBy).uuid().null())
                .foreign_key(ForeignKey::create().from(FollowUps::Table, FollowUps::CustomerId).to(Customers::Table, Customers::Id))
                .foreign_key(ForeignKey::create().from(FollowUps::Table, FollowUps::ContactId).to(Contacts::Table, Contacts::Id))
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            ("idx_follow_ups_customer", vec![FollowUps::CustomerId, FollowUps::OccurredAt]),
            ("idx_follow_ups_occurred", vec![FollowUps::OccurredAt]),
            ("idx_follow_ups_owner", vec![FollowUps::OwnerId, FollowUps::OccurredAt]),
            ("idx_follow_ups_kind", vec![FollowUps::Kind, FollowUps::OccurredAt]),
        ] {
            let mut i = Index::create();
            i.name(name).table(FollowUps::Table);
            for c in cols {
                i.col(c);
            }
            m.create_index(i.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(FollowUps::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(Contacts::Table).to_owned()).await
    }
}
