//! 組織診断 (issue 13) through the real routes, on SQLite and PostgreSQL: the
//! employer opens a round, sends it by mail, employees answer anonymously by
//! the link, nothing shows while it is open, and once closed the scores,
//! departments and exports go through the threshold, for combined filters
//! and when comparing with another round.

mod support;

use store::both_backends;
use store::mail::MailKind;
use support::*;

const ITEMS: [&str; 18] = [
    "wl1", "wl2", "wl3", "wk1", "wk2", "wk3", "lv1", "lv2", "lv3", "cm1", "cm2", "cm3", "gr1",
    "gr2", "gr3", "rt1", "rt2", "rt3",
];

fn field(html: &str, name: &str) -> String {
    let key = format!("name=\"{name}\" value=\"");
    let at = html.find(&key).unwrap_or_else(|| panic!("no {name}")) + key.len();
    html[at..at + html[at..].find('"').unwrap()].to_string()
}

/// Open a round as HR and return its id and answering path.
async fn open_round(app: &TestApp, hr: &Client, h: i64, title: &str) -> (i64, String) {
    let res = hr
        .post_form(
            &format!("/orgs/{h}/survey"),
            &[
                ("title", title),
                ("departments", "製造課\n総務課\n品質管理課"),
                ("ask_age", "1"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let loc = location(&res);
    let rid: i64 = loc.rsplit('/').next().unwrap().parse().unwrap();
    let (_, page) = hr.get_text(&loc).await;
    let link = page.split("id=\"answer-link\"").nth(1).unwrap();
    let link = link.split("value=\"").nth(1).unwrap();
    let link = &link[..link.find('"').unwrap()];
    let path = link[link.find("/s/").unwrap()..].to_string();
    let _ = app;
    (rid, path)
}

/// Send one anonymous answer: every core item `points`, in a department and age band.
async fn answer(
    app: &TestApp,
    path: &str,
    department: &str,
    age: &str,
    points: &str,
    good: &str,
) -> u16 {
    let anon = app.client();
    let (status, html) = anon.get_text(path).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("name=\"shown\""),
        "{path} {department} {age} {points}"
    );
    let shown = field(&html, "shown");
    let mut form: Vec<(&str, &str)> =
        vec![("shown", &shown), ("department", department), ("age", age)];
    for k in ITEMS {
        form.push((k, points));
    }
    if !good.is_empty() {
        form.push(("good", good));
    }
    anon.post_form(path, &form).await.status().as_u16()
}

both_backends!(
    a_round_runs_from_invitation_to_results_through_the_threshold,
    spawn_demo,
    |app: TestApp| async move {
        let h = app.org_id("はまなすケミカル株式会社").await;
        let hr = app.signed_in(HR).await;
        let (rid, path) = open_round(&app, &hr, h, "伴走支援の前（テスト）").await;
        // A second open round is refused.
        let res = hr
            .post_form(&format!("/orgs/{h}/survey"), &[("title", "二つ目")])
            .await;
        assert_eq!(res.status(), 422);

        // Invitations: the organization's people and two more addresses,
        // counted on the round, each a queued mail with the link.
        let before = mails_of(&app, MailKind::SurveyInvitation).await.len();
        let res = hr
            .post_form(
                &format!("/orgs/{h}/survey/{rid}/invite"),
                &[
                    ("members", "1"),
                    (
                        "emails",
                        "genba1@hamanasu.example.jp\nｇｅｎｂａ２@hamanasu.example.jp",
                    ),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let mails = mails_of(&app, MailKind::SurveyInvitation).await;
        let people = app.store().asa_people(h).await.unwrap().len();
        assert_eq!(mails.len() - before, people + 2);
        assert!(mails.iter().any(|m| m.recipient == MEMBER.0));
        assert!(
            mails
                .iter()
                .any(|m| m.recipient == "genba2@hamanasu.example.jp")
        );
        assert!(mails.iter().all(|m| m.body_text.contains(&path)));
        let setup = app.store().org_survey_setup(rid).await.unwrap();
        assert_eq!(setup.invited as usize, people + 2);
        // A bad address sends nothing.
        let res = hr
            .post_form(
                &format!("/orgs/{h}/survey/{rid}/invite"),
                &[("emails", "not an address")],
            )
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(
            mails_of(&app, MailKind::SurveyInvitation).await.len(),
            mails.len()
        );

        // Answers: 製造課 7 (4 in their 30s, 3 in their 40s) all 4s;
        // 総務課 2 in their 40s, all 2s; 品質管理課 5 in their 30s, all 5s.
        for (dept, age, points, n) in [
            ("d1", "30s", "4", 4),
            ("d1", "40s", "4", 3),
            ("d2", "40s", "2", 2),
            ("d3", "30s", "5", 5),
        ] {
            for i in 0..n {
                let good = if i == 0 { "助け合いがある" } else { "" };
                assert_eq!(answer(&app, &path, dept, age, points, good).await, 303);
            }
        }
        // A missing item is refused.
        let anon = app.client();
        let (_, html) = anon.get_text(&path).await;
        let res = anon
            .post_form(&path, &[("shown", &field(&html, "shown")), ("wl1", "3")])
            .await;
        assert_eq!(res.status(), 422);

        // Nothing shows while it is open, not even to HR.
        let member = app.signed_in(MEMBER).await;
        let (_, page) = member.get_text(&format!("/orgs/{h}/survey/{rid}")).await;
        assert!(page.contains("id=\"results-later\""));
        assert!(!page.contains("id=\"score-table\""));
        let res = hr.get(&format!("/orgs/{h}/survey/{rid}/results.csv")).await;
        assert_eq!(res.status(), 404);

        // Closed: no more answers.
        let res = hr
            .post_form(&format!("/orgs/{h}/survey/{rid}/close"), &[])
            .await;
        assert_eq!(res.status(), 303);
        let (_, html) = anon.get_text(&path).await;
        assert!(html.contains("id=\"survey-closed\""));
        let res = anon.post_form(&path, &[("wl1", "3")]).await;
        assert_eq!(res.status(), 409);

        // All 14: (7×4 + 2×2 + 5×5) / 14 = 57/14 = 4.07 → 4.1 in every area.
        let (status, page) = member.get_text(&format!("/orgs/{h}/survey/{rid}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("このグループの回答：14件"), "{page}");
        let row = page
            .split("id=\"score-org_survey_work_life\"")
            .nth(1)
            .unwrap();
        assert!(
            row.split("</tr>").next().unwrap().contains("<td>4.1</td>"),
            "{row}"
        );
        assert!(
            page.contains("助け合いがある"),
            "free text of a shown group"
        );
        // 総務課 (2) is never shown on its own.
        let table = page.split("id=\"department-table\"").nth(1).unwrap();
        let table = table.split("</table>").next().unwrap();
        let soumu = table
            .split("総務課")
            .nth(1)
            .unwrap()
            .split("</tr>")
            .next()
            .unwrap();
        assert!(soumu.contains("表示しません"), "{soumu}");
        // A combined filter below the threshold: 製造課 × 40代 (3).
        let (_, page) = member
            .get_text(&format!("/orgs/{h}/survey/{rid}?department=d1&age=40s"))
            .await;
        assert!(page.contains("id=\"withheld\""));
        assert!(!page.contains("id=\"score-table\""));
        let res = member
            .get(&format!(
                "/orgs/{h}/survey/{rid}/results.csv?department=d1&age=40s"
            ))
            .await;
        assert_eq!(res.status(), 404, "the export follows the same rule");
        let (_, page) = member
            .get_text(&format!("/orgs/{h}/survey/{rid}?department=d2"))
            .await;
        assert!(page.contains("id=\"withheld\""), "総務課 alone");
        // The export of the whole: figures named by their catalog ids.
        let res = member
            .get(&format!("/orgs/{h}/survey/{rid}/results.csv"))
            .await;
        assert_eq!(res.status(), 200);
        let csv = res.text().await.unwrap();
        assert!(csv.starts_with('\u{feff}'));
        assert!(csv.contains("org_survey_work_life,4.1"), "{csv}");
        let res = member
            .get(&format!("/orgs/{h}/survey/{rid}/results.xlsx"))
            .await;
        assert!(res.bytes().await.unwrap().starts_with(b"PK"));

        // The round after: six answers, all 5s, all 製造課. Compared on the
        // whole (+0.9); 製造課 alone is the whole round there, so it is withheld
        // in that round and no comparison shows it.
        let (rid2, path2) = open_round(&app, &hr, h, "伴走支援の後（テスト）").await;
        for _ in 0..6 {
            assert_eq!(answer(&app, &path2, "d1", "30s", "5", "").await, 303);
        }
        hr.post_form(&format!("/orgs/{h}/survey/{rid2}/close"), &[])
            .await;
        let (_, page) = member
            .get_text(&format!("/orgs/{h}/survey/{rid2}?compare={rid}"))
            .await;
        let row = page.split("id=\"score-org_survey_growth\"").nth(1).unwrap();
        let row = row.split("</tr>").next().unwrap();
        assert!(
            row.contains("<td>5.0</td><td>4.1</td><td>+0.9</td>"),
            "{row}"
        );
        let (_, page) = member
            .get_text(&format!(
                "/orgs/{h}/survey/{rid2}?compare={rid}&department=d1"
            ))
            .await;
        assert!(page.contains("id=\"withheld\""), "{page}");
        // Another organization's round id under this organization: not found.
        let other = app.org_id("社会福祉法人やすらぎ会").await;
        let (status, _) = hr.get_text(&format!("/orgs/{other}/survey/{rid}")).await;
        assert_eq!(status, 404);
    }
);
