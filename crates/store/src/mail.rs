//! The mail queue (送信メール): messages waiting for, or done with, SMTP.
//!
//! A message is enqueued inside the caller's transaction ([`enqueue`]), so an
//! invitation and its mail commit or roll back together. Any server's mail worker
//! takes a due message with [`Store::claim_due_mail`]: one conditional UPDATE, so
//! of several processes on one database exactly one wins each message. The winner
//! holds a lease; a message whose worker died while sending is claimable again once
//! the lease expires. Every write of a worker is conditional on still holding the
//! lease. Without SMTP configured nothing claims, and the queue is the outbox that
//! platform admins read.

use serde::Serialize;

use crate::{Error, Result, Store, now, now_plus_seconds};

/// What a message is about (種類). Stored as text; parsed here, at the store's edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum MailKind {
    /// 招待: the one-time link of a new account.
    Invitation,
    /// パスワード再設定: a reset link an admin issued.
    PasswordReset,
    /// 申込受付: an event registration taken (confirmed or on the waiting list),
    /// with its cancel link.
    EventRegistration,
    /// 参加確定: moved up from an event's waiting list.
    EventPromotion,
    /// 前日のお知らせ: the day before an event.
    EventReminder,
    /// 参加後アンケート: the questionnaire link, once the event has ended.
    EventQuestionnaire,
    /// 問い合わせ・応募の通知: to the employer's admins, with a link to read it.
    JobInquiry,
    /// 送信内容の控え: the seeker's copy of what they sent.
    JobInquiryCopy,
    /// 企業からの回答: the employer's answer, to the seeker.
    JobInquiryAnswer,
    /// 確認の依頼: to the region's staff, when an employer's job posting or
    /// case story waits for their review.
    ReviewRequest,
    /// 確認の結果: to the employer's admins, when the staff approved or
    /// returned it.
    ReviewDecision,
    /// 朝メール・夜メールへのコメント・ありがとう: to a person who asked to be
    /// told by mail.
    DailyComment,
    /// 組織診断のお願い: the answering link of an organization's survey round.
    SurveyInvitation,
    /// 介護の相談: to the employer's admins, when an employee asks to talk.
    CareRequest,
}

