//! 介護と仕事の両立 (issue 13; `shared/LABOR_RULES.md` §7): what the law gives
//! a worker who cares for a family member, each fact with where it was read and
//! when, and the personal plan a short self-check leads to. Pure: the answers
//! are an argument, never stored here.

/// The date the facts below were last compared with LABOR_RULES.md §7 and the
/// sources it names. Change it only after checking them again.
pub const CHECKED_ON: &str = "2026-12-07";

/// 厚生労働省「介護休業制度」, the official page §7 reads.
pub const MHLW_CARE_WORK: &str = "https://www.mhlw.go.jp/shushoku_hyogaki_shien/care-work/";

/// One fact of the law, in both languages, with its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LegalFact {
    pub id: FactId,
    pub title_ja: &'static str,
    pub title_en: &'static str,
    pub text_ja: &'static str,
    pub text_en: &'static str,
    /// Where it was read (an MHLW page).
    pub source: &'static str,
    /// When it was last checked against that source ([`CHECKED_ON`]).
    pub checked_on: &'static str,
}

/// The facts the guide can show, in the order a page lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FactId {
    /// 介護休業
    CareLeave,
    /// 介護休業給付
    CareLeaveBenefit,
    /// 介護休暇
    CareDays,
    /// 残業・深夜業の制限、短時間勤務など
    WorkingTimeMeasures,
    /// テレワーク
    Telework,
    /// 2025年4月からの事業主の義務
    EmployerDuties,
    /// 地域包括支援センター
    CommunityCentre,
}

/// 介護休業: days in all per family member (通算).
pub const CARE_LEAVE_DAYS: u16 = 93;
/// 介護休業: the parts it may be split into.
pub const CARE_LEAVE_PARTS: u8 = 3;
/// 介護休業給付: percent of the wage before the leave.
pub const CARE_LEAVE_BENEFIT_PERCENT: u8 = 67;

/// 介護休暇 days a year: 5 for one family member who needs care, 10 for two
/// or more.
pub fn care_days_per_year(family_members: u8) -> u8 {
    if family_members >= 2 { 10 } else { 5 }
}

