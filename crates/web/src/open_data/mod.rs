//! Open data (issue 12): `/open-data` lists every public dataset of a region
//! with its licence, and serves the workplace profiles, the open job postings
//! and the published figures as CSV (UTF-8 with BOM) and JSON. The files follow
//! the machine-readable rules: one header row, one value per cell (a list
//! becomes one 0/1 column per code), ISO dates, 全国地方公共団体コード for the
//! region and 日本標準産業分類 大分類 letters for industries. Only what is
//! public appears: approved profiles, postings open today, and figures their
//! employer published for an ended year (`publish::public_values`).

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::HeaderValue;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::job::Suit;
use domain::licence::OpenDataLicence;
use domain::workplace::{HeldCertification, Measure};
use serde::Deserialize;
use serde_json::{Map, Value, json};
use store::postings::PostingSearch;
use store::regions::Region;

use crate::AppState;
use crate::context::Ctx;
use crate::csv_out::CsvOut;
use crate::errors::AppError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/open-data", get(page))
        .route("/open-data/{file}", get(file))
}

/// A dataset of this module: its file stem and i18n keys.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dataset {
    Workplaces,
    Jobs,
    Figures,
}

impl Dataset {
    const ALL: [Dataset; 3] = [Dataset::Workplaces, Dataset::Jobs, Dataset::Figures];

    fn stem(self) -> &'static str {
        match self {
            Dataset::Workplaces => "workplaces",
            Dataset::Jobs => "jobs",
            Dataset::Figures => "figures",
        }
    }
}

/// A dataset as rows under named columns.
struct Table {
    columns: Vec<String>,
    rows: Vec<Vec<Value>>,
}

impl Table {
    fn new(columns: Vec<String>) -> Table {
        Table {
            columns,
            rows: Vec::new(),
        }
    }

    fn csv(&self) -> Result<Vec<u8>, AppError> {
        let mut out = CsvOut::new();
        let io = |e: csv::Error| AppError::Internal(e.to_string());
        out.record(&self.columns).map_err(io)?;
        for row in &self.rows {
            out.record(row.iter().map(cell)).map_err(io)?;
        }
        out.into_bytes().map_err(io)
    }

    fn items(&self) -> Vec<Value> {
        self.rows
            .iter()
            .map(|row| {
                let mut m = Map::new();
                for (c, v) in self.columns.iter().zip(row) {
                    m.insert(c.clone(), v.clone());
                }
                Value::Object(m)
            })
            .collect()
    }
}

/// A JSON value as one CSV cell: text as is, numbers as written, null empty.
fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn text(s: &str) -> Value {
    Value::String(s.to_string())
}

fn opt<T: Into<Value>>(v: Option<T>) -> Value {
    v.map(Into::into).unwrap_or(Value::Null)
}

fn flag(on: bool) -> Value {
    Value::from(u8::from(on))
}

fn measure_columns() -> impl Iterator<Item = String> {
    Measure::ALL
        .iter()
        .map(|m| format!("measure_{}", m.as_str()))
}

/// One 0/1 column per certification an employer may state it holds.
fn certification_columns() -> impl Iterator<Item = String> {
    HeldCertification::ALL
        .iter()
        .map(|c| format!("certification_{}", c.as_str()))
}

#[derive(Deserialize, Default)]
struct RegionQuery {
    #[serde(default)]
    region: String,
}

async fn region(state: &AppState, q: &RegionQuery) -> Result<Region, AppError> {
    crate::news::region_of(state, &q.region)
        .await?
        .ok_or(AppError::NotFound)
}

/// Every organization's 法人番号 by id, in one query.
async fn corporate_numbers(
    state: &AppState,
) -> Result<std::collections::HashMap<i64, Option<String>>, AppError> {
    Ok(state
        .store
        .list_organizations()
        .await?
        .into_iter()
        .map(|o| (o.id, o.corporate_number))
        .collect())
}

async fn workplaces(state: &AppState, r: &Region, base: &str) -> Result<Table, AppError> {
    let mut columns: Vec<String> = [
        "organization",
        "organization_kana",
        "corporate_number",
        "region_code",
        "prefecture_code",
        "industry_code",
        "industry_name",
        "employee_band",
        "address",
        "website",
        "annual_holidays",
    ]
    .map(String::from)
    .to_vec();
    columns.extend(measure_columns());
    columns.extend(certification_columns());
    columns.extend(["approved_on", "url"].map(String::from));
    let mut t = Table::new(columns);
    let numbers = corporate_numbers(state).await?;
    for w in state.store.workplaces(Some(r.id)).await? {
        let industry = w
            .industry
            .as_deref()
            .and_then(|i| domain::Industry::parse(i).ok());
        let mut row = vec![
            text(&w.org_name),
            text(&w.org_kana),
            opt(numbers.get(&w.org_id).cloned().flatten()),
            text(&r.code),
            text(&r.prefecture),
            opt(industry.map(|i| i.letter().to_string())),
            opt(industry.map(|i| i.name_ja())),
            opt(w.employee_band.clone()),
            text(&w.address),
            text(&w.website),
            opt(w.profile.annual_holidays),
        ];
        row.extend(
            Measure::ALL
                .iter()
                .map(|m| flag(w.profile.measures.contains(m))),
        );
        row.extend(
            HeldCertification::ALL
                .iter()
                .map(|c| flag(w.profile.certifications.contains(c))),
        );
        row.push(text(w.approved_at.get(..10).unwrap_or_default()));
        row.push(text(&format!("{base}/workplaces/{}", w.org_id)));
        t.rows.push(row);
    }
    Ok(t)
}

