//! Contract reminders (CON-5), a daily job: the owners of active contracts ending within
//! the set number of days, and of instalments falling due soon or gone overdue, hear of
//! each once (the notice's dedupe key names the record and the date it is about, so a
//! rerun, a second server or a later day adds nothing; a changed date is news again).
//! Instalments overdue for more than a week before the job first saw them are left to the
//! overdue list and the ageing report rather than announced all at once.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use crm_domain::money::from_minor;
use crm_domain::DomainResult;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, JoinType, QueryFilter, QuerySelect};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::entities::payment_plan::{self, Column as P};
use crate::db::db_err;
use crate::notifications::{notify, Notice};
use crate::sales_docs::entities::contract::{self, Column as C};
use crate::{Ctx, Db};

pub const JOB: &str = "contracts.reminders";
const SETTING: &str = "contract_reminders";
/// How far back an overdue instalment is still news.
const OVERDUE_NEWS_DAYS: i64 = 7;

/// `GET/PUT /settings/contract-reminders`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ContractReminderSettings, example = json!({"contract_end_days": 30, "payment_due_days": 7}))]
pub struct ReminderSettings {
    /// Owners hear of an active contract this many days before its end date (0 to 365; 0: not at all).
    pub contract_end_days: u16,
    /// Owners hear of an instalment this many days before it falls due (0 to 90; 0: only once overdue).
    pub payment_due_days: u16,
}

impl Default for ReminderSettings {
    fn default() -> Self {
        Self { contract_end_days: 30, payment_due_days: 7 }
    }
}

impl ReminderSettings {
    fn validate(self) -> DomainResult<Self> {
        let mut v = crm_domain::validate::Validator::new();
        if self.contract_end_days > 365 {
            v.add("contract_end_days", "out_of_range", "0 to 365");
        }
        if self.payment_due_days > 90 {
            v.add("payment_due_days", "out_of_range", "0 to 90");
        }
        v.finish()?;
        Ok(self)
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ContractReminderSettingsView)]
pub struct SettingsView {
    pub settings: ReminderSettings,
    /// For If-Match on `PUT`; 0 before the first save.
    pub version: i32,
}

pub async fn settings(db: &impl sea_orm::ConnectionTrait) -> DomainResult<SettingsView> {
    let stored = crate::settings::get::<ReminderSettings>(db, SETTING).await?;
    let version = stored.as_ref().map_or(0, |(_, v)| *v);
    Ok(SettingsView { settings: stored.map(|(s, _)| s).unwrap_or_default(), version })
}

pub async fn put_settings(db: &Db, ctx: &Ctx, input: ReminderSettings, if_match: Option<i32>) -> DomainResult<SettingsView> {
    let input = input.validate()?;
    let (settings, version) = crate::settings::save(db, ctx, SETTING, if_match, |s: &ReminderSettings| json!(s), |_| Ok(input)).await?;
    Ok(SettingsView { settings, version })
}

/// One day's reminders; answers how many notices were recorded (before deduplication).
pub async fn run(db: &Db, now: DateTime<Utc>) -> DomainResult<u64> {
    let s = settings(db).await?.settings;
    let today = now.date_naive();
    let ctx = Ctx::system("contract-reminders");
    let mut sent = 0;
    if s.contract_end_days > 0 {
        sent += contracts_ending(db, &ctx, today, today + Duration::days(i64::from(s.contract_end_days))).await?;
    }
    sent += instalments(db, &ctx, today, today + Duration::days(i64::from(s.payment_due_days))).await?;
    Ok(sent)
}

async fn contracts_ending(db: &Db, ctx: &Ctx, today: NaiveDate, until: NaiveDate) -> DomainResult<u64> {
    // scope-bypass: the job reminds every owner of their own contracts.
    let ending: Vec<(Uuid, String, String, Uuid, NaiveDate)> = contract::Entity::find()
        .select_only()
        .columns([C::Id, C::Number, C::Name, C::OwnerId, C::EndDate])
        .filter(C::Status.eq("active"))
        .filter(C::DeletedAt.is_null())
        .filter(C::EndDate.gte(today))
        .filter(C::EndDate.lte(until))
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)?;
    let mut sent = 0;
    for (id, number, name, owner, end) in ending {
        let notice = Notice {
            user_id: owner,
            kind: "contract.ending",
            entity: Some("contracts"),
            record_id: Some(id),
            record_label: Some(format!("{number} {name}")),
            data: json!({"end_date": end, "days_left": (end - today).num_days()}),
            dedupe_key: Some(format!("contract.ending:{id}:{end}")),
        };
        notify(db, ctx, notice).await?;
        sent += 1;
    }
    Ok(sent)
}

/// An open instalment of a contract in force: plan, contract, number, owner, instalment,
/// due date, still owed.
type Open = (Uuid, Uuid, String, Uuid, i32, NaiveDate, i64);

async fn instalments(db: &Db, ctx: &Ctx, today: NaiveDate, until: NaiveDate) -> DomainResult<u64> {
    // scope-bypass: the job reminds every owner of their own contracts' instalments.
    let open: Vec<Open> = payment_plan::Entity::find()
        .select_only()
        .column(P::Id)
        .column(P::ContractId)
        .column(C::Number)
        .column(C::OwnerId)
        .column(P::Instalment)
        .column(P::DueDate)
        .column_as(Expr::col((payment_plan::Entity, P::AmountMinor)).sub(Expr::col((payment_plan::Entity, P::ReceivedMinor))), "owed")
        .join(JoinType::InnerJoin, payment_plan::Entity::belongs_to(contract::Entity).from(P::ContractId).to(C::Id).into())
        .filter(P::DeletedAt.is_null())
        .filter(C::DeletedAt.is_null())
        .filter(C::Status.is_in(["active", "completed", "terminated"]))
        .filter(Expr::col((payment_plan::Entity, P::ReceivedMinor)).lt(Expr::col((payment_plan::Entity, P::AmountMinor))))
        .filter(P::DueDate.gte(today - Duration::days(OVERDUE_NEWS_DAYS)))
        .filter(P::DueDate.lte(until))
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)?;
    let mut sent = 0;
    for (plan, contract_id, number, owner, instalment, due, owed) in open {
        let overdue = due < today;
        let kind = if overdue { "payment_plan.overdue" } else { "payment_plan.due" };
        let notice = Notice {
            user_id: owner,
            kind,
            entity: Some("contracts"),
            record_id: Some(contract_id),
            record_label: Some(format!("{number} #{instalment}")),
            data: json!({"plan_id": plan, "instalment": instalment, "due_date": due, "outstanding_amount": from_minor(owed)}),
            dedupe_key: Some(format!("{kind}:{plan}:{due}")),
        };
        notify(db, ctx, notice).await?;
        sent += 1;
    }
    Ok(sent)
}
