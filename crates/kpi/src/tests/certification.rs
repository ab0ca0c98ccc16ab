//! Certification readiness (LABOR_RULES §5–6; issue 4). Worked examples on
//! both sides of every threshold, with the arithmetic in comments. The base
//! fiscal year is FY 2026 (2026-04 .. 2027-03) unless a test says otherwise.

use jiff::civil::Date;

use crate::certification::*;
use crate::{HalfDays, OneDecimal, YearMonth};

const APPLY_2022_ONLY: Date = Date::constant(2025, 3, 31);
const APPLY_BOTH_FIRST: Date = Date::constant(2025, 4, 1);
const APPLY_BOTH_LAST: Date = Date::constant(2027, 3, 31);
const APPLY_2025_ONLY: Date = Date::constant(2027, 4, 1);

fn ym(y: i32, m: i8) -> YearMonth {
    YearMonth::new(y, m).unwrap()
}

/// Twelve months of FY 2026 with `workers` workers averaging `tenths` / 10
/// hours each (total = tenths × 6 × workers minutes).
fn months(tenths: u64, workers: u64) -> Vec<MonthHours> {
    (0..12)
        .map(|i| MonthHours {
            month: ym(2026, 4).plus(i),
            total_minutes: tenths * 6 * workers,
            workers,
        })
        .collect()
}

fn set_month(ms: &mut [MonthHours], month: YearMonth, tenths: u64) {
    let m = ms.iter_mut().find(|m| m.month == month).unwrap();
    m.total_minutes = tenths * 6 * m.workers;
}

fn all_yes() -> Facts {
    Facts {
        next_gen_plan_filed: Some(true),
        next_gen_plan_published: Some(true),
        next_gen_plan_period_ok: Some(true),
        next_gen_plan_targets_met: Some(true),
        next_gen_plan_has_required_targets: Some(true),
        working_conditions_measures: Some(true),
        men_rate_published: Some(true),
        // The ≤ 300 special provisions do not apply: the rates decide.
        small_employer_male_special: Some(false),
        small_employer_female_special: Some(false),
        holds_kurumin: Some(true),
        platinum_kurumin_extra: Some(true),
        women_plan_filed: Some(true),
        women_data_published: Some(true),
        platinum_eruboshi_extra: Some(true),
        youth_recruitment_and_training: Some(true),
        youth_information_published: Some(true),
        no_serious_violations: Some(true),
    }
}

/// A 150-person company meeting every criterion of every mark:
/// men 5/10 = 50 % (≥ every A threshold, プラチナ 2025 exactly), women 3/4 =
/// 75 % exactly, fixed-term women 1/1, every month 20.0 h, nobody near 60 h,
/// and the えるぼし / ユースエール figures of [`eruboshi_and_youth`].
fn good() -> CertificationInput {
    let mut input = CertificationInput::new(2026);
    input.employees = Some(150);
    input.facts = all_yes();
    for fy in 2024..=2026 {
        let y = input.year_mut(fy);
        y.male_childcare = Some(MaleCounts {
            births: 10,
            method1_takers: 5,
            method2_takers: 6,
        });
        y.female_childcare = Some(BirthCounts {
            births: 4,
            takers: 3,
        });
        y.fixed_term_female_childcare = Some(BirthCounts {
            births: 1,
            takers: 1,
        });
    }
    input.full_time_months = Some(months(200, 10));
    input.age_band_months = Some(months(200, 4));
    input.worker_overtime = Some(vec![WorkerOvertime {
        employee_id: "E001".to_string(),
        // 59 h 59 min × 12: just under 60 h a month
        legal_overtime_minutes: 3599 * 12,
        months: 12,
    }]);
    eruboshi_and_youth(&mut input);
    input
}

/// えるぼし and ユースエール figures that meet every criterion.
fn eruboshi_and_youth(input: &mut CertificationInput) {
    for fy in 2024..=2026 {
        let y = input.year_mut(fy);
        // women 10 applicants / 1 hire = 10 × 0.8 = 8 < men 10 / 1 = 10
        y.recruitment = Some(Recruitment {
            women_applicants: 10,
            women_hires: 1,
            men_applicants: 10,
            men_hires: 1,
        });
        // 1 leaver of 5 hires a year: 3/15 = 20 % exactly
        y.new_graduates = Some(NewGraduates {
            hires: 5,
            leavers: 1,
        });
        // women 4/10 promoted vs men 5/10: 0.4 ÷ 0.5 = 0.8 exactly
        y.promotions = Some(Promotions {
            women_candidates: 10,
            women_promoted: 4,
            men_candidates: 10,
            men_promoted: 5,
        });
    }
    // women 84 months / 1 = 7.0 y, men 120 / 1 = 10.0 y: 0.7 exactly
    input.service = Some(ServiceByGender {
        women: 1,
        women_total_months: 84,
        men: 1,
        men_total_months: 120,
    });
    input.category_months = Some(vec![CategoryMonths {
        category: "総合職".to_string(),
        months: months(449, 3),
    }]);
    input.managers = Some(Share {
        women: 10,
        total: 100,
    });
    input.industry_women_managers_percent = Some(OneDecimal { tenths: 100 });
    input.career_course_kinds = Some(1);
    // 20 h × 60 × 120 worker-months (10 workers × 12) = 144,000 min:
    // exactly 20.0 h a month
    input.regular_overtime = Some(YearMinutes {
        total_minutes: 20 * 60 * 12 * 10,
        worker_months: 120,
    });
    // 140 half days = 70 days of 100 granted: 70 % exactly
    input.paid_leave = Some(PaidLeaveFigures {
        taken: HalfDays(140),
        granted_days: 100,
        workers: 10,
    });
}

fn result(rs: &[MarkResult], mark: Mark, v: Option<CriteriaVersion>) -> &MarkResult {
    rs.iter()
        .find(|r| r.mark == mark && r.criteria_version == v)
        .unwrap_or_else(|| panic!("no result for {mark:?} {v:?}"))
}

fn criterion<'a>(r: &'a MarkResult, id: &str) -> &'a Criterion {
    r.criteria
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no criterion {id} in {:?}", r.mark))
}

fn kurumin(input: &CertificationInput, mark: Mark, v: CriteriaVersion) -> MarkResult {
    result(&assess(input, APPLY_BOTH_FIRST), mark, Some(v)).clone()
}

use CriteriaVersion::{Y2022, Y2025};

// --- versions ---------------------------------------------------------------

