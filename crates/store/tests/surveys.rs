//! Survey rounds and answers on SQLite and PostgreSQL: one open round per
//! region, answers only while it is open, closing for good, answers stored
//! as given and nothing else.

use store::both_backends;
use store::regions::NewRegion;
use store::testing::TestDb;
use store::{Backend, Error, Store};

async fn setup(backend: Backend) -> TestDb {
    TestDb::new(backend).await
}

async fn region(s: &Store) -> i64 {
    s.create_region(&NewRegion {
        code: "072095".into(),
        name_ja: "相馬市".into(),
        name_en: "Soma City".into(),
        prefecture: "07".into(),
        intro_ja: String::new(),
        intro_en: String::new(),
    })
    .await
    .unwrap()
}

both_backends!(
    a_round_takes_answers_while_open_and_never_after,
    setup,
    |db: TestDb| async move {
        let s = &db.store;
        let region_id = region(s).await;
        let id = s
            .open_survey_round(
                "residents",
                region_id,
                "2026年度 第1回",
                5,
                "2026-10-01",
                &store::audit::Actor::default(),
            )
            .await
            .unwrap();
        assert!(matches!(
            s.open_survey_round(
                "residents",
                region_id,
                "second",
                5,
                "2026-10-02",
                &store::audit::Actor::default()
            )
            .await,
            Err(Error::Conflict(_))
        ));
        s.submit_survey_answer(id, r#"{"age":["30s"]}"#)
            .await
            .unwrap();
        s.submit_survey_answers(id, &[r#"{"age":["20s"]}"#.into(), "{}".into()])
            .await
            .unwrap();
        let open = s
            .open_round_of("residents", region_id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((open.id, open.answers, open.threshold), (id, 3, 5));
        assert!(open.is_open());
        let mut stored = s.survey_answers(id).await.unwrap();
        stored.sort();
        assert_eq!(stored, [r#"{"age":["20s"]}"#, r#"{"age":["30s"]}"#, "{}"]);

        s.close_survey_round(id, "2026-11-30", &store::audit::Actor::default())
            .await
            .unwrap();
        assert!(matches!(
            s.close_survey_round(id, "2026-12-01", &store::audit::Actor::default())
                .await,
            Err(Error::NotFound)
        ));
        assert!(matches!(
            s.submit_survey_answer(id, "{}").await,
            Err(Error::NotFound)
        ));
        assert!(matches!(
            s.submit_survey_answers(id, &["{}".into()]).await,
            Err(Error::NotFound)
        ));
        let closed = s.survey_round(id).await.unwrap();
        assert_eq!(closed.closed_on.as_deref(), Some("2026-11-30"));
        assert_eq!(closed.answers, 3);
        assert!(
            s.open_round_of("residents", region_id)
                .await
                .unwrap()
                .is_none()
        );
        // A new round may open once the last one closed.
        let next = s
            .open_survey_round(
                "residents",
                region_id,
                "第2回",
                5,
                "2026-12-01",
                &store::audit::Actor::default(),
            )
            .await
            .unwrap();
        let rounds = s.survey_rounds("residents", region_id).await.unwrap();
        assert_eq!(rounds.iter().map(|r| r.id).collect::<Vec<_>>(), [next, id]);
        assert!(matches!(
            s.submit_survey_answer(9999, "{}").await,
            Err(Error::NotFound)
        ));
    }
);

both_backends!(
    answers_racing_a_close_land_before_it_or_not_at_all,
    setup,
    |db: TestDb| async move {
        let s = db.store.clone();
        let region_id = region(&s).await;
        let id = s
            .open_survey_round(
                "residents",
                region_id,
                "r",
                5,
                "2026-10-01",
                &store::audit::Actor::default(),
            )
            .await
            .unwrap();
        let mut tasks = Vec::new();
        for i in 0..8 {
            let s = s.clone();
            tasks.push(tokio::spawn(async move {
                s.submit_survey_answer(id, &format!(r#"{{"n":["{i}"]}}"#))
                    .await
                    .is_ok()
            }));
        }
        let closer = {
            let s = s.clone();
            tokio::spawn(async move {
                s.close_survey_round(id, "2026-10-02", &store::audit::Actor::default())
                    .await
            })
        };
        let mut accepted = 0;
        for t in tasks {
            if t.await.unwrap() {
                accepted += 1;
            }
        }
        closer.await.unwrap().unwrap();
        let round = s.survey_round(id).await.unwrap();
        assert_eq!(round.answers, accepted, "every acknowledged answer is kept");
        assert!(s.submit_survey_answer(id, "{}").await.is_err());
        assert_eq!(s.survey_round(id).await.unwrap().answers, accepted);
    }
);
