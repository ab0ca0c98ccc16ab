//! What every public form that takes no account shares (event registration,
//! job inquiries): the time check against bots, and the plain-text-plus-HTML
//! mail it sends.
//!
//! The time check needs no third party: the form carries the moment it was
//! shown, signed with the installation's secret for one scope (an event, a
//! posting), and a submission sooner than
//! [`crate::Config::registration_min_seconds`] after it, or a day later, or
//! signed for another scope, is sent back to be sent again.

use store::mail::{MailKind, NewMail};

use crate::AppState;
use crate::errors::AppError;
use crate::i18n::Lang;

fn sign(secret: &str, message: &str) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(secret.as_bytes())
        .expect("HMAC takes keys of any length");
    mac.update(message.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

const FORM_SECRET: &str = "public_form_time";

/// The installation's form secret, read from the database once per process.
async fn form_secret(state: &AppState) -> Result<&str, AppError> {
    Ok(state
        .form_secret
        .get_or_try_init(|| state.store.app_secret(FORM_SECRET))
        .await?)
}

/// The signed moment a form of `scope` (e.g. `event:7`) is shown.
pub async fn shown_token(state: &AppState, scope: &str) -> Result<String, AppError> {
    let secret = form_secret(state).await?;
    let at = jiff::Timestamp::now().as_second();
    Ok(format!("{at}.{}", sign(secret, &format!("{scope}:{at}"))))
}

/// Whether `token` was signed here for `scope`, long enough and at most a day
/// ago.
pub async fn shown_long_enough(
    state: &AppState,
    scope: &str,
    token: &str,
) -> Result<bool, AppError> {
    let secret = form_secret(state).await?;
    let min = state.config.registration_min_seconds as i64;
    Ok(signed_long_enough(secret, scope, token, min))
}

fn signed_long_enough(secret: &str, scope: &str, token: &str, min_seconds: i64) -> bool {
    let Some((at, mac)) = token.split_once('.') else {
        return false;
    };
    let Ok(at_seconds) = at.parse::<i64>() else {
        return false;
    };
    let expected = sign(secret, &format!("{scope}:{at_seconds}"));
    // Compare without an early exit on the first differing byte.
    let same = expected.len() == mac.len()
        && expected
            .bytes()
            .zip(mac.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    let age = jiff::Timestamp::now().as_second() - at_seconds;
    same && age >= min_seconds && age <= 24 * 3600
}

/// Plain text and HTML of one mail, with the paragraphs `lines` and a link.
pub fn mail(
    lang: Lang,
    kind: MailKind,
    to: &str,
    subject: String,
    lines: &[String],
    link: (&str, &str),
) -> NewMail {
    let mut text = lines.join("\n\n");
    text.push_str(&format!("\n\n{}\n{}\n", link.0, link.1));
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let mut html = String::from("<!doctype html><html><body>");
    for l in lines {
        html.push_str(&format!("<p>{}</p>", esc(l).replace('\n', "<br>")));
    }
    html.push_str(&format!(
        "<p>{}<br><a href=\"{}\">{}</a></p></body></html>",
        esc(link.0),
        esc(link.1),
        esc(link.1)
    ));
    NewMail {
        recipient: to.to_string(),
        language: lang.code().to_string(),
        kind,
        subject,
        body_text: text,
        body_html: html,
        max_attempts: 8,
        expires_in_seconds: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_time_check_takes_only_its_own_recent_signatures() {
        let now = jiff::Timestamp::now().as_second();
        let token = |at: i64, scope: &str| format!("{at}.{}", sign("s", &format!("{scope}:{at}")));
        assert!(signed_long_enough(
            "s",
            "event:7",
            &token(now - 5, "event:7"),
            3
        ));
        assert!(
            !signed_long_enough("s", "event:7", &token(now - 1, "event:7"), 3),
            "too fast"
        );
        assert!(
            !signed_long_enough("s", "event:7", &token(now - 90_000, "event:7"), 3),
            "a day old"
        );
        assert!(
            !signed_long_enough("s", "event:8", &token(now - 5, "event:7"), 3),
            "another event"
        );
        assert!(
            !signed_long_enough("s", "posting:7", &token(now - 5, "event:7"), 3),
            "another kind of form"
        );
        assert!(
            !signed_long_enough("other", "event:7", &token(now - 5, "event:7"), 3),
            "another key"
        );
        assert!(!signed_long_enough("s", "event:7", "", 3));
        assert!(!signed_long_enough("s", "event:7", "abc.def", 3));
    }

    #[test]
    fn mails_escape_what_people_typed() {
        let m = mail(
            Lang::Ja,
            MailKind::EventRegistration,
            "a@example.jp",
            "件名".into(),
            &["<b>山田</b> 様".into()],
            ("取り消す", "http://x/event-registrations/t"),
        );
        assert!(m.body_html.contains("&lt;b&gt;山田&lt;/b&gt; 様"));
        assert!(m.body_text.contains("<b>山田</b> 様"));
        assert!(m.body_text.contains("http://x/event-registrations/t"));
    }
}
