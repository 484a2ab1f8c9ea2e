//! The drive with its contents in S3-compatible object storage, as several servers share
//! them: a real S3 server (moto's server mode; `make test` installs it and names it in
//! CRM_TEST_MOTO_SERVER) started by the test, and the same upload, ranged download,
//! signed link and refusal rules as on the data dir.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};

use reqwest::multipart::{Form, Part};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::{split, test_settings, DbKind, Options, TestApp};

const BUCKET: &str = "crm-files";

/// A moto S3 server on a free port, stopped when dropped.
struct S3Server {
    child: Child,
    endpoint: String,
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl S3Server {
    async fn start() -> Self {
        let program = std::env::var("CRM_TEST_MOTO_SERVER").unwrap_or_else(|_| "moto_server".into());
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(&program)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start the S3 test server {program:?} ({e}): run `make s3-server` and set CRM_TEST_MOTO_SERVER, or use `make test`"));
        let server = Self { child, endpoint: format!("http://127.0.0.1:{port}") };
        let http = reqwest::Client::new();
        for _ in 0..300 {
            if http.get(&server.endpoint).send().await.is_ok_and(|r| r.status().is_success()) {
                return server;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("the S3 test server did not answer at {} within 30 s", server.endpoint);
    }

    /// The keys stored in the bucket, as its listing says.
    async fn keys(&self) -> Vec<String> {
        let xml = reqwest::get(format!("{}/{BUCKET}?list-type=2", self.endpoint)).await.unwrap().text().await.unwrap();
        xml.split("<Key>").skip(1).filter_map(|k| k.split_once("</Key>")).map(|(k, _)| k.to_string()).collect()
    }
}

async fn spawn_on_s3(kind: DbKind) -> (TestApp, S3Server, std::path::PathBuf) {
    let s3 = S3Server::start().await;
    let made = reqwest::Client::new().put(format!("{}/{BUCKET}", s3.endpoint)).send().await.unwrap();
    assert!(made.status().is_success(), "creating the bucket: {}", made.status());
    let url = format!("s3://{BUCKET}/blobs?endpoint={}&region=us-east-1&allow_http=true&access_key_id=test&secret_access_key=test", s3.endpoint);
    let bucket = crm_persistence::drive::storage::Bucket::from_url(&url).unwrap();
    bucket.check().await.unwrap();
    let dir = std::env::temp_dir().join(format!("crm-test-files-{}", uuid::Uuid::now_v7()));
    let settings = crm_http::state::Settings { files_dir: dir.clone(), files_bucket: Some(bucket), ..test_settings() };
    let app = TestApp::spawn_with(kind, Options { settings: Some(settings), ..Default::default() }).await;
    (app, s3, dir)
}

async fn upload(app: &TestApp, token: &str, name: &str, content: Vec<u8>) -> (StatusCode, Value) {
    let form = Form::new().part("file", Part::bytes(content).file_name(name.to_string()));
    split(app.req(Method::POST, "/api/v1/files", Some(token)).multipart(form).send().await.unwrap()).await
}

async fn get(app: &TestApp, path: &str, token: Option<&str>, range: Option<&str>) -> reqwest::Response {
    let mut r = app.req(Method::GET, path, token);
    if let Some(range) = range {
        r = r.header("range", range);
    }
    r.send().await.unwrap()
}

/// Bytes that no compression or dedup makes small: a xorshift sequence.
fn noise(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

async fn journey(kind: DbKind) {
    let (app, s3, dir) = spawn_on_s3(kind).await;
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (_, other) = app.user_with_role("other", "sales_rep", json!({})).await;

    // A small file goes up in one request, a big one (20 MiB) in parts.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89".to_vec();
    let (s, small) = upload(&app, &rep, "门店.png", png.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{small}");
    let big_content = noise(20 * 1024 * 1024 + 123);
    let (s, big) = upload(&app, &rep, "档案.bin", big_content.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{big}");
    let (small_id, big_id) = (small["id"].as_str().unwrap(), big["id"].as_str().unwrap());

    // The contents are in the bucket, under the prefix, and not on the server's disk.
    let mut keys = s3.keys().await;
    keys.sort();
    let mut expected = vec![format!("blobs/{}", small_id.replace('-', "")), format!("blobs/{}", big_id.replace('-', ""))];
    expected.sort();
    assert_eq!(keys, expected);
    let on_disk: Vec<_> = walk(&dir);
    assert!(on_disk.is_empty(), "the server kept {on_disk:?} on its disk");

    // Whole, ranged and unchanged downloads.
    let res = get(&app, &format!("/api/v1/files/{big_id}/content"), Some(&rep), None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-length"].to_str().unwrap(), big_content.len().to_string());
    assert_eq!(res.headers()["accept-ranges"], "bytes");
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    assert_eq!(etag, format!("\"{}\"", big["sha256"].as_str().unwrap()));
    assert!(res.headers()["content-disposition"].to_str().unwrap().contains("filename*=UTF-8''%E6%A1%A3"));
    assert_eq!(res.headers()["content-type"], "application/octet-stream");
    assert!(res.bytes().await.unwrap().as_ref() == big_content.as_slice(), "the big file came back changed");
    let res = get(&app, &format!("/api/v1/files/{small_id}/content"), Some(&rep), Some("bytes=1-3")).await;
    assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(res.headers()["content-range"], format!("bytes 1-3/{}", png.len()).as_str());
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"PNG");
    let res = get(&app, &format!("/api/v1/files/{big_id}/content"), Some(&rep), Some("bytes=-10")).await;
    assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(res.bytes().await.unwrap().as_ref(), &big_content[big_content.len() - 10..]);
    let res = get(&app, &format!("/api/v1/files/{big_id}/content"), Some(&rep), Some("bytes=8388600-8388620")).await;
    assert_eq!(res.bytes().await.unwrap().as_ref(), &big_content[8_388_600..=8_388_620], "a range across two parts");
    let res = get(&app, &format!("/api/v1/files/{small_id}/content"), Some(&rep), Some("bytes=999-")).await;
    assert_eq!(res.status(), StatusCode::RANGE_NOT_SATISFIABLE);
    assert_eq!(res.headers()["content-range"], format!("bytes */{}", png.len()).as_str());
    let res = get(&app, &format!("/api/v1/files/{small_id}/content"), Some(&rep), Some("bytes=x")).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = app.req(Method::GET, &format!("/api/v1/files/{big_id}/content"), Some(&rep)).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);

    // A picture inline, under its policy; through a signed link too.
    let res = get(&app, &format!("/api/v1/files/{small_id}/content?inline=true"), Some(&rep), None).await;
    assert_eq!(res.headers()["content-type"], "image/png");
    assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("inline"));
    assert!(res.headers()["content-security-policy"].to_str().unwrap().contains("sandbox"));
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    let (s, link) = app.post(&format!("/api/v1/files/{small_id}/link"), &rep, json!({})).await;
    assert_eq!(s, StatusCode::OK, "{link}");
    let res = app.http.get(format!("{}{}", app.base, link["url"].as_str().unwrap())).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.bytes().await.unwrap().as_ref(), png.as_slice());

    // Scope holds as on the disk.
    assert_eq!(get(&app, &format!("/api/v1/files/{small_id}/content"), Some(&other), None).await.status(), StatusCode::NOT_FOUND);

    // Refused uploads put nothing in the bucket.
    let (s, _) = upload(&app, &rep, "empty.txt", Vec::new()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, b) = app.call(Method::PUT, "/api/v1/settings/drive", &app.admin, Some(json!({"user_quota_bytes": 21 * 1024 * 1024, "company_quota_bytes": 1i64 << 40, "max_file_bytes": 1i64 << 31}))).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let (s, b) = upload(&app, &rep, "more.bin", noise(2 * 1024 * 1024)).await;
    assert_eq!((s, b["code"].as_str()), (StatusCode::PAYLOAD_TOO_LARGE, Some("drive.quota_exceeded")));
    assert_eq!(s3.keys().await.len(), 2);
    assert!(walk(&dir).is_empty(), "a refused upload left {:?}", walk(&dir));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every file under `dir`.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries.flatten().flat_map(|e| if e.path().is_dir() { walk(&e.path()) } else { vec![e.path()] }).collect()
}

mod files_kept_in_s3_go_up_and_come_back {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        journey(DbKind::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        journey(DbKind::Postgres).await;
    }
}
