//! 朝メール・夜メール (issue 13, migration 0033): the organization's settings
//! and teams, each person's plan and actual of the day, drafts saved as they
//! type, teammates' comments and thanks, recurring blocks, in-app
//! notifications and what each person asked to be told by mail.

use domain::daily::{Block, TimeOfDay};

use crate::mail::{NewMail, enqueue};
use crate::{Error, Result, Store, now};

/// An organization's settings; [`AsaSettings::default_for_new`] until saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsaSettings {
    pub categories: Vec<String>,
    /// 始業 and 終業 (定時): the day a plan is measured against.
    pub scheduled_start: TimeOfDay,
    pub scheduled_end: TimeOfDay,
}

impl AsaSettings {
    pub fn default_for_new() -> AsaSettings {
        AsaSettings {
            categories: domain::daily::DEFAULT_CATEGORIES
                .iter()
                .map(|s| s.to_string())
                .collect(),
            scheduled_start: TimeOfDay::from_minutes(8 * 60 + 30).unwrap_or(TimeOfDay::MIDNIGHT),
            scheduled_end: TimeOfDay::from_minutes(17 * 60 + 30).unwrap_or(TimeOfDay::END_OF_DAY),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Team {
    pub id: i64,
    pub name: String,
}

/// A person of the organization (its admins and members), with their team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub team_id: Option<i64>,
    /// リーダー: sees who has not posted and whose day is overloaded.
    pub leader: bool,
}

/// A person's day as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDay {
    pub id: i64,
    pub org_id: i64,
    pub user_id: i64,
    /// YYYY-MM-DD.
    pub day: String,
    pub team_id: Option<i64>,
    pub hitokoto: String,
    pub planned: Vec<Block>,
    pub scheduled_end: TimeOfDay,
    pub planned_at: String,
    pub actual: Option<Vec<Block>>,
    pub reflection: String,
    pub reported_at: Option<String>,
}

/// Whether a comment is a comment or a thanks (ありがとう).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentKind {
    Comment,
    Thanks,
}

impl CommentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CommentKind::Comment => "comment",
            CommentKind::Thanks => "thanks",
        }
    }
    pub fn parse(s: &str) -> Option<CommentKind> {
        match s {
            "comment" => Some(CommentKind::Comment),
            "thanks" => Some(CommentKind::Thanks),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub id: i64,
    pub day_id: i64,
    pub author_id: i64,
    pub author_name: String,
    pub kind: CommentKind,
    pub to_user_id: Option<i64>,
    pub to_name: Option<String>,
    pub body: String,
    pub created_at: String,
}

/// A comment or thanks to write, with whom to tell.
pub struct NewComment<'a> {
    pub day_id: i64,
    pub author_id: i64,
    pub kind: CommentKind,
    pub to_user_id: Option<i64>,
    pub body: &'a str,
}

/// Whom a write tells: in-app always, by mail when they asked for it (the
/// caller built the mails of those who did).
#[derive(Default)]
pub struct Tell {
    pub in_app: Vec<i64>,
    pub mails: Vec<NewMail>,
}

/// Which of a day's forms a draft belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftKind {
    Plan,
    Report,
}

impl DraftKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DraftKind::Plan => "plan",
            DraftKind::Report => "report",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurring {
    pub id: i64,
    /// Bit 0 = Monday … bit 6 = Sunday.
    pub weekdays: u8,
    pub block: Block,
}

/// What a notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotificationKind {
    Comment,
    Thanks,
}

