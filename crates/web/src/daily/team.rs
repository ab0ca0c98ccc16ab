//! The team's days, `/orgs/{id}/daily/team?day=`: everyone's plan and actual
//! with comments and thanks, and for the team's leaders who has not posted
//! and whose plan runs past the scheduled end. Only the team's own people
//! read it. Also the person's notifications and what they want by mail.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use domain::daily;
use jiff::civil::Date;
use serde::Deserialize;
use store::daily::{CommentKind, NewComment, Notification, NotificationKind, Tell};

use super::write::{BlockView, block_views, comment_mail};
use super::{Seat, day_title, iso};
use crate::AppState;
use crate::auth::redirect_with_flash_args;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;

const COMMENT_MAX: usize = 500;
const NOTIFICATIONS_SHOWN: i64 = 50;

#[derive(Deserialize, Default)]
pub struct FeedQuery {
    day: Option<String>,
}

pub struct CommentView {
    pub author: String,
    pub thanks: bool,
    pub to: String,
    pub body: String,
    pub at: String,
}

/// One person's day in the feed.
pub struct FeedDay {
    pub day_id: Option<i64>,
    pub name: String,
    pub is_me: bool,
    pub hitokoto: String,
    pub planned: Vec<BlockView>,
    pub actual: Vec<BlockView>,
    pub reflection: String,
    pub planned_end: String,
    pub overloaded: bool,
    pub comments: Vec<CommentView>,
}

/// The leader's view of the day.
#[derive(Default)]
pub struct LeaderView {
    pub not_planned: Vec<String>,
    /// Asked only once the day's scheduled hours are over.
    pub reports_due: bool,
    pub not_reported: Vec<String>,
    pub overloaded: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "daily/team.html")]
struct TeamPage {
    c: Ctx,
    seat: Seat,
    day_title: String,
    previous_day: String,
    next_day: Option<String>,
    days: Vec<FeedDay>,
    leader: Option<LeaderView>,
    scheduled_end: String,
    unread: i64,
}

fn read_day(raw: Option<&str>) -> Result<Date, AppError> {
    let today = crate::today_jst();
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(today),
        Some(s) => {
            let d = domain::normalize_digits(s)
                .parse::<Date>()
                .map_err(|_| AppError::BadRequest("day".into()))?;
            if d > today.tomorrow().unwrap_or(today) {
                return Err(AppError::BadRequest("day".into()));
            }
            Ok(d)
        }
    }
}

pub async fn feed(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<FeedQuery>,
) -> Result<Response, AppError> {
    let seat = Seat::of(&state, &c, id).await?;
    let date = read_day(q.day.as_deref())?;
    let day = iso(date);
    let unread = state.store.asa_unread(seat.org.id, seat.user_id).await?;
    let mut days = Vec::new();
    let mut leader = None;
    if let Some(team) = &seat.team {
        let all = state.store.asa_people(seat.org.id).await?;
        let people: Vec<_> = all.iter().filter(|p| p.team_id == Some(team.id)).collect();
        let stored = state.store.asa_team_days(team.id, &day).await?;
        let ids: Vec<i64> = stored.iter().map(|d| d.id).collect();
        let comments = state.store.asa_comments(&ids).await?;
        let today = crate::today_jst();
        let mut lead = LeaderView {
            reports_due: date < today
                || (date == today
                    && crate::clock::minutes_now_jst() >= seat.settings.scheduled_end.minutes()),
            ..LeaderView::default()
        };
        // The team's people in name order, then anyone who wrote under this
        // team and has since moved.
        let mut order: Vec<(i64, String)> = people
            .iter()
            .map(|p| (p.user_id, p.display_name.clone()))
            .collect();
        for s in &stored {
            if !order.iter().any(|(u, _)| *u == s.user_id) {
                let name = all
                    .iter()
                    .find(|p| p.user_id == s.user_id)
                    .map(|p| p.display_name.clone())
                    .unwrap_or_default();
                order.push((s.user_id, name));
            }
        }
        for (user_id, name) in order {
            let s = stored.iter().find(|s| s.user_id == user_id);
            let planned = s.map(|s| s.planned.clone()).unwrap_or_default();
            let end = daily::day_end(&planned);
            let scheduled = s
                .map(|s| s.scheduled_end)
                .unwrap_or(seat.settings.scheduled_end);
            let overloaded = end.is_some_and(|e| e > scheduled);
            let in_team = people.iter().any(|p| p.user_id == user_id);
            if in_team {
                if planned.is_empty() {
                    lead.not_planned.push(name.clone());
                } else if lead.reports_due && s.is_some_and(|s| s.actual.is_none()) {
                    lead.not_reported.push(name.clone());
                }
                if let (true, Some(e)) = (overloaded, end) {
                    lead.overloaded.push((name.clone(), e.as_string()));
                }
            }
            days.push(FeedDay {
                day_id: s.map(|s| s.id),
                is_me: user_id == seat.user_id,
                hitokoto: s.map(|s| s.hitokoto.clone()).unwrap_or_default(),
                planned: block_views(&c.t, &planned),
                actual: s
                    .and_then(|s| s.actual.as_ref())
                    .map(|a| block_views(&c.t, a))
                    .unwrap_or_default(),
                reflection: s.map(|s| s.reflection.clone()).unwrap_or_default(),
                planned_end: end.map(|e| e.as_string()).unwrap_or_default(),
                overloaded,
                comments: comments
                    .iter()
                    .filter(|x| Some(x.day_id) == s.map(|s| s.id))
                    .map(|x| CommentView {
                        author: x.author_name.clone(),
                        thanks: x.kind == CommentKind::Thanks,
                        to: x.to_name.clone().unwrap_or_default(),
                        body: x.body.clone(),
                        at: c.t.datetime(&x.created_at),
                    })
                    .collect(),
                name,
            });
        }
        if c.can(&Action::LeadTeam {
            is_leader: seat.leader,
        }) {
            leader = Some(lead);
        }
    }
    let today = crate::today_jst();
    let page = TeamPage {
        day_title: day_title(&c.t, date),
        previous_day: date.yesterday().map(iso).unwrap_or_default(),
        next_day: date.tomorrow().ok().filter(|d| *d <= today).map(iso),
        scheduled_end: seat.settings.scheduled_end.as_string(),
        days,
        leader,
        unread,
        seat,
        c,
    };
    Ok(Html(page.render()?).into_response())
}

