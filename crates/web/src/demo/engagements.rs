//! The demo's consultant engagements (soma.toml `[[engagements]]`): through the
//! store's own functions, the goals' baselines computed from the demo's imports.

use std::collections::HashMap;

use domain::engagement::{ActionStatus, EngagementStatus, parse_team};
use serde::Deserialize;
use store::Store;
use store::engagements::{ActionFields, EngagementFields, Finances, GoalFields, MeetingFields};

#[derive(Deserialize)]
pub struct DemoEngagement {
    org: String,
    consultants: Vec<String>,
    status: String,
    starts_on: String,
    ends_on: String,
    #[serde(default)]
    grant_aggregates: bool,
    #[serde(default)]
    vision: String,
    #[serde(default)]
    team: String,
    #[serde(default)]
    meetings: Vec<DemoMeeting>,
    #[serde(default)]
    goals: Vec<DemoGoal>,
    #[serde(default)]
    finances: Vec<DemoFinances>,
}

#[derive(Deserialize)]
struct DemoMeeting {
    held_on: String,
    participants: String,
    agenda: String,
    #[serde(default)]
    minutes: String,
    #[serde(default)]
    actions: Vec<DemoAction>,
}

#[derive(Deserialize)]
struct DemoAction {
    issue: String,
    #[serde(default)]
    cause: String,
    action: String,
    #[serde(default)]
    owner: String,
    due_on: Option<String>,
    status: String,
}

#[derive(Deserialize)]
struct DemoGoal {
    label: String,
    #[serde(default)]
    figure: String,
    target: Option<f64>,
    target_on: Option<String>,
}

#[derive(Deserialize)]
struct DemoFinances {
    fiscal_year: i64,
    sales: i64,
    operating_profit: i64,
    labor_cost: i64,
}

fn date(s: &str) -> anyhow::Result<jiff::civil::Date> {
    Ok(s.parse()?)
}

pub async fn load(
    store: &Store,
    engagements: &[DemoEngagement],
    org_ids: &HashMap<String, i64>,
    actor: &store::audit::Actor,
) -> anyhow::Result<()> {
    for d in engagements {
        let org_id = *org_ids
            .get(&d.org)
            .ok_or_else(|| anyhow::anyhow!("demo engagement: no organization {}", d.org))?;
        let org = store.organization(org_id).await?;
        let region_id = org
            .region_id
            .ok_or_else(|| anyhow::anyhow!("demo engagement: {} has no region", d.org))?;
        let mut consultants = Vec::new();
        for email in &d.consultants {
            let user = store
                .user_by_email(email)
                .await?
                .ok_or_else(|| anyhow::anyhow!("demo engagement: no user {email}"))?;
            consultants.push(user.id);
        }
        let fields = EngagementFields {
            status: EngagementStatus::parse(&d.status)?,
            starts_on: date(&d.starts_on)?,
            ends_on: date(&d.ends_on)?,
            vision: d.vision.clone(),
            team: parse_team(&d.team)?,
        };
        let id = store
            .create_engagement(region_id, org_id, &consultants, &fields, actor)
            .await?;
        if d.grant_aggregates {
            store.set_engagement_access(id, true, false, actor).await?;
        }
        for m in &d.meetings {
            let mut actions = Vec::new();
            for a in &m.actions {
                actions.push(ActionFields {
                    issue: a.issue.clone(),
                    cause: a.cause.clone(),
                    action: a.action.clone(),
                    owner: a.owner.clone(),
                    due_on: a.due_on.as_deref().map(date).transpose()?,
                    status: ActionStatus::parse(&a.status)?,
                });
            }
            store
                .record_meeting(
                    id,
                    &MeetingFields {
                        held_on: date(&m.held_on)?,
                        participants: m.participants.clone(),
                        agenda: m.agenda.clone(),
                        minutes: m.minutes.clone(),
                    },
                    &actions,
                    actor,
                )
                .await?;
        }
        for g in &d.goals {
            // The baseline of a figure's goal: the months before the start, from
            // the demo's own imports (as the goal form does).
            let baseline = if g.figure.is_empty() {
                None
            } else {
                let w =
                    kpi::engagement::windows(fields.starts_on, fields.ends_on, crate::today_jst());
                match (w.before.first(), w.before.last()) {
                    (Some(from), Some(to)) => {
                        let facts: Vec<kpi::engagement::EmployeeMonth> = store
                            .employee_months_between(org_id, &from.to_string(), &to.to_string())
                            .await?
                            .into_iter()
                            .filter_map(|(employee, month, ot, hol)| {
                                Some(kpi::engagement::EmployeeMonth {
                                    employee,
                                    month: kpi::YearMonth::parse(&month)?,
                                    legal_overtime_minutes: ot,
                                    legal_holiday_minutes: hol,
                                })
                            })
                            .collect();
                        kpi::engagement::overtime_over(&facts, &w.before).hours_per_employee_month
                    }
                    _ => None,
                }
            };
            store
                .add_engagement_goal(
                    id,
                    &GoalFields {
                        figure: g.figure.clone(),
                        label: g.label.clone(),
                        baseline: baseline.map(|b| (b * 10.0).round() / 10.0),
                        target: g.target,
                        target_on: g.target_on.as_deref().map(date).transpose()?,
                    },
                    actor,
                )
                .await?;
        }
        for f in &d.finances {
            store
                .set_engagement_finances(
                    id,
                    &Finances {
                        fiscal_year: f.fiscal_year,
                        sales: f.sales,
                        operating_profit: f.operating_profit,
                        labor_cost: f.labor_cost,
                    },
                    actor,
                )
                .await?;
        }
    }
    Ok(())
}
