//! The analytics' one chart of its own: planned against actual minutes per
//! category, two horizontal bars a row, values written beside each bar. The
//! weekly trend uses the KPI pages' bar chart (`crate::kpi::chart`). No
//! script; the page has a table with the same numbers.

use std::fmt::Write;

use crate::kpi::chart::escape;

/// Planned, then actual: distinct in grey too (dark blue, light orange).
const COLOURS: [&str; 2] = ["#0031d8", "#c75400"];

/// One category: its label, planned and actual minutes, and how each reads.
pub struct PairRow {
    pub label: String,
    pub minutes: [u64; 2],
    pub text: [String; 2],
}

/// The chart of `rows` with a legend of `series` (planned, actual).
pub fn paired_bars(title: &str, series: [&str; 2], rows: &[PairRow]) -> String {
    const WIDTH: f64 = 360.0;
    const BAR: f64 = 12.0;
    const LABEL: f64 = 18.0;
    const LEGEND: f64 = 40.0;
    let per_row = LABEL + BAR * 2.0 + 10.0;
    let height = LEGEND + per_row * rows.len() as f64 + 4.0;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{t}"><title>{t}</title>"#,
        t = escape(title)
    );
    for (i, s) in series.iter().enumerate() {
        let y = i as f64 * 18.0;
        let _ = write!(
            svg,
            r##"<rect x="0" y="{:.1}" width="12" height="12" fill="{}"></rect><text x="18" y="{:.1}" font-size="13" fill="#1a1a1a">{}</text>"##,
            y + 2.0,
            COLOURS[i],
            y + 12.0,
            escape(s)
        );
    }
    let max = rows
        .iter()
        .flat_map(|r| r.minutes)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    for (i, r) in rows.iter().enumerate() {
        let y0 = LEGEND + i as f64 * per_row;
        let _ = write!(
            svg,
            r##"<text x="0" y="{:.1}" font-size="13" fill="#1a1a1a">{}</text>"##,
            y0 + 13.0,
            escape(&r.label)
        );
        for (j, (minutes, colour)) in r.minutes.iter().zip(COLOURS).enumerate() {
            let y = y0 + LABEL + j as f64 * BAR;
            let w = (*minutes as f64 / max) * (WIDTH - 110.0);
            let _ = write!(
                svg,
                r##"<rect x="0" y="{y:.1}" width="{w:.1}" height="{:.1}" fill="{}"></rect><text x="{:.1}" y="{:.1}" font-size="11" fill="#1a1a1a">{}</text>"##,
                BAR - 2.0,
                colour,
                w + 4.0,
                y + 9.0,
                escape(&r.text[j])
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_labels_are_escaped() {
        let rows = [
            PairRow {
                label: "会議<script>".into(),
                minutes: [120, 240],
                text: ["2時間".into(), "4時間".into()],
            },
            PairRow {
                label: "移動".into(),
                minutes: [0, 60],
                text: ["0分".into(), "1時間".into()],
            },
        ];
        let svg = paired_bars("分類別", ["予定", "実績"], &rows);
        assert!(svg.contains("会議&lt;script&gt;"));
        assert!(!svg.contains("<script>"));
        // The longest bar spans the plot (250 units); 120 of 240 is half of it.
        assert!(svg.contains(r#"width="250.0""#), "{svg}");
        assert!(svg.contains(r#"width="125.0""#));
        assert!(svg.contains(r#"width="0.0""#));
    }
}
