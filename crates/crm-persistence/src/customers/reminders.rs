//! Follow-up reminders (CUS-9): every minute, the owners of customers whose next
//! follow-up has fallen due hear of it. The job looks back ten minutes, so a minute missed
//! (every server down, a failed attempt) is caught up; the dedupe key (customer and due
//! time) keeps each reminder to one however often it is seen.

use chrono::{DateTime, Duration, Utc};
use crm_domain::customers::Pool;
use crm_domain::DomainResult;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use serde_json::json;
use uuid::Uuid;

use super::entities::customer::{Column as C, Entity as Customer};
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
    let ctx = Ctx::system("follow-up-reminders");
    let mut sent = 0;
    for (id, name, owner, at) in due {
        let (Some(owner), Some(at)) = (owner, at) else { continue };
        let due_at = at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let notice = Notice {
            user_id: owner,
            kind: "follow_up.due",
            entity: Some("customers"),
            record_id: Some(id),
            record_label: Some(name),
            data: json!({"due_at": due_at}),
            dedupe_key: Some(format!("follow_up.due:{id}:{due_at}")),
        };
        notify(db, &ctx, notice).await?;
        sent += 1;
    }
    Ok(sent)
}
