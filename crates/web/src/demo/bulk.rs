//! The portal's benchmark set (`erabareru demo --bulk-employers N
//! --bulk-postings M`): fictional member organizations of the demo region with
//! approved public profiles across the local industries, and open (and some
//! closed or expired) postings across them with the titles people search for —
//! 介護, 事務, 看護, 溶接, ﾊﾟｰﾄ written half-width, ＣＡＤ full-width. Written in
//! batches inside transactions ([`store::portal`]), so 2,000 employers and
//! 10,000 postings load in seconds on either database.

use domain::job::{EmploymentType, PayUnit, Suit};
use domain::workplace::Measure;
use store::Store;
use store::orgs::OrganizationInput;
use store::portal::{BulkEmployer, BulkPosting};
use store::postings::{PostingFields, PostingStatus};
use store::workplaces::ProfileText;

use super::bad;

/// A line of work: its industry (日本標準産業分類), what employers are called,
/// the titles its postings carry and what the job is.
struct Trade {
    industry: &'static str,
    employer: &'static str,
    titles: &'static [&'static str],
    description: &'static str,
    hours: &'static str,
    monthly_pay: (i64, i64),
    hourly_pay: (i64, i64),
}

const TRADES: &[Trade] = &[
    Trade {
        industry: "P",
        employer: "介護サービス",
        titles: &[
            "介護職員",
            "介護福祉士",
            "訪問介護員（ホームヘルパー）",
            "デイサービスの介護スタッフ",
        ],
        description: "利用者さまの食事、入浴、移動のお手伝いと、日々の記録をお願いします。資格がなくても、働きながら介護職員初任者研修を受けられます。",
        hours: "8:30〜17:30（休憩60分）、早番・遅番あり",
        monthly_pay: (200_000, 260_000),
        hourly_pay: (1_000, 1_250),
    },
    Trade {
        industry: "P",
        employer: "クリニック",
        titles: &["看護師", "准看護師", "訪問看護師", "看護助手"],
        description: "外来の診療の補助、検査の準備、患者さまへの説明をお願いします。夜勤はありません。",
        hours: "8:30〜17:30（休憩60分）",
        monthly_pay: (240_000, 320_000),
        hourly_pay: (1_400, 1_800),
    },
    Trade {
        industry: "E",
        employer: "工業",
        titles: &[
            "溶接工",
            "溶接スタッフ（未経験から）",
            "ＣＡＤオペレーター",
            "CADオペレーター（機械設計）",
            "製造スタッフ",
        ],
        description: "金属部品の溶接と組み立て、図面の作成をお願いします。資格の取得は会社が費用を出します。",
        hours: "8:00〜17:00（休憩60分）",
        monthly_pay: (210_000, 290_000),
        hourly_pay: (1_050, 1_300),
    },
    Trade {
        industry: "E",
        employer: "水産",
        titles: &["水産加工スタッフ", "水産加工（ﾊﾟｰﾄ）", "鮮魚の加工・包装"],
        description: "松川浦で水揚げされた魚の加工、包装、出荷の準備をお願いします。",
        hours: "6:00〜15:00のうち4時間から",
        monthly_pay: (190_000, 230_000),
        hourly_pay: (980, 1_100),
    },
    Trade {
        industry: "I",
        employer: "商店",
        titles: &[
            "販売スタッフ（パート）",
            "販売ｽﾀｯﾌ（ﾊﾟｰﾄ）",
            "レジ・品出し",
            "販売のパート（短時間）",
        ],
        description: "店頭での接客、レジ、品出しをお願いします。学校行事や家族の予定に合わせてシフトを組めます。",
        hours: "9:00〜19:00のうち1日4時間から",
        monthly_pay: (185_000, 220_000),
        hourly_pay: (975, 1_100),
    },
    Trade {
        industry: "K",
        employer: "不動産",
        titles: &["一般事務", "経理事務", "営業事務（時短勤務）", "医療事務"],
        description: "書類の作成、電話の対応、データの入力をお願いします。パソコンの基本操作ができれば大丈夫です。",
        hours: "9:00〜17:00（休憩60分）",
        monthly_pay: (180_000, 230_000),
        hourly_pay: (1_000, 1_150),
    },
    Trade {
        industry: "M",
        employer: "旅館",
        titles: &["調理補助", "接客スタッフ", "客室清掃（ﾊﾟｰﾄ）"],
        description: "お客さまのお迎え、配膳、客室の準備をお願いします。",
        hours: "7:00〜10:00、15:00〜21:00のうち選べます",
        monthly_pay: (190_000, 240_000),
        hourly_pay: (1_000, 1_200),
    },
    Trade {
        industry: "H",
        employer: "運輸",
        titles: &["配送ドライバー", "フォークリフト作業", "倉庫内作業"],
        description: "相馬市と近隣の市町への配送、倉庫での仕分けをお願いします。",
        hours: "8:00〜17:00（休憩60分）",
        monthly_pay: (220_000, 300_000),
        hourly_pay: (1_050, 1_250),
    },
    Trade {
        industry: "D",
        employer: "建設",
        titles: &["施工管理", "土木作業員", "建設事務"],
        description: "公共工事と住宅の現場で、工程と安全の管理をお願いします。",
        hours: "8:00〜17:00（休憩90分）",
        monthly_pay: (230_000, 330_000),
        hourly_pay: (1_100, 1_400),
    },
];

/// 相馬市's districts, for names and addresses.
const AREAS: &[&str] = &[
    "中村",
    "尾浜",
    "原釜",
    "磯部",
    "日立木",
    "山上",
    "玉野",
    "八幡",
    "大野",
    "飯豊",
];

