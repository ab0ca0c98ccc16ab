//! 女性の活躍推進企業データベース (女性活躍推進法 第20条, LABOR_RULES §4): the
//! disclosure items with the database's own numbering and names, their
//! definitions, the values erabareru can compute for them, where each value
//! comes from, which items an employer must publish, and the open-data CSV
//! column naming.
//!
//! # Numbering
//!
//! The database numbers its items 1–14, two of them with sub-items
//! (`4.(1)`/`4.(2)`, `8.(1)`/`8.(2)`), which is not the order of the
//! ①/② lists of LABOR_RULES §4. The numbers of items 5, 6, 8.(1) and 10 are
//! confirmed by the open-data column names quoted in §4; 1–7 also match the
//! database's published item list. The numbers of 8.(2), 9, 11, 12, 13 and
//! 14 follow from the same list but are **unconfirmed**
//! ([`ItemDef::number_confirmed`]).
//!
//! # Columns
//!
//! Only these open-data column names are confirmed in LABOR_RULES §4:
//! `6.一月当たりの労働者の平均残業時間-平均残業時間(時間)`,
//! `8.(1)年次有給休暇の取得率-対象労働者(%)`,
//! `10.管理職に占める女性労働者の割合-割合(%)`,
//! `5.男女別の育児休業取得率-雇用管理区分１-男性(%)`, and `企業名`, `法人番号`,
//! `業種`, `都道府県`, `企業規模`. Every other column here follows the same
//! pattern (`number + name - part(unit)`) and is marked as **unconfirmed
//! naming** ([`Column::confirmed`] is false). In the CSV `-` means "not
//! disclosed / no value", distinct from `0`.
//!
//! # Values
//!
//! Exact integer arithmetic (see [`crate::rounding`]). A zero denominator
//! gives no value (`None`, shown as `—` / `-`), never 0.

use jiff::civil::Date;
use serde::Serialize;

use crate::catalog::ids;
use crate::extras::{ByGender, WageAggregate, WageGroup};
use crate::report::average_monthly_overtime_hours;
use crate::rounding::{
    OneDecimal, half_up_one_decimal, percent_half_up_one_decimal, percent_truncated,
};

/// The two lists of LABOR_RULES §4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// ① 女性労働者に対する職業生活に関する機会の提供.
    Opportunity,
    /// ② 職業生活と家庭生活との両立に資する雇用環境の整備.
    Balance,
}

impl Group {
    /// `opportunity` / `balance`.
    pub fn id(self) -> &'static str {
        match self {
            Group::Opportunity => "opportunity",
            Group::Balance => "balance",
        }
    }

    /// ① / ②.
    pub fn mark(self) -> &'static str {
        match self {
            Group::Opportunity => "①",
            Group::Balance => "②",
        }
    }
}

/// One disclosure item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemId {
    /// 1. 採用した労働者に占める女性労働者の割合.
    WomenHiresShare,
    /// 2. 男女別の採用における競争倍率.
    CompetitionRatio,
    /// 3. 労働者に占める女性労働者の割合.
    WomenWorkersShare,
    /// 4.(1) 男女の平均継続勤務年数の差異.
    ServiceYears,
    /// 4.(2) 10事業年度前及びその前後の事業年度に採用された労働者の男女別の継続雇用割合.
    TenYearRetention,
    /// 5. 男女別の育児休業取得率.
    ChildcareLeaveRate,
    /// 6. 一月当たりの労働者の平均残業時間.
    MonthlyOvertime,
    /// 7. 雇用管理区分ごとの一月当たりの労働者の平均残業時間.
    MonthlyOvertimeByCategory,
    /// 8.(1) 年次有給休暇の取得率.
    PaidLeaveRate,
    /// 8.(2) 雇用管理区分ごとの年次有給休暇の取得率.
    PaidLeaveRateByCategory,
    /// 9. 係長級にある者に占める女性労働者の割合.
    WomenChiefsShare,
    /// 10. 管理職に占める女性労働者の割合.
    WomenManagersShare,
    /// 11. 役員に占める女性の割合.
    WomenExecutivesShare,
    /// 12. 男女別の職種又は雇用形態の転換実績.
    Conversions,
    /// 13. 男女別の再雇用又は中途採用の実績.
    RehiresMidCareer,
    /// 14. 男女の賃金の差異.
    WageGap,
}

impl ItemId {
    /// Every item, in the database's order.
    pub const ALL: [ItemId; 16] = [
        ItemId::WomenHiresShare,
        ItemId::CompetitionRatio,
        ItemId::WomenWorkersShare,
        ItemId::ServiceYears,
        ItemId::TenYearRetention,
        ItemId::ChildcareLeaveRate,
        ItemId::MonthlyOvertime,
        ItemId::MonthlyOvertimeByCategory,
        ItemId::PaidLeaveRate,
        ItemId::PaidLeaveRateByCategory,
        ItemId::WomenChiefsShare,
        ItemId::WomenManagersShare,
        ItemId::WomenExecutivesShare,
        ItemId::Conversions,
        ItemId::RehiresMidCareer,
        ItemId::WageGap,
    ];

    /// The id used in i18n keys and files (`wage_gap`, …).
    pub fn id(self) -> &'static str {
        match self {
            ItemId::WomenHiresShare => "women_hires_share",
            ItemId::CompetitionRatio => "competition_ratio",
            ItemId::WomenWorkersShare => "women_workers_share",
            ItemId::ServiceYears => "service_years",
            ItemId::TenYearRetention => "ten_year_retention",
            ItemId::ChildcareLeaveRate => "childcare_leave_rate",
            ItemId::MonthlyOvertime => "monthly_overtime",
            ItemId::MonthlyOvertimeByCategory => "monthly_overtime_by_category",
            ItemId::PaidLeaveRate => "paid_leave_rate",
            ItemId::PaidLeaveRateByCategory => "paid_leave_rate_by_category",
            ItemId::WomenChiefsShare => "women_chiefs_share",
            ItemId::WomenManagersShare => "women_managers_share",
            ItemId::WomenExecutivesShare => "women_executives_share",
            ItemId::Conversions => "conversions",
            ItemId::RehiresMidCareer => "rehires_mid_career",
            ItemId::WageGap => "wage_gap",
        }
    }

    /// The item's definition.
    pub fn def(self) -> &'static ItemDef {
        ITEMS
            .iter()
            .find(|d| d.id == self)
            .expect("every item has a definition")
    }
}

/// Over which time a value is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// Over the 事業年度 (flows: hires, overtime, leave, wages).
    FiscalYear,
    /// On the 事業年度's last day (headcounts, service).
    YearEnd,
}

/// What the database says an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ItemDef {
    /// The item.
    pub id: ItemId,
    /// The database's item number: `1`, `4.(1)`, `8.(2)`, …
    pub number: &'static str,
    /// Whether [`Self::number`] is confirmed by a column name in LABOR_RULES §4
    /// or the database's published item list.
    pub number_confirmed: bool,
    /// The item's name (女性活躍推進法 省令 / the database).
    pub name_ja: &'static str,
    /// ① or ②.
    pub group: Group,
    /// (区): to be given per 雇用管理区分.
    pub per_category: bool,
    /// (派): dispatched workers are included.
    pub includes_dispatched: bool,
    /// Over the year or on its last day.
    pub period: PeriodKind,
    /// The definition, short (DB 項目定義, LABOR_RULES §4).
    pub definition_ja: &'static str,
    /// The item's entry in the figure catalog (`crate::catalog`), whose name,
    /// definition and rounding the pages show; `None` for the items
    /// erabareru has no data for (their rounding is not in LABOR_RULES).
    pub figure: Option<&'static str>,
}

