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

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct NewsItem {
    pub id: i64,
    pub region_id: i64,
    pub published_on: String,
    pub title_ja: String,
    pub title_en: String,
}

const COLUMNS: &str = "id, code, name_ja, name_en, prefecture, intro_ja, intro_en";

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

    pub async fn latest_news(&self, region_id: i64, limit: i64) -> Result<Vec<NewsItem>> {
        Ok(sqlx::query_as(
            "SELECT id, region_id, published_on, title_ja, title_en FROM news
             WHERE region_id = $1 ORDER BY published_on DESC, id DESC LIMIT $2",
        )
        .bind(region_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }
}