#[test]
fn criteria_versions_across_the_switch() {
    assert_eq!(CriteriaVersion::applicable(APPLY_2022_ONLY), vec![Y2022]);
    assert_eq!(
        CriteriaVersion::applicable(APPLY_BOTH_FIRST),
        vec![Y2022, Y2025]
    );
    assert_eq!(
        CriteriaVersion::applicable(APPLY_BOTH_LAST),
        vec![Y2022, Y2025]
    );
    assert_eq!(CriteriaVersion::applicable(APPLY_2025_ONLY), vec![Y2025]);

    // 3 くるみん marks per version + えるぼし, プラチナえるぼし, ユースエール.
    let input = good();
    assert_eq!(assess(&input, APPLY_2022_ONLY).len(), 6);
    assert_eq!(assess(&input, APPLY_BOTH_FIRST).len(), 9);
    assert_eq!(assess(&input, APPLY_BOTH_LAST).len(), 9);
    let late = assess(&input, APPLY_2025_ONLY);
    assert_eq!(late.len(), 6);
    assert!(late.iter().all(|r| r.criteria_version != Some(Y2022)));
}

#[test]
fn the_good_company_is_eligible_for_everything() {
    let rs = assess(&good(), APPLY_BOTH_FIRST);
    for r in &rs {
        assert_eq!(r.eligible, Some(true), "{:?} {:?}", r.mark, r.criteria);
        for c in r.criteria.iter().filter(|c| c.required) {
            assert_eq!(c.met, Some(true), "{} of {:?}", c.id, r.mark);
            assert_eq!(c.gap, None);
        }
    }
    // All five えるぼし criteria: stage 3.
    assert_eq!(result(&rs, Mark::Eruboshi, None).stage, Some(3));
}

#[test]
fn male_thresholds_follow_the_table() {
    let t = |m, v| {
        let t = male_threshold(m, v).unwrap();
        (t.leave_percent, t.leave_or_purpose_percent)
    };
    assert_eq!(t(Mark::TryKurumin, Y2022), (7, 15));
    assert_eq!(t(Mark::TryKurumin, Y2025), (10, 20));
    assert_eq!(t(Mark::Kurumin, Y2022), (10, 20));
    assert_eq!(t(Mark::Kurumin, Y2025), (30, 50));
    assert_eq!(t(Mark::PlatinumKurumin, Y2022), (30, 50));
    assert_eq!(t(Mark::PlatinumKurumin, Y2025), (50, 70));
    assert_eq!(male_threshold(Mark::Eruboshi, Y2025), None);
}

// --- men's rate ---------------------------------------------------------------

fn with_men(births: u64, m1: u64, m2: u64) -> CertificationInput {
    let mut input = good();
    input.year_mut(2026).male_childcare = Some(MaleCounts {
        births,
        method1_takers: m1,
        method2_takers: m2,
    });
    input
}

#[test]
fn kurumin_2025_men_29_percent_fails_and_30_passes() {
    // 29 of 100 = 29 % < 30 % (A); method 2 also 29 % < 50 % (B).
    let r = kurumin(&with_men(100, 29, 29), Mark::Kurumin, Y2025);
    let c = criterion(&r, "male_childcare_leave");
    assert_eq!(c.met, Some(false));
    assert_eq!(r.eligible, Some(false));
    assert_eq!(c.period.as_deref(), Some("2026-04..2027-03"));
    // A: smallest k with (29 + k)·100 ≥ 30·100 → k = 1.
    // B: (29 + k)·100 ≥ 50·100 → k = 21.
    assert_eq!(
        c.gap,
        Some(Gap::OneOf {
            options: vec![
                Gap::MoreMenTakers {
                    method: RateMethod::Method1,
                    needed: 1,
                    target_percent: 30,
                    births: 100,
                    takers: 29,
                    beyond_births: false,
                },
                Gap::MoreMenTakers {
                    method: RateMethod::Method2,
                    needed: 21,
                    target_percent: 50,
                    births: 100,
                    takers: 29,
                    beyond_births: false,
                },
            ]
        })
    );
    // 30 of 100 = 30 %: met.
    let r = kurumin(&with_men(100, 30, 30), Mark::Kurumin, Y2025);
    assert_eq!(criterion(&r, "male_childcare_leave").met, Some(true));
    assert_eq!(r.eligible, Some(true));
}

#[test]
fn gap_counts_respect_truncation() {
    // The example: 4 of 20 = 20 %; 30 % needs 6 of 20 → 2 more.
    assert_eq!(additional_takers_needed(20, 4, 30), 2);
    // 2 of 7 = 28.57 → 28 %; 30 % of 7 = 2.1 → 3 takers (3/7 = 42 %) → 1.
    assert_eq!(additional_takers_needed(7, 2, 30), 1);
    // Already there: 3 of 10 = 30 %.
    assert_eq!(additional_takers_needed(10, 3, 30), 0);
    // 7 % of 15 = 1.05 → 2 takers (2/15 = 13 %; 1/15 = 6.66 → 6 % < 7).
    assert_eq!(additional_takers_needed(15, 0, 7), 2);
    // 75 % of 3 = 2.25 → 3.
    assert_eq!(additional_takers_needed(3, 2, 75), 1);
}

#[test]
fn gap_beyond_births_when_the_fathers_of_the_year_are_not_enough() {
    // プラチナ 2025 B = 70 %: 1 birth, 0 takers of either kind → A needs
    // ceil(0.5) = 1 (≤ births), B needs ceil(0.7) = 1. 2 births, method 1 = 0,
    // method 2 = 2 (two 育児目的休暇): B reached on the numbers but nobody on
    // 育休等, so 1 more is needed on 育休等 → 3 > 2 births: beyond_births.
    let r = kurumin(&with_men(2, 0, 2), Mark::PlatinumKurumin, Y2025);
    let c = criterion(&r, "male_childcare_leave");
    assert_eq!(c.met, Some(false));
    let Some(Gap::OneOf { options }) = &c.gap else {
        panic!("{:?}", c.gap)
    };
    assert_eq!(
        options[1],
        Gap::MoreMenTakers {
            method: RateMethod::Method2,
            needed: 1,
            target_percent: 70,
            births: 2,
            takers: 2,
            beyond_births: true,
        }
    );
}

#[test]
fn route_b_needs_one_man_on_childcare_leave() {
    // くるみん 2022: B = 20 %. 20 of 100 by method 2 but 0 on 育休等: not met.
    let r = kurumin(&with_men(100, 0, 20), Mark::Kurumin, Y2022);
    assert_eq!(criterion(&r, "male_childcare_leave").met, Some(false));
    // 1 on 育休等 (1 % < A 10 %) and 20 by method 2: B met.
    let r = kurumin(&with_men(100, 1, 20), Mark::Kurumin, Y2022);
    assert_eq!(criterion(&r, "male_childcare_leave").met, Some(true));
    // 19 by method 2 (19 %) with 1 on 育休等: neither.
    let r = kurumin(&with_men(100, 1, 19), Mark::Kurumin, Y2022);
    assert_eq!(criterion(&r, "male_childcare_leave").met, Some(false));
}

