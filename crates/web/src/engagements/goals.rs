//! Goals of an engagement (tied where possible to a catalog figure and tracked
//! from the imports) and the yearly finances the organization types in for
//! 生産性: the forms and the views the engagement page shows.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use kpi::catalog::ids::MONTHLY_OVERTIME_AVERAGE;
use serde::Deserialize;
use store::engagements::{Engagement, Finances, GoalFields};
use store::orgs::Organization;

use super::report::{facts, figure_name, report_action, report_windows};
use super::{engagement_for, work_action};
use crate::AppState;
use crate::auth::redirect_with_flash;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::i18n::Tr;

pub struct GoalView {
    pub label: String,
    pub figure: String,
    pub figure_id: String,
    pub baseline: String,
    pub target: String,
    pub target_on: String,
    /// The current value (report readers only) and how far it has come.
    pub current: String,
    pub progress: String,
}

pub struct GoalChoices {
    pub figures: Vec<(&'static str, String)>,
}

pub fn goal_choices(t: &Tr) -> GoalChoices {
    GoalChoices {
        figures: vec![(
            MONTHLY_OVERTIME_AVERAGE,
            figure_name(t, MONTHLY_OVERTIME_AVERAGE),
        )],
    }
}

fn number(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.1}")).unwrap_or_default()
}

pub async fn goal_views(
    state: &AppState,
    c: &Ctx,
    e: &Engagement,
    org: &Organization,
) -> Result<Vec<GoalView>, AppError> {
    let t = &c.t;
    let goals = state.store.engagement_goals(e.id).await?;
    let w = report_windows(e, crate::today_jst());
    let current = if goals
        .iter()
        .any(|g| g.fields.figure == MONTHLY_OVERTIME_AVERAGE)
    {
        let f = facts(state, e.org_id, &w).await?;
        kpi::engagement::overtime_over(&f, &w.after).hours_per_employee_month
    } else {
        None
    };
    let sees_values = c.can(&report_action(e, org));
    Ok(goals
        .iter()
        .map(|g| {
            let tracked = g.fields.figure == MONTHLY_OVERTIME_AVERAGE;
            let now = if tracked { current } else { None };
            let progress = match (g.fields.baseline, g.fields.target, now) {
                (Some(b), Some(tg), Some(n)) => kpi::engagement::goal_progress(b, tg, n)
                    .map(|p| t.f1("engagements.goal.progress", "p", format!("{p:.0}")))
                    .unwrap_or_default(),
                _ if tracked => t.t("engagements.goal.no_data").to_string(),
                _ => t.t("engagements.goal.not_tracked").to_string(),
            };
            GoalView {
                label: g.fields.label.clone(),
                figure: figure_name(t, &g.fields.figure),
                figure_id: g.fields.figure.clone(),
                baseline: if sees_values {
                    number(g.fields.baseline)
                } else {
                    String::new()
                },
                target: number(g.fields.target),
                target_on: g
                    .fields
                    .target_on
                    .map(|d| t.date(&d.to_string()))
                    .unwrap_or_default(),
                current: if sees_values {
                    number(now)
                } else {
                    String::new()
                },
                progress,
            }
        })
        .collect())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct GoalForm {
    figure: String,
    label: String,
    baseline: String,
    target: String,
    target_on: String,
}

fn decimal(v: &str) -> Result<Option<f64>, AppError> {
    let v = domain::normalize_digits(v).trim().to_string();
    if v.is_empty() {
        return Ok(None);
    }
    v.parse::<f64>()
        .ok()
        .filter(|x| x.is_finite() && x.abs() < 1e12)
        .map(Some)
        .ok_or_else(|| AppError::BadRequest("number".into()))
}

pub async fn add_goal(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<GoalForm>,
) -> Result<Response, AppError> {
    let e = engagement_for(&state, &c, id, work_action).await?;
    let label = form.label.trim().to_string();
    if label.is_empty() || label.chars().count() > 300 {
        return Err(AppError::BadRequest("label".into()));
    }
    let figure = match form.figure.trim() {
        "" => String::new(),
        MONTHLY_OVERTIME_AVERAGE => MONTHLY_OVERTIME_AVERAGE.to_string(),
        _ => return Err(AppError::BadRequest("figure".into())),
    };
    let target_on = match form.target_on.trim() {
        "" => None,
        d => Some(d.parse().map_err(|_| AppError::BadRequest("date".into()))?),
    };
    let mut baseline = decimal(&form.baseline)?;
    if baseline.is_none() && figure == MONTHLY_OVERTIME_AVERAGE {
        // The before window of the report, computed from the imports.
        let w = report_windows(&e, crate::today_jst());
        let f = facts(&state, e.org_id, &w).await?;
        baseline = kpi::engagement::overtime_over(&f, &w.before).hours_per_employee_month;
    }
    let g = GoalFields {
        figure,
        label,
        baseline,
        target: decimal(&form.target)?,
        target_on,
    };
    state
        .store
        .add_engagement_goal(e.id, &g, &c.actor())
        .await?;
    Ok(redirect_with_flash(
        &format!("/engagements/{id}#goals"),
        "flash.saved",
        state.config.cookie_secure,
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct FinancesForm {
    fiscal_year: String,
    sales: String,
    operating_profit: String,
    labor_cost: String,
}

fn yen(v: &str) -> Result<i64, AppError> {
    let v = domain::normalize_digits(v).trim().replace([',', '，'], "");
    v.parse::<i64>()
        .ok()
        .filter(|x| x.abs() < 10_i64.pow(15))
        .ok_or_else(|| AppError::BadRequest("yen".into()))
}

pub async fn set_finances(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<FinancesForm>,
) -> Result<Response, AppError> {
    let e = engagement_for(&state, &c, id, |e| Action::DeclareForOrganization {
        org_id: e.org_id,
    })
    .await?;
    let fy = domain::FiscalYear::parse(&form.fiscal_year)
        .map_err(|_| AppError::BadRequest("fiscal_year".into()))?;
    let f = Finances {
        fiscal_year: i64::from(fy.year()),
        sales: yen(&form.sales)?,
        operating_profit: yen(&form.operating_profit)?,
        labor_cost: yen(&form.labor_cost)?,
    };
    state
        .store
        .set_engagement_finances(e.id, &f, &c.actor())
        .await?;
    Ok(redirect_with_flash(
        &format!("/engagements/{id}#finances"),
        "flash.saved",
        state.config.cookie_secure,
    ))
}
