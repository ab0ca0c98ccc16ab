//! Certification readiness (LABOR_RULES §5, §6): くるみん (トライ / くるみん /
//! プラチナ, criteria of 2022-04 and of 2025-04), えるぼし (stages 1–3) and
//! プラチナえるぼし, ユースエール.
//!
//! Pure: [`assess`] takes a [`CertificationInput`] (figures erabareru
//! computed, figures an admin typed in, and yes/no facts erabareru cannot
//! know) and returns one [`MarkResult`] per mark and applicable criteria
//! version, each with every [`Criterion`]: the company's value, the
//! threshold, met or not, the period, and a structured [`Gap`] the UI turns
//! into words.
//!
//! Three-valued verdicts: `met` / `eligible` are `Some(true)`, `Some(false)`
//! or `None` (判定できません — an input is missing). A `None` input never
//! becomes `Some(true)`.
//!
//! # Interpretations (where LABOR_RULES is \[S\] or silent)
//!
//! - くるみん leave rates are measured over the plan period
//!   (`plan_first_fiscal_year ..= fiscal_year`, counts summed); hours
//!   criteria over the base (last) fiscal year.
//! - A rate with a zero denominator (no births, no new graduates, nothing
//!   granted) makes its criterion undecidable, never met or unmet.
//! - **Hours under the 2025 criteria** (docs/decisions.md, "Certification
//!   readings (issue 11)"): the 30 h / age-band rule is くるみん's and
//!   プラチナくるみん's only; トライくるみん keeps the 2022 rule (every month
//!   < 45 h). The 60 h rule is kept for all three marks under both
//!   versions. A month in which no full-time worker is in the age band has
//!   no band average: the band route is then undecidable (a
//!   [`Gap::NobodyInGroup`]), never met; the 30 h route still decides.
//! - **≤ 300 employees (中小事業主の特例)**: for トライくるみん and くるみん,
//!   when the men's or the women's (all women) rate is not met, the special
//!   provisions may still meet it; erabareru has no data for them, so each
//!   is a yes/no fact (`small_employer_male_special`,
//!   `small_employer_female_special`) taken only with ≤ 300 employees.
//!   プラチナくるみん has no special route.
//! - "3-year average" ratios (えるぼし 採用 and promotions, ユースエール
//!   turnover and women's rate) are ratios of 3-year totals.
//! - The くるみん and えるぼし criteria not computed from data are yes/no
//!   [`Facts`]; a fact not answered leaves the mark undecidable.
//!
//! Every comparison is exact integer arithmetic on the raw counts or minutes.
//! Displayed values are rounded *toward the threshold's safe side* (down for
//! "< L" and "≥ L" thresholds, up for "≤ L"), so the number shown and the
//! verdict never disagree (an exact 44.96 h month shows 44.9 and is under
//! 45 h; a 20.01 h average shows 20.1 and is over 20 h).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::calendar::YearMonth;
use crate::rounding::{HalfDays, OneDecimal, percent_rounded_up, percent_truncated};

mod assemble;
mod facts;

pub use assemble::{AssembleArgs, assemble};
pub use facts::{FactGroup, FactLabel, UnknownFact, fact_label_en, fact_label_ja};

// ---------------------------------------------------------------------------
// Constants (LABOR_RULES §5 unless noted; [S] = secondary source there).

/// First application date on which the criteria of 2025-04 apply (改正次世代法
/// in force 2025-04-01, LABOR_RULES §5–6).
pub const CRITERIA_2025_FROM: Date = Date::constant(2025, 4, 1);
/// Last application date on which the criteria of 2022-04 may still be used
/// ("Applications until 2027-03-31 may still use the 2022 criteria", §5 \[S\]).
pub const CRITERIA_2022_UNTIL: Date = Date::constant(2027, 3, 31);
/// Women's 育児休業等取得率 threshold for くるみん marks, in percent (§5).
pub const WOMEN_CHILDCARE_PERCENT: u64 = 75;
/// 2022 criteria: every month the full-time average (法定時間外 + 法定休日)
/// must be under this many hours (§5). Also the 2025 age-band alternative and
/// the えるぼし per-category limit.
pub const MONTHLY_LIMIT_45_HOURS: u64 = 45;
/// 2025 くるみん criteria: every month the full-time average must be under
/// this many hours (§5 \[S\]).
pub const MONTHLY_LIMIT_30_HOURS: u64 = 30;
/// Nobody may average this many hours a month or more of 法定時間外 (§5: 2022
/// くるみん and ユースエール). **Reading (issue 11):** also required under the
/// 2025 くるみん criteria, for every くるみん mark: the 2025 revision changed
/// the monthly average rule of くるみん / プラチナくるみん ("働き方の見直しに
/// 係る基準の見直し", MHLW kurumin page and the 社労士 summaries cited in
/// docs/decisions.md) and none of the summaries found lists the 60 h rule as
/// removed; keeping it can only make a verdict stricter, never met.
pub const WORKER_AVERAGE_LIMIT_HOURS: u64 = 60;
/// Default age band (inclusive) for the 2025 alternative; the band is a
/// setting (`Settings::kurumin_age_band`), one source says 20–39 (§5 \[S\]).
/// The band's figures are an input here; the band is only echoed in the
/// threshold text.
pub const DEFAULT_AGE_BAND: (u8, u8) = (25, 39);
/// "≤ 300 employees" (ユースエール eligibility, えるぼし career-course rule,
/// §5).
pub const SMALL_EMPLOYER_MAX: u64 = 300;
/// 次世代法: employers with this many 常時雇用労働者 or more must set both
/// numeric targets in their plan (§6: "101+").
pub const PLAN_TARGETS_DUTY_FROM: u64 = 101;
/// えるぼし 採用: women's competition ratio × 0.8 < men's (§5 \[S\]), as tenths.
pub const ERUBOSHI_HIRING_FACTOR_TENTHS: u64 = 8;
/// えるぼし 継続就業: women's average service ÷ men's ≥ 0.7 (§5 \[S\]), tenths.
pub const ERUBOSHI_SERVICE_RATIO_TENTHS: u64 = 7;
/// えるぼし 継続就業: 10-year retention women ÷ men ≥ 0.8 (§5 \[S\]), tenths.
pub const ERUBOSHI_RETENTION_RATIO_TENTHS: u64 = 8;
/// えるぼし 管理職比率: promotion-rate ratio women ÷ men ≥ 0.8 (§5 \[S\]).
pub const ERUBOSHI_PROMOTION_RATIO_TENTHS: u64 = 8;
/// えるぼし 多様なキャリアコース: kinds of achievement in 3 years, > 300
/// employees (§5 \[S\]).
pub const ERUBOSHI_CAREER_KINDS_LARGE: u64 = 2;
/// … and ≤ 300 employees.
pub const ERUBOSHI_CAREER_KINDS_SMALL: u64 = 1;
/// ユースエール: 3-year 新卒等離職率 at most this percent (§5 \[O\]).
pub const YOUTH_TURNOVER_MAX_PERCENT: u64 = 20;
/// ユースエール: 正社員 monthly average 所定外労働 at most this many hours
/// (§5 \[O\]).
pub const YOUTH_OVERTIME_MAX_HOURS: u64 = 20;
/// ユースエール: paid-leave rate at least this percent … (§5 \[O\])
pub const YOUTH_PAID_LEAVE_PERCENT: u64 = 70;
/// … or at least this many days on average (§5 \[O\]).
pub const YOUTH_PAID_LEAVE_DAYS: u64 = 10;
/// Fiscal years in the "3-year" figures: the base year and the two before
/// (えるぼし 採用 / promotions / career courses, ユースエール).
pub const THREE_YEARS: i16 = 3;

// ---------------------------------------------------------------------------
// Marks and versions.

/// A certification mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// トライくるみん.
    TryKurumin,
    /// くるみん.
    Kurumin,
    /// プラチナくるみん.
    PlatinumKurumin,
    /// えるぼし (stages 1–3).
    Eruboshi,
    /// プラチナえるぼし.
    PlatinumEruboshi,
    /// ユースエール.
    YouthYell,
}

impl Mark {
    /// Every mark, in display order.
    pub const ALL: [Mark; 6] = [
        Mark::TryKurumin,
        Mark::Kurumin,
        Mark::PlatinumKurumin,
        Mark::Eruboshi,
        Mark::PlatinumEruboshi,
        Mark::YouthYell,
    ];

    /// The mark's id (`try_kurumin`, …), as serialized.
    pub fn id(self) -> &'static str {
        match self {
            Mark::TryKurumin => "try_kurumin",
            Mark::Kurumin => "kurumin",
            Mark::PlatinumKurumin => "platinum_kurumin",
            Mark::Eruboshi => "eruboshi",
            Mark::PlatinumEruboshi => "platinum_eruboshi",
            Mark::YouthYell => "youth_yell",
        }
    }

    /// Whether the mark is one of the くるみん family (the only marks whose
    /// criteria are versioned).
    pub fn is_kurumin(self) -> bool {
        matches!(
            self,
            Mark::TryKurumin | Mark::Kurumin | Mark::PlatinumKurumin
        )
    }
}

/// The くるみん criteria set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum CriteriaVersion {
    /// Criteria of 2022-04.
    #[serde(rename = "2022")]
    Y2022,
    /// Criteria of 2025-04 (改正次世代法).
    #[serde(rename = "2025")]
    Y2025,
}

