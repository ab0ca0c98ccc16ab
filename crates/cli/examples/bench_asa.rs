//! Load client of `scripts/bench-asa`: nine in the morning, when everyone of an
//! organization posts their 朝メール (the plan of the day) at once, on a
//! running `erabareru serve`.
//!
//! Through the store it adds the benchmark's people to the demo organization
//! はまなすケミカル株式会社 as members (`org_member`) and signs each in (a
//! session row, as `/login` makes, without paying argon2 per person). Every one
//! of `--clients` concurrent clients opens `/orgs/{id}/daily` once per person it
//! posts for (its CSRF token), all wait for a common start, and then each sends
//! `--per-client` plans one after another: eight blocks of a realistic day,
//! each plan for a different (person, day) — today and the 13 days before
//! (what may still be written), then the client's next person. Every post is
//! the real route: session, CSRF, the organization's categories, the upsert of
//! the day and the drop of its draft in one transaction, answered 303.
//!
//! Afterwards it reads every acknowledged (303) day back from the database and
//! counts as lost any that is missing or whose blocks or ひとこと differ from
//! what was sent. It prints `LABEL: N plans/s, p99 X ms, lost K` (the details
//! on stderr) and exits non-zero on any lost plan or any answer but 303.
//!
//! With `--reference URL` it instead sends the same number of GETs of URL (a
//! static page served by nginx) with the same concurrency: the ceiling of this
//! client and the loopback on this machine.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::Parser;
use domain::daily::{Block, BlockRow, parse_blocks};

/// The demo organization whose people post.
const ORG_NAME: &str = "はまなすケミカル株式会社";
/// Days a person may post for: today and the 13 before it (14 back is
/// allowed too, but would fall out of range at midnight).
const DAYS: usize = 14;

#[derive(Parser)]
struct Args {
    /// The server, e.g. http://127.0.0.1:18094
    #[arg(long)]
    base: String,
    /// The server's database, for making the people and checking the result.
    #[arg(long)]
    database_url: Option<String>,
    /// Concurrent clients.
    #[arg(long, default_value_t = 64)]
    clients: usize,
    /// Plans each client sends, one after another (up to 14 per person; more
    /// take further people).
    #[arg(long, default_value_t = 14)]
    per_client: usize,
    /// Name printed in front of the result line.
    #[arg(long, default_value = "server")]
    label: String,
    /// Write the daily page as the first person saw it here (nginx's copy).
    #[arg(long)]
    page_copy: Option<PathBuf>,
    /// GET this URL instead (the reference run).
    #[arg(long)]
    reference: Option<String>,
}

/// A signed-in person of the organization.
#[derive(Clone)]
struct Person {
    user_id: i64,
    cookie: String,
    csrf: String,
    /// Their own address (X-Forwarded-For; the server trusts the proxy), so
    /// the per-address limit on posts does not refuse them.
    address: String,
}

/// One plan sent and what became of it.
struct Sent {
    user_id: i64,
    day: String,
    hitokoto: String,
    blocks: Vec<Block>,
    latency: Duration,
    status: Option<u16>,
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i].as_secs_f64() * 1000.0
}

fn value_of(html: &str, name: &str) -> Result<String> {
    let key = format!("name=\"{name}\" value=\"");
    let at = html
        .find(&key)
        .with_context(|| format!("no {name} in the page"))?;
    let rest = &html[at + key.len()..];
    Ok(rest[..rest.find('"').context("unterminated value")?].to_string())
}

fn client() -> Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(1)
        .timeout(Duration::from_secs(30))
        .build()?)
}

async fn reference(args: &Args, url: &str) -> Result<()> {
    let total = args.clients * args.per_client;
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..args.clients {
        let (http, url, n) = (client()?, url.to_string(), args.per_client);
        tasks.push(tokio::spawn(async move {
            let mut times = Vec::with_capacity(n);
            for _ in 0..n {
                let t = Instant::now();
                let ok = http.get(&url).send().await?.bytes().await.is_ok();
                if ok {
                    times.push(t.elapsed());
                }
            }
            anyhow::Ok(times)
        }));
    }
    let mut times = Vec::with_capacity(total);
    for t in tasks {
        times.extend(t.await??);
    }
    let secs = start.elapsed().as_secs_f64();
    times.sort();
    println!(
        "{}: {:.0} requests/s, p50 {:.1} ms, p99 {:.1} ms ({} GETs, {} clients)",
        args.label,
        times.len() as f64 / secs,
        percentile(&times, 0.50),
        percentile(&times, 0.99),
        times.len(),
        args.clients
    );
    Ok(())
}

