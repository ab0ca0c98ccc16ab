//! Background import jobs: created with their files at upload (status `preview`),
//! queued when the user confirms, claimed by exactly one worker, and finished as
//! `done`, `failed` or `cancelled`. Claiming is a conditional UPDATE, so several
//! processes on one PostgreSQL never run the same job twice. The claiming worker
//! holds a lease (`worker_id`, `lease_until`) that it renews while it runs; a job
//! whose lease expired (its process died) is claimable again, and every write of
//! a worker is conditional on still holding the lease, so a worker that lost its
//! job writes nothing more.

use serde::Serialize;

use crate::audit::Actor;
use crate::figures::ChildcareFiguresInput;
use crate::kpi::{ImportOutcome, NewKpiImport};
use crate::{Error, Result, Store, now, now_plus_seconds};

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
    /// The worker holding the lease ('' when none).
    pub worker_id: String,
    pub lease_until: Option<String>,
    /// Someone asked to cancel the running job; its worker stops at the next check.
    pub cancel_requested: i64,
    /// How many times a worker claimed the job.
    pub attempts: i64,
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
    processed_rows, error_ja, error_en, outcome, import_id, created_by, created_at, worker_id, lease_until,
    cancel_requested, attempts";

/// What a renewal of the lease found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lease {
    Held,
    /// Still held, and someone asked to cancel the job.
    CancelRequested,
    /// Another worker took the job, or it ended: stop and write nothing more.
    Lost,
}

/// What a request to cancel a job did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CancelOutcome {
    /// The job was waiting (or its worker had died): it is cancelled now.
    Cancelled,
    /// A live worker runs it: asked to stop at its next progress check.
    Requested,
    /// The job had already ended.
    Finished,
}

/// One kind of the employer's aggregates for one fiscal year, as an import stores it.
#[derive(Debug, Clone)]
pub struct YearExtrasInput {
    pub fiscal_year: i64,
    pub kind: String,
    pub data_json: String,
    pub file_name: String,
}

/// Everything a finished import job writes, committed at once by
/// [`Store::complete_import_job`].
#[derive(Debug, Clone)]
pub struct JobCompletion {
    pub actor: Actor,
    /// The report and facts, when the job had records (not only aggregates).
    pub import: Option<NewKpiImport>,
    /// The computed childcare figures the declarer page shows, from the same report.
    pub childcare: Option<ChildcareFiguresInput>,
    pub extras: Vec<YearExtrasInput>,
    pub processed_rows: i64,
}

