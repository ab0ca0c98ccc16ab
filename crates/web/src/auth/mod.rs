//! Signing in and out, invitations and password changes.

pub mod password;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::header::SET_COOKIE;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;
use store::login_attempts::ThrottleLimits;

use crate::authz::Action;
use crate::context::{Ctx, SESSION_COOKIE, app_cookie, set_cookie};
use crate::errors::AppError;
use crate::forms::FieldErrors;
use crate::{AppState, context};

/// A session lasts 12 hours: a working day, then sign in again.
const SESSION_SECONDS: i64 = 12 * 3600;
/// Throttle: at most 5 failed attempts per account and 20 per address in 15 minutes.
pub const THROTTLE_LIMITS: ThrottleLimits = ThrottleLimits {
    per_account: 5,
    per_address: 20,
    window_seconds: 15 * 60,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_form).post(login))
        .route("/logout", axum::routing::post(logout))
        .route("/invite/{token}", get(invite_form).post(accept_invite))
        .route(
            "/account/password",
            get(password_form).post(change_password),
        )
}

/// Where to send a user after signing in or switching language: `next` when it is a
/// path on this site, the dashboard otherwise. Every redirect to a value the client
/// sent goes through here.
pub fn safe_next(next: &str) -> String {
    if is_local_path(next) {
        next.to_string()
    } else {
        "/dashboard".to_string()
    }
}

/// A path on this site written only in plain URL characters. Browsers drop tabs and
/// newlines and read `\` as `/`, so `/\t/evil.example` or `/\evil.example` would
/// leave the site; anything outside the allow-list is refused rather than cleaned.
/// Percent-escapes are allowed as written (`%XX`), never decoded.
fn is_local_path(next: &str) -> bool {
    const ALLOWED: &[u8] = b"-._~/?=&%+:@!$'()*,;#";
    let b = next.as_bytes();
    b.first() == Some(&b'/')
        && !matches!(b.get(1), Some(b'/' | b'\\'))
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || ALLOWED.contains(c))
        && b.iter().enumerate().all(|(i, &c)| {
            c != b'%'
                || b.get(i + 1..i + 3)
                    .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
        })
}

/// A redirect that shows `flash_key` once on the next page.
pub fn redirect_with_flash(to: &str, flash_key: &str, secure: bool) -> Response {
    redirect_with_flash_args(to, flash_key, &[], secure)
}

/// A redirect that shows `flash_key` once on the next page, its `{name}`
/// placeholders filled with `args` (an organization's name, …).
pub fn redirect_with_flash_args(
    to: &str,
    flash_key: &str,
    args: &[(&str, &str)],
    secure: bool,
) -> Response {
    let mut res = Redirect::to(to).into_response();
    let value = crate::flash::Flash::encode(flash_key, args);
    res.headers_mut().append(
        SET_COOKIE,
        set_cookie(context::FLASH_COOKIE, &value, Some(60), secure),
    );
    res
}

#[derive(Template)]
#[template(path = "auth/login.html")]
struct LoginPage {
    c: Ctx,
    email: String,
    next: String,
    error: Option<&'static str>,
}

#[derive(Deserialize)]
struct NextQuery {
    #[serde(default)]
    next: String,
}

