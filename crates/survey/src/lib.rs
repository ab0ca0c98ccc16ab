//! The survey engine (アンケート): questionnaires, rounds' answers and their
//! validation, and aggregation behind one anonymity threshold. Pure: no HTTP,
//! no SQL. The residents' survey of the portal (issue 12) uses it, and the
//! organizational survey (issue 13) is meant to: 5-point scales, departments
//! and attributes chosen by an organization, rounds before and after.
//!
//! - A [`Questionnaire`] is a list of [`Question`]s, each of a [`Kind`] with
//!   choices from a closed set ([`Choice`] codes); labels are data in Japanese
//!   and English, so an organization can add its own questions.
//! - [`Questionnaire::validate`] turns posted pairs into a [`Response`]:
//!   bounded sizes, no control characters (NUL included), unknown questions
//!   and choices refused.
//! - [`release`] is the one place results come out of: every count, cross-tab,
//!   mean, free text and export goes through its rules (see there).

pub mod diagnosis;
pub mod release;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use release::{Filter, Group, Round, Tally, Threshold, Withheld};

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub ja: String,
    pub en: String,
}

impl Label {
    pub fn new(ja: &str, en: &str) -> Label {
        Label {
            ja: ja.to_string(),
            en: en.to_string(),
        }
    }

    /// The Japanese text when `ja`, the English one otherwise.
    pub fn pick(&self, ja: bool) -> &str {
        if ja { &self.ja } else { &self.en }
    }
}

/// One choice: a stable code (what is stored) and its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub code: String,
    pub label: Label,
}

impl Choice {
    pub fn new(code: &str, ja: &str, en: &str) -> Choice {
        Choice {
            code: code.to_string(),
            label: Label::new(ja, en),
        }
    }
}

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One of the choices.
    Single,
    /// Up to `max` of the choices.
    Multiple { max: usize },
    /// 1 to 5 (the choices are the five points, codes "1".."5", with their
    /// labels, e.g. そう思わない … そう思う).
    Scale5,
    /// Free text of at most `max_chars` characters.
    FreeText { max_chars: usize },
}

/// One question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// Stable key (the form field's name and the stored key).
    pub key: String,
    pub kind: Kind,
    pub text: Label,
    pub choices: Vec<Choice>,
    pub required: bool,
    /// An attribute results may be filtered and cross-tabulated by (age band,
    /// department, situation…): single choice only.
    pub attribute: bool,
}

impl Question {
    pub fn single(key: &str, text: Label, choices: Vec<Choice>) -> Question {
        Question {
            key: key.to_string(),
            kind: Kind::Single,
            text,
            choices,
            required: false,
            attribute: false,
        }
    }

    pub fn multiple(key: &str, text: Label, choices: Vec<Choice>, max: usize) -> Question {
        Question {
            kind: Kind::Multiple { max },
            ..Question::single(key, text, choices)
        }
    }

    /// A 5-point scale with the labels of its five points, lowest first.
    pub fn scale5(key: &str, text: Label, points: [Label; 5]) -> Question {
        let choices = points
            .into_iter()
            .enumerate()
            .map(|(i, label)| Choice {
                code: (i + 1).to_string(),
                label,
            })
            .collect();
        Question {
            kind: Kind::Scale5,
            ..Question::single(key, text, choices)
        }
    }

    pub fn free_text(key: &str, text: Label, max_chars: usize) -> Question {
        Question {
            kind: Kind::FreeText {
                max_chars: max_chars.min(MAX_TEXT_CHARS),
            },
            ..Question::single(key, text, Vec::new())
        }
    }

    pub fn required(mut self) -> Question {
        self.required = true;
        self
    }

    /// Mark a single-choice question as an attribute results are filtered by.
    pub fn attribute(mut self) -> Question {
        assert_eq!(self.kind, Kind::Single, "attributes are single choice");
        self.attribute = true;
        self
    }

    pub fn choice(&self, code: &str) -> Option<&Choice> {
        self.choices.iter().find(|c| c.code == code)
    }
}

/// A questionnaire: its code (e.g. `residents`) and questions in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Questionnaire {
    pub code: String,
    pub questions: Vec<Question>,
}

/// The most pairs a posted answer may carry.
pub const MAX_PAIRS: usize = 200;
/// The longest choice code.
pub const MAX_CODE_BYTES: usize = 64;
/// The longest free text, in characters.
pub const MAX_TEXT_CHARS: usize = 2_000;

/// One person's answers in a round: question key → value. It holds nothing
/// else (no name, address, time or network address).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    pub answers: BTreeMap<String, Value>,
}

/// An answer: the chosen codes (one for single choice and scales), or text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Choices(Vec<String>),
    Text(String),
}

impl Response {
    /// The chosen codes of `question` (empty when unanswered or text).
    pub fn chosen(&self, question: &str) -> &[String] {
        match self.answers.get(question) {
            Some(Value::Choices(c)) => c,
            _ => &[],
        }
    }

