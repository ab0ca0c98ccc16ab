//! The catalog against the functions that compute its figures.

use super::*;
use crate::{average_monthly_overtime_hours, workforce};

#[test]
fn ids_are_unique_and_every_id_constant_is_listed() {
    let mut seen = std::collections::HashSet::new();
    for f in FIGURES {
        assert!(seen.insert(f.id), "duplicate id {}", f.id);
        assert!(
            f.id.chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit()),
            "id {} is a URL fragment",
            f.id
        );
        if let Some((other, _)) = f.differs_from {
            assert!(
                get(other).is_some(),
                "{} differs from unknown {other}",
                f.id
            );
        }
    }
    for id in [
        MONTHLY_OVERTIME_AVERAGE,
        AVERAGE_MONTHLY_OVERTIME,
        FULL_TIME_MONTHLY_OVERTIME,
        AGE_BAND_MONTHLY_OVERTIME,
        WORKER_MONTHLY_LEGAL_OVERTIME,
        AGREEMENT_LIMITS,
        REGULAR_MONTHLY_NON_SCHEDULED,
        PAID_LEAVE_UTILIZATION,
        YOUTH_YELL_PAID_LEAVE,
        PAID_LEAVE_FIVE_DAY_DUTY,
        MALE_CHILDCARE_METHOD1,
        MALE_CHILDCARE_METHOD2,
        FEMALE_CHILDCARE,
        WOMEN_SHARE_HIRES,
        WOMEN_SHARE_WORKERS,
        WOMEN_SHARE_CHIEFS,
        WOMEN_SHARE_MANAGERS,
        WOMEN_SHARE_EXECUTIVES,
        AVERAGE_SERVICE_YEARS,
        WAGE_GAP,
        COMPETITION_RATIO,
        CHILDCARE_LEAVE_RATE_BY_GENDER,
        CONVERSIONS,
        REHIRES_MID_CAREER,
        KURUMIN_MONTHLY_OVERTIME,
        CERTIFICATION_MALE_CHILDCARE,
        CERTIFICATION_FEMALE_CHILDCARE,
        MALE_CHILDCARE_AVERAGE_DAYS,
        MALE_CHILDCARE_STATEMENT,
        EMPLOYEES_BY_GENDER,
        CERTIFICATION_FIXED_TERM_FEMALE_CHILDCARE,
        ERUBOSHI_APPLICANTS_AND_HIRES,
        ERUBOSHI_REGULAR_WOMEN_SHARE,
        ERUBOSHI_SERVICE_YEARS,
        ERUBOSHI_RETENTION,
        ERUBOSHI_CATEGORY_MONTHLY_OVERTIME,
        ERUBOSHI_WOMEN_MANAGERS_SHARE,
        ERUBOSHI_PROMOTION_RATE,
        ERUBOSHI_CAREER_COURSE_KINDS,
        REGULAR_EMPLOYEES,
        NEW_GRADUATE_TURNOVER,
        YOUTH_YELL_MALE_CHILDCARE_TAKERS,
        YOUTH_YELL_FEMALE_CHILDCARE,
        LEAVER_RATE,
        APPLICANTS_PER_OPENING,
        OPENING_FILL_RATE,
        TOTAL_HOURS_WORKED,
        VALUE_ADDED_PER_HOUR,
        OPERATING_PROFIT_PER_HOUR,
        PORTAL_INQUIRIES,
        DAILY_PLAN_GAP,
        DAILY_CATEGORY_MINUTES,
        DAILY_UNPLANNED_SHARE,
        DAILY_PLANNED_END,
        DAILY_ACTUAL_END,
        DAILY_OVERLOADED_DAYS,
        ORG_SURVEY_WORK_LIFE,
        ORG_SURVEY_WORKLOAD,
        ORG_SURVEY_LEAVE,
        ORG_SURVEY_COMMUNICATION,
        ORG_SURVEY_GROWTH,
        ORG_SURVEY_RETENTION,
    ] {
        assert!(get(id).is_some(), "{id} missing");
    }
}

