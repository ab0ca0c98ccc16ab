//! Parsers of single values. Every parser receives the raw field, trims it
//! (including the ideographic space), converts full-width ASCII (digits,
//! letters, `：`, `／`, `－`, `．`) and reads it; an empty field is handled by
//! the caller. Errors name the value as written.

use std::borrow::Cow;

use jiff::civil::Date;
use kpi::{DayType, EmploymentType, FamilyEventKind, Gender, LeaveKind, Position};

use crate::error::ValueError;

/// Trims `raw` and converts full-width ASCII variants to ASCII. Borrows when
/// the field is already ASCII (the common case: no allocation per field).
pub fn clean(raw: &str) -> Cow<'_, str> {
    if raw.is_ascii() {
        // The common case, trimmed on bytes: exactly the ASCII characters
        // `str::trim` removes (it also removes U+000B, which `trim_ascii` keeps).
        let ws = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
        let b = raw.as_bytes();
        let start = b.iter().position(|c| !ws(c)).unwrap_or(b.len());
        let end = b.iter().rposition(|c| !ws(c)).map_or(start, |e| e + 1);
        return Cow::Borrowed(&raw[start..end]);
    }
    let t = raw.trim();
    if t.is_ascii() {
        Cow::Borrowed(t)
    } else {
        let n = domain::normalize_digits(t);
        let n = n.trim();
        Cow::Owned(n.to_string())
    }
}

fn ascii_digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A date written `YYYY-MM-DD` or `YYYY/MM/DD` (month and day may have one
/// digit; `2026年4月1日` is accepted too).
pub fn parse_date(s: &str) -> Result<Date, ValueError> {
    let bad = || {
        ValueError::new(
            format!("{s} は日付として読めません（YYYY-MM-DD か YYYY/MM/DD で書いてください）"),
            format!("{s} is not a date (write YYYY-MM-DD or YYYY/MM/DD)"),
        )
    };
    let b = s.as_bytes();
    // Fast path: exactly YYYY-MM-DD or YYYY/MM/DD.
    let (y, m, d) = if b.len() == 10
        && (b[4] == b'-' || b[4] == b'/')
        && b[7] == b[4]
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[8..].iter().all(u8::is_ascii_digit)
    {
        let n = |r: &[u8]| r.iter().fold(0u32, |a, &c| a * 10 + u32::from(c - b'0'));
        (n(&b[..4]), n(&b[5..7]), n(&b[8..]))
    } else {
        let normalized;
        let t = if s.contains('年') {
            normalized = s.replace(['年', '月'], "-").replace('日', "");
            normalized.as_str()
        } else {
            s
        };
        let mut parts = t.split(['-', '/']);
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        if y.len() != 4 || m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
            return Err(bad());
        }
        match (ascii_digits(y), ascii_digits(m), ascii_digits(d)) {
            (Some(y), Some(m), Some(d)) => (y, m, d),
            _ => return Err(bad()),
        }
    };
    let nonexistent = || {
        ValueError::new(
            format!("{s} は存在しない日付です"),
            format!("{s} is not a date that exists"),
        )
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1900..=2999).contains(&y) {
        return Err(nonexistent());
    }
    Date::new(y as i16, m as i8, d as i8).map_err(|_| nonexistent())
}

/// A clock time `H:MM` (also `HH:MM`, `H:MM:SS`; seconds are dropped) in
/// minutes after 0:00. Hours may pass 24 (`25:30` = 1,530) up to 47:59.
pub fn parse_clock(s: &str) -> Result<u16, ValueError> {
    let bad = || {
        ValueError::new(
            format!(
                "{s} は時刻として読めません（H:MM で書いてください。例 9:00、日をまたぐ場合 25:30）"
            ),
            format!("{s} is not a time (write H:MM, e.g. 9:00, or 25:30 past midnight)"),
        )
    };
    let mut parts = s.split(':');
    let (Some(h), Some(m)) = (parts.next(), parts.next()) else {
        return Err(bad());
    };
    if let Some(sec) = parts.next()
        && (sec.len() != 2 || ascii_digits(sec).is_none_or(|v| v > 59))
    {
        return Err(bad());
    }
    if parts.next().is_some() || h.is_empty() || h.len() > 2 || m.len() != 2 {
        return Err(bad());
    }
    let (Some(h), Some(m)) = (ascii_digits(h), ascii_digits(m)) else {
        return Err(bad());
    };
    if m > 59 {
        return Err(bad());
    }
    if h > 47 {
        return Err(ValueError::new(
            format!("{s} は 48:00 以降です（日をまたぐ勤務は 47:59 まで書けます）"),
            format!("{s} is 48:00 or later (a shift past midnight may be written up to 47:59)"),
        ));
    }
    Ok((h * 60 + m) as u16)
}

