//! Per-process caches of what the public portal pages read (the job search, a
//! posting, a workplace profile, the header's region), checked against the
//! portal version in the database ([`store::portal`]), which triggers bump on
//! every write to a table these pages read. A second server on the same database
//! therefore never serves a stale page, and no write path can forget to
//! invalidate.
//!
//! The version is read once per request, in [`crate::context::load`], through a
//! [`VersionGate`]: concurrent requests share one read, but only a read that
//! *started after the request arrived* may answer it. A write acknowledged
//! before a request was sent is therefore always seen, on any server, while under
//! load the database answers one small read at a time instead of one per request.
//! Anything that depends on the day (a posting's last day, an ended fiscal year)
//! is keyed by the date as well.
//!
//! For signed-out visitors the most visited pages are also kept whole
//! ([`rendered`]), cut at the visitor's form token so that each visitor still
//! gets their own; the same version tags them.

use std::collections::{HashMap, VecDeque};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use store::Store;
use tokio::sync::watch;

use crate::AppState;
use crate::context::Ctx;

/// The latest completed read: its sequence number, when it started, and what
/// it found.
#[derive(Clone)]
struct Reading {
    seq: u64,
    started: Option<Instant>,
    version: Result<i64, String>,
}

#[derive(Default)]
struct GateState {
    /// Sequence number of the last read started.
    started: u64,
    /// Whether a read is running (at most one at a time).
    running: bool,
    /// The highest sequence number a waiting request needs.
    wanted: u64,
}

/// Coalesced reads of the portal version (see the module's documentation).
pub struct VersionGate {
    state: Mutex<GateState>,
    done: watch::Sender<Reading>,
    /// How long before a request a reading may have started and still answer
    /// it, where the caller allows ([`crate::Config::portal_staleness`]).
    staleness: Duration,
}

impl Default for VersionGate {
    fn default() -> Self {
        VersionGate::new(Duration::ZERO)
    }
}

impl VersionGate {
    pub fn new(staleness: Duration) -> VersionGate {
        VersionGate {
            state: Mutex::new(GateState::default()),
            done: watch::Sender::new(Reading {
                seq: 0,
                started: None,
                version: Err("not read yet".into()),
            }),
            staleness,
        }
    }

    /// The portal version as of a moment after this call began — or, when
    /// `may_be_stale`, as of at most the gate's staleness before it.
    pub async fn current(
        self: &Arc<Self>,
        store: &Store,
        may_be_stale: bool,
    ) -> Result<i64, String> {
        if may_be_stale && !self.staleness.is_zero() {
            let r = self.done.borrow();
            if let (Ok(v), Some(at)) = (&r.version, r.started)
                && at.elapsed() <= self.staleness
            {
                return Ok(*v);
            }
        }
        let mut rx = self.done.subscribe();
        let need = {
            let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
            // A read already running may have started before this request
            // arrived: only the next one counts.
            let need = s.started + 1;
            s.wanted = s.wanted.max(need);
            if !s.running {
                s.running = true;
                s.started = need;
                let gate = self.clone();
                let store = store.clone();
                // On its own task: a request that goes away must not take the
                // read of the others with it.
                tokio::spawn(async move { gate.run(store, need).await });
            }
            need
        };
        loop {
            {
                let r = rx.borrow_and_update();
                if r.seq >= need {
                    return r.version.clone();
                }
            }
            if rx.changed().await.is_err() {
                return Err("the version reader stopped".into());
            }
        }
    }

    /// Read until no request waits for a newer read.
    async fn run(self: Arc<Self>, store: Store, mut seq: u64) {
        loop {
            let started = Some(Instant::now());
            let version = store.portal_version().await.map_err(|e| e.to_string());
            self.done.send_replace(Reading {
                seq,
                started,
                version,
            });
            let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
            if s.wanted > seq {
                s.started += 1;
                seq = s.started;
            } else {
                s.running = false;
                return;
            }
        }
    }
}

/// What one kind of page rendered, by key, each entry tagged with the portal
/// version it was read under; an entry of another version is never returned.
pub struct PageCache<V> {
    entries: Mutex<HashMap<String, (i64, Arc<V>)>>,
    max: usize,
}

impl<V> PageCache<V> {
    pub fn new(max: usize) -> PageCache<V> {
        PageCache {
            entries: Mutex::new(HashMap::new()),
            max,
        }
    }

