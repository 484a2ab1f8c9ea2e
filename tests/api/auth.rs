//! Every authentication path: login, lockout, refresh rotation and reuse, logout, expired
//! and forged tokens, API tokens with scopes and revocation, password change.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::{split, ADMIN_PASSWORD, PASSWORD};

dual_test!(login_by_username_or_email_returns_a_pair, |app| {
    let pair = app.login_pair("admin", ADMIN_PASSWORD).await;
    assert_eq!(pair["token_type"], "Bearer");
    assert_eq!(pair["expires_in"], 900);
    assert!(pair["refresh_token"].as_str().unwrap().len() > 30);
    assert_eq!(pair["user"]["username"], "admin");
    assert!(pair["user"].get("password_hash").is_none());
    let (s, _) = app.post("/api/v1/users", &app.admin, json!({"username": "li.si", "display_name": "李四", "email": "Li.Si@Example.com", "password": PASSWORD})).await;
    assert_eq!(s, StatusCode::CREATED);
    let by_mail = app.login_pair("li.si@example.com", PASSWORD).await;
    assert_eq!(by_mail["user"]["username"], "li.si");
    let (s, me) = app.get("/api/v1/me", by_mail["access_token"].as_str().unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(me["data_scope"], "self");
    assert!(me["permissions"].as_array().unwrap().is_empty());
    assert!(me["last_login_at"].is_string());
});

dual_test!(wrong_password_and_unknown_user_get_the_same_answer, |app| {
    let (s1, b1) = split(app.try_login("admin", "wrong-password").await).await;
    let (s2, b2) = split(app.try_login("nobody", "wrong-password").await).await;
    assert_eq!(s1, StatusCode::UNAUTHORIZED);
    assert_eq!(s2, StatusCode::UNAUTHORIZED);
    assert_eq!(b1["code"], b2["code"]);
    assert_eq!(b1["detail"], b2["detail"]);
});

dual_test!(five_failures_lock_the_account_with_retry_after, |app| {
    for i in 0..4 {
        let res = app.try_login("admin", "wrong-password").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    let fifth = app.try_login("admin", "wrong-password").await;
    assert_eq!(fifth.status(), StatusCode::TOO_MANY_REQUESTS);
    // Even the right password is refused while locked, and the caller is told how long.
    let res = app.try_login("admin", ADMIN_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(retry > 800 && retry <= 900, "retry-after {retry}");
    let (_, body) = split(res).await;
    assert_eq!(body["code"], "auth.locked");
    // An administrator's reset clears the lock.
    let pw = crm_persistence::system::bootstrap::reset_password(&app.db, "admin", Some("New-admin-pass-1".into())).await.unwrap();
    assert_eq!(app.try_login("admin", &pw).await.status(), StatusCode::OK);
});

dual_test!(refresh_rotates_and_reuse_revokes_the_family, |app| {
    let pair = app.login_pair("admin", ADMIN_PASSWORD).await;
    let r1 = pair["refresh_token"].as_str().unwrap().to_string();
    let res = app.req(Method::POST, "/api/v1/auth/refresh", None).json(&json!({"refresh_token": r1})).send().await.unwrap();
    let (s, p2) = split(res).await;
    assert_eq!(s, StatusCode::OK);
    let r2 = p2["refresh_token"].as_str().unwrap().to_string();
    assert_ne!(r1, r2);
    let (s, _) = app.get("/api/v1/me", p2["access_token"].as_str().unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    // Reusing the spent token is refused and kills its successor too.
    let (s, b) = split(app.req(Method::POST, "/api/v1/auth/refresh", None).json(&json!({"refresh_token": r1})).send().await.unwrap()).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(b["code"], "auth.refresh_token_reused");
    let (s, _) = split(app.req(Method::POST, "/api/v1/auth/refresh", None).json(&json!({"refresh_token": r2})).send().await.unwrap()).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
});

dual_test!(parallel_refreshes_of_one_token_yield_one_pair, |app| {
    let pair = app.login_pair("admin", ADMIN_PASSWORD).await;
    let r = pair["refresh_token"].as_str().unwrap().to_string();
    let mut handles = Vec::new();
    for _ in 0..6 {
        let req = app.req(Method::POST, "/api/v1/auth/refresh", None).json(&json!({"refresh_token": r}));
        handles.push(tokio::spawn(async move { req.send().await.unwrap().status() }));
    }
    let mut ok = 0;
    for h in handles {
        if h.await.unwrap() == StatusCode::OK {
            ok += 1;
        }
    }
    assert!(ok <= 1, "{ok} parallel refreshes succeeded");
});

dual_test!(logout_revokes_the_refresh_token, |app| {
    let pair = app.login_pair("admin", ADMIN_PASSWORD).await;
    let r = pair["refresh_token"].as_str().unwrap();
    let res = app.req(Method::POST, "/api/v1/auth/logout", None).json(&json!({"refresh_token": r})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = app.req(Method::POST, "/api/v1/auth/refresh", None).json(&json!({"refresh_token": r})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
});

dual_test!(missing_expired_and_forged_tokens_are_401, |app| {
    let (s, b) = split(app.req(Method::GET, "/api/v1/me", None).send().await.unwrap()).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(b["code"], "auth.missing_token");
    // Signed with another secret.
    use jsonwebtoken::{encode, EncodingKey, Header};
    let now = chrono::Utc::now().timestamp();
    let pair = app.login_pair("admin", ADMIN_PASSWORD).await;
    let sub = pair["user"]["id"].as_str().unwrap();
    let forged = encode(&Header::default(), &json!({"sub": sub, "iat": now, "exp": now + 600, "typ": "access"}), &EncodingKey::from_secret(b"not-the-server-secret")).unwrap();
    let (s, b) = app.get("/api/v1/me", &forged).await;
    assert_eq!((s, b["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("auth.invalid_token")));
    // Right secret, but expired.
    let secret = b"test-secret-test-secret-test-secret-0123456789";
    let expired = encode(&Header::default(), &json!({"sub": sub, "iat": now - 1000, "exp": now - 100, "typ": "access"}), &EncodingKey::from_secret(secret)).unwrap();
    let (s, b) = app.get("/api/v1/me", &expired).await;
    assert_eq!((s, b["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("auth.token_expired")));
    let (s, _) = app.get("/api/v1/me", "garbage").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = app.get("/api/v1/me", "crm_notarealtoken").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
});

dual_test!(api_tokens_are_scoped_shown_once_and_revocable, |app| {
    let (s, t) = app.post("/api/v1/api-tokens", &app.admin, json!({"name": "import script", "scopes": ["users:read"]})).await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    let secret = t["token"].as_str().unwrap().to_string();
    assert!(secret.starts_with("crm_"));
    let id = t["id"].as_str().unwrap().to_string();
    // Listed without the secret.
    let (_, list) = app.get("/api/v1/api-tokens", &app.admin).await;
    assert_eq!(list["total"], 1);
    assert!(list["items"][0].get("token").is_none());
    assert!(!list.to_string().contains(&secret));
    // In scope: allowed. Out of scope (though admin holds it): 403.
    let (s, _) = app.get("/api/v1/users", &secret).await;
    assert_eq!(s, StatusCode::OK);
    let (s, b) = app.get("/api/v1/roles", &secret).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(b["detail"].as_str().unwrap().contains("roles:read"));
    let (s, me) = app.get("/api/v1/me", &secret).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(me["permissions"], json!(["users:read"]));
    // Revoked: refused at once.
    let (s, _) = app.delete(&format!("/api/v1/api-tokens/{id}"), &app.admin).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = app.get("/api/v1/users", &secret).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
});

dual_test!(api_token_rules, |app| {
    let (_, rep) = app.user_with_role("rep1", "sales_rep", json!({})).await;
    // A token cannot widen its owner's rights, name unknown scopes, or expire in the past.
    let (s, b) = app.post("/api/v1/api-tokens", &rep, json!({"name": "x", "scopes": ["users:read"]})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b["errors"][0]["code"], "not_held");
    let (s, _) = app.post("/api/v1/api-tokens", &rep, json!({"name": "x", "scopes": ["customers:fly"]})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, _) = app.post("/api/v1/api-tokens", &rep, json!({"name": "x", "scopes": ["customers:read"], "expires_at": "2001-01-01T00:00:00Z"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    // Someone else's token is not found.
    let (_, t) = app.post("/api/v1/api-tokens", &app.admin, json!({"name": "a", "scopes": ["users:read"]})).await;
    let (s, _) = app.get(&format!("/api/v1/api-tokens/{}", t["id"].as_str().unwrap()), &rep).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app.delete(&format!("/api/v1/api-tokens/{}", t["id"].as_str().unwrap()), &rep).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
});

dual_test!(expired_api_token_is_refused, |app| {
    let soon = (chrono::Utc::now() + chrono::Duration::seconds(2)).to_rfc3339();
    let (s, t) = app.post("/api/v1/api-tokens", &app.admin, json!({"name": "short", "scopes": ["users:read"], "expires_at": soon})).await;
    assert_eq!(s, StatusCode::CREATED);
    let secret = t["token"].as_str().unwrap();
    assert_eq!(app.get("/api/v1/users", secret).await.0, StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert_eq!(app.get("/api/v1/users", secret).await.0, StatusCode::UNAUTHORIZED);
});

dual_test!(password_change, |app| {
    let (_, rep) = app.user_with_role("rep2", "sales_rep", json!({})).await;
    let (s, b) = app.post("/api/v1/me/password", &rep, json!({"current_password": "wrong-one-1", "new_password": "Brand-new-pass"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b["errors"][0]["field"], "current_password");
    let (s, b) = app.post("/api/v1/me/password", &rep, json!({"current_password": PASSWORD, "new_password": "short"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b["errors"][0]["field"], "new_password");
    let (s, _) = app.post("/api/v1/me/password", &rep, json!({"current_password": PASSWORD, "new_password": "Brand-new-pass"})).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(app.try_login("rep2", PASSWORD).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.try_login("rep2", "Brand-new-pass").await.status(), StatusCode::OK);
});

dual_test!(disabled_user_cannot_sign_in_or_use_tokens, |app| {
    let (id, token) = app.user_with_role("rep3", "sales_rep", json!({})).await;
    let (s, _) = app.patch(&format!("/api/v1/users/{id}"), &app.admin, json!({"enabled": false})).await;
    assert_eq!(s, StatusCode::OK);
    let (s, b) = split(app.try_login("rep3", PASSWORD).await).await;
    assert_eq!((s, b["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("auth.disabled")));
    let (s, _) = app.get("/api/v1/me", &token).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
});
