//! The declarations catalog (宣言), organizations' signings of them, and the public
//! registry queries.

use serde::Serialize;

use crate::{Error, Result, Store, now};

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Declaration {
    pub id: i64,
    pub slug: String,
    pub title_ja: String,
    pub title_en: String,
    pub text_ja: String,
    pub text_en: String,
    /// The declarer's page shows the yearly childcare-leave table (男性育休100%宣言).
    pub has_childcare_figures: i64,
    pub position: i64,
}

#[derive(Debug, Clone, Default)]
pub struct DeclarationInput {
    pub slug: String,
    pub title_ja: String,
    pub title_en: String,
    pub text_ja: String,
    pub text_en: String,
    pub has_childcare_figures: bool,
    pub position: i64,
}

/// Review state of a signing. Only `Approved` signings are public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SigningStatus {
    Pending,
    Approved,
    Rejected,
}

impl SigningStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SigningStatus::Pending => "pending",
            SigningStatus::Approved => "approved",
            SigningStatus::Rejected => "rejected",
        }
    }
    pub fn parse(s: &str) -> Option<SigningStatus> {
        match s {
            "pending" => Some(SigningStatus::Pending),
            "approved" => Some(SigningStatus::Approved),
            "rejected" => Some(SigningStatus::Rejected),
            _ => None,
        }
    }
}

/// What an organization submits when it declares.
#[derive(Debug, Clone)]
pub struct SigningInput {
    pub declaration_id: i64,
    pub org_id: i64,
    pub declared_on: String,
    pub representative_name: String,
    pub representative_title: String,
    pub message: String,
    pub logo_upload_id: Option<i64>,
    pub submitted_by: Option<i64>,
}

/// A signing with what the organization's and the reviewer's pages show of it.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Signing {
    pub id: i64,
    pub declaration_id: i64,
    pub declaration_title_ja: String,
    pub declaration_title_en: String,
    pub org_id: i64,
    pub org_name: String,
    pub org_type: String,
    pub org_region_id: Option<i64>,
    pub declared_on: String,
    pub representative_name: String,
    pub representative_title: String,
    pub message: String,
    pub logo_upload_id: Option<i64>,
    pub status: String,
    pub submitted_at: String,
    pub reviewed_at: Option<String>,
    pub review_note: String,
}

const SIGNING_SELECT: &str = "SELECT s.id, s.declaration_id, d.title_ja AS declaration_title_ja,
    d.title_en AS declaration_title_en, s.org_id, o.name AS org_name, o.org_type,
    o.region_id AS org_region_id, s.declared_on, s.representative_name, s.representative_title,
    s.message, s.logo_upload_id, s.status, s.submitted_at, s.reviewed_at, s.review_note
    FROM signings s JOIN declarations d ON d.id = s.declaration_id JOIN organizations o ON o.id = s.org_id";

/// Order of the public list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RegistrySort {
    /// Newest declaration first.
    #[default]
    Newest,
    /// In order of declaration (1st, 2nd, …).
    Oldest,
}

/// Filters of the public registry. Empty strings mean "any".
#[derive(Debug, Clone, Default)]
pub struct RegistryFilter {
    pub declaration_id: Option<i64>,
    pub org_type: String,
    pub prefecture: String,
    pub region_code: String,
    /// Only this organization's entries (its order is still counted among all).
    pub org_id: Option<i64>,
    pub sort: RegistrySort,
    /// Entries per declaration.
    pub limit: i64,
    /// Entries of each declaration to skip (pagination within one declaration).
    pub offset: i64,
}

