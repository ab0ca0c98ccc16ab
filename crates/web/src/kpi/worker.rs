//! Runs queued import jobs in the background: one job at a time per server process,
//! claimed through the database so several processes share the queue. Progress (bytes
//! of attendance.csv read) is written to the job row for the progress bar.

use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use store::Store;
use store::jobs::ImportJob;
use store::kpi::{EmployeeMonthFact, ImportOutcome, NewKpiImport};

use super::view::StoredReport;

/// The choices made on the upload form, stored with the job.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct ImportSettings {
    pub no_special_clause: bool,
    pub variable_hours: bool,
    pub special_workplace: bool,
    pub week_start_monday: bool,
}

impl ImportSettings {
    pub fn to_kpi(&self) -> kpi::Settings {
        kpi::Settings {
            special_clause: !self.no_special_clause,
            variable_hours: self.variable_hours,
            special_workplace: self.special_workplace,
            week_start: if self.week_start_monday {
                kpi::WeekStart::Monday
            } else {
                kpi::WeekStart::Sunday
            },
            ..kpi::Settings::default()
        }
    }
}

/// A message in both languages: the user who reads it may switch.
type Failure = (String, String);

/// Poll the queue until the process ends. Jobs left running by a process that died
/// are queued again after ten minutes.
pub fn spawn(store: Store) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        if let Err(e) = store.requeue_stale_import_jobs(600).await {
            tracing::warn!(error = %e, "requeueing stale import jobs failed");
        }
        loop {
            match store.claim_import_job().await {
                Ok(Some(job)) => run(&store, job).await,
                Ok(None) => tokio::time::sleep(Duration::from_millis(500)).await,
                Err(e) => {
                    tracing::warn!(error = %e, "claiming an import job failed");
                    tokio::time::sleep(Duration::from_secs(5)).await;
                }
            }
        }
    })
}

/// Run one claimed job to its end.
pub async fn run(store: &Store, job: ImportJob) {
    let id = job.id;
    let result = match execute(store, &job).await {
        Ok(Ok((outcome, import_id))) => Ok((outcome, import_id)),
        Ok(Err(failure)) => Err(failure),
        Err(e) => {
            tracing::error!(job = id, error = %e, "import job failed");
            Err((
                "サーバーでエラーが発生しました。もう一度お試しください".to_string(),
                "a server error occurred; please try again".to_string(),
            ))
        }
    };
    let finished = match &result {
        Ok((outcome, import_id)) => store.finish_import_job(id, Ok((outcome, *import_id))).await,
        Err((ja, en)) => store.finish_import_job(id, Err((ja, en))).await,
    };
    if let Err(e) = finished {
        tracing::error!(job = id, error = %e, "recording the end of an import job failed");
    }
}

/// A `Read` that counts what passes through it, for the progress bar.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

fn failure(e: ingest::IngestError) -> Failure {
    (e.message_ja(), e.message_en())
}

/// Compute the report from the job's files (blocking: run on the blocking pool).
fn compute(
    files: Vec<(String, Vec<u8>)>,
    fy: i16,
    settings: kpi::Settings,
    profile: ingest::Profile,
    count: Arc<AtomicU64>,
) -> Result<Computed, Failure> {
    let take = |name: &str| {
        files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.clone())
    };
    // The employer's aggregates are read first: an error in any file stores nothing.
    let mut extras = Vec::new();
    for (name, bytes) in &files {
        if let Some(kind) = super::import::extras_kind(name) {
            for year in ingest::extras::read_extras_file(kind, name, bytes).map_err(failure)? {
                extras.push((kind, year));
            }
        }
    }
    let has_records = files
        .iter()
        .any(|(n, _)| super::import::extras_kind(n).is_none());
    if !has_records {
        return Ok(Computed {
            report: None,
            rows: 0,
            employees: 0,
            extras,
        });
    }
    let employees = take(ingest::EMPLOYEES_CSV)
        .map(|b| {
            ingest::read_employees_with_profile(
                ingest::EMPLOYEES_CSV,
                std::io::Cursor::new(b),
                &profile,
            )
        })
        .transpose()
        .map_err(failure)?;
    let family_events = take(ingest::FAMILY_EVENTS_CSV)
        .map(|b| ingest::read_family_events(ingest::FAMILY_EVENTS_CSV, std::io::Cursor::new(b)))
        .transpose()
        .map_err(failure)?;
    let leaves = take(ingest::LEAVES_CSV)
        .map(|b| ingest::read_leaves(ingest::LEAVES_CSV, std::io::Cursor::new(b)))
        .transpose()
        .map_err(failure)?;
    let employee_count = employees.as_ref().map(|e| e.len()).unwrap_or(0);
    let mut builder = kpi::ReportBuilder::new(settings, fy, employees).map_err(|e| {
        (
            format!("計算できません（{e}）"),
            format!("cannot compute ({e})"),
        )
    })?;
    let mut rows = 0;
    if let Some(bytes) = take(ingest::ATTENDANCE_CSV) {
        let input = Counting {
            inner: std::io::Cursor::new(bytes),
            count,
        };
        let mut reader =
            ingest::AttendanceReader::with_profile(ingest::ATTENDANCE_CSV, input, &profile)
                .map_err(failure)?;
        rows = ingest::stream_attendance(&mut reader, &mut builder).map_err(failure)?;
    }
    let report = builder.finish(family_events.as_deref(), leaves.as_deref());
    Ok(Computed {
        report: Some(report),
        rows,
        employees: employee_count,
        extras,
    })
}

