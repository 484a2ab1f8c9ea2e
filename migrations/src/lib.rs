//! The one ordered list of schema migrations, run unchanged on SQLite and PostgreSQL.
//! Indexes for every filter and sort the UI offers ship with their table.

pub use sea_orm_migration::prelude::*;

mod statements;

mod m20260101_000000_system_create;
mod m20260301_000000_customers_create;
mod m20260302_000000_contacts_follow_ups_create;
mod m20260303_000000_pool_rules_create;
mod m20260304_000000_customer_collaborators_create;
mod m20260305_000000_customer_search;
mod m20260310_000000_products_suppliers_create;
mod m20260311_000000_customer_live_indexes;
mod m20260312_000000_saved_views_create;
mod m20260313_000000_customer_search_keys;
mod m20260320_000000_customer_code_sequence;
mod m20260321_000000_customer_recency_text_index;
mod m20260322_000000_customer_lean_indexes;
mod m20260323_000000_customer_recency_index_covers_sqlite;
mod m20260324_000000_customer_search_statistics;
mod m20260325_000000_customer_unique_keys;
mod m20260326_000000_customer_search_pending_list;
mod m20260327_000000_customer_autovacuum;
mod m20260401_000000_customer_releases;
mod m20260402_000000_customer_keys_refold;
mod m20260403_000000_login_throttles;
mod m20260410_000000_customer_groups_create;
mod m20261206_000000_builtin_role_grants;
mod m20261207_000000_jobs;
mod m20261207_000001_notifications;
mod m20261208_000000_region_codes;
mod m20261208_000001_settings_and_notification_channels;
mod m20261209_000000_drive;
mod m20261210_000000_opportunities;
mod m20261210_000001_leads;
mod m20261210_000002_follow_up_opportunities;
mod m20261210_000003_sales_plans_weekly_reports;
mod m20261210_000004_opportunity_sums_indexes;
mod m20261211_000000_quotes_orders;
mod m20261212_000000_opportunity_totals;
mod m20261213_000000_lead_follow_ups;
mod m20261214_000000_approvals;
mod m20261215_000000_contracts;
mod m20261216_000000_receivables;
mod m20261217_000000_contract_amendments;
mod m20261217_000001_contract_anti_join_indexes;
mod m20261218_000000_webhooks;
mod m20261218_000001_imports;
mod m20261218_000002_exports;
mod m20261219_000000_customer_search_pending_list_per_session;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20260101_000000_system_create::Migration),
            Box::new(m20260301_000000_customers_create::Migration),
            Box::new(m20260302_000000_contacts_follow_ups_create::Migration),
            Box::new(m20260303_000000_pool_rules_create::Migration),
            Box::new(m20260304_000000_customer_collaborators_create::Migration),
            Box::new(m20260305_000000_customer_search::Migration),
            Box::new(m20260310_000000_products_suppliers_create::Migration),
            Box::new(m20260311_000000_customer_live_indexes::Migration),
            Box::new(m20260312_000000_saved_views_create::Migration),
            Box::new(m20260313_000000_customer_search_keys::MIGRATION),
            Box::new(m20260320_000000_customer_code_sequence::MIGRATION),
            Box::new(m20260321_000000_customer_recency_text_index::Migration),
            Box::new(m20260322_000000_customer_lean_indexes::Migration),
            Box::new(m20260323_000000_customer_recency_index_covers_sqlite::MIGRATION),
            Box::new(m20260324_000000_customer_search_statistics::MIGRATION),
            Box::new(m20260325_000000_customer_unique_keys::Migration),
            Box::new(m20260326_000000_customer_search_pending_list::MIGRATION),
            Box::new(m20260327_000000_customer_autovacuum::MIGRATION),
            Box::new(m20260401_000000_customer_releases::Migration),
            Box::new(m20260402_000000_customer_keys_refold::Migration),
            Box::new(m20260403_000000_login_throttles::Migration),
            Box::new(m20260410_000000_customer_groups_create::Migration),
            Box::new(m20261206_000000_builtin_role_grants::Migration),
            Box::new(m20261207_000000_jobs::Migration),
            Box::new(m20261207_000001_notifications::Migration),
            Box::new(m20261208_000000_region_codes::Migration),
            Box::new(m20261208_000001_settings_and_notification_channels::Migration),
            Box::new(m20261209_000000_drive::Migration),
            Box::new(m20261210_000000_opportunities::Migration),
            Box::new(m20261210_000001_leads::Migration),
            Box::new(m20261210_000002_follow_up_opportunities::Migration),
            Box::new(m20261210_000003_sales_plans_weekly_reports::Migration),
            Box::new(m20261210_000004_opportunity_sums_indexes::Migration),
            Box::new(m20261211_000000_quotes_orders::Migration),
            Box::new(m20261212_000000_opportunity_totals::Migration),
            Box::new(m20261213_000000_lead_follow_ups::Migration),
            Box::new(m20261214_000000_approvals::Migration),
            Box::new(m20261215_000000_contracts::Migration),
            Box::new(m20261216_000000_receivables::Migration),
            Box::new(m20261217_000000_contract_amendments::Migration),
            Box::new(m20261217_000001_contract_anti_join_indexes::Migration),
            Box::new(m20261218_000000_webhooks::Migration),
            Box::new(m20261218_000001_imports::Migration),
            Box::new(m20261218_000002_exports::Migration),
            Box::new(m20261219_000000_customer_search_pending_list_per_session::MIGRATION),
        ]
    }
}
