//! The demo's 組織診断 at はまなすケミカル: a closed round before its
//! engagement (26 answers over its three departments, generated
//! deterministically: hours and workload score low, communication high), so
//! the results page, the department table (the small 総務課 withheld) and the
//! exports have something to show.

use store::Store;
use survey::diagnosis::{self, Dimension, Setup};

/// (department code, age band, how many).
const GROUPS: [(&str, &str, usize); 6] = [
    ("d1", "30s", 6),
    ("d1", "40s", 5),
    ("d1", "50p", 3),
    ("d2", "40s", 4),
    ("d3", "u30", 4),
    ("d3", "30s", 4),
];

fn points(dimension: Dimension, n: usize) -> u8 {
    let base: u8 = match dimension {
        Dimension::WorkLife => 2,
        Dimension::Workload => 2,
        Dimension::Leave => 3,
        Dimension::Communication => 4,
        Dimension::Growth => 3,
        Dimension::Retention => 3,
    };
    (base + (n % 3) as u8).clamp(1, 5)
}

pub async fn load(store: &Store, org_id: i64, actor: &store::audit::Actor) -> anyhow::Result<()> {
    let setup = Setup {
        departments: vec!["製造課".into(), "総務課".into(), "品質管理課".into()],
        ask_age: false,
        ask_gender: false,
        own: vec!["5S活動が職場に定着している".into()],
    };
    let q = diagnosis::questionnaire(&setup);
    let round = store
        .open_org_survey_round(
            diagnosis::CODE,
            org_id,
            "2026年度 伴走支援の前",
            &setup.to_json(),
            &store::random_token(),
            "2026-06-01",
            actor,
        )
        .await?;
    let mut answers = Vec::new();
    let mut n = 0usize;
    for (department, age, count) in GROUPS {
        for _ in 0..count {
            n += 1;
            // The age band is not asked in the demo round; it only spreads the points.
            let _ = age;
            let mut pairs: Vec<(String, String)> = vec![("department".into(), department.into())];
            for it in &diagnosis::ITEMS {
                pairs.push((
                    it.key.into(),
                    points(it.dimension, n + it.key.len()).to_string(),
                ));
            }
            pairs.push(("own1".into(), (2 + n % 3).to_string()));
            if n.is_multiple_of(4) {
                pairs.push(("good".into(), "困ったときに周りがすぐ助けてくれる。".into()));
            }
            if n.is_multiple_of(5) {
                pairs.push((
                    "change".into(),
                    "月末に残業が集中するので、段取りを見直したい。".into(),
                ));
            }
            let r = q
                .validate(&pairs)
                .map_err(|e| anyhow::anyhow!("demo survey answer: {e:?}"))?;
            answers.push(r.to_json());
        }
    }
    store.submit_survey_answers(round, &answers).await?;
    store.close_survey_round(round, "2026-06-15", actor).await?;
    Ok(())
}
