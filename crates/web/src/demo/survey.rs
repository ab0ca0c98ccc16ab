//! The demo's residents' survey: a closed round of answers generated
//! deterministically (a plausible spread over age bands and situations, the
//! wishes following the situation), with a small group (70歳以上, 3 answers)
//! the dashboard visibly withholds; and an open round for the public form.

use store::Store;

use crate::survey::residents::{CODE, QUESTIONNAIRE};

/// How many answers the closed round holds.
#[cfg(test)]
const ANSWERS: usize = 168;

/// A small deterministic generator (the same demo on every load).
struct Dice(u64);

impl Dice {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }

    /// One of `items` by their weights.
    fn pick<'a>(&mut self, items: &[(&'a str, usize)]) -> &'a str {
        let total: usize = items.iter().map(|i| i.1).sum();
        let mut r = self.next(total);
        for (v, w) in items {
            if r < *w {
                return v;
            }
            r -= w;
        }
        items[0].0
    }

    /// Up to `n` different ones of `items`.
    fn some<'a>(&mut self, items: &[&'a str], n: usize) -> Vec<&'a str> {
        let mut v: Vec<&str> = Vec::new();
        for _ in 0..n * 2 {
            let x = items[self.next(items.len())];
            if !v.contains(&x) && v.len() < n {
                v.push(x);
            }
        }
        v
    }
}

