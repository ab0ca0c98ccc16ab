//! Case stories (取組事例), on SQLite and PostgreSQL: an employer's story is
//! public only once the region's staff approve it; an edit sends it back to
//! review and it leaves the public lists; a decision takes a story in review
//! once, and every step is audited.

use domain::story::StoryStatus;
use store::audit::{Actor, AuditFilter};
use store::both_backends;
use store::orgs::OrganizationInput;
use store::regions::NewRegion;
use store::stories::StoryText;
use store::testing::TestDb;
use store::{Backend, Error, Store};

async fn setup(backend: Backend) -> TestDb {
    TestDb::new(backend).await
}

async fn world(s: &Store) -> (i64, i64) {
    let region = s
        .create_region(&NewRegion {
            code: "072095".into(),
            name_ja: "相馬市".into(),
            name_en: "Soma City".into(),
            prefecture: "07".into(),
            intro_ja: String::new(),
            intro_en: String::new(),
        })
        .await
        .unwrap();
    let org = s
        .create_organization(&OrganizationInput {
            name: "架空工業株式会社".into(),
            org_type: "company".into(),
            region_id: Some(region),
            prefecture: "07".into(),
            ..OrganizationInput::default()
        })
        .await
        .unwrap();
    (region, org)
}

fn text(title: &str) -> StoryText {
    StoryText {
        title_ja: title.into(),
        summary_ja: "残業が月20時間から8時間に減りました。".into(),
        body_ja: "朝メールを始めました。\n\n予実差が見えるようになりました。".into(),
        ..StoryText::default()
    }
}

fn actor() -> Actor {
    Actor {
        user_id: None,
        label: "test".into(),
        ip: "127.0.0.1".into(),
    }
}

both_backends!(
    an_employers_story_goes_public_only_after_review,
    setup,
    |db: TestDb| async move {
        let s = &db.store;
        let (region, org) = world(s).await;
        let id = s
            .save_story(
                None,
                store::stories::StoryOwner {
                    region_id: region,
                    org_id: Some(org),
                },
                &text("朝メールで残業半減"),
                StoryStatus::InReview,
                "2026-11-30",
                &actor(),
                |_| Vec::new(),
            )
            .await
            .unwrap();
        assert!(
            s.published_stories(Some(region), None, 10)
                .await
                .unwrap()
                .is_empty()
        );
        let queue = s.stories_in_review(Some(region)).await.unwrap();
        assert_eq!(queue.len(), 1);
        assert_eq!(queue[0].org_name.as_deref(), Some("架空工業株式会社"));

        // Sent back with a note, then mended and sent again, then approved.
        assert_eq!(
            s.decide_story(
                id,
                false,
                "数字の期間を書いてください",
                "2026-12-01",
                &actor(),
                &[]
            )
            .await
            .unwrap(),
            StoryStatus::Returned
        );
        let back = s.story(id).await.unwrap();
        assert_eq!(back.status, StoryStatus::Returned);
        assert_eq!(back.review_note, "数字の期間を書いてください");
        // A decision on a story no longer in review is refused, and changes nothing.
        assert!(matches!(
            s.decide_story(id, true, "", "2026-12-01", &actor(), &[])
                .await,
            Err(Error::Conflict(_))
        ));
        assert_eq!(s.story(id).await.unwrap().status, StoryStatus::Returned);
        s.save_story(
            Some(id),
            store::stories::StoryOwner {
                region_id: region,
                org_id: Some(org),
            },
            &text("朝メールで残業半減（2025年度）"),
            StoryStatus::InReview,
            "2026-12-01",
            &actor(),
            |_| Vec::new(),
        )
        .await
        .unwrap();
        s.decide_story(id, true, "", "2026-12-02", &actor(), &[])
            .await
            .unwrap();
        let public = s
            .published_stories(Some(region), Some(org), 10)
            .await
            .unwrap();
        assert_eq!(public.len(), 1);
        assert_eq!(public[0].title_ja, "朝メールで残業半減（2025年度）");
        assert_eq!(public[0].published_on.as_deref(), Some("2026-12-02"));
        assert_eq!(public[0].review_note, "");

        // The employer edits it: it leaves the public lists until approved
        // again, and keeps the day it was first published.
        s.save_story(
            Some(id),
            store::stories::StoryOwner {
                region_id: region,
                org_id: Some(org),
            },
            &text("改訂版"),
            StoryStatus::InReview,
            "2026-12-05",
            &actor(),
            |_| Vec::new(),
        )
        .await
        .unwrap();
        assert!(
            s.published_stories(None, None, 10)
                .await
                .unwrap()
                .is_empty()
        );
        s.decide_story(id, true, "", "2026-12-06", &actor(), &[])
            .await
            .unwrap();
        assert_eq!(
            s.story(id).await.unwrap().published_on.as_deref(),
            Some("2026-12-02")
        );

        // The story keeps its employer: a save naming another one touches nothing.
        assert!(matches!(
            s.save_story(
                Some(id),
                store::stories::StoryOwner {
                    region_id: region,
                    org_id: None
                },
                &text("x"),
                StoryStatus::Published,
                "2026-12-06",
                &actor(),
                |_| Vec::new()
            )
            .await,
            Err(Error::NotFound)
        ));
        let log = s
            .audit_entries_where(
                &AuditFilter {
                    entity: "story".into(),
                    ..AuditFilter::default()
                },
                100,
                0,
            )
            .await
            .unwrap();
        // Three saves and three decisions; the refused ones wrote nothing.
        assert_eq!(log.len(), 6, "{log:?}");
    }
);

both_backends!(
    writers_see_their_own_and_staff_see_what_was_sent,
    setup,
    |db: TestDb| async move {
        let s = &db.store;
        let (region, org) = world(s).await;
        let draft = s
            .save_story(
                None,
                store::stories::StoryOwner {
                    region_id: region,
                    org_id: Some(org),
                },
                &text("下書き"),
                StoryStatus::Draft,
                "2026-12-01",
                &actor(),
                |_| Vec::new(),
            )
            .await
            .unwrap();
        let sent = s
            .save_story(
                None,
                store::stories::StoryOwner {
                    region_id: region,
                    org_id: Some(org),
                },
                &text("審査中"),
                StoryStatus::InReview,
                "2026-12-01",
                &actor(),
                |_| Vec::new(),
            )
            .await
            .unwrap();
        let own = s
            .save_story(
                None,
                store::stories::StoryOwner {
                    region_id: region,
                    org_id: None,
                },
                &text("市の事例"),
                StoryStatus::Draft,
                "2026-12-01",
                &actor(),
                |_| Vec::new(),
            )
            .await
            .unwrap();
        let ids = |v: Vec<store::stories::Story>| {
            let mut v: Vec<i64> = v.into_iter().map(|s| s.id).collect();
            v.sort();
            v
        };
        assert_eq!(
            ids(s.stories_of_writers(&[org], &[]).await.unwrap()),
            vec![draft, sent]
        );
        // The staff see the region's own drafts and what employers sent, not
        // an employer's draft.
        assert_eq!(
            ids(s.stories_of_writers(&[], &[region]).await.unwrap()),
            vec![sent, own]
        );
        assert_eq!(
            ids(s.stories_of_writers(&[org], &[region]).await.unwrap()),
            vec![draft, sent, own]
        );
    }
);
