//! Regions as GB/T 2260 codes with their names: the data set served to the pickers, codes
//! that bring their names on customers and suppliers, names that find their code, and
//! the region filter that matches everything inside a region.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::TestApp;

async fn ids(app: &TestApp, path: &str) -> Vec<String> {
    let (s, page) = app.get(path, &app.admin).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    let mut v: Vec<String> = page["items"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_string()).collect();
    v.sort();
    v
}

dual_test!(the_data_set_is_served_cacheable_to_anyone_signed_in, |app| {
    let (s, tree) = app.get("/api/v1/regions", &app.admin).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(tree["version"], "8.5.8");
    let zhejiang = tree["items"].as_array().unwrap().iter().find(|p| p["code"] == "330000").unwrap();
    assert_eq!(zhejiang["name"], "浙江省");
    assert_eq!(zhejiang["children"][0]["code"], "330100");
    let beijing = &tree["items"][0];
    assert_eq!((beijing["children"][0]["code"].as_str(), beijing["children"][0]["name"].as_str()), (Some("110100"), Some("北京市")));
    // A token with no scope at all may read it; nobody signed out may.
    let (_, token) = app.post("/api/v1/api-tokens", &app.admin, json!({"name": "regions", "scopes": ["products:read"]})).await;
    let token = token["token"].as_str().unwrap();
    let r = app.req(Method::GET, "/api/v1/regions", Some(token)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let tag = r.headers()["etag"].to_str().unwrap().to_string();
    let again = app.req(Method::GET, "/api/v1/regions", Some(token)).header("If-None-Match", &tag).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(app.req(Method::GET, "/api/v1/regions", None).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
});

dual_test!(customers_store_codes_with_names_and_filter_inside_a_region, |app| {
    // A code brings its names, whatever names came with it.
    let (s, xihu) = app.post("/api/v1/customers", &app.admin, json!({"name": "西湖茶业", "region_code": "330106", "province": "浙江"})).await;
    assert_eq!(s, StatusCode::CREATED, "{xihu}");
    assert_eq!((xihu["region_code"].as_str(), xihu["province"].as_str(), xihu["city"].as_str(), xihu["district"].as_str()), (Some("330106"), Some("浙江省"), Some("杭州市"), Some("西湖区")));
    // Names that are a region find its code; others stay as written without one.
    let (_, ningbo) = app.post("/api/v1/customers", &app.admin, json!({"name": "宁波港机", "province": "浙江省", "city": "宁波市"})).await;
    assert_eq!(ningbo["region_code"], "330200");
    let (_, old) = app.post("/api/v1/customers", &app.admin, json!({"name": "杭州老客户", "province": "浙江", "city": "杭州"})).await;
    assert_eq!((old["region_code"].as_null(), old["city"].as_str()), (Some(()), Some("杭州")));
    let (_, chengkou) = app.post("/api/v1/customers", &app.admin, json!({"name": "城口山货", "region_code": "500229"})).await;
    assert_eq!((chengkou["province"].as_str(), chengkou["city"].as_str()), (Some("重庆市"), Some("重庆市")));
    app.post("/api/v1/customers", &app.admin, json!({"name": "南京机电", "region_code": "320100"})).await;
    // The filter takes a region and matches what lies inside it.
    assert_eq!(ids(&app, "/api/v1/customers?region_code=330000").await, ["宁波港机", "西湖茶业"]);
    assert_eq!(ids(&app, "/api/v1/customers?region_code=330100").await, ["西湖茶业"]);
    assert_eq!(ids(&app, "/api/v1/customers?region_code=500100").await, ["城口山货"], "a municipality's city is all of it");
    assert_eq!(ids(&app, "/api/v1/customers?region_code=330200,320000").await, ["南京机电", "宁波港机"]);
    // A patch with a code moves the names; a patch of names finds the new code.
    let id = xihu["id"].as_str().unwrap();
    let (s, moved) = app.patch(&format!("/api/v1/customers/{id}"), &app.admin, json!({"region_code": "310115"})).await;
    assert_eq!(s, StatusCode::OK, "{moved}");
    assert_eq!((moved["province"].as_str(), moved["city"].as_str(), moved["district"].as_str()), (Some("上海市"), Some("上海市"), Some("浦东新区")));
    let (_, renamed) = app.patch(&format!("/api/v1/customers/{id}"), &app.admin, json!({"province": "江苏省", "city": "苏州市", "district": null})).await;
    assert_eq!(renamed["region_code"], "320500");
    let (_, cleared) = app.patch(&format!("/api/v1/customers/{id}"), &app.admin, json!({"province": null, "city": null})).await;
    assert!(cleared["region_code"].is_null() && cleared["province"].is_null());
    // Bad codes: 422 on a body, 400 on a filter, and nothing written.
    for (code, err) in [("999999", "unknown"), ("33010", "invalid"), ("", "invalid")] {
        let (s, e) = app.post("/api/v1/customers", &app.admin, json!({"name": "坏编码", "region_code": code})).await;
        assert_eq!((s, e["errors"][0]["field"].as_str(), e["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("region_code"), Some(err)), "{code}");
    }
    assert_eq!(ids(&app, "/api/v1/customers?q=坏编码").await.len(), 0);
    for bad in ["33", "330000,x", "", "３３００００"] {
        let (s, e) = app.get(&format!("/api/v1/customers?region_code={bad}"), &app.admin).await;
        assert_eq!((s, e["errors"][0]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("region_code")), "{bad}");
    }
    // Six digits the data set does not have: no region, nothing in it.
    assert_eq!(ids(&app, "/api/v1/customers?region_code=999999").await.len(), 0);
    assert_eq!(ids(&app, "/api/v1/customers?region_code=999999,320000").await, ["南京机电"]);
});

dual_test!(suppliers_keep_a_province_or_city_by_code, |app| {
    let (s, sup) = app.post("/api/v1/suppliers", &app.admin, json!({"name": "苏州纸业", "region_code": "320500"})).await;
    assert_eq!(s, StatusCode::CREATED, "{sup}");
    assert_eq!((sup["province"].as_str(), sup["city"].as_str()), (Some("江苏省"), Some("苏州市")));
    let (s, e) = app.post("/api/v1/suppliers", &app.admin, json!({"name": "太细", "region_code": "320505"})).await;
    assert_eq!((s, e["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("too_detailed")));
    let (_, named) = app.post("/api/v1/suppliers", &app.admin, json!({"name": "杭州文具", "province": "浙江省", "city": "杭州市"})).await;
    assert_eq!(named["region_code"], "330100");
    let (s, page) = app.get("/api/v1/suppliers?region_code=320000", &app.admin).await;
    assert_eq!((s, page["total"].as_u64()), (StatusCode::OK, Some(1)));
    assert_eq!(page["items"][0]["name"], "苏州纸业");
});
