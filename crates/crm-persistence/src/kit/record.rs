//! The table of a record the kit manages, declared once: `record_table!` takes the
//! module's own columns and adds what every record has — the `id` key, the house columns
//! (`version`, `created_by`, `created_at`, `updated_at`, `deleted_at`, `deleted_by`) that
//! the kit stamps, versions and soft-deletes — and sea-orm's declarations of an entity
//! without relations. Tables that name their author otherwise (a follow-up's owner, a
//! saved view's user) or not at all say `without created_by`.

/// `record_table!("suppliers" { pub name: String, pub phone: Option<String>, })`
#[macro_export]
macro_rules! record_table {
    ($table:literal { $($fields:tt)* }) => {
        $crate::record_table!(@emit $table { $($fields)* pub created_by: Option<Uuid>, });
    };
    ($table:literal without created_by { $($fields:tt)* }) => {
        $crate::record_table!(@emit $table { $($fields)* });
    };
    (@emit $table:literal { $($fields:tt)* }) => {
        use sea_orm::entity::prelude::*;

        #[derive(Clone, Debug, Default, PartialEq, DeriveEntityModel)]
        #[sea_orm(table_name = $table)]
        pub struct Model {
            #[sea_orm(primary_key, auto_increment = false)]
            pub id: Uuid,
            $($fields)*
            pub version: i32,
            pub created_at: DateTimeUtc,
            pub updated_at: DateTimeUtc,
            pub deleted_at: Option<DateTimeUtc>,
            pub deleted_by: Option<Uuid>,
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    };
}
