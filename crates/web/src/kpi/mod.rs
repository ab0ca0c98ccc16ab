//! An organization's workplace KPIs (issue 3): upload the canonical CSV files of a
//! fiscal year, compute them with the `kpi` crate through `ingest`, store the report
//! with pseudonymised employee codes, and show overtime, paid leave, childcare leave
//! and the 女活DB items with their period and definition.

pub mod chart;
pub mod coverage;
pub mod disclosure;
pub mod employees;
mod export;
mod import;
pub mod view;
pub mod worker;

use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::HeaderValue;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use store::kpi::KpiImport;
use store::orgs::Organization;

use crate::AppState;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use view::StoredReport;

/// A year of attendance of a few hundred employees is a few MB; the files wait in the
/// database until a worker takes the job, so the web upload is bounded. Larger files
/// go through `erabareru kpi`, which streams.
const MAX_IMPORT_BYTES: usize = 64 * 1024 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/orgs/{id}/kpi",
            get(page)
                .post(import::upload)
                .layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES)),
        )
        .route("/orgs/{id}/kpi/jobs/{job}", get(import::job_page))
        .route(
            "/orgs/{id}/kpi/jobs/{job}/confirm",
            axum::routing::post(import::confirm),
        )
        .route(
            "/orgs/{id}/kpi/jobs/{job}/cancel",
            axum::routing::post(import::cancel),
        )
        .route(
            "/orgs/{id}/kpi/jobs/{job}/profile",
            axum::routing::post(import::set_profile),
        )
        .route(
            "/orgs/{id}/kpi/jobs/{job}/fiscal_year",
            axum::routing::post(import::set_year),
        )
        .route("/orgs/{id}/kpi/monthly.csv", get(monthly_csv))
        .route("/orgs/{id}/kpi/report.xlsx", get(report_xlsx))
}

#[derive(Deserialize)]
struct YearQuery {
    fy: Option<i64>,
}

pub(crate) fn current_fiscal_year() -> i64 {
    domain::FiscalYear::containing(crate::today_jst()).year() as i64
}

/// The year a page about a whole year opens on: the latest ended year with
/// records, else the latest year with records (one in progress), else last
/// year. 女活DB disclosure and certification look at ended years.
pub(crate) async fn default_whole_year(
    store: &store::Store,
    org_id: i64,
) -> Result<i64, crate::errors::AppError> {
    let current = current_fiscal_year();
    Ok(
        match store.latest_kpi_year_up_to(org_id, current - 1).await? {
            Some(y) => y,
            None => store.latest_kpi_year(org_id).await?.unwrap_or(current - 1),
        },
    )
}

pub(crate) fn years() -> Vec<i64> {
    let current = current_fiscal_year();
    (2019..=current).rev().collect()
}

/// A grant row of the 5-day duty table.
pub struct DutyRow {
    pub employee: employees::EmployeeName,
    pub grant: view::Grant,
    pub remaining: f64,
}

