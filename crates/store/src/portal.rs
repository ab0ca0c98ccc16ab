//! The public portal's shared state (issue 12): the version every server checks
//! before it reuses what it rendered for the job search, a posting, a workplace
//! profile or the header's region (bumped by triggers on every table those pages
//! read, migration 0027), and the bulk benchmark set (`erabareru demo
//! --bulk-employers N --bulk-postings M`), written in batches inside
//! transactions.

use domain::job::join_suits;
use domain::workplace::Measure;

use crate::orgs::OrganizationInput;
use crate::postings::{PostingFields, PostingStatus, search_columns};
use crate::workplaces::ProfileText;
use crate::{Error, Result, Store, now};

/// Rows written per transaction by the bulk loaders.
const BATCH: usize = 500;

/// A benchmark employer: the organization and its approved public profile.
#[derive(Debug, Clone)]
pub struct BulkEmployer {
    pub org: OrganizationInput,
    pub profile: ProfileText,
}

/// A benchmark posting of the employer at `employer` in the list given to
/// [`Store::insert_bulk_employers`].
#[derive(Debug, Clone)]
pub struct BulkPosting {
    pub employer: usize,
    pub fields: PostingFields,
    pub status: PostingStatus,
}

impl Store {
    /// The portal version: changes whenever anything the portal pages show may
    /// have changed, in any server process.
    pub async fn portal_version(&self) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT version FROM portal_state WHERE id = 1")
                .fetch_one(self.pool())
                .await?,
        )
    }

    /// Insert organizations with approved profiles (the proposal they were
    /// approved from included, as the review queue leaves it); their ids, in order.
    pub async fn insert_bulk_employers(&self, employers: &[BulkEmployer]) -> Result<Vec<i64>> {
        let t = now();
        let mut ids = Vec::with_capacity(employers.len());
        for batch in employers.chunks(BATCH) {
            let mut tx = self.pool().begin().await?;
            for e in batch {
                let o = &e.org;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO organizations (name, kana, org_type, region_id, prefecture,
                        corporate_number, industry, employee_band, address, website, created_at,
                        updated_at)
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
                .bind(&t)
                .fetch_one(&mut *tx)
                .await
                .map_err(Error::from_write)?;
                let p = &e.profile;
                sqlx::query(
                    "INSERT INTO workplace_profile_proposals (org_id, description, measures,
                        annual_holidays, status, proposed_at, reviewed_at)
                     VALUES ($1, $2, $3, $4, 'approved', $5, $5)",
                )
                .bind(id)
                .bind(&p.description)
                .bind(Measure::join(&p.measures))
                .bind(p.annual_holidays.map(i64::from))
                .bind(&t)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO workplace_profiles (org_id, description, measures,
                        annual_holidays, approved_at)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(id)
                .bind(&p.description)
                .bind(Measure::join(&p.measures))
                .bind(p.annual_holidays.map(i64::from))
                .bind(&t)
                .execute(&mut *tx)
                .await?;
                ids.push(id);
            }
            tx.commit().await?;
        }
        Ok(ids)
    }

    /// Insert postings of the employers `org_ids` (as returned by
    /// [`Store::insert_bulk_employers`], with their names), each with the same
    /// search columns [`Store::create_posting`] writes.
    pub async fn insert_bulk_postings(
        &self,
        orgs: &[(i64, String)],
        postings: &[BulkPosting],
    ) -> Result<()> {
        let t = now();
        for batch in postings.chunks(BATCH) {
            let mut tx = self.pool().begin().await?;
            for p in batch {
                let (org_id, org_name) = orgs.get(p.employer).ok_or(Error::NotFound)?;
                let f = &p.fields;
                let (search_title, search_text) = search_columns(f, org_name);
                sqlx::query(
                    "INSERT INTO job_postings (org_id, title, employment_type, description,
                        work_hours, work_days, monthly_overtime_tenths, annual_holidays, pay_unit,
                        pay_min, pay_max, location, measures, suits, posted_on, valid_through,
                        status, search_title, search_text, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
                        $16, $17, $18, $19, $20, $20)",
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
                .bind(p.status.as_str())
                .bind(search_title)
                .bind(search_text)
                .bind(&t)
                .execute(&mut *tx)
                .await
                .map_err(Error::from_write)?;
            }
            tx.commit().await?;
        }
        Ok(())
    }
}
