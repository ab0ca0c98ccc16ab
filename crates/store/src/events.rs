//! Events of a region's program (講演会・パネルディスカッション; issue 10): what the
//! region's staff write, what the public pages, the calendar feed and the open
//! data read. Kinds, states, speakers and times are parsed here, at the store's
//! edge, into the `domain::event` types.

use domain::event::{EventKind, EventStatus, LocalDateTime, Speaker};

use crate::audit::{Actor, insert as audit};
use crate::{Error, Result, Store, now};

/// One event as the application uses it.
#[derive(Debug, Clone)]
pub struct Event {
    pub id: i64,
    pub region_id: i64,
    /// The iCalendar UID, fixed at creation.
    pub uid: String,
    pub fields: EventFields,
    pub created_at: String,
    pub updated_at: String,
    /// iCalendar SEQUENCE: how many times the event was changed.
    pub sequence: i64,
}

/// What staff write on the event form.
#[derive(Debug, Clone, PartialEq)]
pub struct EventFields {
    pub kind: EventKind,
    pub status: EventStatus,
    /// イベント名
    pub title: String,
    /// イベント名_カナ
    pub title_kana: String,
    /// イベント名_英語
    pub title_en: String,
    /// 説明
    pub description: String,
    /// 登壇者
    pub speakers: Vec<Speaker>,
    pub starts_at: LocalDateTime,
    pub ends_at: LocalDateTime,
    /// 場所名称
    pub venue_name: String,
    /// 住所
    pub venue_address: String,
    /// アクセス方法
    pub access: String,
    /// 駐車場情報
    pub parking: String,
    /// オンライン参加のURL
    pub online_url: String,
    /// 定員 (None: no limit)
    pub capacity: Option<i64>,
    /// 対象 (e.g. 経営者・人事担当者・経済団体・市民)
    pub audience: String,
    /// 市民の参加可
    pub citizens_welcome: bool,
    /// 参加申込の締切
    pub registration_deadline: Option<LocalDateTime>,
    /// 料金
    pub fee: String,
    /// 主催者
    pub organizer: String,
    /// 連絡先名称
    pub contact_name: String,
    /// 連絡先電話番号
    pub contact_phone: String,
    /// 事業年度 (the program year it belongs to)
    pub program_year: i64,
    /// The declaration the event promotes, if any.
    pub declaration_id: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    region_id: i64,
    uid: String,
    kind: String,
    status: String,
    title: String,
    title_kana: String,
    title_en: String,
    description: String,
    speakers: String,
    starts_at: String,
    ends_at: String,
    venue_name: String,
    venue_address: String,
    access: String,
    parking: String,
    online_url: String,
    capacity: Option<i64>,
    audience: String,
    citizens_welcome: i64,
    registration_deadline: Option<String>,
    fee: String,
    organizer: String,
    contact_name: String,
    contact_phone: String,
    program_year: i64,
    declaration_id: Option<i64>,
    created_at: String,
    updated_at: String,
    sequence: i64,
}

const COLUMNS: &str = "id, region_id, uid, kind, status, title, title_kana, title_en, description,
    speakers, starts_at, ends_at, venue_name, venue_address, access, parking, online_url,
    capacity, audience, citizens_welcome, registration_deadline, fee, organizer,
    contact_name, contact_phone, program_year, declaration_id, created_at, updated_at, sequence";

fn corrupt(what: &str, value: &str) -> Error {
    Error::Database(sqlx::Error::Decode(
        format!("events: stored {what} not understood: {value:?}").into(),
    ))
}

impl TryFrom<Row> for Event {
    type Error = Error;

    fn try_from(r: Row) -> Result<Event> {
        let time = |s: &str| LocalDateTime::parse(s).map_err(|_| corrupt("time", s));
        Ok(Event {
            id: r.id,
            region_id: r.region_id,
            uid: r.uid,
            fields: EventFields {
                kind: EventKind::parse(&r.kind).map_err(|_| corrupt("kind", &r.kind))?,
                status: EventStatus::parse(&r.status).map_err(|_| corrupt("status", &r.status))?,
                title: r.title,
                title_kana: r.title_kana,
                title_en: r.title_en,
                description: r.description,
                speakers: domain::event::parse_speakers(&r.speakers)
                    .map_err(|_| corrupt("speakers", &r.speakers))?,
                starts_at: time(&r.starts_at)?,
                ends_at: time(&r.ends_at)?,
                venue_name: r.venue_name,
                venue_address: r.venue_address,
                access: r.access,
                parking: r.parking,
                online_url: r.online_url,
                capacity: r.capacity,
                audience: r.audience,
                citizens_welcome: r.citizens_welcome != 0,
                registration_deadline: r.registration_deadline.as_deref().map(time).transpose()?,
                fee: r.fee,
                organizer: r.organizer,
                contact_name: r.contact_name,
                contact_phone: r.contact_phone,
                program_year: r.program_year,
                declaration_id: r.declaration_id,
            },
            created_at: r.created_at,
            updated_at: r.updated_at,
            sequence: r.sequence,
        })
    }
}

fn events(rows: Vec<Row>) -> Result<Vec<Event>> {
    rows.into_iter().map(Event::try_from).collect()
}

