//! Goals, the yearly finances, and the interim and final reports of an
//! engagement.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use store::engagements::Engagement;
use store::orgs::Organization;

use crate::AppState;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::i18n::Tr;

/// Reading the report: its consultants once the organization opened its
/// aggregates to them, the organization's people, the region's staff when the
/// organization shares with the region.
pub fn report_action(e: &Engagement, org: &Organization) -> Action {
    Action::ViewEngagementReport {
        engagement_id: e.id,
        org_id: e.org_id,
        region_id: e.region_id,
        opened_to_consultants: e.grant_aggregates,
        shared_with_region: org.shares_with_region(),
    }
}

pub struct GoalView {
    pub label: String,
}

pub struct GoalChoices {
    pub figures: Vec<(&'static str, String)>,
}

pub async fn goal_views(
    _state: &AppState,
    _c: &Ctx,
    _e: &Engagement,
    _org: &Organization,
) -> Result<Vec<GoalView>, AppError> {
    Ok(Vec::new())
}

pub fn goal_choices(_t: &Tr) -> GoalChoices {
    GoalChoices {
        figures: Vec::new(),
    }
}

#[derive(Deserialize)]
pub struct GoalForm {}

pub async fn add_goal(
    State(_state): State<AppState>,
    _c: Ctx,
    Path(_id): Path<i64>,
    Form(_form): Form<GoalForm>,
) -> Result<Response, AppError> {
    Err(AppError::NotFound)
}

pub async fn set_finances(
    State(_state): State<AppState>,
    _c: Ctx,
    Path(_id): Path<i64>,
    Form(_form): Form<GoalForm>,
) -> Result<Response, AppError> {
    Err(AppError::NotFound)
}

pub async fn page(
    State(_state): State<AppState>,
    _c: Ctx,
    Path(_id): Path<i64>,
) -> Result<Response, AppError> {
    Err(AppError::NotFound)
}

pub async fn xlsx(
    State(_state): State<AppState>,
    _c: Ctx,
    Path(_id): Path<i64>,
) -> Result<Response, AppError> {
    Err(AppError::NotFound)
}
