//! 年次有給休暇 (労働基準法 第39条): grants, the 5-day duty and the
//! utilization rate.
//!
//! # Figures computed here (ids for the figure catalog)
//!
//! Both figures count, over one fiscal year, the days *taken in the year*
//! (whatever grant they come out of, carry-over included) and the days
//! *granted with a 基準日 in the year* (carry-over excluded), through one
//! function, [`year_totals`]; they differ only in population and display:
//!
//! - [`PAID_LEAVE_UTILIZATION`]: every roster employee (LABOR_RULES §2).
//! - [`YOUTH_YELL_PAID_LEAVE`]: 正社員 only, plus the average days per
//!   正社員 who held leave in the year (ユースエール 認定基準).
//!
//! Leave taken before the year's 基準日 (out of the previous grant) counts
//! in the year it is taken in both figures: a per-grant count (the 5-day
//! duty's) would lose it.

use std::collections::HashMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::calendar::add_months_clamped;
use crate::records::{AttendanceDay, Employee};
use crate::rounding::{HalfDays, OneDecimal, percent_half_up_one_decimal};

/// Days granted to a full-time worker by years of service 0.5, 1.5, … 6.5+.
pub const FULL_TIME_DAYS: [u8; 7] = [10, 11, 12, 14, 16, 18, 20];

/// 比例付与 days, row `i` for `i + 1` days a week (1–4), columns by years of
/// service 0.5, 1.5, … 6.5+. Hard-coded from MHLW's table (the ÷ 5.2
/// formula's rounding is not confirmed).
pub const PROPORTIONAL_DAYS: [[u8; 7]; 4] = [
    [1, 2, 2, 2, 3, 3, 3],
    [3, 4, 4, 5, 6, 6, 7],
    [5, 6, 6, 8, 9, 10, 11],
    [7, 8, 9, 10, 12, 13, 15],
];

/// Figure id of 年次有給休暇取得率 (LABOR_RULES §2, the 就労条件総合調査 and
/// 女活DB definition).
///
/// - Definition: days taken in the fiscal year ÷ days granted with a 基準日
///   in the fiscal year × 100. Taken includes days out of carry-over and
///   leave taken before the year's 基準日; granted excludes carry-over, so
///   the rate can exceed 100 %. 時間単位年休 is in neither (its minutes are
///   reported apart: converting needs each worker's 所定労働時間 per day).
/// - Population: every employee of the roster (any employment type);
///   attendance rows of ids not in the roster are not counted.
/// - Period: the fiscal year (`Settings::fiscal_year_start_month`).
/// - Rounding: one decimal, half up; no value when nothing was granted.
/// - Computed by [`PaidLeaveSection::utilization_rate_percent`] through
///   [`year_totals`] and [`utilization_percent`].
pub const PAID_LEAVE_UTILIZATION: &str = "paid_leave_utilization";

/// Figure id of ユースエール's 正社員の有給休暇 (取得率 and 平均取得日数),
/// `CertificationFigures::paid_leave`.
///
/// - Definition (認定基準 [O]: 前事業年度の正社員の有給休暇の年間付与日数に
///   対する取得率が平均70%以上、又は年間取得日数が平均10日以上;
///   jsite.mhlw.go.jp/okayama-roudoukyoku/newpage_00367.html): the rate is
///   the same quotient as [`PAID_LEAVE_UTILIZATION`] — days taken in the
///   事業年度 ÷ days granted with a 基準日 in it — restricted to 正社員; the
///   average is the days taken in the 事業年度 ÷ the 正社員 counted (MHLW,
///   青少年雇用情報シートの書き方のポイント: 労働者ごとの年次有給休暇の取得
///   日数の合計 ÷ 労働者数, where 有給休暇が付与されていない者 may be left
///   out).
/// - Population: `employment_type` regular. The average's denominator is
///   the 正社員 who held usable leave on some day of the year while employed
///   (a 基準日 less than two years before that day, 第115条) or took some in
///   it; 正社員 hired too late for a first 基準日 are left out.
/// - Period: the base 事業年度.
/// - Rounding: shown rounded down to one decimal (the criterion's "≥"
///   side; see `kpi::certification`), judged on the exact counts. This is
///   the one difference from the KPI page (half up) besides the population:
///   with only 正社員 in the roster a 69.96 % shows 70.0 % there and 69.9 %
///   (not met) here.
/// - Not modelled: 有給休暇に準ずる休暇 (up to 5 days a worker may be added,
///   認定基準 since 2017-04) — the data has no such column, so the figure
///   can only be lower than the employer's own.
pub const YOUTH_YELL_PAID_LEAVE: &str = "youth_yell_paid_leave";