/// A working day of eight blocks from about 8:30, with the lunch hour free;
/// `seed` varies the start, the order of the lengths and the tasks' words.
fn plan(seed: usize, categories: &[String]) -> (Vec<BlockRow>, String) {
    const TASKS: [(&str, &str); 10] = [
        ("朝礼・メール確認", "会議"),
        ("製造課 週次定例", "会議"),
        ("品質報告書の作成", "資料作成"),
        ("取引先からの問い合わせ対応", "顧客対応"),
        ("第二工場へ移動", "移動"),
        ("工程表の見直し", "資料作成"),
        ("新製品サンプルの説明（営業同行）", "顧客対応"),
        ("突発対応のための予備", "予備時間"),
        ("安全衛生委員会の議事録", "資料作成"),
        ("備品の発注と整理", "その他"),
    ];
    const LENGTHS: [u16; 8] = [30, 60, 90, 45, 60, 30, 90, 45];
    let category = |wanted: &str, j: usize| {
        if categories.iter().any(|c| c == wanted) {
            wanted.to_string()
        } else {
            categories[(seed + j) % categories.len()].clone()
        }
    };
    let hm = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
    let mut at = 8 * 60 + 30 + (seed % 3) as u16 * 15;
    let mut rows = Vec::with_capacity(8);
    for j in 0..8 {
        if j == 4 {
            at = at.max(12 * 60) + 60; // lunch
        }
        let len = LENGTHS[(seed + j) % LENGTHS.len()];
        let (task, cat) = TASKS[(seed * 3 + j) % TASKS.len()];
        rows.push(BlockRow {
            start: hm(at),
            end: hm(at + len),
            task: format!("{task}（{seed}-{j}）"),
            category: category(cat, j),
            unplanned: false,
        });
        at += len;
    }
    let hitokoto = format!("今日も安全第一で。ベンチマーク {seed}");
    (rows, hitokoto)
}

fn form(csrf: &str, day: &str, hitokoto: &str, rows: &[BlockRow]) -> Vec<(String, String)> {
    let mut f = vec![
        ("csrf_token".to_string(), csrf.to_string()),
        ("day".to_string(), day.to_string()),
        ("hitokoto".to_string(), hitokoto.to_string()),
    ];
    for (i, r) in rows.iter().enumerate() {
        f.push((format!("start_{i}"), r.start.clone()));
        f.push((format!("end_{i}"), r.end.clone()));
        f.push((format!("task_{i}"), r.task.clone()));
        f.push((format!("category_{i}"), r.category.clone()));
    }
    f
}