async fn login_form(c: Ctx, Query(q): Query<NextQuery>) -> Result<Response, AppError> {
    if c.user.is_some() {
        return Ok(Redirect::to(&safe_next(&q.next)).into_response());
    }
    let page = LoginPage {
        c,
        email: String::new(),
        next: q.next,
        error: None,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

async fn login(
    State(state): State<AppState>,
    c: Ctx,
    Form(f): Form<LoginForm>,
) -> Result<Response, AppError> {
    let store = &state.store;
    let email = f.email.trim().to_lowercase();
    let rerender =
        |c: Ctx, status: StatusCode, error: &'static str, email: String, next: String| {
            let page = LoginPage {
                c,
                email,
                next,
                error: Some(error),
            };
            page.render()
                .map(|html| (status, Html(html)).into_response())
                .map_err(AppError::from)
        };
    // Reserve the attempt before checking the password, in one atomic step: of
    // parallel guesses only as many as the limits allow get this far.
    let Some(attempt) = store
        .reserve_login_attempt(&email, &c.client_ip, THROTTLE_LIMITS)
        .await?
    else {
        store
            .audit(&c.actor(), "login_throttled", "user", &email, "")
            .await?;
        return rerender(
            c,
            StatusCode::TOO_MANY_REQUESTS,
            "login.throttled",
            email,
            f.next,
        );
    };
    let user = store.user_by_email(&email).await?;
    let ok = password::verify(
        &f.password,
        user.as_ref()
            .filter(|u| !u.is_disabled())
            .and_then(|u| u.password_hash.as_deref()),
    )
    .await;
    let Some(user) = user.filter(|_| ok) else {
        let mut actor = c.actor();
        actor.label = email.clone();
        store.audit(&actor, "login_failed", "user", "", "").await?;
        return rerender(c, StatusCode::UNAUTHORIZED, "login.failed", email, f.next);
    };
    store.mark_login_succeeded(attempt).await?;
    store.touch_last_login(user.id).await?;
    let session = store.create_session(user.id, SESSION_SECONDS).await?;
    let actor = store::audit::Actor {
        user_id: Some(user.id),
        label: user.email.clone(),
        ip: c.client_ip.clone(),
    };
    store.audit(&actor, "login", "user", user.id, "").await?;
    let mut res = Redirect::to(&safe_next(&f.next)).into_response();
    res.headers_mut().append(
        SET_COOKIE,
        set_cookie(
            SESSION_COOKIE,
            &session.token,
            Some(SESSION_SECONDS),
            state.config.cookie_secure,
        ),
    );
    Ok(res)
}

async fn logout(
    State(state): State<AppState>,
    c: Ctx,
    headers: axum::http::HeaderMap,
) -> Result<Response, AppError> {
    if let Some(token) = app_cookie(&headers, SESSION_COOKIE, state.config.cookie_secure) {
        state.store.delete_session(token).await?;
    }
    if c.user.is_some() {
        state
            .store
            .audit(
                &c.actor(),
                "logout",
                "user",
                c.user.as_ref().map(|u| u.user_id).unwrap_or_default(),
                "",
            )
            .await?;
    }
    let mut res = redirect_with_flash("/", "flash.signed_out", state.config.cookie_secure);
    res.headers_mut().append(
        SET_COOKIE,
        set_cookie(SESSION_COOKIE, "", Some(0), state.config.cookie_secure),
    );
    Ok(res)
}

#[derive(Template)]
#[template(path = "auth/set_password.html")]
struct SetPasswordPage {
    c: Ctx,
    /// Where the form posts.
    action: String,
    /// Whether the current password is asked (own password change).
    ask_current: bool,
    email: String,
    errors: FieldErrors,
}

async fn invite_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let user = state
        .store
        .user_by_invite(&token)
        .await?
        .ok_or(AppError::NotFound)?;
    let page = SetPasswordPage {
        action: format!("/invite/{token}"),
        c,
        ask_current: false,
        email: user.email,
        errors: FieldErrors::new(),
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

async fn accept_invite(
    State(state): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
    Form(f): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let user = state
        .store
        .user_by_invite(&token)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(key) = password::check_new(&f.password, &f.confirm) {
        let mut errors = FieldErrors::new();
        errors.add(&c.t, "password", key);
        let page = SetPasswordPage {
            action: format!("/invite/{token}"),
            c,
            ask_current: false,
            email: user.email,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response());
    }
    let hash = password::hash(&f.password)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    // Another request may have used the link since it was read above: only the one
    // that consumes it sets the password.
    if state
        .store
        .set_password_with_link(&token, &hash)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    let actor = store::audit::Actor {
        user_id: Some(user.id),
        label: user.email.clone(),
        ip: c.client_ip.clone(),
    };
    state
        .store
        .audit(
            &actor,
            "update",
            "user",
            user.id,
            "password set from invite link",
        )
        .await?;
    Ok(redirect_with_flash(
        "/login",
        "flash.password_set",
        state.config.cookie_secure,
    ))
}

async fn password_form(c: Ctx) -> Result<Response, AppError> {
    let p = c.require(&Action::SignedIn)?;
    let page = SetPasswordPage {
        email: p.email.clone(),
        c,
        action: "/account/password".into(),
        ask_current: true,
        errors: FieldErrors::new(),
    };
    Ok(Html(page.render()?).into_response())
}

async fn change_password(
    State(state): State<AppState>,
    c: Ctx,
    headers: axum::http::HeaderMap,
    Form(f): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let p = c.require(&Action::SignedIn)?.clone();
    let user = state.store.user(p.user_id).await?;
    let mut errors = FieldErrors::new();
    if !password::verify(&f.current, user.password_hash.as_deref()).await {
        errors.add(&c.t, "current", "password.current_wrong");
    }
    if let Some(key) = password::check_new(&f.password, &f.confirm) {
        errors.add(&c.t, "password", key);
    }
    if !errors.is_empty() {
        let page = SetPasswordPage {
            email: p.email.clone(),
            c,
            action: "/account/password".into(),
            ask_current: true,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response());
    }
    let hash = password::hash(&f.password)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    // Whoever else is signed in as this user (a stolen session, a forgotten
    // computer) is signed out; this browser stays signed in.
    state
        .store
        .change_password(
            p.user_id,
            &hash,
            app_cookie(&headers, SESSION_COOKIE, state.config.cookie_secure),
        )
        .await?;
    state
        .store
        .audit(
            &c.actor(),
            "update",
            "user",
            p.user_id,
            "password changed, other sessions ended",
        )
        .await?;
    Ok(redirect_with_flash(
        "/dashboard",
        "flash.password_changed",
        state.config.cookie_secure,
    ))
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        for hostile in [
            "/\t/evil.example",
            "//evil",
            "/\\evil",
            "/\n",
            "/ok\nLocation: x",
            "\u{b}",
            "/\u{b}",
            "/a\rb",
            "https://evil",
            "evil.example",
            "",
            " /ok",
            "/ok ok",
            "/caf\u{e9}",
            "/ok\\..",
            "/%zz",
            "/%4",
            "/\u{7f}",
        ] {
            assert_eq!(safe_next(hostile), "/dashboard", "{hostile:?}");
        }
        for fine in [
            "/",
            "/ok?x=1",
            "/declarations?type=company&page=2",
            "/orgs/3/readiness?fy=2026#facts",
            "/search?q=%E7%9B%B8%E9%A6%AC+x",
            "/a-b_c.d~e/(f)*,;:@!$'",
        ] {
            assert_eq!(safe_next(fine), fine);
        }
    }
}
