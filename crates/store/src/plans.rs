//! 一般事業主行動計画: plans and their numeric targets.

use serde::Serialize;

use crate::{Result, Store, now};

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ActionPlan {
    pub id: i64,
    pub org_id: i64,
    pub starts_on: String,
    pub ends_on: String,
    pub measures: String,
    pub created_at: String,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct PlanTarget {
    pub id: i64,
    pub plan_id: i64,
    /// "male_childcare_rate" | "monthly_overtime_hours" | "custom".
    pub kind: String,
    pub label: String,
    pub target_value: f64,
    pub position: i64,
}

#[derive(Debug, Clone)]
pub struct NewTarget {
    pub kind: String,
    pub label: String,
    pub target_value: f64,
}

impl Store {
    /// Record a plan with its targets, all or nothing.
    pub async fn create_action_plan(
        &self,
        org_id: i64,
        starts_on: &str,
        ends_on: &str,
        measures: &str,
        targets: &[NewTarget],
        created_by: Option<i64>,
    ) -> Result<i64> {
        let mut tx = self.pool().begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO action_plans (org_id, starts_on, ends_on, measures, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(org_id)
        .bind(starts_on)
        .bind(ends_on)
        .bind(measures)
        .bind(created_by)
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
        for (i, t) in targets.iter().enumerate() {
            sqlx::query(
                "INSERT INTO action_plan_targets (plan_id, kind, label, target_value, position)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(&t.kind)
            .bind(&t.label)
            .bind(t.target_value)
            .bind(i as i64)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// The organization's plans, newest period first, each with its targets.
    pub async fn action_plans(&self, org_id: i64) -> Result<Vec<(ActionPlan, Vec<PlanTarget>)>> {
        let plans: Vec<ActionPlan> = sqlx::query_as(
            "SELECT id, org_id, starts_on, ends_on, measures, created_at FROM action_plans
             WHERE org_id = $1 ORDER BY starts_on DESC, id DESC",
        )
        .bind(org_id)
        .fetch_all(self.pool())
        .await?;
        let targets: Vec<PlanTarget> = sqlx::query_as(
            "SELECT t.id, t.plan_id, t.kind, t.label, t.target_value, t.position
             FROM action_plan_targets t JOIN action_plans p ON p.id = t.plan_id
             WHERE p.org_id = $1 ORDER BY t.plan_id, t.position",
        )
        .bind(org_id)
        .fetch_all(self.pool())
        .await?;
        Ok(plans
            .into_iter()
            .map(|p| {
                let mine = targets
                    .iter()
                    .filter(|t| t.plan_id == p.id)
                    .cloned()
                    .collect();
                (p, mine)
            })
            .collect())
    }
}
