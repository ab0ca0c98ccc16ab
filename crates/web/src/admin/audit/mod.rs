//! The audit log in words: who did what to which thing, in the reader's language,
//! with filters (person, kind of thing, dates), pages and a CSV export.
//!
//! Entries are stored as (action, entity, entity id, detail) codes; this module
//! is the one place that turns them into sentences, so a code never reaches a page.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{Html, IntoResponse, Response};
use jiff::civil::Date;
use serde::Deserialize;
use store::audit::{AuditEntry, AuditFilter};

use crate::AppState;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::i18n::Tr;

/// Entries per page.
const PAGE: i64 = 100;
/// Most rows one CSV export carries (the filters narrow a larger log).
const CSV_MAX_ROWS: i64 = 50_000;

/// The kinds of things the log records, in the order the filter lists them.
pub const ENTITIES: &[&str] = &[
    "user",
    "role_assignment",
    "organization",
    "signing",
    "declaration",
    "region",
    "kpi_import",
    "import_job",
    "year_extras",
    "childcare_figures",
    "certification_facts",
    "action_plan",
    "industry_average",
    "demo",
    "event",
    "news",
    "story",
    "job_posting",
    "workplace_profile",
    "survey_round",
    "publication",
    "care_duties",
    "care_notice",
    "care_centres",
    "daily_settings",
    "daily_team",
    "daily_member",
    "region_cards",
    "care_request",
];

/// Actions with a sentence of their own; anything else reads as a change.
const ACTIONS: &[&str] = &[
    "login",
    "login_failed",
    "login_throttled",
    "logout",
    "create",
    "update",
    "delete",
    "approved",
    "rejected",
    "proposed",
    "withdrawn",
    "open",
    "close",
    "publish",
    "withdraw",
];

/// Details that are codes written by the application, not names typed by people.
const DETAILS: &[&str] = &[
    "password changed",
    "confirmed",
    "disabled",
    "enabled",
    "demo data set loaded",
];

/// Actors that are the application itself, not a person: their label → i18n key.
const SYSTEM_ACTORS: &[(&str, &str)] = &[
    ("demo loader", "audit.system.demo_loader"),
    ("import job", "audit.system.import_job"),
    ("cli", "audit.system.cli"),
    ("", "audit.system.unknown"),
];

/// The names the sentences use for organizations, users and regions.
pub struct Names {
    orgs: HashMap<String, String>,
    users: HashMap<String, String>,
    regions: HashMap<String, (String, String)>,
}

impl Names {
    pub async fn load(store: &store::Store) -> Result<Names, AppError> {
        Ok(Names {
            orgs: store
                .list_organizations()
                .await?
                .into_iter()
                .map(|o| (o.id.to_string(), o.name))
                .collect(),
            users: store
                .list_users()
                .await?
                .into_iter()
                .map(|u| (u.id.to_string(), u.email))
                .collect(),
            regions: store
                .list_regions()
                .await?
                .into_iter()
                .map(|r| (r.id.to_string(), (r.name_ja, r.name_en)))
                .collect(),
        })
    }
}

/// One entry as a reader sees it.
pub struct Line {
    pub at: String,
    pub actor: String,
    pub sentence: String,
    pub detail: String,
    pub ip: String,
}

/// Details written as `FY2025 …` by the import worker and the figures form:
/// the fiscal year in words, and the kind of aggregate when one is named.
fn fiscal_year_detail(t: &Tr, detail: &str) -> Option<String> {
    let rest = detail.strip_prefix("FY")?;
    let (year, tail) = rest.split_at(rest.find(' ').unwrap_or(rest.len()));
    let year: i64 = year.parse().ok()?;
    let label = crate::declarations::plain_fiscal_year_label(t, year);
    Some(match tail.trim() {
        kind @ ("recruitment" | "wages" | "career") => {
            format!(
                "{label}・{}",
                t.t(&format!("readiness.sources.kind.{kind}"))
            )
        }
        _ => label,
    })
}

