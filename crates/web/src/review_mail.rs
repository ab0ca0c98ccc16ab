//! The mails of the staff's review of what employers write for the public (job
//! postings, case stories): the request to the region's staff when something
//! waits for them, and the decision to the employer's admins. In Japanese,
//! like the inquiry notice (accounts keep no language).

use store::mail::{MailKind, NewMail};

use crate::i18n::{Lang, Tr};
use crate::public_form::mail;

/// What was sent for review; it picks the wording (`jobs.mail.*`,
/// `stories.mail.*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reviewed {
    Posting,
    Story,
}

impl Reviewed {
    fn key(self, part: &str) -> String {
        let prefix = match self {
            Reviewed::Posting => "jobs",
            Reviewed::Story => "stories",
        };
        format!("{prefix}.mail.{part}")
    }
}

/// Who is told when something is sent for review: the staff of its region,
/// with the region's name for the greeting.
pub struct Reviewers {
    pub region_name: String,
    pub emails: Vec<String>,
}

impl Reviewers {
    /// Nobody (nothing waits, or no region to ask).
    fn none() -> Reviewers {
        Reviewers {
            region_name: String::new(),
            emails: Vec::new(),
        }
    }

    /// The staff of `region_id` when something of theirs enters review now
    /// (it was not waiting already); nobody otherwise.
    pub async fn asked(
        store: &store::Store,
        region_id: Option<i64>,
        entering_review: bool,
    ) -> store::Result<Reviewers> {
        let Some(region_id) = region_id.filter(|_| entering_review) else {
            return Ok(Reviewers::none());
        };
        Ok(Reviewers {
            region_name: store.region(region_id).await?.name_ja,
            emails: store.region_staff_emails(region_id).await?,
        })
    }

    /// One request to each of them: which employer sent what, with the link to
    /// its page, where the decision is taken.
    pub fn requests(
        &self,
        what: Reviewed,
        org_name: &str,
        title: &str,
        page_url: &str,
    ) -> Vec<NewMail> {
        let t = Tr::new(Lang::Ja);
        self.emails
            .iter()
            .map(|to| {
                mail(
                    t.lang,
                    MailKind::ReviewRequest,
                    to,
                    t.f1(&what.key("request_subject"), "title", title),
                    &[
                        t.f1("review.mail.staff_dear", "region", &self.region_name),
                        t.f2(&what.key("request_lead"), "org", org_name, "title", title),
                    ],
                    (t.t(&what.key("request_link")), page_url),
                )
            })
            .collect()
    }
}

/// To each of the employer's admins: it is public at `page_url`, or it came
/// back with the staff's note and the link to edit it (`{page_url}/edit`).
pub fn decisions(
    what: Reviewed,
    admins: &[String],
    org_name: &str,
    title: &str,
    approved: bool,
    note: &str,
    page_url: &str,
) -> Vec<NewMail> {
    let t = Tr::new(Lang::Ja);
    let link = if approved {
        page_url.to_string()
    } else {
        format!("{page_url}/edit")
    };
    let dear = t.f1("inquiry.mail.employer_dear", "org", org_name);
    let (subject, lines, action) = if approved {
        (
            t.f1(&what.key("approved_subject"), "title", title),
            vec![dear, t.f1(&what.key("approved_lead"), "title", title)],
            t.t(&what.key("approved_link")).to_string(),
        )
    } else {
        (
            t.f1(&what.key("returned_subject"), "title", title),
            vec![
                dear,
                t.f1(&what.key("returned_lead"), "title", title),
                format!("{}\n{}", t.t("review.mail.returned_note"), note),
            ],
            t.t(&what.key("returned_link")).to_string(),
        )
    };
    admins
        .iter()
        .map(|to| {
            mail(
                t.lang,
                MailKind::ReviewDecision,
                to,
                subject.clone(),
                &lines,
                (action.as_str(), link.as_str()),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_returned_posting_carries_the_staffs_note_and_the_edit_link() {
        let admins = ["hr@example.jp".to_string()];
        let m = &decisions(
            Reviewed::Posting,
            &admins,
            "架空介護会",
            "訪問介護員",
            false,
            "時給の下限を書いてください",
            "https://example.jp/jobs/7",
        )[0];
        assert_eq!(m.kind, MailKind::ReviewDecision);
        assert!(m.subject.contains("訪問介護員") && m.subject.contains("差し戻"));
        assert!(m.body_text.contains("時給の下限を書いてください"));
        assert!(m.body_text.contains("https://example.jp/jobs/7/edit"));
        let ok = &decisions(
            Reviewed::Posting,
            &admins,
            "架空介護会",
            "訪問介護員",
            true,
            "",
            "https://example.jp/jobs/7",
        )[0];
        assert!(ok.subject.contains("公開"));
        assert!(ok.body_text.contains("https://example.jp/jobs/7\n"));
        assert!(!ok.body_text.contains("コメント"));
    }

    #[test]
    fn every_wording_exists_in_both_languages() {
        for lang in [Lang::Ja, Lang::En] {
            let t = Tr::new(lang);
            for what in [Reviewed::Posting, Reviewed::Story] {
                for part in [
                    "request_subject",
                    "request_lead",
                    "request_link",
                    "approved_subject",
                    "approved_lead",
                    "approved_link",
                    "returned_subject",
                    "returned_lead",
                    "returned_link",
                ] {
                    let key = what.key(part);
                    assert_ne!(t.t(&key), key, "{lang:?} {key}");
                }
            }
        }
    }

    #[test]
    fn the_request_names_the_employer_and_escapes_it_in_html() {
        let r = Reviewers {
            region_name: "相馬市".into(),
            emails: vec!["staff@example.jp".into()],
        };
        let m = &r.requests(
            Reviewed::Story,
            "<株>架空",
            "朝メール",
            "https://e/stories/1",
        )[0];
        assert_eq!(m.kind, MailKind::ReviewRequest);
        assert!(m.subject.contains("取組事例"));
        assert!(m.body_text.contains("相馬市") && m.body_text.contains("<株>架空"));
        assert!(m.body_html.contains("&lt;株&gt;架空") && !m.body_html.contains("<株>"));
    }
}
