//! Fresh databases for tests, on either backend. Used by this crate's store tests
//! and by the web crate's HTTP and browser tests, so every suite runs on both.
//!
//! PostgreSQL tests need `ERABARERU_TEST_PG_URL` (an admin URL such as
//! `postgres://postgres@127.0.0.1:5432/postgres`); each test creates its own
//! database and drops it afterwards. A missing server is a failure, not a skip.

use std::path::PathBuf;

use crate::{Backend, Store};

/// A migrated store on a database that exists only for one test.
pub struct TestDb {
    pub store: Store,
    pub backend: Backend,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(PathBuf),
    PgDatabase { admin_url: String, name: String },
}

pub fn pg_admin_url() -> String {
    std::env::var("ERABARERU_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

fn unique(prefix: &str) -> String {
    use rand::RngCore;
    format!("{prefix}_{:016x}", rand::rng().next_u64())
}

impl TestDb {
    pub async fn new(backend: Backend) -> TestDb {
        match backend {
            Backend::Sqlite => {
                let dir = std::env::temp_dir().join(unique("erabareru_test"));
                std::fs::create_dir_all(&dir).expect("temp dir");
                let store = Store::connect(&crate::default_sqlite_url(&dir))
                    .await
                    .expect("open SQLite")
                    .with_employee_code_key(crate::employee_codes::EmployeeCodeKey::random());
                store.migrate().await.expect("migrate SQLite");
                TestDb {
                    store,
                    backend,
                    cleanup: Cleanup::Dir(dir),
                }
            }
            Backend::Postgres => {
                let admin_url = pg_admin_url();
                let name = unique("erabareru_test");
                let admin = Store::connect(&admin_url).await.unwrap_or_else(|e| {
                    panic!(
                        "PostgreSQL is required for this test ({}): {e}",
                        crate::redact_url(&admin_url)
                    )
                });
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(admin.pool())
                    .await
                    .expect("create test database");
                admin.close().await;
                // Same server and credentials, the new database instead of the admin one.
                let without_query = admin_url.split('?').next().unwrap_or(&admin_url);
                let base = without_query
                    .rsplit_once('/')
                    .map(|(b, _)| b)
                    .filter(|b| !b.ends_with('/'))
                    .unwrap_or(without_query);
                let url = format!("{base}/{name}");
                let store = Store::connect(&url)
                    .await
                    .expect("open test database")
                    .with_employee_code_key(crate::employee_codes::EmployeeCodeKey::random());
                store.migrate().await.expect("migrate PostgreSQL");
                TestDb {
                    store,
                    backend,
                    cleanup: Cleanup::PgDatabase { admin_url, name },
                }
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::PgDatabase { admin_url, name } => {
                // Drop runs inside the test's runtime: use a thread with its own.
                let (admin_url, name) = (admin_url.clone(), name.clone());
                let pool = self.store.pool().clone();
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build();
                    if let Ok(rt) = rt {
                        rt.block_on(async move {
                            pool.close().await;
                            if let Ok(admin) = Store::connect(&admin_url).await {
                                let _ = sqlx::query(&format!(
                                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                                ))
                                .execute(admin.pool())
                                .await;
                                admin.close().await;
                            }
                        });
                    }
                })
                .join();
            }
        }
    }
}

/// Define one test per backend from an `async fn(TestDb)`-like body:
/// `both_backends!(name, |db| async move { … });`
#[macro_export]
macro_rules! both_backends {
    ($name:ident, $setup:path, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let env = $setup($crate::Backend::Sqlite).await;
                ($body)(env).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let env = $setup($crate::Backend::Postgres).await;
                ($body)(env).await;
            }
        }
    };
}

/// How many rows `table` holds, for tests that prove a request wrote nothing.
/// The name must be a plain identifier (it cannot be a bound parameter).
pub async fn count_rows(store: &Store, table: &str) -> crate::Result<i64> {
    if table.is_empty() || !table.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
        return Err(crate::Error::Config(format!("not a table name: {table:?}")));
    }
    Ok(sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(store.pool())
        .await?)
}
