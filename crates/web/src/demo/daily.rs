//! The demo's 朝メール・夜メール at はまなすケミカル: a 製造課 of six (the HR
//! account leads it, the member account is in it, four teammates without a
//! login), a 総務課 of two and a 品質管理課 of three, with three weeks of weekday plans and reports
//! generated deterministically up to yesterday, and today's plans of some of
//! them, so the feed, the leader's view and the analytics (the two small
//! teams merged in the organization's view) have something to show.

use domain::daily::{Block, TimeOfDay};
use jiff::civil::Date;
use store::Store;
use store::daily::Tell;

/// The teammates without a login: (e-mail, name, team).
const PEOPLE: [(&str, &str, &str); 9] = [
    (
        "sato.demo@demo.example.jp",
        "佐藤 大輔（はまなすケミカル）",
        "製造課",
    ),
    (
        "suzuki.demo@demo.example.jp",
        "鈴木 美咲（はまなすケミカル）",
        "製造課",
    ),
    (
        "takahashi.demo@demo.example.jp",
        "高橋 翔（はまなすケミカル）",
        "製造課",
    ),
    (
        "watanabe.demo@demo.example.jp",
        "渡部 由紀（はまなすケミカル）",
        "製造課",
    ),
    (
        "ito.demo@demo.example.jp",
        "伊藤 真理（はまなすケミカル）",
        "総務課",
    ),
    (
        "kato.demo@demo.example.jp",
        "加藤 健（はまなすケミカル）",
        "総務課",
    ),
    (
        "yamamoto.demo@demo.example.jp",
        "山本 葵（はまなすケミカル）",
        "品質管理課",
    ),
    (
        "nakamura.demo@demo.example.jp",
        "中村 悠（はまなすケミカル）",
        "品質管理課",
    ),
    (
        "kobayashi.demo@demo.example.jp",
        "小林 玲奈（はまなすケミカル）",
        "品質管理課",
    ),
];

/// The days of the demo: the weekdays of the three weeks before `today`.
const WEEKS: i64 = 3;

fn t(h: u16, m: u16) -> TimeOfDay {
    TimeOfDay::from_minutes(h * 60 + m).unwrap_or(TimeOfDay::MIDNIGHT)
}

fn block(start: TimeOfDay, end: TimeOfDay, task: &str, category: &str, unplanned: bool) -> Block {
    Block {
        start,
        end,
        task: task.into(),
        category: category.into(),
        unplanned,
    }
}

/// A plan of a factory day; `n` varies it from person to person and day to day.
fn plan(n: u64) -> Vec<Block> {
    let late = n.is_multiple_of(5);
    let mut v = vec![
        block(t(8, 30), t(9, 0), "朝礼・段取り確認", "会議", false),
        block(
            t(9, 0),
            t(10, 30),
            "製造ラインの立ち上げと品質確認",
            "顧客対応",
            false,
        ),
        block(t(10, 30), t(12, 0), "作業手順書の見直し", "資料作成", false),
        block(t(13, 0), t(14, 0), "取引先との打合せ", "会議", false),
        block(t(14, 0), t(16, 30), "出荷前の検査と記録", "顧客対応", false),
        block(t(16, 30), t(17, 15), "日報・翌日の準備", "資料作成", false),
    ];
    if late {
        v.push(block(t(17, 15), t(18, 30), "月次の集計", "資料作成", false));
    }
    v
}

/// The actual of that plan: meetings run long, an unplanned call comes in.
fn actual(n: u64, planned: &[Block]) -> Vec<Block> {
    let mut v: Vec<Block> = planned.to_vec();
    let run_long = [0, 10, 15, 20][(n % 4) as usize];
    if let Some(b) = v.get_mut(3) {
        b.end = t(14, run_long);
    }
    if let Some(b) = v.get_mut(4) {
        b.start = t(14, run_long);
        b.end = t(16, 0);
    }
    if !n.is_multiple_of(3) {
        v.insert(
            5,
            block(
                t(16, 0),
                t(16, 30),
                "取引先からの急ぎの問い合わせ",
                "顧客対応",
                true,
            ),
        );
    } else if let Some(b) = v.get_mut(4) {
        b.end = t(16, 30);
    }
    if n % 4 == 1
        && let Some(last) = v.last_mut()
    {
        last.end = TimeOfDay::from_minutes(last.end.minutes() + 30).unwrap_or(last.end);
    }
    v
}

