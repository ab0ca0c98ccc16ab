//! The annual report of the program (事業報告): the same figures as the program
//! view, laid out to print on A4 for the mayor, and as an XLSX workbook with one
//! sheet per part.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::{Program, ProgramQuery, chosen, load};
use crate::AppState;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::i18n::Tr;

#[derive(Template)]
#[template(path = "program/report.html")]
struct ReportPage {
    c: Ctx,
    p: Program,
    /// 「令和8年12月1日」: the day it was printed.
    made_on: String,
}

/// `/program/report`: the printable annual report.
pub async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Query(q): Query<ProgramQuery>,
) -> Result<Response, AppError> {
    let (region, _, year) = chosen(&state, &c, &q).await?;
    let t = c.t;
    let today = crate::today_jst();
    let page = ReportPage {
        p: load(&state, &t, region, year).await?,
        made_on: if t.is_ja() {
            domain::wareki(today)
        } else {
            t.date(&today.to_string())
        },
        c,
    };
    Ok(Html(page.render()?).into_response())
}

fn header(sheet: &mut Worksheet, cells: &[&str]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (col, h) in cells.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *h, &bold)?;
    }
    Ok(())
}

/// The workbook: the funnel, then the events.
pub fn workbook(t: &Tr, p: &Program) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(t.t("program.sheet.funnel"))?;
    sheet.write_string(0, 0, format!("{}　{}", p.region_name(t), p.year_label))?;
    let bold = Format::new().set_bold();
    for (col, h) in [
        t.t("program.col.step"),
        t.t("program.col.count"),
        t.t("program.col.what"),
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string_with_format(2, col as u16, *h, &bold)?;
    }
    for (i, s) in p.funnel.iter().enumerate() {
        let row = i as u32 + 3;
        sheet.write_string(row, 0, s.label)?;
        sheet.write_number(row, 1, s.count as f64)?;
        sheet.write_string(row, 2, s.note)?;
    }
    sheet.set_column_width(0, 28)?;
    sheet.set_column_width(2, 60)?;

    let sheet = book.add_worksheet();
    sheet.set_name(t.t("program.sheet.events"))?;
    header(
        sheet,
        &[
            t.t("program.col.date"),
            t.t("program.col.event"),
            t.t("program.col.confirmed"),
            t.t("program.col.checked_in"),
            t.t("program.col.answers"),
            t.t("program.col.satisfaction"),
            t.t("program.col.wants_course"),
            t.t("program.col.wants_consulting"),
        ],
    )?;
    for (i, e) in p.events.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, &e.date)?;
        // Typed by staff: written as text, never as a formula.
        sheet.write_string(row, 1, &e.title)?;
        sheet.write_number(row, 2, e.confirmed as f64)?;
        sheet.write_number(row, 3, e.checked_in as f64)?;
        sheet.write_number(row, 4, e.answers as f64)?;
        match &e.satisfaction {
            Some(s) => sheet.write_string(row, 5, s)?,
            None => sheet.write_string(row, 5, t.t("program.no_answers"))?,
        };
        sheet.write_number(row, 6, e.wants_course as f64)?;
        sheet.write_number(row, 7, e.wants_consulting as f64)?;
    }
    sheet.set_column_width(1, 50)?;

    let sheet = book.add_worksheet();
    sheet.set_name(t.t("program.sheet.course"))?;
    header(
        sheet,
        &[
            t.t("program.col.course"),
            t.t("program.col.participants"),
            t.t("program.col.organizations"),
            t.t("program.col.sessions"),
            t.t("program.col.graduates"),
        ],
    )?;
    for (i, k) in p.courses.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, &k.title)?;
        sheet.write_number(row, 1, k.participants as f64)?;
        sheet.write_number(row, 2, k.organizations as f64)?;
        sheet.write_string(
            row,
            3,
            t.f2(
                "program.sessions_of",
                "held",
                k.sessions_held,
                "all",
                k.sessions,
            ),
        )?;
        sheet.write_number(row, 4, k.graduates as f64)?;
    }
    sheet.set_column_width(0, 40)?;

    let sheet = book.add_worksheet();
    sheet.set_name(t.t("program.sheet.engagements"))?;
    header(
        sheet,
        &[
            t.t("program.col.organization"),
            t.t("program.col.status"),
            t.t("program.col.period"),
            t.t("program.col.consultants"),
            t.t("program.col.meetings"),
            t.t("program.col.open_actions"),
        ],
    )?;
    for (i, e) in p.engagements.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, &e.org_name)?;
        sheet.write_string(row, 1, e.status)?;
        sheet.write_string(row, 2, &e.period)?;
        sheet.write_string(row, 3, &e.consultants)?;
        sheet.write_number(row, 4, e.meetings as f64)?;
        sheet.write_number(row, 5, e.open_actions as f64)?;
    }
    sheet.set_column_width(0, 36)?;

    let sheet = book.add_worksheet();
    sheet.set_name(t.t("program.sheet.outcomes"))?;
    header(
        sheet,
        &[
            t.t("program.col.figure"),
            t.t("program.col.organization"),
            &p.outcomes.baseline_label,
            &p.outcomes.latest_label,
            t.t("program.col.change"),
        ],
    )?;
    let mut row = 1;
    for f in &p.outcomes.figures {
        let mut lines: Vec<&super::outcomes::OrgLine> = f.participants.iter().collect();
        if let Ok((ours, others)) = &f.groups {
            lines.push(ours);
            lines.push(others);
        }
        for l in lines {
            sheet.write_string(row, 0, format!("{}（{}）", f.name, f.unit))?;
            sheet.write_string(row, 1, &l.name)?;
            sheet.write_string(row, 2, &l.baseline)?;
            sheet.write_string(row, 3, &l.latest)?;
            sheet.write_string(row, 4, &l.change)?;
            row += 1;
        }
    }
    sheet.set_column_width(0, 40)?;
    sheet.set_column_width(1, 30)?;
    book.save_to_buffer()
}

impl Program {
    pub fn region_name<'a>(&'a self, t: &Tr) -> &'a str {
        t.pick(&self.region.name_ja, &self.region.name_en)
    }
}

/// `/program/report.xlsx`.
pub async fn xlsx(
    State(state): State<AppState>,
    c: Ctx,
    Query(q): Query<ProgramQuery>,
) -> Result<Response, AppError> {
    let (region, _, year) = chosen(&state, &c, &q).await?;
    let t = c.t;
    let p = load(&state, &t, region, year).await?;
    let bytes = workbook(&t, &p).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(crate::events::desk::attachment(
        bytes.into_response(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        format!("program-{}-{}.xlsx", p.region.code, p.year),
    ))
}
