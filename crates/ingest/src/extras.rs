//! Readers of the figures an employer supplies beyond attendance and the
//! roster (docs/formats.md): recruitment.csv, wages.csv and career.csv
//! (into [`kpi::extras::YearExtras`]), industry_averages.csv
//! ([`IndustryAverages`]) and facts.csv ([`Facts`]).
//!
//! Same rules as the other canonical files: UTF-8 (±BOM), CP932 or UTF-16
//! detected; headers by canonical name or Japanese alias; full-width digits;
//! the first bad value stops the read with an [`IngestError`] naming the
//! file, line and column (all or nothing).

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{Cursor, Read};
use std::path::Path;

use kpi::extras::{
    ByGender, CareerEvent, CareerRow, CategoryRecruitment, IndustryAverages, WageAggregate,
    WageGroup, YearExtras,
};
use kpi::{Facts, Gender};

use crate::error::{IngestError, ValueError};
use crate::files::{file_name, open_error};
use crate::source::{ColumnSpec, CsvSource};
use crate::value::{clean, parse_bool, parse_gender};

/// Canonical file name of recruitment figures.
pub const RECRUITMENT_CSV: &str = "recruitment.csv";
/// Canonical file name of wage aggregates.
pub const WAGES_CSV: &str = "wages.csv";
/// Canonical file name of career events.
pub const CAREER_CSV: &str = "career.csv";
/// Canonical file name of the published industry averages.
pub const INDUSTRY_AVERAGES_CSV: &str = "industry_averages.csv";
/// Canonical file name of the yes/no facts.
pub const FACTS_CSV: &str = "facts.csv";

/// Which per-year extras file (the web upload's choice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExtrasKind {
    /// recruitment.csv.
    Recruitment,
    /// wages.csv.
    Wages,
    /// career.csv.
    Career,
}

impl ExtrasKind {
    /// Every kind.
    pub const ALL: [ExtrasKind; 3] = [
        ExtrasKind::Recruitment,
        ExtrasKind::Wages,
        ExtrasKind::Career,
    ];

    /// `recruitment`, `wages`, `career`.
    pub fn id(self) -> &'static str {
        match self {
            ExtrasKind::Recruitment => "recruitment",
            ExtrasKind::Wages => "wages",
            ExtrasKind::Career => "career",
        }
    }

    /// The kind of an id.
    pub fn from_id(id: &str) -> Option<ExtrasKind> {
        ExtrasKind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// The canonical file name (`recruitment.csv`, …).
    pub fn file_name(self) -> &'static str {
        match self {
            ExtrasKind::Recruitment => RECRUITMENT_CSV,
            ExtrasKind::Wages => WAGES_CSV,
            ExtrasKind::Career => CAREER_CSV,
        }
    }
}

macro_rules! col {
    ($name:literal, req, [$($a:literal),*]) => {
        ColumnSpec { name: $name, aliases: &[$($a),*], required: true }
    };
    ($name:literal, [$($a:literal),*]) => {
        ColumnSpec { name: $name, aliases: &[$($a),*], required: false }
    };
}

const FISCAL_YEAR_COL: ColumnSpec = col!("fiscal_year", req, ["年度", "事業年度", "対象年度"]);
const GENDER_COL: ColumnSpec = col!("gender", req, ["性別"]);

// ---------------------------------------------------------------- values

/// A fiscal year: `2026`, `２０２６`, `2026年度`, `FY2026`, or in the era
/// calendar `令和8年度`, `令和元年度`, `R8`, `平成30年度`, `H30`.
pub fn parse_fiscal_year(s: &str) -> Result<i16, ValueError> {
    let bad = || {
        ValueError::new(
            format!("{s} は年度として読めません（例 2026、2026年度、令和8年度、R8）"),
            format!("{s} is not a fiscal year (e.g. 2026, 2026年度, 令和8年度, R8)"),
        )
    };
    let year = match domain::FiscalYear::parse(s) {
        Ok(fy) => fy.year(),
        Err(_) => wareki_year(s).ok_or_else(bad)?,
    };
    if !(1900..=2999).contains(&year) {
        return Err(ValueError::new(
            format!("{s} は 1900〜2999 年度の範囲外です"),
            format!("{s} is outside the fiscal years 1900 to 2999"),
        ));
    }
    Ok(year as i16)
}

/// `令和8年度` / `R8` / `平成30年` → the Western year the 年度 starts in.
fn wareki_year(s: &str) -> Option<i32> {
    let t = s.trim();
    let t = t
        .strip_suffix("年度")
        .or_else(|| t.strip_suffix('年'))
        .unwrap_or(t)
        .trim();
    let (base, max, rest) = if let Some(r) = t.strip_prefix("令和") {
        (2018, 99, r)
    } else if let Some(r) = t.strip_prefix('R').or_else(|| t.strip_prefix('r')) {
        (2018, 99, r)
    } else if let Some(r) = t.strip_prefix("平成") {
        (1988, 31, r)
    } else if let Some(r) = t.strip_prefix('H').or_else(|| t.strip_prefix('h')) {
        (1988, 31, r)
    } else {
        return None;
    };
    let rest = rest.trim();
    let n: i32 = if rest == "元" {
        1
    } else if !rest.is_empty() && rest.len() <= 2 && rest.bytes().all(|b| b.is_ascii_digit()) {
        rest.parse().ok()?
    } else {
        return None;
    };
    (1..=max).contains(&n).then_some(base + n)
}

