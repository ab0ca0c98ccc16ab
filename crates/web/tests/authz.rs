//! Every route, walked with every role (and signed out), on SQLite and PostgreSQL.
//! Allowed requests must not be refused; refused ones must be a redirect to the
//! sign-in page (signed out), 404 on an organization's pages for a user who may not
//! see that organization (as for a missing one), else 403. This includes one
//! organization's admin trying another organization's pages.

mod support;

use store::both_backends;
use support::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Who {
    Anonymous,
    Admin,
    Staff,
    Hr,
    Member,
    Consultant,
    OtherOrgAdmin,
}

const EVERYONE: &[Who] = &[
    Who::Anonymous,
    Who::Admin,
    Who::Staff,
    Who::Hr,
    Who::Member,
    Who::Consultant,
    Who::OtherOrgAdmin,
];

use Who::*;

/// Route, method, who may use it.
struct Case {
    method: &'static str,
    path: String,
    allowed: &'static [Who],
    form: Vec<(&'static str, String)>,
}

fn get(path: String, allowed: &'static [Who]) -> Case {
    Case {
        method: "GET",
        path,
        allowed,
        form: Vec::new(),
    }
}

fn post(path: String, allowed: &'static [Who], form: &[(&'static str, &str)]) -> Case {
    Case {
        method: "POST",
        path,
        allowed,
        form: form.iter().map(|(k, v)| (*k, v.to_string())).collect(),
    }
}

const SIGNED_IN: &[Who] = &[Admin, Staff, Hr, Member, Consultant, OtherOrgAdmin];

/// An organization's aggregates while it does not share them with its region: region
/// staff get the polite 403 page (see `no_employee_row_reaches_anyone_but_hr` for
/// sharing on).
const AGGREGATES: &[Who] = &[Admin, Hr, Member];

async fn member_user_early(store: &store::Store) -> i64 {
    store.user_by_email(MEMBER.0).await.unwrap().unwrap().id
}

