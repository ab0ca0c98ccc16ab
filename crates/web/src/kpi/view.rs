//! The stored fiscal-year report (the kpi crate's JSON, pseudonymised) read back
//! for display, and the aggregations the page shows.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct StoredReport {
    pub fiscal_year: i64,
    pub period: Period,
    pub overtime: Option<Overtime>,
    pub paid_leave: Option<PaidLeave>,
    pub childcare_leave: Option<Childcare>,
    pub workforce: Option<Workforce>,
    #[serde(default)]
    pub settings: StoredSettings,
    /// The figures of the certification criteria (absent in imports made
    /// before they were computed).
    #[serde(default)]
    pub certification: Option<StoredCertification>,
    /// What the attendance covers (absent in imports made before it was kept).
    #[serde(default)]
    pub coverage: Option<StoredCoverage>,
    /// 総実労働時間 (absent in imports made before it was kept).
    #[serde(default)]
    pub hours_worked: Option<StoredHours>,
}

/// What the pages read of `kpi::HoursWorkedSection`.
#[derive(Debug, Clone, Deserialize)]
pub struct StoredHours {
    pub worked_minutes: u64,
    pub rows_without_clock_times: u64,
    /// None without clock rows or with rows lacking clock times.
    pub total_hours: Option<f64>,
}

/// What the pages read of `kpi::Turnover` (離職率).
#[derive(Debug, Clone, Deserialize)]
pub struct StoredTurnover {
    pub employed_at_start: i64,
    pub leavers: i64,
    pub rate_percent: Option<f64>,
}

/// What the page reads of `kpi::Coverage`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct StoredCoverage {
    pub months: Vec<String>,
    pub complete: bool,
    /// The latest date of any attendance row (YYYY-MM-DD).
    #[serde(default)]
    pub last_date: Option<String>,
}

/// One month of the fiscal year on the page: its average, or `None` when it has no
/// attendance rows (shown as 「データなし」, never 0 h).
pub struct MonthRow {
    pub month: String,
    pub data: Option<MonthAverage>,
    /// Whether the month has begun (in Japan, today). A month still to come
    /// without rows is neither drawn nor listed: it is not missing data.
    pub started: bool,
}

impl MonthRow {
    /// Whether the chart and the table show this month: it has begun, or it has
    /// rows anyway (a file can hold rows dated in the future).
    pub fn shown(&self) -> bool {
        self.started || self.data.is_some()
    }
}

/// The twelve months of the year starting at `period_from` (YYYY-MM-DD), each with
/// its average when the month has rows. Which months have rows comes from the
/// report's coverage, or, for imports made before it was kept, from the months of
/// the employees' figures. `this_month` is the month of today in Japan.
pub fn month_rows(
    period_from: &str,
    averages: &[MonthAverage],
    coverage: Option<&StoredCoverage>,
    this_month: kpi::YearMonth,
) -> Vec<MonthRow> {
    let Some(first) = kpi::YearMonth::parse(period_from.get(..7).unwrap_or("")) else {
        return Vec::new();
    };
    (0..12)
        .map(|i| {
            let ym = first.plus(i);
            let month = ym.to_string();
            let average = averages.iter().find(|a| a.month == month).cloned();
            let has_rows = match coverage {
                Some(c) => c.months.contains(&month),
                None => average.is_some(),
            };
            let data = match average {
                Some(a) => Some(a),
                None if has_rows => Some(MonthAverage {
                    month: month.clone(),
                    employees: 0,
                    total_minutes: 0,
                    average_hours: 0.0,
                }),
                None => None,
            };
            MonthRow {
                month,
                data,
                started: ym <= this_month,
            }
        })
        .collect()
}

/// What the pages read of `kpi::CertificationFigures`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct StoredCertification {
    pub full_time_months: Option<Vec<StoredMonthHours>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct StoredMonthHours {
    pub total_minutes: u64,
    pub workers: u64,
}

/// The employer's stored aggregates (one row per kind and fiscal year), read
/// back and merged per fiscal year with `ingest::merge_extras`.
pub fn stored_extras(
    rows: &[store::certification::YearExtrasRow],
) -> Result<Vec<kpi::extras::YearExtras>, crate::AppError> {
    let mut parts = Vec::with_capacity(rows.len());
    for row in rows {
        parts.push(
            serde_json::from_str::<kpi::extras::YearExtras>(&row.data_json)
                .map_err(|e| crate::AppError::Internal(format!("stored extras: {e}")))?,
        );
    }
    Ok(ingest::merge_extras(parts))
}