/// Digits with optional `,` thousands separators (`1,234,567`).
fn grouped_digits(s: &str) -> Option<u64> {
    if s.contains(',') {
        let mut parts = s.split(',');
        let first = parts.next()?;
        if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut out = String::from(first);
        for p in parts {
            if p.len() != 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            out.push_str(p);
        }
        if out.len() > 18 {
            return None;
        }
        out.parse().ok()
    } else if !s.is_empty() && s.len() <= 18 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// A count of people: a non-negative whole number (`12`, `1,200`, `12人`).
pub fn parse_people(s: &str) -> Result<u64, ValueError> {
    let t = s.strip_suffix('人').unwrap_or(s).trim_end();
    grouped_digits(t).ok_or_else(|| {
        ValueError::new(
            format!("{s} は人数として読めません（0 以上の整数）"),
            format!("{s} is not a number of people (a whole number, 0 or more)"),
        )
    })
}

/// An amount of yen: a non-negative whole number, with optional `,`
/// separators, a leading `¥` and a trailing `円` (`12,345,678円`).
pub fn parse_yen(s: &str) -> Result<u64, ValueError> {
    let t = s.trim_start_matches(['¥', '￥', '\\']).trim_start();
    let t = t.strip_suffix('円').unwrap_or(t).trim_end();
    grouped_digits(t).ok_or_else(|| {
        ValueError::new(
            format!(
                "{s} は金額（円）として読めません（0 以上の整数。例 12,345,678 または 12345678円）"
            ),
            format!("{s} is not an amount of yen (a whole number, e.g. 12,345,678 or 12345678円)"),
        )
    })
}

/// A non-negative decimal with at most `max_decimals` digits after the dot,
/// scaled by 10^max_decimals.
fn scaled_decimal(s: &str, max_decimals: u32) -> Option<u64> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    // "12", "12.3"; not ".5" or "5." (a figure copied short is an error, not a guess).
    let int = grouped_digits(int)?;
    let scale = 10u64.pow(max_decimals);
    let frac = match frac {
        None => 0,
        Some(f) => {
            if f.is_empty()
                || f.len() as u32 > max_decimals
                || !f.bytes().all(|b| b.is_ascii_digit())
            {
                return None;
            }
            f.parse::<u64>().ok()? * 10u64.pow(max_decimals - f.len() as u32)
        }
    };
    int.checked_mul(scale)?.checked_add(frac)
}

/// A headcount (人員数) with at most 2 decimals (`12`, `12.25`), in
/// hundredths.
pub fn parse_headcount(s: &str) -> Result<u64, ValueError> {
    let t = s.strip_suffix('人').unwrap_or(s).trim_end();
    scaled_decimal(t, 2).ok_or_else(|| {
        ValueError::new(
            format!("{s} は人員数として読めません（0 以上、小数第2位まで。例 12、12.25）"),
            format!("{s} is not a headcount (0 or more, at most 2 decimals, e.g. 12 or 12.25)"),
        )
    })
}

/// A percentage from 0 to 100 with at most one decimal (`12.3`, `12.3%`),
/// in tenths.
pub fn parse_percent_tenths(s: &str) -> Result<u64, ValueError> {
    let t = s.strip_suffix('%').unwrap_or(s).trim_end();
    match scaled_decimal(t, 1) {
        Some(v) if v <= 1000 => Ok(v),
        _ => Err(ValueError::new(
            format!("{s} は割合（%）として読めません（0〜100、小数第1位まで。例 23.4）"),
            format!("{s} is not a percentage (0 to 100, at most 1 decimal, e.g. 23.4)"),
        )),
    }
}

fn key(s: &str) -> String {
    s.to_ascii_lowercase()
}

/// 賃金の差異の区分.
pub fn parse_wage_group(s: &str) -> Result<WageGroup, ValueError> {
    match key(s).as_str() {
        "all" | "全労働者" | "全体" | "全て" | "すべて" | "合計" | "計" => {
            Ok(WageGroup::All)
        }
        "regular" | "正規" | "正規雇用" | "正規雇用労働者" | "正社員" | "正規労働者" => {
            Ok(WageGroup::Regular)
        }
        "non_regular"
        | "non-regular"
        | "非正規"
        | "非正規雇用"
        | "非正規雇用労働者"
        | "非正規労働者"
        | "パート・有期"
        | "パート・有期労働者"
        | "パート・有期雇用労働者" => Ok(WageGroup::NonRegular),
        _ => Err(ValueError::new(
            format!(
                "{s} は労働者の区分として読めません（all / regular / non_regular、全労働者 / 正規雇用労働者 / 非正規雇用労働者）"
            ),
            format!(
                "{s} is not a group of workers (all / regular / non_regular, 全労働者 / 正規雇用労働者 / 非正規雇用労働者)"
            ),
        )),
    }
}