    pub fn get(&self, key: &str, version: i64) -> Option<Arc<V>> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(key)
            .filter(|(v, _)| *v == version)
            .map(|(_, d)| d.clone())
    }

    pub fn put(&self, key: String, version: i64, value: Arc<V>) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        // Past the bound (many distinct searches, or a new version), start over.
        if entries.len() >= self.max {
            entries.retain(|_, (v, _)| *v == version);
            if entries.len() >= self.max {
                entries.clear();
            }
        }
        entries.insert(key, (version, value));
    }
}

/// The portal's caches, one per page kind.
pub struct PortalCaches {
    /// False when the environment sets `ERABARERU_PORTAL_CACHE=off`: every
    /// request then reads the database as before the caches (for benchmarks).
    pub enabled: bool,
    /// False as well with `ERABARERU_PORTAL_CACHE=data`: what the pages read
    /// is kept, but each page is rendered again (for benchmarks).
    pub keep_whole: bool,
    pub gate: Arc<VersionGate>,
    pub header_regions: PageCache<Option<crate::context::HeaderRegion>>,
    pub jobs: PageCache<crate::job_postings::CachedPosting>,
    pub searches: PageCache<crate::job_postings::CachedSearch>,
    pub workplaces: PageCache<crate::workplaces::CachedWorkplace>,
    /// Whole pages as a signed-out visitor gets them ([`rendered`]).
    pub rendered: PageCache<Rendered>,
}

impl Default for PortalCaches {
    fn default() -> Self {
        PortalCaches::new(Duration::ZERO)
    }
}

impl PortalCaches {
    /// The caches, with a version gate of `staleness` for signed-out visitors.
    pub fn new(staleness: Duration) -> PortalCaches {
        let setting = std::env::var("ERABARERU_PORTAL_CACHE");
        PortalCaches {
            enabled: setting.as_deref() != Ok("off"),
            keep_whole: !matches!(setting.as_deref(), Ok("off" | "data")),
            gate: Arc::new(VersionGate::new(staleness)),
            header_regions: PageCache::new(256),
            jobs: PageCache::new(4096),
            searches: PageCache::new(1024),
            workplaces: PageCache::new(4096),
            rendered: PageCache::new(RENDERED_MAX_PAGES),
        }
    }
}

// ---------------------------------------------------------------- whole pages

/// The pages kept whole for signed-out visitors: the portal's most visited.
const RENDERED_ROUTES: [&str; 4] = ["/jobs", "/jobs/{id}", "/workplaces/{id}", "/declarations"];
/// The largest page kept (the search's 200 results are about 180 KB).
const RENDERED_MAX_BYTES: usize = 256 << 10;
/// How many whole pages a process keeps: with [`RENDERED_MAX_BYTES`], at most
/// 64 MiB however many distinct searches a visitor sends.
const RENDERED_MAX_PAGES: usize = 256;

/// A page's bytes cut at each occurrence of the visitor's form token, so that
/// the same page serves every visitor with their own token in its forms.
pub struct Rendered {
    content_type: Option<HeaderValue>,
    pieces: Vec<Bytes>,
}

impl Rendered {
    fn cut(content_type: Option<HeaderValue>, html: &[u8], token: &str) -> Rendered {
        let mut pieces = Vec::new();
        let mut rest = html;
        // A token is 64 random hex digits: it does not occur by chance.
        while let Some(at) = find(rest, token.as_bytes()) {
            pieces.push(Bytes::copy_from_slice(&rest[..at]));
            rest = &rest[at + token.len()..];
        }
        pieces.push(Bytes::copy_from_slice(rest));
        Rendered {
            content_type,
            pieces,
        }
    }

    /// The page with `token` in its forms, as a body that sends the kept
    /// pieces as they are (no copy of the page per visitor).
    fn with_token(&self, token: &str) -> PiecesBody {
        let token = Bytes::copy_from_slice(token.as_bytes());
        let mut frames = VecDeque::with_capacity(self.pieces.len() * 2);
        for (i, piece) in self.pieces.iter().enumerate() {
            if i > 0 {
                frames.push_back(token.clone());
            }
            if !piece.is_empty() {
                frames.push_back(piece.clone());
            }
        }
        let remaining = frames.iter().map(|b| b.len() as u64).sum();
        PiecesBody { frames, remaining }
    }
}

/// A response body of ready pieces, with its exact length (so the response
/// carries a Content-Length, like the page it stands for).
struct PiecesBody {
    frames: VecDeque<Bytes>,
    remaining: u64,
}

