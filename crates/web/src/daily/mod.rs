//! 朝メール・夜メール (issue 13): each person of a member organization writes
//! the plan of the day in time blocks before work and the actual in the
//! evening; their team reads both, comments and thanks; the team's leader
//! sees who has not posted and whose day is planned past the scheduled end;
//! the analytics compare plan and actual (`kpi::daily`).
//!
//! - `write`: `/orgs/{id}/daily` (the person's own day), drafts, recurring blocks;
//! - `team`: `/orgs/{id}/daily/team` (the feed, comments, the leader's view),
//!   notifications and mail preferences;
//! - `analytics`: `/orgs/{id}/daily/analytics` (+ `.csv`, `.xlsx`);
//! - `settings`: `/orgs/{id}/daily/settings` (the admins: categories, hours, teams).
//!
//! Who sees what: a person's day is theirs and their team's. Nobody above the
//! team reads it (no role, not the admins); outside the team only aggregates
//! are shown, and a group smaller than [`ANONYMITY_THRESHOLD`] is hidden.

use axum::Router;
use axum::routing::{get, post};
use jiff::civil::Date;
use store::daily::{AsaSettings, Team};
use store::orgs::Organization;

use crate::AppState;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;

mod analytics;
mod chart;
mod settings;
mod team;
mod write;

/// The fewest people a group shown outside itself may hold (the same as the
/// surveys' default).
pub const ANONYMITY_THRESHOLD: u64 = 5;
/// How many days back a person may still write or complete a day.
const DAYS_BACK: i64 = 14;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/orgs/{id}/daily", get(write::page))
        .route("/orgs/{id}/daily/plan", post(write::save_plan))
        .route("/orgs/{id}/daily/report", post(write::save_report))
        .route("/orgs/{id}/daily/draft", post(write::save_draft))
        .route("/orgs/{id}/daily/recurring", post(write::add_recurring))
        .route(
            "/orgs/{id}/daily/recurring/{rid}/delete",
            post(write::delete_recurring),
        )
        .route("/orgs/{id}/daily/team", get(team::feed))
        .route(
            "/orgs/{id}/daily/days/{day_id}/comments",
            post(team::comment),
        )
        .route(
            "/orgs/{id}/daily/notifications",
            get(team::notifications).post(team::save_prefs),
        )
        .route("/orgs/{id}/daily/analytics", get(analytics::page))
        .route("/orgs/{id}/daily/analytics.csv", get(analytics::csv))
        .route("/orgs/{id}/daily/analytics.xlsx", get(analytics::xlsx))
        .route(
            "/orgs/{id}/daily/settings",
            get(settings::page).post(settings::save),
        )
        .route("/orgs/{id}/daily/teams", post(settings::create_team))
        .route(
            "/orgs/{id}/daily/teams/{tid}/delete",
            post(settings::delete_team),
        )
        .route("/orgs/{id}/daily/people", post(settings::assign))
}

/// The signed-in person in an organization where they write their days:
/// the organization, its settings and their team.
pub struct Seat {
    pub org: Organization,
    pub user_id: i64,
    pub settings: AsaSettings,
    pub team: Option<Team>,
    pub leader: bool,
    /// Sets the organization's categories, hours and teams (its admins).
    pub manages: bool,
}

impl Seat {
    /// The seat of the signed-in user in organization `id`: its admins and
    /// members; anyone else gets what [`Ctx::org_for`] gives.
    pub async fn of(state: &AppState, c: &Ctx, id: i64) -> Result<Seat, AppError> {
        let org = c
            .org_for(&state.store, id, |o| Action::WriteDailyPlan {
                org_id: o.id,
            })
            .await?;
        let user_id = c
            .user
            .as_ref()
            .map(|u| u.user_id)
            .ok_or(AppError::Forbidden)?;
        let (settings, team) = state.store.asa_seat(org.id, user_id).await?;
        let (team, leader) = match team {
            Some((t, l)) => (Some(t), l),
            None => (None, false),
        };
        Ok(Seat {
            manages: c.can(&Action::ManageDailyPlans { org_id: org.id }),
            org,
            user_id,
            settings,
            team,
            leader,
        })
    }
}

/// The day of `?day=`, today when none; a day outside what may be written
/// (more than [`DAYS_BACK`] days ago, or after tomorrow) is refused.
pub fn writable_day(raw: Option<&str>) -> Result<Date, AppError> {
    let today = crate::today_jst();
    let day = match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => return Ok(today),
        Some(s) => domain::normalize_digits(s)
            .parse::<Date>()
            .map_err(|_| AppError::BadRequest("day".into()))?,
    };
    let back = today
        .checked_sub(jiff::Span::new().days(DAYS_BACK))
        .unwrap_or(today);
    let ahead = today.tomorrow().unwrap_or(today);
    if day < back || day > ahead {
        return Err(AppError::BadRequest("day out of range".into()));
    }
    Ok(day)
}

/// `YYYY-MM-DD`.
pub fn iso(d: Date) -> String {
    d.strftime("%Y-%m-%d").to_string()
}

/// The day as a heading: 12月8日（火） / Tue, Dec 8.
pub fn day_title(t: &crate::i18n::Tr, d: Date) -> String {
    const JA: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
    if t.is_ja() {
        format!(
            "{}年{}月{}日（{}）",
            d.year(),
            d.month(),
            d.day(),
            JA[usize::from(d.weekday().to_monday_zero_offset() as u8)]
        )
    } else {
        d.strftime("%a, %b %-d, %Y").to_string()
    }
}

/// Minutes as 1時間30分 / 1 h 30 min.
pub fn duration(t: &crate::i18n::Tr, minutes: u64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (t.is_ja(), h, m) {
        (true, 0, m) => format!("{m}分"),
        (true, h, 0) => format!("{h}時間"),
        (true, h, m) => format!("{h}時間{m}分"),
        (false, 0, m) => format!("{m} min"),
        (false, h, 0) => format!("{h} h"),
        (false, h, m) => format!("{h} h {m} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, Tr};

    #[test]
    fn durations_and_days_read_as_words() {
        let ja = Tr::new(Lang::Ja);
        let en = Tr::new(Lang::En);
        assert_eq!(duration(&ja, 45), "45分");
        assert_eq!(duration(&ja, 120), "2時間");
        assert_eq!(duration(&ja, 95), "1時間35分");
        assert_eq!(duration(&en, 95), "1 h 35 min");
        let d = jiff::civil::date(2026, 12, 8);
        assert_eq!(day_title(&ja, d), "2026年12月8日（火）");
        assert_eq!(day_title(&en, d), "Tue, Dec 8, 2026");
    }
}
