//! 住民の働き方アンケート: the residents' questionnaire, built from the
//! vocabularies the postings and profiles use (industries, employment types,
//! measures, life situations), so the mismatch dashboard compares like with
//! like.

use std::sync::LazyLock;

use domain::Industry;
use domain::job::EmploymentType;
use domain::workplace::Measure;
use survey::{Choice, Label, Question, Questionnaire};

/// The questionnaire's code in `survey_rounds.questionnaire`.
pub const CODE: &str = "residents";

/// Industries a resident may want: the local ones, by their 大分類 letter.
pub const INDUSTRIES: [Industry; 11] = [
    Industry::A,
    Industry::B,
    Industry::D,
    Industry::E,
    Industry::H,
    Industry::I,
    Industry::J,
    Industry::M,
    Industry::O,
    Industry::P,
    Industry::R,
];

/// Age bands (attribute).
pub const AGES: [(&str, &str, &str); 7] = [
    ("10s", "10代", "Teens"),
    ("20s", "20代", "20s"),
    ("30s", "30代", "30s"),
    ("40s", "40代", "40s"),
    ("50s", "50代", "50s"),
    ("60s", "60代", "60s"),
    ("70s", "70歳以上", "70 or older"),
];

/// Situations (attribute): the five of the job search, and three more.
pub const SITUATIONS: [(&str, &str, &str); 8] = [
    ("parenting", "子育て中", "Raising children"),
    ("caregiving", "介護中", "Caring for family"),
    (
        "returning",
        "ブランクあり・再就職",
        "Returning after a break",
    ),
    ("moving", "Uターン・移住希望", "Moving (back) to the region"),
    ("young", "学生・若者", "Student or young person"),
    ("employed", "在職中", "In work"),
    ("seeking", "求職中", "Looking for work"),
    ("other", "その他", "Other"),
];

/// Pay wanted: monthly and hourly bands (yen), with their lower bound.
pub const PAY: [(&str, &str, &str, &str, i64); 8] = [
    (
        "m_lt150k",
        "月給15万円未満",
        "Under ¥150,000 a month",
        "month",
        0,
    ),
    (
        "m_150k",
        "月給15〜20万円",
        "¥150,000–200,000 a month",
        "month",
        150_000,
    ),
    (
        "m_200k",
        "月給20〜25万円",
        "¥200,000–250,000 a month",
        "month",
        200_000,
    ),
    (
        "m_250k",
        "月給25万円以上",
        "¥250,000 or more a month",
        "month",
        250_000,
    ),
    (
        "h_lt1000",
        "時給1,000円未満",
        "Under ¥1,000 an hour",
        "hour",
        0,
    ),
    (
        "h_1000",
        "時給1,000〜1,200円",
        "¥1,000–1,200 an hour",
        "hour",
        1_000,
    ),
    (
        "h_1200",
        "時給1,200円以上",
        "¥1,200 or more an hour",
        "hour",
        1_200,
    ),
    ("any", "こだわらない", "No preference", "", 0),
];

/// The pay band of a posting's lowest pay (None: not comparable).
pub fn pay_band(unit: domain::job::PayUnit, min: Option<i64>) -> Option<&'static str> {
    let unit = match unit {
        domain::job::PayUnit::Month => "month",
        domain::job::PayUnit::Hour => "hour",
        _ => return None,
    };
    let min = min?;
    PAY.iter()
        .filter(|p| p.3 == unit && p.4 <= min)
        .max_by_key(|p| p.4)
        .map(|p| p.0)
}

fn choices(list: &[(&str, &str, &str)]) -> Vec<Choice> {
    list.iter()
        .map(|(c, ja, en)| Choice::new(c, ja, en))
        .collect()
}

pub static QUESTIONNAIRE: LazyLock<Questionnaire> = LazyLock::new(build);

