//! The extras files (recruitment, wages, career, industry averages, facts):
//! encodings, Japanese headers, full-width digits, the era calendar, and
//! every validation error with its line.

use std::io::Cursor;
use std::path::PathBuf;

use ingest::extras::{parse_fiscal_year, parse_headcount, parse_percent_tenths, parse_yen};
use ingest::{ExtrasKind, IngestError};
use kpi::extras::{
    ByGender, CareerEvent, CareerRow, CategoryRecruitment, IndustryAverages, WageAggregate,
    WageGroup, YearExtras,
};

fn cp932(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!unmappable, "fixture not encodable in CP932");
    bytes.into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("ingest-extras-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn bg(women: u64, men: u64) -> ByGender {
    ByGender {
        women,
        men,
        other: 0,
    }
}

fn recruitment(text: &str) -> Result<Vec<YearExtras>, IngestError> {
    ingest::read_recruitment("recruitment.csv", Cursor::new(text.as_bytes().to_vec()))
}

fn wages(text: &str) -> Result<Vec<YearExtras>, IngestError> {
    ingest::read_wages("wages.csv", Cursor::new(text.as_bytes().to_vec()))
}

fn career(text: &str) -> Result<Vec<YearExtras>, IngestError> {
    ingest::read_career("career.csv", Cursor::new(text.as_bytes().to_vec()))
}

fn industry(text: &str) -> Result<Vec<IndustryAverages>, IngestError> {
    ingest::read_industry_averages(
        "industry_averages.csv",
        Cursor::new(text.as_bytes().to_vec()),
    )
}

fn facts(text: &str) -> Result<kpi::Facts, IngestError> {
    ingest::read_facts("facts.csv", Cursor::new(text.as_bytes().to_vec()))
}

#[test]
fn fiscal_years_in_every_accepted_form() {
    for s in [
        "2026",
        "2026年度",
        "FY2026",
        "令和8年度",
        "令和8年",
        "R8",
        "r8",
    ] {
        assert_eq!(parse_fiscal_year(s), Ok(2026), "{s}");
    }
    assert_eq!(parse_fiscal_year("令和元年度"), Ok(2019));
    assert_eq!(parse_fiscal_year("平成30年度"), Ok(2018));
    assert_eq!(parse_fiscal_year("H30"), Ok(2018));
    for s in ["20x6", "令和", "R0", "平成32年度", "令和100年度", "1800"] {
        assert!(parse_fiscal_year(s).is_err(), "{s}");
    }
    assert_eq!(parse_yen("12,345,678円"), Ok(12_345_678));
    assert_eq!(parse_yen("¥1,000"), Ok(1000));
    assert!(parse_yen("12,34").is_err());
    assert!(parse_yen("1.5").is_err());
    assert_eq!(parse_headcount("12.25"), Ok(1225));
    assert_eq!(parse_headcount("12.5"), Ok(1250));
    assert_eq!(parse_headcount("3"), Ok(300));
    assert!(parse_headcount("1.125").is_err());
    assert_eq!(parse_percent_tenths("23.4"), Ok(234));
    assert_eq!(parse_percent_tenths("100%"), Ok(1000));
    assert!(parse_percent_tenths("100.1").is_err());
    assert!(parse_percent_tenths("12.34").is_err());
}

#[test]
fn recruitment_utf8_canonical_per_category() {
    let got = recruitment(
        "fiscal_year,category,gender,applicants,hires,new_graduate_hires,new_graduate_leavers,mid_career_hires,rehires\n\
         2026,総合職,female,40,4,3,1,1,0\n\
         2026,総合職,male,60,5,4,0,1,\n\
         2026,一般職,female,30,3,,,,1\n\
         2025,総合職,female,35,2,2,1,,\n",
    )
    .unwrap();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].fiscal_year, 2025);
    assert_eq!(got[1].fiscal_year, 2026);
    assert_eq!(
        got[1].recruitment,
        vec![
            CategoryRecruitment {
                category: "総合職".into(),
                applicants: bg(40, 60),
                hires: bg(4, 5),
                new_graduate_hires: bg(3, 4),
                new_graduate_leavers: bg(1, 0),
                mid_career_hires: bg(1, 1),
                rehires: bg(0, 0),
                openings: None,
            },
            CategoryRecruitment {
                category: "一般職".into(),
                applicants: bg(30, 0),
                hires: bg(3, 0),
                rehires: bg(1, 0),
                ..CategoryRecruitment::default()
            },
        ]
    );
    assert!(got[1].wages.is_empty() && got[1].career.is_empty());
}

