//! Where file contents live: a directory under the data dir, one file per stored blob
//! (`<root>/ab/<key>`), or, for several servers, a bucket of S3-compatible object storage
//! (`<prefix>/<key>`). An upload streams into `<root>/tmp` while its SHA-256 and size are
//! computed and its limit enforced, so neither memory nor the final place ever holds a
//! partial or oversized file; it goes to its place (a rename, or a multipart upload to the
//! bucket) only once it passed every check.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use futures_util::{Stream, StreamExt, TryStreamExt};
use object_store::aws::{AmazonS3ConfigKey, AmazonS3Builder};
use object_store::path::Path as ObjectPath;
use object_store::{GetOptions, GetRange, ObjectStore, PutPayload, WriteMultipart};
use ring::digest::{Context, SHA256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use uuid::Uuid;

/// How much of the beginning of a file is kept for sniffing its type.
const HEAD: usize = 8192;
/// The part size of multipart uploads to a bucket (S3 wants at least 5 MiB) and the most a
/// smaller file is read into memory to be put at once.
const PART: usize = 8 * 1024 * 1024;
/// Parts in flight at once: memory is about `PART` times this.
const PARTS_IN_FLIGHT: usize = 2;

#[derive(Debug, Clone)]
pub struct Store {
    /// Received uploads, and the blobs themselves when there is no bucket.
    root: PathBuf,
    bucket: Option<Bucket>,
}

/// A bucket of S3-compatible object storage and the prefix the blobs are kept under.
#[derive(Clone)]
pub struct Bucket {
    objects: Arc<dyn ObjectStore>,
    prefix: String,
    /// The URL without its query, which may hold credentials.
    shown: String,
}

impl std::fmt::Debug for Bucket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Bucket({})", self.shown)
    }
}

impl Bucket {
    /// `s3://<bucket>/<prefix>?endpoint=http://host:9000&region=…&allow_http=true`: the
    /// query takes object_store's S3 options by name (`endpoint`, `region`,
    /// `access_key_id`, `secret_access_key`, `allow_http`, `virtual_hosted_style_request`,
    /// …); what it leaves out comes from the `AWS_*` environment variables.
    pub fn from_url(url: &str) -> Result<Self, String> {
        let parsed = reqwest::Url::parse(url).map_err(|e| format!("{url:?} is not a URL: {e}"))?;
        if parsed.scheme() != "s3" {
            return Err(format!("file storage URLs start with s3:// (not {}://)", parsed.scheme()));
        }
        let bucket = parsed.host_str().filter(|b| !b.is_empty()).ok_or("the storage URL names no bucket (s3://<bucket>/<prefix>)")?;
        let mut builder = AmazonS3Builder::from_env().with_bucket_name(bucket);
        for (k, v) in parsed.query_pairs() {
            let key: AmazonS3ConfigKey = k.parse().map_err(|_| format!("{k:?} is not an S3 storage option"))?;
            builder = builder.with_config(key, v);
        }
        let objects = builder.build().map_err(|e| format!("cannot use the storage at s3://{bucket}: {e}"))?;
        let prefix = parsed.path().trim_matches('/').to_string();
        Ok(Self { objects: Arc::new(objects), shown: format!("s3://{bucket}/{prefix}"), prefix })
    }

    /// Asks the bucket for its listing under the prefix, so that a wrong address, name or
    /// credential stops a server at start rather than at the first upload.
    pub async fn check(&self) -> Result<(), String> {
        let prefix = ObjectPath::from(self.prefix.as_str());
        self.objects.list_with_delimiter(Some(&prefix)).await.map(|_| ()).map_err(|e| format!("the file storage {} does not answer: {e}", self.shown))
    }

    fn path(&self, key: &str) -> ObjectPath {
        if self.prefix.is_empty() { ObjectPath::from(key) } else { ObjectPath::from(format!("{}/{key}", self.prefix)) }
    }

