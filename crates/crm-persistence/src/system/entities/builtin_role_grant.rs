use sea_orm::entity::prelude::*;

/// A default permission the server has granted a built-in role (`bootstrap`).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "builtin_role_grants")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub role_name: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
