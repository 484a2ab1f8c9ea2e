//! argon2id password hashing and the SHA-256 digests under which opaque tokens are stored.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use crm_domain::DomainError;
use rand::distributions::Alphanumeric;
use rand::Rng;
use sha2::{Digest, Sha256};

/// Password hashes computed at once: half the cores, at least one. A hash costs tens of
/// milliseconds of CPU by design; sign-ins beyond this wait their turn instead of taking
/// every core from the requests of people already signed in.
fn hashing_turns() -> &'static tokio::sync::Semaphore {
    static TURNS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    TURNS.get_or_init(|| tokio::sync::Semaphore::new((std::thread::available_parallelism().map_or(2, |n| n.get()) / 2).max(1)))
}

/// Hashing is deliberately slow, so it runs off the async executor, a few at a time.
pub async fn hash(password: String) -> Result<String, DomainError> {
    let _turn = hashing_turns().acquire().await.map_err(|e| DomainError::internal(format!("hashing turns: {e}")))?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| DomainError::internal(format!("hashing failed: {e}")))
    })
    .await
    .map_err(|e| DomainError::internal(format!("hashing task failed: {e}")))?
}

pub async fn verify(password: String, hash: String) -> bool {
    let Ok(_turn) = hashing_turns().acquire().await else { return false };
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A hash of a password nobody has, verified against when the user does not exist, so an
/// unknown user costs the same time as a wrong password.
pub async fn dummy_hash() -> String {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DUMMY
        .get_or_init(|| async { hash(random_secret(24)).await.unwrap_or_default() })
        .await
        .clone()
}

pub fn random_secret(len: usize) -> String {
    rand::thread_rng().sample_iter(&Alphanumeric).take(len).map(char::from).collect()
}

pub fn sha256_hex(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}
