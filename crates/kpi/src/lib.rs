//! Workplace KPIs of erabareru, computed exactly as Japanese labor law and
//! MHLW define them (see `shared/LABOR_RULES.md` §1–4). Pure functions: no
//! I/O, no async, no database.
//!
//! # Inputs
//!
//! The canonical records of [`records`] — [`Employee`] (employees.csv),
//! [`AttendanceDay`] (attendance.csv), [`FamilyEvent`] (family_events.csv),
//! [`Leave`] (leaves.csv) — already parsed and validated by the ingest layer,
//! and [`Settings`] (the law's open choices; `Settings::default()` is
//! erabareru's default).
//!
//! # One call for the whole report
//!
//! - Streaming (any number of attendance rows, memory bounded by employees ×
//!   months): [`ReportBuilder::new`] with the roster, then
//!   [`ReportBuilder::push_attendance`] for every row (each employee's rows in
//!   date order; rows of different employees may interleave), then
//!   [`ReportBuilder::finish`] with the family events and leaves. The result,
//!   [`FiscalYearReport`], serializes (serde) to the JSON of
//!   `erabareru kpi --format json`.
//! - In memory: [`fiscal_year_report`] with [`Inputs`] (sorts attendance
//!   first).
//!
//! # The rules one by one
//!
//! - Legal overtime (時間外労働, §1): [`OvertimeAccumulator`] (streaming,
//!   per-row [`DayOvertime`]), [`sort_attendance`], [`monthly_overtime`].
//! - 36協定 limits: [`check_employee`] -> [`EmployeeOvertime`] with
//!   [`Violation`]s ([`Rule`]).
//! - Paid leave (年次有給休暇, §2): [`grant_days`], [`grant_date`],
//!   [`deadline`], [`grants_between`], [`duty_status`], and the streaming
//!   [`PaidLeaveTracker`] -> [`PaidLeaveSection`] (utilization rate).
//! - Childcare-leave rates (育児休業等取得率, §3): [`childcare_rates`] ->
//!   [`ChildcareSection`].
//! - 女活DB roster items (§4): [`workforce()`] -> [`WorkforceSection`];
//!   [`average_monthly_overtime_hours`].
//! - Certification readiness (くるみん, えるぼし, ユースエール, §5–6):
//!   [`assess`] with a [`CertificationInput`] -> [`MarkResult`]s of
//!   [`Criterion`]s, each with a structured [`Gap`]. The figures it takes
//!   come from the same streaming pass ([`FiscalYearReport::certification`],
//!   a [`CertificationFigures`]; earlier years' childcare counts from
//!   [`childcare_counts`]) and [`assemble`] joins them with the employer's
//!   [`extras`], the yes/no [`Facts`] ([`Facts::IDS`], [`fact_label_ja`])
//!   and the industry averages into a [`CertificationInput`].
//! - What the data covers: [`AttendanceSpan`] (first and last date, months
//!   with rows, fiscal years) -> [`Coverage`], the report's `coverage`.
//! - Rounding with integers: [`half_up_one_decimal`],
//!   [`percent_half_up_one_decimal`], [`percent_truncated`]; values keep
//!   their raw numerators and denominators beside the rounded figure.

pub mod calendar;
pub mod caregiving;
pub mod catalog;
pub mod certification;
pub mod certification_figures;
pub mod childcare;
pub mod coverage;
pub mod daily;
pub mod engagement;
pub mod extras;
pub mod hours;
pub mod overtime;
pub mod paid_leave;
pub mod program;
pub mod records;
pub mod report;
pub mod rounding;
pub mod settings;
pub mod women_db;
pub mod workforce;

#[cfg(test)]
mod tests;

use std::fmt;

use jiff::civil::Date;

pub use calendar::YearMonth;
pub use certification::{
    AssembleArgs, BirthCounts, CategoryMonths, CertificationInput, CriteriaVersion, Criterion,
    FactGroup, FactLabel, Facts, Gap, MaleCounts, MaleThreshold, Mark, MarkResult, MonthHours,
    NewGraduates, PaidLeaveFigures, Part, Promotions, RateMethod, Recruitment, Retention,
    ServiceByGender, Share, UnknownFact, Value, WorkerOvertime, YearInput, YearMinutes,
    additional_takers_needed, assemble, assess, eruboshi_stage, fact_label_en, fact_label_ja,
    male_threshold,
};
pub use certification_figures::{CertificationFigures, YearChildcare, childcare_counts};
pub use childcare::{
    ChildcareSection, FemaleChildcare, MaleChildcare, childcare_rates, school_entry_date,
};
pub use coverage::{AttendanceSpan, Coverage};
pub use hours::{HoursTracker, HoursWorkedSection, yen_per_hour};
pub use overtime::{
    DayOvertime, EmployeeMonths, EmployeeOvertime, MonthTotals, OvertimeAccumulator, Rule,
    Violation, check_employee, monthly_overtime, sort_attendance,
};
pub use paid_leave::{
    DutyStatus, EmployeePaidLeave, Grant, GrantResult, PAID_LEAVE_UTILIZATION, PaidLeaveSection,
    PaidLeaveTracker, YOUTH_YELL_PAID_LEAVE, YearTotals, deadline, duty_status, grant_date,
    grant_days, grants_between, holds_leave_between, is_proportional, utilization_percent,
    year_totals,
};
pub use records::{
    AttendanceDay, DayType, Employee, EmploymentType, FamilyEvent, FamilyEventKind, Gender, Leave,
    LeaveKind, Position, Work,
};
pub use report::{
    AverageOvertime, FiscalYearReport, Inputs, OvertimeSection, Period, ReportBuilder,
    agreement_period, average_monthly_overtime_hours, fiscal_period, fiscal_year_report,
};
pub use rounding::{
    HalfDays, OneDecimal, half_up_one_decimal, percent_half_up_one_decimal, percent_truncated,
};
pub use settings::{Settings, WeekStart};
pub use workforce::{ServiceYears, Turnover, WomenShare, WorkforceSection, turnover, workforce};

/// The smallest group whose figures may be shown: a rate, average or answer over
/// fewer people than this is never published, so that no one in it can be
/// recognised (DESIGN: "results of a group smaller than the anonymity threshold
/// (default 5) are not shown").
pub const ANONYMITY_THRESHOLD: u64 = 5;

/// Whether a group of `people` is too small to show figures about it.
pub fn is_too_small_to_show(people: u64) -> bool {
    people < ANONYMITY_THRESHOLD
}

/// Why a computation could not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KpiError {
    /// An employee's attendance rows went back in time: the streaming pass
    /// needs each employee's rows in date order.
    OutOfOrder {
        /// The employee.
        employee_id: String,
        /// The row's date.
        date: Date,
        /// The date of the employee's previous row.
        previous: Date,
    },
    /// A setting is out of range.
    InvalidSettings(String),
    /// A date computed from the inputs is outside the supported range.
    DateOutOfRange(String),
}

impl fmt::Display for KpiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KpiError::OutOfOrder {
                employee_id,
                date,
                previous,
            } => write!(
                f,
                "attendance of {employee_id} is not in date order: {date} comes after {previous}"
            ),
            KpiError::InvalidSettings(msg) => write!(f, "invalid settings: {msg}"),
            KpiError::DateOutOfRange(msg) => write!(f, "date out of range: {msg}"),
        }
    }
}

impl std::error::Error for KpiError {}
