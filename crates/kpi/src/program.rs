//! The region's program outcomes (事業の成果): how a figure of the employers who
//! took part moved against their own baseline, and against those who did not.
//! Pure arithmetic; the web layer chooses the employers and the years.

/// The smallest group of employers whose mean is shown (the anonymity threshold
/// of DESIGN: a group smaller than 5 could single out one employer).
pub const MIN_GROUP: usize = 5;

/// One employer's figure in the baseline year and in the later year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    pub baseline: f64,
    pub latest: f64,
}

impl Pair {
    /// The change in percent of the baseline, None from a baseline of 0.
    pub fn change_percent(&self) -> Option<f64> {
        crate::engagement::change_percent(self.baseline, self.latest)
    }
}

/// The mean of each employer's baseline and latest value over a group, or None
/// when fewer than [`MIN_GROUP`] employers have both years. Each employer
/// counts once, whatever its size (事業所ごとの値の平均).
pub fn group_mean(pairs: &[Pair]) -> Option<Pair> {
    if pairs.len() < MIN_GROUP {
        return None;
    }
    let n = pairs.len() as f64;
    Some(Pair {
        baseline: pairs.iter().map(|p| p.baseline).sum::<f64>() / n,
        latest: pairs.iter().map(|p| p.latest).sum::<f64>() / n,
    })
}

/// The two fiscal years to compare for program year `fy`: the program year
/// and the one before once `fy` has ended; while it runs, the two latest
/// ended years (a year in progress is never a result).
pub fn years_to_compare(fy: i64, fy_has_ended: bool) -> (i64, i64) {
    let latest = if fy_has_ended { fy } else { fy - 1 };
    (latest - 1, latest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(baseline: f64, latest: f64) -> Pair {
        Pair { baseline, latest }
    }

    #[test]
    fn a_group_under_five_is_not_shown() {
        let four = [p(20.0, 10.0); 4];
        assert_eq!(group_mean(&four), None);
        assert_eq!(group_mean(&[]), None);
    }

    #[test]
    fn the_mean_counts_each_employer_once() {
        // Baselines 10+20+30+40+50 = 150 → 30; latest 8+16+24+32+40 = 120 → 24.
        let g = [
            p(10.0, 8.0),
            p(20.0, 16.0),
            p(30.0, 24.0),
            p(40.0, 32.0),
            p(50.0, 40.0),
        ];
        let m = group_mean(&g).unwrap();
        assert_eq!(m, p(30.0, 24.0));
        // (24 − 30) / 30 = −20 %.
        assert!((m.change_percent().unwrap() + 20.0).abs() < 1e-9);
    }

    #[test]
    fn no_change_from_zero() {
        assert_eq!(p(0.0, 5.0).change_percent(), None);
        assert_eq!(p(12.5, 12.5).change_percent(), Some(0.0));
    }

    #[test]
    fn a_year_in_progress_is_not_compared() {
        assert_eq!(years_to_compare(2026, false), (2024, 2025));
        assert_eq!(years_to_compare(2026, true), (2025, 2026));
    }
}
