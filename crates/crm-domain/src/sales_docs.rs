//! Quotes [报价单] and sales orders [订单] (SAL-6, SAL-7): documents with numbered, taxed
//! lines whose figures the server computes, and the statuses each may pass through. The
//! line arithmetic is the opportunities' (`price_one`) with a tax rate on top, so a line
//! prices the same on an opportunity, a quote and the order made from it.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::money;
use crate::opportunities::{price_one, to_cents, MAX_LINES, QUANTITY_PLACES};
use crate::validate::Validator;
use crate::{DomainError, DomainResult};

/// A line of a quote or order. With a product, its name and unit default to the
/// product's; without, `name` is required (a service, a freight charge).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewDocumentLine, example = json!({"product_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e70", "name": "人体工学椅", "unit": "把", "quantity": "3", "unit_price": "1234.56", "discount_percent": "10", "tax_rate_percent": "13"}))]
pub struct DocLineInput {
    /// A product in the catalogue (a deleted one is refused).
    pub product_id: Option<Uuid>,
    /// At most 200 characters; the product's name when absent.
    pub name: Option<String>,
    /// At most 20 characters; the product's unit when absent.
    pub unit: Option<String>,
    /// A decimal string; more than 0, at most four decimals, at most 1,000,000,000.
    #[serde(deserialize_with = "crate::amount::amount")]
    #[schema(value_type = String, example = "3")]
    pub quantity: Decimal,
    /// A decimal string; ≥ 0, at most two decimals.
    #[serde(deserialize_with = "crate::amount::amount")]
    #[schema(value_type = String, example = "1234.56")]
    pub unit_price: Decimal,
    /// A decimal string, 0–100 with at most two decimals; 0 when absent.
    #[serde(default, deserialize_with = "crate::amount::amount")]
    #[schema(value_type = String, example = "10")]
    pub discount_percent: Decimal,
    /// A decimal string, 0–100 with at most two decimals (增值税 13, 9, 6, …); 0 when absent.
    #[serde(default, deserialize_with = "crate::amount::amount")]
    #[schema(value_type = String, example = "13")]
    pub tax_rate_percent: Decimal,
}

/// A line's figures as stored: integers of the smallest unit of each.
#[derive(Debug, Clone, PartialEq)]
pub struct PricedDocLine {
    pub product_id: Option<Uuid>,
    /// None until the caller fills it from the product.
    pub name: Option<String>,
    pub unit: Option<String>,
    /// Ten-thousandths.
    pub quantity: i64,
    /// Minor units.
    pub unit_price: i64,
    /// Basis points.
    pub discount: i32,
    /// Basis points.
    pub tax_rate: i32,
    /// quantity × unit_price, half up to the cent.
    pub gross: i64,
    /// After the discount, before tax: quantity × unit_price × (1 − discount), half up.
    pub subtotal: i64,
    /// subtotal × tax rate, half up to the cent.
    pub tax: i64,
    /// subtotal + tax.
    pub total: i64,
}

impl PricedDocLine {
    pub fn quantity_decimal(&self) -> Decimal {
        Decimal::new(self.quantity, QUANTITY_PLACES).normalize()
    }
    pub fn discount_decimal(&self) -> Decimal {
        Decimal::new(i64::from(self.discount), 2).normalize()
    }
    pub fn tax_rate_decimal(&self) -> Decimal {
        Decimal::new(i64::from(self.tax_rate), 2).normalize()
    }
}

/// A document's totals, each the sum of its lines' (minor units).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DocTotals {
    /// Σ gross: before discounts and tax.
    pub subtotal: i64,
    /// Σ (gross − subtotal).
    pub discount_total: i64,
    pub tax_total: i64,
    /// Σ line totals = subtotal − discount_total + tax_total.
    pub total: i64,
}

