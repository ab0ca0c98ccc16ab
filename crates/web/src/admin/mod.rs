//! Platform administration: users and their roles (invite, reset password, disable),
//! the declarations catalog, organizations, regions and the audit log.

mod catalog;
mod industry;
pub use catalog::{label_key as catalog_label, value as catalog_value};
mod regions;
mod users;

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use store::audit::AuditEntry;
use store::orgs::Organization;

use crate::AppState;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(index))
        .route("/admin/audit", get(audit))
        .route("/admin/orgs", get(orgs))
        .merge(users::routes())
        .merge(catalog::routes())
        .merge(regions::routes())
        .merge(industry::routes())
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
#[template(path = "admin/audit.html")]
struct AuditPage {
    c: Ctx,
    entries: Vec<AuditEntry>,
    page: i64,
    has_next: bool,
}

#[derive(Deserialize)]
struct PageQuery {
    page: Option<i64>,
}

const AUDIT_PAGE: i64 = 100;

async fn audit(
    State(state): State<AppState>,
    c: Ctx,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    c.require(&Action::AdministerPlatform)?;
    let page = q.page.unwrap_or(1).clamp(1, 1_000_000);
    let mut entries = state
        .store
        .audit_entries(AUDIT_PAGE + 1, (page - 1) * AUDIT_PAGE)
        .await?;
    let has_next = entries.len() as i64 > AUDIT_PAGE;
    entries.truncate(AUDIT_PAGE as usize);
    Ok(Html(
        AuditPage {
            c,
            entries,
            page,
            has_next,
        }
        .render()?,
    )
    .into_response())
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
