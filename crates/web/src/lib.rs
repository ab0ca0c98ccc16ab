//! The erabareru web application.
//!
//! One module per feature (`home`, `declarations`, `orgs`, `review`, `admin`, …),
//! each holding its handlers, view structs and templates. Cross-cutting pieces:
//! [`context`] (who is asking, in which language), [`authz`] (the one place that
//! decides access), [`security`] (headers, CSRF, rate limits), [`errors`] (errors as
//! values, rendered in one place), [`i18n`].

pub mod admin;
pub mod assets;
pub mod auth;
pub mod authz;
pub mod context;
pub mod dashboard;
pub mod declarations;
pub mod demo;
pub mod disclosure;
pub mod errors;
pub mod forms;
pub mod home;
pub mod i18n;
pub mod kpi;
pub mod orgs;
pub mod plans;
pub mod readiness;
pub mod review;
pub mod security;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, Request};
use axum::middleware;
use axum::routing::get;
use store::Store;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

pub use errors::AppError;

/// Settings of a running server that handlers need.
#[derive(Debug, Clone)]
pub struct Config {
    /// Mark cookies `Secure` (set when served over HTTPS, directly or behind a proxy).
    pub cookie_secure: bool,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_proxy: bool,
    /// How many trusted proxies stand in front of the server: the client address is
    /// this many entries from the right of `X-Forwarded-For`.
    pub trusted_proxy_hops: usize,
    /// Largest accepted request body, uploads included.
    pub max_body_bytes: usize,
    /// Largest accepted logo file.
    pub max_logo_bytes: usize,
    /// The region whose home page `/` shows; the first region when None.
    pub default_region: Option<String>,
    /// Public base URL for absolute links in feeds, e.g. `https://erabareru.example.jp`.
    pub base_url: Option<String>,
    /// State-changing requests allowed per client address and minute (per process).
    pub post_rate_per_minute: u32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            cookie_secure: false,
            trust_proxy: false,
            trusted_proxy_hops: 1,
            max_body_bytes: 2 * 1024 * 1024,
            max_logo_bytes: 512 * 1024,
            default_region: None,
            base_url: None,
            post_rate_per_minute: 120,
        }
    }
}

/// Shared state of every handler.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<Config>,
    pub limiter: Arc<security::RateLimiter>,
    pub registry_cache: Arc<declarations::RegistryCache>,
}

impl AppState {
    pub fn new(store: Store, config: Config) -> AppState {
        AppState {
            limiter: Arc::new(security::RateLimiter::new(
                Duration::from_secs(60),
                config.post_rate_per_minute,
            )),
            store,
            config: Arc::new(config),
            registry_cache: Arc::new(declarations::RegistryCache::default()),
        }
    }
}

/// Today's date in Japan (JST has no daylight saving time: always UTC+9).
pub fn today_jst() -> jiff::civil::Date {
    jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(9)))
        .date()
}

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The whole application router.
pub fn router(state: AppState) -> Router {
    let pages = Router::new()
        .merge(home::routes())
        .merge(declarations::routes())
        .merge(auth::routes())
        .merge(dashboard::routes())
        .merge(orgs::routes())
        .merge(kpi::routes())
        .merge(plans::routes())
        .merge(disclosure::routes())
        .merge(readiness::routes())
        .merge(review::routes())
        .merge(admin::routes())
        .fallback(errors::not_found)
        // Order matters: the last layer added is the outermost. `context::load` runs
        // first, the error renderer wraps the CSRF check so its refusals get pages too.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::check_csrf,
        ))
        .layer(middleware::from_fn(errors::render_error_pages))
        .layer(middleware::from_fn_with_state(state.clone(), context::load));

    Router::new()
        .route("/healthz", get(healthz))
        .merge(assets::routes())
        .merge(pages)
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        // Last line of defence: a panic becomes a 500, never a dropped connection.
        .layer(tower_http::catch_panic::CatchPanicLayer::new())
        .layer(middleware::from_fn(security::headers))
        .layer(
            TraceLayer::new_for_http().make_span_with(|req: &Request<_>| {
                let id = req
                    .headers()
                    .get(REQUEST_ID)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("-");
                tracing::info_span!("request", request_id = %id, method = %req.method(), path = %req.uri().path())
            }),
        )
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .with_state(state)
}

/// 200 when the database answers, 503 otherwise.
async fn healthz(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> (axum::http::StatusCode, &'static str) {
    if state.store.ping().await {
        (axum::http::StatusCode::OK, "ok")
    } else {
        (
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            "database unavailable",
        )
    }
}

/// Serve until `shutdown` resolves, then finish in-flight requests.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let store = state.store.clone();
    // Housekeeping: expired sessions and old login attempts. Safe to run in every
    // process of a PostgreSQL deployment (plain DELETEs).
    let janitor = tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(3600));
        loop {
            tick.tick().await;
            if let Err(e) = store.prune_sessions().await {
                tracing::warn!(error = %e, "pruning sessions failed");
            }
            if let Err(e) = store.prune_login_attempts().await {
                tracing::warn!(error = %e, "pruning login attempts failed");
            }
        }
    });
    let worker = kpi::worker::spawn(state.store.clone());
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    let result = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await;
    janitor.abort();
    worker.abort();
    result
}
