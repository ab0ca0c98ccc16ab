//! Events (issue 10) through the real routes, on SQLite and PostgreSQL: the public
//! list and page with its JSON-LD, the iCalendar feed and file, the open data CSV,
//! and the staff form (drafts private, errors per field, hostile text inert).

mod support;

use store::both_backends;
use support::*;

fn json_ld(html: &str) -> serde_json::Value {
    let start = html
        .find(r#"<script type="application/ld+json">"#)
        .expect("the page carries JSON-LD");
    let rest = &html[start + r#"<script type="application/ld+json">"#.len()..];
    let end = rest.find("</script>").unwrap();
    serde_json::from_str(&rest[..end]).expect("valid JSON")
}

fn event_form<'a>(title: &'a str, status: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("region", "072095"),
        ("kind", "seminar"),
        ("status", status),
        ("title", title),
        ("description", "1回目\n\n2回目"),
        ("speakers", "講師 一郎｜社会保険労務士"),
        ("starts_at", "２０２７-０１-２０T10:00"),
        ("ends_at", "2027-01-20T12:00"),
        ("venue_name", "相馬市役所 大会議室"),
        ("capacity", "30"),
        ("program_year", "2026"),
        ("fee", "無料"),
    ]
}

both_backends!(
    the_public_sees_the_demo_events,
    spawn_demo,
    |app: TestApp| async move {
        let anon = app.client();
        let (status, html) = anon.get_text("/events").await;
        assert_eq!(status, 200);
        // Today is 2026-12-01 in the tests: the June kickoff is past, the report ahead.
        let upcoming = html.find("これからの催し").unwrap();
        let past = html.find("終わった催し").unwrap();
        let kickoff = html.find("人手不足を解消し").unwrap();
        let report = html.find("相馬モデル 成果報告会").unwrap();
        assert!(
            upcoming < report && report < past && past < kickoff,
            "{html}"
        );
        assert!(html.contains("2026年6月24日（水） 13:30〜16:00"));
        assert!(!html.contains("催しを作成"), "the desk is for staff");

        let id = app.store().public_events(None).await.unwrap()[0].id;
        let (status, page) = anon.get_text(&format!("/events/{id}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("山田 花子"));
        assert!(page.contains("株式会社ワークライフデザイン代表（講演）"));
        assert!(page.contains("120人"));
        assert!(page.contains("2026年度（令和8年度）"));
        assert!(page.contains(r#"href="/declarations/work-style-reform""#));
        let ld = json_ld(&page);
        assert_eq!(ld["@type"], "Event");
        assert_eq!(ld["startDate"], "2026-06-24T13:30:00+09:00");
        assert_eq!(ld["location"][0]["address"]["addressLocality"], "相馬市");
        assert_eq!(ld["location"][0]["address"]["addressRegion"], "福島県");
        assert_eq!(ld["url"], app.url(&format!("/events/{id}")));

        let res = anon.get(&format!("/events/{id}.ics")).await;
        assert_eq!(res.status(), 200);
        assert_eq!(
            res.headers()["content-type"].to_str().unwrap(),
            "text/calendar; charset=utf-8"
        );
        let ics = res.text().await.unwrap();
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
        assert!(
            ics.contains("\r\nDTSTART;TZID=Asia/Tokyo:20260624T133000\r\n"),
            "{ics}"
        );
        assert!(ics.contains("\r\nTZID:Asia/Tokyo\r\n"));

        let feed = anon.get("/events.ics").await.text().await.unwrap();
        assert_eq!(feed.matches("BEGIN:VEVENT").count(), 2);

        let csv = anon.get("/events.csv").await.bytes().await.unwrap();
        assert!(csv.starts_with("\u{feff}".as_bytes()), "UTF-8 with BOM");
        let text = std::str::from_utf8(&csv[3..]).unwrap();
        let mut lines = text.lines();
        assert_eq!(
            lines.next().unwrap(),
            "都道府県コード又は市区町村コード,NO,都道府県名,市区町村名,イベント名,イベント名_カナ,\
         イベント名_英語,開始日,終了日,開始時間,終了時間,開始日時特記事項,説明,料金(基本),\
         料金(詳細),連絡先名称,連絡先電話番号,連絡先内線番号,主催者,場所名称,住所,方書,緯度,\
         経度,アクセス方法,駐車場情報,定員,参加申込終了日,参加申込終了時間,参加申込方法,URL,備考"
        );
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][0], "072095");
        assert_eq!(&rows[0][2], "福島県");
        assert_eq!(&rows[0][7], "2026-06-24");
        assert_eq!(&rows[0][9], "13:30");
        assert_eq!(&rows[0][26], "120");
        assert_eq!(&rows[0][27], "2026-06-17");
        assert_eq!(
            &rows[1][11],
            "オンライン参加あり（https://meet.example.jp/soma-model-2027）"
        );

        assert_eq!(anon.get("/events/999999").await.status(), 404);
        assert_eq!(anon.get("/events/abc.ics").await.status(), 404);
    }
);

both_backends!(
    staff_write_drafts_and_publish_them,
    spawn_demo,
    |app: TestApp| async move {
        let staff = app.signed_in(STAFF).await;
        let anon = app.client();
        let (status, form) = staff.get_text("/events/new").await;
        assert_eq!(status, 200);
        assert!(form.contains(r#"name="starts_at""#) && form.contains("下書き"));

        // Every wrong field is named, nothing is written.
        let before = app
            .store()
            .events_of_regions(&[1, 2, 3])
            .await
            .unwrap()
            .len();
        let mut bad = event_form("", "draft");
        bad.retain(|(k, _)| *k != "venue_name");
        bad.push(("ends_at", "2027-01-20T09:00"));
        bad.retain(|(k, v)| *k != "ends_at" || *v == "2027-01-20T09:00");
        let res = staff.post_form("/events/new", &bad).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("error-summary"));
        for label in ["催しの名前", "終了日時", "会場"] {
            assert!(
                html.contains(&format!("{label}：")),
                "{label} in the summary"
            );
        }
        assert_eq!(
            app.store()
                .events_of_regions(&[1, 2, 3])
                .await
                .unwrap()
                .len(),
            before
        );

        // A draft with hostile text: saved, private, and inert on the page.
        let hostile = "研修</script><script>alert(1)</script>";
        let res = staff
            .post_form("/events/new", &event_form(hostile, "draft"))
            .await;
        assert_eq!(res.status(), 303);
        let to = location(&res);
        let id: i64 = to.trim_start_matches("/events/").parse().unwrap();
        let (status, page) = staff.get_text(&to).await;
        assert_eq!(status, 200);
        assert!(page.contains("この催しは下書きです"));
        assert_eq!(
            page.matches("</script>").count(),
            page.matches("<script").count()
        );
        assert!(!page.contains("<script>alert(1)"));
        assert_eq!(json_ld(&page)["name"], hostile);
        assert_eq!(anon.get(&to).await.status(), 404);
        assert_eq!(anon.get(&format!("{to}.ics")).await.status(), 404);
        let feed = anon.get("/events.ics").await.text().await.unwrap();
        assert!(!feed.contains("alert(1)"), "drafts stay out of the feed");
        let stored = app.store().event(id).await.unwrap();
        assert_eq!(stored.fields.starts_at.as_stored(), "2027-01-20T10:00");

        // HR of a company may not write events.
        let hr = app.signed_in(HR).await;
        assert_eq!(
            hr.post_form("/events/new", &event_form("x", "published"))
                .await
                .status(),
            403
        );

        // Published: the public sees it, and calendars get a higher SEQUENCE.
        let res = staff
            .post_form(
                &format!("/events/{id}/edit"),
                &event_form("働き方改革セミナー", "published"),
            )
            .await;
        assert_eq!(res.status(), 303);
        let (status, page) = anon.get_text(&format!("/events/{id}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("働き方改革セミナー"));
        assert!(page.contains("講師 一郎"));
        let ics = anon
            .get(&format!("/events/{id}.ics"))
            .await
            .text()
            .await
            .unwrap();
        assert!(ics.contains("\r\nSEQUENCE:1\r\n"), "{ics}");
        assert!(ics.contains(&format!("\r\nUID:{}\r\n", stored.uid)));
        let feed = anon.get("/events.ics").await.text().await.unwrap();
        assert_eq!(feed.matches("BEGIN:VEVENT").count(), 3);

        // Cancelled: still public, marked so everywhere.
        staff
            .post_form(
                &format!("/events/{id}/edit"),
                &event_form("働き方改革セミナー", "cancelled"),
            )
            .await;
        let (_, page) = anon.get_text(&format!("/events/{id}")).await;
        assert!(page.contains("この催しは中止になりました。"));
        let ics = anon
            .get(&format!("/events/{id}.ics"))
            .await
            .text()
            .await
            .unwrap();
        assert!(ics.contains("\r\nSTATUS:CANCELLED\r\n"));
        assert_eq!(
            json_ld(&page)["eventStatus"],
            "https://schema.org/EventCancelled"
        );

        // Both writes are in the audit log, in words.
        let admin = app.signed_in(ADMIN).await;
        let (_, audit) = admin.get_text("/admin/audit").await;
        assert!(audit.contains("催し「働き方改革セミナー」"), "{audit}");
    }
);

/// A published seminar with `capacity` seats in the demo region, open for
/// registration (the tests' today is 2026-12-01).
async fn seminar(app: &TestApp, capacity: Option<i64>) -> i64 {
    let store = app.store();
    let region = store.region_by_code("072095").await.unwrap().id;
    let mut fields = store.public_events(None).await.unwrap()[0].fields.clone();
    fields.title = "リーダー養成講座 説明会".into();
    fields.status = domain::event::EventStatus::Published;
    fields.capacity = capacity;
    fields.starts_at = domain::event::LocalDateTime::parse("2027-01-20T10:00").unwrap();
    fields.ends_at = domain::event::LocalDateTime::parse("2027-01-20T12:00").unwrap();
    fields.registration_deadline =
        Some(domain::event::LocalDateTime::parse("2027-01-19T17:00").unwrap());
    store
        .create_event(region, &fields, &store::audit::Actor::default())
        .await
        .unwrap()
}

fn shown_of(html: &str) -> String {
    let at = html
        .find(r#"name="shown" value=""#)
        .expect("the form's time token");
    let rest = &html[at + r#"name="shown" value=""#.len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

async fn register(c: &Client, event: i64, name: &str, email: &str) -> reqwest::Response {
    let (_, page) = c.get_text(&format!("/events/{event}")).await;
    let shown = shown_of(&page);
    c.post_form(
        &format!("/events/{event}/register"),
        &[
            ("reg_name", name),
            ("reg_organization", "はまなすケミカル株式会社"),
            ("reg_role", "hr"),
            ("reg_email", email),
            ("website", ""),
            ("shown", &shown),
        ],
    )
    .await
}

/// (recipient, kind, language, text) of every queued mail, oldest first.
async fn mails(app: &TestApp) -> Vec<(String, String, String, String)> {
    sqlx::query_as("SELECT recipient, kind, language, body_text FROM mail_queue ORDER BY id")
        .fetch_all(app.store().pool())
        .await
        .unwrap()
}

fn cancel_path(text: &str) -> String {
    let at = text.find("/event-registrations/").expect("a cancel link");
    text[at..].split_whitespace().next().unwrap().to_string()
}

async fn statuses(app: &TestApp, event: i64) -> Vec<(String, &'static str)> {
    app.store()
        .registrations_of_event(event)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.name, r.status.as_str()))
        .collect()
}

both_backends!(
    the_waiting_list_moves_up_on_a_cancellation,
    spawn_demo,
    |app: TestApp| async move {
        let event = seminar(&app, Some(2)).await;
        let c = app.client();
        for (name, email) in [
            ("一番 さん", "one@example.jp"),
            ("二番 さん", "two@example.jp"),
            ("三番 さん", "three@example.jp"),
            ("四番 さん", "four@example.jp"),
        ] {
            let res = register(&c, event, name, email).await;
            assert_eq!(res.status(), 303, "{name}");
        }
        let (_, page) = c.get_text(&format!("/events/{event}")).await;
        assert!(
            page.contains("定員に達しました。キャンセル待ちで申し込めます（現在2人待ち）"),
            "{page}"
        );
        assert_eq!(
            statuses(&app, event).await,
            vec![
                ("一番 さん".to_string(), "confirmed"),
                ("二番 さん".to_string(), "confirmed"),
                ("三番 さん".to_string(), "waitlisted"),
                ("四番 さん".to_string(), "waitlisted"),
            ]
        );
        let queued = mails(&app).await;
        let registrations: Vec<_> = queued
            .iter()
            .filter(|m| m.1 == "event_registration")
            .collect();
        assert_eq!(registrations.len(), 4);
        assert!(registrations[0].3.contains("参加が確定しています"));
        assert!(
            registrations[2]
                .3
                .contains("キャンセル待ちで受け付けました")
        );

        // The same e-mail again: refused, named next to the field, nothing written.
        let res = register(&c, event, "一番 さん", "ONE@example.jp").await;
        assert_eq!(res.status(), 422);
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("すでに申し込まれています")
        );
        assert_eq!(statuses(&app, event).await.len(), 4);

        // The first cancels through the link in their mail: the third moves up.
        let link = cancel_path(&registrations[0].3);
        let (status, confirm) = c.get_text(&link).await;
        assert_eq!(status, 200);
        assert!(confirm.contains("一番 さん"));
        let res = c.post_form(&link, &[]).await;
        assert_eq!(res.status(), 200);
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("申し込みを取り消しました")
        );
        assert_eq!(
            statuses(&app, event)
                .await
                .iter()
                .map(|s| s.1)
                .collect::<Vec<_>>(),
            vec!["cancelled", "confirmed", "confirmed", "waitlisted"]
        );
        let promoted: Vec<_> = mails(&app)
            .await
            .into_iter()
            .filter(|m| m.1 == "event_promotion")
            .collect();
        assert_eq!(promoted.len(), 1);
        assert_eq!(promoted[0].0, "three@example.jp");
        assert!(promoted[0].3.contains("参加が確定しました"));
        // The link works once.
        assert_eq!(c.post_form(&link, &[]).await.status(), 404);
        assert_eq!(c.get(&link).await.status(), 404);
        // A waiting person who cancels moves nobody.
        let four = cancel_path(&registrations[3].3);
        c.post_form(&four, &[]).await;
        assert_eq!(
            statuses(&app, event)
                .await
                .iter()
                .map(|s| s.1)
                .collect::<Vec<_>>(),
            vec!["cancelled", "confirmed", "confirmed", "cancelled"]
        );
        assert_eq!(
            mails(&app)
                .await
                .iter()
                .filter(|m| m.1 == "event_promotion")
                .count(),
            1
        );

        // Staff: the desk lists them, one tap checks a person in, the export has them.
        let staff = app.signed_in(STAFF).await;
        let (status, desk) = staff
            .get_text(&format!("/events/{event}/registrations"))
            .await;
        assert_eq!(status, 200);
        assert!(
            desk.contains("参加確定 2人（受付済み 0人）・キャンセル待ち 0人・取消 2人"),
            "{desk}"
        );
        let two = app.store().registrations_of_event(event).await.unwrap()[1].id;
        let res = staff
            .post_form(
                &format!("/events/{event}/registrations/{two}/check-in"),
                &[("present", "1"), ("q", "二番")],
            )
            .await;
        assert_eq!(res.status(), 303);
        assert!(location(&res).ends_with(&format!("?q=%E4%BA%8C%E7%95%AA#r{two}")));
        let (_, desk) = staff
            .get_text(&format!(
                "/events/{event}/registrations?q=%E4%BA%8C%E7%95%AA"
            ))
            .await;
        assert!(desk.contains("受付済み 1人"));
        assert!(
            desk.contains("二番 さん") && !desk.contains("三番 さん"),
            "search by name"
        );
        let csv = staff
            .get(&format!("/events/{event}/registrations.csv"))
            .await
            .bytes()
            .await
            .unwrap();
        assert!(csv.starts_with("\u{feff}申込番号,お名前,".as_bytes()));
        assert!(
            std::str::from_utf8(&csv)
                .unwrap()
                .contains("two@example.jp")
        );
        let xlsx = staff
            .get(&format!("/events/{event}/registrations.xlsx"))
            .await;
        assert_eq!(xlsx.status(), 200);
        assert!(xlsx.bytes().await.unwrap().starts_with(b"PK"));
        // Personal data: not for an employer's HR, nor for anyone signed out.
        let hr = app.signed_in(HR).await;
        assert_eq!(
            hr.get(&format!("/events/{event}/registrations"))
                .await
                .status(),
            403
        );
        assert_eq!(
            hr.get(&format!("/events/{event}/registrations.csv"))
                .await
                .status(),
            403
        );
    }
);

both_backends!(
    the_last_seat_goes_to_one_person,
    spawn_demo,
    |app: TestApp| async move {
        let event = seminar(&app, Some(3)).await;
        let c = app.client();
        let (_, page) = c.get_text(&format!("/events/{event}")).await;
        let shown = shown_of(&page);
        let mut tasks = Vec::new();
        for i in 0..8 {
            let (c, shown) = (c.clone(), shown.clone());
            tasks.push(tokio::spawn(async move {
                let email = format!("p{i}@example.jp");
                let name = format!("参加者{i}");
                c.post_form(
                    &format!("/events/{event}/register"),
                    &[
                        ("reg_name", name.as_str()),
                        ("reg_role", "citizen"),
                        ("reg_email", email.as_str()),
                        ("shown", shown.as_str()),
                    ],
                )
                .await
                .status()
                .as_u16()
            }));
        }
        for t in tasks {
            assert_eq!(t.await.unwrap(), 303);
        }
        let all = statuses(&app, event).await;
        assert_eq!(
            all.iter().filter(|s| s.1 == "confirmed").count(),
            3,
            "{all:?}"
        );
        assert_eq!(all.iter().filter(|s| s.1 == "waitlisted").count(), 5);
    }
);

both_backends!(
    bots_are_turned_away,
    spawn_demo,
    |app: TestApp| async move {
        let event = seminar(&app, None).await;
        let c = app.client();
        let (_, page) = c.get_text(&format!("/events/{event}")).await;
        let shown = shown_of(&page);
        let form = |website: &'static str, shown: String| {
            vec![
                ("reg_name", "bot".to_string()),
                ("reg_role", "other".to_string()),
                ("reg_email", "bot@example.jp".to_string()),
                ("website", website.to_string()),
                ("shown", shown),
            ]
        };
        let post = |fields: Vec<(&'static str, String)>| {
            let c = c.clone();
            async move {
                let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                c.post_form(&format!("/events/{event}/register"), &f).await
            }
        };
        // The honeypot filled.
        assert_eq!(
            post(form("http://spam.example", shown.clone()))
                .await
                .status(),
            400
        );
        // A forged or missing time token.
        let res = post(form("", "1700000000.00".into())).await;
        assert_eq!(res.status(), 422);
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("もう一度「申し込む」を押してください")
        );
        assert!(statuses(&app, event).await.is_empty());
        assert!(mails(&app).await.is_empty());
        // A form that closed: the June kickoff took registrations until June 17.
        let kickoff = app.store().public_events(None).await.unwrap()[0].id;
        let (_, page) = c.get_text(&format!("/events/{kickoff}")).await;
        assert!(page.contains("申し込みの受付は終了しました。"));
        assert!(!page.contains(r#"id="register-form""#));
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registrations_wait_for_a_human_and_are_rate_limited() {
    let app = spawn_with(
        store::Backend::Sqlite,
        web::Config {
            registration_rate_per_hour: 2,
            registration_min_seconds: 2,
            ..test_config()
        },
    )
    .await;
    web::demo::load(app.store()).await.unwrap();
    let event = seminar(&app, None).await;
    let c = app.client();
    // Sent the moment the form was shown: sent back, nothing written.
    let res = register(&c, event, "速すぎる", "fast@example.jp").await;
    assert_eq!(res.status(), 422);
    assert!(statuses(&app, event).await.is_empty());
    // Two seconds later the same form goes through.
    let (_, page) = c.get_text(&format!("/events/{event}")).await;
    let shown = shown_of(&page);
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let res = c
        .post_form(
            &format!("/events/{event}/register"),
            &[
                ("reg_name", "人間"),
                ("reg_role", "citizen"),
                ("reg_email", "human@example.jp"),
                ("shown", &shown),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    // The third registration from one address within the hour: 429.
    assert_eq!(
        register(&c, event, "三回目", "third@example.jp")
            .await
            .status(),
        429
    );
    assert_eq!(statuses(&app, event).await.len(), 1);
}

both_backends!(
    the_region_sets_how_long_participants_are_kept,
    spawn_demo,
    |app: TestApp| async move {
        let staff = app.signed_in(STAFF).await;
        let (status, edit) = staff.get_text("/admin/regions/072095").await;
        assert_eq!(status, 200);
        assert!(
            edit.contains(r#"name="registration_retention_days" type="text" value="180""#),
            "{edit}"
        );
        let form = |days: &'static str| {
            vec![
                ("name_ja", "相馬市"),
                ("name_en", "Soma City"),
                ("intro_ja", "相馬市です。"),
                ("intro_en", "Soma City."),
                ("registration_retention_days", days),
            ]
        };
        for bad in ["0", "3651", "半年"] {
            let res = staff.post_form("/admin/regions/072095", &form(bad)).await;
            assert_eq!(res.status(), 422, "{bad}");
        }
        let res = staff
            .post_form("/admin/regions/072095", &form("３０"))
            .await;
        assert_eq!(res.status(), 303);
        let region = app.store().region_by_code("072095").await.unwrap();
        assert_eq!(region.registration_retention_days, 30);
        assert_eq!(region.intro_en, "Soma City.");
    }
);

/// The link in a questionnaire mail, as a path.
fn questionnaire_path(text: &str) -> String {
    let at = text.find("/event-feedback/").expect("a questionnaire link");
    text[at..].split_whitespace().next().unwrap().to_string()
}

both_backends!(
    those_checked_in_answer_the_questionnaire,
    spawn_demo,
    |app: TestApp| async move {
        let event = seminar(&app, None).await;
        let c = app.client();
        for (name, email) in [
            ("一番", "q1@example.jp"),
            ("二番", "q2@example.jp"),
            ("三番", "q3@example.jp"),
        ] {
            assert_eq!(register(&c, event, name, email).await.status(), 303);
        }
        let staff = app.signed_in(STAFF).await;
        let regs = app.store().registrations_of_event(event).await.unwrap();
        for r in &regs[..2] {
            let res = staff
                .post_form(
                    &format!("/events/{event}/registrations/{}/check-in", r.id),
                    &[("present", "1")],
                )
                .await;
            assert_eq!(res.status(), 303);
        }
        let base = app.url("");
        let base = base.trim_end_matches('/');
        // Before the event has ended nothing goes out.
        let queued = web::events::questionnaire::queue_questionnaires(app.store(), base)
            .await
            .unwrap();
        assert_eq!(queued, 0);
        let (_, results) = staff
            .get_text(&format!("/events/{event}/questionnaire"))
            .await;
        assert!(
            results.contains("アンケートはまだ送っていません"),
            "{results}"
        );

        // The event took place yesterday: the two checked in get one mail each.
        sqlx::query(
            "UPDATE events SET starts_at = '2026-11-30T10:00', ends_at = '2026-11-30T12:00' WHERE id = $1",
        )
        .bind(event)
        .execute(app.store().pool())
        .await
        .unwrap();
        for expected in [2, 0] {
            let queued = web::events::questionnaire::queue_questionnaires(app.store(), base)
                .await
                .unwrap();
            assert_eq!(queued, expected, "once per person");
        }
        let sent: Vec<_> = mails(&app)
            .await
            .into_iter()
            .filter(|m| m.1 == "event_questionnaire")
            .collect();
        let mut to: Vec<&str> = sent.iter().map(|m| m.0.as_str()).collect();
        to.sort();
        assert_eq!(to, ["q1@example.jp", "q2@example.jp"]);
        assert!(sent[0].3.contains("アンケート"));

        // The link opens the form without an account; an answer needs the satisfaction.
        let link = questionnaire_path(&sent[0].3);
        let anon = app.client();
        let (status, form) = anon.get_text(&link).await;
        assert_eq!(status, 200);
        assert!(form.contains("リーダー養成講座 説明会") && form.contains("満足度"));
        let res = anon.post_form(&link, &[("first_step", "朝メール")]).await;
        assert_eq!(res.status(), 422);
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("満足度を5段階から選んでください")
        );
        let res = anon
            .post_form(
                &link,
                &[
                    ("satisfaction", "4"),
                    ("first_step", "朝メールで予定を共有する"),
                    ("wants_course", "on"),
                ],
            )
            .await;
        assert_eq!(res.status(), 200);
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("ご回答ありがとうございました")
        );
        // Answering again through the same link replaces the answer.
        anon.post_form(
            &link,
            &[
                ("satisfaction", "５"),
                ("first_step", "朝メールで予定を共有する"),
                ("wants_course", "on"),
                ("wants_consulting", "on"),
            ],
        )
        .await;
        // Two answers sent at once through one link: both taken, one answer kept.
        let (a, b) = tokio::join!(
            anon.post_form(
                &link,
                &[
                    ("satisfaction", "5"),
                    ("wants_course", "on"),
                    ("wants_consulting", "on"),
                    ("first_step", "朝メールで予定を共有する")
                ]
            ),
            anon.post_form(
                &link,
                &[
                    ("satisfaction", "5"),
                    ("wants_course", "on"),
                    ("wants_consulting", "on"),
                    ("first_step", "朝メールで予定を共有する")
                ]
            ),
        );
        assert_eq!((a.status().as_u16(), b.status().as_u16()), (200, 200));
        let other = questionnaire_path(&sent[1].3);
        anon.post_form(&other, &[("satisfaction", "2")]).await;
        let summary = app.store().feedback_summary(event).await.unwrap();
        assert_eq!(
            summary,
            store::feedback::FeedbackSummary {
                requested: 2,
                answers: 2,
                satisfaction: [0, 1, 0, 0, 1],
                wants_course: 1,
                wants_consulting: 1,
            }
        );
        assert_eq!(anon.get_text("/event-feedback/0000").await.0, 404);

        // Staff read the results; (5 + 2) / 2 = 3.5.
        let (status, results) = staff
            .get_text(&format!("/events/{event}/questionnaire"))
            .await;
        assert_eq!(status, 200);
        assert!(results.contains("5段階で 3.5"), "{results}");
        assert!(results.contains("朝メールで予定を共有する"));
        // Nobody else does.
        let member = app.signed_in(MEMBER).await;
        assert_ne!(
            member
                .get(&format!("/events/{event}/questionnaire"))
                .await
                .status(),
            200
        );
        let res = anon.get(&format!("/events/{event}/questionnaire")).await;
        assert!(
            !res.text()
                .await
                .unwrap()
                .contains("朝メールで予定を共有する")
        );
    }
);

both_backends!(
    the_list_narrows_to_one_region,
    spawn_demo,
    |app: TestApp| async move {
        let store = app.store();
        // An event of another region.
        let other = store
            .create_region(&store::regions::NewRegion {
                code: "072044".into(),
                name_ja: "かえで市".into(),
                name_en: "Kaede City".into(),
                prefecture: "福島県".into(),
                intro_ja: String::new(),
                intro_en: String::new(),
            })
            .await
            .unwrap();
        let mut fields = store.public_events(None).await.unwrap()[0].fields.clone();
        fields.title = "かえで市 働き方セミナー".into();
        store
            .create_event(other, &fields, &store::audit::Actor::default())
            .await
            .unwrap();
        let anon = app.client();
        let (_, all) = anon.get_text("/events").await;
        assert!(all.contains("かえで市 働き方セミナー") && all.contains("相馬モデル 成果報告会"));
        let (status, soma) = anon.get_text("/events?region=072095").await;
        assert_eq!(status, 200);
        assert!(
            !soma.contains("かえで市 働き方セミナー") && soma.contains("相馬モデル 成果報告会")
        );
        assert_eq!(anon.get("/events?region=999999").await.status(), 404);
    }
);
