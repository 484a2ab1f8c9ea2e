//! The quote, order and contract lists as CSV or XLSX, with the lists' filters and scope
//! (streamed): one row per document with its totals; the lines stay on the document.

use crm_domain::DomainResult;

use super::contracts::Contracts;
use super::entities::{contract, order, quote};
use super::orders::Orders;
use super::quotes::Quotes;
use crate::kit::Resource;
use crate::table_export::{col, time, Cell, Column, TableExport};
use crate::{Ctx, Db};

const QUOTE_STATUS: &[(&str, &str, &str)] =
    &[("draft", "草稿", "Draft"), ("pending", "审批中", "Pending approval"), ("sent", "已发送", "Sent"), ("accepted", "已接受", "Accepted"), ("rejected", "已拒绝", "Rejected"), ("expired", "已过期", "Expired")];
const ORDER_STATUS: &[(&str, &str, &str)] =
    &[("draft", "草稿", "Draft"), ("confirmed", "已确认", "Confirmed"), ("delivered", "已交付", "Delivered"), ("closed", "已关闭", "Closed"), ("cancelled", "已取消", "Cancelled")];

const CONTRACT_STATUS: &[(&str, &str, &str)] = &[("draft", "草稿", "Draft"), ("pending", "审批中", "Pending approval"), ("active", "生效", "Active"),
    ("completed", "已完成", "Completed"), ("terminated", "已终止", "Terminated"), ("void", "已作废", "Void")];

fn o(s: Option<String>) -> String {
    s.unwrap_or_default()
}

pub struct QuoteExport;

#[async_trait::async_trait]
impl TableExport for QuoteExport {
    type Entity = quote::Entity;
    const COLUMNS: &'static [Column] = &[
        col("number", "报价单号", "Number", Cell::Text),
        col("customer", "客户", "Customer", Cell::Text),
        col("opportunity", "商机", "Opportunity", Cell::Text),
        col("contact", "联系人", "Contact", Cell::Text),
        col("status", "状态", "Status", Cell::Choice(QUOTE_STATUS)),
        col("valid_until", "有效期至", "Valid until", Cell::Text),
        col("currency", "币种", "Currency", Cell::Text),
        col("subtotal", "小计", "Subtotal", Cell::Text),
        col("discount_total", "折扣", "Discount", Cell::Text),
        col("tax_total", "税额", "Tax", Cell::Text),
        col("total", "合计", "Total", Cell::Text),
        col("owner", "负责人", "Owner", Cell::Text),
        col("sent_at", "发送时间", "Sent", Cell::Time),
        col("created_at", "创建时间", "Created", Cell::Time),
        col("updated_at", "更新时间", "Updated", Cell::Time),
    ];

    async fn rows(db: &Db, batch: Vec<quote::Model>) -> DomainResult<Vec<Vec<String>>> {
        // A read model needs no caller; the scope chose the rows.
        Ok(Quotes::views(db, &Ctx::system("export"), batch)
            .await?
            .into_iter()
            .map(|v| {
                vec![
                    v.number,
                    o(v.customer_name),
                    o(v.opportunity_name),
                    o(v.contact_name),
                    v.status.as_str().to_string(),
                    v.valid_until.to_string(),
                    v.currency,
                    v.subtotal.to_string(),
                    v.discount_total.to_string(),
                    v.tax_total.to_string(),
                    v.total.to_string(),
                    o(v.owner_name),
                    time(v.sent_at),
                    time(Some(v.created_at)),
                    time(Some(v.updated_at)),
                ]
            })
            .collect())
    }
}

pub struct OrderExport;