impl MailKind {
    pub const ALL: [MailKind; 14] = [
        MailKind::Invitation,
        MailKind::PasswordReset,
        MailKind::EventRegistration,
        MailKind::EventPromotion,
        MailKind::EventReminder,
        MailKind::EventQuestionnaire,
        MailKind::JobInquiry,
        MailKind::JobInquiryCopy,
        MailKind::JobInquiryAnswer,
        MailKind::ReviewRequest,
        MailKind::ReviewDecision,
        MailKind::DailyComment,
        MailKind::SurveyInvitation,
        MailKind::CareRequest,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::Invitation => "invitation",
            MailKind::PasswordReset => "password_reset",
            MailKind::EventRegistration => "event_registration",
            MailKind::EventPromotion => "event_promotion",
            MailKind::EventReminder => "event_reminder",
            MailKind::EventQuestionnaire => "event_questionnaire",
            MailKind::JobInquiry => "job_inquiry",
            MailKind::JobInquiryCopy => "job_inquiry_copy",
            MailKind::JobInquiryAnswer => "job_inquiry_answer",
            MailKind::ReviewRequest => "review_request",
            MailKind::ReviewDecision => "review_decision",
            MailKind::DailyComment => "daily_comment",
            MailKind::SurveyInvitation => "survey_invitation",
            MailKind::CareRequest => "care_request",
        }
    }
    pub fn parse(s: &str) -> Option<MailKind> {
        MailKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Where a message stands (状態).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum MailState {
    /// 送信待ち: waiting for its first try, a retry, or for SMTP to be configured.
    Queued,
    /// 送信中: a worker holds it under a lease.
    Sending,
    /// 送信済み.
    Sent,
    /// 送信失敗: out of attempts, or expired before it could be sent.
    Failed,
}

impl MailState {
    pub const ALL: [MailState; 4] = [
        MailState::Queued,
        MailState::Sending,
        MailState::Sent,
        MailState::Failed,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            MailState::Queued => "queued",
            MailState::Sending => "sending",
            MailState::Sent => "sent",
            MailState::Failed => "failed",
        }
    }
    pub fn parse(s: &str) -> Option<MailState> {
        MailState::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A message to queue.
#[derive(Debug, Clone)]
pub struct NewMail {
    pub recipient: String,
    /// "ja" or "en": the language the texts are written in.
    pub language: String,
    pub kind: MailKind,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    /// Tries (claims) before the message is failed; at least 1.
    pub max_attempts: i64,
    /// Seconds from now after which the message is failed instead of sent
    /// (an invitation whose link has expired); None: no limit.
    pub expires_in_seconds: Option<i64>,
}

/// A queued or finished message.
#[derive(Debug, Clone, Serialize)]
pub struct Mail {
    pub id: i64,
    pub recipient: String,
    pub language: String,
    pub kind: MailKind,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub state: MailState,
    pub attempts: i64,
    pub max_attempts: i64,
    pub next_attempt_at: String,
    pub expires_at: Option<String>,
    pub lease_owner: String,
    pub lease_until: Option<String>,
    pub last_error: String,
    pub created_at: String,
    pub sent_at: Option<String>,
}

#[derive(sqlx::FromRow)]
struct MailRow {
    id: i64,
    recipient: String,
    language: String,
    kind: String,
    subject: String,
    body_text: String,
    body_html: String,
    state: String,
    attempts: i64,
    max_attempts: i64,
    next_attempt_at: String,
    expires_at: Option<String>,
    lease_owner: String,
    lease_until: Option<String>,
    last_error: String,
    created_at: String,
    sent_at: Option<String>,
}

impl TryFrom<MailRow> for Mail {
    type Error = Error;
    fn try_from(r: MailRow) -> Result<Mail> {
        let kind = MailKind::parse(&r.kind)
            .ok_or_else(|| Error::Config(format!("mail {}: unknown kind {:?}", r.id, r.kind)))?;
        let state = MailState::parse(&r.state)
            .ok_or_else(|| Error::Config(format!("mail {}: unknown state {:?}", r.id, r.state)))?;
        Ok(Mail {
            id: r.id,
            recipient: r.recipient,
            language: r.language,
            kind,
            subject: r.subject,
            body_text: r.body_text,
            body_html: r.body_html,
            state,
            attempts: r.attempts,
            max_attempts: r.max_attempts,
            next_attempt_at: r.next_attempt_at,
            expires_at: r.expires_at,
            lease_owner: r.lease_owner,
            lease_until: r.lease_until,
            last_error: r.last_error,
            created_at: r.created_at,
            sent_at: r.sent_at,
        })
    }
}

const COLUMNS: &str = "id, recipient, language, kind, subject, body_text, body_html, state, attempts,
    max_attempts, next_attempt_at, expires_at, lease_owner, lease_until, last_error, created_at, sent_at";

/// The longest error text kept: SMTP servers can answer at length.
const MAX_ERROR_CHARS: usize = 1000;

/// One page of the outbox.
#[derive(Debug, Clone)]
pub struct OutboxPage {
    pub mails: Vec<Mail>,
    /// Messages matching the filter, on every page.
    pub total: i64,
}

/// Queue `mail` on the caller's connection or transaction: it commits or rolls
/// back with whatever it announces.
pub async fn enqueue<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    e: E,
    mail: &NewMail,
) -> Result<i64> {
    let at = now();
    sqlx::query_scalar(
        "INSERT INTO mail_queue (recipient, language, kind, subject, body_text, body_html,
            state, attempts, max_attempts, next_attempt_at, expires_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'queued', 0, $7, $8, $9, $8) RETURNING id",
    )
    .bind(&mail.recipient)
    .bind(&mail.language)
    .bind(mail.kind.as_str())
    .bind(&mail.subject)
    .bind(&mail.body_text)
    .bind(&mail.body_html)
    .bind(mail.max_attempts.max(1))
    .bind(&at)
    .bind(mail.expires_in_seconds.map(now_plus_seconds))
    .fetch_one(e)
    .await
    .map_err(Error::from_write)
}

