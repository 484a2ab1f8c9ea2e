//! File imports through `POST /imports` and the job worker: a CSV with bad rows checked
//! (dry run) and written (commit) with a precise report and an errors file that, fixed,
//! imports again; GBK and XLSX files; references by name; all or nothing; a job resumed
//! after a restart; and bad files and options refused before anything is queued.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::time::Duration;

use crm_persistence::imports::entities::import::{Column as ImportColumn, Entity as Import};
use reqwest::multipart::{Form, Part};
use reqwest::{Method, StatusCode};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};

use crate::support::{database_away, last_attempt_next, split, standard_registry, worker, worker_with, TestApp};

async fn upload(app: &TestApp, token: &str, name: &str, bytes: Vec<u8>, fields: &[(&str, &str)]) -> (StatusCode, Value) {
    let mut form = Form::new().part("file", Part::bytes(bytes).file_name(name.to_string()));
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    split(app.req(Method::POST, "/api/v1/imports", Some(token)).multipart(form).send().await.unwrap()).await
}

/// Waits until the import is done or failed.
async fn finished(app: &TestApp, token: &str, id: &str) -> Value {
    for _ in 0..400 {
        let (s, v) = app.get(&format!("/api/v1/imports/{id}"), token).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        if v["status"] == "done" || v["status"] == "failed" {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("import {id} did not finish");
}

async fn import(app: &TestApp, token: &str, name: &str, bytes: Vec<u8>, fields: &[(&str, &str)]) -> Value {
    let (s, v) = upload(app, token, name, bytes, fields).await;
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    finished(app, token, v["id"].as_str().unwrap()).await
}

async fn customer_names(app: &TestApp) -> Vec<String> {
    let (_, page) = app.get("/api/v1/customers?page_size=100&sort=name", &app.admin).await;
    page["items"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_string()).collect()
}

fn codes(report: &Value) -> Vec<(i64, String)> {
    report["errors"].as_array().unwrap().iter().flat_map(|r| r["errors"].as_array().unwrap().iter().map(move |e| (r["row"].as_i64().unwrap(), e["code"].as_str().unwrap().to_string()))).collect()
}

const BAD: &str = "\u{feff}客户名称*,电话,Industry,负责人,备注\n\
    甲公司,0571-88886666,信息技术,admin,第一行\n\
    ,0571-1,,,没有名称\n\
    乙公司,,芯片,,行业不对\n\
    甲公司,,,,重复\n\
    丙公司,,Information technology,nobody,负责人不存在\n\
    =HYPERLINK(\"x\"),,,,公式当作文字\n";

dual_test!(a_csv_with_bad_rows_is_reported_and_its_errors_file_imports_once_fixed, |app| {
    let jobs = worker(&app, "import-worker");
    // The dry run: every row checked, nothing written.
    let report = import(&app, &app.admin, "客户.csv", BAD.as_bytes().to_vec(), &[("entity", "customers")]).await;
    assert_eq!((&report["status"], &report["mode"], &report["encoding"], &report["format"]), (&json!("done"), &json!("dry_run"), &json!("utf-8"), &json!("csv")), "{report}");
    assert_eq!((&report["rows_read"], &report["created"], &report["failed"]), (&json!(6), &json!(2), &json!(4)), "{report}");
    assert_eq!(codes(&report), vec![(3, "required".into()), (4, "unknown_choice".into()), (5, "duplicate".into()), (6, "not_found".into())]);
    assert_eq!(report["errors"][1]["errors"][0]["column"], "Industry");
    assert!(customer_names(&app).await.is_empty(), "a dry run writes nothing");
    let columns: Vec<(Value, Value)> = report["columns"].as_array().unwrap().iter().map(|c| (c["header"].clone(), c["field"].clone())).collect();
    assert_eq!(columns[2], (json!("Industry"), json!("industry")));
    assert_eq!(columns[4], (json!("备注"), json!("remark")));

    // The commit: the good rows written, the same report.
    let done = import(&app, &app.admin, "客户.csv", BAD.as_bytes().to_vec(), &[("entity", "customers"), ("mode", "commit")]).await;
    assert_eq!((&done["created"], &done["failed"]), (&json!(2), &json!(4)), "{done}");
    assert_eq!(customer_names(&app).await, vec!["=HYPERLINK(\"x\")".to_string(), "甲公司".to_string()]);
    let (_, list) = app.get("/api/v1/customers?q=甲公司", &app.admin).await;
    let jia = &list["items"][0];
    assert_eq!(jia["industry"], "it");
    let (_, log) = app.get(&format!("/api/v1/audit-logs?entity=customers&entity_id={}", jia["id"].as_str().unwrap()), &app.admin).await;
    assert_eq!((&log["items"][0]["action"], &log["items"][0]["request_id"]), (&json!("import"), &json!(format!("import-{}", done["id"].as_str().unwrap()))), "{log}");

    // The errors file: the failed rows as uploaded, with the reasons; fixed, they import.
    let res = app.req(Method::GET, &format!("/api/v1/imports/{}/errors.csv", done["id"].as_str().unwrap()), Some(&app.admin)).header("accept-language", "zh-CN").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let text = res.text().await.unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert_eq!(lines[0], "客户名称*,电话,Industry,负责人,备注,错误原因");
    assert!(lines[2].starts_with("乙公司,,芯片,,行业不对,Industry:"), "{}", lines[2]);
    let fixed = text.replace(",0571-1,", "丁公司,0571-1,").replace("芯片", "it").replace("nobody", "admin").replace("甲公司,,,,重复", "戊公司,,,,重复");
    let again = import(&app, &app.admin, "客户-errors.csv", fixed.into_bytes(), &[("entity", "customers"), ("mode", "commit")]).await;
    assert_eq!((&again["created"], &again["failed"]), (&json!(4), &json!(0)), "{again}");
    assert_eq!(customer_names(&app).await.len(), 6);

    // Duplicates skipped on request; all or nothing leaves everything as it was.
    let skip = import(&app, &app.admin, "again.csv", "客户名称\n甲公司\n己公司\n".as_bytes().to_vec(), &[("entity", "customers"), ("mode", "commit"), ("on_duplicate", "skip")]).await;
    assert_eq!((&skip["created"], &skip["skipped"], &skip["failed"]), (&json!(1), &json!(1), &json!(0)), "{skip}");
    let atomic = import(&app, &app.admin, "atomic.csv", "客户名称,行业\n庚公司,it\n辛公司,芯片\n".as_bytes().to_vec(), &[("entity", "customers"), ("mode", "commit"), ("atomic", "true")]).await;
    assert_eq!((&atomic["status"], &atomic["created"], &atomic["failed"]), (&json!("failed"), &json!(0), &json!(1)), "{atomic}");
    assert!(atomic["error"].as_str().unwrap().contains("nothing was written"));
    assert!(!customer_names(&app).await.contains(&"庚公司".to_string()));

    // Mine only, newest first.
    let (_, mine) = app.get("/api/v1/imports?entity=customers", &app.admin).await;
    assert_eq!((&mine["total"], &mine["items"][0]["id"]), (&json!(5), &atomic["id"]));
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    assert_eq!(app.get(&format!("/api/v1/imports/{}", done["id"].as_str().unwrap()), &rep).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/api/v1/imports", &rep).await.1["total"], 0);
    jobs.stop().await;
});

dual_test!(gbk_xlsx_and_references_by_name_import, |app| {
    let jobs = worker(&app, "import-worker");
    // GBK, as Excel in China saves a CSV: detected, not mojibake.
    let (gbk, _, _) = encoding_rs::GB18030.encode("姓名,公司,来源,状态\n王芳,苏州星河电子,官网,已联系\n李雷,,展会,新线索\n");
    let r = import(&app, &app.admin, "线索.csv", gbk.into_owned(), &[("entity", "leads"), ("mode", "commit")]).await;
    assert_eq!((&r["encoding"], &r["created"], &r["failed"]), (&json!("gb18030"), &json!(2), &json!(0)), "{r}");
    let (_, leads) = app.get("/api/v1/leads?sort=name", &app.admin).await;
    let got: Vec<(Value, Value)> = leads["items"].as_array().unwrap().iter().map(|l| (l["name"].clone(), l["status"].clone())).collect();
    assert!(got.contains(&(json!("王芳"), json!("contacted"))), "{got:?}");

    // XLSX with a number, a date and a formula cell; a category named, not an id.
    app.post("/api/v1/product-categories", &app.admin, json!({"name": "会议设备"})).await;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["产品名称", "产品分类", "标准价格", "是否上架"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "会议平板").unwrap();
    sheet.write_string(1, 1, "会议设备").unwrap();
    sheet.write_number(1, 2, 12800.5).unwrap();
    sheet.write_string(1, 3, "是").unwrap();
    sheet.write_string(2, 0, "摄像头").unwrap();
    sheet.write_string(2, 1, "会议设备").unwrap();
    sheet.write_formula(2, 2, rust_xlsxwriter::Formula::new("=1000*2").set_result("2000")).unwrap();
    sheet.write_string(2, 3, "否").unwrap();
    sheet.write_string(3, 0, "投影仪").unwrap();
    sheet.write_string(3, 1, "不存在的分类").unwrap();
    sheet.write_number(3, 2, 1.0).unwrap();
    let xlsx = book.save_to_buffer().unwrap();
    let r = import(&app, &app.admin, "products.bin", xlsx, &[("entity", "products"), ("mode", "commit")]).await;
    assert_eq!((&r["format"], &r["created"], &r["failed"]), (&json!("xlsx"), &json!(2), &json!(1)), "{r}");
    assert_eq!(codes(&r), vec![(4, "not_found".into())]);
    let (_, products) = app.get("/api/v1/products?sort=name", &app.admin).await;
    let prices: Vec<(Value, Value, Value)> = products["items"].as_array().unwrap().iter().map(|p| (p["name"].clone(), p["price"].clone(), p["on_sale"].clone())).collect();
    assert!(prices.contains(&(json!("会议平板"), json!("12800.50"), json!(true))), "{prices:?}");
    assert!(prices.contains(&(json!("摄像头"), json!("2000.00"), json!(false))), "{prices:?}");

    // Contacts name their customer; one outside the importer's scope is not theirs.
    let (_, c) = app.post("/api/v1/customers", &app.admin, json!({"name": "联系人所属客户"})).await;
    let code = c["code"].as_str().unwrap().to_string();
    let csv = format!("客户名称,姓名,手机,生日\n联系人所属客户,张三,13800138000,1990/1/2\n{code},李四,,\n不存在的客户,王五,,\n联系人所属客户,赵六,,明天\n");
    let r = import(&app, &app.admin, "contacts.csv", csv.into_bytes(), &[("entity", "contacts"), ("mode", "commit")]).await;
    assert_eq!((&r["created"], &r["failed"]), (&json!(2), &json!(2)), "{r}");
    assert_eq!(codes(&r), vec![(4, "not_found".into()), (5, "invalid_date".into())]);
    let (_, contacts) = app.get(&format!("/api/v1/contacts?customer_id={}", c["id"].as_str().unwrap()), &app.admin).await;
    assert_eq!(contacts["total"], 2);
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let r = import(&app, &rep, "contacts.csv", "客户名称,姓名\n联系人所属客户,钱七\n".as_bytes().to_vec(), &[("entity", "contacts"), ("mode", "commit")]).await;
    assert_eq!((&r["created"], &r["failed"]), (&json!(0), &json!(1)), "a rep cannot add to another's customer: {r}");
    jobs.stop().await;
});

dual_test!(bad_files_and_options_are_refused_before_anything_is_queued, |app| {
    let ok = "客户名称\n甲\n".as_bytes().to_vec();
    let refused = |s: StatusCode, v: &Value| (s, v["errors"][0]["field"].as_str().unwrap_or_default().to_string(), v["errors"][0]["code"].as_str().unwrap_or_default().to_string());
    let (s, v) = upload(&app, &app.admin, "empty.csv", Vec::new(), &[("entity", "customers")]).await;
    assert_eq!(refused(s, &v), (StatusCode::UNPROCESSABLE_ENTITY, "file".into(), "empty".into()));
    let (s, v) = upload(&app, &app.admin, "客户.csv", b"%PDF-1.7 not a table".to_vec(), &[("entity", "customers")]).await;
    assert_eq!(refused(s, &v), (StatusCode::UNPROCESSABLE_ENTITY, "file".into(), "unreadable".into()));
    let (s, v) = upload(&app, &app.admin, "a.csv", ok.clone(), &[("entity", "spaceships")]).await;
    assert_eq!(refused(s, &v), (StatusCode::UNPROCESSABLE_ENTITY, "entity".into(), "invalid".into()));
    let (s, v) = upload(&app, &app.admin, "a.csv", ok.clone(), &[("entity", "customers"), ("mapping", "{\"客户名称\": \"colour\"}")]).await;
    assert_eq!(refused(s, &v), (StatusCode::UNPROCESSABLE_ENTITY, "mapping.客户名称".into(), "unknown_field".into()));
    let (s, v) = upload(&app, &app.admin, "a.csv", "电话\n1\n".as_bytes().to_vec(), &[("entity", "customers")]).await;
    assert_eq!(refused(s, &v), (StatusCode::UNPROCESSABLE_ENTITY, "columns.name".into(), "missing".into()));
    let (s, v) = upload(&app, &app.admin, "a.csv", "客户名称,Name\n1,2\n".as_bytes().to_vec(), &[("entity", "customers")]).await;
    assert_eq!(refused(s, &v), (StatusCode::UNPROCESSABLE_ENTITY, "columns.Name".into(), "duplicate".into()));
    let (s, v) = upload(&app, &app.admin, "a.csv", "姓名\n甲\n".as_bytes().to_vec(), &[("entity", "leads"), ("on_duplicate", "update")]).await;
    assert_eq!(refused(s, &v), (StatusCode::UNPROCESSABLE_ENTITY, "on_duplicate".into(), "unsupported".into()));
    let (s, v) = upload(&app, &app.admin, "a.csv", ok.clone(), &[("entity", "customers"), ("mode", "yolo")]).await;
    assert_eq!(refused(s, &v), (StatusCode::UNPROCESSABLE_ENTITY, "mode".into(), "invalid".into()));
    let (s, _) = split(app.req(Method::POST, "/api/v1/imports", Some(&app.admin)).json(&json!({"entity": "customers"})).send().await.unwrap()).await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // A rep may import leads but not customers, products or payments (their `:import` is a
    // manager's); a role needs the module's `:import` besides its `:create`.
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    for entity in ["customers", "products", "payments"] {
        let (s, v) = upload(&app, &rep, "a.csv", ok.clone(), &[("entity", entity)]).await;
        assert_eq!((s, v["detail"].as_str().unwrap_or_default().contains(&format!("{entity}:import"))), (StatusCode::FORBIDDEN, true), "{entity}: {v}");
    }
    let (s, role) = app.post("/api/v1/roles", &app.admin, json!({"name": "lead-keeper", "permissions": ["imports:create", "leads:create", "leads:read"], "data_scope": "self"})).await;
    assert_eq!(s, StatusCode::CREATED, "{role}");
    let (_, keeper) = app.user_with_role("keeper", "lead-keeper", json!({})).await;
    let (s, v) = upload(&app, &keeper, "a.csv", "姓名\n甲\n".as_bytes().to_vec(), &[("entity", "leads")]).await;
    assert_eq!((s, v["detail"].as_str()), (StatusCode::FORBIDDEN, Some("importing leads needs leads:import")), "{v}");
    assert_eq!(upload(&app, &rep, "a.csv", "姓名\n甲\n".as_bytes().to_vec(), &[("entity", "leads")]).await.0, StatusCode::ACCEPTED);
    // At most two waiting or running per person (no worker runs here).
    assert_eq!(upload(&app, &rep, "b.csv", "姓名\n乙\n".as_bytes().to_vec(), &[("entity", "leads")]).await.0, StatusCode::ACCEPTED);
    let (s, v) = upload(&app, &rep, "c.csv", "姓名\n丙\n".as_bytes().to_vec(), &[("entity", "leads")]).await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("import.too_many_running")));
    // Nothing refused was kept.
    assert_eq!(app.get("/api/v1/imports", &app.admin).await.1["total"], 0);
    // Templates in the reader's language.
    let res = app.req(Method::GET, "/api/v1/imports/template?entity=customers", Some(&app.admin)).header("accept-language", "en").send().await.unwrap();
    let text = res.text().await.unwrap();
    assert!(text.trim_start_matches('\u{feff}').starts_with("Name*,Type,Industry"), "{text}");
    let res = app.req(Method::GET, "/api/v1/imports/template?entity=products&format=xlsx", Some(&app.admin)).header("accept-language", "zh-CN").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.bytes().await.unwrap().starts_with(b"PK"));
    assert_eq!(app.get("/api/v1/imports/template?entity=ufo", &app.admin).await.0, StatusCode::BAD_REQUEST);
});

