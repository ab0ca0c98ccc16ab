//! The fiscal-year outcomes of an engagement report: the baseline year (the
//! one before the engagement) against the last ended year it ran in, from the
//! imports (paid leave, men's childcare leave, 離職率, 総実労働時間), the
//! employer's recruitment totals (競争倍率, 採用力 per opening) and its typed
//! finances (付加価値, and both per hour worked). A year in progress is said in
//! words, never shown as a result.

use kpi::catalog::ids::{
    APPLICANTS_PER_OPENING, COMPETITION_RATIO, LEAVER_RATE, MALE_CHILDCARE_METHOD1,
    OPENING_FILL_RATE, OPERATING_PROFIT_PER_HOUR, PAID_LEAVE_UTILIZATION, PORTAL_INQUIRIES,
    VALUE_ADDED_PER_HOUR,
};
use kpi::engagement::{YearComparison, YearPair};
use store::engagements::{Engagement, Finances};

use super::report::{Outcome, figure_name, grouped, percent};
use crate::AppState;
use crate::errors::AppError;
use crate::i18n::Tr;
use crate::kpi::view::StoredReport;

/// The rows, and what they cannot show and why, in words.
pub(super) struct YearlyOutcomes {
    pub rows: Vec<Outcome>,
    /// The lines for the headline list: each row's change once the years have ended.
    pub headlines: Vec<String>,
    /// While the engagement's year runs: one sentence naming the figures that
    /// wait for its end (instead of a headline each).
    pub pending: Option<String>,
    pub gaps: Vec<String>,
}

/// +15.5 / −3.0 / ±0.0 with `decimals` places.
fn signed(v: f64, decimals: usize) -> String {
    let shown = format!("{:.*}", decimals, v.abs());
    let zero = shown.chars().all(|c| c == '0' || c == '.');
    let sign = if zero {
        "±"
    } else if v > 0.0 {
        "+"
    } else {
        "−"
    };
    format!("{sign}{shown}")
}

/// How a change between the two years is told.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Change {
    /// A percentage: the difference in points, with the ratio.
    Points,
    /// The difference in the figure's unit.
    Difference,
    /// The change in percent of the baseline (money).
    Relative,
}

/// A yearly catalog figure: how its value is written and its change told.
struct YearFigure {
    id: &'static str,
    /// Decimals the catalog rounds to.
    decimals: usize,
    change: Change,
    origin: &'static str,
}

/// One year's value with its parts in words, e.g. 「（離職3人／期首40人）」.
type Value = (Option<f64>, String);

fn year_outcome(
    t: &Tr,
    f: &YearFigure,
    pair: YearPair,
    last_ended: i64,
    before: Value,
    after: Value,
) -> Outcome {
    let name = figure_name(t, f.id);
    let entry = kpi::catalog::figure(f.id);
    let unit = t.pick(entry.unit.label().ja, entry.unit.label().en);
    let number = |v: f64| {
        if f.decimals == 0 {
            grouped(v.round() as i64)
        } else {
            format!("{:.*}", f.decimals, v)
        }
    };
    let show = |(v, detail): &Value, ended: bool| match v {
        _ if !ended => t.t("engagements.report.year_running").to_string(),
        Some(v) => format!("{}{unit}{detail}", number(*v)),
        None => t.t("kpi.no_data").to_string(),
    };
    let change = match kpi::engagement::compare_years(pair, last_ended, before.0, after.0) {
        YearComparison::YearInProgress => {
            t.f1("engagements.report.year_in_progress", "name", &name)
        }
        YearComparison::TooLittleData => t.f1("engagements.report.year_too_little", "name", &name),
        YearComparison::Compared {
            difference, ratio, ..
        } if f.change == Change::Points => {
            let mut s = t.f2(
                "engagements.report.points_change",
                "name",
                &name,
                "d",
                signed(difference, f.decimals),
            );
            if let Some(r) = ratio {
                s.push_str(&t.f1("engagements.report.times", "r", format!("{r:.1}")));
            }
            s
        }
        YearComparison::Compared { before, after, .. } if f.change == Change::Relative => {
            match kpi::engagement::change_percent(before, after) {
                Some(p) => t.f2(
                    "engagements.report.relative_change",
                    "name",
                    &name,
                    "p",
                    percent(p),
                ),
                None => t.t("engagements.report.zero_before").to_string(),
            }
        }
        YearComparison::Compared { difference, .. } => t.f2(
            "engagements.report.diff_change",
            "name",
            &name,
            "d",
            format!("{}{unit}", signed(difference, f.decimals)),
        ),
    };
    let fy = |y: i64| crate::declarations::plain_fiscal_year_label(t, y);
    Outcome {
        id: f.id,
        name,
        definition_link: format!("/definitions#{}", f.id),
        before_period: fy(pair.baseline),
        after_period: fy(pair.during),
        before: show(&before, pair.baseline <= last_ended),
        after: show(&after, pair.during <= last_ended),
        change,
        origin: t.t(f.origin).to_string(),
    }
}

