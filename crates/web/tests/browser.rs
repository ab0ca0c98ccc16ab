//! Browser tests: the real app (demo data, SQLite) driven through headless Chromium.
//!
//! One journey covers the program end to end — read the registry, sign in as an
//! organization's HR admin, declare (with a validation error first), sign out, sign in as
//! city staff, approve, see the declaration on the public registry and the declarer's
//! page, switch to English — and runs axe-core (WCAG 2.1 A/AA) on every page it opens,
//! including the registry at phone width. Any violation fails the test.
//!
//! Needs Chromium and chromedriver (`scripts/test` installs them; see
//! `ERABARERU_CHROMIUM` / `ERABARERU_CHROMEDRIVER`). Without them the test fails.

mod support;

#[path = "browser/harness.rs"]
mod harness;

use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail, ensure};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

use harness::{Browser, assert_accessible, screenshot, set_viewport};
use support::{ADMIN, Backend, HR, STAFF, TestApp, spawn_demo};

/// How long to wait for a page or an element before failing.
const WAIT: Duration = Duration::from_secs(10);

const HAMANASU: &str = "はまなすケミカル株式会社";
const PATERNITY_TITLE: &str = "男性育休100%宣言";
const PATERNITY_SLUG: &str = "paternity-leave-100";
const DECLARATION_MESSAGE: &str =
    "男性社員の育休取得率100%を目指し、業務の引き継ぎ体制を整えます。";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn declare_approve_publish_and_switch_language() -> Result<()> {
    let started = Instant::now();
    let app = spawn_demo(Backend::Sqlite).await;
    let browser = Browser::start()
        .await
        .context("starting headless Chromium (the browser tests need chromium and chromedriver)")?;

    let mut journey = Journey {
        app: &app,
        client: &browser.client,
        checked: Vec::new(),
    };
    let outcome = journey.run().await;
    if let Err(e) = &outcome {
        let base = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join("browser-failures")
            .join("journey-failure");
        if screenshot(&browser.client, base.with_extension("png"))
            .await
            .is_ok()
        {
            if let Ok(html) = browser.client.source().await {
                let _ = std::fs::write(base.with_extension("html"), html);
            }
            eprintln!(
                "journey failed: {e:#}\nscreenshot and HTML of the last page: {}.png / .html",
                base.display()
            );
        }
    }
    let pages = journey.checked.len();
    browser.close().await?;
    outcome?;
    eprintln!(
        "browser journey: {pages} page views passed axe (WCAG 2.1 AA) in {:.1?}",
        started.elapsed()
    );
    Ok(())
}

/// Every other page a signed-in person reaches: administration, the organization's
/// forms, the account page, invitations and error pages, checked with axe.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn administration_and_forms_are_accessible() -> Result<()> {
    let app = spawn_demo(Backend::Sqlite).await;
    // Every page below shows the region's emblem in its header (axe checks its alt).
    let soma = app.store().region_by_code("072095").await?;
    let emblem = app
        .store()
        .save_upload(
            "image/svg+xml",
            br##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="#0031d8"/></svg>"##,
            None,
        )
        .await?;
    app.store().set_region_emblem(soma.id, Some(emblem)).await?;
    let browser = Browser::start()
        .await
        .context("starting headless Chromium (the browser tests need chromium and chromedriver)")?;
    let mut journey = Journey {
        app: &app,
        client: &browser.client,
        checked: Vec::new(),
    };
    let outcome = journey.visit_every_other_page().await;
    browser.close().await?;
    outcome
}

struct Journey<'a> {
    app: &'a TestApp,
    client: &'a Client,
    /// Every page view axe has checked, in order (for the summary).
    checked: Vec<String>,
}

