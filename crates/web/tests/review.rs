//! Issue 8, h-review: decisions ask for confirmation (a page without JS), flash
//! messages name the organization, the error summary names each field, region
//! staff invite an organization's people, and the header names the region. On
//! SQLite and PostgreSQL.

mod support;

use store::both_backends;
use support::*;

const HAMANASU: &str = "はまなすケミカル株式会社";

/// The demo's pending signing of はまなすケミカル (the demo leaves one waiting).
async fn pending_signing(app: &TestApp) -> store::declarations::Signing {
    let org = app.org_id(HAMANASU).await;
    if let Some(s) = app
        .store()
        .pending_signings(None)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.org_id == org)
    {
        return s;
    }
    // None left: HR declares one.
    let hr = app.signed_in(HR).await;
    let d = app
        .store()
        .declaration_by_slug("paternity-leave-100")
        .await
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("declaration_id", d.id.to_string())
        .text("declared_on", "2026-04-01")
        .text("representative_title", "代表取締役")
        .text("representative_name", "浜野 一郎")
        .text("message", "男性の育休を当たり前に。");
    let res = hr
        .post_multipart(&format!("/orgs/{org}/declare"), form)
        .await;
    assert_eq!(res.status(), 303);
    app.store()
        .pending_signings(None)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.org_id == org)
        .expect("a pending signing")
}

async fn status_of(app: &TestApp, id: i64) -> String {
    app.store().signing(id).await.unwrap().status
}

/// A second region with its own staff member, signed in.
async fn other_region_staff(app: &TestApp) -> Client {
    let store = app.store();
    let region = store
        .create_region(&store::regions::NewRegion {
            code: "072010".into(),
            name_ja: "福島市".into(),
            name_en: "Fukushima".into(),
            prefecture: "07".into(),
            intro_ja: String::new(),
            intro_en: String::new(),
        })
        .await
        .unwrap();
    let hash = web::auth::password::hash("other staff password")
        .await
        .unwrap();
    let user = store
        .create_user("staff-b@demo.example.jp", "B", Some(&hash))
        .await
        .unwrap();
    store
        .grant_role(user, "region_staff", Some(region), None)
        .await
        .unwrap();
    app.signed_in(("staff-b@demo.example.jp", "other staff password"))
        .await
}

