//! Products and suppliers (PRD-1 to PRD-3): the category tree, products with exact
//! prices, suppliers with price lists and served customers; every rule on both databases.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::support::TestApp;

async fn category(app: &TestApp, name: &str, parent: Option<&str>) -> Value {
    let (s, c) = app.post("/api/v1/product-categories", &app.admin, json!({"name": name, "parent_id": parent})).await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    c
}

async fn product(app: &TestApp, body: Value) -> Value {
    let (s, p) = app.post("/api/v1/products", &app.admin, body).await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    p
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

dual_test!(category_tree_has_two_levels_with_codes, |app| {
    let office = category(&app, "办公用品", None).await;
    let it = category(&app, "IT 设备", None).await;
    assert_eq!(office["code"], "01");
    assert_eq!(it["code"], "02");
    let furniture = category(&app, "办公家具", Some(&id(&office))).await;
    let paper = category(&app, "纸品", Some(&id(&office))).await;
    let laptops = category(&app, "笔记本电脑", Some(&id(&it))).await;
    assert_eq!(furniture["code"], "0101");
    assert_eq!(paper["code"], "0102");
    assert_eq!(laptops["code"], "0201");
    // A third level, an unknown parent, a sibling with the same name: refused, nothing added.
    let (s, e) = app.post("/api/v1/product-categories", &app.admin, json!({"name": "椅子", "parent_id": id(&furniture)})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(e["code"], "category.too_deep");
    assert_eq!(e["errors"][0]["field"], "parent_id");
    let (s, _) = app.post("/api/v1/product-categories", &app.admin, json!({"name": "椅子", "parent_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, e) = app.post("/api/v1/product-categories", &app.admin, json!({"name": " 办公家具 ", "parent_id": id(&office)})).await;
    assert_eq!(s, StatusCode::CONFLICT, "{e}");
    // The same name under another parent is fine.
    category(&app, "办公家具", Some(&id(&it))).await;
    let (s, e) = app.post("/api/v1/product-categories", &app.admin, json!({"name": ""})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    let (_, tree) = app.get("/api/v1/product-categories/tree", &app.admin).await;
    let items = tree["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["code"], "01");
    assert_eq!(items[0]["children"].as_array().unwrap().len(), 2);
    assert_eq!(items[1]["children"].as_array().unwrap().len(), 2);
    // Rename keeps the code; renaming onto a sibling's name is a 409.
    let (s, r) = app.patch(&format!("/api/v1/product-categories/{}", id(&paper)), &app.admin, json!({"name": "纸张耗材"})).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["code"], "0102");
    let (s, _) = app.patch(&format!("/api/v1/product-categories/{}", id(&paper)), &app.admin, json!({"name": "办公家具"})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    // A category with children or products cannot go; an empty one can, and comes back.
    let (s, e) = app.delete(&format!("/api/v1/product-categories/{}", id(&office)), &app.admin).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(e["code"], "category.in_use");
    assert!(e["detail"].as_str().unwrap().contains("办公家具"), "{e}");
    product(&app, json!({"name": "A4 复印纸", "category_id": id(&paper), "price": "25.00"})).await;
    let (s, e) = app.delete(&format!("/api/v1/product-categories/{}", id(&paper)), &app.admin).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(e["detail"].as_str().unwrap().contains("A4 复印纸"), "{e}");
    let (s, _) = app.delete(&format!("/api/v1/product-categories/{}", id(&laptops)), &app.admin).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = app.get(&format!("/api/v1/product-categories/{}", id(&laptops)), &app.admin).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app.post(&format!("/api/v1/recycle-bin/product_categories/{}/restore", id(&laptops)), &app.admin, json!({})).await;
    assert!(s.is_success());
    let (s, _) = app.get(&format!("/api/v1/product-categories/{}", id(&laptops)), &app.admin).await;
    assert_eq!(s, StatusCode::OK);
});

dual_test!(products_keep_exact_prices_and_filter, |app| {
    let top = category(&app, "办公用品", None).await;
    let chairs = category(&app, "椅子", Some(&id(&top))).await;
    let desks = category(&app, "桌子", Some(&id(&top))).await;
    let other = category(&app, "服务", None).await;
    let p = product(&app, json!({"name": "人体工学椅", "category_id": id(&chairs), "unit": "把", "price": "1234.56"})).await;
    assert_eq!(p["price"], "1234.56");
    assert_eq!(p["currency"], "CNY");
    assert_eq!(p["on_sale"], true);
    assert_eq!(p["code"], "P000001");
    assert_eq!(p["category_name"], "椅子");
    product(&app, json!({"name": "升降桌", "category_id": id(&desks), "price": 2999, "currency": "usd", "on_sale": false})).await;
    product(&app, json!({"name": "安装服务", "category_id": id(&other), "price": "0.10"})).await;
    let (_, got) = app.get(&format!("/api/v1/products/{}", id(&p)), &app.admin).await;
    assert_eq!(got["price"], "1234.56");
    // Bad prices and fields: a clear 4xx each, nothing stored.
    for (body, status, field) in [
        (json!({"name": "X", "category_id": id(&chairs), "price": "-1"}), StatusCode::UNPROCESSABLE_ENTITY, "price"),
        (json!({"name": "X", "category_id": id(&chairs), "price": "1.005"}), StatusCode::UNPROCESSABLE_ENTITY, "price"),
        (json!({"name": "X", "category_id": id(&chairs), "price": 12.5}), StatusCode::BAD_REQUEST, "price"),
        (json!({"name": "X", "category_id": id(&chairs), "price": "abc"}), StatusCode::BAD_REQUEST, "price"),
        (json!({"name": "X", "category_id": id(&chairs), "price": "1", "currency": "yuan"}), StatusCode::UNPROCESSABLE_ENTITY, "currency"),
        (json!({"name": "X", "category_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "price": "1"}), StatusCode::UNPROCESSABLE_ENTITY, "category_id"),
        (json!({"name": "长".repeat(201), "category_id": id(&chairs), "price": "1"}), StatusCode::UNPROCESSABLE_ENTITY, "name"),
    ] {
        let (s, e) = app.post("/api/v1/products", &app.admin, body.clone()).await;
        assert_eq!(s, status, "{body} → {e}");
        assert_eq!(e["errors"][0]["field"], field, "{e}");
    }
    let (s, e) = app.post("/api/v1/products", &app.admin, json!({"name": "人体工学椅 ", "category_id": id(&chairs), "price": "1"})).await;
    assert_eq!(s, StatusCode::CONFLICT, "{e}");
    // The same name in another category is another product.
    product(&app, json!({"name": "人体工学椅", "category_id": id(&desks), "price": "1"})).await;
    let (_, all) = app.get("/api/v1/products", &app.admin).await;
    assert_eq!(all["total"], 4);
    assert_eq!(all["page_size"], 10);
    let total = |v: &Value| v["total"].as_u64().unwrap();
    let (_, by_top) = app.get(&format!("/api/v1/products?category_id={}", id(&top)), &app.admin).await;
    assert_eq!(total(&by_top), 3, "a top category takes in its children");
    let (_, by_leaf) = app.get(&format!("/api/v1/products?category_id={}", id(&chairs)), &app.admin).await;
    assert_eq!(total(&by_leaf), 1);
    let (_, cheap) = app.get("/api/v1/products?price_min=0.1&price_max=1234.56&sort=price", &app.admin).await;
    assert_eq!(total(&cheap), 3);
    assert_eq!(cheap["items"][0]["price"], "0.10");
    let (_, on) = app.get("/api/v1/products?on_sale=false", &app.admin).await;
    assert_eq!(total(&on), 1);
    let (_, q) = app.get("/api/v1/products?q=p00000", &app.admin).await;
    assert_eq!(total(&q), 4);
    let (_, q) = app.get(&format!("/api/v1/products?q={}", "%E5%B7%A5%E5%AD%A6"), &app.admin).await; // 工学
    assert_eq!(total(&q), 2);
    let (s, _) = app.get("/api/v1/products?price_min=abc", &app.admin).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _) = app.get("/api/v1/products?colour=red", &app.admin).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    // Update: price as a string, stale If-Match refused.
    let (s, u) = app.patch(&format!("/api/v1/products/{}", id(&p)), &app.admin, json!({"price": "999.9", "on_sale": false})).await;
    assert_eq!(s, StatusCode::OK, "{u}");
    assert_eq!(u["price"], "999.90");
    let res = app.req(reqwest::Method::PATCH, &format!("/api/v1/products/{}", id(&p)), Some(&app.admin)).header("If-Match", "\"1\"").json(&json!({"name": "新名"})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::PRECONDITION_FAILED);
    // A deleted product leaves the list but stays readable by id.
    let (s, _) = app.delete(&format!("/api/v1/products/{}", id(&p)), &app.admin).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (_, all) = app.get("/api/v1/products", &app.admin).await;
    assert_eq!(all["total"], 3);
    let (s, gone) = app.get(&format!("/api/v1/products/{}", id(&p)), &app.admin).await;
    assert_eq!(s, StatusCode::OK);
    assert!(gone["deleted_at"].is_string());
    // Export with the list's filters.
    let res = app.req(reqwest::Method::GET, &format!("/api/v1/products/export?format=csv&category_id={}", id(&top)), Some(&app.admin)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let csv = res.text().await.unwrap();
    assert!(csv.contains("升降桌") && csv.contains("2999.00"), "{csv}");
    assert!(!csv.contains("安装服务"));
    // A sales rep reads the catalogue but cannot change it.
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (s, list) = app.get("/api/v1/products?q=%E5%8D%87%E9%99%8D", &rep).await; // 升降
    assert_eq!(s, StatusCode::OK);
    assert_eq!(list["total"], 1);
    let (s, _) = app.post("/api/v1/products", &rep, json!({"name": "Y", "category_id": id(&chairs), "price": "1"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
});

dual_test!(suppliers_with_prices_and_served_customers, |app| {
    let top = category(&app, "办公用品", None).await;
    let chair = product(&app, json!({"name": "人体工学椅", "category_id": id(&top), "price": "1234.56"})).await;
    let desk = product(&app, json!({"name": "升降桌", "category_id": id(&top), "price": "2999"})).await;
    let (s, sup) = app.post("/api/v1/suppliers", &app.admin, json!({"name": "上海办公设备有限公司", "contact": "周经理", "phone": "021-6100 2000", "province": "上海", "city": "上海"})).await;
    assert_eq!(s, StatusCode::CREATED, "{sup}");
    assert_eq!(sup["number"], "S000001");
    assert!(sup["created_by_name"].is_string());
    let sid = id(&sup);
    let (s, _) = app.post("/api/v1/suppliers", &app.admin, json!({"name": "上海办公设备有限公司"})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, e) = app.post("/api/v1/suppliers", &app.admin, json!({"name": "坏电话", "phone": "abc"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    app.post("/api/v1/suppliers", &app.admin, json!({"name": "杭州文具批发", "contact": "吴", "city": "杭州"})).await;
    let (_, l) = app.get("/api/v1/suppliers?q=%E5%91%A8", &app.admin).await; // 周 (contact)
    assert_eq!(l["total"], 1);
    let (_, l) = app.get("/api/v1/suppliers?city=杭州", &app.admin).await;
    assert_eq!(l["total"], 1);

    // Price list: replaced whole; bad items named, nothing changed.
    let prices = format!("/api/v1/suppliers/{sid}/prices");
    let (s, pl) = app
        .call(reqwest::Method::PUT, &prices, &app.admin, Some(json!({"items": [
            {"product_id": id(&chair), "price": "980.00", "valid_from": "2020-01-01", "valid_to": "2099-12-31", "remark": "含运费"},
            {"product_id": id(&desk), "price": "2500", "valid_from": "2020-01-01"},
            {"product_id": id(&chair), "price": "1.00", "valid_from": "2000-01-01", "valid_to": "2001-01-01"},
        ]})))
        .await;
    assert_eq!(s, StatusCode::OK, "{pl}");
    assert_eq!(pl["items"].as_array().unwrap().len(), 3);
    for (items, field) in [
        (json!([{"product_id": id(&chair), "price": "1", "valid_from": "2026-02-01", "valid_to": "2026-01-01"}]), "items[0].valid_to"),
        (json!([{"product_id": id(&chair), "price": "1", "valid_from": "2026-01-01"}, {"product_id": id(&chair), "price": "-3", "valid_from": "2026-01-01"}]), "items[1].price"),
        (json!([{"product_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "price": "1", "valid_from": "2026-01-01"}]), "items[0].product_id"),
    ] {
        let (s, e) = app.call(reqwest::Method::PUT, &prices, &app.admin, Some(json!({"items": items}))).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
        assert_eq!(e["errors"][0]["field"], field, "{e}");
    }
    let (s, _) = app.call(reqwest::Method::PUT, &prices, &app.admin, Some(json!({"items": [{"product_id": id(&chair), "price": 9.5, "valid_from": "2026-01-01"}]}))).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (_, pl) = app.get(&prices, &app.admin).await;
    assert_eq!(pl["items"].as_array().unwrap().len(), 3, "failed writes changed nothing");
    // The product's current supplier prices leave out the expired one.
    let (_, cur) = app.get(&format!("/api/v1/products/{}/supplier-prices", id(&chair)), &app.admin).await;
    let cur = cur["items"].as_array().unwrap();
    assert_eq!(cur.len(), 1);
    assert_eq!(cur[0]["price"], "980.00");
    assert_eq!(cur[0]["supplier_name"], "上海办公设备有限公司");

    // Served customers through the customers' data scope.
    let (rep_id, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (_, mine) = app.post("/api/v1/customers", &rep, json!({"name": "代表的客户"})).await;
    let (_, theirs) = app.post("/api/v1/customers", &app.admin, json!({"name": "管理员的客户"})).await;
    let served = format!("/api/v1/suppliers/{sid}/customers");
    let (s, r) = app.call(reqwest::Method::PUT, &served, &app.admin, Some(json!({"customer_ids": [id(&mine), id(&theirs)]}))).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["items"].as_array().unwrap().len(), 2);
    // The rep sees only their own customer, cannot add one they cannot see, and their
    // replacement keeps the link they cannot see.
    let (_, r) = app.get(&served, &rep).await;
    assert_eq!(r["items"].as_array().unwrap().len(), 1);
    assert_eq!(r["items"][0]["name"], "代表的客户");
    let (s, e) = app.call(reqwest::Method::PUT, &served, &rep, Some(json!({"customer_ids": [id(&mine)]}))).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "a rep may read suppliers but not change them: {e}");
    // A buyer who may edit suppliers but sees only their own customers: their replace
    // works within what they see and keeps the links they cannot see.
    let (s, role) = app.post("/api/v1/roles", &app.admin, json!({"name": "采购", "permissions": ["suppliers:read", "suppliers:update", "customers:read", "customers:create"], "data_scope": "self"})).await;
    assert_eq!(s, StatusCode::CREATED, "{role}");
    let (_, buyer) = app.user_with_role("buyer", "采购", json!({})).await;
    let (_, own) = app.post("/api/v1/customers", &buyer, json!({"name": "采购的客户"})).await;
    let (s, e) = app.call(reqwest::Method::PUT, &served, &buyer, Some(json!({"customer_ids": [id(&theirs)]}))).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{e}");
    assert_eq!(e["missing_ids"][0], id(&theirs).as_str());
    let (s, r) = app.call(reqwest::Method::PUT, &served, &buyer, Some(json!({"customer_ids": [id(&own)]}))).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["items"].as_array().unwrap().len(), 1);
    let (_, r) = app.get(&served, &app.admin).await;
    assert_eq!(r["items"].as_array().unwrap().len(), 3, "the buyer's replace kept the two links outside their scope");
    let (_, r) = app.call(reqwest::Method::PUT, &served, &app.admin, Some(json!({"customer_ids": [id(&mine), id(&theirs)]}))).await;
    assert_eq!(r["items"].as_array().unwrap().len(), 2);
    let _ = rep_id;
    let (s, _) = app.call(reqwest::Method::PUT, &served, &app.admin, Some(json!({"customer_ids": ["01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f"]}))).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, r) = app.get(&served, &app.admin).await;
    assert_eq!(r["items"].as_array().unwrap().len(), 2, "a failed replace changed nothing");
    let (_, of) = app.get(&format!("/api/v1/customers/{}/suppliers", id(&mine)), &rep).await;
    assert_eq!(of["items"][0]["number"], "S000001");
    let (s, _) = app.get(&format!("/api/v1/customers/{}/suppliers", id(&theirs)), &rep).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "another owner's customer is not found for the rep");
    // Removing through the admin leaves the other link.
    let (_, r) = app.call(reqwest::Method::PUT, &served, &app.admin, Some(json!({"customer_ids": [id(&theirs)]}))).await;
    assert_eq!(r["items"].as_array().unwrap().len(), 1);
    // Delete: out of the list, 404 by id, back from the recycle bin.
    let (s, _) = app.delete(&format!("/api/v1/suppliers/{sid}"), &app.admin).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = app.get(&format!("/api/v1/suppliers/{sid}"), &app.admin).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, cur) = app.get(&format!("/api/v1/products/{}/supplier-prices", id(&chair)), &app.admin).await;
    assert!(cur["items"].as_array().unwrap().is_empty(), "a deleted supplier's prices are not current");
    let (s, _) = app.post(&format!("/api/v1/recycle-bin/suppliers/{sid}/restore"), &app.admin, json!({})).await;
    assert!(s.is_success());
    let (s, _) = app.get(&format!("/api/v1/suppliers/{sid}"), &app.admin).await;
    assert_eq!(s, StatusCode::OK);
});
