//! The modules' tables of restorable resources, joined: the recycle bin lists and
//! restores through this one list. A test checks every soft-deleting entity is here, so
//! the recycle bin cannot miss one; a module adds its resources to its own `RESTORABLE`.

use std::collections::HashMap;

use crm_domain::{DomainError, DomainResult};
use uuid::Uuid;

use crate::db::db_err;
use crate::kit::restore::Restorable;
use crate::listing::{ListParams, Page};
use crate::recycle::RecycledItem;
use crate::{Ctx, Db};

/// Every module's restorable resources, in the order the recycle bin names them.
pub const MODULES: &[&[Restorable]] = &[
    crate::system::RESTORABLE,
    crate::customers::RESTORABLE,
    crate::customer_groups::RESTORABLE,
    crate::products::RESTORABLE,
    crate::saved_views::RESTORABLE,
    crate::drive::RESTORABLE,
    crate::opportunities::stages::RESTORABLE,
    crate::opportunities::records::RESTORABLE,
    crate::leads::RESTORABLE,
    crate::plans::RESTORABLE,
    crate::sales_docs::RESTORABLE,
    crate::approvals::RESTORABLE,
    crate::receivables::RESTORABLE,
    crate::webhooks::RESTORABLE,
];

pub fn restorable() -> impl Iterator<Item = &'static Restorable> {
    MODULES.iter().flat_map(|m| m.iter())
}

/// Entities the recycle bin lists and restores, by their URL name.
pub fn restorable_names() -> Vec<&'static str> {
    restorable().map(|r| r.name).collect()
}

fn find(entity: &str) -> DomainResult<&'static Restorable> {
    restorable().find(|r| r.name == entity).ok_or_else(|| {
        DomainError::bad_request("recycle_bin.unknown_entity", format!("'{entity}' has no recycle bin; use one of: {}", restorable_names().join(", ")))
    })
}

pub async fn list_deleted(db: &Db, entity: &str, params: &ListParams) -> DomainResult<Page<RecycledItem>> {
    (find(entity)?.list_deleted)(db, params).await
}

pub async fn restore(db: &Db, ctx: &Ctx, entity: &str, id: Uuid) -> DomainResult<()> {
    let r = find(entity)?;
    let tx = crate::tx::begin(db).await?;
    (r.restore)(&tx, ctx, id).await?;
    tx.commit().await.map_err(db_err)
}

/// The names of records of any restorable entity, by entity and id, in one query per
/// entity: what an operation log or a list of recent changes shows instead of ids.
/// Entities without names (a settings row) are left out.
pub async fn labels(db: &Db, records: impl IntoIterator<Item = (String, Uuid)>) -> DomainResult<HashMap<(String, Uuid), String>> {
    let mut by_entity: HashMap<String, Vec<Uuid>> = HashMap::new();
    for (entity, id) in records {
        by_entity.entry(entity).or_default().push(id);
    }
    let mut out = HashMap::new();
    for (entity, mut ids) in by_entity {
        let Some(r) = restorable().find(|r| r.name == entity) else { continue };
        ids.sort();
        ids.dedup();
        for (id, label) in (r.labels)(db, ids).await? {
            out.insert((entity.clone(), id), label);
        }
    }
    Ok(out)
}
