//! Streaming export of the customer list (CUS-4): one query streamed from the database,
//! rendered in chunks, so memory stays flat however many rows match. The caller's scope
//! and filters are those of the list.

use crm_domain::DomainError;
use futures_util::StreamExt;
use sea_orm::Select;
use tokio::sync::mpsc::Sender;

use super::entities::customer::Entity as Customer;
use super::service::{views, CustomerView};
use crate::db::db_err;
use crate::Db;

const CHUNK: usize = 500;

const HEADER: &[&str] = &[
    "code", "name", "kind", "industry", "source", "level", "province", "city", "district", "address", "phone", "email",
    "website", "tags", "owner", "pool", "deal_status", "last_follow_up_at", "next_follow_up_at", "created_at", "updated_at",
];

/// RFC 4180 quoting. Cells that a spreadsheet would run as a formula get a leading `'`.
fn cell(out: &mut String, v: &str) {
    let v = if v.starts_with(['=', '+', '-', '@']) && !v.chars().skip(1).all(|c| c.is_ascii_digit() || c == ' ') { format!("'{v}") } else { v.to_string() };
    if v.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&v.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&v);
    }
}

fn row(out: &mut String, cells: &[&str]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        cell(out, c);
    }
    out.push_str("\r\n");
}

fn render(out: &mut String, c: &CustomerView) {
    let t = |d: Option<chrono::DateTime<chrono::Utc>>| d.map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)).unwrap_or_default();
    let o = |s: &Option<String>| s.clone().unwrap_or_default();
    let cells = [
        c.code.clone(), c.name.clone(), c.kind.clone(), o(&c.industry), o(&c.source), o(&c.level), o(&c.province), o(&c.city),
        o(&c.district), o(&c.address), o(&c.phone), o(&c.email), o(&c.website), c.tags.join(";"), o(&c.owner_name), c.pool.clone(),
        c.deal_status.clone(), t(c.last_follow_up_at), t(c.next_follow_up_at), t(Some(c.created_at)), t(Some(c.updated_at)),
    ];
    let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
    row(out, &refs);
}

/// Sends UTF-8 CSV (with a BOM, so spreadsheet programs read Chinese right) in chunks to
/// `sink`; stops early when the client goes away (the receiver is dropped).
pub async fn csv(db: Db, select: Select<Customer>, sink: Sender<Result<String, DomainError>>) {
    let result: Result<(), DomainError> = async {
        let mut head = String::from("\u{feff}");
        row(&mut head, HEADER);
        if sink.send(Ok(head)).await.is_err() {
            return Ok(());
        }
        let mut stream = select.stream(&db).await.map_err(db_err)?;
        let mut batch = Vec::with_capacity(CHUNK);
        loop {
            let next = stream.next().await;
            let done = next.is_none();
            if let Some(r) = next {
                batch.push(r.map_err(db_err)?);
            }
            if batch.len() == CHUNK || (done && !batch.is_empty()) {
                let rows = views(&db, std::mem::take(&mut batch)).await?;
                let mut out = String::with_capacity(rows.len() * 200);
                for c in &rows {
                    render(&mut out, c);
                }
                if sink.send(Ok(out)).await.is_err() {
                    return Ok(());
                }
            }
            if done {
                return Ok(());
            }
        }
    }
    .await;
    if let Err(e) = result {
        log::error!("customer export failed: {e}");
        let _ = sink.send(Err(e)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_and_formula_guard() {
        let mut s = String::new();
        row(&mut s, &["a,b", "say \"hi\"", "=SUM(A1)", "-5", "华为"]);
        assert_eq!(s, "\"a,b\",\"say \"\"hi\"\"\",'=SUM(A1),-5,华为\r\n");
    }
}
