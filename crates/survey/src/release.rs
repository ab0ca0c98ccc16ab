//! What may come out of a round: the one place every result passes through.
//!
//! The rules, with `k` the round's [`Threshold`] (default 5):
//!
//! 1. **Closed rounds only.** Nothing of a round is shown while it takes
//!    answers, and a closed round never takes another ([`Withheld::RoundOpen`]):
//!    two looks at a growing round would show what the answers added between
//!    them say. Rounds share no answer, so putting two side by side isolates
//!    nobody; [`compare`] shows a group in two rounds only when each round
//!    releases it.
//! 2. **Groups are cells of the attribute grid.** Results are filtered only by
//!    attribute questions (age band, situation, department…), one choice per
//!    attribute; the answers matching a filter are one cell of the grid over
//!    the filter's attributes. Which cells may be shown is decided once per
//!    round, for all cells together, never per request, so no order of
//!    requests changes it:
//!    - *primary*: a cell needs at least `k` answers and at least `k` outside
//!      it in the round; cells with an unanswered attribute are never shown;
//!    - *no derivable remainder*: answers that every shown group treats alike
//!      (inside the same shown groups, outside the others) form a class. Any
//!      sum or difference of shown groups' results — a group minus its shown
//!      parts, the round minus a group, a column minus a row's cell — is the
//!      result of a union of classes, so every class must hold none or at
//!      least `k` answers. While one holds fewer, the smallest shown group
//!      around it (or, if it is outside all of them, the smallest shown
//!      group) is withheld too.
//!
//!    So whatever filters are combined, added or subtracted, what can be
//!    computed is about none or at least `k` answers.
//! 3. **Within a shown group**, a count of a choice below `k` is shown as
//!    「5人未満」 ([`Count::FewerThan`]); for single choices and scales the
//!    hidden ones together (with the unanswered) are again none or at least
//!    `k`, so the total does not give them away. A mean needs `k` answers.
//!    Free text is shown only for a shown group, sorted, never in answer order.

use std::collections::{BTreeMap, HashMap};

use crate::{Kind, Questionnaire, Response};

/// The anonymity threshold `k`: the fewest answers a shown group may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Threshold(usize);

impl Threshold {
    pub const DEFAULT: Threshold = Threshold(5);

    /// At least 2 (a threshold of 1 protects nobody).
    pub fn new(k: usize) -> Threshold {
        Threshold(k.max(2))
    }

    pub fn k(self) -> usize {
        self.0
    }
}

impl Default for Threshold {
    fn default() -> Self {
        Threshold::DEFAULT
    }
}

/// Why a result is not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Withheld {
    /// The round still takes answers.
    RoundOpen,
    /// The group, its complement, or what subtracting it from another shown
    /// group leaves, holds fewer than `k` answers.
    TooFew,
    /// A filter on something that is not an attribute, or an unknown choice.
    BadFilter,
}

/// Conditions on attributes, all of which an answer must meet: attribute
/// question key → choice code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub conditions: BTreeMap<String, String>,
}

impl Filter {
    pub fn none() -> Filter {
        Filter::default()
    }

    pub fn with(mut self, attribute: &str, code: &str) -> Filter {
        self.conditions
            .insert(attribute.to_string(), code.to_string());
        self
    }

    /// The filter of `pairs` (attribute key, code); empty codes are no
    /// condition. Anything but an attribute and one of its choices is refused.
    pub fn parse(q: &Questionnaire, pairs: &[(&str, &str)]) -> Result<Filter, Withheld> {
        let mut f = Filter::none();
        for (key, code) in pairs {
            let code = code.trim();
            if code.is_empty() {
                continue;
            }
            let question = q.question(key).ok_or(Withheld::BadFilter)?;
            if !question.attribute || question.choice(code).is_none() {
                return Err(Withheld::BadFilter);
            }
            if f.conditions
                .insert(key.to_string(), code.to_string())
                .is_some()
            {
                return Err(Withheld::BadFilter);
            }
        }
        Ok(f)
    }

