//! The review queue: region staff (市役所) approve or reject the declarations of
//! organizations in their region before they go public; platform admins review all.
//!
//! Every decision takes two steps, without JavaScript: the queue's buttons post to
//! a confirm page (`…/confirm`) that shows what will become public, or the reason
//! the declarer will read, and changes nothing; only the confirm page's own post
//! (`/review/{id}`, `/review/changes/{id}`) decides.

mod changes;
mod workplaces;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use store::declarations::{Signing, SigningStatus};
use store::orgs::Organization;
use store::regions::Region;

use crate::AppState;
use crate::auth::redirect_with_flash_args;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::FieldErrors;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/review", get(queue))
        .route("/review/{id}", post(decide))
        .route("/review/{id}/confirm", post(confirm))
        .route("/review/changes/{id}", post(changes::decide))
        .route("/review/changes/{id}/confirm", post(changes::confirm))
        .route("/review/workplaces/{id}", post(workplaces::decide))
        .route("/review/workplaces/{id}/confirm", post(workplaces::confirm))
}

/// The i18n key of a signing status.
pub fn status_key(status: &str) -> &'static str {
    match status {
        "approved" => "status.approved",
        "rejected" => "status.rejected",
        _ => "status.pending",
    }
}

/// The longest reason kept, in characters.
const NOTE_MAX: usize = 500;

#[derive(Deserialize)]
struct Decision {
    decision: String,
    #[serde(default)]
    note: String,
}

impl Decision {
    /// true for approve, false for reject; anything else is a bad request.
    fn approves(&self) -> Result<bool, AppError> {
        match self.decision.as_str() {
            "approve" => Ok(true),
            "reject" => Ok(false),
            _ => Err(AppError::BadRequest("unknown decision".into())),
        }
    }

    fn note(&self) -> String {
        self.note.trim().chars().take(NOTE_MAX).collect()
    }
}

#[derive(Template)]
#[template(path = "review/queue.html")]
struct QueuePage {
    c: Ctx,
    pending: Vec<Signing>,
    /// Changes of public organization fields waiting for review.
    changes: Vec<store::org_changes::OrgChange>,
    /// Workplace profiles (選ばれる職場) waiting for review, as the reviewer reads
    /// them: (proposal, proposed text, the public text it would replace).
    workplaces: Vec<(
        store::workplaces::ProfileProposal,
        workplaces::ProfileView,
        Option<workplaces::ProfileView>,
    )>,
    /// Case stories (取組事例) of employers waiting for review; each is read
    /// and decided on its own page.
    stories: Vec<crate::stories::StoryView>,
    /// Job postings waiting for review (where the region reviews them); each
    /// is read and decided on its own page.
    postings: Vec<store::postings::Posting>,
    /// The signing whose rejection came without the reason it needs.
    missing_reason: Option<i64>,
    errors: FieldErrors,
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
    let (pending, changes, proposals, stories, postings) = if p.is_platform_admin() {
        (
            state.store.pending_signings(None).await?,
            state.store.pending_org_changes(None).await?,
            state.store.pending_workplace_proposals(None).await?,
            state.store.stories_in_review(None).await?,
            state.store.postings_in_review(None).await?,
        )
    } else {
        let mut all = Vec::new();
        let mut changes = Vec::new();
        let mut proposals = Vec::new();
        let mut stories = Vec::new();
        let mut postings = Vec::new();
        for region in p.staff_regions() {
            stories.extend(state.store.stories_in_review(Some(region)).await?);
            postings.extend(state.store.postings_in_review(Some(region)).await?);
            all.extend(state.store.pending_signings(Some(region)).await?);
            changes.extend(state.store.pending_org_changes(Some(region)).await?);
            proposals.extend(
                state
                    .store
                    .pending_workplace_proposals(Some(region))
                    .await?,
            );
        }
        (all, changes, proposals, stories, postings)
    };
    let workplaces = proposals
        .into_iter()
        .map(|w| {
            let proposed = workplaces::profile_view(&c.t, &w, &w.proposed);
            let current = w
                .current
                .as_ref()
                .map(|p| workplaces::profile_view(&c.t, &w, p));
            (w, proposed, current)
        })
        .collect();
    let mut errors = FieldErrors::new();
    if let Some(id) = missing_reason {
        errors.add_labelled(
            &c.t,
            &format!("note-{id}"),
            "review.note",
            "review.reason_required",
        );
    }
    let page = QueuePage {
        stories: stories
            .iter()
            .map(|s| crate::stories::view(&c.t, s))
            .collect(),
        c,
        pending,
        changes,
        workplaces,
        postings,
        missing_reason,
        errors,
    };
    let status = if missing_reason.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// The confirm page of one decision on a signing.
#[derive(Template)]
#[template(path = "review/confirm.html")]
struct ConfirmPage {
    c: Ctx,
    signing: Signing,
    org: Organization,
    region: Option<Region>,
    approve: bool,
    note: String,
    errors: FieldErrors,
}

/// A pending signing the user may review, or why not: 403 for who may not
/// review its region (as the queue), 409 once it has been decided.
async fn pending_signing(state: &AppState, c: &Ctx, id: i64) -> Result<Signing, AppError> {
    let signing = state.store.signing(id).await?;
    c.require(&Action::ReviewSigning {
        region_id: signing.org_region_id,
    })?;
    if signing.status != SigningStatus::Pending.as_str() {
        return Err(AppError::Conflict);
    }
    Ok(signing)
}

impl ConfirmPage {
    /// The reason field's id, as in the queue (`note-12`).
    fn note_field(&self) -> String {
        format!("note-{}", self.signing.id)
    }
}

async fn render_confirm(
    state: &AppState,
    c: Ctx,
    signing: Signing,
    approve: bool,
    note: String,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let org = state.store.organization(signing.org_id).await?;
    let region = match org.region_id {
        Some(r) => Some(state.store.region(r).await?),
        None => None,
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = ConfirmPage {
        c,
        signing,
        org,
        region,
        approve,
        note,
        errors,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// First step: what approving would make public, or the reason a rejection
/// would send. Changes nothing.
async fn confirm(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(d): Form<Decision>,
) -> Result<Response, AppError> {
    let signing = pending_signing(&state, &c, id).await?;
    let approve = d.approves()?;
    let note = d.note();
    if !approve && note.is_empty() {
        // The declarer must learn why: ask for the reason where it was typed.
        return render_queue(&state, c, Some(id)).await;
    }
    render_confirm(&state, c, signing, approve, note, FieldErrors::new()).await
}

/// Second step: the decision itself.
async fn decide(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(d): Form<Decision>,
) -> Result<Response, AppError> {
    let signing = pending_signing(&state, &c, id).await?;
    let reviewer = c.user.as_ref().map(|u| u.user_id);
    let approve = d.approves()?;
    let status = if approve {
        SigningStatus::Approved
    } else {
        SigningStatus::Rejected
    };
    let note = d.note();
    if !approve && note.is_empty() {
        // The declarer must learn why; nothing is saved.
        let mut errors = FieldErrors::new();
        errors.add_labelled(
            &c.t,
            &format!("note-{id}"),
            "review.reason",
            "review.reason_required",
        );
        return render_confirm(&state, c, signing, false, note, errors).await;
    }
    state
        .store
        .review_signing(id, status, reviewer, &note)
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
    let flash = if approve {
        "flash.approved"
    } else {
        "flash.rejected"
    };
    Ok(redirect_with_flash_args(
        "/review",
        flash,
        &[("org", &signing.org_name)],
        state.config.cookie_secure,
    ))
}