#[test]
fn every_women_db_item_with_data_has_an_entry_of_its_name() {
    for d in crate::women_db::ITEMS {
        let Some(id) = d.figure else {
            // Only the items erabareru has no value for go without.
            let v = crate::women_db::item_value(d.id, &crate::women_db::Input::default());
            assert_eq!(v.source, crate::women_db::Source::None, "{:?}", d.id);
            continue;
        };
        let f = get(id).unwrap_or_else(|| panic!("{:?}: {id} not in the catalog", d.id));
        // The catalog names the item as the database does (4.(1) gives
        // both genders' years, which the catalog names by what they are).
        if d.id != crate::women_db::ItemId::ServiceYears {
            let base = f.name.ja.split('（').next().unwrap_or_default();
            assert!(
                d.name_ja == f.name.ja || d.name_ja.ends_with(base),
                "{:?}: {} vs {}",
                d.id,
                d.name_ja,
                f.name.ja
            );
        }
        let unit = crate::women_db::columns_of(d.id).next().map(|c| c.unit);
        let expected = match unit {
            Some(crate::women_db::Unit::Percent) => Unit::Percent,
            Some(crate::women_db::Unit::Hours) => Unit::Hours,
            Some(crate::women_db::Unit::Years) => Unit::Years,
            Some(crate::women_db::Unit::Times) => Unit::Ratio,
            Some(crate::women_db::Unit::People) | None => Unit::People,
        };
        assert_eq!(f.unit, expected, "{:?}", d.id);
    }
}

#[test]
fn every_criterion_figure_is_in_the_catalog() {
    // Every criterion that is not a yes/no question shows a figure with an
    // entry, on an input with nothing known and on one with every part.
    let mut full = crate::CertificationInput::new(2026);
    full.employees = Some(10);
    let month = |i| crate::MonthHours {
        month: crate::YearMonth::new(2026, 4).unwrap().plus(i),
        total_minutes: 60,
        workers: 1,
    };
    full.full_time_months = Some((0..12).map(month).collect());
    full.age_band_months = full.full_time_months.clone();
    let mut linked = std::collections::HashSet::new();
    for input in [crate::CertificationInput::new(2026), full] {
        for date in [jiff::civil::date(2025, 4, 1), jiff::civil::date(2027, 4, 1)] {
            for m in crate::assess(&input, date) {
                for c in &m.criteria {
                    let figures = figures_of(c);
                    let is_fact = crate::Facts::IDS.contains(&c.id);
                    assert_eq!(
                        figures.is_empty(),
                        is_fact || c.id == "eruboshi_criteria_met",
                        "{}: {figures:?}",
                        c.id
                    );
                    assert_eq!(of_criterion(c.id), figures.first().copied(), "{}", c.id);
                    for id in figures {
                        assert!(get(id).is_some(), "{}: {id}", c.id);
                        linked.insert(id);
                    }
                }
            }
        }
    }
    // Each listed figure is reached, the age band's only through the 2025 part.
    for (_, figures) in CRITERION_FIGURES {
        for (_, id) in *figures {
            assert!(linked.contains(id), "{id} is never shown");
        }
    }
    let c2022 = crate::assess(
        &crate::CertificationInput::new(2026),
        jiff::civil::date(2025, 4, 1),
    )
    .into_iter()
    .flat_map(|m| m.criteria)
    .find(|c| c.id == "full_time_monthly_hours")
    .unwrap();
    assert_eq!(figures_of(&c2022), [KURUMIN_MONTHLY_OVERTIME]);
}

#[test]
fn no_definition_states_its_own_rounding() {
    // The rounding sentence comes from `Rounding::describe`; a definition
    // that also names a rounding could contradict it.
    for f in FIGURES {
        for text in [f.definition.ja, f.name.ja] {
            assert!(
                !text.contains("四捨五入") && !text.contains("切り捨て"),
                "{}: rounding belongs to Rounding, not the text",
                f.id
            );
        }
        for text in [f.definition.en, f.name.en] {
            let lower = text.to_lowercase();
            assert!(
                !lower.contains("rounded") && !lower.contains("truncat"),
                "{}: rounding belongs to Rounding, not the text",
                f.id
            );
        }
    }
}