    pub fn is_empty(&self) -> bool {
        self.conditions.is_empty()
    }
}

/// A cell of the attribute grid: per attribute (in questionnaire order) the
/// code it is fixed to, or None. An unanswered attribute is the code "".
type Cell = Vec<Option<String>>;

/// A round's answers with the release decided for every cell.
#[derive(Debug)]
pub struct Round<'a> {
    pub questionnaire: &'a Questionnaire,
    responses: &'a [Response],
    k: usize,
    closed: bool,
    attributes: Vec<String>,
    counts: HashMap<Cell, usize>,
    released: HashMap<Cell, bool>,
}

impl<'a> Round<'a> {
    pub fn new(
        questionnaire: &'a Questionnaire,
        responses: &'a [Response],
        threshold: Threshold,
        closed: bool,
    ) -> Round<'a> {
        let attributes: Vec<String> = questionnaire.attributes().map(|q| q.key.clone()).collect();
        assert!(attributes.len() <= 6, "at most six attributes");
        let mut round = Round {
            questionnaire,
            responses,
            k: threshold.k(),
            closed,
            attributes,
            counts: HashMap::new(),
            released: HashMap::new(),
        };
        round.decide();
        round
    }

    pub fn threshold(&self) -> usize {
        self.k
    }

    pub fn is_closed(&self) -> bool {
        self.closed
    }

    /// How many answers the round holds (a count reveals no answer).
    pub fn len(&self) -> usize {
        self.responses.len()
    }

    pub fn is_empty(&self) -> bool {
        self.responses.is_empty()
    }

    fn full_cell(&self, r: &Response) -> Vec<String> {
        self.attributes
            .iter()
            .map(|a| r.chosen(a).first().cloned().unwrap_or_default())
            .collect()
    }

    fn project(full: &[String], mask: usize) -> Cell {
        full.iter()
            .enumerate()
            .map(|(i, v)| (mask & (1 << i) != 0).then(|| v.clone()))
            .collect()
    }

    fn matches(full: &[String], cell: &Cell) -> bool {
        cell.iter()
            .zip(full)
            .all(|(c, v)| c.as_ref().is_none_or(|c| c == v))
    }

    fn decide(&mut self) {
        let m = self.attributes.len();
        let fulls: Vec<Vec<String>> = self.responses.iter().map(|r| self.full_cell(r)).collect();
        for full in &fulls {
            for mask in 0..(1usize << m) {
                *self.counts.entry(Self::project(full, mask)).or_default() += 1;
            }
        }
        let total = self.responses.len();
        let k = self.k;
        self.counts.entry(vec![None; m]).or_insert(0);
        // Primary: k answers, k outside, every attribute answered.
        for (cell, &n) in &self.counts {
            let fixed = cell.iter().flatten().count();
            let ok = if fixed == 0 {
                n >= k
            } else {
                n >= k && total - n >= k && !cell.iter().flatten().any(String::is_empty)
            };
            self.released.insert(cell.clone(), ok);
        }
        // No derivable remainder: answers that every shown group treats alike
        // (in the same shown groups, out of the same others) form a class;
        // any sum or difference of shown groups is a union of classes, so
        // each class must hold none or at least k. A class below that loses
        // the smallest shown group around it (or, outside them all, the
        // smallest shown group), until none is left below.
        let mut finest: Vec<(Vec<String>, usize)> = Vec::new();
        for full in &fulls {
            match finest.iter_mut().find(|(f, _)| f == full) {
                Some((_, n)) => *n += 1,
                None => finest.push((full.clone(), 1)),
            }
        }
        let mut cells: Vec<Cell> = self.counts.keys().cloned().collect();
        cells.sort();
        loop {
            let shown: Vec<&Cell> = cells
                .iter()
                .filter(|c| self.released[*c] && c.iter().any(Option::is_some))
                .collect();
            let signature =
                |f: &[String]| -> Vec<bool> { shown.iter().map(|c| Self::matches(f, c)).collect() };
            let mut classes: Vec<(Vec<bool>, usize, Vec<String>)> = Vec::new();
            for (f, n) in &finest {
                let sig = signature(f);
                match classes.iter_mut().find(|(s, _, _)| *s == sig) {
                    Some((_, w, _)) => *w += n,
                    None => classes.push((sig, *n, f.clone())),
                }
            }
            let Some((sig, _, _)) = classes.iter().find(|(_, w, _)| *w > 0 && *w < k) else {
                break;
            };
            let around: Vec<&Cell> = shown
                .iter()
                .zip(sig)
                .filter(|(_, inside)| **inside)
                .map(|(c, _)| *c)
                .collect();
            let pool = if around.is_empty() {
                shown.clone()
            } else {
                around
            };
            let Some(smallest) = pool
                .into_iter()
                .min_by_key(|c| (self.counts[*c], (*c).clone()))
                .cloned()
            else {
                break;
            };
            self.released.insert(smallest, false);
        }
    }

    fn cell_of(&self, f: &Filter) -> Result<Cell, Withheld> {
        let mut cell = vec![None; self.attributes.len()];
        for (key, code) in &f.conditions {
            let i = self
                .attributes
                .iter()
                .position(|a| a == key)
                .ok_or(Withheld::BadFilter)?;
            let q = self
                .questionnaire
                .question(key)
                .ok_or(Withheld::BadFilter)?;
            if q.choice(code).is_none() {
                return Err(Withheld::BadFilter);
            }
            cell[i] = Some(code.clone());
        }
        Ok(cell)
    }

    /// The answers matching `f`, if they may be shown.
    pub fn group(&self, f: &Filter) -> Result<Group<'_>, Withheld> {
        let cell = self.cell_of(f)?;
        if !self.closed {
            return Err(Withheld::RoundOpen);
        }
        if !self.released.get(&cell).copied().unwrap_or(false) {
            return Err(Withheld::TooFew);
        }
        let members = self
            .responses
            .iter()
            .filter(|r| Self::matches(&self.full_cell(r), &cell))
            .collect();
        Ok(Group {
            questionnaire: self.questionnaire,
            members,
            k: self.k,
        })
    }

    /// `f` split by each choice of the attribute `by` (a cross-tab's rows).
    pub fn split(&self, f: &Filter, by: &str) -> Vec<(String, Result<Group<'_>, Withheld>)> {
        let Some(q) = self.questionnaire.question(by).filter(|q| q.attribute) else {
            return Vec::new();
        };
        q.choices
            .iter()
            .map(|c| {
                let g = if f.conditions.contains_key(by) {
                    Err(Withheld::BadFilter)
                } else {
                    self.group(&f.clone().with(by, &c.code))
                };
                (c.code.clone(), g)
            })
            .collect()
    }
}