/// A career event.
pub fn parse_career_event(s: &str) -> Result<CareerEvent, ValueError> {
    let k = key(s);
    if let Some(e) = CareerEvent::ALL.into_iter().find(|e| e.id() == k) {
        return Ok(e);
    }
    match k.as_str() {
        "正社員転換" | "正社員への転換" | "非正社員から正社員への転換" => {
            Ok(CareerEvent::ToRegular)
        }
        "区分間転換" | "雇用管理区分間転換" | "雇用管理区分間の転換" | "職種転換" => {
            Ok(CareerEvent::CategoryChange)
        }
        "係長級昇進" | "係長級への昇進" | "係長昇進" => {
            Ok(CareerEvent::PromotionChief)
        }
        "課長級昇進" | "課長級への昇進" | "課長昇進" | "管理職昇進" => {
            Ok(CareerEvent::PromotionManager)
        }
        "30歳以上正社員採用" | "30歳以上の正社員採用" | "30歳以上採用" => {
            Ok(CareerEvent::Hire30PlusRegular)
        }
        _ => Err(ValueError::new(
            format!(
                "{s} はキャリアの実績の種類として読めません（to_regular / category_change / promotion_chief / promotion_manager / hire_30plus_regular、正社員転換 / 区分間転換 / 係長級昇進 / 課長級昇進 / 30歳以上正社員採用）"
            ),
            format!(
                "{s} is not a career event (to_regular / category_change / promotion_chief / promotion_manager / hire_30plus_regular)"
            ),
        )),
    }
}

fn gender_slot(b: &mut ByGender, g: Gender) -> &mut u64 {
    match g {
        Gender::Female => &mut b.women,
        Gender::Male => &mut b.men,
        Gender::Other => &mut b.other,
    }
}

fn gender_index(g: Gender) -> u8 {
    match g {
        Gender::Female => 0,
        Gender::Male => 1,
        Gender::Other => 2,
    }
}

fn gender_ja(g: Gender) -> &'static str {
    match g {
        Gender::Female => "女性",
        Gender::Male => "男性",
        Gender::Other => "その他",
    }
}

fn gender_en(g: Gender) -> &'static str {
    match g {
        Gender::Female => "women",
        Gender::Male => "men",
        Gender::Other => "other",
    }
}

fn duplicate(src: &CsvSource, what_ja: String, what_en: String, first: u64) -> IngestError {
    src.row_error(
        format!("{what_ja} の行が重複しています（{first}行目にもあります）"),
        format!("{what_en} appears twice (also on line {first})"),
    )
}

fn category_ja(c: &str) -> String {
    if c.is_empty() {
        "（区分なし）".to_string()
    } else {
        c.to_string()
    }
}

fn category_en(c: &str) -> String {
    if c.is_empty() {
        "(no category)".to_string()
    } else {
        c.to_string()
    }
}

// ---------------------------------------------------------------- recruitment

/// Columns of recruitment.csv.
pub const RECRUITMENT_COLUMNS: &[ColumnSpec] = &[
    FISCAL_YEAR_COL,
    col!("category", ["雇用管理区分", "区分"]),
    GENDER_COL,
    col!("applicants", ["応募者数", "応募者"]),
    col!("hires", ["採用者数", "採用数", "採用者"]),
    col!(
        "new_graduate_hires",
        ["新卒採用者数", "新卒等採用者数", "新卒採用数"]
    ),
    col!(
        "new_graduate_leavers",
        [
            "うち3年以内離職者数",
            "3年以内離職者数",
            "新卒3年以内離職者数",
            "新卒離職者数"
        ]
    ),
    col!("mid_career_hires", ["中途採用者数", "中途採用数"]),
    col!("rehires", ["再雇用者数", "再雇用数"]),
    col!("openings", ["募集人数", "募集数", "求人数"]),
];

mod rc {
    pub const YEAR: usize = 0;
    pub const CATEGORY: usize = 1;
    pub const GENDER: usize = 2;
    pub const APPLICANTS: usize = 3;
    pub const HIRES: usize = 4;
    pub const NEW_GRAD: usize = 5;
    pub const NEW_GRAD_LEAVERS: usize = 6;
    pub const MID_CAREER: usize = 7;
    pub const REHIRES: usize = 8;
    pub const OPENINGS: usize = 9;
}