impl Journey<'_> {
    async fn run(&mut self) -> Result<()> {
        let org_id = self.app.org_id(HAMANASU).await;

        // --- Public pages -------------------------------------------------------------
        self.open("/").await?;
        self.expect_lang("ja").await?;
        self.expect_styles_loaded().await?;
        self.expect_skip_link_works().await?;
        self.follow("main a.button[href='/declarations']").await?;
        self.expect_path("/declarations").await?;
        let results = self.text("#registry-results").await?;
        ensure!(
            results.contains(PATERNITY_TITLE),
            "the registry lists {PATERNITY_TITLE}: {results}"
        );

        // Filter by organization type: htmx swaps the results in place.
        self.mark_page().await?;
        self.find("#f-type")
            .await?
            .select_by_value("company")
            .await?;
        self.wait_until(
            "the registry filter to update the URL (htmx)",
            "return location.search.indexOf('type=company') !== -1;",
        )
        .await?;
        self.wait_until(
            "htmx to finish swapping the results",
            "return !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling');",
        )
        .await?;
        ensure!(
            self.client
                .execute("return window.__erabareruOldPage === true;", vec![])
                .await?
                == json!(true),
            "the filter updates the results in place (htmx), without reloading the page"
        );
        self.check("/declarations?type=company (htmx)").await?;
        let metas = self
            .client
            .find_all(Locator::Css("#registry-results .declarer__meta"))
            .await?;
        ensure!(!metas.is_empty(), "companies are listed after filtering");
        for meta in metas {
            let meta = meta.text().await?;
            ensure!(
                meta.starts_with("企業"),
                "the filtered registry lists only companies: {meta}"
            );
        }

        // The registry at phone width: still accessible, no sideways scrolling.
        set_viewport(self.client, 375, 812).await?;
        self.open_as("/declarations", "/declarations (375 px wide)")
            .await?;
        let width = self
            .client
            .execute("return window.innerWidth;", vec![])
            .await?;
        ensure!(
            width.as_u64().is_some_and(|w| w <= 375),
            "the viewport is phone-sized (innerWidth {width})"
        );
        self.expect_no_horizontal_scroll().await?;
        set_viewport(self.client, 1280, 900).await?;

        // --- HR admin declares ---------------------------------------------------------
        // A wrong password first: the form comes back with the message and the e-mail.
        self.follow(".site-nav a[href='/login']").await?;
        self.type_into("#email", HR.0).await?;
        self.type_into("#password", "not-the-password").await?;
        self.submit("#login-form button[type=submit]").await?;
        self.find("#login-error[role=alert]")
            .await
            .context("a sign-in error after a wrong password")?;
        ensure!(
            self.value("#email").await? == HR.0,
            "the e-mail address is kept after a failed sign-in"
        );
        self.sign_in(HR).await?;
        self.follow(&format!("main a[href='/orgs/{org_id}']"))
            .await?;
        self.expect_path(&format!("/orgs/{org_id}")).await?;
        self.follow("#declare-link").await?;
        self.expect_path(&format!("/orgs/{org_id}/declare")).await?;

        let declaration_value = self.option_value_containing(PATERNITY_TITLE).await?;
        self.find("#declaration_id")
            .await?
            .select_by_value(&declaration_value)
            .await?;
        let declared_on = self.value("#declared_on").await?;
        ensure!(!declared_on.is_empty(), "the declaration date is prefilled");
        self.type_into("#representative_title", "代表取締役社長")
            .await?;
        // Only spaces: passes the browser's `required`, the server must reject it.
        self.type_into("#representative_name", "   ").await?;
        self.type_into("#message", DECLARATION_MESSAGE).await?;
        self.submit("#declare-form button[type=submit]").await?;

        // The form comes back with the error next to the field and the input kept.
        self.expect_path(&format!("/orgs/{org_id}/declare")).await?;
        let error = self
            .find("#representative_name-error.field__error")
            .await
            .context("the error message next to the representative name")?;
        ensure!(
            !error.text().await?.trim().is_empty(),
            "the field error says something"
        );
        ensure!(
            self.attr("#representative_name", "aria-invalid").await? == "true",
            "the representative name is marked aria-invalid"
        );
        let described_by = self
            .attr("#representative_name", "aria-describedby")
            .await?;
        ensure!(
            described_by
                .split_whitespace()
                .any(|id| id == "representative_name-error"),
            "the field points at its error with aria-describedby (got {described_by:?})"
        );
        self.find(".notice--error a[href='#representative_name']")
            .await
            .context("the error summary links to the field")?;
        ensure!(
            self.value("#message").await? == DECLARATION_MESSAGE,
            "the typed message is kept"
        );
        ensure!(
            self.value("#representative_title").await? == "代表取締役社長",
            "the typed title is kept"
        );
        ensure!(
            self.value("#declaration_id").await? == declaration_value,
            "the chosen declaration is kept"
        );

        // Fix it and submit again.
        self.type_into("#representative_name", "斎藤 隆").await?;
        self.submit("#declare-form button[type=submit]").await?;
        self.expect_path(&format!("/orgs/{org_id}")).await?;
        self.find(".notice--success")
            .await
            .context("a success notice after declaring")?;
        self.expect_signing_row(PATERNITY_TITLE, ".badge--pending")
            .await?;

        // --- Workplace figures: a CP932 file with a bad row, then the fixed files --------
        self.import_workplace_figures(org_id).await?;

        // Not public until city staff approve it.
        self.open(&format!("/declarations/{PATERNITY_SLUG}"))
            .await?;
        let results = self.text("#registry-results").await?;
        ensure!(
            !results.contains(HAMANASU),
            "{HAMANASU} must not be listed under {PATERNITY_TITLE} before approval"
        );

        self.sign_out().await?;

        // --- City staff approve -----------------------------------------------------------
        self.sign_in(STAFF).await?;
        self.follow(".site-nav a[href='/review']").await?;
        self.expect_path("/review").await?;
        let item = self.review_item(HAMANASU, PATERNITY_TITLE).await?;
        let approve = item
            .find(Locator::Css(
                "form.approve-form button[name=decision][value=approve]",
            ))
            .await
            .context("the approve button")?;
        self.click_through(&approve).await?;
        // The confirm page says what goes public; only its button decides.
        let pending = self
            .app
            .store()
            .pending_signings(None)
            .await?
            .into_iter()
            .find(|s| s.org_name == HAMANASU && s.declaration_title_ja == PATERNITY_TITLE)
            .context("the pending signing")?;
        self.expect_path(&format!("/review/{}/confirm", pending.id))
            .await?;
        ensure!(
            self.text("h1")
                .await?
                .contains(&format!("{HAMANASU}の宣言を承認しますか")),
            "the confirm page names the organization"
        );
        let confirm = self
            .find("#confirm-form button[type=submit]")
            .await
            .context("the confirm button")?;
        self.click_through(&confirm).await?;
        self.expect_path("/review").await?;
        let notice = self
            .text(".notice--success")
            .await
            .context("a success notice after approving")?;
        ensure!(
            notice.contains(&format!("{HAMANASU}の宣言を承認しました")),
            "the notice names the organization: {notice}"
        );
        ensure!(
            self.review_item(HAMANASU, PATERNITY_TITLE).await.is_err(),
            "the approved declaration left the review queue"
        );

        // --- Published --------------------------------------------------------------------
        self.open(&format!("/declarations/{PATERNITY_SLUG}"))
            .await?;
        let link = self.declarer_link(HAMANASU).await?;
        self.click_through(&link).await?;
        self.expect_path(&format!("/declarers/{org_id}")).await?;
        ensure!(
            self.text("h1").await?.contains(HAMANASU),
            "the declarer page is about {HAMANASU}"
        );
        let cards = self.text("main").await?;
        ensure!(
            cards.contains(PATERNITY_TITLE) && cards.contains("斎藤 隆"),
            "the declarer page shows the new declaration and its representative"
        );

        // --- English ----------------------------------------------------------------------
        self.submit("form.lang-switch button").await?;
        self.expect_path(&format!("/declarers/{org_id}")).await?;
        self.expect_lang("en").await?;
        let nav = self.text(".site-nav").await?;
        ensure!(
            nav.contains("Declarations"),
            "the English navigation says Declarations: {nav}"
        );
        ensure!(
            self.text("main").await?.contains("Declared on"),
            "the English declarer page labels the date"
        );

        // The choice is remembered on the next pages.
        self.follow(".site-nav a[href='/declarations']").await?;
        self.expect_path("/declarations").await?;
        self.expect_lang("en").await?;
        ensure!(
            self.text("h1").await? == "Declarations",
            "the English registry is titled Declarations"
        );
        self.open("/").await?;
        self.expect_lang("en").await?;

        // Unknown addresses get a proper (and accessible) 404 page.
        self.open_as("/no-such-page", "/no-such-page (404)").await?;
        ensure!(
            self.text("h1").await? == "Page not found",
            "the English 404 page says Page not found"
        );

        eprintln!("axe passed on:\n  {}", self.checked.join("\n  "));
        Ok(())
    }

    async fn visit_every_other_page(&mut self) -> Result<()> {
        let org_id = self.app.org_id(HAMANASU).await;
        // A plan with both targets, tracked against the demo's FY2025 figures.
        self.app
            .store()
            .create_action_plan(
                org_id,
                "2025-04-01",
                "2027-03-31",
                "ノー残業デーを週2回にする",
                &[
                    store::plans::NewTarget {
                        kind: "male_childcare_rate".into(),
                        label: "男性の育児休業等取得率".into(),
                        target_value: 30.0,
                    },
                    store::plans::NewTarget {
                        kind: "monthly_overtime_hours".into(),
                        label: "一月当たりの時間外・休日労働時間".into(),
                        target_value: 20.0,
                    },
                ],
                None,
            )
            .await?;
        self.open("/login").await?;
        self.sign_in(HR).await?;
        for path in [
            format!("/orgs/{org_id}/figures"),
            format!("/orgs/{org_id}/edit"),
            format!("/orgs/{org_id}/kpi"),
            format!("/orgs/{org_id}/plan"),
            format!("/orgs/{org_id}/disclosure"),
            format!("/orgs/{org_id}/publish"),
            format!("/orgs/{org_id}/jobs"),
            format!("/orgs/{org_id}/jobs/new"),
            "/definitions".to_string(),
            "/open-data".to_string(),
            "/survey".to_string(),
            format!("/workplaces/{org_id}/contact"),
            "/jobs?life=parenting&low_overtime=1&high_paid_leave=1".to_string(),
            "/account/password".to_string(),
        ] {
            self.open(&path).await?;
        }
        // 取組事例: the admin writes a case story and sends it to the city.
        self.open("/stories").await?;
        self.follow("#new-story").await?;
        self.type_into("#title_ja", "朝メールで残業が半分に")
            .await?;
        self.type_into(
            "#summary_ja",
            "2025年度、残業が月平均18時間から9時間に減りました。",
        )
        .await?;
        self.type_into("#body_ja", "朝メールを始めました。").await?;
        self.submit("#send-story").await?;
        ensure!(
            self.text("#story-notice").await?.contains("確認しています"),
            "a sent story waits for the city"
        );
        // Certification readiness: reached from the workspace; a yes/no answer saved
        // in the browser turns up checked on the page it leads back to.
        self.open(&format!("/orgs/{org_id}")).await?;
        self.follow("#readiness-link").await?;
        let summary = self.text("#readiness-summary").await?;
        ensure!(
            summary.contains("くるみん")
                && summary.contains("えるぼし")
                && summary.contains("ユースエール"),
            "every mark has a verdict: {summary}"
        );
        self.find("#fact-working_conditions_measures-yes")
            .await?
            .click()
            .await?;
        self.submit("#facts-save").await?;
        ensure!(
            self.find("#fact-working_conditions_measures-yes")
                .await?
                .is_selected()
                .await?,
            "the answer was saved"
        );
        // A form sent back with errors is accessible too.
        self.open(&format!("/orgs/{org_id}/figures")).await?;
        for (field, value) in [
            ("#men_employed", "x"),
            ("#women_employed", "30"),
            ("#men_births", "3"),
            ("#men_takers", "2"),
            ("#women_births", "1"),
            ("#women_takers", "1"),
        ] {
            self.type_into(field, value).await?;
        }
        self.submit("#figures-form button[type=submit]").await?;
        self.find("#men_employed-error").await?;
        // 介護と仕事の両立: the self-check gives a personal page; HR records the
        // individual notice it then owes.
        self.open("/care").await?;
        for answer in ["stage][value=starting", "distance][value=far"] {
            self.find(&format!("input[name={answer}]"))
                .await?
                .click()
                .await?;
        }
        self.submit("#care-submit").await?;
        ensure!(
            self.text("#care-steps")
                .await?
                .contains("会社（人事）に伝える"),
            "the plan says to tell the employer"
        );
        self.open(&format!("/orgs/{org_id}")).await?;
        self.follow("#care-link").await?;
        self.type_into("#employee", "E-102").await?;
        self.find("input[name=explained][value=care_leave]")
            .await?
            .click()
            .await?;
        self.submit("#record-notice").await?;
        ensure!(
            self.text("#notices").await?.contains("介護休業"),
            "the notice is recorded"
        );
        // 選ばれる職場: the admin ticks a measure from the workspace's link and
        // sends the profile to the city; staff approve it in two steps; the
        // public finds it by that measure without JavaScript's help.
        self.open(&format!("/orgs/{org_id}")).await?;
        self.follow("#workplace-link").await?;
        self.find("input[name=measure][value=flextime]")
            .await?
            .click()
            .await?;
        // A photo from the computer, with a description.
        let photo =
            std::env::temp_dir().join(format!("erabareru-photo-{}.jpg", std::process::id()));
        std::fs::write(
            &photo,
            web::workplaces::photo::testing::sample_jpeg(1200, 900),
        )?;
        self.find("#new_photo")
            .await?
            .send_keys(&photo.to_string_lossy())
            .await?;
        self.type_into("#new_photo_alt", "朝礼のようす").await?;
        self.submit("#propose-workplace").await?;
        std::fs::remove_file(&photo)?;
        ensure!(
            self.text("#workplace-pending")
                .await?
                .contains("確認を待っています"),
            "the profile waits for the city"
        );
        self.sign_out().await?;
        let proposal = self
            .app
            .store()
            .pending_workplace_proposal(org_id)
            .await?
            .context("the proposal")?
            .id;
        self.sign_in(STAFF).await?;
        self.open("/review").await?;
        self.submit(&format!(
            "section[aria-labelledby='workplace-{proposal}'] button[value=approve]"
        ))
        .await?;
        self.submit("#confirm-form button[type=submit]").await?;
        // 求人の確認: the city reviews postings; the staff open the one waiting
        // in the queue, read it on its page and approve it.
        self.open("/review").await?;
        self.follow("#jobs-in-review a").await?;
        self.submit("#approve-job").await?;
        ensure!(
            self.text("main").await?.contains("承認しました"),
            "the staff approved the opening"
        );
        self.sign_out().await?;
        self.open("/jobs?q=訪問介護").await?;
        ensure!(
            self.text("#jobs").await?.contains("訪問介護員"),
            "the approved opening is public"
        );
        self.open("/workplaces").await?;
        self.find("#workplace-filter input[value=flextime]")
            .await?
            .click()
            .await?;
        self.submit("#workplace-filter button[type=submit]").await?;
        self.follow(&format!("#workplace-{org_id} a")).await?;
        ensure!(
            self.text("#measures").await?.contains("フレックス"),
            "the approved profile lists the new measure"
        );
        // The demo's photo stays first; the new one follows it.
        let img = self.find("#workplace-photos li:nth-child(2) img").await?;
        ensure!(
            img.attr("alt").await?.as_deref() == Some("朝礼のようす")
                && img.attr("loading").await?.as_deref() == Some("lazy")
                && img.attr("width").await?.as_deref() == Some("1200"),
            "the approved profile shows the photo, lazily, with its size"
        );
        // 求人: a parent searches a word and a situation, opens a posting.
        self.open("/jobs").await?;
        self.type_into("#q", "事務").await?;
        self.find("#job-search input[name=life][value=parenting]")
            .await?
            .click()
            .await?;
        self.submit("#job-search button[type=submit]").await?;
        let found = self.text("#jobs").await?;
        ensure!(
            found.contains("一般事務"),
            "the search finds the office job: {found}"
        );
        self.follow("#jobs .job-card a").await?;
        ensure!(
            self.text("#job-facts").await?.contains("時給"),
            "the posting shows its pay"
        );
        // The parent applies from the posting; the company's HR reads it from
        // the workspace and answers.
        self.follow("#apply-link").await?;
        self.type_into("#name", "相馬 花子").await?;
        self.type_into("#email", "hanako@example.jp").await?;
        self.type_into("#phone", "０９０－１２３４－５６７８")
            .await?;
        self.type_into("#message", "9時〜14時で働けますか。")
            .await?;
        self.submit("#inquiry-form button[type=submit]").await?;
        let flash = self.text("main").await?;
        ensure!(
            flash.contains("hanako@example.jp"),
            "the page says where the copy goes: {flash}"
        );
        self.sign_in(HR).await?;
        self.open(&format!("/orgs/{org_id}")).await?;
        self.follow("#inquiries-link").await?;
        self.follow("#inquiries tbody tr:first-child a").await?;
        ensure!(
            self.text("#inquiry-facts").await?.contains("090-1234-5678"),
            "the phone, half-width"
        );
        self.type_into("#answer", "大丈夫です。見学にいらしてください。")
            .await?;
        self.submit("#answer-form button[type=submit]").await?;
        self.find("#answer-1").await?;
        self.sign_out().await?;

        // Events: the public list and an event's page, registering for the coming
        // one, then the staff's desk (check-in), the form, and the cancel link.
        let events = self.app.store().public_events(None).await?;
        let (event_id, coming) = (events[0].id, events[1].id);
        self.open("/events").await?;
        self.open(&format!("/events/{event_id}")).await?;
        self.open(&format!("/events/{coming}")).await?;
        self.type_into("#reg_name", "相馬 花子").await?;
        self.type_into("#reg_organization", "はまなすケミカル株式会社")
            .await?;
        self.find("#reg_role").await?.select_by_index(2).await?;
        self.type_into("#reg_email", "hanako@example.jp").await?;
        self.submit("#register-form button[type=submit]").await?;
        let flash = self.text("main").await?;
        ensure!(
            flash.contains("申し込みを受け付けました"),
            "the registration is confirmed on the page: {flash}"
        );
        self.sign_in(STAFF).await?;
        self.open("/events").await?;
        self.open(&format!("/events/{coming}/registrations"))
            .await?;
        self.submit(".checkin-item form button[type=submit]")
            .await?;
        ensure!(
            self.text("#desk-counts").await?.contains("受付済み 1人"),
            "one tap checks the person in"
        );
        self.open("/events/new").await?;
        self.open(&format!("/events/{event_id}/edit")).await?;
        // The kickoff's desk with its people, its questionnaire, the program view
        // and its report, and a news draft.
        self.open(&format!("/events/{event_id}/registrations"))
            .await?;
        self.follow("#questionnaire-results").await?;
        ensure!(
            self.text("#satisfaction-mean").await?.contains("4.2"),
            "the kickoff's mean satisfaction"
        );
        self.open("/dashboard").await?;
        self.follow("#program-link").await?;
        self.find("#funnel-table").await?;
        self.follow("#annual-report").await?;
        // The mismatch dashboard, reached from the dashboard, and a filter
        // that would isolate a few answers.
        self.open("/dashboard").await?;
        self.follow("#mismatch-link").await?;
        self.find("#table-conditions").await?;
        self.find("#table-cross").await?;
        self.open("/mismatch?region=072095&age=70s").await?;
        self.find("#mismatch-withheld").await?;
        self.open("/news").await?;
        self.follow("#new-news").await?;
        self.type_into("#title_ja", "成果報告会の申込を始めました")
            .await?;
        self.type_into("#body_ja", "2月17日に市役所で開きます。")
            .await?;
        self.submit("#save-news").await?;
        ensure!(
            self.text("main").await?.contains("これは下書きです"),
            "a new item starts as a draft"
        );
        // The city reads the story sent by the company and publishes it.
        let story = self
            .app
            .store()
            .stories_in_review(None)
            .await?
            .into_iter()
            .find(|s| s.title_ja == "朝メールで残業が半分に")
            .context("the story sent for review")?
            .id;
        self.open("/review").await?;
        self.follow(&format!("#stories-in-review a[href='/stories/{story}']"))
            .await?;
        self.submit("#approve-story").await?;
        ensure!(
            !self.text("main").await?.contains("確認しています"),
            "the approved story is public"
        );
        self.sign_out().await?;
        let mail: String = sqlx::query_scalar(
            "SELECT body_text FROM mail_queue WHERE kind = 'event_registration' ORDER BY id DESC",
        )
        .fetch_one(self.app.store().pool())
        .await?;
        let link = &mail[mail
            .find("/event-registrations/")
            .context("a cancel link")?..];
        let link = link
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string();
        self.open(&link).await?;
        self.submit("#cancel-registration").await?;
        self.find("#cancelled").await?;
        // A kickoff participant answers the questionnaire from their mailed link.
        sqlx::query(
            "UPDATE event_registrations SET feedback_token_hash = $1 WHERE email = 'kickoff14@demo.example.jp'",
        )
        .bind(store::hash_token("browser-journey-link"))
        .execute(self.app.store().pool())
        .await?;
        self.open("/event-feedback/browser-journey-link").await?;
        self.find("input[name=satisfaction][value='4']")
            .await?
            .click()
            .await?;
        self.type_into("#first_step", "会議を30分にする").await?;
        self.find("#wants_course").await?.click().await?;
        self.submit("#send-questionnaire").await?;
        self.find("#questionnaire-thanks").await?;

        self.sign_in(ADMIN).await?;
        for path in [
            "/admin",
            "/admin/users",
            "/admin/audit",
            "/admin/orgs",
            "/admin/regions",
            "/admin/regions/072095",
            "/admin/industry-averages",
            "/admin/declarations",
            "/admin/declarations/new",
            "/orgs/new",
            "/review",
        ] {
            self.open(path).await?;
        }
        ensure!(
            self.find("img.region-mark__emblem")
                .await?
                .attr("alt")
                .await?
                .as_deref()
                == Some("相馬市の市章"),
            "the header shows the region's emblem with its name as alt text"
        );
        self.open(&format!("/orgs/{org_id}/invite")).await?;
        let hr_user = self
            .app
            .store()
            .user_by_email(HR.0)
            .await?
            .context("the HR demo user")?;
        self.open(&format!("/admin/users/{}", hr_user.id)).await?;
        // Invite someone and open the invitation as they would.
        self.open("/admin/users").await?;
        self.type_into("#email", "new.person@demo.example.jp")
            .await?;
        self.type_into("#display_name", "新しい人").await?;
        // The least privileged role comes first: a member, who needs an organization.
        let first_role = self
            .client
            .execute(
                "return document.querySelector('#role option').value;",
                vec![],
            )
            .await?;
        ensure!(first_role == json!("org_member"), "first role {first_role}");
        self.find("#org").await?.select_by_index(1).await?;
        self.submit("#invite-form button[type=submit]").await?;
        let link = self
            .client
            .execute(
                "return document.querySelector('#invite-link-url').value;",
                vec![],
            )
            .await?;
        let link = link.as_str().unwrap_or("").to_string();
        ensure!(
            link.starts_with("http"),
            "the invitation link is absolute: {link}"
        );
        let path = &link[link.find("/invite/").context("an invitation path")?..];
        self.sign_out().await?;
        self.open(path).await?;
        self.open("/no/such/page").await?;
        Ok(())
    }

    /// Upload attendance files on the KPI page: a bad date is reported with its line
    /// and nothing is stored; the fixed files give the figures.
    async fn import_workplace_figures(&mut self, org_id: i64) -> Result<()> {
        let dir =
            std::env::temp_dir().join(format!("erabareru-browser-kpi-{}", std::process::id()));
        for sub in ["bad", "good"] {
            std::fs::create_dir_all(dir.join(sub))?;
        }
        // A KING OF TIME-style daily export in CP932 (names are in the file but never kept).
        let header = "従業員コード,従業員名,日付,勤務日種別,出勤時刻,退勤時刻,休憩時間\n";
        let good = format!(
            "{header}E001,山田太郎,2023/04/06,平日,09:00,20:00,1:00\nE002,佐藤花子,2023/04/06,平日,09:00,18:00,1:00\n"
        );
        let bad = format!(
            "{header}E001,山田太郎,2023/04/06,平日,09:00,20:00,1:00\nE002,佐藤花子,2023/04/31,平日,09:00,18:00,1:00\n"
        );
        let cp932 = |s: &str| encoding_rs::SHIFT_JIS.encode(s).0.into_owned();
        std::fs::write(dir.join("bad/attendance.csv"), cp932(&bad))?;
        std::fs::write(dir.join("good/attendance.csv"), cp932(&good))?;
        std::fs::write(
            dir.join("good/employees.csv"),
            "社員番号,性別,入社日\nE001,男,2020-04-01\nE002,女,2021-04-01\n",
        )?;

        self.open(&format!("/orgs/{org_id}")).await?;
        self.follow("#kpi-link").await?;
        self.expect_path(&format!("/orgs/{org_id}/kpi")).await?;
        // The demo company has figures already (FY2024 to the year in progress),
        // the latest shown by default; FY2023 has none yet.
        self.find("#monthly-table")
            .await
            .context("the demo figures of the latest year")?;
        self.open(&format!("/orgs/{org_id}/kpi?fy=2023")).await?;
        self.find("#no-report")
            .await
            .context("no figures for 2023 before the first import")?;
        self.find("#import-fy")
            .await?
            .select_by_value("2023")
            .await?;
        self.find("#file-attendance")
            .await?
            .send_keys(&dir.join("bad/attendance.csv").display().to_string())
            .await?;
        self.submit("#kpi-import-form button[type=submit]").await?;
        // The preview lists the bad row with its line and offers no import.
        let error = self
            .text(".preview-errors")
            .await
            .context("the preview's errors")?;
        ensure!(
            error.contains("attendance.csv")
                && error.contains("3行目")
                && error.contains("2023/04/31"),
            "the error names the file, the line and the value: {error}"
        );
        ensure!(
            self.client
                .find(Locator::Css("#confirm-form"))
                .await
                .is_err(),
            "a file with errors cannot be imported"
        );
        ensure!(
            self.text("#fix-and-retry")
                .await?
                .contains("何も保存していません")
        );

        self.open(&format!("/orgs/{org_id}/kpi?fy=2023")).await?;
        self.find("#no-report")
            .await
            .context("nothing was stored")?;
        self.find("#import-fy")
            .await?
            .select_by_value("2023")
            .await?;
        self.find("#file-attendance")
            .await?
            .send_keys(&dir.join("good/attendance.csv").display().to_string())
            .await?;
        self.find("#file-employees")
            .await?
            .send_keys(&dir.join("good/employees.csv").display().to_string())
            .await?;
        self.submit("#kpi-import-form button[type=submit]").await?;
        let preview = self.text("main").await?;
        ensure!(
            preview.contains("CP932") && preview.contains("KING OF TIME形式"),
            "the preview names the encoding and the recognised layout: {preview}"
        );
        ensure!(!preview.contains("山田太郎"), "names are not shown");
        self.submit("#confirm-form button[type=submit]").await?;
        // The progress page polls (htmx) and moves on to the figures when done.
        let kpi_path = format!("/orgs/{org_id}/kpi");
        let started = Instant::now();
        while self.path().await? != kpi_path {
            ensure!(
                started.elapsed() < Duration::from_secs(30),
                "the import did not finish"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        self.wait_until(
            "the figures page to load",
            "return document.readyState === 'complete' && !!document.querySelector('#monthly-table');",
        )
        .await?;
        self.check(&kpi_path).await?;
        // The month-by-month table is folded: closed, its rows are not shown; a
        // click on its summary line opens it (no script needed).
        ensure!(
            !self.find("#monthly-table").await?.is_displayed().await?,
            "the monthly table starts folded"
        );
        self.find("#monthly > summary").await?.click().await?;
        let monthly = self.text("#monthly-table").await?;
        // E001 worked 600 minutes (120 beyond 8 h), E002 480: 120 ÷ 2 = 1.0 h.
        ensure!(
            monthly.contains("2023-04") && monthly.contains("1.0"),
            "April's average: {monthly}"
        );
        // HR sees its own employee codes, never the stored pseudonyms (P- and 10 hex
        // digits); who else sees what is proven route by route in tests/authz.rs.
        let page = self.client.source().await?;
        let pseudonym = page.match_indices("P-").any(|(i, _)| {
            page[i + 2..]
                .chars()
                .take(10)
                .filter(char::is_ascii_hexdigit)
                .count()
                == 10
        });
        ensure!(!pseudonym, "no pseudonym on HR's page");
        let _ = std::fs::remove_dir_all(&dir);
        Ok(())
    }

    // --- Navigation ---------------------------------------------------------------------

    /// Open `path` and check it with axe.
    async fn open(&mut self, path: &str) -> Result<()> {
        self.open_as(path, path).await
    }

    /// Open `path` and check it with axe, calling it `name` in messages.
    async fn open_as(&mut self, path: &str, name: &str) -> Result<()> {
        self.client
            .goto(&self.app.url(path))
            .await
            .with_context(|| format!("opening {path}"))?;
        self.wait_until(
            "the page to load",
            "return document.readyState === 'complete';",
        )
        .await?;
        self.check(name).await
    }

    /// Click the link `css` and check the page it leads to with axe.
    async fn follow(&mut self, css: &str) -> Result<()> {
        let link = self.find(css).await?;
        self.click_through(&link)
            .await
            .with_context(|| format!("following {css}"))
    }

    /// Click `element`, wait for the page it leads to and check that page with axe.
    async fn click_through(&mut self, element: &Element) -> Result<()> {
        self.mark_page().await?;
        element.click().await.context("clicking")?;
        self.wait_for_new_page().await?;
        let path = self.path().await?;
        self.check(&path).await
    }

    /// Click the submit button `css`, wait for the next page and check it with axe.
    async fn submit(&mut self, css: &str) -> Result<()> {
        self.follow(css).await
    }

    /// Sign in from the login page (opening it through the navigation unless already there).
    async fn sign_in(&mut self, account: (&str, &str)) -> Result<()> {
        if self.path().await? != "/login" {
            self.follow(".site-nav a[href='/login']").await?;
        }
        self.type_into("#email", account.0).await?;
        self.type_into("#password", account.1).await?;
        self.submit("#login-form button[type=submit]").await?;
        self.expect_path("/dashboard")
            .await
            .with_context(|| format!("signing in as {}", account.0))?;
        ensure!(
            self.find("#logout-form").await.is_ok(),
            "signed in as {}",
            account.0
        );
        Ok(())
    }

    async fn sign_out(&mut self) -> Result<()> {
        self.submit("#logout-form button").await?;
        ensure!(
            self.client
                .find(Locator::Css("#logout-form"))
                .await
                .is_err(),
            "signed out"
        );
        self.find(".site-nav a[href='/login']").await?;
        Ok(())
    }

    /// Remember the current document, so `wait_for_new_page` can tell when it is replaced.
    async fn mark_page(&self) -> Result<()> {
        self.client
            .execute("window.__erabareruOldPage = true; return null;", vec![])
            .await
            .context("marking the current page")?;
        Ok(())
    }

    /// Wait until the page marked by `mark_page` has been replaced and the new one loaded.
    async fn wait_for_new_page(&self) -> Result<()> {
        self.wait_until(
            "the next page to load",
            "return window.__erabareruOldPage !== true && document.readyState === 'complete';",
        )
        .await
    }

    // --- Checks -------------------------------------------------------------------------

    /// Run axe on the current page, then the two width rules: at 1280 px no table is
    /// wider than its box, at 375 px the page does not scroll sideways.
    async fn check(&mut self, name: &str) -> Result<()> {
        assert_accessible(self.client, name).await?;
        let (w, h) = self.client.get_window_size().await?;
        set_viewport(self.client, 1280, 900).await?;
        let over = self
            .client
            .execute(
                "let worst = 0, where = '';\n\
                 for (const t of document.querySelectorAll('table')) {\n\
                   const over = t.scrollWidth - t.parentElement.clientWidth;\n\
                   if (over > worst) { worst = over; where = (t.querySelector('caption') || t).textContent.trim().slice(0, 60); }\n\
                 }\n\
                 return [worst, where];",
                vec![],
            )
            .await?;
        ensure!(
            over[0].as_f64().unwrap_or(0.0) <= 0.0,
            "{name}: at 1280 px the table \"{}\" is {} px wider than its box",
            over[1].as_str().unwrap_or(""),
            over[0]
        );
        set_viewport(self.client, 375, 812).await?;
        self.expect_no_horizontal_scroll()
            .await
            .with_context(|| format!("{name} at 375 px"))?;
        set_viewport(self.client, w as u32, h as u32).await?;
        self.checked.push(name.to_string());
        Ok(())
    }

    async fn path(&self) -> Result<String> {
        Ok(self.client.current_url().await?.path().to_string())
    }

    async fn expect_path(&self, expected: &str) -> Result<()> {
        let path = self.path().await?;
        if path != expected {
            bail!("expected to be on {expected}, but the browser is on {path}");
        }
        Ok(())
    }

    async fn expect_lang(&self, lang: &str) -> Result<()> {
        let actual = self
            .client
            .execute("return document.documentElement.lang;", vec![])
            .await?;
        ensure!(
            actual == json!(lang),
            "expected <html lang=\"{lang}\">, got {actual}"
        );
        Ok(())
    }

    /// Both style sheets applied (axe's contrast checks are only meaningful with them).
    async fn expect_styles_loaded(&self) -> Result<()> {
        let loaded = self
            .client
            .execute(
                "var links = Array.from(document.querySelectorAll('link[rel=stylesheet]'));\n\
                 return links.length >= 2 && links.every(function (l) {\n\
                     try { return !!l.sheet && l.sheet.cssRules.length > 0; } catch (e) { return false; }\n\
                 });",
                vec![],
            )
            .await?;
        ensure!(
            loaded == json!(true),
            "the page's style sheets did not load"
        );
        Ok(())
    }

    /// The first Tab shows the skip link with a visible focus indicator; Enter on it moves
    /// focus to the main content (WCAG 2.4.1, 2.4.7).
    async fn expect_skip_link_works(&self) -> Result<()> {
        self.press(Key::Tab).await?;
        let focused = self
            .client
            .execute(
                "var a = document.activeElement, r = a.getBoundingClientRect(), s = getComputedStyle(a);\n\
                 return { skip: a.classList.contains('skip-link'), w: r.width, h: r.height,\n\
                          top: r.top, left: r.left, outline: s.outlineStyle };",
                vec![],
            )
            .await?;
        ensure!(
            focused["skip"] == json!(true),
            "the first Tab focuses the skip link ({focused})"
        );
        let number = |key: &str| focused[key].as_f64().unwrap_or(-1.0);
        ensure!(
            number("w") > 1.0 && number("h") > 1.0 && number("top") >= 0.0 && number("left") >= 0.0,
            "the focused skip link is visible ({focused})"
        );
        ensure!(
            focused["outline"] != json!("none"),
            "the focused skip link has a focus outline ({focused})"
        );
        self.press(Key::Enter).await?;
        self.wait_until(
            "the skip link to move focus to the main content",
            "return document.activeElement === document.getElementById('main');",
        )
        .await
    }

    /// Press and release `key` in the focused element.
    async fn press(&self, key: Key) -> Result<()> {
        let keyboard = KeyActions::new("keyboard".to_string())
            .then(KeyAction::Down { value: key.into() })
            .then(KeyAction::Up { value: key.into() });
        self.client
            .perform_actions(keyboard)
            .await
            .context("pressing a key")?;
        Ok(())
    }

    /// WCAG 1.4.10 Reflow: nothing wider than the viewport.
    async fn expect_no_horizontal_scroll(&self) -> Result<()> {
        let widths = self
            .client
            .execute(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];",
                vec![],
            )
            .await?;
        let (Some(scroll), Some(visible)) = (widths[0].as_u64(), widths[1].as_u64()) else {
            bail!("unexpected page widths {widths}");
        };
        ensure!(
            scroll <= visible,
            "the page scrolls sideways at phone width (scrollWidth {scroll} > clientWidth {visible})"
        );
        Ok(())
    }

    /// The workspace's signings table has a row for `declaration` with the badge `badge`.
    async fn expect_signing_row(&self, declaration: &str, badge: &str) -> Result<()> {
        let rows = self
            .client
            .find_all(Locator::Css("#signings-table tbody tr"))
            .await?;
        for row in rows {
            if row.text().await?.contains(declaration) {
                row.find(Locator::Css(badge))
                    .await
                    .with_context(|| format!("the {declaration} row shows {badge}"))?;
                return Ok(());
            }
        }
        bail!("no row for {declaration} in #signings-table")
    }

    // --- Elements -----------------------------------------------------------------------

    /// Wait up to `WAIT` for the element `css`.
    async fn find(&self, css: &str) -> Result<Element> {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .with_context(|| format!("waiting for {css}"))
    }

    async fn text(&self, css: &str) -> Result<String> {
        Ok(self.find(css).await?.text().await?)
    }

    async fn value(&self, css: &str) -> Result<String> {
        Ok(self
            .find(css)
            .await?
            .prop("value")
            .await?
            .unwrap_or_default())
    }

    async fn attr(&self, css: &str, name: &str) -> Result<String> {
        Ok(self.find(css).await?.attr(name).await?.unwrap_or_default())
    }

    /// Replace the value of the input `css` by typing `text`.
    async fn type_into(&self, css: &str, text: &str) -> Result<()> {
        let field = self.find(css).await?;
        field.clear().await?;
        field
            .send_keys(text)
            .await
            .with_context(|| format!("typing into {css}"))?;
        Ok(())
    }

    /// The value of the `#declaration_id` option whose label contains `title`.
    async fn option_value_containing(&self, title: &str) -> Result<String> {
        let options = self
            .find("#declaration_id")
            .await?
            .find_all(Locator::Css("option"))
            .await?;
        for option in options {
            if option.text().await?.contains(title) {
                return option
                    .attr("value")
                    .await?
                    .filter(|v| !v.is_empty())
                    .ok_or_else(|| anyhow!("the {title} option has no value"));
            }
        }
        bail!("{title} is not offered in #declaration_id")
    }

    /// The review item for `org`'s `declaration`.
    /// (The page must have loaded: this does not wait.)
    async fn review_item(&self, org: &str, declaration: &str) -> Result<Element> {
        for item in self
            .client
            .find_all(Locator::Css("section.review-item"))
            .await?
        {
            let heading = item.find(Locator::Css("h2")).await?.text().await?;
            if heading.contains(org) && heading.contains(declaration) {
                return Ok(item);
            }
        }
        bail!("no pending review for {org} — {declaration} on /review")
    }

    /// The registry link to `org`'s public page.
    async fn declarer_link(&self, org: &str) -> Result<Element> {
        self.find("#registry-results").await?;
        for link in self
            .client
            .find_all(Locator::Css(
                "#registry-results li.declarer a.declarer__name",
            ))
            .await?
        {
            if link.text().await?.trim() == org {
                return Ok(link);
            }
        }
        bail!("{org} is not listed in #registry-results")
    }

    /// Poll `script` (returning a boolean) until it is true, for up to `WAIT`.
    async fn wait_until(&self, what: &str, script: &str) -> Result<()> {
        let deadline = Instant::now() + WAIT;
        loop {
            // A navigation in progress can make the script fail; keep polling.
            if let Ok(Value::Bool(true)) = self.client.execute(script, vec![]).await {
                return Ok(());
            }
            if Instant::now() >= deadline {
                bail!("timed out after {WAIT:?} waiting for {what}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// The leader course: the demo member fills in the third worksheet, sees the draft
/// saved as they type (htmx, no inline script), submits it; the demo consultant
/// reads it and comments; once complete, the member opens the certificate. Every
/// page passes axe and the width rules.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn course_worksheet_autosaves_submits_and_gets_a_comment() -> Result<()> {
    let app = spawn_demo(Backend::Sqlite).await;
    let store = app.store();
    let region = store.region_by_code("072095").await?.id;
    let course = store.courses_in_region(region).await?[0].id;
    let sessions = store.course_sessions(course).await?;
    let member_user = store
        .user_by_email(support::MEMBER.0)
        .await?
        .context("the demo member")?
        .id;
    let participant = store
        .course_participants(course)
        .await?
        .into_iter()
        .find(|p| p.user_id == member_user)
        .context("the member takes part")?;
    let third = &sessions[2];
    let sheet = format!(
        "/courses/{course}/participants/{}/sessions/{}",
        participant.id, third.id
    );
    let browser = Browser::start()
        .await
        .context("starting headless Chromium (the browser tests need chromium and chromedriver)")?;
    let mut journey = Journey {
        app: &app,
        client: &browser.client,
        checked: Vec::new(),
    };
    let outcome = async {
        let j = &mut journey;
        j.open("/login").await?;
        j.sign_in(support::MEMBER).await?;
        j.follow(&format!("a[href='{sheet}']")).await?;
        j.expect_path(&sheet).await?;
        ensure!(
            j.text("#draft-status").await?.trim().is_empty(),
            "nothing saved yet"
        );
        j.type_into("#management", "月例の経営会議で、残業と採用の数字を示して説明する")
            .await?;
        j.type_into("#team-0-name", "遠藤 健一").await?;
        j.wait_until(
            "the draft to be saved as the member types",
            "return document.getElementById('draft-status').textContent.indexOf('下書きを保存しました') >= 0;",
        )
        .await?;
        let draft = app
            .store()
            .worksheet(participant.id, third.id)
            .await?
            .context("a worksheet row")?;
        ensure!(draft.draft.is_some() && draft.revisions == 0, "a draft, no revision");
        j.check("the worksheet with its draft saved").await?;
        j.submit("#submit-worksheet").await?;
        ensure!(
            j.text("#flash").await?.contains("第1版を提出しました"),
            "the submission is confirmed"
        );
        j.follow("a[href$='/history']").await?;
        j.sign_out().await?;

        j.sign_in(support::CONSULTANT).await?;
        j.open(&format!("/courses/{course}")).await?;
        j.open(&sheet).await?;
        j.type_into("#comment-body", "推進チームに現場の人も入れましょう。")
            .await?;
        j.submit("form[action$='/comments'] button[type=submit]").await?;
        ensure!(
            j.text("#comments").await?.contains("推進チームに現場の人も入れましょう。"),
            "the comment is shown"
        );
        j.sign_out().await?;

        // Attended every session: the course is complete, the certificate printable.
        for s in &sessions {
            app.store()
                .set_session_attendance(s.id, &[participant.id], &store::audit::Actor::default())
                .await?;
        }
        j.sign_in(support::MEMBER).await?;
        j.open(&format!("/courses/{course}")).await?;
        j.follow("#my-worksheets a[href$='/certificate']").await?;
        ensure!(
            j.text(".certificate").await?.contains("令和9年1月21日"),
            "the certificate is dated in 和暦"
        );
        Ok::<(), anyhow::Error>(())
    }
    .await;
    if let Err(e) = &outcome {
        let base = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join("browser-failures")
            .join("course-failure");
        if screenshot(&browser.client, base.with_extension("png"))
            .await
            .is_ok()
            && let Ok(html) = browser.client.source().await
        {
            let _ = std::fs::write(base.with_extension("html"), html);
        }
        eprintln!("course journey failed: {e:#}");
    }
    browser.close().await?;
    outcome
}

/// Consultant engagements (伴走支援): the consultant opens their engagement from
/// the dashboard, records a カエル会議 with an action, and opens the final report;
/// every page through axe and the width checks.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consultant_records_a_meeting_and_opens_the_report() -> Result<()> {
    let app = spawn_demo(Backend::Sqlite).await;
    let store = app.store();
    let org = app.org_id(HAMANASU).await;
    let region = store.region_by_code("072095").await?.id;
    let consultant = store
        .user_by_email(support::CONSULTANT.0)
        .await?
        .ok_or_else(|| anyhow!("no demo consultant"))?
        .id;
    let id = store
        .create_engagement(
            region,
            org,
            &[consultant],
            &store::engagements::EngagementFields {
                status: domain::engagement::EngagementStatus::Active,
                starts_on: jiff::civil::date(2026, 6, 1),
                ends_on: jiff::civil::date(2026, 10, 31),
                vision: "誰もが定時に帰れる職場".into(),
                team: domain::engagement::parse_team("遠藤 健一｜推進リーダー")?,
            },
            &store::audit::Actor::default(),
        )
        .await?;
    store
        .set_engagement_access(id, true, false, &store::audit::Actor::default())
        .await?;
    let browser = Browser::start()
        .await
        .context("starting headless Chromium (the browser tests need chromium and chromedriver)")?;
    let mut journey = Journey {
        app: &app,
        client: &browser.client,
        checked: Vec::new(),
    };
    let outcome = journey.run_engagement(id).await;
    browser.close().await?;
    outcome
}

impl Journey<'_> {
    async fn run_engagement(&mut self, id: i64) -> Result<()> {
        self.open("/login").await?;
        self.sign_in(support::CONSULTANT).await?;
        self.open("/dashboard").await?;
        self.follow(&format!("#dash-engagements a[href='/engagements/{id}']"))
            .await?;
        self.expect_path(&format!("/engagements/{id}")).await?;
        self.follow("#record-meeting").await?;
        // Date inputs take their value as a date, not as typed text.
        self.client
            .execute(
                "document.querySelector('#held_on').value = '2026-06-10';\
                 document.querySelector('#due_on').value = '2026-06-24';",
                vec![],
            )
            .await?;
        self.type_into("#participants", "遠藤、菅野、高橋").await?;
        self.type_into("#agenda", "残業の現状を共有する").await?;
        self.type_into("#issue", "製造部の残業が多い").await?;
        self.type_into("#cause", "会議が長い").await?;
        self.type_into("#action", "定例会議を30分にする").await?;
        self.type_into("#owner", "製造部長").await?;
        self.submit("main form.form button[type='submit']").await?;
        let decided = self.text("#decided").await?;
        ensure!(
            decided.contains("定例会議を30分にする") && decided.contains("期限切れ"),
            "the meeting page shows the action, overdue in words: {decided}"
        );
        self.open(&format!("/engagements/{id}")).await?;
        self.follow("#report-link").await?;
        let report = self.text("#engagement-report").await?;
        ensure!(
            report.contains("最終報告書") && report.contains("定例会議を30分にする"),
            "the final report: {report}"
        );
        Ok(())
    }
}

/// 朝メール・夜メール on a phone: the member changes today's plan (a row added by
/// the page's script), reports the day with an unplanned block while the draft
/// saves itself, the team's leader comments on it, and the member opens the
/// team's 予実差; every page through axe and the width checks.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_day_is_planned_and_reported_on_a_phone_and_a_teammate_comments() -> Result<()> {
    let app = spawn_demo(Backend::Sqlite).await;
    let org = app.org_id(HAMANASU).await;
    let browser = Browser::start()
        .await
        .context("starting headless Chromium (the browser tests need chromium and chromedriver)")?;
    set_viewport(&browser.client, 375, 812).await?;
    let mut journey = Journey {
        app: &app,
        client: &browser.client,
        checked: Vec::new(),
    };
    let outcome = journey.run_daily(org).await;
    if let Err(e) = &outcome {
        let base = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join("browser-failures")
            .join("daily-failure");
        if screenshot(&browser.client, base.with_extension("png"))
            .await
            .is_ok()
            && let Ok(html) = browser.client.source().await
        {
            let _ = std::fs::write(base.with_extension("html"), html);
        }
        eprintln!("daily journey failed: {e:#}");
    }
    browser.close().await?;
    outcome
}

impl Journey<'_> {
    /// Set a time input as a person picking a time would (the picker's
    /// keyboard differs by the browser's locale), firing its input event.
    async fn set_time(&self, css: &str, value: &str) -> Result<()> {
        let field = self.find(css).await?;
        self.client
            .execute(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', { bubbles: true })); return null;",
                vec![serde_json::to_value(&field)?, json!(value)],
            )
            .await
            .with_context(|| format!("setting {css}"))?;
        Ok(())
    }

    async fn run_daily(&mut self, org: i64) -> Result<()> {
        let j = self;
        j.open("/login").await?;
        j.sign_in(support::MEMBER).await?;
        j.open(&format!("/orgs/{org}")).await?;
        j.follow("#daily-link").await?;
        j.follow("#edit-plan").await?;
        // The page's own 「行を追加」 adds a row in place (no reload).
        let rows = "return document.querySelectorAll('#plan-form [data-block-row]').length;";
        let before = j.client.execute(rows, vec![]).await?.as_u64().unwrap_or(0);
        j.find("#plan-form [data-add-row]").await?.click().await?;
        let after = j.client.execute(rows, vec![]).await?.as_u64().unwrap_or(0);
        ensure!(after == before + 1, "one row added: {before} → {after}");
        let i = before;
        j.set_time(&format!("#start_{i}"), "17:15").await?;
        j.set_time(&format!("#end_{i}"), "18:00").await?;
        j.type_into(&format!("#task_{i}"), "月次の集計").await?;
        j.wait_until(
            "the planned end to follow the rows",
            "return document.querySelector('#plan-form [data-day-end-value]').textContent === '18:00' && !document.querySelector('#plan-form [data-day-end-over]').hidden;",
        )
        .await?;
        j.check("the plan with a row added").await?;
        j.submit("#save-plan").await?;
        ensure!(
            j.text("#flash")
                .await?
                .contains("朝メールをチームに共有しました"),
            "the plan is shared"
        );
        // The evening: the last block ran late and a call came in.
        j.type_into("#rtask_7", "取引先からの急ぎの電話").await?;
        j.set_time("#rstart_7", "18:00").await?;
        j.set_time("#rend_7", "18:20").await?;
        j.find("input[name='unplanned_7']").await?.click().await?;
        j.type_into("#reflection", "集計は明日の午前に回せばよかった。")
            .await?;
        j.wait_until(
            "the report's draft to be saved while typing",
            "return document.querySelector('#report-form [data-draft-status]').textContent.indexOf('下書きを保存しました') >= 0;",
        )
        .await?;
        j.check("the report with its draft saved").await?;
        j.submit("#save-report").await?;
        ensure!(
            j.text("#flash").await?.contains("夜メールを共有しました"),
            "the report is shared"
        );
        ensure!(
            j.text("#report").await?.contains("取引先からの急ぎの電話"),
            "the report shows the unplanned block"
        );
        j.sign_out().await?;

        // At phone width the sign-in link is in the menu: open the page itself.
        j.open("/login").await?;
        j.sign_in(HR).await?;
        j.open(&format!("/orgs/{org}/daily/team")).await?;
        ensure!(j.find("#leader").await.is_ok(), "the leader's view");
        let member = j
            .app
            .store()
            .user_by_email(support::MEMBER.0)
            .await?
            .context("the demo member")?
            .id;
        let day = j
            .app
            .store()
            .asa_day(org, member, "2026-12-01")
            .await?
            .context("the member's day")?
            .id;
        j.type_into(&format!("#comment-{day}"), "集計、明日一緒にやりましょう。")
            .await?;
        j.submit(&format!("#day-{day} button[value='comment']"))
            .await?;
        ensure!(
            j.text(&format!("#day-{day}"))
                .await?
                .contains("集計、明日一緒にやりましょう。"),
            "the comment is under the member's day"
        );
        j.sign_out().await?;

        j.open("/login").await?;
        j.sign_in(support::MEMBER).await?;
        j.open(&format!("/orgs/{org}/daily/notifications")).await?;
        ensure!(
            j.text("#notifications").await?.contains("コメントしました"),
            "the member is told"
        );
        j.open(&format!("/orgs/{org}/daily/analytics?scope=team"))
            .await?;
        ensure!(
            j.text("#figure-daily_plan_gap").await?.contains('分'),
            "the team's 予実差 is shown"
        );
        j.find("#category-table").await?;
        j.find("#week-table").await?;
        Ok(())
    }
}

