//! The yes/no [`Facts`] by id (their field names), and the question a
//! manager is asked for each, in Japanese and English.

use std::fmt;

use serde::Serialize;

use super::Facts;

/// An id that is not a field of [`Facts`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFact(pub String);

impl fmt::Display for UnknownFact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "there is no fact {} (known facts: {})",
            self.0,
            Facts::IDS.join(", ")
        )
    }
}

impl std::error::Error for UnknownFact {}

/// How a fact is asked: a one-line question (answered はい / yes for
/// `Some(true)`) and a short note on what it means or where to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FactLabel {
    /// The question.
    pub question: &'static str,
    /// A short explanation.
    pub note: &'static str,
}

impl Facts {
    /// The ids of the facts (the field names), in display order: くるみん
    /// (次世代法) first, then えるぼし, ユースエール, and the disqualifications.
    pub const IDS: [&'static str; 17] = [
        "next_gen_plan_filed",
        "next_gen_plan_published",
        "next_gen_plan_period_ok",
        "next_gen_plan_targets_met",
        "next_gen_plan_has_required_targets",
        "working_conditions_measures",
        "men_rate_published",
        "small_employer_male_special",
        "small_employer_female_special",
        "holds_kurumin",
        "platinum_kurumin_extra",
        "women_plan_filed",
        "women_data_published",
        "platinum_eruboshi_extra",
        "youth_recruitment_and_training",
        "youth_information_published",
        "no_serious_violations",
    ];

    fn slot(&mut self, id: &str) -> Option<&mut Option<bool>> {
        Some(match id {
            "next_gen_plan_filed" => &mut self.next_gen_plan_filed,
            "next_gen_plan_published" => &mut self.next_gen_plan_published,
            "next_gen_plan_period_ok" => &mut self.next_gen_plan_period_ok,
            "next_gen_plan_targets_met" => &mut self.next_gen_plan_targets_met,
            "next_gen_plan_has_required_targets" => &mut self.next_gen_plan_has_required_targets,
            "working_conditions_measures" => &mut self.working_conditions_measures,
            "men_rate_published" => &mut self.men_rate_published,
            "small_employer_male_special" => &mut self.small_employer_male_special,
            "small_employer_female_special" => &mut self.small_employer_female_special,
            "holds_kurumin" => &mut self.holds_kurumin,
            "platinum_kurumin_extra" => &mut self.platinum_kurumin_extra,
            "women_plan_filed" => &mut self.women_plan_filed,
            "women_data_published" => &mut self.women_data_published,
            "platinum_eruboshi_extra" => &mut self.platinum_eruboshi_extra,
            "youth_recruitment_and_training" => &mut self.youth_recruitment_and_training,
            "youth_information_published" => &mut self.youth_information_published,
            "no_serious_violations" => &mut self.no_serious_violations,
            _ => return None,
        })
    }

    /// The answer to the fact `id`: `None` when there is no such fact,
    /// `Some(None)` when it is not answered.
    pub fn get(&self, id: &str) -> Option<Option<bool>> {
        let mut copy = *self;
        copy.slot(id).map(|v| *v)
    }

    /// Sets (or, with `None`, clears) the answer to the fact `id`.
    pub fn set(&mut self, id: &str, answer: Option<bool>) -> Result<(), UnknownFact> {
        match self.slot(id) {
            Some(slot) => {
                *slot = answer;
                Ok(())
            }
            None => Err(UnknownFact(id.to_string())),
        }
    }
}

/// The marks a yes/no question serves, for grouping the questions: the
/// くるみん family (トライくるみん, くるみん, プラチナくるみん), えるぼし (and
/// プラチナえるぼし), ユースエール, or several of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactGroup {
    /// 次世代法 and the くるみん marks.
    Kurumin,
    /// 女性活躍推進法 and the えるぼし marks.
    Eruboshi,
    /// ユースエール.
    YouthYell,
    /// Asked by marks of more than one family.
    Common,
}

impl FactGroup {
    /// Every group, in display order (the order of [`Facts::IDS`]).
    pub const ALL: [FactGroup; 4] = [
        FactGroup::Kurumin,
        FactGroup::Eruboshi,
        FactGroup::YouthYell,
        FactGroup::Common,
    ];

