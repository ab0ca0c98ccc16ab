//! The employer's side of inquiries: the list with this year's counts
//! (`/orgs/{id}/inquiries`), one inquiry with its CV and the answers so far
//! (`/inquiries/{id}`), and the answer form, whose text goes to the seeker by
//! mail. Only the organization's admins open any of it
//! ([`Action::AnswerInquiries`]).

use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::HeaderValue;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use domain::job::InquiryKind;
use serde::Deserialize;
use store::inquiries::{Inquiry, InquiryLine};
use store::orgs::Organization;

use crate::AppState;
use crate::auth::redirect_with_flash_args;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::{self, FieldErrors};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/orgs/{id}/inquiries", get(list))
        .route("/inquiries/{id}", get(item))
        .route("/inquiries/{id}/answer", post(answer))
        .route("/inquiries/{id}/cv", get(cv))
}

/// The longest answer, in characters.
const ANSWER_MAX: usize = 4_000;

async fn admin_org(state: &AppState, c: &Ctx, org_id: i64) -> Result<Organization, AppError> {
    c.org_for(&state.store, org_id, |o| Action::AnswerInquiries {
        org_id: o.id,
    })
    .await
}

/// An inquiry and its organization, for the organization's admins.
async fn admin_inquiry(
    state: &AppState,
    c: &Ctx,
    id: i64,
) -> Result<(Inquiry, Organization), AppError> {
    c.require(&Action::SignedIn)?;
    let i = state.store.inquiry(id).await?;
    let org = admin_org(state, c, i.org_id).await?;
    Ok((i, org))
}

/// This fiscal year's count for one posting (or the employer itself).
pub struct CountRow {
    pub about: String,
    pub applications: u64,
    pub inquiries: u64,
}

#[derive(Template)]
#[template(path = "inquiries/list.html")]
struct ListPage {
    c: Ctx,
    org: Organization,
    year_label: String,
    counts: Vec<CountRow>,
    year_total: u64,
    lines: Vec<InquiryLine>,
    retention_days: i64,
}

/// The fiscal year's counts by what the inquiries were about, most first.
fn count_rows(t: &crate::i18n::Tr, lines: &[InquiryLine], fy: i32) -> Vec<CountRow> {
    let mut rows: Vec<(Option<i64>, CountRow)> = Vec::new();
    for l in lines {
        let Ok(at) = l.created_at.parse::<jiff::Timestamp>() else {
            continue;
        };
        if kpi::engagement::fiscal_year_in_japan(at) != fy {
            continue;
        }
        let i = match rows.iter().position(|(p, _)| *p == l.posting_id) {
            Some(i) => i,
            None => {
                let about = if l.posting_id.is_none() {
                    t.t("inquiry.about_employer").to_string()
                } else {
                    l.posting_title.clone()
                };
                rows.push((
                    l.posting_id,
                    CountRow {
                        about,
                        applications: 0,
                        inquiries: 0,
                    },
                ));
                rows.len() - 1
            }
        };
        match l.kind {
            InquiryKind::Application => rows[i].1.applications += 1,
            InquiryKind::Inquiry => rows[i].1.inquiries += 1,
        }
    }
    let mut rows: Vec<CountRow> = rows.into_iter().map(|(_, r)| r).collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.applications + r.inquiries));
    rows
}

async fn list(
    State(state): State<AppState>,
    c: Ctx,
    Path(org_id): Path<i64>,
) -> Result<Response, AppError> {
    let org = admin_org(&state, &c, org_id).await?;
    let lines = state.store.inquiries_of_org(org.id).await?;
    let fy = domain::FiscalYear::containing(crate::today_jst());
    let counts = count_rows(&c.t, &lines, fy.year());
    let retention_days = match org.region_id {
        Some(r) => state.store.region(r).await?.inquiry_retention_days,
        None => 180,
    };
    let page = ListPage {
        year_label: crate::declarations::plain_fiscal_year_label(&c.t, i64::from(fy.year())),
        year_total: counts.iter().map(|r| r.applications + r.inquiries).sum(),
        counts,
        lines,
        retention_days,
        org,
        c,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "inquiries/item.html")]
