//! Events of the region's program (講演会・パネルディスカッション; issue 10).
//!
//! Public: `/events` (upcoming and past), `/events/{id}` with schema.org `Event`
//! JSON-LD, `/events/{id}.ics` and the whole `/events.ics` feed (RFC 5545,
//! [`ical`]), and `/events.csv` in the 推奨データセット 「イベント一覧」 columns
//! ([`open_data`]). Drafts are seen only by the region's staff, who create and
//! edit events at `/events/new` and `/events/{id}/edit` ([`form`]).

pub mod desk;
pub mod form;
pub mod ical;
pub mod open_data;
pub mod questionnaire;
pub mod registration;

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::HeaderValue;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use domain::event::EventStatus;
use store::events::Event;
use store::regions::Region;

use crate::AppState;
use crate::auth::redirect_with_flash_args;
use crate::authz::Action;
use crate::context::Ctx;
use crate::declarations::export::base_url;
use crate::errors::AppError;
use crate::forms::FieldErrors;
use crate::i18n::Tr;
use form::EventForm;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/events", get(list))
        .route("/events.ics", get(feed))
        .route("/events.csv", get(csv))
        .route("/events/new", get(new_form).post(create))
        .route("/events/{id}", get(page_or_ics))
        .route("/events/{id}/edit", get(edit_form).post(update))
        .route(
            "/events/{id}/register",
            axum::routing::post(registration::register),
        )
        .route("/events/{id}/registrations", get(desk::page))
        .route("/events/{id}/registrations.csv", get(desk::csv))
        .route("/events/{id}/questionnaire", get(questionnaire::results))
        .route("/events/{id}/registrations.xlsx", get(desk::xlsx))
        .route(
            "/events/{id}/registrations/{registration}/check-in",
            axum::routing::post(desk::check_in),
        )
        .route(
            "/event-feedback/{token}",
            get(questionnaire::form).post(questionnaire::answer),
        )
        .route(
            "/event-registrations/{token}",
            get(registration::cancel_form).post(registration::cancel),
        )
}

/// Managing one region's events: its staff (and platform admins).
fn manage(region_id: i64) -> Action {
    Action::ManageEvents { region_id }
}

/// Regions whose events the user may manage.
fn managed_regions(c: &Ctx, regions: &[Region]) -> Vec<Region> {
    regions
        .iter()
        .filter(|r| c.can(&manage(r.id)))
        .cloned()
        .collect()
}

/// An event's wording in the reader's language.
pub struct EventView {
    pub id: i64,
    pub title: String,
    pub kind: &'static str,
    pub status: EventStatus,
    pub status_label: &'static str,
    /// 2026年6月24日（水）13:30〜16:00
    pub when: String,
    /// For `<time datetime>`.
    pub starts_iso: String,
    pub place: String,
    pub online: bool,
    pub region_name: String,
    pub editable: bool,
}

const WEEKDAYS_JA: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];

/// 「2026年6月24日（水）13:30〜16:00」 / "Wed, Jun 24, 2026, 13:30–16:00 (Japan time)";
/// an event over several days names both dates.
pub fn when(t: &Tr, e: &Event) -> String {
    let (s, end) = (e.fields.starts_at, e.fields.ends_at);
    let day = |d: jiff::civil::Date| -> String {
        if t.is_ja() {
            let w = WEEKDAYS_JA[d.weekday().to_monday_zero_offset() as usize];
            format!("{}年{}月{}日（{w}）", d.year(), d.month(), d.day())
        } else {
            d.strftime("%a, %b %-d, %Y").to_string()
        }
    };
    let (at, sep, tail) = if t.is_ja() {
        (" ", "〜", "")
    } else {
        (", ", "–", " (Japan time)")
    };
    if s.date() == end.date() {
        format!(
            "{}{at}{}{sep}{}{tail}",
            day(s.date()),
            s.hh_mm(),
            end.hh_mm()
        )
    } else {
        format!(
            "{}{at}{}{sep}{}{at}{}{tail}",
            day(s.date()),
            s.hh_mm(),
            day(end.date()),
            end.hh_mm()
        )
    }
}

fn region_name(t: &Tr, regions: &HashMap<i64, Region>, id: i64) -> String {
    regions
        .get(&id)
        .map(|r| t.pick(&r.name_ja, &r.name_en).to_string())
        .unwrap_or_default()
}

