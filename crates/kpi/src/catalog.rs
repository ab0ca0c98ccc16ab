//! The one catalog of figures (指標の定義): every figure erabareru shows, on any
//! page, export or the CLI, takes its name, definition, legal basis,
//! population, period, unit and rounding from here. `/definitions` lists it
//! for the public and every figure on a page links to its entry
//! (`/definitions#<id>`).
//!
//! The rounding sentence of an entry is not written by hand: it is
//! [`Rounding::describe_ja`] / [`Rounding::describe_en`] of the entry's
//! [`Rounding`], and the tests check that [`Rounding::apply`] is what the
//! function computing the figure does.

use serde::Serialize;

use crate::rounding::{
    OneDecimal, half_up_one_decimal, percent_half_up_one_decimal, percent_rounded_up,
    percent_truncated,
};

/// A text in Japanese and English (the kpi crate knows nothing of i18n).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Text {
    pub ja: &'static str,
    pub en: &'static str,
}

impl Text {
    /// The text in `lang` ("en" gives English, anything else Japanese).
    pub fn pick(&self, lang: &str) -> &'static str {
        if lang == "en" { self.en } else { self.ja }
    }
}

const fn t(ja: &'static str, en: &'static str) -> Text {
    Text { ja, en }
}

/// What a figure is measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// 時間.
    Hours,
    /// %.
    Percent,
    /// 日.
    Days,
    /// 年.
    Years,
    /// 人.
    People,
    /// 倍 (a ratio such as a competition ratio).
    Ratio,
    /// 種類 (kinds of achievement, e.g. えるぼし's career courses).
    Kinds,
    /// Yen per hour worked.
    YenPerHour,
    /// 件 (inquiries, applications).
    Cases,
    /// 分 (minutes of a working day).
    Minutes,
    /// 時刻 (a time of day, such as the end of work).
    TimeOfDay,
    /// 点 (a mean on a 5-point scale, 1.0–5.0).
    Points,
}

impl Unit {
    pub fn label(self) -> Text {
        match self {
            Unit::Hours => t("時間", "hours"),
            Unit::Percent => t("%", "%"),
            Unit::Days => t("日", "days"),
            Unit::Years => t("年", "years"),
            Unit::People => t("人", "people"),
            Unit::Ratio => t("倍", "times"),
            Unit::Kinds => t("種類", "kinds"),
            Unit::YenPerHour => t("円/時間", "yen per hour"),
            Unit::Cases => t("件", "inquiries"),
            Unit::Minutes => t("分", "minutes"),
            Unit::TimeOfDay => t("時刻", "time of day"),
            Unit::Points => t("点", "points"),
        }
    }
}

/// How a figure is rounded from its raw numerator and denominator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// numerator ÷ denominator, one decimal, half up (小数第2位を四捨五入).
    HalfUpOneDecimal,
    /// numerator ÷ denominator × 100, one decimal, half up.
    PercentHalfUpOneDecimal,
    /// numerator ÷ denominator × 100, truncated to a whole percent
    /// (小数点以下を切り捨て).
    PercentTruncated,
    /// numerator ÷ denominator (× 100 for a percent), rounded down to one
    /// decimal: the certification pages show a value on the side of the
    /// criterion's "≥" / "<" that the exact counts are on.
    DownOneDecimal,
    /// numerator ÷ denominator, rounded up to one decimal: the certification
    /// pages' value for a "≤" criterion (the side the exact value is on).
    UpOneDecimal,
    /// A count: no rounding.
    Count,
    /// numerator ÷ denominator × 100, rounded up to a whole percent
    /// (小数点以下を切り上げ): the certification pages' value for a "≤ L %"
    /// criterion (ユースエール's 新卒等離職率), on the side the exact rate is on.
    PercentRoundedUp,
    /// Half away from zero to a whole number (yen per hour).
    WholeHalfUp,
}

impl Rounding {
    /// The figure from its raw parts, in tenths (a whole percent `p` is
    /// `p * 10` tenths), or `None` for a zero denominator.
    pub fn apply(self, numerator: u64, denominator: u64) -> Option<u64> {
        match self {
            Rounding::HalfUpOneDecimal => half_up_one_decimal(numerator, denominator).map(tenths),
            Rounding::PercentHalfUpOneDecimal => {
                percent_half_up_one_decimal(numerator, denominator).map(tenths)
            }
            Rounding::PercentTruncated => percent_truncated(numerator, denominator).map(|p| p * 10),
            Rounding::DownOneDecimal => {
                (denominator != 0).then(|| numerator.saturating_mul(10) / denominator)
            }
            Rounding::UpOneDecimal => {
                (denominator != 0).then(|| numerator.saturating_mul(10).div_ceil(denominator))
            }
            Rounding::Count => Some(numerator * 10),
            Rounding::PercentRoundedUp => {
                percent_rounded_up(numerator, denominator).map(|p| p * 10)
            }
            Rounding::WholeHalfUp => (denominator != 0).then(|| {
                numerator
                    .saturating_mul(2)
                    .saturating_add(denominator)
                    .div_euclid(denominator.saturating_mul(2))
                    * 10
            }),
        }
    }

    pub fn describe(self) -> Text {
        match self {
            Rounding::HalfUpOneDecimal | Rounding::PercentHalfUpOneDecimal => t(
                "小数第2位を四捨五入し、小数第1位まで示します。",
                "Rounded half up to one decimal.",
            ),
            Rounding::PercentTruncated => t(
                "小数点以下を切り捨て、整数の%で示します。",
                "Truncated to a whole percent.",
            ),
            Rounding::DownOneDecimal => t(
                "小数第2位以下を切り捨て、小数第1位まで示します（認定基準との比較は端数処理前の値で行います）。",
                "Rounded down to one decimal (the criterion is judged on the exact value).",
            ),
            Rounding::UpOneDecimal => t(
                "小数第2位以下を切り上げ、小数第1位まで示します（認定基準との比較は端数処理前の値で行います）。",
                "Rounded up to one decimal (the criterion is judged on the exact value).",
            ),
            Rounding::Count => t("人数・件数をそのまま示します。", "A count, not rounded."),
            Rounding::PercentRoundedUp => t(
                "小数点以下を切り上げ、整数の%で示します（認定基準との比較は端数処理前の値で行います）。",
                "Rounded up to a whole percent (the criterion is judged on the exact value).",
            ),
            Rounding::WholeHalfUp => t(
                "小数第1位を四捨五入し、整数で示します。",
                "Rounded half up to a whole number.",
            ),
        }
    }

    pub fn describe_ja(self) -> &'static str {
        self.describe().ja
    }

    pub fn describe_en(self) -> &'static str {
        self.describe().en
    }
}

fn tenths(d: OneDecimal) -> u64 {
    d.tenths
}

/// Over which time a figure is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// Each calendar month of the fiscal year (April–March by default).
    EachMonth,
    /// The fiscal year (事業年度), April–March by default.
    FiscalYear,
    /// The last day of the fiscal year.
    FiscalYearEnd,
    /// The 36協定's agreement year and the months before it that the
    /// 2–6-month averages reach.
    AgreementYear,
    /// One year from each 基準日 (grant date) of paid leave.
    GrantYear,
    /// The 一般事業主行動計画's period or the years a certification looks at.
    PlanPeriod,
    /// The days the reader chooses (朝メール・夜メール's analytics).
    ChosenPeriod,
    /// The days a survey round took answers, from its opening to its close.
    SurveyRound,
}

impl PeriodKind {
    pub fn describe(self) -> Text {
        match self {
            PeriodKind::EachMonth => t("年度の各月", "Each month of the fiscal year"),
            PeriodKind::FiscalYear => t(
                "事業年度（既定は4月1日〜翌年3月31日）",
                "The business year (April 1 to March 31 by default)",
            ),
            PeriodKind::FiscalYearEnd => t("事業年度の末日時点", "On the business year's last day"),
            PeriodKind::AgreementYear => t(
                "36協定の対象期間（2〜6か月平均は前の期間の月も含めます）",
                "The 36 agreement's year (the 2–6-month averages also read the months before it)",
            ),
            PeriodKind::GrantYear => {
                t("基準日（付与日）から1年間", "One year from each grant date")
            }
            PeriodKind::PlanPeriod => t(
                "行動計画の期間、または認定が見る期間",
                "The action plan's period, or the years a certification looks at",
            ),
            PeriodKind::ChosenPeriod => {
                t("画面で選んだ期間（日単位）", "The days chosen on the page")
            }
            PeriodKind::SurveyRound => t(
                "アンケートの回答期間（開始から締切まで）",
                "The survey round, from its opening to its close",
            ),
        }
    }
}

/// One figure of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Figure {
    /// Stable id, also the anchor on `/definitions`.
    pub id: &'static str,
    pub name: Text,
    /// What is counted and divided, in words.
    pub definition: Text,
    /// The law or MHLW definition it follows.
    pub legal_basis: Text,
    /// Who is counted.
    pub population: Text,
    pub period: PeriodKind,
    pub unit: Unit,
    pub rounding: Rounding,
    /// Figures that look alike and how this one differs, in one line.
    pub differs_from: Option<(&'static str, Text)>,
}

