//! `crm seed`: loads N synthetic customers for the benchmark (bench/run.sh) and for trying
//! the app with volume. Rows go through `customers::import`, the bulk import's own code
//! path, so the seed pays what an import pays: validation, duplicate checks, codes,
//! search text, contacts, follow-ups and audit entries.

use std::time::Instant;

use anyhow::{anyhow, Context};
use chrono::{Duration, Utc};
use crm_domain::customers::{CustomerKind, NewCustomer};
use crm_domain::system::NewUser;
use crm_persistence::customers::import::{import_batch, ImportContact, ImportFollowUp, ImportRow};
use crm_persistence::kit::MAX_BATCH;
use crm_persistence::listing::ListParams;
use crm_persistence::{Ctx, Db};
use uuid::Uuid;

const CITIES: &[(&str, &str, &str)] = &[
    ("上海市", "上海市", "021"), ("北京市", "北京市", "010"), ("广东省", "深圳市", "0755"), ("广东省", "广州市", "020"), ("浙江省", "杭州市", "0571"),
    ("江苏省", "南京市", "025"), ("江苏省", "苏州市", "0512"), ("四川省", "成都市", "028"), ("湖北省", "武汉市", "027"), ("陕西省", "西安市", "029"),
];
const BRANDS: &[&str] = &[
    "云帆", "星河", "华信", "盛达", "恒通", "嘉禾", "瑞丰", "博远", "天成", "宏图", "金桥", "安捷", "鼎新", "汇智", "中科",
    "锦程", "润泽", "凯越", "远航", "正阳", "同创", "德胜", "新元", "海纳", "东方", "卓越", "普惠", "联合", "晨光", "开元",
];
const TRADES: &[(&str, &str)] = &[
    ("信息科技", "it"), ("智能制造", "manufacturing"), ("投资管理", "finance"), ("商贸", "retail"), ("教育科技", "education"),
    ("医疗器械", "healthcare"), ("置业", "real_estate"), ("供应链", "logistics"), ("新能源", "energy"), ("咨询", "other"),
];
const SOURCES: &[&str] = &["referral", "website", "exhibition", "cold_call", "advertising", "partner", "campaign", "other"];
const LEVELS: &[&str] = &["a", "b", "c"];
const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡"];
const GIVEN: &[&str] = &["伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "涛", "明", "超"];
const TITLES: &[&str] = &["总经理", "采购经理", "IT 主管", "财务总监", "行政经理"];
const FOLLOW_UP_KINDS: &[&str] = &["phone", "visit", "meeting", "email", "wechat"];

fn pick<T: Copy + Default>(list: &[T], n: usize) -> T {
    list.get(n % list.len().max(1)).copied().unwrap_or_default()
}

/// The `i`-th synthetic customer: unique name, phone and e-mail; a primary contact; a
/// follow-up on every other one.
fn row(i: usize, owner: Uuid) -> ImportRow {
    let (province, city, area) = pick(CITIES, i / 7);
    let brand = pick(BRANDS, i);
    let (trade, industry) = pick(TRADES, i / BRANDS.len());
    let now = Utc::now();
    let days = i64::try_from(i % 120).unwrap_or(0);
    ImportRow {
        customer: NewCustomer {
            name: format!("{city}{brand}{trade}有限公司{i:07}"),
            kind: if i % 10 == 9 { CustomerKind::Person } else { CustomerKind::Company },
            industry: Some(industry.into()),
            source: Some(pick(SOURCES, i / 3).into()),
            level: Some(pick(LEVELS, i / 11).into()),
            region_code: None,
            province: Some(province.into()),
            city: Some(city.into()),
            district: None,
            address: Some(format!("{city}市科技路{}号", i % 999 + 1)),
            phone: Some(format!("{area}-{:08}", i)),
            email: i.is_multiple_of(3).then(|| format!("contact{i}@example.com")),
            website: None,
            tags: if i.is_multiple_of(5) { vec!["重点".into()] } else { Vec::new() },
            remark: None,
        },
        owner_id: Some(owner),
        contact: Some(ImportContact {
            name: format!("{}{}{}", pick(SURNAMES, i), pick(GIVEN, i / 15), pick(GIVEN, i / 225)),
            title: Some(pick(TITLES, i).into()),
            mobile: Some(format!("1{}{:09}", 3 + i % 7, i)),
            email: None,
        }),
        follow_up: i.is_multiple_of(2).then(|| ImportFollowUp {
            kind: pick(FOLLOW_UP_KINDS, i / 2).into(),
            content: format!("与{brand}沟通了需求和报价，第 {} 次跟进。", i % 9 + 1),
            occurred_at: now - Duration::days(days),
            next_follow_up_at: Some(now + Duration::days(7 - days % 14)),
        }),
    }
}

/// The benchmark's owners `bench_owner_0001`…, created with the `sales_rep` role when
/// missing; all share `password`.
async fn owners(db: &Db, count: usize, password: &str) -> anyhow::Result<Vec<Uuid>> {
    let ctx = Ctx::system("seed");
    let mut existing = std::collections::HashMap::new();
    let mut params = ListParams { page: 1, page_size: 200, q: Some("bench_owner_".into()), ..Default::default() };
    loop {
        let page = crm_persistence::kit::list::<crm_persistence::system::users::Users>(db, &ctx, params.clone()).await.map_err(|e| anyhow!("{e}"))?;
        let n = page.items.len();
        existing.extend(page.items.into_iter().map(|u| (u.username, u.id)));
        if n < 200 {
            break;
        }
        params.page += 1;
    }
    let roles = crm_persistence::kit::list::<crm_persistence::system::roles::Roles>(db, &ctx, ListParams { page: 1, page_size: 200, q: Some("sales_rep".into()), ..Default::default() })
        .await
        .map_err(|e| anyhow!("{e}"))?;
    let rep = roles.items.iter().find(|r| r.name == "sales_rep").map(|r| r.id).context("the built-in role sales_rep is missing")?;
    let mut out = Vec::with_capacity(count);
    for n in 1..=count {
        let username = format!("bench_owner_{n:04}");
        if let Some(id) = existing.get(&username) {
            out.push(*id);
            continue;
        }
        let user = NewUser {
            username: username.clone(),
            display_name: format!("{}{} {n:04}", pick(SURNAMES, n), pick(GIVEN, n / 15)),
            email: None,
            phone: None,
            password: password.into(),
            department_id: None,
            supervisor_id: None,
            role_ids: vec![rep],
            enabled: true,
            description: Some("benchmark owner".into()),
        };
        let v = crm_persistence::system::users::create(db, &ctx, user).await.map_err(|e| anyhow!("creating {username}: {e}"))?;
        out.push(v.id);
    }
    Ok(out)
}

/// Loads customers numbered `start..start + count`, spread round-robin over `owner_count` owners.
pub async fn run(db: &Db, start: usize, count: usize, owner_count: usize, password: &str) -> anyhow::Result<()> {
    let t0 = Instant::now();
    let owners = owners(db, owner_count.max(1), password).await?;
    println!("{} owners ready in {:.1}s", owners.len(), t0.elapsed().as_secs_f64());
    let t1 = Instant::now();
    let mut done = 0usize;
    let mut failed = 0usize;
    let end = start + count;
    let mut i = start;
    while i < end {
        let n = MAX_BATCH.min(end - i);
        let rows = (i..i + n).map(|k| row(k, pick(&owners, k))).collect();
        let ctx = Ctx::system("seed");
        let out = import_batch(db, &ctx, rows, false).await.map_err(|e| anyhow!("import failed: {e}"))?;
        if let Some(first) = out.errors.first() {
            log::warn!("row {} skipped: {}", i + first.index, first.error);
        }
        done += out.created.len();
        failed += out.errors.len();
        i += n;
        if done % 100_000 < MAX_BATCH || i >= end {
            let secs = t1.elapsed().as_secs_f64();
            println!("{done} customers imported, {failed} skipped, {:.0} rows/s", done as f64 / secs.max(0.001));
        }
    }
    crm_persistence::customers::import::settle_search_index(db).await;
    println!("seeded {done} customers ({failed} skipped) in {:.1}s", t1.elapsed().as_secs_f64());
    Ok(())
}
