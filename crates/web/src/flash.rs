//! One-time messages shown on the page after a redirect ("はまなすケミカル株式会社の
//! 宣言を承認しました"): an i18n key and the named values of its placeholders, carried
//! in a short-lived cookie.
//!
//! The cookie is the query-string encoding of `k=<key>&<name>=<value>…`, so any
//! text (Japanese names included) travels as cookie-safe characters. A cookie the
//! client sent is untrusted: it is read only when it is short, its key looks like
//! an i18n key and its values carry no control characters; the values are shown
//! through askama, which escapes them.

use crate::i18n::Tr;

/// At most this many characters of a value are kept (an organization name is
/// shown whole; anything longer is cut rather than making the cookie too big).
const MAX_VALUE_CHARS: usize = 120;
/// At most this many named values.
const MAX_ARGS: usize = 3;
/// A longer cookie is ignored: 120 characters of Japanese text percent-encode to
/// about 1,100 bytes, and browsers keep at least 4,096 per cookie.
const MAX_COOKIE_BYTES: usize = 2_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash {
    pub key: String,
    pub args: Vec<(String, String)>,
}

fn is_key(k: &str) -> bool {
    !k.is_empty()
        && k.len() < 80
        && k.bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'_')
}

fn is_arg_name(n: &str) -> bool {
    !n.is_empty() && n.len() <= 20 && n.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

impl Flash {
    /// The cookie value for `key` with `args` (values cut to a bounded length).
    pub fn encode(key: &str, args: &[(&str, &str)]) -> String {
        if args.is_empty() {
            // A plain key, as before named values existed.
            return key.to_string();
        }
        let mut s = form_urlencoded::Serializer::new(String::new());
        s.append_pair("k", key);
        for (name, value) in args.iter().take(MAX_ARGS) {
            let value: String = value
                .chars()
                .filter(|c| !crate::forms::is_forbidden_control(*c))
                .take(MAX_VALUE_CHARS)
                .collect();
            s.append_pair(name, &value);
        }
        s.finish()
    }

    /// Read a cookie value; `None` for anything that is not a well-formed flash.
    pub fn decode(cookie: &str) -> Option<Flash> {
        if cookie.len() > MAX_COOKIE_BYTES {
            return None;
        }
        if !cookie.contains('=') {
            return is_key(cookie).then(|| Flash {
                key: cookie.to_string(),
                args: Vec::new(),
            });
        }
        let mut key = None;
        let mut args = Vec::new();
        for (name, value) in form_urlencoded::parse(cookie.as_bytes()) {
            if name == "k" && key.is_none() {
                key = Some(value.into_owned());
            } else if is_arg_name(&name)
                && args.len() < MAX_ARGS
                && value.chars().count() <= MAX_VALUE_CHARS
                && !crate::forms::has_forbidden_control(&value)
            {
                args.push((name.into_owned(), value.into_owned()));
            } else {
                return None;
            }
        }
        let key = key.filter(|k| is_key(k))?;
        Some(Flash { key, args })
    }

    /// The message in the reader's language, each `{name}` replaced by its value
    /// in one pass (a value that itself reads `{org}` stays as typed).
    pub fn text(&self, t: &Tr) -> String {
        let template = t.t(&self.key);
        let mut out = String::with_capacity(template.len());
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let name = &after[..close];
                    match self.args.iter().find(|(n, _)| n == name) {
                        Some((_, v)) => out.push_str(v),
                        None => out.push_str(&rest[open..open + close + 2]),
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_named_value_survives_the_cookie() {
        let v = Flash::encode(
            "flash.approved",
            &[("org", "はまなすケミカル株式会社; x=1")],
        );
        assert!(
            v.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"%+=&._-*".contains(&b)),
            "cookie-safe: {v}"
        );
        let f = Flash::decode(&v).unwrap();
        assert_eq!(f.key, "flash.approved");
        assert_eq!(
            f.text(&Tr::new(Lang::Ja)),
            "はまなすケミカル株式会社; x=1の宣言を承認しました。公開されています。"
        );
    }

    #[test]
    fn plain_keys_still_read() {
        let f = Flash::decode("flash.saved").unwrap();
        assert_eq!(f.text(&Tr::new(Lang::Ja)), "保存しました。");
    }

    #[test]
    fn long_values_are_cut_and_bad_cookies_ignored() {
        let long = "あ".repeat(500);
        let f = Flash::decode(&Flash::encode("flash.approved", &[("org", &long)])).unwrap();
        assert_eq!(f.args[0].1.chars().count(), MAX_VALUE_CHARS);
        assert!(Flash::decode("k=Flash.Bad").is_none(), "not a key");
        assert!(Flash::decode("k=flash.saved&Org=x").is_none(), "bad name");
        assert!(Flash::decode("k=flash.saved&org=%00").is_none(), "control");
        assert!(Flash::decode(&"a".repeat(MAX_COOKIE_BYTES + 1)).is_none());
        assert!(Flash::decode("org=x").is_none(), "no key");
    }

    #[test]
    fn values_are_substituted_once() {
        let f = Flash {
            key: "flash.approved".into(),
            args: vec![("org".into(), "{org}".into())],
        };
        assert!(
            f.text(&Tr::new(Lang::En))
                .starts_with("Approved the declaration of {org}")
        );
    }
}
