//! Pending changes to the fields of an organization the public sees (name,
//! kana, address, website) once it has an approved declaration: stored here
//! until region staff approve them, while the public keeps the approved values.

use serde::Serialize;

use crate::{Error, Result, Store, now};

/// A proposed change, with the values the public sees now.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct OrgChange {
    pub id: i64,
    pub org_id: i64,
    pub org_region_id: Option<i64>,
    pub name: String,
    pub kana: String,
    pub address: String,
    pub website: String,
    pub current_name: String,
    pub current_kana: String,
    pub current_address: String,
    pub current_website: String,
    pub proposed_at: String,
}

/// The public fields of a proposal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublicFields {
    pub name: String,
    pub kana: String,
    pub address: String,
    pub website: String,
}

const SELECT: &str =
    "SELECT c.id, c.org_id, o.region_id AS org_region_id, c.name, c.kana, c.address,
        c.website, o.name AS current_name, o.kana AS current_kana,
        o.address AS current_address, o.website AS current_website, c.proposed_at
     FROM organization_changes c JOIN organizations o ON o.id = c.org_id";

impl Store {
    /// Propose `fields` for organization `org_id`, replacing its pending proposal.
    pub async fn propose_org_change(
        &self,
        org_id: i64,
        fields: &PublicFields,
        proposed_by: Option<i64>,
    ) -> Result<i64> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("DELETE FROM organization_changes WHERE org_id = $1 AND status = 'pending'")
            .bind(org_id)
            .execute(&mut *tx)
            .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO organization_changes (org_id, name, kana, address, website, status,
                proposed_by, proposed_at)
             VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7) RETURNING id",
        )
        .bind(org_id)
        .bind(&fields.name)
        .bind(&fields.kana)
        .bind(&fields.address)
        .bind(&fields.website)
        .bind(proposed_by)
        .bind(now())
        .fetch_one(&mut *tx)
        .await
        .map_err(Error::from_write)?;
        tx.commit().await?;
        Ok(id)
    }

    /// The pending proposal of an organization, if any.
    pub async fn pending_org_change(&self, org_id: i64) -> Result<Option<OrgChange>> {
        Ok(sqlx::query_as(&format!(
            "{SELECT} WHERE c.org_id = $1 AND c.status = 'pending'"
        ))
        .bind(org_id)
        .fetch_optional(self.pool())
        .await?)
    }

    /// One proposal (any status).
    pub async fn org_change(&self, id: i64) -> Result<OrgChange> {
        sqlx::query_as(&format!("{SELECT} WHERE c.id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(Error::NotFound)
    }

    /// Pending proposals, oldest first; of one region's organizations or all.
    pub async fn pending_org_changes(&self, region_id: Option<i64>) -> Result<Vec<OrgChange>> {
        Ok(match region_id {
            Some(r) => {
                sqlx::query_as(&format!(
                    "{SELECT} WHERE c.status = 'pending' AND o.region_id = $1 ORDER BY c.id"
                ))
                .bind(r)
                .fetch_all(self.pool())
                .await?
            }
            None => {
                sqlx::query_as(&format!(
                    "{SELECT} WHERE c.status = 'pending' ORDER BY c.id"
                ))
                .fetch_all(self.pool())
                .await?
            }
        })
    }

    /// Approve (the organization takes the proposed values) or reject a pending
    /// proposal. `Conflict` when it is no longer pending.
    pub async fn decide_org_change(
        &self,
        id: i64,
        approve: bool,
        reviewed_by: Option<i64>,
    ) -> Result<()> {
        let t = now();
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query(
            "UPDATE organization_changes SET status = $1, reviewed_by = $2, reviewed_at = $3
             WHERE id = $4 AND status = 'pending'",
        )
        .bind(if approve { "approved" } else { "rejected" })
        .bind(reviewed_by)
        .bind(&t)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::Conflict("the change is no longer pending".into()));
        }
        if approve {
            sqlx::query(
                "UPDATE organizations SET name = c.name, kana = c.kana, address = c.address,
                    website = c.website, updated_at = $1
                 FROM organization_changes c WHERE c.id = $2 AND organizations.id = c.org_id",
            )
            .bind(&t)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        if approve {
            self.bump_registry_version().await?;
        }
        Ok(())
    }
}
