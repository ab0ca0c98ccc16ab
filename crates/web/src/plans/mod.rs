//! 一般事業主行動計画 (次世代法, from 2025-04): an organization records its plan —
//! period of 2–5 years, measures, and numeric targets — and sees each target against
//! the figures computed from its imported records, year by year, with a chart.
//! Employers with 101+ workers must set the two targets LABOR_RULES §6 names.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use jiff::civil::Date;
use serde::Deserialize;
use store::orgs::Organization;
use store::plans::{ActionPlan, NewTarget, PlanTarget};

use crate::AppState;
use crate::auth::redirect_with_flash;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::{self, FieldErrors};
use crate::kpi::view::StoredReport;

pub const MALE_CHILDCARE_RATE: &str = "male_childcare_rate";
pub const MONTHLY_OVERTIME_HOURS: &str = "monthly_overtime_hours";

/// The plan form's fields and their labels (for the error summary).
const PLAN_LABELS: forms::Labels = &[
    ("starts_on", "plan.starts_on"),
    ("ends_on", "plan.ends_on"),
    ("measures", "plan.measures"),
    (MALE_CHILDCARE_RATE, "plan.target.male_childcare_rate_field"),
    (
        MONTHLY_OVERTIME_HOURS,
        "plan.target.monthly_overtime_hours_field",
    ),
    ("custom_label", "plan.custom_label"),
    ("custom_value", "plan.custom_value"),
];

pub fn routes() -> Router<AppState> {
    Router::new().route("/orgs/{id}/plan", get(page).post(create))
}

/// A plan runs at least 2 and at most 5 years (次世代法 一般事業主行動計画).
pub fn period_is_valid(starts: Date, ends: Date) -> bool {
    let year = |n: i64| {
        starts
            .checked_add(jiff::Span::new().years(n))
            .ok()
            .and_then(|d| d.yesterday().ok())
    };
    match (year(2), year(5)) {
        (Some(min), Some(max)) => ends >= min && ends <= max,
        _ => false,
    }
}

/// Whether an actual figure meets a target: a rate must reach it, overtime must
/// stay at or under it. None when there is no figure.
pub fn target_met(kind: &str, actual: Option<f64>, target: f64) -> Option<bool> {
    let a = actual?;
    Some(match kind {
        MONTHLY_OVERTIME_HOURS => a <= target,
        _ => a >= target,
    })
}

/// An employer of 101 or more regular workers must set both targets.
pub fn must_set_both_targets(employee_band: Option<&str>) -> bool {
    matches!(employee_band, Some("101-300" | "301-1000" | "1001+"))
}

/// One fiscal year of a target: the computed figure and whether it met the target.
pub struct TrackRow {
    pub fiscal_year: i64,
    pub actual: Option<f64>,
    /// None when there is no figure, and for a year not yet ended: a part of a
    /// year neither meets nor misses a yearly target.
    pub met: Option<bool>,
    /// The year has not ended: its figure covers the months so far.
    pub in_progress: bool,
}

pub struct TargetView {
    pub target: PlanTarget,
    /// The catalog entry the target is tracked with (None for a custom target).
    pub figure: Option<&'static str>,
    /// The catalog's name of that figure, else the label typed in.
    pub name: String,
    pub rows: Vec<TrackRow>,
    pub chart: String,
}

pub struct PlanView {
    pub plan: ActionPlan,
    pub targets: Vec<TargetView>,
    /// Required targets this plan lacks (i18n keys).
    pub missing: Vec<&'static str>,
}

#[derive(Template)]
#[template(path = "plans/page.html")]
struct PlanPage {
    c: Ctx,
    org: Organization,
    plans: Vec<PlanView>,
    can_edit: bool,
    v: PlanForm,
    errors: FieldErrors,
    /// 「この画面を見られる人：…」
    who_sees: String,
}

#[derive(Default, Deserialize)]
struct PlanForm {
    #[serde(default)]
    starts_on: String,
    #[serde(default)]
    ends_on: String,
    #[serde(default)]
    measures: String,
    #[serde(default)]
    male_childcare_rate: String,
    #[serde(default)]
    monthly_overtime_hours: String,
    #[serde(default)]
    custom_label: String,
    #[serde(default)]
    custom_value: String,
}

/// The catalog figure a target kind is tracked with.
pub fn figure_of(kind: &str) -> Option<&'static str> {
    match kind {
        MALE_CHILDCARE_RATE => Some(kpi::catalog::ids::MALE_CHILDCARE_METHOD1),
        MONTHLY_OVERTIME_HOURS => Some(kpi::catalog::ids::FULL_TIME_MONTHLY_OVERTIME),
        _ => None,
    }
}

