//! 選ばれる職場: the public profiles of member organizations (issue 12). The
//! public reads only the approved profile; an edit is a proposal that waits for
//! the region's staff, like a change of the organization's public fields
//! ([`crate::org_changes`]). One pending proposal per organization: a new one
//! replaces it.

use domain::workplace::Measure;
use serde::Serialize;

use crate::{Error, Result, Store, now};

/// What a profile says: written by the organization, shown once approved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ProfileText {
    /// 事業内容・職場の紹介 (paragraphs separated by blank lines).
    pub description: String,
    /// The measures it offers, in vocabulary order.
    #[serde(skip)]
    pub measures: Vec<Measure>,
    /// 年間休日数, when stated.
    pub annual_holidays: Option<u16>,
}

/// An approved profile with what the public sees of its organization.
#[derive(Debug, Clone)]
pub struct Workplace {
    pub org_id: i64,
    pub org_name: String,
    pub org_kana: String,
    pub region_id: Option<i64>,
    pub industry: Option<String>,
    pub employee_band: Option<String>,
    pub address: String,
    pub website: String,
    pub profile: ProfileText,
    pub approved_at: String,
}

/// A proposal, with the approved text it would replace (None for a first profile).
#[derive(Debug, Clone)]
pub struct ProfileProposal {
    pub id: i64,
    pub org_id: i64,
    pub org_name: String,
    pub org_region_id: Option<i64>,
    pub status: String,
    pub proposed: ProfileText,
    pub current: Option<ProfileText>,
    pub proposed_at: String,
}

#[derive(sqlx::FromRow)]
struct WorkplaceRow {
    org_id: i64,
    org_name: String,
    org_kana: String,
    region_id: Option<i64>,
    industry: Option<String>,
    employee_band: Option<String>,
    address: String,
    website: String,
    description: String,
    measures: String,
    annual_holidays: Option<i64>,
    approved_at: String,
}

#[derive(sqlx::FromRow)]
struct ProposalRow {
    id: i64,
    org_id: i64,
    org_name: String,
    org_region_id: Option<i64>,
    status: String,
    description: String,
    measures: String,
    annual_holidays: Option<i64>,
    proposed_at: String,
    current_description: Option<String>,
    current_measures: Option<String>,
    current_annual_holidays: Option<i64>,
}

/// The stored columns as a profile; a word outside the vocabulary is a decode
/// error (the table is written only through [`Measure::join`]).
fn text(
    what: &str,
    description: String,
    measures: &str,
    holidays: Option<i64>,
) -> Result<ProfileText> {
    let decode = |why: String| Error::Database(sqlx::Error::Decode(why.into()));
    let measures =
        Measure::split(measures).ok_or_else(|| decode(format!("{what}: measures {measures:?}")))?;
    let annual_holidays = holidays
        .map(|h| u16::try_from(h).map_err(|_| decode(format!("{what}: annual holidays {h}"))))
        .transpose()?;
    Ok(ProfileText {
        description,
        measures,
        annual_holidays,
    })
}

impl TryFrom<WorkplaceRow> for Workplace {
    type Error = Error;
    fn try_from(r: WorkplaceRow) -> Result<Workplace> {
        let profile = text(
            &format!("workplace {}", r.org_id),
            r.description,
            &r.measures,
            r.annual_holidays,
        )?;
        Ok(Workplace {
            org_id: r.org_id,
            org_name: r.org_name,
            org_kana: r.org_kana,
            region_id: r.region_id,
            industry: r.industry,
            employee_band: r.employee_band,
            address: r.address,
            website: r.website,
            profile,
            approved_at: r.approved_at,
        })
    }
}

impl TryFrom<ProposalRow> for ProfileProposal {
    type Error = Error;
    fn try_from(r: ProposalRow) -> Result<ProfileProposal> {
        let what = format!("workplace proposal {}", r.id);
        let current = match (r.current_description, r.current_measures) {
            (Some(d), Some(m)) => Some(text(&what, d, &m, r.current_annual_holidays)?),
            _ => None,
        };
        Ok(ProfileProposal {
            id: r.id,
            org_id: r.org_id,
            org_name: r.org_name,
            org_region_id: r.org_region_id,
            status: r.status,
            proposed: text(&what, r.description, &r.measures, r.annual_holidays)?,
            current,
            proposed_at: r.proposed_at,
        })
    }
}

const WORKPLACE: &str = "SELECT w.org_id, o.name AS org_name, o.kana AS org_kana, o.region_id,
        o.industry, o.employee_band, o.address, o.website, w.description, w.measures,
        w.annual_holidays, w.approved_at
     FROM workplace_profiles w JOIN organizations o ON o.id = w.org_id";

const PROPOSAL: &str = "SELECT p.id, p.org_id, o.name AS org_name, o.region_id AS org_region_id,
        p.status, p.description, p.measures, p.annual_holidays, p.proposed_at,
        w.description AS current_description, w.measures AS current_measures,
        w.annual_holidays AS current_annual_holidays
     FROM workplace_profile_proposals p
     JOIN organizations o ON o.id = p.org_id
     LEFT JOIN workplace_profiles w ON w.org_id = p.org_id";

