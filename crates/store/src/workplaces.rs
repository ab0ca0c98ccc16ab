//! 選ばれる職場: the public profiles of member organizations (issue 12). The
//! public reads only the approved profile; an edit is a proposal that waits for
//! the region's staff, like a change of the organization's public fields
//! ([`crate::org_changes`]). One pending proposal per organization: a new one
//! replaces it.

use domain::workplace::{HeldCertification, Measure};
use serde::{Deserialize, Serialize};

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
    /// 職場の写真, in the order shown.
    #[serde(skip)]
    pub photos: Vec<ProfilePhoto>,
    /// 取得している認定, as the organization states them, in vocabulary order.
    #[serde(skip)]
    pub certifications: Vec<HeldCertification>,
}

/// A photo as a profile shows it: the stored photo (always of the profile's
/// organization, see [`Store::workplace_photo`]), its alternative text and the
/// size of its large version, so pages give width and height before it loads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfilePhoto {
    pub id: i64,
    /// 写真の説明 (the `alt` text); empty when the organization wrote none.
    pub alt: String,
    #[serde(rename = "w")]
    pub width: u32,
    #[serde(rename = "h")]
    pub height: u32,
}

/// A stored photo: which organization it belongs to and its two encodings.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WorkplacePhoto {
    pub id: i64,
    pub org_id: i64,
    pub org_region_id: Option<i64>,
    pub large_upload_id: i64,
    pub small_upload_id: i64,
    pub width: i64,
    pub height: i64,
}

