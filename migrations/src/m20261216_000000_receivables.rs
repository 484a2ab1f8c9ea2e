//! The money owed on contracts (CON-2, CON-5): payment plans, payments received, invoices,
//! a customer's remembered invoice titles, and on each contract what it has received and
//! invoiced (kept in the same transaction as the payment or invoice that moves it, so a
//! list of contracts reads them without summing a million payments).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Contracts { Table, Id, ReceivedMinor, InvoicedMinor }

#[derive(DeriveIden)]
enum Customers { Table, Id }

#[derive(DeriveIden)]
enum PaymentPlans {
    Table, Id, Label, ContractId, CustomerId, Instalment, DueDate, AmountMinor, ReceivedMinor, Remark,
}

#[derive(DeriveIden)]
enum Payments {
    Table, Id, Number, ContractId, CustomerId, PlanId, AmountMinor, Currency, ReceivedDate, Method, Reference, Remark, Status, ConfirmedAt, Overridden,
}

#[derive(DeriveIden)]
enum Invoices {
    Table, Id, Number, ContractId, CustomerId, Kind, TitleType, Title, TaxNumber, Bank, BankAccount, AddressPhone, AmountMinor, TaxBp, TaxMinor,
    Currency, IssueDate, Status, IssuedAt, VoidReason, VoidedAt, Remark, Overridden,
}

#[derive(DeriveIden)]
enum InvoiceTitles { Table, Id, CustomerId, TitleType, Title, TaxNumber, Bank, BankAccount, AddressPhone, UsedAt }

#[derive(DeriveIden)]
enum House { Version, CreatedBy, CreatedAt, UpdatedAt, DeletedAt, DeletedBy }

/// The columns every kit record ends with.
fn house(t: &mut TableCreateStatement) -> &mut TableCreateStatement {
    t.col(ColumnDef::new(House::Version).integer().not_null().default(1))
        .col(ColumnDef::new(House::CreatedBy).uuid().null())
        .col(ColumnDef::new(House::CreatedAt).timestamp_with_time_zone().not_null())
        .col(ColumnDef::new(House::UpdatedAt).timestamp_with_time_zone().not_null())
        .col(ColumnDef::new(House::DeletedAt).timestamp_with_time_zone().null())
        .col(ColumnDef::new(House::DeletedBy).uuid().null())
}

