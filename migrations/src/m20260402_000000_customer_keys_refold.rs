//! Duplicate keys computed the way the domain now computes them: names and e-mails
//! folded with NFKC and without invisible characters, phones as E.164 (`+86…`), so
//! "Café" typed two ways, a zero-width space inside a name or `0086…` against `+86…` no
//! longer slip past the duplicate check (CUS-6).
//!
//! The unique indexes over live keys are dropped while the keys change and built again
//! after, so no intermediate state trips them. Two live customers whose new keys collide
//! (duplicates the old keys missed) cannot both have them: the older keeps the new key,
//! the younger its old one, and the log names both for a merge.

use std::collections::HashSet;

use crm_domain::customers::{normalise_name, normalise_phone};
use crm_domain::text_keys::fold;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait, Value};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (unique index, column, rows) as migration m20260325 made them.
const KEYS: &[(&str, &str, &str)] = &[
    ("uq_customers_live_name", "name_norm", "deleted_at IS NULL AND name_norm <> ''"),
    ("uq_customers_live_phone", "phone_norm", "deleted_at IS NULL AND phone_norm IS NOT NULL"),
    ("uq_customers_live_email", "email", "deleted_at IS NULL AND email IS NOT NULL"),
];

const READ_BATCH: u64 = 10_000;
const WRITE_BATCH: usize = 300;

type Row = (uuid::Uuid, String, Option<String>, Option<String>, String, Option<String>, bool);

/// The key a live customer ends with: its new one unless another live customer took it
/// first, then its old one, then its new one made unique by its id.
fn claim(taken: &mut HashSet<String>, id: uuid::Uuid, new: String, old: &str, what: &str) -> String {
    if taken.insert(new.clone()) {
        return new;
    }
    log::warn!("customer {id}: its new {what} key '{new}' is another live customer's; it keeps '{old}' (merge the two)");
    if taken.insert(old.to_string()) {
        return old.to_string();
    }
    let unique = format!("{new}#{id}");
    taken.insert(unique.clone());
    unique
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One transaction, so one connection: on SQLite a second pooled connection can
        // still hold the schema from before the indexes were dropped, and refuse to create
        // them again ("already exists").
        let db = m.get_connection().begin().await?;
        let backend = db.get_database_backend();
        for (name, _, _) in KEYS {
            db.execute_unprepared(&format!("DROP INDEX {name}")).await?;
        }
        let (mut names, mut phones, mut emails) = (HashSet::new(), HashSet::new(), HashSet::new());
        let mut changes: Vec<(uuid::Uuid, String, Option<String>, Option<String>)> = Vec::new();
        let mut after: Option<uuid::Uuid> = None;
        loop {
            let (sql, values): (String, Vec<Value>) = match after {
                None => (format!("SELECT id, name, phone, email, name_norm, phone_norm, deleted_at IS NULL AS live FROM customers ORDER BY id LIMIT {READ_BATCH}"), vec![]),
                Some(a) => (
                    format!("SELECT id, name, phone, email, name_norm, phone_norm, deleted_at IS NULL AS live FROM customers WHERE id > {} ORDER BY id LIMIT {READ_BATCH}", if backend == DbBackend::Postgres { "$1" } else { "?" }),
                    vec![a.into()],
                ),
            };
            let rows = db.query_all(Statement::from_sql_and_values(backend, sql, values)).await?;
            if rows.is_empty() {
                break;
            }
            for r in &rows {
                let (id, name, phone, email, name_norm, phone_norm, live): Row = (
                    r.try_get("", "id")?,
                    r.try_get("", "name")?,
                    r.try_get("", "phone")?,
                    r.try_get("", "email")?,
                    r.try_get("", "name_norm")?,
                    r.try_get("", "phone_norm")?,
                    r.try_get("", "live")?,
                );
                after = Some(id);
                let mut new_name = normalise_name(&name);
                let mut new_phone = phone.as_deref().map(normalise_phone);
                let mut new_email = email.as_deref().map(|e| fold(e).to_lowercase());
                if live {
                    if !new_name.is_empty() {
                        new_name = claim(&mut names, id, new_name, &name_norm, "name");
                    }
                    if let Some(p) = new_phone {
                        new_phone = Some(claim(&mut phones, id, p, phone_norm.as_deref().unwrap_or_default(), "phone"));
                    }
                    if let (Some(e), Some(old)) = (new_email.take(), email.as_deref()) {
                        new_email = Some(claim(&mut emails, id, e, old, "e-mail"));
                    }
                }
                if new_name != name_norm || new_phone != phone_norm || new_email != email {
                    changes.push((id, new_name, new_phone, new_email));
                }
            }
        }
        for chunk in changes.chunks(WRITE_BATCH) {
            let mut values = Vec::with_capacity(chunk.len() * 4);
            let mut tuples = Vec::with_capacity(chunk.len());
            for (i, (id, name, phone, email)) in chunk.iter().enumerate() {
                tuples.push(match backend {
                    DbBackend::Postgres => format!("(${}::uuid, ${}, ${}, ${})", i * 4 + 1, i * 4 + 2, i * 4 + 3, i * 4 + 4),
                    _ => "(?, ?, ?, ?)".to_string(),
                });
                values.extend([Value::from(*id), Value::from(name.clone()), Value::from(phone.clone()), Value::from(email.clone())]);
            }
            let sql = format!(
                "UPDATE customers SET name_norm = v.column2, phone_norm = v.column3, email = v.column4 FROM (VALUES {}) AS v WHERE customers.id = v.column1",
                tuples.join(", ")
            );
            db.execute(Statement::from_sql_and_values(backend, sql, values)).await?;
        }
        for (name, column, rows) in KEYS {
            db.execute_unprepared(&format!("CREATE UNIQUE INDEX {name} ON customers ({column}) WHERE {rows}")).await?;
        }
        db.commit().await
    }

    async fn down(&self, _: &SchemaManager) -> Result<(), DbErr> {
        // The old keys are not kept; the new ones serve the old code's checks as well.
        Ok(())
    }
}
