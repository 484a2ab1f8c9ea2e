//! Migrations written as SQL statements for one database alone: what sea-query's schema
//! builder cannot say (storage parameters, sequences, covering indexes) or what only one
//! of the two databases needs. Such a migration is a value of `OnBackend` in its own
//! file, named like every migration after that file.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

pub struct OnBackend {
    /// `file!()` of the migration's file, whose stem is the migration's name.
    pub file: &'static str,
    pub backend: DbBackend,
    pub up: &'static [&'static str],
    pub down: &'static [&'static str],
}

impl MigrationName for OnBackend {
    fn name(&self) -> &str {
        let stem = self.file.rsplit(['/', '\\']).next().unwrap_or(self.file);
        stem.strip_suffix(".rs").unwrap_or(stem)
    }
}

#[async_trait::async_trait]
impl MigrationTrait for OnBackend {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        self.run(m, self.up).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        self.run(m, self.down).await
    }
}

impl OnBackend {
    /// Runs `statements` in order when the database is this migration's; elsewhere nothing.
    async fn run(&self, m: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
        let db = m.get_connection();
        if db.get_database_backend() != self.backend {
            return Ok(());
        }
        for statement in statements {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_after_their_file_like_derived_migrations() {
        let m = OnBackend { file: "migrations/src/m20260326_000000_customer_search_pending_list.rs", backend: DbBackend::Postgres, up: &[], down: &[] };
        assert_eq!(m.name(), "m20260326_000000_customer_search_pending_list");
        let names: Vec<String> = crate::Migrator::migrations().iter().map(|m| m.name().to_string()).collect();
        assert!(names.contains(&"m20260320_000000_customer_code_sequence".to_string()), "{names:?}");
        assert!(names.iter().all(|n| n.starts_with('m') && !n.contains('/') && !n.ends_with(".rs")), "{names:?}");
    }
}
