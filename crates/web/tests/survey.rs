//! The residents' survey and the mismatch dashboard (issue 12) through the
//! real routes, on SQLite and PostgreSQL: an anonymous answer is stored and
//! nothing else; a closed round says so; the honeypot and the time check;
//! the dashboard is the staff's; filters that would isolate fewer than 5
//! show the notice; the CSV goes through the same threshold.

mod support;

use store::both_backends;
use support::*;

/// The records of a CSV export (after its BOM and header).
fn records(csv: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn field(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).expect("the form has the field") + marker.len();
    let end = html[start..].find('"').unwrap() + start;
    html[start..end].to_string()
}

async fn region_id(app: &TestApp) -> i64 {
    app.store().region_by_code("072095").await.unwrap().id
}

both_backends!(
    a_resident_answers_anonymously_and_a_closed_round_says_so,
    spawn_demo,
    |app: TestApp| async move {
        let region = region_id(&app).await;
        let open = app
            .store()
            .open_round_of("residents", region)
            .await
            .unwrap()
            .expect("the demo has an open round");
        let before = open.answers;
        let resident = app.client();
        let (status, html) = resident.get_text("/survey").await;
        assert_eq!(status, 200);
        assert!(html.contains("住民の働き方アンケート"));
        assert!(html.contains("name=\"conditions\" value=\"childcare\""));
        assert!(html.contains("name=\"industry\" value=\"E\""));
        let shown = field(&html, "shown");
        let round = field(&html, "round");
        let answer = |shown: String, website: &'static str| {
            vec![
                ("region", "072095".to_string()),
                ("round", round.clone()),
                ("shown", shown),
                ("website", website.to_string()),
                ("age", "30s".to_string()),
                ("situation", "parenting".to_string()),
                ("conditions", "short_hours".to_string()),
                ("conditions", "childcare".to_string()),
                ("industry", "P".to_string()),
                ("local", "conditions".to_string()),
                (
                    "comment",
                    "保育園の送り迎えに合う時間で働きたい".to_string(),
                ),
            ]
        };
        let post = |fields: Vec<(&'static str, String)>| {
            let resident = resident.clone();
            async move {
                let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                resident.post_form("/survey", &f).await
            }
        };
        let res = post(answer(shown.clone(), "")).await;
        assert_eq!(res.status(), 303);
        assert!(location(&res).starts_with("/survey/thanks"));
        let (_, thanks) = resident.get_text(&location(&res)).await;
        assert!(thanks.contains("ご回答ありがとうございました"));
        let stored = app.store().survey_answers(open.id).await.unwrap();
        assert_eq!(stored.len() as i64, before + 1);
        let mine = stored
            .iter()
            .find(|s| s.contains("保育園の送り迎え"))
            .expect("the answer is stored");
        assert_eq!(
            mine,
            r#"{"age":["30s"],"comment":"保育園の送り迎えに合う時間で働きたい","conditions":["short_hours","childcare"],"industry":["P"],"local":["conditions"],"situation":["parenting"]}"#,
            "the answers and nothing else"
        );

        // The honeypot; a bad time token; an unknown choice; a missing age.
        assert_eq!(
            post(answer(shown.clone(), "http://spam.example"))
                .await
                .status(),
            400
        );
        let res = post(answer("1.abc".into(), "")).await;
        assert_eq!(res.status(), 200);
        assert!(res.text().await.unwrap().contains("もう一度送ってください"));
        let mut bad = answer(shown.clone(), "");
        bad.push(("conditions", "beer_friday".into()));
        let res = post(bad).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("選択肢にない値です"));
        let no_age: Vec<_> = answer(shown.clone(), "")
            .into_iter()
            .filter(|(k, _)| *k != "age")
            .collect();
        assert_eq!(post(no_age).await.status(), 422);
        assert_eq!(
            app.store().survey_answers(open.id).await.unwrap().len() as i64,
            before + 1
        );

        // The staff close the round: the form says so, a late answer is refused.
        let staff = app.signed_in(STAFF).await;
        let res = staff
            .post_form(&format!("/mismatch/rounds/{}/close", open.id), &[])
            .await;
        assert_eq!(res.status(), 303);
        let (status, html) = resident.get_text("/survey").await;
        assert_eq!(status, 200);
        assert!(html.contains("id=\"survey-closed\""));
        let res = post(answer(shown, "")).await;
        assert_eq!(res.status(), 409);
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("いまは受け付けているアンケートがありません")
        );
        assert_eq!(
            app.store().survey_round(open.id).await.unwrap().answers,
            before + 1
        );
        // A closed round stays closed; a new one can be opened.
        let res = staff
            .post_form(
                "/mismatch/rounds",
                &[("region", "072095"), ("title", "第3回")],
            )
            .await;
        assert_eq!(res.status(), 303);
        assert!(
            app.store()
                .open_round_of("residents", region)
                .await
                .unwrap()
                .is_some_and(|r| r.title == "第3回")
        );
        // Both steps are in the audit log, in words, by the staff member.
        let admin = app.signed_in(ADMIN).await;
        let (_, audit) = admin.get_text("/admin/audit?entity=survey_round").await;
        assert!(
            audit.contains("住民アンケート「第3回」を始めました"),
            "{audit}"
        );
        assert!(audit.contains("を締め切りました"), "{audit}");
        assert!(audit.contains(STAFF.0));
    }
);

