//! Job postings (求人) of member organizations (issue 12): the closed lists a
//! posting is described and searched by. Each is stored by its `as_str()` code.

use crate::workplace::Measure;

/// Defines a closed vocabulary: variants with their stored code and names.
macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = ($code:literal, $ja:literal, $en:literal)),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vm])* $v),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),+];

            pub fn as_str(&self) -> &'static str {
                match self { $($name::$v => $code),+ }
            }

            /// None for anything but the stored codes.
            pub fn parse(input: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|x| x.as_str() == input.trim())
            }

            pub fn name_ja(&self) -> &'static str {
                match self { $($name::$v => $ja),+ }
            }

            pub fn name_en(&self) -> &'static str {
                match self { $($name::$v => $en),+ }
            }
        }
    };
}

vocabulary! {
    /// 雇用形態.
    EmploymentType {
        Regular = ("regular", "正社員", "Regular employee"),
        Contract = ("contract", "契約社員", "Fixed-term contract"),
        PartTime = ("part_time", "パート・アルバイト", "Part-time"),
        Dispatch = ("dispatch", "派遣社員", "Agency worker"),
        Other = ("other", "その他", "Other"),
    }
}

impl EmploymentType {
    /// schema.org `employmentType`.
    pub fn schema_org(&self) -> &'static str {
        match self {
            EmploymentType::Regular => "FULL_TIME",
            EmploymentType::PartTime => "PART_TIME",
            EmploymentType::Contract | EmploymentType::Dispatch => "TEMPORARY",
            EmploymentType::Other => "OTHER",
        }
    }
}

vocabulary! {
    /// The pay's unit (給与の形態).
    PayUnit {
        Hour = ("hour", "時給", "per hour"),
        Day = ("day", "日給", "per day"),
        Month = ("month", "月給", "per month"),
        Year = ("year", "年収", "per year"),
    }
}

impl PayUnit {
    /// schema.org `unitText` of a QuantitativeValue.
    pub fn schema_org(&self) -> &'static str {
        match self {
            PayUnit::Hour => "HOUR",
            PayUnit::Day => "DAY",
            PayUnit::Month => "MONTH",
            PayUnit::Year => "YEAR",
        }
    }
}

vocabulary! {
    /// Who a posting suits (こんな方に).
    Suit {
        Inexperienced = ("inexperienced", "未経験可", "No experience needed"),
        CareerBreak = ("career_break", "ブランク可", "Career break welcome"),
        Graduates = ("graduates", "学生・新卒", "Students and graduates"),
        Seniors = ("seniors", "シニア歓迎", "Seniors welcome"),
        Parents = ("parents", "子育て中の方歓迎", "Parents welcome"),
    }
}

vocabulary! {
    /// A life situation a job seeker searches from (ライフステージから探す). Each
    /// stands for the measures and suits that matter in it; a posting matches
    /// when it (or its employer's profile) has at least one of them.
    Situation {
        Parenting = ("parenting", "子育て中", "Raising children"),
        Caregiving = ("caregiving", "介護中", "Caring for family"),
        Returning = ("returning", "ブランクあり・再就職", "Returning to work"),
        Moving = ("moving", "Uターン・移住", "Moving to the region"),
        Young = ("young", "学生・若者", "Students and young people"),
    }
}

impl Situation {
    /// The measures that matter in this situation.
    pub fn measures(&self) -> &'static [Measure] {
        match self {
            Situation::Parenting => &[
                Measure::ShortHours,
                Measure::Childcare,
                Measure::FamilySupport,
                Measure::Flextime,
                Measure::Telework,
                Measure::HourlyLeave,
            ],
            Situation::Caregiving => &[
                Measure::FamilySupport,
                Measure::ShortHours,
                Measure::Flextime,
                Measure::Telework,
                Measure::HourlyLeave,
            ],
            Situation::Returning => &[Measure::CareerBreakWelcome, Measure::Rehiring],
            Situation::Moving => &[Measure::UijTurn],
            Situation::Young => &[],
        }
    }

    /// The suits that matter in this situation.
    pub fn suits(&self) -> &'static [Suit] {
        match self {
            Situation::Parenting => &[Suit::Parents],
            Situation::Caregiving => &[],
            Situation::Returning => &[Suit::CareerBreak, Suit::Inexperienced],
            Situation::Moving => &[],
            Situation::Young => &[Suit::Graduates, Suit::Inexperienced],
        }
    }

    /// Whether a posting with these measures and suits fits the situation.
    pub fn fits(&self, measures: &[Measure], suits: &[Suit]) -> bool {
        self.measures().iter().any(|m| measures.contains(m))
            || self.suits().iter().any(|s| suits.contains(s))
    }
}

