//! Registrations for events (参加申込): capacity and the waiting list, the cancel
//! link, check-in on the day, and erasing participants' personal data once the
//! region's retention period has passed.
//!
//! Every step that reads the count and then writes (register, cancel and move
//! the waiting list up) first writes the event's row: on PostgreSQL that takes
//! the row's lock, on SQLite the database's write lock, so two people taking the
//! last seat at the same moment are served one after the other.

use domain::event::{AttendeeRole, RegistrationStatus};

use crate::mail::{NewMail, enqueue};
use crate::{Error, Result, Store, now};

/// One registration.
#[derive(Debug, Clone, PartialEq)]
pub struct Registration {
    pub id: i64,
    pub event_id: i64,
    /// 氏名 (empty once erased)
    pub name: String,
    /// 所属 as typed or picked
    pub organization: String,
    /// The registered organization picked, if any.
    pub org_id: Option<i64>,
    pub role: AttendeeRole,
    pub email: String,
    /// "ja" or "en": the language of the page it was made on, and of its mails.
    pub language: String,
    pub status: RegistrationStatus,
    pub created_at: String,
    pub cancelled_at: Option<String>,
    /// When it moved up from the waiting list.
    pub promoted_at: Option<String>,
    pub checked_in_at: Option<String>,
}

/// What a person types on the registration form.
#[derive(Debug, Clone)]
pub struct NewRegistration {
    pub event_id: i64,
    pub name: String,
    pub organization: String,
    pub org_id: Option<i64>,
    pub role: AttendeeRole,
    pub email: String,
    pub language: String,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    event_id: i64,
    name: String,
    organization: String,
    org_id: Option<i64>,
    attendee_role: String,
    email: String,
    language: String,
    status: String,
    created_at: String,
    cancelled_at: Option<String>,
    promoted_at: Option<String>,
    checked_in_at: Option<String>,
}

const COLUMNS: &str = "id, event_id, name, organization, org_id, attendee_role, email, language,
    status, created_at, cancelled_at, promoted_at, checked_in_at";

impl TryFrom<Row> for Registration {
    type Error = Error;
    fn try_from(r: Row) -> Result<Registration> {
        let bad = |what: &str, v: &str| {
            Error::Database(sqlx::Error::Decode(
                format!("event_registrations {}: {what} {v:?}", r.id).into(),
            ))
        };
        Ok(Registration {
            role: AttendeeRole::parse(&r.attendee_role)
                .map_err(|_| bad("role", &r.attendee_role))?,
            status: RegistrationStatus::parse(&r.status).map_err(|_| bad("status", &r.status))?,
            id: r.id,
            event_id: r.event_id,
            name: r.name,
            organization: r.organization,
            org_id: r.org_id,
            email: r.email,
            language: r.language,
            created_at: r.created_at,
            cancelled_at: r.cancelled_at,
            promoted_at: r.promoted_at,
            checked_in_at: r.checked_in_at,
        })
    }
}

/// Why a registration was not taken.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    /// This e-mail is already registered for the event (and not cancelled).
    #[error("already registered")]
    AlreadyRegistered,
    /// The event is a draft, cancelled, or does not exist.
    #[error("the event takes no registrations")]
    Closed,
    #[error(transparent)]
    Store(#[from] Error),
}

/// Confirmed and waiting registrations of an event.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub confirmed: i64,
    pub waitlisted: i64,
    pub checked_in: i64,
}

/// Take the event's lock for the rest of the transaction (see the module notes);
/// returns its capacity and whether it takes registrations (published).
async fn lock_event(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    event_id: i64,
) -> Result<Option<(Option<i64>, bool)>> {
    let done = sqlx::query("UPDATE events SET sequence = sequence WHERE id = $1")
        .bind(event_id)
        .execute(&mut **tx)
        .await?;
    if done.rows_affected() == 0 {
        return Ok(None);
    }
    let (capacity, status): (Option<i64>, String) =
        sqlx::query_as("SELECT capacity, status FROM events WHERE id = $1")
            .bind(event_id)
            .fetch_one(&mut **tx)
            .await?;
    Ok(Some((capacity, status == "published")))
}

async fn confirmed_count(tx: &mut sqlx::Transaction<'_, sqlx::Any>, event_id: i64) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND status = 'confirmed'",
    )
    .bind(event_id)
    .fetch_one(&mut **tx)
    .await?)
}

async fn registration_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
) -> Result<Registration> {
    let row: Row = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM event_registrations WHERE id = $1"
    ))
    .bind(id)
    .fetch_one(&mut **tx)
    .await?;
    row.try_into()
}

