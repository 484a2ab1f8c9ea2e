//! The SMTP server e-mail leaves through (`GET/PUT /settings/smtp`), and sending one
//! message with it (lettre). The password is stored sealed and never read back out.

use std::time::Duration;

use crm_domain::mail::{Letter, SmtpInput, SmtpSecurity};
use crm_domain::DomainResult;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Mailbox, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::secret_box::SecretBox;
use crate::{Ctx, Db};

const KEY: &str = "smtp";

/// The server's environment variable that, when set, is the password instead of the
/// stored one (a secret kept out of the database entirely).
pub const PASSWORD_ENV: &str = "CRM_SMTP_PASSWORD";

/// How long one attempt to reach the SMTP server and hand it a message may take in all
/// (a name lookup, a host that takes the connection and never greets included).
const TIMEOUT: Duration = Duration::from_secs(10);

/// What the settings table keeps.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    host: String,
    port: u16,
    security: SmtpSecurity,
    username: Option<String>,
    password_sealed: Option<String>,
    from: String,
    from_name: Option<String>,
}

/// `GET /settings/smtp`: the settings without the password.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = SmtpSettings, example = json!({"configured": true, "host": "smtp.example.com", "port": 587, "security": "starttls", "username": "crm@example.com",
    "password_set": true, "password_from_environment": false, "from": "crm@example.com", "from_name": "CRM", "version": 2}))]
pub struct SmtpView {
    /// False until an administrator saves settings: no e-mail is sent before.
    pub configured: bool,
    pub host: Option<String>,
    pub port: Option<u16>,
    pub security: Option<SmtpSecurity>,
    pub username: Option<String>,
    /// A password is stored (and still opens under the server's secret).
    pub password_set: bool,
    /// `CRM_SMTP_PASSWORD` is set on this server and is used instead of the stored one.
    pub password_from_environment: bool,
    pub from: Option<String>,
    pub from_name: Option<String>,
    /// For If-Match on `PUT`; 0 before the first save.
    pub version: i32,
}

fn env_password() -> Option<String> {
    std::env::var(PASSWORD_ENV).ok().filter(|p| !p.is_empty())
}

fn view(stored: Option<(Stored, i32)>, secrets: &SecretBox) -> SmtpView {
    let version = stored.as_ref().map_or(0, |(_, v)| *v);
    let s = stored.map(|(s, _)| s);
    SmtpView {
        configured: s.is_some(),
        password_set: s.as_ref().and_then(|s| s.password_sealed.as_deref()).is_some_and(|p| secrets.open(p).is_some()),
        password_from_environment: env_password().is_some(),
        host: s.as_ref().map(|s| s.host.clone()),
        port: s.as_ref().map(|s| s.port),
        security: s.as_ref().map(|s| s.security),
        username: s.as_ref().and_then(|s| s.username.clone()),
        from: s.as_ref().map(|s| s.from.clone()),
        from_name: s.and_then(|s| s.from_name),
        version,
    }
}

/// What the log shows of the settings: everything but the password, and whether one is set.
fn logged(s: &Stored) -> serde_json::Value {
    json!({"host": s.host, "port": s.port, "security": s.security, "username": s.username, "password_set": s.password_sealed.is_some(), "from": s.from, "from_name": s.from_name})
}

pub async fn get(db: &Db, secrets: &SecretBox) -> DomainResult<SmtpView> {
    Ok(view(super::get::<Stored>(db, KEY).await?, secrets))
}

/// Saves the settings; an absent password keeps the stored one, `null` removes it.
pub async fn put(db: &Db, ctx: &Ctx, secrets: &SecretBox, input: SmtpInput, if_match: Option<i32>) -> DomainResult<SmtpView> {
    let input = input.validate()?;
    let next = |current: Option<Stored>| {
        let password_sealed = super::write_only(secrets, input.password, current.and_then(|c| c.password_sealed))?;
        Ok(Stored { host: input.host, port: input.port, security: input.security, username: input.username, password_sealed, from: input.from, from_name: input.from_name })
    };
    let saved = super::save(db, ctx, KEY, if_match, logged, next).await?;
    Ok(view(Some(saved), secrets))
}

/// Removes the settings: no e-mail is sent until they are saved again. Notifications
/// already queued for e-mail finish without sending.
pub async fn remove(db: &Db, ctx: &Ctx, secrets: &SecretBox, if_match: Option<i32>) -> DomainResult<SmtpView> {
    super::clear::<Stored>(db, ctx, KEY, if_match, logged).await?;
    Ok(view(None, secrets))
}

/// Why a message did not go: the SMTP server's or the connection's words.
pub type SendError = String;

/// Sends `letter` to `to` with the saved settings. `Ok(None)`: no settings yet, nothing
/// sent; `Ok(Some(Err(…)))`: the attempt failed (unreachable server, refused sign-in or
/// recipient), which a caller may retry.
pub async fn send(db: &Db, secrets: &SecretBox, to: &str, letter: &Letter) -> DomainResult<Option<Result<(), SendError>>> {
    let Some((s, _)) = super::get::<Stored>(db, KEY).await? else { return Ok(None) };
    Ok(Some(deliver(&s, secrets, to, letter).await))
}

async fn deliver(s: &Stored, secrets: &SecretBox, to: &str, letter: &Letter) -> Result<(), SendError> {
    let from = s.from.parse().map_err(|e| format!("the sender address: {e}"))?;
    let to: lettre::Address = to.parse().map_err(|e| format!("the recipient address: {e}"))?;
    let message = Message::builder()
        .from(Mailbox::new(s.from_name.clone(), from))
        .to(Mailbox::new(None, to))
        .subject(letter.subject.clone())
        // Base64 whatever the text: Chinese survives every relay, and readers decode it.
        .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).header(ContentTransferEncoding::Base64).body(letter.body.clone()))
        .map_err(|e| format!("the message: {e}"))?;
    let mut builder = match s.security {
        SmtpSecurity::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&s.host),
        SmtpSecurity::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&s.host).map_err(|e| e.to_string())?,
        SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&s.host).map_err(|e| e.to_string())?,
    }
    .port(s.port)
    .timeout(Some(TIMEOUT));
    if let Some(user) = &s.username {
        let password = env_password().or_else(|| s.password_sealed.as_deref().and_then(|p| secrets.open(p))).unwrap_or_default();
        builder = builder.credentials(Credentials::new(user.clone(), password));
    }
    match tokio::time::timeout(TIMEOUT, builder.build().send(message)).await {
        Ok(sent) => sent.map(|_| ()).map_err(|e| e.to_string()),
        Err(_) => Err(format!("no answer from the SMTP server within {} s", TIMEOUT.as_secs())),
    }
}
