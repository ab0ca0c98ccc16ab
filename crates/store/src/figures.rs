//! Yearly childcare-leave figures shown on a 男性育休100%宣言 declarer's page.
//! Each row says where it came from (`source`): "typed" by a person now, later
//! "computed" from imported records by the kpi engine; both may exist for a year.
//! Neither is public until the employer publishes it (publications.rs).

use serde::Serialize;

use crate::float_bind::OptionalFloat;
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
    /// Men who took 育児休業等 or 育児目的休暇 (method 2); computed rows only.
    pub men_method2_takers: Option<i64>,
    pub updated_at: String,
    /// The year's legal overtime + legal-holiday work of the covered workers,
    /// in minutes, and those workers (女活DB 平均残業時間); computed rows only.
    pub overtime_minutes: Option<i64>,
    pub overtime_workers: Option<i64>,
    /// Paid-leave half days taken, days granted, and the workers with a grant
    /// (年次有給休暇の取得率); computed rows only.
    pub paid_taken_half_days: Option<i64>,
    pub paid_granted_days: Option<i64>,
    pub paid_workers: Option<i64>,
}

impl ChildcareFigures {
    /// The row's values in one string, kept with a publication: when the row
    /// changes, the publication no longer matches it (see publications).
    pub fn snapshot(&self) -> String {
        format!(
            "{}|{}|{}|{}|{}|{}|{}|{}",
            self.men_employed,
            self.women_employed,
            self.men_births,
            self.women_births,
            self.men_takers,
            self.women_takers,
            self.men_average_days
                .map(|d| d.to_string())
                .unwrap_or_default(),
            self.men_method2_takers
                .map(|d| d.to_string())
                .unwrap_or_default(),
        )
    }

    /// What a publication of `figure_id` keeps of the row: the attendance
    /// figures their own parts, so an import that changes only the childcare
    /// counts leaves a published overtime figure standing, and the other way
    /// round; every childcare figure the whole [`Self::snapshot`].
    pub fn snapshot_for(&self, figure_id: &str) -> String {
        let n = |v: Option<i64>| v.map(|x| x.to_string()).unwrap_or_default();
        match figure_id {
            crate::publications::figure::AVERAGE_MONTHLY_OVERTIME => format!(
                "overtime|{}|{}",
                n(self.overtime_minutes),
                n(self.overtime_workers)
            ),
            crate::publications::figure::PAID_LEAVE_UTILIZATION => format!(
                "paid|{}|{}|{}",
                n(self.paid_taken_half_days),
                n(self.paid_granted_days),
                n(self.paid_workers)
            ),
            _ => self.snapshot(),
        }
    }
}

/// The attendance figures' raw parts of an import, written to its computed row.
#[derive(Debug, Clone, Copy, Default)]
pub struct AttendanceParts {
    pub overtime_minutes: Option<i64>,
    pub overtime_workers: Option<i64>,
    pub paid_taken_half_days: Option<i64>,
    pub paid_granted_days: Option<i64>,
    pub paid_workers: Option<i64>,
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
    pub men_method2_takers: Option<i64>,
    /// Computed rows only (typed rows leave them None).
    pub attendance: AttendanceParts,
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
            men_births, women_births, men_takers, women_takers, men_average_days, entered_by, updated_at,
            men_method2_takers, overtime_minutes, overtime_workers, paid_taken_half_days,
            paid_granted_days, paid_workers)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
         ON CONFLICT (org_id, fiscal_year, source) DO UPDATE SET
            men_employed = excluded.men_employed, women_employed = excluded.women_employed,
            men_births = excluded.men_births, women_births = excluded.women_births,
            men_takers = excluded.men_takers, women_takers = excluded.women_takers,
            men_average_days = excluded.men_average_days, entered_by = excluded.entered_by,
            updated_at = excluded.updated_at, men_method2_takers = excluded.men_method2_takers,
            overtime_minutes = excluded.overtime_minutes,
            overtime_workers = excluded.overtime_workers,
            paid_taken_half_days = excluded.paid_taken_half_days,
            paid_granted_days = excluded.paid_granted_days, paid_workers = excluded.paid_workers",
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
    .bind(OptionalFloat(f.men_average_days))
    .bind(entered_by)
    .bind(now())
    .bind(f.men_method2_takers)
    .bind(f.attendance.overtime_minutes)
    .bind(f.attendance.overtime_workers)
    .bind(f.attendance.paid_taken_half_days)
    .bind(f.attendance.paid_granted_days)
    .bind(f.attendance.paid_workers)
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

    /// Every row, typed and computed: newest year first, the computed row before
    /// the typed one of the same year.
    pub async fn childcare_figure_rows(&self, org_id: i64) -> Result<Vec<ChildcareFigures>> {
        Ok(sqlx::query_as(
            "SELECT id, org_id, fiscal_year, source, men_employed, women_employed, men_births, women_births,
                    men_takers, women_takers, men_average_days, men_method2_takers, updated_at,
                    overtime_minutes, overtime_workers, paid_taken_half_days, paid_granted_days,
                    paid_workers
             FROM childcare_figures WHERE org_id = $1
             ORDER BY fiscal_year DESC, CASE source WHEN 'computed' THEN 0 ELSE 1 END",
        )
        .bind(org_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// One row per fiscal year, newest first; a computed row wins over a typed one.
    /// For the employer's own pages: what is public is decided by publications.
    pub async fn childcare_figures(&self, org_id: i64) -> Result<Vec<ChildcareFigures>> {
        let rows = self.childcare_figure_rows(org_id).await?;
        let mut out: Vec<ChildcareFigures> = Vec::with_capacity(rows.len());
        for r in rows {
            if out.last().map(|l| l.fiscal_year) != Some(r.fiscal_year) {
                out.push(r);
            }
        }
        Ok(out)
    }
}
