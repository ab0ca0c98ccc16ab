//! Reads erabareru's canonical CSV files (docs/formats.md) from a folder and
//! computes the fiscal-year KPIs with the `kpi` crate.
//!
//! - Encodings: UTF-8 with or without BOM, or CP932, detected
//!   ([`source::detect_encoding`]); decoded as a stream.
//! - Headers: canonical names or Japanese aliases ([`files::EMPLOYEE_COLUMNS`]
//!   and the other column lists); unknown columns are ignored.
//! - Values: full-width digits, `YYYY/MM/DD` dates and surrounding spaces
//!   are accepted ([`value`]).
//! - Errors: the first unreadable value stops the run with an
//!   [`IngestError`] naming the file, line, column and reason
//!   (「attendance.csv 57行目 date: 2026-02-30 は存在しない日付です」).
//! - Memory: employees.csv, family_events.csv and leaves.csv are read whole
//!   (they are small); attendance.csv is streamed one row at a time into
//!   [`kpi::ReportBuilder`], so memory does not grow with its length. Rows
//!   may come in any order: a file in per-employee date order (as 勤怠
//!   exports are) is streamed as it is, any other goes through the external
//!   sort of [`order`].
//!
//! [`profile`]: mapping profiles read vendor exports (KING OF TIME-,
//! ジョブカン-, freee-style presets, or user-defined TOML) through the same
//! reader ([`AttendanceReader::with_profile`], [`compute_files_with_profile`]).
//!
//! [`extras`]: the figures an employer supplies beyond attendance and the
//! roster — recruitment.csv, wages.csv, career.csv (per-year
//! [`kpi::extras::YearExtras`], [`load_extras`], [`read_extras_file`] for
//! uploads), industry_averages.csv and facts.csv — and [`certify`], which
//! puts them together with the fiscal-year report into the certification
//! verdicts.
//!
//! [`generate`] writes realistic canonical files for demos and benchmarks.

pub mod certify;
pub mod error;
pub mod extras;
pub mod files;
pub mod generate;
pub mod order;
pub mod parallel;
pub mod profile;
pub mod source;
pub mod value;

use std::path::Path;

use kpi::{
    AttendanceDay, Employee, FamilyEvent, FiscalYearReport, KpiError, Leave, ReportBuilder,
    Settings,
};

pub use certify::{CertifyOptions, certify};
pub use error::{IngestError, ValueError};
pub use extras::{
    CAREER_CSV, ExtrasKind, FACTS_CSV, INDUSTRY_AVERAGES_CSV, RECRUITMENT_CSV, WAGES_CSV,
    load_extras, load_extras_file, load_facts, load_industry_averages, merge_extras,
    pick_industry_averages, read_career, read_extras_file, read_facts, read_industry_averages,
    read_recruitment, read_wages,
};
pub use files::{
    ATTENDANCE_CSV, AttendanceReader, EMPLOYEES_CSV, FAMILY_EVENTS_CSV, LEAVES_CSV, load_employees,
    load_employees_with_profile, load_family_events, load_leaves, read_employees,
    read_employees_with_profile, read_family_events, read_leaves,
};
pub use profile::{Profile, TimeFormat};
pub use source::DetectedEncoding;

/// What was read, for progress and benchmark output.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngestStats {
    /// Encoding of attendance.csv, when present.
    pub attendance_encoding: Option<DetectedEncoding>,
    /// Attendance rows read.
    pub attendance_rows: u64,
    /// Bytes of attendance.csv read (decoded text).
    pub attendance_bytes: u64,
    /// Employees in employees.csv.
    pub employees: usize,
    /// What the attendance rows cover (every date), when attendance was read.
    pub attendance_span: Option<kpi::AttendanceSpan>,
    /// How the attendance rows were streamed: as they were, or through the
    /// external sort ([`order::stream_any_order`]).
    pub attendance_order: order::Streamed,
}

pub(crate) fn kpi_error(e: KpiError) -> IngestError {
    IngestError::file(
        "settings",
        format!("計算できません（{e}）"),
        format!("cannot compute ({e})"),
    )
}

/// Streams every row of `reader` into `builder`. A row that goes back in
/// time for its employee is an error naming its line.
pub fn stream_attendance(
    reader: &mut AttendanceReader,
    builder: &mut ReportBuilder,
) -> Result<u64, IngestError> {
    builder.mark_attendance_present();
    let mut row = AttendanceDay::new(String::with_capacity(32), jiff::civil::date(2000, 1, 1));
    let mut rows = 0u64;
    while reader.read_row(&mut row)? {
        rows += 1;
        if let Err(e) = builder.push_attendance(&row) {
            return Err(match e {
                KpiError::OutOfOrder {
                    employee_id,
                    date,
                    previous,
                } => reader.date_error(
                    format!(
                        "社員 {employee_id} の {date} の行が、前の行の {previous} より前の日付です。attendance.csv は社員ごとに日付順に並べてください（社員番号順・日付順の並びなら問題ありません）"
                    ),
                    format!(
                        "the row of {employee_id} for {date} comes after their row for {previous}; each employee's rows must be in date order (sort by employee, then date)"
                    ),
                ),
                other => kpi_error(other),
            });
        }
    }
    Ok(rows)
}

