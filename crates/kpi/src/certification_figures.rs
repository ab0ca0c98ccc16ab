//! The per-fiscal-year figures the certification criteria take
//! ([`crate::certification`]), computed from the roster (employees.csv),
//! attendance, family events and leaves in the same streaming pass as the
//! [`FiscalYearReport`](crate::FiscalYearReport) (its `certification`
//! field). [`assemble`](crate::certification::assemble) turns them, with
//! earlier years' childcare counts, the employer's extras and the yes/no
//! facts, into a [`CertificationInput`](crate::CertificationInput).
//!
//! # Definitions (see docs/decisions.md)
//!
//! - **Full-time workers** (くるみん 労働時間): `employment_type` regular or
//!   fixed_term; part_time is excluded. 事業場外みなし workers are included
//!   (only the 女活DB average leaves them out). A worker counts in a month
//!   when they have attendance rows in that (agreement) month.
//! - **Age band**: age on the first day of the (agreement) month, birthday
//!   counted on the birthday itself; the figure is `None` when a full-time
//!   worker with rows has no birth date (never guessed).
//! - **雇用管理区分** (えるぼし 労働時間): every worker with rows except
//!   事業場外みなし, grouped by `category` (missing = `""`, shown as 区分なし).
//! - Workers with attendance rows who are not in the roster are in no
//!   grouped figure (their type, age and category are unknown) but are in
//!   `worker_overtime` (the 60 h rule needs nothing from the roster).
//! - **所定外労働** (ユースエール, 正社員 = regular): on a workday the minutes
//!   worked beyond the scheduled day (`weekly_minutes ÷ weekly_days`, whole
//!   minutes; 8 h when `weekly_days` is 0), on a 所定休日 or 法定休日 every
//!   minute worked. A precomputed row (legal minutes given, no clock) of a
//!   regular worker in the year makes the figure `None`: its 所定外 minutes
//!   are unknown.
//! - **Paid leave** (ユースエール, 正社員 = regular): the days taken in the
//!   year, out of any grant, ÷ the days granted with a 基準日 in the year —
//!   the KPI utilization's quotient (`paid_leave::year_totals`) restricted
//!   to 正社員; the average's denominator is the 正社員 who held usable
//!   leave in the year or took some (`paid_leave::YOUTH_YELL_PAID_LEAVE`).
//! - **Retention** (10事業年度前前後): hired in the fiscal years
//!   `fy − 11 ..= fy − 9`; remaining = employed on the year's last day.

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::calendar::YearMonth;
use crate::certification::{
    BirthCounts, CategoryMonths, MaleCounts, MonthHours, PaidLeaveFigures, Retention,
    ServiceByGender, Share, WorkerOvertime, YearMinutes,
};
use crate::childcare::{ChildcareSection, childcare_rates};
use crate::overtime::DayOvertime;
use crate::paid_leave::{PaidLeaveSection, holds_leave_between, year_totals};
use crate::records::{
    AttendanceDay, DayType, Employee, EmploymentType, FamilyEvent, Gender, Leave, Work,
};
use crate::report::{OvertimeSection, Period, fiscal_period};
use crate::settings::{DAILY_LIMIT_MINUTES, Settings};
use crate::workforce::{WorkforceSection, employed_on};