struct ItemPage {
    c: Ctx,
    org: Organization,
    i: Inquiry,
    message: Vec<String>,
    cv_size: Option<String>,
    answer: String,
    errors: FieldErrors,
}

fn render_item(
    c: Ctx,
    org: Organization,
    i: Inquiry,
    answer: String,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let page = ItemPage {
        message: i.message.lines().map(String::from).collect(),
        cv_size: i
            .cv_size_bytes
            .filter(|_| i.cv_upload_id.is_some())
            .map(|b| {
                format!(
                    "{} KB",
                    crate::engagements::report::grouped((b + 1023) / 1024)
                )
            }),
        org,
        i,
        answer,
        errors,
        c,
    };
    Ok(Html(page.render()?).into_response())
}

async fn item(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (i, org) = admin_inquiry(&state, &c, id).await?;
    render_item(c, org, i, String::new(), FieldErrors::new())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct AnswerForm {
    answer: String,
}

async fn answer(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(v): Form<AnswerForm>,
) -> Result<Response, AppError> {
    let (i, org) = admin_inquiry(&state, &c, id).await?;
    let user_id = c.user.as_ref().map(|u| u.user_id).unwrap_or_default();
    let mut errors = FieldErrors::labelled(&[("answer", "inquiry.answer")]);
    let body = forms::text(&mut errors, &c.t, "answer", &v.answer, true, ANSWER_MAX);
    if i.erased_at.is_some() {
        errors.add(&c.t, "answer", "inquiry.erased");
    }
    if !errors.is_empty() {
        return render_item(c, org, i, v.answer, errors);
    }
    let base = crate::declarations::export::base_url(&state);
    let page_url = match i.posting_id {
        Some(p) => format!("{base}/jobs/{p}"),
        None => format!("{base}/workplaces/{}", org.id),
    };
    state
        .store
        .answer_inquiry(i.id, &body, user_id, |i| {
            Some(super::mail::answer(&org.name, i, &body, &page_url))
        })
        .await?;
    state
        .store
        .audit(&c.actor(), "answer", "job_inquiry", i.id, "answer mailed")
        .await?;
    Ok(redirect_with_flash_args(
        &format!("/inquiries/{}", i.id),
        "flash.inquiry_answered",
        &[("name", &i.name)],
        state.config.cookie_secure,
    ))
}

async fn cv(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (i, _) = admin_inquiry(&state, &c, id).await?;
    let bytes = state.store.inquiry_cv(i.id).await?;
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"cv-{}.pdf\"", i.id)) {
        h.insert(CONTENT_DISPOSITION, v);
    }
    h.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    // Opened on its own, the file runs nothing and loads nothing.
    h.insert(
        "content-security-policy",
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, Tr};

    fn line(id: i64, posting: Option<i64>, kind: InquiryKind, at: &str) -> InquiryLine {
        InquiryLine {
            id,
            posting_id: posting,
            posting_title: posting.map(|p| format!("求人{p}")).unwrap_or_default(),
            kind,
            name: String::new(),
            has_cv: false,
            answers: 0,
            created_at: at.into(),
            erased: false,
        }
    }

    #[test]
    fn the_year_counts_group_by_posting_most_first() {
        use InquiryKind::*;
        let lines = [
            line(1, Some(7), Application, "2026-12-01T01:00:00Z"),
            line(2, None, Inquiry, "2026-11-01T01:00:00Z"),
            line(3, Some(7), Inquiry, "2026-10-01T01:00:00Z"),
            line(4, Some(8), Application, "2026-03-31T14:00:00Z"), // FY2025 in Japan
            line(5, Some(7), Application, "2026-04-01T00:00:00Z"),
        ];
        let rows = count_rows(&Tr::new(Lang::Ja), &lines, 2026);
        let got: Vec<(&str, u64, u64)> = rows
            .iter()
            .map(|r| (r.about.as_str(), r.applications, r.inquiries))
            .collect();
        assert_eq!(got, vec![("求人7", 2, 1), ("企業あての問い合わせ", 0, 1)]);
    }
}
