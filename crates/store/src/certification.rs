//! Certification readiness and disclosure inputs: employer-supplied
//! aggregates per fiscal year (recruitment, wages, career events), yes/no
//! facts, and published industry averages. The store keeps the aggregates
//! as the kpi crate's JSON without reading it.

use serde::Serialize;

use crate::{Result, Store, now};

/// One stored kind of figures for one fiscal year.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct YearExtrasRow {
    pub fiscal_year: i64,
    /// "recruitment" | "wages" | "career".
    pub kind: String,
    /// kpi::YearExtras as JSON, only this kind filled.
    pub data_json: String,
    pub file_name: String,
    pub created_at: String,
}

/// One answered yes/no fact.
#[derive(Debug, Clone, Serialize)]
pub struct FactAnswer {
    pub fact: String,
    pub answer: bool,
    pub note: String,
    pub updated_at: String,
}

/// What the facts form saves for one fact; `answer: None` clears it.
#[derive(Debug, Clone)]
pub struct FactInput {
    pub fact: String,
    pub answer: Option<bool>,
    pub note: String,
}

/// Published industry averages of one industry and year (percent × 10).
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct IndustryAverageRow {
    pub industry: String,
    pub fiscal_year: i64,
    pub regular_women_tenths: Option<i64>,
    pub women_managers_tenths: Option<i64>,
    pub source: String,
    pub updated_at: String,
}

/// Store (or replace) one kind of figures for one fiscal year through `e` (the
/// pool, or the transaction of an import).
pub(crate) async fn put_year_extras<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    e: E,
    org_id: i64,
    fiscal_year: i64,
    kind: &str,
    data_json: &str,
    file_name: &str,
    created_by: Option<i64>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO org_year_extras (org_id, fiscal_year, kind, data_json, file_name, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (org_id, fiscal_year, kind) DO UPDATE SET
           data_json = excluded.data_json, file_name = excluded.file_name,
           created_by = excluded.created_by, created_at = excluded.created_at",
    )
    .bind(org_id)
    .bind(fiscal_year)
    .bind(kind)
    .bind(data_json)
    .bind(file_name)
    .bind(created_by)
    .bind(now())
    .execute(e)
    .await?;
    Ok(())
}

impl Store {
    /// Store (or replace) one kind of figures for one fiscal year.
    pub async fn put_year_extras(
        &self,
        org_id: i64,
        fiscal_year: i64,
        kind: &str,
        data_json: &str,
        file_name: &str,
        created_by: Option<i64>,
    ) -> Result<()> {
        put_year_extras(
            self.pool(),
            org_id,
            fiscal_year,
            kind,
            data_json,
            file_name,
            created_by,
        )
        .await
    }

    /// Every stored kind and year of the organization, by year then kind.
    pub async fn year_extras(&self, org_id: i64) -> Result<Vec<YearExtrasRow>> {
        Ok(sqlx::query_as(
            "SELECT fiscal_year, kind, data_json, file_name, created_at FROM org_year_extras
             WHERE org_id = $1 ORDER BY fiscal_year, kind",
        )
        .bind(org_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Remove one kind of figures of one year; whether a row existed.
    pub async fn delete_year_extras(
        &self,
        org_id: i64,
        fiscal_year: i64,
        kind: &str,
    ) -> Result<bool> {
        let r = sqlx::query(
            "DELETE FROM org_year_extras WHERE org_id = $1 AND fiscal_year = $2 AND kind = $3",
        )
        .bind(org_id)
        .bind(fiscal_year)
        .bind(kind)
        .execute(self.pool())
        .await?;
        Ok(r.rows_affected() > 0)
    }

    /// The organization's answered facts.
    pub async fn certification_facts(&self, org_id: i64) -> Result<Vec<FactAnswer>> {
        let rows: Vec<(String, i64, String, String)> = sqlx::query_as(
            "SELECT fact, answer, note, updated_at FROM certification_facts
             WHERE org_id = $1 ORDER BY fact",
        )
        .bind(org_id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(fact, answer, note, updated_at)| FactAnswer {
                fact,
                answer: answer != 0,
                note,
                updated_at,
            })
            .collect())
    }

    /// Save the facts form, all or nothing: answered facts are upserted,
    /// unanswered ones removed.
    pub async fn set_certification_facts(
        &self,
        org_id: i64,
        facts: &[FactInput],
        updated_by: Option<i64>,
    ) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let at = now();
        for f in facts {
            match f.answer {
                None => {
                    sqlx::query("DELETE FROM certification_facts WHERE org_id = $1 AND fact = $2")
                        .bind(org_id)
                        .bind(&f.fact)
                        .execute(&mut *tx)
                        .await?;
                }
                Some(answer) => {
                    sqlx::query(
                        "INSERT INTO certification_facts (org_id, fact, answer, note, updated_by, updated_at)
                         VALUES ($1, $2, $3, $4, $5, $6)
                         ON CONFLICT (org_id, fact) DO UPDATE SET
                           answer = excluded.answer, note = excluded.note,
                           updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                    )
                    .bind(org_id)
                    .bind(&f.fact)
                    .bind(i64::from(answer))
                    .bind(&f.note)
                    .bind(updated_by)
                    .bind(&at)
                    .execute(&mut *tx)
                    .await?;
                }
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Every industry average, by industry then year (newest first).
    pub async fn industry_averages(&self) -> Result<Vec<IndustryAverageRow>> {
        Ok(sqlx::query_as(
            "SELECT industry, fiscal_year, regular_women_tenths, women_managers_tenths, source, updated_at
             FROM industry_averages ORDER BY industry, fiscal_year DESC",
        )
        .fetch_all(self.pool())
        .await?)
    }

    /// The averages of `industry` for `fiscal_year`, else of the latest
    /// earlier year (published figures lag a year or two).
    pub async fn industry_average_for(
        &self,
        industry: &str,
        fiscal_year: i64,
    ) -> Result<Option<IndustryAverageRow>> {
        Ok(sqlx::query_as(
            "SELECT industry, fiscal_year, regular_women_tenths, women_managers_tenths, source, updated_at
             FROM industry_averages WHERE industry = $1 AND fiscal_year <= $2
             ORDER BY fiscal_year DESC LIMIT 1",
        )
        .bind(industry)
        .bind(fiscal_year)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Record (or replace) the averages of one industry and year.
    pub async fn put_industry_average(
        &self,
        industry: &str,
        fiscal_year: i64,
        regular_women_tenths: Option<i64>,
        women_managers_tenths: Option<i64>,
        source: &str,
        updated_by: Option<i64>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO industry_averages (industry, fiscal_year, regular_women_tenths, women_managers_tenths, source, updated_by, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (industry, fiscal_year) DO UPDATE SET
               regular_women_tenths = excluded.regular_women_tenths,
               women_managers_tenths = excluded.women_managers_tenths,
               source = excluded.source, updated_by = excluded.updated_by,
               updated_at = excluded.updated_at",
        )
        .bind(industry)
        .bind(fiscal_year)
        .bind(regular_women_tenths)
        .bind(women_managers_tenths)
        .bind(source)
        .bind(updated_by)
        .bind(now())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Remove the averages of one industry and year; whether a row existed.
    pub async fn delete_industry_average(&self, industry: &str, fiscal_year: i64) -> Result<bool> {
        let r =
            sqlx::query("DELETE FROM industry_averages WHERE industry = $1 AND fiscal_year = $2")
                .bind(industry)
                .bind(fiscal_year)
                .execute(self.pool())
                .await?;
        Ok(r.rows_affected() > 0)
    }
}