/// Ids of the catalog, for code that names a figure.
pub mod ids {
    pub const MONTHLY_OVERTIME_AVERAGE: &str = "monthly_overtime_average";
    pub const AVERAGE_MONTHLY_OVERTIME: &str = "average_monthly_overtime";
    pub const FULL_TIME_MONTHLY_OVERTIME: &str = "full_time_monthly_overtime";
    pub const AGE_BAND_MONTHLY_OVERTIME: &str = "age_band_monthly_overtime";
    pub const WORKER_MONTHLY_LEGAL_OVERTIME: &str = "worker_monthly_legal_overtime";
    pub const AGREEMENT_LIMITS: &str = "agreement_limits";
    pub const REGULAR_MONTHLY_NON_SCHEDULED: &str = "regular_monthly_non_scheduled_hours";
    pub const PAID_LEAVE_UTILIZATION: &str = crate::paid_leave::PAID_LEAVE_UTILIZATION;
    pub const YOUTH_YELL_PAID_LEAVE: &str = crate::paid_leave::YOUTH_YELL_PAID_LEAVE;
    pub const PAID_LEAVE_FIVE_DAY_DUTY: &str = "paid_leave_five_day_duty";
    pub const MALE_CHILDCARE_METHOD1: &str = "male_childcare_leave_rate_method1";
    pub const MALE_CHILDCARE_METHOD2: &str = "male_childcare_leave_rate_method2";
    pub const FEMALE_CHILDCARE: &str = "female_childcare_leave_rate";
    pub const WOMEN_SHARE_HIRES: &str = "women_share_hires";
    pub const WOMEN_SHARE_WORKERS: &str = "women_share_workers";
    pub const WOMEN_SHARE_CHIEFS: &str = "women_share_chiefs";
    pub const WOMEN_SHARE_MANAGERS: &str = "women_share_managers";
    pub const WOMEN_SHARE_EXECUTIVES: &str = "women_share_executives";
    pub const AVERAGE_SERVICE_YEARS: &str = "average_service_years";
    pub const WAGE_GAP: &str = "wage_gap";
    pub const COMPETITION_RATIO: &str = "competition_ratio";
    pub const CHILDCARE_LEAVE_RATE_BY_GENDER: &str = "childcare_leave_rate_by_gender";
    pub const CONVERSIONS: &str = "conversions";
    pub const REHIRES_MID_CAREER: &str = "rehires_mid_career";
    pub const KURUMIN_MONTHLY_OVERTIME: &str = "kurumin_monthly_overtime";
    pub const CERTIFICATION_MALE_CHILDCARE: &str = "certification_male_childcare_leave_rate";
    pub const CERTIFICATION_FEMALE_CHILDCARE: &str = "certification_female_childcare_leave_rate";
    // The publishable figures keep the ids `store::publications` stored before
    // they were catalog ids, so stored publication rows still resolve.
    pub const MALE_CHILDCARE_AVERAGE_DAYS: &str = "male_childcare_leave_average_days";
    pub const MALE_CHILDCARE_STATEMENT: &str = "male_childcare_leave_statement";
    pub const EMPLOYEES_BY_GENDER: &str = "employees_by_gender";
    // The figures of the certification criteria (readiness page, `erabareru certify`).
    pub const CERTIFICATION_FIXED_TERM_FEMALE_CHILDCARE: &str =
        "certification_fixed_term_female_childcare_leave_rate";
    pub const ERUBOSHI_APPLICANTS_AND_HIRES: &str = "eruboshi_applicants_and_hires";
    pub const ERUBOSHI_REGULAR_WOMEN_SHARE: &str = "eruboshi_regular_women_share";
    pub const ERUBOSHI_SERVICE_YEARS: &str = "eruboshi_average_service_years";
    pub const ERUBOSHI_RETENTION: &str = "eruboshi_ten_year_retention";
    pub const ERUBOSHI_CATEGORY_MONTHLY_OVERTIME: &str = "eruboshi_category_monthly_overtime";
    pub const ERUBOSHI_WOMEN_MANAGERS_SHARE: &str = "eruboshi_women_managers_share";
    pub const ERUBOSHI_PROMOTION_RATE: &str = "eruboshi_manager_promotion_rate";
    pub const ERUBOSHI_CAREER_COURSE_KINDS: &str = "eruboshi_career_course_kinds";
    pub const REGULAR_EMPLOYEES: &str = "regular_employees";
    pub const NEW_GRADUATE_TURNOVER: &str = "new_graduate_turnover_rate";
    pub const YOUTH_YELL_MALE_CHILDCARE_TAKERS: &str = "youth_yell_male_childcare_takers";
    pub const YOUTH_YELL_FEMALE_CHILDCARE: &str = "youth_yell_female_childcare_leave_rate";
    // The outcome figures of consultant engagements (伴走支援).
    pub const LEAVER_RATE: &str = "leaver_rate";
    pub const APPLICANTS_PER_OPENING: &str = "applicants_per_opening";
    pub const OPENING_FILL_RATE: &str = "opening_fill_rate";
    pub const TOTAL_HOURS_WORKED: &str = "total_hours_worked";
    pub const VALUE_ADDED_PER_HOUR: &str = "value_added_per_hour";
    pub const OPERATING_PROFIT_PER_HOUR: &str = "operating_profit_per_hour";
    pub const PORTAL_INQUIRIES: &str = "portal_inquiries";
    pub const DAILY_PLAN_GAP: &str = "daily_plan_gap";
    pub const DAILY_CATEGORY_MINUTES: &str = "daily_category_minutes";
    pub const DAILY_UNPLANNED_SHARE: &str = "daily_unplanned_share";
    pub const DAILY_PLANNED_END: &str = "daily_planned_end";
    pub const DAILY_ACTUAL_END: &str = "daily_actual_end";
    pub const DAILY_OVERLOADED_DAYS: &str = "daily_overloaded_days";
    pub const ORG_SURVEY_WORK_LIFE: &str = "org_survey_work_life";
    pub const ORG_SURVEY_WORKLOAD: &str = "org_survey_workload";
    pub const ORG_SURVEY_LEAVE: &str = "org_survey_leave";
    pub const ORG_SURVEY_COMMUNICATION: &str = "org_survey_communication";
    pub const ORG_SURVEY_GROWTH: &str = "org_survey_growth";
    pub const ORG_SURVEY_RETENTION: &str = "org_survey_retention";
}

use ids::*;

const NEXT_GEN_2025: Text = t(
    "次世代育成支援対策推進法 第13条、くるみん・プラチナくるみん認定基準（2025年4月の基準）",
    "Act on Advancement of Measures to Support Raising Next-Generation Children, Article 13; くるみん and プラチナくるみん criteria (of April 2025)",
);

const ERUBOSHI_LAW: Text = t(
    "女性の職業生活における活躍の推進に関する法律 第9条、えるぼし認定基準",
    "Act on Promotion of Women's Participation, Article 9; えるぼし criteria",
);

const YOUTH_LAW: Text = t(
    "青少年の雇用の促進等に関する法律 第15条、ユースエール認定基準",
    "Youth Employment Promotion Act, Article 15; ユースエール criteria",
);

const OT_LAW: Text = t(
    "労働基準法 第32条・第35条・第36条（時間外労働・休日労働）",
    "Labour Standards Act, Articles 32, 35 and 36 (overtime and holiday work)",
);

/// Every figure, in the order `/definitions` shows them.
/// The legal basis and population shared by the 朝メール・夜メール figures.
const DAILY_BASIS: Text = t(
    "伴走支援で用いる朝メール・夜メールの手法の指標（公的な定義はありません）",
    "A measure of the 朝メール・夜メール method used in consultant support (no official definition)",
);
const DAILY_COMPARED: Text = t(
    "選んだ人・チーム・組織のうち、その期間に予定と実績を書いた人",
    "The chosen person, team or organization: those who wrote both plan and report in the period",
);

const SURVEY_BASIS: Text = t(
    "伴走支援で用いる組織診断の設問（公的な定義はありません）",
    "The organizational survey used in consultant support (no official definition)",
);
const SURVEY_POPULATION: Text = t(
    "締め切った回の回答者のうち、示すグループの人（5人未満のグループは示しません）",
    "Those who answered a closed round, in the group shown (groups under 5 are not shown)",
);

