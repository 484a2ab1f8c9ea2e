//! Money owed on contracts (CON-2, CON-5): payment plans [回款计划] split a contract's amount
//! into instalments with due dates; payments received [回款] settle them once confirmed
//! (through approval when a `payment` flow exists); invoices [发票] are issued against the
//! contract (through approval too). Neither the plans nor the payments nor the invoices of
//! a contract may add up to more than its amount, unless the caller holds the `override`
//! permission of payments or invoices.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::money;
use crate::validate::Validator;
use crate::DomainResult;

macro_rules! string_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }
            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|c| c.as_str() == s)
            }
        }
    };
}

string_enum! {
    /// Where an instalment stands, computed from what it received and its due date.
    pub enum PlanStatus {
        /// Nothing received yet, not yet due.
        Pending = "pending",
        /// Part received, not yet due.
        Partial = "partial",
        Paid = "paid",
        /// Due before today and not fully received, on a contract in force or finished.
        Overdue = "overdue",
    }
}

/// An instalment's status on `today`. Only a contract that took effect has overdue plans.
pub fn plan_status(amount: i64, received: i64, due: NaiveDate, today: NaiveDate, took_effect: bool) -> PlanStatus {
    if received >= amount {
        PlanStatus::Paid
    } else if took_effect && due < today {
        PlanStatus::Overdue
    } else if received > 0 {
        PlanStatus::Partial
    } else {
        PlanStatus::Pending
    }
}

string_enum! {
    pub enum PaymentStatus {
        Draft = "draft",
        /// Submitted for approval; read-only until decided.
        Pending = "pending",
        /// Counted: the contract's received amount and its plan's include it.
        Confirmed = "confirmed",
    }
}

string_enum! {
    pub enum InvoiceStatus {
        Draft = "draft",
        Pending = "pending",
        /// Counted in the contract's invoiced amount.
        Issued = "issued",
        /// An issued invoice cancelled (红冲/作废), with a reason; no longer counted.
        Void = "void",
    }
}

string_enum! {
    pub enum InvoiceType {
        /// 增值税专用发票.
        VatSpecial = "vat_special",
        /// 增值税普通发票.
        VatNormal = "vat_normal",
        Other = "other",
    }
}

string_enum! {
    pub enum TitleType {
        Company = "company",
        Person = "person",
    }
}

/// A positive amount in minor units.
fn positive(v: &mut Validator, field: &str, amount: Decimal) -> i64 {
    let before = v.len();
    let minor = money::to_minor(v, field, amount);
    if minor == 0 && v.len() == before {
        v.add(field, "not_positive", "must be more than zero");
    }
    minor
}

/// A new instalment of a contract.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewPaymentPlan, example = json!({"contract_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ee0", "due_date": "2027-01-31", "amount": "75000.00", "remark": "首付 50%"}))]
pub struct PaymentPlanInput {
    /// A contract the caller may change, not void; any other is a 404.
    pub contract_id: Uuid,
    /// 1, 2, …: the next free number when absent; unique within the contract.
    pub instalment: Option<i32>,
    pub due_date: NaiveDate,
    /// More than zero; with the contract's other plans at most its amount (422
    /// `payment_plan.over_contract`).
    #[serde(deserialize_with = "crate::amount::amount")]
    #[schema(value_type = String, example = "75000.00")]
    pub amount: Decimal,
    /// At most 500 characters.
    pub remark: Option<String>,
}

crate::patch!(
    /// Fields of an instalment to change; absent fields stay, `null` clears. Its contract
    /// and number are fixed; its amount never falls below what it received.
    #[schema(as = PaymentPlanPatch, example = json!({"due_date": "2027-02-28", "amount": "80000.00"}))]
    pub struct PaymentPlanPatch for PaymentPlanInput {
        due_date: NaiveDate, amount: Decimal;
        remark: String
    }
);

impl PaymentPlanInput {
    /// The checked input and its amount in minor units.
    pub fn validate(mut self) -> DomainResult<(Self, i64)> {
        let mut v = Validator::new();
        let amount = positive(&mut v, "amount", self.amount);
        if let Some(n) = self.instalment {
            if !(1..=999).contains(&n) {
                v.add("instalment", "out_of_range", "between 1 and 999");
            }
        }
        self.remark = v.optional_text("remark", self.remark.as_deref(), 500);
        v.finish()?;
        Ok((self, amount))
    }
}

