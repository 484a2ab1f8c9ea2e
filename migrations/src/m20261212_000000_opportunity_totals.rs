//! Per owner and stage, how many live opportunities there are and their amount and
//! weighted amount, kept by the database itself: triggers on `opportunities` move a row's
//! contribution whenever it is created, deleted (softly or not), restored, moved to
//! another stage or owner, or its amount or probability changes, so no write path of the
//! application (or a later one, an import, a script) can leave the totals behind. The
//! funnel and board for everyone then read a few thousand rows instead of adding up a
//! million opportunities.
//!
//! Amounts are minor units; the weighted amount is Σ amount × probability (percent), in
//! NUMERIC on PostgreSQL so a large sum cannot overflow. PostgreSQL's triggers run once per
//! statement over its changed rows; SQLite has only row triggers (and updates rows in
//! place, so a row per change costs it no bloat).

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
    // One statement's rows are added up first and applied per owner and stage in key order:
    // a million-row INSERT writes a few thousand totals once (not a new row version per
    // opportunity), an edit that moves nothing writes none, and concurrent statements lock
    // the totals they share in the same order.
    "CREATE FUNCTION opportunity_stage_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO opportunity_stage_totals AS t (owner_id, stage_id, opportunities, amount_minor, weighted)
            SELECT owner_id, stage_id, COUNT(*), SUM(amount_minor), SUM(amount_minor::numeric * probability)
              FROM new_rows WHERE deleted_at IS NULL GROUP BY owner_id, stage_id ORDER BY owner_id, stage_id
            ON CONFLICT (owner_id, stage_id) DO UPDATE
               SET opportunities = t.opportunities + EXCLUDED.opportunities,
                   amount_minor = t.amount_minor + EXCLUDED.amount_minor,
                   weighted = t.weighted + EXCLUDED.weighted;
        ELSIF TG_OP = 'DELETE' THEN
            UPDATE opportunity_stage_totals AS t
               SET opportunities = t.opportunities - d.n, amount_minor = t.amount_minor - d.a, weighted = t.weighted - d.w
              FROM (SELECT owner_id, stage_id, COUNT(*) AS n, SUM(amount_minor) AS a, SUM(amount_minor::numeric * probability) AS w
                      FROM old_rows WHERE deleted_at IS NULL GROUP BY owner_id, stage_id ORDER BY owner_id, stage_id) d
             WHERE t.owner_id = d.owner_id AND t.stage_id = d.stage_id;
        ELSE
            INSERT INTO opportunity_stage_totals AS t (owner_id, stage_id, opportunities, amount_minor, weighted)
            SELECT owner_id, stage_id, SUM(n), SUM(a), SUM(w) FROM (
                SELECT owner_id, stage_id, 1 AS n, amount_minor::numeric AS a, amount_minor::numeric * probability AS w
                  FROM new_rows WHERE deleted_at IS NULL
                UNION ALL
                SELECT owner_id, stage_id, -1, -amount_minor::numeric, -(amount_minor::numeric * probability)
                  FROM old_rows WHERE deleted_at IS NULL
            ) moved GROUP BY owner_id, stage_id
            HAVING SUM(n) <> 0 OR SUM(a) <> 0 OR SUM(w) <> 0
            ORDER BY owner_id, stage_id
            ON CONFLICT (owner_id, stage_id) DO UPDATE
               SET opportunities = t.opportunities + EXCLUDED.opportunities,
                   amount_minor = t.amount_minor + EXCLUDED.amount_minor,
                   weighted = t.weighted + EXCLUDED.weighted;
        END IF;
        RETURN NULL;
    END $$",
    "CREATE TRIGGER opportunity_stage_totals_insert AFTER INSERT ON opportunities
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION opportunity_stage_totals_apply()",
    "CREATE TRIGGER opportunity_stage_totals_update AFTER UPDATE ON opportunities
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION opportunity_stage_totals_apply()",
    "CREATE TRIGGER opportunity_stage_totals_delete AFTER DELETE ON opportunities
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION opportunity_stage_totals_apply()",
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
                "DROP TRIGGER opportunity_stage_totals_delete ON opportunities",
                "DROP TRIGGER opportunity_stage_totals_insert ON opportunities",
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
