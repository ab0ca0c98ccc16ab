//! Inquiries and applications (問い合わせ・応募) from job seekers, sent from a
//! posting's page or an employer's profile without an account, and the
//! employer's answers. Sending writes the inquiry, its CV and the mails that
//! announce it in one transaction; so does answering. After the region's
//! retention period the personal data is erased and the row stays, so the
//! counts that measure 採用力 stay true.

use domain::job::InquiryKind;

use crate::mail::{NewMail, enqueue};
use crate::{Error, Result, Store, now};

/// What a seeker sends.
#[derive(Debug, Clone)]
pub struct NewInquiry {
    pub org_id: i64,
    /// None: to the employer, not about one posting.
    pub posting_id: Option<i64>,
    pub posting_title: String,
    pub kind: InquiryKind,
    /// 氏名
    pub name: String,
    pub email: String,
    /// 電話番号 (optional: empty)
    pub phone: String,
    pub message: String,
    /// "ja" or "en": the page's language, and of the seeker's mails.
    pub language: String,
}

/// One answer of the employer, as mailed to the seeker.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub body: String,
    /// Who answered (empty once the account is gone).
    pub answered_by_name: String,
    pub created_at: String,
}

/// An inquiry as its employer's admins read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Inquiry {
    pub id: i64,
    pub org_id: i64,
    pub posting_id: Option<i64>,
    pub posting_title: String,
    pub kind: InquiryKind,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub message: String,
    pub language: String,
    pub cv_upload_id: Option<i64>,
    pub cv_size_bytes: Option<i64>,
    pub created_at: String,
    /// When the personal data was erased (the retention period ended).
    pub erased_at: Option<String>,
    pub answers: Vec<Answer>,
}

/// One line of an employer's inquiry list.
#[derive(Debug, Clone, PartialEq)]
pub struct InquiryLine {
    pub id: i64,
    pub posting_id: Option<i64>,
    pub posting_title: String,
    pub kind: InquiryKind,
    pub name: String,
    pub has_cv: bool,
    pub answers: i64,
    pub created_at: String,
    pub erased: bool,
}

/// When an inquiry was sent and what it was: what the counts of 採用力 read.
#[derive(Debug, Clone, PartialEq)]
pub struct InquiryMark {
    pub created_at: String,
    pub posting_id: Option<i64>,
    pub kind: InquiryKind,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    org_id: i64,
    posting_id: Option<i64>,
    posting_title: String,
    kind: String,
    name: String,
    email: String,
    phone: String,
    message: String,
    language: String,
    cv_upload_id: Option<i64>,
    cv_size_bytes: Option<i64>,
    created_at: String,
    erased_at: Option<String>,
}

/// id, posting_id, posting_title, kind, name, cv_upload_id, answers, created_at, erased_at.
type LineRow = (
    i64,
    Option<i64>,
    String,
    String,
    String,
    Option<i64>,
    i64,
    String,
    Option<String>,
);

const COLUMNS: &str = "id, org_id, posting_id, posting_title, kind, name, email, phone, message,
    language, cv_upload_id, cv_size_bytes, created_at, erased_at";

fn kind(id: i64, code: &str) -> Result<InquiryKind> {
    InquiryKind::parse(code).ok_or_else(|| {
        Error::Database(sqlx::Error::Decode(
            format!("job_inquiries {id}: kind {code:?}").into(),
        ))
    })
}

