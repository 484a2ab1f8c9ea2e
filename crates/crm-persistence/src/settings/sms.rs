//! The SMS gateway text messages leave through (`GET/PUT/DELETE /settings/sms`), and
//! sending one message with it: the configured request with the number and text filled
//! in, signed when a secret is set. The secret is stored sealed and never read back out.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use crm_domain::sms::{fill, Escape, SmsInput, SmsMethod};
use crm_domain::DomainResult;
use ring::hmac;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::secret_box::SecretBox;
use crate::{Ctx, Db};

const KEY: &str = "sms";

/// How long one request to the gateway may take in all.
const TIMEOUT: Duration = Duration::from_secs(10);

pub const SIGNATURE_HEADER: &str = "X-CRM-Signature";

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    url: String,
    method: SmsMethod,
    headers: BTreeMap<String, String>,
    body_template: String,
    secret_sealed: Option<String>,
}

/// `GET /settings/sms`: the settings without the secret.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = SmsSettings, example = json!({"configured": true, "url": "https://sms.example.com/api/send", "method": "POST",
    "headers": {"Content-Type": "application/json"}, "body_template": "{\"phone\": \"{{to}}\", \"content\": \"{{text}}\"}", "secret_set": true, "version": 1}))]
pub struct SmsView {
    /// False until an administrator saves settings: no text message is sent before.
    pub configured: bool,
    pub url: Option<String>,
    pub method: Option<SmsMethod>,
    pub headers: BTreeMap<String, String>,
    pub body_template: Option<String>,
    /// A signing secret is stored (and still opens under the server's secret).
    pub secret_set: bool,
    /// For If-Match on `PUT`; 0 before the first save.
    pub version: i32,
}

fn view(stored: Option<(Stored, i32)>, secrets: &SecretBox) -> SmsView {
    let version = stored.as_ref().map_or(0, |(_, v)| *v);
    let s = stored.map(|(s, _)| s);
    SmsView {
        configured: s.is_some(),
        secret_set: s.as_ref().and_then(|s| s.secret_sealed.as_deref()).is_some_and(|p| secrets.open(p).is_some()),
        url: s.as_ref().map(|s| s.url.clone()),
        method: s.as_ref().map(|s| s.method),
        headers: s.as_ref().map(|s| s.headers.clone()).unwrap_or_default(),
        body_template: s.map(|s| s.body_template),
        version,
    }
}

/// What the log shows: everything but the secret and the header values (API keys).
fn logged(s: &Stored) -> serde_json::Value {
    json!({"url": s.url, "method": s.method, "headers": s.headers.keys().collect::<Vec<_>>(), "body_template": s.body_template, "secret_set": s.secret_sealed.is_some()})
}

pub async fn get(db: &Db, secrets: &SecretBox) -> DomainResult<SmsView> {
    Ok(view(super::get::<Stored>(db, KEY).await?, secrets))
}

/// Saves the settings; an absent secret keeps the stored one, `null` removes it.
pub async fn put(db: &Db, ctx: &Ctx, secrets: &SecretBox, input: SmsInput, if_match: Option<i32>) -> DomainResult<SmsView> {
    let input = input.validate()?;
    let next = |current: Option<Stored>| {
        let secret_sealed = super::write_only(secrets, input.secret, current.and_then(|c| c.secret_sealed))?;
        Ok(Stored { url: input.url, method: input.method, headers: input.headers, body_template: input.body_template, secret_sealed })
    };
    let saved = super::save(db, ctx, KEY, if_match, logged, next).await?;
    Ok(view(Some(saved), secrets))
}

/// Removes the settings: no text message is sent until they are saved again.
pub async fn remove(db: &Db, ctx: &Ctx, secrets: &SecretBox, if_match: Option<i32>) -> DomainResult<SmsView> {
    super::clear::<Stored>(db, ctx, KEY, if_match, logged).await?;
    Ok(view(None, secrets))
}