impl Store {
    /// Register, confirmed within the capacity or on the waiting list, and queue
    /// the mail `mail` writes for it, in one transaction. `cancel_token_hash` is
    /// the SHA-256 of the token in the mail's cancel link.
    pub async fn register_for_event(
        &self,
        r: &NewRegistration,
        cancel_token_hash: &str,
        mail: impl FnOnce(&Registration) -> NewMail,
    ) -> std::result::Result<Registration, RegisterError> {
        let mut tx = self.pool().begin().await.map_err(Error::from)?;
        let Some((capacity, open)) = lock_event(&mut tx, r.event_id).await? else {
            return Err(RegisterError::Closed);
        };
        if !open {
            return Err(RegisterError::Closed);
        }
        let status =
            domain::event::status_for_new(confirmed_count(&mut tx, r.event_id).await?, capacity);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO event_registrations (event_id, name, organization, org_id,
                attendee_role, email, language, status, cancel_token_hash, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(r.event_id)
        .bind(&r.name)
        .bind(&r.organization)
        .bind(r.org_id)
        .bind(r.role.as_str())
        .bind(&r.email)
        .bind(&r.language)
        .bind(status.as_str())
        .bind(cancel_token_hash)
        .bind(now())
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| match Error::from_write(e) {
            Error::Conflict(_) => RegisterError::AlreadyRegistered,
            other => RegisterError::Store(other),
        })?;
        let registration = registration_in(&mut tx, id).await?;
        enqueue(&mut *tx, &mail(&registration)).await?;
        tx.commit().await.map_err(Error::from)?;
        Ok(registration)
    }

    /// The live (not cancelled) registration a cancel link's token belongs to.
    pub async fn registration_by_cancel_token(&self, token_hash: &str) -> Result<Registration> {
        let row: Option<Row> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM event_registrations
             WHERE cancel_token_hash = $1 AND status <> 'cancelled' AND erased_at IS NULL"
        ))
        .bind(token_hash)
        .fetch_optional(self.pool())
        .await?;
        row.ok_or(Error::NotFound)?.try_into()
    }

    /// Cancel the registration of `token_hash`. When it held a seat, the first on
    /// the waiting list moves up and `promoted_mail` is queued for them, all in
    /// one transaction. Returns the cancelled registration and the one moved up.
    pub async fn cancel_registration(
        &self,
        token_hash: &str,
        promoted_mail: impl FnOnce(&Registration) -> NewMail,
    ) -> Result<(Registration, Option<Registration>)> {
        let current = self.registration_by_cancel_token(token_hash).await?;
        let mut tx = self.pool().begin().await?;
        let (capacity, _) = lock_event(&mut tx, current.event_id)
            .await?
            .ok_or(Error::NotFound)?;
        // Conditional on still being live: two clicks on the link cancel once.
        let done = sqlx::query(
            "UPDATE event_registrations SET status = 'cancelled', cancelled_at = $1
             WHERE id = $2 AND status <> 'cancelled'",
        )
        .bind(now())
        .bind(current.id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        let mut promoted = None;
        let seats_left = match capacity {
            Some(cap) => confirmed_count(&mut tx, current.event_id).await? < cap,
            None => true,
        };
        if seats_left {
            let next: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM event_registrations
                 WHERE event_id = $1 AND status = 'waitlisted' ORDER BY id LIMIT 1",
            )
            .bind(current.event_id)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(next) = next {
                sqlx::query(
                    "UPDATE event_registrations SET status = 'confirmed', promoted_at = $1
                     WHERE id = $2",
                )
                .bind(now())
                .bind(next)
                .execute(&mut *tx)
                .await?;
                let moved = registration_in(&mut tx, next).await?;
                enqueue(&mut *tx, &promoted_mail(&moved)).await?;
                promoted = Some(moved);
            }
        }
        let cancelled = registration_in(&mut tx, current.id).await?;
        tx.commit().await?;
        Ok((cancelled, promoted))
    }

    /// One registration by its id (NotFound when there is none).
    pub async fn registration(&self, id: i64) -> Result<Registration> {
        let row: Option<Row> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM event_registrations WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        row.ok_or(Error::NotFound)?.try_into()
    }

    /// Every registration of an event in the order they were made.
    pub async fn registrations_of_event(&self, event_id: i64) -> Result<Vec<Registration>> {
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM event_registrations WHERE event_id = $1 ORDER BY id"
        ))
        .bind(event_id)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(Registration::try_from).collect()
    }

    pub async fn registration_counts(&self, event_id: i64) -> Result<Counts> {
        let (confirmed, waitlisted, checked_in): (i64, i64, i64) = sqlx::query_as(
            "SELECT
                COALESCE(SUM(CASE WHEN status = 'confirmed' THEN 1 ELSE 0 END), 0),
                COALESCE(SUM(CASE WHEN status = 'waitlisted' THEN 1 ELSE 0 END), 0),
                COALESCE(SUM(CASE WHEN checked_in_at IS NOT NULL THEN 1 ELSE 0 END), 0)
             FROM event_registrations WHERE event_id = $1",
        )
        .bind(event_id)
        .fetch_one(self.pool())
        .await?;
        Ok(Counts {
            confirmed,
            waitlisted,
            checked_in,
        })
    }

    /// Mark (or unmark) a participant present on the day (受付).
    pub async fn set_checked_in(
        &self,
        event_id: i64,
        registration_id: i64,
        present: bool,
    ) -> Result<()> {
        let done = sqlx::query(
            "UPDATE event_registrations SET checked_in_at = $1
             WHERE id = $2 AND event_id = $3 AND status = 'confirmed'",
        )
        .bind(present.then(now))
        .bind(registration_id)
        .bind(event_id)
        .execute(self.pool())
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        Ok(())
    }

    /// Erase the name, organization and e-mail of every registration whose event
    /// ended more than its region's retention period before `today`
    /// (YYYY-MM-DD). The rows stay, so the counts of who came stay true.
    /// Returns how many registrations were erased.
    pub async fn erase_expired_registrations(&self, today: jiff::civil::Date) -> Result<u64> {
        let rows: Vec<(i64, String, i64)> = sqlx::query_as(
            "SELECT e.id, e.ends_at, r.registration_retention_days
             FROM events e JOIN regions r ON r.id = e.region_id
             WHERE EXISTS (SELECT 1 FROM event_registrations g
                           WHERE g.event_id = e.id AND g.erased_at IS NULL)",
        )
        .fetch_all(self.pool())
        .await?;
        let mut erased = 0;
        for (event_id, ends_at, days) in rows {
            let Some(ended) = ends_at
                .get(..10)
                .and_then(|d| d.parse::<jiff::civil::Date>().ok())
            else {
                continue;
            };
            let Ok(until) = ended.checked_add(jiff::Span::new().days(days.max(0))) else {
                continue;
            };
            if until >= today {
                continue;
            }
            let done = sqlx::query(
                "UPDATE event_registrations
                 SET name = '', organization = '', email = 'erased-' || CAST(id AS TEXT), erased_at = $1,
                     cancel_token_hash = 'erased-' || CAST(id AS TEXT)
                 WHERE event_id = $2 AND erased_at IS NULL",
            )
            .bind(now())
            .bind(event_id)
            .execute(self.pool())
            .await?;
            erased += done.rows_affected();
        }
        Ok(erased)
    }
}

