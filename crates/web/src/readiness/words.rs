//! The certification verdicts in words a manager understands: criterion
//! names, values, and each [`kpi::Gap`] as a sentence ("この期間にあと2人の
//! 男性が育児休業等を取得すれば30%に達します").

use kpi::{Criterion, Gap, Mark, MarkResult, RateMethod, Value};

use crate::i18n::Tr;

/// The mark's name.
pub fn mark_name(t: &Tr, mark: Mark) -> String {
    t.t(&format!("readiness.mark.{}", mark.id())).to_string()
}

/// The mark with its criteria version ("くるみん（2025年4月の基準）").
pub fn mark_title(t: &Tr, r: &MarkResult) -> String {
    let name = mark_name(t, r.mark);
    match r.criteria_version {
        Some(v) => {
            let year = match v {
                kpi::CriteriaVersion::Y2022 => 2022,
                kpi::CriteriaVersion::Y2025 => 2025,
            };
            format!("{name}{}", t.f1("readiness.version", "year", year))
        }
        None => name,
    }
}

/// A criterion's or an input's name (criterion ids, fact ids and the
/// `what` of parts and gaps share one dictionary).
pub fn what(t: &Tr, id: &str) -> String {
    t.t(&format!("readiness.what.{id}")).to_string()
}

/// Whether `id` is one of the yes/no facts the form asks.
pub fn is_fact(id: &str) -> bool {
    kpi::Facts::IDS.contains(&id)
}

/// The unit of a one-decimal value, by the criterion or part it belongs to.
fn unit(t: &Tr, id: &str) -> String {
    let key = match id {
        "full_time_monthly_hours"
        | "full_time"
        | "age_band"
        | "eruboshi_working_hours"
        | "regular_monthly_overtime" => "readiness.unit.hours",
        "rate_percent" | "industry_average" => "readiness.unit.percent",
        "average_days" => "readiness.unit.days",
        "women_average_service_years" | "men_average_service_years" => "readiness.unit.years",
        _ => return String::new(),
    };
    t.t(key).to_string()
}

/// The value of criterion (or part) `id` for display, with its unit.
pub fn value(t: &Tr, id: &str, v: &Value) -> String {
    match v {
        Value::Count(n) => n.to_string(),
        Value::Decimal(d) => format!("{d}{}", unit(t, id)),
        Value::Rate {
            numerator,
            denominator,
            percent,
        } => format!("{percent}%（{numerator}/{denominator}）"),
        Value::Fraction {
            numerator,
            denominator,
        } => format!("{numerator}/{denominator}"),
        Value::Answer(true) => t.t("readiness.answer.yes").to_string(),
        Value::Answer(false) => t.t("readiness.answer.no").to_string(),
        Value::Parts(parts) => parts
            .iter()
            .map(|p| {
                let v = p
                    .value
                    .as_ref()
                    .map(|v| value(t, p.what, v))
                    .unwrap_or_else(|| "—".into());
                format!("{}: {v}", what(t, p.what))
            })
            .collect::<Vec<_>>()
            .join(" / "),
    }
}

/// The criterion's threshold in the reader's language.
pub fn threshold(t: &Tr, c: &Criterion) -> String {
    if t.is_ja() {
        c.threshold.clone()
    } else {
        c.threshold_en.clone()
    }
}

/// "9月と1月" / "September and January" from `YYYY-MM` months.
fn months(t: &Tr, months: &[String]) -> String {
    let names: Vec<String> = months
        .iter()
        .map(|m| {
            let n: u8 = m.get(5..7).and_then(|s| s.parse().ok()).unwrap_or(0);
            t.t(&format!("readiness.month.{n}")).to_string()
        })
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!(
            "{}{}{last}",
            rest.join(t.t("readiness.list_sep")),
            t.t("readiness.list_and")
        ),
    }
}

/// The group a month average is about.
fn group(t: &Tr, group: &str, age_band: (u8, u8)) -> String {
    match group {
        "full_time" => t.t("readiness.group.full_time").to_string(),
        "age_band" => t.f2(
            "readiness.group.age_band",
            "lo",
            age_band.0,
            "hi",
            age_band.1,
        ),
        "" => t.t("readiness.group.no_category").to_string(),
        name => t.f1("readiness.group.category", "name", name),
    }
}