impl CriteriaVersion {
    /// The criteria sets an application on `application_date` may use:
    /// before 2025-04-01 only 2022; 2025-04-01 ..= 2027-03-31 both (the
    /// applicant picks the more favourable); from 2027-04-01 only 2025.
    pub fn applicable(application_date: Date) -> Vec<CriteriaVersion> {
        let mut v = Vec::with_capacity(2);
        if application_date <= CRITERIA_2022_UNTIL {
            v.push(CriteriaVersion::Y2022);
        }
        if application_date >= CRITERIA_2025_FROM {
            v.push(CriteriaVersion::Y2025);
        }
        v
    }
}

/// 男性育休 thresholds of a くるみん mark: 育休等 rate ≥ `leave_percent`, or
/// 育休等+育児目的休暇 rate ≥ `leave_or_purpose_percent` with at least one
/// man on 育休等 (LABOR_RULES §5 table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MaleThreshold {
    /// Method 1 threshold (A), percent.
    pub leave_percent: u64,
    /// Method 2 threshold (B), percent.
    pub leave_or_purpose_percent: u64,
}

/// The table of §5; `None` for marks that are not くるみん marks.
pub fn male_threshold(mark: Mark, version: CriteriaVersion) -> Option<MaleThreshold> {
    use CriteriaVersion::*;
    let (a, b) = match (mark, version) {
        (Mark::TryKurumin, Y2022) => (7, 15),
        (Mark::TryKurumin, Y2025) => (10, 20),
        (Mark::Kurumin, Y2022) => (10, 20),
        (Mark::Kurumin, Y2025) => (30, 50),
        (Mark::PlatinumKurumin, Y2022) => (30, 50),
        (Mark::PlatinumKurumin, Y2025) => (50, 70),
        _ => return None,
    };
    Some(MaleThreshold {
        leave_percent: a,
        leave_or_purpose_percent: b,
    })
}

// ---------------------------------------------------------------------------
// Inputs.

/// Men's 育児休業等 counts of one fiscal year (see `childcare::MaleChildcare`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MaleCounts {
    /// Men whose spouse gave birth in the year.
    pub births: u64,
    /// Method 1: men who took 育児休業等.
    pub method1_takers: u64,
    /// Method 2: men who took 育児休業等 or 育児目的休暇 (includes method 1).
    pub method2_takers: u64,
}

/// Births and leave takers of one group of women in one fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BirthCounts {
    /// Women who gave birth in the year.
    pub births: u64,
    /// Women who took 育児休業 in the year.
    pub takers: u64,
}

/// Recruitment of one fiscal year (one 雇用管理区分, or all together).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Recruitment {
    /// Women applicants at the start of real selection.
    pub women_applicants: u64,
    /// Women hired.
    pub women_hires: u64,
    /// Men applicants.
    pub men_applicants: u64,
    /// Men hired.
    pub men_hires: u64,
}

/// New graduates (新卒等) hired as 正社員 in one fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NewGraduates {
    /// Hired in the year.
    pub hires: u64,
    /// Of them, left so far (within 3 years of hire).
    pub leavers: u64,
}

/// Promotions to 課長級 from the rank below, one fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Promotions {
    /// Women in the rank below 課長級.
    pub women_candidates: u64,
    /// Of them, promoted to 課長級.
    pub women_promoted: u64,
    /// Men in the rank below.
    pub men_candidates: u64,
    /// Of them, promoted.
    pub men_promoted: u64,
}

/// Figures of one fiscal year; every part optional.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct YearInput {
    /// The year the 事業年度 starts in.
    pub fiscal_year: i16,
    /// Men's 育児休業等 counts.
    pub male_childcare: Option<MaleCounts>,
    /// All women's 育児休業 counts.
    pub female_childcare: Option<BirthCounts>,
    /// Fixed-term (有期雇用) women's counts (2025 くるみん criteria).
    pub fixed_term_female_childcare: Option<BirthCounts>,
    /// Applicants and hires by gender (えるぼし 採用).
    pub recruitment: Option<Recruitment>,
    /// New-graduate hires of the year and their leavers (ユースエール).
    pub new_graduates: Option<NewGraduates>,
    /// Promotions to 課長級 (えるぼし 管理職比率).
    pub promotions: Option<Promotions>,
}

impl YearInput {
    /// An empty year.
    pub fn new(fiscal_year: i16) -> YearInput {
        YearInput {
            fiscal_year,
            ..YearInput::default()
        }
    }
}

/// Legal overtime + legal-holiday work of a group of workers in one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthHours {
    /// The month.
    pub month: YearMonth,
    /// Total minutes of the group in the month.
    pub total_minutes: u64,
    /// Workers in the group (the average's denominator); 0 = no figure.
    pub workers: u64,
}

/// One 雇用管理区分's months (えるぼし 労働時間).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryMonths {
    /// The 雇用管理区分's name.
    pub category: String,
    /// Its months of the base year.
    pub months: Vec<MonthHours>,
}

/// One worker's legal overtime (法定時間外 only) over the base year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkerOvertime {
    /// 社員番号.
    pub employee_id: String,
    /// 法定時間外 in the months counted, in minutes.
    pub legal_overtime_minutes: u64,
    /// Months counted (12 for a full year; fewer for joiners and leavers).
    pub months: u64,
}

/// Minutes of a group of workers over the base year, with the number of
/// worker-months they cover: the monthly average per worker is
/// `total_minutes ÷ 60 ÷ worker_months` hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearMinutes {
    /// Minutes in the whole year, all workers together.
    pub total_minutes: u64,
    /// Sum over the workers of their months with attendance rows in the
    /// year (12 for a worker present all year, fewer for joiners and
    /// leavers).
    pub worker_months: u64,
}

/// 正社員 paid leave of the base year (ユースエール; the figure
/// [`YOUTH_YELL_PAID_LEAVE`](crate::paid_leave::YOUTH_YELL_PAID_LEAVE)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaidLeaveFigures {
    /// Days taken in the year (half days), out of any grant — also leave
    /// taken before the year's 基準日.
    pub taken: HalfDays,
    /// Days granted with a 基準日 in the year (no carry-over).
    pub granted_days: u64,
    /// 正社員 who held usable leave in the year or took some (the
    /// average's denominator).
    pub workers: u64,
}

/// Average service by gender (えるぼし 継続就業).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceByGender {
    /// Women employed on the reference date.
    pub women: u64,
    /// Their completed months of service, summed.
    pub women_total_months: u64,
    /// Men employed on the reference date.
    pub men: u64,
    /// Their completed months of service, summed.
    pub men_total_months: u64,
}

/// 10事業年度前前後採用者の継続雇用 (えるぼし 継続就業).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retention {
    /// Women hired around 10 years before.
    pub women_hired: u64,
    /// Of them, still employed.
    pub women_remaining: u64,
    /// Men hired around 10 years before.
    pub men_hired: u64,
    /// Of them, still employed.
    pub men_remaining: u64,
}

/// Women among a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Share {
    /// Women in the group.
    pub women: u64,
    /// Everybody in the group.
    pub total: u64,
}

/// Yes/no facts erabareru cannot know; `None` = not answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Facts {
    /// 次世代法 一般事業主行動計画 made and filed (届出) with the 労働局.
    pub next_gen_plan_filed: Option<bool>,
    /// The plan published (公表) and made known to workers (周知).
    pub next_gen_plan_published: Option<bool>,
    /// The plan's period is 2–5 years and has ended.
    pub next_gen_plan_period_ok: Option<bool>,
    /// The plan's targets were met.
    pub next_gen_plan_targets_met: Option<bool>,
    /// The plan sets both numeric targets §6 requires of 101+ employers
    /// (men's leave rate, overtime per full-time worker). 2025 criteria.
    pub next_gen_plan_has_required_targets: Option<bool>,
    /// Measures on 所定外労働 / paid leave / ways of working were taken.
    pub working_conditions_measures: Option<bool>,
    /// The men's 育休 rate was published (両立支援のひろば).
    pub men_rate_published: Option<bool>,
    /// ≤ 300 employees: one of the 中小事業主の特例 for the men's criterion
    /// of トライくるみん / くるみん applies (a man took 子の看護等休暇 or used
    /// 育児短時間勤務 in the plan period, the rate over the plan period and
    /// up to 3 years before it reaches the threshold, …).
    pub small_employer_male_special: Option<bool>,
    /// ≤ 300 employees: the 特例 for the women's criterion applies (the
    /// women's rate over the plan period and up to 3 years before it
    /// reaches 75 %).
    pub small_employer_female_special: Option<bool>,
    /// Already holds くるみん (for プラチナくるみん).
    pub holds_kurumin: Option<bool>,
    /// The プラチナくるみん criteria not computed here (women's continued
    /// employment after birth, support measures, …) are met.
    pub platinum_kurumin_extra: Option<bool>,
    /// 女性活躍推進法 一般事業主行動計画 made and filed.
    pub women_plan_filed: Option<bool>,
    /// Women-activity data published on 女性の活躍推進企業データベース.
    pub women_data_published: Option<bool>,
    /// The プラチナえるぼし criteria not computed here (plan targets met,
    /// disclosure of the required items, stricter thresholds) are met.
    pub platinum_eruboshi_extra: Option<bool>,
    /// ユースエール: active youth hiring and a training policy and plan.
    pub youth_recruitment_and_training: Option<bool>,
    /// ユースエール: 青少年雇用情報 published.
    pub youth_information_published: Option<bool>,
    /// No serious violation of labor law (and the other disqualifications).
    pub no_serious_violations: Option<bool>,
}

