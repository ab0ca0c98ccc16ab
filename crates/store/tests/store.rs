//! Store behaviour, run on SQLite and on PostgreSQL (each test gets a fresh database).

use store::both_backends;
use store::declarations::{
    DeclarationInput, RegistryFilter, RegistrySort, SigningInput, SigningStatus,
};
use store::figures::ChildcareFiguresInput;
use store::login_attempts::ThrottleLimits;
use store::orgs::OrganizationInput;
use store::regions::NewRegion;
use store::testing::TestDb;
use store::{Backend, Error, Store};

async fn setup(backend: Backend) -> TestDb {
    TestDb::new(backend).await
}

async fn region(s: &Store) -> i64 {
    s.create_region(&NewRegion {
        code: "072095".into(),
        name_ja: "相馬市".into(),
        name_en: "Soma City".into(),
        prefecture: "07".into(),
        intro_ja: String::new(),
        intro_en: String::new(),
    })
    .await
    .unwrap()
}

async fn org(s: &Store, name: &str, org_type: &str, region_id: Option<i64>, pref: &str) -> i64 {
    s.create_organization(&OrganizationInput {
        name: name.into(),
        org_type: org_type.into(),
        region_id,
        prefecture: pref.into(),
        ..OrganizationInput::default()
    })
    .await
    .unwrap()
}

async fn declaration(s: &Store, slug: &str) -> i64 {
    s.create_declaration(&DeclarationInput {
        slug: slug.into(),
        title_ja: slug.into(),
        title_en: slug.into(),
        text_ja: "宣言します".into(),
        text_en: "We declare".into(),
        has_childcare_figures: false,
        position: 1,
    })
    .await
    .unwrap()
}

async fn sign(s: &Store, declaration_id: i64, org_id: i64, on: &str, approve: bool) -> i64 {
    let id = s
        .submit_signing(&SigningInput {
            declaration_id,
            org_id,
            declared_on: on.into(),
            representative_name: "代表".into(),
            representative_title: "市長".into(),
            message: "がんばります".into(),
            logo_upload_id: None,
            submitted_by: None,
        })
        .await
        .unwrap();
    if approve {
        s.review_signing(id, SigningStatus::Approved, None, "")
            .await
            .unwrap();
    }
    id
}

both_backends!(
    registry_orders_within_type_and_filters,
    setup,
    |db: TestDb| async move {
        let s = &db.store;
        let r = region(s).await;
        let d = declaration(s, "women-reemployment").await;
        let other = declaration(s, "other").await;
        // Five municipalities elsewhere declare first; 相馬市 is the 6th municipality,
        // although companies declared in between.
        for (i, (pref, on)) in [
            ("04", "2025-10-01"),
            ("12", "2025-11-01"),
            ("15", "2025-12-01"),
            ("33", "2026-01-01"),
            ("06", "2026-02-01"),
        ]
        .iter()
        .enumerate()
        {
            let m = org(s, &format!("町{i}"), "municipality", None, pref).await;
            sign(s, d, m, on, true).await;
        }
        let c1 = org(s, "会社A", "company", Some(r), "07").await;
        sign(s, d, c1, "2025-09-01", true).await;
        let soma = org(s, "相馬市", "municipality", Some(r), "07").await;
        sign(s, d, soma, "2026-06-01", true).await;
        let pending = org(s, "会社B", "company", Some(r), "07").await;
        sign(s, d, pending, "2026-01-01", false).await;
        // A signing of another declaration does not count toward this one's order.
        sign(s, other, soma, "2020-01-01", true).await;

        let all = s
            .registry(&RegistryFilter {
                declaration_id: Some(d),
                sort: RegistrySort::Oldest,
                limit: 100,
                ..RegistryFilter::default()
            })
            .await
            .unwrap();
        assert_eq!(all.len(), 7, "pending signings are not public");
        let soma_entry = all.iter().find(|e| e.org_id == soma).unwrap();
        assert_eq!(soma_entry.order_in_type, 6);
        assert_eq!(
            all.iter().find(|e| e.org_id == c1).unwrap().order_in_type,
            1
        );
        assert!(all.windows(2).all(|w| w[0].declared_on <= w[1].declared_on));

        // Filters keep the order computed over everyone.
        let filtered = s
            .registry(&RegistryFilter {
                declaration_id: Some(d),
                org_type: "municipality".into(),
                prefecture: "07".into(),
                limit: 100,
                ..RegistryFilter::default()
            })
            .await
            .unwrap();
        assert_eq!(filtered.len(), 1);
        assert_eq!(filtered[0].order_in_type, 6);
        assert_eq!(filtered[0].filtered_count, 1);

        // Pagination within one declaration, newest first.
        let page2 = s
            .registry(&RegistryFilter {
                declaration_id: Some(d),
                limit: 3,
                offset: 3,
                ..RegistryFilter::default()
            })
            .await
            .unwrap();
        assert_eq!(page2.len(), 3);
        assert_eq!(page2[0].filtered_count, 7);
        let counts = s.declarer_counts().await.unwrap();
        assert!(counts.contains(&(d, 7)));
        assert!(counts.contains(&(other, 1)));
    }
);

