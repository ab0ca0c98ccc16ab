//! The after-event questionnaire (参加後アンケート): one mail with a personal link
//! to everyone checked in once the event has ended, one answer per registration,
//! and the summary that the event desk and the program's funnel read.
//!
//! The link's token is kept only as its SHA-256 on the registration. An answer
//! holds no name or e-mail of its own: once the registration's personal data is
//! erased the answer is anonymous, and the counts stay true.

use crate::mail::{NewMail, enqueue};
use crate::registrations::Registration;
use crate::{Error, Result, Store, now};

/// What a participant answers. Built by the web layer's parser, which bounds
/// every field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackAnswer {
    /// 満足度, 1 (不満) to 5 (満足).
    pub satisfaction: u8,
    /// まず取り組みたいこと
    pub first_step: String,
    /// リーダー養成講座に関心がある
    pub wants_course: bool,
    /// 伴走支援に関心がある
    pub wants_consulting: bool,
    /// ご意見・ご感想
    pub comment: String,
}

/// One stored answer, with who gave it while their data is kept (staff only).
#[derive(Debug, Clone)]
pub struct Feedback {
    pub registration_id: i64,
    pub answer: FeedbackAnswer,
    /// Empty once the registration's personal data was erased.
    pub name: String,
    pub organization: String,
    pub org_id: Option<i64>,
    pub answered_at: String,
}

/// How an event's questionnaire came out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedbackSummary {
    /// Questionnaires sent (people checked in whose link went out).
    pub requested: i64,
    pub answers: i64,
    /// How many answered 1, 2, 3, 4 and 5.
    pub satisfaction: [i64; 5],
    pub wants_course: i64,
    pub wants_consulting: i64,
}