/// PostgreSQL refuses NUL in text; a message quoting a binary file must still be stored.
fn storable(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\0') {
        text.replace('\0', "\u{FFFD}").into()
    } else {
        text.into()
    }
}

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
        .bind(storable(&uploaded_names.join(", ")).as_ref())
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

    /// Take the oldest job that is queued or whose worker's lease expired, for
    /// `worker_id`, with a lease of `lease_seconds`. Exactly one caller wins each job.
    pub async fn claim_import_job(
        &self,
        worker_id: &str,
        lease_seconds: i64,
    ) -> Result<Option<ImportJob>> {
        loop {
            let at = now();
            let Some(id) = sqlx::query_scalar::<_, i64>(
                "SELECT id FROM import_jobs WHERE status = 'queued'
                    OR (status = 'running' AND (lease_until IS NULL OR lease_until < $1))
                 ORDER BY id LIMIT 1",
            )
            .bind(&at)
            .fetch_optional(self.pool())
            .await?
            else {
                return Ok(None);
            };
            let won = sqlx::query(
                "UPDATE import_jobs SET status = 'running', started_at = $1, worker_id = $2,
                    lease_until = $3, attempts = attempts + 1
                 WHERE id = $4 AND (status = 'queued'
                    OR (status = 'running' AND (lease_until IS NULL OR lease_until < $1)))",
            )
            .bind(&at)
            .bind(worker_id)
            .bind(now_plus_seconds(lease_seconds))
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

    /// Take a job still in preview straight to running for `worker_id` (the demo
    /// loader runs its own import; no server's worker may take it as well).
    pub async fn claim_previewed_import_job(
        &self,
        id: i64,
        worker_id: &str,
        lease_seconds: i64,
    ) -> Result<bool> {
        Ok(sqlx::query(
            "UPDATE import_jobs SET status = 'running', started_at = $1, worker_id = $2,
                lease_until = $3, attempts = attempts + 1
             WHERE id = $4 AND status = 'preview'",
        )
        .bind(now())
        .bind(worker_id)
        .bind(now_plus_seconds(lease_seconds))
        .bind(id)
        .execute(self.pool())
        .await?
        .rows_affected()
            == 1)
    }

    /// Report progress and renew the lease of `worker_id` on a running job.
    pub async fn renew_import_lease(
        &self,
        id: i64,
        worker_id: &str,
        lease_seconds: i64,
        bytes: i64,
        rows: i64,
    ) -> Result<Lease> {
        let cancel: Option<i64> = sqlx::query_scalar(
            "UPDATE import_jobs SET lease_until = $1, processed_bytes = $2, processed_rows = $3
             WHERE id = $4 AND worker_id = $5 AND status = 'running' RETURNING cancel_requested",
        )
        .bind(now_plus_seconds(lease_seconds))
        .bind(bytes)
        .bind(rows)
        .bind(id)
        .bind(worker_id)
        .fetch_optional(self.pool())
        .await?;
        Ok(match cancel {
            None => Lease::Lost,
            Some(0) => Lease::Held,
            Some(_) => Lease::CancelRequested,
        })
    }

    /// Give a running job back to the queue (a worker stopping before it ended);
    /// a clean hand-back does not count as an attempt.
    pub async fn release_import_job(&self, id: i64, worker_id: &str) -> Result<bool> {
        Ok(sqlx::query(
            "UPDATE import_jobs SET status = 'queued', worker_id = '', lease_until = NULL,
                attempts = attempts - 1
             WHERE id = $1 AND worker_id = $2 AND status = 'running'",
        )
        .bind(id)
        .bind(worker_id)
        .execute(self.pool())
        .await?
        .rows_affected()
            == 1)
    }

    /// Cancel a job that has not ended: at once when no live worker runs it,
    /// otherwise by asking its worker to stop.
    pub async fn cancel_import_job(&self, id: i64) -> Result<CancelOutcome> {
        let at = now();
        let cancelled = sqlx::query(
            "UPDATE import_jobs SET status = 'cancelled', worker_id = '', lease_until = NULL, finished_at = $1
             WHERE id = $2 AND (status IN ('preview', 'queued')
                OR (status = 'running' AND (lease_until IS NULL OR lease_until < $1)))",
        )
        .bind(&at)
        .bind(id)
        .execute(self.pool())
        .await?
        .rows_affected()
            == 1;
        if cancelled {
            self.finish_import_job_files(id).await?;
            return Ok(CancelOutcome::Cancelled);
        }
        let requested = sqlx::query(
            "UPDATE import_jobs SET cancel_requested = 1 WHERE id = $1 AND status = 'running'",
        )
        .bind(id)
        .execute(self.pool())
        .await?
        .rows_affected()
            == 1;
        Ok(if requested {
            CancelOutcome::Requested
        } else {
            CancelOutcome::Finished
        })
    }

    /// End a job of `worker_id` as failed (or cancelled, when `cancelled`) with a
    /// message in both languages; false when the worker no longer holds it.
    pub async fn fail_import_job(
        &self,
        id: i64,
        worker_id: &str,
        ja: &str,
        en: &str,
        cancelled: bool,
    ) -> Result<bool> {
        let mut tx = self.pool().begin().await?;
        let ended = sqlx::query(
            "UPDATE import_jobs SET status = $1, error_ja = $2, error_en = $3, finished_at = $4,
                worker_id = '', lease_until = NULL
             WHERE id = $5 AND worker_id = $6 AND status = 'running'",
        )
        .bind(if cancelled { "cancelled" } else { "failed" })
        .bind(storable(ja).as_ref())
        .bind(storable(en).as_ref())
        .bind(now())
        .bind(id)
        .bind(worker_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if !ended {
            return Ok(false);
        }
        delete_files_unless_kept(&mut tx, id, cancelled).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Write everything a finished job produced — the import and its facts, the
    /// computed childcare figures, the employer's aggregates, the audit entries and
    /// the job's `done` — in one transaction: a crash leaves all of it or none.
    /// The same content imported again is `Unchanged`, unless the import was left
    /// without its audit entry by a crash before this method existed: then the
    /// derived writes are redone and it counts as stored. Fails with
    /// [`Error::LeaseLost`], writing nothing, when `worker_id` no longer holds the job.
    /// None when the job had only aggregates.
    pub async fn complete_import_job(
        &self,
        id: i64,
        worker_id: &str,
        c: &JobCompletion,
    ) -> Result<Option<ImportOutcome>> {
        let job = self.import_job(id).await?;
        let mut tx = self.pool().begin().await?;
        let outcome = match &c.import {
            None => None,
            Some(i) => Some(match crate::kpi::current_import_id(&mut tx, i).await? {
                Some(current) => {
                    let audited: i64 = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM audit_log WHERE entity = 'kpi_import' AND entity_id = $1 AND action = 'create'",
                    )
                    .bind(current.to_string())
                    .fetch_one(&mut *tx)
                    .await?;
                    if audited > 0 {
                        ImportOutcome::Unchanged(current)
                    } else {
                        ImportOutcome::Stored(current)
                    }
                }
                None => ImportOutcome::Stored(crate::kpi::insert_import(&mut tx, i).await?),
            }),
        };
        if let Some(i) = &c.import {
            // Sealed again even when unchanged: after a change of key file, importing
            // the same files makes the codes readable again.
            self.put_employee_codes(&mut tx, i.org_id, &i.employee_codes)
                .await?;
        }
        if let (Some(ImportOutcome::Stored(_)), Some(f)) = (outcome, &c.childcare) {
            // The 男性育休100%宣言 table uses computed figures when they exist.
            crate::figures::upsert(&mut *tx, job.org_id, "computed", f, job.created_by).await?;
        }
        for x in &c.extras {
            crate::certification::put_year_extras(
                &mut *tx,
                job.org_id,
                x.fiscal_year,
                &x.kind,
                &x.data_json,
                &x.file_name,
                job.created_by,
            )
            .await?;
            crate::audit::insert(
                &mut *tx,
                &c.actor,
                "update",
                "year_extras",
                &job.org_id.to_string(),
                &format!("FY{} {}", x.fiscal_year, x.kind),
            )
            .await?;
        }
        if let Some(ImportOutcome::Stored(import_id)) = outcome {
            crate::audit::insert(
                &mut *tx,
                &c.actor,
                "create",
                "kpi_import",
                &import_id.to_string(),
                &format!("FY{} job {}", job.fiscal_year, job.id),
            )
            .await?;
        }
        let (label, import_id) = match outcome {
            Some(ImportOutcome::Stored(i)) => ("stored", Some(i)),
            Some(ImportOutcome::Unchanged(i)) => ("unchanged", Some(i)),
            None => ("stored", None),
        };
        let ended = sqlx::query(
            "UPDATE import_jobs SET status = 'done', outcome = $1, import_id = $2, finished_at = $3,
                processed_bytes = total_bytes, processed_rows = $4, worker_id = '', lease_until = NULL
             WHERE id = $5 AND worker_id = $6 AND status = 'running'",
        )
        .bind(label)
        .bind(import_id)
        .bind(now())
        .bind(c.processed_rows)
        .bind(id)
        .bind(worker_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if !ended {
            // Dropping the transaction rolls everything above back.
            return Err(Error::LeaseLost);
        }
        delete_files_unless_kept(&mut tx, id, false).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// Delete a job's files (a cancelled preview).
    pub async fn finish_import_job_files(&self, id: i64) -> Result<()> {
        sqlx::query("DELETE FROM import_job_files WHERE job_id = $1")
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
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

/// A finished job's files go unless the organization chose to keep them; a
/// cancelled job's always go.
async fn delete_files_unless_kept(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    always: bool,
) -> Result<()> {
    sqlx::query(
        "DELETE FROM import_job_files WHERE job_id = $1
            AND ($2 = 1 OR (SELECT keep_files FROM import_jobs WHERE id = $1) = 0)",
    )
    .bind(id)
    .bind(always as i64)
    .execute(conn)
    .await?;
    Ok(())
}
