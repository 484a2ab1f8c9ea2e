//! The drive and attachments: upload and download (Range, ETag, names), who sees what
//! (spaces, record scope, shares, signed links), quotas under parallel uploads, and bad
//! input that must leave nothing behind.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use reqwest::multipart::{Form, Part};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::{split, TestApp};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

fn form(fields: &[(&str, &str)], name: &str, content: Vec<u8>) -> Form {
    let mut f = Form::new();
    for (k, v) in fields {
        f = f.text(k.to_string(), v.to_string());
    }
    f.part("file", Part::bytes(content).file_name(name.to_string()))
}

async fn upload(app: &TestApp, token: &str, fields: &[(&str, &str)], name: &str, content: Vec<u8>) -> (StatusCode, Value) {
    split(app.req(Method::POST, "/api/v1/files", Some(token)).multipart(form(fields, name, content)).send().await.unwrap()).await
}

async fn download(app: &TestApp, path: &str, token: Option<&str>, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut r = app.req(Method::GET, path, token);
    for (k, v) in headers {
        r = r.header(*k, *v);
    }
    r.send().await.unwrap()
}

async fn count_files(app: &TestApp, token: &str, query: &str) -> u64 {
    let (s, page) = app.get(&format!("/api/v1/files?{query}"), token).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    page["total"].as_u64().unwrap()
}