/// The benchmark's people: members of the organization, each signed in.
async fn people(store: &store::Store, org: i64, n: usize) -> Result<Vec<Person>> {
    let tag = jiff::Timestamp::now().as_millisecond();
    let mut out = Vec::with_capacity(n);
    for p in 0..n {
        let email = format!("bench-asa-{tag}-{p}@example.jp");
        let user_id = store
            .create_user(&email, &format!("ベンチ 社員{p}（はまなすケミカル）"), None)
            .await?;
        store
            .grant_role(user_id, "org_member", None, Some(org))
            .await?;
        let session = store.create_session(user_id, 3600).await?;
        // Unique in the database, so runs one after another on one server
        // do not share an address's budget either.
        let a = user_id as usize;
        out.push(Person {
            user_id,
            cookie: format!("erabareru_session={}", session.token),
            csrf: session.csrf_token,
            address: format!("10.{}.{}.{}", a >> 16 & 255, a >> 8 & 255, a & 255),
        });
    }
    Ok(out)
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    if let Some(url) = args.reference.clone() {
        return reference(&args, &url).await;
    }
    if args.clients == 0 || args.per_client == 0 {
        bail!("--clients and --per-client must be at least 1");
    }
    let url = args
        .database_url
        .clone()
        .context("--database-url is needed to make the people and check the result")?;
    let store = store::Store::connect(&url).await?;
    let org = store
        .list_organizations()
        .await?
        .into_iter()
        .find(|o| o.name == ORG_NAME)
        .with_context(|| format!("no organization {ORG_NAME} (load the demo first)"))?
        .id;
    let categories = store.asa_settings(org).await?.categories;
    if categories.is_empty() {
        bail!("{ORG_NAME} has no categories");
    }
    let per_person = args.per_client.div_ceil(DAYS);
    let everyone = people(&store, org, args.clients * per_person).await?;
    let today = web::today_jst();
    let days: Vec<String> = (0..DAYS)
        .map(|k| {
            today
                .checked_sub(jiff::Span::new().days(k as i64))
                .map(|d| d.strftime("%Y-%m-%d").to_string())
        })
        .collect::<Result<_, _>>()?;

    // Everyone opens their day first: the form and its token, as in a browser.
    let page_url = format!("{}/orgs/{org}/daily", args.base);
    let post_url = format!("{page_url}/plan");
    let mut prepared = Vec::with_capacity(args.clients);
    for (i, mine) in everyone.chunks(per_person).enumerate() {
        let http = client()?;
        for (j, p) in mine.iter().enumerate() {
            let res = http
                .get(&page_url)
                .header("cookie", &p.cookie)
                .header("x-forwarded-for", &p.address)
                .send()
                .await?;
            if res.status() != reqwest::StatusCode::OK {
                bail!("{page_url} answered {} to a member", res.status());
            }
            let html = res.text().await?;
            if value_of(&html, "csrf_token")? != p.csrf {
                bail!("the page's CSRF token is not the session's");
            }
            if let (0, 0, Some(path)) = (i, j, &args.page_copy) {
                std::fs::write(path, &html)?;
            }
        }
        prepared.push((http, mine.to_vec()));
    }

    let go = Arc::new(tokio::sync::Barrier::new(args.clients + 1));
    let mut tasks = Vec::with_capacity(args.clients);
    for (i, (http, mine)) in prepared.into_iter().enumerate() {
        let (post_url, go, days, categories) = (
            post_url.clone(),
            go.clone(),
            days.clone(),
            categories.clone(),
        );
        let n = args.per_client;
        tasks.push(tokio::spawn(async move {
            // Built before the start, so the clock measures the server.
            let plans: Vec<(usize, Vec<BlockRow>, String)> = (0..n)
                .map(|k| {
                    let (rows, hitokoto) = plan(i * n + k, &categories);
                    (k, rows, hitokoto)
                })
                .collect();
            go.wait().await;
            let mut sent = Vec::with_capacity(n);
            for (k, rows, hitokoto) in plans {
                let p = &mine[k / DAYS];
                let day = &days[k % DAYS];
                let body = form(&p.csrf, day, &hitokoto, &rows);
                let t = Instant::now();
                let res = http
                    .post(&post_url)
                    .header("cookie", &p.cookie)
                    .header("x-forwarded-for", &p.address)
                    .form(&body)
                    .send()
                    .await;
                let status = match res {
                    Ok(r) => {
                        let s = r.status().as_u16();
                        // Read the (empty) body so the connection is reused.
                        let _ = r.bytes().await;
                        Some(s)
                    }
                    Err(_) => None,
                };
                let latency = t.elapsed();
                let blocks = parse_blocks(&rows, &categories, true, false)
                    .map_err(|e| anyhow::anyhow!("the client's own plan is invalid: {e:?}"))?;
                sent.push(Sent {
                    user_id: p.user_id,
                    day: day.clone(),
                    hitokoto,
                    blocks,
                    latency,
                    status,
                });
            }
            anyhow::Ok(sent)
        }));
    }
    go.wait().await;
    let start = Instant::now();
    let mut sent = Vec::with_capacity(args.clients * args.per_client);
    for t in tasks {
        sent.extend(t.await??);
    }
    let secs = start.elapsed().as_secs_f64();

    let mut latencies: Vec<Duration> = sent.iter().map(|s| s.latency).collect();
    latencies.sort();
    let acked: Vec<&Sent> = sent.iter().filter(|s| s.status == Some(303)).collect();
    let refused = sent.len() - acked.len();
    let mut answers: std::collections::BTreeMap<String, usize> = Default::default();
    for s in sent.iter().filter(|s| s.status != Some(303)) {
        let what = s
            .status
            .map_or_else(|| "no answer".to_string(), |c| c.to_string());
        *answers.entry(what).or_default() += 1;
    }

    // What the database holds for each acknowledged plan.
    let mut lost = 0usize;
    for s in &acked {
        match store.asa_day(org, s.user_id, &s.day).await? {
            Some(d) if d.planned == s.blocks && d.hitokoto == s.hitokoto => {}
            _ => lost += 1,
        }
    }

    println!(
        "{}: {:.0} plans/s, p99 {:.1} ms, lost {}",
        args.label,
        acked.len() as f64 / secs,
        percentile(&latencies, 0.99),
        lost
    );
    eprintln!(
        "  {}: {} plans of 8 blocks sent by {} clients for {} people in {:.2} s: {} acknowledged (303), {} refused {:?}; p50 {:.1} ms, max {:.1} ms",
        args.label,
        sent.len(),
        args.clients,
        everyone.len(),
        secs,
        acked.len(),
        refused,
        answers,
        percentile(&latencies, 0.50),
        percentile(&latencies, 1.0),
    );
    if lost > 0 || refused > 0 {
        bail!("{lost} acknowledged plans lost, {refused} posts not answered 303");
    }
    Ok(())
}
