//! The webhook tables (migration `m20261218_000000_webhooks`).

pub mod webhook {
    crate::record_table!("webhooks" {
        pub name: String,
        pub url: String,
        /// `Vec<String>`: event names or `*`.
        pub events: Json,
        pub secret_sealed: String,
        pub enabled: bool,
    });
}

pub mod event {
    use sea_orm::entity::prelude::*;

    /// One event for one webhook: the outbox row, written in the change's transaction.
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "webhook_events")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub webhook_id: Uuid,
        pub event: String,
        pub entity: String,
        pub record_id: Uuid,
        /// The JSON body exactly as it is sent (and signed) on every attempt.
        pub body: String,
        /// `pending`, `sending`, `delivered`, `failed` (retries ran out), `cancelled`
        /// (the webhook was turned off or deleted).
        pub status: String,
        pub attempts: i32,
        pub next_attempt_at: DateTimeUtc,
        /// While `sending`: the attempt's lease; a server that died mid-attempt leaves it
        /// to run out, and the event is sent again.
        pub locked_until: Option<DateTimeUtc>,
        /// Retries stop after this (24 h after the event, or after a resend).
        pub expires_at: DateTimeUtc,
        pub last_status: Option<i32>,
        pub last_error: Option<String>,
        pub created_at: DateTimeUtc,
        pub delivered_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod delivery {
    use sea_orm::entity::prelude::*;

    /// One attempt to deliver an event.
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "webhook_deliveries")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub webhook_id: Uuid,
        pub event_id: Uuid,
        pub event: String,
        pub record_id: Uuid,
        pub attempt: i32,
        /// `delivered` or `failed`.
        pub status: String,
        pub response_status: Option<i32>,
        pub error: Option<String>,
        pub duration_ms: i32,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
