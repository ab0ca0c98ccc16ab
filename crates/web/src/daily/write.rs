//! The person's own day, `/orgs/{id}/daily?day=`: the plan (朝メール) and,
//! once planned, the actual (夜メール), each a list of time blocks. Rows are
//! posted as `start_{i}`, `end_{i}`, `task_{i}`, `category_{i}` and (the
//! actual) `unplanned_{i}`. What is typed is saved as a draft while typing
//! (`/daily/draft`, from `app.js`, with a copy in the browser's storage) and
//! comes back on the next visit until the form is posted.

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use domain::daily::{
    self, Block, BlockErrors, BlockRow, HITOKOTO_MAX, REFLECTION_MAX, parse_blocks,
};
use jiff::civil::Date;
use serde::Deserialize;
use store::daily::{DraftKind, StoredDay, Tell};
use store::mail::MailKind;

use super::{Seat, day_title, iso, writable_day};
use crate::AppState;
use crate::auth::redirect_with_flash_args;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::FieldErrors;
use crate::i18n::Lang;

/// Most form fields a post may carry, and the highest row index.
const MAX_PAIRS: usize = 400;
const MAX_ROW_INDEX: usize = 60;
/// Largest draft kept, in bytes.
const DRAFT_MAX_BYTES: usize = 32 * 1024;
/// Blank rows offered under the filled ones.
const SPARE_ROWS: usize = 3;
const THANKS_MAX: usize = 200;

#[derive(Deserialize, Default)]
pub struct DayQuery {
    day: Option<String>,
    /// `plan` or `report`: reopen a posted form.
    edit: Option<String>,
    /// Fill the plan with the latest earlier plan (前日の予定をコピー).
    copy: Option<String>,
}

/// A row of a form as the template shows it.
pub struct RowView {
    pub i: usize,
    pub start: String,
    pub end: String,
    pub task: String,
    pub category: String,
    pub unplanned: bool,
    pub error: String,
}

/// A block as the read-only view shows it.
pub struct BlockView {
    pub start: String,
    pub end: String,
    pub task: String,
    pub category: String,
    pub unplanned: bool,
    pub minutes: String,
}

pub fn block_views(t: &crate::i18n::Tr, blocks: &[Block]) -> Vec<BlockView> {
    blocks
        .iter()
        .map(|b| BlockView {
            start: b.start.as_string(),
            end: b.end.as_string(),
            task: b.task.clone(),
            category: b.category.clone(),
            unplanned: b.unplanned,
            minutes: super::duration(t, u64::from(b.minutes())),
        })
        .collect()
}

pub struct Colleague {
    pub user_id: i64,
    pub name: String,
}

pub struct RecurringView {
    pub id: i64,
    pub days: String,
    pub block: String,
}

/// One of the two forms as it is to be shown.
#[derive(Default)]
pub struct FormState {
    pub rows: Vec<RowView>,
    pub errors: FieldErrors,
    /// A draft was put back in the form (saved at, as words).
    pub restored: String,
    /// Ms since the epoch of the server's draft, for the browser's copy.
    pub draft_saved_ms: i64,
    /// Ms since the epoch of when the form was last posted (0: never).
    pub posted_ms: i64,
}

#[derive(Template)]
#[template(path = "daily/write.html")]
struct WritePage {
    c: Ctx,
    seat: Seat,
    day: String,
    day_title: String,
    is_today: bool,
    previous_day: String,
    next_day: Option<String>,
    categories: Vec<String>,
    scheduled: String,
    scheduled_end: String,
    stored: Option<StoredDay>,
    planned_view: Vec<BlockView>,
    actual_view: Vec<BlockView>,
    planned_end: String,
    overloaded: bool,
    show_plan_form: bool,
    show_report_form: bool,
    plan: FormState,
    report: FormState,
    hitokoto: String,
    reflection: String,
    thanks_to: i64,
    thanks_message: String,
    colleagues: Vec<Colleague>,
    recurring: Vec<RecurringView>,
    copied: bool,
    unread: i64,
}

