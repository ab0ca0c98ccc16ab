//! ライフイベント・カードワーク (issue 13): a team rehearses life events to see
//! whether the work would go on. A deck of cards (a region may edit its own;
//! [`DEFAULT_DECK`] otherwise) is dealt one card at a time to a member of the
//! team; the team writes who covers which work and what is missing
//! ([`Gap`]), and each gap becomes an action.

use crate::text::clean;

/// One card: the event and the question it puts to the team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub title: String,
    pub prompt: String,
}

/// The cards a region starts with: (title, prompt).
pub const DEFAULT_DECK: [(&str, &str); 6] = [
    (
        "親の介護",
        "親に介護が必要になり、3か月間、週に2日は早く帰る必要があります。",
    ),
    ("出産・育児", "子どもが生まれ、6か月の育児休業に入ります。"),
    (
        "配偶者の転勤",
        "配偶者が転勤になり、1か月後から在宅勤務と月2回の出社になります。",
    ),
    ("自身の病気・けが", "明日から2週間、入院で仕事を休みます。"),
    (
        "学び直し",
        "資格取得のため、半年間、毎週金曜の午後は講座に通います。",
    ),
    (
        "地域の役割",
        "地域の消防団・PTAの役員になり、平日に抜ける日が月に数回あります。",
    ),
];

/// Most cards in a deck, and the longest title and prompt.
pub const MAX_CARDS: usize = 30;
pub const TITLE_MAX: usize = 30;
pub const PROMPT_MAX: usize = 200;

/// What the team found missing when the card's member is away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Gap {
    /// 引き継ぎ資料がない.
    Handover,
    /// 代われる人がいない（多能工化が必要）.
    MultiSkill,
    /// 仕事が見えていない（業務の見える化が必要）.
    Visibility,
    /// 顧客・取引先との窓口が一人.
    SingleContact,
}

impl Gap {
    pub const ALL: [Gap; 4] = [
        Gap::Handover,
        Gap::MultiSkill,
        Gap::Visibility,
        Gap::SingleContact,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Gap::Handover => "handover",
            Gap::MultiSkill => "multi_skill",
            Gap::Visibility => "visibility",
            Gap::SingleContact => "single_contact",
        }
    }

    pub fn parse(s: &str) -> Option<Gap> {
        Gap::ALL.into_iter().find(|g| g.as_str() == s)
    }

    pub fn name_ja(self) -> &'static str {
        match self {
            Gap::Handover => "引き継ぎ資料がない",
            Gap::MultiSkill => "代われる人がいない（多能工化）",
            Gap::Visibility => "仕事の中身が見えていない（業務の見える化）",
            Gap::SingleContact => "取引先・顧客の窓口が一人",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Gap::Handover => "No handover notes",
            Gap::MultiSkill => "Nobody else can do it (cross-training)",
            Gap::Visibility => "The work is not visible (make it visible)",
            Gap::SingleContact => "One person is the only contact for a client",
        }
    }

    /// A first action the team can adopt or rewrite.
    pub fn suggestion_ja(self) -> &'static str {
        match self {
            Gap::Handover => "担当業務の手順と連絡先を1枚にまとめ、共有フォルダに置く",
            Gap::MultiSkill => "もう一人が同じ作業をできるよう、月に1回ペアで作業する",
            Gap::Visibility => "朝メールで担当業務の予定を毎日共有する",
            Gap::SingleContact => "取引先に副担当を紹介し、メールの宛先に加える",
        }
    }
}

/// The lines of a deck: 「カード名｜問いかけ」 (｜ or |), one card a line.
/// Errors name the line (from 1).
pub fn parse_deck(text: &str) -> Result<Vec<Card>, (usize, DeckError)> {
    let mut cards = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim_end_matches('\r').chars().any(char::is_control) {
            return Err((n, DeckError::Control));
        }
        if line.trim().is_empty() {
            continue;
        }
        let (title, prompt) = line
            .split_once(['｜', '|'])
            .ok_or((n, DeckError::NoPrompt))?;
        let (title, prompt) = (clean(title), clean(prompt));
        if title.is_empty() || prompt.is_empty() {
            return Err((n, DeckError::NoPrompt));
        }
        if title.chars().count() > TITLE_MAX || prompt.chars().count() > PROMPT_MAX {
            return Err((n, DeckError::TooLong));
        }
        cards.push(Card { title, prompt });
    }
    if cards.is_empty() {
        return Err((0, DeckError::Empty));
    }
    if cards.len() > MAX_CARDS {
        return Err((MAX_CARDS + 1, DeckError::TooMany));
    }
    Ok(cards)
}

/// Why a deck is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeckError {
    NoPrompt,
    TooLong,
    TooMany,
    Empty,
    Control,
}

impl DeckError {
    pub fn i18n_key(self) -> &'static str {
        match self {
            DeckError::NoPrompt => "workshop.deck.error_line",
            DeckError::TooLong => "workshop.deck.error_long",
            DeckError::TooMany => "workshop.deck.error_many",
            DeckError::Empty => "workshop.deck.error_empty",
            DeckError::Control => "workshop.deck.error_control",
        }
    }
}

/// The next of `n` things to deal, given how often each was dealt: one of
/// the least dealt, chosen by `roll` (any number; a random one in use), so
/// every card and every member comes round before any comes twice.
pub fn next_to_deal(dealt: &[usize], roll: u64) -> Option<usize> {
    let least = *dealt.iter().min()?;
    let candidates: Vec<usize> = (0..dealt.len()).filter(|i| dealt[*i] == least).collect();
    Some(candidates[(roll % candidates.len() as u64) as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deck_is_read_line_by_line() {
        let deck = parse_deck("親の介護｜週2日早く帰る\n\n 出産 | 6か月の育休 \n").unwrap();
        assert_eq!(deck.len(), 2);
        assert_eq!(deck[1].title, "出産");
        assert_eq!(deck[1].prompt, "6か月の育休");
        assert_eq!(parse_deck("見出しだけ"), Err((1, DeckError::NoPrompt)));
        assert_eq!(parse_deck("a｜b\n｜問い"), Err((2, DeckError::NoPrompt)));
        assert_eq!(parse_deck(" \n"), Err((0, DeckError::Empty)));
        let long = format!("{}｜x", "長".repeat(TITLE_MAX + 1));
        assert_eq!(parse_deck(&long), Err((1, DeckError::TooLong)));
        assert!(
            DEFAULT_DECK
                .iter()
                .all(|(t, p)| t.chars().count() <= TITLE_MAX && p.chars().count() <= PROMPT_MAX)
        );
    }

    #[test]
    fn everything_comes_round_before_anything_comes_twice() {
        let mut dealt = vec![0; 4];
        let mut order = Vec::new();
        for roll in [7, 3, 9, 1, 5, 2, 8, 6] {
            let i = next_to_deal(&dealt, roll).unwrap();
            dealt[i] += 1;
            order.push(i);
        }
        let mut first: Vec<usize> = order[..4].to_vec();
        first.sort();
        assert_eq!(first, vec![0, 1, 2, 3]);
        assert_eq!(dealt, vec![2, 2, 2, 2]);
        assert_eq!(next_to_deal(&[], 1), None);
        assert_eq!(Gap::parse("visibility"), Some(Gap::Visibility));
    }
}
