//! What quotes and orders share: their lines in `document_lines`, the parties a document
//! names (customer, opportunity, contact) checked against the caller's scope, the names
//! their read models show, and their yearly numbers.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use crm_domain::money::from_minor;
use crm_domain::sales_docs::{DocLineInput, PricedDocLine};
use crm_domain::validate::Validator;
use crm_domain::{DomainError, DomainResult};
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::entities::line;
use crate::customers::entities::{contact, customer};
use crate::db::db_err;
use crate::kit::policy;
use crate::opportunities::entities::opportunity;
use crate::opportunities::records::names;
use crate::products::entities::product;
use crate::scope::Scoped;
use crate::tx::Tx;
use crate::Ctx;

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = DocumentLine, example = json!({"product_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e70", "name": "人体工学椅", "unit": "把", "quantity": "3", "unit_price": "1234.56",
    "discount_percent": "10", "tax_rate_percent": "13", "subtotal": "3333.31", "tax": "433.33", "total": "3766.64"}))]
pub struct LineView {
    pub product_id: Option<Uuid>,
    pub name: String,
    pub unit: Option<String>,
    #[schema(value_type = String, example = "3")]
    pub quantity: Decimal,
    #[schema(value_type = String, example = "1234.56")]
    pub unit_price: Decimal,
    #[schema(value_type = String, example = "10")]
    pub discount_percent: Decimal,
    #[schema(value_type = String, example = "13")]
    pub tax_rate_percent: Decimal,
    /// quantity × unit_price × (1 − discount), half up to the cent: before tax.
    #[schema(value_type = String, example = "3333.31")]
    pub subtotal: Decimal,
    /// subtotal × tax rate, half up to the cent.
    #[schema(value_type = String, example = "433.33")]
    pub tax: Decimal,
    /// subtotal + tax.
    #[schema(value_type = String, example = "3766.64")]
    pub total: Decimal,
}

fn priced(l: &line::Model) -> PricedDocLine {
    PricedDocLine {
        product_id: l.product_id,
        name: Some(l.name.clone()),
        unit: l.unit.clone(),
        quantity: l.quantity,
        unit_price: l.unit_price_minor,
        discount: l.discount_bp,
        tax_rate: l.tax_bp,
        gross: l.gross_minor,
        subtotal: l.subtotal_minor,
        tax: l.tax_minor,
        total: l.total_minor,
    }
}

pub fn view(l: &line::Model) -> LineView {
    let p = priced(l);
    LineView {
        product_id: l.product_id,
        name: l.name.clone(),
        unit: l.unit.clone(),
        quantity: p.quantity_decimal(),
        unit_price: from_minor(l.unit_price_minor),
        discount_percent: p.discount_decimal(),
        tax_rate_percent: p.tax_rate_decimal(),
        subtotal: from_minor(l.subtotal_minor),
        tax: from_minor(l.tax_minor),
        total: from_minor(l.total_minor),
    }
}

/// The stored lines as the input they were written from, for a patch to apply to.
pub fn inputs(rows: &[line::Model]) -> Vec<DocLineInput> {
    rows.iter()
        .map(|l| {
            let v = view(l);
            DocLineInput {
                product_id: l.product_id,
                name: Some(v.name),
                unit: v.unit,
                quantity: v.quantity,
                unit_price: v.unit_price,
                discount_percent: v.discount_percent,
                tax_rate_percent: v.tax_rate_percent,
            }
        })
        .collect()
}

/// The lines of documents, in line order, by document.
pub async fn of(db: &impl ConnectionTrait, ids: Vec<Uuid>) -> DomainResult<HashMap<Uuid, Vec<line::Model>>> {
    let mut out: HashMap<Uuid, Vec<line::Model>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let rows = line::Entity::find().filter(line::Column::DocId.is_in(ids)).order_by_asc(line::Column::DocId).order_by_asc(line::Column::LineNo).all(db).await.map_err(db_err)?;
    for l in rows {
        out.entry(l.doc_id).or_default().push(l);
    }
    Ok(out)
}

/// Rows for priced lines: products must be live (errors name `lines[i].product_id`);
/// a line without its own name or unit takes the product's.
pub async fn rows(db: &impl ConnectionTrait, doc_id: Uuid, lines: &[PricedDocLine]) -> DomainResult<Vec<line::Model>> {
    let ids: Vec<Uuid> = lines.iter().filter_map(|l| l.product_id).collect();
    let products: HashMap<Uuid, (String, Option<String>)> = if ids.is_empty() {
        HashMap::new()
    } else {
        policy::live::<product::Entity>()
            .select_only()
            .column(product::Column::Id)
            .column(product::Column::Name)
            .column(product::Column::Unit)
            .filter(product::Column::Id.is_in(ids))
            .into_tuple::<(Uuid, String, Option<String>)>()
            .all(db)
            .await
            .map_err(db_err)?
            .into_iter()
            .map(|(id, name, unit)| (id, (name, unit)))
            .collect()
    };
    let mut v = Validator::new();
    let mut out = Vec::with_capacity(lines.len());
    for (i, l) in lines.iter().enumerate() {
        let product = match l.product_id {
            Some(p) => match products.get(&p) {
                Some(found) => Some(found),
                None => {
                    v.add(&format!("lines[{i}].product_id"), "not_found", "no such product");
                    continue;
                }
            },
            None => None,
        };
        let name = l.name.clone().or_else(|| product.map(|p| p.0.clone())).unwrap_or_default();
        out.push(line::Model {
            id: Uuid::now_v7(),
            doc_id,
            line_no: i32::try_from(i).unwrap_or(i32::MAX),
            product_id: l.product_id,
            name,
            unit: l.unit.clone().or_else(|| product.and_then(|p| p.1.clone())),
            quantity: l.quantity,
            unit_price_minor: l.unit_price,
            discount_bp: l.discount,
            tax_bp: l.tax_rate,
            gross_minor: l.gross,
            subtotal_minor: l.subtotal,
            tax_minor: l.tax,
            total_minor: l.total,
        });
    }
    v.finish()?;
    Ok(out)
}