pub const FIGURES: &[Figure] = &[
    Figure {
        id: MONTHLY_OVERTIME_AVERAGE,
        name: t(
            "月別の平均時間外・休日労働時間",
            "Average overtime and holiday work per month",
        ),
        definition: t(
            "その月の法定時間外労働と法定休日労働の合計 ÷ その月に勤怠データのある社員数。勤怠データのない月は「データなし」で、0時間とはしません。",
            "Legal overtime plus legal-holiday work in the month ÷ the employees with attendance rows in the month. A month without rows is shown as \"no data\", never as 0 hours.",
        ),
        legal_basis: OT_LAW,
        population: t(
            "その月に勤怠データのある社員",
            "Employees with attendance rows in the month",
        ),
        period: PeriodKind::EachMonth,
        unit: Unit::Hours,
        rounding: Rounding::HalfUpOneDecimal,
        differs_from: Some((
            AVERAGE_MONTHLY_OVERTIME,
            t(
                "女活DBの平均残業時間は年間の合計を12と年間の対象者数で割るため、月ごとの平均とは一致しません。",
                "The women's-database average divides the year's total by 12 and by the year's workers, so it differs from the monthly averages.",
            ),
        )),
    },
    Figure {
        id: AVERAGE_MONTHLY_OVERTIME,
        name: t(
            "一月当たりの労働者の平均残業時間（女活DB）",
            "Average overtime per worker per month (women's database)",
        ),
        definition: t(
            "1年間の対象労働者の法定時間外労働と法定休日労働の合計 ÷ 12 ÷ 対象労働者数。",
            "The year's legal overtime plus legal-holiday work of the covered workers ÷ 12 ÷ the number of covered workers.",
        ),
        legal_basis: t(
            "女性の職業生活における活躍の推進に関する法律 第20条、女性の活躍推進企業データベース 項目定義",
            "Act on Promotion of Women's Participation, Article 20; definitions of the women's-activity database",
        ),
        population: t(
            "年度内に勤怠データのある労働者（事業場外みなし労働時間制の者を除く）",
            "Workers with attendance rows in the year, except those under deemed working hours outside the workplace",
        ),
        period: PeriodKind::FiscalYear,
        unit: Unit::Hours,
        rounding: Rounding::HalfUpOneDecimal,
        differs_from: Some((
            FULL_TIME_MONTHLY_OVERTIME,
            t(
                "行動計画とくるみんはフルタイム労働者だけを、社員・月ごとに平均します。",
                "The action plan and くるみん average over full-time workers only, per worker and month.",
            ),
        )),
    },
    Figure {
        id: FULL_TIME_MONTHLY_OVERTIME,
        name: t(
            "フルタイム労働者一人当たりの月平均の時間外・休日労働時間（行動計画）",
            "Overtime and holiday work per full-time worker and month (action plan)",
        ),
        definition: t(
            "年度の、フルタイム労働者の法定時間外労働と法定休日労働の合計 ÷ 延べ人月（各月に勤怠データのあるフルタイム労働者数の合計）。",
            "The year's legal overtime plus legal-holiday work of the full-time workers ÷ the worker-months (the full-time workers with rows, summed over the months).",
        ),
        legal_basis: t(
            "次世代育成支援対策推進法 第12条（2025年4月改正、一般事業主行動計画の数値目標）",
            "Act on Advancement of Measures to Support Raising Next-Generation Children, Article 12 (2025 revision: the action plan's numeric targets)",
        ),
        population: t(
            "フルタイムの労働者（パート・アルバイトを除く）",
            "Full-time workers (part-timers excluded)",
        ),
        period: PeriodKind::FiscalYear,
        unit: Unit::Hours,
        rounding: Rounding::HalfUpOneDecimal,
        differs_from: Some((
            AVERAGE_MONTHLY_OVERTIME,
            t(
                "女活DBの平均残業時間はパートを含む全労働者の年間平均で、くるみんの基準は月ごとに判定します。",
                "The women's-database average covers all workers, part-timers included, over the year; くるみん judges each month.",
            ),
        )),
    },
    Figure {
        id: KURUMIN_MONTHLY_OVERTIME,
        name: t(
            "フルタイム労働者の月ごとの平均の時間外・休日労働時間（くるみん、最も多い月）",
            "Overtime and holiday work per full-time worker in each month (くるみん, the highest month)",
        ),
        definition: t(
            "年度の各月について、フルタイム労働者の法定時間外労働と法定休日労働の合計 ÷ その月に勤怠データのあるフルタイム労働者数。基準はすべての月で満たす必要があるため、最も多い月の値を示します。",
            "For each month of the year: legal overtime plus legal-holiday work of the full-time workers ÷ the full-time workers with rows in the month. The criterion must hold in every month, so the highest month is shown.",
        ),
        legal_basis: t(
            "次世代育成支援対策推進法 第13条、くるみん・プラチナくるみん認定基準",
            "Act on Advancement of Measures to Support Raising Next-Generation Children, Article 13; くるみん and プラチナくるみん criteria",
        ),
        population: t(
            "フルタイムの労働者（パート・アルバイトを除く）",
            "Full-time workers (part-timers excluded)",
        ),
        period: PeriodKind::EachMonth,
        unit: Unit::Hours,
        rounding: Rounding::DownOneDecimal,
        differs_from: Some((
            FULL_TIME_MONTHLY_OVERTIME,
            t(
                "行動計画の実績は年度の合計を延べ人月で割った1年の平均なので、最も多い月の値より小さくなります。",
                "The action plan's figure is the year's total ÷ the worker-months, a yearly average, so it is below the highest month.",
            ),
        )),
    },
    Figure {
        id: AGE_BAND_MONTHLY_OVERTIME,
        name: t(
            "25〜39歳のフルタイム労働者の月平均の時間外・休日労働時間",
            "Overtime and holiday work per full-time worker aged 25–39 and month",
        ),
        definition: t(
            "各月の初日に25〜39歳のフルタイム労働者について、その月の法定時間外労働と法定休日労働の合計 ÷ 人数。すべての月で基準を満たす必要があるため、最も多い月の値を示します。",
            "For full-time workers aged 25–39 on the month's first day: the month's legal overtime plus legal-holiday work ÷ their number. The criterion must hold in every month, so the highest month is shown.",
        ),
        legal_basis: t(
            "くるみん認定基準（2025年4月）",
            "くるみん criteria (April 2025)",
        ),
        population: t(
            "月の初日に25〜39歳のフルタイム労働者（年齢の幅は設定で変えられます）",
            "Full-time workers aged 25–39 on the month's first day (the band is a setting)",
        ),
        period: PeriodKind::EachMonth,
        unit: Unit::Hours,
        rounding: Rounding::DownOneDecimal,
        differs_from: Some((
            KURUMIN_MONTHLY_OVERTIME,
            t(
                "2025年4月の基準では、全フルタイム労働者で各月30時間未満か、この年齢層で各月45時間未満のどちらかを満たします。",
                "Under the April 2025 criteria, either all full-time workers stay under 30 hours or this age band under 45 hours, every month.",
            ),
        )),
    },
    Figure {
        id: WORKER_MONTHLY_LEGAL_OVERTIME,
        name: t(
            "労働者ごとの月平均の法定時間外労働時間",
            "Legal overtime per worker, monthly average",
        ),
        definition: t(
            "労働者ごとに、年度の法定時間外労働（休日労働を除く）の合計 ÷ 勤怠データのある月数。60時間以上の労働者がいないことが、くるみんとユースエールの基準です。",
            "Per worker: the year's legal overtime (holiday work excluded) ÷ the months with rows. No worker at 60 hours or more is a くるみん and ユースエール criterion.",
        ),
        legal_basis: t(
            "くるみん認定基準、ユースエール認定基準",
            "くるみん and ユースエール criteria",
        ),
        population: t(
            "年度内に勤怠データのある労働者",
            "Workers with attendance rows in the year",
        ),
        period: PeriodKind::FiscalYear,
        unit: Unit::Hours,
        rounding: Rounding::HalfUpOneDecimal,
        differs_from: None,
    },
    Figure {
        id: AGREEMENT_LIMITS,
        name: t(
            "36協定の上限を超えた社員",
            "Employees over the 36 agreement's limits",
        ),
        definition: t(
            "時間外労働と休日労働の合計が月100時間以上、2〜6か月平均で80時間超、時間外労働が年720時間超、月45時間超が年7回以上（特別条項なしでは月45時間・年360時間超）の社員。1日8時間・週40時間を超えた時間を法定時間外労働とします。",
            "Employees with overtime plus holiday work of 100 hours or more in a month or over 80 hours on a 2–6-month average, legal overtime over 720 hours a year, or a seventh month over 45 hours (without a special clause: over 45 hours a month or 360 a year). Legal overtime is time beyond 8 hours a day and 40 a week.",
        ),
        legal_basis: t(
            "労働基準法 第36条 第4項〜第6項",
            "Labour Standards Act, Article 36 (4)–(6)",
        ),
        population: t("36協定の対象の社員", "Employees under the 36 agreement"),
        period: PeriodKind::AgreementYear,
        unit: Unit::People,
        rounding: Rounding::Count,
        differs_from: None,
    },
    Figure {
        id: REGULAR_MONTHLY_NON_SCHEDULED,
        name: t(
            "正社員の月平均所定外労働時間",
            "Non-scheduled hours per regular employee and month",
        ),
        definition: t(
            "正社員の所定労働時間を超えた時間（法内残業を含む）の年度の合計 ÷ 延べ人月。",
            "Regular employees' time beyond their scheduled hours (including overtime within the legal hours) over the year ÷ the worker-months.",
        ),
        legal_basis: t("ユースエール認定基準", "ユースエール criteria"),
        population: t("正社員", "Regular employees"),
        period: PeriodKind::FiscalYear,
        unit: Unit::Hours,
        rounding: Rounding::UpOneDecimal,
        differs_from: Some((
            FULL_TIME_MONTHLY_OVERTIME,
            t(
                "法定時間外ではなく、会社の所定労働時間を超えた時間を数えます。",
                "Counts time beyond the company's schedule, not beyond the legal hours.",
            ),
        )),
    },
    Figure {
        id: PAID_LEAVE_UTILIZATION,
        name: t("年次有給休暇の取得率", "Annual paid-leave utilization rate"),
        definition: t(
            "年度内に取得した日数（繰越分からの取得を含む）÷ 年度内に基準日がある付与日数（繰越分を除く）× 100。100%を超えることがあります。",
            "Days taken in the year (including days from carry-over) ÷ days granted with a grant date in the year (carry-over excluded) × 100. It can exceed 100%.",
        ),
        legal_basis: t(
            "労働基準法 第39条、就労条件総合調査・女活DBの定義",
            "Labour Standards Act, Article 39; definition of the General Survey on Working Conditions and the women's database",
        ),
        population: t(
            "年度内に付与を受けた労働者",
            "Workers granted leave in the year",
        ),
        period: PeriodKind::FiscalYear,
        unit: Unit::Percent,
        rounding: Rounding::PercentHalfUpOneDecimal,
        differs_from: None,
    },
    Figure {
        id: YOUTH_YELL_PAID_LEAVE,
        name: t(
            "正社員の年次有給休暇の取得率・平均取得日数（ユースエール）",
            "Paid leave of regular employees: rate and average days (ユースエール)",
        ),
        definition: t(
            "取得率は、年度内に正社員が取得した日数 ÷ 年度内に基準日がある正社員の付与日数 × 100。平均取得日数は、年度内の取得日数の合計 ÷ 年度中に有給休暇を持っていた（または取得した）正社員の数。",
            "Rate: days regular employees took in the year ÷ days granted to them with a grant date in the year × 100. Average: the days taken in the year ÷ the regular employees who held (or took) paid leave during the year.",
        ),
        legal_basis: t(
            "青少年の雇用の促進等に関する法律 第15条、ユースエール認定基準",
            "Youth Employment Promotion Act, Article 15; ユースエール criteria",
        ),
        population: t("正社員", "Regular employees"),
        period: PeriodKind::FiscalYear,
        unit: Unit::Percent,
        rounding: Rounding::DownOneDecimal,
        differs_from: Some((
            PAID_LEAVE_UTILIZATION,
            t(
                "職場の数字の取得率と同じ計算ですが、正社員だけを数え、小数第1位未満を切り捨てて示します。",
                "The same quotient as the workplace rate, over regular employees only, shown rounded down.",
            ),
        )),
    },
    Figure {
        id: PAID_LEAVE_FIVE_DAY_DUTY,
        name: t(
            "年5日の年次有給休暇の取得義務",
            "The duty to take five days of paid leave",
        ),
        definition: t(
            "基準日に10日以上付与された労働者が、基準日から1年以内に5日以上取得したか。半日は0.5日、時間単位年休は数えません。",
            "Whether a worker granted 10 days or more on a grant date took at least 5 days within a year of it. Half days count 0.5; hourly leave does not count.",
        ),
        legal_basis: t(
            "労働基準法 第39条 第7項",
            "Labour Standards Act, Article 39 (7)",
        ),
        population: t(
            "基準日に10日以上付与された労働者",
            "Workers granted 10 days or more on a grant date",
        ),
        period: PeriodKind::GrantYear,
        unit: Unit::People,
        rounding: Rounding::Count,
        differs_from: None,
    },
    Figure {
        id: MALE_CHILDCARE_METHOD1,
        name: t(
            "男性の育児休業等取得率（方法1）",
            "Men's childcare-leave rate (method 1)",
        ),
        definition: t(
            "年度内に育児休業等（産後パパ育休を含む）を始めた男性 ÷ 年度内に配偶者が出産した男性。人数で数え、分割して取得しても1人です。分母が0のときは「—」。",
            "Men who started childcare leave (postnatal paternity leave included) in the year ÷ men whose spouse gave birth in the year. People are counted once even when leave is split. \"—\" when nobody's spouse gave birth.",
        ),
        legal_basis: t(
            "育児・介護休業法 第22条の2、施行規則 第71条の4 第1号",
            "Childcare and Family Care Leave Act, Article 22-2; Enforcement Regulations, Article 71-4 (i)",
        ),
        population: t(
            "配偶者が出産した男性労働者",
            "Male workers whose spouse gave birth",
        ),
        period: PeriodKind::FiscalYear,
        unit: Unit::Percent,
        rounding: Rounding::PercentTruncated,
        differs_from: Some((
            MALE_CHILDCARE_METHOD2,
            t(
                "方法2は育児目的休暇を取った男性も数えるため、方法1以上になります。",
                "Method 2 also counts men who took childcare-purpose leave, so it is at least method 1.",
            ),
        )),
    },
    Figure {
        id: MALE_CHILDCARE_METHOD2,
        name: t(
            "男性の育児休業等と育児目的休暇の取得率（方法2）",
            "Men's childcare-leave and childcare-purpose-leave rate (method 2)",
        ),
        definition: t(
            "年度内に育児休業等または育児目的休暇を始めた男性 ÷ 年度内に配偶者が出産した男性。",
            "Men who started childcare leave or childcare-purpose leave in the year ÷ men whose spouse gave birth in the year.",
        ),
        legal_basis: t(
            "育児・介護休業法 第22条の2、施行規則 第71条の4 第2号",
            "Childcare and Family Care Leave Act, Article 22-2; Enforcement Regulations, Article 71-4 (ii)",
        ),
        population: t(
            "配偶者が出産した男性労働者",
            "Male workers whose spouse gave birth",
        ),
        period: PeriodKind::FiscalYear,
        unit: Unit::Percent,
        rounding: Rounding::PercentTruncated,
        differs_from: None,
    },
    Figure {
        id: FEMALE_CHILDCARE,
        name: t("女性の育児休業取得率", "Women's childcare-leave rate"),
        definition: t(
            "年度内に育児休業を始めた女性 ÷ 年度内に出産した女性。",
            "Women who started childcare leave in the year ÷ women who gave birth in the year.",
        ),
        legal_basis: t(
            "女活DB 項目定義、くるみん・えるぼし認定基準",
            "Women's-database definitions; くるみん and えるぼし criteria",
        ),
        population: t("出産した女性労働者", "Female workers who gave birth"),
        period: PeriodKind::FiscalYear,
        unit: Unit::Percent,
        rounding: Rounding::PercentTruncated,
        differs_from: None,
    },
    Figure {
        id: CHILDCARE_LEAVE_RATE_BY_GENDER,
        name: t("男女別の育児休業取得率", "Childcare-leave rate, by gender"),
        definition: t(
            "年度内に育児休業を始めた者 ÷ 年度内に出産した者（男性は配偶者が出産した者）× 100 を男女別に。人数で数えます。",
            "People who started childcare leave in the year ÷ people who gave birth in the year (for men: whose spouse gave birth) × 100, by gender. People are counted, not leaves.",
        ),
        legal_basis: t("女活DB 項目5", "Women's database, item 5"),
        population: t(
            "年度内に本人または配偶者が出産した労働者",
            "Workers who, or whose spouse, gave birth in the year",
        ),
        period: PeriodKind::FiscalYear,
        unit: Unit::Percent,
        rounding: Rounding::PercentTruncated,
        differs_from: Some((
            MALE_CHILDCARE_METHOD1,
            t(
                "男性の値は、育児・介護休業法の公表（方法1）と同じ人数から計算します。",
                "The men's figure is computed from the same people as the Childcare Leave Act's disclosure (method 1).",
            ),
        )),
    },
    Figure {
        id: MALE_CHILDCARE_AVERAGE_DAYS,
        name: t(
            "男性の育児休業等の平均取得日数",
            "Men's average days of childcare leave",
        ),
        definition: t(
            "年度内に育児休業等を取得した男性の取得日数の合計 ÷ 取得した男性の数。企業が入力した値です。",
            "The days of childcare leave of the men who took it in the year ÷ their number, as entered by the employer.",
        ),
        legal_basis: t(
            "法令上の公表義務はありません（企業が任意に公表する数字です）",
            "Not a statutory disclosure (published by the employer's choice)",
        ),
        population: t(
            "年度内に育児休業等を取得した男性労働者",
            "Male workers who took childcare leave in the year",
        ),
        period: PeriodKind::FiscalYear,
        unit: Unit::Days,
        rounding: Rounding::HalfUpOneDecimal,
        differs_from: None,
    },
    Figure {
        id: MALE_CHILDCARE_STATEMENT,
        name: t(
            "男性の育児休業等取得割合の公表文",
            "Statement of men's childcare-leave rate",
        ),
        definition: t(
            "育児・介護休業法が求める公表の文面。公表前事業年度の期間、方法1（育児休業等の取得割合）によることと、その割合を示します。",
            "The wording the Childcare Leave Act asks employers to publish: the business year before publication, that method 1 (childcare leave) is used, and the rate.",
        ),
        legal_basis: t(
            "育児・介護休業法 第22条の2、施行規則 第71条の4",
            "Childcare and Family Care Leave Act, Article 22-2; Enforcement Regulations, Article 71-4",
        ),
        population: t(
            "配偶者が出産した男性労働者",
            "Male workers whose spouse gave birth",
        ),
        period: PeriodKind::FiscalYear,
        unit: Unit::Percent,
        rounding: Rounding::PercentTruncated,
        differs_from: Some((
            MALE_CHILDCARE_METHOD1,
            t(
                "文中の割合は方法1の取得率です。",
                "The rate in the statement is the method-1 rate.",
            ),
        )),
    },
    Figure {
        id: CERTIFICATION_MALE_CHILDCARE,
        name: t(
            "認定基準の男性の育児休業等取得率（計画期間）",
            "Men's childcare-leave rate for certification (plan period)",
        ),
        definition: t(
            "行動計画の期間（計画がなければ基準の年度）に育児休業等を始めた男性の合計 ÷ 同じ期間に配偶者が出産した男性の合計。育児目的休暇を含めた割合（方法2）も並べて示します。",
            "Men who started childcare leave during the action plan's period (without a plan, the base year), summed ÷ men whose spouse gave birth in it, summed. The rate including childcare-purpose leave (method 2) is shown beside it.",
        ),
        legal_basis: t(
            "次世代育成支援対策推進法 第13条、くるみん・プラチナくるみん認定基準",
            "Act on Advancement of Measures to Support Raising Next-Generation Children, Article 13; くるみん and プラチナくるみん criteria",
        ),
        population: t(
            "配偶者が出産した男性労働者",
            "Male workers whose spouse gave birth",
        ),
        period: PeriodKind::PlanPeriod,
        unit: Unit::Percent,
        rounding: Rounding::PercentTruncated,
        differs_from: Some((
            MALE_CHILDCARE_METHOD1,
            t(
                "職場の数字と公表の取得率は1年ごと、認定基準は計画期間の人数を合計して割ります。",
                "The workplace and disclosure rates are per year; the criterion sums the people over the plan period.",
            ),
        )),
    },
    Figure {
        id: CERTIFICATION_FEMALE_CHILDCARE,
        name: t(
            "認定基準の女性の育児休業等取得率（計画期間）",
            "Women's childcare-leave rate for certification (plan period)",
        ),
        definition: t(
            "行動計画の期間（計画がなければ基準の年度）に育児休業等を始めた女性の合計 ÷ 同じ期間に出産した女性の合計。",
            "Women who started childcare leave during the action plan's period (without a plan, the base year), summed ÷ women who gave birth in it, summed.",
        ),
        legal_basis: t(
            "次世代育成支援対策推進法 第13条、くるみん・プラチナくるみん認定基準",
            "Act on Advancement of Measures to Support Raising Next-Generation Children, Article 13; くるみん and プラチナくるみん criteria",
        ),
        population: t("出産した女性労働者", "Female workers who gave birth"),
        period: PeriodKind::PlanPeriod,
        unit: Unit::Percent,
        rounding: Rounding::PercentTruncated,
        differs_from: Some((
            FEMALE_CHILDCARE,
            t(
                "職場の数字の取得率は1年ごと、認定基準は計画期間の人数を合計して割ります。",
                "The workplace rate is per year; the criterion sums the people over the plan period.",
            ),
        )),
    },
    Figure {
        id: WOMEN_SHARE_HIRES,
        name: t(
            "採用した労働者に占める女性労働者の割合",
            "Share of women among workers hired",
        ),
        definition: t(
            "年度内に採用した女性 ÷ 採用した労働者 × 100（中途採用を含む）。",
            "Women hired in the year ÷ workers hired × 100 (mid-career hires included).",
        ),
        legal_basis: t("女活DB 項目1", "Women's database, item 1"),
        population: t("年度内に採用した労働者", "Workers hired in the year"),
        period: PeriodKind::FiscalYear,
        unit: Unit::Percent,
        rounding: Rounding::PercentHalfUpOneDecimal,
        differs_from: None,
    },
    Figure {
        id: WOMEN_SHARE_WORKERS,
        name: t(
            "労働者に占める女性労働者の割合",
            "Share of women among workers",
        ),
        definition: t(
            "年度末日に在籍する女性 ÷ 在籍する労働者 × 100。",
            "Women employed on the year's last day ÷ workers employed × 100.",
        ),
        legal_basis: t("女活DB 項目3", "Women's database, item 3"),
        population: t(
            "年度末日に在籍する労働者",
            "Workers employed on the year's last day",
        ),
        period: PeriodKind::FiscalYearEnd,
        unit: Unit::Percent,
        rounding: Rounding::PercentHalfUpOneDecimal,
        differs_from: None,
    },
    Figure {
        id: WOMEN_SHARE_CHIEFS,
        name: t(
            "係長級にある者に占める女性労働者の割合",
            "Share of women among section chiefs",
        ),
        definition: t(
            "年度末日の係長級の女性 ÷ 係長級の者 × 100。",
            "Women at section-chief level on the year's last day ÷ everyone at that level × 100.",
        ),
        legal_basis: t("女活DB 項目9", "Women's database, item 9"),
        population: t(
            "年度末日に係長級の労働者",
            "Section chiefs on the year's last day",
        ),
        period: PeriodKind::FiscalYearEnd,
        unit: Unit::Percent,
        rounding: Rounding::PercentHalfUpOneDecimal,
        differs_from: None,
    },
    Figure {
        id: WOMEN_SHARE_MANAGERS,
        name: t(
            "管理職に占める女性労働者の割合",
            "Share of women among managers",
        ),
        definition: t(
            "年度末日の管理職（課長級以上、役員を除く）の女性 ÷ 管理職 × 100。",
            "Women managers (section manager and above, executives excluded) on the year's last day ÷ managers × 100.",
        ),
        legal_basis: t("女活DB 項目10", "Women's database, item 10"),
        population: t("年度末日の管理職", "Managers on the year's last day"),
        period: PeriodKind::FiscalYearEnd,
        unit: Unit::Percent,
        rounding: Rounding::PercentHalfUpOneDecimal,
        differs_from: None,
    },
    Figure {
        id: WOMEN_SHARE_EXECUTIVES,
        name: t("役員に占める女性の割合", "Share of women among executives"),
        definition: t(
            "年度末日の女性役員 ÷ 役員 × 100。",
            "Women executives on the year's last day ÷ executives × 100.",
        ),
        legal_basis: t("女活DB 項目11", "Women's database, item 11"),
        population: t("年度末日の役員", "Executives on the year's last day"),
        period: PeriodKind::FiscalYearEnd,
        unit: Unit::Percent,
        rounding: Rounding::PercentHalfUpOneDecimal,
        differs_from: None,
    },
    Figure {
        id: AVERAGE_SERVICE_YEARS,
        name: t(
            "男女別の平均継続勤務年数",
            "Average years of service, by gender",
        ),
        definition: t(
            "年度末日に在籍する人の、入社から年度末日までの満了月数の合計 ÷ 12 ÷ 人数を男女別に。女活DBの項目4.(1)の対象は期間の定めのない労働者です。",
            "For the people employed on the year's last day: completed months of service ÷ 12 ÷ their number, by gender. The women's database's item 4.(1) covers workers without a fixed term.",
        ),
        legal_basis: t("女活DB 項目4.(1)", "Women's database, item 4.(1)"),
        population: t(
            "年度末日に在籍する労働者",
            "Workers employed on the year's last day",
        ),
        period: PeriodKind::FiscalYearEnd,
        unit: Unit::Years,
        rounding: Rounding::HalfUpOneDecimal,
        differs_from: None,
    },
    Figure {
        id: WAGE_GAP,
        name: t("男女の賃金の差異", "Gender wage gap"),
        definition: t(
            "女性の平均年間賃金 ÷ 男性の平均年間賃金 × 100 を、全労働者・正規・非正規ごとに。退職手当・通勤手当を除きます。",
            "Women's average annual wage ÷ men's × 100, for all, regular and non-regular workers; retirement and commuting allowances excluded.",
        ),
        legal_basis: t(
            "女性の職業生活における活躍の推進に関する法律 第20条、女活DB 項目14",
            "Act on Promotion of Women's Participation, Article 20; women's database, item 14",
        ),
        population: t("年度内に賃金の支払われた労働者", "Workers paid in the year"),
        period: PeriodKind::FiscalYear,
        unit: Unit::Percent,
        rounding: Rounding::PercentHalfUpOneDecimal,
        differs_from: None,
    },
    Figure {
        id: EMPLOYEES_BY_GENDER,
        name: t("男女別の労働者数", "Employees by gender"),
        definition: t(
            "事業年度末日に在籍する男性と女性の労働者の数。",
            "Men and women employed on the business year's last day.",
        ),
        legal_basis: t(
            "法令上の公表義務はありません（育児休業等の取得率を読むための規模として示します）",
            "Not a statutory disclosure (shown as the size behind the childcare-leave rates)",
        ),
        population: t(
            "年度末日に在籍する労働者",
            "Workers employed on the year's last day",
        ),
        period: PeriodKind::FiscalYearEnd,
        unit: Unit::People,
        rounding: Rounding::Count,
        differs_from: None,
    },
    Figure {
        id: COMPETITION_RATIO,
        name: t(
            "男女別の採用における競争倍率",
            "Competition ratio in hiring, by gender",
        ),
        definition: t(
            "応募者数（実質的な採用選考が始まった段階の人数）÷ 採用者数（内定者を含めてもよい）を男女別に。男女比は女性の倍率 ÷ 男性の倍率。企業が入力した集計から計算します。",
            "Applicants at the start of real selection ÷ hires (offers may be counted), by gender; the women-to-men ratio is women's ratio ÷ men's. Computed from the totals the employer entered.",
        ),
        legal_basis: t("女活DB 項目2", "Women's database, item 2"),
        population: t("年度内の応募者と採用者", "Applicants and hires of the year"),
        period: PeriodKind::FiscalYear,
        unit: Unit::Ratio,
        rounding: Rounding::HalfUpOneDecimal,
        differs_from: None,
    },
    Figure {
        id: CONVERSIONS,
        name: t(
            "男女別の職種又は雇用形態の転換実績",
            "Changes of job type or employment form, by gender",
        ),
        definition: t(
            "年度内に非正社員から正社員へ転換した人数と、雇用管理区分の間で転換した人数を男女別に。企業が入力した人数です。",
            "People changed from non-regular to regular employment, and between employment categories, in the year, by gender, as entered by the employer.",
        ),
        legal_basis: t("女活DB 項目12", "Women's database, item 12"),
        population: t(
            "年度内に転換した労働者（派遣労働者を含む）",
            "Workers who changed in the year (dispatched workers included)",
        ),
        period: PeriodKind::FiscalYear,
        unit: Unit::People,
        rounding: Rounding::Count,
        differs_from: None,
    },
    Figure {
        id: REHIRES_MID_CAREER,
        name: t(
            "男女別の再雇用又は中途採用の実績",
            "Rehires and mid-career hires, by gender",
        ),
        definition: t(
            "年度内に再雇用した人数（出産・育児・介護等で退職した人。定年後の再雇用を除く）と中途採用した人数を男女別に。企業が入力した人数です。",
            "People rehired in the year (after leaving for childbirth, childcare, caregiving and the like; rehiring after retirement age excluded) and mid-career hires, by gender, as entered by the employer.",
        ),
        legal_basis: t("女活DB 項目13", "Women's database, item 13"),
        population: t(
            "年度内に再雇用・中途採用した労働者",
            "Workers rehired or hired mid-career in the year",
        ),
        period: PeriodKind::FiscalYear,
        unit: Unit::People,
        rounding: Rounding::Count,
        differs_from: None,
    },
    // The figures of the certification criteria (readiness page and
    // `erabareru certify`), in the order of the marks.
    Figure {
        id: CERTIFICATION_FIXED_TERM_FEMALE_CHILDCARE,
        name: t(
            "認定基準の有期雇用の女性の育児休業等取得率（計画期間）",
            "Fixed-term women's childcare-leave rate for certification (plan period)",
        ),
        definition: t(
            "行動計画の期間（計画がなければ基準の年度）に育児休業等を始めた有期雇用の女性（名簿の雇用形態が有期）の合計 ÷ 同じ期間に出産した有期雇用の女性の合計。2025年4月からの基準で、トライくるみん・くるみん・プラチナくるみんに求められます。",
            "Fixed-term women (employment type fixed-term in the roster) who started childcare leave during the action plan's period (without a plan, the base year), summed ÷ fixed-term women who gave birth in it, summed. Required by the 2025 criteria of トライくるみん, くるみん and プラチナくるみん.",
        ),
        legal_basis: NEXT_GEN_2025,
        population: t(
            "出産した有期雇用の女性労働者",
            "Fixed-term female workers who gave birth",
        ),
        period: PeriodKind::PlanPeriod,
        unit: Unit::Percent,
        rounding: Rounding::PercentTruncated,
        differs_from: Some((
            CERTIFICATION_FEMALE_CHILDCARE,
            t(
                "女性全体の取得率と同じ計算を、有期雇用の女性だけで行います。",
                "The same computation as the rate of all women, over fixed-term women only.",
            ),
        )),
    },
    Figure {
        id: ERUBOSHI_APPLICANTS_AND_HIRES,
        name: t(
            "男女別の応募者数と採用者数（えるぼしの採用、直近3事業年度）",
            "Applicants and hires by gender (えるぼし hiring, last 3 years)",
        ),
        definition: t(
            "直近3事業年度の女性の応募者数の合計と採用者数の合計を「応募者数/採用者数」で、男性も同じく示します。競争倍率（応募者数 ÷ 採用者数）は割り算せずに二つの人数で示し、基準「女性の競争倍率 × 0.8 < 男性の競争倍率」も人数のまま比べます。企業が入力した採用の集計（雇用管理区分の合計）から計算します。",
            "Women applicants over the last 3 business years, summed, and women hired, summed, shown as \"applicants/hires\"; the same for men. The competition ratio (applicants ÷ hires) is shown as its two counts, not divided, and the criterion \"women's ratio × 0.8 < men's ratio\" is compared on the counts. Computed from the recruitment totals the employer entered (all employment categories together).",
        ),
        legal_basis: ERUBOSHI_LAW,
        population: t(
            "直近3事業年度の応募者と採用者",
            "Applicants and hires of the last 3 business years",
        ),
        period: PeriodKind::PlanPeriod,
        unit: Unit::People,
        rounding: Rounding::Count,
        differs_from: Some((
            COMPETITION_RATIO,
            t(
                "女活DBの競争倍率は1年ごとの倍率、えるぼしは3年度分の人数の合計です。",
                "The women's-database ratio is per year; えるぼし sums 3 years' counts.",
            ),
        )),
    },
    Figure {
        id: ERUBOSHI_REGULAR_WOMEN_SHARE,
        name: t(
            "正社員に占める女性労働者の割合（えるぼし）",
            "Share of women among regular employees (えるぼし)",
        ),
        definition: t(
            "事業年度末日に在籍する正社員（名簿の雇用形態が正社員）のうち女性 ÷ 在籍する正社員 × 100。えるぼしの採用の基準で、厚生労働省が公表する産業平均（管理者が入力した値）と比べます。",
            "Women among the regular employees (employment type regular in the roster) employed on the business year's last day ÷ those regular employees × 100. The えるぼし hiring criterion compares it with the industry average published by the MHLW (as typed in by an administrator).",
        ),
        legal_basis: ERUBOSHI_LAW,
        population: t(
            "年度末日に在籍する正社員",
            "Regular employees on the year's last day",
        ),
        period: PeriodKind::FiscalYearEnd,
        unit: Unit::Percent,
        rounding: Rounding::PercentTruncated,
        differs_from: Some((
            WOMEN_SHARE_WORKERS,
            t(
                "女活DBの労働者に占める女性の割合は、パート・有期を含む全労働者が対象です。",
                "The women's-database share covers all workers, part-time and fixed-term included.",
            ),
        )),
    },
    Figure {
        id: ERUBOSHI_SERVICE_YEARS,
        name: t(
            "男女別の平均継続勤務年数（えるぼし）",
            "Average years of service by gender (えるぼし)",
        ),
        definition: t(
            "事業年度末日に在籍する人の、入社から年度末日までの満了月数の合計 ÷ 12 ÷ 人数を男女別に。えるぼしの継続就業の基準「女性 ÷ 男性 ≥ 0.7」は月数のまま比べます。",
            "For the people employed on the business year's last day: completed months of service ÷ 12 ÷ their number, by gender. The えるぼし criterion \"women's ÷ men's ≥ 0.7\" is compared on the months.",
        ),
        legal_basis: ERUBOSHI_LAW,
        population: t(
            "年度末日に在籍する労働者",
            "Workers employed on the year's last day",
        ),
        period: PeriodKind::FiscalYearEnd,
        unit: Unit::Years,
        rounding: Rounding::DownOneDecimal,
        differs_from: Some((
            AVERAGE_SERVICE_YEARS,
            t(
                "女活DBの値と同じ月数から計算しますが、端数の処理が異なるため0.1年違うことがあります。",
                "Computed from the same months as the women's-database figure; the rounding differs, so the two can be 0.1 year apart.",
            ),
        )),
    },
    Figure {
        id: ERUBOSHI_RETENTION,
        name: t(
            "男女別の採用10年前後の継続雇用割合（えるぼし）",
            "Retention of workers hired about 10 years before, by gender (えるぼし)",
        ),
        definition: t(
            "基準の事業年度の9〜11事業年度前に入社した人（名簿の入社日で数え、新卒に限りません）のうち、基準の年度の末日に在籍する人 ÷ 入社した人 × 100 を男女別に。えるぼしの継続就業の基準「女性 ÷ 男性 ≥ 0.8」は人数のまま比べます。",
            "Of the people hired in the business years 9 to 11 years before the base year (by the roster's hire dates, not only new graduates), those employed on the base year's last day ÷ those hired × 100, by gender. The えるぼし criterion \"women's ÷ men's ≥ 0.8\" is compared on the counts.",
        ),
        legal_basis: ERUBOSHI_LAW,
        population: t(
            "9〜11事業年度前に入社した労働者",
            "Workers hired 9 to 11 business years before",
        ),
        period: PeriodKind::FiscalYearEnd,
        unit: Unit::Percent,
        rounding: Rounding::PercentTruncated,
        differs_from: None,
    },
    Figure {
        id: ERUBOSHI_CATEGORY_MONTHLY_OVERTIME,
        name: t(
            "雇用管理区分ごと・月ごとの平均の時間外・休日労働時間（えるぼし、最も多い区分と月）",
            "Overtime and holiday work per worker in each employment category and month (えるぼし, the highest)",
        ),
        definition: t(
            "基準の年度の各月・各雇用管理区分について、法定時間外労働と法定休日労働の合計 ÷ その月に勤怠データのある労働者数（パートを含み、事業場外みなし労働時間制の者を除きます。区分のない人は一つの区分にまとめます）。基準はすべての区分とすべての月で満たす必要があるため、最も多い区分と月の値を示します。",
            "For each month of the base year and each employment category: legal overtime plus legal-holiday work ÷ the workers with rows in the month (part-timers included, deemed working hours outside the workplace excluded; people without a category form one category). The criterion must hold in every category and month, so the highest value is shown.",
        ),
        legal_basis: ERUBOSHI_LAW,
        population: t(
            "勤怠データのある労働者（事業場外みなし労働時間制の者を除く）",
            "Workers with attendance rows, except those under deemed working hours outside the workplace",
        ),
        period: PeriodKind::EachMonth,
        unit: Unit::Hours,
        rounding: Rounding::DownOneDecimal,
        differs_from: Some((
            KURUMIN_MONTHLY_OVERTIME,
            t(
                "くるみんの値はフルタイム労働者だけの平均で、雇用管理区分に分けません。",
                "The くるみん figure averages full-time workers only and is not split by employment category.",
            ),
        )),
    },
    Figure {
        id: ERUBOSHI_WOMEN_MANAGERS_SHARE,
        name: t(
            "管理職に占める女性労働者の割合（えるぼし）",
            "Share of women among managers (えるぼし)",
        ),
        definition: t(
            "事業年度末日の管理職（課長級以上、役員を除く）の女性 ÷ 管理職 × 100。えるぼしの管理職比率の基準で、厚生労働省が公表する産業平均（管理者が入力した値）と比べます。",
            "Women managers (section manager and above, executives excluded) on the business year's last day ÷ managers × 100. The えるぼし managers criterion compares it with the industry average published by the MHLW (as typed in by an administrator).",
        ),
        legal_basis: ERUBOSHI_LAW,
        population: t("年度末日の管理職", "Managers on the year's last day"),
        period: PeriodKind::FiscalYearEnd,
        unit: Unit::Percent,
        rounding: Rounding::PercentTruncated,
        differs_from: Some((
            WOMEN_SHARE_MANAGERS,
            t(
                "女活DBの値と同じ人数から計算しますが、端数の処理が異なります。",
                "Computed from the same people as the women's-database figure; the rounding differs.",
            ),
        )),
    },
    Figure {
        id: ERUBOSHI_PROMOTION_RATE,
        name: t(
            "男女別の課長級への昇進率（えるぼし、直近3事業年度）",
            "Promotion rate to section manager by gender (えるぼし, last 3 years)",
        ),
        definition: t(
            "直近3事業年度に課長級へ昇進した女性の合計 ÷ 各年度に課長級の一つ下の職階にいた女性の合計 × 100、男性も同じ。企業が入力したキャリアの集計（課長級への昇進とその対象者数）から計算します。えるぼしの管理職比率の基準「女性 ÷ 男性 ≥ 0.8」は人数のまま比べます。",
            "Women promoted to section manager over the last 3 business years, summed ÷ women in the rank just below in each year, summed × 100; the same for men. Computed from the career totals the employer entered (promotions to section manager and their candidates). The えるぼし criterion \"women's ÷ men's ≥ 0.8\" is compared on the counts.",
        ),
        legal_basis: ERUBOSHI_LAW,
        population: t(
            "課長級の一つ下の職階の労働者",
            "Workers in the rank just below section manager",
        ),
        period: PeriodKind::PlanPeriod,
        unit: Unit::Percent,
        rounding: Rounding::PercentTruncated,
        differs_from: None,
    },
    Figure {
        id: ERUBOSHI_CAREER_COURSE_KINDS,
        name: t(
            "多様なキャリアコースの実績の種類（えるぼし、直近3事業年度）",
            "Kinds of diverse career-course achievements (えるぼし, last 3 years)",
        ),
        definition: t(
            "直近3事業年度に女性の実績が1人以上ある種類の数。種類は、非正社員から正社員への転換、雇用管理区分間の転換、再雇用、おおむね30歳以上の正社員としての採用の4つです。3年度すべてに採用とキャリアの集計が入力されているときだけ数えます。基準は常時雇用する労働者が301人以上で2種類以上、300人以下で1種類以上です。",
            "The number of kinds with at least one woman over the last 3 business years, out of four: non-regular to regular employment, change of employment category, rehiring, and hiring as a regular employee at about 30 or older. Counted only when all 3 years have recruitment and career totals entered. The criterion asks for 2 kinds with 301 or more regular employees, 1 kind with 300 or fewer.",
        ),
        legal_basis: ERUBOSHI_LAW,
        population: t(
            "直近3事業年度に転換・再雇用・採用された女性",
            "Women changed, rehired or hired in the last 3 business years",
        ),
        period: PeriodKind::PlanPeriod,
        unit: Unit::Kinds,
        rounding: Rounding::Count,
        differs_from: None,
    },
    Figure {
        id: REGULAR_EMPLOYEES,
        name: t(
            "常時雇用する労働者の数",
            "Regular employees (常時雇用する労働者)",
        ),
        definition: t(
            "事業年度末日に在籍する、取り込んだ名簿の労働者の数（雇用形態・性別を問いません）。ユースエールは300人以下が条件で、くるみんの中小事業主の特例（300人以下）と行動計画の数値目標（101人以上）、えるぼしの多様なキャリアコースもこの数で分かれます。",
            "The workers of the imported roster employed on the business year's last day (any employment type and gender). ユースエール requires 300 or fewer; the くるみん special provisions (300 or fewer), the action plan's numeric targets (101 or more) and えるぼし's career courses also depend on this number.",
        ),
        legal_basis: YOUTH_LAW,
        population: t(
            "年度末日に在籍する労働者",
            "Workers employed on the year's last day",
        ),
        period: PeriodKind::FiscalYearEnd,
        unit: Unit::People,
        rounding: Rounding::Count,
        differs_from: Some((
            EMPLOYEES_BY_GENDER,
            t(
                "男女別の労働者数と同じ日の在籍者を、性別を問わず合わせて数えます。",
                "The same day's employees as the count by gender, all genders together.",
            ),
        )),
    },
    Figure {
        id: NEW_GRADUATE_TURNOVER,
        name: t(
            "直近3事業年度の新卒等離職率（ユースエール）",
            "New-graduate turnover over the last 3 years (ユースエール)",
        ),
        definition: t(
            "直近3事業年度に正社員として採用した新卒等のうち、採用から3年以内にこれまでに離職した人の合計 ÷ 採用した新卒等の合計 × 100。企業が入力した採用の集計（新卒等採用者数とその離職者数）から計算します。基準は20%以下です。",
            "Of the new graduates hired as regular employees over the last 3 business years, those who have left within 3 years of hire so far, summed ÷ the new graduates hired, summed × 100. Computed from the recruitment totals the employer entered (new-graduate hires and their leavers). The criterion is 20% or less.",
        ),
        legal_basis: YOUTH_LAW,
        population: t(
            "直近3事業年度に正社員として採用した新卒等",
            "New graduates hired as regular employees in the last 3 business years",
        ),
        period: PeriodKind::PlanPeriod,
        unit: Unit::Percent,
        rounding: Rounding::PercentRoundedUp,
        differs_from: None,
    },
    Figure {
        id: YOUTH_YELL_MALE_CHILDCARE_TAKERS,
        name: t(
            "直近3事業年度に育児休業等を取得した男性の数（ユースエール）",
            "Men who took childcare leave in the last 3 years (ユースエール)",
        ),
        definition: t(
            "直近3事業年度の各年度に育児休業等を始めた男性の数（方法1の取得率の分子）の合計。1人以上で基準を満たします（女性の取得率でも満たせます）。3年度のどれかの記録がないときは合計を示しませんが、記録のある年度に1人以上いれば基準を満たします。",
            "Men who started childcare leave in each of the last 3 business years (the numerator of the method-1 rate), summed. One or more meets the criterion (the women's rate can meet it too). Without the records of one of the years no sum is shown, but a year with one or more meets the criterion.",
        ),
        legal_basis: YOUTH_LAW,
        population: t(
            "育児休業等を始めた男性労働者",
            "Male workers who started childcare leave",
        ),
        period: PeriodKind::PlanPeriod,
        unit: Unit::People,
        rounding: Rounding::Count,
        differs_from: Some((
            MALE_CHILDCARE_METHOD1,
            t(
                "方法1の取得率の分子（取得した男性の数）を、3年度分合計した人数です。",
                "The numerator of the method-1 rate (the men who took leave), summed over 3 years.",
            ),
        )),
    },
    Figure {
        id: YOUTH_YELL_FEMALE_CHILDCARE,
        name: t(
            "直近3事業年度の女性の育児休業等取得率（ユースエール）",
            "Women's childcare-leave rate over the last 3 years (ユースエール)",
        ),
        definition: t(
            "直近3事業年度に育児休業等を始めた女性の合計 ÷ 同じ3年度に出産した女性の合計。基準は75%以上です（男性の取得者1人以上でも満たせます）。",
            "Women who started childcare leave over the last 3 business years, summed ÷ women who gave birth in those years, summed. The criterion is 75% or more (one man on leave meets it too).",
        ),
        legal_basis: YOUTH_LAW,
        population: t("出産した女性労働者", "Female workers who gave birth"),
        period: PeriodKind::PlanPeriod,
        unit: Unit::Percent,
        rounding: Rounding::PercentTruncated,
        differs_from: Some((
            CERTIFICATION_FEMALE_CHILDCARE,
            t(
                "くるみんは行動計画の期間、ユースエールは直近3事業年度の人数を合計して割ります。",
                "くるみん sums the people over the plan period, ユースエール over the last 3 business years.",
            ),
        )),
    },
    Figure {
        id: LEAVER_RATE,
        name: t("離職率", "Leaver rate"),
        definition: t(
            "事業年度中に退職した労働者（退職日が年度内。年度中に入社して退職した人も含みます）÷ 年度初日に在籍していた労働者 × 100。取り込んだ名簿の入社日と退職日から、雇用形態を問わず数えます。",
            "Workers whose last day of employment falls in the business year (people hired and gone within it included) ÷ the workers employed on the year's first day × 100. Counted from the hire and leave dates of the imported roster, every employment type.",
        ),
        legal_basis: t(
            "厚生労働省「雇用動向調査」の離職率（期間中の離職者数 ÷ 期首の常用労働者数 × 100）を事業年度に当てはめたもの",
            "The 離職率 of MHLW's Survey on Employment Trends (leavers in the period ÷ regular workers at its start × 100), taken over the business year",
        ),
        population: t("取り込んだ名簿の労働者", "Workers of the imported roster"),
        period: PeriodKind::FiscalYear,
        unit: Unit::Percent,
        rounding: Rounding::PercentHalfUpOneDecimal,
        differs_from: Some((
            NEW_GRADUATE_TURNOVER,
            t(
                "新卒等離職率は新卒採用者の3年以内の離職を見ます。こちらは全労働者の1年間の離職です。",
                "The new-graduate rate follows new graduates for 3 years; this one is every worker over one year.",
            ),
        )),
    },
    Figure {
        id: APPLICANTS_PER_OPENING,
        name: t("募集人数あたりの応募者数", "Applicants per opening"),
        definition: t(
            "事業年度の応募者数（性別を問わず）÷ 募集人数。企業が入力した採用の集計（応募者数と募集人数）から計算します。",
            "The business year's applicants (all genders) ÷ its openings, from the recruitment totals the employer entered (applicants and openings).",
        ),
        legal_basis: t(
            "伴走支援の成果指標「採用力」（公的な定義はありません）",
            "The 採用力 outcome of consultant support (no official definition)",
        ),
        population: t(
            "その年度の募集に応募した人",
            "People who applied to the year's openings",
        ),
        period: PeriodKind::FiscalYear,
        unit: Unit::Ratio,
        rounding: Rounding::HalfUpOneDecimal,
        differs_from: Some((
            COMPETITION_RATIO,
            t(
                "競争倍率は男女別に応募者を採用者で割ります。こちらは男女を合わせ、募集人数で割ります。",
                "The competition ratio divides applicants by hires, by gender; this one divides all applicants by the openings.",
            ),
        )),
    },
    Figure {
        id: OPENING_FILL_RATE,
        name: t("募集の充足率", "Openings filled"),
        definition: t(
            "事業年度の採用者数 ÷ 募集人数 × 100。企業が入力した採用の集計から計算します。100%を超えるのは募集より多く採用した年です。",
            "The business year's hires ÷ its openings × 100, from the recruitment totals the employer entered. Above 100% means more hires than openings.",
        ),
        legal_basis: t(
            "職業安定業務統計の充足率（充足数 ÷ 求人数）を自社の募集に当てはめたもの",
            "The fill rate of the Employment Security Statistics (filled ÷ openings), applied to the employer's own openings",
        ),
        population: t("その年度の募集", "The year's openings"),
        period: PeriodKind::FiscalYear,
        unit: Unit::Percent,
        rounding: Rounding::PercentHalfUpOneDecimal,
        differs_from: None,
    },
    Figure {
        id: PORTAL_INQUIRIES,
        name: t(
            "erabareru経由の問い合わせ・応募",
            "Inquiries and applications through erabareru",
        ),
        definition: t(
            "事業年度（4月〜翌3月）に、求職者がerabareruの求人ページや企業ページから送った応募と問い合わせの件数。送った日は日本時間で数えます。erabareruに求人も企業ページもなかった年度は「データなし」で、0件とはしません。",
            "The applications and inquiries job seekers sent from the employer's job and workplace pages on erabareru in the business year (April to March), dated in Japan time. A year in which the employer had neither a job nor a workplace page on erabareru is \"no data\", never 0.",
        ),
        legal_basis: t(
            "伴走支援の成果指標「採用力」（公的な定義はありません）",
            "The 採用力 outcome of consultant support (no official definition)",
        ),
        population: t(
            "その年度にerabareruから送られた応募と問い合わせ",
            "Applications and inquiries sent through erabareru in the year",
        ),
        period: PeriodKind::FiscalYear,
        unit: Unit::Cases,
        rounding: Rounding::Count,
        differs_from: Some((
            APPLICANTS_PER_OPENING,
            t(
                "募集人数あたりの応募者数は企業が入力した採用の集計から、こちらはerabareruに届いた記録から数えます。電話やハローワーク経由の応募は含みません。",
                "Applicants per opening comes from the recruitment totals the employer entered; this one counts what reached erabareru. Applications by phone or through Hello Work are not included.",
            ),
        )),
    },
    Figure {
        id: TOTAL_HOURS_WORKED,
        name: t("総実労働時間", "Total hours worked"),
        definition: t(
            "事業年度中の勤怠の各行の（終業 − 始業 − 休憩）の合計。法定休日の労働も含み、有給休暇は含みません。打刻がなく法定時間外・法定休日の分だけを記録した行が一つでもある年は、合計が実際より少なくなるため示しません。",
            "The sum of (end − start − break) of every attendance row in the business year. Legal-holiday work is included, paid leave is not. A year with any row that records only overtime figures, without clock times, has no total: it would come out too low.",
        ),
        legal_basis: t(
            "労働基準法 第32条の労働時間（実労働時間）",
            "Working hours under the Labour Standards Act, Article 32 (hours actually worked)",
        ),
        population: t("勤怠のあるすべての労働者", "Every worker with attendance"),
        period: PeriodKind::FiscalYear,
        unit: Unit::Hours,
        rounding: Rounding::HalfUpOneDecimal,
        differs_from: None,
    },
    Figure {
        id: VALUE_ADDED_PER_HOUR,
        name: t("労働時間あたりの付加価値", "Value added per hour worked"),
        definition: t(
            "事業年度の付加価値（営業利益 + 人件費。企業が入力した数値）÷ 同じ年度の総実労働時間。",
            "The business year's value added (operating profit + labour cost, as the employer entered them) ÷ the same year's total hours worked.",
        ),
        legal_basis: t(
            "中小企業庁が労働生産性に用いる付加価値の加算法（営業利益 + 人件費に簡略化）",
            "The additive value-added method of the SME Agency's labour productivity (simplified to operating profit + labour cost)",
        ),
        population: t("組織全体", "The whole organization"),
        period: PeriodKind::FiscalYear,
        unit: Unit::YenPerHour,
        rounding: Rounding::WholeHalfUp,
        differs_from: Some((
            OPERATING_PROFIT_PER_HOUR,
            t(
                "付加価値は人件費を含みます。賃上げで利益が減っても付加価値は減りません。",
                "Value added includes labour cost: a pay rise that lowers profit does not lower it.",
            ),
        )),
    },
    Figure {
        id: OPERATING_PROFIT_PER_HOUR,
        name: t(
            "労働時間あたりの営業利益",
            "Operating profit per hour worked",
        ),
        definition: t(
            "事業年度の営業利益（企業が入力した数値）÷ 同じ年度の総実労働時間。赤字の年は負の値です。",
            "The business year's operating profit (as the employer entered it) ÷ the same year's total hours worked. Negative in a year of loss.",
        ),
        legal_basis: t(
            "伴走支援の成果指標「生産性」（公的な定義はありません）",
            "The 生産性 outcome of consultant support (no official definition)",
        ),
        population: t("組織全体", "The whole organization"),
        period: PeriodKind::FiscalYear,
        unit: Unit::YenPerHour,
        rounding: Rounding::WholeHalfUp,
        differs_from: None,
    },
    Figure {
        id: DAILY_PLAN_GAP,
        name: t("予実差（1日あたり）", "Plan–actual gap per day"),
        definition: t(
            "朝メール（予定）と夜メール（実績）の両方がある日ごとに、分類ごとの「実績の分 − 予定の分」の絶対値を足し、その日数で割った平均。予定だけで実績のない日は数えません。",
            "For each day with both a plan (朝メール) and a report (夜メール), the sum over categories of |actual minutes − planned minutes|, averaged over those days. Days planned but not reported are not counted.",
        ),
        legal_basis: DAILY_BASIS,
        population: DAILY_COMPARED,
        period: PeriodKind::ChosenPeriod,
        unit: Unit::Minutes,
        rounding: Rounding::WholeHalfUp,
        differs_from: Some((
            DAILY_ACTUAL_END,
            t(
                "予実差は時間の配分のずれを測ります。終業が予定どおりでも、会議が延びて資料作成が減れば予実差は大きくなります。",
                "The gap measures how time was spread: a day that ends on time still has a large gap if a meeting ran long and drafting was cut.",
            ),
        )),
    },
    Figure {
        id: DAILY_CATEGORY_MINUTES,
        name: t(
            "分類別の予定時間と実績時間",
            "Planned and actual time by category",
        ),
        definition: t(
            "予定と実績の両方がある日の、分類（会議・資料作成など組織が決めたもの）ごとの時間帯の長さの合計。",
            "On the days with both plan and report, the total length of the blocks of each category (the organization's own, such as meetings or drafting).",
        ),
        legal_basis: DAILY_BASIS,
        population: DAILY_COMPARED,
        period: PeriodKind::ChosenPeriod,
        unit: Unit::Minutes,
        rounding: Rounding::Count,
        differs_from: None,
    },
    Figure {
        id: DAILY_UNPLANNED_SHARE,
        name: t("突発業務の割合", "Share of unplanned work"),
        definition: t(
            "夜メールで「予定外」と記録した時間帯の分 ÷ 実績の時間帯の分の合計 × 100（予定と実績の両方がある日）。",
            "Minutes of the blocks marked unplanned in the evening report ÷ all actual minutes × 100 (days with both plan and report).",
        ),
        legal_basis: DAILY_BASIS,
        population: DAILY_COMPARED,
        period: PeriodKind::ChosenPeriod,
        unit: Unit::Percent,
        rounding: Rounding::PercentHalfUpOneDecimal,
        differs_from: None,
    },
    Figure {
        id: DAILY_PLANNED_END,
        name: t("終業予定時刻（平均）", "Planned end of the day (mean)"),
        definition: t(
            "予定と実績の両方がある日の、予定の最後の時間帯の終了時刻の平均。",
            "The mean, over the days with both plan and report, of the end of the plan's last block.",
        ),
        legal_basis: DAILY_BASIS,
        population: DAILY_COMPARED,
        period: PeriodKind::ChosenPeriod,
        unit: Unit::TimeOfDay,
        rounding: Rounding::WholeHalfUp,
        differs_from: None,
    },
    Figure {
        id: DAILY_ACTUAL_END,
        name: t("終業時刻の実績（平均）", "Actual end of the day (mean)"),
        definition: t(
            "予定と実績の両方がある日の、実績の最後の時間帯の終了時刻の平均。勤怠の打刻ではなく本人の記録です。",
            "The mean, over the days with both plan and report, of the end of the report's last block. The person's own record, not the attendance clock.",
        ),
        legal_basis: DAILY_BASIS,
        population: DAILY_COMPARED,
        period: PeriodKind::ChosenPeriod,
        unit: Unit::TimeOfDay,
        rounding: Rounding::WholeHalfUp,
        differs_from: Some((
            TOTAL_HOURS_WORKED,
            t(
                "労働時間の集計は勤怠の記録から、こちらは本人が夜メールに書いた時間帯から求めます。",
                "Hours worked come from attendance records; this comes from the blocks people wrote in their evening reports.",
            ),
        )),
    },
    Figure {
        id: DAILY_OVERLOADED_DAYS,
        name: t(
            "定時を超える予定の日数",
            "Days planned past the scheduled end",
        ),
        definition: t(
            "朝メールの最後の時間帯が、その人の定時（組織の設定）より後に終わる日の数。",
            "Days whose morning plan ends after the person's scheduled end of work (the organization's setting).",
        ),
        legal_basis: DAILY_BASIS,
        population: t(
            "選んだ人・チーム・組織のうち、その期間に予定を書いた人",
            "The chosen person, team or organization: those who wrote a plan in the period",
        ),
        period: PeriodKind::ChosenPeriod,
        unit: Unit::Days,
        rounding: Rounding::Count,
        differs_from: None,
    },
    Figure {
        id: ORG_SURVEY_WORK_LIFE,
        name: t(
            "組織診断：働きやすさ・労働時間",
            "Survey: work-life balance and hours",
        ),
        definition: t(
            "5段階（1 そう思わない 〜 5 そう思う）の3問「仕事と私生活のバランス」「残業は長すぎない」「定時に帰ることに気兼ねがない」それぞれの回答の平均を求め、その3つの平均をさらに平均した点数。",
            "On a 5-point scale (1 disagree to 5 agree), the mean of the three items' means.",
        ),
        legal_basis: SURVEY_BASIS,
        population: SURVEY_POPULATION,
        period: PeriodKind::SurveyRound,
        unit: Unit::Points,
        rounding: Rounding::HalfUpOneDecimal,
        differs_from: None,
    },
    Figure {
        id: ORG_SURVEY_WORKLOAD,
        name: t("組織診断：業務量・効率", "Survey: workload and efficiency"),
        definition: t(
            "5段階（1 そう思わない 〜 5 そう思う）の3問「仕事量は時間内にこなせる」「ムダな作業や会議が少ない」「仕事が特定の人に偏っていない」それぞれの回答の平均を求め、その3つの平均をさらに平均した点数。",
            "On a 5-point scale (1 disagree to 5 agree), the mean of the three items' means.",
        ),
        legal_basis: SURVEY_BASIS,
        population: SURVEY_POPULATION,
        period: PeriodKind::SurveyRound,
        unit: Unit::Points,
        rounding: Rounding::HalfUpOneDecimal,
        differs_from: None,
    },
    Figure {
        id: ORG_SURVEY_LEAVE,
        name: t(
            "組織診断：休暇・育児・介護休業の取りやすさ",
            "Survey: ease of taking leave",
        ),
        definition: t(
            "5段階（1 そう思わない 〜 5 そう思う）の3問「年休を希望どおりに取れる」「男女とも育休を取りやすい」「介護が必要になっても働き続けられる」それぞれの回答の平均を求め、その3つの平均をさらに平均した点数。",
            "On a 5-point scale (1 disagree to 5 agree), the mean of the three items' means.",
        ),
        legal_basis: SURVEY_BASIS,
        population: SURVEY_POPULATION,
        period: PeriodKind::SurveyRound,
        unit: Unit::Points,
        rounding: Rounding::HalfUpOneDecimal,
        differs_from: None,
    },
    Figure {
        id: ORG_SURVEY_COMMUNICATION,
        name: t(
            "組織診断：コミュニケーション・心理的安全性",
            "Survey: communication and psychological safety",
        ),
        definition: t(
            "5段階（1 そう思わない 〜 5 そう思う）の3問「困ったときに相談できる」「意見や失敗を安心して話せる」「情報がよく共有されている」それぞれの回答の平均を求め、その3つの平均をさらに平均した点数。",
            "On a 5-point scale (1 disagree to 5 agree), the mean of the three items' means.",
        ),
        legal_basis: SURVEY_BASIS,
        population: SURVEY_POPULATION,
        period: PeriodKind::SurveyRound,
        unit: Unit::Points,
        rounding: Rounding::HalfUpOneDecimal,
        differs_from: None,
    },
    Figure {
        id: ORG_SURVEY_GROWTH,
        name: t("組織診断：成長・やりがい", "Survey: growth and motivation"),
        definition: t(
            "5段階（1 そう思わない 〜 5 そう思う）の3問「仕事を通じて成長できている」「やりがいを感じる」「努力や成果が正当に評価されている」それぞれの回答の平均を求め、その3つの平均をさらに平均した点数。",
            "On a 5-point scale (1 disagree to 5 agree), the mean of the three items' means.",
        ),
        legal_basis: SURVEY_BASIS,
        population: SURVEY_POPULATION,
        period: PeriodKind::SurveyRound,
        unit: Unit::Points,
        rounding: Rounding::HalfUpOneDecimal,
        differs_from: None,
    },
    Figure {
        id: ORG_SURVEY_RETENTION,
        name: t("組織診断：働き続けたい気持ち", "Survey: intention to stay"),
        definition: t(
            "5段階（1 そう思わない 〜 5 そう思う）の3問「今後も働き続けたい」「家族や友人に勧めたい」「5年後もこの職場で働いていると思う」それぞれの回答の平均を求め、その3つの平均をさらに平均した点数。",
            "On a 5-point scale (1 disagree to 5 agree), the mean of the three items' means.",
        ),
        legal_basis: SURVEY_BASIS,
        population: SURVEY_POPULATION,
        period: PeriodKind::SurveyRound,
        unit: Unit::Points,
        rounding: Rounding::HalfUpOneDecimal,
        differs_from: None,
    },
];

