//! Runs queued import jobs in the background: one job at a time per server process,
//! claimed through the database so several processes share the queue. The worker
//! holds a lease on its job and renews it with each progress report (bytes of
//! attendance.csv read, for the progress bar); a job whose worker died is taken up
//! by any worker once the lease expires.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use store::Store;
use store::jobs::{ImportJob, JobCompletion, Lease, YearExtrasInput};
use store::kpi::{EmployeeMonthFact, NewKpiImport};

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

/// A job claimed this many times without ending is failed instead of run again:
/// it may be what brings its workers down.
const MAX_ATTEMPTS: i64 = 3;

/// How a worker shares the queue.
#[derive(Debug, Clone, Copy)]
pub struct WorkerSettings {
    /// How long a claim holds without renewal; a dead worker's job waits this long.
    pub lease: Duration,
    /// How often an idle worker looks for work.
    pub poll: Duration,
}

impl Default for WorkerSettings {
    fn default() -> Self {
        WorkerSettings {
            lease: Duration::from_secs(60),
            poll: Duration::from_secs(1),
        }
    }
}

impl WorkerSettings {
    fn lease_seconds(&self) -> i64 {
        self.lease.as_secs().max(1) as i64
    }
    /// Progress is written, and the lease renewed, several times per lease.
    fn heartbeat(&self) -> Duration {
        (self.lease / 4).clamp(Duration::from_millis(200), Duration::from_millis(500))
    }
}

/// A name for this worker that no other process shares.
pub fn new_worker_id() -> String {
    format!("{}-{}", std::process::id(), uuid::Uuid::new_v4().simple())
}

/// The running worker of a server process.
pub struct Worker {
    id: String,
    store: Store,
    stop: tokio::sync::watch::Sender<bool>,
    current: Arc<Mutex<Option<i64>>>,
    task: tokio::task::JoinHandle<()>,
}

/// Poll the queue until [`Worker::shutdown`].
pub fn spawn(store: Store, settings: WorkerSettings) -> Worker {
    let id = new_worker_id();
    let (stop, mut stopped) = tokio::sync::watch::channel(false);
    let current = Arc::new(Mutex::new(None));
    let task = {
        let (store, id, current) = (store.clone(), id.clone(), current.clone());
        tokio::spawn(async move {
            while !*stopped.borrow() {
                let pause = match store.claim_import_job(&id, settings.lease_seconds()).await {
                    Ok(Some(job)) => {
                        set_current(&current, Some(job.id));
                        run(&store, job, &id, settings).await;
                        set_current(&current, None);
                        continue;
                    }
                    Ok(None) => settings.poll,
                    Err(e) => {
                        tracing::warn!(error = %e, "claiming an import job failed");
                        settings.poll.max(Duration::from_secs(5))
                    }
                };
                tokio::select! {
                    _ = tokio::time::sleep(pause) => {}
                    _ = stopped.changed() => {}
                }
            }
        })
    };
    Worker {
        id,
        store,
        stop,
        current,
        task,
    }
}

fn set_current(current: &Mutex<Option<i64>>, job: Option<i64>) {
    if let Ok(mut c) = current.lock() {
        *c = job;
    }
}

impl Worker {
    /// Claim nothing more; let the running job end within `grace`, otherwise give it
    /// back to the queue for another worker (or this server after its restart).
    pub async fn shutdown(mut self, grace: Duration) {
        let _ = self.stop.send(true);
        if tokio::time::timeout(grace, &mut self.task).await.is_ok() {
            return;
        }
        self.task.abort();
        let job = self.current.lock().ok().and_then(|c| *c);
        if let Some(job) = job {
            match self.store.release_import_job(job, &self.id).await {
                Ok(_) => tracing::info!(job, "import job handed back to the queue"),
                Err(e) => tracing::warn!(job, error = %e, "handing an import job back failed"),
            }
        }
    }
}

fn cancelled_message() -> Failure {
    (
        "取り込みを取り消しました".to_string(),
        "the import was cancelled".to_string(),
    )
}

