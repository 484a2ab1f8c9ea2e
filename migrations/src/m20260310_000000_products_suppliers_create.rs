//! Products and suppliers (PRD-1 to PRD-3): the two-level category tree, products,
//! suppliers with their price lists and the customers they serve.
//!
//! Money is stored as integer minor units (分) in BIGINT columns: exact on both
//! databases, where a DECIMAL column would be a float on SQLite. Names are unique among
//! live siblings through partial unique indexes, the same SQL on both databases.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ProductCategories { Table, Id, Name, NameNorm, ParentId, ParentKey, Code, SortOrder, Remark, Version, CreatedBy, CreatedAt, UpdatedAt, DeletedAt, DeletedBy }

#[derive(DeriveIden)]
enum Products { Table, Id, Code, Name, NameNorm, CategoryId, Unit, PriceCents, Currency, Description, OnSale, Version, CreatedBy, CreatedAt, UpdatedAt, DeletedAt, DeletedBy }

#[derive(DeriveIden)]
enum Suppliers { Table, Id, Number, Name, NameNorm, Contact, Phone, Province, City, Address, Remark, Version, CreatedBy, CreatedAt, UpdatedAt, DeletedAt, DeletedBy }

#[derive(DeriveIden)]
enum SupplierPrices { Table, Id, SupplierId, ProductId, PriceCents, Currency, ValidFrom, ValidTo, Remark, CreatedAt }

#[derive(DeriveIden)]
enum SupplierCustomers { Table, SupplierId, CustomerId, CreatedAt }

#[derive(DeriveIden)]
enum Customers { Table, Id }

