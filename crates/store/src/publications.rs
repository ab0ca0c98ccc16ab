//! Which figures an employer has chosen to make public: per figure, fiscal year
//! and source. Nothing computed from an employer's records, nor typed by it, is
//! public without a live publication here; the employer may withdraw it at any
//! time. Every publication and withdrawal is written to the audit log in the
//! same transaction.

use serde::Serialize;

use crate::audit::Actor;
use crate::{Error, Result, Store, now};

/// The ids of the figures a public page can show, as the figure catalog names
/// them. Kept in one place so that they can be pointed at `kpi::catalog`.
pub mod figure {
    /// 男性の育児休業等取得率（施行規則第71条の4第1号）.
    pub const MALE_CHILDCARE_LEAVE_RATE_METHOD1: &str = "male_childcare_leave_rate_method1";
    /// 男性の育児休業等及び育児目的休暇の取得率（同第2号）.
    pub const MALE_CHILDCARE_LEAVE_RATE_METHOD2: &str = "male_childcare_leave_rate_method2";
    /// 女性の育児休業取得率.
    pub const FEMALE_CHILDCARE_LEAVE_RATE: &str = "female_childcare_leave_rate";
    /// 男性の育児休業等の平均取得日数.
    pub const MALE_CHILDCARE_LEAVE_AVERAGE_DAYS: &str = "male_childcare_leave_average_days";
    /// The statement the law asks to be published (method 1).
    pub const MALE_CHILDCARE_LEAVE_STATEMENT: &str = "male_childcare_leave_statement";
    /// 男女別の労働者数.
    pub const EMPLOYEES_BY_GENDER: &str = "employees_by_gender";
}

/// Every publishable figure, in the order pages list them.
pub const FIGURES: [&str; 6] = [
    figure::MALE_CHILDCARE_LEAVE_RATE_METHOD1,
    figure::MALE_CHILDCARE_LEAVE_RATE_METHOD2,
    figure::FEMALE_CHILDCARE_LEAVE_RATE,
    figure::MALE_CHILDCARE_LEAVE_AVERAGE_DAYS,
    figure::EMPLOYEES_BY_GENDER,
    figure::MALE_CHILDCARE_LEAVE_STATEMENT,
];

/// Where a figure's row came from: the two `source` values of childcare_figures.
pub const SOURCES: [&str; 2] = ["computed", "typed"];

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Publication {
    pub id: i64,
    pub org_id: i64,
    pub figure_id: String,
    pub fiscal_year: i64,
    /// "typed" | "computed".
    pub source: String,
    /// The figures row's values when published ([`crate::figures::ChildcareFigures::snapshot`]).
    pub snapshot: String,
    pub published_at: String,
    pub published_by: Option<i64>,
}

/// A figure to publish.
pub struct NewPublication<'a> {
    pub org_id: i64,
    pub figure_id: &'a str,
    pub fiscal_year: i64,
    pub source: &'a str,
    pub snapshot: String,
}

impl Store {
    /// The organization's live (not withdrawn) publications.
    pub async fn live_publications(&self, org_id: i64) -> Result<Vec<Publication>> {
        Ok(sqlx::query_as(
            "SELECT id, org_id, figure_id, fiscal_year, source, snapshot, published_at, published_by
             FROM publications WHERE org_id = $1 AND withdrawn_at IS NULL
             ORDER BY fiscal_year DESC, figure_id",
        )
        .bind(org_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Publish one figure of one year from one source, replacing whatever was
    /// live for that figure and year, and write `audit_detail` to the audit log,
    /// all in one transaction. Unknown figure ids and sources are refused.
    /// Whether the year may be published (it has ended) is the caller's rule.
    pub async fn publish_figure(
        &self,
        p: &NewPublication<'_>,
        actor: &Actor,
        audit_detail: &str,
    ) -> Result<i64> {
        if !FIGURES.contains(&p.figure_id) || !SOURCES.contains(&p.source) {
            return Err(Error::NotFound);
        }
        let at = now();
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "UPDATE publications SET withdrawn_at = $1, withdrawn_by = $2
             WHERE org_id = $3 AND figure_id = $4 AND fiscal_year = $5 AND withdrawn_at IS NULL",
        )
        .bind(&at)
        .bind(actor.user_id)
        .bind(p.org_id)
        .bind(p.figure_id)
        .bind(p.fiscal_year)
        .execute(&mut *tx)
        .await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO publications (org_id, figure_id, fiscal_year, source, snapshot, published_at, published_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(p.org_id)
        .bind(p.figure_id)
        .bind(p.fiscal_year)
        .bind(p.source)
        .bind(&p.snapshot)
        .bind(&at)
        .bind(actor.user_id)
        .fetch_one(&mut *tx)
        .await
        .map_err(Error::from_write)?;
        audit_in(&mut tx, actor, "publish", p.org_id, audit_detail, &at).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Withdraw the live publication of a figure and year, with its audit entry.
    /// False (and nothing written) when nothing was live.
    pub async fn withdraw_figure(
        &self,
        org_id: i64,
        figure_id: &str,
        fiscal_year: i64,
        actor: &Actor,
        audit_detail: &str,
    ) -> Result<bool> {
        let at = now();
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query(
            "UPDATE publications SET withdrawn_at = $1, withdrawn_by = $2
             WHERE org_id = $3 AND figure_id = $4 AND fiscal_year = $5 AND withdrawn_at IS NULL",
        )
        .bind(&at)
        .bind(actor.user_id)
        .bind(org_id)
        .bind(figure_id)
        .bind(fiscal_year)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if done == 0 {
            return Ok(false);
        }
        audit_in(&mut tx, actor, "withdraw", org_id, audit_detail, &at).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The last month (1–12) of a fiscal year with imported attendance facts,
    /// for the 「年度途中（N月まで）」 label of a year in progress.
    pub async fn last_month_with_records(
        &self,
        org_id: i64,
        fiscal_year: i64,
    ) -> Result<Option<i8>> {
        let (month,): (Option<String>,) = sqlx::query_as(
            "SELECT MAX(month) FROM kpi_employee_months WHERE org_id = $1 AND fiscal_year = $2",
        )
        .bind(org_id)
        .bind(fiscal_year)
        .fetch_one(self.pool())
        .await?;
        Ok(month
            .as_deref()
            .and_then(|m| m.get(5..7))
            .and_then(|m| m.parse().ok()))
    }
}

async fn audit_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    actor: &Actor,
    action: &str,
    org_id: i64,
    detail: &str,
    at: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, user_id, actor, action, entity, entity_id, detail, ip)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(at)
    .bind(actor.user_id)
    .bind(&actor.label)
    .bind(action)
    .bind("publication")
    .bind(org_id.to_string())
    .bind(detail)
    .bind(&actor.ip)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
