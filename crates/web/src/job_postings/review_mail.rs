//! The mails of a posting's review: the request to the region's staff when an
//! employer's posting waits for them, and the decision to the employer's
//! admins. In Japanese, like the inquiry notice (accounts keep no language).

use store::mail::{MailKind, NewMail};

use crate::i18n::{Lang, Tr};
use crate::public_form::mail;

/// Who is told when a posting is saved for review: the staff of the
/// organization's region, with the region's name for the greeting.
pub(super) struct Reviewers {
    pub region_name: String,
    pub emails: Vec<String>,
}

/// To one of the region's staff: which employer sent which posting, with the
/// link to the posting's page, where the decision is taken.
pub(super) fn request(
    to: &str,
    reviewers: &Reviewers,
    org_name: &str,
    title: &str,
    page_url: &str,
) -> NewMail {
    let t = Tr::new(Lang::Ja);
    mail(
        t.lang,
        MailKind::PostingReviewRequest,
        to,
        t.f1("jobs.mail.request_subject", "title", title),
        &[
            t.f1("jobs.mail.staff_dear", "region", &reviewers.region_name),
            t.f2("jobs.mail.request_lead", "org", org_name, "title", title),
        ],
        (t.t("jobs.mail.request_link"), page_url),
    )
}

/// To one of the employer's admins: the posting is public, or it came back
/// with the staff's note and the link to edit it.
pub(super) fn decision(
    to: &str,
    org_name: &str,
    title: &str,
    approved: bool,
    note: &str,
    link: &str,
) -> NewMail {
    let t = Tr::new(Lang::Ja);
    let dear = t.f1("inquiry.mail.employer_dear", "org", org_name);
    let (subject, lines, action) = if approved {
        (
            t.f1("jobs.mail.approved_subject", "title", title),
            vec![dear, t.f1("jobs.mail.approved_lead", "title", title)],
            t.t("jobs.mail.approved_link"),
        )
    } else {
        (
            t.f1("jobs.mail.returned_subject", "title", title),
            vec![
                dear,
                t.f1("jobs.mail.returned_lead", "title", title),
                format!("{}\n{}", t.t("jobs.mail.returned_note"), note),
            ],
            t.t("jobs.mail.returned_link"),
        )
    };
    mail(
        t.lang,
        MailKind::PostingReviewDecision,
        to,
        subject,
        &lines,
        (action, link),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_returned_posting_carries_the_staffs_note_and_the_edit_link() {
        let m = decision(
            "hr@example.jp",
            "架空介護会",
            "訪問介護員",
            false,
            "時給の下限を書いてください",
            "https://example.jp/jobs/7/edit",
        );
        assert_eq!(m.kind, MailKind::PostingReviewDecision);
        assert!(m.subject.contains("訪問介護員") && m.subject.contains("差し戻"));
        assert!(m.body_text.contains("時給の下限を書いてください"));
        assert!(m.body_text.contains("https://example.jp/jobs/7/edit"));
        let ok = decision("hr@example.jp", "架空介護会", "訪問介護員", true, "", "u");
        assert!(ok.subject.contains("公開"));
        assert!(!ok.body_text.contains("コメント"));
    }

    #[test]
    fn the_request_names_the_employer_and_escapes_it_in_html() {
        let r = Reviewers {
            region_name: "相馬市".into(),
            emails: vec![],
        };
        let m = request(
            "staff@example.jp",
            &r,
            "<株>架空",
            "事務",
            "https://e/jobs/1",
        );
        assert_eq!(m.kind, MailKind::PostingReviewRequest);
        assert!(m.body_text.contains("相馬市") && m.body_text.contains("<株>架空"));
        assert!(m.body_html.contains("&lt;株&gt;架空") && !m.body_html.contains("<株>"));
    }
}