/// One approved declarer as the public registry lists it.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct RegistryEntry {
    pub signing_id: i64,
    pub declaration_id: i64,
    pub org_id: i64,
    pub org_name: String,
    pub org_kana: String,
    pub org_type: String,
    pub prefecture: String,
    pub region_code: Option<String>,
    pub region_name_ja: Option<String>,
    pub region_name_en: Option<String>,
    pub declared_on: String,
    pub approved_at: Option<String>,
    pub representative_name: String,
    pub representative_title: String,
    pub message: String,
    pub logo_upload_id: Option<i64>,
    /// Position among approved declarers of the same type for this declaration,
    /// in order of declaration: "自治体で6番目" is 6 for a municipality.
    pub order_in_type: i64,
    /// How many entries of this declaration match the filter.
    pub filtered_count: i64,
}

/// A newly approved declaration for the Atom feed.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct FeedEntry {
    pub signing_id: i64,
    pub org_id: i64,
    pub org_name: String,
    pub declaration_title_ja: String,
    pub declaration_title_en: String,
    pub declared_on: String,
    pub approved_at: String,
    pub message: String,
}

/// The public part of the registry with its filters ($1 type, $2 prefecture,
/// $3 region code, $4 organization; empty or 0 means any).
const REGISTRY_FROM: &str = "FROM signings s
    JOIN organizations o ON o.id = s.org_id
    LEFT JOIN regions r ON r.id = o.region_id
    WHERE s.status = 'approved' AND ($1 = '' OR o.org_type = $1) AND ($2 = '' OR o.prefecture = $2)
      AND ($3 = '' OR r.code = $3) AND ($4 = 0 OR s.org_id = $4)";

const DECL_COLUMNS: &str =
    "id, slug, title_ja, title_en, text_ja, text_en, has_childcare_figures, position";

impl Store {
    pub async fn create_declaration(&self, d: &DeclarationInput) -> Result<i64> {
        let t = now();
        let id = sqlx::query_scalar(
            "INSERT INTO declarations (slug, title_ja, title_en, text_ja, text_en, has_childcare_figures, position, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
        )
        .bind(&d.slug)
        .bind(&d.title_ja)
        .bind(&d.title_en)
        .bind(&d.text_ja)
        .bind(&d.text_en)
        .bind(d.has_childcare_figures as i64)
        .bind(d.position)
        .bind(t)
        .fetch_one(self.pool())
        .await
        .map_err(Error::from_write)?;
        self.bump_registry_version().await?;
        Ok(id)
    }

    pub async fn update_declaration(&self, id: i64, d: &DeclarationInput) -> Result<()> {
        let done = sqlx::query(
            "UPDATE declarations SET slug = $1, title_ja = $2, title_en = $3, text_ja = $4, text_en = $5,
                has_childcare_figures = $6, position = $7, updated_at = $8 WHERE id = $9",
        )
        .bind(&d.slug)
        .bind(&d.title_ja)
        .bind(&d.title_en)
        .bind(&d.text_ja)
        .bind(&d.text_en)
        .bind(d.has_childcare_figures as i64)
        .bind(d.position)
        .bind(now())
        .bind(id)
        .execute(self.pool())
        .await
        .map_err(Error::from_write)?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        self.bump_registry_version().await
    }

