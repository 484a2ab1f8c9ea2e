//! A user's calendar: their time zone, and the day and week an instant falls in there.
//! "Due today" and "new this week" on the workbench and the times in an export for
//! people are the user's, not the server's; the database keeps UTC.

use chrono::{DateTime, Datelike, Days, LocalResult, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::json;

use crate::{DomainError, DomainResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar {
    pub tz: Tz,
}

impl Default for Calendar {
    fn default() -> Self {
        Self { tz: Tz::UTC }
    }
}

impl Calendar {
    /// An IANA zone name (`Asia/Shanghai`) from a query parameter; none means UTC.
    pub fn parse(field: &str, raw: Option<&str>) -> DomainResult<Self> {
        let Some(raw) = raw else { return Ok(Self::default()) };
        raw.parse::<Tz>().map(|tz| Self { tz }).map_err(|_| {
            let message = format!("'{raw}' is not an IANA time zone such as Asia/Shanghai");
            DomainError::bad_request("query.invalid", message.clone())
                .with_extra(json!({"errors": [{"field": field, "code": "invalid", "message": message}]}))
        })
    }

    /// Every zone name `parse` accepts, for the API document.
    pub fn zone_names() -> impl Iterator<Item = &'static str> {
        chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name())
    }

    /// The start of the local day `at` falls in, and the start of the next one.
    pub fn day(&self, at: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
        let date = at.with_timezone(&self.tz).date_naive();
        (self.midnight(date), self.midnight(date + Days::new(1)))
    }

    /// The start of the local week (Monday) `at` falls in.
    pub fn week_start(&self, at: DateTime<Utc>) -> DateTime<Utc> {
        let date = at.with_timezone(&self.tz).date_naive();
        self.midnight(date - Days::new(u64::from(date.weekday().num_days_from_monday())))
    }

    /// The local date `at` falls on.
    pub fn date(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.tz).date_naive()
    }

    /// The local month `at` falls in: its first day, and the first day of the next month
    /// (dates, for date columns such as an expected close date), and its start as an instant.
    pub fn month(&self, at: DateTime<Utc>) -> (NaiveDate, NaiveDate, DateTime<Utc>) {
        let date = at.with_timezone(&self.tz).date_naive();
        let first = date.with_day(1).unwrap_or(date);
        let next = first.checked_add_months(chrono::Months::new(1)).unwrap_or(first);
        (first, next, self.midnight(first))
    }

    /// `2026-12-06 15:04` in the user's zone, for people reading an export.
    pub fn format(&self, at: DateTime<Utc>) -> String {
        at.with_timezone(&self.tz).format("%Y-%m-%d %H:%M:%S").to_string()
    }

    /// Local midnight; where a clock change skips it (some zones start summer time at
    /// 00:00), the first instant of that date.
    fn midnight(&self, date: NaiveDate) -> DateTime<Utc> {
        let naive = date.and_time(chrono::NaiveTime::MIN);
        match self.tz.from_local_datetime(&naive) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
            LocalResult::None => {
                // The gap is at most a few hours; an hour later is inside the day.
                let later = naive + chrono::Duration::hours(1);
                self.tz.from_local_datetime(&later).earliest().map_or_else(|| Utc.from_utc_datetime(&naive), |t| t.with_timezone(&Utc))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc)).unwrap_or_default()
    }

    #[test]
    fn days_and_weeks_are_the_users() {
        let sh = Calendar::parse("tz", Some("Asia/Shanghai")).unwrap_or_default();
        // 2026-12-06 17:30 UTC is already Monday 7 Dec 01:30 in Shanghai.
        let (start, end) = sh.day(at("2026-12-06T17:30:00Z"));
        assert_eq!((start, end), (at("2026-12-06T16:00:00Z"), at("2026-12-07T16:00:00Z")));
        assert_eq!(sh.week_start(at("2026-12-06T17:30:00Z")), at("2026-12-06T16:00:00Z"));
        assert_eq!(Calendar::default().week_start(at("2026-12-06T17:30:00Z")), at("2026-11-30T00:00:00Z"));
        assert_eq!(sh.format(at("2026-12-06T17:30:00Z")), "2026-12-07 01:30:00");
    }

    #[test]
    fn a_day_without_midnight_starts_at_its_first_instant() {
        // Chile moved its clocks from 00:00 to 01:00 on 2026-09-06.
        let cl = Calendar::parse("tz", Some("America/Santiago")).unwrap_or_default();
        let (start, _) = cl.day(at("2026-09-06T12:00:00Z"));
        assert!(start <= at("2026-09-06T12:00:00Z") && start > at("2026-09-05T12:00:00Z"), "{start}");
    }

    #[test]
    fn an_unknown_zone_is_a_bad_request_naming_the_field() {
        let e = Calendar::parse("tz", Some("Mars/Olympus")).err().map(|e| e.code);
        assert_eq!(e.as_deref(), Some("query.invalid"));
    }
}
