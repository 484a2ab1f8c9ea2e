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
}

impl Config {
    pub fn database_url(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| format!("sqlite://{}?mode=rwc", self.data_dir.join("crm.db").display()))
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
