//! `erabareru`: the one binary. Subcommands: serve, migrate, demo, user, backup, kpi,
//! certify.
//!
//! Server settings come from flags, then `ERABARERU_*` environment variables, then
//! a TOML config file (`--config`, default `./erabareru.toml` when present), then
//! the defaults.

mod certify_cmd;
mod config;
mod kpi_cmd;

use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use store::Store;

use crate::config::Settings;

#[derive(Parser)]
#[command(
    name = "erabareru",
    version,
    about = "選ばれる職場づくり: work-style reform platform"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start the web application.
    Serve(ServeArgs),
    /// Apply database migrations and exit.
    Migrate(DbArgs),
    /// Load the demo data set into an empty database and print the demo accounts.
    Demo(DemoArgs),
    /// Manage users.
    #[command(subcommand)]
    User(UserCommand),
    /// Copy the SQLite database to a file while the server runs (PostgreSQL: use pg_dump).
    Backup(BackupArgs),
    /// Compute the legal KPIs of canonical CSV files or vendor exports read through a mapping profile (no database needed).
    Kpi(kpi_cmd::KpiArgs),
    /// Check certification readiness (くるみん, えるぼし, ユースエール) from canonical CSV files and the certification inputs (no database needed).
    Certify(certify_cmd::CertifyArgs),
}

/// Where the data lives. Shared by every command that opens the database.
#[derive(Args, Clone, Default)]
pub struct DbArgs {
    /// TOML config file (keys: data_dir, database_url, port, bind, cookie_secure, trust_proxy, trusted_proxy_hops, base_url, default_region, max_body_bytes, header_timeout_secs, body_timeout_secs, request_timeout_secs, shutdown_grace_secs, job_lease_secs, job_poll_secs, employee_code_key_file, smtp_url, mail_from, mail_max_attempts, mail_retry_secs, mail_timeout_secs, api_rate_per_minute, portal_staleness_ms).
    #[arg(long, env = "ERABARERU_CONFIG")]
    config: Option<PathBuf>,
    /// Directory for the SQLite database [default: ./data].
    #[arg(long, env = "ERABARERU_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// Database URL; a postgres:// URL switches to PostgreSQL [default: SQLite in the data directory].
    #[arg(long, env = "DATABASE_URL")]
    database_url: Option<String>,
    /// Key file that encrypts employee codes, created (0600) when missing; every
    /// server of a PostgreSQL deployment needs the same file [default: DATA_DIR/employee-code.key].
    #[arg(long, env = "ERABARERU_EMPLOYEE_CODE_KEY_FILE")]
    employee_code_key_file: Option<PathBuf>,
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Port to listen on [default: 8080].
    #[arg(long, env = "ERABARERU_PORT")]
    port: Option<u16>,
    /// Address to bind [default: 127.0.0.1].
    #[arg(long, env = "ERABARERU_BIND")]
    bind: Option<String>,
    /// Load the demo data set when the database is empty.
    #[arg(long, env = "ERABARERU_DEMO")]
    demo: bool,
    /// Take this date (YYYY-MM-DD) as today instead of the real date, to show the
    /// site as it reads on that day (demos, training); timestamps stay real.
    #[arg(long, env = "ERABARERU_TODAY", value_parser = parse_date)]
    today: Option<web::clock::Date>,
    /// Mark cookies Secure (serve over HTTPS or behind a TLS proxy).
    #[arg(long, env = "ERABARERU_COOKIE_SECURE")]
    cookie_secure: bool,
    /// Trust X-Forwarded-For (only behind your own reverse proxy).
    #[arg(long, env = "ERABARERU_TRUST_PROXY")]
    trust_proxy: bool,
    /// How many proxies of yours stand in front of the server; the client address is
    /// taken that many entries from the right of X-Forwarded-For [default: 1].
    #[arg(long, env = "ERABARERU_TRUSTED_PROXY_HOPS", value_parser = clap::value_parser!(u16).range(1..))]
    trusted_proxy_hops: Option<u16>,
    /// Log format: text or json.
    #[arg(long, env = "ERABARERU_LOG_FORMAT", default_value = "text")]
    log_format: String,
    /// Seconds a client has to send a request's headers [default: 10].
    #[arg(long, env = "ERABARERU_HEADER_TIMEOUT_SECS")]
    header_timeout_secs: Option<u64>,
    /// Seconds to wait for the next part of a request body [default: 10].
    #[arg(long, env = "ERABARERU_BODY_TIMEOUT_SECS")]
    body_timeout_secs: Option<u64>,
    /// Seconds a whole request may take [default: 30].
    #[arg(long, env = "ERABARERU_REQUEST_TIMEOUT_SECS")]
    request_timeout_secs: Option<u64>,
    /// Requests to the public JSON API (/api/v1) one client address may send per
    /// minute; more get 429 [default: 300].
    #[arg(long, env = "ERABARERU_API_RATE_PER_MINUTE")]
    api_rate_per_minute: Option<u32>,
    /// Milliseconds old the portal version behind a signed-out visitor's page
    /// may be; 0 reads it for every request, so every server shows a write at
    /// once [default: 20].
    #[arg(long, env = "ERABARERU_PORTAL_STALENESS_MS")]
    portal_staleness_ms: Option<u64>,
    /// Seconds in-flight requests and the running import get after SIGTERM [default: 20].
    #[arg(long, env = "ERABARERU_SHUTDOWN_GRACE_SECS")]
    shutdown_grace_secs: Option<u64>,
    /// Seconds an import worker's claim holds without renewal [default: 60].
    #[arg(long, env = "ERABARERU_JOB_LEASE_SECS")]
    job_lease_secs: Option<u64>,
    /// Seconds between an idle import worker's looks at the queue [default: 1].
    #[arg(long, env = "ERABARERU_JOB_POLL_SECS")]
    job_poll_secs: Option<u64>,
    /// SMTP server for outgoing mail: smtp://host:port (plain; add ?tls=opportunistic
    /// for STARTTLS when offered), smtp+starttls:// (or ?tls=required), smtps://
    /// (implicit TLS); user:password@ before the host signs in. Without it, mail
    /// stays in the outbox (管理 → 送信メール).
    #[arg(long, env = "ERABARERU_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// The From address of outgoing mail [default: "erabareru <noreply@localhost>"].
    #[arg(long, env = "ERABARERU_MAIL_FROM")]
    mail_from: Option<String>,
    /// Tries per message before it is marked failed [default: 8].
    #[arg(long, env = "ERABARERU_MAIL_MAX_ATTEMPTS")]
    mail_max_attempts: Option<i64>,
    /// Seconds before the first retry of a message; doubled after each failure, at most an hour [default: 60].
    #[arg(long, env = "ERABARERU_MAIL_RETRY_SECS")]
    mail_retry_secs: Option<u64>,
    /// Seconds for connecting to the SMTP server and for each exchange [default: 30].
    #[arg(long, env = "ERABARERU_MAIL_TIMEOUT_SECS")]
    mail_timeout_secs: Option<u64>,
}

