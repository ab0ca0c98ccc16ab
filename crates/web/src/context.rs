//! Who is asking and how to answer them: language, signed-in user and roles, CSRF
//! token, flash message. Built once per page request by [`load`] and read by
//! handlers through the [`Ctx`] extractor.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::authz::{Action, Principal};
use crate::errors::AppError;
use crate::i18n::{Lang, Tr};
use crate::{AppState, REQUEST_ID};

pub const SESSION_COOKIE: &str = "erabareru_session";
pub const CSRF_COOKIE: &str = "erabareru_csrf";
pub const LANG_COOKIE: &str = "erabareru_lang";
pub const FLASH_COOKIE: &str = "erabareru_flash";

/// The request's context, available to every page handler and template.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub t: Tr,
    pub user: Option<Principal>,
    /// The token state-changing forms must echo (`csrf_token` field).
    pub csrf_token: String,
    /// Path and query of this request, for "back to" links and the language switch.
    pub path: String,
    pub request_id: String,
    pub client_ip: String,
    /// An htmx request wants the fragment, not the whole page.
    pub htmx: bool,
    /// A one-time message from the previous request.
    pub flash: Option<crate::flash::Flash>,
    /// The region the header names (see [`header_region`]).
    pub region: Option<HeaderRegion>,
    /// The portal version read when this request arrived ([`crate::page_cache`]);
    /// None when it could not be read (nothing is then taken from a cache).
    pub portal_version: Option<i64>,
}

/// The region a page's header shows: its name, and its emblem when uploaded.
#[derive(Debug, Clone)]
pub struct HeaderRegion {
    pub code: String,
    pub name_ja: String,
    pub name_en: String,
    pub emblem_upload_id: Option<i64>,
}

impl HeaderRegion {
    pub fn emblem_alt(&self, t: &crate::i18n::Tr) -> String {
        emblem_alt(t, &self.name_ja, &self.name_en)
    }
}

/// A region emblem's alternative text: 「相馬市の市章」, 町章 for a town, 村章
/// for a village.
pub fn emblem_alt(t: &crate::i18n::Tr, name_ja: &str, name_en: &str) -> String {
    let key = match name_ja.chars().last() {
        Some('市') => "region.emblem_alt_city",
        Some('町') => "region.emblem_alt_town",
        Some('村') => "region.emblem_alt_village",
        _ => "region.emblem_alt",
    };
    t.f1(key, "name", t.pick(name_ja, name_en))
}

/// Which region applies to the user: a staff member's (or consultant's) region,
/// an organization person's organization's region, else the installation's only
/// region; none when there are several and the user belongs to none of them.
async fn header_region(
    store: &store::Store,
    user: Option<&Principal>,
) -> Result<Option<HeaderRegion>, store::Error> {
    let region_id = user.and_then(|p| {
        p.staff_regions()
            .first()
            .or(p.consultant_regions().first())
            .copied()
    });
    let org_id = user.and_then(|p| p.member_orgs().first().copied());
    Ok(store
        .header_region(region_id, org_id)
        .await?
        .map(|r| HeaderRegion {
            code: r.code,
            name_ja: r.name_ja,
            name_en: r.name_en,
            emblem_upload_id: r.emblem_upload_id,
        }))
}

/// [`header_region`], from the portal cache while the regions are unchanged.
async fn cached_header_region(
    state: &AppState,
    user: Option<&Principal>,
    version: Option<i64>,
) -> Result<Option<HeaderRegion>, store::Error> {
    let Some(version) = version else {
        return header_region(&state.store, user).await;
    };
    let key = match user {
        None => String::new(),
        Some(p) => format!(
            "{:?}|{:?}|{:?}",
            p.staff_regions().first(),
            p.consultant_regions().first(),
            p.member_orgs().first()
        ),
    };
    let cache = &state.portal.header_regions;
    if let Some(r) = cache.get(&key, version) {
        return Ok((*r).clone());
    }
    let r = header_region(&state.store, user).await?;
    cache.put(key, version, std::sync::Arc::new(r.clone()));
    Ok(r)
}

impl Ctx {
    /// The signed-in user allowed to do `action`, or the error that explains why not:
    /// signed out → sign-in page; signed in without the right → 403.
    pub fn require(&self, action: &Action) -> Result<&Principal, AppError> {
        match &self.user {
            None => Err(AppError::SignInRequired(self.path.clone())),
            Some(p) if crate::authz::allows(p, action) => Ok(p),
            Some(_) => Err(AppError::Forbidden),
        }
    }