impl NotificationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::Comment => "comment",
            NotificationKind::Thanks => "thanks",
        }
    }
    fn parse(s: &str) -> Option<NotificationKind> {
        match s {
            "comment" => Some(NotificationKind::Comment),
            "thanks" => Some(NotificationKind::Thanks),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub id: i64,
    pub org_id: i64,
    pub kind: NotificationKind,
    pub actor_name: String,
    /// The day it is about (YYYY-MM-DD) and whose it is.
    pub day: String,
    pub day_owner_id: i64,
    pub created_at: String,
    pub read: bool,
}

/// Which days an analytics pass reads.
#[derive(Debug, Clone, Copy)]
pub struct DayFilter<'a> {
    pub org_id: i64,
    /// YYYY-MM-DD, inclusive.
    pub from: &'a str,
    pub to: &'a str,
    pub team_id: Option<i64>,
    pub user_id: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct DayRow {
    id: i64,
    org_id: i64,
    user_id: i64,
    day: String,
    team_id: Option<i64>,
    hitokoto: String,
    planned: String,
    scheduled_end: String,
    planned_at: String,
    actual: Option<String>,
    reflection: String,
    reported_at: Option<String>,
}

/// What [`Store::asa_seat`] reads: the settings' row and the team's, if any.
#[derive(sqlx::FromRow)]
struct SeatRow {
    categories: Option<String>,
    scheduled_start: Option<String>,
    scheduled_end: Option<String>,
    team_id: Option<i64>,
    team_name: Option<String>,
    leader: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    user_id: i64,
    display_name: String,
    email: String,
    team_id: Option<i64>,
    leader: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct CommentRow {
    id: i64,
    day_id: i64,
    author_id: i64,
    author_name: String,
    kind: String,
    to_user_id: Option<i64>,
    to_name: Option<String>,
    body: String,
    created_at: String,
}

#[derive(sqlx::FromRow)]
struct NotificationRow {
    id: i64,
    org_id: i64,
    kind: String,
    actor: Option<String>,
    day: String,
    owner: i64,
    created_at: String,
    read_at: Option<String>,
}

const DAY_COLUMNS: &str = "id, org_id, user_id, day, team_id, hitokoto, planned, scheduled_end, \
     planned_at, actual, reflection, reported_at";

fn decode(why: String) -> Error {
    Error::Database(sqlx::Error::Decode(why.into()))
}

fn blocks(json: &str) -> Result<Vec<Block>> {
    serde_json::from_str(json).map_err(|e| decode(format!("day blocks: {e}")))
}

fn to_json(blocks: &[Block]) -> String {
    serde_json::to_string(blocks).unwrap_or_else(|_| "[]".into())
}

impl TryFrom<DayRow> for StoredDay {
    type Error = Error;
    fn try_from(r: DayRow) -> Result<StoredDay> {
        Ok(StoredDay {
            planned: blocks(&r.planned)?,
            actual: r.actual.as_deref().map(blocks).transpose()?,
            scheduled_end: TimeOfDay::parse(&r.scheduled_end)
                .map_err(|_| decode(format!("scheduled end {:?}", r.scheduled_end)))?,
            id: r.id,
            org_id: r.org_id,
            user_id: r.user_id,
            day: r.day,
            team_id: r.team_id,
            hitokoto: r.hitokoto,
            planned_at: r.planned_at,
            reflection: r.reflection,
            reported_at: r.reported_at,
        })
    }
}

/// Rows an analytics pass reads per query.
const PAGE: i64 = 500;

/// The settings of their stored row (categories, start, end); the defaults when none.
fn settings_of(row: Option<(String, String, String)>) -> Result<AsaSettings> {
    let Some((categories, start, end)) = row else {
        return Ok(AsaSettings::default_for_new());
    };
    let time = |s: &str| TimeOfDay::parse(s).map_err(|_| decode(format!("time {s:?}")));
    Ok(AsaSettings {
        categories: categories.lines().map(str::to_string).collect(),
        scheduled_start: time(&start)?,
        scheduled_end: time(&end)?,
    })
}

/// SQLite has one writer at a time. A transaction that finds the write lock
/// taken waits in SQLite's busy handler, which sleeps 1, 2, 5, 10 … ms between
/// tries, however soon the lock is free again: when everyone posts their plan
/// at 9 a.m. that sleeping, not the writing, made the queue (most of the p99,
/// and the lock idle while its waiters slept). Plans saved by this process
/// take their turn here instead and get the lock as soon as the previous one
/// commits. Other processes and other writers still meet the busy handler as
/// before; PostgreSQL does not take this lock.
static SQLITE_PLAN_WRITES: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

impl Store {
    pub async fn asa_settings(&self, org_id: i64) -> Result<AsaSettings> {
        let row: Option<(String, String, String)> = sqlx::query_as(
            "SELECT categories, scheduled_start, scheduled_end FROM asa_settings WHERE org_id = $1",
        )
        .bind(org_id)
        .fetch_optional(self.pool())
        .await?;
        settings_of(row)
    }

    /// [`Store::asa_settings`] and [`Store::asa_team_of`] in one query (the
    /// seat of every request of 朝メール).
    pub async fn asa_seat(
        &self,
        org_id: i64,
        user_id: i64,
    ) -> Result<(AsaSettings, Option<(Team, bool)>)> {
        let r: SeatRow = sqlx::query_as(
            "SELECT s.categories, s.scheduled_start, s.scheduled_end, t.id AS team_id,
                 t.name AS team_name, m.leader
             FROM (SELECT 1 AS one) x
             LEFT JOIN asa_settings s ON s.org_id = $1
             LEFT JOIN asa_team_members m ON m.org_id = $1 AND m.user_id = $2
             LEFT JOIN asa_teams t ON t.id = m.team_id",
        )
        .bind(org_id)
        .bind(user_id)
        .fetch_one(self.pool())
        .await?;
        let settings = settings_of(match (r.categories, r.scheduled_start, r.scheduled_end) {
            (Some(c), Some(s), Some(e)) => Some((c, s, e)),
            _ => None,
        })?;
        let team = match (r.team_id, r.team_name, r.leader) {
            (Some(id), Some(name), Some(leader)) => Some((Team { id, name }, leader == 1)),
            _ => None,
        };
        Ok((settings, team))
    }

    pub async fn save_asa_settings(&self, org_id: i64, s: &AsaSettings) -> Result<()> {
        sqlx::query(
            "INSERT INTO asa_settings (org_id, categories, scheduled_start, scheduled_end, updated_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (org_id) DO UPDATE SET categories = excluded.categories,
                 scheduled_start = excluded.scheduled_start,
                 scheduled_end = excluded.scheduled_end, updated_at = excluded.updated_at",
        )
        .bind(org_id)
        .bind(s.categories.join("\n"))
        .bind(s.scheduled_start.as_string())
        .bind(s.scheduled_end.as_string())
        .bind(now())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn asa_teams(&self, org_id: i64) -> Result<Vec<Team>> {
        Ok(
            sqlx::query_as("SELECT id, name FROM asa_teams WHERE org_id = $1 ORDER BY name, id")
                .bind(org_id)
                .fetch_all(self.pool())
                .await?,
        )
    }

    /// A new team; [`Error::Conflict`] when the organization has one of that name.
    pub async fn create_asa_team(&self, org_id: i64, name: &str) -> Result<i64> {
        sqlx::query_scalar(
            "INSERT INTO asa_teams (org_id, name, created_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(org_id)
        .bind(name)
        .bind(now())
        .fetch_one(self.pool())
        .await
        .map_err(Error::from_write)
    }

    /// Delete a team of the organization; its people are left without a team,
    /// its days keep their records (their team becomes none).
    pub async fn delete_asa_team(&self, org_id: i64, team_id: i64) -> Result<()> {
        let done = sqlx::query("DELETE FROM asa_teams WHERE id = $1 AND org_id = $2")
            .bind(team_id)
            .bind(org_id)
            .execute(self.pool())
            .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        Ok(())
    }

    /// The organization's admins and members, with their team, by name.
    pub async fn asa_people(&self, org_id: i64) -> Result<Vec<Person>> {
        let rows: Vec<PersonRow> = sqlx::query_as(
            "SELECT u.id AS user_id, u.display_name, u.email, m.team_id, m.leader
             FROM users u
             LEFT JOIN asa_team_members m ON m.user_id = u.id AND m.org_id = $1
             WHERE u.disabled = 0 AND u.id IN (SELECT user_id FROM role_assignments
                 WHERE org_id = $1 AND role IN ('org_admin', 'org_member'))
             ORDER BY u.display_name, u.id",
        )
        .bind(org_id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| Person {
                user_id: r.user_id,
                display_name: r.display_name,
                email: r.email,
                team_id: r.team_id,
                leader: r.leader == Some(1),
            })
            .collect())
    }

    /// Put a person of the organization in a team of it (or in none). Both
    /// are checked in the same statement: another organization's team or
    /// person is [`Error::NotFound`].
    pub async fn set_asa_team(
        &self,
        org_id: i64,
        user_id: i64,
        team: Option<(i64, bool)>,
    ) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let person: Option<i64> = sqlx::query_scalar(
            "SELECT user_id FROM role_assignments
             WHERE org_id = $1 AND user_id = $2 AND role IN ('org_admin', 'org_member') LIMIT 1",
        )
        .bind(org_id)
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?;
        if person.is_none() {
            return Err(Error::NotFound);
        }
        sqlx::query("DELETE FROM asa_team_members WHERE org_id = $1 AND user_id = $2")
            .bind(org_id)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        if let Some((team_id, leader)) = team {
            let done = sqlx::query(
                "INSERT INTO asa_team_members (org_id, user_id, team_id, leader)
                 SELECT $1, $2, id, $4 FROM asa_teams WHERE id = $3 AND org_id = $1",
            )
            .bind(org_id)
            .bind(user_id)
            .bind(team_id)
            .bind(i64::from(leader))
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(Error::NotFound);
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// The person's team in the organization and whether they lead it.
    pub async fn asa_team_of(&self, org_id: i64, user_id: i64) -> Result<Option<(Team, bool)>> {
        let row: Option<(i64, String, i64)> = sqlx::query_as(
            "SELECT t.id, t.name, m.leader FROM asa_team_members m
             JOIN asa_teams t ON t.id = m.team_id
             WHERE m.org_id = $1 AND m.user_id = $2",
        )
        .bind(org_id)
        .bind(user_id)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|(id, name, leader)| (Team { id, name }, leader == 1)))
    }

    /// Save the plan of `day` (replacing an earlier plan of the same day, the
    /// report kept) and drop its draft, in one transaction. Returns the day's id.
    #[allow(clippy::too_many_arguments)]
    pub async fn save_asa_plan(
        &self,
        org_id: i64,
        user_id: i64,
        day: &str,
        team_id: Option<i64>,
        hitokoto: &str,
        planned: &[Block],
        scheduled_end: TimeOfDay,
    ) -> Result<i64> {
        let mut tx = self.pool().begin().await?;
        // On SQLite, queue in this process for the one writer (see
        // [`SQLITE_PLAN_WRITES`]). Taken once the connection is in hand (a
        // deferred BEGIN takes no lock), so the turn is never spent waiting
        // for the pool.
        let _turn = match self.backend() {
            crate::Backend::Sqlite => Some(SQLITE_PLAN_WRITES.lock().await),
            crate::Backend::Postgres => None,
        };
        let at = now();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO asa_days (org_id, user_id, day, team_id, hitokoto, planned, scheduled_end,
                 planned_at, actual, reflection, reported_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, '', NULL)
             ON CONFLICT (org_id, user_id, day) DO UPDATE SET team_id = excluded.team_id,
                 hitokoto = excluded.hitokoto, planned = excluded.planned,
                 scheduled_end = excluded.scheduled_end, planned_at = excluded.planned_at
             RETURNING id",
        )
        .bind(org_id)
        .bind(user_id)
        .bind(day)
        .bind(team_id)
        .bind(hitokoto)
        .bind(to_json(planned))
        .bind(scheduled_end.as_string())
        .bind(&at)
        .fetch_one(&mut *tx)
        .await?;
        delete_draft(&mut tx, org_id, user_id, day, DraftKind::Plan).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Save the actual of `day` with its reflection and, if given, a thanks to
    /// a colleague, and drop the draft, in one transaction. A day without a
    /// morning plan is kept with an empty plan (the analytics skip it).
    #[allow(clippy::too_many_arguments)]
    pub async fn save_asa_report(
        &self,
        org_id: i64,
        user_id: i64,
        day: &str,
        team_id: Option<i64>,
        scheduled_end: TimeOfDay,
        actual: &[Block],
        reflection: &str,
        thanks: Option<(i64, &str)>,
        tell: Tell,
    ) -> Result<i64> {
        let mut tx = self.pool().begin().await?;
        let at = now();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO asa_days (org_id, user_id, day, team_id, hitokoto, planned, scheduled_end,
                 planned_at, actual, reflection, reported_at)
             VALUES ($1, $2, $3, $4, '', '[]', $5, $6, $7, $8, $6)
             ON CONFLICT (org_id, user_id, day) DO UPDATE SET actual = excluded.actual,
                 reflection = excluded.reflection, reported_at = excluded.reported_at
             RETURNING id",
        )
        .bind(org_id)
        .bind(user_id)
        .bind(day)
        .bind(team_id)
        .bind(scheduled_end.as_string())
        .bind(&at)
        .bind(to_json(actual))
        .bind(reflection)
        .fetch_one(&mut *tx)
        .await?;
        if let Some((to, body)) = thanks {
            // A report posted again replaces its thanks rather than adding one.
            sqlx::query(
                "DELETE FROM asa_comments WHERE day_id = $1 AND author_id = $2 AND kind = 'thanks'",
            )
            .bind(id)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
            insert_comment(
                &mut tx,
                &NewComment {
                    day_id: id,
                    author_id: user_id,
                    kind: CommentKind::Thanks,
                    to_user_id: Some(to),
                    body,
                },
                &at,
            )
            .await?;
        }
        notify(
            &mut tx,
            org_id,
            id,
            user_id,
            NotificationKind::Thanks,
            tell,
            &at,
        )
        .await?;
        delete_draft(&mut tx, org_id, user_id, day, DraftKind::Report).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The person's day, if they wrote anything for it.
    pub async fn asa_day(&self, org_id: i64, user_id: i64, day: &str) -> Result<Option<StoredDay>> {
        let row: Option<DayRow> = sqlx::query_as(&format!(
            "SELECT {DAY_COLUMNS} FROM asa_days WHERE org_id = $1 AND user_id = $2 AND day = $3"
        ))
        .bind(org_id)
        .bind(user_id)
        .bind(day)
        .fetch_optional(self.pool())
        .await?;
        row.map(StoredDay::try_from).transpose()
    }

    pub async fn asa_day_by_id(&self, id: i64) -> Result<StoredDay> {
        let row: DayRow =
            sqlx::query_as(&format!("SELECT {DAY_COLUMNS} FROM asa_days WHERE id = $1"))
                .bind(id)
                .fetch_optional(self.pool())
                .await?
                .ok_or(Error::NotFound)?;
        row.try_into()
    }

    /// The person's latest plan before `day` (for 「前日の予定をコピー」).
    pub async fn asa_last_plan_before(
        &self,
        org_id: i64,
        user_id: i64,
        day: &str,
    ) -> Result<Option<StoredDay>> {
        let row: Option<DayRow> = sqlx::query_as(&format!(
            "SELECT {DAY_COLUMNS} FROM asa_days
             WHERE org_id = $1 AND user_id = $2 AND day < $3 AND planned <> '[]'
             ORDER BY day DESC LIMIT 1"
        ))
        .bind(org_id)
        .bind(user_id)
        .bind(day)
        .fetch_optional(self.pool())
        .await?;
        row.map(StoredDay::try_from).transpose()
    }

    /// The days of `day` written by the team's people (under this team).
    pub async fn asa_team_days(&self, team_id: i64, day: &str) -> Result<Vec<StoredDay>> {
        let rows: Vec<DayRow> = sqlx::query_as(&format!(
            "SELECT {DAY_COLUMNS} FROM asa_days WHERE team_id = $1 AND day = $2 ORDER BY planned_at"
        ))
        .bind(team_id)
        .bind(day)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(StoredDay::try_from).collect()
    }

    /// Read the filter's days in pages of [`PAGE`] rows, in id order, handing
    /// each to `f`: memory stays that of one page whatever the period.
    pub async fn for_each_asa_day(
        &self,
        filter: DayFilter<'_>,
        mut f: impl FnMut(StoredDay),
    ) -> Result<()> {
        let mut after = 0_i64;
        loop {
            let rows: Vec<DayRow> = sqlx::query_as(&format!(
                "SELECT {DAY_COLUMNS} FROM asa_days
                 WHERE org_id = $1 AND day >= $2 AND day <= $3 AND id > $4
                   AND ($5 = 0 OR team_id = $6) AND ($7 = 0 OR user_id = $8)
                 ORDER BY id LIMIT $9"
            ))
            .bind(filter.org_id)
            .bind(filter.from)
            .bind(filter.to)
            .bind(after)
            .bind(i64::from(filter.team_id.is_some()))
            .bind(filter.team_id.unwrap_or(0))
            .bind(i64::from(filter.user_id.is_some()))
            .bind(filter.user_id.unwrap_or(0))
            .bind(PAGE)
            .fetch_all(self.pool())
            .await?;
            let n = rows.len() as i64;
            for r in rows {
                after = r.id;
                f(r.try_into()?);
            }
            if n < PAGE {
                return Ok(());
            }
        }
    }

    /// Comments and thanks on these days, oldest first.
    pub async fn asa_comments(&self, day_ids: &[i64]) -> Result<Vec<Comment>> {
        if day_ids.is_empty() {
            return Ok(Vec::new());
        }
        let marks: Vec<String> = (1..=day_ids.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT c.id, c.day_id, c.author_id, a.display_name AS author_name, c.kind,
                    c.to_user_id, t.display_name AS to_name, c.body, c.created_at
             FROM asa_comments c JOIN users a ON a.id = c.author_id
             LEFT JOIN users t ON t.id = c.to_user_id
             WHERE c.day_id IN ({}) ORDER BY c.id",
            marks.join(", ")
        );
        let mut q = sqlx::query_as::<_, CommentRow>(&sql);
        for id in day_ids {
            q = q.bind(*id);
        }
        q.fetch_all(self.pool())
            .await?
            .into_iter()
            .map(|r| {
                Ok(Comment {
                    kind: CommentKind::parse(&r.kind)
                        .ok_or_else(|| decode(format!("comment kind {:?}", r.kind)))?,
                    id: r.id,
                    day_id: r.day_id,
                    author_id: r.author_id,
                    author_name: r.author_name,
                    to_user_id: r.to_user_id,
                    to_name: r.to_name,
                    body: r.body,
                    created_at: r.created_at,
                })
            })
            .collect()
    }

    /// Write a comment or thanks and its notifications in one transaction.
    pub async fn add_asa_comment(
        &self,
        c: &NewComment<'_>,
        org_id: i64,
        tell: Tell,
    ) -> Result<i64> {
        let mut tx = self.pool().begin().await?;
        let at = now();
        let id = insert_comment(&mut tx, c, &at).await?;
        let kind = match c.kind {
            CommentKind::Comment => NotificationKind::Comment,
            CommentKind::Thanks => NotificationKind::Thanks,
        };
        notify(&mut tx, org_id, c.day_id, c.author_id, kind, tell, &at).await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn save_asa_draft(
        &self,
        org_id: i64,
        user_id: i64,
        day: &str,
        kind: DraftKind,
        body: &str,
    ) -> Result<String> {
        let at = now();
        sqlx::query(
            "INSERT INTO asa_drafts (org_id, user_id, day, kind, body, saved_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (org_id, user_id, day, kind) DO UPDATE SET body = excluded.body,
                 saved_at = excluded.saved_at",
        )
        .bind(org_id)
        .bind(user_id)
        .bind(day)
        .bind(kind.as_str())
        .bind(body)
        .bind(&at)
        .execute(self.pool())
        .await?;
        Ok(at)
    }

    /// The draft's body and when it was saved.
    pub async fn asa_draft(
        &self,
        org_id: i64,
        user_id: i64,
        day: &str,
        kind: DraftKind,
    ) -> Result<Option<(String, String)>> {
        Ok(sqlx::query_as(
            "SELECT body, saved_at FROM asa_drafts
             WHERE org_id = $1 AND user_id = $2 AND day = $3 AND kind = $4",
        )
        .bind(org_id)
        .bind(user_id)
        .bind(day)
        .bind(kind.as_str())
        .fetch_optional(self.pool())
        .await?)
    }

    pub async fn asa_recurring(&self, org_id: i64, user_id: i64) -> Result<Vec<Recurring>> {
        let rows: Vec<(i64, i64, String)> = sqlx::query_as(
            "SELECT id, weekdays, block FROM asa_recurring WHERE org_id = $1 AND user_id = $2 ORDER BY id",
        )
        .bind(org_id)
        .bind(user_id)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|(id, weekdays, block)| {
                Ok(Recurring {
                    id,
                    weekdays: u8::try_from(weekdays & 0x7f).unwrap_or(0),
                    block: serde_json::from_str(&block)
                        .map_err(|e| decode(format!("recurring block: {e}")))?,
                })
            })
            .collect()
    }

    pub async fn add_asa_recurring(
        &self,
        org_id: i64,
        user_id: i64,
        weekdays: u8,
        block: &Block,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO asa_recurring (org_id, user_id, weekdays, block, created_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(org_id)
        .bind(user_id)
        .bind(i64::from(weekdays))
        .bind(serde_json::to_string(block).unwrap_or_default())
        .bind(now())
        .fetch_one(self.pool())
        .await?)
    }

    /// Delete one of the person's own recurring blocks.
    pub async fn delete_asa_recurring(&self, org_id: i64, user_id: i64, id: i64) -> Result<()> {
        let done =
            sqlx::query("DELETE FROM asa_recurring WHERE id = $1 AND org_id = $2 AND user_id = $3")
                .bind(id)
                .bind(org_id)
                .bind(user_id)
                .execute(self.pool())
                .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        Ok(())
    }

    /// Whether the person asked to be told of comments by mail.
    pub async fn asa_mail_on_comment(&self, org_id: i64, user_id: i64) -> Result<bool> {
        let v: Option<i64> = sqlx::query_scalar(
            "SELECT mail_on_comment FROM asa_prefs WHERE org_id = $1 AND user_id = $2",
        )
        .bind(org_id)
        .bind(user_id)
        .fetch_optional(self.pool())
        .await?;
        Ok(v == Some(1))
    }

    pub async fn set_asa_mail_on_comment(&self, org_id: i64, user_id: i64, on: bool) -> Result<()> {
        sqlx::query(
            "INSERT INTO asa_prefs (org_id, user_id, mail_on_comment) VALUES ($1, $2, $3)
             ON CONFLICT (org_id, user_id) DO UPDATE SET mail_on_comment = excluded.mail_on_comment",
        )
        .bind(org_id)
        .bind(user_id)
        .bind(i64::from(on))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The person's latest notifications in the organization, newest first.
    pub async fn asa_notifications(
        &self,
        org_id: i64,
        user_id: i64,
        limit: i64,
    ) -> Result<Vec<Notification>> {
        let rows: Vec<NotificationRow> = sqlx::query_as(
            "SELECT n.id, n.org_id, n.kind, a.display_name AS actor, d.day, d.user_id AS owner,
                        n.created_at, n.read_at
                 FROM asa_notifications n JOIN asa_days d ON d.id = n.day_id
                 LEFT JOIN users a ON a.id = n.actor_id
                 WHERE n.user_id = $1 AND n.org_id = $2 ORDER BY n.id DESC LIMIT $3",
        )
        .bind(user_id)
        .bind(org_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(Notification {
                    kind: NotificationKind::parse(&r.kind)
                        .ok_or_else(|| decode(format!("notification kind {:?}", r.kind)))?,
                    id: r.id,
                    org_id: r.org_id,
                    actor_name: r.actor.unwrap_or_default(),
                    day: r.day,
                    day_owner_id: r.owner,
                    created_at: r.created_at,
                    read: r.read_at.is_some(),
                })
            })
            .collect()
    }

    pub async fn asa_unread(&self, org_id: i64, user_id: i64) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM asa_notifications WHERE user_id = $1 AND org_id = $2 AND read_at IS NULL",
        )
        .bind(user_id)
        .bind(org_id)
        .fetch_one(self.pool())
        .await?)
    }

    pub async fn mark_asa_notifications_read(&self, org_id: i64, user_id: i64) -> Result<()> {
        sqlx::query(
            "UPDATE asa_notifications SET read_at = $3 WHERE user_id = $1 AND org_id = $2 AND read_at IS NULL",
        )
        .bind(user_id)
        .bind(org_id)
        .bind(now())
        .execute(self.pool())
        .await?;
        Ok(())
    }
}