/// The finances typed for `fy`, as the kpi crate reads them.
fn year_finances(finances: &[Finances], fy: i64) -> Option<kpi::engagement::YearFinances> {
    finances
        .iter()
        .find(|f| f.fiscal_year == fy)
        .map(|f| kpi::engagement::YearFinances {
            fiscal_year: f.fiscal_year,
            sales: f.sales,
            operating_profit: f.operating_profit,
            labor_cost: f.labor_cost,
        })
}

/// The year's 総実労働時間 in minutes, or why there is none (in words).
fn worked_minutes(t: &Tr, report: Option<&StoredReport>, fy: i64) -> Result<u64, String> {
    let year = crate::declarations::plain_fiscal_year_label(t, fy);
    let reason = |key: &str| t.f1(key, "fy", &year);
    let Some(r) = report else {
        return Err(reason("engagements.report.hours_no_import"));
    };
    let Some(h) = &r.hours_worked else {
        return Err(reason("engagements.report.hours_no_attendance"));
    };
    if !r.coverage.as_ref().is_some_and(|c| c.complete) {
        return Err(reason("engagements.report.hours_not_whole_year"));
    }
    if h.rows_without_clock_times > 0 {
        return Err(t.f2(
            "engagements.report.hours_precomputed",
            "fy",
            &year,
            "n",
            grouped(h.rows_without_clock_times as i64),
        ));
    }
    match h.total_hours {
        Some(_) if h.worked_minutes > 0 => Ok(h.worked_minutes),
        _ => Err(reason("engagements.report.hours_no_attendance")),
    }
}

/// The first fiscal year in which the employer had a job posting or a public
/// workplace page on erabareru: before it, the portal could count nothing.
async fn portal_since(state: &AppState, org_id: i64) -> Result<Option<i64>, AppError> {
    let mut days: Vec<String> = state
        .store
        .postings_of_org(org_id)
        .await?
        .into_iter()
        .map(|p| p.fields.posted_on)
        .collect();
    if let Some(w) = state.store.workplace(org_id).await? {
        days.push(w.approved_at);
    }
    Ok(days
        .iter()
        .filter_map(|d| d.get(..10)?.parse::<jiff::civil::Date>().ok())
        .min()
        .map(|d| i64::from(domain::FiscalYear::containing(d).year())))
}

