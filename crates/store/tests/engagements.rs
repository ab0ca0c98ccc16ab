//! Consultant engagements in the store, on SQLite and on PostgreSQL: creation
//! with its checks, the organization's access choices as consultants see them,
//! meetings and actions in one transaction, and the region's summary.

use domain::engagement::{ActionStatus, EngagementStatus};
use jiff::civil::date;
use store::audit::Actor;
use store::both_backends;
use store::engagements::{ActionFields, EngagementFields, MeetingFields};
use store::orgs::OrganizationInput;
use store::regions::NewRegion;
use store::testing::TestDb;
use store::{Backend, Error, Store};

async fn setup(backend: Backend) -> TestDb {
    TestDb::new(backend).await
}

struct World {
    region: i64,
    other_region: i64,
    org: i64,
    consultant: i64,
    second: i64,
    outsider: i64,
}

async fn region(s: &Store, code: &str) -> i64 {
    s.create_region(&NewRegion {
        code: code.into(),
        name_ja: "相馬市".into(),
        name_en: "Soma City".into(),
        prefecture: "07".into(),
        intro_ja: String::new(),
        intro_en: String::new(),
    })
    .await
    .unwrap()
}

async fn world(s: &Store) -> World {
    let region_id = region(s, "072095").await;
    let other_region = region(s, "072133").await;
    let org = s
        .create_organization(&OrganizationInput {
            name: "架空化学株式会社".into(),
            org_type: "company".into(),
            region_id: Some(region_id),
            prefecture: "07".into(),
            ..OrganizationInput::default()
        })
        .await
        .unwrap();
    let user = async |email: &str, name: &str, region: i64| {
        let id = s.create_user(email, name, None).await.unwrap();
        s.grant_role(id, "consultant", Some(region), None)
            .await
            .unwrap();
        id
    };
    World {
        region: region_id,
        other_region,
        org,
        consultant: user("c1@example.jp", "架空 一郎", region_id).await,
        second: user("c2@example.jp", "架空 二郎", region_id).await,
        outsider: user("c3@example.jp", "架空 三郎", other_region).await,
    }
}

fn fields(status: EngagementStatus) -> EngagementFields {
    EngagementFields {
        status,
        starts_on: date(2026, 6, 1),
        ends_on: date(2026, 10, 31),
        vision: "定時に帰れる職場".into(),
        team: domain::engagement::parse_team("相馬 一郎｜推進リーダー").unwrap(),
    }
}

fn action(due: Option<jiff::civil::Date>) -> ActionFields {
    ActionFields {
        issue: "残業が多い".into(),
        cause: "会議が長い".into(),
        action: "会議は30分".into(),
        owner: "総務課".into(),
        due_on: due,
        status: ActionStatus::Open,
    }
}

both_backends!(
    engagements_keep_their_rules,
    setup,
    |db: TestDb| async move {
        let s = &db.store;
        let w = world(s).await;
        let actor = Actor::default();
        let f = fields(EngagementStatus::Active);
        // Consultants must be consultants of the region; the org must be in it.
        for bad in [vec![], vec![w.outsider]] {
            let e = s.create_engagement(w.region, w.org, &bad, &f, &actor).await;
            assert!(matches!(e, Err(Error::Conflict(_))), "{bad:?}");
        }
        let e = s
            .create_engagement(w.other_region, w.org, &[w.outsider], &f, &actor)
            .await;
        assert!(matches!(e, Err(Error::Conflict(_))));
        assert!(s.engagements_of_region(w.region).await.unwrap().is_empty());

        let id = s
            .create_engagement(w.region, w.org, &[w.consultant, w.second], &f, &actor)
            .await
            .unwrap();
        let e = s.engagement(id).await.unwrap();
        assert_eq!(e.fields, f);
        assert_eq!(e.consultants, vec![w.consultant, w.second]);
        assert!(!e.grant_aggregates && !e.grant_rows);

        // Rows imply aggregates.
        s.set_engagement_access(id, false, true, &actor)
            .await
            .unwrap();
        let e = s.engagement(id).await.unwrap();
        assert!(!e.grant_aggregates && !e.grant_rows);
        s.set_engagement_access(id, true, true, &actor)
            .await
            .unwrap();
        let during = date(2026, 7, 1);
        let c = s.consulting_of(w.consultant, during).await.unwrap();
        assert_eq!(c.len(), 1);
        assert!(c[0].running && c[0].aggregates && c[0].rows);
        assert_eq!(c[0].org_id, w.org);
        let after = s
            .consulting_of(w.consultant, date(2026, 11, 1))
            .await
            .unwrap();
        assert!(!after[0].running, "period over");
        assert!(
            s.consulting_of(w.outsider, during)
                .await
                .unwrap()
                .is_empty()
        );

        // Finished: not running even within the period.
        let mut done = f.clone();
        done.status = EngagementStatus::Finished;
        s.update_engagement(id, &done, Some(&[w.second]), &actor)
            .await
            .unwrap();
        assert!(
            s.consulting_of(w.consultant, during)
                .await
                .unwrap()
                .is_empty()
        );
        let c = s.consulting_of(w.second, during).await.unwrap();
        assert!(!c[0].running);
        // A consultant from elsewhere cannot be put on it.
        let r = s
            .update_engagement(id, &done, Some(&[w.outsider]), &actor)
            .await;
        assert!(matches!(r, Err(Error::Conflict(_))));
        assert_eq!(s.engagement(id).await.unwrap().consultants, vec![w.second]);
    }
);