/// A payment received against a contract.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewPayment, example = json!({"contract_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ee0", "plan_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ef0",
    "amount": "50000.00", "received_date": "2027-01-20", "method": "bank_transfer", "reference": "招行 6225 流水 20270120-0031"}))]
pub struct PaymentInput {
    /// A contract the caller may change that took effect (active, completed or
    /// terminated); any other is a 404 or a 409 `contract.not_in_force`.
    pub contract_id: Uuid,
    /// One of the contract's instalments, which the payment settles.
    pub plan_id: Option<Uuid>,
    /// More than zero; at most the contract's outstanding amount less its other pending
    /// payments (422 `payment.over_outstanding`) unless the caller holds `payments:override`.
    #[serde(deserialize_with = "crate::amount::amount")]
    #[schema(value_type = String, example = "50000.00")]
    pub amount: Decimal,
    pub received_date: NaiveDate,
    /// A code of the `payment_method` dictionary.
    pub method: Option<String>,
    /// The bank's or payer's reference, at most 100 characters.
    pub reference: Option<String>,
    /// At most 500 characters.
    pub remark: Option<String>,
}

crate::patch!(
    /// Fields of a draft payment to change; absent fields stay, `null` clears. Its
    /// contract is fixed.
    #[schema(as = PaymentPatch, example = json!({"amount": "48000.00", "reference": "招行流水 20270120-0032"}))]
    pub struct PaymentPatch for PaymentInput {
        amount: Decimal, received_date: NaiveDate;
        plan_id: Uuid, method: String, reference: String, remark: String
    }
);

impl PaymentInput {
    pub fn validate(mut self) -> DomainResult<(Self, i64)> {
        let mut v = Validator::new();
        let amount = positive(&mut v, "amount", self.amount);
        self.method = v.optional("method", self.method.as_deref(), 64);
        self.reference = v.optional("reference", self.reference.as_deref(), 100);
        self.remark = v.optional_text("remark", self.remark.as_deref(), 500);
        v.finish()?;
        Ok((self, amount))
    }
}

/// A customer's invoicing details [开票信息], as an invoice carries them and as the
/// customer's remembered titles offer them.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[schema(as = InvoiceTitle, example = json!({"title_type": "company", "title": "杭州明远科技有限公司", "tax_number": "91330106MA2H0XXXXX",
    "bank": "招商银行杭州分行", "bank_account": "571900000010101", "address_phone": "杭州市西湖区文三路 100 号 0571-88880000"}))]
pub struct TitleFields {
    pub title_type: Option<TitleType>,
    /// 抬头: at most 200 characters.
    pub title: String,
    /// 纳税人识别号: 15 to 20 letters and digits; required for a company's VAT special invoice.
    pub tax_number: Option<String>,
    /// 开户行, at most 100 characters.
    pub bank: Option<String>,
    /// 账号, at most 50 characters.
    pub bank_account: Option<String>,
    /// 地址、电话, at most 200 characters.
    pub address_phone: Option<String>,
}

/// An invoice against a contract.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewInvoice, example = json!({"contract_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ee0", "type": "vat_special", "title_type": "company",
    "title": "杭州明远科技有限公司", "tax_number": "91330106MA2H0XXXXX", "bank": "招商银行杭州分行", "bank_account": "571900000010101",
    "address_phone": "杭州市西湖区文三路 100 号 0571-88880000", "amount": "50000.00", "tax_rate_percent": "13", "issue_date": "2027-01-25"}))]
pub struct InvoiceInput {
    /// A contract the caller may change that took effect; any other is a 404 or a 409
    /// `contract.not_in_force`.
    pub contract_id: Uuid,
    /// `vat_normal` when absent.
    pub r#type: Option<InvoiceType>,
    /// `company` when absent.
    pub title_type: Option<TitleType>,
    pub title: String,
    pub tax_number: Option<String>,
    pub bank: Option<String>,
    pub bank_account: Option<String>,
    pub address_phone: Option<String>,
    /// The amount including tax, more than zero; with the contract's other issued and
    /// pending invoices at most its amount (422 `invoice.over_contract`) unless the caller
    /// holds `invoices:override`.
    #[serde(deserialize_with = "crate::amount::amount")]
    #[schema(value_type = String, example = "50000.00")]
    pub amount: Decimal,
    /// 0 to 100, at most two decimals; 0 when absent.
    #[serde(default, deserialize_with = "crate::amount::opt_amount")]
    #[schema(value_type = Option<String>, example = "13")]
    pub tax_rate_percent: Option<Decimal>,
    pub issue_date: Option<NaiveDate>,
    /// At most 500 characters.
    pub remark: Option<String>,
}

