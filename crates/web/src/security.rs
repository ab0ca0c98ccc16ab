//! Defaults that protect every response and every state-changing request:
//! security headers, CSRF checks and a per-address rate limit.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, HOST, ORIGIN, SET_COOKIE};
use axum::http::{HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::context::Ctx;
use crate::errors::AppError;

/// The Content-Security-Policy: no inline script or style, nothing from elsewhere.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
     frame-ancestors 'none'";

/// Security headers on every response. A header the handler already set is kept:
/// a response that needs a stricter policy than the pages (an uploaded logo is
/// served with `default-src 'none'; sandbox`) sets its own.
pub async fn headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    for (name, value) in [
        ("content-security-policy", CSP),
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "strict-origin-when-cross-origin"),
        (
            "permissions-policy",
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ),
        ("cross-origin-opener-policy", "same-origin"),
    ] {
        h.entry(name)
            .or_insert_with(|| HeaderValue::from_static(value));
    }
    res
}

/// HSTS, sent when the site is served over HTTPS (`cookie_secure`).
pub const HSTS: &str = "max-age=31536000; includeSubDomains";

/// `Strict-Transport-Security` on every response of a site served over HTTPS.
pub async fn strict_transport(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    if state.config.cookie_secure {
        res.headers_mut().insert(
            axum::http::header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    res
}

/// `Cache-Control: no-store` on every response to a signed-in user (their pages
/// and private exports must not stay in a shared or browser cache) and on every
/// response that sets a cookie. A handler's own `Cache-Control` is kept; public
/// pages for signed-out visitors stay cacheable. Runs inside `context::load`.
pub async fn private_no_store(req: Request, next: Next) -> Response {
    let signed_in = req
        .extensions()
        .get::<Ctx>()
        .is_some_and(|c| c.user.is_some());
    let mut res = next.run(req).await;
    let private = signed_in || res.headers().contains_key(SET_COOKIE);
    if private && !res.headers().contains_key(CACHE_CONTROL) {
        res.headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// The scheme a same-site `Origin` has: base_url's when configured, else
/// https when cookies are secure, else http.
fn expected_scheme(config: &crate::Config) -> &str {
    match config.base_url.as_deref().and_then(|b| b.split_once("://")) {
        Some((scheme, _)) => scheme,
        None if config.cookie_secure => "https",
        None => "http",
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Refuse cross-site state-changing requests (403) and require the form token.
///
/// Two independent checks: the browser's `Sec-Fetch-Site` / `Origin` headers (a
/// cross-site POST is refused even with a stolen token), and the synchronizer token
/// in the `csrf_token` form field (or query parameter, for multipart uploads).
pub async fn check_csrf(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let Some(ctx) = req.extensions().get::<Ctx>().cloned() else {
        return AppError::Internal("context missing".into()).into_response();
    };
    if !state.limiter.allow(&ctx.client_ip) {
        return AppError::TooManyRequests.into_response();
    }
    let headers = req.headers();
    if headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site")
    {
        return AppError::Csrf.into_response();
    }
    if let Some(origin) = headers.get(ORIGIN).and_then(|v| v.to_str().ok()) {
        let host = headers
            .get(HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let (scheme, origin_host) = origin.split_once("://").unwrap_or(("", ""));
        if origin == "null"
            || origin_host != host
            || !scheme.eq_ignore_ascii_case(expected_scheme(&state.config))
        {
            return AppError::Csrf.into_response();
        }
    }
    let from_query = req.uri().query().and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "csrf_token")
            .map(|(_, v)| v.into_owned())
    });
    let is_form = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let (req, token) = if let Some(t) = from_query {
        (req, Some(t))
    } else if is_form {
        let (parts, body) = req.into_parts();
        let bytes = match to_bytes(body, state.config.max_body_bytes).await {
            Ok(b) => b,
            Err(_) => return AppError::BadRequest("body too large".into()).into_response(),
        };
        let token = form_urlencoded::parse(&bytes)
            .find(|(k, _)| k == "csrf_token")
            .map(|(_, v)| v.into_owned());
        (Request::from_parts(parts, Body::from(bytes)), token)
    } else {
        (req, None)
    };
    match token {
        Some(t) if constant_time_eq(t.as_bytes(), ctx.csrf_token.as_bytes()) => next.run(req).await,
        _ => AppError::Csrf.into_response(),
    }
}

/// A fixed-window counter of state-changing requests per client address. In-process
/// on purpose: it only blunts floods; the sign-in throttle that matters for
/// security is in the database and holds across processes.
pub struct RateLimiter {
    window: Duration,
    max: u32,
    counts: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter {
    pub fn new(window: Duration, max: u32) -> RateLimiter {
        RateLimiter {
            window,
            max,
            counts: Mutex::new(HashMap::new()),
        }
    }

    pub fn allow(&self, key: &str) -> bool {
        self.check(key).is_ok()
    }

    /// Count a request of `key`: Ok while within the budget, else how long
    /// until its window opens again (for `Retry-After`).
    pub fn check(&self, key: &str) -> Result<(), Duration> {
        let now = Instant::now();
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        if counts.len() > 100_000 {
            counts.retain(|_, (start, _)| now.duration_since(*start) < self.window);
        }
        let entry = counts.entry(key.to_string()).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        entry.1 += 1;
        if entry.1 <= self.max {
            Ok(())
        } else {
            Err(self.window.saturating_sub(now.duration_since(entry.0)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limiter_counts_per_key_and_window() {
        let l = RateLimiter::new(Duration::from_secs(60), 2);
        assert!(l.allow("a"));
        assert!(l.allow("a"));
        assert!(!l.allow("a"));
        assert!(l.allow("b"));
        let wait = l.check("a").unwrap_err();
        assert!(wait > Duration::from_secs(58) && wait <= Duration::from_secs(60));
        let l = RateLimiter::new(Duration::from_millis(0), 1);
        assert!(l.allow("a"));
        assert!(l.allow("a"), "a new window starts when the old one is over");
    }

    #[test]
    fn token_comparison() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
    }
}
