//! The leader course (働き方改革推進リーダー養成講座; issue 10): courses and their
//! sessions, facilitators, participants and attendance, and each participant's
//! worksheets — a draft saved as they type, the revisions they submit, and the
//! facilitators' comments on a revision. Worksheet kinds and content are parsed
//! here, at the store's edge, into `domain::course` types.

use domain::course::{SessionProgress, WorksheetContent, WorksheetKind, is_complete};

use crate::audit::{Actor, insert as audit};
use crate::{Error, Result, Store, now};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Course {
    pub id: i64,
    pub region_id: i64,
    pub fiscal_year: i64,
    pub title: String,
    pub created_at: String,
}

/// A session of a course, with the kind of worksheet it has.
#[derive(Debug, Clone)]
pub struct CourseSession {
    pub id: i64,
    pub course_id: i64,
    /// 1, 2, 3 … in the order of the course.
    pub position: i64,
    /// YYYY-MM-DD.
    pub held_on: String,
    pub venue: String,
    pub kind: WorksheetKind,
}

/// A session as staff plan it.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub held_on: jiff::civil::Date,
    pub venue: String,
    pub kind: WorksheetKind,
}

/// A participant of a course: a user of a member organization.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Participant {
    pub id: i64,
    pub course_id: i64,
    pub user_id: i64,
    pub display_name: String,
    pub org_id: i64,
    pub org_name: String,
}

/// A user who may be named: (user id, display name).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NamedUser {
    pub user_id: i64,
    pub display_name: String,
}

/// A user of an organization, for the enrolment picker.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrgUser {
    pub user_id: i64,
    pub display_name: String,
    pub org_id: i64,
    pub org_name: String,
}

/// One participant's worksheet for one session.
#[derive(Debug, Clone)]
pub struct Worksheet {
    pub id: i64,
    pub participant_id: i64,
    pub session_id: i64,
    pub draft: Option<WorksheetContent>,
    pub draft_saved_at: Option<String>,
    /// How many revisions were submitted (0: none yet).
    pub revisions: i64,
}

#[derive(Debug, Clone)]
pub struct Revision {
    pub id: i64,
    pub number: i64,
    pub content: WorksheetContent,
    pub submitted_at: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Comment {
    pub id: i64,
    pub revision_id: i64,
    pub revision_number: i64,
    pub author_name: String,
    pub body: String,
    pub created_at: String,
}

/// Where a participant stands in the whole course.
#[derive(Debug, Clone)]
pub struct ParticipantProgress {
    pub participant: Participant,
    /// Per session, in course order.
    pub sessions: Vec<SessionProgress>,
    /// Per session: whether a draft was saved without a revision yet.
    pub drafting: Vec<bool>,
    pub completed: bool,
}

/// A course's numbers for the program dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseProgress {
    pub course_id: i64,
    pub title: String,
    pub participants: i64,
    /// Organizations the participants come from.
    pub organizations: i64,
    /// Sessions whose date has passed.
    pub sessions_held: i64,
    pub sessions: i64,
    pub graduates: i64,
}

/// A participant who completed a course (修了者), with their organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Graduate {
    pub user_id: i64,
    pub display_name: String,
    pub org_id: i64,
    pub org_name: String,
    pub course_id: i64,
}

/// id, draft, saved at, revisions, the session's worksheet kind.
type WorksheetRow = (i64, Option<String>, Option<String>, i64, String);

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    course_id: i64,
    position: i64,
    held_on: String,
    venue: String,
    worksheet_kind: String,
}

fn corrupt(what: &str, value: &str) -> Error {
    Error::Database(sqlx::Error::Decode(
        format!("courses: stored {what} not understood: {value:?}").into(),
    ))
}

