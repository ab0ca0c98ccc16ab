//! The event form staff fill in: its fields as typed, and their parsing into
//! [`EventFields`] with a message next to each field that is wrong.

use domain::event::{EventKind, EventStatus, LocalDateTime};
use serde::Deserialize;
use store::events::{Event, EventFields};

use crate::forms::{self, FieldErrors};
use crate::i18n::Tr;

/// Field id → label key, for the error summary.
pub const LABELS: forms::Labels = &[
    ("region", "events.field.region"),
    ("kind", "events.field.kind"),
    ("status", "events.field.status"),
    ("title", "events.field.title"),
    ("title_kana", "events.field.title_kana"),
    ("title_en", "events.field.title_en"),
    ("description", "events.field.description"),
    ("speakers", "events.field.speakers"),
    ("starts_at", "events.field.starts_at"),
    ("ends_at", "events.field.ends_at"),
    ("venue_name", "events.field.venue_name"),
    ("venue_address", "events.field.venue_address"),
    ("access", "events.field.access"),
    ("parking", "events.field.parking"),
    ("online_url", "events.field.online_url"),
    ("capacity", "events.field.capacity"),
    ("audience", "events.field.audience"),
    (
        "registration_deadline",
        "events.field.registration_deadline",
    ),
    ("fee", "events.field.fee"),
    ("organizer", "events.field.organizer"),
    ("contact_name", "events.field.contact_name"),
    ("contact_phone", "events.field.contact_phone"),
    ("program_year", "events.field.program_year"),
    ("declaration", "events.field.declaration"),
];

/// The form as typed (every field a string, so a wrong value comes back as typed).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EventForm {
    pub region: String,
    pub kind: String,
    pub status: String,
    pub title: String,
    pub title_kana: String,
    pub title_en: String,
    pub description: String,
    pub speakers: String,
    pub starts_at: String,
    pub ends_at: String,
    pub venue_name: String,
    pub venue_address: String,
    pub access: String,
    pub parking: String,
    pub online_url: String,
    pub capacity: String,
    pub audience: String,
    pub citizens_welcome: String,
    pub registration_deadline: String,
    pub fee: String,
    pub organizer: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub program_year: String,
    pub declaration: String,
}

impl EventForm {
    /// A new event's form: a draft lecture, for citizens too, free of charge.
    pub fn new_event(region_code: &str, organizer: &str, program_year: i32) -> EventForm {
        EventForm {
            region: region_code.to_string(),
            kind: EventKind::LectureAndPanel.as_str().into(),
            status: EventStatus::Draft.as_str().into(),
            citizens_welcome: "1".into(),
            fee: "無料".into(),
            organizer: organizer.to_string(),
            program_year: program_year.to_string(),
            ..EventForm::default()
        }
    }

