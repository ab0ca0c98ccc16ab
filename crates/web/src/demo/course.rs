//! The demo's leader course (soma.toml `[[courses]]`): a cohort part-way
//! through, with attendance, submitted revisions, a draft and facilitators'
//! comments, written through the same store functions as the pages.

use std::collections::HashMap;

use domain::course::{WorksheetContent, WorksheetKind};
use serde::Deserialize;
use store::Store;
use store::audit::Actor;
use store::courses::{NamedUser, NewSession};

use super::bad;

#[derive(Deserialize)]
pub struct DemoCourse {
    region: String,
    fiscal_year: i64,
    title: String,
    #[serde(default)]
    facilitators: Vec<String>,
    sessions: Vec<DemoSession>,
    #[serde(default)]
    participants: Vec<DemoParticipant>,
}

#[derive(Deserialize)]
struct DemoSession {
    held_on: String,
    #[serde(default)]
    venue: String,
    kind: String,
}

#[derive(Deserialize)]
struct DemoParticipant {
    email: String,
    /// For a participant who is not one of the demo accounts: created
    /// without a password, as a member of `org`.
    #[serde(default)]
    display_name: String,
    org: String,
    /// Session numbers (1-based) attended.
    #[serde(default)]
    attended: Vec<usize>,
    #[serde(default)]
    worksheets: Vec<DemoWorksheet>,
}

#[derive(Deserialize)]
struct DemoWorksheet {
    session: usize,
    #[serde(default)]
    revisions: Vec<WorksheetContent>,
    draft: Option<WorksheetContent>,
    #[serde(default)]
    attach_kpi: bool,
    #[serde(default)]
    comments: Vec<DemoComment>,
}

#[derive(Deserialize)]
struct DemoComment {
    /// The revision number commented on.
    on: i64,
    body: String,
}

pub async fn load(
    store: &Store,
    courses: &[DemoCourse],
    region_ids: &HashMap<String, i64>,
    org_ids: &HashMap<String, i64>,
    actor: &Actor,
) -> anyhow::Result<()> {
    for c in courses {
        let region = *region_ids.get(&c.region).ok_or_else(|| bad(&c.region))?;
        let mut sessions = Vec::new();
        for s in &c.sessions {
            sessions.push(NewSession {
                held_on: s.held_on.parse().map_err(bad)?,
                venue: s.venue.clone(),
                kind: WorksheetKind::parse(&s.kind).map_err(bad)?,
            });
        }
        let id = store
            .create_course(region, c.fiscal_year, &c.title, &sessions, actor)
            .await?;
        let sessions = store.course_sessions(id).await?;
        let mut facilitator = None;
        for email in &c.facilitators {
            let u = store
                .user_by_email(email)
                .await?
                .ok_or_else(|| bad(email))?;
            store.add_course_facilitator(id, u.id, actor).await?;
            facilitator.get_or_insert(NamedUser {
                user_id: u.id,
                display_name: u.display_name.clone(),
            });
        }
        let mut attendance: Vec<Vec<i64>> = vec![Vec::new(); sessions.len()];
        for p in &c.participants {
            let org = *org_ids.get(&p.org).ok_or_else(|| bad(&p.org))?;
            let user = match store.user_by_email(&p.email).await? {
                Some(u) => u.id,
                None => {
                    let u = store.create_user(&p.email, &p.display_name, None).await?;
                    store.grant_role(u, "org_member", None, Some(org)).await?;
                    u
                }
            };
            let pid = store.enrol_participant(id, user, org, actor).await?;
            for n in &p.attended {
                attendance
                    .get_mut(n.wrapping_sub(1))
                    .ok_or_else(|| bad(format!("session {n}")))?
                    .push(pid);
            }
            let as_participant = Actor {
                user_id: Some(user),
                label: p.email.clone(),
                ip: String::new(),
            };
            for w in &p.worksheets {
                let session = sessions
                    .get(w.session.wrapping_sub(1))
                    .ok_or_else(|| bad(format!("session {}", w.session)))?;
                let figures = if w.attach_kpi {
                    crate::course::figures::of_org(store, org).await?
                } else {
                    Vec::new()
                };
                for r in &w.revisions {
                    let mut content = r.clone();
                    if let WorksheetContent::Issues(s) = &mut content {
                        s.figures = figures.iter().take(1).cloned().collect();
                    }
                    store
                        .submit_worksheet(pid, session.id, &content, &as_participant)
                        .await?;
                }
                if let Some(d) = &w.draft {
                    store.save_worksheet_draft(pid, session.id, d).await?;
                }
                if let (Some(f), Some(sheet)) =
                    (&facilitator, store.worksheet(pid, session.id).await?)
                {
                    for cm in &w.comments {
                        store
                            .add_worksheet_comment(sheet.id, cm.on, f, &cm.body, actor)
                            .await?;
                    }
                }
            }
        }
        for (s, who) in sessions.iter().zip(&attendance) {
            store.set_session_attendance(s.id, who, actor).await?;
        }
    }
    Ok(())
}