/// Every item, in the database's order.
pub const ITEMS: [ItemDef; 16] = [
    ItemDef {
        id: ItemId::WomenHiresShare,
        figure: Some(ids::WOMEN_SHARE_HIRES),
        number: "1",
        number_confirmed: true,
        name_ja: "採用した労働者に占める女性労働者の割合",
        group: Group::Opportunity,
        per_category: true,
        includes_dispatched: false,
        period: PeriodKind::FiscalYear,
        definition_ja: "事業年度に採用した女性労働者数 ÷ 採用した労働者数 × 100（中途採用を含む）。小数第2位を四捨五入。",
    },
    ItemDef {
        id: ItemId::CompetitionRatio,
        figure: Some(ids::COMPETITION_RATIO),
        number: "2",
        number_confirmed: true,
        name_ja: "男女別の採用における競争倍率",
        group: Group::Opportunity,
        per_category: true,
        includes_dispatched: false,
        period: PeriodKind::FiscalYear,
        definition_ja: "応募者数（実質的な採用選考が始まった段階の人数）÷ 採用者数（内定者を含めてもよい）を男女別に。男女比 = 女性の倍率 ÷ 男性の倍率。",
    },
    ItemDef {
        id: ItemId::WomenWorkersShare,
        figure: Some(ids::WOMEN_SHARE_WORKERS),
        number: "3",
        number_confirmed: true,
        name_ja: "労働者に占める女性労働者の割合",
        group: Group::Opportunity,
        per_category: true,
        includes_dispatched: true,
        period: PeriodKind::YearEnd,
        definition_ja: "事業年度末日の女性労働者数 ÷ 労働者数 × 100。小数第2位を四捨五入。",
    },
    ItemDef {
        id: ItemId::ServiceYears,
        figure: Some(ids::AVERAGE_SERVICE_YEARS),
        number: "4.(1)",
        number_confirmed: true,
        name_ja: "男女の平均継続勤務年数の差異",
        group: Group::Balance,
        per_category: false,
        includes_dispatched: false,
        period: PeriodKind::YearEnd,
        definition_ja: "男女別の平均継続勤務年数（勤続月数の合計 ÷ 12 ÷ 人数）。データベースの対象は期間の定めのない労働者。",
    },
    ItemDef {
        id: ItemId::TenYearRetention,
        figure: None,
        number: "4.(2)",
        number_confirmed: true,
        name_ja: "10事業年度前及びその前後の事業年度に採用された労働者の男女別の継続雇用割合",
        group: Group::Balance,
        per_category: false,
        includes_dispatched: false,
        period: PeriodKind::FiscalYear,
        definition_ja: "9〜11事業年度前に新規学卒者等として採用した労働者のうち継続して雇用されている者の割合を男女別に。",
    },
    ItemDef {
        id: ItemId::ChildcareLeaveRate,
        figure: Some(ids::CHILDCARE_LEAVE_RATE_BY_GENDER),
        number: "5",
        number_confirmed: true,
        name_ja: "男女別の育児休業取得率",
        group: Group::Balance,
        per_category: true,
        includes_dispatched: false,
        period: PeriodKind::FiscalYear,
        definition_ja: "育児休業を開始した者 ÷ 出産した者（男性は配偶者が出産した者）× 100。人数で数え、小数第1位以下を切り捨て。",
    },
    ItemDef {
        id: ItemId::MonthlyOvertime,
        figure: Some(ids::AVERAGE_MONTHLY_OVERTIME),
        number: "6",
        number_confirmed: true,
        name_ja: "一月当たりの労働者の平均残業時間",
        group: Group::Balance,
        per_category: false,
        includes_dispatched: false,
        period: PeriodKind::FiscalYear,
        definition_ja: "1年間の対象労働者の法定時間外労働と法定休日労働の合計 ÷ 12 ÷ 対象労働者数。事業場外みなし労働時間制の者を除く。小数第2位を四捨五入。",
    },
    ItemDef {
        id: ItemId::MonthlyOvertimeByCategory,
        figure: None,
        number: "7",
        number_confirmed: true,
        name_ja: "雇用管理区分ごとの一月当たりの労働者の平均残業時間",
        group: Group::Balance,
        per_category: true,
        includes_dispatched: true,
        period: PeriodKind::FiscalYear,
        definition_ja: "6.の平均残業時間を雇用管理区分ごとに。",
    },
    ItemDef {
        id: ItemId::PaidLeaveRate,
        figure: Some(ids::PAID_LEAVE_UTILIZATION),
        number: "8.(1)",
        number_confirmed: true,
        name_ja: "年次有給休暇の取得率",
        group: Group::Balance,
        per_category: false,
        includes_dispatched: false,
        period: PeriodKind::FiscalYear,
        definition_ja: "事業年度に取得した日数（繰越分からの取得を含む）÷ 事業年度に付与した日数（繰越分を除く）× 100。小数第2位を四捨五入。",
    },
    ItemDef {
        id: ItemId::PaidLeaveRateByCategory,
        figure: None,
        number: "8.(2)",
        number_confirmed: false,
        name_ja: "雇用管理区分ごとの年次有給休暇の取得率",
        group: Group::Balance,
        per_category: true,
        includes_dispatched: false,
        period: PeriodKind::FiscalYear,
        definition_ja: "8.(1)の取得率を雇用管理区分ごとに。",
    },
    ItemDef {
        id: ItemId::WomenChiefsShare,
        figure: Some(ids::WOMEN_SHARE_CHIEFS),
        number: "9",
        number_confirmed: false,
        name_ja: "係長級にある者に占める女性労働者の割合",
        group: Group::Opportunity,
        per_category: false,
        includes_dispatched: false,
        period: PeriodKind::YearEnd,
        definition_ja: "事業年度末日の係長級の女性 ÷ 係長級の者 × 100。小数第2位を四捨五入。",
    },
    ItemDef {
        id: ItemId::WomenManagersShare,
        figure: Some(ids::WOMEN_SHARE_MANAGERS),
        number: "10",
        number_confirmed: true,
        name_ja: "管理職に占める女性労働者の割合",
        group: Group::Opportunity,
        per_category: false,
        includes_dispatched: false,
        period: PeriodKind::YearEnd,
        definition_ja: "事業年度末日の管理職（課長級以上、役員を除く）の女性 ÷ 管理職 × 100。小数第2位を四捨五入。",
    },
    ItemDef {
        id: ItemId::WomenExecutivesShare,
        figure: Some(ids::WOMEN_SHARE_EXECUTIVES),
        number: "11",
        number_confirmed: false,
        name_ja: "役員に占める女性の割合",
        group: Group::Opportunity,
        per_category: false,
        includes_dispatched: false,
        period: PeriodKind::YearEnd,
        definition_ja: "事業年度末日の女性役員 ÷ 役員 × 100。小数第2位を四捨五入。",
    },
    ItemDef {
        id: ItemId::Conversions,
        figure: Some(ids::CONVERSIONS),
        number: "12",
        number_confirmed: false,
        name_ja: "男女別の職種又は雇用形態の転換実績",
        group: Group::Opportunity,
        per_category: true,
        includes_dispatched: true,
        period: PeriodKind::FiscalYear,
        definition_ja: "事業年度に非正社員から正社員へ、また雇用管理区分間で転換した人数を男女別に。",
    },
    ItemDef {
        id: ItemId::RehiresMidCareer,
        figure: Some(ids::REHIRES_MID_CAREER),
        number: "13",
        number_confirmed: false,
        name_ja: "男女別の再雇用又は中途採用の実績",
        group: Group::Opportunity,
        per_category: false,
        includes_dispatched: false,
        period: PeriodKind::FiscalYear,
        definition_ja: "事業年度に再雇用（出産・育児・介護等で退職した者、定年後を除く）又は中途採用した人数を男女別に。",
    },
    ItemDef {
        id: ItemId::WageGap,
        figure: Some(ids::WAGE_GAP),
        number: "14",
        number_confirmed: false,
        name_ja: "男女の賃金の差異",
        group: Group::Opportunity,
        per_category: false,
        includes_dispatched: false,
        period: PeriodKind::FiscalYear,
        definition_ja: "女性の平均年間賃金 ÷ 男性の平均年間賃金 × 100 を全労働者・正規・非正規ごとに。退職手当・通勤手当を除く。小数第2位を四捨五入。",
    },
];

