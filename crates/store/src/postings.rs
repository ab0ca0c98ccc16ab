//! Job postings (求人; issue 12). The employer's admins write them; the public
//! reads the open ones (status `open`, approved by the region's review, today
//! within `posted_on ..= valid_through`). Search is a substring match on normalized text kept in the
//! row ([`domain::search::normalize`]), so two-character words match and every
//! server process reads the same index.

use domain::job::{EmploymentType, PayUnit, PostingReview, Suit, join_suits, split_suits};
use domain::workplace::Measure;

use crate::mail::{NewMail, enqueue};
use crate::{Error, Result, Store, now};

/// What an employer writes.
#[derive(Debug, Clone, PartialEq)]
pub struct PostingFields {
    pub title: String,
    pub employment_type: EmploymentType,
    pub description: String,
    /// 勤務時間, as written (e.g. 8:30〜17:30（休憩60分）).
    pub work_hours: String,
    /// 勤務日・休日.
    pub work_days: String,
    /// 月平均時間外労働時間 in tenths of an hour, as the employer states it.
    pub monthly_overtime_tenths: Option<i64>,
    /// 年間休日数.
    pub annual_holidays: Option<i64>,
    pub pay_unit: PayUnit,
    pub pay_min: Option<i64>,
    pub pay_max: Option<i64>,
    pub location: String,
    pub measures: Vec<Measure>,
    pub suits: Vec<Suit>,
    /// YYYY-MM-DD.
    pub posted_on: String,
    /// YYYY-MM-DD, the last day it is open.
    pub valid_through: String,
}

/// Where a posting stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostingStatus {
    Open,
    Closed,
}

