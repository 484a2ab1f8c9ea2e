//! Bulk import of customers: each row is a customer with, optionally, its primary contact
//! and its latest follow-up, as a spreadsheet of customers usually holds them. Rows are
//! checked like `create` (validation, dictionary codes, duplicates against the database
//! and within the batch); the valid ones are written with `bulk_insert` in one
//! transaction, with a block of codes from the sequence and one audit entry each. The
//! benchmark's seed loads its million customers through here.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use crm_domain::customers::contact::NewContact;
use crm_domain::customers::follow_up::NewFollowUp;
use crm_domain::customers::NewCustomer;
use crm_domain::{DomainError, DomainResult, DuplicateOf};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use crm_domain::audit::FieldChange;
use serde_json::{json, Value};

use crate::webhooks::outbox::Change;
use uuid::Uuid;

use super::entities::customer::{self, Column as C, Entity as Customer};
use super::records::Keys;
use super::entities::{contact, follow_up};
use crate::bulk_insert::insert_rows;
use crate::db::db_err;
use crate::shared_entities::audit_log;
use crate::system::entities::user;
use crate::{dictionaries, sequences, Ctx, Db};

#[derive(Debug, Clone)]
pub struct ImportContact {
    pub name: String,
    pub title: Option<String>,
    pub mobile: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ImportFollowUp {
    /// Code of the `follow_up_type` dictionary.
    pub kind: String,
    pub content: String,
    pub occurred_at: DateTime<Utc>,
    pub next_follow_up_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct ImportRow {
    pub customer: NewCustomer,
    /// The owner (负责人); the importer when absent.
    pub owner_id: Option<Uuid>,
    pub contact: Option<ImportContact>,
    pub follow_up: Option<ImportFollowUp>,
}

#[derive(Debug)]
pub struct RowError {
    pub index: usize,
    pub error: DomainError,
}

#[derive(Debug, Default)]
pub struct ImportOutcome {
    /// `(row index, customer id)` of the rows written.
    pub created: Vec<(usize, Uuid)>,
    pub errors: Vec<RowError>,
}

/// A row that passed the checks needing no database (`check_rows`), for `write_checked`.
pub struct Checked {
    index: usize,
    customer: NewCustomer,
    /// The duplicate keys, made once (`normalise_phone` parses the number).
    keys: Keys,
    owner_id: Uuid,
    contact: Option<NewContact>,
    follow_up: Option<NewFollowUp>,
}

impl Checked {
    /// The row's keys that no two live customers share (name, phone, e-mail), told apart
    /// by kind: rows with none in common cannot be each other's duplicates.
    pub fn unique_keys(&self) -> impl Iterator<Item = String> + '_ {
        let name = Some(format!("n:{}", self.keys.name));
        let phone = self.keys.phone.as_deref().filter(|p| !p.is_empty()).map(|p| format!("p:{p}"));
        let email = self.customer.email.as_deref().map(|e| format!("e:{}", e.trim().to_lowercase()));
        [name, phone, email].into_iter().flatten()
    }
}

/// When two chunks of a file are written at once, the order in which they take their
/// customers' codes: the later chunk waits for `wait` (the earlier one's `done`), so the
/// codes follow the file's order. Dropped unsent (a chunk that failed) it lets the next go.
#[derive(Default)]
pub struct NumberTurn {
    pub wait: Option<tokio::sync::oneshot::Receiver<()>>,
    pub done: Option<tokio::sync::oneshot::Sender<()>>,
}

/// Imports up to `kit::MAX_BATCH` rows. Invalid rows are reported and skipped; with `atomic`,
/// any invalid row fails the whole batch and nothing is written.
pub async fn import_batch(db: &Db, ctx: &Ctx, rows: Vec<ImportRow>, atomic: bool) -> DomainResult<ImportOutcome> {
    crate::kit::check_batch_size(rows.len())?;
    let tx = crate::tx::begin(db).await?;
    let out = import_in(&tx, ctx, rows, atomic).await?;
    if !out.created.is_empty() {
        tx.commit().await.map_err(db_err)?;
        keep_statistics_current(db).await?;
    }
    Ok(out)
}

/// The same rows inside the caller's transaction (a chunk of a file import): checked,
/// and the valid ones written unless `atomic` and one failed; the caller commits.
pub async fn import_in(tx: &crate::tx::Tx, ctx: &Ctx, rows: Vec<ImportRow>, atomic: bool) -> DomainResult<ImportOutcome> {
    let (checked, errors) = check_rows(ctx, rows);
    write_checked(tx, ctx, checked, errors, atomic, NumberTurn::default()).await
}

/// The checks of `rows` that need no database (fields, phone keys), which a file import
/// makes for its next chunk while the current one is written. Rows keep their index.
pub fn check_rows(ctx: &Ctx, rows: Vec<ImportRow>) -> (Vec<Checked>, Vec<RowError>) {
    let mut checked = Vec::with_capacity(rows.len());
    let mut errors = Vec::new();
    for (index, row) in rows.into_iter().enumerate() {
        match check_row(ctx, row) {
            Ok(c) => checked.push(Checked { index, ..c }),
            Err(error) => errors.push(RowError { index, error }),
        }
    }
    (checked, errors)
}

/// `check_rows`' rows checked against stored data and written (unless `atomic` and one
/// failed, `errors` included), in the caller's transaction.
pub async fn write_checked(tx: &crate::tx::Tx, ctx: &Ctx, checked: Vec<Checked>, errors: Vec<RowError>, atomic: bool, turn: NumberTurn) -> DomainResult<ImportOutcome> {
    let mut out = ImportOutcome { created: Vec::new(), errors };
    if tx.get_database_backend() == sea_orm::DbBackend::Postgres {
        tx.execute_unprepared(BULK_PENDING_LIST).await.map_err(db_err)?;
    }
    let checked = check_against_db(tx, checked, &mut out.errors).await?;
    if atomic && !out.errors.is_empty() {
        out.errors.sort_by_key(|e| e.index);
        return Ok(ImportOutcome { created: Vec::new(), errors: out.errors });
    }
    if let Some(earlier) = turn.wait {
        // An error there is the earlier chunk's failure, which ends the import anyway.
        let _ = earlier.await;
    }
    let numbers = sequences::take(tx, sequences::Series::Customers, checked.len()).await?;
    if let Some(done) = turn.done {
        let _ = done.send(());
    }
    let mut customers = Vec::with_capacity(checked.len());
    let mut contacts = Vec::new();
    let mut follow_ups = Vec::new();
    let mut audits = Vec::with_capacity(checked.len());
    let mut created = Vec::with_capacity(checked.len());
    for (seq, row) in numbers.into_iter().zip(checked) {
        let mut model = super::records::customer_row_keyed(ctx, row.customer, row.keys, seq, row.owner_id);
        let id = model.id;
        model.last_follow_up_at = row.follow_up.as_ref().and_then(|f| f.occurred_at);
        model.next_follow_up_at = row.follow_up.as_ref().and_then(|f| f.next_follow_up_at);
        if let Some(k) = &row.contact {
            model.search_text = super::search::text_of(&model, &[(k.name.clone(), k.phone.clone(), k.mobile.clone())]);
        }
        if let Some(k) = row.contact {
            contacts.push(contact::Model {
                id: Uuid::now_v7(),
                customer_id: id,
                name: k.name,
                title: k.title,
                phone: k.phone,
                mobile: k.mobile,
                email: k.email,
                wechat: k.wechat,
                is_primary: true,
                birthday: k.birthday,
                remark: k.remark,
                version: 1,
                created_by: Some(ctx.actor.user_id),
                created_at: ctx.now,
                updated_at: ctx.now,
                deleted_at: None,
                deleted_by: None,
            });
        }
        if let Some(f) = row.follow_up {
            follow_ups.push(follow_up::Model {
                id: Uuid::now_v7(),
                customer_id: Some(id),
                lead_id: None,
                contact_id: None,
                opportunity_id: None,
                kind: f.kind,
                content: f.content,
                occurred_at: f.occurred_at.unwrap_or(ctx.now),
                next_follow_up_at: f.next_follow_up_at,
                participant_ids: json!([]),
                owner_id: ctx.actor.user_id,
                version: 1,
                created_at: ctx.now,
                updated_at: ctx.now,
                deleted_at: None,
                deleted_by: None,
            });
        }
        let fields = imported_fields(&model);
        audits.push(audit_log::Model {
            id: Uuid::now_v7(),
            entity: "customers".into(),
            entity_id: id,
            action: "import".into(),
            actor_id: Some(ctx.actor.user_id).filter(|a| !a.is_nil()),
            actor_name: Some(ctx.actor.username.clone()),
            ip: ctx.ip.clone(),
            request_id: Some(ctx.request_id.clone()),
            changes: json!(fields),
            created_at: ctx.now,
        });
        created.push((id, fields));
        out.created.push((row.index, id));
        customers.push(model);
    }
    insert_rows::<Customer>(tx, customers).await?;
    insert_rows::<contact::Entity>(tx, contacts).await?;
    insert_rows::<follow_up::Entity>(tx, follow_ups).await?;
    insert_rows::<audit_log::Entity>(tx, audits).await?;
    let after: Vec<Value> = created.iter().map(|(_, changes)| Value::Object(changes.iter().map(|c| (c.field.clone(), c.after.clone())).collect())).collect();
    let changes = created.iter().zip(&after).map(|((id, changes), after)| Change { entity: "customers", record_id: *id, action: "import", changes, after });
    crate::webhooks::outbox::capture_all(tx, ctx, changes).await?;
    out.errors.sort_by_key(|e| e.index);
    Ok(out)
}

/// A bulk write merges the search index's pending list in fewer, larger steps than
/// people's creates do (m20261219): a fifth less time for a million customers.
const BULK_PENDING_LIST: &str = "SET LOCAL gin_pending_list_limit = '16MB'";

/// After a bulk load, the search trigrams still pending merged into the index: every
/// text search reads the pending list through, and a person's next create would
/// otherwise merge up to 16 MB of it while their request waits.
pub async fn settle_search_index(db: &Db) {
    if db.get_database_backend() != sea_orm::DbBackend::Postgres {
        return;
    }
    // A role that does not own the index may not merge it; autovacuum then does.
    if let Err(e) = db.execute_unprepared("SELECT gin_clean_pending_list('idx_customers_search_trgm'::regclass)").await {
        log::warn!("merging the customer search index's pending list: {e}");
    }
}

/// What the log and the webhooks say an imported customer was made with.
fn imported_fields(m: &customer::Model) -> Vec<FieldChange> {
    let set = |field: &str, after: Value| FieldChange { field: field.into(), before: Value::Null, after };
    vec![set("name", json!(m.name)), set("code", json!(m.code)), set("owner_id", json!(m.owner_id))]
}

/// A bulk load can outrun PostgreSQL's statistics (all the more with autovacuum off, as
/// on some servers): without them the planner prices the duplicate checks' key lists as
/// the whole table and scans it, so each batch gets slower than the last. The table is
/// analyzed when it has more than doubled since its statistics were taken, which costs a
/// handful of ANALYZEs over a million rows. Only the duplicate keys' columns are analyzed
/// and the live-row condition (the row count comes with any): the whole table's thirty-odd columns cost ten times as much.
pub(crate) async fn keep_statistics_current(db: &Db) -> DomainResult<()> {
    if db.get_database_backend() != sea_orm::DbBackend::Postgres {
        return Ok(());
    }
    let sql = "SELECT c.reltuples::float8, COALESCE(s.n_live_tup, 0)::float8 FROM pg_class c \
               LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.oid = 'customers'::regclass";
    let row = db.query_one(sea_orm::Statement::from_string(sea_orm::DbBackend::Postgres, sql)).await.map_err(db_err)?;
    let (analyzed, live): (f64, f64) = match row {
        Some(r) => (r.try_get_by_index(0).map_err(db_err)?, r.try_get_by_index(1).map_err(db_err)?),
        None => return Ok(()),
    };
    if live > 2.0 * analyzed.max(1000.0) {
        db.execute_unprepared("ANALYZE customers (name_norm, phone_norm, email, deleted_at)").await.map_err(db_err)?;
    }
    Ok(())
}

/// The checks that need no database: field validation of every part of the row.
fn check_row(ctx: &Ctx, row: ImportRow) -> DomainResult<Checked> {
    let customer = row.customer.validate()?;
    let contact = row
        .contact
        .map(|k| {
            NewContact {
                customer_id: Uuid::nil(),
                name: k.name,
                title: k.title,
                phone: None,
                mobile: k.mobile,
                email: k.email,
                wechat: None,
                is_primary: true,
                birthday: None,
                remark: None,
            }
            .validate(ctx.now.date_naive())
        })
        .transpose()
        .map_err(|e| prefix_fields(e, "contact"))?;
    let follow_up = row
        .follow_up
        .map(|f| {
            NewFollowUp {
                customer_id: Some(Uuid::nil()),
                lead_id: None,
                contact_id: None,
                opportunity_id: None,
                kind: f.kind,
                content: f.content,
                occurred_at: Some(f.occurred_at),
                next_follow_up_at: f.next_follow_up_at,
                participant_ids: Vec::new(),
            }
            .validate(ctx.now)
        })
        .transpose()
        .map_err(|e| prefix_fields(e, "follow_up"))?;
    let keys = Keys::of(&customer);
    Ok(Checked { index: 0, customer, keys, owner_id: row.owner_id.unwrap_or(ctx.actor.user_id), contact, follow_up })
}

fn prefix_fields(mut e: DomainError, part: &str) -> DomainError {
    for f in &mut e.errors {
        f.field = format!("{part}.{}", f.field);
    }
    e
}

/// The checks against stored data, each one query for the whole batch: dictionary
/// codes, owners, and duplicates of name, phone or e-mail in the database or earlier in
/// the batch. Failing rows move to `errors`; a duplicate's error names what it collides
/// with (`DomainError::duplicates_of`: the stored customer, or the earlier row's index).
async fn check_against_db(db: &impl ConnectionTrait, rows: Vec<Checked>, errors: &mut Vec<RowError>) -> DomainResult<Vec<Checked>> {
    let codes = |kind: &str| -> HashSet<String> {
        rows.iter()
            .filter_map(|r| match kind {
                "industry" => r.customer.industry.clone(),
                "customer_source" => r.customer.source.clone(),
                "customer_level" => r.customer.level.clone(),
                _ => r.follow_up.as_ref().map(|f| f.kind.clone()),
            })
            .collect()
    };
    let mut known: HashMap<&str, HashSet<String>> = HashMap::new();
    for kind in ["industry", "customer_source", "customer_level", "follow_up_type"] {
        known.insert(kind, dictionaries::existing_codes(db, kind, codes(kind)).await?);
    }
    let owner_ids: Vec<Uuid> = rows.iter().map(|r| r.owner_id).collect::<HashSet<_>>().into_iter().collect();
    let owners: HashMap<Uuid, bool> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::Enabled)
        .filter(user::Column::Id.is_in(owner_ids))
        .filter(user::Column::DeletedAt.is_null())
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .collect();
    let names: Vec<String> = rows.iter().map(|r| r.keys.name.clone()).collect();
    let phones: Vec<String> = rows.iter().filter_map(|r| r.keys.phone.clone()).collect();
    let emails: Vec<String> = rows.iter().filter_map(|r| r.customer.email.as_deref().map(|e| e.trim().to_lowercase())).collect();
    let mut taken_names = existing(db, C::NameNorm, names).await?;
    let mut taken_phones = existing(db, C::PhoneNorm, phones).await?;
    let mut taken_emails = existing(db, C::Email, emails).await?;
    let of = |field: &str, taken: &HashMap<String, Taken>, key: &str| {
        taken.get(key).map(|t| match t {
            Taken::Stored(id) => DuplicateOf { field: field.into(), id: Some(*id), item: None },
            Taken::Row(i) => DuplicateOf { field: field.into(), id: None, item: Some(*i) },
        })
    };
    let mut ok = Vec::with_capacity(rows.len());
    for r in rows {
        let mut bad: Vec<(&str, &str, String)> = Vec::new();
        for (kind, field, code) in [
            ("industry", "industry", r.customer.industry.as_deref()),
            ("customer_source", "source", r.customer.source.as_deref()),
            ("customer_level", "level", r.customer.level.as_deref()),
            ("follow_up_type", "follow_up.kind", r.follow_up.as_ref().map(|f| f.kind.as_str())),
        ] {
            if code.is_some_and(|c| !known.get(kind).is_some_and(|k| k.contains(c))) {
                bad.push((field, "unknown_code", format!("not a code of the {kind} dictionary")));
            }
        }
        match owners.get(&r.owner_id) {
            None => bad.push(("owner_id", "not_found", "no such user".into())),
            Some(false) => bad.push(("owner_id", "disabled", "this user is disabled and cannot own customers".into())),
            Some(true) => {}
        }
        let name = r.keys.name.clone();
        let phone = r.keys.phone.clone().filter(|p| !p.is_empty());
        let email = r.customer.email.as_deref().map(|e| e.trim().to_lowercase());
        let found: Vec<DuplicateOf> = [
            of("name", &taken_names, &name),
            phone.as_deref().and_then(|p| of("phone", &taken_phones, p)),
            email.as_deref().and_then(|e| of("email", &taken_emails, e)),
        ]
        .into_iter()
        .flatten()
        .collect();
        for d in &found {
            let what = if d.field == "email" { "e-mail" } else { d.field.as_str() };
            bad.push((d.field.as_str(), "duplicate", format!("a customer with the same {what} exists")));
        }
        if bad.is_empty() {
            taken_names.insert(name, Taken::Row(r.index));
            taken_phones.extend(phone.map(|p| (p, Taken::Row(r.index))));
            taken_emails.extend(email.map(|e| (e, Taken::Row(r.index))));
            ok.push(r);
        } else {
            let fields = bad.into_iter().map(|(f, c, m)| crm_domain::FieldError { field: f.into(), code: c.into(), message: m }).collect();
            let error = DomainError::validation(fields);
            errors.push(RowError { index: r.index, error: if found.is_empty() { error } else { error.duplicates_in(found) } });
        }
    }
    Ok(ok)
}

/// Who holds a duplicate key: a stored customer, or an earlier row of the batch.
#[derive(Clone, Copy)]
enum Taken {
    Stored(Uuid),
    Row(usize),
}

/// Which of `keys` a live customer already has in `col`, and which customer.
async fn existing(db: &impl ConnectionTrait, col: C, keys: Vec<String>) -> DomainResult<HashMap<String, Taken>> {
    let keys: Vec<String> = keys.into_iter().filter(|k| !k.is_empty()).collect::<HashSet<_>>().into_iter().collect();
    if keys.is_empty() {
        return Ok(HashMap::new());
    }
    // Only the keys and ids are read (an import's `on_duplicate: update` then changes the
    // customer through its update, in the importer's scope).
    // scope-bypass: duplicates are checked across all owners (CUS-6).
    let found: Vec<(Option<String>, Uuid)> = Customer::find()
        .select_only()
        .column(col)
        .column(C::Id)
        .filter(super::duplicates::key_rows(col))
        .filter(col.is_in(keys))
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)?;
    Ok(found.into_iter().filter_map(|(k, id)| k.map(|k| (k, Taken::Stored(id)))).collect())
}