async fn delete_draft(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    org_id: i64,
    user_id: i64,
    day: &str,
    kind: DraftKind,
) -> Result<()> {
    sqlx::query(
        "DELETE FROM asa_drafts WHERE org_id = $1 AND user_id = $2 AND day = $3 AND kind = $4",
    )
    .bind(org_id)
    .bind(user_id)
    .bind(day)
    .bind(kind.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn insert_comment(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    c: &NewComment<'_>,
    at: &str,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO asa_comments (day_id, author_id, kind, to_user_id, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(c.day_id)
    .bind(c.author_id)
    .bind(c.kind.as_str())
    .bind(c.to_user_id)
    .bind(c.body)
    .bind(at)
    .fetch_one(&mut **tx)
    .await?)
}

async fn notify(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    org_id: i64,
    day_id: i64,
    actor_id: i64,
    kind: NotificationKind,
    tell: Tell,
    at: &str,
) -> Result<()> {
    for user_id in tell.in_app.into_iter().filter(|u| *u != actor_id) {
        sqlx::query(
            "INSERT INTO asa_notifications (user_id, org_id, kind, day_id, actor_id, created_at, read_at)
             VALUES ($1, $2, $3, $4, $5, $6, NULL)",
        )
        .bind(user_id)
        .bind(org_id)
        .bind(kind.as_str())
        .bind(day_id)
        .bind(actor_id)
        .bind(at)
        .execute(&mut **tx)
        .await?;
    }
    for mail in &tell.mails {
        enqueue(&mut **tx, mail).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::orgs::OrganizationInput;
    use crate::testing::TestDb;

    // `asa_seat` reads what `asa_settings` and `asa_team_of` read.
    crate::both_backends!(
        the_seat_is_the_settings_and_the_team,
        TestDb::new,
        |db: TestDb| async move {
            let s = &db.store;
            let org = s
                .create_organization(&OrganizationInput {
                    name: "席の会社".into(),
                    org_type: "company".into(),
                    ..OrganizationInput::default()
                })
                .await
                .unwrap();
            let user = s.create_user("seat@example.jp", "席", None).await.unwrap();
            let same = || async {
                let seat = s.asa_seat(org, user).await.unwrap();
                let apart = (
                    s.asa_settings(org).await.unwrap(),
                    s.asa_team_of(org, user).await.unwrap(),
                );
                assert_eq!(seat, apart);
                seat
            };
            assert!(same().await.1.is_none(), "no settings, no team");
            let mut settings = crate::daily::AsaSettings::default_for_new();
            settings.categories = vec!["会議".into(), "現場".into()];
            s.save_asa_settings(org, &settings).await.unwrap();
            s.grant_role(user, "org_member", None, Some(org))
                .await
                .unwrap();
            let team = s.create_asa_team(org, "製造課").await.unwrap();
            s.set_asa_team(org, user, Some((team, true))).await.unwrap();
            let (got, in_team) = same().await;
            assert_eq!(got, settings);
            assert_eq!(in_team.map(|(t, l)| (t.id, l)), Some((team, true)));
            s.set_asa_team(org, user, Some((team, false)))
                .await
                .unwrap();
            assert_eq!(same().await.1.map(|(_, l)| l), Some(false));
            s.set_asa_team(org, user, None).await.unwrap();
            assert!(same().await.1.is_none());
        }
    );
}
