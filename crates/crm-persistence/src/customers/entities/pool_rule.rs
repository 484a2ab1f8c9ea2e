use sea_orm::entity::prelude::*;

/// One row (id 1): the pool rules in force.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "pool_rules")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    pub enabled: bool,
    pub return_after_days_without_follow_up: Option<i32>,
    pub return_after_days_without_deal: Option<i32>,
    pub max_customers_per_owner: Option<i32>,
    pub reclaim_cooldown_days: Option<i32>,
    pub exempt_won: bool,
    pub version: i32,
    pub updated_at: DateTimeUtc,
    pub last_applied_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