/// Everything the criteria need; each part optional (`None` = unknown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificationInput {
    /// The base fiscal year (the last complete year, e.g. the plan's last).
    pub fiscal_year: i16,
    /// First month (1–12) of the 事業年度. Default 4.
    pub fiscal_year_start_month: i8,
    /// First fiscal year of the 次世代法 plan period: the くるみん leave
    /// rates are measured over `plan_first_fiscal_year ..= fiscal_year`
    /// (counts summed). `None`: the base year alone.
    pub plan_first_fiscal_year: Option<i16>,
    /// Per-year figures (the base year and earlier years), any order.
    pub years: Vec<YearInput>,
    /// 常時雇用労働者 (employee count).
    pub employees: Option<u64>,
    /// Full-time workers' legal overtime + holiday work per month, base year.
    pub full_time_months: Option<Vec<MonthHours>>,
    /// The same for full-time workers in the age band (2025 alternative).
    pub age_band_months: Option<Vec<MonthHours>>,
    /// The age band of `age_band_months` (for the threshold text).
    pub age_band: (u8, u8),
    /// Per-worker legal overtime of the base year (the 60 h rule).
    pub worker_overtime: Option<Vec<WorkerOvertime>>,
    /// Per 雇用管理区分 months (えるぼし 労働時間).
    pub category_months: Option<Vec<CategoryMonths>>,
    /// 正社員 所定外労働 over the base year (ユースエール), with the
    /// worker-months it covers. Note: 所定外, not 法定時間外.
    pub regular_overtime: Option<YearMinutes>,
    /// 正社員 paid leave of the base year (ユースエール).
    pub paid_leave: Option<PaidLeaveFigures>,
    /// Average service by gender on the base year's last day.
    pub service: Option<ServiceByGender>,
    /// 10-year retention by gender.
    pub retention: Option<Retention>,
    /// Women among 正社員 (えるぼし 採用, alternative).
    pub regular_women: Option<Share>,
    /// Industry average of women among 正社員, percent (typed in).
    pub industry_regular_women_percent: Option<OneDecimal>,
    /// Women among 管理職.
    pub managers: Option<Share>,
    /// Industry average of women among 管理職, percent (typed in).
    pub industry_women_managers_percent: Option<OneDecimal>,
    /// Kinds of 多様なキャリアコース achievements in the last 3 years.
    pub career_course_kinds: Option<u64>,
    /// Yes/no facts.
    pub facts: Facts,
}

impl CertificationInput {
    /// An input with nothing known for the fiscal year `fiscal_year`
    /// (April start).
    pub fn new(fiscal_year: i16) -> CertificationInput {
        CertificationInput {
            fiscal_year,
            fiscal_year_start_month: 4,
            plan_first_fiscal_year: None,
            years: Vec::new(),
            employees: None,
            full_time_months: None,
            age_band_months: None,
            age_band: DEFAULT_AGE_BAND,
            worker_overtime: None,
            category_months: None,
            regular_overtime: None,
            paid_leave: None,
            service: None,
            retention: None,
            regular_women: None,
            industry_regular_women_percent: None,
            managers: None,
            industry_women_managers_percent: None,
            career_course_kinds: None,
            facts: Facts::default(),
        }
    }

    /// The figures of `fiscal_year` (the first entry for it).
    pub fn year(&self, fiscal_year: i16) -> Option<&YearInput> {
        self.years.iter().find(|y| y.fiscal_year == fiscal_year)
    }

    /// The year's entry, created when absent.
    pub fn year_mut(&mut self, fiscal_year: i16) -> &mut YearInput {
        let i = match self.years.iter().position(|y| y.fiscal_year == fiscal_year) {
            Some(i) => i,
            None => {
                self.years.push(YearInput::new(fiscal_year));
                self.years.len() - 1
            }
        };
        &mut self.years[i]
    }

    fn first_month(&self, fiscal_year: i16) -> YearMonth {
        YearMonth::new(i32::from(fiscal_year), self.fiscal_year_start_month)
            .or_else(|| YearMonth::new(i32::from(fiscal_year), 4))
            .unwrap_or_else(|| YearMonth::of_calendar(Date::constant(2000, 4, 1)))
    }

    /// `YYYY-MM..YYYY-MM` of the fiscal years `first ..= last`.
    fn period(&self, first: i16, last: i16) -> String {
        format!(
            "{}..{}",
            self.first_month(first),
            self.first_month(last).plus(11)
        )
    }

    fn base_months(&self) -> Vec<YearMonth> {
        let first = self.first_month(self.fiscal_year);
        (0..12).map(|i| first.plus(i)).collect()
    }

    /// Sums `part` over `first ..= fiscal_year`; `None` when any year lacks it.
    fn sum_years<T: Copy>(
        &self,
        first: i16,
        part: impl Fn(&YearInput) -> Option<T>,
        add: impl Fn(T, T) -> T,
    ) -> Option<T> {
        let mut acc: Option<T> = None;
        for fy in first..=self.fiscal_year {
            let v = part(self.year(fy)?)?;
            acc = Some(match acc {
                Some(a) => add(a, v),
                None => v,
            });
        }
        acc
    }

    fn plan_first(&self) -> i16 {
        self.plan_first_fiscal_year
            .filter(|&f| f <= self.fiscal_year)
            .unwrap_or(self.fiscal_year)
    }

    fn three_year_first(&self) -> i16 {
        self.fiscal_year.saturating_sub(THREE_YEARS - 1)
    }
}

// ---------------------------------------------------------------------------
// Outputs.

/// A criterion's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// A count.
    Count(u64),
    /// A number with one decimal (hours, days, percent), rounded toward the
    /// threshold's safe side (see the module doc).
    Decimal(OneDecimal),
    /// A rate with its counts; `percent` is a whole percent rounded toward
    /// the threshold's safe side (truncated; rounded up only for the "≤"
    /// threshold of `new_graduate_turnover`).
    Rate {
        /// Numerator.
        numerator: u64,
        /// Denominator.
        denominator: u64,
        /// numerator ÷ denominator × 100, truncated.
        percent: u64,
    },
    /// A quotient shown as its two counts (e.g. applicants per hire).
    Fraction {
        /// Numerator.
        numerator: u64,
        /// Denominator.
        denominator: u64,
    },
    /// A yes/no answer.
    Answer(bool),
    /// Several named parts (for "A or B" criteria).
    Parts(Vec<Part>),
}

/// One named part of a [`Value::Parts`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    /// What the part is (`method1`, `age_band`, …).
    pub what: &'static str,
    /// Its value; `None` when unknown.
    pub value: Option<Value>,
}

/// Which men's rate a gap is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RateMethod {
    /// 育児休業等.
    Method1,
    /// 育児休業等 + 育児目的休暇 (with at least one man on 育児休業等).
    Method2,
}

/// What is missing for an unmet or undecidable criterion, as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Gap {
    /// `needed` more men must start leave in the period to reach
    /// `target_percent` (the smallest k with (takers + k) × 100 ≥ target ×
    /// births). `beyond_births`: takers + k exceeds the men whose child was
    /// born in the period, so the target can only be reached with men whose
    /// child was born earlier (they count in the numerator, §3).
    MoreMenTakers {
        /// Which rate.
        method: RateMethod,
        /// Additional takers needed.
        needed: u64,
        /// The threshold, percent.
        target_percent: u64,
        /// The denominator.
        births: u64,
        /// The current numerator.
        takers: u64,
        /// takers + needed > births.
        beyond_births: bool,
    },
    /// `needed` more women must take leave (same arithmetic).
    MoreWomenTakers {
        /// Fixed-term women only.
        fixed_term: bool,
        /// Additional takers needed.
        needed: u64,
        /// The threshold, percent.
        target_percent: u64,
        /// The denominator.
        births: u64,
        /// The current numerator.
        takers: u64,
    },
    /// Months whose average reached the limit.
    MonthsOver {
        /// `full_time`, `age_band`, or a 雇用管理区分's name.
        group: String,
        /// The months, `YYYY-MM`.
        months: Vec<String>,
        /// The limit (the average must be under it), hours.
        limit_hours: u64,
    },
    /// Workers averaging the limit or more per month.
    WorkersOver {
        /// Their ids.
        employee_ids: Vec<String>,
        /// The limit, hours a month.
        limit_hours: u64,
    },
    /// More paid-leave days must be taken.
    MorePaidLeave {
        /// `rate` (toward the percentage) or `average_days`.
        route: &'static str,
        /// Days still to take in total.
        needed: HalfDays,
    },
    /// In these months the group has nobody, so its average — and the route
    /// of the criterion that needs it — does not exist (e.g. no full-time
    /// worker aged 25–39 for the 2025 くるみん alternative).
    NobodyInGroup {
        /// `age_band` (the only group so far).
        group: String,
        /// The months, `YYYY-MM`.
        months: Vec<String>,
    },
    /// Nobody in the denominator: the rate does not exist, so the criterion
    /// cannot be judged from the data.
    NoDenominator {
        /// What is missing (`male_births`, …).
        what: &'static str,
    },
    /// The figure is on the wrong side of the threshold (no simple count
    /// fixes it).
    NotMet {
        /// The criterion's id.
        what: &'static str,
    },
    /// The yes/no fact was answered no.
    AnsweredNo {
        /// The fact.
        what: &'static str,
    },
    /// The input is missing: ask for it.
    Unknown {
        /// The missing input.
        what: &'static str,
    },
    /// Any one of these would meet the criterion.
    OneOf {
        /// The alternatives.
        options: Vec<Gap>,
    },
    /// All of these are needed.
    AllOf {
        /// The parts.
        gaps: Vec<Gap>,
    },
}