both_backends!(
    the_dashboard_is_the_staffs_and_never_shows_fewer_than_five,
    spawn_demo,
    |app: TestApp| async move {
        // Only the region's staff and platform admins.
        assert_eq!(
            app.client().get("/mismatch").await.status(),
            303,
            "anonymous: sign in"
        );
        for who in [HR, MEMBER, CONSULTANT] {
            let c = app.signed_in(who).await;
            assert_eq!(c.get("/mismatch").await.status(), 403);
            assert_eq!(c.get("/mismatch.csv").await.status(), 403);
        }
        let admin = app.signed_in(ADMIN).await;
        assert_eq!(admin.get("/mismatch").await.status(), 200);
        let staff = app.signed_in(STAFF).await;
        let (status, page) = staff.get_text("/mismatch?region=072095").await;
        assert_eq!(status, 200);
        // The closed demo round is shown, with its origin and period.
        assert!(page.contains("住民の働き方アンケート（第1回）"));
        assert!(
            page.contains("回答168件"),
            "the origin says how many answered"
        );
        assert!(page.contains("<svg"));
        assert!(page.contains("id=\"table-conditions\""));
        assert!(page.contains("id=\"table-months\""));
        // The small group (3 aged 70 or older) is withheld as a row.
        let cross = &page[page.find("id=\"table-cross\"").unwrap()..];
        let seventies = &cross[cross.find("70歳以上").unwrap()..];
        assert!(
            seventies[..seventies.find("</tr>").unwrap()].contains("回答が少ないため表示しません")
        );

        // Filters: a large group shows, one that would isolate a few shows
        // the notice and no numbers.
        let (_, thirties) = staff.get_text("/mismatch?region=072095&age=30s").await;
        assert!(thirties.contains("id=\"mismatch-group\""));
        for filter in [
            "age=70s",
            "age=70s&situation=caregiving",
            "age=10s&situation=seeking",
        ] {
            let (status, page) = staff
                .get_text(&format!("/mismatch?region=072095&{filter}"))
                .await;
            assert_eq!(status, 200);
            assert!(page.contains("id=\"mismatch-withheld\""), "{filter}");
            assert!(!page.contains("id=\"mismatch-comments\""), "{filter}");
            let csv = staff
                .get(&format!("/mismatch.csv?region=072095&{filter}"))
                .await
                .text()
                .await
                .unwrap();
            for cells in records(&csv) {
                assert_eq!(cells[7], "", "{filter}: no residents' count in {cells:?}");
            }
        }
        assert_eq!(
            staff.get("/mismatch?region=072095&age=99s").await.status(),
            400
        );

        // The CSV: BOM, one header, the same threshold: a shown count is 5 or
        // more, everything else is marked.
        let res = staff.get("/mismatch.csv?region=072095").await;
        assert_eq!(res.status(), 200);
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/csv")
        );
        let csv = res.text().await.unwrap();
        assert!(csv.starts_with("\u{feff}region_code,round_id,filter_age,"));
        let mut shown = 0;
        let mut hidden = 0;
        for cells in records(&csv) {
            match cells[7].parse::<usize>() {
                Ok(n) => {
                    assert!(n == 0 || n >= 5, "{cells:?}");
                    shown += 1;
                }
                Err(_) => {
                    assert_eq!(cells[8], "fewer_than_5", "{cells:?}");
                    hidden += 1;
                }
            }
        }
        assert!(shown > 20 && hidden > 0, "shown {shown}, hidden {hidden}");

        // An open round shows nothing until it closes.
        let region = region_id(&app).await;
        let open = app
            .store()
            .open_round_of("residents", region)
            .await
            .unwrap()
            .unwrap();
        let (_, page) = staff
            .get_text(&format!("/mismatch?region=072095&round={}", open.id))
            .await;
        assert!(page.contains("この回はまだ回答を受け付けています"));
    }
);
