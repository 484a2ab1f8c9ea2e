//! The payment and invoice lists as CSV or XLSX, with the lists' filters and scope
//! (streamed): what finance reconciles against the bank and the tax office. Labels are the
//! SPA's (`receivables.json`), so a sheet reads as the page does.

use crm_domain::DomainResult;

use super::entities::{invoice, payment, payment_plan};
use super::invoices::Invoices;
use super::payments::Payments;
use super::plans::PaymentPlans;
use crate::kit::Resource;
use crate::table_export::{col, time, Cell, Column, TableExport};
use crate::{Ctx, Db};

const PAYMENT_STATUS: &[(&str, &str, &str)] = &[("draft", "草稿", "Draft"), ("pending", "审批中", "Pending approval"), ("confirmed", "已确认", "Confirmed")];
const INVOICE_STATUS: &[(&str, &str, &str)] = &[("draft", "草稿", "Draft"), ("pending", "审批中", "Pending approval"), ("issued", "已开具", "Issued"), ("void", "已作废", "Void")];
const INVOICE_TYPE: &[(&str, &str, &str)] = &[("vat_special", "增值税专用发票", "VAT special"), ("vat_normal", "增值税普通发票", "VAT normal"), ("other", "其他发票", "Other")];
const TITLE_TYPE: &[(&str, &str, &str)] = &[("company", "企业", "Company"), ("person", "个人", "Person")];

fn o(s: Option<String>) -> String {
    s.unwrap_or_default()
}

/// The SPA's words for a plan's status (`receivables.json`).
const PLAN_STATUS: &[(&str, &str, &str)] = &[("pending", "待回款", "Not yet due"), ("partial", "部分回款", "Partly paid"), ("paid", "已回款", "Paid"), ("overdue", "已逾期", "Overdue")];

/// The instalments, each with what was received on it and its status today (UTC).
pub struct PaymentPlanExport;

#[async_trait::async_trait]
impl TableExport for PaymentPlanExport {
    type Entity = payment_plan::Entity;
    const COLUMNS: &'static [Column] = &[
        col("contract_number", "合同编号", "Contract", Cell::Text),
        col("contract_name", "合同名称", "Contract name", Cell::Text),
        col("customer", "客户", "Customer", Cell::Text),
        col("instalment", "期次", "Instalment", Cell::Text),
        col("due_date", "计划回款日期", "Due on", Cell::Text),
        col("amount", "计划金额", "Amount", Cell::Number),
        col("received_amount", "已回款", "Received", Cell::Number),
        col("outstanding_amount", "未回款", "Outstanding", Cell::Number),
        col("status", "状态", "Status", Cell::Choice(PLAN_STATUS)),
        col("owner", "负责人", "Owner", Cell::Text),
        col("remark", "备注", "Remark", Cell::Text),
        col("created_at", "创建时间", "Created", Cell::Time),
    ];

    async fn rows(db: &Db, batch: Vec<payment_plan::Model>) -> DomainResult<Vec<Vec<String>>> {
        // A read model needs no caller (the status is today's); the scope chose the rows.
        Ok(PaymentPlans::views(db, &Ctx::system("export"), batch)
            .await?
            .into_iter()
            .map(|v| {
                vec![
                    o(v.contract_number),
                    o(v.contract_name),
                    o(v.customer_name),
                    v.instalment.to_string(),
                    v.due_date.to_string(),
                    v.amount.to_string(),
                    v.received_amount.to_string(),
                    v.outstanding_amount.to_string(),
                    v.status.as_str().to_string(),
                    o(v.owner_name),
                    o(v.remark),
                    time(Some(v.created_at)),
                ]
            })
            .collect())
    }
}

pub struct PaymentExport;

