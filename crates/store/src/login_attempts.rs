//! Sign-in attempts, kept in the database so that throttling holds across several
//! server processes.

use crate::{Result, Store, now, now_plus_seconds};

impl Store {
    pub async fn record_login_attempt(&self, email: &str, ip: &str, succeeded: bool) -> Result<()> {
        sqlx::query(
            "INSERT INTO login_attempts (email, ip, attempted_at, succeeded) VALUES ($1, $2, $3, $4)",
        )
        .bind(email)
        .bind(ip)
        .bind(now())
        .bind(succeeded as i64)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Failed attempts for this account within the last `window_seconds`.
    pub async fn recent_failures_for_email(&self, email: &str, window_seconds: i64) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM login_attempts WHERE email = $1 AND succeeded = 0 AND attempted_at > $2",
        )
        .bind(email)
        .bind(now_plus_seconds(-window_seconds))
        .fetch_one(self.pool())
        .await?)
    }

    /// Failed attempts from this address within the last `window_seconds`.
    pub async fn recent_failures_for_ip(&self, ip: &str, window_seconds: i64) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM login_attempts WHERE ip = $1 AND succeeded = 0 AND attempted_at > $2",
        )
        .bind(ip)
        .bind(now_plus_seconds(-window_seconds))
        .fetch_one(self.pool())
        .await?)
    }

    /// Forget attempts older than a day so the table stays small.
    pub async fn prune_login_attempts(&self) -> Result<u64> {
        Ok(
            sqlx::query("DELETE FROM login_attempts WHERE attempted_at < $1")
                .bind(now_plus_seconds(-86_400))
                .execute(self.pool())
                .await?
                .rows_affected(),
        )
    }
}
