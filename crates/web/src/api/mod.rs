//! The read-only public JSON API `/api/v1/…` (issue 12, open data): the same
//! public data as `/open-data` — approved workplace profiles, open job
//! postings, published figures, the declarations' registry, public events —
//! read through the same functions (`publish::public_values`, the store's
//! public queries), so it never shows more than the pages do.
//!
//! Every route is registered through `utoipa_axum::routes!` from its handler's
//! `#[utoipa::path]`, so `/api/v1/openapi.json` (OpenAPI 3.1) is generated from
//! the handlers and their types and cannot drift from them. Lists are paged
//! (`page`, `per_page` ≤ 100, `Link` and `X-Total-Count`); every 200 carries a
//! strong `ETag` and answers `If-None-Match` with 304; each client address has
//! a per-minute budget (429 with `Retry-After`); errors are problem documents.
//! The API reads no session: it is the same for everyone.

mod handlers;
pub mod problem;
pub mod schema;

use axum::Router;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::header::{
    ALLOW, CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH, LINK, RETRY_AFTER,
};
use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use tower_http::timeout::TimeoutLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
pub use problem::Problem;

/// The prefix of every API route.
pub const PREFIX: &str = "/api/v1";
/// The most items one page holds.
pub const PER_PAGE_MAX: u32 = 100;
/// Items per page when `per_page` is not given.
pub const PER_PAGE_DEFAULT: u32 = 20;
/// The highest page number accepted (a bound on hostile input).
pub const PAGE_MAX: u32 = 100_000;
/// How long a client may reuse an answer without asking (seconds).
const MAX_AGE: &str = "public, max-age=60";

const TOTAL_COUNT: HeaderName = HeaderName::from_static("x-total-count");

#[derive(OpenApi)]
#[openapi(
    info(
        title = "erabareru オープンデータ API",
        version = "1.0.0",
        description = "働き方改革の取組を公開する地域のオープンデータ（選ばれる職場、公開中の求人、公開している実績、宣言の登録簿、催し）を読むための API です。読み取り専用で、認証はいりません。\n\n\
            - 公開ページと同じものだけを返します：承認された職場紹介、今日公開中の求人、企業が公開を選んだ終わった年度の実績（5人未満の集団の率は含みません）、承認された宣言、下書きでない催し。\n\
            - 一覧は `page`（1から）と `per_page`（1〜100、既定20）でページに分けます。`Link` ヘッダー（first, prev, next, last）と `X-Total-Count` に全件数があります。\n\
            - 200 の答えにはいつも `ETag` があり、`If-None-Match` に同じ値を送ると 304 を返します。\n\
            - クライアントのアドレスごとに1分あたりの回数に上限があり、超えると 429 と `Retry-After`（秒）を返します。\n\
            - エラーは `application/problem+json`（RFC 9457）です。知らないクエリパラメータや正しくない値は 400 です。\n\
            - データの利用条件は地域の職員が選びます（`info.license` は既定の地域のもの。一覧の `licence` と各答えの `Link: rel=\"license\"` も同じ）。",
    ),
    tags(
        (name = "workplaces", description = "選ばれる職場（承認された職場紹介）"),
        (name = "jobs", description = "求人（公開中のものだけ）"),
        (name = "figures", description = "公開している実績"),
        (name = "declarations", description = "宣言の登録簿"),
        (name = "events", description = "催し（講演会・パネルディスカッション…）"),
        (name = "meta", description = "地域とこの文書"),
    ),
    components(schemas(Problem))
)]
struct ApiDoc;

/// The API's routes and its OpenAPI document, built together from the
/// handlers' `#[utoipa::path]` attributes.
fn build() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(handlers::workplaces))
        .routes(routes!(handlers::workplace))
        .routes(routes!(handlers::jobs))
        .routes(routes!(handlers::job))
        .routes(routes!(handlers::figures))
        .routes(routes!(handlers::declarations))
        .routes(routes!(handlers::events))
        .routes(routes!(handlers::regions))
        .routes(routes!(handlers::openapi_json))
        .split_for_parts()
}

