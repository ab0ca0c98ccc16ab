//! Form helpers shared by every feature: per-field error messages (already
//! translated) and small parsers for the raw strings a form posts.

use crate::i18n::Tr;

/// Messages to show next to fields, in the user's language.
#[derive(Debug, Clone, Default)]
pub struct FieldErrors {
    items: Vec<(String, String)>,
}

impl FieldErrors {
    pub fn new() -> FieldErrors {
        FieldErrors::default()
    }
    /// Record the translated message for `key` on `field` (the first one wins).
    pub fn add(&mut self, t: &Tr, field: &str, key: &str) {
        if !self.has(field) {
            self.items.push((field.to_string(), t.t(key).to_string()));
        }
    }
    pub fn has(&self, field: &str) -> bool {
        self.items.iter().any(|(f, _)| f == field)
    }
    pub fn get(&self, field: &str) -> &str {
        self.items
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
            .unwrap_or("")
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    pub fn len(&self) -> usize {
        self.items.len()
    }
    /// (field, message) pairs for the error summary at the top of a form.
    pub fn all(&self) -> &[(String, String)] {
        &self.items
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
