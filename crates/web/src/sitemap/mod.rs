//! `/sitemap.xml` (sitemaps.org 0.9) and `/robots.txt` for search engines: the public lists, the
//! approved workplace profiles, the postings open today, the published events,
//! news and case stories. A closed posting leaves it the day it closes (its page answers
//! 410). Links are absolute, from the configured base URL, never the Host header.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::HeaderValue;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use store::postings::PostingSearch;

use crate::AppState;
use crate::errors::AppError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sitemap.xml", get(sitemap))
        .route("/robots.txt", get(robots))
}

/// Crawlers may read the public pages; the signed-in pages are no use to them.
async fn robots(State(state): State<AppState>) -> Response {
    let base = crate::declarations::export::base_url(&state);
    let body = format!(
        "User-agent: *\nDisallow: /admin/\nDisallow: /orgs/\nDisallow: /inquiries/\nDisallow: /dashboard\nDisallow: /review\nAllow: /\nSitemap: {base}/sitemap.xml\n"
    );
    let mut res = body.into_response();
    res.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    res
}

/// sitemaps.org allows 50,000 URLs in one file.
const URLS_MAX: usize = 50_000;

/// One `<url>`.
pub struct Url {
    pub loc: String,
    /// YYYY-MM-DD, when known.
    pub lastmod: Option<String>,
}

#[derive(Template)]
#[template(path = "sitemap/sitemap.xml")]
struct Sitemap {
    urls: Vec<Url>,
}

fn day(ts: &str) -> Option<String> {
    ts.get(..10).map(String::from)
}

async fn sitemap(State(state): State<AppState>) -> Result<Response, AppError> {
    let base = crate::declarations::export::base_url(&state);
    let at = |path: String, lastmod: Option<String>| Url {
        loc: format!("{base}{path}"),
        lastmod,
    };
    let mut urls: Vec<Url> = [
        "/",
        "/jobs",
        "/workplaces",
        "/events",
        "/stories",
        "/declarations",
        "/open-data",
    ]
    .into_iter()
    .map(|p| at(p.to_string(), None))
    .collect();
    for w in state.store.workplaces(None).await? {
        urls.push(at(format!("/workplaces/{}", w.org_id), day(&w.approved_at)));
    }
    let today = crate::today_jst().strftime("%Y-%m-%d").to_string();
    let open = state
        .store
        .search_postings(&PostingSearch {
            region_id: None,
            terms: Vec::new(),
            employment_type: None,
            today,
            limit: URLS_MAX as i64,
        })
        .await?;
    for p in open {
        urls.push(at(format!("/jobs/{}", p.id), day(&p.updated_at)));
    }
    for e in state.store.public_events(None).await? {
        urls.push(at(format!("/events/{}", e.id), day(&e.updated_at)));
    }
    for r in state.store.list_regions().await? {
        for n in state.store.latest_news(r.id, 1_000).await? {
            urls.push(at(format!("/news/{}", n.id), Some(n.published_on.clone())));
        }
    }
    for s in state
        .store
        .published_stories(None, None, URLS_MAX as i64)
        .await?
    {
        urls.push(at(format!("/stories/{}", s.id), day(&s.updated_at)));
    }
    urls.truncate(URLS_MAX);
    let mut res = Sitemap { urls }.render()?.into_response();
    let h = res.headers_mut();
    h.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/xml; charset=utf-8"),
    );
    h.insert(
        CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    Ok(res)
}