vocabulary! {
    /// Where a posting stands with the region's staff (掲載審査). A region that
    /// reviews postings keeps each one off the public pages until its staff
    /// approve it; one that does not approves every posting as it is saved.
    PostingReview {
        /// 審査待ち: saved by the employer, waiting for the staff.
        InReview = ("in_review", "審査待ち", "Waiting for review"),
        /// 承認済み: may be public (when open and within its dates).
        Approved = ("approved", "承認済み", "Approved"),
        /// 差し戻し: the staff sent it back with a note; the employer mends it.
        Returned = ("returned", "差し戻し", "Returned"),
    }
}

/// A decision asked of a posting that is not waiting for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotInReview;

impl PostingReview {
    /// Where a save (a new posting or an edit) leaves it. An edit of an
    /// approved posting waits again where the region reviews, so that no text
    /// reaches the public unread; the staff themselves need no review.
    pub fn after_save(region_reviews: bool, writer_reviews: bool) -> PostingReview {
        if region_reviews && !writer_reviews {
            PostingReview::InReview
        } else {
            PostingReview::Approved
        }
    }

    /// Where the staff's decision leaves a posting in review.
    pub fn decide(self, approve: bool) -> Result<PostingReview, NotInReview> {
        match (self, approve) {
            (PostingReview::InReview, true) => Ok(PostingReview::Approved),
            (PostingReview::InReview, false) => Ok(PostingReview::Returned),
            _ => Err(NotInReview),
        }
    }
}

/// Codes separated by spaces, in vocabulary order, each once.
pub fn join_suits(suits: &[Suit]) -> String {
    let mut v = suits.to_vec();
    v.sort();
    v.dedup();
    v.iter().map(Suit::as_str).collect::<Vec<_>>().join(" ")
}

/// The stored list back; None when it holds a word outside the vocabulary.
pub fn split_suits(stored: &str) -> Option<Vec<Suit>> {
    stored.split_whitespace().map(Suit::parse).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reviewing_region_holds_every_employer_save_and_staff_decide_once() {
        use PostingReview::*;
        assert_eq!(PostingReview::after_save(true, false), InReview);
        assert_eq!(PostingReview::after_save(true, true), Approved);
        assert_eq!(PostingReview::after_save(false, false), Approved);
        assert_eq!(PostingReview::after_save(false, true), Approved);
        assert_eq!(InReview.decide(true), Ok(Approved));
        assert_eq!(InReview.decide(false), Ok(Returned));
        for s in [Approved, Returned] {
            assert_eq!(s.decide(true), Err(NotInReview));
            assert_eq!(s.decide(false), Err(NotInReview));
        }
        assert_eq!(PostingReview::parse("in_review"), Some(InReview));
        assert_eq!(PostingReview::parse("pending"), None);
    }

    #[test]
    fn every_code_round_trips() {
        for t in EmploymentType::ALL {
            assert_eq!(EmploymentType::parse(t.as_str()), Some(*t));
        }
        for s in Suit::ALL {
            assert_eq!(Suit::parse(s.as_str()), Some(*s));
        }
        for s in Situation::ALL {
            assert_eq!(Situation::parse(s.as_str()), Some(*s));
        }
        assert_eq!(PayUnit::parse("month"), Some(PayUnit::Month));
        assert_eq!(EmploymentType::parse("正社員"), None);
        assert_eq!(
            split_suits("graduates parents"),
            Some(vec![Suit::Graduates, Suit::Parents])
        );
        assert_eq!(split_suits("graduates vip"), None);
        assert_eq!(
            join_suits(&[Suit::Parents, Suit::Inexperienced, Suit::Parents]),
            "inexperienced parents"
        );
    }

    #[test]
    fn a_situation_needs_one_of_its_measures_or_suits() {
        assert!(Situation::Parenting.fits(&[Measure::Childcare], &[]));
        assert!(Situation::Parenting.fits(&[], &[Suit::Parents]));
        assert!(!Situation::Parenting.fits(&[Measure::CarCommute], &[Suit::Seniors]));
        assert!(Situation::Moving.fits(&[Measure::UijTurn], &[]));
        assert!(Situation::Young.fits(&[], &[Suit::Graduates]));
        assert!(!Situation::Young.fits(&[Measure::UijTurn], &[]));
    }
}