#[test]
fn recruitment_cp932_japanese_headers_full_width_and_wareki() {
    let text = "年度,性別,応募者数,採用者数,新卒採用者数,うち３年以内離職者数,中途採用者数,再雇用者数,備考\r\n\
                令和8年度,女性,１２,３,２,０,１,０,メモ①\r\n\
                ２０２６年度,男性,\"1,200\",１０,５,１,５,０,\r\n";
    let bytes = cp932(text);
    assert!(std::str::from_utf8(&bytes).is_err());
    let got = ingest::read_extras_file(ExtrasKind::Recruitment, "採用.csv", &bytes).unwrap();
    assert_eq!(got.len(), 1);
    let r = &got[0].recruitment[0];
    assert_eq!(r.category, "");
    assert_eq!(r.applicants, bg(12, 1200));
    assert_eq!(r.hires, bg(3, 10));
    assert_eq!(r.new_graduate_hires, bg(2, 5));
    assert_eq!(r.new_graduate_leavers, bg(0, 1));
    assert_eq!(r.mid_career_hires, bg(1, 5));
}

#[test]
fn recruitment_errors_name_their_line() {
    let head = "fiscal_year,category,gender,applicants,hires,new_graduate_hires,new_graduate_leavers,mid_career_hires,rehires\n";
    let e = recruitment(&format!(
        "{head}2026,,female,10,2,1,,1,\n2026,,male,10,2,2,,1,\n"
    ))
    .unwrap_err();
    assert_eq!(e.line, Some(3));
    assert_eq!(e.column.as_deref(), Some("hires"));
    assert_eq!(
        e.to_string(),
        "recruitment.csv 3行目 hires: 新卒採用者数 2 と中途採用者数 1 の合計が採用者数 2 を超えています（採用者数はすべての採用者の数です）"
    );
    let e = recruitment(&format!("{head}2026,,female,10,2,1,2,,\n")).unwrap_err();
    assert_eq!(
        (e.line, e.column.as_deref()),
        (Some(2), Some("new_graduate_leavers"))
    );
    let e = recruitment(&format!("{head}2026,,female,1,1,,,,\n2026,,女,2,2,,,,\n")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "recruitment.csv 3行目: 2026年度・（区分なし）・女性 の行が重複しています（2行目にもあります）"
    );
    let e = recruitment(&format!("{head}2026,,female,,,,,,\n")).unwrap_err();
    assert_eq!(e.line, Some(2));
    assert!(e.reason_ja.starts_with("数値が一つもありません"), "{e}");
    let e = recruitment(&format!("{head}2026,,female,-1,,,,,\n")).unwrap_err();
    assert_eq!((e.line, e.column.as_deref()), (Some(2), Some("applicants")));
    let e = recruitment(&format!(
        "{head}2026,総合職,female,1,1,,,,\n2026,,male,1,1,,,,\n"
    ))
    .unwrap_err();
    assert_eq!((e.line, e.column.as_deref()), (Some(3), Some("category")));
    let e = recruitment(&format!("{head}2026,,unknown,1,1,,,,\n")).unwrap_err();
    assert_eq!((e.line, e.column.as_deref()), (Some(2), Some("gender")));
    let e = recruitment(&format!("{head}令和X年度,,female,1,1,,,,\n")).unwrap_err();
    assert_eq!(
        e.message_en(),
        "recruitment.csv line 2, column fiscal_year: 令和X年度 is not a fiscal year (e.g. 2026, 2026年度, 令和8年度, R8)"
    );
}