both_backends!(signing_review_rules, setup, |db: TestDb| async move {
    let s = &db.store;
    let r = region(s).await;
    let d = declaration(s, "paternity").await;
    let o = org(s, "会社", "company", Some(r), "07").await;
    let id = sign(s, d, o, "2026-05-01", false).await;
    // A second submission while pending is a conflict.
    let again = s
        .submit_signing(&SigningInput {
            declaration_id: d,
            org_id: o,
            declared_on: "2026-05-02".into(),
            representative_name: "x".into(),
            representative_title: "x".into(),
            message: "x".into(),
            logo_upload_id: None,
            submitted_by: None,
        })
        .await;
    assert!(matches!(again, Err(Error::Conflict(_))));
    assert_eq!(s.pending_signings(Some(r)).await.unwrap().len(), 1);
    assert_eq!(s.pending_signings(Some(r + 1)).await.unwrap().len(), 0);
    s.review_signing(id, SigningStatus::Rejected, None, "日付を確認してください")
        .await
        .unwrap();
    // Reviewing twice is a conflict; reviewing a missing signing is not found.
    assert!(matches!(
        s.review_signing(id, SigningStatus::Approved, None, "")
            .await,
        Err(Error::Conflict(_))
    ));
    assert!(matches!(
        s.review_signing(9999, SigningStatus::Approved, None, "")
            .await,
        Err(Error::NotFound)
    ));
    // A rejected signing can be submitted again and goes back to review.
    let resubmitted = sign(s, d, o, "2026-05-03", false).await;
    assert_eq!(resubmitted, id);
    let signing = s.signing(id).await.unwrap();
    assert_eq!(signing.status, "pending");
    assert_eq!(signing.declared_on, "2026-05-03");
    assert_eq!(signing.review_note, "");
});

both_backends!(
    users_roles_sessions_and_throttle_counts,
    setup,
    |db: TestDb| async move {
        let s = &db.store;
        let u = s
            .create_user("a@example.jp", "A", Some("hash"))
            .await
            .unwrap();
        assert!(matches!(
            s.create_user("a@example.jp", "A2", None).await,
            Err(Error::Conflict(_))
        ));
        let r = region(s).await;
        s.grant_role(u, "region_staff", Some(r), None)
            .await
            .unwrap();
        assert!(matches!(
            s.grant_role(u, "region_staff", Some(r), None).await,
            Err(Error::Conflict(_))
        ));
        s.grant_role(u, "platform_admin", None, None).await.unwrap();
        assert_eq!(s.roles_of(u).await.unwrap().len(), 2);

        let session = s.create_session(u, 3600).await.unwrap();
        let found = s.session(&session.token).await.unwrap().unwrap();
        assert_eq!(found.user_id, u);
        assert_eq!(found.csrf_token, session.csrf_token);
        assert_eq!(
            found.email, "a@example.jp",
            "the user comes with the session"
        );
        assert!(s.session("not-a-token").await.unwrap().is_none());
        // An expired session is not returned; disabling a user ends their sessions.
        let expired = s.create_session(u, -1).await.unwrap();
        assert!(s.session(&expired.token).await.unwrap().is_none());
        s.set_user_disabled(u, true).await.unwrap();
        assert!(s.session(&session.token).await.unwrap().is_none());

        let limits = ThrottleLimits {
            per_account: 5,
            per_address: 20,
            window_seconds: 900,
        };
        for _ in 0..3 {
            s.reserve_login_attempt("a@example.jp", "10.0.0.1", limits)
                .await
                .unwrap()
                .expect("under the limit");
        }
        let ok = s
            .reserve_login_attempt("a@example.jp", "10.0.0.2", limits)
            .await
            .unwrap()
            .unwrap();
        s.mark_login_succeeded(ok).await.unwrap();
        assert_eq!(
            s.recent_failures_for_email("a@example.jp", 900)
                .await
                .unwrap(),
            3
        );
        assert_eq!(s.recent_failures_for_ip("10.0.0.1", 900).await.unwrap(), 3);
        assert_eq!(s.recent_failures_for_ip("10.0.0.2", 900).await.unwrap(), 0);

        let token = s.issue_invite(u, 3600).await.unwrap();
        assert_eq!(s.user_by_invite(&token).await.unwrap().unwrap().id, u);
        assert_eq!(
            s.set_password_with_link(&token, "new").await.unwrap(),
            Some(u)
        );
        assert!(
            s.user_by_invite(&token).await.unwrap().is_none(),
            "invite links work once"
        );
        assert_eq!(
            s.set_password_with_link(&token, "again").await.unwrap(),
            None
        );
        assert_eq!(
            s.user(u).await.unwrap().password_hash.as_deref(),
            Some("new")
        );
        let expired = s.issue_invite(u, -1).await.unwrap();
        assert_eq!(s.set_password_with_link(&expired, "x").await.unwrap(), None);
    }
);

both_backends!(
    parallel_sign_in_attempts_cannot_overrun_the_limits,
    setup,
    |db: TestDb| async move {
        let s = &db.store;
        let limits = ThrottleLimits {
            per_account: 5,
            per_address: 20,
            window_seconds: 900,
        };
        // 40 guesses at one account from 40 addresses: 5 may be checked.
        let tries = (0..40).map(|i| {
            let s = s.clone();
            tokio::spawn(async move {
                s.reserve_login_attempt("victim@example.jp", &format!("10.1.0.{i}"), limits)
                    .await
                    .unwrap()
            })
        });
        let granted = count_granted(tries).await;
        assert_eq!(granted, 5, "per account");
        // 40 guesses at 40 accounts from one address: 20 may be checked.
        let tries = (0..40).map(|i| {
            let s = s.clone();
            tokio::spawn(async move {
                s.reserve_login_attempt(&format!("u{i}@example.jp"), "10.2.0.1", limits)
                    .await
                    .unwrap()
            })
        });
        assert_eq!(count_granted(tries).await, 20, "per address");
    }
);

