//! Importing files: upload → preview (mapped rows and every row error with its
//! line) → confirm → the background worker computes while the page shows progress →
//! the figures. Nothing is stored from a file with an error.

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use store::jobs::{CancelOutcome, ImportJob};
use store::orgs::Organization;

use super::worker::ImportSettings;
use crate::AppState;
use crate::auth::redirect_with_flash;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;

/// Rows shown in the preview of each file, and errors listed at most.
const PREVIEW_ROWS: usize = 10;
const PREVIEW_ERRORS: usize = 100;

/// The upload form's file inputs and the canonical file each one stands for.
const FILE_FIELDS: [(&str, &str); 7] = [
    ("attendance", ingest::ATTENDANCE_CSV),
    ("employees", ingest::EMPLOYEES_CSV),
    ("family_events", ingest::FAMILY_EVENTS_CSV),
    ("leaves", ingest::LEAVES_CSV),
    ("recruitment", ingest::extras::RECRUITMENT_CSV),
    ("wages", ingest::extras::WAGES_CSV),
    ("career", ingest::extras::CAREER_CSV),
];

/// The employer's aggregate file a canonical name stands for, if it is one.
pub(crate) fn extras_kind(canonical: &str) -> Option<ingest::extras::ExtrasKind> {
    ingest::extras::ExtrasKind::ALL
        .into_iter()
        .find(|k| k.file_name() == canonical)
}

/// The mapping profile named on the form; "auto" asks the attendance header.
fn choose_profile(requested: &str, attendance: Option<&[u8]>) -> Option<String> {
    match requested.trim() {
        "" | "auto" => Some(
            attendance
                .and_then(|b| ingest::profile::suggest(&b[..b.len().min(64 * 1024)]))
                .unwrap_or("canonical")
                .to_string(),
        ),
        name => ingest::profile::preset(name).map(|p| p.name),
    }
}

/// A turn to hold an upload in memory or compute a preview: at most
/// `max_concurrent_imports` at once per process (else 503, so a burst of
/// uploads cannot multiply the memory they take) and
/// `import_rate_per_minute` per user (else 429).
fn import_turn(
    state: &AppState,
    user_id: i64,
) -> Result<tokio::sync::OwnedSemaphorePermit, AppError> {
    if !state.import_limiter.allow(&format!("user:{user_id}")) {
        return Err(AppError::TooManyRequests);
    }
    state
        .imports
        .clone()
        .try_acquire_owned()
        .map_err(|_| AppError::Busy)
}