both_backends!(
    meetings_actions_and_the_region_summary,
    setup,
    |db: TestDb| async move {
        let s = &db.store;
        let w = world(s).await;
        let actor = Actor::default();
        let id = s
            .create_engagement(
                w.region,
                w.org,
                &[w.consultant],
                &fields(EngagementStatus::Active),
                &actor,
            )
            .await
            .unwrap();
        let m1 = s
            .record_meeting(
                id,
                &MeetingFields {
                    held_on: date(2026, 6, 10),
                    participants: "推進チーム5名".into(),
                    agenda: "現状の共有".into(),
                    minutes: "残業の多い部署を確認".into(),
                },
                &[action(Some(date(2026, 6, 20))), action(None)],
                &actor,
            )
            .await
            .unwrap();
        let extra = s
            .add_engagement_action(id, &action(Some(date(2026, 7, 30))), &actor)
            .await
            .unwrap();
        let actions = s.engagement_actions(id).await.unwrap();
        assert_eq!(actions.len(), 3);
        assert_eq!(actions[0].meeting_id, Some(m1));
        assert_eq!(actions[2].meeting_id, None);
        s.set_engagement_action_status(id, extra, ActionStatus::Done, &actor)
            .await
            .unwrap();
        // Another engagement's action is not found through this one.
        let r = s
            .set_engagement_action_status(id + 1, extra, ActionStatus::Done, &actor)
            .await;
        assert!(matches!(r, Err(Error::NotFound)));
        assert_eq!(
            s.engagement_meeting(id, m1).await.unwrap().fields.agenda,
            "現状の共有"
        );
        assert!(matches!(
            s.engagement_meeting(id + 1, m1).await,
            Err(Error::NotFound)
        ));

        let list = s
            .engagements_in_region_on(w.region, date(2026, 7, 1))
            .await
            .unwrap();
        assert_eq!(list.len(), 1);
        let e = &list[0];
        assert_eq!(e.id, id);
        assert_eq!(e.org_id, w.org);
        assert_eq!(e.org_name, "架空化学株式会社");
        assert_eq!(e.status, EngagementStatus::Active);
        assert_eq!(
            (e.starts_on, e.ends_on),
            (date(2026, 6, 1), date(2026, 10, 31))
        );
        assert_eq!(e.consultants, vec!["架空 一郎".to_string()]);
        assert_eq!(e.meetings, 1);
        // Two open (one due 6/20, overdue on 7/1; one without a due day), one done.
        assert_eq!((e.open_actions, e.overdue_actions), (2, 1));
        let list = s
            .engagements_in_region_on(w.region, date(2026, 6, 20))
            .await
            .unwrap();
        assert_eq!(list[0].overdue_actions, 0, "due today is not overdue");
        assert_eq!(s.engagements_in_region(w.region).await.unwrap().len(), 1);
        assert!(
            s.engagements_in_region(w.other_region)
                .await
                .unwrap()
                .is_empty()
        );
    }
);

both_backends!(
    a_goal_without_a_baseline_does_not_spoil_the_next_with_one,
    setup,
    |db: TestDb| async move {
        // One connection prepares the goal's INSERT with a NULL baseline first,
        // then runs it with numbers: on PostgreSQL the parameter must still be
        // a float8 (sqlx's Any driver once made a NULL f64 a float4).
        let s = &db.store;
        let w = world(s).await;
        let actor = Actor::default();
        let id = s
            .create_engagement(
                w.region,
                w.org,
                &[w.consultant],
                &fields(EngagementStatus::Active),
                &actor,
            )
            .await
            .unwrap();
        let goal = |baseline: Option<f64>, target: Option<f64>| store::engagements::GoalFields {
            figure: String::new(),
            label: "残業を減らす".into(),
            baseline,
            target,
            target_on: None,
        };
        for (baseline, target) in [(None, None), (Some(30.5), Some(20.0)), (None, Some(1.25))] {
            s.add_engagement_goal(id, &goal(baseline, target), &actor)
                .await
                .unwrap();
        }
        let got: Vec<_> = s
            .engagement_goals(id)
            .await
            .unwrap()
            .into_iter()
            .map(|g| (g.fields.baseline, g.fields.target))
            .collect();
        assert_eq!(
            got,
            vec![(None, None), (Some(30.5), Some(20.0)), (None, Some(1.25))]
        );
    }
);