/// A duration in whole minutes (`60`), or `H:MM` (`1:00`).
pub fn parse_minutes(s: &str) -> Result<u32, ValueError> {
    if s.contains(':') {
        let mut parts = s.split(':');
        if let (Some(h), Some(m), None) = (parts.next(), parts.next(), parts.next())
            && m.len() == 2
            && let (Some(h), Some(m)) = (ascii_digits(h), ascii_digits(m))
            && m < 60
            && h <= 100_000
        {
            return Ok(h * 60 + m);
        }
    } else if let Some(v) = ascii_digits(s) {
        return Ok(v);
    }
    Err(ValueError::new(
        format!("{s} は分数として読めません（0 以上の整数の分、または H:MM）"),
        format!("{s} is not a number of minutes (a whole number of minutes, or H:MM)"),
    ))
}

/// A decimal number as (integer part, fraction digits, fraction value).
fn parse_decimal(s: &str) -> Option<(u32, u32, u32)> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let int = if int.is_empty() && !frac.is_empty() {
        0
    } else {
        ascii_digits(int)?
    };
    if frac.is_empty() {
        if s.ends_with('.') {
            return None;
        }
        return Some((int, 0, 0));
    }
    if frac.len() > 4 {
        return None;
    }
    Some((int, frac.len() as u32, ascii_digits(frac)?))
}

/// Hours written as a decimal (`29.5`, `2`) or `H:MM`, in minutes; the
/// result must be a whole number of minutes.
pub fn parse_hours(s: &str) -> Result<u32, ValueError> {
    let bad = || {
        ValueError::new(
            format!("{s} は時間数として読めません（例 40、29.5、1:30）"),
            format!("{s} is not a number of hours (e.g. 40, 29.5, 1:30)"),
        )
    };
    if s.contains(':') {
        return parse_minutes(s).map_err(|_| bad());
    }
    let (int, digits, frac) = parse_decimal(s).ok_or_else(bad)?;
    let scale = 10u64.pow(digits);
    let tot = u64::from(frac) * 60;
    if !tot.is_multiple_of(scale) {
        return Err(ValueError::new(
            format!("{s} 時間は分単位で割り切れません"),
            format!("{s} hours is not a whole number of minutes"),
        ));
    }
    let minutes = u64::from(int) * 60 + tot / scale;
    u32::try_from(minutes).map_err(|_| bad())
}

/// A month of a monthly summary, as its first day: `2026/04`, `2026-04`,
/// `2026/4`, `2026年4月`, `202604`, or a full date (whose day is ignored).
pub fn parse_month(s: &str) -> Result<Date, ValueError> {
    let bad = || {
        ValueError::new(
            format!(
                "{s} は年月として読めません（YYYY/MM か YYYY-MM で書いてください。例 2026/04）"
            ),
            format!("{s} is not a month (write YYYY/MM or YYYY-MM, e.g. 2026/04)"),
        )
    };
    let t = s.trim_end_matches('月').replace('年', "/");
    let parts: Vec<&str> = t.split(['-', '/']).collect();
    let (y, m) = match parts.as_slice() {
        [ym] if ym.len() == 6 => (&ym[..4], &ym[4..]),
        [y, m] => (*y, *m),
        [_, _, _] => {
            let d = parse_date(s)?;
            return Ok(d.first_of_month());
        }
        _ => return Err(bad()),
    };
    if y.len() != 4 || m.is_empty() || m.len() > 2 {
        return Err(bad());
    }
    let (Some(y), Some(m)) = (ascii_digits(y), ascii_digits(m)) else {
        return Err(bad());
    };
    if !(1..=12).contains(&m) || !(1900..=2999).contains(&y) {
        return Err(ValueError::new(
            format!("{s} は存在しない年月です"),
            format!("{s} is not a month that exists"),
        ));
    }
    Ok(Date::new(y as i16, m as i8, 1).expect("valid month"))
}

/// Paid-leave days of a month (a monthly summary): a multiple of 0.5 from 0
/// to 31, in half days.
pub fn parse_paid_leave_total(s: &str) -> Result<u8, ValueError> {
    let bad = || {
        ValueError::new(
            format!("{s} は1か月の有給休暇の日数として読めません（0〜31 の 0.5 日単位）"),
            format!("{s} is not a month's paid-leave day count (0 to 31 in steps of 0.5)"),
        )
    };
    let (int, digits, frac) = parse_decimal(s).ok_or_else(bad)?;
    let scale = 10u32.pow(digits);
    let half = match frac {
        0 => 0,
        f if f * 2 == scale => 1,
        _ => return Err(bad()),
    };
    if int > 31 || (int == 31 && half == 1) {
        return Err(bad());
    }
    Ok((int * 2 + half) as u8)
}