#[test]
fn ten_percent_is_enough_under_2022_but_not_2025() {
    // 10 of 100 men: くるみん 2022 (A 10 %) met, 2025 (A 30 %) not.
    let input = with_men(100, 10, 10);
    let both = assess(&input, APPLY_BOTH_LAST);
    assert_eq!(
        result(&both, Mark::Kurumin, Some(Y2022)).eligible,
        Some(true)
    );
    assert_eq!(
        result(&both, Mark::Kurumin, Some(Y2025)).eligible,
        Some(false)
    );
    // From 2027-04-01 only the 2025 criteria remain.
    let late = assess(&input, APPLY_2025_ONLY);
    assert_eq!(
        result(&late, Mark::Kurumin, Some(Y2025)).eligible,
        Some(false)
    );
    // Before 2025-04-01 only 2022.
    let early = assess(&input, APPLY_2022_ONLY);
    assert_eq!(
        result(&early, Mark::Kurumin, Some(Y2022)).eligible,
        Some(true)
    );
    // トライくるみん 2022: A 7 % → 7 of 100 met, 6 of 100 not.
    let r = kurumin(&with_men(100, 7, 7), Mark::TryKurumin, Y2022);
    assert_eq!(criterion(&r, "male_childcare_leave").met, Some(true));
    let r = kurumin(&with_men(100, 6, 14), Mark::TryKurumin, Y2022);
    assert_eq!(criterion(&r, "male_childcare_leave").met, Some(false));
    let r = kurumin(&with_men(100, 1, 15), Mark::TryKurumin, Y2022);
    assert_eq!(criterion(&r, "male_childcare_leave").met, Some(true));
}

#[test]
fn no_fathers_means_undecidable_not_zero() {
    let r = kurumin(&with_men(0, 0, 0), Mark::Kurumin, Y2025);
    let c = criterion(&r, "male_childcare_leave");
    assert_eq!(c.met, None);
    assert_eq!(c.value, None);
    assert_eq!(
        c.gap,
        Some(Gap::NoDenominator {
            what: "male_births"
        })
    );
    assert_eq!(r.eligible, None);
}

#[test]
fn plan_period_sums_the_years() {
    // Plan FY 2025–2026: 0 of 5 then 3 of 5 → 3 of 10 = 30 %: くるみん 2025.
    let mut input = good();
    input.plan_first_fiscal_year = Some(2025);
    input.year_mut(2025).male_childcare = Some(MaleCounts {
        births: 5,
        method1_takers: 0,
        method2_takers: 0,
    });
    input.year_mut(2026).male_childcare = Some(MaleCounts {
        births: 5,
        method1_takers: 3,
        method2_takers: 3,
    });
    let r = kurumin(&input, Mark::Kurumin, Y2025);
    let c = criterion(&r, "male_childcare_leave");
    assert_eq!(c.met, Some(true));
    assert_eq!(c.period.as_deref(), Some("2025-04..2027-03"));
    // A year of the plan without counts: undecidable.
    input.year_mut(2025).male_childcare = None;
    let r = kurumin(&input, Mark::Kurumin, Y2025);
    assert_eq!(criterion(&r, "male_childcare_leave").met, None);
    assert_eq!(r.eligible, None);
}

// --- women's rate -------------------------------------------------------------

#[test]
fn women_exactly_75_percent_passes_74_fails() {
    let mut input = good();
    // 3 of 4 = 75 % (the good company): met; 74 of 100: not, 1 more needed.
    let r = kurumin(&input, Mark::Kurumin, Y2022);
    assert_eq!(criterion(&r, "female_childcare_leave").met, Some(true));
    input.year_mut(2026).female_childcare = Some(BirthCounts {
        births: 100,
        takers: 74,
    });
    let r = kurumin(&input, Mark::Kurumin, Y2022);
    let c = criterion(&r, "female_childcare_leave");
    assert_eq!(c.met, Some(false));
    assert_eq!(
        c.gap,
        Some(Gap::MoreWomenTakers {
            fixed_term: false,
            needed: 1,
            target_percent: 75,
            births: 100,
            takers: 74,
        })
    );
    // 2 of 3 = 66 %: 75 % of 3 = 2.25 → 3 → 1 more.
    input.year_mut(2026).female_childcare = Some(BirthCounts {
        births: 3,
        takers: 2,
    });
    let r = kurumin(&input, Mark::Kurumin, Y2022);
    assert!(matches!(
        criterion(&r, "female_childcare_leave").gap,
        Some(Gap::MoreWomenTakers { needed: 1, .. })
    ));
}

#[test]
fn fixed_term_women_count_only_from_2025() {
    // Fixed-term women 0 of 1: the 2025 criteria fail, 2022 ignore them.
    let mut input = good();
    input.year_mut(2026).fixed_term_female_childcare = Some(BirthCounts {
        births: 1,
        takers: 0,
    });
    let r22 = kurumin(&input, Mark::Kurumin, Y2022);
    let r25 = kurumin(&input, Mark::Kurumin, Y2025);
    assert!(
        r22.criteria
            .iter()
            .all(|c| c.id != "fixed_term_female_childcare_leave")
    );
    assert_eq!(r22.eligible, Some(true));
    assert_eq!(
        criterion(&r25, "fixed_term_female_childcare_leave").met,
        Some(false)
    );
    assert_eq!(r25.eligible, Some(false));
}

// --- working hours ----------------------------------------------------------

