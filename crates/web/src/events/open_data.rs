//! `/events.csv`: the region's events as open data, in the columns and order of
//! the デジタル庁 推奨データセット 「イベント一覧」 (UTF-8 with BOM, dates
//! YYYY-MM-DD, times HH:MM), written through [`crate::csv_out::CsvOut`].

use std::collections::HashMap;

use store::events::Event;
use store::regions::Region;

/// The 推奨データセット 「イベント一覧」 columns, in order.
pub const HEADER: [&str; 32] = [
    "都道府県コード又は市区町村コード",
    "NO",
    "都道府県名",
    "市区町村名",
    "イベント名",
    "イベント名_カナ",
    "イベント名_英語",
    "開始日",
    "終了日",
    "開始時間",
    "終了時間",
    "開始日時特記事項",
    "説明",
    "料金(基本)",
    "料金(詳細)",
    "連絡先名称",
    "連絡先電話番号",
    "連絡先内線番号",
    "主催者",
    "場所名称",
    "住所",
    "方書",
    "緯度",
    "経度",
    "アクセス方法",
    "駐車場情報",
    "定員",
    "参加申込終了日",
    "参加申込終了時間",
    "参加申込方法",
    "URL",
    "備考",
];

/// One event as a row of [`HEADER`].
pub fn record(e: &Event, region: Option<&Region>, url: &str) -> [String; 32] {
    let f = &e.fields;
    let prefecture = region
        .and_then(|r| domain::Prefecture::parse(&r.prefecture).ok())
        .map(|p| p.name_ja().to_string())
        .unwrap_or_default();
    let mut special = Vec::new();
    if f.status == domain::event::EventStatus::Cancelled {
        special.push("中止".to_string());
    }
    if !f.online_url.is_empty() {
        special.push(format!("オンライン参加あり（{}）", f.online_url));
    }
    let mut notes = Vec::new();
    if !f.audience.is_empty() {
        notes.push(format!("対象：{}", f.audience));
    }
    if f.citizens_welcome {
        notes.push("市民の方も参加できます".to_string());
    }
    if !f.speakers.is_empty() {
        let names: Vec<String> = f
            .speakers
            .iter()
            .map(|s| {
                if s.title.is_empty() {
                    s.name.clone()
                } else {
                    format!("{}（{}）", s.name, s.title)
                }
            })
            .collect();
        notes.push(format!("登壇者：{}", names.join("、")));
    }
    let date = |d: jiff::civil::Date| d.strftime("%Y-%m-%d").to_string();
    [
        region.map(|r| r.code.clone()).unwrap_or_default(),
        e.id.to_string(),
        prefecture,
        region.map(|r| r.name_ja.clone()).unwrap_or_default(),
        f.title.clone(),
        f.title_kana.clone(),
        f.title_en.clone(),
        date(f.starts_at.date()),
        date(f.ends_at.date()),
        f.starts_at.hh_mm(),
        f.ends_at.hh_mm(),
        special.join("。"),
        f.description.clone(),
        f.fee.clone(),
        String::new(),
        f.contact_name.clone(),
        f.contact_phone.clone(),
        String::new(),
        f.organizer.clone(),
        f.venue_name.clone(),
        f.venue_address.clone(),
        String::new(),
        String::new(),
        String::new(),
        f.access.clone(),
        f.parking.clone(),
        f.capacity.map(|c| c.to_string()).unwrap_or_default(),
        f.registration_deadline
            .map(|d| date(d.date()))
            .unwrap_or_default(),
        f.registration_deadline
            .map(|d| d.hh_mm())
            .unwrap_or_default(),
        String::new(),
        url.to_string(),
        notes.join("。"),
    ]
}

/// The whole document.
pub fn document(
    events: &[Event],
    regions: &HashMap<i64, Region>,
    url_of: impl Fn(&Event) -> String,
) -> Result<Vec<u8>, csv::Error> {
    let mut out = crate::csv_out::CsvOut::new();
    out.record(HEADER)?;
    for e in events {
        out.record(record(e, regions.get(&e.region_id), &url_of(e)))?;
    }
    out.into_bytes()
}
