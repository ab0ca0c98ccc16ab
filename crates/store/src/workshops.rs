//! ライフイベント・カードワーク (issue 13, migration 0035): a region's deck,
//! an organization's sessions, the cards dealt and what the team recorded,
//! and the actions each gap became.

use domain::workshop::{Card, Gap};

use crate::engagements::ActionFields;
use crate::{Error, Result, Store, now};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workshop {
    pub id: i64,
    pub org_id: i64,
    pub title: String,
    /// The team present, one name a line.
    pub members: Vec<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deal {
    pub id: i64,
    pub card: Card,
    pub member: String,
    /// Who covers which work, one line each (「仕事｜代わる人」 as typed).
    pub cover: String,
    pub gaps: Vec<Gap>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkshopAction {
    pub id: i64,
    pub deal_id: i64,
    pub gap: Gap,
    pub action: String,
    pub owner: String,
    /// Set when it went to the engagement's action sheet.
    pub engagement_action_id: Option<i64>,
}

/// Where a gap's action goes.
pub enum ActionTarget<'a> {
    /// The team's own list on the workshop.
    Team,
    /// The engagement's action sheet as well, with its fields.
    Engagement(i64, &'a ActionFields),
}

fn decode(why: String) -> Error {
    Error::Database(sqlx::Error::Decode(why.into()))
}

type DealRow = (i64, String, String, String, String, String, String);

impl Store {
    /// The region's deck, or None when it keeps the default.
    pub async fn region_cards(&self, region_id: i64) -> Result<Option<Vec<Card>>> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT title, prompt FROM region_cards WHERE region_id = $1 ORDER BY position",
        )
        .bind(region_id)
        .fetch_all(self.pool())
        .await?;
        Ok((!rows.is_empty()).then(|| {
            rows.into_iter()
                .map(|(title, prompt)| Card { title, prompt })
                .collect()
        }))
    }

    /// Replace the region's deck in one transaction.
    pub async fn replace_region_cards(&self, region_id: i64, cards: &[Card]) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("DELETE FROM region_cards WHERE region_id = $1")
            .bind(region_id)
            .execute(&mut *tx)
            .await?;
        for (i, c) in cards.iter().enumerate() {
            sqlx::query(
                "INSERT INTO region_cards (region_id, position, title, prompt) VALUES ($1, $2, $3, $4)",
            )
            .bind(region_id)
            .bind(i as i64)
            .bind(&c.title)
            .bind(&c.prompt)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn create_workshop(
        &self,
        org_id: i64,
        title: &str,
        members: &[String],
        by: Option<i64>,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO workshops (org_id, title, members, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(org_id)
        .bind(title)
        .bind(members.join("\n"))
        .bind(by)
        .bind(now())
        .fetch_one(self.pool())
        .await?)
    }

    pub async fn workshops_of(&self, org_id: i64) -> Result<Vec<Workshop>> {
        let rows: Vec<(i64, i64, String, String, String)> = sqlx::query_as(
            "SELECT id, org_id, title, members, created_at FROM workshops WHERE org_id = $1 ORDER BY id DESC",
        )
        .bind(org_id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(workshop).collect())
    }

    pub async fn workshop(&self, id: i64) -> Result<Workshop> {
        let row: (i64, i64, String, String, String) = sqlx::query_as(
            "SELECT id, org_id, title, members, created_at FROM workshops WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(Error::NotFound)?;
        Ok(workshop(row))
    }

    /// Deal `card` to `member` in the workshop.
    pub async fn deal_card(&self, workshop_id: i64, card: &Card, member: &str) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO workshop_deals (workshop_id, card_title, card_prompt, member, cover, gaps, note, created_at)
             VALUES ($1, $2, $3, $4, '', '', '', $5) RETURNING id",
        )
        .bind(workshop_id)
        .bind(&card.title)
        .bind(&card.prompt)
        .bind(member)
        .bind(now())
        .fetch_one(self.pool())
        .await?)
    }

    /// The cards dealt in the workshop, in the order dealt.
    pub async fn workshop_deals(&self, workshop_id: i64) -> Result<Vec<Deal>> {
        let rows: Vec<DealRow> = sqlx::query_as(
            "SELECT id, card_title, card_prompt, member, cover, gaps, note FROM workshop_deals
             WHERE workshop_id = $1 ORDER BY id",
        )
        .bind(workshop_id)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|(id, title, prompt, member, cover, gaps, note)| {
                let gaps = gaps
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(|g| Gap::parse(g).ok_or_else(|| decode(format!("gap {g:?}"))))
                    .collect::<Result<Vec<_>>>()?;
                Ok(Deal {
                    id,
                    card: Card { title, prompt },
                    member,
                    cover,
                    gaps,
                    note,
                })
            })
            .collect()
    }

    /// Record what the team found for a dealt card (NotFound: another workshop's).
    pub async fn record_deal(
        &self,
        workshop_id: i64,
        deal_id: i64,
        cover: &str,
        gaps: &[Gap],
        note: &str,
    ) -> Result<()> {
        let codes: Vec<&str> = gaps.iter().map(|g| g.as_str()).collect();
        let done = sqlx::query(
            "UPDATE workshop_deals SET cover = $1, gaps = $2, note = $3 WHERE id = $4 AND workshop_id = $5",
        )
        .bind(cover)
        .bind(codes.join(","))
        .bind(note)
        .bind(deal_id)
        .bind(workshop_id)
        .execute(self.pool())
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        Ok(())
    }

    /// Turn a gap of a dealt card into an action: on the team's list, and on
    /// the engagement's action sheet when asked, in one transaction.
    pub async fn add_workshop_action(
        &self,
        workshop_id: i64,
        deal_id: i64,
        gap: Gap,
        action: &str,
        owner: &str,
        target: ActionTarget<'_>,
    ) -> Result<i64> {
        let stamp = now();
        let mut tx = self.pool().begin().await?;
        let deal: Option<i64> =
            sqlx::query_scalar("SELECT id FROM workshop_deals WHERE id = $1 AND workshop_id = $2")
                .bind(deal_id)
                .bind(workshop_id)
                .fetch_optional(&mut *tx)
                .await?;
        if deal.is_none() {
            return Err(Error::NotFound);
        }
        let engagement_action = match target {
            ActionTarget::Team => None,
            ActionTarget::Engagement(engagement_id, fields) => Some(
                crate::engagement_records::insert_action(
                    &mut tx,
                    engagement_id,
                    None,
                    fields,
                    &stamp,
                )
                .await?,
            ),
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO workshop_actions (workshop_id, deal_id, gap, action, owner, engagement_action_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(workshop_id)
        .bind(deal_id)
        .bind(gap.as_str())
        .bind(action)
        .bind(owner)
        .bind(engagement_action)
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn workshop_actions(&self, workshop_id: i64) -> Result<Vec<WorkshopAction>> {
        let rows: Vec<(i64, i64, String, String, String, Option<i64>)> = sqlx::query_as(
            "SELECT id, deal_id, gap, action, owner, engagement_action_id FROM workshop_actions
             WHERE workshop_id = $1 ORDER BY id",
        )
        .bind(workshop_id)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|(id, deal_id, gap, action, owner, engagement_action_id)| {
                Ok(WorkshopAction {
                    gap: Gap::parse(&gap).ok_or_else(|| decode(format!("gap {gap:?}")))?,
                    id,
                    deal_id,
                    action,
                    owner,
                    engagement_action_id,
                })
            })
            .collect()
    }
}

fn workshop(
    (id, org_id, title, members, created_at): (i64, i64, String, String, String),
) -> Workshop {
    Workshop {
        id,
        org_id,
        title,
        members: members.lines().map(str::to_string).collect(),
        created_at,
    }
}