crate::patch!(
    /// Fields of a draft invoice to change; absent fields stay, `null` clears. Its
    /// contract is fixed.
    #[schema(as = InvoicePatch, example = json!({"amount": "45000.00", "issue_date": "2027-01-26"}))]
    pub struct InvoicePatch for InvoiceInput {
        title: String, amount: Decimal;
        r#type: InvoiceType, title_type: TitleType, tax_number: String, bank: String, bank_account: String, address_phone: String,
        tax_rate_percent: Decimal, issue_date: NaiveDate, remark: String
    }
);

/// An invoice's checked figures.
pub struct CheckedInvoice {
    pub amount: i64,
    /// Hundredths of a percent.
    pub tax_bp: i32,
    /// The tax the amount includes: amount × rate / (100 + rate), to the cent.
    pub tax: i64,
}

impl InvoiceInput {
    pub fn validate(mut self) -> DomainResult<(Self, CheckedInvoice)> {
        let mut v = Validator::new();
        let kind = *self.r#type.get_or_insert(InvoiceType::VatNormal);
        let title_type = *self.title_type.get_or_insert(TitleType::Company);
        self.title = v.required("title", &self.title, 200);
        self.tax_number = v.optional("tax_number", self.tax_number.as_deref(), 20).map(|t| t.to_uppercase());
        if let Some(t) = &self.tax_number {
            if t.len() < 15 || !t.chars().all(|c| c.is_ascii_alphanumeric()) {
                v.add("tax_number", "invalid", "15 to 20 letters and digits");
            }
        }
        if kind == InvoiceType::VatSpecial && title_type == TitleType::Company && self.tax_number.is_none() {
            v.add("tax_number", "required", "a VAT special invoice to a company names its tax number");
        }
        if kind == InvoiceType::VatSpecial && title_type == TitleType::Person {
            v.add("title_type", "not_with_vat_special", "a VAT special invoice is made out to a company");
        }
        self.bank = v.optional("bank", self.bank.as_deref(), 100);
        self.bank_account = v.optional("bank_account", self.bank_account.as_deref(), 50);
        self.address_phone = v.optional("address_phone", self.address_phone.as_deref(), 200);
        self.remark = v.optional_text("remark", self.remark.as_deref(), 500);
        let amount = positive(&mut v, "amount", self.amount);
        let rate = self.tax_rate_percent.unwrap_or(Decimal::ZERO);
        let mut tax_bp = 0;
        if rate < Decimal::ZERO || rate > Decimal::ONE_HUNDRED {
            v.add("tax_rate_percent", "out_of_range", "between 0 and 100");
        } else if rate.scale() > 2 {
            v.add("tax_rate_percent", "too_precise", "at most two decimals");
        } else {
            tax_bp = i32::try_from((rate * Decimal::ONE_HUNDRED).trunc()).unwrap_or(0);
        }
        v.finish()?;
        let tax = tax_included(amount, tax_bp);
        Ok((self, CheckedInvoice { amount, tax_bp, tax }))
    }

    /// The invoicing details it carries, as a customer's remembered title.
    pub fn title_fields(&self) -> TitleFields {
        TitleFields {
            title_type: self.title_type,
            title: self.title.clone(),
            tax_number: self.tax_number.clone(),
            bank: self.bank.clone(),
            bank_account: self.bank_account.clone(),
            address_phone: self.address_phone.clone(),
        }
    }
}

/// The tax inside a tax-inclusive amount, rounded half away from zero to the cent.
pub fn tax_included(amount: i64, tax_bp: i32) -> i64 {
    if tax_bp == 0 {
        return 0;
    }
    let a = Decimal::from(amount);
    let r = Decimal::new(i64::from(tax_bp), 4);
    let tax = (a * r / (Decimal::ONE + r)).round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    i64::try_from(tax).unwrap_or(0)
}