/// Checks each line (errors name `lines[i].field`) and computes its figures.
pub fn price_doc_lines(v: &mut Validator, lines: &[DocLineInput]) -> Vec<PricedDocLine> {
    if lines.len() > MAX_LINES {
        v.add("lines", "too_many", format!("at most {MAX_LINES} lines"));
        return Vec::new();
    }
    let mut out = Vec::with_capacity(lines.len());
    for (i, l) in lines.iter().enumerate() {
        let field = |f: &str| format!("lines[{i}].{f}");
        let name = v.optional(&field("name"), l.name.as_deref(), 200);
        let unit = v.optional(&field("unit"), l.unit.as_deref(), 20);
        if name.is_none() && l.product_id.is_none() && l.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
            v.add(&field("name"), "required", "a line without a product needs a name");
        }
        let before = v.len();
        if l.tax_rate_percent < Decimal::ZERO || l.tax_rate_percent > Decimal::ONE_HUNDRED {
            v.add(&field("tax_rate_percent"), "out_of_range", "between 0 and 100");
        } else if l.tax_rate_percent.scale() > 2 {
            v.add(&field("tax_rate_percent"), "too_precise", "at most two decimals");
        }
        let Some(f) = price_one(v, i, l.quantity, l.unit_price, l.discount_percent) else { continue };
        if v.len() > before {
            continue;
        }
        let tax = to_cents(money::from_minor(f.net) * l.tax_rate_percent / Decimal::ONE_HUNDRED);
        let tax = i64::try_from((tax * Decimal::ONE_HUNDRED).trunc()).unwrap_or(i64::MAX);
        let Some(total) = f.net.checked_add(tax).filter(|t| *t <= money::MAX_AMOUNT) else {
            v.add(&field("quantity"), "too_large", "the line's total is too large");
            continue;
        };
        out.push(PricedDocLine {
            product_id: l.product_id,
            name,
            unit,
            quantity: f.quantity,
            unit_price: f.unit_price,
            discount: f.discount,
            tax_rate: i32::try_from((l.tax_rate_percent * Decimal::ONE_HUNDRED).trunc()).unwrap_or(0),
            gross: f.gross,
            subtotal: f.net,
            tax,
            total,
        });
    }
    out
}

/// The totals of priced lines; an error on `lines` when they pass the largest amount.
pub fn totals(v: &mut Validator, lines: &[PricedDocLine]) -> DocTotals {
    let sum = |f: fn(&PricedDocLine) -> i64| lines.iter().try_fold(0_i64, |s, l| s.checked_add(f(l))).filter(|t| *t <= money::MAX_AMOUNT);
    match (sum(|l| l.gross), sum(|l| l.gross - l.subtotal), sum(|l| l.tax), sum(|l| l.total)) {
        (Some(subtotal), Some(discount_total), Some(tax_total), Some(total)) => DocTotals { subtotal, discount_total, tax_total, total },
        _ => {
            v.add("lines", "too_large", "the lines' total is too large");
            DocTotals::default()
        }
    }
}

/// A quote's life: a draft is edited and sent; a sent quote is accepted or rejected by
/// the customer, or expires after its `valid_until`; a rejected or expired one may go
/// back to draft for a new round. Where quotes go through approval, a draft is submitted
/// (`pending`, read-only) and is sent when approved, or returns to draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum QuoteStatus {
    Draft,
    Pending,
    Sent,
    Accepted,
    Rejected,
    Expired,
}

impl QuoteStatus {
    pub const ALL: [QuoteStatus; 6] = [QuoteStatus::Draft, QuoteStatus::Pending, QuoteStatus::Sent, QuoteStatus::Accepted, QuoteStatus::Rejected, QuoteStatus::Expired];
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteStatus::Draft => "draft",
            QuoteStatus::Pending => "pending",
            QuoteStatus::Sent => "sent",
            QuoteStatus::Accepted => "accepted",
            QuoteStatus::Rejected => "rejected",
            QuoteStatus::Expired => "expired",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|q| q.as_str() == s)
    }
    /// Whether a quote may go from `self` to `to` by `POST /quotes/{id}/transition`
    /// (in and out of `pending` only by approval).
    pub fn may_become(self, to: QuoteStatus) -> bool {
        use QuoteStatus::*;
        matches!((self, to), (Draft, Sent) | (Sent, Accepted) | (Sent, Rejected) | (Sent, Expired) | (Rejected, Draft) | (Expired, Draft))
    }
}

