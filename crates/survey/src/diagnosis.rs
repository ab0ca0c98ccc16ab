//! 組織診断 (issue 13): the organizational survey an employer runs before and
//! after an engagement. Its questionnaire is built from a [`Setup`] the
//! organization chooses (its departments, whether to ask age band and gender,
//! up to five questions of its own) around a fixed core of 5-point items in
//! six [`Dimension`]s, so two rounds with the same setup compare item by item.
//!
//! A dimension's score is the mean of its items' means (in tenths, 1.0–5.0),
//! each through the engine's release rules: a group the round does not
//! release has no score, and a score needs every one of its items shown.

use serde::{Deserialize, Serialize};

use crate::release::Group;
use crate::{Choice, Label, Question, Questionnaire};

/// The questionnaire code of the organizational survey's rounds.
pub const CODE: &str = "org_diagnosis";
/// Most departments, own questions, and characters of each.
pub const MAX_DEPARTMENTS: usize = 20;
pub const MAX_OWN: usize = 5;
pub const NAME_MAX: usize = 40;
pub const OWN_MAX: usize = 120;
/// Longest free-text answer.
pub const TEXT_MAX: usize = 800;

/// What the survey measures (the figure catalog names each score).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dimension {
    /// 働きやすさ・労働時間.
    WorkLife,
    /// 業務量・効率.
    Workload,
    /// 休暇・育児休業・介護休業の取りやすさ.
    Leave,
    /// コミュニケーション・心理的安全性.
    Communication,
    /// 成長・やりがい.
    Growth,
    /// 働き続けたい気持ち.
    Retention,
}

impl Dimension {
    pub const ALL: [Dimension; 6] = [
        Dimension::WorkLife,
        Dimension::Workload,
        Dimension::Leave,
        Dimension::Communication,
        Dimension::Growth,
        Dimension::Retention,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Dimension::WorkLife => "work_life",
            Dimension::Workload => "workload",
            Dimension::Leave => "leave",
            Dimension::Communication => "communication",
            Dimension::Growth => "growth",
            Dimension::Retention => "retention",
        }
    }

    /// The catalog entry of the dimension's score (`kpi::catalog`).
    pub fn figure_id(self) -> &'static str {
        match self {
            Dimension::WorkLife => "org_survey_work_life",
            Dimension::Workload => "org_survey_workload",
            Dimension::Leave => "org_survey_leave",
            Dimension::Communication => "org_survey_communication",
            Dimension::Growth => "org_survey_growth",
            Dimension::Retention => "org_survey_retention",
        }
    }

    /// A short name for table headings and the radar's axes.
    pub fn short(self) -> Label {
        let (ja, en) = match self {
            Dimension::WorkLife => ("働きやすさ", "Hours"),
            Dimension::Workload => ("業務量", "Workload"),
            Dimension::Leave => ("休暇", "Leave"),
            Dimension::Communication => ("対話・安心", "Speaking up"),
            Dimension::Growth => ("成長", "Growth"),
            Dimension::Retention => ("定着", "Staying"),
        };
        Label::new(ja, en)
    }

    pub fn name(self) -> Label {
        let (ja, en) = match self {
            Dimension::WorkLife => ("働きやすさ・労働時間", "Work-life balance and hours"),
            Dimension::Workload => ("業務量・効率", "Workload and efficiency"),
            Dimension::Leave => ("休暇・育児・介護休業の取りやすさ", "Ease of taking leave"),
            Dimension::Communication => (
                "コミュニケーション・心理的安全性",
                "Communication and psychological safety",
            ),
            Dimension::Growth => ("成長・やりがい", "Growth and motivation"),
            Dimension::Retention => ("働き続けたい気持ち", "Intention to stay"),
        };
        Label::new(ja, en)
    }
}

/// One core item: its key, dimension and words.
pub struct Item {
    pub key: &'static str,
    pub dimension: Dimension,
    pub ja: &'static str,
    pub en: &'static str,
}

