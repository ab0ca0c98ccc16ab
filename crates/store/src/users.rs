//! Users and the roles they hold. A user may hold several roles, each in a place
//! (a region or an organization); what a role allows is decided in the web crate's
//! `authz` module, not here.

use serde::Serialize;

use crate::{Error, Result, Store, hash_token, now, now_plus_seconds};

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    #[serde(skip)]
    pub password_hash: Option<String>,
    pub disabled: i64,
    pub created_at: String,
    pub last_login_at: Option<String>,
}

impl User {
    pub fn is_disabled(&self) -> bool {
        self.disabled != 0
    }
    /// Invited but has not chosen a password yet.
    pub fn is_pending_invite(&self) -> bool {
        self.password_hash.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct RoleAssignment {
    pub id: i64,
    pub user_id: i64,
    /// "platform_admin" | "region_staff" | "org_admin" | "org_member" | "consultant".
    pub role: String,
    pub region_id: Option<i64>,
    pub org_id: Option<i64>,
}

const COLUMNS: &str = "id, email, display_name, password_hash, disabled, created_at, last_login_at";

impl Store {
    /// Create a user. `password_hash` None means invited: the user sets a password
    /// through the invite link. E-mail addresses are stored lower-cased: people type
    /// them in any case and sign in with whatever case they remember.
    pub async fn create_user(
        &self,
        email: &str,
        display_name: &str,
        password_hash: Option<&str>,
    ) -> Result<i64> {
        sqlx::query_scalar(
            "INSERT INTO users (email, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(email.trim().to_lowercase())
        .bind(display_name)
        .bind(password_hash)
        .bind(now())
        .fetch_one(self.pool())
        .await
        .map_err(Error::from_write)
    }

    /// Create an invited account in one transaction: the user (no password
    /// yet), its role, a one-time link valid for `valid_seconds`, and the
    /// audit entry. Either all four are written or none is, so a failure
    /// half-way never leaves an account without a role or a link. Returns the
    /// user's id and the link's token; [`Error::Conflict`] when the e-mail is
    /// already registered.
    #[allow(clippy::too_many_arguments)]
    pub async fn invite_user(
        &self,
        email: &str,
        display_name: &str,
        role: &str,
        scope: (Option<i64>, Option<i64>),
        valid_seconds: i64,
        actor: &crate::audit::Actor,
        detail: &str,
    ) -> Result<(i64, String)> {
        self.invite_user_with_mail(
            email,
            display_name,
            role,
            scope,
            valid_seconds,
            actor,
            detail,
            |_| None,
        )
        .await
    }

    /// [`Store::invite_user`], and the invitation mail `compose` writes from the
    /// link's token (None: no mail) queued in the same transaction.
    #[allow(clippy::too_many_arguments)]
    pub async fn invite_user_with_mail(
        &self,
        email: &str,
        display_name: &str,
        role: &str,
        scope: (Option<i64>, Option<i64>),
        valid_seconds: i64,
        actor: &crate::audit::Actor,
        detail: &str,
        compose: impl FnOnce(&str) -> Option<crate::mail::NewMail>,
    ) -> Result<(i64, String)> {
        let mut tx = self.pool().begin().await?;
        let user_id: i64 = sqlx::query_scalar(
            "INSERT INTO users (email, display_name, password_hash, created_at) VALUES ($1, $2, NULL, $3) RETURNING id",
        )
        .bind(email.trim().to_lowercase())
        .bind(display_name)
        .bind(now())
        .fetch_one(&mut *tx)
        .await
        .map_err(Error::from_write)?;
        sqlx::query(
            "INSERT INTO role_assignments (user_id, role, region_id, org_id) VALUES ($1, $2, $3, $4)",
        )
        .bind(user_id)
        .bind(role)
        .bind(scope.0)
        .bind(scope.1)
        .execute(&mut *tx)
        .await
        .map_err(Error::from_write)?;
        let (token, hash) = crate::new_token();
        sqlx::query(
            "UPDATE users SET invite_token_hash = $1, invite_expires_at = $2 WHERE id = $3",
        )
        .bind(hash)
        .bind(now_plus_seconds(valid_seconds))
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        crate::audit::insert(
            &mut *tx,
            actor,
            "create",
            "user",
            &user_id.to_string(),
            detail,
        )
        .await?;
        if let Some(mail) = compose(&token) {
            crate::mail::enqueue(&mut *tx, &mail).await?;
        }
        tx.commit().await?;
        Ok((user_id, token))
    }

    pub async fn user(&self, id: i64) -> Result<User> {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(Error::NotFound)
    }

    pub async fn user_by_email(&self, email: &str) -> Result<Option<User>> {
        Ok(
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE email = $1"))
                .bind(email.trim().to_lowercase())
                .fetch_optional(self.pool())
                .await?,
        )
    }

    pub async fn list_users(&self) -> Result<Vec<User>> {
        Ok(
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM users ORDER BY email"))
                .fetch_all(self.pool())
                .await?,
        )
    }

    /// Set the password through a one-time link and sign the user out everywhere, in
    /// one transaction. The link is consumed by the same statement that sets the
    /// password, so of several parallel uses exactly one succeeds. Returns the user's
    /// id, or None when the link is unknown, expired or already used.
    pub async fn set_password_with_link(&self, token: &str, hash: &str) -> Result<Option<i64>> {
        let mut tx = self.pool().begin().await?;
        let user_id: Option<i64> = sqlx::query_scalar(
            "UPDATE users SET password_hash = $1, invite_token_hash = NULL, invite_expires_at = NULL
             WHERE invite_token_hash = $2 AND invite_expires_at > $3 RETURNING id",
        )
        .bind(hash)
        .bind(hash_token(token))
        .bind(now())
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(id) = user_id {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(user_id)
    }

    /// Change a signed-in user's password and end their other sessions (a thief's
    /// session among them), in one transaction; `keep_session` (a cookie token) stays
    /// signed in. A reset link still open is void: the user has a password again.
    pub async fn change_password(
        &self,
        user_id: i64,
        hash: &str,
        keep_session: Option<&str>,
    ) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query(
            "UPDATE users SET password_hash = $1, invite_token_hash = NULL, invite_expires_at = NULL WHERE id = $2",
        )
        .bind(hash)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
            .bind(user_id)
            .bind(keep_session.map(hash_token).unwrap_or_default())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn touch_last_login(&self, user_id: i64) -> Result<()> {
        sqlx::query("UPDATE users SET last_login_at = $1 WHERE id = $2")
            .bind(now())
            .bind(user_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Issue a one-time link token (invitation or password reset) valid for
    /// `valid_seconds`. Returns the token; only its hash is stored.
    pub async fn issue_invite(&self, user_id: i64, valid_seconds: i64) -> Result<String> {
        let (token, hash) = crate::new_token();
        let done = sqlx::query(
            "UPDATE users SET invite_token_hash = $1, invite_expires_at = $2 WHERE id = $3",
        )
        .bind(hash)
        .bind(now_plus_seconds(valid_seconds))
        .bind(user_id)
        .execute(self.pool())
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        Ok(token)
    }

    /// [`Store::issue_invite`] as a password reset, with the mail `compose` writes
    /// from the token queued in the same transaction.
    pub async fn issue_reset_with_mail(
        &self,
        user_id: i64,
        valid_seconds: i64,
        compose: impl FnOnce(&str) -> Option<crate::mail::NewMail>,
    ) -> Result<String> {
        let (token, hash) = crate::new_token();
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query(
            "UPDATE users SET invite_token_hash = $1, invite_expires_at = $2 WHERE id = $3",
        )
        .bind(hash)
        .bind(now_plus_seconds(valid_seconds))
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        if let Some(mail) = compose(&token) {
            crate::mail::enqueue(&mut *tx, &mail).await?;
        }
        tx.commit().await?;
        Ok(token)
    }

    /// The user an unexpired invite token belongs to.
    pub async fn user_by_invite(&self, token: &str) -> Result<Option<User>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM users WHERE invite_token_hash = $1 AND invite_expires_at > $2"
        ))
        .bind(hash_token(token))
        .bind(now())
        .fetch_optional(self.pool())
        .await?)
    }

    pub async fn grant_role(
        &self,
        user_id: i64,
        role: &str,
        region_id: Option<i64>,
        org_id: Option<i64>,
    ) -> Result<i64> {
        sqlx::query_scalar(
            "INSERT INTO role_assignments (user_id, role, region_id, org_id) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(user_id)
        .bind(role)
        .bind(region_id)
        .bind(org_id)
        .fetch_one(self.pool())
        .await
        .map_err(Error::from_write)
    }

    pub async fn revoke_role(&self, assignment_id: i64) -> Result<RoleAssignment> {
        let a: RoleAssignment = sqlx::query_as(
            "SELECT id, user_id, role, region_id, org_id FROM role_assignments WHERE id = $1",
        )
        .bind(assignment_id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(Error::NotFound)?;
        sqlx::query("DELETE FROM role_assignments WHERE id = $1")
            .bind(assignment_id)
            .execute(self.pool())
            .await?;
        Ok(a)
    }

    pub async fn roles_of(&self, user_id: i64) -> Result<Vec<RoleAssignment>> {
        Ok(sqlx::query_as(
            "SELECT id, user_id, role, region_id, org_id FROM role_assignments WHERE user_id = $1 ORDER BY id",
        )
        .bind(user_id)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn all_role_assignments(&self) -> Result<Vec<RoleAssignment>> {
        Ok(sqlx::query_as(
            "SELECT id, user_id, role, region_id, org_id FROM role_assignments ORDER BY user_id, id",
        )
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn set_user_disabled(&self, user_id: i64, disabled: bool) -> Result<()> {
        sqlx::query("UPDATE users SET disabled = $1 WHERE id = $2")
            .bind(disabled as i64)
            .bind(user_id)
            .execute(self.pool())
            .await?;
        if disabled {
            self.delete_sessions_of(user_id).await?;
        }
        Ok(())
    }
}
