//! Quotes and orders: exact totals with discounts and taxes, yearly numbers, the status
//! machines and their refusals, a sent quote frozen for its PDF (real, searchable text in
//! a font subset), one order per accepted quote even when two requests race, who sees
//! what, and bad input that changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::io::Read;

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::TestApp;

async fn customer(app: &TestApp, token: &str, name: &str) -> String {
    let (s, c) = app.post("/api/v1/customers", token, json!({"name": name})).await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    c["id"].as_str().unwrap().to_string()
}

async fn product(app: &TestApp, name: &str, price: &str) -> String {
    let (_, cat) = app.post("/api/v1/product-categories", &app.admin, json!({"name": format!("类别 {name}")})).await;
    let (s, p) = app.post("/api/v1/products", &app.admin, json!({"name": name, "category_id": cat["id"], "price": price, "unit": "把"})).await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    p["id"].as_str().unwrap().to_string()
}

async fn count(app: &TestApp, token: &str, path: &str) -> u64 {
    let (s, page) = app.get(path, token).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    page["total"].as_u64().unwrap()
}

async fn to(app: &TestApp, token: &str, path: &str, status: &str) -> (StatusCode, Value) {
    app.post(&format!("{path}/transition"), token, json!({"to": status})).await
}

fn line(name: &str, q: &str, p: &str, d: &str, t: &str) -> Value {
    json!({"name": name, "quantity": q, "unit_price": p, "discount_percent": d, "tax_rate_percent": t})
}

