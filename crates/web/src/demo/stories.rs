//! The demo's case stories (取組事例): written and reviewed through the store
//! as people would, so a published employer's story has passed review.

use domain::story::StoryStatus;
use serde::Deserialize;
use store::Store;
use store::audit::Actor;
use store::stories::StoryText;

/// A story: the region's own when `org` is empty. `status` is `published` or
/// `in_review` (waiting in the staff's queue).
#[derive(Deserialize)]
pub struct DemoStory {
    region: String,
    #[serde(default)]
    org: String,
    status: String,
    /// The day it was published.
    #[serde(default)]
    published_on: String,
    title_ja: String,
    #[serde(default)]
    title_en: String,
    summary_ja: String,
    #[serde(default)]
    summary_en: String,
    body_ja: String,
    #[serde(default)]
    body_en: String,
}

pub async fn load(
    store: &Store,
    stories: &[DemoStory],
    region_ids: &std::collections::HashMap<String, i64>,
    org_ids: &std::collections::HashMap<String, i64>,
    actor: &Actor,
) -> anyhow::Result<()> {
    for d in stories {
        let region = *region_ids
            .get(&d.region)
            .ok_or_else(|| anyhow::anyhow!("demo story: unknown region {}", d.region))?;
        let org = match d.org.as_str() {
            "" => None,
            slug => Some(
                *org_ids
                    .get(slug)
                    .ok_or_else(|| anyhow::anyhow!("demo story: unknown organization {slug}"))?,
            ),
        };
        let text = StoryText {
            title_ja: d.title_ja.clone(),
            title_en: d.title_en.clone(),
            summary_ja: d.summary_ja.clone(),
            summary_en: d.summary_en.clone(),
            body_ja: d.body_ja.trim().to_string(),
            body_en: d.body_en.trim().to_string(),
        };
        let wanted = StoryStatus::parse(&d.status)
            .ok_or_else(|| anyhow::anyhow!("demo story: status {:?}", d.status))?;
        // An employer's story is sent and then approved; the region's is
        // published by its staff directly.
        let saved = match (org, wanted) {
            (None, s) => s,
            (Some(_), _) => StoryStatus::InReview,
        };
        let id = store
            .save_story(
                None,
                store::stories::StoryOwner {
                    region_id: region,
                    org_id: org,
                },
                &text,
                saved,
                &d.published_on,
                actor,
                |_| Vec::new(),
            )
            .await?;
        if org.is_some() && wanted == StoryStatus::Published {
            store
                .decide_story(id, true, "", &d.published_on, actor, &[])
                .await?;
        }
    }
    Ok(())
}
