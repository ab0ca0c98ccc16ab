//! Case stories of reform (取組事例): an employer's or the region's. Every write
//! and every decision is audited in the same transaction; a decision takes only
//! a story still in review, so two reviewers cannot both decide it.

use domain::story::StoryStatus;
use serde::Serialize;

use crate::audit::Actor;
use crate::{Error, Result, Store};

/// One story with the name of the employer it is about (None: the region's).
#[derive(Debug, Clone, Serialize)]
pub struct Story {
    pub id: i64,
    pub region_id: i64,
    pub org_id: Option<i64>,
    pub org_name: Option<String>,
    pub title_ja: String,
    pub title_en: String,
    /// リード文: one or two sentences for lists, feeds and link previews.
    pub summary_ja: String,
    pub summary_en: String,
    pub body_ja: String,
    pub body_en: String,
    #[serde(skip)]
    pub status: StoryStatus,
    /// The staff's note when they sent it back.
    pub review_note: String,
    /// 公開日, `YYYY-MM-DD`: the day it was first published.
    pub published_on: Option<String>,
    pub updated_at: String,
}

/// Whose story it is: a region's own (`org_id` None) or one of its employers'.
/// A story keeps its owner for good.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoryOwner {
    pub region_id: i64,
    pub org_id: Option<i64>,
}

/// What the writer's form holds.
#[derive(Debug, Clone, Default)]
pub struct StoryText {
    pub title_ja: String,
    pub title_en: String,
    pub summary_ja: String,
    pub summary_en: String,
    pub body_ja: String,
    pub body_en: String,
}

#[derive(sqlx::FromRow)]
struct StoryRow {
    id: i64,
    region_id: i64,
    org_id: Option<i64>,
    org_name: Option<String>,
    title_ja: String,
    title_en: String,
    summary_ja: String,
    summary_en: String,
    body_ja: String,
    body_en: String,
    status: String,
    review_note: String,
    published_on: Option<String>,
    updated_at: String,
}

impl TryFrom<StoryRow> for Story {
    type Error = Error;
    fn try_from(r: StoryRow) -> Result<Story> {
        let status = StoryStatus::parse(&r.status).ok_or_else(|| {
            Error::Database(sqlx::Error::Decode(
                format!("story {}: status {:?}", r.id, r.status).into(),
            ))
        })?;
        Ok(Story {
            id: r.id,
            region_id: r.region_id,
            org_id: r.org_id,
            org_name: r.org_name,
            title_ja: r.title_ja,
            title_en: r.title_en,
            summary_ja: r.summary_ja,
            summary_en: r.summary_en,
            body_ja: r.body_ja,
            body_en: r.body_en,
            status,
            review_note: r.review_note,
            published_on: r.published_on,
            updated_at: r.updated_at,
        })
    }
}

const SELECT: &str =
    "SELECT s.id, s.region_id, s.org_id, o.name AS org_name, s.title_ja, s.title_en,
        s.summary_ja, s.summary_en, s.body_ja, s.body_en, s.status, s.review_note,
        s.published_on, s.updated_at
     FROM stories s LEFT JOIN organizations o ON o.id = s.org_id";

/// Newest published first.
const ORDER: &str = "ORDER BY s.published_on DESC, s.id DESC";

fn stories(rows: Vec<StoryRow>) -> Result<Vec<Story>> {
    rows.into_iter().map(Story::try_from).collect()
}

