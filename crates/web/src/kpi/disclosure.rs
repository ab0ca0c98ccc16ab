//! The statement of 男性の育児休業等取得率 in the form the law asks for disclosure
//! (育児・介護休業法 第22条の2, 施行規則 第71条の4; LABOR_RULES §3): which method,
//! which period, the rate truncated to a whole percent, and the counts behind it.
//! A zero denominator has no rate and says so.

use crate::i18n::Tr;

/// 第71条の4 第1号 (育児休業等) or 第2号 (育児休業等と育児目的休暇).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    One,
    Two,
}

/// What the statement is made of.
pub struct Statement<'a> {
    pub org_name: &'a str,
    pub fiscal_year: i64,
    pub period_from: &'a str,
    pub period_to: &'a str,
    pub method: Method,
    /// Men whose spouse gave birth in the year.
    pub births: i64,
    /// Men who took 育児休業等 (method 1) or also 育児目的休暇 (method 2).
    pub takers: i64,
}

/// The rate as the law has it published: truncated to a whole percent, None
/// without births (LABOR_RULES §3: a zero denominator has no rate).
pub fn rate_percent(takers: i64, births: i64) -> Option<i64> {
    let (Ok(t), Ok(b)) = (u64::try_from(takers), u64::try_from(births)) else {
        return None;
    };
    kpi::percent_truncated(t, b).and_then(|p| i64::try_from(p).ok())
}

/// The text to paste on a website, in the reader's language.
pub fn text(t: &Tr, s: &Statement) -> String {
    let year = crate::declarations::fiscal_year_label(t, s.fiscal_year);
    let (rate_key, method_key, takers_key) = match s.method {
        Method::One => (
            "disclosure.rate_method1",
            "disclosure.method1",
            "disclosure.takers_method1",
        ),
        Method::Two => (
            "disclosure.rate_method2",
            "disclosure.method2",
            "disclosure.takers_method2",
        ),
    };
    let head = t
        .t(rate_key)
        .replace("{org}", s.org_name)
        .replace("{year}", &year)
        .replace("{from}", &t.date(s.period_from))
        .replace("{to}", &t.date(s.period_to));
    let rate = match rate_percent(s.takers, s.births) {
        Some(r) => t.f1("disclosure.rate", "rate", r),
        None => t.t("disclosure.no_births").to_string(),
    };
    let counts = t.f2(takers_key, "births", s.births, "takers", s.takers);
    format!(
        "{head}{rate}\n{}{counts}{}",
        t.t(method_key),
        t.t("disclosure.truncated")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn statement(method: Method, births: i64, takers: i64) -> Statement<'static> {
        Statement {
            org_name: "はまなすケミカル株式会社",
            fiscal_year: 2025,
            period_from: "2025-04-01",
            period_to: "2026-03-31",
            method,
            births,
            takers,
        }
    }

    #[test]
    fn method_one_statement_truncates_and_shows_the_counts() {
        // 5 of 13 = 38.46… % → 38 %.
        let s = text(&Tr::new(Lang::Ja), &statement(Method::One, 13, 5));
        assert!(s.starts_with("はまなすケミカル株式会社の2025年度（令和7年度）（2025年4月1日〜2026年3月31日）における男性労働者の育児休業等の取得割合は38%です。"), "{s}");
        assert!(s.contains("第71条の4第1号"), "{s}");
        assert!(
            s.contains("配偶者が出産した男性労働者13人のうち、育児休業等を取得した者5人"),
            "{s}"
        );
        assert!(s.contains("小数第1位以下を切り捨て"), "{s}");
    }

    #[test]
    fn method_two_and_english_and_no_births() {
        let s = text(&Tr::new(Lang::Ja), &statement(Method::Two, 13, 7));
        assert!(
            s.contains("育児休業等と育児目的休暇の取得割合は53%です"),
            "{s}"
        );
        assert!(s.contains("第71条の4第2号"), "{s}");
        let s = text(&Tr::new(Lang::En), &statement(Method::One, 3, 2));
        assert!(s.contains("was 66%"), "2 of 3 truncated: {s}");
        let s = text(&Tr::new(Lang::Ja), &statement(Method::One, 0, 1));
        assert!(s.contains("算出できません") && !s.contains('%'), "{s}");
        assert_eq!(
            rate_percent(4, 3),
            Some(133),
            "different groups: may exceed 100 %"
        );
    }
}
