//! 選ばれる職場 (issue 12) through the real routes, on SQLite and PostgreSQL: an
//! employer's admin writes its profile, the public keeps seeing the approved one
//! until the region's staff approve the new text, the list filters by the
//! measures (every ticked one), and withdrawing takes the page down.

mod support;

use store::both_backends;
use support::*;
use web::workplaces::photo::testing::{sample_jpeg, with_exif};

/// The profile form as the page sends it: text fields, and photos in `new_photo`.
fn profile_form(fields: &[(&str, &str)], photos: &[Vec<u8>]) -> reqwest::multipart::Form {
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    for bytes in photos {
        form = form.part(
            "new_photo",
            reqwest::multipart::Part::bytes(bytes.clone()).file_name("IMG_0001.JPG"),
        );
    }
    form
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

both_backends!(
    a_profile_goes_public_only_after_review,
    spawn_demo,
    |app: TestApp| async move {
        let h = app.org_id("はまなすケミカル株式会社").await;
        let hr = app.signed_in(HR).await;
        let staff = app.signed_in(STAFF).await;
        let member = app.signed_in(MEMBER).await;
        let anon = app.client();
        let form_path = format!("/orgs/{h}/workplace");
        let public_path = format!("/workplaces/{h}");

        // The demo profile is public: its measures, days off and the figures the
        // company published, each with its origin and definition.
        let (status, page) = anon.get_text(&public_path).await;
        assert_eq!(status, 200);
        assert!(page.contains("年間休日 121日"), "{page}");
        assert!(page.contains("時間単位年休"));
        assert!(page.contains("実績データから算出") || page.contains("企業による申告"));
        assert!(page.contains("href=\"/definitions#"));
        assert!(
            !page.contains("id=\"edit-workplace\""),
            "no edit link for the public"
        );

        // Only the company's admins write it.
        assert_eq!(member.get(&form_path).await.status(), 403);
        let (status, page) = hr.get_text(&form_path).await;
        assert_eq!(status, 200);
        assert!(page.contains("から公開しています"));

        // A bad form: each field says what is wrong, nothing is written.
        let res = hr
            .post_multipart(
                &form_path,
                profile_form(
                    &[
                        ("description", "  "),
                        ("measure", "telework"),
                        ("measure", "beer_friday"),
                        ("certification", "gold_star"),
                        ("annual_holidays", "400"),
                    ],
                    &[],
                ),
            )
            .await;
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(page.contains("一覧にない制度が含まれています"));
        assert!(page.contains("年間休日数は366日以下で入力してください"));
        assert!(page.contains("一覧にない認定が含まれています"));
        assert!(page.contains("事業内容・職場の紹介"));
        assert!(
            app.store()
                .pending_workplace_proposal(h)
                .await
                .unwrap()
                .is_none()
        );

        // A good one waits for the city; the public still sees the approved text.
        let text = "<script>alert(1)</script>化学の会社です。\n\nフレックスを始めました。";
        let res = hr
            .post_multipart(
                &form_path,
                profile_form(
                    &[
                        ("description", text),
                        ("measure", "flextime"),
                        ("measure", "telework"),
                        ("measure", "flextime"),
                        ("certification", "youth_yell"),
                        ("certification", "kurumin"),
                        ("annual_holidays", "１２５日"),
                    ],
                    &[],
                ),
            )
            .await;
        assert_eq!(res.status(), 303);
        let (_, page) = hr.get_text(&form_path).await;
        assert!(page.contains("市の確認を待っています"), "{page}");
        let (_, page) = anon.get_text(&public_path).await;
        assert!(!page.contains("フレックスを始めました") && page.contains("年間休日 121日"));
        let (_, list) = anon.get_text("/workplaces?m=flextime").await;
        assert!(!list.contains(&format!("id=\"workplace-{h}\"")));

        // The staff confirm first (nothing changes), then approve.
        let (_, queue) = staff.get_text("/review").await;
        let id = app
            .store()
            .pending_workplace_proposal(h)
            .await
            .unwrap()
            .unwrap()
            .id;
        assert!(queue.contains(&format!("action=\"/review/workplaces/{id}/confirm\"")));
        assert!(
            queue.contains("フレックスを始めました"),
            "the queue shows the new text"
        );
        assert!(
            queue.contains("くるみん、ユースエール"),
            "and the certifications"
        );
        let res = staff
            .post_form(
                &format!("/review/workplaces/{id}/confirm"),
                &[("decision", "approve")],
            )
            .await;
        assert_eq!(res.status(), 200);
        let page = res.text().await.unwrap();
        assert!(page.contains("フレックス、") || page.contains("テレワーク・在宅勤務、フレックス"));
        assert!(!page.contains("<script>alert"), "escaped");
        let (_, page) = anon.get_text(&public_path).await;
        assert!(!page.contains("フレックスを始めました"));
        let res = staff
            .post_form(
                &format!("/review/workplaces/{id}"),
                &[("decision", "approve")],
            )
            .await;
        assert_eq!(res.status(), 303);
        let res = staff
            .post_form(
                &format!("/review/workplaces/{id}"),
                &[("decision", "approve")],
            )
            .await;
        assert_eq!(res.status(), 409, "decided once");

        let (_, page) = anon.get_text(&public_path).await;
        assert!(page.contains("フレックスを始めました"));
        assert!(page.contains("alert(1)") && !page.contains("<script>alert"));
        assert!(page.contains("年間休日 125日"));
        let certs = page
            .split("id=\"workplace-certifications\"")
            .nth(1)
            .expect("the certifications section");
        assert!(certs.contains("<li class=\"tag\">くるみん</li>"));
        assert!(certs.contains("<li class=\"tag\">ユースエール</li>"));
        assert!(certs.contains("企業による申告"));
        let api: serde_json::Value = anon
            .get(&format!("/api/v1/workplaces/{h}"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            api["certifications"],
            serde_json::json!(["kurumin", "youth_yell"])
        );
        assert!(
            !page.contains("時間単位年休"),
            "the new list replaced the old"
        );

        // Every ticked measure must be offered.
        let (_, list) = anon.get_text("/workplaces?m=flextime").await;
        assert!(list.contains(&format!("id=\"workplace-{h}\"")));
        let (_, list) = anon.get_text("/workplaces?m=flextime&m=childcare").await;
        assert!(!list.contains(&format!("id=\"workplace-{h}\"")));
        assert!(list.contains("条件に合う職場はありません") || list.contains("id=\"workplaces\""));

        // Withdrawn: gone from the list and the page.
        let res = hr.post_form(&format!("{form_path}/withdraw"), &[]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(anon.get(&public_path).await.status(), 404);
        let (_, list) = anon.get_text("/workplaces").await;
        assert!(!list.contains(&format!("id=\"workplace-{h}\"")));
        // Every step is in the audit log.
        let filter = store::audit::AuditFilter {
            entity: "workplace_profile".into(),
            ..Default::default()
        };
        let entries = app
            .store()
            .audit_entries_where(&filter, 100, 0)
            .await
            .unwrap();
        let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
        for a in ["proposed", "approved", "withdrawn"] {
            assert!(actions.contains(&a), "{a} in {actions:?}");
        }
    }
);

both_backends!(
    a_rejected_profile_stays_off_the_public_pages,
    spawn_demo,
    |app: TestApp| async move {
        // The demo's 光陽プレシジョン wrote a profile the city has not reviewed.
        let k = app.org_id("光陽プレシジョン株式会社").await;
        let anon = app.client();
        assert_eq!(anon.get(&format!("/workplaces/{k}")).await.status(), 404);
        let (_, list) = anon.get_text("/workplaces").await;
        assert!(!list.contains(&format!("id=\"workplace-{k}\"")));
        let staff = app.signed_in(STAFF).await;
        let id = app
            .store()
            .pending_workplace_proposal(k)
            .await
            .unwrap()
            .expect("the demo's pending profile")
            .id;
        let res = staff
            .post_form(
                &format!("/review/workplaces/{id}/confirm"),
                &[("decision", "reject")],
            )
            .await;
        assert_eq!(res.status(), 200);
        assert!(res.text().await.unwrap().contains("まだ公開されていません"));
        let res = staff
            .post_form(
                &format!("/review/workplaces/{id}"),
                &[("decision", "reject")],
            )
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(anon.get(&format!("/workplaces/{k}")).await.status(), 404);
        assert!(
            app.store()
                .pending_workplace_proposal(k)
                .await
                .unwrap()
                .is_none()
        );
        // A decision word the form does not have is refused.
        let hr_like = app.signed_in(STAFF).await;
        let res = hr_like
            .post_form(
                &format!("/review/workplaces/{id}"),
                &[("decision", "maybe")],
            )
            .await;
        assert!(
            res.status() == 400 || res.status() == 409,
            "{}",
            res.status()
        );
    }
);

both_backends!(
    the_list_survives_strange_links,
    spawn_demo,
    |app: TestApp| async move {
        let anon = app.client();
        let (status, list) = anon.get_text("/workplaces?m=beer_friday").await;
        assert_eq!(status, 200);
        assert!(list.contains("id=\"unknown-filters\""));
        let many: String = (0..60).map(|i| format!("m=x{i}&")).collect();
        assert_eq!(anon.get(&format!("/workplaces?{many}")).await.status(), 400);
        let (status, _) = anon.get_text("/workplaces/999999").await;
        assert_eq!(status, 404);
        // The demo's published profiles, each with a link to its page.
        let (_, list) = anon.get_text("/workplaces").await;
        let h = app.org_id("はまなすケミカル株式会社").await;
        assert!(list.contains(&format!("href=\"/workplaces/{h}\"")));
        let (_, list) = anon.get_text("/workplaces?m=childcare").await;
        assert!(
            list.contains("やすらぎ"),
            "the care home offers childcare: {list}"
        );
        assert!(!list.contains(&format!("id=\"workplace-{h}\"")));
    }
);

both_backends!(
    photos_lose_their_exif_and_go_public_only_after_review,
    spawn_demo,
    |app: TestApp| async move {
        let h = app.org_id("はまなすケミカル株式会社").await;
        let hr = app.signed_in(HR).await;
        let staff = app.signed_in(STAFF).await;
        let member = app.signed_in(MEMBER).await;
        let anon = app.client();
        let form_path = format!("/orgs/{h}/workplace");
        let public_path = format!("/workplaces/{h}");
        let intro = [("description", "化学の会社です。"), ("measure", "telework")];

        // A phone photo held sideways (EXIF orientation 6, with a GPS position)
        // and a small one, under one description.
        let phone = with_exif(&sample_jpeg(2400, 1800), 6);
        assert!(contains(&phone, b"Exif") && contains(&phone, b"SomaCam"));
        let mut fields = intro.to_vec();
        fields.push(("new_photo_alt", "検査工程で働く社員"));
        let res = hr
            .post_multipart(
                &form_path,
                profile_form(&fields, &[phone, sample_jpeg(800, 600)]),
            )
            .await;
        assert_eq!(res.status(), 303);
        let proposal = app
            .store()
            .pending_workplace_proposal(h)
            .await
            .unwrap()
            .expect("proposed");
        let photos = proposal.proposed.photos.clone();
        let sizes: Vec<(u32, u32, &str)> = photos
            .iter()
            .map(|p| (p.width, p.height, p.alt.as_str()))
            .collect();
        // Upright 1800×2400, resized to 1600 on the long edge.
        assert_eq!(
            sizes,
            vec![
                (1200, 1600, "検査工程で働く社員"),
                (800, 600, "検査工程で働く社員")
            ]
        );
        let (first, second) = (photos[0].id, photos[1].id);
        let large = format!("/workplaces/{h}/photos/{first}");
        let small = format!("{large}/small");

        // Before review: the company's admins and the city's reviewers see the
        // photo, kept out of shared caches; the public and the members do not.
        for who in [&anon, &member] {
            assert_eq!(who.get(&large).await.status(), 404);
        }
        for who in [&hr, &staff] {
            let res = who.get(&large).await;
            assert_eq!(res.status(), 200);
            assert_eq!(res.headers()["content-type"], "image/jpeg");
            assert_eq!(res.headers()["cache-control"], "private, no-store");
        }
        let bytes = hr.get(&large).await.bytes().await.unwrap();
        assert!(!contains(&bytes, b"Exif") && !contains(&bytes, b"SomaCam"));
        assert!(!contains(&bytes, b"GPS"));
        let img = image::load_from_memory(&bytes).unwrap();
        assert_eq!((img.width(), img.height()), (1200, 1600));
        let thumb = image::load_from_memory(&hr.get(&small).await.bytes().await.unwrap()).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (480, 640));
        // A photo is served under its own organization only.
        let other = app.org_id("光陽プレシジョン株式会社").await;
        assert_eq!(
            staff
                .get(&format!("/workplaces/{other}/photos/{first}"))
                .await
                .status(),
            404
        );
        let (_, page) = anon.get_text(&public_path).await;
        assert!(!page.contains(&small), "not public before review");

        // The reviewer sees the photos and their descriptions in the queue.
        let (_, queue) = staff.get_text("/review").await;
        assert!(queue.contains(&format!("src=\"{small}\"")), "{queue}");
        assert!(queue.contains("<figcaption>検査工程で働く社員</figcaption>"));
        let res = staff
            .post_form(
                &format!("/review/workplaces/{}", proposal.id),
                &[("decision", "approve")],
            )
            .await;
        assert_eq!(res.status(), 303);

        // Public: both sizes in srcset, width and height given, loaded lazily.
        let (_, page) = anon.get_text(&public_path).await;
        let img_tag = format!(
            "<img src=\"{small}\" srcset=\"{small} 480w, {large} 1200w\" sizes=\"(min-width: 48rem) 24rem, 100vw\" width=\"1200\" height=\"1600\" alt=\"検査工程で働く社員\" loading=\"lazy\" decoding=\"async\">"
        );
        assert!(page.contains(&img_tag), "{page}");
        let res = anon.get(&large).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["cache-control"], "public, max-age=86400");
        let (_, list) = anon.get_text("/workplaces").await;
        assert!(list.contains(&format!("class=\"workplace-card__photo\" src=\"{small}\"")));

        // The form lists both; the next proposal drops the second and clears
        // the first one's description, which then says whose workplace it is.
        let (_, form) = hr.get_text(&form_path).await;
        assert!(form.contains(&format!("name=\"photo_alt_{second}\"")));
        let res = hr
            .post_multipart(
                &form_path,
                profile_form(
                    &[
                        ("description", "化学の会社です。"),
                        ("photo", &first.to_string()),
                        (&format!("photo_alt_{first}"), ""),
                        ("photo", &second.to_string()),
                        (&format!("photo_alt_{second}"), "x"),
                        (&format!("photo_remove_{second}"), "1"),
                    ],
                    &[],
                ),
            )
            .await;
        assert_eq!(res.status(), 303);
        let id = app
            .store()
            .pending_workplace_proposal(h)
            .await
            .unwrap()
            .unwrap()
            .id;
        staff
            .post_form(
                &format!("/review/workplaces/{id}"),
                &[("decision", "approve")],
            )
            .await;
        let (_, page) = anon.get_text(&public_path).await;
        assert!(
            page.contains("alt=\"はまなすケミカル株式会社の職場の写真（1枚目）\""),
            "{page}"
        );
        assert!(!page.contains(&format!("/photos/{second}")));
        assert_eq!(
            anon.get(&format!("/workplaces/{h}/photos/{second}"))
                .await
                .status(),
            404,
            "a photo taken off the profile is no longer public"
        );
        assert_eq!(
            hr.get(&format!("/workplaces/{h}/photos/{second}"))
                .await
                .status(),
            200
        );
    }
);

both_backends!(
    a_photo_that_cannot_be_used_is_refused_and_nothing_is_written,
    spawn_demo,
    |app: TestApp| async move {
        let h = app.org_id("はまなすケミカル株式会社").await;
        let hr = app.signed_in(HR).await;
        let form_path = format!("/orgs/{h}/workplace");
        let intro = [("description", "化学の会社です。")];
        let refused = async |photos: &[Vec<u8>], fields: &[(&str, &str)]| -> String {
            let mut all = intro.to_vec();
            all.extend_from_slice(fields);
            let res = hr
                .post_multipart(&form_path, profile_form(&all, photos))
                .await;
            let status = res.status();
            let page = res.text().await.unwrap();
            assert_eq!(status, 422, "{page}");
            page
        };
        let page = refused(&[b"GIF89a\x01\x00\x01\x00".to_vec()], &[]).await;
        assert!(page.contains("写真はJPEG・PNG・WebPのいずれかにしてください"));
        assert!(page.contains("id=\"new_photo-error\""));
        let mut huge = sample_jpeg(200, 200);
        huge.resize(10 * 1024 * 1024 + 1, 0);
        let page = refused(&[huge], &[]).await;
        assert!(page.contains("写真のファイルが大きすぎます"));
        let four = vec![sample_jpeg(200, 200); 4];
        let page = refused(&four, &[]).await;
        assert!(page.contains("一度に追加できる写真は3枚までです"));
        let page = refused(&[sample_jpeg(300, 60)], &[]).await;
        assert!(page.contains("写真が小さすぎます"));
        let long = "あ".repeat(201);
        let page = refused(&[sample_jpeg(200, 200)], &[("new_photo_alt", &long)]).await;
        assert!(page.contains("写真の説明は200字までで書いてください"));
        // A photo that is not the company's own is not taken from the form,
        // nor one named by anything but its number.
        for (photo, status) in [("999999", 404), ("one", 400)] {
            let form = profile_form(&[("description", "紹介"), ("photo", photo)], &[]);
            let res = hr.post_multipart(&form_path, form).await;
            assert_eq!(res.status(), status, "photo {photo}");
            let pending = app.store().pending_workplace_proposal(h).await.unwrap();
            assert!(pending.is_none());
        }
    }
);
