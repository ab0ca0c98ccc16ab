//! `/feed.atom` (RFC 4287): the region's published news (お知らせ) and case
//! stories (取組事例), newest first, for feed readers and the city's own site.
//! Links are absolute from the configured base URL, never the Host header.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::HeaderValue;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use store::regions::Region;

use crate::AppState;
use crate::context::Ctx;
use crate::errors::AppError;

pub fn routes() -> Router<AppState> {
    Router::new().route("/feed.atom", get(feed))
}

/// How many entries the feed carries.
const ENTRIES: usize = 50;

/// One `<entry>`.
pub struct Entry {
    pub id: String,
    pub title: String,
    pub link: String,
    /// RFC 3339.
    pub updated: String,
    pub published: String,
    pub summary: String,
    pub author: String,
}

#[derive(Template)]
#[template(path = "feed/feed.xml")]
struct Feed {
    c: Ctx,
    base: String,
    region: Option<Region>,
    title: String,
    updated: String,
    entries: Vec<Entry>,
}

#[derive(Debug, Default, Deserialize)]
struct FeedQuery {
    #[serde(default)]
    region: String,
}

/// A day as an Atom date: midnight in Japan.
fn day_start(day: &str) -> String {
    format!("{day}T00:00:00+09:00")
}

async fn feed(
    State(state): State<AppState>,
    c: Ctx,
    Query(q): Query<FeedQuery>,
) -> Result<Response, AppError> {
    let base = crate::declarations::export::base_url(&state);
    let region = crate::news::region_of(&state, &q.region).await?;
    let mut entries = Vec::new();
    if let Some(r) = &region {
        let region_name = c.t.pick(&r.name_ja, &r.name_en).to_string();
        for n in state.store.latest_news(r.id, ENTRIES as i64).await? {
            let v = crate::news::view(&c.t, &n);
            let published = day_start(&n.published_on);
            entries.push(Entry {
                id: format!("{base}/news/{}", n.id),
                title: format!("{}：{}", c.t.t("news.title"), v.title),
                link: format!("{base}/news/{}", n.id),
                updated: published.clone(),
                published,
                summary: v.body.first().cloned().unwrap_or_default(),
                author: region_name.clone(),
            });
        }
        for s in state
            .store
            .published_stories(Some(r.id), None, ENTRIES as i64)
            .await?
        {
            let v = crate::stories::view(&c.t, &s);
            let published = day_start(s.published_on.as_deref().unwrap_or("2026-04-01"));
            entries.push(Entry {
                id: format!("{base}/stories/{}", s.id),
                title: format!("{}：{}", c.t.t("stories.title"), v.title),
                link: format!("{base}/stories/{}", s.id),
                // An edit approved again is news to a feed reader too.
                updated: s.updated_at.clone(),
                published,
                summary: v.summary,
                author: s.org_name.clone().unwrap_or_else(|| region_name.clone()),
            });
        }
    }
    // RFC 3339 strings of different offsets do not sort as text: compare instants.
    let instant = |s: &str| s.parse::<jiff::Timestamp>().ok();
    entries.sort_by_key(|e| std::cmp::Reverse(instant(&e.published)));
    entries.truncate(ENTRIES);
    let updated = entries
        .iter()
        .filter_map(|e| instant(&e.updated).map(|t| (t, &e.updated)))
        .max_by_key(|(t, _)| *t)
        .map(|(_, u)| u.clone())
        .unwrap_or_else(|| "2026-04-01T00:00:00+09:00".into());
    let title = match &region {
        Some(r) => {
            c.t.f1("feed.title", "region", c.t.pick(&r.name_ja, &r.name_en))
        }
        None => c.t.t("site.name").to_string(),
    };
    let feed = Feed {
        base,
        region,
        title,
        updated,
        entries,
        c,
    };
    let mut res = feed.render()?.into_response();
    let h = res.headers_mut();
    h.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/atom+xml; charset=utf-8"),
    );
    h.insert(
        CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=600"),
    );
    Ok(res)
}
