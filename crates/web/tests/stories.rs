//! Case stories (取組事例; issue 12) through the real routes, on SQLite and
//! PostgreSQL: an employer's story is known to nobody else until it is sent,
//! waits in the staff's queue, comes back with the staff's note or goes public
//! on `/stories`, the region's home page, the employer's profile, the Atom feed
//! and the sitemap; an edit takes it off the public pages until approved
//! again; the region's own story is published by its staff directly.

mod support;

use store::both_backends;
use store::mail::MailKind;
use support::*;

fn story_form<'a>(title: &'a str, intent: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title_ja", title),
        (
            "summary_ja",
            "2025年度、残業が月平均18時間から9時間に減りました。",
        ),
        (
            "body_ja",
            "朝メールを始めました。\n\n予実差が見えるようになりました。",
        ),
        ("intent", intent),
    ]
}

fn id_of(path: &str) -> i64 {
    path.trim_start_matches("/stories/").parse().unwrap()
}

both_backends!(
    an_employers_story_is_reviewed_before_the_public_sees_it,
    spawn_demo,
    |app: TestApp| async move {
        let hr = app.signed_in(HR).await;
        let member = app.signed_in(MEMBER).await;
        let staff = app.signed_in(STAFF).await;
        let anon = app.client();
        let hamanasu = app.org_id("はまなすケミカル株式会社").await;
        let author = format!("org:{hamanasu}");

        // What is sent on needs its summary and body; nothing is written.
        let res = hr
            .post_form(
                "/stories/new",
                &[
                    ("author", &author),
                    ("title_ja", "朝メール"),
                    ("intent", "submit"),
                ],
            )
            .await;
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(page.contains("要約") && page.contains("本文"), "{page}");
        // Another employer's name in the form is refused.
        let mut form = story_form("朝メール", "draft");
        form.push(("author", "org:1"));
        assert_eq!(hr.post_form("/stories/new", &form).await.status(), 422);

        // A draft: its writers see it; the staff, a member and the public do not.
        let title = "<b>朝メール</b>で残業が半分に";
        let mut form = story_form(title, "draft");
        form.push(("author", &author));
        let res = hr.post_form("/stories/new", &form).await;
        assert_eq!(res.status(), 303);
        let path = location(&res);
        let id = id_of(&path);
        let (status, page) = hr.get_text(&path).await;
        assert_eq!(status, 200);
        assert!(page.contains("これは下書きです") && !page.contains("<b>朝メール"));
        for c in [&anon, &member, &staff] {
            assert_eq!(c.get(&path).await.status(), 404);
        }
        let (_, queue) = staff.get_text("/review").await;
        assert!(!queue.contains(&format!("/stories/{id}\"")));
        let region = app.store().region_by_code("072095").await.unwrap().id;
        let staff_emails = app.store().region_staff_emails(region).await.unwrap();
        let admins = app.store().org_admin_emails(hamanasu).await.unwrap();
        assert!(
            mails_of(&app, MailKind::ReviewRequest).await.is_empty(),
            "a draft asks nobody"
        );

        // Sent: in the staff's queue, with the decision on its page.
        let res = hr
            .post_form(&format!("/stories/{id}/edit"), &story_form(title, "submit"))
            .await;
        assert_eq!(res.status(), 303);
        let (_, queue) = staff.get_text("/review").await;
        assert!(queue.contains(&format!("/stories/{id}\"")), "{queue}");
        // The region's staff are asked by mail, with the story's link.
        let requests = mails_of(&app, MailKind::ReviewRequest).await;
        let mut asked: Vec<_> = requests.iter().map(|m| m.recipient.clone()).collect();
        asked.sort();
        assert_eq!(asked, staff_emails);
        assert!(requests[0].subject.contains("取組事例") && requests[0].subject.contains(title));
        assert!(requests[0].body_text.contains(&format!("/stories/{id}\n")));
        assert!(requests[0].body_html.contains("&lt;b&gt;朝メール"));
        let (status, page) = staff.get_text(&path).await;
        assert_eq!(status, 200);
        assert!(page.contains("story-review-form"));
        assert_eq!(anon.get(&path).await.status(), 404);
        // Only the region's staff decide: not the employer itself.
        let res = hr
            .post_form(&format!("/stories/{id}/review"), &[("decision", "approve")])
            .await;
        assert_eq!(res.status(), 403);

        // Sent back: a note is needed, and the writer reads it.
        let res = staff
            .post_form(&format!("/stories/{id}/review"), &[("decision", "return")])
            .await;
        assert_eq!(res.status(), 422);
        let res = staff
            .post_form(
                &format!("/stories/{id}/review"),
                &[("decision", "return"), ("note", "期間を書いてください")],
            )
            .await;
        assert_eq!(res.status(), 303);
        // The employer's admins get the note by mail, with the edit link.
        let decisions = mails_of(&app, MailKind::ReviewDecision).await;
        assert_eq!(decisions.len(), admins.len());
        assert!(decisions.iter().any(|m| m.recipient == HR.0));
        assert!(decisions[0].subject.contains("差し戻"));
        assert!(decisions[0].body_text.contains("期間を書いてください"));
        assert!(
            decisions[0]
                .body_text
                .contains(&format!("/stories/{id}/edit"))
        );
        let (_, page) = hr.get_text(&path).await;
        assert!(page.contains("差し戻されました") && page.contains("期間を書いてください"));
        assert_eq!(anon.get(&path).await.status(), 404);
        // A second decision on it is a conflict.
        let res = staff
            .post_form(&format!("/stories/{id}/review"), &[("decision", "approve")])
            .await;
        assert_eq!(res.status(), 409);
        assert_eq!(
            mails_of(&app, MailKind::ReviewDecision).await.len(),
            admins.len(),
            "a refused decision sends nothing"
        );

        // The profile is read (and kept by the server) before the story is public.
        let profile = format!("/workplaces/{hamanasu}");
        let (_, page) = anon.get_text(&profile).await;
        assert!(!page.contains(&format!("href=\"/stories/{id}\"")));
        // Mended, sent and approved: public everywhere it belongs.
        hr.post_form(&format!("/stories/{id}/edit"), &story_form(title, "submit"))
            .await;
        let res = staff
            .post_form(&format!("/stories/{id}/review"), &[("decision", "approve")])
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(
            mails_of(&app, MailKind::ReviewRequest).await.len(),
            2 * staff_emails.len()
        );
        let decisions = mails_of(&app, MailKind::ReviewDecision).await;
        assert_eq!(decisions.len(), 2 * admins.len());
        assert!(decisions[0].subject.contains("公開されました"));
        let (status, page) = anon.get_text(&path).await;
        assert_eq!(status, 200);
        assert!(page.contains("<p>朝メールを始めました。</p>"));
        assert!(page.contains(&format!("href=\"/workplaces/{hamanasu}\"")));
        assert!(page.contains("property=\"og:type\" content=\"article\""));
        let link = format!("href=\"/stories/{id}\"");
        for list in [
            "/stories",
            "/regions/072095",
            &format!("/workplaces/{hamanasu}"),
        ] {
            let (_, page) = anon.get_text(list).await;
            assert!(page.contains(&link), "{list}");
        }
        let (_, sitemap) = anon.get_text("/sitemap.xml").await;
        assert!(sitemap.contains(&format!("/stories/{id}</loc>")));
        let (_, feed) = anon.get_text("/feed.atom?region=072095").await;
        let doc = roxmltree::Document::parse(&feed).expect("the feed is XML");
        let titles: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("entry"))
            .filter_map(|e| e.children().find(|n| n.has_tag_name("title")))
            .filter_map(|t| t.text())
            .collect();
        assert!(
            titles
                .iter()
                .any(|t| t.contains("<b>朝メール</b>で残業が半分に")),
            "{titles:?}"
        );
        let authors: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("name"))
            .filter_map(|n| n.text())
            .collect();
        assert!(authors.contains(&"はまなすケミカル株式会社"));

        // An edit takes it off the public pages until it is approved again.
        let (_, form) = hr.get_text(&format!("/stories/{id}/edit")).await;
        assert!(form.contains("republish-notice"));
        hr.post_form(
            &format!("/stories/{id}/edit"),
            &story_form("改訂版", "submit"),
        )
        .await;
        assert_eq!(anon.get(&path).await.status(), 404);
        for list in ["/stories", profile.as_str()] {
            let (_, page) = anon.get_text(list).await;
            assert!(!page.contains(&link), "{list}");
        }
        staff
            .post_form(&format!("/stories/{id}/review"), &[("decision", "approve")])
            .await;
        let (_, page) = anon.get_text(&path).await;
        assert!(page.contains("改訂版"));

        // Every step is in the audit log, in words.
        let admin = app.signed_in(ADMIN).await;
        let (_, audit) = admin.get_text("/admin/audit?entity=story").await;
        assert!(audit.contains("取組事例「"), "{audit}");
    }
);

