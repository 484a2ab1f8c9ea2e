//! Which default permissions of a built-in role the server has granted it, so that each
//! module's permissions reach the built-in roles once, on the upgrade that brings the
//! module, and a permission an administrator took away later stays away (bootstrap).
//!
//! An install that predates this table has been offered every default of its built-in
//! roles except those of customer groups (CUS-3), which arrived without reaching existing
//! installs: those are recorded as granted, so the next start grants customer groups.

use crm_domain::permissions::BUILTIN_ROLES;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement, Value};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum BuiltinRoleGrants { Table, RoleName, Code }

/// The module whose permissions no existing install has been offered.
const NOT_YET_OFFERED: &str = "customer_groups:";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(BuiltinRoleGrants::Table)
                .col(ColumnDef::new(BuiltinRoleGrants::RoleName).string_len(64).not_null())
                .col(ColumnDef::new(BuiltinRoleGrants::Code).string_len(128).not_null())
                .primary_key(Index::create().col(BuiltinRoleGrants::RoleName).col(BuiltinRoleGrants::Code))
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        let backend = db.get_database_backend();
        for b in BUILTIN_ROLES {
            let exists = db
                .query_one(Statement::from_sql_and_values(backend, q(backend, "SELECT 1 FROM roles WHERE name = $1 AND builtin"), [Value::from(b.name)]))
                .await?
                .is_some();
            if !exists {
                continue;
            }
            for code in (b.permissions)().into_iter().filter(|c| !c.starts_with(NOT_YET_OFFERED)) {
                let insert = q(backend, "INSERT INTO builtin_role_grants (role_name, code) VALUES ($1, $2)");
                db.execute(Statement::from_sql_and_values(backend, insert, [Value::from(b.name), Value::from(code)])).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(BuiltinRoleGrants::Table).to_owned()).await
    }
}

/// `$n` placeholders as the backend writes them.
fn q(backend: sea_orm_migration::sea_orm::DbBackend, sql: &str) -> String {
    if backend == sea_orm_migration::sea_orm::DbBackend::Postgres {
        sql.to_string()
    } else {
        sql.replace("$1", "?").replace("$2", "?")
    }
}
