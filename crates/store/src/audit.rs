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

/// Which audit entries to list. Empty fields match everything; `from` and
/// `until` are timestamps formatted like [`crate::now`] (`until` exclusive).
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Part of the actor's e-mail.
    pub actor: String,
    /// The kind of thing acted on (`organization`, `user`, …).
    pub entity: String,
    pub from: String,
    pub until: String,
}

/// `%`, `_` and the escape character itself match literally in a LIKE pattern.
fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
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

    /// Newest first, the entries matching `filter`: `limit` entries starting
    /// after `offset`.
    pub async fn audit_entries_where(
        &self,
        filter: &AuditFilter,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<AuditEntry>> {
        // Empty strings mean "any"; every value is a bind parameter.
        let actor = if filter.actor.is_empty() {
            String::new()
        } else {
            format!("%{}%", escape_like(&filter.actor))
        };
        Ok(sqlx::query_as(
            "SELECT id, at, user_id, actor, action, entity, entity_id, detail, ip FROM audit_log
             WHERE ($1 = '' OR actor LIKE $1 ESCAPE '\\')
               AND ($2 = '' OR entity = $2)
               AND ($3 = '' OR at >= $3)
               AND ($4 = '' OR at < $4)
             ORDER BY id DESC LIMIT $5 OFFSET $6",
        )
        .bind(actor)
        .bind(&filter.entity)
        .bind(&filter.from)
        .bind(&filter.until)
        .bind(limit)
        .bind(offset)
        .fetch_all(self.pool())
        .await?)
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
