//! Money owed on contracts (CON-2, CON-5): payment plans, payments received and invoices
//! on the resource kit, each a child of its contract (seen and changed by whoever sees
//! and changes the contract); the contract's running totals (`ledger`); payments and
//! invoices through approval; reminders and reports.

pub mod entities;
pub mod export;
pub mod invoices;
pub mod ledger;
pub mod payments;
pub mod plans;
pub mod reminders;
pub mod report;
pub mod workbench;

use std::collections::{HashMap, HashSet};

use crm_domain::DomainResult;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use crate::customers::entities::customer;
use crate::db::db_err;
use crate::opportunities::records::names;
use crate::sales_docs::entities::contract;

pub const RESTORABLE: &[crate::kit::restore::Restorable] = &[plans::RESTORABLE, payments::RESTORABLE, invoices::RESTORABLE];

/// What a plan, payment or invoice shows of its contract.
#[derive(Debug, Clone)]
pub struct ContractRef {
    pub number: String,
    pub name: String,
    pub status: String,
    pub owner_id: Uuid,
}

/// The contracts and customers a page of money records names, and the contracts' owners'
/// names, in three queries.
#[derive(Default)]
pub struct Refs {
    pub contracts: HashMap<Uuid, ContractRef>,
    pub customers: HashMap<Uuid, String>,
    pub owners: HashMap<Uuid, String>,
}

impl Refs {
    pub async fn of(db: &impl ConnectionTrait, contracts: HashSet<Uuid>, customers: HashSet<Uuid>) -> DomainResult<Refs> {
        use contract::Column as C;
        let rows: Vec<(Uuid, String, String, String, Uuid)> = if contracts.is_empty() {
            Vec::new()
        } else {
            contract::Entity::find()
                .select_only()
                .columns([C::Id, C::Number, C::Name, C::Status, C::OwnerId])
                .filter(C::Id.is_in(contracts))
                .into_tuple()
                .all(db)
                .await
                .map_err(db_err)?
        };
        let owners = crate::system::user_names::display_names(db, rows.iter().map(|r| r.4).collect::<HashSet<_>>()).await?;
        Ok(Refs {
            contracts: rows.into_iter().map(|(id, number, name, status, owner_id)| (id, ContractRef { number, name, status, owner_id })).collect(),
            customers: names::<customer::Entity>(db, customer::Column::Id, customer::Column::Name, customers.into_iter().collect()).await?,
            owners,
        })
    }

    pub fn contract(&self, id: &Uuid) -> Option<&ContractRef> {
        self.contracts.get(id)
    }

    pub fn owner_name(&self, contract_id: &Uuid) -> Option<String> {
        self.contracts.get(contract_id).and_then(|c| self.owners.get(&c.owner_id).cloned())
    }
}

/// A list parameter the module reads itself that is malformed: 400 `query.invalid`.
pub(crate) fn bad_query(field: &str, message: String) -> crm_domain::DomainError {
    crm_domain::DomainError::bad_request("query.invalid", message.clone()).with_extra(serde_json::json!({"errors": [{"field": field, "code": "invalid", "message": message}]}))
}
