//! Background import jobs: created with their files at upload (status `preview`),
//! queued when the user confirms, claimed by exactly one server process, and
//! finished as `done` or `failed`. Claiming is a conditional UPDATE, so several
//! processes on one PostgreSQL never run the same job twice.

use serde::Serialize;

use crate::{Error, Result, Store, now};

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ImportJob {
    pub id: i64,
    pub org_id: i64,
    pub fiscal_year: i64,
    pub status: String,
    pub settings_json: String,
    /// Comma-separated names of the uploaded files.
    pub file_names: String,
    /// The mapping profile the attendance file is read with.
    pub profile: String,
    pub keep_files: i64,
    pub total_bytes: i64,
    pub processed_bytes: i64,
    pub processed_rows: i64,
    pub error_ja: String,
    pub error_en: String,
    /// "stored" or "unchanged" when done.
    pub outcome: String,
    pub import_id: Option<i64>,
    /// Who uploaded the files.
    pub created_by: Option<i64>,
    pub created_at: String,
}

impl ImportJob {
    /// Progress in whole percent (by bytes read).
    pub fn percent(&self) -> i64 {
        if self.status == "done" {
            100
        } else if self.total_bytes <= 0 {
            0
        } else {
            (self.processed_bytes * 100 / self.total_bytes).clamp(0, 99)
        }
    }
    pub fn is_finished(&self) -> bool {
        matches!(self.status.as_str(), "done" | "failed" | "cancelled")
    }
}

const COLUMNS: &str = "id, org_id, fiscal_year, status, settings_json, file_names, profile, keep_files, total_bytes, processed_bytes,
    processed_rows, error_ja, error_en, outcome, import_id, created_by, created_at";

