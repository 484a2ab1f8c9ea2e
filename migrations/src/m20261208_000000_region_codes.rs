//! Regions as codes with their names (GB/T 2260, `crm_domain::regions`): customers and
//! suppliers gain `region_code`, indexed for the region filter, and the rows whose names
//! are already a region of the data set (what the region picker wrote) get its code.
//! Names that are not (free text like 杭州, places abroad) stay as they are, without one.

use crm_domain::regions;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement, Value};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Customers { Table, RegionCode }

#[derive(DeriveIden)]
enum Suppliers { Table, RegionCode }

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(Customers::Table).add_column(ColumnDef::new(Customers::RegionCode).string_len(6).null()).to_owned()).await?;
        m.alter_table(Table::alter().table(Suppliers::Table).add_column(ColumnDef::new(Suppliers::RegionCode).string_len(6).null()).to_owned()).await?;
        m.create_index(Index::create().name("idx_customers_region_code").table(Customers::Table).col(Customers::RegionCode).to_owned()).await?;
        m.create_index(Index::create().name("idx_suppliers_region_code").table(Suppliers::Table).col(Suppliers::RegionCode).to_owned()).await?;
        backfill(m, "customers", "province, city, district").await?;
        backfill(m, "suppliers", "province, city, NULL").await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("idx_suppliers_region_code").table(Suppliers::Table).to_owned()).await?;
        m.drop_index(Index::drop().name("idx_customers_region_code").table(Customers::Table).to_owned()).await?;
        m.alter_table(Table::alter().table(Suppliers::Table).drop_column(Suppliers::RegionCode).to_owned()).await?;
        m.alter_table(Table::alter().table(Customers::Table).drop_column(Customers::RegionCode).to_owned()).await
    }
}

/// One update per distinct set of names that is a region; a table of any size holds at
/// most a few thousand such sets.
async fn backfill(m: &SchemaManager<'_>, table: &str, names: &str) -> Result<(), DbErr> {
    let db = m.get_connection();
    let backend = db.get_database_backend();
    let distinct = format!("SELECT DISTINCT {names} FROM {table} WHERE province IS NOT NULL");
    for row in db.query_all(Statement::from_string(backend, distinct)).await? {
        let level = |i: usize| row.try_get_by_index::<Option<String>>(i).ok().flatten();
        let (province, city, district) = (level(0), level(1), level(2));
        let Some(code) = regions::code_of(province.as_deref(), city.as_deref(), district.as_deref()) else { continue };
        let same = |column: &str, n: usize| if n == 0 { format!("{column} IS NULL") } else { format!("{column} = ${n}") };
        let mut values: Vec<Value> = vec![Value::from(code)];
        let mut conditions = Vec::new();
        for (column, v) in [("province", province), ("city", city), ("district", district)] {
            if column == "district" && !names.contains("district") {
                continue;
            }
            match v {
                Some(v) => {
                    values.push(Value::from(v));
                    conditions.push(same(column, values.len()));
                }
                None => conditions.push(same(column, 0)),
            }
        }
        let sql = format!("UPDATE {table} SET region_code = $1 WHERE {}", conditions.join(" AND "));
        let sql = if backend == DbBackend::Postgres { sql } else { sql.replace('$', "?") };
        db.execute(Statement::from_sql_and_values(backend, sql, values)).await?;
    }
    Ok(())
}
