//! Webhooks: which changes an integration hears about, and how a change of a record is
//! named as events. The names come from one table of resources and verbs, so the catalogue
//! the API documents, the input check and the outbox agree.

use serde::{Deserialize, Serialize};

use crate::audit::FieldChange;
use crate::error::DomainResult;
use crate::validate::Validator;

/// The records whose changes are events: the operation log's entity name and the event's
/// prefix.
pub const RESOURCES: &[(&str, &str)] = &[
    ("customers", "customer"),
    ("contacts", "contact"),
    ("follow_ups", "follow_up"),
    ("leads", "lead"),
    ("opportunities", "opportunity"),
    ("quotes", "quote"),
    ("orders", "order"),
    ("contracts", "contract"),
    ("payments", "payment"),
    ("invoices", "invoice"),
    ("products", "product"),
    ("suppliers", "supplier"),
];

/// What every resource has.
pub const VERBS: &[&str] = &["created", "updated", "deleted", "restored"];

/// The events some resources add, each also an `updated` of its record.
pub const SPECIAL: &[&str] = &["customer.pool_changed", "opportunity.stage_changed", "lead.converted", "contract.activated", "payment.received"];

/// Every event, and the receiver's test.
pub const ALL: &str = "*";
pub const PING: &str = "ping";

/// Every event name a webhook may subscribe to, `*` first.
pub fn catalogue() -> Vec<String> {
    let mut names = vec![ALL.to_string()];
    for (_, thing) in RESOURCES {
        names.extend(VERBS.iter().map(|v| format!("{thing}.{v}")));
        names.extend(SPECIAL.iter().filter(|s| s.split('.').next() == Some(thing)).map(|s| s.to_string()));
    }
    names
}

fn status_became(changes: &[FieldChange], status: &str) -> bool {
    changes.iter().any(|c| c.field == "status" && c.after.as_str() == Some(status) && c.before.as_str() != Some(status))
}

fn changed(changes: &[FieldChange], field: &str) -> bool {
    changes.iter().any(|c| c.field == field && c.before != c.after)
}

/// The events one entry of the operation log makes: its resource's verb (a module's own
/// verb — a claim, a transition, an approval — is an `updated`), and the special event
/// its changes amount to. None for records that are not in `RESOURCES`.
pub fn events_for(entity: &str, action: &str, changes: &[FieldChange]) -> Vec<String> {
    let Some((_, thing)) = RESOURCES.iter().find(|(e, _)| *e == entity) else { return Vec::new() };
    let verb = match action {
        "create" | "import" => "created",
        "delete" => "deleted",
        "restore" => "restored",
        _ => "updated",
    };
    let mut events = vec![format!("{thing}.{verb}")];
    // What a command amounts to; a new record's first values are not a change of pool.
    let special = match *thing {
        _ if verb != "updated" => None,
        "customer" if changed(changes, "pool") => Some("customer.pool_changed"),
        "opportunity" if changed(changes, "stage_id") => Some("opportunity.stage_changed"),
        "lead" if action == "convert" => Some("lead.converted"),
        "contract" if status_became(changes, "active") => Some("contract.activated"),
        "payment" if status_became(changes, "confirmed") => Some("payment.received"),
        _ => None,
    };
    events.extend(special.map(str::to_string));
    events
}

/// Whether a webhook listening to `events` hears `event`.
pub fn hears(events: &[String], event: &str) -> bool {
    events.iter().any(|e| e == ALL || e == event)
}

/// `POST /webhooks`.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewWebhook, example = json!({"name": "ERP 同步", "url": "https://erp.example.com/crm/events",
    "events": ["customer.created", "customer.updated", "contract.activated"], "secret": "whsec-4f8a9c1d2e7b6a5f", "enabled": true}))]
pub struct WebhookInput {
    /// What the receiver is, for people.
    pub name: String,
    /// `http://` or `https://`. Loopback, link-local and private addresses are refused,
    /// as written and after DNS resolution and redirects, unless an administrator allows
    /// them (`PUT /settings/webhooks {"allow_private_targets": true}`).
    pub url: String,
    /// Event names from the catalogue (`GET /webhooks/events`), or `*` for every event.
    pub events: Vec<String>,
    /// Write-only: 16 to 200 characters, required when creating. Each delivery carries
    /// `X-CRM-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under this
    /// secret>`. Stored sealed and never shown again; a patch with a new one replaces it.
    #[serde(default)]
    pub secret: Option<String>,
    #[serde(default = "yes")]
    pub enabled: bool,
}

fn yes() -> bool {
    true
}

crate::patch! {
    #[schema(as = WebhookPatch, example = json!({"events": ["*"], "enabled": false}))]
    pub struct WebhookPatch for WebhookInput { name: String, url: String, events: Vec<String>, secret: Option<String>, enabled: bool ; }
}

