//! Follow-up reminders (CUS-9): every minute, the owners of customers whose next
//! follow-up has fallen due hear of it, and so do the participants of the follow-up that
//! set that time. The job looks back ten minutes, so a minute missed
//! (every server down, a failed attempt) is caught up; the dedupe key (customer and due
//! time) keeps each reminder to one however often it is seen.

use chrono::{DateTime, Duration, Utc};
use crm_domain::customers::Pool;
use crm_domain::DomainResult;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use serde_json::json;
use uuid::Uuid;

use super::entities::customer::{Column as C, Entity as Customer};
use super::entities::follow_up;
use crate::db::db_err;
use crate::notifications::{notify, Notice};
use crate::{Ctx, Db};

const LOOK_BACK: i64 = 10;

/// A customer due: id, name, owner, due time.
type Due = (Uuid, String, Option<Uuid>, Option<DateTime<Utc>>);

pub async fn follow_ups_due(db: &Db, now: DateTime<Utc>) -> DomainResult<u64> {
    // scope-bypass: the job reminds every owner of their own customers.
    let due: Vec<Due> = Customer::find()
        .select_only()
        .column(C::Id)
        .column(C::Name)
        .column(C::OwnerId)
        .column(C::NextFollowUpAt)
        .filter(C::NextFollowUpAt.gt(now - Duration::minutes(LOOK_BACK)))
        .filter(C::NextFollowUpAt.lte(now))
        .filter(C::DeletedAt.is_null())
        .filter(C::OwnerId.is_not_null())
        .filter(C::Pool.is_in([Pool::Potential.as_str(), Pool::Won.as_str()]))
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)?;
    let participants = participants_of(db, &due).await?;
    let ctx = Ctx::system("follow-up-reminders");
    let mut sent = 0;
    for (id, name, owner, at) in due {
        let (Some(owner), Some(at)) = (owner, at) else { continue };
        let due_at = at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let mut people = vec![owner];
        for p in participants.iter().filter(|(c, t, _)| *c == id && *t == at).flat_map(|(_, _, ps)| ps) {
            if !people.contains(p) {
                people.push(*p);
            }
        }
        for person in people {
            // The owner's key is the one reminders always had; participants' name them.
            let dedupe_key = if person == owner { format!("follow_up.due:{id}:{due_at}") } else { format!("follow_up.due:{id}:{due_at}:{person}") };
            let notice = Notice {
                user_id: person,
                kind: "follow_up.due",
                entity: Some("customers"),
                record_id: Some(id),
                record_label: Some(name.clone()),
                data: json!({"due_at": due_at}),
                dedupe_key: Some(dedupe_key),
            };
            notify(db, &ctx, notice).await?;
            sent += 1;
        }
    }
    Ok(sent)
}

/// The participants of the live follow-ups that set each due customer's next time, in
/// one query: (customer, next time, participants).
async fn participants_of(db: &Db, due: &[Due]) -> DomainResult<Vec<(Uuid, DateTime<Utc>, Vec<Uuid>)>> {
    if due.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(Uuid, Option<DateTime<Utc>>, serde_json::Value)> = follow_up::Entity::find()
        .select_only()
        .column(follow_up::Column::CustomerId)
        .column(follow_up::Column::NextFollowUpAt)
        .column(follow_up::Column::ParticipantIds)
        .filter(follow_up::Column::CustomerId.is_in(due.iter().map(|d| d.0)))
        .filter(follow_up::Column::NextFollowUpAt.is_in(due.iter().filter_map(|d| d.3)))
        .filter(follow_up::Column::DeletedAt.is_null())
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)?;
    Ok(rows
        .into_iter()
        .filter_map(|(c, at, ps)| Some((c, at?, serde_json::from_value::<Vec<Uuid>>(ps).unwrap_or_default())))
        .collect())
}
