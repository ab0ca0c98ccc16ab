//! The organization's 朝メール settings, `/orgs/{id}/daily/settings` (its
//! admins): the categories of work, the scheduled hours a plan is measured
//! against, the teams and who is in which (and who leads it).

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use domain::daily::{TimeOfDay, parse_categories};
use store::daily::{AsaSettings, Person, Team};
use store::orgs::Organization;

use crate::AppState;
use crate::auth::redirect_with_flash_args;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::FieldErrors;

const TEAM_NAME_MAX: usize = 40;
const MAX_TEAMS: usize = 50;

#[derive(Template)]
#[template(path = "daily/settings.html")]
struct SettingsPage {
    c: Ctx,
    org: Organization,
    categories: String,
    scheduled_start: String,
    scheduled_end: String,
    errors: FieldErrors,
    teams: Vec<Team>,
    people: Vec<Person>,
    team_name: String,
    team_errors: FieldErrors,
}

async fn org_of(state: &AppState, c: &Ctx, id: i64) -> Result<Organization, AppError> {
    c.org_for(&state.store, id, |o| Action::ManageDailyPlans {
        org_id: o.id,
    })
    .await
}

struct Posted {
    categories: String,
    start: String,
    end: String,
    errors: FieldErrors,
}

async fn render(
    state: &AppState,
    c: Ctx,
    org: Organization,
    posted: Option<Posted>,
    team: Option<(String, FieldErrors)>,
) -> Result<Response, AppError> {
    let saved = state.store.asa_settings(org.id).await?;
    let status = if posted.is_some() || team.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let (categories, scheduled_start, scheduled_end, errors) = match posted {
        Some(p) => (p.categories, p.start, p.end, p.errors),
        None => (
            saved.categories.join("\n"),
            saved.scheduled_start.as_string(),
            saved.scheduled_end.as_string(),
            FieldErrors::new(),
        ),
    };
    let (team_name, team_errors) = team.unwrap_or_default();
    let page = SettingsPage {
        teams: state.store.asa_teams(org.id).await?,
        people: state.store.asa_people(org.id).await?,
        categories,
        scheduled_start,
        scheduled_end,
        errors,
        team_name,
        team_errors,
        org,
        c,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let org = org_of(&state, &c, id).await?;
    render(&state, c, org, None, None).await
}

fn get(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

pub async fn save(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    if pairs.len() > 8 {
        return Err(AppError::BadRequest("too many fields".into()));
    }
    let org = org_of(&state, &c, id).await?;
    let p = Posted {
        categories: get(&pairs, "categories"),
        start: get(&pairs, "scheduled_start"),
        end: get(&pairs, "scheduled_end"),
        errors: FieldErrors::new(),
    };
    let mut errors = FieldErrors::new();
    let categories = match parse_categories(&p.categories) {
        Ok(c) => Some(c),
        Err(e) => {
            errors.add_labelled(
                &c.t,
                "categories",
                "daily.settings.categories",
                e.i18n_key(),
            );
            None
        }
    };
    let start = TimeOfDay::parse(&p.start).ok();
    if start.is_none() {
        errors.add_labelled(
            &c.t,
            "scheduled_start",
            "daily.settings.start",
            "error.daily.time",
        );
    }
    let end = TimeOfDay::parse(&p.end).ok();
    if end.is_none() {
        errors.add_labelled(
            &c.t,
            "scheduled_end",
            "daily.settings.end",
            "error.daily.time",
        );
    }
    if let (Some(s), Some(e)) = (start, end)
        && e <= s
    {
        errors.add_labelled(
            &c.t,
            "scheduled_end",
            "daily.settings.end",
            "error.daily.ends_before_start",
        );
    }
    let (Some(categories), Some(scheduled_start), Some(scheduled_end), true) =
        (categories, start, end, errors.is_empty())
    else {
        let p = Posted { errors, ..p };
        return render(&state, c, org, Some(p), None).await;
    };
    let settings = AsaSettings {
        categories,
        scheduled_start,
        scheduled_end,
    };
    state.store.save_asa_settings(org.id, &settings).await?;
    state
        .store
        .audit(
            &c.actor(),
            "update",
            "daily_settings",
            org.id,
            &serde_json::json!({
                "org_id": org.id,
                "categories": settings.categories,
                "scheduled": format!("{}-{}", settings.scheduled_start, settings.scheduled_end),
            })
            .to_string(),
        )
        .await?;
    Ok(redirect_with_flash_args(
        &format!("/orgs/{}/daily/settings", org.id),
        "flash.daily_settings_saved",
        &[],
        state.config.cookie_secure,
    ))
}

pub async fn create_team(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    if pairs.len() > 4 {
        return Err(AppError::BadRequest("too many fields".into()));
    }
    let org = org_of(&state, &c, id).await?;
    let name = domain::normalize_digits(&get(&pairs, "name"))
        .trim()
        .to_string();
    let mut errors = FieldErrors::new();
    if name.is_empty() {
        errors.add_labelled(
            &c.t,
            "team_name",
            "daily.settings.team_name",
            "form.required",
        );
    } else if name.chars().count() > TEAM_NAME_MAX {
        errors.add_labelled(
            &c.t,
            "team_name",
            "daily.settings.team_name",
            "form.too_long",
        );
    } else if state.store.asa_teams(org.id).await?.len() >= MAX_TEAMS {
        errors.add_labelled(
            &c.t,
            "team_name",
            "daily.settings.team_name",
            "daily.settings.too_many_teams",
        );
    }
    if errors.is_empty() {
        match state.store.create_asa_team(org.id, &name).await {
            Ok(team_id) => {
                state
                    .store
                    .audit(
                        &c.actor(),
                        "create",
                        "daily_team",
                        team_id,
                        &serde_json::json!({ "org_id": org.id, "name": name }).to_string(),
                    )
                    .await?;
                return Ok(redirect_with_flash_args(
                    &format!("/orgs/{}/daily/settings#teams", org.id),
                    "flash.daily_team_created",
                    &[],
                    state.config.cookie_secure,
                ));
            }
            Err(store::Error::Conflict(_)) => errors.add_labelled(
                &c.t,
                "team_name",
                "daily.settings.team_name",
                "daily.settings.team_exists",
            ),
            Err(e) => return Err(e.into()),
        }
    }
    render(&state, c, org, None, Some((name, errors))).await
}

pub async fn delete_team(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, team_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let org = org_of(&state, &c, id).await?;
    state.store.delete_asa_team(org.id, team_id).await?;
    state
        .store
        .audit(
            &c.actor(),
            "delete",
            "daily_team",
            team_id,
            &serde_json::json!({ "org_id": org.id }).to_string(),
        )
        .await?;
    Ok(redirect_with_flash_args(
        &format!("/orgs/{}/daily/settings#teams", org.id),
        "flash.daily_team_deleted",
        &[],
        state.config.cookie_secure,
    ))
}

/// One person's team: `user_id`, `team_id` (0: none), `leader`.
pub async fn assign(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    if pairs.len() > 6 {
        return Err(AppError::BadRequest("too many fields".into()));
    }
    let org = org_of(&state, &c, id).await?;
    let num = |name: &str| -> Result<i64, AppError> {
        get(&pairs, name)
            .trim()
            .parse()
            .map_err(|_| AppError::BadRequest(name.to_string()))
    };
    let user_id = num("user_id")?;
    let team_id = num("team_id")?;
    let leader = get(&pairs, "leader") == "1";
    let team = (team_id != 0).then_some((team_id, leader));
    state.store.set_asa_team(org.id, user_id, team).await?;
    state
        .store
        .audit(
            &c.actor(),
            "update",
            "daily_member",
            user_id,
            &serde_json::json!({ "org_id": org.id, "team_id": team_id, "leader": leader })
                .to_string(),
        )
        .await?;
    Ok(redirect_with_flash_args(
        &format!("/orgs/{}/daily/settings#people", org.id),
        "flash.daily_member_saved",
        &[],
        state.config.cookie_secure,
    ))
}