    pub fn text(&self, question: &str) -> Option<&str> {
        match self.answers.get(question) {
            Some(Value::Text(t)) => Some(t),
            _ => None,
        }
    }

    /// The stored form (JSON).
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.answers).expect("answers serialize")
    }

    /// The stored form back, checked against the questionnaire as if posted.
    pub fn from_json(q: &Questionnaire, stored: &str) -> Option<Response> {
        let answers: BTreeMap<String, Value> = serde_json::from_str(stored).ok()?;
        let mut pairs = Vec::new();
        for (k, v) in &answers {
            match v {
                Value::Choices(c) => pairs.extend(c.iter().map(|c| (k.clone(), c.clone()))),
                Value::Text(t) => pairs.push((k.clone(), t.clone())),
            }
        }
        let r = q.validate_unrequired(&pairs).ok()?;
        (r.answers == answers).then_some(r)
    }
}

/// Why an answer was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerError {
    /// More pairs than [`MAX_PAIRS`].
    TooManyFields,
    /// A field that is not a question of the questionnaire.
    UnknownQuestion,
    /// A code that is not one of the question's choices.
    UnknownChoice,
    /// Two answers to a single-choice question, or more than its maximum.
    TooManyChoices,
    /// A required question left empty.
    Required,
    /// Text longer than the question allows.
    TooLong,
    /// A control character (NUL, escape…) in the text.
    ControlCharacter,
}

impl AnswerError {
    pub fn i18n_key(self) -> &'static str {
        match self {
            AnswerError::TooManyFields => "survey.error.too_many_fields",
            AnswerError::UnknownQuestion => "survey.error.unknown_question",
            AnswerError::UnknownChoice => "survey.error.unknown_choice",
            AnswerError::TooManyChoices => "survey.error.too_many_choices",
            AnswerError::Required => "survey.error.required",
            AnswerError::TooLong => "survey.error.too_long",
            AnswerError::ControlCharacter => "survey.error.control_character",
        }
    }
}

fn forbidden_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t')
}

