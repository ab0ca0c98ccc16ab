//! [`assemble`]: the [`CertificationInput`] from the figures the report
//! computed, earlier years' childcare counts, the employer's extras, the
//! yes/no facts and the industry averages. Nothing absent becomes a zero.

use std::collections::BTreeMap;

use crate::certification_figures::{CertificationFigures, YearChildcare};
use crate::extras::{CareerEvent, CareerRow, CategoryRecruitment, IndustryAverages, YearExtras};
use crate::rounding::OneDecimal;

use super::{CertificationInput, Facts, NewGraduates, Promotions, Recruitment, THREE_YEARS};

/// What [`assemble`] puts together.
#[derive(Debug, Clone, Copy)]
pub struct AssembleArgs<'a> {
    /// The base fiscal year's figures (from `FiscalYearReport::certification`).
    pub base: &'a CertificationFigures,
    /// Childcare counts of other fiscal years (from
    /// [`crate::childcare_counts`]), any order; an entry for the base year
    /// is ignored (the base figures win); of several entries for a year the
    /// last wins.
    pub earlier_childcare: &'a [(i16, YearChildcare)],
    /// The employer's figures per fiscal year, any order; for a year given
    /// several times, each non-empty part of a later entry replaces that
    /// part of the earlier ones.
    pub extras: &'a [YearExtras],
    /// The yes/no answers.
    pub facts: Facts,
    /// Published industry averages (えるぼし), when known.
    pub industry: Option<&'a IndustryAverages>,
    /// First fiscal year of the 次世代法 plan (くるみん leave rates).
    pub plan_first_fiscal_year: Option<i16>,
    /// First month (1–12) of the 事業年度.
    pub fiscal_year_start_month: i8,
}

/// One year's extras, merged.
#[derive(Default)]
struct Merged<'a> {
    recruitment: Option<&'a [CategoryRecruitment]>,
    career: Option<&'a [CareerRow]>,
}

fn merge(extras: &[YearExtras]) -> BTreeMap<i16, Merged<'_>> {
    let mut years: BTreeMap<i16, Merged<'_>> = BTreeMap::new();
    for e in extras {
        let m = years.entry(e.fiscal_year).or_default();
        if !e.recruitment.is_empty() {
            m.recruitment = Some(&e.recruitment);
        }
        if !e.career.is_empty() {
            m.career = Some(&e.career);
        }
    }
    years
}

fn recruitment(rows: &[CategoryRecruitment]) -> Recruitment {
    let mut r = Recruitment::default();
    for c in rows {
        r.women_applicants += c.applicants.women;
        r.women_hires += c.hires.women;
        r.men_applicants += c.applicants.men;
        r.men_hires += c.hires.men;
    }
    r
}

fn new_graduates(rows: &[CategoryRecruitment]) -> NewGraduates {
    let mut g = NewGraduates::default();
    for c in rows {
        g.hires += c.new_graduate_hires.total();
        g.leavers += c.new_graduate_leavers.total();
    }
    g
}

fn event(rows: &[CareerRow], event: CareerEvent) -> Option<&CareerRow> {
    rows.iter().find(|r| r.event == event)
}

/// 課長級 promotions: the `promotion_manager` row with its candidates.
fn promotions(rows: &[CareerRow]) -> Option<Promotions> {
    let row = event(rows, CareerEvent::PromotionManager)?;
    let candidates = row.candidates?;
    Some(Promotions {
        women_candidates: candidates.women,
        women_promoted: row.count.women,
        men_candidates: candidates.men,
        men_promoted: row.count.men,
    })
}

/// Kinds of 多様なキャリアコース achievements with at least one woman over
/// `fy − 2 ..= fy`: 正社員転換, 雇用管理区分間転換, 再雇用, おおむね30歳以上の
/// 正社員採用. `None` unless every one of the three years has both
/// recruitment and career figures (a missing file could hide a kind).
fn career_course_kinds(years: &BTreeMap<i16, Merged<'_>>, fiscal_year: i16) -> Option<u64> {
    let mut found = [false; 4];
    for fy in fiscal_year.saturating_sub(THREE_YEARS - 1)..=fiscal_year {
        let m = years.get(&fy)?;
        let (recruitment, career) = (m.recruitment?, m.career?);
        let women = |e: CareerEvent| event(career, e).is_some_and(|r| r.count.women > 0);
        found[0] |= women(CareerEvent::ToRegular);
        found[1] |= women(CareerEvent::CategoryChange);
        found[2] |= recruitment.iter().any(|c| c.rehires.women > 0);
        found[3] |= women(CareerEvent::Hire30PlusRegular);
    }
    Some(found.iter().filter(|&&f| f).count() as u64)
}

/// The [`CertificationInput`] for the base figures' fiscal year.
///
/// - Base figures map one to one (employees, months, workers, 所定外,
///   paid leave, service, retention, shares).
/// - Childcare: the base year from `base`, other years from
///   `earlier_childcare`.
/// - Extras per year: recruitment (applicants and hires by gender, summed
///   over 雇用管理区分) and new graduates (hires and leavers, summed) when
///   the year has recruitment figures; promotions to 課長級 when its
///   `promotion_manager` row gives candidates; `career_course_kinds` over
///   `fy − 2 ..= fy` when all three years have recruitment and career
///   figures.
/// - Industry averages in tenths of a percent become [`OneDecimal`]
///   percents.
pub fn assemble(a: &AssembleArgs<'_>) -> CertificationInput {
    let b = a.base;
    let mut input = CertificationInput::new(b.fiscal_year);
    input.fiscal_year_start_month = a.fiscal_year_start_month;
    input.plan_first_fiscal_year = a.plan_first_fiscal_year;
    input.employees = b.employees;
    input.full_time_months = b.full_time_months.clone();
    input.age_band_months = b.age_band_months.clone();
    input.age_band = b.age_band;
    input.worker_overtime = b.worker_overtime.clone();
    input.category_months = b.category_months.clone();
    input.regular_overtime = b.regular_overtime;
    input.paid_leave = b.paid_leave;
    input.service = b.service;
    input.retention = b.retention;
    input.regular_women = b.regular_women;
    input.managers = b.managers;
    input.facts = a.facts;
    if let Some(ind) = a.industry {
        input.industry_regular_women_percent =
            ind.regular_women_tenths.map(|tenths| OneDecimal { tenths });
        input.industry_women_managers_percent = ind
            .women_managers_tenths
            .map(|tenths| OneDecimal { tenths });
    }

    for &(fy, cc) in a.earlier_childcare {
        if fy == b.fiscal_year {
            continue;
        }
        let y = input.year_mut(fy);
        y.male_childcare = Some(cc.male);
        y.female_childcare = Some(cc.female);
        y.fixed_term_female_childcare = Some(cc.fixed_term_female);
    }
    let y = input.year_mut(b.fiscal_year);
    y.male_childcare = b.male_childcare;
    y.female_childcare = b.female_childcare;
    y.fixed_term_female_childcare = b.fixed_term_female_childcare;

    let years = merge(a.extras);
    for (&fy, m) in &years {
        let promotions = m.career.and_then(promotions);
        if m.recruitment.is_none() && promotions.is_none() {
            continue;
        }
        let y = input.year_mut(fy);
        if let Some(rows) = m.recruitment {
            y.recruitment = Some(recruitment(rows));
            y.new_graduates = Some(new_graduates(rows));
        }
        y.promotions = promotions;
    }
    input.career_course_kinds = career_course_kinds(&years, b.fiscal_year);
    input.years.sort_by_key(|y| y.fiscal_year);
    input
}
