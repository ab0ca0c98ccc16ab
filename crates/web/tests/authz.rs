//! Every route, walked with every role (and signed out), on SQLite and PostgreSQL.
//! Allowed requests must not be refused; refused ones must be 403 (signed in) or a
//! redirect to the sign-in page (signed out). This includes one organization's
//! admin trying another organization's pages.

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

    let h = hamanasu;
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
        get("/admin/orgs".into(), &[Admin]),
        get("/admin/regions".into(), &[Admin]),
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
        get(format!("/orgs/{h}/figures"), &[Admin, Hr]),
        post(
            format!("/orgs/{h}/figures"),
            &[Admin, Hr],
            &[("fiscal_year", "1900")],
        ),
        get(format!("/orgs/{h}/kpi"), &[Admin, Staff, Hr, Member]),
        get(
            format!("/orgs/{h}/kpi/monthly.csv?fy=2026"),
            &[Admin, Staff, Hr, Member],
        ),
        get(
            format!("/orgs/{h}/kpi/report.xlsx?fy=2026"),
            &[Admin, Staff, Hr, Member],
        ),
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
        get(format!("/orgs/{h}/plan"), &[Admin, Staff, Hr, Member]),
        post(format!("/orgs/{h}/plan"), &[Admin, Hr], &[("measures", "")]),
        get(format!("/orgs/{h}/disclosure"), &[Admin, Staff, Hr, Member]),
        get(
            format!("/orgs/{h}/disclosure.csv?fy=2025"),
            &[Admin, Staff, Hr, Member],
        ),
        get(format!("/orgs/{h}/readiness"), &[Admin, Staff, Hr, Member]),
        post(
            format!("/orgs/{h}/readiness/facts"),
            &[Admin, Hr],
            &[("fact.no_serious_violations", "yes")],
        ),
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
            } else if *who == Anonymous {
                status == 303 && loc.starts_with("/login?next=")
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
        let form = reqwest::multipart::Form::new().text("fiscal_year", "1900");
        let res = client.post_multipart(&format!("/orgs/{h}/kpi"), form).await;
        let status = res.status().as_u16();
        let expected_ok = match who {
            Admin | Hr => status == 422,
            Anonymous => status == 303,
            _ => status == 403,
        };
        if !expected_ok {
            failures.push(format!("POST /orgs/{h}/kpi as {who:?}: {status}"));
        }
    }
    for (who, client) in &clients {
        let form = reqwest::multipart::Form::new().text("declaration_id", "0");
        let res = client
            .post_multipart(&format!("/orgs/{h}/declare"), form)
            .await;
        let status = res.status().as_u16();
        let expected_ok = match who {
            Admin | Hr => status == 422,
            Anonymous => status == 303,
            _ => status == 403,
        };
        if !expected_ok {
            failures.push(format!("POST /orgs/{h}/declare as {who:?}: {status}"));
        }
    }
    assert!(
        failures.is_empty(),
        "authorization mismatches:\n{}",
        failures.join("\n")
    );
}

both_backends!(every_route_with_every_role, spawn_demo, walk);