impl PostingStatus {
    pub(crate) fn as_str(&self) -> &'static str {
        match self {
            PostingStatus::Open => "open",
            PostingStatus::Closed => "closed",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Posting {
    pub id: i64,
    pub org_id: i64,
    pub org_name: String,
    pub org_region_id: Option<i64>,
    pub org_address: String,
    pub fields: PostingFields,
    pub status: PostingStatus,
    /// 掲載審査: only an approved posting is public.
    pub review: PostingReview,
    /// The staff's note on a returned posting (empty otherwise).
    pub review_note: String,
    pub created_at: String,
    pub updated_at: String,
}

impl Posting {
    /// Whether the public may see it on `today` (YYYY-MM-DD).
    pub fn is_open_on(&self, today: &str) -> bool {
        self.status == PostingStatus::Open
            && self.review == PostingReview::Approved
            && self.fields.posted_on.as_str() <= today
            && today <= self.fields.valid_through.as_str()
    }

    /// Closed, or past its last day: gone for good (410), not unknown. A
    /// posting the staff never approved was never public: it is unknown.
    pub fn is_gone_on(&self, today: &str) -> bool {
        self.review == PostingReview::Approved && self.has_ended_on(today)
    }

    /// Closed, or past its last day, whatever its review.
    pub fn has_ended_on(&self, today: &str) -> bool {
        self.status == PostingStatus::Closed || self.fields.valid_through.as_str() < today
    }
}

#[derive(sqlx::FromRow)]
struct PostingRow {
    id: i64,
    org_id: i64,
    org_name: String,
    org_region_id: Option<i64>,
    org_address: String,
    title: String,
    employment_type: String,
    description: String,
    work_hours: String,
    work_days: String,
    monthly_overtime_tenths: Option<i64>,
    annual_holidays: Option<i64>,
    pay_unit: String,
    pay_min: Option<i64>,
    pay_max: Option<i64>,
    location: String,
    measures: String,
    suits: String,
    posted_on: String,
    valid_through: String,
    status: String,
    review: String,
    review_note: String,
    created_at: String,
    updated_at: String,
}

impl TryFrom<PostingRow> for Posting {
    type Error = Error;
    fn try_from(r: PostingRow) -> Result<Posting> {
        let bad = |what: &str, v: &str| {
            Error::Database(sqlx::Error::Decode(
                format!("job posting {}: {what} {v:?}", r.id).into(),
            ))
        };
        let employment_type = EmploymentType::parse(&r.employment_type)
            .ok_or_else(|| bad("employment type", &r.employment_type))?;
        let pay_unit = PayUnit::parse(&r.pay_unit).ok_or_else(|| bad("pay unit", &r.pay_unit))?;
        let measures = Measure::split(&r.measures).ok_or_else(|| bad("measures", &r.measures))?;
        let suits = split_suits(&r.suits).ok_or_else(|| bad("suits", &r.suits))?;
        let status = match r.status.as_str() {
            "open" => PostingStatus::Open,
            "closed" => PostingStatus::Closed,
            other => return Err(bad("status", other)),
        };
        let review = PostingReview::parse(&r.review).ok_or_else(|| bad("review", &r.review))?;
        Ok(Posting {
            id: r.id,
            org_id: r.org_id,
            org_name: r.org_name,
            org_region_id: r.org_region_id,
            org_address: r.org_address,
            fields: PostingFields {
                title: r.title,
                employment_type,
                description: r.description,
                work_hours: r.work_hours,
                work_days: r.work_days,
                monthly_overtime_tenths: r.monthly_overtime_tenths,
                annual_holidays: r.annual_holidays,
                pay_unit,
                pay_min: r.pay_min,
                pay_max: r.pay_max,
                location: r.location,
                measures,
                suits,
                posted_on: r.posted_on,
                valid_through: r.valid_through,
            },
            status,
            review,
            review_note: r.review_note,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

const SELECT: &str = "SELECT j.id, j.org_id, o.name AS org_name, o.region_id AS org_region_id,
        o.address AS org_address, j.title, j.employment_type, j.description, j.work_hours,
        j.work_days, j.monthly_overtime_tenths, j.annual_holidays, j.pay_unit, j.pay_min,
        j.pay_max, j.location, j.measures, j.suits, j.posted_on, j.valid_through, j.status,
        j.review, j.review_note, j.created_at, j.updated_at
     FROM job_postings j JOIN organizations o ON o.id = j.org_id";

/// The most search terms a query uses (the SQL binds exactly this many).
pub const SEARCH_TERMS: usize = 4;

/// What the public searches by in SQL; the vocabulary filters run on the rows.
#[derive(Debug, Clone, Default)]
pub struct PostingSearch {
    pub region_id: Option<i64>,
    /// Normalized terms ([`domain::search::terms`]); every one must match.
    pub terms: Vec<String>,
    pub employment_type: Option<EmploymentType>,
    /// YYYY-MM-DD: only postings open on this day.
    pub today: String,
    pub limit: i64,
}

/// `term` as a LIKE pattern matching it anywhere, `%` and `_` taken literally.
fn contains_pattern(term: &str) -> String {
    let mut p = String::from("%");
    for c in term.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// The normalized title, and every text a seeker might type a word of.
pub(crate) fn search_columns(f: &PostingFields, org_name: &str) -> (String, String) {
    let n = domain::search::normalize;
    let mut text = String::new();
    for part in [
        f.title.as_str(),
        org_name,
        f.employment_type.name_ja(),
        &f.description,
        &f.work_hours,
        &f.work_days,
        &f.location,
    ] {
        text.push_str(&n(part));
        text.push('\u{1F}');
    }
    for m in &f.measures {
        text.push_str(&n(m.name_ja()));
        text.push('\u{1F}');
    }
    for s in &f.suits {
        text.push_str(&n(s.name_ja()));
        text.push('\u{1F}');
    }
    (n(&f.title), text)
}

impl Store {
    /// A new open posting of `org_id`, at `review`; its id.
    pub async fn create_posting(
        &self,
        org_id: i64,
        f: &PostingFields,
        review: PostingReview,
        created_by: Option<i64>,
        notify: impl FnOnce(i64) -> Vec<NewMail>,
    ) -> Result<i64> {
        let org = self.organization(org_id).await?;
        let (search_title, search_text) = search_columns(f, &org.name);
        let t = now();
        let mut tx = self.pool().begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO job_postings (org_id, title, employment_type, description, work_hours,
                work_days, monthly_overtime_tenths, annual_holidays, pay_unit, pay_min, pay_max,
                location, measures, suits, posted_on, valid_through, status, search_title,
                search_text, created_by, created_at, updated_at, review)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
                'open', $17, $18, $19, $20, $20, $21) RETURNING id",
        )
        .bind(org_id)
        .bind(&f.title)
        .bind(f.employment_type.as_str())
        .bind(&f.description)
        .bind(&f.work_hours)
        .bind(&f.work_days)
        .bind(f.monthly_overtime_tenths)
        .bind(f.annual_holidays)
        .bind(f.pay_unit.as_str())
        .bind(f.pay_min)
        .bind(f.pay_max)
        .bind(&f.location)
        .bind(Measure::join(&f.measures))
        .bind(join_suits(&f.suits))
        .bind(&f.posted_on)
        .bind(&f.valid_through)
        .bind(search_title)
        .bind(search_text)
        .bind(created_by)
        .bind(&t)
        .bind(review.as_str())
        .fetch_one(&mut *tx)
        .await
        .map_err(Error::from_write)?;
        for mail in notify(id) {
            enqueue(&mut *tx, &mail).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// Rewrite a posting's fields (and its search text), leaving it at
    /// `review` (a note of the staff's is cleared with it), and queue `notify`
    /// with it.
    pub async fn update_posting(
        &self,
        id: i64,
        f: &PostingFields,
        review: PostingReview,
        notify: &[NewMail],
    ) -> Result<()> {
        let p = self.posting(id).await?;
        let (search_title, search_text) = search_columns(f, &p.org_name);
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "UPDATE job_postings SET title = $1, employment_type = $2, description = $3,
                work_hours = $4, work_days = $5, monthly_overtime_tenths = $6,
                annual_holidays = $7, pay_unit = $8, pay_min = $9, pay_max = $10,
                location = $11, measures = $12, suits = $13, posted_on = $14,
                valid_through = $15, search_title = $16, search_text = $17, updated_at = $18,
                review = $20, review_note = ''
             WHERE id = $19",
        )
        .bind(&f.title)
        .bind(f.employment_type.as_str())
        .bind(&f.description)
        .bind(&f.work_hours)
        .bind(&f.work_days)
        .bind(f.monthly_overtime_tenths)
        .bind(f.annual_holidays)
        .bind(f.pay_unit.as_str())
        .bind(f.pay_min)
        .bind(f.pay_max)
        .bind(&f.location)
        .bind(Measure::join(&f.measures))
        .bind(join_suits(&f.suits))
        .bind(&f.posted_on)
        .bind(&f.valid_through)
        .bind(search_title)
        .bind(search_text)
        .bind(now())
        .bind(id)
        .bind(review.as_str())
        .execute(&mut *tx)
        .await
        .map_err(Error::from_write)?;
        for mail in notify {
            enqueue(&mut *tx, mail).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The staff's decision on a posting in review: approved, or returned with
    /// `note`. Conflict when it is not (or no longer) in review: the UPDATE is
    /// guarded by its state, so two staff deciding at once decide once, and
    /// `notify` is queued only with the decision that was taken.
    pub async fn decide_posting(
        &self,
        id: i64,
        approve: bool,
        note: &str,
        notify: &[NewMail],
    ) -> Result<PostingReview> {
        let to = PostingReview::InReview
            .decide(approve)
            .map_err(|_| Error::Conflict("not in review".into()))?;
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query(
            "UPDATE job_postings SET review = $1, review_note = $2, updated_at = $3
             WHERE id = $4 AND review = 'in_review'",
        )
        .bind(to.as_str())
        .bind(if approve { "" } else { note })
        .bind(now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            drop(tx);
            self.posting(id).await?;
            return Err(Error::Conflict("posting not in review".into()));
        }
        for mail in notify {
            enqueue(&mut *tx, mail).await?;
        }
        tx.commit().await?;
        Ok(to)
    }

    /// The postings waiting for the staff of `region_id` (None: every
    /// region's), oldest first.
    pub async fn postings_in_review(&self, region_id: Option<i64>) -> Result<Vec<Posting>> {
        let rows: Vec<PostingRow> = sqlx::query_as(&format!(
            "{SELECT} WHERE j.review = 'in_review' AND ($1 = 0 OR o.region_id = $1)
             ORDER BY j.updated_at, j.id"
        ))
        .bind(region_id.unwrap_or(0))
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(Posting::try_from).collect()
    }

    /// Open or close a posting.
    pub async fn set_posting_status(&self, id: i64, status: PostingStatus) -> Result<()> {
        let done =
            sqlx::query("UPDATE job_postings SET status = $1, updated_at = $2 WHERE id = $3")
                .bind(status.as_str())
                .bind(now())
                .bind(id)
                .execute(self.pool())
                .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        Ok(())
    }

    pub async fn posting(&self, id: i64) -> Result<Posting> {
        let row: PostingRow = sqlx::query_as(&format!("{SELECT} WHERE j.id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(Error::NotFound)?;
        row.try_into()
    }

    /// Every posting of an organization, newest first (for its admins).
    pub async fn postings_of_org(&self, org_id: i64) -> Result<Vec<Posting>> {
        let rows: Vec<PostingRow> = sqlx::query_as(&format!(
            "{SELECT} WHERE j.org_id = $1 ORDER BY j.posted_on DESC, j.id DESC"
        ))
        .bind(org_id)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(Posting::try_from).collect()
    }

    /// The open postings matching `s`: postings whose title holds more of the
    /// terms first, then the most recently posted.
    pub async fn search_postings(&self, s: &PostingSearch) -> Result<Vec<Posting>> {
        let mut patterns: Vec<String> = s.terms.iter().map(|t| contains_pattern(t)).collect();
        patterns.truncate(SEARCH_TERMS);
        patterns.resize(SEARCH_TERMS, String::new());
        // Each term: $n = '' (unused) or a substring of the text; its title hit
        // counts toward the rank. The SQL is fixed; every value is bound.
        let mut filter = String::new();
        let mut rank = String::from("0");
        for i in 0..SEARCH_TERMS {
            let n = i + 5;
            filter.push_str(&format!(
                " AND (${n} = '' OR j.search_text LIKE ${n} ESCAPE '\\')"
            ));
            rank.push_str(&format!(
                " + CASE WHEN ${n} <> '' AND j.search_title LIKE ${n} ESCAPE '\\' THEN 1 ELSE 0 END"
            ));
        }
        let sql = format!(
            "{SELECT} WHERE j.status = 'open' AND j.review = 'approved'
                AND j.posted_on <= $1 AND j.valid_through >= $1
                AND ($2 = 0 OR o.region_id = $2) AND ($3 = '' OR j.employment_type = $3)
                {filter}
             ORDER BY ({rank}) DESC, j.posted_on DESC, j.id DESC LIMIT $4"
        );
        let mut q = sqlx::query_as::<_, PostingRow>(&sql)
            .bind(&s.today)
            .bind(s.region_id.unwrap_or(0))
            .bind(s.employment_type.map(|t| t.as_str()).unwrap_or(""))
            .bind(s.limit);
        for p in &patterns {
            q = q.bind(p.clone());
        }
        let rows = q.fetch_all(self.pool()).await?;
        rows.into_iter().map(Posting::try_from).collect()
    }

    /// Every posting of the region's organizations, open or not, oldest first
    /// (the mismatch dashboard counts them by month).
    pub async fn postings_in_region(&self, region_id: i64) -> Result<Vec<Posting>> {
        let rows: Vec<PostingRow> = sqlx::query_as(&format!(
            "{SELECT} WHERE o.region_id = $1 ORDER BY j.posted_on, j.id"
        ))
        .bind(region_id)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(Posting::try_from).collect()
    }

    /// The open postings of one organization on `today`, newest first.
    pub async fn open_postings_of_org(&self, org_id: i64, today: &str) -> Result<Vec<Posting>> {
        let rows: Vec<PostingRow> = sqlx::query_as(&format!(
            "{SELECT} WHERE j.org_id = $1 AND j.status = 'open' AND j.review = 'approved'
                AND j.posted_on <= $2 AND j.valid_through >= $2 ORDER BY j.posted_on DESC, j.id DESC"
        ))
        .bind(org_id)
        .bind(today)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(Posting::try_from).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_take_wildcards_literally() {
        assert_eq!(contains_pattern("事務"), "%事務%");
        assert_eq!(contains_pattern("100%"), "%100\\%%");
        assert_eq!(contains_pattern("a_b"), "%a\\_b%");
    }
}
