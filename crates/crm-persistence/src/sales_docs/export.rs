//! The quote and order lists as CSV or XLSX, with the lists' filters and scope (streamed):
//! one row per document with its totals; the lines stay on the document.

use crm_domain::DomainResult;

use super::entities::{order, quote};
use super::orders::Orders;
use super::quotes::Quotes;
use crate::kit::{self, Resource};
use crate::listing::ListParams;
use crate::table_export::{col, time, Cell, Column, Export, ExportFormat, Reader, TableExport};
use crate::{Ctx, Db};

const QUOTE_STATUS: &[(&str, &str, &str)] =
    &[("draft", "草稿", "Draft"), ("pending", "审批中", "Pending approval"), ("sent", "已发送", "Sent"), ("accepted", "已接受", "Accepted"), ("rejected", "已拒绝", "Rejected"), ("expired", "已过期", "Expired")];
const ORDER_STATUS: &[(&str, &str, &str)] =
    &[("draft", "草稿", "Draft"), ("confirmed", "已确认", "Confirmed"), ("delivered", "已交付", "Delivered"), ("closed", "已关闭", "Closed"), ("cancelled", "已取消", "Cancelled")];

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

pub async fn quotes(db: &Db, ctx: &Ctx, params: ListParams, format: ExportFormat, reader: Reader) -> DomainResult<Export> {
    kit::export::<Quotes, QuoteExport>(db, ctx, params, format, reader).await
}

pub async fn orders(db: &Db, ctx: &Ctx, params: ListParams, format: ExportFormat, reader: Reader) -> DomainResult<Export> {
    kit::export::<Orders, OrderExport>(db, ctx, params, format, reader).await
}