/// 組織診断 from invitation to results: HR opens a round and sends it by mail,
/// an employee answers on a phone by the link, more answers come in, HR
/// closes the round and reads the scores; then a life-event card session
/// turns a gap into an action. Every page through axe and the width checks.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_survey_round_and_a_card_workshop_run_in_the_browser() -> Result<()> {
    let app = spawn_demo(Backend::Sqlite).await;
    let org = app.org_id(HAMANASU).await;
    let browser = Browser::start()
        .await
        .context("starting headless Chromium (the browser tests need chromium and chromedriver)")?;
    let mut journey = Journey {
        app: &app,
        client: &browser.client,
        checked: Vec::new(),
    };
    let outcome = async {
        journey.run_survey(org).await?;
        journey.run_workshop(org).await
    }
    .await;
    if let Err(e) = &outcome {
        let base = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join("browser-failures")
            .join("practice-failure");
        if screenshot(&browser.client, base.with_extension("png"))
            .await
            .is_ok()
            && let Ok(html) = browser.client.source().await
        {
            let _ = std::fs::write(base.with_extension("html"), html);
        }
        eprintln!("practice tools journey failed: {e:#}");
    }
    browser.close().await?;
    outcome
}

impl Journey<'_> {
    async fn run_survey(&mut self, org: i64) -> Result<()> {
        let j = self;
        j.open("/login").await?;
        j.sign_in(HR).await?;
        j.open(&format!("/orgs/{org}")).await?;
        j.follow("#org-survey-link").await?;
        j.type_into("#title", "伴走支援の後").await?;
        j.submit("#open-round").await?;
        ensure!(
            j.text("#flash").await?.contains("回答の受付を始めました"),
            "the round is open"
        );
        let link = j.value("#answer-link").await?;
        j.submit("#send-invites").await?;
        ensure!(
            j.text("#flash").await?.contains("案内メールを"),
            "invitations sent"
        );
        j.sign_out().await?;

        // An employee answers on a phone, without an account.
        set_viewport(j.client, 375, 812).await?;
        let path = link[link.find("/s/").context("the link's path")?..].to_string();
        j.open(&path).await?;
        j.client
            .execute(
                "document.querySelector('input[name=department][value=d1]').click();\
                 document.querySelectorAll('fieldset.scale-question').forEach(f => {\
                   const four = f.querySelector('input[value=\"4\"]'); if (four) four.click(); });\
                 return null;",
                vec![],
            )
            .await?;
        j.type_into("#good", "困ったときにすぐ相談できる").await?;
        j.check("the answer form filled in on a phone").await?;
        j.submit("#send-answer").await?;
        ensure!(
            j.text("#thanks").await?.contains("職場づくりに活かします"),
            "the answer is thanked"
        );
        // Five more answers arrive.
        let round = j
            .app
            .store()
            .org_survey_rounds(survey::diagnosis::CODE, org)
            .await?
            .into_iter()
            .find(|r| r.is_open())
            .context("the open round")?;
        let setup = survey::diagnosis::Setup::from_json(
            &j.app.store().org_survey_setup(round.id).await?.setup,
        )
        .context("its setup")?;
        let q = survey::diagnosis::questionnaire(&setup);
        let mut more = Vec::new();
        for points in ["3", "4", "5", "4", "3"] {
            let mut pairs: Vec<(String, String)> = vec![("department".into(), "d1".into())];
            for it in &survey::diagnosis::ITEMS {
                pairs.push((it.key.into(), points.into()));
            }
            more.push(q.validate(&pairs).map_err(|e| anyhow!("{e:?}"))?.to_json());
        }
        j.app.store().submit_survey_answers(round.id, &more).await?;
        set_viewport(j.client, 1280, 900).await?;

        j.open("/login").await?;
        j.sign_in(HR).await?;
        j.open(&format!("/orgs/{org}/survey/{}", round.id)).await?;
        // The close button asks first; the test answers yes.
        j.client
            .execute("window.confirm = () => true; return null;", vec![])
            .await?;
        j.submit("#close-round").await?;
        ensure!(j.text("#flash").await?.contains("締め切りました"), "closed");
        ensure!(
            j.text("#score-table").await?.contains("働きやすさ"),
            "the scores by area"
        );
        j.find("figure.chart-figure svg").await?;
        ensure!(
            j.text("body").await?.contains("このグループの回答：6件"),
            "six answers"
        );
        j.sign_out().await?;
        Ok(())
    }

    async fn run_workshop(&mut self, org: i64) -> Result<()> {
        let j = self;
        set_viewport(j.client, 375, 812).await?;
        j.open("/login").await?;
        j.sign_in(support::MEMBER).await?;
        j.open(&format!("/orgs/{org}")).await?;
        j.follow("#workshop-link").await?;
        j.type_into("#title", "製造課のカードワーク").await?;
        j.type_into("#members", "菅野 彩\n佐藤 大輔\n鈴木 美咲")
            .await?;
        j.submit("#create-workshop").await?;
        j.submit("#deal-card").await?;
        ensure!(
            j.text("#card").await?.contains("さんのカード"),
            "a card is dealt to a member"
        );
        let record = j.find("form[id^='record-']").await?;
        let id = record.attr("id").await?.unwrap_or_default();
        let deal = id.trim_start_matches("record-").to_string();
        j.find(&format!("#record-{deal} input[value='handover']"))
            .await?
            .click()
            .await?;
        j.type_into(&format!("#cover-{deal}"), "出荷前検査｜鈴木さん")
            .await?;
        j.submit(&format!("#save-record-{deal}")).await?;
        ensure!(j.text("#flash").await?.contains("記録しました"), "recorded");
        j.submit(&format!("#deal-{deal} .gap-action button[value='team']"))
            .await?;
        ensure!(
            j.text("#flash")
                .await?
                .contains("チームの取り組みに加えました"),
            "the gap became an action"
        );
        ensure!(
            j.text(&format!("#deal-{deal} .gap-action"))
                .await?
                .contains("1枚にまとめ"),
            "the suggested action is listed"
        );
        Ok(())
    }
}
