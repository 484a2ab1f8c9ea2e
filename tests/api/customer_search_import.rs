//! Customer search over the indexed search text, the bulk import path, capped counting,
//! and (PostgreSQL) that the list queries the UI sends use indexes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use chrono::Utc;
use crm_domain::customers::{CustomerKind, NewCustomer};
use crm_persistence::customers::import::{import_batch, ImportContact, ImportFollowUp, ImportRow};
use crm_persistence::Ctx;
use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::support::TestApp;

async fn search(app: &TestApp, q: &str) -> Vec<String> {
    let (s, page) = app.get(&format!("/api/v1/customers?page_size=200&q={}", urlencode(q)), &app.admin).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    page["items"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_string()).collect()
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

fn customer(name: &str) -> NewCustomer {
    NewCustomer {
        name: name.into(),
        kind: CustomerKind::Company,
        industry: None,
        source: None,
        level: None,
        region_code: None,
        province: None,
        city: None,
        district: None,
        address: None,
        phone: None,
        email: None,
        website: None,
        tags: Vec::new(),
        remark: None,
    }
}

fn row(name: &str) -> ImportRow {
    ImportRow { customer: customer(name), owner_id: None, contact: None, follow_up: None }
}

async fn admin_ctx(app: &TestApp) -> Ctx {
    let (_, me) = app.get("/api/v1/me", &app.admin).await;
    let mut ctx = Ctx::system("test-import");
    std::sync::Arc::make_mut(&mut ctx.actor).user_id = Uuid::parse_str(me["id"].as_str().unwrap()).unwrap();
    std::sync::Arc::make_mut(&mut ctx.actor).username = "admin".into();
    ctx
}

dual_test!(search_covers_name_code_phone_email_and_contacts, |app| {
    let t = app.admin.clone();
    let (s, c) = app.post("/api/v1/customers", &t, json!({"name": "苏州精工模具有限公司", "phone": "0512-6677 8899", "email": "Sales@JingGong.example"})).await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    let id = c["id"].as_str().unwrap().to_string();
    let code = c["code"].as_str().unwrap().to_string();
    app.post("/api/v1/customers", &t, json!({"name": "无锡宏达物流"})).await;
    for q in ["精工", "精工模具", "工模具有限", "JINGGONG", "6677", "sales@jing", &code.to_lowercase()] {
        assert_eq!(search(&app, q).await, vec!["苏州精工模具有限公司"], "q={q}");
    }
    // A contact's name and mobile find the customer; deleting the contact stops that,
    // restoring it from the recycle bin brings it back.
    let (s, k) = app.post("/api/v1/contacts", &t, json!({"customer_id": id, "name": "欧阳娜娜", "mobile": "13912345678"})).await;
    assert_eq!(s, StatusCode::CREATED, "{k}");
    let kid = k["id"].as_str().unwrap().to_string();
    assert_eq!(search(&app, "欧阳娜").await.len(), 1);
    assert_eq!(search(&app, "1234567").await.len(), 1);
    app.patch(&format!("/api/v1/contacts/{kid}"), &t, json!({"name": "司马娜娜"})).await;
    assert!(search(&app, "欧阳娜").await.is_empty());
    assert_eq!(search(&app, "司马娜").await.len(), 1);
    let (s, _) = app.delete(&format!("/api/v1/contacts/{kid}"), &t).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert!(search(&app, "司马娜").await.is_empty());
    let (s, b) = app.post(&format!("/api/v1/recycle-bin/contacts/{kid}/restore"), &t, json!({})).await;
    assert!(s.is_success(), "{b}");
    assert_eq!(search(&app, "司马娜").await.len(), 1);
    // A rename is searchable at once, the old name no longer.
    app.patch(&format!("/api/v1/customers/{id}"), &t, json!({"name": "苏州精密机电有限公司"})).await;
    assert!(search(&app, "精工模具").await.is_empty());
    assert_eq!(search(&app, "精密机电").await, vec!["苏州精密机电有限公司"]);
    // Quotes, wildcards and FTS syntax are text, not operators.
    for q in ["\"", "%", "_", "精密\" OR \"宏达", "NEAR(a b)", "a*"] {
        assert!(search(&app, q).await.is_empty(), "q={q}");
    }
});

dual_test!(import_checks_rows_and_writes_the_valid_ones, |app| {
    let ctx = admin_ctx(&app).await;
    app.post("/api/v1/customers", &app.admin, json!({"name": "已存在科技有限公司", "phone": "021-5555 0001"})).await;
    let (disabled, _) = app.user_with_role("gone", "sales_rep", json!({})).await;
    let (s, u) = app.patch(&format!("/api/v1/users/{disabled}"), &app.admin, json!({"enabled": false})).await;
    assert_eq!(s, StatusCode::OK, "{u}");
    let mut with_contact = row("导入甲有限公司");
    with_contact.contact = Some(ImportContact { name: "赵敏".into(), title: Some("经理".into()), mobile: Some("13800001111".into()), email: None });
    with_contact.follow_up = Some(ImportFollowUp { kind: "visit".into(), content: "上门拜访".into(), occurred_at: Utc::now() - chrono::Duration::days(1), next_follow_up_at: None });
    let mut bad_code = row("导入乙有限公司");
    bad_code.customer.level = Some("zzz".into());
    let mut dup_phone = row("导入丙有限公司");
    dup_phone.customer.phone = Some("02155550001".into());
    let mut bad_owner = row("导入丁有限公司");
    bad_owner.owner_id = Some(Uuid::parse_str(&disabled).unwrap());
    let mut bad_mobile = row("导入戊有限公司");
    bad_mobile.contact = Some(ImportContact { name: "钱".into(), title: None, mobile: Some("not a phone".into()), email: None });
    let rows = vec![
        with_contact,
        bad_code,
        row("已存在科技"),      // the same normalised name as a stored customer
        dup_phone,
        row("导入甲有限公司"),  // the same name as row 0 in this batch
        bad_owner,
        bad_mobile,
        row(&"长".repeat(201)),
        row("导入己有限公司"),
    ];
    // Atomic: one bad row and nothing is written.
    let out = import_batch(&app.db, &ctx, rows.clone(), true).await.unwrap();
    assert!(out.created.is_empty());
    assert_eq!(out.errors.len(), 7);
    let (_, page) = app.get("/api/v1/customers?q=导入", &app.admin).await;
    assert_eq!(page["total"], 0);
    // Not atomic: the valid rows are written, each bad one says why.
    let out = import_batch(&app.db, &ctx, rows, false).await.unwrap();
    assert_eq!(out.created.iter().map(|(i, _)| *i).collect::<Vec<_>>(), vec![0, 8]);
    let why: Vec<(usize, String)> = out.errors.iter().map(|e| (e.index, e.error.errors[0].field.clone())).collect();
    assert_eq!(
        why,
        vec![(1, "level".into()), (2, "name".into()), (3, "phone".into()), (4, "name".into()), (5, "owner_id".into()), (6, "contact.mobile".into()), (7, "name".into())]
    );
    let id = out.created[0].1;
    let (s, c) = app.get(&format!("/api/v1/customers/{id}"), &app.admin).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(c["pool"], "potential");
    assert!(c["code"].as_str().unwrap().starts_with('C'));
    assert!(c["last_follow_up_at"].is_string());
    let (_, contacts) = app.get(&format!("/api/v1/contacts?customer_id={id}"), &app.admin).await;
    assert_eq!(contacts["items"][0]["name"], "赵敏");
    assert_eq!(contacts["items"][0]["is_primary"], true);
    let (_, fus) = app.get(&format!("/api/v1/follow-ups?customer_id={id}"), &app.admin).await;
    assert_eq!(fus["total"], 1);
    assert_eq!(search(&app, "13800001111").await, vec!["导入甲有限公司"]);
    assert_eq!(app.audit_count("customers", &id.to_string()).await, 1);
    // Codes come from the same sequence as single creates: no clash afterwards.
    let (s, after) = app.post("/api/v1/customers", &app.admin, json!({"name": "之后新建"})).await;
    assert_eq!(s, StatusCode::CREATED, "{after}");
});

dual_test!(totals_are_capped_and_say_so, |app| {
    let ctx = admin_ctx(&app).await;
    for batch in 0..11 {
        let rows = (0..1000).map(|i| row(&format!("批量客户{:05}", batch * 1000 + i))).collect();
        let out = import_batch(&app.db, &ctx, rows, true).await.unwrap();
        assert_eq!(out.created.len(), 1000);
    }
    let (s, page) = app.get("/api/v1/customers?page_size=5", &app.admin).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(page["total"], 10_000);
    assert_eq!(page["total_exact"], false);
    assert_eq!(page["items"].as_array().unwrap().len(), 5);
    let (_, page) = app.get(&format!("/api/v1/customers?q={}", urlencode("批量客户0012")), &app.admin).await;
    assert_eq!(page["total"], 10);
    assert_eq!(page["total_exact"], true);
    // A search counts to its own, lower cap and says so; the cap moves on ten pages past
    // the page shown, so the pager always offers more; pages inside and past it.
    let q = urlencode("批量客户");
    let (_, page) = app.get(&format!("/api/v1/customers?q={q}&sort=name&page=2&page_size=5"), &app.admin).await;
    assert_eq!((page["total"].as_u64(), page["total_exact"].as_bool()), (Some(200), Some(false)));
    let names: Vec<&str> = page["items"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["批量客户00005", "批量客户00006", "批量客户00007", "批量客户00008", "批量客户00009"]);
    for (page, first, total) in [(201, 1000, 1_050), (2001, 10_000, 10_000)] {
        let (_, far) = app.get(&format!("/api/v1/customers?q={q}&sort=name&page={page}&page_size=5"), &app.admin).await;
        assert_eq!((far["total"].as_u64(), far["total_exact"].as_bool()), (Some(total), Some(false)));
        let names: Vec<String> = far["items"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_string()).collect();
        assert_eq!(names, (first..first + 5).map(|i| format!("批量客户{i:05}")).collect::<Vec<_>>());
    }
    let (_, page) = app.get("/api/v1/users", &app.admin).await;
    assert_eq!(page["total_exact"], true);
});

/// The list queries the customer page sends, on PostgreSQL with sequential scans priced
/// out: each must be answered from an index, never by reading the whole table.
mod list_queries_use_indexes {
    use super::*;
    use crm_persistence::listing::ListParams;
    use sea_orm::{ConnectionTrait, DbBackend, QuerySelect, QueryTrait, Statement, TransactionTrait};

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        let app = TestApp::spawn(crate::support::DbKind::Postgres).await;
        let ctx = admin_ctx(&app).await;
        for batch in 0..3 {
            let rows = (0..1000).map(|i| row(&format!("索引客户{:05}", batch * 1000 + i))).collect();
            import_batch(&app.db, &ctx, rows, true).await.unwrap();
        }
        // Spread over 100 owners as in a real team, so the owner filter is as selective
        // as it is in production (owners need not be users for the plan).
        app.db.execute_unprepared("UPDATE customers SET owner_id = md5((seq % 100)::text)::uuid").await.unwrap();
        let owner: Uuid = Uuid::parse_str("c4ca4238-a0b9-2382-0dcc-509a6f75849b").unwrap(); // md5('1')
        // VACUUM also moves fresh rows out of the GIN index's pending list, as autovacuum would.
        app.db.execute_unprepared("VACUUM ANALYZE customers").await.unwrap();
        // Each case names the indexes that may serve it (either ordered owner index may
        // serve an owner filter when the pool filter is not selective), and whether its
        // few rows may be sorted: a trigram match comes unordered, and so do the customers
        // with one value of an optional field. Everything else is read in index order.
        type Case<'a> = (&'a str, Vec<(&'a str, String)>, Option<&'a str>, &'a [&'a str], bool);
        let cases: Vec<Case> = vec![
            ("owner + pool, newest first", vec![("owner_id", owner.to_string()), ("pool", "potential".into())], None, &["idx_customers_live_owner_pool_upd", "idx_customers_live_owner_upd"], false),
            ("owner, newest first", vec![("owner_id", owner.to_string())], None, &["idx_customers_live_owner_pool_upd", "idx_customers_live_owner_upd"], false),
            ("default pools, newest first", vec![], None, &["idx_customers_live_upd_text"], false),
            ("by next follow-up", vec![("next_follow_up_at_from", "2026-01-01".into())], None, &["idx_customers_live_next_follow_up"], false),
            // The optional fields' indexes leave out the customers without a value.
            ("industry", vec![("industry", "it".into())], None, &["idx_customers_given_industry"], true),
            ("province", vec![("province", "上海".into())], None, &["idx_customers_given_province_city"], true),
            ("fuzzy q", vec![], Some("客户0012"), &["idx_customers_search_trgm"], true),
            // Many matches, newest first: a window of the recency index read in order from
            // the index alone, the text tested there (`customers::list`'s recency walk).
            ("fuzzy q, recency walk", vec![], Some("索引客户"), &["Index Only Scan Backward using idx_customers_live_upd_text"], false),
        ];
        for (what, filters, q, indexes, may_sort) in cases {
            let mut params = ListParams::first_page();
            params.page_size = 20;
            params.q = q.map(str::to_string);
            params.filters = filters.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
            if what.contains("follow-up") {
                params.sort = vec!["next_follow_up_at".into()];
            }
            let walk = what.contains("walk");
            let stmt = if walk {
                let mut query = crm_persistence::customers::list::recency_walk_query(&app.db, &ctx, &params, 2000).await.unwrap();
                DbBackend::Postgres.build(query.limit(20))
            } else {
                crm_persistence::customers::list::list_select(&app.db, &ctx, params).await.unwrap().limit(20).build(DbBackend::Postgres)
            };
            let plan = explain(&app, stmt).await;
            assert!(!plan.contains("Seq Scan on customers"), "{what}: sequential scan\n{plan}");
            assert!(indexes.iter().any(|i| plan.contains(i)), "{what}: expected one of {indexes:?}\n{plan}");
            assert!(may_sort || !plan.contains("Sort Key"), "{what}: sorts instead of reading in index order\n{plan}");
        }
        // A thousand sampled texts, so a fragment's match count is estimated closely
        // enough that a small LIMIT does not tempt the planner away from the trigram index.
        let target = app
            .db
            .query_one(Statement::from_string(DbBackend::Postgres, "SELECT attstattarget::int4 FROM pg_attribute WHERE attrelid = 'customers'::regclass AND attname = 'search_text'"))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(target.try_get_by_index::<i32>(0).unwrap(), 1000);
        // New trigrams wait in a pending list: short for the server's connections, merged
        // in short steps; the index itself sets none, so a bulk write may raise it for its
        // transaction. Autovacuum keeps the head of the recency index visible after 1% new
        // customers.
        let options = |relation: &'static str| {
            let db = &app.db;
            async move {
                let sql = format!("SELECT COALESCE(array_to_string(reloptions, ','), '') FROM pg_class WHERE relname = '{relation}'");
                db.query_one(Statement::from_string(DbBackend::Postgres, sql)).await.unwrap().unwrap().try_get_by_index::<String>(0).unwrap()
            }
        };
        assert_eq!(options("idx_customers_search_trgm").await, "");
        let limit = app.db.query_one(Statement::from_string(DbBackend::Postgres, "SHOW gin_pending_list_limit")).await.unwrap().unwrap();
        assert_eq!(limit.try_get_by_index::<String>(0).unwrap(), "256kB");
        assert!(options("customers").await.contains("autovacuum_vacuum_insert_scale_factor=0.01"));
        // Every create runs the duplicate check: one probe per key, each in its unique index.
        let stmt = crm_persistence::customers::duplicates::duplicates_select(Some("索引客户00001"), Some("138 0000 0001"), Some("a@example.com"), None).build(DbBackend::Postgres);
        let plan = explain(&app, stmt).await;
        for index in DUPLICATE_KEY_INDEXES {
            assert!(plan.contains(index), "duplicate check: expected {index}\n{plan}");
        }
    }

    const DUPLICATE_KEY_INDEXES: [&str; 3] = ["uq_customers_live_name", "uq_customers_live_phone", "uq_customers_live_email"];

    /// SQLite's recency walk reads its window from the index alone, never a customer's row.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        let app = TestApp::spawn(crate::support::DbKind::Sqlite).await;
        let ctx = admin_ctx(&app).await;
        import_batch(&app.db, &ctx, (0..300).map(|i| row(&format!("索引客户{i:05}"))).collect(), true).await.unwrap();
        app.db.execute_unprepared("ANALYZE").await.unwrap();
        let mut params = ListParams::first_page();
        params.q = Some("索引客户".into());
        let mut query = crm_persistence::customers::list::recency_walk_query(&app.db, &ctx, &params, 2000).await.unwrap();
        let plan = sqlite_plan(&app, DbBackend::Sqlite.build(query.limit(20))).await;
        assert!(plan.iter().any(|p| p.contains("COVERING INDEX idx_customers_live_upd_cover")), "{plan:?}");
        // The duplicate check probes each key's unique index, never the table.
        let stmt = crm_persistence::customers::duplicates::duplicates_select(Some("索引客户00001"), Some("138 0000 0001"), Some("a@example.com"), None).build(DbBackend::Sqlite);
        let plan = sqlite_plan(&app, stmt).await;
        for index in DUPLICATE_KEY_INDEXES {
            assert!(plan.iter().any(|p| p.contains(index)), "duplicate check: expected {index}\n{plan:?}");
        }
        assert!(!plan.iter().any(|p| p.starts_with("SCAN")), "duplicate check scans\n{plan:?}");
    }

    /// SQLite's plan of `stmt`, a line per step.
    async fn sqlite_plan(app: &TestApp, stmt: Statement) -> Vec<String> {
        let explain = Statement::from_sql_and_values(DbBackend::Sqlite, format!("EXPLAIN QUERY PLAN {}", stmt.sql), stmt.values.unwrap_or(sea_orm::Values(Vec::new())));
        app.db.query_all(explain).await.unwrap().iter().map(|r| r.try_get::<String>("", "detail").unwrap()).collect()
    }

    /// The plan of `stmt`, with sequential scans priced out and SSD page costs as a
    /// production server would set.
    async fn explain(app: &TestApp, stmt: Statement) -> String {
        let tx = app.db.begin().await.unwrap();
        tx.execute_unprepared("SET LOCAL enable_seqscan = off").await.unwrap();
        tx.execute_unprepared("SET LOCAL random_page_cost = 1.1").await.unwrap();
        let rows = tx.query_all(Statement::from_sql_and_values(DbBackend::Postgres, format!("EXPLAIN {}", stmt.sql), stmt.values.unwrap_or(sea_orm::Values(Vec::new())))).await.unwrap();
        tx.rollback().await.unwrap();
        rows.iter().map(|r| r.try_get_by_index::<String>(0).unwrap()).collect::<Vec<_>>().join("\n")
    }
}

