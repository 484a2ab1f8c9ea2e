pub mod payment_plan {
    crate::record_table!("payment_plans" {
        /// How the recycle bin and the operation log name it: `HT-2026-000123 #2`.
        pub label: String,
        pub contract_id: Uuid,
        /// The contract's customer, kept for the customer's page and the ageing report.
        pub customer_id: Uuid,
        pub instalment: i32,
        pub due_date: Date,
        pub amount_minor: i64,
        /// The confirmed payments naming this instalment.
        pub received_minor: i64,
        pub remark: Option<String>,
    });
}

pub mod payment {
    crate::record_table!("payments" {
        /// `HK-<year>-<six digits>`.
        pub number: String,
        pub contract_id: Uuid,
        pub customer_id: Uuid,
        pub plan_id: Option<Uuid>,
        pub amount_minor: i64,
        /// The contract's.
        pub currency: String,
        pub received_date: Date,
        pub method: Option<String>,
        pub reference: Option<String>,
        pub remark: Option<String>,
        /// `crm_domain::receivables::PaymentStatus`.
        pub status: String,
        pub confirmed_at: Option<DateTimeUtc>,
        /// Submitted beyond the contract's outstanding amount by a holder of `payments:override`.
        pub overridden: bool,
    });
}

pub mod invoice {
    crate::record_table!("invoices" {
        /// `FP-<year>-<six digits>`.
        pub number: String,
        pub contract_id: Uuid,
        pub customer_id: Uuid,
        /// `crm_domain::receivables::InvoiceType`.
        pub kind: String,
        pub title_type: String,
        pub title: String,
        pub tax_number: Option<String>,
        pub bank: Option<String>,
        pub bank_account: Option<String>,
        pub address_phone: Option<String>,
        pub amount_minor: i64,
        /// Hundredths of a percent.
        pub tax_bp: i32,
        pub tax_minor: i64,
        pub currency: String,
        pub issue_date: Option<Date>,
        /// `crm_domain::receivables::InvoiceStatus`.
        pub status: String,
        pub issued_at: Option<DateTimeUtc>,
        pub void_reason: Option<String>,
        pub voided_at: Option<DateTimeUtc>,
        pub remark: Option<String>,
        pub overridden: bool,
    });
}

pub mod invoice_title {
    use sea_orm::entity::prelude::*;

    /// A customer's invoicing details as last used, offered for its next invoice.
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "invoice_titles")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub customer_id: Uuid,
        pub title_type: String,
        pub title: String,
        pub tax_number: Option<String>,
        pub bank: Option<String>,
        pub bank_account: Option<String>,
        pub address_phone: Option<String>,
        pub used_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
