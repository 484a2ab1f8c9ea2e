//! Contracts [合同] (CON-1, CON-2): a customer's signed deal, with lines priced as a quote's
//! (the amount is their total when there are lines), approved before it takes effect.
//! Its life: draft → pending (submitted for approval) → active (approved) → completed or
//! terminated (with a reason); a draft may be voided; a finished one may be archived.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::money;
use crate::sales_docs::{check_doc, CheckedDoc, DocLineInput};
use crate::validate::Validator;
use crate::DomainResult;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ContractStatus {
    Draft,
    /// Submitted for approval; read-only until decided.
    Pending,
    /// Approved: in force. Its customer is won.
    Active,
    Completed,
    Terminated,
    Void,
}

impl ContractStatus {
    pub const ALL: [ContractStatus; 6] = [ContractStatus::Draft, ContractStatus::Pending, ContractStatus::Active, ContractStatus::Completed, ContractStatus::Terminated, ContractStatus::Void];
    pub fn as_str(self) -> &'static str {
        match self {
            ContractStatus::Draft => "draft",
            ContractStatus::Pending => "pending",
            ContractStatus::Active => "active",
            ContractStatus::Completed => "completed",
            ContractStatus::Terminated => "terminated",
            ContractStatus::Void => "void",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
    /// Whether `POST /contracts/{id}/transition` may take a contract from `self` to `to`
    /// (in and out of `pending` and into `active` only by approval).
    pub fn may_become(self, to: ContractStatus) -> bool {
        use ContractStatus::*;
        matches!((self, to), (Active, Completed) | (Active, Terminated) | (Draft, Void))
    }
    /// A finished contract: what may be archived.
    pub fn is_finished(self) -> bool {
        matches!(self, ContractStatus::Completed | ContractStatus::Terminated | ContractStatus::Void)
    }
}

/// A new contract.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewContract, example = json!({"name": "2027 年度设备采购合同", "customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "amount": "150000.00", "currency": "CNY",
    "sign_date": "2026-12-10", "start_date": "2027-01-01", "end_date": "2027-12-31", "category": "sales", "payment_terms": "签约后 30 日内付 50%，验收后付清余款。"}))]
pub struct ContractInput {
    /// At most 200 characters.
    pub name: String,
    /// A customer the caller may change; any other is a 404.
    pub customer_id: Uuid,
    /// One of the customer's opportunities the caller sees.
    pub opportunity_id: Option<Uuid>,
    /// The customer's signatory: one of its contacts.
    pub customer_signer_id: Option<Uuid>,
    /// Our signatory: an enabled user.
    pub signer_id: Option<Uuid>,
    /// A decimal string; required without lines, equal to their total with them (or left out).
    #[serde(default, deserialize_with = "crate::amount::opt_amount")]
    #[schema(value_type = Option<String>, example = "150000.00")]
    pub amount: Option<Decimal>,
    /// ISO 4217; CNY when absent.
    pub currency: Option<String>,
    pub sign_date: Option<NaiveDate>,
    pub start_date: Option<NaiveDate>,
    /// On or after `start_date`.
    pub end_date: Option<NaiveDate>,
    /// A code of the `contract_category` dictionary.
    pub category: Option<String>,
    /// At most 2000 characters, line breaks kept.
    pub payment_terms: Option<String>,
    /// At most 2000 characters.
    pub remark: Option<String>,
    /// At most 200 lines, priced as a quote's.
    #[serde(default)]
    pub lines: Vec<DocLineInput>,
    /// An enabled user whose records the caller's data scope covers; the caller when absent.
    pub owner_id: Option<Uuid>,
}

crate::patch!(
    /// Fields of a draft contract to change; absent fields stay, `null` clears. `lines`
    /// replaces every line. Its customer and owner are fixed.
    #[schema(as = ContractPatch, example = json!({"end_date": "2028-06-30", "remark": "续签条款见附件"}))]
    pub struct ContractPatch for ContractInput {
        name: String, lines: Vec<DocLineInput>;
        opportunity_id: Uuid, customer_signer_id: Uuid, signer_id: Uuid, amount: Decimal, currency: String, sign_date: NaiveDate, start_date: NaiveDate,
        end_date: NaiveDate, category: String, payment_terms: String, remark: String
    }
);

/// A contract's checked fields: the document part and the amount in minor units.
pub struct CheckedContract {
    pub doc: CheckedDoc,
    pub amount: i64,
}

impl ContractInput {
    /// The field rules; references (customer, opportunity, signers, products, category)
    /// are the caller's to check.
    pub fn validate(mut self) -> DomainResult<(ContractInput, CheckedContract)> {
        let mut v = Validator::new();
        self.name = v.required("name", &self.name, 200);
        let (currency, lines, totals, _, remark) = check_doc(&mut v, self.currency.as_deref(), &self.lines, None, self.remark.as_deref());
        self.payment_terms = v.optional_text("payment_terms", self.payment_terms.as_deref(), 2000);
        self.category = v.optional("category", self.category.as_deref(), 64);
        let amount = if lines.is_empty() && self.lines.is_empty() {
            match self.amount {
                Some(a) => money::to_minor(&mut v, "amount", a),
                None => {
                    v.add("amount", "required", "a contract without lines states its amount");
                    0
                }
            }
        } else {
            if let Some(given) = self.amount {
                if money::to_minor(&mut Validator::new(), "amount", given) != totals.total || given.scale() > 2 {
                    v.add("amount", "disagrees_with_lines", format!("the lines add up to {}; leave amount out or send that", money::from_minor(totals.total)));
                }
            }
            totals.total
        };
        if let (Some(s), Some(e)) = (self.start_date, self.end_date) {
            if e < s {
                v.add("end_date", "before_start", "on or after the start date");
            }
        }
        v.finish()?;
        Ok((self, CheckedContract { doc: CheckedDoc { currency, lines, totals, terms: None, remark }, amount }))
    }
}

