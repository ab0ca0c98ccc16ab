//! The fiscal-year report: every KPI for one 事業年度, in the JSON shape of
//! `erabareru kpi --format json`.

use std::collections::HashSet;

use jiff::civil::Date;
use serde::Serialize;

use crate::KpiError;
use crate::calendar::{YearMonth, add_months_clamped, month_end};
use crate::certification_figures::{CertificationFigures, FiguresParts, FiguresTracker, build};
use crate::childcare::{ChildcareSection, childcare_rates};
use crate::coverage::{AttendanceSpan, Coverage};
use crate::hours::{HoursTracker, HoursWorkedSection};
use crate::overtime::{EmployeeOvertime, OvertimeAccumulator, check_employee, sort_attendance};
use crate::paid_leave::{PaidLeaveSection, PaidLeaveTracker};
use crate::records::{AttendanceDay, Employee, FamilyEvent, Leave};
use crate::rounding::{OneDecimal, half_up_one_decimal};
use crate::settings::Settings;
use crate::workforce::{WorkforceSection, workforce};

/// A closed range of dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    /// First day.
    pub from: Date,
    /// Last day.
    pub to: Date,
}

impl Period {
    /// Whether `date` is in the period.
    pub fn contains(&self, date: Date) -> bool {
        self.from <= date && date <= self.to
    }
}

/// The 事業年度 `fiscal_year`: from the 1st of the start month to the last
/// day of the twelfth month (`2026` with April start = 2026-04-01 ..
/// 2027-03-31).
pub fn fiscal_period(settings: &Settings, fiscal_year: i16) -> Result<Period, KpiError> {
    let out_of_range = || KpiError::DateOutOfRange(format!("fiscal year {fiscal_year}"));
    let first = YearMonth::new(i32::from(fiscal_year), settings.fiscal_year_start_month)
        .ok_or_else(out_of_range)?;
    let from =
        Date::new(fiscal_year, settings.fiscal_year_start_month, 1).map_err(|_| out_of_range())?;
    let last = first.plus(11);
    let to = i16::try_from(last.year())
        .ok()
        .and_then(|y| month_end(y, last.month()))
        .ok_or_else(out_of_range)?;
    Ok(Period { from, to })
}

/// The 36協定 agreement year: from the 起算日 (the start month's
/// `agreement_start_day`) to the day before it a year later. Equal to the
/// fiscal period with the default start day 1.
pub fn agreement_period(settings: &Settings, fiscal_year: i16) -> Result<Period, KpiError> {
    let out_of_range = || KpiError::DateOutOfRange(format!("fiscal year {fiscal_year}"));
    let from = Date::new(
        fiscal_year,
        settings.fiscal_year_start_month,
        settings.agreement_start_day,
    )
    .map_err(|_| out_of_range())?;
    let to = add_months_clamped(from, 12)
        .and_then(|(d, _)| d.yesterday().ok())
        .ok_or_else(out_of_range)?;
    Ok(Period { from, to })
}

/// Raw figures behind the 女活DB average monthly overtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AverageOvertime {
    /// Legal overtime + legal-holiday work in the year of the covered
    /// employees, in minutes.
    pub total_minutes: u64,
    /// Covered employees: rows in the year, not `deemed_hours`.
    pub employees: u64,
    /// Employees with rows in the year left out as `deemed_hours`.
    pub excluded_deemed_hours: u64,
}

/// 労働者の一月当たり平均残業時間: total minutes ÷ 60 ÷ 12 ÷ employees, one
/// decimal, half up; `None` without employees.
pub fn average_monthly_overtime_hours(total_minutes: u64, employees: u64) -> Option<OneDecimal> {
    half_up_one_decimal(total_minutes, employees.saturating_mul(60 * 12))
}

/// The `overtime` section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OvertimeSection {
    /// Every employee with attendance rows in the year, sorted by id.
    pub employees: Vec<EmployeeOvertime>,
    /// The 女活DB figure (see [`average_monthly_overtime_hours`]).
    pub average_monthly_overtime_hours: Option<OneDecimal>,
    /// Its numerator and denominator.
    pub average_monthly_overtime: AverageOvertime,
    /// The agreement year the months belong to.
    pub agreement_period: Period,
}

