//! ライフイベント・カードワーク (issue 13): a team session at
//! `/orgs/{id}/workshops/{wid}`. The screen deals a card of the region's deck
//! (`domain::workshop`) to a member of the team present, every card and
//! every member coming round before any comes twice; the team records who
//! covers which work and what is missing, and each gap becomes an action on
//! the team's own list or, for the engagement's consultants and the
//! organization's admins, on the engagement's action sheet too. One page,
//! large on a projector and readable on a phone. The region's staff edit the
//! deck at `/admin/regions/{code}/cards`.

use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use domain::workshop::{self, Card, Gap};
use store::engagements::{ActionFields, Engagement};
use store::orgs::Organization;
use store::regions::Region;
use store::workshops::{ActionTarget, Deal, Workshop, WorkshopAction};

use crate::AppState;
use crate::auth::redirect_with_flash_args;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::FieldErrors;

const TITLE_MAX: usize = 60;
const MEMBERS_MAX: usize = 30;
const NAME_MAX: usize = 40;
const TEXT_MAX: usize = 1000;
const ACTION_MAX: usize = 200;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/orgs/{id}/workshops", get(list).post(create))
        .route("/orgs/{id}/workshops/{wid}", get(session))
        .route("/orgs/{id}/workshops/{wid}/deal", post(deal))
        .route("/orgs/{id}/workshops/{wid}/deals/{did}", post(record))
        .route("/orgs/{id}/workshops/{wid}/actions", post(add_action))
        .route(
            "/admin/regions/{code}/cards",
            get(deck_form).post(save_deck),
        )
}

async fn org_of(state: &AppState, c: &Ctx, id: i64) -> Result<Organization, AppError> {
    c.org_for(&state.store, id, |o| Action::RunWorkshop { org_id: o.id })
        .await
}

async fn workshop_of(state: &AppState, org: &Organization, wid: i64) -> Result<Workshop, AppError> {
    match state.store.workshop(wid).await {
        Ok(w) if w.org_id == org.id => Ok(w),
        Ok(_) | Err(store::Error::NotFound) => Err(AppError::NotFound),
        Err(e) => Err(e.into()),
    }
}

/// The deck of the organization's region, or the default one.
async fn deck_of(state: &AppState, org: &Organization) -> Result<Vec<Card>, AppError> {
    if let Some(region) = org.region_id
        && let Some(cards) = state.store.region_cards(region).await?
    {
        return Ok(cards);
    }
    Ok(default_deck())
}

fn default_deck() -> Vec<Card> {
    workshop::DEFAULT_DECK
        .iter()
        .map(|(t, p)| Card {
            title: t.to_string(),
            prompt: p.to_string(),
        })
        .collect()
}

fn field(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim().to_string())
        .unwrap_or_default()
}

fn bounded(pairs: &[(String, String)], most: usize) -> Result<(), AppError> {
    if pairs.len() > most {
        return Err(AppError::BadRequest("too many fields".into()));
    }
    Ok(())
}

// ---------------------------------------------------------------- the list

#[derive(Template)]
#[template(path = "workshop/list.html")]
struct ListPage {
    c: Ctx,
    org: Organization,
    workshops: Vec<Workshop>,
    title: String,
    members: String,
    errors: FieldErrors,
    deck: Vec<Card>,
}

async fn render_list(
    state: &AppState,
    c: Ctx,
    org: Organization,
    posted: Option<(String, String, FieldErrors)>,
) -> Result<Response, AppError> {
    let status = if posted.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let (title, members, errors) = match posted {
        Some(p) => p,
        None => {
            // The member's 朝メール team, as a start.
            let user = c.user.as_ref().map(|u| u.user_id).unwrap_or(0);
            let people = state.store.asa_people(org.id).await?;
            let team = people
                .iter()
                .find(|p| p.user_id == user)
                .and_then(|p| p.team_id);
            let names: Vec<String> = people
                .iter()
                .filter(|p| team.is_some() && p.team_id == team)
                .map(|p| p.display_name.clone())
                .collect();
            (String::new(), names.join("\n"), FieldErrors::new())
        }
    };
    let page = ListPage {
        workshops: state.store.workshops_of(org.id).await?,
        deck: deck_of(state, &org).await?,
        title,
        members,
        errors,
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
    let org = org_of(&state, &c, id).await?;
    render_list(&state, c, org, None).await
}

async fn create(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    bounded(&pairs, 4)?;
    let org = org_of(&state, &c, id).await?;
    let title = field(&pairs, "title");
    let members_text = field(&pairs, "members");
    let mut errors = FieldErrors::new();
    if title.is_empty() || title.chars().count() > TITLE_MAX {
        errors.add_labelled(
            &c.t,
            "title",
            "workshop.title_field",
            "workshop.error_title",
        );
    }
    let mut members: Vec<String> = Vec::new();
    for line in members_text.lines() {
        let name = domain::normalize_digits(line).trim().to_string();
        if !name.is_empty() && !members.contains(&name) {
            members.push(name);
        }
    }
    if members.len() < 2
        || members.len() > MEMBERS_MAX
        || members.iter().any(|m| m.chars().count() > NAME_MAX)
    {
        errors.add_labelled(
            &c.t,
            "members",
            "workshop.members",
            "workshop.error_members",
        );
    }
    if !errors.is_empty() {
        return render_list(&state, c, org, Some((title, members_text, errors))).await;
    }
    let by = c.user.as_ref().map(|u| u.user_id);
    let wid = state
        .store
        .create_workshop(org.id, &title, &members, by)
        .await?;
    Ok(redirect_with_flash_args(
        &format!("/orgs/{}/workshops/{wid}", org.id),
        "flash.workshop_created",
        &[],
        state.config.cookie_secure,
    ))
}

// ---------------------------------------------------------------- the session

pub struct GapView {
    pub code: &'static str,
    pub name: &'static str,
    pub checked: bool,
    pub suggestion: &'static str,
}

pub struct DealView {
    pub deal: Deal,
    pub gaps: Vec<GapView>,
    pub actions: Vec<WorkshopAction>,
}

#[derive(Template)]
#[template(path = "workshop/session.html")]
struct SessionPage {
    c: Ctx,
    org: Organization,
    workshop: Workshop,
    current: Option<DealView>,
    earlier: Vec<DealView>,
    engagement: Option<Engagement>,
    action_count: usize,
}

fn gap_name(t: &crate::i18n::Tr, g: Gap) -> &'static str {
    t.pick(g.name_ja(), g.name_en())
}