const WEEKDAYS_JA: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

fn weekday_bit(d: Date) -> u8 {
    1 << d.weekday().to_monday_zero_offset()
}

/// The rows of a posted form, by index; other fields are left to the caller.
fn rows_of(pairs: &[(String, String)]) -> Result<Vec<BlockRow>, AppError> {
    let mut rows: BTreeMap<usize, BlockRow> = BTreeMap::new();
    for (k, v) in pairs {
        let Some((name, i)) = k.rsplit_once('_') else {
            continue;
        };
        let Ok(i) = i.parse::<usize>() else {
            continue;
        };
        if !matches!(name, "start" | "end" | "task" | "category" | "unplanned") {
            continue;
        }
        if i > MAX_ROW_INDEX {
            return Err(AppError::BadRequest("row index".into()));
        }
        let r = rows.entry(i).or_default();
        match name {
            "start" => r.start = v.clone(),
            "end" => r.end = v.clone(),
            "task" => r.task = v.clone(),
            "category" => r.category = v.clone(),
            _ => r.unplanned = true,
        }
    }
    Ok(rows.into_values().collect())
}

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

fn row_views(
    c: &Ctx,
    rows: &[BlockRow],
    errors: &BlockErrors,
    default_category: &str,
) -> Vec<RowView> {
    let mut out: Vec<RowView> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| RowView {
            i,
            start: r.start.clone(),
            end: r.end.clone(),
            task: r.task.clone(),
            category: if r.category.is_empty() {
                default_category.to_string()
            } else {
                r.category.clone()
            },
            unplanned: r.unplanned,
            error: errors
                .row(i)
                .map(|e| c.t.t(e.i18n_key()).to_string())
                .unwrap_or_default(),
        })
        .collect();
    let filled = out.len();
    for i in filled..filled + SPARE_ROWS {
        out.push(RowView {
            i,
            start: String::new(),
            end: String::new(),
            task: String::new(),
            category: default_category.to_string(),
            unplanned: false,
            error: String::new(),
        });
    }
    out
}

/// The form's errors for the summary: the first bad row's start field, or the list.
fn summary_errors(c: &Ctx, errors: &BlockErrors, prefix: &str) -> FieldErrors {
    let mut f = FieldErrors::new();
    for (i, e) in &errors.rows {
        f.add_text(
            &format!("{prefix}start_{i}"),
            &c.t.f1("daily.row_label", "n", i + 1),
            c.t.t(e.i18n_key()),
        );
    }
    if let Some(e) = errors.list {
        f.add_text(&format!("{prefix}rows"), "", c.t.t(e.i18n_key()));
    }
    f
}

fn draft_ms(saved_at: &str) -> i64 {
    saved_at
        .parse::<jiff::Timestamp>()
        .map(|t| t.as_millisecond())
        .unwrap_or(0)
}

/// What a posted form carries besides its rows.
#[derive(Default)]
struct Posted {
    pairs: Vec<(String, String)>,
    errors: BlockErrors,
    field_errors: FieldErrors,
}

struct Render {
    day: Date,
    edit: Option<String>,
    copy: bool,
    plan_posted: Option<Posted>,
    report_posted: Option<Posted>,
}