/// Reads recruitment.csv: one row per fiscal year × 雇用管理区分 × gender;
/// one [`YearExtras`] per year (sorted) with its `recruitment` filled, one
/// [`CategoryRecruitment`] per category in the order of first appearance.
pub fn read_recruitment(
    file: &str,
    input: impl Read + Send + 'static,
) -> Result<Vec<YearExtras>, IngestError> {
    let mut src = CsvSource::new(file, input, RECRUITMENT_COLUMNS)?;
    let mut years: BTreeMap<i16, Vec<CategoryRecruitment>> = BTreeMap::new();
    let mut seen: HashMap<(i16, String, u8), u64> = HashMap::new();
    // Per year: the line of the first row with, and without, a category.
    let mut split: HashMap<i16, (Option<u64>, Option<u64>)> = HashMap::new();
    // Per year and category: the openings given first, and its line.
    let mut openings_at: HashMap<(i16, String), (u64, u64)> = HashMap::new();
    while src.next_record()? {
        let year = src.parse_req(rc::YEAR, parse_fiscal_year)?;
        let category = src.get(rc::CATEGORY).into_owned();
        let gender = src.parse_req(rc::GENDER, parse_gender)?;
        let k = (year, category.clone(), gender_index(gender));
        if let Some(&first) = seen.get(&k) {
            return Err(duplicate(
                &src,
                format!(
                    "{year}年度・{}・{}",
                    category_ja(&category),
                    gender_ja(gender)
                ),
                format!(
                    "FY{year}, {}, {}",
                    category_en(&category),
                    gender_en(gender)
                ),
                first,
            ));
        }
        seen.insert(k, src.line());
        let s = split.entry(year).or_default();
        if category.is_empty() {
            s.1.get_or_insert(src.line());
        } else {
            s.0.get_or_insert(src.line());
        }
        if let (Some(with), Some(without)) = *s {
            return Err(src.error(
                rc::CATEGORY,
                ValueError::new(
                    format!(
                        "{year}年度に雇用管理区分のある行（{with}行目）と空の行（{without}行目）が混ざっています。区分に分けるならすべての行に書いてください"
                    ),
                    format!(
                        "FY{year} mixes rows with a category (line {with}) and without one (line {without}); give a category on every row or on none"
                    ),
                ),
            ));
        }

        let mut any = false;
        let mut num = |i: usize| -> Result<u64, IngestError> {
            let v = src.parse_opt(i, parse_people)?;
            any |= v.is_some();
            Ok(v.unwrap_or(0))
        };
        let applicants = num(rc::APPLICANTS)?;
        let hires = num(rc::HIRES)?;
        let new_grad = num(rc::NEW_GRAD)?;
        let leavers = num(rc::NEW_GRAD_LEAVERS)?;
        let mid = num(rc::MID_CAREER)?;
        let rehires = num(rc::REHIRES)?;
        let openings = src.parse_opt(rc::OPENINGS, parse_people)?;
        if !any && openings.is_none() {
            return Err(src.row_error(
                "数値が一つもありません（応募者数、採用者数、新卒採用者数、うち3年以内離職者数、中途採用者数、再雇用者数、募集人数のどれかを書いてください）".to_string(),
                "the row has no figure (give at least one of applicants, hires, new_graduate_hires, new_graduate_leavers, mid_career_hires, rehires, openings)".to_string(),
            ));
        }
        if let Some(v) = openings {
            match openings_at.get(&(year, category.clone())) {
                Some(&(first, line)) if first != v => {
                    return Err(src.error(
                        rc::OPENINGS,
                        ValueError::new(
                            format!(
                                "募集人数 {v} が{line}行目の {first} と違います。募集人数は男女別ではなく雇用管理区分ごとの数です（同じ数を書くか、どれか一つの行にだけ書いてください）"
                            ),
                            format!(
                                "openings {v} differ from {first} on line {line}; openings are per category, not per gender (give the same number, or give it on one row only)"
                            ),
                        ),
                    ));
                }
                Some(_) => {}
                None => {
                    openings_at.insert((year, category.clone()), (v, src.line()));
                }
            }
        }
        if new_grad.saturating_add(mid) > hires {
            return Err(src.error(
                rc::HIRES,
                ValueError::new(
                    format!(
                        "新卒採用者数 {new_grad} と中途採用者数 {mid} の合計が採用者数 {hires} を超えています（採用者数はすべての採用者の数です）"
                    ),
                    format!(
                        "new-graduate hires {new_grad} plus mid-career hires {mid} exceed hires {hires} (hires counts every hire)"
                    ),
                ),
            ));
        }
        if leavers > new_grad {
            return Err(src.error(
                rc::NEW_GRAD_LEAVERS,
                ValueError::new(
                    format!(
                        "うち3年以内離職者数 {leavers} が新卒採用者数 {new_grad} を超えています"
                    ),
                    format!("new-graduate leavers {leavers} exceed new-graduate hires {new_grad}"),
                ),
            ));
        }
        let cats = years.entry(year).or_default();
        let i = match cats.iter().position(|c| c.category == category) {
            Some(i) => i,
            None => {
                cats.push(CategoryRecruitment {
                    category,
                    ..CategoryRecruitment::default()
                });
                cats.len() - 1
            }
        };
        let c = &mut cats[i];
        *gender_slot(&mut c.applicants, gender) = applicants;
        *gender_slot(&mut c.hires, gender) = hires;
        *gender_slot(&mut c.new_graduate_hires, gender) = new_grad;
        *gender_slot(&mut c.new_graduate_leavers, gender) = leavers;
        *gender_slot(&mut c.mid_career_hires, gender) = mid;
        *gender_slot(&mut c.rehires, gender) = rehires;
        if openings.is_some() {
            c.openings = openings;
        }
    }
    Ok(years
        .into_iter()
        .map(|(fiscal_year, recruitment)| YearExtras {
            fiscal_year,
            recruitment,
            ..YearExtras::default()
        })
        .collect())
}

