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

/// A value for display.
pub fn value(t: &Tr, v: &Value) -> String {
    match v {
        Value::Count(n) => n.to_string(),
        Value::Decimal(d) => d.to_string(),
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
                    .map(|v| value(t, v))
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
