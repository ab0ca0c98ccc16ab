//! Inquiries and applications (問い合わせ・応募; issue 12) through the real
//! routes, on SQLite and PostgreSQL: a job seeker applies with a PDF CV from a
//! posting's page and asks an employer from its workplace page; the employer's
//! admins are told by mail, read it, download the CV and answer; the seeker
//! gets the copy and the answer by mail in the language they wrote in. Bad
//! input (no PDF, a bot, an old form, NUL) is refused with nothing stored, and
//! nobody but the employer's admins opens an inquiry.

mod support;

use store::both_backends;
use store::mail::MailKind;
use support::*;

const OFFICE: &str = "一般事務（パート・時短勤務）";
const HAMANASU: &str = "はまなすケミカル株式会社";

async fn posting_id(app: &TestApp, title: &str) -> i64 {
    let org = app.org_id(HAMANASU).await;
    app.store()
        .postings_of_org(org)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.fields.title == title)
        .unwrap_or_else(|| panic!("demo posting {title}"))
        .id
}

/// The signed time token of a form page.
fn shown(html: &str) -> String {
    let marker = "name=\"shown\" value=\"";
    let start = html.find(marker).expect("the form carries its time token") + marker.len();
    let end = html[start..].find('"').unwrap();
    html[start..start + end].to_string()
}

fn form(fields: &[(&str, &str)], cv: Option<Vec<u8>>) -> reqwest::multipart::Form {
    let mut f = reqwest::multipart::Form::new();
    for (k, v) in fields {
        f = f.text(k.to_string(), v.to_string());
    }
    attach(f, cv)
}

fn attach(mut f: reqwest::multipart::Form, cv: Option<Vec<u8>>) -> reqwest::multipart::Form {
    if let Some(bytes) = cv {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name("rirekisho.pdf")
            .mime_str("application/pdf")
            .unwrap();
        f = f.part("cv", part);
    }
    f
}

/// Ms 鹿島's application with `message`, `shown` and the honeypot `website`.
fn application(
    message: &str,
    shown: &str,
    website: &str,
    cv: Option<Vec<u8>>,
) -> reqwest::multipart::Form {
    form(
        &[
            ("kind", "application"),
            ("name", "鹿島 美咲"),
            ("email", "misaki@example.jp"),
            ("phone", "０９０－１１１１－２２２２"),
            ("message", message),
            ("website", website),
            ("shown", shown),
        ],
        cv,
    )
}

const CV: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";