/// One criterion of a mark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Criterion {
    /// Stable id (see the report for the list).
    pub id: &'static str,
    /// The company's value; `None` when unknown.
    pub value: Option<Value>,
    /// The threshold, for display (Japanese).
    pub threshold: String,
    /// The same in English.
    pub threshold_en: String,
    /// Met, not met, or `None` = 判定できません.
    pub met: Option<bool>,
    /// The period measured (`2026-04..2027-03`); `None` for yes/no facts.
    pub period: Option<String>,
    /// Whether eligibility needs this criterion. `false` only for the five
    /// えるぼし criteria, which count toward the stage instead.
    pub required: bool,
    /// What is missing when `met` is not `Some(true)`.
    pub gap: Option<Gap>,
}

/// The verdict for one mark under one criteria version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MarkResult {
    /// The mark.
    pub mark: Mark,
    /// くるみん marks: the criteria set. `None` for えるぼし and ユースエール,
    /// whose criteria LABOR_RULES does not version.
    pub criteria_version: Option<CriteriaVersion>,
    /// `Some(true)` only when every required criterion is met; `Some(false)`
    /// when one is not; `None` (判定できません) otherwise.
    pub eligible: Option<bool>,
    /// えるぼし: the stage (1–3) the five criteria give, when the decided
    /// ones fix it (undecided ones could not change it) and `eligible` is
    /// not `Some(false)`. With `eligible == None` it is the stage the company
    /// would get once the open questions are answered yes.
    pub stage: Option<u8>,
    /// Every criterion.
    pub criteria: Vec<Criterion>,
}

// ---------------------------------------------------------------------------
// Three-valued logic and arithmetic.

/// `Some(false)` if any is false, else `None` if any is unknown, else true.
fn all_of(v: impl IntoIterator<Item = Option<bool>>) -> Option<bool> {
    let mut unknown = false;
    for x in v {
        match x {
            Some(false) => return Some(false),
            None => unknown = true,
            Some(true) => {}
        }
    }
    if unknown { None } else { Some(true) }
}

/// `Some(true)` if any is true, else `None` if any is unknown, else false.
fn any_of(v: impl IntoIterator<Item = Option<bool>>) -> Option<bool> {
    let mut unknown = false;
    for x in v {
        match x {
            Some(true) => return Some(true),
            None => unknown = true,
            Some(false) => {}
        }
    }
    if unknown { None } else { Some(false) }
}

fn mul(a: u64, b: u64) -> u128 {
    u128::from(a) * u128::from(b)
}

/// Smallest k with (takers + k) × 100 ≥ target × births. Because the target
/// is a whole percent, this is exactly "the truncated rate reaches target".
pub fn additional_takers_needed(births: u64, takers: u64, target_percent: u64) -> u64 {
    let required = mul(target_percent, births).div_ceil(100);
    u64::try_from(required.saturating_sub(u128::from(takers))).unwrap_or(u64::MAX)
}

/// Whether the truncated rate takers ÷ births reaches `target_percent`
/// (`None` without births).
fn rate_reaches(takers: u64, births: u64, target_percent: u64) -> Option<bool> {
    (births > 0).then(|| mul(takers, 100) >= mul(target_percent, births))
}

fn rate_value(numerator: u64, denominator: u64) -> Option<Value> {
    percent_truncated(numerator, denominator).map(|percent| Value::Rate {
        numerator,
        denominator,
        percent,
    })
}

/// n ÷ d rounded down to one decimal.
fn floor_tenths(n: u128, d: u128) -> Option<OneDecimal> {
    (d > 0).then(|| OneDecimal {
        tenths: u64::try_from(n * 10 / d).unwrap_or(u64::MAX),
    })
}

/// n ÷ d rounded up to one decimal.
fn ceil_tenths(n: u128, d: u128) -> Option<OneDecimal> {
    (d > 0).then(|| OneDecimal {
        tenths: u64::try_from((n * 10).div_ceil(d)).unwrap_or(u64::MAX),
    })
}

fn unknown_gap(met: Option<bool>, what: &'static str) -> Option<Gap> {
    met.is_none().then_some(Gap::Unknown { what })
}

// ---------------------------------------------------------------------------
// Criteria.

/// A yes/no fact as a criterion.
fn fact(id: &'static str, answer: Option<bool>, threshold: &str) -> Criterion {
    Criterion {
        id,
        value: answer.map(Value::Answer),
        threshold: threshold.to_string(),
        threshold_en: "answered yes".to_string(),
        met: answer,
        period: None,
        required: true,
        gap: match answer {
            Some(true) => None,
            Some(false) => Some(Gap::AnsweredNo { what: id }),
            None => Some(Gap::Unknown { what: id }),
        },
    }
}

/// The men's rate ("A or B") over the plan period.
fn male_leave(input: &CertificationInput, t: MaleThreshold) -> Criterion {
    let first = input.plan_first();
    let counts = input.sum_years(
        first,
        |y| y.male_childcare,
        |a, b| MaleCounts {
            births: a.births + b.births,
            method1_takers: a.method1_takers + b.method1_takers,
            method2_takers: a.method2_takers + b.method2_takers,
        },
    );
    let threshold = format!(
        "育休等取得率 ≥ {}%、または育休等・育児目的休暇取得率 ≥ {}%（育休等取得者1人以上）",
        t.leave_percent, t.leave_or_purpose_percent
    );
    let threshold_en = format!(
        "childcare-leave rate ≥ {}%, or childcare leave + childcare-purpose leave rate ≥ {}% (at least one man on childcare leave)",
        t.leave_percent, t.leave_or_purpose_percent
    );
    let (value, met, gap) = match counts {
        None => (
            None,
            None,
            Some(Gap::Unknown {
                what: "male_childcare",
            }),
        ),
        Some(c) if c.births == 0 => (
            None,
            None,
            Some(Gap::NoDenominator {
                what: "male_births",
            }),
        ),
        Some(c) => {
            let a = rate_reaches(c.method1_takers, c.births, t.leave_percent);
            let b = rate_reaches(c.method2_takers, c.births, t.leave_or_purpose_percent)
                .map(|m| m && c.method1_takers >= 1);
            let met = any_of([a, b]);
            let value = Value::Parts(vec![
                Part {
                    what: "method1",
                    value: rate_value(c.method1_takers, c.births),
                },
                Part {
                    what: "method2",
                    value: rate_value(c.method2_takers, c.births),
                },
            ]);
            let gap = (met == Some(false)).then(|| {
                let need1 = additional_takers_needed(c.births, c.method1_takers, t.leave_percent);
                // Each added 育休等 taker also counts in method 2; with no man
                // on 育休等 yet, at least one of the added must take 育休等.
                let need2 = additional_takers_needed(
                    c.births,
                    c.method2_takers,
                    t.leave_or_purpose_percent,
                )
                .max(u64::from(c.method1_takers == 0));
                Gap::OneOf {
                    options: vec![
                        Gap::MoreMenTakers {
                            method: RateMethod::Method1,
                            needed: need1,
                            target_percent: t.leave_percent,
                            births: c.births,
                            takers: c.method1_takers,
                            beyond_births: c.method1_takers.saturating_add(need1) > c.births,
                        },
                        Gap::MoreMenTakers {
                            method: RateMethod::Method2,
                            needed: need2,
                            target_percent: t.leave_or_purpose_percent,
                            births: c.births,
                            takers: c.method2_takers,
                            beyond_births: c.method2_takers.saturating_add(need2) > c.births,
                        },
                    ],
                }
            });
            (Some(value), met, gap)
        }
    };
    Criterion {
        id: "male_childcare_leave",
        value,
        threshold,
        threshold_en,
        met,
        period: Some(input.period(first, input.fiscal_year)),
        required: true,
        gap,
    }
}

/// Women's 育児休業 rate ≥ 75 % over `first ..= fiscal_year`.
fn female_leave(
    input: &CertificationInput,
    id: &'static str,
    first: i16,
    fixed_term: bool,
) -> Criterion {
    let counts = input.sum_years(
        first,
        |y| {
            if fixed_term {
                y.fixed_term_female_childcare
            } else {
                y.female_childcare
            }
        },
        |a, b| BirthCounts {
            births: a.births + b.births,
            takers: a.takers + b.takers,
        },
    );
    let (value, met, gap) = match counts {
        None => (
            None,
            None,
            Some(Gap::Unknown {
                what: if fixed_term {
                    "fixed_term_female_childcare"
                } else {
                    "female_childcare"
                },
            }),
        ),
        Some(c) if c.births == 0 => (
            None,
            None,
            Some(Gap::NoDenominator {
                what: if fixed_term {
                    "fixed_term_female_births"
                } else {
                    "female_births"
                },
            }),
        ),
        Some(c) => {
            let met = rate_reaches(c.takers, c.births, WOMEN_CHILDCARE_PERCENT);
            let gap = (met == Some(false)).then(|| Gap::MoreWomenTakers {
                fixed_term,
                needed: additional_takers_needed(c.births, c.takers, WOMEN_CHILDCARE_PERCENT),
                target_percent: WOMEN_CHILDCARE_PERCENT,
                births: c.births,
                takers: c.takers,
            });
            (rate_value(c.takers, c.births), met, gap)
        }
    };
    Criterion {
        id,
        value,
        threshold: format!("≥ {WOMEN_CHILDCARE_PERCENT}%"),
        threshold_en: format!("≥ {WOMEN_CHILDCARE_PERCENT}%"),
        met,
        period: Some(input.period(first, input.fiscal_year)),
        required: true,
        gap,
    }
}

