//! Sales plans (a target per person and period) and weekly reports (one per person and
//! ISO week, with the figures the server counted). One live row per person and period or
//! week (partial unique indexes); lists by owner and by period.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SalesPlans { Table, Id, OwnerId, Period, PeriodStart, PeriodEnd, TargetMinor, PlannedCustomers, Content, Version, CreatedBy, CreatedAt, UpdatedAt, DeletedAt, DeletedBy }

#[derive(DeriveIden)]
enum WeeklyReports {
    Table, Id, OwnerId, Week, WeekStart, Summary, NextWeekPlan, NewCustomers, FollowUps, NewOpportunities, WonMinor, Comment, CommentedBy, CommentedAt,
    Version, CreatedBy, CreatedAt, UpdatedAt, DeletedAt, DeletedBy,
}

#[derive(DeriveIden)]
enum Users { Table, Id }

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use SalesPlans as P;
        use WeeklyReports as W;
        m.create_table(
            Table::create()
                .table(P::Table)
                .col(ColumnDef::new(P::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(P::OwnerId).uuid().not_null())
                .col(ColumnDef::new(P::Period).string_len(10).not_null())
                .col(ColumnDef::new(P::PeriodStart).date().not_null())
                .col(ColumnDef::new(P::PeriodEnd).date().not_null())
                .col(ColumnDef::new(P::TargetMinor).big_integer().not_null())
                .col(ColumnDef::new(P::PlannedCustomers).integer().null())
                .col(ColumnDef::new(P::Content).string_len(2000).null())
                .col(ColumnDef::new(P::Version).integer().not_null().default(1))
                .col(ColumnDef::new(P::CreatedBy).uuid().null())
                .col(ColumnDef::new(P::CreatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(P::UpdatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(P::DeletedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(P::DeletedBy).uuid().null())
                .foreign_key(ForeignKey::create().from(P::Table, P::OwnerId).to(Users::Table, Users::Id))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(W::Table)
                .col(ColumnDef::new(W::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(W::OwnerId).uuid().not_null())
                .col(ColumnDef::new(W::Week).string_len(8).not_null())
                .col(ColumnDef::new(W::WeekStart).date().not_null())
                .col(ColumnDef::new(W::Summary).string_len(5000).not_null())
                .col(ColumnDef::new(W::NextWeekPlan).string_len(5000).null())
                .col(ColumnDef::new(W::NewCustomers).big_integer().not_null().default(0))
                .col(ColumnDef::new(W::FollowUps).big_integer().not_null().default(0))
                .col(ColumnDef::new(W::NewOpportunities).big_integer().not_null().default(0))
                .col(ColumnDef::new(W::WonMinor).big_integer().not_null().default(0))
                .col(ColumnDef::new(W::Comment).string_len(2000).null())
                .col(ColumnDef::new(W::CommentedBy).uuid().null())
                .col(ColumnDef::new(W::CommentedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(W::Version).integer().not_null().default(1))
                .col(ColumnDef::new(W::CreatedBy).uuid().null())
                .col(ColumnDef::new(W::CreatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(W::UpdatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(W::DeletedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(W::DeletedBy).uuid().null())
                .foreign_key(ForeignKey::create().from(W::Table, W::OwnerId).to(Users::Table, Users::Id))
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        for sql in [
            "CREATE UNIQUE INDEX uq_sales_plans_owner_period ON sales_plans (owner_id, period) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_sales_plans_live_start ON sales_plans (period_start, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_sales_plans_live_updated ON sales_plans (updated_at, id) WHERE deleted_at IS NULL",
            "CREATE UNIQUE INDEX uq_weekly_reports_owner_week ON weekly_reports (owner_id, week) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_weekly_reports_live_start ON weekly_reports (week_start, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_weekly_reports_live_updated ON weekly_reports (updated_at, id) WHERE deleted_at IS NULL",
        ] {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(WeeklyReports::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(SalesPlans::Table).to_owned()).await
    }
}
