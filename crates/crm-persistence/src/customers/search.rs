//! Keeps `customers.search_text` current. Every change to a customer's name, code, phone
//! or e-mail, or to its contacts, calls `refresh` in the same transaction; the trigram
//! indexes over the column (see the customer search migration) then find it by any part.

use crm_domain::customers::search_text;
use crm_domain::DomainResult;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::entities::{contact, customer};
use crate::db::db_err;

/// The search text of a customer with these contacts `(name, phone, mobile)`.
pub(crate) fn text_of(c: &customer::Model, contacts: &[(String, Option<String>, Option<String>)]) -> String {
    let own = [c.name.as_str(), c.code.as_str(), c.phone.as_deref().unwrap_or(""), c.email.as_deref().unwrap_or("")];
    let theirs = contacts.iter().flat_map(|(n, p, m)| [n.as_str(), p.as_deref().unwrap_or(""), m.as_deref().unwrap_or("")]);
    search_text(own.into_iter().chain(theirs))
}

/// Recomputes the search text of `customer_id` from the stored rows.
pub(crate) async fn refresh(db: &impl ConnectionTrait, customer_id: Uuid) -> DomainResult<()> {
    // scope-bypass: maintenance of a customer the caller has already been authorised to change.
    let Some(c) = customer::Entity::find_by_id(customer_id).one(db).await.map_err(db_err)? else { return Ok(()) };
    let contacts: Vec<(String, Option<String>, Option<String>)> = contact::Entity::find()
        .select_only()
        .column(contact::Column::Name)
        .column(contact::Column::Phone)
        .column(contact::Column::Mobile)
        .filter(contact::Column::CustomerId.eq(customer_id))
        .filter(contact::Column::DeletedAt.is_null())
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)?;
    let text = text_of(&c, &contacts);
    if text != c.search_text {
        customer::Entity::update_many()
            .col_expr(customer::Column::SearchText, Expr::value(text))
            .filter(customer::Column::Id.eq(customer_id))
            .exec(db)
            .await
            .map_err(db_err)?;
    }
    Ok(())
}

/// `refresh` for the customer of a contact, e.g. after the contact is restored.
pub(crate) async fn refresh_for_contact(db: &impl ConnectionTrait, contact_id: Uuid) -> DomainResult<()> {
    let customer_id: Option<Uuid> =
        contact::Entity::find_by_id(contact_id).select_only().column(contact::Column::CustomerId).into_tuple().one(db).await.map_err(db_err)?;
    match customer_id {
        Some(id) => refresh(db, id).await,
        None => Ok(()),
    }
}