/// The pause before retry number `attempts` (1 after the first failure):
/// `base_seconds · 2^(attempts-1)`, at most `cap_seconds`.
pub fn backoff_seconds(attempts: i64, base_seconds: i64, cap_seconds: i64) -> i64 {
    let exponent = (attempts - 1).clamp(0, 30) as u32;
    base_seconds
        .max(0)
        .saturating_mul(1i64 << exponent)
        .min(cap_seconds.max(0))
}

/// The condition of a message a worker may take at `$1`: due and queued, or being
/// sent by a worker whose lease ran out.
const CLAIMABLE: &str = "((state = 'queued' AND next_attempt_at <= $1)
    OR (state = 'sending' AND (lease_until IS NULL OR lease_until < $1)))
    AND attempts < max_attempts AND (expires_at IS NULL OR expires_at > $1)";

impl Store {
    /// Queue one message on its own (outside any other write).
    pub async fn enqueue_mail(&self, mail: &NewMail) -> Result<i64> {
        enqueue(self.pool(), mail).await
    }

    pub async fn mail(&self, id: i64) -> Result<Mail> {
        let row: MailRow =
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM mail_queue WHERE id = $1"))
                .bind(id)
                .fetch_optional(self.pool())
                .await?
                .ok_or(Error::NotFound)?;
        row.try_into()
    }

    /// Lease the next due message to `worker_id` for `lease_seconds`, counting the
    /// try. Exactly one of several concurrent callers wins each message: the UPDATE
    /// re-checks the claim condition on the row it locks, and a caller that lost
    /// the race looks again. Messages that can no longer be sent (out of tries
    /// while their worker died, or past their expiry) are failed first.
    pub async fn claim_due_mail(
        &self,
        worker_id: &str,
        lease_seconds: i64,
    ) -> Result<Option<Mail>> {
        let at = now();
        sqlx::query(
            "UPDATE mail_queue SET state = 'failed', lease_owner = '', lease_until = NULL,
                last_error = CASE WHEN last_error = '' THEN 'expired before it could be sent'
                    ELSE last_error END
             WHERE state = 'queued' AND expires_at IS NOT NULL AND expires_at <= $1",
        )
        .bind(&at)
        .execute(self.pool())
        .await?;
        sqlx::query(
            "UPDATE mail_queue SET state = 'failed', lease_owner = '', lease_until = NULL,
                last_error = 'the worker sending it stopped, and no tries are left'
             WHERE state = 'sending' AND (lease_until IS NULL OR lease_until < $1)
                AND attempts >= max_attempts",
        )
        .bind(&at)
        .execute(self.pool())
        .await?;
        // A lost race means another worker took that message: look again, a few
        // times (each loss is someone else's progress, so this ends).
        for _ in 0..8 {
            let claimed: Option<i64> = sqlx::query_scalar(&format!(
                "UPDATE mail_queue SET state = 'sending', lease_owner = $2, lease_until = $3,
                    attempts = attempts + 1
                 WHERE id = (SELECT id FROM mail_queue WHERE {CLAIMABLE}
                             ORDER BY next_attempt_at, id LIMIT 1)
                   AND {CLAIMABLE}
                 RETURNING id"
            ))
            .bind(&at)
            .bind(worker_id)
            .bind(now_plus_seconds(lease_seconds))
            .fetch_optional(self.pool())
            .await?;
            if let Some(id) = claimed {
                return self.mail(id).await.map(Some);
            }
            let left: i64 = sqlx::query_scalar(&format!(
                "SELECT COUNT(*) FROM mail_queue WHERE {CLAIMABLE}"
            ))
            .bind(&at)
            .fetch_one(self.pool())
            .await?;
            if left == 0 {
                return Ok(None);
            }
        }
        Ok(None)
    }