/// The OpenAPI document as generated from the handlers, without the servers
/// and the licence (they depend on the installation; see [`handlers::openapi_json`]).
pub fn openapi() -> utoipa::openapi::OpenApi {
    build().1
}

/// The paths the API serves, as written in the document (e.g. `/api/v1/jobs/{id}`).
pub fn paths() -> Vec<String> {
    openapi().paths.paths.keys().cloned().collect()
}

/// The API router with its own layers: no session, no CSRF check, no HTML
/// error pages. Merged into the application router beside the pages.
pub fn routes(state: &AppState) -> Router<AppState> {
    let (router, _) = build();
    router
        .route(PREFIX, axum::routing::any(unknown))
        .route(&format!("{PREFIX}/"), axum::routing::any(unknown))
        .route(&format!("{PREFIX}/{{*rest}}"), axum::routing::any(unknown))
        .layer(tower_http::catch_panic::CatchPanicLayer::new())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            state.config.request_timeout,
        ))
        .layer(axum::middleware::from_fn_with_state(state.clone(), guard))
}

async fn unknown() -> Problem {
    Problem::not_found()
}

const CORS_EXPOSE: &str = "ETag, Link, X-Total-Count, Retry-After";

/// Around every API request: CORS (open data may be read from any site), the
/// per-address budget, and any error that did not come as a problem document
/// (405, a timeout, a panic, a rejected path) turned into one.
async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = if req.method() == Method::OPTIONS {
        // A CORS preflight (a browser sending If-None-Match asks first).
        let mut r = StatusCode::NO_CONTENT.into_response();
        let h = r.headers_mut();
        h.insert(ALLOW, HeaderValue::from_static("GET, HEAD, OPTIONS"));
        h.insert(
            "access-control-allow-methods",
            HeaderValue::from_static("GET, HEAD, OPTIONS"),
        );
        h.insert(
            "access-control-allow-headers",
            HeaderValue::from_static("If-None-Match"),
        );
        h.insert("access-control-max-age", HeaderValue::from_static("86400"));
        r
    } else {
        let peer = req
            .extensions()
            .get::<ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0);
        let ip = crate::context::client_ip(
            req.headers(),
            peer,
            state.config.trust_proxy,
            state.config.trusted_proxy_hops,
        );
        match state.api_limiter.check(&ip) {
            Err(wait) => {
                let mut p = Problem::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    format!(
                        "too many requests from this address: at most {} a minute",
                        state.config.api_rate_per_minute
                    ),
                );
                p.retry_after = Some(wait.as_secs().max(1));
                p.into_response()
            }
            Ok(()) => {
                let head = req.method() == Method::HEAD;
                let res = next.run(req).await;
                as_problem(res, head).await
            }
        }
    };
    let h = res.headers_mut();
    h.insert("access-control-allow-origin", HeaderValue::from_static("*"));
    h.insert(
        "access-control-expose-headers",
        HeaderValue::from_static(CORS_EXPOSE),
    );
    res
}

/// An error response as a problem document, keeping `Allow` and `Retry-After`.
async fn as_problem(res: Response, head: bool) -> Response {
    let status = res.status();
    let is_problem = res
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(problem::PROBLEM_JSON));
    if status.as_u16() < 400 || is_problem {
        return res;
    }
    let detail = if status == StatusCode::BAD_REQUEST && !head {
        // axum's own rejections (a path segment that is not a number) say what
        // was wrong in plain text; keep that as the detail.
        let bytes = axum::body::to_bytes(res.into_body(), 4096)
            .await
            .unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes).trim().to_string();
        if text.is_empty() {
            problem::detail_for(status).to_string()
        } else {
            text
        }
    } else {
        let keep: Vec<(HeaderName, HeaderValue)> = [ALLOW, RETRY_AFTER]
            .into_iter()
            .filter_map(|n| res.headers().get(&n).cloned().map(|v| (n, v)))
            .collect();
        let mut out = Problem::new(status, problem::detail_for(status)).into_response();
        for (n, v) in keep {
            out.headers_mut().insert(n, v);
        }
        return out;
    };
    Problem::new(status, detail).into_response()
}

