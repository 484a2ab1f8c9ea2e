//! Quotes and sales orders (SAL-6, SAL-7): numbered documents with lines in one shared
//! table (`document_lines`, keyed by the document's id; contracts will keep theirs there
//! too), totals kept on the header so lists and sums read one row. A sent quote keeps the
//! snapshot it was sent as. An order made from a quote names it, and a quote has at most
//! one live order (a partial unique index: two "make an order" at once cannot both win).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Doc {
    Id, Number, CustomerId, OpportunityId, ContactId, OwnerId, Status, Currency, SubtotalMinor, DiscountMinor, TaxMinor, TotalMinor,
    Terms, Remark, Version, CreatedBy, CreatedAt, UpdatedAt, DeletedAt, DeletedBy,
}

#[derive(DeriveIden)]
#[derive(Clone, Copy)]
enum Quotes { Table, ValidUntil, SentAt, SentSnapshot, DecidedAt }

#[derive(DeriveIden)]
#[derive(Clone, Copy)]
enum Orders { Table, QuoteId, OrderDate, DeliveryDate, ShippingAddress, ConfirmedAt, DeliveredAt, ClosedAt, CancelledAt }

#[derive(DeriveIden)]
enum DocumentLines { Table, Id, DocId, LineNo, ProductId, Name, Unit, Quantity, UnitPriceMinor, DiscountBp, TaxBp, GrossMinor, SubtotalMinor, TaxMinor, TotalMinor }

#[derive(DeriveIden)]
enum Customers { Table, Id }

#[derive(DeriveIden)]
enum Users { Table, Id }

