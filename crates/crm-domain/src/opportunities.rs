//! Opportunities [商机] and the sales pipeline (SAL-2 to SAL-5): stages with a win
//! probability, opportunities with product lines whose totals the server computes in
//! exact decimals, and what entering a won or lost stage means.

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use uuid::Uuid;

use crate::money;
use crate::validate::Validator;
use crate::DomainResult;

/// Whether a stage is still in play, or closes the opportunity as won or lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum StageKind {
    Open,
    Won,
    Lost,
}

impl StageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StageKind::Open => "open",
            StageKind::Won => "won",
            StageKind::Lost => "lost",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "open" => Some(StageKind::Open),
            "won" => Some(StageKind::Won),
            "lost" => Some(StageKind::Lost),
            _ => None,
        }
    }
    pub fn closes(self) -> bool {
        self != StageKind::Open
    }
}

// A new stage of the pipeline; also what a patch applies to.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewPipelineStage, example = json!({"name_zh": "方案报价", "name_en": "Proposal", "probability": 50, "sort_order": 30, "kind": "open"}))]
pub struct StageInput {
    /// At most 50 characters.
    pub name_zh: String,
    /// At most 50 characters.
    pub name_en: String,
    /// The chance of winning at this stage, 0–100: 100 for a won stage, 0 for a lost one.
    pub probability: i32,
    /// The board's column order, 0–9999; 0 when absent.
    #[serde(default)]
    pub sort_order: i32,
    /// A stage in use keeps its kind (409 `pipeline_stage.in_use`).
    pub kind: StageKind,
}

crate::patch!(
    /// Fields to change; absent fields stay.
    #[schema(example = json!({"probability": 60}))]
    pub struct StagePatch for StageInput { name_zh: String, name_en: String, probability: i32, sort_order: i32, kind: StageKind; }
);

impl StageInput {
    pub fn validate(mut self) -> DomainResult<Self> {
        let mut v = Validator::new();
        self.name_zh = v.required("name_zh", &self.name_zh, 50);
        self.name_en = v.required("name_en", &self.name_en, 50);
        if !(0..=100).contains(&self.probability) {
            v.add("probability", "out_of_range", "between 0 and 100");
        } else if self.kind == StageKind::Won && self.probability != 100 {
            v.add("probability", "won_is_certain", "a won stage has probability 100");
        } else if self.kind == StageKind::Lost && self.probability != 0 {
            v.add("probability", "lost_is_zero", "a lost stage has probability 0");
        }
        if !(0..=9999).contains(&self.sort_order) {
            v.add("sort_order", "out_of_range", "between 0 and 9999");
        }
        v.finish()?;
        Ok(self)
    }
}

/// Places of a line's quantity (stored as an integer of ten-thousandths).
pub const QUANTITY_PLACES: u32 = 4;
/// At most this many lines on one opportunity (or quote, or order).
pub const MAX_LINES: usize = 200;

/// A product line: what is sold, how many, at what price and discount.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewOpportunityLine, example = json!({"product_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e70", "quantity": "3", "unit_price": "1234.56", "discount_percent": "10"}))]
pub struct LineInput {
    /// A product in the catalogue (a deleted one is refused).
    pub product_id: Uuid,
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
}

/// A line as stored: integers of the smallest unit of each figure.
#[derive(Debug, Clone, PartialEq)]
pub struct PricedLine {
    pub product_id: Uuid,
    /// Ten-thousandths.
    pub quantity: i64,
    /// Minor units (分).
    pub unit_price: i64,
    /// Hundredths of a percent (basis points).
    pub discount: i32,
    /// Minor units: quantity × price × (1 − discount), rounded half up to the cent.
    pub subtotal: i64,
}

impl PricedLine {
    pub fn quantity_decimal(&self) -> Decimal {
        Decimal::new(self.quantity, QUANTITY_PLACES).normalize()
    }
    pub fn discount_decimal(&self) -> Decimal {
        Decimal::new(i64::from(self.discount), 2).normalize()
    }
}

/// Half up, to cents: 0.125 → 0.13 (amounts are never negative).
pub fn to_cents(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// One line's figures in integers, checked (errors name `lines[i].field`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineFigures {
    /// Ten-thousandths.
    pub quantity: i64,
    /// Minor units.
    pub unit_price: i64,
    /// Basis points.
    pub discount: i32,
    /// quantity × unit_price, half up to the cent.
    pub gross: i64,
    /// gross less the discount: quantity × unit_price × (1 − discount), half up to the cent.
    pub net: i64,
}

