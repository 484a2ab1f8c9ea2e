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

/// The `crm_device` cookie a successful sign-in sets, as a Cookie header value.
pub fn device_cookie(res: &reqwest::Response) -> String {
    res.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap()).find(|c| c.starts_with("crm_device=")).unwrap().split(';').next().unwrap().to_string()
}

async fn login_with_cookie(app: &crate::support::TestApp, username: &str, password: &str, cookie: &str) -> reqwest::Response {
    app.req(Method::POST, "/api/v1/auth/login", None).header("cookie", cookie).json(&json!({"username": username, "password": password})).send().await.unwrap()
}

// Five failures lock a name for 30 s (doubling with each lock) whether or not it
// exists, so the lock tells nothing; the right password is refused too, except from a
// browser that signed in with that name before.
dual_test!(five_failures_lock_the_name_but_not_its_known_devices, |app| {
    let known = app.try_login("admin", ADMIN_PASSWORD).await;
    assert_eq!(known.status(), StatusCode::OK);
    let device = device_cookie(&known);
    for name in ["admin", "nobody-at-all"] {
        for i in 0..4 {
            let (s, b) = split(app.try_login(name, "wrong-password").await).await;
            assert_eq!((s, b["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("auth.invalid_credentials")), "{name} attempt {i}");
        }
        let fifth = app.try_login(name, "wrong-password").await;
        assert_eq!(fifth.status(), StatusCode::TOO_MANY_REQUESTS, "{name}");
        let retry: u64 = fifth.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((29..=30).contains(&retry), "{name}: retry-after {retry}");
        let (_, body) = split(fifth).await;
        assert_eq!(body["code"], "auth.locked");
    }
    // Even the right password is refused while locked, from an unknown client...
    let res = app.try_login("admin", ADMIN_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let (_, locked_known) = split(res).await;
    let (_, locked_unknown) = split(app.try_login("nobody-at-all", "x").await).await;
    assert_eq!(locked_known["detail"], locked_unknown["detail"], "a locked name says nothing about whether it exists");
    // ...but a browser that signed in with the name before gets in.
    let res = login_with_cookie(&app, "admin", ADMIN_PASSWORD, &device).await;
    assert_eq!(res.status(), StatusCode::OK, "the owner's known device is not locked out");
    // A device cookie of another name, or a forged one, proves nothing.
    let forged = format!("crm_device={}.{}", uuid::Uuid::now_v7(), "00".repeat(32));
    assert_eq!(login_with_cookie(&app, "admin", ADMIN_PASSWORD, &forged).await.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(login_with_cookie(&app, "nobody-at-all", "x", &device).await.status(), StatusCode::TOO_MANY_REQUESTS);
    // The known device has failures of its own: five lock it, not the name's other devices.
    for _ in 0..5 {
        login_with_cookie(&app, "admin", "wrong-password", &device).await;
    }
    assert_eq!(login_with_cookie(&app, "admin", ADMIN_PASSWORD, &device).await.status(), StatusCode::TOO_MANY_REQUESTS);
    // An administrator's reset clears the name's lock.
    let pw = crm_persistence::system::bootstrap::reset_password(&app.db, "admin", Some("New-admin-pass-1".into())).await.unwrap();
    assert_eq!(app.try_login("admin", &pw).await.status(), StatusCode::OK);
});

// Failed sign-ins from one address back off after ten (30 s, doubling), whatever names
// they try, and are answered without a password check; other addresses and known
// browsers are not held up.
dual_test!(an_address_that_keeps_failing_backs_off, |app| {
    let known = app.try_login("admin", ADMIN_PASSWORD).await;
    let device = device_cookie(&known);
    for i in 0..10 {
        let s = app.try_login(&format!("guess{i}"), "wrong-password").await.status();
        assert_eq!(s, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    let (s, b) = split(app.try_login("guess-more", "wrong-password").await).await;
    assert_eq!((s, b["code"].as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("auth.throttled")));
    let t = std::time::Instant::now();
    for _ in 0..50 {
        assert_eq!(app.try_login("admin", "wrong").await.status(), StatusCode::TOO_MANY_REQUESTS);
    }
    assert!(t.elapsed() < std::time::Duration::from_secs(2), "refusals must not hash passwords: {:?}", t.elapsed());
    assert_eq!(login_with_cookie(&app, "admin", ADMIN_PASSWORD, &device).await.status(), StatusCode::OK);
});

// A disabled account answers like a wrong password, whatever password is sent.
dual_test!(disabled_user_cannot_sign_in_or_use_tokens, |app| {
    let (id, token) = app.user_with_role("rep3", "sales_rep", json!({})).await;
    let (s, _) = app.patch(&format!("/api/v1/users/{id}"), &app.admin, json!({"enabled": false})).await;
    assert_eq!(s, StatusCode::OK);
    let (s, right) = split(app.try_login("rep3", PASSWORD).await).await;
    let (_, wrong) = split(app.try_login("rep3", "wrong-password").await).await;
    assert_eq!((s, right["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("auth.invalid_credentials")));
    assert_eq!(right["detail"], wrong["detail"]);
    let (s, _) = app.get("/api/v1/me", &token).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
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
    let forged = encode(&Header::default(), &json!({"sub": sub, "sid": uuid::Uuid::now_v7(), "iat": now, "exp": now + 600, "typ": "access"}), &EncodingKey::from_secret(b"not-the-server-secret")).unwrap();
    let (s, b) = app.get("/api/v1/me", &forged).await;
    assert_eq!((s, b["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("auth.invalid_token")));
    // Right secret, but expired.
    let secret = b"test-secret-test-secret-test-secret-0123456789";
    let expired = encode(&Header::default(), &json!({"sub": sub, "sid": uuid::Uuid::now_v7(), "iat": now - 1000, "exp": now - 100, "typ": "access"}), &EncodingKey::from_secret(secret)).unwrap();
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


// A session ends at once: its access token stops working at logout, whichever way the
// session is named, not when the token expires.
dual_test!(logout_ends_the_access_token_at_once, |app| {
    let pair = app.login_pair("admin", ADMIN_PASSWORD).await;
    let access = pair["access_token"].as_str().unwrap();
    assert_eq!(app.get("/api/v1/me", access).await.0, StatusCode::OK);
    let res = app.req(Method::POST, "/api/v1/auth/logout", None).json(&json!({"refresh_token": pair["refresh_token"]})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let (s, b) = app.get("/api/v1/me", access).await;
    assert_eq!((s, b["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("auth.session_ended")));
    // By the access token alone.
    let pair = app.login_pair("admin", ADMIN_PASSWORD).await;
    let access = pair["access_token"].as_str().unwrap();
    assert_eq!(app.req(Method::POST, "/api/v1/auth/logout", Some(access)).send().await.unwrap().status(), StatusCode::NO_CONTENT);
    assert_eq!(app.get("/api/v1/me", access).await.0, StatusCode::UNAUTHORIZED);
    let res = app.req(Method::POST, "/api/v1/auth/refresh", None).json(&json!({"refresh_token": pair["refresh_token"]})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "the session's refresh token ended with it");
});

// A password change ends the user's other sessions at once and keeps the one making it;
// API tokens go too when asked.
dual_test!(a_password_change_ends_the_other_sessions, |app| {
    let (_, here) = app.user_with_role("pw.user", "sales_rep", json!({})).await;
    let elsewhere = app.login_pair("pw.user", PASSWORD).await;
    let elsewhere = elsewhere["access_token"].as_str().unwrap();
    let (s, t) = app.post("/api/v1/api-tokens", &here, json!({"name": "script", "scopes": ["customers:read"]})).await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    let script = t["token"].as_str().unwrap();
    assert_eq!(app.get("/api/v1/me", elsewhere).await.0, StatusCode::OK);
    let (s, _) = app.post("/api/v1/me/password", &here, json!({"current_password": PASSWORD, "new_password": "Changed-pass-1"})).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(app.get("/api/v1/me", &here).await.0, StatusCode::OK, "the session that changed it stays");
    assert_eq!(app.get("/api/v1/me", elsewhere).await.1["code"], "auth.session_ended");
    assert_eq!(app.get("/api/v1/customers", script).await.0, StatusCode::OK, "API tokens stay unless asked");
    let (s, _) = app.post("/api/v1/me/password", &here, json!({"current_password": "Changed-pass-1", "new_password": "Changed-pass-2", "revoke_api_tokens": true})).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(app.get("/api/v1/customers", script).await.0, StatusCode::UNAUTHORIZED);
    // An administrator's reset ends every session.
    let (_, me) = app.get("/api/v1/me", &here).await;
    let (s, _) = app.post(&format!("/api/v1/users/{}/reset-password", me["id"].as_str().unwrap()), &app.admin, json!({"new_password": "Reset-pass-123"})).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(app.get("/api/v1/me", &here).await.0, StatusCode::UNAUTHORIZED);
});

fn cookies_of(res: &reqwest::Response) -> Vec<String> {
    res.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect()
}

fn value(cookies: &[String], name: &str) -> String {
    let c = cookies.iter().find(|c| c.starts_with(&format!("{name}="))).unwrap_or_else(|| panic!("no {name} in {cookies:?}"));
    c.split(';').next().unwrap().split_once('=').unwrap().1.to_string()
}

// Browsers keep the refresh token in an HttpOnly cookie that only the auth paths see, and
// prove with the CSRF value that the page itself asks.
dual_test!(browsers_refresh_by_an_http_only_cookie_with_csrf, |app| {
    let res = app.req(Method::POST, "/api/v1/auth/login", None).json(&json!({"username": "admin", "password": ADMIN_PASSWORD, "refresh_cookie": true})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let set = cookies_of(&res);
    let refresh_cookie = set.iter().find(|c| c.starts_with("crm_refresh=")).unwrap();
    for attr in ["HttpOnly", "SameSite=Strict", "Path=/api/v1/auth"] {
        assert!(refresh_cookie.contains(attr), "{refresh_cookie} lacks {attr}");
    }
    assert!(!set.iter().find(|c| c.starts_with("crm_csrf=")).unwrap().contains("HttpOnly"), "the page must read the CSRF value");
    assert_eq!(res.headers()["cache-control"], "no-store");
    let pair: serde_json::Value = res.json().await.unwrap();
    assert!(pair.get("refresh_token").is_none(), "the refresh token is not in the body: {pair}");
    let (refresh, csrf) = (value(&set, "crm_refresh"), value(&set, "crm_csrf"));
    let jar = format!("crm_refresh={refresh}; crm_csrf={csrf}");
    // Without the header (a cross-site form), or with a wrong one: refused.
    let res = app.req(Method::POST, "/api/v1/auth/refresh", None).header("cookie", &jar).send().await.unwrap();
    assert_eq!(split(res).await.1["code"], "auth.csrf");
    let res = app.req(Method::POST, "/api/v1/auth/refresh", None).header("cookie", &jar).header("x-csrf-token", "x".repeat(csrf.len())).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // With it: a new access token and a rotated cookie.
    let res = app.req(Method::POST, "/api/v1/auth/refresh", None).header("cookie", &jar).header("x-csrf-token", &csrf).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let set = cookies_of(&res);
    let body: serde_json::Value = res.json().await.unwrap();
    let access = body["access_token"].as_str().unwrap().to_string();
    assert!(body.get("refresh_token").is_none());
    let (refresh2, csrf2) = (value(&set, "crm_refresh"), value(&set, "crm_csrf"));
    assert_ne!(refresh2, refresh);
    assert_eq!(app.get("/api/v1/me", &access).await.0, StatusCode::OK);
    // Sign-out by cookie ends the session and removes the cookies.
    let jar = format!("crm_refresh={refresh2}; crm_csrf={csrf2}");
    let res = app.req(Method::POST, "/api/v1/auth/logout", None).header("cookie", &jar).header("x-csrf-token", &csrf2).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert!(cookies_of(&res).iter().any(|c| c.starts_with("crm_refresh=;") && c.contains("Max-Age=0")), "{:?}", cookies_of(&res));
    assert_eq!(app.get("/api/v1/me", &access).await.0, StatusCode::UNAUTHORIZED);
});
