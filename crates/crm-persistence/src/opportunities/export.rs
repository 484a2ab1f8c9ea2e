//! The opportunity list as CSV or XLSX, with the list's filters and scope (streamed).

use std::collections::HashMap;

use crm_domain::DomainResult;
use uuid::Uuid;

use super::entities::opportunity::{Entity as Opportunity, Model};
use super::records::{stage_names, Opportunities};
use crate::kit::Resource;
use crate::table_export::{col, names, time, Cell, Column, TableExport};
use crate::{Ctx, Db};

pub struct OpportunityExport;

const STATUS: &[(&str, &str, &str)] = &[("open", "进行中", "Open"), ("won", "赢单", "Won"), ("lost", "输单", "Lost")];

#[async_trait::async_trait]
impl TableExport for OpportunityExport {
    type Entity = Opportunity;
    const COLUMNS: &'static [Column] = &[
        col("name", "商机名称", "Name", Cell::Text),
        col("customer", "客户", "Customer", Cell::Text),
        col("contact", "联系人", "Contact", Cell::Text),
        col("amount", "金额", "Amount", Cell::Text),
        col("currency", "币种", "Currency", Cell::Text),
        col("stage", "销售阶段", "Stage", Cell::Named),
        col("status", "状态", "Status", Cell::Choice(STATUS)),
        col("probability", "赢率(%)", "Probability (%)", Cell::Text),
        col("weighted_amount", "加权金额", "Weighted amount", Cell::Text),
        col("expected_close_date", "预计成交日期", "Expected close", Cell::Text),
        col("owner", "负责人", "Owner", Cell::Text),
        col("source", "来源", "Source", Cell::Dict("customer_source")),
        col("lost_reason", "输单原因", "Lost reason", Cell::Dict("lost_reason")),
        col("closed_at", "结束时间", "Closed", Cell::Time),
        col("created_at", "创建时间", "Created", Cell::Time),
        col("updated_at", "更新时间", "Updated", Cell::Time),
    ];

    async fn rows(db: &Db, batch: Vec<Model>) -> DomainResult<Vec<Vec<String>>> {
        let stages: HashMap<Uuid, String> = stage_names(db, batch.iter().map(|o| o.stage_id).collect()).await?.into_iter().map(|(id, s)| (id, names(&s.name_zh, &s.name_en))).collect();
        let o = |s: Option<String>| s.unwrap_or_default();
        // An opportunity's read model needs no caller; the scope chose the rows.
        Ok(Opportunities::views(db, &Ctx::system("export"), batch)
            .await?
            .into_iter()
            .map(|v| {
                vec![
                    v.name,
                    o(v.customer_name),
                    o(v.contact_name),
                    v.amount.to_string(),
                    v.currency,
                    o(stages.get(&v.stage_id).cloned()),
                    v.status.as_str().to_string(),
                    v.probability.to_string(),
                    v.weighted_amount.to_string(),
                    v.expected_close_date.map(|d| d.to_string()).unwrap_or_default(),
                    o(v.owner_name),
                    o(v.source),
                    o(v.lost_reason),
                    time(v.closed_at),
                    time(Some(v.created_at)),
                    time(Some(v.updated_at)),
                ]
            })
            .collect())
    }
}

