//! 組織診断 (issue 13, migration 0034): an organization's survey rounds, on
//! the survey engine's tables ([`crate::surveys`]) with the round's setup and
//! answering link beside each. Answers go in through
//! [`Store::submit_survey_answer`] like the residents' survey's.

use crate::mail::{NewMail, enqueue};
use crate::surveys::SurveyRound;
use crate::{Error, Result, Store, now};

/// What an organization's round carries besides the engine's round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgRoundSetup {
    /// `survey::diagnosis::Setup` as JSON.
    pub setup: String,
    /// The answering link's secret (`/s/{token}`).
    pub token: String,
    /// How many invitations were sent by mail.
    pub invited: i64,
}

impl Store {
    /// Open a round of `questionnaire` for the organization with its setup and
    /// link, and its audit entry, in one transaction; Conflict while another
    /// round of it is open there.
    #[allow(clippy::too_many_arguments)]
    pub async fn open_org_survey_round(
        &self,
        questionnaire: &str,
        org_id: i64,
        title: &str,
        setup_json: &str,
        token: &str,
        today: &str,
        actor: &crate::audit::Actor,
    ) -> Result<i64> {
        let mut tx = self.pool().begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO survey_rounds (questionnaire, org_id, title, threshold, opened_on, created_at)
             VALUES ($1, $2, $3, 5, $4, $5) RETURNING id",
        )
        .bind(questionnaire)
        .bind(org_id)
        .bind(title)
        .bind(today)
        .bind(now())
        .fetch_one(&mut *tx)
        .await
        .map_err(Error::from_write)?;
        sqlx::query("INSERT INTO org_survey_setups (round_id, setup, token, invited) VALUES ($1, $2, $3, 0)")
            .bind(id)
            .bind(setup_json)
            .bind(token)
            .execute(&mut *tx)
            .await
            .map_err(Error::from_write)?;
        crate::audit::insert(
            &mut *tx,
            actor,
            "open",
            "survey_round",
            &id.to_string(),
            &serde_json::json!({ "org_id": org_id, "title": title }).to_string(),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The organization's rounds of `questionnaire`, newest first.
    pub async fn org_survey_rounds(
        &self,
        questionnaire: &str,
        org_id: i64,
    ) -> Result<Vec<SurveyRound>> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM survey_rounds WHERE questionnaire = $1 AND org_id = $2
             ORDER BY opened_on DESC, id DESC",
        )
        .bind(questionnaire)
        .bind(org_id)
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.push(self.survey_round(id).await?);
        }
        Ok(out)
    }

    pub async fn org_survey_setup(&self, round_id: i64) -> Result<OrgRoundSetup> {
        let (setup, token, invited): (String, String, i64) = sqlx::query_as(
            "SELECT setup, token, invited FROM org_survey_setups WHERE round_id = $1",
        )
        .bind(round_id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(Error::NotFound)?;
        Ok(OrgRoundSetup {
            setup,
            token,
            invited,
        })
    }

    /// The round whose answering link is `token`.
    pub async fn org_survey_round_by_token(&self, token: &str) -> Result<SurveyRound> {
        let id: i64 = sqlx::query_scalar("SELECT round_id FROM org_survey_setups WHERE token = $1")
            .bind(token)
            .fetch_optional(self.pool())
            .await?
            .ok_or(Error::NotFound)?;
        self.survey_round(id).await
    }

    /// Queue the invitations of an open round and count them, in one
    /// transaction (the addresses themselves are not kept). NotFound when
    /// the round is closed.
    pub async fn invite_to_org_survey(&self, round_id: i64, mails: &[NewMail]) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let open = sqlx::query(
            "UPDATE org_survey_setups SET invited = invited + $1
             WHERE round_id = $2 AND round_id IN (SELECT id FROM survey_rounds WHERE closed_on IS NULL)",
        )
        .bind(mails.len() as i64)
        .bind(round_id)
        .execute(&mut *tx)
        .await?;
        if open.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        for m in mails {
            enqueue(&mut *tx, m).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