/// The figure a target is tracked with, from a year's stored report.
fn actual(kind: &str, report: &StoredReport) -> Option<f64> {
    match kind {
        MALE_CHILDCARE_RATE => report
            .childcare_leave
            .as_ref()
            .and_then(|c| c.male.method1_rate_percent)
            .map(|p| p as f64),
        MONTHLY_OVERTIME_HOURS => report.full_time_monthly_hours(),
        _ => None,
    }
}

/// The unit of a target's chart axis.
fn unit(t: &crate::i18n::Tr, kind: &str) -> &'static str {
    match kind {
        MALE_CHILDCARE_RATE => "%",
        MONTHLY_OVERTIME_HOURS => t.t("kpi.hours"),
        _ => "",
    }
}

async fn views(state: &AppState, c: &Ctx, org: &Organization) -> Result<Vec<PlanView>, AppError> {
    let mut out = Vec::new();
    let today = crate::today_jst();
    for (plan, targets) in state.store.action_plans(org.id).await? {
        let (Ok(starts), Ok(ends)) = (plan.starts_on.parse::<Date>(), plan.ends_on.parse::<Date>())
        else {
            continue;
        };
        let first = domain::FiscalYear::containing(starts).year() as i64;
        let last = domain::FiscalYear::containing(ends).year() as i64;
        let mut reports = Vec::new();
        for fy in first..=last {
            let report: Option<StoredReport> =
                match state.store.current_kpi_import(org.id, fy).await? {
                    Some(i) => serde_json::from_str(&i.report_json).ok(),
                    None => None,
                };
            reports.push((fy, report));
        }
        let mut target_views = Vec::new();
        for t in targets {
            let rows: Vec<TrackRow> = reports
                .iter()
                .map(|(fy, r)| {
                    let a = r.as_ref().and_then(|r| actual(&t.kind, r));
                    let in_progress = !crate::publish::may_publish(*fy, today);
                    TrackRow {
                        fiscal_year: *fy,
                        actual: a,
                        met: if in_progress {
                            None
                        } else {
                            target_met(&t.kind, a, t.target_value)
                        },
                        in_progress,
                    }
                })
                .collect();
            // Years not begun yet are not drawn; a begun year without figures says so.
            let started = crate::kpi::current_fiscal_year();
            let figure = figure_of(&t.kind);
            let name = match figure {
                Some(id) => kpi::catalog::figure(id)
                    .name
                    .pick(c.t.lang.code())
                    .to_string(),
                None => t.label.clone(),
            };
            let chart = crate::kpi::chart::bar_chart(
                &crate::kpi::chart::Words {
                    title: &name,
                    unit: unit(&c.t, &t.kind),
                    no_data: c.t.t("kpi.no_data"),
                },
                &rows
                    .iter()
                    .filter(|r| r.fiscal_year <= started || r.actual.is_some())
                    .map(|r| {
                        let key = if r.in_progress {
                            "plan.chart_year_in_progress"
                        } else {
                            "plan.chart_year"
                        };
                        (c.t.f1(key, "year", r.fiscal_year), r.actual)
                    })
                    .collect::<Vec<_>>(),
                &[(t.target_value, c.t.t("plan.chart_target"))],
            );
            target_views.push(TargetView {
                figure,
                name,
                target: t,
                rows,
                chart,
            });
        }
        let mut missing = Vec::new();
        if must_set_both_targets(org.employee_band.as_deref()) {
            for (kind, key) in [
                (MALE_CHILDCARE_RATE, "plan.missing.male_childcare_rate"),
                (
                    MONTHLY_OVERTIME_HOURS,
                    "plan.missing.monthly_overtime_hours",
                ),
            ] {
                if !target_views.iter().any(|t| t.target.kind == kind) {
                    missing.push(key);
                }
            }
        }
        out.push(PlanView {
            plan,
            targets: target_views,
            missing,
        });
    }
    Ok(out)
}