#[test]
fn months_of_44_9_hours_pass_and_45_0_fail_under_2022() {
    // 10 workers × 44.9 h = 449 h = 26,940 min: under 45 h every month.
    let mut input = good();
    input.full_time_months = Some(months(449, 10));
    let r = kurumin(&input, Mark::Kurumin, Y2022);
    let c = criterion(&r, "full_time_monthly_hours");
    assert_eq!(c.met, Some(true));
    assert_eq!(c.value, Some(Value::Decimal(OneDecimal { tenths: 449 })));
    // September and January at 45.0 h (27,000 min = 45 × 60 × 10): not met.
    let ms = input.full_time_months.as_mut().unwrap();
    set_month(ms, ym(2026, 9), 450);
    set_month(ms, ym(2027, 1), 450);
    let r = kurumin(&input, Mark::Kurumin, Y2022);
    let c = criterion(&r, "full_time_monthly_hours");
    assert_eq!(c.met, Some(false));
    assert_eq!(
        c.gap,
        Some(Gap::MonthsOver {
            group: "full_time".to_string(),
            months: vec!["2026-09".to_string(), "2027-01".to_string()],
            limit_hours: 45,
        })
    );
    // One minute under 45 h on average shows 44.9 and passes:
    // 26,999 min ÷ 600 = 44.998 h.
    let ms = input.full_time_months.as_mut().unwrap();
    for m in ms.iter_mut() {
        m.total_minutes = 26_999;
    }
    let r = kurumin(&input, Mark::Kurumin, Y2022);
    let c = criterion(&r, "full_time_monthly_hours");
    assert_eq!(c.met, Some(true));
    assert_eq!(c.value, Some(Value::Decimal(OneDecimal { tenths: 449 })));
}

#[test]
fn missing_months_are_undecidable_unless_another_month_fails() {
    let mut input = good();
    input.full_time_months.as_mut().unwrap().remove(3); // no 2026-07
    let r = kurumin(&input, Mark::Kurumin, Y2022);
    let c = criterion(&r, "full_time_monthly_hours");
    assert_eq!(c.met, None);
    assert_eq!(
        c.gap,
        Some(Gap::Unknown {
            what: "full_time_months"
        })
    );
    assert_eq!(r.eligible, None);
    // A known month over 45 h decides it.
    set_month(input.full_time_months.as_mut().unwrap(), ym(2026, 4), 500);
    let r = kurumin(&input, Mark::Kurumin, Y2022);
    assert_eq!(criterion(&r, "full_time_monthly_hours").met, Some(false));
    assert_eq!(r.eligible, Some(false));
}

#[test]
fn the_2025_hours_rule_30_for_all_or_45_for_the_age_band() {
    // All full-time 29.9 h: met without the age band.
    let mut input = good();
    input.full_time_months = Some(months(299, 10));
    input.age_band_months = None;
    let r = kurumin(&input, Mark::Kurumin, Y2025);
    assert_eq!(criterion(&r, "full_time_monthly_hours").met, Some(true));
    // 30.0 h in 2026-12 and no age-band figures: undecidable.
    set_month(input.full_time_months.as_mut().unwrap(), ym(2026, 12), 300);
    let r = kurumin(&input, Mark::Kurumin, Y2025);
    let c = criterion(&r, "full_time_monthly_hours");
    assert_eq!(c.met, None);
    assert_eq!(
        c.gap,
        Some(Gap::OneOf {
            options: vec![Gap::Unknown {
                what: "age_band_months"
            }]
        })
    );
    // Age band 44.9 h every month: met.
    input.age_band_months = Some(months(449, 4));
    let r = kurumin(&input, Mark::Kurumin, Y2025);
    assert_eq!(criterion(&r, "full_time_monthly_hours").met, Some(true));
    // Age band 45.0 h in 2027-02: neither route.
    set_month(input.age_band_months.as_mut().unwrap(), ym(2027, 2), 450);
    let r = kurumin(&input, Mark::Kurumin, Y2025);
    let c = criterion(&r, "full_time_monthly_hours");
    assert_eq!(c.met, Some(false));
    assert_eq!(
        c.gap,
        Some(Gap::OneOf {
            options: vec![
                Gap::MonthsOver {
                    group: "full_time".to_string(),
                    months: vec!["2026-12".to_string()],
                    limit_hours: 30,
                },
                Gap::MonthsOver {
                    group: "age_band".to_string(),
                    months: vec!["2027-02".to_string()],
                    limit_hours: 45,
                },
            ]
        })
    );
    // The same figures under 2022 (< 45 h for all): met.
    let r = kurumin(&input, Mark::Kurumin, Y2022);
    assert_eq!(criterion(&r, "full_time_monthly_hours").met, Some(true));
}

#[test]
fn a_worker_averaging_60_hours_fails() {
    // 60 h × 12 = 43,200 min: exactly 60 h a month → fails; 43,199 passes
    // (the good company has 3,599 × 12 = 43,188).
    let mut input = good();
    input.worker_overtime = Some(vec![
        WorkerOvertime {
            employee_id: "E001".to_string(),
            legal_overtime_minutes: 43_199,
            months: 12,
        },
        WorkerOvertime {
            employee_id: "E002".to_string(),
            legal_overtime_minutes: 43_200,
            months: 12,
        },
        // Joined in January: 3 months × 60 h = 10,800 → fails.
        WorkerOvertime {
            employee_id: "E003".to_string(),
            legal_overtime_minutes: 10_800,
            months: 3,
        },
    ]);
    for v in [Y2022, Y2025] {
        let r = kurumin(&input, Mark::Kurumin, v);
        let c = criterion(&r, "no_worker_60h");
        assert_eq!(c.met, Some(false));
        assert_eq!(c.value, Some(Value::Count(2)));
        assert_eq!(
            c.gap,
            Some(Gap::WorkersOver {
                employee_ids: vec!["E002".to_string(), "E003".to_string()],
                limit_hours: 60,
            })
        );
    }
}

// --- readings of the 2025 criteria (issue 11) -------------------------------

#[test]
fn try_kurumin_keeps_the_45_hour_rule_under_2025() {
    // Every month 40.0 h for all full-time workers, the age band 50.0 h:
    // くるみん 2025 fails both routes (≥ 30 h, band ≥ 45 h); トライくるみん
    // 2025 is judged on < 45 h, like 2022: met.
    let mut input = good();
    input.full_time_months = Some(months(400, 10));
    input.age_band_months = Some(months(500, 4));
    let k = kurumin(&input, Mark::Kurumin, Y2025);
    assert_eq!(criterion(&k, "full_time_monthly_hours").met, Some(false));
    let t = kurumin(&input, Mark::TryKurumin, Y2025);
    let c = criterion(&t, "full_time_monthly_hours");
    assert_eq!(c.met, Some(true));
    assert!(c.threshold.starts_with("各月 < 45時間"), "{}", c.threshold);
    assert_eq!(c.value, Some(Value::Decimal(OneDecimal { tenths: 400 })));
    assert_eq!(t.eligible, Some(true));
    // The other side: 45.0 h in 2026-08 fails トライくるみん 2025 too.
    set_month(input.full_time_months.as_mut().unwrap(), ym(2026, 8), 450);
    let t = kurumin(&input, Mark::TryKurumin, Y2025);
    let c = criterion(&t, "full_time_monthly_hours");
    assert_eq!(c.met, Some(false));
    assert_eq!(
        c.gap,
        Some(Gap::MonthsOver {
            group: "full_time".to_string(),
            months: vec!["2026-08".to_string()],
            limit_hours: 45,
        })
    );
    // プラチナくるみん 2025 uses the 30 h / age-band rule.
    let p = kurumin(&good(), Mark::PlatinumKurumin, Y2025);
    assert!(
        criterion(&p, "full_time_monthly_hours")
            .threshold
            .starts_with("各月 < 30時間")
    );
}