/// One published figure of an item (an item has one or several).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The item's only figure.
    Value,
    /// Women's figure.
    Women,
    /// Men's figure.
    Men,
    /// 女性の倍率 ÷ 男性の倍率.
    WomenToMen,
    /// Wage gap, 全労働者.
    All,
    /// Wage gap, 正規雇用労働者.
    Regular,
    /// Wage gap, 非正規雇用労働者.
    NonRegular,
    /// 非正社員から正社員への転換, women.
    ToRegularWomen,
    /// 非正社員から正社員への転換, men.
    ToRegularMen,
    /// 雇用管理区分間の転換, women.
    CategoryChangeWomen,
    /// 雇用管理区分間の転換, men.
    CategoryChangeMen,
    /// 再雇用, women.
    RehiresWomen,
    /// 再雇用, men.
    RehiresMen,
    /// 中途採用, women.
    MidCareerWomen,
    /// 中途採用, men.
    MidCareerMen,
}

impl Part {
    /// The id used in i18n keys and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Part::Value => "value",
            Part::Women => "women",
            Part::Men => "men",
            Part::WomenToMen => "women_to_men",
            Part::All => "all",
            Part::Regular => "regular",
            Part::NonRegular => "non_regular",
            Part::ToRegularWomen => "to_regular_women",
            Part::ToRegularMen => "to_regular_men",
            Part::CategoryChangeWomen => "category_change_women",
            Part::CategoryChangeMen => "category_change_men",
            Part::RehiresWomen => "rehires_women",
            Part::RehiresMen => "rehires_men",
            Part::MidCareerWomen => "mid_career_women",
            Part::MidCareerMen => "mid_career_men",
        }
    }
}

/// The unit of a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// %.
    Percent,
    /// 時間.
    Hours,
    /// 年.
    Years,
    /// 倍.
    Times,
    /// 人.
    People,
}

impl Unit {
    /// `percent`, `hours`, `years`, `times`, `people`.
    pub fn id(self) -> &'static str {
        match self {
            Unit::Percent => "percent",
            Unit::Hours => "hours",
            Unit::Years => "years",
            Unit::Times => "times",
            Unit::People => "people",
        }
    }
}

/// A computed figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Amount {
    /// One decimal, in the figure's unit.
    Decimal(OneDecimal),
    /// A whole number (a truncated percent, a count of people).
    Whole(u64),
}

impl std::fmt::Display for Amount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Amount::Decimal(d) => d.fmt(f),
            Amount::Whole(n) => n.fmt(f),
        }
    }
}

/// An open-data CSV column of a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Column {
    /// The item.
    pub item: ItemId,
    /// The figure.
    pub part: Part,
    /// The figure's unit.
    pub unit: Unit,
    /// The column's name in the open-data CSV.
    pub name: &'static str,
    /// Whether the name is confirmed (LABOR_RULES §4); false = unconfirmed
    /// naming that follows the confirmed pattern.
    pub column_confirmed: bool,
}

const fn col(item: ItemId, part: Part, unit: Unit, name: &'static str, confirmed: bool) -> Column {
    Column {
        item,
        part,
        unit,
        name,
        column_confirmed: confirmed,
    }
}

/// The company columns that come first in the open data (all confirmed).
pub const COMPANY_COLUMNS: [&str; 5] = ["企業名", "法人番号", "業種", "都道府県", "企業規模"];

/// Every figure's column, in the database's order.
pub const COLUMNS: [Column; 29] = [
    col(
        ItemId::WomenHiresShare,
        Part::Value,
        Unit::Percent,
        "1.採用した労働者に占める女性労働者の割合-割合(%)",
        false,
    ),
    col(
        ItemId::CompetitionRatio,
        Part::Women,
        Unit::Times,
        "2.(1)男女別の採用における競争倍率-女性(倍)",
        false,
    ),
    col(
        ItemId::CompetitionRatio,
        Part::Men,
        Unit::Times,
        "2.(1)男女別の採用における競争倍率-男性(倍)",
        false,
    ),
    col(
        ItemId::CompetitionRatio,
        Part::WomenToMen,
        Unit::Times,
        "2.(2)採用における競争倍率の男女比-男女比(倍)",
        false,
    ),
    col(
        ItemId::WomenWorkersShare,
        Part::Value,
        Unit::Percent,
        "3.労働者に占める女性労働者の割合-割合(%)",
        false,
    ),
    col(
        ItemId::ServiceYears,
        Part::Women,
        Unit::Years,
        "4.(1)男女の平均継続勤務年数の差異-女性(年)",
        false,
    ),
    col(
        ItemId::ServiceYears,
        Part::Men,
        Unit::Years,
        "4.(1)男女の平均継続勤務年数の差異-男性(年)",
        false,
    ),
    col(
        ItemId::TenYearRetention,
        Part::Women,
        Unit::Percent,
        "4.(2)男女別の採用10年前後の継続雇用割合-女性(%)",
        false,
    ),
    col(
        ItemId::TenYearRetention,
        Part::Men,
        Unit::Percent,
        "4.(2)男女別の採用10年前後の継続雇用割合-男性(%)",
        false,
    ),
    col(
        ItemId::ChildcareLeaveRate,
        Part::Women,
        Unit::Percent,
        "5.男女別の育児休業取得率-雇用管理区分１-女性(%)",
        false,
    ),
    col(
        ItemId::ChildcareLeaveRate,
        Part::Men,
        Unit::Percent,
        "5.男女別の育児休業取得率-雇用管理区分１-男性(%)",
        true,
    ),
    col(
        ItemId::MonthlyOvertime,
        Part::Value,
        Unit::Hours,
        "6.一月当たりの労働者の平均残業時間-平均残業時間(時間)",
        true,
    ),
    col(
        ItemId::MonthlyOvertimeByCategory,
        Part::Value,
        Unit::Hours,
        "7.雇用管理区分ごとの一月当たりの労働者の平均残業時間-雇用管理区分１-平均残業時間(時間)",
        false,
    ),
    col(
        ItemId::PaidLeaveRate,
        Part::Value,
        Unit::Percent,
        "8.(1)年次有給休暇の取得率-対象労働者(%)",
        true,
    ),
    col(
        ItemId::PaidLeaveRateByCategory,
        Part::Value,
        Unit::Percent,
        "8.(2)雇用管理区分ごとの年次有給休暇の取得率-雇用管理区分１-取得率(%)",
        false,
    ),
    col(
        ItemId::WomenChiefsShare,
        Part::Value,
        Unit::Percent,
        "9.係長級にある者に占める女性労働者の割合-割合(%)",
        false,
    ),
    col(
        ItemId::WomenManagersShare,
        Part::Value,
        Unit::Percent,
        "10.管理職に占める女性労働者の割合-割合(%)",
        true,
    ),
    col(
        ItemId::WomenExecutivesShare,
        Part::Value,
        Unit::Percent,
        "11.役員に占める女性の割合-割合(%)",
        false,
    ),
    col(
        ItemId::Conversions,
        Part::ToRegularWomen,
        Unit::People,
        "12.男女別の職種又は雇用形態の転換実績-非正社員から正社員への転換-女性(人)",
        false,
    ),
    col(
        ItemId::Conversions,
        Part::ToRegularMen,
        Unit::People,
        "12.男女別の職種又は雇用形態の転換実績-非正社員から正社員への転換-男性(人)",
        false,
    ),
    col(
        ItemId::Conversions,
        Part::CategoryChangeWomen,
        Unit::People,
        "12.男女別の職種又は雇用形態の転換実績-雇用管理区分間の転換-女性(人)",
        false,
    ),
    col(
        ItemId::Conversions,
        Part::CategoryChangeMen,
        Unit::People,
        "12.男女別の職種又は雇用形態の転換実績-雇用管理区分間の転換-男性(人)",
        false,
    ),
    col(
        ItemId::RehiresMidCareer,
        Part::RehiresWomen,
        Unit::People,
        "13.男女別の再雇用又は中途採用の実績-再雇用-女性(人)",
        false,
    ),
    col(
        ItemId::RehiresMidCareer,
        Part::RehiresMen,
        Unit::People,
        "13.男女別の再雇用又は中途採用の実績-再雇用-男性(人)",
        false,
    ),
    col(
        ItemId::RehiresMidCareer,
        Part::MidCareerWomen,
        Unit::People,
        "13.男女別の再雇用又は中途採用の実績-中途採用-女性(人)",
        false,
    ),
    col(
        ItemId::RehiresMidCareer,
        Part::MidCareerMen,
        Unit::People,
        "13.男女別の再雇用又は中途採用の実績-中途採用-男性(人)",
        false,
    ),
    col(
        ItemId::WageGap,
        Part::All,
        Unit::Percent,
        "14.男女の賃金の差異-全労働者(%)",
        false,
    ),
    col(
        ItemId::WageGap,
        Part::Regular,
        Unit::Percent,
        "14.男女の賃金の差異-正規雇用労働者(%)",
        false,
    ),
    col(
        ItemId::WageGap,
        Part::NonRegular,
        Unit::Percent,
        "14.男女の賃金の差異-非正規雇用労働者(%)",
        false,
    ),
];

