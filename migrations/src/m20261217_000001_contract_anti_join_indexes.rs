//! The few contracts the money queries leave out, indexed on their own: the deleted ones
//! (`policy::child_of`'s anti-join for a caller who sees everyone) and those not in force
//! (`plans::of_contracts_in_force`). Without them each such anti-join scanned all contracts
//! to find none (two parallel scans of 200,000 rows in everyone's ageing report).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: [(&str, &str); 2] = [
    ("ix_contracts_deleted", "CREATE INDEX ix_contracts_deleted ON contracts (id) WHERE deleted_at IS NOT NULL"),
    ("ix_contracts_not_in_force", "CREATE INDEX ix_contracts_not_in_force ON contracts (id) WHERE status IN ('draft', 'pending', 'void')"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (_, sql) in INDEXES {
            m.get_connection().execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, _) in INDEXES {
            m.get_connection().execute_unprepared(&format!("DROP INDEX IF EXISTS {name}")).await?;
        }
        Ok(())
    }
}