async fn walk(app: TestApp) {
    let store = app.store();
    let hamanasu = app.org_id("はまなすケミカル株式会社").await;
    // Another organization with its own admin.
    let other = store
        .list_organizations()
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.org_type == "company" && o.id != hamanasu)
        .unwrap()
        .id;
    let hash = web::auth::password::hash("other admin password")
        .await
        .unwrap();
    let other_admin = store
        .create_user("other@demo.example.jp", "Other", Some(&hash))
        .await
        .unwrap();
    store
        .grant_role(other_admin, "org_admin", None, Some(other))
        .await
        .unwrap();
    // A spare user for the admin's state-changing user routes.
    let spare = store
        .create_user("spare@demo.example.jp", "Spare", None)
        .await
        .unwrap();
    // The walk expects the default: aggregates not shared with the city (the
    // demo company shares them; sharing on is walked in the test below).
    store
        .set_share_aggregates_with_region(hamanasu, false)
        .await
        .unwrap();
    let pending = store.pending_signings(None).await.unwrap()[0].id;
    let public_org = store.registry_entries_of_org(hamanasu).await.unwrap()[0].org_id;
    let declaration = store.declarations().await.unwrap()[0].id;
    let job = store
        .create_import_job(
            hamanasu,
            2026,
            "{}",
            "canonical",
            false,
            &[(
                "attendance.csv".to_string(),
                b"employee_id,date\nE1,2026-04-01\n".to_vec(),
            )],
            &["attendance.csv".to_string()],
            None,
        )
        .await
        .unwrap();

    // A teammate's day of the demo's 製造課 today, for the comment route.
    let team_day = {
        let (team, _) = store
            .asa_team_of(hamanasu, member_user_early(store).await)
            .await
            .unwrap()
            .unwrap();
        store.asa_team_days(team.id, "2026-12-01").await.unwrap()[0].id
    };
    // The demo's closed 組織診断 round and its answering link.
    let survey_round = store
        .org_survey_rounds(survey::diagnosis::CODE, hamanasu)
        .await
        .unwrap()[0]
        .id;
    let survey_token = store.org_survey_setup(survey_round).await.unwrap().token;
    // A card session of the organization, with one card dealt.
    let workshop = store
        .create_workshop(hamanasu, "カードワーク", &["甲".into(), "乙".into()], None)
        .await
        .unwrap();
    let workshop_deal = store
        .deal_card(
            workshop,
            &domain::workshop::Card {
                title: "親の介護".into(),
                prompt: "週2日早く帰る".into(),
            },
            "甲",
        )
        .await
        .unwrap();
    // A draft event: only the region's staff may know of it (others get 404).
    let region_id = store.region_by_code("072095").await.unwrap().id;
    let published_event = store.public_events(None).await.unwrap()[0].id;
    let mut draft = store.event(published_event).await.unwrap().fields;
    draft.status = domain::event::EventStatus::Draft;
    let draft_event = store
        .create_event(region_id, &draft, &store::audit::Actor::default())
        .await
        .unwrap();

    // The demo's leader course: the member takes part, the consultant facilitates.
    let course = store.courses_in_region(region_id).await.unwrap()[0].id;
    let first_session = store.course_sessions(course).await.unwrap()[0].id;
    let member_user = store.user_by_email(MEMBER.0).await.unwrap().unwrap().id;
    let member_p = store
        .course_participants(course)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.user_id == member_user)
        .unwrap()
        .id;
    let sheet = format!("/courses/{course}/participants/{member_p}/sessions/{first_session}");
    // An engagement of the HR's company with the demo consultant, opening
    // nothing: the consultant sees the engagement, not the company's figures.
    let consultant_id = store.user_by_email(CONSULTANT.0).await.unwrap().unwrap().id;
    let engagement = store
        .create_engagement(
            region_id,
            hamanasu,
            &[consultant_id],
            &engagement_fields(),
            &store::audit::Actor::default(),
        )
        .await
        .unwrap();
    let meeting = store
        .record_meeting(
            engagement,
            &store::engagements::MeetingFields {
                held_on: jiff::civil::date(2026, 11, 4),
                participants: "推進チーム".into(),
                agenda: "議題".into(),
                minutes: String::new(),
            },
            &[],
            &store::audit::Actor::default(),
        )
        .await
        .unwrap();
    let action = store
        .add_engagement_action(
            engagement,
            &open_action(None),
            &store::audit::Actor::default(),
        )
        .await
        .unwrap();

    let mut clients = Vec::new();
    for who in EVERYONE {
        let c = match who {
            Anonymous => app.client(),
            Admin => app.signed_in(ADMIN).await,
            Staff => app.signed_in(STAFF).await,
            Hr => app.signed_in(HR).await,
            Member => app.signed_in(MEMBER).await,
            Consultant => app.signed_in(CONSULTANT).await,
            OtherOrgAdmin => {
                app.signed_in(("other@demo.example.jp", "other admin password"))
                    .await
            }
        };
        clients.push((*who, c));
    }

    // A published news item and a draft one: the draft is for the staff alone.
    let published_news = store.latest_news(region_id, 1).await.unwrap()[0].id;
    // The residents' survey: the demo's closed round (closing it again
    // changes nothing).
    let closed_round = store
        .survey_rounds("residents", region_id)
        .await
        .unwrap()
        .into_iter()
        .find(|r| !r.is_open())
        .unwrap()
        .id;
    let draft_news = store
        .save_news(
            region_id,
            None,
            &store::regions::NewsInput {
                published_on: "2026-12-01".into(),
                title_ja: "下書きのお知らせ".into(),
                title_en: String::new(),
                body_ja: String::new(),
                body_en: String::new(),
                status: domain::news::NewsStatus::Draft,
            },
            &store::audit::Actor::default(),
        )
        .await
        .unwrap();

    let koyo = app.org_id("光陽プレシジョン株式会社").await;
    let workplace_proposal = store
        .pending_workplace_proposal(koyo)
        .await
        .unwrap()
        .expect("the demo's pending workplace profile")
        .id;

    let demo_postings = store.postings_of_org(hamanasu).await.unwrap();
    let demo_posting = demo_postings[0].id;
    let closed_posting = demo_postings
        .iter()
        .find(|p| p.status == store::postings::PostingStatus::Closed)
        .expect("the demo's closed posting")
        .id;

    let inquiry = store.inquiries_of_org(hamanasu).await.unwrap()[0].id;

    // Case stories: the demo's published region story and the one in review,
    // and a draft of the company's own.
    let region_story = store
        .published_stories(Some(region_id), None, 10)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.org_id.is_none())
        .expect("the demo's region story")
        .id;
    let story_in_review = store.stories_in_review(Some(region_id)).await.unwrap()[0].id;
    let draft_story = store
        .save_story(
            None,
            store::stories::StoryOwner {
                region_id,
                org_id: Some(hamanasu),
            },
            &store::stories::StoryText {
                title_ja: "下書きの事例".into(),
                ..store::stories::StoryText::default()
            },
            domain::story::StoryStatus::Draft,
            "2026-12-01",
            &store::audit::Actor::default(),
            |_| Vec::new(),
        )
        .await
        .unwrap();

    let h = hamanasu;
    // Who may see each organization's pages: the others get 404 there.
    let sees = |path: &str, who: Who| -> bool {
        if path.starts_with(&format!("/orgs/{h}"))
            || path == "/care/tell"
            || path.starts_with(&format!("/inquiries/{inquiry}"))
            || path.starts_with(&format!("/jobs/{demo_posting}/"))
            || path.starts_with(&format!("/jobs/{closed_posting}/"))
        {
            [Admin, Staff, Hr, Member].contains(&who)
        } else if path.starts_with(&format!("/events/{draft_event}"))
            || path.starts_with(&format!("/news/{draft_news}"))
            || path.starts_with(&format!("/stories/{story_in_review}"))
        {
            [Admin, Staff].contains(&who)
        } else if path.starts_with(&format!("/stories/{draft_story}")) {
            [Admin, Hr].contains(&who)
        } else if path.starts_with(&format!("/courses/{course}/participants/")) {
            // A worksheet: the participant, their HR, facilitators, staff; the
            // certificate: not the facilitators.
            if path.ends_with("/certificate") {
                [Staff, Hr, Member].contains(&who)
            } else {
                [Staff, Hr, Member, Consultant].contains(&who)
            }
        } else if path.starts_with(&format!("/courses/{course}")) {
            [Admin, Staff, Member, Consultant].contains(&who)
        } else if path.starts_with(&format!("/engagements/{engagement}")) {
            [Admin, Staff, Hr, Member, Consultant].contains(&who)
        } else if path.starts_with(&format!("/orgs/{other}")) {
            [Admin, Staff, OtherOrgAdmin].contains(&who)
        } else {
            true
        }
    };
    let cases = vec![
        // Public pages.
        get("/".into(), EVERYONE),
        get("/regions/072095".into(), EVERYONE),
        get("/declarations".into(), EVERYONE),
        get("/declarations/women-reemployment".into(), EVERYONE),
        get(format!("/declarers/{public_org}"), EVERYONE),
        get("/declarations/feed.atom".into(), EVERYONE),
        get("/declarations.csv".into(), EVERYONE),
        get("/declarations.json".into(), EVERYONE),
        get("/login".into(), EVERYONE),
        get("/sitemap.xml".into(), EVERYONE),
        get("/robots.txt".into(), EVERYONE),
        get("/open-data".into(), EVERYONE),
        get("/open-data/figures.csv".into(), EVERYONE),
        get("/open-data/jobs.json".into(), EVERYONE),
        // The JSON API: public, the same for everyone.
        get("/api/v1/openapi.json".into(), EVERYONE),
        get("/api/v1/workplaces".into(), EVERYONE),
        get(format!("/api/v1/workplaces/{hamanasu}"), EVERYONE),
        get("/api/v1/jobs?q=事務".into(), EVERYONE),
        get(format!("/api/v1/jobs/{demo_posting}"), EVERYONE),
        get("/api/v1/figures".into(), EVERYONE),
        get("/api/v1/declarations".into(), EVERYONE),
        get("/api/v1/events?period=all".into(), EVERYONE),
        get("/api/v1/regions".into(), EVERYONE),
        // 求人: public search and pages; written by the company's admins.
        get("/jobs".into(), EVERYONE),
        get("/jobs?q=事務&life=parenting&male_leave=1".into(), EVERYONE),
        get(format!("/jobs/{demo_posting}"), EVERYONE),
        get(format!("/orgs/{hamanasu}/jobs"), &[Admin, Hr]),
        get(format!("/orgs/{hamanasu}/jobs/new"), &[Admin, Hr]),
        post(
            format!("/orgs/{hamanasu}/jobs/new"),
            &[Admin, Hr],
            &[("title", "")],
        ),
        get(format!("/jobs/{demo_posting}/edit"), &[Admin, Hr]),
        post(format!("/jobs/{closed_posting}/close"), &[Admin, Hr], &[]),
        // The city's review of a posting: its staff decide, nobody else.
        post(
            format!("/jobs/{demo_posting}/review"),
            &[Admin, Staff],
            &[("decision", "neither")],
        ),
        post(
            format!("/jobs/{demo_posting}/edit"),
            &[Admin, Hr],
            &[("title", "")],
        ),
        // 問い合わせ・応募: sent by anyone; read and answered by the company's
        // admins alone (not the platform admin, not the region's staff).
        get(format!("/jobs/{demo_posting}/apply"), EVERYONE),
        get(format!("/workplaces/{hamanasu}/contact"), EVERYONE),
        get(format!("/orgs/{hamanasu}/inquiries"), &[Hr]),
        get(format!("/inquiries/{inquiry}"), &[Hr]),
        get(format!("/inquiries/{inquiry}/cv"), &[Hr]),
        post(
            format!("/inquiries/{inquiry}/answer"),
            &[Hr],
            &[("answer", "")],
        ),
        // 選ばれる職場: public profiles; written by the company's admins.
        get("/workplaces".into(), EVERYONE),
        get("/workplaces?m=telework&m=flextime".into(), EVERYONE),
        get(format!("/workplaces/{hamanasu}"), EVERYONE),
        get(format!("/orgs/{hamanasu}/workplace"), &[Admin, Hr]),
        post(
            format!("/orgs/{other}/workplace/withdraw"),
            &[Admin, OtherOrgAdmin],
            &[],
        ),
        post(
            format!("/review/workplaces/{workplace_proposal}"),
            &[Admin, Staff],
            &[("decision", "neither")],
        ),
        post(
            format!("/review/workplaces/{workplace_proposal}/confirm"),
            &[Admin, Staff],
            &[("decision", "neither")],
        ),
        // Events: public pages, calendars, open data; the desk for the region's staff.
        get("/events".into(), EVERYONE),
        get("/events.ics".into(), EVERYONE),
        get("/events.csv".into(), EVERYONE),
        get(format!("/events/{published_event}"), EVERYONE),
        get(format!("/events/{published_event}.ics"), EVERYONE),
        get("/events/new".into(), &[Admin, Staff]),
        post("/events/new".into(), &[Admin, Staff], &[("title", "")]),
        get(format!("/events/{published_event}/edit"), &[Admin, Staff]),
        post(
            format!("/events/{published_event}/edit"),
            &[Admin, Staff],
            &[("title", "")],
        ),
        // Registering is public; the registrations are personal data for the staff.
        post(
            format!("/events/{published_event}/register"),
            EVERYONE,
            &[("reg_name", "")],
        ),
        get("/event-registrations/no-such-token".into(), EVERYONE),
        post("/event-registrations/no-such-token".into(), EVERYONE, &[]),
        get(
            format!("/events/{published_event}/registrations"),
            &[Admin, Staff],
        ),
        get(
            format!("/events/{published_event}/registrations.csv"),
            &[Admin, Staff],
        ),
        get(
            format!("/events/{published_event}/registrations.xlsx"),
            &[Admin, Staff],
        ),
        post(
            format!("/events/{published_event}/registrations/999999/check-in"),
            &[Admin, Staff],
            &[("present", "1")],
        ),
        // The program view and the annual report: the region's staff.
        get("/program".into(), &[Admin, Staff]),
        get("/program/report".into(), &[Admin, Staff]),
        get("/program/report.xlsx".into(), &[Admin, Staff]),
        // The residents' survey is public; its results and rounds are the staff's.
        get("/survey".into(), EVERYONE),
        get("/survey/thanks".into(), EVERYONE),
        post("/survey".into(), EVERYONE, &[("age", "30s")]),
        get("/mismatch".into(), &[Admin, Staff]),
        get("/mismatch.csv".into(), &[Admin, Staff]),
        post(
            "/mismatch/rounds".into(),
            &[Admin, Staff],
            &[("region", "072095"), ("title", "x")],
        ),
        post(
            format!("/mismatch/rounds/{closed_round}/close"),
            &[Admin, Staff],
            &[],
        ),
        // News: public when published; written by the region's staff.
        get("/news".into(), EVERYONE),
        get(format!("/news/{published_news}"), EVERYONE),
        get("/news/new".into(), &[Admin, Staff]),
        post("/news/new".into(), &[Admin, Staff], &[("title_ja", "")]),
        get(format!("/news/{published_news}/edit"), &[Admin, Staff]),
        post(
            format!("/news/{published_news}/edit"),
            &[Admin, Staff],
            &[("title_ja", "")],
        ),
        get(format!("/news/{draft_news}"), &[Admin, Staff]),
        get(format!("/news/{draft_news}/edit"), &[Admin, Staff]),
        // Case stories: public once published; an employer's written by its
        // admins and reviewed by the region's staff; the region's by its staff.
        get("/stories".into(), EVERYONE),
        get("/feed.atom".into(), EVERYONE),
        get(format!("/stories/{region_story}"), EVERYONE),
        get("/stories/new".into(), &[Admin, Staff, Hr, OtherOrgAdmin]),
        post(
            "/stories/new".into(),
            &[Admin, Staff, Hr, OtherOrgAdmin],
            &[("title_ja", "")],
        ),
        get(format!("/stories/{region_story}/edit"), &[Admin, Staff]),
        post(
            format!("/stories/{region_story}/edit"),
            &[Admin, Staff],
            &[("title_ja", "")],
        ),
        get(format!("/stories/{draft_story}"), &[Admin, Hr]),
        get(format!("/stories/{draft_story}/edit"), &[Admin, Hr]),
        get(format!("/stories/{story_in_review}"), &[Admin, Staff]),
        post(
            format!("/stories/{story_in_review}/review"),
            &[Admin, Staff],
            &[("decision", "neither")],
        ),
        // The questionnaire answers by its mailed link; its results are the staff's.
        get("/event-feedback/no-such-token".into(), EVERYONE),
        post(
            "/event-feedback/no-such-token".into(),
            EVERYONE,
            &[("satisfaction", "5")],
        ),
        get(
            format!("/events/{published_event}/questionnaire"),
            &[Admin, Staff],
        ),
        get("/healthz".into(), EVERYONE),
        // Any signed-in user.
        get("/dashboard".into(), SIGNED_IN),
        get("/account/password".into(), SIGNED_IN),
        post(
            "/account/password".into(),
            SIGNED_IN,
            &[("current", "wrong")],
        ),
        // Review.
        get("/review".into(), &[Admin, Staff]),
        post(
            format!("/review/{pending}"),
            &[Admin, Staff],
            &[("decision", "neither")],
        ),
        post(
            format!("/review/{pending}/confirm"),
            &[Admin, Staff],
            &[("decision", "neither")],
        ),
        // Platform administration.
        get("/admin".into(), &[Admin]),
        get("/admin/users".into(), &[Admin]),
        post("/admin/users".into(), &[Admin], &[("email", "")]),
        get(format!("/admin/users/{spare}"), &[Admin]),
        post(
            format!("/admin/users/{spare}/roles"),
            &[Admin],
            &[("role", "nope")],
        ),
        post(
            format!("/admin/users/{spare}/roles/999999/delete"),
            &[Admin],
            &[],
        ),
        post(format!("/admin/users/{spare}/reset"), &[Admin], &[]),
        post(format!("/admin/users/{spare}/disable"), &[Admin], &[]),
        get("/admin/audit".into(), &[Admin]),
        get("/admin/audit.csv".into(), &[Admin]),
        // The outbox: its list and one message (refused before the lookup).
        get("/admin/mail".into(), &[Admin]),
        get("/admin/mail?state=failed&page=2".into(), &[Admin]),
        get("/admin/mail/1".into(), &[Admin]),
        get("/admin/orgs".into(), &[Admin]),
        get("/admin/regions".into(), &[Admin]),
        // 介護と仕事の両立: the guide for anyone (an incomplete self-check is
        // refused, 400); the employer's record for its admins; the centres for
        // the region's staff.
        get("/care".into(), EVERYONE),
        post("/care/plan".into(), EVERYONE, &[("stage", "ahead")]),
        get(format!("/orgs/{hamanasu}/care"), &[Admin, Hr]),
        post(
            format!("/orgs/{hamanasu}/care"),
            &[Admin, Hr],
            &[("employee", "")],
        ),
        post(
            format!("/orgs/{hamanasu}/care/duties"),
            &[Admin, Hr],
            &[("done_own_schemes", "x")],
        ),
        // 朝メール・夜メール: each person's own day, for the organization's
        // people alone (no role above them); the team's days for the team;
        // the settings for its admins. Empty or bad forms come back 4xx.
        get(format!("/orgs/{hamanasu}/daily"), &[Hr, Member]),
        post(
            format!("/orgs/{hamanasu}/daily/plan"),
            &[Hr, Member],
            &[("start_0", "x")],
        ),
        post(
            format!("/orgs/{hamanasu}/daily/report"),
            &[Hr, Member],
            &[("start_0", "x")],
        ),
        post(
            format!("/orgs/{hamanasu}/daily/draft"),
            &[Hr, Member],
            &[("kind", "plan")],
        ),
        post(
            format!("/orgs/{hamanasu}/daily/recurring"),
            &[Hr, Member],
            &[("start", "")],
        ),
        post(
            format!("/orgs/{hamanasu}/daily/recurring/999999/delete"),
            &[Hr, Member],
            &[],
        ),
        get(format!("/orgs/{hamanasu}/daily/team"), &[Hr, Member]),
        post(
            format!("/orgs/{hamanasu}/daily/days/{team_day}/comments"),
            &[Hr, Member],
            &[("kind", "comment"), ("body", "")],
        ),
        get(
            format!("/orgs/{hamanasu}/daily/notifications"),
            &[Hr, Member],
        ),
        post(
            format!("/orgs/{hamanasu}/daily/notifications"),
            &[Hr, Member],
            &[],
        ),
        get(format!("/orgs/{hamanasu}/daily/analytics"), &[Hr, Member]),
        get(
            format!("/orgs/{hamanasu}/daily/analytics.csv?scope=org"),
            &[Hr, Member],
        ),
        get(
            format!("/orgs/{hamanasu}/daily/analytics.xlsx?scope=org"),
            &[Hr, Member],
        ),
        get(format!("/orgs/{hamanasu}/daily/settings"), &[Hr]),
        post(
            format!("/orgs/{hamanasu}/daily/settings"),
            &[Hr],
            &[("categories", "")],
        ),
        post(
            format!("/orgs/{hamanasu}/daily/teams"),
            &[Hr],
            &[("name", "")],
        ),
        post(
            format!("/orgs/{hamanasu}/daily/teams/999999/delete"),
            &[Hr],
            &[],
        ),
        post(
            format!("/orgs/{hamanasu}/daily/people"),
            &[Hr],
            &[("user_id", "0"), ("team_id", "0")],
        ),
        // 組織診断: the results for the organization's people, the rounds run
        // by its admins, the answering link for anyone (the demo round is
        // closed: an answer comes back 409).
        get(format!("/orgs/{hamanasu}/survey"), &[Hr, Member]),
        post(format!("/orgs/{hamanasu}/survey"), &[Hr], &[("title", "")]),
        get(
            format!("/orgs/{hamanasu}/survey/{survey_round}"),
            &[Hr, Member],
        ),
        get(
            format!("/orgs/{hamanasu}/survey/{survey_round}/results.csv"),
            &[Hr, Member],
        ),
        get(
            format!("/orgs/{hamanasu}/survey/{survey_round}/results.xlsx"),
            &[Hr, Member],
        ),
        post(
            format!("/orgs/{hamanasu}/survey/{survey_round}/invite"),
            &[Hr],
            &[("emails", "")],
        ),
        post(
            format!("/orgs/{hamanasu}/survey/{survey_round}/close"),
            &[Hr],
            &[],
        ),
        get(format!("/s/{survey_token}"), EVERYONE),
        post(format!("/s/{survey_token}"), EVERYONE, &[("wl1", "3")]),
        get(format!("/s/{survey_token}/thanks"), EVERYONE),
        // ライフイベント・カードワーク: the organization's people and the
        // consultant of its running engagement (made above); the deck for
        // the region's staff.
        get(
            format!("/orgs/{hamanasu}/workshops"),
            &[Hr, Member, Consultant],
        ),
        post(
            format!("/orgs/{hamanasu}/workshops"),
            &[Hr, Member, Consultant],
            &[("title", "")],
        ),
        get(
            format!("/orgs/{hamanasu}/workshops/{workshop}"),
            &[Hr, Member, Consultant],
        ),
        post(
            format!("/orgs/{hamanasu}/workshops/{workshop}/deal"),
            &[Hr, Member, Consultant],
            &[],
        ),
        post(
            format!("/orgs/{hamanasu}/workshops/{workshop}/deals/{workshop_deal}"),
            &[Hr, Member, Consultant],
            &[("note", "")],
        ),
        post(
            format!("/orgs/{hamanasu}/workshops/{workshop}/actions"),
            &[Hr, Member, Consultant],
            &[("deal_id", "x")],
        ),
        get("/admin/regions/072095/cards".into(), &[Admin, Staff]),
        post(
            "/admin/regions/072095/cards".into(),
            &[Admin, Staff],
            &[("cards", "")],
        ),
        // Telling HR from the guide: the organization's own people (an
        // empty request comes back with a message).
        post(
            "/care/tell".into(),
            &[Hr, Member],
            &[("org", &hamanasu.to_string())],
        ),
        post(
            format!("/orgs/{hamanasu}/care/requests/999999/handled"),
            &[Admin, Hr],
            &[],
        ),
        get("/admin/regions/072095/care-centres".into(), &[Admin, Staff]),
        post(
            "/admin/regions/072095/care-centres".into(),
            &[Admin, Staff],
            &[("centres", "名前だけ")],
        ),
        // A region's own page of settings: its staff too.
        get("/admin/regions/072095".into(), &[Admin, Staff]),
        post(
            "/admin/regions/072095".into(),
            &[Admin, Staff],
            &[("name_ja", "")],
        ),
        post(
            "/admin/regions/072095/emblem/remove".into(),
            &[Admin, Staff],
            &[],
        ),
        post("/admin/regions".into(), &[Admin], &[("code", "")]),
        get("/admin/industry-averages".into(), &[Admin]),
        post(
            "/admin/industry-averages".into(),
            &[Admin],
            &[("industry", "")],
        ),
        post(
            "/admin/industry-averages/delete".into(),
            &[Admin],
            &[("industry", "Z"), ("fiscal_year", "1900")],
        ),
        get("/admin/declarations".into(), &[Admin]),
        get("/admin/declarations/new".into(), &[Admin]),
        post("/admin/declarations/new".into(), &[Admin], &[("slug", "")]),
        get(format!("/admin/declarations/{declaration}/edit"), &[Admin]),
        post(
            format!("/admin/declarations/{declaration}/edit"),
            &[Admin],
            &[("slug", "")],
        ),
        // Organizations.
        get("/orgs/new".into(), &[Admin, Staff]),
        post(
            "/orgs/new".into(),
            &[Admin, Staff],
            &[("name", ""), ("org_type", "company"), ("region", "072095")],
        ),
        get(format!("/orgs/{h}"), &[Admin, Staff, Hr, Member]),
        get(format!("/orgs/{h}/edit"), &[Admin, Staff, Hr]),
        post(
            format!("/orgs/{h}/edit"),
            &[Admin, Staff, Hr],
            &[("name", "")],
        ),
        get(format!("/orgs/{h}/declare"), &[Admin, Hr]),
        // Inviting the organization's people: the region's staff.
        get(format!("/orgs/{h}/invite"), &[Admin, Staff]),
        post(
            format!("/orgs/{h}/invite"),
            &[Admin, Staff],
            &[("email", ""), ("role", "org_member")],
        ),
        get(format!("/orgs/{h}/figures"), &[Admin, Hr]),
        post(
            format!("/orgs/{h}/figures"),
            &[Admin, Hr],
            &[("fiscal_year", "1900")],
        ),
        get(format!("/orgs/{h}/kpi"), AGGREGATES),
        get(format!("/orgs/{h}/kpi/monthly.csv?fy=2026"), AGGREGATES),
        get(format!("/orgs/{h}/kpi/report.xlsx?fy=2026"), AGGREGATES),
        get(format!("/orgs/{h}/kpi/jobs/{job}"), &[Admin, Hr]),
        post(
            format!("/orgs/{h}/kpi/jobs/{job}/confirm"),
            &[Admin, Hr],
            &[],
        ),
        post(
            format!("/orgs/{h}/kpi/jobs/{job}/cancel"),
            &[Admin, Hr],
            &[],
        ),
        post(
            format!("/orgs/{h}/kpi/jobs/{job}/profile"),
            &[Admin, Hr],
            &[("profile", "canonical")],
        ),
        post(
            format!("/orgs/{h}/kpi/jobs/{job}/fiscal_year"),
            &[Admin, Hr],
            &[("fiscal_year", "2025")],
        ),
        get(format!("/orgs/{h}/plan"), AGGREGATES),
        post(format!("/orgs/{h}/plan"), &[Admin, Hr], &[("measures", "")]),
        get(format!("/orgs/{h}/disclosure"), AGGREGATES),
        get(format!("/orgs/{h}/disclosure.csv?fy=2025"), AGGREGATES),
        get(format!("/orgs/{h}/readiness"), AGGREGATES),
        post(
            format!("/orgs/{h}/readiness/facts"),
            &[Admin, Hr],
            &[("fact.no_serious_violations", "yes")],
        ),
        // The employer's consent to share with the region: its admins alone.
        post(format!("/orgs/{h}/sharing"), &[Hr], &[("share", "maybe")]),
        get(format!("/orgs/{h}/publish"), &[Admin, Hr]),
        post(
            format!("/orgs/{h}/publish"),
            &[Admin, Hr],
            &[("figure", "x"), ("fy", "2025"), ("source", "computed")],
        ),
        post(
            format!("/orgs/{h}/publish/withdraw"),
            &[Admin, Hr],
            &[("figure", "x"), ("fy", "2025")],
        ),
        // The other organization's admin on their own pages.
        get(format!("/orgs/{other}"), &[Admin, Staff, OtherOrgAdmin]),
        get(format!("/orgs/{other}/declare"), &[Admin, OtherOrgAdmin]),
        get(format!("/orgs/{other}/invite"), &[Admin, Staff]),
        // The leader course: staff run it, facilitators and participants see it;
        // a worksheet is for its participant, their HR, facilitators and staff.
        get("/courses".into(), SIGNED_IN),
        get("/courses/new".into(), &[Admin, Staff]),
        post("/courses/new".into(), &[Admin, Staff], &[("title", "")]),
        get(
            format!("/courses/{course}"),
            &[Admin, Staff, Member, Consultant],
        ),
        post(
            format!("/courses/{course}/sessions"),
            &[Admin, Staff],
            &[("held_on", "x")],
        ),
        post(
            format!("/courses/{course}/participants"),
            &[Admin, Staff],
            &[("user", "0")],
        ),
        post(
            format!("/courses/{course}/facilitators"),
            &[Admin, Staff],
            &[("user", "0")],
        ),
        post(
            format!("/courses/{course}/sessions/{first_session}/attendance"),
            &[Admin, Staff],
            &[("present", &member_p.to_string())],
        ),
        get(sheet.clone(), &[Staff, Hr, Member, Consultant]),
        get(format!("{sheet}/history"), &[Staff, Hr, Member, Consultant]),
        post(
            format!("{sheet}/draft"),
            &[Member],
            &[("issue-0-title", "walk")],
        ),
        post(
            format!("{sheet}/submit"),
            &[Member],
            &[("issue-0-title", "walk")],
        ),
        post(
            format!("{sheet}/comments"),
            &[Staff, Consultant],
            &[("revision", "1"), ("body", "walk")],
        ),
        get(
            format!("/courses/{course}/participants/{member_p}/certificate"),
            &[Staff, Hr, Member],
        ),
        // Engagements (伴走支援): the list for everyone signed in (it lists what
        // they may see); creating for the region's staff; the engagement for its
        // parties (others: 404); writing for its consultants and the company's
        // admins; the access choice for the company's admins alone.
        get("/engagements".into(), SIGNED_IN),
        get("/engagements/new".into(), &[Admin, Staff]),
        post("/engagements/new".into(), &[Admin, Staff], &[("org", "")]),
        get(
            format!("/engagements/{engagement}"),
            &[Admin, Staff, Hr, Member, Consultant],
        ),
        get(
            format!("/engagements/{engagement}/edit"),
            &[Admin, Staff, Hr, Consultant],
        ),
        post(
            format!("/engagements/{engagement}/edit"),
            &[Admin, Staff, Hr, Consultant],
            &[("status", "nope")],
        ),
        post(
            format!("/engagements/{engagement}/access"),
            &[Hr],
            &[("aggregates", "maybe")],
        ),
        get(
            format!("/engagements/{engagement}/meetings/new"),
            &[Admin, Hr, Consultant],
        ),
        post(
            format!("/engagements/{engagement}/meetings/new"),
            &[Admin, Hr, Consultant],
            &[("agenda", "")],
        ),
        get(
            format!("/engagements/{engagement}/meetings/{meeting}"),
            &[Admin, Hr, Member, Consultant],
        ),
        post(
            format!("/engagements/{engagement}/actions"),
            &[Admin, Hr, Consultant],
            &[("issue", "")],
        ),
        post(
            format!("/engagements/{engagement}/actions/{action}"),
            &[Admin, Hr, Consultant],
            &[("status", "nope")],
        ),
        // The report: the company's people; its consultants once it opened its
        // aggregates; the region's staff once it shares with the region.
        get(format!("/engagements/{engagement}/report"), AGGREGATES),
        get(format!("/engagements/{engagement}/report.xlsx"), AGGREGATES),
        // Goals: whoever works on it; the yearly finances: the company's admins.
        post(
            format!("/engagements/{engagement}/goals"),
            &[Admin, Hr, Consultant],
            &[("label", "")],
        ),
        post(
            format!("/engagements/{engagement}/finances"),
            &[Admin, Hr],
            &[("fiscal_year", "x")],
        ),
        // A draft event: its region's staff alone, the rest as if it did not exist.
        get(format!("/events/{draft_event}"), &[Admin, Staff]),
        get(format!("/events/{draft_event}.ics"), &[Admin, Staff]),
        get(format!("/events/{draft_event}/edit"), &[Admin, Staff]),
        get(
            format!("/events/{draft_event}/registrations"),
            &[Admin, Staff],
        ),
        get(
            format!("/events/{draft_event}/questionnaire"),
            &[Admin, Staff],
        ),
    ];

    let mut failures = Vec::new();
    for case in &cases {
        for (who, client) in &clients {
            let res = match case.method {
                "GET" => client.get(&case.path).await,
                _ => {
                    let form: Vec<(&str, &str)> =
                        case.form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    client.post_form(&case.path, &form).await
                }
            };
            let status = res.status().as_u16();
            let loc = location(&res);
            let allowed = case.allowed.contains(who);
            let ok = if allowed {
                // Allowed: anything but a refusal or a bounce to the sign-in page.
                status != 403 && !loc.starts_with("/login") && status < 500
            } else if *who == Anonymous
                && [
                    format!("/events/{draft_event}"),
                    format!("/events/{draft_event}.ics"),
                    format!("/news/{draft_news}"),
                    format!("/stories/{draft_story}"),
                    format!("/stories/{story_in_review}"),
                ]
                .contains(&case.path)
            {
                // A public page's draft: not found, not "sign in to see it".
                status == 404
            } else if *who == Anonymous {
                status == 303 && loc.starts_with("/login?next=")
            } else if !sees(&case.path, *who) {
                status == 404
            } else {
                status == 403
            };
            if !ok {
                failures.push(format!(
                    "{} {} as {who:?}: {status} {loc}",
                    case.method, case.path
                ));
            }
        }
    }
    // The multipart routes: token in the query string, as the pages send it.
    for (who, client) in &clients {
        // Anyone may send an inquiry: an empty one comes back with its errors.
        for path in [
            format!("/jobs/{demo_posting}/apply"),
            format!("/workplaces/{hamanasu}/contact"),
        ] {
            let form = reqwest::multipart::Form::new().text("kind", "inquiry");
            let status = client.post_multipart(&path, form).await.status().as_u16();
            if status != 200 {
                failures.push(format!("POST {path} as {who:?}: {status}"));
            }
        }
    }
    // The organization's own multipart forms: its admins get the form back
    // with its errors.
    for (path, field, value) in [
        (format!("/orgs/{h}/kpi"), "fiscal_year", "1900"),
        (format!("/orgs/{h}/workplace"), "description", ""),
        (format!("/orgs/{h}/declare"), "declaration_id", "0"),
    ] {
        for (who, client) in &clients {
            let form = reqwest::multipart::Form::new().text(field, value);
            let status = client.post_multipart(&path, form).await.status().as_u16();
            let expected_ok = match who {
                Admin | Hr => status == 422,
                Anonymous => status == 303,
                Staff | Member => status == 403,
                _ => status == 404,
            };
            if !expected_ok {
                failures.push(format!("POST {path} as {who:?}: {status}"));
            }
        }
    }
    for (who, client) in &clients {
        let form = reqwest::multipart::Form::new().text("nothing", "");
        let res = client
            .post_multipart("/admin/regions/072095/emblem", form)
            .await;
        let status = res.status().as_u16();
        let expected_ok = match who {
            Admin | Staff => status == 422,
            Anonymous => status == 303,
            _ => status == 403,
        };
        if !expected_ok {
            failures.push(format!(
                "POST /admin/regions/072095/emblem as {who:?}: {status}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "authorization mismatches:\n{}",
        failures.join("\n")
    );
}

both_backends!(every_route_with_every_role, spawn_demo, walk);

fn engagement_fields() -> store::engagements::EngagementFields {
    store::engagements::EngagementFields {
        status: domain::engagement::EngagementStatus::Active,
        starts_on: jiff::civil::date(2026, 10, 1),
        ends_on: jiff::civil::date(2027, 2, 28),
        vision: "残業のない職場".into(),
        team: Vec::new(),
    }
}

fn open_action(due: Option<jiff::civil::Date>) -> store::engagements::ActionFields {
    store::engagements::ActionFields {
        issue: "残業が多い".into(),
        cause: "会議が長い".into(),
        action: "会議を30分に".into(),
        owner: "総務課".into(),
        due_on: due,
        status: domain::engagement::ActionStatus::Open,
    }
}

/// A consultant sees an organization's figures only through an engagement whose
/// organization opened them, and only while it runs: without one 404 on the KPI
/// pages; with the aggregates the KPI page without employee rows; with the rows
/// the rows too; once the engagement is finished (or its period over) 404 again.
async fn consultants_see_through_engagements_alone(app: TestApp) {
    let store = app.store();
    let h = app.org_id("はまなすケミカル株式会社").await;
    store
        .set_share_aggregates_with_region(h, false)
        .await
        .unwrap();
    let region_id = store.region_by_code("072095").await.unwrap().id;
    let consultant = app.signed_in(CONSULTANT).await;
    let hr = app.signed_in(HR).await;
    let kpi = format!("/orgs/{h}/kpi?fy=2025");
    let xlsx = format!("/orgs/{h}/kpi/report.xlsx?fy=2025");
    let status = |res: reqwest::Response| res.status().as_u16();
    assert_eq!(status(consultant.get(&kpi).await), 404, "no engagement");
    let consultant_id = store.user_by_email(CONSULTANT.0).await.unwrap().unwrap().id;
    let e = store
        .create_engagement(
            region_id,
            h,
            &[consultant_id],
            &engagement_fields(),
            &store::audit::Actor::default(),
        )
        .await
        .unwrap();
    assert_eq!(
        status(consultant.get(&kpi).await),
        404,
        "nothing opened yet"
    );

    // The company's admin opens the aggregates on the engagement page.
    let res = hr
        .post_form(
            &format!("/engagements/{e}/access"),
            &[("aggregates", "on"), ("rows", "off")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (code, page) = consultant.get_text(&kpi).await;
    assert_eq!(code, 200, "aggregates opened");
    assert!(page.contains("id=\"monthly-table\""));
    assert!(!page.contains("id=\"risk-table\"") && !has_employee_code(&page));
    let body = texts(consultant.get(&xlsx).await).await;
    assert!(!has_employee_code(&body), "no rows in the workbook");
    // Still not the organization's own pages beyond its figures.
    assert_eq!(
        status(consultant.get(&format!("/orgs/{h}/figures")).await),
        404
    );

    // …and the rows.
    let res = hr
        .post_form(
            &format!("/engagements/{e}/access"),
            &[("aggregates", "on"), ("rows", "on")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (code, page) = consultant.get_text(&kpi).await;
    assert_eq!(code, 200);
    assert!(page.contains("id=\"risk-table\"") && has_employee_code(&page));

    // The engagement finishes: nothing any more.
    let mut f = store.engagement(e).await.unwrap().fields;
    f.status = domain::engagement::EngagementStatus::Finished;
    store
        .update_engagement(e, &f, None, &store::audit::Actor::default())
        .await
        .unwrap();
    assert_eq!(status(consultant.get(&kpi).await), 404, "finished");
    assert_eq!(status(consultant.get(&xlsx).await), 404, "finished");

    // Active again but its period over (the tests' today is 2026-12-01).
    f.status = domain::engagement::EngagementStatus::Active;
    f.starts_on = jiff::civil::date(2026, 6, 1);
    f.ends_on = jiff::civil::date(2026, 10, 31);
    store
        .update_engagement(e, &f, None, &store::audit::Actor::default())
        .await
        .unwrap();
    assert_eq!(status(consultant.get(&kpi).await), 404, "period over");
    // A platform admin still never sees the rows.
    let admin = app.signed_in(ADMIN).await;
    let (_, page) = admin.get_text(&kpi).await;
    assert!(!has_employee_code(&page));
}

both_backends!(
    consultants_see_figures_through_engagements,
    spawn_demo,
    consultants_see_through_engagements_alone
);

/// Every text of a response: the body, or for an XLSX workbook every file inside it.
async fn texts(res: reqwest::Response) -> String {
    let is_xlsx = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("spreadsheetml"));
    let bytes = res.bytes().await.unwrap().to_vec();
    if !is_xlsx {
        return String::from_utf8_lossy(&bytes).into_owned();
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an XLSX is a zip");
    let mut out = String::new();
    for i in 0..zip.len() {
        use std::io::Read;
        let mut f = zip.by_index(i).unwrap();
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        out.push_str(&s);
    }
    out
}

/// The demo's employee codes (`ingest::generate`: E000001 …) anywhere in `text`.
fn has_employee_code(text: &str) -> bool {
    text.contains("E0000")
}

/// A pseudonym ("P-" and 10 hex digits) anywhere in `text`.
fn has_pseudonym(text: &str) -> bool {
    text.match_indices("P-").any(|(i, _)| {
        let rest = &text.as_bytes()[i + 2..];
        rest.len() >= 10 && rest[..10].iter().all(|b| b.is_ascii_hexdigit())
    })
}

/// Issue 8: after the demo import, no page or export that could carry per-employee
/// rows gives one — nor an employee code, nor a pseudonym — to a member, region
/// staff (sharing off and on), a consultant, another organization's admin or a
/// platform admin; the employer's HR sees the employees by their own codes.
async fn employee_rows_for_hr_alone(app: TestApp) {
    let store = app.store();
    let h = app.org_id("はまなすケミカル株式会社").await;
    let other = store
        .list_organizations()
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.org_type == "company" && o.id != h)
        .unwrap()
        .id;
    let hash = web::auth::password::hash("other admin password")
        .await
        .unwrap();
    let other_admin = store
        .create_user("other@demo.example.jp", "Other", Some(&hash))
        .await
        .unwrap();
    store
        .grant_role(other_admin, "org_admin", None, Some(other))
        .await
        .unwrap();
    let hr = app.signed_in(HR).await;
    let others = vec![
        (Admin, app.signed_in(ADMIN).await),
        (Staff, app.signed_in(STAFF).await),
        (Member, app.signed_in(MEMBER).await),
        (Consultant, app.signed_in(CONSULTANT).await),
        (
            OtherOrgAdmin,
            app.signed_in(("other@demo.example.jp", "other admin password"))
                .await,
        ),
    ];
    let routes = [
        format!("/orgs/{h}"),
        format!("/orgs/{h}/kpi?fy=2025"),
        format!("/orgs/{h}/kpi/monthly.csv?fy=2025"),
        format!("/orgs/{h}/kpi/report.xlsx?fy=2025"),
        format!("/orgs/{h}/readiness?fy=2025"),
        format!("/orgs/{h}/plan"),
        format!("/orgs/{h}/disclosure?fy=2025"),
        format!("/orgs/{h}/disclosure.csv?fy=2025"),
        "/dashboard".to_string(),
    ];

    // HR: its own codes on the KPI page and in the workbook, never a pseudonym.
    for path in [
        format!("/orgs/{h}/kpi?fy=2025"),
        format!("/orgs/{h}/kpi/report.xlsx?fy=2025"),
    ] {
        let res = hr.get(&path).await;
        assert_eq!(res.status(), 200, "{path}");
        let body = texts(res).await;
        assert!(has_employee_code(&body), "HR sees the codes on {path}");
        assert!(!has_pseudonym(&body), "HR sees no pseudonym on {path}");
    }
    let (_, page) = hr.get_text(&format!("/orgs/{h}/kpi?fy=2025")).await;
    assert!(page.contains("id=\"risk-table\"") && page.contains("id=\"duty-table\""));
    assert!(page.contains("id=\"who-sees\"") && page.contains("id=\"breaches\""));
    // The breaches come before everything else of the year's figures.
    assert!(page.find("id=\"breaches\"") < page.find("id=\"ot-title\""));

    let mut leaks = Vec::new();
    let mut check = async |who: Who, client: &Client, sharing: &str| {
        for path in &routes {
            let res = client.get(path).await;
            let status = res.status().as_u16();
            let body = texts(res).await;
            if has_employee_code(&body) || has_pseudonym(&body) {
                leaks.push(format!("{path} as {who:?} ({sharing}): {status}"));
            }
        }
    };
    // The demo company shares its aggregates with the city; HR turns it off.
    assert!(store.organization(h).await.unwrap().shares_with_region());
    let res = hr
        .post_form(&format!("/orgs/{h}/sharing"), &[("share", "off")])
        .await;
    assert_eq!(res.status(), 303);
    assert!(!store.organization(h).await.unwrap().shares_with_region());
    for (who, client) in &others {
        check(*who, client, "sharing off").await;
    }
    // Sharing off: region staff get the polite page, not the figures.
    let staff = &others[1].1;
    let (status, body) = staff.get_text(&format!("/orgs/{h}/kpi?fy=2025")).await;
    assert_eq!(status, 403);
    assert!(body.contains("id=\"not-shared\"") && !body.contains("id=\"monthly-table\""));

    // HR shares the aggregates with the region.
    let res = hr
        .post_form(&format!("/orgs/{h}/sharing"), &[("share", "on")])
        .await;
    assert_eq!(res.status(), 303);
    assert!(store.organization(h).await.unwrap().shares_with_region());
    for (who, client) in &others {
        check(*who, client, "sharing on").await;
    }
    assert!(
        leaks.is_empty(),
        "per-employee data reached:\n{}",
        leaks.join("\n")
    );
    // Now staff see the aggregates, with the counts but no per-employee table.
    for path in [
        format!("/orgs/{h}/kpi?fy=2025"),
        format!("/orgs/{h}/readiness?fy=2025"),
        format!("/orgs/{h}/plan"),
        format!("/orgs/{h}/disclosure?fy=2025"),
    ] {
        let (status, body) = staff.get_text(&path).await;
        assert_eq!(status, 200, "{path} as staff with sharing on");
        assert!(body.contains("id=\"who-sees\""), "{path} says who sees it");
    }
    let (_, body) = staff.get_text(&format!("/orgs/{h}/kpi?fy=2025")).await;
    assert!(body.contains("id=\"breaches\"") && body.contains("id=\"aggregates-only\""));
    assert!(!body.contains("id=\"risk-table\"") && !body.contains("id=\"duty-table\""));
    // Consultants still see nothing by their role (not even that the page exists).
    let (status, _) = others[3].1.get_text(&format!("/orgs/{h}/kpi")).await;
    assert_eq!(status, 404);
    let audited = store.audit_entries(50, 0).await.unwrap();
    assert!(
        audited
            .iter()
            .any(|a| a.entity == "organization_sharing" && a.entity_id == h.to_string())
    );
}

both_backends!(
    no_employee_row_reaches_anyone_but_hr,
    spawn_demo,
    employee_rows_for_hr_alone
);
