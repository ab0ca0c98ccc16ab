//! Sign-in sessions, stored in the database so any `serve` process can answer any
//! request. The cookie carries a random token; the table holds only its hash.

use crate::{Result, Store, hash_token, new_token, now, now_plus_seconds};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Session {
    pub user_id: i64,
    /// The synchronizer token every state-changing form of this session must echo.
    pub csrf_token: String,
    pub expires_at: String,
    /// The user's e-mail and name, read with the session (one query per request).
    pub email: String,
    pub display_name: String,
}

/// What a new session gives back: the cookie value and the CSRF token.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub csrf_token: String,
}

impl Store {
    pub async fn create_session(&self, user_id: i64, ttl_seconds: i64) -> Result<NewSession> {
        let (token, hash) = new_token();
        let csrf_token = crate::random_token();
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(hash)
        .bind(user_id)
        .bind(&csrf_token)
        .bind(now())
        .bind(now_plus_seconds(ttl_seconds))
        .execute(self.pool())
        .await?;
        Ok(NewSession { token, csrf_token })
    }

    /// The live session for a cookie token, if any.
    pub async fn session(&self, token: &str) -> Result<Option<Session>> {
        Ok(sqlx::query_as(
            "SELECT s.user_id, s.csrf_token, s.expires_at, u.email, u.display_name
             FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = 0",
        )
        .bind(hash_token(token))
        .bind(now())
        .fetch_optional(self.pool())
        .await?)
    }

    pub async fn delete_session(&self, token: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(hash_token(token))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Sign a user out everywhere (password reset, account disabled).
    pub async fn delete_sessions_of(&self, user_id: i64) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn prune_sessions(&self) -> Result<u64> {
        Ok(sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now())
            .execute(self.pool())
            .await?
            .rows_affected())
    }
}