#[derive(Args)]
struct DemoArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Also add this many fictional approved declarers (for load benchmarks).
    #[arg(long, default_value_t = 0)]
    bulk_declarers: usize,
    /// Also add this many fictional employers with approved workplace profiles
    /// (the portal's load benchmark set).
    #[arg(long, default_value_t = 0)]
    bulk_employers: usize,
    /// Also add this many job postings across the bulk employers (some closed
    /// or expired).
    #[arg(long, default_value_t = 0)]
    bulk_postings: usize,
    #[command(subcommand)]
    action: Option<DemoAction>,
}

#[derive(Subcommand)]
enum DemoAction {
    /// Write deterministic, realistic canonical CSV files (employees, attendance,
    /// family events, leaves) for one fiscal year; no database needed.
    Generate {
        /// Number of employees.
        #[arg(long)]
        employees: usize,
        /// Fiscal year (2026 = 2026-04-01 to 2027-03-31).
        #[arg(long)]
        fy: i16,
        /// Folder to write into (created if needed; existing files are replaced).
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a user. Prompts for nothing: the password comes from --password or
    /// ERABARERU_PASSWORD, or a one-time invitation link is printed.
    Create {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "")]
        name: String,
        /// Make the user a platform administrator.
        #[arg(long)]
        admin: bool,
        #[arg(long, env = "ERABARERU_PASSWORD", hide_env_values = true)]
        password: Option<String>,
    },
}

#[derive(Args)]
struct BackupArgs {
    #[command(flatten)]
    db: DbArgs,
    /// The backup file to write (must not exist).
    #[arg(long)]
    out: PathBuf,
}

fn init_logging(format: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "info,sqlx=warn,tower_http=info".into());
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}

async fn open(settings: &Settings) -> anyhow::Result<Store> {
    let url = settings.database_url();
    if url.starts_with("sqlite:") {
        std::fs::create_dir_all(&settings.data_dir)
            .with_context(|| format!("creating {}", settings.data_dir.display()))?;
    }
    let store = Store::connect(&url)
        .await
        .with_context(|| format!("connecting to {}", store::redact_url(&url)))?;
    store.migrate().await.context("running migrations")?;
    Ok(store)
}

