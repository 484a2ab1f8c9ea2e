//! The customer list as a file (CUS-4).

use crm_domain::DomainResult;

use super::entities::customer;
use super::records::views;
use crate::table_export::{col, time, Cell, Column, TableExport};
use crate::Db;

pub struct CustomerExport;

#[async_trait::async_trait]
impl TableExport for CustomerExport {
    type Entity = customer::Entity;
    const COLUMNS: &'static [Column] = &[
        col("code", "客户编号", "Code", Cell::Text),
        col("name", "客户名称", "Name", Cell::Text),
        col("kind", "客户类型", "Type", Cell::Choice(&[("company", "企业", "Company"), ("person", "个人", "Person")])),
        col("industry", "行业", "Industry", Cell::Dict("industry")),
        col("source", "客户来源", "Source", Cell::Dict("customer_source")),
        col("level", "客户等级", "Level", Cell::Dict("customer_level")),
        col("province", "省份", "Province", Cell::Text),
        col("city", "城市", "City", Cell::Text),
        col("district", "区县", "District", Cell::Text),
        col("address", "详细地址", "Address", Cell::Text),
        col("phone", "电话", "Phone", Cell::Text),
        col("email", "邮箱", "E-mail", Cell::Text),
        col("website", "网址", "Website", Cell::Text),
        col("tags", "标签", "Tags", Cell::Text),
        col("owner", "负责人", "Owner", Cell::Text),
        col("pool", "所属池", "Pool", Cell::Choice(&[
            ("public", "公海", "Public pool"), ("potential", "潜在客户", "Potential"), ("won", "成交客户", "Won"), ("invalid", "无效客户", "Invalid"),
        ])),
        col("deal_status", "成交状态", "Deal status", Cell::Choice(&[("none", "未成交", "No deal yet"), ("won", "已成交", "Won")])),
        col("last_follow_up_at", "最近跟进", "Last follow-up", Cell::Time),
        col("next_follow_up_at", "下次跟进", "Next follow-up", Cell::Time),
        col("created_at", "创建时间", "Created", Cell::Time),
        col("updated_at", "更新时间", "Updated", Cell::Time),
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
