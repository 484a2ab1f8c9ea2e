//! Who is acting: the signed-in user, their effective permissions and data scope, and,
//! for API tokens, the token's scopes, which can only narrow what the user may do.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use uuid::Uuid;

use crate::permissions::Perm;
use crate::scope::EffectiveScope;

#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Uuid,
    pub username: String,
    pub department_id: Option<Uuid>,
    pub permissions: BTreeSet<String>,
    pub scope: EffectiveScope,
    /// Set when the caller authenticated with an API token.
    pub token_scopes: Option<BTreeSet<String>>,
    /// The owners whose records the actor may see (`None`: everyone's), resolved on first
    /// use and kept as long as the actor is: the server's actor cache drops actors on any
    /// write to users, departments or roles, so a manager's list costs no query for them.
    pub visible_owners: Arc<OnceLock<Option<Arc<Owners>>>>,
    /// Records shared with the actor outside their scope, per entity (a customer's
    /// collaborators), resolved like `visible_owners`: once per cached actor, and a change
    /// of shares drops the cache (on other servers the cache's few seconds bound it).
    pub shared: Arc<Mutex<HashMap<&'static str, Arc<Shared>>>>,
}

/// The records of one entity shared with an actor: those they may read (all of them)
/// and those they may also change.
#[derive(Debug, PartialEq, Eq)]
pub struct Shared {
    pub read: Owners,
    pub edit: Owners,
}

/// A set of ids (owners, shared records), sorted, and written out once as text
/// (comma-separated) for the queries that name them all: a department manager's thousand
/// owners are formatted once per cached actor, not on every list.
#[derive(Debug, PartialEq, Eq)]
pub struct Owners {
    pub ids: Vec<Uuid>,
    pub listed: String,
}

impl Owners {
    pub fn new(mut ids: Vec<Uuid>) -> Self {
        ids.sort();
        ids.dedup();
        let listed = ids.iter().map(Uuid::to_string).collect::<Vec<_>>().join(",");
        Self { ids, listed }
    }

    pub fn contains(&self, id: &Uuid) -> bool {
        self.ids.binary_search(id).is_ok()
    }
}

impl Actor {
    pub fn has(&self, perm: Perm) -> bool {
        self.has_code(&perm.code())
    }

    /// Held by the user's roles and, when acting through an API token, in its scopes.
    pub fn has_code(&self, code: &str) -> bool {
        self.permissions.contains(code) && self.token_scopes.as_ref().is_none_or(|scopes| scopes.contains(code))
    }

    pub fn is_admin(&self) -> bool {
        self.scope.is_all() && self.permissions.contains("roles:update")
    }
}
