//! Settings: flags and environment (handled by clap) over a TOML config file over
//! defaults.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use serde::Deserialize;

use crate::DbArgs;

/// The optional config file; every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    port: Option<u16>,
    bind: Option<String>,
    cookie_secure: Option<bool>,
    trust_proxy: Option<bool>,
    trusted_proxy_hops: Option<usize>,
    base_url: Option<String>,
    default_region: Option<String>,
    max_body_bytes: Option<usize>,
    header_timeout_secs: Option<u64>,
    body_timeout_secs: Option<u64>,
    request_timeout_secs: Option<u64>,
    shutdown_grace_secs: Option<u64>,
    job_lease_secs: Option<u64>,
    job_poll_secs: Option<u64>,
    employee_code_key_file: Option<PathBuf>,
    smtp_url: Option<String>,
    mail_from: Option<String>,
    mail_max_attempts: Option<i64>,
    mail_retry_secs: Option<u64>,
    mail_timeout_secs: Option<u64>,
    api_rate_per_minute: Option<u32>,
    portal_staleness_ms: Option<u64>,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub data_dir: PathBuf,
    pub database_url: Option<String>,
    pub port: u16,
    pub bind: String,
    pub cookie_secure: bool,
    pub trust_proxy: bool,
    pub trusted_proxy_hops: usize,
    pub base_url: Option<String>,
    pub default_region: Option<String>,
    pub max_body_bytes: usize,
    /// Timeouts and the shutdown grace period, in seconds.
    pub header_timeout_secs: u64,
    pub body_timeout_secs: u64,
    pub request_timeout_secs: u64,
    pub shutdown_grace_secs: u64,
    /// The import worker's lease and idle polling, in seconds.
    pub job_lease_secs: u64,
    pub job_poll_secs: u64,
    /// The key that seals employee codes; kept outside the database.
    pub employee_code_key_file: PathBuf,
    /// Outgoing mail: the SMTP URL (none: the outbox keeps messages), the sender,
    /// tries per message, the first retry's pause and the SMTP timeout.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub mail_max_attempts: i64,
    pub mail_retry_secs: u64,
    pub mail_timeout_secs: u64,
    /// Requests to the public JSON API per client address and minute.
    pub api_rate_per_minute: u32,
    /// How old the portal version behind a signed-out visitor's page may be.
    pub portal_staleness_ms: u64,
}

impl Settings {
    pub fn resolve(db: &DbArgs) -> anyhow::Result<Settings> {
        let path = db.config.clone().or_else(|| {
            let p = Path::new("erabareru.toml");
            p.exists().then(|| p.to_path_buf())
        });
        let file: FileConfig = match &path {
            Some(p) => toml::from_str(
                &std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?,
            )
            .with_context(|| format!("parsing {}", p.display()))?,
            None => FileConfig::default(),
        };
        let defaults = web::Config::default();
        anyhow::ensure!(
            file.trusted_proxy_hops != Some(0),
            "trusted_proxy_hops must be at least 1 (the proxy in front of the server)"
        );
        let data_dir = db
            .data_dir
            .clone()
            .or(file.data_dir)
            .unwrap_or_else(|| PathBuf::from("./data"));
        Ok(Settings {
            employee_code_key_file: db
                .employee_code_key_file
                .clone()
                .or(file.employee_code_key_file)
                .unwrap_or_else(|| data_dir.join("employee-code.key")),
            data_dir,
            database_url: db.database_url.clone().or(file.database_url),
            port: file.port.unwrap_or(8080),
            bind: file.bind.unwrap_or_else(|| "127.0.0.1".into()),
            cookie_secure: file.cookie_secure.unwrap_or(false),
            trust_proxy: file.trust_proxy.unwrap_or(false),
            trusted_proxy_hops: file
                .trusted_proxy_hops
                .unwrap_or(defaults.trusted_proxy_hops),
            base_url: file.base_url,
            default_region: file.default_region,
            max_body_bytes: file.max_body_bytes.unwrap_or(defaults.max_body_bytes),
            header_timeout_secs: file
                .header_timeout_secs
                .unwrap_or(defaults.header_read_timeout.as_secs()),
            body_timeout_secs: file
                .body_timeout_secs
                .unwrap_or(defaults.body_timeout.as_secs()),
            request_timeout_secs: file
                .request_timeout_secs
                .unwrap_or(defaults.request_timeout.as_secs()),
            shutdown_grace_secs: file
                .shutdown_grace_secs
                .unwrap_or(defaults.shutdown_grace.as_secs()),
            job_lease_secs: file
                .job_lease_secs
                .unwrap_or(defaults.worker.lease.as_secs()),
            job_poll_secs: file.job_poll_secs.unwrap_or(defaults.worker.poll.as_secs()),
            smtp_url: file.smtp_url.filter(|u| !u.trim().is_empty()),
            mail_from: file.mail_from.unwrap_or_else(|| defaults.mail.from.clone()),
            mail_max_attempts: file.mail_max_attempts.unwrap_or(defaults.mail.max_attempts),
            mail_retry_secs: file
                .mail_retry_secs
                .unwrap_or(defaults.mail.retry_base.as_secs()),
            mail_timeout_secs: file
                .mail_timeout_secs
                .unwrap_or(defaults.mail.timeout.as_secs()),
            api_rate_per_minute: file
                .api_rate_per_minute
                .unwrap_or(defaults.api_rate_per_minute),
            portal_staleness_ms: file
                .portal_staleness_ms
                .unwrap_or(defaults.portal_staleness.as_millis() as u64),
        })
    }