#[test]
fn wages_with_separators_yen_and_hundredths() {
    let bom = "\u{feff}";
    let got = wages(&format!(
        "{bom}年度,労働者の区分,性別,賃金総額（円）,人員数（人）\n\
         2026,全労働者,女性,\"120,000,000円\",30.5\n\
         2026,全労働者,男性,\"300,000,000\",50\n\
         2026,正社員,女,90000000,20\n\
         2026,正規雇用労働者,男,280000000,45.25\n\
         2025,non_regular,female,１０００００００,１０\n\
         2025,パート・有期,male,5000000,4\n"
    ))
    .unwrap();
    assert_eq!(got.len(), 2);
    assert_eq!(
        got[0].wages,
        vec![WageAggregate {
            group: WageGroup::NonRegular,
            women_total_yen: 10_000_000,
            women_headcount_hundredths: 1000,
            men_total_yen: 5_000_000,
            men_headcount_hundredths: 400,
        }]
    );
    assert_eq!(
        got[1].wages,
        vec![
            WageAggregate {
                group: WageGroup::All,
                women_total_yen: 120_000_000,
                women_headcount_hundredths: 3050,
                men_total_yen: 300_000_000,
                men_headcount_hundredths: 5000,
            },
            WageAggregate {
                group: WageGroup::Regular,
                women_total_yen: 90_000_000,
                women_headcount_hundredths: 2000,
                men_total_yen: 280_000_000,
                men_headcount_hundredths: 4525,
            },
        ]
    );
}

#[test]
fn wage_errors_name_their_line() {
    let head = "fiscal_year,group,gender,total_wages,headcount\n";
    let e = wages(&format!(
        "{head}2026,all,female,100,1\n2026,all,male,100,1\n2026,regular,male,100,1\n"
    ))
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "wages.csv 4行目 group: 2026年度の regular（正規雇用労働者）に女性の行がありません。賃金の差異には女性と男性の両方の行が必要です"
    );
    let e = wages(&format!(
        "{head}2026,all,female,100,1\n2026,全労働者,女性,100,1\n"
    ))
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "wages.csv 3行目: 2026年度・全労働者・女性 の行が重複しています（2行目にもあります）"
    );
    let e = wages(&format!("{head}2026,all,female,100,1.234\n")).unwrap_err();
    assert_eq!((e.line, e.column.as_deref()), (Some(2), Some("headcount")));
    let e = wages(&format!("{head}2026,all,female,\"1,00\",1\n")).unwrap_err();
    assert_eq!(
        (e.line, e.column.as_deref()),
        (Some(2), Some("total_wages"))
    );
    let e = wages(&format!("{head}2026,all,other,100,1\n")).unwrap_err();
    assert_eq!((e.line, e.column.as_deref()), (Some(2), Some("gender")));
    let e = wages(&format!("{head}2026,正社員以外,female,100,1\n")).unwrap_err();
    assert_eq!((e.line, e.column.as_deref()), (Some(2), Some("group")));
    let e = wages(&format!("{head}2026,all,female,100,0\n")).unwrap_err();
    assert_eq!((e.line, e.column.as_deref()), (Some(2), Some("headcount")));
    let e = wages("fiscal_year,group,gender,headcount\n").unwrap_err();
    assert_eq!(e.line, Some(1));
    assert!(e.reason_ja.contains("total_wages"), "{e}");
}

#[test]
fn career_rows_and_candidates() {
    let got = career(
        "年度,実績,性別,人数,対象者数\n\
         2026,課長級昇進,女性,2,20\n\
         2026,promotion_manager,男性,6,30\n\
         2026,正社員転換,女性,3,\n\
         2026,30歳以上正社員採用,男性,1,\n\
         R7,区分間転換,女性,1,\n",
    )
    .unwrap();
    assert_eq!(got.len(), 2);
    assert_eq!(
        got[0].career,
        vec![CareerRow {
            event: CareerEvent::CategoryChange,
            count: bg(1, 0),
            candidates: None
        }]
    );
    assert_eq!(
        got[1].career,
        vec![
            CareerRow {
                event: CareerEvent::ToRegular,
                count: bg(3, 0),
                candidates: None
            },
            CareerRow {
                event: CareerEvent::PromotionManager,
                count: bg(2, 6),
                candidates: Some(bg(20, 30))
            },
            CareerRow {
                event: CareerEvent::Hire30PlusRegular,
                count: bg(0, 1),
                candidates: None
            },
        ]
    );
}