#[derive(Template)]
#[template(path = "kpi/page.html")]
struct KpiPage {
    c: Ctx,
    org: Organization,
    fy: i64,
    years: Vec<i64>,
    import: Option<KpiImport>,
    report: Option<StoredReport>,
    chart: String,
    /// The year's breaches counted by rule (every viewer of the page).
    breaches: Option<employees::BreachSummary>,
    /// Whether this viewer sees per-employee rows (the org's admins alone).
    show_employees: bool,
    /// One line per employee and rule, worst first (empty unless `show_employees`).
    employee_rows: Vec<employees::EmployeeRuleRow>,
    duty: Vec<DutyRow>,
    /// The 5-day duty counted: (employees with a duty grant, of whom not met).
    duty_counts: (usize, usize),
    /// 「この画面を見られる人：…」
    who_sees: String,
    /// Employees per band of average monthly overtime: (label, count).
    distribution: Vec<(String, i64)>,
    /// The employees counted in `distribution`.
    distribution_total: i64,
    /// The 女活DB women's-share rows: (label key, share).
    shares: Vec<(&'static str, view::Share)>,
    error: Option<String>,
    can_import: bool,
    /// Mapping profiles for the upload form: (name, label).
    profiles: Vec<(String, String)>,
    /// The 男性育休 statements for publication: (method label key, text).
    statements: Vec<(&'static str, String)>,
    /// The year's months that have begun (or have rows), each with its figures
    /// or none (データなし).
    month_rows: Vec<view::MonthRow>,
    /// What is said when nobody is listed at risk: only of the months with data.
    no_risk: String,
    /// The same for "nobody in breach" in the summary at the top.
    no_breaches: String,
    /// The year as the page names it: a year in progress says up to which
    /// month its records go (「年度途中（11月まで）」), not today's month.
    year_label: String,
    /// The end of the period the figures cover: the year's end, or for a year
    /// in progress the last day with records.
    period_to: String,
}

/// The "nobody is over a limit" sentence, said only of months that have data: the
/// whole year when every month has rows, the months with rows otherwise, and nothing
/// reassuring at all for a year without rows.
fn no_risk_sentence(c: &Ctx, rows: &[view::MonthRow]) -> String {
    covered_sentence(c, rows, "kpi.no_risk", "kpi.no_risk_partial")
}

/// [`no_risk_sentence`] for breaches alone.
fn no_breaches_sentence(c: &Ctx, rows: &[view::MonthRow]) -> String {
    covered_sentence(c, rows, "kpi.no_breaches", "kpi.no_breaches_partial")
}

fn covered_sentence(c: &Ctx, rows: &[view::MonthRow], whole: &str, partial: &str) -> String {
    let covered: Vec<kpi::YearMonth> = rows
        .iter()
        .filter(|m| m.data.is_some())
        .filter_map(|m| kpi::YearMonth::parse(&m.month))
        .collect();
    if covered.is_empty() {
        c.t.t("kpi.no_risk_no_data").to_string()
    } else if covered.len() == rows.len() {
        c.t.t(whole).to_string()
    } else {
        c.t.f1(partial, "months", coverage::month_ranges(&c.t, &covered))
    }
}

fn rule_text(c: &Ctx, v: &view::Violation) -> String {
    let key = match v.rule.as_str() {
        "monthly_100h" => "kpi.rule.monthly_100h",
        "average_80h" => "kpi.rule.average_80h",
        "annual_720h" => "kpi.rule.annual_720h",
        "months_over_limit" => "kpi.rule.months_over_limit",
        "monthly_limit" => "kpi.rule.monthly_limit",
        "annual_limit" => "kpi.rule.annual_limit",
        _ => "kpi.rule.other",
    };
    c.t.f2(
        key,
        "month",
        &v.month,
        "window",
        v.window_months.unwrap_or(0),
    )
}

pub(crate) async fn render(
    state: &AppState,
    c: Ctx,
    org: Organization,
    fy: i64,
    error: Option<String>,
) -> Result<Response, AppError> {
    let import = state.store.current_kpi_import(org.id, fy).await?;
    let report: Option<StoredReport> = match &import {
        Some(i) => Some(
            serde_json::from_str(&i.report_json)
                .map_err(|e| AppError::Internal(format!("stored report: {e}")))?,
        ),
        None => None,
    };
    let show_employees = c.can(&Action::ViewEmployeeFigures { org_id: org.id });
    let names = employees::Names(if show_employees {
        state.store.employee_codes(org.id).await?
    } else {
        Default::default()
    });
    let mut months = Vec::new();
    let mut employee_rows = Vec::new();
    let mut duty = Vec::new();
    let mut duty_counts = (0, 0);
    let breaches = report.as_ref().map(|r| employees::breach_summary(&c.t, r));
    if let Some(r) = &report {
        if let Some(ot) = &r.overtime {
            months = view::monthly_averages(&ot.employees, &r.period.from);
        }
        if show_employees {
            employee_rows = employees::employee_rule_rows(&c.t, r, &names);
        }
        if let Some(pl) = &r.paid_leave {
            for e in &pl.employees {
                let grants: Vec<&view::Grant> = e.grants.iter().filter(|g| g.obligation).collect();
                if !grants.is_empty() {
                    duty_counts.0 += 1;
                    if grants.iter().any(|g| g.status == "not_met") {
                        duty_counts.1 += 1;
                    }
                }
                if show_employees {
                    for g in grants {
                        duty.push(DutyRow {
                            employee: names.of(&e.employee_id),
                            remaining: (5.0 - g.taken_days).max(0.0),
                            grant: g.clone(),
                        });
                    }
                }
            }
        }
    }
    let this_month = kpi::YearMonth::of_calendar(crate::today_jst());
    let month_rows = match &report {
        Some(r) if r.overtime.is_some() => {
            view::month_rows(&r.period.from, &months, r.coverage.as_ref(), this_month)
        }
        _ => Vec::new(),
    };
    let chart = chart::bar_chart(
        &chart::Words {
            title: c.t.t("kpi.chart_title"),
            unit: c.t.t("kpi.hours"),
            no_data: c.t.t("kpi.no_data"),
        },
        &month_rows
            .iter()
            .filter(|m| m.shown())
            .map(|m| {
                (
                    m.month[5..].trim_start_matches('0').to_string() + c.t.t("kpi.month_suffix"),
                    m.data.as_ref().map(|d| d.average_hours),
                )
            })
            .collect::<Vec<_>>(),
        &[(45.0, c.t.t("kpi.chart_limit"))],
    );
    // Said of the whole year (a year in progress is never all clear), before the
    // months still to come are dropped from the table.
    let no_risk = no_risk_sentence(&c, &month_rows);
    let no_breaches = no_breaches_sentence(&c, &month_rows);
    let month_rows: Vec<view::MonthRow> = month_rows.into_iter().filter(|m| m.shown()).collect();
    let distribution = match report
        .as_ref()
        .and_then(|r| r.overtime.as_ref().map(|o| (r, o)))
    {
        Some((r, o)) => {
            let counts = view::distribution(&o.employees, &r.period.from);
            let mut lower = 0;
            counts
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    let label = match view::DISTRIBUTION_BANDS.get(i) {
                        Some(upper) => {
                            let l = c.t.f2("kpi.band", "from", lower, "to", upper);
                            lower = *upper;
                            l
                        }
                        None => c.t.f1("kpi.band_open", "from", lower),
                    };
                    (label, *n)
                })
                .collect()
        }
        None => Vec::new(),
    };
    let distribution_total = distribution.iter().map(|(_, n)| n).sum();
    let shares = report
        .as_ref()
        .and_then(|r| r.workforce.as_ref())
        .map(|w| {
            vec![
                ("kpi.share_hires", w.hires.clone()),
                ("kpi.share_employees", w.employees.clone()),
                ("kpi.share_chiefs", w.chiefs.clone()),
                ("kpi.share_managers", w.managers.clone()),
                ("kpi.share_executives", w.executives.clone()),
            ]
        })
        .unwrap_or_default();
    let profiles = ingest::profile::presets()
        .into_iter()
        .map(|p| {
            (
                p.name.clone(),
                c.t.pick(&p.label_ja, &p.label_en).to_string(),
            )
        })
        .collect();
    let statements = report
        .as_ref()
        .and_then(|r| r.childcare_leave.as_ref().map(|cc| (r, cc)))
        .map(|(r, cc)| {
            [
                (
                    disclosure::Method::One,
                    "disclosure.method1_label",
                    cc.male.method1_takers,
                ),
                (
                    disclosure::Method::Two,
                    "disclosure.method2_label",
                    cc.male.method2_takers,
                ),
            ]
            .into_iter()
            .map(|(method, label, takers)| {
                let text = disclosure::text(
                    &c.t,
                    &disclosure::Statement {
                        org_name: &org.name,
                        fiscal_year: r.fiscal_year,
                        period_from: &r.period.from,
                        period_to: &r.period.to,
                        method,
                        births: cc.male.births,
                        takers,
                    },
                );
                (label, text)
            })
            .collect()
        })
        .unwrap_or_default();
    let who_sees = crate::visibility::who_sees(&c, &org);
    let coverage = report.as_ref().and_then(|r| r.coverage.as_ref());
    let last_month_with_data = coverage
        .and_then(|cv| cv.months.last())
        .and_then(|m| m.get(5..7))
        .and_then(|m| m.parse::<i8>().ok());
    let today = crate::today_jst();
    let year_label = crate::publish::year_label_as_of(&c.t, fy, today, last_month_with_data);
    let in_progress = !crate::publish::may_publish(fy, today);
    let period_to = match (in_progress, coverage.and_then(|cv| cv.last_date.clone())) {
        (true, Some(last)) => last,
        _ => report
            .as_ref()
            .map(|r| r.period.to.clone())
            .unwrap_or_default(),
    };
    let page = KpiPage {
        year_label,
        period_to,
        month_rows,
        no_risk,
        no_breaches,
        who_sees,
        statements,
        profiles,
        distribution,
        distribution_total,
        shares,
        can_import: c.can(&Action::DeclareForOrganization { org_id: org.id }),
        c,
        org,
        fy,
        years: years(),
        import,
        report,
        chart,
        breaches,
        show_employees,
        employee_rows,
        duty,
        duty_counts,
        error,
    };
    let status = if page.error.is_some() { 422 } else { 200 };
    Ok((
        axum::http::StatusCode::from_u16(status).unwrap_or(axum::http::StatusCode::OK),
        Html(page.render()?),
    )
        .into_response())
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    let org = match crate::visibility::aggregates_org(&state.store, &c, id).await? {
        Ok(org) => org,
        Err(refused) => return Ok(refused),
    };
    // Without a chosen year: the latest year with figures, else the current one.
    let fy = match q.fy.filter(|y| years().contains(y)) {
        Some(y) => y,
        None => state
            .store
            .latest_kpi_year(id)
            .await?
            .unwrap_or_else(current_fiscal_year),
    };
    render(&state, c, org, fy, None).await
}