// ---------------------------------------------------------------- wages

/// Columns of wages.csv.
pub const WAGE_COLUMNS: &[ColumnSpec] = &[
    FISCAL_YEAR_COL,
    col!(
        "group",
        [
            "労働者の区分",
            "労働者区分",
            "区分",
            "対象労働者",
            "雇用形態"
        ]
    ),
    GENDER_COL,
    col!(
        "total_wages",
        req,
        ["賃金総額", "年間賃金総額", "総賃金", "総支給額"]
    ),
    col!("headcount", req, ["人員数", "人数", "労働者数"]),
];

mod wc {
    pub const YEAR: usize = 0;
    pub const GROUP: usize = 1;
    pub const GENDER: usize = 2;
    pub const TOTAL: usize = 3;
    pub const HEADCOUNT: usize = 4;
}

fn group_ja(g: WageGroup) -> &'static str {
    match g {
        WageGroup::All => "全労働者",
        WageGroup::Regular => "正規雇用労働者",
        WageGroup::NonRegular => "非正規雇用労働者",
    }
}

/// Reads wages.csv: one row per fiscal year × group × gender (women and men
/// only); every group given needs both a women's and a men's row. One
/// [`YearExtras`] per year (sorted) with `wages` in the order of
/// [`WageGroup::ALL`].
pub fn read_wages(
    file: &str,
    input: impl Read + Send + 'static,
) -> Result<Vec<YearExtras>, IngestError> {
    let mut src = CsvSource::new(file, input, WAGE_COLUMNS)?;
    // (year, group) -> (women (yen, hundredths, line), men (…), first line)
    type Half = Option<(u64, u64, u64)>;
    let mut groups: BTreeMap<(i16, u8), (WageGroup, Half, Half, u64)> = BTreeMap::new();
    while src.next_record()? {
        let year = src.parse_req(wc::YEAR, parse_fiscal_year)?;
        let group = src.parse_req(wc::GROUP, parse_wage_group)?;
        let gender = src.parse_req(wc::GENDER, parse_gender)?;
        if gender == Gender::Other {
            return Err(src.error(
                wc::GENDER,
                ValueError::new(
                    "男女の賃金の差異は女性と男性で比べるため、性別は女性か男性にしてください",
                    "the gender pay gap compares women with men: the gender must be female or male",
                ),
            ));
        }
        let total = src.parse_req(wc::TOTAL, parse_yen)?;
        let heads = src.parse_req(wc::HEADCOUNT, parse_headcount)?;
        if heads == 0 && total > 0 {
            return Err(src.error(
                wc::HEADCOUNT,
                ValueError::new(
                    format!("賃金総額 {total} 円があるのに人員数が 0 です"),
                    format!("the headcount is 0 but the wages total {total} yen"),
                ),
            ));
        }
        let gi = WageGroup::ALL.iter().position(|g| *g == group).unwrap_or(0) as u8;
        let line = src.line();
        let entry = groups
            .entry((year, gi))
            .or_insert((group, None, None, line));
        let slot = if gender == Gender::Female {
            &mut entry.1
        } else {
            &mut entry.2
        };
        if let Some((_, _, first)) = *slot {
            return Err(duplicate(
                &src,
                format!("{year}年度・{}・{}", group_ja(group), gender_ja(gender)),
                format!("FY{year}, {}, {}", group.id(), gender_en(gender)),
                first,
            ));
        }
        *slot = Some((total, heads, line));
    }
    let mut years: BTreeMap<i16, Vec<WageAggregate>> = BTreeMap::new();
    for ((year, _), (group, women, men, line)) in groups {
        let (Some(w), Some(m)) = (women, men) else {
            let (missing_ja, missing_en) = if women.is_none() {
                ("女性", "women's")
            } else {
                ("男性", "men's")
            };
            return Err(IngestError {
                file: src.file().to_string(),
                line: Some(line),
                column: Some(src.columns().label(wc::GROUP).to_string()),
                reason_ja: format!(
                    "{year}年度の {}（{}）に{missing_ja}の行がありません。賃金の差異には女性と男性の両方の行が必要です",
                    group.id(),
                    group_ja(group)
                ),
                reason_en: format!(
                    "group {} of FY{year} has no {missing_en} row; the pay gap needs both a women's and a men's row",
                    group.id()
                ),
            });
        };
        years.entry(year).or_default().push(WageAggregate {
            group,
            women_total_yen: w.0,
            women_headcount_hundredths: w.1,
            men_total_yen: m.0,
            men_headcount_hundredths: m.1,
        });
    }
    Ok(years
        .into_iter()
        .map(|(fiscal_year, wages)| YearExtras {
            fiscal_year,
            wages,
            ..YearExtras::default()
        })
        .collect())
}

