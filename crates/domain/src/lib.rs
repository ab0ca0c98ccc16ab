//! Validated value types of erabareru: the codes, numbers and names every
//! other crate passes around. Pure: no I/O, no async.
//!
//! Each type is built by `parse`, which normalises full-width input
//! ([`normalize_digits`]), trims, validates and returns a typed error. Every
//! error enum has `fn i18n_key(&self) -> &'static str` (also through the
//! [`I18nError`] trait) so the web layer can show a message in the user's
//! language next to the field. String-like types implement `Display`,
//! `FromStr`, `TryFrom<&str>`/`TryFrom<String>`, `Serialize` and a
//! validating `Deserialize`; their `as_str()` is the stable stored form.
//!
//! # i18n keys
//!
//! Every key returned by an `i18n_key` method, with its Japanese and English
//! text, is in [`ERROR_MESSAGES`] (a test checks none is missing):
//!
//! | key | ja | en |
//! |---|---|---|
//! | error.required | 入力してください。 | This field is required. |
//! | error.local_gov_code.not_digits | 地方公共団体コードは半角数字で入力してください。 | Enter the local government code in digits. |
//! | error.local_gov_code.length | 地方公共団体コードは検査数字を含む6桁で入力してください。 | The local government code has 6 digits, including the check digit. |
//! | error.local_gov_code.prefecture | 地方公共団体コードの先頭2桁が都道府県コード（01〜47）ではありません。 | The first two digits of the local government code must be a prefecture code (01–47). |
//! | error.local_gov_code.check_digit | 地方公共団体コードの検査数字（6桁目）が一致しません。コードをご確認ください。 | The check digit (6th digit) of the local government code does not match. Please check the code. |
//! | error.corporate_number.not_digits | 法人番号は半角数字で入力してください。 | Enter the corporate number in digits. |
//! | error.corporate_number.length | 法人番号は13桁で入力してください。 | The corporate number has 13 digits. |
//! | error.corporate_number.check_digit | 法人番号の検査数字（先頭の1桁）が一致しません。番号をご確認ください。 | The check digit (first digit) of the corporate number does not match. Please check the number. |
//! | error.email.too_long | メールアドレスが長すぎます。 | The e-mail address is too long. |
//! | error.email.invalid_character | メールアドレスに空白または使用できない文字が含まれています。 | The e-mail address contains a space or a character that is not allowed. |
//! | error.email.at | メールアドレスには「@」を1つだけ含めてください。 | An e-mail address must contain exactly one “@”. |
//! | error.email.local_part | メールアドレスの「@」の前が空です。 | Enter the part of the e-mail address before “@”. |
//! | error.email.domain | メールアドレスの「@」の後（ドメイン）が正しくありません。 | The part of the e-mail address after “@” (the domain) is not valid. |
//! | error.prefecture.unknown | 都道府県が正しくありません。一覧から選んでください。 | Unknown prefecture. Please choose one from the list. |
//! | error.industry.unknown | 産業分類（大分類A〜T）を一覧から選んでください。 | Please choose an industry division (A–T) from the list. |
//! | error.org_type.unknown | 組織の種類を一覧から選んでください。 | Please choose the type of organization from the list. |
//! | error.employee_band.unknown | 従業員数の区分を一覧から選んでください。 | Please choose the number of employees from the list. |
//! | error.role.unknown | 役割が正しくありません。 | Unknown role. |
//! | error.fiscal_year.invalid | 年度は「2026」のように西暦4桁で入力してください。 | Enter the fiscal year as a four-digit year, such as 2026. |
//! | error.fiscal_year.out_of_range | 年度が有効な範囲にありません。 | The fiscal year is out of range. |
//! | error.daily.* | 朝メール・夜メールの時間帯・業務の分類の誤り（[`daily::BlockError`]） | plan and report blocks and categories ([`daily::BlockError`]) |
//! | error.event.* | 催しの種類・日時・登壇者の誤り（[`event::EventError`]） | event kind, times and speakers ([`event::EventError`]) |

mod calendar;
mod corporate_number;
pub mod course;
pub mod daily;
mod email;
pub mod engagement;
pub mod event;
mod holiday;
mod industry;
pub mod job;
pub mod licence;
mod local_gov_code;
pub mod news;
mod organization;
mod prefecture;
mod role;
pub mod search;
pub mod story;
mod text;
pub mod workplace;
pub mod workshop;

pub use calendar::{Era, FiscalYear, FiscalYearError, wareki};
pub use corporate_number::{CorporateNumber, CorporateNumberError};
pub use email::{Email, EmailError};
pub use holiday::{holiday_name, holiday_years, holidays_between, is_national_holiday};
pub use industry::{Industry, IndustryError};
pub use local_gov_code::{LocalGovCode, LocalGovCodeError};
pub use organization::{EmployeeBand, EmployeeBandError, OrgType, OrgTypeError};
pub use prefecture::{Prefecture, PrefectureError};
pub use role::{Role, RoleError, RoleScope};
pub use text::normalize_digits;