/// The PDF's streams, inflated where they are compressed: the text a reader extracts is in
/// the fonts' ToUnicode maps, as UTF-16 hex.
pub(crate) fn streams(pdf: &[u8]) -> String {
    let mut out = String::new();
    let mut rest = pdf;
    while let Some(start) = find(rest, b"stream") {
        let body = &rest[start + 6..];
        let body = body.strip_prefix(b"\r\n").or_else(|| body.strip_prefix(b"\n")).unwrap_or(body);
        let Some(end) = find(body, b"endstream") else { break };
        let raw = &body[..end];
        let mut inflated = Vec::new();
        if flate2::read::ZlibDecoder::new(raw).read_to_end(&mut inflated).is_ok() {
            out.push_str(&String::from_utf8_lossy(&inflated));
        } else {
            out.push_str(&String::from_utf8_lossy(raw));
        }
        out.push('\n');
        rest = &body[end + 9..];
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Whether the PDF's text holds every character of `text` (its ToUnicode entries).
pub(crate) fn has_text(maps: &str, text: &str) -> bool {
    let upper = maps.to_uppercase();
    text.chars().all(|c| upper.contains(&format!("<{:04X}>", c as u32)))
}

async fn pdf(app: &TestApp, token: &str, id: &str, lang: &str) -> (StatusCode, Vec<u8>, reqwest::header::HeaderMap) {
    let res = app.req(Method::GET, &format!("/api/v1/quotes/{id}/pdf?lang={lang}"), Some(token)).send().await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    (status, res.bytes().await.unwrap().to_vec(), headers)
}

dual_test!(quote_totals_are_exact_and_bad_input_changes_nothing, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let cid = customer(&app, &rep, "杭州明远科技").await;
    let chair = product(&app, "人体工学椅", "1234.56").await;
    // Hand-computed, half up per line: gross; after discount; tax on that; total.
    let lines = json!([
        {"product_id": chair, "quantity": "3", "unit_price": "1234.56", "discount_percent": "10", "tax_rate_percent": "13"},
        line("配件", "1", "0.25", "50", "6"),
        line("线材", "2.5", "19.99", "0", "9"),
        line("样品", "0.0001", "100.00", "0", "13"),
        line("耗材", "7", "33.33", "33.33", "16.5"),
        line("安装", "12", "99.99", "12.5", "13"),
        line("运费", "1", "0.05", "0", "10"),
    ]);
    let (s, q) = app.post("/api/v1/quotes", &rep, json!({"customer_id": cid, "valid_until": "2030-06-30", "currency": "cny", "lines": lines})).await;
    assert_eq!(s, StatusCode::CREATED, "{q}");
    let got: Vec<(&str, &str, &str)> = q["lines"].as_array().unwrap().iter().map(|l| (l["subtotal"].as_str().unwrap(), l["tax"].as_str().unwrap(), l["total"].as_str().unwrap())).collect();
    assert_eq!(
        got,
        vec![
            ("3333.31", "433.33", "3766.64"),
            ("0.13", "0.01", "0.14"),
            ("49.98", "4.50", "54.48"),
            ("0.01", "0.00", "0.01"),
            ("155.55", "25.67", "181.22"),
            ("1049.90", "136.49", "1186.39"),
            ("0.05", "0.01", "0.06"),
        ]
    );
    assert_eq!((q["subtotal"].as_str(), q["discount_total"].as_str(), q["tax_total"].as_str(), q["total"].as_str()), (Some("5187.16"), Some("598.23"), Some("600.01"), Some("5188.94")));
    assert_eq!(q["total_in_words"], "伍仟壹佰捌拾捌元玖角肆分");
    assert_eq!((q["lines"][0]["name"].as_str(), q["lines"][0]["unit"].as_str()), (Some("人体工学椅"), Some("把")), "a product line takes the product's name and unit");
    assert_eq!((q["currency"].as_str(), q["status"].as_str()), (Some("CNY"), Some("draft")));
    let year = chrono::Utc::now().format("%Y").to_string();
    assert_eq!(q["number"].as_str(), Some(format!("QT-{year}-000001").as_str()));
    let (_, q2) = app.post("/api/v1/quotes", &rep, json!({"customer_id": cid})).await;
    assert_eq!(q2["number"].as_str(), Some(format!("QT-{year}-000002").as_str()));
    assert_eq!(q2["valid_until"].as_str(), Some((chrono::Utc::now().date_naive() + chrono::Days::new(30)).to_string().as_str()), "30 days by default");

    // Each bad body is refused naming its field, and nothing is written.
    let (_, other_rep) = app.user_with_role("other", "sales_rep", json!({})).await;
    let theirs = customer(&app, &other_rep, "别人的客户").await;
    let (_, their_opp) = app.post("/api/v1/opportunities", &other_rep, json!({"customer_id": theirs, "name": "别人的商机"})).await;
    let (_, other_opp) = app.post("/api/v1/opportunities", &rep, json!({"customer_id": customer(&app, &rep, "另一个客户").await, "name": "另一个商机"})).await;
    let before = count(&app, &app.admin, "/api/v1/quotes").await;
    for (body, status, field) in [
        (json!({"customer_id": cid, "lines": [line("x", "-1", "1", "0", "0")]}), 422, "lines[0].quantity"),
        (json!({"customer_id": cid, "lines": [line("x", "1", "1", "100.01", "0")]}), 422, "lines[0].discount_percent"),
        (json!({"customer_id": cid, "lines": [line("x", "1", "1", "0", "101")]}), 422, "lines[0].tax_rate_percent"),
        (json!({"customer_id": cid, "lines": [line("x", "1", "1", "0", "13.125")]}), 422, "lines[0].tax_rate_percent"),
        (json!({"customer_id": cid, "lines": [{"quantity": "1", "unit_price": "1"}]}), 422, "lines[0].name"),
        (json!({"customer_id": cid, "lines": [{"product_id": cid, "quantity": "1", "unit_price": "1"}]}), 422, "lines[0].product_id"),
        (json!({"customer_id": cid, "currency": "人民币"}), 422, "currency"),
        (json!({"customer_id": cid, "opportunity_id": other_opp["id"]}), 422, "opportunity_id"),
        (json!({"customer_id": cid, "opportunity_id": their_opp["id"]}), 422, "opportunity_id"),
        (json!({"customer_id": cid, "contact_id": theirs}), 422, "contact_id"),
        (json!({"customer_id": cid, "terms": "x".repeat(5001)}), 422, "terms"),
        (json!({"customer_id": theirs}), 404, ""),
    ] {
        let (s, e) = app.post("/api/v1/quotes", &rep, body.clone()).await;
        assert_eq!(s.as_u16(), status, "{body}: {e}");
        if !field.is_empty() {
            assert_eq!(e["errors"][0]["field"].as_str(), Some(field), "{body}: {e}");
        }
    }
    assert_eq!(count(&app, &app.admin, "/api/v1/quotes").await, before);
    // A gap-free year: refused quotes took no number.
    let (_, q3) = app.post("/api/v1/quotes", &rep, json!({"customer_id": cid})).await;
    assert_eq!(q3["number"].as_str(), Some(format!("QT-{year}-000003").as_str()));
    // The other rep sees none of them; an admin sees them all.
    assert_eq!(count(&app, &other_rep, "/api/v1/quotes").await, 0);
    assert_eq!(app.get(&format!("/api/v1/quotes/{}", q["id"].as_str().unwrap()), &other_rep).await.0, StatusCode::NOT_FOUND);
    assert_eq!(count(&app, &app.admin, &format!("/api/v1/quotes?customer_id={cid}&status=draft&sort=-total")).await, 3);
});

dual_test!(a_quote_is_sent_frozen_printed_accepted_and_ordered_once, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let (s, _) = app.call(Method::PUT, "/api/v1/settings/company", &app.admin, Some(json!({"name": "杭州云帆信息技术有限公司", "address": "杭州市滨江区网商路 699 号", "tax_number": "91330108MA2B3C4D5E"}))).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(app.call(Method::PUT, "/api/v1/settings/company", &rep, Some(json!({"name": "x"}))).await.0, StatusCode::FORBIDDEN);
    let cid = customer(&app, &rep, "苏州恒达电子").await;
    let (_, q) = app.post("/api/v1/quotes", &rep, json!({"customer_id": cid, "valid_until": "2030-06-30", "terms": "货到付款。\n质保一年。"})).await;
    let path = format!("/api/v1/quotes/{}", q["id"].as_str().unwrap());
    let id = q["id"].as_str().unwrap().to_string();

    // Nothing to send yet; then lines, and it goes.
    let (s, e) = to(&app, &rep, &path, "sent").await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("quote.no_lines")));
    let (s, q) = app.patch(&path, &rep, json!({"lines": [line("办公桌 Desk", "2", "1500", "5", "13"), line("安装服务", "1", "300", "0", "6")]})).await;
    assert_eq!((s, q["total"].as_str()), (StatusCode::OK, Some("3538.50")), "3220.50 + 318.00: {q}");
    // A draft PDF says so.
    let (s, draft_pdf, headers) = pdf(&app, &rep, &id, "zh").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/pdf");
    assert!(draft_pdf.starts_with(b"%PDF-"));
    assert!(has_text(&streams(&draft_pdf), "草稿"), "a draft is marked");
    let (s, sent) = to(&app, &rep, &path, "sent").await;
    assert_eq!((s, sent["status"].as_str()), (StatusCode::OK, Some("sent")), "{sent}");
    assert!(sent["sent_at"].is_string());
    // Sent: read-only, and the company's later change does not reach its PDF.
    let (s, e) = app.patch(&path, &rep, json!({"remark": "改"})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("quote.not_draft")));
    app.call(Method::PUT, "/api/v1/settings/company", &app.admin, Some(json!({"name": "星河贸易有限公司"}))).await;
    let started = std::time::Instant::now();
    let (s, bytes, headers) = pdf(&app, &rep, &id, "zh").await;
    let took = started.elapsed();
    assert_eq!(s, StatusCode::OK);
    assert!(headers["content-disposition"].to_str().unwrap().contains(q["number"].as_str().unwrap()));
    assert!(bytes.len() < 300 * 1024, "{} bytes: a font subset keeps it small", bytes.len());
    assert!(took < std::time::Duration::from_secs(5), "{took:?}");
    let text = streams(&bytes);
    assert!(text.contains("/ToUnicode") || String::from_utf8_lossy(&bytes).contains("/ToUnicode"), "searchable text");
    for expected in ["报价单", "杭州云帆信息技术有限公司", "苏州恒达电子", "办公桌", "安装服务", "人民币叁仟伍佰叁拾捌元伍角整", "货到付款", "质保一年", "合计"] {
        assert!(has_text(&text, expected), "the PDF holds {expected}");
    }
    assert!(!has_text(&text, "星河"), "the header it was sent with");
    assert!(!has_text(&text, "草稿"), "no longer a draft");
    let (_, english, _) = pdf(&app, &rep, &id, "en").await;
    assert!(String::from_utf8_lossy(&english).len() > 1000);
    assert!(has_text(&streams(&english), "Quotation"));
    assert_eq!(app.get(&format!("{path}/pdf?lang=fr"), &rep).await.0, StatusCode::BAD_REQUEST);

    // Only the machine's transitions; a bad one changes nothing.
    for bad in ["sent", "draft"] {
        let (s, e) = to(&app, &rep, &path, bad).await;
        assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("quote.bad_transition")), "sent → {bad}");
    }
    let (s, e) = app.post(&format!("{path}/transition"), &rep, json!({"to": "won"})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::BAD_REQUEST, Some("body.invalid")), "no such status");
    let (s, e) = app.post(&format!("{path}/order"), &rep, json!({})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("quote.not_accepted")));
    let (s, accepted) = to(&app, &rep, &path, "accepted").await;
    assert_eq!((s, accepted["status"].as_str()), (StatusCode::OK, Some("accepted")));
    assert!(accepted["decided_at"].is_string());

    // The order copies the quote; a second one is refused naming the first.
    let (s, order) = app.post(&format!("{path}/order"), &rep, json!({"delivery_date": "2030-07-15", "shipping_address": "苏州工业园区星湖街 328 号"})).await;
    assert_eq!(s, StatusCode::CREATED, "{order}");
    let year = chrono::Utc::now().format("%Y").to_string();
    assert_eq!(order["number"].as_str(), Some(format!("SO-{year}-000001").as_str()));
    assert_eq!((order["quote_id"].as_str(), order["quote_number"].as_str()), (Some(id.as_str()), q["number"].as_str()));
    assert_eq!((order["total"].as_str(), order["status"].as_str(), order["lines"].as_array().unwrap().len()), (Some("3538.50"), Some("draft"), 2));
    let (s, e) = app.post(&format!("{path}/order"), &rep, json!({})).await;
    assert_eq!((s, e["code"].as_str(), e["order_id"].as_str()), (StatusCode::CONFLICT, Some("quote.ordered"), order["id"].as_str()));
    assert_eq!(app.get(&path, &rep).await.1["order_id"], order["id"]);
    // Found by number, as the lists' search box asks.
    for (list, number) in [("quotes", q["number"].as_str().unwrap()), ("orders", order["number"].as_str().unwrap())] {
        for query in [number.to_string(), number.to_lowercase(), number[3..].to_string()] {
            let (s, page) = app.get(&format!("/api/v1/{list}?q={query}&status=accepted,confirmed,draft"), &rep).await;
            assert_eq!(s, StatusCode::OK, "{list}?q={query}: {page}");
            let (s, page) = app.get(&format!("/api/v1/{list}?q={query}"), &rep).await;
            assert_eq!((s, page["total"].as_u64()), (StatusCode::OK, Some(1)), "{list}?q={query}: {page}");
        }
    }
    // A quote an order came from stays.
    let (s, e) = app.delete(&path, &app.admin).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("quote.ordered")));
    // Reps do not delete quotes; managers do.
    assert_eq!(app.delete(&format!("/api/v1/orders/{}", order["id"].as_str().unwrap()), &rep).await.0, StatusCode::FORBIDDEN);
    // A long quote continues over pages, its table's header repeated, and stays small.
    let many: Vec<Value> = (0..150).map(|i| line(&format!("定制办公家具配件 第{i}号 Custom part"), "1", "99.90", "0", "13")).collect();
    let (_, long) = app.post("/api/v1/quotes", &rep, json!({"customer_id": cid, "lines": many})).await;
    let (s, bytes, _) = pdf(&app, &rep, long["id"].as_str().unwrap(), "zh").await;
    assert_eq!(s, StatusCode::OK);
    let raw = String::from_utf8_lossy(&bytes);
    let pages = raw.matches("/Type /Page").count() - raw.matches("/Type /Pages").count();
    assert!(pages >= 3, "{pages} pages");
    assert!(bytes.len() < 300 * 1024, "{} bytes", bytes.len());
    assert!(has_text(&streams(&bytes), "第共页"), "page n of N");
    // Every transition is in the operation log.
    let (_, log) = app.get(&format!("/api/v1/audit-logs?entity=quotes&entity_id={id}&page_size=50"), &app.admin).await;
    let transitions = log["items"].as_array().unwrap().iter().filter(|e| e["action"] == "transition").count();
    assert_eq!(transitions, 2, "{log}");
});

