//! The sales pipeline (SAL-2 to SAL-5): stages, opportunities with their product lines and
//! the history of their stage moves. An opportunity keeps its stage's kind as `status`
//! (open, won, lost), so the board, the funnel and "expired" filter on one column; a stage
//! in use keeps its kind. The indexes serve the list's filters and sorts among live rows,
//! the board's columns per owner and stage in card order, and a customer's opportunities.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PipelineStages { Table, Id, NameZh, NameEn, Probability, SortOrder, Kind, Version, CreatedBy, CreatedAt, UpdatedAt, DeletedAt, DeletedBy }

#[derive(DeriveIden)]
enum Opportunities {
    Table, Id, CustomerId, ContactId, Name, Description, AmountMinor, Currency, ExpectedCloseDate, StageId, Status, Probability, OwnerId,
    Competitors, Source, LostReason, LostNote, ClosedAt, Position, StageEnteredAt, Version, CreatedBy, CreatedAt, UpdatedAt, DeletedAt, DeletedBy,
}

#[derive(DeriveIden)]
enum OpportunityLines { Table, Id, OpportunityId, LineNo, ProductId, ProductName, Quantity, UnitPriceMinor, DiscountBp, SubtotalMinor }

#[derive(DeriveIden)]
enum OpportunityStageHistory { Table, Id, OpportunityId, FromStageId, ToStageId, ById, At, StayedSeconds, Note }

#[derive(DeriveIden)]
enum Customers { Table, Id }

#[derive(DeriveIden)]
enum Users { Table, Id }

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use OpportunityLines as L;
        use OpportunityStageHistory as H;
        use Opportunities as O;
        use PipelineStages as S;
        m.create_table(
            Table::create()
                .table(S::Table)
                .col(ColumnDef::new(S::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(S::NameZh).string_len(50).not_null())
                .col(ColumnDef::new(S::NameEn).string_len(50).not_null())
                .col(ColumnDef::new(S::Probability).integer().not_null())
                .col(ColumnDef::new(S::SortOrder).integer().not_null().default(0))
                .col(ColumnDef::new(S::Kind).string_len(10).not_null())
                .col(ColumnDef::new(S::Version).integer().not_null().default(1))
                .col(ColumnDef::new(S::CreatedBy).uuid().null())
                .col(ColumnDef::new(S::CreatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(S::UpdatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(S::DeletedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(S::DeletedBy).uuid().null())
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(O::Table)
                .col(ColumnDef::new(O::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(O::CustomerId).uuid().not_null())
                .col(ColumnDef::new(O::ContactId).uuid().null())
                .col(ColumnDef::new(O::Name).string_len(200).not_null())
                .col(ColumnDef::new(O::Description).string_len(2000).null())
                .col(ColumnDef::new(O::AmountMinor).big_integer().not_null().default(0))
                .col(ColumnDef::new(O::Currency).string_len(3).not_null())
                .col(ColumnDef::new(O::ExpectedCloseDate).date().null())
                .col(ColumnDef::new(O::StageId).uuid().not_null())
                .col(ColumnDef::new(O::Status).string_len(10).not_null())
                .col(ColumnDef::new(O::Probability).integer().not_null())
                .col(ColumnDef::new(O::OwnerId).uuid().not_null())
                .col(ColumnDef::new(O::Competitors).string_len(500).null())
                .col(ColumnDef::new(O::Source).string_len(50).null())
                .col(ColumnDef::new(O::LostReason).string_len(50).null())
                .col(ColumnDef::new(O::LostNote).string_len(500).null())
                .col(ColumnDef::new(O::ClosedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(O::Position).big_integer().not_null().default(0))
                .col(ColumnDef::new(O::StageEnteredAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(O::Version).integer().not_null().default(1))
                .col(ColumnDef::new(O::CreatedBy).uuid().null())
                .col(ColumnDef::new(O::CreatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(O::UpdatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(O::DeletedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(O::DeletedBy).uuid().null())
                .foreign_key(ForeignKey::create().from(O::Table, O::CustomerId).to(Customers::Table, Customers::Id))
                .foreign_key(ForeignKey::create().from(O::Table, O::OwnerId).to(Users::Table, Users::Id))
                .foreign_key(ForeignKey::create().from(O::Table, O::StageId).to(S::Table, S::Id))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(L::Table)
                .col(ColumnDef::new(L::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(L::OpportunityId).uuid().not_null())
                .col(ColumnDef::new(L::LineNo).integer().not_null())
                .col(ColumnDef::new(L::ProductId).uuid().not_null())
                .col(ColumnDef::new(L::ProductName).string_len(200).not_null())
                .col(ColumnDef::new(L::Quantity).big_integer().not_null())
                .col(ColumnDef::new(L::UnitPriceMinor).big_integer().not_null())
                .col(ColumnDef::new(L::DiscountBp).integer().not_null())
                .col(ColumnDef::new(L::SubtotalMinor).big_integer().not_null())
                .foreign_key(ForeignKey::create().from(L::Table, L::OpportunityId).to(O::Table, O::Id).on_delete(ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(H::Table)
                .col(ColumnDef::new(H::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(H::OpportunityId).uuid().not_null())
                .col(ColumnDef::new(H::FromStageId).uuid().null())
                .col(ColumnDef::new(H::ToStageId).uuid().not_null())
                .col(ColumnDef::new(H::ById).uuid().null())
                .col(ColumnDef::new(H::At).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(H::StayedSeconds).big_integer().null())
                .col(ColumnDef::new(H::Note).string_len(500).null())
                .foreign_key(ForeignKey::create().from(H::Table, H::OpportunityId).to(O::Table, O::Id).on_delete(ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        for sql in [
            "CREATE INDEX ix_pipeline_stages_live_order ON pipeline_stages (sort_order, id) WHERE deleted_at IS NULL",
            // The list's sorts among live rows.
            "CREATE INDEX ix_opportunities_live_updated ON opportunities (updated_at, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_opportunities_live_created ON opportunities (created_at, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_opportunities_live_name ON opportunities (name, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_opportunities_live_amount ON opportunities (amount_minor, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_opportunities_live_close ON opportunities (expected_close_date, id) WHERE deleted_at IS NULL",
            // An owner's list and board (owner, stage, card order), a stage's column for
            // everyone, the open ones past their date, a customer's.
            "CREATE INDEX ix_opportunities_owner_stage ON opportunities (owner_id, stage_id, position, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_opportunities_owner_updated ON opportunities (owner_id, updated_at, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_opportunities_stage ON opportunities (stage_id, position, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_opportunities_status_close ON opportunities (status, expected_close_date) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_opportunities_customer ON opportunities (customer_id, status)",
            "CREATE INDEX ix_opportunity_lines_opportunity ON opportunity_lines (opportunity_id, line_no)",
            "CREATE INDEX ix_opportunity_lines_product ON opportunity_lines (product_id)",
            "CREATE INDEX ix_opportunity_stage_history_opportunity ON opportunity_stage_history (opportunity_id, at)",
        ] {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["opportunity_stage_history", "opportunity_lines", "opportunities", "pipeline_stages"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        Ok(())
    }
}