/// `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: a receiver recomputes it with
/// the shared secret and refuses old timestamps, so a captured request cannot be replayed
/// later or altered.
pub fn signature(secret: &[u8], at: DateTime<Utc>, body: &[u8]) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret);
    let mut ctx = hmac::Context::with_key(&key);
    let t = at.timestamp();
    ctx.update(format!("{t}.").as_bytes());
    ctx.update(body);
    format!("t={t},v1={}", hex::encode(ctx.sign().as_ref()))
}

/// What the gateway said to one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// Its HTTP status, when it answered at all.
    pub status: Option<u16>,
    /// Why it did not take the message (a non-2xx status with the start of its body, or
    /// the connection's failure); none when it did.
    pub error: Option<String>,
}

/// Sends `text` to `to` with the saved settings; `None` when there are none (SMS is off).
pub async fn send(db: &Db, secrets: &SecretBox, to: &str, text: &str, now: DateTime<Utc>) -> DomainResult<Option<Answer>> {
    let Some((s, _)) = super::get::<Stored>(db, KEY).await? else { return Ok(None) };
    Ok(Some(deliver(&s, secrets, to, text, now).await))
}

async fn deliver(s: &Stored, secrets: &SecretBox, to: &str, text: &str, now: DateTime<Utc>) -> Answer {
    let url = fill(&s.url, to, text, Escape::Form);
    let body = if s.method == SmsMethod::Get { String::new() } else { fill(&s.body_template, to, text, Escape::for_headers(&s.headers)) };
    let client = match reqwest::Client::builder().timeout(TIMEOUT).redirect(reqwest::redirect::Policy::none()).build() {
        Ok(c) => c,
        Err(e) => return Answer { status: None, error: Some(e.to_string()) },
    };
    let method = match s.method {
        SmsMethod::Post => reqwest::Method::POST,
        SmsMethod::Put => reqwest::Method::PUT,
        SmsMethod::Get => reqwest::Method::GET,
    };
    let mut req = client.request(method, &url);
    for (k, v) in &s.headers {
        req = req.header(k.as_str(), v.as_str());
    }
    if let Some(secret) = s.secret_sealed.as_deref().and_then(|p| secrets.open(p)) {
        req = req.header(SIGNATURE_HEADER, signature(secret.as_bytes(), now, body.as_bytes()));
    }
    if s.method != SmsMethod::Get {
        req = req.body(body);
    }
    match req.send().await {
        Ok(res) if res.status().is_success() => Answer { status: Some(res.status().as_u16()), error: None },
        Ok(res) => {
            let status = res.status().as_u16();
            let said: String = res.text().await.unwrap_or_default().chars().take(200).collect();
            Answer { status: Some(status), error: Some(format!("the gateway answered {status}: {said}")) }
        }
        Err(e) => Answer { status: None, error: Some(without_url(&e)) },
    }
}

/// The error without the URL, which may carry an API key in its query.
fn without_url(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        format!("no answer within {} s", TIMEOUT.as_secs())
    } else if e.is_connect() {
        "cannot connect to the gateway".to_string()
    } else {
        "the request failed".to_string()
    };
    let cause = std::error::Error::source(e).map(|c| format!(": {c}")).unwrap_or_default();
    format!("{kind}{cause}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_covers_time_and_body() {
        let at = DateTime::from_timestamp(1_796_547_600, 0).unwrap_or_default();
        let sig = signature(b"s3cret", at, b"{\"to\":\"1\"}");
        assert!(sig.starts_with("t=1796547600,v1="));
        assert_eq!(sig.len(), "t=1796547600,v1=".len() + 64);
        assert_ne!(sig, signature(b"s3cret", at, b"{\"to\":\"2\"}"));
        assert_ne!(sig, signature(b"other", at, b"{\"to\":\"1\"}"));
        assert_ne!(sig, signature(b"s3cret", at + chrono::Duration::seconds(1), b"{\"to\":\"1\"}"));
    }
}
