//! Amendments of active contracts [合同变更] (CON-3): what was asked to change, the contract's
//! values before and after, and where its approval stands. The contract itself changes only
//! when the amendment is approved, in the approving action's transaction.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Contracts { Table, Id }

#[derive(DeriveIden)]
enum Users { Table, Id }

#[derive(DeriveIden)]
enum ContractAmendments {
    Table, Id, ContractId, Seq, Status, Reason, Amended, Before, After, ApplicantId, Version, CreatedAt, UpdatedAt, DecidedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ContractAmendments as A;
        let ts = |c: A| ColumnDef::new(c).timestamp_with_time_zone().not_null().to_owned();
        m.create_table(
            Table::create()
                .table(A::Table)
                .col(ColumnDef::new(A::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(A::ContractId).uuid().not_null())
                .col(ColumnDef::new(A::Seq).integer().not_null())
                .col(ColumnDef::new(A::Status).string_len(16).not_null())
                .col(ColumnDef::new(A::Reason).string_len(500).not_null())
                .col(ColumnDef::new(A::Amended).json_binary().not_null())
                .col(ColumnDef::new(A::Before).json_binary().not_null())
                .col(ColumnDef::new(A::After).json_binary().not_null())
                .col(ColumnDef::new(A::ApplicantId).uuid().not_null())
                .col(ColumnDef::new(A::Version).integer().not_null().default(1))
                .col(ts(A::CreatedAt))
                .col(ts(A::UpdatedAt))
                .col(ColumnDef::new(A::DecidedAt).timestamp_with_time_zone().null())
                .foreign_key(ForeignKey::create().from(A::Table, A::ContractId).to(Contracts::Table, Contracts::Id))
                .foreign_key(ForeignKey::create().from(A::Table, A::ApplicantId).to(Users::Table, Users::Id))
                .to_owned(),
        )
        .await?;
        // A contract's amendments by number; the numbers are unique so two submissions at once
        // cannot take the same one.
        m.create_index(Index::create().name("ux_contract_amendments_seq").table(A::Table).col(A::ContractId).col(A::Seq).unique().to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ContractAmendments::Table).to_owned()).await
    }
}
