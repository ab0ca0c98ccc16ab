//! Events as iCalendar (RFC 5545), through the `ics` crate (it folds lines at 75
//! octets and writes CRLF). Times are Japan's wall clock with `TZID=Asia/Tokyo`,
//! and the calendar carries that zone's VTIMEZONE (UTC+9, no summer time since
//! 1951), so a calendar app in any zone places the event right.

use std::borrow::Cow;

use ics::components::{Parameter, Property};
use ics::{Event as IcsEvent, ICalendar, Standard, TimeZone, escape_text};
use store::events::Event;

const TZID: &str = "Asia/Tokyo";

/// Text fit for a TEXT value: escaped, with the control characters the form
/// already refuses stripped anyway (a value must never break the content line).
fn text(s: &str) -> Cow<'_, str> {
    let clean: String = s
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect();
    Cow::Owned(escape_text(clean).into_owned())
}

fn local_time(key: &'static str, value: String) -> Property<'static> {
    let mut p = Property::new(key, value);
    p.add(Parameter::new("TZID", TZID));
    p
}

/// One event as a VEVENT. `url` is the event's public page; `dtstamp` is when this
/// calendar was produced (UTC, `YYYYMMDDTHHMMSSZ`).
fn vevent(e: &Event, url: &str, dtstamp: &str) -> IcsEvent<'static> {
    let f = &e.fields;
    let mut v = IcsEvent::new(e.uid.clone(), dtstamp.to_string());
    v.push(local_time("DTSTART", f.starts_at.ical()));
    v.push(local_time("DTEND", f.ends_at.ical()));
    v.push(Property::new("SUMMARY", text(&f.title).into_owned()));
    let location = [f.venue_name.as_str(), f.venue_address.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let location = if location.is_empty() {
        f.online_url.clone()
    } else {
        location
    };
    if !location.is_empty() {
        v.push(Property::new("LOCATION", text(&location).into_owned()));
    }
    if !f.description.is_empty() {
        v.push(Property::new(
            "DESCRIPTION",
            text(&f.description).into_owned(),
        ));
    }
    v.push(Property::new("URL", url.to_string()));
    v.push(Property::new("SEQUENCE", e.sequence.to_string()));
    v.push(Property::new(
        "STATUS",
        match f.status {
            domain::event::EventStatus::Cancelled => "CANCELLED",
            _ => "CONFIRMED",
        },
    ));
    if let Ok(modified) = e.updated_at.parse::<jiff::Timestamp>() {
        v.push(Property::new(
            "LAST-MODIFIED",
            modified.strftime("%Y%m%dT%H%M%SZ").to_string(),
        ));
    }
    v
}

/// A calendar of `events`; `url_of` gives each event's public page.
pub fn calendar(events: &[Event], name: &str, url_of: impl Fn(&Event) -> String) -> String {
    let dtstamp = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    let mut cal = ICalendar::new("2.0", "-//erabareru//events//JA");
    cal.push(Property::new("CALSCALE", "GREGORIAN"));
    cal.push(Property::new("METHOD", "PUBLISH"));
    cal.push(Property::new("X-WR-CALNAME", text(name).into_owned()));
    cal.push(Property::new("X-WR-TIMEZONE", TZID));
    let mut standard = Standard::new("19700101T000000", "+0900", "+0900");
    standard.push(Property::new("TZNAME", "JST"));
    cal.add_timezone(TimeZone::standard(TZID, standard));
    for e in events {
        cal.add_event(vevent(e, &url_of(e), &dtstamp));
    }
    cal.to_string()
}
