//! Uploaded files (declaration logos). Bytes live in the database so that several
//! `serve` processes on one PostgreSQL share them without a shared file system;
//! uploads are size-limited small images, so this stays cheap.

use crate::{Error, Result, Store, now};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Upload {
    pub id: i64,
    pub sha256: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl Store {
    pub async fn save_upload(
        &self,
        content_type: &str,
        bytes: &[u8],
        created_by: Option<i64>,
    ) -> Result<i64> {
        use sha2::Digest;
        let sha = hex::encode(sha2::Sha256::digest(bytes));
        Ok(sqlx::query_scalar(
            "INSERT INTO uploads (sha256, content_type, size_bytes, bytes, created_at, created_by)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(sha)
        .bind(content_type)
        .bind(bytes.len() as i64)
        .bind(bytes.to_vec())
        .bind(now())
        .bind(created_by)
        .fetch_one(self.pool())
        .await?)
    }

    pub async fn upload(&self, id: i64) -> Result<Upload> {
        sqlx::query_as("SELECT id, sha256, content_type, bytes FROM uploads WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(Error::NotFound)
    }
}