/// Paid-leave days taken in a year and days granted with a 基準日 in it,
/// over some population: the raw numerator and denominator of both figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct YearTotals {
    /// Days taken in the year (half days), carry-over included.
    pub taken: HalfDays,
    /// Days granted with a 基準日 in the year (no carry-over).
    pub granted_days: u64,
    /// Employees whose counts were added.
    pub employees: u64,
}

/// Adds up the employees of `section` that `include` accepts (by id).
pub fn year_totals(section: &PaidLeaveSection, include: impl Fn(&str) -> bool) -> YearTotals {
    let mut t = YearTotals::default();
    for e in section.employees.iter().filter(|e| include(&e.employee_id)) {
        t.taken.0 += e.taken_in_year.0;
        t.granted_days += e.grants.iter().map(|g| u64::from(g.days)).sum::<u64>();
        t.employees += 1;
    }
    t
}

/// taken ÷ granted × 100, one decimal, half up; `None` without grants.
pub fn utilization_percent(totals: &YearTotals) -> Option<OneDecimal> {
    // days taken / days granted * 100 = half days * 50 / days granted.
    percent_half_up_one_decimal(totals.taken.0, totals.granted_days * 2)
}

/// Whether `employee` held usable leave on some day of `from ..= to` on
/// which they were employed: a grant of at least one day whose 基準日 is on
/// or before that day and less than two years before it (時効, 第115条).
pub fn holds_leave_between(employee: &Employee, from: Date, to: Date) -> bool {
    let first = employee.hire_date.max(from);
    let last = employee.leave_date.map_or(to, |l| l.min(to));
    if first > last {
        return false;
    }
    for k in 0u32.. {
        let Some(granted) = grant_date(employee.hire_date, k) else {
            return false;
        };
        if granted > last {
            return false;
        }
        // Usable through the day before the second anniversary.
        let expires = deadline(granted)
            .and_then(|d| d.tomorrow().ok())
            .and_then(deadline);
        if expires.is_some_and(|e| e >= first) && grant_days(employee, k) > 0 {
            return true;
        }
    }
    false
}

/// Grants of at least this many days carry the 5-day duty.
pub const OBLIGATION_MIN_DAYS: u8 = 10;
/// The duty: 5 days (10 half days) within a year of the 基準日.
pub const DUTY_HALF_DAYS: u64 = 10;

/// Whether 比例付与 applies: 週所定労働時間 < 30 h **and** (週所定労働日数 ≤ 4
/// **or** 年間所定労働日数 ≤ 216).
pub fn is_proportional(employee: &Employee) -> bool {
    employee.weekly_minutes < 30 * 60
        && (employee.weekly_days <= 4 || employee.annual_days.is_some_and(|d| d <= 216))
}

/// Days granted on the `service_index`-th 基準日 (0 = after 0.5 years,
/// 1 = 1.5 years, …; 6 and later = 6.5+ years). 0 for a worker below the
/// smallest 比例付与 row (< 1 day a week and < 48 days a year).
///
/// Uses the employee's current 所定労働日数 / 時間 for every 基準日: the
/// roster holds no history.
pub fn grant_days(employee: &Employee, service_index: u32) -> u8 {
    let col = service_index.min(6) as usize;
    if !is_proportional(employee) {
        return FULL_TIME_DAYS[col];
    }
    let per_week = if employee.weekly_days <= 4 {
        employee.weekly_days
    } else {
        // Days fixed per year: pick the row by the annual band.
        match employee.annual_days.unwrap_or(0) {
            169..=216 => 4,
            121..=168 => 3,
            73..=120 => 2,
            48..=72 => 1,
            _ => 0,
        }
    };
    match per_week {
        1..=4 => PROPORTIONAL_DAYS[usize::from(per_week) - 1][col],
        _ => 0,
    }
}

/// The `service_index`-th 基準日: hire date + 6 + 12 × index months, on the
/// hire date's day of month or the month's last day when it does not exist
/// (hired Aug 31 -> Feb 28 / Feb 29).
pub fn grant_date(hire_date: Date, service_index: u32) -> Option<Date> {
    let months = i32::try_from(service_index)
        .ok()?
        .checked_mul(12)?
        .checked_add(6)?;
    add_months_clamped(hire_date, months).map(|(d, _)| d)
}

