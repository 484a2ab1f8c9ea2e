//! Notifications by e-mail: `notify` enqueues a `notifications.email` job in the same
//! transaction when the recipient hears that kind by e-mail and has an address; the job
//! writes the letter in the recipient's language and hands it to the SMTP server. A
//! failed send fails the job, which the queue retries with backoff and shows at `/jobs`;
//! the change that caused the notification stands either way.

use crm_domain::locale::Lang;
use crm_domain::mail::notification_letter;
use crm_domain::{DomainError, DomainResult};
use sea_orm::EntityTrait;
use serde_json::{json, Value};
use uuid::Uuid;

use super::entity::Entity as Notification;
use crate::db::db_err;
use crate::secret_box::SecretBox;
use crate::system::entities::user;
use crate::Db;

pub const JOB: &str = "notifications.email";

/// What the e-mail job needs of the server: the key the SMTP password is sealed under
/// and the address people open the app at, for the links in the letters.
#[derive(Clone, Debug)]
pub struct MailEnv {
    pub secrets: SecretBox,
    pub public_url: String,
}

pub fn payload(notification_id: Uuid) -> Value {
    json!({ "notification_id": notification_id })
}

/// A person's language for what the server writes them: their profile's, else Chinese,
/// the language the CRM's users work in.
pub fn lang_of(locale: Option<&str>) -> Lang {
    match locale {
        Some(l) if l.starts_with("en") => Lang::En,
        _ => Lang::Zh,
    }
}

/// The job: one notification to its recipient's address.
pub async fn deliver(db: &Db, env: &MailEnv, payload: Value) -> DomainResult<()> {
    let (secrets, base_url) = (&env.secrets, env.public_url.as_str());
    let id = payload.get("notification_id").and_then(Value::as_str).and_then(|s| Uuid::parse_str(s).ok());
    let Some(id) = id else { return Err(DomainError::internal("notifications.email without a notification_id")) };
    // Gone (a purge) or the person without an address now: nothing to send.
    let Some(n) = Notification::find_by_id(id).one(db).await.map_err(db_err)? else { return Ok(()) };
    let Some(person) = user::Entity::find_by_id(n.user_id).one(db).await.map_err(db_err)? else { return Ok(()) };
    let Some(address) = person.email.filter(|_| person.enabled) else { return Ok(()) };
    let lang = lang_of(person.locale.as_deref());
    let label = n.record_label.clone().unwrap_or_default();
    let link = super::link(base_url, &n);
    let due = crm_domain::mail::due_of(&n.data);
    let letter = notification_letter(lang, &n.kind, &label, n.actor_name.as_deref(), due.as_deref(), &link);
    match crate::settings::smtp::send(db, secrets, &address, &letter).await? {
        // No SMTP server configured: e-mail is off for the installation.
        None => Ok(()),
        Some(Ok(())) => Ok(()),
        Some(Err(why)) => Err(DomainError::unavailable(60, "smtp.send_failed", format!("the SMTP server did not take the message: {why}"))),
    }
}