async fn render(state: &AppState, c: Ctx, seat: Seat, r: Render) -> Result<Response, AppError> {
    let store = &state.store;
    let day = iso(r.day);
    let stored = store.asa_day(seat.org.id, seat.user_id, &day).await?;
    let default_category = seat
        .settings
        .categories
        .first()
        .cloned()
        .unwrap_or_default();
    let planned = stored
        .as_ref()
        .map(|s| s.planned.clone())
        .unwrap_or_default();
    let has_plan = !planned.is_empty();
    let has_report = stored.as_ref().is_some_and(|s| s.actual.is_some());
    let show_plan_form = r.plan_posted.is_some() || !has_plan || r.edit.as_deref() == Some("plan");
    let show_report_form = r.report_posted.is_some()
        || (has_plan && !has_report && !show_plan_form)
        || r.edit.as_deref() == Some("report");

    // The plan form: what was posted, else the draft, else the stored plan,
    // else a copy of the last plan, else the recurring blocks of this weekday.
    let mut plan = FormState::default();
    let mut hitokoto = stored
        .as_ref()
        .map(|s| s.hitokoto.clone())
        .unwrap_or_default();
    let mut copied = false;
    if show_plan_form {
        let draft = store
            .asa_draft(seat.org.id, seat.user_id, &day, DraftKind::Plan)
            .await?;
        let (rows, errors) = if let Some(p) = &r.plan_posted {
            hitokoto = field(&p.pairs, "hitokoto").to_string();
            plan.errors = summary_errors(&c, &p.errors, "");
            (rows_of(&p.pairs)?, p.errors.clone())
        } else if let Some((body, saved_at)) = draft.as_ref().filter(|_| !r.copy) {
            let pairs: Vec<(String, String)> = serde_json::from_str(body).unwrap_or_default();
            hitokoto = field(&pairs, "hitokoto").to_string();
            plan.restored = c.t.datetime(saved_at);
            plan.draft_saved_ms = draft_ms(saved_at);
            (rows_of(&pairs)?, BlockErrors::default())
        } else if has_plan {
            (
                planned.iter().map(BlockRow::of).collect(),
                BlockErrors::default(),
            )
        } else if r.copy {
            let last = store
                .asa_last_plan_before(seat.org.id, seat.user_id, &day)
                .await?;
            copied = last.is_some();
            let rows = last
                .map(|l| l.planned.iter().map(BlockRow::of).collect())
                .unwrap_or_default();
            (rows, BlockErrors::default())
        } else {
            let bit = weekday_bit(r.day);
            let mut blocks: Vec<Block> = store
                .asa_recurring(seat.org.id, seat.user_id)
                .await?
                .into_iter()
                .filter(|x| x.weekdays & bit != 0)
                .map(|x| x.block)
                .collect();
            blocks.sort_by_key(|b| b.start);
            (
                blocks.iter().map(BlockRow::of).collect(),
                BlockErrors::default(),
            )
        };
        plan.rows = row_views(&c, &rows, &errors, &default_category);
        plan.posted_ms = stored
            .as_ref()
            .filter(|_| has_plan)
            .map(|s| draft_ms(&s.planned_at))
            .unwrap_or(0);
        if let Some(p) = &r.plan_posted {
            merge_field_errors(&mut plan.errors, &p.field_errors);
        }
    }

    // The report form: what was posted, else the draft, else the stored
    // actual, else the plan to adjust.
    let mut report = FormState::default();
    let mut reflection = stored
        .as_ref()
        .map(|s| s.reflection.clone())
        .unwrap_or_default();
    let mut thanks_to = 0;
    let mut thanks_message = String::new();
    if show_report_form {
        let draft = store
            .asa_draft(seat.org.id, seat.user_id, &day, DraftKind::Report)
            .await?;
        let (rows, errors) = if let Some(p) = &r.report_posted {
            reflection = field(&p.pairs, "reflection").to_string();
            thanks_to = field(&p.pairs, "thanks_to").parse().unwrap_or(0);
            thanks_message = field(&p.pairs, "thanks_message").to_string();
            report.errors = summary_errors(&c, &p.errors, "r");
            (rows_of(&p.pairs)?, p.errors.clone())
        } else if let Some((body, saved_at)) = &draft {
            let pairs: Vec<(String, String)> = serde_json::from_str(body).unwrap_or_default();
            reflection = field(&pairs, "reflection").to_string();
            thanks_to = field(&pairs, "thanks_to").parse().unwrap_or(0);
            thanks_message = field(&pairs, "thanks_message").to_string();
            report.restored = c.t.datetime(saved_at);
            report.draft_saved_ms = draft_ms(saved_at);
            (rows_of(&pairs)?, BlockErrors::default())
        } else if let Some(actual) = stored.as_ref().and_then(|s| s.actual.as_ref()) {
            (
                actual.iter().map(BlockRow::of).collect(),
                BlockErrors::default(),
            )
        } else {
            (
                planned.iter().map(BlockRow::of).collect(),
                BlockErrors::default(),
            )
        };
        report.rows = row_views(&c, &rows, &errors, &default_category);
        report.posted_ms = stored
            .as_ref()
            .and_then(|s| s.reported_at.as_deref())
            .map(draft_ms)
            .unwrap_or(0);
        if let Some(p) = &r.report_posted {
            merge_field_errors(&mut report.errors, &p.field_errors);
        }
    }

    let status = if plan.errors.is_empty() && report.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let planned_end = daily::day_end(&planned);
    let overloaded = planned_end.is_some_and(|e| e > seat.settings.scheduled_end);
    let colleagues = colleagues(state, &seat).await?;
    let recurring = store
        .asa_recurring(seat.org.id, seat.user_id)
        .await?
        .into_iter()
        .map(|x| RecurringView {
            id: x.id,
            days: (0..7)
                .filter(|i| x.weekdays & (1 << i) != 0)
                .map(|i| {
                    if c.t.is_ja() {
                        WEEKDAYS_JA[i]
                    } else {
                        WEEKDAYS_EN[i]
                    }
                })
                .collect::<Vec<_>>()
                .join(if c.t.is_ja() { "・" } else { ", " }),
            block: format!(
                "{}–{} {}（{}）",
                x.block.start, x.block.end, x.block.task, x.block.category
            ),
        })
        .collect();
    let today = crate::today_jst();
    let unread = store.asa_unread(seat.org.id, seat.user_id).await?;
    let page = WritePage {
        day_title: day_title(&c.t, r.day),
        is_today: r.day == today,
        previous_day: r.day.yesterday().map(iso).unwrap_or_default(),
        next_day: r.day.tomorrow().ok().filter(|d| *d <= today).map(iso),
        categories: seat.settings.categories.clone(),
        scheduled: format!(
            "{}–{}",
            seat.settings.scheduled_start, seat.settings.scheduled_end
        ),
        scheduled_end: seat.settings.scheduled_end.as_string(),
        planned_view: block_views(&c.t, &planned),
        actual_view: stored
            .as_ref()
            .and_then(|s| s.actual.as_ref())
            .map(|a| block_views(&c.t, a))
            .unwrap_or_default(),
        planned_end: planned_end.map(|e| e.as_string()).unwrap_or_default(),
        overloaded,
        show_plan_form,
        show_report_form,
        plan,
        report,
        hitokoto,
        reflection,
        thanks_to,
        thanks_message,
        colleagues,
        recurring,
        copied,
        unread,
        day,
        stored,
        seat,
        c,
    };
    Ok((status, Html(page.render()?)).into_response())
}

