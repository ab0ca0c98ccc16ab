//! Errors as values. Handlers return [`AppError`]; [`render_error_pages`] turns every
//! error response into a page in the user's language (or a redirect to sign in),
//! so no handler renders an error page itself and no internals reach the user.

use askama::Template;
use axum::extract::Request;
use axum::http::header::{CONTENT_TYPE, LOCATION};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::context::Ctx;
use crate::i18n::{Lang, Tr};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    /// Signed out on a page that needs a user; carries the page to return to.
    #[error("sign-in required")]
    SignInRequired(String),
    #[error("cross-site request refused")]
    Csrf,
    #[error("too many requests")]
    TooManyRequests,
    /// The server is doing as much of this work as it may at once (503).
    #[error("busy")]
    Busy,
    #[error("bad request: {0}")]
    BadRequest(String),
    /// A text input carried a control character (NUL and the like), 400.
    #[error("control character in the input")]
    ControlCharacters,
    #[error("conflict")]
    Conflict,
    /// The body is larger than allowed (413).
    #[error("payload too large")]
    TooLarge,
    #[error("internal error: {0}")]
    Internal(String),
}

/// Marks a response as an error to be rendered by [`render_error_pages`], with the
/// message to show when it is more precise than the status's.
#[derive(Debug, Clone, Copy)]
struct ErrorMarker(Option<&'static str>);

impl AppError {
    fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::SignInRequired(_) => StatusCode::SEE_OTHER,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            AppError::BadRequest(_) | AppError::ControlCharacters => StatusCode::BAD_REQUEST,
            AppError::Conflict => StatusCode::CONFLICT,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Render without a request context (when the context itself could not be built).
    pub fn into_response_with_lang(self, lang: Lang) -> Response {
        let status = self.status();
        let c = Ctx {
            t: Tr::new(lang),
            user: None,
            csrf_token: String::new(),
            path: "/".into(),
            request_id: "-".into(),
            client_ip: String::new(),
            htmx: false,
            flash: None,
            region: None,
            portal_version: None,
        };
        page(status, None, &c)
    }
}

impl From<store::Error> for AppError {
    fn from(e: store::Error) -> Self {
        match e {
            store::Error::NotFound => AppError::NotFound,
            store::Error::Conflict(_) => AppError::Conflict,
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<axum::extract::multipart::MultipartError> for AppError {
    fn from(e: axum::extract::multipart::MultipartError) -> Self {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::TooLarge
        } else {
            AppError::BadRequest(e.body_text())
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(format!("template: {e}"))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(detail) = &self {
            // The detail goes to the log with the request id, never to the page.
            tracing::error!(error = %detail, "internal error");
        }
        let status = self.status();
        let body_key = match &self {
            AppError::ControlCharacters => Some("error.control_characters.body"),
            _ => None,
        };
        let mut res = match self {
            AppError::SignInRequired(next) => {
                let to = format!("/login?next={}", urlencode(&next));
                let mut r = StatusCode::SEE_OTHER.into_response();
                if let Ok(v) = HeaderValue::from_str(&to) {
                    r.headers_mut().insert(LOCATION, v);
                }
                return r;
            }
            AppError::Busy => {
                let mut r = status.into_response();
                r.headers_mut().insert(
                    axum::http::header::RETRY_AFTER,
                    HeaderValue::from_static("10"),
                );
                r
            }
            _ => status.into_response(),
        };
        res.extensions_mut().insert(ErrorMarker(body_key));
        res
    }
}

pub fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[derive(Template)]
#[template(path = "errors/error.html")]
struct ErrorPage<'a> {
    c: &'a Ctx,
    status: u16,
    title_key: &'static str,
    body_key: &'static str,
}

fn page(status: StatusCode, body_key: Option<&'static str>, c: &Ctx) -> Response {
    let (title_key, default_body) = match status.as_u16() {
        404 => ("error.not_found.title", "error.not_found.body"),
        403 => ("error.forbidden.title", "error.forbidden.body"),
        413 => ("error.too_large.title", "error.too_large.body"),
        429 => ("error.too_many.title", "error.too_many.body"),
        409 => ("error.conflict.title", "error.conflict.body"),
        503 => ("error.busy.title", "error.busy.body"),
        400..=499 => ("error.bad_request.title", "error.bad_request.body"),
        _ => ("error.internal.title", "error.internal.body"),
    };
    let html = ErrorPage {
        c,
        status: status.as_u16(),
        title_key,
        body_key: body_key.unwrap_or(default_body),
    }
    .render()
    .unwrap_or_else(|_| "Internal Server Error".into());
    let mut res = (status, html).into_response();
    res.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    res
}

/// Replace the body of error responses (ours, and axum's own rejections such as a
/// too-large body or a malformed form) with a page in the user's language.
pub async fn render_error_pages(req: Request, next: Next) -> Response {
    let ctx = req.extensions().get::<Ctx>().cloned();
    let res = next.run(req).await;
    let status = res.status();
    let marker = res.extensions().get::<ErrorMarker>().copied();
    let ours = marker.is_some();
    let is_html = res
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !(ours || (status.as_u16() >= 400 && !is_html)) {
        return res;
    }
    match ctx {
        Some(c) => {
            let mut out = page(status, marker.and_then(|m| m.0), &c);
            // Keep cookies set on the way (e.g. the CSRF cookie of a first visit).
            for v in res.headers().get_all(axum::http::header::SET_COOKIE) {
                out.headers_mut()
                    .append(axum::http::header::SET_COOKIE, v.clone());
            }
            if let Some(v) = res.headers().get(axum::http::header::RETRY_AFTER) {
                out.headers_mut()
                    .insert(axum::http::header::RETRY_AFTER, v.clone());
            }
            out
        }
        None => res,
    }
}

/// The fallback for unknown URLs.
pub async fn not_found() -> AppError {
    AppError::NotFound
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(lang: Lang) -> Ctx {
        Ctx {
            t: Tr::new(lang),
            user: None,
            csrf_token: "t".repeat(64),
            path: "/x".into(),
            request_id: "req-1234".into(),
            client_ip: "127.0.0.1".into(),
            htmx: false,
            flash: None,
            region: None,
            portal_version: None,
        }
    }

    async fn body(res: Response) -> String {
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 20)
            .await
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[tokio::test]
    async fn internal_errors_show_the_request_id_and_no_internals() {
        let res = page(StatusCode::INTERNAL_SERVER_ERROR, None, &ctx(Lang::Ja));
        assert_eq!(res.status(), 500);
        let html = body(res).await;
        assert!(html.contains("req-1234"));
        assert!(html.contains("エラーが発生しました"));
        // The detail of an internal error is logged, never rendered.
        let res = AppError::Internal("SELECT secret FROM users".into()).into_response();
        assert!(res.extensions().get::<ErrorMarker>().is_some());
        assert!(!body(res).await.contains("secret"));
    }

    #[tokio::test]
    async fn error_pages_follow_the_language_and_hide_the_id_below_500() {
        let html = body(page(StatusCode::NOT_FOUND, None, &ctx(Lang::En))).await;
        assert!(html.contains("Page not found"));
        assert!(!html.contains("req-1234"));
    }

    #[test]
    fn signed_out_becomes_a_redirect_to_sign_in() {
        let res = AppError::SignInRequired("/orgs/1?x=1".into()).into_response();
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(res.headers()[LOCATION], "/login?next=%2Forgs%2F1%3Fx%3D1");
    }
}