impl Store {
    /// Create a job in `preview` with its files, all or nothing. `files` pairs the
    /// canonical name a file stands for with its bytes; `uploaded_names` is what the
    /// user's files were called, for display.
    #[allow(clippy::too_many_arguments)]
    pub async fn create_import_job(
        &self,
        org_id: i64,
        fiscal_year: i64,
        settings_json: &str,
        profile: &str,
        keep_files: bool,
        files: &[(String, Vec<u8>)],
        uploaded_names: &[String],
        created_by: Option<i64>,
    ) -> Result<i64> {
        let total: i64 = files.iter().map(|(_, b)| b.len() as i64).sum();
        let mut tx = self.pool().begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO import_jobs (org_id, fiscal_year, status, settings_json, file_names, profile,
                keep_files, total_bytes, created_by, created_at)
             VALUES ($1, $2, 'preview', $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(org_id)
        .bind(fiscal_year)
        .bind(settings_json)
        .bind(uploaded_names.join(", "))
        .bind(profile)
        .bind(keep_files as i64)
        .bind(total)
        .bind(created_by)
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
        for (name, bytes) in files {
            sqlx::query("INSERT INTO import_job_files (job_id, name, bytes) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(name)
                .bind(bytes.clone())
                .execute(&mut *tx)
                .await
                .map_err(Error::from_write)?;
        }
        tx.commit().await?;
        Ok(id)
    }

    pub async fn import_job(&self, id: i64) -> Result<ImportJob> {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM import_jobs WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(Error::NotFound)
    }

    pub async fn import_job_files(&self, job_id: i64) -> Result<Vec<(String, Vec<u8>)>> {
        Ok(sqlx::query_as(
            "SELECT name, bytes FROM import_job_files WHERE job_id = $1 ORDER BY name",
        )
        .bind(job_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Change the mapping profile of a job still in preview.
    pub async fn set_import_job_profile(&self, id: i64, profile: &str) -> Result<bool> {
        Ok(
            sqlx::query("UPDATE import_jobs SET profile = $1 WHERE id = $2 AND status = 'preview'")
                .bind(profile)
                .bind(id)
                .execute(self.pool())
                .await?
                .rows_affected()
                == 1,
        )
    }

    /// Change the fiscal year of a job still in preview; false otherwise.
    pub async fn set_import_job_fiscal_year(&self, id: i64, fiscal_year: i64) -> Result<bool> {
        Ok(sqlx::query(
            "UPDATE import_jobs SET fiscal_year = $1 WHERE id = $2 AND status = 'preview'",
        )
        .bind(fiscal_year)
        .bind(id)
        .execute(self.pool())
        .await?
        .rows_affected()
            == 1)
    }

    /// Move a job from `from` to `to`; false when it was not in `from`.
    pub async fn transition_import_job(&self, id: i64, from: &str, to: &str) -> Result<bool> {
        Ok(
            sqlx::query("UPDATE import_jobs SET status = $1 WHERE id = $2 AND status = $3")
                .bind(to)
                .bind(id)
                .bind(from)
                .execute(self.pool())
                .await?
                .rows_affected()
                == 1,
        )
    }

    /// Take the oldest queued job, if any. Exactly one caller wins each job.
    pub async fn claim_import_job(&self) -> Result<Option<ImportJob>> {
        loop {
            let Some(id) = sqlx::query_scalar::<_, i64>(
                "SELECT id FROM import_jobs WHERE status = 'queued' ORDER BY id LIMIT 1",
            )
            .fetch_optional(self.pool())
            .await?
            else {
                return Ok(None);
            };
            let won = sqlx::query(
                "UPDATE import_jobs SET status = 'running', started_at = $1 WHERE id = $2 AND status = 'queued'",
            )
            .bind(now())
            .bind(id)
            .execute(self.pool())
            .await?
            .rows_affected()
                == 1;
            if won {
                return self.import_job(id).await.map(Some);
            }
        }
    }

    pub async fn report_import_progress(&self, id: i64, bytes: i64, rows: i64) -> Result<()> {
        sqlx::query(
            "UPDATE import_jobs SET processed_bytes = $1, processed_rows = $2 WHERE id = $3",
        )
        .bind(bytes)
        .bind(rows)
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Finish a job; its files go unless the organization chose to keep them.
    pub async fn finish_import_job(
        &self,
        id: i64,
        result: std::result::Result<(&str, i64), (&str, &str)>,
    ) -> Result<()> {
        let job = self.import_job(id).await?;
        let q = match result {
            Ok((outcome, import_id)) => sqlx::query(
                "UPDATE import_jobs SET status = 'done', outcome = $1, import_id = $2, finished_at = $3,
                    processed_bytes = total_bytes WHERE id = $4",
            )
            .bind(outcome)
            .bind(import_id),
            Err((ja, en)) => sqlx::query(
                "UPDATE import_jobs SET status = 'failed', error_ja = $1, error_en = $2, finished_at = $3 WHERE id = $4",
            )
            .bind(ja)
            .bind(en),
        };
        q.bind(now()).bind(id).execute(self.pool()).await?;
        if job.keep_files == 0 {
            sqlx::query("DELETE FROM import_job_files WHERE job_id = $1")
                .bind(id)
                .execute(self.pool())
                .await?;
        }
        Ok(())
    }

    /// Delete a job's files (a cancelled preview).
    pub async fn finish_import_job_files(&self, id: i64) -> Result<()> {
        sqlx::query("DELETE FROM import_job_files WHERE job_id = $1")
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Jobs left `running` by a process that died are queued again at start-up
    /// after `stale_seconds`.
    pub async fn requeue_stale_import_jobs(&self, stale_seconds: i64) -> Result<u64> {
        Ok(sqlx::query(
            "UPDATE import_jobs SET status = 'queued' WHERE status = 'running' AND started_at < $1",
        )
        .bind(crate::now_plus_seconds(-stale_seconds))
        .execute(self.pool())
        .await?
        .rows_affected())
    }

    /// The newest jobs of an organization.
    pub async fn recent_import_jobs(&self, org_id: i64, limit: i64) -> Result<Vec<ImportJob>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM import_jobs WHERE org_id = $1 ORDER BY id DESC LIMIT $2"
        ))
        .bind(org_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }
}
