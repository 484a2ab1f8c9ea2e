//! Follow-ups attach to leads as to customers (SAL-1): `lead_id` beside `customer_id`, at
//! least one of them set (a lead's follow-up gains its customer at conversion and keeps
//! its lead), and the indexes a lead's follow-ups are listed and scoped by. SQLite cannot
//! drop a NOT NULL, so there the table is rebuilt with the same columns and indexes.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, TransactionTrait};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FollowUps {
    Id, CustomerId, ContactId, Kind, Content, OccurredAt, NextFollowUpAt, ParticipantIds, OwnerId,
    Version, CreatedAt, UpdatedAt, DeletedAt, DeletedBy, OpportunityId, LeadId,
}

#[derive(DeriveIden)]
enum Customers { Table, Id }
#[derive(DeriveIden)]
enum Contacts { Table, Id }
#[derive(DeriveIden)]
enum Leads { Table, Id }

const SUBJECT: &str = "customer_id IS NOT NULL OR lead_id IS NOT NULL";
/// A lead's follow-ups (`lead_id=`), and what scopes them: the customer, or the lead until
/// it converts (`kit::policy::child_of_either` matches this expression). Not partial:
/// PostgreSQL's plans over the subject were ten times slower with a partial one.
const NEW_INDEXES: &[&str] = &[
    "CREATE INDEX ix_follow_ups_lead ON follow_ups (lead_id, occurred_at) WHERE lead_id IS NOT NULL AND deleted_at IS NULL",
    "CREATE INDEX ix_follow_ups_subject ON follow_ups ((COALESCE(customer_id, lead_id)), occurred_at)",
];

const COLUMNS: &str = "id, customer_id, contact_id, kind, content, occurred_at, next_follow_up_at, participant_ids, owner_id, version, created_at, updated_at, deleted_at, deleted_by, opportunity_id";

/// The follow-up indexes as they stand before this migration, rebuilt with the table.
const INDEXES: &[&str] = &[
    "CREATE INDEX idx_follow_ups_customer ON follow_ups (customer_id, occurred_at)",
    "CREATE INDEX idx_follow_ups_occurred ON follow_ups (occurred_at)",
    "CREATE INDEX idx_follow_ups_owner ON follow_ups (owner_id, occurred_at)",
    "CREATE INDEX idx_follow_ups_kind ON follow_ups (kind, occurred_at)",
    "CREATE INDEX ix_follow_ups_opportunity ON follow_ups (opportunity_id, occurred_at) WHERE opportunity_id IS NOT NULL AND deleted_at IS NULL",
];

fn ts(c: impl IntoIden) -> ColumnDef {
    ColumnDef::new(c).timestamp_with_time_zone().not_null().to_owned()
}
fn ts_null(c: impl IntoIden) -> ColumnDef {
    ColumnDef::new(c).timestamp_with_time_zone().null().to_owned()
}

/// The table as it stands after this migration, under `name`.
fn table(name: &str, customer_required: bool) -> TableCreateStatement {
    let mut customer = ColumnDef::new(FollowUps::CustomerId);
    customer.uuid();
    if customer_required {
        customer.not_null();
    } else {
        customer.null();
    }
    let mut t = Table::create();
    t.table(Alias::new(name))
        .col(ColumnDef::new(FollowUps::Id).uuid().not_null().primary_key())
        .col(customer)
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
        .col(ColumnDef::new(FollowUps::OpportunityId).uuid().null())
        .foreign_key(ForeignKey::create().from(Alias::new(name), FollowUps::CustomerId).to(Customers::Table, Customers::Id))
        .foreign_key(ForeignKey::create().from(Alias::new(name), FollowUps::ContactId).to(Contacts::Table, Contacts::Id));
    if !customer_required {
        t.col(ColumnDef::new(FollowUps::LeadId).uuid().null())
            .foreign_key(ForeignKey::create().from(Alias::new(name), FollowUps::LeadId).to(Leads::Table, Leads::Id))
            .check(Expr::cust(SUBJECT));
    }
    t.to_owned()
}

/// SQLite: a new table, the rows copied over, the old one dropped and the new one renamed
/// (nothing references follow-ups, so no key points at the dropped table). One transaction
/// on one connection: the migrator gives SQLite neither, and a pooled connection other
/// than the one that dropped the table may still see it.
async fn rebuild(m: &SchemaManager<'_>, customer_required: bool) -> Result<(), DbErr> {
    let db = m.get_connection();
    let tx = db.begin().await?;
    tx.execute(db.get_database_backend().build(&table("follow_ups_next", customer_required))).await?;
    let copy = if customer_required {
        // Back to customers only: a lead's follow-up that never reached a customer has no place.
        format!("INSERT INTO follow_ups_next ({COLUMNS}) SELECT {COLUMNS} FROM follow_ups WHERE customer_id IS NOT NULL")
    } else {
        format!("INSERT INTO follow_ups_next ({COLUMNS}) SELECT {COLUMNS} FROM follow_ups")
    };
    tx.execute_unprepared(&copy).await?;
    tx.execute_unprepared("DROP TABLE follow_ups").await?;
    tx.execute_unprepared("ALTER TABLE follow_ups_next RENAME TO follow_ups").await?;
    for sql in INDEXES {
        tx.execute_unprepared(sql).await?;
    }
    tx.commit().await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        if db.get_database_backend() == DbBackend::Sqlite {
            rebuild(m, false).await?;
        } else {
            for sql in [
                "ALTER TABLE follow_ups ALTER COLUMN customer_id DROP NOT NULL",
                "ALTER TABLE follow_ups ADD COLUMN lead_id uuid NULL REFERENCES leads (id)",
                &format!("ALTER TABLE follow_ups ADD CONSTRAINT ck_follow_ups_subject CHECK ({SUBJECT})"),
            ] {
                db.execute_unprepared(sql).await?;
            }
        }
        for sql in NEW_INDEXES {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        if db.get_database_backend() == DbBackend::Sqlite {
            return rebuild(m, true).await;
        }
        for sql in [
            "DELETE FROM follow_ups WHERE customer_id IS NULL",
            "DROP INDEX ix_follow_ups_lead",
            "DROP INDEX ix_follow_ups_subject",
            "ALTER TABLE follow_ups DROP CONSTRAINT ck_follow_ups_subject",
            "ALTER TABLE follow_ups DROP COLUMN lead_id",
            "ALTER TABLE follow_ups ALTER COLUMN customer_id SET NOT NULL",
        ] {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }
}
