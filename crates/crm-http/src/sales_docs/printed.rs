//! What each kind of document prints (`pdf::Print`), in the reader's language, and the
//! response every document's PDF is sent in.

use actix_web::{web, HttpRequest, HttpResponse};
use crm_domain::locale::Lang;
use crm_persistence::sales_docs::contracts::ContractView;
use crm_persistence::sales_docs::quotes::Printable;
use crm_persistence::settings::company::CompanyProfile;

use super::handlers::{PdfLang, PdfParams};
use super::pdf::{self, Print};
use crate::problem::ApiResult;

/// A quote as sent (or as it stands, a draft).
pub fn quote(p: Printable, lang: Lang) -> Print {
    let q = p.quote;
    let t = |zh: &str, en: &str| lang.pick(zh, en).to_string();
    let date = q.sent_at.unwrap_or(q.created_at).date_naive().to_string();
    Print {
        title: t("报价单", "Quotation"),
        number: q.number.clone(),
        company: p.company,
        draft: p.draft,
        facts: vec![
            (t("报价单号", "Quote no."), q.number),
            (t("报价日期", "Date"), date),
            (t("客户", "Customer"), q.customer_name.unwrap_or_default()),
            (t("有效期至", "Valid until"), q.valid_until.to_string()),
            (t("联系人", "Contact"), q.contact_name.unwrap_or_default()),
            (t("销售代表", "Sales rep"), q.owner_name.unwrap_or_default()),
            (t("币种", "Currency"), q.currency.clone()),
        ],
        lines: q.lines,
        currency: q.currency,
        subtotal: q.subtotal,
        discount_total: q.discount_total,
        tax_total: q.tax_total,
        total: q.total,
        total_in_words: q.total_in_words,
        sections: vec![(t("条款", "Terms"), q.terms), (t("备注", "Remark"), q.remark)],
        signatures: Vec::new(),
    }
}

/// A contract as it stands: a draft or one waiting for approval is marked a draft.
pub fn contract(c: ContractView, company: CompanyProfile, lang: Lang) -> Print {
    use crm_domain::contracts::ContractStatus;
    let t = |zh: &str, en: &str| lang.pick(zh, en).to_string();
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let term = match (c.start_date, c.end_date) {
        (None, None) => String::new(),
        (s, e) => format!("{} ~ {}", day(s), day(e)),
    };
    let ours = company.name.clone().unwrap_or_default();
    Print {
        title: t("合同", "Contract"),
        number: c.number.clone(),
        company,
        draft: matches!(c.status, ContractStatus::Draft | ContractStatus::Pending),
        facts: vec![
            (t("合同编号", "Contract no."), c.number),
            (t("合同名称", "Title"), c.name),
            (t("客户", "Customer"), c.customer_name.clone().unwrap_or_default()),
            (t("签订日期", "Signed on"), day(c.sign_date)),
            (t("客户签约人", "Customer signatory"), c.customer_signer_name.unwrap_or_default()),
            (t("合同期限", "Term"), term),
            (t("我方签约人", "Our signatory"), c.signer_name.unwrap_or_default()),
            (t("负责人", "Owner"), c.owner_name.unwrap_or_default()),
        ],
        lines: c.lines,
        currency: c.currency,
        subtotal: c.subtotal,
        discount_total: c.discount_total,
        tax_total: c.tax_total,
        total: c.amount,
        total_in_words: c.amount_in_words,
        sections: vec![(t("付款条件", "Payment terms"), c.payment_terms), (t("备注", "Remark"), c.remark)],
        signatures: vec![(t("甲方（客户）", "Customer"), c.customer_name.unwrap_or_default()), (t("乙方", "Supplier"), ours)],
    }
}

/// The language a PDF is printed in: as asked, else the caller's `Accept-Language`.
pub fn lang(params: &PdfParams, req: &HttpRequest) -> Lang {
    match params.lang {
        None => Lang::from_accept_language(req.headers().get("accept-language").and_then(|h| h.to_str().ok())),
        Some(PdfLang::Zh) => Lang::Zh,
        Some(PdfLang::En) => Lang::En,
    }
}

/// Renders off the async workers and answers the file, named by the document's number.
pub async fn respond(print: Print, lang: Lang, params: &PdfParams) -> ApiResult<HttpResponse> {
    let number = print.number.clone();
    let bytes = web::block(move || pdf::render(&print, lang)).await.map_err(|_| crm_domain::DomainError::internal("the PDF worker stopped"))??;
    let disposition = if params.download.unwrap_or(false) { "attachment" } else { "inline" };
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header(("Content-Disposition", format!("{disposition}; filename=\"{number}.pdf\"")))
        .insert_header(("Cache-Control", "private, no-store"))
        .body(bytes))
}
