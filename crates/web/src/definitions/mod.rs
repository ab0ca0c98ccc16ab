//! `/definitions`: the public list of every figure erabareru shows, read from the
//! one catalog in the kpi crate (`kpi::catalog`). Every figure on any page links
//! to its entry here (`/definitions#<id>`), and `/definitions.json` gives the same
//! catalog to machines.

use askama::Template;
use axum::Json;
use axum::Router;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use kpi::catalog::{FIGURES, Figure};

use crate::AppState;
use crate::context::Ctx;
use crate::errors::AppError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/definitions", get(page))
        .route("/definitions.json", get(json))
}

/// The link to a figure's entry, for templates: `/definitions#<id>`.
pub fn href(id: &str) -> String {
    format!("/definitions#{id}")
}

/// One catalog entry in the reader's language.
pub struct Entry {
    pub id: &'static str,
    pub name: &'static str,
    pub definition: &'static str,
    pub legal_basis: &'static str,
    pub population: &'static str,
    pub period: &'static str,
    pub unit: &'static str,
    pub rounding: &'static str,
    /// The look-alike figure's name and anchor, with the line on the difference.
    pub differs_from: Option<(&'static str, &'static str, &'static str)>,
}

impl Entry {
    pub fn of(f: &Figure, lang: &str) -> Entry {
        Entry {
            id: f.id,
            name: f.name.pick(lang),
            definition: f.definition.pick(lang),
            legal_basis: f.legal_basis.pick(lang),
            population: f.population.pick(lang),
            period: f.period.describe().pick(lang),
            unit: f.unit.label().pick(lang),
            rounding: f.rounding.describe().pick(lang),
            differs_from: f.differs_from.map(|(other, why)| {
                let other = kpi::catalog::figure(other);
                (other.id, other.name.pick(lang), why.pick(lang))
            }),
        }
    }
}

#[derive(Template)]
#[template(path = "definitions/page.html")]
struct DefinitionsPage {
    c: Ctx,
    entries: Vec<Entry>,
}

async fn page(c: Ctx) -> Result<Response, AppError> {
    let lang = c.t.lang.code();
    let entries = FIGURES.iter().map(|f| Entry::of(f, lang)).collect();
    Ok(Html(DefinitionsPage { c, entries }.render()?).into_response())
}

async fn json() -> Json<&'static [Figure]> {
    Json(FIGURES)
}
