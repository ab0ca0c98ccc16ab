//! The review queue: region staff (市役所) approve or reject the declarations of
//! organizations in their region before they go public; platform admins review all.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use store::declarations::{Signing, SigningStatus};

use crate::AppState;
use crate::auth::redirect_with_flash;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/review", get(queue))
        .route("/review/{id}", post(decide))
}

/// The i18n key of a signing status.
pub fn status_key(status: &str) -> &'static str {
    match status {
        "approved" => "status.approved",
        "rejected" => "status.rejected",
        _ => "status.pending",
    }
}

#[derive(Template)]
#[template(path = "review/queue.html")]
struct QueuePage {
    c: Ctx,
    pending: Vec<Signing>,
}

async fn queue(State(state): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    let p = c.require(&Action::OpenReviewQueue)?;
    let pending = if p.is_platform_admin() {
        state.store.pending_signings(None).await?
    } else {
        let mut all = Vec::new();
        for region in p.staff_regions() {
            all.extend(state.store.pending_signings(Some(region)).await?);
        }
        all
    };
    let page = QueuePage { c, pending };
    Ok(Html(page.render()?).into_response())
}

#[derive(Deserialize)]
struct Decision {
    decision: String,
    #[serde(default)]
    note: String,
}

async fn decide(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(d): Form<Decision>,
) -> Result<Response, AppError> {
    let signing = state.store.signing(id).await?;
    let p = c
        .require(&Action::ReviewSigning {
            region_id: signing.org_region_id,
        })?
        .clone();
    let status = match d.decision.as_str() {
        "approve" => SigningStatus::Approved,
        "reject" => SigningStatus::Rejected,
        _ => return Err(AppError::BadRequest("unknown decision".into())),
    };
    let note: String = d.note.trim().chars().take(500).collect();
    state
        .store
        .review_signing(id, status, Some(p.user_id), &note)
        .await?;
    state
        .store
        .audit(
            &c.actor(),
            status.as_str(),
            "signing",
            id,
            &signing.org_name,
        )
        .await?;
    let flash = match status {
        SigningStatus::Approved => "flash.approved",
        _ => "flash.rejected",
    };
    Ok(redirect_with_flash(
        "/review",
        flash,
        state.config.cookie_secure,
    ))
}