#[test]
fn career_errors_name_their_line() {
    let head = "fiscal_year,event,gender,count,candidates\n";
    let e = career(&format!("{head}2026,to_regular,female,1,5\n")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "career.csv 2行目 candidates: 対象者数は昇進（promotion_chief / promotion_manager）の行にだけ書けます（この行は to_regular）"
    );
    let e = career(&format!("{head}2026,promotion_chief,female,6,5\n")).unwrap_err();
    assert_eq!((e.line, e.column.as_deref()), (Some(2), Some("count")));
    let e = career(&format!(
        "{head}2026,promotion_chief,female,1,5\n2026,promotion_chief,male,1,\n"
    ))
    .unwrap_err();
    assert_eq!((e.line, e.column.as_deref()), (Some(3), Some("candidates")));
    let e = career(&format!(
        "{head}2026,to_regular,female,1,\n2026,正社員転換,女性,2,\n"
    ))
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "career.csv 3行目: 2026年度・to_regular・女性 の行が重複しています（2行目にもあります）"
    );
    let e = career(&format!("{head}2026,昇格,female,1,\n")).unwrap_err();
    assert_eq!((e.line, e.column.as_deref()), (Some(2), Some("event")));
    let e = career(&format!("{head}2026,to_regular,female,,\n")).unwrap_err();
    assert_eq!((e.line, e.column.as_deref()), (Some(2), Some("count")));
}

#[test]
fn industry_averages_and_picking_a_row() {
    let rows = industry(
        "年度,産業,正社員に占める女性割合,管理職に占める女性割合\n\
         2024,製造業,２２．１,８．０\n\
         2025,E,23.0,8.5%\n\
         2025,情報通信業,30.1,\n\
         2027,E,25.0,9.0\n",
    )
    .unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0].regular_women_tenths, Some(221));
    assert_eq!(rows[1].women_managers_tenths, Some(85));
    assert_eq!(rows[2].women_managers_tenths, None);
    // Several industries: the choice is needed.
    let e = ingest::pick_industry_averages("industry_averages.csv", &rows, 2026, None).unwrap_err();
    assert!(e.reason_ja.contains("--industry"), "{e}");
    // 製造業 and E are the same division; FY2026 has no row: the latest
    // earlier one (2025) is used, not 2027.
    for name in ["E", "製造業", "ｅ"] {
        let got = ingest::pick_industry_averages("i.csv", &rows, 2026, Some(name))
            .unwrap()
            .unwrap();
        assert_eq!(
            (got.fiscal_year, got.regular_women_tenths),
            (2025, Some(230))
        );
    }
    assert_eq!(
        ingest::pick_industry_averages("i.csv", &rows, 2023, Some("E")).unwrap(),
        None
    );
    let e = ingest::pick_industry_averages("i.csv", &rows, 2026, Some("建設業")).unwrap_err();
    assert!(e.reason_ja.contains("建設業"), "{e}");
    // One industry: no choice needed.
    let one = industry("fiscal_year,industry,regular_women_percent\n2026,E,20\n").unwrap();
    let got = ingest::pick_industry_averages("i.csv", &one, 2026, None)
        .unwrap()
        .unwrap();
    assert_eq!(got.regular_women_tenths, Some(200));

    let head = "fiscal_year,industry,regular_women_percent,women_managers_percent\n";
    let e = industry(&format!("{head}2026,E,100.5,\n")).unwrap_err();
    assert_eq!(
        (e.line, e.column.as_deref()),
        (Some(2), Some("regular_women_percent"))
    );
    let e = industry(&format!("{head}2026,E,1.25,\n")).unwrap_err();
    assert_eq!(e.line, Some(2));
    let e = industry(&format!("{head}2026,E,,\n")).unwrap_err();
    assert_eq!((e.line, e.column.as_deref()), (Some(2), None));
    let e = industry(&format!("{head}2026,E,1,\n2026,製造業,2,\n")).unwrap_err();
    assert_eq!(e.line, Some(3));
}

#[test]
fn facts_answers_and_errors() {
    let f = facts(
        "fact,answer,note\n\
         next_gen_plan_filed,yes,\n\
         next_gen_plan_published,はい,\n\
         holds_kurumin,○,2020年取得\n\
         men_rate_published,いいえ,\n\
         women_plan_filed,0,\n\
         no_serious_violations,,未確認\n",
    )
    .unwrap();
    assert_eq!(f.next_gen_plan_filed, Some(true));
    assert_eq!(f.next_gen_plan_published, Some(true));
    assert_eq!(f.holds_kurumin, Some(true));
    assert_eq!(f.men_rate_published, Some(false));
    assert_eq!(f.women_plan_filed, Some(false));
    assert_eq!(f.no_serious_violations, None);
    assert_eq!(f.next_gen_plan_targets_met, None);
    // Every id is settable.
    for id in ingest::extras::FACT_IDS {
        let f = facts(&format!("項目,回答\n{id},×\n")).unwrap();
        assert_ne!(f, kpi::Facts::default(), "{id}");
    }
    let e = facts("fact,answer\nholds_kurumin,yes\nholds_platinum,yes\n").unwrap_err();
    assert_eq!((e.line, e.column.as_deref()), (Some(3), Some("fact")));
    assert!(
        e.reason_ja
            .starts_with("holds_platinum という項目はありません")
    );
    let e = facts("fact,answer\nholds_kurumin,maybe\n").unwrap_err();
    assert_eq!((e.line, e.column.as_deref()), (Some(2), Some("answer")));
    let e = facts("fact,answer\nholds_kurumin,yes\nholds_kurumin,no\n").unwrap_err();
    assert_eq!(e.line, Some(3));
}

