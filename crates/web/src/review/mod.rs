//! The review queue: region staff (市役所) approve or reject the declarations of
//! organizations in their region before they go public; platform admins review all.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
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
        .route("/review/changes/{id}", post(decide_change))
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
    /// Changes of public organization fields waiting for review.
    changes: Vec<store::org_changes::OrgChange>,
    /// The signing whose rejection came without the reason it needs.
    missing_reason: Option<i64>,
}

impl QueuePage {
    /// Whether signing `id` was just rejected without a reason.
    fn missing(&self, id: &i64) -> bool {
        self.missing_reason == Some(*id)
    }
}

async fn queue(State(state): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    render_queue(&state, c, None).await
}

/// The queue; `missing_reason` marks the signing rejected without a reason (422).
async fn render_queue(
    state: &AppState,
    c: Ctx,
    missing_reason: Option<i64>,
) -> Result<Response, AppError> {
    let p = c.require(&Action::OpenReviewQueue)?;
    let (pending, changes) = if p.is_platform_admin() {
        (
            state.store.pending_signings(None).await?,
            state.store.pending_org_changes(None).await?,
        )
    } else {
        let mut all = Vec::new();
        let mut changes = Vec::new();
        for region in p.staff_regions() {
            all.extend(state.store.pending_signings(Some(region)).await?);
            changes.extend(state.store.pending_org_changes(Some(region)).await?);
        }
        (all, changes)
    };
    let page = QueuePage {
        c,
        pending,
        changes,
        missing_reason,
    };
    let status = if missing_reason.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, Html(page.render()?)).into_response())
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
    if status == SigningStatus::Rejected && note.is_empty() {
        // The declarer must learn why; nothing is saved.
        return render_queue(&state, c, Some(id)).await;
    }
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

/// Approve or reject a change of an organization's public fields.
async fn decide_change(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(d): Form<Decision>,
) -> Result<Response, AppError> {
    let change = state.store.org_change(id).await?;
    let p = c
        .require(&Action::ReviewSigning {
            region_id: change.org_region_id,
        })?
        .clone();
    let approve = match d.decision.as_str() {
        "approve" => true,
        "reject" => false,
        _ => return Err(AppError::BadRequest("unknown decision".into())),
    };
    state
        .store
        .decide_org_change(id, approve, Some(p.user_id))
        .await?;
    let old = store::org_changes::PublicFields {
        name: change.current_name.clone(),
        kana: change.current_kana.clone(),
        address: change.current_address.clone(),
        website: change.current_website.clone(),
    };
    let new = store::org_changes::PublicFields {
        name: change.name.clone(),
        kana: change.kana.clone(),
        address: change.address.clone(),
        website: change.website.clone(),
    };
    state
        .store
        .audit(
            &c.actor(),
            if approve { "approved" } else { "rejected" },
            "organization_change",
            id,
            &crate::orgs::change_detail(change.org_id, &old, &new),
        )
        .await?;
    Ok(redirect_with_flash(
        "/review",
        if approve {
            "flash.change_approved"
        } else {
            "flash.change_rejected"
        },
        state.config.cookie_secure,
    ))
}
