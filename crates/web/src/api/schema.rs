//! What the API answers, as types the OpenAPI document is generated from: each
//! field's doc comment is its description there. The closed vocabularies
//! (measures, employment types, figures…) are read from `domain` and `store`,
//! so the document's enums are the codes the server accepts and writes.

use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::schema::{ArrayBuilder, Object, ObjectBuilder, Type};

// ---------------------------------------------------------------- vocabularies

fn codes(description: &str, values: Vec<&'static str>) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(values))
        .description(Some(description))
        .build()
}

fn code_list(description: &str, values: Vec<&'static str>) -> utoipa::openapi::schema::Array {
    ArrayBuilder::new()
        .items(codes("", values))
        .description(Some(description))
        .build()
}

pub fn measure_codes() -> Vec<&'static str> {
    domain::workplace::Measure::ALL
        .iter()
        .map(|m| m.as_str())
        .collect()
}

pub fn certification_codes() -> Vec<&'static str> {
    domain::workplace::HeldCertification::ALL
        .iter()
        .map(|c| c.as_str())
        .collect()
}

pub fn suit_codes() -> Vec<&'static str> {
    domain::job::Suit::ALL.iter().map(|s| s.as_str()).collect()
}

pub fn situation_codes() -> Vec<&'static str> {
    domain::job::Situation::ALL
        .iter()
        .map(|s| s.as_str())
        .collect()
}

pub fn employment_type_codes() -> Vec<&'static str> {
    domain::job::EmploymentType::ALL
        .iter()
        .map(|t| t.as_str())
        .collect()
}

pub fn pay_unit_codes() -> Vec<&'static str> {
    domain::job::PayUnit::ALL
        .iter()
        .map(|t| t.as_str())
        .collect()
}

pub fn industry_codes() -> Vec<&'static str> {
    domain::Industry::ALL.iter().map(|i| i.as_str()).collect()
}

pub fn licence_codes() -> Vec<&'static str> {
    domain::licence::OpenDataLicence::ALL
        .iter()
        .map(|l| l.as_str())
        .collect()
}

pub fn event_kind_codes() -> Vec<&'static str> {
    domain::event::EventKind::ALL
        .iter()
        .map(|k| k.as_str())
        .collect()
}

/// The figures open data carries as single numbers (`publish::public_values`):
/// the statement and the headcount pair stay on the pages.
pub fn figure_codes() -> Vec<&'static str> {
    use store::publications::{FIGURES, figure};
    FIGURES
        .iter()
        .copied()
        .filter(|f| {
            *f != figure::EMPLOYEES_BY_GENDER && *f != figure::MALE_CHILDCARE_LEAVE_STATEMENT
        })
        .collect()
}

pub fn measure_schema() -> Object {
    codes(
        "働き方の取組（テレワーク・在宅勤務、フレックス…）の語彙のコード。",
        measure_codes(),
    )
}
pub fn measures_schema() -> utoipa::openapi::schema::Array {
    code_list(
        "働き方の取組（テレワーク・在宅勤務、フレックス、時短勤務…）のコード。語彙の順。",
        measure_codes(),
    )
}
pub fn certifications_schema() -> utoipa::openapi::schema::Array {
    code_list(
        "取得している認定（くるみん、えるぼし（1段階目）、ユースエール…）のコード。企業による申告。語彙の順。",
        certification_codes(),
    )
}
pub fn suit_schema() -> Object {
    codes(
        "こんな方に（未経験可、ブランク可…）の語彙のコード。",
        suit_codes(),
    )
}
pub fn suits_schema() -> utoipa::openapi::schema::Array {
    code_list(
        "こんな方に（未経験可、ブランク可、学生・新卒、シニア歓迎…）のコード。",
        suit_codes(),
    )
}
pub fn situation_schema() -> Object {
    codes(
        "ライフステージ（子育て中、介護中、ブランクあり・再就職、Uターン・移住、学生・若者）。その場面で大事な取組と「こんな方に」をすべて満たす求人だけ。",
        situation_codes(),
    )
}
pub fn employment_type_schema() -> Object {
    codes(
        "雇用形態（正社員、契約社員、パート・アルバイト、派遣社員、その他）。",
        employment_type_codes(),
    )
}
pub fn pay_unit_schema() -> Object {
    codes("給与の形態（時給、日給、月給、年俸）。", pay_unit_codes())
}
pub fn industry_schema() -> Object {
    codes("日本標準産業分類 大分類の記号（A〜T）。", industry_codes())
}
pub fn nullable_industry_schema() -> Object {
    let mut values: Vec<Option<&'static str>> = industry_codes().into_iter().map(Some).collect();
    values.push(None);
    ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::SchemaType::from_iter([
            Type::String,
            Type::Null,
        ]))
        .enum_values(Some(values))
        .description(Some(
            "日本標準産業分類 大分類の記号（A〜T）。登録がなければ null。",
        ))
        .build()
}
pub fn licence_code_schema() -> Object {
    codes(
        "利用条件のコード（cc-by-4.0、pdl-1.0、cc0-1.0）。どれも CC BY 4.0 と互換。",
        licence_codes(),
    )
}
pub fn event_kind_schema() -> Object {
    codes(
        "催しの種類（講演会、パネルディスカッション…）。",
        event_kind_codes(),
    )
}
pub fn figure_schema() -> Object {
    codes(
        "実績の項目（定義は /definitions の同じ名前のアンカー）。",
        figure_codes(),
    )
}
pub fn origin_schema() -> Object {
    codes(
        "出どころ：computed は「実績データから算出」、typed は「企業による申告」。",
        vec!["computed", "typed"],
    )
}
pub fn event_status_schema() -> Object {
    codes(
        "公開状態：published は公開中、cancelled は中止（中止した催しも載せます）。",
        vec!["published", "cancelled"],
    )
}
pub fn period_schema() -> Object {
    codes(
        "upcoming（既定）：今日以降に終わる催し。past：終わった催し。all：すべて。",
        vec!["upcoming", "past", "all"],
    )
}

