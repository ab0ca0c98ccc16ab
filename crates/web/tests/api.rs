//! The public JSON API `/api/v1` (issue 12) through the real server, on SQLite
//! and PostgreSQL: the OpenAPI document lists every route and each answers;
//! pagination with `Link` and totals; ETag and 304; problem documents for bad
//! input; 410 for a closed posting, which no list holds; only what the open
//! data holds; the per-address limit with `Retry-After`.

mod support;

use std::collections::BTreeSet;

use serde_json::Value;
use store::both_backends;
use support::*;

async fn json(c: &Client, path: &str) -> (u16, reqwest::header::HeaderMap, Value) {
    let res = c.get(path).await;
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let text = res.text().await.unwrap();
    let v = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}: {text}"));
    (status, headers, v)
}

fn header<'a>(h: &'a reqwest::header::HeaderMap, name: &str) -> &'a str {
    h.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

/// Every item of a list, walking its pages by the `next` links.
async fn every_item(c: &Client, base: &str, path: &str) -> Vec<Value> {
    let mut items = Vec::new();
    let mut next = Some(format!("{path}?per_page=100"));
    while let Some(p) = next.take() {
        let (status, h, v) = json(c, &p).await;
        assert_eq!(status, 200, "{p}: {v}");
        items.extend(v["items"].as_array().unwrap().iter().cloned());
        next = header(&h, "link")
            .split(", ")
            .find(|l| l.ends_with("rel=\"next\""))
            .map(|l| {
                l.trim_start_matches('<')
                    .split('>')
                    .next()
                    .unwrap()
                    .trim_start_matches(base)
                    .to_string()
            });
    }
    items
}

