//! Which figures an employer has chosen to make public: per figure, fiscal year
//! and source. Nothing computed from an employer's records, nor typed by it, is
//! public without a live publication here; the employer may withdraw it at any
//! time. Every publication and withdrawal is written to the audit log in the
//! same transaction.

use serde::Serialize;

use crate::audit::Actor;
use crate::{Error, Result, Store, now};

/// The ids of the figures a public page can show: ids of the figure catalog
/// (`kpi::catalog`), whose names and definitions the pages show. They are
/// the strings stored in `publications.figure_id` before the catalog had
/// them, so stored rows resolve unchanged; an id that ever changes must be
/// mapped here ([`catalog_id`]).
pub mod figure {
    pub use kpi::catalog::ids::{
        AVERAGE_MONTHLY_OVERTIME, EMPLOYEES_BY_GENDER,
        FEMALE_CHILDCARE as FEMALE_CHILDCARE_LEAVE_RATE,
        MALE_CHILDCARE_AVERAGE_DAYS as MALE_CHILDCARE_LEAVE_AVERAGE_DAYS,
        MALE_CHILDCARE_METHOD1 as MALE_CHILDCARE_LEAVE_RATE_METHOD1,
        MALE_CHILDCARE_METHOD2 as MALE_CHILDCARE_LEAVE_RATE_METHOD2,
        MALE_CHILDCARE_STATEMENT as MALE_CHILDCARE_LEAVE_STATEMENT, PAID_LEAVE_UTILIZATION,
    };
}

/// Every publishable figure, in the order pages list them.
pub const FIGURES: [&str; 8] = [
    figure::AVERAGE_MONTHLY_OVERTIME,
    figure::PAID_LEAVE_UTILIZATION,
    figure::MALE_CHILDCARE_LEAVE_RATE_METHOD1,
    figure::MALE_CHILDCARE_LEAVE_RATE_METHOD2,
    figure::FEMALE_CHILDCARE_LEAVE_RATE,
    figure::MALE_CHILDCARE_LEAVE_AVERAGE_DAYS,
    figure::EMPLOYEES_BY_GENDER,
    figure::MALE_CHILDCARE_LEAVE_STATEMENT,
];

/// The catalog id of a stored `figure_id`: stored ids are catalog ids, and
/// no id has been renamed yet (a renamed one would be mapped from its old
/// spelling here). `None` for an id that is not publishable.
pub fn catalog_id(stored: &str) -> Option<&'static str> {
    FIGURES.iter().copied().find(|id| *id == stored)
}

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
        if catalog_id(p.figure_id).is_none() || !SOURCES.contains(&p.source) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_publishable_figure_is_a_catalog_entry() {
        for id in FIGURES {
            assert!(
                kpi::catalog::get(id).is_some(),
                "{id} is not in the catalog"
            );
        }
    }

    #[test]
    fn ids_stored_before_the_catalog_still_resolve() {
        // The figure_id values written since publications exist (migration 0009).
        for stored in [
            "male_childcare_leave_rate_method1",
            "male_childcare_leave_rate_method2",
            "female_childcare_leave_rate",
            "male_childcare_leave_average_days",
            "male_childcare_leave_statement",
            "employees_by_gender",
        ] {
            let id = catalog_id(stored).unwrap_or_else(|| panic!("{stored} lost"));
            assert!(kpi::catalog::get(id).is_some(), "{stored}");
        }
        assert_eq!(catalog_id("wage_gap"), None, "not publishable");
    }
}
