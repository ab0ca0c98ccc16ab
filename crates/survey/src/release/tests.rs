use std::collections::BTreeSet;

use super::*;
use crate::{Choice, Label, Question, Value};

fn questionnaire() -> Questionnaire {
    Questionnaire {
        code: "t".into(),
        questions: vec![
            Question::single(
                "age",
                Label::new("年代", "Age"),
                ["20s", "30s", "40s", "60s"]
                    .iter()
                    .map(|c| Choice::new(c, c, c))
                    .collect(),
            )
            .attribute(),
            Question::single(
                "situation",
                Label::new("状況", "Situation"),
                ["parenting", "caregiving", "employed"]
                    .iter()
                    .map(|c| Choice::new(c, c, c))
                    .collect(),
            )
            .attribute(),
            Question::multiple(
                "want",
                Label::new("希望", "Wishes"),
                ["telework", "short", "car"]
                    .iter()
                    .map(|c| Choice::new(c, c, c))
                    .collect(),
                3,
            ),
            Question::single(
                "local",
                Label::new("地元", "Local"),
                ["yes", "maybe", "no"]
                    .iter()
                    .map(|c| Choice::new(c, c, c))
                    .collect(),
            ),
            Question::scale5(
                "score",
                Label::new("点", "Score"),
                std::array::from_fn(|i| Label::new(&(i + 1).to_string(), &(i + 1).to_string())),
            ),
            Question::free_text("comment", Label::new("意見", "Comment"), 200),
        ],
    }
}

fn answer(age: &str, situation: &str, want: &[&str], local: &str, comment: &str) -> Response {
    let mut r = Response::default();
    if !age.is_empty() {
        r.answers
            .insert("age".into(), Value::Choices(vec![age.into()]));
    }
    if !situation.is_empty() {
        r.answers
            .insert("situation".into(), Value::Choices(vec![situation.into()]));
    }
    if !want.is_empty() {
        r.answers.insert(
            "want".into(),
            Value::Choices(want.iter().map(|s| s.to_string()).collect()),
        );
    }
    if !local.is_empty() {
        r.answers
            .insert("local".into(), Value::Choices(vec![local.into()]));
    }
    if !comment.is_empty() {
        r.answers
            .insert("comment".into(), Value::Text(comment.into()));
    }
    r
}

/// 40 answers: 30s parents 12, 30s employed 8, 20s employed 10, 40s
/// caregiving 7, and the small group: two 60s carers and one 60s employed.
fn forty() -> Vec<Response> {
    let mut v = Vec::new();
    for i in 0..12 {
        v.push(answer(
            "30s",
            "parenting",
            &["short"],
            if i < 9 { "yes" } else { "maybe" },
            "保育園の近くがいい",
        ));
    }
    for _ in 0..8 {
        v.push(answer("30s", "employed", &["telework"], "maybe", ""));
    }
    for i in 0..10 {
        v.push(answer(
            "20s",
            "employed",
            &["telework", "car"],
            if i < 3 { "no" } else { "yes" },
            "",
        ));
    }
    for _ in 0..7 {
        v.push(answer("40s", "caregiving", &["short", "car"], "yes", ""));
    }
    v.push(answer(
        "60s",
        "caregiving",
        &["car"],
        "no",
        "親の通院に付き添えない",
    ));
    v.push(answer("60s", "caregiving", &["car"], "no", ""));
    v.push(answer("60s", "employed", &[], "yes", ""));
    v
}

fn shown(t: &Tally, code: &str) -> Count {
    t.rows.iter().find(|(c, _)| c == code).unwrap().1
}

#[test]
fn a_whole_round_counts_per_choice_and_hides_small_cells() {
    let q = questionnaire();
    let answers = forty();
    let round = Round::new(&q, &answers, Threshold::DEFAULT, true);
    let all = round.group(&Filter::none()).unwrap();
    assert_eq!(all.n(), 40);
    let want = all.tally("want").unwrap();
    assert_eq!(shown(&want, "telework"), Count::Shown(18));
    assert_eq!(shown(&want, "short"), Count::Shown(19));
    assert_eq!(shown(&want, "car"), Count::Shown(19));
    // 39 answered, 1 did not: "answered" would give the one away.
    assert_eq!(want.answered, Count::FewerThan(5));
    let local = all.tally("local").unwrap();
    // yes 9+5... : 9 + 7 + 7 + 1 = 24, maybe 3 + 8 = 11, no 3 + 2 = 5.
    assert_eq!(shown(&local, "yes"), Count::Shown(24));
    assert_eq!(shown(&local, "maybe"), Count::Shown(11));
    assert_eq!(shown(&local, "no"), Count::Shown(5));
    assert_eq!(local.answered, Count::Shown(40));
}