/// The figures of one fiscal year that the certification criteria take.
/// A part is `None` when its inputs are missing (no attendance, no family
/// events or leaves, a birth date missing, …); zeros are real zeros.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificationFigures {
    /// The year the 事業年度 starts in.
    pub fiscal_year: i16,
    /// 常時雇用労働者: roster employees employed on the year's last day.
    pub employees: Option<u64>,
    /// For each of the year's 12 (agreement) months: 法定時間外 + 法定休日
    /// minutes of the full-time workers with rows in the month, and their
    /// number. `None` without attendance.
    pub full_time_months: Option<Vec<MonthHours>>,
    /// The age band (inclusive) of `age_band_months`
    /// (`Settings::kurumin_age_band`).
    pub age_band: (u8, u8),
    /// The same for the full-time workers whose age on the month's first
    /// day is in the band. `None` without attendance or when a full-time
    /// worker with rows has no birth date.
    pub age_band_months: Option<Vec<MonthHours>>,
    /// Every worker with rows in the year: 法定時間外 (holiday work
    /// excluded) and the months with rows. `None` without attendance.
    pub worker_overtime: Option<Vec<WorkerOvertime>>,
    /// Per 雇用管理区分 (sorted by name; `""` = no category), the months of
    /// the workers with rows except 事業場外みなし. `None` without
    /// attendance.
    pub category_months: Option<Vec<CategoryMonths>>,
    /// 正社員 所定外労働 of the year and the worker-months it covers. `None`
    /// without attendance or when a regular worker's row is precomputed.
    pub regular_overtime: Option<YearMinutes>,
    /// 正社員 paid leave: grants with a 基準日 in the year (days granted,
    /// days taken within each grant's year), workers = regular employees
    /// with such a grant. `None` without attendance.
    pub paid_leave: Option<PaidLeaveFigures>,
    /// Service by gender of the employees employed on the last day
    /// (completed months).
    pub service: Option<ServiceByGender>,
    /// 10事業年度前前後採用者の継続雇用, by gender.
    pub retention: Option<Retention>,
    /// Women among the regular employees employed on the last day.
    pub regular_women: Option<Share>,
    /// Women among the managers (課長級以上) employed on the last day.
    pub managers: Option<Share>,
    /// Men's 育児休業等 counts. `None` without family events and leaves.
    pub male_childcare: Option<MaleCounts>,
    /// Women's 育児休業 counts. `None` without family events and leaves.
    pub female_childcare: Option<BirthCounts>,
    /// The same for fixed-term (有期雇用) women.
    pub fixed_term_female_childcare: Option<BirthCounts>,
}

impl CertificationFigures {
    /// A year with nothing known (no roster imported): every part `None`,
    /// never zero, so each criterion computed from records is undecidable.
    pub fn unknown(fiscal_year: i16, age_band: (u8, u8)) -> CertificationFigures {
        CertificationFigures {
            fiscal_year,
            employees: None,
            full_time_months: None,
            age_band,
            age_band_months: None,
            worker_overtime: None,
            category_months: None,
            regular_overtime: None,
            paid_leave: None,
            service: None,
            retention: None,
            regular_women: None,
            managers: None,
            male_childcare: None,
            female_childcare: None,
            fixed_term_female_childcare: None,
        }
    }

    /// The year's childcare counts, when all three groups are known.
    pub fn childcare(&self) -> Option<YearChildcare> {
        Some(YearChildcare {
            male: self.male_childcare?,
            female: self.female_childcare?,
            fixed_term_female: self.fixed_term_female_childcare?,
        })
    }
}

/// The childcare counts of one fiscal year, for a
/// [`YearInput`](crate::YearInput).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct YearChildcare {
    /// Men.
    pub male: MaleCounts,
    /// All women.
    pub female: BirthCounts,
    /// Women whose `employment_type` is fixed_term.
    pub fixed_term_female: BirthCounts,
}

impl YearChildcare {
    fn of(all: &ChildcareSection, fixed_term: &ChildcareSection) -> YearChildcare {
        YearChildcare {
            male: MaleCounts {
                births: all.male.births,
                method1_takers: all.male.method1_takers,
                method2_takers: all.male.method2_takers,
            },
            female: BirthCounts {
                births: all.female.births,
                takers: all.female.takers,
            },
            fixed_term_female: BirthCounts {
                births: fixed_term.female.births,
                takers: fixed_term.female.takers,
            },
        }
    }
}

/// The childcare counts of the period `period_from ..= period_to` (a fiscal
/// year) from the roster, family events and leaves alone — for earlier
/// years, without an attendance pass. Same rules as [`childcare_rates`];
/// fixed-term women are those whose current `employment_type` is
/// fixed_term (the roster has no history).
pub fn childcare_counts(
    employees: &[Employee],
    family_events: &[FamilyEvent],
    leaves: &[Leave],
    period_from: Date,
    period_to: Date,
) -> YearChildcare {
    let all = childcare_rates(employees, family_events, leaves, period_from, period_to);
    with_fixed_term(
        &all,
        employees,
        family_events,
        leaves,
        period_from,
        period_to,
    )
}