impl StoredReport {
    /// 法定時間外＋法定休日労働 per full-time worker and month (次世代法 行動計画,
    /// LABOR_RULES §6): the year's minutes of the full-time workers ÷ their
    /// worker-months, in hours, one decimal half up. None without attendance
    /// and roster.
    pub fn full_time_monthly_hours(&self) -> Option<f64> {
        let months = self.certification.as_ref()?.full_time_months.as_ref()?;
        let minutes: u64 = months.iter().map(|m| m.total_minutes).sum();
        let worker_months: u64 = months.iter().map(|m| m.workers).sum();
        kpi::half_up_one_decimal(minutes, worker_months.checked_mul(60)?).map(|d| d.as_f64())
    }
}

/// The settings the report was computed with (what the page needs of them).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct StoredSettings {
    pub variable_hours: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Period {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Overtime {
    pub employees: Vec<OvertimeEmployee>,
    pub average_monthly_overtime_hours: Option<f64>,
    /// The 女活DB average's numerator and denominator.
    #[serde(default)]
    pub average_monthly_overtime: Option<AverageOvertime>,
}

/// Raw figures behind the 女活DB average monthly overtime.
#[derive(Debug, Clone, Deserialize)]
pub struct AverageOvertime {
    pub total_minutes: i64,
    pub employees: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct OvertimeEmployee {
    pub employee_id: String,
    pub months: Vec<OvertimeMonth>,
    pub annual_legal_overtime_minutes: i64,
    pub months_over_limit: i64,
    pub violations: Vec<Violation>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct OvertimeMonth {
    pub month: String,
    pub legal_overtime_minutes: i64,
    pub legal_holiday_minutes: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Violation {
    pub rule: String,
    pub month: String,
    pub window_months: Option<i64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PaidLeave {
    pub employees: Vec<PaidLeaveEmployee>,
    pub utilization_rate_percent: Option<f64>,
    /// The rate's numerator (days taken, whole or half) and denominator (days granted).
    #[serde(default)]
    pub taken_days: Option<f64>,
    #[serde(default)]
    pub granted_days: Option<i64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PaidLeaveEmployee {
    pub employee_id: String,
    pub grants: Vec<Grant>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Grant {
    pub grant_date: String,
    pub days: i64,
    pub taken_days: f64,
    pub obligation: bool,
    pub deadline: String,
    pub status: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Childcare {
    pub male: MaleChildcare,
    pub female: FemaleChildcare,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MaleChildcare {
    pub births: i64,
    pub method1_takers: i64,
    pub method1_rate_percent: Option<i64>,
    pub method2_takers: i64,
    pub method2_rate_percent: Option<i64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FemaleChildcare {
    pub births: i64,
    pub takers: i64,
    pub rate_percent: Option<i64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Workforce {
    pub reference_date: String,
    pub hires: Share,
    pub employees: Share,
    pub chiefs: Share,
    pub managers: Share,
    pub executives: Share,
    pub male_service: Service,
    pub female_service: Service,
    /// 離職率 (absent in imports made before it was computed).
    #[serde(default)]
    pub turnover: Option<StoredTurnover>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Share {
    pub total: i64,
    pub women: i64,
    pub women_percent: Option<f64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Service {
    pub employees: i64,
    pub average_years: Option<f64>,
    /// Completed months of service, summed (the average's numerator).
    #[serde(default)]
    pub total_months: Option<i64>,
}

/// One month of the organization: average legal overtime + legal-holiday work per
/// employee with attendance rows that month (the 女活DB / くるみん way of averaging).
#[derive(Debug, Clone, PartialEq)]
pub struct MonthAverage {
    pub month: String,
    pub employees: i64,
    pub total_minutes: i64,
    /// Hours, one decimal, half up.
    pub average_hours: f64,
}

/// Monthly averages over the fiscal year's months that have rows, in order.
pub fn monthly_averages(employees: &[OvertimeEmployee], period_from: &str) -> Vec<MonthAverage> {
    let mut months: Vec<MonthAverage> = Vec::new();
    for e in employees {
        for m in e
            .months
            .iter()
            .filter(|m| m.month.as_str() >= &period_from[..7])
        {
            let minutes = m.legal_overtime_minutes + m.legal_holiday_minutes;
            match months.iter_mut().find(|x| x.month == m.month) {
                Some(x) => {
                    x.employees += 1;
                    x.total_minutes += minutes;
                }
                None => months.push(MonthAverage {
                    month: m.month.clone(),
                    employees: 1,
                    total_minutes: minutes,
                    average_hours: 0.0,
                }),
            }
        }
    }
    months.sort_by(|a, b| a.month.cmp(&b.month));
    for m in &mut months {
        // Tenths of an hour, half up, in integers: minutes × 10 / 60 per employee.
        let tenths = (m.total_minutes * 10 * 2 + 60 * m.employees) / (60 * m.employees * 2);
        m.average_hours = tenths as f64 / 10.0;
    }
    months
}

/// Upper bounds (exclusive, hours) of the distribution's bands; the last band is open.
pub const DISTRIBUTION_BANDS: [i64; 6] = [10, 20, 30, 45, 60, 80];

/// How many employees fall in each band of their average monthly overtime + holiday
/// work over the months of the year in which they have rows (7 bands: <10 h … ≥80 h).
pub fn distribution(employees: &[OvertimeEmployee], period_from: &str) -> [i64; 7] {
    let mut counts = [0i64; 7];
    for e in employees {
        let months: Vec<&OvertimeMonth> = e
            .months
            .iter()
            .filter(|m| m.month.as_str() >= &period_from[..7])
            .collect();
        if months.is_empty() {
            continue;
        }
        let minutes: i64 = months
            .iter()
            .map(|m| m.legal_overtime_minutes + m.legal_holiday_minutes)
            .sum();
        // Compare in minutes to avoid rounding at a band's edge: avg < bound ⇔ total < bound·60·n.
        let n = months.len() as i64;
        let band = DISTRIBUTION_BANDS
            .iter()
            .position(|b| minutes < b * 60 * n)
            .unwrap_or(DISTRIBUTION_BANDS.len());
        counts[band] += 1;
    }
    counts
}

/// Warnings before a limit is breached (LABOR_RULES §1), as (i18n key, month):
/// a month at 80 h or more of overtime + holiday work (100 h is a breach), a 2-month
/// average above 70 h (80 h is a breach), the year's overtime above 600 h (720 h is
/// the cap), and the fifth month above 45 h (a sixth is the last allowed).
/// These thresholds are this software's early warnings, not the law's.
pub fn heading_over(
    e: &OvertimeEmployee,
    period_from: &str,
    monthly_limit_minutes: i64,
) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let months: Vec<&OvertimeMonth> = e
        .months
        .iter()
        .filter(|m| m.month.as_str() >= &period_from[..7])
        .collect();
    let total = |m: &OvertimeMonth| m.legal_overtime_minutes + m.legal_holiday_minutes;
    let breached = |rule: &str, month: &str| {
        e.violations
            .iter()
            .any(|v| v.rule == rule && v.month == month)
    };
    for m in &months {
        if (80 * 60..100 * 60).contains(&total(m)) && !breached("monthly_100h", &m.month) {
            out.push(("kpi.heading.month_80h", m.month.clone()));
        }
    }
    for pair in e.months.windows(2) {
        let both = total(&pair[0]) + total(&pair[1]);
        if pair[1].month.as_str() >= &period_from[..7]
            && adjacent(&pair[0].month, &pair[1].month)
            && both > 2 * 70 * 60
            && both <= 2 * 80 * 60
        {
            out.push(("kpi.heading.average_70h", pair[1].month.clone()));
        }
    }
    let annual: i64 = months.iter().map(|m| m.legal_overtime_minutes).sum();
    if annual > 600 * 60 && annual <= 720 * 60 {
        out.push(("kpi.heading.annual_600h", String::new()));
    }
    let over = months
        .iter()
        .filter(|m| m.legal_overtime_minutes > monthly_limit_minutes)
        .count();
    if over == 5 {
        out.push(("kpi.rule.heading_sixth", String::new()));
    }
    out
}

/// Whether `b` is the calendar month after `a` (both "YYYY-MM").
fn adjacent(a: &str, b: &str) -> bool {
    let parse = |s: &str| -> Option<i64> {
        let (y, m) = s.split_once('-')?;
        Some(y.parse::<i64>().ok()? * 12 + m.parse::<i64>().ok()?)
    };
    matches!((parse(a), parse(b)), (Some(x), Some(y)) if y == x + 1)
}

/// Hours with one decimal, for display.
pub fn hours(minutes: i64) -> String {
    format!("{:.1}", minutes as f64 / 60.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emp(id: &str, months: &[(&str, i64, i64)]) -> OvertimeEmployee {
        OvertimeEmployee {
            employee_id: id.into(),
            months: months
                .iter()
                .map(|(m, o, h)| OvertimeMonth {
                    month: m.to_string(),
                    legal_overtime_minutes: *o,
                    legal_holiday_minutes: *h,
                })
                .collect(),
            annual_legal_overtime_minutes: 0,
            months_over_limit: 0,
            violations: Vec::new(),
        }
    }

    #[test]
    fn early_warnings_before_the_limits() {
        // April: 80 h exactly → warning (100 h would be the breach). May: 100 h is a
        // breach already reported as a violation, so no warning for it.
        // March→April: 60 h + 80 h = 140 h / 2 = 70 h → not above 70; April→May
        // 180 h / 2 = 90 h → above 80, a breach, no warning. June→July 75 + 70 = 72.5 h → warning.
        let mut e = emp(
            "A",
            &[
                ("2026-03", 3600, 0),
                ("2026-04", 4800, 0),
                ("2026-05", 6000, 0),
                ("2026-06", 4500, 0),
                ("2026-07", 4200, 0),
            ],
        );
        e.violations.push(Violation {
            rule: "monthly_100h".into(),
            month: "2026-05".into(),
            window_months: None,
        });
        let w = heading_over(&e, "2026-04-01", 45 * 60);
        assert!(w.contains(&("kpi.heading.month_80h", "2026-04".to_string())));
        assert!(
            !w.iter()
                .any(|(k, m)| *k == "kpi.heading.month_80h" && m == "2026-05")
        );
        assert!(w.contains(&("kpi.heading.average_70h", "2026-07".to_string())));
        assert!(
            !w.iter()
                .any(|(k, m)| *k == "kpi.heading.average_70h" && m == "2026-04")
        );
        // April–July: 80 + 100 + 75 + 70 = 325 h of overtime: under 600 h, no annual warning;
        // months above 45 h: 4 → no sixth-month warning yet.
        assert!(
            !w.iter()
                .any(|(k, _)| *k == "kpi.heading.annual_600h" || *k == "kpi.rule.heading_sixth")
        );
        // 601 h in the year: warning; 720 h exactly: still a warning (the breach is above 720).
        let e = emp("B", &[("2026-04", 601 * 60, 0)]);
        assert!(
            heading_over(&e, "2026-04-01", 45 * 60)
                .iter()
                .any(|(k, _)| *k == "kpi.heading.annual_600h")
        );
        let e = emp("C", &[("2026-04", 600 * 60, 0)]);
        assert!(
            !heading_over(&e, "2026-04-01", 45 * 60)
                .iter()
                .any(|(k, _)| *k == "kpi.heading.annual_600h")
        );
        // Months that are not consecutive do not make a 2-month window.
        let e = emp("D", &[("2026-04", 4400, 0), ("2026-06", 4400, 0)]);
        assert!(
            !heading_over(&e, "2026-04-01", 45 * 60)
                .iter()
                .any(|(k, _)| *k == "kpi.heading.average_70h")
        );
    }

    #[test]
    fn distribution_bands_are_half_open() {
        // A: 600 min in one month = exactly 10 h → the 10–20 band, not below 10.
        // B: 599 min = 9.98 h → below 10. C: two months, 45 h and 45 h → 45–60.
        // D: 80 h exactly → the open band "80 h or more". E: only March, outside the year.
        let e = vec![
            emp("A", &[("2026-04", 600, 0)]),
            emp("B", &[("2026-04", 599, 0)]),
            emp("C", &[("2026-04", 2000, 700), ("2026-05", 2700, 0)]),
            emp("D", &[("2026-06", 4800, 0)]),
            emp("E", &[("2026-03", 9000, 0)]),
        ];
        assert_eq!(distribution(&e, "2026-04-01"), [1, 1, 0, 0, 1, 0, 1]);
    }

    #[test]
    fn averages_per_employee_with_rows_half_up() {
        // April: (600 + 60) + 0 = 660 min over 2 employees = 330 min = 5.5 h.
        // May: 100 min, only A has rows = 1.666… h → 1.7.
        // March 2026 is before the year and is left out.
        let e = vec![
            emp(
                "A",
                &[
                    ("2026-03", 9999, 0),
                    ("2026-04", 600, 60),
                    ("2026-05", 100, 0),
                ],
            ),
            emp("B", &[("2026-04", 0, 0)]),
        ];
        let m = monthly_averages(&e, "2026-04-01");
        assert_eq!(m.len(), 2);
        assert_eq!(
            (
                m[0].month.as_str(),
                m[0].employees,
                m[0].total_minutes,
                m[0].average_hours
            ),
            ("2026-04", 2, 660, 5.5)
        );
        assert_eq!((m[1].month.as_str(), m[1].average_hours), ("2026-05", 1.7));
        // Exactly .x5 rounds up: 3 min per employee = 0.05 h → 0.1.
        let m = monthly_averages(&[emp("A", &[("2026-04", 3, 0)])], "2026-04-01");
        assert_eq!(m[0].average_hours, 0.1);
        assert!(monthly_averages(&[], "2026-04-01").is_empty());
    }
}

#[cfg(test)]
mod month_row_tests {
    use super::*;

    fn average(month: &str, hours: f64) -> MonthAverage {
        MonthAverage {
            month: month.into(),
            employees: 1,
            total_minutes: (hours * 60.0) as i64,
            average_hours: hours,
        }
    }

    #[test]
    fn months_not_begun_are_not_shown_and_begun_months_without_rows_say_no_data() {
        // FY2026 seen in December 2026: April and May have rows, June to November
        // have none (no data), December has begun (no data yet), January to March
        // 2027 have not begun. A row dated March 2027 is shown all the same.
        let coverage = StoredCoverage {
            months: vec!["2026-04".into(), "2026-05".into(), "2027-03".into()],
            complete: false,
            last_date: Some("2027-03-02".into()),
        };
        let averages = [
            average("2026-04", 10.0),
            average("2026-05", 0.0),
            average("2027-03", 2.0),
        ];
        let december = kpi::YearMonth::new(2026, 12).unwrap();
        let rows = month_rows("2026-04-01", &averages, Some(&coverage), december);
        assert_eq!(
            rows.len(),
            12,
            "the year has twelve months for what is said of it"
        );
        let shown: Vec<(&str, Option<f64>)> = rows
            .iter()
            .filter(|r| r.shown())
            .map(|r| (r.month.as_str(), r.data.as_ref().map(|d| d.average_hours)))
            .collect();
        assert_eq!(
            shown,
            [
                ("2026-04", Some(10.0)),
                ("2026-05", Some(0.0)),
                ("2026-06", None),
                ("2026-07", None),
                ("2026-08", None),
                ("2026-09", None),
                ("2026-10", None),
                ("2026-11", None),
                ("2026-12", None),
                ("2027-03", Some(2.0)),
            ]
        );
        // An ended year shows all twelve.
        let later = kpi::YearMonth::new(2027, 4).unwrap();
        let rows = month_rows("2026-04-01", &averages, Some(&coverage), later);
        assert!(rows.iter().all(MonthRow::shown));
    }
}

#[cfg(test)]
mod full_time_tests {
    use super::*;

    fn report(months: &[(u64, u64)]) -> StoredReport {
        let months: Vec<serde_json::Value> = months
            .iter()
            .map(|(m, w)| serde_json::json!({"month": "2026-04", "total_minutes": m, "workers": w}))
            .collect();
        serde_json::from_value(serde_json::json!({
            "fiscal_year": 2026,
            "period": {"from": "2026-04-01", "to": "2027-03-31"},
            "overtime": null, "paid_leave": null, "childcare_leave": null, "workforce": null,
            "certification": {"full_time_months": months}
        }))
        .unwrap()
    }

    #[test]
    fn overtime_per_full_time_worker_and_month() {
        // (600 + 0 + 330) min ÷ (2 + 0 + 1) worker-months = 310 min = 5.166… h → 5.2
        assert_eq!(
            report(&[(600, 2), (0, 0), (330, 1)]).full_time_monthly_hours(),
            Some(5.2)
        );
        // Nobody full-time: no figure, not zero.
        assert_eq!(report(&[(0, 0)]).full_time_monthly_hours(), None);
    }
}