/// Every figure column, in the database's order.
pub fn columns() -> impl Iterator<Item = &'static Column> {
    COLUMNS.iter()
}

/// The columns of one item.
pub fn columns_of(item: ItemId) -> impl Iterator<Item = &'static Column> {
    columns().filter(move |c| c.item == item)
}

// ------------------------------------------------------------------ inputs

/// Women among a group of people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct WomenCount {
    /// Women.
    pub women: u64,
    /// Everybody (any gender).
    pub total: u64,
}

/// Recruitment totals of the year (summed over 雇用管理区分).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Competition {
    /// 応募者数 at the start of real selection.
    pub applicants: ByGender,
    /// 採用者数 (offers may be counted).
    pub hires: ByGender,
}

/// 転換実績 of the year; `None` = not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ConversionCounts {
    /// 非正社員から正社員への転換 (CareerEvent::ToRegular).
    pub to_regular: Option<ByGender>,
    /// 雇用管理区分間の転換 (CareerEvent::CategoryChange).
    pub category_change: Option<ByGender>,
}

/// 再雇用・中途採用 of the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct RehireCounts {
    /// 再雇用者数.
    pub rehires: ByGender,
    /// 中途採用者数.
    pub mid_career_hires: ByGender,
}

/// Service totals by gender on the year's last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ServiceTotals {
    /// Women's completed months of service, summed.
    pub women_months: u64,
    /// Women counted.
    pub women: u64,
    /// Men's completed months of service, summed.
    pub men_months: u64,
    /// Men counted.
    pub men: u64,
}

/// 育児休業 counts by gender (persons, LABOR_RULES §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ChildcareCounts {
    /// Women who gave birth in the year.
    pub women_births: u64,
    /// Of them, women whose 育児休業 started.
    pub women_takers: u64,
    /// Men whose spouse gave birth in the year.
    pub men_births: u64,
    /// Men whose 育児休業等 started (method 1).
    pub men_takers: u64,
}

/// Legal overtime + legal-holiday work of the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct OvertimeTotals {
    /// Minutes, covered workers summed.
    pub total_minutes: u64,
    /// Covered workers (事業場外みなし excluded).
    pub workers: u64,
}

/// Paid leave of the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct PaidLeaveTotals {
    /// Days taken, in half days.
    pub taken_half_days: u64,
    /// Days granted with a 基準日 in the year.
    pub granted_days: u64,
}

/// What erabareru has for one organization and fiscal year. Fields from
/// imported records (roster, attendance, family events, leaves) make
/// [`Source::Computed`] values; fields from employer-supplied aggregates
/// (recruitment.csv, wages.csv, career.csv) make [`Source::Entered`] ones.
/// `None` / empty = not available.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Input {
    /// Hires of the year (roster; computed).
    pub hires: Option<WomenCount>,
    /// Applicants and hires by gender (recruitment.csv; entered).
    pub competition: Option<Competition>,
    /// Workers on the last day (roster; computed).
    pub workers: Option<WomenCount>,
    /// 係長級 on the last day (roster; computed).
    pub chiefs: Option<WomenCount>,
    /// 管理職 on the last day (roster; computed).
    pub managers: Option<WomenCount>,
    /// 役員 on the last day (roster; computed).
    pub executives: Option<WomenCount>,
    /// 転換実績 (career.csv; entered).
    pub conversions: Option<ConversionCounts>,
    /// 再雇用・中途採用 (recruitment.csv; entered).
    pub rehires: Option<RehireCounts>,
    /// Wage aggregates, at most one per group (wages.csv; entered).
    pub wages: Vec<WageAggregate>,
    /// Service by gender (roster; computed).
    pub service: Option<ServiceTotals>,
    /// 育児休業 counts (roster + family events + leaves; computed).
    pub childcare: Option<ChildcareCounts>,
    /// Average monthly overtime's totals (attendance; computed).
    pub overtime: Option<OvertimeTotals>,
    /// Paid-leave utilization's totals (attendance + roster; computed).
    pub paid_leave: Option<PaidLeaveTotals>,
}

// ------------------------------------------------------------------ values

/// Where an item's values come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Computed from imported records.
    Computed,
    /// Employer-supplied aggregates.
    Entered,
    /// erabareru has nothing for it.
    None,
}

impl Source {
    /// `computed`, `entered`, `none`.
    pub fn id(self) -> &'static str {
        match self {
            Source::Computed => "computed",
            Source::Entered => "entered",
            Source::None => "none",
        }
    }
}

/// One figure with its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Figure {
    /// The column (part, unit, CSV name).
    pub column: &'static Column,
    /// `None` = no value (— / `-`), never 0.
    pub value: Option<Amount>,
}

