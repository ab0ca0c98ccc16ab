//! The engagement, meeting and action forms: what they post, and how it is
//! checked into the store's types with an error per field.

use domain::engagement::{ActionStatus, EngagementStatus, default_end, format_team, parse_team};
use serde::Deserialize;
use store::engagements::{ActionFields, Engagement, EngagementFields, MeetingFields};

use crate::forms::{self, FieldErrors, Labels};
use crate::i18n::Tr;

pub const LABELS: Labels = &[
    ("org", "engagements.field.org"),
    ("consultant", "engagements.field.consultants"),
    ("status", "engagements.field.status"),
    ("starts_on", "engagements.field.starts_on"),
    ("ends_on", "engagements.field.ends_on"),
    ("vision", "engagements.field.vision"),
    ("team", "engagements.field.team"),
];

pub const MEETING_LABELS: Labels = &[
    ("held_on", "engagements.field.held_on"),
    ("participants", "engagements.field.participants"),
    ("agenda", "engagements.field.agenda"),
    ("minutes", "engagements.field.minutes"),
    ("issue", "engagements.field.issue"),
    ("cause", "engagements.field.cause"),
    ("action", "engagements.field.action"),
    ("owner", "engagements.field.owner"),
    ("due_on", "engagements.field.due_on"),
];

/// What the engagement form posts, as typed.
#[derive(Debug, Clone, Default)]
pub struct EngagementForm {
    pub org: String,
    /// The chosen consultants' user ids (checkboxes `consultant`).
    pub consultants: Vec<String>,
    pub status: String,
    pub starts_on: String,
    /// Empty: five months from the start.
    pub ends_on: String,
    pub vision: String,
    pub team: String,
}

impl EngagementForm {
    pub fn new_engagement(today: jiff::civil::Date) -> EngagementForm {
        EngagementForm {
            status: EngagementStatus::Planned.as_str().into(),
            starts_on: today.to_string(),
            ..EngagementForm::default()
        }
    }

    pub fn of(e: &Engagement) -> EngagementForm {
        EngagementForm {
            org: e.org_id.to_string(),
            consultants: e.consultants.iter().map(|c| c.to_string()).collect(),
            status: e.fields.status.as_str().into(),
            starts_on: e.fields.starts_on.to_string(),
            ends_on: e.fields.ends_on.to_string(),
            vision: e.fields.vision.clone(),
            team: format_team(&e.fields.team),
        }
    }

    pub fn from_pairs(pairs: &[(String, String)]) -> EngagementForm {
        let mut f = EngagementForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "org" => f.org = v.clone(),
                "consultant" => f.consultants.push(v.clone()),
                "status" => f.status = v.clone(),
                "starts_on" => f.starts_on = v.clone(),
                "ends_on" => f.ends_on = v.clone(),
                "vision" => f.vision = v.clone(),
                "team" => f.team = v.clone(),
                _ => {}
            }
        }
        f
    }

    pub fn has_consultant(&self, id: &i64) -> bool {
        self.consultants.contains(&id.to_string())
    }

    /// The chosen consultants, each one of `allowed` (the region's consultants).
    pub fn consultant_ids(
        &self,
        t: &Tr,
        allowed: &[(i64, String)],
        errors: &mut FieldErrors,
    ) -> Vec<i64> {
        let mut ids = Vec::new();
        for raw in &self.consultants {
            match raw.trim().parse::<i64>() {
                Ok(id) if allowed.iter().any(|(a, _)| *a == id) => ids.push(id),
                _ => errors.add(t, "consultant", "engagements.error.consultant"),
            }
        }
        if ids.is_empty() {
            errors.add(t, "consultant", "engagements.error.no_consultant");
        }
        ids
    }

    pub fn parse(&self, t: &Tr, errors: &mut FieldErrors) -> Option<EngagementFields> {
        let status = EngagementStatus::parse(&self.status).ok();
        if status.is_none() {
            errors.add(t, "status", "engagements.error.status");
        }
        let starts_on = forms::date(errors, t, "starts_on", &self.starts_on);
        let ends_on = if self.ends_on.trim().is_empty() {
            starts_on.map(default_end)
        } else {
            forms::date(errors, t, "ends_on", &self.ends_on)
        };
        if let (Some(s), Some(e)) = (starts_on, ends_on)
            && e < s
        {
            errors.add(t, "ends_on", "engagements.error.ends_before_start");
        }
        let vision = forms::text(errors, t, "vision", &self.vision, false, 4000);
        let team = match parse_team(&self.team) {
            Ok(team) => Some(team),
            Err(err) => {
                let key = match err {
                    domain::engagement::EngagementError::TeamWithoutName => {
                        "engagements.error.team_name"
                    }
                    domain::engagement::EngagementError::TooManyTeam => {
                        "engagements.error.team_many"
                    }
                    _ => "engagements.error.team_long",
                };
                errors.add(t, "team", key);
                None
            }
        };
        Some(EngagementFields {
            status: status?,
            starts_on: starts_on?,
            ends_on: ends_on?,
            vision,
            team: team?,
        })
    }
}

/// A meeting with (optionally) one new action decided at it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MeetingForm {
    pub held_on: String,
    pub participants: String,
    pub agenda: String,
    pub minutes: String,
    pub issue: String,
    pub cause: String,
    pub action: String,
    pub owner: String,
    pub due_on: String,
}

impl MeetingForm {
    pub fn parse(
        &self,
        t: &Tr,
        errors: &mut FieldErrors,
    ) -> Option<(MeetingFields, Option<ActionFields>)> {
        let held_on = forms::date(errors, t, "held_on", &self.held_on);
        let participants = forms::text(errors, t, "participants", &self.participants, false, 2000);
        let agenda = forms::text(errors, t, "agenda", &self.agenda, true, 4000);
        let minutes = forms::text(errors, t, "minutes", &self.minutes, false, 20000);
        let action = ActionForm {
            issue: self.issue.clone(),
            cause: self.cause.clone(),
            action: self.action.clone(),
            owner: self.owner.clone(),
            due_on: self.due_on.clone(),
        };
        let action = if action.is_blank() {
            None
        } else {
            Some(action.parse(t, errors)?)
        };
        Some((
            MeetingFields {
                held_on: held_on?,
                participants,
                agenda,
                minutes,
            },
            action,
        ))
        .filter(|_| errors.is_empty())
    }
}

/// One new row of the action sheet.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ActionForm {
    pub issue: String,
    pub cause: String,
    pub action: String,
    pub owner: String,
    pub due_on: String,
}

impl ActionForm {
    pub fn is_blank(&self) -> bool {
        [
            &self.issue,
            &self.cause,
            &self.action,
            &self.owner,
            &self.due_on,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
    }

    pub fn parse(&self, t: &Tr, errors: &mut FieldErrors) -> Option<ActionFields> {
        let issue = forms::text(errors, t, "issue", &self.issue, true, 1000);
        let cause = forms::text(errors, t, "cause", &self.cause, false, 1000);
        let action = forms::text(errors, t, "action", &self.action, true, 1000);
        let owner = forms::text(errors, t, "owner", &self.owner, false, 200);
        let due_on = if self.due_on.trim().is_empty() {
            None
        } else {
            Some(forms::date(errors, t, "due_on", &self.due_on)?)
        };
        Some(ActionFields {
            issue,
            cause,
            action,
            owner,
            due_on,
            status: ActionStatus::Open,
        })
        .filter(|_| errors.is_empty())
    }
}
