//! The mail queue, on SQLite and on PostgreSQL (each test gets a fresh database):
//! transactional enqueue, exclusive claims, lease takeover, backoff and failure.

use std::collections::HashSet;

use store::audit::Actor;
use store::both_backends;
use store::mail::{MailKind, MailState, NewMail};
use store::testing::TestDb;
use store::{Backend, Error};

async fn setup(backend: Backend) -> TestDb {
    TestDb::new(backend).await
}

fn message(to: &str, max_attempts: i64) -> NewMail {
    NewMail {
        recipient: to.into(),
        language: "ja".into(),
        kind: MailKind::Invitation,
        subject: "招待".into(),
        body_text: "本文".into(),
        body_html: "<p>本文</p>".into(),
        max_attempts,
        expires_in_seconds: None,
    }
}

fn seconds_from_now(ts: &str) -> i64 {
    let t: jiff::Timestamp = ts.parse().unwrap();
    t.duration_since(jiff::Timestamp::now()).as_secs()
}

both_backends!(
    enqueue_rolls_back_with_its_transaction,
    setup,
    |db: TestDb| async move {
        let s = &db.store;
        let mut tx = s.pool().begin().await.unwrap();
        store::mail::enqueue(&mut *tx, &message("a@example.jp", 3))
            .await
            .unwrap();
        tx.rollback().await.unwrap();
        assert_eq!(s.list_outbox(None, 1, 50).await.unwrap().total, 0);
        assert!(s.claim_due_mail("w", 60).await.unwrap().is_none());

        let mut tx = s.pool().begin().await.unwrap();
        let id = store::mail::enqueue(&mut *tx, &message("a@example.jp", 3))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let page = s.list_outbox(None, 1, 50).await.unwrap();
        assert_eq!(page.total, 1);
        assert_eq!(page.mails[0].id, id);
        assert_eq!(page.mails[0].state, MailState::Queued);
        assert_eq!(page.mails[0].kind, MailKind::Invitation);
        assert_eq!(page.mails[0].attempts, 0);
    }
);

both_backends!(
    an_invitation_and_its_mail_commit_together,
    setup,
    |db: TestDb| async move {
        let s = &db.store;
        let actor = Actor {
            user_id: None,
            label: "test".into(),
            ip: String::new(),
        };
        let compose = |token: &str| {
            let mut m = message("new@example.jp", 3);
            m.body_text = format!("/invite/{token}");
            Some(m)
        };
        let (_, token) = s
            .invite_user_with_mail(
                "new@example.jp",
                "新人",
                "org_member",
                (None, None),
                3600,
                &actor,
                "",
                compose,
            )
            .await
            .unwrap();
        // The same address again: the account conflicts, and its mail is not queued either.
        let again = s
            .invite_user_with_mail(
                "NEW@example.jp",
                "新人",
                "org_member",
                (None, None),
                3600,
                &actor,
                "",
                compose,
            )
            .await;
        assert!(matches!(again, Err(Error::Conflict(_))), "{again:?}");
        let page = s.list_outbox(None, 1, 50).await.unwrap();
        assert_eq!(page.total, 1);
        assert_eq!(page.mails[0].body_text, format!("/invite/{token}"));

        let user = s.user_by_email("new@example.jp").await.unwrap().unwrap();
        let reset = s
            .issue_reset_with_mail(user.id, 3600, |t| {
                let mut m = message("new@example.jp", 3);
                m.kind = MailKind::PasswordReset;
                m.body_text = t.to_string();
                Some(m)
            })
            .await
            .unwrap();
        let page = s.list_outbox(None, 1, 50).await.unwrap();
        assert_eq!(page.total, 2);
        assert_eq!(page.mails[0].kind, MailKind::PasswordReset);
        assert_eq!(page.mails[0].body_text, reset);
        assert_eq!(
            s.user_by_invite(&reset).await.unwrap().map(|u| u.id),
            Some(user.id)
        );
        let missing = s.issue_reset_with_mail(999_999, 3600, compose).await;
        assert!(matches!(missing, Err(Error::NotFound)));
        assert_eq!(s.list_outbox(None, 1, 50).await.unwrap().total, 2);
    }
);