    /// The organization `id`, when the user may do `action` on it. A refusal
    /// does not tell whether the organization exists: signed out → the
    /// sign-in page, signed in without sight of it → 404, for existing and
    /// missing ids alike; only a user who may see it gets 403 for an action
    /// beyond their role.
    pub async fn org_for(
        &self,
        store: &store::Store,
        id: i64,
        action: impl FnOnce(&store::orgs::Organization) -> Action,
    ) -> Result<store::orgs::Organization, AppError> {
        let Some(p) = &self.user else {
            return Err(AppError::SignInRequired(self.path.clone()));
        };
        let org = store.organization(id).await?;
        let action = action(&org);
        if crate::authz::allows(p, &action) {
            Ok(org)
        } else if crate::authz::may_know_of(p, org.id, org.region_id) {
            Err(AppError::Forbidden)
        } else {
            Err(AppError::NotFound)
        }
    }

    /// [`Ctx::org_for`] for what only the organization's admins do (its
    /// declarations, profile, postings, caregiving record).
    pub async fn org_for_admin(
        &self,
        store: &store::Store,
        id: i64,
    ) -> Result<store::orgs::Organization, AppError> {
        self.org_for(store, id, |o| Action::DeclareForOrganization {
            org_id: o.id,
        })
        .await
    }

    /// Whether the current user may do `action` (for showing links).
    pub fn can(&self, action: &Action) -> bool {
        self.user
            .as_ref()
            .is_some_and(|p| crate::authz::allows(p, action))
    }

    /// The actor recorded in the audit log.
    pub fn actor(&self) -> store::audit::Actor {
        store::audit::Actor {
            user_id: self.user.as_ref().map(|u| u.user_id),
            label: self
                .user
                .as_ref()
                .map(|u| u.email.clone())
                .unwrap_or_else(|| "anonymous".into()),
            ip: self.client_ip.clone(),
        }
    }

    pub fn lang(&self) -> Lang {
        self.t.lang
    }

    /// The path of this page without the query string.
    pub fn path_only(&self) -> &str {
        self.path.split('?').next().unwrap_or("/")
    }

    /// `aria-current="page"` for navigation links under `prefix`.
    pub fn current(&self, prefix: &str) -> bool {
        let p = self.path_only();
        if prefix == "/" {
            p == "/"
        } else {
            p == prefix || p.starts_with(&format!("{prefix}/"))
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Ctx>()
            .cloned()
            .ok_or_else(|| AppError::Internal("context middleware missing".into()))
    }
}

/// The name a cookie of the application has on the wire: with `secure`, the
/// `__Host-` prefix, which browsers accept only from a secure origin with
/// `Secure; Path=/` and no `Domain`, so a sibling subdomain cannot plant it.
pub fn cookie_name(name: &str, secure: bool) -> String {
    if secure {
        format!("__Host-{name}")
    } else {
        name.to_string()
    }
}

/// Read one of the application's cookies (see [`cookie_name`]). With
/// `secure`, only the prefixed name counts: an unprefixed one may come from
/// a subdomain.
pub fn app_cookie<'a>(headers: &'a HeaderMap, name: &str, secure: bool) -> Option<&'a str> {
    cookie(headers, &cookie_name(name, secure))
}

/// Read a cookie's value from the request headers by its exact name.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A `Set-Cookie` value with the application's defaults (HttpOnly, SameSite=Lax,
/// Path=/, no Domain); with `secure`, `Secure` and the `__Host-` prefix.
pub fn set_cookie(name: &str, value: &str, max_age: Option<i64>, secure: bool) -> HeaderValue {
    let name = cookie_name(name, secure);
    let mut s = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        s.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        s.push_str("; Secure");
    }
    HeaderValue::from_str(&s).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The client's address: the socket peer, or behind `trusted_proxy_hops` trusted