/// Receive the files, check the year and profile, and keep them as a job in `preview`.
pub async fn upload(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let org = c
        .org_for(&state.store, id, |o| Action::DeclareForOrganization {
            org_id: o.id,
        })
        .await?;
    let p = c
        .require(&Action::DeclareForOrganization { org_id: org.id })?
        .clone();
    // Taken before the body is read: the files are read into memory.
    let _turn = import_turn(&state, p.user_id)?;
    let t = c.t;
    let mut fy_text = String::new();
    let mut profile_text = String::new();
    let mut settings = ImportSettings::default();
    let mut keep_files = false;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut uploaded_names: Vec<String> = Vec::new();
    let mut problem: Option<String> = None;
    while let Some(field) = multipart.next_field().await? {
        let name = field.name().unwrap_or("").to_string();
        if let Some((_, canonical)) = FILE_FIELDS.iter().find(|(f, _)| *f == name) {
            let uploaded = field.file_name().unwrap_or("").to_string();
            // Read in chunks: a line no reader would accept stops the upload
            // before the file is held whole and stored.
            let mut bytes = Vec::new();
            let mut line: u64 = 1;
            let mut run = 0usize;
            let mut field = field;
            while let Some(chunk) = field.chunk().await? {
                for &b in chunk.iter() {
                    if b == b'\n' {
                        line += 1;
                        run = 0;
                    } else {
                        run += 1;
                    }
                }
                if run > ingest::source::MAX_RAW_LINE_BYTES {
                    let e = ingest::source::record_too_long(canonical, line);
                    let fy = domain::normalize_digits(&fy_text)
                        .trim()
                        .parse::<i64>()
                        .ok();
                    let fy = fy
                        .filter(|y| super::years().contains(y))
                        .unwrap_or_else(super::current_fiscal_year);
                    let message = message(&c, &e);
                    let mut res = super::render(&state, c, org, fy, Some(message)).await?;
                    // The rest of the body is never read: the connection cannot
                    // carry another request, so the client must not reuse it.
                    res.headers_mut().insert(
                        axum::http::header::CONNECTION,
                        axum::http::HeaderValue::from_static("close"),
                    );
                    return Ok(res);
                }
                bytes.extend_from_slice(&chunk);
            }
            if !bytes.is_empty() {
                files.push((canonical.to_string(), bytes));
                uploaded_names.push(if uploaded.is_empty() {
                    canonical.to_string()
                } else {
                    uploaded
                });
            }
            continue;
        }
        match name.as_str() {
            "fiscal_year" => fy_text = crate::forms::field_text(field).await?,
            "profile" => profile_text = crate::forms::field_text(field).await?,
            "no_special_clause" => settings.no_special_clause = true,
            "variable_hours" => settings.variable_hours = true,
            "special_workplace" => settings.special_workplace = true,
            "week_start" => {
                settings.week_start_monday =
                    crate::forms::field_text(field).await?.trim() == "monday"
            }
            "keep_files" => keep_files = true,
            _ => {}
        }
    }
    // "auto": the year the attendance is most about, decided below.
    let year_from_data = fy_text.trim() == "auto";
    let fy = domain::normalize_digits(&fy_text)
        .trim()
        .parse::<i64>()
        .ok();
    let mut fy = match fy.filter(|y| super::years().contains(y)) {
        Some(y) => y,
        None if year_from_data => super::current_fiscal_year(),
        None => {
            problem = problem.or(Some(t.t("kpi.error.fiscal_year").to_string()));
            super::current_fiscal_year()
        }
    };
    if files.is_empty() {
        problem = problem.or(Some(t.t("kpi.error.no_files").to_string()));
    }
    let attendance = files
        .iter()
        .find(|(n, _)| n == ingest::ATTENDANCE_CSV)
        .map(|(_, b)| b.as_slice());
    let profile = choose_profile(&profile_text, attendance);
    if profile.is_none() {
        problem = problem.or(Some(t.t("kpi.error.profile").to_string()));
    }
    if let Some(message) = problem {
        return super::render(&state, c, org, fy, Some(message)).await;
    }
    if year_from_data
        && let (Some(bytes), Some(profile)) = (
            attendance,
            profile.as_deref().and_then(ingest::profile::preset),
        )
    {
        let bytes = bytes.to_vec();
        let span = tokio::task::spawn_blocking(move || super::coverage::scan(&bytes, &profile))
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        fy = super::coverage::main_year(&span).unwrap_or(fy);
    }
    let settings_json =
        serde_json::to_string(&settings).map_err(|e| AppError::Internal(e.to_string()))?;
    let job = state
        .store
        .create_import_job(
            id,
            fy,
            &settings_json,
            profile.as_deref().unwrap_or("canonical"),
            keep_files,
            &files,
            &uploaded_names,
            Some(p.user_id),
        )
        .await?;
    Ok(Redirect::to(&format!("/orgs/{id}/kpi/jobs/{job}")).into_response())
}

/// Change the profile a previewed job is read with, then preview again.
pub async fn set_profile(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, job_id)): Path<(i64, i64)>,
    axum::Form(f): axum::Form<ProfileForm>,
) -> Result<Response, AppError> {
    job_for_action(&state, &c, id, job_id).await?;
    let profile = ingest::profile::preset(f.profile.trim())
        .ok_or_else(|| AppError::BadRequest("unknown profile".into()))?;
    if !state
        .store
        .set_import_job_profile(job_id, &profile.name)
        .await?
    {
        return Err(AppError::Conflict);
    }
    Ok(Redirect::to(&format!("/orgs/{id}/kpi/jobs/{job_id}")).into_response())
}

