//! Japanese-first translations. Every user-visible string goes through [`Tr`];
//! the texts live in `ja.toml` and `en.toml` (flat `key = "text"` maps) and a test
//! fails when a key used in code or templates is missing in either language.

use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
    pub fn other(self) -> Lang {
        match self {
            Lang::Ja => Lang::En,
            Lang::En => Lang::Ja,
        }
    }
    /// The first supported language in an Accept-Language header, by quality.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut it = part.trim().split(';');
            let tag = it.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = it
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|v| v.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            if let Some(lang) = Lang::parse(primary)
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l)
    }
}

fn load(src: &str) -> HashMap<String, String> {
    let table: toml::Table = toml::from_str(src).expect("translation file is valid TOML");
    table
        .into_iter()
        .map(|(k, v)| match v {
            toml::Value::String(s) => (k, s),
            other => panic!("translation {k} is not a string: {other}"),
        })
        .collect()
}

/// The translation files plus the validation messages the `domain` crate ships.
pub(crate) static JA: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let mut m = load(include_str!("ja.toml"));
    m.extend(
        domain::ERROR_MESSAGES
            .iter()
            .map(|(k, ja, _)| (k.to_string(), ja.to_string())),
    );
    m
});
pub(crate) static EN: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let mut m = load(include_str!("en.toml"));
    m.extend(
        domain::ERROR_MESSAGES
            .iter()
            .map(|(k, _, en)| (k.to_string(), en.to_string())),
    );
    m
});

/// The translator handed to every template.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }

    /// The text for `key`. A missing key shows the key itself (and the i18n test fails).
    pub fn t<'a>(&self, key: &'a str) -> &'a str {
        let map = match self.lang {
            Lang::Ja => &*JA,
            Lang::En => &*EN,
        };
        match map.get(key) {
            Some(s) => s.as_str(),
            None => {
                tracing::warn!(key, lang = self.lang.code(), "missing translation");
                key
            }
        }
    }

    /// The text for `key` with `{name}` placeholders replaced.
    pub fn f(&self, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        let mut s = self.t(key).to_string();
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), &value.to_string());
        }
        s
    }

    /// [`Tr::f`] with one placeholder, convenient in templates.
    pub fn f1(&self, key: &str, name: &str, value: impl std::fmt::Display) -> String {
        self.f(key, &[(name, &value)])
    }

    /// [`Tr::f`] with two placeholders.
    pub fn f2(
        &self,
        key: &str,
        name1: &str,
        value1: impl std::fmt::Display,
        name2: &str,
        value2: impl std::fmt::Display,
    ) -> String {
        self.f(key, &[(name1, &value1), (name2, &value2)])
    }

    /// Pick the Japanese or English variant of a stored bilingual text.
    pub fn pick<'a>(&self, ja: &'a str, en: &'a str) -> &'a str {
        match self.lang {
            Lang::En if !en.is_empty() => en,
            _ => ja,
        }
    }

    pub fn is_ja(&self) -> bool {
        self.lang == Lang::Ja
    }

    /// A stored date (YYYY-MM-DD) as the reader expects it: 2026年6月1日 / Jun 1, 2026.
    pub fn date(&self, iso: &str) -> String {
        let Ok(d) = iso.get(..10).unwrap_or(iso).parse::<jiff::civil::Date>() else {
            return iso.to_string();
        };
        match self.lang {
            Lang::Ja => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
            Lang::En => d.strftime("%b %-d, %Y").to_string(),
        }
    }

    /// A stored timestamp in Japan time, minutes precision.
    pub fn datetime(&self, ts: &str) -> String {
        let Ok(t) = ts.parse::<jiff::Timestamp>() else {
            return ts.to_string();
        };
        // Japan has no daylight saving time: JST is always UTC+9.
        let jst = t
            .checked_add(jiff::SignedDuration::from_hours(9))
            .unwrap_or(t);
        jst.strftime("%Y-%m-%d %H:%M").to_string()
    }
}

#[cfg(test)]
mod tests;
