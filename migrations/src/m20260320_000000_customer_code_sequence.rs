//! PostgreSQL only: customer codes come from a native sequence, which no transaction holds
//! locked, instead of the `sequences` counter row, which every create held from its
//! number to its commit, so concurrent creates queued behind each other's commits. It
//! starts after the highest number handed out so far. SQLite keeps the counter row: its
//! writers take turns anyway.

use sea_orm_migration::sea_orm::DbBackend;

use crate::statements::OnBackend;

pub const MIGRATION: OnBackend = OnBackend {
    file: file!(),
    backend: DbBackend::Postgres,
    up: &[
        "CREATE SEQUENCE customer_code_seq AS bigint",
        "SELECT setval('customer_code_seq', GREATEST(
            (SELECT COALESCE(MAX(value), 0) FROM sequences WHERE name = 'customers'),
            (SELECT COALESCE(MAX(seq), 0) FROM customers)) + 1, false)",
    ],
    down: &[
        "INSERT INTO sequences (name, value) SELECT 'customers', last_value FROM customer_code_seq
         ON CONFLICT (name) DO UPDATE SET value = GREATEST(sequences.value, EXCLUDED.value)",
        "DROP SEQUENCE customer_code_seq",
    ],
};