both_backends!(
    a_seeker_applies_and_the_employer_answers,
    spawn_demo,
    |app: TestApp| async move {
        let office = posting_id(&app, OFFICE).await;
        let org = app.org_id(HAMANASU).await;
        let before = app.store().inquiries_of_org(org).await.unwrap().len();

        // The posting page leads to the form; the form carries its time token.
        let seeker = app.client();
        let (status, page) = seeker.get_text(&format!("/jobs/{office}")).await;
        assert_eq!(status, 200);
        assert!(page.contains(&format!("href=\"/jobs/{office}/apply\"")));
        let (status, html) = seeker.get_text(&format!("/jobs/{office}/apply")).await;
        assert_eq!(status, 200);
        assert!(html.contains("enctype=\"multipart/form-data\""));
        assert!(html.contains("value=\"application\" checked"), "{html}");
        let token = shown(&html);

        // A file that is not a PDF: refused, nothing stored, the text kept.
        let res = seeker
            .post_multipart(
                &format!("/jobs/{office}/apply"),
                application(
                    "週3日で働けますか",
                    &token,
                    "",
                    Some(b"GIF89a not a pdf".to_vec()),
                ),
            )
            .await;
        assert_eq!(res.status(), 200);
        let body = res.text().await.unwrap();
        assert!(body.contains("PDFファイルではありません"), "{body}");
        assert!(body.contains("週3日で働けますか"));
        // An old or forged time token: sent back to be sent again.
        let res = seeker
            .post_multipart(
                &format!("/jobs/{office}/apply"),
                application("週3日で働けますか", "1.00", "", None),
            )
            .await;
        assert_eq!(res.status(), 200);
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("もう一度送信してください")
        );
        // A bot filling the honeypot, and a NUL in the message.
        let res = seeker
            .post_multipart(
                &format!("/jobs/{office}/apply"),
                application("spam", &token, "http://spam.example", None),
            )
            .await;
        assert_eq!(res.status(), 400);
        let res = seeker
            .post_multipart(
                &format!("/jobs/{office}/apply"),
                application("a\u{0}b", &token, "", None),
            )
            .await;
        assert_eq!(res.status(), 400);
        assert_eq!(
            app.store().inquiries_of_org(org).await.unwrap().len(),
            before
        );
        assert!(mails_of(&app, MailKind::JobInquiry).await.is_empty());

        // The real application, with its CV.
        let res = seeker
            .post_multipart(
                &format!("/jobs/{office}/apply"),
                application(
                    "週3日、9時〜14時で働けますか。",
                    &token,
                    "",
                    Some(CV.to_vec()),
                ),
            )
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(location(&res), format!("/jobs/{office}"));
        let (_, flashed) = seeker.get_text(&format!("/jobs/{office}")).await;
        assert!(flashed.contains("misaki@example.jp"), "{flashed}");

        let lines = app.store().inquiries_of_org(org).await.unwrap();
        assert_eq!(lines.len(), before + 1);
        let id = lines[0].id;
        let stored = app.store().inquiry(id).await.unwrap();
        assert_eq!(stored.posting_id, Some(office));
        assert_eq!(stored.phone, "090-1111-2222", "full-width digits read");
        assert_eq!(stored.language, "ja");

        // The employer's admin is told, without the seeker's contact; the
        // seeker gets a copy.
        let notices = mails_of(&app, MailKind::JobInquiry).await;
        assert_eq!(notices.len(), 1);
        assert_eq!(notices[0].recipient, HR.0);
        assert!(notices[0].subject.contains(OFFICE));
        assert!(notices[0].body_text.contains(&format!("/inquiries/{id}")));
        assert!(notices[0].body_text.contains("鹿島 美咲"));
        assert!(!notices[0].body_text.contains("misaki@example.jp"));
        let copies = mails_of(&app, MailKind::JobInquiryCopy).await;
        assert_eq!(copies.len(), 1);
        assert_eq!(copies[0].recipient, "misaki@example.jp");
        assert!(
            copies[0]
                .body_text
                .contains("週3日、9時〜14時で働けますか。")
        );

        // HR reads it: the list with this year's count, the inquiry, the CV.
        let hr = app.signed_in(HR).await;
        let (status, list) = hr.get_text(&format!("/orgs/{org}/inquiries")).await;
        assert_eq!(status, 200);
        assert!(list.contains(&format!("href=\"/inquiries/{id}\"")));
        assert!(list.contains("id=\"inquiry-counts\""));
        let (status, item) = hr.get_text(&format!("/inquiries/{id}")).await;
        assert_eq!(status, 200);
        assert!(item.contains("misaki@example.jp") && item.contains("090-1111-2222"));
        let res = hr.get(&format!("/inquiries/{id}/cv")).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "application/pdf");
        assert!(
            res.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment")
        );
        assert_eq!(res.bytes().await.unwrap().as_ref(), CV);

        // An empty answer is refused; the answer goes to the seeker by mail.
        let res = hr
            .post_form(&format!("/inquiries/{id}/answer"), &[("answer", "  ")])
            .await;
        assert_eq!(res.status(), 200);
        assert!(mails_of(&app, MailKind::JobInquiryAnswer).await.is_empty());
        let res = hr
            .post_form(
                &format!("/inquiries/{id}/answer"),
                &[("answer", "大丈夫です。見学にいらしてください。")],
            )
            .await;
        assert_eq!(res.status(), 303);
        let answers = mails_of(&app, MailKind::JobInquiryAnswer).await;
        assert_eq!(answers.len(), 1);
        assert_eq!(answers[0].recipient, "misaki@example.jp");
        assert!(answers[0].body_text.contains("見学にいらしてください"));
        let (_, item) = hr.get_text(&format!("/inquiries/{id}")).await;
        assert!(item.contains("id=\"answer-1\""));

        // Nobody else opens it: staff and the platform admin are refused,
        // another company's admin does not learn it exists, signed-out people
        // are sent to sign in.
        for who in [STAFF, ADMIN] {
            let c = app.signed_in(who).await;
            for path in [
                format!("/inquiries/{id}"),
                format!("/inquiries/{id}/cv"),
                format!("/orgs/{org}/inquiries"),
            ] {
                assert_eq!(c.get(&path).await.status(), 403, "{who:?} {path}");
            }
            let res = c
                .post_form(&format!("/inquiries/{id}/answer"), &[("answer", "x")])
                .await;
            assert_eq!(res.status(), 403);
        }
        let res = app.client().get(&format!("/inquiries/{id}/cv")).await;
        assert_eq!(res.status(), 303);
        assert!(location(&res).starts_with("/login"));
    }
);

