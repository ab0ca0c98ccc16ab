//! The one normal form of Japanese search text, used for the stored index and
//! for what people type, so both sides meet: NFKC (half-width katakana and
//! full-width letters: ﾊﾟｰﾄ = パート, ＣＡＤ = CAD), ASCII lower case, hiragana
//! folded into katakana (ぱーと = パート), the long-vowel mark dropped
//! (コンピュータ = コンピューター) and spaces removed. Matching is by substring
//! on this form, so two-character words (事務, 介護, 溶接) match as well as long
//! ones — the reason not to use a trigram index.

use unicode_normalization::UnicodeNormalization;

/// The normal form of `text`.
///
/// ```
/// use domain::search::normalize;
/// assert_eq!(normalize("ﾊﾟｰﾄ"), normalize("パート"));
/// assert_eq!(normalize("ＣＡＤオペレーター"), "cadオペレタ");
/// assert_eq!(normalize("コンピュータ"), normalize("コンピューター"));
/// ```
pub fn normalize(text: &str) -> String {
    text.nfkc()
        .filter_map(|c| match c {
            // Long-vowel marks and the dashes an IME or NFKC leaves for them.
            'ー' | '〜' | '～' | '‐' | '−' => None,
            c if c.is_whitespace() => None,
            // Hiragana ぁ..ゖ and the iteration marks ゝゞ to katakana.
            '\u{3041}'..='\u{3096}' | '\u{309D}' | '\u{309E}' => char::from_u32(c as u32 + 0x60),
            c => Some(c.to_ascii_lowercase()),
        })
        .collect()
}

/// What someone typed as search terms: each word in normal form, empty ones
/// dropped, at most `max_terms` of at most 40 characters each.
pub fn terms(query: &str, max_terms: usize) -> Vec<String> {
    query
        .split(|c: char| c.is_whitespace() || c == '　')
        .map(normalize)
        .filter(|t| !t.is_empty())
        .map(|t| t.chars().take(40).collect())
        .take(max_terms)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_kana_and_long_vowels_meet() {
        assert_eq!(normalize("ﾊﾟｰﾄ・ｱﾙﾊﾞｲﾄ"), normalize("パート・アルバイト"));
        assert_eq!(normalize("ＣＡＤ"), "cad");
        assert_eq!(normalize("Cad"), "cad");
        assert_eq!(normalize("ぱーと"), normalize("パート"));
        assert_eq!(normalize("サーバー"), normalize("サーバ"));
        assert_eq!(normalize("事務 職"), "事務職");
        assert_eq!(normalize("１２０"), "120");
    }

    #[test]
    fn terms_are_bounded_and_normal() {
        assert_eq!(terms("  事務　ﾊﾟｰﾄ  ", 4), vec!["事務", "パト"]);
        assert_eq!(terms("a b c d e f", 3).len(), 3);
        assert_eq!(terms(&"あ".repeat(100), 4)[0].chars().count(), 40);
        assert!(terms("   ", 4).is_empty());
    }
}