fn money<T: IntoIden>(c: T) -> ColumnDef {
    ColumnDef::new(c).big_integer().not_null().default(0).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [Contracts::ReceivedMinor, Contracts::InvoicedMinor] {
            m.alter_table(Table::alter().table(Contracts::Table).add_column(money(col)).to_owned()).await?;
        }
        use PaymentPlans as P;
        m.create_table(
            house(
                Table::create()
                    .table(P::Table)
                    .col(ColumnDef::new(P::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(P::Label).string_len(60).not_null())
                    .col(ColumnDef::new(P::ContractId).uuid().not_null())
                    .col(ColumnDef::new(P::CustomerId).uuid().not_null())
                    .col(ColumnDef::new(P::Instalment).integer().not_null())
                    .col(ColumnDef::new(P::DueDate).date().not_null())
                    .col(money(P::AmountMinor))
                    .col(money(P::ReceivedMinor))
                    .col(ColumnDef::new(P::Remark).string_len(500).null()),
            )
            .foreign_key(ForeignKey::create().from(P::Table, P::ContractId).to(Contracts::Table, Contracts::Id))
            .foreign_key(ForeignKey::create().from(P::Table, P::CustomerId).to(Customers::Table, Customers::Id))
            .to_owned(),
        )
        .await?;
        use Payments as Y;
        m.create_table(
            house(
                Table::create()
                    .table(Y::Table)
                    .col(ColumnDef::new(Y::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Y::Number).string_len(30).not_null().unique_key())
                    .col(ColumnDef::new(Y::ContractId).uuid().not_null())
                    .col(ColumnDef::new(Y::CustomerId).uuid().not_null())
                    .col(ColumnDef::new(Y::PlanId).uuid().null())
                    .col(money(Y::AmountMinor))
                    .col(ColumnDef::new(Y::Currency).string_len(3).not_null())
                    .col(ColumnDef::new(Y::ReceivedDate).date().not_null())
                    .col(ColumnDef::new(Y::Method).string_len(64).null())
                    .col(ColumnDef::new(Y::Reference).string_len(100).null())
                    .col(ColumnDef::new(Y::Remark).string_len(500).null())
                    .col(ColumnDef::new(Y::Status).string_len(12).not_null())
                    .col(ColumnDef::new(Y::ConfirmedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(Y::Overridden).boolean().not_null().default(false)),
            )
            .foreign_key(ForeignKey::create().from(Y::Table, Y::ContractId).to(Contracts::Table, Contracts::Id))
            .foreign_key(ForeignKey::create().from(Y::Table, Y::PlanId).to(P::Table, P::Id))
            .to_owned(),
        )
        .await?;
        use Invoices as I;
        m.create_table(
            house(
                Table::create()
                    .table(I::Table)
                    .col(ColumnDef::new(I::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(I::Number).string_len(30).not_null().unique_key())
                    .col(ColumnDef::new(I::ContractId).uuid().not_null())
                    .col(ColumnDef::new(I::CustomerId).uuid().not_null())
                    .col(ColumnDef::new(I::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(I::TitleType).string_len(10).not_null())
                    .col(ColumnDef::new(I::Title).string_len(200).not_null())
                    .col(ColumnDef::new(I::TaxNumber).string_len(20).null())
                    .col(ColumnDef::new(I::Bank).string_len(100).null())
                    .col(ColumnDef::new(I::BankAccount).string_len(50).null())
                    .col(ColumnDef::new(I::AddressPhone).string_len(200).null())
                    .col(money(I::AmountMinor))
                    .col(ColumnDef::new(I::TaxBp).integer().not_null().default(0))
                    .col(money(I::TaxMinor))
                    .col(ColumnDef::new(I::Currency).string_len(3).not_null())
                    .col(ColumnDef::new(I::IssueDate).date().null())
                    .col(ColumnDef::new(I::Status).string_len(12).not_null())
                    .col(ColumnDef::new(I::IssuedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(I::VoidReason).string_len(500).null())
                    .col(ColumnDef::new(I::VoidedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(I::Remark).string_len(500).null())
                    .col(ColumnDef::new(I::Overridden).boolean().not_null().default(false)),
            )
            .foreign_key(ForeignKey::create().from(I::Table, I::ContractId).to(Contracts::Table, Contracts::Id))
            .to_owned(),
        )
        .await?;
        use InvoiceTitles as T;
        m.create_table(
            Table::create()
                .table(T::Table)
                .col(ColumnDef::new(T::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(T::CustomerId).uuid().not_null())
                .col(ColumnDef::new(T::TitleType).string_len(10).not_null())
                .col(ColumnDef::new(T::Title).string_len(200).not_null())
                .col(ColumnDef::new(T::TaxNumber).string_len(20).null())
                .col(ColumnDef::new(T::Bank).string_len(100).null())
                .col(ColumnDef::new(T::BankAccount).string_len(50).null())
                .col(ColumnDef::new(T::AddressPhone).string_len(200).null())
                .col(ColumnDef::new(T::UsedAt).timestamp_with_time_zone().not_null())
                .foreign_key(ForeignKey::create().from(T::Table, T::CustomerId).to(Customers::Table, Customers::Id))
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        for sql in [
            // One instalment number per contract among live plans.
            "CREATE UNIQUE INDEX ux_payment_plans_instalment ON payment_plans (contract_id, instalment) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_payment_plans_live_updated ON payment_plans (updated_at, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_payment_plans_due ON payment_plans (due_date, id) WHERE deleted_at IS NULL",
            // What is still owed, by due date: overdue lists, the ageing report, reminders.
            "CREATE INDEX ix_payment_plans_open ON payment_plans (due_date, id) WHERE deleted_at IS NULL AND received_minor < amount_minor",
            // A contract's instalments, and a rep's (through their contracts) by due date.
            "CREATE INDEX ix_payment_plans_contract ON payment_plans (contract_id, due_date, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_payment_plans_customer ON payment_plans (customer_id, due_date)",
            // A contract's payments, and a rep's (through their contracts): index-only counts.
            "CREATE INDEX ix_payments_contract ON payments (contract_id, updated_at, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_payments_customer ON payments (customer_id, received_date)",
            "CREATE INDEX ix_payments_plan ON payments (plan_id)",
            "CREATE INDEX ix_payments_live_updated ON payments (updated_at, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_payments_live_created ON payments (created_at, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_payments_received ON payments (received_date, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_payments_amount ON payments (amount_minor, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_payments_status ON payments (status, received_date) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_invoices_contract ON invoices (contract_id, updated_at, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_invoices_customer ON invoices (customer_id, issue_date)",
            "CREATE INDEX ix_invoices_live_updated ON invoices (updated_at, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_invoices_live_created ON invoices (created_at, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_invoices_issue ON invoices (issue_date, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_invoices_amount ON invoices (amount_minor, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_invoices_status ON invoices (status, issue_date) WHERE deleted_at IS NULL",
            "CREATE UNIQUE INDEX ux_invoice_titles ON invoice_titles (customer_id, title_type, title)",
            // Whose contracts a rep sees, index-only: the scope of their plans, payments and invoices.
            "CREATE INDEX ix_contracts_owner_id ON contracts (owner_id, id) WHERE deleted_at IS NULL",
        ] {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["invoice_titles", "invoices", "payments", "payment_plans"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        for col in [Contracts::ReceivedMinor, Contracts::InvoicedMinor] {
            m.alter_table(Table::alter().table(Contracts::Table).drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}