#[derive(serde::Deserialize)]
pub struct ProfileForm {
    #[serde(default)]
    profile: String,
}

/// What the preview shows of one file.
pub struct FilePreview {
    pub name: String,
    pub bytes: usize,
    pub encoding: &'static str,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub row_count: u64,
    pub errors: Vec<String>,
    /// More errors than listed.
    pub more_errors: bool,
}

fn encoding_name(bytes: &[u8]) -> &'static str {
    let sample = &bytes[..bytes.len().min(256 * 1024)];
    ingest::source::detect_encoding(sample, sample.len() == bytes.len()).name()
}

fn message(c: &Ctx, e: &ingest::IngestError) -> String {
    if c.t.is_ja() {
        e.message_ja()
    } else {
        e.message_en()
    }
}

fn clock(minutes: u16) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

/// Read the attendance file through the real reader in one streaming pass: the
/// first rows as mapped are kept for display, the rest only counted and
/// checked, with every row error (up to a limit). A file with a header and no
/// data rows is an error.
fn preview_attendance(c: &Ctx, bytes: Vec<u8>, profile: &ingest::Profile) -> FilePreview {
    let t = &c.t;
    let mut p = FilePreview {
        name: ingest::ATTENDANCE_CSV.into(),
        bytes: bytes.len(),
        encoding: encoding_name(&bytes),
        header: vec![
            t.t("kpi.preview.employee_id").into(),
            t.t("kpi.preview.date").into(),
            t.t("kpi.preview.day_type").into(),
            t.t("kpi.preview.work").into(),
            t.t("kpi.preview.paid_leave").into(),
        ],
        rows: Vec::new(),
        row_count: 0,
        errors: Vec::new(),
        more_errors: false,
    };
    let mut reader = match ingest::AttendanceReader::with_profile(
        ingest::ATTENDANCE_CSV,
        std::io::Cursor::new(bytes),
        profile,
    ) {
        Ok(r) => r,
        Err(e) => {
            p.errors.push(message(c, &e));
            return p;
        }
    };
    let mut row = kpi::AttendanceDay::new(String::new(), jiff::civil::date(2000, 1, 1));
    let mut last_error_line = 0;
    loop {
        match reader.read_row(&mut row) {
            Ok(false) => break,
            Ok(true) => {
                p.row_count += 1;
                if p.rows.len() < PREVIEW_ROWS {
                    let work = match row.work {
                        kpi::Work::None => "—".to_string(),
                        kpi::Work::Clock {
                            start_minute,
                            end_minute,
                            break_minutes,
                        } => t.f2(
                            "kpi.preview.clock",
                            "span",
                            format!("{}–{}", clock(start_minute), clock(end_minute)),
                            "break",
                            break_minutes,
                        ),
                        kpi::Work::Precomputed {
                            legal_overtime_minutes,
                            legal_holiday_minutes,
                        } => t.f2(
                            "kpi.preview.precomputed",
                            "overtime",
                            legal_overtime_minutes,
                            "holiday",
                            legal_holiday_minutes,
                        ),
                    };
                    let day_type = match row.day_type {
                        kpi::DayType::Workday => t.t("kpi.preview.workday"),
                        kpi::DayType::Holiday => t.t("kpi.preview.holiday"),
                        kpi::DayType::LegalHoliday => t.t("kpi.preview.legal_holiday"),
                    };
                    p.rows.push(vec![
                        row.employee_id.clone(),
                        row.date.to_string(),
                        day_type.to_string(),
                        work,
                        format!("{}", row.paid_leave_half_days as f64 / 2.0),
                    ]);
                }
            }
            Err(e) => {
                // A broken line that does not move the reader on ends the scan.
                if reader.line() == last_error_line {
                    break;
                }
                last_error_line = reader.line();
                if p.errors.len() >= PREVIEW_ERRORS {
                    p.more_errors = true;
                    break;
                }
                p.errors.push(message(c, &e));
            }
        }
    }
    if p.row_count == 0 && p.errors.is_empty() {
        p.errors.push(t.t("kpi.error.no_rows").to_string());
    }
    p
}