#[test]
fn the_60_hour_rule_applies_to_every_kurumin_mark_under_2025() {
    let mut input = good();
    // The good company's worker: 3,599 × 12 min, just under 60 h a month.
    for mark in [Mark::TryKurumin, Mark::Kurumin, Mark::PlatinumKurumin] {
        let r = kurumin(&input, mark, Y2025);
        assert_eq!(criterion(&r, "no_worker_60h").met, Some(true), "{mark:?}");
    }
    // Exactly 60 h a month: fails every mark.
    input.worker_overtime.as_mut().unwrap()[0].legal_overtime_minutes = 3600 * 12;
    for mark in [Mark::TryKurumin, Mark::Kurumin, Mark::PlatinumKurumin] {
        let r = kurumin(&input, mark, Y2025);
        assert_eq!(criterion(&r, "no_worker_60h").met, Some(false), "{mark:?}");
        assert_eq!(r.eligible, Some(false));
    }
}

#[test]
fn no_full_time_worker_in_the_age_band_leaves_that_route_undecidable() {
    // Ten full-time workers, none aged 25–39 in any month.
    let mut input = good();
    input.age_band_months = Some(months(0, 0));
    // All under 30 h: the 30 h route decides, met.
    input.full_time_months = Some(months(299, 10));
    let r = kurumin(&input, Mark::Kurumin, Y2025);
    assert_eq!(criterion(&r, "full_time_monthly_hours").met, Some(true));
    // 30.0 h in 2026-12: the 30 h route fails, the band has no average →
    // 判定できません, saying why; never met.
    set_month(input.full_time_months.as_mut().unwrap(), ym(2026, 12), 300);
    let r = kurumin(&input, Mark::Kurumin, Y2025);
    let c = criterion(&r, "full_time_monthly_hours");
    assert_eq!(c.met, None);
    let all: Vec<String> = (0..12).map(|i| ym(2026, 4).plus(i).to_string()).collect();
    assert_eq!(
        c.gap,
        Some(Gap::OneOf {
            options: vec![Gap::NobodyInGroup {
                group: "age_band".to_string(),
                months: all,
            }]
        })
    );
    assert_eq!(r.eligible, None);
    // Band workers in every month but April, each month at 44.9 h: still
    // undecidable, naming April only.
    let mut band = months(449, 2);
    band[0].workers = 0;
    band[0].total_minutes = 0;
    input.age_band_months = Some(band);
    let r = kurumin(&input, Mark::Kurumin, Y2025);
    let c = criterion(&r, "full_time_monthly_hours");
    assert_eq!(c.met, None);
    assert_eq!(
        c.gap,
        Some(Gap::OneOf {
            options: vec![Gap::NobodyInGroup {
                group: "age_band".to_string(),
                months: vec!["2026-04".to_string()],
            }]
        })
    );
    // A band month at 45.0 h decides: neither route.
    set_month(input.age_band_months.as_mut().unwrap(), ym(2026, 5), 450);
    let r = kurumin(&input, Mark::Kurumin, Y2025);
    assert_eq!(criterion(&r, "full_time_monthly_hours").met, Some(false));
}

#[test]
fn small_employer_special_provisions_are_a_fact_for_300_or_fewer() {
    // 29 of 100 men = 29 % < 30 %: the rate route fails for くるみん 2025.
    let mut input = with_men(100, 29, 29);
    assert_eq!(input.employees, Some(150));
    // Not answered: 判定できません, offering the fact beside the rate gap.
    input.facts.small_employer_male_special = None;
    let r = kurumin(&input, Mark::Kurumin, Y2025);
    let c = criterion(&r, "male_childcare_leave");
    assert_eq!(c.met, None);
    let Some(Gap::OneOf { options }) = &c.gap else {
        panic!("{:?}", c.gap)
    };
    assert_eq!(
        options.last(),
        Some(&Gap::Unknown {
            what: "small_employer_male_special"
        })
    );
    assert!(matches!(options[0], Gap::MoreMenTakers { .. }));
    assert!(c.threshold.ends_with("（300人以下は特例あり）"));
    // Answered yes: met (and the mark eligible); answered no: not met.
    input.facts.small_employer_male_special = Some(true);
    let r = kurumin(&input, Mark::Kurumin, Y2025);
    assert_eq!(criterion(&r, "male_childcare_leave").met, Some(true));
    assert_eq!(criterion(&r, "male_childcare_leave").gap, None);
    assert_eq!(r.eligible, Some(true));
    // プラチナくるみん has no special route: 29 % < 50 % stays not met.
    let p = kurumin(&input, Mark::PlatinumKurumin, Y2025);
    assert_eq!(criterion(&p, "male_childcare_leave").met, Some(false));
    input.facts.small_employer_male_special = Some(false);
    let r = kurumin(&input, Mark::Kurumin, Y2025);
    assert_eq!(criterion(&r, "male_childcare_leave").met, Some(false));
    // 301 employees: the fact does not count.
    input.facts.small_employer_male_special = Some(true);
    input.employees = Some(301);
    let r = kurumin(&input, Mark::Kurumin, Y2025);
    assert_eq!(criterion(&r, "male_childcare_leave").met, Some(false));
    // Employee count unknown: undecidable even with a yes.
    input.employees = None;
    let r = kurumin(&input, Mark::Kurumin, Y2025);
    assert_eq!(criterion(&r, "male_childcare_leave").met, None);

    // Women 2 of 4 = 50 % < 75 %: the women's special, トライくるみん too.
    let mut input = good();
    for fy in 2024..=2026 {
        input.year_mut(fy).female_childcare = Some(BirthCounts {
            births: 4,
            takers: 2,
        });
    }
    for mark in [Mark::TryKurumin, Mark::Kurumin, Mark::PlatinumKurumin] {
        let r = kurumin(&input, mark, Y2022);
        assert_eq!(criterion(&r, "female_childcare_leave").met, Some(false));
    }
    input.facts.small_employer_female_special = Some(true);
    for (mark, met) in [
        (Mark::TryKurumin, Some(true)),
        (Mark::Kurumin, Some(true)),
        (Mark::PlatinumKurumin, Some(false)),
    ] {
        let r = kurumin(&input, mark, Y2022);
        assert_eq!(criterion(&r, "female_childcare_leave").met, met, "{mark:?}");
    }
}

