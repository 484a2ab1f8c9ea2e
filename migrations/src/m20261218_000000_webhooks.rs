//! Webhooks (issue 18): the receivers administrators set up (kit records), the outbox of
//! events written in the transaction of the change that makes them, and the log of every
//! attempt to deliver one. A record's events go out in the order of their ids (UUIDv7,
//! ordered within a server; a record's writes take turns on its row), so the delivery
//! looks up the oldest undelivered event of a (webhook, record) by the first index.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Webhooks { Table, Id, Name, Url, Events, SecretSealed, Enabled, Version, CreatedBy, CreatedAt, UpdatedAt, DeletedAt, DeletedBy }

#[derive(DeriveIden)]
enum WebhookEvents {
    Table, Id, WebhookId, Event, Entity, RecordId, Body, Status, Attempts, NextAttemptAt, LockedUntil, ExpiresAt, LastStatus, LastError, CreatedAt, DeliveredAt,
}

#[derive(DeriveIden)]
enum WebhookDeliveries { Table, Id, WebhookId, EventId, Event, RecordId, Attempt, Status, ResponseStatus, Error, DurationMs, CreatedAt }

fn ts(c: impl IntoIden) -> ColumnDef {
    ColumnDef::new(c).timestamp_with_time_zone().not_null().to_owned()
}
fn ts_null(c: impl IntoIden) -> ColumnDef {
    ColumnDef::new(c).timestamp_with_time_zone().null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use Webhooks as W;
        m.create_table(
            Table::create()
                .table(W::Table)
                .col(ColumnDef::new(W::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(W::Name).string_len(100).not_null())
                .col(ColumnDef::new(W::Url).string_len(2000).not_null())
                .col(ColumnDef::new(W::Events).json_binary().not_null())
                .col(ColumnDef::new(W::SecretSealed).text().not_null())
                .col(ColumnDef::new(W::Enabled).boolean().not_null())
                .col(ColumnDef::new(W::Version).integer().not_null().default(1))
                .col(ColumnDef::new(W::CreatedBy).uuid().null())
                .col(ts(W::CreatedAt))
                .col(ts(W::UpdatedAt))
                .col(ts_null(W::DeletedAt))
                .col(ColumnDef::new(W::DeletedBy).uuid().null())
                .to_owned(),
        )
        .await?;

        use WebhookEvents as E;
        m.create_table(
            Table::create()
                .table(E::Table)
                .col(ColumnDef::new(E::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(E::WebhookId).uuid().not_null())
                .col(ColumnDef::new(E::Event).string_len(64).not_null())
                .col(ColumnDef::new(E::Entity).string_len(32).not_null())
                .col(ColumnDef::new(E::RecordId).uuid().not_null())
                .col(ColumnDef::new(E::Body).text().not_null())
                .col(ColumnDef::new(E::Status).string_len(16).not_null())
                .col(ColumnDef::new(E::Attempts).integer().not_null().default(0))
                .col(ts(E::NextAttemptAt))
                .col(ts_null(E::LockedUntil))
                .col(ts(E::ExpiresAt))
                .col(ColumnDef::new(E::LastStatus).integer().null())
                .col(ColumnDef::new(E::LastError).text().null())
                .col(ts(E::CreatedAt))
                .col(ts_null(E::DeliveredAt))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_webhook_events_record").table(E::Table).col(E::WebhookId).col(E::RecordId).col(E::Id).to_owned()).await?;
        m.create_index(Index::create().name("ix_webhook_events_created").table(E::Table).col(E::CreatedAt).to_owned()).await?;

        use WebhookDeliveries as D;
        m.create_table(
            Table::create()
                .table(D::Table)
                .col(ColumnDef::new(D::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(D::WebhookId).uuid().not_null())
                .col(ColumnDef::new(D::EventId).uuid().not_null())
                .col(ColumnDef::new(D::Event).string_len(64).not_null())
                .col(ColumnDef::new(D::RecordId).uuid().not_null())
                .col(ColumnDef::new(D::Attempt).integer().not_null())
                .col(ColumnDef::new(D::Status).string_len(16).not_null())
                .col(ColumnDef::new(D::ResponseStatus).integer().null())
                .col(ColumnDef::new(D::Error).text().null())
                .col(ColumnDef::new(D::DurationMs).integer().not_null())
                .col(ts(D::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_webhook_deliveries_webhook").table(D::Table).col(D::WebhookId).col(D::CreatedAt).to_owned()).await?;
        m.create_index(Index::create().name("ix_webhook_deliveries_event").table(D::Table).col(D::EventId).to_owned()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(WebhookDeliveries::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(WebhookEvents::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(Webhooks::Table).to_owned()).await
    }
}