async fn count_granted(tries: impl Iterator<Item = tokio::task::JoinHandle<Option<i64>>>) -> usize {
    let mut granted = 0;
    for t in tries.collect::<Vec<_>>() {
        if t.await.unwrap().is_some() {
            granted += 1;
        }
    }
    granted
}

both_backends!(
    a_link_sets_the_password_once_under_parallel_use,
    setup,
    |db: TestDb| async move {
        let s = &db.store;
        let u = s.create_user("b@example.jp", "B", None).await.unwrap();
        let session = s.create_session(u, 3600).await.unwrap();
        let token = s.issue_invite(u, 3600).await.unwrap();
        let uses: Vec<_> = (0..8)
            .map(|i| {
                let (s, token) = (s.clone(), token.clone());
                tokio::spawn(async move {
                    s.set_password_with_link(&token, &format!("hash{i}"))
                        .await
                        .unwrap()
                })
            })
            .collect();
        let mut winners = 0;
        for u in uses {
            winners += u.await.unwrap().is_some() as usize;
        }
        assert_eq!(winners, 1);
        assert!(s.session(&session.token).await.unwrap().is_none());

        // Changing one's password keeps this session and ends the others.
        let mine = s.create_session(u, 3600).await.unwrap();
        let other = s.create_session(u, 3600).await.unwrap();
        s.change_password(u, "changed", Some(&mine.token))
            .await
            .unwrap();
        assert!(s.session(&mine.token).await.unwrap().is_some());
        assert!(s.session(&other.token).await.unwrap().is_none());
    }
);

both_backends!(
    figures_prefer_computed_and_audit_is_newest_first,
    setup,
    |db: TestDb| async move {
        let s = &db.store;
        let o = org(s, "会社", "company", None, "07").await;
        let typed = ChildcareFiguresInput {
            fiscal_year: 2025,
            men_employed: 100,
            women_employed: 40,
            men_births: 10,
            women_births: 2,
            men_takers: 3,
            women_takers: 2,
            men_average_days: Some(12.5),
            men_method2_takers: None,
            attendance: Default::default(),
        };
        s.upsert_childcare_figures(o, "typed", &typed, None)
            .await
            .unwrap();
        s.upsert_childcare_figures(
            o,
            "typed",
            &ChildcareFiguresInput {
                men_takers: 4,
                ..typed.clone()
            },
            None,
        )
        .await
        .unwrap();
        let rows = s.childcare_figures(o).await.unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].men_takers, 4, "upsert replaces");
        assert_eq!(rows[0].men_average_days, Some(12.5));
        s.upsert_childcare_figures(
            o,
            "computed",
            &ChildcareFiguresInput {
                men_takers: 5,
                ..typed.clone()
            },
            None,
        )
        .await
        .unwrap();
        s.upsert_childcare_figures(
            o,
            "typed",
            &ChildcareFiguresInput {
                fiscal_year: 2024,
                ..typed
            },
            None,
        )
        .await
        .unwrap();
        let rows = s.childcare_figures(o).await.unwrap();
        assert_eq!(
            rows.iter()
                .map(|r| (r.fiscal_year, r.source.as_str()))
                .collect::<Vec<_>>(),
            vec![(2025, "computed"), (2024, "typed")]
        );

        let actor = store::audit::Actor {
            user_id: None,
            label: "t".into(),
            ip: "::1".into(),
        };
        s.audit(&actor, "create", "x", 1, "first").await.unwrap();
        s.audit(&actor, "update", "x", 1, "second").await.unwrap();
        let entries = s.audit_entries(10, 0).await.unwrap();
        assert_eq!(entries[0].detail, "second");
        assert_eq!(s.audit_entries(10, 1).await.unwrap()[0].detail, "first");
    }
);

both_backends!(uploads_round_trip_bytes, setup, |db: TestDb| async move {
    let s = &db.store;
    let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let id = s.save_upload("image/png", &bytes, None).await.unwrap();
    let back = s.upload(id).await.unwrap();
    assert_eq!(back.bytes, bytes);
    assert_eq!(back.content_type, "image/png");
    assert!(s.ping().await);
    assert!(matches!(s.upload(id + 1).await, Err(Error::NotFound)));
});

