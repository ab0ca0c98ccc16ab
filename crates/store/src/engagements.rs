//! Consultant engagements (伴走支援; issue 10): the engagement with its consultants
//! and the organization's two access choices, its カエル会議, the action sheet,
//! goals and the yearly finances typed in for the productivity figures. States,
//! dates and the team are parsed here, at the store's edge, into the
//! `domain::engagement` types.

use domain::engagement::{ActionStatus, EngagementStatus, TeamMember, format_team, parse_team};
use jiff::civil::Date;

use crate::audit::{Actor, insert as audit};
use crate::{Error, Result, Store, now};

/// What staff, consultants and the organization write about an engagement.
#[derive(Debug, Clone, PartialEq)]
pub struct EngagementFields {
    pub status: EngagementStatus,
    pub starts_on: Date,
    pub ends_on: Date,
    /// 「ありたい姿」, written together.
    pub vision: String,
    /// The organization's promotion team.
    pub team: Vec<TeamMember>,
}

#[derive(Debug, Clone)]
pub struct Engagement {
    pub id: i64,
    pub region_id: i64,
    pub org_id: i64,
    pub fields: EngagementFields,
    /// The organization lets the consultants see its aggregates.
    pub grant_aggregates: bool,
    /// …and its per-employee rows (only with the aggregates).
    pub grant_rows: bool,
    /// The consultants (user ids), in the order they were chosen.
    pub consultants: Vec<i64>,
    pub created_at: String,
    pub updated_at: String,
}

/// One engagement a consultant works on, as `web::authz` needs it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Consulting {
    pub engagement_id: i64,
    pub org_id: i64,
    pub region_id: i64,
    /// Not finished and its period not over, on the day it was loaded.
    pub running: bool,
    pub aggregates: bool,
    pub rows: bool,
}

/// An engagement in a region's list (the program dashboard).
#[derive(Debug, Clone, PartialEq)]
pub struct EngagementSummary {
    pub id: i64,
    pub org_id: i64,
    pub org_name: String,
    pub status: EngagementStatus,
    pub starts_on: Date,
    pub ends_on: Date,
    pub consultants: Vec<String>,
    pub meetings: i64,
    /// Actions not started or in progress.
    pub open_actions: i64,
    /// Of those, the ones whose due day has passed.
    pub overdue_actions: i64,
}

/// One カエル会議.
#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    pub id: i64,
    pub engagement_id: i64,
    pub fields: MeetingFields,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MeetingFields {
    pub held_on: Date,
    pub participants: String,
    pub agenda: String,
    pub minutes: String,
}

/// One row of the action sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionItem {
    pub id: i64,
    pub engagement_id: i64,
    /// The meeting it was raised at.
    pub meeting_id: Option<i64>,
    pub fields: ActionFields,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActionFields {
    pub issue: String,
    pub cause: String,
    pub action: String,
    pub owner: String,
    pub due_on: Option<Date>,
    pub status: ActionStatus,
}

/// A goal, tied where possible to a catalog figure (`kpi::catalog` id).
#[derive(Debug, Clone, PartialEq)]
pub struct Goal {
    pub id: i64,
    pub engagement_id: i64,
    pub fields: GoalFields,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GoalFields {
    /// Catalog figure id, or empty for a goal in words only.
    pub figure: String,
    pub label: String,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub target_on: Option<Date>,
}

/// A fiscal year's 売上高・営業利益・人件費 in yen, as the organization typed them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finances {
    pub fiscal_year: i64,
    pub sales: i64,
    pub operating_profit: i64,
    pub labor_cost: i64,
}

fn corrupt(what: &str, value: &str) -> Error {
    Error::Database(sqlx::Error::Decode(
        format!("engagements: stored {what} not understood: {value:?}").into(),
    ))
}

pub(crate) fn date(s: &str) -> Result<Date> {
    s.parse::<Date>().map_err(|_| corrupt("date", s))
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    region_id: i64,
    org_id: i64,
    status: String,
    starts_on: String,
    ends_on: String,
    vision: String,
    team: String,
    grant_aggregates: i64,
    grant_rows: i64,
    created_at: String,
    updated_at: String,
}