/// Replace every `employee_id` in the report with the organization's keyed hash;
/// the codes replaced, by pseudonym, for the encrypted `employee_codes` table.
pub(crate) fn pseudonymise(
    value: &mut serde_json::Value,
    key: &str,
) -> std::collections::BTreeMap<String, String> {
    let mut codes = std::collections::BTreeMap::new();
    pseudonymise_into(value, key, &mut codes);
    codes
}

fn pseudonymise_into(
    value: &mut serde_json::Value,
    key: &str,
    codes: &mut std::collections::BTreeMap<String, String>,
) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if k == "employee_id" {
                    if let serde_json::Value::String(s) = v {
                        let p = pseudonym(key, s);
                        codes.insert(p.clone(), s.trim().to_string());
                        *s = p;
                    }
                } else {
                    pseudonymise_into(v, key, codes);
                }
            }
        }
        serde_json::Value::Array(items) => items
            .iter_mut()
            .for_each(|v| pseudonymise_into(v, key, codes)),
        _ => {}
    }
}

/// A stable, non-reversible code for an employee: HMAC-SHA256 with the
/// organization's secret key, shortened for display ("P-3f9a1c2b7d").
pub fn pseudonym(key: &str, employee_id: &str) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(key.as_bytes())
        .expect("HMAC takes keys of any length");
    mac.update(employee_id.trim().as_bytes());
    let digest = mac.finalize().into_bytes();
    format!("P-{}", &hex::encode(digest)[..10])
}

