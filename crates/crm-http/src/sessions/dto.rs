use chrono::{DateTime, Utc};
pub use crm_persistence::auth::ApiTokenView as ApiToken;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crm_domain::DataScope;

use crate::system::dto::User;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"username": "admin", "password": "s3cret-pass"}))]
pub struct LoginRequest {
    /// Username or e-mail address.
    pub username: String,
    pub password: String,
    /// For browsers: put the refresh token in the `crm_refresh` cookie (HttpOnly,
    /// SameSite=Strict, path /api/v1/auth) instead of the answer's body.
    #[serde(default)]
    pub refresh_cookie: bool,
}

#[derive(Serialize, ToSchema)]
pub struct TokenPair {
    pub access_token: String,
    #[schema(example = "Bearer")]
    pub token_type: String,
    /// Seconds until the access token expires.
    #[schema(example = 900)]
    pub expires_in: i64,
    /// Left out when the session cookie carries it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    pub user: User,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

#[derive(Serialize, ToSchema)]
pub struct Me {
    #[serde(flatten)]
    pub user: User,
    /// Effective permission codes: the union of the user's roles.
    #[schema(example = json!(["customers:read", "customers:create"]))]
    pub permissions: Vec<String>,
    /// The widest data scope among the user's roles.
    pub data_scope: DataScope,
    /// Every data scope the user holds; visibility is their union.
    pub data_scopes: Vec<DataScope>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"locale": "zh-CN"}))]
pub struct MePatch {
    pub display_name: Option<String>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub phone: Option<Option<String>>,
    /// `zh-CN` or `en`; null forgets the choice and the browser's language applies.
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>, example = "zh-CN")]
    pub locale: Option<Option<String>>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"current_password": "old-pass-123", "new_password": "new-pass-456"}))]
pub struct PasswordChange {
    pub current_password: String,
    /// At least 8 characters.
    pub new_password: String,
    /// Revoke every API token of the user as well (the other sessions end anyway).
    #[serde(default)]
    pub revoke_api_tokens: bool,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "nightly import", "scopes": ["customers:read", "customers:create"], "expires_at": "2027-01-01T00:00:00Z"}))]
pub struct NewApiToken {
    pub name: String,
    /// Permission codes; each must be one the caller holds.
    pub scopes: Vec<String>,
    pub expires_at: Option<DateTime<Utc>>,
}

#[derive(Serialize, ToSchema)]
pub struct CreatedApiToken {
    #[serde(flatten)]
    pub meta: ApiToken,
    /// The secret, shown this once; only its hash is stored.
    #[schema(example = "crm_3kQ9vT1xZ8mN2bW7cR4yL6pH0sD5fG1aJ9eK2uV")]
    pub token: String,
}