/// Whether an attendance file has at least one data row (or a broken one,
/// which the preview reports): reads up to the first row only.
fn attendance_has_rows(bytes: Vec<u8>, profile: &ingest::Profile) -> bool {
    let mut row = kpi::AttendanceDay::new(String::new(), jiff::civil::date(2000, 1, 1));
    match ingest::AttendanceReader::with_profile(
        ingest::ATTENDANCE_CSV,
        std::io::Cursor::new(bytes),
        profile,
    ) {
        Ok(mut reader) => !matches!(reader.read_row(&mut row), Ok(false)),
        Err(_) => true,
    }
}

/// The small files are read whole: the count, or the first error.
fn preview_small(c: &Ctx, name: &str, bytes: &[u8], profile: &ingest::Profile) -> FilePreview {
    let cursor = || std::io::Cursor::new(bytes.to_vec());
    let result = match name {
        n if n == ingest::EMPLOYEES_CSV => {
            ingest::read_employees_with_profile(n, cursor(), profile).map(|v| v.len())
        }
        n if n == ingest::FAMILY_EVENTS_CSV => {
            ingest::read_family_events(n, cursor()).map(|v| v.len())
        }
        n if n == ingest::LEAVES_CSV => ingest::read_leaves(n, cursor()).map(|v| v.len()),
        // Aggregates: the count shown is the fiscal years the file covers.
        n => match extras_kind(n) {
            Some(kind) => ingest::extras::read_extras_file(kind, n, bytes).map(|v| v.len()),
            None => Ok(0),
        },
    };
    let (row_count, errors) = match result {
        Ok(n) => (n as u64, Vec::new()),
        Err(e) => (0, vec![message(c, &e)]),
    };
    FilePreview {
        name: name.to_string(),
        bytes: bytes.len(),
        encoding: encoding_name(bytes),
        header: Vec::new(),
        rows: Vec::new(),
        row_count,
        errors,
        more_errors: false,
    }
}

#[derive(Template)]
#[template(path = "kpi/job.html")]
struct JobPage {
    c: Ctx,
    org: Organization,
    job: ImportJob,
    previews: Vec<FilePreview>,
    has_errors: bool,
    /// The profile the attendance file is read with, and the choices.
    profile_label: String,
    profiles: Vec<(String, String)>,
    /// What the attendance covers, and the refusal of a year without rows.
    coverage: Option<super::coverage::CoverageView>,
    year_problem: Option<String>,
    /// The years to choose from, and the one preselected.
    years: Vec<i64>,
    preselected_year: i64,
    /// The reader may not see employee rows: the sample rows are left out.
    rows_hidden: bool,
}

/// The status part of the job page, which htmx polls while the job runs.
#[derive(Template)]
#[template(path = "kpi/job_status.html")]
struct JobStatus {
    c: Ctx,
    org: Organization,
    job: ImportJob,
}