/// What a job's files give: the report (when records were uploaded) and the
/// employer's aggregates per kind and fiscal year.
struct Computed {
    report: Option<kpi::FiscalYearReport>,
    rows: u64,
    employees: usize,
    extras: Vec<(ingest::extras::ExtrasKind, kpi::extras::YearExtras)>,
}

/// Store the employer's aggregates, one row per kind and fiscal year (a newer
/// file of the same kind replaces the year's figures).
async fn store_extras(
    store: &Store,
    job: &ImportJob,
    actor: &store::audit::Actor,
    extras: &[(ingest::extras::ExtrasKind, kpi::extras::YearExtras)],
) -> anyhow::Result<()> {
    for (kind, year) in extras {
        store
            .put_year_extras(
                job.org_id,
                i64::from(year.fiscal_year),
                kind.id(),
                &serde_json::to_string(year)?,
                kind.file_name(),
                job.created_by,
            )
            .await?;
        store
            .audit(
                actor,
                "update",
                "year_extras",
                job.org_id,
                &format!("FY{} {}", year.fiscal_year, kind.id()),
            )
            .await?;
    }
    Ok(())
}

async fn execute(
    store: &Store,
    job: &ImportJob,
) -> anyhow::Result<Result<(&'static str, i64), Failure>> {
    use sha2::Digest;
    let files = store.import_job_files(job.id).await?;
    let settings: ImportSettings = serde_json::from_str(&job.settings_json)?;
    let mut hasher = sha2::Sha256::new();
    for (name, bytes) in &files {
        hasher.update(name.as_bytes());
        hasher.update(bytes);
    }
    hasher.update(format!("{}{:?}{}", job.fiscal_year, settings, job.profile).as_bytes());
    let content_sha256 = hex::encode(hasher.finalize());

    let count = Arc::new(AtomicU64::new(0));
    let reporter = {
        let (store, count, id) = (store.clone(), count.clone(), job.id);
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_millis(500)).await;
                let _ = store
                    .report_import_progress(id, count.load(Ordering::Relaxed) as i64, 0)
                    .await;
            }
        })
    };
    let fy = job.fiscal_year as i16;
    let kpi_settings = settings.to_kpi();
    let Some(profile) = ingest::profile::preset(&job.profile) else {
        return Ok(Err((
            format!("取り込み形式 {} が見つかりません", job.profile),
            format!("unknown mapping profile {}", job.profile),
        )));
    };
    let computed =
        tokio::task::spawn_blocking(move || compute(files, fy, kpi_settings, profile, count)).await;
    reporter.abort();
    let computed = match computed? {
        Ok(ok) => ok,
        Err(f) => return Ok(Err(f)),
    };
    let created_by = job.created_by;
    let actor = store::audit::Actor {
        user_id: created_by,
        label: match created_by {
            Some(u) => store.user(u).await.map(|u| u.email).unwrap_or_default(),
            None => "import job".into(),
        },
        ip: String::new(),
    };
    let Some(report) = computed.report else {
        store_extras(store, job, &actor, &computed.extras).await?;
        store
            .report_import_progress(job.id, job.total_bytes, 0)
            .await?;
        return Ok(Ok(("stored", 0)));
    };
    let (rows, employees) = (computed.rows, computed.employees);
    let key = store.pseudonym_key(job.org_id).await?;
    let mut value = serde_json::to_value(&report)?;
    super::pseudonymise(&mut value, &key);
    let stored: StoredReport = serde_json::from_value(value.clone())?;
    let facts: Vec<EmployeeMonthFact> = stored
        .overtime
        .iter()
        .flat_map(|o| o.employees.iter())
        .flat_map(|e| {
            e.months.iter().map(|m| EmployeeMonthFact {
                employee_key: e.employee_id.clone(),
                month: m.month.clone(),
                legal_overtime_minutes: m.legal_overtime_minutes,
                legal_holiday_minutes: m.legal_holiday_minutes,
            })
        })
        .collect();
    let outcome = store
        .store_kpi_import(&NewKpiImport {
            org_id: job.org_id,
            fiscal_year: job.fiscal_year,
            content_sha256,
            files: job.file_names.clone(),
            attendance_rows: rows as i64,
            employees: employees as i64,
            report_json: value.to_string(),
            created_by,
            facts,
        })
        .await?;
    store_extras(store, job, &actor, &computed.extras).await?;
    let (label, import_id) = match outcome {
        ImportOutcome::Stored(id) => ("stored", id),
        ImportOutcome::Unchanged(id) => ("unchanged", id),
    };
    if let ImportOutcome::Stored(import_id) = outcome {
        // The 男性育休100%宣言 table uses computed figures when they exist.
        if let (Some(cc), Some(wf)) = (&stored.childcare_leave, &stored.workforce) {
            store
                .upsert_childcare_figures(
                    job.org_id,
                    "computed",
                    &store::figures::ChildcareFiguresInput {
                        fiscal_year: job.fiscal_year,
                        men_employed: wf.employees.total - wf.employees.women,
                        women_employed: wf.employees.women,
                        men_births: cc.male.births,
                        women_births: cc.female.births,
                        men_takers: cc.male.method1_takers,
                        women_takers: cc.female.takers,
                        men_average_days: None,
                        men_method2_takers: Some(cc.male.method2_takers),
                    },
                    created_by,
                )
                .await?;
        }
        store
            .audit(
                &actor,
                "create",
                "kpi_import",
                import_id,
                &format!("FY{} job {}", job.fiscal_year, job.id),
            )
            .await?;
    }
    store
        .report_import_progress(job.id, job.total_bytes, rows as i64)
        .await?;
    Ok(Ok((label, import_id)))
}