const fn item(key: &'static str, dimension: Dimension, ja: &'static str, en: &'static str) -> Item {
    Item {
        key,
        dimension,
        ja,
        en,
    }
}

/// The core items, three a dimension.
pub const ITEMS: [Item; 18] = [
    item(
        "wl1",
        Dimension::WorkLife,
        "仕事と私生活のバランスがとれている",
        "I can balance work and private life",
    ),
    item(
        "wl2",
        Dimension::WorkLife,
        "残業は必要なときだけで、長すぎない",
        "Overtime is only when needed and not too long",
    ),
    item(
        "wl3",
        Dimension::WorkLife,
        "定時に帰ることに気兼ねがない",
        "I do not feel awkward leaving on time",
    ),
    item(
        "wk1",
        Dimension::Workload,
        "仕事の量は、時間内にこなせる程度だ",
        "My workload fits into working hours",
    ),
    item(
        "wk2",
        Dimension::Workload,
        "ムダな作業や会議が少ない",
        "There is little wasted work or meeting time",
    ),
    item(
        "wk3",
        Dimension::Workload,
        "仕事が特定の人に偏っていない",
        "Work is not concentrated on a few people",
    ),
    item(
        "lv1",
        Dimension::Leave,
        "年次有給休暇を希望どおりに取れる",
        "I can take paid leave when I want",
    ),
    item(
        "lv2",
        Dimension::Leave,
        "男女とも育児休業を取りやすい雰囲気がある",
        "Both men and women can easily take childcare leave",
    ),
    item(
        "lv3",
        Dimension::Leave,
        "家族の介護が必要になっても、休業や休暇を使って働き続けられると思う",
        "If my family needed care, I could keep working with leave",
    ),
    item(
        "cm1",
        Dimension::Communication,
        "困ったときに上司や同僚に相談できる",
        "I can ask my boss or colleagues when in trouble",
    ),
    item(
        "cm2",
        Dimension::Communication,
        "意見や失敗を安心して話せる",
        "I can safely speak up about ideas and mistakes",
    ),
    item(
        "cm3",
        Dimension::Communication,
        "チームで情報がよく共有されている",
        "Information is well shared in my team",
    ),
    item(
        "gr1",
        Dimension::Growth,
        "仕事を通じて成長できている",
        "I grow through my work",
    ),
    item(
        "gr2",
        Dimension::Growth,
        "自分の仕事にやりがいを感じる",
        "I find my work worthwhile",
    ),
    item(
        "gr3",
        Dimension::Growth,
        "努力や成果が正当に評価されている",
        "Effort and results are fairly recognised",
    ),
    item(
        "rt1",
        Dimension::Retention,
        "この職場で今後も働き続けたい",
        "I want to keep working here",
    ),
    item(
        "rt2",
        Dimension::Retention,
        "家族や友人にこの職場を勧めたい",
        "I would recommend this workplace to family and friends",
    ),
    item(
        "rt3",
        Dimension::Retention,
        "5年後もこの職場で働いていると思う",
        "I expect to be working here in five years",
    ),
];

/// The free-text questions (shown only for a group the round releases).
pub const FREE_TEXTS: [(&str, &str, &str); 2] = [
    (
        "good",
        "この職場の良いところ",
        "What is good about this workplace",
    ),
    (
        "change",
        "変えたいこと・改善してほしいこと",
        "What you would like to change",
    ),
];

/// What the organization chose for a round.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setup {
    /// 部署: asked as an attribute, by position (`d1`, `d2`…).
    pub departments: Vec<String>,
    pub ask_age: bool,
    pub ask_gender: bool,
    /// The organization's own 5-point questions (`own1`…).
    pub own: Vec<String>,
}

/// Why a setup is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupError {
    TooManyDepartments,
    NameTooLong,
    TooManyOwn,
    OwnTooLong,
    Control,
}