/// The figure with this id.
pub fn get(id: &str) -> Option<&'static Figure> {
    FIGURES.iter().find(|f| f.id == id)
}

/// The figure with this id; for ids written in code (a typo is a bug the
/// catalog tests catch, so this never fails on a listed id).
pub fn figure(id: &str) -> &'static Figure {
    get(id).unwrap_or_else(|| panic!("figure {id} is not in the catalog"))
}

/// The catalog figures a certification criterion's value shows, by
/// criterion id: `(part, figure)`, where `part` is the
/// [`Part::what`](crate::Part) the figure is shown as, or `None` for a
/// figure the criterion shows whatever its value's form. Criteria not listed
/// are yes/no questions, or `eruboshi_criteria_met` (how many of the five
/// えるぼし criteria are met: a tally of verdicts, not a figure of the
/// workforce). The industry averages beside two えるぼし criteria are values
/// typed in from the MHLW's publication, not figures erabareru computes.
/// `(part, figure id)`: one figure a criterion shows.
type PartFigure = (Option<&'static str>, &'static str);

const CRITERION_FIGURES: &[(&str, &[PartFigure])] = &[
    (
        "male_childcare_leave",
        &[(None, CERTIFICATION_MALE_CHILDCARE)],
    ),
    (
        "female_childcare_leave",
        &[(None, CERTIFICATION_FEMALE_CHILDCARE)],
    ),
    (
        "fixed_term_female_childcare_leave",
        &[(None, CERTIFICATION_FIXED_TERM_FEMALE_CHILDCARE)],
    ),
    (
        "full_time_monthly_hours",
        &[
            (None, KURUMIN_MONTHLY_OVERTIME),
            (Some("age_band"), AGE_BAND_MONTHLY_OVERTIME),
        ],
    ),
    ("no_worker_60h", &[(None, WORKER_MONTHLY_LEGAL_OVERTIME)]),
    (
        "eruboshi_hiring",
        &[
            (None, ERUBOSHI_APPLICANTS_AND_HIRES),
            (None, ERUBOSHI_REGULAR_WOMEN_SHARE),
        ],
    ),
    (
        "eruboshi_continued_employment",
        &[(None, ERUBOSHI_SERVICE_YEARS), (None, ERUBOSHI_RETENTION)],
    ),
    (
        "eruboshi_working_hours",
        &[(None, ERUBOSHI_CATEGORY_MONTHLY_OVERTIME)],
    ),
    (
        "eruboshi_managers",
        &[
            (None, ERUBOSHI_WOMEN_MANAGERS_SHARE),
            (None, ERUBOSHI_PROMOTION_RATE),
        ],
    ),
    (
        "eruboshi_career_courses",
        &[(None, ERUBOSHI_CAREER_COURSE_KINDS)],
    ),
    ("employees_at_most_300", &[(None, REGULAR_EMPLOYEES)]),
    ("new_graduate_turnover", &[(None, NEW_GRADUATE_TURNOVER)]),
    (
        "regular_monthly_overtime",
        &[(None, REGULAR_MONTHLY_NON_SCHEDULED)],
    ),
    ("paid_leave", &[(None, YOUTH_YELL_PAID_LEAVE)]),
    (
        "youth_childcare",
        &[
            (None, YOUTH_YELL_MALE_CHILDCARE_TAKERS),
            (None, YOUTH_YELL_FEMALE_CHILDCARE),
        ],
    ),
];

fn criterion_figures(criterion_id: &str) -> &'static [(Option<&'static str>, &'static str)] {
    CRITERION_FIGURES
        .iter()
        .find(|(id, _)| *id == criterion_id)
        .map_or(&[], |(_, figures)| figures)
}

/// The (first) catalog figure whose value a certification criterion shows,
/// by criterion id; `None` for yes/no questions and for
/// `eruboshi_criteria_met`. See [`figures_of`] for all of them.
pub fn of_criterion(criterion_id: &str) -> Option<&'static str> {
    criterion_figures(criterion_id).first().map(|(_, id)| *id)
}

/// Every catalog figure the criterion's value shows (the readiness page and
/// `erabareru certify` link each): a figure tied to a part only when the
/// value has that part (the 2025 くるみん hours show the age band, the 2022
/// ones do not).
pub fn figures_of(c: &crate::Criterion) -> Vec<&'static str> {
    let has_part = |p: &str| match &c.value {
        Some(crate::Value::Parts(parts)) => parts.iter().any(|x| x.what == p),
        _ => false,
    };
    criterion_figures(c.id)
        .iter()
        .filter(|(part, _)| part.is_none_or(has_part))
        .map(|(_, id)| *id)
        .collect()
}

#[cfg(test)]
mod tests;