// ---------------------------------------------------------------- requests

/// The query string parsed into `T` (fields of `T` only: an unknown
/// parameter or a value of the wrong type is a 400 that names it).
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Problem> {
        let q = parts.uri.query().unwrap_or("");
        serde_urlencoded::from_str(q)
            .map(ApiQuery)
            .map_err(|e| Problem::bad_request(format!("query: {e}")))
    }
}

/// What every answer needs of its request: the validators the client holds,
/// and the path and query for the pagination links.
pub struct Req {
    if_none_match: Option<String>,
    path: String,
    query: String,
}

impl<S: Send + Sync> FromRequestParts<S> for Req {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Problem> {
        Ok(Req {
            if_none_match: parts
                .headers
                .get_all(IF_NONE_MATCH)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .collect::<Vec<_>>()
                .join(",")
                .into(),
            path: parts.uri.path().to_string(),
            query: parts.uri.query().unwrap_or("").to_string(),
        })
    }
}

/// A path segment that must be a positive id.
pub fn parse_id(raw: &str) -> Result<i64, Problem> {
    match raw.parse::<i64>() {
        Ok(id) if id >= 1 => Ok(id),
        _ => Err(Problem::bad_request(format!(
            "id must be a whole number from 1 to {}, not {raw:?}",
            i64::MAX
        ))),
    }
}

/// Which slice of a list to answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub page: u32,
    pub per_page: u32,
}

impl Paging {
    pub fn new(page: Option<u32>, per_page: Option<u32>) -> Result<Paging, Problem> {
        let page = page.unwrap_or(1);
        let per_page = per_page.unwrap_or(PER_PAGE_DEFAULT);
        if !(1..=PAGE_MAX).contains(&page) {
            return Err(Problem::bad_request(format!(
                "page must be from 1 to {PAGE_MAX}, not {page}"
            )));
        }
        if !(1..=PER_PAGE_MAX).contains(&per_page) {
            return Err(Problem::bad_request(format!(
                "per_page must be from 1 to {PER_PAGE_MAX}, not {per_page}"
            )));
        }
        Ok(Paging { page, per_page })
    }

    /// The page's items of `all`, and how many pages there are.
    pub fn slice<T>(&self, all: Vec<T>) -> (Vec<T>, u64, u32) {
        let total = all.len();
        let per = self.per_page as usize;
        let pages = total.div_ceil(per);
        let start = (self.page as usize - 1).saturating_mul(per);
        let items = all.into_iter().skip(start).take(per).collect();
        (
            items,
            total as u64,
            u32::try_from(pages).unwrap_or(u32::MAX),
        )
    }
}

// ---------------------------------------------------------------- answers

/// A strong validator of a body: its SHA-256, shortened.
pub fn etag_of(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    format!("\"{}\"", hex::encode(&digest[..16]))
}

/// Whether `If-None-Match` (a list, `*`, weak or strong tags) matches `etag`:
/// the weak comparison RFC 9110 asks for GET.
pub fn none_match(header: &str, etag: &str) -> bool {
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_string();
    let ours = bare(etag);
    header
        .split(',')
        .map(str::trim)
        .any(|t| t == "*" || (!t.is_empty() && bare(t) == ours))
}

