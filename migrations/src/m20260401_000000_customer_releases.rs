//! Who released a customer when, per person: the re-claim cooldown (CUS-7) holds for
//! everyone who released it within the window, not only the last one.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CustomerReleases { Table, CustomerId, UserId, ReleasedAt }

#[derive(DeriveIden)]
enum Customers { Table, Id, ReleasedBy, ReleasedAt }

#[derive(DeriveIden)]
enum Users { Table, Id }

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(CustomerReleases::Table)
                .col(ColumnDef::new(CustomerReleases::CustomerId).uuid().not_null())
                .col(ColumnDef::new(CustomerReleases::UserId).uuid().not_null())
                .col(ColumnDef::new(CustomerReleases::ReleasedAt).timestamp_with_time_zone().not_null())
                .primary_key(Index::create().col(CustomerReleases::CustomerId).col(CustomerReleases::UserId))
                .foreign_key(ForeignKey::create().from(CustomerReleases::Table, CustomerReleases::CustomerId).to(Customers::Table, Customers::Id).on_delete(ForeignKeyAction::Cascade))
                .foreign_key(ForeignKey::create().from(CustomerReleases::Table, CustomerReleases::UserId).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        // The last releaser each customer remembers so far.
        let copy = Query::insert()
            .into_table(CustomerReleases::Table)
            .columns([CustomerReleases::CustomerId, CustomerReleases::UserId, CustomerReleases::ReleasedAt])
            .select_from(
                Query::select()
                    .columns([Customers::Id, Customers::ReleasedBy, Customers::ReleasedAt])
                    .from(Customers::Table)
                    .and_where(Expr::col(Customers::ReleasedBy).is_not_null())
                    .and_where(Expr::col(Customers::ReleasedAt).is_not_null())
                    .to_owned(),
            )
            .map_err(|e| DbErr::Migration(e.to_string()))?
            .to_owned();
        m.exec_stmt(copy).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(CustomerReleases::Table).to_owned()).await
    }
}