// --- facts and undecidable ----------------------------------------------------

#[test]
fn nothing_known_claims_nothing() {
    let input = CertificationInput::new(2026);
    for r in assess(&input, APPLY_BOTH_FIRST) {
        assert_eq!(r.eligible, None, "{:?}", r.mark);
        assert_eq!(r.stage, None);
        for c in &r.criteria {
            assert_ne!(c.met, Some(true), "{} of {:?}", c.id, r.mark);
        }
    }
}

#[test]
fn facts_are_asked_and_a_no_decides() {
    let mut input = good();
    input.facts.next_gen_plan_filed = None;
    let r = kurumin(&input, Mark::Kurumin, Y2025);
    let c = criterion(&r, "next_gen_plan_filed");
    assert_eq!(c.met, None);
    assert_eq!(
        c.gap,
        Some(Gap::Unknown {
            what: "next_gen_plan_filed"
        })
    );
    assert_eq!(r.eligible, None);
    // A "no" beats an unknown.
    input.facts.no_serious_violations = Some(false);
    let r = kurumin(&input, Mark::Kurumin, Y2025);
    assert_eq!(r.eligible, Some(false));
    assert_eq!(
        criterion(&r, "no_serious_violations").gap,
        Some(Gap::AnsweredNo {
            what: "no_serious_violations"
        })
    );
}

#[test]
fn required_targets_only_for_101_or_more() {
    let mut input = good();
    input.facts.next_gen_plan_has_required_targets = None;
    // 150 employees: asked under 2025, not under 2022.
    let r = kurumin(&input, Mark::Kurumin, Y2025);
    assert_eq!(r.eligible, None);
    let r = kurumin(&input, Mark::Kurumin, Y2022);
    assert_eq!(r.eligible, Some(true));
    // 100 employees: not required (effort duty only).
    input.employees = Some(100);
    let r = kurumin(&input, Mark::Kurumin, Y2025);
    assert!(
        r.criteria
            .iter()
            .all(|c| c.id != "next_gen_plan_has_required_targets")
    );
    assert_eq!(r.eligible, Some(true));
}

#[test]
fn platinum_kurumin_asks_for_its_extra_facts() {
    let mut input = good();
    input.facts.holds_kurumin = None;
    let rs = assess(&input, APPLY_BOTH_FIRST);
    assert_eq!(
        result(&rs, Mark::PlatinumKurumin, Some(Y2025)).eligible,
        None
    );
    assert_eq!(result(&rs, Mark::Kurumin, Some(Y2025)).eligible, Some(true));
}

// --- えるぼし -----------------------------------------------------------------

#[test]
fn eruboshi_stage_by_count() {
    assert_eq!(eruboshi_stage(0), None);
    assert_eq!(eruboshi_stage(1), Some(1));
    assert_eq!(eruboshi_stage(2), Some(1));
    assert_eq!(eruboshi_stage(3), Some(2));
    assert_eq!(eruboshi_stage(4), Some(2));
    assert_eq!(eruboshi_stage(5), Some(3));
}

fn eruboshi_result(input: &CertificationInput) -> MarkResult {
    result(&assess(input, APPLY_BOTH_FIRST), Mark::Eruboshi, None).clone()
}

#[test]
fn eruboshi_hiring_ratio_boundary() {
    // 3 years of women 50 applicants / 4 hires (12.5 × 0.8 = 10.0) vs men
    // 40 / 4 = 10.0: 10.0 < 10.0 is false (8·150·12 = 14,400 vs
    // 10·120·12 = 14,400). Without the share alternative: not met.
    let mut input = good();
    for fy in 2024..=2026 {
        input.year_mut(fy).recruitment = Some(Recruitment {
            women_applicants: 50,
            women_hires: 4,
            men_applicants: 40,
            men_hires: 4,
        });
    }
    let r = eruboshi_result(&input);
    let c = criterion(&r, "eruboshi_hiring");
    // The share route is unknown (no industry average): undecidable.
    assert_eq!(c.met, None);
    assert_eq!(c.period.as_deref(), Some("2024-04..2027-03"));
    input.regular_women = Some(Share {
        women: 299,
        total: 1000,
    });
    input.industry_regular_women_percent = Some(OneDecimal { tenths: 300 });
    // 29.9 % < 30.0 %: not met either way.
    let r = eruboshi_result(&input);
    assert_eq!(criterion(&r, "eruboshi_hiring").met, Some(false));
    // 30.0 % ≥ 30.0 %: met through the share.
    input.regular_women = Some(Share {
        women: 300,
        total: 1000,
    });
    let r = eruboshi_result(&input);
    assert_eq!(criterion(&r, "eruboshi_hiring").met, Some(true));
    // Women 49 / 4 (12.25 × 0.8 = 9.8 < 10.0): met by the ratio alone.
    input.regular_women = None;
    input.year_mut(2025).recruitment = Some(Recruitment {
        women_applicants: 49,
        women_hires: 4,
        men_applicants: 40,
        men_hires: 4,
    });
    // 3-year totals: women 149 / 12, men 120 / 12 → 8·149·12 = 14,304 <
    // 10·120·12 = 14,400.
    let r = eruboshi_result(&input);
    assert_eq!(criterion(&r, "eruboshi_hiring").met, Some(true));
}

#[test]
fn eruboshi_continued_employment_boundaries() {
    let mut input = good();
    // women 83 / 1 months vs men 120 / 1: 0.69 < 0.7 (10·83 = 830 < 840).
    input.service = Some(ServiceByGender {
        women: 1,
        women_total_months: 83,
        men: 1,
        men_total_months: 120,
    });
    let r = eruboshi_result(&input);
    assert_eq!(
        criterion(&r, "eruboshi_continued_employment").met,
        None // retention unknown
    );
    // Retention women 4/10 vs men 5/10 = 0.8: met through retention.
    input.retention = Some(Retention {
        women_hired: 10,
        women_remaining: 4,
        men_hired: 10,
        men_remaining: 5,
    });
    let r = eruboshi_result(&input);
    assert_eq!(
        criterion(&r, "eruboshi_continued_employment").met,
        Some(true)
    );
    // 3/10 vs 5/10 = 0.6: both routes fail.
    input.retention = Some(Retention {
        women_hired: 10,
        women_remaining: 3,
        men_hired: 10,
        men_remaining: 5,
    });
    let r = eruboshi_result(&input);
    let c = criterion(&r, "eruboshi_continued_employment");
    assert_eq!(c.met, Some(false));
    assert_eq!(
        c.gap,
        Some(Gap::NotMet {
            what: "eruboshi_continued_employment"
        })
    );
}