pub const FACTS: [LegalFact; 7] = [
    LegalFact {
        id: FactId::CareLeave,
        title_ja: "介護休業",
        title_en: "Caregiving leave (介護休業)",
        text_ja: "介護が必要な家族1人につき、通算93日まで休めます。3回まで分けて取れます。介護の体制を整えるための期間として使えます。",
        text_en: "Up to 93 days in all for each family member who needs care, in up to three parts: time to set up how the care will work.",
        source: MHLW_CARE_WORK,
        checked_on: CHECKED_ON,
    },
    LegalFact {
        id: FactId::CareLeaveBenefit,
        title_ja: "介護休業給付",
        title_en: "Caregiving leave benefit (介護休業給付)",
        text_ja: "介護休業の間、雇用保険から休業前の賃金の67％が支給されます。",
        text_en: "During caregiving leave, employment insurance pays 67 % of the wage before the leave.",
        source: MHLW_CARE_WORK,
        checked_on: CHECKED_ON,
    },
    LegalFact {
        id: FactId::CareDays,
        title_ja: "介護休暇",
        title_en: "Caregiving days (介護休暇)",
        text_ja: "通院の付き添いや手続きのために、年5日（介護が必要な家族が2人以上なら年10日）休めます。1時間単位でも取れます。2025年4月から、勤続6か月未満の人も取れるようになりました。",
        text_en: "5 days a year (10 with two or more family members who need care) for hospital visits, paperwork and the like, usable by the hour. Since April 2025 this no longer requires six months of service.",
        source: MHLW_CARE_WORK,
        checked_on: CHECKED_ON,
    },
    LegalFact {
        id: FactId::WorkingTimeMeasures,
        title_ja: "残業・深夜業の制限、短時間勤務など",
        title_en: "Limits on overtime and night work, shorter hours",
        text_ja: "家族を介護する人は、残業や深夜業の制限、短時間勤務などの措置を会社に申し出ることができます。使える内容と手続きは会社の規程で確かめてください。",
        text_en: "A worker caring for a family member may ask the employer for limits on overtime and night work, shorter hours and similar measures. Check the employer's rules for what applies and how to ask.",
        source: MHLW_CARE_WORK,
        checked_on: CHECKED_ON,
    },
    LegalFact {
        id: FactId::Telework,
        title_ja: "テレワーク",
        title_en: "Telework",
        text_ja: "2025年4月から、介護をする人がテレワークを選べるようにすることが会社の努力義務になりました。",
        text_en: "Since April 2025 employers are to make every effort to let workers caring for a family member choose telework.",
        source: MHLW_CARE_WORK,
        checked_on: CHECKED_ON,
    },
    LegalFact {
        id: FactId::EmployerDuties,
        title_ja: "会社が知らせること（2025年4月から）",
        title_en: "What the employer must tell you (since April 2025)",
        text_ja: "介護に直面したと申し出ると、会社は制度を一人ひとりに知らせ、使うかどうかの意向を確かめなければなりません。会社は40歳前後の社員への情報提供と、研修または相談窓口の用意もしなければなりません。",
        text_en: "When you tell the employer you face caregiving, it must explain the schemes to you individually and ask whether you intend to use them. It must also inform employees around the age of 40, and provide training or a consultation desk.",
        source: MHLW_CARE_WORK,
        checked_on: CHECKED_ON,
    },
    LegalFact {
        id: FactId::CommunityCentre,
        title_ja: "地域包括支援センター",
        title_en: "Community comprehensive support centre (地域包括支援センター)",
        text_ja: "介護の最初の相談先は、介護を受ける家族が住む市区町村の地域包括支援センターです。相談は無料です。",
        text_en: "The first place to ask is the community comprehensive support centre of the municipality where the family member lives. Asking is free.",
        source: MHLW_CARE_WORK,
        checked_on: CHECKED_ON,
    },
];

/// The fact with this id.
pub fn fact(id: FactId) -> &'static LegalFact {
    FACTS
        .iter()
        .find(|f| f.id == id)
        .expect("every FactId has a fact")
}

/// Where the care stands (介護の状況).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CareStage {
    /// まだ介護は始まっていないが、気になる家族がいる
    Ahead,
    /// 介護が始まった・始まりそう
    Starting,
    /// 介護をしていて、仕事との両立が難しくなっている
    Struggling,
}

/// How far the family member lives (離れて暮らしているか).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Distance {
    /// 同居
    Together,
    /// 近くに住んでいる（おおむね1時間以内）
    Near,
    /// 遠くに住んでいる
    Far,
}

/// Who else can share the care (きょうだいなど).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sharing {
    /// 分担できる家族がいる
    Shared,
    /// 主に自分ひとり
    Alone,
}

/// The answers of the self-check (セルフチェック).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelfCheck {
    /// Family members who need or may soon need care (0 is "none yet").
    pub family_members: u8,
    pub stage: CareStage,
    pub distance: Distance,
    pub sharing: Sharing,
    /// 夜勤・交替勤務がある
    pub night_shifts: bool,
    /// 残業が多い
    pub long_overtime: bool,
}

/// One thing to do, in the order the plan gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// 地域包括支援センターに相談する
    AskTheCentre,
    /// 地域包括支援センターの連絡先を確かめておく
    KnowTheCentre,
    /// 会社（人事）に伝える: the employer then owes the individual notice
    TellTheEmployer,
    /// 家族・きょうだいで役割分担を話し合う
    ShareWithFamily,
    /// ひとりで抱え込まない: ケアマネジャー・介護サービスを頼る
    DoNotCarryItAlone,
    /// 通院の付き添いなどに介護休暇を時間単位で使う
    UseCareDays,
    /// 介護休業で介護の体制を整える
    PlanCareLeave,
    /// 遠距離: 帰省の予定と見守りを決める
    PlanVisitsFromAfar,
    /// 残業・深夜業の制限、短時間勤務を申し出る
    AskForWorkingTimeMeasures,
    /// テレワークができるか会社に確かめる
    AskAboutTelework,
}

