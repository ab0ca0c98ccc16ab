//! 時間外労働 (legal overtime) from attendance rows, and the 36協定 limits.
//!
//! Two steps:
//! 1. [`OvertimeAccumulator`] is fed attendance rows one at a time and keeps,
//!    per employee, only the current day, the current week's running sum and
//!    the monthly totals — memory grows with employees × months, never with
//!    rows. Each employee's rows must come in date order (rows of different
//!    employees may interleave: sorted by employee then date, or by date then
//!    employee, both work). [`sort_attendance`] sorts unsorted input.
//! 2. [`check_employee`] turns one employee's monthly totals into the fiscal
//!    year's figures and the list of 36協定 violations.

use std::collections::HashMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::KpiError;
use crate::calendar::{YearMonth, epoch_day, week_index};
use crate::records::{AttendanceDay, DayType, Work};
use crate::settings::{
    ANNUAL_720H_MINUTES, AVERAGE_80H_MINUTES, DAILY_LIMIT_MINUTES, MAX_MONTHS_OVER_LIMIT,
    MONTHLY_100H_MINUTES, Settings, WeekStart,
};

/// One month's totals for one employee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MonthTotals {
    /// The (agreement) month, `YYYY-MM`.
    pub month: YearMonth,
    /// 法定時間外労働 in minutes.
    pub legal_overtime_minutes: u64,
    /// 法定休日労働 in minutes.
    pub legal_holiday_minutes: u64,
}

impl MonthTotals {
    fn empty(month: YearMonth) -> MonthTotals {
        MonthTotals {
            month,
            legal_overtime_minutes: 0,
            legal_holiday_minutes: 0,
        }
    }

    /// Legal overtime plus legal-holiday work: what the 100 h and 80 h rules
    /// count.
    pub fn with_holiday_minutes(&self) -> u64 {
        self.legal_overtime_minutes + self.legal_holiday_minutes
    }
}

/// What one attendance row contributed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DayOvertime {
    /// Minutes worked according to the clock times (0 for precomputed rows).
    pub worked_minutes: u32,
    /// Overtime beyond 8 h that day.
    pub daily_overtime_minutes: u32,
    /// Overtime beyond the 40 h (44 h) running weekly sum, on this day.
    pub weekly_overtime_minutes: u32,
    /// Legal overtime of the row (daily + weekly, or the precomputed value).
    pub legal_overtime_minutes: u32,
    /// Legal-holiday work of the row.
    pub legal_holiday_minutes: u32,
}

/// One employee's monthly totals, as the accumulator hands them over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmployeeMonths {
    /// 社員番号.
    pub employee_id: String,
    /// Months in which the employee has rows (within the accumulator's month
    /// range), ascending, each once.
    pub months: Vec<MonthTotals>,
}

/// Per-employee streaming state.
#[derive(Debug)]
struct EmployeeState {
    employee_id: String,
    /// Date of the previous row (to reject rows going back in time).
    last_date: Option<Date>,
    /// Epoch day of the previous row and the non-legal-holiday clock minutes
    /// worked on it so far (a day may have several rows).
    day: i64,
    day_worked: u32,
    /// Week index of the current week and the running sum of its
    /// non-overtime worked minutes.
    week: i64,
    week_regular: u32,
    months: Vec<MonthTotals>,
}

/// Streaming legal-overtime computation (see the module docs).
#[derive(Debug)]
pub struct OvertimeAccumulator {
    week_start: WeekStart,
    weekly_limit: u32,
    agreement_start_day: i8,
    /// Months outside this range are not kept (the week state still sees
    /// every row, since a week may straddle the range's edge).
    month_range: Option<(YearMonth, YearMonth)>,
    index: HashMap<String, usize>,
    states: Vec<EmployeeState>,
    /// Index of the previous row's employee: consecutive rows of the same
    /// employee skip the hash lookup.
    last: Option<usize>,
    max_date: Option<Date>,
    rows: u64,
}

