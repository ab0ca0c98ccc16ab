//! Form helpers shared by every feature: per-field error messages (already
//! translated), small parsers for the raw strings a form posts, and the one check
//! that keeps control characters out of every text input.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::errors::AppError;
use crate::i18n::Tr;

/// A character no text input may carry: the C0 controls except tab, line feed and
/// carriage return, and DEL. PostgreSQL refuses NUL in text outright; the others
/// have no place in names, addresses or notes and would be shown back to people.
pub fn is_forbidden_control(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{7f}'
}

pub fn has_forbidden_control(text: &str) -> bool {
    text.chars().any(is_forbidden_control)
}

/// A percent-encoded path that decodes to a control character (`/x/%00`).
fn path_has_control(path: &str) -> bool {
    let b = path.as_bytes();
    (0..b.len()).any(|i| {
        b[i] == b'%'
            && i + 2 < b.len()
            && std::str::from_utf8(&b[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .is_some_and(|v| v < 0x20 || v == 0x7f)
    })
}

fn pairs_have_control(encoded: &[u8]) -> bool {
    form_urlencoded::parse(encoded)
        .any(|(k, v)| has_forbidden_control(&k) || has_forbidden_control(&v))
}

/// Refuse (400, with its own message) any request whose path, query string or
/// url-encoded form body carries a control character — every text input of every
/// handler, in one place, before anything reaches the database. Multipart text
/// fields are read through [`field_text`].
pub async fn refuse_control_characters(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let uri = req.uri();
    if path_has_control(uri.path())
        || uri
            .query()
            .is_some_and(|q| pairs_have_control(q.as_bytes()))
    {
        return AppError::ControlCharacters.into_response();
    }
    let is_form = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let bytes = match to_bytes(body, state.config.max_body_bytes).await {
        Ok(b) => b,
        Err(_) => return AppError::BadRequest("unreadable form body".into()).into_response(),
    };
    if pairs_have_control(&bytes) {
        return AppError::ControlCharacters.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// The text of a multipart field, refused when it carries a control character.
pub async fn field_text(field: axum::extract::multipart::Field<'_>) -> Result<String, AppError> {
    let text = field.text().await?;
    if has_forbidden_control(&text) {
        return Err(AppError::ControlCharacters);
    }
    Ok(text)
}

/// A field id and the i18n key of its label, for the error summary.
pub type Labels = &'static [(&'static str, &'static str)];

/// One field's error: the message next to the field, and the field's label
/// that the summary at the top of the form names it by.
#[derive(Debug, Clone)]
struct FieldError {
    field: String,
    message: String,
    label: Option<String>,
}

/// Messages to show next to fields, in the user's language.
#[derive(Debug, Clone, Default)]
pub struct FieldErrors {
    items: Vec<FieldError>,
    labels: Labels,
}

impl FieldErrors {
    pub fn new() -> FieldErrors {
        FieldErrors::default()
    }
    /// Errors of a form whose fields are labelled `labels` (field id → label
    /// key): the error summary lists each invalid field by its label.
    pub fn labelled(labels: Labels) -> FieldErrors {
        FieldErrors {
            items: Vec::new(),
            labels,
        }
    }
    /// Record the translated message for `key` on `field` (the first one wins).
    pub fn add(&mut self, t: &Tr, field: &str, key: &str) {
        let label = self
            .labels
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, l)| *l);
        if label.is_none() {
            tracing::warn!(field, "form field without a label for the error summary");
        }
        self.push(t, field, label, key);
    }
    /// [`FieldErrors::add`] for a field outside the label table (ids made at
    /// run time, such as `note-12`).
    pub fn add_labelled(&mut self, t: &Tr, field: &str, label_key: &str, key: &str) {
        self.push(t, field, Some(label_key), key);
    }
    /// A message and label already in the user's language (questions whose
    /// words are data, as a questionnaire's are).
    pub fn add_text(&mut self, field: &str, label: &str, message: &str) {
        if !self.has(field) {
            self.items.push(FieldError {
                field: field.to_string(),
                message: message.to_string(),
                label: (!label.is_empty()).then(|| label.to_string()),
            });
        }
    }
    fn push(&mut self, t: &Tr, field: &str, label: Option<&str>, key: &str) {
        if !self.has(field) {
            self.items.push(FieldError {
                field: field.to_string(),
                message: t.t(key).to_string(),
                label: label.map(|l| t.t(l).to_string()),
            });
        }
    }
    pub fn has(&self, field: &str) -> bool {
        self.items.iter().any(|e| e.field == field)
    }
    pub fn get(&self, field: &str) -> &str {
        self.items
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
            .unwrap_or("")
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    pub fn len(&self) -> usize {
        self.items.len()
    }
    /// (field id, label, message) for the error summary at the top of a form;
    /// the label is empty for a field the form did not label.
    pub fn all(&self) -> Vec<(&str, &str, &str)> {
        self.items
            .iter()
            .map(|e| {
                (
                    e.field.as_str(),
                    e.label.as_deref().unwrap_or(""),
                    e.message.as_str(),
                )
            })
            .collect()
    }
}

/// Trimmed text; `max` counts characters, not bytes (Japanese text).
pub fn text(
    errors: &mut FieldErrors,
    t: &Tr,
    field: &str,
    value: &str,
    required: bool,
    max: usize,
) -> String {
    let v = value.trim().to_string();
    if required && v.is_empty() {
        errors.add(t, field, "form.required");
    } else if v.chars().count() > max {
        errors.add(t, field, "form.too_long");
    }
    v
}

/// A calendar date `YYYY-MM-DD` (also `YYYY/MM/DD` and full-width digits).
pub fn date(
    errors: &mut FieldErrors,
    t: &Tr,
    field: &str,
    value: &str,
) -> Option<jiff::civil::Date> {
    let v = domain::normalize_digits(value).trim().replace('/', "-");
    if v.is_empty() {
        errors.add(t, field, "form.required");
        return None;
    }
    match v.parse::<jiff::civil::Date>() {
        Ok(d) => Some(d),
        Err(_) => {
            errors.add(t, field, "form.invalid_date");
            None
        }
    }
}

/// A whole number ≥ 0 (full-width digits accepted).
pub fn count(errors: &mut FieldErrors, t: &Tr, field: &str, value: &str) -> i64 {
    let v = domain::normalize_digits(value).trim().to_string();
    match v.parse::<i64>() {
        Ok(n) if (0..=10_000_000).contains(&n) => n,
        _ => {
            errors.add(t, field, "form.invalid_count");
            0
        }
    }
}

/// A web address, empty allowed; only http(s).
pub fn url(errors: &mut FieldErrors, t: &Tr, field: &str, value: &str) -> String {
    let v = value.trim().to_string();
    if !v.is_empty()
        && (!(v.starts_with("https://") || v.starts_with("http://"))
            || v.contains(char::is_whitespace)
            || v.len() > 300)
    {
        errors.add(t, field, "form.invalid_url");
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn first_error_per_field_wins() {
        let t = Tr::new(Lang::En);
        let mut e = FieldErrors::new();
        e.add(&t, "name", "form.required");
        e.add(&t, "name", "form.too_long");
        assert_eq!(e.len(), 1);
        assert_eq!(e.get("name"), t.t("form.required"));
        assert_eq!(e.get("other"), "");
    }

    #[test]
    fn the_summary_names_each_field_by_its_label() {
        let t = Tr::new(Lang::Ja);
        let mut e = FieldErrors::labelled(&[("name", "org.name")]);
        e.add(&t, "name", "form.required");
        e.add_labelled(&t, "note-3", "review.note", "review.reason_required");
        e.add(&t, "unlabelled", "form.required");
        assert_eq!(
            e.all(),
            vec![
                ("name", "団体名", "入力してください。"),
                ("note-3", "コメント", t.t("review.reason_required")),
                ("unlabelled", "", "入力してください。"),
            ]
        );
    }

    #[test]
    fn parses_dates_leniently_but_rejects_impossible_ones() {
        let t = Tr::new(Lang::Ja);
        let mut e = FieldErrors::new();
        assert_eq!(
            date(&mut e, &t, "d", "２０２６/０６/０１").map(|d| d.to_string()),
            Some("2026-06-01".into())
        );
        assert!(e.is_empty());
        assert!(date(&mut e, &t, "d", "2026-02-30").is_none());
        assert_eq!(e.get("d"), t.t("form.invalid_date"));
    }

    #[test]
    fn control_characters_are_found_in_text_paths_and_forms() {
        assert!(has_forbidden_control("a\0b"));
        assert!(has_forbidden_control("\u{1b}[31m"));
        assert!(has_forbidden_control("\u{7f}"));
        assert!(!has_forbidden_control("二行\r\nの\tメモ"));
        assert!(path_has_control("/declarations/x%00y"));
        assert!(path_has_control("/a%1F"));
        assert!(!path_has_control("/a%20b/%E7%9B%B8"));
        assert!(!path_has_control("/a%2"));
        assert!(pairs_have_control(b"email=a%00%40b.jp&x=1"));
        assert!(!pairs_have_control(b"note=line%0D%0Anext"));
    }

    #[test]
    fn counts_and_urls() {
        let t = Tr::new(Lang::Ja);
        let mut e = FieldErrors::new();
        assert_eq!(count(&mut e, &t, "n", "１２"), 12);
        assert!(e.is_empty());
        count(&mut e, &t, "m", "-1");
        assert!(e.has("m"));
        url(&mut e, &t, "u", "javascript:alert(1)");
        assert!(e.has("u"));
        url(&mut e, &t, "ok", "https://example.jp/");
        assert!(!e.has("ok"));
    }
}