// ---------------------------------------------------------------- career

/// Columns of career.csv.
pub const CAREER_COLUMNS: &[ColumnSpec] = &[
    FISCAL_YEAR_COL,
    col!("event", req, ["実績", "種類", "種別", "事由", "項目"]),
    GENDER_COL,
    col!("count", req, ["人数", "人員数", "実績人数"]),
    col!("candidates", ["対象者数", "母数"]),
];

mod cc {
    pub const YEAR: usize = 0;
    pub const EVENT: usize = 1;
    pub const GENDER: usize = 2;
    pub const COUNT: usize = 3;
    pub const CANDIDATES: usize = 4;
}

fn is_promotion(e: CareerEvent) -> bool {
    matches!(
        e,
        CareerEvent::PromotionChief | CareerEvent::PromotionManager
    )
}

/// Reads career.csv: one row per fiscal year × event × gender. `candidates`
/// only for promotions, and then on every row of the year's event or on
/// none; `count` not above `candidates`. One [`YearExtras`] per year
/// (sorted) with `career` in the order of [`CareerEvent::ALL`].
pub fn read_career(
    file: &str,
    input: impl Read + Send + 'static,
) -> Result<Vec<YearExtras>, IngestError> {
    let mut src = CsvSource::new(file, input, CAREER_COLUMNS)?;
    // (year, event) -> (row, line of first row with candidates, line of first without)
    type Acc = (CareerRow, Option<u64>, Option<u64>);
    let mut rows: BTreeMap<(i16, u8), Acc> = BTreeMap::new();
    let mut seen: HashMap<(i16, u8, u8), u64> = HashMap::new();
    while src.next_record()? {
        let year = src.parse_req(cc::YEAR, parse_fiscal_year)?;
        let event = src.parse_req(cc::EVENT, parse_career_event)?;
        let gender = src.parse_req(cc::GENDER, parse_gender)?;
        let ei = CareerEvent::ALL
            .iter()
            .position(|e| *e == event)
            .unwrap_or(0) as u8;
        if let Some(&first) = seen.get(&(year, ei, gender_index(gender))) {
            return Err(duplicate(
                &src,
                format!("{year}年度・{}・{}", event.id(), gender_ja(gender)),
                format!("FY{year}, {}, {}", event.id(), gender_en(gender)),
                first,
            ));
        }
        seen.insert((year, ei, gender_index(gender)), src.line());
        let count = src.parse_req(cc::COUNT, parse_people)?;
        let candidates = src.parse_opt(cc::CANDIDATES, parse_people)?;
        if candidates.is_some() && !is_promotion(event) {
            return Err(src.error(
                cc::CANDIDATES,
                ValueError::new(
                    format!(
                        "対象者数は昇進（promotion_chief / promotion_manager）の行にだけ書けます（この行は {}）",
                        event.id()
                    ),
                    format!(
                        "candidates may be given only for promotions (promotion_chief / promotion_manager); this row is {}",
                        event.id()
                    ),
                ),
            ));
        }
        if let Some(c) = candidates
            && count > c
        {
            return Err(src.error(
                cc::COUNT,
                ValueError::new(
                    format!("昇進した人数 {count} が対象者数 {c} を超えています"),
                    format!("{count} promoted exceeds the {c} candidates"),
                ),
            ));
        }
        let line = src.line();
        let acc = rows.entry((year, ei)).or_insert((
            CareerRow {
                event,
                count: ByGender::default(),
                candidates: None,
            },
            None,
            None,
        ));
        *gender_slot(&mut acc.0.count, gender) = count;
        match candidates {
            Some(c) => {
                acc.1.get_or_insert(line);
                *gender_slot(
                    acc.0.candidates.get_or_insert_with(ByGender::default),
                    gender,
                ) = c;
            }
            None => {
                acc.2.get_or_insert(line);
            }
        }
        if let (Some(with), Some(without)) = (acc.1, acc.2) {
            return Err(src.error(
                cc::CANDIDATES,
                ValueError::new(
                    format!(
                        "{year}年度の {} で対象者数のある行（{with}行目）と空の行（{without}行目）が混ざっています。すべての性別の行に書くか、どの行にも書かないでください",
                        event.id()
                    ),
                    format!(
                        "{} of FY{year} has rows with candidates (line {with}) and without (line {without}); give them on every row or on none",
                        event.id()
                    ),
                ),
            ));
        }
    }
    let mut years: BTreeMap<i16, Vec<CareerRow>> = BTreeMap::new();
    for ((year, _), (row, _, _)) in rows {
        years.entry(year).or_default().push(row);
    }
    Ok(years
        .into_iter()
        .map(|(fiscal_year, career)| YearExtras {
            fiscal_year,
            career,
            ..YearExtras::default()
        })
        .collect())
}