/// Refuses attendance with no row in fiscal year `fy`, naming the fiscal
/// years its rows do cover: figures of a year without data would read as
/// "nobody worked overtime".
pub fn require_rows_in_year(
    span: &kpi::AttendanceSpan,
    settings: &Settings,
    fy: i16,
) -> Result<(), IngestError> {
    let years = span.fiscal_years(settings);
    if years.iter().any(|&(y, _)| y == fy) {
        return Ok(());
    }
    let (ja, en) = if years.is_empty() {
        (
            format!("{fy}年度の行がありません（ファイルに勤怠の行が一つもありません）"),
            format!("has no row in FY{fy} (the file has no attendance rows at all)"),
        )
    } else {
        let list_ja = years
            .iter()
            .map(|(y, _)| format!("{y}年度"))
            .collect::<Vec<_>>()
            .join("、");
        let list_en = years
            .iter()
            .map(|(y, _)| format!("FY{y}"))
            .collect::<Vec<_>>()
            .join(", ");
        (
            format!(
                "{fy}年度の行がありません。行があるのは {list_ja} です。年度を確かめてください"
            ),
            format!("has no row in FY{fy}; its rows cover {list_en}. Check the fiscal year"),
        )
    };
    Err(IngestError::file(ATTENDANCE_CSV, ja, en))
}

/// Computes the report of fiscal year `fy` from the canonical files in
/// `dir` (any subset; a section whose files are absent is `null`).
pub fn compute(dir: &Path, fy: i16, settings: Settings) -> Result<FiscalYearReport, IngestError> {
    compute_with_stats(dir, fy, settings).map(|(r, _)| r)
}

/// [`compute`], also returning what was read.
pub fn compute_with_stats(
    dir: &Path,
    fy: i16,
    settings: Settings,
) -> Result<(FiscalYearReport, IngestStats), IngestError> {
    let dir_name = dir.display().to_string();
    if !dir.is_dir() {
        return Err(IngestError::file(
            dir_name,
            "フォルダが見つかりません".to_string(),
            "is not a folder".to_string(),
        ));
    }
    let present = |name: &str| {
        let p = dir.join(name);
        p.is_file().then_some(p)
    };
    let (emp, att, fam, lv) = (
        present(EMPLOYEES_CSV),
        present(ATTENDANCE_CSV),
        present(FAMILY_EVENTS_CSV),
        present(LEAVES_CSV),
    );
    if emp.is_none() && att.is_none() && fam.is_none() && lv.is_none() {
        return Err(IngestError::file(
            dir_name,
            format!(
                "{EMPLOYEES_CSV}, {ATTENDANCE_CSV}, {FAMILY_EVENTS_CSV}, {LEAVES_CSV} のどれもありません"
            ),
            format!(
                "has none of {EMPLOYEES_CSV}, {ATTENDANCE_CSV}, {FAMILY_EVENTS_CSV}, {LEAVES_CSV}"
            ),
        ));
    }
    compute_inner(
        att.as_deref(),
        emp.as_deref(),
        fam.as_deref(),
        lv.as_deref(),
        fy,
        settings,
        None,
    )
}

/// Like [`compute_with_stats`], but from files named one by one, reading
/// attendance (and employees when the profile maps them) through
/// `profile`. Family events and leaves are canonical files. At least one
/// file must be given.
pub fn compute_files_with_profile(
    attendance: Option<&Path>,
    employees: Option<&Path>,
    family_events: Option<&Path>,
    leaves: Option<&Path>,
    fy: i16,
    settings: Settings,
    profile: &Profile,
) -> Result<(FiscalYearReport, IngestStats), IngestError> {
    if attendance.is_none() && employees.is_none() && family_events.is_none() && leaves.is_none() {
        return Err(IngestError::file(
            "kpi",
            "ファイルが一つも指定されていません".to_string(),
            "no file was given".to_string(),
        ));
    }
    compute_inner(
        attendance,
        employees,
        family_events,
        leaves,
        fy,
        settings,
        Some(profile),
    )
}

fn compute_inner(
    att: Option<&Path>,
    emp: Option<&Path>,
    fam: Option<&Path>,
    lv: Option<&Path>,
    fy: i16,
    settings: Settings,
    profile: Option<&Profile>,
) -> Result<(FiscalYearReport, IngestStats), IngestError> {
    let employees = match (emp, profile) {
        (None, _) => None,
        (Some(p), None) => Some(load_employees(p)?),
        (Some(p), Some(profile)) => Some(load_employees_with_profile(p, profile)?),
    };
    let family_events = fam.map(load_family_events).transpose()?;
    let leaves = lv.map(load_leaves).transpose()?;
    compute_loaded(
        att,
        employees,
        family_events.as_deref(),
        leaves.as_deref(),
        fy,
        settings,
        profile,
    )
}

/// The report from the small files already read and attendance streamed
/// from `att`.
pub(crate) fn compute_loaded(
    att: Option<&Path>,
    employees: Option<Vec<Employee>>,
    family_events: Option<&[FamilyEvent]>,
    leaves: Option<&[Leave]>,
    fy: i16,
    settings: Settings,
    profile: Option<&Profile>,
) -> Result<(FiscalYearReport, IngestStats), IngestError> {
    let mut stats = IngestStats::default();
    if let Some(e) = &employees {
        stats.employees = e.len();
    }
    let builder = match att {
        None => ReportBuilder::new(settings, fy, employees).map_err(kpi_error)?,
        Some(path) => {
            let open = || match profile {
                None => AttendanceReader::open(path),
                Some(p) => AttendanceReader::open_with_profile(path, p),
            };
            let new_builder =
                || ReportBuilder::new(settings.clone(), fy, employees.clone()).map_err(kpi_error);
            let (builder, streamed) =
                order::stream_any_order(open, new_builder, &order::SortOptions::default())?;
            stats.attendance_rows = streamed.rows;
            stats.attendance_order = streamed;
            stats.attendance_bytes = streamed.bytes;
            stats.attendance_encoding = streamed.encoding;
            stats.attendance_span = Some(builder.span().clone());
            builder
        }
    };
    let report = builder.finish(family_events, leaves);
    Ok((report, stats))
}