#[tokio::test]
async fn sqlite_online_backup_copies_the_database() {
    let db = TestDb::new(Backend::Sqlite).await;
    region(&db.store).await;
    let out = std::env::temp_dir().join(format!("erabareru-backup-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&out);
    db.store.backup_sqlite(&out).await.unwrap();
    let copy = Store::connect(&format!("sqlite://{}", out.display()))
        .await
        .unwrap();
    assert_eq!(copy.list_regions().await.unwrap()[0].code, "072095");
    assert!(
        db.store.backup_sqlite(&out).await.is_err(),
        "never overwrites"
    );
    copy.close().await;
    let _ = std::fs::remove_file(&out);
}

both_backends!(
    order_is_kept_up_to_date_on_writes,
    setup,
    |db: TestDb| async move {
        let s = &db.store;
        let r = region(s).await;
        let d = declaration(s, "work-style").await;
        let late = org(s, "遅い会社", "company", Some(r), "07").await;
        sign(s, d, late, "2026-03-01", true).await;
        let order_of = |org_id: i64| {
            let s = s.clone();
            async move { s.registry_entries_of_org(org_id).await.unwrap()[0].order_in_type }
        };
        assert_eq!(order_of(late).await, 1);
        // An earlier declaration approved later moves the later one down.
        let early = org(s, "早い会社", "company", Some(r), "07").await;
        sign(s, d, early, "2026-01-15", true).await;
        assert_eq!(order_of(early).await, 1);
        assert_eq!(order_of(late).await, 2);
        // Changing an organization's type moves it to the other ranking.
        let mut input = OrganizationInput {
            name: "早い会社".into(),
            org_type: "other".into(),
            region_id: Some(r),
            prefecture: "07".into(),
            ..OrganizationInput::default()
        };
        s.update_organization(early, &input).await.unwrap();
        assert_eq!(order_of(early).await, 1, "first among other bodies");
        assert_eq!(order_of(late).await, 1, "now first among companies");
        input.org_type = "company".into();
        s.update_organization(early, &input).await.unwrap();
        assert_eq!(order_of(late).await, 2);
    }
);

both_backends!(
    certification_inputs_round_trip,
    setup,
    |db: TestDb| async move {
        use store::certification::FactInput;
        let s = &db.store;
        let o = org(s, "はまなす", "company", None, "07").await;
        let other = org(s, "よその会社", "company", None, "07").await;

        s.put_year_extras(o, 2025, "wages", "{\"v\":1}", "wages.csv", None)
            .await
            .unwrap();
        s.put_year_extras(o, 2025, "recruitment", "{}", "r.csv", None)
            .await
            .unwrap();
        // Re-importing the same kind and year replaces it.
        s.put_year_extras(o, 2025, "wages", "{\"v\":2}", "wages2.csv", None)
            .await
            .unwrap();
        let rows = s.year_extras(o).await.unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].kind, "recruitment");
        assert_eq!(rows[1].data_json, "{\"v\":2}");
        assert_eq!(rows[1].file_name, "wages2.csv");
        assert!(s.year_extras(other).await.unwrap().is_empty());
        assert!(s.delete_year_extras(o, 2025, "wages").await.unwrap());
        assert!(!s.delete_year_extras(o, 2025, "wages").await.unwrap());

        let answer = |fact: &str, answer: Option<bool>| FactInput {
            fact: fact.into(),
            answer,
            note: format!("{fact} note"),
        };
        s.set_certification_facts(
            o,
            &[answer("a", Some(true)), answer("b", Some(false))],
            None,
        )
        .await
        .unwrap();
        s.set_certification_facts(o, &[answer("a", None), answer("b", Some(true))], None)
            .await
            .unwrap();
        let facts = s.certification_facts(o).await.unwrap();
        assert_eq!(facts.len(), 1, "clearing an answer removes it");
        assert_eq!((facts[0].fact.as_str(), facts[0].answer), ("b", true));
        assert!(s.certification_facts(other).await.unwrap().is_empty());

        s.put_industry_average("E", 2023, Some(251), Some(88), "雇用均等基本調査", None)
            .await
            .unwrap();
        s.put_industry_average("E", 2024, Some(262), None, "雇用均等基本調査", None)
            .await
            .unwrap();
        let pick = |fy| s.industry_average_for("E", fy);
        assert_eq!(pick(2026).await.unwrap().unwrap().fiscal_year, 2024);
        assert_eq!(
            pick(2023).await.unwrap().unwrap().women_managers_tenths,
            Some(88)
        );
        assert!(pick(2022).await.unwrap().is_none());
        assert!(s.industry_average_for("P", 2026).await.unwrap().is_none());
        assert_eq!(s.industry_averages().await.unwrap().len(), 2);
        assert!(s.delete_industry_average("E", 2024).await.unwrap());
        assert_eq!(pick(2026).await.unwrap().unwrap().fiscal_year, 2023);
    }
);

/// A queued job of a fresh organization, with one file.
async fn queued_job(s: &Store) -> (i64, i64) {
    let o = org(s, "取込会社", "company", None, "07").await;
    let job = s
        .create_import_job(
            o,
            2025,
            "{}",
            "canonical",
            false,
            &[("attendance.csv".into(), b"x".to_vec())],
            &["attendance.csv".into()],
            None,
        )
        .await
        .unwrap();
    assert!(
        s.transition_import_job(job, "preview", "queued")
            .await
            .unwrap()
    );
    (o, job)
}

/// Make a job's lease look expired, as when its worker's process died.
async fn expire_lease(s: &Store, job: i64) {
    sqlx::query("UPDATE import_jobs SET lease_until = '2000-01-01T00:00:00Z' WHERE id = $1")
        .bind(job)
        .execute(s.pool())
        .await
        .unwrap();
}

