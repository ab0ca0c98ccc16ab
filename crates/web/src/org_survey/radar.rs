//! A radar chart of the six dimension scores (1.0–5.0), server-rendered SVG:
//! one polygon per round (this round solid, the compared one dashed), the
//! axes labelled with their names. No script; the page has the same numbers
//! in a table.

use std::fmt::Write;

use crate::kpi::chart::escape;

const SIZE: f64 = 360.0;
const CENTRE: f64 = 180.0;
const RADIUS: f64 = 110.0;
const COLOURS: [&str; 2] = ["#0031d8", "#c75400"];

fn point(axis: usize, axes: usize, value: f64) -> (f64, f64) {
    let angle = -std::f64::consts::FRAC_PI_2 + axis as f64 * std::f64::consts::TAU / axes as f64;
    let r = RADIUS * (value - 1.0).max(0.0) / 4.0;
    (CENTRE + r * angle.cos(), CENTRE + r * angle.sin())
}

/// `labels` around the circle; per series (label, scores in tenths, None
/// withheld). A series with any score withheld is not drawn.
pub fn radar(title: &str, labels: &[String], series: &[(String, Vec<Option<u64>>)]) -> String {
    let n = labels.len().max(3);
    let legend = 18.0 * series.len() as f64;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {SIZE} {h}" role="img" aria-label="{t}"><title>{t}</title>"#,
        h = SIZE + legend,
        t = escape(title)
    );
    for level in 1..=5 {
        let pts: Vec<String> = (0..n)
            .map(|i| {
                let (x, y) = point(i, n, level as f64);
                format!("{x:.1},{y:.1}")
            })
            .collect();
        let _ = write!(
            svg,
            r##"<polygon points="{}" fill="none" stroke="#b4b4b4" stroke-width="1"></polygon>"##,
            pts.join(" ")
        );
    }
    for (i, label) in labels.iter().enumerate() {
        let (x, y) = point(i, n, 5.0);
        let (lx, ly) = point(i, n, 5.9);
        let anchor = if (lx - CENTRE).abs() < 5.0 {
            "middle"
        } else if lx > CENTRE {
            "start"
        } else {
            "end"
        };
        let _ = write!(
            svg,
            r##"<line x1="{CENTRE}" y1="{CENTRE}" x2="{x:.1}" y2="{y:.1}" stroke="#b4b4b4"></line><text x="{lx:.1}" y="{:.1}" font-size="11" text-anchor="{anchor}" fill="#1a1a1a">{}</text>"##,
            ly + 4.0,
            escape(label)
        );
    }
    for (s, (name, scores)) in series.iter().enumerate() {
        let colour = COLOURS[s % COLOURS.len()];
        let y = SIZE + s as f64 * 18.0;
        let _ = write!(
            svg,
            r##"<rect x="8" y="{:.1}" width="12" height="12" fill="{colour}"></rect><text x="26" y="{:.1}" font-size="13" fill="#1a1a1a">{}</text>"##,
            y - 2.0,
            y + 8.0,
            escape(name)
        );
        let Some(values): Option<Vec<u64>> = scores.iter().copied().collect() else {
            continue;
        };
        let pts: Vec<String> = values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let (x, y) = point(i, n, *v as f64 / 10.0);
                format!("{x:.1},{y:.1}")
            })
            .collect();
        let dash = if s == 0 {
            ""
        } else {
            r#" stroke-dasharray="6 4""#
        };
        let _ = write!(
            svg,
            r##"<polygon points="{}" fill="{colour}" fill-opacity="0.12" stroke="{colour}" stroke-width="2"{dash}></polygon>"##,
            pts.join(" ")
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_score_reaches_the_rim_and_withheld_series_are_not_drawn() {
        let labels: Vec<String> = (1..=6).map(|i| format!("軸{i}")).collect();
        let svg = radar(
            "組織診断",
            &labels,
            &[
                ("今回".into(), vec![Some(50); 6]),
                (
                    "前回".into(),
                    vec![Some(30), None, Some(30), Some(30), Some(30), Some(30)],
                ),
            ],
        );
        // The first axis points up: 5.0 is RADIUS above the centre.
        assert!(svg.contains("180.0,70.0"), "{svg}");
        assert_eq!(
            svg.matches("fill-opacity").count(),
            1,
            "the withheld round is not drawn"
        );
        assert!(svg.contains("前回"));
    }
}
