//! 組織診断 (issue 13): an organization's anonymous survey of its employees,
//! on the survey engine (`survey::diagnosis` for the questionnaire and the
//! dimension scores, `survey::release` for what may be shown).
//!
//! - `/orgs/{id}/survey`: the rounds; the admins open one (title, departments,
//!   age band and gender asked or not, own questions), by default with the
//!   last round's setup so that the two compare;
//! - `/orgs/{id}/survey/{rid}`: the round: its link and invitations by mail,
//!   closing, and once closed its results (`results`);
//! - `/s/{token}`: the answering form, for anyone with the link (`answer`).
//!
//! Answers are anonymous by construction: the link is one per round, the
//! answer row holds the answers alone (no person, time or address), and
//! invitations are counted, not listed.

use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use store::orgs::Organization;
use store::surveys::SurveyRound;
use survey::diagnosis::{self, Setup};

use crate::AppState;
use crate::auth::redirect_with_flash_args;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::FieldErrors;

mod answer;
mod radar;
mod results;

const TITLE_MAX: usize = 60;
/// Most addresses one invitation post takes.
const MAX_INVITES: usize = 500;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/orgs/{id}/survey", get(list).post(open_round))
        .route("/orgs/{id}/survey/{rid}", get(results::page))
        .route("/orgs/{id}/survey/{rid}/invite", post(invite))
        .route("/orgs/{id}/survey/{rid}/close", post(close))
        .route("/orgs/{id}/survey/{rid}/results.csv", get(results::csv))
        .route("/orgs/{id}/survey/{rid}/results.xlsx", get(results::xlsx))
        .route("/s/{token}", get(answer::form).post(answer::submit))
        .route("/s/{token}/thanks", get(answer::thanks))
}

/// The organization, when the user may see its survey results.
pub async fn viewable(state: &AppState, c: &Ctx, id: i64) -> Result<Organization, AppError> {
    c.org_for(&state.store, id, |o| Action::ViewOrgSurvey { org_id: o.id })
        .await
}

async fn manageable(state: &AppState, c: &Ctx, id: i64) -> Result<Organization, AppError> {
    c.org_for(&state.store, id, |o| Action::ManageOrgSurvey {
        org_id: o.id,
    })
    .await
}

/// The organization's round `rid` (another organization's: not found).
pub async fn round_of(
    state: &AppState,
    org: &Organization,
    rid: i64,
) -> Result<SurveyRound, AppError> {
    match state.store.survey_round(rid).await {
        Ok(r) if r.org_id == Some(org.id) && r.questionnaire == diagnosis::CODE => Ok(r),
        Ok(_) | Err(store::Error::NotFound) => Err(AppError::NotFound),
        Err(e) => Err(e.into()),
    }
}

pub struct RoundRow {
    pub id: i64,
    pub title: String,
    pub opened_on: String,
    pub closed_on: String,
    pub answers: i64,
}

#[derive(Template)]
#[template(path = "org_survey/list.html")]
struct ListPage {
    c: Ctx,
    org: Organization,
    rounds: Vec<RoundRow>,
    can_manage: bool,
    has_open: bool,
    title: String,
    departments: String,
    ask_age: bool,
    ask_gender: bool,
    own: String,
    errors: FieldErrors,
    items: Vec<(String, String)>,
}

struct Posted {
    title: String,
    departments: String,
    ask_age: bool,
    ask_gender: bool,
    own: String,
    errors: FieldErrors,
}