/// A detail the application wrote as a JSON object (`{"org_id": …, "title":
/// …, "decision": …, "note": …}`): never shown as it is.
fn json_detail(e: &AuditEntry) -> Option<serde_json::Map<String, serde_json::Value>> {
    match serde_json::from_str(&e.detail) {
        Ok(serde_json::Value::Object(m)) => Some(m),
        _ => None,
    }
}

/// The thing an entry is about, e.g. 団体「はまなすケミカル株式会社」.
fn thing(t: &Tr, names: &Names, e: &AuditEntry) -> String {
    if let Some(m) = json_detail(e) {
        // Its title, else the name of the organization it belongs to.
        let label = m
            .get("title")
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .or_else(|| {
                let org = m.get("org_id")?.as_i64()?.to_string();
                names.orgs.get(&org).cloned()
            })
            .unwrap_or_else(|| e.entity_id.clone());
        return t.f1(&thing_key(e), "label", label);
    }
    let label = match e.entity.as_str() {
        "organization" => names.orgs.get(&e.entity_id).cloned(),
        "user" => names.users.get(&e.entity_id).cloned(),
        "region" => names
            .regions
            .get(&e.entity_id)
            .map(|(ja, en)| t.pick(ja, en).to_string()),
        "signing" => Some(e.detail.clone()).filter(|d| !d.is_empty()),
        // The organization whose figure it is; the figure is the detail.
        "publication" => names.orgs.get(&e.entity_id).cloned(),
        _ => fiscal_year_detail(t, &e.detail),
    }
    .or_else(|| Some(e.detail.clone()).filter(|d| !d.is_empty() && !DETAILS.contains(&d.as_str())))
    .unwrap_or_else(|| e.entity_id.clone());
    t.f1(&thing_key(e), "label", label)
}

fn thing_key(e: &AuditEntry) -> String {
    if ENTITIES.contains(&e.entity.as_str()) {
        format!("audit.thing.{}", e.entity)
    } else {
        "audit.thing.other".to_string()
    }
}

pub fn line(t: &Tr, names: &Names, e: &AuditEntry) -> Line {
    let json = json_detail(e);
    let field = |name: &str| {
        json.as_ref()
            .and_then(|m| m.get(name)?.as_str().map(str::to_string))
            .unwrap_or_default()
    };
    let action = match e.action.as_str() {
        // A review's decision reads as the approval or the return it was.
        "review" if field("decision") == "approved" => "approved",
        "review" if field("decision") == "returned" => "rejected",
        a if ACTIONS.contains(&a) => a,
        _ => "update",
    };
    let thing = thing(t, names, e);
    let detail = if json.is_some() {
        // The staff's note, when there is one; the rest is in the sentence.
        field("note")
    } else if DETAILS.contains(&e.detail.as_str()) {
        t.t(&format!("audit.detail.{}", e.detail.replace(' ', "_")))
            .to_string()
    } else if thing.contains(e.detail.as_str()) || fiscal_year_detail(t, &e.detail).is_some() {
        // Already in the sentence.
        String::new()
    } else {
        e.detail.clone()
    };
    let sentence = t.f1(&format!("audit.do.{action}"), "thing", &thing);
    let actor = SYSTEM_ACTORS
        .iter()
        .find(|(label, _)| *label == e.actor)
        .map(|(_, key)| t.t(key).to_string())
        .unwrap_or_else(|| e.actor.clone());
    Line {
        at: t.datetime(&e.at),
        actor,
        sentence,
        detail,
        ip: e.ip.clone(),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct FilterQuery {
    #[serde(default)]
    page: Option<i64>,
    #[serde(default)]
    actor: String,
    #[serde(default)]
    entity: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

/// Midnight at the start of `d` in Japan, as a stored UTC timestamp.
fn jst_midnight(d: Date) -> Option<String> {
    let ts = d
        .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(9)))
        .ok()?
        .timestamp();
    Some(ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
}

impl FilterQuery {
    /// The store's filter, with the dates (Japan time, `to` inclusive) as
    /// timestamps; a date that does not parse is an error the page shows.
    fn filter(&self) -> Result<AuditFilter, &'static str> {
        let date = |s: &str| -> Result<Option<Date>, &'static str> {
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            s.parse::<Date>().map(Some).map_err(|_| "audit.error.date")
        };
        let from = date(&self.from)?;
        let to = date(&self.to)?;
        let entity = self.entity.trim();
        if !entity.is_empty() && !ENTITIES.contains(&entity) {
            return Err("audit.error.entity");
        }
        Ok(AuditFilter {
            actor: self.actor.trim().chars().take(200).collect(),
            entity: entity.to_string(),
            from: from.and_then(jst_midnight).unwrap_or_default(),
            until: to
                .and_then(|d| d.tomorrow().ok())
                .and_then(jst_midnight)
                .unwrap_or_default(),
        })
    }

    /// The filters as a query string, for page links and the CSV link.
    fn query_string(&self) -> String {
        serde_urlencoded::to_string([
            ("actor", self.actor.trim()),
            ("entity", self.entity.trim()),
            ("from", self.from.trim()),
            ("to", self.to.trim()),
        ])
        .unwrap_or_default()
    }
}

