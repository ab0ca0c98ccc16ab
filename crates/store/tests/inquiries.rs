//! Inquiries and applications from job seekers, on SQLite and PostgreSQL: the
//! inquiry, its CV and its mails are written together; answers queue their mail;
//! the personal data is erased once the retention period has passed, and the
//! count stays.

use domain::job::InquiryKind;
use store::both_backends;
use store::inquiries::NewInquiry;
use store::mail::{MailKind, NewMail};
use store::orgs::OrganizationInput;
use store::testing::TestDb;
use store::{Backend, Error, Store};

async fn setup(backend: Backend) -> TestDb {
    TestDb::new(backend).await
}

async fn org(store: &Store) -> i64 {
    store
        .create_organization(&OrganizationInput {
            name: "はまなすケミカル株式会社".into(),
            org_type: "company".into(),
            prefecture: "07".into(),
            ..OrganizationInput::default()
        })
        .await
        .unwrap()
}

fn new(org_id: i64) -> NewInquiry {
    NewInquiry {
        org_id,
        posting_id: None,
        posting_title: String::new(),
        kind: InquiryKind::Inquiry,
        name: "相馬 花子".into(),
        email: "hanako@example.jp".into(),
        phone: String::new(),
        message: "見学できますか".into(),
        language: "ja".into(),
    }
}

fn mail(to: &str) -> NewMail {
    NewMail {
        recipient: to.into(),
        language: "ja".into(),
        kind: MailKind::JobInquiry,
        subject: "s".into(),
        body_text: "t".into(),
        body_html: "h".into(),
        max_attempts: 3,
        expires_in_seconds: None,
    }
}

both_backends!(
    an_inquiry_its_cv_answers_and_mails_go_together_and_are_erased_in_time,
    setup,
    |db: TestDb| async move {
        let store = &db.store;
        let org_id = org(store).await;
        let id = store
            .send_inquiry(&new(org_id), Some(b"%PDF-1.7 cv"), |id| {
                vec![
                    mail(&format!("hr{id}@example.jp")),
                    mail("hanako@example.jp"),
                ]
            })
            .await
            .unwrap();
        let outbox = store.list_outbox(None, 1, 10).await.unwrap();
        assert_eq!(outbox.total, 2);
        assert!(
            outbox
                .mails
                .iter()
                .any(|m| m.recipient == format!("hr{id}@example.jp"))
        );
        assert_eq!(store.inquiry_cv(id).await.unwrap(), b"%PDF-1.7 cv");
        let user = store
            .create_user("hr@example.jp", "人事 一郎", None)
            .await
            .unwrap();
        store
            .answer_inquiry(id, "ぜひお越しください", user, |i| {
                Some(mail(&i.email))
            })
            .await
            .unwrap();
        let got = store.inquiry(id).await.unwrap();
        assert_eq!(got.answers.len(), 1);
        assert_eq!(got.answers[0].answered_by_name, "人事 一郎");
        assert_eq!(store.list_outbox(None, 1, 10).await.unwrap().total, 3);
        let lines = store.inquiries_of_org(org_id).await.unwrap();
        assert_eq!((lines[0].answers, lines[0].has_cv), (1, true));

        // Day 180 keeps it; past 180 days it is erased, once.
        let sent: jiff::Timestamp = got.created_at.parse().unwrap();
        let day = |d: i64| {
            sent.checked_add(jiff::SignedDuration::from_hours(24 * d))
                .unwrap()
        };
        assert_eq!(store.erase_expired_inquiries(day(180)).await.unwrap(), 0);
        let later = day(180)
            .checked_add(jiff::SignedDuration::from_secs(1))
            .unwrap();
        assert_eq!(store.erase_expired_inquiries(later).await.unwrap(), 1);
        assert_eq!(store.erase_expired_inquiries(later).await.unwrap(), 0);
        let gone = store.inquiry(id).await.unwrap();
        assert!(gone.erased_at.is_some());
        assert_eq!((gone.name.as_str(), gone.email.as_str()), ("", ""));
        assert_eq!(gone.answers[0].body, "");
        assert!(matches!(store.inquiry_cv(id).await, Err(Error::NotFound)));
        assert!(matches!(
            store
                .answer_inquiry(id, "x", user, |i| Some(mail(&i.email)))
                .await,
            Err(Error::NotFound)
        ));
        // The count stays.
        assert_eq!(store.inquiry_marks(org_id).await.unwrap().len(), 1);
    }
);