fn view(c: &Ctx, e: &Event, regions: &HashMap<i64, Region>) -> EventView {
    let t = &c.t;
    let f = &e.fields;
    let title = if !t.is_ja() && !f.title_en.is_empty() {
        f.title_en.clone()
    } else {
        f.title.clone()
    };
    let place = if f.venue_name.is_empty() {
        t.t("events.online_only").to_string()
    } else {
        f.venue_name.clone()
    };
    EventView {
        id: e.id,
        title,
        kind: t.pick(f.kind.name_ja(), f.kind.name_en()),
        status: f.status,
        status_label: t.pick(f.status.name_ja(), f.status.name_en()),
        when: when(t, e),
        starts_iso: f.starts_at.iso_jst(),
        place,
        online: !f.online_url.is_empty(),
        region_name: region_name(t, regions, e.region_id),
        editable: c.can(&manage(e.region_id)),
    }
}

async fn regions_by_id(state: &AppState) -> Result<HashMap<i64, Region>, AppError> {
    Ok(state
        .store
        .list_regions()
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect())
}

/// Whether the event is over, by Japan's date (the clock tests and `--today` fix).
fn is_past(e: &Event) -> bool {
    e.fields.ends_at.date() < crate::today_jst()
}

#[derive(Template)]
#[template(path = "events/list.html")]
struct ListPage {
    c: Ctx,
    upcoming: Vec<EventView>,
    past: Vec<EventView>,
    /// The user's regions' drafts (staff only).
    drafts: Vec<EventView>,
    can_create: bool,
    /// The region chosen with `?region=`, if any.
    region: Option<Region>,
}

#[derive(Debug, Default, serde::Deserialize)]
struct ListQuery {
    #[serde(default)]
    region: String,
}

/// `/events`, or one region's with `?region=072095` (an unknown code is 404).
async fn list(
    State(state): State<AppState>,
    c: Ctx,
    axum::extract::Query(q): axum::extract::Query<ListQuery>,
) -> Result<Response, AppError> {
    let regions = regions_by_id(&state).await?;
    let region = match q.region.trim() {
        "" => None,
        code => Some(
            regions
                .values()
                .find(|r| r.code == code)
                .cloned()
                .ok_or(AppError::NotFound)?,
        ),
    };
    let all: Vec<Region> = regions
        .values()
        .filter(|r| region.as_ref().is_none_or(|chosen| chosen.id == r.id))
        .cloned()
        .collect();
    let managed: Vec<i64> = managed_regions(&c, &all).iter().map(|r| r.id).collect();
    let public = state
        .store
        .public_events(region.as_ref().map(|r| r.id))
        .await?;
    let (past, upcoming): (Vec<&Event>, Vec<&Event>) = public.iter().partition(|e| is_past(e));
    let upcoming = upcoming
        .into_iter()
        .map(|e| view(&c, e, &regions))
        .collect();
    let past = past
        .into_iter()
        .rev()
        .map(|e| view(&c, e, &regions))
        .collect();
    let drafts = state
        .store
        .events_of_regions(&managed)
        .await?
        .iter()
        .filter(|e| e.fields.status == EventStatus::Draft)
        .map(|e| view(&c, e, &regions))
        .collect();
    let page = ListPage {
        region,
        can_create: !managed.is_empty(),
        c,
        upcoming,
        past,
        drafts,
    };
    Ok(Html(page.render()?).into_response())
}

/// The event `id` as the reader may see it: drafts only for its region's staff,
/// and to anyone else as if it did not exist.
async fn visible_event(state: &AppState, c: &Ctx, id: &str) -> Result<Event, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let e = state.store.event(id).await?;
    if e.fields.status.is_public() || c.can(&manage(e.region_id)) {
        Ok(e)
    } else {
        Err(AppError::NotFound)
    }
}

fn event_url(base: &str, e: &Event) -> String {
    format!("{base}/events/{}", e.id)
}

#[derive(Template)]
#[template(path = "events/page.html")]
struct EventPage {
    c: Ctx,
    v: EventView,
    e: Event,
    paragraphs: Vec<String>,
    program_year: String,
    deadline: Option<String>,
    declaration: Option<(String, String)>,
    json_ld: String,
    reg: registration::RegistrationView,
}

async fn page_or_ics(
    State(state): State<AppState>,
    c: Ctx,
    Path(file): Path<String>, // `12` or `12.ics`
) -> Result<Response, AppError> {
    if let Some(id) = file.strip_suffix(".ics") {
        let e = visible_event(&state, &c, id).await?;
        let base = base_url(&state);
        let body = ical::calendar(std::slice::from_ref(&e), &e.fields.title, |e| {
            event_url(&base, e)
        });
        return Ok(calendar_response(body, &format!("event-{}.ics", e.id)));
    }
    let e = visible_event(&state, &c, &file).await?;
    render_page(
        &state,
        c,
        e,
        registration::RegistrationForm::default(),
        FieldErrors::new(),
    )
    .await
}