/// The store with the employee-code key, for the commands that import or show
/// per-employee figures (serve, demo).
fn with_code_key(store: Store, settings: &Settings) -> anyhow::Result<Store> {
    let key =
        store::employee_codes::EmployeeCodeKey::load_or_create(&settings.employee_code_key_file)
            .with_context(|| {
                format!(
                    "employee-code key file {}",
                    settings.employee_code_key_file.display()
                )
            })?;
    Ok(store.with_employee_code_key(key))
}

fn print_accounts(accounts: &[web::demo::DemoAccount]) {
    println!("デモ用アカウント / demo accounts:");
    for a in accounts {
        println!(
            "  {:<36} {:<24} {}",
            a.email,
            a.password,
            a.roles.join(", ")
        );
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}

fn main() -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let result = runtime.block_on(run(Cli::parse()));
    // An import computing on the blocking pool has been handed back to the queue
    // by then: do not wait for it (dropping the runtime would).
    runtime.shutdown_timeout(std::time::Duration::from_millis(500));
    result
}

/// A date as `ingest` reads one (YYYY-MM-DD, full-width digits and slashes accepted).
fn parse_date(s: &str) -> Result<web::clock::Date, String> {
    ingest::value::parse_date(&ingest::value::clean(s)).map_err(|e| format!("{} / {}", e.ja, e.en))
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(a) => {
            init_logging(&a.log_format);
            if let Some(d) = a.today {
                // Before the demo loads: its years follow today.
                let _ = web::clock::fix_today(d);
                println!("今日の日付を {d} とみなします / taking {d} as today");
            }
            let mut settings = Settings::resolve(&a.db)?;
            if let Some(p) = a.port {
                settings.port = p;
            }
            if let Some(b) = a.bind {
                settings.bind = b;
            }
            settings.cookie_secure |= a.cookie_secure;
            settings.trust_proxy |= a.trust_proxy;
            if let Some(h) = a.trusted_proxy_hops {
                settings.trusted_proxy_hops = h.into();
            }
            for (flag, setting) in [
                (a.header_timeout_secs, &mut settings.header_timeout_secs),
                (a.body_timeout_secs, &mut settings.body_timeout_secs),
                (a.request_timeout_secs, &mut settings.request_timeout_secs),
                (a.shutdown_grace_secs, &mut settings.shutdown_grace_secs),
                (a.job_lease_secs, &mut settings.job_lease_secs),
                (a.job_poll_secs, &mut settings.job_poll_secs),
                (a.mail_retry_secs, &mut settings.mail_retry_secs),
                (a.mail_timeout_secs, &mut settings.mail_timeout_secs),
            ] {
                if let Some(v) = flag {
                    *setting = v;
                }
            }
            if let Some(u) = a.smtp_url {
                settings.smtp_url = Some(u).filter(|u| !u.trim().is_empty());
            }
            if let Some(f) = a.mail_from {
                settings.mail_from = f;
            }
            if let Some(n) = a.mail_max_attempts {
                settings.mail_max_attempts = n;
            }
            if let Some(n) = a.api_rate_per_minute {
                settings.api_rate_per_minute = n;
            }
            if let Some(n) = a.portal_staleness_ms {
                settings.portal_staleness_ms = n;
            }
            let mail = settings.mail_settings()?;
            let store = with_code_key(open(&settings).await?, &settings)?;
            if a.demo {
                if store.is_empty().await? {
                    let accounts = web::demo::load(&store).await?;
                    print_accounts(&accounts);
                } else if web::demo::is_loaded(&store).await? {
                    println!(
                        "デモデータは読み込み済みです（このデータベースにあるものを使います） / the demo data is already loaded; using it"
                    );
                    print_accounts(&web::demo::accounts()?);
                } else {
                    println!(
                        "このデータベースにはデモ以外のデータがあるため、デモデータは読み込みません / the database holds other data: the demo set is not loaded"
                    );
                }
            }
            let addr = format!("{}:{}", settings.bind, settings.port);
            let listener = tokio::net::TcpListener::bind(&addr)
                .await
                .with_context(|| format!("listening on {addr}"))?;
            let local = listener.local_addr()?;
            println!("erabareru: http://{local}/");
            tracing::info!(address = %local, database = %store::redact_url(&settings.database_url()), "serving");
            let mut config = settings.web_config();
            match &mail.smtp {
                Some(url) => tracing::info!(smtp = %url.redacted(), "sending mail"),
                None => tracing::info!(
                    "no SMTP server configured: mail stays in the outbox (/admin/mail)"
                ),
            }
            config.mail = mail;
            // Absolute links (feed, exports) use base_url, else this address.
            config.listen_address = Some(local);
            if config.base_url.is_none() {
                tracing::warn!(origin = %format!("http://{local}"), "no base_url configured: absolute links in feeds and exports use the listen address");
            }
            let state = web::AppState::new(store.clone(), config);
            web::serve(listener, state, shutdown_signal()).await?;
            store.close().await;
        }
        Command::Migrate(db) => {
            init_logging("text");
            let settings = Settings::resolve(&db)?;
            open(&settings).await?;
            println!("migrations applied");
        }
        Command::Demo(DemoArgs {
            action: Some(DemoAction::Generate { employees, fy, out }),
            ..
        }) => {
            let s = ingest::generate::generate(&out, employees, fy)
                .with_context(|| format!("writing {}", out.display()))?;
            println!(
                "wrote {}: {} employees, {} attendance rows ({:.1} MB), {} family events, {} leaves",
                out.display(),
                s.employees,
                s.attendance_rows,
                s.attendance_bytes as f64 / 1e6,
                s.family_events,
                s.leaves
            );
        }
        Command::Demo(a) => {
            init_logging("text");
            let settings = Settings::resolve(&a.db)?;
            let store = with_code_key(open(&settings).await?, &settings)?;
            if store.is_empty().await? {
                let accounts = web::demo::load(&store).await?;
                print_accounts(&accounts);
            } else if a.bulk_declarers == 0 && a.bulk_employers == 0 {
                anyhow::bail!(
                    "the database already has data; demo data loads only into an empty database"
                );
            }
            if a.bulk_declarers > 0 {
                web::demo::add_bulk_declarers(&store, a.bulk_declarers).await?;
                println!("added {} approved declarers", a.bulk_declarers);
            }
            if a.bulk_employers > 0 || a.bulk_postings > 0 {
                let started = std::time::Instant::now();
                web::demo::add_bulk_portal(&store, a.bulk_employers, a.bulk_postings).await?;
                println!(
                    "added {} employers with workplace profiles and {} job postings in {:.1} s",
                    a.bulk_employers,
                    a.bulk_postings,
                    started.elapsed().as_secs_f64()
                );
            }
        }
        Command::User(UserCommand::Create {
            db,
            email,
            name,
            admin,
            password,
        }) => {
            init_logging("text");
            let email = domain::Email::parse(&email)
                .map_err(|e| anyhow::anyhow!("invalid e-mail address: {e}"))?;
            let settings = Settings::resolve(&db)?;
            let store = open(&settings).await?;
            let hash = match &password {
                Some(p) => {
                    if let Some(key) = web::auth::password::check_new(p, p) {
                        anyhow::bail!("password rejected: {key} (at least 12 characters)");
                    }
                    Some(web::auth::password::hash(p).await?)
                }
                None => None,
            };
            let display = if name.is_empty() {
                email.as_str().to_string()
            } else {
                name
            };
            let id = store
                .create_user(email.as_str(), &display, hash.as_deref())
                .await
                .map_err(|e| match e {
                    store::Error::Conflict(_) => {
                        anyhow::anyhow!("{} already exists", email.as_str())
                    }
                    other => other.into(),
                })?;
            if admin {
                store.grant_role(id, "platform_admin", None, None).await?;
            }
            let actor = store::audit::Actor {
                user_id: None,
                label: "cli".into(),
                ip: String::new(),
            };
            store
                .audit(
                    &actor,
                    "create",
                    "user",
                    id,
                    if admin {
                        "platform admin created from the command line"
                    } else {
                        "created from the command line"
                    },
                )
                .await?;
            println!(
                "created user {} (id {id}){}",
                email.as_str(),
                if admin { " as platform admin" } else { "" }
            );
            if hash.is_none() {
                let token = store.issue_invite(id, 7 * 24 * 3600).await?;
                println!("set the password at: /invite/{token} (valid 7 days)");
            }
        }
        Command::Backup(a) => {
            init_logging("text");
            let settings = Settings::resolve(&a.db)?;
            let store = open(&settings).await?;
            store.backup_sqlite(&a.out).await?;
            println!("backup written to {}", a.out.display());
        }
        Command::Kpi(a) => kpi_cmd::run(a)?,
        Command::Certify(a) => certify_cmd::run(a)?,
    }
    Ok(())
}