both_backends!(
    the_document_lists_every_route_and_each_answers,
    spawn_demo,
    |app: TestApp| async move {
        let anon = app.client();
        let (status, h, doc) = json(&anon, "/api/v1/openapi.json").await;
        assert_eq!(status, 200);
        assert!(header(&h, "content-type").starts_with("application/json"));
        assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
        assert_eq!(doc["servers"][0]["url"], app.address.as_str());
        assert!(
            doc["info"]["license"]["name"]
                .as_str()
                .unwrap()
                .contains("CC BY 4.0")
        );
        let documented: BTreeSet<String> =
            doc["paths"].as_object().unwrap().keys().cloned().collect();
        let routed: BTreeSet<String> = web::api::paths().into_iter().collect();
        assert_eq!(documented, routed);
        let expected: BTreeSet<String> = [
            "/api/v1/workplaces",
            "/api/v1/workplaces/{id}",
            "/api/v1/jobs",
            "/api/v1/jobs/{id}",
            "/api/v1/figures",
            "/api/v1/declarations",
            "/api/v1/events",
            "/api/v1/regions",
            "/api/v1/openapi.json",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        assert_eq!(documented, expected);
        // Each documented operation answers with JSON under its real ids.
        let hamanasu = app.org_id("はまなすケミカル株式会社").await;
        let (_, _, jobs) = json(&anon, "/api/v1/jobs?per_page=1").await;
        let job = jobs["items"][0]["id"].as_i64().unwrap();
        for path in &documented {
            let ops = doc["paths"][path].as_object().unwrap();
            assert_eq!(
                ops.keys().collect::<Vec<_>>(),
                ["get"],
                "{path} is read-only"
            );
            assert!(ops["get"]["responses"]["400"].is_object(), "{path}");
            assert!(ops["get"]["responses"]["429"].is_object(), "{path}");
            let url = path
                .replace("/workplaces/{id}", &format!("/workplaces/{hamanasu}"))
                .replace("/jobs/{id}", &format!("/jobs/{job}"));
            let (status, h, _) = json(&anon, &url).await;
            assert_eq!(status, 200, "{url}");
            assert!(header(&h, "etag").starts_with('"'), "{url}");
            assert_eq!(header(&h, "access-control-allow-origin"), "*", "{url}");
        }
        // Fields carry their Japanese descriptions.
        let job_schema = &doc["components"]["schemas"]["Job"]["properties"];
        assert!(
            job_schema["stated_monthly_overtime_hours"]["description"]
                .as_str()
                .unwrap()
                .contains("月平均時間外労働時間")
        );
        // The vocabularies are the domain's codes.
        let params = doc["paths"]["/api/v1/jobs"]["get"]["parameters"]
            .as_array()
            .unwrap();
        let measure = params.iter().find(|p| p["name"] == "measure").unwrap();
        let codes = measure["schema"]["enum"].as_array().unwrap();
        assert_eq!(codes.len(), domain::workplace::Measure::ALL.len());
        assert!(params.iter().any(|p| p["name"] == "type"));
    }
);

both_backends!(
    lists_are_paged_with_links_and_totals,
    spawn_demo,
    |app: TestApp| async move {
        let anon = app.client();
        let (status, h, first) = json(&anon, "/api/v1/jobs?per_page=2").await;
        assert_eq!(status, 200);
        let total = first["total"].as_u64().unwrap();
        assert!(total > 4, "the demo has many open postings");
        assert_eq!(header(&h, "x-total-count"), total.to_string());
        assert_eq!(first["items"].as_array().unwrap().len(), 2);
        assert_eq!(first["page"], 1);
        assert_eq!(first["per_page"], 2);
        assert_eq!(first["pages"].as_u64().unwrap(), total.div_ceil(2));
        assert_eq!(first["licence"]["code"], "cc-by-4.0");
        assert_eq!(
            first["licence"]["attribution"], "出典：相馬市「erabareru」オープンデータ",
            "as /open-data asks"
        );
        assert_eq!(first["region"]["code"], "072095");
        let link = header(&h, "link");
        assert!(
            link.contains(&format!(
                "<{}/api/v1/jobs?per_page=2&page=2>; rel=\"next\"",
                app.address
            )),
            "{link}"
        );
        assert!(link.contains("rel=\"last\"") && link.contains("rel=\"first\""));
        assert!(!link.contains("rel=\"prev\""));
        assert!(link.contains("rel=\"license\""));
        let (_, h2, second) = json(&anon, "/api/v1/jobs?per_page=2&page=2").await;
        assert!(header(&h2, "link").contains("rel=\"prev\""));
        assert_ne!(first["items"][0]["id"], second["items"][0]["id"]);
        // Every page together is every open posting, once: the open data's list.
        let all = every_item(&anon, &app.address, "/api/v1/jobs").await;
        assert_eq!(all.len() as u64, total);
        let (_, _, open_data) = json(&anon, "/open-data/jobs.json").await;
        let ids = |items: &[Value], key: &str| -> BTreeSet<i64> {
            items.iter().map(|i| i[key].as_i64().unwrap()).collect()
        };
        assert_eq!(
            ids(&all, "id"),
            ids(open_data["items"].as_array().unwrap(), "posting_id")
        );
        // Past the last page: an empty page, not an error.
        let (status, _, beyond) = json(&anon, "/api/v1/jobs?page=9999").await;
        assert_eq!(status, 200);
        assert_eq!(beyond["items"].as_array().unwrap().len(), 0);

        // Filters: the search's normalisation (ﾊﾟｰﾄ = パート), the type, the industry.
        let (_, _, half) = json(&anon, "/api/v1/jobs?q=%EF%BE%8A%EF%BE%9F%EF%BD%B0%EF%BE%84").await;
        let (_, _, full) = json(&anon, "/api/v1/jobs?q=パート").await;
        assert!(half["total"].as_u64().unwrap() > 0);
        assert_eq!(half["total"], full["total"]);
        let (_, _, part) = json(&anon, "/api/v1/jobs?type=part_time&per_page=100").await;
        for j in part["items"].as_array().unwrap() {
            assert_eq!(j["employment_type"], "part_time");
        }
        let (_, _, factories) = json(&anon, "/api/v1/workplaces?industry=E").await;
        assert!(factories["total"].as_u64().unwrap() > 0);
        for w in factories["items"].as_array().unwrap() {
            assert_eq!(w["industry_code"], "E");
        }
        let (_, _, telework) = json(&anon, "/api/v1/workplaces?measure=telework").await;
        for w in telework["items"].as_array().unwrap() {
            assert!(
                w["measures"]
                    .as_array()
                    .unwrap()
                    .contains(&Value::from("telework"))
            );
        }
        let (_, _, decl) = json(&anon, "/api/v1/declarations?per_page=3").await;
        assert!(decl["total"].as_u64().unwrap() > 0);
        assert!(decl["region"].is_null(), "the national registry");
        let (_, _, events) = json(&anon, "/api/v1/events?period=all").await;
        assert!(events["total"].as_u64().unwrap() > 0);
    }
);

both_backends!(
    every_answer_has_an_etag_and_if_none_match_gets_304,
    spawn_demo,
    |app: TestApp| async move {
        let anon = app.client();
        for path in ["/api/v1/jobs", "/api/v1/figures", "/api/v1/openapi.json"] {
            let res = anon.get(path).await;
            let etag = header(res.headers(), "etag").to_string();
            assert!(
                etag.starts_with('"') && etag.ends_with('"'),
                "{path}: {etag}"
            );
            let body = res.text().await.unwrap();
            let again = |value: String| {
                let http = anon.http.clone();
                let url = app.url(path);
                async move {
                    http.get(url)
                        .header("if-none-match", value)
                        .send()
                        .await
                        .unwrap()
                }
            };
            let res = again(etag.clone()).await;
            assert_eq!(res.status(), 304, "{path}");
            assert_eq!(header(res.headers(), "etag"), etag);
            assert!(res.text().await.unwrap().is_empty());
            assert_eq!(again(format!("W/{etag}")).await.status(), 304);
            assert_eq!(again(format!("\"other\", {etag}")).await.status(), 304);
            let res = again("\"other\"".into()).await;
            assert_eq!(res.status(), 200);
            assert_eq!(res.text().await.unwrap(), body, "{path}: the same bytes");
        }
        // A change of the data changes the tag.
        let res = anon.get("/api/v1/workplaces").await;
        let before = header(res.headers(), "etag").to_string();
        let hamanasu = app.org_id("はまなすケミカル株式会社").await;
        assert!(app.store().withdraw_workplace(hamanasu).await.unwrap());
        let res = anon.get("/api/v1/workplaces").await;
        assert_ne!(header(res.headers(), "etag"), before);
        // HEAD answers the same tag without a body.
        let head = anon
            .http
            .head(app.url("/api/v1/workplaces"))
            .send()
            .await
            .unwrap();
        assert_eq!(head.status(), 200);
        assert_eq!(
            header(head.headers(), "etag"),
            header(res.headers(), "etag")
        );
    }
);

both_backends!(
    only_what_is_public_and_closed_postings_are_gone,
    spawn_demo,
    |app: TestApp| async move {
        let anon = app.client();
        let hamanasu = app.org_id("はまなすケミカル株式会社").await;
        let postings = app.store().postings_of_org(hamanasu).await.unwrap();
        let closed = postings
            .iter()
            .find(|p| p.status == store::postings::PostingStatus::Closed)
            .unwrap()
            .id;
        let res = anon.get(&format!("/api/v1/jobs/{closed}")).await;
        assert_eq!(res.status(), 410);
        assert_eq!(
            header(res.headers(), "content-type"),
            "application/problem+json"
        );
        let p: Value = res.json().await.unwrap();
        assert_eq!(p["status"], 410);
        assert_eq!(
            p["other_postings"],
            format!("{}/api/v1/jobs?organization={hamanasu}", app.address)
        );
        let all = every_item(&anon, &app.address, "/api/v1/jobs").await;
        assert!(all.iter().all(|j| j["id"] != closed));
        let (_, _, theirs) = json(&anon, &format!("/api/v1/jobs?organization={hamanasu}")).await;
        assert!(theirs["total"].as_u64().unwrap() > 0);
        for j in theirs["items"].as_array().unwrap() {
            assert_eq!(j["organization_id"], hamanasu);
        }

        // A profile waiting for approval is neither listed nor served.
        let koyo = app.org_id("光陽プレシジョン株式会社").await;
        let workplaces = every_item(&anon, &app.address, "/api/v1/workplaces").await;
        assert!(workplaces.iter().any(|w| w["id"] == hamanasu));
        assert!(workplaces.iter().all(|w| w["id"] != koyo));
        let res = anon.get(&format!("/api/v1/workplaces/{koyo}")).await;
        assert_eq!(res.status(), 404);

        // Figures: ended years only, exactly the open data's rows.
        let figures = every_item(&anon, &app.address, "/api/v1/figures").await;
        assert!(!figures.is_empty());
        assert!(
            figures.iter().all(|f| f["fiscal_year"] != 2026),
            "a year in progress"
        );
        let (_, _, open_data) = json(&anon, "/open-data/figures.json").await;
        // Values compared as numbers (open data writes whole percents as integers).
        let key = |org: &Value, fy: &Value, id: &Value, v: &Value| {
            format!("{org}|{fy}|{id}|{}", v.as_f64().unwrap())
        };
        let ours: BTreeSet<String> = figures
            .iter()
            .map(|f| {
                key(
                    &f["organization"],
                    &f["fiscal_year"],
                    &f["figure_id"],
                    &f["value"],
                )
            })
            .collect();
        let theirs: BTreeSet<String> = open_data["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                key(
                    &f["organization"],
                    &f["fiscal_year"],
                    &f["figure_id"],
                    &f["value"],
                )
            })
            .collect();
        assert_eq!(ours, theirs);
        // A withdrawn figure leaves the API with the pages.
        let f = &figures[0];
        let org = f["organization_id"].as_i64().unwrap();
        let withdrawn = app
            .store()
            .withdraw_figure(
                org,
                f["figure_id"].as_str().unwrap(),
                f["fiscal_year"].as_i64().unwrap(),
                &store::audit::Actor::default(),
                "test",
            )
            .await
            .unwrap();
        assert!(withdrawn);
        let (_, _, after) = json(
            &anon,
            &format!("/api/v1/figures?organization={org}&per_page=100"),
        )
        .await;
        assert!(after["items"].as_array().unwrap().iter().all(|g| {
            !(g["figure_id"] == f["figure_id"] && g["fiscal_year"] == f["fiscal_year"])
        }));
        let (_, _, detail) = json(&anon, &format!("/api/v1/workplaces/{hamanasu}")).await;
        for f in detail["figures"].as_array().unwrap() {
            assert_ne!(f["fiscal_year"], 2026);
        }
        // The demo profile's photo: both sizes, its size and description; the
        // URL serves it to anyone.
        let photo = &detail["photos"][0];
        assert_eq!(
            (photo["width"].as_u64(), photo["height"].as_u64()),
            (Some(1200), Some(800))
        );
        assert!(
            photo["alt"]
                .as_str()
                .unwrap()
                .contains("デモ用のイメージ画像")
        );
        let url = photo["small_url"].as_str().unwrap();
        let path = &url[url.find("/workplaces/").unwrap()..];
        let res = anon.get(path).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "image/jpeg");
    }
);

