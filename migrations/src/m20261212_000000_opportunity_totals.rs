//! Per owner and stage, how many live opportunities there are and their amount and
//! weighted amount, kept by the database itself: triggers on `opportunities` move a row's
//! contribution whenever it is created, deleted (softly or not), restored, moved to
//! another stage or owner, or its amount or probability changes, so no write path of the
//! application (or a later one, an import, a script) can leave the totals behind. The
//! funnel and board for everyone then read a few thousand rows instead of adding up a
//! million opportunities.
//!
//! Amounts are minor units; the weighted amount is Σ amount × probability (percent), in
//! NUMERIC on PostgreSQL so a large sum cannot overflow.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const POSTGRES: &[&str] = &[
    "CREATE TABLE opportunity_stage_totals (
        owner_id uuid NOT NULL,
        stage_id uuid NOT NULL,
        opportunities bigint NOT NULL,
        amount_minor numeric NOT NULL,
        weighted numeric NOT NULL,
        PRIMARY KEY (owner_id, stage_id)
    )",
    "CREATE FUNCTION opportunity_stage_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL THEN
            UPDATE opportunity_stage_totals
               SET opportunities = opportunities - 1,
                   amount_minor = amount_minor - OLD.amount_minor,
                   weighted = weighted - OLD.amount_minor::numeric * OLD.probability
             WHERE owner_id = OLD.owner_id AND stage_id = OLD.stage_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.deleted_at IS NULL THEN
            INSERT INTO opportunity_stage_totals AS t (owner_id, stage_id, opportunities, amount_minor, weighted)
            VALUES (NEW.owner_id, NEW.stage_id, 1, NEW.amount_minor, NEW.amount_minor::numeric * NEW.probability)
            ON CONFLICT (owner_id, stage_id) DO UPDATE
               SET opportunities = t.opportunities + 1,
                   amount_minor = t.amount_minor + EXCLUDED.amount_minor,
                   weighted = t.weighted + EXCLUDED.weighted;
        END IF;
        RETURN NULL;
    END $$",
    "CREATE TRIGGER opportunity_stage_totals_insert_delete AFTER INSERT OR DELETE ON opportunities
        FOR EACH ROW EXECUTE FUNCTION opportunity_stage_totals_apply()",
    // Edits that leave the counted columns alone (a rename, a card's position) do not touch
    // the totals, so they do not queue behind each other on an owner's row.
    "CREATE TRIGGER opportunity_stage_totals_update AFTER UPDATE ON opportunities
        FOR EACH ROW WHEN (OLD.owner_id IS DISTINCT FROM NEW.owner_id OR OLD.stage_id IS DISTINCT FROM NEW.stage_id
            OR OLD.amount_minor IS DISTINCT FROM NEW.amount_minor OR OLD.probability IS DISTINCT FROM NEW.probability
            OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
        EXECUTE FUNCTION opportunity_stage_totals_apply()",
    "INSERT INTO opportunity_stage_totals (owner_id, stage_id, opportunities, amount_minor, weighted)
        SELECT owner_id, stage_id, COUNT(*), SUM(amount_minor), SUM(amount_minor::numeric * probability)
          FROM opportunities WHERE deleted_at IS NULL GROUP BY owner_id, stage_id",
];

const ADD_SQLITE: &str = "INSERT INTO opportunity_stage_totals (owner_id, stage_id, opportunities, amount_minor, weighted)
        SELECT NEW.owner_id, NEW.stage_id, 1, NEW.amount_minor, NEW.amount_minor * NEW.probability WHERE NEW.deleted_at IS NULL
        ON CONFLICT (owner_id, stage_id) DO UPDATE
           SET opportunities = opportunities + 1,
               amount_minor = amount_minor + excluded.amount_minor,
               weighted = weighted + excluded.weighted;";

const SUBTRACT_SQLITE: &str = "UPDATE opportunity_stage_totals
           SET opportunities = opportunities - 1,
               amount_minor = amount_minor - OLD.amount_minor,
               weighted = weighted - OLD.amount_minor * OLD.probability
         WHERE OLD.deleted_at IS NULL AND owner_id = OLD.owner_id AND stage_id = OLD.stage_id;";

fn sqlite() -> Vec<String> {
    vec![
        "CREATE TABLE opportunity_stage_totals (
            owner_id uuid_text NOT NULL,
            stage_id uuid_text NOT NULL,
            opportunities INTEGER NOT NULL,
            amount_minor INTEGER NOT NULL,
            weighted INTEGER NOT NULL,
            PRIMARY KEY (owner_id, stage_id)
        ) WITHOUT ROWID"
            .to_string(),
        format!("CREATE TRIGGER opportunity_stage_totals_insert AFTER INSERT ON opportunities BEGIN {ADD_SQLITE} END"),
        format!("CREATE TRIGGER opportunity_stage_totals_delete AFTER DELETE ON opportunities BEGIN {SUBTRACT_SQLITE} END"),
        format!(
            "CREATE TRIGGER opportunity_stage_totals_update AFTER UPDATE ON opportunities
                WHEN OLD.owner_id IS NOT NEW.owner_id OR OLD.stage_id IS NOT NEW.stage_id OR OLD.amount_minor IS NOT NEW.amount_minor
                  OR OLD.probability IS NOT NEW.probability OR OLD.deleted_at IS NOT NEW.deleted_at
             BEGIN {SUBTRACT_SQLITE} {ADD_SQLITE} END"
        ),
        "INSERT INTO opportunity_stage_totals (owner_id, stage_id, opportunities, amount_minor, weighted)
            SELECT owner_id, stage_id, COUNT(*), SUM(amount_minor), SUM(amount_minor * probability)
              FROM opportunities WHERE deleted_at IS NULL GROUP BY owner_id, stage_id"
            .to_string(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let statements: Vec<String> = match db.get_database_backend() {
            DbBackend::Postgres => POSTGRES.iter().map(|s| String::from(*s)).collect(),
            _ => sqlite(),
        };
        for sql in statements {
            db.execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let statements: &[&str] = match db.get_database_backend() {
            DbBackend::Postgres => &[
                "DROP TRIGGER opportunity_stage_totals_update ON opportunities",
                "DROP TRIGGER opportunity_stage_totals_insert_delete ON opportunities",
                "DROP FUNCTION opportunity_stage_totals_apply()",
                "DROP TABLE opportunity_stage_totals",
            ],
            _ => &[
                "DROP TRIGGER opportunity_stage_totals_update",
                "DROP TRIGGER opportunity_stage_totals_delete",
                "DROP TRIGGER opportunity_stage_totals_insert",
                "DROP TABLE opportunity_stage_totals",
            ],
        };
        for sql in statements {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }
}