/// Checks a line's quantity, price and discount and computes its gross and net amounts;
/// None (with the errors added) when a figure is refused. Shared by opportunities' lines
/// and the lines of quotes and orders, so a line prices the same everywhere.
pub fn price_one(v: &mut Validator, i: usize, quantity: Decimal, unit_price: Decimal, discount_percent: Decimal) -> Option<LineFigures> {
    let field = |f: &str| format!("lines[{i}].{f}");
    let before = v.len();
    if quantity <= Decimal::ZERO {
        v.add(&field("quantity"), "not_positive", "more than 0");
    } else if quantity.scale() > QUANTITY_PLACES {
        v.add(&field("quantity"), "too_precise", "at most four decimals");
    } else if quantity > Decimal::from(1_000_000_000) {
        v.add(&field("quantity"), "too_large", "at most 1,000,000,000");
    }
    let price = money::to_minor(v, &field("unit_price"), unit_price);
    if discount_percent < Decimal::ZERO || discount_percent > Decimal::ONE_HUNDRED {
        v.add(&field("discount_percent"), "out_of_range", "between 0 and 100");
    } else if discount_percent.scale() > 2 {
        v.add(&field("discount_percent"), "too_precise", "at most two decimals");
    }
    if v.len() > before {
        return None;
    }
    let exact = quantity * unit_price;
    let minor = |d: Decimal| i64::try_from((to_cents(d) * Decimal::ONE_HUNDRED).trunc()).ok().filter(|m| *m <= money::MAX_AMOUNT);
    let (Some(gross), Some(net)) = (minor(exact), minor(exact * (Decimal::ONE_HUNDRED - discount_percent) / Decimal::ONE_HUNDRED)) else {
        v.add(&field("quantity"), "too_large", "the line's total is too large");
        return None;
    };
    Some(LineFigures {
        quantity: i64::try_from((quantity * Decimal::from(10_i64.pow(QUANTITY_PLACES))).trunc()).unwrap_or(0),
        unit_price: price,
        discount: i32::try_from((discount_percent * Decimal::ONE_HUNDRED).trunc()).unwrap_or(0),
        gross,
        net,
    })
}

/// Checks each line (errors name `lines[i].field`) and computes its subtotal.
pub fn price_lines(v: &mut Validator, lines: &[LineInput]) -> Vec<PricedLine> {
    if lines.len() > MAX_LINES {
        v.add("lines", "too_many", format!("at most {MAX_LINES} lines"));
        return Vec::new();
    }
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let f = price_one(v, i, l.quantity, l.unit_price, l.discount_percent)?;
            Some(PricedLine { product_id: l.product_id, quantity: f.quantity, unit_price: f.unit_price, discount: f.discount, subtotal: f.net })
        })
        .collect()
}

/// The amount in minor units: with lines, their total (an `amount` given with them must
/// equal it); without, the amount given, or 0.
pub fn settle_amount(v: &mut Validator, amount: Option<Decimal>, lines: &[PricedLine], has_lines: bool) -> i64 {
    if !has_lines {
        return amount.map_or(0, |a| money::to_minor(v, "amount", a));
    }
    let total = lines.iter().try_fold(0_i64, |sum, l| sum.checked_add(l.subtotal)).filter(|t| *t <= money::MAX_AMOUNT);
    let Some(total) = total else {
        v.add("amount", "too_large", "the lines' total is too large");
        return 0;
    };
    if let Some(given) = amount {
        if given != money::from_minor(total) {
            v.add("amount", "disagrees_with_lines", format!("the lines add up to {}; leave amount out or send that", money::from_minor(total)));
        }
    }
    total
}

// A new opportunity.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewOpportunity, example = json!({"customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "name": "华东区办公家具采购", "currency": "CNY",
    "expected_close_date": "2026-12-31", "source": "referral",
    "lines": [{"product_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e70", "quantity": "3", "unit_price": "1234.56", "discount_percent": "10"}]}))]
