//! Regions (municipalities running the program) and their news items.

use serde::Serialize;

use crate::{Error, Result, Store, now};

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Region {
    pub id: i64,
    /// 全国地方公共団体コード (6 digits with check digit), e.g. 072095 for 相馬市.
    pub code: String,
    pub name_ja: String,
    pub name_en: String,
    /// JIS prefecture code, "07" for 福島県.
    pub prefecture: String,
    pub intro_ja: String,
    pub intro_en: String,
    /// The region's emblem (市章), an upload checked like a logo.
    pub emblem_upload_id: Option<i64>,
    /// Days after an event that its participants' personal data is kept.
    pub registration_retention_days: i64,
    /// Days after an inquiry or application is sent that the seeker's personal
    /// data (name, contact, message, CV, answers) is kept.
    pub inquiry_retention_days: i64,
    /// The code of its open data's licence (domain::licence::OpenDataLicence).
    pub open_data_licence: String,
    /// 1 when its staff review every job posting before it goes public.
    pub review_postings: i64,
}

/// NotFound when an UPDATE by id touched no row.
fn found(done: sqlx::any::AnyQueryResult) -> Result<()> {
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    Ok(())
}

impl Region {
    /// Whether its staff review job postings before they go public (掲載審査).
    pub fn reviews_postings(&self) -> bool {
        self.review_postings != 0
    }

    /// The licence of its open data; an unknown stored code reads as the default.
    pub fn licence(&self) -> domain::licence::OpenDataLicence {
        domain::licence::OpenDataLicence::parse(&self.open_data_licence).unwrap_or_default()
    }
}

#[derive(Debug, Clone)]
pub struct NewRegion {
    pub code: String,
    pub name_ja: String,
    pub name_en: String,
    pub prefecture: String,
    pub intro_ja: String,
    pub intro_en: String,
}

/// One news item (お知らせ) of a region.
#[derive(Debug, Clone, Serialize)]
pub struct NewsItem {
    pub id: i64,
    pub region_id: i64,
    /// 掲載日, `YYYY-MM-DD`.
    pub published_on: String,
    pub title_ja: String,
    pub title_en: String,
    /// The text below the title (may be empty: a title alone is news too).
    pub body_ja: String,
    pub body_en: String,
    #[serde(skip)]
    pub status: domain::news::NewsStatus,
}

/// What the staff's form writes.
#[derive(Debug, Clone)]
pub struct NewsInput {
    pub published_on: String,
    pub title_ja: String,
    pub title_en: String,
    pub body_ja: String,
    pub body_en: String,
    pub status: domain::news::NewsStatus,
}

#[derive(sqlx::FromRow)]
struct NewsRow {
    id: i64,
    region_id: i64,
    published_on: String,
    title_ja: String,
    title_en: String,
    body_ja: String,
    body_en: String,
    status: String,
}

impl TryFrom<NewsRow> for NewsItem {
    type Error = Error;
    fn try_from(r: NewsRow) -> Result<NewsItem> {
        let status = domain::news::NewsStatus::parse(&r.status).ok_or_else(|| {
            Error::Database(sqlx::Error::Decode(
                format!("news {}: status {:?}", r.id, r.status).into(),
            ))
        })?;
        Ok(NewsItem {
            id: r.id,
            region_id: r.region_id,
            published_on: r.published_on,
            title_ja: r.title_ja,
            title_en: r.title_en,
            body_ja: r.body_ja,
            body_en: r.body_en,
            status,
        })
    }
}

const NEWS_COLUMNS: &str =
    "id, region_id, published_on, title_ja, title_en, body_ja, body_en, status";

const COLUMNS: &str =
    "id, code, name_ja, name_en, prefecture, intro_ja, intro_en, emblem_upload_id,
     registration_retention_days, inquiry_retention_days, open_data_licence, review_postings";

