use super::*;

#[test]
fn both_languages_have_the_same_keys() {
    let ja: std::collections::BTreeSet<_> = JA.keys().collect();
    let en: std::collections::BTreeSet<_> = EN.keys().collect();
    let only_ja: Vec<_> = ja.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&ja).collect();
    assert!(only_ja.is_empty(), "keys missing in en.toml: {only_ja:?}");
    assert!(only_en.is_empty(), "keys missing in ja.toml: {only_en:?}");
}

/// Every `t("…")`, `f("…"`, `f1("…"` or `f2("…"` key in the sources and templates exists.
#[test]
fn every_used_key_is_translated() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut missing = Vec::new();
    let mut used = 0;
    visit(&root, &mut |path, text| {
        for key in used_keys(text) {
            used += 1;
            for (lang, map) in [("ja", &*JA), ("en", &*EN)] {
                if !map.contains_key(&key) {
                    missing.push(format!("{}: {key} ({lang})", path.display()));
                }
            }
        }
    });
    assert!(
        used > 50,
        "the scan found only {used} keys: is the pattern right?"
    );
    assert!(
        missing.is_empty(),
        "missing translations:\n{}",
        missing.join("\n")
    );
}

fn visit(dir: &std::path::Path, f: &mut dyn FnMut(&std::path::Path, &str)) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            visit(&path, f);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("rs" | "html" | "xml")
        ) {
            f(&path, &std::fs::read_to_string(&path).unwrap());
        }
    }
}

/// Keys are dotted lower-case identifiers passed as the first argument of `t(` / `f(`.
fn used_keys(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for pat in ["t(\"", "f(\"", "f1(\"", "f2(\""] {
        let mut rest = text;
        while let Some(i) = rest.find(pat) {
            let before = rest[..i].chars().last();
            rest = &rest[i + pat.len()..];
            // `t(` must be a call on the translator, not the end of another name.
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            if let Some(end) = rest.find('"') {
                let key = &rest[..end];
                if key.contains('.')
                    && key.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_'
                    })
                {
                    keys.push(key.to_string());
                }
            }
        }
    }
    keys
}

#[test]
fn accept_language_prefers_quality() {
    assert_eq!(
        Lang::from_accept_language("en-US,en;q=0.9,ja;q=0.8"),
        Some(Lang::En)
    );
    assert_eq!(Lang::from_accept_language("ja,en-US;q=0.9"), Some(Lang::Ja));
    assert_eq!(
        Lang::from_accept_language("fr;q=1, en;q=0.3, ja;q=0.5"),
        Some(Lang::Ja)
    );
    assert_eq!(Lang::from_accept_language("fr, de"), None);
    assert_eq!(Lang::from_accept_language(""), None);
}

#[test]
fn formats_dates_for_each_language() {
    assert_eq!(Tr::new(Lang::Ja).date("2026-06-01"), "2026年6月1日");
    assert_eq!(Tr::new(Lang::En).date("2026-06-01"), "Jun 1, 2026");
    assert_eq!(Tr::new(Lang::Ja).date("not a date"), "not a date");
    assert_eq!(
        Tr::new(Lang::Ja).datetime("2026-06-01T15:30:00Z"),
        "2026-06-02 00:30"
    );
}

#[test]
fn placeholders_are_filled() {
    let t = Tr::new(Lang::Ja);
    assert_eq!(
        t.f("registry.order_in_type", &[("type", &"自治体"), ("n", &6)]),
        "自治体で6番目"
    );
}
