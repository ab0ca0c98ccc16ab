//! The yearly childcare-leave figures an organization's admin types in (for
//! declarations that show figures), with their checks.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;
use store::figures::{ChildcareFigures, ChildcareFiguresInput};
use store::orgs::Organization;

use crate::AppState;
use crate::auth::redirect_with_flash;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::{self, FieldErrors};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/orgs/{id}/figures", get(figures_form).post(save_figures))
}

const FIGURES_LABELS: forms::Labels = &[
    ("fiscal_year", "figures.fiscal_year"),
    ("men_employed", "figures.men_employed"),
    ("women_employed", "figures.women_employed"),
    ("men_births", "figures.men_births"),
    ("men_takers", "figures.men_takers_field"),
    ("women_births", "figures.women_births"),
    ("women_takers", "figures.women_takers_field"),
    ("men_average_days", "figures.men_average_days"),
];

#[derive(Template)]
#[template(path = "orgs/figures.html")]
struct FiguresPage {
    c: Ctx,
    org: Organization,
    existing: Vec<ChildcareFigures>,
    years: Vec<i64>,
    v: FiguresForm,
    errors: FieldErrors,
}

#[derive(Default, Deserialize)]
struct FiguresForm {
    #[serde(default)]
    fiscal_year: String,
    #[serde(default)]
    men_employed: String,
    #[serde(default)]
    women_employed: String,
    #[serde(default)]
    men_births: String,
    #[serde(default)]
    women_births: String,
    #[serde(default)]
    men_takers: String,
    #[serde(default)]
    women_takers: String,
    #[serde(default)]
    men_average_days: String,
}

fn figure_years() -> Vec<i64> {
    let current = domain::FiscalYear::containing(crate::today_jst()).year() as i64;
    (2019..=current).rev().collect()
}

async fn figures_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let org = c
        .org_for(&state.store, id, |o| Action::DeclareForOrganization {
            org_id: o.id,
        })
        .await?;
    let years = figure_years();
    let page = FiguresPage {
        c,
        existing: state.store.childcare_figures(id).await?,
        v: FiguresForm {
            fiscal_year: years.get(1).copied().unwrap_or(2025).to_string(),
            ..FiguresForm::default()
        },
        years,
        org,
        errors: FieldErrors::new(),
    };
    Ok(Html(page.render()?).into_response())
}

async fn save_figures(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(v): Form<FiguresForm>,
) -> Result<Response, AppError> {
    let org = c
        .org_for(&state.store, id, |o| Action::DeclareForOrganization {
            org_id: o.id,
        })
        .await?;
    let p = c
        .require(&Action::DeclareForOrganization { org_id: org.id })?
        .clone();
    let t = c.t;
    let mut errors = FieldErrors::labelled(FIGURES_LABELS);
    let years = figure_years();
    let fiscal_year = forms::count(&mut errors, &t, "fiscal_year", &v.fiscal_year);
    if !years.contains(&fiscal_year) {
        errors.add(&t, "fiscal_year", "figures.year_range");
    }
    let input = ChildcareFiguresInput {
        fiscal_year,
        men_employed: forms::count(&mut errors, &t, "men_employed", &v.men_employed),
        women_employed: forms::count(&mut errors, &t, "women_employed", &v.women_employed),
        men_births: forms::count(&mut errors, &t, "men_births", &v.men_births),
        women_births: forms::count(&mut errors, &t, "women_births", &v.women_births),
        men_takers: forms::count(&mut errors, &t, "men_takers", &v.men_takers),
        women_takers: forms::count(&mut errors, &t, "women_takers", &v.women_takers),
        men_average_days: {
            let s = domain::normalize_digits(&v.men_average_days)
                .trim()
                .to_string();
            if s.is_empty() {
                None
            } else {
                match s.parse::<f64>() {
                    Ok(d) if (0.0..=366.0).contains(&d) => Some((d * 10.0).round() / 10.0),
                    _ => {
                        errors.add(&t, "men_average_days", "figures.invalid_days");
                        None
                    }
                }
            }
        },
        men_method2_takers: None,
        attendance: Default::default(),
    };
    // People are counted among the employed: more births or takers than staff is a typo.
    for (field, n, of) in [
        ("men_births", input.men_births, input.men_employed),
        ("men_takers", input.men_takers, input.men_employed),
        ("women_births", input.women_births, input.women_employed),
        ("women_takers", input.women_takers, input.women_employed),
    ] {
        if n > of {
            errors.add(&t, field, "figures.more_than_employed");
        }
    }
    if !errors.is_empty() {
        let page = FiguresPage {
            c,
            existing: state.store.childcare_figures(id).await?,
            years,
            org,
            v,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response());
    }
    state
        .store
        .upsert_childcare_figures(id, "typed", &input, Some(p.user_id))
        .await?;
    state
        .store
        .audit(
            &c.actor(),
            "update",
            "childcare_figures",
            id,
            &format!("FY{fiscal_year} typed"),
        )
        .await?;
    Ok(redirect_with_flash(
        &format!("/orgs/{id}/figures"),
        "flash.figures_saved",
        state.config.cookie_secure,
    ))
}