fn merge_field_errors(into: &mut FieldErrors, from: &FieldErrors) {
    for (field, label, message) in from.all() {
        into.add_text(field, label, message);
    }
}

/// Whom the person may thank: their team, or the organization when they have none.
async fn colleagues(state: &AppState, seat: &Seat) -> Result<Vec<Colleague>, AppError> {
    let team = seat.team.as_ref().map(|t| t.id);
    Ok(state
        .store
        .asa_people(seat.org.id)
        .await?
        .into_iter()
        .filter(|p| p.user_id != seat.user_id && (team.is_none() || p.team_id == team))
        .map(|p| Colleague {
            user_id: p.user_id,
            name: p.display_name,
        })
        .collect())
}

pub async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<DayQuery>,
) -> Result<Response, AppError> {
    let seat = Seat::of(&state, &c, id).await?;
    let day = writable_day(q.day.as_deref())?;
    let r = Render {
        day,
        edit: q.edit,
        copy: q.copy.is_some(),
        plan_posted: None,
        report_posted: None,
    };
    render(&state, c, seat, r).await
}

fn bounded(pairs: &[(String, String)]) -> Result<(), AppError> {
    if pairs.len() > MAX_PAIRS {
        return Err(AppError::BadRequest("too many fields".into()));
    }
    Ok(())
}