fn with_fixed_term(
    all: &ChildcareSection,
    employees: &[Employee],
    family_events: &[FamilyEvent],
    leaves: &[Leave],
    from: Date,
    to: Date,
) -> YearChildcare {
    let fixed: Vec<Employee> = employees
        .iter()
        .filter(|e| e.employment_type == EmploymentType::FixedTerm)
        .cloned()
        .collect();
    let fixed_term = childcare_rates(&fixed, family_events, leaves, from, to);
    YearChildcare::of(all, &fixed_term)
}

/// Age in whole years on `on` (one more on each birthday).
fn age_on(birth: Date, on: Date) -> i32 {
    let had_birthday = (on.month(), on.day()) >= (birth.month(), birth.day());
    i32::from(on.year()) - i32::from(birth.year()) - i32::from(!had_birthday)
}

/// Streaming state of one regular employee for 所定外労働.
#[derive(Debug)]
struct RegularState {
    employee_id: String,
    /// 所定労働時間 of a workday, minutes.
    scheduled: u32,
    /// The date of the previous clock row and the workday minutes worked
    /// on it so far (a day may have several rows).
    day: Option<Date>,
    day_worked: u32,
    /// The last month counted in `worker_months`.
    month: Option<YearMonth>,
}

/// The streaming part of the figures: 正社員 所定外労働, fed every row with
/// what [`crate::OvertimeAccumulator::push`] returned for it.
#[derive(Debug)]
pub(crate) struct FiguresTracker {
    first_month: YearMonth,
    agreement_start_day: i8,
    index: HashMap<String, usize>,
    regular: Vec<RegularState>,
    /// The previous row's regular employee (skips the lookup for runs of
    /// rows of one employee).
    last: Option<usize>,
    total_minutes: u64,
    worker_months: u64,
    precomputed: bool,
}

impl FiguresTracker {
    /// For the roster and the agreement year starting with `first_month`.
    /// A duplicated employee id keeps its first row.
    pub(crate) fn new(
        employees: &[Employee],
        settings: &Settings,
        first_month: YearMonth,
    ) -> FiguresTracker {
        let mut index = HashMap::new();
        let mut regular = Vec::new();
        let mut seen = HashSet::new();
        for e in employees {
            if !seen.insert(e.employee_id.as_str()) || e.employment_type != EmploymentType::Regular
            {
                continue;
            }
            let scheduled = if e.weekly_days > 0 {
                e.weekly_minutes / u32::from(e.weekly_days)
            } else {
                DAILY_LIMIT_MINUTES
            };
            index.insert(e.employee_id.clone(), regular.len());
            regular.push(RegularState {
                employee_id: e.employee_id.clone(),
                scheduled,
                day: None,
                day_worked: 0,
                month: None,
            });
        }
        FiguresTracker {
            first_month,
            agreement_start_day: settings.agreement_start_day,
            index,
            regular,
            last: None,
            total_minutes: 0,
            worker_months: 0,
            precomputed: false,
        }
    }

    /// Counts one row (rows of one employee in date order).
    pub(crate) fn record(&mut self, row: &AttendanceDay, day: &DayOvertime) {
        let month = YearMonth::of_agreement(row.date, self.agreement_start_day);
        let offset = month.months_since(self.first_month);
        if !(0..12).contains(&offset) {
            return;
        }
        let i = match self.last {
            Some(i) if self.regular[i].employee_id == row.employee_id => i,
            _ => match self.index.get(row.employee_id.as_str()) {
                Some(&i) => i,
                None => return,
            },
        };
        self.last = Some(i);
        let s = &mut self.regular[i];
        if s.month != Some(month) {
            s.month = Some(month);
            self.worker_months += 1;
        }
        match row.work {
            Work::None => {}
            Work::Precomputed { .. } => self.precomputed = true,
            Work::Clock { .. } => {
                let worked = day.worked_minutes;
                let extra = if row.day_type == DayType::Workday {
                    if s.day != Some(row.date) {
                        s.day = Some(row.date);
                        s.day_worked = 0;
                    }
                    let before = s.day_worked;
                    let after = before + worked;
                    s.day_worked = after;
                    after.saturating_sub(s.scheduled) - before.saturating_sub(s.scheduled)
                } else {
                    // 所定休日 and 法定休日: no scheduled hours at all.
                    worked
                };
                self.total_minutes += u64::from(extra);
            }
        }
    }

