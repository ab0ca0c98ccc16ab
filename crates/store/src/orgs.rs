//! Organizations: companies, municipalities and other bodies taking part.

use serde::Serialize;

use crate::{Error, Result, Store, now};

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Organization {
    pub id: i64,
    pub name: String,
    pub kana: String,
    /// "company" | "municipality" | "other" (see `domain::OrgType`).
    pub org_type: String,
    /// None for national bodies and declarers outside the installation's regions.
    pub region_id: Option<i64>,
    pub prefecture: String,
    /// 法人番号 (13 digits), optional.
    pub corporate_number: Option<String>,
    /// 日本標準産業分類 大分類 letter.
    pub industry: Option<String>,
    pub employee_band: Option<String>,
    pub address: String,
    pub website: String,
    /// 1 when the organization's admin chose to show its aggregates (KPI, readiness,
    /// plan, disclosure) to the staff of its region; 0 (the default) otherwise.
    pub share_aggregates_with_region: i64,
}

impl Organization {
    pub fn shares_with_region(&self) -> bool {
        self.share_aggregates_with_region != 0
    }
}

/// The editable fields of an organization, already validated by the caller.
#[derive(Debug, Clone, Default)]
pub struct OrganizationInput {
    pub name: String,
    pub kana: String,
    pub org_type: String,
    pub region_id: Option<i64>,
    pub prefecture: String,
    pub corporate_number: Option<String>,
    pub industry: Option<String>,
    pub employee_band: Option<String>,
    pub address: String,
    pub website: String,
}

const COLUMNS: &str = "id, name, kana, org_type, region_id, prefecture, corporate_number, industry, employee_band, address, website, share_aggregates_with_region";

impl Store {
    /// The organization admin's choice whether region staff see its aggregates.
    pub async fn set_share_aggregates_with_region(&self, id: i64, share: bool) -> Result<()> {
        let done = sqlx::query(
            "UPDATE organizations SET share_aggregates_with_region = $1, updated_at = $2 WHERE id = $3",
        )
        .bind(i64::from(share))
        .bind(now())
        .bind(id)
        .execute(self.pool())
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        Ok(())
    }

    pub async fn create_organization(&self, o: &OrganizationInput) -> Result<i64> {
        let t = now();
        sqlx::query_scalar(
            "INSERT INTO organizations (name, kana, org_type, region_id, prefecture, corporate_number,
                industry, employee_band, address, website, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
        )
        .bind(&o.name)
        .bind(&o.kana)
        .bind(&o.org_type)
        .bind(o.region_id)
        .bind(&o.prefecture)
        .bind(&o.corporate_number)
        .bind(&o.industry)
        .bind(&o.employee_band)
        .bind(&o.address)
        .bind(&o.website)
        .bind(t)
        .fetch_one(self.pool())
        .await
        .map_err(Error::from_write)
    }

    pub async fn update_organization(&self, id: i64, o: &OrganizationInput) -> Result<()> {
        let done = sqlx::query(
            "UPDATE organizations SET name = $1, kana = $2, org_type = $3, region_id = $4, prefecture = $5,
                corporate_number = $6, industry = $7, employee_band = $8, address = $9, website = $10,
                updated_at = $11 WHERE id = $12",
        )
        .bind(&o.name)
        .bind(&o.kana)
        .bind(&o.org_type)
        .bind(o.region_id)
        .bind(&o.prefecture)
        .bind(&o.corporate_number)
        .bind(&o.industry)
        .bind(&o.employee_band)
        .bind(&o.address)
        .bind(&o.website)
        .bind(now())
        .bind(id)
        .execute(self.pool())
        .await
        .map_err(Error::from_write)?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        // The type decides whose order a declarer counts in ("自治体で6番目").
        self.recompute_signing_order_of_org(id).await?;
        Ok(())
    }

    pub async fn organization(&self, id: i64) -> Result<Organization> {
        sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM organizations WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(Error::NotFound)
    }

    pub async fn list_organizations(&self) -> Result<Vec<Organization>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM organizations ORDER BY kana, name, id"
        ))
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn organizations_in_region(&self, region_id: i64) -> Result<Vec<Organization>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM organizations WHERE region_id = $1 ORDER BY kana, name, id"
        ))
        .bind(region_id)
        .fetch_all(self.pool())
        .await?)
    }
}