// ---------------------------------------------------------------- shared parts

/// オープンデータの利用条件：地域の職員が選びます。
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Licence {
    #[schema(schema_with = licence_code_schema)]
    pub code: &'static str,
    /// 利用条件の名前（日本語）。
    pub name: &'static str,
    /// 利用条件の名前（英語）。
    pub name_en: &'static str,
    /// 利用条件の本文の URL。
    pub url: &'static str,
    /// 出典の記載が必要か（CC0 のときだけ false）。
    pub attribution_required: bool,
    /// 記載する出典（「出典：相馬市「erabareru」オープンデータ」、/open-data と同じ）。不要なら null。
    pub attribution: Option<String>,
}

/// 地域（データの公開者）。
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegionRef {
    /// 全国地方公共団体コード（6桁、検査数字つき）。
    #[schema(pattern = "^[0-9]{6}$", example = "072095")]
    pub code: String,
    /// 名前（日本語）。
    pub name: String,
    /// 名前（英語）。
    pub name_en: String,
    /// 都道府県コード（JIS X 0401、2桁）。
    #[schema(pattern = "^[0-9]{2}$", example = "07")]
    pub prefecture_code: String,
}

/// 地域と、そのオープンデータの利用条件。
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Region {
    #[serde(flatten)]
    pub region: RegionRef,
    pub licence: Licence,
}

/// 地域の一覧。
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegionList {
    pub items: Vec<Region>,
}