/// A photo ready to store: JPEG bytes of both sizes and the large one's size.
#[derive(Debug, Clone)]
pub struct EncodedPhoto {
    pub large: Vec<u8>,
    pub small: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// A photo uploaded with a proposal, and its alternative text.
#[derive(Debug, Clone)]
pub struct NewPhoto {
    pub photo: EncodedPhoto,
    pub alt: String,
}

/// Store both sizes of a photo as uploads and the photo that ties them to its
/// organization; its id.
async fn insert_photo(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    org_id: i64,
    photo: &EncodedPhoto,
    at: &str,
    by: Option<i64>,
) -> Result<i64> {
    use sha2::Digest;
    let mut upload_ids = [0i64; 2];
    for (slot, bytes) in upload_ids.iter_mut().zip([&photo.large, &photo.small]) {
        *slot = sqlx::query_scalar(
            "INSERT INTO uploads (sha256, content_type, size_bytes, bytes, created_at, created_by)
             VALUES ($1, 'image/jpeg', $2, $3, $4, $5) RETURNING id",
        )
        .bind(hex::encode(sha2::Sha256::digest(bytes)))
        .bind(bytes.len() as i64)
        .bind(bytes.clone())
        .bind(at)
        .bind(by)
        .fetch_one(&mut **tx)
        .await?;
    }
    Ok(sqlx::query_scalar(
        "INSERT INTO workplace_photos (org_id, large_upload_id, small_upload_id, width, height,
            created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(org_id)
    .bind(upload_ids[0])
    .bind(upload_ids[1])
    .bind(i64::from(photo.width))
    .bind(i64::from(photo.height))
    .bind(at)
    .bind(by)
    .fetch_one(&mut **tx)
    .await?)
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
    photos: String,
    certifications: String,
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
    photos: String,
    certifications: String,
    proposed_at: String,
    current_description: Option<String>,
    current_measures: Option<String>,
    current_annual_holidays: Option<i64>,
    current_photos: Option<String>,
    current_certifications: Option<String>,
}

/// The stored columns as a profile; a word outside the vocabulary is a decode
/// error (the table is written only through [`Measure::join`]).
fn text(
    what: &str,
    description: String,
    measures: &str,
    holidays: Option<i64>,
    photos: &str,
    certifications: &str,
) -> Result<ProfileText> {
    let decode = |why: String| Error::Database(sqlx::Error::Decode(why.into()));
    let measures =
        Measure::split(measures).ok_or_else(|| decode(format!("{what}: measures {measures:?}")))?;
    let annual_holidays = holidays
        .map(|h| u16::try_from(h).map_err(|_| decode(format!("{what}: annual holidays {h}"))))
        .transpose()?;
    let photos = serde_json::from_str(photos)
        .map_err(|e| decode(format!("{what}: photos {photos:?}: {e}")))?;
    let certifications = HeldCertification::split(certifications)
        .ok_or_else(|| decode(format!("{what}: certifications {certifications:?}")))?;
    Ok(ProfileText {
        description,
        measures,
        annual_holidays,
        photos,
        certifications,
    })
}

/// The `photos` column of a profile or proposal.
fn photos_json(photos: &[ProfilePhoto]) -> String {
    serde_json::to_string(photos).unwrap_or_else(|_| "[]".into())
}

impl TryFrom<WorkplaceRow> for Workplace {
    type Error = Error;
    fn try_from(r: WorkplaceRow) -> Result<Workplace> {
        let profile = text(
            &format!("workplace {}", r.org_id),
            r.description,
            &r.measures,
            r.annual_holidays,
            &r.photos,
            &r.certifications,
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
        // Every column of the approved profile is NOT NULL: all or none are here.
        let current = match (
            r.current_description,
            r.current_measures,
            r.current_photos,
            r.current_certifications,
        ) {
            (Some(d), Some(m), Some(p), Some(c)) => {
                Some(text(&what, d, &m, r.current_annual_holidays, &p, &c)?)
            }
            _ => None,
        };
        Ok(ProfileProposal {
            id: r.id,
            org_id: r.org_id,
            org_name: r.org_name,
            org_region_id: r.org_region_id,
            status: r.status,
            proposed: text(
                &what,
                r.description,
                &r.measures,
                r.annual_holidays,
                &r.photos,
                &r.certifications,
            )?,
            current,
            proposed_at: r.proposed_at,
        })
    }
}

const WORKPLACE: &str = "SELECT w.org_id, o.name AS org_name, o.kana AS org_kana, o.region_id,
        o.industry, o.employee_band, o.address, o.website, w.description, w.measures,
        w.annual_holidays, w.photos, w.certifications, w.approved_at
     FROM workplace_profiles w JOIN organizations o ON o.id = w.org_id";

const PROPOSAL: &str = "SELECT p.id, p.org_id, o.name AS org_name, o.region_id AS org_region_id,
        p.status, p.description, p.measures, p.annual_holidays, p.photos, p.certifications,
        p.proposed_at,
        w.description AS current_description, w.measures AS current_measures,
        w.annual_holidays AS current_annual_holidays, w.photos AS current_photos,
        w.certifications AS current_certifications
     FROM workplace_profile_proposals p
     JOIN organizations o ON o.id = p.org_id
     LEFT JOIN workplace_profiles w ON w.org_id = p.org_id";

impl Store {
    /// Propose the organization's profile, replacing its pending proposal, in
    /// one transaction with the photos uploaded with it (listed after the
    /// photos the profile keeps). A kept photo must be one of the
    /// organization's own (`NotFound` otherwise); its size is read from the
    /// stored photo, whatever the caller says.
    pub async fn propose_workplace_profile(
        &self,
        org_id: i64,
        profile: &ProfileText,
        new_photos: &[NewPhoto],
        proposed_by: Option<i64>,
    ) -> Result<i64> {
        let t = now();
        let mut tx = self.pool().begin().await?;
        let mut photos = Vec::with_capacity(profile.photos.len() + new_photos.len());
        for kept in &profile.photos {
            let size: Option<(i64, i64)> = sqlx::query_as(
                "SELECT width, height FROM workplace_photos WHERE id = $1 AND org_id = $2",
            )
            .bind(kept.id)
            .bind(org_id)
            .fetch_optional(&mut *tx)
            .await?;
            let (w, h) = size.ok_or(Error::NotFound)?;
            photos.push(ProfilePhoto {
                id: kept.id,
                alt: kept.alt.clone(),
                width: u32::try_from(w).unwrap_or(0),
                height: u32::try_from(h).unwrap_or(0),
            });
        }
        for new in new_photos {
            let id = insert_photo(&mut tx, org_id, &new.photo, &t, proposed_by).await?;
            photos.push(ProfilePhoto {
                id,
                alt: new.alt.clone(),
                width: new.photo.width,
                height: new.photo.height,
            });
        }
        sqlx::query(
            "DELETE FROM workplace_profile_proposals WHERE org_id = $1 AND status = 'pending'",
        )
        .bind(org_id)
        .execute(&mut *tx)
        .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO workplace_profile_proposals (org_id, description, measures,
                annual_holidays, photos, certifications, status, proposed_by, proposed_at)
             VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8) RETURNING id",
        )
        .bind(org_id)
        .bind(&profile.description)
        .bind(Measure::join(&profile.measures))
        .bind(profile.annual_holidays.map(i64::from))
        .bind(photos_json(&photos))
        .bind(HeldCertification::join(&profile.certifications))
        .bind(proposed_by)
        .bind(&t)
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
                    photos, certifications, approved_at, approved_by)
                 SELECT org_id, description, measures, annual_holidays, photos, certifications,
                    $1, $2
                 FROM workplace_profile_proposals WHERE id = $3
                 ON CONFLICT (org_id) DO UPDATE SET description = excluded.description,
                    measures = excluded.measures, annual_holidays = excluded.annual_holidays,
                    photos = excluded.photos, certifications = excluded.certifications,
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

    /// One stored photo, with its organization's region (for who may see it).
    pub async fn workplace_photo(&self, id: i64) -> Result<Option<WorkplacePhoto>> {
        Ok(sqlx::query_as(
            "SELECT p.id, p.org_id, o.region_id AS org_region_id, p.large_upload_id,
                p.small_upload_id, p.width, p.height
             FROM workplace_photos p JOIN organizations o ON o.id = p.org_id WHERE p.id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?)
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