    fn regular_overtime(&self) -> Option<YearMinutes> {
        (!self.precomputed).then_some(YearMinutes {
            total_minutes: self.total_minutes,
            worker_months: self.worker_months,
        })
    }
}

/// What the report hands over at the end of the pass.
pub(crate) struct FiguresParts<'a> {
    pub(crate) fiscal_year: i16,
    pub(crate) settings: &'a Settings,
    pub(crate) period: Period,
    pub(crate) first_month: YearMonth,
    pub(crate) roster: &'a [Employee],
    pub(crate) tracker: FiguresTracker,
    /// `Some` when attendance is present.
    pub(crate) overtime: Option<&'a OvertimeSection>,
    pub(crate) paid_leave: Option<&'a PaidLeaveSection>,
    pub(crate) workforce: &'a WorkforceSection,
    /// The report's childcare section (`Some` with family events or leaves)
    /// and those inputs.
    pub(crate) childcare: Option<(&'a ChildcareSection, &'a [FamilyEvent], &'a [Leave])>,
}

fn empty_months(first: YearMonth) -> Vec<MonthHours> {
    (0..12)
        .map(|i| MonthHours {
            month: first.plus(i),
            total_minutes: 0,
            workers: 0,
        })
        .collect()
}

fn add(months: &mut [MonthHours], i: usize, minutes: u64) {
    months[i].total_minutes += minutes;
    months[i].workers += 1;
}

/// The month figures from the overtime section.
struct MonthFigures {
    full_time: Vec<MonthHours>,
    age_band: Option<Vec<MonthHours>>,
    categories: Vec<CategoryMonths>,
    workers: Vec<WorkerOvertime>,
}

fn month_figures(
    overtime: &OvertimeSection,
    roster: &HashMap<&str, &Employee>,
    first: YearMonth,
    band: (u8, u8),
    start_day: i8,
) -> MonthFigures {
    let mut full_time = empty_months(first);
    let mut age_band = empty_months(first);
    let mut band_known = true;
    let mut categories: BTreeMap<String, Vec<MonthHours>> = BTreeMap::new();
    let mut workers = Vec::with_capacity(overtime.employees.len());
    for e in &overtime.employees {
        workers.push(WorkerOvertime {
            employee_id: e.employee_id.clone(),
            legal_overtime_minutes: e.annual_legal_overtime_minutes,
            months: e.months.len() as u64,
        });
        let Some(emp) = roster.get(e.employee_id.as_str()) else {
            continue;
        };
        let full = emp.employment_type != EmploymentType::PartTime;
        for m in &e.months {
            let Ok(i) = usize::try_from(m.month.months_since(first)) else {
                continue;
            };
            if i >= 12 {
                continue;
            }
            let minutes = m.with_holiday_minutes();
            if full {
                add(&mut full_time, i, minutes);
                let first_day = i16::try_from(m.month.year())
                    .ok()
                    .and_then(|y| Date::new(y, m.month.month(), start_day).ok());
                match (emp.birth_date, first_day) {
                    (Some(birth), Some(day)) => {
                        let age = age_on(birth, day);
                        if i32::from(band.0) <= age && age <= i32::from(band.1) {
                            add(&mut age_band, i, minutes);
                        }
                    }
                    _ => band_known = false,
                }
            }
            if !emp.deemed_hours {
                let name = emp.category.clone().unwrap_or_default();
                let months = categories
                    .entry(name)
                    .or_insert_with(|| empty_months(first));
                add(months, i, minutes);
            }
        }
    }
    MonthFigures {
        full_time,
        age_band: band_known.then_some(age_band),
        categories: categories
            .into_iter()
            .map(|(category, months)| CategoryMonths { category, months })
            .collect(),
        workers,
    }
}

/// [`YOUTH_YELL_PAID_LEAVE`](crate::paid_leave::YOUTH_YELL_PAID_LEAVE):
/// the year's totals of the 正社員 through the same
/// [`year_totals`] as the KPI utilization; `workers` = the 正社員 who held
/// usable leave in the year or took some in it.
fn regular_paid_leave(
    section: &PaidLeaveSection,
    roster: &HashMap<&str, &Employee>,
    period: Period,
) -> PaidLeaveFigures {
    let regular = |id: &str| {
        roster
            .get(id)
            .filter(|r| r.employment_type == EmploymentType::Regular)
            .copied()
    };
    let totals = year_totals(section, |id| regular(id).is_some());
    let workers = section
        .employees
        .iter()
        .filter(|e| {
            regular(&e.employee_id).is_some_and(|r| {
                e.taken_in_year.0 > 0 || holds_leave_between(r, period.from, period.to)
            })
        })
        .count() as u64;
    PaidLeaveFigures {
        taken: totals.taken,
        granted_days: totals.granted_days,
        workers,
    }
}