#[derive(Template)]
#[template(path = "admin/audit/page.html")]
struct AuditPage {
    c: Ctx,
    lines: Vec<Line>,
    page: i64,
    has_next: bool,
    q: FilterQuery,
    query: String,
    error: Option<&'static str>,
}

pub async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Query(q): Query<FilterQuery>,
) -> Result<Response, AppError> {
    c.require(&Action::AdministerPlatform)?;
    let page = q.page.unwrap_or(1).clamp(1, 1_000_000);
    let (filter, error) = match q.filter() {
        Ok(f) => (Some(f), None),
        Err(key) => (None, Some(key)),
    };
    let mut entries = match &filter {
        Some(f) => {
            state
                .store
                .audit_entries_where(f, PAGE + 1, (page - 1) * PAGE)
                .await?
        }
        None => Vec::new(),
    };
    let has_next = entries.len() as i64 > PAGE;
    entries.truncate(PAGE as usize);
    let names = Names::load(&state.store).await?;
    let lines = entries.iter().map(|e| line(&c.t, &names, e)).collect();
    let query = q.query_string();
    Ok(Html(
        AuditPage {
            c,
            lines,
            page,
            has_next,
            q,
            query,
            error,
        }
        .render()?,
    )
    .into_response())
}

pub async fn csv(
    State(state): State<AppState>,
    c: Ctx,
    Query(q): Query<FilterQuery>,
) -> Result<Response, AppError> {
    c.require(&Action::AdministerPlatform)?;
    let filter = q
        .filter()
        .map_err(|key| AppError::BadRequest(c.t.t(key).to_string()))?;
    let entries = state
        .store
        .audit_entries_where(&filter, CSV_MAX_ROWS, 0)
        .await?;
    let names = Names::load(&state.store).await?;
    let mut rows = vec![[
        c.t.t("audit.at").to_string(),
        c.t.t("audit.actor").to_string(),
        c.t.t("audit.action").to_string(),
        c.t.t("audit.detail").to_string(),
        c.t.t("audit.ip").to_string(),
    ]];
    for e in &entries {
        let l = line(&c.t, &names, e);
        rows.push([l.at, l.actor, l.sentence, l.detail, l.ip]);
    }
    let body = csv_bytes(&rows).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                CONTENT_DISPOSITION,
                "attachment; filename=\"audit-log.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}

/// Through the project's one CSV writer: UTF-8 with BOM, and no cell a
/// spreadsheet would run as a formula (names and e-mails are typed by people).
fn csv_bytes(rows: &[[String; 5]]) -> Result<Vec<u8>, csv::Error> {
    let mut out = crate::csv_out::CsvOut::new();
    for r in rows {
        out.record(r)?;
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_and_action_has_its_words() {
        for lang in [crate::i18n::Lang::Ja, crate::i18n::Lang::En] {
            let t = Tr::new(lang);
            let keys = ENTITIES
                .iter()
                .flat_map(|e| [format!("audit.kind.{e}"), format!("audit.thing.{e}")])
                .chain(ACTIONS.iter().map(|a| format!("audit.do.{a}")));
            for key in keys {
                assert_ne!(t.t(&key), key, "{lang:?}");
            }
        }
    }

    #[test]
    fn a_detail_written_as_json_reads_as_words() {
        let t = Tr::new(crate::i18n::Lang::Ja);
        let names = Names {
            orgs: HashMap::from([("3".to_string(), "架空介護会".to_string())]),
            users: HashMap::new(),
            regions: HashMap::new(),
        };
        let entry = |action: &str, entity: &str, detail: &str| AuditEntry {
            id: 1,
            at: "2026-12-01T00:00:00Z".into(),
            user_id: None,
            actor: "staff@example.jp".into(),
            action: action.into(),
            entity: entity.into(),
            entity_id: "9".into(),
            detail: detail.into(),
            ip: String::new(),
        };
        let l = line(
            &t,
            &names,
            &entry(
                "review",
                "job_posting",
                r#"{"org_id":3,"title":"訪問介護員","decision":"returned","note":"時給を"}"#,
            ),
        );
        assert_eq!(l.sentence, "求人「訪問介護員」を差し戻しました");
        assert_eq!(l.detail, "時給を");
        let l = line(
            &t,
            &names,
            &entry("proposed", "workplace_profile", r#"{"org_id":3}"#),
        );
        assert!(l.sentence.contains("架空介護会"), "{}", l.sentence);
        assert!(!l.sentence.contains('{') && l.detail.is_empty());
        let mut published = entry(
            "publish",
            "publication",
            "男性の育児休業等取得率・2024年度（令和6年度）（実績データから算出）",
        );
        published.entity_id = "3".into();
        let l = line(&t, &names, &published);
        assert_eq!(l.sentence, "架空介護会の数字を公表しました");
        assert!(l.detail.starts_with("男性の育児休業等取得率・2024年度"));
        let l = line(
            &t,
            &names,
            &entry("close", "survey_round", "2026年度 第1回"),
        );
        assert_eq!(
            l.sentence,
            "住民アンケート「2026年度 第1回」を締め切りました"
        );
    }

    #[test]
    fn the_csv_export_neutralises_formulas() {
        let row = [
            "2026-12-01 09:00".to_string(),
            "=HYPERLINK(\"http://evil.example\")@x.jp".to_string(),
            "x".to_string(),
            String::new(),
            "127.0.0.1".to_string(),
        ];
        let bytes = csv_bytes(&[row]).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with('\u{feff}'), "BOM");
        assert!(text.contains("\"'=HYPERLINK("), "{text}");
    }

    #[test]
    fn dates_are_days_in_japan() {
        let q = FilterQuery {
            from: "2026-12-01".into(),
            to: "2026-12-01".into(),
            ..FilterQuery::default()
        };
        let f = q.filter().unwrap();
        assert_eq!(f.from, "2026-11-30T15:00:00Z");
        assert_eq!(f.until, "2026-12-01T15:00:00Z");
        let bad = FilterQuery {
            from: "12/1".into(),
            ..FilterQuery::default()
        };
        assert_eq!(bad.filter().unwrap_err(), "audit.error.date");
        let t = Tr::new(crate::i18n::Lang::Ja);
        assert_eq!(
            fiscal_year_detail(&t, "FY2025 wages").as_deref(),
            Some("2025年度（令和7年度）・賃金")
        );
        assert_eq!(
            fiscal_year_detail(&t, "FY2025 job 1").as_deref(),
            Some("2025年度（令和7年度）")
        );
        assert_eq!(fiscal_year_detail(&t, "FYI"), None);
        let kind = FilterQuery {
            entity: "sessions; DROP".into(),
            ..FilterQuery::default()
        };
        assert_eq!(kind.filter().unwrap_err(), "audit.error.entity");
    }
}