#[test]
fn a_small_hidden_choice_takes_the_next_smallest_with_it() {
    let q = questionnaire();
    // local: yes 10, maybe 6, no 2 → "no" hidden alone would be 18 − 16;
    // "maybe" is hidden with it, so the two together are 8.
    let mut answers = Vec::new();
    for i in 0..18 {
        let local = match i {
            0..10 => "yes",
            10..16 => "maybe",
            _ => "no",
        };
        answers.push(answer("30s", "employed", &[], local, ""));
    }
    let round = Round::new(&q, &answers, Threshold::DEFAULT, true);
    let t = round
        .group(&Filter::none())
        .unwrap()
        .tally("local")
        .unwrap();
    assert_eq!(shown(&t, "yes"), Count::Shown(10));
    assert_eq!(shown(&t, "maybe"), Count::FewerThan(5));
    assert_eq!(shown(&t, "no"), Count::FewerThan(5));
}

#[test]
fn filters_show_large_groups_and_withhold_small_ones() {
    let q = questionnaire();
    let answers = forty();
    let round = Round::new(&q, &answers, Threshold::DEFAULT, true);
    let parents = round
        .group(&Filter::none().with("situation", "parenting"))
        .unwrap();
    assert_eq!(parents.n(), 12);
    assert_eq!(
        parents.texts("comment"),
        vec!["保育園の近くがいい".to_string(); 12]
    );
    let thirties_parents = round
        .group(
            &Filter::none()
                .with("age", "30s")
                .with("situation", "parenting"),
        )
        .unwrap();
    assert_eq!(thirties_parents.n(), 12);
    // The three in their 60s, and the two carers among them.
    assert_eq!(
        round.group(&Filter::none().with("age", "60s")).unwrap_err(),
        Withheld::TooFew
    );
    assert_eq!(
        round
            .group(
                &Filter::none()
                    .with("age", "60s")
                    .with("situation", "caregiving")
            )
            .unwrap_err(),
        Withheld::TooFew
    );
    // Carers are 9, but the 40s carers (7) are shown: 9 − 7 would be the
    // two in their 60s, so carers are withheld.
    assert_eq!(
        round
            .group(&Filter::none().with("situation", "caregiving"))
            .unwrap_err(),
        Withheld::TooFew
    );
    // 40s carers would leave nothing of the 40s and the carers in their 60s
    // (2) behind: withheld too.
    assert_eq!(
        round
            .group(
                &Filter::none()
                    .with("age", "40s")
                    .with("situation", "caregiving")
            )
            .unwrap_err(),
        Withheld::TooFew
    );
    assert_eq!(
        Filter::parse(&q, &[("want", "car")]).unwrap_err(),
        Withheld::BadFilter
    );
    assert_eq!(
        Filter::parse(&q, &[("age", "90s")]).unwrap_err(),
        Withheld::BadFilter
    );
}

#[test]
fn a_group_whose_complement_is_small_is_withheld() {
    let q = questionnaire();
    // 12 employed, 3 parents: "employed" would be everyone but the three.
    let mut answers: Vec<Response> = (0..12)
        .map(|_| answer("30s", "employed", &["car"], "yes", ""))
        .collect();
    answers.extend((0..3).map(|_| answer("30s", "parenting", &["short"], "no", "")));
    let round = Round::new(&q, &answers, Threshold::DEFAULT, true);
    assert!(round.group(&Filter::none()).is_ok());
    assert_eq!(
        round
            .group(&Filter::none().with("situation", "employed"))
            .unwrap_err(),
        Withheld::TooFew
    );
    // Everyone is in their 30s: "30s" is the whole round, complement 0.
    assert_eq!(
        round.group(&Filter::none().with("age", "30s")).unwrap_err(),
        Withheld::TooFew
    );
}

#[test]
fn an_open_round_shows_nothing() {
    let q = questionnaire();
    let answers = forty();
    let round = Round::new(&q, &answers, Threshold::DEFAULT, false);
    assert_eq!(
        round.group(&Filter::none()).unwrap_err(),
        Withheld::RoundOpen
    );
    assert_eq!(round.len(), 40);
}

#[test]
fn a_round_below_the_threshold_shows_nothing() {
    let q = questionnaire();
    let answers: Vec<Response> = forty().into_iter().take(4).collect();
    let round = Round::new(&q, &answers, Threshold::DEFAULT, true);
    assert_eq!(round.group(&Filter::none()).unwrap_err(), Withheld::TooFew);
}