impl http_body::Body for PiecesBody {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        let this = self.get_mut();
        Poll::Ready(this.frames.pop_front().map(|b| {
            this.remaining -= b.len() as u64;
            Ok(http_body::Frame::data(b))
        }))
    }

    fn is_end_stream(&self) -> bool {
        self.frames.is_empty()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        http_body::SizeHint::with_exact(self.remaining)
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The cache key of a request whose page may be kept whole: a GET of one of
/// [`RENDERED_ROUTES`] by a signed-out visitor with no flash message pending,
/// keyed by everything such a page depends on — its path and query, the
/// language, full page or htmx fragment, and today's date (a posting leaves
/// at midnight). Its portal version tags the entry.
fn rendered_key(req: &Request, c: &Ctx) -> Option<(String, i64)> {
    let route = req.extensions().get::<MatchedPath>()?.as_str();
    let version = c.portal_version?;
    let keep = req.method() == Method::GET
        && RENDERED_ROUTES.contains(&route)
        && c.user.is_none()
        && c.flash.is_none();
    keep.then(|| {
        let key = format!(
            "{}|{}|{}|{}",
            c.t.lang.code(),
            c.htmx,
            crate::today_jst(),
            c.path
        );
        (key, version)
    })
}

/// Serve the portal's most visited pages to signed-out visitors from what was
/// rendered for the first of them under the same portal version (so never a
/// stale page: see the module's documentation). The innermost layer of the
/// pages: everything around the handler — headers, cookies, CSRF, error pages
/// — still runs for every request.
pub async fn rendered(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(c) = req
        .extensions()
        .get::<Ctx>()
        .filter(|_| state.portal.keep_whole)
    else {
        return next.run(req).await;
    };
    let Some((key, version)) = rendered_key(&req, c) else {
        return next.run(req).await;
    };
    let token = c.csrf_token.clone();
    let cache = &state.portal.rendered;
    if let Some(page) = cache.get(&key, version) {
        let mut res = Response::new(Body::new(page.with_token(&token)));
        if let Some(ct) = &page.content_type {
            res.headers_mut().insert(CONTENT_TYPE, ct.clone());
        }
        return res;
    }
    let res = next.run(req).await;
    // Only a plain 200 page of a known, bounded size is kept (a 404, a 410, a
    // redirect, a streamed body are not).
    let bounded = axum::body::HttpBody::size_hint(res.body())
        .upper()
        .is_some_and(|n| n <= RENDERED_MAX_BYTES as u64);
    if res.status() != StatusCode::OK || res.headers().len() > 1 || !bounded {
        return res;
    }
    let (parts, body) = res.into_parts();
    let bytes = match axum::body::to_bytes(body, RENDERED_MAX_BYTES).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "reading a page to keep failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let content_type = parts.headers.get(CONTENT_TYPE).cloned();
    cache.put(
        key,
        version,
        Arc::new(Rendered::cut(content_type, &bytes, &token)),
    );
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_page_carries_each_visitors_own_token() {
        let a = "a".repeat(64);
        let b = "b".repeat(64);
        let html = format!("<form><input value=\"{a}\"></form><p>x</p><input value=\"{a}\">");
        let page = Rendered::cut(None, html.as_bytes(), &a);
        assert_eq!(page.pieces.len(), 3);
        let body = page.with_token(&b);
        assert_eq!(
            http_body::Body::size_hint(&body).exact(),
            Some(html.len() as u64)
        );
        let joined = |b: &PiecesBody| {
            b.frames
                .iter()
                .flat_map(|f| f.to_vec())
                .collect::<Vec<u8>>()
        };
        let for_b = String::from_utf8(joined(&body)).unwrap();
        assert_eq!(for_b, html.replace(&a, &b));
        assert!(!for_b.contains(&a));
        let none = Rendered::cut(None, b"<p>no form</p>", &a);
        assert_eq!(joined(&none.with_token(&b)), b"<p>no form</p>");
    }

    #[test]
    fn an_entry_of_another_version_is_not_returned() {
        let c: PageCache<u8> = PageCache::new(2);
        c.put("a".into(), 1, Arc::new(1));
        assert_eq!(c.get("a", 1).as_deref(), Some(&1));
        assert!(c.get("a", 2).is_none());
        c.put("b".into(), 2, Arc::new(2));
        c.put("c".into(), 2, Arc::new(3));
        assert!(c.get("a", 1).is_none(), "old versions go first");
        assert_eq!(c.get("b", 2).as_deref(), Some(&2));
    }
}