/// A duration written in base 60 with a dot, `H.MM` (`1.15` = 1 h 15 min =
/// 75; `12.30` = 750; `8` = 480), or `H:MM`, in minutes. The part after the
/// dot is two digits below 60.
pub fn parse_base60(s: &str) -> Result<u32, ValueError> {
    let bad = || {
        ValueError::new(
            format!(
                "{s} は時間数（時.分）として読めません（例 1.15 は 1時間15分、12.30 は 12時間30分）"
            ),
            format!(
                "{s} is not a duration in hours.minutes (e.g. 1.15 = 1 h 15 min, 12.30 = 12 h 30 min)"
            ),
        )
    };
    if s.contains(':') {
        return parse_h_mm(s).map_err(|_| bad());
    }
    let (h, m) = s.split_once('.').unwrap_or((s, "00"));
    if m.len() != 2 || h.len() > 6 {
        return Err(bad());
    }
    let h = if h.is_empty() {
        Some(0)
    } else {
        ascii_digits(h)
    };
    match (h, ascii_digits(m)) {
        (Some(h), Some(m)) if m < 60 => Ok(h * 60 + m),
        _ => Err(bad()),
    }
}

/// A duration written `H:MM` (`1:15` = 75; `0:45`; `120:30`), in minutes.
pub fn parse_h_mm(s: &str) -> Result<u32, ValueError> {
    let mut parts = s.split(':');
    if let (Some(h), Some(m), None) = (parts.next(), parts.next(), parts.next())
        && m.len() == 2
        && !h.is_empty()
        && h.len() <= 6
        && let (Some(h), Some(m)) = (ascii_digits(h), ascii_digits(m))
        && m < 60
    {
        return Ok(h * 60 + m);
    }
    Err(ValueError::new(
        format!("{s} は時間（H:MM）として読めません（例 1:15 は 1時間15分）"),
        format!("{s} is not a duration in H:MM (e.g. 1:15 = 1 h 15 min)"),
    ))
}

/// Paid-leave days: 0, 0.5 or 1 (`1.0`, `0.50` …), in half days.
pub fn parse_paid_leave_days(s: &str) -> Result<u8, ValueError> {
    let bad = || {
        ValueError::new(
            format!("{s} は有給休暇の日数として読めません（0、0.5、1 のいずれか）"),
            format!("{s} is not a paid-leave day count (0, 0.5 or 1)"),
        )
    };
    let (int, digits, frac) = parse_decimal(s).ok_or_else(bad)?;
    let half = match (int, frac, digits) {
        (i, 0, _) if i <= 1 => (i * 2) as u8,
        (0, f, d) if f * 2 == 10u32.pow(d) => 1,
        _ => return Err(bad()),
    };
    Ok(half)
}

/// A small whole number (days per week, days per year).
pub fn parse_count(s: &str, max: u32) -> Result<u32, ValueError> {
    match parse_decimal(s) {
        Some((v, _, 0)) if v <= max => Ok(v),
        _ => Err(ValueError::new(
            format!("{s} は 0〜{max} の整数として読めません"),
            format!("{s} is not a whole number from 0 to {max}"),
        )),
    }
}

/// `true`/`false` and their usual spellings (1/0, yes/no, はい/いいえ, ○/×,
/// 対象/対象外).
pub fn parse_bool(s: &str) -> Result<bool, ValueError> {
    match s.to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "y" | "t" | "はい" | "○" | "〇" | "対象" | "あり" => {
            Ok(true)
        }
        "false" | "0" | "no" | "n" | "f" | "いいえ" | "×" | "対象外" | "なし" => Ok(false),
        _ => Err(ValueError::new(
            format!("{s} は true / false として読めません"),
            format!("{s} is not true or false"),
        )),
    }
}

fn unknown_code(s: &str, what_ja: &str, what_en: &str, allowed: &str) -> ValueError {
    ValueError::new(
        format!("{s} は{what_ja}として読めません（{allowed}）"),
        format!("{s} is not a {what_en} ({allowed})"),
    )
}