    /// The form of a stored event.
    pub fn of(e: &Event, region_code: &str) -> EventForm {
        let f = &e.fields;
        EventForm {
            region: region_code.to_string(),
            kind: f.kind.as_str().into(),
            status: f.status.as_str().into(),
            title: f.title.clone(),
            title_kana: f.title_kana.clone(),
            title_en: f.title_en.clone(),
            description: f.description.clone(),
            speakers: domain::event::format_speakers(&f.speakers),
            starts_at: f.starts_at.as_stored(),
            ends_at: f.ends_at.as_stored(),
            venue_name: f.venue_name.clone(),
            venue_address: f.venue_address.clone(),
            access: f.access.clone(),
            parking: f.parking.clone(),
            online_url: f.online_url.clone(),
            capacity: f.capacity.map(|c| c.to_string()).unwrap_or_default(),
            audience: f.audience.clone(),
            citizens_welcome: if f.citizens_welcome {
                "1".into()
            } else {
                String::new()
            },
            registration_deadline: f
                .registration_deadline
                .map(|d| d.as_stored())
                .unwrap_or_default(),
            fee: f.fee.clone(),
            organizer: f.organizer.clone(),
            contact_name: f.contact_name.clone(),
            contact_phone: f.contact_phone.clone(),
            program_year: f.program_year.to_string(),
            declaration: f.declaration_id.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    /// The fields, or the errors to show (`declarations`: the ids one may pick).
    pub fn parse(&self, t: &Tr, declarations: &[i64]) -> Result<EventFields, FieldErrors> {
        let mut errors = FieldErrors::labelled(LABELS);
        let kind = EventKind::parse(&self.kind)
            .map_err(|e| errors.add(t, "kind", e.i18n_key()))
            .ok();
        let status = EventStatus::parse(&self.status)
            .map_err(|e| errors.add(t, "status", e.i18n_key()))
            .ok();
        let title = forms::text(&mut errors, t, "title", &self.title, true, 120);
        let title_kana = forms::text(&mut errors, t, "title_kana", &self.title_kana, false, 120);
        let title_en = forms::text(&mut errors, t, "title_en", &self.title_en, false, 200);
        let description = forms::text(
            &mut errors,
            t,
            "description",
            &self.description,
            false,
            4000,
        );
        let speakers = domain::event::parse_speakers(&self.speakers)
            .map_err(|e| errors.add(t, "speakers", e.i18n_key()))
            .unwrap_or_default();
        let mut time = |field: &str, value: &str, required: bool| -> Option<LocalDateTime> {
            if value.trim().is_empty() {
                if required {
                    errors.add(t, field, "form.required");
                }
                return None;
            }
            LocalDateTime::parse(value)
                .map_err(|e| errors.add(t, field, e.i18n_key()))
                .ok()
        };
        let starts_at = time("starts_at", &self.starts_at, true);
        let ends_at = time("ends_at", &self.ends_at, true);
        let registration_deadline =
            time("registration_deadline", &self.registration_deadline, false);
        if let (Some(s), Some(e)) = (starts_at, ends_at)
            && let Err(err) = domain::event::check_times(s, e)
        {
            errors.add(t, "ends_at", err.i18n_key());
        }
        if let (Some(s), Some(d)) = (starts_at, registration_deadline)
            && d > s
        {
            errors.add(
                t,
                "registration_deadline",
                "events.error.deadline_after_start",
            );
        }
        let venue_name = forms::text(&mut errors, t, "venue_name", &self.venue_name, false, 120);
        let venue_address = forms::text(
            &mut errors,
            t,
            "venue_address",
            &self.venue_address,
            false,
            200,
        );
        let access = forms::text(&mut errors, t, "access", &self.access, false, 500);
        let parking = forms::text(&mut errors, t, "parking", &self.parking, false, 300);
        let online_url = forms::url(&mut errors, t, "online_url", &self.online_url);
        if venue_name.is_empty() && online_url.is_empty() && !errors.has("online_url") {
            errors.add(t, "venue_name", "events.error.venue_or_online");
        }
        let capacity = if self.capacity.trim().is_empty() {
            None
        } else {
            match forms::count(&mut errors, t, "capacity", &self.capacity) {
                0 if !errors.has("capacity") => {
                    errors.add(t, "capacity", "events.error.capacity_zero");
                    None
                }
                n => Some(n),
            }
        };
        let audience = forms::text(&mut errors, t, "audience", &self.audience, false, 300);
        let fee = forms::text(&mut errors, t, "fee", &self.fee, false, 100);
        let organizer = forms::text(&mut errors, t, "organizer", &self.organizer, false, 120);
        let contact_name = forms::text(
            &mut errors,
            t,
            "contact_name",
            &self.contact_name,
            false,
            120,
        );
        let contact_phone = forms::text(
            &mut errors,
            t,
            "contact_phone",
            &self.contact_phone,
            false,
            40,
        );
        let program_year = match domain::FiscalYear::parse(&self.program_year) {
            Ok(fy) => Some(i64::from(fy.year())),
            Err(e) => {
                errors.add(t, "program_year", e.i18n_key());
                None
            }
        };
        let declaration_id = match self.declaration.trim() {
            "" => None,
            id => match id.parse::<i64>() {
                Ok(id) if declarations.contains(&id) => Some(id),
                _ => {
                    errors.add(t, "declaration", "events.error.declaration");
                    None
                }
            },
        };
        match (kind, status, starts_at, ends_at, program_year) {
            (Some(kind), Some(status), Some(starts_at), Some(ends_at), Some(program_year))
                if errors.is_empty() =>
            {
                Ok(EventFields {
                    kind,
                    status,
                    title,
                    title_kana,
                    title_en,
                    description,
                    speakers,
                    starts_at,
                    ends_at,
                    venue_name,
                    venue_address,
                    access,
                    parking,
                    online_url,
                    capacity,
                    audience,
                    citizens_welcome: !self.citizens_welcome.is_empty(),
                    registration_deadline,
                    fee,
                    organizer,
                    contact_name,
                    contact_phone,
                    program_year,
                    declaration_id,
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn filled() -> EventForm {
        EventForm {
            title: "キックオフ講演会".into(),
            starts_at: "2026-06-24T13:30".into(),
            ends_at: "2026-06-24T16:00".into(),
            venue_name: "相馬市総合福祉センター".into(),
            ..EventForm::new_event("072095", "相馬市", 2026)
        }
    }

    #[test]
    fn a_filled_form_parses_and_round_trips() {
        let t = Tr::new(Lang::Ja);
        let mut form = filled();
        form.capacity = "１２０".into();
        form.speakers = "山田花子｜講師".into();
        let fields = form.parse(&t, &[]).unwrap();
        assert_eq!(fields.capacity, Some(120));
        assert_eq!(fields.program_year, 2026);
        assert!(fields.citizens_welcome);
        assert_eq!(fields.speakers.len(), 1);
        let event = Event {
            id: 1,
            region_id: 1,
            uid: "u".into(),
            fields: fields.clone(),
            created_at: String::new(),
            updated_at: String::new(),
            sequence: 0,
        };
        assert_eq!(
            EventForm::of(&event, "072095").parse(&t, &[]).unwrap(),
            fields
        );
    }

    #[test]
    fn each_wrong_field_gets_its_own_message() {
        let t = Tr::new(Lang::Ja);
        let form = EventForm {
            kind: "concert".into(),
            ends_at: "2026-06-24T12:00".into(),
            registration_deadline: "2026-06-25T10:00".into(),
            venue_name: String::new(),
            capacity: "0".into(),
            declaration: "7".into(),
            ..filled()
        };
        let errors = form.parse(&t, &[1, 2]).unwrap_err();
        for field in [
            "kind",
            "ends_at",
            "registration_deadline",
            "venue_name",
            "capacity",
            "declaration",
        ] {
            assert!(errors.has(field), "{field}: {:?}", errors.all());
        }
        assert!(!errors.has("title"));
        // An online event needs no venue.
        let online = EventForm {
            venue_name: String::new(),
            online_url: "https://meet.example.jp/x".into(),
            ..filled()
        };
        assert!(online.parse(&t, &[]).is_ok());
    }
}