/// Raw parts where the candidate roundings give different results:
/// 1/8 = 0.125 (half up to one decimal 0.1; whole 0), 1/16 of 100 =
/// 6.25 % (one decimal 6.3, truncated 6), 2/3 = 66.67 % (66.7 vs 66).
const SPLITS: [(u64, u64); 4] = [(1, 8), (1, 16), (2, 3), (7, 40)];

#[test]
fn the_stated_rounding_is_what_the_functions_apply() {
    // 女活DB average overtime: hours from minutes, ÷ 12 ÷ workers.
    let f = figure(AVERAGE_MONTHLY_OVERTIME);
    for (minutes, workers) in [
        (90u64, 1u64),
        (61 * 12, 1),
        (5 * 60 * 12 + 3 * 12, 1),
        (1000, 7),
    ] {
        let computed = average_monthly_overtime_hours(minutes, workers).map(|d| d.tenths);
        assert_eq!(
            computed,
            f.rounding.apply(minutes, workers * 12 * 60),
            "{minutes}/{workers}"
        );
    }
    // Childcare-leave rates: the section's rates are truncated percents.
    for id in [
        MALE_CHILDCARE_METHOD1,
        MALE_CHILDCARE_METHOD2,
        FEMALE_CHILDCARE,
        MALE_CHILDCARE_STATEMENT,
        CHILDCARE_LEAVE_RATE_BY_GENDER,
    ] {
        let r = figure(id).rounding;
        for (n, d) in SPLITS {
            assert_eq!(
                crate::percent_truncated(n, d).map(|p| p * 10),
                r.apply(n, d),
                "{id} {n}/{d}"
            );
        }
        assert_eq!(r.apply(2, 3), Some(660), "66.67% shows as 66%");
    }
    // Paid leave utilization: one decimal, half up.
    let r = figure(PAID_LEAVE_UTILIZATION).rounding;
    assert_eq!(r.apply(1, 16), Some(63), "6.25% shows as 6.3%");
    assert_eq!(r.apply(2, 3), Some(667));
    // Service years: completed months ÷ 12 ÷ people, one decimal, half up.
    // Hired 2020-10-15, counted to the end of 2027-03-31: 77 months
    // (6.4166… years → 6.4); two such men and one of 2026-10-15 (5
    // months): 159 months ÷ 36 = 4.416… → 4.4.
    let men = [
        crate::Employee::new("A", crate::Gender::Male, jiff::civil::date(2020, 10, 15)),
        crate::Employee::new("B", crate::Gender::Male, jiff::civil::date(2020, 10, 15)),
        crate::Employee::new("C", crate::Gender::Male, jiff::civil::date(2026, 10, 15)),
    ];
    let w = workforce(
        &men,
        jiff::civil::date(2026, 4, 1),
        jiff::civil::date(2027, 3, 31),
    );
    assert_eq!(w.male_service.total_months, 159);
    assert_eq!(
        w.male_service.average_years.map(|d| d.tenths),
        figure(AVERAGE_SERVICE_YEARS).rounding.apply(159, 36)
    );
    assert_eq!(
        figure(AVERAGE_SERVICE_YEARS).rounding.apply(159, 36),
        Some(44)
    );
}

/// The certification criterion `id`'s value (or its part `part`) for
/// `input`, from every mark that has it.
fn criterion_value(
    input: &crate::CertificationInput,
    id: &str,
    part: Option<&str>,
) -> Option<crate::Value> {
    // Several marks (and criteria versions) share a criterion id; the
    // first whose value has the part asked for.
    crate::assess(input, jiff::civil::date(2027, 3, 31))
        .into_iter()
        .flat_map(|m| m.criteria)
        .filter(|c| c.id == id)
        .filter_map(|c| match (part, c.value?) {
            (None, v) => Some(v),
            (Some(p), crate::Value::Parts(parts)) => parts
                .into_iter()
                .find(|x| x.what == p)
                .and_then(|x| x.value),
            _ => None,
        })
        .next()
}