pub async fn job_page(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, job_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let org = c
        .org_for(&state.store, id, |o| Action::DeclareForOrganization {
            org_id: o.id,
        })
        .await?;
    let job = state.store.import_job(job_id).await?;
    if job.org_id != id {
        return Err(AppError::NotFound);
    }
    if job.status == "done" && c.htmx {
        // Finished while the page polled: go to the figures, saying so there.
        let mut res = ().into_response();
        if let Ok(v) =
            axum::http::HeaderValue::from_str(&format!("/orgs/{id}/kpi?fy={}", job.fiscal_year))
        {
            res.headers_mut().insert("hx-redirect", v);
        }
        let flash = if job.outcome == "unchanged" {
            "flash.kpi_unchanged"
        } else {
            "flash.kpi_imported"
        };
        res.headers_mut().append(
            axum::http::header::SET_COOKIE,
            crate::context::set_cookie(
                crate::context::FLASH_COOKIE,
                flash,
                Some(60),
                state.config.cookie_secure,
            ),
        );
        return Ok(res);
    }
    if c.htmx {
        return Ok(Html(JobStatus { c, org, job }.render()?).into_response());
    }
    let profile = ingest::profile::preset(&job.profile)
        .ok_or_else(|| AppError::Internal(format!("unknown profile {}", job.profile)))?;
    let mut previews = if job.status == "preview" {
        let user_id = c.user.as_ref().map_or(0, |u| u.user_id);
        let _turn = import_turn(&state, user_id)?;
        let files = state.store.import_job_files(job_id).await?;
        let c2 = c.clone();
        let profile = profile.clone();
        tokio::task::spawn_blocking(move || {
            files
                .into_iter()
                .map(|(name, bytes)| {
                    if name == ingest::ATTENDANCE_CSV {
                        preview_attendance(&c2, bytes, &profile)
                    } else {
                        preview_small(&c2, &name, &bytes, &profile)
                    }
                })
                .collect::<Vec<_>>()
        })
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
    } else {
        Vec::new()
    };
    // The sample rows are per-employee records: only the employer's org admins
    // see them, even when a platform admin uploaded the files for it.
    let rows_hidden = !c.can(&Action::ViewEmployeeFigures { org_id: org.id });
    if rows_hidden {
        for p in &mut previews {
            p.rows.clear();
        }
    }
    let coverage = match job_attendance_span(&state, &job, &profile).await? {
        Some(span) => Some(super::coverage::view(&c.t, &span, job.fiscal_year)),
        None => None,
    };
    let year_problem = coverage
        .as_ref()
        .filter(|v| !v.in_year)
        .map(|v| super::coverage::no_rows_message(&c.t, job.fiscal_year, &v.fiscal_years));
    let preselected_year = match &coverage {
        Some(v) if !v.in_year => v.main_year.unwrap_or(job.fiscal_year),
        _ => job.fiscal_year,
    };
    let page = JobPage {
        coverage,
        year_problem,
        years: super::years(),
        preselected_year,
        rows_hidden,
        profile_label: c.t.pick(&profile.label_ja, &profile.label_en).to_string(),
        profiles: ingest::profile::presets()
            .into_iter()
            .map(|p| {
                (
                    p.name.clone(),
                    c.t.pick(&p.label_ja, &p.label_en).to_string(),
                )
            })
            .collect(),
        has_errors: previews.iter().any(|p| !p.errors.is_empty()),
        c,
        org,
        job,
        previews,
    };
    Ok(Html(page.render()?).into_response())
}

async fn job_for_action(
    state: &AppState,
    c: &Ctx,
    id: i64,
    job_id: i64,
) -> Result<ImportJob, AppError> {
    c.org_for(&state.store, id, |o| Action::DeclareForOrganization {
        org_id: o.id,
    })
    .await?;
    let job = state.store.import_job(job_id).await?;
    if job.org_id != id {
        return Err(AppError::NotFound);
    }
    Ok(job)
}

/// What a previewed job's attendance file covers; `None` without one (or once the
/// job has left the preview).
async fn job_attendance_span(
    state: &AppState,
    job: &ImportJob,
    profile: &ingest::Profile,
) -> Result<Option<kpi::AttendanceSpan>, AppError> {
    if job.status != "preview" {
        return Ok(None);
    }
    let files = state.store.import_job_files(job.id).await?;
    let Some((_, bytes)) = files.into_iter().find(|(n, _)| n == ingest::ATTENDANCE_CSV) else {
        return Ok(None);
    };
    let profile = profile.clone();
    let span = tokio::task::spawn_blocking(move || super::coverage::scan(&bytes, &profile))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(Some(span))
}

