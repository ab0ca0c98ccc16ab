//! Errors of the API as RFC 9457 problem documents (`application/problem+json`):
//! never an HTML page, never an internal detail.

use axum::http::header::{CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::errors::AppError;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// エラーの説明（RFC 9457 problem details）。
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    /// 問題の種類。いつも about:blank（title は HTTP の状態の名前）。
    #[serde(rename = "type")]
    #[schema(example = "about:blank")]
    pub kind: &'static str,
    /// HTTP の状態の名前（英語）。
    #[schema(example = "Bad Request")]
    pub title: String,
    /// HTTP の状態コード。
    #[schema(minimum = 400, maximum = 599)]
    pub status: u16,
    /// 何がいけなかったか（英語）。
    #[schema(example = "unknown query parameter `pge`")]
    pub detail: String,
    /// 410 のとき：その組織のほかの公開中の求人（API の URL）。
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_postings: Option<String>,
    /// Seconds until the client may ask again (429), sent as `Retry-After`.
    #[serde(skip)]
    pub retry_after: Option<u64>,
}

impl Problem {
    pub fn new(status: StatusCode, detail: impl Into<String>) -> Problem {
        Problem {
            kind: "about:blank",
            title: status.canonical_reason().unwrap_or("Error").to_string(),
            status: status.as_u16(),
            detail: detail.into(),
            other_postings: None,
            retry_after: None,
        }
    }

    pub fn bad_request(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::BAD_REQUEST, detail)
    }

    pub fn not_found() -> Problem {
        Problem::new(StatusCode::NOT_FOUND, "no such resource")
    }

    pub fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut res = (self.status(), body).into_response();
        res.headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        if let Some(s) = self.retry_after
            && let Ok(v) = HeaderValue::from_str(&s.to_string())
        {
            res.headers_mut().insert(RETRY_AFTER, v);
        }
        res
    }
}

impl From<AppError> for Problem {
    fn from(e: AppError) -> Problem {
        match e {
            AppError::NotFound => Problem::not_found(),
            AppError::BadRequest(d) => Problem::bad_request(d),
            AppError::TooManyRequests => {
                Problem::new(StatusCode::TOO_MANY_REQUESTS, "too many requests")
            }
            AppError::Internal(detail) => {
                // The detail goes to the log with the request id, never to the client.
                tracing::error!(error = %detail, "internal error in the API");
                Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
            }
            other => {
                tracing::error!(error = %other, "unexpected error in the API");
                Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
            }
        }
    }
}

impl From<store::Error> for Problem {
    fn from(e: store::Error) -> Problem {
        AppError::from(e).into()
    }
}

/// The detail for an error response that did not come from a handler as a
/// problem (a method not allowed, a timeout, a panic).
pub fn detail_for(status: StatusCode) -> &'static str {
    match status.as_u16() {
        404 => "no such resource",
        405 => "method not allowed: the API is read-only (GET, HEAD)",
        408 | 503 => "the server is busy; try again later",
        413 => "request too large",
        400..=499 => "bad request",
        _ => "internal error",
    }
}
