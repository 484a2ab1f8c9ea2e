//! Contracts (CON-1, CON-2): numbered documents whose lines share `document_lines` with
//! quotes and orders, totals and the amount kept on the header, the approval's statuses,
//! and who signed. The lists' filters and sorts have their indexes among live rows.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Contracts {
    Table, Id, Number, Name, CustomerId, OpportunityId, QuoteId, CustomerSignerId, SignerId, OwnerId, Status, Currency, AmountMinor,
    SubtotalMinor, DiscountMinor, TaxMinor, TotalMinor, SignDate, StartDate, EndDate, Category, PaymentTerms, Remark, ActivatedAt, FinishedAt,
    TerminationReason, ArchivedAt, Version, CreatedBy, CreatedAt, UpdatedAt, DeletedAt, DeletedBy,
}

#[derive(DeriveIden)]
enum Customers { Table, Id }

#[derive(DeriveIden)]
enum Users { Table, Id }

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use Contracts as C;
        let money = |c: C| ColumnDef::new(c).big_integer().not_null().default(0).to_owned();
        m.create_table(
            Table::create()
                .table(C::Table)
                .col(ColumnDef::new(C::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(C::Number).string_len(30).not_null().unique_key())
                .col(ColumnDef::new(C::Name).string_len(200).not_null())
                .col(ColumnDef::new(C::CustomerId).uuid().not_null())
                .col(ColumnDef::new(C::OpportunityId).uuid().null())
                .col(ColumnDef::new(C::QuoteId).uuid().null())
                .col(ColumnDef::new(C::CustomerSignerId).uuid().null())
                .col(ColumnDef::new(C::SignerId).uuid().null())
                .col(ColumnDef::new(C::OwnerId).uuid().not_null())
                .col(ColumnDef::new(C::Status).string_len(12).not_null())
                .col(ColumnDef::new(C::Currency).string_len(3).not_null())
                .col(money(C::AmountMinor))
                .col(money(C::SubtotalMinor))
                .col(money(C::DiscountMinor))
                .col(money(C::TaxMinor))
                .col(money(C::TotalMinor))
                .col(ColumnDef::new(C::SignDate).date().null())
                .col(ColumnDef::new(C::StartDate).date().null())
                .col(ColumnDef::new(C::EndDate).date().null())
                .col(ColumnDef::new(C::Category).string_len(64).null())
                .col(ColumnDef::new(C::PaymentTerms).string_len(2000).null())
                .col(ColumnDef::new(C::Remark).string_len(2000).null())
                .col(ColumnDef::new(C::ActivatedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(C::FinishedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(C::TerminationReason).string_len(500).null())
                .col(ColumnDef::new(C::ArchivedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(C::Version).integer().not_null().default(1))
                .col(ColumnDef::new(C::CreatedBy).uuid().null())
                .col(ColumnDef::new(C::CreatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(C::UpdatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(C::DeletedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(C::DeletedBy).uuid().null())
                .foreign_key(ForeignKey::create().from(C::Table, C::CustomerId).to(Customers::Table, Customers::Id))
                .foreign_key(ForeignKey::create().from(C::Table, C::OwnerId).to(Users::Table, Users::Id))
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        for sql in [
            "CREATE INDEX ix_contracts_live_updated ON contracts (updated_at, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_contracts_live_created ON contracts (created_at, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_contracts_live_amount ON contracts (amount_minor, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_contracts_live_sign ON contracts (sign_date, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_contracts_live_end ON contracts (end_date, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_contracts_owner_updated ON contracts (owner_id, updated_at, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_contracts_status ON contracts (status, end_date) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_contracts_customer ON contracts (customer_id, updated_at)",
            "CREATE INDEX ix_contracts_opportunity ON contracts (opportunity_id)",
            "CREATE INDEX ix_contracts_quote ON contracts (quote_id)",
        ] {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection().execute_unprepared("DELETE FROM document_lines WHERE doc_id IN (SELECT id FROM contracts)").await?;
        m.drop_table(Table::drop().table(Contracts::Table).to_owned()).await
    }
}
