//! What the messages say, in the recipient's language, as plain text and HTML
//! (askama templates `link.txt` and `link.html` beside this file; the HTML one
//! escapes every value, names included).

use askama::Template;
use store::mail::{MailKind, NewMail};

use crate::i18n::{Lang, Tr};

/// A message that carries a one-time link: an invitation or a password reset.
#[derive(Debug, Clone)]
pub struct LinkMail<'a> {
    pub kind: MailKind,
    /// The recipient's language (an invited person has none yet: the inviter's).
    pub lang: Lang,
    pub to: &'a str,
    /// The recipient's display name; the address when empty.
    pub name: &'a str,
    /// Who sent the invitation or issued the reset.
    pub by: &'a str,
    /// The role offered, for an invitation.
    pub role: Option<domain::Role>,
    /// How long the link works (and the message is worth sending).
    pub valid_seconds: i64,
    /// The site's origin, named under the signature.
    pub base: &'a str,
}

#[derive(Template)]
#[template(path = "mail/link.txt")]
struct LinkText<'a> {
    greeting: &'a str,
    body: &'a str,
    link: &'a str,
    expires: &'a str,
    ignore: &'a str,
    signature: &'a str,
    base: &'a str,
}

#[derive(Template)]
#[template(path = "mail/link.html")]
struct LinkHtml<'a> {
    lang: &'a str,
    subject: &'a str,
    greeting: &'a str,
    body: &'a str,
    link: &'a str,
    action: &'a str,
    expires: &'a str,
    ignore: &'a str,
    signature: &'a str,
    base: &'a str,
}

impl LinkMail<'_> {
    /// The queued message for `link`, tried at most `max_attempts` times.
    pub fn render(&self, link: &str, max_attempts: i64) -> Result<NewMail, askama::Error> {
        let t = Tr::new(self.lang);
        let name = if self.name.trim().is_empty() {
            self.to
        } else {
            self.name
        };
        let (subject, body, action) = match self.kind {
            MailKind::Invitation => {
                let role = self
                    .role
                    .map(|r| t.pick(r.name_ja(), r.name_en()).to_string())
                    .unwrap_or_default();
                (
                    t.t("mail.invitation.subject").to_string(),
                    t.f2("mail.invitation.body", "by", self.by, "role", role),
                    t.t("mail.invitation.action"),
                )
            }
            MailKind::PasswordReset => (
                t.t("mail.reset.subject").to_string(),
                t.f1("mail.reset.body", "by", self.by),
                t.t("mail.reset.action"),
            ),
            // Event, inquiry and review mails are written by their modules, not as account links.
            MailKind::EventRegistration
            | MailKind::EventPromotion
            | MailKind::EventReminder
            | MailKind::EventQuestionnaire
            | MailKind::JobInquiry
            | MailKind::JobInquiryCopy
            | MailKind::JobInquiryAnswer
            | MailKind::ReviewRequest
            | MailKind::ReviewDecision
            | MailKind::DailyComment
            | MailKind::SurveyInvitation
            | MailKind::CareRequest => {
                return Err(askama::Error::custom("not an account link mail"));
            }
        };
        let greeting = t.f1("mail.greeting", "name", name);
        let expires = t.f1(
            "mail.link_expires",
            "date",
            t.datetime(&store::now_plus_seconds(self.valid_seconds)),
        );
        let ignore = t.t("mail.ignore");
        let signature = t.t("mail.signature");
        let body_text = LinkText {
            greeting: &greeting,
            body: &body,
            link,
            expires: &expires,
            ignore,
            signature,
            base: self.base,
        }
        .render()?;
        let body_html = LinkHtml {
            lang: self.lang.code(),
            subject: &subject,
            greeting: &greeting,
            body: &body,
            link,
            action,
            expires: &expires,
            ignore,
            signature,
            base: self.base,
        }
        .render()?;
        Ok(NewMail {
            recipient: self.to.to_string(),
            language: self.lang.code().to_string(),
            kind: self.kind,
            subject,
            body_text,
            body_html,
            max_attempts,
            expires_in_seconds: Some(self.valid_seconds),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invitation(lang: Lang, name: &str) -> LinkMail<'_> {
        LinkMail {
            kind: MailKind::Invitation,
            lang,
            to: "new@example.jp",
            name,
            by: "admin@example.jp",
            role: Some(domain::Role::OrgMember),
            valid_seconds: 3600,
            base: "https://erabareru.example.jp",
        }
    }

    #[test]
    fn an_invitation_in_each_language_carries_the_link() {
        let link = "https://erabareru.example.jp/invite/abc";
        let ja = invitation(Lang::Ja, "山田").render(link, 3).unwrap();
        assert_eq!(ja.language, "ja");
        assert!(ja.subject.contains("招待"), "{}", ja.subject);
        assert!(ja.body_text.contains("山田"));
        assert!(ja.body_text.contains(link));
        assert!(ja.body_html.contains(&format!("href=\"{link}\"")));
        assert!(ja.body_html.contains("lang=\"ja\""));
        let en = invitation(Lang::En, "").render(link, 3).unwrap();
        assert_eq!(en.language, "en");
        assert!(en.subject.contains("invitation"), "{}", en.subject);
        assert!(
            en.body_text.contains("new@example.jp"),
            "the address stands in for a missing name"
        );
        assert!(en.body_html.contains("lang=\"en\""));
        assert_eq!(en.expires_in_seconds, Some(3600));
    }

    #[test]
    fn names_are_escaped_in_html_only() {
        let m = invitation(Lang::Ja, "<b>悪</b>")
            .render("https://x/invite/1", 3)
            .unwrap();
        assert!(m.body_html.contains("&#60;b&#62;") || m.body_html.contains("&lt;b&gt;"));
        assert!(!m.body_html.contains("<b>悪"));
        assert!(m.body_text.contains("<b>悪</b>"));
    }
}
