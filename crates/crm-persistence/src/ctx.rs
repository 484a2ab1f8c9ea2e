//! The context every service call receives: who acts, from where, and when.

use chrono::{DateTime, Utc};
use crm_domain::Actor;

#[derive(Debug, Clone)]
pub struct Ctx {
    pub actor: Actor,
    pub request_id: String,
    pub ip: Option<String>,
    pub now: DateTime<Utc>,
}

impl Ctx {
    pub fn new(actor: Actor, request_id: impl Into<String>, ip: Option<String>) -> Self {
        Self { actor, request_id: request_id.into(), ip, now: Utc::now() }
    }
}