#[async_trait::async_trait]
impl TableExport for OrderExport {
    type Entity = order::Entity;
    const COLUMNS: &'static [Column] = &[
        col("number", "订单号", "Number", Cell::Text),
        col("customer", "客户", "Customer", Cell::Text),
        col("quote", "报价单号", "Quote", Cell::Text),
        col("status", "状态", "Status", Cell::Choice(ORDER_STATUS)),
        col("order_date", "下单日期", "Order date", Cell::Text),
        col("delivery_date", "交付日期", "Delivery date", Cell::Text),
        col("currency", "币种", "Currency", Cell::Text),
        col("subtotal", "小计", "Subtotal", Cell::Text),
        col("discount_total", "折扣", "Discount", Cell::Text),
        col("tax_total", "税额", "Tax", Cell::Text),
        col("total", "合计", "Total", Cell::Text),
        col("owner", "负责人", "Owner", Cell::Text),
        col("shipping_address", "收货地址", "Shipping address", Cell::Text),
        col("created_at", "创建时间", "Created", Cell::Time),
        col("updated_at", "更新时间", "Updated", Cell::Time),
    ];

    async fn rows(db: &Db, batch: Vec<order::Model>) -> DomainResult<Vec<Vec<String>>> {
        Ok(Orders::views(db, &Ctx::system("export"), batch)
            .await?
            .into_iter()
            .map(|v| {
                vec![
                    v.number,
                    o(v.customer_name),
                    o(v.quote_number),
                    v.status.as_str().to_string(),
                    v.order_date.to_string(),
                    v.delivery_date.map(|d| d.to_string()).unwrap_or_default(),
                    v.currency,
                    v.subtotal.to_string(),
                    v.discount_total.to_string(),
                    v.tax_total.to_string(),
                    v.total.to_string(),
                    o(v.owner_name),
                    o(v.shipping_address),
                    time(Some(v.created_at)),
                    time(Some(v.updated_at)),
                ]
            })
            .collect())
    }
}

pub struct ContractExport;

#[async_trait::async_trait]
impl TableExport for ContractExport {
    type Entity = contract::Entity;
    const COLUMNS: &'static [Column] = &[
        col("number", "合同编号", "Number", Cell::Text),
        col("name", "合同名称", "Name", Cell::Text),
        col("customer", "客户", "Customer", Cell::Text),
        col("status", "状态", "Status", Cell::Choice(CONTRACT_STATUS)),
        col("category", "合同类型", "Category", Cell::Dict("contract_category")),
        col("currency", "币种", "Currency", Cell::Text),
        col("amount", "合同金额", "Amount", Cell::Number),
        col("received_amount", "已回款", "Received", Cell::Number),
        col("outstanding_amount", "未回款", "Outstanding", Cell::Number),
        col("invoiced_amount", "已开票", "Invoiced", Cell::Number),
        col("overdue_amount", "逾期未回款", "Overdue", Cell::Number),
        col("sign_date", "签约日期", "Signed on", Cell::Text),
        col("start_date", "开始日期", "Starts", Cell::Text),
        col("end_date", "结束日期", "Ends", Cell::Text),
        col("customer_signer", "客户签约人", "Customer signatory", Cell::Text),
        col("signer", "我方签约人", "Our signatory", Cell::Text),
        col("quote", "报价单号", "Quote", Cell::Text),
        col("owner", "负责人", "Owner", Cell::Text),
        col("archived_at", "存档时间", "Archived", Cell::Time),
        col("created_at", "创建时间", "Created", Cell::Time),
        col("updated_at", "更新时间", "Updated", Cell::Time),
    ];

    async fn rows(db: &Db, batch: Vec<contract::Model>) -> DomainResult<Vec<Vec<String>>> {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        // The overdue amounts are as of today, as the list shows them.
        Ok(Contracts::views(db, &Ctx::system("export"), batch)
            .await?
            .into_iter()
            .map(|v| {
                vec![
                    v.number,
                    v.name,
                    o(v.customer_name),
                    v.status.as_str().to_string(),
                    o(v.category),
                    v.currency,
                    v.amount.to_string(),
                    v.received_amount.to_string(),
                    v.outstanding_amount.to_string(),
                    v.invoiced_amount.to_string(),
                    v.overdue_amount.to_string(),
                    date(v.sign_date),
                    date(v.start_date),
                    date(v.end_date),
                    o(v.customer_signer_name),
                    o(v.signer_name),
                    o(v.quote_number),
                    o(v.owner_name),
                    time(v.archived_at),
                    time(Some(v.created_at)),
                    time(Some(v.updated_at)),
                ]
            })
            .collect())
    }
}