both_backends!(
    job_leases_expire_and_pass_to_another_worker,
    setup,
    |db: TestDb| async move {
        use store::jobs::{CancelOutcome, Lease};
        let s = &db.store;
        let (_, job) = queued_job(s).await;
        let claimed = s.claim_import_job("a", 60).await.unwrap().unwrap();
        assert_eq!((claimed.id, claimed.worker_id.as_str()), (job, "a"));
        assert_eq!(claimed.attempts, 1);
        assert!(claimed.lease_until.is_some());
        // A live lease: nobody else gets the job, and only its holder renews it.
        assert!(s.claim_import_job("b", 60).await.unwrap().is_none());
        assert_eq!(
            s.renew_import_lease(job, "b", 60, 1, 0).await.unwrap(),
            Lease::Lost
        );
        assert_eq!(
            s.renew_import_lease(job, "a", 60, 1, 0).await.unwrap(),
            Lease::Held
        );
        // Worker a dies: once its lease expired, b takes the job over.
        expire_lease(s, job).await;
        let taken = s.claim_import_job("b", 60).await.unwrap().unwrap();
        assert_eq!((taken.id, taken.worker_id.as_str()), (job, "b"));
        assert_eq!(taken.attempts, 2);
        // a comes back to life: it holds nothing and can write nothing.
        assert_eq!(
            s.renew_import_lease(job, "a", 60, 1, 0).await.unwrap(),
            Lease::Lost
        );
        assert!(!s.fail_import_job(job, "a", "x", "x", false).await.unwrap());
        assert!(!s.release_import_job(job, "a").await.unwrap());
        assert_eq!(s.import_job(job).await.unwrap().status, "running");
        // Cancelling a job a live worker runs asks that worker to stop.
        assert_eq!(
            s.cancel_import_job(job).await.unwrap(),
            CancelOutcome::Requested
        );
        assert_eq!(
            s.renew_import_lease(job, "b", 60, 1, 0).await.unwrap(),
            Lease::CancelRequested
        );
        // A clean hand-back queues the job again without counting an attempt.
        assert!(s.release_import_job(job, "b").await.unwrap());
        let back = s.import_job(job).await.unwrap();
        assert_eq!(
            (back.status.as_str(), back.worker_id.as_str()),
            ("queued", "")
        );
        assert_eq!(back.attempts, 1);
        assert_eq!(
            s.cancel_import_job(job).await.unwrap(),
            CancelOutcome::Cancelled
        );
        assert!(s.import_job_files(job).await.unwrap().is_empty());
        assert_eq!(
            s.cancel_import_job(job).await.unwrap(),
            CancelOutcome::Finished
        );

        // A job stuck running behind a dead worker is cancelled at once.
        let (_, stuck) = queued_job_in(s).await;
        s.claim_import_job("dead", 60).await.unwrap().unwrap();
        expire_lease(s, stuck).await;
        assert_eq!(
            s.cancel_import_job(stuck).await.unwrap(),
            CancelOutcome::Cancelled
        );
        assert_eq!(s.import_job(stuck).await.unwrap().status, "cancelled");
    }
);

/// A second queued job in the organization of the first.
async fn queued_job_in(s: &Store) -> (i64, i64) {
    let o = s.list_organizations().await.unwrap()[0].id;
    let job = s
        .create_import_job(o, 2025, "{}", "canonical", false, &[], &[], None)
        .await
        .unwrap();
    s.transition_import_job(job, "preview", "queued")
        .await
        .unwrap();
    (o, job)
}

fn completion(o: i64, sha: &str) -> store::jobs::JobCompletion {
    store::jobs::JobCompletion {
        actor: store::audit::Actor {
            user_id: None,
            label: "import job".into(),
            ip: String::new(),
        },
        import: Some(store::kpi::NewKpiImport {
            org_id: o,
            fiscal_year: 2025,
            content_sha256: sha.into(),
            files: "attendance.csv".into(),
            attendance_rows: 2,
            employees: 1,
            report_json: "{}".into(),
            created_by: None,
            employee_codes: Vec::new(),
            facts: vec![store::kpi::EmployeeMonthFact {
                employee_key: "k1".into(),
                month: "2025-04".into(),
                legal_overtime_minutes: 60,
                legal_holiday_minutes: 0,
            }],
        }),
        childcare: Some(ChildcareFiguresInput {
            fiscal_year: 2025,
            men_employed: 10,
            women_employed: 5,
            men_births: 2,
            women_births: 1,
            men_takers: 1,
            women_takers: 1,
            men_average_days: None,
            men_method2_takers: None,
            attendance: Default::default(),
        }),
        extras: vec![store::jobs::YearExtrasInput {
            fiscal_year: 2025,
            kind: "wages".into(),
            data_json: "{}".into(),
            file_name: "wages.csv".into(),
        }],
        processed_rows: 2,
    }
}

async fn kpi_audit_entries(s: &Store) -> usize {
    s.audit_entries(100, 0)
        .await
        .unwrap()
        .iter()
        .filter(|e| e.entity == "kpi_import" || e.entity == "year_extras")
        .count()
}

both_backends!(
    a_finished_import_is_written_all_at_once_or_not_at_all,
    setup,
    |db: TestDb| async move {
        use store::kpi::ImportOutcome;
        let s = &db.store;
        let (o, job) = queued_job(s).await;
        s.claim_import_job("a", 60).await.unwrap().unwrap();
        // The last step (the job's own `done`, under the lease) fails: nothing of
        // the import may be visible.
        let err = s
            .complete_import_job(job, "b", &completion(o, "sha-1"))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::LeaseLost), "{err}");
        assert!(s.current_kpi_import(o, 2025).await.unwrap().is_none());
        assert_eq!(s.kpi_fact_count(o, 2025).await.unwrap(), 0);
        assert!(s.childcare_figures(o).await.unwrap().is_empty());
        assert!(s.year_extras(o).await.unwrap().is_empty());
        assert_eq!(kpi_audit_entries(s).await, 0);
        assert_eq!(s.import_job(job).await.unwrap().status, "running");

        // The holder of the lease writes all of it, and the job ends done.
        let outcome = s
            .complete_import_job(job, "a", &completion(o, "sha-1"))
            .await
            .unwrap();
        let Some(ImportOutcome::Stored(import_id)) = outcome else {
            panic!("{outcome:?}")
        };
        assert_eq!(s.kpi_fact_count(o, 2025).await.unwrap(), 1);
        assert_eq!(s.childcare_figures(o).await.unwrap()[0].source, "computed");
        assert_eq!(s.year_extras(o).await.unwrap().len(), 1);
        assert_eq!(kpi_audit_entries(s).await, 2);
        let done = s.import_job(job).await.unwrap();
        assert_eq!(
            (done.status.as_str(), done.outcome.as_str(), done.import_id),
            ("done", "stored", Some(import_id))
        );
        assert_eq!((done.worker_id.as_str(), done.lease_until), ("", None));
        assert!(s.import_job_files(job).await.unwrap().is_empty());

        // The same content again changes nothing.
        let (_, again) = queued_job_in(s).await;
        s.claim_import_job("a", 60).await.unwrap().unwrap();
        let outcome = s
            .complete_import_job(again, "a", &completion(o, "sha-1"))
            .await
            .unwrap();
        assert_eq!(outcome, Some(ImportOutcome::Unchanged(import_id)));
    }
);