#[test]
fn load_extras_merges_the_files_of_a_folder() {
    let dir = temp_dir("load");
    assert_eq!(ingest::load_extras(&dir).unwrap(), vec![]);
    std::fs::write(
        dir.join("recruitment.csv"),
        cp932("年度,性別,応募者数,採用者数\r\n2026,女性,10,2\r\n2026,男性,20,4\r\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("career.csv"),
        "fiscal_year,event,gender,count\n2025,to_regular,female,1\n",
    )
    .unwrap();
    let got = ingest::load_extras(&dir).unwrap();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].fiscal_year, 2025);
    assert_eq!(got[0].career.len(), 1);
    assert_eq!(got[1].recruitment[0].hires, bg(2, 4));
    // A bad file stops the whole load, naming the file and line.
    std::fs::write(
        dir.join("wages.csv"),
        "fiscal_year,group,gender,total_wages,headcount\n2026,all,female,abc,1\n",
    )
    .unwrap();
    let e = ingest::load_extras(&dir).unwrap_err();
    assert_eq!((e.file.as_str(), e.line), ("wages.csv", Some(2)));
}

#[test]
fn merge_replaces_the_parts_an_update_gives() {
    let stored = vec![YearExtras {
        fiscal_year: 2026,
        recruitment: vec![CategoryRecruitment::default()],
        career: vec![CareerRow {
            event: CareerEvent::ToRegular,
            count: bg(1, 1),
            candidates: None,
        }],
        ..YearExtras::default()
    }];
    let upload = ingest::read_extras_file(
        ExtrasKind::Career,
        "career.csv",
        b"fiscal_year,event,gender,count\n2026,to_regular,female,5\n2027,to_regular,male,2\n",
    )
    .unwrap();
    let merged = ingest::merge_extras(stored.into_iter().chain(upload));
    assert_eq!(merged.len(), 2);
    assert_eq!(merged[0].recruitment.len(), 1);
    assert_eq!(merged[0].career[0].count, bg(5, 0));
    assert_eq!(merged[1].fiscal_year, 2027);
    assert_eq!(ExtrasKind::from_id("wages"), Some(ExtrasKind::Wages));
    assert_eq!(ExtrasKind::Career.file_name(), "career.csv");
}

#[test]
fn recruitment_openings_are_per_category_not_per_gender() {
    // 募集人数 on both gender rows with the same number, or on one row only.
    let got = recruitment(
        "年度,雇用管理区分,性別,応募者数,採用者数,募集人数\n\
         令和7年度,総合職,女性,12,2,５\n\
         令和7年度,総合職,男性,18,3,5\n\
         令和7年度,一般職,女性,6,1,\n\
         令和7年度,一般職,男性,2,1,2\n\
         令和7年度,技能職,男性,,,3\n",
    )
    .unwrap();
    let r = &got[0].recruitment;
    assert_eq!(
        r.iter()
            .map(|c| (c.category.as_str(), c.openings))
            .collect::<Vec<_>>(),
        [
            ("総合職", Some(5)),
            ("一般職", Some(2)),
            ("技能職", Some(3))
        ]
    );
    // Without the column: no openings.
    let got = recruitment("fiscal_year,gender,applicants,hires\n2025,female,3,1\n").unwrap();
    assert_eq!(got[0].recruitment[0].openings, None);
    // Two numbers for one category: an error naming the first line.
    let e = recruitment(
        "fiscal_year,category,gender,applicants,hires,openings\n\
         2025,総合職,female,12,2,5\n\
         2025,総合職,male,18,3,4\n",
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("3行目") && e.contains("2行目の 5"), "{e}");
    assert!(e.contains("openings"), "{e}");
}
