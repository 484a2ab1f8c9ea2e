//! The context every service call receives: who acts, from where, and when.

use std::sync::Arc;

use chrono::{DateTime, SubsecRound, Utc};
use crm_domain::Actor;

#[derive(Debug, Clone)]
pub struct Ctx {
    /// Shared with the auth cache: a request borrows the cached actor instead of copying
    /// its permission sets.
    pub actor: Arc<Actor>,
    pub request_id: String,
    pub ip: Option<String>,
    pub now: DateTime<Utc>,
}

impl Ctx {
    /// The server acting on its own (scheduled jobs). It sees all data; the operation log
    /// records no actor for it.
    pub fn system(request_id: impl Into<String>) -> Self {
        let actor = Actor {
            user_id: uuid::Uuid::nil(),
            username: "system".into(),
            department_id: None,
            permissions: Default::default(),
            scope: crm_domain::scope::EffectiveScope::new(vec![crm_domain::DataScope::All]),
            token_scopes: None,
            visible_owners: Default::default(),
            shared: Default::default(),
        };
        Self::new(actor, request_id, None)
    }

    pub fn new(actor: impl Into<Arc<Actor>>, request_id: impl Into<String>, ip: Option<String>) -> Self {
        // Microseconds, as both databases store them: what a write answers is then what a
        // later read of the record shows.
        Self { actor: actor.into(), request_id: request_id.into(), ip, now: Utc::now().trunc_subsecs(6) }
    }
}
