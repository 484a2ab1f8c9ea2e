//! Where file contents live: a directory under the data dir, one file per stored blob
//! (`<root>/ab/<key>`). An upload streams into `<root>/tmp` while its SHA-256 and size are
//! computed and its limit enforced, so neither memory nor the final place ever holds a
//! partial or oversized file; it is moved into place only when its record is written.

use std::path::{Path, PathBuf};

use futures_util::{Stream, StreamExt};
use ring::digest::{Context, SHA256};
use tokio::io::AsyncWriteExt;
use uuid::Uuid;

/// How much of the beginning of a file is kept for sniffing its type.
const HEAD: usize = 8192;

#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

/// An upload received into a temporary file; dropping it removes the file.
#[derive(Debug)]
pub struct Received {
    tmp: PathBuf,
    pub size: i64,
    pub sha256: String,
    pub head: Vec<u8>,
}

impl Drop for Received {
    fn drop(&mut self) {
        // Gone already once kept (renamed); otherwise the upload failed and is thrown away.
        let _ = std::fs::remove_file(&self.tmp);
    }
}

#[derive(Debug)]
pub enum ReceiveError {
    /// More bytes came than `limit` allows; the rest was not read.
    TooLarge,
    /// The client's stream broke off.
    Client(String),
    Io(std::io::Error),
}

impl Store {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The blob of `key`, for reading.
    pub fn path(&self, key: &str) -> PathBuf {
        let shard = key.get(..2).unwrap_or("00");
        self.root.join(shard).join(key)
    }

    /// Streams `body` into a temporary file, refusing it as soon as it passes `limit`
    /// bytes.
    pub async fn receive<S, B, E>(&self, mut body: S, limit: i64) -> Result<Received, ReceiveError>
    where
        S: Stream<Item = Result<B, E>> + Unpin,
        B: AsRef<[u8]>,
        E: std::fmt::Display,
    {
        let dir = self.root.join("tmp");
        tokio::fs::create_dir_all(&dir).await.map_err(ReceiveError::Io)?;
        let tmp = dir.join(Uuid::now_v7().to_string());
        let file = tokio::fs::File::create(&tmp).await.map_err(ReceiveError::Io)?;
        let mut received = Received { tmp, size: 0, sha256: String::new(), head: Vec::new() };
        let mut out = tokio::io::BufWriter::with_capacity(256 * 1024, file);
        let mut digest = Context::new(&SHA256);
        while let Some(chunk) = body.next().await {
            let chunk = chunk.map_err(|e| ReceiveError::Client(e.to_string()))?;
            let bytes = chunk.as_ref();
            received.size += bytes.len() as i64;
            if received.size > limit {
                return Err(ReceiveError::TooLarge);
            }
            if received.head.len() < HEAD {
                let take = (HEAD - received.head.len()).min(bytes.len());
                received.head.extend_from_slice(bytes.get(..take).unwrap_or_default());
            }
            digest.update(bytes);
            out.write_all(bytes).await.map_err(ReceiveError::Io)?;
        }
        out.flush().await.map_err(ReceiveError::Io)?;
        received.sha256 = hex::encode(digest.finish().as_ref());
        Ok(received)
    }

    /// Moves a received upload to its place under `key`.
    pub async fn keep(&self, received: &Received, key: &str) -> std::io::Result<()> {
        let to = self.path(key);
        if let Some(dir) = to.parent() {
            tokio::fs::create_dir_all(dir).await?;
        }
        tokio::fs::rename(&received.tmp, &to).await
    }

    /// Removes a blob (an upload whose record was not written after all).
    pub async fn remove(&self, key: &str) {
        let _ = tokio::fs::remove_file(self.path(key)).await;
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Removes uploads left half-received by a server that stopped mid-upload (a crash, a
    /// kill): temporary files older than `age`, which no upload still in flight has.
    /// Answers how many went.
    pub async fn sweep(&self, age: std::time::Duration) -> usize {
        let Ok(mut dir) = tokio::fs::read_dir(self.root.join("tmp")).await else { return 0 };
        let mut removed = 0;
        while let Ok(Some(entry)) = dir.next_entry().await {
            let stale = entry.metadata().await.ok().and_then(|m| m.modified().ok()).and_then(|t| t.elapsed().ok()).is_some_and(|e| e > age);
            if stale && tokio::fs::remove_file(entry.path()).await.is_ok() {
                removed += 1;
            }
        }
        removed
    }
}

/// The type of a file from its first bytes, never from its name or the client's word:
/// known binary signatures, then SVG and HTML by their opening text, then any UTF-8 text.
pub fn sniff(head: &[u8]) -> String {
    if let Some(kind) = infer::get(head) {
        return kind.mime_type().to_string();
    }
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        // The head may end inside a character.
        Err(e) if e.error_len().is_none() => std::str::from_utf8(head.get(..e.valid_up_to()).unwrap_or_default()).unwrap_or_default(),
        Err(_) => return "application/octet-stream".into(),
    };
    let start = text.trim_start_matches('\u{feff}').trim_start().to_ascii_lowercase();
    if start.starts_with("<svg") || (start.starts_with("<?xml") && start.contains("<svg")) {
        "image/svg+xml".into()
    } else if start.starts_with("<!doctype html") || start.starts_with("<html") {
        "text/html".into()
    } else if text.chars().all(|c| !c.is_control() || c.is_whitespace()) {
        "text/plain".into()
    } else {
        "application/octet-stream".into()
    }
}

#[cfg(test)]
mod tests {
    use super::{sniff, Store};

    #[tokio::test]
    async fn a_sweep_removes_only_stale_leftovers() {
        let root = std::env::temp_dir().join(format!("crm-store-{}", uuid::Uuid::now_v7()));
        let store = Store::new(&root);
        std::fs::create_dir_all(root.join("tmp")).unwrap_or_default();
        std::fs::write(root.join("tmp").join("left-over"), b"x").unwrap_or_default();
        assert_eq!(store.sweep(std::time::Duration::from_secs(3600)).await, 0, "a fresh one may be in flight");
        assert_eq!(store.sweep(std::time::Duration::ZERO).await, 1);
        assert!(!root.join("tmp").join("left-over").exists());
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn types_come_from_the_content() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), "image/png");
        assert_eq!(sniff(b"%PDF-1.7\n"), "application/pdf");
        assert_eq!(sniff(b"  <svg xmlns='http://www.w3.org/2000/svg'><script/></svg>"), "image/svg+xml");
        assert_eq!(sniff(b"<!DOCTYPE html><script>alert(1)</script>"), "text/html");
        assert_eq!(sniff("客户名单\n".as_bytes()), "text/plain");
        assert_eq!(sniff(&"客".as_bytes()[..2]), "text/plain");
        assert_eq!(sniff(b"\x00\x01\x02\xff"), "application/octet-stream");
    }
}
