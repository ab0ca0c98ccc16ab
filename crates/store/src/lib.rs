//! Persistence for erabareru: one query layer over SQLite and PostgreSQL.
//!
//! Every query goes through sqlx's `Any` driver with `$1` placeholders, so the same
//! function serves both databases; only the migrations differ per backend (identity
//! columns and blob types). Dates are stored as `YYYY-MM-DD` text and timestamps as
//! RFC 3339 UTC text because `Any` cannot decode native date types.
//! Modules follow the domain: one per table family.

pub mod audit;
pub mod care;
pub mod certification;
pub mod courses;
pub mod daily;
pub mod declarations;
pub mod employee_codes;
pub mod engagement_records;
pub mod engagements;
pub mod events;
pub mod feedback;
pub mod figures;
mod float_bind;
pub mod inquiries;
pub mod jobs;
pub mod kpi;
pub mod login_attempts;
pub mod mail;
pub mod org_changes;
pub mod org_surveys;
pub mod orgs;
pub mod plans;
pub mod portal;
pub mod postings;
pub mod program;
pub mod publications;
pub mod regions;
pub mod registrations;
pub mod sessions;
pub mod stories;
pub mod surveys;
pub mod testing;
pub mod uploads;
pub mod users;
pub mod workplaces;
pub mod workshops;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Executor};

pub use sqlx;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

/// Which database the store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not found")]
    NotFound,
    /// A unique constraint refused the write (e.g. an e-mail already registered).
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("invalid configuration: {0}")]
    Config(String),
    /// A worker wrote to a job whose lease it no longer holds; nothing was written.
    #[error("the job's lease is held by another worker")]
    LeaseLost,
}

impl Error {
    /// Map a unique-violation into [`Error::Conflict`], keep everything else.
    pub(crate) fn from_write(e: sqlx::Error) -> Error {
        if let sqlx::Error::Database(db) = &e
            && (db.is_unique_violation() || db.code().as_deref() == Some("2067"))
        {
            return Error::Conflict(db.message().to_string());
        }
        Error::Database(e)
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// The application's handle on its database. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// Seals employee codes (see [`employee_codes`]); kept outside the database.
    code_key: Option<std::sync::Arc<employee_codes::EmployeeCodeKey>>,
}

/// The database URL used when none is configured: a SQLite file under the data directory.
pub fn default_sqlite_url(data_dir: &Path) -> String {
    format!(
        "sqlite://{}?mode=rwc",
        data_dir.join("erabareru.db").display()
    )
}

impl Store {
    /// Connect to `url` (`sqlite://…` or `postgres://…`). Does not migrate.
    pub async fn connect(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            return Err(Error::Config(format!(
                "unsupported database URL (use sqlite:// or postgres://): {}",
                redact_url(url)
            )));
        };
        let options = AnyConnectOptions::from_str(url)?
            .log_statements(tracing::log::LevelFilter::Trace)
            .log_slow_statements(tracing::log::LevelFilter::Warn, Duration::from_millis(250));
        let mut pool = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(10));
        pool = match backend {
            Backend::Sqlite => pool.max_connections(8).after_connect(|conn, _meta| {
                Box::pin(async move {
                    // WAL lets readers run while one writer writes; the busy timeout
                    // makes a second writer wait instead of failing at once. Secure
                    // delete zeroes freed pages, so uploaded files (employee codes)
                    // deleted after an import do not linger in the database file.
                    conn.execute(
                        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                             PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; \
                             PRAGMA secure_delete = ON;",
                    )
                    .await?;
                    Ok(())
                })
            }),
            Backend::Postgres => pool.max_connections(16),
        };
        let pool = pool.connect_with(options).await?;
        Ok(Store {
            pool,
            backend,
            code_key: None,
        })
    }

    /// Apply pending migrations for this backend. Safe to run from several
    /// processes at once (sqlx takes an advisory lock on PostgreSQL).
    pub async fn migrate(&self) -> Result<()> {
        match self.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&self.pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await?,
        }
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// True when the database answers a trivial query.
    pub async fn ping(&self) -> bool {
        sqlx::query_scalar::<_, i64>("SELECT 1")
            .fetch_one(&self.pool)
            .await
            .is_ok()
    }

    /// True when nothing has been created yet (no region, user, organization or
    /// declaration): the only state into which `serve --demo` loads demo data.
    pub async fn is_empty(&self) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM regions) + (SELECT COUNT(*) FROM users)
                  + (SELECT COUNT(*) FROM organizations) + (SELECT COUNT(*) FROM declarations)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(n == 0)
    }

    /// Copy a SQLite database to `dest` while the server keeps running
    /// (`VACUUM INTO` takes a consistent snapshot through SQLite's own backup path).
    pub async fn backup_sqlite(&self, dest: &Path) -> Result<()> {
        if self.backend != Backend::Sqlite {
            return Err(Error::Config(
                "backup works on SQLite; use pg_dump for PostgreSQL".into(),
            ));
        }
        if dest.exists() {
            return Err(Error::Config(format!("{} already exists", dest.display())));
        }
        sqlx::query("VACUUM INTO $1")
            .bind(dest.display().to_string())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Hide the password in a database URL before it reaches a log line.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let creds = &url[scheme_end + 3..at];
            match creds.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme_end + 3],
                    &creds[..colon],
                    &url[at..]
                ),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// The current time as stored: RFC 3339 UTC with seconds.
pub fn now() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// A time `seconds` from now (negative for the past), formatted like [`now`].
pub fn now_plus_seconds(seconds: i64) -> String {
    let t = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_secs(seconds))
        .unwrap_or_else(|_| jiff::Timestamp::now());
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A random URL-safe token and its SHA-256 hex digest. The token goes to the user,
/// only the digest is stored, so a leaked database does not leak live sessions.
pub fn new_token() -> (String, String) {
    let token = random_token();
    let hash = hash_token(&token);
    (token, hash)
}

/// A random URL-safe token (64 hex digits) that is never stored, such as a
/// signed-out visitor's form token: [`new_token`] without the digest.
pub fn random_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn hash_token(token: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_password() {
        assert_eq!(
            redact_url("postgres://app:secret@db:5432/x"),
            "postgres://app:***@db:5432/x"
        );
        assert_eq!(redact_url("postgres://app@db/x"), "postgres://app@db/x");
        assert_eq!(redact_url("sqlite://a.db"), "sqlite://a.db");
    }

    #[test]
    fn token_hash_is_stable_and_distinct() {
        let (t, h) = new_token();
        assert_eq!(hash_token(&t), h);
        assert_eq!(t.len(), 64);
        let (t2, _) = new_token();
        assert_ne!(t, t2);
    }
}
