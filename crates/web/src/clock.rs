//! The date the application takes as today, in Japan.
//!
//! Normally the real date. `serve --today` fixes it for the whole process, so
//! that a demo or a training session can show the site as it reads on a given
//! day (a year in progress, a year just ended), and the tests fix it so that
//! what they assert about "the year in progress" holds whatever day they run.
//! Timestamps (sessions, leases, the audit log) always use the real clock.

use std::sync::OnceLock;

pub use jiff::civil::Date;

static FIXED_TODAY: OnceLock<Date> = OnceLock::new();

/// Fix today's date for this process. The first call wins; a later call with
/// another date returns the date already fixed.
pub fn fix_today(date: Date) -> Result<(), Date> {
    let fixed = *FIXED_TODAY.get_or_init(|| date);
    if fixed == date { Ok(()) } else { Err(fixed) }
}

/// Today's date in Japan (JST has no daylight saving time: always UTC+9), or
/// the date fixed by [`fix_today`].
pub fn today_jst() -> Date {
    if let Some(d) = FIXED_TODAY.get() {
        return *d;
    }
    jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(9)))
        .date()
}

/// The time of day now in Japan, in minutes after midnight. With a fixed
/// date, the end of that day (the day is taken as lived).
pub fn minutes_now_jst() -> u16 {
    if FIXED_TODAY.get().is_some() {
        return 24 * 60;
    }
    let t = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(9)))
        .time();
    u16::from(t.hour() as u8) * 60 + u16::from(t.minute() as u8)
}