/// A comment (`kind=comment`) or thanks (`kind=thanks`) on a teammate's day.
pub async fn comment(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, day_id)): Path<(i64, i64)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    if pairs.len() > 8 {
        return Err(AppError::BadRequest("too many fields".into()));
    }
    let seat = Seat::of(&state, &c, id).await?;
    let day = match state.store.asa_day_by_id(day_id).await {
        Ok(d) if d.org_id == seat.org.id => d,
        Ok(_) | Err(store::Error::NotFound) => return Err(AppError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let in_team = seat
        .team
        .as_ref()
        .is_some_and(|t| Some(t.id) == day.team_id);
    // Another team's day answers as if it did not exist.
    if !c.can(&Action::ReadTeamDays { in_team }) {
        return Err(AppError::NotFound);
    }
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let kind = CommentKind::parse(&get("kind")).ok_or(AppError::BadRequest("kind".into()))?;
    let mut body = get("body");
    let back = format!(
        "/orgs/{}/daily/team?day={}#day-{}",
        seat.org.id, day.day, day.id
    );
    if body.chars().count() > COMMENT_MAX || (body.is_empty() && kind == CommentKind::Comment) {
        return Ok(redirect_with_flash_args(
            &back,
            "flash.daily_comment_invalid",
            &[],
            state.config.cookie_secure,
        ));
    }
    if body.is_empty() {
        body = c.t.t("daily.thanks_default").to_string();
    }
    let mut tell = Tell::default();
    if day.user_id != seat.user_id {
        tell.in_app.push(day.user_id);
        let thanks = kind == CommentKind::Thanks;
        if let Some(m) = comment_mail(&state, &c, &seat, day.user_id, &day.day, thanks).await? {
            tell.mails.push(m);
        }
    }
    state
        .store
        .add_asa_comment(
            &NewComment {
                day_id: day.id,
                author_id: seat.user_id,
                kind,
                to_user_id: (kind == CommentKind::Thanks).then_some(day.user_id),
                body: &body,
            },
            seat.org.id,
            tell,
        )
        .await?;
    let flash = match kind {
        CommentKind::Comment => "flash.daily_comment_added",
        CommentKind::Thanks => "flash.daily_thanks_sent",
    };
    Ok(redirect_with_flash_args(
        &back,
        flash,
        &[],
        state.config.cookie_secure,
    ))
}

pub struct NotificationView {
    pub text: String,
    pub href: String,
    pub at: String,
    pub unread: bool,
}

#[derive(Template)]
#[template(path = "daily/notifications.html")]
struct NotificationsPage {
    c: Ctx,
    seat: Seat,
    items: Vec<NotificationView>,
    mail_on_comment: bool,
    unread: i64,
}

fn notification_view(c: &Ctx, seat: &Seat, n: &Notification) -> NotificationView {
    let key = match (n.kind, n.day_owner_id == seat.user_id) {
        (NotificationKind::Comment, _) => "daily.notification.comment",
        (NotificationKind::Thanks, true) => "daily.notification.thanks_on_day",
        (NotificationKind::Thanks, false) => "daily.notification.thanks_in_report",
    };
    NotificationView {
        text: c.t.f2(key, "by", &n.actor_name, "day", c.t.date(&n.day)),
        href: format!("/orgs/{}/daily/team?day={}", n.org_id, n.day),
        at: c.t.datetime(&n.created_at),
        unread: !n.read,
    }
}

/// The person's notifications; opening the page marks them read.
pub async fn notifications(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let seat = Seat::of(&state, &c, id).await?;
    let list = state
        .store
        .asa_notifications(seat.org.id, seat.user_id, NOTIFICATIONS_SHOWN)
        .await?;
    let items = list
        .iter()
        .map(|n| notification_view(&c, &seat, n))
        .collect();
    state
        .store
        .mark_asa_notifications_read(seat.org.id, seat.user_id)
        .await?;
    let mail_on_comment = state
        .store
        .asa_mail_on_comment(seat.org.id, seat.user_id)
        .await?;
    let page = NotificationsPage {
        c,
        seat,
        items,
        mail_on_comment,
        unread: 0,
    };
    Ok(Html(page.render()?).into_response())
}

/// `mail_on_comment=1` asks for a mail on each comment or thanks.
pub async fn save_prefs(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    if pairs.len() > 4 {
        return Err(AppError::BadRequest("too many fields".into()));
    }
    let seat = Seat::of(&state, &c, id).await?;
    let on = pairs
        .iter()
        .any(|(k, v)| k == "mail_on_comment" && v == "1");
    state
        .store
        .set_asa_mail_on_comment(seat.org.id, seat.user_id, on)
        .await?;
    Ok(redirect_with_flash_args(
        &format!("/orgs/{}/daily/notifications", seat.org.id),
        "flash.daily_prefs_saved",
        &[],
        state.config.cookie_secure,
    ))
}