/// proxies the `X-Forwarded-For` entry the outermost of them appended — counted
/// from the right, because everything left of it is whatever the client sent. An
/// entry that is not an IP address, or too few entries, falls back to the peer.
pub fn client_ip(
    headers: &HeaderMap,
    peer: Option<SocketAddr>,
    trust_proxy: bool,
    trusted_proxy_hops: usize,
) -> String {
    let forwarded = || {
        // Several header lines are one list, in order (RFC 9110 §5.3).
        let entries: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect();
        let hops = trusted_proxy_hops.max(1);
        let entry = entries.len().checked_sub(hops).map(|i| entries[i])?;
        entry
            .parse::<std::net::IpAddr>()
            .or_else(|_| entry.parse::<SocketAddr>().map(|s| s.ip()))
            .ok()
    };
    trust_proxy
        .then(forwarded)
        .flatten()
        .or(peer.map(|p| p.ip()))
        .map(|ip| ip.to_canonical().to_string())
        .unwrap_or_else(|| "unknown".into())
}

fn is_token(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Build the [`Ctx`] of a page request and put it in the request's extensions.
pub async fn load(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let headers = req.headers().clone();
    let secure = state.config.cookie_secure;
    let lang = app_cookie(&headers, LANG_COOKIE, secure)
        .and_then(Lang::parse)
        .or_else(|| {
            headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default();

    let mut user = None;
    let mut csrf_token = None;
    if let Some(token) = app_cookie(&headers, SESSION_COOKIE, secure).filter(|t| is_token(t)) {
        match state.store.session(token).await {
            Ok(Some(session)) => {
                let token = session.csrf_token.clone();
                match Principal::of_session(&state.store, session).await {
                    Ok(p) => {
                        user = Some(p);
                        csrf_token = Some(token);
                    }
                    Err(e) => tracing::error!(error = %e, "loading the signed-in user failed"),
                }
            }
            Ok(None) => {}
            Err(e) => {
                tracing::error!(error = %e, "session lookup failed");
                return AppError::Internal(e.to_string()).into_response_with_lang(lang);
            }
        }
    }
    // Signed-out visitors get a random token in a cookie (double submit); signed-in
    // users the token bound to their session.
    let mut new_csrf_cookie = None;
    let csrf_token = match csrf_token {
        Some(t) => t,
        None => match app_cookie(&headers, CSRF_COOKIE, secure).filter(|t| is_token(t)) {
            Some(t) => t.to_string(),
            None => {
                let t = store::random_token();
                new_csrf_cookie = Some(t.clone());
                t
            }
        },
    };
    let flash = app_cookie(&headers, FLASH_COOKIE, secure).and_then(crate::flash::Flash::decode);
    // Only full pages show the header; an htmx fragment does not.
    let htmx = headers.contains_key("hx-request");
    let portal_version = if !state.portal.enabled {
        None
    } else {
        // Only a signed-out visitor's page may be read under a version a few
        // milliseconds old (if configured): a signed-in user sees their own writes.
        match state
            .portal
            .gate
            .current(&state.store, user.is_none())
            .await
        {
            Ok(v) => Some(v),
            Err(e) => {
                tracing::error!(error = %e, "reading the portal version failed");
                None
            }
        }
    };
    let region = if htmx {
        None
    } else {
        match cached_header_region(&state, user.as_ref(), portal_version).await {
            Ok(r) => r,
            Err(e) => {
                // The header can do without; the page itself still answers.
                tracing::error!(error = %e, "loading the header's region failed");
                None
            }
        }
    };
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let ctx = Ctx {
        t: Tr::new(lang),
        user,
        csrf_token,
        path: req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into()),
        request_id: headers
            .get(REQUEST_ID)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("-")
            .to_string(),
        client_ip: client_ip(
            &headers,
            peer,
            state.config.trust_proxy,
            state.config.trusted_proxy_hops,
        ),
        htmx,
        flash: flash.clone(),
        region,
        portal_version,
    };
    req.extensions_mut().insert(ctx);
    let mut res = next.run(req).await;
    if let Some(t) = new_csrf_cookie {
        res.headers_mut()
            .append(SET_COOKIE, set_cookie(CSRF_COOKIE, &t, None, secure));
    }
    // Show a flash once: clear it unless this response sets a new one.
    let flash_prefix = format!("{}=", cookie_name(FLASH_COOKIE, secure));
    let sets_flash = res
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .any(|v| v.to_str().is_ok_and(|s| s.starts_with(&flash_prefix)));
    if flash.is_some() && !sets_flash && !res.status().is_redirection() {
        res.headers_mut()
            .append(SET_COOKIE, set_cookie(FLASH_COOKIE, "", Some(0), secure));
    }
    res
}