dual_test!(two_orders_from_one_quote_at_once_make_one, |app| {
    let cid = customer(&app, &app.admin, "并发客户").await;
    let (_, q) = app.post("/api/v1/quotes", &app.admin, json!({"customer_id": cid, "valid_until": "2030-01-01", "lines": [line("服务", "1", "10", "0", "0")]})).await;
    let path = format!("/api/v1/quotes/{}", q["id"].as_str().unwrap());
    to(&app, &app.admin, &path, "sent").await;
    to(&app, &app.admin, &path, "accepted").await;
    let make = || app.req(Method::POST, &format!("{path}/order"), Some(&app.admin)).json(&json!({})).send();
    let (a, b) = tokio::join!(make(), make());
    let mut statuses = vec![a.unwrap().status(), b.unwrap().status()];
    statuses.sort();
    assert_eq!(statuses, vec![StatusCode::CREATED, StatusCode::CONFLICT]);
    assert_eq!(count(&app, &app.admin, &format!("/api/v1/orders?quote_id={}", q["id"].as_str().unwrap())).await, 1);
    // Two transitions of one version: one lands.
    let (_, o) = app.post("/api/v1/orders", &app.admin, json!({"customer_id": cid, "lines": [line("服务", "1", "10", "0", "0")]})).await;
    let opath = format!("/api/v1/orders/{}", o["id"].as_str().unwrap());
    let send = |body: Value| app.req(Method::POST, &format!("{opath}/transition"), Some(&app.admin)).header("if-match", "\"1\"").json(&body).send();
    let (a, b) = tokio::join!(send(json!({"to": "confirmed"})), send(json!({"to": "cancelled"})));
    let mut statuses = vec![a.unwrap().status(), b.unwrap().status()];
    statuses.sort();
    assert!(statuses == vec![StatusCode::OK, StatusCode::CONFLICT] || statuses == vec![StatusCode::OK, StatusCode::PRECONDITION_FAILED], "{statuses:?}");
});