/// The fiscal-year figures, baseline year against the engagement's ended year.
pub(super) async fn yearly_outcomes(
    state: &AppState,
    t: &Tr,
    e: &Engagement,
    finances: &[Finances],
    today: jiff::civil::Date,
) -> Result<YearlyOutcomes, AppError> {
    let start_fy = i64::from(domain::FiscalYear::containing(e.fields.starts_on).year());
    let end_fy = i64::from(domain::FiscalYear::containing(e.fields.ends_on).year());
    let last_ended = i64::from(domain::FiscalYear::containing(today).year()) - 1;
    let pair = kpi::engagement::year_pair(start_fy, end_fy, last_ended);
    let years = [pair.baseline, pair.during];
    let mut reports: Vec<Option<StoredReport>> = Vec::new();
    for fy in years {
        reports.push(match state.store.current_kpi_import(e.org_id, fy).await? {
            Some(i) => serde_json::from_str(&i.report_json).ok(),
            None => None,
        });
    }
    let extras = crate::kpi::view::stored_extras(&state.store.year_extras(e.org_id).await?)?;
    let recruitment = |fy: i64| {
        extras
            .iter()
            .find(|x| i64::from(x.fiscal_year) == fy)
            .map(|x| x.recruitment.as_slice())
            .filter(|r| !r.is_empty())
    };
    let imported = "engagements.report.origin_records";
    let declared = "engagements.report.origin_declared";
    let per_year = |f: &dyn Fn(usize) -> Value| (f(0), f(1));
    let mut rows = Vec::new();
    let mut gaps = Vec::new();
    let row = |figure: YearFigure, (b, a): (Value, Value)| {
        year_outcome(t, &figure, pair, last_ended, b, a)
    };

    rows.push(row(
        YearFigure {
            id: PAID_LEAVE_UTILIZATION,
            decimals: 1,
            change: Change::Points,
            origin: imported,
        },
        per_year(&|i| {
            let p = reports[i].as_ref().and_then(|r| r.paid_leave.as_ref());
            let detail =
                p.and_then(|p| Some((p.taken_days?, p.granted_days?)))
                    .map(|(taken, granted)| {
                        t.f2(
                            "engagements.report.paid_detail",
                            "taken",
                            taken,
                            "granted",
                            granted,
                        )
                    });
            (
                p.and_then(|p| p.utilization_rate_percent),
                detail.unwrap_or_default(),
            )
        }),
    ));
    rows.push(row(
        YearFigure {
            id: MALE_CHILDCARE_METHOD1,
            decimals: 0,
            change: Change::Points,
            origin: imported,
        },
        per_year(&|i| {
            let c = reports[i].as_ref().and_then(|r| r.childcare_leave.as_ref());
            (
                c.and_then(|c| c.male.method1_rate_percent)
                    .map(|p| p as f64),
                c.map(|c| {
                    t.f2(
                        "engagements.report.male_detail",
                        "takers",
                        c.male.method1_takers,
                        "births",
                        c.male.births,
                    )
                })
                .unwrap_or_default(),
            )
        }),
    ));
    // 定着: the fewer leave, the better; the change is told in points.
    rows.push(row(
        YearFigure {
            id: LEAVER_RATE,
            decimals: 1,
            change: Change::Points,
            origin: imported,
        },
        per_year(&|i| {
            let turnover = reports[i]
                .as_ref()
                .and_then(|r| r.workforce.as_ref())
                .and_then(|w| w.turnover.as_ref());
            (
                turnover.and_then(|x| x.rate_percent),
                turnover
                    .map(|x| {
                        t.f2(
                            "engagements.report.leaver_detail",
                            "leavers",
                            x.leavers,
                            "base",
                            x.employed_at_start,
                        )
                    })
                    .unwrap_or_default(),
            )
        }),
    ));
    // 競争倍率 by gender, as the catalog defines it.
    for (women, row_id, key) in [
        (
            true,
            "competition_ratio_women",
            "engagements.report.ratio_women",
        ),
        (
            false,
            "competition_ratio_men",
            "engagements.report.ratio_men",
        ),
    ] {
        let value = |fy: i64| -> Value {
            match recruitment(fy).and_then(kpi::engagement::recruitment_totals) {
                Some((a, h)) => {
                    let (a, h) = if women {
                        (a.women, h.women)
                    } else {
                        (a.men, h.men)
                    };
                    (
                        kpi::women_db::competition_ratio(a, h).map(|r| r.as_f64()),
                        t.f2("engagements.report.recruit_detail", "a", a, "h", h),
                    )
                }
                None => (None, String::new()),
            }
        };
        let mut o = year_outcome(
            t,
            &YearFigure {
                id: COMPETITION_RATIO,
                decimals: 1,
                change: Change::Difference,
                origin: declared,
            },
            pair,
            last_ended,
            value(pair.baseline),
            value(pair.during),
        );
        let name = t.f1(key, "name", &o.name);
        o.change = o.change.replacen(&o.name, &name, 1);
        o.name = name;
        o.id = row_id;
        rows.push(o);
    }
    // 採用力: every applicant and hire against the openings of the year.
    let openings = |fy: i64| recruitment(fy).and_then(kpi::engagement::openings_totals);
    for fy in years.into_iter().filter(|&fy| fy <= last_ended) {
        if recruitment(fy).is_some() && openings(fy).is_none() {
            gaps.push(t.f1(
                "engagements.report.no_openings_in",
                "fy",
                crate::declarations::plain_fiscal_year_label(t, fy),
            ));
        }
    }
    let opening_value = |fy: i64, applicants: bool| -> Value {
        match openings(fy) {
            Some(o) if applicants => (
                o.applicants_per_opening().map(|v| v.as_f64()),
                t.f2(
                    "engagements.report.openings_detail",
                    "n",
                    o.applicants,
                    "o",
                    o.openings,
                ),
            ),
            Some(o) => (
                o.fill_rate_percent().map(|v| v.as_f64()),
                t.f2(
                    "engagements.report.filled_detail",
                    "n",
                    o.hires,
                    "o",
                    o.openings,
                ),
            ),
            None => (None, String::new()),
        }
    };
    rows.push(row(
        YearFigure {
            id: APPLICANTS_PER_OPENING,
            decimals: 1,
            change: Change::Difference,
            origin: declared,
        },
        (
            opening_value(pair.baseline, true),
            opening_value(pair.during, true),
        ),
    ));
    rows.push(row(
        YearFigure {
            id: OPENING_FILL_RATE,
            decimals: 1,
            change: Change::Points,
            origin: declared,
        },
        (
            opening_value(pair.baseline, false),
            opening_value(pair.during, false),
        ),
    ));

    // 採用力 as the portal measures it: what job seekers sent through erabareru,
    // from the first year the employer had a job or a workplace page here.
    let marks = state.store.inquiry_marks(e.org_id).await?;
    let sent: Vec<(jiff::Timestamp, bool)> = marks
        .iter()
        .filter_map(|m| {
            let at = m.created_at.parse().ok()?;
            Some((at, m.kind == domain::job::InquiryKind::Application))
        })
        .collect();
    let on_portal_since = portal_since(state, e.org_id).await?;
    let inquiries_value = |fy: i64| -> Value {
        match on_portal_since {
            Some(since) if fy >= since => {
                let n = kpi::engagement::portal_inquiries(sent.iter().copied(), fy as i32);
                (
                    Some(n.total() as f64),
                    t.f2(
                        "engagements.report.inquiries_detail",
                        "a",
                        n.applications,
                        "i",
                        n.inquiries,
                    ),
                )
            }
            _ => (None, String::new()),
        }
    };
    rows.push(row(
        YearFigure {
            id: PORTAL_INQUIRIES,
            decimals: 0,
            change: Change::Difference,
            origin: imported,
        },
        (inquiries_value(pair.baseline), inquiries_value(pair.during)),
    ));

    // 付加価値 = 営業利益 + 人件費, the typed finances of the same two years.
    let va = |fy: i64| year_finances(finances, fy).map(|f| f.value_added());
    let (b, a) = (va(pair.baseline), va(pair.during));
    let yen = |v: Option<i64>, ended: bool| match v {
        _ if !ended => t.t("engagements.report.year_running").to_string(),
        Some(v) => t.f1("engagements.report.yen", "v", grouped(v)),
        None => t.t("kpi.no_data").to_string(),
    };
    let name = t.t("engagements.report.value_added").to_string();
    let change = match kpi::engagement::compare_years(
        pair,
        last_ended,
        b.map(|v| v as f64),
        a.map(|v| v as f64),
    ) {
        YearComparison::YearInProgress => {
            t.f1("engagements.report.year_in_progress", "name", &name)
        }
        YearComparison::TooLittleData => t.f1("engagements.report.year_too_little", "name", &name),
        YearComparison::Compared { before, after, .. } => {
            match kpi::engagement::change_percent(before, after) {
                Some(p) => t.f1("engagements.report.value_added_change", "p", percent(p)),
                None => t.t("engagements.report.zero_before").to_string(),
            }
        }
    };
    let fy = |y: i64| crate::declarations::plain_fiscal_year_label(t, y);
    rows.push(Outcome {
        id: "value_added",
        name,
        definition_link: "#finances".into(),
        before_period: fy(pair.baseline),
        after_period: fy(pair.during),
        before: yen(b, pair.baseline <= last_ended),
        after: yen(a, pair.during <= last_ended),
        change,
        origin: t.t(declared).to_string(),
    });

    // 生産性: the typed finances over the hours the imports counted.
    let minutes: Vec<Result<u64, String>> = years
        .iter()
        .zip(&reports)
        .map(|(&fy, r)| worked_minutes(t, r.as_ref(), fy))
        .collect();
    for (i, &fy) in years.iter().enumerate() {
        if fy <= last_ended
            && year_finances(finances, fy).is_some()
            && let Err(why) = &minutes[i]
        {
            gaps.push(why.clone());
        }
    }
    for (id, pick) in [
        (
            VALUE_ADDED_PER_HOUR,
            (|f: &kpi::engagement::YearFinances| f.value_added()) as fn(&_) -> i64,
        ),
        (OPERATING_PROFIT_PER_HOUR, |f| f.operating_profit),
    ] {
        let value = |i: usize| -> Value {
            let fin = year_finances(finances, years[i]);
            match (fin, &minutes[i]) {
                (Some(fin), Ok(m)) => (
                    kpi::yen_per_hour(pick(&fin), *m).map(|v| v as f64),
                    t.f2(
                        "engagements.report.per_hour_detail",
                        "v",
                        grouped(pick(&fin)),
                        "h",
                        hours_one_decimal(*m),
                    ),
                ),
                _ => (None, String::new()),
            }
        };
        rows.push(year_outcome(
            t,
            &YearFigure {
                id,
                decimals: 0,
                change: Change::Relative,
                origin: "engagements.report.origin_per_hour",
            },
            pair,
            last_ended,
            value(0),
            value(1),
        ));
    }
    let (headlines, pending) = if pair.during > last_ended {
        let names: Vec<&str> = rows.iter().map(|o| o.name.as_str()).collect();
        let line = t.f2(
            "engagements.report.years_pending",
            "names",
            names.join("、"),
            "fy",
            fy(pair.during),
        );
        (Vec::new(), Some(line))
    } else {
        (rows.iter().map(|o| o.change.clone()).collect(), None)
    };
    Ok(YearlyOutcomes {
        rows,
        headlines,
        pending,
        gaps,
    })
}

/// Minutes as hours with one decimal and thousands separators: 105,220.7.
fn hours_one_decimal(minutes: u64) -> String {
    let tenths = (minutes * 10 + 30) / 60;
    format!("{}.{}", grouped((tenths / 10) as i64), tenths % 10)
}