async fn jobs(state: &AppState, r: &Region, base: &str) -> Result<Table, AppError> {
    let mut columns: Vec<String> = [
        "posting_id",
        "organization",
        "corporate_number",
        "region_code",
        "title",
        "employment_type",
        "work_hours",
        "work_days",
        "stated_monthly_overtime_hours",
        "annual_holidays",
        "pay_unit",
        "pay_min_yen",
        "pay_max_yen",
        "location",
    ]
    .map(String::from)
    .to_vec();
    columns.extend(measure_columns());
    columns.extend(Suit::ALL.iter().map(|s| format!("suits_{}", s.as_str())));
    columns.extend(["posted_on", "valid_through", "url"].map(String::from));
    let mut t = Table::new(columns);
    let today = crate::today_jst().strftime("%Y-%m-%d").to_string();
    let open = state
        .store
        .search_postings(&PostingSearch {
            region_id: Some(r.id),
            terms: Vec::new(),
            employment_type: None,
            today,
            limit: 50_000,
        })
        .await?;
    let numbers = corporate_numbers(state).await?;
    for p in open {
        let corporate_number = numbers.get(&p.org_id).cloned().flatten();
        let f = &p.fields;
        let mut row = vec![
            Value::from(p.id),
            text(&p.org_name),
            opt(corporate_number),
            text(&r.code),
            text(&f.title),
            text(f.employment_type.as_str()),
            text(&f.work_hours),
            text(&f.work_days),
            opt(f.monthly_overtime_tenths.map(|x| x as f64 / 10.0)),
            opt(f.annual_holidays),
            text(f.pay_unit.as_str()),
            opt(f.pay_min),
            opt(f.pay_max),
            text(&f.location),
        ];
        row.extend(Measure::ALL.iter().map(|m| flag(f.measures.contains(m))));
        row.extend(Suit::ALL.iter().map(|s| flag(f.suits.contains(s))));
        row.push(text(&f.posted_on));
        row.push(text(&f.valid_through));
        row.push(text(&format!("{base}/jobs/{}", p.id)));
        t.rows.push(row);
    }
    Ok(t)
}

async fn figures(state: &AppState, r: &Region, base: &str) -> Result<Table, AppError> {
    let columns = [
        "organization",
        "corporate_number",
        "region_code",
        "fiscal_year",
        "period_start",
        "period_end",
        "figure_id",
        "figure_name",
        "value",
        "unit",
        "origin",
        "definition_url",
    ]
    .map(String::from)
    .to_vec();
    let mut t = Table::new(columns);
    let today = crate::today_jst();
    let mut orgs = state.store.list_organizations().await?;
    orgs.retain(|o| o.region_id == Some(r.id));
    orgs.sort_by(|a, b| a.kana.cmp(&b.kana));
    for org in orgs {
        let pubs = state.store.live_publications(org.id).await?;
        if pubs.is_empty() {
            continue;
        }
        let rows = state.store.childcare_figure_rows(org.id).await?;
        for v in crate::publish::public_values(&rows, &pubs, today) {
            let entry = kpi::catalog::figure(v.figure_id);
            let fy = i32::try_from(v.fiscal_year)
                .ok()
                .and_then(|y| domain::FiscalYear::new(y).ok());
            t.rows.push(vec![
                text(&org.name),
                opt(org.corporate_number.clone()),
                text(&r.code),
                Value::from(v.fiscal_year),
                opt(fy.map(|f| f.start().to_string())),
                opt(fy.map(|f| f.end().to_string())),
                text(v.figure_id),
                text(entry.name.ja),
                if v.decimals == 0 {
                    Value::from(v.value as i64)
                } else {
                    json!(v.value)
                },
                text(entry.unit.label().ja),
                text(&v.source),
                text(&format!("{base}/definitions#{}", v.figure_id)),
            ]);
        }
    }
    Ok(t)
}

