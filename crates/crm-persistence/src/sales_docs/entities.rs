pub mod quote {
    crate::record_table!("quotes" {
        /// `QT-<year>-<six digits>`.
        pub number: String,
        pub customer_id: Uuid,
        pub opportunity_id: Option<Uuid>,
        pub contact_id: Option<Uuid>,
        pub owner_id: Uuid,
        /// `crm_domain::sales_docs::QuoteStatus`.
        pub status: String,
        pub valid_until: Date,
        pub currency: String,
        pub subtotal_minor: i64,
        pub discount_minor: i64,
        pub tax_minor: i64,
        pub total_minor: i64,
        pub terms: Option<String>,
        pub remark: Option<String>,
        pub sent_at: Option<DateTimeUtc>,
        /// The quote as it was sent (JSON of `SentQuote`): what its PDF shows afterwards.
        pub sent_snapshot: Option<String>,
        /// When it was accepted, rejected or expired.
        pub decided_at: Option<DateTimeUtc>,
    });
}

pub mod order {
    crate::record_table!("orders" {
        /// `SO-<year>-<six digits>`.
        pub number: String,
        pub customer_id: Uuid,
        pub opportunity_id: Option<Uuid>,
        pub contact_id: Option<Uuid>,
        pub owner_id: Uuid,
        /// `crm_domain::sales_docs::OrderStatus`.
        pub status: String,
        pub currency: String,
        pub subtotal_minor: i64,
        pub discount_minor: i64,
        pub tax_minor: i64,
        pub total_minor: i64,
        pub terms: Option<String>,
        pub remark: Option<String>,
        pub quote_id: Option<Uuid>,
        pub order_date: Date,
        pub delivery_date: Option<Date>,
        pub shipping_address: Option<String>,
        pub confirmed_at: Option<DateTimeUtc>,
        pub delivered_at: Option<DateTimeUtc>,
        pub closed_at: Option<DateTimeUtc>,
        pub cancelled_at: Option<DateTimeUtc>,
    });
}

pub mod line {
    use sea_orm::entity::prelude::*;

    /// A line of a quote or an order (`doc_id` is the document's id).
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
    #[sea_orm(table_name = "document_lines")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub doc_id: Uuid,
        pub line_no: i32,
        pub product_id: Option<Uuid>,
        /// As written on the document (the product's name then, unless given).
        pub name: String,
        pub unit: Option<String>,
        /// Ten-thousandths.
        pub quantity: i64,
        pub unit_price_minor: i64,
        /// Hundredths of a percent.
        pub discount_bp: i32,
        pub tax_bp: i32,
        pub gross_minor: i64,
        pub subtotal_minor: i64,
        pub tax_minor: i64,
        pub total_minor: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod contract {
    crate::record_table!("contracts" {
        /// `HT-<year>-<six digits>`.
        pub number: String,
        pub name: String,
        pub customer_id: Uuid,
        pub opportunity_id: Option<Uuid>,
        /// The accepted quote it was made from.
        pub quote_id: Option<Uuid>,
        /// The customer's signatory (a contact).
        pub customer_signer_id: Option<Uuid>,
        /// Our signatory (a user).
        pub signer_id: Option<Uuid>,
        pub owner_id: Uuid,
        /// `crm_domain::contracts::ContractStatus`.
        pub status: String,
        pub currency: String,
        pub amount_minor: i64,
        pub subtotal_minor: i64,
        pub discount_minor: i64,
        pub tax_minor: i64,
        pub total_minor: i64,
        pub sign_date: Option<Date>,
        pub start_date: Option<Date>,
        pub end_date: Option<Date>,
        pub category: Option<String>,
        pub payment_terms: Option<String>,
        pub remark: Option<String>,
        /// When the approval made it active.
        pub activated_at: Option<DateTimeUtc>,
        /// When it was completed, terminated or voided.
        pub finished_at: Option<DateTimeUtc>,
        pub termination_reason: Option<String>,
        /// 存档: a finished contract put away.
        pub archived_at: Option<DateTimeUtc>,
        /// Its confirmed payments' total and its issued invoices' total, moved by the
        /// payment's or invoice's own transaction (`receivables::ledger`), never by an
        /// update of the contract.
        pub received_minor: i64,
        pub invoiced_minor: i64,
    });
}

/// Amendments of active contracts (migration `m20261217_000000_contract_amendments`).
pub mod amendment {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "contract_amendments")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub contract_id: Uuid,
        /// 1 for a contract's first amendment, then one more each.
        pub seq: i32,
        /// `crm_domain::contracts::AmendmentStatus`.
        pub status: String,
        pub reason: String,
        /// The contract as amended (`ContractInput`): what approval writes.
        pub amended: Json,
        /// The fields that change, as they were and as they will be.
        pub before: Json,
        pub after: Json,
        pub applicant_id: Uuid,
        pub version: i32,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub decided_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