async fn session(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, wid)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let org = org_of(&state, &c, id).await?;
    let w = workshop_of(&state, &org, wid).await?;
    let actions = state.store.workshop_actions(w.id).await?;
    let action_count = actions.len();
    let mut views: Vec<DealView> = state
        .store
        .workshop_deals(w.id)
        .await?
        .into_iter()
        .map(|d| DealView {
            gaps: Gap::ALL
                .iter()
                .map(|g| GapView {
                    code: g.as_str(),
                    name: gap_name(&c.t, *g),
                    checked: d.gaps.contains(g),
                    suggestion: g.suggestion_ja(),
                })
                .collect(),
            actions: actions
                .iter()
                .filter(|a| a.deal_id == d.id)
                .cloned()
                .collect(),
            deal: d,
        })
        .collect();
    let current = views.pop();
    views.reverse();
    let page = SessionPage {
        engagement: engagement_for(&state, &c, &org).await?,
        workshop: w,
        current,
        earlier: views,
        action_count,
        org,
        c,
    };
    Ok(Html(page.render()?).into_response())
}

/// The organization's running engagement whose action sheet the user may write.
async fn engagement_for(
    state: &AppState,
    c: &Ctx,
    org: &Organization,
) -> Result<Option<Engagement>, AppError> {
    Ok(state
        .store
        .engagements_of_org(org.id)
        .await?
        .into_iter()
        .find(|e| {
            e.fields.status == domain::engagement::EngagementStatus::Active
                && c.can(&Action::WorkOnEngagement {
                    engagement_id: e.id,
                    org_id: org.id,
                })
        }))
}

/// Deal the next card to the next member: each the least dealt so far.
async fn deal(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, wid)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let org = org_of(&state, &c, id).await?;
    let w = workshop_of(&state, &org, wid).await?;
    let deck = deck_of(&state, &org).await?;
    let deals = state.store.workshop_deals(w.id).await?;
    let card_counts: Vec<usize> = deck
        .iter()
        .map(|card| deals.iter().filter(|d| d.card.title == card.title).count())
        .collect();
    let member_counts: Vec<usize> = w
        .members
        .iter()
        .map(|m| deals.iter().filter(|d| d.member == *m).count())
        .collect();
    let (Some(ci), Some(mi)) = (
        workshop::next_to_deal(&card_counts, rand::random()),
        workshop::next_to_deal(&member_counts, rand::random()),
    ) else {
        return Err(AppError::BadRequest("no card or no member".into()));
    };
    state
        .store
        .deal_card(w.id, &deck[ci], &w.members[mi])
        .await?;
    Ok(redirect_with_flash_args(
        &format!("/orgs/{}/workshops/{}#card", org.id, w.id),
        "flash.workshop_dealt",
        &[],
        state.config.cookie_secure,
    ))
}

/// What the team found for a card: `cover`, one `gap` per box, `note`.
async fn record(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, wid, did)): Path<(i64, i64, i64)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    bounded(&pairs, 12)?;
    let org = org_of(&state, &c, id).await?;
    let w = workshop_of(&state, &org, wid).await?;
    let cover = field(&pairs, "cover");
    let note = field(&pairs, "note");
    let mut gaps = Vec::new();
    for (k, v) in &pairs {
        if k == "gap" {
            let g = Gap::parse(v).ok_or(AppError::BadRequest("gap".into()))?;
            if !gaps.contains(&g) {
                gaps.push(g);
            }
        }
    }
    let back = format!("/orgs/{}/workshops/{}#deal-{did}", org.id, w.id);
    if cover.chars().count() > TEXT_MAX || note.chars().count() > TEXT_MAX {
        return Ok(redirect_with_flash_args(
            &back,
            "flash.workshop_too_long",
            &[],
            state.config.cookie_secure,
        ));
    }
    gaps.sort();
    state
        .store
        .record_deal(w.id, did, &cover, &gaps, &note)
        .await?;
    Ok(redirect_with_flash_args(
        &back,
        "flash.workshop_recorded",
        &[],
        state.config.cookie_secure,
    ))
}

