//! ライフイベント・カードワーク (issue 13) through the real routes, on SQLite
//! and PostgreSQL: a session deals every card and every member before any
//! twice, the team records who covers what and what is missing, a gap
//! becomes an action on the team's list and, for those who work on the
//! engagement, on its action sheet; the region's staff edit the deck.

mod support;

use store::both_backends;
use support::*;

both_backends!(
    a_card_workshop_turns_a_gap_into_an_action,
    spawn_demo,
    |app: TestApp| async move {
        let store = app.store();
        let h = app.org_id("はまなすケミカル株式会社").await;
        let member = app.signed_in(MEMBER).await;
        let res = member
            .post_form(
                &format!("/orgs/{h}/workshops"),
                &[("title", "製造課のカードワーク"), ("members", "菅野 彩")],
            )
            .await;
        assert_eq!(res.status(), 422, "one member is not a team");
        let res = member
            .post_form(
                &format!("/orgs/{h}/workshops"),
                &[
                    ("title", "製造課のカードワーク"),
                    ("members", "菅野 彩\n佐藤 大輔\n鈴木 美咲\n菅野 彩"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let wid: i64 = location(&res).rsplit('/').next().unwrap().parse().unwrap();
        assert_eq!(
            store.workshop(wid).await.unwrap().members.len(),
            3,
            "names once each"
        );

        // Three deals: three different members, three different cards.
        for _ in 0..3 {
            let res = member
                .post_form(&format!("/orgs/{h}/workshops/{wid}/deal"), &[])
                .await;
            assert_eq!(res.status(), 303);
        }
        let deals = store.workshop_deals(wid).await.unwrap();
        let mut members: Vec<&str> = deals.iter().map(|d| d.member.as_str()).collect();
        members.sort();
        members.dedup();
        assert_eq!(members.len(), 3);
        let mut cards: Vec<&str> = deals.iter().map(|d| d.card.title.as_str()).collect();
        cards.sort();
        cards.dedup();
        assert_eq!(cards.len(), 3);
        let (status, page) = member.get_text(&format!("/orgs/{h}/workshops/{wid}")).await;
        assert_eq!(status, 200);
        let last = deals.last().unwrap();
        assert!(
            page.contains(&format!("{} さんのカード", last.member)),
            "{page}"
        );
        assert!(page.contains(&last.card.prompt));

        // The team records what it found.
        let first = deals[0].id;
        let res = member
            .post_form(
                &format!("/orgs/{h}/workshops/{wid}/deals/{first}"),
                &[
                    ("cover", "出荷前検査｜鈴木さん"),
                    ("gap", "visibility"),
                    ("gap", "handover"),
                    ("note", "検査の記録方法が本人しか分からない"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let d = &store.workshop_deals(wid).await.unwrap()[0];
        assert_eq!(
            d.gaps,
            vec![
                domain::workshop::Gap::Handover,
                domain::workshop::Gap::Visibility
            ]
        );
        assert_eq!(d.cover, "出荷前検査｜鈴木さん");
        let res = member
            .post_form(
                &format!("/orgs/{h}/workshops/{wid}/deals/{first}"),
                &[("gap", "magic")],
            )
            .await;
        assert_eq!(res.status(), 400);

        // A gap becomes the team's action.
        let res = member
            .post_form(
                &format!("/orgs/{h}/workshops/{wid}/actions"),
                &[
                    ("deal_id", &first.to_string()),
                    ("gap", "handover"),
                    ("action", "検査の手順を1枚にまとめる"),
                    ("owner", "鈴木"),
                    ("to", "team"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let actions = store.workshop_actions(wid).await.unwrap();
        assert_eq!(actions.len(), 1);
        assert_eq!(actions[0].engagement_action_id, None);
        let (_, page) = member.get_text(&format!("/orgs/{h}/workshops/{wid}")).await;
        assert!(page.contains("検査の手順を1枚にまとめる（鈴木）"));

        // With a running engagement: a member may not write its action
        // sheet; HR may, and the action lands on it.
        let consultant = store.user_by_email(CONSULTANT.0).await.unwrap().unwrap().id;
        let region = store.region_by_code("072095").await.unwrap().id;
        let before_consultant = app.signed_in(CONSULTANT).await;
        let (status, _) = before_consultant
            .get_text(&format!("/orgs/{h}/workshops/{wid}"))
            .await;
        assert_eq!(status, 404, "no running engagement yet");
        let e = store
            .create_engagement(
                region,
                h,
                &[consultant],
                &store::engagements::EngagementFields {
                    status: domain::engagement::EngagementStatus::Active,
                    starts_on: jiff::civil::date(2026, 11, 1),
                    ends_on: jiff::civil::date(2027, 3, 31),
                    vision: "誰が休んでも回る職場".into(),
                    team: Vec::new(),
                },
                &store::audit::Actor::default(),
            )
            .await
            .unwrap();
        let to_sheet = |who: Client| {
            let path = format!("/orgs/{h}/workshops/{wid}/actions");
            async move {
                who.post_form(
                    &path,
                    &[
                        ("deal_id", &first.to_string()),
                        ("gap", "visibility"),
                        ("action", "朝メールで検査の予定を毎日共有する"),
                        ("owner", "製造課"),
                        ("to", "engagement"),
                    ],
                )
                .await
                .status()
            }
        };
        assert_eq!(to_sheet(member.clone()).await, 403);
        assert_eq!(to_sheet(app.signed_in(HR).await).await, 303);
        let sheet = store.engagement_actions(e).await.unwrap();
        assert_eq!(sheet.len(), 1);
        assert!(
            sheet[0].fields.issue.contains(&deals[0].card.title),
            "{:?}",
            sheet[0]
        );
        assert_eq!(sheet[0].fields.action, "朝メールで検査の予定を毎日共有する");
        // The engagement's consultant now runs sessions of this organization too.
        let consultant_client = app.signed_in(CONSULTANT).await;
        let (status, _) = consultant_client
            .get_text(&format!("/orgs/{h}/workshops/{wid}"))
            .await;
        assert_eq!(status, 200);
    }
);

both_backends!(
    the_region_edits_its_deck,
    spawn_demo,
    |app: TestApp| async move {
        let staff = app.signed_in(STAFF).await;
        let (status, page) = staff.get_text("/admin/regions/072095/cards").await;
        assert_eq!(status, 200);
        assert!(page.contains("id=\"default-deck\""));
        assert!(page.contains("親の介護｜"));
        let res = staff
            .post_form(
                "/admin/regions/072095/cards",
                &[(
                    "cards",
                    "漁の繁忙期｜春の3週間、家業の漁を手伝います。\n問いかけのない行",
                )],
            )
            .await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("2行目"));
        let res = staff
            .post_form(
                "/admin/regions/072095/cards",
                &[("cards", "漁の繁忙期｜春の3週間、家業の漁を手伝います。\n祭りの準備 | 相馬野馬追の前の1週間、早く帰ります。")],
            )
            .await;
        assert_eq!(res.status(), 303);
        // A session in the region now deals from the region's deck.
        let h = app.org_id("はまなすケミカル株式会社").await;
        let wid = app
            .store()
            .create_workshop(h, "試し", &["甲".into(), "乙".into()], None)
            .await
            .unwrap();
        let member = app.signed_in(MEMBER).await;
        member
            .post_form(&format!("/orgs/{h}/workshops/{wid}/deal"), &[])
            .await;
        let deals = app.store().workshop_deals(wid).await.unwrap();
        assert!(["漁の繁忙期", "祭りの準備"].contains(&deals[0].card.title.as_str()));
        // An organization's admin may not edit the region's deck.
        let (status, _) = app
            .signed_in(HR)
            .await
            .get_text("/admin/regions/072095/cards")
            .await;
        assert_eq!(status, 403);
    }
);