pub struct OpportunityInput {
    /// A customer the caller may change (owner in their scope, or an `edit` collaborator);
    /// any other is a 404.
    pub customer_id: Uuid,
    /// One of the customer's contacts.
    pub contact_id: Option<Uuid>,
    /// At most 200 characters.
    pub name: String,
    /// At most 2000 characters.
    pub description: Option<String>,
    /// A decimal string; with lines it is their total (absent, or equal to it); 0 when
    /// absent without lines.
    #[serde(default, deserialize_with = "crate::amount::opt_amount")]
    #[schema(value_type = Option<String>, example = "3333.31")]
    pub amount: Option<Decimal>,
    /// ISO 4217; CNY when absent.
    pub currency: Option<String>,
    pub expected_close_date: Option<NaiveDate>,
    /// The first open stage when absent. Entering a lost stage needs `lost_reason`.
    pub stage_id: Option<Uuid>,
    /// 0–100; the stage's when absent.
    pub probability: Option<i32>,
    /// An enabled user whose records the caller's data scope covers; the caller when absent.
    pub owner_id: Option<Uuid>,
    /// At most 500 characters.
    pub competitors: Option<String>,
    /// A code of the `customer_source` dictionary.
    pub source: Option<String>,
    /// A code of the `lost_reason` dictionary; required in a lost stage, cleared outside one.
    pub lost_reason: Option<String>,
    /// At most 500 characters; kept only in a lost stage.
    pub lost_note: Option<String>,
    /// At most 200 lines.
    #[serde(default)]
    pub lines: Vec<LineInput>,
}

/// An opportunity's PATCH body. Its stage moves with `POST /opportunities/{id}/stage`
/// (which keeps the history), its owner with the customer's transfer; its customer is
/// fixed. `lines` replaces every line; `amount` follows the lines when there are any.
#[derive(Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"expected_close_date": "2027-01-15", "probability": 40}))]
pub struct OpportunityPatch {
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<Uuid>)]
    pub contact_id: Option<Option<Uuid>>,
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub description: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::amount::opt_amount")]
    #[schema(value_type = Option<String>, example = "5000.00")]
    pub amount: Option<Decimal>,
    pub currency: Option<String>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<NaiveDate>)]
    pub expected_close_date: Option<Option<NaiveDate>>,
    pub probability: Option<i32>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub competitors: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub source: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub lost_reason: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub lost_note: Option<Option<String>>,
    pub lines: Option<Vec<LineInput>>,
}

impl OpportunityPatch {
    /// The input with this patch applied; `keep_lines` says whether the current lines stay
    /// (the caller fills them in from storage).
    pub fn apply(self, mut current: OpportunityInput) -> (OpportunityInput, bool) {
        if let Some(v) = self.contact_id {
            current.contact_id = v;
        }
        if let Some(v) = self.name {
            current.name = v;
        }
        if let Some(v) = self.description {
            current.description = v;
        }
        let amount_given = self.amount.is_some();
        if let Some(v) = self.amount {
            current.amount = Some(v);
        }
        if let Some(v) = self.currency {
            current.currency = Some(v);
        }
        if let Some(v) = self.expected_close_date {
            current.expected_close_date = v;
        }
        if let Some(v) = self.probability {
            current.probability = Some(v);
        }
        if let Some(v) = self.competitors {
            current.competitors = v;
        }
        if let Some(v) = self.source {
            current.source = v;
        }
        if let Some(v) = self.lost_reason {
            current.lost_reason = v;
        }
        if let Some(v) = self.lost_note {
            current.lost_note = v;
        }
        let keep_lines = self.lines.is_none();
        if let Some(lines) = self.lines {
            current.lines = lines;
            // New lines set the amount, unless the patch names one to check them against.
            if !amount_given {
                current.amount = None;
            }
        }
        (current, keep_lines)
    }
}

/// An opportunity's fields, checked, with its lines priced.
#[derive(Debug, Clone)]
pub struct CheckedOpportunity {
    pub input: OpportunityInput,
    pub currency: String,
    pub amount: i64,
    pub lines: Vec<PricedLine>,
}

impl OpportunityInput {
    /// The field rules; the stage's and dictionaries' rules need the database and are the
    /// caller's. `stage_kind` is the kind of the stage it will be in.
    pub fn validate(mut self, stage_kind: StageKind) -> DomainResult<CheckedOpportunity> {
        let mut v = Validator::new();
        self.name = v.required("name", &self.name, 200);
        self.description = v.optional_text("description", self.description.as_deref(), 2000);
        self.competitors = v.optional("competitors", self.competitors.as_deref(), 500);
        self.source = v.optional("source", self.source.as_deref(), 50);
        self.lost_reason = v.optional("lost_reason", self.lost_reason.as_deref(), 50);
        self.lost_note = v.optional("lost_note", self.lost_note.as_deref(), 500);
        let currency = money::currency(&mut v, "currency", self.currency.as_deref());
        if let Some(p) = self.probability {
            if !(0..=100).contains(&p) {
                v.add("probability", "out_of_range", "between 0 and 100");
            }
        }
        if stage_kind == StageKind::Lost {
            if self.lost_reason.is_none() {
                v.add("lost_reason", "required", "say why it was lost (a code of the lost_reason dictionary)");
            }
        } else {
            self.lost_reason = None;
            self.lost_note = None;
        }
        let lines = price_lines(&mut v, &self.lines);
        let amount = settle_amount(&mut v, self.amount, &lines, !self.lines.is_empty());
        v.finish()?;
        Ok(CheckedOpportunity { input: self, currency, amount, lines })
    }
}