impl OvertimeAccumulator {
    /// An accumulator keeping every month it sees.
    pub fn new(settings: &Settings) -> OvertimeAccumulator {
        OvertimeAccumulator {
            week_start: settings.week_start,
            weekly_limit: settings.weekly_limit_minutes(),
            agreement_start_day: settings.agreement_start_day,
            month_range: None,
            index: HashMap::new(),
            states: Vec::new(),
            last: None,
            max_date: None,
            rows: 0,
        }
    }

    /// An accumulator keeping only the months `first..=last` (e.g. the fiscal
    /// year and the five months before it, which the 80 h windows may need).
    pub fn with_month_range(
        settings: &Settings,
        first: YearMonth,
        last: YearMonth,
    ) -> OvertimeAccumulator {
        OvertimeAccumulator {
            month_range: Some((first, last)),
            ..OvertimeAccumulator::new(settings)
        }
    }

    /// The latest date seen in any row.
    pub fn max_date(&self) -> Option<Date> {
        self.max_date
    }

    /// Number of rows fed so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Feeds one row. Rows of one employee must come in date order (several
    /// rows for the same date are allowed and share that day's 8 h).
    pub fn push(&mut self, row: &AttendanceDay) -> Result<DayOvertime, KpiError> {
        let idx = match self.last {
            Some(i) if self.states[i].employee_id == row.employee_id => i,
            _ => match self.index.get(row.employee_id.as_str()) {
                Some(&i) => i,
                None => {
                    let i = self.states.len();
                    self.states.push(EmployeeState {
                        employee_id: row.employee_id.clone(),
                        last_date: None,
                        day: i64::MIN,
                        day_worked: 0,
                        week: i64::MIN,
                        week_regular: 0,
                        months: Vec::new(),
                    });
                    self.index.insert(row.employee_id.clone(), i);
                    i
                }
            },
        };
        self.last = Some(idx);
        let state = &mut self.states[idx];
        if let Some(prev) = state.last_date
            && row.date < prev
        {
            return Err(KpiError::OutOfOrder {
                employee_id: row.employee_id.clone(),
                date: row.date,
                previous: prev,
            });
        }
        state.last_date = Some(row.date);
        self.rows += 1;
        if self.max_date.is_none_or(|m| row.date > m) {
            self.max_date = Some(row.date);
        }

        let day = epoch_day(row.date);
        if day != state.day {
            state.day = day;
            state.day_worked = 0;
        }
        let week = week_index(day, self.week_start);
        if week != state.week {
            state.week = week;
            state.week_regular = 0;
        }

        let result = match row.work {
            Work::None => DayOvertime::default(),
            Work::Precomputed {
                legal_overtime_minutes,
                legal_holiday_minutes,
            } => DayOvertime {
                legal_overtime_minutes,
                legal_holiday_minutes,
                ..DayOvertime::default()
            },
            Work::Clock {
                start_minute,
                end_minute,
                break_minutes,
            } => {
                // A negative span (bad data the ingest layer should have
                // rejected) counts as no work rather than wrapping around.
                let worked = u32::from(end_minute)
                    .saturating_sub(u32::from(start_minute))
                    .saturating_sub(u32::from(break_minutes));
                if row.day_type == DayType::LegalHoliday {
                    DayOvertime {
                        worked_minutes: worked,
                        legal_holiday_minutes: worked,
                        ..DayOvertime::default()
                    }
                } else {
                    // Daily: minutes of this row beyond the day's 480th.
                    let before = state.day_worked;
                    let after = before + worked;
                    let daily = after.saturating_sub(DAILY_LIMIT_MINUTES)
                        - before.saturating_sub(DAILY_LIMIT_MINUTES);
                    state.day_worked = after;
                    // Weekly: the remaining (non-daily-overtime) minutes join
                    // the week's running sum; the part past the limit is
                    // weekly overtime on this day.
                    let regular = worked - daily;
                    let wbefore = state.week_regular;
                    let wafter = wbefore + regular;
                    let weekly = wafter.saturating_sub(self.weekly_limit)
                        - wbefore.saturating_sub(self.weekly_limit);
                    state.week_regular = wafter;
                    DayOvertime {
                        worked_minutes: worked,
                        daily_overtime_minutes: daily,
                        weekly_overtime_minutes: weekly,
                        legal_overtime_minutes: daily + weekly,
                        legal_holiday_minutes: 0,
                    }
                }
            }
        };

        let month = YearMonth::of_agreement(row.date, self.agreement_start_day);
        let in_range = self
            .month_range
            .is_none_or(|(first, last)| first <= month && month <= last);
        if in_range {
            if state.months.last().is_none_or(|m| m.month != month) {
                state.months.push(MonthTotals::empty(month));
            }
            if let Some(m) = state.months.last_mut() {
                m.legal_overtime_minutes += u64::from(result.legal_overtime_minutes);
                m.legal_holiday_minutes += u64::from(result.legal_holiday_minutes);
            }
        }
        Ok(result)
    }

