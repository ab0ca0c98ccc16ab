//! What an engagement records as it goes: カエル会議, the action sheet, goals and
//! the yearly finances (types in [`crate::engagements`]).

use crate::audit::{Actor, insert as audit};
use crate::engagements::{
    ActionFields, ActionItem, ActionRow, Finances, Goal, GoalFields, GoalRow, Meeting,
    MeetingFields, MeetingRow, date,
};
use crate::float_bind::OptionalFloat;
use crate::{Error, Result, Store, now};

const MEETING_COLUMNS: &str = "id, engagement_id, held_on, participants, agenda, minutes";
const ACTION_COLUMNS: &str =
    "id, engagement_id, meeting_id, issue, cause, action, owner, due_on, status";

pub(crate) async fn insert_action(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    engagement_id: i64,
    meeting_id: Option<i64>,
    a: &ActionFields,
    stamp: &str,
) -> Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO engagement_actions (engagement_id, meeting_id, issue, cause, action, owner,
            due_on, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
    )
    .bind(engagement_id)
    .bind(meeting_id)
    .bind(&a.issue)
    .bind(&a.cause)
    .bind(&a.action)
    .bind(&a.owner)
    .bind(a.due_on.map(|d| d.to_string()))
    .bind(a.status.as_str())
    .bind(stamp)
    .fetch_one(&mut **tx)
    .await
    .map_err(Error::from_write)
}