/// A move to another stage (`POST /opportunities/{id}/stage`).
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = StageMove, example = json!({"stage_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e90", "note": "客户确认预算"}))]
pub struct StageMove {
    pub stage_id: Uuid,
    /// At most 500 characters; kept in the stage history.
    pub note: Option<String>,
    /// Required when the stage is a lost one (a code of the `lost_reason` dictionary).
    pub lost_reason: Option<String>,
    /// At most 500 characters, with a lost reason.
    pub lost_note: Option<String>,
    /// 0–100; the new stage's probability when absent.
    pub probability: Option<i32>,
    /// The card's place in the board's column (lower first); after the column's last card
    /// when absent.
    pub position: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn line(q: &str, p: &str, d: &str) -> LineInput {
        LineInput { product_id: Uuid::nil(), quantity: Decimal::from_str(q).unwrap(), unit_price: Decimal::from_str(p).unwrap(), discount_percent: Decimal::from_str(d).unwrap() }
    }

    #[test]
    fn line_totals_are_exact_and_round_half_up_per_line() {
        let mut v = Validator::new();
        let lines = vec![
            line("3", "1234.56", "10"),    // 3703.68 × 0.9 = 3333.312 → 3333.31
            line("1", "0.25", "50"),       // 0.125 → 0.13 (half up)
            line("2.5", "19.99", "0"),     // 49.975 → 49.98
            line("0.0001", "100.00", "0"), // 0.01
            line("7", "33.33", "33.33"),   // 233.31 × 0.6667 = 155.547777 → 155.55
        ];
        let priced = price_lines(&mut v, &lines);
        assert!(v.finish().is_ok());
        let subtotals: Vec<i64> = priced.iter().map(|l| l.subtotal).collect();
        assert_eq!(subtotals, vec![333_331, 13, 4_998, 1, 15_555]);
        let mut v = Validator::new();
        assert_eq!(settle_amount(&mut v, None, &priced, true), 333_331 + 13 + 4_998 + 1 + 15_555);
        assert_eq!(priced[2].quantity, 25_000);
        assert_eq!(priced[4].discount, 3333);
        assert_eq!(priced[2].quantity_decimal().to_string(), "2.5");
    }

    #[test]
    fn bad_lines_and_a_disagreeing_amount_are_refused_by_field() {
        let mut v = Validator::new();
        price_lines(&mut v, &[line("0", "1", "0"), line("1", "-1", "0"), line("1", "1", "100.01"), line("1.00001", "1", "0"), line("1", "1.001", "0")]);
        let e = v.finish().unwrap_err();
        let fields: Vec<&str> = e.errors.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, vec!["lines[0].quantity", "lines[1].unit_price", "lines[2].discount_percent", "lines[3].quantity", "lines[4].unit_price"]);
        let mut v = Validator::new();
        let priced = price_lines(&mut v, &[line("2", "10", "0")]);
        settle_amount(&mut v, Some(Decimal::from(21)), &priced, true);
        assert_eq!(v.finish().unwrap_err().errors[0].code, "disagrees_with_lines");
        let mut v = Validator::new();
        assert_eq!(settle_amount(&mut v, Some(Decimal::from_str("20.00").unwrap()), &priced, true), 2000);
        assert!(v.finish().is_ok());
    }

    #[test]
    fn a_lost_stage_needs_a_reason_and_others_drop_it() {
        let input = OpportunityInput { name: "x".into(), lost_reason: Some("price".into()), lost_note: Some("贵".into()), ..Default::default() };
        let open = input.clone().validate(StageKind::Open).unwrap();
        assert_eq!((open.input.lost_reason, open.input.lost_note), (None, None));
        let e = OpportunityInput { name: "x".into(), ..Default::default() }.validate(StageKind::Lost).unwrap_err();
        assert_eq!(e.errors[0].field, "lost_reason");
    }

    #[test]
    fn stages_keep_probability_consistent_with_their_kind() {
        let s = |p, k| StageInput { name_zh: "赢单".into(), name_en: "Won".into(), probability: p, sort_order: 0, kind: k };
        assert!(s(100, StageKind::Won).validate().is_ok());
        assert!(s(90, StageKind::Won).validate().is_err());
        assert!(s(10, StageKind::Lost).validate().is_err());
        assert!(s(101, StageKind::Open).validate().is_err());
    }
}
