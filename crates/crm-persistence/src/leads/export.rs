//! The lead list as CSV or XLSX, with the list's filters and scope (streamed).

use crm_domain::DomainResult;

use super::entities::lead::{Entity as Lead, Model};
use super::records::Leads;
use crate::kit::Resource;
use crate::table_export::{col, time, Cell, Column, TableExport};
use crate::{Ctx, Db};

pub struct LeadExport;

const STATUS: &[(&str, &str, &str)] = &[
    ("new", "新线索", "New"),
    ("contacted", "已联系", "Contacted"),
    ("qualified", "已确认", "Qualified"),
    ("unqualified", "无效", "Unqualified"),
    ("converted", "已转化", "Converted"),
];

#[async_trait::async_trait]
impl TableExport for LeadExport {
    type Entity = Lead;
    const COLUMNS: &'static [Column] = &[
        col("code", "线索编号", "Code", Cell::Text),
        col("name", "姓名", "Name", Cell::Text),
        col("company", "公司", "Company", Cell::Text),
        col("title", "职务", "Title", Cell::Text),
        col("phone", "电话", "Phone", Cell::Text),
        col("mobile", "手机", "Mobile", Cell::Text),
        col("email", "邮箱", "E-mail", Cell::Text),
        col("source", "来源", "Source", Cell::Dict("customer_source")),
        col("status", "状态", "Status", Cell::Choice(STATUS)),
        col("owner", "负责人", "Owner", Cell::Text),
        col("province", "省份", "Province", Cell::Text),
        col("city", "城市", "City", Cell::Text),
        col("address", "地址", "Address", Cell::Text),
        col("remark", "备注", "Remark", Cell::Text),
        col("created_at", "创建时间", "Created", Cell::Time),
        col("updated_at", "更新时间", "Updated", Cell::Time),
    ];

    async fn rows(db: &Db, batch: Vec<Model>) -> DomainResult<Vec<Vec<String>>> {
        let o = |s: Option<String>| s.unwrap_or_default();
        Ok(Leads::views(db, &Ctx::system("export"), batch)
            .await?
            .into_iter()
            .map(|l| {
                vec![
                    l.code, l.name, o(l.company), o(l.title), o(l.phone), o(l.mobile), o(l.email), o(l.source), l.status.as_str().to_string(), o(l.owner_name), o(l.province), o(l.city),
                    o(l.address), o(l.remark), time(Some(l.created_at)), time(Some(l.updated_at)),
                ]
            })
            .collect())
    }
}

