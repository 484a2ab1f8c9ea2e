//! Users, departments, roles: the happy paths, each rule, permission denial per built-in
//! role, and the data-scope resolution.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use reqwest::StatusCode;
use serde_json::json;

use crate::support::PASSWORD;

dual_test!(department_tree_and_rules, |app| {
    let (s, east) = app.post("/api/v1/departments", &app.admin, json!({"name": "华东销售部", "remark": "上海"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let east_id = east["id"].as_str().unwrap();
    let (s, sh) = app.post("/api/v1/departments", &app.admin, json!({"name": "上海组", "parent_id": east_id})).await;
    assert_eq!(s, StatusCode::CREATED);
    let sh_id = sh["id"].as_str().unwrap();
    let (_, tree) = app.get("/api/v1/departments/tree", &app.admin).await;
    assert_eq!(tree[0]["name"], "华东销售部");
    assert_eq!(tree[0]["children"][0]["name"], "上海组");
    // A department cannot move below itself or its own child.
    let (s, b) = app.patch(&format!("/api/v1/departments/{east_id}"), &app.admin, json!({"parent_id": sh_id})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b["errors"][0]["code"], "cycle");
    // An unknown parent is named.
    let (s, b) = app.post("/api/v1/departments", &app.admin, json!({"name": "x", "parent_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b["errors"][0]["field"], "parent_id");
    // Deleting a department with children is refused; a leaf goes to the recycle bin.
    let (s, b) = app.delete(&format!("/api/v1/departments/{east_id}"), &app.admin).await;
    assert_eq!((s, b["code"].as_str()), (StatusCode::CONFLICT, Some("department.has_children")));
    let (s, _) = app.delete(&format!("/api/v1/departments/{sh_id}"), &app.admin).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = app.get(&format!("/api/v1/departments/{sh_id}"), &app.admin).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, tree) = app.get("/api/v1/departments/tree", &app.admin).await;
    assert!(tree[0]["children"].as_array().unwrap().is_empty());
});

dual_test!(user_crud_and_rules, |app| {
    let (_, dept) = app.post("/api/v1/departments", &app.admin, json!({"name": "销售一部"})).await;
    let rid = app.role_id("sales_rep").await;
    let body = json!({"username": "Wang.Wu", "display_name": "王五", "email": "wang.wu@example.com", "phone": "+86 138 0013 8000",
        "password": PASSWORD, "department_id": dept["id"], "role_ids": [rid]});
    let (s, u) = app.post("/api/v1/users", &app.admin, body.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{u}");
    assert_eq!(u["username"], "wang.wu");
    assert_eq!(u["department_name"], "销售一部");
    assert_eq!(u["roles"][0]["name"], "sales_rep");
    assert!(u.get("password").is_none() && u.get("password_hash").is_none());
    let id = u["id"].as_str().unwrap();
    // Duplicates are 409 naming the field.
    let (s, b) = app.post("/api/v1/users", &app.admin, body).await;
    assert_eq!((s, b["errors"][0]["field"].as_str()), (StatusCode::CONFLICT, Some("username")));
    let (s, b) = app.post("/api/v1/users", &app.admin, json!({"username": "other", "display_name": "o", "email": "WANG.WU@example.com", "password": PASSWORD})).await;
    assert_eq!((s, b["errors"][0]["field"].as_str()), (StatusCode::CONFLICT, Some("email")));
    // Bad fields all reported at once, nothing created.
    let (s, b) = app.post("/api/v1/users", &app.admin, json!({"username": "张三", "display_name": "", "email": "nope", "password": "short"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = b["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    for f in ["username", "display_name", "email", "password"] {
        assert!(fields.contains(&f), "{f} missing from {fields:?}");
    }
    let (_, list) = app.get("/api/v1/users?page_size=200", &app.admin).await;
    assert_eq!(list["total"], 2);
    // Search, filter, sort.
    let (_, found) = app.get("/api/v1/users?q=王", &app.admin).await;
    assert_eq!(found["total"], 1);
    let (_, found) = app.get(&format!("/api/v1/users?role_id={rid}&enabled=true&sort=-username"), &app.admin).await;
    assert_eq!(found["items"][0]["username"], "wang.wu");
    // Update; the supervisor cannot be oneself.
    let (s, b) = app.patch(&format!("/api/v1/users/{id}"), &app.admin, json!({"supervisor_id": id})).await;
    assert_eq!((s, b["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("supervisor_id")));
    let (s, u2) = app.patch(&format!("/api/v1/users/{id}"), &app.admin, json!({"display_name": "王五五", "phone": null})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(u2["phone"], serde_json::Value::Null);
    assert_eq!(u2["version"], 2);
    // Admin resets the password.
    let (s, _) = app.post(&format!("/api/v1/users/{id}/reset-password"), &app.admin, json!({"new_password": "Reset-pass-99"})).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(app.try_login("wang.wu", "Reset-pass-99").await.status(), StatusCode::OK);
    // One cannot delete oneself.
    let (_, me) = app.get("/api/v1/me", &app.admin).await;
    let (s, _) = app.delete(&format!("/api/v1/users/{}", me["id"].as_str().unwrap()), &app.admin).await;
    assert_eq!(s, StatusCode::CONFLICT);
});

dual_test!(roles_and_permission_catalogue, |app| {
    let (s, cat) = app.get("/api/v1/permissions", &app.admin).await;
    assert_eq!(s, StatusCode::OK);
    let codes: Vec<&str> = cat["items"].as_array().unwrap().iter().map(|p| p["code"].as_str().unwrap()).collect();
    for module in ["customers", "leads", "opportunities", "contracts", "products", "suppliers", "tickets", "campaigns", "targets", "reports", "files", "approvals", "projects", "users", "roles"] {
        assert!(codes.iter().any(|c| c.starts_with(&format!("{module}:"))), "{module} missing from the catalogue");
    }
    let (_, roles) = app.get("/api/v1/roles", &app.admin).await;
    let names: Vec<&str> = roles["items"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    for b in ["admin", "sales_manager", "sales_rep"] {
        assert!(names.contains(&b));
    }
    let (s, r) = app.post("/api/v1/roles", &app.admin, json!({"name": "客服", "permissions": ["tickets:read", "customers:read"], "data_scope": "department"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let rid = r["id"].as_str().unwrap();
    let (s, _) = app.post("/api/v1/roles", &app.admin, json!({"name": "客服", "permissions": [], "data_scope": "self"})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, b) = app.post("/api/v1/roles", &app.admin, json!({"name": "x", "permissions": ["tickets:fly"], "data_scope": "self"})).await;
    assert_eq!((s, b["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("permissions")));
    let (s, b) = app.post("/api/v1/roles", &app.admin, json!({"name": "x", "permissions": [], "data_scope": "galaxy"})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(b["errors"][0]["field"], "data_scope");
    // Built-in roles stay.
    let admin_role = app.role_id("admin").await;
    let (s, _) = app.delete(&format!("/api/v1/roles/{admin_role}"), &app.admin).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, _) = app.patch(&format!("/api/v1/roles/{admin_role}"), &app.admin, json!({"permissions": []})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    // A role in use cannot be deleted; a free one can.
    let (_, u) = app.post("/api/v1/users", &app.admin, json!({"username": "cs1", "display_name": "cs", "password": PASSWORD, "role_ids": [rid]})).await;
    let (s, _) = app.delete(&format!("/api/v1/roles/{rid}"), &app.admin).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, _) = app.patch(&format!("/api/v1/users/{}", u["id"].as_str().unwrap()), &app.admin, json!({"role_ids": []})).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = app.delete(&format!("/api/v1/roles/{rid}"), &app.admin).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
});

dual_test!(role_change_takes_effect_for_the_user, |app| {
    let (s, r) = app.post("/api/v1/roles", &app.admin, json!({"name": "viewer", "permissions": ["users:read"], "data_scope": "self"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, token) = app.user_with_role("viewer1", "viewer", json!({})).await;
    assert_eq!(app.get("/api/v1/users", &token).await.0, StatusCode::OK);
    assert_eq!(app.get("/api/v1/roles", &token).await.0, StatusCode::FORBIDDEN);
    let (s, _) = app.patch(&format!("/api/v1/roles/{}", r["id"].as_str().unwrap()), &app.admin, json!({"permissions": ["roles:read"]})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(app.get("/api/v1/users", &token).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/api/v1/roles", &token).await.0, StatusCode::OK);
});

dual_test!(built_in_roles_are_denied_what_they_lack, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (_, mgr) = app.user_with_role("mgr", "sales_manager", json!({})).await;
    // A sales rep administers nothing.
    for path in ["/api/v1/users", "/api/v1/roles", "/api/v1/departments", "/api/v1/audit-logs", "/api/v1/recycle-bin?entity=users"] {
        let (s, b) = app.get(path, &rep).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "rep on {path}");
        assert_eq!(b["code"], "auth.forbidden");
    }
    let (s, _) = app.post("/api/v1/users", &rep, json!({"username": "x1", "display_name": "x", "password": PASSWORD})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // A manager reads users and departments, changes none, and sees no roles or audit.
    assert_eq!(app.get("/api/v1/users", &mgr).await.0, StatusCode::OK);
    assert_eq!(app.get("/api/v1/departments/tree", &mgr).await.0, StatusCode::OK);
    assert_eq!(app.get("/api/v1/roles", &mgr).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/api/v1/audit-logs", &mgr).await.0, StatusCode::FORBIDDEN);
    let (s, _) = app.post("/api/v1/departments", &mgr, json!({"name": "x"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // Everyone reads dictionaries and the permission catalogue, and edits their own profile.
    assert_eq!(app.get("/api/v1/dictionaries/industry", &rep).await.0, StatusCode::OK);
    assert_eq!(app.get("/api/v1/permissions", &rep).await.0, StatusCode::OK);
    let (s, me) = app.patch("/api/v1/me", &rep, json!({"locale": "en", "display_name": "Rep One"})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!((me["locale"].as_str(), me["display_name"].as_str()), (Some("en"), Some("Rep One")));
    let (s, _) = app.patch("/api/v1/me", &rep, json!({"locale": "fr"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, _) = app.patch("/api/v1/me", &rep, json!({"enabled": false})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
});

dual_test!(data_scope_resolves_owners_per_role, |app| {
    use crm_persistence::scope::visible_owner_ids;
    let (_, east) = app.post("/api/v1/departments", &app.admin, json!({"name": "East"})).await;
    let (_, sh) = app.post("/api/v1/departments", &app.admin, json!({"name": "Shanghai", "parent_id": east["id"]})).await;
    let (_, west) = app.post("/api/v1/departments", &app.admin, json!({"name": "West"})).await;
    let (mgr, _) = app.user_with_role("mgr_e", "sales_manager", json!({"department_id": east["id"]})).await;
    let (rep_sh, _) = app.user_with_role("rep_sh", "sales_rep", json!({"department_id": sh["id"], "supervisor_id": mgr})).await;
    let (rep_sub, _) = app.user_with_role("rep_sub", "sales_rep", json!({"department_id": west["id"], "supervisor_id": rep_sh})).await;
    let (rep_w, _) = app.user_with_role("rep_w", "sales_rep", json!({"department_id": west["id"]})).await;
    let actor = |id: &str| {
        let db = app.db.clone();
        let id = uuid::Uuid::parse_str(id).unwrap();
        async move { crm_persistence::auth::load_actor(&db, id).await.unwrap().unwrap() }
    };
    let ids = |v: Vec<&str>| {
        let mut v: Vec<uuid::Uuid> = v.into_iter().map(|s| uuid::Uuid::parse_str(s).unwrap()).collect();
        v.sort();
        v
    };
    // The manager's department tree: East and Shanghai members.
    let got = visible_owner_ids(&app.db, &actor(&mgr).await).await.unwrap().unwrap().ids.clone();
    assert_eq!(got, ids(vec![&mgr, &rep_sh]));
    // A rep sees only themself.
    let got = visible_owner_ids(&app.db, &actor(&rep_w).await).await.unwrap().unwrap().ids.clone();
    assert_eq!(got, ids(vec![&rep_w]));
    // self_and_subordinates follows the supervisor chain across departments.
    let (_, r) = app.post("/api/v1/roles", &app.admin, json!({"name": "lead", "permissions": [], "data_scope": "self_and_subordinates"})).await;
    app.patch(&format!("/api/v1/users/{rep_sh}"), &app.admin, json!({"role_ids": [r["id"]]})).await;
    let got = visible_owner_ids(&app.db, &actor(&rep_sh).await).await.unwrap().unwrap().ids.clone();
    assert_eq!(got, ids(vec![&rep_sh, &rep_sub]));
    // Admin: everyone.
    let (_, me) = app.get("/api/v1/me", &app.admin).await;
    assert!(visible_owner_ids(&app.db, &actor(me["id"].as_str().unwrap()).await).await.unwrap().is_none());
    let (_, me) = app.get("/api/v1/me", &app.login("mgr_e", PASSWORD).await).await;
    assert_eq!(me["data_scope"], "department_tree");
});

dual_test!(any_user_can_look_up_colleagues_to_pick, |app| {
    let (_, rep) = app.user_with_role("rep_lookup", "sales_rep", json!({"display_name": "李四"})).await;
    let (gone, _) = app.user_with_role("gone_lookup", "sales_rep", json!({"display_name": "李五"})).await;
    app.patch(&format!("/api/v1/users/{gone}"), &app.admin, json!({"enabled": false})).await;
    // A rep cannot list users, but can pick a colleague: enabled ones only, picker fields only.
    let (s, _) = app.get("/api/v1/users", &rep).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, found) = app.get(&format!("/api/v1/users/lookup?q={}", "%E6%9D%8E"), &rep).await; // 李
    assert_eq!(s, StatusCode::OK, "{found}");
    let items = found["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "the disabled colleague is not offered: {found}");
    assert_eq!(items[0]["display_name"], "李四");
    assert!(items[0].get("email").is_none() && items[0].get("phone").is_none());
    let (_, all) = app.get("/api/v1/users/lookup?limit=1", &rep).await;
    assert_eq!(all["items"].as_array().unwrap().len(), 1);
    let (s, _) = app.get("/api/v1/users/lookup?limit=many", &rep).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _) = app.get("/api/v1/users/lookup", "nope").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
});

// A built-in role gets a module's default permissions once: an install that had the role
// before the module gains them on the next start, and a default an administrator took away
// stays away across restarts.
dual_test!(builtin_roles_get_new_module_permissions_once, |app| {
    use sea_orm::{ConnectionTrait, Statement};
    let rep = app.role_id("sales_rep").await;
    let role_path = format!("/api/v1/roles/{rep}");
    let perms = async || -> Vec<String> {
        let mut p: Vec<String> = app.get(&role_path, &app.admin).await.1["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_string()).collect();
        p.sort();
        p
    };
    let before = perms().await;
    assert!(before.contains(&"customer_groups:read".to_string()));
    // As an install from before customer groups: the role lacks them and was never offered them.
    let old: Vec<String> = before.iter().filter(|p| !p.starts_with("customer_groups:")).cloned().collect();
    assert_eq!(app.patch(&format!("/api/v1/roles/{rep}"), &app.admin, json!({"permissions": old})).await.0, StatusCode::OK);
    let backend = app.db.get_database_backend();
    app.db.execute(Statement::from_string(backend, "DELETE FROM builtin_role_grants WHERE code LIKE 'customer_groups:%'")).await.unwrap();
    crm_persistence::system::bootstrap::run(&app.db, None).await.unwrap();
    let after = perms().await;
    assert_eq!(after, before, "the next start grants the new module");
    // An administrator takes one away: it stays away on the next start.
    let trimmed: Vec<String> = after.iter().filter(|p| p.as_str() != "customer_groups:delete").cloned().collect();
    assert_eq!(app.patch(&format!("/api/v1/roles/{rep}"), &app.admin, json!({"permissions": trimmed})).await.0, StatusCode::OK);
    crm_persistence::system::bootstrap::run(&app.db, None).await.unwrap();
    assert_eq!(perms().await, trimmed);
});