    /// Ends the stream: every employee's months, sorted by employee id.
    pub fn finish(self) -> Vec<EmployeeMonths> {
        let mut out: Vec<EmployeeMonths> = self
            .states
            .into_iter()
            .map(|s| EmployeeMonths {
                employee_id: s.employee_id,
                months: s.months,
            })
            .collect();
        out.sort_by(|a, b| a.employee_id.cmp(&b.employee_id));
        out
    }
}

/// Sorts rows by employee then date (stable, so several rows of one day keep
/// their order), for input that is not already in per-employee date order.
pub fn sort_attendance(rows: &mut [AttendanceDay]) {
    rows.sort_by(|a, b| {
        a.employee_id
            .cmp(&b.employee_id)
            .then_with(|| a.date.cmp(&b.date))
    });
}

/// Convenience: legal overtime of unsorted rows, keeping every month.
pub fn monthly_overtime(
    settings: &Settings,
    rows: &mut [AttendanceDay],
) -> Result<Vec<EmployeeMonths>, KpiError> {
    sort_attendance(rows);
    let mut acc = OvertimeAccumulator::new(settings);
    for row in rows.iter() {
        acc.push(row)?;
    }
    Ok(acc.finish())
}

/// A 36協定 rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Legal overtime + legal-holiday work ≥ 100 h in a month (always).
    #[serde(rename = "monthly_100h")]
    Monthly100h,
    /// The 2–6 month average of legal overtime + legal-holiday work > 80 h
    /// (always).
    #[serde(rename = "average_80h")]
    Average80h,
    /// With 特別条項: the month in which the year's legal overtime first
    /// exceeds 720 h.
    #[serde(rename = "annual_720h")]
    Annual720h,
    /// With 特別条項: each month over 45 h (42 h) beyond the sixth.
    MonthsOverLimit,
    /// Without 特別条項: each month over 45 h (42 h).
    MonthlyLimit,
    /// Without 特別条項: the month in which the year first exceeds 360 h
    /// (320 h).
    AnnualLimit,
}

/// One breach of a 36協定 rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// The rule.
    pub rule: Rule,
    /// The month of the breach (for `average_80h`, the window's last month).
    pub month: YearMonth,
    /// For `average_80h`: the window length, 2–6 months.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window_months: Option<u8>,
}

/// One employee's overtime figures for one fiscal (agreement) year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmployeeOvertime {
    /// 社員番号.
    pub employee_id: String,
    /// Months of the year in which the employee has rows, ascending.
    pub months: Vec<MonthTotals>,
    /// Legal overtime in the year, legal-holiday work excluded.
    pub annual_legal_overtime_minutes: u64,
    /// Legal-holiday work in the year (extra field).
    pub annual_legal_holiday_minutes: u64,
    /// Months of the year whose legal overtime exceeds 45 h (42 h).
    pub months_over_limit: u32,
    /// Every breach, by month, then in the order monthly_100h, average_80h
    /// (shorter windows first), monthly / months-over limit, annual limit.
    pub violations: Vec<Violation>,
}

