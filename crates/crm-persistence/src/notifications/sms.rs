//! Notifications by text message: `notify` enqueues a `notifications.sms` job in the same
//! transaction when the recipient turned text messages on for that kind and has a phone
//! number; the job writes the message in the recipient's language (the e-mail's subject
//! and the link) and hands it to the gateway. A refusal fails the job, which the queue
//! retries and shows at `/jobs`; the change stands either way.

use chrono::Utc;
use crm_domain::mail::notification_letter;
use crm_domain::{DomainError, DomainResult};
use sea_orm::EntityTrait;
use serde_json::Value;
use uuid::Uuid;

use super::email::{lang_of, MailEnv};
use super::entity::Entity as Notification;
use crate::db::db_err;
use crate::system::entities::user;
use crate::Db;

pub const JOB: &str = "notifications.sms";

/// The job: one notification to its recipient's phone.
pub async fn deliver(db: &Db, env: &MailEnv, payload: Value) -> DomainResult<()> {
    let id = payload.get("notification_id").and_then(Value::as_str).and_then(|s| Uuid::parse_str(s).ok());
    let Some(id) = id else { return Err(DomainError::internal("notifications.sms without a notification_id")) };
    let Some(n) = Notification::find_by_id(id).one(db).await.map_err(db_err)? else { return Ok(()) };
    let Some(person) = user::Entity::find_by_id(n.user_id).one(db).await.map_err(db_err)? else { return Ok(()) };
    let Some(phone) = person.phone.filter(|p| person.enabled && !p.is_empty()) else { return Ok(()) };
    let label = n.record_label.clone().unwrap_or_default();
    let link = super::link(&env.public_url, &n);
    let due = crm_domain::mail::due_of(&n.data);
    let letter = notification_letter(lang_of(person.locale.as_deref()), &n.kind, &label, n.actor_name.as_deref(), due.as_deref(), &link);
    let text = format!("【CRM】{} {link}", letter.subject);
    match crate::settings::sms::send(db, &env.secrets, &phone, &text, Utc::now()).await? {
        // No gateway configured: text messages are off for the installation.
        None => Ok(()),
        Some(answer) => match answer.error {
            None => Ok(()),
            Some(why) => Err(DomainError::unavailable(60, "sms.send_failed", format!("the SMS gateway did not take the message: {why}"))),
        },
    }
}