impl FeedbackSummary {
    /// The mean satisfaction in tenths (4.3 → 43), None without answers.
    pub fn mean_tenths(&self) -> Option<i64> {
        let n: i64 = self.satisfaction.iter().sum();
        let total: i64 = self
            .satisfaction
            .iter()
            .enumerate()
            .map(|(i, c)| (i as i64 + 1) * c)
            .sum();
        // Rounded half up to one decimal.
        (n > 0).then(|| (total * 20 + n) / (2 * n))
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    registration_id: i64,
    satisfaction: i64,
    first_step: String,
    wants_course: i64,
    wants_consulting: i64,
    comment: String,
    name: String,
    organization: String,
    org_id: Option<i64>,
    answered_at: String,
}

impl TryFrom<Row> for Feedback {
    type Error = Error;
    fn try_from(r: Row) -> Result<Feedback> {
        let satisfaction = u8::try_from(r.satisfaction)
            .ok()
            .filter(|s| (1..=5).contains(s))
            .ok_or_else(|| {
                Error::Database(sqlx::Error::Decode(
                    format!("event_feedback {}: satisfaction", r.registration_id).into(),
                ))
            })?;
        Ok(Feedback {
            registration_id: r.registration_id,
            answer: FeedbackAnswer {
                satisfaction,
                first_step: r.first_step,
                wants_course: r.wants_course != 0,
                wants_consulting: r.wants_consulting != 0,
                comment: r.comment,
            },
            name: r.name,
            organization: r.organization,
            org_id: r.org_id,
            answered_at: r.answered_at,
        })
    }
}

impl Store {
    /// Send the questionnaire of every published event that ended between
    /// `since` and `until` (Japan wall clock, 'YYYY-MM-DDTHH:MM') to each person
    /// checked in, once: the mark, the token's hash and the mail are written
    /// together, and only by the process whose conditional UPDATE took the
    /// registration. `mail` gets the event, the registration and the link's
    /// token. Returns how many were queued.
    pub async fn queue_event_questionnaires(
        &self,
        since: &str,
        until: &str,
        mail: impl Fn(&crate::events::Event, &Registration, &str) -> NewMail,
    ) -> Result<u64> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM events WHERE status = 'published' AND ends_at > $1 AND ends_at <= $2",
        )
        .bind(since)
        .bind(until)
        .fetch_all(self.pool())
        .await?;
        let mut queued = 0;
        for event_id in ids {
            let event = self.event(event_id).await?;
            for r in self.registrations_of_event(event_id).await? {
                let cancelled = r.status == domain::event::RegistrationStatus::Cancelled;
                if r.checked_in_at.is_none() || r.email.is_empty() || cancelled {
                    continue;
                }
                let (token, hash) = crate::new_token();
                let mut tx = self.pool().begin().await?;
                let took = sqlx::query(
                    "UPDATE event_registrations SET feedback_requested_at = $1, feedback_token_hash = $2
                     WHERE id = $3 AND feedback_requested_at IS NULL AND checked_in_at IS NOT NULL
                       AND status <> 'cancelled' AND erased_at IS NULL",
                )
                .bind(now())
                .bind(&hash)
                .bind(r.id)
                .execute(&mut *tx)
                .await?;
                if took.rows_affected() == 1 {
                    enqueue(&mut *tx, &mail(&event, &r, &token)).await?;
                    queued += 1;
                }
                tx.commit().await?;
            }
        }
        Ok(queued)
    }

    /// Record a person who registered for an event held before it was run here
    /// (from its list of registrations and sign-in sheet): confirmed, registered
    /// at `registered_at`; when they came, `came` gives the check-in time (UTC,
    /// like [`now`]; they were sent the questionnaire then) and their answer, if
    /// they answered. No mail is queued. Returns the id.
    pub async fn record_past_participant(
        &self,
        r: &crate::registrations::NewRegistration,
        registered_at: &str,
        came: Option<(&str, Option<&FeedbackAnswer>)>,
    ) -> Result<i64> {
        let checked_in_at = came.map(|(at, _)| at);
        let questionnaire = came.and_then(|(_, a)| a);
        let answered_at = questionnaire.and(checked_in_at);
        let (_, cancel_hash) = crate::new_token();
        let (_, feedback_hash) = crate::new_token();
        let mut tx = self.pool().begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO event_registrations (event_id, name, organization, org_id,
                attendee_role, email, language, status, cancel_token_hash, created_at,
                checked_in_at, feedback_requested_at, feedback_token_hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'confirmed', $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(r.event_id)
        .bind(&r.name)
        .bind(&r.organization)
        .bind(r.org_id)
        .bind(r.role.as_str())
        .bind(&r.email)
        .bind(&r.language)
        .bind(&cancel_hash)
        .bind(registered_at)
        .bind(checked_in_at)
        // Everyone who came was sent the questionnaire.
        .bind(checked_in_at)
        .bind(checked_in_at.map(|_| feedback_hash))
        .fetch_one(&mut *tx)
        .await
        .map_err(Error::from_write)?;
        if let (Some(a), Some(at)) = (questionnaire, answered_at) {
            upsert_answer(&mut *tx, r.event_id, id, a, at).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// The registration a questionnaire link belongs to (NotFound for an unknown
    /// link, or one whose registration was erased).
    pub async fn registration_by_feedback_token(&self, token_hash: &str) -> Result<Registration> {
        let id: i64 = sqlx::query_scalar(
            "SELECT id FROM event_registrations WHERE feedback_token_hash = $1 AND erased_at IS NULL",
        )
        .bind(token_hash)
        .fetch_optional(self.pool())
        .await?
        .ok_or(Error::NotFound)?;
        self.registration(id).await
    }

    /// Keep a participant's answer; answering again through the same link
    /// replaces it.
    pub async fn answer_questionnaire(
        &self,
        registration: &Registration,
        a: &FeedbackAnswer,
    ) -> Result<()> {
        // One statement: two answers sent at once through the same link leave
        // the later one, never an error.
        upsert_answer(
            self.pool(),
            registration.event_id,
            registration.id,
            a,
            &now(),
        )
        .await
    }

    /// The answer given through a registration's link, if any.
    pub async fn feedback_of_registration(&self, registration_id: i64) -> Result<Option<Feedback>> {
        let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE f.registration_id = $1"))
            .bind(registration_id)
            .fetch_optional(self.pool())
            .await?;
        row.map(Feedback::try_from).transpose()
    }

    /// An event's answers, oldest first (staff only: names until erased).
    pub async fn feedback_of_event(&self, event_id: i64) -> Result<Vec<Feedback>> {
        let rows: Vec<Row> =
            sqlx::query_as(&format!("{SELECT} WHERE f.event_id = $1 ORDER BY f.id"))
                .bind(event_id)
                .fetch_all(self.pool())
                .await?;
        rows.into_iter().map(Feedback::try_from).collect()
    }

    /// Counts of an event's questionnaire.
    pub async fn feedback_summary(&self, event_id: i64) -> Result<FeedbackSummary> {
        let requested: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND feedback_requested_at IS NOT NULL",
        )
        .bind(event_id)
        .fetch_one(self.pool())
        .await?;
        let mut s = FeedbackSummary {
            requested,
            ..FeedbackSummary::default()
        };
        for f in self.feedback_of_event(event_id).await? {
            s.answers += 1;
            s.satisfaction[usize::from(f.answer.satisfaction - 1)] += 1;
            s.wants_course += i64::from(f.answer.wants_course);
            s.wants_consulting += i64::from(f.answer.wants_consulting);
        }
        Ok(s)
    }
}

/// Write `a` as the answer of `registration_id`, replacing an earlier one.
async fn upsert_answer<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    e: E,
    event_id: i64,
    registration_id: i64,
    a: &FeedbackAnswer,
    answered_at: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO event_feedback (event_id, registration_id, satisfaction, first_step,
             wants_course, wants_consulting, comment, answered_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (registration_id) DO UPDATE SET satisfaction = excluded.satisfaction,
             first_step = excluded.first_step, wants_course = excluded.wants_course,
             wants_consulting = excluded.wants_consulting, comment = excluded.comment,
             answered_at = excluded.answered_at",
    )
    .bind(event_id)
    .bind(registration_id)
    .bind(i64::from(a.satisfaction))
    .bind(&a.first_step)
    .bind(i64::from(a.wants_course))
    .bind(i64::from(a.wants_consulting))
    .bind(&a.comment)
    .bind(answered_at)
    .execute(e)
    .await?;
    Ok(())
}