#[test]
fn means_need_k_answers() {
    let q = questionnaire();
    let mut answers: Vec<Response> = (0..6)
        .map(|i| {
            let mut r = answer("30s", "employed", &[], "", "");
            r.answers.insert(
                "score".into(),
                Value::Choices(vec![if i < 4 { "4" } else { "3" }.into()]),
            );
            r
        })
        .collect();
    let round = Round::new(&q, &answers, Threshold::DEFAULT, true);
    // (4·4 + 3·2) / 6 = 3.666… → 3.7
    assert_eq!(
        round.group(&Filter::none()).unwrap().mean_tenths("score"),
        Some(37)
    );
    answers.truncate(5);
    for r in &mut answers[..2] {
        r.answers.remove("score");
    }
    let round = Round::new(&q, &answers, Threshold::DEFAULT, true);
    assert_eq!(
        round.group(&Filter::none()).unwrap().mean_tenths("score"),
        None
    );
}

/// Every filter a user can send: each attribute absent or one of its choices.
fn every_filter(q: &Questionnaire) -> Vec<Filter> {
    let mut filters = vec![Filter::none()];
    for a in q.attributes() {
        let mut next = Vec::new();
        for f in &filters {
            next.push(f.clone());
            for c in &a.choices {
                next.push(f.clone().with(&a.key, &c.code));
            }
        }
        filters = next;
    }
    filters
}

/// The answers (by index) of every group a round shows, whatever the filter.
fn shown_sets(round: &Round, answers: &[Response]) -> Vec<BTreeSet<usize>> {
    let mut sets = Vec::new();
    for f in every_filter(round.questionnaire) {
        if let Ok(g) = round.group(&f) {
            let set: BTreeSet<usize> = answers
                .iter()
                .enumerate()
                .filter(|(_, r)| g.members.iter().any(|m| std::ptr::eq(*m, *r)))
                .map(|(i, _)| i)
                .collect();
            assert_eq!(set.len(), g.n());
            if !sets.contains(&set) {
                sets.push(set);
            }
        }
    }
    sets
}

/// What an attacker can compute from the shown groups' counts: differences of
/// nested groups, and groups taken out of the whole round, again and again.
fn derivable(sets: &[BTreeSet<usize>], rounds: usize) -> Vec<BTreeSet<usize>> {
    let mut all: Vec<BTreeSet<usize>> = sets.to_vec();
    for _ in 0..rounds {
        let mut new = Vec::new();
        for a in &all {
            for b in &all {
                if a != b && b.is_subset(a) {
                    let d: BTreeSet<usize> = a.difference(b).copied().collect();
                    if !all.contains(&d) && !new.contains(&d) {
                        new.push(d);
                    }
                }
                if a.is_disjoint(b) {
                    let u: BTreeSet<usize> = a.union(b).copied().collect();
                    if !all.contains(&u) && !new.contains(&u) {
                        new.push(u);
                    }
                }
            }
        }
        if new.is_empty() {
            break;
        }
        all.extend(new);
        assert!(all.len() < 20_000, "the search grew too large");
    }
    all
}

#[test]
fn a_small_group_cannot_be_isolated_by_combining_filters() {
    let q = questionnaire();
    let answers = forty();
    let round = Round::new(&q, &answers, Threshold::DEFAULT, true);
    let sets = shown_sets(&round, &answers);
    assert!(sets.len() >= 4, "some groups are shown: {sets:?}");
    // The three in their 60s are indices 37, 38, 39; the carers 37 and 38.
    for d in derivable(&sets, 3) {
        assert!(
            d.is_empty() || d.len() >= 5,
            "a derivable group of {}: {d:?}",
            d.len()
        );
        let sixties: BTreeSet<usize> = [37, 38, 39].into();
        assert_ne!(d, sixties);
        assert_ne!(d, [37, 38].into());
    }
}

