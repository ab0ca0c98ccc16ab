//! The erabareru web application.
//!
//! One module per feature (`home`, `declarations`, `orgs`, `review`, `admin`, …),
//! each holding its handlers, view structs and templates. Cross-cutting pieces:
//! [`context`] (who is asking, in which language), [`authz`] (the one place that
//! decides access), [`security`] (headers, CSRF, rate limits), [`errors`] (errors as
//! values, rendered in one place), [`i18n`].

pub mod admin;
pub mod api;
pub mod assets;
pub mod auth;
pub mod authz;
pub mod care;
pub mod clock;
pub mod context;
pub mod course;
pub mod csv_out;
pub mod daily;
pub mod dashboard;
pub mod declarations;
pub mod definitions;
pub mod demo;
pub mod disclosure;
pub mod engagements;
pub mod errors;
pub mod events;
pub mod feed;
pub mod flash;
pub mod forms;
pub mod home;
pub mod i18n;
pub mod inquiries;
pub mod job_postings;
pub mod kpi;
pub mod mail;
pub mod news;
pub mod open_data;
pub mod org_survey;
pub mod orgs;
pub mod page_cache;
pub mod plans;
pub mod program;
pub mod public_form;
pub mod publish;
pub mod readiness;
pub mod review;
pub mod review_mail;
pub mod security;
pub mod sitemap;
pub mod stories;
pub mod survey;
pub mod visibility;
pub mod workplaces;
pub mod workshop;

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
use tower_http::timeout::{TimeoutBody, TimeoutLayer};
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
    /// Largest accepted CV (PDF) on an inquiry or application.
    pub max_cv_bytes: usize,
    /// The region whose home page `/` shows; the first region when None.
    pub default_region: Option<String>,
    /// Public base URL for absolute links in feeds, e.g. `https://erabareru.example.jp`.
    pub base_url: Option<String>,
    /// State-changing requests allowed per client address and minute (per process).
    pub post_rate_per_minute: u32,
    /// A client must send a request's headers within this time (also closes idle
    /// keep-alive connections).
    pub header_read_timeout: Duration,
    /// Longest wait for the next piece of a request body.
    pub body_timeout: Duration,
    /// Longest time a request may take, body and handler included.
    pub request_timeout: Duration,
    /// After the shutdown signal: how long in-flight requests and the running
    /// import job get before the server returns anyway.
    pub shutdown_grace: Duration,
    /// The import worker's lease and polling.
    pub worker: kpi::worker::WorkerSettings,
    /// The address the server listens on: the origin of absolute links when
    /// `base_url` is not set (never the request's Host header, which the
    /// client chooses). `serve` fills it in from the listener when None.
    pub listen_address: Option<SocketAddr>,
    /// Import uploads and previews computed at once per process: each holds
    /// a whole upload in memory, so they wait their turn (the rest get 503).
    pub max_concurrent_imports: usize,
    /// Import uploads and previews one user may start per minute (per process).
    pub import_rate_per_minute: u32,
    /// Requests to the public JSON API (`/api/v1`) one client address may send
    /// per minute (per process); more get 429 with `Retry-After`.
    pub api_rate_per_minute: u32,
    /// How old a portal version a signed-out visitor's page may be read under
    /// ([`page_cache::VersionGate`]): 20 ms by default, which spares the
    /// database one read per batch of requests under load; zero reads it anew
    /// for every request, so a write is seen at once by every server.
    /// Signed-in users always get the current version.
    pub portal_staleness: Duration,
    /// Event registrations one client address may send per hour (per process).
    pub registration_rate_per_hour: u32,
    /// A registration sent sooner than this after its form was shown is taken
    /// for a bot and sent back (the spam time check).
    pub registration_min_seconds: u64,
    /// Outgoing mail: the SMTP server (none: messages stay in the outbox), the
    /// sender, retries.
    pub mail: mail::MailSettings,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            cookie_secure: false,
            trust_proxy: false,
            trusted_proxy_hops: 1,
            max_body_bytes: 2 * 1024 * 1024,
            max_logo_bytes: 512 * 1024,
            max_cv_bytes: 1536 * 1024,
            default_region: None,
            base_url: None,
            post_rate_per_minute: 120,
            header_read_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            shutdown_grace: Duration::from_secs(20),
            worker: kpi::worker::WorkerSettings::default(),
            listen_address: None,
            max_concurrent_imports: 2,
            import_rate_per_minute: 20,
            api_rate_per_minute: 300,
            portal_staleness: Duration::from_millis(20),
            registration_rate_per_hour: 10,
            registration_min_seconds: 3,
            mail: mail::MailSettings::default(),
        }
    }
}