/// A gap made an action: `deal_id`, `gap`, `action`, `owner`, `to`
/// (`team`, or `engagement` for its action sheet too).
async fn add_action(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, wid)): Path<(i64, i64)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    bounded(&pairs, 8)?;
    let org = org_of(&state, &c, id).await?;
    let w = workshop_of(&state, &org, wid).await?;
    let deal_id: i64 = field(&pairs, "deal_id")
        .parse()
        .map_err(|_| AppError::BadRequest("deal".into()))?;
    let gap = Gap::parse(&field(&pairs, "gap")).ok_or(AppError::BadRequest("gap".into()))?;
    let action = field(&pairs, "action");
    let owner = field(&pairs, "owner");
    let back = format!("/orgs/{}/workshops/{}#deal-{deal_id}", org.id, w.id);
    if action.is_empty() || action.chars().count() > ACTION_MAX || owner.chars().count() > NAME_MAX
    {
        return Ok(redirect_with_flash_args(
            &back,
            "flash.workshop_action_invalid",
            &[],
            state.config.cookie_secure,
        ));
    }
    let deals = state.store.workshop_deals(w.id).await?;
    let deal = deals
        .iter()
        .find(|d| d.id == deal_id)
        .ok_or(AppError::NotFound)?;
    let fields;
    let target = if field(&pairs, "to") == "engagement" {
        let e = engagement_for(&state, &c, &org)
            .await?
            .ok_or(AppError::Forbidden)?;
        fields = ActionFields {
            issue: format!(
                "{}：{}さんが不在のとき「{}」",
                deal.card.title,
                deal.member,
                gap.name_ja()
            ),
            cause: c.t.t("workshop.engagement_cause").to_string(),
            action: action.clone(),
            owner: owner.clone(),
            due_on: None,
            status: domain::engagement::ActionStatus::Open,
        };
        ActionTarget::Engagement(e.id, &fields)
    } else {
        ActionTarget::Team
    };
    let to_engagement = matches!(target, ActionTarget::Engagement(..));
    state
        .store
        .add_workshop_action(w.id, deal_id, gap, &action, &owner, target)
        .await?;
    Ok(redirect_with_flash_args(
        &back,
        if to_engagement {
            "flash.workshop_action_engagement"
        } else {
            "flash.workshop_action_added"
        },
        &[],
        state.config.cookie_secure,
    ))
}

// ---------------------------------------------------------------- the region's deck

#[derive(Template)]
#[template(path = "workshop/deck.html")]
struct DeckPage {
    c: Ctx,
    region: Region,
    text: String,
    errors: FieldErrors,
    is_default: bool,
}

async fn editable_region(state: &AppState, c: &Ctx, code: &str) -> Result<Region, AppError> {
    let region = state
        .store
        .region_by_code(code)
        .await
        .map_err(|_| AppError::NotFound)?;
    c.require(&Action::EditRegion {
        region_id: region.id,
    })?;
    Ok(region)
}

fn deck_text(cards: &[Card]) -> String {
    cards
        .iter()
        .map(|c| format!("{}｜{}", c.title, c.prompt))
        .collect::<Vec<_>>()
        .join("\n")
}

async fn deck_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let region = editable_region(&state, &c, &code).await?;
    let saved = state.store.region_cards(region.id).await?;
    let page = DeckPage {
        is_default: saved.is_none(),
        text: deck_text(&saved.unwrap_or_else(default_deck)),
        errors: FieldErrors::new(),
        region,
        c,
    };
    Ok(Html(page.render()?).into_response())
}

async fn save_deck(
    State(state): State<AppState>,
    c: Ctx,
    Path(code): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    bounded(&pairs, 3)?;
    let region = editable_region(&state, &c, &code).await?;
    let text = field(&pairs, "cards");
    let cards = match workshop::parse_deck(&text) {
        Ok(cards) => cards,
        Err((line, e)) => {
            let mut errors = FieldErrors::new();
            let message = if line > 0 {
                c.t.f1(e.i18n_key(), "line", line)
            } else {
                c.t.t(e.i18n_key()).to_string()
            };
            errors.add_text("cards", c.t.t("workshop.deck.field"), &message);
            let page = DeckPage {
                c,
                region,
                text,
                errors,
                is_default: false,
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response());
        }
    };
    state.store.replace_region_cards(region.id, &cards).await?;
    state
        .store
        .audit(
            &c.actor(),
            "update",
            "region_cards",
            region.id,
            &serde_json::json!({ "title": region.name_ja, "cards": cards.len() }).to_string(),
        )
        .await?;
    Ok(redirect_with_flash_args(
        &format!("/admin/regions/{}/cards", region.code),
        "flash.workshop_deck_saved",
        &[],
        state.config.cookie_secure,
    ))
}