both_backends!(
    a_resumed_job_redoes_what_a_crash_left_unwritten,
    setup,
    |db: TestDb| async move {
        use store::kpi::ImportOutcome;
        let s = &db.store;
        let (o, job) = queued_job(s).await;
        // What a crash right after saving the import left (the writes used to be
        // separate): the import and its facts, no figures, no audit entry.
        let partial = completion(o, "sha-2").import.unwrap();
        let ImportOutcome::Stored(import_id) = s.store_kpi_import(&partial).await.unwrap() else {
            panic!("stored")
        };
        s.claim_import_job("a", 60).await.unwrap().unwrap();
        expire_lease(s, job).await;
        s.claim_import_job("b", 60).await.unwrap().unwrap();
        let outcome = s
            .complete_import_job(job, "b", &completion(o, "sha-2"))
            .await
            .unwrap();
        assert_eq!(outcome, Some(ImportOutcome::Stored(import_id)));
        let figures = s.childcare_figures(o).await.unwrap();
        assert_eq!((figures.len(), figures[0].men_births), (1, 2));
        let audit = s.audit_entries(100, 0).await.unwrap();
        assert!(
            audit
                .iter()
                .any(|e| e.entity == "kpi_import" && e.entity_id == import_id.to_string()),
            "the import gets its audit entry"
        );
        assert_eq!(s.import_job(job).await.unwrap().outcome, "stored");
    }
);

both_backends!(
    job_texts_with_nul_are_stored,
    setup,
    |db: TestDb| async move {
        let s = &db.store;
        let o = org(s, "会社", "company", None, "07").await;
        // PostgreSQL refuses NUL in text: names and messages quoting a binary
        // file must still be stored, with U+FFFD in its place.
        let job = s
            .create_import_job(
                o,
                2025,
                "{}",
                "canonical",
                false,
                &[("attendance.csv".into(), b"\0\0".to_vec())],
                &["a\0b.csv".into()],
                None,
            )
            .await
            .unwrap();
        assert_eq!(
            s.import_job(job).await.unwrap().file_names,
            "a\u{FFFD}b.csv"
        );
        s.transition_import_job(job, "preview", "queued")
            .await
            .unwrap();
        s.claim_import_job("a", 60).await.unwrap().unwrap();
        assert!(
            s.fail_import_job(job, "a", "1行目に\0があります", "NUL \0 on line 1", false)
                .await
                .unwrap()
        );
        let failed = s.import_job(job).await.unwrap();
        assert_eq!(failed.status, "failed");
        assert_eq!(failed.error_en, "NUL \u{FFFD} on line 1");
        assert!(failed.error_ja.contains('\u{FFFD}'));
    }
);

both_backends!(
    employee_codes_are_sealed_at_rest_and_bound_to_their_organization,
    setup,
    |db: TestDb| async move {
        use store::employee_codes::{EmployeeCode, EmployeeCodeKey, StoredCode};
        use store::kpi::NewKpiImport;
        let s = &db.store;
        let a = org(s, "会社A", "company", None, "07").await;
        let b = org(s, "会社B", "company", None, "07").await;
        let import = |org_id: i64, sha: &str| NewKpiImport {
            org_id,
            fiscal_year: 2026,
            content_sha256: sha.into(),
            files: "attendance.csv".into(),
            attendance_rows: 1,
            employees: 1,
            report_json: "{}".into(),
            created_by: None,
            facts: Vec::new(),
            employee_codes: vec![EmployeeCode {
                pseudonym: "P-0123456789".into(),
                code: "EMPCODE-4711".into(),
            }],
        };
        s.store_kpi_import(&import(a, "x")).await.unwrap();
        assert_eq!(
            s.employee_codes(a).await.unwrap().get("P-0123456789"),
            Some(&StoredCode::Code("EMPCODE-4711".into()))
        );
        // The raw rows hold no plaintext code (what a database dump would show).
        let rows: Vec<(i64, String, Vec<u8>, Vec<u8>)> =
            sqlx::query_as("SELECT org_id, pseudonym, nonce, ciphertext FROM employee_codes")
                .fetch_all(s.pool())
                .await
                .unwrap();
        assert_eq!(rows.len(), 1);
        for (_, pseudonym, nonce, ciphertext) in &rows {
            assert!(!pseudonym.contains("EMPCODE"));
            for bytes in [nonce, ciphertext] {
                assert!(!bytes.windows(12).any(|w| w == b"EMPCODE-4711"));
            }
        }
        let text: Vec<String> = sqlx::query_scalar("SELECT report_json FROM kpi_imports")
            .fetch_all(s.pool())
            .await
            .unwrap();
        assert!(!text.concat().contains("EMPCODE"));
        // A row copied to another organization does not open there.
        let (_, pseudonym, nonce, ciphertext) = rows[0].clone();
        sqlx::query(
            "INSERT INTO employee_codes (org_id, pseudonym, nonce, ciphertext) VALUES ($1, $2, $3, $4)",
        )
        .bind(b)
        .bind(&pseudonym)
        .bind(nonce)
        .bind(ciphertext)
        .execute(s.pool())
        .await
        .unwrap();
        assert_eq!(
            s.employee_codes(b).await.unwrap().get("P-0123456789"),
            Some(&StoredCode::Unreadable)
        );
        // Another key (a changed key file) reads nothing; importing the same files
        // again with it seals the codes anew.
        let other = s.clone().with_employee_code_key(EmployeeCodeKey::random());
        assert_eq!(
            other.employee_codes(a).await.unwrap().get("P-0123456789"),
            Some(&StoredCode::Unreadable)
        );
        other.store_kpi_import(&import(a, "x")).await.unwrap();
        assert_eq!(
            other.employee_codes(a).await.unwrap().get("P-0123456789"),
            Some(&StoredCode::Code("EMPCODE-4711".into()))
        );
    }
);

