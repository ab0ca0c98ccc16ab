//! The practice tools in an engagement's report (issue 13): the
//! organization's 朝メール figures over the report's two windows, and its
//! 組織診断 scores in the last round before the engagement began and the last
//! one since. Organization-wide only, each through the same threshold as its
//! own page (5 people who wrote / a round that releases the whole); a tool
//! the organization did not use adds no row.

use jiff::civil::Date;
use kpi::YearMonth;
use kpi::catalog::ids;
use kpi::daily::{Accumulator, Day, Summary};
use store::daily::DayFilter;
use store::engagements::Engagement;
use survey::diagnosis::{self, Dimension, Setup};
use survey::{Filter, Response as Answer, Round, Threshold};

use super::report::{Outcome, figure_name};
use crate::AppState;
use crate::daily::ANONYMITY_THRESHOLD;
use crate::errors::AppError;
use crate::i18n::Tr;

fn month_span(months: &[YearMonth]) -> Option<(Date, Date)> {
    let first = months.first()?;
    let last = months.last()?;
    let from = jiff::civil::date(i16::try_from(first.year()).ok()?, first.month(), 1);
    let next = last.plus(1);
    let to = jiff::civil::date(i16::try_from(next.year()).ok()?, next.month(), 1)
        .yesterday()
        .ok()?;
    Some((from, to))
}

async fn daily_summary(
    state: &AppState,
    org_id: i64,
    span: (Date, Date),
) -> Result<Summary, AppError> {
    let (from, to) = (span.0.to_string(), span.1.to_string());
    let mut acc = Accumulator::new();
    state
        .store
        .for_each_asa_day(
            DayFilter {
                org_id,
                from: &from,
                to: &to,
                team_id: None,
                user_id: None,
            },
            |d| {
                if let Ok(day) = d.day.parse() {
                    acc.add(&Day {
                        day,
                        person: d.user_id,
                        planned: &d.planned,
                        actual: d.actual.as_deref(),
                        scheduled_end: d.scheduled_end,
                    });
                }
            },
        )
        .await?;
    Ok(acc.finish())
}

fn period(t: &Tr, span: (Date, Date)) -> String {
    format!(
        "{}〜{}",
        t.date(&span.0.to_string()),
        t.date(&span.1.to_string())
    )
}

pub async fn practice_outcomes(
    state: &AppState,
    t: &Tr,
    e: &Engagement,
    windows: &kpi::engagement::Windows,
) -> Result<Vec<Outcome>, AppError> {
    let mut rows = Vec::new();
    if let (Some(b), Some(a)) = (month_span(&windows.before), month_span(&windows.after)) {
        let before = daily_summary(state, e.org_id, b).await?;
        let after = daily_summary(state, e.org_id, a).await?;
        if before.planned_days + after.planned_days > 0 {
            let shown = |s: &Summary| s.people >= ANONYMITY_THRESHOLD && s.compared_days > 0;
            let small = t.f1("engagements.report.daily_small", "n", ANONYMITY_THRESHOLD);
            let gap = |s: &Summary| {
                if shown(s) {
                    s.average_gap().map(|m| crate::daily::duration(t, m))
                } else {
                    None
                }
            };
            let change = match (
                shown(&before),
                shown(&after),
                before.average_gap(),
                after.average_gap(),
            ) {
                (true, true, Some(x), Some(y)) if y <= x => {
                    t.f1("engagements.report.minutes_less", "m", x - y)
                }
                (true, true, Some(x), Some(y)) => {
                    t.f1("engagements.report.minutes_more", "m", y - x)
                }
                _ => small.clone(),
            };
            let end = |s: &Summary| {
                shown(s)
                    .then(|| s.average_actual_end())
                    .flatten()
                    .map(|x| x.as_string())
            };
            let end_change = match (end(&before), end(&after)) {
                (Some(x), Some(y)) => format!("{x} → {y}"),
                _ => small.clone(),
            };
            for (id, before_v, after_v, change) in [
                (ids::DAILY_PLAN_GAP, gap(&before), gap(&after), change),
                (ids::DAILY_ACTUAL_END, end(&before), end(&after), end_change),
            ] {
                rows.push(Outcome {
                    id,
                    name: figure_name(t, id),
                    definition_link: format!("/definitions#{id}"),
                    before_period: period(t, b),
                    after_period: period(t, a),
                    before: before_v.unwrap_or_else(|| "—".into()),
                    after: after_v.unwrap_or_else(|| "—".into()),
                    change,
                    origin: t.t("engagements.report.origin_daily").to_string(),
                });
            }
        }
    }

    // The survey: the last closed round opened by the start, the last since.
    let rounds = state
        .store
        .org_survey_rounds(diagnosis::CODE, e.org_id)
        .await?;
    let start = e.fields.starts_on.to_string();
    let closed = |before: bool| {
        rounds
            .iter()
            .filter(|r| !r.is_open() && ((r.opened_on <= start) == before))
            .max_by(|x, y| (&x.opened_on, x.id).cmp(&(&y.opened_on, y.id)))
            .cloned()
    };
    let (Some(b), Some(a)) = (closed(true), closed(false)) else {
        return Ok(rows);
    };
    let mut scores = Vec::new();
    for r in [&b, &a] {
        let setup = Setup::from_json(&state.store.org_survey_setup(r.id).await?.setup)
            .ok_or_else(|| AppError::Internal("a round's setup does not parse".into()))?;
        let q = diagnosis::questionnaire(&setup);
        let answers: Vec<Answer> = state
            .store
            .survey_answers(r.id)
            .await?
            .iter()
            .filter_map(|s| Answer::from_json(&q, s))
            .collect();
        let round = Round::new(
            &q,
            &answers,
            Threshold::new(r.threshold.max(2) as usize),
            true,
        );
        scores.push(
            round
                .group(&Filter::none())
                .ok()
                .map(|g| Dimension::ALL.map(|d| diagnosis::score_tenths(&g, d))),
        );
    }
    let tenths = |v: Option<u64>| v.map(|x| format!("{}.{}", x / 10, x % 10));
    for (i, d) in Dimension::ALL.iter().enumerate() {
        let bv = scores[0].and_then(|s| s[i]);
        let av = scores[1].and_then(|s| s[i]);
        let change = match (bv, av) {
            (Some(x), Some(y)) if y >= x => t.f1(
                "engagements.report.points_up",
                "p",
                tenths(Some(y - x)).unwrap_or_default(),
            ),
            (Some(x), Some(y)) => t.f1(
                "engagements.report.points_down",
                "p",
                tenths(Some(x - y)).unwrap_or_default(),
            ),
            _ => t.f1("engagements.report.survey_small", "n", ANONYMITY_THRESHOLD),
        };
        rows.push(Outcome {
            id: d.figure_id(),
            name: figure_name(t, d.figure_id()),
            definition_link: format!("/definitions#{}", d.figure_id()),
            before_period: b.title.clone(),
            after_period: a.title.clone(),
            before: tenths(bv).unwrap_or_else(|| "—".into()),
            after: tenths(av).unwrap_or_else(|| "—".into()),
            change,
            origin: t.t("engagements.report.origin_survey").to_string(),
        });
    }
    Ok(rows)
}