    /// The mail settings, checked: a bad SMTP URL or sender stops the server at
    /// start instead of failing every message later.
    pub fn mail_settings(&self) -> anyhow::Result<web::mail::MailSettings> {
        let defaults = web::mail::MailSettings::default();
        anyhow::ensure!(
            self.mail_max_attempts >= 1,
            "mail_max_attempts must be at least 1"
        );
        web::mail::parse_from(&self.mail_from).map_err(anyhow::Error::msg)?;
        let smtp = self
            .smtp_url
            .as_deref()
            .filter(|u| !u.trim().is_empty())
            .map(web::mail::SmtpUrl::parse)
            .transpose()
            .map_err(anyhow::Error::msg)?;
        let timeout = Duration::from_secs(self.mail_timeout_secs.max(1));
        Ok(web::mail::MailSettings {
            smtp,
            from: self.mail_from.clone(),
            max_attempts: self.mail_max_attempts,
            retry_base: Duration::from_secs(self.mail_retry_secs),
            // The lease must outlast a send (two timeouts at most, see the worker).
            lease: defaults.lease.max(timeout.saturating_mul(3)),
            timeout,
            ..defaults
        })
    }

    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| store::default_sqlite_url(&self.data_dir))
    }

    pub fn web_config(&self) -> web::Config {
        web::Config {
            cookie_secure: self.cookie_secure,
            trust_proxy: self.trust_proxy,
            trusted_proxy_hops: self.trusted_proxy_hops,
            max_body_bytes: self.max_body_bytes,
            default_region: self.default_region.clone(),
            base_url: self.base_url.clone(),
            // Zero would refuse every request or lease: one second at least.
            header_read_timeout: Duration::from_secs(self.header_timeout_secs.max(1)),
            body_timeout: Duration::from_secs(self.body_timeout_secs.max(1)),
            request_timeout: Duration::from_secs(self.request_timeout_secs.max(1)),
            shutdown_grace: Duration::from_secs(self.shutdown_grace_secs),
            worker: web::kpi::worker::WorkerSettings {
                lease: Duration::from_secs(self.job_lease_secs.max(1)),
                poll: Duration::from_secs(self.job_poll_secs.max(1)),
            },
            api_rate_per_minute: self.api_rate_per_minute.max(1),
            // More than a second would let a page lag visibly behind a write.
            portal_staleness: Duration::from_millis(self.portal_staleness_ms.min(1000)),
            ..web::Config::default()
        }
    }
}