fn audit_cols<T: IntoIden>(t: &mut TableCreateStatement, version: T, created_by: T, created_at: T, updated_at: T, deleted_at: T, deleted_by: T) {
    t.col(ColumnDef::new(version).integer().not_null().default(1))
        .col(ColumnDef::new(created_by).uuid().null())
        .col(ColumnDef::new(created_at).timestamp_with_time_zone().not_null())
        .col(ColumnDef::new(updated_at).timestamp_with_time_zone().not_null())
        .col(ColumnDef::new(deleted_at).timestamp_with_time_zone().null())
        .col(ColumnDef::new(deleted_by).uuid().null());
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ProductCategories as PC;
        let mut t = Table::create();
        t.table(PC::Table)
            .col(ColumnDef::new(PC::Id).uuid().not_null().primary_key())
            .col(ColumnDef::new(PC::Name).string_len(100).not_null())
            .col(ColumnDef::new(PC::NameNorm).string_len(100).not_null())
            .col(ColumnDef::new(PC::ParentId).uuid().null())
            // The parent's id as text, or '' for a top category: NULLs never collide in a
            // unique index, so the sibling-name rule needs a non-null key.
            .col(ColumnDef::new(PC::ParentKey).string_len(36).not_null())
            .col(ColumnDef::new(PC::Code).string_len(16).not_null().unique_key())
            .col(ColumnDef::new(PC::SortOrder).integer().not_null().default(0))
            .col(ColumnDef::new(PC::Remark).string_len(500).null())
            .foreign_key(ForeignKey::create().from(PC::Table, PC::ParentId).to(PC::Table, PC::Id));
        audit_cols(&mut t, PC::Version, PC::CreatedBy, PC::CreatedAt, PC::UpdatedAt, PC::DeletedAt, PC::DeletedBy);
        m.create_table(t.to_owned()).await?;

        let mut t = Table::create();
        t.table(Products::Table)
            .col(ColumnDef::new(Products::Id).uuid().not_null().primary_key())
            .col(ColumnDef::new(Products::Code).string_len(32).not_null().unique_key())
            .col(ColumnDef::new(Products::Name).string_len(200).not_null())
            .col(ColumnDef::new(Products::NameNorm).string_len(200).not_null())
            .col(ColumnDef::new(Products::CategoryId).uuid().not_null())
            .col(ColumnDef::new(Products::Unit).string_len(20).null())
            .col(ColumnDef::new(Products::PriceCents).big_integer().not_null())
            .col(ColumnDef::new(Products::Currency).string_len(3).not_null())
            .col(ColumnDef::new(Products::Description).text().null())
            .col(ColumnDef::new(Products::OnSale).boolean().not_null().default(true))
            .foreign_key(ForeignKey::create().from(Products::Table, Products::CategoryId).to(PC::Table, PC::Id));
        audit_cols(&mut t, Products::Version, Products::CreatedBy, Products::CreatedAt, Products::UpdatedAt, Products::DeletedAt, Products::DeletedBy);
        m.create_table(t.to_owned()).await?;

        let mut t = Table::create();
        t.table(Suppliers::Table)
            .col(ColumnDef::new(Suppliers::Id).uuid().not_null().primary_key())
            .col(ColumnDef::new(Suppliers::Number).string_len(32).not_null().unique_key())
            .col(ColumnDef::new(Suppliers::Name).string_len(200).not_null())
            .col(ColumnDef::new(Suppliers::NameNorm).string_len(200).not_null())
            .col(ColumnDef::new(Suppliers::Contact).string_len(50).null())
            .col(ColumnDef::new(Suppliers::Phone).string_len(32).null())
            .col(ColumnDef::new(Suppliers::Province).string_len(50).null())
            .col(ColumnDef::new(Suppliers::City).string_len(50).null())
            .col(ColumnDef::new(Suppliers::Address).string_len(300).null())
            .col(ColumnDef::new(Suppliers::Remark).string_len(2000).null());
        audit_cols(&mut t, Suppliers::Version, Suppliers::CreatedBy, Suppliers::CreatedAt, Suppliers::UpdatedAt, Suppliers::DeletedAt, Suppliers::DeletedBy);
        m.create_table(t.to_owned()).await?;

        m.create_table(
            Table::create()
                .table(SupplierPrices::Table)
                .col(ColumnDef::new(SupplierPrices::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(SupplierPrices::SupplierId).uuid().not_null())
                .col(ColumnDef::new(SupplierPrices::ProductId).uuid().not_null())
                .col(ColumnDef::new(SupplierPrices::PriceCents).big_integer().not_null())
                .col(ColumnDef::new(SupplierPrices::Currency).string_len(3).not_null())
                .col(ColumnDef::new(SupplierPrices::ValidFrom).date().not_null())
                .col(ColumnDef::new(SupplierPrices::ValidTo).date().null())
                .col(ColumnDef::new(SupplierPrices::Remark).string_len(500).null())
                .col(ColumnDef::new(SupplierPrices::CreatedAt).timestamp_with_time_zone().not_null())
                .foreign_key(ForeignKey::create().from(SupplierPrices::Table, SupplierPrices::SupplierId).to(Suppliers::Table, Suppliers::Id).on_delete(ForeignKeyAction::Cascade))
                .foreign_key(ForeignKey::create().from(SupplierPrices::Table, SupplierPrices::ProductId).to(Products::Table, Products::Id))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(SupplierCustomers::Table)
                .col(ColumnDef::new(SupplierCustomers::SupplierId).uuid().not_null())
                .col(ColumnDef::new(SupplierCustomers::CustomerId).uuid().not_null())
                .col(ColumnDef::new(SupplierCustomers::CreatedAt).timestamp_with_time_zone().not_null())
                .primary_key(Index::create().col(SupplierCustomers::SupplierId).col(SupplierCustomers::CustomerId))
                .foreign_key(ForeignKey::create().from(SupplierCustomers::Table, SupplierCustomers::SupplierId).to(Suppliers::Table, Suppliers::Id).on_delete(ForeignKeyAction::Cascade))
                .foreign_key(ForeignKey::create().from(SupplierCustomers::Table, SupplierCustomers::CustomerId).to(Customers::Table, Customers::Id).on_delete(ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;

        let db = m.get_connection();
        for sql in [
            "CREATE UNIQUE INDEX uq_product_categories_sibling_name ON product_categories (parent_key, name_norm) WHERE deleted_at IS NULL",
            "CREATE UNIQUE INDEX uq_products_category_name ON products (category_id, name_norm) WHERE deleted_at IS NULL",
            "CREATE UNIQUE INDEX uq_suppliers_name ON suppliers (name_norm) WHERE deleted_at IS NULL",
            "CREATE INDEX idx_product_categories_parent ON product_categories (parent_id, sort_order)",
            "CREATE INDEX idx_products_category ON products (category_id, updated_at, id)",
            "CREATE INDEX idx_products_updated ON products (updated_at, id)",
            "CREATE INDEX idx_products_price ON products (price_cents, id)",
            "CREATE INDEX idx_products_name ON products (name, id)",
            "CREATE INDEX idx_suppliers_updated ON suppliers (updated_at, id)",
            "CREATE INDEX idx_suppliers_province_city ON suppliers (province, city)",
            "CREATE INDEX idx_supplier_prices_supplier ON supplier_prices (supplier_id, valid_from)",
            "CREATE INDEX idx_supplier_prices_product ON supplier_prices (product_id, valid_from)",
            "CREATE INDEX idx_supplier_customers_customer ON supplier_customers (customer_id)",
        ] {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["supplier_customers", "supplier_prices", "suppliers", "products", "product_categories"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        Ok(())
    }
}