/// The columns quotes and orders share.
fn document(t: &mut TableCreateStatement, table: impl Iden + Copy + 'static) -> &mut TableCreateStatement {
    t.table(table)
        .col(ColumnDef::new(Doc::Id).uuid().not_null().primary_key())
        .col(ColumnDef::new(Doc::Number).string_len(30).not_null().unique_key())
        .col(ColumnDef::new(Doc::CustomerId).uuid().not_null())
        .col(ColumnDef::new(Doc::OpportunityId).uuid().null())
        .col(ColumnDef::new(Doc::ContactId).uuid().null())
        .col(ColumnDef::new(Doc::OwnerId).uuid().not_null())
        .col(ColumnDef::new(Doc::Status).string_len(12).not_null())
        .col(ColumnDef::new(Doc::Currency).string_len(3).not_null())
        .col(ColumnDef::new(Doc::SubtotalMinor).big_integer().not_null().default(0))
        .col(ColumnDef::new(Doc::DiscountMinor).big_integer().not_null().default(0))
        .col(ColumnDef::new(Doc::TaxMinor).big_integer().not_null().default(0))
        .col(ColumnDef::new(Doc::TotalMinor).big_integer().not_null().default(0))
        .col(ColumnDef::new(Doc::Terms).string_len(5000).null())
        .col(ColumnDef::new(Doc::Remark).string_len(2000).null())
        .col(ColumnDef::new(Doc::Version).integer().not_null().default(1))
        .col(ColumnDef::new(Doc::CreatedBy).uuid().null())
        .col(ColumnDef::new(Doc::CreatedAt).timestamp_with_time_zone().not_null())
        .col(ColumnDef::new(Doc::UpdatedAt).timestamp_with_time_zone().not_null())
        .col(ColumnDef::new(Doc::DeletedAt).timestamp_with_time_zone().null())
        .col(ColumnDef::new(Doc::DeletedBy).uuid().null())
        .foreign_key(ForeignKey::create().from(table, Doc::CustomerId).to(Customers::Table, Customers::Id))
        .foreign_key(ForeignKey::create().from(table, Doc::OwnerId).to(Users::Table, Users::Id))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use DocumentLines as L;
        let mut q = Table::create();
        document(&mut q, Quotes::Table)
            .col(ColumnDef::new(Quotes::ValidUntil).date().not_null())
            .col(ColumnDef::new(Quotes::SentAt).timestamp_with_time_zone().null())
            .col(ColumnDef::new(Quotes::SentSnapshot).text().null())
            .col(ColumnDef::new(Quotes::DecidedAt).timestamp_with_time_zone().null());
        m.create_table(q.to_owned()).await?;
        let mut o = Table::create();
        document(&mut o, Orders::Table)
            .col(ColumnDef::new(Orders::QuoteId).uuid().null())
            .col(ColumnDef::new(Orders::OrderDate).date().not_null())
            .col(ColumnDef::new(Orders::DeliveryDate).date().null())
            .col(ColumnDef::new(Orders::ShippingAddress).string_len(500).null())
            .col(ColumnDef::new(Orders::ConfirmedAt).timestamp_with_time_zone().null())
            .col(ColumnDef::new(Orders::DeliveredAt).timestamp_with_time_zone().null())
            .col(ColumnDef::new(Orders::ClosedAt).timestamp_with_time_zone().null())
            .col(ColumnDef::new(Orders::CancelledAt).timestamp_with_time_zone().null());
        m.create_table(o.to_owned()).await?;
        m.create_table(
            Table::create()
                .table(L::Table)
                .col(ColumnDef::new(L::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(L::DocId).uuid().not_null())
                .col(ColumnDef::new(L::LineNo).integer().not_null())
                .col(ColumnDef::new(L::ProductId).uuid().null())
                .col(ColumnDef::new(L::Name).string_len(200).not_null())
                .col(ColumnDef::new(L::Unit).string_len(20).null())
                .col(ColumnDef::new(L::Quantity).big_integer().not_null())
                .col(ColumnDef::new(L::UnitPriceMinor).big_integer().not_null())
                .col(ColumnDef::new(L::DiscountBp).integer().not_null())
                .col(ColumnDef::new(L::TaxBp).integer().not_null())
                .col(ColumnDef::new(L::GrossMinor).big_integer().not_null())
                .col(ColumnDef::new(L::SubtotalMinor).big_integer().not_null())
                .col(ColumnDef::new(L::TaxMinor).big_integer().not_null())
                .col(ColumnDef::new(L::TotalMinor).big_integer().not_null())
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        for sql in [
            // The lists' default and offered sorts among live rows, an owner's list, a
            // customer's and an opportunity's documents, the hourly expiry sweep.
            "CREATE INDEX ix_quotes_live_updated ON quotes (updated_at, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_quotes_live_created ON quotes (created_at, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_quotes_live_total ON quotes (total_minor, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_quotes_live_valid ON quotes (valid_until, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_quotes_owner_updated ON quotes (owner_id, updated_at, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_quotes_status_valid ON quotes (status, valid_until) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_quotes_customer ON quotes (customer_id, updated_at)",
            "CREATE INDEX ix_quotes_opportunity ON quotes (opportunity_id)",
            "CREATE INDEX ix_orders_live_updated ON orders (updated_at, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_orders_live_created ON orders (created_at, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_orders_live_total ON orders (total_minor, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_orders_live_date ON orders (order_date, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_orders_owner_updated ON orders (owner_id, updated_at, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_orders_status ON orders (status, updated_at) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_orders_customer ON orders (customer_id, updated_at)",
            "CREATE INDEX ix_orders_opportunity ON orders (opportunity_id)",
            "CREATE UNIQUE INDEX ux_orders_live_quote ON orders (quote_id) WHERE deleted_at IS NULL AND quote_id IS NOT NULL",
            "CREATE INDEX ix_document_lines_doc ON document_lines (doc_id, line_no)",
            "CREATE INDEX ix_document_lines_product ON document_lines (product_id)",
        ] {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["document_lines", "orders", "quotes"] {
            m.get_connection().execute_unprepared(&format!("DROP TABLE IF EXISTS {t}")).await?;
        }
        Ok(())
    }
}