dual_test!(quotes_expire_and_may_be_revised, |app| {
    let cid = customer(&app, &app.admin, "过期客户").await;
    let yesterday = (chrono::Utc::now().date_naive() - chrono::Days::new(1)).to_string();
    let (_, late) = app.post("/api/v1/quotes", &app.admin, json!({"customer_id": cid, "valid_until": yesterday, "lines": [line("服务", "1", "10", "0", "0")]})).await;
    let late_path = format!("/api/v1/quotes/{}", late["id"].as_str().unwrap());
    let (s, e) = to(&app, &app.admin, &late_path, "sent").await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("quote.expired")), "not sent past its date");
    let (_, q) = app.post("/api/v1/quotes", &app.admin, json!({"customer_id": cid, "valid_until": chrono::Utc::now().date_naive().to_string(), "lines": [line("服务", "1", "10", "0", "0")]})).await;
    let path = format!("/api/v1/quotes/{}", q["id"].as_str().unwrap());
    assert_eq!(to(&app, &app.admin, &path, "sent").await.0, StatusCode::OK);
    // The hourly sweep, as run two days later.
    let n = crm_persistence::sales_docs::quotes::expire(&app.db, chrono::Utc::now() + chrono::Days::new(2)).await.unwrap();
    assert_eq!(n, 1);
    let (_, expired) = app.get(&path, &app.admin).await;
    assert_eq!(expired["status"], "expired");
    let (s, e) = to(&app, &app.admin, &path, "accepted").await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("quote.bad_transition")));
    // Back to draft, a new date, sent again.
    let (s, d) = to(&app, &app.admin, &path, "draft").await;
    assert_eq!((s, d["status"].as_str(), d["sent_at"].is_null()), (StatusCode::OK, Some("draft"), true));
    assert_eq!(app.patch(&path, &app.admin, json!({"valid_until": "2031-01-01"})).await.0, StatusCode::OK);
    assert_eq!(to(&app, &app.admin, &path, "sent").await.1["status"], "sent");
    assert_eq!(count(&app, &app.admin, "/api/v1/quotes?status=sent").await, 1);
});