/// An order's life: draft → confirmed → delivered → closed, or cancelled from draft or
/// confirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum OrderStatus {
    Draft,
    Confirmed,
    Delivered,
    Closed,
    Cancelled,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 5] = [OrderStatus::Draft, OrderStatus::Confirmed, OrderStatus::Delivered, OrderStatus::Closed, OrderStatus::Cancelled];
    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Draft => "draft",
            OrderStatus::Confirmed => "confirmed",
            OrderStatus::Delivered => "delivered",
            OrderStatus::Closed => "closed",
            OrderStatus::Cancelled => "cancelled",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|q| q.as_str() == s)
    }
    pub fn may_become(self, to: OrderStatus) -> bool {
        use OrderStatus::*;
        matches!((self, to), (Draft, Confirmed) | (Confirmed, Delivered) | (Delivered, Closed) | (Draft, Cancelled) | (Confirmed, Cancelled))
    }
}

/// The refusal of a transition the status machine does not have.
pub fn bad_transition(what: &str, from: &str, to: &str) -> DomainError {
    DomainError::conflict(format!("{what}.bad_transition"), format!("a {what} cannot go from {from} to {to}"))
}

// A new quote.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewQuote, example = json!({"customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "valid_until": "2026-12-31", "currency": "CNY",
    "lines": [{"product_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e70", "quantity": "3", "unit_price": "1234.56", "discount_percent": "10", "tax_rate_percent": "13"}],
    "terms": "报价有效期内价格不变；货到付款。"}))]
pub struct QuoteInput {
    /// A customer the caller may change (owner in their scope, or an `edit` collaborator);
    /// any other is a 404.
    pub customer_id: Uuid,
    /// One of the customer's opportunities the caller sees.
    pub opportunity_id: Option<Uuid>,
    /// One of the customer's contacts.
    pub contact_id: Option<Uuid>,
    /// 30 days after today (UTC) when absent.
    pub valid_until: Option<NaiveDate>,
    /// ISO 4217; CNY when absent.
    pub currency: Option<String>,
    /// At most 200 lines; a quote is sent with at least one.
    #[serde(default)]
    pub lines: Vec<DocLineInput>,
    /// At most 5000 characters, line breaks kept: payment, delivery, warranty.
    pub terms: Option<String>,
    /// At most 2000 characters.
    pub remark: Option<String>,
    /// An enabled user whose records the caller's data scope covers; the caller when absent.
    pub owner_id: Option<Uuid>,
}

crate::patch!(
    /// Fields of a draft quote to change; absent fields stay, `null` clears. `lines`
    /// replaces every line. Its customer and owner are fixed.
    #[schema(example = json!({"valid_until": "2027-01-15", "remark": "含安装"}))]
    pub struct QuotePatch for QuoteInput { lines: Vec<DocLineInput>; opportunity_id: Uuid, contact_id: Uuid, valid_until: NaiveDate, currency: String, terms: String, remark: String }
);

/// A document's common fields, checked, with its lines priced.
#[derive(Debug, Clone)]
pub struct CheckedDoc {
    pub currency: String,
    pub lines: Vec<PricedDocLine>,
    pub totals: DocTotals,
    pub terms: Option<String>,
    pub remark: Option<String>,
}

pub(crate) fn check_doc(v: &mut Validator, currency: Option<&str>, lines: &[DocLineInput], terms: Option<&str>, remark: Option<&str>) -> (String, Vec<PricedDocLine>, DocTotals, Option<String>, Option<String>) {
    let currency = money::currency(v, "currency", currency);
    let terms = v.optional_text("terms", terms, 5000);
    let remark = v.optional_text("remark", remark, 2000);
    let lines = price_doc_lines(v, lines);
    let totals = totals(v, &lines);
    (currency, lines, totals, terms, remark)
}

