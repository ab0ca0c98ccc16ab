//! The leader course's store (issue 10), on SQLite and PostgreSQL: sessions,
//! enrolment, attendance, drafts and revisions (also submitted at once), comments,
//! and the program dashboard's progress and graduates.

use domain::course::{
    IssueRow, IssuesSheet, MeasureRow, PromotionSheet, SolutionsSheet, WorksheetContent,
    WorksheetKind,
};
use store::audit::Actor;
use store::both_backends;
use store::courses::{NamedUser, NewSession};
use store::orgs::OrganizationInput;
use store::regions::NewRegion;
use store::testing::TestDb;
use store::{Backend, Error, Store};

async fn setup(backend: Backend) -> TestDb {
    TestDb::new(backend).await
}

struct World {
    region: i64,
    orgs: [i64; 2],
    users: [i64; 3],
}

async fn world(s: &Store) -> World {
    let region = s
        .create_region(&NewRegion {
            code: "072095".into(),
            name_ja: "相馬市".into(),
            name_en: "Soma City".into(),
            prefecture: "07".into(),
            intro_ja: String::new(),
            intro_en: String::new(),
        })
        .await
        .unwrap();
    let mut orgs = [0; 2];
    for (i, name) in ["架空工業株式会社", "架空水産株式会社"].iter().enumerate() {
        orgs[i] = s
            .create_organization(&OrganizationInput {
                name: name.to_string(),
                org_type: "company".into(),
                region_id: Some(region),
                prefecture: "07".into(),
                ..OrganizationInput::default()
            })
            .await
            .unwrap();
    }
    let mut users = [0; 3];
    for (i, (email, org)) in [
        ("a@example.jp", orgs[0]),
        ("b@example.jp", orgs[0]),
        ("c@example.jp", orgs[1]),
    ]
    .iter()
    .enumerate()
    {
        users[i] = s
            .create_user(email, &format!("受講 {i}"), None)
            .await
            .unwrap();
        s.grant_role(users[i], "org_member", None, Some(*org))
            .await
            .unwrap();
    }
    World {
        region,
        orgs,
        users,
    }
}

fn sessions(dates: &[(i16, i8, i8)]) -> Vec<NewSession> {
    dates
        .iter()
        .zip(WorksheetKind::DEFAULT_SEQUENCE)
        .map(|((y, m, d), kind)| NewSession {
            held_on: jiff::civil::date(*y, *m, *d),
            venue: String::new(),
            kind,
        })
        .collect()
}

fn content(kind: WorksheetKind, text: &str) -> WorksheetContent {
    match kind {
        WorksheetKind::Issues => WorksheetContent::Issues(IssuesSheet {
            issues: vec![IssueRow {
                title: text.into(),
                impact: "採用に響く".into(),
                evidence: "応募が減った".into(),
            }],
            figures: vec![],
        }),
        WorksheetKind::Solutions => WorksheetContent::Solutions(SolutionsSheet {
            measures: vec![MeasureRow {
                issue: "残業".into(),
                measure: text.into(),
                owner: "総務".into(),
                first_steps: "来月から".into(),
            }],
        }),
        WorksheetKind::Promotion => WorksheetContent::Promotion(PromotionSheet {
            management: text.into(),
            ..PromotionSheet::default()
        }),
    }
}