dual_test!(orders_move_only_along_their_machine, |app| {
    let (_, rep) = app.user_with_role("rep", "sales_rep", json!({})).await;
    let cid = customer(&app, &rep, "宁波海通物流").await;
    let (s, e) = app.post("/api/v1/orders", &rep, json!({"customer_id": cid, "order_date": "2030-05-10", "delivery_date": "2030-05-01"})).await;
    assert_eq!((s, e["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("delivery_date")));
    let (s, o) = app.post("/api/v1/orders", &rep, json!({"customer_id": cid, "order_date": "2030-05-10"})).await;
    assert_eq!(s, StatusCode::CREATED, "{o}");
    let path = format!("/api/v1/orders/{}", o["id"].as_str().unwrap());
    let (s, e) = to(&app, &rep, &path, "confirmed").await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("order.no_lines")));
    let (s, o) = app.patch(&path, &rep, json!({"lines": [line("托盘", "100", "45.5", "2", "13")], "delivery_date": "2030-05-20"})).await;
    assert_eq!((s, o["total"].as_str()), (StatusCode::OK, Some("5038.67")), "4459.00 + 579.67 tax: {o}");
    for bad in ["delivered", "closed", "draft"] {
        let (s, e) = to(&app, &rep, &path, bad).await;
        assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("order.bad_transition")), "draft → {bad}");
    }
    let (s, c) = to(&app, &rep, &path, "confirmed").await;
    assert_eq!((s, c["status"].as_str()), (StatusCode::OK, Some("confirmed")));
    assert!(c["confirmed_at"].is_string());
    assert_eq!(app.patch(&path, &rep, json!({"remark": "x"})).await.1["code"], "order.not_draft");
    let (s, e) = app.delete(&path, &app.admin).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("order.not_deletable")));
    assert_eq!(to(&app, &rep, &path, "delivered").await.1["status"], "delivered");
    assert_eq!(to(&app, &rep, &path, "cancelled").await.1["code"], "order.bad_transition", "a delivered order is not cancelled");
    let (s, closed) = to(&app, &rep, &path, "closed").await;
    assert_eq!((s, closed["status"].as_str()), (StatusCode::OK, Some("closed")));
    // A cancelled draft goes to the recycle bin and comes back.
    let (_, d) = app.post("/api/v1/orders", &rep, json!({"customer_id": cid})).await;
    let dpath = format!("/api/v1/orders/{}", d["id"].as_str().unwrap());
    assert_eq!(to(&app, &rep, &dpath, "cancelled").await.1["status"], "cancelled");
    assert_eq!(app.delete(&dpath, &app.admin).await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.get(&dpath, &rep).await.0, StatusCode::NOT_FOUND);
    let (s, _) = app.post(&format!("/api/v1/recycle-bin/orders/{}/restore", d["id"].as_str().unwrap()), &app.admin, json!({})).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(app.get(&dpath, &rep).await.1["status"], "cancelled");
    assert_eq!(count(&app, &app.admin, "/api/v1/orders").await, 2);
    assert_eq!(count(&app, &rep, "/api/v1/orders?status=closed").await, 1);
});