impl QuoteInput {
    /// The field rules; references (customer, opportunity, contact, products) are the
    /// caller's to check. `today` is the date `valid_until` defaults from.
    pub fn validate(mut self, today: NaiveDate) -> DomainResult<(QuoteInput, CheckedDoc)> {
        let mut v = Validator::new();
        let (currency, lines, totals, terms, remark) = check_doc(&mut v, self.currency.as_deref(), &self.lines, self.terms.as_deref(), self.remark.as_deref());
        let valid_until = self.valid_until.unwrap_or(today + chrono::Days::new(30));
        self.valid_until = Some(valid_until);
        v.finish()?;
        Ok((self, CheckedDoc { currency, lines, totals, terms, remark }))
    }
}

// A new sales order.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewOrder, example = json!({"customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "order_date": "2026-12-06", "delivery_date": "2026-12-20",
    "lines": [{"product_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e70", "quantity": "3", "unit_price": "1234.56", "tax_rate_percent": "13"}],
    "shipping_address": "杭州市西湖区文三路 90 号"}))]
pub struct OrderInput {
    /// A customer the caller may change; any other is a 404.
    pub customer_id: Uuid,
    /// One of the customer's opportunities the caller sees.
    pub opportunity_id: Option<Uuid>,
    /// One of the customer's contacts.
    pub contact_id: Option<Uuid>,
    /// Today (UTC) when absent.
    pub order_date: Option<NaiveDate>,
    pub delivery_date: Option<NaiveDate>,
    /// At most 500 characters.
    pub shipping_address: Option<String>,
    /// ISO 4217; CNY when absent.
    pub currency: Option<String>,
    /// At most 200 lines; an order is confirmed with at least one.
    #[serde(default)]
    pub lines: Vec<DocLineInput>,
    /// At most 5000 characters, line breaks kept.
    pub terms: Option<String>,
    /// At most 2000 characters.
    pub remark: Option<String>,
    /// An enabled user whose records the caller's data scope covers; the caller when absent.
    pub owner_id: Option<Uuid>,
}

crate::patch!(
    /// Fields of a draft order to change; absent fields stay, `null` clears. `lines`
    /// replaces every line. Its customer, quote and owner are fixed.
    #[schema(example = json!({"delivery_date": "2026-12-28"}))]
    pub struct OrderPatch for OrderInput { lines: Vec<DocLineInput>; opportunity_id: Uuid, contact_id: Uuid, order_date: NaiveDate, delivery_date: NaiveDate, shipping_address: String, currency: String, terms: String, remark: String }
);

impl OrderInput {
    pub fn validate(mut self, today: NaiveDate) -> DomainResult<(OrderInput, CheckedDoc)> {
        let mut v = Validator::new();
        let (currency, lines, totals, terms, remark) = check_doc(&mut v, self.currency.as_deref(), &self.lines, self.terms.as_deref(), self.remark.as_deref());
        self.shipping_address = v.optional("shipping_address", self.shipping_address.as_deref(), 500);
        let order_date = self.order_date.unwrap_or(today);
        self.order_date = Some(order_date);
        if let Some(d) = self.delivery_date {
            if d < order_date {
                v.add("delivery_date", "before_order_date", "on or after the order date");
            }
        }
        v.finish()?;
        Ok((self, CheckedDoc { currency, lines, totals, terms, remark }))
    }
}

/// `POST /quotes/{id}/transition` and `POST /orders/{id}/transition`.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = QuoteTransition, example = json!({"to": "sent"}))]
pub struct QuoteTransition {
    pub to: QuoteStatus,
    /// At most 500 characters; kept in the operation log (why it was rejected, say).
    pub note: Option<String>,
}

#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = OrderTransition, example = json!({"to": "confirmed"}))]
pub struct OrderTransition {
    pub to: OrderStatus,
    /// At most 500 characters; kept in the operation log (why it was cancelled, say).
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn line(q: &str, p: &str, d: &str, t: &str) -> DocLineInput {
        DocLineInput {
            product_id: None,
            name: Some("服务".into()),
            unit: None,
            quantity: Decimal::from_str(q).unwrap(),
            unit_price: Decimal::from_str(p).unwrap(),
            discount_percent: Decimal::from_str(d).unwrap(),
            tax_rate_percent: Decimal::from_str(t).unwrap(),
        }
    }