const COLUMNS: &str = "id, region_id, org_id, status, starts_on, ends_on, vision, team,
    grant_aggregates, grant_rows, created_at, updated_at";

impl Row {
    fn into_engagement(self, consultants: Vec<i64>) -> Result<Engagement> {
        Ok(Engagement {
            id: self.id,
            region_id: self.region_id,
            org_id: self.org_id,
            fields: EngagementFields {
                status: EngagementStatus::parse(&self.status)
                    .map_err(|_| corrupt("status", &self.status))?,
                starts_on: date(&self.starts_on)?,
                ends_on: date(&self.ends_on)?,
                vision: self.vision,
                team: parse_team(&self.team).map_err(|_| corrupt("team", &self.team))?,
            },
            grant_aggregates: self.grant_aggregates != 0,
            grant_rows: self.grant_rows != 0,
            consultants,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct MeetingRow {
    id: i64,
    engagement_id: i64,
    held_on: String,
    participants: String,
    agenda: String,
    minutes: String,
}

impl TryFrom<MeetingRow> for Meeting {
    type Error = Error;
    fn try_from(r: MeetingRow) -> Result<Meeting> {
        Ok(Meeting {
            id: r.id,
            engagement_id: r.engagement_id,
            fields: MeetingFields {
                held_on: date(&r.held_on)?,
                participants: r.participants,
                agenda: r.agenda,
                minutes: r.minutes,
            },
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ActionRow {
    id: i64,
    engagement_id: i64,
    meeting_id: Option<i64>,
    issue: String,
    cause: String,
    action: String,
    owner: String,
    due_on: Option<String>,
    status: String,
}

impl TryFrom<ActionRow> for ActionItem {
    type Error = Error;
    fn try_from(r: ActionRow) -> Result<ActionItem> {
        Ok(ActionItem {
            id: r.id,
            engagement_id: r.engagement_id,
            meeting_id: r.meeting_id,
            fields: ActionFields {
                issue: r.issue,
                cause: r.cause,
                action: r.action,
                owner: r.owner,
                due_on: r.due_on.as_deref().map(date).transpose()?,
                status: ActionStatus::parse(&r.status)
                    .map_err(|_| corrupt("action status", &r.status))?,
            },
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct GoalRow {
    pub(crate) id: i64,
    pub(crate) engagement_id: i64,
    pub(crate) figure: String,
    pub(crate) label: String,
    pub(crate) baseline: Option<f64>,
    pub(crate) target: Option<f64>,
    pub(crate) target_on: Option<String>,
}

/// Today's date in Japan by the real clock (UTC+9, no summer time).
fn japan_today() -> Date {
    jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(9)))
        .date()
}

/// The consultants must hold the consultant role in the engagement's region.
async fn check_consultants(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    region_id: i64,
    consultants: &[i64],
) -> Result<()> {
    if consultants.is_empty() {
        return Err(Error::Conflict("an engagement needs a consultant".into()));
    }
    for user_id in consultants {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM role_assignments
             WHERE user_id = $1 AND role = 'consultant' AND region_id = $2",
        )
        .bind(user_id)
        .bind(region_id)
        .fetch_one(&mut **tx)
        .await?;
        if n == 0 {
            return Err(Error::Conflict(format!(
                "user {user_id} is not a consultant of region {region_id}"
            )));
        }
    }
    Ok(())
}

async fn set_consultants(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    engagement_id: i64,
    consultants: &[i64],
) -> Result<()> {
    sqlx::query("DELETE FROM engagement_consultants WHERE engagement_id = $1")
        .bind(engagement_id)
        .execute(&mut **tx)
        .await?;
    let mut seen = Vec::new();
    for user_id in consultants {
        if seen.contains(user_id) {
            continue;
        }
        seen.push(*user_id);
        sqlx::query("INSERT INTO engagement_consultants (engagement_id, user_id) VALUES ($1, $2)")
            .bind(engagement_id)
            .bind(user_id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

impl Store {
    /// Create an engagement of `org_id` (which must be in `region_id`) with its
    /// consultants (consultants of that region) and its audit entry, in one
    /// transaction.
    pub async fn create_engagement(
        &self,
        region_id: i64,
        org_id: i64,
        consultants: &[i64],
        f: &EngagementFields,
        actor: &Actor,
    ) -> Result<i64> {
        let mut tx = self.pool().begin().await?;
        let org_region: Option<Option<i64>> =
            sqlx::query_scalar("SELECT region_id FROM organizations WHERE id = $1")
                .bind(org_id)
                .fetch_optional(&mut *tx)
                .await?;
        if org_region.flatten() != Some(region_id) {
            return Err(Error::Conflict(
                "the organization is not in the region".into(),
            ));
        }
        check_consultants(&mut tx, region_id, consultants).await?;
        let stamp = now();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO engagements (region_id, org_id, status, starts_on, ends_on, vision, team,
                created_by, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
        )
        .bind(region_id)
        .bind(org_id)
        .bind(f.status.as_str())
        .bind(f.starts_on.to_string())
        .bind(f.ends_on.to_string())
        .bind(&f.vision)
        .bind(format_team(&f.team))
        .bind(actor.user_id)
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await
        .map_err(Error::from_write)?;
        set_consultants(&mut tx, id, consultants).await?;
        audit(
            &mut *tx,
            actor,
            "create",
            "engagement",
            &id.to_string(),
            &format!("org={org_id} {}..{}", f.starts_on, f.ends_on),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Change an engagement's status, period, ありたい姿 and team; with
    /// `consultants`, also who consults on it.
    pub async fn update_engagement(
        &self,
        id: i64,
        f: &EngagementFields,
        consultants: Option<&[i64]>,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let region_id: i64 = sqlx::query_scalar("SELECT region_id FROM engagements WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(Error::NotFound)?;
        sqlx::query(
            "UPDATE engagements SET status = $1, starts_on = $2, ends_on = $3, vision = $4,
                team = $5, updated_at = $6 WHERE id = $7",
        )
        .bind(f.status.as_str())
        .bind(f.starts_on.to_string())
        .bind(f.ends_on.to_string())
        .bind(&f.vision)
        .bind(format_team(&f.team))
        .bind(now())
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(Error::from_write)?;
        if let Some(consultants) = consultants {
            check_consultants(&mut tx, region_id, consultants).await?;
            set_consultants(&mut tx, id, consultants).await?;
        }
        audit(
            &mut *tx,
            actor,
            "update",
            "engagement",
            &id.to_string(),
            &format!(
                "status={} {}..{}",
                f.status.as_str(),
                f.starts_on,
                f.ends_on
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The organization's two choices: aggregates, and rows (rows imply aggregates).
    pub async fn set_engagement_access(
        &self,
        id: i64,
        aggregates: bool,
        rows: bool,
        actor: &Actor,
    ) -> Result<()> {
        let rows = rows && aggregates;
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query(
            "UPDATE engagements SET grant_aggregates = $1, grant_rows = $2, updated_at = $3
             WHERE id = $4",
        )
        .bind(i64::from(aggregates))
        .bind(i64::from(rows))
        .bind(now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        audit(
            &mut *tx,
            actor,
            "update",
            "engagement_access",
            &id.to_string(),
            &format!("aggregates={aggregates} rows={rows}"),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn consultants_of(&self, engagement_id: i64) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT user_id FROM engagement_consultants WHERE engagement_id = $1 ORDER BY user_id",
        )
        .bind(engagement_id)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn engagement(&self, id: i64) -> Result<Engagement> {
        let row: Option<Row> =
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM engagements WHERE id = $1"))
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
        let consultants = self.consultants_of(id).await?;
        row.ok_or(Error::NotFound)?.into_engagement(consultants)
    }

    async fn engagements_where(&self, sql: &str, id: i64) -> Result<Vec<Engagement>> {
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM engagements WHERE {sql} ORDER BY starts_on DESC, id DESC"
        ))
        .bind(id)
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::new();
        for r in rows {
            let c = self.consultants_of(r.id).await?;
            out.push(r.into_engagement(c)?);
        }
        Ok(out)
    }

    /// The engagements a user consults on.
    pub async fn engagements_of_consultant(&self, user_id: i64) -> Result<Vec<Engagement>> {
        self.engagements_where(
            "id IN (SELECT engagement_id FROM engagement_consultants WHERE user_id = $1)",
            user_id,
        )
        .await
    }

    pub async fn engagements_of_org(&self, org_id: i64) -> Result<Vec<Engagement>> {
        self.engagements_where("org_id = $1", org_id).await
    }

    pub async fn engagements_of_region(&self, region_id: i64) -> Result<Vec<Engagement>> {
        self.engagements_where("region_id = $1", region_id).await
    }

    pub async fn all_engagements(&self) -> Result<Vec<Engagement>> {
        self.engagements_where("$1 = $1", 0).await
    }

    /// What a consultant's engagements open to them on `today` (for `Principal`):
    /// only engagements in a region where the user still holds the consultant role.
    pub async fn consulting_of(&self, user_id: i64, today: Date) -> Result<Vec<Consulting>> {
        let engagements = self.engagements_of_consultant(user_id).await?;
        let regions: Vec<Option<i64>> = sqlx::query_scalar(
            "SELECT region_id FROM role_assignments WHERE user_id = $1 AND role = 'consultant'",
        )
        .bind(user_id)
        .fetch_all(self.pool())
        .await?;
        Ok(engagements
            .into_iter()
            .filter(|e| regions.contains(&Some(e.region_id)))
            .map(|e| Consulting {
                engagement_id: e.id,
                org_id: e.org_id,
                region_id: e.region_id,
                running: domain::engagement::is_running(e.fields.status, e.fields.ends_on, today),
                aggregates: e.grant_aggregates,
                rows: e.grant_rows,
            })
            .collect())
    }

    /// The users who may be chosen as consultants in a region: (id, name).
    pub async fn consultants_in_region(&self, region_id: i64) -> Result<Vec<(i64, String)>> {
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT DISTINCT u.id, u.display_name FROM users u
             JOIN role_assignments r ON r.user_id = u.id
             WHERE r.role = 'consultant' AND r.region_id = $1 AND u.disabled = 0
             ORDER BY u.display_name, u.id",
        )
        .bind(region_id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows)
    }

    /// Every engagement of a region with its consultants' names, meetings and
    /// open/overdue actions as of today in Japan (for the program dashboard).
    pub async fn engagements_in_region(&self, region_id: i64) -> Result<Vec<EngagementSummary>> {
        self.engagements_in_region_on(region_id, japan_today())
            .await
    }

    /// [`Store::engagements_in_region`] with overdue counted as of `today`.
    pub async fn engagements_in_region_on(
        &self,
        region_id: i64,
        today: Date,
    ) -> Result<Vec<EngagementSummary>> {
        let mut out = Vec::new();
        for e in self.engagements_of_region(region_id).await? {
            let org_name: String =
                sqlx::query_scalar("SELECT name FROM organizations WHERE id = $1")
                    .bind(e.org_id)
                    .fetch_one(self.pool())
                    .await?;
            let consultants: Vec<String> = sqlx::query_scalar(
                "SELECT u.display_name FROM users u
                 JOIN engagement_consultants c ON c.user_id = u.id
                 WHERE c.engagement_id = $1 ORDER BY u.id",
            )
            .bind(e.id)
            .fetch_all(self.pool())
            .await?;
            let meetings: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM engagement_meetings WHERE engagement_id = $1",
            )
            .bind(e.id)
            .fetch_one(self.pool())
            .await?;
            let actions = self.engagement_actions(e.id).await?;
            let open: Vec<&ActionItem> = actions
                .iter()
                .filter(|a| a.fields.status.is_open())
                .collect();
            let overdue = open
                .iter()
                .filter(|a| domain::engagement::is_overdue(a.fields.status, a.fields.due_on, today))
                .count();
            out.push(EngagementSummary {
                id: e.id,
                org_id: e.org_id,
                org_name,
                status: e.fields.status,
                starts_on: e.fields.starts_on,
                ends_on: e.fields.ends_on,
                consultants,
                meetings,
                open_actions: open.len() as i64,
                overdue_actions: overdue as i64,
            });
        }
        Ok(out)
    }
}