impl Store {
    /// The installation's secret called `name`, made (random, 32 bytes, hex) on
    /// first use; every server of one database reads the same value.
    pub async fn app_secret(&self, name: &str) -> Result<String> {
        let (fresh, _) = crate::new_token();
        sqlx::query(
            "INSERT INTO app_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(&fresh)
        .execute(self.pool())
        .await?;
        Ok(
            sqlx::query_scalar("SELECT value FROM app_secrets WHERE name = $1")
                .bind(name)
                .fetch_one(self.pool())
                .await?,
        )
    }
}

impl Store {
    /// Queue the day-before reminder (前日のお知らせ) for every confirmed
    /// registration of the published events that start on `tomorrow`, once each:
    /// the mark and the mail are written together, and only by the process whose
    /// conditional UPDATE took the registration. Returns how many were queued.
    pub async fn queue_event_reminders(
        &self,
        tomorrow: jiff::civil::Date,
        mail: impl Fn(&crate::events::Event, &Registration) -> NewMail,
    ) -> Result<u64> {
        let day = tomorrow.strftime("%Y-%m-%d").to_string();
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM events WHERE status = 'published' AND substr(starts_at, 1, 10) = $1",
        )
        .bind(&day)
        .fetch_all(self.pool())
        .await?;
        let mut queued = 0;
        for event_id in ids {
            let event = self.event(event_id).await?;
            for r in self.registrations_of_event(event_id).await? {
                if r.status != RegistrationStatus::Confirmed || r.email.is_empty() {
                    continue;
                }
                let mut tx = self.pool().begin().await?;
                let took = sqlx::query(
                    "UPDATE event_registrations SET reminded_at = $1
                     WHERE id = $2 AND reminded_at IS NULL AND status = 'confirmed'
                       AND erased_at IS NULL",
                )
                .bind(now())
                .bind(r.id)
                .execute(&mut *tx)
                .await?;
                if took.rows_affected() == 1 {
                    enqueue(&mut *tx, &mail(&event, &r)).await?;
                    queued += 1;
                }
                tx.commit().await?;
            }
        }
        Ok(queued)
    }
}