fn tenths_of(v: Option<crate::Value>) -> Option<u64> {
    match v? {
        crate::Value::Decimal(d) => Some(d.tenths),
        crate::Value::Rate { percent, .. } => Some(percent * 10),
        crate::Value::Count(n) => Some(n * 10),
        _ => None,
    }
}

#[test]
fn the_certification_pages_round_as_their_entries_say() {
    // 1,000 minutes over 7 full-time workers = 2.380… h: down 2.3, half up 2.4.
    let mut input = crate::CertificationInput::new(2026);
    input.full_time_months = Some(
        (0..12)
            .map(|i| crate::MonthHours {
                month: crate::YearMonth::new(2026, 4).unwrap().plus(i),
                total_minutes: if i == 5 { 1000 } else { 60 },
                workers: 7,
            })
            .collect(),
    );
    input.age_band_months = input.full_time_months.clone();
    for (part, id) in [
        ("full_time", KURUMIN_MONTHLY_OVERTIME),
        ("age_band", AGE_BAND_MONTHLY_OVERTIME),
    ] {
        assert_eq!(
            tenths_of(criterion_value(
                &input,
                "full_time_monthly_hours",
                Some(part)
            )),
            figure(id).rounding.apply(1000, 7 * 60),
            "{id}: the highest month"
        );
    }
    assert_eq!(
        figure(KURUMIN_MONTHLY_OVERTIME).rounding.apply(1000, 420),
        Some(23)
    );
    // 正社員 所定外: 1,000 minutes over 7 worker-months = 2.380… h, up 2.4;
    // 1,020 / 60 / 17 = 1.0 exactly stays 1.0.
    for (minutes, months) in [(1000u64, 7u64), (1020, 17)] {
        input.regular_overtime = Some(crate::YearMinutes {
            total_minutes: minutes,
            worker_months: months,
        });
        assert_eq!(
            tenths_of(criterion_value(&input, "regular_monthly_overtime", None)),
            figure(REGULAR_MONTHLY_NON_SCHEDULED)
                .rounding
                .apply(minutes, months * 60),
            "{minutes}/{months}"
        );
    }
    assert_eq!(Rounding::UpOneDecimal.apply(1000, 420), Some(24));
    // くるみん's leave rates over the plan period: truncated percents.
    for (n, d) in SPLITS {
        let mut input = crate::CertificationInput::new(2026);
        let mut y = crate::YearInput::new(2026);
        y.male_childcare = Some(crate::MaleCounts {
            births: d,
            method1_takers: n,
            method2_takers: n,
        });
        y.female_childcare = Some(crate::BirthCounts {
            births: d,
            takers: n,
        });
        input.years.push(y);
        assert_eq!(
            tenths_of(criterion_value(
                &input,
                "male_childcare_leave",
                Some("method1")
            )),
            figure(CERTIFICATION_MALE_CHILDCARE).rounding.apply(n, d),
            "{n}/{d}"
        );
        assert_eq!(
            tenths_of(criterion_value(&input, "female_childcare_leave", None)),
            figure(CERTIFICATION_FEMALE_CHILDCARE).rounding.apply(n, d),
            "{n}/{d}"
        );
    }
}

#[test]
fn the_women_db_items_round_as_their_entries_say() {
    use crate::women_db::{self, Amount, ChildcareCounts, Competition, ItemId, WomenCount};
    let value = |input: &women_db::Input, id: ItemId| -> Option<u64> {
        match women_db::item_value(id, input).figures[0].value? {
            Amount::Decimal(d) => Some(d.tenths),
            Amount::Whole(n) => Some(n * 10),
        }
    };
    let entry = |id: ItemId| figure(id.def().figure.expect("has an entry")).rounding;
    for (n, d) in SPLITS {
        let mut input = women_db::Input {
            hires: Some(WomenCount { women: n, total: d }),
            ..Default::default()
        };
        input.childcare = Some(ChildcareCounts {
            women_births: d,
            women_takers: n,
            men_births: d,
            men_takers: n,
        });
        let mut c = Competition::default();
        c.applicants.women = n;
        c.hires.women = d;
        input.competition = Some(c);
        for id in [
            ItemId::WomenHiresShare,
            ItemId::ChildcareLeaveRate,
            ItemId::CompetitionRatio,
        ] {
            assert_eq!(value(&input, id), entry(id).apply(n, d), "{id:?} {n}/{d}");
        }
    }
}