fn server_error() -> Failure {
    (
        "サーバーでエラーが発生しました。もう一度お試しください".to_string(),
        "a server error occurred; please try again".to_string(),
    )
}

/// Run one claimed job to its end, renewing the lease of `worker_id` meanwhile.
pub async fn run(store: &Store, job: ImportJob, worker_id: &str, settings: WorkerSettings) {
    let id = job.id;
    if job.cancel_requested != 0 {
        // Cancelled while its previous worker (since gone) ran it.
        end_failed(store, id, worker_id, cancelled_message(), true).await;
        return;
    }
    if job.attempts > MAX_ATTEMPTS {
        let failure = (
            format!(
                "取り込みが{MAX_ATTEMPTS}回途中で止まったため中止しました。ファイルを確かめてもう一度お試しください"
            ),
            format!(
                "the import stopped part-way {MAX_ATTEMPTS} times and was abandoned; check the files and try again"
            ),
        );
        end_failed(store, id, worker_id, failure, false).await;
        return;
    }
    let count = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let (cancelled, lost) = (
        Arc::new(AtomicBool::new(false)),
        Arc::new(AtomicBool::new(false)),
    );
    let heartbeat = {
        let (store, worker_id) = (store.clone(), worker_id.to_string());
        let (count, stop, cancelled, lost) =
            (count.clone(), stop.clone(), cancelled.clone(), lost.clone());
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(settings.heartbeat()).await;
                let bytes = count.load(Ordering::Relaxed) as i64;
                match store
                    .renew_import_lease(id, &worker_id, settings.lease_seconds(), bytes, 0)
                    .await
                {
                    Ok(Lease::Held) => {}
                    Ok(Lease::CancelRequested) => {
                        cancelled.store(true, Ordering::Relaxed);
                        stop.store(true, Ordering::Relaxed);
                    }
                    Ok(Lease::Lost) => {
                        lost.store(true, Ordering::Relaxed);
                        stop.store(true, Ordering::Relaxed);
                        return;
                    }
                    Err(e) => {
                        tracing::warn!(job = id, error = %e, "renewing an import lease failed")
                    }
                }
            }
        })
    };
    let result = execute(store, &job, count, stop).await;
    heartbeat.abort();
    if lost.load(Ordering::Relaxed) {
        tracing::warn!(
            job = id,
            "import job taken over by another worker; its result is dropped"
        );
        return;
    }
    if cancelled.load(Ordering::Relaxed) {
        end_failed(store, id, worker_id, cancelled_message(), true).await;
        return;
    }
    let failure = match result {
        Ok(Ok(completion)) => match store.complete_import_job(id, worker_id, &completion).await {
            Ok(_) => return,
            Err(store::Error::LeaseLost) => {
                tracing::warn!(
                    job = id,
                    "import job taken over by another worker; nothing stored"
                );
                return;
            }
            Err(e) => {
                tracing::error!(job = id, error = %e, "storing an import failed");
                server_error()
            }
        },
        Ok(Err(failure)) => failure,
        Err(e) => {
            tracing::error!(job = id, error = %e, "import job failed");
            server_error()
        }
    };
    end_failed(store, id, worker_id, failure, false).await;
}

