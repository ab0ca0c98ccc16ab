//! Platform administration: users and their roles (invite, reset password, disable),
//! the declarations catalog, organizations, regions, the audit log and the outbox.

mod audit;
mod catalog;
mod emblem;
mod industry;
pub mod outbox;
pub use catalog::{label_key as catalog_label, value as catalog_value};
mod regions;
pub(crate) mod users;

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use store::orgs::Organization;

use crate::AppState;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(index))
        .route("/admin/audit", get(audit::page))
        .route("/admin/audit.csv", get(audit::csv))
        .route("/admin/orgs", get(orgs))
        .merge(users::routes())
        .merge(catalog::routes())
        .merge(regions::routes())
        .merge(emblem::routes())
        .merge(industry::routes())
        .merge(outbox::routes())
}

#[derive(Template)]
#[template(path = "admin/index.html")]
struct IndexPage {
    c: Ctx,
}

async fn index(c: Ctx) -> Result<Response, AppError> {
    c.require(&Action::AdministerPlatform)?;
    Ok(Html(IndexPage { c }.render()?).into_response())
}

#[derive(Template)]
#[template(path = "admin/orgs.html")]
struct OrgsPage {
    c: Ctx,
    orgs: Vec<Organization>,
}

async fn orgs(State(state): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    c.require(&Action::AdministerPlatform)?;
    let orgs = state.store.list_organizations().await?;
    Ok(Html(OrgsPage { c, orgs }.render()?).into_response())
}