/// An error that can be shown to a user through a translation key.
pub trait I18nError: std::error::Error {
    /// The key in the translation files, e.g. `error.local_gov_code.check_digit`.
    fn i18n_key(&self) -> &'static str;
}

/// Every i18n key the error types of this crate return: (key, Japanese, English).
pub const ERROR_MESSAGES: &[(&str, &str, &str)] = &[
    (
        "error.required",
        "入力してください。",
        "This field is required.",
    ),
    (
        "error.local_gov_code.not_digits",
        "地方公共団体コードは半角数字で入力してください。",
        "Enter the local government code in digits.",
    ),
    (
        "error.local_gov_code.length",
        "地方公共団体コードは検査数字を含む6桁で入力してください。",
        "The local government code has 6 digits, including the check digit.",
    ),
    (
        "error.local_gov_code.prefecture",
        "地方公共団体コードの先頭2桁が都道府県コード（01〜47）ではありません。",
        "The first two digits of the local government code must be a prefecture code (01–47).",
    ),
    (
        "error.local_gov_code.check_digit",
        "地方公共団体コードの検査数字（6桁目）が一致しません。コードをご確認ください。",
        "The check digit (6th digit) of the local government code does not match. Please check the code.",
    ),
    (
        "error.corporate_number.not_digits",
        "法人番号は半角数字で入力してください。",
        "Enter the corporate number in digits.",
    ),
    (
        "error.corporate_number.length",
        "法人番号は13桁で入力してください。",
        "The corporate number has 13 digits.",
    ),
    (
        "error.corporate_number.check_digit",
        "法人番号の検査数字（先頭の1桁）が一致しません。番号をご確認ください。",
        "The check digit (first digit) of the corporate number does not match. Please check the number.",
    ),
    (
        "error.email.too_long",
        "メールアドレスが長すぎます。",
        "The e-mail address is too long.",
    ),
    (
        "error.email.invalid_character",
        "メールアドレスに空白または使用できない文字が含まれています。",
        "The e-mail address contains a space or a character that is not allowed.",
    ),
    (
        "error.email.at",
        "メールアドレスには「@」を1つだけ含めてください。",
        "An e-mail address must contain exactly one “@”.",
    ),
    (
        "error.email.local_part",
        "メールアドレスの「@」の前が空です。",
        "Enter the part of the e-mail address before “@”.",
    ),
    (
        "error.email.domain",
        "メールアドレスの「@」の後（ドメイン）が正しくありません。",
        "The part of the e-mail address after “@” (the domain) is not valid.",
    ),
    (
        "error.prefecture.unknown",
        "都道府県が正しくありません。一覧から選んでください。",
        "Unknown prefecture. Please choose one from the list.",
    ),
    (
        "error.industry.unknown",
        "産業分類（大分類A〜T）を一覧から選んでください。",
        "Please choose an industry division (A–T) from the list.",
    ),
    (
        "error.org_type.unknown",
        "組織の種類を一覧から選んでください。",
        "Please choose the type of organization from the list.",
    ),
    (
        "error.employee_band.unknown",
        "従業員数の区分を一覧から選んでください。",
        "Please choose the number of employees from the list.",
    ),
    (
        "error.role.unknown",
        "役割が正しくありません。",
        "Unknown role.",
    ),
    (
        "error.fiscal_year.invalid",
        "年度は「2026」のように西暦4桁で入力してください。",
        "Enter the fiscal year as a four-digit year, such as 2026.",
    ),
    (
        "error.fiscal_year.out_of_range",
        "年度が有効な範囲にありません。",
        "The fiscal year is out of range.",
    ),
    (
        "error.event.kind",
        "催しの種類を一覧から選んでください。",
        "Please choose the kind of event from the list.",
    ),
    (
        "error.event.status",
        "公開状態を一覧から選んでください。",
        "Please choose the event's status from the list.",
    ),
    (
        "error.event.datetime",
        "日時は「2026-06-24 13:30」のように入力してください。",
        "Enter the date and time like 2026-06-24 13:30.",
    ),
    (
        "error.event.ends_before_start",
        "終了日時は開始日時より後にしてください。",
        "The end must come after the start.",
    ),
    (
        "error.event.speaker_name",
        "登壇者の行に氏名がありません。「氏名｜肩書き」の形で1行に1人ずつ入力してください。",
        "A speaker line has no name. Enter one speaker per line as “name | title”.",
    ),
    (
        "error.event.speaker_too_long",
        "登壇者の氏名または肩書きが長すぎます（120文字まで）。",
        "A speaker's name or title is too long (120 characters at most).",
    ),
    (
        "error.event.too_many_speakers",
        "登壇者は20人までです。",
        "An event lists at most 20 speakers.",
    ),
    (
        "error.event.attendee_role",
        "立場を一覧から選んでください。",
        "Please choose what describes you from the list.",
    ),
    (
        "error.daily.time",
        "時刻は「9:00」のように入力してください。",
        "Enter a time such as 9:00.",
    ),
    (
        "error.daily.start",
        "開始時刻を「9:00」のように入力してください。",
        "Enter the start time, such as 9:00.",
    ),
    (
        "error.daily.end",
        "終了時刻を「9:30」のように入力してください。",
        "Enter the end time, such as 9:30.",
    ),
    (
        "error.daily.ends_before_start",
        "終了時刻は開始時刻より後にしてください。",
        "The end time must be after the start time.",
    ),
    (
        "error.daily.task_missing",
        "業務の内容を入力してください。",
        "Enter what the block is for.",
    ),
    (
        "error.daily.task_too_long",
        "業務の内容は100文字までです。",
        "A task is at most 100 characters.",
    ),
    (
        "error.daily.control",
        "使用できない文字が含まれています。",
        "The text contains a character that is not allowed.",
    ),
    (
        "error.daily.category",
        "分類を一覧から選んでください。",
        "Please choose a category from the list.",
    ),
    (
        "error.daily.overlap",
        "前の時間帯と重なっています。時刻を見直してください。",
        "This block overlaps the one before it. Please check the times.",
    ),
    (
        "error.daily.too_many",
        "時間帯は1日48件までです。",
        "A day has at most 48 blocks.",
    ),
    (
        "error.daily.empty",
        "時間帯を1件以上入力してください。",
        "Enter at least one block.",
    ),
    (
        "error.daily.categories_empty",
        "分類を1行に1つ、1つ以上入力してください。",
        "Enter at least one category, one per line.",
    ),
    (
        "error.daily.category_too_long",
        "分類の名前は20文字までです。",
        "A category name is at most 20 characters.",
    ),
    (
        "error.daily.categories_too_many",
        "分類は20個までです。",
        "An organization has at most 20 categories.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn keys_of<E: I18nError>(errors: &[E]) -> Vec<&'static str> {
        errors.iter().map(|e| e.i18n_key()).collect()
    }

    #[test]
    fn every_error_key_has_messages_and_every_message_is_used() {
        let mut used = Vec::new();
        used.extend(keys_of(&[
            LocalGovCodeError::Empty,
            LocalGovCodeError::NotDigits,
            LocalGovCodeError::Length,
            LocalGovCodeError::UnknownPrefecture,
            LocalGovCodeError::CheckDigit,
        ]));
        used.extend(keys_of(&[
            CorporateNumberError::Empty,
            CorporateNumberError::NotDigits,
            CorporateNumberError::Length,
            CorporateNumberError::CheckDigit,
        ]));
        used.extend(keys_of(&[
            EmailError::Empty,
            EmailError::TooLong,
            EmailError::InvalidCharacter,
            EmailError::At,
            EmailError::EmptyLocalPart,
            EmailError::InvalidDomain,
        ]));
        used.extend(keys_of(&[PrefectureError::Empty, PrefectureError::Unknown]));
        used.extend(keys_of(&[IndustryError::Empty, IndustryError::Unknown]));
        used.extend(keys_of(&[OrgTypeError::Empty, OrgTypeError::Unknown]));
        used.extend(keys_of(&[
            EmployeeBandError::Empty,
            EmployeeBandError::Unknown,
        ]));
        used.extend(keys_of(&[RoleError::Empty, RoleError::Unknown]));
        used.extend(keys_of(&[
            FiscalYearError::Empty,
            FiscalYearError::Invalid,
            FiscalYearError::OutOfRange,
        ]));
        use event::EventError as Ev;
        used.extend(keys_of(&[
            Ev::UnknownKind,
            Ev::UnknownStatus,
            Ev::DateTime,
            Ev::EndsBeforeStart,
            Ev::SpeakerWithoutName,
            Ev::SpeakerTooLong,
            Ev::TooManySpeakers,
            Ev::UnknownAttendeeRole,
        ]));

        use daily::{BlockError as Bl, CategoryError as Ca, TimeOfDayError as Td};
        used.extend(keys_of(&[Td::Empty, Td::Invalid]));
        used.extend(keys_of(&[
            Bl::Start,
            Bl::End,
            Bl::EndsBeforeStart,
            Bl::TaskMissing,
            Bl::TaskTooLong,
            Bl::Control,
            Bl::Category,
            Bl::Overlap,
            Bl::TooMany,
            Bl::Empty,
        ]));
        used.extend(keys_of(&[Ca::Empty, Ca::TooLong, Ca::TooMany, Ca::Control]));

        let listed: Vec<&str> = ERROR_MESSAGES.iter().map(|(k, _, _)| *k).collect();
        for key in &used {
            assert!(listed.contains(key), "{key} is not in ERROR_MESSAGES");
        }
        for key in &listed {
            assert!(used.contains(key), "{key} is listed but never returned");
        }
        let mut unique = listed.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), listed.len(), "duplicate keys");
        for (key, ja, en) in ERROR_MESSAGES {
            assert!(key.starts_with("error.") && !ja.is_empty() && !en.is_empty());
        }
    }
}