dual_test!(batch_create_answers_each_item, |app| {
    let (rep_id, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    app.post("/api/v1/customers", &app.admin, json!({"name": "已有客户", "phone": "021-1234 5678"})).await;
    let items = json!({"items": [
        {"name": "批量甲", "industry": "it", "phone": "13900000001"},
        {"name": "已有客户"},
        {"name": "批量乙", "level": "nope"},
        {"name": "批量甲"},
        {"name": "批量丙", "phone": "02112345678"},
        {"name": "批量丁"},
    ]});
    // Reps may not import (a manager's right).
    let (s, _) = app.post("/api/v1/customers/batch", &rep, items.clone()).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // Atomic: nothing written, the good items say why (424).
    let (s, out) = app.post("/api/v1/customers/batch?atomic=true", &app.admin, items.clone()).await;
    assert_eq!(s, StatusCode::OK, "{out}");
    let statuses: Vec<u64> = out["results"].as_array().unwrap().iter().map(|r| r["status"].as_u64().unwrap()).collect();
    assert_eq!(statuses, vec![424, 409, 422, 409, 409, 424]);
    let (_, page) = app.get(&format!("/api/v1/customers?q={}", urlencode("批量")), &app.admin).await;
    assert_eq!(page["total"], 0);
    // Not atomic, into the rep's book: the good items are written and owned by the rep.
    let (s, out) = app.post(&format!("/api/v1/customers/batch?owner_id={rep_id}"), &app.admin, items).await;
    assert_eq!(s, StatusCode::OK, "{out}");
    let results = out["results"].as_array().unwrap();
    let statuses: Vec<u64> = results.iter().map(|r| r["status"].as_u64().unwrap()).collect();
    assert_eq!(statuses, vec![201, 409, 422, 409, 409, 201]);
    assert_eq!(results[2]["error"]["errors"][0]["field"], "level");
    assert_eq!(results[1]["error"]["code"], "customer.duplicate");
    let id = results[0]["id"].as_str().unwrap();
    let (s, c) = app.get(&format!("/api/v1/customers/{id}"), &rep).await;
    assert_eq!(s, StatusCode::OK, "the rep owns it: {c}");
    assert_eq!(c["owner_id"], rep_id.as_str());
    // Bad requests: too many items, a bad owner, a malformed item.
    let many = json!({"items": (0..1001).map(|i| json!({"name": format!("多{i}")})).collect::<Vec<_>>()});
    let (s, _) = app.post("/api/v1/customers/batch", &app.admin, many).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, _) = app.post("/api/v1/customers/batch?owner_id=nobody", &app.admin, json!({"items": []})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, out) = app.post("/api/v1/customers/batch?owner_id=01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", &app.admin, json!({"items": [{"name": "无主"}]})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(out["results"][0]["status"], 422);
    let (s, _) = app.post("/api/v1/customers/batch", &app.admin, json!({"items": [{"nom": "x"}]})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
});

dual_test!(search_pages_follow_the_sort_and_keep_the_total, |app| {
    for name in ["星河乙公司", "星河甲公司", "星河丙公司", "别的公司"] {
        let (s, c) = app.post("/api/v1/customers", &app.admin, json!({"name": name})).await;
        assert_eq!(s, StatusCode::CREATED, "{c}");
    }
    let page = |query: &'static str| {
        let app = &app;
        async move {
            let (s, p) = app.get(&format!("/api/v1/customers?q=%E6%98%9F%E6%B2%B3{query}"), &app.admin).await;
            assert_eq!(s, StatusCode::OK, "{p}");
            let names: Vec<String> = p["items"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_string()).collect();
            (names, p["total"].as_u64().unwrap(), p["total_exact"].as_bool().unwrap())
        }
    };
    // 星河 is two characters, under the trigram length: the SQLite fallback; 星河公 is not.
    assert_eq!(page("&sort=name&page_size=2").await.1, 3);
    let (all, ..) = page("&sort=name&page_size=10").await;
    assert_eq!(page("&sort=name&page_size=2&page=2").await, (all[2..].to_vec(), 3, true));
    let mut reversed = all.clone();
    reversed.reverse();
    assert_eq!(page("&sort=-name&page_size=2").await, (reversed[..2].to_vec(), 3, true));
    assert_eq!(page("&sort=-name&page_size=2&page=5").await, (Vec::new(), 3, true));
    let (s, p) = app.get("/api/v1/customers?q=%E6%98%9F%E6%B2%B3%E4%B9%99%E5%85%AC&sort=name", &app.admin).await;
    assert_eq!((s, p["total"].as_u64(), p["items"][0]["name"].as_str()), (StatusCode::OK, Some(1), Some("星河乙公司")));
});

dual_test!(recency_walk_pages_match_the_database_order, |app| {
    use sea_orm::{ConnectionTrait, Statement};
    // 150 old matches, 1,050 newer customers that do not match, then 3 new matches: the
    // walk's window over the newest customers holds too few of the first, so that search
    // falls back to looking its matches up; the second search is answered by the walk.
    for (prefix, from, to) in [("老字号商行", 0, 150), ("新开门店", 0, 1000), ("新开门店", 1000, 1050), ("老字号新店", 0, 3)] {
        let ctx = admin_ctx(&app).await;
        import_batch(&app.db, &ctx, (from..to).map(|i| row(&format!("{prefix}{i:04}"))).collect(), true).await.unwrap();
    }
    // 1,050 matches pass the search's count cap, ten pages past the one shown: the total
    // says "200+", then "220+".
    // Two words match where both occur, in either order: the walk tests each.
    for (q, totals) in [("老字号", [(153, true), (153, true)]), ("新开门店", [(200, false), (220, false)]), ("门店 新开", [(200, false), (220, false)]), ("老字号 新店", [(3, true), (3, true)])] {
        for (page, total) in [1, 2].into_iter().zip(totals) {
            let (s, p) = app.get(&format!("/api/v1/customers?q={}&sort=-updated_at&page_size=20&page={page}", urlencode(q)), &app.admin).await;
            assert_eq!((s, p["total"].as_u64(), p["total_exact"].as_bool()), (StatusCode::OK, Some(total.0), Some(total.1)), "{p}");
            let got: Vec<&str> = p["items"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
            let sql = format!(
                "SELECT name FROM customers WHERE deleted_at IS NULL AND {} ORDER BY updated_at DESC, id DESC LIMIT 20 OFFSET {}",
                q.split(' ').map(|w| format!("search_text LIKE '%{w}%'")).collect::<Vec<_>>().join(" AND "),
                (page - 1) * 20
            );
            let rows = app.db.query_all(Statement::from_string(app.db.get_database_backend(), sql)).await.unwrap();
            let want: Vec<String> = rows.iter().map(|r| r.try_get_by_index::<String>(0).unwrap()).collect();
            assert_eq!(got, want, "{q}, page {page}");
        }
    }
});

// The bulk path sends PostgreSQL each column as one array literal: texts that look like
// its syntax (quotes, backslashes, braces, commas, the word NULL) must come back as sent,
// and absent fields as null, not as the text "NULL" or "".
dual_test!(bulk_written_customers_keep_awkward_texts_exactly, |app| {
    let awkward = [r#"引号"与\反斜杠"#, "{大括号,逗号}", "NULL", "中间  两个空格", "多行\n文本", "emoji 🚀 and 'single'"];
    let items: Vec<Value> = awkward.iter().enumerate().map(|(i, t)| json!({"name": format!("批量写入{i}"), "remark": t, "address": if i % 2 == 0 { Value::Null } else { json!(t) }, "tags": [t, "二"]})).collect();
    let (s, out) = app.post("/api/v1/customers/batch", &app.admin, json!({"items": items})).await;
    assert_eq!(s, StatusCode::OK, "{out}");
    for (i, (r, t)) in out["results"].as_array().unwrap().iter().zip(awkward).enumerate() {
        assert_eq!(r["status"], 201, "{r}");
        let (s, c) = app.get(&format!("/api/v1/customers/{}", r["id"].as_str().unwrap()), &app.admin).await;
        assert_eq!(s, StatusCode::OK, "{c}");
        assert_eq!(c["remark"], t, "{c}");
        assert_eq!(c["address"], if i % 2 == 0 { Value::Null } else { json!(t) }, "{c}");
        let mut tags = vec![t, "二"];
        tags.sort();
        assert_eq!(c["tags"], json!(tags), "tags are kept sorted: {c}");
        assert_eq!(c["version"], 1);
    }
});
