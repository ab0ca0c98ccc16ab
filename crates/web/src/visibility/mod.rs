//! Who sees an organization's figures (issue 8, DESIGN "Who sees what"): the
//! organization's admins and members see its aggregates; staff of its region
//! only once its admin chose to share them with the city's program; consultants
//! not by their role. Per-employee rows are for the organization's admins alone
//! ([`Action::ViewEmployeeFigures`]). The rules themselves live in `authz`; this
//! module gives the pages their gate, the "who can see this page" line and the
//! sharing switch on the organization page.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::post;
use axum::{Form, Router};
use serde::Deserialize;
use store::orgs::Organization;

use crate::AppState;
use crate::auth::redirect_with_flash;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;

pub fn routes() -> Router<AppState> {
    Router::new().route("/orgs/{id}/sharing", post(set_sharing))
}

#[derive(Template)]
#[template(path = "visibility/not_shared.html")]
struct NotSharedPage {
    c: Ctx,
    org: Organization,
}

/// Whether the current user may see `org`'s aggregates. `Ok(None)`: go on.
/// `Ok(Some(page))`: staff of the organization's region while it does not share —
/// a polite 403 page that says so (they already see the organization itself, so
/// this tells them nothing new). Everyone else is refused as by `Ctx::require`.
pub fn gate(c: &Ctx, org: &Organization) -> Result<Option<Response>, AppError> {
    let aggregates = Action::view_aggregates(org);
    if c.can(&aggregates) {
        return Ok(None);
    }
    let sees_org = Action::ViewOrganization {
        org_id: org.id,
        region_id: org.region_id,
    };
    if c.can(&sees_org) {
        let page = NotSharedPage {
            c: c.clone(),
            org: org.clone(),
        };
        return Ok(Some(
            (StatusCode::FORBIDDEN, Html(page.render()?)).into_response(),
        ));
    }
    c.require(&aggregates)?;
    Err(AppError::Forbidden)
}

/// The organization `id` for a page of its aggregates: `Ok(Ok(org))` to go on,
/// `Ok(Err(page))` for the polite refusal of [`gate`]. A consultant whose running
/// engagement opened the aggregates goes on although they may not see the
/// organization's other pages; anyone else who may not know of it gets 404.
pub async fn aggregates_org(
    store: &store::Store,
    c: &Ctx,
    id: i64,
) -> Result<Result<Organization, Response>, AppError> {
    if c.user.is_none() {
        return Err(AppError::SignInRequired(c.path.clone()));
    }
    let org = store.organization(id).await?;
    if c.can(&Action::view_aggregates(&org)) {
        return Ok(Ok(org));
    }
    let org = c
        .org_for(store, id, |o| Action::ViewOrganization {
            org_id: o.id,
            region_id: o.region_id,
        })
        .await?;
    Ok(match gate(c, &org)? {
        Some(refused) => Err(refused),
        None => Ok(org),
    })
}

/// 「この画面を見られる人：…」 for a page of `org`'s aggregates.
pub fn who_sees(c: &Ctx, org: &Organization) -> String {
    let region = if org.region_id.is_none() {
        ""
    } else if org.shares_with_region() {
        c.t.t("who.region_shared")
    } else {
        c.t.t("who.region_not_shared")
    };
    c.t.f1(
        "who.sees",
        "who",
        format!("{}{}", c.t.t("who.org_people"), region),
    )
}

#[derive(Deserialize)]
struct SharingForm {
    #[serde(default)]
    share: String,
}

/// The organization admin turns sharing with the region's staff on or off.
async fn set_sharing(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<SharingForm>,
) -> Result<Response, AppError> {
    let org = c
        .org_for(&state.store, id, |o| Action::ChooseRegionSharing {
            org_id: o.id,
        })
        .await?;
    let share = match form.share.as_str() {
        "on" => true,
        "off" => false,
        _ => return Err(AppError::BadRequest("share".into())),
    };
    state
        .store
        .set_share_aggregates_with_region(org.id, share)
        .await?;
    state
        .store
        .audit(
            &c.actor(),
            "update",
            "organization_sharing",
            id,
            if share {
                "share_aggregates_with_region=on"
            } else {
                "share_aggregates_with_region=off"
            },
        )
        .await?;
    Ok(redirect_with_flash(
        &format!("/orgs/{id}#sharing"),
        "flash.saved",
        state.config.cookie_secure,
    ))
}