async fn table(state: &AppState, d: Dataset, r: &Region, base: &str) -> Result<Table, AppError> {
    match d {
        Dataset::Workplaces => workplaces(state, r, base).await,
        Dataset::Jobs => jobs(state, r, base).await,
        Dataset::Figures => figures(state, r, base).await,
    }
}

fn licence_json(l: OpenDataLicence) -> Value {
    json!({ "code": l.as_str(), "name": l.name_ja(), "url": l.url() })
}

async fn file(
    State(state): State<AppState>,
    Path(name): Path<String>,
    Query(q): Query<RegionQuery>,
) -> Result<Response, AppError> {
    let (stem, ext) = name.rsplit_once('.').ok_or(AppError::NotFound)?;
    let d = Dataset::ALL
        .into_iter()
        .find(|d| d.stem() == stem)
        .ok_or(AppError::NotFound)?;
    let r = region(&state, &q).await?;
    let base = crate::declarations::export::base_url(&state);
    let t = table(&state, d, &r, &base).await?;
    let (bytes, content_type) = match ext {
        "csv" => (t.csv()?, "text/csv; charset=utf-8"),
        "json" => {
            let doc = json!({
                "dataset": d.stem(),
                "publisher": r.name_ja,
                "region_code": r.code,
                "licence": licence_json(r.licence()),
                "generated_on": crate::today_jst().to_string(),
                "columns": t.columns,
                "items": t.items(),
            });
            (
                serde_json::to_vec_pretty(&doc).map_err(|e| AppError::Internal(e.to_string()))?,
                "application/json",
            )
        }
        _ => return Err(AppError::NotFound),
    };
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"{}-{}.{ext}\"",
        r.code,
        d.stem()
    )) {
        h.insert(CONTENT_DISPOSITION, v);
    }
    h.insert(
        CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    Ok(res)
}

/// One line of the list on `/open-data`.
pub struct Listed {
    pub name_key: String,
    pub about_key: String,
    pub files: Vec<(String, &'static str)>,
    pub rows: Option<usize>,
}

#[derive(Template)]
#[template(path = "open_data/page.html")]
struct Page {
    c: Ctx,
    region: Region,
    licence: OpenDataLicence,
    datasets: Vec<Listed>,
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Query(q): Query<RegionQuery>,
) -> Result<Response, AppError> {
    let r = region(&state, &q).await?;
    let suffix = if q.region.trim().is_empty() {
        String::new()
    } else {
        format!("?region={}", r.code)
    };
    // Counted without building the files: the page is public and opened often.
    let today = crate::today_jst().strftime("%Y-%m-%d").to_string();
    let open_jobs = state
        .store
        .search_postings(&PostingSearch {
            region_id: Some(r.id),
            terms: Vec::new(),
            employment_type: None,
            today,
            limit: 50_000,
        })
        .await?
        .len();
    let workplaces = state.store.workplaces(Some(r.id)).await?.len();
    let mut datasets = Vec::new();
    for d in Dataset::ALL {
        datasets.push(Listed {
            name_key: format!("open_data.{}", d.stem()),
            about_key: format!("open_data.{}_about", d.stem()),
            files: vec![
                (format!("/open-data/{}.csv{suffix}", d.stem()), "CSV"),
                (format!("/open-data/{}.json{suffix}", d.stem()), "JSON"),
            ],
            rows: match d {
                Dataset::Workplaces => Some(workplaces),
                Dataset::Jobs => Some(open_jobs),
                Dataset::Figures => None,
            },
        });
    }
    datasets.push(Listed {
        name_key: "open_data.declarations".into(),
        about_key: "open_data.declarations_about".into(),
        files: vec![
            ("/declarations.csv".into(), "CSV"),
            ("/declarations.json".into(), "JSON"),
            ("/declarations/feed.atom".into(), "Atom"),
        ],
        rows: None,
    });
    datasets.push(Listed {
        name_key: "open_data.events".into(),
        about_key: "open_data.events_about".into(),
        files: vec![
            ("/events.csv".into(), "CSV"),
            ("/events.ics".into(), "iCalendar"),
        ],
        rows: None,
    });
    let page = Page {
        licence: r.licence(),
        region: r,
        datasets,
        c,
    };
    Ok(Html(page.render()?).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_one_value_each_and_formulas_are_neutralised() {
        let mut t = Table::new(vec!["name".into(), "n".into(), "none".into()]);
        t.rows
            .push(vec![text("=HYPERLINK(\"x\")"), json!(10.5), Value::Null]);
        let csv = String::from_utf8(t.csv().unwrap()).unwrap();
        assert!(csv.starts_with('\u{feff}'));
        assert_eq!(csv.lines().nth(1), Some("\"'=HYPERLINK(\"\"x\"\")\",10.5,"));
        assert_eq!(t.items()[0]["n"], json!(10.5));
        assert_eq!(t.items()[0]["none"], Value::Null);
    }
}
