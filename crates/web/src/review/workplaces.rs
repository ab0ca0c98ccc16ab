//! Reviewing a workplace profile (選ばれる職場) before the public sees it: the
//! same two steps as a declaration, confirm page first.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use domain::workplace::Measure;
use store::workplaces::{ProfileProposal, ProfileText};

use super::Decision;
use crate::AppState;
use crate::auth::redirect_with_flash_args;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::i18n::Tr;

/// A profile as the reviewer reads it.
pub struct ProfileView {
    pub description: String,
    pub measures: String,
    pub holidays: String,
    pub certifications: String,
    /// The photos, each with the words a screen reader will say for it.
    pub photos: Vec<crate::workplaces::PhotoView>,
}

pub fn profile_view(t: &Tr, proposal: &ProfileProposal, p: &ProfileText) -> ProfileView {
    let measures: Vec<&str> = p
        .measures
        .iter()
        .map(|m: &Measure| t.pick(m.name_ja(), m.name_en()))
        .collect();
    ProfileView {
        description: p.description.clone(),
        measures: if measures.is_empty() {
            "—".into()
        } else {
            measures.join("、")
        },
        holidays: p
            .annual_holidays
            .map(|d| t.f1("workplace.holidays_value", "n", d))
            .unwrap_or_else(|| "—".into()),
        certifications: if p.certifications.is_empty() {
            "—".into()
        } else {
            crate::workplaces::certification_names(t, &p.certifications).join("、")
        },
        photos: crate::workplaces::photo_views(t, proposal.org_id, &proposal.org_name, &p.photos),
    }
}

#[derive(Template)]
#[template(path = "review/workplace_confirm.html")]
struct ConfirmPage {
    c: Ctx,
    p: ProfileProposal,
    shown: ProfileView,
    approve: bool,
}

/// A pending proposal the user may review: 403 for who may not review its
/// region, 409 once decided or replaced by a newer proposal.
async fn pending(state: &AppState, c: &Ctx, id: i64) -> Result<ProfileProposal, AppError> {
    let p = state.store.workplace_proposal(id).await?;
    c.require(&Action::ReviewSigning {
        region_id: p.org_region_id,
    })?;
    if p.status != "pending" {
        return Err(AppError::Conflict);
    }
    Ok(p)
}

/// First step: the profile as the public would see it after the decision.
pub(super) async fn confirm(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(d): Form<Decision>,
) -> Result<Response, AppError> {
    let p = pending(&state, &c, id).await?;
    let approve = d.approves()?;
    let shown = if approve {
        profile_view(&c.t, &p, &p.proposed)
    } else {
        match &p.current {
            Some(cur) => profile_view(&c.t, &p, cur),
            None => ProfileView {
                description: c.t.t("workplace.review_none_public").to_string(),
                measures: "—".into(),
                holidays: "—".into(),
                certifications: "—".into(),
                photos: Vec::new(),
            },
        }
    };
    let page = ConfirmPage {
        c,
        p,
        shown,
        approve,
    };
    Ok(Html(page.render()?).into_response())
}

/// Second step: approve (the profile goes public) or reject the proposal.
pub(super) async fn decide(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(d): Form<Decision>,
) -> Result<Response, AppError> {
    let p = pending(&state, &c, id).await?;
    let approve = d.approves()?;
    state
        .store
        .decide_workplace_proposal(id, approve, c.user.as_ref().map(|u| u.user_id))
        .await?;
    state
        .store
        .audit(
            &c.actor(),
            if approve { "approved" } else { "rejected" },
            "workplace_profile",
            id,
            &serde_json::json!({ "org_id": p.org_id }).to_string(),
        )
        .await?;
    let flash = if approve {
        "flash.workplace_approved"
    } else {
        "flash.workplace_rejected"
    };
    Ok(redirect_with_flash_args(
        "/review",
        flash,
        &[("org", &p.org_name)],
        state.config.cookie_secure,
    ))
}
