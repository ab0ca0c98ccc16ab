//! Yearly childcare-leave figures shown on a 男性育休100%宣言 declarer's page.
//! Each row says where it came from (`source`): "typed" by a person now, later
//! "computed" from imported records by the kpi engine; both may exist for a year
//! and the page prefers the computed one.

use serde::Serialize;

use crate::{Result, Store, now};

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ChildcareFigures {
    pub id: i64,
    pub org_id: i64,
    pub fiscal_year: i64,
    /// "typed" | "computed".
    pub source: String,
    pub men_employed: i64,
    pub women_employed: i64,
    /// Men whose spouse gave birth in the year (the method-1 denominator).
    pub men_births: i64,
    /// Women who gave birth in the year.
    pub women_births: i64,
    pub men_takers: i64,
    pub women_takers: i64,
    pub men_average_days: Option<f64>,
    pub updated_at: String,
}

#[derive(Debug, Clone, Default)]
pub struct ChildcareFiguresInput {
    pub fiscal_year: i64,
    pub men_employed: i64,
    pub women_employed: i64,
    pub men_births: i64,
    pub women_births: i64,
    pub men_takers: i64,
    pub women_takers: i64,
    pub men_average_days: Option<f64>,
}

/// Insert or replace the figures of one year from one source, through `e` (the
/// pool, or the transaction of an import).
pub(crate) async fn upsert<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    e: E,
    org_id: i64,
    source: &str,
    f: &ChildcareFiguresInput,
    entered_by: Option<i64>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO childcare_figures (org_id, fiscal_year, source, men_employed, women_employed,
            men_births, women_births, men_takers, women_takers, men_average_days, entered_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (org_id, fiscal_year, source) DO UPDATE SET
            men_employed = excluded.men_employed, women_employed = excluded.women_employed,
            men_births = excluded.men_births, women_births = excluded.women_births,
            men_takers = excluded.men_takers, women_takers = excluded.women_takers,
            men_average_days = excluded.men_average_days, entered_by = excluded.entered_by,
            updated_at = excluded.updated_at",
    )
    .bind(org_id)
    .bind(f.fiscal_year)
    .bind(source)
    .bind(f.men_employed)
    .bind(f.women_employed)
    .bind(f.men_births)
    .bind(f.women_births)
    .bind(f.men_takers)
    .bind(f.women_takers)
    .bind(f.men_average_days)
    .bind(entered_by)
    .bind(now())
    .execute(e)
    .await?;
    Ok(())
}

impl Store {
    /// Insert or replace the figures of one year from one source.
    pub async fn upsert_childcare_figures(
        &self,
        org_id: i64,
        source: &str,
        f: &ChildcareFiguresInput,
        entered_by: Option<i64>,
    ) -> Result<()> {
        upsert(self.pool(), org_id, source, f, entered_by).await
    }

    /// One row per fiscal year, newest first; a computed row wins over a typed one.
    pub async fn childcare_figures(&self, org_id: i64) -> Result<Vec<ChildcareFigures>> {
        let rows: Vec<ChildcareFigures> = sqlx::query_as(
            "SELECT id, org_id, fiscal_year, source, men_employed, women_employed, men_births, women_births,
                    men_takers, women_takers, men_average_days, updated_at
             FROM childcare_figures WHERE org_id = $1
             ORDER BY fiscal_year DESC, CASE source WHEN 'computed' THEN 0 ELSE 1 END",
        )
        .bind(org_id)
        .fetch_all(self.pool())
        .await?;
        let mut out: Vec<ChildcareFigures> = Vec::with_capacity(rows.len());
        for r in rows {
            if out.last().map(|l| l.fiscal_year) != Some(r.fiscal_year) {
                out.push(r);
            }
        }
        Ok(out)
    }
}