dual_test!(an_interrupted_import_goes_on_from_its_last_committed_chunk, |app| {
    let mut csv = String::from("客户名称\n");
    for i in 0..2500 {
        csv.push_str(&format!("续传客户{i:05}\n"));
    }
    let (s, v) = upload(&app, &app.admin, "big.csv", csv.into_bytes(), &[("entity", "customers"), ("mode", "commit")]).await;
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    let id = uuid::Uuid::parse_str(v["id"].as_str().unwrap()).unwrap();
    // As a server that stopped after its first chunk leaves it: running, 1000 rows in.
    // (Those rows are not in the database here, so a resumed job that wrote them again
    // or skipped too many would show in the count.)
    Import::update_many()
        .col_expr(ImportColumn::Status, Expr::value("running"))
        .col_expr(ImportColumn::CommittedRows, Expr::value(1000))
        .col_expr(ImportColumn::RowsRead, Expr::value(1000))
        .col_expr(ImportColumn::Created, Expr::value(1000))
        .filter(ImportColumn::Id.eq(id))
        .exec(&app.db)
        .await
        .unwrap();
    let jobs = worker(&app, "import-worker");
    let done = finished(&app, &app.admin, &id.to_string()).await;
    assert_eq!((&done["status"], &done["rows_read"], &done["created"]), (&json!("done"), &json!(2500), &json!(2500)), "{done}");
    use crm_persistence::customers::entities::customer::{Column as K, Entity as Customer};
    use sea_orm::{PaginatorTrait, QueryOrder};
    let made = Customer::find().filter(K::Name.starts_with("续传客户")).count(&app.db).await.unwrap();
    let first = Customer::find().filter(K::Name.starts_with("续传客户")).order_by_asc(K::Name).one(&app.db).await.unwrap().unwrap();
    assert_eq!((made, first.name.as_str()), (1500, "续传客户01000"));
    jobs.stop().await;
});