/// Everything for one fiscal year. A section whose inputs are absent is
/// `None` (JSON `null`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FiscalYearReport {
    /// The year the 事業年度 starts in.
    pub fiscal_year: i16,
    /// The 事業年度.
    pub period: Period,
    /// Needs attendance.
    pub overtime: Option<OvertimeSection>,
    /// Needs employees.
    pub paid_leave: Option<PaidLeaveSection>,
    /// Needs employees and family events or leaves.
    pub childcare_leave: Option<ChildcareSection>,
    /// 女活DB roster items; needs employees.
    pub workforce: Option<WorkforceSection>,
    /// 総実労働時間 of the year, when there is attendance.
    pub hours_worked: Option<HoursWorkedSection>,
    /// The figures the certification criteria take (くるみん, えるぼし,
    /// ユースエール); needs employees, and its parts from attendance or
    /// childcare data are `None` without those.
    pub certification: Option<CertificationFigures>,
    /// The settings used, so every figure can be traced to its choices.
    pub settings: Settings,
    /// What the attendance rows cover of the year; needs attendance.
    pub coverage: Option<Coverage>,
}

/// Builds a [`FiscalYearReport`] in one streaming pass over attendance.
///
/// ```
/// use jiff::civil::date;
/// use kpi::{AttendanceDay, ReportBuilder, Settings, Work};
///
/// let mut b = ReportBuilder::new(Settings::default(), 2026, None).unwrap();
/// let mut row = AttendanceDay::new("E001", date(2026, 4, 1));
/// row.work = Work::Clock { start_minute: 9 * 60, end_minute: 19 * 60, break_minutes: 60 };
/// b.push_attendance(&row).unwrap(); // 9 h worked: 60 min over 8 h
/// let report = b.finish(None, None);
/// let ot = report.overtime.unwrap();
/// assert_eq!(ot.employees[0].annual_legal_overtime_minutes, 60);
/// ```
#[derive(Debug)]
pub struct ReportBuilder {
    settings: Settings,
    fiscal_year: i16,
    period: Period,
    agreement: Period,
    first_month: YearMonth,
    overtime: OvertimeAccumulator,
    paid_leave: Option<PaidLeaveTracker>,
    figures: Option<FiguresTracker>,
    employees: Option<Vec<Employee>>,
    hours: HoursTracker,
    attendance_present: bool,
    span: AttendanceSpan,
}

impl ReportBuilder {
    /// A builder for `fiscal_year`; `employees` is `None` when there is no
    /// roster (employees.csv absent).
    pub fn new(
        settings: Settings,
        fiscal_year: i16,
        employees: Option<Vec<Employee>>,
    ) -> Result<ReportBuilder, KpiError> {
        settings.validate()?;
        let period = fiscal_period(&settings, fiscal_year)?;
        let agreement = agreement_period(&settings, fiscal_year)?;
        let first_month = YearMonth::of_agreement(agreement.from, settings.agreement_start_day);
        // Keep the five months before the year too: a 6-month window ending in
        // the year's first month reaches back that far.
        let overtime = OvertimeAccumulator::with_month_range(
            &settings,
            first_month.plus(-5),
            first_month.plus(11),
        );
        let paid_leave = employees
            .as_deref()
            .map(|e| PaidLeaveTracker::new(e, period.from, period.to));
        let figures = employees
            .as_deref()
            .map(|e| FiguresTracker::new(e, &settings, first_month));
        Ok(ReportBuilder {
            settings,
            fiscal_year,
            period,
            agreement,
            first_month,
            overtime,
            paid_leave,
            figures,
            employees,
            hours: HoursTracker::new(period.from, period.to),
            attendance_present: false,
            span: AttendanceSpan::new(),
        })
    }

    /// The 事業年度.
    pub fn period(&self) -> Period {
        self.period
    }

    /// Declares that attendance data exists even if it has no rows (an
    /// empty attendance.csv gives an empty overtime section, not `null`).
    pub fn mark_attendance_present(&mut self) {
        self.attendance_present = true;
    }

    /// Feeds one attendance row; each employee's rows must be in date order
    /// (use [`sort_attendance`] first otherwise).
    pub fn push_attendance(&mut self, row: &AttendanceDay) -> Result<(), KpiError> {
        self.attendance_present = true;
        let day = self.overtime.push(row)?;
        self.span.record(row);
        self.hours.record(row);
        if let Some(f) = &mut self.figures {
            f.record(row, &day);
        }
        if let Some(p) = &mut self.paid_leave {
            p.record(row);
        }
        Ok(())
    }