/// 性別 (`male`/`female`/`other`; 男, 男性, M, 女, 女性, F).
pub fn parse_gender(s: &str) -> Result<Gender, ValueError> {
    Gender::from_code(s).ok_or_else(|| {
        unknown_code(
            s,
            "性別",
            "gender",
            "male / female / other、男 / 女 / 男性 / 女性 / M / F",
        )
    })
}

/// 勤務日の種類.
pub fn parse_day_type(s: &str) -> Result<DayType, ValueError> {
    if let Some(t) = DayType::from_code(s) {
        return Ok(t);
    }
    match s {
        "出勤日" | "勤務日" | "平日" | "所定労働日" | "通常" => Ok(DayType::Workday),
        "休日" | "所定休日" | "公休" | "法定外休日" => Ok(DayType::Holiday),
        "法定休日" | "法休" => Ok(DayType::LegalHoliday),
        _ => Err(unknown_code(
            s,
            "勤務日の種類",
            "day type",
            "workday / holiday / legal_holiday、平日 / 所定休日 / 法定休日",
        )),
    }
}

/// 雇用形態.
pub fn parse_employment_type(s: &str) -> Result<EmploymentType, ValueError> {
    if let Some(t) = EmploymentType::from_code(s) {
        return Ok(t);
    }
    match s {
        "正社員" | "正規" | "正規雇用" | "無期" => Ok(EmploymentType::Regular),
        "有期" | "有期雇用" | "契約社員" | "契約" | "嘱託" => {
            Ok(EmploymentType::FixedTerm)
        }
        "パート" | "パートタイム" | "アルバイト" | "パート・アルバイト" | "短時間" => {
            Ok(EmploymentType::PartTime)
        }
        _ => Err(unknown_code(
            s,
            "雇用形態",
            "employment type",
            "regular / fixed_term / part_time、正社員 / 有期 / パート",
        )),
    }
}

/// 役職.
pub fn parse_position(s: &str) -> Result<Position, ValueError> {
    if let Some(p) = Position::from_code(s) {
        return Ok(p);
    }
    match s {
        "一般" | "一般職" | "担当" => Ok(Position::Staff),
        "係長" | "係長級" => Ok(Position::Chief),
        "管理職" | "課長" | "課長級" | "課長級以上" | "部長" | "部長級" => {
            Ok(Position::Manager)
        }
        "役員" | "取締役" => Ok(Position::Executive),
        _ => Err(unknown_code(
            s,
            "役職",
            "position",
            "staff / chief / manager / executive、一般 / 係長級 / 課長級以上 / 役員",
        )),
    }
}

/// Family event kind: `birth` (出生, 出産); anything else is kept as `Other`.
pub fn parse_event(s: &str) -> FamilyEventKind {
    match s.to_ascii_lowercase().as_str() {
        "birth" | "出生" | "出産" | "誕生" => FamilyEventKind::Birth,
        other => FamilyEventKind::Other(other.to_string()),
    }
}