const REFLECTIONS: [&str; 4] = [
    "打合せが延びたので、議題を事前に共有しておく。",
    "問い合わせ対応で検査が押した。明日は午後に予備時間を入れる。",
    "予定どおり終われた。手順書の見直しが進んだ。",
    "集計に時間がかかった。テンプレートを作っておきたい。",
];

pub async fn load(store: &Store, org_id: i64, today: Date) -> anyhow::Result<()> {
    let mut team_ids = std::collections::HashMap::new();
    for name in ["製造課", "総務課", "品質管理課"] {
        team_ids.insert(name, store.create_asa_team(org_id, name).await?);
    }
    let mut people: Vec<(i64, &str)> = Vec::new();
    for (email, name, team) in PEOPLE {
        let id = store.create_user(email, name, None).await?;
        store
            .grant_role(id, "org_member", None, Some(org_id))
            .await?;
        people.push((id, team));
    }
    // The HR account leads 製造課; the member account is in it.
    for (email, leader) in [
        ("hr@demo.example.jp", true),
        ("member@demo.example.jp", false),
    ] {
        if let Some(u) = store.user_by_email(email).await? {
            store
                .set_asa_team(org_id, u.id, Some((team_ids["製造課"], leader)))
                .await?;
            people.push((u.id, "製造課"));
        }
    }
    for (id, team) in &people {
        if store.asa_team_of(org_id, *id).await?.is_none() {
            store
                .set_asa_team(org_id, *id, Some((team_ids[team], false)))
                .await?;
        }
    }
    let scheduled_end = t(17, 30);
    let start = today
        .checked_sub(jiff::Span::new().days(WEEKS * 7))
        .unwrap_or(today);
    let mut day = start;
    let mut n: u64 = 0;
    while day < today {
        if kpi::daily::is_weekday(day) && !domain::is_national_holiday(day) {
            let iso = day.strftime("%Y-%m-%d").to_string();
            for (person, (id, team)) in people.iter().enumerate() {
                n += 1;
                // One in nine days someone forgot the morning mail.
                if (n + person as u64) % 9 == 4 {
                    continue;
                }
                let p = plan(n);
                let team_id = Some(team_ids[team]);
                store
                    .save_asa_plan(
                        org_id,
                        *id,
                        &iso,
                        team_id,
                        "今日も安全第一で。",
                        &p,
                        scheduled_end,
                    )
                    .await?;
                let a = actual(n, &p);
                store
                    .save_asa_report(
                        org_id,
                        *id,
                        &iso,
                        team_id,
                        scheduled_end,
                        &a,
                        REFLECTIONS[(n % 4) as usize],
                        None,
                        Tell::default(),
                    )
                    .await?;
            }
        }
        day = day.tomorrow()?;
    }
    // Today: most of 製造課 has planned (one planned past 定時), two have not yet.
    let iso = today.strftime("%Y-%m-%d").to_string();
    for (i, (id, team)) in people.iter().enumerate() {
        if *team != "製造課" || i % 3 == 2 {
            continue;
        }
        let day_id = store
            .save_asa_plan(
                org_id,
                *id,
                &iso,
                Some(team_ids[team]),
                "午後の出荷に集中します。",
                &plan(if i == 0 { 5 } else { 1 }),
                scheduled_end,
            )
            .await?;
        if i == 0 {
            store
                .add_asa_comment(
                    &store::daily::NewComment {
                        day_id,
                        author_id: people[1].0,
                        kind: store::daily::CommentKind::Comment,
                        to_user_id: None,
                        body: "集計は明日の午前に回せそうなら手伝います。",
                    },
                    org_id,
                    Tell {
                        in_app: vec![*id],
                        mails: Vec::new(),
                    },
                )
                .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_days_are_valid_blocks() {
        let cats: Vec<String> = domain::daily::DEFAULT_CATEGORIES
            .iter()
            .map(|s| s.to_string())
            .collect();
        for n in 0..40 {
            for blocks in [plan(n), actual(n, &plan(n))] {
                let rows: Vec<_> = blocks.iter().map(domain::daily::BlockRow::of).collect();
                let parsed = domain::daily::parse_blocks(&rows, &cats, true, true)
                    .unwrap_or_else(|e| panic!("day {n}: {e:?} {blocks:?}"));
                assert_eq!(parsed, blocks);
            }
        }
    }
}
