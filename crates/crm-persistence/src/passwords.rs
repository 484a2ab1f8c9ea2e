//! argon2id password hashing and the SHA-256 digests under which opaque tokens are stored.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use crm_domain::DomainError;
use rand::distributions::Alphanumeric;
use rand::Rng;
use sha2::{Digest, Sha256};

/// Password hashing runs on threads of its own, half the cores (at least one), at the
/// lowest CPU priority (Linux's idle scheduling class): a hash costs tens of milliseconds of CPU by design, and a flood of
/// sign-ins must not take the cores from the requests of people already signed in. When
/// the machine is busy, a sign-in waits; when it is idle, hashing gets every cycle it
/// needs.
mod hashing {
    use std::sync::mpsc::{channel, Receiver, Sender};
    use std::sync::{Arc, Mutex, OnceLock};

    type Job = Box<dyn FnOnce() + Send>;

    fn queue() -> &'static Mutex<Sender<Job>> {
        static QUEUE: OnceLock<Mutex<Sender<Job>>> = OnceLock::new();
        QUEUE.get_or_init(|| {
            let (tx, rx) = channel::<Job>();
            let rx = Arc::new(Mutex::new(rx));
            let threads = (std::thread::available_parallelism().map_or(2, |n| n.get()) / 2).max(1);
            for n in 0..threads {
                let rx = rx.clone();
                let spawned = std::thread::Builder::new().name(format!("password-hashing-{n}")).spawn(move || work(&rx));
                if let Err(e) = spawned {
                    log::error!("cannot start a password hashing thread: {e}");
                }
            }
            Mutex::new(tx)
        })
    }

    fn work(rx: &Mutex<Receiver<Job>>) {
        lowest_priority();
        loop {
            let job = match rx.lock() {
                Ok(rx) => rx.recv(),
                Err(_) => return,
            };
            match job {
                Ok(job) => job(),
                Err(_) => return,
            }
        }
    }

    /// SCHED_IDLE: the thread runs only on a core nothing else wants, and yields it the
    /// moment a request's thread wakes (a nice value of 19 still took whole time slices).
    #[cfg(target_os = "linux")]
    fn lowest_priority() {
        let param = libc::sched_param { sched_priority: 0 };
        // SAFETY: `param` outlives the call, which only reads it; pid 0 is this thread.
        let r = unsafe { libc::sched_setscheduler(0, libc::SCHED_IDLE, &param) };
        if r != 0 {
            log::warn!("password hashing runs at normal priority: {}", std::io::Error::last_os_error());
        }
    }

    #[cfg(not(target_os = "linux"))]
    fn lowest_priority() {}

    /// Runs `f` on a hashing thread; `None` if the threads are gone.
    pub async fn run<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = tx.send(f());
        });
        queue().lock().ok()?.send(job).ok()?;
        rx.await.ok()
    }
}

pub async fn hash(password: String) -> Result<String, DomainError> {
    hashing::run(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| DomainError::internal(format!("hashing failed: {e}")))
    })
    .await
    .unwrap_or_else(|| Err(DomainError::internal("the password hashing threads are gone")))
}

pub async fn verify(password: String, hash: String) -> bool {
    hashing::run(move || {
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