/// End of the one year that starts on `grant_date`: the day before the same
/// day a year later, or — when that day does not exist (a 基準日 of Feb 29) —
/// the last day of that month (民法 第143条).
pub fn deadline(grant_date: Date) -> Option<Date> {
    let (next, clamped) = add_months_clamped(grant_date, 12)?;
    if clamped {
        Some(next)
    } else {
        next.yesterday().ok()
    }
}

/// One grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grant {
    /// 基準日.
    pub grant_date: Date,
    /// 0 for the first 基準日 (0.5 years of service), 1 for the next, …
    pub service_index: u32,
    /// Days granted.
    pub days: u8,
    /// Last day of the year in which the 5 days are due.
    pub deadline: Date,
}

impl Grant {
    /// Whether the grant carries the 5-day duty (≥ 10 days; carry-over does
    /// not count toward the 10).
    pub fn obligation(&self) -> bool {
        self.days >= OBLIGATION_MIN_DAYS
    }
}

/// The employee's grants whose 基準日 is in `from ..= to`. No grant after
/// `leave_date` (a 基準日 on the leave date itself is still granted: the
/// worker is employed that day); no grant of 0 days.
pub fn grants_between(employee: &Employee, from: Date, to: Date) -> Vec<Grant> {
    let mut out = Vec::new();
    for k in 0u32.. {
        let Some(date) = grant_date(employee.hire_date, k) else {
            break;
        };
        if date > to || employee.leave_date.is_some_and(|l| date > l) {
            break;
        }
        if date < from {
            continue;
        }
        let days = grant_days(employee, k);
        let Some(deadline) = deadline(date) else {
            break;
        };
        if days > 0 {
            out.push(Grant {
                grant_date: date,
                service_index: k,
                days,
                deadline,
            });
        }
    }
    out
}

/// Where a grant stands on the 5-day duty (年5日の取得義務).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DutyStatus {
    /// The grant is under 10 days: no duty.
    NotApplicable,
    /// At least 5 days taken by the deadline.
    Met,
    /// The deadline is on or before the last date of the attendance data and
    /// fewer than 5 days were taken.
    NotMet,
    /// Otherwise (the year is not over in the data yet).
    InProgress,
}

/// The duty status of a grant given the days taken in its year (half days;
/// hourly leave never counts) and the last date of the attendance data.
pub fn duty_status(grant: &Grant, taken: HalfDays, last_data_date: Option<Date>) -> DutyStatus {
    if !grant.obligation() {
        DutyStatus::NotApplicable
    } else if taken.0 >= DUTY_HALF_DAYS {
        DutyStatus::Met
    } else if last_data_date.is_some_and(|last| grant.deadline <= last) {
        DutyStatus::NotMet
    } else {
        DutyStatus::InProgress
    }
}

/// One grant in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GrantResult {
    /// 基準日.
    pub grant_date: Date,
    /// Days granted.
    pub days: u8,
    /// Paid-leave days in the data from the 基準日 to the deadline.
    pub taken_days: HalfDays,
    /// The grant is ≥ 10 days.
    pub obligation: bool,
    /// 基準日 + 1 year − 1 day.
    pub deadline: Date,
    /// The 5-day duty's status.
    pub status: DutyStatus,
}

/// One employee's grants in the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmployeePaidLeave {
    /// 社員番号.
    pub employee_id: String,
    /// Grants whose 基準日 is in the year (may be empty).
    pub grants: Vec<GrantResult>,
    /// Paid-leave days taken in the year, whatever grant they come out of
    /// (the numerator of both figures; differs from the sum of
    /// `grants[].taken_days`, which follow each grant's own year).
    pub taken_in_year: HalfDays,
}

/// The `paid_leave` section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaidLeaveSection {
    /// Every employee of the roster, sorted by id.
    pub employees: Vec<EmployeePaidLeave>,
    /// [`PAID_LEAVE_UTILIZATION`]: taken ÷ granted × 100, one decimal, half
    /// up; `None` when nothing was granted in the year.
    pub utilization_rate_percent: Option<OneDecimal>,
    /// Numerator: paid-leave days taken in the year by roster employees
    /// (including days out of carry-over).
    pub taken_days: HalfDays,
    /// Denominator: days granted with a 基準日 in the year (no carry-over).
    pub granted_days: u64,
    /// 時間単位年休 taken in the year, in minutes (not in the rate: converting
    /// hours to days needs each worker's 所定労働時間 per day).
    pub hourly_leave_minutes: u64,
}

