//! The signed-in home: for each role the user holds, what they can do next.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use store::orgs::Organization;
use store::regions::Region;

use crate::AppState;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;

pub fn routes() -> Router<AppState> {
    Router::new().route("/dashboard", get(dashboard))
}

/// An organization the user works for, with what needs doing there.
struct OrgCard {
    org: Organization,
    is_admin: bool,
    pending: usize,
    approved: usize,
    open: usize,
}

#[derive(Template)]
#[template(path = "dashboard/dashboard.html")]
struct DashboardPage {
    c: Ctx,
    is_admin: bool,
    /// Regions the user is staff of, with their organizations.
    staff_regions: Vec<(Region, Vec<Organization>)>,
    pending_reviews: usize,
    orgs: Vec<OrgCard>,
    is_consultant: bool,
    /// The leader courses the user takes part in, with their worksheets.
    courses: Vec<crate::course::DashboardCard>,
    /// The consultant's engagements: (id, organization, status, period).
    engagements: Vec<(i64, String, &'static str, String)>,
}

async fn dashboard(State(state): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    let p = c.require(&Action::SignedIn)?.clone();
    let store = &state.store;
    let declarations = store.declarations().await?.len();
    let mut orgs = Vec::new();
    for org_id in p.member_orgs() {
        let org = store.organization(org_id).await?;
        let signings = store.signings_of_org(org_id).await?;
        let pending = signings.iter().filter(|s| s.status == "pending").count();
        let approved = signings.iter().filter(|s| s.status == "approved").count();
        orgs.push(OrgCard {
            is_admin: p.admin_orgs().contains(&org_id),
            org,
            pending,
            approved,
            open: declarations.saturating_sub(pending + approved),
        });
    }
    let mut staff_regions = Vec::new();
    for id in p.staff_regions() {
        staff_regions.push((
            store.region(id).await?,
            store.organizations_in_region(id).await?,
        ));
    }
    let pending_reviews = if p.is_platform_admin() {
        store.pending_signings(None).await?.len()
    } else {
        let mut n = 0;
        for (r, _) in &staff_regions {
            n += store.pending_signings(Some(r.id)).await?.len();
        }
        n
    };
    let courses = crate::course::dashboard_cards(&state, &c).await?;
    let mut engagements = Vec::new();
    for e in store.engagements_of_consultant(p.user_id).await? {
        let org = store.organization(e.org_id).await?;
        engagements.push((
            e.id,
            org.name,
            crate::engagements::status_label(&c.t, e.fields.status),
            crate::engagements::period(&c.t, e.fields.starts_on, e.fields.ends_on),
        ));
    }
    let page = DashboardPage {
        courses,
        engagements,
        is_admin: p.is_platform_admin(),
        is_consultant: !p.consultant_regions().is_empty(),
        c,
        staff_regions,
        pending_reviews,
        orgs,
    };
    Ok(Html(page.render()?).into_response())
}
