pub mod stage {
    crate::record_table!("pipeline_stages" {
        pub name_zh: String,
        pub name_en: String,
        pub probability: i32,
        pub sort_order: i32,
        /// `open`, `won` or `lost` (`crm_domain::opportunities::StageKind`).
        pub kind: String,
    });
}

pub mod opportunity {
    crate::record_table!("opportunities" {
        pub customer_id: Uuid,
        pub contact_id: Option<Uuid>,
        pub name: String,
        pub description: Option<String>,
        /// Minor units (分).
        pub amount_minor: i64,
        pub currency: String,
        pub expected_close_date: Option<Date>,
        pub stage_id: Uuid,
        /// The stage's kind when it entered it: `open`, `won` or `lost`.
        pub status: String,
        pub probability: i32,
        pub owner_id: Uuid,
        pub competitors: Option<String>,
        pub source: Option<String>,
        pub lost_reason: Option<String>,
        pub lost_note: Option<String>,
        pub closed_at: Option<DateTimeUtc>,
        /// The card's place in its board column, lower first.
        pub position: i64,
        pub stage_entered_at: DateTimeUtc,
    });
}

/// Per owner and stage, the live opportunities' count, amount and weighted amount, kept by
/// triggers (migration `m20261212_000000_opportunity_totals`); read, never written here.
pub mod stage_total {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "opportunity_stage_totals")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub owner_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub stage_id: Uuid,
        pub opportunities: i64,
        /// Minor units.
        pub amount_minor: Decimal,
        /// Σ amount_minor × probability.
        pub weighted: Decimal,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod line {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "opportunity_lines")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub opportunity_id: Uuid,
        pub line_no: i32,
        pub product_id: Uuid,
        /// The product's name when the line was written: a renamed or deleted product
        /// leaves what was offered as it was.
        pub product_name: String,
        /// Ten-thousandths.
        pub quantity: i64,
        pub unit_price_minor: i64,
        /// Hundredths of a percent.
        pub discount_bp: i32,
        pub subtotal_minor: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod history {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "opportunity_stage_history")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub opportunity_id: Uuid,
        /// None for the stage it was created in.
        pub from_stage_id: Option<Uuid>,
        pub to_stage_id: Uuid,
        pub by_id: Option<Uuid>,
        pub at: DateTimeUtc,
        /// How long it stayed in the stage it left.
        pub stayed_seconds: Option<i64>,
        pub note: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