#[test]
fn eruboshi_managers_and_career_courses() {
    let mut input = good();
    // 9 of 100 = 9.0 % < 10.0 % industry; promotions 3/10 vs 5/10 = 0.6.
    input.managers = Some(Share {
        women: 9,
        total: 100,
    });
    for fy in 2024..=2026 {
        input.year_mut(fy).promotions = Some(Promotions {
            women_candidates: 10,
            women_promoted: 3,
            men_candidates: 10,
            men_promoted: 5,
        });
    }
    let r = eruboshi_result(&input);
    assert_eq!(criterion(&r, "eruboshi_managers").met, Some(false));
    // Career courses: 1 kind is enough with 150 employees, not with 301.
    assert_eq!(criterion(&r, "eruboshi_career_courses").met, Some(true));
    input.employees = Some(301);
    let r = eruboshi_result(&input);
    assert_eq!(criterion(&r, "eruboshi_career_courses").met, Some(false));
    // Size unknown: 1 kind undecidable, 2 kinds met whatever the size.
    input.employees = None;
    let r = eruboshi_result(&input);
    assert_eq!(criterion(&r, "eruboshi_career_courses").met, None);
    input.career_course_kinds = Some(2);
    let r = eruboshi_result(&input);
    assert_eq!(criterion(&r, "eruboshi_career_courses").met, Some(true));
}

#[test]
fn eruboshi_hours_per_category() {
    let mut input = good();
    let mut part_time = months(200, 5);
    set_month(&mut part_time, ym(2026, 8), 450);
    input.category_months = Some(vec![
        CategoryMonths {
            category: "総合職".to_string(),
            months: months(449, 3),
        },
        CategoryMonths {
            category: "一般職".to_string(),
            months: part_time,
        },
    ]);
    let r = eruboshi_result(&input);
    let c = criterion(&r, "eruboshi_working_hours");
    assert_eq!(c.met, Some(false));
    assert_eq!(
        c.gap,
        Some(Gap::AllOf {
            gaps: vec![Gap::MonthsOver {
                group: "一般職".to_string(),
                months: vec!["2026-08".to_string()],
                limit_hours: 45,
            }]
        })
    );
}

#[test]
fn eruboshi_stage_is_given_only_when_the_undecided_cannot_change_it() {
    let mut input = good();
    // Managers: 9.0 % < 10.0 % industry, promotions still 4/10 vs 5/10 = 0.8
    // → met. Make promotions unknown: managers undecidable, 4 met + 1
    // unknown → stage 2 (4) or 3 (5): no stage, though eligible.
    input.managers = Some(Share {
        women: 9,
        total: 100,
    });
    for fy in 2024..=2026 {
        input.year_mut(fy).promotions = None;
    }
    let r = eruboshi_result(&input);
    assert_eq!(criterion(&r, "eruboshi_managers").met, None);
    assert_eq!(r.stage, None);
    assert_eq!(r.eligible, Some(true));
    // Promotions 3/10 vs 5/10 = 0.6: managers fail → 4 met → stage 2.
    for fy in 2024..=2026 {
        input.year_mut(fy).promotions = Some(Promotions {
            women_candidates: 10,
            women_promoted: 3,
            men_candidates: 10,
            men_promoted: 5,
        });
    }
    let r = eruboshi_result(&input);
    assert_eq!(criterion(&r, "eruboshi_managers").met, Some(false));
    assert_eq!(r.stage, Some(2));
    // Career courses undecidable (size unknown, 1 kind): 3 met + 1 unknown
    // → 3 or 4, stage 2 either way.
    input.employees = None;
    let r = eruboshi_result(&input);
    assert_eq!(
        criterion(&r, "eruboshi_criteria_met").value,
        Some(Value::Count(3))
    );
    assert_eq!(r.stage, Some(2));
    // Continued employment undecidable too (service fails 83 vs 120 months,
    // retention unknown): 2 met + 2 unknown → 2..4 → stage 1 or 2: none.
    input.service = Some(ServiceByGender {
        women: 1,
        women_total_months: 83,
        men: 1,
        men_total_months: 120,
    });
    let r = eruboshi_result(&input);
    assert_eq!(
        criterion(&r, "eruboshi_criteria_met").value,
        Some(Value::Count(2))
    );
    assert_eq!(r.stage, None);
    assert_eq!(r.eligible, Some(true));
    // プラチナえるぼし needs all five: one fails → not eligible.
    let p = result(
        &assess(&input, APPLY_BOTH_FIRST),
        Mark::PlatinumEruboshi,
        None,
    )
    .clone();
    assert_eq!(p.eligible, Some(false));
    assert_eq!(p.stage, None);
}

#[test]
fn eruboshi_with_none_met_is_not_eligible() {
    let mut input = CertificationInput::new(2026);
    input.facts = all_yes();
    input.employees = Some(150);
    input.career_course_kinds = Some(0);
    input.managers = Some(Share {
        women: 0,
        total: 10,
    });
    input.industry_women_managers_percent = Some(OneDecimal { tenths: 100 });
    let r = eruboshi_result(&input);
    // Two decided false, three unknown: not decided yet.
    assert_eq!(r.eligible, None);
    // Every one false: not eligible.
    input.service = Some(ServiceByGender {
        women: 1,
        women_total_months: 12,
        men: 1,
        men_total_months: 120,
    });
    input.retention = Some(Retention {
        women_hired: 10,
        women_remaining: 0,
        men_hired: 10,
        men_remaining: 10,
    });
    for fy in 2024..=2026 {
        let y = input.year_mut(fy);
        y.recruitment = Some(Recruitment {
            women_applicants: 100,
            women_hires: 1,
            men_applicants: 10,
            men_hires: 1,
        });
        y.promotions = Some(Promotions {
            women_candidates: 10,
            women_promoted: 0,
            men_candidates: 10,
            men_promoted: 5,
        });
    }
    input.regular_women = Some(Share {
        women: 0,
        total: 10,
    });
    input.industry_regular_women_percent = Some(OneDecimal { tenths: 100 });
    input.category_months = Some(vec![CategoryMonths {
        category: "総合職".to_string(),
        months: months(450, 3),
    }]);
    let r = eruboshi_result(&input);
    assert_eq!(
        criterion(&r, "eruboshi_criteria_met").value,
        Some(Value::Count(0))
    );
    assert_eq!(r.eligible, Some(false));
    assert_eq!(r.stage, None);
}

