//! A region's emblem (市章): uploaded on the region's edit page by its staff or a
//! platform admin, checked as declaration logos are (type from the bytes, SVG
//! rebuilt from an allow-list), and shown in every page's header.

use axum::Router;
use axum::extract::{Multipart, Path, State};
use axum::http::HeaderValue;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use super::regions::{edit_region_action, render_edit};
use crate::AppState;
use crate::auth::redirect_with_flash_args;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::FieldErrors;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/regions/{code}/emblem", get(emblem))
        .route("/admin/regions/{code}/emblem", post(upload))
        .route("/admin/regions/{code}/emblem/remove", post(remove))
}

/// The emblem, public: it is on every page of the region.
async fn emblem(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let region = state.store.region_by_code(&code).await?;
    let id = region.emblem_upload_id.ok_or(AppError::NotFound)?;
    let upload = state.store.upload(id).await?;
    let mut res = upload.bytes.into_response();
    let h = res.headers_mut();
    h.insert(
        CONTENT_TYPE,
        HeaderValue::from_str(&upload.content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    // An SVG opened on its own runs nothing and loads nothing.
    h.insert(
        "content-security-policy",
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; sandbox"),
    );
    // Pages link it with the upload's id in the query, so a new emblem is a new URL.
    h.insert(
        CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    Ok(res)
}

async fn upload(
    State(state): State<AppState>,
    c: Ctx,
    Path(code): Path<String>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let region = state.store.region_by_code(&code).await?;
    let p = c.require(&edit_region_action(&region))?.clone();
    let mut file = None;
    while let Some(field) = multipart.next_field().await? {
        if field.name() == Some("emblem") {
            let bytes = field.bytes().await?;
            if !bytes.is_empty() {
                file = Some(bytes.to_vec());
            }
        }
    }
    let mut errors = FieldErrors::labelled(super::regions::REGION_LABELS);
    let accepted = match file {
        None => {
            errors.add(&c.t, "emblem", "region.emblem_choose");
            None
        }
        Some(bytes) => match crate::orgs::logo::accept(&bytes, state.config.max_logo_bytes) {
            Ok(ok) => Some(ok),
            Err(key) => {
                // The logo's messages say 「ロゴ」; these two say 「画像」.
                let key = match key {
                    "declare.logo_type" => "region.emblem_type",
                    "declare.logo_too_large" => "region.emblem_too_large",
                    other => other,
                };
                errors.add(&c.t, "emblem", key);
                None
            }
        },
    };
    let Some((content_type, bytes)) = accepted else {
        return render_edit(c, region, None, errors);
    };
    let upload = state
        .store
        .save_upload(content_type, &bytes, Some(p.user_id))
        .await?;
    state
        .store
        .set_region_emblem(region.id, Some(upload))
        .await?;
    state
        .store
        .audit(
            &c.actor(),
            "update",
            "region",
            region.id,
            &format!("emblem: upload {upload} ({content_type})"),
        )
        .await?;
    Ok(redirect_with_flash_args(
        &format!("/admin/regions/{}", region.code),
        "flash.emblem_saved",
        &[("region", c.t.pick(&region.name_ja, &region.name_en))],
        state.config.cookie_secure,
    ))
}

async fn remove(
    State(state): State<AppState>,
    c: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let region = state.store.region_by_code(&code).await?;
    c.require(&edit_region_action(&region))?;
    state.store.set_region_emblem(region.id, None).await?;
    state
        .store
        .audit(&c.actor(), "update", "region", region.id, "emblem removed")
        .await?;
    Ok(redirect_with_flash_args(
        &format!("/admin/regions/{}", region.code),
        "flash.emblem_removed",
        &[("region", c.t.pick(&region.name_ja, &region.name_en))],
        state.config.cookie_secure,
    ))
}