impl Questionnaire {
    pub fn question(&self, key: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.key == key)
    }

    /// The attribute questions (what results may be filtered by), in order.
    pub fn attributes(&self) -> impl Iterator<Item = &Question> {
        self.questions.iter().filter(|q| q.attribute)
    }

    /// Posted `(field, value)` pairs (the form's own fields already removed)
    /// as a response, or each question's first error (`""` for the whole form).
    pub fn validate(
        &self,
        pairs: &[(String, String)],
    ) -> Result<Response, Vec<(String, AnswerError)>> {
        let r = self.validate_unrequired(pairs)?;
        let missing: Vec<_> = self
            .questions
            .iter()
            .filter(|q| q.required && !r.answers.contains_key(&q.key))
            .map(|q| (q.key.clone(), AnswerError::Required))
            .collect();
        if missing.is_empty() {
            Ok(r)
        } else {
            Err(missing)
        }
    }

    fn validate_unrequired(
        &self,
        pairs: &[(String, String)],
    ) -> Result<Response, Vec<(String, AnswerError)>> {
        if pairs.len() > MAX_PAIRS {
            return Err(vec![(String::new(), AnswerError::TooManyFields)]);
        }
        let mut errors: Vec<(String, AnswerError)> = Vec::new();
        let mut err = |key: &str, e: AnswerError| {
            if !errors.iter().any(|(k, _)| k == key) {
                errors.push((key.to_string(), e));
            }
        };
        let mut answers: BTreeMap<String, Value> = BTreeMap::new();
        for (field, value) in pairs {
            let Some(q) = self.question(field) else {
                err("", AnswerError::UnknownQuestion);
                continue;
            };
            if value.chars().any(forbidden_control) {
                err(&q.key, AnswerError::ControlCharacter);
                continue;
            }
            match q.kind {
                Kind::FreeText { max_chars } => {
                    let text = value.trim();
                    if text.chars().count() > max_chars {
                        err(&q.key, AnswerError::TooLong);
                    } else if answers.contains_key(&q.key) {
                        err(&q.key, AnswerError::TooManyChoices);
                    } else if !text.is_empty() {
                        answers.insert(q.key.clone(), Value::Text(text.to_string()));
                    }
                }
                Kind::Single | Kind::Scale5 | Kind::Multiple { .. } => {
                    let code = value.trim();
                    if code.is_empty() {
                        continue;
                    }
                    if code.len() > MAX_CODE_BYTES || q.choice(code).is_none() {
                        err(&q.key, AnswerError::UnknownChoice);
                        continue;
                    }
                    let max = match q.kind {
                        Kind::Multiple { max } => max.min(q.choices.len()),
                        _ => 1,
                    };
                    let entry = answers
                        .entry(q.key.clone())
                        .or_insert_with(|| Value::Choices(Vec::new()));
                    if let Value::Choices(codes) = entry
                        && !codes.iter().any(|c| c == code)
                    {
                        if codes.len() >= max {
                            err(&q.key, AnswerError::TooManyChoices);
                        } else {
                            codes.push(code.to_string());
                        }
                    }
                }
            }
        }
        // Choices in the questionnaire's order, so equal answers store equally.
        for (key, v) in answers.iter_mut() {
            if let (Some(q), Value::Choices(codes)) = (self.question(key), v) {
                codes.sort_by_key(|c| q.choices.iter().position(|x| &x.code == c));
            }
        }
        if errors.is_empty() {
            Ok(Response { answers })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample() -> Questionnaire {
        Questionnaire {
            code: "sample".into(),
            questions: vec![
                Question::single(
                    "age",
                    Label::new("年代", "Age"),
                    vec![
                        Choice::new("20s", "20代", "20s"),
                        Choice::new("30s", "30代", "30s"),
                    ],
                )
                .attribute()
                .required(),
                Question::multiple(
                    "want",
                    Label::new("希望", "Wishes"),
                    vec![
                        Choice::new("telework", "テレワーク", "Telework"),
                        Choice::new("flextime", "フレックス", "Flextime"),
                        Choice::new("short", "時短", "Short hours"),
                    ],
                    2,
                ),
                Question::scale5(
                    "satisfaction",
                    Label::new("満足度", "Satisfaction"),
                    std::array::from_fn(|i| {
                        Label::new(&format!("{}", i + 1), &format!("{}", i + 1))
                    }),
                ),
                Question::free_text("comment", Label::new("ご意見", "Comment"), 10),
            ],
        }
    }

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_good_answer_is_kept_in_questionnaire_order() {
        let q = sample();
        let r = q
            .validate(&pairs(&[
                ("age", "30s"),
                ("want", "short"),
                ("want", "telework"),
                ("satisfaction", "4"),
                ("comment", "  よい  "),
            ]))
            .unwrap();
        assert_eq!(r.chosen("want"), ["telework", "short"]);
        assert_eq!(r.chosen("satisfaction"), ["4"]);
        assert_eq!(r.text("comment"), Some("よい"));
        let back = Response::from_json(&q, &r.to_json()).unwrap();
        assert_eq!(back, r);
    }

    #[test]
    fn strangers_are_refused() {
        let q = sample();
        let e = |p: &[(&str, &str)]| q.validate(&pairs(p)).unwrap_err()[0].1;
        assert_eq!(e(&[("age", "40s")]), AnswerError::UnknownChoice);
        assert_eq!(
            e(&[("age", "20s"), ("name", "x")]),
            AnswerError::UnknownQuestion
        );
        assert_eq!(
            e(&[("age", "20s"), ("age", "30s")]),
            AnswerError::TooManyChoices
        );
        assert_eq!(
            e(&[
                ("age", "20s"),
                ("want", "telework"),
                ("want", "flextime"),
                ("want", "short")
            ]),
            AnswerError::TooManyChoices
        );
        assert_eq!(
            e(&[("age", "20s"), ("satisfaction", "6")]),
            AnswerError::UnknownChoice
        );
        assert_eq!(e(&[("want", "telework")]), AnswerError::Required);
        assert_eq!(
            e(&[("age", "20s"), ("comment", "01234567890")]),
            AnswerError::TooLong
        );
        assert_eq!(
            e(&[("age", "20s"), ("comment", "a\0b")]),
            AnswerError::ControlCharacter
        );
        assert_eq!(e(&[("age", "2\u{0}0s")]), AnswerError::ControlCharacter);
        let many: Vec<(String, String)> = (0..=MAX_PAIRS)
            .map(|_| ("want".to_string(), "telework".to_string()))
            .collect();
        assert_eq!(
            q.validate(&many).unwrap_err()[0].1,
            AnswerError::TooManyFields
        );
        // The same choice twice is one choice; an empty radio is no answer.
        let r = q
            .validate(&pairs(&[
                ("age", "20s"),
                ("want", "telework"),
                ("want", "telework"),
                ("satisfaction", ""),
            ]))
            .unwrap();
        assert_eq!(r.chosen("want"), ["telework"]);
        assert!(r.chosen("satisfaction").is_empty());
    }

    #[test]
    fn stored_answers_outside_the_questionnaire_do_not_decode() {
        let q = sample();
        assert!(Response::from_json(&q, r#"{"age":["20s"]}"#).is_some());
        assert!(Response::from_json(&q, r#"{"age":["50s"]}"#).is_none());
        assert!(Response::from_json(&q, r#"{"ip":"127.0.0.1"}"#).is_none());
        assert!(Response::from_json(&q, "not json").is_none());
    }
}