both_backends!(
    region_sharing_is_off_until_chosen,
    setup,
    |db: TestDb| async move {
        let s = &db.store;
        let a = org(s, "会社A", "company", None, "07").await;
        assert!(!s.organization(a).await.unwrap().shares_with_region());
        s.set_share_aggregates_with_region(a, true).await.unwrap();
        assert!(s.organization(a).await.unwrap().shares_with_region());
        s.set_share_aggregates_with_region(a, false).await.unwrap();
        assert!(!s.organization(a).await.unwrap().shares_with_region());
        assert!(matches!(
            s.set_share_aggregates_with_region(999_999, true).await,
            Err(Error::NotFound)
        ));
    }
);

both_backends!(
    invite_user_writes_all_or_nothing,
    setup,
    |db: TestDb| async move {
        let s = &db.store;
        let region_id = region(s).await;
        let actor = store::audit::Actor {
            user_id: None,
            label: "admin@example.jp".into(),
            ip: String::new(),
        };
        let audit_before = s.audit_entries(1000, 0).await.unwrap().len();
        // An organization that does not exist: the role's foreign key refuses it
        // after the user row was inserted, and the user must not remain.
        let failed = s
            .invite_user(
                "new@example.jp",
                "新人",
                "org_admin",
                (None, Some(999_999)),
                3600,
                &actor,
                "invited",
            )
            .await;
        assert!(failed.is_err(), "{failed:?}");
        assert!(s.user_by_email("new@example.jp").await.unwrap().is_none());
        assert_eq!(s.audit_entries(1000, 0).await.unwrap().len(), audit_before);

        let (id, token) = s
            .invite_user(
                "New@Example.jp",
                "新人",
                "region_staff",
                (Some(region_id), None),
                3600,
                &actor,
                "invited",
            )
            .await
            .unwrap();
        let user = s.user_by_invite(&token).await.unwrap().unwrap();
        assert_eq!(user.id, id);
        assert_eq!(user.email, "new@example.jp");
        let roles = s.roles_of(id).await.unwrap();
        assert_eq!(roles.len(), 1);
        assert_eq!(roles[0].region_id, Some(region_id));
        let entries = s.audit_entries(1000, 0).await.unwrap();
        assert_eq!(entries.len(), audit_before + 1);
        assert_eq!(entries[0].entity_id, id.to_string());

        // The same e-mail again is a conflict and writes nothing.
        let again = s
            .invite_user(
                "new@example.jp",
                "別人",
                "org_member",
                (Some(region_id), None),
                3600,
                &actor,
                "invited",
            )
            .await;
        assert!(matches!(again, Err(Error::Conflict(_))), "{again:?}");
        assert_eq!(
            s.audit_entries(1000, 0).await.unwrap().len(),
            audit_before + 1
        );
    }
);

fn kickoff() -> store::events::EventFields {
    use domain::event::{EventKind, EventStatus, LocalDateTime, parse_speakers};
    store::events::EventFields {
        kind: EventKind::LectureAndPanel,
        status: EventStatus::Draft,
        title: "人手不足を解消し、成果も上がる働き方改革".into(),
        title_kana: String::new(),
        title_en: "Work-style reform".into(),
        description: "講演とパネルディスカッション".into(),
        speakers: parse_speakers("山田花子｜講師\n相馬太郎｜相馬市長").unwrap(),
        starts_at: LocalDateTime::parse("2026-06-24T13:30").unwrap(),
        ends_at: LocalDateTime::parse("2026-06-24T16:00").unwrap(),
        venue_name: "相馬市総合福祉センター".into(),
        venue_address: "福島県相馬市".into(),
        access: String::new(),
        parking: String::new(),
        online_url: String::new(),
        capacity: Some(100),
        audience: "経営者・人事担当者".into(),
        citizens_welcome: true,
        registration_deadline: Some(LocalDateTime::parse("2026-06-17T17:00").unwrap()),
        fee: "無料".into(),
        organizer: "相馬市".into(),
        contact_name: "商工観光課".into(),
        contact_phone: "0244-37-2111".into(),
        program_year: 2026,
        declaration_id: None,
    }
}

