//! The audit log: sign-ins and every create, change and delete, by whom and when.

use serde::Serialize;

use crate::{Result, Store, now};

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub user_id: Option<i64>,
    /// The actor's e-mail at the time (kept even if the user is deleted later).
    pub actor: String,
    /// e.g. "login", "login_failed", "create", "update", "delete", "approve".
    pub action: String,
    /// e.g. "user", "organization", "signing".
    pub entity: String,
    pub entity_id: String,
    pub detail: String,
    pub ip: String,
}

/// Who did something, as the audit log records it.
#[derive(Debug, Clone, Default)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub label: String,
    pub ip: String,
}

/// Append one entry through `e` (the pool, or a transaction the entry belongs to).
pub(crate) async fn insert<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    e: E,
    actor: &Actor,
    action: &str,
    entity: &str,
    entity_id: &str,
    detail: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, user_id, actor, action, entity, entity_id, detail, ip)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(now())
    .bind(actor.user_id)
    .bind(&actor.label)
    .bind(action)
    .bind(entity)
    .bind(entity_id)
    .bind(detail)
    .bind(&actor.ip)
    .execute(e)
    .await?;
    Ok(())
}

impl Store {
    pub async fn audit(
        &self,
        actor: &Actor,
        action: &str,
        entity: &str,
        entity_id: impl ToString,
        detail: &str,
    ) -> Result<()> {
        insert(
            self.pool(),
            actor,
            action,
            entity,
            &entity_id.to_string(),
            detail,
        )
        .await
    }

    /// Newest first, `limit` entries starting after `offset`.
    pub async fn audit_entries(&self, limit: i64, offset: i64) -> Result<Vec<AuditEntry>> {
        Ok(sqlx::query_as(
            "SELECT id, at, user_id, actor, action, entity, entity_id, detail, ip FROM audit_log
             ORDER BY id DESC LIMIT $1 OFFSET $2",
        )
        .bind(limit)
        .bind(offset)
        .fetch_all(self.pool())
        .await?)
    }
}
