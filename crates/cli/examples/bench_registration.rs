//! Load client of `scripts/bench-registration`: many people registering for one
//! popular event the moment registration opens, on a running `erabareru serve`.
//!
//! It makes a published event with `--capacity` seats through the store, lets
//! `--clients` concurrent clients open its page (their cookie, CSRF token and
//! the time check's token), waits until every form has been shown long enough,
//! and then each client sends `--per-client` registrations one after another,
//! each as a different person from a different address (X-Forwarded-For; the
//! server runs with --trust-proxy, as behind nginx). Afterwards it reads the
//! registrations from the database and checks that none acknowledged is lost or
//! stored twice, that exactly the capacity is confirmed, and that the order is
//! first come, first served: whoever was answered before another sent theirs
//! stands before them, and the confirmed are the first in that order.
//!
//! With `--reference URL` it instead sends the same number of GETs of URL (a
//! static page served by nginx) with the same concurrency: the ceiling of this
//! client and the loopback on this machine.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::Parser;

#[derive(Parser)]
struct Args {
    /// The server, e.g. http://127.0.0.1:18091
    #[arg(long)]
    base: String,
    /// The server's database, for making the event and checking the result.
    #[arg(long)]
    database_url: Option<String>,
    /// Concurrent clients.
    #[arg(long, default_value_t = 64)]
    clients: usize,
    /// Registrations each client sends, one after another.
    #[arg(long, default_value_t = 40)]
    per_client: usize,
    #[arg(long, default_value_t = 100)]
    capacity: i64,
    /// Name printed in front of the result line.
    #[arg(long, default_value = "server")]
    label: String,
    /// GET this URL instead (the reference run).
    #[arg(long)]
    reference: Option<String>,
}

