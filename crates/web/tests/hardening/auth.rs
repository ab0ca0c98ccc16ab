//! Sign-in throttling under parallel guesses, the client address behind proxies,
//! sessions after password changes and resets, one-time links, and `next` redirects.

use std::net::SocketAddr;

use axum::http::{HeaderMap, HeaderValue};
use store::both_backends;
use web::context::client_ip;

use crate::support::*;

/// A signed-out client holding the CSRF token of its sign-in page.
async fn ready_client(app: &TestApp) -> (Client, String) {
    let c = app.client();
    let token = c.csrf().await;
    (c, token)
}

/// POST /login from each client at once; the statuses, in order.
async fn sign_in_all_at_once(
    clients: Vec<(Client, String)>,
    attempts: Vec<(String, String)>,
    forwarded_for: Option<&str>,
) -> Vec<u16> {
    let tasks: Vec<_> = clients
        .into_iter()
        .zip(attempts)
        .map(|((c, token), (email, password))| {
            let fwd = forwarded_for.map(str::to_string);
            tokio::spawn(async move {
                let mut req = c.http.post(format!("{}/login", c.base)).form(&[
                    ("email", email.as_str()),
                    ("password", password.as_str()),
                    ("next", "/dashboard"),
                    ("csrf_token", token.as_str()),
                ]);
                if let Some(f) = fwd {
                    req = req.header("x-forwarded-for", f);
                }
                req.send().await.expect("POST /login").status().as_u16()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    statuses
}

/// POST /login with an `X-Forwarded-For` header.
async fn login_via_proxy(c: &Client, email: &str, password: &str, fwd: &str) -> u16 {
    let token = c.csrf().await;
    c.http
        .post(format!("{}/login", c.base))
        .header("x-forwarded-for", fwd)
        .form(&[
            ("email", email),
            ("password", password),
            ("next", "/dashboard"),
            ("csrf_token", &token),
        ])
        .send()
        .await
        .expect("POST /login")
        .status()
        .as_u16()
}

both_backends!(
    parallel_wrong_passwords_check_at_most_the_account_limit,
    spawn_demo,
    |app: TestApp| async move {
        let mut clients = Vec::new();
        for _ in 0..40 {
            clients.push(ready_client(&app).await);
        }
        let attempts = (0..40)
            .map(|i| (HR.0.to_string(), format!("wrong password {i}")))
            .collect();
        let statuses = sign_in_all_at_once(clients, attempts, None).await;
        let checked = statuses.iter().filter(|s| **s != 429).count();
        assert!(
            statuses.iter().all(|s| *s == 401 || *s == 429),
            "{statuses:?}"
        );
        assert_eq!(checked, 5, "only 5 passwords were checked: {statuses:?}");
        assert_eq!(app.client().get("/healthz").await.status(), 200);
        // The right password is refused too until the window has passed.
        assert_eq!(app.client().login(HR.0, HR.1).await.status(), 429);
        assert_eq!(
            app.store()
                .recent_failures_for_email(HR.0, 900)
                .await
                .unwrap(),
            5
        );
    }
);

both_backends!(
    parallel_guesses_at_many_accounts_check_at_most_the_address_limit,
    spawn_demo,
    |app: TestApp| async move {
        let mut clients = Vec::new();
        for _ in 0..40 {
            clients.push(ready_client(&app).await);
        }
        let attempts = (0..40)
            .map(|i| (format!("guess{i}@example.jp"), "wrong password".to_string()))
            .collect();
        let statuses = sign_in_all_at_once(clients, attempts, None).await;
        let checked = statuses.iter().filter(|s| **s != 429).count();
        assert_eq!(checked, 20, "{statuses:?}");
        assert_eq!(app.client().login(MEMBER.0, MEMBER.1).await.status(), 429);
    }
);

both_backends!(
    a_successful_sign_in_does_not_count_as_a_failure,
    spawn_demo,
    |app: TestApp| async move {
        for _ in 0..6 {
            app.signed_in(HR).await;
        }
        assert_eq!(
            app.store()
                .recent_failures_for_email(HR.0, 900)
                .await
                .unwrap(),
            0
        );
    }
);

fn forwarded(values: &[&str]) -> HeaderMap {
    let mut h = HeaderMap::new();
    for v in values {
        h.append("x-forwarded-for", HeaderValue::from_str(v).unwrap());
    }
    h
}

#[test]
fn the_client_address_is_the_one_the_trusted_proxy_appended() {
    let peer: Option<SocketAddr> = Some("10.0.0.9:4431".parse().unwrap());
    let h = forwarded(&["1.2.3.4, 198.51.100.7"]);
    assert_eq!(client_ip(&h, peer, true, 1), "198.51.100.7");
    assert_eq!(client_ip(&h, peer, true, 2), "1.2.3.4");
    assert_eq!(client_ip(&h, peer, false, 1), "10.0.0.9", "not trusted");
    // Too few entries for the configured hops: the peer, not a client-chosen value.
    assert_eq!(client_ip(&h, peer, true, 3), "10.0.0.9");
    // Several header lines are one list.
    let h = forwarded(&["6.6.6.6", "203.0.113.5"]);
    assert_eq!(client_ip(&h, peer, true, 1), "203.0.113.5");
    // Not an address: the peer.
    for bad in [
        "1.2.3.4, evil",
        "1.2.3.4, ",
        "unknown",
        "1.2.3.4, 300.1.1.1",
    ] {
        assert_eq!(
            client_ip(&forwarded(&[bad]), peer, true, 1),
            "10.0.0.9",
            "{bad}"
        );
    }
    assert_eq!(client_ip(&HeaderMap::new(), peer, true, 1), "10.0.0.9");
    // Ports and IPv6 as some proxies write them; IPv4-mapped IPv6 is the IPv4 address.
    assert_eq!(
        client_ip(&forwarded(&["x, 192.0.2.1:5000"]), peer, true, 1),
        "192.0.2.1"
    );
    assert_eq!(
        client_ip(&forwarded(&["[2001:db8::1]:443"]), peer, true, 1),
        "2001:db8::1"
    );
    assert_eq!(
        client_ip(&forwarded(&["::ffff:192.0.2.1"]), peer, true, 1),
        "192.0.2.1"
    );
    assert_eq!(client_ip(&HeaderMap::new(), None, true, 1), "unknown");
}

async fn spawn_behind_proxy(backend: Backend) -> TestApp {
    let app = spawn_with(
        backend,
        web::Config {
            trust_proxy: true,
            ..test_config()
        },
    )
    .await;
    web::demo::load(app.store()).await.expect("demo data loads");
    app
}

both_backends!(
    a_rotating_fake_forwarded_for_entry_is_still_throttled,
    spawn_behind_proxy,
    |app: TestApp| async move {
        let c = app.client();
        // The client writes any first entry it likes; the proxy appends the real one.
        for i in 0..20 {
            let fwd = format!("203.0.113.{i}, 198.51.100.7");
            let status = login_via_proxy(&c, &format!("g{i}@example.jp"), "nope", &fwd).await;
            assert_eq!(status, 401, "attempt {i}");
        }
        let status = login_via_proxy(&c, HR.0, HR.1, "203.0.113.99, 198.51.100.7").await;
        assert_eq!(status, 429, "the address behind the proxy is throttled");
        let status = login_via_proxy(&c, HR.0, HR.1, "198.51.100.8").await;
        assert_eq!(status, 303, "another client behind the same proxy is not");
    }
);

both_backends!(
    changing_ones_password_ends_ones_other_sessions,
    spawn_demo,
    |app: TestApp| async move {
        let here = app.signed_in(HR).await;
        let elsewhere = app.signed_in(HR).await;
        let res = here
            .post_form(
                "/account/password",
                &[
                    ("current", HR.1),
                    ("password", "another long one"),
                    ("confirm", "another long one"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(here.get("/dashboard").await.status(), 200, "this one stays");
        assert_eq!(
            location(&elsewhere.get("/dashboard").await),
            "/login?next=%2Fdashboard",
            "the other one is signed out"
        );
        assert_eq!(app.client().login(HR.0, HR.1).await.status(), 401);
        assert_eq!(
            app.client().login(HR.0, "another long one").await.status(),
            303
        );
    }
);

/// The reset link the admin page shows for `email`'s account, and the page.
async fn reset_link(app: &TestApp, admin: &Client, email: &str) -> (String, String) {
    let user = app.store().user_by_email(email).await.unwrap().unwrap();
    let res = admin
        .post_form(&format!("/admin/users/{}/reset", user.id), &[])
        .await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    let start = html.find("/invite/").expect("the reset link is shown");
    (html[start..start + 8 + 64].to_string(), html)
}

both_backends!(
    an_admin_reset_keeps_the_old_password_until_the_link_is_used,
    spawn_demo,
    |app: TestApp| async move {
        let admin = app.signed_in(ADMIN).await;
        let member = app.signed_in(MEMBER).await;
        let (link, page) = reset_link(&app, &admin, MEMBER.0).await;
        assert!(
            page.contains("id=\"reset-link-note\"")
                && page
                    .contains("このリンクが使われるまでは、今のパスワードでもログインできます。"),
            "the admin is told what the link does"
        );
        assert_eq!(
            member.get("/dashboard").await.status(),
            303,
            "issuing the link signs the user out"
        );
        // Not locked out: the old password still works…
        let with_old = app.signed_in(MEMBER).await;
        assert_eq!(with_old.get("/dashboard").await.status(), 200);
        // …until the link sets a new one, which ends every session.
        let res = app
            .client()
            .post_form(
                &link,
                &[
                    ("password", "the member's new one"),
                    ("confirm", "the member's new one"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(with_old.get("/dashboard").await.status(), 303);
        assert_eq!(app.client().login(MEMBER.0, MEMBER.1).await.status(), 401);
        assert_eq!(
            app.client()
                .login(MEMBER.0, "the member's new one")
                .await
                .status(),
            303
        );
    }
);

both_backends!(
    a_link_used_by_8_parallel_posts_sets_one_password,
    spawn_demo,
    |app: TestApp| async move {
        let admin = app.signed_in(ADMIN).await;
        let (link, _) = reset_link(&app, &admin, MEMBER.0).await;
        let mut clients = Vec::new();
        for _ in 0..8 {
            clients.push(ready_client(&app).await);
        }
        let tasks: Vec<_> = clients
            .into_iter()
            .enumerate()
            .map(|(i, (c, token))| {
                let url = format!("{}{link}", c.base);
                tokio::spawn(async move {
                    let pw = format!("parallel password {i}");
                    let res = c
                        .http
                        .post(url)
                        .form(&[
                            ("password", pw.as_str()),
                            ("confirm", pw.as_str()),
                            ("csrf_token", token.as_str()),
                        ])
                        .send()
                        .await
                        .expect("POST link");
                    (res.status().as_u16(), pw)
                })
            })
            .collect();
        let mut results = Vec::new();
        for t in tasks {
            results.push(t.await.unwrap());
        }
        let winners: Vec<_> = results.iter().filter(|(s, _)| *s == 303).collect();
        assert_eq!(winners.len(), 1, "{results:?}");
        assert!(
            results.iter().all(|(s, _)| *s == 303 || *s == 404),
            "{results:?}"
        );
        assert_eq!(
            app.client().login(MEMBER.0, &winners[0].1).await.status(),
            303,
            "the password set is the winner's"
        );
    }
);

/// `next` values that must not leave the site, as they arrive after decoding.
const HOSTILE_NEXT: &[&str] = &[
    "/\t/evil.example",
    "/\n/evil.example",
    "/\u{b}/evil.example",
    "//evil.example",
    "/\\evil.example",
    "https://evil.example/",
];

both_backends!(
    next_never_leaves_the_site,
    spawn_demo,
    |app: TestApp| async move {
        let hr = app.signed_in(HR).await;
        // GET /login when signed in, with the raw query a link would carry.
        for raw in [
            "/%09/evil.example",
            "/%0A/evil.example",
            "/%0B/evil.example",
            "%2F%2Fevil.example",
        ] {
            let res = hr.get(&format!("/login?next={raw}")).await;
            if raw == "/%0B/evil.example" {
                // A control character (other than tab, CR, LF) in a query is refused
                // outright by the one input check (forms::refuse_control_characters).
                assert_eq!(res.status(), 400, "{raw}");
                continue;
            }
            assert_eq!(res.status(), 303, "{raw}");
            assert_eq!(location(&res), "/dashboard", "{raw}");
        }
        let res = hr.get("/login?next=/declarations%3Ftype%3Dcompany").await;
        assert_eq!(location(&res), "/declarations?type=company");

        let c = app.client();
        for next in HOSTILE_NEXT {
            let res = c
                .post_form(
                    "/login",
                    &[("email", HR.0), ("password", HR.1), ("next", next)],
                )
                .await;
            if next.contains('\u{b}') {
                // Refused outright by the control-character check.
                assert_eq!(res.status(), 400, "{next:?}");
                continue;
            }
            assert_eq!(res.status(), 303, "{next:?}");
            assert_eq!(location(&res), "/dashboard", "POST /login {next:?}");

            let res = c
                .post_form("/lang", &[("lang", "ja"), ("next", next)])
                .await;
            assert_eq!(res.status(), 303, "{next:?}");
            assert_eq!(location(&res), "/dashboard", "POST /lang {next:?}");
        }
        let res = c
            .post_form(
                "/lang",
                &[("lang", "en"), ("next", "/declarations?type=company")],
            )
            .await;
        assert_eq!(location(&res), "/declarations?type=company");
    }
);