const BANDS: &[&str] = &["1-9", "10-100", "101-300", "301-1000"];

/// A small deterministic mix (no state: the set is the same on every load).
fn mix(i: usize, salt: u64) -> u64 {
    let mut x = (i as u64 ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_add(0x2545_F491);
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

fn pick<T: Copy>(list: &[T], i: usize, salt: u64) -> T {
    list[(mix(i, salt) % list.len() as u64) as usize]
}

/// The measures an employer (or posting) offers: a varied handful.
fn measures(i: usize, salt: u64) -> Vec<Measure> {
    let mut out: Vec<Measure> = Measure::ALL
        .iter()
        .enumerate()
        .filter(|(k, _)| mix(i, salt + *k as u64).is_multiple_of(3))
        .map(|(_, m)| *m)
        .collect();
    out.sort();
    out
}

/// Add `employers` organizations with approved profiles and `postings` postings
/// across them to a database holding the demo set.
pub async fn add(store: &Store, employers: usize, postings: usize) -> anyhow::Result<()> {
    let regions = store.list_regions().await?;
    let region = regions
        .iter()
        .find(|r| r.code.starts_with("07209"))
        .or(regions.first())
        .ok_or_else(|| bad("load the demo set first"))?;
    if employers == 0 && postings > 0 {
        anyhow::bail!("--bulk-postings needs --bulk-employers");
    }
    let mut list = Vec::with_capacity(employers);
    for i in 0..employers {
        let trade = &TRADES[i % TRADES.len()];
        let area = pick(AREAS, i, 1);
        let name = format!("{area}{}{i:04}株式会社", trade.employer);
        list.push(BulkEmployer {
            org: OrganizationInput {
                kana: format!("べんちまーく{i:04}"),
                org_type: "company".into(),
                region_id: Some(region.id),
                prefecture: region.prefecture.clone(),
                corporate_number: None,
                industry: Some(trade.industry.into()),
                employee_band: Some(pick(BANDS, i, 2).into()),
                address: format!("福島県相馬市{area}字本町{}番地", 1 + mix(i, 3) % 300),
                website: String::new(),
                name,
            },
            profile: ProfileText {
                description: format!(
                    "{area}で{}の仕事をしている会社です。\n\n{}",
                    trade.titles[0], trade.description
                ),
                measures: measures(i, 10),
                annual_holidays: Some(100 + (mix(i, 4) % 26) as u16),
                photos: Vec::new(),
                certifications: Vec::new(),
            },
        });
    }
    let ids = store.insert_bulk_employers(&list).await?;
    let orgs: Vec<(i64, String)> = ids
        .iter()
        .zip(&list)
        .map(|(id, e)| (*id, e.org.name.clone()))
        .collect();
    let today = crate::today_jst();
    let day = |offset: i64| -> anyhow::Result<String> {
        Ok(today
            .checked_add(jiff::Span::new().days(offset))?
            .strftime("%Y-%m-%d")
            .to_string())
    };
    let mut rows = Vec::with_capacity(postings);
    for i in 0..postings {
        let employer = i % employers.max(1);
        let trade = &TRADES[employer % TRADES.len()];
        let title = pick(trade.titles, i, 20);
        let part_time =
            title.contains("パート") || title.contains("ﾊﾟｰﾄ") || mix(i, 21).is_multiple_of(4);
        let employment_type = if part_time {
            EmploymentType::PartTime
        } else {
            pick(
                &[
                    EmploymentType::Regular,
                    EmploymentType::Regular,
                    EmploymentType::Contract,
                ],
                i,
                22,
            )
        };
        let (pay_unit, (lo, hi)) = if part_time {
            (PayUnit::Hour, trade.hourly_pay)
        } else {
            (PayUnit::Month, trade.monthly_pay)
        };
        let posted_days_ago = (mix(i, 23) % 90) as i64;
        // One in twenty closed by its employer, one in twenty past its last day.
        let status = if mix(i, 24).is_multiple_of(20) {
            PostingStatus::Closed
        } else {
            PostingStatus::Open
        };
        let open_days = if mix(i, 25).is_multiple_of(20) {
            posted_days_ago - 1
        } else {
            posted_days_ago + 30 + (mix(i, 26) % 120) as i64
        };
        let mut suits: Vec<Suit> = Suit::ALL
            .iter()
            .enumerate()
            .filter(|(k, _)| mix(i, 30 + *k as u64).is_multiple_of(3))
            .map(|(_, s)| *s)
            .collect();
        suits.sort();
        rows.push(BulkPosting {
            employer,
            fields: PostingFields {
                title: title.to_string(),
                employment_type,
                description: trade.description.to_string(),
                work_hours: trade.hours.to_string(),
                work_days: if part_time {
                    "週3日から、シフト制".into()
                } else {
                    "週休二日制（土日祝休み）".into()
                },
                monthly_overtime_tenths: Some((mix(i, 27) % 250) as i64),
                annual_holidays: list[employer].profile.annual_holidays.map(i64::from),
                pay_unit,
                pay_min: Some(lo),
                pay_max: Some(hi),
                location: list[employer].org.address.clone(),
                measures: measures(i, 40),
                suits,
                posted_on: day(-posted_days_ago)?,
                valid_through: day(open_days - posted_days_ago)?,
            },
            status,
        });
    }
    store.insert_bulk_postings(&orgs, &rows).await?;
    Ok(())
}