/// One item's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemValue {
    /// The item's definition.
    pub def: &'static ItemDef,
    /// Where the values come from.
    pub source: Source,
    /// One per column of the item, in column order.
    pub figures: Vec<Figure>,
}

impl ItemValue {
    /// Whether some figure has a value.
    pub fn has_value(&self) -> bool {
        self.figures.iter().any(|f| f.value.is_some())
    }
}

/// 男女の賃金の差異: women's average annual wage ÷ men's × 100, one decimal,
/// half up, exactly: `women_total × men_hc × 1000 ÷ (women_hc × men_total)`
/// tenths. `None` when either side has no people or men have no wages.
pub fn wage_gap_percent(w: &WageAggregate) -> Option<OneDecimal> {
    let n = u128::from(w.women_total_yen) * u128::from(w.men_headcount_hundredths) * 1000;
    let d = u128::from(w.women_headcount_hundredths) * u128::from(w.men_total_yen);
    if d == 0 || w.men_headcount_hundredths == 0 {
        return None;
    }
    let tenths = (2 * n + d) / (2 * d);
    Some(OneDecimal {
        tenths: u64::try_from(tenths).unwrap_or(u64::MAX),
    })
}

/// 競争倍率: applicants ÷ hires, one decimal, half up; `None` without hires.
pub fn competition_ratio(applicants: u64, hires: u64) -> Option<OneDecimal> {
    half_up_one_decimal(applicants, hires)
}

/// 競争倍率の男女比: women's ratio ÷ men's ratio = (aw × hm) ÷ (hw × am), one
/// decimal, half up; `None` when either ratio is missing or men's is 0.
pub fn competition_ratio_women_to_men(
    applicants: &ByGender,
    hires: &ByGender,
) -> Option<OneDecimal> {
    if hires.men == 0 {
        return None;
    }
    let n = applicants.women.checked_mul(hires.men)?;
    let d = hires.women.checked_mul(applicants.men)?;
    half_up_one_decimal(n, d)
}

fn share(c: &WomenCount) -> Option<Amount> {
    percent_half_up_one_decimal(c.women, c.total).map(Amount::Decimal)
}

fn dec(v: Option<OneDecimal>) -> Option<Amount> {
    v.map(Amount::Decimal)
}

/// Every item with its values, in the database's order.
pub fn items(input: &Input) -> Vec<ItemValue> {
    ItemId::ALL
        .iter()
        .map(|&id| item_value(id, input))
        .collect()
}

/// One item's values.
pub fn item_value(id: ItemId, input: &Input) -> ItemValue {
    let computed = |present: bool| {
        if present {
            Source::Computed
        } else {
            Source::None
        }
    };
    let entered = |present: bool| {
        if present {
            Source::Entered
        } else {
            Source::None
        }
    };
    let (source, value): (Source, Box<dyn Fn(Part) -> Option<Amount> + '_>) = match id {
        ItemId::WomenHiresShare => (
            computed(input.hires.is_some()),
            Box::new(|_| input.hires.as_ref().and_then(share)),
        ),
        ItemId::CompetitionRatio => (
            entered(input.competition.is_some()),
            Box::new(|p| {
                let c = input.competition.as_ref()?;
                match p {
                    Part::Women => dec(competition_ratio(c.applicants.women, c.hires.women)),
                    Part::Men => dec(competition_ratio(c.applicants.men, c.hires.men)),
                    Part::WomenToMen => {
                        dec(competition_ratio_women_to_men(&c.applicants, &c.hires))
                    }
                    _ => None,
                }
            }),
        ),
        ItemId::WomenWorkersShare => (
            computed(input.workers.is_some()),
            Box::new(|_| input.workers.as_ref().and_then(share)),
        ),
        ItemId::ServiceYears => (
            computed(input.service.is_some()),
            Box::new(|p| {
                let s = input.service.as_ref()?;
                let (months, n) = match p {
                    Part::Women => (s.women_months, s.women),
                    Part::Men => (s.men_months, s.men),
                    _ => return None,
                };
                dec(half_up_one_decimal(months, n.saturating_mul(12)))
            }),
        ),
        ItemId::ChildcareLeaveRate => (
            computed(input.childcare.is_some()),
            Box::new(|p| {
                let c = input.childcare.as_ref()?;
                let (takers, births) = match p {
                    Part::Women => (c.women_takers, c.women_births),
                    Part::Men => (c.men_takers, c.men_births),
                    _ => return None,
                };
                percent_truncated(takers, births).map(Amount::Whole)
            }),
        ),
        ItemId::MonthlyOvertime => (
            computed(input.overtime.is_some()),
            Box::new(|_| {
                let o = input.overtime.as_ref()?;
                dec(average_monthly_overtime_hours(o.total_minutes, o.workers))
            }),
        ),
        ItemId::PaidLeaveRate => (
            computed(input.paid_leave.is_some()),
            Box::new(|_| {
                let l = input.paid_leave.as_ref()?;
                dec(percent_half_up_one_decimal(
                    l.taken_half_days,
                    l.granted_days.saturating_mul(2),
                ))
            }),
        ),
        ItemId::WomenChiefsShare => (
            computed(input.chiefs.is_some()),
            Box::new(|_| input.chiefs.as_ref().and_then(share)),
        ),
        ItemId::WomenManagersShare => (
            computed(input.managers.is_some()),
            Box::new(|_| input.managers.as_ref().and_then(share)),
        ),
        ItemId::WomenExecutivesShare => (
            computed(input.executives.is_some()),
            Box::new(|_| input.executives.as_ref().and_then(share)),
        ),
        ItemId::Conversions => (
            entered(
                input
                    .conversions
                    .is_some_and(|c| c.to_regular.is_some() || c.category_change.is_some()),
            ),
            Box::new(|p| {
                let c = input.conversions.as_ref()?;
                let n = match p {
                    Part::ToRegularWomen => c.to_regular?.women,
                    Part::ToRegularMen => c.to_regular?.men,
                    Part::CategoryChangeWomen => c.category_change?.women,
                    Part::CategoryChangeMen => c.category_change?.men,
                    _ => return None,
                };
                Some(Amount::Whole(n))
            }),
        ),
        ItemId::RehiresMidCareer => (
            entered(input.rehires.is_some()),
            Box::new(|p| {
                let r = input.rehires.as_ref()?;
                let n = match p {
                    Part::RehiresWomen => r.rehires.women,
                    Part::RehiresMen => r.rehires.men,
                    Part::MidCareerWomen => r.mid_career_hires.women,
                    Part::MidCareerMen => r.mid_career_hires.men,
                    _ => return None,
                };
                Some(Amount::Whole(n))
            }),
        ),
        ItemId::WageGap => (
            entered(!input.wages.is_empty()),
            Box::new(|p| {
                let group = match p {
                    Part::All => WageGroup::All,
                    Part::Regular => WageGroup::Regular,
                    Part::NonRegular => WageGroup::NonRegular,
                    _ => return None,
                };
                let w = input.wages.iter().find(|w| w.group == group)?;
                dec(wage_gap_percent(w))
            }),
        ),
        // Nothing in erabareru's data supports these yet.
        ItemId::TenYearRetention
        | ItemId::MonthlyOvertimeByCategory
        | ItemId::PaidLeaveRateByCategory => (Source::None, Box::new(|_| None)),
    };
    ItemValue {
        def: id.def(),
        source,
        figures: columns_of(id)
            .map(|column| Figure {
                column,
                value: value(column.part),
            })
            .collect(),
    }
}

// ------------------------------------------------------------------ duties

