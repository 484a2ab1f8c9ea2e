//! Converting a lead (SAL-1): in one transaction, a customer (new, with the customers'
//! duplicate check, or an existing one the caller may change), the lead's person as its
//! contact, an opportunity if asked for, and the lead marked converted with links to
//! what it made; its follow-ups join the customer. A second conversion is a 409.

use crm_domain::customers::{CustomerKind, NewCustomer};
use crm_domain::customers::contact::NewContact;
use crm_domain::leads::{Conversion, ConvertCustomer, LeadStatus};
use crm_domain::opportunities::OpportunityInput;
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use super::entities::lead::{self, Column as C, Entity as Lead};
use super::records::Leads;
use crate::customers::entities::customer;
use crate::db::db_err;
use crate::kit;
use crate::scope::Scoped;
use crate::tx::Tx;
use crate::{audit, Ctx, Db};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = LeadConverted, example = json!({"customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "contact_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e60", "opportunity_id": null}))]
pub struct Converted {
    pub customer_id: Uuid,
    pub contact_id: Option<Uuid>,
    pub opportunity_id: Option<Uuid>,
}

/// The customer a lead becomes when the conversion names none: its company (or its
/// person), with its phone, e-mail, source and place.
fn customer_from(l: &lead::Model) -> NewCustomer {
    NewCustomer {
        name: l.company.clone().unwrap_or_else(|| l.name.clone()),
        kind: if l.company.is_some() { CustomerKind::Company } else { CustomerKind::Person },
        industry: None,
        source: l.source.clone(),
        level: None,
        region_code: None,
        province: l.province.clone(),
        city: l.city.clone(),
        district: None,
        address: l.address.clone(),
        phone: l.phone.clone().or_else(|| l.mobile.clone()),
        email: l.email.clone(),
        website: None,
        tags: Vec::new(),
        remark: None,
    }
}

pub async fn convert(db: &Db, ctx: &Ctx, id: Uuid, c: Conversion) -> DomainResult<Converted> {
    let tx = crate::tx::begin(db).await?;
    let mut new_customer = None;
    match run(&tx, ctx, id, c, &mut new_customer).await {
        Ok(done) => {
            tx.commit().await.map_err(db_err)?;
            Ok(done)
        }
        Err(e) => {
            drop(tx);
            // A customer committed meanwhile with the same keys: name it, as a create would.
            Err(match new_customer {
                Some(nc) => crate::customers::create::explain_refusal(db, e, &nc).await,
                None => e,
            })
        }
    }
}

async fn run(tx: &Tx, ctx: &Ctx, id: Uuid, c: Conversion, new_customer: &mut Option<NewCustomer>) -> DomainResult<Converted> {
    let lead = kit::load::<Leads>(tx, ctx, id, true).await?;
    if lead.status == LeadStatus::Converted.as_str() {
        return Err(DomainError::conflict("lead.already_converted", "this lead was converted already").with_extra(json!({"customer_id": lead.converted_customer_id})));
    }
    let (customer_id, is_new) = match c.customer {
        Some(ConvertCustomer::Existing { use_existing_id }) => {
            let found = Scoped::<customer::Entity>::find_editable(tx, ctx).await?.filter(customer::Column::Id.eq(use_existing_id)).one(tx).await.map_err(db_err)?;
            (found.ok_or_else(|| DomainError::not_found("customer"))?.id, false)
        }
        other => {
            let nc = match other {
                Some(ConvertCustomer::New(nc)) => *nc,
                _ => customer_from(&lead),
            };
            *new_customer = Some(nc.clone());
            (crate::customers::create::create_in(tx, ctx, nc).await?.id, true)
        }
    };
    let contact_id = if c.contact {
        let contact = NewContact {
            customer_id,
            name: lead.name.clone(),
            title: lead.title.clone(),
            phone: lead.phone.clone(),
            mobile: lead.mobile.clone(),
            email: lead.email.clone(),
            wechat: None,
            is_primary: is_new,
            birthday: None,
            remark: None,
        };
        Some(crate::customers::contacts::create_in(tx, ctx, contact).await?.id)
    } else {
        None
    };
    let opportunity_id = match c.opportunity {
        Some(o) => {
            let input = OpportunityInput {
                customer_id,
                contact_id,
                name: o.name,
                amount: o.amount,
                currency: o.currency,
                expected_close_date: o.expected_close_date,
                stage_id: o.stage_id,
                source: lead.source.clone(),
                ..Default::default()
            };
            Some(crate::opportunities::records::create_in(tx, ctx, input).await.map_err(|e| prefix(e, "opportunity"))?.id)
        }
        None => None,
    };
    let res = Lead::update_many()
        .col_expr(C::Status, Expr::value(LeadStatus::Converted.as_str()))
        .col_expr(C::ConvertedCustomerId, Expr::value(customer_id))
        .col_expr(C::ConvertedContactId, Expr::value(contact_id))
        .col_expr(C::ConvertedOpportunityId, Expr::value(opportunity_id))
        .col_expr(C::ConvertedAt, Expr::value(ctx.now))
        .col_expr(C::ConvertedBy, Expr::value(ctx.actor.user_id))
        .col_expr(C::Version, Expr::col(C::Version).add(1))
        .col_expr(C::UpdatedAt, Expr::value(ctx.now))
        .filter(C::Id.eq(lead.id))
        .filter(C::Version.eq(lead.version))
        .filter(C::Status.ne(LeadStatus::Converted.as_str()))
        .exec(tx)
        .await
        .map_err(db_err)?;
    if res.rows_affected == 0 {
        return Err(DomainError::conflict("lead.already_converted", "someone converted or changed this lead meanwhile; reload it"));
    }
    crate::customers::follow_ups::carry_to_customer(tx, ctx, lead.id, customer_id, contact_id).await?;
    let done = Converted { customer_id, contact_id, opportunity_id };
    audit::record(tx, ctx, "leads", lead.id, "convert", &json!({"status": lead.status}), &json!({"status": "converted", "customer_id": customer_id, "contact_id": contact_id, "opportunity_id": opportunity_id})).await?;
    Ok(done)
}

/// The opportunity's field errors under `opportunity.` (it is a part of the body).
fn prefix(mut e: DomainError, part: &str) -> DomainError {
    for f in &mut e.errors {
        f.field = format!("{part}.{}", f.field);
    }
    e
}