    #[test]
    fn many_lines_with_discounts_and_taxes_total_exactly() {
        // Hand-computed: gross, net (half up), tax on net (half up), total.
        let cases = [
            (line("3", "1234.56", "10", "13"), 370_368, 333_331, 43_333, 376_664),   // 3703.68; 3333.312→3333.31; 433.3303→433.33
            (line("1", "0.25", "50", "6"), 25, 13, 1, 14),                           // 0.125→0.13; 0.0078→0.01
            (line("2.5", "19.99", "0", "9"), 4_998, 4_998, 450, 5_448),             // 49.975→49.98; 4.4982→4.50
            (line("0.0001", "100.00", "0", "13"), 1, 1, 0, 1),                       // 0.01; 0.0013→0.00
            (line("7", "33.33", "33.33", "16.5"), 23_331, 15_555, 2_567, 18_122),   // 233.31; 155.547777→155.55; 25.66575→25.67
            (line("12", "99.99", "12.5", "13"), 119_988, 104_990, 13_649, 118_639), // 1199.88; 1049.895→1049.90; 136.487→136.49
            (line("1", "0.05", "0", "10"), 5, 5, 1, 6),                              // 0.005 tax → 0.01 (half up)
        ];
        let inputs: Vec<DocLineInput> = cases.iter().map(|c| c.0.clone()).collect();
        let mut v = Validator::new();
        let priced = price_doc_lines(&mut v, &inputs);
        let t = totals(&mut v, &priced);
        assert!(v.finish().is_ok());
        for (p, c) in priced.iter().zip(&cases) {
            assert_eq!((p.gross, p.subtotal, p.tax, p.total), (c.1, c.2, c.3, c.4), "{:?}", c.0);
        }
        let sum = |f: fn(&(DocLineInput, i64, i64, i64, i64)) -> i64| cases.iter().map(f).sum::<i64>();
        assert_eq!(t.subtotal, sum(|c| c.1));
        assert_eq!(t.discount_total, sum(|c| c.1 - c.2));
        assert_eq!(t.tax_total, sum(|c| c.3));
        assert_eq!(t.total, sum(|c| c.4));
        assert_eq!(t.total, t.subtotal - t.discount_total + t.tax_total);
        assert_eq!(money::from_minor(t.total).to_string(), "5188.94");
    }

    #[test]
    fn bad_lines_are_refused_by_field() {
        let mut v = Validator::new();
        let mut nameless = line("1", "1", "0", "0");
        nameless.name = None;
        price_doc_lines(&mut v, &[line("-1", "1", "0", "0"), line("1", "1", "101", "0"), line("1", "1", "0", "100.5"), line("1", "1", "0", "13.125"), nameless]);
        let e = v.finish().unwrap_err();
        let fields: Vec<&str> = e.errors.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, vec!["lines[0].quantity", "lines[1].discount_percent", "lines[2].tax_rate_percent", "lines[3].tax_rate_percent", "lines[4].name"]);
    }

    #[test]
    fn status_machines_allow_only_their_transitions() {
        use OrderStatus as O;
        use QuoteStatus as Q;
        assert!(Q::Draft.may_become(Q::Sent) && Q::Sent.may_become(Q::Accepted) && Q::Expired.may_become(Q::Draft));
        assert!(!Q::Draft.may_become(Q::Accepted) && !Q::Accepted.may_become(Q::Draft) && !Q::Sent.may_become(Q::Sent));
        assert!(O::Draft.may_become(O::Confirmed) && O::Confirmed.may_become(O::Cancelled) && O::Delivered.may_become(O::Closed));
        assert!(!O::Delivered.may_become(O::Cancelled) && !O::Closed.may_become(O::Draft) && !O::Draft.may_become(O::Delivered));
    }

    #[test]
    fn an_order_is_not_delivered_before_it_is_made() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let o = OrderInput { delivery_date: NaiveDate::from_ymd_opt(2026, 12, 1), ..Default::default() };
        assert_eq!(o.validate(today).unwrap_err().errors[0].code, "before_order_date");
        let q = QuoteInput::default().validate(today).unwrap().0;
        assert_eq!(q.valid_until, NaiveDate::from_ymd_opt(2027, 1, 5));
    }
}
