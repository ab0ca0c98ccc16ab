//! The region staff's side of an event's registrations: the list that works as
//! the check-in desk on a tablet (search by name, one tap per person) and its
//! export as CSV (UTF-8 with BOM) and XLSX. Participants' personal data: staff of
//! the event's region alone.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::HeaderValue;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{Html, IntoResponse, Redirect, Response};
use domain::event::RegistrationStatus;
use serde::Deserialize;
use store::events::Event;
use store::registrations::{Counts, Registration};

use crate::AppState;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::i18n::Tr;

#[derive(Debug, Default, Deserialize)]
pub struct DeskQuery {
    #[serde(default)]
    q: String,
}

/// One row as staff read it.
pub struct Row {
    pub id: i64,
    pub name: String,
    pub organization: String,
    pub role: &'static str,
    pub email: String,
    pub status: RegistrationStatus,
    pub status_label: &'static str,
    pub registered_at: String,
    pub checked_in_at: Option<String>,
}

fn row(t: &Tr, r: &Registration) -> Row {
    Row {
        id: r.id,
        name: r.name.clone(),
        organization: r.organization.clone(),
        role: t.pick(r.role.name_ja(), r.role.name_en()),
        email: r.email.clone(),
        status: r.status,
        status_label: t.pick(r.status.name_ja(), r.status.name_en()),
        registered_at: t.datetime(&r.created_at),
        checked_in_at: r.checked_in_at.as_deref().map(|at| t.datetime(at)),
    }
}

/// Folded for search: full-width letters and digits to half-width, lower case,
/// no spaces (「山田　花子」 finds 「山田花子」).
fn fold(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            let c = match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            };
            (!c.is_whitespace()).then_some(c)
        })
        .flat_map(char::to_lowercase)
        .collect()
}

fn matches(r: &Registration, q: &str) -> bool {
    let q = fold(q);
    q.is_empty() || fold(&r.name).contains(&q) || fold(&r.organization).contains(&q)
}

/// 「参加確定 12人（受付済み 3人）・キャンセル待ち 2人・取消 1人」
fn counts_line(t: &Tr, counts: Counts, cancelled: usize) -> String {
    t.f(
        "events.desk.counts",
        &[
            ("confirmed", &counts.confirmed),
            ("present", &counts.checked_in),
            ("waiting", &counts.waitlisted),
            ("cancelled", &cancelled),
        ],
    )
}

#[derive(Template)]
#[template(path = "events/desk.html")]
struct DeskPage {
    c: Ctx,
    event_id: i64,
    title: String,
    when: String,
    counts_line: String,
    q: String,
    confirmed: Vec<Row>,
    waitlisted: Vec<Row>,
}

pub async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Query(query): Query<DeskQuery>,
) -> Result<Response, AppError> {
    let (e, _) = super::managed_event(&state, &c, id).await?;
    let all = state.store.registrations_of_event(e.id).await?;
    let counts = state.store.registration_counts(e.id).await?;
    let t = c.t;
    let q = query.q.trim().to_string();
    let cancelled = all
        .iter()
        .filter(|r| r.status == RegistrationStatus::Cancelled)
        .count();
    let pick = |status: RegistrationStatus| -> Vec<Row> {
        all.iter()
            .filter(|r| r.status == status && matches(r, &q))
            .map(|r| row(&t, r))
            .collect()
    };
    let page = DeskPage {
        event_id: e.id,
        title: e.fields.title.clone(),
        when: super::when(&t, &e),
        counts_line: counts_line(&t, counts, cancelled),
        confirmed: pick(RegistrationStatus::Confirmed),
        waitlisted: pick(RegistrationStatus::Waitlisted),
        q,
        c,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct CheckInForm {
    #[serde(default)]
    present: String,
    #[serde(default)]
    q: String,
}

/// One tap: present, or undo. Back to the list, the search kept and the row in view.
pub async fn check_in(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, registration)): Path<(i64, i64)>,
    Form(f): Form<CheckInForm>,
) -> Result<Response, AppError> {
    let (e, _) = super::managed_event(&state, &c, id).await?;
    state
        .store
        .set_checked_in(e.id, registration, f.present == "1")
        .await?;
    let q = crate::errors::urlencode(f.q.trim());
    Ok(Redirect::to(&format!(
        "/events/{}/registrations?q={q}#r{registration}",
        e.id
    ))
    .into_response())
}

/// The export's header and rows, in the reader's language.
fn table(t: &Tr, all: &[Registration]) -> (Vec<String>, Vec<Vec<String>>) {
    let header = [
        "events.desk.no",
        "events.reg.name",
        "events.reg.organization",
        "events.reg.role",
        "events.reg.email",
        "events.desk.status",
        "events.desk.registered_at",
        "events.desk.checked_in_at",
    ]
    .iter()
    .map(|k| t.t(k).to_string())
    .collect();
    let rows = all
        .iter()
        .map(|r| {
            let v = row(t, r);
            vec![
                v.id.to_string(),
                v.name,
                v.organization,
                v.role.to_string(),
                v.email,
                v.status_label.to_string(),
                v.registered_at,
                v.checked_in_at.unwrap_or_default(),
            ]
        })
        .collect();
    (header, rows)
}

pub(crate) fn attachment(
    mut res: Response,
    content_type: &'static str,
    filename: String,
) -> Response {
    res.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        res.headers_mut().insert(CONTENT_DISPOSITION, v);
    }
    res
}

async fn export_data(
    state: &AppState,
    c: &Ctx,
    id: i64,
) -> Result<(Event, Vec<String>, Vec<Vec<String>>), AppError> {
    let (e, _) = super::managed_event(state, c, id).await?;
    let all = state.store.registrations_of_event(e.id).await?;
    let (header, rows) = table(&c.t, &all);
    Ok((e, header, rows))
}

pub async fn csv(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (e, header, rows) = export_data(&state, &c, id).await?;
    let err = |e: csv::Error| AppError::Internal(e.to_string());
    let mut out = crate::csv_out::CsvOut::new();
    out.record(&header).map_err(err)?;
    for r in &rows {
        out.record(r).map_err(err)?;
    }
    Ok(attachment(
        out.into_bytes().map_err(err)?.into_response(),
        "text/csv; charset=utf-8",
        format!("event-{}-registrations.csv", e.id),
    ))
}

pub async fn xlsx(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (e, header, rows) = export_data(&state, &c, id).await?;
    let err = |e: rust_xlsxwriter::XlsxError| AppError::Internal(e.to_string());
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(c.t.t("events.desk.sheet")).map_err(err)?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (col, h) in header.iter().enumerate() {
        sheet
            .write_string_with_format(0, col as u16, h, &bold)
            .map_err(err)?;
    }
    // Written as text, never as a formula, whatever was typed.
    for (i, r) in rows.iter().enumerate() {
        for (col, cell) in r.iter().enumerate() {
            sheet
                .write_string(i as u32 + 1, col as u16, cell)
                .map_err(err)?;
        }
    }
    let bytes = book.save_to_buffer().map_err(err)?;
    Ok(attachment(
        bytes.into_response(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        format!("event-{}-registrations.xlsx", e.id),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_ignores_width_case_and_spaces() {
        assert_eq!(fold("山田　花子"), "山田花子");
        assert_eq!(fold("ＡＢＣ株式会社 1"), "abc株式会社1");
    }
}
