//! The outcome figures of the program's employers (参加企業の成果): for each
//! employer that took part (engaged, or with a graduate of the leader course)
//! and shares its aggregates with the region, a catalog figure in the baseline
//! year and in the latest ended year; and the mean of the participants against
//! the mean of the region's other sharing employers, each group shown only from
//! [`kpi::program::MIN_GROUP`] employers.

use std::collections::BTreeSet;

use kpi::catalog::ids;
use kpi::program::{Pair, group_mean, years_to_compare};
use store::orgs::Organization;

use crate::AppState;
use crate::declarations::plain_fiscal_year_label;
use crate::errors::AppError;
use crate::i18n::Tr;
use crate::kpi::view::StoredReport;

/// How a figure is read from a year's report.
type Reader = fn(&StoredReport) -> Option<f64>;

/// The figures compared: catalog id and how to read it from a year's report.
const FIGURES: [(&str, Reader); 2] = [
    (ids::AVERAGE_MONTHLY_OVERTIME, |r| {
        r.overtime
            .as_ref()
            .and_then(|o| o.average_monthly_overtime_hours)
    }),
    (ids::PAID_LEAVE_UTILIZATION, |r| {
        r.paid_leave
            .as_ref()
            .and_then(|p| p.utilization_rate_percent)
    }),
];

/// One employer's line of a figure.
pub struct OrgLine {
    pub name: String,
    pub baseline: String,
    pub latest: String,
    pub change: String,
}

/// One figure's table.
pub struct FigureOutcome {
    pub id: &'static str,
    pub name: &'static str,
    pub unit: &'static str,
    pub participants: Vec<OrgLine>,
    /// The participants' and the others' means, or why they are not shown.
    pub groups: Result<(OrgLine, OrgLine), &'static str>,
}

pub struct Outcomes {
    pub baseline_label: String,
    pub latest_label: String,
    /// Said when the program year is still running.
    pub in_progress: bool,
    pub figures: Vec<FigureOutcome>,
    /// Participants that do not share their aggregates with the region.
    pub not_shared: usize,
}

fn one_decimal(v: f64) -> String {
    format!("{:.1}", (v * 10.0).round() / 10.0)
}

fn change(t: &Tr, p: &Pair) -> String {
    match p.change_percent() {
        Some(c) => {
            let rounded = c.round() as i64;
            if rounded > 0 {
                format!("+{rounded}%")
            } else if rounded < 0 {
                format!("−{}%", -rounded)
            } else {
                "±0%".to_string()
            }
        }
        None => t.t("program.outcome.no_change").to_string(),
    }
}

fn line(t: &Tr, name: String, p: Option<Pair>) -> OrgLine {
    match p {
        Some(p) => OrgLine {
            name,
            baseline: one_decimal(p.baseline),
            latest: one_decimal(p.latest),
            change: change(t, &p),
        },
        None => OrgLine {
            name,
            baseline: String::new(),
            latest: String::new(),
            change: t.t("program.outcome.too_little").to_string(),
        },
    }
}

async fn report(state: &AppState, org: i64, fy: i64) -> Result<Option<StoredReport>, AppError> {
    Ok(match state.store.current_kpi_import(org, fy).await? {
        Some(i) => serde_json::from_str(&i.report_json).ok(),
        None => None,
    })
}

/// The outcomes of program year `fy` in `region`, for the participants `taking_part`.
pub async fn load(
    state: &AppState,
    t: &Tr,
    region_id: i64,
    fy: i64,
    taking_part: &BTreeSet<i64>,
) -> Result<Outcomes, AppError> {
    let ended = crate::publish::may_publish(fy, crate::today_jst());
    let (before, after) = years_to_compare(fy, ended);
    let orgs: Vec<Organization> = state.store.organizations_in_region(region_id).await?;
    let sharing: Vec<&Organization> = orgs.iter().filter(|o| o.shares_with_region()).collect();
    let not_shared = orgs
        .iter()
        .filter(|o| taking_part.contains(&o.id) && !o.shares_with_region())
        .count();
    // Each sharing employer's two reports, read once.
    let mut reports = Vec::new();
    for o in &sharing {
        reports.push((
            *o,
            report(state, o.id, before).await?,
            report(state, o.id, after).await?,
        ));
    }
    let mut figures = Vec::new();
    for (id, read) in FIGURES {
        let figure = kpi::catalog::figure(id);
        let pair = |b: &Option<StoredReport>, a: &Option<StoredReport>| -> Option<Pair> {
            Some(Pair {
                baseline: read(b.as_ref()?)?,
                latest: read(a.as_ref()?)?,
            })
        };
        let mut participants = Vec::new();
        let (mut ours, mut others) = (Vec::new(), Vec::new());
        for (o, b, a) in &reports {
            let p = pair(b, a);
            if taking_part.contains(&o.id) {
                participants.push(line(t, o.name.clone(), p));
                ours.extend(p);
            } else {
                others.extend(p);
            }
        }
        let groups = match (group_mean(&ours), group_mean(&others)) {
            (Some(a), Some(b)) => Ok((
                line(t, t.t("program.outcome.participants").into(), Some(a)),
                line(t, t.t("program.outcome.others").into(), Some(b)),
            )),
            _ => Err(t.t("program.outcome.groups_too_small")),
        };
        figures.push(FigureOutcome {
            id,
            name: figure.name.pick(t.lang.code()),
            unit: figure.unit.label().pick(t.lang.code()),
            participants,
            groups,
        });
    }
    Ok(Outcomes {
        baseline_label: plain_fiscal_year_label(t, before),
        latest_label: plain_fiscal_year_label(t, after),
        in_progress: !ended,
        figures,
        not_shared,
    })
}
