use sea_orm::entity::prelude::*;

/// Failed sign-ins under one key: a login name (`acct:<sha256>`, whether or not such a user
/// exists) or a device its user signed in from before (`dev:<id>`).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "login_throttles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// Failures since `window_start` (or since the last lock).
    pub failures: i32,
    pub window_start: DateTimeUtc,
    pub locked_until: Option<DateTimeUtc>,
    /// Locks so far; each lasts twice the one before.
    pub lockouts: i32,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