async fn render_list(
    state: &AppState,
    c: Ctx,
    org: Organization,
    posted: Option<Posted>,
) -> Result<Response, AppError> {
    let rounds = state
        .store
        .org_survey_rounds(diagnosis::CODE, org.id)
        .await?;
    let can_manage = c.can(&Action::ManageOrgSurvey { org_id: org.id });
    let status = if posted.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    // A new round starts from the last one's setup, else the 朝メール teams.
    let p = match posted {
        Some(p) => p,
        None => {
            let last = match rounds.first() {
                Some(r) => Setup::from_json(&state.store.org_survey_setup(r.id).await?.setup),
                None => None,
            };
            let setup = match last {
                Some(s) => s,
                None => Setup {
                    departments: state
                        .store
                        .asa_teams(org.id)
                        .await?
                        .into_iter()
                        .map(|t| t.name)
                        .collect(),
                    ask_age: true,
                    ask_gender: false,
                    own: Vec::new(),
                },
            };
            Posted {
                title: String::new(),
                departments: setup.departments.join("\n"),
                ask_age: setup.ask_age,
                ask_gender: setup.ask_gender,
                own: setup.own.join("\n"),
                errors: FieldErrors::new(),
            }
        }
    };
    let page = ListPage {
        has_open: rounds.iter().any(SurveyRound::is_open),
        rounds: rounds
            .iter()
            .map(|r| RoundRow {
                id: r.id,
                title: r.title.clone(),
                opened_on: c.t.date(&r.opened_on),
                closed_on: r
                    .closed_on
                    .as_deref()
                    .map(|d| c.t.date(d))
                    .unwrap_or_default(),
                answers: r.answers,
            })
            .collect(),
        can_manage,
        title: p.title,
        departments: p.departments,
        ask_age: p.ask_age,
        ask_gender: p.ask_gender,
        own: p.own,
        errors: p.errors,
        items: diagnosis::Dimension::ALL
            .iter()
            .map(|d| {
                let items = diagnosis::ITEMS
                    .iter()
                    .filter(|i| i.dimension == *d)
                    .map(|i| c.t.pick(i.ja, i.en))
                    .collect::<Vec<_>>()
                    .join(" / ");
                (d.name().pick(c.t.is_ja()).to_string(), items)
            })
            .collect(),
        org,
        c,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn list(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let org = viewable(&state, &c, id).await?;
    render_list(&state, c, org, None).await
}

fn field(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

async fn open_round(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    if pairs.len() > 8 {
        return Err(AppError::BadRequest("too many fields".into()));
    }
    let org = manageable(&state, &c, id).await?;
    let mut p = Posted {
        title: field(&pairs, "title").trim().to_string(),
        departments: field(&pairs, "departments"),
        ask_age: field(&pairs, "ask_age") == "1",
        ask_gender: field(&pairs, "ask_gender") == "1",
        own: field(&pairs, "own"),
        errors: FieldErrors::new(),
    };
    if p.title.is_empty() {
        p.errors
            .add_labelled(&c.t, "title", "org_survey.round_title", "form.required");
    } else if p.title.chars().count() > TITLE_MAX {
        p.errors
            .add_labelled(&c.t, "title", "org_survey.round_title", "form.too_long");
    }
    let setup = match Setup::parse(&p.departments, p.ask_age, p.ask_gender, &p.own) {
        Ok(s) => Some(s),
        Err(e) => {
            let field = match e {
                diagnosis::SetupError::TooManyOwn | diagnosis::SetupError::OwnTooLong => "own",
                _ => "departments",
            };
            let label = if field == "own" {
                "org_survey.own"
            } else {
                "org_survey.departments"
            };
            p.errors.add_labelled(&c.t, field, label, e.i18n_key());
            None
        }
    };
    let (Some(setup), true) = (setup, p.errors.is_empty()) else {
        return render_list(&state, c, org, Some(p)).await;
    };
    let today = crate::today_jst().strftime("%Y-%m-%d").to_string();
    match state
        .store
        .open_org_survey_round(
            diagnosis::CODE,
            org.id,
            &p.title,
            &setup.to_json(),
            &store::random_token(),
            &today,
            &c.actor(),
        )
        .await
    {
        Ok(rid) => Ok(redirect_with_flash_args(
            &format!("/orgs/{}/survey/{rid}", org.id),
            "flash.org_survey_opened",
            &[],
            state.config.cookie_secure,
        )),
        Err(store::Error::Conflict(_)) => {
            p.errors.add_labelled(
                &c.t,
                "title",
                "org_survey.round_title",
                "org_survey.error.one_open",
            );
            render_list(&state, c, org, Some(p)).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Invitations by mail: `members=1` sends to every person of the organization
/// with an account; `emails` adds addresses, one a line. Counted, not kept.
async fn invite(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, rid)): Path<(i64, i64)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    if pairs.len() > 6 {
        return Err(AppError::BadRequest("too many fields".into()));
    }
    let org = manageable(&state, &c, id).await?;
    let round = round_of(&state, &org, rid).await?;
    let back = format!("/orgs/{}/survey/{rid}", org.id);
    let mut to: Vec<String> = Vec::new();
    if field(&pairs, "members") == "1" {
        to.extend(
            state
                .store
                .asa_people(org.id)
                .await?
                .into_iter()
                .map(|p| p.email),
        );
    }
    for line in field(&pairs, "emails").lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match domain::Email::parse(line) {
            Ok(e) => to.push(e.as_str().to_string()),
            Err(_) => {
                return Ok(redirect_with_flash_args(
                    &back,
                    "flash.org_survey_bad_email",
                    &[("email", line)],
                    state.config.cookie_secure,
                ));
            }
        }
    }
    to.sort();
    to.dedup();
    if to.is_empty() || to.len() > MAX_INVITES {
        return Ok(redirect_with_flash_args(
            &back,
            "flash.org_survey_no_one",
            &[],
            state.config.cookie_secure,
        ));
    }
    let setup = state.store.org_survey_setup(round.id).await?;
    let link = format!(
        "{}/s/{}",
        crate::declarations::export::base_url(&state),
        setup.token
    );
    let t = crate::i18n::Tr::new(crate::i18n::Lang::Ja);
    let mails: Vec<store::mail::NewMail> = to
        .iter()
        .map(|address| {
            crate::public_form::mail(
                crate::i18n::Lang::Ja,
                store::mail::MailKind::SurveyInvitation,
                address,
                t.f1("org_survey.mail.subject", "org", &org.name),
                &[
                    t.f2(
                        "org_survey.mail.body",
                        "org",
                        &org.name,
                        "title",
                        &round.title,
                    ),
                    t.t("org_survey.mail.anonymous").to_string(),
                ],
                (t.t("org_survey.mail.link"), &link),
            )
        })
        .collect();
    match state.store.invite_to_org_survey(round.id, &mails).await {
        Ok(()) => Ok(redirect_with_flash_args(
            &back,
            "flash.org_survey_invited",
            &[("n", &mails.len().to_string())],
            state.config.cookie_secure,
        )),
        Err(store::Error::NotFound) => Err(AppError::NotFound),
        Err(e) => Err(e.into()),
    }
}

async fn close(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, rid)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let org = manageable(&state, &c, id).await?;
    let round = round_of(&state, &org, rid).await?;
    let today = crate::today_jst().strftime("%Y-%m-%d").to_string();
    match state
        .store
        .close_survey_round(round.id, &today, &c.actor())
        .await
    {
        Ok(()) | Err(store::Error::NotFound) => Ok(redirect_with_flash_args(
            &format!("/orgs/{}/survey/{rid}", org.id),
            "flash.org_survey_closed",
            &[],
            state.config.cookie_secure,
        )),
        Err(e) => Err(e.into()),
    }
}
