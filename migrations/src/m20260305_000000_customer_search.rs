//! Fast fuzzy search (CUS-4) and list indexes for 1M customers.
//!
//! `search_text` is one lowercase text per customer holding its name, code, phone, e-mail
//! and its live contacts' names and phones, kept current by the services that change any
//! of them. PostgreSQL indexes it with pg_trgm (GIN), so `LIKE '%q%'` uses the index;
//! SQLite has an external-content FTS5 trigram table over it, keyed by `seq`, a stable
//! integer (the implicit rowid may change on VACUUM). Sort indexes end with `id`, the
//! list's tie-breaker, so a page is read in index order without a sort.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Customers { Table, Id, Seq, SearchText, OwnerId, Pool, UpdatedAt, CreatedAt, NextFollowUpAt, LastFollowUpAt, Name }

fn idx(name: &str, cols: Vec<Customers>) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(Customers::Table);
    for c in cols {
        i.col(c);
    }
    i.to_owned()
}

/// Replaced by the same columns plus `id`.
const OLD_INDEXES: &[&str] = &["idx_customers_owner_pool_updated", "idx_customers_pool_updated", "idx_customers_created_at", "idx_customers_next_follow_up"];
const NEW_INDEXES: &[&str] = &[
    "idx_customers_owner_pool_upd_id", "idx_customers_pool_upd_id", "idx_customers_updated", "idx_customers_created_id",
    "idx_customers_next_follow_up_id", "idx_customers_last_follow_up", "idx_customers_owner_updated", "idx_customers_name",
];

const SQLITE_FTS: &[&str] = &[
    "CREATE VIRTUAL TABLE customers_fts USING fts5(search_text, content='customers', content_rowid='seq', tokenize='trigram')",
    "CREATE TRIGGER customers_fts_ai AFTER INSERT ON customers BEGIN \
       INSERT INTO customers_fts(rowid, search_text) VALUES (new.seq, new.search_text); END",
    "CREATE TRIGGER customers_fts_ad AFTER DELETE ON customers BEGIN \
       INSERT INTO customers_fts(customers_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text); END",
    "CREATE TRIGGER customers_fts_au AFTER UPDATE OF search_text ON customers BEGIN \
       INSERT INTO customers_fts(customers_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text); \
       INSERT INTO customers_fts(rowid, search_text) VALUES (new.seq, new.search_text); END",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let backend = db.get_database_backend();
        m.alter_table(Table::alter().table(Customers::Table).add_column(ColumnDef::new(Customers::Seq).big_integer().not_null().default(0)).to_owned()).await?;
        m.alter_table(Table::alter().table(Customers::Table).add_column(ColumnDef::new(Customers::SearchText).text().not_null().default("")).to_owned()).await?;
        // Existing rows: the code's number is the sequence value it was made from.
        let contacts_agg = match backend {
            DbBackend::Postgres => "string_agg(lower(coalesce(ct.name,'') || ' ' || coalesce(ct.phone,'') || ' ' || coalesce(ct.mobile,'')), ' ')",
            _ => "group_concat(lower(coalesce(ct.name,'') || ' ' || coalesce(ct.phone,'') || ' ' || coalesce(ct.mobile,'')), ' ')",
        };
        db.execute_unprepared(&format!(
            "UPDATE customers SET seq = CAST(substr(code, 2) AS BIGINT), \
             search_text = lower(name || ' ' || code || ' ' || coalesce(phone,'') || ' ' || coalesce(email,'')) || ' ' || \
               coalesce((SELECT {contacts_agg} FROM contacts ct WHERE ct.customer_id = customers.id AND ct.deleted_at IS NULL), '')"
        ))
        .await?;
        m.create_index(Index::create().name("idx_customers_seq").table(Customers::Table).col(Customers::Seq).unique().to_owned()).await?;
        match backend {
            DbBackend::Postgres => {
                db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS pg_trgm").await?;
                db.execute_unprepared("CREATE INDEX idx_customers_search_trgm ON customers USING gin (search_text gin_trgm_ops)").await?;
            }
            _ => {
                for stmt in SQLITE_FTS {
                    db.execute_unprepared(stmt).await?;
                }
                db.execute_unprepared("INSERT INTO customers_fts(customers_fts) VALUES ('rebuild')").await?;
            }
        }
        use Customers as C;
        // New names, then the old ones dropped: re-creating an index under the name just
        // dropped proved flaky on SQLite with a connection pool.
        m.create_index(idx("idx_customers_owner_pool_upd_id", vec![C::OwnerId, C::Pool, C::UpdatedAt, C::Id])).await?;
        m.create_index(idx("idx_customers_pool_upd_id", vec![C::Pool, C::UpdatedAt, C::Id])).await?;
        m.create_index(idx("idx_customers_updated", vec![C::UpdatedAt, C::Id])).await?;
        m.create_index(idx("idx_customers_created_id", vec![C::CreatedAt, C::Id])).await?;
        m.create_index(idx("idx_customers_next_follow_up_id", vec![C::NextFollowUpAt, C::Id])).await?;
        m.create_index(idx("idx_customers_last_follow_up", vec![C::LastFollowUpAt, C::Id])).await?;
        m.create_index(idx("idx_customers_owner_updated", vec![C::OwnerId, C::UpdatedAt, C::Id])).await?;
        m.create_index(idx("idx_customers_name", vec![C::Name, C::Id])).await?;
        for name in OLD_INDEXES {
            m.drop_index(Index::drop().name(*name).table(C::Table).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        if db.get_database_backend() == DbBackend::Sqlite {
            db.execute_unprepared("DROP TABLE IF EXISTS customers_fts").await?;
            for t in ["customers_fts_ai", "customers_fts_ad", "customers_fts_au"] {
                db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {t}")).await?;
            }
        }
        for name in NEW_INDEXES.iter().chain(&["idx_customers_seq"]) {
            m.drop_index(Index::drop().name(*name).table(Customers::Table).to_owned()).await?;
        }
        m.alter_table(Table::alter().table(Customers::Table).drop_column(Customers::SearchText).to_owned()).await?;
        m.alter_table(Table::alter().table(Customers::Table).drop_column(Customers::Seq).to_owned()).await
    }
}