    /// Sends a received file: in one request when small, else in parts read from the
    /// disk a few at a time, so memory stays bounded whatever the size.
    async fn upload(&self, from: &Path, size: i64, key: &str) -> std::io::Result<()> {
        let path = self.path(key);
        let mut file = tokio::fs::File::open(from).await?;
        if size <= PART as i64 {
            let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
            file.read_to_end(&mut bytes).await?;
            self.objects.put(&path, PutPayload::from(bytes)).await.map_err(std::io::Error::other)?;
            return Ok(());
        }
        let upload = self.objects.put_multipart(&path).await.map_err(std::io::Error::other)?;
        let mut parts = WriteMultipart::new_with_chunk_size(upload, PART);
        let mut buf = vec![0u8; 256 * 1024];
        loop {
            let n = match file.read(&mut buf).await {
                Ok(n) => n,
                Err(e) => {
                    let _ = parts.abort().await;
                    return Err(e);
                }
            };
            if n == 0 {
                break;
            }
            if let Err(e) = parts.wait_for_capacity(PARTS_IN_FLIGHT).await {
                return Err(std::io::Error::other(e));
            }
            parts.write(buf.get(..n).unwrap_or_default());
        }
        parts.finish().await.map(|_| ()).map_err(std::io::Error::other)
    }
}

/// A stored blob: a file (served with the operating system's help) or an object, read by
/// ranges.
pub enum Blob {
    File(PathBuf),
    Object(Object),
}

/// A blob in a bucket.
pub struct Object {
    bucket: Bucket,
    path: ObjectPath,
}

impl Object {
    /// The bytes `range` (end exclusive), streamed.
    pub async fn read(&self, range: Range<u64>) -> std::io::Result<impl Stream<Item = std::io::Result<bytes::Bytes>> + use<>> {
        let options = GetOptions { range: Some(GetRange::Bounded(range)), ..Default::default() };
        let got = self.bucket.objects.get_opts(&self.path, options).await.map_err(std::io::Error::other)?;
        Ok(got.into_stream().map_err(std::io::Error::other))
    }
}

/// An upload received into a temporary file; dropping it removes the file.
#[derive(Debug)]
pub struct Received {
    tmp: PathBuf,
    pub size: i64,
    pub sha256: String,
    pub head: Vec<u8>,
}

impl Received {
    /// Where the received bytes are until kept.
    pub fn path(&self) -> &Path {
        &self.tmp
    }
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
    /// Blobs in files under `root`, or in `bucket` when given (uploads are received under
    /// `root` either way).
    pub fn new(root: impl Into<PathBuf>, bucket: Option<Bucket>) -> Self {
        Self { root: root.into(), bucket }
    }

    /// Where the blob of `key` is, for reading.
    pub fn blob(&self, key: &str) -> Blob {
        match &self.bucket {
            Some(bucket) => Blob::Object(Object { bucket: bucket.clone(), path: bucket.path(key) }),
            None => Blob::File(self.file(key)),
        }
    }

    fn file(&self, key: &str) -> PathBuf {
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

    /// Puts a received upload in its place under `key`.
    pub async fn keep(&self, received: &Received, key: &str) -> std::io::Result<()> {
        match &self.bucket {
            Some(bucket) => bucket.upload(&received.tmp, received.size, key).await,
            None => {
                let to = self.file(key);
                if let Some(dir) = to.parent() {
                    tokio::fs::create_dir_all(dir).await?;
                }
                tokio::fs::rename(&received.tmp, &to).await
            }
        }
    }

    /// Removes a blob (an upload whose record was not written after all).
    pub async fn remove(&self, key: &str) {
        match &self.bucket {
            Some(bucket) => {
                if let Err(e) = bucket.objects.delete(&bucket.path(key)).await {
                    log::warn!("could not remove the unrecorded upload {key} from {}: {e}", bucket.shown);
                }
            }
            None => {
                let _ = tokio::fs::remove_file(self.file(key)).await;
            }
        }
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
        let store = Store::new(&root, None);
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