/// The current report of a year, for the exports.
async fn stored_report(
    state: &AppState,
    c: &Ctx,
    id: i64,
    fy: Option<i64>,
) -> Result<Result<(StoredReport, i64), Response>, AppError> {
    if let Err(refused) = crate::visibility::aggregates_org(&state.store, c, id).await? {
        return Ok(Err(refused));
    }
    let fy = fy.unwrap_or_else(current_fiscal_year);
    let import = state
        .store
        .current_kpi_import(id, fy)
        .await?
        .ok_or(AppError::NotFound)?;
    let report = serde_json::from_str(&import.report_json)
        .map_err(|e| AppError::Internal(format!("stored report: {e}")))?;
    Ok(Ok((report, fy)))
}

fn download(bytes: Vec<u8>, content_type: &'static str, file_name: &str) -> Response {
    let mut res = bytes.into_response();
    res.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        res.headers_mut().insert(CONTENT_DISPOSITION, v);
    }
    res
}

async fn monthly_csv(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    let (report, fy) = match stored_report(&state, &c, id, q.fy).await? {
        Ok(found) => found,
        Err(refused) => return Ok(refused),
    };
    let tables = export::tables(&c, &report, None);
    let bytes = export::csv(&tables[0]).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download(
        bytes,
        "text/csv; charset=utf-8",
        &format!("kpi-monthly-{fy}.csv"),
    ))
}

async fn report_xlsx(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    let (report, fy) = match stored_report(&state, &c, id, q.fy).await? {
        Ok(found) => found,
        Err(refused) => return Ok(refused),
    };
    // The per-employee sheets go to the organization's admins alone.
    let names = if c.can(&Action::ViewEmployeeFigures { org_id: id }) {
        Some(employees::Names(state.store.employee_codes(id).await?))
    } else {
        None
    };
    let bytes = export::xlsx(&export::tables(&c, &report, names.as_ref()))
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download(
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &format!("kpi-{fy}.xlsx"),
    ))
}

/// The i18n key of a 5-day duty status.
pub fn duty_key(status: &str) -> &'static str {
    match status {
        "met" => "kpi.duty.met",
        "not_met" => "kpi.duty.not_met",
        "not_applicable" => "kpi.duty.not_applicable",
        _ => "kpi.duty.in_progress",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudonyms_are_keyed_stable_and_hide_the_code() {
        let a = pseudonym("key-1", "E001");
        assert_eq!(a, pseudonym("key-1", " E001 "));
        assert_ne!(
            a,
            pseudonym("key-2", "E001"),
            "another organization, another code"
        );
        assert_ne!(a, pseudonym("key-1", "E002"));
        assert!(a.starts_with("P-") && a.len() == 12 && !a.contains("E001"));
        let mut v = serde_json::json!({"overtime": {"employees": [{"employee_id": "E001", "months": []}]},
            "paid_leave": {"employees": [{"employee_id": "E001", "grants": []}]}});
        let codes = pseudonymise(&mut v, "key-1");
        assert_eq!(codes.get(&a).map(String::as_str), Some("E001"));
        assert_eq!(codes.len(), 1);
        assert_eq!(v["overtime"]["employees"][0]["employee_id"], a.as_str());
        assert_eq!(v["paid_leave"]["employees"][0]["employee_id"], a.as_str());
        assert!(!v.to_string().contains("E001"));
    }
}