impl Store {
    pub async fn create_region(&self, r: &NewRegion) -> Result<i64> {
        let id = sqlx::query_scalar(
            "INSERT INTO regions (code, name_ja, name_en, prefecture, intro_ja, intro_en, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(&r.code)
        .bind(&r.name_ja)
        .bind(&r.name_en)
        .bind(&r.prefecture)
        .bind(&r.intro_ja)
        .bind(&r.intro_en)
        .bind(now())
        .fetch_one(self.pool())
        .await
        .map_err(Error::from_write)?;
        // The registry's region filter lists the regions.
        self.bump_registry_version().await?;
        Ok(id)
    }

    /// The licence the region's open data is under.
    pub async fn set_open_data_licence(
        &self,
        id: i64,
        licence: domain::licence::OpenDataLicence,
    ) -> Result<()> {
        let sql = "UPDATE regions SET open_data_licence = $1 WHERE id = $2";
        found(
            sqlx::query(sql)
                .bind(licence.as_str())
                .bind(id)
                .execute(self.pool())
                .await?,
        )
    }

    /// Whether the region's staff review job postings before they go public.
    /// Postings saved before stay as they are.
    pub async fn set_review_postings(&self, id: i64, review: bool) -> Result<()> {
        let sql = "UPDATE regions SET review_postings = $1 WHERE id = $2";
        found(
            sqlx::query(sql)
                .bind(i64::from(review))
                .bind(id)
                .execute(self.pool())
                .await?,
        )
    }

    /// The addresses of the region's staff who can sign in: who is asked to
    /// review what an employer sends for the public.
    pub async fn region_staff_emails(&self, region_id: i64) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT DISTINCT u.email FROM users u JOIN role_assignments r ON r.user_id = u.id
             WHERE r.role = 'region_staff' AND r.region_id = $1 AND u.disabled = 0
             ORDER BY u.email",
        )
        .bind(region_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// How many days after it was sent an inquiry's personal data is kept (see
    /// `Store::erase_expired_inquiries`).
    pub async fn set_inquiry_retention_days(&self, id: i64, days: i64) -> Result<()> {
        let sql = "UPDATE regions SET inquiry_retention_days = $1 WHERE id = $2";
        found(
            sqlx::query(sql)
                .bind(days)
                .bind(id)
                .execute(self.pool())
                .await?,
        )
    }

    /// How many days after an event its participants' names, organizations and
    /// e-mails are kept (see `Store::erase_expired_registrations`).
    pub async fn set_registration_retention_days(&self, id: i64, days: i64) -> Result<()> {
        let sql = "UPDATE regions SET registration_retention_days = $1 WHERE id = $2";
        found(
            sqlx::query(sql)
                .bind(days)
                .bind(id)
                .execute(self.pool())
                .await?,
        )
    }

    /// Change a region's names and introductions (its code, and so its
    /// prefecture, never change: they identify the municipality).
    pub async fn update_region(&self, id: i64, r: &NewRegion) -> Result<()> {
        let done = sqlx::query(
            "UPDATE regions SET name_ja = $1, name_en = $2, intro_ja = $3, intro_en = $4 WHERE id = $5",
        )
        .bind(&r.name_ja)
        .bind(&r.name_en)
        .bind(&r.intro_ja)
        .bind(&r.intro_en)
        .bind(id)
        .execute(self.pool())
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        // Region names appear in the registry's filter and pages.
        self.bump_registry_version().await?;
        Ok(())
    }

    /// Set (or with `None` remove) the region's emblem.
    pub async fn set_region_emblem(&self, id: i64, upload_id: Option<i64>) -> Result<()> {
        let done = sqlx::query("UPDATE regions SET emblem_upload_id = $1 WHERE id = $2")
            .bind(upload_id)
            .bind(id)
            .execute(self.pool())
            .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        Ok(())
    }

    /// The region a page header names for a user: the region of `region_id`
    /// (staff), else the region of organization `org_id` (its people), else
    /// the installation's only region when there is exactly one, else none.
    pub async fn header_region(
        &self,
        region_id: Option<i64>,
        org_id: Option<i64>,
    ) -> Result<Option<Region>> {
        if let Some(id) = region_id {
            return Ok(Some(self.region(id).await?));
        }
        if let Some(org) = org_id {
            let region: Option<Region> = sqlx::query_as(
                "SELECT r.id, r.code, r.name_ja, r.name_en, r.prefecture, r.intro_ja, r.intro_en,
                    r.emblem_upload_id, r.registration_retention_days, r.inquiry_retention_days,
                    r.open_data_licence, r.review_postings
                 FROM regions r JOIN organizations o ON o.region_id = r.id WHERE o.id = $1",
            )
            .bind(org)
            .fetch_optional(self.pool())
            .await?;
            if region.is_some() {
                return Ok(region);
            }
        }
        let mut two: Vec<Region> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM regions ORDER BY id LIMIT 2"
        ))
        .fetch_all(self.pool())
        .await?;
        Ok(if two.len() == 1 { two.pop() } else { None })
    }

    pub async fn list_regions(&self) -> Result<Vec<Region>> {
        Ok(
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM regions ORDER BY code"))
                .fetch_all(self.pool())
                .await?,
        )
    }

    pub async fn region(&self, id: i64) -> Result<Region> {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM regions WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(Error::NotFound)
    }

    pub async fn region_by_code(&self, code: &str) -> Result<Region> {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM regions WHERE code = $1"))
            .bind(code)
            .fetch_optional(self.pool())
            .await?
            .ok_or(Error::NotFound)
    }

    pub async fn add_news(
        &self,
        region_id: i64,
        published_on: &str,
        title_ja: &str,
        title_en: &str,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO news (region_id, published_on, title_ja, title_en) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(region_id)
        .bind(published_on)
        .bind(title_ja)
        .bind(title_en)
        .fetch_one(self.pool())
        .await?)
    }

    /// The region's latest published news, newest first.
    pub async fn latest_news(&self, region_id: i64, limit: i64) -> Result<Vec<NewsItem>> {
        let rows: Vec<NewsRow> = sqlx::query_as(&format!(
            "SELECT {NEWS_COLUMNS} FROM news WHERE region_id = $1 AND status = 'published'
             ORDER BY published_on DESC, id DESC LIMIT $2"
        ))
        .bind(region_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(NewsItem::try_from).collect()
    }

    /// Every news item of the region, drafts too (its staff's list), newest first.
    pub async fn all_news(&self, region_id: i64) -> Result<Vec<NewsItem>> {
        let rows: Vec<NewsRow> = sqlx::query_as(&format!(
            "SELECT {NEWS_COLUMNS} FROM news WHERE region_id = $1 ORDER BY published_on DESC, id DESC"
        ))
        .bind(region_id)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(NewsItem::try_from).collect()
    }

    pub async fn news_item(&self, id: i64) -> Result<NewsItem> {
        let row: Option<NewsRow> =
            sqlx::query_as(&format!("SELECT {NEWS_COLUMNS} FROM news WHERE id = $1"))
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
        row.ok_or(Error::NotFound)?.try_into()
    }

    /// Write a news item (a new one when `id` is None) and its audit entry
    /// together. Returns the id.
    pub async fn save_news(
        &self,
        region_id: i64,
        id: Option<i64>,
        n: &NewsInput,
        actor: &crate::audit::Actor,
    ) -> Result<i64> {
        let action = if id.is_some() { "update" } else { "create" };
        let mut tx = self.pool().begin().await?;
        let id = match id {
            None => {
                sqlx::query_scalar(
                    "INSERT INTO news (region_id, published_on, title_ja, title_en, body_ja, body_en, status)
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(region_id)
                .bind(&n.published_on)
                .bind(&n.title_ja)
                .bind(&n.title_en)
                .bind(&n.body_ja)
                .bind(&n.body_en)
                .bind(n.status.as_str())
                .fetch_one(&mut *tx)
                .await?
            }
            Some(id) => {
                let done = sqlx::query(
                    "UPDATE news SET published_on = $1, title_ja = $2, title_en = $3, body_ja = $4,
                         body_en = $5, status = $6
                     WHERE id = $7 AND region_id = $8",
                )
                .bind(&n.published_on)
                .bind(&n.title_ja)
                .bind(&n.title_en)
                .bind(&n.body_ja)
                .bind(&n.body_en)
                .bind(n.status.as_str())
                .bind(id)
                .bind(region_id)
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
            action,
            "news",
            &id.to_string(),
            &n.title_ja,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }
}