/// Where a missing input comes from, so the reader knows what to do.
fn hint(t: &Tr, id: &str) -> String {
    let key = if is_fact(id) {
        "readiness.hint.fact"
    } else {
        match id {
            "industry_average" => "readiness.hint.industry",
            "recruitment"
            | "new_graduates"
            | "new_graduate_turnover"
            | "new_graduate_hires"
            | "women_applicants_per_hire"
            | "men_applicants_per_hire"
            | "career_course_kinds"
            | "eruboshi_career_courses"
            | "women_promotion_rate"
            | "men_promotion_rate" => "readiness.hint.extras",
            "regular_overtime" | "regular_monthly_overtime" => "readiness.hint.regular_overtime",
            "age_band" | "age_band_months" => "readiness.hint.birth_dates",
            _ => "readiness.hint.records",
        }
    };
    t.t(key).to_string()
}

/// The gap as one sentence (or several, for "one of" / "all of").
pub fn gap(t: &Tr, g: &Gap, age_band: (u8, u8)) -> String {
    match g {
        Gap::MoreMenTakers {
            method,
            needed,
            target_percent,
            births,
            takers,
            beyond_births,
        } => {
            // Method 2 already at the rate but nobody on 育児休業等: what is missing
            // is one man on 育児休業等 (he may be one already counted), not more people.
            let rate_reached =
                u128::from(*takers) * 100 >= u128::from(*target_percent) * u128::from(*births);
            if *method == RateMethod::Method2 && rate_reached {
                return t.f1(
                    "readiness.gap.method2_needs_leave",
                    "target",
                    target_percent,
                );
            }
            let key = match method {
                RateMethod::Method1 => "readiness.gap.more_men",
                RateMethod::Method2 => "readiness.gap.more_men_method2",
            };
            let mut s = t.f(
                key,
                &[
                    ("n", needed),
                    ("target", target_percent),
                    ("takers", takers),
                    ("births", births),
                ],
            );
            if *beyond_births {
                s.push_str(t.t("readiness.gap.beyond_births"));
            }
            s
        }
        Gap::MoreWomenTakers {
            fixed_term,
            needed,
            target_percent,
            births,
            takers,
        } => t.f(
            if *fixed_term {
                "readiness.gap.more_fixed_term_women"
            } else {
                "readiness.gap.more_women"
            },
            &[
                ("n", needed),
                ("target", target_percent),
                ("takers", takers),
                ("births", births),
            ],
        ),
        Gap::MonthsOver {
            group: g,
            months: ms,
            limit_hours,
        } => t.f(
            "readiness.gap.months_over",
            &[
                ("months", &months(t, ms)),
                ("group", &group(t, g, age_band)),
                ("limit", limit_hours),
            ],
        ),
        Gap::NobodyInGroup {
            group: g,
            months: ms,
        } => t.f(
            "readiness.gap.nobody_in_group",
            &[
                ("months", &months(t, ms)),
                ("group", &group(t, g, age_band)),
            ],
        ),
        Gap::WorkersOver {
            employee_ids,
            limit_hours,
        } => t.f(
            "readiness.gap.workers_over",
            &[
                ("n", &employee_ids.len()),
                ("limit", limit_hours),
                ("ids", &employee_ids.join("、")),
            ],
        ),
        Gap::MorePaidLeave { route, needed } => t.f1(
            if *route == "rate" {
                "readiness.gap.paid_leave_rate"
            } else {
                "readiness.gap.paid_leave_days"
            },
            "days",
            needed.as_days_f64(),
        ),
        Gap::NoDenominator { what: w } => t.f1("readiness.gap.no_denominator", "what", what(t, w)),
        Gap::NotMet { what: w } => t.f1("readiness.gap.not_met", "what", what(t, w)),
        Gap::AnsweredNo { what: w } => t.f1("readiness.gap.answered_no", "what", what(t, w)),
        Gap::Unknown { what: w } if is_fact(w) => {
            format!("{}{}", t.t("readiness.gap.unanswered"), hint(t, w))
        }
        Gap::Unknown { what: w } => format!(
            "{}{}",
            t.f1("readiness.gap.unknown", "what", what(t, w)),
            hint(t, w)
        ),
        Gap::OneOf { options } => format!(
            "{} {}",
            t.t("readiness.gap.one_of"),
            options
                .iter()
                .map(|o| gap(t, o, age_band))
                .collect::<Vec<_>>()
                .join(t.t("readiness.gap.or"))
        ),
        Gap::AllOf { gaps } => gaps
            .iter()
            .map(|o| gap(t, o, age_band))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn men(method: RateMethod, needed: u64, target: u64, births: u64, takers: u64) -> Gap {
        Gap::MoreMenTakers {
            method,
            needed,
            target_percent: target,
            births,
            takers,
            beyond_births: takers + needed > births,
        }
    }

    #[test]
    fn gaps_read_as_sentences() {
        let t = Tr::new(Lang::Ja);
        // 1 of 5 = 20 %; 30 % needs (1 + k) × 100 ≥ 150, k = 1.
        assert_eq!(
            gap(&t, &men(RateMethod::Method1, 1, 30, 5, 1), (25, 39)),
            "この期間にあと1人の男性が育児休業等を取得すれば30%に達します（現在 取得1人／配偶者が出産した男性5人）。"
        );
        // Method 2 at 100 % with nobody on 育児休業等: one man on leave is missing.
        assert_eq!(
            gap(&t, &men(RateMethod::Method2, 1, 15, 1, 1), (25, 39)),
            "育児休業等・育児目的休暇の取得率は15%以上ですが、育児休業等を取得した男性が1人以上必要です。"
        );
        let months = Gap::MonthsOver {
            group: "full_time".into(),
            months: vec!["2026-09".into(), "2027-01".into()],
            limit_hours: 45,
        };
        assert_eq!(
            gap(&t, &months, (25, 39)),
            "9月と1月にフルタイム労働者の平均が45時間以上です。"
        );
        assert_eq!(
            gap(
                &t,
                &Gap::Unknown {
                    what: "holds_kurumin"
                },
                (25, 39)
            ),
            "未回答です。下の確認事項で回答してください。"
        );
        let en = Tr::new(Lang::En);
        assert_eq!(
            gap(&en, &months, (25, 39)),
            "In September and January the average of full-time workers was 45 hours or more."
        );
    }

    #[test]
    fn values_carry_their_units() {
        let t = Tr::new(Lang::Ja);
        let d = |tenths| Value::Decimal(kpi::OneDecimal { tenths });
        assert_eq!(value(&t, "regular_monthly_overtime", &d(156)), "15.6時間");
        let parts = Value::Parts(vec![
            kpi::Part {
                what: "rate_percent",
                value: Some(d(247)),
            },
            kpi::Part {
                what: "average_days",
                value: Some(d(42)),
            },
        ]);
        assert_eq!(
            value(&t, "paid_leave", &parts),
            "取得率: 24.7% / 平均取得日数: 4.2日"
        );
        assert_eq!(
            value(&Tr::new(Lang::En), "paid_leave", &parts),
            "rate: 24.7% / average days taken: 4.2 days"
        );
    }

    /// Every criterion, part and gap the rules can produce has words in both
    /// languages (an input with nothing known and one with everything answered no).
    #[test]
    fn every_criterion_and_gap_is_translated() {
        let mut known = kpi::CertificationInput::new(2025);
        for id in kpi::Facts::IDS {
            known.facts.set(id, Some(false)).unwrap();
        }
        for input in [kpi::CertificationInput::new(2025), known] {
            for date in [
                jiff::civil::date(2025, 3, 31),
                jiff::civil::date(2026, 6, 1),
                jiff::civil::date(2027, 4, 1),
            ] {
                for r in kpi::assess(&input, date) {
                    for lang in [Lang::Ja, Lang::En] {
                        let t = Tr::new(lang);
                        assert!(!mark_title(&t, &r).contains("readiness."));
                        for c in &r.criteria {
                            let name = what(&t, c.id);
                            assert!(!name.starts_with("readiness."), "{name}");
                            if let Some(v) = &c.value {
                                assert!(!value(&t, c.id, v).contains("readiness."));
                            }
                            if let Some(g) = &c.gap {
                                let s = gap(&t, g, (25, 39));
                                assert!(!s.contains("readiness."), "{s}");
                            }
                            assert!(!threshold(&t, c).is_empty(), "{}", c.id);
                        }
                    }
                }
            }
        }
    }
}
