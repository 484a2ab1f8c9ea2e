//! The customer list as CSV (CUS-4).

use crm_domain::DomainResult;

use super::entities::customer;
use super::list::list_select;
use super::records::views;
use crate::table_export::{self, time, Export, ExportFormat, TableExport};
use crate::listing::ListParams;
use crate::{Ctx, Db};

/// The list's query (filters, `q`, sort, scope) exported whole; a bad parameter fails
/// here, before anything is sent.
pub async fn start(db: &Db, ctx: &Ctx, params: ListParams, format: ExportFormat) -> DomainResult<Export> {
    let select = list_select(db, ctx, params).await?;
    table_export::run::<CustomerExport>(db.clone(), select, format).await
}

pub struct CustomerExport;

#[async_trait::async_trait]
impl TableExport for CustomerExport {
    type Entity = customer::Entity;
    const HEADER: &'static [&'static str] = &[
        "code", "name", "kind", "industry", "source", "level", "province", "city", "district", "address", "phone", "email",
        "website", "tags", "owner", "pool", "deal_status", "last_follow_up_at", "next_follow_up_at", "created_at", "updated_at",
    ];

    async fn rows(db: &Db, batch: Vec<customer::Model>) -> DomainResult<Vec<Vec<String>>> {
        let o = |s: Option<String>| s.unwrap_or_default();
        Ok(views(db, batch)
            .await?
            .into_iter()
            .map(|c| {
                vec![
                    c.code, c.name, c.kind, o(c.industry), o(c.source), o(c.level), o(c.province), o(c.city), o(c.district), o(c.address),
                    o(c.phone), o(c.email), o(c.website), c.tags.join(";"), o(c.owner_name), c.pool, c.deal_status,
                    time(c.last_follow_up_at), time(c.next_follow_up_at), time(Some(c.created_at)), time(Some(c.updated_at)),
                ]
            })
            .collect())
    }
}