both_backends!(
    two_workers_never_claim_the_same_message,
    setup,
    |db: TestDb| async move {
        let s = db.store.clone();
        let mut all = HashSet::new();
        for i in 0..24 {
            all.insert(
                s.enqueue_mail(&message(&format!("p{i}@example.jp"), 3))
                    .await
                    .unwrap(),
            );
        }
        let mut workers = Vec::new();
        for w in 0..4 {
            let s = s.clone();
            workers.push(tokio::spawn(async move {
                let me = format!("worker-{w}");
                let mut mine = Vec::new();
                while let Some(m) = s.claim_due_mail(&me, 60).await.unwrap() {
                    assert_eq!(m.lease_owner, me);
                    assert_eq!(m.state, MailState::Sending);
                    mine.push(m.id);
                }
                mine
            }));
        }
        let mut seen = Vec::new();
        for w in workers {
            seen.extend(w.await.unwrap());
        }
        let unique: HashSet<i64> = seen.iter().copied().collect();
        assert_eq!(
            unique.len(),
            seen.len(),
            "a message was claimed twice: {seen:?}"
        );
        assert_eq!(unique, all, "every message was claimed once");
        // All are leased now: nobody gets one.
        assert!(s.claim_due_mail("late", 60).await.unwrap().is_none());
    }
);

both_backends!(
    an_expired_lease_is_taken_over,
    setup,
    |db: TestDb| async move {
        let s = &db.store;
        let id = s.enqueue_mail(&message("a@example.jp", 3)).await.unwrap();
        // A live lease keeps others off.
        let first = s.claim_due_mail("alive", 60).await.unwrap().unwrap();
        assert_eq!(first.id, id);
        assert!(s.claim_due_mail("other", 60).await.unwrap().is_none());
        s.mark_mail_sent(id, "alive").await.unwrap();
        assert_eq!(s.mail(id).await.unwrap().state, MailState::Sent);
        assert!(s.mail(id).await.unwrap().sent_at.is_some());

        // A worker that dies: its lease (already run out here) lets another take over.
        let id = s.enqueue_mail(&message("b@example.jp", 3)).await.unwrap();
        let dead = s.claim_due_mail("dead", -5).await.unwrap().unwrap();
        assert_eq!(dead.id, id);
        let taken = s.claim_due_mail("heir", 60).await.unwrap().unwrap();
        assert_eq!(taken.id, id);
        assert_eq!(taken.attempts, 2, "each claim counts as a try");
        // The dead worker's late writes change nothing.
        assert!(matches!(
            s.mark_mail_sent(id, "dead").await,
            Err(Error::LeaseLost)
        ));
        assert!(matches!(
            s.mark_mail_failed_attempt(id, "dead", "x", false, 0, 0)
                .await,
            Err(Error::LeaseLost)
        ));
        s.mark_mail_sent(id, "heir").await.unwrap();
        let m = s.mail(id).await.unwrap();
        assert_eq!(m.state, MailState::Sent);
        assert_eq!(m.lease_owner, "");

        // Out of tries while its worker died: failed, not sent once more.
        let id = s.enqueue_mail(&message("c@example.jp", 1)).await.unwrap();
        s.claim_due_mail("dies", -5).await.unwrap().unwrap();
        assert!(s.claim_due_mail("heir", 60).await.unwrap().is_none());
        let m = s.mail(id).await.unwrap();
        assert_eq!(m.state, MailState::Failed);
        assert!(!m.last_error.is_empty());
    }
);