/// `POST /invoices/{id}/void`: cancel an issued (or a draft) invoice.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = VoidInvoice, example = json!({"reason": "抬头有误，重开"}))]
pub struct VoidInput {
    /// Why, 1 to 500 characters.
    pub reason: String,
}

impl VoidInput {
    pub fn validate(mut self) -> DomainResult<Self> {
        let mut v = Validator::new();
        self.reason = v.required_text("reason", &self.reason, 500);
        v.finish()?;
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::from_str(s).unwrap()
    }

    #[test]
    fn a_plan_is_paid_overdue_partial_or_pending() {
        let today = date("2027-03-01");
        assert_eq!(plan_status(100, 100, date("2027-01-01"), today, true), PlanStatus::Paid);
        assert_eq!(plan_status(100, 120, date("2027-04-01"), today, true), PlanStatus::Paid);
        assert_eq!(plan_status(100, 40, date("2027-02-28"), today, true), PlanStatus::Overdue);
        assert_eq!(plan_status(100, 40, date("2027-03-01"), today, true), PlanStatus::Partial, "due today is not yet overdue");
        assert_eq!(plan_status(100, 0, date("2027-02-01"), today, false), PlanStatus::Pending, "a draft contract owes nothing yet");
    }

    #[test]
    fn amounts_are_positive_and_exact() {
        let plan = |a: &str| PaymentPlanInput { contract_id: Uuid::nil(), due_date: date("2027-01-01"), amount: d(a), ..Default::default() };
        assert_eq!(plan("75000.01").validate().unwrap().1, 7_500_001);
        let codes = |r: DomainResult<(PaymentPlanInput, i64)>| r.err().unwrap().errors.into_iter().map(|e| e.code).collect::<Vec<_>>();
        assert_eq!(codes(plan("0").validate()), ["not_positive"]);
        assert_eq!(codes(plan("-1").validate()), ["negative"]);
        assert_eq!(codes(plan("1.001").validate()), ["too_precise"]);
        assert_eq!(codes(PaymentPlanInput { instalment: Some(0), ..plan("1") }.validate()), ["out_of_range"]);
    }

    #[test]
    fn invoice_tax_is_inside_the_amount() {
        assert_eq!(tax_included(11_300, 1300), 1_300);
        assert_eq!(tax_included(10_000, 600), 566, "100 × 6 / 106 = 5.66");
        assert_eq!(tax_included(10_000, 0), 0);
        let inv = InvoiceInput { title: "杭州明远".into(), amount: d("113.00"), tax_rate_percent: Some(d("13")), ..Default::default() };
        let (inv, c) = inv.validate().unwrap();
        assert_eq!((c.amount, c.tax_bp, c.tax), (11_300, 1300, 1_300));
        assert_eq!((inv.r#type, inv.title_type), (Some(InvoiceType::VatNormal), Some(TitleType::Company)));
    }

    #[test]
    fn a_vat_special_invoice_names_a_company_and_its_tax_number() {
        let base = InvoiceInput { r#type: Some(InvoiceType::VatSpecial), title: "杭州明远".into(), amount: d("1"), ..Default::default() };
        let fields = |r: DomainResult<(InvoiceInput, CheckedInvoice)>| r.err().unwrap().errors.into_iter().map(|e| (e.field, e.code)).collect::<Vec<_>>();
        assert_eq!(fields(base.clone().validate()), [("tax_number".to_string(), "required".to_string())]);
        let person = InvoiceInput { title_type: Some(TitleType::Person), ..base.clone() };
        assert_eq!(fields(person.validate()), [("title_type".to_string(), "not_with_vat_special".to_string())]);
        let short = InvoiceInput { tax_number: Some("1234".into()), ..base.clone() };
        assert_eq!(fields(short.validate()), [("tax_number".to_string(), "invalid".to_string())]);
        let ok = InvoiceInput { tax_number: Some("91330106ma2h0xxxxx".into()), ..base };
        assert_eq!(ok.validate().unwrap().0.tax_number.as_deref(), Some("91330106MA2H0XXXXX"));
    }
}
