//! The durable job queue (`crm_persistence::jobs`): a job is a row written in the same
//! transaction as the change that causes it, claimed by one worker at a time under a
//! lease, retried with backoff and parked as dead after its last attempt. A scheduled
//! job's row carries a period key, unique, so one row per period exists however many
//! servers try to write it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum IdempotencyKeys { Table, CreatedAt }

#[derive(DeriveIden)]
enum Jobs { Table, Id, Kind, Payload, Status, Attempts, MaxAttempts, RunAt, LockedBy, LockedUntil, LastError, PeriodKey, CreatedAt, UpdatedAt, FinishedAt }

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Jobs::Table)
                .col(ColumnDef::new(Jobs::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(Jobs::Kind).string_len(64).not_null())
                .col(ColumnDef::new(Jobs::Payload).json().not_null())
                .col(ColumnDef::new(Jobs::Status).string_len(16).not_null())
                .col(ColumnDef::new(Jobs::Attempts).integer().not_null())
                .col(ColumnDef::new(Jobs::MaxAttempts).integer().not_null())
                .col(ColumnDef::new(Jobs::RunAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(Jobs::LockedBy).string_len(64).null())
                .col(ColumnDef::new(Jobs::LockedUntil).timestamp_with_time_zone().null())
                .col(ColumnDef::new(Jobs::LastError).text().null())
                .col(ColumnDef::new(Jobs::PeriodKey).string_len(128).null())
                .col(ColumnDef::new(Jobs::CreatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(Jobs::UpdatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(Jobs::FinishedAt).timestamp_with_time_zone().null())
                .to_owned(),
        )
        .await?;
        // Claiming: due queued jobs and running ones whose lease ran out, oldest first.
        m.create_index(Index::create().name("idx_jobs_due").table(Jobs::Table).col(Jobs::Status).col(Jobs::RunAt).to_owned()).await?;
        // One row per scheduled job and period (NULL for other jobs, which never clash).
        m.create_index(Index::create().name("ux_jobs_period").table(Jobs::Table).col(Jobs::PeriodKey).unique().to_owned()).await?;
        // The admin list: newest first, by kind, and the purge of old finished jobs.
        m.create_index(Index::create().name("idx_jobs_created").table(Jobs::Table).col(Jobs::CreatedAt).col(Jobs::Id).to_owned()).await?;
        m.create_index(Index::create().name("idx_jobs_kind").table(Jobs::Table).col(Jobs::Kind).col(Jobs::CreatedAt).to_owned()).await?;
        // The daily purge job deletes idempotency keys by age.
        m.create_index(Index::create().name("idx_idempotency_keys_created").table(IdempotencyKeys::Table).col(IdempotencyKeys::CreatedAt).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("idx_idempotency_keys_created").table(IdempotencyKeys::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(Jobs::Table).to_owned()).await
    }
}