#[test]
fn rounding_sentences_match_their_kind() {
    assert!(
        Rounding::PercentTruncated
            .describe_ja()
            .contains("切り捨て")
    );
    assert!(
        Rounding::HalfUpOneDecimal
            .describe_ja()
            .contains("小数第2位を四捨五入")
    );
    assert_eq!(Rounding::HalfUpOneDecimal.apply(1, 8), Some(1));
    assert_eq!(
        Rounding::HalfUpOneDecimal.apply(3, 20),
        Some(2),
        "0.15 → 0.2"
    );
    assert_eq!(Rounding::PercentTruncated.apply(1, 16), Some(60));
    assert_eq!(Rounding::Count.apply(3, 1), Some(30));
    assert_eq!(
        Rounding::DownOneDecimal.apply(6996, 10000),
        Some(6),
        "0.6996 → 0.6"
    );
    assert_eq!(Rounding::PercentTruncated.apply(1, 0), None);
    assert!(
        Rounding::PercentRoundedUp
            .describe_ja()
            .contains("小数点以下を切り上げ")
    );
    assert!(Rounding::PercentRoundedUp.describe_en().contains("up"));
    assert_eq!(
        Rounding::PercentRoundedUp.apply(1, 3),
        Some(340),
        "33.3% → 34%"
    );
    assert_eq!(
        Rounding::PercentRoundedUp.apply(2, 10),
        Some(200),
        "20% stays 20%"
    );
    assert_eq!(Rounding::PercentRoundedUp.apply(1, 0), None);
}

/// Three fiscal years 2024–2026 (the base year 2026 and the two before),
/// each built by `f`.
fn three_years(
    input: &mut crate::CertificationInput,
    mut f: impl FnMut(i16, &mut crate::YearInput),
) {
    for fy in 2024..=2026 {
        f(fy, input.year_mut(fy));
    }
}

#[test]
fn the_new_graduate_turnover_is_rounded_up_as_its_entry_says() {
    // 1 leaver of 3 new graduates over the three years = 33.3…%: rounded up
    // 34 (truncated 33, half up 33.3); 1 of 16 = 6.25% → 7; 2 of 10 = 20%
    // exactly stays 20 (and meets ≤ 20%).
    let entry = figure(NEW_GRADUATE_TURNOVER).rounding;
    assert_eq!(entry, Rounding::PercentRoundedUp);
    for (leavers, hires, expected) in [(1u64, 3u64, 340u64), (1, 16, 70), (2, 10, 200)] {
        let mut input = crate::CertificationInput::new(2026);
        three_years(&mut input, |fy, y| {
            // All the hires and leavers in 2025; the other years none.
            let (h, l) = if fy == 2025 { (hires, leavers) } else { (0, 0) };
            y.new_graduates = Some(crate::NewGraduates {
                hires: h,
                leavers: l,
            });
        });
        let v = tenths_of(criterion_value(&input, "new_graduate_turnover", None));
        assert_eq!(v, entry.apply(leavers, hires), "{leavers}/{hires}");
        assert_eq!(v, Some(expected), "{leavers}/{hires}");
    }
    assert_ne!(
        Rounding::PercentTruncated.apply(1, 3),
        Rounding::PercentRoundedUp.apply(1, 3)
    );
}

