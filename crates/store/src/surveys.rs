//! Survey rounds and their answers (the survey engine's storage; issue 12's
//! residents' survey). A round opens, takes answers, and closes once; an
//! answer is stored as the engine's JSON with nothing that points at a person.
//! What may be shown of the answers is decided by the `survey` crate, not here.

use crate::{Error, Result, Store, now};

/// A round of a questionnaire in a region.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyRound {
    pub id: i64,
    pub questionnaire: String,
    pub region_id: Option<i64>,
    pub org_id: Option<i64>,
    pub title: String,
    /// The anonymity threshold k of the round.
    pub threshold: i64,
    /// YYYY-MM-DD.
    pub opened_on: String,
    /// YYYY-MM-DD; None while it takes answers.
    pub closed_on: Option<String>,
    /// How many answers it holds.
    pub answers: i64,
}

impl SurveyRound {
    pub fn is_open(&self) -> bool {
        self.closed_on.is_none()
    }
}

type RoundRow = (
    i64,
    String,
    Option<i64>,
    Option<i64>,
    String,
    i64,
    String,
    Option<String>,
    i64,
);

const COLUMNS: &str = "r.id, r.questionnaire, r.region_id, r.org_id, r.title, r.threshold,
    r.opened_on, r.closed_on,
    (SELECT COUNT(*) FROM survey_responses a WHERE a.round_id = r.id)";

fn round(r: RoundRow) -> SurveyRound {
    SurveyRound {
        id: r.0,
        questionnaire: r.1,
        region_id: r.2,
        org_id: r.3,
        title: r.4,
        threshold: r.5,
        opened_on: r.6,
        closed_on: r.7,
        answers: r.8,
    }
}

impl Store {
    /// Open a round of `questionnaire` in the region on `today`, with its
    /// audit entry (Conflict while another round of it is open there).
    pub async fn open_survey_round(
        &self,
        questionnaire: &str,
        region_id: i64,
        title: &str,
        threshold: i64,
        today: &str,
        actor: &crate::audit::Actor,
    ) -> Result<i64> {
        let mut tx = self.pool().begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO survey_rounds (questionnaire, region_id, title, threshold, opened_on,
                created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(questionnaire)
        .bind(region_id)
        .bind(title)
        .bind(threshold.max(2))
        .bind(today)
        .bind(now())
        .fetch_one(&mut *tx)
        .await
        .map_err(Error::from_write)?;
        crate::audit::insert(
            &mut *tx,
            actor,
            "open",
            "survey_round",
            &id.to_string(),
            title,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Close an open round on `today`, for good, with its audit entry.
    /// NotFound when it is not open.
    pub async fn close_survey_round(
        &self,
        id: i64,
        today: &str,
        actor: &crate::audit::Actor,
    ) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query(
            "UPDATE survey_rounds SET closed_on = $1 WHERE id = $2 AND closed_on IS NULL",
        )
        .bind(today)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        let title: String = sqlx::query_scalar("SELECT title FROM survey_rounds WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        crate::audit::insert(
            &mut *tx,
            actor,
            "close",
            "survey_round",
            &id.to_string(),
            &title,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn survey_round(&self, id: i64) -> Result<SurveyRound> {
        let r: RoundRow = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM survey_rounds r WHERE r.id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(Error::NotFound)?;
        Ok(round(r))
    }

    /// The region's rounds of `questionnaire`, newest first.
    pub async fn survey_rounds(
        &self,
        questionnaire: &str,
        region_id: i64,
    ) -> Result<Vec<SurveyRound>> {
        let rows: Vec<RoundRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM survey_rounds r
             WHERE r.questionnaire = $1 AND r.region_id = $2
             ORDER BY r.opened_on DESC, r.id DESC"
        ))
        .bind(questionnaire)
        .bind(region_id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(round).collect())
    }

    /// The region's open round of `questionnaire`, if any.
    pub async fn open_round_of(
        &self,
        questionnaire: &str,
        region_id: i64,
    ) -> Result<Option<SurveyRound>> {
        Ok(self
            .survey_rounds(questionnaire, region_id)
            .await?
            .into_iter()
            .find(SurveyRound::is_open))
    }

    /// Store one answer (the engine's JSON) in an open round; NotFound when
    /// the round is closed or unknown. The round's row is written first, so a
    /// close running at the same time waits or wins: no answer lands in a
    /// closed round.
    pub async fn submit_survey_answer(&self, round_id: i64, answers_json: &str) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let open = sqlx::query(
            "UPDATE survey_rounds SET title = title WHERE id = $1 AND closed_on IS NULL",
        )
        .bind(round_id)
        .execute(&mut *tx)
        .await?;
        if open.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        sqlx::query("INSERT INTO survey_responses (round_id, answers) VALUES ($1, $2)")
            .bind(round_id)
            .bind(answers_json)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Store many answers at once (the demo loader), in an open round.
    pub async fn submit_survey_answers(&self, round_id: i64, answers: &[String]) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let open = sqlx::query(
            "UPDATE survey_rounds SET title = title WHERE id = $1 AND closed_on IS NULL",
        )
        .bind(round_id)
        .execute(&mut *tx)
        .await?;
        if open.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        for a in answers {
            sqlx::query("INSERT INTO survey_responses (round_id, answers) VALUES ($1, $2)")
                .bind(round_id)
                .bind(a)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Every answer of a round as stored (JSON), in no meaningful order.
    pub async fn survey_answers(&self, round_id: i64) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT answers FROM survey_responses WHERE round_id = $1 ORDER BY answers",
        )
        .bind(round_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// When each inquiry to an organization of the region was sent
    /// (RFC 3339), oldest first: the mismatch dashboard counts them by month.
    pub async fn inquiry_times_in_region(&self, region_id: i64) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT i.created_at FROM job_inquiries i JOIN organizations o ON o.id = i.org_id
             WHERE o.region_id = $1 ORDER BY i.created_at",
        )
        .bind(region_id)
        .fetch_all(self.pool())
        .await?)
    }
}