impl Store {
    /// Record a meeting and the actions decided at it, in one transaction.
    pub async fn record_meeting(
        &self,
        engagement_id: i64,
        m: &MeetingFields,
        actions: &[ActionFields],
        actor: &Actor,
    ) -> Result<i64> {
        let stamp = now();
        let mut tx = self.pool().begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO engagement_meetings (engagement_id, held_on, participants, agenda,
                minutes, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(engagement_id)
        .bind(m.held_on.to_string())
        .bind(&m.participants)
        .bind(&m.agenda)
        .bind(&m.minutes)
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await
        .map_err(Error::from_write)?;
        for a in actions {
            insert_action(&mut tx, engagement_id, Some(id), a, &stamp).await?;
        }
        audit(
            &mut *tx,
            actor,
            "create",
            "engagement_meeting",
            &id.to_string(),
            &format!("engagement={engagement_id} {}", m.held_on),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The meetings of an engagement, oldest first.
    pub async fn engagement_meetings(&self, engagement_id: i64) -> Result<Vec<Meeting>> {
        let rows: Vec<MeetingRow> = sqlx::query_as(&format!(
            "SELECT {MEETING_COLUMNS} FROM engagement_meetings WHERE engagement_id = $1
             ORDER BY held_on, id"
        ))
        .bind(engagement_id)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(Meeting::try_from).collect()
    }

    /// One meeting of one engagement (NotFound when it belongs to another).
    pub async fn engagement_meeting(&self, engagement_id: i64, id: i64) -> Result<Meeting> {
        let row: Option<MeetingRow> = sqlx::query_as(&format!(
            "SELECT {MEETING_COLUMNS} FROM engagement_meetings WHERE id = $1 AND engagement_id = $2"
        ))
        .bind(id)
        .bind(engagement_id)
        .fetch_optional(self.pool())
        .await?;
        row.ok_or(Error::NotFound)?.try_into()
    }

    /// Add an action outside a meeting.
    pub async fn add_engagement_action(
        &self,
        engagement_id: i64,
        a: &ActionFields,
        actor: &Actor,
    ) -> Result<i64> {
        let stamp = now();
        let mut tx = self.pool().begin().await?;
        let id = insert_action(&mut tx, engagement_id, None, a, &stamp).await?;
        audit(
            &mut *tx,
            actor,
            "create",
            "engagement_action",
            &id.to_string(),
            &format!("engagement={engagement_id}"),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Change an action's status (NotFound when it belongs to another engagement).
    pub async fn set_engagement_action_status(
        &self,
        engagement_id: i64,
        id: i64,
        status: domain::engagement::ActionStatus,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query(
            "UPDATE engagement_actions SET status = $1, updated_at = $2
             WHERE id = $3 AND engagement_id = $4",
        )
        .bind(status.as_str())
        .bind(now())
        .bind(id)
        .bind(engagement_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        audit(
            &mut *tx,
            actor,
            "update",
            "engagement_action",
            &id.to_string(),
            &format!("status={}", status.as_str()),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The action sheet, in the order the actions were raised.
    pub async fn engagement_actions(&self, engagement_id: i64) -> Result<Vec<ActionItem>> {
        let rows: Vec<ActionRow> = sqlx::query_as(&format!(
            "SELECT {ACTION_COLUMNS} FROM engagement_actions WHERE engagement_id = $1 ORDER BY id"
        ))
        .bind(engagement_id)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(ActionItem::try_from).collect()
    }

    pub async fn add_engagement_goal(
        &self,
        engagement_id: i64,
        g: &GoalFields,
        actor: &Actor,
    ) -> Result<i64> {
        let mut tx = self.pool().begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO engagement_goals (engagement_id, figure, label, baseline, target,
                target_on, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(engagement_id)
        .bind(&g.figure)
        .bind(&g.label)
        .bind(OptionalFloat(g.baseline))
        .bind(OptionalFloat(g.target))
        .bind(g.target_on.map(|d| d.to_string()))
        .bind(now())
        .fetch_one(&mut *tx)
        .await
        .map_err(Error::from_write)?;
        audit(
            &mut *tx,
            actor,
            "create",
            "engagement_goal",
            &id.to_string(),
            &g.label,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn engagement_goals(&self, engagement_id: i64) -> Result<Vec<Goal>> {
        let rows: Vec<GoalRow> = sqlx::query_as(
            "SELECT id, engagement_id, figure, label, baseline, target, target_on
             FROM engagement_goals WHERE engagement_id = $1 ORDER BY id",
        )
        .bind(engagement_id)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(Goal {
                    id: r.id,
                    engagement_id: r.engagement_id,
                    fields: GoalFields {
                        figure: r.figure,
                        label: r.label,
                        baseline: r.baseline,
                        target: r.target,
                        target_on: r.target_on.as_deref().map(date).transpose()?,
                    },
                })
            })
            .collect()
    }

    /// Type in (or replace) one fiscal year's finances.
    pub async fn set_engagement_finances(
        &self,
        engagement_id: i64,
        f: &Finances,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "DELETE FROM engagement_finances WHERE engagement_id = $1 AND fiscal_year = $2",
        )
        .bind(engagement_id)
        .bind(f.fiscal_year)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO engagement_finances (engagement_id, fiscal_year, sales,
                operating_profit, labor_cost, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(engagement_id)
        .bind(f.fiscal_year)
        .bind(f.sales)
        .bind(f.operating_profit)
        .bind(f.labor_cost)
        .bind(now())
        .execute(&mut *tx)
        .await
        .map_err(Error::from_write)?;
        audit(
            &mut *tx,
            actor,
            "update",
            "engagement_finances",
            &engagement_id.to_string(),
            &format!("fy={}", f.fiscal_year),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn engagement_finances(&self, engagement_id: i64) -> Result<Vec<Finances>> {
        let rows: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT fiscal_year, sales, operating_profit, labor_cost FROM engagement_finances
             WHERE engagement_id = $1 ORDER BY fiscal_year",
        )
        .bind(engagement_id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(fiscal_year, sales, operating_profit, labor_cost)| Finances {
                    fiscal_year,
                    sales,
                    operating_profit,
                    labor_cost,
                },
            )
            .collect())
    }

    /// The organization's imported employee-months from `from` to `to`
    /// (`YYYY-MM`, both included): (employee key, month, legal overtime
    /// minutes, legal-holiday minutes).
    pub async fn employee_months_between(
        &self,
        org_id: i64,
        from: &str,
        to: &str,
    ) -> Result<Vec<(String, String, i64, i64)>> {
        Ok(sqlx::query_as(
            "SELECT employee_key, month, legal_overtime_minutes, legal_holiday_minutes
             FROM kpi_employee_months WHERE org_id = $1 AND month >= $2 AND month <= $3
             ORDER BY month, employee_key",
        )
        .bind(org_id)
        .bind(from)
        .bind(to)
        .fetch_all(self.pool())
        .await?)
    }
}