// On PostgreSQL a chunk of customers is written while the one before it commits. A
// duplicate across two neighbouring chunks must still be caught (the later chunk then
// waits for the earlier one's commit), one across chunks further apart too, and the
// customers' codes must follow the file's order.
dual_test!(chunks_written_side_by_side_still_find_duplicates_and_keep_the_files_order, |app| {
    let mut csv = String::from("客户名称,电话\n");
    for i in 0..3200 {
        let (name, phone) = match i {
            1500 => ("并行客户00010".to_string(), "0571-70001500".to_string()),
            2600 => ("并行客户02600".to_string(), "0571-70000020".to_string()),
            _ => (format!("并行客户{i:05}"), format!("0571-7{i:07}")),
        };
        csv.push_str(&format!("{name},{phone}\n"));
    }
    let (s, v) = upload(&app, &app.admin, "side-by-side.csv", csv.into_bytes(), &[("entity", "customers"), ("mode", "commit")]).await;
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    let jobs = worker(&app, "import-worker");
    let done = finished(&app, &app.admin, v["id"].as_str().unwrap()).await;
    assert_eq!((&done["status"], &done["rows_read"], &done["created"], &done["failed"]), (&json!("done"), &json!(3200), &json!(3198), &json!(2)), "{done}");
    // Rows 1502 and 2602 of the file (a header, then rows from 2).
    let failed: Vec<(i64, Value, String)> = cell_codes(&done);
    assert_eq!(failed, vec![(1502, json!("客户名称"), "duplicate".to_string()), (2602, json!("电话"), "duplicate".to_string())], "{done}");
    use crm_persistence::customers::entities::customer::{Column as K, Entity as Customer};
    use sea_orm::QueryOrder;
    let names: Vec<String> = Customer::find().filter(K::Name.starts_with("并行客户")).order_by_asc(K::Seq).all(&app.db).await.unwrap().into_iter().map(|c| c.name).collect();
    let mut in_file_order = names.clone();
    in_file_order.sort();
    assert_eq!(names.len(), 3198);
    assert!(names == in_file_order, "the codes follow the file's order");
    jobs.stop().await;
});