#[derive(Debug)]
struct Tally {
    grant: Grant,
    taken: u64,
}

#[derive(Debug)]
struct EmployeeTally {
    employee_id: String,
    grants: Vec<Tally>,
    taken_in_year: u64,
}

/// Streaming paid-leave counts for a roster and a fiscal year: fed every
/// attendance row (in any order), it keeps one counter per grant.
#[derive(Debug)]
pub struct PaidLeaveTracker {
    from: Date,
    to: Date,
    employees: Vec<EmployeeTally>,
    index: HashMap<String, usize>,
    taken_in_year: u64,
    hourly_in_year: u64,
    last_date: Option<Date>,
}

impl PaidLeaveTracker {
    /// Grants of the roster with a 基準日 in `from ..= to`. A duplicated
    /// employee id keeps its first row.
    pub fn new(employees: &[Employee], from: Date, to: Date) -> PaidLeaveTracker {
        let mut sorted: Vec<&Employee> = Vec::with_capacity(employees.len());
        let mut seen = std::collections::HashSet::new();
        for e in employees {
            if seen.insert(e.employee_id.as_str()) {
                sorted.push(e);
            }
        }
        sorted.sort_by(|a, b| a.employee_id.cmp(&b.employee_id));
        let mut index = HashMap::with_capacity(sorted.len());
        let tallies = sorted
            .iter()
            .enumerate()
            .map(|(i, e)| {
                index.insert(e.employee_id.clone(), i);
                EmployeeTally {
                    employee_id: e.employee_id.clone(),
                    grants: grants_between(e, from, to)
                        .into_iter()
                        .map(|grant| Tally { grant, taken: 0 })
                        .collect(),
                    taken_in_year: 0,
                }
            })
            .collect();
        PaidLeaveTracker {
            from,
            to,
            employees: tallies,
            index,
            taken_in_year: 0,
            hourly_in_year: 0,
            last_date: None,
        }
    }

    /// Counts one attendance row. Rows of employees not in the roster only
    /// move the "last date of the data".
    pub fn record(&mut self, row: &AttendanceDay) {
        if self.last_date.is_none_or(|d| row.date > d) {
            self.last_date = Some(row.date);
        }
        if row.paid_leave_half_days == 0 && row.paid_leave_hourly_minutes == 0 {
            return;
        }
        let Some(&i) = self.index.get(row.employee_id.as_str()) else {
            return;
        };
        let half = u64::from(row.paid_leave_half_days);
        let employee = &mut self.employees[i];
        for t in &mut employee.grants {
            if t.grant.grant_date <= row.date && row.date <= t.grant.deadline {
                t.taken += half;
            }
        }
        if self.from <= row.date && row.date <= self.to {
            employee.taken_in_year += half;
            self.taken_in_year += half;
            self.hourly_in_year += u64::from(row.paid_leave_hourly_minutes);
        }
    }

    /// The section. The "last date in attendance.csv" for `not_met` is the
    /// latest date recorded.
    pub fn finish(self) -> PaidLeaveSection {
        let last = self.last_date;
        let employees: Vec<EmployeePaidLeave> = self
            .employees
            .into_iter()
            .map(|e| EmployeePaidLeave {
                employee_id: e.employee_id,
                grants: e
                    .grants
                    .into_iter()
                    .map(|t| {
                        let taken = HalfDays(t.taken);
                        GrantResult {
                            grant_date: t.grant.grant_date,
                            days: t.grant.days,
                            taken_days: taken,
                            obligation: t.grant.obligation(),
                            deadline: t.grant.deadline,
                            status: duty_status(&t.grant, taken, last),
                        }
                    })
                    .collect(),
                taken_in_year: HalfDays(e.taken_in_year),
            })
            .collect();
        let mut section = PaidLeaveSection {
            employees,
            utilization_rate_percent: None,
            taken_days: HalfDays(self.taken_in_year),
            granted_days: 0,
            hourly_leave_minutes: self.hourly_in_year,
        };
        // Every roster employee: the tracker holds only roster ids.
        let all = year_totals(&section, |_| true);
        debug_assert_eq!(all.taken, section.taken_days);
        section.granted_days = all.granted_days;
        section.utilization_rate_percent = utilization_percent(&all);
        section
    }
}
