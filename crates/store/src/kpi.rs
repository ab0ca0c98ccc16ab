//! Imported KPI data: per-organization pseudonym keys, imports with their
//! (pseudonymised) fiscal-year report, and per-employee-month facts.

use serde::Serialize;

use crate::{Error, Result, Store, new_token, now};

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct KpiImport {
    pub id: i64,
    pub org_id: i64,
    pub fiscal_year: i64,
    pub content_sha256: String,
    /// Names of the files read, comma-separated.
    pub files: String,
    pub attendance_rows: i64,
    pub employees: i64,
    /// The kpi crate's FiscalYearReport as JSON, employee codes pseudonymised.
    pub report_json: String,
    pub created_at: String,
}

/// One employee-month of an import (employee code already pseudonymised).
#[derive(Debug, Clone)]
pub struct EmployeeMonthFact {
    pub employee_key: String,
    pub month: String,
    pub legal_overtime_minutes: i64,
    pub legal_holiday_minutes: i64,
}

/// What an import stores, all at once.
#[derive(Debug, Clone)]
pub struct NewKpiImport {
    pub org_id: i64,
    pub fiscal_year: i64,
    pub content_sha256: String,
    pub files: String,
    pub attendance_rows: i64,
    pub employees: i64,
    pub report_json: String,
    pub created_by: Option<i64>,
    pub facts: Vec<EmployeeMonthFact>,
    /// The employees' own codes by pseudonym, sealed before they are written.
    pub employee_codes: Vec<crate::employee_codes::EmployeeCode>,
}

/// Whether an import changed anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOutcome {
    Stored(i64),
    /// The same files for the same year were imported before: nothing changed.
    Unchanged(i64),
}

const COLUMNS: &str = "id, org_id, fiscal_year, content_sha256, files, attendance_rows, employees, report_json, created_at";

impl Store {
    /// The organization's secret key for pseudonymising employee codes, created on
    /// first use. It never leaves the server.
    pub async fn pseudonym_key(&self, org_id: i64) -> Result<String> {
        if let Some(k) = sqlx::query_scalar::<_, String>(
            "SELECT pseudonym_key FROM org_secrets WHERE org_id = $1",
        )
        .bind(org_id)
        .fetch_optional(self.pool())
        .await?
        {
            return Ok(k);
        }
        let (key, _) = new_token();
        // Two first imports at once: the loser's insert is ignored, both read the winner's.
        sqlx::query("INSERT INTO org_secrets (org_id, pseudonym_key) VALUES ($1, $2) ON CONFLICT (org_id) DO NOTHING")
            .bind(org_id)
            .bind(&key)
            .execute(self.pool())
            .await?;
        Ok(
            sqlx::query_scalar("SELECT pseudonym_key FROM org_secrets WHERE org_id = $1")
                .bind(org_id)
                .fetch_one(self.pool())
                .await?,
        )
    }

    /// Store an import and make it the current one for its year, all or nothing.
    /// Importing the content that is already current again changes nothing.
    pub async fn store_kpi_import(&self, i: &NewKpiImport) -> Result<ImportOutcome> {
        let mut tx = self.pool().begin().await?;
        if let Some(current) = current_import_id(&mut tx, i).await? {
            // Sealed again: after a change of key file the same files make the
            // codes readable again.
            self.put_employee_codes(&mut tx, i.org_id, &i.employee_codes)
                .await?;
            tx.commit().await?;
            return Ok(ImportOutcome::Unchanged(current));
        }
        let id = insert_import(&mut tx, i).await?;
        self.put_employee_codes(&mut tx, i.org_id, &i.employee_codes)
            .await?;
        tx.commit().await?;
        Ok(ImportOutcome::Stored(id))
    }

    /// The current (newest) import of an organization for a fiscal year.
    pub async fn current_kpi_import(
        &self,
        org_id: i64,
        fiscal_year: i64,
    ) -> Result<Option<KpiImport>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM kpi_imports WHERE org_id = $1 AND fiscal_year = $2 ORDER BY id DESC LIMIT 1"
        ))
        .bind(org_id)
        .bind(fiscal_year)
        .fetch_optional(self.pool())
        .await?)
    }

    /// The latest fiscal year the organization has imported figures for.
    pub async fn latest_kpi_year(&self, org_id: i64) -> Result<Option<i64>> {
        Ok(
            sqlx::query_scalar("SELECT MAX(fiscal_year) FROM kpi_imports WHERE org_id = $1")
                .bind(org_id)
                .fetch_one(self.pool())
                .await?,
        )
    }

    /// The latest fiscal year up to `last` with a KPI import (e.g. the
    /// latest year that has ended, for pages about a whole year).
    pub async fn latest_kpi_year_up_to(&self, org_id: i64, last: i64) -> Result<Option<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT MAX(fiscal_year) FROM kpi_imports WHERE org_id = $1 AND fiscal_year <= $2",
        )
        .bind(org_id)
        .bind(last)
        .fetch_one(self.pool())
        .await?)
    }

    /// Number of stored employee-month facts of an organization and year.
    pub async fn kpi_fact_count(&self, org_id: i64, fiscal_year: i64) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM kpi_employee_months WHERE org_id = $1 AND fiscal_year = $2",
        )
        .bind(org_id)
        .bind(fiscal_year)
        .fetch_one(self.pool())
        .await?)
    }
}

/// The id of the current import of `i`'s year when it has the same content.
pub(crate) async fn current_import_id(
    conn: &mut sqlx::AnyConnection,
    i: &NewKpiImport,
) -> Result<Option<i64>> {
    let current: Option<(i64, String)> = sqlx::query_as(
        "SELECT id, content_sha256 FROM kpi_imports WHERE org_id = $1 AND fiscal_year = $2
         ORDER BY id DESC LIMIT 1",
    )
    .bind(i.org_id)
    .bind(i.fiscal_year)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(current
        .filter(|(_, sha)| *sha == i.content_sha256)
        .map(|(id, _)| id))
}

/// Insert an import and replace the year's employee-month facts with its own, on
/// `conn` (inside the caller's transaction).
pub(crate) async fn insert_import(conn: &mut sqlx::AnyConnection, i: &NewKpiImport) -> Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO kpi_imports (org_id, fiscal_year, content_sha256, files, attendance_rows, employees,
            report_json, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(i.org_id)
    .bind(i.fiscal_year)
    .bind(&i.content_sha256)
    .bind(&i.files)
    .bind(i.attendance_rows)
    .bind(i.employees)
    .bind(&i.report_json)
    .bind(i.created_by)
    .bind(now())
    .fetch_one(&mut *conn)
    .await
    .map_err(Error::from_write)?;
    sqlx::query("DELETE FROM kpi_employee_months WHERE org_id = $1 AND fiscal_year = $2")
        .bind(i.org_id)
        .bind(i.fiscal_year)
        .execute(&mut *conn)
        .await?;
    for f in &i.facts {
        sqlx::query(
            "INSERT INTO kpi_employee_months (org_id, fiscal_year, employee_key, month,
                legal_overtime_minutes, legal_holiday_minutes, import_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(i.org_id)
        .bind(i.fiscal_year)
        .bind(&f.employee_key)
        .bind(&f.month)
        .bind(f.legal_overtime_minutes)
        .bind(f.legal_holiday_minutes)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}
