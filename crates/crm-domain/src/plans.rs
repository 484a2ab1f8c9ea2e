//! Sales plans [销售计划] and weekly reports [周报] (SAL-7, SAL-8): a target per person and
//! period, and one report per person and ISO week whose figures the server fills in.

use chrono::{Datelike, Months, NaiveDate, Weekday};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::money;
use crate::validate::Validator;
use crate::DomainResult;

/// A plan's period: a month (`2026-12`), a quarter (`2026-Q4`) or a year (`2026`), as the
/// days it covers (end exclusive).
pub fn plan_period(v: &mut Validator, raw: &str) -> Option<(String, NaiveDate, NaiveDate)> {
    let raw = raw.trim();
    let bad = |v: &mut Validator| v.add("period", "invalid", "a month (2026-12), a quarter (2026-Q4) or a year (2026)");
    let year = |s: &str| s.parse::<i32>().ok().filter(|y| (2000..=2100).contains(y) && s.len() == 4);
    let range = |y: i32, m: u32, months: u32| {
        let start = NaiveDate::from_ymd_opt(y, m, 1)?;
        Some((start, start.checked_add_months(Months::new(months))?))
    };
    let found = match raw.split_once('-') {
        None => year(raw).and_then(|y| range(y, 1, 12)),
        Some((y, q)) if q.starts_with('Q') => match (year(y), q.get(1..).and_then(|n| n.parse::<u32>().ok()).filter(|n| (1..=4).contains(n) && q.len() == 2)) {
            (Some(y), Some(n)) => range(y, n * 3 - 2, 3),
            _ => None,
        },
        // "2026-1" is not a month as written; "2026-01" is.
        Some((y, m)) => match (year(y), m.parse::<u32>().ok().filter(|n| (1..=12).contains(n) && m.len() == 2)) {
            (Some(y), Some(m)) => range(y, m, 1),
            _ => None,
        },
    };
    match found {
        Some((start, end)) => Some((raw.to_string(), start, end)),
        None => {
            bad(v);
            None
        }
    }
}

/// An ISO week (`2026-W49`) as its Monday and the next Monday.
pub fn iso_week(v: &mut Validator, raw: &str) -> Option<(String, NaiveDate, NaiveDate)> {
    let raw = raw.trim();
    let parsed = raw.split_once("-W").and_then(|(y, w)| {
        let (y, w) = (y.parse::<i32>().ok().filter(|y| (2000..=2100).contains(y))?, w.parse::<u32>().ok().filter(|_| w.len() == 2)?);
        NaiveDate::from_isoywd_opt(y, w, Weekday::Mon)
    });
    match parsed {
        Some(monday) => Some((format!("{}-W{:02}", monday.iso_week().year(), monday.iso_week().week()), monday, monday + chrono::Days::new(7))),
        None => {
            v.add("week", "invalid", "an ISO week such as 2026-W49");
            None
        }
    }
}

// A new sales plan.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewSalesPlan, example = json!({"period": "2026-12", "target_amount": "500000.00", "planned_customers": 20, "content": "重点推进华东区三家制造企业"}))]
pub struct SalesPlanInput {
    /// Whose plan: the caller when absent, or someone whose records the caller sees.
    pub owner_id: Option<Uuid>,
    /// A month (`2026-12`), a quarter (`2026-Q4`) or a year (`2026`); one plan per person
    /// and period (409 `sales_plan.duplicate`).
    pub period: String,
    /// A decimal string, ≥ 0.
    #[serde(deserialize_with = "crate::amount::amount")]
    #[schema(value_type = String, example = "500000.00")]
    pub target_amount: Decimal,
    /// New customers planned, 0–100000.
    pub planned_customers: Option<i32>,
    /// At most 2000 characters; line breaks allowed.
    pub content: Option<String>,
}