impl SetupError {
    pub fn i18n_key(self) -> &'static str {
        match self {
            SetupError::TooManyDepartments => "org_survey.error.departments",
            SetupError::NameTooLong => "org_survey.error.department_long",
            SetupError::TooManyOwn => "org_survey.error.own_many",
            SetupError::OwnTooLong => "org_survey.error.own_long",
            SetupError::Control => "org_survey.error.control",
        }
    }
}

fn lines(text: &str) -> Result<Vec<String>, SetupError> {
    let mut out: Vec<String> = Vec::new();
    for l in text.lines() {
        if l.trim_end_matches('\r').chars().any(char::is_control) {
            return Err(SetupError::Control);
        }
        let l = l.trim().to_string();
        if !l.is_empty() && !out.contains(&l) {
            out.push(l);
        }
    }
    Ok(out)
}

impl Setup {
    /// A setup from the form's texts (one department / question a line).
    pub fn parse(
        departments: &str,
        ask_age: bool,
        ask_gender: bool,
        own: &str,
    ) -> Result<Setup, SetupError> {
        let departments = lines(departments)?;
        if departments.len() > MAX_DEPARTMENTS {
            return Err(SetupError::TooManyDepartments);
        }
        if departments.iter().any(|d| d.chars().count() > NAME_MAX) {
            return Err(SetupError::NameTooLong);
        }
        let own = lines(own)?;
        if own.len() > MAX_OWN {
            return Err(SetupError::TooManyOwn);
        }
        if own.iter().any(|d| d.chars().count() > OWN_MAX) {
            return Err(SetupError::OwnTooLong);
        }
        Ok(Setup {
            departments,
            ask_age,
            ask_gender,
            own,
        })
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    pub fn from_json(s: &str) -> Option<Setup> {
        serde_json::from_str(s).ok()
    }

    /// The code of department `name`, if it is one of the setup's.
    pub fn department_code(&self, name: &str) -> Option<String> {
        self.departments
            .iter()
            .position(|d| d == name)
            .map(|i| format!("d{}", i + 1))
    }
}

fn agree() -> [Label; 5] {
    [
        Label::new("そう思わない", "Disagree"),
        Label::new("あまりそう思わない", "Somewhat disagree"),
        Label::new("どちらともいえない", "Neither"),
        Label::new("ややそう思う", "Somewhat agree"),
        Label::new("そう思う", "Agree"),
    ]
}

/// The questionnaire of a round with `setup`.
pub fn questionnaire(setup: &Setup) -> Questionnaire {
    let mut questions = Vec::new();
    if !setup.departments.is_empty() {
        let choices = setup
            .departments
            .iter()
            .enumerate()
            .map(|(i, d)| Choice::new(&format!("d{}", i + 1), d, d))
            .collect();
        questions.push(
            Question::single(
                "department",
                Label::new("所属する部署", "Your department"),
                choices,
            )
            .attribute(),
        );
    }
    if setup.ask_age {
        let bands = [
            ("u30", "29歳以下", "29 or younger"),
            ("30s", "30代", "30s"),
            ("40s", "40代", "40s"),
            ("50p", "50歳以上", "50 or older"),
        ];
        questions.push(
            Question::single(
                "age",
                Label::new("年代", "Age band"),
                bands.iter().map(|(c, j, e)| Choice::new(c, j, e)).collect(),
            )
            .attribute(),
        );
    }
    if setup.ask_gender {
        let genders = [
            ("f", "女性", "Woman"),
            ("m", "男性", "Man"),
            ("x", "答えない・その他", "Other or prefer not to say"),
        ];
        questions.push(
            Question::single(
                "gender",
                Label::new("性別", "Gender"),
                genders
                    .iter()
                    .map(|(c, j, e)| Choice::new(c, j, e))
                    .collect(),
            )
            .attribute(),
        );
    }
    for it in &ITEMS {
        questions.push(Question::scale5(it.key, Label::new(it.ja, it.en), agree()).required());
    }
    for (i, text) in setup.own.iter().enumerate() {
        questions.push(Question::scale5(
            &format!("own{}", i + 1),
            Label::new(text, text),
            agree(),
        ));
    }
    for (key, ja, en) in FREE_TEXTS {
        questions.push(Question::free_text(key, Label::new(ja, en), TEXT_MAX));
    }
    Questionnaire {
        code: CODE.to_string(),
        questions,
    }
}

/// The dimension's score in a shown group, in tenths (mean of its items'
/// means, half up); None while any item's mean is withheld.
pub fn score_tenths(group: &Group<'_>, dimension: Dimension) -> Option<u64> {
    let means: Option<Vec<u64>> = ITEMS
        .iter()
        .filter(|i| i.dimension == dimension)
        .map(|i| group.mean_tenths(i.key))
        .collect();
    let means = means?;
    let n = means.len() as u64;
    (n > 0).then(|| (means.iter().sum::<u64>() * 2 + n) / (2 * n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::release::{Filter, Round, Threshold};

    fn answer(q: &Questionnaire, department: &str, points: u8) -> crate::Response {
        let mut pairs: Vec<(String, String)> = vec![("department".into(), department.into())];
        for it in &ITEMS {
            // The growth items one point lower, to tell dimensions apart.
            let p = if it.dimension == Dimension::Growth {
                points.saturating_sub(1).max(1)
            } else {
                points
            };
            pairs.push((it.key.into(), p.to_string()));
        }
        q.validate(&pairs).unwrap()
    }

    #[test]
    fn a_setup_parses_from_lines_and_builds_its_questionnaire() {
        let s = Setup::parse(
            "製造課\n\n総務課\n製造課",
            true,
            false,
            "5S活動が定着している",
        )
        .unwrap();
        assert_eq!(s.departments, vec!["製造課", "総務課"]);
        assert_eq!(s.department_code("総務課").as_deref(), Some("d2"));
        let q = questionnaire(&s);
        let attributes: Vec<&str> = q.attributes().map(|a| a.key.as_str()).collect();
        assert_eq!(attributes, vec!["department", "age"]);
        assert!(q.question("own1").is_some());
        assert!(q.question("gender").is_none());
        assert_eq!(Setup::from_json(&s.to_json()), Some(s));
        let many: String = (0..=MAX_DEPARTMENTS).map(|i| format!("部{i}\n")).collect();
        assert_eq!(
            Setup::parse(&many, false, false, ""),
            Err(SetupError::TooManyDepartments)
        );
        assert_eq!(
            Setup::parse("a\u{0}b", false, false, ""),
            Err(SetupError::Control)
        );
    }

    #[test]
    fn scores_are_the_mean_of_item_means_and_need_a_released_group() {
        let s = Setup::parse("製造課\n総務課", false, false, "").unwrap();
        let q = questionnaire(&s);
        // 製造課: 4 answers of 4 and 2 of 5 → items mean 26/6 = 4.33 → 4.3;
        // growth items 3 and 4 → 20/6 = 3.33 → 3.3. 総務課: 5 answers of 2.
        let mut answers: Vec<crate::Response> = Vec::new();
        for _ in 0..4 {
            answers.push(answer(&q, "d1", 4));
        }
        for _ in 0..2 {
            answers.push(answer(&q, "d1", 5));
        }
        for _ in 0..5 {
            answers.push(answer(&q, "d2", 2));
        }
        let round = Round::new(&q, &answers, Threshold::DEFAULT, true);
        let g = round
            .group(&Filter::none().with("department", "d1"))
            .unwrap();
        assert_eq!(score_tenths(&g, Dimension::WorkLife), Some(43));
        assert_eq!(score_tenths(&g, Dimension::Growth), Some(33));
        let all = round.group(&Filter::none()).unwrap();
        // 11 answers: (16 + 10 + 10) / 11 = 3.27 → 3.3.
        assert_eq!(score_tenths(&all, Dimension::Leave), Some(33));
        // An open round shows nothing.
        let open = Round::new(&q, &answers, Threshold::DEFAULT, false);
        assert!(open.group(&Filter::none()).is_err());
    }
}
