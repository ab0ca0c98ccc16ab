//! Sign-in attempts, kept in the database so that throttling holds across several
//! server processes.
//!
//! An attempt is *reserved* before the password is checked: one statement inserts
//! it as failed only while the account and the address are under their limits, so
//! parallel guesses cannot all read "4 failures" and all go on to be checked. A
//! successful sign-in then marks its reserved attempt as succeeded.

use crate::{Backend, Result, Store, now, now_plus_seconds};

/// How many failures an account and an address may have within a window.
#[derive(Debug, Clone, Copy)]
pub struct ThrottleLimits {
    pub per_account: i64,
    pub per_address: i64,
    pub window_seconds: i64,
}

impl Store {
    /// Reserve one sign-in attempt for `email` from `ip`, counted as a failure until
    /// [`Store::mark_login_succeeded`]. None when the account or the address already
    /// has its limit of failures in the window: the password must not be checked.
    pub async fn reserve_login_attempt(
        &self,
        email: &str,
        ip: &str,
        limits: ThrottleLimits,
    ) -> Result<Option<i64>> {
        let mut tx = self.pool().begin().await?;
        if self.backend() == Backend::Postgres {
            // Under READ COMMITTED two concurrent INSERT … SELECT statements could both
            // count 4; a transaction lock per account and per address makes them queue.
            // Always the account first, then the address, so two attempts never wait
            // on each other in a cycle. (SQLite runs one writing statement at a time.)
            for (space, key) in [(1_i64, email), (2, ip)] {
                sqlx::query("SELECT 1 FROM pg_advisory_xact_lock($1::int, hashtext($2))")
                    .bind(space)
                    .bind(key)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        let since = now_plus_seconds(-limits.window_seconds);
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO login_attempts (email, ip, attempted_at, succeeded)
             SELECT $1, $2, $3, 0
             WHERE (SELECT COUNT(*) FROM login_attempts
                    WHERE email = $1 AND succeeded = 0 AND attempted_at > $4) < $5
               AND (SELECT COUNT(*) FROM login_attempts
                    WHERE ip = $2 AND succeeded = 0 AND attempted_at > $4) < $6
             RETURNING id",
        )
        .bind(email)
        .bind(ip)
        .bind(now())
        .bind(since)
        .bind(limits.per_account)
        .bind(limits.per_address)
        .fetch_optional(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The reserved attempt turned out to be the right password: it no longer
    /// counts against the account or the address.
    pub async fn mark_login_succeeded(&self, attempt_id: i64) -> Result<()> {
        sqlx::query("UPDATE login_attempts SET succeeded = 1 WHERE id = $1")
            .bind(attempt_id)
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