/// A plan's PATCH body: its target, customers and content (the person and period stay).
#[derive(Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"target_amount": "600000.00"}))]
pub struct SalesPlanPatch {
    #[serde(default, deserialize_with = "crate::amount::opt_amount")]
    #[schema(value_type = Option<String>, example = "600000.00")]
    pub target_amount: Option<Decimal>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<i32>)]
    pub planned_customers: Option<Option<i32>>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub content: Option<Option<String>>,
}

/// A plan's fields, checked.
pub struct CheckedPlan {
    pub period: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub target: i64,
    pub planned_customers: Option<i32>,
    pub content: Option<String>,
}

pub fn check_plan(period: &str, target: Decimal, planned_customers: Option<i32>, content: Option<&str>) -> DomainResult<CheckedPlan> {
    let mut v = Validator::new();
    let p = plan_period(&mut v, period);
    let target = money::to_minor(&mut v, "target_amount", target);
    if planned_customers.is_some_and(|n| !(0..=100_000).contains(&n)) {
        v.add("planned_customers", "out_of_range", "between 0 and 100000");
    }
    let content = v.optional_text("content", content, 2000);
    v.finish()?;
    let (period, start, end) = p.unwrap_or_default();
    Ok(CheckedPlan { period, start, end, target, planned_customers, content })
}

// A new weekly report.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewWeeklyReport, example = json!({"week": "2026-W49", "summary": "拜访客户 6 家，新增商机 2 个。", "next_week_plan": "跟进海通物流报价"}))]
pub struct WeeklyReportInput {
    /// An ISO week (`2026-W49`); one report per person and week (409
    /// `weekly_report.duplicate`).
    pub week: String,
    /// At most 5000 characters; line breaks allowed.
    pub summary: String,
    /// At most 5000 characters; line breaks allowed.
    pub next_week_plan: Option<String>,
}

crate::patch!(
    /// The report's text; its figures are counted again on every change.
    #[schema(example = json!({"summary": "拜访客户 7 家，新增商机 3 个。"}))]
    pub struct WeeklyReportPatch for WeeklyReportInput { summary: String; next_week_plan: String }
);

impl WeeklyReportInput {
    /// The checked input, with the week's Monday and the next.
    pub fn validate(mut self) -> DomainResult<(Self, NaiveDate, NaiveDate)> {
        let mut v = Validator::new();
        let week = iso_week(&mut v, &self.week);
        self.summary = v.required_text("summary", &self.summary, 5000);
        self.next_week_plan = v.optional_text("next_week_plan", self.next_week_plan.as_deref(), 5000);
        v.finish()?;
        let (name, monday, next) = week.unwrap_or_default();
        self.week = name;
        Ok((self, monday, next))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(s: &str) -> Option<(NaiveDate, NaiveDate)> {
        plan_period(&mut Validator::new(), s).map(|(_, a, b)| (a, b))
    }

    #[test]
    fn periods_are_months_quarters_and_years() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(period("2026-12"), Some((d(2026, 12, 1), d(2027, 1, 1))));
        assert_eq!(period("2026-Q4"), Some((d(2026, 10, 1), d(2027, 1, 1))));
        assert_eq!(period("2026-Q1"), Some((d(2026, 1, 1), d(2026, 4, 1))));
        assert_eq!(period("2026"), Some((d(2026, 1, 1), d(2027, 1, 1))));
        for bad in ["2026-1", "2026-13", "2026-Q5", "2026-Q", "26-01", "1999", "2026-W49", "", "2026-00"] {
            assert_eq!(period(bad), None, "{bad}");
        }
    }

    #[test]
    fn weeks_are_iso_weeks() {
        let w = |s: &str| iso_week(&mut Validator::new(), s);
        let (name, monday, next) = w("2026-W49").unwrap();
        assert_eq!((name.as_str(), monday.to_string(), next.to_string()), ("2026-W49", "2026-11-30".into(), "2026-12-07".into()));
        assert_eq!(w("2026-W01").unwrap().1.to_string(), "2025-12-29", "week 1 holds the year's first Thursday");
        assert!(w("2026-W54").is_none() && w("2026-49").is_none() && w("2026-W4").is_none());
    }
}