// --- ユースエール ---------------------------------------------------------------

fn youth(input: &CertificationInput) -> MarkResult {
    result(&assess(input, APPLY_BOTH_FIRST), Mark::YouthYell, None).clone()
}

#[test]
fn youth_yell_size_and_turnover() {
    let mut input = good();
    // 300 employees: fine; 301: not.
    input.employees = Some(300);
    assert_eq!(youth(&input).eligible, Some(true));
    input.employees = Some(301);
    assert_eq!(youth(&input).eligible, Some(false));
    input.employees = Some(150);
    // 3 of 15 = 20 % (good); 4 of 15 = 26.7 % → not met, shown rounded up 27.
    input.year_mut(2025).new_graduates = Some(NewGraduates {
        hires: 5,
        leavers: 2,
    });
    let r = youth(&input);
    let c = criterion(&r, "new_graduate_turnover");
    assert_eq!(c.met, Some(false));
    assert_eq!(
        c.value,
        Some(Value::Rate {
            numerator: 4,
            denominator: 15,
            percent: 27
        })
    );
    // No new graduates in 3 years: undecidable.
    for fy in 2024..=2026 {
        input.year_mut(fy).new_graduates = Some(NewGraduates {
            hires: 0,
            leavers: 0,
        });
    }
    let r = youth(&input);
    assert_eq!(criterion(&r, "new_graduate_turnover").met, None);
}

#[test]
fn youth_yell_overtime_20_hours() {
    let mut input = good();
    // Exactly 20.0 h (144,000 min over 120 worker-months): met (good
    // company).
    assert_eq!(
        criterion(&youth(&input), "regular_monthly_overtime").met,
        Some(true)
    );
    // One minute more: 144,001 ÷ 60 ÷ 120 = 20.0001 h → over; shown 20.1.
    input.regular_overtime = Some(YearMinutes {
        total_minutes: 144_001,
        worker_months: 120,
    });
    let r = youth(&input);
    let c = criterion(&r, "regular_monthly_overtime");
    assert_eq!(c.met, Some(false));
    assert_eq!(c.value, Some(Value::Decimal(OneDecimal { tenths: 201 })));
}

#[test]
fn youth_yell_paid_leave_rate_or_days() {
    let mut input = good();
    // 139 half days = 69.5 days of 100 granted (69.5 %), 10 workers (6.95 d):
    // neither. Rate: 70 days = 140 half days → 1 half day more. Days: 10 ×
    // 10 days = 200 half days → 61 more.
    input.paid_leave = Some(PaidLeaveFigures {
        taken: HalfDays(139),
        granted_days: 100,
        workers: 10,
    });
    let r = youth(&input);
    let c = criterion(&r, "paid_leave");
    assert_eq!(c.met, Some(false));
    assert_eq!(
        c.gap,
        Some(Gap::OneOf {
            options: vec![
                Gap::MorePaidLeave {
                    route: "rate",
                    needed: HalfDays(1),
                },
                Gap::MorePaidLeave {
                    route: "average_days",
                    needed: HalfDays(61),
                },
            ]
        })
    );
    // The rate shown rounds down: 69.5 %.
    let Some(Value::Parts(parts)) = &c.value else {
        panic!()
    };
    assert_eq!(
        parts[0].value,
        Some(Value::Decimal(OneDecimal { tenths: 695 }))
    );
    // 5 workers with 100 half days = 10.0 days each: met by the days route.
    input.paid_leave = Some(PaidLeaveFigures {
        taken: HalfDays(100),
        granted_days: 200,
        workers: 5,
    });
    assert_eq!(criterion(&youth(&input), "paid_leave").met, Some(true));
}

#[test]
fn youth_yell_childcare_man_or_women() {
    let mut input = good();
    // No man on 育休等 in 3 years, women 3 of 4 each year (9 of 12 = 75 %):
    // met through the women.
    for fy in 2024..=2026 {
        input.year_mut(fy).male_childcare = Some(MaleCounts {
            births: 2,
            method1_takers: 0,
            method2_takers: 1,
        });
    }
    assert_eq!(criterion(&youth(&input), "youth_childcare").met, Some(true));
    // Women 8 of 12 = 66 %: not met.
    input.year_mut(2024).female_childcare = Some(BirthCounts {
        births: 4,
        takers: 2,
    });
    assert_eq!(
        criterion(&youth(&input), "youth_childcare").met,
        Some(false)
    );
    // One man in FY 2024 decides it even with FY 2025 unknown.
    input.year_mut(2024).male_childcare = Some(MaleCounts {
        births: 2,
        method1_takers: 1,
        method2_takers: 1,
    });
    input.year_mut(2025).male_childcare = None;
    assert_eq!(criterion(&youth(&input), "youth_childcare").met, Some(true));
}

// --- output -------------------------------------------------------------------

#[test]
fn json_shape() {
    let rs = assess(&with_men(100, 29, 29), APPLY_BOTH_FIRST);
    let v = serde_json::to_value(&rs).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["mark"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "try_kurumin",
            "kurumin",
            "platinum_kurumin",
            "try_kurumin",
            "kurumin",
            "platinum_kurumin",
            "eruboshi",
            "platinum_eruboshi",
            "youth_yell"
        ]
    );
    let k25 = &v[4];
    assert_eq!(k25["criteria_version"], "2025");
    assert_eq!(k25["eligible"], false);
    assert_eq!(k25["stage"], serde_json::Value::Null);
    let male = k25["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "male_childcare_leave")
        .unwrap();
    assert_eq!(male["met"], false);
    assert_eq!(male["value"][0]["what"], "method1");
    assert_eq!(male["value"][0]["value"]["percent"], 29);
    assert_eq!(male["gap"]["kind"], "one_of");
    assert_eq!(male["gap"]["options"][0]["kind"], "more_men_takers");
    assert_eq!(male["gap"]["options"][0]["method"], "method1");
    assert_eq!(male["gap"]["options"][0]["needed"], 1);
    assert_eq!(v[6]["criteria_version"], serde_json::Value::Null);
    assert_eq!(v[6]["stage"], 3);
    for (m, id) in Mark::ALL.iter().zip([
        "try_kurumin",
        "kurumin",
        "platinum_kurumin",
        "eruboshi",
        "platinum_eruboshi",
        "youth_yell",
    ]) {
        assert_eq!(m.id(), id);
        assert_eq!(serde_json::to_value(m).unwrap(), id);
    }
}