/// Every month of the base year: average < `limit_hours`.
struct MonthsCheck {
    met: Option<bool>,
    /// The highest monthly average, rounded down.
    worst: Option<OneDecimal>,
    over: Vec<String>,
}

fn check_months(
    input: &CertificationInput,
    months: Option<&[MonthHours]>,
    limit_hours: u64,
) -> MonthsCheck {
    let Some(figures) = months else {
        return MonthsCheck {
            met: None,
            worst: None,
            over: Vec::new(),
        };
    };
    let mut over = Vec::new();
    let mut unknown = false;
    let mut worst: Option<OneDecimal> = None;
    for ym in input.base_months() {
        match figures.iter().find(|m| m.month == ym && m.workers > 0) {
            None => unknown = true,
            Some(m) => {
                // average = total ÷ 60 ÷ workers < limit ⇔ total < limit·60·workers
                if u128::from(m.total_minutes) >= mul(limit_hours * 60, m.workers) {
                    over.push(ym.to_string());
                }
                let avg = floor_tenths(u128::from(m.total_minutes), mul(60, m.workers));
                worst = worst.max(avg);
            }
        }
    }
    let met = if !over.is_empty() {
        Some(false)
    } else if unknown {
        None
    } else {
        Some(true)
    };
    MonthsCheck { met, worst, over }
}

fn months_gap(
    check: &MonthsCheck,
    group: &str,
    limit_hours: u64,
    unknown: &'static str,
) -> Option<Gap> {
    match check.met {
        Some(true) => None,
        Some(false) => Some(Gap::MonthsOver {
            group: group.to_string(),
            months: check.over.clone(),
            limit_hours,
        }),
        None => Some(Gap::Unknown { what: unknown }),
    }
}

/// 2022 くるみん, and トライくるみん under both versions: full-time average
/// < 45 h every month.
fn monthly_hours_under_45(input: &CertificationInput) -> Criterion {
    let c = check_months(
        input,
        input.full_time_months.as_deref(),
        MONTHLY_LIMIT_45_HOURS,
    );
    Criterion {
        id: "full_time_monthly_hours",
        value: c.worst.map(Value::Decimal),
        threshold: format!("各月 < {MONTHLY_LIMIT_45_HOURS}時間（フルタイム労働者の平均）"),
        threshold_en: format!(
            "every month < {MONTHLY_LIMIT_45_HOURS} h (average of full-time workers)"
        ),
        met: c.met,
        period: Some(input.period(input.fiscal_year, input.fiscal_year)),
        required: true,
        gap: months_gap(&c, "full_time", MONTHLY_LIMIT_45_HOURS, "full_time_months"),
    }
}

/// Months of the base year in which full-time workers have rows but none
/// of them is in the age band: the band has no average there.
fn months_without_band_workers(input: &CertificationInput) -> Vec<String> {
    let (Some(all), Some(band)) = (&input.full_time_months, &input.age_band_months) else {
        return Vec::new();
    };
    let workers = |months: &[MonthHours], ym: YearMonth| {
        months
            .iter()
            .find(|m| m.month == ym)
            .map_or(0, |m| m.workers)
    };
    input
        .base_months()
        .into_iter()
        .filter(|&ym| workers(all, ym) > 0 && workers(band, ym) == 0)
        .map(|ym| ym.to_string())
        .collect()
}

/// 2025 くるみん and プラチナくるみん: full-time < 30 h every month, or the
/// age band < 45 h every month.
fn monthly_hours_2025(input: &CertificationInput) -> Criterion {
    let all = check_months(
        input,
        input.full_time_months.as_deref(),
        MONTHLY_LIMIT_30_HOURS,
    );
    let band = check_months(
        input,
        input.age_band_months.as_deref(),
        MONTHLY_LIMIT_45_HOURS,
    );
    // The band route is undecidable, not unknown input, when the band is
    // empty in some month (and no month is over): say so.
    let empty_band = months_without_band_workers(input);
    let band_unknown = || {
        if empty_band.is_empty() {
            Gap::Unknown {
                what: "age_band_months",
            }
        } else {
            Gap::NobodyInGroup {
                group: "age_band".to_string(),
                months: empty_band.clone(),
            }
        }
    };
    let met = any_of([all.met, band.met]);
    let gap = match met {
        Some(true) => None,
        Some(false) => Some(Gap::OneOf {
            options: [
                months_gap(
                    &all,
                    "full_time",
                    MONTHLY_LIMIT_30_HOURS,
                    "full_time_months",
                ),
                months_gap(&band, "age_band", MONTHLY_LIMIT_45_HOURS, "age_band_months"),
            ]
            .into_iter()
            .flatten()
            .collect(),
        }),
        None => {
            let mut missing = Vec::new();
            if all.met.is_none() {
                missing.push(Gap::Unknown {
                    what: "full_time_months",
                });
            }
            if band.met.is_none() {
                missing.push(band_unknown());
            }
            Some(Gap::OneOf { options: missing })
        }
    };
    let (lo, hi) = input.age_band;
    Criterion {
        id: "full_time_monthly_hours",
        value: Some(Value::Parts(vec![
            Part {
                what: "full_time",
                value: all.worst.map(Value::Decimal),
            },
            Part {
                what: "age_band",
                value: band.worst.map(Value::Decimal),
            },
        ])),
        threshold: format!(
            "各月 < {MONTHLY_LIMIT_30_HOURS}時間（フルタイム労働者の平均）、または各月 < {MONTHLY_LIMIT_45_HOURS}時間（{lo}〜{hi}歳のフルタイム労働者の平均）"
        ),
        threshold_en: format!(
            "every month < {MONTHLY_LIMIT_30_HOURS} h (average of full-time workers), or every month < {MONTHLY_LIMIT_45_HOURS} h (average of full-time workers aged {lo}–{hi})"
        ),
        met,
        period: Some(input.period(input.fiscal_year, input.fiscal_year)),
        required: true,
        gap,
    }
}

/// Nobody averaging ≥ 60 h a month of 法定時間外 in the base year.
fn no_worker_60h(input: &CertificationInput) -> Criterion {
    let limit = WORKER_AVERAGE_LIMIT_HOURS;
    let (value, met, gap) = match &input.worker_overtime {
        None => (
            None,
            None,
            Some(Gap::Unknown {
                what: "worker_overtime",
            }),
        ),
        Some(workers) => {
            // average = minutes ÷ 60 ÷ months ≥ 60 ⇔ minutes ≥ 3,600 × months
            let over: Vec<String> = workers
                .iter()
                .filter(|w| {
                    w.months > 0
                        && u128::from(w.legal_overtime_minutes) >= mul(limit * 60, w.months)
                })
                .map(|w| w.employee_id.clone())
                .collect();
            let n = over.len() as u64;
            let gap = (n > 0).then_some(Gap::WorkersOver {
                employee_ids: over,
                limit_hours: limit,
            });
            (Some(Value::Count(n)), Some(n == 0), gap)
        }
    };
    Criterion {
        id: "no_worker_60h",
        value,
        threshold: format!("月平均の法定時間外労働 {limit}時間以上の労働者 0人"),
        threshold_en: format!("no worker averaging {limit} h or more of legal overtime a month"),
        met,
        period: Some(input.period(input.fiscal_year, input.fiscal_year)),
        required: true,
        gap,
    }
}

/// 中小事業主の特例 (≤ 300 employees): a criterion the rate route does not
/// meet is met when the employer has at most 300 employees and answers yes
/// to the special-provision fact `fact_id`; with the count or the answer
/// missing it is undecidable, never met. The special route is an
/// alternative to the rate, so it also decides a rate over a zero
/// denominator.
fn small_employer_special(
    mut c: Criterion,
    input: &CertificationInput,
    fact_id: &'static str,
    answer: Option<bool>,
) -> Criterion {
    let small = input.employees.map(|n| n <= SMALL_EMPLOYER_MAX);
    if c.met == Some(true) || small == Some(false) {
        return c;
    }
    c.threshold
        .push_str(&format!("（{SMALL_EMPLOYER_MAX}人以下は特例あり）"));
    c.threshold_en.push_str(&format!(
        " ({SMALL_EMPLOYER_MAX} or fewer employees: special provisions)"
    ));
    c.met = any_of([c.met, all_of([small, answer])]);
    if c.met == Some(true) {
        c.gap = None;
        return c;
    }
    if answer == Some(false) {
        return c;
    }
    // Without the figures, asking for them comes first.
    if matches!(c.gap, Some(Gap::Unknown { .. })) {
        return c;
    }
    let mut options = match c.gap.take() {
        Some(Gap::OneOf { options }) => options,
        Some(g) => vec![g],
        None => Vec::new(),
    };
    if small.is_none() {
        options.push(Gap::Unknown { what: "employees" });
    }
    options.push(Gap::Unknown { what: fact_id });
    c.gap = Some(Gap::OneOf { options });
    c
}

