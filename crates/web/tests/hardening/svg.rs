//! Logos and CSV exports: a hostile SVG cannot take the server down, a logo keeps
//! its own CSP and a pending one is never cached, and no exported CSV cell runs as
//! a spreadsheet formula.

use store::both_backends;
use store::orgs::OrganizationInput;

use crate::support::*;

const HAMANASU: &str = "はまなすケミカル株式会社";
const FORMULA: &str = "=HYPERLINK(\"http://evil.example\",\"x\")";

/// The declare form with `logo` attached; `valid` says whether the other fields pass.
fn declare_form(declaration_id: i64, valid: bool, logo: Vec<u8>) -> reqwest::multipart::Form {
    reqwest::multipart::Form::new()
        .text("declaration_id", declaration_id.to_string())
        .text(
            "declared_on",
            if valid { "2026-11-01" } else { "2026-02-30" },
        )
        .text("representative_title", "代表取締役")
        .text("representative_name", if valid { "浜野 一郎" } else { "" })
        .text("message", "男性の育休を当たり前に。")
        .part(
            "logo",
            reqwest::multipart::Part::bytes(logo).file_name("logo.svg"),
        )
}

async fn paternity_declaration(app: &TestApp) -> i64 {
    app.store()
        .declaration_by_slug("paternity-leave-100")
        .await
        .unwrap()
        .id
}

/// 10,000 nested groups, about 70 KB: well under the logo size limit.
fn nested_svg(depth: usize) -> Vec<u8> {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\">{}{}</svg>",
        "<g>".repeat(depth),
        "</g>".repeat(depth)
    )
    .into_bytes()
}

both_backends!(
    deeply_nested_logo_is_refused_and_the_server_lives_on,
    spawn_demo,
    |app: TestApp| async move {
        let hr = app.signed_in(HR).await;
        let org = app.org_id(HAMANASU).await;
        let d = paternity_declaration(&app).await;
        let svg = nested_svg(10_000);
        assert!(svg.len() < 100 * 1024, "{} bytes", svg.len());
        // The logo is read even when the rest of the form is wrong, so try both.
        for valid in [false, true] {
            let res = hr
                .post_multipart(
                    &format!("/orgs/{org}/declare"),
                    declare_form(d, valid, svg.clone()),
                )
                .await;
            assert_eq!(res.status(), 422, "valid rest of form: {valid}");
            let html = res.text().await.unwrap();
            assert!(html.contains("id=\"logo-error\""), "{html}");
            assert!(html.contains("SVGファイルが複雑すぎます"), "{html}");
        }
        assert_eq!(app.client().get("/healthz").await.status(), 200);
        assert!(
            app.store()
                .pending_signings(None)
                .await
                .unwrap()
                .iter()
                .all(|s| s.org_id != org),
            "nothing was saved"
        );
    }
);

both_backends!(
    logo_keeps_its_own_csp_and_only_a_published_one_is_cached,
    spawn_demo,
    |app: TestApp| async move {
        let hr = app.signed_in(HR).await;
        let org = app.org_id(HAMANASU).await;
        let d = paternity_declaration(&app).await;
        let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="u\72 l(http://evil.example/)" stroke="#0031d8"/></svg>"##;
        let res = hr
            .post_multipart(
                &format!("/orgs/{org}/declare"),
                declare_form(d, true, svg.to_vec()),
            )
            .await;
        assert_eq!(res.status(), 303);
        let signing = app
            .store()
            .pending_signings(None)
            .await
            .unwrap()
            .into_iter()
            .find(|s| s.org_id == org)
            .unwrap();
        let logo = format!("/logos/{}", signing.logo_upload_id.unwrap());

        let header = |res: &reqwest::Response, name: &str| {
            res.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        let res = hr.get(&logo).await;
        assert_eq!(res.status(), 200);
        assert_eq!(header(&res, "content-type"), "image/svg+xml");
        let csp = header(&res, "content-security-policy");
        assert!(
            csp.starts_with("default-src 'none'") && csp.contains("sandbox"),
            "the logo's own CSP: {csp}"
        );
        assert_eq!(header(&res, "x-content-type-options"), "nosniff");
        let cache = header(&res, "cache-control");
        assert!(
            cache.contains("private") && cache.contains("no-store") && !cache.contains("public"),
            "a pending logo is not cached: {cache}"
        );
        let body = res.text().await.unwrap();
        assert!(
            !body.contains("evil"),
            "the CSS-escaped url() is gone: {body}"
        );
        assert!(body.contains("stroke=\"#0031d8\""), "{body}");

        let page = hr.get(&format!("/orgs/{org}")).await;
        assert_eq!(
            header(&page, "content-security-policy"),
            web::security::CSP,
            "pages keep the global CSP"
        );

        let staff = app.signed_in(STAFF).await;
        let res = staff
            .post_form(
                &format!("/review/{}", signing.id),
                &[("decision", "approve"), ("note", "")],
            )
            .await;
        assert_eq!(res.status(), 303);
        let res = app.client().get(&logo).await;
        assert_eq!(res.status(), 200);
        assert!(
            header(&res, "cache-control").starts_with("public"),
            "a published logo may be cached"
        );
        assert!(header(&res, "content-security-policy").contains("sandbox"));
    }
);

/// Rename an organization through the store, keeping everything else.
async fn rename(app: &TestApp, org_id: i64, name: &str) {
    let o = app.store().organization(org_id).await.unwrap();
    app.store()
        .update_organization(
            org_id,
            &OrganizationInput {
                name: name.into(),
                kana: o.kana,
                org_type: o.org_type,
                region_id: o.region_id,
                prefecture: o.prefecture,
                corporate_number: o.corporate_number,
                industry: o.industry,
                employee_band: o.employee_band,
                address: o.address,
                website: o.website,
            },
        )
        .await
        .unwrap();
}

/// The records of a CSV download, after checking its BOM.
async fn csv_records(res: reqwest::Response) -> Vec<csv::StringRecord> {
    assert_eq!(res.status(), 200);
    let bytes = res.bytes().await.unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 BOM");
    csv::Reader::from_reader(&bytes[3..])
        .records()
        .map(|r| r.unwrap())
        .collect()
}

both_backends!(
    csv_exports_never_start_a_formula,
    spawn_demo,
    |app: TestApp| async move {
        let soma = app.org_id("相馬市").await;
        rename(&app, soma, FORMULA).await;
        let records = csv_records(app.client().get("/declarations.csv").await).await;
        let renamed: Vec<_> = records
            .iter()
            .filter(|r| r[2].contains("HYPERLINK"))
            .collect();
        assert!(!renamed.is_empty(), "the renamed city is listed");
        for r in &renamed {
            assert_eq!(&r[2], format!("'{FORMULA}"));
        }
        for r in &records {
            assert!(
                r.iter().all(|cell| !cell.starts_with(['=', '+', '@'])),
                "{r:?}"
            );
        }

        let hamanasu = app.org_id(HAMANASU).await;
        rename(&app, hamanasu, FORMULA).await;
        let hr = app.signed_in(HR).await;
        let records = csv_records(
            hr.get(&format!("/orgs/{hamanasu}/disclosure.csv?fy=2025"))
                .await,
        )
        .await;
        assert_eq!(records.len(), 1);
        assert_eq!(&records[0][0], format!("'{FORMULA}"));
        assert!(
            records[0]
                .iter()
                .skip(5)
                .all(|cell| cell == "-" || cell.parse::<f64>().is_ok()),
            "no-value dashes and figures stay as they are: {:?}",
            records[0]
        );
    }
);
