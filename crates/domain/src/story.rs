//! Case stories of reform (取組事例), written by an employer or by the region's
//! staff. An employer's story goes public only after the region's staff have
//! read it, the same rule as every other public text of an employer.

/// Where a story stands (公開状態).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StoryStatus {
    /// 下書き: seen by its writers alone.
    Draft,
    /// 審査中: sent to the region's staff.
    InReview,
    /// 公開中: on `/stories`, the region's home page and the employer's profile.
    Published,
    /// 差し戻し: the staff sent it back with a note; its writers may mend it.
    Returned,
}

/// What the writer asked for when saving (the form's two buttons).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveIntent {
    /// 下書き保存
    Draft,
    /// 審査に出す (an employer) or 公開する (the region's staff).
    Submit,
}

/// A decision asked of a story that is not waiting for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotInReview;

impl StoryStatus {
    pub const ALL: [StoryStatus; 4] = [
        StoryStatus::Draft,
        StoryStatus::InReview,
        StoryStatus::Published,
        StoryStatus::Returned,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            StoryStatus::Draft => "draft",
            StoryStatus::InReview => "in_review",
            StoryStatus::Published => "published",
            StoryStatus::Returned => "returned",
        }
    }

    /// None for anything but the stored words.
    pub fn parse(input: &str) -> Option<StoryStatus> {
        StoryStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == input.trim())
    }

    pub fn name_ja(&self) -> &'static str {
        match self {
            StoryStatus::Draft => "下書き",
            StoryStatus::InReview => "審査中",
            StoryStatus::Published => "公開中",
            StoryStatus::Returned => "差し戻し",
        }
    }

    pub fn name_en(&self) -> &'static str {
        match self {
            StoryStatus::Draft => "Draft",
            StoryStatus::InReview => "In review",
            StoryStatus::Published => "Published",
            StoryStatus::Returned => "Returned",
        }
    }

    /// The status a save leaves. The region's staff are the reviewers, so
    /// what they submit is published at once; anything an employer saves,
    /// a published story included, waits for them again (an edited story
    /// leaves the public pages until it is approved).
    pub fn after_save(intent: SaveIntent, writer_reviews: bool) -> StoryStatus {
        match (intent, writer_reviews) {
            (SaveIntent::Draft, _) => StoryStatus::Draft,
            (SaveIntent::Submit, true) => StoryStatus::Published,
            (SaveIntent::Submit, false) => StoryStatus::InReview,
        }
    }

    /// The status after the staff's decision on a story in review.
    pub fn decide(self, approve: bool) -> Result<StoryStatus, NotInReview> {
        match (self, approve) {
            (StoryStatus::InReview, true) => Ok(StoryStatus::Published),
            (StoryStatus::InReview, false) => Ok(StoryStatus::Returned),
            _ => Err(NotInReview),
        }
    }
}

impl SaveIntent {
    /// None for anything but the form's two values.
    pub fn parse(input: &str) -> Option<SaveIntent> {
        match input.trim() {
            "draft" => Some(SaveIntent::Draft),
            "submit" => Some(SaveIntent::Submit),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_stored_words_parse() {
        for s in StoryStatus::ALL {
            assert_eq!(StoryStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(StoryStatus::parse("Published"), None);
        assert_eq!(SaveIntent::parse("publish"), None);
        assert_eq!(SaveIntent::parse("submit"), Some(SaveIntent::Submit));
    }

    #[test]
    fn an_employer_submits_for_review_and_staff_publish_directly() {
        use StoryStatus::*;
        assert_eq!(StoryStatus::after_save(SaveIntent::Submit, false), InReview);
        assert_eq!(StoryStatus::after_save(SaveIntent::Submit, true), Published);
        assert_eq!(StoryStatus::after_save(SaveIntent::Draft, true), Draft);
        assert_eq!(StoryStatus::after_save(SaveIntent::Draft, false), Draft);
    }

    #[test]
    fn only_a_story_in_review_takes_a_decision() {
        use StoryStatus::*;
        assert_eq!(InReview.decide(true), Ok(Published));
        assert_eq!(InReview.decide(false), Ok(Returned));
        for s in [Draft, Published, Returned] {
            assert_eq!(s.decide(true), Err(NotInReview));
            assert_eq!(s.decide(false), Err(NotInReview));
        }
    }
}
