//! Typed configuration from flags and `CRM_*` environment variables.

use std::path::{Path, PathBuf};

use clap::Args;

#[derive(Args, Debug, Clone)]
pub struct Config {
    /// Database URL: sqlite://path/to/file.db or postgres://user@host/db.
    /// Default: a SQLite file in the data directory.
    #[arg(long, env = "CRM_DATABASE_URL")]
    pub database_url: Option<String>,
    /// Directory for the SQLite file, the generated JWT secret and uploaded files.
    #[arg(long, env = "CRM_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
    /// Secret for signing access tokens. Default: generated once and kept in the data dir.
    #[arg(long, env = "CRM_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<String>,
    /// Where file contents are kept, for several servers sharing them: an S3-compatible
    /// bucket as s3://<bucket>/<prefix>?endpoint=<url>&region=<region> (more options by
    /// name: allow_http, access_key_id, secret_access_key, …; credentials otherwise from
    /// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY). Default: <data dir>/files.
    #[arg(long, env = "CRM_FILES_URL", hide_env_values = true)]
    pub files_url: Option<String>,
}

impl Config {
    pub fn database_url(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| format!("sqlite://{}?mode=rwc", self.data_dir.join("crm.db").display()))
    }

    /// The bucket file contents are kept in, checked to answer; `None` for the data dir.
    pub async fn files_bucket(&self) -> anyhow::Result<Option<crm_persistence::drive::storage::Bucket>> {
        let Some(url) = self.files_url.as_deref().filter(|u| !u.is_empty()) else { return Ok(None) };
        let bucket = crm_persistence::drive::storage::Bucket::from_url(url).map_err(anyhow::Error::msg)?;
        bucket.check().await.map_err(anyhow::Error::msg)?;
        log::info!("file contents are kept in {bucket:?}");
        Ok(Some(bucket))
    }

    /// The configured secret, or the one kept in `<data dir>/jwt_secret`, created on first use
    /// readable by the owner only.
    pub fn jwt_secret(&self) -> anyhow::Result<Vec<u8>> {
        if let Some(s) = self.jwt_secret.as_ref().filter(|s| !s.is_empty()) {
            anyhow::ensure!(s.len() >= 32, "CRM_JWT_SECRET must be at least 32 characters");
            return Ok(s.as_bytes().to_vec());
        }
        let path = self.data_dir.join("jwt_secret");
        if let Ok(existing) = std::fs::read_to_string(&path) {
            let existing = existing.trim();
            if existing.len() >= 32 {
                return Ok(existing.as_bytes().to_vec());
            }
        }
        crm_persistence::db::create_private_dir(&self.data_dir)?;
        let secret = crm_persistence::passwords::random_secret(64);
        write_private(&path, &secret)?;
        Ok(secret.into_bytes())
    }
}

fn write_private(path: &Path, content: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    f.write_all(content.as_bytes())?;
    Ok(())
}

/// The server's defences against guessing and floods (`crm_http::state::Settings`).
#[derive(Args, Debug, Clone)]
pub struct Defences {
    /// Failed sign-ins one client address may make within 15 minutes before it backs off
    /// (30 s, doubling up to 15 min); 0 turns the per-address back-off off.
    #[arg(long, env = "CRM_LOGIN_IP_FAILURES", default_value_t = 10)]
    pub login_ip_failures: u32,
    /// Failed sign-ins the server accepts per minute from clients that never signed in
    /// before; 0 turns the budget off.
    #[arg(long, env = "CRM_LOGIN_FAILURES_PER_MINUTE", default_value_t = 300)]
    pub login_failures_per_minute: u32,
    /// API requests per second one client address may make (bursts of twice that); 0 = no limit.
    #[arg(long, env = "CRM_RATE_LIMIT_IP", default_value_t = 100)]
    pub rate_limit_ip: u32,
    /// API requests per second one signed-in user may make (bursts of twice that); 0 = no limit.
    #[arg(long, env = "CRM_RATE_LIMIT_USER", default_value_t = 30)]
    pub rate_limit_user: u32,
    /// API requests per second one API token may make (bursts of twice that); 0 = no limit.
    #[arg(long, env = "CRM_RATE_LIMIT_TOKEN", default_value_t = 50)]
    pub rate_limit_token: u32,
    /// Take the client address from Forwarded / X-Forwarded-For: set it only behind a
    /// reverse proxy that sets those headers.
    #[arg(long, env = "CRM_TRUST_FORWARDED", default_value_t = false)]
    pub trust_forwarded: bool,
    /// Imports one person may have waiting or running at once, and exports one person may
    /// have under way (more answer 429).
    #[arg(long, env = "CRM_USER_JOBS", default_value_t = 2)]
    pub user_jobs: u64,
}

impl Defences {
    pub fn settings(&self) -> crm_http::state::Settings {
        crm_http::state::Settings {
            login: crm_http::login_guard::LoginLimits { ip_failures: self.login_ip_failures, global_failures_per_minute: self.login_failures_per_minute },
            rates: crm_http::rate_limit::RateLimits { per_ip: self.rate_limit_ip, per_user: self.rate_limit_user, per_token: self.rate_limit_token },
            trust_forwarded: self.trust_forwarded,
            files_dir: std::path::PathBuf::new(),
            files_bucket: None,
            user_jobs: self.user_jobs,
        }
    }
}