    /// Rows fed so far.
    pub fn rows(&self) -> u64 {
        self.overtime.rows()
    }

    /// What the rows fed so far cover (every date, not only the year's).
    pub fn span(&self) -> &AttendanceSpan {
        &self.span
    }

    /// The report. `family_events` / `leaves` are `None` when their files
    /// are absent.
    pub fn finish(
        self,
        family_events: Option<&[FamilyEvent]>,
        leaves: Option<&[Leave]>,
    ) -> FiscalYearReport {
        let overtime = if self.attendance_present {
            let deemed: HashSet<&str> = self
                .employees
                .iter()
                .flatten()
                .filter(|e| e.deemed_hours)
                .map(|e| e.employee_id.as_str())
                .collect();
            let mut employees = Vec::new();
            let mut avg = AverageOvertime {
                total_minutes: 0,
                employees: 0,
                excluded_deemed_hours: 0,
            };
            for em in self.overtime.finish() {
                let Some(result) = check_employee(
                    &em.employee_id,
                    &em.months,
                    self.first_month,
                    &self.settings,
                ) else {
                    continue;
                };
                if deemed.contains(result.employee_id.as_str()) {
                    avg.excluded_deemed_hours += 1;
                } else {
                    avg.employees += 1;
                    avg.total_minutes +=
                        result.annual_legal_overtime_minutes + result.annual_legal_holiday_minutes;
                }
                employees.push(result);
            }
            Some(OvertimeSection {
                employees,
                average_monthly_overtime_hours: average_monthly_overtime_hours(
                    avg.total_minutes,
                    avg.employees,
                ),
                average_monthly_overtime: avg,
                agreement_period: self.agreement,
            })
        } else {
            None
        };
        let hours_worked = self.attendance_present.then(|| self.hours.finish());
        let coverage = self
            .attendance_present
            .then(|| self.span.coverage(self.period));
        let paid_leave = self.paid_leave.map(PaidLeaveTracker::finish);
        let roster = self.employees.as_deref();
        let childcare_leave = match roster {
            Some(emps) if family_events.is_some() || leaves.is_some() => Some(childcare_rates(
                emps,
                family_events.unwrap_or(&[]),
                leaves.unwrap_or(&[]),
                self.period.from,
                self.period.to,
            )),
            _ => None,
        };
        let workforce = roster.map(|e| workforce(e, self.period.from, self.period.to));
        let certification = match (roster, self.figures, &workforce) {
            (Some(roster), Some(tracker), Some(w)) => Some(build(FiguresParts {
                fiscal_year: self.fiscal_year,
                settings: &self.settings,
                period: self.period,
                first_month: self.first_month,
                roster,
                tracker,
                overtime: overtime.as_ref(),
                paid_leave: paid_leave.as_ref(),
                workforce: w,
                childcare: childcare_leave
                    .as_ref()
                    .map(|c| (c, family_events.unwrap_or(&[]), leaves.unwrap_or(&[]))),
            })),
            _ => None,
        };
        FiscalYearReport {
            fiscal_year: self.fiscal_year,
            period: self.period,
            overtime,
            paid_leave,
            childcare_leave,
            workforce,
            hours_worked,
            certification,
            settings: self.settings,
            coverage,
        }
    }
}

/// All inputs in memory; `None` for an absent file.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// employees.csv.
    pub employees: Option<Vec<Employee>>,
    /// attendance.csv, in any order.
    pub attendance: Option<Vec<AttendanceDay>>,
    /// family_events.csv.
    pub family_events: Option<Vec<FamilyEvent>>,
    /// leaves.csv.
    pub leaves: Option<Vec<Leave>>,
}

/// The report from in-memory inputs (sorts attendance per employee, then
/// streams it through [`ReportBuilder`]).
pub fn fiscal_year_report(
    settings: Settings,
    fiscal_year: i16,
    inputs: Inputs,
) -> Result<FiscalYearReport, KpiError> {
    let mut builder = ReportBuilder::new(settings, fiscal_year, inputs.employees)?;
    if let Some(mut rows) = inputs.attendance {
        builder.mark_attendance_present();
        sort_attendance(&mut rows);
        for row in &rows {
            builder.push_attendance(row)?;
        }
    }
    Ok(builder.finish(inputs.family_events.as_deref(), inputs.leaves.as_deref()))
}
