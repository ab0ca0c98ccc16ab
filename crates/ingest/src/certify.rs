//! Certification readiness from a folder: the fiscal-year report (streamed
//! as for `erabareru kpi`), the childcare counts of the earlier years the
//! criteria look at, the extras files, the industry averages and the facts,
//! put together by [`kpi::assemble`] and judged by [`kpi::assess`].

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use kpi::{
    AssembleArgs, CertificationFigures, CertificationInput, Employee, Facts, FamilyEvent, Leave,
    MarkResult, Settings, YearChildcare,
};

use crate::error::IngestError;
use crate::extras::{
    FACTS_CSV, INDUSTRY_AVERAGES_CSV, load_extras, load_facts, load_industry_averages,
    pick_industry_averages,
};
use crate::files::{
    ATTENDANCE_CSV, EMPLOYEES_CSV, FAMILY_EVENTS_CSV, LEAVES_CSV, load_employees,
    load_employees_with_profile, load_family_events, load_leaves,
};
use crate::profile::Profile;
use crate::{compute_loaded, kpi_error};

/// Fiscal years before the base year whose figures the "3-year" criteria
/// use (えるぼし, ユースエール): the base year and the two before it.
const EARLIER_YEARS: i16 = 2;

/// The choices of a certification run besides the folder and the year.
#[derive(Debug, Clone)]
pub struct CertifyOptions {
    /// First fiscal year of the 次世代法 plan period (くるみん leave rates are
    /// measured over it and the years up to the base year); `None`: the base
    /// year alone.
    pub plan_first_fiscal_year: Option<i16>,
    /// The application date, which decides the くるみん criteria versions.
    pub application_date: Date,
    /// The industry of industry_averages.csv to compare with (大分類 letter
    /// or name); needed only when the file holds several.
    pub industry: Option<String>,
    /// Read attendance.csv (and employees.csv) through this mapping
    /// profile; `None`: canonical files.
    pub profile: Option<Profile>,
    /// An attendance file to use instead of the folder's attendance.csv.
    pub attendance: Option<PathBuf>,
    /// An employees file to use instead of the folder's employees.csv.
    pub employees: Option<PathBuf>,
}

impl CertifyOptions {
    /// Options for an application on `application_date`, nothing else set.
    pub fn new(application_date: Date) -> CertifyOptions {
        CertifyOptions {
            plan_first_fiscal_year: None,
            application_date,
            industry: None,
            profile: None,
            attendance: None,
            employees: None,
        }
    }
}

/// Judges the certifications for fiscal year `fy` from the files in `dir`:
/// the canonical four (any subset) for the figures erabareru computes,
/// recruitment.csv / wages.csv / career.csv, industry_averages.csv and
/// facts.csv for the rest (each optional: what is missing leaves its
/// criteria 「判定できません」). Returns the assembled input and one
/// [`MarkResult`] per mark and applicable criteria version.
pub fn certify(
    dir: &Path,
    fy: i16,
    settings: Settings,
    opts: &CertifyOptions,
) -> Result<(CertificationInput, Vec<MarkResult>), IngestError> {
    let dir_name = dir.display().to_string();
    if !dir.is_dir() {
        return Err(IngestError::file(
            dir_name,
            "フォルダが見つかりません".to_string(),
            "is not a folder".to_string(),
        ));
    }
    if let Some(first) = opts.plan_first_fiscal_year
        && first > fy
    {
        return Err(IngestError::file(
            "certify",
            format!("行動計画の初年度 {first} が対象年度 {fy} より後です"),
            format!("the plan's first fiscal year {first} is after the fiscal year {fy}"),
        ));
    }
    let present = |name: &str| {
        let p = dir.join(name);
        p.is_file().then_some(p)
    };
    let att = opts.attendance.clone().or_else(|| present(ATTENDANCE_CSV));
    let emp = opts.employees.clone().or_else(|| present(EMPLOYEES_CSV));
    let fam = present(FAMILY_EVENTS_CSV);
    let lv = present(LEAVES_CSV);

    let employees: Option<Vec<Employee>> = match (&emp, &opts.profile) {
        (None, _) => None,
        (Some(p), None) => Some(load_employees(p)?),
        (Some(p), Some(profile)) => Some(load_employees_with_profile(p, profile)?),
    };
    let family_events: Option<Vec<FamilyEvent>> =
        fam.as_deref().map(load_family_events).transpose()?;
    let leaves: Option<Vec<Leave>> = lv.as_deref().map(load_leaves).transpose()?;
    // Every input file is read before anything is computed from the extras,
    // so a bad file anywhere stops the run the same way.
    let extras = load_extras(dir)?;
    let industry_rows = present(INDUSTRY_AVERAGES_CSV)
        .map(|p| load_industry_averages(&p))
        .transpose()?;
    let industry = match (&industry_rows, &opts.industry) {
        (Some(rows), wanted) => {
            pick_industry_averages(INDUSTRY_AVERAGES_CSV, rows, fy, wanted.as_deref())?
        }
        (None, Some(wanted)) => {
            return Err(IngestError::file(
                dir_name,
                format!("産業 {wanted} が指定されましたが、{INDUSTRY_AVERAGES_CSV} がありません"),
                format!("the industry {wanted} was given but there is no {INDUSTRY_AVERAGES_CSV}"),
            ));
        }
        (None, None) => None,
    };
    let facts: Facts = match present(FACTS_CSV) {
        Some(p) => load_facts(&p)?,
        None => Facts::default(),
    };

    let (report, _) = compute_loaded(
        att.as_deref(),
        employees.clone(),
        family_events.as_deref(),
        leaves.as_deref(),
        fy,
        settings.clone(),
        opts.profile.as_ref(),
    )?;
    // Without a roster the report has no figures: everything computed from
    // the data is unknown, the extras and facts still count.
    let base = report
        .certification
        .unwrap_or_else(|| CertificationFigures::unknown(fy, settings.kurumin_age_band));

    // Childcare counts of the plan period and the two years before `fy`,
    // from the same roster, births and leaves (when they are given).
    let mut earlier: Vec<(i16, YearChildcare)> = Vec::new();
    if let Some(emps) = &employees
        && (family_events.is_some() || leaves.is_some())
    {
        let first = opts
            .plan_first_fiscal_year
            .unwrap_or(fy)
            .min(fy.saturating_sub(EARLIER_YEARS));
        for year in first..fy {
            let period = kpi::fiscal_period(&settings, year).map_err(kpi_error)?;
            let counts = kpi::childcare_counts(
                emps,
                family_events.as_deref().unwrap_or(&[]),
                leaves.as_deref().unwrap_or(&[]),
                period.from,
                period.to,
            );
            earlier.push((year, counts));
        }
    }

    let input = kpi::assemble(&AssembleArgs {
        base: &base,
        earlier_childcare: &earlier,
        extras: &extras,
        facts,
        industry: industry.as_ref(),
        plan_first_fiscal_year: opts.plan_first_fiscal_year,
        fiscal_year_start_month: settings.fiscal_year_start_month,
    });
    let marks = kpi::assess(&input, opts.application_date);
    Ok((input, marks))
}