    /// The message went out. [`Error::LeaseLost`] when `worker_id` no longer holds it.
    pub async fn mark_mail_sent(&self, id: i64, worker_id: &str) -> Result<()> {
        let done = sqlx::query(
            "UPDATE mail_queue SET state = 'sent', sent_at = $1, lease_owner = '', lease_until = NULL,
                last_error = ''
             WHERE id = $2 AND lease_owner = $3 AND state = 'sending'",
        )
        .bind(now())
        .bind(id)
        .bind(worker_id)
        .execute(self.pool())
        .await?;
        if done.rows_affected() == 1 {
            Ok(())
        } else {
            Err(Error::LeaseLost)
        }
    }

    /// A try failed with `error`: back to the queue after
    /// [`backoff_seconds`]`(attempts, base, cap)`, or failed for good when no tries
    /// are left (or `permanent`: the server refused the message itself). Returns
    /// the message's new state; [`Error::LeaseLost`] when `worker_id` no longer
    /// holds it.
    pub async fn mark_mail_failed_attempt(
        &self,
        id: i64,
        worker_id: &str,
        error: &str,
        permanent: bool,
        base_seconds: i64,
        cap_seconds: i64,
    ) -> Result<MailState> {
        let mail = self.mail(id).await?;
        if mail.state != MailState::Sending || mail.lease_owner != worker_id {
            return Err(Error::LeaseLost);
        }
        let error: String = error
            .replace('\0', "\u{FFFD}")
            .chars()
            .take(MAX_ERROR_CHARS)
            .collect();
        let state = if permanent || mail.attempts >= mail.max_attempts {
            MailState::Failed
        } else {
            MailState::Queued
        };
        let next = now_plus_seconds(backoff_seconds(mail.attempts, base_seconds, cap_seconds));
        let done = sqlx::query(
            "UPDATE mail_queue SET state = $1, next_attempt_at = $2, last_error = $3,
                lease_owner = '', lease_until = NULL
             WHERE id = $4 AND lease_owner = $5 AND state = 'sending'",
        )
        .bind(state.as_str())
        .bind(next)
        .bind(error)
        .bind(id)
        .bind(worker_id)
        .execute(self.pool())
        .await?;
        if done.rows_affected() == 1 {
            Ok(state)
        } else {
            Err(Error::LeaseLost)
        }
    }

    /// The outbox, newest first: `per_page` messages from page `page` (1-based),
    /// only those in `state` when given.
    pub async fn list_outbox(
        &self,
        state: Option<MailState>,
        page: i64,
        per_page: i64,
    ) -> Result<OutboxPage> {
        let per_page = per_page.clamp(1, 500);
        let offset = (page.max(1) - 1).saturating_mul(per_page);
        let filter = state.map(|s| s.as_str()).unwrap_or("");
        let rows: Vec<MailRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM mail_queue WHERE ($1 = '' OR state = $1)
             ORDER BY id DESC LIMIT $2 OFFSET $3"
        ))
        .bind(filter)
        .bind(per_page)
        .bind(offset)
        .fetch_all(self.pool())
        .await?;
        let total: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM mail_queue WHERE ($1 = '' OR state = $1)")
                .bind(filter)
                .fetch_one(self.pool())
                .await?;
        Ok(OutboxPage {
            mails: rows
                .into_iter()
                .map(Mail::try_from)
                .collect::<Result<_>>()?,
            total,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        assert_eq!(backoff_seconds(1, 60, 3600), 60);
        assert_eq!(backoff_seconds(2, 60, 3600), 120);
        assert_eq!(backoff_seconds(3, 60, 3600), 240);
        assert_eq!(backoff_seconds(10, 60, 3600), 3600);
        assert_eq!(backoff_seconds(1000, 60, 3600), 3600);
        assert_eq!(backoff_seconds(0, 60, 3600), 60);
        assert_eq!(backoff_seconds(3, 0, 3600), 0);
    }

    #[test]
    fn kinds_and_states_round_trip() {
        for k in MailKind::ALL {
            assert_eq!(MailKind::parse(k.as_str()), Some(k));
        }
        for s in MailState::ALL {
            assert_eq!(MailState::parse(s.as_str()), Some(s));
        }
        assert_eq!(MailState::parse("nope"), None);
    }
}