/// What the self-check leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub steps: Vec<Step>,
    /// The facts that bear on it, in [`FACTS`] order.
    pub facts: Vec<FactId>,
    /// 介護休暇 days a year the worker may take.
    pub care_days: u8,
}

/// The personal plan for these answers. Ahead of any care it is about knowing
/// where to turn; once care starts, about telling the employer and using the
/// leave; the work pattern and the distance add their own steps.
pub fn plan(check: &SelfCheck) -> Plan {
    let mut steps = Vec::new();
    let caring = check.stage != CareStage::Ahead;
    steps.push(if caring {
        Step::AskTheCentre
    } else {
        Step::KnowTheCentre
    });
    if caring {
        steps.push(Step::TellTheEmployer);
    }
    steps.push(match check.sharing {
        Sharing::Shared => Step::ShareWithFamily,
        Sharing::Alone => Step::DoNotCarryItAlone,
    });
    if caring {
        steps.push(Step::UseCareDays);
        steps.push(Step::PlanCareLeave);
    }
    if check.distance == Distance::Far {
        steps.push(Step::PlanVisitsFromAfar);
    }
    let hard_hours = check.night_shifts || check.long_overtime;
    if caring && (hard_hours || check.stage == CareStage::Struggling) {
        steps.push(Step::AskForWorkingTimeMeasures);
    }
    if caring && (check.distance != Distance::Together || check.stage == CareStage::Struggling) {
        steps.push(Step::AskAboutTelework);
    }
    let mut facts = vec![FactId::CommunityCentre, FactId::EmployerDuties];
    facts.extend([
        FactId::CareDays,
        FactId::CareLeave,
        FactId::CareLeaveBenefit,
    ]);
    if steps.contains(&Step::AskForWorkingTimeMeasures) || !caring {
        facts.push(FactId::WorkingTimeMeasures);
    }
    if steps.contains(&Step::AskAboutTelework) || !caring {
        facts.push(FactId::Telework);
    }
    facts.sort();
    Plan {
        steps,
        facts,
        care_days: care_days_per_year(check.family_members),
    }
}

/// The employer's duties in force since 2025-04 (育児・介護休業法の改正), as
/// the checklist names them. The individual notice is owed case by case and
/// recorded as [`Explained`] items; the others are set up once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EmployerDuty {
    /// 介護に直面した旨の申出があったときの個別周知・意向確認
    IndividualNotice,
    /// 40歳前後（40歳に達する年度など）の早期の情報提供
    InformationAround40,
    /// 雇用環境の整備（研修、または相談窓口の設置など）
    TrainingOrDesk,
    /// 自社の制度（就業規則への定め、テレワークなど）を整え、知らせる
    OwnSchemes,
}

impl EmployerDuty {
    pub const ALL: [EmployerDuty; 4] = [
        EmployerDuty::IndividualNotice,
        EmployerDuty::InformationAround40,
        EmployerDuty::TrainingOrDesk,
        EmployerDuty::OwnSchemes,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            EmployerDuty::IndividualNotice => "individual_notice",
            EmployerDuty::InformationAround40 => "information_around_40",
            EmployerDuty::TrainingOrDesk => "training_or_desk",
            EmployerDuty::OwnSchemes => "own_schemes",
        }
    }

    pub fn parse(input: &str) -> Option<EmployerDuty> {
        EmployerDuty::ALL
            .into_iter()
            .find(|d| d.as_str() == input.trim())
    }

    pub fn name_ja(&self) -> &'static str {
        match self {
            EmployerDuty::IndividualNotice => {
                "介護に直面したと申し出た社員への個別の周知と意向の確認"
            }
            EmployerDuty::InformationAround40 => {
                "40歳前後の社員への情報提供（制度・申出先・介護保険）"
            }
            EmployerDuty::TrainingOrDesk => "研修の実施、または相談窓口の設置",
            EmployerDuty::OwnSchemes => {
                "自社の制度（就業規則への定め、テレワークなど）を整えて知らせる"
            }
        }
    }

    pub fn name_en(&self) -> &'static str {
        match self {
            EmployerDuty::IndividualNotice => {
                "Individual notice and intention check for each employee who reports caregiving"
            }
            EmployerDuty::InformationAround40 => {
                "Information for employees around 40 (schemes, where to ask, long-term care insurance)"
            }
            EmployerDuty::TrainingOrDesk => "Training, or a consultation desk",
            EmployerDuty::OwnSchemes => {
                "The company's own schemes (work rules, telework…) set up and made known"
            }
        }
    }
}

