//! Published industry averages (厚生労働省「雇用均等基本調査」 etc.) that
//! えるぼし compares against: platform administrators list, add or replace,
//! and delete them per 日本標準産業分類 大分類 and year.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use store::certification::IndustryAverageRow;

use crate::AppState;
use crate::auth::redirect_with_flash;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::{self, FieldErrors};
use crate::i18n::Tr;

const PATH: &str = "/admin/industry-averages";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(PATH, get(list).post(save))
        .route("/admin/industry-averages/delete", post(delete))
}

#[derive(Default, Deserialize)]
struct AverageForm {
    #[serde(default)]
    industry: String,
    #[serde(default)]
    fiscal_year: String,
    #[serde(default)]
    regular_women: String,
    #[serde(default)]
    women_managers: String,
    #[serde(default)]
    source: String,
}

#[derive(Deserialize)]
struct DeleteForm {
    #[serde(default)]
    industry: String,
    #[serde(default)]
    fiscal_year: String,
}

/// A stored row as shown.
struct RowView {
    industry: String,
    industry_label: String,
    fiscal_year: i64,
    regular_women: String,
    women_managers: String,
    source: String,
    updated_at: String,
}

#[derive(Template)]
#[template(path = "admin/industry/page.html")]
struct AveragesPage {
    c: Ctx,
    rows: Vec<RowView>,
    /// (letter, label) of every 大分類.
    industries: Vec<(&'static str, String)>,
    v: AverageForm,
    errors: FieldErrors,
}

fn industry_label(t: &Tr, letter: &str) -> String {
    match domain::Industry::parse(letter) {
        Ok(i) => format!("{} {}", i.as_str(), t.pick(i.name_ja(), i.name_en())),
        Err(_) => letter.to_string(),
    }
}

fn tenths_text(v: Option<i64>) -> String {
    match v {
        Some(n) => format!("{}.{}%", n / 10, n % 10),
        None => "—".into(),
    }
}

/// A percentage 0–100 with at most one decimal, as tenths; empty is None.
/// Full-width digits are accepted; the same reading as industry_averages.csv.
pub fn parse_percent_tenths(value: &str) -> Result<Option<i64>, ()> {
    let v = ingest::value::clean(value);
    if v.is_empty() {
        return Ok(None);
    }
    ingest::extras::parse_percent_tenths(&v)
        .map(|t| Some(t as i64))
        .map_err(|_| ())
}

async fn render(
    state: &AppState,
    c: Ctx,
    v: AverageForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let t = c.t;
    let rows = state
        .store
        .industry_averages()
        .await?
        .into_iter()
        .map(|r: IndustryAverageRow| RowView {
            industry_label: industry_label(&t, &r.industry),
            industry: r.industry,
            fiscal_year: r.fiscal_year,
            regular_women: tenths_text(r.regular_women_tenths),
            women_managers: tenths_text(r.women_managers_tenths),
            source: r.source,
            updated_at: r.updated_at,
        })
        .collect();
    let industries = domain::Industry::ALL
        .iter()
        .map(|i| (i.as_str(), industry_label(&t, i.as_str())))
        .collect();
    let page = AveragesPage {
        c,
        rows,
        industries,
        v,
        errors,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn list(State(state): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    c.require(&Action::AdministerPlatform)?;
    render(&state, c, AverageForm::default(), FieldErrors::new()).await
}

/// A fiscal year the averages can be for.
fn fiscal_year(errors: &mut FieldErrors, t: &Tr, value: &str) -> Option<i64> {
    let v = domain::normalize_digits(value).trim().to_string();
    if v.is_empty() {
        errors.add(t, "fiscal_year", "form.required");
        return None;
    }
    let max = crate::kpi::current_fiscal_year() + 1;
    match v.parse::<i64>() {
        Ok(y) if (2000..=max).contains(&y) => Some(y),
        _ => {
            errors.add(t, "fiscal_year", "industry_avg.invalid_year");
            None
        }
    }
}

/// The form's fields and their labels (for the error summary).
const AVERAGE_LABELS: forms::Labels = &[
    ("industry", "industry_avg.industry"),
    ("fiscal_year", "figures.fiscal_year"),
    ("regular_women", "industry_avg.regular_women"),
    ("women_managers", "industry_avg.women_managers"),
    ("source", "industry_avg.source"),
];

async fn save(
    State(state): State<AppState>,
    c: Ctx,
    Form(v): Form<AverageForm>,
) -> Result<Response, AppError> {
    let p = c.require(&Action::AdministerPlatform)?.clone();
    let t = c.t;
    let mut errors = FieldErrors::labelled(AVERAGE_LABELS);
    let industry = match domain::Industry::parse(&v.industry) {
        Ok(i) => Some(i),
        Err(e) => {
            errors.add(&t, "industry", e.i18n_key());
            None
        }
    };
    let fy = fiscal_year(&mut errors, &t, &v.fiscal_year);
    let mut percent = |field: &str, value: &str| match parse_percent_tenths(value) {
        Ok(x) => x,
        Err(()) => {
            errors.add(&t, field, "industry_avg.invalid_percent");
            None
        }
    };
    let regular = percent("regular_women", &v.regular_women);
    let managers = percent("women_managers", &v.women_managers);
    if regular.is_none()
        && managers.is_none()
        && !errors.has("regular_women")
        && !errors.has("women_managers")
    {
        errors.add(&t, "regular_women", "industry_avg.one_needed");
    }
    let source = forms::text(&mut errors, &t, "source", &v.source, true, 500);
    if !errors.is_empty() {
        return render(&state, c, v, errors).await;
    }
    let (Some(industry), Some(fy)) = (industry, fy) else {
        return Err(AppError::Internal("validated fields missing".into()));
    };
    state
        .store
        .put_industry_average(
            industry.as_str(),
            fy,
            regular,
            managers,
            &source,
            Some(p.user_id),
        )
        .await?;
    state
        .store
        .audit(
            &c.actor(),
            "update",
            "industry_average",
            format!("{}:{fy}", industry.as_str()),
            &format!(
                "regular_women={} women_managers={}",
                tenths_text(regular),
                tenths_text(managers)
            ),
        )
        .await?;
    Ok(redirect_with_flash(
        PATH,
        "flash.saved",
        state.config.cookie_secure,
    ))
}

async fn delete(
    State(state): State<AppState>,
    c: Ctx,
    Form(v): Form<DeleteForm>,
) -> Result<Response, AppError> {
    c.require(&Action::AdministerPlatform)?;
    let industry = domain::Industry::parse(&v.industry)
        .map_err(|_| AppError::BadRequest("industry".into()))?;
    let fy: i64 = v
        .fiscal_year
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest("fiscal_year".into()))?;
    if !state
        .store
        .delete_industry_average(industry.as_str(), fy)
        .await?
    {
        return Err(AppError::NotFound);
    }
    state
        .store
        .audit(
            &c.actor(),
            "delete",
            "industry_average",
            format!("{}:{fy}", industry.as_str()),
            "",
        )
        .await?;
    Ok(redirect_with_flash(
        PATH,
        "industry_avg.deleted",
        state.config.cookie_secure,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percents_have_at_most_one_decimal_and_stay_within_0_to_100() {
        assert_eq!(parse_percent_tenths("12.3"), Ok(Some(123)));
        assert_eq!(
            parse_percent_tenths(" １２．５ "),
            Ok(Some(125)),
            "full width"
        );
        assert_eq!(parse_percent_tenths("１２"), Ok(Some(120)));
        assert_eq!(parse_percent_tenths("100"), Ok(Some(1000)));
        assert_eq!(parse_percent_tenths("100.0"), Ok(Some(1000)));
        assert_eq!(parse_percent_tenths("0"), Ok(Some(0)));
        assert_eq!(parse_percent_tenths("7.5%"), Ok(Some(75)));
        assert_eq!(parse_percent_tenths(""), Ok(None));
        assert_eq!(parse_percent_tenths("100.5"), Err(()));
        assert_eq!(parse_percent_tenths("12.34"), Err(()));
        assert_eq!(parse_percent_tenths("-1"), Err(()));
        assert_eq!(parse_percent_tenths("1e1"), Err(()));
        assert_eq!(parse_percent_tenths(".5"), Err(()));
        assert_eq!(parse_percent_tenths("5."), Err(()));
    }
}