#[test]
fn the_eruboshi_figures_round_as_their_entries_say() {
    for (n, d) in SPLITS {
        let mut input = crate::CertificationInput::new(2026);
        // 採用: the share of women among 正社員, truncated.
        input.regular_women = Some(crate::Share { women: n, total: d });
        // 管理職: the share of women among managers, truncated.
        input.managers = Some(crate::Share { women: n, total: d });
        // 継続就業: the 10-year retention, truncated.
        input.retention = Some(crate::Retention {
            women_hired: d,
            women_remaining: n,
            men_hired: d,
            men_remaining: n,
        });
        // 管理職: promotions over the three years; all in the base year.
        three_years(&mut input, |fy, y| {
            let (c, p) = if fy == 2026 { (d, n) } else { (0, 0) };
            y.promotions = Some(crate::Promotions {
                women_candidates: c,
                women_promoted: p,
                men_candidates: c,
                men_promoted: p,
            });
        });
        for (criterion, part, id) in [
            (
                "eruboshi_hiring",
                "regular_women_share",
                ERUBOSHI_REGULAR_WOMEN_SHARE,
            ),
            (
                "eruboshi_managers",
                "women_managers_share",
                ERUBOSHI_WOMEN_MANAGERS_SHARE,
            ),
            (
                "eruboshi_managers",
                "women_promotion_rate",
                ERUBOSHI_PROMOTION_RATE,
            ),
            (
                "eruboshi_managers",
                "men_promotion_rate",
                ERUBOSHI_PROMOTION_RATE,
            ),
            (
                "eruboshi_continued_employment",
                "women_retention",
                ERUBOSHI_RETENTION,
            ),
            (
                "eruboshi_continued_employment",
                "men_retention",
                ERUBOSHI_RETENTION,
            ),
        ] {
            assert_eq!(
                tenths_of(criterion_value(&input, criterion, Some(part))),
                figure(id).rounding.apply(n, d),
                "{criterion}/{part} {n}/{d}"
            );
        }
    }
    // 2 of 3 = 66.67%: shown as 66, not 67 or 66.7.
    let mut input = crate::CertificationInput::new(2026);
    input.managers = Some(crate::Share { women: 2, total: 3 });
    assert_eq!(
        tenths_of(criterion_value(
            &input,
            "eruboshi_managers",
            Some("women_managers_share")
        )),
        Some(660)
    );

    // 継続就業: one woman with 80 months = 6.67 years: down 6.6 (half up
    // would be 6.7); two men with 159 months = 6.625: down 6.6.
    input.service = Some(crate::ServiceByGender {
        women: 1,
        women_total_months: 80,
        men: 2,
        men_total_months: 159,
    });
    let entry = figure(ERUBOSHI_SERVICE_YEARS).rounding;
    for (part, months, people) in [
        ("women_average_service_years", 80u64, 1u64),
        ("men_average_service_years", 159, 2),
    ] {
        assert_eq!(
            tenths_of(criterion_value(
                &input,
                "eruboshi_continued_employment",
                Some(part)
            )),
            entry.apply(months, people * 12),
            "{part}"
        );
    }
    assert_eq!(entry.apply(80, 12), Some(66));
    assert_eq!(
        figure(AVERAGE_SERVICE_YEARS).rounding.apply(80, 12),
        Some(67),
        "the women's-database figure of the same months differs"
    );

    // 労働時間: 1,000 minutes over 7 workers in one category's September =
    // 2.380… h: down 2.3 (half up 2.4).
    input.category_months = Some(vec![crate::CategoryMonths {
        category: "総合職".into(),
        months: (0..12)
            .map(|i| crate::MonthHours {
                month: crate::YearMonth::new(2026, 4).unwrap().plus(i),
                total_minutes: if i == 5 { 1000 } else { 60 },
                workers: 7,
            })
            .collect(),
    }]);
    let v = tenths_of(criterion_value(&input, "eruboshi_working_hours", None));
    assert_eq!(
        v,
        figure(ERUBOSHI_CATEGORY_MONTHLY_OVERTIME)
            .rounding
            .apply(1000, 7 * 60)
    );
    assert_eq!(v, Some(23));

    // 採用: applicants and hires are shown as the counts, summed over the
    // three years: women 3 + 4 + 5 = 12 applicants, 1 + 1 + 1 = 3 hires.
    three_years(&mut input, |fy, y| {
        let k = u64::try_from(fy - 2024).unwrap();
        y.recruitment = Some(crate::Recruitment {
            women_applicants: 3 + k,
            women_hires: 1,
            men_applicants: 10,
            men_hires: 2,
        });
    });
    assert_eq!(
        criterion_value(&input, "eruboshi_hiring", Some("women_applicants_per_hire")),
        Some(crate::Value::Fraction {
            numerator: 12,
            denominator: 3
        })
    );
    assert_eq!(
        figure(ERUBOSHI_APPLICANTS_AND_HIRES).rounding,
        Rounding::Count
    );

    // 多様なキャリアコース: a count of kinds, not rounded.
    input.career_course_kinds = Some(3);
    assert_eq!(
        tenths_of(criterion_value(&input, "eruboshi_career_courses", None)),
        figure(ERUBOSHI_CAREER_COURSE_KINDS).rounding.apply(3, 1)
    );
}