#[async_trait::async_trait]
impl TableExport for PaymentExport {
    type Entity = payment::Entity;
    const COLUMNS: &'static [Column] = &[
        col("number", "回款编号", "Number", Cell::Text),
        col("contract_number", "合同编号", "Contract", Cell::Text),
        col("contract_name", "合同名称", "Contract name", Cell::Text),
        col("customer", "客户", "Customer", Cell::Text),
        col("instalment", "期次", "Instalment", Cell::Text),
        col("amount", "回款金额", "Amount", Cell::Number),
        col("currency", "币种", "Currency", Cell::Text),
        col("received_date", "回款日期", "Received on", Cell::Text),
        col("method", "回款方式", "Method", Cell::Dict("payment_method")),
        col("reference", "流水号", "Reference", Cell::Text),
        col("status", "状态", "Status", Cell::Choice(PAYMENT_STATUS)),
        col("confirmed_at", "确认时间", "Confirmed", Cell::Time),
        col("overridden", "超额登记", "Over the contract", Cell::Bool),
        col("owner", "负责人", "Owner", Cell::Text),
        col("remark", "备注", "Remark", Cell::Text),
        col("created_at", "创建时间", "Created", Cell::Time),
    ];

    async fn rows(db: &Db, batch: Vec<payment::Model>) -> DomainResult<Vec<Vec<String>>> {
        // A read model needs no caller; the scope chose the rows.
        Ok(Payments::views(db, &Ctx::system("export"), batch)
            .await?
            .into_iter()
            .map(|v| {
                vec![
                    v.number,
                    o(v.contract_number),
                    o(v.contract_name),
                    o(v.customer_name),
                    v.plan_instalment.map(|i| i.to_string()).unwrap_or_default(),
                    v.amount.to_string(),
                    v.currency,
                    v.received_date.to_string(),
                    o(v.method),
                    o(v.reference),
                    v.status.as_str().to_string(),
                    time(v.confirmed_at),
                    v.overridden.to_string(),
                    o(v.owner_name),
                    o(v.remark),
                    time(Some(v.created_at)),
                ]
            })
            .collect())
    }
}

pub struct InvoiceExport;

#[async_trait::async_trait]
impl TableExport for InvoiceExport {
    type Entity = invoice::Entity;
    const COLUMNS: &'static [Column] = &[
        col("number", "发票编号", "Number", Cell::Text),
        col("contract_number", "合同编号", "Contract", Cell::Text),
        col("customer", "客户", "Customer", Cell::Text),
        col("type", "发票类型", "Type", Cell::Choice(INVOICE_TYPE)),
        col("title_type", "抬头类型", "Title type", Cell::Choice(TITLE_TYPE)),
        col("title", "发票抬头", "Title", Cell::Text),
        col("tax_number", "纳税人识别号", "Tax number", Cell::Text),
        col("amount", "开票金额", "Amount", Cell::Number),
        col("tax_rate_percent", "税率(%)", "Tax rate (%)", Cell::Number),
        col("tax_amount", "税额", "Tax", Cell::Number),
        col("currency", "币种", "Currency", Cell::Text),
        col("issue_date", "开票日期", "Issue date", Cell::Text),
        col("status", "状态", "Status", Cell::Choice(INVOICE_STATUS)),
        col("void_reason", "作废原因", "Void reason", Cell::Text),
        col("owner", "负责人", "Owner", Cell::Text),
        col("created_at", "创建时间", "Created", Cell::Time),
    ];

    async fn rows(db: &Db, batch: Vec<invoice::Model>) -> DomainResult<Vec<Vec<String>>> {
        Ok(Invoices::views(db, &Ctx::system("export"), batch)
            .await?
            .into_iter()
            .map(|v| {
                vec![
                    v.number,
                    o(v.contract_number),
                    o(v.customer_name),
                    v.r#type.as_str().to_string(),
                    v.title_type.as_str().to_string(),
                    v.title,
                    o(v.tax_number),
                    v.amount.to_string(),
                    v.tax_rate_percent.to_string(),
                    v.tax_amount.to_string(),
                    v.currency,
                    v.issue_date.map(|d| d.to_string()).unwrap_or_default(),
                    v.status.as_str().to_string(),
                    o(v.void_reason),
                    o(v.owner_name),
                    time(Some(v.created_at)),
                ]
            })
            .collect())
    }
}

