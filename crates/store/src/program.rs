//! What a region's program did in a fiscal year, counted for the city's program
//! view and its annual report: events and attendance, the questionnaire's
//! interest, declarations signed, and employers publishing computed figures.
//! Counts only: no person's name leaves this module.

use crate::feedback::FeedbackSummary;
use crate::{Result, Store};

/// One event of the program year with its attendance and questionnaire.
#[derive(Debug, Clone)]
pub struct EventOutcome {
    pub event: crate::events::Event,
    pub confirmed: i64,
    pub checked_in: i64,
    pub feedback: FeedbackSummary,
}

/// The program year's counts besides the course and the engagements.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProgramCounts {
    /// People checked in at the year's events (参加者).
    pub participants: i64,
    /// Organizations those people came from: registered ones by id, typed ones
    /// by name (参加した事業所).
    pub organizations_represented: i64,
    /// Registered organizations among them (by id), for joining with the course
    /// and engagements.
    pub represented_org_ids: Vec<i64>,
    /// Questionnaire answers interested in the leader course / consultant support.
    pub wants_course: i64,
    pub wants_consulting: i64,
    /// Approved declarations with a 宣言日 in the fiscal year, and their organizations.
    pub declarations_signed: i64,
    pub declaring_organizations: i64,
    /// Organizations of the region with a live published figure computed from
    /// their records (実績データから算出).
    pub publishing_computed: i64,
}

impl Store {
    /// The published or cancelled events of the region's program year `fy`, by
    /// start, with their counts.
    pub async fn program_events(&self, region_id: i64, fy: i64) -> Result<Vec<EventOutcome>> {
        let mut out = Vec::new();
        for event in self.public_events(Some(region_id)).await? {
            if event.fields.program_year != fy {
                continue;
            }
            let counts = self.registration_counts(event.id).await?;
            let feedback = self.feedback_summary(event.id).await?;
            out.push(EventOutcome {
                confirmed: counts.confirmed,
                checked_in: counts.checked_in,
                feedback,
                event,
            });
        }
        Ok(out)
    }

    /// The region's counts for the fiscal year `fy` (April `fy` to March `fy + 1`).
    pub async fn program_counts(&self, region_id: i64, fy: i64) -> Result<ProgramCounts> {
        let events = self.program_events(region_id, fy).await?;
        let mut c = ProgramCounts::default();
        for e in &events {
            c.participants += e.checked_in;
            c.wants_course += e.feedback.wants_course;
            c.wants_consulting += e.feedback.wants_consulting;
        }
        c.organizations_represented = sqlx::query_scalar(
            "SELECT COUNT(DISTINCT CASE WHEN r.org_id IS NOT NULL THEN 'id:' || CAST(r.org_id AS TEXT)
                                        ELSE 'name:' || r.organization END)
             FROM event_registrations r JOIN events e ON e.id = r.event_id
             WHERE e.region_id = $1 AND e.program_year = $2 AND e.status <> 'draft'
               AND r.checked_in_at IS NOT NULL AND (r.org_id IS NOT NULL OR r.organization <> '')",
        )
        .bind(region_id)
        .bind(fy)
        .fetch_one(self.pool())
        .await?;
        c.represented_org_ids = sqlx::query_scalar(
            "SELECT DISTINCT r.org_id FROM event_registrations r JOIN events e ON e.id = r.event_id
             WHERE e.region_id = $1 AND e.program_year = $2 AND e.status <> 'draft'
               AND r.checked_in_at IS NOT NULL AND r.org_id IS NOT NULL
             ORDER BY r.org_id",
        )
        .bind(region_id)
        .bind(fy)
        .fetch_all(self.pool())
        .await?;
        let (from, to) = (format!("{fy}-04-01"), format!("{}-03-31", fy + 1));
        let (signed, orgs): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COUNT(DISTINCT s.org_id) FROM signings s
             JOIN organizations o ON o.id = s.org_id
             WHERE o.region_id = $1 AND s.status = 'approved'
               AND s.declared_on >= $2 AND s.declared_on <= $3",
        )
        .bind(region_id)
        .bind(&from)
        .bind(&to)
        .fetch_one(self.pool())
        .await?;
        c.declarations_signed = signed;
        c.declaring_organizations = orgs;
        c.publishing_computed = sqlx::query_scalar(
            "SELECT COUNT(DISTINCT p.org_id) FROM publications p
             JOIN organizations o ON o.id = p.org_id
             WHERE o.region_id = $1 AND p.source = 'computed' AND p.withdrawn_at IS NULL",
        )
        .bind(region_id)
        .fetch_one(self.pool())
        .await?;
        Ok(c)
    }
}
