//! Machine-readable views of the registry: Atom feed, CSV (through [`crate::csv_out`]:
//! UTF-8 with BOM, no formulas) and JSON. All list approved declarers only.

use askama::Template;
use axum::extract::State;
use axum::http::HeaderValue;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use store::declarations::{FeedEntry, RegistryFilter, RegistrySort};

use crate::AppState;
use crate::context::Ctx;
use crate::errors::AppError;

#[derive(Template)]
#[template(path = "declarations/feed.xml")]
struct Feed {
    c: Ctx,
    base: String,
    updated: String,
    entries: Vec<FeedEntry>,
}

/// The origin of absolute links: `base_url`, else the address the server
/// listens on. Never the Host header: a client could point the links of a
/// cached feed or export at another site.
/// The origin of absolute links: `base_url`, else the listening address (never the
/// request's Host header, which the client chooses).
pub(crate) fn base_url(state: &AppState) -> String {
    match (&state.config.base_url, state.config.listen_address) {
        (Some(b), _) => b.trim_end_matches('/').to_string(),
        (None, Some(addr)) => format!("http://{addr}"),
        (None, None) => "http://localhost".to_string(),
    }
}

pub async fn atom(State(state): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    let entries = state.store.recently_approved(50).await?;
    let updated = entries
        .first()
        .map(|e| e.approved_at.clone())
        .unwrap_or_else(|| "2026-04-01T00:00:00Z".into());
    let feed = Feed {
        base: base_url(&state),
        c,
        updated,
        entries,
    };
    let mut res = feed.render()?.into_response();
    res.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/atom+xml; charset=utf-8"),
    );
    Ok(res)
}

/// One row of the CSV and JSON exports.
#[derive(Serialize)]
struct ExportRow {
    declaration: String,
    declaration_slug: String,
    organization: String,
    organization_kana: String,
    organization_type: String,
    prefecture_code: String,
    region_code: String,
    declared_on: String,
    order_in_type: i64,
    representative_title: String,
    representative_name: String,
    message: String,
    approved_at: String,
    url: String,
}

async fn rows(state: &AppState, base: &str) -> Result<Vec<ExportRow>, AppError> {
    let declarations = state.store.declarations().await?;
    let entries = state
        .store
        .registry(&RegistryFilter {
            sort: RegistrySort::Oldest,
            limit: i64::MAX / 2,
            ..RegistryFilter::default()
        })
        .await?;
    Ok(entries
        .into_iter()
        .map(|e| {
            let d = declarations.iter().find(|d| d.id == e.declaration_id);
            ExportRow {
                declaration: d.map(|d| d.title_ja.clone()).unwrap_or_default(),
                declaration_slug: d.map(|d| d.slug.clone()).unwrap_or_default(),
                url: format!("{base}/declarers/{}", e.org_id),
                organization: e.org_name,
                organization_kana: e.org_kana,
                organization_type: e.org_type,
                prefecture_code: e.prefecture,
                region_code: e.region_code.unwrap_or_default(),
                declared_on: e.declared_on,
                order_in_type: e.order_in_type,
                representative_title: e.representative_title,
                representative_name: e.representative_name,
                message: e.message,
                approved_at: e.approved_at.unwrap_or_default(),
            }
        })
        .collect())
}

/// The CSV header: the names of [`ExportRow`]'s fields, as in the JSON export.
const CSV_HEADER: [&str; 14] = [
    "declaration",
    "declaration_slug",
    "organization",
    "organization_kana",
    "organization_type",
    "prefecture_code",
    "region_code",
    "declared_on",
    "order_in_type",
    "representative_title",
    "representative_name",
    "message",
    "approved_at",
    "url",
];

impl ExportRow {
    /// The cells under [`CSV_HEADER`].
    fn csv_record(&self) -> [String; 14] {
        [
            self.declaration.clone(),
            self.declaration_slug.clone(),
            self.organization.clone(),
            self.organization_kana.clone(),
            self.organization_type.clone(),
            self.prefecture_code.clone(),
            self.region_code.clone(),
            self.declared_on.clone(),
            self.order_in_type.to_string(),
            self.representative_title.clone(),
            self.representative_name.clone(),
            self.message.clone(),
            self.approved_at.clone(),
            self.url.clone(),
        ]
    }
}

pub async fn csv(State(state): State<AppState>) -> Result<Response, AppError> {
    let rows = rows(&state, &base_url(&state)).await?;
    let csv_error = |e: csv::Error| AppError::Internal(e.to_string());
    let mut out = crate::csv_out::CsvOut::new();
    out.record(CSV_HEADER).map_err(csv_error)?;
    for r in &rows {
        out.record(r.csv_record()).map_err(csv_error)?;
    }
    let out = out.into_bytes().map_err(csv_error)?;
    let mut res = out.into_response();
    res.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    res.headers_mut().insert(
        CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"declarations.csv\""),
    );
    Ok(res)
}

pub async fn json(State(state): State<AppState>) -> Result<Response, AppError> {
    let rows = rows(&state, &base_url(&state)).await?;
    Ok(axum::Json(serde_json::json!({ "declarers": rows })).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_header_names_the_fields_of_a_row_in_order() {
        let row = ExportRow {
            declaration: "d".into(),
            declaration_slug: "s".into(),
            organization: "o".into(),
            organization_kana: "k".into(),
            organization_type: "t".into(),
            prefecture_code: "07".into(),
            region_code: "072095".into(),
            declared_on: "2026-04-01".into(),
            order_in_type: 3,
            representative_title: "rt".into(),
            representative_name: "rn".into(),
            message: "m".into(),
            approved_at: "a".into(),
            url: "u".into(),
        };
        let json = serde_json::to_value(&row).unwrap();
        let map = json.as_object().unwrap();
        let names: Vec<&str> = map.keys().map(String::as_str).collect();
        let mut sorted_header = CSV_HEADER.to_vec();
        sorted_header.sort_unstable();
        let mut sorted_names = names.clone();
        sorted_names.sort_unstable();
        assert_eq!(sorted_header, sorted_names);
        for (name, cell) in CSV_HEADER.iter().zip(row.csv_record()) {
            let value = &map[*name];
            let expected = value
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| value.to_string());
            assert_eq!(expected, cell, "{name}");
        }
    }
}