const SELECT: &str = "SELECT f.registration_id, f.satisfaction, f.first_step, f.wants_course,
    f.wants_consulting, f.comment, r.name, r.organization, r.org_id, f.answered_at
    FROM event_feedback f JOIN event_registrations r ON r.id = f.registration_id";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mean_is_rounded_half_up_to_a_tenth() {
        let s = |satisfaction| FeedbackSummary {
            satisfaction,
            ..FeedbackSummary::default()
        };
        assert_eq!(s([0; 5]).mean_tenths(), None);
        // (5 + 4) / 2 = 4.5
        assert_eq!(s([0, 0, 0, 1, 1]).mean_tenths(), Some(45));
        // (5 + 5 + 4) / 3 = 4.666… → 4.7
        assert_eq!(s([0, 0, 0, 1, 2]).mean_tenths(), Some(47));
        // (1 + 2 + 2) / 3 = 1.666… → 1.7; (4 + 4 + 5 + 5 + 5 + 5) / 6 = 4.666… → 4.7
        assert_eq!(s([1, 2, 0, 0, 0]).mean_tenths(), Some(17));
        assert_eq!(s([0, 0, 0, 2, 4]).mean_tenths(), Some(47));
        // (3 + 4) / 2 = 3.5 exactly; (1×3 + 2) / 4 = 1.25 → 1.3 (half up)
        assert_eq!(s([0, 0, 1, 1, 0]).mean_tenths(), Some(35));
        assert_eq!(s([3, 1, 0, 0, 0]).mean_tenths(), Some(13));
    }
}