/// Hired in the fiscal years `fy − 11 ..= fy − 9`, by gender; remaining =
/// employed on `last_day`. `None` when those years are out of range.
fn retention(
    roster: &[&Employee],
    settings: &Settings,
    fiscal_year: i16,
    last_day: Date,
) -> Option<Retention> {
    let from = fiscal_period(settings, fiscal_year.checked_sub(11)?)
        .ok()?
        .from;
    let to = fiscal_period(settings, fiscal_year.checked_sub(9)?)
        .ok()?
        .to;
    let mut r = Retention {
        women_hired: 0,
        women_remaining: 0,
        men_hired: 0,
        men_remaining: 0,
    };
    for e in roster
        .iter()
        .filter(|e| from <= e.hire_date && e.hire_date <= to)
    {
        let remaining = u64::from(employed_on(e, last_day));
        match e.gender {
            Gender::Female => {
                r.women_hired += 1;
                r.women_remaining += remaining;
            }
            Gender::Male => {
                r.men_hired += 1;
                r.men_remaining += remaining;
            }
            Gender::Other => {}
        }
    }
    Some(r)
}

/// Builds the figures at the end of the report's pass.
pub(crate) fn build(p: FiguresParts<'_>) -> CertificationFigures {
    let mut roster: HashMap<&str, &Employee> = HashMap::with_capacity(p.roster.len());
    let mut unique: Vec<&Employee> = Vec::with_capacity(p.roster.len());
    for e in p.roster {
        if !roster.contains_key(e.employee_id.as_str()) {
            roster.insert(e.employee_id.as_str(), e);
            unique.push(e);
        }
    }
    let last_day = p.period.to;
    let band = p.settings.kurumin_age_band;
    let months = p.overtime.map(|ot| {
        month_figures(
            ot,
            &roster,
            p.first_month,
            band,
            p.settings.agreement_start_day,
        )
    });
    let attendance = p.overtime.is_some();
    let regular_employed = unique
        .iter()
        .filter(|e| e.employment_type == EmploymentType::Regular && employed_on(e, last_day));
    let mut regular_women = Share { women: 0, total: 0 };
    for e in regular_employed {
        regular_women.total += 1;
        regular_women.women += u64::from(e.gender == Gender::Female);
    }
    let childcare = p.childcare.map(|(all, events, leaves)| {
        with_fixed_term(all, p.roster, events, leaves, p.period.from, last_day)
    });
    let (full_time_months, age_band_months, category_months, worker_overtime) = match months {
        Some(m) => (
            Some(m.full_time),
            m.age_band,
            Some(m.categories),
            Some(m.workers),
        ),
        None => (None, None, None, None),
    };
    let w = p.workforce;
    CertificationFigures {
        fiscal_year: p.fiscal_year,
        employees: Some(w.employees.total),
        full_time_months,
        age_band: band,
        age_band_months,
        worker_overtime,
        category_months,
        regular_overtime: if attendance {
            p.tracker.regular_overtime()
        } else {
            None
        },
        paid_leave: if attendance {
            p.paid_leave
                .map(|s| regular_paid_leave(s, &roster, p.period))
        } else {
            None
        },
        service: Some(ServiceByGender {
            women: w.female_service.employees,
            women_total_months: w.female_service.total_months,
            men: w.male_service.employees,
            men_total_months: w.male_service.total_months,
        }),
        retention: retention(&unique, p.settings, p.fiscal_year, last_day),
        regular_women: Some(regular_women),
        managers: Some(Share {
            women: w.managers.women,
            total: w.managers.total,
        }),
        male_childcare: childcare.map(|c| c.male),
        female_childcare: childcare.map(|c| c.female),
        fixed_term_female_childcare: childcare.map(|c| c.fixed_term_female),
    }
}