/// The size classes the law's duties depend on (常時雇用する労働者).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SizeClass {
    /// 100 or fewer: effort duty only.
    UpTo100,
    /// 101–300.
    From101To300,
    /// 301 or more.
    From301,
}

impl SizeClass {
    /// The class of a headcount.
    pub fn of(employees: u64) -> SizeClass {
        match employees {
            0..=100 => SizeClass::UpTo100,
            101..=300 => SizeClass::From101To300,
            _ => SizeClass::From301,
        }
    }

    /// The class of an organization's employee band (`1-9`, `10-100`,
    /// `101-300`, `301-1000`, `1001+`); `None` for anything else.
    pub fn from_band(band: &str) -> Option<SizeClass> {
        match band.trim() {
            "1-9" | "10-100" => Some(SizeClass::UpTo100),
            "101-300" => Some(SizeClass::From101To300),
            "301-1000" | "1001+" => Some(SizeClass::From301),
            _ => None,
        }
    }

    /// `up_to_100`, `101_to_300`, `301_plus`.
    pub fn id(self) -> &'static str {
        match self {
            SizeClass::UpTo100 => "up_to_100",
            SizeClass::From101To300 => "101_to_300",
            SizeClass::From301 => "301_plus",
        }
    }
}

/// Which version of the rules applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    /// Since 2022-07 (賃金差異 for 301+). Dates before 2022-07 are outside
    /// this model and get these rules too.
    Since2022July,
    /// From 2026-04-01 (令和7年法律第63号: 女性管理職比率 added).
    Since2026April,
}

impl Regime {
    /// The day the 2026 revision takes effect.
    pub const REVISION_2026: Date = Date::constant(2026, 4, 1);

    /// The rules in force on `date`.
    pub fn on(date: Date) -> Regime {
        if date >= Self::REVISION_2026 {
            Regime::Since2026April
        } else {
            Regime::Since2022July
        }
    }

    /// `since_2022_07`, `since_2026_04`.
    pub fn id(self) -> &'static str {
        match self {
            Regime::Since2022July => "since_2022_07",
            Regime::Since2026April => "since_2026_04",
        }
    }
}

/// Whether publishing is a duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Duty {
    /// Must publish (義務).
    Mandatory,
    /// Should publish (努力義務).
    EffortOnly,
    /// The size is not known.
    Unknown,
}

/// "Choose at least `at_least` of `candidates`".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    /// How many at least.
    pub at_least: usize,
    /// From ① or ② only; `None` = from any item.
    pub group: Option<Group>,
    /// The items that count (the group's items other than the required ones).
    pub candidates: Vec<ItemId>,
}

/// What an organization must publish on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Requirement {
    /// The size class used; `None` when unknown.
    pub size: Option<SizeClass>,
    /// The rules in force.
    pub regime: Regime,
    /// Duty or effort.
    pub duty: Duty,
    /// Must publish exactly these.
    pub required: Vec<ItemId>,
    /// And choose from these (disjoint from `required`).
    pub choices: Vec<Choice>,
    /// Items in total at least.
    pub minimum_items: usize,
}

/// How one item stands in a [`Requirement`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Obligation {
    /// Must be published.
    Required,
    /// One of the candidates of `choices[index]`.
    Choice(usize),
    /// Voluntary.
    Voluntary,
}

impl Requirement {
    /// How `item` stands (the first choice it is a candidate of).
    pub fn obligation(&self, item: ItemId) -> Obligation {
        if self.required.contains(&item) {
            return Obligation::Required;
        }
        match self
            .choices
            .iter()
            .position(|c| c.candidates.contains(&item))
        {
            Some(i) => Obligation::Choice(i),
            None => Obligation::Voluntary,
        }
    }

    /// Whether publishing `published` meets the requirement.
    pub fn is_met_by(&self, published: &[ItemId]) -> bool {
        let mut distinct: Vec<ItemId> = published.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        self.required.iter().all(|r| distinct.contains(r))
            && self
                .choices
                .iter()
                .all(|c| distinct.iter().filter(|i| c.candidates.contains(i)).count() >= c.at_least)
            && distinct.len() >= self.minimum_items
    }
}

fn group_items(group: Option<Group>, except: &[ItemId]) -> Vec<ItemId> {
    ItemId::ALL
        .into_iter()
        .filter(|i| group.is_none_or(|g| i.def().group == g) && !except.contains(i))
        .collect()
}

/// What must be published by an employer of `employees` 常時雇用する労働者
/// (`None` = unknown) on `on` (LABOR_RULES §4):
///
/// - 301+ since 2022-07: 賃金差異, plus ≥ 1 other item of ① and ≥ 1 of ②;
///   from 2026-04-01 also 女性管理職比率 (≥ 4 items in total).
/// - 101–300: ≥ 1 item; from 2026-04-01 賃金差異 and 女性管理職比率 plus ≥ 1
///   more.
/// - ≤ 100: effort only.
pub fn mandatory(employees: Option<u64>, on: Date) -> Requirement {
    requirement(employees.map(SizeClass::of), on)
}

/// [`mandatory`] for a size class.
pub fn requirement(size: Option<SizeClass>, on: Date) -> Requirement {
    let regime = Regime::on(on);
    let new = regime == Regime::Since2026April;
    let any = |required: &[ItemId]| Choice {
        at_least: 1,
        group: None,
        candidates: group_items(None, required),
    };
    let of = |g: Group, required: &[ItemId]| Choice {
        at_least: 1,
        group: Some(g),
        candidates: group_items(Some(g), required),
    };
    let (duty, required, choices, minimum_items) = match size {
        None => (Duty::Unknown, Vec::new(), Vec::new(), 0),
        Some(SizeClass::UpTo100) => (Duty::EffortOnly, Vec::new(), Vec::new(), 0),
        Some(SizeClass::From101To300) if new => {
            let req = vec![ItemId::WageGap, ItemId::WomenManagersShare];
            let choices = vec![any(&req)];
            (Duty::Mandatory, req, choices, 3)
        }
        Some(SizeClass::From101To300) => (Duty::Mandatory, Vec::new(), vec![any(&[])], 1),
        Some(SizeClass::From301) => {
            let req = if new {
                vec![ItemId::WageGap, ItemId::WomenManagersShare]
            } else {
                vec![ItemId::WageGap]
            };
            let choices = vec![of(Group::Opportunity, &req), of(Group::Balance, &req)];
            let min = req.len() + 2;
            (Duty::Mandatory, req, choices, min)
        }
    };
    Requirement {
        size,
        regime,
        duty,
        required,
        choices,
        minimum_items,
    }
}

// ------------------------------------------------------------------ CSV

/// The company's identification columns.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Company {
    /// 企業名.
    pub name: String,
    /// 法人番号 (13 digits), empty when unknown.
    pub corporate_number: String,
    /// 業種 (日本標準産業分類 大分類 name).
    pub industry: String,
    /// 都道府県 (name).
    pub prefecture: String,
    /// 企業規模 (as the organization states it).
    pub size: String,
}

/// The open-data header: [`COMPANY_COLUMNS`], then every figure's column.
pub fn csv_header() -> Vec<&'static str> {
    COMPANY_COLUMNS
        .iter()
        .copied()
        .chain(columns().map(|c| c.name))
        .collect()
}