vocabulary! {
    /// What a job seeker sends from the public pages (問い合わせ・応募).
    InquiryKind {
        Inquiry = ("inquiry", "問い合わせ", "Question"),
        Application = ("application", "応募", "Application"),
    }
}

/// A phone number as people write it: digits (full-width too), hyphens,
/// spaces, parentheses and a leading +, with 9 to 15 digits. Returned in
/// half-width; empty stays empty (the number is optional).
pub fn parse_phone(input: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let v: String = input.trim().nfkc().collect();
    // NFKC leaves the full-width hyphen-minus and the long dash as they are.
    let v: String = v
        .chars()
        .map(|ch| {
            if matches!(ch, 'ー' | '－' | '‐' | '−' | '—') {
                '-'
            } else {
                ch
            }
        })
        .collect();
    if v.is_empty() {
        return Some(v);
    }
    let digits = v.chars().filter(char::is_ascii_digit).count();
    let allowed = v
        .chars()
        .all(|ch| ch.is_ascii_digit() || "-+() ".contains(ch));
    (allowed && (9..=15).contains(&digits)).then_some(v)
}

/// What an uploaded CV (履歴書・職務経歴書) must be: a PDF by its content, not by
/// its name or the type the browser claims, of at most `max_bytes`.
pub fn accept_cv(bytes: &[u8], max_bytes: usize) -> Result<(), CvError> {
    if bytes.len() > max_bytes {
        return Err(CvError::TooLarge);
    }
    // A PDF starts with its header; readers accept it within the first 1,024 bytes.
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(CvError::NotPdf);
    }
    Ok(())
}

/// Why an uploaded CV was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CvError {
    TooLarge,
    NotPdf,
}

impl CvError {
    pub fn i18n_key(self) -> &'static str {
        match self {
            CvError::TooLarge => "inquiry.cv_too_large",
            CvError::NotPdf => "inquiry.cv_not_pdf",
        }
    }
}

#[cfg(test)]
mod cv_tests {
    use super::*;

    #[test]
    fn phones_are_read_as_people_write_them() {
        assert_eq!(
            parse_phone("０２４４－３７－２１１１").unwrap(),
            "0244-37-2111"
        );
        assert_eq!(parse_phone("0244ー37ー2111").unwrap(), "0244-37-2111");
        assert_eq!(
            parse_phone(" +81 (244) 37 2111 ").unwrap(),
            "+81 (244) 37 2111"
        );
        assert_eq!(parse_phone("").unwrap(), "");
        assert_eq!(parse_phone("0244"), None, "too short");
        assert_eq!(parse_phone("tel: 0244372111"), None, "letters");
        assert_eq!(parse_phone("0120-1234-5678-9012"), None, "too long");
    }

    #[test]
    fn a_cv_is_a_pdf_by_its_bytes() {
        assert_eq!(accept_cv(b"%PDF-1.7\n...", 100), Ok(()));
        // Some writers put a few bytes before the header.
        assert_eq!(accept_cv(b"\xef\xbb\xbf%PDF-1.4", 100), Ok(()));
        assert_eq!(accept_cv(b"PK\x03\x04 docx", 100), Err(CvError::NotPdf));
        assert_eq!(accept_cv(b"<html>%PDF", 100), Err(CvError::NotPdf));
        assert_eq!(accept_cv(b"", 100), Err(CvError::NotPdf));
        let big = [b"%PDF-1.7".as_slice(), &[b' '; 100]].concat();
        assert_eq!(accept_cv(&big, 100), Err(CvError::TooLarge));
        assert_eq!(accept_cv(&big, 108), Ok(()));
    }
}