/// What an individual notice explained (個別周知の内容). Recording these and
/// the date is what the employer keeps; never the family's health.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Explained {
    /// 介護休業
    CareLeave,
    /// 介護休業給付
    CareLeaveBenefit,
    /// 介護休暇
    CareDays,
    /// 残業・深夜業の制限、短時間勤務など
    WorkingTimeMeasures,
    /// テレワーク
    Telework,
    /// 申出先（相談窓口）
    WhereToApply,
}

impl Explained {
    pub const ALL: [Explained; 6] = [
        Explained::CareLeave,
        Explained::CareLeaveBenefit,
        Explained::CareDays,
        Explained::WorkingTimeMeasures,
        Explained::Telework,
        Explained::WhereToApply,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Explained::CareLeave => "care_leave",
            Explained::CareLeaveBenefit => "care_leave_benefit",
            Explained::CareDays => "care_days",
            Explained::WorkingTimeMeasures => "working_time_measures",
            Explained::Telework => "telework",
            Explained::WhereToApply => "where_to_apply",
        }
    }

    pub fn parse(input: &str) -> Option<Explained> {
        Explained::ALL
            .into_iter()
            .find(|e| e.as_str() == input.trim())
    }

    pub fn name_ja(&self) -> &'static str {
        match self {
            Explained::CareLeave => "介護休業",
            Explained::CareLeaveBenefit => "介護休業給付",
            Explained::CareDays => "介護休暇",
            Explained::WorkingTimeMeasures => "残業・深夜業の制限、短時間勤務など",
            Explained::Telework => "テレワーク",
            Explained::WhereToApply => "申出先（相談窓口）",
        }
    }

    pub fn name_en(&self) -> &'static str {
        match self {
            Explained::CareLeave => "Caregiving leave",
            Explained::CareLeaveBenefit => "Caregiving leave benefit",
            Explained::CareDays => "Caregiving days",
            Explained::WorkingTimeMeasures => "Limits on overtime and night work, shorter hours",
            Explained::Telework => "Telework",
            Explained::WhereToApply => "Where to apply (consultation desk)",
        }
    }

    /// The stored list: codes separated by spaces, in vocabulary order, once each.
    pub fn join(items: &[Explained]) -> String {
        let mut sorted = items.to_vec();
        sorted.sort();
        sorted.dedup();
        sorted
            .iter()
            .map(Explained::as_str)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The stored list back; None when it holds a word outside the vocabulary.
    pub fn split(stored: &str) -> Option<Vec<Explained>> {
        stored.split_whitespace().map(Explained::parse).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(stage: CareStage, distance: Distance, sharing: Sharing) -> SelfCheck {
        SelfCheck {
            family_members: 1,
            stage,
            distance,
            sharing,
            night_shifts: false,
            long_overtime: false,
        }
    }

    #[test]
    fn the_law_s_numbers_are_those_of_section_7() {
        assert_eq!(CARE_LEAVE_DAYS, 93);
        assert_eq!(CARE_LEAVE_PARTS, 3);
        assert_eq!(CARE_LEAVE_BENEFIT_PERCENT, 67);
        assert_eq!(care_days_per_year(0), 5);
        assert_eq!(care_days_per_year(1), 5);
        assert_eq!(care_days_per_year(2), 10);
        assert_eq!(care_days_per_year(5), 10);
        // The texts say the same numbers.
        assert!(fact(FactId::CareLeave).text_ja.contains("93日"));
        assert!(fact(FactId::CareLeave).text_ja.contains("3回"));
        assert!(fact(FactId::CareLeaveBenefit).text_ja.contains("67％"));
        assert!(fact(FactId::CareDays).text_ja.contains("年5日"));
        assert!(fact(FactId::CareDays).text_ja.contains("年10日"));
        assert!(fact(FactId::CareDays).text_en.contains("by the hour"));
        for f in FACTS {
            assert_eq!(f.checked_on, CHECKED_ON);
            assert!(f.source.starts_with("https://www.mhlw.go.jp/"));
            assert!(!f.text_en.is_empty() && !f.title_en.is_empty());
        }
    }

    #[test]
    fn ahead_of_care_the_plan_is_knowing_where_to_turn() {
        let p = plan(&check(CareStage::Ahead, Distance::Near, Sharing::Shared));
        assert_eq!(p.steps, vec![Step::KnowTheCentre, Step::ShareWithFamily]);
        assert_eq!(p.care_days, 5);
        // Everything the law offers, to know before it is needed.
        assert_eq!(p.facts, FACTS.map(|f| f.id).to_vec());
    }

    #[test]
    fn once_care_starts_the_employer_is_told_and_the_leave_planned() {
        let p = plan(&check(
            CareStage::Starting,
            Distance::Together,
            Sharing::Alone,
        ));
        assert_eq!(
            p.steps,
            vec![
                Step::AskTheCentre,
                Step::TellTheEmployer,
                Step::DoNotCarryItAlone,
                Step::UseCareDays,
                Step::PlanCareLeave,
            ]
        );
        assert!(!p.facts.contains(&FactId::WorkingTimeMeasures));
        assert!(!p.facts.contains(&FactId::Telework));
    }

    #[test]
    fn two_parents_far_away_with_night_shifts_add_their_own_steps() {
        let mut c = check(CareStage::Starting, Distance::Far, Sharing::Shared);
        c.family_members = 2;
        c.night_shifts = true;
        let p = plan(&c);
        assert_eq!(
            p.steps,
            vec![
                Step::AskTheCentre,
                Step::TellTheEmployer,
                Step::ShareWithFamily,
                Step::UseCareDays,
                Step::PlanCareLeave,
                Step::PlanVisitsFromAfar,
                Step::AskForWorkingTimeMeasures,
                Step::AskAboutTelework,
            ]
        );
        assert_eq!(p.care_days, 10);
        assert!(p.facts.contains(&FactId::WorkingTimeMeasures));
        assert!(p.facts.contains(&FactId::Telework));
    }

    #[test]
    fn struggling_at_home_asks_for_hours_and_telework_even_without_overtime() {
        let p = plan(&check(
            CareStage::Struggling,
            Distance::Together,
            Sharing::Alone,
        ));
        assert!(p.steps.contains(&Step::AskForWorkingTimeMeasures));
        assert!(p.steps.contains(&Step::AskAboutTelework));
        assert!(!p.steps.contains(&Step::PlanVisitsFromAfar));
    }

    #[test]
    fn the_vocabularies_round_trip_and_refuse_strangers() {
        for d in EmployerDuty::ALL {
            assert_eq!(EmployerDuty::parse(d.as_str()), Some(d));
        }
        for e in Explained::ALL {
            assert_eq!(Explained::parse(e.as_str()), Some(e));
        }
        assert_eq!(EmployerDuty::parse("diagnosis"), None);
        let stored = Explained::join(&[
            Explained::Telework,
            Explained::CareLeave,
            Explained::Telework,
        ]);
        assert_eq!(stored, "care_leave telework");
        assert_eq!(
            Explained::split(&stored),
            Some(vec![Explained::CareLeave, Explained::Telework])
        );
        assert_eq!(Explained::split("care_leave dementia"), None);
    }
}
