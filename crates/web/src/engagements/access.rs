//! The organization's two choices for an engagement: its consultants see the
//! aggregates, and (only with those) the per-employee rows. `authz` reads them,
//! with the engagement's status and end, into every consultant's `Principal`.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use store::engagements::Engagement;

use crate::AppState;
use crate::auth::redirect_with_flash;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;

/// What the engagement page says (and, to the org admins, offers) about access.
pub struct AccessView {
    pub can_choose: bool,
    pub aggregates: bool,
    pub rows: bool,
    /// The engagement is over: whatever was chosen no longer opens anything.
    pub ended: bool,
}

pub fn view(c: &Ctx, e: &Engagement) -> AccessView {
    AccessView {
        can_choose: c.can(&Action::ChooseEngagementAccess { org_id: e.org_id }),
        aggregates: e.grant_aggregates,
        rows: e.grant_rows,
        ended: !domain::engagement::is_running(
            e.fields.status,
            e.fields.ends_on,
            crate::today_jst(),
        ),
    }
}

#[derive(Deserialize)]
pub struct AccessForm {
    #[serde(default)]
    aggregates: String,
    #[serde(default)]
    rows: String,
}

fn choice(v: &str) -> Result<bool, AppError> {
    match v {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err(AppError::BadRequest("choice".into())),
    }
}

pub async fn choose(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<AccessForm>,
) -> Result<Response, AppError> {
    let e = super::engagement_for(&state, &c, id, |e| Action::ChooseEngagementAccess {
        org_id: e.org_id,
    })
    .await?;
    let aggregates = choice(&form.aggregates)?;
    let rows = choice(&form.rows)?;
    state
        .store
        .set_engagement_access(e.id, aggregates, rows, &c.actor())
        .await?;
    Ok(redirect_with_flash(
        &format!("/engagements/{id}#access"),
        "flash.saved",
        state.config.cookie_secure,
    ))
}