#[test]
fn the_same_attribute_in_several_filters_leaves_no_small_remainder() {
    let q = questionnaire();
    // 30s: parents 6, carers 6, employed 3. Showing 30s, 30s parents and
    // 30s carers would give the three employed away by subtraction.
    let mut answers = Vec::new();
    for _ in 0..6 {
        answers.push(answer("30s", "parenting", &["short"], "yes", ""));
        answers.push(answer("30s", "caregiving", &["short"], "maybe", ""));
    }
    for _ in 0..3 {
        answers.push(answer("30s", "employed", &["telework"], "no", ""));
    }
    for _ in 0..10 {
        answers.push(answer("20s", "parenting", &["car"], "yes", ""));
        answers.push(answer("20s", "caregiving", &["car"], "no", ""));
        answers.push(answer("20s", "employed", &["car"], "maybe", ""));
    }
    let round = Round::new(&q, &answers, Threshold::DEFAULT, true);
    let sets = shown_sets(&round, &answers);
    for d in derivable(&sets, 3) {
        assert!(
            d.is_empty() || d.len() >= 5,
            "derivable: {} answers",
            d.len()
        );
    }
    assert!(round.group(&Filter::none()).is_ok());
    assert!(round.group(&Filter::none().with("age", "20s")).is_ok());
    let in_30s = Filter::none().with("age", "30s");
    let all_three = round.group(&in_30s).is_ok()
        && round
            .group(&in_30s.clone().with("situation", "parenting"))
            .is_ok()
        && round
            .group(&in_30s.clone().with("situation", "caregiving"))
            .is_ok();
    assert!(!all_three, "not all three: 15 − 6 − 6 = 3");
    let employed = round
        .group(&Filter::none().with("situation", "employed"))
        .is_ok()
        && round
            .group(
                &Filter::none()
                    .with("age", "20s")
                    .with("situation", "employed"),
            )
            .is_ok();
    assert!(!employed, "not both: 13 − 10 = 3");
}

#[test]
fn rounds_are_compared_only_where_both_show_the_group() {
    let q = questionnaire();
    let before = forty();
    // The second round: the same people and one more 60s carer.
    let mut after = forty();
    after.push(answer("60s", "caregiving", &["car"], "no", ""));
    let a = Round::new(&q, &before, Threshold::DEFAULT, true);
    let b = Round::new(&q, &after, Threshold::DEFAULT, true);
    let all = compare(&a, &b, &Filter::none()).unwrap();
    assert_eq!((all.0.n(), all.1.n()), (40, 41));
    // 60s: 3 and 4, both below 5: nothing to compare.
    assert_eq!(
        compare(&a, &b, &Filter::none().with("age", "60s")).unwrap_err(),
        Withheld::TooFew
    );
    // A round still open shows nothing, so "what the new answers say" cannot
    // be read off two looks at it.
    let open = Round::new(&q, &after, Threshold::DEFAULT, false);
    assert_eq!(
        compare(&a, &open, &Filter::none()).unwrap_err(),
        Withheld::RoundOpen
    );
    // Cells per round are decided by that round alone: the whole of each is
    // shown, the differing 60s group in neither.
    for round in [&a, &b] {
        for f in every_filter(&q) {
            if let Ok(g) = round.group(&f) {
                assert!(g.n() >= 5);
            }
        }
    }
}

#[test]
fn a_cross_tab_withholds_its_small_rows() {
    let q = questionnaire();
    let answers = forty();
    let round = Round::new(&q, &answers, Threshold::DEFAULT, true);
    let rows = round.split(&Filter::none(), "age");
    let get = |code: &str| {
        rows.iter()
            .find(|(c, _)| c == code)
            .unwrap()
            .1
            .as_ref()
            .map(|g| g.n())
    };
    assert_eq!(get("30s"), Ok(20));
    assert_eq!(get("20s"), Ok(10));
    assert_eq!(get("60s"), Err(&Withheld::TooFew));
    // 40s (7) would leave the three in their 60s: the smallest shown one is
    // withheld with them.
    assert_eq!(get("40s"), Err(&Withheld::TooFew));
}

#[test]
fn no_small_group_is_derivable_in_many_random_rounds() {
    let q = questionnaire();
    let ages = ["20s", "30s", "40s", "60s", ""];
    let situations = ["parenting", "caregiving", "employed", ""];
    let mut seed: u64 = 0x5eed;
    let mut next = |m: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % m
    };
    for _ in 0..40 {
        let n = 20 + next(30);
        let answers: Vec<Response> = (0..n)
            .map(|_| {
                // Skewed, so that some cells are small and some large.
                let a = ages[(next(5) * next(5)) / 4];
                let s = situations[(next(4) * next(4)) / 3];
                answer(a, s, &["car"], "yes", "")
            })
            .collect();
        for k in [3, 5] {
            let round = Round::new(&q, &answers, Threshold::new(k), true);
            let sets = shown_sets(&round, &answers);
            for d in derivable(&sets, 2) {
                assert!(d.is_empty() || d.len() >= k, "k={k}: derivable {}", d.len());
            }
        }
    }
}