both_backends!(
    events_round_trip_and_stay_private_until_published,
    setup,
    |db: TestDb| async move {
        use domain::event::EventStatus;
        let s = &db.store;
        let region_id = region(s).await;
        let actor = store::audit::Actor {
            user_id: None,
            label: "staff@example.jp".into(),
            ip: String::new(),
        };
        let mut fields = kickoff();
        let id = s.create_event(region_id, &fields, &actor).await.unwrap();
        let stored = s.event(id).await.unwrap();
        assert_eq!(stored.fields, fields);
        assert_eq!(stored.sequence, 0);
        assert!(stored.uid.ends_with("@erabareru"));
        // A draft is for staff only.
        assert!(s.public_events(None).await.unwrap().is_empty());
        assert_eq!(s.events_of_regions(&[region_id]).await.unwrap().len(), 1);

        fields.status = EventStatus::Published;
        fields.capacity = None;
        s.update_event(id, &fields, &actor).await.unwrap();
        let updated = s.event(id).await.unwrap();
        assert_eq!(updated.fields, fields);
        assert_eq!(updated.sequence, 1);
        assert_eq!(updated.uid, stored.uid, "the UID never changes");
        let public = s.public_events(Some(region_id)).await.unwrap();
        assert_eq!(public.len(), 1);
        assert!(
            s.public_events(Some(region_id + 1))
                .await
                .unwrap()
                .is_empty()
        );

        // Both writes are in the audit log, and a missing event is NotFound.
        let audit: Vec<_> = s
            .audit_entries(100, 0)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.entity == "event")
            .collect();
        assert_eq!(audit.len(), 2);
        assert!(matches!(
            s.update_event(id + 100, &fields, &actor).await,
            Err(Error::NotFound)
        ));
        assert!(matches!(s.event(id + 100).await, Err(Error::NotFound)));
        // A region that does not exist: nothing written, not even the audit entry.
        assert!(
            s.create_event(region_id + 100, &fields, &actor)
                .await
                .is_err()
        );
        assert_eq!(
            s.events_of_regions(&[region_id + 100]).await.unwrap().len(),
            0
        );
    }
);

both_backends!(
    registrations_are_erased_after_the_retention_period,
    setup,
    |db: TestDb| async move {
        use store::registrations::NewRegistration;
        let s = &db.store;
        let region_id = region(s).await;
        let mut fields = kickoff();
        fields.status = domain::event::EventStatus::Published;
        let event = s
            .create_event(region_id, &fields, &store::audit::Actor::default())
            .await
            .unwrap();
        let mail = |r: &store::registrations::Registration| store::mail::NewMail {
            recipient: r.email.clone(),
            language: "ja".into(),
            kind: store::mail::MailKind::EventRegistration,
            subject: "s".into(),
            body_text: "t".into(),
            body_html: "h".into(),
            max_attempts: 1,
            expires_in_seconds: None,
        };
        for (name, email) in [("山田", "a@example.jp"), ("佐藤", "b@example.jp")] {
            s.register_for_event(
                &NewRegistration {
                    event_id: event,
                    name: name.into(),
                    organization: "はまなす".into(),
                    org_id: None,
                    role: domain::event::AttendeeRole::Citizen,
                    email: email.into(),
                    language: "ja".into(),
                },
                &store::hash_token(email),
                mail,
            )
            .await
            .unwrap();
        }
        // The day before: one reminder per confirmed person, once, whoever runs it.
        let remind = |e: &store::events::Event, r: &store::registrations::Registration| {
            store::mail::NewMail {
                subject: format!("明日 {}", e.fields.title),
                kind: store::mail::MailKind::EventReminder,
                ..mail(r)
            }
        };
        assert_eq!(
            s.queue_event_reminders(jiff::civil::date(2026, 6, 23), remind)
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            s.queue_event_reminders(jiff::civil::date(2026, 6, 24), remind)
                .await
                .unwrap(),
            2
        );
        assert_eq!(
            s.queue_event_reminders(jiff::civil::date(2026, 6, 24), remind)
                .await
                .unwrap(),
            0
        );
        let reminders: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM mail_queue WHERE kind = 'event_reminder'")
                .fetch_one(s.pool())
                .await
                .unwrap();
        assert_eq!(reminders, 2);
        // The event ended on 2026-06-24; the region keeps the data 180 days: until 2026-12-21.
        assert_eq!(
            s.erase_expired_registrations(jiff::civil::date(2026, 12, 21))
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            s.erase_expired_registrations(jiff::civil::date(2026, 12, 22))
                .await
                .unwrap(),
            2
        );
        let rows = s.registrations_of_event(event).await.unwrap();
        assert_eq!(rows.len(), 2, "the rows stay, so the counts stay true");
        assert!(
            rows.iter()
                .all(|r| r.name.is_empty() && r.organization.is_empty())
        );
        assert!(rows.iter().all(|r| !r.email.contains('@')));
        assert_eq!(s.registration_counts(event).await.unwrap().confirmed, 2);
        // The cancel links are dead, and a second pass finds nothing left to erase.
        assert!(
            s.registration_by_cancel_token(&store::hash_token("a@example.jp"))
                .await
                .is_err()
        );
        assert_eq!(
            s.erase_expired_registrations(jiff::civil::date(2027, 6, 1))
                .await
                .unwrap(),
            0
        );
    }
);