pub async fn replace(tx: &Tx, doc_id: Uuid, rows: Vec<line::Model>) -> DomainResult<()> {
    line::Entity::delete_many().filter(line::Column::DocId.eq(doc_id)).exec(tx).await.map_err(db_err)?;
    if !rows.is_empty() {
        line::Entity::insert_many(rows.into_iter().map(IntoActiveModel::into_active_model)).exec_without_returning(tx).await.map_err(db_err)?;
    }
    Ok(())
}

/// Lines a kit `build` or `change` checked, kept for its `link` to write once the
/// document's row is written (none set: the stored lines stay).
#[derive(Default)]
pub struct Pending(Mutex<Option<Vec<line::Model>>>);

impl Pending {
    pub fn set(&self, rows: Vec<line::Model>) -> DomainResult<()> {
        *self.0.lock().map_err(|_| DomainError::internal("pending lines lock"))? = Some(rows);
        Ok(())
    }

    pub async fn write(&self, tx: &Tx, doc_id: Uuid) -> DomainResult<()> {
        let rows = self.0.lock().map_err(|_| DomainError::internal("pending lines lock"))?.take();
        match rows {
            Some(rows) => replace(tx, doc_id, rows).await,
            None => Ok(()),
        }
    }
}

/// Checks the parties a document names: a customer the caller may change (404 otherwise,
/// as for a missing one), an opportunity of that customer the caller sees, a contact of
/// that customer.
pub async fn check_parties(tx: &Tx, ctx: &Ctx, customer_id: Uuid, opportunity_id: Option<Uuid>, contact_id: Option<Uuid>) -> DomainResult<()> {
    let found = Scoped::<customer::Entity>::find_editable(tx, ctx).await?.filter(customer::Column::Id.eq(customer_id)).one(tx).await.map_err(db_err)?;
    if found.is_none() {
        return Err(DomainError::not_found("customer"));
    }
    let mut v = Validator::new();
    if let Some(id) = opportunity_id {
        let seen = policy::owned::<opportunity::Entity>(tx, ctx, false).await?.filter(opportunity::Column::Id.eq(id)).one(tx).await.map_err(db_err)?;
        match seen {
            None => v.add("opportunity_id", "not_found", "no such opportunity"),
            Some(o) if o.customer_id != customer_id => v.add("opportunity_id", "other_customer", "an opportunity of this document's customer"),
            Some(_) => {}
        }
    }
    if let Some(id) = contact_id {
        let found = policy::live::<contact::Entity>().filter(contact::Column::Id.eq(id)).filter(contact::Column::CustomerId.eq(customer_id)).one(tx).await.map_err(db_err)?;
        if found.is_none() {
            v.add("contact_id", "not_found", "no such contact of this customer");
        }
    }
    v.finish()
}

/// The parties, names and numbers of a new document, after its fields were checked.
pub struct Parties {
    pub customer_id: Uuid,
    pub opportunity_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
    /// The caller when absent.
    pub owner_id: Option<Uuid>,
}

/// A new document's id, owner, number and line rows (for the kit's `link` to write).
pub struct NewDoc {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub number: String,
    pub lines: Vec<line::Model>,
}

/// What a new document's `build` checks beyond its own fields, the same for every kind: its
/// parties, an owner the caller may give records to, its lines' products. Takes the
/// document's number (`numbering`) last, inside the create's transaction (a batch item's
/// savepoint), so a refused document takes none.
pub async fn prepare_new(tx: &Tx, ctx: &Ctx, p: &Parties, lines: &[PricedDocLine], series: &crate::numbering::Series) -> DomainResult<NewDoc> {
    check_parties(tx, ctx, p.customer_id, p.opportunity_id, p.contact_id).await?;
    let owner_id = p.owner_id.unwrap_or(ctx.actor.user_id);
    crate::scope::assignable_owner(tx, ctx, owner_id, "owner_id").await?;
    let id = Uuid::now_v7();
    let lines = rows(tx, id, lines).await?;
    Ok(NewDoc { id, owner_id, number: crate::numbering::next(tx, series, ctx.now).await?, lines })
}

/// The kit's `link` of a new document: its lines.
pub async fn write_new(tx: &Tx, doc_id: Uuid, rows: Vec<line::Model>) -> DomainResult<()> {
    replace(tx, doc_id, rows).await
}

/// The names a page of documents shows, fetched once per page.
#[derive(Default)]
pub struct Names {
    pub owners: HashMap<Uuid, String>,
    pub customers: HashMap<Uuid, String>,
    pub contacts: HashMap<Uuid, String>,
    pub opportunities: HashMap<Uuid, String>,
}

impl Names {
    pub async fn of(db: &impl ConnectionTrait, owners: HashSet<Uuid>, customers: HashSet<Uuid>, contacts: HashSet<Uuid>, opportunities: HashSet<Uuid>) -> DomainResult<Names> {
        Ok(Names {
            owners: crate::system::user_names::display_names(db, owners).await?,
            customers: names::<customer::Entity>(db, customer::Column::Id, customer::Column::Name, customers.into_iter().collect()).await?,
            contacts: names::<contact::Entity>(db, contact::Column::Id, contact::Column::Name, contacts.into_iter().collect()).await?,
            opportunities: names::<opportunity::Entity>(db, opportunity::Column::Id, opportunity::Column::Name, opportunities.into_iter().collect()).await?,
        })
    }
}