fn day_url(org_id: i64, day: &str) -> String {
    format!("/orgs/{org_id}/daily?day={day}")
}

pub async fn save_plan(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    bounded(&pairs)?;
    let seat = Seat::of(&state, &c, id).await?;
    let day = writable_day(Some(field(&pairs, "day")))?;
    let rows = rows_of(&pairs)?;
    let mut field_errors = FieldErrors::new();
    let hitokoto = field(&pairs, "hitokoto").trim().to_string();
    if hitokoto.chars().count() > HITOKOTO_MAX {
        field_errors.add_labelled(&c.t, "hitokoto", "daily.hitokoto", "form.too_long");
    }
    let parsed = parse_blocks(&rows, &seat.settings.categories, true, false);
    // 「行を追加」 without script: show more rows, save nothing.
    let more = !field(&pairs, "more").is_empty();
    match parsed {
        Ok(blocks) if field_errors.is_empty() && !more => {
            let day = iso(day);
            state
                .store
                .save_asa_plan(
                    seat.org.id,
                    seat.user_id,
                    &day,
                    seat.team.as_ref().map(|t| t.id),
                    &hitokoto,
                    &blocks,
                    seat.settings.scheduled_end,
                )
                .await?;
            Ok(redirect_with_flash_args(
                &day_url(seat.org.id, &day),
                "flash.daily_plan_saved",
                &[],
                state.config.cookie_secure,
            ))
        }
        parsed => {
            let r = again(
                day,
                DraftKind::Plan,
                pairs,
                parsed.err(),
                more,
                field_errors,
            );
            render(&state, c, seat, r).await
        }
    }
}

/// The form again after a post that saved nothing: with its errors, or with
/// more rows when 「行を追加」 was pressed (no script).
fn again(
    day: Date,
    kind: DraftKind,
    mut pairs: Vec<(String, String)>,
    errors: Option<BlockErrors>,
    more: bool,
    field_errors: FieldErrors,
) -> Render {
    let errors = if more {
        extend_rows(&mut pairs);
        BlockErrors::default()
    } else {
        errors.unwrap_or_default()
    };
    let posted = Some(Posted {
        pairs,
        errors,
        field_errors,
    });
    let (edit, plan_posted, report_posted) = match kind {
        DraftKind::Plan => ("plan", posted, None),
        DraftKind::Report => ("report", None, posted),
    };
    Render {
        day,
        edit: Some(edit.into()),
        copy: false,
        plan_posted,
        report_posted,
    }
}

/// Append blank rows to a posted form (the no-script 「行を追加」).
fn extend_rows(pairs: &mut Vec<(String, String)>) {
    let next = rows_of(pairs).map(|r| r.len()).unwrap_or(0);
    for i in next..(next + 3).min(MAX_ROW_INDEX + 1) {
        pairs.push((format!("start_{i}"), String::new()));
    }
}

