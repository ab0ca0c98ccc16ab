//! 介護と仕事の両立 (issue 13): the region's 地域包括支援センター and the
//! employer's record of its caregiving duties and notices (migration 0032).
//! An employee's self-check is never stored.

use kpi::caregiving::{EmployerDuty, Explained};

use crate::{Error, Result, Store, now};

/// A 地域包括支援センター as the region's staff list it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CareCentre {
    pub name: String,
    /// 担当地区 (e.g. 中村地区・大野地区).
    pub area: String,
    pub phone: String,
}

/// A duty the organization has set up, with when and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CareDuty {
    pub duty: EmployerDuty,
    /// YYYY-MM-DD.
    pub done_on: String,
    pub note: String,
}

/// One individual notice (個別周知・意向確認) as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CareNotice {
    pub id: i64,
    /// YYYY-MM-DD.
    pub given_on: String,
    /// The employee, as HR writes them (a name or their own staff code).
    pub employee: String,
    pub explained: Vec<Explained>,
    pub intention_confirmed: bool,
}

#[derive(sqlx::FromRow)]
struct DutyRow {
    duty: String,
    done_on: String,
    note: String,
}

#[derive(sqlx::FromRow)]
struct NoticeRow {
    id: i64,
    given_on: String,
    employee: String,
    explained: String,
    intention_confirmed: i64,
}

fn decode(why: String) -> Error {
    Error::Database(sqlx::Error::Decode(why.into()))
}

impl Store {
    /// The region's centres, in the order its staff gave.
    pub async fn care_centres(&self, region_id: i64) -> Result<Vec<CareCentre>> {
        Ok(sqlx::query_as(
            "SELECT name, area, phone FROM care_centres WHERE region_id = $1 ORDER BY position",
        )
        .bind(region_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Replace the region's list of centres in one transaction.
    pub async fn replace_care_centres(&self, region_id: i64, centres: &[CareCentre]) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("DELETE FROM care_centres WHERE region_id = $1")
            .bind(region_id)
            .execute(&mut *tx)
            .await?;
        for (i, c) in centres.iter().enumerate() {
            sqlx::query(
                "INSERT INTO care_centres (region_id, position, name, area, phone)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(region_id)
            .bind(i as i64)
            .bind(&c.name)
            .bind(&c.area)
            .bind(&c.phone)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The duties the organization has marked as set up.
    pub async fn care_duties(&self, org_id: i64) -> Result<Vec<CareDuty>> {
        let rows: Vec<DutyRow> =
            sqlx::query_as("SELECT duty, done_on, note FROM care_duties WHERE org_id = $1")
                .bind(org_id)
                .fetch_all(self.pool())
                .await?;
        let mut duties = rows
            .into_iter()
            .map(|r| {
                let duty = EmployerDuty::parse(&r.duty)
                    .ok_or_else(|| decode(format!("care duty {:?}", r.duty)))?;
                Ok(CareDuty {
                    duty,
                    done_on: r.done_on,
                    note: r.note,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        duties.sort_by_key(|d| d.duty);
        Ok(duties)
    }

    /// Save the checklist whole: the duties given are set up, the others not.
    pub async fn save_care_duties(
        &self,
        org_id: i64,
        duties: &[CareDuty],
        by: Option<i64>,
    ) -> Result<()> {
        let t = now();
        let mut tx = self.pool().begin().await?;
        sqlx::query("DELETE FROM care_duties WHERE org_id = $1")
            .bind(org_id)
            .execute(&mut *tx)
            .await?;
        for d in duties {
            sqlx::query(
                "INSERT INTO care_duties (org_id, duty, done_on, note, updated_at, updated_by)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(org_id)
            .bind(d.duty.as_str())
            .bind(&d.done_on)
            .bind(&d.note)
            .bind(&t)
            .bind(by)
            .execute(&mut *tx)
            .await
            .map_err(Error::from_write)?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Record an individual notice; its id.
    pub async fn record_care_notice(
        &self,
        org_id: i64,
        given_on: &str,
        employee: &str,
        explained: &[Explained],
        intention_confirmed: bool,
        by: Option<i64>,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO care_notices (org_id, given_on, employee, explained,
                intention_confirmed, created_at, created_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(org_id)
        .bind(given_on)
        .bind(employee)
        .bind(Explained::join(explained))
        .bind(i64::from(intention_confirmed))
        .bind(now())
        .bind(by)
        .fetch_one(self.pool())
        .await?)
    }

    /// The organization's notices, newest first.
    pub async fn care_notices(&self, org_id: i64) -> Result<Vec<CareNotice>> {
        let rows: Vec<NoticeRow> = sqlx::query_as(
            "SELECT id, given_on, employee, explained, intention_confirmed FROM care_notices
             WHERE org_id = $1 ORDER BY given_on DESC, id DESC",
        )
        .bind(org_id)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|r| {
                let explained = Explained::split(&r.explained)
                    .ok_or_else(|| decode(format!("care notice {}: {:?}", r.id, r.explained)))?;
                Ok(CareNotice {
                    id: r.id,
                    given_on: r.given_on,
                    employee: r.employee,
                    explained,
                    intention_confirmed: r.intention_confirmed == 1,
                })
            })
            .collect()
    }
}

#[derive(sqlx::FromRow)]
struct RequestRow {
    id: i64,
    user_id: i64,
    name: String,
    email: String,
    topics: String,
    message: String,
    created_at: String,
    handled_at: Option<String>,
}

/// What an employee chose to tell HR from the caregiving guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CareRequest {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub topics: Vec<Explained>,
    pub message: String,
    pub created_at: String,
    pub handled: bool,
}

impl Store {
    /// Record an employee's request to HR and queue the admins' mails, in one
    /// transaction.
    pub async fn add_care_request(
        &self,
        org_id: i64,
        user_id: i64,
        topics: &[Explained],
        message: &str,
        mails: &[crate::mail::NewMail],
    ) -> Result<i64> {
        let mut tx = self.pool().begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO care_requests (org_id, user_id, topics, message, created_at, handled_at)
             VALUES ($1, $2, $3, $4, $5, NULL) RETURNING id",
        )
        .bind(org_id)
        .bind(user_id)
        .bind(Explained::join(topics))
        .bind(message)
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
        for m in mails {
            crate::mail::enqueue(&mut *tx, m).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// The organization's requests, newest first.
    pub async fn care_requests(&self, org_id: i64) -> Result<Vec<CareRequest>> {
        let rows: Vec<RequestRow> = sqlx::query_as(
            "SELECT r.id, r.user_id, u.display_name AS name, u.email, r.topics, r.message,
                        r.created_at, r.handled_at
                 FROM care_requests r JOIN users u ON u.id = r.user_id
                 WHERE r.org_id = $1 ORDER BY r.id DESC",
        )
        .bind(org_id)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|r| {
                let topics = Explained::split(&r.topics)
                    .ok_or_else(|| decode(format!("care request topics {:?}", r.topics)))?;
                Ok(CareRequest {
                    id: r.id,
                    user_id: r.user_id,
                    name: r.name,
                    email: r.email,
                    topics,
                    message: r.message,
                    created_at: r.created_at,
                    handled: r.handled_at.is_some(),
                })
            })
            .collect()
    }

    /// Mark a request of the organization as answered (NotFound: another's).
    pub async fn mark_care_request_handled(&self, org_id: i64, id: i64) -> Result<()> {
        let done =
            sqlx::query("UPDATE care_requests SET handled_at = $1 WHERE id = $2 AND org_id = $3")
                .bind(now())
                .bind(id)
                .bind(org_id)
                .execute(self.pool())
                .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        Ok(())
    }
}