both_backends!(
    a_course_runs_to_its_graduates,
    setup,
    |db: TestDb| async move {
        let s = &db.store;
        let w = world(s).await;
        let actor = Actor::default();
        let course = s
            .create_course(
                w.region,
                2026,
                "養成講座",
                &sessions(&[(2026, 9, 17), (2026, 10, 22), (2027, 1, 21)]),
                &actor,
            )
            .await
            .unwrap();
        let other_year = s
            .create_course(w.region, 2025, "前年度", &sessions(&[(2025, 9, 1)]), &actor)
            .await
            .unwrap();
        let all = s.course_sessions(course).await.unwrap();
        assert_eq!(all.len(), 3);
        assert_eq!(
            all.iter().map(|x| x.kind).collect::<Vec<_>>(),
            WorksheetKind::DEFAULT_SEQUENCE.to_vec()
        );
        let p: Vec<i64> = {
            let mut v = Vec::new();
            for (i, u) in w.users.iter().enumerate() {
                let org = if i < 2 { w.orgs[0] } else { w.orgs[1] };
                v.push(s.enrol_participant(course, *u, org, &actor).await.unwrap());
            }
            v
        };
        assert!(matches!(
            s.enrol_participant(course, w.users[0], w.orgs[0], &actor)
                .await,
            Err(Error::Conflict(_))
        ));
        // Attendance: everyone at the first two, only p0 at the third.
        s.set_session_attendance(all[0].id, &p, &actor)
            .await
            .unwrap();
        s.set_session_attendance(all[1].id, &p, &actor)
            .await
            .unwrap();
        s.set_session_attendance(all[2].id, &[p[0], p[1]], &actor)
            .await
            .unwrap();
        // Setting again replaces: p1 did not come after all.
        s.set_session_attendance(all[2].id, &[p[0]], &actor)
            .await
            .unwrap();
        // A participant of another course is not recorded here.
        let stranger = s
            .enrol_participant(other_year, w.users[0], w.orgs[0], &actor)
            .await
            .unwrap();
        s.set_session_attendance(all[0].id, &[p[0], p[1], p[2], stranger], &actor)
            .await
            .unwrap();
        assert_eq!(
            s.course_attendance(course)
                .await
                .unwrap()
                .iter()
                .filter(|(_, who)| *who == stranger)
                .count(),
            0
        );
        // p0 submits all three worksheets, p1 the first two, p2 drafts only.
        for sess in &all {
            s.submit_worksheet(p[0], sess.id, &content(sess.kind, "一"), &actor)
                .await
                .unwrap();
        }
        for sess in &all[..2] {
            s.submit_worksheet(p[1], sess.id, &content(sess.kind, "二"), &actor)
                .await
                .unwrap();
        }
        s.save_worksheet_draft(p[2], all[0].id, &content(WorksheetKind::Issues, "下書き"))
            .await
            .unwrap();

        let progress = s.course_progress(course).await.unwrap();
        let of = |id: i64| progress.iter().find(|x| x.participant.id == id).unwrap();
        assert!(of(p[0]).completed);
        assert!(!of(p[1]).completed, "missed the third session's worksheet");
        assert!(!of(p[2]).completed);
        assert_eq!(of(p[2]).drafting, vec![true, false, false]);

        let today = jiff::civil::date(2026, 12, 1);
        let rows = s
            .course_progress_in_region_as_of(w.region, 2026, today)
            .await
            .unwrap();
        assert_eq!(rows.len(), 1, "one course in FY2026");
        let r = &rows[0];
        assert_eq!(
            (
                r.course_id,
                r.participants,
                r.organizations,
                r.sessions_held,
                r.sessions,
                r.graduates
            ),
            (course, 3, 2, 2, 3, 1)
        );
        assert_eq!(r.title, "養成講座");
        let by_clock = s.course_progress_in_region(w.region, 2026).await.unwrap();
        assert_eq!(by_clock[0].participants, 3);
        let grads = s.course_graduates_in_region(w.region, 2026).await.unwrap();
        assert_eq!(grads.len(), 1);
        assert_eq!(grads[0].user_id, w.users[0]);
        assert_eq!(grads[0].display_name, "受講 0");
        assert_eq!(grads[0].org_id, w.orgs[0]);
        assert_eq!(grads[0].org_name, "架空工業株式会社");
        assert_eq!(grads[0].course_id, course);
        assert!(
            s.course_graduates_in_region(w.region, 2025)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(
            s.course_progress_in_region(w.region + 1, 2026)
                .await
                .unwrap()
                .is_empty()
        );
    }
);

both_backends!(
    revisions_are_kept_and_concurrent_submits_get_their_own_numbers,
    setup,
    |db: TestDb| async move {
        let s = &db.store;
        let w = world(s).await;
        let actor = Actor::default();
        let course = s
            .create_course(w.region, 2026, "講座", &sessions(&[(2026, 9, 17)]), &actor)
            .await
            .unwrap();
        let session = s.course_sessions(course).await.unwrap()[0].id;
        let p = s
            .enrol_participant(course, w.users[0], w.orgs[0], &actor)
            .await
            .unwrap();
        assert!(s.worksheet(p, session).await.unwrap().is_none());
        s.save_worksheet_draft(p, session, &content(WorksheetKind::Issues, "最初"))
            .await
            .unwrap();
        let ws = s.worksheet(p, session).await.unwrap().unwrap();
        assert_eq!(ws.revisions, 0);
        assert_eq!(ws.draft, Some(content(WorksheetKind::Issues, "最初")));
        // A blank worksheet, or one of another kind, is refused and writes nothing.
        assert!(
            s.submit_worksheet(p, session, &WorksheetKind::Issues.empty(), &actor)
                .await
                .is_err()
        );
        assert_eq!(s.worksheet(p, session).await.unwrap().unwrap().revisions, 0);

        // Eight submissions at once: eight revisions numbered 1..=8, none lost.
        let mut tasks = Vec::new();
        for i in 0..8 {
            let s = s.clone();
            tasks.push(tokio::spawn(async move {
                s.submit_worksheet(
                    p,
                    session,
                    &content(WorksheetKind::Issues, &format!("版{i}")),
                    &Actor::default(),
                )
                .await
            }));
        }
        let mut numbers = Vec::new();
        for t in tasks {
            numbers.push(t.await.unwrap().unwrap());
        }
        numbers.sort_unstable();
        assert_eq!(numbers, (1..=8).collect::<Vec<i64>>());
        let ws = s.worksheet(p, session).await.unwrap().unwrap();
        assert_eq!(ws.revisions, 8);
        let revs = s.worksheet_revisions(ws.id).await.unwrap();
        assert_eq!(revs.len(), 8);
        assert_eq!(revs[0].number, 8, "newest first");
        let mut texts: Vec<String> = revs
            .iter()
            .map(|r| match &r.content {
                WorksheetContent::Issues(x) => x.issues[0].title.clone(),
                _ => panic!("kind kept"),
            })
            .collect();
        texts.sort();
        assert_eq!(texts.len(), 8);
        texts.dedup();
        assert_eq!(texts.len(), 8, "every submission kept whole");

        // Comments are tied to the revision read.
        let author = NamedUser {
            user_id: w.users[2],
            display_name: "進行役".into(),
        };
        s.add_worksheet_comment(ws.id, 3, &author, "根拠の数字を足しましょう", &actor)
            .await
            .unwrap();
        assert!(matches!(
            s.add_worksheet_comment(ws.id, 99, &author, "x", &actor)
                .await,
            Err(Error::NotFound)
        ));
        let comments = s.worksheet_comments(ws.id).await.unwrap();
        assert_eq!(comments.len(), 1);
        assert_eq!(comments[0].revision_number, 3);
        assert_eq!(comments[0].author_name, "進行役");

        // Facilitators and an added session.
        s.add_course_facilitator(course, w.users[2], &actor)
            .await
            .unwrap();
        assert!(s.is_course_facilitator(course, w.users[2]).await.unwrap());
        assert!(!s.is_course_facilitator(course, w.users[1]).await.unwrap());
        let added = s
            .add_course_session(
                course,
                &NewSession {
                    held_on: jiff::civil::date(2026, 11, 5),
                    venue: "市役所".into(),
                    kind: WorksheetKind::Solutions,
                },
                &actor,
            )
            .await
            .unwrap();
        let all = s.course_sessions(course).await.unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!((all[1].id, all[1].position), (added, 2));
        assert_eq!(s.courses_of_user(w.users[0]).await.unwrap().len(), 1);
        assert_eq!(s.courses_of_user(w.users[2]).await.unwrap().len(), 1);
        assert_eq!(s.org_users_in_region(w.region).await.unwrap().len(), 3);
    }
);