/// One acknowledged registration: who, when it was sent and answered.
struct Ack {
    email: String,
    sent: Duration,
    answered: Duration,
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
        .cookie_store(true)
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

async fn make_event(store: &store::Store, capacity: i64) -> Result<i64> {
    let template = store
        .public_events(None)
        .await?
        .into_iter()
        .next()
        .context("the database has no event to copy (load the demo first)")?;
    let mut f = template.fields.clone();
    let day = web::today_jst().checked_add(jiff::Span::new().days(30))?;
    f.title = "ベンチマーク：人気の講演会".into();
    f.status = domain::event::EventStatus::Published;
    f.capacity = Some(capacity);
    f.starts_at = domain::event::LocalDateTime::new(day, 13, 30)?;
    f.ends_at = domain::event::LocalDateTime::new(day, 16, 0)?;
    f.registration_deadline = None;
    Ok(store
        .create_event(template.region_id, &f, &store::audit::Actor::default())
        .await?)
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    if let Some(url) = args.reference.clone() {
        return reference(&args, &url).await;
    }
    let url = args
        .database_url
        .clone()
        .context("--database-url is needed to make the event and check the result")?;
    let store = store::Store::connect(&url).await?;
    let event = make_event(&store, args.capacity).await?;
    let page_url = format!("{}/events/{event}", args.base);
    let post_url = format!("{page_url}/register");

    // Everyone opens the page first; the form must be shown for 3 s.
    let mut prepared = Vec::new();
    for _ in 0..args.clients {
        let http = client()?;
        let html = http.get(&page_url).send().await?.text().await?;
        let csrf = value_of(&html, "csrf_token")?;
        let shown = value_of(&html, "shown")?;
        prepared.push((http, csrf, shown));
    }
    tokio::time::sleep(Duration::from_millis(3200)).await;

    let start = Arc::new(Instant::now());
    let mut tasks = Vec::new();
    for (i, (http, csrf, shown)) in prepared.into_iter().enumerate() {
        let (post_url, start, n) = (post_url.clone(), start.clone(), args.per_client);
        tasks.push(tokio::spawn(async move {
            let mut acks = Vec::with_capacity(n);
            let mut refused = 0usize;
            for k in 0..n {
                let email = format!("bench-{i}-{k}@example.jp");
                let name = format!("参加者 {i}-{k}");
                let person = i * n + k;
                let address = format!(
                    "10.{}.{}.{}",
                    person >> 16 & 255,
                    person >> 8 & 255,
                    person & 255
                );
                let sent = start.elapsed();
                let res = http
                    .post(&post_url)
                    .header("x-forwarded-for", address)
                    .form(&[
                        ("csrf_token", csrf.as_str()),
                        ("shown", shown.as_str()),
                        ("website", ""),
                        ("reg_name", name.as_str()),
                        ("reg_organization", "ベンチマーク株式会社"),
                        ("reg_role", "hr"),
                        ("reg_email", email.as_str()),
                    ])
                    .send()
                    .await;
                let answered = start.elapsed();
                match res {
                    Ok(r) if r.status().as_u16() == 303 => acks.push(Ack {
                        email,
                        sent,
                        answered,
                    }),
                    _ => refused += 1,
                }
            }
            (acks, refused)
        }));
    }
    let mut acks = Vec::new();
    let mut refused = 0;
    for t in tasks {
        let (a, r) = t.await?;
        acks.extend(a);
        refused += r;
    }
    let secs = start.elapsed().as_secs_f64();
    let mut latencies: Vec<Duration> = acks.iter().map(|a| a.answered - a.sent).collect();
    latencies.sort();

    // What the database holds.
    let stored = store.registrations_of_event(event).await?;
    let by_email: std::collections::HashMap<&str, &store::registrations::Registration> =
        stored.iter().map(|r| (r.email.as_str(), r)).collect();
    let lost = acks
        .iter()
        .filter(|a| !by_email.contains_key(a.email.as_str()))
        .count();
    let extra = stored.len().saturating_sub(acks.len() - lost);
    let duplicates = stored.len() - by_email.len();
    let confirmed: Vec<i64> = stored
        .iter()
        .filter(|r| r.status == domain::event::RegistrationStatus::Confirmed)
        .map(|r| r.id)
        .collect();
    let waiting_min = stored
        .iter()
        .filter(|r| r.status == domain::event::RegistrationStatus::Waitlisted)
        .map(|r| r.id)
        .min();
    // The confirmed are the first registrations in the queue (id order).
    let seats_in_order = match (confirmed.iter().max(), waiting_min) {
        (Some(c), Some(w)) => c < &w,
        _ => true,
    };
    // First come, first served: sweep by send time; everyone answered before
    // this one was sent must stand before it.
    let mut order: Vec<(&Ack, i64)> = acks
        .iter()
        .filter_map(|a| by_email.get(a.email.as_str()).map(|r| (a, r.id)))
        .collect();
    let mut by_answer: Vec<(Duration, i64)> =
        order.iter().map(|(a, id)| (a.answered, *id)).collect();
    by_answer.sort();
    order.sort_by_key(|(a, _)| a.sent);
    let (mut j, mut max_before, mut out_of_order) = (0, i64::MIN, 0usize);
    for (a, id) in &order {
        while j < by_answer.len() && by_answer[j].0 < a.sent {
            max_before = max_before.max(by_answer[j].1);
            j += 1;
        }
        if max_before > *id {
            out_of_order += 1;
        }
    }
    println!(
        "{}: {:.0} registrations/s, p50 {:.1} ms, p99 {:.1} ms; {} acknowledged, {} refused, stored {} (lost {}, duplicated {}, unacknowledged {}); confirmed {} of {} seats, first come first served: {}",
        args.label,
        acks.len() as f64 / secs,
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.99),
        acks.len(),
        refused,
        stored.len(),
        lost,
        duplicates,
        extra,
        confirmed.len(),
        args.capacity,
        if seats_in_order && out_of_order == 0 {
            "yes".to_string()
        } else {
            format!("NO ({out_of_order} out of order)")
        }
    );
    let expected_confirmed = args.capacity.min(acks.len() as i64) as usize;
    if lost > 0
        || duplicates > 0
        || extra > 0
        || confirmed.len() != expected_confirmed
        || !seats_in_order
        || out_of_order > 0
        || refused > 0
    {
        bail!("the registrations are not what the clients were told");
    }
    Ok(())
}