/// Errors as (row, column, code).
fn cell_codes(report: &Value) -> Vec<(i64, Value, String)> {
    report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["errors"].as_array().unwrap().iter().map(move |e| (r["row"].as_i64().unwrap(), e["column"].clone(), e["code"].as_str().unwrap().to_string())))
        .collect()
}

dual_test!(opportunities_import_by_customer_and_stage_names_and_their_export_imports_back, |app| {
    let jobs = worker(&app, "import-worker");
    let (s, jia) = app.post("/api/v1/customers", &app.admin, json!({"name": "甲公司"})).await;
    assert_eq!(s, StatusCode::CREATED, "{jia}");
    let code = jia["code"].as_str().unwrap();
    let csv = format!(
        "商机名称*,客户*,销售阶段,金额,预计成交日期,赢率(%),负责人,来源,描述\n\
         华东采购,甲公司,方案报价,\"120,000.00\",2027-03-31,40,admin,展会,第一行\n\
         会议室改造,{code},Negotiation,38000,2027/4/1,,,,按客户编号\n\
         无此客户,乙公司,方案报价,1000,,,,,\n\
         阶段不对,甲公司,签约,1000,,,,,\n\
         赢率不对,甲公司,,1000,,四成,,,\n"
    );
    let report = import(&app, &app.admin, "商机.csv", csv.into_bytes(), &[("entity", "opportunities"), ("mode", "commit")]).await;
    assert_eq!((&report["status"], &report["created"], &report["failed"]), (&json!("done"), &json!(2), &json!(3)), "{report}");
    assert_eq!(
        cell_codes(&report),
        vec![(4, json!("客户*"), "not_found".into()), (5, json!("销售阶段"), "not_found".into()), (6, json!("赢率(%)"), "invalid_number".into())]
    );
    let (_, list) = app.get("/api/v1/opportunities", &app.admin).await;
    let mut got: Vec<(Value, Value, Value, Value)> =
        list["items"].as_array().unwrap().iter().map(|o| (o["name"].clone(), o["amount"].clone(), o["probability"].clone(), o["customer_id"].clone())).collect();
    got.sort_by_key(|o| o.1.as_str().unwrap().len());
    assert_eq!(got, vec![(json!("会议室改造"), json!("38000.00"), json!(70), jia["id"].clone()), (json!("华东采购"), json!("120000.00"), json!(40), jia["id"].clone())], "{list}");
    let east = list["items"].as_array().unwrap().iter().find(|o| o["name"] == "华东采购").unwrap();
    assert_eq!((&east["source"], &east["expected_close_date"], &east["description"]), (&json!("exhibition"), &json!("2027-03-31"), &json!("第一行")), "{east}");
    // As a single create: the first entry of the stage history, the operation log.
    let id = east["id"].as_str().unwrap();
    assert_eq!(app.get(&format!("/api/v1/opportunities/{id}/stage-history"), &app.admin).await.1["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(app.audit_count("opportunities", id).await, 1);

    // The export, in either language, is a file the import reads back.
    for lang in ["zh-CN", "en"] {
        let res = app.req(Method::GET, "/api/v1/opportunities/export?format=csv", Some(&app.admin)).header("accept-language", lang).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let exported = res.text().await.unwrap();
        // The stage in the reader's language (方案报价 is "Proposal"); the import takes either.
        let stage = if lang == "en" { ",Proposal," } else { ",方案报价," };
        assert!(exported.contains(stage), "{lang}: {exported}");
        let again = import(&app, &app.admin, "export.csv", exported.clone().into_bytes(), &[("entity", "opportunities")]).await;
        assert_eq!((&again["created"], &again["failed"]), (&json!(2), &json!(0)), "{lang}: {again}\n{exported}");
    }

    // The record's own create permission, besides the import's.
    let role = app.post("/api/v1/roles", &app.admin, json!({"name": "importer-no-opps", "permissions": ["imports:create", "imports:read"], "data_scope": "all"})).await.1;
    let body = json!({"username": "noopps", "display_name": "noopps", "password": crate::support::PASSWORD, "role_ids": [role["id"]]});
    assert_eq!(app.post("/api/v1/users", &app.admin, body).await.0, StatusCode::CREATED);
    let noopps = app.login("noopps", crate::support::PASSWORD).await;
    let (s, _) = upload(&app, &noopps, "商机.csv", "商机名称,客户\n甲,甲公司\n".as_bytes().to_vec(), &[("entity", "opportunities")]).await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    let res = app.req(Method::GET, "/api/v1/imports/template?entity=opportunities", Some(&app.admin)).header("accept-language", "en").send().await.unwrap();
    let text = res.text().await.unwrap();
    assert!(text.trim_start_matches('\u{feff}').starts_with("Name*,Customer*,Stage,Amount"), "{text}");
    jobs.stop().await;
});

dual_test!(payments_import_as_drafts_on_contracts_in_force_by_number, |app| {
    let jobs = worker(&app, "import-worker");
    let (s, c) = app.post("/api/v1/customers", &app.admin, json!({"name": "回款客户"})).await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    let contract = |name: &'static str| {
        let app = &app;
        let c = c.clone();
        async move {
            let (s, k) = app.post("/api/v1/contracts", &app.admin, json!({"name": name, "customer_id": c["id"], "amount": "1000.00"})).await;
            assert_eq!(s, StatusCode::CREATED, "{k}");
            k
        }
    };
    let active = contract("生效合同").await;
    let (s, a) = app.post(&format!("/api/v1/contracts/{}/submit", active["id"].as_str().unwrap()), &app.admin, json!({})).await;
    assert_eq!(s, StatusCode::CREATED, "{a}");
    let draft = contract("草稿合同").await;
    let (on, off) = (active["number"].as_str().unwrap(), draft["number"].as_str().unwrap());
    // A cashier who may record payments, not over a contract's amount.
    let (s, role) = app
        .post("/api/v1/roles", &app.admin, json!({"name": "cashier", "permissions": ["imports:create", "imports:read", "payments:import", "payments:create", "payments:read", "payments:export", "contracts:read"], "data_scope": "all"}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{role}");
    let body = json!({"username": "cashier", "display_name": "出纳", "password": crate::support::PASSWORD, "role_ids": [role["id"]]});
    assert_eq!(app.post("/api/v1/users", &app.admin, body).await.0, StatusCode::CREATED);
    let cashier = app.login("cashier", crate::support::PASSWORD).await;
    let csv = format!(
        "合同编号*,回款金额*,回款日期*,回款方式,流水号,备注\n\
         {on},600.00,2027-01-20,银行转账,R1,首付\n\
         {off},100,2027-01-20,,R2,合同未生效\n\
         {on},1500,2027-01-21,cash,R3,超出合同\n\
         HT-0000-9999,1,2027-01-21,,,没有合同\n\
         {on},400,2027年1月22日,Alipay,R4,\n\
         {on},10,2027-01-22,刷脸,R5,方式不对\n"
    );
    let dry = import(&app, &cashier, "回款.csv", csv.clone().into_bytes(), &[("entity", "payments")]).await;
    let expected = vec![
        (3, Value::Null, "contract.not_in_force".to_string()),
        (4, json!("回款金额*"), "over_contract".into()),
        (5, json!("合同编号*"), "not_found".into()),
        (7, json!("回款方式"), "unknown_choice".into()),
    ];
    assert_eq!((&dry["created"], &dry["failed"]), (&json!(2), &json!(4)), "{dry}");
    assert_eq!(cell_codes(&dry), expected);
    assert_eq!(app.get("/api/v1/payments", &cashier).await.1["total"], 0, "a dry run writes nothing");
    // Skipping duplicates does not skip a contract that is not in force.
    let done = import(&app, &cashier, "回款.csv", csv.into_bytes(), &[("entity", "payments"), ("mode", "commit"), ("on_duplicate", "skip")]).await;
    assert_eq!((&done["created"], &done["skipped"], &done["failed"]), (&json!(2), &json!(0), &json!(4)), "{done}");
    assert_eq!(cell_codes(&done), expected);
    let (_, list) = app.get("/api/v1/payments", &cashier).await;
    let mut got: Vec<(Value, Value, Value, Value)> =
        list["items"].as_array().unwrap().iter().map(|p| (p["amount"].clone(), p["status"].clone(), p["method"].clone(), p["contract_id"].clone())).collect();
    got.sort_by(|a, b| a.0.as_str().cmp(&b.0.as_str()));
    assert_eq!(got, vec![(json!("400.00"), json!("draft"), json!("alipay"), active["id"].clone()), (json!("600.00"), json!("draft"), json!("bank_transfer"), active["id"].clone())], "{list}");

    // The export reads back (a dry run: drafts hold no room, so both fit again).
    let res = app.req(Method::GET, "/api/v1/payments/export?format=csv", Some(&cashier)).header("accept-language", "zh-CN").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let exported = res.text().await.unwrap();
    let again = import(&app, &cashier, "export.csv", exported.clone().into_bytes(), &[("entity", "payments")]).await;
    assert_eq!((&again["created"], &again["failed"]), (&json!(2), &json!(0)), "{again}\n{exported}");
    jobs.stop().await;
});

dual_test!(an_import_whose_job_dies_fails_where_it_stands_and_frees_its_place, |app| {
    let (s, v) = upload(&app, &app.admin, "a.csv", "客户名称\n甲\n".as_bytes().to_vec(), &[("entity", "customers"), ("mode", "commit")]).await;
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    last_attempt_next(&app, crm_persistence::imports::JOB).await;
    let jobs = worker_with(&app, "import-dying", standard_registry(&app).with(crm_persistence::imports::JOB, database_away));
    let failed = finished(&app, &app.admin, v["id"].as_str().unwrap()).await;
    jobs.stop().await;
    assert_eq!((failed["status"].as_str(), failed["created"].as_i64()), (Some("failed"), Some(0)), "{failed}");
    assert!(failed["error"].as_str().unwrap().contains("the database is away"), "{failed}");
    assert!(failed["finished_at"].is_string(), "{failed}");
});