/// The event's page, with its registration form as typed and its errors (422
/// when there are any).
pub(crate) async fn render_page(
    state: &AppState,
    c: Ctx,
    e: Event,
    form: registration::RegistrationForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let regions = regions_by_id(state).await?;
    let t = &c.t;
    let declaration = match e.fields.declaration_id {
        Some(id) => state
            .store
            .declarations()
            .await?
            .into_iter()
            .find(|d| d.id == id)
            .map(|d| {
                (
                    format!("/declarations/{}", d.slug),
                    t.pick(&d.title_ja, &d.title_en).to_string(),
                )
            }),
        None => None,
    };
    let base = base_url(state);
    let json_ld = json_ld(&e, regions.get(&e.region_id), &event_url(&base, &e));
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let reg = registration::view(state, t, &e, form, errors).await?;
    let page = EventPage {
        v: view(&c, &e, &regions),
        paragraphs: e
            .fields
            .description
            .split("\n\n")
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect(),
        program_year: crate::declarations::plain_fiscal_year_label(t, e.fields.program_year),
        deadline: e
            .fields
            .registration_deadline
            .map(|d| format!("{} {}", t.date(&d.as_stored()), d.hh_mm())),
        declaration,
        json_ld,
        reg,
        e,
        c,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// schema.org `Event` as JSON-LD. `<` is written `\u003c`, so no text typed into
/// the event can close the script element it sits in.
fn json_ld(e: &Event, region: Option<&Region>, url: &str) -> String {
    let f = &e.fields;
    let mut location = Vec::new();
    if !f.venue_name.is_empty() {
        location.push(serde_json::json!({
            "@type": "Place",
            "name": f.venue_name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": f.venue_address,
                "addressLocality": region.map(|r| r.name_ja.clone()).unwrap_or_default(),
                "addressRegion": region
                    .and_then(|r| domain::Prefecture::parse(&r.prefecture).ok())
                    .map(|p| p.name_ja())
                    .unwrap_or_default(),
                "addressCountry": "JP",
            },
        }));
    }
    if !f.online_url.is_empty() {
        location.push(serde_json::json!({ "@type": "VirtualLocation", "url": f.online_url }));
    }
    let mode = match (f.venue_name.is_empty(), f.online_url.is_empty()) {
        (false, false) => "https://schema.org/MixedEventAttendanceMode",
        (true, false) => "https://schema.org/OnlineEventAttendanceMode",
        _ => "https://schema.org/OfflineEventAttendanceMode",
    };
    let status = match f.status {
        EventStatus::Cancelled => "https://schema.org/EventCancelled",
        _ => "https://schema.org/EventScheduled",
    };
    let mut doc = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": f.title,
        "description": f.description,
        "startDate": f.starts_at.iso_jst(),
        "endDate": f.ends_at.iso_jst(),
        "eventStatus": status,
        "eventAttendanceMode": mode,
        "location": location,
        "url": url,
        "inLanguage": "ja",
        "isAccessibleForFree": f.fee.is_empty() || f.fee == "無料",
        "performer": f.speakers.iter().map(|s| serde_json::json!({
            "@type": "Person", "name": s.name, "jobTitle": s.title,
        })).collect::<Vec<_>>(),
    });
    if !f.organizer.is_empty() {
        doc["organizer"] = serde_json::json!({ "@type": "Organization", "name": f.organizer });
    }
    if let Some(cap) = f.capacity {
        doc["maximumAttendeeCapacity"] = serde_json::json!(cap);
    }
    doc.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn calendar_response(body: String, filename: &str) -> Response {
    let mut res = body.into_response();
    res.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{filename}\"")) {
        res.headers_mut().insert(CONTENT_DISPOSITION, v);
    }
    res
}

async fn feed(State(state): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    let events = state.store.public_events(None).await?;
    let base = base_url(&state);
    let name = format!("{} {}", c.t.t("site.name"), c.t.t("events.title"));
    let body = ical::calendar(&events, &name, |e| event_url(&base, e));
    Ok(calendar_response(body, "events.ics"))
}

async fn csv(State(state): State<AppState>) -> Result<Response, AppError> {
    let events = state.store.public_events(None).await?;
    let regions = regions_by_id(&state).await?;
    let base = base_url(&state);
    let bytes = open_data::document(&events, &regions, |e| event_url(&base, e))
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let mut res = bytes.into_response();
    res.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    res.headers_mut().insert(
        CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"events.csv\""),
    );
    Ok(res)
}