/// A query whose parameters `$1`…`$24` are the form's fields, in the order of the
/// columns from `kind` to `declaration_id`.
trait BindFields<'q>: Sized {
    fn bind_value<T>(self, value: T) -> Self
    where
        T: 'q + sqlx::Encode<'q, sqlx::Any> + sqlx::Type<sqlx::Any>;
}

impl<'q> BindFields<'q> for sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    fn bind_value<T>(self, value: T) -> Self
    where
        T: 'q + sqlx::Encode<'q, sqlx::Any> + sqlx::Type<sqlx::Any>,
    {
        self.bind(value)
    }
}

impl<'q, O> BindFields<'q>
    for sqlx::query::QueryScalar<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>
{
    fn bind_value<T>(self, value: T) -> Self
    where
        T: 'q + sqlx::Encode<'q, sqlx::Any> + sqlx::Type<sqlx::Any>,
    {
        self.bind(value)
    }
}

fn bind_fields<'q, Q: BindFields<'q>>(q: Q, f: &'q EventFields) -> Q {
    q.bind_value(f.kind.as_str())
        .bind_value(f.status.as_str())
        .bind_value(f.title.as_str())
        .bind_value(f.title_kana.as_str())
        .bind_value(f.title_en.as_str())
        .bind_value(f.description.as_str())
        .bind_value(domain::event::format_speakers(&f.speakers))
        .bind_value(f.starts_at.as_stored())
        .bind_value(f.ends_at.as_stored())
        .bind_value(f.venue_name.as_str())
        .bind_value(f.venue_address.as_str())
        .bind_value(f.access.as_str())
        .bind_value(f.parking.as_str())
        .bind_value(f.online_url.as_str())
        .bind_value(f.capacity)
        .bind_value(f.audience.as_str())
        .bind_value(i64::from(f.citizens_welcome))
        .bind_value(f.registration_deadline.map(|d| d.as_stored()))
        .bind_value(f.fee.as_str())
        .bind_value(f.organizer.as_str())
        .bind_value(f.contact_name.as_str())
        .bind_value(f.contact_phone.as_str())
        .bind_value(f.program_year)
        .bind_value(f.declaration_id)
}

impl Store {
    /// Create an event in `region_id`, with its audit entry, in one transaction.
    pub async fn create_event(
        &self,
        region_id: i64,
        f: &EventFields,
        actor: &Actor,
    ) -> Result<i64> {
        let token = crate::random_token();
        let uid = format!("event-{}@erabareru", &token[..24]);
        let stamp = now();
        let mut tx = self.pool().begin().await?;
        let id: i64 = bind_fields(
            sqlx::query_scalar(
                "INSERT INTO events (kind, status, title, title_kana, title_en, description,
                    speakers, starts_at, ends_at, venue_name, venue_address, access, parking,
                    online_url, capacity, audience, citizens_welcome, registration_deadline,
                    fee, organizer, contact_name, contact_phone, program_year, declaration_id,
                    region_id, uid, created_by, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
                    $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $28)
                 RETURNING id",
            ),
            f,
        )
        .bind(region_id)
        .bind(&uid)
        .bind(actor.user_id)
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await
        .map_err(Error::from_write)?;
        audit(
            &mut *tx,
            actor,
            "create",
            "event",
            &id.to_string(),
            &f.title,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Change an event (its region and UID stay), with its audit entry, in one
    /// transaction. The iCalendar SEQUENCE goes up so subscribed calendars update.
    pub async fn update_event(&self, id: i64, f: &EventFields, actor: &Actor) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let done = bind_fields(
            sqlx::query(
                "UPDATE events SET kind = $1, status = $2, title = $3, title_kana = $4,
                    title_en = $5, description = $6, speakers = $7, starts_at = $8, ends_at = $9,
                    venue_name = $10, venue_address = $11, access = $12, parking = $13,
                    online_url = $14, capacity = $15, audience = $16, citizens_welcome = $17,
                    registration_deadline = $18, fee = $19, organizer = $20, contact_name = $21,
                    contact_phone = $22, program_year = $23, declaration_id = $24,
                    updated_at = $25, sequence = sequence + 1
                 WHERE id = $26",
            ),
            f,
        )
        .bind(now())
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(Error::from_write)?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        audit(
            &mut *tx,
            actor,
            "update",
            "event",
            &id.to_string(),
            &f.title,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn event(&self, id: i64) -> Result<Event> {
        let row: Option<Row> =
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM events WHERE id = $1"))
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
        row.ok_or(Error::NotFound)?.try_into()
    }

    /// The events the public sees (published and cancelled), of one region or of
    /// all, in the order they take place.
    pub async fn public_events(&self, region_id: Option<i64>) -> Result<Vec<Event>> {
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM events
             WHERE status <> 'draft' AND ($1 IS NULL OR region_id = $1)
             ORDER BY starts_at, id"
        ))
        .bind(region_id)
        .fetch_all(self.pool())
        .await?;
        events(rows)
    }

    /// Every event of the regions given, drafts included (for their staff).
    pub async fn events_of_regions(&self, region_ids: &[i64]) -> Result<Vec<Event>> {
        let mut all = Vec::new();
        for region_id in region_ids {
            let rows: Vec<Row> = sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM events WHERE region_id = $1 ORDER BY starts_at, id"
            ))
            .bind(region_id)
            .fetch_all(self.pool())
            .await?;
            all.extend(events(rows)?);
        }
        all.sort_by_key(|e| e.fields.starts_at);
        Ok(all)
    }
}