impl Store {
    pub async fn story(&self, id: i64) -> Result<Story> {
        let row: Option<StoryRow> = sqlx::query_as(&format!("{SELECT} WHERE s.id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.ok_or(Error::NotFound)?.try_into()
    }

    /// Published stories, newest first: of one region (all when None), of one
    /// employer when `org_id` is given.
    pub async fn published_stories(
        &self,
        region_id: Option<i64>,
        org_id: Option<i64>,
        limit: i64,
    ) -> Result<Vec<Story>> {
        let rows: Vec<StoryRow> = sqlx::query_as(&format!(
            "{SELECT} WHERE s.status = 'published'
               AND ($1 IS NULL OR s.region_id = $1) AND ($2 IS NULL OR s.org_id = $2)
             {ORDER} LIMIT $3"
        ))
        .bind(region_id)
        .bind(org_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        stories(rows)
    }

    /// Every story, drafts too, of the employers `org_ids` and of the regions
    /// `region_ids` (the writer's own list), newest change first.
    pub async fn stories_of_writers(
        &self,
        org_ids: &[i64],
        region_ids: &[i64],
    ) -> Result<Vec<Story>> {
        let mut all = Vec::new();
        for org in org_ids {
            let rows: Vec<StoryRow> = sqlx::query_as(&format!(
                "{SELECT} WHERE s.org_id = $1 ORDER BY s.updated_at DESC"
            ))
            .bind(org)
            .fetch_all(self.pool())
            .await?;
            all.extend(stories(rows)?);
        }
        for region in region_ids {
            let rows: Vec<StoryRow> = sqlx::query_as(&format!(
                "{SELECT} WHERE s.region_id = $1 AND s.status <> 'published' ORDER BY s.updated_at DESC"
            ))
            .bind(region)
            .fetch_all(self.pool())
            .await?;
            all.extend(stories(rows)?.into_iter().filter(|s| {
                // An employer's draft is the employer's own until it is sent.
                s.org_id.is_none() || s.status == StoryStatus::InReview
            }));
        }
        all.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(b.id.cmp(&a.id)));
        all.dedup_by_key(|s| s.id);
        Ok(all)
    }

    /// Stories waiting for the staff of `region_id` (every region when None).
    pub async fn stories_in_review(&self, region_id: Option<i64>) -> Result<Vec<Story>> {
        let rows: Vec<StoryRow> = sqlx::query_as(&format!(
            "{SELECT} WHERE s.status = 'in_review' AND ($1 IS NULL OR s.region_id = $1)
             ORDER BY s.updated_at, s.id"
        ))
        .bind(region_id)
        .fetch_all(self.pool())
        .await?;
        stories(rows)
    }

    /// Write a story (a new one when `id` is None) in `status`, with its audit
    /// entry and the mails `notify` gives for its id. A story keeps its region
    /// and employer; `today` (Japan's date) becomes its publication day the
    /// first time it is published.
    #[allow(clippy::too_many_arguments)]
    pub async fn save_story(
        &self,
        id: Option<i64>,
        owner: StoryOwner,
        text: &StoryText,
        status: StoryStatus,
        today: &str,
        actor: &Actor,
        notify: impl FnOnce(i64) -> Vec<crate::mail::NewMail>,
    ) -> Result<i64> {
        let StoryOwner { region_id, org_id } = owner;
        let now = crate::now();
        let is_new = id.is_none();
        let published_on = (status == StoryStatus::Published).then_some(today);
        let mut tx = self.pool().begin().await?;
        let id = match id {
            None => {
                sqlx::query_scalar(
                    "INSERT INTO stories (region_id, org_id, title_ja, title_en, summary_ja,
                         summary_en, body_ja, body_en, status, published_on, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
                )
                .bind(region_id)
                .bind(org_id)
                .bind(&text.title_ja)
                .bind(&text.title_en)
                .bind(&text.summary_ja)
                .bind(&text.summary_en)
                .bind(&text.body_ja)
                .bind(&text.body_en)
                .bind(status.as_str())
                .bind(published_on)
                .bind(&now)
                .fetch_one(&mut *tx)
                .await?
            }
            Some(id) => {
                let done = sqlx::query(
                    "UPDATE stories SET title_ja = $1, title_en = $2, summary_ja = $3,
                         summary_en = $4, body_ja = $5, body_en = $6, status = $7,
                         published_on = COALESCE(published_on, $8), updated_at = $9
                     WHERE id = $10 AND region_id = $11
                       AND (org_id = $12 OR (org_id IS NULL AND $12 IS NULL))",
                )
                .bind(&text.title_ja)
                .bind(&text.title_en)
                .bind(&text.summary_ja)
                .bind(&text.summary_en)
                .bind(&text.body_ja)
                .bind(&text.body_en)
                .bind(status.as_str())
                .bind(published_on)
                .bind(&now)
                .bind(id)
                .bind(region_id)
                .bind(org_id)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() != 1 {
                    return Err(Error::NotFound);
                }
                id
            }
        };
        crate::audit::insert(
            &mut *tx,
            actor,
            if is_new { "create" } else { "update" },
            "story",
            &id.to_string(),
            &text.title_ja,
        )
        .await?;
        for mail in notify(id) {
            crate::mail::enqueue(&mut *tx, &mail).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// The staff's decision on a story in review: published (today becomes its
    /// publication day if it had none) or sent back with `note`. Conflict when
    /// the story is no longer in review (decided, withdrawn or edited meanwhile);
    /// `notify` is queued only with a decision taken.
    pub async fn decide_story(
        &self,
        id: i64,
        approve: bool,
        note: &str,
        today: &str,
        actor: &Actor,
        notify: &[crate::mail::NewMail],
    ) -> Result<StoryStatus> {
        let status = StoryStatus::InReview
            .decide(approve)
            .map_err(|_| Error::Conflict("story not in review".into()))?;
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query(
            "UPDATE stories SET status = $1, review_note = $2, updated_at = $3,
                 published_on = CASE WHEN $1 = 'published' THEN COALESCE(published_on, $4)
                                     ELSE published_on END
             WHERE id = $5 AND status = 'in_review'",
        )
        .bind(status.as_str())
        .bind(if approve { "" } else { note })
        .bind(crate::now())
        .bind(today)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Err(Error::Conflict("story not in review".into()));
        }
        let title: String = sqlx::query_scalar("SELECT title_ja FROM stories WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        crate::audit::insert(
            &mut *tx,
            actor,
            if approve { "approved" } else { "rejected" },
            "story",
            &id.to_string(),
            &title,
        )
        .await?;
        for mail in notify {
            crate::mail::enqueue(&mut *tx, mail).await?;
        }
        tx.commit().await?;
        Ok(status)
    }
}
