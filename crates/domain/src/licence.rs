//! The licence a region puts its open data under (オープンデータの利用条件).
//! Every choice is compatible with CC BY 4.0, as the デジタル庁's 公共データ利用
//! 規約 asks of public data.

/// A licence the region may choose for `/open-data`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OpenDataLicence {
    /// クリエイティブ・コモンズ 表示 4.0 国際.
    #[default]
    CcBy4,
    /// 公共データ利用規約（第1.0版）, PDL1.0: compatible with CC BY 4.0.
    Pdl1,
    /// CC0 1.0: no conditions at all.
    Cc0,
}

impl OpenDataLicence {
    pub const ALL: [OpenDataLicence; 3] = [
        OpenDataLicence::CcBy4,
        OpenDataLicence::Pdl1,
        OpenDataLicence::Cc0,
    ];

    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            OpenDataLicence::CcBy4 => "cc-by-4.0",
            OpenDataLicence::Pdl1 => "pdl-1.0",
            OpenDataLicence::Cc0 => "cc0-1.0",
        }
    }

    pub fn parse(code: &str) -> Option<OpenDataLicence> {
        OpenDataLicence::ALL
            .into_iter()
            .find(|l| l.as_str() == code.trim())
    }

    pub fn name_ja(self) -> &'static str {
        match self {
            OpenDataLicence::CcBy4 => "クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）",
            OpenDataLicence::Pdl1 => "公共データ利用規約（第1.0版）（PDL1.0）",
            OpenDataLicence::Cc0 => "CC0 1.0 全世界 パブリック・ドメイン提供",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            OpenDataLicence::CcBy4 => "Creative Commons Attribution 4.0 International (CC BY 4.0)",
            OpenDataLicence::Pdl1 => "Public Data License (Version 1.0) (PDL1.0)",
            OpenDataLicence::Cc0 => "CC0 1.0 Universal Public Domain Dedication",
        }
    }

    /// Where its text is published.
    pub fn url(self) -> &'static str {
        match self {
            OpenDataLicence::CcBy4 => "https://creativecommons.org/licenses/by/4.0/deed.ja",
            OpenDataLicence::Pdl1 => {
                "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0"
            }
            OpenDataLicence::Cc0 => "https://creativecommons.org/publicdomain/zero/1.0/deed.ja",
        }
    }

    /// Whether a reuser must name the source (出典の記載).
    pub fn asks_attribution(self) -> bool {
        !matches!(self, OpenDataLicence::Cc0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_only_cc0_waives_attribution() {
        for l in OpenDataLicence::ALL {
            assert_eq!(OpenDataLicence::parse(l.as_str()), Some(l));
            assert!(l.url().starts_with("https://"));
        }
        assert_eq!(OpenDataLicence::parse("gpl"), None);
        assert!(OpenDataLicence::CcBy4.asks_attribution());
        assert!(OpenDataLicence::Pdl1.asks_attribution());
        assert!(!OpenDataLicence::Cc0.asks_attribution());
    }
}