/// Leave kind, with Japanese names; unknown codes are kept as `Other`.
pub fn parse_leave_kind(s: &str) -> LeaveKind {
    match s {
        "育児休業" | "育休" => LeaveKind::ChildcareLeave,
        "産後パパ育休" | "出生時育児休業" => LeaveKind::PostnatalPaternityLeave,
        "育児目的休暇" => LeaveKind::ChildcarePurposeLeave,
        "介護休業" => LeaveKind::CaregivingLeave,
        other => LeaveKind::from_code(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_trims_ascii_as_str_trim_does() {
        for raw in [
            " 9:00 ",
            "\t12\r",
            "\x0B5\x0C",
            "",
            "   ",
            "a b",
            "\u{3000}１２\u{3000}",
            " ＡＢ ",
        ] {
            let expected = domain::normalize_digits(raw.trim()).trim().to_string();
            assert_eq!(clean(raw), expected, "{raw:?}");
        }
    }
    use jiff::civil::date;

    #[test]
    fn dates_in_every_accepted_form() {
        assert_eq!(parse_date("2026-04-01").unwrap(), date(2026, 4, 1));
        assert_eq!(parse_date("2026/04/01").unwrap(), date(2026, 4, 1));
        assert_eq!(parse_date("2026/4/1").unwrap(), date(2026, 4, 1));
        assert_eq!(parse_date("2026年4月1日").unwrap(), date(2026, 4, 1));
        assert_eq!(
            parse_date(&clean(" ２０２６／０４／０１　")).unwrap(),
            date(2026, 4, 1)
        );
        assert_eq!(
            parse_date("2026-02-30").unwrap_err().ja,
            "2026-02-30 は存在しない日付です"
        );
        assert_eq!(
            parse_date("2026-13-01").unwrap_err().ja,
            "2026-13-01 は存在しない日付です"
        );
        assert!(
            parse_date("20260401")
                .unwrap_err()
                .ja
                .contains("日付として読めません")
        );
        assert!(parse_date("2026-4").is_err());
        assert!(parse_date("26-04-01").is_err());
    }

    #[test]
    fn clock_times() {
        assert_eq!(parse_clock("9:00").unwrap(), 540);
        assert_eq!(parse_clock("09:05").unwrap(), 545);
        assert_eq!(parse_clock("25:30").unwrap(), 1530);
        assert_eq!(parse_clock("18:00:00").unwrap(), 1080);
        assert!(parse_clock("9").is_err());
        assert!(parse_clock("9:5").is_err());
        assert!(parse_clock("9:60").is_err());
        assert!(parse_clock("48:00").unwrap_err().ja.contains("48:00"));
    }

    #[test]
    fn durations_and_counts() {
        assert_eq!(parse_minutes("60").unwrap(), 60);
        assert_eq!(parse_minutes("1:15").unwrap(), 75);
        assert!(parse_minutes("-5").is_err());
        assert_eq!(parse_hours("40").unwrap(), 2400);
        assert_eq!(parse_hours("29.5").unwrap(), 1770);
        assert_eq!(parse_hours("1.25").unwrap(), 75);
        assert_eq!(parse_hours("1:30").unwrap(), 90);
        assert!(parse_hours("0.01").is_err());
        assert_eq!(parse_paid_leave_days("0").unwrap(), 0);
        assert_eq!(parse_paid_leave_days("0.5").unwrap(), 1);
        assert_eq!(parse_paid_leave_days(".5").unwrap(), 1);
        assert_eq!(parse_paid_leave_days("1.0").unwrap(), 2);
        assert_eq!(parse_paid_leave_days("1").unwrap(), 2);
        assert!(parse_paid_leave_days("2").is_err());
        assert!(parse_paid_leave_days("0.3").is_err());
        assert_eq!(parse_count("4", 7).unwrap(), 4);
        assert!(parse_count("8", 7).is_err());
    }

    #[test]
    fn months_and_monthly_leave() {
        for m in [
            "2026/04",
            "2026-04",
            "2026/4",
            "2026年4月",
            "202604",
            "2026-04-15",
        ] {
            assert_eq!(parse_month(m).unwrap(), date(2026, 4, 1), "{m}");
        }
        assert_eq!(
            parse_month("2026/13").unwrap_err().ja,
            "2026/13 は存在しない年月です"
        );
        assert!(parse_month("26/04").is_err());
        assert!(parse_month("2026").is_err());
        assert!(parse_month("2026/04/31").is_err());
        assert_eq!(parse_paid_leave_total("2.5").unwrap(), 5);
        assert_eq!(parse_paid_leave_total("0").unwrap(), 0);
        assert_eq!(parse_paid_leave_total("31").unwrap(), 62);
        assert_eq!(parse_paid_leave_total("12.50").unwrap(), 25);
        assert!(parse_paid_leave_total("31.5").is_err());
        assert!(parse_paid_leave_total("1.3").is_err());
        assert_eq!(parse_base60("12.30").unwrap(), 750);
        assert_eq!(parse_base60(".45").unwrap(), 45);
        assert!(parse_base60("1.60").is_err());
        assert_eq!(parse_h_mm("0:45").unwrap(), 45);
        assert!(parse_h_mm(":45").is_err());
    }

    #[test]
    fn codes_and_aliases() {
        assert_eq!(parse_gender("女性").unwrap(), Gender::Female);
        assert_eq!(parse_gender(&clean("Ｍ")).unwrap(), Gender::Male);
        assert!(parse_gender("x").is_err());
        assert_eq!(parse_day_type("法定休日").unwrap(), DayType::LegalHoliday);
        assert_eq!(parse_day_type("holiday").unwrap(), DayType::Holiday);
        assert_eq!(
            parse_employment_type("パート").unwrap(),
            EmploymentType::PartTime
        );
        assert_eq!(parse_position("係長級").unwrap(), Position::Chief);
        assert!(parse_bool("はい").unwrap());
        assert!(!parse_bool("FALSE").unwrap());
        assert_eq!(parse_event("出生"), FamilyEventKind::Birth);
        assert_eq!(
            parse_leave_kind("産後パパ育休"),
            LeaveKind::PostnatalPaternityLeave
        );
        assert_eq!(
            parse_leave_kind("maternity_leave"),
            LeaveKind::Other("maternity_leave".into())
        );
    }
}