/// `POST /contracts/{id}/transition`: complete or terminate an active contract, void a draft.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"to": "terminated", "reason": "客户经营困难，双方协商解除"}))]
pub struct ContractTransition {
    pub to: ContractStatus,
    /// Why: required to terminate (at most 500 characters), kept otherwise.
    pub reason: Option<String>,
}

impl ContractTransition {
    pub fn validate(mut self) -> DomainResult<Self> {
        let mut v = Validator::new();
        self.reason = v.optional_text("reason", self.reason.as_deref(), 500);
        if self.to == ContractStatus::Terminated && self.reason.is_none() {
            v.add("reason", "required", "say why the contract is terminated");
        }
        v.finish()?;
        Ok(self)
    }
}

/// `POST /contracts/{id}/amendments` [合同变更]: a change to an active contract, made only
/// once the change is approved.
#[derive(Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewContractAmendment, example = json!({"reason": "客户追加两台设备，合同金额与期限相应调整", "changes": {"amount": "180000.00", "end_date": "2028-03-31"}}))]
pub struct AmendmentInput {
    /// Why the contract changes: required, at most 500 characters.
    pub reason: String,
    /// The fields to change, as a draft's `PATCH`: absent fields stay, `null` clears, `lines`
    /// replaces every line. The currency stays (a change is 422 `changes.currency`
    /// `not_amendable`), and something must change (422 `changes` `no_change`).
    pub changes: ContractPatch,
}

impl AmendmentInput {
    /// The reason's rule; the changes are checked on the amended contract.
    pub fn validate_reason(&mut self) -> DomainResult<()> {
        let mut v = Validator::new();
        self.reason = v.required_text("reason", &self.reason, 500);
        v.finish()
    }
}

/// Where an amendment stands: waiting for approval, then made (approved) or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum AmendmentStatus {
    Pending,
    /// Approved: the contract now reads as amended.
    Approved,
    Rejected,
    Withdrawn,
}

impl AmendmentStatus {
    pub const ALL: [AmendmentStatus; 4] = [AmendmentStatus::Pending, AmendmentStatus::Approved, AmendmentStatus::Rejected, AmendmentStatus::Withdrawn];
    pub fn as_str(self) -> &'static str {
        match self {
            AmendmentStatus::Pending => "pending",
            AmendmentStatus::Approved => "approved",
            AmendmentStatus::Rejected => "rejected",
            AmendmentStatus::Withdrawn => "withdrawn",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn input() -> ContractInput {
        ContractInput { name: "年度合同".into(), customer_id: Uuid::nil(), amount: Some(Decimal::from_str("1000.00").unwrap()), ..Default::default() }
    }

    fn line(q: &str, p: &str) -> DocLineInput {
        DocLineInput { name: Some("服务".into()), quantity: Decimal::from_str(q).unwrap(), unit_price: Decimal::from_str(p).unwrap(), ..Default::default() }
    }

    fn fields(r: DomainResult<(ContractInput, CheckedContract)>) -> Vec<(String, String)> {
        r.err().map(|e| e.errors.into_iter().map(|f| (f.field, f.code)).collect()).unwrap_or_default()
    }

    #[test]
    fn the_amount_is_stated_or_the_lines_total() {
        assert_eq!(input().validate().unwrap().1.amount, 100_000);
        assert_eq!(fields(ContractInput { amount: None, ..input() }.validate()), vec![("amount".to_string(), "required".to_string())]);
        let with_lines = ContractInput { amount: None, lines: vec![line("3", "33.33"), line("1", "0.01")], ..input() };
        assert_eq!(with_lines.validate().unwrap().1.amount, 10_000);
        let agrees = ContractInput { amount: Some(Decimal::from_str("100.00").unwrap()), lines: vec![line("3", "33.33"), line("1", "0.01")], ..input() };
        assert_eq!(agrees.validate().unwrap().1.amount, 10_000);
        let disagrees = ContractInput { lines: vec![line("3", "33.33")], ..input() };
        assert_eq!(fields(disagrees.validate()), vec![("amount".to_string(), "disagrees_with_lines".to_string())]);
        assert_eq!(fields(ContractInput { amount: Some(Decimal::from_str("-1").unwrap()), ..input() }.validate()), vec![("amount".to_string(), "negative".to_string())]);
    }

    #[test]
    fn dates_run_forward_and_names_are_required() {
        let d = |s: &str| NaiveDate::from_str(s).ok();
        let bad = ContractInput { name: " ".into(), start_date: d("2027-01-01"), end_date: d("2026-12-31"), ..input() };
        assert_eq!(fields(bad.validate()), vec![("name".to_string(), "required".to_string()), ("end_date".to_string(), "before_start".to_string())]);
        assert!(ContractTransition { to: ContractStatus::Terminated, reason: None }.validate().is_err());
        assert!(ContractTransition { to: ContractStatus::Completed, reason: None }.validate().is_ok());
        assert!(ContractStatus::Active.may_become(ContractStatus::Terminated));
        assert!(!ContractStatus::Draft.may_become(ContractStatus::Active), "only approval activates");
        assert!(!ContractStatus::Pending.may_become(ContractStatus::Void));
    }
}
