//! The duplicate check (CUS-6): the same normalised name, phone or e-mail among live
//! customers, on create, on update and on request (`GET /customers/duplicates`).


use crm_domain::customers::{normalise_name, normalise_phone};
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait, Select};
use serde::Serialize;
use uuid::Uuid;

use super::entities::customer::{Column as C, Entity as Customer};
use crate::db::{self, db_err};
use crate::Db;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = DuplicateMatch)]
pub struct Duplicate {
    /// `name`, `phone` or `email`.
    pub field: String,
    pub id: Uuid,
    pub name: String,
}

/// The normalised keys a duplicate check compares, each with its field; empty ones left out.
pub(super) fn duplicate_keys(name: Option<&str>, phone: Option<&str>, email: Option<&str>) -> Vec<(&'static str, String)> {
    let keys = [
        ("name", name.map(normalise_name)),
        ("phone", phone.map(normalise_phone)),
        ("email", email.map(|e| e.trim().to_lowercase())),
    ];
    keys.into_iter().filter_map(|(f, k)| k.filter(|k| !k.is_empty()).map(|k| (f, k))).collect()
}

/// The duplicate check's query: live customers (any pool, any owner) with one of the keys.
pub fn duplicates_select(name: Option<&str>, phone: Option<&str>, email: Option<&str>, except: Option<Uuid>) -> Select<Customer> {
    select_duplicates(&duplicate_keys(name, phone, email), except)
}

/// The rows of the unique index on a duplicate key column (migration `m20260325`): live
/// customers, and for names those with a key left once normalised. A query on a key
/// states this word for word: both planners use a partial index only for a query whose
/// own terms imply its condition, a bound value proves nothing to PostgreSQL's generic
/// plans, and SQLite looks at each arm of an OR on its own.
pub(crate) fn key_rows(col: C) -> Condition {
    let live = Condition::all().add(C::DeletedAt.is_null());
    match col {
        C::NameNorm => live.add(Expr::cust("name_norm <> ''")),
        _ => live,
    }
}

/// One query for the three keys; each key has its own unique index, so this is a BitmapOr.
pub(super) fn select_duplicates(keys: &[(&'static str, String)], except: Option<Uuid>) -> Select<Customer> {
    // Without a key nothing is a duplicate: sea-query writes an empty `any` as false.
    let mut any = Condition::any();
    for (field, key) in keys {
        let col = match *field {
            "name" => C::NameNorm,
            "phone" => C::PhoneNorm,
            _ => C::Email,
        };
        any = any.add(key_rows(col).add(col.eq(key.clone())));
    }
    // scope-bypass: duplicates are checked across all owners (CUS-6); only id and name leave.
    let mut q = Customer::find().filter(any);
    if let Some(id) = except {
        q = q.filter(C::Id.ne(id));
    }
    q.select_only().column(C::Id).column(C::Name).column(C::NameNorm).column(C::PhoneNorm).column(C::Email).limit(15)
}

/// Live customers whose normalised name, phone or e-mail equals the given ones. Only id
/// and name leave here, so nothing outside the caller's scope leaks.
pub(crate) async fn find_duplicates(
    db: &impl ConnectionTrait,
    name: Option<&str>,
    phone: Option<&str>,
    email: Option<&str>,
    except: Option<Uuid>,
) -> DomainResult<Vec<Duplicate>> {
    duplicates_by_keys(db, &duplicate_keys(name, phone, email), except).await
}

pub(super) async fn duplicates_by_keys(db: &impl ConnectionTrait, keys: &[(&'static str, String)], except: Option<Uuid>) -> DomainResult<Vec<Duplicate>> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let rows = db.query_all(db.get_database_backend().build(&select_duplicates(keys, except).into_query())).await.map_err(db_err)?;
    duplicates_among(keys, &rows)
}

/// Which of `keys` each row of `select_duplicates` shares, as duplicates.
pub(super) fn duplicates_among(keys: &[(&'static str, String)], rows: &[sea_orm::QueryResult]) -> DomainResult<Vec<Duplicate>> {
    type Keys = (Uuid, String, String, Option<String>, Option<String>);
    let rows = rows
        .iter()
        .map(|r| <Keys as sea_orm::TryGetableMany>::try_get_many(r, "", &["id", "name", "name_norm", "phone_norm", "email"].map(String::from)))
        .collect::<Result<Vec<Keys>, _>>()
        .map_err(|e| DomainError::internal(format!("duplicate row: {e:?}")))?;
    let mut out = Vec::new();
    for (field, key) in keys {
        for (id, name, name_norm, phone_norm, email) in &rows {
            let hit = match *field {
                "name" => name_norm == key,
                "phone" => phone_norm.as_deref() == Some(key.as_str()),
                _ => email.as_deref().map(str::to_lowercase).as_deref() == Some(key.as_str()),
            };
            if hit {
                out.push(Duplicate { field: (*field).into(), id: *id, name: name.clone() });
            }
        }
    }
    Ok(out)
}

pub(super) fn duplicate_error(d: &Duplicate) -> DomainError {
    DomainError::duplicate(
        "customer.duplicate",
        format!("a customer with the same {} exists: {}", d.field, d.name),
        &d.field,
        format!("same as customer {}", d.name),
        d.id,
        &d.name,
    )
}

/// `e` when a unique key index refused a write: another customer with one of `keys`
/// committed after the check had looked (a race the check alone cannot see on
/// PostgreSQL). Asked again, now that it is committed, the check names it in the 409
/// the caller would have had a moment later.
pub(super) async fn refused_as_duplicate(db: &Db, e: DomainError, keys: &[(&'static str, String)], except: Option<Uuid>) -> DomainError {
    if e.code != db::UNIQUE_VIOLATION {
        return e;
    }
    match duplicates_by_keys(db, keys, except).await {
        Ok(found) => found.first().map_or(e, duplicate_error),
        Err(_) => e,
    }
}

pub async fn duplicates(db: &Db, name: Option<&str>, phone: Option<&str>, email: Option<&str>) -> DomainResult<Vec<Duplicate>> {
    find_duplicates(db, name, phone, email, None).await
}