impl Store {
    /// Propose the organization's profile, replacing its pending proposal.
    pub async fn propose_workplace_profile(
        &self,
        org_id: i64,
        profile: &ProfileText,
        proposed_by: Option<i64>,
    ) -> Result<i64> {
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "DELETE FROM workplace_profile_proposals WHERE org_id = $1 AND status = 'pending'",
        )
        .bind(org_id)
        .execute(&mut *tx)
        .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO workplace_profile_proposals (org_id, description, measures,
                annual_holidays, status, proposed_by, proposed_at)
             VALUES ($1, $2, $3, $4, 'pending', $5, $6) RETURNING id",
        )
        .bind(org_id)
        .bind(&profile.description)
        .bind(Measure::join(&profile.measures))
        .bind(profile.annual_holidays.map(i64::from))
        .bind(proposed_by)
        .bind(now())
        .fetch_one(&mut *tx)
        .await
        .map_err(Error::from_write)?;
        tx.commit().await?;
        Ok(id)
    }

    /// The organization's approved profile, if any.
    pub async fn workplace(&self, org_id: i64) -> Result<Option<Workplace>> {
        let row: Option<WorkplaceRow> = sqlx::query_as(&format!("{WORKPLACE} WHERE w.org_id = $1"))
            .bind(org_id)
            .fetch_optional(self.pool())
            .await?;
        row.map(Workplace::try_from).transpose()
    }

    /// Every approved profile, by kana; of one region's organizations or all.
    pub async fn workplaces(&self, region_id: Option<i64>) -> Result<Vec<Workplace>> {
        let rows: Vec<WorkplaceRow> = match region_id {
            Some(r) => {
                sqlx::query_as(&format!(
                    "{WORKPLACE} WHERE o.region_id = $1 ORDER BY o.kana, o.name, o.id"
                ))
                .bind(r)
                .fetch_all(self.pool())
                .await?
            }
            None => {
                sqlx::query_as(&format!("{WORKPLACE} ORDER BY o.kana, o.name, o.id"))
                    .fetch_all(self.pool())
                    .await?
            }
        };
        rows.into_iter().map(Workplace::try_from).collect()
    }

    /// The organization's pending proposal, if any.
    pub async fn pending_workplace_proposal(&self, org_id: i64) -> Result<Option<ProfileProposal>> {
        let row: Option<ProposalRow> = sqlx::query_as(&format!(
            "{PROPOSAL} WHERE p.org_id = $1 AND p.status = 'pending'"
        ))
        .bind(org_id)
        .fetch_optional(self.pool())
        .await?;
        row.map(ProfileProposal::try_from).transpose()
    }

    /// One proposal (any status).
    pub async fn workplace_proposal(&self, id: i64) -> Result<ProfileProposal> {
        let row: ProposalRow = sqlx::query_as(&format!("{PROPOSAL} WHERE p.id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(Error::NotFound)?;
        row.try_into()
    }

    /// Pending proposals, oldest first; of one region's organizations or all.
    pub async fn pending_workplace_proposals(
        &self,
        region_id: Option<i64>,
    ) -> Result<Vec<ProfileProposal>> {
        let rows: Vec<ProposalRow> = match region_id {
            Some(r) => {
                sqlx::query_as(&format!(
                    "{PROPOSAL} WHERE p.status = 'pending' AND o.region_id = $1 ORDER BY p.id"
                ))
                .bind(r)
                .fetch_all(self.pool())
                .await?
            }
            None => {
                sqlx::query_as(&format!(
                    "{PROPOSAL} WHERE p.status = 'pending' ORDER BY p.id"
                ))
                .fetch_all(self.pool())
                .await?
            }
        };
        rows.into_iter().map(ProfileProposal::try_from).collect()
    }

    /// Approve (the proposal becomes the public profile) or reject a pending
    /// proposal, in one transaction. `Conflict` when it is no longer pending.
    pub async fn decide_workplace_proposal(
        &self,
        id: i64,
        approve: bool,
        reviewed_by: Option<i64>,
    ) -> Result<()> {
        let t = now();
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query(
            "UPDATE workplace_profile_proposals SET status = $1, reviewed_by = $2,
                reviewed_at = $3
             WHERE id = $4 AND status = 'pending'",
        )
        .bind(if approve { "approved" } else { "rejected" })
        .bind(reviewed_by)
        .bind(&t)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::Conflict("the proposal is no longer pending".into()));
        }
        if approve {
            sqlx::query(
                "INSERT INTO workplace_profiles (org_id, description, measures, annual_holidays,
                    approved_at, approved_by)
                 SELECT org_id, description, measures, annual_holidays, $1, $2
                 FROM workplace_profile_proposals WHERE id = $3
                 ON CONFLICT (org_id) DO UPDATE SET description = excluded.description,
                    measures = excluded.measures, annual_holidays = excluded.annual_holidays,
                    approved_at = excluded.approved_at, approved_by = excluded.approved_by",
            )
            .bind(&t)
            .bind(reviewed_by)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Take the profile off the public pages (the organization's choice); a
    /// pending proposal stays. Returns whether there was one.
    pub async fn withdraw_workplace(&self, org_id: i64) -> Result<bool> {
        let done = sqlx::query("DELETE FROM workplace_profiles WHERE org_id = $1")
            .bind(org_id)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