/// Record a job's failure; when even that fails, once more with the plain server
/// message, so that the job does not stay running.
async fn end_failed(store: &Store, id: i64, worker_id: &str, f: Failure, cancelled: bool) {
    if let Err(e) = store
        .fail_import_job(id, worker_id, &f.0, &f.1, cancelled)
        .await
    {
        tracing::error!(job = id, error = %e, "recording the end of an import job failed");
        let (ja, en) = server_error();
        if let Err(e) = store
            .fail_import_job(id, worker_id, &ja, &en, cancelled)
            .await
        {
            tracing::error!(job = id, error = %e, "recording the failure of an import job failed");
        }
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
    stop: Arc<AtomicBool>,
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
    let new_builder = || {
        kpi::ReportBuilder::new(settings.clone(), fy, employees.clone()).map_err(|e| {
            ingest::IngestError::file(
                "settings",
                format!("計算できません（{e}）"),
                format!("cannot compute ({e})"),
            )
        })
    };
    let (builder, rows) = match take(ingest::ATTENDANCE_CSV) {
        None => (new_builder().map_err(failure)?, 0),
        Some(bytes) => super::coverage::stream_upload(
            bytes,
            &profile,
            &count,
            &stop,
            &settings,
            fy,
            new_builder,
        )
        .map_err(failure)?,
    };
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

/// Compute what the job's files give; the caller stores it at once.
async fn execute(
    store: &Store,
    job: &ImportJob,
    count: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
) -> anyhow::Result<Result<JobCompletion, Failure>> {
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

    let fy = job.fiscal_year as i16;
    let kpi_settings = settings.to_kpi();
    let Some(profile) = ingest::profile::preset(&job.profile) else {
        return Ok(Err((
            format!("取り込み形式 {} が見つかりません", job.profile),
            format!("unknown mapping profile {}", job.profile),
        )));
    };
    let computed =
        tokio::task::spawn_blocking(move || compute(files, fy, kpi_settings, profile, count, stop))
            .await;
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
    let mut extras = Vec::with_capacity(computed.extras.len());
    for (kind, year) in &computed.extras {
        extras.push(YearExtrasInput {
            fiscal_year: i64::from(year.fiscal_year),
            kind: kind.id().to_string(),
            data_json: serde_json::to_string(year)?,
            file_name: kind.file_name().to_string(),
        });
    }
    let Some(report) = computed.report else {
        return Ok(Ok(JobCompletion {
            actor,
            import: None,
            childcare: None,
            extras,
            processed_rows: 0,
        }));
    };
    let (rows, employees) = (computed.rows, computed.employees);
    let key = store.pseudonym_key(job.org_id).await?;
    let mut value = serde_json::to_value(&report)?;
    let employee_codes = super::pseudonymise(&mut value, &key)
        .into_iter()
        .map(|(pseudonym, code)| store::employee_codes::EmployeeCode { pseudonym, code })
        .collect();
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
    let childcare = match (&stored.childcare_leave, &stored.workforce) {
        (Some(cc), Some(wf)) => Some(store::figures::ChildcareFiguresInput {
            fiscal_year: job.fiscal_year,
            men_employed: wf.employees.total - wf.employees.women,
            women_employed: wf.employees.women,
            men_births: cc.male.births,
            women_births: cc.female.births,
            men_takers: cc.male.method1_takers,
            women_takers: cc.female.takers,
            men_average_days: None,
            men_method2_takers: Some(cc.male.method2_takers),
            attendance: attendance_parts(&stored),
        }),
        _ => None,
    };
    Ok(Ok(JobCompletion {
        actor,
        import: Some(NewKpiImport {
            org_id: job.org_id,
            fiscal_year: job.fiscal_year,
            content_sha256,
            files: job.file_names.clone(),
            attendance_rows: rows as i64,
            employees: employees as i64,
            report_json: value.to_string(),
            created_by,
            facts,
            employee_codes,
        }),
        childcare,
        extras,
        processed_rows: rows as i64,
    }))
}

/// The raw parts of the publishable attendance figures (平均残業時間, 有給取得率)
/// of an import's report.
fn attendance_parts(r: &StoredReport) -> store::figures::AttendanceParts {
    let overtime = r
        .overtime
        .as_ref()
        .and_then(|o| o.average_monthly_overtime.as_ref());
    let paid = r.paid_leave.as_ref();
    store::figures::AttendanceParts {
        overtime_minutes: overtime.map(|o| o.total_minutes),
        overtime_workers: overtime.map(|o| o.employees),
        paid_taken_half_days: paid
            .and_then(|p| p.taken_days)
            .map(|d| (d * 2.0).round() as i64),
        paid_granted_days: paid.and_then(|p| p.granted_days),
        paid_workers: paid.map(|p| {
            p.employees
                .iter()
                .filter(|e| e.grants.iter().any(|g| g.days > 0))
                .count() as i64
        }),
    }
}