// ---------------------------------------------------------------- industry averages

/// Columns of industry_averages.csv.
pub const INDUSTRY_AVERAGE_COLUMNS: &[ColumnSpec] = &[
    FISCAL_YEAR_COL,
    col!("industry", ["産業", "業種", "産業分類"]),
    col!(
        "regular_women_percent",
        [
            "正社員に占める女性割合",
            "正社員に占める女性労働者の割合",
            "正社員の女性割合"
        ]
    ),
    col!(
        "women_managers_percent",
        [
            "管理職に占める女性割合",
            "管理職に占める女性労働者の割合",
            "女性管理職割合"
        ]
    ),
];

/// Reads industry_averages.csv: one row per fiscal year × industry, each
/// with at least one of the two percentages. In file order.
pub fn read_industry_averages(
    file: &str,
    input: impl Read + Send + 'static,
) -> Result<Vec<IndustryAverages>, IngestError> {
    let mut src = CsvSource::new(file, input, INDUSTRY_AVERAGE_COLUMNS)?;
    let mut out = Vec::new();
    let mut seen: HashMap<(i16, String), u64> = HashMap::new();
    while src.next_record()? {
        let fiscal_year = src.parse_req(0, parse_fiscal_year)?;
        let industry = src.get(1).into_owned();
        let k = (fiscal_year, industry_key(&industry));
        if let Some(&first) = seen.get(&k) {
            return Err(duplicate(
                &src,
                format!("{fiscal_year}年度・{}", category_ja(&industry)),
                format!("FY{fiscal_year}, {}", category_en(&industry)),
                first,
            ));
        }
        seen.insert(k, src.line());
        let regular_women_tenths = src.parse_opt(2, parse_percent_tenths)?;
        let women_managers_tenths = src.parse_opt(3, parse_percent_tenths)?;
        if regular_women_tenths.is_none() && women_managers_tenths.is_none() {
            return Err(src.row_error(
                "割合が一つもありません（正社員に占める女性割合か管理職に占める女性割合を書いてください）".to_string(),
                "the row has no percentage (give regular_women_percent or women_managers_percent)".to_string(),
            ));
        }
        out.push(IndustryAverages {
            fiscal_year,
            industry,
            regular_women_tenths,
            women_managers_tenths,
        });
    }
    Ok(out)
}

/// What an industry is compared by: the 大分類 letter when the text is one
/// (`E`, `ｅ`) or a division's Japanese name (`製造業`), else the text in
/// lower case.
fn industry_key(s: &str) -> String {
    let c = clean(s);
    if let Ok(i) = domain::Industry::parse(&c) {
        return i.as_str().to_string();
    }
    if let Some(i) = domain::Industry::ALL.iter().find(|i| i.name_ja() == c) {
        return i.as_str().to_string();
    }
    c.to_lowercase()
}

/// The averages to compare fiscal year `fy` with: the row of `fy`, else of
/// the latest earlier year, of the industry `industry` (matched by 大分類
/// letter or name, or as written). Without `industry`, the file must hold
/// only one industry (else an error listing them). `Ok(None)`: no row for
/// `fy` or earlier.
pub fn pick_industry_averages(
    file: &str,
    all: &[IndustryAverages],
    fy: i16,
    industry: Option<&str>,
) -> Result<Option<IndustryAverages>, IngestError> {
    let mut names: Vec<&str> = Vec::new();
    for a in all {
        if !names
            .iter()
            .any(|n| industry_key(n) == industry_key(&a.industry))
        {
            names.push(&a.industry);
        }
    }
    let wanted = match industry {
        Some(i) => {
            let k = industry_key(i);
            if !names.iter().any(|n| industry_key(n) == k) {
                let list = names.join(", ");
                return Err(IngestError::file(
                    file,
                    format!("産業 {i} の行がありません（ファイルにある産業: {list}）"),
                    format!("has no row for the industry {i} (industries in the file: {list})"),
                ));
            }
            Some(k)
        }
        None if names.len() > 1 => {
            let list = names.join(", ");
            return Err(IngestError::file(
                file,
                format!(
                    "複数の産業があるため、どれと比べるか決められません（{list}）。--industry で指定してください"
                ),
                format!("holds several industries ({list}); choose one with --industry"),
            ));
        }
        None => None,
    };
    Ok(all
        .iter()
        .filter(|a| {
            wanted
                .as_ref()
                .is_none_or(|k| industry_key(&a.industry) == *k)
        })
        .filter(|a| a.fiscal_year <= fy)
        .max_by_key(|a| a.fiscal_year)
        .cloned())
}