/// The same group in two rounds (before and after), only when both show it.
pub fn compare<'a>(
    before: &'a Round<'a>,
    after: &'a Round<'a>,
    f: &Filter,
) -> Result<(Group<'a>, Group<'a>), Withheld> {
    Ok((before.group(f)?, after.group(f)?))
}

/// A count as it may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    Shown(usize),
    /// Fewer than `k` (the threshold it is below).
    FewerThan(usize),
}

impl Count {
    pub fn shown(self) -> Option<usize> {
        match self {
            Count::Shown(n) => Some(n),
            Count::FewerThan(_) => None,
        }
    }
}

/// A question's counts within a shown group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub question: String,
    /// Respondents in the group.
    pub n: usize,
    /// Those who answered the question.
    pub answered: Count,
    /// Per choice, in the questionnaire's order.
    pub rows: Vec<(String, Count)>,
}

/// A group of answers that may be shown (at least `k`).
#[derive(Debug)]
pub struct Group<'a> {
    questionnaire: &'a Questionnaire,
    members: Vec<&'a Response>,
    k: usize,
}

impl Group<'_> {
    pub fn n(&self) -> usize {
        self.members.len()
    }

    /// The counts of a choice question (None for free text or a stranger).
    pub fn tally(&self, question: &str) -> Option<Tally> {
        let q = self.questionnaire.question(question)?;
        if matches!(q.kind, Kind::FreeText { .. }) {
            return None;
        }
        let k = self.k;
        let n = self.n();
        let count = |code: &str| {
            self.members
                .iter()
                .filter(|r| r.chosen(question).iter().any(|c| c == code))
                .count()
        };
        let answered = self
            .members
            .iter()
            .filter(|r| !r.chosen(question).is_empty())
            .count();
        let mut raw: Vec<(String, usize)> = q
            .choices
            .iter()
            .map(|c| (c.code.clone(), count(&c.code)))
            .collect();
        let small = |x: usize| x > 0 && x < k;
        let (answered, rows) = match q.kind {
            Kind::Multiple { .. } => {
                // Each choice against those who did not choose it.
                let hide = |x: usize| small(x) || small(n - x);
                let answered = if hide(answered) {
                    Count::FewerThan(k)
                } else {
                    Count::Shown(answered)
                };
                let rows = raw
                    .drain(..)
                    .map(|(c, x)| {
                        (
                            c,
                            if hide(x) {
                                Count::FewerThan(k)
                            } else {
                                Count::Shown(x)
                            },
                        )
                    })
                    .collect();
                (answered, rows)
            }
            _ => {
                // One line: the choices and the unanswered add up to n.
                raw.push((String::new(), n - answered));
                let mut hidden: Vec<bool> = raw.iter().map(|(_, x)| small(*x)).collect();
                loop {
                    let sum: usize = raw
                        .iter()
                        .zip(&hidden)
                        .filter(|(_, h)| **h)
                        .map(|((_, x), _)| *x)
                        .sum();
                    if !small(sum) {
                        break;
                    }
                    let next = raw
                        .iter()
                        .enumerate()
                        .filter(|(i, (_, x))| !hidden[*i] && *x > 0)
                        .min_by_key(|(i, (_, x))| (*x, *i))
                        .map(|(i, _)| i);
                    match next {
                        Some(i) => hidden[i] = true,
                        None => break,
                    }
                }
                let unanswered_hidden = hidden[raw.len() - 1];
                let answered = if unanswered_hidden {
                    Count::FewerThan(k)
                } else {
                    Count::Shown(answered)
                };
                raw.pop();
                let rows = raw
                    .into_iter()
                    .zip(hidden)
                    .map(|((c, x), h)| {
                        (
                            c,
                            if h {
                                Count::FewerThan(k)
                            } else {
                                Count::Shown(x)
                            },
                        )
                    })
                    .collect();
                (answered, rows)
            }
        };
        Some(Tally {
            question: question.to_string(),
            n,
            answered,
            rows,
        })
    }

    /// The mean of a 5-point scale in tenths (e.g. 37 for 3.7), half up;
    /// None below `k` answers.
    pub fn mean_tenths(&self, question: &str) -> Option<u64> {
        let q = self.questionnaire.question(question)?;
        if q.kind != Kind::Scale5 {
            return None;
        }
        let points: Vec<u64> = self
            .members
            .iter()
            .filter_map(|r| r.chosen(question).first()?.parse().ok())
            .collect();
        if points.len() < self.k {
            return None;
        }
        let sum: u64 = points.iter().sum();
        let n = points.len() as u64;
        Some((sum * 20 + n) / (2 * n))
    }

    /// The free texts answered to `question`, sorted (never in answer order).
    pub fn texts(&self, question: &str) -> Vec<String> {
        let mut v: Vec<String> = self
            .members
            .iter()
            .filter_map(|r| r.text(question).map(str::to_string))
            .collect();
        v.sort();
        v
    }
}

#[cfg(test)]
mod tests;
