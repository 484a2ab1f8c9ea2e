//! End-to-end API tests: the real server over HTTP, each test on SQLite and on PostgreSQL.
//! One binary for all areas (a module each), so the suite links once.

#[macro_use]
mod support;

mod approvals;
mod auth;
mod background_exports;
mod batches;
mod conformance;
mod contacts_follow_ups;
mod contract;
mod contract_amendments;
mod contracts;
mod customer_groups;
mod customer_search_import;
mod customers;
mod drive;
mod drive_s3;
mod exports;
mod hardening;
mod http_sink;
mod jobs;
mod leads;
mod notifications;
mod opportunities;
mod mechanisms;
mod organisation;
mod outage;
mod plans;
mod pools;
mod receivables;
mod regions;
mod reports;
mod sales_docs;
mod products;
mod saved_views;
mod sms;
mod smtp_sink;
mod mail;
mod imports;
mod imports_update;
mod webhooks;
mod workbench;
