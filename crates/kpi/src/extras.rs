//! Figures an employer supplies beyond attendance and the roster
//! (LABOR_RULES §4–5): recruitment, wage aggregates and career events per
//! fiscal year, and the published industry averages えるぼし compares
//! against. Aggregates only: nothing here names a person.
//!
//! These are plain data; `ingest` reads them from the canonical CSV files
//! (docs/formats.md), the web stores them as JSON per organization and
//! year, and [`crate::certification`] / [`crate::women_db`] compute from
//! them.

use serde::{Deserialize, Serialize};

/// A count by gender. `other` is kept so totals add up, but the rates of
/// the criteria and of the 女活DB compare women with men only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ByGender {
    /// Women.
    pub women: u64,
    /// Men.
    pub men: u64,
    /// Neither (性別「その他」).
    #[serde(default)]
    pub other: u64,
}

impl ByGender {
    /// Everybody.
    pub fn total(&self) -> u64 {
        self.women + self.men + self.other
    }

    /// Adds `other` field by field.
    pub fn add(&mut self, other: ByGender) {
        self.women += other.women;
        self.men += other.men;
        self.other += other.other;
    }
}

/// Recruitment of one fiscal year in one 雇用管理区分 (`category` empty when
/// the employer does not split by category).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CategoryRecruitment {
    /// 雇用管理区分 (e.g. 総合職, 一般職); empty = not split.
    pub category: String,
    /// 応募者数: applicants at the start of real selection (LABOR_RULES §4
    /// 競争倍率).
    pub applicants: ByGender,
    /// 採用者数 (all hires of the year, new graduates and mid-career).
    pub hires: ByGender,
    /// 新卒等採用者数: of the hires, new graduates (新卒等) as 正社員.
    pub new_graduate_hires: ByGender,
    /// Of the new-graduate hires of this year, how many have left within 3
    /// years of hire so far (ユースエール 離職率).
    pub new_graduate_leavers: ByGender,
    /// 中途採用者数 (of the hires).
    pub mid_career_hires: ByGender,
    /// 再雇用者数: people re-employed who had left for childbirth, childcare,
    /// caregiving or a spouse's transfer (女性の再就職応援宣言, 女活DB
    /// 再雇用・中途採用実績).
    pub rehires: ByGender,
    /// 募集人数: the openings of the year in this category. Not by gender
    /// (募集 by gender is not allowed under 男女雇用機会均等法 第5条); `None`
    /// when the employer did not give it.
    #[serde(default)]
    pub openings: Option<u64>,
}

/// Which workers a wage aggregate covers (男女の賃金の差異, LABOR_RULES §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WageGroup {
    /// 全労働者.
    All,
    /// 正規雇用労働者.
    Regular,
    /// 非正規雇用労働者 (パート・有期).
    NonRegular,
}

impl WageGroup {
    /// Every group, in the order of the disclosure.
    pub const ALL: [WageGroup; 3] = [WageGroup::All, WageGroup::Regular, WageGroup::NonRegular];

    /// `all`, `regular`, `non_regular`.
    pub fn id(self) -> &'static str {
        match self {
            WageGroup::All => "all",
            WageGroup::Regular => "regular",
            WageGroup::NonRegular => "non_regular",
        }
    }
}

/// Annual wages of one group in one fiscal year, by gender: totals (yen,
/// 退職手当 and 通勤手当 excluded) and headcounts (人員数, in hundredths so
/// that a headcount averaged over 12 months, e.g. 12.25, stays exact).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WageAggregate {
    /// The workers covered.
    pub group: WageGroup,
    /// Women's annual wage total, yen.
    pub women_total_yen: u64,
    /// Women's 人員数 × 100.
    pub women_headcount_hundredths: u64,
    /// Men's annual wage total, yen.
    pub men_total_yen: u64,
    /// Men's 人員数 × 100.
    pub men_headcount_hundredths: u64,
}

/// A kind of career event counted by gender (女活DB 転換実績, えるぼし 管理職比率
/// and 多様なキャリアコース).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CareerEvent {
    /// 非正社員から正社員への転換.
    ToRegular,
    /// 雇用管理区分間の転換 (e.g. 一般職 → 総合職).
    CategoryChange,
    /// 係長級への昇進.
    PromotionChief,
    /// 課長級への昇進 (`candidates` = workers in the rank just below).
    PromotionManager,
    /// おおむね30歳以上の人の正社員としての採用 (えるぼし 多様なキャリアコース).
    Hire30PlusRegular,
}

impl CareerEvent {
    /// Every event, in display order.
    pub const ALL: [CareerEvent; 5] = [
        CareerEvent::ToRegular,
        CareerEvent::CategoryChange,
        CareerEvent::PromotionChief,
        CareerEvent::PromotionManager,
        CareerEvent::Hire30PlusRegular,
    ];

    /// The id used in files and JSON.
    pub fn id(self) -> &'static str {
        match self {
            CareerEvent::ToRegular => "to_regular",
            CareerEvent::CategoryChange => "category_change",
            CareerEvent::PromotionChief => "promotion_chief",
            CareerEvent::PromotionManager => "promotion_manager",
            CareerEvent::Hire30PlusRegular => "hire_30plus_regular",
        }
    }
}

/// One career event of one fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CareerRow {
    /// What happened.
    pub event: CareerEvent,
    /// How many people, by gender.
    pub count: ByGender,
    /// For promotions: the people who could have been promoted (the rank
    /// below at the start of the year), by gender; `None` when not given.
    pub candidates: Option<ByGender>,
}

/// Everything supplied for one fiscal year; each part empty when not given.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct YearExtras {
    /// The year the 事業年度 starts in.
    pub fiscal_year: i16,
    /// Recruitment per 雇用管理区分 (one entry with an empty category when
    /// not split). Empty = not given.
    pub recruitment: Vec<CategoryRecruitment>,
    /// Wage aggregates, at most one per group. Empty = not given.
    pub wages: Vec<WageAggregate>,
    /// Career events, at most one per event. Empty = not given.
    pub career: Vec<CareerRow>,
}

/// Published industry averages (厚生労働省「雇用均等基本調査」 etc.), typed in
/// by an administrator per industry and year, in tenths of a percent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndustryAverages {
    /// The year the figures are for.
    pub fiscal_year: i16,
    /// 日本標準産業分類 大分類 code (`A`–`T`) or name.
    pub industry: String,
    /// Women among 正社員, percent × 10 (えるぼし 採用, alternative).
    pub regular_women_tenths: Option<u64>,
    /// Women among 管理職, percent × 10 (えるぼし 管理職比率).
    pub women_managers_tenths: Option<u64>,
}
