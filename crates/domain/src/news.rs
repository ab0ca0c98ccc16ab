//! News of a region's program (お知らせ), written by its staff.

/// Where a news item stands (公開状態).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NewsStatus {
    /// 下書き: seen by the region's staff alone.
    Draft,
    /// 公開中: on the home page and `/news`.
    Published,
}

impl NewsStatus {
    pub const ALL: [NewsStatus; 2] = [NewsStatus::Draft, NewsStatus::Published];

    pub fn as_str(&self) -> &'static str {
        match self {
            NewsStatus::Draft => "draft",
            NewsStatus::Published => "published",
        }
    }

    /// None for anything but the stored words.
    pub fn parse(input: &str) -> Option<NewsStatus> {
        NewsStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == input.trim())
    }

    pub fn name_ja(&self) -> &'static str {
        match self {
            NewsStatus::Draft => "下書き",
            NewsStatus::Published => "公開中",
        }
    }

    pub fn name_en(&self) -> &'static str {
        match self {
            NewsStatus::Draft => "Draft",
            NewsStatus::Published => "Published",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_stored_words_parse() {
        for s in NewsStatus::ALL {
            assert_eq!(NewsStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(NewsStatus::parse("Published"), None);
        assert_eq!(NewsStatus::parse(""), None);
    }
}