both_backends!(
    the_regions_story_is_published_by_its_staff_and_stays_theirs,
    spawn_demo,
    |app: TestApp| async move {
        let staff = app.signed_in(STAFF).await;
        let hr = app.signed_in(HR).await;
        let member = app.signed_in(MEMBER).await;
        let anon = app.client();
        let region = app.store().region_by_code("072095").await.unwrap().id;

        // The demo's stories: two published, one waiting for the staff.
        let (_, list) = anon.get_text("/stories").await;
        assert!(list.contains("有給休暇を「順番に」") && list.contains("相馬モデル1年目"));
        assert!(!list.contains("シフトを「見える化」"));
        let (_, queue) = staff.get_text("/review").await;
        assert!(queue.contains("シフトを「見える化」"));

        // The staff's own story goes public at once.
        let mut form = story_form("伴走支援の中間報告", "submit");
        let author = format!("region:{region}");
        form.push(("author", &author));
        let (_, new_page) = staff.get_text("/stories/new").await;
        assert!(new_page.contains("公開する"));
        let res = staff.post_form("/stories/new", &form).await;
        assert_eq!(res.status(), 303);
        let path = location(&res);
        let (status, page) = anon.get_text(&path).await;
        assert_eq!(status, 200);
        assert!(page.contains("市の取り組み"));

        // A company's admin may write stories but not the city's; a member neither.
        let (status, hr_form) = hr.get_text("/stories/new").await;
        assert_eq!(status, 200);
        assert!(hr_form.contains("審査に出す") && !hr_form.contains(&author));
        assert_eq!(hr.post_form("/stories/new", &form).await.status(), 422);
        assert_eq!(hr.get(&format!("{path}/edit")).await.status(), 403);
        let res = hr
            .post_form(&format!("{path}/edit"), &story_form("乗っ取り", "submit"))
            .await;
        assert_eq!(res.status(), 403);
        assert_eq!(member.get("/stories/new").await.status(), 403);
        let id = id_of(&path);
        assert_eq!(
            app.store().story(id).await.unwrap().title_ja,
            "伴走支援の中間報告"
        );
    }
);