pub async fn save_report(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    bounded(&pairs)?;
    let seat = Seat::of(&state, &c, id).await?;
    let day = writable_day(Some(field(&pairs, "day")))?;
    if day > crate::today_jst() {
        return Err(AppError::BadRequest("a report of a day to come".into()));
    }
    let rows = rows_of(&pairs)?;
    let mut field_errors = FieldErrors::new();
    let reflection = field(&pairs, "reflection").trim().to_string();
    if reflection.chars().count() > REFLECTION_MAX {
        field_errors.add_labelled(&c.t, "reflection", "daily.reflection", "form.too_long");
    }
    let colleagues = colleagues(&state, &seat).await?;
    let thanks_to: i64 = field(&pairs, "thanks_to").parse().unwrap_or(0);
    let thanks_message = field(&pairs, "thanks_message").trim().to_string();
    let thanked = colleagues.iter().find(|x| x.user_id == thanks_to);
    if thanks_to != 0 && thanked.is_none() {
        field_errors.add_labelled(
            &c.t,
            "thanks_to",
            "daily.thanks_to",
            "daily.error_thanks_to",
        );
    }
    if thanks_to == 0 && !thanks_message.is_empty() {
        field_errors.add_labelled(
            &c.t,
            "thanks_to",
            "daily.thanks_to",
            "daily.error_thanks_whom",
        );
    }
    if thanks_message.chars().count() > THANKS_MAX {
        field_errors.add_labelled(
            &c.t,
            "thanks_message",
            "daily.thanks_message",
            "form.too_long",
        );
    }
    let more = !field(&pairs, "more").is_empty();
    let parsed = parse_blocks(&rows, &seat.settings.categories, true, true);
    match parsed {
        Ok(actual) if field_errors.is_empty() && !more => {
            let day = iso(day);
            let mut tell = Tell::default();
            let thanks = match thanked {
                Some(to) => {
                    let body = if thanks_message.is_empty() {
                        c.t.t("daily.thanks_default").to_string()
                    } else {
                        thanks_message.clone()
                    };
                    tell.in_app.push(to.user_id);
                    if let Some(m) = comment_mail(&state, &c, &seat, to.user_id, &day, true).await?
                    {
                        tell.mails.push(m);
                    }
                    Some((to.user_id, body))
                }
                None => None,
            };
            state
                .store
                .save_asa_report(
                    seat.org.id,
                    seat.user_id,
                    &day,
                    seat.team.as_ref().map(|t| t.id),
                    seat.settings.scheduled_end,
                    &actual,
                    &reflection,
                    thanks.as_ref().map(|(to, b)| (*to, b.as_str())),
                    tell,
                )
                .await?;
            Ok(redirect_with_flash_args(
                &day_url(seat.org.id, &day),
                "flash.daily_report_saved",
                &[],
                state.config.cookie_secure,
            ))
        }
        parsed => {
            let r = again(
                day,
                DraftKind::Report,
                pairs,
                parsed.err(),
                more,
                field_errors,
            );
            render(&state, c, seat, r).await
        }
    }
}

/// The mail telling `to` of a comment or thanks on a day, if they asked for
/// it (in Japanese: accounts keep no language).
pub async fn comment_mail(
    state: &AppState,
    c: &Ctx,
    seat: &Seat,
    to: i64,
    day: &str,
    thanks: bool,
) -> Result<Option<store::mail::NewMail>, AppError> {
    if !state.store.asa_mail_on_comment(seat.org.id, to).await? {
        return Ok(None);
    }
    let Some(person) = state
        .store
        .asa_people(seat.org.id)
        .await?
        .into_iter()
        .find(|p| p.user_id == to)
    else {
        return Ok(None);
    };
    let t = crate::i18n::Tr::new(Lang::Ja);
    let by = c
        .user
        .as_ref()
        .map(|u| u.display_name.as_str())
        .unwrap_or("");
    let key = if thanks {
        "daily.mail.thanks"
    } else {
        "daily.mail.comment"
    };
    let link = format!(
        "{}/orgs/{}/daily/notifications",
        crate::declarations::export::base_url(state),
        seat.org.id
    );
    Ok(Some(crate::public_form::mail(
        Lang::Ja,
        MailKind::DailyComment,
        &person.email,
        t.t("daily.mail.subject").to_string(),
        &[
            t.f1("mail.greeting", "name", &person.display_name),
            t.f2(key, "by", by, "day", t.date(day)),
            t.t("daily.mail.why").to_string(),
        ],
        (t.t("daily.mail.link"), &link),
    )))
}