impl TryFrom<SessionRow> for CourseSession {
    type Error = Error;
    fn try_from(r: SessionRow) -> Result<CourseSession> {
        Ok(CourseSession {
            kind: WorksheetKind::parse(&r.worksheet_kind)
                .map_err(|_| corrupt("worksheet kind", &r.worksheet_kind))?,
            id: r.id,
            course_id: r.course_id,
            position: r.position,
            held_on: r.held_on,
            venue: r.venue,
        })
    }
}

const PARTICIPANT: &str = "SELECT p.id, p.course_id, p.user_id, u.display_name, p.org_id,
        o.name AS org_name
    FROM course_participants p
    JOIN users u ON u.id = p.user_id
    JOIN organizations o ON o.id = p.org_id";

/// Today in Japan by the real clock (JST is always UTC+9).
fn today_in_japan() -> jiff::civil::Date {
    jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(9)))
        .date()
}

impl Store {
    /// Create a course with its sessions and the audit entry, in one transaction.
    pub async fn create_course(
        &self,
        region_id: i64,
        fiscal_year: i64,
        title: &str,
        sessions: &[NewSession],
        actor: &Actor,
    ) -> Result<i64> {
        let mut tx = self.pool().begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO courses (region_id, fiscal_year, title, created_at)
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(region_id)
        .bind(fiscal_year)
        .bind(title)
        .bind(now())
        .fetch_one(&mut *tx)
        .await
        .map_err(Error::from_write)?;
        for (i, s) in sessions.iter().enumerate() {
            sqlx::query(
                "INSERT INTO course_sessions (course_id, position, held_on, venue, worksheet_kind)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(i as i64 + 1)
            .bind(s.held_on.to_string())
            .bind(&s.venue)
            .bind(s.kind.as_str())
            .execute(&mut *tx)
            .await
            .map_err(Error::from_write)?;
        }
        audit(&mut *tx, actor, "create", "course", &id.to_string(), title).await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn course(&self, id: i64) -> Result<Course> {
        sqlx::query_as(
            "SELECT id, region_id, fiscal_year, title, created_at FROM courses WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(Error::NotFound)
    }

    /// The courses of a region, newest program year first.
    pub async fn courses_in_region(&self, region_id: i64) -> Result<Vec<Course>> {
        Ok(sqlx::query_as(
            "SELECT id, region_id, fiscal_year, title, created_at FROM courses
             WHERE region_id = $1 ORDER BY fiscal_year DESC, id",
        )
        .bind(region_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// The courses a user takes part in or facilitates.
    pub async fn courses_of_user(&self, user_id: i64) -> Result<Vec<Course>> {
        Ok(sqlx::query_as(
            "SELECT id, region_id, fiscal_year, title, created_at FROM courses
             WHERE id IN (SELECT course_id FROM course_participants WHERE user_id = $1)
                OR id IN (SELECT course_id FROM course_facilitators WHERE user_id = $1)
             ORDER BY fiscal_year DESC, id",
        )
        .bind(user_id)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn course_sessions(&self, course_id: i64) -> Result<Vec<CourseSession>> {
        let rows: Vec<SessionRow> = sqlx::query_as(
            "SELECT id, course_id, position, held_on, venue, worksheet_kind
             FROM course_sessions WHERE course_id = $1 ORDER BY position",
        )
        .bind(course_id)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(CourseSession::try_from).collect()
    }

    /// Add a session at the end of the course.
    pub async fn add_course_session(
        &self,
        course_id: i64,
        s: &NewSession,
        actor: &Actor,
    ) -> Result<i64> {
        let mut tx = self.pool().begin().await?;
        // Lock the course row first (PostgreSQL), so two additions do not take
        // the same position; SQLite serialises writers anyway.
        sqlx::query("UPDATE courses SET title = title WHERE id = $1")
            .bind(course_id)
            .execute(&mut *tx)
            .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO course_sessions (course_id, position, held_on, venue, worksheet_kind)
             SELECT $1, COALESCE(MAX(position), 0) + 1, $2, $3, $4
             FROM course_sessions WHERE course_id = $1
             RETURNING id",
        )
        .bind(course_id)
        .bind(s.held_on.to_string())
        .bind(&s.venue)
        .bind(s.kind.as_str())
        .fetch_one(&mut *tx)
        .await
        .map_err(Error::from_write)?;
        audit(
            &mut *tx,
            actor,
            "create",
            "course_session",
            &id.to_string(),
            &format!("course {course_id} {}", s.held_on),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn add_course_facilitator(
        &self,
        course_id: i64,
        user_id: i64,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("INSERT INTO course_facilitators (course_id, user_id) VALUES ($1, $2)")
            .bind(course_id)
            .bind(user_id)
            .execute(&mut *tx)
            .await
            .map_err(Error::from_write)?;
        audit(
            &mut *tx,
            actor,
            "create",
            "course_facilitator",
            &course_id.to_string(),
            &format!("user {user_id}"),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn course_facilitators(&self, course_id: i64) -> Result<Vec<NamedUser>> {
        Ok(sqlx::query_as(
            "SELECT u.id AS user_id, u.display_name FROM course_facilitators f
             JOIN users u ON u.id = f.user_id WHERE f.course_id = $1 ORDER BY u.id",
        )
        .bind(course_id)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn is_course_facilitator(&self, course_id: i64, user_id: i64) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM course_facilitators WHERE course_id = $1 AND user_id = $2",
        )
        .bind(course_id)
        .bind(user_id)
        .fetch_one(self.pool())
        .await?;
        Ok(n > 0)
    }

    /// Consultants of a region: the people staff may name facilitators.
    pub async fn consultants_of_region(&self, region_id: i64) -> Result<Vec<NamedUser>> {
        Ok(sqlx::query_as(
            "SELECT DISTINCT u.id AS user_id, u.display_name FROM role_assignments r
             JOIN users u ON u.id = r.user_id
             WHERE r.role = 'consultant' AND r.region_id = $1 AND u.disabled = 0
             ORDER BY u.id",
        )
        .bind(region_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// The users of the region's organizations (admins and members), to enrol.
    pub async fn org_users_in_region(&self, region_id: i64) -> Result<Vec<OrgUser>> {
        Ok(sqlx::query_as(
            "SELECT DISTINCT u.id AS user_id, u.display_name, o.id AS org_id, o.name AS org_name
             FROM role_assignments r
             JOIN users u ON u.id = r.user_id
             JOIN organizations o ON o.id = r.org_id
             WHERE r.role IN ('org_admin', 'org_member') AND o.region_id = $1
               AND u.disabled = 0
             ORDER BY o.name, u.id",
        )
        .bind(region_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Enrol a user of `org_id` (Conflict when already enrolled).
    pub async fn enrol_participant(
        &self,
        course_id: i64,
        user_id: i64,
        org_id: i64,
        actor: &Actor,
    ) -> Result<i64> {
        let mut tx = self.pool().begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO course_participants (course_id, user_id, org_id, enrolled_at)
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(course_id)
        .bind(user_id)
        .bind(org_id)
        .bind(now())
        .fetch_one(&mut *tx)
        .await
        .map_err(Error::from_write)?;
        audit(
            &mut *tx,
            actor,
            "create",
            "course_participant",
            &id.to_string(),
            &format!("course {course_id} user {user_id} org {org_id}"),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn course_participants(&self, course_id: i64) -> Result<Vec<Participant>> {
        Ok(sqlx::query_as(&format!(
            "{PARTICIPANT} WHERE p.course_id = $1 ORDER BY o.name, p.id"
        ))
        .bind(course_id)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn course_participant(&self, id: i64) -> Result<Participant> {
        sqlx::query_as(&format!("{PARTICIPANT} WHERE p.id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(Error::NotFound)
    }

    /// Where a user takes part in a course (one row per course).
    pub async fn course_participations(&self, user_id: i64) -> Result<Vec<Participant>> {
        Ok(sqlx::query_as(&format!(
            "{PARTICIPANT} WHERE p.user_id = $1 ORDER BY p.course_id DESC"
        ))
        .bind(user_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// The participants that an organization sent, in every course.
    pub async fn course_participants_of_org(&self, org_id: i64) -> Result<Vec<Participant>> {
        Ok(sqlx::query_as(&format!(
            "{PARTICIPANT} WHERE p.org_id = $1 ORDER BY p.course_id DESC, p.id"
        ))
        .bind(org_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Set who attended a session: exactly `participant_ids` (of its course).
    pub async fn set_session_attendance(
        &self,
        session_id: i64,
        participant_ids: &[i64],
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("DELETE FROM course_attendance WHERE session_id = $1")
            .bind(session_id)
            .execute(&mut *tx)
            .await?;
        for p in participant_ids {
            sqlx::query(
                "INSERT INTO course_attendance (session_id, participant_id)
                 SELECT s.id, p.id FROM course_sessions s
                 JOIN course_participants p ON p.course_id = s.course_id
                 WHERE s.id = $1 AND p.id = $2",
            )
            .bind(session_id)
            .bind(p)
            .execute(&mut *tx)
            .await
            .map_err(Error::from_write)?;
        }
        audit(
            &mut *tx,
            actor,
            "update",
            "course_attendance",
            &session_id.to_string(),
            &format!("{} attended", participant_ids.len()),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// (session id, participant id) of every attendance of a course.
    pub async fn course_attendance(&self, course_id: i64) -> Result<Vec<(i64, i64)>> {
        Ok(sqlx::query_as(
            "SELECT a.session_id, a.participant_id FROM course_attendance a
             JOIN course_sessions s ON s.id = a.session_id WHERE s.course_id = $1",
        )
        .bind(course_id)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn worksheet(
        &self,
        participant_id: i64,
        session_id: i64,
    ) -> Result<Option<Worksheet>> {
        let row: Option<WorksheetRow> = sqlx::query_as(
            "SELECT w.id, w.draft_json, w.draft_saved_at, w.revisions, s.worksheet_kind
             FROM worksheets w JOIN course_sessions s ON s.id = w.session_id
             WHERE w.participant_id = $1 AND w.session_id = $2",
        )
        .bind(participant_id)
        .bind(session_id)
        .fetch_optional(self.pool())
        .await?;
        let Some((id, draft, saved, revisions, kind)) = row else {
            return Ok(None);
        };
        let kind = WorksheetKind::parse(&kind).map_err(|_| corrupt("worksheet kind", &kind))?;
        let draft = draft
            .map(|j| WorksheetContent::from_json(kind, &j).map_err(|_| corrupt("draft", &j)))
            .transpose()?;
        Ok(Some(Worksheet {
            id,
            participant_id,
            session_id,
            draft,
            draft_saved_at: saved,
            revisions,
        }))
    }

    /// Save the draft as typed (one statement: a concurrent save or submit
    /// never leaves half of one and half of the other). Returns the time saved.
    pub async fn save_worksheet_draft(
        &self,
        participant_id: i64,
        session_id: i64,
        content: &WorksheetContent,
    ) -> Result<String> {
        content
            .check()
            .map_err(|e| Error::Conflict(e.to_string()))?;
        let stamp = now();
        sqlx::query(
            "INSERT INTO worksheets (participant_id, session_id, draft_json, draft_saved_at)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (participant_id, session_id)
             DO UPDATE SET draft_json = excluded.draft_json, draft_saved_at = excluded.draft_saved_at",
        )
        .bind(participant_id)
        .bind(session_id)
        .bind(content.to_json())
        .bind(&stamp)
        .execute(self.pool())
        .await
        .map_err(Error::from_write)?;
        Ok(stamp)
    }

    /// Submit the content as the next revision (the draft becomes it too), in
    /// one transaction: the worksheet row is written first, so two submissions
    /// at once are serialised and get numbers n and n + 1. Returns the number.
    pub async fn submit_worksheet(
        &self,
        participant_id: i64,
        session_id: i64,
        content: &WorksheetContent,
        actor: &Actor,
    ) -> Result<i64> {
        content
            .check_submittable()
            .map_err(|e| Error::Conflict(e.to_string()))?;
        let stamp = now();
        let json = content.to_json();
        let mut tx = self.pool().begin().await?;
        let (id, number): (i64, i64) = sqlx::query_as(
            "INSERT INTO worksheets (participant_id, session_id, draft_json, draft_saved_at, revisions)
             VALUES ($1, $2, $3, $4, 1)
             ON CONFLICT (participant_id, session_id)
             DO UPDATE SET draft_json = excluded.draft_json, draft_saved_at = excluded.draft_saved_at,
                revisions = worksheets.revisions + 1
             RETURNING id, revisions",
        )
        .bind(participant_id)
        .bind(session_id)
        .bind(&json)
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await
        .map_err(Error::from_write)?;
        sqlx::query(
            "INSERT INTO worksheet_revisions (worksheet_id, number, content_json, submitted_by, submitted_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(number)
        .bind(&json)
        .bind(actor.user_id)
        .bind(&stamp)
        .execute(&mut *tx)
        .await
        .map_err(Error::from_write)?;
        audit(
            &mut *tx,
            actor,
            "submit",
            "worksheet",
            &id.to_string(),
            &format!("revision {number}"),
        )
        .await?;
        tx.commit().await?;
        Ok(number)
    }

    /// Every revision of a worksheet, the newest first.
    pub async fn worksheet_revisions(&self, worksheet_id: i64) -> Result<Vec<Revision>> {
        let rows: Vec<(i64, i64, String, String, String)> = sqlx::query_as(
            "SELECT r.id, r.number, r.content_json, r.submitted_at, s.worksheet_kind
             FROM worksheet_revisions r
             JOIN worksheets w ON w.id = r.worksheet_id
             JOIN course_sessions s ON s.id = w.session_id
             WHERE r.worksheet_id = $1 ORDER BY r.number DESC",
        )
        .bind(worksheet_id)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|(id, number, json, submitted_at, kind)| {
                let kind =
                    WorksheetKind::parse(&kind).map_err(|_| corrupt("worksheet kind", &kind))?;
                Ok(Revision {
                    id,
                    number,
                    content: WorksheetContent::from_json(kind, &json)
                        .map_err(|_| corrupt("revision", &json))?,
                    submitted_at,
                })
            })
            .collect()
    }

    /// A facilitator's comment on revision `number` of the worksheet.
    pub async fn add_worksheet_comment(
        &self,
        worksheet_id: i64,
        number: i64,
        author: &NamedUser,
        body: &str,
        actor: &Actor,
    ) -> Result<i64> {
        let mut tx = self.pool().begin().await?;
        let revision_id: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM worksheet_revisions WHERE worksheet_id = $1 AND number = $2",
        )
        .bind(worksheet_id)
        .bind(number)
        .fetch_optional(&mut *tx)
        .await?;
        let revision_id = revision_id.ok_or(Error::NotFound)?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO worksheet_comments (revision_id, author_id, author_name, body, created_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(revision_id)
        .bind(author.user_id)
        .bind(&author.display_name)
        .bind(body)
        .bind(now())
        .fetch_one(&mut *tx)
        .await
        .map_err(Error::from_write)?;
        audit(
            &mut *tx,
            actor,
            "create",
            "worksheet_comment",
            &id.to_string(),
            &format!("worksheet {worksheet_id} revision {number}"),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The comments on a worksheet's revisions, oldest first.
    pub async fn worksheet_comments(&self, worksheet_id: i64) -> Result<Vec<Comment>> {
        Ok(sqlx::query_as(
            "SELECT c.id, c.revision_id, r.number AS revision_number, c.author_name, c.body,
                c.created_at
             FROM worksheet_comments c JOIN worksheet_revisions r ON r.id = c.revision_id
             WHERE r.worksheet_id = $1 ORDER BY c.id",
        )
        .bind(worksheet_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Every participant's attendance and worksheets, and whether they completed
    /// (the rule is `domain::course::is_complete`).
    pub async fn course_progress(&self, course_id: i64) -> Result<Vec<ParticipantProgress>> {
        let sessions = self.course_sessions(course_id).await?;
        let attendance = self.course_attendance(course_id).await?;
        let sheets: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT w.participant_id, w.session_id, w.revisions,
                CASE WHEN w.draft_json IS NULL THEN 0 ELSE 1 END
             FROM worksheets w JOIN course_sessions s ON s.id = w.session_id
             WHERE s.course_id = $1",
        )
        .bind(course_id)
        .fetch_all(self.pool())
        .await?;
        let participants = self.course_participants(course_id).await?;
        Ok(participants
            .into_iter()
            .map(|p| {
                let sheet = |s: i64| sheets.iter().find(|w| w.0 == p.id && w.1 == s);
                let progress: Vec<SessionProgress> = sessions
                    .iter()
                    .map(|s| SessionProgress {
                        attended: attendance.contains(&(s.id, p.id)),
                        worksheet_submitted: sheet(s.id).is_some_and(|w| w.2 > 0),
                    })
                    .collect();
                let drafting = sessions
                    .iter()
                    .map(|s| sheet(s.id).is_some_and(|w| w.2 == 0 && w.3 == 1))
                    .collect();
                ParticipantProgress {
                    completed: is_complete(&progress),
                    sessions: progress,
                    drafting,
                    participant: p,
                }
            })
            .collect())
    }

    /// The region's courses of a program year, with their numbers; sessions held
    /// are those dated before today in Japan by the real clock (see
    /// [`Store::course_progress_in_region_as_of`] for another day).
    pub async fn course_progress_in_region(
        &self,
        region_id: i64,
        fiscal_year: i64,
    ) -> Result<Vec<CourseProgress>> {
        self.course_progress_in_region_as_of(region_id, fiscal_year, today_in_japan())
            .await
    }

    /// [`Store::course_progress_in_region`] with sessions held counted as of `today`.
    pub async fn course_progress_in_region_as_of(
        &self,
        region_id: i64,
        fiscal_year: i64,
        today: jiff::civil::Date,
    ) -> Result<Vec<CourseProgress>> {
        let today = today.to_string();
        let mut out = Vec::new();
        for c in self.courses_in_region(region_id).await? {
            if c.fiscal_year != fiscal_year {
                continue;
            }
            let sessions = self.course_sessions(c.id).await?;
            let progress = self.course_progress(c.id).await?;
            let mut orgs: Vec<i64> = progress.iter().map(|p| p.participant.org_id).collect();
            orgs.sort_unstable();
            orgs.dedup();
            out.push(CourseProgress {
                course_id: c.id,
                title: c.title,
                participants: progress.len() as i64,
                organizations: orgs.len() as i64,
                sessions_held: sessions.iter().filter(|s| s.held_on < today).count() as i64,
                sessions: sessions.len() as i64,
                graduates: progress.iter().filter(|p| p.completed).count() as i64,
            });
        }
        Ok(out)
    }

    /// Everyone who completed a course of the region's program year, with
    /// their organization, course by course.
    pub async fn course_graduates_in_region(
        &self,
        region_id: i64,
        fiscal_year: i64,
    ) -> Result<Vec<Graduate>> {
        let mut out = Vec::new();
        for c in self.courses_in_region(region_id).await? {
            if c.fiscal_year != fiscal_year {
                continue;
            }
            for p in self.course_progress(c.id).await? {
                if p.completed {
                    out.push(Graduate {
                        user_id: p.participant.user_id,
                        display_name: p.participant.display_name,
                        org_id: p.participant.org_id,
                        org_name: p.participant.org_name,
                        course_id: c.id,
                    });
                }
            }
        }
        Ok(out)
    }
}