#[test]
fn the_youth_yell_and_fixed_term_figures_round_as_their_entries_say() {
    for (n, d) in SPLITS {
        let mut input = crate::CertificationInput::new(2026);
        // ユースエール: the women's rate over the three years, truncated
        // (all the births in 2024); the men, counted.
        three_years(&mut input, |fy, y| {
            let (births, takers) = if fy == 2024 { (d, n) } else { (0, 0) };
            y.female_childcare = Some(crate::BirthCounts { births, takers });
            y.fixed_term_female_childcare = if fy == 2026 {
                Some(crate::BirthCounts {
                    births: d,
                    takers: n,
                })
            } else {
                None
            };
            y.male_childcare = Some(crate::MaleCounts {
                births: 1,
                method1_takers: u64::from(fy == 2025) * 2,
                method2_takers: 2,
            });
        });
        assert_eq!(
            tenths_of(criterion_value(
                &input,
                "youth_childcare",
                Some("women_rate")
            )),
            figure(YOUTH_YELL_FEMALE_CHILDCARE).rounding.apply(n, d),
            "{n}/{d}"
        );
        assert_eq!(
            tenths_of(criterion_value(
                &input,
                "youth_childcare",
                Some("men_on_childcare_leave")
            )),
            figure(YOUTH_YELL_MALE_CHILDCARE_TAKERS)
                .rounding
                .apply(2, 1),
            "0 + 2 + 0 men"
        );
        // くるみん 2025: the fixed-term women's rate over the plan period (the
        // base year without a plan), truncated.
        assert_eq!(
            tenths_of(criterion_value(
                &input,
                "fixed_term_female_childcare_leave",
                None
            )),
            figure(CERTIFICATION_FIXED_TERM_FEMALE_CHILDCARE)
                .rounding
                .apply(n, d),
            "{n}/{d}"
        );
    }
    // 2 of 3 = 66.67%: 66.
    assert_eq!(
        figure(YOUTH_YELL_FEMALE_CHILDCARE).rounding.apply(2, 3),
        Some(660)
    );
    // 常時雇用する労働者: a count.
    let mut input = crate::CertificationInput::new(2026);
    input.employees = Some(301);
    assert_eq!(
        tenths_of(criterion_value(&input, "employees_at_most_300", None)),
        figure(REGULAR_EMPLOYEES).rounding.apply(301, 1)
    );
}

#[test]
fn per_hour_figures_round_as_their_entries_say() {
    let r = Rounding::WholeHalfUp;
    assert_eq!(r.apply(5, 2), Some(30), "2.5 → 3");
    assert_eq!(r.apply(7, 3), Some(20), "2.33 → 2");
    assert_eq!(r.apply(1, 0), None);
    for id in [VALUE_ADDED_PER_HOUR, OPERATING_PROFIT_PER_HOUR] {
        assert_eq!(figure(id).rounding, r);
        // 10,000 yen over 90 minutes: 6,666.67 yen/h → 6,667.
        assert_eq!(
            crate::yen_per_hour(10_000, 90).map(|y| y as u64 * 10),
            r.apply(10_000 * 60, 90)
        );
    }
    // The leaver rate and total hours: one decimal, half up, as computed.
    assert_eq!(
        figure(LEAVER_RATE).rounding.apply(1, 7),
        Some(143),
        "1 of 7 = 14.3 %"
    );
    assert_eq!(
        figure(TOTAL_HOURS_WORKED).rounding.apply(1830, 60),
        Some(305)
    );
}
