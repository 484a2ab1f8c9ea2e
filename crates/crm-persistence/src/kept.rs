//! Values read from the database and kept until a write makes them stale. A keeper counts
//! the writes that concern it; an entry read before the latest of them, or longer ago than
//! its time to live, is read again. The time to live bounds how long another server
//! process's writes, which this one does not see, leave an entry stale.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

struct Entry<V> {
    at: Instant,
    writes: u64,
    value: V,
}

pub struct Kept<V> {
    ttl: Duration,
    max_entries: usize,
    writes: AtomicU64,
    entries: Mutex<HashMap<String, Entry<V>>>,
}

impl<V: Clone> Kept<V> {
    pub fn new(ttl: Duration, max_entries: usize) -> Self {
        Self { ttl, max_entries, writes: AtomicU64::new(0), entries: Mutex::new(HashMap::new()) }
    }

    /// After a write that concerns these values has committed.
    pub fn note_write(&self) {
        self.writes.fetch_add(1, Ordering::AcqRel);
    }

    /// The value kept under `key`, or the one `read` returns, kept for next time.
    pub async fn get_or_read<F, Fut, E>(&self, key: String, read: F) -> Result<V, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<V, E>>,
    {
        // Counted before reading: a write that commits meanwhile leaves what is read
        // stale at once, instead of kept as if it had seen that write.
        let writes = self.writes.load(Ordering::Acquire);
        if let Some(v) = self.fresh(&key, writes) {
            return Ok(v);
        }
        let value = read().await?;
        if let Ok(mut map) = self.entries.lock() {
            if map.len() >= self.max_entries {
                map.retain(|_, e| e.writes == writes && e.at.elapsed() < self.ttl);
                if map.len() >= self.max_entries {
                    map.clear();
                }
            }
            map.insert(key, Entry { at: Instant::now(), writes, value: value.clone() });
        }
        Ok(value)
    }

    fn fresh(&self, key: &str, writes: u64) -> Option<V> {
        let map = self.entries.lock().ok()?;
        let e = map.get(key)?;
        (e.writes == writes && e.at.elapsed() < self.ttl).then(|| e.value.clone())
    }
}