/// The year's figures and violations of one employee.
///
/// `months` are the employee's months (ascending, unique, as from
/// [`OvertimeAccumulator::finish`]), which may include months before the
/// year for the 80 h windows. `first_month` is the first month of the
/// agreement year; the year is `first_month ..= first_month + 11`.
/// Returns `None` when the employee has no rows in the year.
pub fn check_employee(
    employee_id: &str,
    months: &[MonthTotals],
    first_month: YearMonth,
    settings: &Settings,
) -> Option<EmployeeOvertime> {
    let last_month = first_month.plus(11);
    let in_year: Vec<(usize, &MonthTotals)> = months
        .iter()
        .enumerate()
        .filter(|(_, m)| first_month <= m.month && m.month <= last_month)
        .collect();
    if in_year.is_empty() {
        return None;
    }
    let monthly_limit = settings.monthly_limit_minutes();
    let annual_limit = if settings.special_clause {
        ANNUAL_720H_MINUTES
    } else {
        settings.annual_limit_minutes()
    };

    let mut violations = Vec::new();
    let mut cumulative: u64 = 0;
    let mut annual_reported = false;
    let mut over_count: u32 = 0;
    let mut holiday: u64 = 0;
    for &(pos, m) in &in_year {
        holiday += m.legal_holiday_minutes;
        // 100 h: "less than 100 h" is the limit, so exactly 100 h breaches.
        if m.with_holiday_minutes() >= MONTHLY_100H_MINUTES {
            violations.push(Violation {
                rule: Rule::Monthly100h,
                month: m.month,
                window_months: None,
            });
        }
        // 80 h: windows of 2..=6 consecutive months ending here. Months are
        // ascending and unique, so the window is complete exactly when the
        // entry w-1 places back is the month w-1 months back.
        for w in 2..=6usize {
            if pos + 1 < w {
                break;
            }
            let start = pos + 1 - w;
            let span = i32::try_from(w - 1).unwrap_or(i32::MAX);
            if months[start].month != m.month.plus(-span) {
                continue;
            }
            let sum: u64 = months[start..=pos]
                .iter()
                .map(MonthTotals::with_holiday_minutes)
                .sum();
            // average > 80 h  <=>  sum > 80 h * w (exact, no division).
            if sum > AVERAGE_80H_MINUTES * w as u64 {
                violations.push(Violation {
                    rule: Rule::Average80h,
                    month: m.month,
                    window_months: Some(w as u8),
                });
            }
        }
        // 45 h (42 h): "over" is strict, so exactly 45 h is not over.
        if m.legal_overtime_minutes > monthly_limit {
            over_count += 1;
            if settings.special_clause {
                if over_count > MAX_MONTHS_OVER_LIMIT {
                    violations.push(Violation {
                        rule: Rule::MonthsOverLimit,
                        month: m.month,
                        window_months: None,
                    });
                }
            } else {
                violations.push(Violation {
                    rule: Rule::MonthlyLimit,
                    month: m.month,
                    window_months: None,
                });
            }
        }
        cumulative += m.legal_overtime_minutes;
        if !annual_reported && cumulative > annual_limit {
            annual_reported = true;
            violations.push(Violation {
                rule: if settings.special_clause {
                    Rule::Annual720h
                } else {
                    Rule::AnnualLimit
                },
                month: m.month,
                window_months: None,
            });
        }
    }
    Some(EmployeeOvertime {
        employee_id: employee_id.to_string(),
        months: in_year.iter().map(|&(_, m)| *m).collect(),
        annual_legal_overtime_minutes: cumulative,
        annual_legal_holiday_minutes: holiday,
        months_over_limit: over_count,
        violations,
    })
}