// ---------------------------------------------------------------- facts

/// The ids of the yes/no facts (`kpi::Facts` field names), in facts.csv's
/// `fact` column.
pub const FACT_IDS: [&str; Facts::IDS.len()] = Facts::IDS;

/// Columns of facts.csv.
pub const FACT_COLUMNS: &[ColumnSpec] = &[
    col!("fact", req, ["項目", "確認事項", "事実"]),
    col!("answer", req, ["回答", "答え"]),
    col!("note", ["備考", "メモ"]),
];

/// Reads facts.csv: one row per fact (`kpi::Facts` field name) with a
/// yes/no answer (yes/no, はい/いいえ, true/false, 1/0, ○/×; blank = not
/// answered); `note` is ignored. A fact may appear once.
pub fn read_facts(file: &str, input: impl Read + Send + 'static) -> Result<Facts, IngestError> {
    let mut src = CsvSource::new(file, input, FACT_COLUMNS)?;
    let mut facts = Facts::default();
    let mut seen: HashMap<String, u64> = HashMap::new();
    while src.next_record()? {
        let id = src.get(0).to_ascii_lowercase();
        if id.is_empty() {
            return Err(src.error(0, ValueError::new("値が空です", "the value is empty")));
        }
        let answer = src.parse_opt(1, parse_bool)?;
        if facts.set(&id, answer).is_err() {
            let list = FACT_IDS.join(", ");
            return Err(src.error(
                0,
                ValueError::new(
                    format!("{id} という項目はありません（使える項目: {list}）"),
                    format!("there is no fact {id} (known facts: {list})"),
                ),
            ));
        }
        if let Some(&first) = seen.get(&id) {
            return Err(duplicate(&src, id.clone(), id, first));
        }
        seen.insert(id, src.line());
    }
    Ok(facts)
}

// ---------------------------------------------------------------- merging and loading

/// Merges per-year extras: for each fiscal year, every non-empty part
/// (`recruitment`, `wages`, `career`) of a later entry replaces that part
/// of the earlier ones (so merging the three files combines them, and
/// merging stored figures with a new upload replaces what the upload
/// gives). Sorted by fiscal year.
pub fn merge_extras(parts: impl IntoIterator<Item = YearExtras>) -> Vec<YearExtras> {
    let mut years: BTreeMap<i16, YearExtras> = BTreeMap::new();
    for p in parts {
        let y = years.entry(p.fiscal_year).or_insert_with(|| YearExtras {
            fiscal_year: p.fiscal_year,
            ..YearExtras::default()
        });
        if !p.recruitment.is_empty() {
            y.recruitment = p.recruitment;
        }
        if !p.wages.is_empty() {
            y.wages = p.wages;
        }
        if !p.career.is_empty() {
            y.career = p.career;
        }
    }
    years.into_values().collect()
}

/// Reads one extras file from bytes (the web upload): `file_name` names it
/// in messages.
pub fn read_extras_file(
    kind: ExtrasKind,
    file_name: &str,
    bytes: &[u8],
) -> Result<Vec<YearExtras>, IngestError> {
    let input = Cursor::new(bytes.to_vec());
    match kind {
        ExtrasKind::Recruitment => read_recruitment(file_name, input),
        ExtrasKind::Wages => read_wages(file_name, input),
        ExtrasKind::Career => read_career(file_name, input),
    }
}

fn load<T>(
    path: &Path,
    read: impl FnOnce(&str, File) -> Result<T, IngestError>,
) -> Result<T, IngestError> {
    let name = file_name(path);
    let f = File::open(path).map_err(|e| open_error(&name, &e))?;
    read(&name, f)
}

/// Reads an extras file of `kind` from a path.
pub fn load_extras_file(kind: ExtrasKind, path: &Path) -> Result<Vec<YearExtras>, IngestError> {
    match kind {
        ExtrasKind::Recruitment => load(path, read_recruitment),
        ExtrasKind::Wages => load(path, read_wages),
        ExtrasKind::Career => load(path, read_career),
    }
}

/// Reads whichever of recruitment.csv, wages.csv and career.csv exist in
/// `dir` and merges them ([`merge_extras`]); empty when none does.
pub fn load_extras(dir: &Path) -> Result<Vec<YearExtras>, IngestError> {
    let mut all = Vec::new();
    for kind in ExtrasKind::ALL {
        let p = dir.join(kind.file_name());
        if p.is_file() {
            all.extend(load_extras_file(kind, &p)?);
        }
    }
    Ok(merge_extras(all))
}

/// Reads an industry_averages.csv file.
pub fn load_industry_averages(path: &Path) -> Result<Vec<IndustryAverages>, IngestError> {
    load(path, read_industry_averages)
}

/// Reads a facts.csv file.
pub fn load_facts(path: &Path) -> Result<Facts, IngestError> {
    load(path, read_facts)
}