/// One list answer's envelope: the licence and region of the data, the
/// pagination, and the items of the page.
macro_rules! list {
    ($(#[$m:meta])* $name:ident, $item:ty) => {
        $(#[$m])*
        #[derive(Debug, Clone, Serialize, ToSchema)]
        pub struct $name {
            /// このデータの利用条件。
            pub licence: Licence,
            /// データの地域。地域を問わない一覧（宣言の一覧で region を付けないとき）は null。
            pub region: Option<RegionRef>,
            /// 条件に合う件数（全ページ）。
            #[schema(minimum = 0)]
            pub total: u64,
            /// このページの番号（1から）。
            #[schema(minimum = 1)]
            pub page: u32,
            /// 1ページの件数。
            #[schema(minimum = 1, maximum = 100)]
            pub per_page: u32,
            /// ページ数（0件のときは0）。
            #[schema(minimum = 0)]
            pub pages: u32,
            /// このページの項目。
            pub items: Vec<$item>,
        }
    };
}

list!(
    /// 選ばれる職場（承認された職場紹介）の一覧。
    WorkplaceList,
    Workplace
);
list!(
    /// 公開中の求人の一覧（締め切った求人、掲載期間外の求人は含みません）。
    JobList,
    Job
);
list!(
    /// 公開している実績の一覧：企業が公開を選んだ、終わった年度の数値だけ。
    FigureList,
    Figure
);
list!(
    /// 宣言の登録簿（承認された宣言だけ）。
    DeclarationList,
    Declaration
);
list!(
    /// 催し（講演会・パネルディスカッション…）の一覧。下書きは含みません。
    EventList,
    Event
);

// ---------------------------------------------------------------- items

/// 選ばれる職場：地域の職員が承認した職場紹介。
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Workplace {
    /// 組織の番号（/workplaces/{id} の id）。
    #[schema(minimum = 1)]
    pub id: i64,
    /// 組織名。
    pub name: String,
    /// 組織名のよみ（ひらがな）。
    pub name_kana: String,
    /// 法人番号（13桁）。登録がなければ null。
    #[schema(pattern = "^[0-9]{13}$")]
    pub corporate_number: Option<String>,
    /// 組織の地域の全国地方公共団体コード。地域の外の組織なら null。
    pub region_code: Option<String>,
    #[schema(schema_with = nullable_industry_schema)]
    pub industry_code: Option<&'static str>,
    /// 産業の名前（日本標準産業分類 大分類）。登録がなければ null。
    pub industry_name: Option<&'static str>,
    /// 従業員数の区分（例：21-50）。登録がなければ null。
    pub employee_band: Option<String>,
    /// 所在地。
    pub address: String,
    /// ウェブサイト。なければ空。
    pub website: String,
    /// 事業内容・職場の紹介（段落は空行で区切ります）。
    pub description: String,
    /// 年間休日数。書いていなければ null。
    #[schema(minimum = 0, maximum = 366)]
    pub annual_holidays: Option<u16>,
    #[schema(schema_with = measures_schema)]
    pub measures: Vec<&'static str>,
    #[schema(schema_with = certifications_schema)]
    pub certifications: Vec<&'static str>,
    /// 職場の写真（載せる順）。
    pub photos: Vec<WorkplacePhoto>,
    /// 承認された日（YYYY-MM-DD）。
    #[schema(format = Date)]
    pub approved_on: String,
    /// 公開ページの URL。
    pub url: String,
}

/// 職場紹介の写真。撮影情報（位置情報など）は取り除いてあります。
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WorkplacePhoto {
    /// 写真（JPEG、長い辺が1600ピクセル以下）の URL。
    pub url: String,
    /// 小さい写真（長い辺が640ピクセル以下）の URL。
    pub small_url: String,
    /// 写真の説明（代替テキスト）。企業が書いていなければ空。
    pub alt: String,
    /// url の写真の幅（ピクセル）。
    #[schema(minimum = 1)]
    pub width: u32,
    /// url の写真の高さ（ピクセル）。
    #[schema(minimum = 1)]
    pub height: u32,
}

/// 職場紹介と、その組織が公開した実績・宣言。
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WorkplaceDetail {
    #[serde(flatten)]
    pub workplace: Workplace,
    /// 公開している実績（企業が公開を選んだ、終わった年度の数値）。
    pub figures: Vec<Figure>,
    /// 承認された宣言。
    pub declarations: Vec<DeclarationRef>,
}

/// 組織の宣言のひとつ。
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DeclarationRef {
    /// 宣言の識別子（/declarations/{slug}）。
    pub declaration_slug: String,
    /// 宣言の名前。
    pub declaration: String,
    /// 宣言した日（YYYY-MM-DD）。
    #[schema(format = Date)]
    pub declared_on: String,
}

/// 公開中の求人。
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Job {
    /// 求人の番号（/jobs/{id} の id）。
    #[schema(minimum = 1)]
    pub id: i64,
    /// 求人を出した組織の番号。
    #[schema(minimum = 1)]
    pub organization_id: i64,
    /// 組織名。
    pub organization: String,
    /// 法人番号（13桁）。登録がなければ null。
    #[schema(pattern = "^[0-9]{13}$")]
    pub corporate_number: Option<String>,
    /// 組織の地域の全国地方公共団体コード。地域の外の組織なら null。
    pub region_code: Option<String>,
    #[schema(schema_with = nullable_industry_schema)]
    pub industry_code: Option<&'static str>,
    /// 職種・仕事の名前。
    pub title: String,
    #[schema(schema_with = employment_type_schema)]
    pub employment_type: &'static str,
    /// 雇用形態の名前（日本語）。
    pub employment_type_name: &'static str,
    /// 仕事の内容（段落は空行で区切ります）。
    pub description: String,
    /// 勤務時間（書かれたとおり）。
    pub work_hours: String,
    /// 勤務日・休日（書かれたとおり）。
    pub work_days: String,
    /// 月平均時間外労働時間（企業の記載、時間）。書いていなければ null。
    #[schema(minimum = 0)]
    pub stated_monthly_overtime_hours: Option<f64>,
    /// 年間休日数。書いていなければ null。
    #[schema(minimum = 0)]
    pub annual_holidays: Option<i64>,
    #[schema(schema_with = pay_unit_schema)]
    pub pay_unit: &'static str,
    /// 給与の下限（円）。なければ null。
    pub pay_min_yen: Option<i64>,
    /// 給与の上限（円）。なければ null。
    pub pay_max_yen: Option<i64>,
    /// 勤務地。
    pub location: String,
    #[schema(schema_with = measures_schema)]
    pub measures: Vec<&'static str>,
    #[schema(schema_with = suits_schema)]
    pub suits: Vec<&'static str>,
    /// 掲載を始めた日（YYYY-MM-DD）。
    #[schema(format = Date)]
    pub posted_on: String,
    /// 掲載の最終日（YYYY-MM-DD）。
    #[schema(format = Date)]
    pub valid_through: String,
    /// 公開ページの URL。
    pub url: String,
}

/// 公開している実績のひとつ：企業が公開を選んだ、終わった年度の数値。
/// 5人未満の集団の率は含みません。
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Figure {
    /// 組織の番号。
    #[schema(minimum = 1)]
    pub organization_id: i64,
    /// 組織名。
    pub organization: String,
    /// 法人番号（13桁）。登録がなければ null。
    #[schema(pattern = "^[0-9]{13}$")]
    pub corporate_number: Option<String>,
    /// 組織の地域の全国地方公共団体コード。地域の外の組織なら null。
    pub region_code: Option<String>,
    /// 年度（4月始まり。2025 は 2025年4月〜2026年3月）。
    pub fiscal_year: i64,
    /// 年度の初日（YYYY-MM-DD）。
    #[schema(format = Date)]
    pub period_start: Option<String>,
    /// 年度の末日（YYYY-MM-DD）。
    #[schema(format = Date)]
    pub period_end: Option<String>,
    #[schema(schema_with = figure_schema)]
    pub figure_id: &'static str,
    /// 項目の名前（日本語）。
    pub figure_name: &'static str,
    /// 値。率は百分率（男女の育休取得率は整数、ほかは小数1桁）。
    pub value: f64,
    /// 単位（日本語）。
    pub unit: &'static str,
    #[schema(schema_with = origin_schema)]
    pub origin: String,
    /// 項目の定義（計算式・丸め）のページ。
    pub definition_url: String,
}

/// 宣言の登録簿のひとつ（承認されたもの）。
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Declaration {
    /// 宣言の識別子（/declarations/{slug}）。
    pub declaration_slug: String,
    /// 宣言の名前。
    pub declaration: String,
    /// 宣言した組織の番号。
    #[schema(minimum = 1)]
    pub organization_id: i64,
    /// 組織名。
    pub organization: String,
    /// 組織名のよみ。
    pub organization_kana: String,
    /// 組織の種類（company：企業、municipality：自治体、other：その他）。
    pub organization_type: String,
    /// 都道府県コード（2桁）。
    pub prefecture_code: String,
    /// 地域の全国地方公共団体コード。地域の外の組織なら null。
    pub region_code: Option<String>,
    /// 宣言した日（YYYY-MM-DD）。
    #[schema(format = Date)]
    pub declared_on: String,
    /// 同じ種類の組織のなかで何番目の宣言か（「自治体で6番目」の6）。
    #[schema(minimum = 1)]
    pub order_in_type: i64,
    /// 代表者の役職。
    pub representative_title: String,
    /// 代表者の氏名。
    pub representative_name: String,
    /// 宣言に添えたメッセージ。
    pub message: String,
    /// 承認された日時。
    pub approved_at: Option<String>,
    /// 宣言した組織のページの URL。
    pub url: String,
}

/// 催し（講演会・パネルディスカッション…）。
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Event {
    /// 催しの番号（/events/{id} の id）。
    #[schema(minimum = 1)]
    pub id: i64,
    /// 地域の全国地方公共団体コード。
    pub region_code: String,
    #[schema(schema_with = event_kind_schema)]
    pub kind: &'static str,
    /// 種類の名前（日本語）。
    pub kind_name: &'static str,
    #[schema(schema_with = event_status_schema)]
    pub status: &'static str,
    /// イベント名。
    pub title: String,
    /// イベント名（英語）。なければ空。
    pub title_en: String,
    /// 説明。
    pub description: String,
    /// 開始日時（日本時間、ISO 8601）。
    #[schema(format = DateTime)]
    pub starts_at: String,
    /// 終了日時（日本時間、ISO 8601）。
    #[schema(format = DateTime)]
    pub ends_at: String,
    /// 場所名称。
    pub venue_name: String,
    /// 住所。
    pub venue_address: String,
    /// オンラインで参加できるか。
    pub online: bool,
    /// 定員。定員なしは null。
    pub capacity: Option<i64>,
    /// 参加申込の締切（日本時間、ISO 8601）。なければ null。
    #[schema(format = DateTime)]
    pub registration_deadline: Option<String>,
    /// 料金。
    pub fee: String,
    /// 主催者。
    pub organizer: String,
    /// 公開ページの URL。
    pub url: String,
}
