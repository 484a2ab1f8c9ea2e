//! Scheduled jobs: each period of a schedule is one row whose `period_key`
//! (`kind@period-start`) is unique, written with "insert unless it exists". Every server
//! writes the rows of the periods it sees begin; the database keeps one, and the queue runs
//! it once. A server that was down for a period does not run it late: only the current
//! period is written.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use crm_domain::DomainResult;
use sea_orm::sea_query::OnConflict;
use sea_orm::EntityTrait;
use serde_json::json;
use uuid::Uuid;

use super::entity::{Column as C, Entity as Job};
use super::queue::new_row;
use crate::db::db_err;
use crate::Db;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Minute,
    Hour,
    Day,
}

impl Period {
    fn length(self) -> TimeDelta {
        match self {
            Period::Minute => TimeDelta::minutes(1),
            Period::Hour => TimeDelta::hours(1),
            Period::Day => TimeDelta::days(1),
        }
    }

    /// The start of the period `now` is in (UTC).
    pub fn start(self, now: DateTime<Utc>) -> DateTime<Utc> {
        now.duration_trunc(self.length()).unwrap_or(now)
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Schedule {
    pub kind: &'static str,
    pub period: Period,
}

impl Schedule {
    pub fn key(&self, now: DateTime<Utc>) -> String {
        format!("{}@{}", self.kind, self.period.start(now).to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
    }
}

/// Writes the current period's row of each schedule unless a server already has; answers
/// how many this call wrote.
pub async fn tick(db: &Db, schedules: &[Schedule], now: DateTime<Utc>) -> DomainResult<u64> {
    let mut written = 0;
    for s in schedules {
        let row = new_row(Uuid::now_v7(), s.kind, json!({}), s.period.start(now), Some(s.key(now)), now);
        written += Job::insert(row)
            .on_conflict(OnConflict::column(C::PeriodKey).do_nothing().to_owned())
            .exec_without_returning(db)
            .await
            .map_err(db_err)?;
    }
    if written > 0 {
        super::queue::WAKE.notify_one();
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_key_names_the_period_start() {
        let now = DateTime::parse_from_rfc3339("2026-12-06T07:42:13.5Z").map(|t| t.with_timezone(&Utc)).unwrap_or_default();
        let s = Schedule { kind: "k", period: Period::Hour };
        assert_eq!(s.key(now), "k@2026-12-06T07:00:00Z");
        assert_eq!(Schedule { kind: "k", period: Period::Day }.key(now), "k@2026-12-06T00:00:00Z");
        assert_eq!(Schedule { kind: "k", period: Period::Minute }.key(now), "k@2026-12-06T07:42:00Z");
    }
}