fn kurumin(input: &CertificationInput, mark: Mark, version: CriteriaVersion) -> MarkResult {
    let f = &input.facts;
    let mut criteria = vec![
        fact(
            "next_gen_plan_filed",
            f.next_gen_plan_filed,
            "一般事業主行動計画を策定し届け出ている",
        ),
        fact(
            "next_gen_plan_published",
            f.next_gen_plan_published,
            "行動計画を公表し労働者に周知している",
        ),
        fact(
            "next_gen_plan_period_ok",
            f.next_gen_plan_period_ok,
            "計画期間が2年以上5年以下で終了している",
        ),
        fact(
            "next_gen_plan_targets_met",
            f.next_gen_plan_targets_met,
            "計画の目標を達成した",
        ),
    ];
    let targets_duty = input.employees.is_none_or(|n| n >= PLAN_TARGETS_DUTY_FROM);
    if version == CriteriaVersion::Y2025 && targets_duty {
        criteria.push(fact(
            "next_gen_plan_has_required_targets",
            f.next_gen_plan_has_required_targets,
            "計画に男性育休等取得率と時間外・休日労働時間の数値目標がある（101人以上）",
        ));
    }
    // 中小事業主の特例 exist for トライくるみん and くるみん, not プラチナ.
    let special = matches!(mark, Mark::TryKurumin | Mark::Kurumin);
    if let Some(t) = male_threshold(mark, version) {
        let c = male_leave(input, t);
        criteria.push(if special {
            small_employer_special(
                c,
                input,
                "small_employer_male_special",
                f.small_employer_male_special,
            )
        } else {
            c
        });
    }
    criteria.push(fact(
        "men_rate_published",
        f.men_rate_published,
        "男性の育児休業等取得状況を公表している",
    ));
    let plan_first = input.plan_first();
    let women = female_leave(input, "female_childcare_leave", plan_first, false);
    criteria.push(if special {
        small_employer_special(
            women,
            input,
            "small_employer_female_special",
            f.small_employer_female_special,
        )
    } else {
        women
    });
    if version == CriteriaVersion::Y2025 {
        criteria.push(female_leave(
            input,
            "fixed_term_female_childcare_leave",
            plan_first,
            true,
        ));
    }
    // The 2025 revision tightened the hours rule of くるみん and プラチナくるみん
    // only; トライくるみん keeps < 45 h (docs/decisions.md, issue 11).
    criteria.push(match (version, mark) {
        (CriteriaVersion::Y2025, Mark::Kurumin | Mark::PlatinumKurumin) => {
            monthly_hours_2025(input)
        }
        _ => monthly_hours_under_45(input),
    });
    criteria.push(no_worker_60h(input));
    criteria.push(fact(
        "working_conditions_measures",
        f.working_conditions_measures,
        "所定外労働の削減・年休の取得促進・働き方の見直しの措置を講じている",
    ));
    if mark == Mark::PlatinumKurumin {
        criteria.push(fact(
            "holds_kurumin",
            f.holds_kurumin,
            "くるみん認定を受けている",
        ));
        criteria.push(fact(
            "platinum_kurumin_extra",
            f.platinum_kurumin_extra,
            "プラチナくるみんのその他の基準（出産後の継続就業率など）を満たす",
        ));
    }
    criteria.push(fact(
        "no_serious_violations",
        f.no_serious_violations,
        "重大な法令違反などがない",
    ));
    finish(mark, Some(version), criteria, None)
}

fn finish(
    mark: Mark,
    criteria_version: Option<CriteriaVersion>,
    criteria: Vec<Criterion>,
    stage: Option<u8>,
) -> MarkResult {
    let eligible = all_of(criteria.iter().filter(|c| c.required).map(|c| c.met));
    MarkResult {
        mark,
        criteria_version,
        eligible,
        stage: if eligible == Some(false) { None } else { stage },
        criteria,
    }
}

// えるぼし ------------------------------------------------------------------

/// (a/b) vs (c/d) as a·d vs c·b with factors: whether f1·a·d ≥ f2·c·b, i.e.
/// (a/b) ÷ (c/d) ≥ f2/f1. `None` when b, d or c is zero.
fn ratio_at_least(a: u64, b: u64, c: u64, d: u64, tenths: u64) -> Option<bool> {
    (b > 0 && d > 0 && c > 0).then(|| mul(a, d) * 10 >= mul(c, b) * u128::from(tenths))
}

/// Share (women ÷ total × 100) ≥ industry average (percent, one decimal).
fn share_at_least(share: Option<Share>, industry: Option<OneDecimal>) -> Option<bool> {
    let (s, avg) = (share?, industry?);
    // women/total·100 ≥ tenths/10 ⇔ 1000·women ≥ tenths·total
    (s.total > 0).then(|| mul(s.women, 1000) >= mul(avg.tenths, s.total))
}

fn share_value(share: Option<Share>) -> Option<Value> {
    share.and_then(|s| rate_value(s.women, s.total))
}

fn eruboshi_hiring(input: &CertificationInput) -> Criterion {
    let first = input.three_year_first();
    let r = input.sum_years(
        first,
        |y| y.recruitment,
        |a, b| Recruitment {
            women_applicants: a.women_applicants + b.women_applicants,
            women_hires: a.women_hires + b.women_hires,
            men_applicants: a.men_applicants + b.men_applicants,
            men_hires: a.men_hires + b.men_hires,
        },
    );
    // (Aw/Hw)·0.8 < Am/Hm ⇔ 8·Aw·Hm < 10·Am·Hw (needs Hw, Hm > 0)
    let ratio = r.and_then(|r| {
        (r.women_hires > 0 && r.men_hires > 0).then(|| {
            mul(r.women_applicants, r.men_hires) * u128::from(ERUBOSHI_HIRING_FACTOR_TENTHS)
                < mul(r.men_applicants, r.women_hires) * 10
        })
    });
    let share = share_at_least(input.regular_women, input.industry_regular_women_percent);
    let met = any_of([ratio, share]);
    let value = Value::Parts(vec![
        Part {
            what: "women_applicants_per_hire",
            value: r.map(|r| Value::Fraction {
                numerator: r.women_applicants,
                denominator: r.women_hires,
            }),
        },
        Part {
            what: "men_applicants_per_hire",
            value: r.map(|r| Value::Fraction {
                numerator: r.men_applicants,
                denominator: r.men_hires,
            }),
        },
        Part {
            what: "regular_women_share",
            value: share_value(input.regular_women),
        },
        Part {
            what: "industry_average",
            value: input.industry_regular_women_percent.map(Value::Decimal),
        },
    ]);
    Criterion {
        id: "eruboshi_hiring",
        value: Some(value),
        threshold: "3年平均の女性の競争倍率 × 0.8 < 男性の競争倍率、または正社員に占める女性割合 ≥ 産業平均".to_string(),
        threshold_en: "3-year women's applicants per hire × 0.8 < men's, or women's share of regular employees ≥ industry average".to_string(),
        met,
        period: Some(input.period(first, input.fiscal_year)),
        required: false,
        gap: or_gap(met, "eruboshi_hiring", [
            (ratio, "recruitment"),
            (share, "regular_women_share_and_industry_average"),
        ]),
    }
}