/// A 200 JSON answer with its ETag (or 304 when the client holds it), the
/// licence link and any extra headers.
pub fn json<T: Serialize>(
    req: &Req,
    body: &T,
    licence_url: Option<&str>,
    extra: Vec<(HeaderName, String)>,
) -> Result<Response, Problem> {
    let bytes = serde_json::to_vec(body)
        .map_err(|e| Problem::from(crate::AppError::Internal(e.to_string())))?;
    let etag = etag_of(&bytes);
    let fresh = req
        .if_none_match
        .as_deref()
        .is_some_and(|h| none_match(h, &etag));
    let mut res = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut r = bytes.into_response();
        r.headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        r
    };
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(ETAG, v);
    }
    h.insert(CACHE_CONTROL, HeaderValue::from_static(MAX_AGE));
    let mut links: Vec<String> = Vec::new();
    for (name, value) in extra {
        if name == LINK {
            links.push(value);
        } else if let Ok(v) = HeaderValue::from_str(&value) {
            h.insert(name, v);
        }
    }
    if let Some(url) = licence_url {
        links.push(format!("<{url}>; rel=\"license\""));
    }
    if !links.is_empty()
        && let Ok(v) = HeaderValue::from_str(&links.join(", "))
    {
        h.insert(LINK, v);
    }
    Ok(res)
}

/// `Link` (first, prev, next, last) and `X-Total-Count` for a page of a list.
pub fn page_headers(
    base: &str,
    req: &Req,
    paging: Paging,
    total: u64,
    pages: u32,
) -> Vec<(HeaderName, String)> {
    let url = |page: u32| {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in form_urlencoded::parse(req.query.as_bytes()) {
            if k != "page" {
                s.append_pair(&k, &v);
            }
        }
        s.append_pair("page", &page.to_string());
        format!("{base}{}?{}", req.path, s.finish())
    };
    let last = pages.max(1);
    let mut links = vec![
        format!("<{}>; rel=\"first\"", url(1)),
        format!("<{}>; rel=\"last\"", url(last)),
    ];
    if paging.page > 1 {
        links.push(format!(
            "<{}>; rel=\"prev\"",
            url((paging.page - 1).min(last))
        ));
    }
    if paging.page < pages {
        links.push(format!("<{}>; rel=\"next\"", url(paging.page + 1)));
    }
    vec![(LINK, links.join(", ")), (TOTAL_COUNT, total.to_string())]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_compares_weakly_and_takes_lists_and_star() {
        let e = "\"abc\"";
        assert!(none_match("\"abc\"", e));
        assert!(none_match("W/\"abc\"", e));
        assert!(none_match("\"x\", \"abc\"", e));
        assert!(none_match("*", e));
        assert!(!none_match("\"abcd\"", e));
        assert!(!none_match("", e));
    }

    #[test]
    fn paging_is_bounded_and_slices() {
        assert!(Paging::new(Some(0), None).is_err());
        assert!(Paging::new(None, Some(101)).is_err());
        assert!(Paging::new(None, Some(0)).is_err());
        let p = Paging::new(Some(2), Some(2)).unwrap();
        let (items, total, pages) = p.slice(vec![1, 2, 3, 4, 5]);
        assert_eq!((items, total, pages), (vec![3, 4], 5, 3));
        let (items, _, pages) = Paging::new(Some(9), None).unwrap().slice(vec![1]);
        assert!(items.is_empty());
        assert_eq!(pages, 1);
        assert_eq!(
            Paging::new(None, None).unwrap().slice(Vec::<u8>::new()).2,
            0
        );
    }

    #[test]
    fn ids_are_positive_whole_numbers() {
        assert_eq!(parse_id("7").unwrap(), 7);
        for bad in ["0", "-1", "x", "1.5", "", "99999999999999999999"] {
            assert_eq!(parse_id(bad).unwrap_err().status, 400, "{bad}");
        }
    }

    #[test]
    fn every_route_is_in_the_document() {
        let paths = paths();
        for p in [
            "/api/v1/workplaces",
            "/api/v1/workplaces/{id}",
            "/api/v1/jobs",
            "/api/v1/jobs/{id}",
            "/api/v1/figures",
            "/api/v1/declarations",
            "/api/v1/events",
            "/api/v1/regions",
            "/api/v1/openapi.json",
        ] {
            assert!(paths.iter().any(|x| x == p), "{p} missing from {paths:?}");
        }
        assert_eq!(paths.len(), 9);
    }
}
