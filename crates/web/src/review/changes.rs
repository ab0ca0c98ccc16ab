//! Reviewing a change of an organization's public fields (name, kana, address,
//! website): the same two steps as a declaration, confirm page first.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use store::org_changes::{OrgChange, PublicFields};

use super::Decision;
use crate::AppState;
use crate::auth::redirect_with_flash_args;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;

#[derive(Template)]
#[template(path = "review/change_confirm.html")]
struct ChangeConfirmPage {
    c: Ctx,
    ch: OrgChange,
    approve: bool,
}

/// A pending change the user may review: 403 for who may not review its
/// region, 409 once decided or replaced by a newer proposal.
async fn pending_change(state: &AppState, c: &Ctx, id: i64) -> Result<OrgChange, AppError> {
    let change = state.store.org_change(id).await?;
    c.require(&Action::ReviewSigning {
        region_id: change.org_region_id,
    })?;
    let pending = state.store.pending_org_change(change.org_id).await?;
    if pending.is_none_or(|p| p.id != id) {
        return Err(AppError::Conflict);
    }
    Ok(change)
}

/// First step: the fields as the public would see them after the decision.
pub(super) async fn confirm(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(d): Form<Decision>,
) -> Result<Response, AppError> {
    let ch = pending_change(&state, &c, id).await?;
    let approve = d.approves()?;
    let page = ChangeConfirmPage { c, ch, approve };
    Ok(Html(page.render()?).into_response())
}

/// Second step: approve or reject the change.
pub(super) async fn decide(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(d): Form<Decision>,
) -> Result<Response, AppError> {
    let change = pending_change(&state, &c, id).await?;
    let approve = d.approves()?;
    state
        .store
        .decide_org_change(id, approve, c.user.as_ref().map(|u| u.user_id))
        .await?;
    let old = PublicFields {
        name: change.current_name.clone(),
        kana: change.current_kana.clone(),
        address: change.current_address.clone(),
        website: change.current_website.clone(),
    };
    let new = PublicFields {
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
    // Named as the public now knows it: the new name once approved.
    let (flash, org) = if approve {
        ("flash.change_approved", &change.name)
    } else {
        ("flash.change_rejected", &change.current_name)
    };
    Ok(redirect_with_flash_args(
        "/review",
        flash,
        &[("org", org)],
        state.config.cookie_secure,
    ))
}