dual_test!(a_file_goes_up_and_comes_back_as_it_was, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (_, other) = app.user_with_role("other", "sales_rep", json!({})).await;
    let (s, f) = upload(&app, &rep, &[], "客户照片 \"1\".png", PNG.to_vec()).await;
    assert_eq!(s, StatusCode::CREATED, "{f}");
    assert_eq!(f["mime"], "image/png");
    assert_eq!(f["previewable"], true);
    assert_eq!(f["space"], "personal");
    assert_eq!(f["size"], PNG.len());
    assert_eq!(f["uploaded_by_name"], "rep");
    let id = f["id"].as_str().unwrap();
    let res = download(&app, &format!("/api/v1/files/{id}/content"), Some(&rep), &[]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    assert_eq!(etag, format!("\"{}\"", f["sha256"].as_str().unwrap()));
    let cd = res.headers()["content-disposition"].to_str().unwrap().to_string();
    assert!(cd.starts_with("attachment") && cd.contains("filename*=UTF-8''%E5%AE%A2"), "{cd}");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert!(res.headers()["content-security-policy"].to_str().unwrap().contains("sandbox"));
    assert_eq!(res.bytes().await.unwrap().as_ref(), PNG);
    // A range, and the unchanged content.
    let res = download(&app, &format!("/api/v1/files/{id}/content"), Some(&rep), &[("range", "bytes=1-3")]).await;
    assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"PNG");
    let res = download(&app, &format!("/api/v1/files/{id}/content"), Some(&rep), &[("if-none-match", &etag)]).await;
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);
    // Inline for a picture.
    let res = download(&app, &format!("/api/v1/files/{id}/content?inline=true"), Some(&rep), &[]).await;
    assert_eq!(res.headers()["content-type"], "image/png");
    assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("inline"));
    // Someone else's personal space is not there for them.
    assert_eq!(app.get(&format!("/api/v1/files/{id}"), &other).await.0, StatusCode::NOT_FOUND);
    assert_eq!(download(&app, &format!("/api/v1/files/{id}/content"), Some(&other), &[]).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(count_files(&app, &other, "space=personal").await, 0);
    assert_eq!(count_files(&app, &rep, "folder_id=root&space=personal").await, 1);
    // Rename, with the name rules.
    let (s, b) = app.patch(&format!("/api/v1/files/{id}"), &rep, json!({"name": "../../etc/passwd"})).await;
    assert_eq!((s, b["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("name")));
    let (s, b) = app.patch(&format!("/api/v1/files/{id}"), &rep, json!({"name": "门店.png"})).await;
    assert_eq!((s, b["name"].as_str()), (StatusCode::OK, Some("门店.png")));
    // The quota counts it, and stops counting it in the recycle bin.
    let (_, q) = app.get("/api/v1/drive/quota", &rep).await;
    assert_eq!(q["user"]["used"], PNG.len());
    assert_eq!(app.delete(&format!("/api/v1/files/{id}"), &rep).await.0, StatusCode::NO_CONTENT);
    let (_, q) = app.get("/api/v1/drive/quota", &rep).await;
    assert_eq!(q["user"]["used"], 0);
    assert_eq!(app.get(&format!("/api/v1/files/{id}"), &rep).await.0, StatusCode::NOT_FOUND);
    let (s, _) = app.post(&format!("/api/v1/recycle-bin/files/{id}/restore"), &app.admin, json!({})).await;
    assert!(s.is_success(), "{s}");
    let (_, q) = app.get("/api/v1/drive/quota", &rep).await;
    assert_eq!(q["user"]["used"], PNG.len());
});

dual_test!(what_a_browser_must_not_run_is_never_shown_inline, |app| {
    for (name, content) in [("x.html", "<!DOCTYPE html><script>alert(1)</script>"), ("x.svg", "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>")] {
        let (s, f) = upload(&app, &app.admin, &[], name, content.as_bytes().to_vec()).await;
        assert_eq!(s, StatusCode::CREATED, "{f}");
        assert_eq!(f["previewable"], false);
        let res = download(&app, &format!("/api/v1/files/{}/content?inline=true", f["id"].as_str().unwrap()), Some(&app.admin), &[]).await;
        assert_eq!(res.headers()["content-type"], "application/octet-stream");
        assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
        assert!(res.headers()["content-security-policy"].to_str().unwrap().contains("sandbox"));
    }
});

dual_test!(bad_uploads_leave_nothing_behind, |app| {
    let (s, b) = app.call(Method::PUT, "/api/v1/settings/drive", &app.admin, Some(json!({"user_quota_bytes": 100000, "company_quota_bytes": 1000000, "max_file_bytes": 1000}))).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let (s, b) = upload(&app, &app.admin, &[], "big.bin", vec![7u8; 5000]).await;
    assert_eq!((s, b["code"].as_str()), (StatusCode::PAYLOAD_TOO_LARGE, Some("file.too_large")));
    let (s, b) = upload(&app, &app.admin, &[], "empty.txt", Vec::new()).await;
    assert_eq!((s, b["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("file")));
    let (s, b) = upload(&app, &app.admin, &[], "../x.txt", b"x".to_vec()).await;
    assert_eq!((s, b["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("name")));
    let (s, _) = upload(&app, &app.admin, &[], &"名".repeat(86), b"x".to_vec()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, b) = upload(&app, &app.admin, &[("space", "moon")], "a.txt", b"x".to_vec()).await;
    assert_eq!((s, b["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("space")));
    let (s, b) = upload(&app, &app.admin, &[("record_type", "customer")], "a.txt", b"x".to_vec()).await;
    assert_eq!((s, b["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("record_id")));
    let (s, _) = split(app.req(Method::POST, "/api/v1/files", Some(&app.admin)).multipart(Form::new().text("name", "a")).send().await.unwrap()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, _) = app.post("/api/v1/files", &app.admin, json!({"file": "x"})).await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(count_files(&app, &app.admin, "").await, 0);
    let (_, q) = app.get("/api/v1/drive/quota", &app.admin).await;
    assert_eq!((q["user"]["used"].as_i64(), q["company"]["used"].as_i64()), (Some(0), Some(0)));
});

dual_test!(two_parallel_uploads_cannot_both_pass_a_quota_with_room_for_one, |app| {
    let (s, _) = app.call(Method::PUT, "/api/v1/settings/drive", &app.admin, Some(json!({"user_quota_bytes": 1500, "company_quota_bytes": 1000000, "max_file_bytes": 1000}))).await;
    assert_eq!(s, StatusCode::OK);
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (a, b) = tokio::join!(upload(&app, &rep, &[], "a.bin", vec![1u8; 1000]), upload(&app, &rep, &[], "b.bin", vec![2u8; 1000]));
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::CREATED, StatusCode::PAYLOAD_TOO_LARGE], "{a:?} {b:?}");
    let (_, q) = app.get("/api/v1/drive/quota", &rep).await;
    assert_eq!(q["user"]["used"], 1000);
    assert_eq!(count_files(&app, &rep, "").await, 1);
    // Over the quota before a byte is read.
    let (s, b) = upload(&app, &rep, &[], "c.bin", vec![3u8; 600]).await;
    assert_eq!((s, b["code"].as_str()), (StatusCode::PAYLOAD_TOO_LARGE, Some("drive.quota_exceeded")));
});

dual_test!(attachments_are_read_by_whoever_reads_their_record, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (_, other) = app.user_with_role("other", "sales_rep", json!({})).await;
    let (s, c) = app.post("/api/v1/customers", &rep, json!({"name": "附件客户"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let cid = c["id"].as_str().unwrap();
    let (s, f) = upload(&app, &rep, &[("record_type", "customer"), ("record_id", cid)], "合同扫描.pdf", b"%PDF-1.7\n%test\n".to_vec()).await;
    assert_eq!(s, StatusCode::CREATED, "{f}");
    assert_eq!((f["record_type"].as_str(), f["space"].as_str(), f["mime"].as_str()), (Some("customer"), None, Some("application/pdf")));
    let fid = f["id"].as_str().unwrap();
    assert_eq!(count_files(&app, &rep, &format!("record_type=customer&record_id={cid}")).await, 1);
    // Out of the other rep's scope: neither the file nor a way to attach to the record.
    assert_eq!(count_files(&app, &other, &format!("record_type=customer&record_id={cid}")).await, 0);
    assert_eq!(download(&app, &format!("/api/v1/files/{fid}/content"), Some(&other), &[]).await.status(), StatusCode::NOT_FOUND);
    let (s, b) = upload(&app, &other, &[("record_type", "customer"), ("record_id", cid)], "x.txt", b"x".to_vec()).await;
    assert_eq!((s, b["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("record_id")));
    // A read-only collaborator reads it but cannot add.
    let other_id = app.get("/api/v1/me", &other).await.1["id"].as_str().unwrap().to_string();
    let (s, b) = app.call(Method::PUT, &format!("/api/v1/customers/{cid}/collaborators"), &rep, Some(json!({"items": [{"user_id": other_id, "access": "read"}]}))).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(count_files(&app, &other, &format!("record_type=customer&record_id={cid}")).await, 1);
    let (s, b) = upload(&app, &other, &[("record_type", "customer"), ("record_id", cid)], "x.txt", b"x".to_vec()).await;
    assert_eq!((s, b["code"].as_str()), (StatusCode::FORBIDDEN, Some("drive.read_only")));
    // An attachment stays on its record.
    let (s, b) = app.patch(&format!("/api/v1/files/{fid}"), &rep, json!({"folder_id": null})).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let (s, f2) = app.post("/api/v1/folders", &rep, json!({"name": "x"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, b) = app.patch(&format!("/api/v1/files/{fid}"), &rep, json!({"folder_id": f2["id"]})).await;
    assert_eq!((s, b["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("attached")));
    // Follow-ups take attachments too.
    let (s, fu) = app.post("/api/v1/follow-ups", &rep, json!({"customer_id": cid, "kind": "visit", "content": "拜访", "occurred_at": "2026-12-01T02:00:00Z"})).await;
    assert_eq!(s, StatusCode::CREATED, "{fu}");
    let (s, _) = upload(&app, &rep, &[("record_type", "follow_up"), ("record_id", fu["id"].as_str().unwrap())], "现场.png", PNG.to_vec()).await;
    assert_eq!(s, StatusCode::CREATED);
    // The 360 page's Files tab: the customer's own and its follow-ups' attachments.
    assert_eq!(count_files(&app, &rep, &format!("customer_id={cid}")).await, 2);
    assert_eq!(count_files(&app, &other, &format!("customer_id={cid}")).await, 2);
    let (s, _) = app.get("/api/v1/files?customer_id=nope", &rep).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
});

dual_test!(shares_and_signed_links_open_a_file_to_others, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (other_id, other) = app.user_with_role("other", "sales_rep", json!({})).await;
    let (s, folder) = app.post("/api/v1/folders", &rep, json!({"name": "方案"})).await;
    assert_eq!(s, StatusCode::CREATED, "{folder}");
    let folder_id = folder["id"].as_str().unwrap();
    let (s, sub) = app.post("/api/v1/folders", &rep, json!({"name": "2026", "parent_id": folder_id})).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(sub["ancestors"][0]["name"], "方案");
    let sub_id = sub["id"].as_str().unwrap();
    let (s, f) = upload(&app, &rep, &[("folder_id", sub_id)], "方案.txt", "第一版".as_bytes().to_vec()).await;
    assert_eq!(s, StatusCode::CREATED, "{f}");
    let fid = f["id"].as_str().unwrap();
    // Not the other rep's until shared; then readable deep inside, not changeable.
    assert_eq!(app.get(&format!("/api/v1/files/{fid}"), &other).await.0, StatusCode::NOT_FOUND);
    let (s, b) = app.call(Method::PUT, &format!("/api/v1/folders/{folder_id}/shares"), &rep, Some(json!({"shares": [{"principal_type": "user", "principal_id": other_id, "access": "read"}]}))).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["items"][0]["principal_name"], "other");
    let (_, inbox) = app.get("/api/v1/notifications", &other).await;
    assert_eq!((inbox["items"][0]["kind"].as_str(), inbox["items"][0]["record_label"].as_str()), (Some("drive.shared"), Some("方案")), "{inbox}");
    assert_eq!(app.get(&format!("/api/v1/files/{fid}"), &other).await.0, StatusCode::OK);
    assert_eq!(count_files(&app, &other, "shared=true").await, 1);
    assert_eq!(app.patch(&format!("/api/v1/files/{fid}"), &other, json!({"name": "y.txt"})).await.0, StatusCode::NOT_FOUND);
    let (s, b) = upload(&app, &other, &[("folder_id", sub_id)], "mine.txt", b"x".to_vec()).await;
    assert_eq!((s, b["code"].as_str()), (StatusCode::FORBIDDEN, Some("drive.read_only")));
    let (s, b) = app.call(Method::PUT, &format!("/api/v1/files/{fid}/shares"), &other, Some(json!({"shares": []}))).await;
    assert_eq!((s, b["code"].as_str()), (StatusCode::FORBIDDEN, Some("drive.read_only")));
    // With edit, they add and rename.
    let (s, _) = app.call(Method::PUT, &format!("/api/v1/folders/{folder_id}/shares"), &rep, Some(json!({"shares": [{"principal_type": "user", "principal_id": other_id, "access": "edit"}]}))).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(upload(&app, &other, &[("folder_id", sub_id)], "mine.txt", b"x".to_vec()).await.0, StatusCode::CREATED);
    assert_eq!(app.patch(&format!("/api/v1/files/{fid}"), &other, json!({"name": "方案-改.txt"})).await.0, StatusCode::OK);
    // Unknown people are refused.
    let (s, _) = app.call(Method::PUT, &format!("/api/v1/files/{fid}/shares"), &rep, Some(json!({"shares": [{"principal_type": "user", "principal_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "access": "read"}]}))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    // A signed link works without credentials, exactly as signed.
    let (s, link) = app.post(&format!("/api/v1/files/{fid}/link"), &rep, json!({})).await;
    assert_eq!(s, StatusCode::OK, "{link}");
    let url = link["url"].as_str().unwrap();
    let res = download(&app, url, None, &[]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.text().await.unwrap(), "第一版");
    assert_eq!(download(&app, &url.replace("inline=false", "inline=true"), None, &[]).await.status(), StatusCode::NOT_FOUND);
    let flipped = if url.ends_with('0') { '1' } else { '0' };
    let tampered = format!("{}{flipped}", &url[..url.len() - 1]);
    assert_eq!(download(&app, &tampered, None, &[]).await.status(), StatusCode::NOT_FOUND);
    // Folders: no cycles, no deleting a full one.
    let (s, b) = app.patch(&format!("/api/v1/folders/{folder_id}"), &rep, json!({"folder_id": sub_id})).await;
    assert_eq!((s, b["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("cycle")));
    let (s, b) = app.delete(&format!("/api/v1/folders/{folder_id}"), &rep).await;
    assert_eq!((s, b["code"].as_str()), (StatusCode::CONFLICT, Some("folder.not_empty")));
    // Moving a folder carries what is inside (and its share) along.
    let (s, top) = app.post("/api/v1/folders", &rep, json!({"name": "归档"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, moved) = app.patch(&format!("/api/v1/folders/{sub_id}"), &rep, json!({"folder_id": top["id"]})).await;
    assert_eq!(s, StatusCode::OK, "{moved}");
    assert_eq!(moved["ancestors"][0]["name"], "归档");
    assert_eq!(app.get(&format!("/api/v1/files/{fid}"), &other).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/api/v1/files/{fid}"), &rep).await.0, StatusCode::OK);
    // The company space is kept by those who manage the drive.
    let (s, b) = app.post("/api/v1/folders", &rep, json!({"name": "制度", "space": "company"})).await;
    assert_eq!((s, b["code"].as_str()), (StatusCode::FORBIDDEN, Some("drive.read_only")));
    let (s, company) = app.post("/api/v1/folders", &app.admin, json!({"name": "制度", "space": "company"})).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(app.get(&format!("/api/v1/folders/{}", company["id"].as_str().unwrap()), &rep).await.0, StatusCode::OK);
});

dual_test!(people_bring_back_what_they_deleted_from_the_drive, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (_, other) = app.user_with_role("other", "sales_rep", json!({})).await;
    let (_, folder) = app.post("/api/v1/folders", &rep, json!({"name": "旧方案"})).await;
    let folder_id = folder["id"].as_str().unwrap();
    let (s, f) = upload(&app, &rep, &[("folder_id", folder_id)], "方案.txt", b"v1".to_vec()).await;
    assert_eq!(s, StatusCode::CREATED);
    let fid = f["id"].as_str().unwrap();
    assert_eq!(app.delete(&format!("/api/v1/files/{fid}"), &rep).await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.delete(&format!("/api/v1/folders/{folder_id}"), &rep).await.0, StatusCode::NO_CONTENT);
    let (s, trash) = app.get("/api/v1/drive/trash", &rep).await;
    assert_eq!(s, StatusCode::OK, "{trash}");
    let kinds: Vec<&str> = trash["items"].as_array().unwrap().iter().map(|i| i["kind"].as_str().unwrap()).collect();
    assert_eq!((trash["total"].as_u64(), kinds), (Some(2), vec!["folder", "file"]));
    assert_eq!(app.get("/api/v1/drive/trash", &other).await.1["total"], 0);
    assert_eq!(app.get("/api/v1/drive/trash?q=x", &rep).await.0, StatusCode::BAD_REQUEST);
    // Only the one who deleted it; the file comes back to the top, its folder being gone.
    assert_eq!(app.post(&format!("/api/v1/files/{fid}/restore"), &other, json!({})).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.post(&format!("/api/v1/files/{fid}/restore"), &rep, json!({})).await.0, StatusCode::NO_CONTENT);
    let (_, back) = app.get(&format!("/api/v1/files/{fid}"), &rep).await;
    assert_eq!((back["folder_id"].as_str(), back["space"].as_str()), (None, Some("personal")));
    assert_eq!(count_files(&app, &rep, "folder_id=root&space=personal").await, 1);
    let (_, q) = app.get("/api/v1/drive/quota", &rep).await;
    assert_eq!(q["user"]["used"], 2);
    assert_eq!(app.post(&format!("/api/v1/files/{fid}/restore"), &rep, json!({})).await.0, StatusCode::NOT_FOUND, "not deleted now");
    assert_eq!(app.post(&format!("/api/v1/folders/{folder_id}/restore"), &rep, json!({})).await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.get(&format!("/api/v1/folders/{folder_id}"), &rep).await.0, StatusCode::OK);
    assert_eq!(app.get("/api/v1/drive/trash", &rep).await.1["total"], 0);
});