    pub async fn declarations(&self) -> Result<Vec<Declaration>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {DECL_COLUMNS} FROM declarations ORDER BY position, id"
        ))
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn declaration(&self, id: i64) -> Result<Declaration> {
        sqlx::query_as(&format!(
            "SELECT {DECL_COLUMNS} FROM declarations WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(Error::NotFound)
    }

    pub async fn declaration_by_slug(&self, slug: &str) -> Result<Declaration> {
        sqlx::query_as(&format!(
            "SELECT {DECL_COLUMNS} FROM declarations WHERE slug = $1"
        ))
        .bind(slug)
        .fetch_optional(self.pool())
        .await?
        .ok_or(Error::NotFound)
    }

    /// Submit a declaration. A rejected earlier submission of the same declaration is
    /// replaced and goes back to review; a pending or approved one is a conflict.
    pub async fn submit_signing(&self, s: &SigningInput) -> Result<i64> {
        let mut tx = self.pool().begin().await?;
        let existing: Option<(i64, String)> = sqlx::query_as(
            "SELECT id, status FROM signings WHERE declaration_id = $1 AND org_id = $2",
        )
        .bind(s.declaration_id)
        .bind(s.org_id)
        .fetch_optional(&mut *tx)
        .await?;
        let id = match existing {
            Some((_, status)) if status != "rejected" => {
                return Err(Error::Conflict("already declared".into()));
            }
            Some((id, _)) => {
                sqlx::query(
                    "UPDATE signings SET declared_on = $1, representative_name = $2, representative_title = $3,
                        message = $4, logo_upload_id = $5, status = 'pending', submitted_by = $6,
                        submitted_at = $7, reviewed_by = NULL, reviewed_at = NULL, review_note = '' WHERE id = $8",
                )
                .bind(&s.declared_on)
                .bind(&s.representative_name)
                .bind(&s.representative_title)
                .bind(&s.message)
                .bind(s.logo_upload_id)
                .bind(s.submitted_by)
                .bind(now())
                .bind(id)
                .execute(&mut *tx)
                .await?;
                id
            }
            None => sqlx::query_scalar(
                "INSERT INTO signings (declaration_id, org_id, declared_on, representative_name, representative_title,
                    message, logo_upload_id, status, submitted_by, submitted_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9) RETURNING id",
            )
            .bind(s.declaration_id)
            .bind(s.org_id)
            .bind(&s.declared_on)
            .bind(&s.representative_name)
            .bind(&s.representative_title)
            .bind(&s.message)
            .bind(s.logo_upload_id)
            .bind(s.submitted_by)
            .bind(now())
            .fetch_one(&mut *tx)
            .await
            .map_err(Error::from_write)?,
        };
        tx.commit().await?;
        Ok(id)
    }

    /// Approve or reject a pending signing. Anything but a pending signing is a conflict.
    pub async fn review_signing(
        &self,
        signing_id: i64,
        status: SigningStatus,
        reviewer: Option<i64>,
        note: &str,
    ) -> Result<()> {
        let done = sqlx::query(
            "UPDATE signings SET status = $1, reviewed_by = $2, reviewed_at = $3, review_note = $4
             WHERE id = $5 AND status = 'pending'",
        )
        .bind(status.as_str())
        .bind(reviewer)
        .bind(now())
        .bind(note)
        .bind(signing_id)
        .execute(self.pool())
        .await?;
        if done.rows_affected() == 0 {
            self.signing(signing_id).await?;
            return Err(Error::Conflict("not pending".into()));
        }
        if status == SigningStatus::Approved {
            let declaration_id: i64 =
                sqlx::query_scalar("SELECT declaration_id FROM signings WHERE id = $1")
                    .bind(signing_id)
                    .fetch_one(self.pool())
                    .await?;
            self.recompute_signing_order(declaration_id).await?;
        }
        Ok(())
    }

    /// Set the stored approval time, for loading historical data (demo, imports).
    pub async fn set_signing_reviewed_at(&self, signing_id: i64, reviewed_at: &str) -> Result<()> {
        sqlx::query("UPDATE signings SET reviewed_at = $1 WHERE id = $2")
            .bind(reviewed_at)
            .bind(signing_id)
            .execute(self.pool())
            .await?;
        self.bump_registry_version().await
    }

    pub async fn signing(&self, id: i64) -> Result<Signing> {
        sqlx::query_as(&format!("{SIGNING_SELECT} WHERE s.id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(Error::NotFound)
    }

    pub async fn signings_of_org(&self, org_id: i64) -> Result<Vec<Signing>> {
        Ok(sqlx::query_as(&format!(
            "{SIGNING_SELECT} WHERE s.org_id = $1 ORDER BY d.position, d.id"
        ))
        .bind(org_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Pending signings awaiting review: those of organizations in `region_id`, or
    /// every pending signing when `region_id` is None (platform admins).
    pub async fn pending_signings(&self, region_id: Option<i64>) -> Result<Vec<Signing>> {
        let q = match region_id {
            Some(_) => format!(
                "{SIGNING_SELECT} WHERE s.status = 'pending' AND o.region_id = $1 ORDER BY s.submitted_at, s.id"
            ),
            None => {
                format!("{SIGNING_SELECT} WHERE s.status = 'pending' ORDER BY s.submitted_at, s.id")
            }
        };
        let mut query = sqlx::query_as(&q);
        if let Some(r) = region_id {
            query = query.bind(r);
        }
        Ok(query.fetch_all(self.pool()).await?)
    }

    /// Number of approved declarers per declaration id.
    pub async fn declarer_counts(&self) -> Result<Vec<(i64, i64)>> {
        Ok(sqlx::query_as(
            "SELECT declaration_id, COUNT(*) FROM signings WHERE status = 'approved' GROUP BY declaration_id",
        )
        .fetch_all(self.pool())
        .await?)
    }

    /// The registry's version: it changes whenever anything the public registry
    /// shows changes (see `bump_registry_version`).
    pub async fn registry_version(&self) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT version FROM registry_state WHERE id = 1")
                .fetch_one(self.pool())
                .await?,
        )
    }

    /// Invalidate every process's cached registry.
    pub async fn bump_registry_version(&self) -> Result<()> {
        sqlx::query("UPDATE registry_state SET version = version + 1 WHERE id = 1")
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Recompute the stored order of every approved declarer of one declaration
    /// (within each organization type, by declaration date, then submission).
    pub async fn recompute_signing_order(&self, declaration_id: i64) -> Result<()> {
        sqlx::query(
            "UPDATE signings SET order_in_type = ranked.n
             FROM (
                 SELECT s.id, ROW_NUMBER() OVER (PARTITION BY o.org_type ORDER BY s.declared_on, s.id) AS n
                 FROM signings s JOIN organizations o ON o.id = s.org_id
                 WHERE s.status = 'approved' AND s.declaration_id = $1
             ) AS ranked
             WHERE signings.id = ranked.id",
        )
        .bind(declaration_id)
        .execute(self.pool())
        .await?;
        self.bump_registry_version().await
    }

    /// Recompute the order of every declaration an organization signed (after its
    /// type changed).
    pub async fn recompute_signing_order_of_org(&self, org_id: i64) -> Result<()> {
        let ids: Vec<i64> =
            sqlx::query_scalar("SELECT declaration_id FROM signings WHERE org_id = $1")
                .bind(org_id)
                .fetch_all(self.pool())
                .await?;
        for id in ids {
            self.recompute_signing_order(id).await?;
        }
        Ok(())
    }

    /// Approved declarers matching the filter's type, prefecture and region, per
    /// declaration (one grouped query).
    pub async fn registry_counts(&self, f: &RegistryFilter) -> Result<Vec<(i64, i64)>> {
        Ok(sqlx::query_as(&format!(
            "SELECT s.declaration_id, COUNT(*) {REGISTRY_FROM} GROUP BY s.declaration_id"
        ))
        .bind(&f.org_type)
        .bind(&f.prefecture)
        .bind(&f.region_code)
        .bind(f.org_id.unwrap_or(0))
        .fetch_all(self.pool())
        .await?)
    }

    /// The public registry: approved declarers matching `f`, at most `f.limit` per
    /// declaration after `f.offset`, each with its stored order within its type.
    /// One indexed query per declaration plus one count: no window over everyone.
    pub async fn registry(&self, f: &RegistryFilter) -> Result<Vec<RegistryEntry>> {
        // Both orders are fixed strings chosen here, never user input.
        let order = match f.sort {
            RegistrySort::Newest => "s.declared_on DESC, s.id DESC",
            RegistrySort::Oldest => "s.declared_on ASC, s.id ASC",
        };
        let declaration_ids: Vec<i64> = match f.declaration_id {
            Some(id) => vec![id],
            None => {
                sqlx::query_scalar("SELECT id FROM declarations ORDER BY position, id")
                    .fetch_all(self.pool())
                    .await?
            }
        };
        let counts = self.registry_counts(f).await?;
        let sql = format!(
            "SELECT s.id AS signing_id, s.declaration_id, s.org_id, o.name AS org_name, o.kana AS org_kana,
                    o.org_type, o.prefecture, r.code AS region_code, r.name_ja AS region_name_ja,
                    r.name_en AS region_name_en, s.declared_on, s.reviewed_at AS approved_at,
                    s.representative_name, s.representative_title, s.message, s.logo_upload_id,
                    s.order_in_type, CAST(0 AS BIGINT) AS filtered_count
             {REGISTRY_FROM} AND s.declaration_id = $5
             ORDER BY {order} LIMIT $6 OFFSET $7"
        );
        let mut out = Vec::new();
        for id in declaration_ids {
            let matching = counts
                .iter()
                .find(|(d, _)| *d == id)
                .map(|(_, n)| *n)
                .unwrap_or(0);
            if matching <= f.offset {
                continue;
            }
            let mut rows: Vec<RegistryEntry> = sqlx::query_as(&sql)
                .bind(&f.org_type)
                .bind(&f.prefecture)
                .bind(&f.region_code)
                .bind(f.org_id.unwrap_or(0))
                .bind(id)
                .bind(f.limit)
                .bind(f.offset)
                .fetch_all(self.pool())
                .await?;
            for r in &mut rows {
                r.filtered_count = matching;
            }
            out.extend(rows);
        }
        Ok(out)
    }

    /// Every approved signing of one organization, as the registry shows them.
    pub async fn registry_entries_of_org(&self, org_id: i64) -> Result<Vec<RegistryEntry>> {
        self.registry(&RegistryFilter {
            org_id: Some(org_id),
            sort: RegistrySort::Oldest,
            limit: i64::MAX / 2,
            ..RegistryFilter::default()
        })
        .await
    }

    /// The prefectures of approved declarers, for the registry's filter.
    pub async fn declarer_prefectures(&self) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT DISTINCT o.prefecture FROM signings s JOIN organizations o ON o.id = s.org_id
             WHERE s.status = 'approved' ORDER BY o.prefecture",
        )
        .fetch_all(self.pool())
        .await?)
    }

    /// The most recently approved declarations, newest first, for the Atom feed.
    pub async fn recently_approved(&self, limit: i64) -> Result<Vec<FeedEntry>> {
        Ok(sqlx::query_as(
            "SELECT s.id AS signing_id, s.org_id, o.name AS org_name, d.title_ja AS declaration_title_ja,
                    d.title_en AS declaration_title_en, s.declared_on, s.reviewed_at AS approved_at, s.message
             FROM signings s JOIN organizations o ON o.id = s.org_id JOIN declarations d ON d.id = s.declaration_id
             WHERE s.status = 'approved' AND s.reviewed_at IS NOT NULL
             ORDER BY s.reviewed_at DESC, s.id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }
}

/// Who may see a logo: the signing that uses it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LogoOwner {
    pub org_id: i64,
    pub org_region_id: Option<i64>,
    pub status: String,
}

impl Store {
    pub async fn logo_owner(&self, upload_id: i64) -> Result<Option<LogoOwner>> {
        Ok(sqlx::query_as(
            "SELECT s.org_id, o.region_id AS org_region_id, s.status FROM signings s
             JOIN organizations o ON o.id = s.org_id WHERE s.logo_upload_id = $1
             ORDER BY CASE s.status WHEN 'approved' THEN 0 ELSE 1 END LIMIT 1",
        )
        .bind(upload_id)
        .fetch_optional(self.pool())
        .await?)
    }
}