fn answer(d: &mut Dice, age: &str) -> Vec<(String, String)> {
    let situation = match age {
        "10s" => d.pick(&[("young", 9), ("seeking", 1)]),
        "20s" => d.pick(&[
            ("young", 3),
            ("employed", 3),
            ("moving", 2),
            ("seeking", 1),
            ("parenting", 1),
        ]),
        "30s" => d.pick(&[
            ("parenting", 10),
            ("employed", 4),
            ("returning", 3),
            ("moving", 2),
            ("seeking", 1),
        ]),
        "40s" => d.pick(&[
            ("parenting", 6),
            ("returning", 5),
            ("employed", 5),
            ("caregiving", 2),
            ("seeking", 2),
        ]),
        "50s" => d.pick(&[
            ("caregiving", 6),
            ("employed", 8),
            ("returning", 3),
            ("seeking", 3),
        ]),
        "60s" => d.pick(&[
            ("caregiving", 3),
            ("employed", 3),
            ("seeking", 2),
            ("other", 2),
        ]),
        _ => d.pick(&[("other", 1), ("employed", 1)]),
    };
    let (conditions, industries, part_time, obstacles): (&[&str], &[&str], usize, &[&str]) =
        match situation {
            "parenting" => (
                &[
                    "short_hours",
                    "childcare",
                    "family_support",
                    "flextime",
                    "hourly_leave",
                    "car_commute",
                ],
                &["P", "I", "E", "O"],
                6,
                &["childcare", "hours", "few_jobs"],
            ),
            "caregiving" => (
                &[
                    "family_support",
                    "short_hours",
                    "flextime",
                    "telework",
                    "hourly_leave",
                ],
                &["P", "I", "E"],
                6,
                &["caregiving", "hours"],
            ),
            "returning" => (
                &[
                    "career_break_welcome",
                    "short_hours",
                    "regular_conversion",
                    "hourly_leave",
                ],
                &["P", "I", "M", "E"],
                5,
                &["skills", "information", "hours"],
            ),
            "moving" => (
                &["uij_turn", "telework", "two_days_off", "no_relocation"],
                &["J", "E", "B", "A"],
                1,
                &["few_jobs", "information", "pay"],
            ),
            "young" => (
                &[
                    "two_days_off",
                    "regular_conversion",
                    "side_jobs",
                    "telework",
                    "rest_interval",
                ],
                &["J", "E", "M", "O"],
                2,
                &["few_jobs", "pay", "information"],
            ),
            "employed" => (
                &[
                    "two_days_off",
                    "telework",
                    "flextime",
                    "rest_interval",
                    "car_commute",
                ],
                &["E", "D", "H", "P"],
                2,
                &["pay", "none", "hours"],
            ),
            _ => (
                &["car_commute", "two_days_off", "short_hours", "rehiring"],
                &["E", "B", "P", "any"],
                5,
                &["commute", "few_jobs", "none"],
            ),
        };
    let part = d.next(10) < part_time;
    let mut v = vec![
        ("age", age.to_string()),
        ("situation", situation.to_string()),
    ];
    let n = 2 + d.next(3);
    for c in d.some(conditions, n) {
        v.push(("conditions", c.to_string()));
    }
    let n = 1 + d.next(2);
    for i in d.some(industries, n) {
        v.push(("industry", i.to_string()));
    }
    let n = 1 + d.next(2);
    for o in d.some(obstacles, n) {
        v.push(("obstacles", o.to_string()));
    }
    v.push((
        "employment",
        if part {
            "part_time"
        } else {
            d.pick(&[("regular", 8), ("contract", 1), ("any", 1)])
        }
        .to_string(),
    ));
    v.push((
        "hours",
        if part {
            d.pick(&[("6h", 3), ("4h", 2), ("flexible", 2)])
        } else {
            "full"
        }
        .to_string(),
    ));
    v.push((
        "days",
        if part {
            d.pick(&[("4", 2), ("3", 3), ("5", 1)])
        } else {
            "5"
        }
        .to_string(),
    ));
    v.push((
        "pay",
        if part {
            d.pick(&[("h_1000", 5), ("h_1200", 3), ("h_lt1000", 1), ("any", 1)])
        } else {
            d.pick(&[("m_200k", 5), ("m_250k", 3), ("m_150k", 3), ("any", 1)])
        }
        .to_string(),
    ));
    v.push((
        "local",
        d.pick(&[("yes", 9), ("conditions", 8), ("no", 3)])
            .to_string(),
    ));
    if d.next(6) == 0 {
        let comment = match situation {
            "parenting" => "子どもの送り迎えに合わせて働ける職場が増えてほしいです。",
            "caregiving" => "親の通院に付き添える日を作れる働き方があると助かります。",
            "moving" => "相馬に戻りたいが、仕事の情報が少なくて踏み切れません。",
            "young" => "地元の会社の働き方がもっと分かるとうれしいです。",
            "returning" => "ブランクがあっても受け入れてくれる職場を知りたいです。",
            _ => "車がなくても通える職場があるとよいと思います。",
        };
        v.push(("comment", comment.to_string()));
    }
    v.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// The answers of the closed round, as stored.
pub fn answers() -> Vec<String> {
    let mut d = Dice(2026);
    let ages = [
        ("10s", 8usize),
        ("20s", 26),
        ("30s", 40),
        ("40s", 36),
        ("50s", 30),
        ("60s", 25),
    ];
    let mut out = Vec::new();
    for (age, n) in ages {
        for _ in 0..n {
            let pairs = answer(&mut d, age);
            let r = QUESTIONNAIRE
                .validate(&pairs)
                .expect("the demo's answers fit the questionnaire");
            out.push(r.to_json());
        }
    }
    // The small group: three people aged 70 or older.
    for _ in 0..3 {
        let pairs = answer(&mut d, "70s");
        out.push(QUESTIONNAIRE.validate(&pairs).expect("fits").to_json());
    }
    out
}

/// A closed round (three months to one month ago) with 168 answers,
/// and an open round since.
pub async fn load(
    store: &Store,
    region_id: i64,
    today: jiff::civil::Date,
    actor: &store::audit::Actor,
) -> anyhow::Result<()> {
    let day = |months: i64| {
        today
            .checked_sub(jiff::Span::new().months(months))
            .unwrap_or(today)
            .to_string()
    };
    let first = store
        .open_survey_round(
            CODE,
            region_id,
            "住民の働き方アンケート（第1回）",
            5,
            &day(3),
            actor,
        )
        .await?;
    store.submit_survey_answers(first, &answers()).await?;
    store.close_survey_round(first, &day(1), actor).await?;
    store
        .open_survey_round(
            CODE,
            region_id,
            "住民の働き方アンケート（第2回）",
            5,
            &day(0),
            actor,
        )
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_round_is_large_with_a_small_group() {
        let a = answers();
        assert_eq!(a.len(), ANSWERS);
        let seventies = a.iter().filter(|s| s.contains(r#""age":["70s"]"#)).count();
        assert_eq!(seventies, 3);
    }
}