both_backends!(
    approving_takes_a_confirm_page_and_the_flash_names_the_organization,
    spawn_demo,
    |app: TestApp| async move {
        let s = pending_signing(&app).await;
        let staff = app.signed_in(STAFF).await;
        let (_, queue) = staff.get_text("/review").await;
        assert!(
            queue.contains(&format!("action=\"/review/{}/confirm\"", s.id)),
            "the queue's buttons lead to the confirm page"
        );
        // Step one: the confirm page shows what goes public and changes nothing.
        let res = staff
            .post_form(
                &format!("/review/{}/confirm", s.id),
                &[("decision", "approve"), ("note", "")],
            )
            .await;
        assert_eq!(res.status(), 200);
        let page = res.text().await.unwrap();
        assert!(
            page.contains(&format!("{HAMANASU}の宣言を承認しますか")),
            "{page}"
        );
        let public = &page[page.find("id=\"confirm-public\"").unwrap()..];
        assert!(public.contains(&s.representative_name) && public.contains(&s.message));
        assert!(page.contains(&format!("action=\"/review/{}\"", s.id)));
        assert!(page.contains("id=\"confirm-back\"") && page.contains("href=\"/review\""));
        assert_eq!(
            status_of(&app, s.id).await,
            "pending",
            "nothing changed yet"
        );

        // Without the CSRF token the confirming post is refused.
        let res = staff
            .http
            .post(app.url(&format!("/review/{}", s.id)))
            .form(&[("decision", "approve")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        assert_eq!(status_of(&app, s.id).await, "pending");

        // Step two decides; the next page names the organization.
        let res = staff
            .post_form(
                &format!("/review/{}", s.id),
                &[("decision", "approve"), ("note", "")],
            )
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(location(&res), "/review");
        assert_eq!(status_of(&app, s.id).await, "approved");
        let (_, after) = staff.get_text("/review").await;
        let flash = after
            .split("id=\"flash\">")
            .nth(1)
            .and_then(|r| r.split("</div>").next())
            .expect("a flash message");
        assert_eq!(
            flash,
            format!("{HAMANASU}の宣言を承認しました。公開されています。")
        );
        let (_, again) = staff.get_text("/review").await;
        assert!(!again.contains("id=\"flash\""), "shown once");
        // A decided signing has no confirm page any more.
        let res = staff
            .post_form(
                &format!("/review/{}/confirm", s.id),
                &[("decision", "approve")],
            )
            .await;
        assert_eq!(res.status(), 409);
    }
);

both_backends!(
    rejecting_needs_a_reason_on_both_steps,
    spawn_demo,
    |app: TestApp| async move {
        let s = pending_signing(&app).await;
        let staff = app.signed_in(STAFF).await;
        // From the queue without a reason: refused there, the field named.
        let res = staff
            .post_form(
                &format!("/review/{}/confirm", s.id),
                &[("decision", "reject"), ("note", " ")],
            )
            .await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(
            html.contains(&format!(
                "<a href=\"#note-{}\">コメント：差し戻すときは理由を書いてください。",
                s.id
            )),
            "the summary names the field: {html}"
        );
        assert_eq!(status_of(&app, s.id).await, "pending");

        // With a reason: the confirm page shows the reason to be sent.
        let reason = "代表者の役職を確認してください<b>";
        let res = staff
            .post_form(
                &format!("/review/{}/confirm", s.id),
                &[("decision", "reject"), ("note", reason)],
            )
            .await;
        assert_eq!(res.status(), 200);
        let page = res.text().await.unwrap();
        assert!(page.contains(&format!("{HAMANASU}の宣言を差し戻しますか")));
        assert!(
            page.contains("代表者の役職を確認してください&#60;b&#62;</textarea>"),
            "the reason, escaped, in its field"
        );
        assert_eq!(status_of(&app, s.id).await, "pending");

        // The confirm page's field emptied: refused again, nothing saved.
        let res = staff
            .post_form(
                &format!("/review/{}", s.id),
                &[("decision", "reject"), ("note", "")],
            )
            .await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(
            html.contains(&format!(
                "<a href=\"#note-{}\">差し戻しの理由：差し戻すときは理由を書いてください。",
                s.id
            )) && html.contains(&format!("id=\"note-{}-error\"", s.id)),
            "{html}"
        );
        assert_eq!(status_of(&app, s.id).await, "pending");

        let res = staff
            .post_form(
                &format!("/review/{}", s.id),
                &[("decision", "reject"), ("note", reason)],
            )
            .await;
        assert_eq!(res.status(), 303);
        let stored = app.store().signing(s.id).await.unwrap();
        assert_eq!(stored.status, "rejected");
        assert_eq!(stored.review_note, reason);
        let (_, after) = staff.get_text("/review").await;
        assert!(after.contains(&format!("{HAMANASU}の宣言を差し戻しました。")));
    }
);

both_backends!(
    only_the_regions_staff_reach_the_confirm_page,
    spawn_demo,
    |app: TestApp| async move {
        let s = pending_signing(&app).await;
        let elsewhere = other_region_staff(&app).await;
        for path in [
            format!("/review/{}/confirm", s.id),
            format!("/review/{}", s.id),
        ] {
            let res = elsewhere.post_form(&path, &[("decision", "approve")]).await;
            assert_eq!(res.status(), 403, "{path}");
        }
        let hr = app.signed_in(HR).await;
        let res = hr
            .post_form(
                &format!("/review/{}/confirm", s.id),
                &[("decision", "approve")],
            )
            .await;
        assert_eq!(res.status(), 403);
        let anonymous = app.client();
        let res = anonymous
            .post_form(
                &format!("/review/{}/confirm", s.id),
                &[("decision", "approve")],
            )
            .await;
        assert_eq!(res.status(), 303);
        assert!(location(&res).starts_with("/login"));
        assert_eq!(status_of(&app, s.id).await, "pending");
    }
);

both_backends!(
    an_organization_change_is_confirmed_before_it_is_decided,
    spawn_demo,
    |app: TestApp| async move {
        let org_id = app.org_id(HAMANASU).await;
        let org = app.store().organization(org_id).await.unwrap();
        let hr = app.signed_in(HR).await;
        let corporate_number = org.corporate_number.clone().unwrap_or_default();
        let industry = org.industry.clone().unwrap_or_default();
        let band = org.employee_band.clone().unwrap_or_default();
        let res = hr
            .post_form(
                &format!("/orgs/{org_id}/edit"),
                &[
                    ("name", "改名ケミカル株式会社"),
                    ("kana", org.kana.as_str()),
                    ("corporate_number", corporate_number.as_str()),
                    ("industry", industry.as_str()),
                    ("employee_band", band.as_str()),
                    ("address", org.address.as_str()),
                    ("website", org.website.as_str()),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let (_, workspace) = hr.get_text(&format!("/orgs/{org_id}")).await;
        assert!(
            workspace.contains(&format!("{HAMANASU}の団体情報の変更は審査中です")),
            "the flash names the organization"
        );
        let change = app
            .store()
            .pending_org_change(org_id)
            .await
            .unwrap()
            .unwrap();
        let staff = app.signed_in(STAFF).await;
        let res = staff
            .post_form(
                &format!("/review/changes/{}/confirm", change.id),
                &[("decision", "approve")],
            )
            .await;
        assert_eq!(res.status(), 200);
        let page = res.text().await.unwrap();
        assert!(page.contains(&format!("{HAMANASU}の団体情報の変更を承認しますか")));
        assert!(page.contains("改名ケミカル株式会社"), "what goes public");
        assert_eq!(
            app.store().organization(org_id).await.unwrap().name,
            HAMANASU,
            "nothing changed yet"
        );
        let elsewhere = other_region_staff(&app).await;
        let res = elsewhere
            .post_form(
                &format!("/review/changes/{}/confirm", change.id),
                &[("decision", "approve")],
            )
            .await;
        assert_eq!(res.status(), 403);

        let res = staff
            .post_form(
                &format!("/review/changes/{}", change.id),
                &[("decision", "approve")],
            )
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(
            app.store().organization(org_id).await.unwrap().name,
            "改名ケミカル株式会社"
        );
        let (_, after) = staff.get_text("/review").await;
        assert!(after.contains("改名ケミカル株式会社の団体情報の変更を承認しました。"));
    }
);

both_backends!(
    the_error_summary_names_each_field_by_its_label,
    spawn_demo,
    |app: TestApp| async move {
        let org = app.org_id(HAMANASU).await;
        let hr = app.signed_in(HR).await;
        let d = app
            .store()
            .declaration_by_slug("paternity-leave-100")
            .await
            .unwrap();
        let form = reqwest::multipart::Form::new()
            .text("declaration_id", d.id.to_string())
            .text("declared_on", "2026-02-30")
            .text("representative_title", "代表取締役")
            .text("representative_name", "")
            .text("message", "");
        let res = hr
            .post_multipart(&format!("/orgs/{org}/declare"), form)
            .await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        let summary = html
            .split("id=\"error-summary\"")
            .nth(1)
            .and_then(|r| r.split("</div>").next())
            .expect("an error summary");
        for (id, label) in [
            ("declared_on", "宣言日"),
            ("representative_name", "代表者の氏名"),
            ("message", "意気込み"),
        ] {
            assert!(
                summary.contains(&format!("<a href=\"#{id}\">{label}：")),
                "{id} named in {summary}"
            );
            assert!(html.contains(&format!("id=\"{id}\"")), "{id} is a field");
        }
        assert!(!summary.contains("representative_title"));

        let res = hr
            .post_form(
                &format!("/orgs/{org}/edit"),
                &[("name", ""), ("website", "javascript:alert(1)")],
            )
            .await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(
            html.contains("<a href=\"#name\">団体名：入力してください。</a>"),
            "{html}"
        );
        assert!(html.contains(
            "<a href=\"#website\">ウェブサイト：https:// で始まるURLを入力してください。</a>"
        ));
    }
);

both_backends!(
    region_staff_invite_an_organizations_hr_person,
    spawn_demo,
    |app: TestApp| async move {
        let org = app.org_id(HAMANASU).await;
        let staff = app.signed_in(STAFF).await;
        let (_, workspace) = staff.get_text(&format!("/orgs/{org}")).await;
        assert!(workspace.contains(&format!("href=\"/orgs/{org}/invite\"")));
        let (status, form) = staff.get_text(&format!("/orgs/{org}/invite")).await;
        assert_eq!(status, 200);
        assert!(
            form.contains("id=\"role-org_member\" name=\"role\" value=\"org_member\" checked"),
            "the least privileged role is preselected"
        );
        assert!(!form.contains("value=\"org_admin\" checked"));

        // Bad input: each field named.
        let res = staff
            .post_form(
                &format!("/orgs/{org}/invite"),
                &[
                    ("email", "not-an-address"),
                    ("display_name", ""),
                    ("role", "platform_admin"),
                ],
            )
            .await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        for label in ["メールアドレス：", "表示名：", "役割："] {
            assert!(html.contains(label), "{label} in {html}");
        }

        let res = staff
            .post_form(
                &format!("/orgs/{org}/invite"),
                &[
                    ("email", "new-hr@hamanasu.example.jp"),
                    ("display_name", "人事部 新井"),
                    ("role", "org_admin"),
                ],
            )
            .await;
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        let marker = "id=\"invite-link-url\" type=\"text\" readonly value=\"";
        let start = html.find(marker).expect("the link") + marker.len();
        let link = &html[start..start + html[start..].find('"').unwrap()];
        assert!(
            link.starts_with("http://") && link.contains("/invite/"),
            "an absolute link: {link}"
        );
        let user = app
            .store()
            .list_users()
            .await
            .unwrap()
            .into_iter()
            .find(|u| u.email == "new-hr@hamanasu.example.jp")
            .expect("the user");
        let roles = app.store().roles_of(user.id).await.unwrap();
        assert_eq!(roles.len(), 1);
        assert_eq!(
            (roles[0].role.as_str(), roles[0].org_id),
            ("org_admin", Some(org))
        );
        let audited = app.store().audit_entries(20, 0).await.unwrap();
        assert!(audited.iter().any(|e| e.entity == "user"
            && e.entity_id == user.id.to_string()
            && e.detail.contains("org_admin")
            && e.detail.contains(HAMANASU)
            && e.actor == STAFF.0));

        // The link works once for the invited person.
        let path = &link[link.find("/invite/").unwrap()..];
        let invited = app.client();
        assert_eq!(invited.get(path).await.status(), 200);

        // Taken e-mail: refused on the field.
        let res = staff
            .post_form(
                &format!("/orgs/{org}/invite"),
                &[
                    ("email", HR.0),
                    ("display_name", "x"),
                    ("role", "org_member"),
                ],
            )
            .await;
        assert_eq!(res.status(), 422);

        // Staff of another region do not learn the organization exists; its own
        // people may not invite.
        let elsewhere = other_region_staff(&app).await;
        assert_eq!(
            elsewhere.get(&format!("/orgs/{org}/invite")).await.status(),
            404
        );
        let res = elsewhere
            .post_form(
                &format!("/orgs/{org}/invite"),
                &[
                    ("email", "x@example.jp"),
                    ("display_name", "x"),
                    ("role", "org_admin"),
                ],
            )
            .await;
        assert_eq!(res.status(), 404);
        let hr = app.signed_in(HR).await;
        assert_eq!(hr.get(&format!("/orgs/{org}/invite")).await.status(), 403);
        assert!(
            !hr.get_text(&format!("/orgs/{org}"))
                .await
                .1
                .contains(&format!("href=\"/orgs/{org}/invite\""))
        );
    }
);

both_backends!(
    the_header_names_the_users_region_and_shows_its_emblem,
    spawn_demo,
    |app: TestApp| async move {
        let hr = app.signed_in(HR).await;
        let (_, page) = hr.get_text("/dashboard").await;
        assert!(
            page.contains("<span class=\"region-mark__name\">相馬市</span>"),
            "HR's organization's region"
        );
        assert!(!page.contains("region-mark__emblem"), "no emblem yet");
        // One region only: the public sees it too.
        let public = app.client();
        assert!(
            public
                .get_text("/")
                .await
                .1
                .contains("region-mark__name\">相馬市")
        );

        let staff = app.signed_in(STAFF).await;
        let (status, edit) = staff.get_text("/admin/regions/072095").await;
        assert_eq!(status, 200, "staff edit their region");
        assert!(edit.contains("id=\"emblem-form\""));
        let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script><circle cx="5" cy="5" r="4" fill="#0031d8" onload="x()"/></svg>"##;
        let form = reqwest::multipart::Form::new().part(
            "emblem",
            reqwest::multipart::Part::bytes(svg.to_vec()).file_name("soma.svg"),
        );
        let res = staff
            .post_multipart("/admin/regions/072095/emblem", form)
            .await;
        assert_eq!(res.status(), 303);
        let (_, page) = hr.get_text("/dashboard").await;
        assert!(page.contains("alt=\"相馬市の市章\""), "{page}");
        let res = public.get("/regions/072095/emblem").await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "image/svg+xml");
        let body = res.text().await.unwrap();
        assert!(body.contains("<circle") && !body.contains("script") && !body.contains("onload"));

        // Not an image: refused by content, the field named.
        let form = reqwest::multipart::Form::new().part(
            "emblem",
            reqwest::multipart::Part::bytes(b"MZ\x90\x00".to_vec()).file_name("soma.png"),
        );
        let res = staff
            .post_multipart("/admin/regions/072095/emblem", form)
            .await;
        assert_eq!(res.status(), 422);
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("<a href=\"#emblem\">市章・町章・村章：")
        );

        // Another region's staff may not touch it; with two regions the public
        // header names none, and each staff member sees their own.
        let elsewhere = other_region_staff(&app).await;
        assert_eq!(elsewhere.get("/admin/regions/072095").await.status(), 403);
        let form = reqwest::multipart::Form::new().part(
            "emblem",
            reqwest::multipart::Part::bytes(svg.to_vec()).file_name("x.svg"),
        );
        assert_eq!(
            elsewhere
                .post_multipart("/admin/regions/072095/emblem", form)
                .await
                .status(),
            403
        );
        assert!(!public.get_text("/").await.1.contains("region-mark"));
        assert!(
            elsewhere
                .get_text("/dashboard")
                .await
                .1
                .contains("region-mark__name\">福島市")
        );
        let audited = app.store().audit_entries(20, 0).await.unwrap();
        assert!(
            audited
                .iter()
                .any(|e| e.entity == "region" && e.detail.starts_with("emblem"))
        );
    }
);