both_backends!(
    bad_input_gets_a_problem_document,
    spawn_demo,
    |app: TestApp| async move {
        let anon = app.client();
        for (path, status, says) in [
            ("/api/v1/jobs?pge=2", 400, "pge"),
            ("/api/v1/jobs?per_page=101", 400, "per_page"),
            ("/api/v1/jobs?page=0", 400, "page"),
            ("/api/v1/jobs?page=abc", 400, "invalid digit"),
            ("/api/v1/jobs?type=boss", 400, "type"),
            ("/api/v1/jobs?region=12", 400, "region"),
            ("/api/v1/jobs?region=999999", 404, "999999"),
            ("/api/v1/jobs/abc", 400, "id"),
            ("/api/v1/jobs/0", 400, "id"),
            ("/api/v1/jobs/99999999", 404, "no such"),
            ("/api/v1/workplaces/1?x=1", 400, "x"),
            ("/api/v1/figures?fiscal_year=1999", 400, "fiscal_year"),
            ("/api/v1/regions?region=072095", 400, "region"),
            ("/api/v1/nothing", 404, "no such"),
            ("/api/v1", 404, "no such"),
        ] {
            let res = anon.get(path).await;
            assert_eq!(res.status().as_u16(), status, "{path}");
            assert_eq!(
                header(res.headers(), "content-type"),
                "application/problem+json",
                "{path}"
            );
            let p: Value = res.json().await.unwrap();
            assert_eq!(p["status"], status, "{path}");
            assert_eq!(p["type"], "about:blank");
            assert!(p["detail"].as_str().unwrap().contains(says), "{path}: {p}");
        }
        // The API is read-only: other methods are 405 with Allow, as problems.
        let res = anon
            .http
            .post(app.url("/api/v1/jobs"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 405);
        assert!(header(res.headers(), "allow").contains("GET"));
        assert_eq!(
            header(res.headers(), "content-type"),
            "application/problem+json"
        );
        // A CORS preflight.
        let res = anon
            .http
            .request(reqwest::Method::OPTIONS, app.url("/api/v1/jobs"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 204);
        assert_eq!(header(res.headers(), "access-control-allow-origin"), "*");
        assert!(header(res.headers(), "access-control-allow-headers").contains("If-None-Match"));
        // A signed-in user reads the same as everyone: the API reads no session.
        let hr = app.signed_in(HR).await;
        let hamanasu = app.org_id("はまなすケミカル株式会社").await;
        let closed = app
            .store()
            .postings_of_org(hamanasu)
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.status == store::postings::PostingStatus::Closed)
            .unwrap()
            .id;
        assert_eq!(
            hr.get(&format!("/api/v1/jobs/{closed}")).await.status(),
            410
        );
    }
);

async fn spawn_limited(backend: Backend) -> TestApp {
    let app = spawn_with(
        backend,
        web::Config {
            api_rate_per_minute: 3,
            ..test_config()
        },
    )
    .await;
    web::demo::load(app.store()).await.expect("demo data loads");
    app
}

both_backends!(
    each_address_has_a_budget_per_minute,
    spawn_limited,
    |app: TestApp| async move {
        let anon = app.client();
        for _ in 0..3 {
            assert_eq!(anon.get("/api/v1/regions").await.status(), 200);
        }
        let res = anon.get("/api/v1/jobs").await;
        assert_eq!(res.status(), 429);
        let wait: u64 = header(res.headers(), "retry-after").parse().unwrap();
        assert!((1..=60).contains(&wait), "{wait}");
        assert_eq!(
            header(res.headers(), "content-type"),
            "application/problem+json"
        );
        assert_eq!(header(res.headers(), "access-control-allow-origin"), "*");
        // The pages have their own limits: they still answer.
        assert_eq!(anon.get("/jobs").await.status(), 200);
    }
);