#[derive(Template)]
#[template(path = "events/form.html")]
struct FormPage {
    c: Ctx,
    /// None for a new event.
    event_id: Option<i64>,
    regions: Vec<Region>,
    declarations: Vec<(i64, String)>,
    kinds: Vec<(&'static str, &'static str)>,
    statuses: Vec<(&'static str, &'static str)>,
    v: EventForm,
    errors: FieldErrors,
}

async fn render_form(
    state: &AppState,
    c: Ctx,
    event_id: Option<i64>,
    regions: Vec<Region>,
    v: EventForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let t = c.t;
    let declarations = state
        .store
        .declarations()
        .await?
        .into_iter()
        .map(|d| (d.id, t.pick(&d.title_ja, &d.title_en).to_string()))
        .collect();
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = FormPage {
        event_id,
        regions,
        declarations,
        kinds: domain::event::EventKind::ALL
            .iter()
            .map(|k| (k.as_str(), t.pick(k.name_ja(), k.name_en())))
            .collect(),
        statuses: EventStatus::ALL
            .iter()
            .map(|s| (s.as_str(), t.pick(s.name_ja(), s.name_en())))
            .collect(),
        v,
        errors,
        c,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// The regions the user manages, or the refusal (signed out: sign-in page).
async fn require_desk(state: &AppState, c: &Ctx) -> Result<Vec<Region>, AppError> {
    c.require(&Action::OpenEventDesk)?;
    let regions = managed_regions(c, &state.store.list_regions().await?);
    if regions.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(regions)
}

async fn new_form(State(state): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    let regions = require_desk(&state, &c).await?;
    let first = &regions[0];
    let fy = domain::FiscalYear::containing(crate::today_jst()).year();
    let v = EventForm::new_event(&first.code, &first.name_ja, fy);
    render_form(&state, c, None, regions, v, FieldErrors::new()).await
}

async fn declaration_ids(state: &AppState) -> Result<Vec<i64>, AppError> {
    Ok(state
        .store
        .declarations()
        .await?
        .iter()
        .map(|d| d.id)
        .collect())
}

async fn create(
    State(state): State<AppState>,
    c: Ctx,
    Form(v): Form<EventForm>,
) -> Result<Response, AppError> {
    let regions = require_desk(&state, &c).await?;
    let t = c.t;
    let region = regions.iter().find(|r| r.code == v.region.trim()).cloned();
    let parsed = v.parse(&t, &declaration_ids(&state).await?);
    match (region, parsed) {
        (Some(region), Ok(fields)) => {
            let id = state
                .store
                .create_event(region.id, &fields, &c.actor())
                .await?;
            Ok(redirect_with_flash_args(
                &format!("/events/{id}"),
                "flash.event_saved",
                &[("title", &fields.title)],
                state.config.cookie_secure,
            ))
        }
        (region, parsed) => {
            let mut errors = parsed
                .err()
                .unwrap_or_else(|| FieldErrors::labelled(form::LABELS));
            if region.is_none() {
                errors.add(&t, "region", "events.error.region");
            }
            render_form(&state, c, None, regions, v, errors).await
        }
    }
}

/// The event `id` for its region's staff; 404 for anyone who may not manage it
/// and could not see a draft either.
async fn managed_event(state: &AppState, c: &Ctx, id: i64) -> Result<(Event, Region), AppError> {
    c.require(&Action::SignedIn)?;
    let e = state.store.event(id).await?;
    if !c.can(&manage(e.region_id)) {
        return Err(if e.fields.status.is_public() {
            AppError::Forbidden
        } else {
            AppError::NotFound
        });
    }
    let region = state.store.region(e.region_id).await?;
    Ok((e, region))
}

async fn edit_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (e, region) = managed_event(&state, &c, id).await?;
    let v = EventForm::of(&e, &region.code);
    render_form(&state, c, Some(id), vec![region], v, FieldErrors::new()).await
}

async fn update(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(v): Form<EventForm>,
) -> Result<Response, AppError> {
    let (_, region) = managed_event(&state, &c, id).await?;
    let t = c.t;
    match v.parse(&t, &declaration_ids(&state).await?) {
        Ok(fields) => {
            state.store.update_event(id, &fields, &c.actor()).await?;
            Ok(redirect_with_flash_args(
                &format!("/events/{id}"),
                "flash.event_saved",
                &[("title", &fields.title)],
                state.config.cookie_secure,
            ))
        }
        Err(errors) => render_form(&state, c, Some(id), vec![region], v, errors).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn event(starts: &str, ends: &str) -> Event {
        let mut form = EventForm::new_event("072095", "相馬市", 2026);
        form.title = "講演会 <script>".into();
        form.starts_at = starts.into();
        form.ends_at = ends.into();
        form.venue_name = "相馬市総合福祉センター".into();
        form.description = "働き方改革の秘訣</script>".into();
        Event {
            id: 3,
            region_id: 1,
            uid: "event-x@erabareru".into(),
            fields: form.parse(&Tr::new(Lang::Ja), &[]).unwrap(),
            created_at: String::new(),
            updated_at: "2026-05-01T00:00:00Z".into(),
            sequence: 2,
        }
    }

    #[test]
    fn when_names_the_weekday_and_both_days_when_they_differ() {
        let ja = Tr::new(Lang::Ja);
        let en = Tr::new(Lang::En);
        let e = event("2026-06-24T13:30", "2026-06-24T16:00");
        assert_eq!(when(&ja, &e), "2026年6月24日（水） 13:30〜16:00");
        assert_eq!(when(&en, &e), "Wed, Jun 24, 2026, 13:30–16:00 (Japan time)");
        let two = event("2026-07-04T10:00", "2026-07-05T15:00");
        assert_eq!(
            when(&ja, &two),
            "2026年7月4日（土） 10:00〜2026年7月5日（日） 15:00"
        );
    }

    #[test]
    fn json_ld_cannot_close_its_script_element() {
        let e = event("2026-06-24T13:30", "2026-06-24T16:00");
        let ld = json_ld(&e, None, "http://x/events/3");
        assert!(!ld.contains('<') && !ld.contains('>'), "{ld}");
        let v: serde_json::Value = serde_json::from_str(&ld).unwrap();
        assert_eq!(v["@type"], "Event");
        assert_eq!(v["name"], "講演会 <script>");
        assert_eq!(v["startDate"], "2026-06-24T13:30:00+09:00");
        assert_eq!(
            v["eventAttendanceMode"],
            "https://schema.org/OfflineEventAttendanceMode"
        );
    }

    #[test]
    fn the_calendar_is_rfc5545_with_the_tokyo_zone() {
        let e = event("2026-06-24T13:30", "2026-06-24T16:00");
        let cal = ical::calendar(&[e], "erabareru", |e| format!("http://x/events/{}", e.id));
        assert!(cal.starts_with("BEGIN:VCALENDAR\r\n"), "{cal}");
        for line in [
            "VERSION:2.0",
            "BEGIN:VTIMEZONE",
            "TZID:Asia/Tokyo",
            "TZOFFSETTO:+0900",
            "UID:event-x@erabareru",
            "DTSTART;TZID=Asia/Tokyo:20260624T133000",
            "DTEND;TZID=Asia/Tokyo:20260624T160000",
            "SUMMARY:講演会 <script>",
            "LOCATION:相馬市総合福祉センター",
            "URL:http://x/events/3",
            "SEQUENCE:2",
            "STATUS:CONFIRMED",
            "LAST-MODIFIED:20260501T000000Z",
        ] {
            assert!(
                cal.contains(&format!("\r\n{line}\r\n")),
                "{line} missing in\n{cal}"
            );
        }
        assert!(cal.contains("\r\nDTSTAMP:"));
        // Every content line is at most 75 octets, folded with CRLF + space.
        assert!(cal.split("\r\n").all(|l| l.len() <= 75), "{cal}");
        assert!(cal.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn the_open_data_row_follows_the_recommended_columns() {
        let e = event("2026-06-24T13:30", "2026-06-24T16:00");
        let region = Region {
            id: 1,
            code: "072095".into(),
            name_ja: "相馬市".into(),
            name_en: "Soma City".into(),
            prefecture: "07".into(),
            intro_ja: String::new(),
            intro_en: String::new(),
            emblem_upload_id: None,
            registration_retention_days: 180,
            inquiry_retention_days: 180,
            open_data_licence: "cc-by-4.0".into(),
            review_postings: 0,
        };
        let row = open_data::record(&e, Some(&region), "http://x/events/3");
        let cell = |name: &str| {
            let i = open_data::HEADER.iter().position(|h| *h == name).unwrap();
            row[i].clone()
        };
        assert_eq!(cell("都道府県コード又は市区町村コード"), "072095");
        assert_eq!(cell("都道府県名"), "福島県");
        assert_eq!(cell("市区町村名"), "相馬市");
        assert_eq!(cell("開始日"), "2026-06-24");
        assert_eq!(cell("開始時間"), "13:30");
        assert_eq!(cell("終了時間"), "16:00");
        assert_eq!(cell("料金(基本)"), "無料");
        assert_eq!(cell("URL"), "http://x/events/3");
        assert_eq!(cell("備考"), "市民の方も参加できます");
    }
}