async fn render(
    state: &AppState,
    c: Ctx,
    org: Organization,
    v: PlanForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = PlanPage {
        who_sees: crate::visibility::who_sees(&c, &org),
        plans: views(state, &c, &org).await?,
        can_edit: c.can(&Action::DeclareForOrganization { org_id: org.id }),
        c,
        org,
        v,
        errors,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let org = c
        .org_for(&state.store, id, |o| Action::ViewOrganization {
            org_id: o.id,
            region_id: o.region_id,
        })
        .await?;
    if let Some(refused) = crate::visibility::gate(&c, &org)? {
        return Ok(refused);
    }
    render(&state, c, org, PlanForm::default(), FieldErrors::new()).await
}

/// A number in a range, or an error on the field; empty is None.
fn number(errors: &mut FieldErrors, c: &Ctx, field: &str, value: &str, max: f64) -> Option<f64> {
    let v = domain::normalize_digits(value).trim().to_string();
    if v.is_empty() {
        return None;
    }
    match v.parse::<f64>() {
        Ok(n) if (0.0..=max).contains(&n) => Some(n),
        _ => {
            errors.add(&c.t, field, "plan.invalid_number");
            None
        }
    }
}

async fn create(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(v): Form<PlanForm>,
) -> Result<Response, AppError> {
    let org = c
        .org_for(&state.store, id, |o| Action::DeclareForOrganization {
            org_id: o.id,
        })
        .await?;
    let p = c
        .require(&Action::DeclareForOrganization { org_id: org.id })?
        .clone();
    let mut errors = FieldErrors::labelled(PLAN_LABELS);
    let starts = forms::date(&mut errors, &c.t, "starts_on", &v.starts_on);
    let ends = forms::date(&mut errors, &c.t, "ends_on", &v.ends_on);
    if let (Some(s), Some(e)) = (starts, ends)
        && !period_is_valid(s, e)
    {
        errors.add(&c.t, "ends_on", "plan.period");
    }
    let measures = forms::text(&mut errors, &c.t, "measures", &v.measures, true, 4000);
    let mut targets = Vec::new();
    if let Some(n) = number(
        &mut errors,
        &c,
        MALE_CHILDCARE_RATE,
        &v.male_childcare_rate,
        100.0,
    ) {
        targets.push(NewTarget {
            kind: MALE_CHILDCARE_RATE.into(),
            label: c.t.t("plan.target.male_childcare_rate").into(),
            target_value: n,
        });
    }
    if let Some(n) = number(
        &mut errors,
        &c,
        MONTHLY_OVERTIME_HOURS,
        &v.monthly_overtime_hours,
        200.0,
    ) {
        targets.push(NewTarget {
            kind: MONTHLY_OVERTIME_HOURS.into(),
            label: c.t.t("plan.target.monthly_overtime_hours").into(),
            target_value: n,
        });
    }
    let custom_label = forms::text(
        &mut errors,
        &c.t,
        "custom_label",
        &v.custom_label,
        false,
        200,
    );
    if let Some(n) = number(
        &mut errors,
        &c,
        "custom_value",
        &v.custom_value,
        1_000_000.0,
    ) {
        if custom_label.is_empty() {
            errors.add(&c.t, "custom_label", "form.required");
        } else {
            targets.push(NewTarget {
                kind: "custom".into(),
                label: custom_label,
                target_value: n,
            });
        }
    }
    if !errors.is_empty() {
        return render(&state, c, org, v, errors).await;
    }
    let (Some(starts), Some(ends)) = (starts, ends) else {
        return Err(AppError::Internal("validated dates missing".into()));
    };
    let plan_id = state
        .store
        .create_action_plan(
            id,
            &starts.to_string(),
            &ends.to_string(),
            &measures,
            &targets,
            Some(p.user_id),
        )
        .await?;
    state
        .store
        .audit(&c.actor(), "create", "action_plan", plan_id, "")
        .await?;
    Ok(redirect_with_flash(
        &format!("/orgs/{id}/plan"),
        "flash.saved",
        state.config.cookie_secure,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_plan_runs_two_to_five_years() {
        let s = date(2025, 4, 1);
        assert!(period_is_valid(s, date(2027, 3, 31)), "exactly 2 years");
        assert!(
            !period_is_valid(s, date(2027, 3, 30)),
            "a day short of 2 years"
        );
        assert!(period_is_valid(s, date(2030, 3, 31)), "exactly 5 years");
        assert!(!period_is_valid(s, date(2030, 4, 1)), "a day over 5 years");
        assert!(
            !period_is_valid(s, date(2024, 4, 1)),
            "ends before it starts"
        );
    }

    #[test]
    fn rates_must_reach_and_overtime_must_not_exceed() {
        assert_eq!(
            target_met(MALE_CHILDCARE_RATE, Some(30.0), 30.0),
            Some(true)
        );
        assert_eq!(
            target_met(MALE_CHILDCARE_RATE, Some(29.0), 30.0),
            Some(false)
        );
        assert_eq!(
            target_met(MONTHLY_OVERTIME_HOURS, Some(20.0), 20.0),
            Some(true)
        );
        assert_eq!(
            target_met(MONTHLY_OVERTIME_HOURS, Some(20.1), 20.0),
            Some(false)
        );
        assert_eq!(target_met(MALE_CHILDCARE_RATE, None, 30.0), None);
    }

    #[test]
    fn every_target_figure_is_a_catalog_entry() {
        for kind in [MALE_CHILDCARE_RATE, MONTHLY_OVERTIME_HOURS] {
            let id = figure_of(kind).expect("a tracked kind has a figure");
            assert!(kpi::catalog::get(id).is_some(), "{kind}: {id}");
        }
        assert_eq!(figure_of("custom"), None);
    }

    #[test]
    fn employers_of_101_or_more_must_set_both_targets() {
        assert!(!must_set_both_targets(Some("10-100")));
        assert!(must_set_both_targets(Some("101-300")));
        assert!(must_set_both_targets(Some("1001+")));
        assert!(!must_set_both_targets(None));
    }
}