impl Store {
    /// Store an inquiry with its CV (a checked PDF) and queue the mails that
    /// `mails` writes for its id, all or nothing.
    pub async fn send_inquiry(
        &self,
        new: &NewInquiry,
        cv: Option<&[u8]>,
        mails: impl FnOnce(i64) -> Vec<NewMail>,
    ) -> Result<i64> {
        use sha2::Digest;
        let mut tx = self.pool().begin().await?;
        let at = now();
        let cv_upload_id: Option<i64> = match cv {
            Some(bytes) => Some(
                sqlx::query_scalar(
                    "INSERT INTO uploads (sha256, content_type, size_bytes, bytes, created_at)
                     VALUES ($1, 'application/pdf', $2, $3, $4) RETURNING id",
                )
                .bind(hex::encode(sha2::Sha256::digest(bytes)))
                .bind(bytes.len() as i64)
                .bind(bytes.to_vec())
                .bind(&at)
                .fetch_one(&mut *tx)
                .await?,
            ),
            None => None,
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO job_inquiries (org_id, posting_id, posting_title, kind, name, email,
                phone, message, language, cv_upload_id, cv_size_bytes, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(new.org_id)
        .bind(new.posting_id)
        .bind(&new.posting_title)
        .bind(new.kind.as_str())
        .bind(&new.name)
        .bind(&new.email)
        .bind(&new.phone)
        .bind(&new.message)
        .bind(&new.language)
        .bind(cv_upload_id)
        .bind(cv.map(|b| b.len() as i64))
        .bind(&at)
        .fetch_one(&mut *tx)
        .await
        .map_err(Error::from_write)?;
        for mail in mails(id) {
            enqueue(&mut *tx, &mail).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// The organization's inquiries, newest first.
    pub async fn inquiries_of_org(&self, org_id: i64) -> Result<Vec<InquiryLine>> {
        let rows: Vec<LineRow> = sqlx::query_as(
            "SELECT i.id, i.posting_id, i.posting_title, i.kind, i.name, i.cv_upload_id,
                (SELECT COUNT(*) FROM job_inquiry_answers a WHERE a.inquiry_id = i.id),
                i.created_at, i.erased_at
             FROM job_inquiries i WHERE i.org_id = $1 ORDER BY i.created_at DESC, i.id DESC",
        )
        .bind(org_id)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(InquiryLine {
                    kind: kind(r.0, &r.3)?,
                    id: r.0,
                    posting_id: r.1,
                    posting_title: r.2,
                    name: r.4,
                    has_cv: r.5.is_some(),
                    answers: r.6,
                    created_at: r.7,
                    erased: r.8.is_some(),
                })
            })
            .collect()
    }

    pub async fn inquiry(&self, id: i64) -> Result<Inquiry> {
        let r: Row = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM job_inquiries WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(Error::NotFound)?;
        let answers: Vec<(String, Option<String>, String)> = sqlx::query_as(
            "SELECT a.body, u.display_name, a.created_at
             FROM job_inquiry_answers a LEFT JOIN users u ON u.id = a.answered_by
             WHERE a.inquiry_id = $1 ORDER BY a.id",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?;
        Ok(Inquiry {
            kind: kind(r.id, &r.kind)?,
            id: r.id,
            org_id: r.org_id,
            posting_id: r.posting_id,
            posting_title: r.posting_title,
            name: r.name,
            email: r.email,
            phone: r.phone,
            message: r.message,
            language: r.language,
            cv_upload_id: r.cv_upload_id,
            cv_size_bytes: r.cv_size_bytes,
            created_at: r.created_at,
            erased_at: r.erased_at,
            answers: answers
                .into_iter()
                .map(|(body, name, created_at)| Answer {
                    body,
                    answered_by_name: name.unwrap_or_default(),
                    created_at,
                })
                .collect(),
        })
    }

    /// Add the employer's answer and queue its mail to the seeker (None: no
    /// mail, for invented seekers), together. An inquiry whose personal data is
    /// erased takes no answer (NotFound).
    pub async fn answer_inquiry(
        &self,
        id: i64,
        body: &str,
        answered_by: i64,
        mail: impl FnOnce(&Inquiry) -> Option<NewMail>,
    ) -> Result<()> {
        let inquiry = self.inquiry(id).await?;
        let mut tx = self.pool().begin().await?;
        // Written only while the data is there: an erasure in between wins.
        let live = sqlx::query(
            "UPDATE job_inquiries SET posting_title = posting_title
             WHERE id = $1 AND erased_at IS NULL",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if live.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        sqlx::query(
            "INSERT INTO job_inquiry_answers (inquiry_id, body, answered_by, created_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(body)
        .bind(answered_by)
        .bind(now())
        .execute(&mut *tx)
        .await?;
        if let Some(mail) = mail(&inquiry) {
            enqueue(&mut *tx, &mail).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The CV's bytes, while the inquiry keeps them.
    pub async fn inquiry_cv(&self, id: i64) -> Result<Vec<u8>> {
        sqlx::query_scalar(
            "SELECT u.bytes FROM job_inquiries i JOIN uploads u ON u.id = i.cv_upload_id
             WHERE i.id = $1 AND i.erased_at IS NULL",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(Error::NotFound)
    }

    /// When each of the organization's inquiries was sent, oldest first.
    pub async fn inquiry_marks(&self, org_id: i64) -> Result<Vec<InquiryMark>> {
        let rows: Vec<(i64, String, Option<i64>, String)> = sqlx::query_as(
            "SELECT id, created_at, posting_id, kind FROM job_inquiries
             WHERE org_id = $1 ORDER BY created_at",
        )
        .bind(org_id)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|(id, created_at, posting_id, k)| {
                Ok(InquiryMark {
                    kind: kind(id, &k)?,
                    created_at,
                    posting_id,
                })
            })
            .collect()
    }

    /// The addresses of the organization's admins who can sign in: who is told
    /// of a new inquiry.
    pub async fn org_admin_emails(&self, org_id: i64) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT DISTINCT u.email FROM users u JOIN role_assignments r ON r.user_id = u.id
             WHERE r.role = 'org_admin' AND r.org_id = $1 AND u.disabled = 0
             ORDER BY u.email",
        )
        .bind(org_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Erase the name, contact, message, CV and answers of every inquiry sent
    /// more than its region's retention period before `now` (organizations
    /// outside a region keep them 180 days). Returns how many were erased.
    pub async fn erase_expired_inquiries(&self, now_at: jiff::Timestamp) -> Result<u64> {
        let rows: Vec<(i64, String, Option<i64>)> = sqlx::query_as(
            "SELECT i.id, i.created_at, r.inquiry_retention_days
             FROM job_inquiries i JOIN organizations o ON o.id = i.org_id
             LEFT JOIN regions r ON r.id = o.region_id
             WHERE i.erased_at IS NULL AND i.created_at < $1",
        )
        // No region keeps them less than a day: younger rows need no look.
        .bind(
            now_at
                .checked_sub(jiff::SignedDuration::from_hours(24))
                .unwrap_or(now_at)
                .strftime("%Y-%m-%dT%H:%M:%SZ")
                .to_string(),
        )
        .fetch_all(self.pool())
        .await?;
        let mut erased = 0;
        for (id, created_at, days) in rows {
            let Ok(sent) = created_at.parse::<jiff::Timestamp>() else {
                continue;
            };
            let kept = jiff::SignedDuration::from_hours(24 * days.unwrap_or(180).max(0));
            if sent.checked_add(kept).is_ok_and(|until| until >= now_at) {
                continue;
            }
            let mut tx = self.pool().begin().await?;
            let cv: Option<Option<i64>> = sqlx::query_scalar(
                "SELECT cv_upload_id FROM job_inquiries WHERE id = $1 AND erased_at IS NULL",
            )
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(cv) = cv else { continue };
            sqlx::query(
                "UPDATE job_inquiries SET name = '', email = '', phone = '', message = '',
                    cv_upload_id = NULL, erased_at = $1
                 WHERE id = $2",
            )
            .bind(now())
            .bind(id)
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE job_inquiry_answers SET body = '' WHERE inquiry_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            if let Some(upload) = cv {
                sqlx::query("DELETE FROM uploads WHERE id = $1")
                    .bind(upload)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            erased += 1;
        }
        Ok(erased)
    }
}