both_backends!(
    failed_tries_back_off_and_end_failed,
    setup,
    |db: TestDb| async move {
        let s = &db.store;
        let id = s.enqueue_mail(&message("a@example.jp", 3)).await.unwrap();
        s.claim_due_mail("w", 60).await.unwrap().unwrap();
        let state = s
            .mark_mail_failed_attempt(id, "w", "connection refused", false, 60, 3600)
            .await
            .unwrap();
        assert_eq!(state, MailState::Queued);
        let m = s.mail(id).await.unwrap();
        assert_eq!(m.last_error, "connection refused");
        let wait = seconds_from_now(&m.next_attempt_at);
        assert!(
            (55..=61).contains(&wait),
            "first retry after a minute: {wait}"
        );
        // Not due yet.
        assert!(s.claim_due_mail("w", 60).await.unwrap().is_none());

        // With no pause, the tries run out: the third failure is final, its error kept.
        let id = s.enqueue_mail(&message("b@example.jp", 3)).await.unwrap();
        for attempt in 1..=3 {
            let m = s.claim_due_mail("w", 60).await.unwrap().unwrap();
            assert_eq!((m.id, m.attempts), (id, attempt));
            let state = s
                .mark_mail_failed_attempt(id, "w", &format!("try {attempt}"), false, 0, 0)
                .await
                .unwrap();
            let expected = if attempt < 3 {
                MailState::Queued
            } else {
                MailState::Failed
            };
            assert_eq!(state, expected);
        }
        let m = s.mail(id).await.unwrap();
        assert_eq!(m.state, MailState::Failed);
        assert_eq!(m.last_error, "try 3");
        assert!(m.sent_at.is_none());
        assert!(s.claim_due_mail("w", 60).await.unwrap().is_none());

        // A refusal of the message itself is final at once.
        let id = s.enqueue_mail(&message("c@example.jp", 5)).await.unwrap();
        s.claim_due_mail("w", 60).await.unwrap().unwrap();
        let state = s
            .mark_mail_failed_attempt(id, "w", "550 no such user", true, 0, 0)
            .await
            .unwrap();
        assert_eq!(state, MailState::Failed);

        // A message whose link expired is failed instead of sent late.
        let mut late = message("d@example.jp", 3);
        late.expires_in_seconds = Some(-1);
        let id = s.enqueue_mail(&late).await.unwrap();
        assert!(s.claim_due_mail("w", 60).await.unwrap().is_none());
        assert_eq!(s.mail(id).await.unwrap().state, MailState::Failed);
    }
);

both_backends!(
    the_outbox_pages_and_filters,
    setup,
    |db: TestDb| async move {
        let s = &db.store;
        let mut ids = Vec::new();
        for i in 0..7 {
            ids.push(
                s.enqueue_mail(&message(&format!("p{i}@example.jp"), 3))
                    .await
                    .unwrap(),
            );
        }
        let sent = s.claim_due_mail("w", 60).await.unwrap().unwrap();
        s.mark_mail_sent(sent.id, "w").await.unwrap();

        let first = s.list_outbox(None, 1, 3).await.unwrap();
        assert_eq!(first.total, 7);
        let got: Vec<i64> = first.mails.iter().map(|m| m.id).collect();
        assert_eq!(got, vec![ids[6], ids[5], ids[4]], "newest first");
        let last = s.list_outbox(None, 3, 3).await.unwrap();
        assert_eq!(last.mails.len(), 1);
        assert_eq!(last.mails[0].id, ids[0]);

        let only_sent = s.list_outbox(Some(MailState::Sent), 1, 50).await.unwrap();
        assert_eq!(only_sent.total, 1);
        assert_eq!(only_sent.mails[0].id, sent.id);
        let queued = s.list_outbox(Some(MailState::Queued), 1, 50).await.unwrap();
        assert_eq!(queued.total, 6);
        assert!(queued.mails.iter().all(|m| m.state == MailState::Queued));
        assert_eq!(
            s.list_outbox(Some(MailState::Failed), 1, 50)
                .await
                .unwrap()
                .total,
            0
        );
    }
);