/// The form as typed, saved while typing. Answers 204; nothing is checked
/// but bounds (it is a draft), and a draft is never shown to anyone else.
pub async fn save_draft(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    bounded(&pairs)?;
    let seat = Seat::of(&state, &c, id).await?;
    let day = writable_day(Some(field(&pairs, "day")))?;
    let kind = match field(&pairs, "kind") {
        "plan" => DraftKind::Plan,
        "report" => DraftKind::Report,
        _ => return Err(AppError::BadRequest("draft kind".into())),
    };
    let kept: Vec<&(String, String)> = pairs
        .iter()
        .filter(|(k, _)| k != "csrf_token" && k != "kind" && k != "day")
        .collect();
    let body = serde_json::to_string(&kept).map_err(|e| AppError::Internal(e.to_string()))?;
    if body.len() > DRAFT_MAX_BYTES {
        return Err(AppError::BadRequest("draft too large".into()));
    }
    state
        .store
        .save_asa_draft(seat.org.id, seat.user_id, &iso(day), kind, &body)
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// A recurring block as posted: `weekday` (0 = Monday, repeated), `start`,
/// `end`, `task`, `category`.
pub async fn add_recurring(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    bounded(&pairs)?;
    let seat = Seat::of(&state, &c, id).await?;
    let mut weekdays = 0_u8;
    for (k, v) in &pairs {
        if k == "weekday" {
            match v.parse::<u8>() {
                Ok(i) if i < 7 => weekdays |= 1 << i,
                _ => return Err(AppError::BadRequest("weekday".into())),
            }
        }
    }
    let row = BlockRow {
        start: field(&pairs, "start").to_string(),
        end: field(&pairs, "end").to_string(),
        task: field(&pairs, "task").to_string(),
        category: field(&pairs, "category").to_string(),
        unplanned: false,
    };
    let day = field(&pairs, "day").to_string();
    let back = if day.is_empty() {
        format!("/orgs/{}/daily", seat.org.id)
    } else {
        day_url(seat.org.id, &iso(writable_day(Some(&day))?))
    };
    let block = parse_blocks(
        std::slice::from_ref(&row),
        &seat.settings.categories,
        true,
        false,
    );
    let (Ok(mut blocks), true) = (block, weekdays != 0) else {
        return Ok(redirect_with_flash_args(
            &format!("{back}#recurring"),
            "flash.daily_recurring_invalid",
            &[],
            state.config.cookie_secure,
        ));
    };
    let count = state
        .store
        .asa_recurring(seat.org.id, seat.user_id)
        .await?
        .len();
    if count >= daily::MAX_BLOCKS {
        return Err(AppError::BadRequest("too many recurring blocks".into()));
    }
    let block = blocks.remove(0);
    state
        .store
        .add_asa_recurring(seat.org.id, seat.user_id, weekdays, &block)
        .await?;
    Ok(redirect_with_flash_args(
        &format!("{back}#recurring"),
        "flash.daily_recurring_added",
        &[],
        state.config.cookie_secure,
    ))
}

pub async fn delete_recurring(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, rid)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let seat = Seat::of(&state, &c, id).await?;
    state
        .store
        .delete_asa_recurring(seat.org.id, seat.user_id, rid)
        .await?;
    Ok(redirect_with_flash_args(
        &format!("/orgs/{}/daily#recurring", seat.org.id),
        "flash.daily_recurring_deleted",
        &[],
        state.config.cookie_secure,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn rows_come_from_indexed_fields_and_unknown_fields_are_ignored() {
        let rows = rows_of(&pairs(&[
            ("csrf_token", "x"),
            ("start_0", "9:00"),
            ("end_0", "9:30"),
            ("task_0", "朝礼"),
            ("category_0", "会議"),
            ("start_2", "10:00"),
            ("unplanned_2", "1"),
            ("thanks_to", "3"),
        ]))
        .unwrap();
        assert_eq!(rows.len(), 2, "indices 0 and 2, in order");
        assert_eq!(rows[0].task, "朝礼");
        assert!(rows[1].unplanned);
        assert!(rows_of(&pairs(&[("start_61", "9:00")])).is_err());
    }
}
