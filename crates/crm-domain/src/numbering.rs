//! Document numbers [单据编号规则]: a pattern of literal text and tokens an administrator
//! sets per kind of document — `{yyyy}`, `{yy}`, `{mm}`, `{dd}` (the UTC date it is made)
//! and one `{seq}` / `{seq:N}` (the running number, N digits, 6 by default). The running
//! number counts per kind and per date the pattern shows: `HT-{yyyy}-{seq}` starts again
//! each year, `HT{yyyy}{mm}{seq:4}` each month.

use chrono::{Datelike, NaiveDate};

use crate::validate::Validator;
use crate::DomainResult;

/// The longest number a document stores.
pub const MAX_LEN: usize = 30;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Year4,
    Year2,
    Month,
    Day,
    Seq(usize),
}

/// A checked pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern(Vec<Part>);

impl Pattern {
    /// Reads `text`, or says why not (for `field`): unknown tokens, literal characters other
    /// than letters, digits and `- _ / .`, no or several `{seq}`, numbers that could be longer
    /// than `MAX_LEN`.
    pub fn parse(v: &mut Validator, field: &str, text: &str) -> Option<Pattern> {
        let mut parts = Vec::new();
        let mut rest = text.trim();
        let bad = |v: &mut Validator, msg: String| {
            v.add(field, "invalid_pattern", msg);
            None::<Pattern>
        };
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('{') {
                let Some(end) = after.find('}') else { return bad(v, "an unclosed {".into()) };
                let token = &after[..end];
                parts.push(match token {
                    "yyyy" => Part::Year4,
                    "yy" => Part::Year2,
                    "mm" => Part::Month,
                    "dd" => Part::Day,
                    "seq" => Part::Seq(6),
                    t => match t.strip_prefix("seq:").and_then(|n| n.parse::<usize>().ok()).filter(|n| (3..=10).contains(n)) {
                        Some(n) => Part::Seq(n),
                        None => return bad(v, format!("{{{t}}} is not one of {{yyyy}} {{yy}} {{mm}} {{dd}} {{seq}} {{seq:3}}…{{seq:10}}")),
                    },
                });
                rest = &after[end + 1..];
            } else {
                let end = rest.find('{').unwrap_or(rest.len());
                let literal = &rest[..end];
                if let Some(c) = literal.chars().find(|c| !(c.is_ascii_alphanumeric() || "-_/.".contains(*c))) {
                    return bad(v, format!("'{c}' may not appear in a number: letters, digits and - _ / . only"));
                }
                parts.push(Part::Text(literal.to_string()));
                rest = &rest[end..];
            }
        }
        let seqs = parts.iter().filter(|p| matches!(p, Part::Seq(_))).count();
        if seqs != 1 {
            return bad(v, "exactly one {seq} (the running number)".into());
        }
        let p = Pattern(parts);
        // The running number may outgrow its digits: allow three more.
        if p.longest() + 3 > MAX_LEN {
            return bad(v, format!("numbers could be longer than {MAX_LEN} characters"));
        }
        Some(p)
    }

    fn longest(&self) -> usize {
        self.0
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.len(),
                Part::Year4 => 4,
                Part::Year2 | Part::Month | Part::Day => 2,
                Part::Seq(n) => *n,
            })
            .sum()
    }

    /// What the running number counts within: the date the pattern shows (`2026`,
    /// `2026-12`), empty when it shows none.
    pub fn period(&self, day: NaiveDate) -> String {
        let mut out = Vec::new();
        if self.0.iter().any(|p| matches!(p, Part::Year4 | Part::Year2)) {
            out.push(format!("{:04}", day.year()));
        }
        if self.0.contains(&Part::Month) {
            out.push(format!("{:02}", day.month()));
        }
        if self.0.contains(&Part::Day) {
            out.push(format!("{:02}", day.day()));
        }
        out.join("-")
    }

    pub fn render(&self, day: NaiveDate, seq: i64) -> String {
        self.0
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.clone(),
                Part::Year4 => format!("{:04}", day.year()),
                Part::Year2 => format!("{:02}", day.year() % 100),
                Part::Month => format!("{:02}", day.month()),
                Part::Day => format!("{:02}", day.day()),
                Part::Seq(n) => format!("{seq:0n$}", n = *n),
            })
            .collect()
    }
}

/// Checks a pattern for `field`; 422 `invalid_pattern` otherwise.
pub fn check(field: &str, text: &str) -> DomainResult<Pattern> {
    let mut v = Validator::new();
    let p = Pattern::parse(&mut v, field, text);
    v.finish()?;
    p.ok_or_else(|| crate::DomainError::invalid_field(field, "invalid_pattern", "not a number pattern"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn patterns_render_their_date_and_running_number() {
        let p = check("p", "HT-{yyyy}-{seq}").unwrap();
        assert_eq!(p.render(day("2026-12-07"), 123), "HT-2026-000123");
        assert_eq!(p.period(day("2026-12-07")), "2026");
        let m = check("p", "HT{yy}{mm}{seq:4}").unwrap();
        assert_eq!(m.render(day("2027-01-05"), 7), "HT27010007");
        assert_eq!(m.period(day("2027-01-05")), "2027-01");
        assert_eq!(check("p", "C/{seq:3}").unwrap().render(day("2027-01-05"), 12345), "C/12345", "a running number outgrows its digits");
        assert_eq!(check("p", "{seq}").unwrap().period(day("2027-01-05")), "");
    }

    #[test]
    fn bad_patterns_say_why() {
        for bad in ["HT-{yyyy}", "{seq}{seq}", "HT {seq}", "合同{seq}", "{seq:2}", "{seq:11}", "{year}{seq}", "HT-{seq", "ABCDEFGHIJKLMNOPQRSTUVWXYZ{seq}"] {
            let e = check("pattern", bad).err().unwrap_or_else(|| panic!("{bad} passed"));
            assert_eq!(e.errors[0].code, "invalid_pattern", "{bad}");
        }
    }
}
