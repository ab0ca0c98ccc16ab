//! The three inquiry mails: the notice to the employer's admins, the seeker's
//! copy, and the employer's answer. The seeker's mails are in the language of
//! the page they wrote on; the employer's notice in Japanese (its admins' pages
//! default to it, and the account keeps no language).

use domain::job::InquiryKind;
use store::inquiries::{Inquiry, NewInquiry};
use store::mail::{MailKind, NewMail};
use store::orgs::Organization;

use crate::i18n::{Lang, Tr};
use crate::public_form::mail;

fn kind_name(t: &Tr, kind: InquiryKind) -> &str {
    t.pick(kind.name_ja(), kind.name_en())
}

/// 「求人：…」 or 「企業あて」: what the inquiry is about.
fn about(t: &Tr, posting_title: &str) -> String {
    if posting_title.is_empty() {
        t.t("inquiry.about_employer").to_string()
    } else {
        t.f1("inquiry.about_posting", "title", posting_title)
    }
}

/// What the seeker sent, as both mails quote it.
fn sent_lines(t: &Tr, new: &NewInquiry, has_cv: bool) -> String {
    let mut lines = vec![
        about(t, &new.posting_title),
        format!("{}：{}", t.t("inquiry.name"), new.name),
    ];
    if has_cv {
        lines.push(t.t("inquiry.mail.cv_attached").to_string());
    }
    lines.push(format!("{}：\n{}", t.t("inquiry.message"), new.message));
    lines.join("\n")
}

/// To one of the employer's admins: who wrote and what, with the link to read
/// and answer it. The seeker's address and phone stay in erabareru.
pub fn to_employer(
    to: &str,
    org: &Organization,
    new: &NewInquiry,
    has_cv: bool,
    desk_url: &str,
) -> NewMail {
    let t = Tr::new(Lang::Ja);
    mail(
        t.lang,
        MailKind::JobInquiry,
        to,
        t.f2(
            "inquiry.mail.employer_subject",
            "kind",
            kind_name(&t, new.kind),
            "about",
            about(&t, &new.posting_title),
        ),
        &[
            t.f1("inquiry.mail.employer_dear", "org", &org.name),
            t.f1(
                "inquiry.mail.employer_lead",
                "kind",
                kind_name(&t, new.kind),
            ),
            sent_lines(&t, new, has_cv),
        ],
        (t.t("inquiry.mail.employer_link"), desk_url),
    )
}

/// The seeker's copy, in the language they wrote in.
pub fn copy_to_seeker(t: &Tr, org: &Organization, new: &NewInquiry, page_url: &str) -> NewMail {
    mail(
        t.lang,
        MailKind::JobInquiryCopy,
        &new.email,
        t.f2(
            "inquiry.mail.copy_subject",
            "org",
            &org.name,
            "kind",
            kind_name(t, new.kind),
        ),
        &[
            t.f1("inquiry.mail.dear", "name", &new.name),
            t.f1("inquiry.mail.copy_lead", "org", &org.name),
            sent_lines(t, new, false),
        ],
        (t.t("inquiry.mail.page_link"), page_url),
    )
}

/// The employer's answer, to the seeker in the language they wrote in.
pub fn answer(org_name: &str, i: &Inquiry, body: &str, page_url: &str) -> NewMail {
    let t = Tr::new(Lang::parse(&i.language).unwrap_or_default());
    mail(
        t.lang,
        MailKind::JobInquiryAnswer,
        &i.email,
        t.f1("inquiry.mail.answer_subject", "org", org_name),
        &[
            t.f1("inquiry.mail.dear", "name", &i.name),
            t.f2(
                "inquiry.mail.answer_lead",
                "org",
                org_name,
                "kind",
                kind_name(&t, i.kind),
            ),
            body.to_string(),
            t.t("inquiry.mail.no_reply").to_string(),
        ],
        (t.t("inquiry.mail.page_link"), page_url),
    )
}