/// Gap of an "A or B" criterion without a count to show.
fn or_gap<const N: usize>(
    met: Option<bool>,
    id: &'static str,
    routes: [(Option<bool>, &'static str); N],
) -> Option<Gap> {
    match met {
        Some(true) => None,
        Some(false) => Some(Gap::NotMet { what: id }),
        None => Some(Gap::OneOf {
            options: routes
                .iter()
                .filter(|(m, _)| m.is_none())
                .map(|&(_, what)| Gap::Unknown { what })
                .collect(),
        }),
    }
}

fn eruboshi_continued(input: &CertificationInput) -> Criterion {
    let service = input.service.and_then(|s| {
        // (Fm/Fn) ÷ (Mm/Mn) ≥ 0.7 ⇔ 10·Fm·Mn ≥ 7·Mm·Fn
        ratio_at_least(
            s.women_total_months,
            s.women,
            s.men_total_months,
            s.men,
            ERUBOSHI_SERVICE_RATIO_TENTHS,
        )
    });
    let retention = input.retention.and_then(|r| {
        ratio_at_least(
            r.women_remaining,
            r.women_hired,
            r.men_remaining,
            r.men_hired,
            ERUBOSHI_RETENTION_RATIO_TENTHS,
        )
    });
    let met = any_of([service, retention]);
    let value = Value::Parts(vec![
        Part {
            what: "women_average_service_years",
            value: input.service.and_then(|s| {
                floor_tenths(u128::from(s.women_total_months), mul(12, s.women)).map(Value::Decimal)
            }),
        },
        Part {
            what: "men_average_service_years",
            value: input.service.and_then(|s| {
                floor_tenths(u128::from(s.men_total_months), mul(12, s.men)).map(Value::Decimal)
            }),
        },
        Part {
            what: "women_retention",
            value: input
                .retention
                .and_then(|r| rate_value(r.women_remaining, r.women_hired)),
        },
        Part {
            what: "men_retention",
            value: input
                .retention
                .and_then(|r| rate_value(r.men_remaining, r.men_hired)),
        },
    ]);
    Criterion {
        id: "eruboshi_continued_employment",
        value: Some(value),
        threshold: "女性の平均継続勤務年数 ÷ 男性 ≥ 0.7、または10事業年度前前後採用者の継続雇用割合 女性 ÷ 男性 ≥ 0.8".to_string(),
        threshold_en: "women's average years of service ÷ men's ≥ 0.7, or 10-year retention women ÷ men ≥ 0.8".to_string(),
        met,
        period: Some(input.period(input.fiscal_year, input.fiscal_year)),
        required: false,
        gap: or_gap(met, "eruboshi_continued_employment", [
            (service, "service"),
            (retention, "retention"),
        ]),
    }
}

fn eruboshi_hours(input: &CertificationInput) -> Criterion {
    let (value, met, gap) = match input.category_months.as_deref() {
        None | Some([]) => (
            None,
            None,
            Some(Gap::Unknown {
                what: "category_months",
            }),
        ),
        Some(categories) => {
            let checks: Vec<(&CategoryMonths, MonthsCheck)> = categories
                .iter()
                .map(|c| {
                    (
                        c,
                        check_months(input, Some(&c.months), MONTHLY_LIMIT_45_HOURS),
                    )
                })
                .collect();
            let met = all_of(checks.iter().map(|(_, c)| c.met));
            let gaps: Vec<Gap> = checks
                .iter()
                .filter(|(_, c)| c.met != Some(true))
                .map(|(cat, c)| match c.met {
                    Some(false) => Gap::MonthsOver {
                        group: cat.category.clone(),
                        months: c.over.clone(),
                        limit_hours: MONTHLY_LIMIT_45_HOURS,
                    },
                    _ => Gap::Unknown {
                        what: "category_months",
                    },
                })
                .collect();
            let worst = checks.iter().filter_map(|(_, c)| c.worst).max();
            let gap = (met != Some(true)).then_some(Gap::AllOf { gaps });
            (worst.map(Value::Decimal), met, gap)
        }
    };
    Criterion {
        id: "eruboshi_working_hours",
        value,
        threshold: format!(
            "雇用管理区分ごとに各月 < {MONTHLY_LIMIT_45_HOURS}時間（法定時間外＋法定休日の平均）"
        ),
        threshold_en: format!(
            "in each employment category, every month < {MONTHLY_LIMIT_45_HOURS} h (average legal overtime + legal-holiday work)"
        ),
        met,
        period: Some(input.period(input.fiscal_year, input.fiscal_year)),
        required: false,
        gap,
    }
}

fn eruboshi_managers(input: &CertificationInput) -> Criterion {
    let first = input.three_year_first();
    let share = share_at_least(input.managers, input.industry_women_managers_percent);
    let p = input.sum_years(
        first,
        |y| y.promotions,
        |a, b| Promotions {
            women_candidates: a.women_candidates + b.women_candidates,
            women_promoted: a.women_promoted + b.women_promoted,
            men_candidates: a.men_candidates + b.men_candidates,
            men_promoted: a.men_promoted + b.men_promoted,
        },
    );
    let promotion = p.and_then(|p| {
        ratio_at_least(
            p.women_promoted,
            p.women_candidates,
            p.men_promoted,
            p.men_candidates,
            ERUBOSHI_PROMOTION_RATIO_TENTHS,
        )
    });
    let met = any_of([share, promotion]);
    let value = Value::Parts(vec![
        Part {
            what: "women_managers_share",
            value: share_value(input.managers),
        },
        Part {
            what: "industry_average",
            value: input.industry_women_managers_percent.map(Value::Decimal),
        },
        Part {
            what: "women_promotion_rate",
            value: p.and_then(|p| rate_value(p.women_promoted, p.women_candidates)),
        },
        Part {
            what: "men_promotion_rate",
            value: p.and_then(|p| rate_value(p.men_promoted, p.men_candidates)),
        },
    ]);
    Criterion {
        id: "eruboshi_managers",
        value: Some(value),
        threshold:
            "管理職に占める女性割合 ≥ 産業平均、または3年平均の課長級への昇進率 女性 ÷ 男性 ≥ 0.8"
                .to_string(),
        threshold_en: "women's share of managers ≥ industry average, or 3-year promotion rate to section manager women ÷ men ≥ 0.8".to_string(),
        met,
        period: Some(input.period(first, input.fiscal_year)),
        required: false,
        gap: or_gap(
            met,
            "eruboshi_managers",
            [
                (share, "managers_and_industry_average"),
                (promotion, "promotions"),
            ],
        ),
    }
}

fn eruboshi_career(input: &CertificationInput) -> Criterion {
    let required = input.employees.map(|n| {
        if n <= SMALL_EMPLOYER_MAX {
            ERUBOSHI_CAREER_KINDS_SMALL
        } else {
            ERUBOSHI_CAREER_KINDS_LARGE
        }
    });
    let met = input.career_course_kinds.and_then(|k| match required {
        Some(r) => Some(k >= r),
        // Size unknown: decided only when both thresholds agree.
        None if k >= ERUBOSHI_CAREER_KINDS_LARGE => Some(true),
        None if k < ERUBOSHI_CAREER_KINDS_SMALL => Some(false),
        None => None,
    });
    let gap = match met {
        Some(true) => None,
        Some(false) => Some(Gap::NotMet {
            what: "eruboshi_career_courses",
        }),
        None if input.career_course_kinds.is_none() => Some(Gap::Unknown {
            what: "career_course_kinds",
        }),
        None => Some(Gap::Unknown { what: "employees" }),
    };
    Criterion {
        id: "eruboshi_career_courses",
        value: input.career_course_kinds.map(Value::Count),
        threshold: format!(
            "直近3事業年度の多様なキャリアコースの実績 ≥ {ERUBOSHI_CAREER_KINDS_LARGE}種類（{SMALL_EMPLOYER_MAX}人以下は ≥ {ERUBOSHI_CAREER_KINDS_SMALL}種類）"
        ),
        threshold_en: format!(
            "diverse career-course achievements in the last 3 years ≥ {ERUBOSHI_CAREER_KINDS_LARGE} kinds (≥ {ERUBOSHI_CAREER_KINDS_SMALL} with {SMALL_EMPLOYER_MAX} or fewer employees)"
        ),
        met,
        period: Some(input.period(input.three_year_first(), input.fiscal_year)),
        required: false,
        gap,
    }
}

/// えるぼし stage from the number of criteria met (1–2 → 1, 3–4 → 2, 5 → 3).
pub fn eruboshi_stage(criteria_met: usize) -> Option<u8> {
    match criteria_met {
        0 => None,
        1 | 2 => Some(1),
        3 | 4 => Some(2),
        _ => Some(3),
    }
}

fn eruboshi_five(input: &CertificationInput) -> Vec<Criterion> {
    vec![
        eruboshi_hiring(input),
        eruboshi_continued(input),
        eruboshi_hours(input),
        eruboshi_managers(input),
        eruboshi_career(input),
    ]
}

fn eruboshi_facts(input: &CertificationInput) -> Vec<Criterion> {
    let f = &input.facts;
    vec![
        fact(
            "women_plan_filed",
            f.women_plan_filed,
            "女性活躍推進法の一般事業主行動計画を策定し届け出ている",
        ),
        fact(
            "women_data_published",
            f.women_data_published,
            "女性の活躍推進企業データベースで情報を公表している",
        ),
        fact(
            "no_serious_violations",
            f.no_serious_violations,
            "重大な法令違反などがない",
        ),
    ]
}

fn eruboshi(input: &CertificationInput) -> MarkResult {
    let five = eruboshi_five(input);
    let met = five.iter().filter(|c| c.met == Some(true)).count();
    let undecided = five.iter().filter(|c| c.met.is_none()).count();
    // At least one met → Some(true); all five decided and none met → false.
    let count_met = if met > 0 {
        Some(true)
    } else if undecided == 0 {
        Some(false)
    } else {
        None
    };
    let low = eruboshi_stage(met);
    let high = eruboshi_stage(met + undecided);
    let stage = if low == high { low } else { None };
    let mut criteria = eruboshi_facts(input);
    criteria.push(Criterion {
        id: "eruboshi_criteria_met",
        value: Some(Value::Count(met as u64)),
        threshold: "5つの基準のうち ≥ 1（1〜2: 1段階目、3〜4: 2段階目、5: 3段階目）".to_string(),
        threshold_en: "≥ 1 of the 5 criteria (1–2: stage 1, 3–4: stage 2, 5: stage 3)".to_string(),
        met: count_met,
        period: None,
        required: true,
        gap: match count_met {
            Some(true) => None,
            Some(false) => Some(Gap::NotMet {
                what: "eruboshi_criteria_met",
            }),
            None => Some(Gap::Unknown {
                what: "eruboshi_criteria",
            }),
        },
    });
    criteria.extend(five);
    finish(Mark::Eruboshi, None, criteria, stage)
}

fn platinum_eruboshi(input: &CertificationInput) -> MarkResult {
    let mut criteria = eruboshi_facts(input);
    criteria.extend(eruboshi_five(input).into_iter().map(|mut c| {
        c.required = true;
        c
    }));
    criteria.push(fact(
        "platinum_eruboshi_extra",
        input.facts.platinum_eruboshi_extra,
        "プラチナえるぼしのその他の基準（行動計画の目標達成、公表項目、より高い水準）を満たす",
    ));
    finish(Mark::PlatinumEruboshi, None, criteria, None)
}

// ユースエール ----------------------------------------------------------------

fn youth_yell(input: &CertificationInput) -> MarkResult {
    let f = &input.facts;
    let fy = input.fiscal_year;
    let base = Some(input.period(fy, fy));
    let first3 = input.three_year_first();
    let three = Some(input.period(first3, fy));
    let mut criteria = Vec::new();

    let small = input.employees.map(|n| n <= SMALL_EMPLOYER_MAX);
    criteria.push(Criterion {
        id: "employees_at_most_300",
        value: input.employees.map(Value::Count),
        threshold: format!("常時雇用労働者 ≤ {SMALL_EMPLOYER_MAX}人"),
        threshold_en: format!("regular employees ≤ {SMALL_EMPLOYER_MAX}"),
        met: small,
        period: None,
        required: true,
        gap: match small {
            Some(false) => Some(Gap::NotMet {
                what: "employees_at_most_300",
            }),
            _ => unknown_gap(small, "employees"),
        },
    });

    // 新卒等離職率 ≤ 20 % ⇔ 100·leavers ≤ 20·hires
    let grads = input.sum_years(
        first3,
        |y| y.new_graduates,
        |a, b| NewGraduates {
            hires: a.hires + b.hires,
            leavers: a.leavers + b.leavers,
        },
    );
    let turnover_met = grads.and_then(|g| {
        (g.hires > 0).then(|| mul(g.leavers, 100) <= mul(YOUTH_TURNOVER_MAX_PERCENT, g.hires))
    });
    criteria.push(Criterion {
        id: "new_graduate_turnover",
        // "≤" threshold: the percent is shown rounded up so it agrees.
        value: grads.and_then(|g| {
            (g.hires > 0).then(|| Value::Rate {
                numerator: g.leavers,
                denominator: g.hires,
                percent: percent_rounded_up(g.leavers, g.hires).unwrap_or(u64::MAX),
            })
        }),
        threshold: format!("直近3事業年度の新卒等離職率 ≤ {YOUTH_TURNOVER_MAX_PERCENT}%"),
        threshold_en: format!(
            "new graduates leaving within 3 years, last 3 years ≤ {YOUTH_TURNOVER_MAX_PERCENT}%"
        ),
        met: turnover_met,
        period: three.clone(),
        required: true,
        gap: match (grads, turnover_met) {
            (_, Some(true)) => None,
            (_, Some(false)) => Some(Gap::NotMet {
                what: "new_graduate_turnover",
            }),
            (None, None) => Some(Gap::Unknown {
                what: "new_graduates",
            }),
            (Some(_), None) => Some(Gap::NoDenominator {
                what: "new_graduate_hires",
            }),
        },
    });

    // 所定外 average per worker-month ≤ 20 h
    //   ⇔ total ÷ 60 ÷ worker_months ≤ 20 ⇔ total ≤ 20·60·worker_months
    let ro = input.regular_overtime;
    let ro_met = ro.and_then(|r| {
        (r.worker_months > 0).then(|| {
            u128::from(r.total_minutes) <= mul(YOUTH_OVERTIME_MAX_HOURS * 60, r.worker_months)
        })
    });
    criteria.push(Criterion {
        id: "regular_monthly_overtime",
        value: ro
            .and_then(|r| ceil_tenths(u128::from(r.total_minutes), mul(60, r.worker_months)))
            .map(Value::Decimal),
        threshold: format!("正社員の月平均所定外労働時間 ≤ {YOUTH_OVERTIME_MAX_HOURS}時間"),
        threshold_en: format!("regular employees' monthly average overtime beyond scheduled hours ≤ {YOUTH_OVERTIME_MAX_HOURS} h"),
        met: ro_met,
        period: base.clone(),
        required: true,
        gap: match ro_met {
            Some(false) => Some(Gap::NotMet {
                what: "regular_monthly_overtime",
            }),
            _ => unknown_gap(ro_met, "regular_overtime"),
        },
    });

    criteria.push(no_worker_60h(input));

    // Paid leave: rate ≥ 70 % or average ≥ 10 days.
    let pl = input.paid_leave;
    let rate_met = pl.and_then(|p| {
        // taken/2 ÷ granted ≥ 0.7 ⇔ 100·taken_half ≥ 140·granted
        (p.granted_days > 0)
            .then(|| mul(p.taken.0, 100) >= mul(YOUTH_PAID_LEAVE_PERCENT * 2, p.granted_days))
    });
    let days_met = pl.and_then(|p| {
        (p.workers > 0).then(|| u128::from(p.taken.0) >= mul(YOUTH_PAID_LEAVE_DAYS * 2, p.workers))
    });
    let leave_met = any_of([rate_met, days_met]);
    let leave_gap = match (pl, leave_met) {
        (_, Some(true)) => None,
        (None, _) => Some(Gap::Unknown { what: "paid_leave" }),
        (Some(p), Some(false)) => {
            let rate_need = mul(YOUTH_PAID_LEAVE_PERCENT * 2, p.granted_days)
                .div_ceil(100)
                .saturating_sub(u128::from(p.taken.0));
            let days_need =
                mul(YOUTH_PAID_LEAVE_DAYS * 2, p.workers).saturating_sub(u128::from(p.taken.0));
            let half = |v: u128| HalfDays(u64::try_from(v).unwrap_or(u64::MAX));
            Some(Gap::OneOf {
                options: vec![
                    Gap::MorePaidLeave {
                        route: "rate",
                        needed: half(rate_need),
                    },
                    Gap::MorePaidLeave {
                        route: "average_days",
                        needed: half(days_need),
                    },
                ],
            })
        }
        (Some(_), None) => Some(Gap::NoDenominator {
            what: "paid_leave_granted_or_workers",
        }),
    };
    criteria.push(Criterion {
        id: "paid_leave",
        value: pl.map(|p| {
            Value::Parts(vec![
                Part {
                    what: "rate_percent",
                    value: floor_tenths(mul(p.taken.0, 50), u128::from(p.granted_days))
                        .map(Value::Decimal),
                },
                Part {
                    what: "average_days",
                    value: floor_tenths(u128::from(p.taken.0), mul(2, p.workers))
                        .map(Value::Decimal),
                },
            ])
        }),
        threshold: format!(
            "正社員の年次有給休暇の取得率 ≥ {YOUTH_PAID_LEAVE_PERCENT}%、または平均取得日数 ≥ {YOUTH_PAID_LEAVE_DAYS}日"
        ),
        threshold_en: format!(
            "regular employees' paid-leave rate ≥ {YOUTH_PAID_LEAVE_PERCENT}%, or ≥ {YOUTH_PAID_LEAVE_DAYS} days on average"
        ),
        met: leave_met,
        period: base.clone(),
        required: true,
        gap: leave_gap,
    });

    // Childcare: in 3 years ≥ 1 man on 育休等, or women's rate ≥ 75 %.
    let men = input.sum_years(
        first3,
        |y| y.male_childcare.map(|m| m.method1_takers),
        |a, b| a + b,
    );
    // One year with a male taker decides it even when other years are unknown.
    let any_man = (first3..=fy).any(|y| {
        input
            .year(y)
            .and_then(|y| y.male_childcare)
            .is_some_and(|m| m.method1_takers >= 1)
    });
    let men_met = if any_man {
        Some(true)
    } else {
        men.map(|n| n >= 1)
    };
    let women = female_leave(input, "female_childcare_leave", first3, false);
    let cc_met = any_of([men_met, women.met]);
    criteria.push(Criterion {
        id: "youth_childcare",
        value: Some(Value::Parts(vec![
            Part {
                what: "men_on_childcare_leave",
                value: men.map(Value::Count),
            },
            Part {
                what: "women_rate",
                value: women.value.clone(),
            },
        ])),
        threshold: format!(
            "直近3事業年度に育休等を取得した男性 ≥ 1人、または女性の育児休業等取得率 ≥ {WOMEN_CHILDCARE_PERCENT}%"
        ),
        threshold_en: format!(
            "in the last 3 years ≥ 1 man on childcare leave, or women's childcare-leave rate ≥ {WOMEN_CHILDCARE_PERCENT}%"
        ),
        met: cc_met,
        period: three,
        required: true,
        gap: match cc_met {
            Some(true) => None,
            _ => {
                let mut options = Vec::new();
                match men_met {
                    None => options.push(Gap::Unknown {
                        what: "male_childcare",
                    }),
                    _ => options.push(Gap::NotMet {
                        what: "men_on_childcare_leave",
                    }),
                }
                if let Some(g) = women.gap {
                    options.push(g);
                }
                Some(Gap::OneOf { options })
            }
        },
    });

    criteria.push(fact(
        "youth_recruitment_and_training",
        f.youth_recruitment_and_training,
        "若者の採用・育成に積極的で、人材育成方針と教育訓練計画がある",
    ));
    criteria.push(fact(
        "youth_information_published",
        f.youth_information_published,
        "青少年雇用情報を公表している",
    ));
    criteria.push(fact(
        "no_serious_violations",
        f.no_serious_violations,
        "重大な法令違反などがない",
    ));
    finish(Mark::YouthYell, None, criteria, None)
}

// ---------------------------------------------------------------------------

/// Every mark for every applicable criteria version: the くるみん marks once
/// per [`CriteriaVersion::applicable`] version (2022 first), then えるぼし,
/// プラチナえるぼし and ユースエール once each.
///
/// ```
/// use jiff::civil::date;
/// use kpi::certification::{CertificationInput, MaleCounts, Mark, assess};
///
/// let mut input = CertificationInput::new(2026);
/// // Over 300 employees: no special provision can meet the men's criterion.
/// input.employees = Some(500);
/// input.year_mut(2026).male_childcare = Some(MaleCounts {
///     births: 20,
///     method1_takers: 4,
///     method2_takers: 4,
/// });
/// let results = assess(&input, date(2027, 4, 1)); // 2025 criteria only
/// let kurumin = results.iter().find(|r| r.mark == Mark::Kurumin).unwrap();
/// // 4 of 20 = 20 % < 30 %: not met, so not eligible whatever else is unknown.
/// assert_eq!(kurumin.eligible, Some(false));
/// ```
pub fn assess(input: &CertificationInput, application_date: Date) -> Vec<MarkResult> {
    let mut out = Vec::new();
    for version in CriteriaVersion::applicable(application_date) {
        for mark in [Mark::TryKurumin, Mark::Kurumin, Mark::PlatinumKurumin] {
            out.push(kurumin(input, mark, version));
        }
    }
    out.push(eruboshi(input));
    out.push(platinum_eruboshi(input));
    out.push(youth_yell(input));
    out
}