fn build() -> Questionnaire {
    let mut industries: Vec<Choice> = INDUSTRIES
        .iter()
        .map(|i| Choice::new(&i.letter().to_string(), i.name_ja(), i.name_en()))
        .collect();
    industries.push(Choice::new("any", "こだわらない", "No preference"));
    let mut types: Vec<Choice> = EmploymentType::ALL
        .iter()
        .filter(|t| **t != EmploymentType::Other)
        .map(|t| Choice::new(t.as_str(), t.name_ja(), t.name_en()))
        .collect();
    types.push(Choice::new("any", "こだわらない", "No preference"));
    let measures: Vec<Choice> = Measure::ALL
        .iter()
        .map(|m| Choice::new(m.as_str(), m.name_ja(), m.name_en()))
        .collect();
    Questionnaire {
        code: CODE.into(),
        questions: vec![
            Question::single("age", Label::new("年代", "Age"), choices(&AGES))
                .attribute()
                .required(),
            Question::single(
                "situation",
                Label::new(
                    "いまの状況にいちばん近いもの",
                    "What describes you best now",
                ),
                choices(&SITUATIONS),
            )
            .attribute()
            .required(),
            Question::multiple(
                "industry",
                Label::new(
                    "働きたい業種（3つまで）",
                    "Industries you would like to work in (up to 3)",
                ),
                industries,
                3,
            ),
            Question::single(
                "employment",
                Label::new("希望する働き方（雇用形態）", "Kind of employment you want"),
                types,
            ),
            Question::single(
                "hours",
                Label::new("希望する1日の勤務時間", "Hours a day you want to work"),
                choices(&[
                    (
                        "full",
                        "8時間程度（フルタイム）",
                        "About 8 hours (full time)",
                    ),
                    ("6h", "6時間程度まで", "Up to about 6 hours"),
                    ("4h", "4時間程度まで", "Up to about 4 hours"),
                    ("flexible", "日によって柔軟に", "Flexible from day to day"),
                ]),
            ),
            Question::single(
                "days",
                Label::new("希望する勤務日数", "Days a week you want to work"),
                choices(&[
                    ("5", "週5日", "5 days a week"),
                    ("4", "週4日", "4 days a week"),
                    ("3", "週3日以下", "3 days a week or fewer"),
                    ("weekend", "土日・祝日のみ", "Weekends and holidays only"),
                ]),
            ),
            Question::multiple(
                "conditions",
                Label::new(
                    "職場に望む制度・条件（5つまで）",
                    "What you want from a workplace (up to 5)",
                ),
                measures,
                5,
            ),
            Question::single(
                "pay",
                Label::new("希望する給与", "Pay you want"),
                PAY.iter().map(|p| Choice::new(p.0, p.1, p.2)).collect(),
            ),
            Question::multiple(
                "obstacles",
                Label::new(
                    "働くうえで困っていること（3つまで）",
                    "What stands in your way (up to 3)",
                ),
                choices(&[
                    (
                        "few_jobs",
                        "希望に合う仕事が少ない",
                        "Few jobs that fit what I want",
                    ),
                    ("hours", "勤務時間が合わない", "Working hours do not fit"),
                    ("childcare", "子どもの預け先がない", "No childcare"),
                    (
                        "caregiving",
                        "介護との両立が難しい",
                        "Hard to combine with caregiving",
                    ),
                    ("pay", "給与が希望に届かない", "Pay is too low"),
                    ("commute", "通勤の手段がない", "No way to commute"),
                    (
                        "information",
                        "職場の様子がわからない",
                        "I cannot tell what workplaces are like",
                    ),
                    (
                        "skills",
                        "経験・資格に不安がある",
                        "Unsure of my experience or qualifications",
                    ),
                    ("none", "特にない", "Nothing in particular"),
                ]),
                3,
            ),
            Question::single(
                "local",
                Label::new(
                    "市内の事業所で働くことを考えますか",
                    "Would you consider working for an employer in the city?",
                ),
                choices(&[
                    ("yes", "考える", "Yes"),
                    ("conditions", "条件が合えば考える", "If the conditions fit"),
                    ("no", "考えない", "No"),
                ]),
            ),
            Question::free_text(
                "comment",
                Label::new(
                    "ご意見・ご要望（自由記述）",
                    "Anything else you would like to tell the city",
                ),
                500,
            ),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_questionnaire_uses_the_postings_words() {
        let q = &*QUESTIONNAIRE;
        assert_eq!(
            q.attributes().map(|a| a.key.as_str()).collect::<Vec<_>>(),
            ["age", "situation"]
        );
        let conditions = q.question("conditions").unwrap();
        assert_eq!(conditions.choices.len(), Measure::ALL.len());
        for s in domain::job::Situation::ALL {
            assert!(
                q.question("situation")
                    .unwrap()
                    .choice(s.as_str())
                    .is_some()
            );
        }
        assert!(q.question("industry").unwrap().choice("E").is_some());
    }

    #[test]
    fn postings_fall_into_the_pay_bands() {
        use domain::job::PayUnit;
        assert_eq!(pay_band(PayUnit::Month, Some(180_000)), Some("m_150k"));
        assert_eq!(pay_band(PayUnit::Month, Some(120_000)), Some("m_lt150k"));
        assert_eq!(pay_band(PayUnit::Month, Some(300_000)), Some("m_250k"));
        assert_eq!(pay_band(PayUnit::Hour, Some(1_050)), Some("h_1000"));
        assert_eq!(pay_band(PayUnit::Hour, None), None);
        assert_eq!(pay_band(PayUnit::Year, Some(3_000_000)), None);
    }
}