    /// The group's id (`kurumin`, `eruboshi`, `youth_yell`, `common`).
    pub fn id(self) -> &'static str {
        match self {
            FactGroup::Kurumin => "kurumin",
            FactGroup::Eruboshi => "eruboshi",
            FactGroup::YouthYell => "youth_yell",
            FactGroup::Common => "common",
        }
    }

    /// The group of the fact `id` (`None` for an unknown id): the marks whose
    /// criteria ask it (checked against [`super::assess`] by the tests).
    pub fn of(id: &str) -> Option<FactGroup> {
        Some(match id {
            "next_gen_plan_filed"
            | "next_gen_plan_published"
            | "next_gen_plan_period_ok"
            | "next_gen_plan_targets_met"
            | "next_gen_plan_has_required_targets"
            | "working_conditions_measures"
            | "men_rate_published"
            | "small_employer_male_special"
            | "small_employer_female_special"
            | "holds_kurumin"
            | "platinum_kurumin_extra" => FactGroup::Kurumin,
            "women_plan_filed" | "women_data_published" | "platinum_eruboshi_extra" => {
                FactGroup::Eruboshi
            }
            "youth_recruitment_and_training" | "youth_information_published" => {
                FactGroup::YouthYell
            }
            "no_serious_violations" => FactGroup::Common,
            _ => return None,
        })
    }
}

/// The Japanese question and note for the fact `id`; `None` for an unknown
/// id.
pub fn fact_label_ja(id: &str) -> Option<FactLabel> {
    let (question, note) = match id {
        "next_gen_plan_filed" => (
            "次世代法に基づく一般事業主行動計画を策定し、都道府県労働局に届け出ましたか",
            "くるみん・トライくるみん・プラチナくるみんの前提です。労働局の受付印のある届出の控えで確認できます。",
        ),
        "next_gen_plan_published" => (
            "その行動計画を公表し（両立支援のひろば など）、従業員に周知しましたか",
            "社内掲示、イントラネット、書面の配布などで従業員に知らせていれば周知にあたります。",
        ),
        "next_gen_plan_period_ok" => (
            "行動計画の期間は2年以上5年以下で、その期間はすでに終わっていますか",
            "くるみんの認定は、計画期間が終わってから申請します。",
        ),
        "next_gen_plan_targets_met" => (
            "行動計画に定めた目標を達成しましたか",
            "数値目標だけでなく、計画に書いたすべての目標が対象です。",
        ),
        "next_gen_plan_has_required_targets" => (
            "行動計画に「男性の育児休業等取得率」と「フルタイム労働者の時間外・休日労働時間」の数値目標を入れましたか",
            "2025年4月からの基準で、常時雇用する労働者が101人以上の企業に求められます。",
        ),
        "working_conditions_measures" => (
            "所定外労働の削減、年次有給休暇の取得促進、多様な働き方の整備のいずれかについて、目標を定めて取り組みましたか",
            "例: ノー残業デーの実施、年休の計画的付与、短時間正社員制度やテレワークの導入。",
        ),
        "men_rate_published" => (
            "男性の育児休業等の取得状況（取得率）を公表しましたか",
            "両立支援のひろば や自社のウェブサイトでの公表が対象です。",
        ),
        "small_employer_male_special" => (
            "（常時雇用する労働者が300人以下の企業）男性の育児休業等取得率が基準に届かないときの特例のいずれかに該当しますか",
            "トライくるみん・くるみんの特例です。例: 計画期間に男性が子の看護等休暇を取得した、男性が育児短時間勤務を利用した、計画期間とその前の最長3年間を合わせた取得率が基準以上。要件は労働局の認定基準の手引きで確認してください（erabareru のデータからは判定できません）。",
        ),
        "small_employer_female_special" => (
            "（常時雇用する労働者が300人以下の企業）女性の育児休業等取得率が75%に届かないときの特例に該当しますか",
            "トライくるみん・くるみんの特例です。例: 計画期間とその前の最長3年間を合わせた女性の取得率が75%以上。要件は労働局の認定基準の手引きで確認してください。",
        ),
        "holds_kurumin" => (
            "すでにくるみん認定を受けていますか",
            "プラチナくるみんを申請するときに必要です。",
        ),
        "platinum_kurumin_extra" => (
            "プラチナくるみんのその他の基準（出産後の女性の継続就業率、両立支援の取組など）を満たしていますか",
            "この項目はデータから計算できないため、認定基準を確認のうえ回答してください。",
        ),
        "women_plan_filed" => (
            "女性活躍推進法に基づく一般事業主行動計画を策定し、都道府県労働局に届け出ましたか",
            "えるぼし・プラチナえるぼしの前提です。",
        ),
        "women_data_published" => (
            "女性の活躍に関する情報を「女性の活躍推進企業データベース」で公表していますか",
            "えるぼしでは、基準ごとの実績をデータベースで公表していることが求められます。",
        ),
        "platinum_eruboshi_extra" => (
            "プラチナえるぼしのその他の基準（行動計画の目標達成、公表項目の数、より高い水準）を満たしていますか",
            "この項目はデータから計算できないため、認定基準を確認のうえ回答してください。",
        ),
        "youth_recruitment_and_training" => (
            "若者の採用・育成に積極的に取り組み、人材育成方針と教育訓練計画を定めていますか",
            "ユースエールの基準です。例: 新卒者の募集、研修計画、メンター制度。",
        ),
        "youth_information_published" => (
            "青少年雇用情報（募集・採用、能力開発、職場定着の状況）を公表していますか",
            "ユースエールの基準です。ハローワークの求人票や自社サイトでの公表が対象です。",
        ),
        "no_serious_violations" => (
            "重大な労働関係法令の違反など、認定を受けられない事情がないことを確認しましたか",
            "はい = そのような事情はない。例: 労働基準関係法令違反による送検・企業名の公表、暴力団との関係。",
        ),
        _ => return None,
    };
    Some(FactLabel { question, note })
}