/// Shared state of every handler: one `Arc`, because every layer and handler
/// takes a clone per request (axum's `from_fn` clones the whole inner stack),
/// and a clone of a struct of a dozen `Arc`s is a dozen contended atomic
/// increments — a fifth of a cached page's CPU before this was one.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What [`AppState`] shares.
#[derive(Clone)]
pub struct Shared {
    pub store: Store,
    pub config: Arc<Config>,
    pub limiter: Arc<security::RateLimiter>,
    pub registry_cache: Arc<declarations::RegistryCache>,
    /// The portal pages' caches and the coalesced version reads ([`page_cache`]).
    pub portal: Arc<page_cache::PortalCaches>,
    /// Permits for import uploads and previews ([`Config::max_concurrent_imports`]).
    pub imports: Arc<tokio::sync::Semaphore>,
    /// Import uploads and previews per user ([`Config::import_rate_per_minute`]).
    pub import_limiter: Arc<security::RateLimiter>,
    /// Requests to the public JSON API per client address ([`Config::api_rate_per_minute`]).
    pub api_limiter: Arc<security::RateLimiter>,
    /// Public form submissions (event registrations, job inquiries) per client
    /// address ([`Config::registration_rate_per_hour`]).
    pub registration_limiter: Arc<security::RateLimiter>,
    /// The key that signs when a public form was shown (read from the database
    /// on first use; every server of one database shares it).
    pub form_secret: Arc<tokio::sync::OnceCell<String>>,
}

impl AppState {
    pub fn new(store: Store, config: Config) -> AppState {
        let portal_staleness = config.portal_staleness;
        AppState(Arc::new(Shared {
            limiter: Arc::new(security::RateLimiter::new(
                Duration::from_secs(60),
                config.post_rate_per_minute,
            )),
            imports: Arc::new(tokio::sync::Semaphore::new(
                config.max_concurrent_imports.max(1),
            )),
            import_limiter: Arc::new(security::RateLimiter::new(
                Duration::from_secs(60),
                config.import_rate_per_minute,
            )),
            form_secret: Arc::new(tokio::sync::OnceCell::new()),
            api_limiter: Arc::new(security::RateLimiter::new(
                Duration::from_secs(60),
                config.api_rate_per_minute.max(1),
            )),
            registration_limiter: Arc::new(security::RateLimiter::new(
                Duration::from_secs(3600),
                config.registration_rate_per_hour,
            )),
            store,
            config: Arc::new(config),
            registry_cache: Arc::new(declarations::RegistryCache::default()),
            portal: Arc::new(page_cache::PortalCaches::new(portal_staleness)),
        }))
    }
}