both_backends!(
    an_english_question_to_an_employer_is_answered_in_english,
    spawn_demo,
    |app: TestApp| async move {
        let org = app.org_id(HAMANASU).await;
        let seeker = app.client();
        let res = seeker
            .post_form("/lang", &[("lang", "en"), ("next", "/")])
            .await;
        assert_eq!(res.status(), 303);
        let (status, page) = seeker.get_text(&format!("/workplaces/{org}")).await;
        assert_eq!(status, 200);
        assert!(page.contains(&format!("href=\"/workplaces/{org}/contact\"")));
        let (status, html) = seeker.get_text(&format!("/workplaces/{org}/contact")).await;
        assert_eq!(status, 200);
        assert!(html.contains("value=\"inquiry\" checked"));
        let token = shown(&html);
        let res = seeker
            .post_multipart(
                &format!("/workplaces/{org}/contact"),
                form(
                    &[
                        ("kind", "inquiry"),
                        ("name", "Alex Sato"),
                        ("email", "Alex@Example.jp"),
                        ("message", "Do you hire people moving back to Sōma?"),
                        ("shown", &token),
                    ],
                    None,
                ),
            )
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(location(&res), format!("/workplaces/{org}"));
        let id = app.store().inquiries_of_org(org).await.unwrap()[0].id;
        let copy = &mails_of(&app, MailKind::JobInquiryCopy).await[0];
        assert_eq!(copy.language, "en");
        assert!(copy.subject.contains(HAMANASU), "{}", copy.subject);

        let hr = app.signed_in(HR).await;
        let res = hr
            .post_form(
                &format!("/inquiries/{id}/answer"),
                &[("answer", "Yes, we do.")],
            )
            .await;
        assert_eq!(res.status(), 303);
        let answer = &mails_of(&app, MailKind::JobInquiryAnswer).await[0];
        assert_eq!(answer.language, "en");
        assert!(answer.subject.starts_with("An answer from"));
        assert!(answer.body_text.contains("Yes, we do."));
        assert!(answer.body_text.contains(&format!("/workplaces/{org}")));
    }
);

both_backends!(
    closed_postings_and_unpublished_employers_take_no_inquiries,
    spawn_demo,
    |app: TestApp| async move {
        let closed = posting_id(&app, "品質管理スタッフ（今年度の募集）").await;
        let anon = app.client();
        let res = anon.get(&format!("/jobs/{closed}/apply")).await;
        assert_eq!(res.status(), 303);
        assert_eq!(location(&res), format!("/jobs/{closed}"));
        assert_eq!(anon.get(&format!("/jobs/{closed}")).await.status(), 410);
        let res = anon
            .post_multipart(
                &format!("/jobs/{closed}/apply"),
                form(&[("kind", "application")], None),
            )
            .await;
        assert_eq!(res.status(), 303);
        // 光陽プレシジョン's profile waits for the region's approval.
        let koyo = app.org_id("光陽プレシジョン株式会社").await;
        assert_eq!(
            anon.get(&format!("/workplaces/{koyo}/contact"))
                .await
                .status(),
            404
        );
        assert_eq!(anon.get("/jobs/999999/apply").await.status(), 404);
    }
);

async fn demo_limited(backend: store::Backend) -> TestApp {
    let app = spawn_with(
        backend,
        web::Config {
            registration_rate_per_hour: 2,
            ..test_config()
        },
    )
    .await;
    web::demo::load(app.store()).await.expect("demo data loads");
    app
}

both_backends!(
    one_address_sends_only_so_many_in_an_hour,
    demo_limited,
    |app: TestApp| async move {
        let office = posting_id(&app, OFFICE).await;
        let seeker = app.client();
        let (_, html) = seeker.get_text(&format!("/jobs/{office}/apply")).await;
        let token = shown(&html);
        let path = format!("/jobs/{office}/apply");
        for _ in 0..2 {
            let res = seeker
                .post_multipart(&path, application("質問です", &token, "", None))
                .await;
            assert_eq!(res.status(), 303);
        }
        let res = seeker
            .post_multipart(&path, application("質問です", &token, "", None))
            .await;
        assert_eq!(res.status(), 429);
        let org = app.org_id(HAMANASU).await;
        let sent = app.store().inquiries_of_org(org).await.unwrap();
        assert_eq!(sent.iter().filter(|l| l.name == "鹿島 美咲").count(), 2);
    }
);