/// The company's row under [`csv_header`]; `-` for no value, never `0`.
pub fn csv_row(company: &Company, items: &[ItemValue]) -> Vec<String> {
    let mut row = vec![
        company.name.clone(),
        company.corporate_number.clone(),
        company.industry.clone(),
        company.prefecture.clone(),
        company.size.clone(),
    ];
    for column in columns() {
        let value = items
            .iter()
            .flat_map(|i| i.figures.iter())
            .find(|f| std::ptr::eq(f.column, column))
            .and_then(|f| f.value);
        row.push(value.map_or_else(|| "-".to_string(), |v| v.to_string()));
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn wages(group: WageGroup, w: u64, whc: u64, m: u64, mhc: u64) -> WageAggregate {
        WageAggregate {
            group,
            women_total_yen: w,
            women_headcount_hundredths: whc,
            men_total_yen: m,
            men_headcount_hundredths: mhc,
        }
    }

    fn g(women: u64, men: u64) -> ByGender {
        ByGender {
            women,
            men,
            other: 0,
        }
    }

    fn figure(items: &[ItemValue], id: ItemId, part: Part) -> Option<String> {
        items
            .iter()
            .find(|i| i.def.id == id)
            .unwrap()
            .figures
            .iter()
            .find(|f| f.column.part == part)
            .unwrap()
            .value
            .map(|v| v.to_string())
    }

    #[test]
    fn wage_gap_worked_examples() {
        // 10 women earning 4,000,000 in total (average 400,000) against 10 men
        // earning 5,000,000 (average 500,000): 400,000 ÷ 500,000 × 100 = 80.0.
        let w = wages(WageGroup::All, 4_000_000, 1000, 5_000_000, 1000);
        assert_eq!(wage_gap_percent(&w).unwrap().to_string(), "80.0");
        // 66.65 exactly must round up to 66.7: women 6,665 yen for 1 person,
        // men 10,000 yen for 1 person. (6665 / 10000 * 100 in f64 is
        // 66.64999…, which a float rounding would turn into 66.6.)
        let w = wages(WageGroup::Regular, 6_665, 100, 10_000, 100);
        assert_eq!(wage_gap_percent(&w).unwrap().tenths, 667);
        // Fractional headcounts: women 3,000,000 over 7.5 people (400,000
        // each), men 6,000,000 over 12.25 people (489,795.9…):
        // 400,000 ÷ 489,795.918… × 100 = 81.666… → 81.7.
        let w = wages(WageGroup::NonRegular, 3_000_000, 750, 6_000_000, 1225);
        assert_eq!(wage_gap_percent(&w).unwrap().to_string(), "81.7");
        // Zero denominators: no women, no men, men without wages.
        assert_eq!(wage_gap_percent(&wages(WageGroup::All, 0, 0, 5, 100)), None);
        assert_eq!(wage_gap_percent(&wages(WageGroup::All, 5, 100, 0, 0)), None);
        assert_eq!(
            wage_gap_percent(&wages(WageGroup::All, 5, 100, 0, 100)),
            None
        );
        // Women without wages but with people: 0.0, a value.
        assert_eq!(
            wage_gap_percent(&wages(WageGroup::All, 0, 100, 5, 100)).map(|v| v.tenths),
            Some(0)
        );
    }

    #[test]
    fn competition_ratios() {
        // Women 30 applicants for 4 hires = 7.5; men 50 for 10 = 5.0;
        // 7.5 ÷ 5.0 = 1.5 (exactly 30 × 10 ÷ (4 × 50)).
        assert_eq!(competition_ratio(30, 4).unwrap().to_string(), "7.5");
        assert_eq!(competition_ratio(50, 10).unwrap().to_string(), "5.0");
        assert_eq!(
            competition_ratio_women_to_men(&g(30, 50), &g(4, 10))
                .unwrap()
                .to_string(),
            "1.5"
        );
        // 10 for 3 = 3.333… → 3.3; 0 hires: no ratio; 0 men applying: no
        // women-to-men ratio (men's ratio is 0).
        assert_eq!(competition_ratio(10, 3).unwrap().to_string(), "3.3");
        assert_eq!(competition_ratio(10, 0), None);
        assert_eq!(competition_ratio_women_to_men(&g(10, 0), &g(2, 1)), None);
        assert_eq!(competition_ratio_women_to_men(&g(10, 5), &g(0, 1)), None);
        assert_eq!(competition_ratio_women_to_men(&g(10, 5), &g(1, 0)), None);
    }

    #[test]
    fn items_from_the_input_with_sources() {
        let input = Input {
            hires: Some(WomenCount { women: 1, total: 3 }),
            workers: Some(WomenCount { women: 0, total: 0 }),
            managers: Some(WomenCount { women: 1, total: 8 }),
            competition: Some(Competition {
                applicants: g(30, 50),
                hires: g(4, 10),
            }),
            service: Some(ServiceTotals {
                women_months: 150,
                women: 2,
                men_months: 0,
                men: 0,
            }),
            childcare: Some(ChildcareCounts {
                women_births: 3,
                women_takers: 3,
                men_births: 3,
                men_takers: 2,
            }),
            overtime: Some(OvertimeTotals {
                total_minutes: 72_000,
                workers: 10,
            }),
            paid_leave: Some(PaidLeaveTotals {
                taken_half_days: 21,
                granted_days: 20,
            }),
            conversions: Some(ConversionCounts {
                to_regular: Some(g(2, 1)),
                category_change: None,
            }),
            wages: vec![wages(WageGroup::All, 4_000_000, 1000, 5_000_000, 1000)],
            ..Input::default()
        };
        let items = items(&input);
        assert_eq!(items.len(), 16);
        let f = |id, part| figure(&items, id, part);
        // 1 of 3 = 33.333… → 33.3; nobody on the last day → no value, not 0.
        assert_eq!(
            f(ItemId::WomenHiresShare, Part::Value).as_deref(),
            Some("33.3")
        );
        assert_eq!(f(ItemId::WomenWorkersShare, Part::Value), None);
        assert_eq!(
            f(ItemId::WomenManagersShare, Part::Value).as_deref(),
            Some("12.5")
        );
        assert_eq!(
            f(ItemId::CompetitionRatio, Part::WomenToMen).as_deref(),
            Some("1.5")
        );
        // 150 months ÷ 12 ÷ 2 = 6.25 → 6.3; no men → no value.
        assert_eq!(f(ItemId::ServiceYears, Part::Women).as_deref(), Some("6.3"));
        assert_eq!(f(ItemId::ServiceYears, Part::Men), None);
        // 2 of 3 = 66.6… truncated to 66 (LABOR_RULES §3).
        assert_eq!(
            f(ItemId::ChildcareLeaveRate, Part::Men).as_deref(),
            Some("66")
        );
        // 72,000 min ÷ 60 ÷ 12 ÷ 10 = 10.0 h.
        assert_eq!(
            f(ItemId::MonthlyOvertime, Part::Value).as_deref(),
            Some("10.0")
        );
        // 10.5 days of 20 = 52.5 %.
        assert_eq!(
            f(ItemId::PaidLeaveRate, Part::Value).as_deref(),
            Some("52.5")
        );
        assert_eq!(
            f(ItemId::Conversions, Part::ToRegularWomen).as_deref(),
            Some("2")
        );
        assert_eq!(f(ItemId::Conversions, Part::CategoryChangeWomen), None);
        assert_eq!(f(ItemId::WageGap, Part::All).as_deref(), Some("80.0"));
        assert_eq!(f(ItemId::WageGap, Part::Regular), None);
        let source = |id: ItemId| items.iter().find(|i| i.def.id == id).unwrap().source;
        assert_eq!(source(ItemId::WomenHiresShare), Source::Computed);
        assert_eq!(source(ItemId::WomenWorkersShare), Source::Computed);
        assert_eq!(source(ItemId::WageGap), Source::Entered);
        assert_eq!(source(ItemId::CompetitionRatio), Source::Entered);
        assert_eq!(source(ItemId::RehiresMidCareer), Source::None);
        assert_eq!(source(ItemId::WomenChiefsShare), Source::None);
        assert_eq!(source(ItemId::TenYearRetention), Source::None);
    }

    #[test]
    fn every_item_has_a_definition_and_columns() {
        for (i, id) in ItemId::ALL.iter().enumerate() {
            assert_eq!(ITEMS[i].id, *id, "ITEMS in ItemId::ALL order");
            assert!(columns_of(*id).count() >= 1, "{id:?} has a column");
            for c in columns_of(*id) {
                assert!(
                    c.name.starts_with(id.def().number),
                    "{} starts with {}",
                    c.name,
                    id.def().number
                );
            }
        }
        // The four column names LABOR_RULES §4 confirms, and only those.
        let confirmed: Vec<&str> = columns()
            .filter(|c| c.column_confirmed)
            .map(|c| c.name)
            .collect();
        assert_eq!(
            confirmed,
            [
                "5.男女別の育児休業取得率-雇用管理区分１-男性(%)",
                "6.一月当たりの労働者の平均残業時間-平均残業時間(時間)",
                "8.(1)年次有給休暇の取得率-対象労働者(%)",
                "10.管理職に占める女性労働者の割合-割合(%)",
            ]
        );
        let header = csv_header();
        assert_eq!(&header[..5], &COMPANY_COLUMNS);
        assert_eq!(header.len(), 5 + 29);
    }

    #[test]
    fn csv_row_uses_a_dash_for_no_value_and_keeps_zero() {
        let input = Input {
            managers: Some(WomenCount { women: 0, total: 4 }),
            workers: Some(WomenCount { women: 0, total: 0 }),
            ..Input::default()
        };
        let company = Company {
            name: "テスト株式会社".into(),
            ..Company::default()
        };
        let row = csv_row(&company, &items(&input));
        let header = csv_header();
        assert_eq!(row.len(), header.len());
        let at = |name: &str| row[header.iter().position(|h| *h == name).unwrap()].clone();
        assert_eq!(at("企業名"), "テスト株式会社");
        assert_eq!(at("10.管理職に占める女性労働者の割合-割合(%)"), "0.0");
        assert_eq!(at("3.労働者に占める女性労働者の割合-割合(%)"), "-");
        assert_eq!(
            at("6.一月当たりの労働者の平均残業時間-平均残業時間(時間)"),
            "-"
        );
    }

    #[test]
    fn duties_by_size_and_date() {
        let before = date(2026, 3, 31);
        let after = date(2026, 4, 1);
        // 300 before the revision: at least one item of any.
        let r = mandatory(Some(300), before);
        assert_eq!(
            (r.duty, r.size, r.regime),
            (
                Duty::Mandatory,
                Some(SizeClass::From101To300),
                Regime::Since2022July
            )
        );
        assert!(r.required.is_empty());
        assert_eq!(r.minimum_items, 1);
        assert_eq!(r.choices.len(), 1);
        assert_eq!(r.choices[0].candidates.len(), 16);
        assert!(r.is_met_by(&[ItemId::PaidLeaveRate]));
        assert!(!r.is_met_by(&[]));
        // 300 from 2026-04-01: 賃金差異 + 女性管理職比率 + 1 more.
        let r = mandatory(Some(300), after);
        assert_eq!(r.regime, Regime::Since2026April);
        assert_eq!(r.required, [ItemId::WageGap, ItemId::WomenManagersShare]);
        assert_eq!(r.minimum_items, 3);
        assert_eq!(r.obligation(ItemId::WageGap), Obligation::Required);
        assert_eq!(r.obligation(ItemId::MonthlyOvertime), Obligation::Choice(0));
        assert!(!r.is_met_by(&[ItemId::WageGap, ItemId::WomenManagersShare]));
        assert!(r.is_met_by(&[
            ItemId::WageGap,
            ItemId::WomenManagersShare,
            ItemId::MonthlyOvertime
        ]));
        // 301 before: 賃金差異 + one other of ① + one of ②.
        let r = mandatory(Some(301), before);
        assert_eq!(r.size, Some(SizeClass::From301));
        assert_eq!(r.required, [ItemId::WageGap]);
        assert_eq!(r.minimum_items, 3);
        assert_eq!(r.choices[0].group, Some(Group::Opportunity));
        assert!(!r.choices[0].candidates.contains(&ItemId::WageGap));
        assert_eq!(r.choices[1].group, Some(Group::Balance));
        assert_eq!(
            r.obligation(ItemId::WomenManagersShare),
            Obligation::Choice(0)
        );
        assert_eq!(r.obligation(ItemId::PaidLeaveRate), Obligation::Choice(1));
        assert!(r.is_met_by(&[
            ItemId::WageGap,
            ItemId::WomenHiresShare,
            ItemId::PaidLeaveRate
        ]));
        // Two of ① and none of ② is not enough.
        assert!(!r.is_met_by(&[
            ItemId::WageGap,
            ItemId::WomenHiresShare,
            ItemId::WomenManagersShare
        ]));
        // 301 from 2026-04-01: also 女性管理職比率, 4 items at least.
        let r = mandatory(Some(301), after);
        assert_eq!(r.required, [ItemId::WageGap, ItemId::WomenManagersShare]);
        assert_eq!(r.minimum_items, 4);
        assert!(
            !r.choices[0]
                .candidates
                .contains(&ItemId::WomenManagersShare)
        );
        assert!(r.is_met_by(&[
            ItemId::WageGap,
            ItemId::WomenManagersShare,
            ItemId::WomenHiresShare,
            ItemId::ChildcareLeaveRate
        ]));
        assert!(!r.is_met_by(&[
            ItemId::WageGap,
            ItemId::WomenManagersShare,
            ItemId::ChildcareLeaveRate
        ]));
        // 100 and 101 on either date.
        for d in [before, after] {
            let r = mandatory(Some(100), d);
            assert_eq!(r.duty, Duty::EffortOnly);
            assert!(r.required.is_empty() && r.choices.is_empty());
            assert!(r.is_met_by(&[]));
            assert_eq!(mandatory(Some(101), d).duty, Duty::Mandatory);
        }
        assert!(mandatory(Some(101), before).required.is_empty());
        assert_eq!(mandatory(Some(101), after).required.len(), 2);
        assert_eq!(mandatory(None, after).duty, Duty::Unknown);
    }

    #[test]
    fn size_classes_from_bands() {
        assert_eq!(SizeClass::from_band("1-9"), Some(SizeClass::UpTo100));
        assert_eq!(SizeClass::from_band("10-100"), Some(SizeClass::UpTo100));
        assert_eq!(
            SizeClass::from_band("101-300"),
            Some(SizeClass::From101To300)
        );
        assert_eq!(SizeClass::from_band("301-1000"), Some(SizeClass::From301));
        assert_eq!(SizeClass::from_band("1001+"), Some(SizeClass::From301));
        assert_eq!(SizeClass::from_band("many"), None);
        assert_eq!(SizeClass::of(100), SizeClass::UpTo100);
        assert_eq!(SizeClass::of(101), SizeClass::From101To300);
        assert_eq!(SizeClass::of(300), SizeClass::From101To300);
        assert_eq!(SizeClass::of(301), SizeClass::From301);
    }
}