pub use clock::today_jst;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The whole application router.
pub fn router(state: AppState) -> Router {
    let pages = Router::new()
        .merge(home::routes())
        .merge(declarations::routes())
        .merge(definitions::routes())
        .merge(events::routes())
        .merge(news::routes())
        .merge(stories::routes())
        .merge(feed::routes())
        .merge(workplaces::routes())
        .merge(care::routes())
        .merge(daily::routes())
        .merge(org_survey::routes())
        .merge(workshop::routes())
        .merge(job_postings::routes())
        .merge(inquiries::routes())
        .merge(sitemap::routes())
        .merge(open_data::routes())
        .merge(survey::routes())
        .merge(program::routes())
        .merge(course::routes())
        .merge(engagements::routes())
        .merge(auth::routes())
        .merge(dashboard::routes())
        .merge(orgs::routes())
        .merge(kpi::routes())
        .merge(plans::routes())
        .merge(publish::routes())
        .merge(disclosure::routes())
        .merge(readiness::routes())
        .merge(review::routes())
        .merge(admin::routes())
        .merge(visibility::routes())
        .fallback(errors::not_found)
        // Innermost, on each route (it reads the route's MatchedPath): the most
        // visited pages kept whole for signed-out visitors.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            page_cache::rendered,
        ))
        .with_state(state.clone());
    // The pages' own layers wrap the pages' router as one service rather than
    // each route (`Router::layer`): axum's `from_fn` clones its whole inner
    // service per request, and a per-route stack is a chain of boxed routes to
    // clone, where the router is one `Arc`.
    //
    // Order matters: the first layer is the outermost. `context::load` runs
    // first, the error renderer wraps the CSRF check so its refusals get pages
    // too; control characters are refused once the CSRF check passed.
    let pages = tower::ServiceBuilder::new()
        .layer(middleware::from_fn_with_state(state.clone(), context::load))
        .layer(middleware::from_fn(security::private_no_store))
        .layer(middleware::from_fn(errors::render_error_pages))
        // Body and handler together; a slow one gets a 503 page.
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            state.config.request_timeout,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::check_csrf,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            forms::refuse_control_characters,
        ))
        .service(pages);

    let app = Router::new()
        .route("/healthz", get(healthz))
        .merge(assets::routes())
        // The JSON API has its own layers (no session, problem documents).
        .merge(api::routes(&state))
        .fallback_service(pages)
        .with_state(state.clone());
    // Around everything, as one service for the reason given for the pages.
    let app = tower::ServiceBuilder::new()
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
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
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::strict_transport,
        ))
        .layer(middleware::from_fn(security::headers))
        // Last line of defence: a panic becomes a 500, never a dropped connection.
        .layer(tower_http::catch_panic::CatchPanicLayer::new())
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        .service(app);
    Router::new().fallback_service(app)
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

/// Serve until `shutdown` resolves, then finish in-flight requests, the running
/// import job and the mail being sent for at most `shutdown_grace`, and return.
///
/// Connections are served by hyper directly rather than `axum::serve`, which has no
/// header-read timeout: a client that sends half its headers is disconnected after
/// `header_read_timeout`, half a body after `body_timeout`.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let mut state = state;
    if state.config.listen_address.is_none() {
        let mut config = (*state.config).clone();
        config.listen_address = listener.local_addr().ok();
        Arc::make_mut(&mut state.0).config = Arc::new(config);
    }
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower::ServiceExt;

    let config = state.config.clone();
    let store = state.store.clone();
    let base = declarations::export::base_url(&state);
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
            match events::registration::queue_reminders(&store, &base).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(reminders = n, "queued event reminders"),
                Err(e) => tracing::warn!(error = %e, "queueing event reminders failed"),
            }
            match events::questionnaire::queue_questionnaires(&store, &base).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(questionnaires = n, "queued event questionnaires"),
                Err(e) => tracing::warn!(error = %e, "queueing event questionnaires failed"),
            }
            // Job seekers' personal data, once the region's retention period is over.
            match store.erase_expired_inquiries(jiff::Timestamp::now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(inquiries = n, "erased expired inquiries"),
                Err(e) => tracing::warn!(error = %e, "erasing expired inquiries failed"),
            }
            // Participants' personal data, once the region's retention period is over.
            match store.erase_expired_registrations(today_jst()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(registrations = n, "erased expired registrations"),
                Err(e) => tracing::warn!(error = %e, "erasing expired registrations failed"),
            }
        }
    });
    let worker = kpi::worker::spawn(state.store.clone(), config.worker);
    let mailer = mail::worker::spawn(state.store.clone(), config.mail.clone());
    let app = router(state);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(config.header_read_timeout);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors and the like: wait instead of spinning.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let app = app.clone();
        let body_timeout = config.body_timeout;
        let service = hyper::service::service_fn(move |req: Request<hyper::body::Incoming>| {
            let mut req =
                req.map(|body| axum::body::Body::new(TimeoutBody::new(body_timeout, body)));
            req.extensions_mut()
                .insert(axum::extract::ConnectInfo::<SocketAddr>(remote));
            app.clone().oneshot(req)
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "connection closed with an error");
            }
        });
    }
    drop(listener);
    let grace = config.shutdown_grace;
    let connections = async {
        if tokio::time::timeout(grace, graceful.shutdown())
            .await
            .is_err()
        {
            tracing::warn!("connections still open after the shutdown grace period; leaving them");
        }
    };
    let mailer = async {
        if let Some(m) = mailer {
            m.shutdown(grace).await;
        }
    };
    tokio::join!(connections, worker.shutdown(grace), mailer);
    janitor.abort();
    Ok(())
}