/// The English question and note for the fact `id`; `None` for an unknown
/// id.
pub fn fact_label_en(id: &str) -> Option<FactLabel> {
    let (question, note) = match id {
        "next_gen_plan_filed" => (
            "Have you made a general employer action plan under the Next Generation Act and filed it with the prefectural labour bureau?",
            "Required for every くるみん mark; the stamped copy of the filing shows it.",
        ),
        "next_gen_plan_published" => (
            "Have you published that plan (e.g. on 両立支援のひろば) and made it known to your employees?",
            "A notice board, the intranet or a handout counts as making it known.",
        ),
        "next_gen_plan_period_ok" => (
            "Does the plan run for 2 to 5 years, and has that period ended?",
            "You apply for くるみん after the plan period has ended.",
        ),
        "next_gen_plan_targets_met" => (
            "Did you achieve the targets set in the plan?",
            "Every target in the plan counts, not only the numeric ones.",
        ),
        "next_gen_plan_has_required_targets" => (
            "Does the plan set numeric targets for men's childcare-leave rate and for full-time workers' overtime and holiday work?",
            "Required by the 2025 criteria of employers with 101 or more regular employees.",
        ),
        "working_conditions_measures" => (
            "Did you set goals and take measures to cut overtime, promote paid leave, or offer flexible ways of working?",
            "For example no-overtime days, planned paid leave, short-hour regular jobs or telework.",
        ),
        "men_rate_published" => (
            "Have you published men's childcare-leave uptake (the rate)?",
            "Publishing on 両立支援のひろば or on your own website counts.",
        ),
        "small_employer_male_special" => (
            "(Employers with 300 or fewer regular employees) Does one of the special provisions for the men's childcare-leave criterion apply to you?",
            "For トライくるみん and くるみん, e.g. a man took sick-child leave or used reduced hours for childcare in the plan period, or the rate over the plan period and up to 3 years before it reaches the threshold. Check the conditions in the labour bureau's guide (erabareru's data cannot decide them).",
        ),
        "small_employer_female_special" => (
            "(Employers with 300 or fewer regular employees) Does the special provision for the women's childcare-leave criterion apply to you?",
            "For トライくるみん and くるみん, e.g. the women's rate over the plan period and up to 3 years before it reaches 75%. Check the conditions in the labour bureau's guide.",
        ),
        "holds_kurumin" => (
            "Do you already hold the くるみん certification?",
            "Needed to apply for プラチナくるみん.",
        ),
        "platinum_kurumin_extra" => (
            "Do you meet the other プラチナくるみん criteria (women staying on after childbirth, support measures, …)?",
            "These cannot be computed from the data; check the criteria before answering.",
        ),
        "women_plan_filed" => (
            "Have you made a general employer action plan under the Women's Advancement Act and filed it with the prefectural labour bureau?",
            "Required for えるぼし and プラチナえるぼし.",
        ),
        "women_data_published" => (
            "Do you publish your women's-advancement figures on the 女性の活躍推進企業データベース?",
            "えるぼし requires the figures of each criterion to be published there.",
        ),
        "platinum_eruboshi_extra" => (
            "Do you meet the other プラチナえるぼし criteria (plan targets met, number of published items, higher thresholds)?",
            "These cannot be computed from the data; check the criteria before answering.",
        ),
        "youth_recruitment_and_training" => (
            "Do you actively hire and develop young people, with a training policy and a training plan?",
            "A ユースエール criterion, e.g. graduate hiring, a training plan, mentors.",
        ),
        "youth_information_published" => (
            "Do you publish the youth employment information (hiring, training, retention)?",
            "A ユースエール criterion; job offers at Hello Work or your website count.",
        ),
        "no_serious_violations" => (
            "Have you confirmed that there is no serious labour-law violation or other ground that bars certification?",
            "Yes = there is none. For example a prosecution or a published violation of labour law, or ties to organized crime.",
        ),
        _ => return None,
    };
    Some(FactLabel { question, note })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::certification::{CertificationInput, Mark, assess};

    /// The family a mark belongs to.
    fn family(mark: Mark) -> FactGroup {
        match mark {
            Mark::TryKurumin | Mark::Kurumin | Mark::PlatinumKurumin => FactGroup::Kurumin,
            Mark::Eruboshi | Mark::PlatinumEruboshi => FactGroup::Eruboshi,
            Mark::YouthYell => FactGroup::YouthYell,
        }
    }

    fn gap_facts(g: &crate::Gap, out: &mut Vec<&'static str>) {
        match g {
            crate::Gap::Unknown { what } | crate::Gap::AnsweredNo { what } => out.push(what),
            crate::Gap::OneOf { options: gaps } | crate::Gap::AllOf { gaps } => {
                gaps.iter().for_each(|g| gap_facts(g, out))
            }
            _ => {}
        }
    }

    #[test]
    fn each_fact_is_grouped_by_the_marks_that_ask_it() {
        // Over both criteria versions and both sides of the 101 and 300
        // employee lines, every mark's criteria that are facts.
        let mut asked: std::collections::HashMap<&str, std::collections::HashSet<FactGroup>> =
            Default::default();
        for employees in [None, Some(50), Some(200), Some(500)] {
            let mut input = CertificationInput::new(2026);
            input.employees = employees;
            // Rates below every threshold, so the special provisions are asked.
            let y = input.year_mut(2026);
            y.male_childcare = Some(crate::MaleCounts {
                births: 5,
                method1_takers: 0,
                method2_takers: 0,
            });
            y.female_childcare = Some(crate::BirthCounts {
                births: 5,
                takers: 0,
            });
            for date in [
                jiff::civil::date(2025, 3, 31),
                jiff::civil::date(2026, 6, 1),
                jiff::civil::date(2027, 4, 1),
            ] {
                for m in assess(&input, date) {
                    for c in &m.criteria {
                        // A fact is a criterion, or (the special provisions)
                        // asked in a criterion's gap.
                        let mut ids = vec![c.id];
                        if let Some(g) = &c.gap {
                            gap_facts(g, &mut ids);
                        }
                        for id in ids.into_iter().filter(|id| Facts::IDS.contains(id)) {
                            asked.entry(id).or_default().insert(family(m.mark));
                        }
                    }
                }
            }
        }
        for id in Facts::IDS {
            let families = asked
                .get(id)
                .unwrap_or_else(|| panic!("{id} is never asked"));
            let expected = if families.len() > 1 {
                FactGroup::Common
            } else {
                *families.iter().next().unwrap()
            };
            assert_eq!(FactGroup::of(id), Some(expected), "{id}: {families:?}");
        }
        assert_eq!(FactGroup::of("no_such_fact"), None);
        // The groups keep the order of the questions.
        let order: Vec<usize> = Facts::IDS
            .iter()
            .map(|id| {
                let g = FactGroup::of(id).unwrap();
                FactGroup::ALL.iter().position(|x| *x == g).unwrap()
            })
            .collect();
        assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
    }
}
