//! Records a cell names (a user, a category, a stage, a customer, a contract), found by
//! name in batch: small tables once per import, customers and contracts once per chunk of
//! rows.

use std::collections::HashMap;

use crm_domain::customers::normalise_name;
use crm_domain::DomainResult;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::fields::Ref;
use crate::customers::entities::customer::{Column as K, Entity as Customer};
use crate::db::db_err;
use crate::opportunities::entities::stage::{Column as S, Entity as Stage};
use crate::sales_docs::entities::contract::{Column as N, Entity as Contract};
use crate::products::entities::category::{Column as G, Entity as Category};
use crate::system::entities::user::{Column as U, Entity as User};

pub fn what(r: Ref) -> &'static str {
    match r {
        Ref::User => "enabled user (login or name)",
        Ref::Category => "product category",
        Ref::Customer => "customer (name or code)",
        Ref::Stage => "pipeline stage",
        Ref::Contract => "contract (number)",
    }
}

fn fold(s: &str) -> String {
    s.trim().to_lowercase()
}

/// Every user or category by each of its names, folded as cells are.
pub async fn all(db: &crate::Db, r: Ref) -> DomainResult<HashMap<String, Uuid>> {
    let mut m = HashMap::new();
    match r {
        Ref::User => {
            let rows: Vec<(Uuid, String, String)> = User::find()
                .select_only()
                .columns([U::Id, U::Username, U::DisplayName])
                .filter(U::Enabled.eq(true))
                .filter(U::DeletedAt.is_null())
                .into_tuple()
                .all(db)
                .await
                .map_err(db_err)?;
            for (id, login, name) in rows {
                m.insert(fold(&login), id);
                m.entry(fold(&name)).or_insert(id);
            }
        }
        Ref::Category => {
            let rows: Vec<(Uuid, String)> = Category::find().select_only().columns([G::Id, G::Name]).filter(G::DeletedAt.is_null()).into_tuple().all(db).await.map_err(db_err)?;
            for (id, name) in rows {
                m.entry(fold(&name)).or_insert(id);
            }
        }
        Ref::Stage => {
            let rows: Vec<(Uuid, String, String)> = Stage::find().select_only().columns([S::Id, S::NameZh, S::NameEn]).filter(S::DeletedAt.is_null()).into_tuple().all(db).await.map_err(db_err)?;
            for (id, zh, en) in rows {
                m.entry(fold(&zh)).or_insert(id);
                m.entry(fold(&en)).or_insert(id);
            }
        }
        Ref::Customer | Ref::Contract => {}
    }
    Ok(m)
}

/// The records of a big table named in a chunk (`Ref::per_chunk`), by each name as written.
pub async fn named(db: &crate::Db, r: Ref, names: &[String]) -> DomainResult<HashMap<String, Uuid>> {
    match r {
        Ref::Customer => customers(db, names).await,
        Ref::Contract => contracts(db, names).await,
        Ref::User | Ref::Category | Ref::Stage => Ok(HashMap::new()),
    }
}

/// The contracts named in a chunk, by number.
async fn contracts(db: &crate::Db, names: &[String]) -> DomainResult<HashMap<String, Uuid>> {
    if names.is_empty() {
        return Ok(HashMap::new());
    }
    let numbers: Vec<String> = names.iter().map(|n| n.trim().to_string()).collect();
    // The payment's create then refuses a contract the importer may not change, as a
    // single create does (404).
    // scope-bypass: only finds the id a cell names.
    let rows: Vec<(Uuid, String)> = Contract::find()
        .select_only()
        .columns([N::Id, N::Number])
        .filter(N::DeletedAt.is_null())
        .filter(N::Number.is_in(numbers))
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)?;
    Ok(rows.into_iter().map(|(id, number)| (fold(&number), id)).collect())
}

/// The customers named in a chunk, by code or (normalised) name.
async fn customers(db: &crate::Db, names: &[String]) -> DomainResult<HashMap<String, Uuid>> {
    if names.is_empty() {
        return Ok(HashMap::new());
    }
    let norms: Vec<String> = names.iter().map(|n| normalise_name(n)).collect();
    // The contact's create then refuses a customer the importer may not change, as a
    // single create does (404, no name shown).
    // scope-bypass: only finds the id a cell names.
    let rows: Vec<(Uuid, String, String)> = Customer::find()
        .select_only()
        .columns([K::Id, K::Code, K::NameNorm])
        .filter(K::DeletedAt.is_null())
        .filter(Condition::any().add(K::Code.is_in(names.to_vec())).add(K::NameNorm.is_in(norms.clone())))
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)?;
    let mut m = HashMap::new();
    for n in names {
        let norm = normalise_name(n);
        if let Some((id, _, _)) = rows.iter().find(|(_, code, name)| code == n.trim() || *name == norm) {
            m.insert(fold(n), *id);
        }
    }
    Ok(m)
}