pub const MAX_EVENTS: usize = 100;

impl WebhookInput {
    /// `secret_required`: a new webhook needs one; an edit keeps the stored one when absent.
    pub fn validate(mut self, secret_required: bool) -> DomainResult<Self> {
        let mut v = Validator::new();
        self.name = v.required("name", &self.name, 100);
        self.url = self.url.trim().to_string();
        if let Err(why) = check_url_shape(&self.url) {
            v.add("url", "invalid", why);
        }
        let known = catalogue();
        if self.events.is_empty() {
            v.add("events", "required", "name at least one event, or *");
        }
        if self.events.len() > MAX_EVENTS {
            v.add("events", "too_many", format!("at most {MAX_EVENTS} events"));
        }
        let mut seen = std::collections::HashSet::new();
        for (i, e) in self.events.iter().enumerate() {
            if !known.contains(e) {
                v.add(&format!("events[{i}]"), "unknown", format!("'{}' is not an event; see GET /webhooks/events", e.chars().take(64).collect::<String>()));
            } else if !seen.insert(e.clone()) {
                v.add(&format!("events[{i}]"), "duplicate", "named twice");
            }
        }
        match &self.secret {
            None if secret_required => v.add("secret", "required", "a signing secret of 16 to 200 characters"),
            Some(s) if s.chars().count() < 16 || s.chars().count() > 200 || s.chars().any(char::is_control) => {
                v.add("secret", "invalid", "16 to 200 characters, no control characters")
            }
            _ => {}
        }
        v.finish()?;
        Ok(self)
    }
}

/// What can be told from the text alone: an http(s) URL with a host, no credentials, no
/// spaces, at most 2000 characters. Where it points is checked by the server (DNS).
pub fn check_url_shape(url: &str) -> Result<(), &'static str> {
    let lower = url.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")).ok_or("an http:// or https:// address")?;
    if url.len() > 2000 || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("at most 2000 characters, without spaces");
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err("an address without a user name or password in it");
    }
    let host = authority.rsplit_once(':').filter(|(h, p)| !h.ends_with(']') || p.is_empty()).map_or(authority, |(h, p)| if p.chars().all(|c| c.is_ascii_digit()) { h } else { authority });
    if host.is_empty() || host == "[]" {
        return Err("an address with a host name");
    }
    Ok(())
}

/// `PUT /settings/webhooks`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = WebhookSettings, example = json!({"allow_private_targets": false}))]
pub struct WebhookSettings {
    /// Lets webhooks call loopback, link-local and private addresses (a receiver inside
    /// the company's network). Off by default: a webhook must not reach the server's own
    /// neighbours (SSRF).
    pub allow_private_targets: bool,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use serde_json::json;

    fn change(field: &str, before: serde_json::Value, after: serde_json::Value) -> FieldChange {
        FieldChange { field: field.into(), before, after }
    }

    #[test]
    fn a_change_is_named_by_its_resource_and_what_it_amounts_to() {
        assert_eq!(events_for("customers", "create", &[change("pool", json!(null), json!("potential"))]), vec!["customer.created"]);
        assert_eq!(events_for("customers", "claim", &[change("pool", json!("public"), json!("potential"))]), vec!["customer.updated", "customer.pool_changed"]);
        assert_eq!(events_for("contracts", "approved", &[change("status", json!("pending"), json!("active"))]), vec!["contract.updated", "contract.activated"]);
        assert_eq!(events_for("payments", "approved", &[change("status", json!("pending"), json!("confirmed"))]), vec!["payment.updated", "payment.received"]);
        assert_eq!(events_for("opportunities", "update", &[change("stage_id", json!("a"), json!("b"))]), vec!["opportunity.updated", "opportunity.stage_changed"]);
        assert!(events_for("users", "create", &[]).is_empty());
        assert!(catalogue().iter().all(|e| e == ALL || e.contains('.')));
        assert!(catalogue().contains(&"payment.received".to_string()));
    }

    #[test]
    fn urls_are_checked_for_shape() {
        assert!(check_url_shape("https://erp.example.com/hook?x=1").is_ok());
        assert!(check_url_shape("http://127.0.0.1:8080/").is_ok());
        assert!(check_url_shape("http://[::1]:80/").is_ok());
        assert!(check_url_shape("ftp://x/").is_err());
        assert!(check_url_shape("https://user:pw@x/").is_err());
        assert!(check_url_shape("https:///path").is_err());
        assert!(check_url_shape("https://a b/").is_err());
    }

    #[test]
    fn inputs_name_every_problem() {
        let bad = WebhookInput { name: " ".into(), url: "file:///etc".into(), events: vec!["nope".into(), "*".into(), "*".into()], secret: Some("short".into()), enabled: true };
        let errors = bad.validate(true).unwrap_err().errors;
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["name", "url", "events[0]", "events[2]", "secret"]);
    }
}
