//! The drive's tables (migration `m20261209_000000_drive`).

pub mod folder {
    crate::record_table!("folders" {
        pub name: String,
        pub parent_id: Option<Uuid>,
        pub space: String,
        pub owner_id: Option<Uuid>,
        pub department_id: Option<Uuid>,
        pub path: String,
    });
}

pub mod file {
    crate::record_table!("files" {
        pub name: String,
        pub folder_id: Option<Uuid>,
        pub space: Option<String>,
        pub owner_id: Option<Uuid>,
        pub department_id: Option<Uuid>,
        pub path: String,
        pub record_type: Option<String>,
        pub record_id: Option<Uuid>,
        pub size: i64,
        pub sha256: String,
        pub mime: String,
        pub storage_key: String,
    });
}

pub mod share {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "drive_shares")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub target_type: String,
        pub target_id: Uuid,
        /// `/<target_id>/`, what a `path` inside a shared folder contains.
        pub target_key: String,
        pub principal_type: String,
        pub principal_id: Uuid,
        pub access: String,
        pub created_at: DateTimeUtc,
        pub created_by: Option<Uuid>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod usage {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "drive_usage")]
    pub struct Model {
        /// `company`, or `user:<id>`.
        #[sea_orm(primary_key, auto_increment = false)]
        pub key: String,
        pub used: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