#[derive(serde::Deserialize)]
pub struct YearForm {
    #[serde(default)]
    fiscal_year: String,
}

/// Change the fiscal year of a previewed job, then preview again.
pub async fn set_year(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, job_id)): Path<(i64, i64)>,
    axum::Form(f): axum::Form<YearForm>,
) -> Result<Response, AppError> {
    job_for_action(&state, &c, id, job_id).await?;
    let fy = domain::normalize_digits(&f.fiscal_year)
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|y| super::years().contains(y))
        .ok_or_else(|| AppError::BadRequest("unknown fiscal year".into()))?;
    if !state.store.set_import_job_fiscal_year(job_id, fy).await? {
        return Err(AppError::Conflict);
    }
    Ok(Redirect::to(&format!("/orgs/{id}/kpi/jobs/{job_id}")).into_response())
}

/// Queue a previewed job for the worker. An attendance file without data rows
/// is refused here too (the confirm form may be posted without the preview):
/// it would become the year's current import, empty.
pub async fn confirm(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, job_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let job = job_for_action(&state, &c, id, job_id).await?;
    if job.status == "preview" {
        let user_id = c.user.as_ref().map_or(0, |u| u.user_id);
        let _turn = import_turn(&state, user_id)?;
        let attendance = state
            .store
            .import_job_files(job_id)
            .await?
            .into_iter()
            .find(|(n, _)| n == ingest::ATTENDANCE_CSV);
        if let Some((_, bytes)) = attendance {
            let profile = ingest::profile::preset(&job.profile)
                .ok_or_else(|| AppError::Internal(format!("unknown profile {}", job.profile)))?;
            let has_rows =
                tokio::task::spawn_blocking(move || attendance_has_rows(bytes, &profile))
                    .await
                    .map_err(|e| AppError::Internal(e.to_string()))?;
            if !has_rows {
                return Ok(redirect_with_flash(
                    &format!("/orgs/{id}/kpi/jobs/{job_id}"),
                    "kpi.error.no_rows",
                    state.config.cookie_secure,
                ));
            }
        }
    }
    // An attendance file with no row in the job's year is refused: the preview
    // says why and offers the years it covers.
    if let Some(profile) = ingest::profile::preset(&job.profile)
        && let Some(span) = job_attendance_span(&state, &job, &profile).await?
        && !span
            .fiscal_years(&kpi::Settings::default())
            .iter()
            .any(|&(y, _)| i64::from(y) == job.fiscal_year)
    {
        return Ok(Redirect::to(&format!("/orgs/{id}/kpi/jobs/{job_id}")).into_response());
    }
    if !state
        .store
        .transition_import_job(job_id, "preview", "queued")
        .await?
    {
        return Err(AppError::Conflict);
    }
    state
        .store
        .audit(&c.actor(), "update", "import_job", job_id, "confirmed")
        .await?;
    Ok(Redirect::to(&format!("/orgs/{id}/kpi/jobs/{job_id}")).into_response())
}

/// Cancel a job that has not ended: a preview, a queued job, or a running one (its
/// worker stops at its next progress check; a job whose worker died ends at once).
pub async fn cancel(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, job_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let job = job_for_action(&state, &c, id, job_id).await?;
    let (to, flash) = match state.store.cancel_import_job(job_id).await? {
        CancelOutcome::Finished => return Err(AppError::Conflict),
        CancelOutcome::Cancelled => (
            format!("/orgs/{id}/kpi?fy={}", job.fiscal_year),
            "flash.import_cancelled",
        ),
        CancelOutcome::Requested => (
            format!("/orgs/{id}/kpi/jobs/{job_id}"),
            "flash.import_cancel_requested",
        ),
    };
    state
        .store
        .audit(&c.actor(), "update", "import_job", job_id, "cancelled")
        .await?;
    Ok(redirect_with_flash(&to, flash, state.config.cookie_secure))
}
